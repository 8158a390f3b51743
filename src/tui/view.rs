//! Drawing: the frame around every screen (header, banner, key-numbers strip, footer) and
//! dispatch to each screen's body. Children: [`menu`] draws lists, [`document`] an open
//! document, its contents and find bar, [`search`] the search screen, [`text`] scrolled text,
//! [`popup`] prompts and the quit question.

mod document;
mod menu;
mod popup;
mod search;
mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::App;
use super::ctx::{Ctx, MIN_HEIGHT, MIN_WIDTH};
use super::screen::{Screen, home, incidents};
use super::theme::Theme;
use crate::layout::wrap::width as text_width;

/// Draw the whole screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let mut ctx = app.ctx();
    ctx.area = area;
    let t = &app.theme;
    let a = ctx.areas();
    header(app, &ctx, a.header, buf);
    if let (Some(r), Some(text)) = (a.banner, ctx.banner()) {
        buf.set_style(r, t.banner);
        put(
            buf,
            r.x + 1,
            r.y,
            &fit(&text, usize::from(r.width) - 2),
            t.banner,
        );
    }
    let body = a.body;
    match app.screen() {
        Screen::Chooser(state) => menu::render(t, &home::chooser_rows(&ctx), state, body, buf),
        Screen::Home(state) => {
            search::field_line(
                t,
                search::LABEL,
                &super::field::TextField::empty(),
                body,
                buf,
            );
            if let Some(notice) = home::notice_text(&ctx, usize::from(body.width).saturating_sub(2))
                && body.height > home::FIELD_ROWS
            {
                put(
                    buf,
                    body.x + 1,
                    body.y + home::NOTICE_ROW,
                    &notice,
                    t.changed,
                );
            }
            menu::render(t, &home::rows(&ctx), state, home::list_area(body), buf);
        }
        Screen::Contacts(state) => {
            menu::render(t, &super::screen::contacts::rows(&ctx), state, body, buf)
        }
        Screen::Incidents(state) => menu::render(t, &incidents::rows(&ctx), state, body, buf),
        Screen::Search(state) => search::render(t, &ctx, state, body, buf),
        Screen::Reader(r) => document::render(t, &ctx, r, body, buf),
        Screen::Contact(c) => {
            let lines = c.lines(&ctx, usize::from(body.width));
            text::render(t, &lines, c.scroll, body, buf);
        }
        Screen::Help(s) => {
            let lines = super::screen::text::help_lines(&ctx, usize::from(body.width));
            text::render(t, &lines, s.scroll, body, buf);
        }
        Screen::Problems(s) => {
            let lines = super::screen::text::problem_lines(&ctx, usize::from(body.width));
            text::render(t, &lines, s.scroll, body, buf);
        }
        Screen::Log(s) => {
            let lines = s.lines(&ctx, usize::from(body.width));
            let top = s.top(lines.len(), usize::from(body.height));
            text::render(t, &lines, top, body, buf);
        }
        Screen::Changes(s) => {
            let rows = super::screen::changes::rows(&ctx, usize::from(body.width));
            let current = s.current(&rows, usize::from(body.height));
            // the menu's selection counts items; none is drawn selected when none is in view
            let selected = current
                .map(|r| {
                    rows[..r]
                        .iter()
                        .filter(|row| row.target().is_some())
                        .count()
                })
                .unwrap_or(usize::MAX);
            let state = super::menu::MenuState {
                selected,
                offset: s.offset,
            };
            menu::render(t, &rows, &state, body, buf);
        }
    }
    key_strip(t, &ctx, a.keys, buf);
    footer(app, &ctx, a.footer, buf);
    if let Some(p) = &app.popup {
        popup::render(t, p, body, buf);
    }
}

/// Write `text` at (x, y), cut to the buffer's edge.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style) -> u16 {
    let area = buf.area;
    if y >= area.y + area.height || x >= area.x + area.width {
        return x;
    }
    let room = usize::from(area.x + area.width - x);
    buf.set_stringn(x, y, text, room, style).0
}

/// `text` fitted to `width` columns: whole when it fits, else cut at a word with "...".
pub fn fit(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if text_width(&next) + 3 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // one long word: cut it, but say so
        out = text
            .chars()
            .scan(0, |w, c| {
                *w += text_width(&c.to_string());
                (*w + 3 <= width).then_some(c)
            })
            .collect();
    }
    format!("{}...", out.trim_end_matches([',', ';', ':', ' ']))
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "Please make this window bigger.",
        "manualpack needs at least",
        "40 columns and 12 rows.",
        "(F10 or Ctrl-C quits.)",
    ];
    for (i, line) in lines.iter().enumerate() {
        if (i as u16) < area.height {
            buf.set_stringn(
                area.x,
                area.y + i as u16,
                line,
                usize::from(area.width),
                Style::new(),
            );
        }
    }
}

