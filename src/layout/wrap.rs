//! Filling inline content into lines of at most a given width, breaking at spaces, and breaking
//! inside a word only when the word alone is wider than the line.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Role, Span, Style};
use crate::document::{Inline, TextStyle};

/// A word: pieces with no breaking space between them.
struct Word {
    pieces: Vec<Span>,
    width: usize,
    space_before: bool,
}

enum Token {
    Word(Word),
    Break,
}

/// Wrap inline content into lines no wider than `width`.
pub fn wrap(inlines: &[Inline], base: Style, width: usize) -> Vec<Vec<Span>> {
    let width = width.max(1);
    let mut filler = Filler {
        width,
        lines: Vec::new(),
        line: Vec::new(),
        line_width: 0,
    };
    for token in tokens(inlines, base, width) {
        match token {
            Token::Break => filler.finish_line(),
            Token::Word(w) => filler.word(w),
        }
    }
    if !filler.line.is_empty() || filler.lines.is_empty() {
        filler.finish_line();
    }
    filler.lines
}

fn style_of(t: &TextStyle, link: bool, base: Style) -> Style {
    let role = if t.code {
        Role::Code
    } else if t.image {
        Role::Image
    } else if t.html {
        Role::Html
    } else if link {
        Role::Link
    } else {
        base.role
    };
    Style {
        role,
        strong: base.strong || t.strong,
        emphasis: base.emphasis || t.emphasis,
        strike: base.strike || t.strike,
    }
}

fn tokens(inlines: &[Inline], base: Style, width: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = Word {
        pieces: Vec::new(),
        width: 0,
        space_before: false,
    };
    let mut pending_space = false;
    let flush = |word: &mut Word, out: &mut Vec<Token>, pending: &mut bool| {
        if !word.pieces.is_empty() {
            let w = std::mem::replace(
                word,
                Word {
                    pieces: Vec::new(),
                    width: 0,
                    space_before: false,
                },
            );
            out.push(Token::Word(w));
        }
        *pending = false;
    };
    let piece = |word: &mut Word, pending: &mut bool, text: &str, style: Style, link| {
        if word.pieces.is_empty() {
            word.space_before = *pending;
            *pending = false;
        }
        word.width += text.width();
        if let Some(last) = word.pieces.last_mut()
            && last.style == style
            && last.link == link
        {
            last.text.push_str(text);
            return;
        }
        word.pieces.push(Span {
            text: text.to_string(),
            style,
            link,
        });
    };
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                let style = style_of(&t.style, t.link.is_some(), base);
                for (i, part) in t.text.split([' ', '\n']).enumerate() {
                    if i > 0 {
                        let had = !word.pieces.is_empty();
                        flush(&mut word, &mut out, &mut pending_space);
                        pending_space = had || !out.is_empty();
                    }
                    if !part.is_empty() {
                        piece(&mut word, &mut pending_space, part, style, t.link);
                    }
                }
            }
            Inline::WriteLine { len } => {
                let text = "_".repeat((*len).clamp(1, width));
                piece(
                    &mut word,
                    &mut pending_space,
                    &text,
                    Style::role(Role::WriteLine),
                    None,
                );
            }
            Inline::TickBox { checked } => {
                let text = if *checked { "[x]" } else { "[ ]" };
                piece(
                    &mut word,
                    &mut pending_space,
                    text,
                    Style::role(Role::TickBox),
                    None,
                );
            }
            Inline::FootnoteRef { number, .. } => {
                let text = format!("[{number}]");
                piece(
                    &mut word,
                    &mut pending_space,
                    &text,
                    Style::role(Role::Marker),
                    None,
                );
            }
            Inline::SoftBreak => {
                let had = !word.pieces.is_empty();
                flush(&mut word, &mut out, &mut pending_space);
                pending_space = had || !out.is_empty();
            }
            Inline::HardBreak => {
                flush(&mut word, &mut out, &mut pending_space);
                out.push(Token::Break);
            }
        }
    }
    flush(&mut word, &mut out, &mut pending_space);
    out
}

struct Filler {
    width: usize,
    lines: Vec<Vec<Span>>,
    line: Vec<Span>,
    line_width: usize,
}

impl Filler {
    fn finish_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.line_width = 0;
    }

    fn push(&mut self, span: Span) {
        self.line_width += span.width();
        if let Some(last) = self.line.last_mut()
            && last.style == span.style
            && last.link == span.link
        {
            last.text.push_str(&span.text);
            return;
        }
        self.line.push(span);
    }

    fn word(&mut self, word: Word) {
        let space = usize::from(word.space_before && !self.line.is_empty());
        if self.line_width + space + word.width <= self.width {
            if space == 1 {
                let style = word.pieces.first().map(|p| p.style).unwrap_or_default();
                let link = word.pieces.first().and_then(|p| p.link);
                // a space inside a link keeps the link's style so it reads as one
                let same_link = link.is_some() && self.line.last().and_then(|s| s.link) == link;
                let style = if same_link {
                    style
                } else {
                    Style {
                        role: Role::Text,
                        ..Style::default()
                    }
                };
                self.push(Span {
                    text: " ".into(),
                    style,
                    link: if same_link { link } else { None },
                });
            }
            for p in word.pieces {
                self.push(p);
            }
            return;
        }
        if !self.line.is_empty() {
            self.finish_line();
        }
        if word.width <= self.width {
            for p in word.pieces {
                self.push(p);
            }
            return;
        }
        // a word wider than the line: break it by characters
        for p in word.pieces {
            let mut chunk = String::new();
            for c in p.text.chars() {
                let cw = c.width().unwrap_or(0);
                let (c, cw) = if cw > self.width { ('?', 1) } else { (c, cw) };
                if self.line_width + chunk.width() + cw > self.width {
                    let text = std::mem::take(&mut chunk);
                    if !text.is_empty() {
                        self.push(Span {
                            text,
                            style: p.style,
                            link: p.link,
                        });
                    }
                    self.finish_line();
                }
                chunk.push(c);
            }
            if !chunk.is_empty() {
                self.push(Span {
                    text: chunk,
                    style: p.style,
                    link: p.link,
                });
            }
        }
    }
}

/// Break a line of literal text (code) into pieces no wider than `width`.
pub fn break_at_width(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    if text.width() <= width {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        let (c, cw) = if cw > width { ('?', 1) } else { (c, cw) };
        if cur_w + cw > width {
            out.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        cur.push(c);
        cur_w += cw;
    }
    out.push(cur);
    out
}

/// Keep only the rightmost `max` columns of a prefix (deep nesting keeps its innermost markers).
pub fn fit_from_right(spans: Vec<Span>, max: usize) -> Vec<Span> {
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= max {
        return spans;
    }
    let mut drop = total - max;
    let mut out = Vec::with_capacity(spans.len());
    for mut span in spans {
        if drop == 0 {
            out.push(span);
            continue;
        }
        let w = span.width();
        if w <= drop {
            drop -= w;
            continue;
        }
        let mut keep = String::new();
        for c in span.text.chars() {
            let cw = c.width().unwrap_or(0);
            if drop > 0 {
                drop = drop.saturating_sub(cw);
            } else {
                keep.push(c);
            }
        }
        span.text = keep;
        out.push(span);
    }
    out
}
