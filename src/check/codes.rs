//! The stable diagnostic codes (`MP0xx`), each with its severity and a one-line title, and the
//! mapping from the loader's problems to codes. `docs/checks.md` explains every code; a test keeps
//! the two in step.

use crate::problem::{Problem, Severity};

/// One kind of diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
}

const fn error(id: &'static str, title: &'static str) -> Code {
    Code {
        id,
        severity: Severity::Error,
        title,
    }
}

const fn warning(id: &'static str, title: &'static str) -> Code {
    Code {
        id,
        severity: Severity::Warning,
        title,
    }
}

// Reading the pack (from the loader's problems).
pub const LOAD_OTHER: Code = error("MP000", "other load problem");
pub const TOML_SYNTAX: Code = error("MP001", "invalid TOML");
pub const TOML_TYPE: Code = error("MP002", "value of the wrong type or out of range");
pub const MISSING_KEY: Code = error("MP003", "required key missing");
pub const UNKNOWN_KEY: Code = warning("MP004", "unknown key");
pub const FRONT_MATTER_OPEN: Code = error("MP005", "front matter never closed");
pub const FRONT_MATTER_VALUE: Code = error("MP006", "front matter value not allowed");
pub const SCHEMA_NEWER: Code = warning("MP007", "pack schema newer than this program");
pub const NO_PACK_TOML: Code = error("MP008", "pack.toml missing");
pub const NO_CONTACTS_TOML: Code = warning("MP009", "contacts.toml missing");
pub const PACK_ID: Code = warning("MP010", "pack folder name is not a valid id");
pub const DUPLICATE_ID: Code = error("MP011", "duplicate document id");
pub const TRIAGE_TARGET: Code = error("MP012", "triage entry opens nothing");
pub const PHONE_CHARS: Code = error("MP013", "phone number has characters it cannot have");
pub const INVALID_UTF8: Code = error("MP014", "file is not valid UTF-8");
pub const TOO_LARGE: Code = error("MP015", "over a size limit");
pub const SYMLINK: Code = error("MP016", "symbolic link");
pub const UNREADABLE: Code = error("MP017", "file cannot be read");
pub const NO_PACK: Code = error("MP018", "no pack found");
pub const FORMS_ONLY_KEY: Code = warning("MP019", "front matter key ignored for this kind");

// Links.
pub const BROKEN_LINK: Code = error("MP020", "link to a document that does not exist");
pub const BROKEN_ANCHOR: Code = error("MP021", "link to a heading that does not exist");
pub const MISSING_IMAGE: Code = error("MP022", "image missing");
pub const MISSING_FILE: Code = error("MP023", "linked file missing");
pub const REFUSED_LINK: Code = warning("MP024", "link that is never followed");

// Contacts.
pub const PHONE_SHAPE: Code = error("MP030", "phone number has the wrong shape");
pub const PHONE_UNUSUAL: Code = warning("MP031", "unusual phone number");
pub const DUPLICATE_CONTACT: Code = warning("MP032", "duplicate contact");
pub const NO_KEY_CONTACT: Code = warning("MP033", "no key contact");
pub const NO_IT_CONTACT: Code = warning("MP034", "no IT or cyber contact");

// Review dates.
pub const REVIEW_OVERDUE: Code = error("MP040", "review date passed");
pub const REVIEW_SOON: Code = warning("MP041", "review due within 30 days");
pub const REVIEWED_FUTURE: Code = warning("MP042", "reviewed date in the future");
pub const REVIEW_ORDER: Code = warning("MP043", "next review not after the last review");

// Text.
pub const PLACEHOLDER: Code = error("MP050", "placeholder text");

// File names.
pub const RESERVED_NAME: Code = error("MP060", "name reserved on Windows");
pub const TRAILING_DOT_SPACE: Code = error("MP061", "name ends with a dot or space");
pub const FORBIDDEN_CHAR: Code = error("MP062", "name has a character Windows forbids");
pub const CASE_COLLISION: Code = error("MP063", "names differ only in case");
pub const NORMALISATION_COLLISION: Code =
    error("MP064", "names differ only in Unicode normalisation");
pub const LONG_PATH: Code = warning("MP065", "path too long for Windows");

// Raw content.
pub const CONTROL_CHAR: Code = error("MP070", "control character");
pub const BIDI_CHAR: Code = error("MP071", "bidirectional override or isolate");
pub const INVISIBLE_CHAR: Code = warning("MP072", "invisible character");
pub const RAW_HTML: Code = warning("MP073", "raw HTML shown as text");
pub const LARGE_FILE: Code = warning("MP074", "large file");
pub const AUTHOR_NOTE: Code = warning("MP075", "author's note shown to nobody");

// Paper.
pub const FORM_OVERFLOW: Code = warning("MP080", "form does not fit the sheets it declares");
pub const PICTURE_UNPRINTABLE: Code = warning("MP081", "picture that will not print");

// Change notes (`[[changes]]` in pack.toml).
pub const CHANGES_MISSING: Code = warning("MP090", "pack version with no [[changes]] entry");
pub const CHANGES_DOC: Code = error("MP091", "[[changes]] names a document that does not exist");
pub const CHANGES_AHEAD: Code = warning("MP092", "[[changes]] entry for a later version");
pub const CHANGES_DUPLICATE: Code = warning("MP093", "two [[changes]] entries for one version");

