//! Problems found while loading or checking a pack: a stable code (`MP0xx`, see [`codes`]), where
//! (file, line, column), what, and what to do.
//!
//! Every problem is raised with its code where it is found: no code is ever derived from the
//! wording of a message. Every message is built from sanitised text, so printing a [`Problem`]
//! can never send a control character to a terminal. All printing goes through
//! [`crate::check::render`] (the [`fmt::Display`] form is its one-line form).

pub mod codes;

use std::fmt;

use serde::Serialize;

pub use codes::Code;

use crate::sanitize::clean_line;

/// How bad a problem is. Nothing stops a pack from opening; an error means some part of it could
/// not be read, or `check` fails on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem with a pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable code, e.g. `MP020`; explained in `docs/checks.md`.
    pub code: &'static str,
    pub severity: Severity,
    /// Path relative to the packs root, `/`-separated, sanitised.
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl Problem {
    /// A problem of kind `code` (which gives its severity) in `file`.
    pub fn new(code: Code, file: &str, message: impl AsRef<str>) -> Self {
        Problem {
            code: code.id,
            severity: code.severity,
            file: clean_line(file),
            line: 0,
            column: 0,
            message: clean_line(message.as_ref()),
            help: String::new(),
        }
    }

    pub fn at(mut self, position: (usize, usize)) -> Self {
        (self.line, self.column) = position;
        self
    }

    pub fn help(mut self, help: impl AsRef<str>) -> Self {
        self.help = clean_line(help.as_ref());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::check::render::one_line(self))
    }
}

/// Maps byte offsets of a text to 1-based line and column numbers.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Line and column (in characters) of a byte offset; offsets past the end clamp to it.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let index = LineIndex::new("ab\ncdé\nf");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(7), (2, 4));
        assert_eq!(index.position(8), (3, 1));
        assert_eq!(index.position(9), (3, 2));
        assert_eq!(index.position(99), (3, 2));
    }

    #[test]
    fn display_is_file_line_column_what_and_what_to_do() {
        let p = Problem::new(codes::PHONE_CHARS, "p/contacts.toml", "bad \u{1b}value")
            .at((3, 7))
            .help("fix it");
        assert_eq!(
            p.to_string(),
            "p/contacts.toml:3:7: error[MP013]: bad <ESC>value; fix it"
        );
    }
}
