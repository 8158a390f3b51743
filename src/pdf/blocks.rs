//! The document model's blocks laid out in the flow: headings (never last on a page),
//! paragraphs, lists and numbered steps, warnings and other alerts, code, rules and footnotes.

use super::fonts::Face;
use super::inline::{self, Style};
use super::keys;
use super::page::{ALARM, BLACK, Flow, GREY, INK, Item, LinkDest, Marker, RULE, Rgb, Role, SHADE};
use super::table;
use crate::document::{Block, Document, LinkTarget, ListItem, QuoteKind};

/// Body text size in points.
pub const BODY: f32 = 10.5;

/// The document being laid out.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    /// Its id, for link keys.
    pub id: &'a str,
    /// Outline level given to its level-2 headings, if they get bookmarks.
    pub mark_level: Option<u8>,
    /// A form: its last table, if it ends in empty rows, gets more of them to fill the page.
    pub fill: bool,
    /// Height of a row with a box to write in (see [`super::sheets`]).
    pub write_row: f32,
    /// How many empty rows at the end of the last table may be left out (the fill puts back
    /// as many as the page has room for).
    pub drop_blank: usize,
}

impl Ctx<'_> {
    /// Where link `i` of the document leads in the PDF.
    pub fn link(&self, i: usize) -> Option<LinkDest> {
        match &self.doc.links.get(i)?.target {
            LinkTarget::Document { id, anchor } => {
                Some(LinkDest::Key(keys::doc(id, anchor.as_deref())))
            }
            LinkTarget::Anchor(a) => Some(LinkDest::Key(keys::doc(self.id, Some(a)))),
            LinkTarget::External(url) => Some(LinkDest::Uri(url.clone())),
            LinkTarget::File(_) | LinkTarget::Refused(_) => None,
        }
    }

    pub fn style<'s>(&'s self, face: Face, size: f32, color: Rgb) -> Style<'s> {
        Style {
            face,
            size,
            color,
            ctx: Some(self),
        }
    }
}

/// Lay out a whole document: its blocks, then its footnotes.
pub fn document(flow: &mut Flow, ctx: &Ctx) {
    blocks(flow, ctx, &ctx.doc.blocks, 0);
    if ctx.doc.footnotes.is_empty() {
        return;
    }
    flow.gap(12.0);
    flow.ensure(40.0);
    let top = flow.take(8.0);
    let x = flow.left();
    flow.push(Item::Line {
        x1: x,
        y1: top + 4.0,
        x2: x + 120.0,
        y2: top + 4.0,
        width: 0.6,
        color: RULE,
    });
    for note in &ctx.doc.footnotes {
        flow.dest(keys::doc(ctx.id, Some(&format!("fn-{}", note.number))));
        flow.set_marker(Marker::Text(format!("{}.", note.number)));
        flow.open(18.0, 0.0, None, None);
        blocks(flow, ctx, &note.blocks, 1);
        flow.take_marker();
        flow.close();
    }
}

/// Lay out blocks; `depth` is how deeply nested in lists and quotes they are.
pub fn blocks(flow: &mut Flow, ctx: &Ctx, blocks: &[Block], depth: usize) {
    for (i, block) in blocks.iter().enumerate() {
        self::block(flow, ctx, block, depth, &blocks[i + 1..]);
    }
}

fn block(flow: &mut Flow, ctx: &Ctx, block: &Block, depth: usize, after: &[Block]) {
    let gap = if depth > 0 { 3.0 } else { 7.0 };
    let more = !after.is_empty();
    match block {
        Block::Heading {
            level,
            content,
            anchor,
        } => {
            let keep = lead(flow, ctx, after, 8);
            heading(flow, ctx, *level, content, anchor, keep)
        }
        Block::Paragraph(content) => {
            if let Some((file, alt)) = super::image::lone(ctx.doc, content) {
                super::image::figure(flow, file, alt, more);
            } else {
                let lines = inline::lines(
                    flow.fonts,
                    content,
                    &ctx.style(Face::Regular, BODY, INK),
                    flow.width(),
                );
                inline::place(flow, &lines, Role::Body);
            }
            if more || depth == 0 {
                flow.gap(gap);
            }
        }
        Block::List { start, items } => {
            list(flow, ctx, *start, items, depth);
            flow.gap(gap);
        }
        Block::Quote {
            kind,
            blocks: inner,
        } => {
            quote(flow, ctx, *kind, inner, depth);
            flow.gap(gap + 2.0);
        }
        Block::Code { text, .. } | Block::Html(text) => {
            code(flow, text);
            flow.gap(gap);
        }
        Block::Table(t) => {
            let last = ctx
                .doc
                .blocks
                .last()
                .is_some_and(|b| std::ptr::eq(b, block));
            table::table(
                flow,
                ctx,
                t,
                ctx.fill && last && ctx.doc.footnotes.is_empty(),
            );
            flow.gap(gap + 3.0);
        }
        Block::Rule => {
            flow.gap(4.0);
            let top = flow.take(8.0);
            let (l, r) = (flow.left(), flow.right());
            flow.push(Item::Line {
                x1: l,
                y1: top + 4.0,
                x2: r,
                y2: top + 4.0,
                width: 0.6,
                color: RULE,
            });
            flow.gap(4.0);
        }
    }
}

