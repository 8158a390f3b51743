//! A parsed query: words and numbers, each a clause every hit must match, with synonyms as
//! alternatives; and finding a query's matches in any string (for snippets and the reader).

use std::ops::Range;

use super::fold::{Piece, Scanner, fold, prefix_within_one, within_one};

/// Words of at least this many letters forgive one typo.
pub const TYPO_MIN_CHARS: usize = 5;

/// A number of at least this many digits also matches inside a longer number (`960117` finds
/// `01632 960117`); a shorter one only matches the start of a number.
pub const INNER_DIGITS_MIN: usize = 3;

/// Groups of words or phrases that mean the same thing, e.g. `EMIS` and `clinical system`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    /// Each group: its phrases, each phrase as folded words.
    groups: Vec<Vec<Vec<String>>>,
}

impl Synonyms {
    /// Build from groups of phrases as written (`[["EMIS", "clinical system"]]`). Phrases are
    /// folded like text; empty phrases and groups of fewer than two phrases are dropped.
    pub fn new<S: AsRef<str>>(groups: &[Vec<S>]) -> Synonyms {
        let mut out = Synonyms::default();
        for group in groups {
            out.add(group);
        }
        out
    }

    /// Add one group of phrases.
    pub fn add<S: AsRef<str>>(&mut self, group: &[S]) {
        let phrases: Vec<Vec<String>> = group
            .iter()
            .map(|p| {
                fold(p.as_ref())
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        if phrases.len() >= 2 && !self.groups.contains(&phrases) {
            self.groups.push(phrases);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The groups: each a list of phrases, each phrase its folded words.
    pub fn groups(&self) -> &[Vec<Vec<String>>] {
        &self.groups
    }
}

/// One word or number of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A folded word; matches words it equals, starts, or (if long enough) is one typo from.
    Word { folded: String, chars: Vec<char> },
    /// Normalised digits; matches numbers containing them.
    Digits(String),
}

/// How well a term matched a word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    Typo,
    Prefix,
    Exact,
}

impl Quality {
    pub fn weight(self) -> f32 {
        match self {
            Quality::Exact => 1.0,
            Quality::Prefix => 0.7,
            Quality::Typo => 0.45,
        }
    }
}

impl Term {
    fn word(folded: &str) -> Term {
        Term::Word {
            folded: folded.to_string(),
            chars: folded.chars().collect(),
        }
    }

    /// How this (word) term matches the folded word `text`, if it does.
    pub fn match_word(&self, text: &str) -> Option<Quality> {
        let Term::Word { folded, chars } = self else {
            return None;
        };
        if text == folded {
            return Some(Quality::Exact);
        }
        if text.starts_with(folded.as_str()) {
            return Some(Quality::Prefix);
        }
        if chars.len() < TYPO_MIN_CHARS {
            return None;
        }
        let typo = if text.is_ascii() && folded.is_ascii() {
            let (w, t) = (folded.as_bytes(), text.as_bytes());
            // one edit leaves one of these pairs equal: a cheap test before the real one
            let may =
                t.len() >= 2 && (t[0] == w[0] || t[1] == w[1] || t[1] == w[0] || t[0] == w[1]);
            may && t.len() + 1 >= w.len() && prefix_within_one(w, t)
        } else {
            let t: Vec<char> = text.chars().collect();
            prefix_within_one(chars, &t)
        };
        typo.then_some(Quality::Typo)
    }

    /// True when a whole word `text` is one typo from this term (not just a prefix of it).
    pub fn typo_whole(&self, text: &str) -> bool {
        let Term::Word { chars, .. } = self else {
            return false;
        };
        let t: Vec<char> = text.chars().collect();
        within_one(chars, &t)
    }

    /// Where this (digits) term occurs in a number's normalised `digits`.
    fn digit_matches(&self, digits: &str) -> Vec<Range<usize>> {
        let Term::Digits(want) = self else {
            return Vec::new();
        };
        if want.len() < INNER_DIGITS_MIN {
            return if digits.starts_with(want.as_str()) {
                std::iter::once(0..want.len()).collect()
            } else {
                Vec::new()
            };
        }
        digits
            .match_indices(want.as_str())
            .map(|(at, m)| at..at + m.len())
            .collect()
    }
}

/// A clause: one of several alternatives (a phrase and its synonyms) must match; an
/// alternative matches when all its terms do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<Vec<Term>>,
}

/// A parsed query: every clause must match (AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

impl Query {
    /// Parse what the user typed. Words are folded; numbers are joined across spaces; a run of
    /// words equal to a synonym phrase becomes one clause with the group's phrases.
    pub fn parse(text: &str, synonyms: &Synonyms) -> Query {
        let mut terms = Vec::new();
        Scanner::default().scan(text, |p| match p {
            Piece::Word { folded, .. } => terms.push(Term::word(folded)),
            Piece::Digits { digits, .. } => terms.push(Term::Digits(digits.to_string())),
        });
        let mut clauses = Vec::new();
        let mut i = 0;
        'terms: while i < terms.len() {
            for group in &synonyms.groups {
                for phrase in group {
                    if starts_phrase(&terms[i..], phrase) {
                        let alternatives = group
                            .iter()
                            .map(|p| p.iter().map(|w| Term::word(w)).collect())
                            .collect();
                        clauses.push(Clause { alternatives });
                        i += phrase.len();
                        continue 'terms;
                    }
                }
            }
            clauses.push(Clause {
                alternatives: vec![vec![terms[i].clone()]],
            });
            i += 1;
        }
        Query { clauses }
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Every term of every clause, alternatives included.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.clauses
            .iter()
            .flat_map(|c| c.alternatives.iter().flatten())
    }

