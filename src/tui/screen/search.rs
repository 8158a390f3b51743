//! The search screen: the query field, then hits grouped as procedures, forms and contacts. The
//! groups follow the ranking (the group of the best hit comes first), so the hit selected first
//! is always the best one, as `manualpack search` lists it.

use crate::search::{Hit, Results, SearchScope};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::field::{Edit, TextField};
use crate::tui::reply::{Place, Reply};

/// Most hits shown.
pub const LIMIT: usize = 60;

/// The search screen's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub field: TextField,
    pub results: Results,
    /// Index in display order (see [`ordered`]).
    pub selected: usize,
    /// First hit shown.
    pub offset: usize,
    /// Search every open pack, not just the current one.
    pub all_packs: bool,
}

/// Hits in display order: grouped by kind, the groups in the order of their best hit, each
/// group best first. The first is always the best hit.
pub fn ordered(results: &Results) -> Vec<&Hit> {
    let mut kinds = Vec::new();
    for h in &results.hits {
        if !kinds.contains(&h.kind) {
            kinds.push(h.kind);
        }
    }
    kinds
        .into_iter()
        .flat_map(|k| results.hits.iter().filter(move |h| h.kind == k))
        .collect()
}

/// Rows a hit takes on screen (its title line and its snippet).
pub const HIT_ROWS: usize = 2;

impl SearchState {
    pub fn new(ctx: &Ctx, text: &str) -> SearchState {
        let mut s = SearchState {
            field: TextField::with(text),
            ..SearchState::default()
        };
        s.refresh(ctx);
        s
    }

    /// Run the query again (after an edit, or when a fuller index arrives).
    pub fn refresh(&mut self, ctx: &Ctx) {
        let query = ctx.search.parse(self.field.text());
        let scope = if self.all_packs {
            SearchScope::All
        } else {
            SearchScope::Pack(ctx.pack)
        };
        self.results = ctx.search.search(ctx.set, &query, scope, LIMIT);
        self.selected = 0;
        self.offset = 0;
    }

    /// Hits that fit in the body at once (two rows each, after the query and a group heading).
    fn visible(ctx: &Ctx) -> usize {
        (ctx.height().saturating_sub(3) / HIT_ROWS).max(1)
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        let count = self.results.hits.len();
        let page = Self::visible(ctx);
        match action {
            Action::Back => return Reply::back(),
            Action::Up | Action::WheelUp => self.selected = self.selected.saturating_sub(1),
            Action::Down | Action::WheelDown => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1))
            }
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(count.saturating_sub(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = count.saturating_sub(1),
            Action::ToggleScope if ctx.set.packs.len() > 1 => {
                self.all_packs = !self.all_packs;
                self.refresh(ctx);
            }
            Action::ToggleScope => return Reply::status("Only one pack is open"),
            Action::Open => return self.open(),
            other => match self.field.edit(other) {
                Edit::Changed => self.refresh(ctx),
                Edit::Leave => return Reply::back(),
                Edit::Same | Edit::NotMine => {}
            },
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        Reply::none()
    }

    fn open(&self) -> Reply {
        let Some(hit) = ordered(&self.results).get(self.selected).copied() else {
            return Reply::status("Nothing to open: type a word to search");
        };
        match (hit.doc, hit.contact) {
            (Some(doc), _) => Reply::to(Place::Doc {
                pack: hit.pack,
                doc,
                anchor: hit.anchor.clone(),
                find: Some(self.field.text().to_string()),
            }),
            (None, Some(index)) => Reply::to(Place::Contact {
                pack: hit.pack,
                index,
            }),
            (None, None) => Reply::none(),
        }
    }
}
