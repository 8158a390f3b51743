//! Tables with ruled borders: columns fitted to their content and the width, cells wrapped,
//! empty cells tall enough to write in (and empty columns wide enough for what their header
//! asks for), rows never split, the header repeated on each page.

use super::blocks::{BODY, Ctx};
use super::fonts::Face;
use super::inline::{self, Line};
use super::page::{Flow, INK, Item, Role, SHADE};
use crate::document::{Align, Inline, Table, plain_text};

const PAD_X: f32 = 4.5;
const PAD_Y: f32 = 3.5;
/// Height of a row with an empty cell: room to write by hand.
pub const WRITE_ROW: f32 = 24.0;
/// The least a row to write in may shrink to so a form fits its sheets (6 mm).
pub const MIN_WRITE_ROW: f32 = 17.0;
const BORDER: (f32, (u8, u8, u8)) = (0.6, (90, 90, 90));

struct Row {
    cells: Vec<Vec<Line>>,
    height: f32,
}

/// Lay out a table; with `fill`, a table ending in an empty row repeats it to the page's foot.
pub fn table(flow: &mut Flow, ctx: &Ctx, t: &Table, fill: bool) {
    let cols = t.align.len().max(t.header.len());
    if cols == 0 {
        return;
    }
    let size = BODY - 0.5;
    let widths = column_widths(flow, t, cols, size);
    let header = row(flow, ctx, &t.header, &widths, size, Face::Bold, false);
    let body_room = flow.body_height() - header.height;
    // rows added by `blank_rows` that may go so the form fits its sheets (the fill below puts
    // back as many as the last page has room for)
    let keep = if fill {
        t.rows.len() - trailing_blank(t).min(ctx.drop_blank)
    } else {
        t.rows.len()
    };
    let rows: Vec<Row> = t.rows[..keep]
        .iter()
        .map(|cells| {
            let mut r = row(flow, ctx, cells, &widths, size, Face::Regular, true);
            clip(&mut r, body_room);
            r
        })
        .collect();
    let first = rows.first().map_or(0.0, |r| r.height);
    flow.ensure(header.height + first);
    draw(flow, &header, &widths, &t.align, true);
    for r in &rows {
        if r.height > flow.room() {
            flow.break_page();
            draw(flow, &header, &widths, &t.align, true);
        }
        draw(flow, r, &widths, &t.align, false);
    }
    if fill && trailing_blank(t) > 0 {
        let blank = row(flow, ctx, &[], &widths, size, Face::Regular, true);
        while blank.height <= flow.room() {
            draw(flow, &blank, &widths, &t.align, false);
        }
    }
}

/// How many rows at the end of `t` are wholly empty.
fn trailing_blank(t: &Table) -> usize {
    t.rows
        .iter()
        .rev()
        .take_while(|cells| cells.iter().all(Vec::is_empty))
        .count()
}

/// The height a heading before `t` keeps with it: the header and the first row.
pub fn lead(flow: &Flow, ctx: &Ctx, t: &Table) -> f32 {
    let cols = t.align.len().max(t.header.len());
    if cols == 0 {
        return 0.0;
    }
    let size = BODY - 0.5;
    let widths = column_widths(flow, t, cols, size);
    let header = row(flow, ctx, &t.header, &widths, size, Face::Bold, false);
    let first = t.rows.first().map_or(0.0, |cells| {
        row(flow, ctx, cells, &widths, size, Face::Regular, true).height
    });
    header.height + first
}

/// A row too tall for a page keeps only the lines that fit (a row is never split).
fn clip(r: &mut Row, room: f32) {
    if r.height <= room {
        return;
    }
    for cell in &mut r.cells {
        let mut h = 2.0 * PAD_Y;
        cell.retain(|l| {
            h += l.height;
            h <= room
        });
    }
    r.height = room;
}

fn row(
    flow: &Flow,
    ctx: &Ctx,
    cells: &[Vec<Inline>],
    widths: &[f32],
    size: f32,
    face: Face,
    body: bool,
) -> Row {
    let mut out = Vec::new();
    let mut height: f32 = 0.0;
    let mut empty = false;
    for (i, w) in widths.iter().enumerate() {
        let content = cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
        empty |= content.is_empty();
        let lines = if content.is_empty() {
            Vec::new()
        } else {
            inline::lines(
                flow.fonts,
                content,
                &ctx.style(face, size, INK),
                w - 2.0 * PAD_X,
            )
        };
        height = height.max(inline::height(&lines) + 2.0 * PAD_Y);
        out.push(lines);
    }
    let blank = out.iter().all(Vec::is_empty);
    let height = if body && blank {
        // a row only to write in is as tall as writing needs (it shrinks to fit a sheet)
        ctx.write_row
    } else if body && empty {
        height.max(ctx.write_row).max(size * 1.45 + 2.0 * PAD_Y)
    } else {
        height.max(size * 1.45 + 2.0 * PAD_Y)
    };
    Row { cells: out, height }
}

