//! Inline content to lines: words measured with the font's advances, greedy line breaking,
//! write lines stretched to fill the space they are in, tick boxes as drawn squares.

use super::blocks::Ctx;
use super::fonts::{Face, Fonts};
use super::keys;
use super::page::{Flow, Item, LINK, LinkDest, Marker, Rgb, Role};
use crate::document::{Inline, TextStyle};

/// How a run of inline content is set.
#[derive(Clone, Copy)]
pub struct Style<'a> {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
    /// The document whose links and footnotes the text refers to, if any.
    pub ctx: Option<&'a Ctx<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Word {
    text: String,
    face: Face,
    size: f32,
    color: Rgb,
    rise: f32,
    strike: bool,
    link: Option<LinkDest>,
}

#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Word(Word),
    Space,
    /// A line to write on, at least this wide.
    Write(f32),
    Tick(bool),
    Break,
}

/// A placed piece of a line, `x` from the line's start.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Word { x: f32, w: f32, word: Word },
    Write { x: f32, w: f32 },
    Tick { x: f32, checked: bool },
}

/// One line of text, ready to draw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pieces: Vec<Piece>,
    pub width: f32,
    pub height: f32,
    size: f32,
}

fn face_of(style: &TextStyle, base: Face) -> Face {
    if style.code || style.html {
        Face::Mono
    } else if style.strong {
        Face::Bold
    } else if style.emphasis {
        if base == Face::Bold {
            Face::Bold
        } else {
            Face::Italic
        }
    } else {
        base
    }
}

fn atoms(inlines: &[Inline], st: &Style) -> Vec<Atom> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                let face = face_of(&t.style, st.face);
                let size = if face == Face::Mono && st.face != Face::Mono {
                    st.size * 0.9
                } else {
                    st.size
                };
                let link = t.link.and_then(|i| st.ctx.and_then(|c| c.link(i as usize)));
                let color = if link.is_some() { LINK } else { st.color };
                let mut first = true;
                for part in t.text.split([' ', '\t', '\n']) {
                    if !first {
                        out.push(Atom::Space);
                    }
                    first = false;
                    if !part.is_empty() {
                        let word = Word {
                            text: part.to_string(),
                            face,
                            size,
                            color,
                            rise: 0.0,
                            strike: t.style.strike,
                            link: link.clone(),
                        };
                        out.push(Atom::Word(word));
                    }
                }
            }
            Inline::Image { alt, .. } => {
                let face = if st.face == Face::Bold {
                    Face::Bold
                } else {
                    Face::Italic
                };
                let label = format!("[image: {alt}]");
                for (i, part) in label.split_whitespace().enumerate() {
                    if i > 0 {
                        out.push(Atom::Space);
                    }
                    out.push(Atom::Word(Word {
                        text: part.to_string(),
                        face,
                        size: st.size,
                        color: st.color,
                        rise: 0.0,
                        strike: false,
                        link: None,
                    }));
                }
            }
            Inline::WriteLine { len } => {
                out.push(Atom::Write((*len).min(200) as f32 * st.size * 0.5))
            }
            Inline::TickBox { checked } => out.push(Atom::Tick(*checked)),
            Inline::FootnoteRef { number, .. } => out.push(Atom::Word(Word {
                text: number.to_string(),
                face: st.face,
                size: st.size * 0.7,
                color: st.color,
                rise: st.size * 0.35,
                strike: false,
                link: st
                    .ctx
                    .map(|c| LinkDest::Key(keys::doc(c.id, Some(&format!("fn-{number}"))))),
            })),
            Inline::SoftBreak => out.push(Atom::Space),
            Inline::HardBreak => out.push(Atom::Break),
        }
    }
    out
}

/// Width of an atom (words made printable first).
fn atom_width(fonts: &Fonts, atom: &Atom, size: f32) -> f32 {
    match atom {
        Atom::Word(w) => fonts.width(w.face, w.size, &w.text),
        Atom::Write(w) => *w,
        Atom::Tick(_) => size * 1.25,
        Atom::Space | Atom::Break => 0.0,
    }
}

struct Breaker<'f> {
    fonts: &'f Fonts,
    width: f32,
    size: f32,
    lines: Vec<Line>,
    line: Line,
    space: Option<f32>,
}

