//! Drawing a menu (home, pack chooser, contacts): headings, items with a selection marker that
//! shows without colour, and detail lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::app::App;
use crate::tui::menu::{MenuState, Row, row_of_item};

pub fn render(app: &App, state: &MenuState, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(rows) = app.menu_rows() else { return };
    let selected_row = row_of_item(&rows, state.selected);
    let width = usize::from(area.width);
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(usize::from(area.height))
    {
        let y = area.y + (i - state.offset) as u16;
        let x = area.x + 1;
        let max = width.saturating_sub(2);
        match row {
            Row::Heading(text) => {
                buf.set_stringn(x, y, text, max, t.heading);
            }
            Row::Blank => {}
            Row::Detail(text) => {
                buf.set_stringn(x + 6, y, text, max.saturating_sub(6), t.detail);
            }
            Row::Item { label, detail, .. } => {
                let is_selected = selected_row == Some(i);
                let (marker, style) = if is_selected {
                    ("> ", t.selected)
                } else {
                    ("  ", t.item)
                };
                let end = buf.set_stringn(x, y, marker, max, style).0;
                let end = buf
                    .set_stringn(end, y, label, max.saturating_sub(2), style)
                    .0;
                if is_selected {
                    // the whole row shows the selection, so it reads even without colour
                    let used = end - x;
                    let rest = " ".repeat(
                        usize::from(area.width)
                            .saturating_sub(usize::from(used) + 2)
                            .min(2),
                    );
                    buf.set_stringn(end, y, rest, 2, style);
                }
                if !detail.is_empty() {
                    let dx = end + 3;
                    let room = usize::from((area.x + area.width).saturating_sub(dx + 1));
                    if room > 8 {
                        buf.set_stringn(dx, y, detail, room, t.detail);
                    }
                }
            }
        }
    }
}
