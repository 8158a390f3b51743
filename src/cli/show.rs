//! `manualpack show`: a document as plain text, laid out by the same renderer as the reader.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::{find_doc, out};
use crate::layout::{Options, layout_marked};
use crate::pack::PackSet;
use crate::sanitize::clean_line;

pub fn run(set: &PackSet, wanted: &str, width: Option<usize>) -> ExitCode {
    if set.packs.is_empty() {
        for p in &set.problems {
            out::eprint(&p.to_string());
        }
        return ExitCode::from(2);
    }
    let Some((pack, entry)) = find_doc(set, wanted) else {
        let ids: Vec<String> = set
            .packs
            .iter()
            .flat_map(|p| {
                p.docs.iter().map(move |d| {
                    if set.packs.len() > 1 {
                        format!("{}/{}", p.id, d.id)
                    } else {
                        d.id.clone()
                    }
                })
            })
            .collect();
        out::eprint(&format!(
            "manualpack: no document `{}`; try one of: {}",
            clean_line(wanted),
            ids.join(", ")
        ));
        return ExitCode::from(1);
    };
    let width = width.unwrap_or_else(terminal_width);
    // the model is dropped once laid out, and the layout once it is text: a document of the
    // size limit is shown with one of them in memory at a time
    let text = entry
        .doc
        .peek(|doc| layout_marked(doc, Options::text(width), &pack.missing_images(doc)))
        .to_text();
    out::print(&text)
}

fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
    {
        return usize::from(w).max(20);
    }
    80
}
