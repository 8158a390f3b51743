//! Folding and tokenising: the one way text is cut into searchable pieces, used alike for the
//! index, the query and highlighting, so the three can never disagree.
//!
//! A word is a run of letters and digits (of any script), lower-cased, with Latin diacritics
//! removed (`Ffôn` -> `ffon`, `ŵ` -> `w`, `ß` -> `ss`). A run of digits only is part of a
//! *digit string*: digit runs separated by nothing but spaces, `-`, `(` and `)` join into one
//! number, and a leading `+44` becomes `0`, so `+44 (0)1632 960-117` reads `01632960117`.

use std::ops::{Range, RangeInclusive};
use std::sync::OnceLock;

/// One piece of text found by [`Scanner::scan`].
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A word, folded, with its byte range in the scanned text.
    Word {
        folded: &'a str,
        range: Range<usize>,
    },
    /// A number: its normalised digits, and for each digit the byte range it came from.
    Digits {
        digits: &'a str,
        spans: &'a [Range<usize>],
    },
}

/// Reusable buffers for scanning (so scanning a whole corpus does not allocate per word).
#[derive(Debug, Default)]
pub struct Scanner {
    runs: Vec<Run>,
    word: String,
    digits: String,
    spans: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    digits: bool,
}

/// The most characters a gap between two digit runs of one number may have (`) - `).
pub const MAX_NUMBER_GAP: usize = 3;
/// The characters such a gap may be made of.
pub const NUMBER_GAP_CHARS: &str = " -()";
/// The country code that `+` may put before a national number (`+44 1632` is `01632`).
pub const COUNTRY_CODE: &str = "44";
/// Combining accents: part of a word, dropped by folding (`e` + U+0301 folds to `e`).
pub const COMBINING_MARKS: RangeInclusive<char> = '\u{300}'..='\u{36f}';

impl Scanner {
    /// Call `f` with every word and number of `text`, in order.
    pub fn scan(&mut self, text: &str, mut f: impl FnMut(Piece<'_>)) {
        let Scanner {
            runs,
            word,
            digits,
            spans,
        } = self;
        find_runs(text, runs);
        let mut i = 0;
        while i < runs.len() {
            let run = runs[i];
            if !run.digits {
                word.clear();
                fold_into(&text[run.start..run.end], word);
                if !word.is_empty() {
                    f(Piece::Word {
                        folded: word,
                        range: run.start..run.end,
                    });
                }
                i += 1;
                continue;
            }
            // A number: this run and the digit runs that follow across small gaps.
            digits.clear();
            spans.clear();
            let mut j = i;
            loop {
                let r = runs[j];
                for (k, b) in text.as_bytes()[r.start..r.end].iter().enumerate() {
                    digits.push(char::from(*b));
                    spans.push(r.start + k..r.start + k + 1);
                }
                let Some(next) = runs.get(j + 1) else { break };
                let gap = &text[r.end..next.start];
                if !next.digits
                    || gap.len() > MAX_NUMBER_GAP
                    || !gap
                        .bytes()
                        .all(|b| NUMBER_GAP_CHARS.as_bytes().contains(&b))
                {
                    break;
                }
                j += 1;
            }
            international_to_national(text, run.start, digits, spans);
            f(Piece::Digits { digits, spans });
            i = j + 1;
        }
    }
}

/// `+44 1632` -> `01632`; `+44 (0)1632` -> `01632`. The `0` points at the `+44`.
fn international_to_national(
    text: &str,
    start: usize,
    digits: &mut String,
    spans: &mut Vec<Range<usize>>,
) {
    let plus = start.checked_sub(1).filter(|&p| text.as_bytes()[p] == b'+');
    let code = COUNTRY_CODE.len();
    let (Some(plus), true) = (
        plus,
        digits.starts_with(COUNTRY_CODE) && digits.len() > code,
    ) else {
        return;
    };
    let mut cut = code;
    if digits[code..].starts_with('0') {
        cut = code + 1;
    }
    let end = spans[cut - 1].end;
    digits.replace_range(0..cut, "0");
    spans.splice(0..cut, std::iter::once(plus..end));
}

fn find_runs(text: &str, runs: &mut Vec<Run>) {
    runs.clear();
    let bytes = text.as_bytes();
    let mut current: Option<Run> = None;
    let mut at = 0;
    while at < bytes.len() {
        // ASCII a byte at a time; anything else decoded as a char
        let (word, digit, len) = match bytes[at] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), b.is_ascii_digit(), 1),
            _ => match text[at..].chars().next() {
                Some(c) => (is_word_char(c), false, c.len_utf8()),
                None => break,
            },
        };
        if word {
            let run = current.get_or_insert(Run {
                start: at,
                end: at,
                digits: true,
            });
            run.digits &= digit;
            run.end = at + len;
        } else if let Some(run) = current.take() {
            runs.push(run);
        }
        at += len;
    }
    runs.extend(current);
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

fn is_combining_mark(c: char) -> bool {
    COMBINING_MARKS.contains(&c)
}

/// Fold `text` (lower case, Latin diacritics removed) onto `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// `text` folded, as a new string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Latin Extended-A (U+0100..U+017F), each folded to one ASCII letter; Ĳ and Œ are handled
/// before this table is read.
const EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

