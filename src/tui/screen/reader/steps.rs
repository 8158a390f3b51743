//! Ticking the steps of a procedure: the current step, Space, untick, and the log events.

use super::ReaderState;
use crate::incident::Event;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::incident;
use crate::tui::reply::{Reply, StartFrom};

impl ReaderState {
    /// The steps with whether each is ticked.
    pub(super) fn steps(&self, ctx: &Ctx) -> Vec<(String, bool)> {
        let (Some(pack), Some(entry)) = (self.pack(ctx), self.entry(ctx)) else {
            return Vec::new();
        };
        self.rendered
            .steps
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let key = self.step_keys.get(i).cloned().unwrap_or_default();
                let ticked = ctx.is_ticked(&pack.id, &entry.id, &key);
                (key, ticked)
            })
            .collect()
    }

    /// The current step (the first unticked one), while an incident is running.
    pub fn current_step(&self, ctx: &Ctx) -> Option<usize> {
        ctx.active?;
        self.steps(ctx).iter().position(|(_, done)| !done)
    }

    pub(super) fn tick_event(&self, ctx: &Ctx, step: String, tick: bool) -> Option<Event> {
        let (pack, entry) = (self.pack(ctx)?, self.entry(ctx)?);
        let (pack, doc, version) = (pack.id.clone(), entry.id.clone(), pack.meta.version);
        Some(if tick {
            Event::Tick {
                pack,
                version,
                doc,
                step,
            }
        } else {
            Event::Untick {
                pack,
                version,
                doc,
                step,
            }
        })
    }

    /// Space: tick the current step; with no incident running, ask for one and tick it after.
    pub(super) fn tick(&mut self, ctx: &Ctx) -> Reply {
        let steps = self.steps(ctx);
        if steps.is_empty() {
            return Reply::status("This document has no steps to tick");
        }
        let next = steps.iter().position(|(_, done)| !done);
        let Some(active) = ctx.active else {
            let (Some(pack), Some(entry)) = (self.pack(ctx), self.entry(ctx)) else {
                return Reply::none();
            };
            let from = StartFrom {
                pack: pack.id.clone(),
                version: pack.meta.version,
                doc: entry.id.clone(),
                title: entry.title.clone(),
                tick: next.map(|i| steps[i].0.clone()),
            };
            return incident::ask_start(false, Some(from));
        };
        let Some(i) = next else {
            return Reply::status("Every step is ticked");
        };
        let Some(event) = self.tick_event(ctx, steps[i].0.clone(), true) else {
            return Reply::none();
        };
        // keep the step after it (the new current one) in view
        let after = steps
            .iter()
            .enumerate()
            .position(|(k, (_, done))| k != i && !done);
        if let Some(spot) = after.and_then(|k| self.rendered.steps.get(k)) {
            let height = ctx.height();
            if spot.line < self.scroll || spot.end > self.scroll + height {
                self.scroll = spot.line.saturating_sub(2).min(self.max_scroll(height));
            }
        }
        Reply::effect(Effect::Record(ctx.record(&active.id, event)))
    }

    /// Untick the step ticked last in this document.
    pub(super) fn untick(&self, ctx: &Ctx) -> Reply {
        let (Some(active), Some(entry), Some(pack)) = (ctx.active, self.entry(ctx), self.pack(ctx))
        else {
            return Reply::status("No incident in progress");
        };
        let last = ctx
            .store
            .log
            .records_of(&active.id)
            .filter_map(|r| match &r.event {
                Event::Tick {
                    pack: p, doc, step, ..
                } if *p == pack.id && *doc == entry.id => Some(step),
                _ => None,
            })
            .filter(|step| ctx.is_ticked(&pack.id, &entry.id, step))
            .last()
            .cloned();
        match last.and_then(|step| self.tick_event(ctx, step, false)) {
            Some(event) => Reply::effect(Effect::Record(ctx.record(&active.id, event))),
            None => Reply::status("No ticked step to untick"),
        }
    }
}