impl Breaker<'_> {
    fn finish(&mut self) {
        let mut line = std::mem::take(&mut self.line);
        line.size = self.size;
        stretch_writes(&mut line, self.width);
        let writes = line
            .pieces
            .iter()
            .any(|p| matches!(p, Piece::Write { .. } | Piece::Tick { .. }));
        line.height = self.size * if writes { 2.2 } else { 1.45 };
        self.lines.push(line);
        self.space = None;
    }

    fn place(&mut self, atom: Atom, w: f32) {
        let gap = if self.line.pieces.is_empty() {
            0.0
        } else {
            self.space.take().unwrap_or(0.0)
        };
        let x = self.line.width + gap;
        let piece = match atom {
            Atom::Word(word) => {
                if let Some(Piece::Word {
                    w: pw, word: prev, ..
                }) = self.line.pieces.last_mut()
                {
                    let same = prev.face == word.face
                        && prev.size == word.size
                        && prev.color == word.color
                        && prev.rise == word.rise
                        && prev.strike == word.strike
                        && prev.link == word.link;
                    if same {
                        if gap > 0.0 {
                            prev.text.push(' ');
                        }
                        prev.text.push_str(&word.text);
                        *pw += gap + w;
                        self.line.width = x + w;
                        return;
                    }
                }
                Piece::Word { x, w, word }
            }
            Atom::Write(_) => Piece::Write { x, w },
            Atom::Tick(checked) => Piece::Tick { x, checked },
            Atom::Space | Atom::Break => return,
        };
        self.line.pieces.push(piece);
        self.line.width = x + w;
    }

    /// Place a chunk (atoms with no space between them), breaking the line before it if needed.
    fn chunk(&mut self, chunk: Vec<Atom>) {
        let widths: Vec<f32> = chunk
            .iter()
            .map(|a| atom_width(self.fonts, a, self.size))
            .collect();
        let total: f32 = widths.iter().sum();
        let gap = if self.line.pieces.is_empty() {
            0.0
        } else {
            self.space.unwrap_or(0.0)
        };
        if !self.line.pieces.is_empty() && self.line.width + gap + total > self.width {
            self.finish();
        }
        if self.line.pieces.is_empty() && total <= self.width
            || self.line.width + gap + total <= self.width
        {
            for (atom, w) in chunk.into_iter().zip(widths) {
                self.place(atom, w);
            }
            return;
        }
        // wider than a whole line: atom by atom, breaking inside words
        for (atom, w) in chunk.into_iter().zip(widths) {
            if self.line.width + w <= self.width {
                self.place(atom, w);
                continue;
            }
            match atom {
                Atom::Word(word) => self.split_word(word),
                Atom::Write(_) => {
                    if !self.line.pieces.is_empty() {
                        self.finish();
                    }
                    self.place(Atom::Write(self.width), self.width);
                }
                other => {
                    if !self.line.pieces.is_empty() {
                        self.finish();
                    }
                    self.place(other, w);
                }
            }
        }
    }

    /// A word too wide for the line: break it between characters.
    fn split_word(&mut self, word: Word) {
        let mut part = String::new();
        for c in word.text.chars() {
            let mut next = part.clone();
            next.push(c);
            let w = self.fonts.width(word.face, word.size, &next);
            if self.line.width + w > self.width && !part.is_empty() {
                let pw = self.fonts.width(word.face, word.size, &part);
                self.place(
                    Atom::Word(Word {
                        text: std::mem::take(&mut part),
                        ..word.clone()
                    }),
                    pw,
                );
                self.finish();
                part.push(c);
            } else {
                part = next;
            }
        }
        if !part.is_empty() {
            let pw = self.fonts.width(word.face, word.size, &part);
            self.place(Atom::Word(Word { text: part, ..word }), pw);
        }
    }
}

/// Most a write line grows to fill its line, as a multiple of its written length.
const MAX_STRETCH: f32 = 4.0;

/// Give write lines the room left on their line, in proportion to their lengths.
fn stretch_writes(line: &mut Line, width: f32) {
    let base: f32 = line
        .pieces
        .iter()
        .map(|p| {
            if let Piece::Write { w, .. } = p {
                *w
            } else {
                0.0
            }
        })
        .sum();
    let extra = (width - line.width).min(base * (MAX_STRETCH - 1.0));
    if base <= 0.0 || extra <= 0.0 {
        return;
    }
    let mut shift = 0.0;
    for p in &mut line.pieces {
        match p {
            Piece::Write { x, w } => {
                *x += shift;
                let add = extra * *w / base;
                *w += add;
                shift += add;
            }
            Piece::Word { x, .. } | Piece::Tick { x, .. } => *x += shift,
        }
    }
    line.width += extra;
}

/// Break inline content into lines no wider than `width`.
pub fn lines(fonts: &Fonts, inlines: &[Inline], st: &Style, width: f32) -> Vec<Line> {
    let mut b = Breaker {
        fonts,
        width: width.max(10.0),
        size: st.size,
        lines: Vec::new(),
        line: Line::default(),
        space: None,
    };
    let mut chunk = Vec::new();
    for atom in atoms(inlines, st) {
        match atom {
            Atom::Space => {
                if !chunk.is_empty() {
                    b.chunk(std::mem::take(&mut chunk));
                }
                let face = match b.line.pieces.last() {
                    Some(Piece::Word { word, .. }) => word.face,
                    _ => st.face,
                };
                b.space = Some(fonts.width(face, st.size, " "));
            }
            Atom::Break => {
                if !chunk.is_empty() {
                    b.chunk(std::mem::take(&mut chunk));
                }
                b.finish();
            }
            other => chunk.push(other),
        }
    }
    if !chunk.is_empty() {
        b.chunk(chunk);
    }
    if !b.line.pieces.is_empty() || b.lines.is_empty() {
        b.finish();
    }
    b.lines
}

