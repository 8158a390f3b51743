//! `[[changes]]` in `pack.toml`: what IT says changed in each version of the pack, for the
//! binder's "Changes in this version" page, the read-and-signed sheet, the browser edition and
//! the reader.
//!
//! ```toml
//! [[changes]]
//! version = 12
//! date = 2026-09-14
//! summary = "Steps 4 and 5 of the phones procedure changed after the July exercise."
//! docs = ["phones-down"]
//! ```
//!
//! An entry missing `version`, `date` or `summary` is reported and left out; `check` judges
//! the rest (a `docs` id that is no document, versions above the pack's, two entries for one
//! version, a version with no entry: see `check::changes`).

use jiff::civil::Date;
use serde::Serialize;

use super::meta::PackMeta;
use super::toml_read::{Table, TomlFile, Value};
use crate::sanitize::clean_line;

/// One `[[changes]]` entry. Every string is sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeEntry {
    /// The pack version this entry describes.
    pub version: i64,
    pub date: Date,
    pub summary: String,
    /// Ids of the documents this version changed, as written (may name no document: `check`
    /// says so).
    pub docs: Vec<String>,
    /// 1-based line of the `[[changes]]` header in `pack.toml`.
    pub line: usize,
    /// Line and column of the `version` value.
    #[serde(skip)]
    pub version_at: (usize, usize),
    /// Line and column of each of `docs`, in the same order (inside the quotes).
    #[serde(skip)]
    pub docs_at: Vec<(usize, usize)>,
}

const KEYS: &[&str] = &["version", "date", "summary", "docs"];
const PLACE: &str = "[[changes]]";

/// Read every `[[changes]]` table of `root`, newest version first (entries of one version keep
/// their order in the file). Problems go to `f`.
pub fn read(f: &mut TomlFile<'_>, root: &Table<'_>) -> Vec<ChangeEntry> {
    let mut out = Vec::new();
    for (t, at) in f.tables(root, "changes") {
        f.unknown_keys(t, KEYS, PLACE);
        let version = f.int(t, "version");
        let date = f.date(t, "date");
        let summary = f.str(t, "summary");
        let docs = f.str_list(t, "docs").unwrap_or_default();
        if version.is_none() && !has(t, "version") {
            f.missing(at, "version", PLACE, "version = 12");
        }
        if date.is_none() && !has(t, "date") {
            f.missing(at, "date", PLACE, "date = 2026-09-14");
        }
        if summary.is_none() && !has(t, "summary") {
            f.missing(
                at,
                "summary",
                PLACE,
                "summary = \"Steps 4 and 5 of the phones procedure changed.\"",
            );
        }
        let (Some(version), Some(date), Some(summary)) = (version, date, summary) else {
            continue;
        };
        let docs_at = doc_positions(f, t);
        out.push(ChangeEntry {
            version,
            date,
            summary: clean_line(&summary).trim().to_string(),
            docs: docs
                .iter()
                .map(|d| clean_line(d).trim().to_string())
                .collect(),
            line: f.position(at).0,
            version_at: value_position(f, t, "version").unwrap_or((f.position(at).0, 1)),
            docs_at,
        });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.version));
    out
}

/// The version the outputs' changes page is about: the pack's version, when it has one and at
/// least one `[[changes]]` entry. `None`: the binder and the browser edition have no changes page.
pub fn page_version(meta: &PackMeta) -> Option<i64> {
    meta.version.filter(|_| !meta.changes.is_empty())
}

fn has(t: &Table<'_>, key: &str) -> bool {
    t.iter().any(|(k, _)| k.get_ref() == key)
}

/// Where the value of `key` starts (inside the quotes for a string).
fn value_position(f: &TomlFile<'_>, t: &Table<'_>, key: &str) -> Option<(usize, usize)> {
    let (_, v) = t.iter().find(|(k, _)| k.get_ref() == key)?;
    Some(at_value(f, v.span().start, v.get_ref()))
}