fn fold_char(c: char, out: &mut String) {
    let folded: &str = match c {
        'À'..='Å' | 'à'..='å' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' => "c",
        'È'..='Ë' | 'è'..='ë' => "e",
        'Ì'..='Ï' | 'ì'..='ï' => "i",
        'Ð' | 'ð' => "d",
        'Ñ' | 'ñ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' | 'ù'..='ü' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Þ' | 'þ' => "th",
        'ß' => "ss",
        'Ĳ' | 'ĳ' => "ij",
        'Œ' | 'œ' => "oe",
        '\u{100}'..='\u{17f}' => {
            let i = c as usize - 0x100;
            out.push(char::from(EXTENDED_A[i]));
            return;
        }
        'Ẁ'..='ẅ' => "w",
        'Ỳ' | 'ỳ' => "y",
        c if is_combining_mark(c) => "",
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// The fold table as data, for the browser edition's script: every character that [`fold`]
/// turns into something other than its lower case, as runs `(first, last, folded)` of
/// consecutive characters folding alike (`(0xC0, 0xC5, "a")`). A fold made with this table,
/// lower-casing every other character, is [`fold`]: the table is read off the function, so the
/// two cannot drift apart.
pub fn fold_table() -> &'static [(u32, u32, String)] {
    static TABLE: OnceLock<Vec<(u32, u32, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut runs: Vec<(u32, u32, String)> = Vec::new();
        let (mut folded, mut lower) = (String::new(), String::new());
        for c in '\u{80}'..=char::MAX {
            folded.clear();
            fold_char(c, &mut folded);
            lower.clear();
            lower.extend(c.to_lowercase());
            if folded == lower {
                continue;
            }
            let cp = c as u32;
            match runs.last_mut() {
                Some(run) if run.1 + 1 == cp && run.2 == folded => run.1 = cp,
                _ => runs.push((cp, cp, folded.clone())),
            }
        }
        runs
    })
}

/// True when `a` and `b` are at most one edit apart: one character inserted, deleted or
/// substituted, or two neighbours swapped.
pub fn within_one<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len() > b.len() {
        return within_one(b, a);
    }
    if b.len() - a.len() > 1 {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return true; // equal, or b is a plus one character at the end
    };
    if a.len() < b.len() {
        return a[i..] == b[i + 1..];
    }
    if a[i + 1..] == b[i + 1..] {
        return true;
    }
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// True when some prefix of `term` is at most one edit from `word` (a typo while typing).
pub fn prefix_within_one<T: PartialEq>(word: &[T], term: &[T]) -> bool {
    let n = word.len();
    [n.saturating_sub(1), n, n + 1]
        .into_iter()
        .any(|len| len <= term.len() && within_one(word, &term[..len]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Scanner::default().scan(text, |p| match p {
            Piece::Word { folded, range } => {
                out.push(format!("{folded}@{}..{}", range.start, range.end))
            }
            Piece::Digits { digits, spans } => {
                let (s, e) = (spans[0].start, spans[spans.len() - 1].end);
                out.push(format!("#{digits}@{s}..{e}"));
            }
        });
        out
    }

    #[test]
    fn extended_a_table_lines_up() {
        assert_eq!(
            fold("ĀāĆčĎđĒěĜģĤħĨıĴķĸĹłŃňŉŊŋŌőŔřŚšŢŧŨųŴŵŶŷŸŹžſ"),
            "aaccddeegghhiijkkllnnnnnoorrssttuuwwyyyzzs"
        );
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Ffôn"), "ffon");
        assert_eq!(fold("CAFÉ Straße Œuvre"), "cafe strasse oeuvre");
        assert_eq!(fold("Ŵyŷ ẃ ỳ"), "wyy w y");
        assert_eq!(fold("cafe\u{301}"), "cafe"); // decomposed accent
    }

    #[test]
    fn words_keep_their_byte_ranges() {
        assert_eq!(
            pieces("Ffôn i lawr!"),
            ["ffon@0..5", "i@6..7", "lawr@8..12"]
        );
        assert_eq!(pieces("code Y00000"), ["code@0..4", "y00000@5..11"]);
    }

    #[test]
    fn numbers_join_across_spaces_and_lose_the_country_code() {
        assert_eq!(
            pieces("ring 01632 960117 now"),
            ["ring@0..4", "#01632960117@5..17", "now@18..21"]
        );
        assert_eq!(pieces("+44 1632 960117"), ["#01632960117@0..15"]);
        assert_eq!(pieces("+44 (0)1632 960-117"), ["#01632960117@0..19"]);
        assert_eq!(
            pieces("step 3, then 4"),
            ["step@0..4", "#3@5..6", "then@8..12", "#4@13..14"]
        );
    }

    #[test]
    fn the_fold_table_folds_like_fold() {
        let table = fold_table();
        assert!(table.contains(&(0xC0, 0xC5, "a".into())));
        assert!(table.contains(&(0x300, 0x36F, String::new())));
        let by_table = |text: &str| -> String {
            text.chars()
                .map(|c| {
                    let cp = c as u32;
                    match table.iter().find(|r| r.0 <= cp && cp <= r.1) {
                        Some(r) => r.2.clone(),
                        None => c.to_lowercase().collect(),
                    }
                })
                .collect()
        };
        for text in [
            "Ffôn ŴŶ ẃ Straße Œuvre Þorn ĲĿ cafe\u{301}",
            "ĀāĆčĎđĒěĜģĤħĨıĴķĸĹłŃňŉŊŋŌőŔřŚšŢŧŨųŴŵŶŷŸŹžſ",
        ] {
            assert_eq!(by_table(text), fold(text), "{text}");
        }
    }

    #[test]
    fn one_edit_is_forgiven() {
        let w = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one(&w("ransomeware"), &w("ransomware")));
        assert!(within_one(&w("ransomwrae"), &w("ransomware")));
        assert!(within_one(&w("ransonware"), &w("ransomware")));
        assert!(!within_one(&w("ransomwear"), &w("ransomware")));
        assert!(prefix_within_one(&w("ransomw"), &w("ransomware")));
        assert!(prefix_within_one(&w("rnsomw"), &w("ransomware")));
        assert!(!prefix_within_one(&w("rnsmw"), &w("ransomware")));
    }
}
