//! USB sticks: lay one out, sign it, check it, and refresh it without ever leaving it half
//! written. No terminal code here; the CLI ([`crate::cli`]) and the reader ([`crate::tui`]) call in.
//!
//! A stick holds a few fixed launchers at the top and one content folder, `manualpack/`, with the
//! binaries, the packs, the editions (`print/`, `html/` when they exist), `manifest.json` (every
//! file's size and SHA-256) and `manifest.json.minisig` (minisign's format). A refresh writes the
//! new content into `.manualpack-new/`, checks it, then swaps folders with two renames.
//!
//! Children: [`content`] collects what goes on a stick ([`content::StickContent`], the seam for
//! the print and HTML editions) and checks it against FAT32/exFAT rules; [`launchers`] holds the
//! launcher texts; [`manifest`] is the signed file list; [`keys`] makes, reads and uses keys;
//! [`mod@plan`] works out before writing what a build will do and whether to refuse it (the check
//! gate, the refresh summary); [`build`] writes and swaps; [`verify`] checks a stick; [`status`]
//! sums a check up for the reader.

pub mod build;
pub mod content;
pub mod keys;
pub mod launchers;
pub mod manifest;
pub mod plan;
pub mod status;
pub mod verify;

use std::path::{Path, PathBuf};

pub use build::{BuildOptions, BuildReport, build, plan};
pub use content::StickContent;
pub use keys::{Signer, TrustedKey};
pub use plan::Plan;
pub use status::StickStatus;
pub use verify::{Finding, Report, verify};

use crate::sanitize::clean_line;

/// The content folder on the stick: swapped as a whole on refresh.
pub const CONTENT_DIR: &str = "manualpack";
/// Where a refresh writes the new content before the switch.
pub const NEW_DIR: &str = ".manualpack-new";
/// Where the old content waits during the switch, until it is deleted.
pub const OLD_DIR: &str = ".manualpack-old";
/// The signed file list, inside the content folder.
pub const MANIFEST: &str = "manifest.json";
/// The minisign signature of the manifest.
pub const SIGNATURE: &str = "manifest.json.minisig";
/// In the content folder: `previous/<pack id>.json`, the [`crate::changes::PackSnapshot`] of
/// each pack as it was before the last refresh that changed it, so readers can show what changed.
pub const PREVIOUS_DIR: &str = "previous";
/// The public key that signed the stick (proves integrity, not trust).
pub const STICK_KEY: &str = "signing-key.pub";
/// Binary names, as `scripts/dist.sh` writes them and as they sit on the stick.
pub const WINDOWS_EXE: &str = "manualpack.exe";
pub const LINUX_BIN: &str = "manualpack-linux-x86_64";
pub const MAC_BINS: [&str; 2] = ["manualpack-macos-aarch64", "manualpack-macos-x86_64"];

/// What can stop a stick from being built or keys from being made.
#[derive(Debug, thiserror::Error)]
pub enum StickError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Key { path: String, message: String },
    /// Refused before anything was written; the message says what to do.
    #[error("{0}")]
    Refused(String),
    /// The plan made before writing lists reasons to refuse ([`Plan::refused`]); nothing was
    /// written. The plan holds the check results and the refresh summary to show.
    #[error("{}", plan::text::refusals(&.0.refused, false).trim_end())]
    Rejected(Box<Plan>),
    #[error("the new content failed its own check, so the stick was not switched: {0}")]
    SelfCheck(String),
    #[error("stopped by the test hook after {0} step(s)")]
    Interrupted(usize),
}

impl StickError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        StickError::Io {
            path: shown(path),
            source,
        }
    }
}

/// A path for messages, sanitised.
pub fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string())
}

/// Where the content of the stick at `dest` is, and a note when a refresh was interrupted during
/// the switch. `dest` may be the stick's top or the content folder itself.
pub fn locate_content(dest: &Path) -> Option<(PathBuf, Option<String>)> {
    if dest.join(MANIFEST).is_file() {
        return Some((dest.to_path_buf(), None));
    }
    let current = dest.join(CONTENT_DIR);
    if current.is_dir() {
        return Some((current, None));
    }
    let old = dest.join(OLD_DIR);
    if old.is_dir() {
        let note = format!(
            "a refresh was stopped between its two renames: this is the previous content, complete, in {OLD_DIR}; \
             run `manualpack stick build` again to finish"
        );
        return Some((old, Some(note)));
    }
    None
}

/// Lowercase hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
