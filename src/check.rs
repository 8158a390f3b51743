//! `manualpack check`: every problem of a pack, as precise as a compiler's diagnostics. Each
//! [`Diagnostic`] has a stable code (`MP0xx`, see `docs/checks.md`), a severity, a file, line and
//! column, the offending source line, what is wrong and what to do.
//!
//! The loader's problems are kept (each raised with its code); the checks below add what loading
//! does not look at. The checks never read the clock (today is passed in) and never write.
//!
//! The codes live in [`crate::problem::codes`] (re-exported here as [`codes`]). Children:
//! [`links`] (links, anchors, images); [`contacts`] (phone numbers, duplicates, key and IT
//! contacts); [`review`] (review dates); [`files`] (walking the pack folder, file names, sizes,
//! symlinks); [`content`] (raw text: placeholders, control and bidi characters, raw HTML,
//! authors' notes); [`paper`] (forms that cannot print as they declare); [`changes`]
//! (`[[changes]]` entries against the pack's version and documents); [`render`] (the one
//! formatter: human, one-line and JSON output, source excerpts).

pub mod changes;
pub mod contacts;
pub mod content;
pub mod files;
pub mod links;
pub mod paper;
pub mod render;
pub mod review;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

pub use crate::problem::Severity;
pub use crate::problem::codes::{self, Code};
pub use files::PackFiles;

use crate::pack::{Limits, Pack, PackSet};
use crate::problem::Problem;
use crate::sanitize::clean_line;

/// One finding of `manualpack check`: a [`Problem`] (code, severity, file, line, column, what,
/// what to do) and the offending line of the file. It reads as its problem (`d.code`,
/// `d.line`, ...) and serialises as one flat object. Every string is sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(flatten)]
    pub problem: Problem,
    /// The offending line of the file, sanitised (an excerpt around the column when it is
    /// long), when there is one; `source_line` in JSON.
    #[serde(rename = "source_line")]
    pub source: Option<render::Excerpt>,
}

impl Diagnostic {
    pub fn new(code: Code, file: &str, message: impl AsRef<str>) -> Self {
        Problem::new(code, file, message).into()
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        (self.problem.line, self.problem.column) = (line, column);
        self
    }

    pub fn help(mut self, help: impl AsRef<str>) -> Self {
        self.problem.help = clean_line(help.as_ref());
        self
    }
}

impl From<Problem> for Diagnostic {
    fn from(problem: Problem) -> Self {
        Diagnostic {
            problem,
            source: None,
        }
    }
}

impl std::ops::Deref for Diagnostic {
    type Target = Problem;
    fn deref(&self) -> &Problem {
        &self.problem
    }
}

impl std::ops::DerefMut for Diagnostic {
    fn deref_mut(&mut self) -> &mut Problem {
        &mut self.problem
    }
}

/// Check every pack of a set from its loaded model only (no folder is read): the built-in
/// example pack's own files are still scanned.
pub fn check_set(set: &PackSet, today: Date) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = set.problems.iter().cloned().map(Diagnostic::from).collect();
    for pack in &set.packs {
        let files = (set.origin == crate::discover::BUILT_IN_ORIGIN).then(PackFiles::built_in);
        out.extend(check_pack(pack, files.as_ref(), today));
    }
    out
}

/// Check every pack of a set loaded from `root` (a pack or a packs root), reading each pack's
/// folder for the checks that need bytes and names.
pub fn check_set_in(set: &PackSet, root: &Path, today: Date) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = set.problems.iter().cloned().map(Diagnostic::from).collect();
    for pack in &set.packs {
        let files =
            pack_dir(root, &pack.id).map(|dir| PackFiles::read(&dir, &pack.id, &Limits::default()));
        out.extend(check_pack(pack, files.as_ref(), today));
    }
    out
}

/// The diagnostics of each pack of a set, in pack order, for the reader's "Pack health" screen.
/// The folder checks run when the set's origin is a folder that can still be found (a path
/// that needed sanitising cannot be, and gets the model checks only).
pub fn health(set: &PackSet, today: Date) -> Vec<Vec<Diagnostic>> {
    let root = Path::new(&set.origin);
    let built_in = set.origin == crate::discover::BUILT_IN_ORIGIN;
    set.packs
        .iter()
        .map(|pack| {
            let files = if built_in {
                Some(PackFiles::built_in())
            } else {
                pack_dir(root, &pack.id)
                    .map(|dir| PackFiles::read(&dir, &pack.id, &Limits::default()))
            };
            check_pack(pack, files.as_ref(), today)
        })
        .collect()
}

