//! Printing diagnostics: compiler-style text (never any escape code; every quoted line is
//! sanitised already) and one JSON object per line.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{Diagnostic, Severity};
use crate::sanitize::clean_line;

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
    let mut s = String::new();
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(s, "{label}[{}]: {}", d.code, d.message);
    let number = if d.line > 0 {
        d.line.to_string()
    } else {
        String::new()
    };
    let gutter = " ".repeat(number.len().max(1));
    let _ = write!(s, "{gutter}--> {}", d.file);
    if d.line > 0 {
        let _ = write!(s, ":{}", d.line);
        if d.column > 0 {
            let _ = write!(s, ":{}", d.column);
        }
    }
    s.push('\n');
    if let Some(source) = &d.source_line {
        let _ = writeln!(s, "{gutter} |");
        let _ = writeln!(s, "{number} | {source}");
        if d.column > 0 {
            let pad = caret_offset(source, d.column);
            let _ = writeln!(s, "{gutter} | {}^", " ".repeat(pad));
        }
    }
    if !d.help.is_empty() {
        let _ = writeln!(s, "{gutter} = help: {}", d.help);
    }
    s
}

/// Display columns before the caret: the width of the first `column - 1` characters of the
/// sanitised line. Placeholders such as `<ESC>` are counted as the one character they replace,
/// so the caret lands on the placeholder's `<`.
fn caret_offset(source: &str, column: usize) -> usize {
    let mut width = 0;
    let mut chars = 0;
    let mut rest = source;
    while chars + 1 < column && !rest.is_empty() {
        let step =
            placeholder_len(rest).unwrap_or_else(|| rest.chars().next().map_or(1, char::len_utf8));
        width += rest[..step].width();
        rest = &rest[step..];
        chars += 1;
    }
    width
}

/// Length in bytes of a sanitiser placeholder (`<ESC>`, `<U+202E>`) at the start of `s`.
fn placeholder_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('<')?;
    let end = inner.find('>')?;
    let name = &inner[..end];
    let known = ["NUL", "BEL", "BS", "VT", "FF", "ESC", "DEL", "CSI", "OSC"];
    let is_code = name
        .strip_prefix("U+")
        .is_some_and(|h| h.len() >= 4 && h.chars().all(|c| c.is_ascii_hexdigit()));
    (known.contains(&name) || is_code).then_some(end + 2)
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

/// A one-line form for narrow places (the TUI): `file:line:col: error[MP020]: what, what to do`.
pub fn one_line(d: &Diagnostic) -> String {
    let mut s = clean_line(&d.file);
    if d.line > 0 {
        let _ = write!(s, ":{}", d.line);
        if d.column > 0 {
            let _ = write!(s, ":{}", d.column);
        }
    }
    let label = if d.is_error() { "error" } else { "warning" };
    let _ = write!(s, ": {label}[{}]: {}", d.code, d.message);
    if !d.help.is_empty() {
        let _ = write!(s, "; {}", d.help);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::codes;

    #[test]
    fn caret_sits_under_the_column_even_after_placeholders() {
        let mut d = Diagnostic::new(codes::BIDI_CHAR, "p/x.md", "bad")
            .at(3, 3)
            .help("fix");
        d.source_line = Some("ab<U+202E>cd".into());
        let text = human(&d);
        assert!(text.contains("3 | ab<U+202E>cd\n  |   ^\n"), "{text}");
        d.column = 5;
        assert!(
            human(&d).contains(&format!("  | {}^\n", " ".repeat(11))),
            "{}",
            human(&d)
        );
    }
}
