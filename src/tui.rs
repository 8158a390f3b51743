//! The interactive reader: the only module that talks to the terminal. One loop: draw, read an
//! event, map it to an [`action::Action`] through [`keymap`], apply it with [`app::update`].
//!
//! Children: [`action`] (what the user means), [`keymap`] (keys to actions, as data),
//! [`app`] (state and update), [`reader`] (actions in a document), [`menu`] (list rows),
//! [`theme`] (named styles), [`view`] (drawing).

pub mod action;
pub mod app;
pub mod incident;
pub mod keymap;
pub mod menu;
pub mod reader;
pub mod search;
pub mod theme;
pub mod view;

use std::io;
use std::process::ExitCode;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

use action::Action;
use app::{App, update};

use crate::pack::PackSet;

/// Map a terminal event to an action on the current screen; only key *presses* count.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press && app.prompt.is_some() => {
            keymap::prompt_action(*key)
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(*key, app.screen().kind())
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::WheelUp),
            MouseEventKind::ScrollDown => Some(Action::WheelDown),
            _ => None,
        },
        _ => None,
    }
}

/// Today's date in the local time zone.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// Run the reader until the user quits. The terminal is restored on quit and after a panic.
/// `packs` is where the packs came from (None: built in), to find a portable state folder.
pub fn run(set: PackSet, packs: Option<&std::path::Path>) -> ExitCode {
    if set.packs.is_empty() {
        for p in &set.problems {
            eprintln!("{p}");
        }
        return ExitCode::from(2);
    }
    if std::env::var_os("NO_COLOR").is_some() {
        // crossterm would otherwise write escape codes that reset reverse video (see CRATE-NOTES)
        crossterm::style::force_color_output(true);
    }
    let mut terminal = ratatui::init();
    // after ratatui's hook (which restores the terminal), so contained panics stay quiet
    crate::contain::install_hook();
    let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    let size = terminal
        .size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default();
    let mut app = App::new(set, today(), size);
    app.store = crate::incident::store::Store::open(packs);
    app.refresh_incident();
    let result = event_loop(&mut terminal, &mut app);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("manualpack: terminal error: {e}");
            ExitCode::from(2)
        }
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    while !app.quit {
        terminal.draw(|frame| {
            let area = frame.area();
            if area != app.area {
                app.resize(area);
            }
            view::render(app, area, frame.buffer_mut());
        })?;
        // redraw at least every second, so the elapsed time in the banner moves
        if !event::poll(std::time::Duration::from_secs(1))? {
            continue;
        }
        let event = event::read()?;
        if let Event::Resize(w, h) = event {
            app.resize(Rect::new(0, 0, w, h));
            continue;
        }
        if let Some(action) = action_for_event(app, &event) {
            update(app, action);
        }
    }
    Ok(())
}
