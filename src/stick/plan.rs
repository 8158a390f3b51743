//! What a `stick build` will do, worked out before anything is written: the check gate (the
//! packs must pass `manualpack check`), the refresh summary (what changes on the stick, from the
//! one change model, [`crate::changes`]) and every reason to refuse. `stick build --dry-run`
//! stops here; a real build writes only when [`Plan::refused`] is empty.
//!
//! Children: [`text`] says a plan in words and as JSON.

pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::content::{Source, StickContent};
use super::manifest::{self, Manifest};
use super::{MANIFEST, PREVIOUS_DIR, locate_content};
use crate::changes::{self, Change, NumberChange, PackChange, PackSnapshot, PackStatus};
use crate::check::{self, Diagnostic};
use crate::pack::PackSet;
use crate::sanitize::clean_line;

/// Everything decided before writing.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The stick's top folder, for messages.
    pub stick: String,
    /// The packs folder given (`--packs`), for messages.
    pub packs_from: String,
    /// True when the stick had content before this build (a refresh, not a first build).
    pub refresh: bool,
    /// When the stick's current content was built, if its manifest reads.
    pub replaces_built: Option<String>,
    pub check: CheckGate,
    pub key: KeyChange,
    /// Every pack of the new set, then the ones only on the stick.
    pub packs: Vec<PackPlan>,
    /// Why the build will not go ahead; empty when it will.
    pub refused: Vec<Refusal>,
}

/// `manualpack check` on the packs about to go on the stick.
#[derive(Debug, Clone, Serialize)]
pub struct CheckGate {
    /// Packs checked.
    pub packs: usize,
    pub errors: usize,
    pub warnings: usize,
    /// True when `--allow-errors` lets errors through.
    pub allowed: bool,
    /// Every diagnostic, as `manualpack check --json` prints them.
    pub diagnostics: Vec<Diagnostic>,
}

/// The key that signed the stick before, and the key signing it now.
#[derive(Debug, Clone, Serialize)]
pub struct KeyChange {
    /// `None` on a first build, or when the old manifest could not be read.
    pub old: Option<String>,
    pub new: String,
}

/// One pack: what changes, and what this build does with `previous/<id>.json`.
#[derive(Debug, Clone, Serialize)]
pub struct PackPlan {
    #[serde(flatten)]
    pub change: PackChange,
    /// Every phone number that changed (old and new): [`PackChange::numbers`].
    pub numbers: Vec<NumberChange>,
    /// Files of the pack folder added, removed or changed on the stick, by path inside the pack
    /// (documents, `contacts.toml`, `pack.toml`, images alike).
    pub files: Vec<FileChange>,
    pub previous: Option<Previous>,
}

/// One file of a pack folder, against the stick's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    pub path: String,
    pub change: Change,
}

/// What `previous/<id>.json` holds after this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Previous {
    /// Written now: the pack as it was on the stick before its version changed.
    Written,
    /// Carried forward from the old stick unchanged (the version did not change).
    Kept,
}

/// One reason the build will not go ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    /// The pack it is about, when one.
    pub pack: Option<String>,
    /// What is wrong and what to do, in words.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefusalKind {
    /// The packs fail `manualpack check` (and `--allow-errors` was not given).
    CheckErrors,
    /// A pack on the stick is not in `--packs` (and `--remove` does not name it).
    PackRemoved,
    /// `--remove` names a pack that is not on the stick, or one that `--packs` holds: a usage
    /// error (exit 2).
    BadRemove,
    /// The same version as on the stick, with different content.
    SameVersion,
    /// A lower version than on the stick (and `--allow-downgrade` was not given).
    Downgrade,
    /// Another signing key than the stick's (and `--new-key` was not given).
    NewKey,
    /// The stick's own rules: FAT32/exFAT names and sizes, free space, incident logs inside the
    /// content folder, the refresh period, the binaries and editions.
    Stick,
}

impl Refusal {
    fn new(kind: RefusalKind, pack: Option<&str>, message: String) -> Self {
        Refusal {
            kind,
            pack: pack.map(str::to_string),
            message,
        }
    }

    pub fn stick(message: String) -> Self {
        Refusal::new(RefusalKind::Stick, None, message)
    }

    /// True for a mistake in the command itself (exit 2, not 1).
    pub fn is_usage(&self) -> bool {
        self.kind == RefusalKind::BadRemove
    }
}

impl Plan {
    pub fn go_ahead(&self) -> bool {
        self.refused.is_empty()
    }

    /// The check errors, one line each, as the manifest records them under `--allow-errors`.
    pub fn check_error_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for d in self.check.diagnostics.iter().filter(|d| d.is_error()) {
            // a call, not a function path: it also compiles where `one_line` takes the problem
            // a diagnostic dereferences to
            lines.push(check::render::one_line(d));
        }
        lines
    }
}

