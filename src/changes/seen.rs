//! What this PC has seen of each pack: the version it last opened, a snapshot of it, and the
//! version before, so the reader can say "Changed in version 12", list what changed and mark the
//! changed steps until each changed document has been opened once.
//!
//! One file per pack in the state folder (the incident log's folder, see
//! [`crate::incident::store::locate`]): `seen/<pack id>.json`, a [`Seen`]. Only the state folder
//! is written, never a pack. A file that cannot be read (damaged, another format, too big) is
//! ignored and written afresh; a folder that cannot be written only means the notice shows again
//! next time.
//!
//! The start is in two steps, so the first screen waits for no document: [`find`] reads the file
//! (and the stick's `previous/<pack id>.json`) and knows at once whether a notice is due
//! ([`Found::notice`]); [`Found::settle`], in the background, sums the pack up and gives what to
//! keep and what changed ([`Settled`]).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::snapshot::PackSnapshot;
use super::{PackChange, compare};
use crate::pack::{ChangeEntry, Pack, PackMeta};
use crate::sanitize::clean_line;

/// The folder of the state folder that holds one file per pack.
pub const DIR: &str = "seen";
/// The format of the file written by this version.
pub const FORMAT: u32 = 1;
/// Largest file read: two snapshots.
const MAX_FILE: u64 = 2 * super::MAX_SNAPSHOT_BYTES;

/// One pack as this PC has seen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub format: u32,
    /// The latest version this PC has opened.
    pub version: i64,
    /// That version, summed up.
    pub snapshot: PackSnapshot,
    /// The version before it, when this PC (or the stick) knew one.
    pub previous: Option<PackSnapshot>,
    /// Documents opened since the change (their changed steps are no longer marked).
    pub opened: Vec<String>,
    /// The changes screen has been opened (the notice no longer shows).
    pub changes_viewed: bool,
}

/// "Changed in version 12" (since version 11, when known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub version: i64,
    pub since: Option<i64>,
}

/// What the start found for one pack, before any document is read.
#[derive(Debug, Clone)]
pub struct Found {
    pub pack: String,
    pub version: i64,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// Nothing known: this PC opens the pack for the first time.
    First,
    /// Nothing on this PC, but the stick kept the version before its last refresh.
    Stick(Box<PackSnapshot>),
    /// This version, seen before.
    Same(Box<Seen>),
    /// An older version seen before: the pack changed since.
    Rose(Box<Seen>),
    /// A newer version seen before (an older stick): nothing marked, nothing written.
    Newer(i64),
}

/// A pack's record, settled once the pack is summed up: what to keep, whether it must be
/// written, and what changed since the version before (empty when none is known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    pub seen: Seen,
    pub change: Option<PackChange>,
    /// The file on disk is not this (new, changed, or damaged).
    pub dirty: bool,
}

/// The practice's own notes (`[[changes]]` in `pack.toml`) on what changed since version
/// `since` up to `version`, newest first; this version's alone when no earlier one is known.
pub fn notes(meta: &PackMeta, version: i64, since: Option<i64>) -> Vec<&ChangeEntry> {
    meta.changes
        .iter()
        .filter(|c| c.version <= version && since.map_or(c.version == version, |s| c.version > s))
        .collect()
}

/// "Version 12, 2026-09-14: Steps 4 and 5 changed. (Phones down, Power cut)": the documents
/// named by their titles in `pack` (by id when it has no such document).
pub fn note_line(entry: &ChangeEntry, pack: &Pack) -> String {
    let titles: Vec<&str> = entry
        .docs
        .iter()
        .map(|id| pack.doc(id).map_or(id.as_str(), |d| d.title.as_str()))
        .collect();
    let docs = if titles.is_empty() {
        String::new()
    } else {
        format!(" ({})", titles.join(", "))
    };
    format!(
        "Version {}, {}: {}{docs}",
        entry.version, entry.date, entry.summary
    )
}

/// The file of pack `id` in the state folder `dir`.
pub fn path(dir: &Path, id: &str) -> PathBuf {
    dir.join(DIR).join(format!("{id}.json"))
}

/// Where a stick keeps the packs' previous versions, when the packs at `packs` are on one
/// (a `manifest.json` beside the packs folder, or beside the folder holding it).
pub fn stick_previous(packs: &Path) -> Option<PathBuf> {
    let packs = packs.canonicalize().unwrap_or_else(|_| packs.to_path_buf());
    [packs.parent(), packs.parent().and_then(Path::parent)]
        .into_iter()
        .flatten()
        .find(|base| base.join(crate::stick::MANIFEST).is_file())
        .map(|content| content.join(crate::stick::PREVIOUS_DIR))
}

fn read_small(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut text = String::new();
    file.take(MAX_FILE + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= MAX_FILE).then_some(text)
}

/// Read pack `id`'s file in `dir`; `None` when there is none or it cannot be used.
pub fn read(dir: &Path, id: &str) -> Option<Seen> {
    let text = read_small(&path(dir, id))?;
    let seen: Seen = serde_json::from_str(&text).ok()?;
    let fits = seen.format == FORMAT
        && seen.snapshot.id == id
        && seen.snapshot.version == Some(seen.version)
        && seen
            .previous
            .as_ref()
            .is_none_or(|p| p.version.is_some_and(|v| v < seen.version));
    // the file may have been written by anyone: every text is sanitised, as pack content is
    fits.then(|| {
        let mut seen = seen;
        seen.snapshot.clean();
        if let Some(p) = seen.previous.as_mut() {
            p.clean();
        }
        seen.opened = seen.opened.iter().map(|d| clean_line(d)).collect();
        seen
    })
}

