//! Instant search over procedures, forms and contacts: one index per opened [`PackSet`], built
//! from the document and pack models (never a second Markdown parse).
//!
//! Matching folds case and Latin accents (`Ffôn` finds `ffon`), takes every word as a prefix
//! (`ransom` finds "ransomware"), forgives one typo in words of five letters or more
//! (`ransomeware`), matches numbers on their digits whatever the spacing and `+44` prefix
//! (`960 117` finds "01632 960117"), and expands synonyms from `pack.toml` `[search]`. Every word
//! must match (AND). Ranking: title over heading over body, exact over prefix over typo; contact
//! names and numbers count as titles and roles as headings; ties in pack, kind, title order.
//!
//! Children: [`fold`] cuts text into folded words and numbers (for index, query and highlights
//! alike); [`query`] parses queries and finds match ranges in any string; [`units`] walks the
//! searchable text of documents and contacts; [`index`] is the inverted index and scoring;
//! [`hits`] turns scores into hits with sections and snippets.
//!
//! The browser edition embeds each pack's [`Index`] with the constants above and the fold table
//! (`crate::html`), and its `search.js` applies these same rules: a change to how text is cut,
//! matched, scored or snippeted here needs the same change there (`tests/html_search.rs` compares
//! the two in Chromium).
//!
//! ```
//! use manualpack::search::{SearchIndex, SearchScope};
//! let set = manualpack::discover::built_in();
//! let index = SearchIndex::build(&set);
//! let query = index.parse("ransom");
//! let results = index.search(&set, &query, SearchScope::All, 10);
//! assert_eq!(set.packs[0].docs[results.hits[0].doc.unwrap()].id, "cyber-attack");
//! ```

pub mod find;
pub mod fold;
pub mod hits;
pub mod index;
pub mod query;
pub mod stored;
pub mod units;

use std::ops::Range;

use serde::Serialize;

use crate::pack::PackSet;
use index::Builder;
pub use index::{Index, Owner};
pub use query::{Query, Synonyms};
use units::{contact_units, doc_units};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Contact,
    Procedure,
    Form,
}

impl HitKind {
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Contact => "contact",
            HitKind::Procedure => "procedure",
            HitKind::Form => "form",
        }
    }
}

/// Which packs to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchScope {
    /// One pack, by index in `PackSet::packs`.
    Pack(usize),
    All,
}

/// One result: a document or a contact, with where in it the best match is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Higher is better; only meaningful against other hits of the same query.
    pub rank_score: f32,
    pub kind: HitKind,
    /// Index in `PackSet::packs`.
    pub pack: usize,
    /// Index in `Pack::docs` (procedures and forms).
    pub doc: Option<usize>,
    /// Index in `Pack::contacts`.
    pub contact: Option<usize>,
    /// The headings above the match, without the document title (`["Steps"]`); for a contact,
    /// its group.
    pub heading_path: Vec<String>,
    /// The anchor of the section holding the match, to scroll the reader to; `None` when the
    /// match is in the title or summary.
    pub anchor: Option<String>,
    /// One line of text around the best match (sanitised: it comes from the models).
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<Range<usize>>,
}

/// The hits of one search: the best `limit`, and how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// The search index of one [`PackSet`]: one part per pack (a part can be read from the stick or
/// the cache; see [`stored`]). It keeps no text: hits are completed from the set, so always
/// search with the set it was built from.
#[derive(Debug, Default)]
pub struct SearchIndex {
    parts: Vec<Index>,
    synonyms: Synonyms,
}

/// Where a search index came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexSource {
    /// Built now from the documents.
    Built,
    /// Read from the stick (`index/` beside `packs/`), its hash matching the signed manifest.
    Stick,
    /// Read from this computer's cache, its key matching the packs' content.
    Cache,
}

impl SearchIndex {
    /// Index every document and contact of `set`. Synonyms of all packs are pooled.
    pub fn build(set: &PackSet) -> SearchIndex {
        Self::build_with(set, true)
    }

    /// Index contacts and the documents' titles, summaries and triage labels only: no document
    /// is parsed, so this is ready at once (the reader searches with it while the full index is
    /// built).
    pub fn build_titles(set: &PackSet) -> SearchIndex {
        Self::build_with(set, false)
    }

    fn build_with(set: &PackSet, bodies: bool) -> SearchIndex {
        let parts = (0..set.packs.len())
            .map(|p| Self::build_part(set, p, bodies))
            .collect();
        SearchIndex::from_parts(set, parts)
    }

    /// An index from one part per pack of `set`, in pack order.
    pub fn from_parts(set: &PackSet, parts: Vec<Index>) -> SearchIndex {
        SearchIndex {
            parts,
            synonyms: pooled_synonyms(set),
        }
    }

