//! The one place problems are printed: compiler-style text (never any escape code; every quoted
//! line is sanitised), a one-line form for narrow places and for [`Problem`]'s `Display`, and one
//! JSON object per line. A long source line is quoted as an excerpt around the column, so the
//! output stays small whatever the pack holds.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Diagnostic, Severity};
use crate::problem::Problem;
use crate::sanitize::clean_line;

/// Source lines longer than this (in characters) are quoted as an excerpt.
pub const LONG_LINE: usize = 200;
/// Characters an excerpt keeps on each side of the column.
pub const EXCERPT_SIDE: usize = 80;
/// Marks text left out of an excerpt.
const ELLIPSIS: &str = "…";

/// The offending line of a file as it is shown: sanitised, and an excerpt around the column when
/// the line is long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Excerpt {
    pub text: String,
    /// Display columns of `text` before the offending character (where the caret goes); `None`
    /// when the column is unknown.
    #[serde(skip)]
    pub caret: Option<usize>,
}

impl Excerpt {
    /// `line` is the raw line (not yet sanitised); `column` is 1-based in its characters, 0 when
    /// unknown.
    pub fn of(line: &str, column: usize) -> Excerpt {
        let line = line.trim_end();
        let count = line.chars().count();
        let at = column.saturating_sub(1).min(count);
        // the window of characters [first, last) to quote
        let (first, last) = if count <= LONG_LINE {
            (0, count)
        } else if column == 0 {
            (0, 2 * EXCERPT_SIDE)
        } else {
            (
                at.saturating_sub(EXCERPT_SIDE),
                (at + EXCERPT_SIDE).min(count),
            )
        };
        let byte = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
        let (from, to, col) = (byte(first), byte(last), byte(at));
        let mut text = String::new();
        if first > 0 {
            text.push_str(ELLIPSIS);
        }
        let caret = (column > 0).then(|| text.width() + clean_line(&line[from..col]).width());
        text.push_str(&clean_line(&line[from..to]));
        if last < count {
            text.push_str(ELLIPSIS);
        }
        Excerpt { text, caret }
    }
}

/// One diagnostic in the compiler style:
///
/// ```text
/// error[MP020]: link to `phone-down.md`, which is not a document of this pack
///   --> riverside/procedures/power-cut.md:12:5
///    |
/// 12 | Follow [the phones procedure](phone-down.md) as well.
///    |        ^
///    = help: did you mean `phones-down`? ...
/// ```
pub fn human(d: &Diagnostic) -> String {
    let p = &d.problem;
    let mut s = String::new();
    let _ = writeln!(s, "{}[{}]: {}", label(p.severity), p.code, p.message);
    let number = if p.line > 0 {
        p.line.to_string()
    } else {
        String::new()
    };
    let gutter = " ".repeat(number.len().max(1));
    let _ = writeln!(s, "{gutter}--> {}", place(p));
    if let Some(source) = &d.source {
        let _ = writeln!(s, "{gutter} |");
        let _ = writeln!(s, "{number} | {}", source.text);
        if let Some(pad) = source.caret {
            let _ = writeln!(s, "{gutter} | {}^", " ".repeat(pad));
        }
    }
    if !p.help.is_empty() {
        let _ = writeln!(s, "{gutter} = help: {}", p.help);
    }
    s
}

fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `file`, `file:line` or `file:line:column`.
fn place(p: &Problem) -> String {
    let mut s = clean_line(&p.file);
    if p.line > 0 {
        let _ = write!(s, ":{}", p.line);
        if p.column > 0 {
            let _ = write!(s, ":{}", p.column);
        }
    }
    s
}

/// Every diagnostic, then a summary line.
pub fn human_report(diags: &[Diagnostic], packs: usize) -> String {
    let mut s = String::new();
    for d in diags {
        s.push_str(&human(d));
        s.push('\n');
    }
    s.push_str(&summary(diags, packs));
    s.push('\n');
    s
}

