//! Escaping text for HTML. Every piece of text written into a page goes through [`text`] (element
//! content) or [`attr`] (attribute values); both escape `& < > " '` and replace any control
//! character that is still there (the model is already sanitised; this is the last line of
//! defence) with a visible placeholder.

use std::fmt::Write;

/// Escape `s` for element content or a quoted attribute value.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || crate::sanitize::is_hazard(c) => {
                let _ = write!(out, "&lt;U+{:04X}&gt;", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escape `s` for a quoted attribute value (same rules as [`text`]; newlines become spaces).
pub fn attr(s: &str) -> String {
    text(&s.replace(['\n', '\t'], " "))
}

/// A value safe to embed in an inline `<script type="application/json">` block: JSON with `<`,
/// `>` and `&` written as `\u` escapes, so no `</script>` or `<!--` can appear in it.
pub fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A file name made of `[a-z0-9-]` only, from `s` (never empty).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "page".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_and_controls() {
        assert_eq!(
            text("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(text("a\u{1b}b\u{202e}"), "a&lt;U+001B&gt;b&lt;U+202E&gt;");
        assert_eq!(attr("a\nb"), "a b");
    }

    #[test]
    fn json_cannot_close_the_script() {
        assert_eq!(
            json_for_script(r#"{"t":"</script><!--&"}"#),
            r#"{"t":"\u003c/script\u003e\u003c!--\u0026"}"#
        );
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Phones-Down"), "phones-down");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("???"), "page");
    }
}
