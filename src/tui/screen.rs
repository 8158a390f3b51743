//! The screens, one closed enum. Each screen's state lives in its own module with its own
//! `update(&mut state, &Ctx, Action) -> Reply`; drawing is in [`super::view`]. Screens never
//! build one another: they reply with a [`super::reply::Place`] and the app makes the screen.
//!
//! Children: [`home`] (home and the pack chooser), [`search`], [`reader`] (an open document),
//! [`contacts`] (the list and one contact in full), [`text`] (help, pack health, the incident
//! log), [`incidents`], [`changes`] (what changed in the pack's latest version).

pub mod changes;
pub mod contacts;
pub mod home;
pub mod incidents;
pub mod reader;
pub mod search;
pub mod text;

use super::action::Action;
use super::ctx::Ctx;
use super::effect::Printable;
use super::field::TextField;
use super::keymap::Layer;
use super::menu::MenuState;
use super::reply::Reply;
use contacts::ContactState;
use reader::ReaderState;
use search::SearchState;
use text::{LogState, TextState};

/// A screen on the navigation stack.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Choose a pack, when several are open.
    Chooser(MenuState),
    /// "What isn't working?": the search field, the triage list, procedures, forms.
    Home(MenuState),
    Search(Box<SearchState>),
    Reader(Box<ReaderState>),
    Contacts(MenuState),
    Contact(ContactState),
    Help(TextState),
    Problems(TextState),
    Incidents(MenuState),
    Log(LogState),
    /// What changed in the pack's latest version.
    Changes(changes::ChangesState),
}

const TEXT: &[Layer] = &[Layer::Letters, Layer::Global];
const LISTS: &[Layer] = &[Layer::Lists, Layer::Letters, Layer::Global];

impl Screen {
    /// The key layers that apply, most specific first.
    pub fn layers(&self) -> &'static [Layer] {
        match self {
            Screen::Home(_) => &[Layer::Typing, Layer::Lists, Layer::Global],
            Screen::Search(_) => &[Layer::Typing, Layer::Editing, Layer::Results, Layer::Global],
            Screen::Reader(r) => r.layers(),
            Screen::Contacts(_) => &[Layer::Lists, Layer::Printing, Layer::Letters, Layer::Global],
            Screen::Contact(_) => &[Layer::Printing, Layer::Letters, Layer::Global],
            Screen::Chooser(_) | Screen::Incidents(_) | Screen::Changes(_) => LISTS,
            Screen::Help(_) | Screen::Problems(_) | Screen::Log(_) => TEXT,
        }
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        match self {
            Screen::Chooser(s) => home::update_chooser(s, ctx, action),
            Screen::Home(s) => home::update(s, ctx, action),
            Screen::Search(s) => s.update(ctx, action),
            Screen::Reader(r) => r.update(ctx, action),
            Screen::Contacts(s) => contacts::update_list(s, ctx, action),
            Screen::Contact(s) => s.update(ctx, action),
            Screen::Help(s) => s.update(ctx, action, text::help_lines),
            Screen::Problems(s) => s.update(ctx, action, text::problem_lines),
            Screen::Incidents(s) => incidents::update(s, ctx, action),
            Screen::Log(s) => s.update(ctx, action),
            Screen::Changes(s) => s.update(ctx, action),
        }
    }

    /// The text field that has the keyboard, if any. The home screen's field is empty: what is
    /// typed there opens the search screen with it.
    pub fn field(&self) -> Option<&TextField> {
        static EMPTY: TextField = TextField::empty();
        match self {
            Screen::Home(_) => Some(&EMPTY),
            Screen::Search(s) => Some(&s.field),
            Screen::Reader(r) => r.bar.as_ref().map(|b| &b.field),
            _ => None,
        }
    }

    /// What Print prints here.
    pub fn printable(&self, ctx: &Ctx) -> Option<Printable> {
        match self {
            Screen::Reader(r) => Some(Printable::Doc {
                pack: r.pack,
                doc: r.doc,
            }),
            Screen::Contacts(_) => Some(Printable::Contacts { pack: ctx.pack }),
            Screen::Contact(c) => Some(Printable::Contacts { pack: c.pack }),
            _ => None,
        }
    }

    /// Whether two screens are of the same kind (for returning to an open one).
    pub fn same_kind(&self, other: &Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

    /// The header's title, after the practice's name.
    pub fn title(&self, ctx: &Ctx) -> Option<String> {
        Some(match self {
            Screen::Chooser(_) | Screen::Home(_) => return None,
            Screen::Reader(r) => ctx
                .set
                .packs
                .get(r.pack)
                .and_then(|p| p.docs.get(r.doc))
                .map_or_else(String::new, |d| d.title.clone()),
            Screen::Contacts(_) => "Contacts".into(),
            Screen::Contact(c) => c.name(ctx).to_string(),
            Screen::Help(_) => "Help".into(),
            Screen::Problems(_) => "Pack health".into(),
            Screen::Incidents(_) => "Incidents".into(),
            Screen::Log(_) => "Incident log".into(),
            Screen::Search(_) => "Search".into(),
            Screen::Changes(_) => "What changed".into(),
        })
    }
}