/// The stick's snapshot of pack `id` before its last refresh, in `previous` (the stick's
/// `previous/` folder); `None` when there is none or it cannot be used.
pub fn read_previous(previous: &Path, id: &str) -> Option<PackSnapshot> {
    super::read_snapshot(&previous.join(format!("{id}.json"))).filter(|s| s.id == id)
}

/// Write `seen` to its file in `dir`, whole or not at all (a temporary file, then a rename). A
/// record too big to be read back (a pack of thousands of documents) is not written.
pub fn write(dir: &Path, seen: &Seen) -> std::io::Result<()> {
    let target = path(dir, &seen.snapshot.id);
    let folder = dir.join(DIR);
    let text = serde_json::to_string(seen).map_err(std::io::Error::other)?;
    if text.len() as u64 > MAX_FILE {
        return Err(std::io::Error::other(
            "the record would be too big to read back",
        ));
    }
    std::fs::create_dir_all(&folder)?;
    let temp = folder.join(format!(".{}.json.tmp", seen.snapshot.id));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, &target)
}

/// What is known of pack `pack` at `version` from the state folder `dir` and the stick's
/// `previous/` folder. `None` for a pack without a version (nothing to key it by).
pub fn find(
    dir: Option<&Path>,
    previous: Option<&Path>,
    pack: &str,
    version: Option<i64>,
) -> Option<Found> {
    let version = version?;
    let kind = match dir.and_then(|d| read(d, pack)) {
        Some(seen) if seen.version == version => Kind::Same(Box::new(seen)),
        Some(seen) if seen.version < version => Kind::Rose(Box::new(seen)),
        Some(seen) => Kind::Newer(seen.version),
        None => match previous.and_then(|p| read_previous(p, pack)) {
            Some(old) if old.version.is_some_and(|v| v < version) => Kind::Stick(Box::new(old)),
            _ => Kind::First,
        },
    };
    Some(Found {
        pack: pack.to_string(),
        version,
        kind,
    })
}

impl Found {
    /// The newer version this PC has opened before, when this copy of the pack is older.
    pub fn newer(&self) -> Option<i64> {
        match self.kind {
            Kind::Newer(v) => Some(v),
            _ => None,
        }
    }

    /// The notice due, known before any document is read.
    pub fn notice(&self) -> Option<Notice> {
        let since = match &self.kind {
            Kind::First | Kind::Newer(_) => return None,
            Kind::Stick(old) => old.version,
            Kind::Rose(seen) => Some(seen.version),
            Kind::Same(seen) => return seen.notice(),
        };
        Some(Notice {
            version: self.version,
            since,
        })
    }

    /// What to keep, now that the pack as it is can be summed up (`current`, called at most
    /// once). `None` when nothing is kept (a newer version was seen on this PC).
    pub fn settle(self, current: impl FnOnce() -> PackSnapshot) -> Option<Settled> {
        let fresh = |previous: Option<PackSnapshot>, snapshot: PackSnapshot| Seen {
            format: FORMAT,
            version: self.version,
            snapshot,
            previous,
            opened: Vec::new(),
            changes_viewed: false,
        };
        let (seen, dirty) = match self.kind {
            Kind::Newer(_) => return None,
            Kind::First => (fresh(None, current()), true),
            Kind::Stick(old) => (fresh(Some(*old), current()), true),
            Kind::Rose(seen) => (fresh(Some(seen.snapshot), current()), true),
            // nothing changed since the version before: no marks to follow, so the documents are
            // not read again at every start (a stick of many packs would pay for it each time)
            Kind::Same(seen) if seen.previous.is_none() => (*seen, false),
            Kind::Same(mut seen) => {
                // the same version whose content was edited in place: marks follow the content
                let now = current();
                let dirty = now != seen.snapshot;
                seen.snapshot = now;
                (*seen, dirty)
            }
        };
        let change = seen
            .previous
            .as_ref()
            .map(|old| compare(Some(old), Some(&seen.snapshot)));
        Some(Settled {
            seen,
            change,
            dirty,
        })
    }
}

impl Seen {
    /// The notice, while the changes have not been looked at.
    pub fn notice(&self) -> Option<Notice> {
        let since = self.previous.as_ref()?.version;
        (!self.changes_viewed).then_some(Notice {
            version: self.version,
            since,
        })
    }
}

impl Settled {
    /// The notice, while the changes have not been looked at.
    pub fn notice(&self) -> Option<Notice> {
        self.seen.notice()
    }

    /// The steps of document `doc` to mark (positions in [`crate::document::Document::steps`]):
    /// those changed since the version before, until the document has been opened once.
    pub fn marks(&self, doc: &str) -> Vec<usize> {
        if self.seen.opened.iter().any(|d| d == doc) {
            return Vec::new();
        }
        self.change
            .as_ref()
            .and_then(|c| c.doc(doc))
            .map(super::DocChange::changed_steps)
            .unwrap_or_default()
    }

    /// Record that document `doc` was opened; true when that changed anything (a document that
    /// changed, opened for the first time since).
    pub fn open(&mut self, doc: &str) -> bool {
        let changed = self.change.as_ref().is_some_and(|c| c.doc(doc).is_some());
        if !changed || self.seen.opened.iter().any(|d| d == doc) {
            return false;
        }
        self.seen.opened.push(doc.to_string());
        true
    }

    /// Record that the changes screen was opened; true when that changed anything.
    pub fn view(&mut self) -> bool {
        let was = self.seen.changes_viewed;
        self.seen.changes_viewed = true;
        !was
    }
}

#[cfg(test)]
mod tests;
