//! The pack format and loading it. A pack is a folder with `pack.toml`, an optional
//! `contacts.toml`, and Markdown documents in `procedures/` and `forms/`; a packs root is a
//! folder whose sub-folders are packs.
//!
//! Loading never stops at a bad file: each problem is recorded (file, line, column, what, what to
//! do) and everything that can be read still opens. Children: [`source`] reads files into memory
//! with limits; [`meta`] reads `pack.toml`, and [`changelog`] its `[[changes]]`; [`contacts`]
//! reads `contacts.toml`; [`documents`] reads front matter and Markdown; [`toml_read`] reads TOML
//! with positions.

pub mod assets;
pub mod changelog;
pub mod contacts;
pub mod documents;
pub mod lazy;
pub mod meta;
pub mod source;
pub mod toml_read;

use std::path::{Path, PathBuf};

use serde::Serialize;

pub use contacts::Contact;
pub use documents::{DocEntry, DocKind, Orientation};
pub use lazy::LazyDoc;
pub use meta::{ChangeEntry, PackMeta, TriageEntry};
pub use source::{Limits, SourceFile};

use crate::problem::{Problem, codes};
use crate::sanitize::clean_line;

/// One loaded pack.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    /// The folder name.
    pub id: String,
    pub meta: PackMeta,
    /// Procedures first, then forms; each group sorted by title.
    pub docs: Vec<DocEntry>,
    pub contacts: Vec<Contact>,
    pub problems: Vec<Problem>,
    /// The pack's folder, for the files documents show (images); `None` for the built-in pack.
    #[serde(skip)]
    pub root: Option<std::path::PathBuf>,
}

/// Everything opened at once: one pack, or every pack of a packs root.
#[derive(Debug, Clone, Serialize)]
pub struct PackSet {
    /// Where the packs came from, for display (sanitised).
    pub origin: String,
    pub packs: Vec<Pack>,
    /// Problems not tied to one pack (a folder that is not a pack, an unreadable root).
    pub problems: Vec<Problem>,
}

impl Pack {
    pub fn doc(&self, id: &str) -> Option<&DocEntry> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn doc_index(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// The labels of the triage entries that open document `id` (search finds it by them).
    pub fn triage_labels(&self, id: &str) -> Vec<&str> {
        self.meta
            .triage
            .iter()
            .filter(|t| t.open == id)
            .map(|t| t.label.as_str())
            .collect()
    }

    pub fn key_contacts(&self) -> impl Iterator<Item = &Contact> {
        self.contacts.iter().filter(|c| c.key)
    }

    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// Build a pack from files already in memory, paths relative to the pack folder.
    pub fn from_files(id: &str, files: Vec<SourceFile>, problems: Vec<Problem>) -> Pack {
        let mut pack = Pack::build(id, files, problems);
        meta::check_triage(&mut pack);
        pack
    }

    /// A pack from `pack.toml` and `contacts.toml` only, its documents still to be read (the
    /// reader's first screen). Triage entries are not checked against documents.
    pub fn heads_only(id: &str, files: Vec<SourceFile>, problems: Vec<Problem>) -> Pack {
        Pack::build(id, files, problems)
    }

    fn build(id: &str, files: Vec<SourceFile>, mut problems: Vec<Problem>) -> Pack {
        let id = clean_line(id);
        if !is_valid_pack_id(&id) {
            problems.push(
                Problem::new(
                    codes::PACK_ID,
                    &id,
                    format!("pack folder name `{id}` is not a valid pack id"),
                )
                .help("use lowercase letters, digits and '-' only, e.g. riverside-surgery"),
            );
        }
        let mut meta = None;
        let mut contacts = Vec::new();
        let mut docs = Vec::new();
        let mut saw_contacts = false;
        for file in files {
            let shown = format!("{id}/{}", file.path);
            match file.path.as_str() {
                "pack.toml" => meta = Some(meta::read(&shown, &file.text, &mut problems)),
                "contacts.toml" => {
                    saw_contacts = true;
                    contacts = contacts::read(&shown, &file.text, &mut problems);
                }
                p => {
                    let text = std::sync::Arc::from(file.text);
                    if let Some(entry) = documents::read_shared(&shown, p, text, &mut problems) {
                        docs.push(entry);
                    }
                }
            }
        }
        let meta = meta.unwrap_or_else(|| {
            problems.push(
                Problem::new(codes::NO_PACK_TOML, &format!("{id}/pack.toml"), "pack.toml is missing or unreadable")
                    .help("every pack needs a pack.toml with [practice] and [pack]; see docs/pack-format.md"),
            );
            PackMeta::fallback(&id)
        });
        if !saw_contacts {
            problems.push(
                Problem::new(
                    codes::NO_CONTACTS_TOML,
                    &format!("{id}/contacts.toml"),
                    "no contacts.toml",
                )
                .help("add contacts.toml so the key numbers are on screen during an outage"),
            );
        }
        documents::check_ids(&id, &mut docs, &mut problems);
        docs.sort_by_key(|a| (a.kind, a.title.to_lowercase()));
        Pack {
            id,
            meta,
            docs,
            contacts,
            problems,
            root: None,
        }
    }

    /// The images of `doc` whose files this pack does not have.
    pub fn missing_images(&self, doc: &crate::document::Document) -> Vec<u32> {
        assets::missing_images(self.root.as_deref(), doc)
    }
}

impl PackSet {
    /// Open `path`: a pack (a folder with `pack.toml`) or a packs root.
    pub fn open(path: &Path, limits: &Limits) -> PackSet {
        let origin = clean_line(&path.display().to_string());
        let mut problems = Vec::new();
        let mut packs = Vec::new();
        for (id, dir) in pack_dirs(path, &mut problems) {
            let mut pack_problems = Vec::new();
            let files = source::read_pack(&dir, &id, limits, &mut pack_problems);
            let mut pack = Pack::from_files(&id, files, pack_problems);
            pack.root = Some(dir);
            packs.push(pack);
        }
        if packs.is_empty() && problems.is_empty() {
            problems.push(
                Problem::new(codes::NO_PACK, &origin, "no pack found here")
                    .help("give a pack folder (one with pack.toml) or a folder of packs"),
            );
        }
        PackSet {
            origin,
            packs,
            problems,
        }
    }

