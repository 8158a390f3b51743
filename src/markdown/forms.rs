//! Form conventions that Markdown itself does not know: a run of three or more underscores is a
//! line to write on (even where Markdown would read emphasis or a rule), and `[ ]` in running text
//! is a tick box.
//!
//! Before parsing, [`protect_write_lines`] swaps each underscore of such a run (outside code) for
//! a private-use marker character, so the parser sees ordinary text; after parsing,
//! [`finish_inlines`] turns marker runs back into [`Inline::WriteLine`] and code back into `_`.

use crate::document::{Inline, Text};

/// Stands for one underscore of a write line while the Markdown parser runs.
pub const MARK: char = '\u{E000}';

/// The source with write-line underscores swapped for [`MARK`], plus the byte offsets (in the
/// new text) of every swapped character, to map parser offsets back to the source.
pub struct Protected {
    pub text: String,
    pub marks: Vec<usize>,
}

impl Protected {
    /// The source byte offset for a byte offset of the protected text.
    pub fn source_offset(&self, offset: usize) -> usize {
        let before = self.marks.partition_point(|&m| m < offset);
        offset - before * (MARK.len_utf8() - 1)
    }
}

pub fn protect_write_lines(src: &str) -> Protected {
    let mut text = String::with_capacity(src.len() + 64);
    let mut marks = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3
            && let Some(run) = fence_run(trimmed)
        {
            match fence {
                None => fence = Some(run),
                Some((c, n)) if run.0 == c && run.1 >= n && is_closing(trimmed, run) => {
                    fence = None
                }
                Some(_) => {}
            }
            push_plain(&mut text, line);
            continue;
        }
        if fence.is_some() {
            push_plain(&mut text, line);
        } else {
            protect_line(line, &mut text, &mut marks);
        }
    }
    Protected { text, marks }
}

/// Copy text, replacing any marker character already present (it has no meaning in a pack).
fn push_plain(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| if c == MARK { '\u{FFFD}' } else { c }));
}

fn fence_run(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn is_closing(line: &str, (c, n): (char, usize)) -> bool {
    line[n * c.len_utf8()..].trim().is_empty()
}

/// Swap underscore runs outside inline code spans on one line.
fn protect_line(line: &str, out: &mut String, marks: &mut Vec<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let n = chars[i..].iter().take_while(|x| **x == '`').count();
            // find a closing run of exactly n backticks on this line
            let mut j = i + n;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let m = chars[j..].iter().take_while(|x| **x == '`').count();
                    if m == n {
                        close = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            let end = close.unwrap_or(i + n);
            let span: String = chars[i..end].iter().collect();
            push_plain(out, &span);
            i = end;
            continue;
        }
        if c == '_' {
            let n = chars[i..].iter().take_while(|x| **x == '_').count();
            let escaped = i > 0 && chars[i - 1] == '\\';
            if n >= 3 && !escaped {
                for _ in 0..n {
                    marks.push(out.len());
                    out.push(MARK);
                }
            } else {
                out.extend(std::iter::repeat_n('_', n));
            }
            i += n;
            continue;
        }
        if c == MARK {
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
        i += 1;
    }
}

/// Undo the marker swap in text that is shown literally (code, link destinations, HTML).
pub fn unprotect(s: &str) -> String {
    s.replace(MARK, "_")
}

/// Tidy a finished run of inline content: merge neighbouring text of one style, split out write
/// lines and tick boxes.
pub fn finish_inlines(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut merged: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (Some(Inline::Text(last)), Inline::Text(next)) = (merged.last_mut(), &inline)
            && last.style == next.style
            && last.link == next.link
        {
            last.text.push_str(&next.text);
            continue;
        }
        merged.push(inline);
    }
    let mut out = Vec::with_capacity(merged.len());
    for inline in merged {
        match inline {
            Inline::Text(t) if t.style.code || t.style.html => out.push(Inline::Text(Text {
                text: unprotect(&t.text),
                ..t
            })),
            Inline::Text(t) => split_form_fields(t, &mut out),
            other => out.push(other),
        }
    }
    out
}

fn split_form_fields(t: Text, out: &mut Vec<Inline>) {
    let mut rest = t.text.as_str();
    let piece = |s: &str| {
        Inline::Text(Text {
            text: s.to_string(),
            style: t.style,
            link: t.link,
        })
    };
    while !rest.is_empty() {
        let mark = rest.find(MARK);
        let tick = rest.find("[ ]");
        let next = match (mark, tick) {
            (Some(m), Some(k)) => m.min(k),
            (Some(m), None) => m,
            (None, Some(k)) => k,
            (None, None) => break,
        };
        if next > 0 {
            out.push(piece(&rest[..next]));
        }
        rest = &rest[next..];
        if rest.starts_with(MARK) {
            let len = rest.chars().take_while(|c| *c == MARK).count();
            out.push(Inline::WriteLine { len });
            rest = &rest[len * MARK.len_utf8()..];
        } else {
            out.push(Inline::TickBox { checked: false });
            rest = &rest[3..];
        }
    }
    if !rest.is_empty() {
        out.push(piece(rest));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscore_runs_are_protected_outside_code() {
        let p = protect_write_lines("Date: ___/___/______\n`a___b` x__y\n```\n____\n```\n");
        assert_eq!(p.text.matches(MARK).count(), 12);
        assert!(p.text.contains("`a___b` x__y"));
        assert!(p.text.contains("\n____\n"));
        assert_eq!(p.source_offset(p.text.find("/").unwrap_or(0)), 9);
    }

    #[test]
    fn marker_runs_become_write_lines_and_tick_boxes() {
        let text = format!("Name: {} [ ] urgent", MARK.to_string().repeat(4));
        let out = finish_inlines(vec![Inline::Text(Text {
            text,
            ..Default::default()
        })]);
        assert_eq!(out.len(), 5);
        assert_eq!(out[1], Inline::WriteLine { len: 4 });
        assert_eq!(out[3], Inline::TickBox { checked: false });
    }
}
