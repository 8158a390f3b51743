//! The help screen (generated from the keymap) and the problems screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::app::{App, Screen};
use crate::tui::keymap;

/// The lines of the help or problems screen, for a width.
pub fn lines(app: &App, width: usize) -> Vec<(String, Style)> {
    let t = &app.theme;
    let mut out = Vec::new();
    match app.screen() {
        Screen::Help(_) => {
            out.push(("Keys".to_string(), t.heading));
            out.push((String::new(), Style::new()));
            let help = keymap::help_lines();
            let key_w = help
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0)
                .min(28);
            for (keys, what) in help {
                out.push((format!("{keys:<key_w$}   {what}"), Style::new()));
            }
            out.push((String::new(), Style::new()));
            out.push((
                "The key numbers at the bottom are always on screen.".into(),
                t.detail,
            ));
        }
        Screen::Problems(_) => {
            let problems: Vec<_> = app
                .current_pack()
                .map(|p| p.problems.iter().collect())
                .unwrap_or_default();
            out.push((
                format!("{} problem(s) in this pack", problems.len()),
                t.heading,
            ));
            out.push((
                "Everything else in the pack still works. Tell IT about these.".into(),
                t.detail,
            ));
            out.push((String::new(), Style::new()));
            for p in problems {
                let style = if p.is_error() { t.error } else { t.warning };
                for (i, piece) in wrap_plain(&p.to_string(), width.saturating_sub(2).max(10))
                    .into_iter()
                    .enumerate()
                {
                    let indent = if i == 0 { "" } else { "    " };
                    out.push((
                        format!("{indent}{piece}"),
                        if i == 0 { style } else { Style::new() },
                    ));
                }
            }
        }
        Screen::Log { id, .. } => {
            for (i, line) in crate::tui::incident::log_lines(app, id)
                .into_iter()
                .enumerate()
            {
                let style = if i == 0 { t.heading } else { Style::new() };
                // continuation lines hang under the text, after the 17-column time stamp
                let inlines = [crate::document::Inline::Text(crate::document::Text {
                    text: line,
                    ..Default::default()
                })];
                let pieces =
                    crate::layout::wrap_inlines(&inlines, width.saturating_sub(2 + 17).max(10));
                for (k, piece) in pieces.into_iter().enumerate() {
                    out.push((
                        if k == 0 {
                            piece
                        } else {
                            format!("{:17}{piece}", "")
                        },
                        style,
                    ));
                }
            }
        }
        _ => {}
    }
    out
}

/// Number of lines of the current text screen at the current width.
pub fn text_screen_len(app: &App) -> usize {
    lines(app, usize::from(app.area.width)).len()
}

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let lines = lines(app, usize::from(area.width));
    for (i, (text, style)) in lines
        .iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .enumerate()
    {
        buf.set_stringn(
            area.x + 1,
            area.y + i as u16,
            text,
            usize::from(area.width.saturating_sub(2)),
            *style,
        );
    }
}

/// Word-wrap plain text (used for problem messages), leaving room for a 4-column indent.
fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let inlines = [crate::document::Inline::Text(crate::document::Text {
        text: text.to_string(),
        ..Default::default()
    })];
    crate::layout::wrap_inlines(&inlines, width.saturating_sub(4).max(1))
}
