//! The home screen ("What isn't working?") and the pack chooser. Typing on the home screen goes
//! into its search field, which opens the search screen with what was typed; the arrow keys and
//! Enter still pick from the list.

use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::incident;
use crate::tui::keymap;
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
    let Some(pack) = ctx.current_pack() else {
        return Vec::new();
    };
    let mut rows = menu::home_rows(pack, &progress, ctx.current_health(), ctx.pending.docs);
    mark_changed(ctx, &mut rows);
    rows
}

/// "changed in v12" before the detail of each document (and triage entry opening one) that
/// changed in this version and has not been opened since.
fn mark_changed(ctx: &Ctx, rows: &mut [Row]) {
    let (Some(pack), Some(seen)) = (ctx.current_pack(), ctx.current_seen()) else {
        return;
    };
    let Some(settled) = &seen.settled else {
        return;
    };
    let Some(change) = &settled.change else {
        return;
    };
    let unopened = |id: &str| {
        change
            .doc(id)
            .is_some_and(|d| d.change != crate::changes::Change::Removed)
            && !settled.seen.opened.iter().any(|o| o == id)
    };
    for row in rows {
        let Row::Item { detail, target, .. } = row else {
            continue;
        };
        let id = match *target {
            Target::Doc(i) => pack.docs.get(i).map(|d| d.id.as_str()),
            Target::Triage(i) => pack.meta.triage.get(i).map(|t| t.open.as_str()),
            _ => None,
        };
        if id.is_some_and(unopened) {
            *detail = if detail.is_empty() {
                format!("* changed in v{}", seen.version)
            } else {
                format!("* changed in v{} | {detail}", seen.version)
            };
        }
    }
}

/// The row of the body under the search field where "Changed in version N" shows.
pub const NOTICE_ROW: u16 = 1;

/// "Changed in version 12: F12 shows what changed", in the longest wording that fits `width`,
/// while the pack being read has changed and its changes have not been looked at.
pub fn notice_text(ctx: &Ctx, width: usize) -> Option<String> {
    let notice = ctx.current_seen()?.notice()?;
    let key = keymap::global_key(Action::Changes).unwrap_or_default();
    let v = notice.version;
    [
        format!("! Changed in version {v}: {key} shows what changed"),
        format!("! Changed in version {v}: {key} to see"),
        format!("! Changed in v{v}: {key} to see"),
        format!("! Changed in v{v}: {key}"),
    ]
    .into_iter()
    .find(|t| crate::layout::wrap::width(t) <= width)
}

pub fn update(state: &mut MenuState, ctx: &Ctx, action: Action) -> Reply {
    match action {
        Action::Type(c) => Reply::to(Place::Search(c.to_string())),
        Action::Back => Reply::back(),
        Action::Click { row, .. }
            if row == ctx.body().y + NOTICE_ROW
                && notice_text(ctx, usize::from(ctx.body().width)).is_some() =>
        {
            Reply::to(Place::Changes)
        }
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

/// The pack chooser: each pack that changed since this PC last opened it says so.
pub fn chooser_rows(ctx: &Ctx) -> Vec<Row> {
    let mut rows = menu::chooser_rows(ctx.set);
    for row in &mut rows {
        if let Row::Item {
            detail,
            target: Target::Pack(i),
            ..
        } = row
            && let Some(n) = ctx
                .set
                .packs
                .get(*i)
                .and_then(|p| crate::tui::changed::of(ctx.seen, &p.id))
                .and_then(crate::tui::changed::PackSeen::notice)
        {
            *detail = format!("{} | changed in v{}", detail.trim_end(), n.version);
        }
    }
    rows
}

pub fn update_chooser(state: &mut MenuState, ctx: &Ctx, action: Action) -> Reply {
    if action == Action::Back {
        return Reply::back();
    }
    let rows = chooser_rows(ctx);
    match state.update(&rows, ctx.body(), action) {
        Some(Target::Pack(i)) => Reply::go(Go::Push(Place::Pack(i))),
        _ => Reply::none(),
    }
}
