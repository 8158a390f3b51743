//! Drawing a list: headings, items with a selection marker that shows without colour, detail
//! lines, and numbers that are drawn whole (the label gives way).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fit, put};
use crate::layout::wrap::width as text_width;
use crate::tui::menu::{DETAIL_INDENT, MenuState, Row, row_of_item};
use crate::tui::theme::Theme;

pub fn render(t: &Theme, rows: &[Row], state: &MenuState, area: Rect, buf: &mut Buffer) {
    let selected_row = row_of_item(rows, state.selected);
    let width = usize::from(area.width);
    let max = width.saturating_sub(2);
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(usize::from(area.height))
    {
        let y = area.y + (i - state.offset) as u16;
        let x = area.x + 1;
        let is_selected = selected_row == Some(i);
        let (marker, style) = if is_selected {
            ("> ", t.selected)
        } else {
            ("  ", t.item)
        };
        match row {
            Row::Heading(text) => {
                put(buf, x, y, &fit(text, max), t.heading);
            }
            Row::Blank => {}
            Row::Text(text) => {
                put(buf, x + 2, y, &fit(text, max.saturating_sub(2)), t.item);
            }
            Row::Detail(text) => {
                let room = max.saturating_sub(DETAIL_INDENT);
                put(buf, x + DETAIL_INDENT as u16, y, &fit(text, room), t.detail);
            }
            Row::Item { label, detail, .. } => {
                let end = put(buf, x, y, marker, style);
                let end = put(buf, end, y, &fit(label, max.saturating_sub(2)), style);
                if is_selected {
                    // the selection shows past the label too, so it reads without colour
                    put(buf, end, y, "  ", style);
                }
                let dx = end + 3;
                let room = usize::from((area.x + area.width).saturating_sub(dx + 1));
                if !detail.is_empty() && room > 8 {
                    put(buf, dx, y, &fit(detail, room), t.detail);
                }
            }
            Row::Numbered { label, number, .. } => {
                // the number is never cut: the label is shortened to leave room for it
                let number_w = text_width(number);
                let label_room = max.saturating_sub(2 + number_w + 3);
                let end = put(buf, x, y, marker, style);
                let end = put(buf, end, y, &fit(label, label_room), style);
                if is_selected {
                    put(buf, end, y, "  ", style);
                }
                if number_w + 4 <= max {
                    put(buf, end + 3, y, number, t.key_number);
                }
            }
        }
    }
}