/// Sizes of heading levels 1 to 4 (and deeper).
fn heading_size(level: u8) -> f32 {
    match level {
        1 => 20.0,
        2 => 14.5,
        3 => 12.0,
        _ => BODY + 0.5,
    }
}

/// The height of the start of `blocks` that a heading before them must keep on its page: the
/// first lines of a paragraph or list item, a table's header and first row, the top of a quote
/// or code block; headings in a row (up to `depth` more) are kept together with it, so a page
/// that breaks before one of them breaks before the first.
fn lead(flow: &Flow, ctx: &Ctx, blocks: &[Block], depth: usize) -> f32 {
    let Some(first) = blocks.first() else {
        return 0.0;
    };
    let line = BODY * 1.45;
    let first_lines = |content: &[crate::document::Inline], width: f32| {
        let lines = inline::lines(
            flow.fonts,
            content,
            &ctx.style(Face::Regular, BODY, INK),
            width,
        );
        // a paragraph too short to split into two lines and two goes whole
        let keep = if lines.len() >= 2 * inline::KEEP_LINES {
            inline::KEEP_LINES
        } else {
            lines.len()
        };
        lines.iter().take(keep).map(|l| l.height).sum::<f32>()
    };
    match first {
        Block::Paragraph(content) => match super::image::lone(ctx.doc, content) {
            Some((file, alt)) => super::image::lead(flow, file, alt),
            None => first_lines(content, flow.width()),
        },
        Block::List { items, .. } => match items.first().and_then(|i| i.blocks.first()) {
            Some(Block::Paragraph(content)) => first_lines(content, flow.width() - 20.0),
            _ => line * 2.0,
        },
        Block::Heading { level, content, .. } => {
            let size = heading_size(*level);
            let lines = inline::lines(
                flow.fonts,
                content,
                &ctx.style(Face::Bold, size, INK),
                flow.width(),
            );
            let own = size + inline::height(&lines) + 10.0;
            if depth == 0 {
                own
            } else {
                own + lead(flow, ctx, &blocks[1..], depth - 1)
            }
        }
        Block::Table(t) => table::lead(flow, ctx, t),
        Block::Quote { .. } => QUOTE_KEEP,
        Block::Code { .. } | Block::Html(_) => 10.0 + 9.0 * 1.35 * 2.0,
        Block::Rule => 16.0,
    }
}

/// Room a quote or alert needs on a page before it starts there.
const QUOTE_KEEP: f32 = 60.0;

fn heading(
    flow: &mut Flow,
    ctx: &Ctx,
    level: u8,
    content: &[crate::document::Inline],
    anchor: &str,
    keep: f32,
) {
    let size = heading_size(level);
    let lines = inline::lines(
        flow.fonts,
        content,
        &ctx.style(Face::Bold, size, (10, 10, 10)),
        flow.width(),
    );
    let rule = if level <= 2 { 6.0 } else { 0.0 };
    flow.gap(if level <= 2 { size * 0.8 } else { size * 0.6 });
    // never the last thing on a page: it travels with the first lines of what follows
    let own = inline::height(&lines) + rule + if level <= 2 { 4.0 } else { 2.0 };
    flow.ensure(own + keep.max(BODY * 1.45) + 1.0);
    flow.dest(keys::doc(ctx.id, Some(anchor)));
    if let (Some(mark), 2) = (ctx.mark_level, level) {
        let text = crate::document::plain_text(content);
        flow.mark(mark, &text, &keys::doc(ctx.id, Some(anchor)));
    }
    inline::place(flow, &lines, Role::Heading);
    if rule > 0.0 {
        let top = flow.take(rule);
        let (l, r) = (flow.left(), flow.right());
        let (width, color) = if level == 1 { (1.4, INK) } else { (0.5, RULE) };
        flow.push(Item::Line {
            x1: l,
            y1: top + 2.0,
            x2: r,
            y2: top + 2.0,
            width,
            color,
        });
    }
    flow.take(if level <= 2 { 4.0 } else { 2.0 });
}

