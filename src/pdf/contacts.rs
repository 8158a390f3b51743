//! The contacts sheet: one page where possible (type shrinks a little before it spills over),
//! key contacts first, then each group, every number in large bold type.

use super::fonts::{Face, Fonts};
use super::inline::{self, Line, Style};
use super::keys;
use super::page::{Flow, GREY, INK, Item, RULE, Role, SHADE};
use crate::document::{Inline, Text};
use crate::pack::Contact;
use crate::pack::{Pack, contacts::groups};

/// Plain text as inline content.
pub fn plain(text: &str) -> Vec<Inline> {
    vec![Inline::Text(Text {
        text: text.into(),
        ..Text::default()
    })]
}

const GUTTER: f32 = 12.0;
const PAD: f32 = 6.0;

/// A contact card measured for a column width at a scale.
struct Card {
    name: Vec<Line>,
    role: Vec<Line>,
    numbers: Vec<(&'static str, String)>,
    small: Vec<Line>,
    number_size: f32,
    scale: f32,
    key: bool,
}

impl Card {
    fn new(fonts: &Fonts, c: &Contact, width: f32, scale: f32, key: bool) -> Card {
        let inner = width - 2.0 * PAD;
        let st = |face, size, color| Style {
            face,
            size,
            color,
            ctx: None,
        };
        let name = inline::lines(
            fonts,
            &plain(&c.name),
            &st(Face::Bold, 10.5 * scale, INK),
            inner,
        );
        // the whole role, wrapped: a cut description can hide who to ask for
        let small_lines = |text: &str| {
            inline::lines(
                fonts,
                &plain(text),
                &st(Face::Regular, 8.0 * scale, GREY),
                inner,
            )
        };
        let role = c.role.as_deref().map(small_lines).unwrap_or_default();
        let numbers = c
            .numbers()
            .into_iter()
            .map(|(l, n)| (l, n.to_string()))
            .collect();
        // numbers and hours only: email is often down when this sheet is needed
        let small = c.hours.as_deref().map(small_lines).unwrap_or_default();
        let number_size = if key { 16.0 } else { 13.0 } * scale;
        Card {
            name,
            role,
            numbers,
            small,
            number_size,
            scale,
            key,
        }
    }

    fn height(&self) -> f32 {
        let lines = |ls: &[Line], size: f32| ls.len() as f32 * size * 1.25;
        2.0 * PAD
            + lines(&self.name, 10.5 * self.scale)
            + lines(&self.role, 8.0 * self.scale)
            + self.numbers.len() as f32 * self.number_size * 1.3
            + self.small.len() as f32 * 8.0 * self.scale * 1.3
            + 2.0
    }

