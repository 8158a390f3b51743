//! Files of a pack that are not documents (photos, diagrams) that an output may show: read from
//! the pack's folder on demand, never following a symbolic link, never leaving the folder, and
//! never more than the caller's limit.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::document::{Document, LinkTarget};

/// Why a pack's file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssetError {
    #[error("the pack has no file `{0}`")]
    Missing(String),
    #[error("`{0}` is not a plain file of the pack (a folder or a symbolic link)")]
    NotAFile(String),
    #[error("`{0}` is {1} bytes, more than the {2} bytes allowed")]
    TooLarge(String, u64, u64),
    #[error("`{0}` could not be read: {1}")]
    Unreadable(String, String),
    #[error("this pack is built into the program and has no other files")]
    NoFolder,
}

/// The path of `rel` under `root` if every part of it is a plain folder or file, not a link.
fn checked_path(root: &Path, rel: &str) -> Result<PathBuf, AssetError> {
    let mut path = root.to_path_buf();
    let parts: Vec<_> = Path::new(rel).components().collect();
    if parts.is_empty() {
        return Err(AssetError::Missing(rel.to_string()));
    }
    for (i, part) in parts.iter().enumerate() {
        let Component::Normal(name) = part else {
            return Err(AssetError::NotAFile(rel.to_string()));
        };
        path.push(name);
        let meta = match path.symlink_metadata() {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(AssetError::Missing(rel.to_string()));
            }
            Err(e) => return Err(AssetError::Unreadable(rel.to_string(), e.to_string())),
        };
        let last = i + 1 == parts.len();
        let fine = if last {
            meta.file_type().is_file()
        } else {
            meta.file_type().is_dir()
        };
        if !fine {
            return Err(AssetError::NotAFile(rel.to_string()));
        }
    }
    Ok(path)
}

/// True if `rel` is a plain file under `root`.
pub fn exists(root: Option<&Path>, rel: &str) -> bool {
    root.is_some_and(|r| checked_path(r, rel).is_ok())
}

/// Read `rel` under `root`, at most `max` bytes.
pub fn read(root: Option<&Path>, rel: &str, max: u64) -> Result<Vec<u8>, AssetError> {
    let root = root.ok_or(AssetError::NoFolder)?;
    let path = checked_path(root, rel)?;
    let unreadable = |e: std::io::Error| AssetError::Unreadable(rel.to_string(), e.to_string());
    let file = std::fs::File::open(&path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > max {
        return Err(AssetError::TooLarge(rel.to_string(), len, max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // read one byte past the limit, so a file that grew since its size was taken is caught
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(AssetError::TooLarge(
            rel.to_string(),
            bytes.len() as u64,
            max,
        ));
    }
    Ok(bytes)
}

/// The images of `doc` (indexes into its links) whose files are not in the pack at `root`.
pub fn missing_images(root: Option<&Path>, doc: &Document) -> Vec<u32> {
    doc.links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.image)
        .filter(|(_, l)| match &l.target {
            LinkTarget::File(rel) => !exists(root, rel),
            _ => true,
        })
        .filter_map(|(i, _)| u32::try_from(i).ok())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pack() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/a.png"), b"12345").unwrap();
        dir
    }

    #[test]
    fn reads_a_file_within_its_limit() {
        let d = pack();
        assert_eq!(read(Some(d.path()), "images/a.png", 5).unwrap(), b"12345");
        assert!(matches!(
            read(Some(d.path()), "images/a.png", 4),
            Err(AssetError::TooLarge(_, 5, 4))
        ));
        assert!(exists(Some(d.path()), "images/a.png"));
    }

    #[test]
    fn missing_folders_and_escapes_are_refused() {
        let d = pack();
        let root = Some(d.path());
        assert!(matches!(
            read(root, "images/b.png", 9),
            Err(AssetError::Missing(_))
        ));
        assert!(matches!(
            read(root, "images", 9),
            Err(AssetError::NotAFile(_))
        ));
        assert!(matches!(
            read(root, "../a.png", 9),
            Err(AssetError::NotAFile(_))
        ));
        assert!(matches!(
            read(root, "/etc/passwd", 9),
            Err(AssetError::NotAFile(_))
        ));
        assert!(matches!(
            read(None, "images/a.png", 9),
            Err(AssetError::NoFolder)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_never_followed() {
        let d = pack();
        std::os::unix::fs::symlink(d.path().join("images/a.png"), d.path().join("b.png")).unwrap();
        std::os::unix::fs::symlink(d.path().join("images"), d.path().join("pics")).unwrap();
        let root = Some(d.path());
        assert!(matches!(
            read(root, "b.png", 9),
            Err(AssetError::NotAFile(_))
        ));
        assert!(matches!(
            read(root, "pics/a.png", 9),
            Err(AssetError::NotAFile(_))
        ));
    }

    #[test]
    fn missing_images_names_only_absent_image_files() {
        let d = pack();
        let doc = crate::markdown::parse(
            "![here](../images/a.png) ![gone](../images/b.png) [file](../images/b.png)",
            crate::markdown::Context {
                dir: "procedures",
                line_offset: 0,
            },
        );
        assert_eq!(missing_images(Some(d.path()), &doc), vec![1]);
        assert_eq!(missing_images(None, &doc), vec![0, 1]);
    }
}
