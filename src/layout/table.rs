//! Tables fitted to the width: columns keep their natural width when everything fits, otherwise
//! the widest columns give way and their cells wrap, never narrower than their longest word (a
//! word or an identifier is never split). A table whose columns cannot each hold their longest
//! word is shown as records ("Header: value" lines) instead. A grid records where its header
//! lines are ([`TableSpot`]), so a reader can keep them in view.

use std::ops::Range;

use super::{Rendered, Renderer, Role, Span, Style, TableSpot, wrap};
use crate::document::{Align, Inline, Table};

pub(super) fn table(r: &mut Renderer, t: &Table) {
    let n = t.align.len();
    if n == 0 {
        return;
    }
    let avail = r.table_width.saturating_sub(r.prefix_width());
    let overhead = 3 * n + 1;
    let natural = natural_widths(t, r.marks);
    let least: Vec<usize> = least_widths(t, r.marks)
        .into_iter()
        .zip(&natural)
        .map(|(l, n)| l.min(*n))
        .collect();
    if avail < overhead + least.iter().sum::<usize>() {
        records(r, t);
        return;
    }
    let widths = fit_columns(&natural, &least, avail - overhead);
    let border = Style::role(Role::Border);
    let rule = |c: char| {
        let mut s = String::from("+");
        for w in &widths {
            s.push_str(&c.to_string().repeat(w + 2));
            s.push('+');
        }
        vec![Span::new(s, border)]
    };
    r.push_line(rule('-'));
    let header_style = Style {
        role: Role::Text,
        strong: true,
        ..Style::default()
    };
    let head = r.out.lines.len();
    row(r, &t.header, &widths, &t.align, header_style);
    r.push_line(rule('='));
    let head = head..r.out.lines.len();
    for cells in &t.rows {
        row(r, cells, &widths, &t.align, Style::default());
        r.push_line(rule('-'));
    }
    let end = r.out.lines.len();
    r.out.tables.push(TableSpot { head, end });
}

/// The cells of every row, the header first.
fn columns(t: &Table) -> impl Iterator<Item = (usize, &Vec<Inline>)> {
    std::iter::once(&t.header)
        .chain(&t.rows)
        .flat_map(|cells| cells.iter().enumerate().take(t.align.len()))
}

/// Each column's width with no cell wrapped.
fn natural_widths(t: &Table, marks: bool) -> Vec<usize> {
    let mut widths = vec![1; t.align.len()];
    for (i, cell) in columns(t) {
        let w: usize = wrap::wrap(cell, Style::default(), usize::MAX / 4, marks)
            .iter()
            .map(|l| l.iter().map(Span::width).sum::<usize>())
            .max()
            .unwrap_or(0);
        widths[i] = widths[i].max(w);
    }
    widths
}

/// Each column's narrowest width that keeps every word of it whole (lines to write on shrink
/// to [`WRITE_LINE_LEAST`]).
fn least_widths(t: &Table, marks: bool) -> Vec<usize> {
    let mut widths = vec![1; t.align.len()];
    for (i, cell) in columns(t) {
        let w = wrap::longest_word(cell, Style::default(), marks, WRITE_LINE_LEAST);
        widths[i] = widths[i].max(w);
    }
    widths
}

/// The least a line to write on in a cell is drawn.
const WRITE_LINE_LEAST: usize = 6;

