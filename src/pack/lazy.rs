//! A document's Markdown, parsed when it is first needed.
//!
//! Opening a pack of thousands of documents must not wait for every one of them to be parsed:
//! the home screen needs titles, not paragraphs. [`LazyDoc`] keeps the document's text (read
//! once, with its size known) and parses it into the [`Document`] model the first time something
//! reads it; the result is kept. Walkers that visit every document once (the search index, the
//! pack checks) use [`LazyDoc::peek`], which parses into a temporary and keeps nothing, so a
//! whole pack is never held as a model at once unless it is read that way.
//!
//! Parsing is contained: a panic in the parser (ours or pulldown-cmark's) becomes a document
//! that shows the text as plain text and says why, and the program goes on.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use crate::document::{Block, Document};
use crate::markdown::{self, Context};

/// A document's Markdown body and, once read, its model.
#[derive(Default)]
pub struct LazyDoc {
    /// The whole file's text (newlines normalised); the body starts at `body`.
    text: Arc<str>,
    body: usize,
    /// `procedures` or `forms`: the folder links are resolved against.
    dir: &'static str,
    /// Lines before the body (front matter), added to line numbers.
    line_offset: usize,
    blank_rows: usize,
    parsed: OnceLock<Document>,
}

impl LazyDoc {
    pub fn new(
        text: Arc<str>,
        body: usize,
        dir: &'static str,
        line_offset: usize,
        blank_rows: usize,
    ) -> LazyDoc {
        let body = text_len_floor(&text, body);
        LazyDoc {
            text,
            body,
            dir,
            line_offset,
            blank_rows,
            parsed: OnceLock::new(),
        }
    }

    /// A model given directly (tests, and documents built in memory).
    pub fn ready(doc: Document) -> LazyDoc {
        LazyDoc {
            parsed: OnceLock::from(doc),
            ..LazyDoc::default()
        }
    }

    /// The Markdown body (after any front matter).
    pub fn source(&self) -> &str {
        self.text.get(self.body..).unwrap_or("")
    }

    /// Bytes of Markdown this document holds.
    pub fn source_len(&self) -> usize {
        self.text.len() - self.body.min(self.text.len())
    }

    /// True once the model has been built and kept.
    pub fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// The model, parsed now if it was not yet.
    pub fn get(&self) -> &Document {
        self.parsed.get_or_init(|| self.parse())
    }

    /// Run `f` on the model without keeping it: the kept model when there is one, else a parse
    /// that is dropped afterwards. For walks over every document of a pack.
    pub fn peek<R>(&self, f: impl FnOnce(&Document) -> R) -> R {
        match self.parsed.get() {
            Some(doc) => f(doc),
            None => f(&self.parse()),
        }
    }

    /// Parse the body into a model (contained: never panics).
    pub fn parse(&self) -> Document {
        let src = self.source();
        let ctx = Context {
            dir: self.dir,
            line_offset: self.line_offset,
        };
        let mut doc = crate::contain::contained(|| markdown::parse(src, ctx))
            .unwrap_or_else(|why| super::documents::plain_document(src, &why));
        if self.blank_rows > 0 {
            add_blank_rows(&mut doc, self.blank_rows);
        }
        doc
    }

    /// Keep a model already built (the loader parses a document whole when it has to look for
    /// a title all through it).
    pub fn keep(&self, doc: Document) {
        let _ = self.parsed.set(doc);
    }
}

/// `body` moved back to a character boundary (it always is one; this keeps slicing total).
fn text_len_floor(text: &str, mut body: usize) -> usize {
    body = body.min(text.len());
    while !text.is_char_boundary(body) {
        body -= 1;
    }
    body
}

/// `blank_rows = N`: extend the last table of the document with N empty rows.
fn add_blank_rows(doc: &mut Document, n: usize) {
    if let Some(Block::Table(t)) = doc
        .blocks
        .iter_mut()
        .rev()
        .find(|b| matches!(b, Block::Table(_)))
    {
        let cols = t.align.len();
        t.rows
            .extend(std::iter::repeat_n(vec![Vec::new(); cols], n));
    }
}

impl Deref for LazyDoc {
    type Target = Document;

    fn deref(&self) -> &Document {
        self.get()
    }
}

