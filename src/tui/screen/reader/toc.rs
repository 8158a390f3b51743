//! The table of contents of an open document: moving in it, jumping to a heading, where it
//! pops up.

use ratatui::layout::{Position, Rect};

use super::ReaderState;
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::reply::Reply;

impl ReaderState {
    pub(super) fn update_toc(&mut self, ctx: &Ctx, action: Action) -> Reply {
        let Some(sel) = self.toc else {
            return Reply::none();
        };
        let count = self.rendered.anchors.len();
        let last = count.saturating_sub(1);
        let mut jump = None;
        let next = match action {
            Action::Back | Action::Contents => {
                self.toc = None;
                return Reply::none();
            }
            Action::Up | Action::WheelUp => sel.saturating_sub(1),
            Action::Down | Action::WheelDown => (sel + 1).min(last),
            Action::PageUp => sel.saturating_sub(10),
            Action::PageDown => (sel + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open => {
                jump = Some(sel);
                sel
            }
            Action::Click { column, row } => {
                let popup = toc_area(ctx, count);
                let inner_top = popup.y + 1;
                if popup.contains(Position { x: column, y: row }) && row >= inner_top {
                    let offset = toc_offset(sel, usize::from(popup.height.saturating_sub(2)));
                    let i = offset + usize::from(row - inner_top);
                    if i < count {
                        jump = Some(i);
                    }
                    sel
                } else {
                    self.toc = None;
                    return Reply::none();
                }
            }
            _ => sel,
        };
        self.toc = Some(next);
        if let Some(line) = jump
            .and_then(|i| self.rendered.anchors.get(i))
            .map(|(_, l)| *l)
        {
            self.toc = None;
            self.scroll = line.min(self.max_scroll(ctx.height()));
            self.link = None;
        }
        Reply::none()
    }
}

/// Where the table of contents pops up, for `count` headings.
pub fn toc_area(ctx: &Ctx, count: usize) -> Rect {
    let body = ctx.body();
    let width = body.width.saturating_sub(4).min(64);
    let height = (count.min(usize::from(u16::MAX - 2)) as u16 + 2)
        .min(body.height.saturating_sub(2))
        .max(3.min(body.height));
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + 1.min(body.height),
        width,
        height,
    }
}

/// First visible entry of the table of contents for a selection and a height.
pub fn toc_offset(selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < height {
        0
    } else {
        selected + 1 - height
    }
}
