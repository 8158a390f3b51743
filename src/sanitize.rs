//! The one sanitised-text path: every piece of pack content passes through [`clean`] before any
//! output (terminal, stdout, stderr, file names in messages) sees it.
//!
//! Control characters (C0, C1, ESC, DEL), bidi overrides and isolates, zero-width characters and
//! line/paragraph separators become visible ASCII placeholders such as `<ESC>` or `<U+202E>`;
//! tabs are expanded to the next multiple of [`TAB_WIDTH`]; CRLF and lone CR become LF; a BOM is
//! dropped. Newlines are kept (callers that want one line use [`clean_line`]).

use std::borrow::Cow;

/// Columns a tab stop spans.
pub const TAB_WIDTH: usize = 4;

/// The placeholder shown for a character that must never reach an output, or `None` when the
/// character is safe as it is.
pub fn placeholder(c: char) -> Option<Cow<'static, str>> {
    let name = match c {
        '\u{0}' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "BS",
        '\u{b}' => "VT",
        '\u{c}' => "FF",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        '\u{9b}' => "CSI",
        '\u{9d}' => "OSC",
        '\t' | '\n' => return None,
        c if is_hazard(c) => return Some(Cow::Owned(format!("<U+{:04X}>", c as u32))),
        _ => return None,
    };
    Some(Cow::Owned(format!("<{name}>")))
}

/// True for characters that can move the cursor, reorder text, hide text or talk to the terminal.
pub fn is_hazard(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi embeddings, overrides, isolates and marks
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        // zero-width and invisible formatting characters
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}'
        // line and paragraph separators, interlinear annotation
        | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}')
        && c != '\t'
        && c != '\n'
        && c != '\r'
}

/// Sanitise a text that may span several lines. Newlines are kept; everything else unsafe is
/// replaced. Borrowed when nothing had to change.
pub fn clean(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let printable_ascii = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n';
    if text.bytes().all(|b| printable_ascii(&b))
        || !text.chars().any(|c| c == '\t' || c == '\r' || is_hazard(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
                column = 0;
            }
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            c => {
                if let Some(p) = placeholder(c) {
                    out.push_str(&p);
                    column += p.len();
                } else {
                    out.push(c);
                    column += 1;
                }
            }
        }
    }
    Cow::Owned(out)
}

/// Sanitise text that must stay on one line (titles, names, file names, error messages):
/// newlines become spaces as well.
pub fn clean_line(text: &str) -> String {
    let cleaned = clean(text);
    if cleaned.contains('\n') {
        cleaned.replace('\n', " ")
    } else {
        cleaned.into_owned()
    }
}

