//! The read-and-signed sheet (`manualpack print --read-and-signed`): for staff to sign that they
//! have read version N of the pack. A heading with the practice and the version, the version's
//! date, "What changed" (the summaries of its `[[changes]]` entries and the documents they name),
//! a line saying what to do, then a table of Name, Role, Date and Signature whose empty rows fill
//! the rest of the sheet (more sheets only when what changed does not leave room for a few rows).
//!
//! The sheet is a [`Document`] built here and laid out like a form, so it prints exactly as a
//! pack's own forms do (the same table, the same rows to write in).

use super::blocks::{self, Ctx};
use super::fonts::Fonts;
use super::long_date;
use super::page::{Flow, Laid};
use super::table::WRITE_ROW;
use crate::changes::{Change, PackChange};
use crate::document::{Align, Block, Document, HeadingRef, Inline, ListItem, Table, Text};
use crate::pack::Pack;

/// The footer title of the sheet.
pub const TITLE: &str = "Read and signed";
/// The columns to write in.
pub const COLUMNS: [&str; 4] = ["Name", "Role", "Date", "Signature"];

/// The sheet for the pack's version laid out on A4 pages.
pub fn lay(fonts: &Fonts, pack: &Pack) -> Laid {
    lay_with(fonts, pack, None)
}

/// [`lay`], with what comparing with the previous version found (`since`) among what changed.
pub fn lay_with(fonts: &Fonts, pack: &Pack, since: Option<&PackChange>) -> Laid {
    let doc = sheet_with(pack, since);
    let mut flow = Flow::new(fonts);
    flow.page(false, TITLE);
    let ctx = Ctx {
        doc: &doc,
        id: "read-and-signed",
        mark_level: None,
        fill: true,
        write_row: WRITE_ROW,
        drop_blank: 0,
    };
    blocks::document(&mut flow, &ctx);
    flow.laid
}

/// The sheet as a document: what it says, and the table to sign in.
pub fn sheet(pack: &Pack) -> Document {
    sheet_with(pack, None)
}

/// [`sheet`], listing also what comparing with the previous version found, and the documents
/// it found changed or added.
pub fn sheet_with(pack: &Pack, since: Option<&PackChange>) -> Document {
    let meta = &pack.meta;
    let computed = since
        .map(crate::changes::text::short_lines)
        .unwrap_or_default();
    let version = meta
        .version
        .map_or_else(|| "(version not set)".to_string(), |v| v.to_string());
    let entries: Vec<_> = meta
        .version
        .map(|v| meta.changes_for(v).collect())
        .unwrap_or_default();
    let heading = format!(
        "Read and signed: {}, manual pack version {version}",
        meta.practice.name
    );
    let mut blocks = vec![Block::Heading {
        level: 1,
        content: text(&heading),
        anchor: "".into(),
    }];
    let dated = match (entries.first(), meta.reviewed) {
        (Some(e), _) => format!("Version {version}, dated {}.", long_date(e.date)),
        (None, Some(r)) => format!("Version {version}, reviewed {}.", long_date(r)),
        (None, None) => format!("Version {version}."),
    };
    blocks.push(Block::Paragraph(strong(&dated)));
    blocks.push(Block::Heading {
        level: 2,
        content: text("What changed"),
        anchor: "".into(),
    });
    if entries.is_empty() && computed.is_empty() {
        blocks.push(Block::Paragraph(text(&format!(
            "No changes are recorded for version {version}."
        ))));
    }
    for e in &entries {
        blocks.push(Block::Paragraph(text(&e.summary)));
    }
    for line in &computed {
        blocks.push(Block::Paragraph(text(line)));
    }
    let found = since
        .into_iter()
        .flat_map(|c| &c.docs)
        .filter(|d| d.change != Change::Removed);
    let mut ids: Vec<&str> = Vec::new();
    for id in entries
        .iter()
        .flat_map(|e| &e.docs)
        .chain(found.map(|d| &d.id))
    {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    if !ids.is_empty() {
        blocks.push(Block::Paragraph(text("Documents changed:")));
        let items = ids
            .iter()
            .map(|id| {
                let line = match pack.doc(id) {
                    Some(d) => format!("{} ({id})", d.title),
                    None => format!("{id} (not a document of this pack)"),
                };
                ListItem {
                    task: None,
                    blocks: vec![Block::Paragraph(text(&line))],
                }
            })
            .collect();
        blocks.push(Block::List { start: None, items });
    }
    blocks.push(Block::Paragraph(text(
        "Read what changed in the binder or the reader, then write your name, role and the date, \
         and sign. Hand the sheet to the practice manager when it is full.",
    )));
    blocks.push(Block::Table(Box::new(Table {
        align: vec![Align::None; COLUMNS.len()],
        header: COLUMNS.iter().map(|c| strong(c)).collect(),
        rows: vec![vec![Vec::new(); COLUMNS.len()]],
    })));
    Document {
        headings: vec![HeadingRef {
            level: 1,
            text: heading.clone(),
            anchor: String::new(),
        }],
        blocks,
        ..Document::default()
    }
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(Text {
        text: s.into(),
        ..Text::default()
    })]
}

fn strong(s: &str) -> Vec<Inline> {
    let mut t = Text {
        text: s.into(),
        ..Text::default()
    };
    t.style.strong = true;
    vec![Inline::Text(t)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::ChangeEntry;
    use crate::pdf::page::Item;

    fn example() -> Pack {
        crate::discover::built_in().packs.remove(0)
    }

    fn words(laid: &Laid) -> String {
        laid.pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_example_sheet_is_one_page_with_the_version_changes_and_rows_to_the_foot() {
        let fonts = Fonts::load().expect("fonts");
        let laid = lay(&fonts, &example());
        assert_eq!(laid.pages.len(), 1);
        let text = words(&laid);
        for want in [
            "Read and signed: Riverside Surgery, manual pack version 3",
            "Version 3, dated 1 October 2026.",
            "What changed",
            "Phones down (phones-down)",
            "Name",
            "Signature",
        ] {
            assert!(text.contains(want), "{want} in {text}");
        }
        let page = &laid.pages[0];
        // the rows to write in reach the foot of the page
        let rows = page
            .items
            .iter()
            .filter(|i| matches!(i, Item::Rect { fill: None, .. }))
            .count();
        assert!(rows >= 4 * 12, "{rows} cells");
        let (_, h) = page.size();
        assert!(page.used > h - crate::pdf::page::MARGIN_BOTTOM - WRITE_ROW);
    }

    #[test]
    fn a_long_what_changed_takes_another_sheet_for_the_table() {
        let mut pack = example();
        let one = pack.meta.changes[0].clone();
        pack.meta.changes = (0..30)
            .map(|i| ChangeEntry {
                summary: format!("Change {i}: {}", one.summary),
                ..one.clone()
            })
            .collect();
        let fonts = Fonts::load().expect("fonts");
        let laid = lay(&fonts, &pack);
        assert!(laid.pages.len() >= 2);
        let last = laid.pages.last().expect("a page");
        let header = last
            .items
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if text == "Signature"));
        assert!(header, "the table's header is on the sheet with its rows");
    }

    #[test]
    fn a_version_without_entries_says_so() {
        let mut pack = example();
        pack.meta.version = Some(9);
        let doc = sheet(&pack);
        let found = doc.blocks.iter().any(|b| {
            matches!(b, Block::Paragraph(p)
                if crate::document::plain_text(p) == "No changes are recorded for version 9.")
        });
        assert!(found);
    }
}