    /// Index the contacts and documents of pack `p` of `set` (documents' text only with
    /// `bodies`).
    pub fn build_part(set: &PackSet, p: usize, bodies: bool) -> Index {
        let mut b = Builder::default();
        let mut scanner = fold::Scanner::default();
        let mut buf = String::new();
        let Some(pack) = set.packs.get(p) else {
            return b.finish();
        };
        for (i, c) in pack.contacts.iter().enumerate() {
            if !b.begin(Owner {
                pack: p as u32,
                kind: HitKind::Contact,
                item: i as u32,
            }) {
                break;
            }
            contact_units(c, |u| add_text(&mut b, &mut scanner, &u.text, u.field));
        }
        for (i, entry) in pack.docs.iter().enumerate() {
            let kind = match entry.kind {
                crate::pack::DocKind::Procedure => HitKind::Procedure,
                crate::pack::DocKind::Form => HitKind::Form,
            };
            if !b.begin(Owner {
                pack: p as u32,
                kind,
                item: i as u32,
            }) {
                break;
            }
            let aliases = pack.triage_labels(&entry.id);
            doc_units(entry, &aliases, bodies, &mut buf, |u| {
                add_text(&mut b, &mut scanner, u.text, u.field)
            });
        }
        b.finish()
    }

    /// The synonyms in force (pooled from every pack's `[search]` table).
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// Parse a query with this index's synonyms.
    pub fn parse(&self, text: &str) -> Query {
        Query::parse(text, &self.synonyms)
    }

    /// The best `limit` hits for `query` within `scope`, best first; ties in pack order, then
    /// contacts, procedures, forms, each in the pack's order (documents by title).
    pub fn search(
        &self,
        set: &PackSet,
        query: &Query,
        scope: SearchScope,
        limit: usize,
    ) -> Results {
        let (ranked, total) = self.rank(query, scope, limit);
        let hits = ranked
            .into_iter()
            .filter_map(|(owner, s)| hits::make_hit(set, owner, s, query))
            .collect();
        Results { hits, total }
    }

    /// The best `limit` owners for `query` with their scores, best first, and how many matched:
    /// [`SearchIndex::search`] before its hits are completed from the set.
    pub fn rank(
        &self,
        query: &Query,
        scope: SearchScope,
        limit: usize,
    ) -> (Vec<(Owner, f32)>, usize) {
        if query.is_empty() {
            return (Vec::new(), 0);
        }
        // owners are numbered across parts in pack order, so ties keep pack order
        let mut found: Vec<(usize, f32, Owner)> = Vec::new();
        let mut base = 0;
        for part in &self.parts {
            let in_scope = part.owners.first().is_some_and(|o| in_scope(o, scope));
            if in_scope {
                found.extend(
                    part.scores(query)
                        .into_iter()
                        .enumerate()
                        .filter(|&(_, s)| s > 0.0)
                        .map(|(o, s)| (base + o, s, part.owners[o])),
                );
            }
            base += part.owners.len();
        }
        let total = found.len();
        let by_rank = |a: &(usize, f32, Owner), b: &(usize, f32, Owner)| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        };
        if found.len() > limit && limit > 0 {
            found.select_nth_unstable_by(limit - 1, by_rank);
            found.truncate(limit);
        }
        found.sort_by(by_rank);
        found.truncate(limit);
        (found.into_iter().map(|(_, s, o)| (o, s)).collect(), total)
    }

    /// Bytes of heap the index holds (for the memory goal: at most the corpus's size).
    pub fn heap_bytes(&self) -> usize {
        self.parts.iter().map(Index::heap_bytes).sum()
    }

    /// Number of distinct words and number pieces indexed.
    pub fn term_count(&self) -> usize {
        self.parts.iter().map(Index::term_count).sum()
    }
}

/// The synonyms of every pack of `set`, pooled: what a search of the set expands queries with.
pub fn pooled_synonyms(set: &PackSet) -> Synonyms {
    let mut synonyms = Synonyms::default();
    for pack in &set.packs {
        for group in &pack.meta.search_synonyms {
            synonyms.add(group);
        }
    }
    synonyms
}

fn in_scope(owner: &Owner, scope: SearchScope) -> bool {
    match scope {
        SearchScope::All => true,
        SearchScope::Pack(p) => owner.pack as usize == p,
    }
}

fn add_text(b: &mut Builder, scanner: &mut fold::Scanner, text: &str, field: units::Field) {
    scanner.scan(text, |piece| match piece {
        fold::Piece::Word { folded, .. } => b.word(folded, field),
        fold::Piece::Digits { digits, .. } => b.number(digits, field),
    });
}

#[cfg(test)]
mod tests;