/// Shrink the widest columns until the total fits `avail`, no column below its `least` width
/// (the caller makes sure the least widths fit).
fn fit_columns(natural: &[usize], least: &[usize], avail: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    let at = |cap: usize| -> Vec<usize> {
        natural
            .iter()
            .zip(least)
            .map(|(n, l)| (*n).min(cap).max(*l))
            .collect()
    };
    // the largest cap with every column at min(natural, cap), but never below its least, fitting
    let (mut lo, mut hi) = (0usize, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if at(mid).iter().sum::<usize>() <= avail {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths = at(lo);
    let mut spare = avail.saturating_sub(widths.iter().sum());
    for (w, nat) in widths.iter_mut().zip(natural) {
        if spare == 0 {
            break;
        }
        if *nat > *w {
            *w += 1;
            spare -= 1;
        }
    }
    widths
}

impl Rendered {
    /// The header lines of the table kept at the top of a view that shows `height` rows from
    /// line `scroll`: while a table's header row has scrolled off the top and rows of the table
    /// are still in view, its header row and the rule under it are drawn on the top rows. Not
    /// when they would take more than half the view.
    pub fn pinned_head(&self, scroll: usize, height: usize) -> Option<Range<usize>> {
        let before = self.tables.partition_point(|t| t.head.start < scroll);
        let t = self.tables.get(before.checked_sub(1)?)?;
        let k = t.head.len();
        (2 * k <= height && scroll + k + 1 < t.end).then(|| t.head.clone())
    }

    /// How many top rows of that view a kept table header covers.
    pub fn covered(&self, scroll: usize, height: usize) -> usize {
        self.pinned_head(scroll, height).map_or(0, |h| h.len())
    }

    /// The line shown on each row of a view that shows `height` rows from line `scroll`: the
    /// lines in order, with a table's header on the top rows while [`Self::pinned_head`] says so.
    pub fn rows(&self, scroll: usize, height: usize) -> Vec<usize> {
        let end = scroll.saturating_add(height).min(self.lines.len());
        let mut rows: Vec<usize> = (scroll.min(end)..end).collect();
        if let Some(head) = self.pinned_head(scroll, height) {
            for (row, line) in rows.iter_mut().zip(head) {
                *row = line;
            }
        }
        rows
    }
}

fn row(r: &mut Renderer, cells: &[Vec<Inline>], widths: &[usize], align: &[Align], base: Style) {
    let wrapped: Vec<Vec<Vec<Span>>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let cell = cells.get(i).map_or(&[][..], |c| c);
            wrap::wrap(cell, base, *w, r.marks)
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let border = Style::role(Role::Border);
    for line in 0..height {
        let mut spans = vec![Span::new("|", border)];
        for (i, w) in widths.iter().enumerate() {
            let content = wrapped[i].get(line).cloned().unwrap_or_default();
            let used: usize = content.iter().map(Span::width).sum();
            let pad = w.saturating_sub(used);
            let (left, right) = match align.get(i) {
                Some(Align::Right) => (pad, 0),
                Some(Align::Center) => (pad / 2, pad - pad / 2),
                _ => (0, pad),
            };
            spans.push(Span::new(" ".repeat(left + 1), Style::default()));
            spans.extend(content);
            spans.push(Span::new(" ".repeat(right + 1), Style::default()));
            spans.push(Span::new("|", border));
        }
        r.push_line(spans);
    }
}

/// The fallback for very narrow widths: each row as "Header: value" lines, the header in bold.
fn records(r: &mut Renderer, t: &Table) {
    let avail = r.width.saturating_sub(r.prefix_width()).max(1);
    let bold = |inline: &Inline| match inline {
        Inline::Text(text) => Inline::Text(crate::document::Text {
            style: crate::document::TextStyle {
                strong: true,
                ..text.style
            },
            ..text.clone()
        }),
        other => other.clone(),
    };
    for (n, cells) in t.rows.iter().enumerate() {
        if n > 0 {
            r.push_line(vec![Span::new(
                "-".repeat(avail.min(3)),
                Style::role(Role::Border),
            )]);
        }
        for (i, cell) in cells.iter().enumerate() {
            let mut inlines: Vec<Inline> = t
                .header
                .get(i)
                .map(|h| h.iter().map(bold).collect())
                .unwrap_or_default();
            inlines.push(Inline::Text(crate::document::Text {
                text: ": ".into(),
                ..Default::default()
            }));
            inlines.extend(cell.iter().cloned());
            for line in wrap::wrap(&inlines, Style::default(), avail, r.marks) {
                r.push_line(line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fit_columns;

    #[test]
    fn columns_fit_the_space() {
        assert_eq!(fit_columns(&[5, 5], &[1, 1], 20), vec![5, 5]);
        let w = fit_columns(&[40, 5, 30], &[1, 1, 1], 30);
        assert_eq!(w.iter().sum::<usize>(), 30);
        assert_eq!(w[1], 5);
        assert_eq!(fit_columns(&[10, 10, 10], &[1, 1, 1], 3), vec![1, 1, 1]);
    }

    #[test]
    fn no_column_goes_below_its_longest_word() {
        // the long column keeps its 15-wide word; the others give way first
        let w = fit_columns(&[30, 40, 20], &[15, 4, 4], 40);
        assert_eq!(w.iter().sum::<usize>(), 40);
        assert!(w[0] >= 15 && w[1] >= 4 && w[2] >= 4, "{w:?}");
        assert_eq!(fit_columns(&[30, 30], &[12, 20], 32), vec![12, 20]);
    }
}