/// `3 errors, 1 warning in 2 packs` or `ok: 1 pack checked, no problems`.
pub fn summary(diags: &[Diagnostic], packs: usize) -> String {
    let (errors, warnings) = super::counts(diags);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if diags.is_empty() {
        format!("ok: {} checked, no problems", plural(packs, "pack"))
    } else {
        format!(
            "{}, {} in {}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(packs, "pack")
        )
    }
}

/// One JSON object per diagnostic, one per line.
pub fn json_lines(diags: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diags {
        let line =
            serde_json::to_string(d).unwrap_or_else(|_| format!("{{\"code\":\"{}\"}}", d.code));
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// The one-line form for narrow places (the reader's pack health, load problems on stderr):
/// `file:line:col: error[MP020]: what; what to do`.
pub fn one_line(p: &Problem) -> String {
    let mut s = place(p);
    let _ = write!(s, ": {}[{}]: {}", label(p.severity), p.code, p.message);
    if !p.help.is_empty() {
        let _ = write!(s, "; {}", p.help);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::codes;

    fn with_source(line: &str, column: usize) -> Diagnostic {
        let mut d = Diagnostic::new(codes::BIDI_CHAR, "p/x.md", "bad")
            .at(3, column)
            .help("fix");
        d.source = Some(Excerpt::of(line, column));
        d
    }

    #[test]
    fn caret_sits_under_the_column_even_after_placeholders_and_tabs() {
        let text = human(&with_source("ab\u{202e}cd", 3));
        assert!(text.contains("3 | ab<U+202E>cd\n  |   ^\n"), "{text}");
        let text = human(&with_source("ab\u{202e}cd", 5));
        assert!(
            text.contains(&format!("  | {}^\n", " ".repeat(11))),
            "{text}"
        );
        // a tab is one character but four columns
        let text = human(&with_source("\tx = 1", 2));
        assert!(text.contains("3 |     x = 1\n  |     ^\n"), "{text}");
    }

    #[test]
    fn a_short_line_is_quoted_whole() {
        let line = "x".repeat(LONG_LINE);
        let e = Excerpt::of(&line, 150);
        assert_eq!((e.text.as_str(), e.caret), (line.as_str(), Some(149)));
    }

    #[test]
    fn a_long_line_is_an_excerpt_around_the_column() {
        let mut line = "a".repeat(5000);
        line.replace_range(3000..3001, "\u{1b}");
        let e = Excerpt::of(&line, 3001);
        assert!(
            e.text.starts_with(ELLIPSIS) && e.text.ends_with(ELLIPSIS),
            "{e:?}"
        );
        assert!(e.text.chars().count() < 2 * EXCERPT_SIDE + 10, "{e:?}");
        let caret = e.caret.expect("a caret");
        let before: String = e.text.chars().take(caret).collect();
        assert_eq!(before.width(), caret);
        assert!(e.text[before.len()..].starts_with("<ESC>"), "{e:?}");
        // near the start: no leading ellipsis, caret where it was
        let e = Excerpt::of(&line, 10);
        assert!(!e.text.starts_with(ELLIPSIS) && e.text.ends_with(ELLIPSIS));
        assert_eq!(e.caret, Some(9));
        // near the end: no trailing ellipsis
        let e = Excerpt::of(&line, 4999);
        assert!(e.text.starts_with(ELLIPSIS) && !e.text.ends_with(ELLIPSIS));
        // no column: the start of the line
        let e = Excerpt::of(&line, 0);
        assert!(!e.text.starts_with(ELLIPSIS) && e.text.ends_with(ELLIPSIS));
        assert_eq!(e.caret, None);
        assert!(human(&with_source(&line, 3001)).len() < 1000);
    }

    #[test]
    fn one_line_names_the_code() {
        let p = Problem::new(codes::BROKEN_LINK, "p/x.md", "no such page")
            .at((2, 4))
            .help("fix it");
        assert_eq!(
            one_line(&p),
            "p/x.md:2:4: error[MP020]: no such page; fix it"
        );
    }
}
