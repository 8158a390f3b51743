//! Drawing an open document (only the visible lines, with a long table's header kept at the top
//! while its rows scroll under it), its ticked and current steps, the
//! matches of a find, the find bar and the table of contents.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::tui::ctx::Ctx;
use crate::tui::screen::reader::{ReaderState, toc_area, toc_offset};
use crate::tui::theme::Theme;

pub fn render(t: &Theme, ctx: &Ctx, r: &ReaderState, full: Rect, buf: &mut Buffer) {
    // the find bar, while open, takes the last row of the body
    let area = match &r.bar {
        Some(_) if full.height > 2 => Rect {
            height: full.height - 1,
            ..full
        },
        _ => full,
    };
    if let Some(bar) = &r.bar {
        let y = full.y + full.height.saturating_sub(1);
        let row = Rect {
            y,
            height: 1,
            ..full
        };
        super::search::field_line(t, "Find in this document: ", &bar.field, row, buf);
    }
    let selected = r
        .link
        .and_then(|i| r.rendered.links.get(i))
        .map(|(l, _)| *l);
    let ids = ctx
        .set
        .packs
        .get(r.pack)
        .and_then(|p| p.docs.get(r.doc).map(|d| (p.id.as_str(), d.id.as_str())));
    let current = r.current_step(ctx);
    let end = area.x + area.width;
    // the line on each row: in order, but for a long table's header kept at the top
    let rows = r.rendered.rows(r.scroll, usize::from(area.height));
    for (row, &n) in rows.iter().enumerate() {
        let Some(line) = r.rendered.lines.get(n) else {
            continue;
        };
        let y = area.y + row as u16;
        let mut x = area.x + 1;
        let mut has_selected = false;
        for span in line.spans() {
            let mut style = t.span(span.style);
            if span.link.is_some() && span.link == selected {
                style = t.link_selected;
                has_selected = true;
            }
            x = buf
                .set_stringn(x, y, span.text, usize::from(end.saturating_sub(x)), style)
                .0;
        }
        if has_selected {
            // a text marker, so the selected link shows even without colour or reverse video
            buf.set_stringn(area.x, y, "@", 1, t.link_selected);
        }
    }
    // matches of a find: every one highlighted, the current one reversed
    if let Some(f) = &r.find {
        for (row, &n) in rows.iter().enumerate() {
            let first = f.matches.partition_point(|(line, _)| *line < n);
            for (i, (_, range)) in f
                .matches
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, (line, _))| *line == n)
            {
                let text = r.rendered.lines[n].text();
                let x = area.x
                    + 1
                    + crate::layout::wrap::width(text.get(..range.start).unwrap_or("")) as u16;
                let w = crate::layout::wrap::width(text.get(range.clone()).unwrap_or("")) as u16;
                let rect = Rect {
                    x,
                    y: area.y + row as u16,
                    width: w.min(end.saturating_sub(x)),
                    height: 1,
                };
                let style = if i == f.current {
                    t.link_selected
                } else {
                    t.find_match
                };
                buf.set_style(rect, style);
            }
        }
    }
    // steps changed in this version: a * in the margin, and "changed in vN" after the text
    // where there is room (the tick and current-step markers below take the margin over)
    if let Some(marks) = &r.marks {
        let tag = format!("changed in v{}", marks.version);
        let tag_w = tag.len() as u16;
        for step in marks.steps.iter().filter_map(|&i| r.rendered.steps.get(i)) {
            let Some(row) = rows.iter().position(|&n| n == step.line) else {
                continue;
            };
            let y = area.y + row as u16;
            buf.set_stringn(area.x, y, "*", 1, t.changed);
            let used = r
                .rendered
                .lines
                .get(step.line)
                .map_or(0, |l| crate::layout::wrap::width(l.text()) as u16);
            let text_end = area.x + 1 + used;
            if text_end + 2 + tag_w < end {
                buf.set_stringn(end - tag_w - 1, y, &tag, usize::from(tag_w), t.changed);
            }
        }
    }
    // steps: ticked ones get an x in the margin and dim text, the current one a > marker
    let (Some((pack, doc)), true) = (ids, ctx.active.is_some()) else {
        if r.toc.is_some() {
            toc(t, ctx, r, buf);
        }
        return;
    };
    let first = rows.iter().copied().min().unwrap_or(0);
    let last = rows.iter().copied().max().map_or(0, |l| l + 1);
    for (i, step) in r.rendered.steps.iter().enumerate() {
        if step.end <= first || step.line >= last {
            continue;
        }
        let key = r.step_keys.get(i).map_or("", String::as_str);
        let ticked = ctx.is_ticked(pack, doc, key);
        for (row, &n) in rows.iter().enumerate() {
            if n < step.line || n >= step.end {
                continue;
            }
            let y = area.y + row as u16;
            let line = Rect {
                x: area.x + 1,
                y,
                width: area.width.saturating_sub(1),
                height: 1,
            };
            if ticked {
                buf.set_style(line, t.done);
            }
            if n != step.line {
                continue;
            }
            if ticked {
                buf.set_stringn(area.x, y, "x", 1, t.done_marker);
            } else if Some(i) == current {
                buf.set_stringn(area.x, y, ">", 1, t.current_step);
                buf.set_style(line, t.current_step);
            }
        }
    }
    if r.toc.is_some() {
        toc(t, ctx, r, buf);
    }
}

fn toc(t: &Theme, ctx: &Ctx, r: &ReaderState, buf: &mut Buffer) {
    let area = toc_area(ctx, r.rendered.anchors.len());
    if area.width < 4 || area.height < 3 {
        return;
    }
    let style = t.popup;
    buf.set_style(area, style);
    for y in area.y..area.y + area.height {
        buf.set_stringn(
            area.x,
            y,
            " ".repeat(usize::from(area.width)),
            usize::from(area.width),
            style,
        );
    }
    let w = usize::from(area.width);
    let top = format!("+- Contents (Enter: go, Esc: close) {}", "-".repeat(w));
    buf.set_stringn(area.x, area.y, &top, w - 1, style);
    buf.set_stringn(area.x + area.width - 1, area.y, "+", 1, style);
    let bottom_y = area.y + area.height - 1;
    buf.set_stringn(
        area.x,
        bottom_y,
        format!("+{}+", "-".repeat(w - 2)),
        w,
        style,
    );
    let inner = usize::from(area.height - 2);
    let sel = r.toc.unwrap_or(0);
    let offset = toc_offset(sel, inner);
    let headings: Vec<_> = ctx
        .set
        .packs
        .get(r.pack)
        .and_then(|p| p.docs.get(r.doc))
        .map(|d| d.doc.headings.clone())
        .unwrap_or_default();
    for row in 0..inner {
        let y = area.y + 1 + row as u16;
        buf.set_stringn(area.x, y, "|", 1, style);
        buf.set_stringn(area.x + area.width - 1, y, "|", 1, style);
        let i = offset + row;
        let Some(h) = headings.get(i) else { continue };
        let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)).min(4));
        let (marker, s) = if i == sel {
            ("> ", t.selected)
        } else {
            ("  ", style.remove_modifier(Modifier::REVERSED))
        };
        let text = format!("{marker}{indent}{}", h.text);
        buf.set_stringn(area.x + 1, y, text, w - 2, s);
    }
}
