//! The inverted index: a sorted dictionary of folded words and number pieces, each with a
//! posting list of the documents and contacts ("owners") holding it, how often, and in which
//! field at best. Scoring a query is a few passes over posting lists into dense score arrays.
//!
//! Numbers are stored as `#` + their normalised digits, which sorts them before every word; a
//! query number is looked for inside each of them (a pack has far fewer distinct numbers than
//! words, so this scan is cheap and the index stays small).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::HitKind;
use super::query::{INNER_DIGITS_MIN, Quality, Query, Term};
use super::units::Field;

/// At most this many documents and contacts in one index (22 bits of a posting).
pub const MAX_OWNERS: usize = 1 << 22;
/// A match scores its field's weight times its quality's, plus this times the square root of
/// how often the word occurs in the owner, counting at most [`COUNT_CAP`] occurrences.
pub const COUNT_WEIGHT: f32 = 0.1;
pub const COUNT_CAP: f32 = 25.0;
const WHOLE: char = '#';

/// A document or contact that search can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub pack: u32,
    pub kind: HitKind,
    /// Index in `Pack::docs` or `Pack::contacts`.
    pub item: u32,
}

/// The built index. Terms are one string with end offsets; postings one array with end offsets.
#[derive(Debug, Default)]
pub struct Index {
    pub owners: Vec<Owner>,
    terms: String,
    term_ends: Vec<u32>,
    postings: Vec<u32>,
    posting_ends: Vec<u32>,
}

/// A posting: owner << 10 | min(count, 255) << 2 | best field.
fn posting(owner: u32, count: u32, field: Field) -> u32 {
    owner << 10 | count.min(255) << 2 | field as u32
}

/// Terms up to this many bytes are hash keys held inline (no pointer to follow per lookup).
const INLINE: usize = 23;

type FxMap<K> = HashMap<K, u32, BuildHasherDefault<Fx>>;

/// Collects terms while walking the packs, then sorts them into an [`Index`].
///
/// Built for speed over tens of megabytes: short terms are inline hash keys; each owner's
/// postings gather in `local` (a term seen again in the same owner is found through `stamp`
/// and `slot`, two small arrays), and are sorted by term once, at the end.
#[derive(Default)]
pub struct Builder {
    short: FxMap<[u8; INLINE + 1]>,
    long: FxMap<Box<str>>,
    /// Term texts by id, end to end.
    names: String,
    name_ends: Vec<u32>,
    /// Per term: 1 + the owner it was last seen in.
    stamp: Vec<u32>,
    /// Per term: its index in `local` when seen in the current owner.
    slot: Vec<u32>,
    /// The current owner's (term, posting) pairs.
    local: Vec<(u32, u32)>,
    /// Every finished owner's (term, posting) pairs, in owner order.
    all: Vec<(u32, u32)>,
    owners: Vec<Owner>,
    key: String,
}

impl Builder {
    /// Start collecting terms for a new owner; false when the index is full.
    pub fn begin(&mut self, owner: Owner) -> bool {
        if self.owners.len() >= MAX_OWNERS {
            return false;
        }
        self.all.append(&mut self.local);
        self.owners.push(owner);
        true
    }

    fn current(&self) -> u32 {
        self.owners.len().saturating_sub(1) as u32
    }

    pub fn word(&mut self, folded: &str, field: Field) {
        let owner = self.current();
        let id = self.id_of(folded) as usize;
        if self.stamp[id] == owner + 1 {
            let entry = &mut self.local[self.slot[id] as usize].1;
            let count = (*entry >> 2 & 255) + 1;
            *entry = posting(owner, count, Field::from_bits(*entry).max(field));
        } else {
            self.stamp[id] = owner + 1;
            self.slot[id] = self.local.len() as u32;
            self.local.push((id as u32, posting(owner, 1, field)));
        }
    }

    fn id_of(&mut self, term: &str) -> u32 {
        let next = self.stamp.len() as u32;
        let id = if term.len() <= INLINE {
            let mut key = [0u8; INLINE + 1];
            key[0] = term.len() as u8;
            key[1..=term.len()].copy_from_slice(term.as_bytes());
            *self.short.entry(key).or_insert(next)
        } else {
            match self.long.get(term) {
                Some(&id) => id,
                None => {
                    self.long.insert(term.into(), next);
                    next
                }
            }
        };
        if id == next {
            self.names.push_str(term);
            self.name_ends.push(self.names.len() as u32);
            self.stamp.push(0);
            self.slot.push(0);
        }
        id
    }

