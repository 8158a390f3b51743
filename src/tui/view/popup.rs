//! Drawing popups: a prompt (with its cursor) and the question before quitting.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fit, put};
use crate::tui::popup::{Popup, QUIT_CHOICES};
use crate::tui::theme::Theme;

/// A box of `height` rows in the middle of the body, blanked, with a title in its top border.
fn frame(t: &Theme, title: &str, body: Rect, height: u16, buf: &mut Buffer) -> Option<Rect> {
    let width = body.width.saturating_sub(4).min(76);
    if width < 20 || body.height < height {
        return None;
    }
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    let w = usize::from(width);
    for y in area.y..area.y + area.height {
        let border = y == area.y || y == area.y + area.height - 1;
        let line = if y == area.y && !title.is_empty() {
            format!("+- {} ", fit(title, w - 6))
        } else if border {
            "+".to_string()
        } else {
            "|".to_string()
        };
        let fill = if border { "-" } else { " " };
        let line = format!(
            "{line}{}",
            fill.repeat(w.saturating_sub(line.chars().count() + 1))
        );
        let edge = if border { "+" } else { "|" };
        put(buf, area.x, y, &format!("{line}{edge}"), t.popup);
    }
    Some(area)
}

pub fn render(t: &Theme, popup: &Popup, body: Rect, buf: &mut Buffer) {
    match popup {
        Popup::Prompt(p) => {
            // the question is wrapped inside the box, so it is never cut
            let room = usize::from(body.width.saturating_sub(4).min(76)).saturating_sub(4);
            let mut lines = crate::tui::screen::text::wrap(&p.title, room);
            lines.truncate(usize::from(body.height.saturating_sub(4)).max(1));
            let height = lines.len() as u16 + 4;
            let Some(area) = frame(t, "", body, height, buf) else {
                return;
            };
            let x = area.x + 2;
            for (i, line) in lines.iter().enumerate() {
                put(buf, x, area.y + 1 + i as u16, line, t.popup);
            }
            let y = area.y + 1 + lines.len() as u16;
            let (shown, column) = p.field.visible(room);
            put(buf, x, y, &" ".repeat(room), t.selected);
            put(buf, x, y, &shown, t.selected);
            put(buf, x + column as u16, y, "_", t.selected);
            put(buf, x, y + 1, "Enter: done   Esc: cancel", t.popup);
        }
        Popup::Quit(q) => {
            // on a short screen the explanation gives way to the choices
            let choices = QUIT_CHOICES.len() as u16;
            let roomy = body.height >= choices + 4;
            let height = if roomy { choices + 4 } else { choices + 2 };
            let Some(area) = frame(t, "The incident log is NOT SAVED", body, height, buf) else {
                return;
            };
            let room = usize::from(area.width).saturating_sub(4);
            let first = if roomy {
                let why = "It is kept in memory only and is lost when you quit.";
                put(buf, area.x + 2, area.y + 1, &fit(why, room), t.popup);
                area.y + 3
            } else {
                area.y + 1
            };
            for (i, choice) in QUIT_CHOICES.iter().enumerate() {
                let (marker, style) = if i == q.selected {
                    ("> ", t.selected)
                } else {
                    ("  ", t.popup)
                };
                put(
                    buf,
                    area.x + 2,
                    first + i as u16,
                    &format!("{marker}{choice}"),
                    style,
                );
            }
        }
    }
}
