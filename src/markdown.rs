//! Markdown to [`Document`]: one pass over pulldown-cmark's events with an explicit stack of
//! open containers (so nesting depth costs heap, never stack), sanitising every string after
//! parsing.
//!
//! Children: [`links`] classifies link destinations; [`forms`] implements the form conventions
//! (write lines and tick boxes); `html` the one rule for raw HTML (comments are authors' notes,
//! `<br>` a line break); `sections` where a long document may be cut to be parsed a section at
//! a time.

pub mod forms;
mod html;
pub mod links;
mod sections;

use std::collections::HashMap;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::document::{
    Align, Block, Document, Footnote, HeadingRef, Inline, Link, LinkTarget, ListItem, QuoteKind,
    Table, Text, TextStyle, anchor_of, plain_text,
};
use crate::problem::LineIndex;
use crate::sanitize::clean;

/// Containers nested deeper than this are flattened into their parent (with a notice).
pub const MAX_DEPTH: usize = 32;
/// Table columns kept; more are dropped with a notice.
pub const MAX_TABLE_COLUMNS: usize = 64;
/// Table cells kept per table; further rows are dropped with a notice.
pub const MAX_TABLE_CELLS: usize = 50_000;

/// Where a document lives, for resolving its links and numbering its lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Folder of the document inside its pack (`procedures`, `forms`, or empty).
    pub dir: &'a str,
    /// Lines before the Markdown body in the file (front matter), added to line numbers.
    pub line_offset: usize,
}

/// The parser options manualpack reads Markdown with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Parse Markdown (with newlines already normalised) into a document.
pub fn parse(src: &str, ctx: Context<'_>) -> Document {
    parse_in(src, ctx, true)
}

/// [`parse`], in sections or (for tests comparing the two) whole.
fn parse_in(src: &str, ctx: Context<'_>, in_sections: bool) -> Document {
    let protected = forms::protect_write_lines(src);
    let lines = LineIndex::new(src);
    let mut b = Builder::new(ctx);
    // a long document is parsed a section at a time (one builder takes every section's
    // events), so pulldown-cmark never holds the whole document's tree at once
    let mut start = 0;
    let ends = if in_sections {
        sections::sections(&protected.text)
    } else {
        vec![protected.text.len()]
    };
    for end in ends {
        let text = &protected.text[start..end];
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            if matches!(
                event,
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
                    | Event::InlineHtml(_)
            ) {
                let at = protected.source_offset(start + range.start);
                b.line = lines.line(at) + ctx.line_offset;
            }
            b.event(event);
        }
        start = end;
    }
    b.finish()
}

/// An open container.
enum Frame {
    Root(Vec<Block>),
    Quote(QuoteKind, Vec<Block>),
    List(Option<u64>, Vec<ListItem>),
    Item(ListItem),
    Footnote(String, Vec<Block>),
    /// Past [`MAX_DEPTH`]: its content goes to the nearest real container.
    Flat,
}

/// An open leaf that collects inline content.
enum Leaf {
    Paragraph,
    Heading(u8),
    Cell,
}

struct TableState {
    table: Table,
    row: Vec<Vec<Inline>>,
    in_head: bool,
    cells: usize,
    dropped: bool,
}

struct Builder<'a> {
    ctx: Context<'a>,
    line: usize,
    doc: Document,
    frames: Vec<Frame>,
    leaf: Option<Leaf>,
    inlines: Vec<Inline>,
    style: TextStyle,
    link: Option<usize>,
    code: Option<(String, String)>,
    html: Option<String>,
    /// An image being read: its link and the alt text so far.
    image: Option<(u32, String)>,
    tables: Vec<TableState>,
    anchors: HashMap<String, usize>,
    footnote_numbers: HashMap<String, usize>,
    flattened: bool,
}

