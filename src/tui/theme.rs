//! Named styles. A colour theme, and a monochrome one for `NO_COLOR` that still shows every state
//! (reverse video plus a text marker).

use ratatui::style::{Color, Modifier, Style};

use crate::document::QuoteKind;
use crate::layout::{self, Role};

#[derive(Debug, Clone)]
pub struct Theme {
    pub mono: bool,
    pub header: Style,
    pub banner: Style,
    pub heading: Style,
    pub item: Style,
    pub detail: Style,
    pub selected: Style,
    pub key_strip: Style,
    pub key_name: Style,
    pub key_number: Style,
    pub footer: Style,
    pub footer_key: Style,
    pub status: Style,
    pub link_selected: Style,
    pub popup: Style,
    pub error: Style,
    pub warning: Style,
    /// Lines of a ticked step.
    pub done: Style,
    /// The margin mark of a ticked step.
    pub done_marker: Style,
    /// The current step (the next to do).
    pub current_step: Style,
    /// A match of a find in a document.
    pub find_match: Style,
    /// The margin mark and tag of a step changed in this version, and the home screen's notice.
    pub changed: Style,
}

impl Theme {
    /// The theme for this environment: monochrome when `NO_COLOR` is set (to anything).
    pub fn from_env() -> Self {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Self::mono()
        } else {
            Self::color()
        }
    }

    pub fn color() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            mono: false,
            header: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            banner: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            heading: bold.fg(Color::Cyan),
            item: Style::new(),
            detail: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key_strip: Style::new().fg(Color::Yellow),
            key_name: Style::new(),
            key_number: bold.fg(Color::Yellow),
            footer: Style::new().fg(Color::Gray),
            footer_key: bold.fg(Color::White),
            status: bold.fg(Color::Yellow),
            link_selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            popup: Style::new().fg(Color::White).bg(Color::Black),
            error: bold.fg(Color::Red),
            warning: bold.fg(Color::Yellow),
            done: Style::new().fg(Color::DarkGray),
            done_marker: bold.fg(Color::Green),
            current_step: bold.fg(Color::White),
            find_match: Style::new().fg(Color::Black).bg(Color::Yellow),
            changed: bold.fg(Color::LightMagenta),
        }
    }

    pub fn mono() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            mono: true,
            header: reversed.add_modifier(Modifier::BOLD),
            banner: reversed.add_modifier(Modifier::BOLD),
            heading: bold.add_modifier(Modifier::UNDERLINED),
            item: Style::new(),
            detail: Style::new(),
            selected: reversed.add_modifier(Modifier::BOLD),
            key_strip: Style::new(),
            key_name: Style::new(),
            key_number: bold,
            footer: Style::new(),
            footer_key: bold,
            status: bold,
            link_selected: reversed.add_modifier(Modifier::BOLD),
            popup: Style::new(),
            error: bold,
            warning: bold,
            done: Style::new().add_modifier(Modifier::DIM),
            done_marker: bold,
            current_step: bold,
            find_match: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            changed: bold,
        }
    }

    /// The terminal style for a laid-out span.
    pub fn span(&self, s: layout::Style) -> Style {
        let mut style = match (s.role, self.mono) {
            (Role::Heading(1), false) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (Role::Heading(_), false) => Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            (Role::Heading(_), true) => Style::new().add_modifier(Modifier::BOLD),
            (Role::Code, false) => Style::new().fg(Color::LightGreen),
            (Role::Link, _) => {
                let s = Style::new().add_modifier(Modifier::UNDERLINED);
                if self.mono { s } else { s.fg(Color::LightBlue) }
            }
            (Role::Marker, false) => Style::new().fg(Color::Yellow),
            (Role::Border, false) => Style::new().fg(Color::DarkGray),
            (Role::Quote, false) => Style::new().fg(Color::Gray),
            (Role::Alert(k), false) if k.is_alarm() => Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            (Role::Alert(QuoteKind::Important), false) => Style::new().fg(Color::LightMagenta),
            (Role::Alert(_), false) => Style::new().fg(Color::LightCyan),
            (Role::Alert(k), true) if k.is_alarm() => Style::new().add_modifier(Modifier::BOLD),
            (Role::Html | Role::Image, false) => {
                Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC)
            }
            (Role::WriteLine | Role::TickBox, false) => Style::new().fg(Color::Yellow),
            (Role::Notice, false) => Style::new().fg(Color::LightRed),
            (Role::Notice, true) => Style::new().add_modifier(Modifier::BOLD),
            _ => Style::new(),
        };
        if s.strong {
            style = style.add_modifier(Modifier::BOLD);
        }
        if s.emphasis {
            style = style.add_modifier(Modifier::ITALIC);
        }
        if s.strike {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        style
    }
}
