//! The interactive reader: the only module that talks to the terminal. One loop: draw, read an
//! event, map it to an [`action::Action`] through [`keymap`], apply it with
//! [`app::App::update`], run the [`effect::Effect`]s it returns with [`run`].
//!
//! Children, leaves first (no module imports one listed after it, except `app`, `run` and
//! `view`, which sit on top):
//! [`action`] (what the user means), [`keymap`] (keys to actions, as data), [`field`] (a text
//! field), [`strip`] (the key-numbers strip), [`theme`] (named styles), [`effect`] (file and
//! process work, as data), [`changed`] (what changed in each pack, as the reader keeps it),
//! [`reply`] (what an update asks for), [`ctx`] (what screens see, and
//! the frame's geometry), [`menu`] (list rows), [`incident`] (incident mode, pure), [`popup`]
//! (prompts and the quit question), [`screen`] (the screens and their updates), [`app`]
//! (the state and `update`), [`run`] (running effects), [`view`] (drawing).

pub mod action;
pub mod app;
pub mod changed;
pub mod ctx;
pub mod effect;
pub mod field;
pub mod incident;
pub mod keymap;
pub mod loader;
pub mod menu;
pub mod popup;
pub mod reply;
pub mod run;
pub mod screen;
pub mod strip;
pub mod theme;
pub mod view;

use std::io;
use std::process::ExitCode;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::layout::Rect;

use action::Action;
use app::{App, Start};

use crate::folders::Folders;
use crate::pack::PackSet;

/// Map a terminal event to an action on what is showing; only key *presses* count.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(*key, app.layers())
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
/// `set` is what the first screen is drawn from (each pack's `pack.toml` and `contacts.toml`,
/// see [`crate::discover::load_heads`]); `plan` says how the background reads the rest (see
/// [`loader`]). `packs` is where the packs came from (None: built in), to find a portable state
/// folder.
pub fn run(
    set: PackSet,
    packs: Option<&std::path::Path>,
    mut plan: loader::Plan,
    folders: Folders,
) -> ExitCode {
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
    let store = crate::incident::store::Store::open(&folders, packs);
    // what this PC saw of each pack before is read first thing in the background: a large
    // pack's record is megabytes, and the first frame waits for nothing
    let previous = packs.and_then(crate::changes::seen::stick_previous);
    let heads: Vec<(String, Option<i64>)> = set
        .packs
        .iter()
        .map(|p| (p.id.clone(), p.meta.version))
        .collect();
    let state = store.dir.clone();
    plan.seen = Box::new(move || {
        heads
            .iter()
            .filter_map(|(id, version)| {
                crate::changes::seen::find(state.as_deref(), previous.as_deref(), id, *version)
            })
            .collect()
    });
    let loaded = loader::spawn(plan);
    let mut terminal = ratatui::init();
    // after ratatui's hook (which restores the terminal), so contained panics stay quiet
    crate::contain::install_hook();
    let _ = crossterm::execute!(io::stdout(), EnableMouseCapture);
    let area = terminal
        .size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default();
    let mut app = App::starting(Start {
        set,
        today: today(),
        area,
        folders,
        store,
        stick: None,
        seen: Vec::new(),
    });
    let result = event_loop(&mut terminal, &mut app, &loaded);
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    // the packs and the index are left for the system to take back at exit: freeing tens of
    // thousands of small allocations one by one would only delay the prompt
    std::mem::forget(app);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("manualpack: terminal error: {e}");
            ExitCode::from(2)
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    loaded: &std::sync::mpsc::Receiver<loader::Loaded>,
) -> io::Result<()> {
    while !app.quit {
        while let Ok(part) = loaded.try_recv() {
            let effects = app.receive(part);
            run::run(app, effects);
        }
        terminal.draw(|frame| {
            let area = frame.area();
            if area != app.area {
                app.resize(area);
            }
            view::render(app, area, frame.buffer_mut());
        })?;
        // redraw at least every second, so the elapsed time in the banner moves, and often
        // while the background is still reading, so what it finishes shows at once
        let wait = if app.pending.any() { 50 } else { 1000 };
        if !event::poll(std::time::Duration::from_millis(wait))? {
            continue;
        }
        let event = event::read()?;
        if let Event::Resize(w, h) = event {
            app.resize(Rect::new(0, 0, w, h));
            continue;
        }
        if let Some(action) = action_for_event(app, &event) {
            run::handle(app, action);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// The modules of `src/tui` that each module's files name (tests aside).
    fn edges() -> BTreeMap<String, BTreeSet<String>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src/tui").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
                    continue;
                }
                let rel = path.strip_prefix(&root).expect("inside");
                let top = rel
                    .components()
                    .next()
                    .and_then(|c| c.as_os_str().to_str())
                    .map(|s| s.trim_end_matches(".rs").to_string())
                    .expect("a name");
                let nested = rel.components().count() > 1;
                let text = std::fs::read_to_string(&path).expect("readable");
                let code: String = text
                    .split("#[cfg(test)]")
                    .next()
                    .unwrap_or("")
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                let prefixes: &[&str] = if nested {
                    &["crate::tui::", "super::super::"]
                } else {
                    &["crate::tui::", "super::"]
                };
                let names = out.entry(top.clone()).or_default();
                for prefix in prefixes {
                    for (i, _) in code.match_indices(prefix) {
                        let name: String = code[i + prefix.len()..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() && name != top && name != "super" {
                            names.insert(name);
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn no_import_circle_inside_src_tui() {
        let edges = edges();
        // depth-first search for a back edge
        fn visit(
            m: &str,
            edges: &BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<String>,
            done: &mut BTreeSet<String>,
        ) {
            if done.contains(m) {
                return;
            }
            assert!(
                !path.iter().any(|p| p == m),
                "import circle: {} -> {m}",
                path.join(" -> ")
            );
            path.push(m.to_string());
            for next in edges.get(m).into_iter().flatten() {
                visit(next, edges, path, done);
            }
            path.pop();
            done.insert(m.to_string());
        }
        let mut done = BTreeSet::new();
        for m in edges.keys() {
            visit(m, &edges, &mut Vec::new(), &mut done);
        }
        assert!(edges.contains_key("app") && edges["app"].contains("screen"));
    }
}
