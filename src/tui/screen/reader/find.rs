//! Finding within an open document: every match of the query in the laid-out lines, the
//! current one kept in view.

use std::ops::Range;

use crate::layout::Rendered;
use crate::search::{Query, SearchIndex};

/// Matches of a find within the open document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub text: String,
    /// (line, byte range in that line's text), in order.
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: usize,
}

fn matches_of(rendered: &Rendered, query: &Query) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (i, line) in rendered.lines.iter().enumerate() {
        let text = line.text();
        for range in query.match_ranges(text) {
            out.push((i, range));
        }
    }
    out
}

impl Find {
    /// Find `text` in `rendered`, the current match being the first at or after line `from`.
    /// None when nothing matches (or nothing was asked).
    pub fn new(text: &str, rendered: &Rendered, index: &SearchIndex, from: usize) -> Option<Find> {
        let query = index.parse(text);
        if query.is_empty() {
            return None;
        }
        let matches = matches_of(rendered, &query);
        if matches.is_empty() {
            return None;
        }
        let current = matches
            .iter()
            .position(|(line, _)| *line >= from)
            .unwrap_or(0);
        Some(Find {
            text: text.to_string(),
            matches,
            current,
        })
    }

    /// Move to the next (or previous) match, wrapping around.
    pub fn step(&mut self, forward: bool) {
        let n = self.matches.len().max(1);
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
    }

    /// The line of the current match.
    pub fn line(&self) -> Option<usize> {
        self.matches.get(self.current).map(|(l, _)| *l)
    }

    pub fn describe(&self) -> String {
        format!(
            "Match {} of {}  (n: next, N: previous)",
            self.current + 1,
            self.matches.len()
        )
    }
}
