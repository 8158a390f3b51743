//! What goes on a stick, collected in memory before anything is written, and checked against
//! what FAT32 and exFAT sticks allow: files under 4 GiB, no symbolic links, no reserved or
//! impossible names, no two paths that differ only in case.
//!
//! [`StickContent`] is also the seam for the other editions: an [`Edition`] (the printed PDFs in
//! `print/`, the browser edition in `html/`) adds its files with [`StickContent::add_bytes`],
//! [`StickContent::add_file`] or [`StickContent::add_dir`]; [`editions`] lists the ones built in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{StickError, shown};
use crate::pack::PackSet;

/// FAT32's largest file is 4 GiB less one byte.
pub const MAX_FILE: u64 = u32::MAX as u64;
/// Longest path kept inside the content folder, so `E:\manualpack\...` stays under Windows'
/// classic 260-character limit.
pub const MAX_PATH: usize = 240;

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// Adds one edition's files for the packs being put on the stick.
pub type Edition = Box<dyn Fn(&PackSet, &mut StickContent) -> Result<(), StickError>>;

/// The editions this build of manualpack puts on a stick beside the packs, as (folder, edition):
/// the browser edition in `html/`, the search index of each pack in `index/` (see
/// [`crate::search::stored`]), and the printed edition in `print/` (per pack: the binder, the
/// contacts sheet and every form, as A4 PDFs ready to print).
pub fn editions() -> Vec<(&'static str, Edition)> {
    let print: Edition = Box::new(|set, content| {
        let fail = |what: &str, e: crate::pdf::PdfError| {
            StickError::Refused(format!("the {what} could not be made: {e}"))
        };
        for pack in &set.packs {
            let dir = format!("print/{}", pack.id);
            let since = crate::changes::since(pack, content.previous(&pack.id).as_ref());
            content.add_bytes(
                &format!("{dir}/{}-binder.pdf", pack.id),
                crate::pdf::binder_since(pack, false, since.as_ref())
                    .map_err(|e| fail("binder", e))?,
            );
            if let Some(v) = pack.meta.version {
                content.add_bytes(
                    &format!("{dir}/{}-read-and-signed-v{v}.pdf", pack.id),
                    crate::pdf::read_and_signed_since(pack, since.as_ref())
                        .map_err(|e| fail("read-and-signed sheet", e))?,
                );
            }
            content.add_bytes(
                &format!("{dir}/{}-contacts.pdf", pack.id),
                crate::pdf::contacts_sheet(pack).map_err(|e| fail("contacts sheet", e))?,
            );
            for form in pack
                .docs
                .iter()
                .filter(|d| d.kind == crate::pack::DocKind::Form)
            {
                let pdf = crate::pdf::documents(pack, &[form]).map_err(|e| fail("form", e))?;
                content.add_bytes(&format!("{dir}/forms/{}.pdf", form.id), pdf);
            }
        }
        Ok(())
    });
    let html: Edition = Box::new(|set, content| {
        let previous = |pack: &crate::pack::Pack| content.previous(&pack.id);
        for file in crate::html::render_since(set, &previous) {
            content.add_bytes(&format!("html/{}", file.path), file.text);
        }
        Ok(())
    });
    // each pack's search index, so the reader and `manualpack search` need not build it
    let index: Edition = Box::new(|set, content| {
        use crate::search::{SearchIndex, find, stored};
        for (p, pack) in set.packs.iter().enumerate() {
            let part = SearchIndex::build_part(set, p, true);
            let bytes = stored::to_bytes(&part, pack, &stored::content_key(pack));
            content.add_bytes(&find::stick_path(&pack.id), bytes);
        }
        Ok(())
    });
    vec![("html", html), ("index", index), ("print", print)]
}

/// Every file for the content folder, by path (`/`-separated, relative to the content folder).
#[derive(Debug, Clone, Default)]
pub struct StickContent {
    files: BTreeMap<String, Source>,
    /// Things found while collecting that cannot go on a stick (symbolic links, unreadable files).
    refused: Vec<String>,
}

impl StickContent {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add_bytes(&mut self, path: &str, bytes: impl Into<Vec<u8>>) {
        self.files
            .insert(path.to_string(), Source::Bytes(bytes.into()));
    }

    /// The bytes added at `path` with [`StickContent::add_bytes`], if any.
    pub fn bytes(&self, path: &str) -> Option<&[u8]> {
        match self.files.get(path) {
            Some(Source::Bytes(b)) => Some(b),
            _ => None,
        }
    }

    /// The snapshot of pack `id`'s previous version this refresh keeps (`previous/<id>.json`),
    /// for the editions to show what changed.
    pub fn previous(&self, id: &str) -> Option<crate::changes::PackSnapshot> {
        let bytes = self.bytes(&format!("{}/{id}.json", super::PREVIOUS_DIR))?;
        crate::changes::PackSnapshot::from_json(std::str::from_utf8(bytes).ok()?)
    }

