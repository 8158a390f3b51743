//! `pack.toml`: the practice, the pack's version and review dates, and the triage list.

use jiff::civil::Date;
use serde::Serialize;

use super::Pack;
pub use super::changelog::ChangeEntry;
use super::toml_read::{Table, TomlFile, Value, char_offset, value_offset};
use crate::problem::{Problem, codes};
use crate::sanitize::clean_line;

/// The newest `schema` this version of manualpack understands.
pub const SCHEMA: i64 = 1;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Practice {
    pub name: String,
    pub ods_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

/// The contents of `pack.toml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PackMeta {
    pub schema: i64,
    pub practice: Practice,
    pub version: Option<i64>,
    pub reviewed: Option<Date>,
    pub next_review: Option<Date>,
    pub owner: Option<String>,
    pub example: bool,
    pub triage: Vec<TriageEntry>,
    /// `[search] synonyms`: groups of words or phrases search treats as the same.
    pub search_synonyms: Vec<Vec<String>>,
    /// `[[changes]]`: what changed in each version, newest version first.
    pub changes: Vec<ChangeEntry>,
}

/// One line of "What isn't working?".
#[derive(Debug, Clone, Serialize)]
pub struct TriageEntry {
    pub label: String,
    /// A document id.
    pub open: String,
    /// 1-based line in `pack.toml`.
    pub line: usize,
    /// 1-based line and column of the `open` value's first character, for pointing at it.
    pub open_at: (usize, usize),
}

impl PackMeta {
    /// What to show when `pack.toml` could not be read.
    pub fn fallback(id: &str) -> Self {
        PackMeta {
            schema: SCHEMA,
            practice: Practice {
                name: id.to_string(),
                ..Practice::default()
            },
            ..Self::default()
        }
    }

    /// The `[[changes]]` entries of `version`, in the order of the file.
    pub fn changes_for(&self, version: i64) -> impl Iterator<Item = &ChangeEntry> {
        self.changes.iter().filter(move |c| c.version == version)
    }

    /// The `[[changes]]` entries of versions before `version`, newest first.
    pub fn changes_before(&self, version: i64) -> impl Iterator<Item = &ChangeEntry> {
        self.changes.iter().filter(move |c| c.version < version)
    }

    /// True when `next_review` has passed.
    pub fn review_overdue(&self, today: Date) -> bool {
        self.next_review.is_some_and(|d| d < today)
    }
}

const TOP_KEYS: &[&str] = &["schema", "practice", "pack", "triage", "search", "changes"];
const PRACTICE_KEYS: &[&str] = &["name", "ods_code", "address", "phone"];
const PACK_KEYS: &[&str] = &["version", "reviewed", "next_review", "owner", "example"];
const TRIAGE_KEYS: &[&str] = &["label", "open"];
const SEARCH_KEYS: &[&str] = &["synonyms"];

