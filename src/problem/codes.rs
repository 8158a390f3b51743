//! The stable diagnostic codes (`MP0xx`), each with its severity and a one-line title.
//! `docs/checks.md` explains every code; a test keeps the two in step. A [`super::Problem`] is
//! raised with its code where it is found, so rewording a message never changes its code.

use super::Severity;

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
pub const PHONE_HIDDEN: Code = error("MP035", "phone number holds hidden characters");

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
    PHONE_HIDDEN,
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
}