/// Every code, in order, for the documentation test and `--json` consumers.
pub const ALL: &[Code] = &[
    LOAD_OTHER,
    TOML_SYNTAX,
    TOML_TYPE,
    MISSING_KEY,
    UNKNOWN_KEY,
    FRONT_MATTER_OPEN,
    FRONT_MATTER_VALUE,
    SCHEMA_NEWER,
    NO_PACK_TOML,
    NO_CONTACTS_TOML,
    PACK_ID,
    DUPLICATE_ID,
    TRIAGE_TARGET,
    PHONE_CHARS,
    INVALID_UTF8,
    TOO_LARGE,
    SYMLINK,
    UNREADABLE,
    NO_PACK,
    FORMS_ONLY_KEY,
    BROKEN_LINK,
    BROKEN_ANCHOR,
    MISSING_IMAGE,
    MISSING_FILE,
    REFUSED_LINK,
    PHONE_SHAPE,
    PHONE_UNUSUAL,
    DUPLICATE_CONTACT,
    NO_KEY_CONTACT,
    NO_IT_CONTACT,
    REVIEW_OVERDUE,
    REVIEW_SOON,
    REVIEWED_FUTURE,
    REVIEW_ORDER,
    PLACEHOLDER,
    RESERVED_NAME,
    TRAILING_DOT_SPACE,
    FORBIDDEN_CHAR,
    CASE_COLLISION,
    NORMALISATION_COLLISION,
    LONG_PATH,
    CONTROL_CHAR,
    BIDI_CHAR,
    INVISIBLE_CHAR,
    RAW_HTML,
    LARGE_FILE,
    AUTHOR_NOTE,
    FORM_OVERFLOW,
    PICTURE_UNPRINTABLE,
    CHANGES_MISSING,
    CHANGES_DOC,
    CHANGES_AHEAD,
    CHANGES_DUPLICATE,
];

/// A front matter value of a form's printing keys that is not allowed.
fn is_form_key(m: &str) -> bool {
    ["blank_rows =", "sheets =", "per_sheet ="]
        .iter()
        .any(|k| m.starts_with(k))
}

/// The code of a load problem, recognised from the loader's wording (the loader's messages are
/// tested here so a change of wording cannot silently move a problem to [`LOAD_OTHER`]).
pub fn of_problem(p: &Problem) -> Code {
    let m = p.message.as_str();
    let has = |s: &str| m.contains(s);
    if m.starts_with("invalid TOML") {
        TOML_SYNTAX
    } else if has("missing required key") {
        MISSING_KEY
    } else if m.starts_with("unknown key") {
        UNKNOWN_KEY
    } else if has("should be")
        || has("is a string, not a date")
        || has("is not a real date")
        || has("has a time but no date")
        || has("is out of range") && !is_form_key(m)
    {
        TOML_TYPE
    } else if has("front matter starts with +++") {
        FRONT_MATTER_OPEN
    } else if m.starts_with("orientation \"") || is_form_key(m) {
        FRONT_MATTER_VALUE
    } else if has("apply to forms only") {
        FORMS_ONLY_KEY
    } else if m.starts_with("schema ") && has("is newer") {
        SCHEMA_NEWER
    } else if has("pack.toml is missing") {
        NO_PACK_TOML
    } else if m == "no contacts.toml" {
        NO_CONTACTS_TOML
    } else if has("is not a valid pack id") {
        PACK_ID
    } else if m.starts_with("document id") && has("is also used by") {
        DUPLICATE_ID
    } else if m.starts_with("triage entry") {
        TRIAGE_TARGET
    } else if has("characters a phone number cannot have") {
        PHONE_CHARS
    } else if has("not valid UTF-8") {
        INVALID_UTF8
    } else if m.starts_with("larger than")
        || m.starts_with("more than")
        || m.starts_with("the pack is larger")
    {
        TOO_LARGE
    } else if has("symbolic link") {
        SYMLINK
    } else if m.starts_with("cannot read") || has("not a regular file") {
        UNREADABLE
    } else if m.starts_with("cannot open") || m == "no pack found here" {
        NO_PACK
    } else {
        LOAD_OTHER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut ids: Vec<_> = ALL.iter().map(|c| c.id).collect();
        assert!(ids.iter().all(|id| id.len() == 5 && id.starts_with("MP")));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
    }

    #[test]
    fn loader_wording_maps_to_codes() {
        let cases = [
            ("invalid TOML: expected `=`", TOML_SYNTAX),
            ("missing required key `name` in [practice]", MISSING_KEY),
            ("unknown key `nmae` in [[contact]]", UNKNOWN_KEY),
            ("`version` should be a whole number, not string", TOML_TYPE),
            ("`reviewed` is a string, not a date", TOML_TYPE),
            (
                "front matter starts with +++ but is never closed",
                FRONT_MATTER_OPEN,
            ),
            ("blank_rows = 900 is out of range", FRONT_MATTER_VALUE),
            ("sheets = 0 is out of range", FRONT_MATTER_VALUE),
            ("per_sheet = 9 is out of range", FRONT_MATTER_VALUE),
            (
                "per_sheet = 2 needs each copy on one sheet, but sheets = 2",
                FRONT_MATTER_VALUE,
            ),
            ("orientation \"sideways\" is not known", FRONT_MATTER_VALUE),
            (
                "triage entry \"x\" opens `y`, which is not a document of this pack",
                TRIAGE_TARGET,
            ),
            (
                "document id `a` is also used by procedures/a.md",
                DUPLICATE_ID,
            ),
            ("the file is not valid UTF-8 text", INVALID_UTF8),
            ("is a symbolic link; links are never followed", SYMLINK),
            ("no contacts.toml", NO_CONTACTS_TOML),
        ];
        for (message, code) in cases {
            let p = Problem::error("f", message);
            assert_eq!(of_problem(&p), code, "{message}");
        }
    }
}