fn draw(flow: &mut Flow, r: &Row, widths: &[f32], align: &[Align], header: bool) {
    let top = flow.take(r.height);
    flow.role(Role::TableRow, top);
    let mut x = flow.left();
    for (i, (lines, w)) in r.cells.iter().zip(widths).enumerate() {
        let fill = header.then_some(SHADE);
        flow.push(Item::Rect {
            x,
            y: top,
            w: *w,
            h: r.height,
            fill,
            stroke: Some(BORDER),
        });
        let mut y = top + PAD_Y;
        for line in lines {
            let room = w - 2.0 * PAD_X - line.width;
            let shift = match align.get(i) {
                Some(Align::Right) => room,
                Some(Align::Center) => room / 2.0,
                _ => 0.0,
            };
            inline::draw(flow, line, x + PAD_X + shift.max(0.0), y);
            y += line.height;
        }
        x += w;
    }
}

/// How wide, in millimetres, an empty column must be for a hand to write what its header asks
/// for: a date, a time, a name or signature, a number, a message.
pub fn write_in_mm(header: &str) -> f32 {
    let h = header.to_lowercase();
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if has(&[
        "message",
        "messages",
        "notes",
        "note",
        "details",
        "reason",
        "action",
        "actions",
        "comments",
        "comment",
        "description",
        "complaint",
        "outcome",
        "neges",
        "nodiadau",
    ]) {
        50.0
    } else if has(&["date", "dob", "dyddiad"]) {
        24.0
    } else if has(&[
        "name",
        "caller",
        "patient",
        "signature",
        "signed",
        "sign",
        "by",
        "staff",
        "clinician",
        "who",
        "enw",
        "llofnod",
    ]) {
        38.0
    } else if has(&[
        "number",
        "no",
        "nhs",
        "phone",
        "tel",
        "telephone",
        "serial",
        "ref",
        "reference",
        "id",
        "rhif",
        "ffôn",
    ]) {
        32.0
    } else if has(&["time", "amser", "initials"]) {
        15.0
    } else {
        16.0
    }
}

/// Fit columns to the width: each gets its natural width if all fit (then all grow to fill the
/// width), else at least its longest word (or an equal share) and the rest in proportion.
fn column_widths(flow: &Flow, t: &Table, cols: usize, size: f32) -> Vec<f32> {
    let avail = flow.width();
    let mut natural = vec![2.0 * PAD_X + size; cols];
    let mut least = vec![2.0 * PAD_X + size; cols];
    let rows =
        std::iter::once((&t.header, Face::Bold)).chain(t.rows.iter().map(|r| (r, Face::Regular)));
    for (cells, face) in rows {
        for (i, cell) in cells.iter().enumerate().take(cols) {
            let text = plain_text(cell);
            let whole = flow.measure(face, size, &text) + 2.0 * PAD_X + 1.0;
            let word = text
                .split_whitespace()
                .map(|w| flow.measure(face, size, w))
                .fold(0.0, f32::max)
                + 2.0 * PAD_X
                + 1.0;
            natural[i] = natural[i].max(whole.min(avail));
            least[i] = least[i].max(word.min(avail / cols as f32));
        }
    }
    // a column to write in is wide enough for what its header asks for
    for i in 0..cols {
        let empty = !t.rows.is_empty()
            && t.rows
                .iter()
                .all(|r| r.get(i).is_none_or(|c| plain_text(c).trim().is_empty()));
        if empty {
            let header = t.header.get(i).map(|h| plain_text(h)).unwrap_or_default();
            let want = write_in_mm(&header) * 72.0 / 25.4;
            natural[i] = natural[i].max(want.min(avail));
            least[i] = least[i].max(want.min(avail));
        }
    }
    let total: f32 = natural.iter().sum();
    if total <= avail {
        return natural.iter().map(|n| n * avail / total).collect();
    }
    let fixed: f32 = least.iter().sum();
    let spare = (avail - fixed).max(0.0);
    let want: f32 = natural
        .iter()
        .zip(&least)
        .map(|(n, l)| n - l)
        .sum::<f32>()
        .max(1.0);
    let widths: Vec<f32> = natural
        .iter()
        .zip(&least)
        .map(|(n, l)| l + spare * (n - l) / want)
        .collect();
    let sum: f32 = widths.iter().sum();
    widths.iter().map(|w| w * avail / sum).collect()
}
