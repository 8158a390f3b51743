//! Print-ready A4 PDFs: single documents, the contacts sheet and the whole binder, laid out by a
//! small flow layout of our own and written with krilla. Rendered only from the document model
//! and the pack model, never from Markdown.
//!
//! Children: [`fonts`] (embedded Liberation fonts and the DejaVu symbol fallback, measuring,
//! placeholders); [`page`] (drawing items and the page-filling cursor); [`inline`] (line
//! breaking, write lines, tick boxes); [`blocks`] (headings, lists, alerts, code, footnotes);
//! [`image`] (PNG and JPEG pictures of a pack: limits, checking, placing with a caption);
//! [`table`] (ruled tables); [`binder`] (cover, contents, triage index); [`changes`] (the
//! binder's "Changes in this version" page); [`contacts`] (the contacts sheet); [`sheets`]
//! (forms fitted to whole sheets, several copies to a sheet); [`signed`] (the read-and-signed
//! sheet); [`printouts`] (where the reader saves PDFs); [`render`] (to PDF bytes, footers,
//! links, outline).

pub mod binder;
pub mod blocks;
pub mod changes;
pub mod contacts;
pub mod fonts;
pub mod image;
pub mod inline;
pub mod page;
pub mod printouts;
pub mod render;
mod shaping;
pub mod sheets;
pub mod signed;
pub mod table;

use fonts::{Face, Fonts};
use page::{Flow, GREY, Laid};
use render::Footer;

use crate::pack::{DocEntry, DocKind, Orientation, Pack};

/// Something went wrong writing a PDF (never the content's fault).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "the embedded font {0:?} could not be used; the program was built with a damaged font file"
    )]
    Font(Face),
    #[error("internal error: a page size was not valid")]
    PageSize,
    #[error("the PDF could not be written: {0}")]
    Write(String),
    #[error(
        "the documents come from different packs ({0} and {1}); print each pack's documents separately"
    )]
    MixedPacks(String, String),
}

impl From<fonts::FontError> for PdfError {
    fn from(e: fonts::FontError) -> Self {
        PdfError::Font(e.0)
    }
}

/// Keys of places in a PDF, for links, page references and bookmarks.
pub mod keys {
    pub const COVER: &str = "cover";
    pub const CONTENTS: &str = "contents";
    pub const CHANGES: &str = "changes";
    pub const TRIAGE: &str = "triage";
    pub const CONTACTS: &str = "contacts";
    pub const PROCEDURES: &str = "procedures";
    pub const FORMS: &str = "forms";

    /// A document, or a heading in it.
    pub fn doc(id: &str, anchor: Option<&str>) -> String {
        match anchor {
            Some(a) => format!("doc:{id}#{a}"),
            None => format!("doc:{id}"),
        }
    }
}

/// "1 October 2026".
pub fn long_date(d: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .unwrap_or(&"");
    format!("{} {month} {}", d.day(), d.year())
}

/// The footer's facts about a pack.
pub fn footer(pack: &Pack) -> Footer {
    let m = &pack.meta;
    let mut parts = Vec::new();
    parts.push(match m.version {
        Some(v) => format!("Pack version {v}"),
        None => "Pack version not set".to_string(),
    });
    if let Some(d) = m.reviewed {
        parts.push(format!("reviewed {}", long_date(d)));
    }
    if let Some(d) = m.next_review {
        parts.push(format!("next review {}", long_date(d)));
    }
    Footer {
        practice: m.practice.name.clone(),
        pack_line: parts.join("  ·  "),
        example: m.example,
    }
}

/// Lay out one document starting on a new page; `mark` is the outline level of its bookmark.
/// A form is fitted to whole sheets (see [`sheets`]).
pub fn lay_document(flow: &mut Flow, entry: &DocEntry, mark: u8) {
    match entry.kind {
        DocKind::Procedure => lay_fitted(flow, entry, mark, sheets::Fit::FULL),
        DocKind::Form => sheets::lay_form(flow, entry, mark),
    }
}