/// Draw one line with its left edge at `x` and its top at `top`.
pub fn draw(flow: &mut Flow, line: &Line, x: f32, top: f32) {
    let size = line.size;
    let baseline = top + line.height - size * 0.45;
    for p in &line.pieces {
        match p {
            Piece::Word { x: px, w, word } => {
                let y = baseline - word.rise;
                flow.text(x + px, y, word.face, word.size, &word.text, word.color);
                if word.strike {
                    let sy = y - word.size * 0.3;
                    flow.push(Item::Line {
                        x1: x + px,
                        y1: sy,
                        x2: x + px + w,
                        y2: sy,
                        width: 0.6,
                        color: word.color,
                    });
                }
                if let Some(dest) = &word.link {
                    if word.color == LINK {
                        let uy = y + word.size * 0.12;
                        flow.push(Item::Line {
                            x1: x + px,
                            y1: uy,
                            x2: x + px + w,
                            y2: uy,
                            width: 0.4,
                            color: LINK,
                        });
                    }
                    let h = word.size * 1.2;
                    flow.push(Item::Link {
                        x: x + px,
                        y: y - word.size * 0.9,
                        w: *w,
                        h,
                        dest: dest.clone(),
                    });
                }
            }
            Piece::Write { x: px, w } => {
                let y = baseline + 1.5;
                let (x1, x2) = (x + px + 1.0, x + px + w - 1.0);
                flow.push(Item::Line {
                    x1,
                    y1: y,
                    x2,
                    y2: y,
                    width: 0.6,
                    color: (60, 60, 60),
                });
            }
            Piece::Tick { x: px, checked } => {
                tick_box(flow, x + px + size * 0.1, baseline, size, *checked)
            }
        }
    }
}

/// A tick box sitting on `baseline`.
pub fn tick_box(flow: &mut Flow, x: f32, baseline: f32, size: f32, checked: bool) {
    let side = size * 0.95;
    let y = baseline - side + size * 0.1;
    flow.push(Item::Rect {
        x,
        y,
        w: side,
        h: side,
        fill: None,
        stroke: Some((0.8, (40, 40, 40))),
    });
    if checked {
        flow.push(Item::Tick { x, y, size: side });
    }
}

/// Fewest lines of a paragraph left at a page's foot or carried to the next page's top.
pub const KEEP_LINES: usize = 2;

/// How many lines, from the first, to put on this page before breaking it: all that fit, except
/// that no single line of a block is left alone at a page's foot or top. 0 means start the block
/// on the next page.
fn lines_here(flow: &Flow, lines: &[Line]) -> usize {
    let n = lines.len();
    let mut room = flow.room();
    let fit = lines
        .iter()
        .take_while(|l| {
            room -= l.height;
            room >= -0.01
        })
        .count();
    if fit >= n || flow.at_top() {
        return fit.max(1).min(n);
    }
    // keep at least two lines with the rest on the next page...
    let mut here = fit.min(n.saturating_sub(KEEP_LINES));
    // ...and at least two here, or none
    if here < KEEP_LINES {
        here = 0;
    }
    here
}

/// Lay out lines in the flow at its current indent; the first line draws any waiting marker.
/// The lines are one block for the page-break rules: never a single one alone at the foot or the
/// top of a page.
pub fn place(flow: &mut Flow, lines: &[Line], role: Role) {
    flow.group(lines.len());
    let mut rest = lines;
    while !rest.is_empty() {
        let here = lines_here(flow, rest);
        if here == 0 {
            flow.break_page();
            continue;
        }
        let (now, later) = rest.split_at(here);
        place_lines(flow, now, role);
        rest = later;
        if !rest.is_empty() {
            flow.break_page();
        }
    }
}

fn place_lines(flow: &mut Flow, lines: &[Line], role: Role) {
    for line in lines {
        let top = flow.take(line.height);
        flow.group_line(role, top);
        let x = flow.left();
        match flow.take_marker() {
            Some(Marker::Text(t)) => {
                let w = flow.measure(Face::Regular, line.size, &t);
                let baseline = top + line.height - line.size * 0.45;
                flow.text(
                    x - w - 6.0,
                    baseline,
                    Face::Regular,
                    line.size,
                    &t,
                    (40, 40, 40),
                );
            }
            Some(Marker::Box(checked)) => {
                let baseline = top + line.height - line.size * 0.45;
                tick_box(flow, x - line.size * 1.55, baseline, line.size, checked);
            }
            None => {}
        }
        draw(flow, line, x, top);
    }
}

/// Height of some lines.
pub fn height(lines: &[Line]) -> f32 {
    lines.iter().map(|l| l.height).sum()
}
