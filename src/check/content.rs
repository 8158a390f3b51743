//! The raw text of a pack's files: placeholder text left in, control and bidi characters (the
//! loaded model is sanitised, so these are found in the raw text, at the raw character's line and
//! column), raw HTML, which is shown as text, and HTML comments, which are shown nowhere.

use super::{Diagnostic, PackFiles, codes};
use crate::document::{Block, Inline, ListItem};
use crate::pack::Pack;
use crate::sanitize::{is_hazard, placeholder};

/// Check every text file of the pack folder, in path order.
pub fn check(pack: &Pack, facts: &[super::DocFacts], files: &PackFiles, out: &mut Vec<Diagnostic>) {
    let mut paths: Vec<&String> = files.texts.keys().collect();
    paths.sort();
    for rel in paths {
        let shown = format!("{}/{rel}", pack.id);
        for (i, line) in files.texts[rel].split('\n').enumerate() {
            hazards(&shown, i + 1, line, rel.ends_with(".toml"), out);
            placeholders(&shown, i + 1, line, out);
        }
    }
    for (entry, facts) in pack.docs.iter().zip(facts) {
        let Some(text) = files.texts.get(&entry.path) else {
            continue;
        };
        let shown = format!("{}/{}", pack.id, entry.path);
        for note in &facts.comments {
            let column = text
                .split('\n')
                .nth(note.line.saturating_sub(1))
                .and_then(|l| l.find("<!--").map(|at| l[..at].chars().count() + 1))
                .unwrap_or(1);
            out.push(
                Diagnostic::new(
                    codes::AUTHOR_NOTE,
                    &shown,
                    format!(
                        "the HTML comment `{}` is an author's note: no output shows it",
                        short(&note.text)
                    ),
                )
                .at(note.line, column)
                .help("fine for notes to authors; put anything staff must read in the text itself"),
            );
        }
        let snippets = &facts.html;
        let (mut from, mut line, mut last_line) = (0, 1, 0);
        for snippet in snippets {
            let first = snippet.lines().next().unwrap_or("").trim();
            if first.is_empty() {
                continue;
            }
            // the model is sanitised: look for the snippet only where it is plain text
            let Some(found) = text.get(from..).and_then(|t| t.find(first)) else {
                continue;
            };
            let at = from + found;
            line += text[from..at].matches('\n').count();
            from = at + first.len();
            if line == last_line {
                // one finding per line is enough
                continue;
            }
            last_line = line;
            let column = text[..at]
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count())
                + 1;
            out.push(
                Diagnostic::new(
                    codes::RAW_HTML,
                    &shown,
                    format!("raw HTML `{}` is shown as text, not as HTML", short(first)),
                )
                .at(line, column)
                .help("use Markdown instead (**bold**, lists, tables); HTML is never interpreted"),
            );
        }
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push_str("...");
    }
    out
}

/// Control characters, bidi overrides and invisible characters: one diagnostic per kind per line.
/// In TOML files, characters written as escapes (`\u001b`) count too: they decode to the real
/// character.
fn hazards(file: &str, line_no: usize, line: &str, toml: bool, out: &mut Vec<Diagnostic>) {
    // fast path: printable ASCII and tabs hold no raw hazard
    let plain = line
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\t');
    let raw: Vec<(usize, char, bool)> = if plain {
        Vec::new()
    } else {
        line.chars()
            .enumerate()
            .filter(|(_, c)| is_hazard(*c))
            .map(|(col, c)| (col, c, false))
            .collect()
    };
    let escaped = if toml { toml_escapes(line) } else { Vec::new() };
    let mut seen = [false; 3];
    for (col, c, escaped) in raw.into_iter().chain(escaped) {
        let shown =
            placeholder(c).map_or_else(|| format!("U+{:04X}", c as u32), |p| p.into_owned());
        let (kind, code, what, help) = match c {
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => (
                0,
                codes::BIDI_CHAR,
                "a bidirectional override or isolate",
                "delete it: it can reorder text so what is shown differs from what is written",
            ),
            c if c.is_control() => (
                1,
                codes::CONTROL_CHAR,
                "a control character",
                "delete it: it often comes from copy and paste, and can hide text or damage a terminal",
            ),
            _ => (
                2,
                codes::INVISIBLE_CHAR,
                "an invisible character",
                "delete it unless it is meant to be there",
            ),
        };
        if std::mem::replace(&mut seen[kind], true) {
            continue;
        }
        let how = if escaped {
            "is written as an escape"
        } else {
            "is in the text"
        };
        out.push(
            Diagnostic::new(code, file, format!("{what} ({shown}) {how}"))
                .at(line_no, col + 1)
                .help(help),
        );
    }
}

/// Hazardous characters written as TOML escapes (`\u001b`, `\U0000202E`, `\e`): column (0-based,
/// at the backslash), the character, and `true`.
fn toml_escapes(line: &str) -> Vec<(usize, char, bool)> {
    if !line.contains('\\') {
        return Vec::new();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\\' {
            i += 1;
            continue;
        }
        let digits = match chars.get(i + 1) {
            Some('u') => 4,
            Some('U') => 8,
            Some('e') => 0,
            _ => {
                // any other escape, `\\` included, is skipped whole
                i += 2;
                continue;
            }
        };
        let decoded = if digits == 0 {
            Some('\u{1b}')
        } else {
            let hex: String = chars
                .get(i + 2..i + 2 + digits)
                .unwrap_or(&[])
                .iter()
                .collect();
            u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
        };
        if let Some(c) = decoded.filter(|c| is_hazard(*c)) {
            out.push((i, c, true));
        }
        i += 2 + digits;
    }
    out
}

