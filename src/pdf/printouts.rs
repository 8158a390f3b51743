//! The printouts folder: where the reader saves PDFs ([`Folders::printouts`]: `printouts` in the
//! per-user data folder, or `$MANUALPACK_PRINTOUTS` when set).

use std::path::PathBuf;

use crate::folders::Folders;

/// Save `bytes` as `name` (a file name made of a pack and document id) in the printouts folder.
pub fn save(folders: &Folders, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let dir = folders
        .printouts
        .clone()
        .ok_or("this system has no per-user data folder; use `manualpack print` instead")?;
    std::fs::create_dir_all(&dir).map_err(|e| {
        format!(
            "cannot create {}: {e}",
            crate::sanitize::clean_line(&dir.display().to_string())
        )
    })?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let path = dir.join(safe);
    std::fs::write(&path, bytes).map_err(|e| {
        format!(
            "cannot write {}: {e}",
            crate::sanitize::clean_line(&path.display().to_string())
        )
    })?;
    Ok(path)
}