fn at_value(f: &TomlFile<'_>, offset: usize, v: &Value<'_>) -> (usize, usize) {
    let (line, column) = f.position(offset);
    match v {
        Value::String(_) => (line, column + 1),
        _ => (line, column),
    }
}

/// The positions of the strings of `docs`, in the order `str_list` reads them.
fn doc_positions(f: &TomlFile<'_>, t: &Table<'_>) -> Vec<(usize, usize)> {
    let Some((_, v)) = t.iter().find(|(k, _)| k.get_ref() == "docs") else {
        return Vec::new();
    };
    match v.get_ref() {
        Value::Array(items) => items
            .iter()
            .filter(|i| matches!(i.get_ref(), Value::String(_)))
            .map(|i| at_value(f, i.span().start, i.get_ref()))
            .collect(),
        s @ Value::String(_) => vec![at_value(f, v.span().start, s)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problem;

    fn read_src(src: &str) -> (Vec<ChangeEntry>, Vec<Problem>) {
        let (mut f, table) = TomlFile::parse("p/pack.toml", src);
        let out = match table {
            Some(t) => read(&mut f, t.get_ref()),
            None => Vec::new(),
        };
        (out, f.problems)
    }

    #[test]
    fn entries_are_read_with_positions_newest_first() {
        let src = "[[changes]]\nversion = 2\ndate = 2026-03-01\nsummary = \"First \\u001b[31mchange\"\n\n\
                   [[changes]]\nversion = 3\ndate = 2026-09-14\nsummary = \"Phones\"\ndocs = [\"phones-down\", \"message-slip\"]\n";
        let (entries, problems) = read_src(src);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(entries.len(), 2);
        let (newest, older) = (&entries[0], &entries[1]);
        assert_eq!((newest.version, newest.line), (3, 6));
        assert_eq!(newest.date.to_string(), "2026-09-14");
        assert_eq!(newest.docs, ["phones-down", "message-slip"]);
        // inside the quotes of each id
        assert_eq!(newest.docs_at, [(10, 10), (10, 25)]);
        assert_eq!(newest.version_at, (7, 11));
        assert_eq!(older.version, 2);
        assert!(older.docs.is_empty());
        assert!(!older.summary.contains('\u{1b}'), "{}", older.summary);
    }

    #[test]
    fn a_bad_entry_is_reported_at_its_place_and_left_out() {
        let src = "[[changes]]\nversion = \"twelve\"\ndate = 2026-09-14\nsummary = \"x\"\n\n\
                   [[changes]]\nversion = 4\nsumary = \"typo\"\ndocs = [\"a\", 3]\n";
        let (entries, problems) = read_src(src);
        assert!(entries.is_empty());
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let has = |s: &str| said.iter().any(|p| p.contains(s));
        assert!(
            has("p/pack.toml:2:11: error[MP002]: `version` should be a whole number"),
            "{said:?}"
        );
        assert!(
            has("p/pack.toml:8:1: warning[MP004]: unknown key `sumary` in [[changes]]"),
            "{said:?}"
        );
        assert!(
            has("p/pack.toml:6:1: error[MP003]: missing required key `date` in [[changes]]"),
            "{said:?}"
        );
        assert!(
            has("missing required key `summary` in [[changes]]"),
            "{said:?}"
        );
        assert!(
            has("p/pack.toml:9:14: error[MP002]: `docs` should be a list of strings"),
            "{said:?}"
        );
        // the wrongly typed version is not also "missing"
        assert!(!has("missing required key `version`"), "{said:?}");
    }

    #[test]
    fn changes_that_is_not_an_array_of_tables_is_a_problem_not_a_panic() {
        let (entries, problems) = read_src("changes = \"v2: phones\"\n");
        assert!(entries.is_empty());
        assert!(problems[0].message.contains("should be an array of tables"));
    }
}
