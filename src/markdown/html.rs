//! Raw HTML, by one rule for every output: an HTML comment is an author's note (kept out of the
//! text, listed by `check`), `<br>` is a line break, anything else is shown as text.

use crate::document::Comment;
use crate::sanitize::clean;

/// `<br>`, `<br/>` or `<br />` (any case): a line break, in a paragraph or a table cell.
pub fn is_line_break(html: &str) -> bool {
    let tag = html.trim().to_ascii_lowercase();
    let Some(inner) = tag.strip_prefix("<br").and_then(|t| t.strip_suffix('>')) else {
        return false;
    };
    matches!(inner.trim(), "" | "/")
}

/// Raw HTML starting on source line `line` without its comments, and the comments; `None` when
/// it holds none.
pub fn split_comments(t: &str, line: usize) -> Option<(String, Vec<Comment>)> {
    if !t.contains("<!--") {
        return None;
    }
    let mut rest = String::new();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = t[from..].find("<!--").map(|i| from + i) {
        rest.push_str(&t[from..open]);
        let body = open + 4;
        // `<!-->` and `<!--->` are whole (empty) comments in CommonMark 0.31
        let (text, next) = if t[body..].starts_with('>') {
            ("", body + 1)
        } else if t[body..].starts_with("->") {
            ("", body + 2)
        } else {
            match t[body..].find("-->") {
                Some(close) => (&t[body..body + close], body + close + 3),
                None => (&t[body..], t.len()),
            }
        };
        found.push(Comment {
            line: line + t[..open].matches('\n').count(),
            text: clean(text).trim().into(),
        });
        from = next;
    }
    rest.push_str(&t[from..]);
    Some((rest, found))
}
