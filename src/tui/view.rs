//! Drawing: the frame around every screen (header, banner, key-contacts strip, footer) and
//! dispatch to each screen's body. Children: [`menu`] draws lists, [`document`] draws an open
//! document and its table of contents, [`text`] the help and problems screens.

mod document;
mod menu;
mod search;
mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::app::{App, Screen};
use super::keymap;
pub use text::text_screen_len;

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub header: Rect,
    pub banner: Option<Rect>,
    pub body: Rect,
    pub keys: Rect,
    pub footer: Rect,
}

/// Split the terminal into header, optional banner, body, key-contacts strip and footer.
pub fn areas(app: &App, area: Rect) -> Areas {
    let row = |y: u16, h: u16| Rect {
        x: area.x,
        y,
        width: area.width,
        height: h,
    };
    let header_height = 1.min(area.height);
    let banner_height = u16::from(banner_text(app).is_some()).min(area.height - header_height);
    let strip_lines = key_strip_lines(app, area.width).len() as u16;
    let keys_height = if strip_lines == 0 { 0 } else { strip_lines + 1 };
    let rest = area.height - header_height - banner_height;
    let footer_height = 1.min(rest);
    let keys_height = keys_height.min(rest - footer_height);
    let body_height = rest - footer_height - keys_height;
    let header = row(area.y, header_height);
    let banner = (banner_height > 0).then(|| row(area.y + header_height, 1));
    let body = row(area.y + header_height + banner_height, body_height);
    let keys = row(body.y + body_height, keys_height);
    let footer = row(keys.y + keys_height, footer_height);
    Areas {
        header,
        banner,
        body,
        keys,
        footer,
    }
}

/// Where the table of contents pops up.
pub fn toc_area(app: &App) -> Rect {
    let body = areas(app, app.area).body;
    let count = match app.screen() {
        Screen::Reader(r) => r.rendered.anchors.len() as u16,
        _ => 0,
    };
    let width = body.width.saturating_sub(4).min(64);
    let height = (count + 2)
        .min(body.height.saturating_sub(2))
        .max(3.min(body.height));
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + 1.min(body.height),
        width,
        height,
    }
}

/// Draw the whole screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let a = areas(app, area);
    header(app, a.header, buf);
    if let (Some(r), Some(text)) = (a.banner, banner_text(app)) {
        buf.set_style(r, app.theme.banner);
        buf.set_stringn(
            r.x + 1,
            r.y,
            text,
            usize::from(r.width.saturating_sub(2)),
            app.theme.banner,
        );
    }
    match app.screen() {
        Screen::Chooser(state)
        | Screen::Home(state)
        | Screen::Contacts(state)
        | Screen::Incidents(state) => menu::render(app, state, a.body, buf),
        Screen::Log { scroll, .. } => text::render(app, *scroll, a.body, buf),
        Screen::Search(state) => search::render(app, state, a.body, buf),
        Screen::Reader(r) => document::render(app, r, a.body, buf),
        Screen::Help(scroll) | Screen::Problems(scroll) => text::render(app, *scroll, a.body, buf),
    }
    key_strip(app, a.keys, buf);
    footer(app, a.footer, buf);
    if let Some(p) = &app.prompt {
        prompt(app, p, a.body, buf);
    }
}

/// The text prompt, drawn over the body.
fn prompt(app: &App, p: &super::incident::Prompt, body: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let width = body.width.saturating_sub(4).min(76);
    if width < 10 || body.height < 5 {
        return;
    }
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + body.height / 3,
        width,
        height: 4,
    };
    let w = usize::from(width);
    let blank = " ".repeat(w);
    for y in area.y..area.y + area.height {
        buf.set_stringn(area.x, y, &blank, w, t.popup);
    }
    buf.set_stringn(
        area.x,
        area.y,
        format!("+- {} {}", p.title, "-".repeat(w)),
        w - 1,
        t.popup,
    );
    buf.set_stringn(area.x + area.width - 1, area.y, "+", 1, t.popup);
    // show the end of what was typed, with a cursor
    let room = w.saturating_sub(4);
    let typed: Vec<char> = p.text.chars().collect();
    let shown: String = typed[typed.len().saturating_sub(room - 1)..]
        .iter()
        .collect();
    buf.set_stringn(area.x, area.y + 1, "|", 1, t.popup);
    buf.set_stringn(
        area.x + 2,
        area.y + 1,
        format!("{shown}_"),
        room,
        t.selected,
    );
    buf.set_stringn(area.x + area.width - 1, area.y + 1, "|", 1, t.popup);
    buf.set_stringn(
        area.x,
        area.y + 2,
        format!("| Enter: done   Esc: cancel{}", " ".repeat(w)),
        w - 1,
        t.popup,
    );
    buf.set_stringn(area.x + area.width - 1, area.y + 2, "|", 1, t.popup);
    buf.set_stringn(
        area.x,
        area.y + 3,
        format!("+{}+", "-".repeat(w - 2)),
        w,
        t.popup,
    );
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "Please make this window bigger.",
        "manualpack needs at least",
        "40 columns and 12 rows.",
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