/// Normalise line endings of a whole file and drop a leading BOM, without touching anything else
/// (the Markdown parser needs the raw characters; sanitising happens after parsing).
pub fn normalise_newlines(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A hidden character named for a message: `U+001B (escape)`, `U+200B (zero-width space)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{0}' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{9b}' => "control sequence introducer",
        '\u{9d}' => "operating system command",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{feff}' => "zero-width no-break space",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' | '\u{61c}' => "right-to-left mark",
        '\u{202a}'..='\u{202e}' => "bidirectional embedding or override",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        c if c.is_control() => "control character",
        _ => "invisible formatting character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// Length in bytes of a sanitiser placeholder (`<ESC>`, `<U+202E>`) at the start of `s`.
pub fn placeholder_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('<')?;
    let end = inner.find('>')?;
    let name = &inner[..end];
    let known = ["NUL", "BEL", "BS", "VT", "FF", "ESC", "DEL", "CSI", "OSC"];
    let is_code = name
        .strip_prefix("U+")
        .is_some_and(|h| (4..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()));
    (known.contains(&name) || is_code).then_some(end + 2)
}

/// A sanitised phone number as it is dialled and shown in a dialler: every placeholder of a
/// hidden character removed, and with an escape, the rest of its escape sequence too, so
/// `01632 960600<ESC>[8m` reads `01632 960600`. Borrowed when the number holds no placeholder.
pub fn dialable(number: &str) -> Cow<'_, str> {
    if !number.contains('<') {
        return Cow::Borrowed(number);
    }
    let mut out = String::with_capacity(number.len());
    let mut rest = number;
    while let Some(c) = rest.chars().next() {
        let Some(len) = placeholder_len(rest) else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let name = &rest[1..len - 1];
        rest = &rest[len..];
        rest = match name {
            "ESC" => skip_escape(rest),
            "CSI" => skip_csi(rest),
            "OSC" => skip_osc(rest),
            _ => rest,
        };
    }
    Cow::Owned(out)
}

/// After ESC: a CSI (`[`...), an OSC (`]`...) or intermediates and one final character.
fn skip_escape(rest: &str) -> &str {
    if let Some(csi) = rest.strip_prefix('[') {
        return skip_csi(csi);
    }
    if let Some(osc) = rest.strip_prefix(']') {
        return skip_osc(osc);
    }
    let intermediates = rest
        .bytes()
        .take_while(|b| (0x20..=0x2f).contains(b))
        .count();
    let rest = &rest[intermediates..];
    match rest.bytes().next() {
        Some(b) if (0x30..=0x7e).contains(&b) && b != b'<' => &rest[1..],
        _ => rest,
    }
}

/// After CSI: parameter and intermediate bytes, then one final byte.
fn skip_csi(rest: &str) -> &str {
    let body = rest
        .bytes()
        .take_while(|b| (0x20..=0x3f).contains(b) && *b != b'<')
        .count();
    let rest = &rest[body..];
    match rest.bytes().next() {
        Some(b) if (0x40..=0x7e).contains(&b) => &rest[1..],
        _ => rest,
    }
}

/// After OSC: everything up to and including its terminator (BEL or ESC `\`), or the end.
fn skip_osc(rest: &str) -> &str {
    let bel = rest.find("<BEL>").map(|i| (i, 5));
    let st = rest.find("<ESC>\\").map(|i| (i, 6));
    match [bel, st].into_iter().flatten().min() {
        Some((i, len)) => &rest[i + len..],
        None => "",
    }
}

/// The digits of a sanitised phone number, with a leading `+` kept and a `(0)` after it
/// dropped (`+44 (0)20` is dialled `+4420`): the one way a number becomes digits (`tel:`
/// links, vCards, search, the number checks). Hidden characters and what they hide never
/// contribute a digit (see [`dialable`]).
pub fn dial_digits(number: &str) -> String {
    let number = dialable(number);
    let number = number.trim_start();
    match number.strip_prefix('+') {
        Some(rest) => std::iter::once('+')
            .chain(
                rest.replacen("(0)", "", 1)
                    .chars()
                    .filter(char::is_ascii_digit),
            )
            .collect(),
        None => number.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// True when `text` holds nothing [`clean`] would change.
pub fn is_clean(text: &str) -> bool {
    matches!(clean(text), Cow::Borrowed(t) if t.len() == text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_placeholders() {
        assert_eq!(clean("a\u{1b}[2Jb"), "a<ESC>[2Jb");
        assert_eq!(clean("x\u{9b}31m"), "x<CSI>31m");
        assert_eq!(clean("evil\u{202e}txt"), "evil<U+202E>txt");
        assert_eq!(clean("a\u{200b}b"), "a<U+200B>b");
        assert_eq!(clean("\u{7f}"), "<DEL>");
        assert_eq!(clean("\u{0}"), "<NUL>");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(clean("Call\t999"), "Call    999");
        assert_eq!(clean("ab\tc"), "ab  c");
        assert_eq!(clean("a\nb\tc"), "a\nb   c");
    }

    #[test]
    fn line_endings_and_bom() {
        assert_eq!(clean("\u{feff}a\r\nb\rc"), "a\nb\nc");
        assert_eq!(normalise_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(clean_line("a\nb"), "a b");
    }

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(clean("Ffôn £5 – ok"), Cow::Borrowed(_)));
        assert!(is_clean("plain"));
        assert!(!is_clean("a\u{1b}"));
    }

    #[test]
    fn hidden_characters_never_become_digits() {
        let escaped = clean_line("01632 960600\u{1b}[8m");
        assert_eq!(escaped, "01632 960600<ESC>[8m");
        assert_eq!(dial_digits(&escaped), "01632960600");
        assert_eq!(dialable(&escaped), "01632 960600");
        for (raw, digits) in [
            ("01632 960600", "01632960600"),
            ("+44 (0)20 7946 0101", "+442079460101"),
            ("\u{1b}[1;38;5;9m01632 960600", "01632960600"),
            ("01632\u{200b} 960600", "01632960600"),
            ("01632 960600\u{1b}]8;;https://x/9\u{7}", "01632960600"),
            ("01632 960600\u{9b}2J", "01632960600"),
            ("01632 960600\u{1b}7", "01632960600"),
            ("01632 960600 <b>", "01632960600"),
        ] {
            assert_eq!(dial_digits(&clean_line(raw)), digits, "{raw:?}");
        }
    }

    #[test]
    fn hidden_characters_are_described_by_code_point_and_name() {
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(describe('\u{200b}'), "U+200B (zero-width space)");
        assert_eq!(
            describe('\u{202e}'),
            "U+202E (bidirectional embedding or override)"
        );
    }

    #[test]
    fn output_never_holds_a_control_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = clean(&all);
        assert!(
            out.chars()
                .all(|c| c == '\n' || !c.is_control() && !is_hazard(c))
        );
    }
}
