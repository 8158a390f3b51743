//! The reader's state ([`App`]) and [`update`], which applies an [`Action`] to it. No terminal
//! I/O happens here, so every behaviour can be driven by tests.

use std::collections::HashSet;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::layout::Rect;

use super::action::Action;
use super::incident::{self, Prompt};
use super::menu::{self, MenuState, Row, Target};
use super::search::{Find, SearchState};
use super::view::areas;
use crate::document::LinkTarget;
use crate::incident::StepKey;
use crate::incident::store::Store;
use crate::layout::{Rendered, layout};
use crate::pack::{Pack, PackSet};
use crate::search::SearchIndex;

/// Widest a document is laid out, for readable lines on wide screens.
pub const MAX_TEXT_WIDTH: usize = 100;

/// Which kind of screen is showing (keys are bound per kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Chooser,
    Home,
    Reader,
    Contacts,
    Help,
    Problems,
    Incidents,
    Log,
    Search,
}

/// An open document.
#[derive(Debug, Clone)]
pub struct Reader {
    pub pack: usize,
    pub doc: usize,
    /// First visible line.
    pub scroll: usize,
    /// Selected link, as an index into `rendered.links`.
    pub link: Option<usize>,
    /// The table of contents, when open: the selected heading.
    pub toc: Option<usize>,
    pub rendered: Rendered,
    /// A find within the document (`/`), with every match.
    pub find: Option<Find>,
    /// The text of each step in `rendered.steps` (ticks are keyed to it).
    pub step_keys: Vec<String>,
}

/// A screen on the navigation stack.
#[derive(Debug, Clone)]
pub enum Screen {
    Chooser(MenuState),
    Home(MenuState),
    Reader(Box<Reader>),
    Contacts(MenuState),
    Help(usize),
    Problems(usize),
    Incidents(MenuState),
    /// The log of one incident (read-only), scrolled.
    Log {
        id: String,
        scroll: usize,
    },
    Search(Box<SearchState>),
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Chooser(_) => ScreenKind::Chooser,
            Screen::Home(_) => ScreenKind::Home,
            Screen::Reader(_) => ScreenKind::Reader,
            Screen::Contacts(_) => ScreenKind::Contacts,
            Screen::Help(_) => ScreenKind::Help,
            Screen::Problems(_) => ScreenKind::Problems,
            Screen::Incidents(_) => ScreenKind::Incidents,
            Screen::Log { .. } => ScreenKind::Log,
            Screen::Search(_) => ScreenKind::Search,
        }
    }
}

/// The whole state of the interactive reader.
pub struct App {
    pub set: PackSet,
    /// The pack being read.
    pub pack: usize,
    /// Navigation stack; the last screen shows. Never empty.
    pub stack: Vec<Screen>,
    /// The terminal's size.
    pub area: Rect,
    /// A one-off message shown in the footer until the next key.
    pub status: Option<String>,
    pub today: Date,
    pub theme: super::theme::Theme,
    /// The incident log and where it is saved.
    pub store: Store,
    /// Steps ticked in the incident in progress (derived from the log).
    pub ticks: HashSet<StepKey>,
    /// A text prompt (incident name, note), when one is open.
    pub prompt: Option<Prompt>,
    /// The search index of the open packs.
    pub search: SearchIndex,
    /// The clock (replaceable in tests).
    pub clock: fn() -> Timestamp,
    pub quit: bool,
}

impl App {
    pub fn new(set: PackSet, today: Date, area: Rect) -> Self {
        let first = if set.packs.len() > 1 {
            Screen::Chooser(MenuState::default())
        } else {
            Screen::Home(MenuState::default())
        };
        let search = SearchIndex::build(&set);
        App {
            set,
            pack: 0,
            stack: vec![first],
            area,
            status: None,
            today,
            theme: super::theme::Theme::from_env(),
            store: Store::in_memory("no state folder was opened"),
            ticks: HashSet::new(),
            prompt: None,
            search,
            clock: Timestamp::now,
            quit: false,
        }
    }

    pub fn screen(&self) -> &Screen {
        // the stack is never empty: `back` keeps the first screen
        &self.stack[self.stack.len() - 1]
    }

