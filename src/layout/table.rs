//! Tables fitted to the width: columns keep their natural width when everything fits, otherwise
//! the widest columns give way and their cells wrap. A table too wide for even one character per
//! column is shown as records ("Header: value" lines) instead.

use super::{Renderer, Role, Span, Style, wrap};
use crate::document::{Align, Inline, Table};

pub(super) fn table(r: &mut Renderer, t: &Table) {
    let n = t.align.len();
    if n == 0 {
        return;
    }
    let avail = r.width.saturating_sub(r.prefix_width());
    let overhead = 3 * n + 1;
    if avail < overhead + n {
        records(r, t);
        return;
    }
    let widths = fit_columns(&natural_widths(t), avail - overhead);
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
    row(r, &t.header, &widths, &t.align, header_style);
    r.push_line(rule('='));
    for cells in &t.rows {
        row(r, cells, &widths, &t.align, Style::default());
        r.push_line(rule('-'));
    }
}

fn natural_widths(t: &Table) -> Vec<usize> {
    let mut widths = vec![1; t.align.len()];
    for cells in std::iter::once(&t.header).chain(&t.rows) {
        for (i, cell) in cells.iter().enumerate().take(widths.len()) {
            let w: usize = wrap::wrap(cell, Style::default(), usize::MAX / 4)
                .iter()
                .map(|l| l.iter().map(Span::width).sum::<usize>())
                .max()
                .unwrap_or(0);
            widths[i] = widths[i].max(w);
        }
    }
    widths
}

/// Shrink the widest columns until the total fits `avail` (each column keeps at least 1).
fn fit_columns(natural: &[usize], avail: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    // the largest cap L with sum(min(w, L)) <= avail
    let (mut lo, mut hi) = (1usize, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if natural.iter().map(|w| (*w).min(mid)).sum::<usize>() <= avail {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|w| (*w).min(lo)).collect();
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

fn row(r: &mut Renderer, cells: &[Vec<Inline>], widths: &[usize], align: &[Align], base: Style) {
    let wrapped: Vec<Vec<Vec<Span>>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| wrap::wrap(cells.get(i).map_or(&[][..], |c| c), base, *w))
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
            for line in wrap::wrap(&inlines, Style::default(), avail) {
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
        assert_eq!(fit_columns(&[5, 5], 20), vec![5, 5]);
        let w = fit_columns(&[40, 5, 30], 30);
        assert_eq!(w.iter().sum::<usize>(), 30);
        assert_eq!(w[1], 5);
        assert_eq!(fit_columns(&[10, 10, 10], 3), vec![1, 1, 1]);
    }
}
