//! The searchable pieces ("units") of a document or a contact, read from the document and pack
//! models in one fixed order. The index is built from these, and a hit's snippet and section are
//! found by walking them again, so the index need not keep any text.

use std::borrow::Cow;

use crate::document::{Block, Document, Inline};
use crate::pack::{Contact, DocEntry};
use crate::sanitize::dialable;

/// Where a unit's text sits; the weight of a match there. Fits in two bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Body = 1,
    Heading = 2,
    Title = 3,
}

impl Field {
    pub fn weight(self) -> f32 {
        match self {
            Field::Title => 3.0,
            Field::Heading => 2.0,
            Field::Body => 1.0,
        }
    }

    pub fn from_bits(bits: u32) -> Field {
        match bits & 3 {
            3 => Field::Title,
            2 => Field::Heading,
            _ => Field::Body,
        }
    }
}

/// One unit of a document: its field, the index in `Document::headings` of the section it is
/// in (or is the heading of), and its text.
pub struct DocUnit<'a> {
    pub field: Field,
    /// `None` for the title, summary and triage labels, and for text before the first heading.
    pub section: Option<usize>,
    /// True for the title, summary, triage labels and level-1 headings (things about the
    /// document rather than in it).
    pub about: bool,
    pub text: &'a str,
}

/// Call `f` with every unit of `entry`: title, summary, `aliases` (triage labels that open it),
/// then headings and body text (paragraphs, list items, table rows, quotes, code, footnotes).
pub fn doc_units(
    entry: &DocEntry,
    aliases: &[&str],
    bodies: bool,
    buf: &mut String,
    mut f: impl FnMut(DocUnit<'_>),
) {
    f(DocUnit {
        field: Field::Title,
        section: None,
        about: true,
        text: &entry.title,
    });
    if let Some(summary) = &entry.summary {
        f(DocUnit {
            field: Field::Heading,
            section: None,
            about: true,
            text: summary,
        });
    }
    for alias in aliases {
        f(DocUnit {
            field: Field::Heading,
            section: None,
            about: true,
            text: alias,
        });
    }
    if !bodies {
        return;
    }
    // a document not read yet is parsed for the walk and not kept (indexing every document
    // must not hold them all as models)
    entry.doc.peek(|doc| {
        let mut walk = Walk {
            doc,
            section: None,
            next_heading: 0,
            buf,
        };
        walk.blocks(&doc.blocks, &mut f);
        for note in &doc.footnotes {
            walk.blocks(&note.blocks, &mut f);
        }
    });
}

struct Walk<'d, 'b> {
    doc: &'d Document,
    section: Option<usize>,
    next_heading: usize,
    buf: &'b mut String,
}

impl Walk<'_, '_> {
    fn blocks(&mut self, blocks: &[Block], f: &mut impl FnMut(DocUnit<'_>)) {
        for block in blocks {
            match block {
                Block::Heading {
                    level,
                    content,
                    anchor,
                } => {
                    let found = self
                        .doc
                        .headings
                        .iter()
                        .skip(self.next_heading)
                        .position(|h| *h.anchor == **anchor);
                    if let Some(i) = found {
                        self.section = Some(self.next_heading + i);
                        self.next_heading += i + 1;
                    }
                    // The level-1 heading repeats the title: about the document, not in it.
                    self.buf.clear();
                    push_plain(self.buf, content);
                    f(DocUnit {
                        field: Field::Heading,
                        section: self.section,
                        about: *level == 1,
                        text: self.buf,
                    });
                }
                Block::Paragraph(content) => self.emit_inlines(Field::Body, content, f),
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&item.blocks, f);
                    }
                }
                Block::Quote { blocks, .. } => self.blocks(blocks, f),
                Block::Code { text, .. } | Block::Html(text) => {
                    f(DocUnit {
                        field: Field::Body,
                        section: self.section,
                        about: false,
                        text,
                    });
                }
                Block::Table(table) => {
                    for row in std::iter::once(&table.header).chain(&table.rows) {
                        self.buf.clear();
                        for cell in row.iter().filter(|c| !c.is_empty()) {
                            if !self.buf.is_empty() {
                                self.buf.push_str(" | ");
                            }
                            push_plain(self.buf, cell);
                        }
                        if !self.buf.is_empty() {
                            f(DocUnit {
                                field: Field::Body,
                                section: self.section,
                                about: false,
                                text: self.buf,
                            });
                        }
                    }
                }
                Block::Rule => {}
            }
        }
    }

    fn emit_inlines(&mut self, field: Field, content: &[Inline], f: &mut impl FnMut(DocUnit<'_>)) {
        self.buf.clear();
        push_plain(self.buf, content);
        f(DocUnit {
            field,
            section: self.section,
            about: false,
            text: self.buf,
        });
    }
}

/// Like [`crate::document::plain_text`], onto a reused buffer; a line to write on is `___`.
fn push_plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&t.text),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::WriteLine { .. } => out.push_str("___"),
            Inline::TickBox { checked } => out.push_str(if *checked { "[x]" } else { "[ ]" }),
            Inline::FootnoteRef { number, .. } => {
                out.push('[');
                out.push_str(&number.to_string());
                out.push(']');
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
}

/// One field of a contact, with the label to show before it in a snippet (empty for the name
/// and role).
pub struct ContactUnit<'a> {
    pub field: Field,
    pub label: &'static str,
    /// The field's text; for a number, as dialled ([`crate::sanitize::dialable`]): no digit of a
    /// hidden escape sequence is ever searchable.
    pub text: Cow<'a, str>,
}

/// Call `f` with every field of a contact: name and numbers rank as titles, the role as a
/// heading, the rest as body text.
pub fn contact_units<'c>(c: &'c Contact, mut f: impl FnMut(ContactUnit<'c>)) {
    let number = |n: &'c Option<String>| n.as_deref().map(dialable);
    let plain = |t: &'c Option<String>| t.as_deref().map(Cow::Borrowed);
    let fields: [(Field, &'static str, Option<Cow<'c, str>>); 10] = [
        (Field::Title, "", Some(Cow::Borrowed(&c.name))),
        (Field::Heading, "", plain(&c.role)),
        (Field::Title, "Phone", number(&c.phone)),
        (Field::Title, "Mobile", number(&c.mobile)),
        (Field::Title, "Out of hours", number(&c.out_of_hours)),
        (Field::Title, "WhatsApp", number(&c.whatsapp)),
        (Field::Body, "Email", plain(&c.email)),
        (Field::Body, "Group", Some(Cow::Borrowed(&c.group))),
        (Field::Body, "Hours", plain(&c.hours)),
        (Field::Body, "Notes", plain(&c.notes)),
    ];
    for (field, label, text) in fields {
        if let Some(text) = text {
            f(ContactUnit { field, label, text });
        }
    }
}