fn list(flow: &mut Flow, ctx: &Ctx, start: Option<u64>, items: &[ListItem], depth: usize) {
    let ordered = start.is_some();
    let last = start.unwrap_or(1).saturating_add(items.len() as u64);
    let indent = if ordered {
        flow.measure(Face::Regular, BODY, &format!("{}.", last.max(10))) + 10.0
    } else {
        16.0
    };
    for (n, item) in items.iter().enumerate() {
        let marker = match (item.task, start) {
            (Some(checked), _) => Marker::Box(checked),
            (None, Some(s)) => Marker::Text(format!("{}.", s.saturating_add(n as u64))),
            (None, None) => Marker::Text(if depth.is_multiple_of(2) {
                "•".into()
            } else {
                "–".into()
            }),
        };
        let indent = if item.task.is_some() {
            indent.max(BODY * 1.9)
        } else {
            indent
        };
        flow.set_marker(marker);
        flow.open(indent, 0.0, None, None);
        if item.blocks.is_empty() {
            let lines = inline::lines(
                flow.fonts,
                &[],
                &ctx.style(Face::Regular, BODY, INK),
                flow.width(),
            );
            inline::place(flow, &lines, Role::Body);
        }
        blocks(flow, ctx, &item.blocks, depth + 1);
        flow.take_marker();
        flow.close();
        if ordered && depth == 0 && n + 1 < items.len() {
            flow.gap(2.5);
        }
    }
}

fn quote(flow: &mut Flow, ctx: &Ctx, kind: QuoteKind, inner: &[Block], depth: usize) {
    let (bar, fill, color) = match kind {
        // alarms must stand out on a black-and-white copier too: a solid black frame with a
        // thick bar, and a black label (the tint and red are for colour printers)
        QuoteKind::Warning | QuoteKind::Caution => ((6.0, BLACK), Some((253, 240, 240)), BLACK),
        QuoteKind::Important => ((4.0, INK), Some(SHADE), INK),
        QuoteKind::Note | QuoteKind::Tip => ((3.0, GREY), Some((245, 245, 245)), INK),
        QuoteKind::Plain => ((2.0, RULE), None, GREY),
    };
    flow.ensure(QUOTE_KEEP);
    if kind.is_alarm() {
        flow.open_framed(0.0, 0.0, None, (1.6, BLACK));
    }
    flow.open(14.0, 6.0, Some(bar), fill);
    flow.take(6.0);
    if let Some(label) = kind.label() {
        let top = flow.take(BODY * 1.5);
        flow.role(Role::Heading, top);
        let x = flow.left();
        let size = if kind.is_alarm() { BODY + 1.5 } else { BODY };
        let mut label = label.to_string();
        if kind.is_alarm() && flow.fonts.covers(Face::Bold, '⚠') {
            label.insert_str(0, "⚠ ");
        }
        flow.text(x, top + BODY * 1.1, Face::Bold, size, &label, color);
        if kind.is_alarm() {
            let w = flow.measure(Face::Bold, size, &label);
            flow.push(Item::Line {
                x1: x,
                y1: top + BODY * 1.1 + 2.0,
                x2: x + w,
                y2: top + BODY * 1.1 + 2.0,
                width: 1.2,
                color: ALARM,
            });
        }
    }
    blocks(
        flow,
        ctx,
        &crate::document::alert::body(inner, kind),
        depth + 1,
    );
    flow.take(5.0);
    flow.close();
    if kind.is_alarm() {
        flow.close();
    }
}

fn code(flow: &mut Flow, text: &str) {
    let size = 9.0;
    flow.open(8.0, 8.0, None, Some(SHADE));
    flow.take(5.0);
    let per_line =
        ((flow.width() / flow.fonts.width(Face::Mono, size, "M")).floor() as usize).max(8);
    for raw in text.trim_end_matches('\n').split('\n') {
        let expanded = raw.replace('\t', "    ");
        let chars: Vec<char> = expanded.chars().collect();
        let pieces: Vec<String> = if chars.is_empty() {
            vec![String::new()]
        } else {
            chars.chunks(per_line).map(|c| c.iter().collect()).collect()
        };
        for piece in pieces {
            let top = flow.take(size * 1.35);
            flow.role(Role::Code, top);
            let x = flow.left();
            flow.text(x, top + size * 1.0, Face::Mono, size, &piece, (30, 30, 30));
        }
    }
    flow.take(5.0);
    flow.close();
}
