//! Filling inline content into lines of at most a given width, breaking at spaces, and breaking
//! inside a word only when the word alone is wider than the line. Struck text can carry `~~`
//! marks in its text, for outputs with no crossed-out style.

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Role, Span, Style};
use crate::document::{Inline, TextStyle};

/// A piece of text with one style, borrowed from the document where possible.
struct Piece<'a> {
    text: Cow<'a, str>,
    style: Style,
    link: Option<usize>,
    width: usize,
}

/// A word: a run of pieces with no breaking space between them, or a forced line break.
enum Token {
    Word {
        pieces: Range<usize>,
        width: usize,
        space_before: bool,
    },
    Break,
}

/// Display width, with a fast path for printable ASCII.
pub fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        s.width()
    }
}

const UNDERSCORES: &str = "________________________________________________________________________________________________________________________________";

/// Wrap inline content into lines no wider than `width`; with `strike_marks`, struck text is
/// shown `~~like this~~`.
pub fn wrap(
    inlines: &[Inline],
    base: Style,
    line_width: usize,
    strike_marks: bool,
) -> Vec<Vec<Span>> {
    wrap_marked(inlines, base, line_width, strike_marks, &[])
}

/// [`wrap`], showing the images whose links are in `missing` as `[missing image: alt]`.
pub fn wrap_marked(
    inlines: &[Inline],
    base: Style,
    line_width: usize,
    strike_marks: bool,
    missing: &[u32],
) -> Vec<Vec<Span>> {
    let line_width = line_width.max(1);
    let (pieces, tokens) = tokens(inlines, base, line_width, strike_marks, missing);
    let mut filler = Filler {
        width: line_width,
        lines: Vec::new(),
        line: Vec::new(),
        line_width: 0,
    };
    for token in tokens {
        match token {
            Token::Break => filler.finish_line(),
            Token::Word {
                pieces: range,
                width,
                space_before,
            } => filler.word(&pieces[range], width, space_before),
        }
    }
    if !filler.line.is_empty() || filler.lines.is_empty() {
        filler.finish_line();
    }
    filler.lines
}

/// Width of the widest word (what a line must hold to keep every word whole). A line to write
/// on counts as `write_line` wide: it is drawn as wide as there is room for.
pub fn longest_word(
    inlines: &[Inline],
    base: Style,
    strike_marks: bool,
    write_line: usize,
) -> usize {
    let (_, tokens) = tokens(inlines, base, write_line.max(1), strike_marks, &[]);
    tokens
        .iter()
        .map(|t| match t {
            Token::Word { width, .. } => *width,
            Token::Break => 0,
        })
        .max()
        .unwrap_or(0)
}