    pub fn number(&mut self, digits: &str, field: Field) {
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.push(WHOLE);
        key.push_str(digits);
        self.word(&key, field);
        self.key = key;
    }

    fn name(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.name_ends[id - 1] as usize
        };
        &self.names[start..self.name_ends[id] as usize]
    }

    pub fn finish(mut self) -> Index {
        self.all.append(&mut self.local);
        let terms = self.stamp.len();
        // counting sort of the postings by term, keeping owner order within a term
        let mut starts = vec![0u32; terms + 1];
        for &(t, _) in &self.all {
            starts[t as usize + 1] += 1;
        }
        for i in 0..terms {
            starts[i + 1] += starts[i];
        }
        let mut by_term = vec![0u32; self.all.len()];
        let mut fill = starts.clone();
        for &(t, p) in &self.all {
            by_term[fill[t as usize] as usize] = p;
            fill[t as usize] += 1;
        }
        drop(std::mem::take(&mut self.all));
        let mut order: Vec<u32> = (0..terms as u32).collect();
        order.sort_unstable_by(|&a, &b| self.name(a as usize).cmp(self.name(b as usize)));
        let mut index = Index {
            owners: std::mem::take(&mut self.owners),
            ..Index::default()
        };
        index.terms.reserve_exact(self.names.len());
        index.term_ends.reserve_exact(terms);
        index.posting_ends.reserve_exact(terms);
        index.postings.reserve_exact(by_term.len());
        for id in order {
            let id = id as usize;
            index.terms.push_str(self.name(id));
            index.term_ends.push(index.terms.len() as u32);
            index
                .postings
                .extend_from_slice(&by_term[starts[id] as usize..starts[id + 1] as usize]);
            index.posting_ends.push(index.postings.len() as u32);
        }
        index
    }
}

impl Index {
    /// The dictionary and postings as stored (see [`super::stored`]).
    pub fn raw(&self) -> (&str, &[u32], &[u32], &[u32]) {
        (
            &self.terms,
            &self.term_ends,
            &self.postings,
            &self.posting_ends,
        )
    }

