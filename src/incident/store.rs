//! Where incident state lives and how it is written.
//!
//! Location, in order: `$MANUALPACK_STATE_DIR`; *portable mode*, a `manualpack-state/` folder
//! beside the `packs/` folder (so the log travels with the stick); else the per-user data folder.
//! Never inside a pack. When the folder cannot be written (read-only stick, locked-down profile)
//! the program keeps working with the log in memory and says so.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{Log, Record};
use crate::folders::Folders;
use crate::sanitize::clean_line;

/// The log file's name inside the state folder.
pub const LOG_FILE: &str = "incidents.log";
/// The folder that turns on portable mode when it sits beside `packs/`.
pub const PORTABLE_DIR: &str = "manualpack-state";

/// How the state folder was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `$MANUALPACK_STATE_DIR`.
    Environment,
    /// `manualpack-state/` beside the packs.
    Portable,
    /// The per-user data folder.
    User,
    /// No folder could be found at all.
    None,
}

/// The incident log and where it is kept.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: Option<PathBuf>,
    pub mode: Mode,
    pub log: Log,
    /// Why nothing is being saved, when that is so.
    pub not_saved: Option<String>,
    /// A problem reading the log (damaged lines, kept aside), to show once.
    pub warning: Option<String>,
}

/// Choose the state folder for packs opened from `packs` (None: the built-in example).
pub fn locate(folders: &Folders, packs: Option<&Path>) -> (Option<PathBuf>, Mode) {
    if let Some(dir) = &folders.state_override {
        return (Some(dir.clone()), Mode::Environment);
    }
    if let Some(p) = packs {
        let p = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        for base in [p.parent(), p.parent().and_then(Path::parent)]
            .into_iter()
            .flatten()
        {
            let portable = base.join(PORTABLE_DIR);
            if portable.is_dir() {
                return (Some(portable), Mode::Portable);
            }
        }
    }
    match &folders.data {
        Some(d) => (Some(d.clone()), Mode::User),
        None => (None, Mode::None),
    }
}

impl Store {
    /// Open the store for packs opened from `packs`: create the folder, read the log.
    pub fn open(folders: &Folders, packs: Option<&Path>) -> Store {
        let (dir, mode) = locate(folders, packs);
        Store::open_in(dir, mode)
    }

    pub fn open_in(dir: Option<PathBuf>, mode: Mode) -> Store {
        let mut store = Store {
            dir: dir.clone(),
            mode,
            log: Log::default(),
            not_saved: None,
            warning: None,
        };
        let Some(dir) = dir else {
            store.not_saved = Some("no folder to save in was found".into());
            return store;
        };
        store.read();
        if let Err(e) =
            std::fs::create_dir_all(&dir).and_then(|()| open_append(&dir.join(LOG_FILE)).map(drop))
        {
            store.not_saved = Some(format!(
                "{} cannot be written ({e})",
                clean_line(&dir.display().to_string())
            ));
        }
        store
    }

    /// Only memory: for tests and for when saving is impossible.
    pub fn in_memory(reason: &str) -> Store {
        Store {
            dir: None,
            mode: Mode::None,
            log: Log::default(),
            not_saved: Some(reason.into()),
            warning: None,
        }
    }

    pub fn log_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(LOG_FILE))
    }

    pub fn saving(&self) -> bool {
        self.not_saved.is_none()
    }

    /// Re-read the log file (to see entries another copy of the program appended). Does
    /// nothing when not saving, so records kept only in memory are never dropped.
    pub fn reload(&mut self) {
        if self.saving() {
            self.read();
        }
    }

    fn read(&mut self) {
        let Some(path) = self.log_path() else { return };
        let Ok(bytes) = std::fs::read(&path) else {
            return;
        };
        let text = String::from_utf8_lossy(&bytes);
        let log = Log::parse(&text);
        if !log.damaged.is_empty() && self.warning.is_none() {
            let aside = path.with_extension(format!(
                "log.damaged-{}",
                jiff::Timestamp::now().as_second()
            ));
            let kept = std::fs::write(&aside, &bytes).is_ok();
            let lines: Vec<String> = log
                .damaged
                .iter()
                .take(5)
                .map(ToString::to_string)
                .collect();
            self.warning = Some(format!(
                "{} damaged line(s) in {} (line {}) skipped{}",
                log.damaged.len(),
                clean_line(&path.display().to_string()),
                lines.join(", "),
                if kept {
                    format!(
                        "; a copy was kept as {}",
                        clean_line(&aside.display().to_string())
                    )
                } else {
                    String::new()
                }
            ));
        }
        self.log = log;
    }

    /// Record an event: appended to the file (flushed and synced) when saving, always kept in
    /// memory. A failed write switches to memory-only and says why.
    pub fn append(&mut self, record: Record) {
        if self.saving()
            && let Some(path) = self.log_path()
        {
            if let Err(e) = append_line(&path, &record) {
                self.not_saved = Some(format!(
                    "writing {} failed ({e})",
                    clean_line(&path.display().to_string())
                ));
            } else {
                self.read();
                if self.log.records.last() == Some(&record) || self.log.records.contains(&record) {
                    return;
                }
            }
        }
        self.log.records.push(record);
    }
}

fn open_append(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)
}

/// Append one record as one line with one write, after making sure the file ends with a newline
/// (a pulled stick can leave a half-written last line), then sync.
fn append_line(path: &Path, record: &Record) -> std::io::Result<()> {
    let mut file = open_append(path)?;
    let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
    line.push('\n');
    let len = file.metadata()?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            line.insert(0, '\n');
        }
    }
    file.write_all(line.as_bytes())?;
    file.flush()?;
    file.sync_all()
}
