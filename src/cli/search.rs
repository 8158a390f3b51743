//! `manualpack search`: the same search as the reader's, printed as text or JSON lines.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::json;

use super::out;
use crate::pack::PackSet;
use crate::sanitize::clean_line;
use crate::search::find::{Places, find_or_build};
use crate::search::{Hit, HitKind, SearchIndex, SearchScope};

/// Search `set`, with the index from the stick or the cache when one matches (see
/// [`crate::search::find`]).
pub fn run(set: &PackSet, places: &Places, query: &str, json: bool, limit: usize) -> ExitCode {
    if set.packs.is_empty() {
        for p in &set.problems {
            out::eprint(&p.to_string());
        }
        return ExitCode::from(2);
    }
    // never freed: the process ends in a moment
    let index: &SearchIndex = Box::leak(Box::new(find_or_build(set, places).0));
    let parsed = index.parse(query);
    let results = index.search(set, &parsed, SearchScope::All, limit);
    report(set, query, &parsed, &results, json)
}

/// Print the results of a search (or say why there are none), with the exit code.
pub fn report(
    set: &PackSet,
    query: &str,
    parsed: &crate::search::Query,
    results: &crate::search::Results,
    json: bool,
) -> ExitCode {
    if parsed.is_empty() {
        out::eprint(
            "manualpack: give some words or digits to search for, e.g. manualpack search ransom",
        );
        return ExitCode::from(2);
    }
    if results.hits.is_empty() {
        out::eprint(&format!(
            "manualpack: nothing found for `{}`",
            clean_line(query)
        ));
        return ExitCode::from(1);
    }
    let text = if json {
        to_json_lines(set, &results.hits)
    } else {
        to_text(set, &results.hits)
    };
    out::print(&text)
}

/// The document id or contact name, and the title to show, of a hit.
fn names<'a>(set: &'a PackSet, hit: &Hit) -> (&'a str, &'a str, Option<&'a str>) {
    let Some(pack) = set.packs.get(hit.pack) else {
        return ("", "", None);
    };
    if let Some(d) = hit.doc.and_then(|i| pack.docs.get(i)) {
        return (&pack.id, &d.title, Some(&d.id));
    }
    if let Some(c) = hit.contact.and_then(|i| pack.contacts.get(i)) {
        return (&pack.id, &c.name, None);
    }
    (&pack.id, "", None)
}

pub fn to_text(set: &PackSet, hits: &[Hit]) -> String {
    let mut s = String::new();
    let width = hits.len().to_string().len();
    for (rank, hit) in hits.iter().enumerate() {
        let (pack, title, id) = names(set, hit);
        let _ = write!(s, "{:>width$}. {:<9}  {pack}", rank + 1, hit.kind.label());
        if let Some(id) = id {
            let _ = write!(s, "/{id}");
        }
        let _ = write!(s, "  {title}");
        for h in &hit.heading_path {
            let _ = write!(s, " > {h}");
        }
        let _ = writeln!(s, "\n{:width$}  {}", "", hit.snippet);
    }
    s
}

pub fn to_json_lines(set: &PackSet, hits: &[Hit]) -> String {
    let mut s = String::new();
    for (rank, hit) in hits.iter().enumerate() {
        let (pack, title, id) = names(set, hit);
        let contact = (hit.kind == HitKind::Contact).then_some(title);
        let highlights: Vec<[usize; 2]> = hit.highlights.iter().map(|r| [r.start, r.end]).collect();
        let line = json!({
            "rank": rank + 1,
            "score": (f64::from(hit.rank_score) * 1000.0).round() / 1000.0,
            "kind": hit.kind,
            "pack": pack,
            "doc": id,
            "contact": contact,
            "title": title,
            "heading": hit.heading_path,
            "anchor": hit.anchor,
            "snippet": hit.snippet,
            "highlights": highlights,
        });
        let _ = writeln!(s, "{line}");
    }
    s
}
