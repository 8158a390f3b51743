//! Search in the reader: the search screen (results update on every keystroke, grouped as
//! contacts, procedures and forms), opening a hit at its match, and finding within a document
//! (`/` in the reader, `n`/`N` between matches).

use std::ops::Range;

use super::action::Action;
use super::app::{App, Reader, Screen};
use super::incident::{Prompt, Purpose};
use super::menu::MenuState;
use crate::search::{Hit, HitKind, Query, Results, SearchScope};

/// Most hits shown.
pub const LIMIT: usize = 60;

/// The search screen's state.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub text: String,
    pub results: Results,
    /// Index into `results.hits` in display order (see [`ordered`]).
    pub selected: usize,
    pub offset: usize,
    /// Search every open pack, not just the current one.
    pub all_packs: bool,
}

/// Matches of a find within the open document.
#[derive(Debug, Clone)]
pub struct Find {
    pub text: String,
    /// (line, byte range in that line's text), in order.
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: usize,
}

/// Hits in display order: contacts, then procedures, then forms, each best first.
pub fn ordered(results: &Results) -> Vec<&Hit> {
    let mut hits: Vec<&Hit> = results.hits.iter().collect();
    hits.sort_by_key(|h| h.kind);
    hits
}

/// Open the search screen, with what was typed so far.
pub fn open(app: &mut App, first: Option<char>) {
    let mut state = SearchState::default();
    if let Some(c) = first {
        state.text.push(c);
    }
    app.stack.push(Screen::Search(Box::new(state)));
    refresh(app);
}

fn refresh(app: &mut App) {
    let pack = app.pack;
    let Some(Screen::Search(state)) = app.stack.last() else {
        return;
    };
    let query = app.search.parse(&state.text);
    let scope = if state.all_packs {
        SearchScope::All
    } else {
        SearchScope::Pack(pack)
    };
    let results = app.search.search(&app.set, &query, scope, LIMIT);
    if let Some(Screen::Search(state)) = app.stack.last_mut() {
        state.results = results;
        state.selected = 0;
        state.offset = 0;
    }
}

pub fn update(app: &mut App, action: Action) {
    let height = app.body_height().saturating_sub(2) / 2;
    let Some(Screen::Search(state)) = app.stack.last_mut() else {
        return;
    };
    let count = state.results.hits.len();
    match action {
        Action::Type(c) => {
            if state.text.chars().count() < 200 {
                state.text.push(c);
            }
            refresh(app);
        }
        Action::Erase => {
            state.text.pop();
            refresh(app);
        }
        Action::NextLink if app.set.packs.len() > 1 => {
            state.all_packs = !state.all_packs;
            refresh(app);
        }
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(count.saturating_sub(1)),
        Action::PageUp => state.selected = state.selected.saturating_sub(height.max(1)),
        Action::PageDown => {
            state.selected = (state.selected + height.max(1)).min(count.saturating_sub(1))
        }
        Action::Open => open_hit(app),
        _ => {}
    }
    if let Some(Screen::Search(state)) = app.stack.last_mut() {
        let visible = height.max(1);
        if state.selected < state.offset {
            state.offset = state.selected;
        } else if state.selected >= state.offset + visible {
            state.offset = state.selected + 1 - visible;
        }
    }
}

fn open_hit(app: &mut App) {
    let Some(Screen::Search(state)) = app.stack.last() else {
        return;
    };
    let Some(hit) = ordered(&state.results)
        .get(state.selected)
        .map(|h| (*h).clone())
    else {
        return;
    };
    let text = state.text.clone();
    app.pack = hit.pack;
    match (hit.kind, hit.doc, hit.contact) {
        (HitKind::Contact, _, Some(contact)) => {
            app.push_unique(Screen::Contacts(MenuState::default()));
            let rows = app.menu_rows().unwrap_or_default();
            let item = rows
                .iter()
                .filter_map(|r| r.target())
                .position(|t| t == super::menu::Target::Contact(contact));
            let height = app.body_height();
            if let (Some(item), Some(Screen::Contacts(s))) = (item, app.stack.last_mut()) {
                s.selected = item;
                s.reveal(&rows, height);
            }
        }
        (_, Some(doc), _) => {
            app.open_doc(doc, hit.anchor.as_deref());
            start_find(app, &text, true);
        }
        _ => {}
    }
}

/// `/` in the reader: ask what to find.
pub fn ask_find(app: &mut App) {
    app.prompt = Some(Prompt {
        purpose: Purpose::Find,
        title: "Find in this document".into(),
        text: String::new(),
    });
}

/// Find `text` in the open document, highlight every match and go to the first one at or after
/// the top of the screen (or, `from_top` false, after the current position).
pub fn start_find(app: &mut App, text: &str, from_here: bool) {
    let query = app.search.parse(text);
    let height = app.body_height();
    let Some(Screen::Reader(r)) = app.stack.last_mut() else {
        return;
    };
    if query.is_empty() {
        r.find = None;
        return;
    }
    let matches = find_matches(r, &query);
    if matches.is_empty() {
        r.find = None;
        app.status = Some(format!("Not found in this document: {text}"));
        return;
    }
    let start = if from_here { r.scroll } else { 0 };
    let current = matches
        .iter()
        .position(|(line, _)| *line >= start)
        .unwrap_or(0);
    let count = matches.len();
    r.find = Some(Find {
        text: text.to_string(),
        matches,
        current,
    });
    show_current(r, height);
    app.status = Some(format!("{count} match(es); n: next, N: previous"));
}

fn find_matches(r: &Reader, query: &Query) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (i, line) in r.rendered.lines.iter().enumerate() {
        let text = line.text();
        for range in query.match_ranges(&text) {
            out.push((i, range));
        }
    }
    out
}

fn show_current(r: &mut Reader, height: usize) {
    let Some(f) = &r.find else { return };
    let Some((line, _)) = f.matches.get(f.current) else {
        return;
    };
    if *line < r.scroll || *line >= r.scroll + height.max(1) {
        let max = r.rendered.lines.len().saturating_sub(height.max(1));
        r.scroll = line.saturating_sub(height / 3).min(max);
    }
}

/// `n` / `N`: the next or previous match. False when no find is active.
pub fn step(app: &mut App, forward: bool) -> bool {
    let height = app.body_height();
    let Some(Screen::Reader(r)) = app.stack.last_mut() else {
        return false;
    };
    let Some(f) = r.find.as_mut() else {
        return false;
    };
    let n = f.matches.len();
    if n == 0 {
        return false;
    }
    f.current = if forward {
        (f.current + 1) % n
    } else {
        (f.current + n - 1) % n
    };
    let msg = format!("Match {} of {n}", f.current + 1);
    show_current(r, height);
    app.status = Some(msg);
    true
}

/// After a relayout, find the same text again in the new lines.
pub fn refind(r: &mut Reader, index: &crate::search::SearchIndex) {
    let Some(text) = r.find.as_ref().map(|f| f.text.clone()) else {
        return;
    };
    let matches = find_matches(r, &index.parse(&text));
    r.find = (!matches.is_empty()).then_some(Find {
        text,
        matches,
        current: 0,
    });
}
