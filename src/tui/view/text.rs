//! Drawing a text screen: help, pack health, a contact in full, the incident log.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::put;
use crate::tui::screen::text::{Line, Tone};
use crate::tui::theme::Theme;

pub fn render(t: &Theme, lines: &[Line], scroll: usize, area: Rect, buf: &mut Buffer) {
    for (i, (text, tone)) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        let style = match tone {
            Tone::Heading => t.heading,
            Tone::Plain => Style::new(),
            Tone::Detail => t.detail,
            Tone::Error => t.error,
            Tone::Warning => t.warning,
        };
        put(buf, area.x + 1, area.y + i as u16, text, style);
    }
}
