//! The program's own folders (never a pack's): where incident state, printouts, exported reports
//! and trusted keys go. Resolved once, at start, from the environment and the system's per-user
//! folders, into one [`Folders`] value that is passed to whatever needs it; nothing else reads
//! these environment variables or asks the system for these folders.
//!
//! | folder | default | override |
//! | --- | --- | --- |
//! | state (incident log) | portable `manualpack-state/` beside `packs/`, else the per-user data folder | `$MANUALPACK_STATE_DIR` |
//! | printouts (PDFs saved in the reader) | `printouts` in the per-user data folder | `$MANUALPACK_PRINTOUTS` |
//! | trusted keys | `trusted-keys` in the per-user config folder | `--pubkey` |
//! | search index cache (packs not on a stick) | `index` in the per-user cache folder | `$MANUALPACK_CACHE_DIR` |
//! | temporary | the system's | |

use std::path::{Path, PathBuf};

/// The one identity under which the system's per-user folders are asked for.
const QUALIFIER: (&str, &str, &str) = ("uk", "manualpack", "manualpack");

/// Every folder of the program's own, resolved once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// `$MANUALPACK_STATE_DIR`, which wins over portable mode and the data folder.
    pub state_override: Option<PathBuf>,
    /// The per-user data folder (the incident log when not portable).
    pub data: Option<PathBuf>,
    /// Where the reader saves PDFs.
    pub printouts: Option<PathBuf>,
    /// The per-user config folder (`trusted-keys/` inside it).
    pub config: Option<PathBuf>,
    /// Where versions before 0.2 kept trusted keys on Windows and macOS (read as well, so
    /// keys trusted there still count).
    pub legacy_config: Option<PathBuf>,
    /// The last place a report can be written.
    pub temp: PathBuf,
    /// The per-user cache folder: search indexes of packs opened outside a stick.
    pub cache: Option<PathBuf>,
}

impl Folders {
    /// The folders for this user and environment: the only place they are worked out.
    pub fn from_env() -> Folders {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let (q, o, a) = QUALIFIER;
        let dirs = directories::ProjectDirs::from(q, o, a);
        let data = dirs.as_ref().map(|d| d.data_dir().to_path_buf());
        let config = dirs.as_ref().map(|d| d.config_dir().to_path_buf());
        let legacy_config = directories::ProjectDirs::from("", "", "manualpack")
            .map(|d| d.config_dir().to_path_buf())
            .filter(|legacy| Some(legacy) != config.as_ref());
        Folders {
            state_override: var("MANUALPACK_STATE_DIR"),
            printouts: var("MANUALPACK_PRINTOUTS")
                .or_else(|| data.as_ref().map(|d| d.join("printouts"))),
            data,
            config,
            legacy_config,
            temp: std::env::temp_dir(),
            cache: var("MANUALPACK_CACHE_DIR")
                .or_else(|| dirs.as_ref().map(|d| d.cache_dir().to_path_buf())),
        }
    }

    /// Every folder inside `root` (tests, and anyone who wants the program contained).
    pub fn under(root: &Path) -> Folders {
        Folders {
            state_override: Some(root.join("state")),
            data: Some(root.join("data")),
            printouts: Some(root.join("printouts")),
            config: Some(root.join("config")),
            legacy_config: None,
            temp: root.join("tmp"),
            cache: Some(root.join("cache")),
        }
    }

    /// Folders that hold trusted public keys, in the order they are read.
    pub fn trusted_keys(&self) -> Vec<PathBuf> {
        [&self.config, &self.legacy_config]
            .into_iter()
            .flatten()
            .map(|d| d.join("trusted-keys"))
            .collect()
    }

    /// Where to write an exported report, in order of preference: the state folder given,
    /// the data folder, then the temporary folder.
    pub fn report_dirs(&self, state: Option<&Path>) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = state.map(|s| s.join("exports")).into_iter().collect();
        out.extend(self.data.as_ref().map(|d| d.join("exports")));
        out.push(self.temp.clone());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_a_root_everything_stays_inside_it() {
        let root = Path::new("/x/y");
        let f = Folders::under(root);
        for dir in [
            f.state_override.clone(),
            f.data.clone(),
            f.printouts.clone(),
            f.config.clone(),
            Some(f.temp.clone()),
        ]
        .into_iter()
        .flatten()
        .chain(f.trusted_keys())
        .chain(f.report_dirs(None))
        {
            assert!(dir.starts_with(root), "{}", dir.display());
        }
    }

    #[test]
    fn reports_go_to_the_state_folder_first_and_the_temporary_folder_last() {
        let f = Folders::under(Path::new("/r"));
        let dirs = f.report_dirs(Some(Path::new("/r/state")));
        assert_eq!(dirs.first(), Some(&PathBuf::from("/r/state/exports")));
        assert_eq!(dirs.last(), Some(&PathBuf::from("/r/tmp")));
    }
}
