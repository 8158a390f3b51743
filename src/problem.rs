//! Problems found while loading a pack: where (file, line, column), what, and what to do.
//!
//! Every message is built from sanitised text, so printing a [`Problem`] can never send a control
//! character to a terminal.

use std::fmt;

use serde::Serialize;

use crate::sanitize::clean_line;

/// How bad a problem is. Nothing stops a pack from opening; an error means some part of it could
/// not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem with a pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
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
    pub fn new(severity: Severity, file: &str, message: impl AsRef<str>) -> Self {
        Problem {
            severity,
            file: clean_line(file),
            line: 0,
            column: 0,
            message: clean_line(message.as_ref()),
            help: String::new(),
        }
    }

    pub fn error(file: &str, message: impl AsRef<str>) -> Self {
        Self::new(Severity::Error, file, message)
    }

    pub fn warning(file: &str, message: impl AsRef<str>) -> Self {
        Self::new(Severity::Warning, file, message)
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
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)?;
        if !self.help.is_empty() {
            write!(f, ", {}", self.help)?;
        }
        Ok(())
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
        let p = Problem::error("p/contacts.toml", "bad \u{1b}value")
            .at((3, 7))
            .help("fix it");
        assert_eq!(
            p.to_string(),
            "p/contacts.toml:3:7: error: bad <ESC>value, fix it"
        );
    }
}
