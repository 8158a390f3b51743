//! The search index embedded in the pages of a pack: the very index `manualpack search` builds
//! ([`SearchIndex::build_part`]: the same units, folded words, number pieces and postings), the
//! rules and weights it ranks with, the fold table, the synonyms, and the units' text so the
//! script can pick a hit's section and snippet as [`crate::search::hits`] does. The page script
//! (`search.js`) implements the same matching and ranking over it; nothing is re-walked or
//! re-folded here with other rules.

use serde::Serialize;

use super::Pages;
use crate::pack::PackSet;
use crate::search::fold::{
    COMBINING_MARKS, COUNTRY_CODE, MAX_NUMBER_GAP, NUMBER_GAP_CHARS, fold_table,
};
use crate::search::index::{COUNT_CAP, COUNT_WEIGHT};
use crate::search::query::{INNER_DIGITS_MIN, Quality, TYPO_MIN_CHARS};
use crate::search::units::{Field, contact_units, doc_units};
use crate::search::{HitKind, SearchIndex, Synonyms};

/// Bumped when the shape below changes; the script refuses an index of another version.
const VERSION: u32 = 1;

/// A doc unit's flags: its field (1 body, 2 heading) plus these.
const ABOUT: u8 = 4;
const SUMMARY: u8 = 8;

#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    rules: Rules,
    /// Runs of characters that fold to other than their lower case: (first, last, folded).
    fold: &'static [(u32, u32, String)],
    /// Synonym groups: phrases of folded words.
    syn: &'a [Vec<Vec<String>>],
    /// The dictionary, sorted, space-separated: folded words, and numbers as `#` + digits.
    terms: String,
    /// Per term, its postings (see [`encode_postings`]).
    post: Vec<String>,
    /// Per owner (contacts, then documents, in pack order), what to show and where to link.
    items: Vec<Item<'a>>,
}

/// Everything the ranking depends on, read from the constants `manualpack search` uses.
#[derive(Serialize)]
struct Rules {
    /// Weights of fields 0 to 3 (0 unused; body, heading, title).
    field: [f32; 4],
    /// Weights of a typo, prefix and exact match.
    quality: [f32; 3],
    count_weight: f32,
    count_cap: f32,
    typo_min: usize,
    inner_digits_min: usize,
    gap_max: usize,
    gap_chars: &'static str,
    /// The digits of the postings' numbers (see [`encode_postings`]).
    digits: &'static str,
    country: &'static str,
    /// Combining accents (first and last code point): word characters that fold to nothing.
    marks: [u32; 2],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Doc(DocItem<'a>),
    Contact(ContactItem<'a>),
}

#[derive(Serialize)]
struct DocItem<'a> {
    /// "procedure" or "form".
    k: &'static str,
    t: &'a str,
    /// Page file.
    u: &'a str,
    /// Headings: level, text, anchor.
    h: Vec<(u8, &'a str, &'a str)>,
    /// Units after the title: flags (field | ABOUT | SUMMARY), section (-1 for none), text.
    x: Vec<(u8, i64, String)>,
}

#[derive(Serialize)]
struct ContactItem<'a> {
    k: &'static str,
    t: &'a str,
    u: String,
    /// Group.
    g: &'a str,
    /// Units: field, label, text.
    x: Vec<(u8, &'static str, std::borrow::Cow<'a, str>)>,
    /// What the snippet shows when no other field says more: role, else the main number.
    f: String,
}