    pub fn add_file(&mut self, path: &str, source: &Path) {
        self.files
            .insert(path.to_string(), Source::File(source.to_path_buf()));
    }

    /// Add a folder's files under `prefix`, skipping names that start with '.'.
    pub fn add_dir(&mut self, prefix: &str, dir: &Path) -> Result<(), StickError> {
        let entries = std::fs::read_dir(dir).map_err(|e| StickError::io(dir, e))?;
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let inner = format!("{prefix}/{name}");
            let kind = entry.file_type().map_err(|e| StickError::io(&path, e))?;
            if kind.is_symlink() {
                self.refused.push(format!(
                    "{} is a symbolic link, which FAT32 and exFAT sticks cannot hold: copy the real file there instead",
                    shown(&path)
                ));
            } else if kind.is_dir() {
                self.add_dir(&inner, &path)?;
            } else {
                self.add_file(&inner, &path);
            }
        }
        Ok(())
    }

    pub fn files(&self) -> impl Iterator<Item = (&String, &Source)> {
        self.files.iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Check every path and size against FAT32/exFAT rules; returns the total size in bytes.
    /// Every problem is listed at once, one per line.
    pub fn check(&self) -> Result<u64, StickError> {
        let mut problems = self.refused.clone();
        let mut total = 0u64;
        let mut folded: BTreeMap<String, &str> = BTreeMap::new();
        for (path, source) in &self.files {
            let size = match source {
                Source::Bytes(b) => b.len() as u64,
                Source::File(p) => match std::fs::symlink_metadata(p) {
                    Ok(m) if m.file_type().is_symlink() => {
                        problems.push(format!(
                            "{} is a symbolic link: FAT32 and exFAT cannot hold one",
                            shown(p)
                        ));
                        0
                    }
                    Ok(m) => m.len(),
                    Err(e) => {
                        problems.push(format!("{}: {e}", shown(p)));
                        0
                    }
                },
            };
            if size > MAX_FILE {
                problems.push(format!(
                    "{path} is {size} bytes: FAT32 sticks cannot hold a file of 4 GiB or more; make it smaller"
                ));
            }
            total += size;
            problems.extend(path_problems(path));
            if let Some(other) = folded.insert(path.to_lowercase(), path) {
                problems.push(format!(
                    "{path} and {other} differ only in upper/lower case: a stick sees them as one file; rename one"
                ));
            }
        }
        if problems.is_empty() {
            Ok(total)
        } else {
            Err(StickError::Refused(format!(
                "these cannot go on a FAT32/exFAT stick:\n  {}",
                problems.join("\n  ")
            )))
        }
    }
}

/// Why a path cannot be stored on FAT32/exFAT (empty when it can).
pub fn path_problems(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let shown_path = crate::sanitize::clean_line(path);
    if path.chars().count() > MAX_PATH {
        out.push(format!("{shown_path}: the path is longer than {MAX_PATH} characters; use shorter folder or file names"));
    }
    for part in path.split('/') {
        if let Some(why) = name_problem(part) {
            out.push(format!("{shown_path}: {why}"));
        }
    }
    out
}

/// Why one file or folder name cannot be stored on FAT32/exFAT.
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("an empty name".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '\\' | '|' | '?' | '*') || c.is_control())
    {
        let c = crate::sanitize::clean_line(&c.to_string());
        return Some(format!(
            "the name `{}` holds `{c}`, which Windows and FAT cannot store; rename it",
            crate::sanitize::clean_line(name)
        ));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(format!(
            "the name `{}` ends with a dot or space, which Windows drops; rename it",
            crate::sanitize::clean_line(name)
        ));
    }
    if name.encode_utf16().count() > 255 {
        return Some("a name longer than 255 characters".into());
    }
    let reserved = crate::check::files::is_reserved(name);
    reserved.then(|| format!("`{name}` is a reserved device name on Windows; rename it"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reserved_and_impossible_names_are_refused() {
        for bad in [
            "CON",
            "con.md",
            "Aux.txt",
            "lpt1",
            "COM9.pdf",
            "a:b",
            "what?",
            "trailing.",
            "trailing ",
            "tab\there",
        ] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
        for good in [
            "console.md",
            "com10",
            "phones-down.md",
            "START HERE.txt",
            "ŵyŷ.md",
        ] {
            assert_eq!(name_problem(good), None, "{good}");
        }
    }

    #[test]
    fn names_that_differ_only_in_case_are_refused() {
        let mut c = StickContent::new();
        c.add_bytes("packs/a/Phones.md", "x");
        c.add_bytes("packs/a/phones.md", "y");
        let err = c.check().map(|_| ()).unwrap_err().to_string();
        assert!(err.contains("differ only in upper/lower case"), "{err}");
    }

    #[test]
    fn total_size_is_the_sum() {
        let mut c = StickContent::new();
        c.add_bytes("a", "12");
        c.add_bytes("b/c", "345");
        assert_eq!(c.check().unwrap(), 5);
    }
}