/// Check one pack; `files` is its folder as read by [`PackFiles`], when there is one.
pub fn check_pack(pack: &Pack, files: Option<&PackFiles>, today: Date) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = pack
        .problems
        .iter()
        .cloned()
        .map(Diagnostic::from)
        .collect();
    let facts: Vec<DocFacts> = pack.docs.iter().map(DocFacts::of).collect();
    links::check(pack, &facts, files, &mut out);
    contacts::check(pack, files, &mut out);
    review::check(pack, files, today, &mut out);
    paper::check(pack, &facts, files, &mut out);
    changes::check(pack, files, today, &mut out);
    if let Some(files) = files {
        files::check(pack, files, &mut out);
        content::check(pack, &facts, files, &mut out);
    }
    finish(pack, files, out)
}

/// What the checks need from a document's model, taken in one read of it (a document not yet
/// parsed is parsed for this and not kept: checking a big pack never holds it all as models).
pub struct DocFacts {
    pub links: Vec<crate::document::Link>,
    pub anchors: Vec<String>,
    /// Raw HTML blocks, in order (footnotes' after the body's).
    pub html: Vec<String>,
    /// HTML comments: authors' notes that no output shows.
    pub comments: Vec<crate::document::Comment>,
}

impl DocFacts {
    pub fn of(entry: &crate::pack::DocEntry) -> DocFacts {
        entry.doc.peek(|doc| {
            let mut html = Vec::new();
            content::html_in_blocks(&doc.blocks, &mut html);
            for f in &doc.footnotes {
                content::html_in_blocks(&f.blocks, &mut html);
            }
            DocFacts {
                links: doc.links.clone(),
                anchors: doc.headings.iter().map(|h| h.anchor.clone()).collect(),
                html,
                comments: doc.comments.clone(),
            }
        })
    }
}

/// Drop duplicates, attach source lines, and sort by file, line, column.
fn finish(pack: &Pack, files: Option<&PackFiles>, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
    out.dedup_by(|a, b| {
        a.code == b.code && a.file == b.file && a.line == b.line && a.message == b.message
    });
    drop_consequences(&mut out);
    if let Some(files) = files {
        let prefix = format!("{}/", pack.id);
        for d in &mut out {
            if d.line == 0 {
                continue;
            }
            let Some(rel) = d.file.strip_prefix(&prefix) else {
                continue;
            };
            d.source = files
                .line(rel, d.line)
                .map(|l| render::Excerpt::of(l, d.column));
        }
    }
    out
}

/// One mistake, one diagnostic: a value the TOML reader could not read also shows up as a wrong
/// type and as a missing key; a hidden character in a phone number (MP035) is not also a
/// control, bidi or invisible character of the raw text. Keep the first cause only.
fn drop_consequences(out: &mut Vec<Diagnostic>) {
    let hidden: Vec<(String, usize, usize)> = out
        .iter()
        .filter(|d| d.code == codes::PHONE_HIDDEN.id)
        .map(|d| (d.file.clone(), d.line, d.column))
        .collect();
    let raw_hazard = [codes::CONTROL_CHAR, codes::BIDI_CHAR, codes::INVISIBLE_CHAR];
    out.retain(|d| {
        !(raw_hazard.iter().any(|c| c.id == d.code)
            && hidden.contains(&(d.file.clone(), d.line, d.column)))
    });
    let syntax: Vec<(String, usize)> = out
        .iter()
        .filter(|d| d.code == codes::TOML_SYNTAX.id)
        .map(|d| (d.file.clone(), d.line))
        .collect();
    let typed: Vec<(String, String)> = out
        .iter()
        .filter(|d| d.code == codes::TOML_TYPE.id)
        .filter_map(|d| Some((d.file.clone(), backticked(&d.message)?.to_string())))
        .collect();
    out.retain(|d| {
        let key = || backticked(&d.message).unwrap_or("").to_string();
        if d.code == codes::TOML_TYPE.id {
            !syntax.contains(&(d.file.clone(), d.line))
        } else if d.code == codes::MISSING_KEY.id {
            !typed.contains(&(d.file.clone(), key()))
        } else {
            true
        }
    });
}

/// The first `quoted` word of a message.
fn backticked(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('`')?;
    rest.split_once('`').map(|(word, _)| word)
}

/// The folder of pack `id` under `root` (the root itself when it is the pack).
pub fn pack_dir(root: &Path, id: &str) -> Option<PathBuf> {
    if root.join("pack.toml").is_file() {
        return Some(root.to_path_buf());
    }
    std::fs::read_dir(root)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| {
            clean_line(&e.file_name().to_string_lossy()) == id
                && e.path().join("pack.toml").is_file()
        })
        .map(|e| e.path())
}

/// Counts for a summary line.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// Find the column (1-based, characters) of `needle` in `line`, or 1.
pub fn column_of(line: &str, needle: &str) -> usize {
    line.find(needle)
        .map_or(1, |i| line[..i].chars().count() + 1)
}