fn style_of(t: &TextStyle, link: bool, base: Style) -> Style {
    let role = if t.code {
        Role::Code
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

/// Whether the space between `before` and `after` sits inside a phone number ("01632 960001",
/// "020 7946 0101", "(01632) 960001", "+44 1632 960001"): a group of two or more digits, then
/// one that starts with three digits.
fn joins_number(before: &str, after: &str) -> bool {
    let group = before.trim_start_matches(['(', '+']).trim_end_matches(')');
    let leading = after.bytes().take_while(u8::is_ascii_digit).count();
    group.len() >= 2 && group.bytes().all(|b| b.is_ascii_digit()) && leading >= 3
}

/// Builds the flat list of pieces and the words over them.
struct Tokenizer<'a> {
    pieces: Vec<Piece<'a>>,
    tokens: Vec<Token>,
    word_start: usize,
    word_width: usize,
    /// A breaking space was seen since the last word.
    pending_space: bool,
    space_before: bool,
    /// Struck text gets `~~` marks.
    marks: bool,
    /// Inside struck text that was given its opening mark: the style to close it with.
    struck: Option<Style>,
}

impl<'a> Tokenizer<'a> {
    fn piece(&mut self, text: Cow<'a, str>, style: Style, link: Option<usize>) {
        if self.word_start == self.pieces.len() {
            self.space_before = self.pending_space;
            self.pending_space = false;
        }
        let w = width(&text);
        self.word_width += w;
        self.pieces.push(Piece {
            text,
            style,
            link,
            width: w,
        });
    }

    /// End the current word (at a space or a break).
    fn flush(&mut self) {
        if self.word_start < self.pieces.len() {
            self.tokens.push(Token::Word {
                pieces: self.word_start..self.pieces.len(),
                width: self.word_width,
                space_before: self.space_before,
            });
        }
        self.word_start = self.pieces.len();
        self.word_width = 0;
    }

    fn space(&mut self) {
        let had = self.word_start < self.pieces.len();
        self.flush();
        self.pending_space = had || !self.tokens.is_empty();
    }

    /// Struck text starts or stops here (text in `style`): open or close its marks.
    fn strike(&mut self, struck: bool, style: Style) {
        match (struck && self.marks, self.struck) {
            (true, None) => {
                self.piece(Cow::Borrowed("~~"), style, None);
                self.struck = Some(style);
            }
            (false, Some(style)) => {
                self.struck = None;
                self.close_mark(style);
            }
            _ => {}
        }
    }

    /// The closing `~~` belongs to the last word, even when a space has ended it already.
    fn close_mark(&mut self, style: Style) {
        let open = self.word_start < self.pieces.len();
        let end = self.pieces.len();
        if !open
            && let Some(Token::Word { pieces, width, .. }) = self.tokens.last_mut()
            && pieces.end == end
        {
            self.pieces.push(Piece {
                text: Cow::Borrowed("~~"),
                style,
                link: None,
                width: 2,
            });
            pieces.end += 1;
            *width += 2;
            self.word_start = self.pieces.len();
            return;
        }
        self.piece(Cow::Borrowed("~~"), style, None);
    }
}

fn tokens<'i>(
    inlines: &'i [Inline],
    base: Style,
    line_width: usize,
    marks: bool,
    missing: &[u32],
) -> (Vec<Piece<'i>>, Vec<Token>) {
    let words: usize = inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.text.len() / 5 + 1,
            _ => 1,
        })
        .sum();
    let mut t = Tokenizer {
        pieces: Vec::with_capacity(words),
        tokens: Vec::with_capacity(words),
        word_start: 0,
        word_width: 0,
        pending_space: false,
        space_before: false,
        marks,
        struck: None,
    };
    for inline in inlines {
        match inline {
            Inline::Text(_) | Inline::SoftBreak | Inline::HardBreak => {}
            _ => t.strike(false, base),
        }
        match inline {
            Inline::Text(text) => {
                let style = style_of(&text.style, text.link.is_some(), base);
                t.strike(style.strike, style);
                for (n, line) in text.text.split('\n').enumerate() {
                    if n > 0 {
                        t.space();
                    }
                    let mut previous = "";
                    for (i, part) in line.split(' ').enumerate() {
                        if i > 0 && joins_number(previous, part) {
                            // the groups of a phone number stay on one line
                            t.piece(Cow::Borrowed(" "), style, text.link.map(|l| l as usize));
                        } else if i > 0 {
                            t.space();
                        }
                        if !part.is_empty() {
                            t.piece(Cow::Borrowed(part), style, text.link.map(|l| l as usize));
                        }
                        previous = part;
                    }
                }
            }
            Inline::Image { alt, link } => {
                // one word per piece, so a long alt text wraps like any other
                let label = if missing.contains(link) {
                    "[missing image:"
                } else {
                    "[image:"
                };
                let style = Style::role(Role::Image);
                t.piece(Cow::Borrowed(label), style, None);
                for word in alt.split_whitespace() {
                    t.space();
                    t.piece(Cow::Borrowed(word), style, None);
                }
                t.piece(Cow::Borrowed("]"), style, None);
            }
            Inline::WriteLine { len } => {
                let n = (*len).clamp(1, line_width);
                let text = match UNDERSCORES.get(..n) {
                    Some(s) => Cow::Borrowed(s),
                    None => Cow::Owned("_".repeat(n)),
                };
                t.piece(text, Style::role(Role::WriteLine), None);
            }
            Inline::TickBox { checked } => {
                let text = if *checked { "[x]" } else { "[ ]" };
                t.piece(Cow::Borrowed(text), Style::role(Role::TickBox), None);
            }
            Inline::FootnoteRef { number, .. } => {
                t.piece(
                    Cow::Owned(format!("[{number}]")),
                    Style::role(Role::Marker),
                    None,
                );
            }
            Inline::SoftBreak => t.space(),
            Inline::HardBreak => {
                t.flush();
                t.tokens.push(Token::Break);
            }
        }
    }
    t.strike(false, base);
    t.flush();
    (t.pieces, t.tokens)
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

    fn push(&mut self, text: &str, w: usize, style: Style, link: Option<usize>) {
        self.line_width += w;
        if let Some(last) = self.line.last_mut()
            && last.style == style
            && last.link == link
        {
            last.text.push_str(text);
            return;
        }
        self.line.push(Span {
            text: text.to_string(),
            style,
            link,
        });
    }

    fn word(&mut self, pieces: &[Piece<'_>], word_width: usize, space_before: bool) {
        let space = usize::from(space_before && !self.line.is_empty());
        if self.line_width + space + word_width <= self.width {
            if space == 1 {
                // a space inside a link keeps the link's style so the link reads as one
                let link = pieces.first().and_then(|p| p.link);
                let same_link = link.is_some() && self.line.last().and_then(|s| s.link) == link;
                // and one inside struck text is struck too, so the line through it is unbroken
                let struck = pieces.first().is_some_and(|p| p.style.strike)
                    && self.line.last().is_some_and(|s| s.style.strike);
                if same_link {
                    let style = pieces.first().map(|p| p.style).unwrap_or_default();
                    self.push(" ", 1, style, link);
                } else if struck {
                    let style = Style {
                        strike: true,
                        ..Style::default()
                    };
                    self.push(" ", 1, style, None);
                } else {
                    self.push(" ", 1, Style::default(), None);
                }
            }
            for p in pieces {
                self.push(&p.text, p.width, p.style, p.link);
            }
            return;
        }
        if !self.line.is_empty() {
            self.finish_line();
        }
        if word_width <= self.width {
            for p in pieces {
                self.push(&p.text, p.width, p.style, p.link);
            }
            return;
        }
        // a word wider than the line: break it by characters
        for p in pieces {
            let mut chunk = String::new();
            let mut chunk_w = 0;
            for c in p.text.chars() {
                let cw = c.width().unwrap_or(0);
                let (c, cw) = if cw > self.width { ('?', 1) } else { (c, cw) };
                if self.line_width + chunk_w + cw > self.width {
                    if !chunk.is_empty() {
                        self.push(&chunk, chunk_w, p.style, p.link);
                        chunk.clear();
                        chunk_w = 0;
                    }
                    self.finish_line();
                }
                chunk.push(c);
                chunk_w += cw;
            }
            if !chunk.is_empty() {
                self.push(&chunk, chunk_w, p.style, p.link);
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
