//! Popups over the current screen: a prompt for text (incident name, note, initials) and the
//! question asked before quitting when the incident log is not being saved. Esc closes either.

use super::action::Action;
use super::ctx::Ctx;
use super::effect::Effect;
use super::field::TextField;
use super::incident;
use super::keymap::Layer;
use super::reply::{Ask, Purpose, Reply};
use crate::sanitize::clean_line;

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Prompt(Prompt),
    Quit(QuitQuestion),
}

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub title: String,
    pub field: TextField,
}

/// Before quitting with a log kept only in memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuitQuestion {
    pub selected: usize,
}

/// The quit question's choices, in order.
pub const QUIT_CHOICES: [&str; 3] = [
    "Export the report, then quit",
    "Quit without keeping the log",
    "Stay in manualpack",
];

impl Popup {
    pub fn prompt(ask: Ask) -> Popup {
        Popup::Prompt(Prompt {
            purpose: ask.purpose,
            title: ask.title,
            field: TextField::default(),
        })
    }

    pub fn layers(&self) -> &'static [Layer] {
        match self {
            Popup::Prompt(_) => &[Layer::Typing, Layer::Editing, Layer::Prompt, Layer::Global],
            Popup::Quit(_) => &[Layer::Question, Layer::Global],
        }
    }

    pub fn field(&self) -> Option<&TextField> {
        match self {
            Popup::Prompt(p) => Some(&p.field),
            Popup::Quit(_) => None,
        }
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        match self {
            Popup::Prompt(p) => p.update(ctx, action),
            Popup::Quit(q) => q.update(ctx, action),
        }
    }
}

impl Prompt {
    fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        match action {
            Action::Back => Reply::back(),
            Action::Submit => {
                let text = clean_line(self.field.text().trim());
                let mut reply = submit(ctx, &self.purpose, text);
                reply.go = Some(super::reply::Go::Back);
                reply
            }
            // holding Backspace down must not close the prompt
            other => {
                self.field.edit(other);
                Reply::none()
            }
        }
    }
}

fn submit(ctx: &Ctx, purpose: &Purpose, text: String) -> Reply {
    match purpose {
        Purpose::IncidentName { exercise, from } => {
            incident::start(ctx, *exercise, text, from.clone())
        }
        Purpose::Note if text.is_empty() => Reply::none(),
        Purpose::Note => Reply::ask(
            Purpose::Initials { note: text },
            "Your initials (optional, Enter to skip)",
        ),
        Purpose::Initials { note } => incident::note(ctx, note.clone(), &text),
    }
}

impl QuitQuestion {
    fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        let last = QUIT_CHOICES.len() - 1;
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Back => return Reply::back(),
            Action::Open => {
                return match self.selected {
                    0 => Reply::effect(Effect::Export {
                        ids: ctx
                            .store
                            .log
                            .incidents()
                            .into_iter()
                            .map(|i| i.id)
                            .collect(),
                        then_quit: true,
                    }),
                    1 => Reply::effect(Effect::Quit),
                    _ => Reply::back(),
                };
            }
            _ => {}
        }
        Reply::none()
    }
}
