//! Documents: optional TOML front matter between `+++` lines, then Markdown.

use serde::Serialize;

use super::lazy::{self, LazyDoc};
use super::toml_read::{TomlFile, char_offset, key_offset, value_offset};
use crate::document::{Block, Document};
use crate::problem::{Problem, codes};
use crate::sanitize::clean_line;

/// Procedures come before forms in lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Procedure,
    Form,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Procedure => "procedure",
            DocKind::Form => "form",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// One document of a pack.
#[derive(Debug, Clone, Serialize)]
pub struct DocEntry {
    /// The file name without `.md`.
    pub id: String,
    pub kind: DocKind,
    /// Path from the pack folder, e.g. `procedures/phones-down.md`.
    pub path: String,
    pub title: String,
    pub summary: Option<String>,
    pub audience: Vec<String>,
    pub orientation: Orientation,
    pub blank_rows: usize,
    /// `sheets = N` (forms): the form must print on at most N sheets; `check` says when it
    /// cannot, and blank rows shrink to keep it there.
    pub sheets: Option<u32>,
    /// `per_sheet = N` (forms): N identical copies on each sheet, with a cut line between.
    pub per_sheet: u32,
    /// The document's model, parsed when first read (see [`LazyDoc`]).
    #[serde(skip)]
    pub doc: LazyDoc,
}

impl DocEntry {
    /// An entry with no front matter and no text yet, titled by its id.
    pub fn bare(id: String, kind: DocKind, path: String) -> DocEntry {
        DocEntry {
            title: id.clone(),
            id,
            kind,
            path,
            summary: None,
            audience: Vec::new(),
            orientation: Orientation::Portrait,
            blank_rows: 0,
            sheets: None,
            per_sheet: 1,
            doc: LazyDoc::default(),
        }
    }
}

/// Most empty rows `blank_rows` may add.
pub const MAX_BLANK_ROWS: usize = 500;
/// Most sheets a form may declare.
pub const MAX_SHEETS: u32 = 50;
/// Most copies of a form on one sheet.
pub const MAX_PER_SHEET: u32 = 4;

const FRONT_KEYS: &[&str] = &[
    "title",
    "summary",
    "audience",
    "orientation",
    "blank_rows",
    "sheets",
    "per_sheet",
];

/// Read one document; `rel` is its path from the pack folder. `None` if it is not a document.
/// Only the front matter is read now; the Markdown is parsed when first needed (and, when the
/// front matter has no title, as much of it as it takes to find the first level-1 heading).
pub fn read(shown: &str, rel: &str, text: &str, problems: &mut Vec<Problem>) -> Option<DocEntry> {
    read_shared(shown, rel, std::sync::Arc::from(text), problems)
}

/// [`read`] of text already shared (the loader hands each file's text over without a copy).
pub fn read_shared(
    shown: &str,
    rel: &str,
    text: std::sync::Arc<str>,
    problems: &mut Vec<Problem>,
) -> Option<DocEntry> {
    let (folder, file) = rel.split_once('/')?;
    let (kind, dir) = match folder {
        "procedures" => (DocKind::Procedure, "procedures"),
        "forms" => (DocKind::Form, "forms"),
        _ => return None,
    };
    let id = file.get(..file.len().checked_sub(3)?)?.to_string();
    let mut entry = DocEntry::bare(clean_line(&id), kind, clean_line(rel));
    let (front, body, body_line) = split_front_matter(&text);
    let body_start = text.len() - body.len();
    let mut title = None;
    match front {
        Some(Ok(front)) => title = read_front(shown, front, kind, &mut entry, problems),
        Some(Err(())) => problems.push(
            Problem::new(
                codes::FRONT_MATTER_OPEN,
                shown,
                "front matter starts with +++ but is never closed",
            )
            .at((1, 1))
            .help("add a line holding only +++ after the front matter"),
        ),
        None => {}
    }
    entry.doc = LazyDoc::new(text.clone(), body_start, dir, body_line, entry.blank_rows);
    let title = match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => Some(t),
        None => {
            let (found, whole) = lazy::first_title(&entry.doc);
            if let Some(doc) = whole {
                entry.doc.keep(doc);
            }
            found
        }
    };
    entry.title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| entry.id.clone());
    Some(entry)
}

/// Split `+++` front matter from the body. Returns the front matter (or `Err` when it is never
/// closed), the body, and how many lines precede the body.
pub fn split_front_matter(text: &str) -> (Option<Result<&str, ()>>, &str, usize) {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return (None, text, 0);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let lines = front.matches('\n').count() + 2;
            return (Some(Ok(front)), body, lines);
        }
        offset += line.len();
    }
    (Some(Err(())), text, 0)
}