/// Read `pack.toml`; problems are added, and whatever could be read is returned.
pub fn read(file: &str, src: &str, problems: &mut Vec<Problem>) -> PackMeta {
    let (mut f, table) = TomlFile::parse(file, src);
    let mut meta = PackMeta::fallback("");
    meta.schema = SCHEMA;
    if let Some(root) = table {
        let root = root.get_ref();
        f.unknown_keys(root, TOP_KEYS, "pack.toml");
        if let Some(schema) = f.int(root, "schema") {
            meta.schema = schema;
            if schema > SCHEMA {
                f.report(
                    codes::SCHEMA_NEWER,
                    value_offset(root, "schema"),
                    format!("schema {schema} is newer than this manualpack understands ({SCHEMA})"),
                    "update manualpack; the pack is shown as well as it can be",
                );
            }
        }
        match f.table(root, "practice") {
            Some((t, at)) => {
                f.unknown_keys(t, PRACTICE_KEYS, "[practice]");
                match f.str(t, "name") {
                    Some(name) => meta.practice.name = clean_line(&name),
                    None => f.missing(at, "name", "[practice]", "name = \"Riverside Surgery\""),
                }
                meta.practice.ods_code = f.str(t, "ods_code").map(|s| clean_line(&s));
                meta.practice.address = f.str(t, "address").map(|s| clean_line(&s));
                meta.practice.phone =
                    super::contacts::read_number(&mut f, src, t, "phone", "the practice", true);
            }
            None => f.missing(0, "practice", "pack.toml", "[practice] with name = \"...\""),
        }
        match f.table(root, "pack") {
            Some((t, at)) => {
                f.unknown_keys(t, PACK_KEYS, "[pack]");
                meta.version = f.int(t, "version");
                if meta.version.is_none() {
                    f.missing(at, "version", "[pack]", "version = 1");
                }
                meta.reviewed = f.date(t, "reviewed");
                if meta.reviewed.is_none() {
                    f.missing(at, "reviewed", "[pack]", "reviewed = 2026-10-01");
                }
                meta.next_review = f.date(t, "next_review");
                if meta.next_review.is_none() {
                    f.missing(at, "next_review", "[pack]", "next_review = 2027-04-01");
                }
                meta.owner = f.str(t, "owner").map(|s| clean_line(&s));
                meta.example = f.bool(t, "example").unwrap_or(false);
            }
            None => f.missing(
                0,
                "pack",
                "pack.toml",
                "[pack] with version, reviewed and next_review",
            ),
        }
        for (t, at) in f.tables(root, "triage") {
            f.unknown_keys(t, TRIAGE_KEYS, "[[triage]]");
            let label = f.str(t, "label");
            let open = f.str_at(t, "open");
            if label.is_none() {
                f.missing(at, "label", "[[triage]]", "label = \"The phones are down\"");
            }
            if open.is_none() {
                f.missing(at, "open", "[[triage]]", "open = \"phones-down\"");
            }
            if let (Some(label), Some((open, open_at))) = (label, open) {
                let line = f.position(at).0;
                meta.triage.push(TriageEntry {
                    label: clean_line(&label),
                    open: clean_line(&open),
                    line,
                    open_at: f.position(char_offset(src, open_at, 0)),
                });
            }
        }
        if let Some((t, _)) = f.table(root, "search") {
            f.unknown_keys(t, SEARCH_KEYS, "[search]");
            meta.search_synonyms = synonyms(&mut f, t);
        }
        meta.changes = super::changelog::read(&mut f, root);
    }
    problems.append(&mut f.problems);
    meta
}

/// `synonyms = [["EMIS", "clinical system"], ...]`: a list of groups, each a list of at least
/// two strings. A bad group is reported and skipped.
fn synonyms(f: &mut TomlFile<'_>, t: &Table<'_>) -> Vec<Vec<String>> {
    const HELP: &str =
        "write synonyms = [[\"EMIS\", \"clinical system\"], [\"phones\", \"telephony\"]]";
    let Some((_, v)) = t.iter().find(|(k, _)| k.get_ref() == "synonyms") else {
        return Vec::new();
    };
    let Value::Array(groups) = v.get_ref() else {
        f.report(
            codes::TOML_TYPE,
            v.span().start,
            "`synonyms` in [search] should be a list of lists of strings",
            HELP,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for group in groups.iter() {
        let words: Option<Vec<String>> = match group.get_ref() {
            Value::Array(items) => items
                .iter()
                .map(|i| match i.get_ref() {
                    Value::String(s) => Some(clean_line(s)),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match words {
            Some(w) if w.len() >= 2 && w.iter().all(|s| !s.trim().is_empty()) => out.push(w),
            _ => f.report(
                codes::TOML_TYPE,
                group.span().start,
                "each group in [search] synonyms should be a list of two or more non-empty strings",
                HELP,
            ),
        }
    }
    out
}

/// Every triage entry must open a document of the pack.
pub fn check_triage(pack: &mut Pack) {
    let file = format!("{}/pack.toml", pack.id);
    let missing: Vec<Problem> = pack
        .meta
        .triage
        .iter()
        .filter(|t| pack.doc(&t.open).is_none())
        .map(|t| {
            Problem::new(
                codes::TRIAGE_TARGET,
                &file,
                format!(
                    "triage entry \"{}\" opens `{}`, which is not a document of this pack",
                    t.label, t.open
                ),
            )
            .at(t.open_at)
            .help("set `open` to the file name (without .md) of a procedure or form")
        })
        .collect();
    pack.problems.extend(missing);
}