/// [`lay_document`] with the rows to write in set by `fit`.
pub fn lay_fitted(flow: &mut Flow, entry: &DocEntry, mark: u8, fit: sheets::Fit) {
    flow.page(entry.orientation == Orientation::Landscape, &entry.title);
    let key = keys::doc(&entry.id, None);
    flow.dest(key.clone());
    flow.mark(mark, &entry.title, &key);
    let mut kicker = match entry.kind {
        DocKind::Procedure => "PROCEDURE".to_string(),
        DocKind::Form => "FORM".to_string(),
    };
    if !entry.audience.is_empty() {
        kicker.push_str(&format!("  ·  for {}", entry.audience.join(", ")));
    }
    // a copy printed several to a sheet has no room to spare for it
    if !flow.is_framed() {
        let top = flow.take(14.0);
        let x = flow.left();
        flow.text(x, top + 9.0, Face::Bold, 7.5, &kicker, GREY);
    }
    if entry.doc.first_title().is_none() {
        let title = vec![crate::document::Inline::Text(crate::document::Text {
            text: entry.title.as_str().into(),
            ..Default::default()
        })];
        let heading = crate::document::Block::Heading {
            level: 1,
            content: title,
            anchor: "".into(),
        };
        let ctx = blocks::Ctx {
            doc: &entry.doc,
            id: &entry.id,
            mark_level: None,
            fill: false,
            write_row: fit.write_row,
            drop_blank: 0,
        };
        blocks::blocks(flow, &ctx, std::slice::from_ref(&heading), 0);
    }
    let ctx = blocks::Ctx {
        doc: &entry.doc,
        id: &entry.id,
        mark_level: Some(mark + 1),
        fill: entry.kind == DocKind::Form,
        write_row: fit.write_row,
        drop_blank: fit.drop_blank,
    };
    blocks::document(flow, &ctx);
}

/// Lay out documents of one pack, each from a new page (with no pictures: see [`documents`]).
pub fn lay_documents(fonts: &Fonts, entries: &[&DocEntry]) -> Laid {
    lay_documents_with(Flow::new(fonts), entries)
}

/// Lay out documents in `flow` (set up with its pack's pictures), each from a new page.
fn lay_documents_with(mut flow: Flow, entries: &[&DocEntry]) -> Laid {
    for entry in entries {
        lay_document(&mut flow, entry, 1);
    }
    flow.laid
}

/// A PDF of one or more documents of `pack`.
pub fn documents(pack: &Pack, entries: &[&DocEntry]) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    flow.images = image::Images::of(pack);
    let laid = lay_documents_with(flow, entries);
    let title = match entries {
        [one] => format!("{}: {}", pack.meta.practice.name, one.title),
        _ => format!("{}: {} documents", pack.meta.practice.name, entries.len()),
    };
    render::render(&laid, &fonts, &footer(pack), &title)
}

/// A PDF of documents given as (pack, document) pairs, which must all be of one pack.
pub fn documents_of<'a>(found: &[(&'a Pack, &'a DocEntry)]) -> Result<Vec<u8>, PdfError> {
    let Some((pack, _)) = found.first() else {
        return documents_empty();
    };
    if let Some((other, _)) = found.iter().find(|(p, _)| p.id != pack.id) {
        return Err(PdfError::MixedPacks(pack.id.clone(), other.id.clone()));
    }
    let entries: Vec<&DocEntry> = found.iter().map(|(_, d)| *d).collect();
    documents(pack, &entries)
}

fn documents_empty() -> Result<Vec<u8>, PdfError> {
    Err(PdfError::Write("no documents were given".into()))
}

/// The contacts sheet of a pack.
pub fn contacts_sheet(pack: &Pack) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    contacts::sheet(&mut flow, pack);
    let title = format!("{}: contacts", pack.meta.practice.name);
    render::render(&flow.laid, &fonts, &footer(pack), &title)
}

/// The whole binder of a pack.
pub fn binder(pack: &Pack) -> Result<Vec<u8>, PdfError> {
    binder_sided(pack, false)
}

/// The whole binder, for double-sided printing when `duplex` (each document starts on a
/// right-hand page).
pub fn binder_sided(pack: &Pack, duplex: bool) -> Result<Vec<u8>, PdfError> {
    binder_since(pack, duplex, None)
}

/// [`binder_sided`], its changes page also listing what changed since an earlier version
/// (`since`, from [`crate::changes::since`]).
pub fn binder_since(
    pack: &Pack,
    duplex: bool,
    since: Option<&crate::changes::PackChange>,
) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let computed = since
        .map(crate::changes::text::short_lines)
        .unwrap_or_default();
    let laid = binder::lay_with(&fonts, pack, duplex, &computed);
    let title = format!("{}: manual pack", pack.meta.practice.name);
    render::render(&laid, &fonts, &footer(pack), &title)
}

/// The read-and-signed sheet of the pack's version: what changed, and rows for staff to sign.
pub fn read_and_signed(pack: &Pack) -> Result<Vec<u8>, PdfError> {
    read_and_signed_since(pack, None)
}

/// [`read_and_signed`], also listing what changed since an earlier version (`since`).
pub fn read_and_signed_since(
    pack: &Pack,
    since: Option<&crate::changes::PackChange>,
) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let laid = signed::lay_with(&fonts, pack, since);
    let version = pack
        .meta
        .version
        .map_or_else(String::new, |v| format!(" version {v}"));
    let title = format!("{}: read and signed{version}", pack.meta.practice.name);
    render::render(&laid, &fonts, &footer(pack), &title)
}
