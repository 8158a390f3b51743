//! The reader's state ([`App`]): the packs, the incident log, the navigation stack and a popup.
//! [`App::update`] applies an [`Action`] and returns the [`Effect`]s for the loop to run; it does
//! no I/O, so every behaviour can be driven by tests without a terminal or a disk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::layout::Rect;

use super::action::Action;
use super::changed::PackSeen;
use super::ctx::Ctx;
use super::effect::Effect;
use super::field::TextField;
use super::keymap::{self, Hint, Layer};
use super::loader::{Loaded, Pending};
use super::menu::{MenuState, Target};
use super::popup::{Popup, QuitQuestion};
use super::reply::{Go, Place, Reply};
use super::screen::Screen;
use super::screen::changes::ChangesState;
use super::screen::contacts::ContactState;
use super::screen::reader::ReaderState;
use super::screen::search::SearchState;
use super::screen::text::{LogState, TextState};
use crate::changes::seen::Found;
use crate::check::Diagnostic;
use crate::folders::Folders;
use crate::incident::store::Store;
use crate::incident::{Event, Incident, StepKey};
use crate::pack::PackSet;
use crate::search::SearchIndex;
use crate::stick::StickStatus;

/// Deepest the navigation stack gets: beyond it the oldest screen above home is dropped, so
/// Esc pressed this many times always reaches home.
pub const MAX_DEPTH: usize = 12;

/// Everything the reader starts from.
pub struct Start {
    pub set: PackSet,
    pub today: Date,
    pub area: Rect,
    pub folders: Folders,
    pub store: Store,
    pub stick: Option<StickStatus>,
    /// What the start found of each pack on this PC (see [`crate::changes::seen::find`]).
    pub seen: Vec<Found>,
}

/// The whole state of the interactive reader.
#[derive(Clone)]
pub struct App {
    pub set: Arc<PackSet>,
    pub search: Arc<SearchIndex>,
    /// `manualpack check`'s findings for each pack (same order as `set.packs`).
    pub health: Arc<Vec<Vec<Diagnostic>>>,
    pub folders: Folders,
    /// The incident log and where it is saved.
    pub store: Store,
    /// The incident in progress and its ticked steps (derived from the log).
    pub active: Option<Incident>,
    pub ticks: HashSet<StepKey>,
    /// The pack being read.
    pub pack: usize,
    /// Navigation stack; the last screen shows. Never empty.
    pub stack: Vec<Screen>,
    /// A prompt or question over the screen.
    pub popup: Option<Popup>,
    /// The terminal's size.
    pub area: Rect,
    /// A one-off message shown in the footer until the next key.
    pub status: Option<String>,
    pub today: Date,
    /// The clock (replaceable in tests).
    pub clock: fn() -> Timestamp,
    /// Opens a file with the system's viewer (replaceable in tests).
    pub opener: fn(&Path) -> std::io::Result<()>,
    pub theme: super::theme::Theme,
    /// The state of the stick the packs were read from, when they were.
    pub stick: Option<StickStatus>,
    /// The PDF saved last, which OpenPrintout opens.
    pub printout: Option<PathBuf>,
    /// What changed in each pack since this PC last opened it.
    pub seen: Vec<PackSeen>,
    /// What the background start is still reading (nothing, when started with [`App::new`]).
    pub pending: Pending,
    pub quit: bool,
}

/// Actions that leave the screen for another one.
fn goes_elsewhere(action: Action) -> bool {
    matches!(
        action,
        Action::Help
            | Action::Contacts
            | Action::Search
            | Action::Incidents
            | Action::IncidentLog
            | Action::Problems
            | Action::Home
            | Action::Packs
            | Action::Changes
    )
}

fn open_detached(path: &Path) -> std::io::Result<()> {
    open::that_detached(path)
}

impl Start {
    /// A start with the log kept in memory and no stick (tests, and readers with no state).
    pub fn new(set: PackSet, today: Date, area: Rect, folders: Folders) -> Start {
        Start {
            set,
            today,
            area,
            folders,
            store: Store::in_memory("no state folder was opened"),
            stick: None,
            seen: Vec::new(),
        }
    }
}

impl App {
    /// An app with everything read and checked before it returns (tests, and small packs).
    pub fn new(start: Start) -> App {
        let today = start.today;
        let mut app = App::starting(start);
        let set = Arc::clone(&app.set);
        app.receive(Loaded::Search {
            index: Arc::new(SearchIndex::build(&set)),
            complete: true,
        });
        app.receive(Loaded::Health(Arc::new(crate::check::health(&set, today))));
        app.pending = Pending::default();
        app
    }

