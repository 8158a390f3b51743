//! The home screen ("What isn't working?") and the pack chooser. Typing on the home screen goes
//! into its search field, which opens the search screen with what was typed; the arrow keys and
//! Enter still pick from the list.

use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::incident;
use crate::tui::menu::{self, MenuState, Row, Target};
use crate::tui::reply::{Go, Place, Reply};

/// Rows the search field takes at the top of the home screen.
pub const FIELD_ROWS: u16 = 2;

/// Where the home screen's list goes: the body under the search field.
pub fn list_area(body: Rect) -> Rect {
    let field = FIELD_ROWS.min(body.height);
    Rect {
        y: body.y + field,
        height: body.height - field,
        ..body
    }
}

pub fn rows(ctx: &Ctx) -> Vec<Row> {
    let progress = |doc| incident::progress(ctx, doc);
    ctx.current_pack()
        .map(|p| menu::home_rows(p, &progress, ctx.current_health(), ctx.pending.docs))
        .unwrap_or_default()
}

pub fn update(state: &mut MenuState, ctx: &Ctx, action: Action) -> Reply {
    match action {
        Action::Type(c) => Reply::to(Place::Search(c.to_string())),
        Action::Back => Reply::back(),
        other => {
            let rows = rows(ctx);
            match state.update(&rows, list_area(ctx.body()), other) {
                Some(target) => open(ctx, target),
                None => Reply::none(),
            }
        }
    }
}

fn open(ctx: &Ctx, target: Target) -> Reply {
    let Some(pack) = ctx.current_pack() else {
        return Reply::none();
    };
    match target {
        Target::Triage(i) => {
            let Some(t) = pack.meta.triage.get(i) else {
                return Reply::none();
            };
            match pack.doc_index(&t.open) {
                Some(doc) => Reply::to(Place::Doc {
                    pack: ctx.pack,
                    doc,
                    anchor: None,
                    find: None,
                }),
                None if ctx.pending.docs => {
                    Reply::status("Still reading this pack's documents: try again in a moment")
                }
                None => Reply::status(format!(
                    "\"{}\" opens `{}`, which this pack does not have (F8: pack health)",
                    t.label, t.open
                )),
            }
        }
        Target::Doc(doc) => Reply::to(Place::Doc {
            pack: ctx.pack,
            doc,
            anchor: None,
            find: None,
        }),
        Target::Contacts => Reply::to(Place::Contacts),
        Target::Problems => Reply::to(Place::Problems),
        _ => Reply::none(),
    }
}

pub fn update_chooser(state: &mut MenuState, ctx: &Ctx, action: Action) -> Reply {
    if action == Action::Back {
        return Reply::back();
    }
    let rows = menu::chooser_rows(ctx.set);
    match state.update(&rows, ctx.body(), action) {
        Some(Target::Pack(i)) => Reply::go(Go::Push(Place::Pack(i))),
        _ => Reply::none(),
    }
}
