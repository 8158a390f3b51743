//! The one document model. Markdown is parsed once (see [`crate::markdown`]) into a [`Document`];
//! the terminal layout, plain text, search, printing and HTML all read this model. It holds no
//! terminal types, and every string in it is already sanitised.

use serde::Serialize;

pub mod alert;

/// A parsed, sanitised Markdown document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Every link in the document, in order; inline text refers to them by index.
    pub links: Vec<Link>,
    /// Every heading, in order, for the table of contents and anchor lookups.
    pub headings: Vec<HeadingRef>,
    /// Footnote definitions in order of definition.
    pub footnotes: Vec<Footnote>,
    /// Things the parser had to limit or drop (nesting too deep, table too wide...).
    pub notices: Vec<String>,
    /// Authors' notes (HTML comments): shown by no output, kept so `check` can list them.
    pub comments: Vec<Comment>,
}

/// An HTML comment in the source: an author's note, never shown to readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// 1-based source line where the comment starts.
    pub line: usize,
    /// The comment's text without `<!--` and `-->` (sanitised, trimmed).
    pub text: Box<str>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
        anchor: Box<str>,
    },
    Paragraph(Vec<Inline>),
    List {
        /// `Some(n)` for an ordered list starting at n.
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Quote {
        kind: QuoteKind,
        blocks: Vec<Block>,
    },
    Code {
        language: Box<str>,
        text: Box<str>,
    },
    /// Boxed: a table is rare and large, and every other block would carry its size.
    Table(Box<Table>),
    /// Raw HTML from the source, kept as text and never interpreted.
    Html(Box<str>),
    Rule,
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item (`- [ ]` / `- [x]`): a tick box.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// Plain block quote, or a GFM alert (`> [!WARNING]`), or a quote starting with `**Warning:**`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum QuoteKind {
    Plain,
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl QuoteKind {
    /// The label shown before an alert's text, if any.
    pub fn label(self) -> Option<&'static str> {
        match self {
            QuoteKind::Plain => None,
            QuoteKind::Note => Some("NOTE"),
            QuoteKind::Tip => Some("TIP"),
            QuoteKind::Important => Some("IMPORTANT"),
            QuoteKind::Warning => Some("WARNING"),
            QuoteKind::Caution => Some("CAUTION"),
        }
    }

    /// Warnings and cautions must never look like ordinary text.
    pub fn is_alarm(self) -> bool {
        matches!(self, QuoteKind::Warning | QuoteKind::Caution)
    }
}

/// A table; every row has exactly `align.len()` cells.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Table {
    pub align: Vec<Align>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    Text(Text),
    /// A run of three or more underscores: a line to write on, `len` underscores long.
    WriteLine {
        len: usize,
    },
    /// `[ ]` in running text (a tick box on a form); `[x]` is ticked.
    TickBox {
        checked: bool,
    },
    /// An image: its alt text and its entry in [`Document::links`] (where the file is).
    /// Each output decides how to show it: the picture, or `[image: alt]`.
    Image {
        alt: Box<str>,
        link: u32,
    },
    /// A reference to a footnote, by its number (1-based, in order of definition).
    FootnoteRef {
        number: usize,
        label: Box<str>,
    },
    SoftBreak,
    HardBreak,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Text {
    /// Exactly as long as it needs to be (no room to grow: the model is read, not edited).
    pub text: Box<str>,
    pub style: TextStyle,
    /// Index into [`Document::links`] when this text is (part of) a link.
    pub link: Option<u32>,
}

/// Inline style flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TextStyle {
    pub strong: bool,
    pub emphasis: bool,
    pub strike: bool,
    pub code: bool,
    /// Raw inline HTML, shown as text.
    pub html: bool,
}

/// A link as written, and what it resolves to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The destination as written in the source (sanitised).
    pub raw: String,
    pub target: LinkTarget,
    /// 1-based source line of the link, for diagnostics.
    pub line: usize,
    /// True for an image reference.
    pub image: bool,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LinkTarget {
    /// Another document of the same pack, by id, optionally at a heading anchor.
    Document { id: String, anchor: Option<String> },
    /// A heading in the same document.
    Anchor(String),
    /// A file of the pack that is not a document (an image, a PDF), by path from the pack root.
    File(String),
    /// `https://`, `mailto:` or `tel:`: shown, may be made clickable by outputs that allow it.
    External(String),
    /// Anything else: never followed. The reason is shown to whoever asks.
    Refused(String),
}

/// A heading, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadingRef {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// A footnote definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub number: usize,
    pub label: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Give back the room lists and strings kept for growing: a list of one block would
    /// otherwise hold room for four, which made the model several times the Markdown's size.
    pub fn shrink(&mut self) {
        self.blocks.shrink_to_fit();
        for f in &mut self.footnotes {
            f.blocks.shrink_to_fit();
        }
        self.links.shrink_to_fit();
        self.headings.shrink_to_fit();
        self.footnotes.shrink_to_fit();
        self.comments.shrink_to_fit();
    }

    /// The text of the first level-1 heading, if any.
    pub fn first_title(&self) -> Option<&str> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.as_str())
    }

    /// True if a heading has this anchor.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor)
    }
}

