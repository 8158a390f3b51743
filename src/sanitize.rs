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
    fn output_never_holds_a_control_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = clean(&all);
        assert!(
            out.chars()
                .all(|c| c == '\n' || !c.is_control() && !is_hazard(c))
        );
    }
}