impl<'a> Builder<'a> {
    fn new(ctx: Context<'a>) -> Self {
        Builder {
            ctx,
            line: 1,
            doc: Document::default(),
            frames: vec![Frame::Root(Vec::new())],
            leaf: None,
            inlines: Vec::new(),
            style: TextStyle::default(),
            link: None,
            code: None,
            html: None,
            image: None,
            tables: Vec::new(),
            anchors: HashMap::new(),
            footnote_numbers: HashMap::new(),
            flattened: false,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push_text(
                &t,
                TextStyle {
                    code: true,
                    ..self.style
                },
            ),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Html(t) | Event::InlineHtml(t) => self.raw_html(&t),
            Event::FootnoteReference(label) => {
                let number = self.footnote_number(&label);
                self.open_leaf();
                self.inlines.push(Inline::FootnoteRef {
                    number,
                    label: clean(&label).into(),
                });
            }
            Event::SoftBreak => self.inline(Inline::SoftBreak),
            Event::HardBreak => self.inline(Inline::HardBreak),
            Event::Rule => {
                self.close_leaf();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(checked) => {
                if let Some(Frame::Item(item)) = self.frames.last_mut() {
                    item.task = Some(checked);
                } else {
                    self.inline(Inline::TickBox { checked });
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.begin_leaf(Leaf::Paragraph),
            Tag::Heading { level, .. } => self.begin_leaf(Leaf::Heading(level as u8)),
            Tag::BlockQuote(kind) => self.push_frame(Frame::Quote(quote_kind(kind), Vec::new())),
            Tag::CodeBlock(kind) => {
                self.close_leaf();
                let language = match kind {
                    CodeBlockKind::Fenced(info) => clean(&forms::unprotect(&info)).into_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((language, String::new()));
            }
            Tag::HtmlBlock => {
                self.close_leaf();
                self.html = Some(String::new());
            }
            Tag::List(start) => self.push_frame(Frame::List(start, Vec::new())),
            Tag::Item => self.push_frame(Frame::Item(ListItem::default())),
            Tag::FootnoteDefinition(label) => {
                self.footnote_number(&label);
                let label = clean(&label).into_owned();
                self.push_frame(Frame::Footnote(label, Vec::new()));
            }
            Tag::Table(align) => {
                self.close_leaf();
                let mut align: Vec<Align> = align.into_iter().map(align_of).collect();
                if align.len() > MAX_TABLE_COLUMNS {
                    align.truncate(MAX_TABLE_COLUMNS);
                    self.notice(format!(
                        "a table has more than {MAX_TABLE_COLUMNS} columns; the rest are not shown"
                    ));
                }
                self.tables.push(TableState {
                    table: Table {
                        align,
                        ..Table::default()
                    },
                    row: Vec::new(),
                    in_head: false,
                    cells: 0,
                    dropped: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {}
            Tag::TableCell => self.begin_leaf(Leaf::Cell),
            Tag::Emphasis => self.style.emphasis = true,
            Tag::Strong => self.style.strong = true,
            Tag::Strikethrough => self.style.strike = true,
            Tag::Link { dest_url, .. } => self.link = Some(self.add_link(&dest_url, false)),
            Tag::Image { dest_url, .. } => {
                let link = self.add_link(&dest_url, true);
                // an image inside an image's alt text is only more alt text
                if self.image.is_none() {
                    self.image = u32::try_from(link).ok().map(|l| (l, String::new()));
                }
            }
            Tag::MetadataBlock(_) => self.html = Some(String::new()),
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_leaf(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.close_leaf();
                self.pop_frame();
            }
            TagEnd::CodeBlock => {
                if let Some((language, text)) = self.code.take() {
                    let text = text.strip_suffix('\n').unwrap_or(&text);
                    let text = clean(&forms::unprotect(text)).into_owned();
                    self.push_block(Block::Code {
                        language: language.into(),
                        text: text.into(),
                    });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let html = forms::unprotect(html.trim_end_matches('\n'));
                    let shown = self.comments_in(&html);
                    let html = shown.as_deref().unwrap_or(&html);
                    if !html.trim().is_empty() {
                        self.push_block(Block::Html(clean(html.trim_matches('\n')).into()));
                    }
                }
            }
            TagEnd::MetadataBlock(_) => self.html = None,
            TagEnd::Table => {
                self.close_leaf();
                if let Some(t) = self.tables.pop() {
                    self.push_block(Block::Table(Box::new(t.table)));
                }
            }
            TagEnd::TableHead => {
                self.end_row();
                if let Some(t) = self.tables.last_mut() {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => self.end_row(),
            TagEnd::TableCell => {
                let cell = forms::finish_inlines(std::mem::take(&mut self.inlines));
                self.leaf = None;
                if let Some(t) = self.tables.last_mut() {
                    t.row.push(cell);
                }
            }
            TagEnd::Emphasis => self.style.emphasis = false,
            TagEnd::Strong => self.style.strong = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Link => self.link = None,
            TagEnd::Image => {
                if let Some((link, alt)) = self.image.take() {
                    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.inline(Inline::Image {
                        alt: alt.into(),
                        link,
                    });
                }
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let mut row = std::mem::take(&mut t.row);
        if row.is_empty() && !t.in_head {
            return;
        }
        row.resize(t.table.align.len(), Vec::new());
        if t.in_head {
            t.table.header = row;
            return;
        }
        t.cells += row.len();
        if t.cells > MAX_TABLE_CELLS {
            if !t.dropped {
                t.dropped = true;
                let msg = format!(
                    "a table has more than {MAX_TABLE_CELLS} cells; the rest are not shown"
                );
                self.notice(msg);
            }
            return;
        }
        t.table.rows.push(row);
    }

    fn text(&mut self, t: &str) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(t);
        } else if let Some(html) = &mut self.html {
            html.push_str(t);
        } else {
            self.push_text(t, self.style);
        }
    }

    fn raw_html(&mut self, t: &str) {
        if let Some(html) = &mut self.html {
            html.push_str(t);
        } else if html::is_line_break(t) {
            self.inline(Inline::HardBreak);
        } else if let Some(rest) = self.comments_in(t) {
            if !rest.trim().is_empty() {
                self.raw_html(&rest);
            }
        } else {
            self.push_text(
                t,
                TextStyle {
                    html: true,
                    ..self.style
                },
            );
        }
    }

    fn push_text(&mut self, t: &str, style: TextStyle) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(&clean(t));
            return;
        }
        let text = clean(t);
        let text = if style.code {
            text.replace('\n', " ")
        } else {
            text.into_owned()
        };
        self.inline(Inline::Text(Text {
            text: text.into(),
            style,
            link: self.link.and_then(|l| u32::try_from(l).ok()),
        }));
    }

    fn inline(&mut self, inline: Inline) {
        if let Some((_, alt)) = &mut self.image {
            if matches!(inline, Inline::SoftBreak | Inline::HardBreak) {
                alt.push(' ');
            }
            return;
        }
        self.open_leaf();
        self.inlines.push(inline);
    }

    fn add_link(&mut self, dest: &str, image: bool) -> usize {
        let raw = forms::unprotect(dest);
        let target = match links::classify(&raw, self.ctx.dir) {
            LinkTarget::Anchor(a) if a.is_empty() => LinkTarget::Refused("empty anchor".into()),
            t => t,
        };
        self.doc.links.push(Link {
            raw: crate::sanitize::clean_line(&raw),
            target: sanitize_target(target),
            line: self.line,
            image,
        });
        self.doc.links.len() - 1
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next)
    }

    /// Take the HTML comments (authors' notes) out of raw HTML, keeping them for `check`.
    /// `None` when `t` holds no comment; otherwise what is left to show.
    fn comments_in(&mut self, t: &str) -> Option<String> {
        let (rest, found) = html::split_comments(t, self.line)?;
        self.doc.comments.extend(found);
        Some(rest)
    }

    fn notice(&mut self, msg: String) {
        if !self.doc.notices.contains(&msg) {
            self.doc.notices.push(msg);
        }
    }

    // --- leaves -------------------------------------------------------------------------

    fn begin_leaf(&mut self, leaf: Leaf) {
        self.close_leaf();
        self.leaf = Some(leaf);
    }

    /// Text outside any leaf (a tight list item) opens an implicit paragraph.
    fn open_leaf(&mut self) {
        if self.leaf.is_none() {
            self.leaf = Some(Leaf::Paragraph);
        }
    }

    fn close_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else { return };
        let inlines = forms::finish_inlines(std::mem::take(&mut self.inlines));
        match leaf {
            Leaf::Paragraph => {
                if !inlines.is_empty() {
                    self.push_block(Block::Paragraph(inlines));
                }
            }
            Leaf::Heading(level) => {
                let text = plain_text(&inlines).trim().to_string();
                let anchor = self.unique_anchor(&text);
                self.doc.headings.push(HeadingRef {
                    level,
                    text,
                    anchor: anchor.clone(),
                });
                self.push_block(Block::Heading {
                    level,
                    content: inlines,
                    anchor: anchor.into(),
                });
            }
            Leaf::Cell => {
                // a cell closes through TagEnd::TableCell; keep its content if we got here first
                self.inlines = inlines;
                self.leaf = Some(Leaf::Cell);
            }
        }
    }

    fn unique_anchor(&mut self, text: &str) -> String {
        let mut base = anchor_of(text);
        if base.is_empty() {
            base = "section".into();
        }
        let count = self.anchors.entry(base.clone()).or_insert(0);
        let anchor = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        anchor
    }

    // --- containers ---------------------------------------------------------------------

    fn depth(&self) -> usize {
        self.frames.len()
    }

    fn push_frame(&mut self, frame: Frame) {
        self.close_leaf();
        if self.depth() > MAX_DEPTH {
            if !self.flattened {
                self.flattened = true;
                self.notice(format!(
                    "lists or quotes nested deeper than {MAX_DEPTH} levels are shown flattened"
                ));
            }
            self.frames.push(Frame::Flat);
        } else {
            self.frames.push(frame);
        }
    }

    fn pop_frame(&mut self) {
        if self.frames.len() <= 1 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Root(_) | Frame::Flat => {}
            Frame::Quote(kind, blocks) => {
                let kind = if kind == QuoteKind::Plain {
                    sniff_warning(&blocks)
                } else {
                    kind
                };
                self.push_block(Block::Quote { kind, blocks });
            }
            Frame::List(start, items) => self.push_block(Block::List { start, items }),
            Frame::Item(item) => {
                // an item outside a list (flattened parent): keep its blocks
                if let Some(Frame::List(_, items)) = self.frames.last_mut() {
                    items.push(item);
                } else {
                    for block in item.blocks {
                        self.push_block(block);
                    }
                }
            }
            Frame::Footnote(label, blocks) => {
                let number = self.footnote_number(&label);
                self.doc.footnotes.push(Footnote {
                    number,
                    label,
                    blocks,
                });
            }
        }
    }

    /// Add a block to the innermost real container that holds blocks.
    fn push_block(&mut self, mut block: Block) {
        // finished: give back its spare room now, so parsing never holds the loose model
        crate::document::shrink_block(&mut block);
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Root(blocks) | Frame::Quote(_, blocks) | Frame::Footnote(_, blocks) => {
                    blocks.push(block);
                    return;
                }
                Frame::Item(item) => {
                    item.blocks.push(block);
                    return;
                }
                Frame::List(_, items) => {
                    items.push(ListItem {
                        task: None,
                        blocks: vec![block],
                    });
                    return;
                }
                Frame::Flat => {}
            }
        }
    }

    fn finish(mut self) -> Document {
        self.close_leaf();
        while self.frames.len() > 1 {
            self.pop_frame();
        }
        if let Some(Frame::Root(blocks)) = self.frames.pop() {
            self.doc.blocks = blocks;
        }
        self.doc.footnotes.sort_by_key(|f| f.number);
        self.doc.shrink();
        self.doc
    }
}

fn sanitize_target(target: LinkTarget) -> LinkTarget {
    use crate::sanitize::clean_line as c;
    match target {
        LinkTarget::Document { id, anchor } => LinkTarget::Document {
            id: c(&id),
            anchor: anchor.map(|a| c(&a)),
        },
        LinkTarget::Anchor(a) => LinkTarget::Anchor(c(&a)),
        LinkTarget::File(f) => LinkTarget::File(c(&f)),
        LinkTarget::External(e) => LinkTarget::External(c(&e)),
        LinkTarget::Refused(r) => LinkTarget::Refused(c(&r)),
    }
}

fn quote_kind(kind: Option<BlockQuoteKind>) -> QuoteKind {
    match kind {
        None => QuoteKind::Plain,
        Some(BlockQuoteKind::Note) => QuoteKind::Note,
        Some(BlockQuoteKind::Tip) => QuoteKind::Tip,
        Some(BlockQuoteKind::Important) => QuoteKind::Important,
        Some(BlockQuoteKind::Warning) => QuoteKind::Warning,
        Some(BlockQuoteKind::Caution) => QuoteKind::Caution,
    }
}

fn align_of(a: pulldown_cmark::Alignment) -> Align {
    match a {
        pulldown_cmark::Alignment::None => Align::None,
        pulldown_cmark::Alignment::Left => Align::Left,
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
    }
}

/// A plain quote whose first words are in bold "Warning:" (or Caution, Important, Note) is that
/// kind of alert.
fn sniff_warning(blocks: &[Block]) -> QuoteKind {
    let Some(Block::Paragraph(inlines)) = blocks.first() else {
        return QuoteKind::Plain;
    };
    let Some(Inline::Text(first)) = inlines.first() else {
        return QuoteKind::Plain;
    };
    if !first.style.strong {
        return QuoteKind::Plain;
    }
    let word = first
        .text
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase();
    match word.as_str() {
        "warning" | "danger" | "stop" => QuoteKind::Warning,
        "caution" => QuoteKind::Caution,
        "important" => QuoteKind::Important,
        "note" => QuoteKind::Note,
        "tip" => QuoteKind::Tip,
        _ => QuoteKind::Plain,
    }
}

#[cfg(test)]
mod tests;