    /// An index from stored parts, checked so that no lookup can go out of bounds: ends rise
    /// to the lengths they index, terms are sorted and cut at character boundaries, and every
    /// posting names an owner.
    pub fn from_raw(
        owners: Vec<Owner>,
        terms: String,
        term_ends: Vec<u32>,
        postings: Vec<u32>,
        posting_ends: Vec<u32>,
    ) -> Result<Index, &'static str> {
        let rising = |ends: &[u32], len: usize| {
            ends.windows(2).all(|w| w[0] <= w[1])
                && ends.last().map_or(len == 0, |&last| last as usize == len)
        };
        if !rising(&term_ends, terms.len()) || term_ends.len() != posting_ends.len() {
            return Err("term ends");
        }
        if !term_ends
            .iter()
            .all(|&e| terms.is_char_boundary(e as usize))
        {
            return Err("term ends");
        }
        if !rising(&posting_ends, postings.len()) {
            return Err("posting ends");
        }
        if postings.iter().any(|&p| (p >> 10) as usize >= owners.len()) {
            return Err("postings");
        }
        let index = Index {
            owners,
            terms,
            term_ends,
            postings,
            posting_ends,
        };
        if !(1..index.term_count()).all(|i| index.term(i - 1) < index.term(i)) {
            return Err("terms out of order");
        }
        Ok(index)
    }

    fn term(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.term_ends[i - 1] as usize
        };
        &self.terms[start..self.term_ends[i] as usize]
    }

    fn postings_of(&self, i: usize) -> &[u32] {
        let start = if i == 0 {
            0
        } else {
            self.posting_ends[i - 1] as usize
        };
        &self.postings[start..self.posting_ends[i] as usize]
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.term_ends.len()
    }

    /// The terms starting with `prefix`, as a range of term indexes.
    fn prefixed(&self, prefix: &str) -> Range<usize> {
        let n = self.term_count();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid) < prefix {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        let start = lo;
        let mut hi = n;
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid).starts_with(prefix) {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        start..lo
    }

    /// Bytes held on the heap by the index.
    pub fn heap_bytes(&self) -> usize {
        self.terms.capacity()
            + 4 * (self.term_ends.capacity()
                + self.postings.capacity()
                + self.posting_ends.capacity())
            + self.owners.capacity() * size_of::<Owner>()
    }

    /// Every dictionary term `term` matches, with how well.
    fn expand(&self, term: &Term) -> Vec<(usize, Quality)> {
        match term {
            Term::Digits(d) => {
                // numbers are few next to words: test each one for the digits inside it
                let numbers = self.prefixed(&WHOLE.to_string());
                let inner = d.len() >= INNER_DIGITS_MIN;
                numbers
                    .filter(|&i| {
                        let n = &self.term(i)[WHOLE.len_utf8()..];
                        if inner {
                            n.contains(d.as_str())
                        } else {
                            n.starts_with(d.as_str())
                        }
                    })
                    .map(|i| (i, Quality::Exact))
                    .collect()
            }
            Term::Word { folded, chars } => {
                let range = self.prefixed(folded);
                let mut out: Vec<(usize, Quality)> = range
                    .clone()
                    .map(|i| {
                        (
                            i,
                            if self.term(i) == folded {
                                Quality::Exact
                            } else {
                                Quality::Prefix
                            },
                        )
                    })
                    .collect();
                if chars.len() >= super::query::TYPO_MIN_CHARS {
                    let words_start = self.prefixed("0").start.min(self.first_word());
                    for i in (words_start..self.term_count()).filter(|i| !range.contains(i)) {
                        if term.match_word(self.term(i)) == Some(Quality::Typo) {
                            out.push((i, Quality::Typo));
                        }
                    }
                }
                out
            }
        }
    }

    /// The first term that is not a number piece.
    fn first_word(&self) -> usize {
        let (mut lo, mut hi) = (0, self.term_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid).starts_with(WHOLE) {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        lo
    }

    /// Per owner: the best weighted match of `term`, or 0.
    fn term_scores(&self, term: &Term) -> Vec<f32> {
        let mut scores = vec![0f32; self.owners.len()];
        for (i, quality) in self.expand(term) {
            let q = quality.weight();
            for &p in self.postings_of(i) {
                let owner = (p >> 10) as usize;
                let count = (p >> 2 & 255) as f32;
                let s =
                    Field::from_bits(p).weight() * q + COUNT_WEIGHT * count.min(COUNT_CAP).sqrt();
                if let Some(slot) = scores.get_mut(owner) {
                    *slot = slot.max(s);
                }
            }
        }
        scores
    }

    /// Per owner: the query's score, 0 where some clause does not match.
    pub fn scores(&self, query: &Query) -> Vec<f32> {
        let mut total: Option<Vec<f32>> = None;
        for clause in &query.clauses {
            let mut best = vec![0f32; self.owners.len()];
            for alternative in &clause.alternatives {
                let mut sum: Option<Vec<f32>> = None;
                for term in alternative {
                    let scores = self.term_scores(term);
                    sum = Some(match sum {
                        None => scores,
                        Some(s) => and(s, &scores),
                    });
                }
                for (b, s) in best.iter_mut().zip(sum.unwrap_or_default()) {
                    *b = b.max(s);
                }
            }
            total = Some(match total {
                None => best,
                Some(t) => and(t, &best),
            });
        }
        total.unwrap_or_default()
    }
}

/// Sum where both match, else 0.
fn and(mut a: Vec<f32>, b: &[f32]) -> Vec<f32> {
    for (x, y) in a.iter_mut().zip(b) {
        *x = if *x > 0.0 && *y > 0.0 { *x + *y } else { 0.0 };
    }
    a
}

/// FxHash (as in rustc): fast hashing for short keys we generate ourselves.
#[derive(Default)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        // fold the high half of a wide product in: a plain Fx hash mixes its low bits (the
        // bucket index) poorly for short strings
        let wide = u128::from(self.0) * 0x9e37_79b9_7f4a_7c15;
        (wide as u64) ^ ((wide >> 64) as u64)
    }
}
