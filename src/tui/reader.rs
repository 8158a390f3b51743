//! Actions on an open document: scrolling, selecting and following links, and the table of
//! contents.

use super::action::Action;
use super::app::{App, Reader, Screen};
use super::view::{areas, toc_area};

pub fn update(app: &mut App, action: Action) {
    let height = app.body_height();
    let a = areas(app, app.area);
    let toc_open = matches!(app.stack.last(), Some(Screen::Reader(r)) if r.toc.is_some());
    if toc_open {
        toc(app, action);
        return;
    }
    let mut follow = false;
    let mut toggle = None;
    let mut status = None;
    let Some(Screen::Reader(r)) = app.stack.last_mut() else {
        return;
    };
    let len = r.rendered.lines.len();
    let max = len.saturating_sub(height.max(1));
    let page = height.saturating_sub(2).max(1);
    match action {
        Action::Up | Action::WheelUp => {
            r.scroll = r
                .scroll
                .saturating_sub(if action == Action::Up { 1 } else { 3 })
        }
        Action::Down | Action::WheelDown => {
            r.scroll = (r.scroll + if action == Action::Down { 1 } else { 3 }).min(max)
        }
        Action::PageUp => r.scroll = r.scroll.saturating_sub(page),
        Action::PageDown => r.scroll = (r.scroll + page).min(max),
        Action::Top => r.scroll = 0,
        Action::Bottom => r.scroll = max,
        Action::NextLink => select_link(r, height, true),
        Action::PrevLink => select_link(r, height, false),
        Action::Contents => {
            if r.rendered.anchors.is_empty() {
                status = Some("This document has no headings".to_string());
            } else {
                let current = r
                    .rendered
                    .anchors
                    .iter()
                    .rposition(|(_, line)| *line <= r.scroll)
                    .unwrap_or(0);
                r.toc = Some(current);
            }
        }
        Action::Click { column, row } => {
            let body = a.body;
            if !body.contains(ratatui::layout::Position { x: column, y: row }) {
                return;
            }
            let line = r.scroll + usize::from(row - body.y);
            let col = usize::from(column.saturating_sub(body.x + 1));
            let on_marker = column <= body.x + 4;
            let step = r.rendered.steps.iter().rposition(|s| s.line == line);
            if let (true, Some(step)) = (on_marker, step) {
                toggle = Some(step);
            } else if let Some(link) = link_at(r, line, col) {
                r.link = r.rendered.links.iter().position(|(l, _)| *l == link);
                follow = true;
            }
        }
        Action::Open => follow = true,
        _ => {}
    }
    if let Some(step) = toggle {
        super::incident::toggle(app, step);
    }
    if status.is_some() {
        app.status = status;
    }
    if follow {
        app.follow_link();
    }
}

/// Select the next (or previous) link, starting from the screen when none is selected, and
/// scroll it into view.
fn select_link(r: &mut Reader, height: usize, forward: bool) {
    let links = &r.rendered.links;
    if links.is_empty() {
        return;
    }
    let visible = |line: usize| line >= r.scroll && line < r.scroll + height;
    let next = match r.link {
        Some(i) if forward => (i + 1) % links.len(),
        Some(i) => (i + links.len() - 1) % links.len(),
        None if forward => links.iter().position(|(_, l)| *l >= r.scroll).unwrap_or(0),
        None => links
            .iter()
            .rposition(|(_, l)| visible(*l))
            .unwrap_or(links.len() - 1),
    };
    r.link = Some(next);
    let line = links[next].1;
    if !visible(line) {
        r.scroll = line.saturating_sub(height / 3);
        let max = r.rendered.lines.len().saturating_sub(height.max(1));
        r.scroll = r.scroll.min(max);
    }
}

/// The link under a position of the laid-out text.
fn link_at(r: &Reader, line: usize, col: usize) -> Option<usize> {
    let line = r.rendered.lines.get(line)?;
    let mut x = 0;
    for span in &line.spans {
        let w = span.width();
        if col >= x && col < x + w {
            return span.link;
        }
        x += w;
    }
    None
}

fn toc(app: &mut App, action: Action) {
    let height = app.body_height();
    let popup = toc_area(app);
    let Some(Screen::Reader(r)) = app.stack.last_mut() else {
        return;
    };
    let Some(sel) = r.toc else { return };
    let count = r.rendered.anchors.len();
    let mut jump = None;
    let next = match action {
        Action::Up | Action::WheelUp => sel.saturating_sub(1),
        Action::Down | Action::WheelDown => (sel + 1).min(count.saturating_sub(1)),
        Action::PageUp => sel.saturating_sub(10),
        Action::PageDown => (sel + 10).min(count.saturating_sub(1)),
        Action::Top => 0,
        Action::Bottom => count.saturating_sub(1),
        Action::Contents => {
            r.toc = None;
            return;
        }
        Action::Open => {
            jump = Some(sel);
            sel
        }
        Action::Click { column, row } => {
            let inner_top = popup.y + 1;
            if popup.contains(ratatui::layout::Position { x: column, y: row }) && row >= inner_top {
                let offset = toc_offset(sel, usize::from(popup.height.saturating_sub(2)));
                let i = offset + usize::from(row - inner_top);
                if i < count {
                    jump = Some(i);
                }
            } else {
                r.toc = None;
            }
            sel
        }
        _ => sel,
    };
    r.toc = Some(next);
    if let Some(i) = jump {
        let line = r.rendered.anchors[i].1;
        let max = r.rendered.lines.len().saturating_sub(height.max(1));
        // remember where we were, so Back returns there
        let mut here = (**r).clone();
        here.toc = None;
        r.toc = None;
        r.scroll = line.min(max);
        r.link = None;
        let jumped = app.stack.pop();
        app.stack.push(Screen::Reader(Box::new(here)));
        if let Some(s) = jumped {
            app.stack.push(s);
        }
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