impl KeyChange {
    /// True when the stick was signed with another key before.
    pub fn changes(&self) -> bool {
        self.old.as_ref().is_some_and(|old| *old != self.new)
    }
}

impl CheckGate {
    /// Run `manualpack check` on the set read from `root`: the one place the stick calls it.
    pub fn run(set: &PackSet, root: &Path, today: jiff::civil::Date, allowed: bool) -> Self {
        let diagnostics = check::check_set_in(set, root, today);
        let (errors, warnings) = check::counts(&diagnostics);
        CheckGate {
            packs: set.packs.len(),
            errors,
            warnings,
            allowed,
            diagnostics,
        }
    }

    /// Every diagnostic and the summary line, exactly as `manualpack check` prints them.
    pub fn human(&self) -> String {
        check::render::human_report(&self.diagnostics, self.packs)
    }
}

/// What the stick holds now.
#[derive(Debug, Clone, Default)]
pub struct OldStick {
    /// The content folder, when there is one.
    pub content: Option<PathBuf>,
    pub manifest: Option<Manifest>,
    /// Its packs, summed up; a pack the manifest lists but that no longer loads is a bare
    /// snapshot (id, practice, version) flagged in [`OldStick::bare`].
    pub snapshots: Vec<PackSnapshot>,
    pub bare: Vec<String>,
}