/// Give back the spare room of a block's own lists (its nested blocks were shrunk when they
/// were finished, before it).
pub fn shrink_block(b: &mut Block) {
    match b {
        Block::Heading { content, .. } | Block::Paragraph(content) => content.shrink_to_fit(),
        Block::List { items, .. } => {
            items.shrink_to_fit();
            for i in items {
                i.blocks.shrink_to_fit();
            }
        }
        Block::Quote { blocks, .. } => blocks.shrink_to_fit(),
        Block::Table(t) => {
            for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                cell.shrink_to_fit();
            }
            t.rows.iter_mut().for_each(Vec::shrink_to_fit);
            t.rows.shrink_to_fit();
            t.header.shrink_to_fit();
        }
        Block::Code { .. } | Block::Html(_) | Block::Rule => {}
    }
}

/// The text that identifies a step (a numbered or task-list item): its first paragraph's text,
/// trimmed and cut to 200 characters. Ticks are keyed to it, so a step whose text changes in a
/// refresh shows as unticked.
pub fn step_text(item: &ListItem) -> String {
    let text = match item.blocks.first() {
        Some(Block::Paragraph(inlines)) => plain_text(inlines),
        Some(Block::Heading { content, .. }) => plain_text(content),
        _ => String::new(),
    };
    text.trim().chars().take(200).collect()
}

impl Document {
    /// Every step (numbered or task-list item) in document order, by [`step_text`].
    pub fn steps(&self) -> Vec<String> {
        enum Frame<'a> {
            Blocks(std::slice::Iter<'a, Block>),
            Items(bool, std::slice::Iter<'a, ListItem>),
        }
        let mut out = Vec::new();
        let mut stack = vec![Frame::Blocks(self.blocks.iter())];
        while let Some(top) = stack.last_mut() {
            match top {
                Frame::Blocks(blocks) => match blocks.next() {
                    None => {
                        stack.pop();
                    }
                    Some(Block::List { start, items }) => {
                        stack.push(Frame::Items(start.is_some(), items.iter()))
                    }
                    Some(Block::Quote { blocks, .. }) => stack.push(Frame::Blocks(blocks.iter())),
                    Some(_) => {}
                },
                Frame::Items(numbered, items) => {
                    let numbered = *numbered;
                    match items.next() {
                        None => {
                            stack.pop();
                        }
                        Some(item) => {
                            if numbered || item.task.is_some() {
                                out.push(step_text(item));
                            }
                            stack.push(Frame::Blocks(item.blocks.iter()));
                        }
                    }
                }
            }
        }
        out
    }
}

/// The plain text of inline content, as one string (write lines as underscores).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&t.text),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::WriteLine { len } => out.extend(std::iter::repeat_n('_', *len)),
            Inline::TickBox { checked } => out.push_str(if *checked { "[x]" } else { "[ ]" }),
            Inline::FootnoteRef { number, .. } => out.push_str(&format!("[{number}]")),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
    out
}

/// All the text of a document, one block per line (a fallback view, and for plain outputs).
pub fn plain_text_of(doc: &Document) -> String {
    fn walk(blocks: &[Block], out: &mut String, depth: usize) {
        for b in blocks {
            match b {
                Block::Heading { content, .. } | Block::Paragraph(content) => {
                    out.push_str(&plain_text(content));
                    out.push('\n');
                }
                Block::List { items, .. } => {
                    for item in items {
                        if depth < 64 {
                            walk(&item.blocks, out, depth + 1);
                        }
                    }
                }
                Block::Quote { blocks, .. } => {
                    if depth < 64 {
                        walk(blocks, out, depth + 1);
                    }
                }
                Block::Code { text, .. } | Block::Html(text) => {
                    out.push_str(text);
                    out.push('\n');
                }
                Block::Table(t) => {
                    for row in std::iter::once(&t.header).chain(&t.rows) {
                        let cells: Vec<String> = row.iter().map(|c| plain_text(c)).collect();
                        out.push_str(&cells.join(" | "));
                        out.push('\n');
                    }
                }
                Block::Rule => out.push_str("---\n"),
            }
        }
    }
    let mut out = String::new();
    walk(&doc.blocks, &mut out, 0);
    out
}

/// The anchor of a heading: lower-cased, each run of characters that are neither letters nor
/// digits (of any script) turned into one `-`, trimmed of `-` at both ends.
pub fn anchor_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_the_pack_format() {
        assert_eq!(anchor_of("Cysylltu â chleifion"), "cysylltu-â-chleifion");
        assert_eq!(anchor_of("  First five minutes!  "), "first-five-minutes");
        assert_eq!(anchor_of("Back-entry"), "back-entry");
        assert_eq!(anchor_of("Step 1: call IT"), "step-1-call-it");
        assert_eq!(anchor_of("???"), "");
    }
}