    /// An app ready to draw its first screen from what `start` holds; the rest arrives through
    /// [`App::receive`] (see [`super::loader`]). The search index covers what `start.set` has.
    pub fn starting(start: Start) -> App {
        let Start {
            set,
            today,
            area,
            folders,
            store,
            stick,
            seen,
        } = start;
        let first = if set.packs.len() > 1 {
            Screen::Chooser(MenuState::default())
        } else {
            Screen::Home(MenuState::default())
        };
        let search = SearchIndex::build_titles(&set);
        let health = vec![Vec::new(); set.packs.len()];
        let mut app = App {
            set: Arc::new(set),
            search: Arc::new(search),
            health: Arc::new(health),
            folders,
            store,
            active: None,
            ticks: HashSet::new(),
            pack: 0,
            stack: vec![first],
            popup: None,
            area,
            status: None,
            today,
            clock: Timestamp::now,
            opener: open_detached,
            theme: super::theme::Theme::from_env(),
            stick,
            printout: None,
            seen: seen.iter().map(PackSeen::from_found).collect(),
            pending: Pending::all(),
            quit: false,
        };
        app.refresh_incident();
        app
    }

    /// Take a part of the start that the background has finished; returns what to write.
    pub fn receive(&mut self, loaded: Loaded) -> Vec<Effect> {
        match loaded {
            Loaded::Set(set) => {
                // the same packs, and the contacts already shown unchanged (packs after the
                // first come without contacts on the first screen)
                let same = |a: &PackSet, b: &PackSet| {
                    a.packs.len() == b.packs.len()
                        && a.packs.iter().zip(&b.packs).all(|(x, y)| {
                            x.id == y.id
                                && (x.contacts.is_empty() || x.contacts.len() == y.contacts.len())
                        })
                };
                if !same(&self.set, &set) {
                    // the folder changed under us: start again from the first screen
                    self.pack = 0;
                    self.stack.truncate(1);
                    self.health = Arc::new(vec![Vec::new(); set.packs.len()]);
                }
                self.set = set;
                self.pending.docs = false;
            }
            Loaded::Search { index, complete } => {
                self.search = index;
                self.pending.search = !complete;
                self.refresh_searches();
            }
            Loaded::Notices(found) => {
                for f in found {
                    if super::changed::of(&self.seen, &f.pack).is_none() {
                        self.seen.push(f);
                    }
                }
            }
            Loaded::Seen(settled) => {
                self.pending.seen = false;
                return super::changed::receive(&mut self.seen, settled);
            }
            Loaded::Stick(stick) => {
                self.stick = *stick;
                self.pending.stick = false;
            }
            Loaded::Health(health) if health.len() == self.set.packs.len() => {
                self.health = health;
                self.pending.health = false;
            }
            Loaded::Health(_) => self.pending.health = false,
        }
        Vec::new()
    }

    /// Run the queries of open search screens again (a fuller index arrived).
    fn refresh_searches(&mut self) {
        self.each_screen(|screen, ctx| {
            if let Screen::Search(s) = screen {
                s.refresh(ctx);
            }
        });
    }

    /// Update every screen on the stack with the app in view.
    fn each_screen(&mut self, mut f: impl FnMut(&mut Screen, &Ctx)) {
        let mut stack = std::mem::take(&mut self.stack);
        {
            let ctx = self.ctx();
            for screen in &mut stack {
                f(screen, &ctx);
            }
        }
        self.stack = stack;
    }