    fn screen_mut(&mut self) -> &mut Screen {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    pub fn current_pack(&self) -> Option<&Pack> {
        self.set.packs.get(self.pack)
    }

    /// Rows of the menu on the current screen, if it is a menu.
    pub fn menu_rows(&self) -> Option<Vec<Row>> {
        let pack = self.current_pack();
        match self.screen() {
            Screen::Chooser(_) => Some(menu::chooser_rows(&self.set)),
            Screen::Home(_) => {
                pack.map(|p| menu::home_rows(p, &|doc| incident::progress(self, doc)))
            }
            Screen::Contacts(_) => pack.map(menu::contact_rows),
            Screen::Incidents(_) => Some(incident::menu_rows(self)),
            _ => None,
        }
    }

    /// Height of the body area, in rows.
    pub fn body_height(&self) -> usize {
        usize::from(areas(self, self.area).body.height)
    }

    /// The width documents are laid out at for the current size.
    pub fn text_width(&self) -> usize {
        usize::from(areas(self, self.area).body.width)
            .saturating_sub(2)
            .clamp(1, MAX_TEXT_WIDTH)
    }

    /// Bring caches up to date with the terminal size (call after a resize, before drawing).
    pub fn resize(&mut self, area: Rect) {
        self.area = area;
        let width = self.text_width();
        let height = self.body_height();
        let set = &self.set;
        let search = &self.search;
        for screen in &mut self.stack {
            if let Screen::Reader(r) = screen
                && r.rendered.width != width
            {
                let old_len = r.rendered.lines.len().max(1);
                if let Some(entry) = set.packs.get(r.pack).and_then(|p| p.docs.get(r.doc)) {
                    r.rendered = safe_layout(entry, width);
                }
                r.scroll = r.scroll * r.rendered.lines.len() / old_len;
                r.link = None;
                super::search::refind(r, search);
                clamp_scroll(r, height);
            }
        }
    }

    pub(super) fn open_doc(&mut self, doc: usize, anchor: Option<&str>) {
        let width = self.text_width();
        let Some(entry) = self.current_pack().and_then(|p| p.docs.get(doc)) else {
            return;
        };
        let rendered = safe_layout(entry, width);
        let mut reader = Reader {
            pack: self.pack,
            doc,
            scroll: 0,
            link: None,
            toc: None,
            rendered,
            find: None,
            step_keys: entry.doc.steps(),
        };
        if let Some(a) = anchor {
            match reader.rendered.anchor_line(a) {
                Some(line) => reader.scroll = line,
                None => {
                    self.status = Some(format!(
                        "No heading #{a} in this document; showing its start"
                    ))
                }
            }
        }
        clamp_scroll(&mut reader, self.body_height());
        incident::opened(self, doc);
        self.stack.push(Screen::Reader(Box::new(reader)));
    }

    fn open_target(&mut self, target: Target) {
        match target {
            Target::Pack(i) => {
                self.pack = i;
                self.stack.push(Screen::Home(MenuState::default()));
            }
            Target::Triage(i) => {
                let Some(pack) = self.current_pack() else {
                    return;
                };
                let Some(t) = pack.meta.triage.get(i) else {
                    return;
                };
                match pack.doc_index(&t.open) {
                    Some(doc) => self.open_doc(doc, None),
                    None => {
                        self.status = Some(format!(
                            "\"{}\" opens `{}`, which this pack does not have",
                            t.label, t.open
                        ))
                    }
                }
            }
            Target::Doc(i) => self.open_doc(i, None),
            Target::Contacts => self.push_unique(Screen::Contacts(MenuState::default())),
            Target::Problems => self.push_unique(Screen::Problems(0)),
            Target::Contact(_) => {}
            other => incident::open_target(self, other),
        }
    }

    /// Push a screen, or return to it if it is already on the stack.
    pub(super) fn push_unique(&mut self, screen: Screen) {
        let kind = screen.kind();
        if let Some(pos) = self.stack.iter().position(|s| s.kind() == kind) {
            self.stack.truncate(pos + 1);
        } else {
            self.stack.push(screen);
        }
    }

    fn back(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    fn go_home(&mut self) {
        if let Some(pos) = self.stack.iter().position(|s| s.kind() == ScreenKind::Home) {
            self.stack.truncate(pos + 1);
        } else if !self.set.packs.is_empty() {
            self.stack.push(Screen::Home(MenuState::default()));
        }
    }

    pub(super) fn follow_link(&mut self) {
        let Screen::Reader(r) = self.screen() else {
            return;
        };
        let Some((link, _)) = r.link.and_then(|i| r.rendered.links.get(i)).copied() else {
            self.status = Some("Press Tab to select a link first".into());
            return;
        };
        let Some(entry) = self.set.packs.get(r.pack).and_then(|p| p.docs.get(r.doc)) else {
            return;
        };
        let Some(link) = entry.doc.links.get(link) else {
            return;
        };
        match link.target.clone() {
            LinkTarget::Document { id, anchor } => {
                match self.current_pack().and_then(|p| p.doc_index(&id)) {
                    Some(doc) => self.open_doc(doc, anchor.as_deref()),
                    None => {
                        self.status = Some(format!("Broken link: this pack has no document `{id}`"))
                    }
                }
            }
            LinkTarget::Anchor(a) => {
                let doc = r.doc;
                self.open_doc(doc, Some(&a));
            }
            LinkTarget::External(url) => {
                self.status = Some(format!(
                    "Outside link (not opened; manualpack works offline): {url}"
                ))
            }
            LinkTarget::File(path) => {
                self.status = Some(format!("A file of the pack, not a document: {path}"))
            }
            LinkTarget::Refused(why) => self.status = Some(format!("Link not followed: {why}")),
        }
    }
}

/// Lay a document out; if that panics, show its text plainly with the error instead.
fn safe_layout(entry: &crate::pack::DocEntry, width: usize) -> Rendered {
    crate::contain::contained(|| layout(&entry.doc, width)).unwrap_or_else(|why| {
        let text = crate::document::plain_text_of(&entry.doc);
        layout(&crate::pack::documents::plain_document(&text, &why), width)
    })
}

fn clamp_scroll(r: &mut Reader, height: usize) {
    let max = r.rendered.lines.len().saturating_sub(height.max(1));
    r.scroll = r.scroll.min(max);
}

/// Apply an action to the state.
pub fn update(app: &mut App, action: Action) {
    app.status = None;
    if app.prompt.is_some() {
        incident::prompt_update(app, action);
        return;
    }
    match action {
        Action::Incidents => app.push_unique(Screen::Incidents(MenuState::default())),
        Action::IncidentLog => incident::show_log(app),
        Action::TickStep => incident::tick(app),
        Action::UntickStep => incident::untick(app),
        Action::Search if app.screen().kind() == ScreenKind::Reader => super::search::ask_find(app),
        Action::Search => super::search::open(app, None),
        Action::Type(c) if app.screen().kind() == ScreenKind::Home => {
            super::search::open(app, Some(c))
        }
        Action::Note if super::search::step(app, true) => {}
        Action::FindPrev => {
            super::search::step(app, false);
        }
        _ if app.screen().kind() == ScreenKind::Search => super::search::update(app, action),
        Action::Type(_) | Action::Erase | Action::Submit | Action::Cancel => {}
        Action::Note => incident::ask_note(app),
        Action::Quit => app.quit = true,
        Action::Back => {
            if let Screen::Reader(r) = app.screen_mut()
                && r.toc.is_some()
            {
                r.toc = None;
                return;
            }
            app.back();
        }
        Action::Home => app.go_home(),
        Action::Contacts => app.push_unique(Screen::Contacts(MenuState::default())),
        Action::Help => app.push_unique(Screen::Help(0)),
        Action::Problems => app.push_unique(Screen::Problems(0)),
        Action::Packs => {
            if app.set.packs.len() > 1 {
                app.stack.truncate(1);
            } else {
                app.status = Some("Only one pack is open".into());
            }
        }
        _ => match app.screen().kind() {
            ScreenKind::Reader => super::reader::update(app, action),
            ScreenKind::Help | ScreenKind::Problems | ScreenKind::Log => scroll_text(app, action),
            _ => menu_update(app, action),
        },
    }
}

fn menu_update(app: &mut App, action: Action) {
    let Some(rows) = app.menu_rows() else { return };
    let height = app.body_height();
    let body = areas(app, app.area).body;
    let page = height.saturating_sub(2).max(1) as isize;
    let mut open = None;
    let state = match app.screen_mut() {
        Screen::Chooser(s) | Screen::Home(s) | Screen::Contacts(s) | Screen::Incidents(s) => s,
        _ => return,
    };
    match action {
        Action::Up => state.step(&rows, -1),
        Action::Down => state.step(&rows, 1),
        Action::PageUp => state.step(&rows, -page),
        Action::PageDown => state.step(&rows, page),
        Action::Top => state.selected = 0,
        Action::Bottom => state.last(&rows),
        Action::WheelUp => state.offset = state.offset.saturating_sub(3),
        Action::WheelDown => {
            state.offset = (state.offset + 3).min(rows.len().saturating_sub(height));
            return;
        }
        Action::Open => open = state.target(&rows),
        Action::Click { column, row }
            if body.contains(ratatui::layout::Position { x: column, y: row }) =>
        {
            let at = state.offset + usize::from(row - body.y);
            if let Some(item) = menu::item_at_row(&rows, at) {
                state.selected = item;
                open = state.target(&rows);
            }
        }
        _ => {}
    }
    if !matches!(action, Action::WheelUp) {
        state.reveal(&rows, height);
    }
    if let Some(target) = open {
        app.open_target(target);
    }
}

fn scroll_text(app: &mut App, action: Action) {
    let height = app.body_height();
    let len = super::view::text_screen_len(app);
    let (Screen::Help(scroll) | Screen::Problems(scroll)) = app.screen_mut() else {
        return;
    };
    let max = len.saturating_sub(height);
    *scroll = match action {
        Action::Up | Action::WheelUp => scroll.saturating_sub(1),
        Action::Down | Action::WheelDown => *scroll + 1,
        Action::PageUp => scroll.saturating_sub(height.max(2) - 1),
        Action::PageDown => *scroll + height.max(2) - 1,
        Action::Top => 0,
        Action::Bottom => max,
        _ => *scroll,
    }
    .min(max);
}

#[cfg(test)]
mod tests;