fn read_front(
    shown: &str,
    src: &str,
    kind: DocKind,
    entry: &mut DocEntry,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let (mut f, table) = TomlFile::parse(shown, src);
    let mut title = None;
    if let Some(t) = table {
        let t = t.get_ref();
        f.unknown_keys(t, FRONT_KEYS, "the front matter");
        title = f.str(t, "title").map(|s| clean_line(&s));
        entry.summary = f.str(t, "summary").map(|s| clean_line(&s));
        entry.audience = f
            .str_list(t, "audience")
            .unwrap_or_default()
            .iter()
            .map(|s| clean_line(s))
            .collect();
        if let Some(o) = f.str(t, "orientation") {
            match o.as_str() {
                "portrait" => entry.orientation = crate::pack::Orientation::Portrait,
                "landscape" => entry.orientation = crate::pack::Orientation::Landscape,
                other => f.report(
                    codes::FRONT_MATTER_VALUE,
                    char_offset(src, value_offset(t, "orientation"), 0),
                    format!("orientation \"{}\" is not known", clean_line(other)),
                    "use \"portrait\" or \"landscape\"",
                ),
            }
        }
        if let Some(n) = f.int(t, "blank_rows") {
            if !(0..=MAX_BLANK_ROWS as i64).contains(&n) {
                f.report(
                    codes::FRONT_MATTER_VALUE,
                    value_offset(t, "blank_rows"),
                    format!("blank_rows = {n} is out of range"),
                    format!("use a number from 0 to {MAX_BLANK_ROWS}"),
                );
            }
            entry.blank_rows = n.clamp(0, MAX_BLANK_ROWS as i64) as usize;
        }
        if let Some(n) = f.int(t, "sheets") {
            if !(1..=i64::from(MAX_SHEETS)).contains(&n) {
                f.report(
                    codes::FRONT_MATTER_VALUE,
                    value_offset(t, "sheets"),
                    format!("sheets = {n} is out of range"),
                    format!(
                        "use a number from 1 to {MAX_SHEETS}: the most sheets the form may take"
                    ),
                );
            }
            entry.sheets = u32::try_from(n.clamp(1, i64::from(MAX_SHEETS))).ok();
        }
        if let Some(n) = f.int(t, "per_sheet") {
            if !(1..=i64::from(MAX_PER_SHEET)).contains(&n) {
                f.report(
                    codes::FRONT_MATTER_VALUE,
                    value_offset(t, "per_sheet"),
                    format!("per_sheet = {n} is out of range"),
                    format!("use a number from 1 to {MAX_PER_SHEET}: copies printed on each sheet"),
                );
            }
            entry.per_sheet = u32::try_from(n.clamp(1, i64::from(MAX_PER_SHEET))).unwrap_or(1);
        }
        if entry.per_sheet > 1 && entry.sheets.is_some_and(|s| s > 1) {
            f.report(
                codes::FRONT_MATTER_VALUE,
                value_offset(t, "per_sheet"),
                format!(
                    "per_sheet = {} needs each copy on one sheet, but sheets = {}",
                    entry.per_sheet,
                    entry.sheets.unwrap_or(1)
                ),
                "remove sheets (a form printed several to a sheet is one sheet), or per_sheet",
            );
        }
        if kind == DocKind::Procedure
            && (entry.blank_rows > 0
                || entry.orientation == Orientation::Landscape
                || entry.sheets.is_some()
                || entry.per_sheet > 1)
        {
            let first = ["orientation", "blank_rows", "sheets", "per_sheet"]
                .into_iter()
                .map(|k| key_offset(t, k))
                .filter(|&at| at > 0)
                .min()
                .unwrap_or(0);
            f.report(
                codes::FORMS_ONLY_KEY,
                first,
                "orientation, blank_rows, sheets and per_sheet apply to forms only",
                "move the document to forms/ or remove the keys",
            );
        }
    }
    // front matter starts on line 2 of the file
    for mut p in f.problems {
        if p.line > 0 {
            p.line += 1;
        } else {
            p.line = 1;
        }
        problems.push(p);
    }
    title
}

/// A document shown as plain text after its Markdown could not be read.
pub fn plain_document(text: &str, why: &str) -> Document {
    Document {
        blocks: vec![Block::Code {
            language: "".into(),
            text: crate::sanitize::clean(text).into(),
        }],
        notices: vec![format!(
            "this document could not be rendered ({why}); shown as plain text"
        )],
        ..Document::default()
    }
}

/// Document ids must be unique across procedures and forms.
pub fn check_ids(pack_id: &str, docs: &mut [DocEntry], problems: &mut Vec<Problem>) {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for d in docs.iter() {
        let key = d.id.to_lowercase();
        if let Some(first) = seen.get(&key) {
            problems.push(
                Problem::new(
                    codes::DUPLICATE_ID,
                    &format!("{pack_id}/{}", d.path),
                    format!("document id `{}` is also used by {first}", d.id),
                )
                .help("rename one of the files; ids are shared by procedures and forms"),
            );
        } else {
            seen.insert(key, d.path.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_splits_and_counts_lines() {
        let (front, body, lines) = split_front_matter("+++\ntitle = \"x\"\n+++\n# Body\n");
        assert_eq!(front, Some(Ok("title = \"x\"\n")));
        assert_eq!(body, "# Body\n");
        assert_eq!(lines, 3);
        assert_eq!(split_front_matter("+++\ntitle = 1\n").0, Some(Err(())));
        assert_eq!(split_front_matter("# Hi\n").0, None);
    }

    #[test]
    fn bad_front_matter_still_opens_the_document() {
        let mut problems = Vec::new();
        let e = read(
            "p/forms/x.md",
            "forms/x.md",
            "+++\ntitle = \n+++\n# Real title\n",
            &mut problems,
        )
        .expect("a document");
        assert_eq!(e.title, "Real title");
        assert_eq!(problems[0].line, 2);
    }

    #[test]
    fn blank_rows_extend_the_last_table() {
        let mut problems = Vec::new();
        let src = "+++\nblank_rows = 5\n+++\n| a | b |\n|---|---|\n| | |\n";
        let e = read("p/forms/x.md", "forms/x.md", src, &mut problems).expect("a document");
        let Some(Block::Table(t)) = e.doc.blocks.last() else {
            panic!()
        };
        assert_eq!(t.rows.len(), 6);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