impl Clone for LazyDoc {
    /// A clone shares the text; a model already built is cloned with it.
    fn clone(&self) -> LazyDoc {
        LazyDoc {
            text: Arc::clone(&self.text),
            body: self.body,
            dir: self.dir,
            line_offset: self.line_offset,
            blank_rows: self.blank_rows,
            parsed: self.parsed.clone(),
        }
    }
}

impl fmt::Debug for LazyDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LazyDoc")
            .field("bytes", &self.source_len())
            .field("parsed", &self.is_parsed())
            .finish()
    }
}

/// The first level-1 heading of a Markdown body, found by parsing as little of it as needed:
/// growing prefixes cut at a blank line (where a paragraph, and so a setext heading, ends). The
/// whole body is parsed only when no prefix holds one; then that model is returned too, to be
/// kept. `None` when the document has no level-1 heading.
pub fn first_title(doc: &LazyDoc) -> (Option<String>, Option<Document>) {
    let src = doc.source();
    let mut len = 4096;
    while len < src.len() {
        // the cut must fall between characters
        while !src.is_char_boundary(len) {
            len += 1;
        }
        if let Some(cut) = src[..len].rfind("\n\n")
            && cut > 0
        {
            let prefix = LazyDoc {
                text: Arc::from(&src[..cut + 1]),
                body: 0,
                dir: doc.dir,
                line_offset: doc.line_offset,
                blank_rows: 0,
                parsed: OnceLock::new(),
            };
            let parsed = prefix.parse();
            // a title holding brackets may use a reference defined further down: read it whole
            if let Some(t) = parsed.first_title().filter(|t| !t.contains(['[', ']'])) {
                return (Some(t.to_string()), None);
            }
        }
        len = len.saturating_mul(4);
    }
    let whole = doc.parse();
    (whole.first_title().map(str::to_string), Some(whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lazy(src: &str) -> LazyDoc {
        LazyDoc::new(Arc::from(src), 0, "procedures", 0, 0)
    }

    #[test]
    fn parses_once_when_read_and_not_when_peeked() {
        let d = lazy("# Title\n\nText.\n");
        assert!(!d.is_parsed());
        assert_eq!(d.peek(|m| m.blocks.len()), 2);
        assert!(!d.is_parsed(), "peek keeps nothing");
        assert_eq!(d.first_title(), Some("Title"));
        assert!(d.is_parsed());
    }

    #[test]
    fn the_title_is_found_in_a_prefix_or_after_a_whole_parse() {
        let filler = "Some words in a paragraph that is long enough.\n\n".repeat(200);
        let late = format!("{filler}# Late title\n\nMore.\n");
        let (t, kept) = first_title(&lazy(&late));
        assert_eq!(t.as_deref(), Some("Late title"));
        assert!(kept.is_none() || late.len() < 16_384);
        let early = format!("## Not this\n\n# Early\n\n{filler}");
        let (t, kept) = first_title(&lazy(&early));
        assert_eq!(t.as_deref(), Some("Early"));
        assert!(kept.is_none(), "found in the first prefix");
        let none = format!("## Only level two\n\n{filler}");
        let (t, kept) = first_title(&lazy(&none));
        assert_eq!(t, None);
        assert!(kept.is_some(), "the whole parse is handed back to keep");
        // a prefix length falling inside a character is moved past it
        for shift in 0..3 {
            let wide = format!("{}{}\n\n# Wide\n", "x".repeat(shift), "ŵ".repeat(3000));
            assert_eq!(first_title(&lazy(&wide)).0.as_deref(), Some("Wide"));
        }
        // a setext heading whose underline sits past the first cut is still found whole
        let setext = format!("{}Title\n=====\n", "x\n".repeat(3000));
        assert_eq!(
            first_title(&lazy(&setext)).0,
            lazy(&setext).first_title().map(String::from)
        );
    }

    #[test]
    fn blank_rows_extend_the_last_table() {
        let d = LazyDoc::new(Arc::from("| a | b |\n|---|---|\n| | |\n"), 0, "forms", 0, 5);
        let Some(Block::Table(t)) = d.blocks.last() else {
            panic!("a table")
        };
        assert_eq!(t.rows.len(), 6);
    }
}