    /// Open `path` as [`PackSet::open`] does, reading only what the first screen needs: the
    /// packs in the same order with no documents yet, each with its `pack.toml`, and the first
    /// pack with its `contacts.toml` too (the key numbers on screen; with many packs, the
    /// others' contacts come with the documents).
    pub fn open_heads(path: &Path, limits: &Limits) -> PackSet {
        Self::open_heads_with(path, limits, false)
    }

    /// [`PackSet::open_heads`], with every pack's contacts when `all_contacts`.
    pub fn open_heads_with(path: &Path, limits: &Limits, all_contacts: bool) -> PackSet {
        let origin = clean_line(&path.display().to_string());
        let mut problems = Vec::new();
        let packs = pack_dirs(path, &mut problems)
            .into_iter()
            .enumerate()
            .map(|(n, (id, dir))| {
                let mut pack_problems = Vec::new();
                let names: &[&str] = if n == 0 || all_contacts {
                    &["pack.toml", "contacts.toml"]
                } else {
                    &["pack.toml"]
                };
                let files = source::read_heads(&dir, &id, names, limits, &mut pack_problems);
                let mut pack = Pack::heads_only(&id, files, pack_problems);
                pack.root = Some(dir);
                pack
            })
            .collect();
        PackSet {
            origin,
            packs,
            problems,
        }
    }

    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .chain(self.packs.iter().flat_map(|p| &p.problems))
    }
}

/// The pack folders under `path`: itself if it holds `pack.toml`, else its sub-folders that do.
fn pack_dirs(path: &Path, problems: &mut Vec<Problem>) -> Vec<(String, PathBuf)> {
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "pack".into())
    };
    if path.join("pack.toml").is_file() {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        return vec![(name_of(&canonical), path.to_path_buf())];
    }
    let shown = clean_line(&path.display().to_string());
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => {
            problems.push(
                Problem::new(codes::NO_PACK, &shown, format!("cannot open: {e}"))
                    .help("check the path, and that the stick is still plugged in"),
            );
            return Vec::new();
        }
    };
    let mut dirs: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .filter(|(_, p)| p.join("pack.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Pack ids: lowercase ASCII letters, digits and '-'.
pub fn is_valid_pack_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests;