    /// The byte ranges in `text` of every word or number matching any term of the query, in
    /// order, not overlapping. For highlighting snippets, laid-out lines, and `n`/`N` in a
    /// document. Whole words are highlighted; for numbers, just the matching digits.
    pub fn match_ranges(&self, text: &str) -> Vec<Range<usize>> {
        self.scan(text).0
    }

    /// The match ranges, and which clauses matched (bit i for clause i, up to 64).
    pub fn scan(&self, text: &str) -> (Vec<Range<usize>>, u64) {
        self.scan_with(&mut Scanner::default(), text)
    }

    /// [`Query::scan`] with a reused scanner (for scanning many texts).
    pub fn scan_with(&self, scanner: &mut Scanner, text: &str) -> (Vec<Range<usize>>, u64) {
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut mask = 0u64;
        scanner.scan(text, |p| {
            for (ci, clause) in self.clauses.iter().enumerate() {
                let bit = 1u64.checked_shl(ci as u32).unwrap_or(0);
                for term in clause.alternatives.iter().flatten() {
                    match &p {
                        Piece::Word { folded, range } => {
                            if term.match_word(folded).is_some() {
                                mask |= bit;
                                ranges.push(range.clone());
                            }
                        }
                        Piece::Digits { digits, spans } => {
                            for m in term.digit_matches(digits) {
                                mask |= bit;
                                ranges.push(spans[m.start].start..spans[m.end - 1].end);
                            }
                        }
                    }
                }
            }
        });
        (merge(ranges), mask)
    }

    /// True when `mask` (from [`Query::scan`]) has every clause.
    pub fn all_clauses(&self, mask: u64) -> bool {
        let n = self.clauses.len();
        let full = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
        mask & full == full
    }
}

fn starts_phrase(terms: &[Term], phrase: &[String]) -> bool {
    phrase.len() <= terms.len()
        && phrase
            .iter()
            .zip(terms)
            .all(|(w, t)| matches!(t, Term::Word { folded, .. } if folded == w))
}

/// Sort and merge overlapping ranges.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Query {
        Query::parse(text, &Synonyms::default())
    }

    fn marked(query: &str, text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in q(query).match_ranges(text) {
            out.push_str(&text[at..r.start]);
            out.push('[');
            out.push_str(&text[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn highlights_cover_whole_words_and_matching_digits() {
        assert_eq!(
            marked("ransom", "Ransomware demands a ransom."),
            "[Ransomware] demands a [ransom]."
        );
        assert_eq!(marked("ffon", "Ffôn i lawr"), "[Ffôn] i lawr");
        assert_eq!(marked("ransomeware", "ransomware"), "[ransomware]");
        assert_eq!(
            marked("960 117", "Ring 01632 960117 now"),
            "Ring 01632 [960117] now"
        );
        assert_eq!(
            marked("+44 1632 960117", "Ring 01632 960117 now"),
            "Ring [01632 960117] now"
        );
        assert_eq!(
            marked("01632 960117", "Ring +44 1632 960117"),
            "Ring [+44 1632 960117]"
        );
        assert_eq!(
            marked("phones down", "The phones are down"),
            "The [phones] are [down]"
        );
    }

    #[test]
    fn short_words_forgive_no_typo() {
        assert_eq!(marked("fone", "phone"), "phone");
        assert_eq!(marked("phnoes", "phones"), "[phones]");
    }

    #[test]
    fn synonyms_become_alternatives_of_one_clause() {
        let syn = Synonyms::new(&[vec!["EMIS", "clinical system"]]);
        let query = Query::parse("emis down", &syn);
        assert_eq!(query.clauses.len(), 2);
        assert_eq!(query.clauses[0].alternatives.len(), 2);
        let query = Query::parse("Clinical System", &syn);
        assert_eq!(query.clauses.len(), 1);
        let (ranges, mask) = query.scan("EMIS is the clinical system");
        assert_eq!(ranges, [0..4, 12..20, 21..27]);
        assert!(query.all_clauses(mask));
    }

    #[test]
    fn clause_mask_tells_which_words_matched() {
        let query = q("phones ransom");
        let (_, mask) = query.scan("the phones");
        assert_eq!(mask, 1);
        assert!(!query.all_clauses(mask));
        assert!(q("").is_empty());
    }
}