fn header(app: &App, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.header);
    let width = usize::from(area.width);
    let Some(pack) = ctx.current_pack() else {
        put(
            buf,
            area.x + 1,
            area.y,
            "manualpack: no pack could be opened",
            t.header,
        );
        return;
    };
    let m = &pack.meta;
    let example = if m.example { "EXAMPLE | " } else { "" };
    let version = m.version.map(|v| format!("v{v}")).unwrap_or_default();
    let next = m
        .next_review
        .map(|d| format!(" | next review {d}"))
        .unwrap_or_default();
    let reviewed = m
        .reviewed
        .map(|d| format!(" | reviewed {d}"))
        .unwrap_or_default();
    // the longest right-hand side that fits beside the title wins; a stick's state comes first
    let stick_candidates = ctx.stick.map(|s| {
        let (full, short) = (s.summary(), s.short());
        [
            format!("{full} | {example}{version}{reviewed}{next}"),
            format!("{full} | {example}{version}"),
            format!("{short} | {example}{version}"),
            short,
        ]
    });
    let candidates: Vec<String> = stick_candidates
        .into_iter()
        .flatten()
        .chain([
            format!("{example}{version}{reviewed}{next}"),
            format!("{example}{version}{next}"),
            format!("{example}{version}"),
            example.trim_end_matches(" | ").to_string(),
        ])
        .collect();
    // the whole title with the longest right-hand side that fits; on a narrow screen the
    // title without the practice's name; the right-hand side gives way first
    let titles: Vec<String> = match (app.screen(), app.screen().title(ctx)) {
        (Screen::Chooser(_), _) => vec!["manualpack".to_string()],
        (_, None) => vec![m.practice.name.clone()],
        (_, Some(t)) => vec![format!("{} > {t}", m.practice.name), t],
    };
    let fits = |title: &str, right: &str| {
        let gap = if right.is_empty() { 2 } else { 4 };
        text_width(title) + text_width(right) + gap <= width
    };
    let chosen = titles
        .iter()
        .flat_map(|t| candidates.iter().map(move |r| (t, r)))
        .find(|(t, r)| fits(t, r));
    let (title, right) = match chosen {
        Some((t, r)) => (t.clone(), r.clone()),
        None => {
            let last = titles.last().cloned().unwrap_or_default();
            (fit(&last, width.saturating_sub(2)), String::new())
        }
    };
    let right_w = text_width(&right);
    put(buf, area.x + 1, area.y, &title, t.header);
    if right_w > 0 {
        put(
            buf,
            area.x + area.width - right_w as u16 - 1,
            area.y,
            &right,
            t.header,
        );
    }
}

fn key_strip(t: &Theme, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let strip = ctx.strip();
    let title = if strip.shown < strip.total {
        format!(
            "-- Key numbers: {} of {} (F2: all) ",
            strip.shown, strip.total
        )
    } else {
        "-- Key numbers (F2: all contacts) ".to_string()
    };
    let rule = format!(
        "{title}{}",
        "-".repeat(usize::from(area.width).saturating_sub(title.len()))
    );
    put(
        buf,
        area.x,
        area.y,
        &fit(&rule, usize::from(area.width)),
        t.key_strip,
    );
    for (i, line) in strip.lines.iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let mut x = area.x + 1;
        for (n, entry) in line.iter().enumerate() {
            if n > 0 {
                x = put(buf, x, y, super::strip::GAP, t.key_strip);
            }
            x = put(buf, x, y, &entry.name, t.key_name);
            x = put(buf, x, y, " ", t.key_name);
            x = put(buf, x, y, &entry.number, t.key_number);
        }
    }
}

fn footer(app: &App, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let width = usize::from(area.width).saturating_sub(2);
    if let Some(status) = &app.status {
        // a long message takes the rows above the footer too, wrapped at words
        let lines = super::screen::text::wrap(status, width);
        let shown = &lines[..lines.len().min(5).min(usize::from(area.y) + 1)];
        for (k, line) in shown.iter().enumerate() {
            let y = area.y - (shown.len() - 1 - k) as u16;
            let row = Rect {
                y,
                height: 1,
                ..area
            };
            buf.set_style(row, Style::reset());
            for x in row.x..row.x + row.width {
                buf[(x, y)].set_symbol(" ");
            }
            put(buf, area.x + 1, y, line, t.status);
        }
        return;
    }
    let position = position_text(app, ctx);
    let reserve = position.as_ref().map_or(0, |p| p.len() + 2);
    let mut x = area.x + 1;
    let end = usize::from(area.x + area.width);
    for hint in app.hints() {
        let need = hint.key.len() + 1 + hint.word.len() + 2;
        if usize::from(x) + need + reserve > end {
            break;
        }
        x = put(buf, x, area.y, &hint.key, t.footer_key);
        x = put(buf, x, area.y, &format!(" {}  ", hint.word), t.footer);
    }
    if let Some(p) = position {
        let px = (end - p.len() - 1) as u16;
        put(buf, px, area.y, &p, t.footer);
    }
}

/// "12/140 50%" for documents.
fn position_text(app: &App, ctx: &Ctx) -> Option<String> {
    let Screen::Reader(r) = app.screen() else {
        return None;
    };
    let total = r.rendered.lines.len();
    let height = ctx.height();
    let pct = if total <= height {
        100
    } else {
        (r.scroll + height).min(total) * 100 / total
    };
    Some(format!(
        "{}/{} {pct}%",
        (r.scroll + 1).min(total.max(1)),
        total
    ))
}