/// The loud line under the header: an incident in progress, review overdue, or load errors.
fn banner_text(app: &App) -> Option<String> {
    if let Some(incident) = super::incident::banner(app) {
        return Some(incident);
    }
    let pack = app.current_pack()?;
    if matches!(app.screen(), Screen::Chooser(_)) {
        return None;
    }
    if pack.meta.review_overdue(app.today) {
        let date = pack
            .meta
            .next_review
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Some(format!(
            "REVIEW OVERDUE since {date}: check with the practice manager that this pack is current"
        ));
    }
    let errors = pack.error_count();
    if errors > 0 {
        return Some(format!(
            "{errors} problem(s) in this pack: press ! to see them; everything else still works"
        ));
    }
    None
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.header);
    let Some(pack) = app.current_pack() else {
        buf.set_stringn(
            area.x + 1,
            area.y,
            "manualpack: no pack could be opened",
            usize::from(area.width),
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
    // the longest version of the right-hand side that fits beside the title wins
    let candidates = [
        format!("{example}{version}{reviewed}{next}"),
        format!("{example}{version}{next}"),
        format!("{example}{version}"),
        example.trim_end_matches(" | ").to_string(),
    ];
    let title = match app.screen() {
        Screen::Chooser(_) => "manualpack".to_string(),
        Screen::Home(_) => m.practice.name.clone(),
        Screen::Reader(r) => {
            let doc = app
                .set
                .packs
                .get(r.pack)
                .and_then(|p| p.docs.get(r.doc))
                .map_or("", |d| d.title.as_str());
            format!("{} > {doc}", m.practice.name)
        }
        Screen::Contacts(_) => format!("{} > Contacts", m.practice.name),
        Screen::Help(_) => format!("{} > Help", m.practice.name),
        Screen::Problems(_) => format!("{} > Pack problems", m.practice.name),
        Screen::Incidents(_) => format!("{} > Incidents", m.practice.name),
        Screen::Log { .. } => format!("{} > Incident log", m.practice.name),
        Screen::Search(_) => format!("{} > Search", m.practice.name),
    };
    let width = usize::from(area.width);
    let title_w = title.chars().count();
    let right = candidates
        .iter()
        .find(|c| title_w + c.chars().count() + 4 <= width)
        .cloned()
        .unwrap_or_default();
    let right_w = right.chars().count();
    buf.set_stringn(
        area.x + 1,
        area.y,
        &title,
        width.saturating_sub(right_w + 3),
        t.header,
    );
    if right_w > 0 {
        let x = area.x + area.width - right_w as u16 - 1;
        buf.set_stringn(x, area.y, &right, right_w, t.header);
    }
}

/// Key contacts packed into at most three lines of "Name  number" entries (each entry goes on
/// the first line with room, so long names do not waste a line).
pub fn key_strip_lines(app: &App, width: u16) -> Vec<Vec<(String, String)>> {
    let Some(pack) = app.current_pack() else {
        return Vec::new();
    };
    let width = usize::from(width).saturating_sub(2);
    let mut lines: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for c in pack.key_contacts() {
        let number = c.main_number().unwrap_or("").to_string();
        let entry_w = c.name.chars().count() + 1 + number.chars().count();
        match lines
            .iter_mut()
            .find(|(used, _)| used + 3 + entry_w <= width)
        {
            Some((used, line)) => {
                *used += 3 + entry_w;
                line.push((c.name.clone(), number));
            }
            None => lines.push((entry_w, vec![(c.name.clone(), number)])),
        }
    }
    lines.truncate(3);
    lines.into_iter().map(|(_, l)| l).collect()
}

fn key_strip(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let title = "-- Key numbers (c: all contacts) ";
    let rule = format!(
        "{title}{}",
        "-".repeat(usize::from(area.width).saturating_sub(title.len()))
    );
    buf.set_stringn(area.x, area.y, rule, usize::from(area.width), t.key_strip);
    for (i, line) in key_strip_lines(app, area.width).iter().enumerate() {
        let y = area.y + 1 + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let mut x = area.x + 1;
        let end = area.x + area.width;
        for (n, (name, number)) in line.iter().enumerate() {
            if n > 0 {
                x = buf
                    .set_stringn(x, y, " | ", usize::from(end - x), t.key_strip)
                    .0;
            }
            x = buf
                .set_stringn(x, y, name, usize::from(end.saturating_sub(x)), t.key_name)
                .0;
            x = buf
                .set_stringn(x, y, " ", usize::from(end.saturating_sub(x)), t.key_name)
                .0;
            x = buf
                .set_stringn(
                    x,
                    y,
                    number,
                    usize::from(end.saturating_sub(x)),
                    t.key_number,
                )
                .0;
        }
    }
}

fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let width = usize::from(area.width);
    if let Some(status) = &app.status {
        buf.set_stringn(
            area.x + 1,
            area.y,
            status,
            width.saturating_sub(2),
            t.status,
        );
        return;
    }
    let mut x = area.x + 1;
    let end = area.x + area.width;
    let position = position_text(app);
    let reserve = position.as_ref().map_or(0, |p| p.len() as u16 + 2);
    for (key, hint) in keymap::hints(app.screen().kind()) {
        let need = (key.len() + hint.len() + 3) as u16;
        if x + need + reserve > end {
            break;
        }
        x = buf.set_stringn(x, area.y, key, key.len(), t.footer_key).0;
        x = buf
            .set_stringn(x, area.y, format!(" {hint}   "), hint.len() + 4, t.footer)
            .0;
    }
    if let Some(p) = position {
        let px = end.saturating_sub(p.len() as u16 + 1);
        buf.set_stringn(px, area.y, &p, p.len(), t.footer);
    }
}

/// "line 12/140" for documents.
fn position_text(app: &App) -> Option<String> {
    let Screen::Reader(r) = app.screen() else {
        return None;
    };
    let total = r.rendered.lines.len();
    let height = app.body_height();
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
