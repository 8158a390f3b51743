//! The search index embedded in every page of a pack: titles, summaries, triage labels, headings
//! with their section text, and contacts. The page script searches it as you type.

use serde::Serialize;

use super::Pages;
use crate::document::{Block, plain_text};
use crate::pack::Pack;

#[derive(Serialize)]
struct Index<'a> {
    docs: Vec<DocIndex<'a>>,
    contacts: Vec<ContactIndex>,
}

#[derive(Serialize)]
struct DocIndex<'a> {
    /// Title.
    t: &'a str,
    /// Page file.
    u: &'a str,
    /// "procedure" or "form".
    k: &'a str,
    /// Summary and the triage labels that open this document.
    x: String,
    /// Sections: heading text, anchor, plain text.
    s: Vec<(String, String, String)>,
}

#[derive(Serialize)]
struct ContactIndex {
    n: String,
    u: String,
    x: String,
}

/// The index of one pack as JSON.
pub fn index_json(pack: &Pack, pages: &Pages) -> String {
    let docs = pack
        .docs
        .iter()
        .filter_map(|d| {
            let (file, _) = pages.page(&d.id)?;
            let triage = pack
                .meta
                .triage
                .iter()
                .filter(|t| t.open == d.id)
                .map(|t| t.label.as_str());
            let x = d
                .summary
                .iter()
                .map(String::as_str)
                .chain(triage)
                .collect::<Vec<_>>()
                .join(" · ");
            Some(DocIndex {
                t: &d.title,
                u: file,
                k: d.kind.name(),
                x,
                s: sections(&d.doc.blocks),
            })
        })
        .collect();
    let contacts = pack
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let numbers = c.numbers().into_iter().map(|(l, n)| format!("{l} {n}"));
            let x = [c.role.clone(), Some(c.group.clone())]
                .into_iter()
                .flatten()
                .chain(numbers)
                .chain(
                    [c.email.clone(), c.hours.clone(), c.notes.clone()]
                        .into_iter()
                        .flatten(),
                )
                .collect::<Vec<_>>()
                .join(" · ");
            ContactIndex {
                n: c.name.clone(),
                u: format!("contacts.html#c-{}", i + 1),
                x,
            }
        })
        .collect();
    serde_json::to_string(&Index { docs, contacts })
        .unwrap_or_else(|_| "{\"docs\":[],\"contacts\":[]}".into())
}

/// Split blocks into sections at each heading: (heading, anchor, text under it).
fn sections(blocks: &[Block]) -> Vec<(String, String, String)> {
    let mut out = vec![(String::new(), String::new(), String::new())];
    for b in blocks {
        if let Block::Heading {
            content, anchor, ..
        } = b
        {
            out.push((plain_text(content), anchor.to_string(), String::new()));
        } else if let Some(last) = out.last_mut() {
            block_text(b, &mut last.2);
        }
    }
    out.retain(|(h, _, t)| !h.is_empty() || !t.is_empty());
    out
}

/// The plain text of a block, appended to `out` (write lines left out, spaces collapsed).
fn block_text(b: &Block, out: &mut String) {
    let mut push = |s: &str| {
        for word in s
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    };
    match b {
        Block::Heading { content, .. } | Block::Paragraph(content) => push(&plain_text(content)),
        Block::List { items, .. } => {
            for item in items {
                for b in &item.blocks {
                    block_text(b, out);
                }
            }
        }
        Block::Quote { blocks, .. } => {
            for b in blocks {
                block_text(b, out);
            }
        }
        Block::Code { text, .. } | Block::Html(text) => push(text),
        Block::Table(t) => {
            for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                push(&plain_text(cell));
            }
        }
        Block::Rule => {}
    }
}