/// The index of pack `p` of `set` as JSON; `synonyms` are those `manualpack search` would
/// expand queries with over the whole set.
pub fn index_json(set: &PackSet, p: usize, pages: &Pages, synonyms: &Synonyms) -> String {
    let Some(pack) = set.packs.get(p) else {
        return String::new();
    };
    // every page is made from the models anyway: parse each document once, here, and keep it
    // (else the index and the walk below would each parse it again)
    for d in &pack.docs {
        d.doc.get();
    }
    let index = SearchIndex::build_part(set, p, true);
    let (terms, term_ends, postings, posting_ends) = index.raw();
    let mut start = 0;
    let words: Vec<&str> = term_ends
        .iter()
        .map(|&end| {
            let word = &terms[start..end as usize];
            start = end as usize;
            word
        })
        .collect();
    let mut start = 0;
    let post = posting_ends
        .iter()
        .map(|&end| {
            let list = &postings[start..end as usize];
            start = end as usize;
            encode_postings(list)
        })
        .collect();
    let mut buf = String::new();
    let items = index
        .owners
        .iter()
        .filter_map(|owner| {
            let item = owner.item as usize;
            Some(match owner.kind {
                HitKind::Contact => {
                    let c = pack.contacts.get(item)?;
                    let mut x = Vec::new();
                    contact_units(c, |u| x.push((u.field as u8, u.label, u.text)));
                    let f = c
                        .role
                        .clone()
                        .or_else(|| c.main_number().map(|n| format!("Phone: {n}")))
                        .unwrap_or_default();
                    Item::Contact(ContactItem {
                        k: "contact",
                        t: &c.name,
                        u: format!("contacts.html#c-{}", item + 1),
                        g: &c.group,
                        x,
                        f,
                    })
                }
                HitKind::Procedure | HitKind::Form => {
                    let d = pack.docs.get(item)?;
                    let aliases = pack.triage_labels(&d.id);
                    let mut x = Vec::new();
                    let mut n = 0;
                    doc_units(d, &aliases, true, &mut buf, |u| {
                        n += 1;
                        if u.field == Field::Title {
                            return; // never a snippet: the title is shown anyway
                        }
                        let summary = n == 2 && d.summary.is_some();
                        let flags = u.field as u8
                            | if u.about { ABOUT } else { 0 }
                            | if summary { SUMMARY } else { 0 };
                        let section = u.section.map_or(-1, |s| s as i64);
                        x.push((flags, section, u.text.to_string()));
                    });
                    let h = d
                        .doc
                        .headings
                        .iter()
                        .map(|h| (h.level, h.text.as_str(), h.anchor.as_str()))
                        .collect();
                    Item::Doc(DocItem {
                        k: d.kind.name(),
                        t: &d.title,
                        u: pages.page(&d.id).map_or("", |(file, _)| file),
                        h,
                        x,
                    })
                }
            })
        })
        .collect::<Vec<_>>();
    if items.len() != index.owners.len() {
        return String::new(); // cannot happen: every owner is an item of the pack
    }
    let rules = Rules {
        field: [
            0.0,
            Field::Body.weight(),
            Field::Heading.weight(),
            Field::Title.weight(),
        ],
        quality: [
            Quality::Typo.weight(),
            Quality::Prefix.weight(),
            Quality::Exact.weight(),
        ],
        count_weight: COUNT_WEIGHT,
        count_cap: COUNT_CAP,
        typo_min: TYPO_MIN_CHARS,
        inner_digits_min: INNER_DIGITS_MIN,
        gap_max: MAX_NUMBER_GAP,
        gap_chars: NUMBER_GAP_CHARS,
        digits: DIGITS,
        country: COUNTRY_CODE,
        marks: [
            *COMBINING_MARKS.start() as u32,
            *COMBINING_MARKS.end() as u32,
        ],
    };
    let json = Index {
        v: VERSION,
        rules,
        fold: fold_table(),
        syn: synonyms.groups(),
        terms: words.join(" "),
        post,
        items,
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// The 64 digits of [`encode_postings`]: the first 32 end a number, the last 32 do not.
const DIGITS: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// A term's postings (owner << 10 | min(count, 255) << 2 | field, in owner order) as text, two
/// numbers each: the owner less the previous posting's owner, and the low ten bits. Each number
/// is written in base 32, most significant digit first, every digit but the last taken from the
/// second half of [`DIGITS`]; most postings take two or three characters.
fn encode_postings(list: &[u32]) -> String {
    let digits = DIGITS.as_bytes();
    let mut out = String::with_capacity(list.len() * 3);
    let mut push = |n: u32| {
        let mut at = 0;
        while at < 7 && n >> (5 * (at + 1)) != 0 {
            at += 1;
        }
        for shift in (0..=at).rev() {
            let d = (n >> (5 * shift) & 31) as usize;
            out.push(char::from(digits[if shift > 0 { d + 32 } else { d }]));
        }
    };
    let mut owner = 0;
    for &p in list {
        push((p >> 10).wrapping_sub(owner));
        push(p & 1023);
        owner = p >> 10;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The script's decoder, in Rust.
    fn decode(text: &str) -> Vec<u32> {
        let mut numbers = Vec::new();
        let mut n = 0u32;
        for c in text.chars() {
            let d = DIGITS.find(c).unwrap_or(0) as u32;
            n = n * 32 + (d & 31);
            if d < 32 {
                numbers.push(n);
                n = 0;
            }
        }
        let mut owner = 0;
        numbers
            .chunks(2)
            .map(|pair| {
                owner += pair[0];
                owner << 10 | pair[1]
            })
            .collect()
    }

    #[test]
    fn postings_round_trip_in_few_characters() {
        let list = [
            5 << 10 | 4 << 2 | 3,
            6 << 10 | 255 << 2 | 1,
            ((1 << 22) - 1) << 10 | 1 << 2 | 2,
        ];
        let text = encode_postings(&list);
        assert_eq!(decode(&text), list);
        assert_eq!(encode_postings(&[3 << 10 | 1 << 2 | 1]), "35");
        assert_eq!(DIGITS.len(), 64);
    }
}