impl OldStick {
    /// Read the stick at `dest` (nothing when it has no content yet).
    pub fn read(dest: &Path) -> OldStick {
        let Some((content, _)) = locate_content(dest) else {
            return OldStick::default();
        };
        let manifest = std::fs::read(content.join(MANIFEST))
            .ok()
            .and_then(|b| Manifest::from_bytes(&b).ok());
        let mut snapshots = if content.join("packs").is_dir() {
            changes::snapshots_at(&content).unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut bare = Vec::new();
        for p in manifest.iter().flat_map(|m| &m.packs) {
            let id = clean_line(&p.id);
            if !snapshots.iter().any(|s| s.id == id) {
                bare.push(id.clone());
                snapshots.push(PackSnapshot {
                    format: changes::snapshot::FORMAT,
                    id,
                    practice: clean_line(&p.practice),
                    version: p.version,
                    docs: Vec::new(),
                    contacts: Vec::new(),
                    triage: Vec::new(),
                    practice_fields: Vec::new(),
                });
            }
        }
        OldStick {
            content: Some(content),
            manifest,
            snapshots,
            bare,
        }
    }

    /// The old stick's file `path` (content-relative), only when it is what its manifest says.
    fn signed_file(&self, path: &str) -> Option<Vec<u8>> {
        let entry = self
            .manifest
            .as_ref()?
            .files
            .iter()
            .find(|f| f.path == path)?;
        let bytes = std::fs::read(self.content.as_ref()?.join(path)).ok()?;
        (manifest::hash_bytes(&bytes).eq_ignore_ascii_case(&entry.sha256)).then_some(bytes)
    }
}

/// Compare the old stick's packs with the new ones; `content` (the new content, when it could
/// be collected) gives the files compared with the old manifest.
pub fn compare(
    old: &OldStick,
    new: &[PackSnapshot],
    content: Option<&StickContent>,
) -> Vec<PackPlan> {
    changes::compare_sets(&old.snapshots, new)
        .into_iter()
        .map(|mut change| {
            let files = match (change.status, content, &old.manifest) {
                (PackStatus::Added | PackStatus::Removed, _, _) | (_, None, _) | (_, _, None) => {
                    Vec::new()
                }
                (_, Some(content), Some(manifest)) => pack_files(&change.id, manifest, content),
            };
            if change.status == PackStatus::Unchanged && !files.is_empty() {
                change.status = PackStatus::SameVersionChanged;
            }
            PackPlan {
                numbers: change.numbers(),
                change,
                files,
                previous: None,
            }
        })
        .collect()
}

/// The files under `packs/<id>/` that differ between the old manifest and the new content.
fn pack_files(id: &str, old: &Manifest, content: &StickContent) -> Vec<FileChange> {
    let prefix = format!("packs/{id}/");
    let before: BTreeMap<&str, &str> = old
        .files
        .iter()
        .filter_map(|f| Some((f.path.strip_prefix(&prefix)?, f.sha256.as_str())))
        .collect();
    let mut after = BTreeMap::new();
    for (path, source) in content.files() {
        let Some(rel) = path.strip_prefix(&prefix) else {
            continue;
        };
        let sha = match source {
            Source::Bytes(b) => Some(manifest::hash_bytes(b)),
            Source::File(p) => manifest::hash_file(p).ok().map(|(_, sha)| sha),
        };
        after.insert(rel, sha.unwrap_or_default());
    }
    let mut out = Vec::new();
    for (path, sha) in &after {
        let change = match before.get(path) {
            None => Change::Added,
            Some(old) if !old.eq_ignore_ascii_case(sha) => Change::Changed,
            Some(_) => continue,
        };
        out.push(FileChange {
            path: clean_line(path),
            change,
        });
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(FileChange {
            path: clean_line(path),
            change: Change::Removed,
        });
    }
    out
}

/// Add `previous/<id>.json` to the new content: the old snapshot of each pack whose version
/// changes, or the old stick's file carried forward for a pack whose version does not.
pub fn add_previous(old: &OldStick, packs: &mut [PackPlan], content: &mut StickContent) {
    for plan in packs.iter_mut() {
        let id = &plan.change.id;
        let path = format!("{PREVIOUS_DIR}/{id}.json");
        match plan.change.status {
            PackStatus::Upgraded | PackStatus::Downgraded if !old.bare.contains(id) => {
                if let Some(snapshot) = old.snapshots.iter().find(|s| s.id == *id) {
                    content.add_bytes(&path, snapshot.to_json());
                    plan.previous = Some(Previous::Written);
                }
            }
            PackStatus::Unchanged => {
                let kept = old.signed_file(&path).filter(|bytes| {
                    std::str::from_utf8(bytes)
                        .ok()
                        .and_then(PackSnapshot::from_json)
                        .is_some_and(|s| s.id == *id)
                });
                if let Some(bytes) = kept {
                    content.add_bytes(&path, bytes);
                    plan.previous = Some(Previous::Kept);
                }
            }
            _ => {}
        }
    }
}

/// What to refuse about the packs and the key. `remove` is `--remove`.
pub fn refusals(
    old: &OldStick,
    new_ids: &[&str],
    packs: &[PackPlan],
    key: &KeyChange,
    opts: &super::BuildOptions,
) -> Vec<Refusal> {
    let mut out = Vec::new();
    let on_stick: Vec<&str> = old.snapshots.iter().map(|s| s.id.as_str()).collect();
    for id in &opts.remove {
        let shown = clean_line(id);
        if new_ids.contains(&id.as_str()) {
            out.push(Refusal::new(
                RefusalKind::BadRemove,
                Some(id),
                format!("--remove {shown}: {shown} is in --packs, so it would not be removed; leave out one or the other"),
            ));
        } else if !on_stick.contains(&id.as_str()) {
            let holds = if on_stick.is_empty() {
                "no packs".to_string()
            } else {
                on_stick.join(", ")
            };
            out.push(Refusal::new(
                RefusalKind::BadRemove,
                Some(id),
                format!("--remove {shown}: the stick holds no pack {shown} (it holds {holds})"),
            ));
        }
    }
    for p in packs {
        let c = &p.change;
        let version = c
            .new_version
            .map_or_else(|| "none".into(), |v| v.to_string());
        match c.status {
            PackStatus::Removed if !opts.remove.contains(&c.id) => out.push(Refusal::new(
                RefusalKind::PackRemoved,
                Some(&c.id),
                format!(
                    "{} ({}) is on the stick but not in --packs, so the refresh would remove it: add --remove {} if that is meant, or build from a folder that holds it",
                    c.id, c.practice, c.id
                ),
            )),
            PackStatus::SameVersionChanged => out.push(Refusal::new(
                RefusalKind::SameVersion,
                Some(&c.id),
                format!(
                    "{}: version {version} is already on the stick with other content ({}): the version must rise; set a higher `version` in its pack.toml",
                    c.id,
                    text::what_changed(p)
                ),
            )),
            PackStatus::Downgraded if !opts.allow_downgrade => {
                let was = c.old_version.map_or_else(|| "none".into(), |v| v.to_string());
                out.push(Refusal::new(
                    RefusalKind::Downgrade,
                    Some(&c.id),
                    format!(
                        "{}: version {version} would replace version {was}: build from the newer pack, or add --allow-downgrade if going back is really meant",
                        c.id
                    ),
                ));
            }
            _ => {}
        }
    }
    if key.changes() && !opts.new_key {
        out.push(Refusal::new(
            RefusalKind::NewKey,
            None,
            format!(
                "the stick was signed by key {} and this build would sign it with key {}: PCs that trust only the old key would stop trusting the stick; add --new-key if the change is meant (and give out the new public key)",
                key.old.as_deref().unwrap_or_default(),
                key.new
            ),
        ));
    }
    out
}