    fn draw(&self, flow: &mut Flow, x: f32, top: f32, w: f32, h: f32) {
        let s = self.scale;
        if self.key {
            flow.push(Item::Rect {
                x,
                y: top,
                w,
                h,
                fill: Some(SHADE),
                stroke: Some((1.2, INK)),
            });
        } else {
            flow.push(Item::Line {
                x1: x,
                y1: top,
                x2: x + w,
                y2: top,
                width: 0.5,
                color: RULE,
            });
        }
        let mut y = top + PAD;
        for (lines, size) in [(&self.name, 10.5 * s), (&self.role, 8.0 * s)] {
            for line in lines {
                let mut l = line.clone();
                l.height = size * 1.25;
                inline::draw(flow, &l, x + PAD, y - size * 0.1);
                y += size * 1.25;
            }
        }
        y += 2.0;
        for (label, number) in &self.numbers {
            let base = y + self.number_size * 1.05;
            flow.text(x + PAD, base, Face::Regular, 7.5 * s, label, GREY);
            flow.text(
                x + PAD + 52.0 * s,
                base,
                Face::Bold,
                self.number_size,
                number,
                INK,
            );
            y += self.number_size * 1.3;
        }
        for line in &self.small {
            let size = 8.0 * s;
            let mut l = line.clone();
            l.height = size * 1.3;
            inline::draw(flow, &l, x + PAD, y - size * 0.1);
            y += size * 1.3;
        }
    }
}

/// Lay out the sheet, starting on a new page, at the largest scale that fits one page.
pub fn sheet(flow: &mut Flow, pack: &Pack) {
    let mut scale = 1.0;
    for s in [1.0, 0.93, 0.86, 0.8, 0.74] {
        scale = s;
        let mut trial = Flow::new(flow.fonts);
        lay(&mut trial, pack, s);
        if trial.laid.pages.len() <= 1 {
            break;
        }
    }
    lay(flow, pack, scale);
}

fn lay(flow: &mut Flow, pack: &Pack, scale: f32) {
    flow.page(false, "Contacts");
    flow.dest(keys::CONTACTS.into());
    let (l, r) = (flow.left(), flow.right());
    let top = flow.take(30.0 * scale);
    flow.role(Role::Heading, top);
    flow.text(
        l,
        top + 22.0 * scale,
        Face::Bold,
        20.0 * scale,
        "Contacts",
        INK,
    );
    let sub = format!(
        "{}{}",
        pack.meta.practice.name,
        pack.meta
            .practice
            .phone
            .as_deref()
            .map(|p| format!("  ·  practice phone {p}"))
            .unwrap_or_default()
    );
    let sw = flow.measure(Face::Regular, 9.5, &sub);
    let title_w = flow.measure(Face::Bold, 20.0 * scale, "Contacts");
    if l + title_w + 16.0 + sw <= r {
        flow.text(r - sw, top + 22.0 * scale, Face::Regular, 9.5, &sub, GREY);
    } else {
        // a long practice name goes under the title, wrapped to the width
        let lines = inline::lines(
            flow.fonts,
            &plain(&sub),
            &Style {
                face: Face::Regular,
                size: 9.5,
                color: GREY,
                ctx: None,
            },
            r - l,
        );
        let h = inline::height(&lines);
        let top = flow.take(h + 2.0);
        let mut y = top;
        for line in &lines {
            inline::draw(flow, line, l, y);
            y += line.height;
        }
    }
    let top = flow.take(8.0);
    flow.push(Item::Line {
        x1: l,
        y1: top + 2.0,
        x2: r,
        y2: top + 2.0,
        width: 1.4,
        color: INK,
    });
    if pack.contacts.is_empty() {
        let top = flow.take(20.0);
        flow.text(
            l,
            top + 14.0,
            Face::Italic,
            10.5,
            "This pack has no contacts.toml yet.",
            GREY,
        );
        return;
    }
    let key: Vec<&Contact> = pack.contacts.iter().filter(|c| c.key).collect();
    if !key.is_empty() {
        group(flow, "Key numbers: ring these first", &key, scale, true);
    }
    let grouped: Vec<(&str, Vec<&Contact>)> = groups(&pack.contacts)
        .into_iter()
        .map(|g| {
            (
                g,
                pack.contacts
                    .iter()
                    .filter(|c| !c.key && c.group == g)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, members)| !members.is_empty())
        .collect();
    if !columns(flow, &grouped, scale) {
        for (g, members) in &grouped {
            group(flow, g, members, scale, false);
        }
    }
}

/// Columns of the grouped (not key) contacts.
const COLUMNS: usize = 3;

/// Groups flowed down columns, newspaper style, if they fit in the room left on the page.
fn columns(flow: &mut Flow, grouped: &[(&str, Vec<&Contact>)], scale: f32) -> bool {
    let col = (flow.width() - GUTTER * (COLUMNS - 1) as f32) / COLUMNS as f32;
    // units that never split: a group title (wrapped to the column) with its first card, or
    // one card
    let mut units: Vec<(Vec<Line>, Card, f32)> = Vec::new();
    for (g, members) in grouped {
        for (i, c) in members.iter().enumerate() {
            let card = Card::new(flow.fonts, c, col, scale, false);
            let h = card.height() + 3.0 * scale;
            units.push(if i == 0 {
                let title = title_lines(flow.fonts, g, scale, col);
                let head = title_height(&title, scale);
                (title, card, h + head)
            } else {
                (Vec::new(), card, h)
            });
        }
    }
    let heights: Vec<f32> = units.iter().map(|u| u.2).collect();
    let total: f32 = heights.iter().sum();
    let tallest_unit = heights.iter().copied().fold(0.0, f32::max);
    // the shortest column height at which the units fit in the columns
    let (mut lo, mut hi) = ((total / COLUMNS as f32).max(tallest_unit), total);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if split(&heights, mid).len() <= COLUMNS {
            hi = mid
        } else {
            lo = mid
        }
    }
    let starts = split(&heights, hi);
    let height = column_height(&heights, &starts);
    flow.gap(6.0 * scale);
    if height > flow.room() || starts.len() > COLUMNS {
        return false;
    }
    let top = flow.take(height);
    flow.role(Role::TableRow, top);
    let l = flow.left();
    let (mut x, mut y) = (l, top);
    for (i, (title, card, h)) in units.iter().enumerate() {
        if let Some(c) = starts.iter().position(|s| *s == i) {
            x = l + c as f32 * (col + GUTTER);
            y = top;
        }
        let mut card_top = y;
        if !title.is_empty() {
            draw_title(flow, title, x, y + 3.0 * scale);
            card_top += title_height(title, scale);
        }
        card.draw(flow, x, card_top, col, card.height());
        y += h;
    }
    true
}

/// A group's title wrapped to `width`.
fn title_lines(fonts: &Fonts, title: &str, scale: f32, width: f32) -> Vec<Line> {
    inline::lines(
        fonts,
        &plain(title),
        &Style {
            face: Face::Bold,
            size: 11.5 * scale,
            color: INK,
            ctx: None,
        },
        width,
    )
}

/// Height a group's title takes, with the room under it.
fn title_height(lines: &[Line], scale: f32) -> f32 {
    inline::height(lines) + 6.0 * scale
}

fn draw_title(flow: &mut Flow, lines: &[Line], x: f32, top: f32) {
    let mut y = top;
    for line in lines {
        inline::draw(flow, line, x, y);
        y += line.height;
    }
}

/// Where each column starts when filled greedily up to `cap`.
fn split(heights: &[f32], cap: f32) -> Vec<usize> {
    let mut starts = vec![0];
    let mut used = 0.0;
    for (i, h) in heights.iter().enumerate() {
        if used + h > cap + 0.01 && used > 0.0 {
            starts.push(i);
            used = 0.0;
        }
        used += h;
    }
    starts
}

fn column_height(heights: &[f32], starts: &[usize]) -> f32 {
    let mut bounds = starts.to_vec();
    bounds.push(heights.len());
    bounds
        .windows(2)
        .map(|w| heights[w[0]..w[1]].iter().sum::<f32>())
        .fold(0.0, f32::max)
}

/// A titled group of cards in pairs, breaking pages between pairs.
fn group(flow: &mut Flow, title: &str, members: &[&Contact], scale: f32, key: bool) {
    let col = (flow.width() - GUTTER) / 2.0;
    let cards: Vec<Card> = members
        .iter()
        .map(|c| Card::new(flow.fonts, c, col, scale, key))
        .collect();
    let first = cards.iter().take(2).map(Card::height).fold(0.0, f32::max);
    let lines = title_lines(flow.fonts, title, scale, flow.width());
    let head = title_height(&lines, scale);
    flow.gap(8.0 * scale);
    flow.ensure(head + first);
    let top = flow.take(head);
    flow.role(Role::Heading, top);
    let l = flow.left();
    draw_title(flow, &lines, l, top + 2.0 * scale);
    for pair in cards.chunks(2) {
        let h = pair.iter().map(Card::height).fold(0.0, f32::max);
        let top = flow.take(h);
        flow.role(Role::TableRow, top);
        let l = flow.left();
        for (i, card) in pair.iter().enumerate() {
            card.draw(flow, l + i as f32 * (col + GUTTER), top, col, h);
        }
        flow.take(GUTTER * 0.5 * scale);
    }
}
