//! The incident screen: start or end an incident or exercise, notes, the log, the report, past
//! incidents, and where the log is kept (or why it is not being saved).

use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::incident;
use crate::tui::menu::{MenuState, Row};
use crate::tui::reply::Reply;

pub fn rows(ctx: &Ctx) -> Vec<Row> {
    incident::rows(ctx, usize::from(ctx.body().width))
}

pub fn update(state: &mut MenuState, ctx: &Ctx, action: Action) -> Reply {
    if action == Action::Back {
        return Reply::back();
    }
    let rows = rows(ctx);
    match state.update(&rows, ctx.body(), action) {
        Some(target) => {
            let reply = incident::open_target(ctx, target);
            if !reply.effects.is_empty() {
                // the rows change (started, ended): start again from the top
                *state = MenuState::default();
            }
            reply
        }
        None => Reply::none(),
    }
}
