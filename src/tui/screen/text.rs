//! Screens of text that scroll: help (generated from the keymap), pack health (`manualpack
//! check`'s findings) and the incident log (which opens at its newest entry and follows it).

use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, plural};
use crate::tui::keymap;
use crate::tui::reply::Reply;

/// How a line of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Heading,
    Plain,
    Detail,
    Error,
    Warning,
}

/// A line of a text screen.
pub type Line = (String, Tone);

/// Word-wrap plain text to `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    crate::layout::wrap_text(text, width.max(10))
}

/// Scroll `scroll` through `len` lines shown `height` at a time. False when the action is not
/// a scrolling one.
pub fn scroll_by(scroll: &mut usize, len: usize, height: usize, action: Action) -> bool {
    let max = len.saturating_sub(height);
    let page = height.saturating_sub(1).max(1);
    *scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::WheelUp => scroll.saturating_sub(3),
        Action::Down => *scroll + 1,
        Action::WheelDown => *scroll + 3,
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => *scroll + page,
        Action::Top => 0,
        Action::Bottom => max,
        _ => return false,
    }
    .min(max);
    true
}

/// A scrolled text screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextState {
    pub scroll: usize,
}

impl TextState {
    pub fn update(
        &mut self,
        ctx: &Ctx,
        action: Action,
        lines: fn(&Ctx, usize) -> Vec<Line>,
    ) -> Reply {
        if action == Action::Back {
            return Reply::back();
        }
        let len = lines(ctx, usize::from(ctx.body().width)).len();
        scroll_by(&mut self.scroll, len, ctx.height(), action);
        Reply::none()
    }
}

/// The help screen: every key, by where it applies.
pub fn help_lines(_ctx: &Ctx, width: usize) -> Vec<Line> {
    let mut out: Vec<Line> = vec![
        (
            "Esc always goes back one step; F10 or Ctrl-C quits from anywhere.".into(),
            Tone::Heading,
        ),
        (
            "On the home screen just type to search. The key numbers at the bottom are always on screen.".into(),
            Tone::Detail,
        ),
    ];
    for (title, rows) in keymap::help_sections() {
        out.push((String::new(), Tone::Plain));
        out.push((title.to_string(), Tone::Heading));
        let key_w = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        for (keys, what) in rows {
            let text_w = width.saturating_sub(key_w + 5);
            for (i, piece) in wrap(what, text_w).into_iter().enumerate() {
                let k = if i == 0 { keys.as_str() } else { "" };
                out.push((format!("{k:<key_w$}   {piece}"), Tone::Plain));
            }
        }
    }
    out
}

/// The pack health screen.
pub fn problem_lines(ctx: &Ctx, width: usize) -> Vec<Line> {
    let health = ctx.current_health();
    let (errors, warnings) = crate::check::counts(health);
    let mut out: Vec<Line> = vec![(
        format!(
            "Pack health: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
        Tone::Heading,
    )];
    let note = if ctx.pending.health {
        "Still checking the pack: what is found will show here in a moment."
    } else if health.is_empty() {
        "manualpack check found nothing wrong with this pack."
    } else {
        "Everything else in the pack still works. Tell IT about these (manualpack check lists them too)."
    };
    for piece in wrap(note, width.saturating_sub(2)) {
        out.push((piece, Tone::Detail));
    }
    out.push((String::new(), Tone::Plain));
    for d in health {
        let tone = if d.is_error() {
            Tone::Error
        } else {
            Tone::Warning
        };
        let text = crate::check::render::one_line(d);
        for (i, piece) in wrap(&text, width.saturating_sub(6)).into_iter().enumerate() {
            if i == 0 {
                out.push((piece, tone));
            } else {
                out.push((format!("    {piece}"), Tone::Plain));
            }
        }
    }
    out
}

/// The log of one incident; `scroll` None follows the newest entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogState {
    pub id: String,
    pub scroll: Option<usize>,
}

/// Columns of a log line's time stamp ("2026-11-25 10:00  ").
const STAMP: usize = 18;

impl LogState {
    pub fn new(id: String) -> LogState {
        LogState { id, scroll: None }
    }

    pub fn lines(&self, ctx: &Ctx, width: usize) -> Vec<Line> {
        let mut out = Vec::new();
        for (i, line) in crate::tui::incident::log_lines(ctx, &self.id)
            .into_iter()
            .enumerate()
        {
            let tone = if i == 0 { Tone::Heading } else { Tone::Plain };
            // an entry's text hangs after its time stamp; other lines take the whole width
            let (stamp, text) = match line.split_once("  ") {
                Some((stamp, text)) if stamp.len() + 2 == STAMP => (stamp, text),
                _ => ("", line.as_str()),
            };
            let indent = if stamp.is_empty() { 0 } else { STAMP };
            for (k, piece) in wrap(text, width.saturating_sub(2 + indent))
                .into_iter()
                .enumerate()
            {
                let lead = if k == 0 && !stamp.is_empty() {
                    format!("{stamp}  ")
                } else {
                    " ".repeat(indent)
                };
                out.push((format!("{lead}{piece}"), tone));
            }
        }
        out
    }

    /// The first line shown, for `len` lines in `height` rows.
    pub fn top(&self, len: usize, height: usize) -> usize {
        let max = len.saturating_sub(height);
        self.scroll.map_or(max, |s| s.min(max))
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        if action == Action::Back {
            return Reply::back();
        }
        let len = self.lines(ctx, usize::from(ctx.body().width)).len();
        let height = ctx.height();
        let mut top = self.top(len, height);
        if scroll_by(&mut top, len, height, action) {
            let at_end = top >= len.saturating_sub(height);
            self.scroll = (!at_end).then_some(top);
        }
        Reply::none()
    }
}
