//! Contacts: the grouped list (every field, wrapped) and one contact in full, opened with Enter.

use super::text::{Line, Tone, scroll_by};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::menu::{self, MenuState, Row, Target};
use crate::tui::reply::{Go, Place, Reply};

pub fn rows(ctx: &Ctx) -> Vec<Row> {
    ctx.current_pack()
        .map(|p| menu::contact_rows(p, usize::from(ctx.body().width)))
        .unwrap_or_default()
}

pub fn update_list(state: &mut MenuState, ctx: &Ctx, action: Action) -> Reply {
    if action == Action::Back {
        return Reply::back();
    }
    match state.update(&rows(ctx), ctx.body(), action) {
        Some(Target::Contact(index)) => Reply::go(Go::Push(Place::Contact {
            pack: ctx.pack,
            index,
        })),
        _ => Reply::none(),
    }
}

/// One contact in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactState {
    pub pack: usize,
    pub index: usize,
    pub scroll: usize,
}

impl ContactState {
    pub fn name<'a>(&self, ctx: &Ctx<'a>) -> &'a str {
        ctx.set
            .packs
            .get(self.pack)
            .and_then(|p| p.contacts.get(self.index))
            .map_or("", |c| c.name.as_str())
    }

    /// Every field, wrapped to `width`.
    pub fn lines(&self, ctx: &Ctx, width: usize) -> Vec<Line> {
        let Some(c) = ctx
            .set
            .packs
            .get(self.pack)
            .and_then(|p| p.contacts.get(self.index))
        else {
            return vec![(
                "This contact is not in the pack any more.".into(),
                Tone::Detail,
            )];
        };
        let mut out: Vec<Line> = vec![(c.name.clone(), Tone::Heading)];
        let key = if c.key { ", a key contact" } else { "" };
        out.push((format!("{}{key}", c.group), Tone::Detail));
        out.push((String::new(), Tone::Plain));
        for field in crate::pack::contacts::field_lines(c) {
            for (i, piece) in super::text::wrap(&field, width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let indent = if i == 0 { "" } else { "    " };
                out.push((format!("{indent}{piece}"), Tone::Plain));
            }
        }
        out
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        if action == Action::Back {
            return Reply::back();
        }
        let len = self.lines(ctx, usize::from(ctx.body().width)).len();
        scroll_by(&mut self.scroll, len, ctx.height(), action);
        Reply::none()
    }
}