/// Words that mark text still to be written.
const MARKERS: &[&str] = &["TODO", "TBC", "TBA", "FIXME"];

/// Placeholder text: TODO, TBC, XXX, lorem ipsum and dummy numbers such as 01632 000000.
fn placeholders(file: &str, line_no: usize, line: &str, out: &mut Vec<Diagnostic>) {
    if let Some((byte, what)) = find_placeholder(line) {
        let column = line[..byte].chars().count() + 1;
        out.push(
            Diagnostic::new(
                codes::PLACEHOLDER,
                file,
                format!("placeholder {what} is still in the pack"),
            )
            .at(line_no, column)
            .help("replace it with the real text or number before the pack goes on a stick"),
        );
    }
}

/// The first placeholder in a line: byte offset and a description.
pub fn find_placeholder(line: &str) -> Option<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let letter_at = |i: Option<char>| i.is_some_and(char::is_alphabetic);
    for marker in MARKERS {
        for (i, _) in line.match_indices(marker) {
            let before = line[..i].chars().next_back();
            let after = line[i + marker.len()..].chars().next();
            if !letter_at(before) && !letter_at(after) {
                found.push((i, format!("`{marker}`")));
                break;
            }
        }
    }
    if let Some(i) = find_ignoring_ascii_case(line, "lorem ipsum") {
        found.push((i, "`lorem ipsum`".into()));
    }
    if let Some(i) = x_run(line) {
        found.push((i, "`XXX`".into()));
    }
    if let Some((i, number)) = dummy_number(line) {
        found.push((i, format!("dummy number `{number}`")));
    }
    found.into_iter().min_by_key(|(i, _)| *i)
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ignoring_ascii_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// A run of three or more X (either case) that is not part of a word.
fn x_run(line: &str) -> Option<usize> {
    if !line
        .as_bytes()
        .windows(3)
        .any(|w| w.iter().all(|b| b | 0x20 == b'x'))
    {
        return None;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1.eq_ignore_ascii_case(&'x') {
            let start = i;
            while i < chars.len() && chars[i].1.eq_ignore_ascii_case(&'x') {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j].1);
            let after = chars.get(i).map(|c| c.1);
            if i - start >= 3
                && !before.is_some_and(char::is_alphabetic)
                && !after.is_some_and(char::is_alphabetic)
            {
                return Some(chars[start].0);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// A phone-number-like run of digits (spaces and '-' allowed between) that is a dummy: ends in
/// six zeros (`01632 000000`, `020 0000 0000`) or counts up (`01234 567890`).
fn dummy_number(line: &str) -> Option<(usize, String)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || i > 0 && bytes[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = String::new();
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii_digit() {
                digits.push(b as char);
                end += 1;
            } else if (b == b' ' || b == b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                end += 1;
            } else {
                break;
            }
        }
        let national = digits
            .strip_prefix("44")
            .filter(|_| start > 0 && bytes[start - 1] == b'+')
            .map(|d| format!("0{d}"));
        let national = national.as_deref().unwrap_or(&digits);
        let is_phone = national.starts_with('0') && (10..=11).contains(&national.len());
        if is_phone && (national.ends_with("000000") || "01234567890".contains(national)) {
            return Some((start, line[start..end].trim_end().to_string()));
        }
        i = end.max(start + 1);
    }
    None
}

pub fn html_in_blocks(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Html(s) => out.push(s.to_string()),
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                html_in_inlines(content, out)
            }
            Block::List { items, .. } => items
                .iter()
                .for_each(|ListItem { blocks, .. }| html_in_blocks(blocks, out)),
            Block::Quote { blocks, .. } => html_in_blocks(blocks, out),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .for_each(|c| html_in_inlines(c, out)),
            Block::Code { .. } | Block::Rule => {}
        }
    }
}

fn html_in_inlines(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        if let Inline::Text(t) = i
            && t.style.html
        {
            out.push(t.text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_where_they_start() {
        assert_eq!(
            find_placeholder("name = \"TODO: practice name\"").map(|p| p.0),
            Some(8)
        );
        assert_eq!(
            find_placeholder("phone = \"01632 000000\"").map(|p| p.0),
            Some(9)
        );
        assert_eq!(
            find_placeholder("Ring 01234 567890 now").map(|p| p.0),
            Some(5)
        );
        assert_eq!(
            find_placeholder("call +44 1632 000000").map(|p| p.0),
            Some(6)
        );
        assert_eq!(find_placeholder("Ref: XXXX").map(|p| p.0), Some(5));
        assert!(find_placeholder("Lorem ipsum dolor").is_some());
        assert!(find_placeholder("TBC").is_some());
    }

    #[test]
    fn toml_escapes_of_hazards_are_found() {
        let found = toml_escapes(r#"name = "IT \u001b[2J \U0000202E \\u001b \e \u00e9""#);
        let cols: Vec<_> = found.iter().map(|(col, c, _)| (*col, *c)).collect();
        assert_eq!(cols, [(11, '\u{1b}'), (21, '\u{202e}'), (40, '\u{1b}')]);
    }

    #[test]
    fn real_text_is_not_a_placeholder() {
        for ok in [
            "phone = \"01632 960000\"",
            "020 7946 0000",
            "reviewed = 2026-10-01",
            "TODOS and Xerxes, xxl, Mon-Fri 08:00-18:30",
            "Exxxon",
            "the STODO word",
        ] {
            assert_eq!(find_placeholder(ok), None, "{ok}");
        }
    }
}
