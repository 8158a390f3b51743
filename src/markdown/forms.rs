//! Form conventions that Markdown itself does not know: a run of three or more underscores is a
//! line to write on (even where Markdown would read emphasis or a rule), and `[ ]` in running text
//! is a tick box.
//!
//! Before parsing, [`protect_write_lines`] swaps each underscore of such a run (outside code) for
//! a private-use marker character, so the parser sees ordinary text; after parsing,
//! [`finish_inlines`] turns marker runs back into [`Inline::WriteLine`] and code back into `_`.

use std::borrow::Cow;

use crate::document::{Inline, Text};

/// Stands for one underscore of a write line while the Markdown parser runs.
pub const MARK: char = '\u{E000}';

/// The source with write-line underscores swapped for [`MARK`], plus the byte offsets (in the
/// new text) of every swapped character, to map parser offsets back to the source.
pub struct Protected<'a> {
    pub text: Cow<'a, str>,
    pub marks: Vec<usize>,
}

impl Protected<'_> {
    /// The source byte offset for a byte offset of the protected text.
    pub fn source_offset(&self, offset: usize) -> usize {
        let before = self.marks.partition_point(|&m| m < offset);
        offset - before * (MARK.len_utf8() - 1)
    }
}

pub fn protect_write_lines(src: &str) -> Protected<'_> {
    if !src.contains("___") && !src.contains(MARK) {
        return Protected {
            text: Cow::Borrowed(src),
            marks: Vec::new(),
        };
    }
    let mut text = String::with_capacity(src.len() + 64);
    let mut marks = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(run) = fence_run(trimmed).filter(|_| indent <= 3) {
            match fence {
                None => fence = Some(run),
                Some((c, n)) if run.0 == c && run.1 >= n && is_closing(trimmed, run) => {
                    fence = None
                }
                Some(_) => {}
            }
            push_plain(&mut text, line);
        } else if fence.is_some() || !line.contains("___") {
            push_plain(&mut text, line);
        } else {
            protect_line(line, &mut text, &mut marks);
        }
    }
    Protected {
        text: Cow::Owned(text),
        marks,
    }
}

/// Copy text, replacing any marker character already present (it has no meaning in a pack).
fn push_plain(out: &mut String, s: &str) {
    if s.contains(MARK) {
        out.extend(s.chars().map(|c| if c == MARK { '\u{FFFD}' } else { c }));
    } else {
        out.push_str(s);
    }
}

pub(super) fn fence_run(line: &str) -> Option<(u8, usize)> {
    let c = *line
        .as_bytes()
        .first()
        .filter(|c| **c == b'`' || **c == b'~')?;
    let n = line.bytes().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

pub(super) fn is_closing(line: &str, (_, n): (u8, usize)) -> bool {
    line[n..].trim().is_empty()
}

/// Swap underscore runs outside inline code spans on one line. Underscores and backticks are
/// ASCII, so slicing at them never splits a character.
fn protect_line(line: &str, out: &mut String, marks: &mut Vec<usize>) {
    let bytes = line.as_bytes();
    let run = |i: usize, b: u8| bytes[i..].iter().take_while(|x| **x == b).count();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let n = run(i, b'`');
                // a code span closes with a run of exactly n backticks on this line
                let mut j = i + n;
                let mut end = i + n;
                while j < bytes.len() {
                    if bytes[j] == b'`' {
                        let m = run(j, b'`');
                        if m == n {
                            end = j + m;
                            break;
                        }
                        j += m;
                    } else {
                        j += 1;
                    }
                }
                i = end;
            }
            b'_' => {
                let n = run(i, b'_');
                let escaped = i > 0 && bytes[i - 1] == b'\\';
                if n >= 3 && !escaped {
                    push_plain(out, &line[copied..i]);
                    for _ in 0..n {
                        marks.push(out.len());
                        out.push(MARK);
                    }
                    copied = i + n;
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    push_plain(out, &line[copied..]);
}

/// Undo the marker swap in text that is shown literally (code, link destinations, HTML).
pub fn unprotect(s: &str) -> String {
    s.replace(MARK, "_")
}

/// Tidy a finished run of inline content: merge neighbouring text of one style, split out write
/// lines and tick boxes.
pub fn finish_inlines(inlines: Vec<Inline>) -> Vec<Inline> {
    let plain = |i: &Inline| matches!(i, Inline::Text(t) if !t.text.contains(MARK) && !t.text.contains("[ ]"));
    let mergeable = inlines.windows(2).any(|w| match (&w[0], &w[1]) {
        (Inline::Text(a), Inline::Text(b)) => a.style == b.style && a.link == b.link,
        _ => false,
    });
    if !mergeable
        && inlines
            .iter()
            .all(|i| plain(i) || !matches!(i, Inline::Text(_)))
    {
        return inlines;
    }
    let mut merged: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (Some(Inline::Text(last)), Inline::Text(next)) = (merged.last_mut(), &inline)
            && last.style == next.style
            && last.link == next.link
        {
            let mut joined = String::from(std::mem::take(&mut last.text));
            joined.push_str(&next.text);
            last.text = joined.into();
            continue;
        }
        merged.push(inline);
    }
    let mut out = Vec::with_capacity(merged.len());
    for inline in merged {
        match inline {
            Inline::Text(t) if t.style.code || t.style.html => out.push(Inline::Text(Text {
                text: unprotect(&t.text).into(),
                ..t
            })),
            Inline::Text(t) => split_form_fields(t, &mut out),
            other => out.push(other),
        }
    }
    out
}

fn split_form_fields(t: Text, out: &mut Vec<Inline>) {
    if !t.text.contains(MARK) && !t.text.contains("[ ]") {
        out.push(Inline::Text(t));
        return;
    }
    let mut rest = &*t.text;
    let piece = |s: &str| {
        Inline::Text(Text {
            text: s.into(),
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
            text: text.into(),
            ..Default::default()
        })]);
        assert_eq!(out.len(), 5);
        assert_eq!(out[1], Inline::WriteLine { len: 4 });
        assert_eq!(out[3], Inline::TickBox { checked: false });
    }
}
