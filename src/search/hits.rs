//! Turning a scored document or contact into a [`Hit`]: the unit that matches best gives the
//! section (heading path and anchor) and the snippet, highlighted with [`Query::match_ranges`].

use super::fold::Scanner;
use super::index::Owner;
use super::query::Query;
use super::units::{Field, contact_units, doc_units};
use super::{Hit, HitKind};
use crate::document::HeadingRef;
use crate::pack::{Pack, PackSet};

/// Snippets longer than this many bytes are cut around the first match.
const SNIPPET_BYTES: usize = 120;
/// Bytes of context kept before the first match when cutting.
const SNIPPET_LEAD: usize = 40;

pub fn make_hit(set: &PackSet, owner: Owner, score: f32, query: &Query) -> Option<Hit> {
    let pack = set.packs.get(owner.pack as usize)?;
    let item = owner.item as usize;
    let mut hit = Hit {
        rank_score: score,
        kind: owner.kind,
        pack: owner.pack as usize,
        doc: None,
        contact: None,
        heading_path: Vec::new(),
        anchor: None,
        snippet: String::new(),
        highlights: Vec::new(),
    };
    let text = match owner.kind {
        HitKind::Contact => {
            hit.contact = Some(item);
            let c = pack.contacts.get(item)?;
            hit.heading_path = vec![c.group.clone()];
            contact_snippet(pack, item, query)
        }
        HitKind::Procedure | HitKind::Form => {
            hit.doc = Some(item);
            let (text, section) = doc_snippet(pack, item, query)?;
            if let Some(s) = section {
                let headings = &pack.docs[item].doc.headings;
                hit.heading_path = heading_path(headings, s);
                hit.anchor = headings.get(s).map(|h| h.anchor.clone());
            }
            text
        }
    };
    let ranges = query.match_ranges(&text);
    hit.snippet = cut(&text, ranges.first().map_or(0, |r| r.start));
    hit.highlights = query.match_ranges(&hit.snippet);
    Some(hit)
}

/// The text of the first unit holding every query word (else the one holding most, headings
/// first), and its section. Text about the document (title, summary) is used only when nothing inside matches.
fn doc_snippet(pack: &Pack, item: usize, query: &Query) -> Option<(String, Option<usize>)> {
    let entry = pack.docs.get(item)?;
    // a hit is likely to be opened: keep its model rather than parse it for every keystroke
    entry.doc.get();
    let aliases = pack.triage_labels(&entry.id);
    let mut best: Option<((u32, Field), String, Option<usize>)> = None;
    let mut about: Option<(u32, String)> = None;
    let mut first_body: Option<(String, Option<usize>)> = None;
    let mut buf = String::new();
    let mut scanner = Scanner::default();
    // the first unit with every word is good enough: stop scanning there (speed on big packs)
    let all = query.clauses.len().min(64) as u32;
    doc_units(entry, &aliases, true, &mut buf, |u| {
        if best.as_ref().is_some_and(|((n, _), _, _)| *n >= all) {
            return;
        }
        let (ranges, mask) = query.scan_with(&mut scanner, u.text);
        if u.about {
            let better = about.as_ref().is_none_or(|(m, _)| mask.count_ones() > *m);
            if !ranges.is_empty() && better && u.field != Field::Title {
                about = Some((mask.count_ones(), u.text.to_string()));
            }
            return;
        }
        if first_body.is_none() && u.field == Field::Body {
            first_body = Some((u.text.to_string(), u.section));
        }
        if ranges.is_empty() {
            return;
        }
        let key = (mask.count_ones(), u.field);
        if best.as_ref().is_none_or(|(k, _, _)| key > *k) {
            best = Some((key, u.text.to_string(), u.section));
        }
    });
    if let Some((_, text, section)) = best {
        return Some((text, section));
    }
    if let Some((_, text)) = about {
        return Some((text, None));
    }
    Some(
        entry
            .summary
            .clone()
            .map(|s| (s, None))
            .or(first_body)
            .unwrap_or_default(),
    )
}

/// The contact field that matches best, labelled; for a match on the name, the role or number.
fn contact_snippet(pack: &Pack, item: usize, query: &Query) -> String {
    let Some(c) = pack.contacts.get(item) else {
        return String::new();
    };
    let mut best: Option<((u32, Field), String)> = None;
    let mut name_clauses = 0;
    contact_units(c, |u| {
        let (ranges, mask) = query.scan(&u.text);
        if ranges.is_empty() {
            return;
        }
        if u.label.is_empty() && u.field == Field::Title {
            name_clauses = mask.count_ones(); // the name is shown anyway
            return;
        }
        let key = (mask.count_ones(), u.field);
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            let text = if u.label.is_empty() {
                u.text.to_string()
            } else {
                format!("{}: {}", u.label, u.text)
            };
            best = Some((key, text));
        }
    });
    match best {
        // a number or a field matching more words than the name says more than the role
        Some(((n, field), text)) if field == Field::Title || n > name_clauses => text,
        _ => c
            .role
            .clone()
            .or_else(|| c.main_number().map(|n| format!("Phone: {n}")))
            .unwrap_or_default(),
    }
}

/// The headings above and including `section`, without the level-1 title heading.
fn heading_path(headings: &[HeadingRef], section: usize) -> Vec<String> {
    let mut stack: Vec<&HeadingRef> = Vec::new();
    for h in headings.iter().take(section + 1) {
        while stack.last().is_some_and(|top| top.level >= h.level) {
            stack.pop();
        }
        stack.push(h);
    }
    stack
        .into_iter()
        .filter(|h| h.level > 1)
        .map(|h| h.text.clone())
        .collect()
}

/// One line of at most about [`SNIPPET_BYTES`], around byte `focus`, cut at spaces, with `…`
/// where text was left out.
fn cut(text: &str, focus: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    let focus = focus.saturating_sub(text.len() - text.trim_start().len());
    if flat.len() <= SNIPPET_BYTES {
        return flat.to_string();
    }
    let mut start = floor(flat, focus.saturating_sub(SNIPPET_LEAD));
    if start > 0 {
        start = flat[start..]
            .find(' ')
            .map_or(start, |i| (start + i + 1).min(focus.max(start)));
    }
    let mut end = floor(flat, (start + SNIPPET_BYTES).min(flat.len()));
    if end < flat.len() {
        end = flat[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(flat[start..end].trim());
    if end < flat.len() {
        out.push('…');
    }
    out
}

/// The largest char boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_around_the_match() {
        let text = format!("{} ransomware {}", "word ".repeat(40), "more ".repeat(40));
        let at = text.find("ransomware").unwrap_or(0);
        let s = cut(&text, at);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("ransomware"));
        assert!(s.len() <= SNIPPET_BYTES + 8);
    }

    #[test]
    fn short_text_is_kept_on_one_line() {
        assert_eq!(cut("Ring\nthe desk", 0), "Ring the desk");
        assert_eq!(
            cut("Ffôn ŵyŷ ".repeat(30).as_str(), 100).chars().next(),
            Some('…')
        );
    }

    #[test]
    fn heading_paths_skip_the_title() {
        let h = |level, text: &str| HeadingRef {
            level,
            text: text.into(),
            anchor: text.to_lowercase(),
        };
        let hs = [h(1, "Title"), h(2, "Steps"), h(3, "Calls"), h(2, "After")];
        assert_eq!(heading_path(&hs, 2), ["Steps", "Calls"]);
        assert_eq!(heading_path(&hs, 3), ["After"]);
        assert!(heading_path(&hs, 0).is_empty());
    }
}