    /// What screens see of the app.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            set: &self.set,
            search: &self.search,
            health: &self.health,
            store: &self.store,
            active: self.active.as_ref(),
            ticks: &self.ticks,
            pack: self.pack,
            stick: self.stick.as_ref(),
            area: self.area,
            clock: self.clock,
            today: self.today,
            pending: self.pending,
            mono: self.theme.mono,
            seen: &self.seen,
        }
    }

    pub fn screen(&self) -> &Screen {
        // the stack is never empty: Back keeps the first screen
        &self.stack[self.stack.len() - 1]
    }

    /// Re-read the log (another copy of the program may have written) and derive the incident
    /// in progress and its ticks.
    pub fn refresh_incident(&mut self) {
        self.store.reload();
        self.active = self.store.log.active();
        self.ticks = match &self.active {
            Some(i) => self.store.log.ticks(&i.id),
            None => HashSet::new(),
        };
    }

    /// The key layers in force: the popup's, else the screen's.
    pub fn layers(&self) -> &'static [Layer] {
        match &self.popup {
            Some(p) => p.layers(),
            None => self.screen().layers(),
        }
    }

    /// The text field that has the keyboard, if any.
    pub fn field(&self) -> Option<&TextField> {
        match &self.popup {
            Some(p) => p.field(),
            None => self.screen().field(),
        }
    }

    /// Footer hints for what is showing, most important first.
    pub fn hints(&self) -> Vec<Hint> {
        let mut hints = keymap::hints(self.layers());
        // on the first screen there is nowhere to go back to
        if self.popup.is_none() && self.stack.len() == 1 {
            hints.retain(|h| h.action != Action::Back);
        }
        hints
    }

    /// Whether quitting now would lose incident records kept only in memory.
    pub fn would_lose_log(&self) -> bool {
        self.store.not_saved.is_some() && !self.store.log.records.is_empty()
    }

    /// Apply an action; returns the work for the loop (see [`super::run`]).
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.status = None;
        let asking = matches!(self.popup, Some(Popup::Quit(_)));
        let reply = match action {
            // asked already: quitting again means it
            Action::Quit if asking => Reply::effect(Effect::Quit),
            Action::Quit if self.would_lose_log() => {
                self.popup = Some(Popup::Quit(QuitQuestion::default()));
                return Vec::new();
            }
            Action::Quit => Reply::effect(Effect::Quit),
            // going somewhere else leaves what the popup asked unanswered
            _ if self.popup.is_some() && goes_elsewhere(action) => {
                self.popup = None;
                self.screen_update(action)
            }
            _ if self.popup.is_some() => self.popup_update(action),
            _ => self.screen_update(action),
        };
        self.apply(reply)
    }

    fn popup_update(&mut self, action: Action) -> Reply {
        let mut popup = self.popup.take();
        let reply = match popup.as_mut() {
            Some(p) => p.update(&self.ctx(), action),
            None => Reply::none(),
        };
        self.popup = popup;
        reply
    }

    fn screen_update(&mut self, action: Action) -> Reply {
        match action {
            Action::Help => Reply::to(Place::Help),
            Action::Contacts => Reply::to(Place::Contacts),
            Action::Search => Reply::to(Place::Search(String::new())),
            Action::Incidents => Reply::to(Place::Incidents),
            Action::Problems => Reply::to(Place::Problems),
            Action::Home => Reply::go(Go::Home),
            Action::Changes => Reply::to(Place::Changes),
            Action::Packs => Reply::go(Go::Packs),
            Action::IncidentLog => super::incident::show_log(&self.ctx()),
            Action::Note => super::incident::ask_note(&self.ctx()),
            Action::Print => match self.screen().printable(&self.ctx()) {
                Some(what) => Reply::effect(Effect::Print(what)),
                None => Reply::status("Open a document or the contacts to print"),
            },
            Action::OpenPrintout => match &self.printout {
                Some(path) => Reply::effect(Effect::OpenFile(path.clone())),
                None => {
                    Reply::status("Save a PDF first: F7 (or Ctrl-P) in a document or the contacts")
                }
            },
            other => {
                // the screen is taken off the stack while it updates with the app in view
                let Some(mut screen) = self.stack.pop() else {
                    return Reply::none();
                };
                let reply = screen.update(&self.ctx(), other);
                self.stack.push(screen);
                reply
            }
        }
    }

    /// Carry out what an update asked for.
    fn apply(&mut self, reply: Reply) -> Vec<Effect> {
        let Reply {
            go,
            mut effects,
            status,
            ask,
        } = reply;
        if status.is_some() {
            self.status = status;
        }
        match go {
            None => {}
            Some(Go::Back) => self.back(),
            Some(Go::Home) => self.go_home(),
            Some(Go::Packs) if self.set.packs.len() > 1 => self.stack.truncate(1),
            Some(Go::Packs) => self.status = Some("Only one pack is open".into()),
            Some(Go::To(place)) => effects.extend(self.open(place, true)),
            Some(Go::Push(place)) => effects.extend(self.open(place, false)),
        }
        if let Some(ask) = ask {
            self.popup = Some(Popup::prompt(ask));
        }
        effects
    }

    fn back(&mut self) {
        if self.popup.take().is_some() {
            return;
        }
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    fn go_home(&mut self) {
        self.popup = None;
        match self.stack.iter().position(|s| matches!(s, Screen::Home(_))) {
            Some(pos) => self.stack.truncate(pos + 1),
            None => self.push(Screen::Home(MenuState::default()), false),
        }
    }

    /// Push a screen; with `unique`, return to one of its kind already open instead (it is
    /// replaced by the new one).
    fn push(&mut self, screen: Screen, unique: bool) {
        if unique && let Some(pos) = self.stack.iter().position(|s| s.same_kind(&screen)) {
            self.stack.truncate(pos);
        }
        self.stack.push(screen);
        if self.stack.len() > MAX_DEPTH {
            let keep = self
                .stack
                .iter()
                .position(|s| matches!(s, Screen::Home(_)))
                .map_or(1, |h| h + 1);
            self.stack.remove(keep.min(self.stack.len() - 2));
        }
    }

    /// Open a place: make its screen. Returns effects (an opened procedure is logged).
    fn open(&mut self, place: Place, unique: bool) -> Vec<Effect> {
        let screen = match place {
            Place::Pack(i) => {
                self.pack = i.min(self.set.packs.len().saturating_sub(1));
                Screen::Home(MenuState::default())
            }
            Place::Doc {
                pack,
                doc,
                anchor,
                find,
            } => return self.open_doc(pack, doc, anchor.as_deref(), find.as_deref(), unique),
            Place::Contacts => {
                // an open contacts list keeps its place
                if let Some(pos) = self
                    .stack
                    .iter()
                    .position(|s| matches!(s, Screen::Contacts(_)))
                {
                    self.stack.truncate(pos + 1);
                    return Vec::new();
                }
                Screen::Contacts(MenuState::default())
            }
            Place::Contact { pack, index } => {
                self.pack = pack;
                let mut list = MenuState::default();
                let rows = super::screen::contacts::rows(&self.ctx());
                list.select(&rows, Target::Contact(index));
                list.reveal(&rows, self.ctx().height());
                if let Some(Screen::Contacts(s)) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|s| matches!(s, Screen::Contacts(_)))
                {
                    *s = list;
                }
                Screen::Contact(ContactState {
                    pack,
                    index,
                    scroll: 0,
                })
            }
            Place::Help => Screen::Help(TextState::default()),
            Place::Problems => Screen::Problems(TextState::default()),
            Place::Incidents => Screen::Incidents(MenuState::default()),
            Place::Log(id) => Screen::Log(LogState::new(id)),
            Place::Search(text) => Screen::Search(Box::new(SearchState::new(&self.ctx(), &text))),
            Place::Changes => {
                self.push(Screen::Changes(ChangesState::default()), unique);
                let id = self.ctx().current_pack().map(|p| p.id.clone());
                return id.map_or_else(Vec::new, |id| super::changed::view(&mut self.seen, &id));
            }
        };
        self.push(screen, unique);
        Vec::new()
    }

    fn open_doc(
        &mut self,
        pack: usize,
        doc: usize,
        anchor: Option<&str>,
        find: Option<&str>,
        unique: bool,
    ) -> Vec<Effect> {
        self.pack = pack;
        let ctx = self.ctx();
        let Some((mut reader, mut status)) = ReaderState::open(&ctx, pack, doc, anchor, find)
        else {
            self.status = Some("That document is not in the pack".into());
            return Vec::new();
        };
        let opened = match (ctx.active, ctx.set.packs.get(pack)) {
            (Some(active), Some(p)) => p.docs.get(doc).map(|entry| {
                Effect::Record(ctx.record(
                    &active.id,
                    Event::Open {
                        pack: p.id.clone(),
                        version: p.meta.version,
                        doc: entry.id.clone(),
                        title: entry.title.clone(),
                    },
                ))
            }),
            _ => None,
        };
        let ids = ctx
            .set
            .packs
            .get(pack)
            .and_then(|p| Some((p.id.clone(), p.docs.get(doc)?.id.clone())));
        let mut effects: Vec<Effect> = opened.into_iter().collect();
        if let Some((pack_id, doc_id)) = ids {
            let (marks, saves) = super::changed::open(&mut self.seen, &pack_id, &doc_id);
            effects.extend(saves);
            // a link within the document opened with marks keeps them
            let marks = marks.or_else(|| match self.stack.last() {
                Some(Screen::Reader(r)) if r.pack == pack && r.doc == doc => r.marks.clone(),
                _ => None,
            });
            if status.is_none() {
                status = marks.as_ref().map(super::changed::Marks::status);
            }
            reader.marks = marks;
        }
        if status.is_some() {
            self.status = status;
        }
        // a second copy of the same document is not stacked: going back leaves it
        let same = |s: &Screen| matches!(s, Screen::Reader(r) if r.pack == pack && r.doc == doc);
        if unique && let Some(pos) = self.stack.iter().position(same) {
            self.stack.truncate(pos);
        }
        self.push(Screen::Reader(Box::new(reader)), false);
        effects
    }

    /// Bring layouts up to date with the terminal size.
    pub fn resize(&mut self, area: Rect) {
        self.area = area;
        self.each_screen(|screen, ctx| {
            if let Screen::Reader(r) = screen {
                r.relayout(ctx);
            }
        });
    }
}

#[cfg(test)]
mod tests;
