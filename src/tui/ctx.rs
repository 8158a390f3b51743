//! What a screen can see of the app while it updates or draws ([`Ctx`]), and the frame every
//! screen sits in: header, banner, body, key-numbers strip and footer ([`Areas`]).

use std::collections::HashSet;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::layout::Rect;

use super::strip::{self, Strip};
use crate::check::Diagnostic;
use crate::incident::store::Store;
use crate::incident::{Event, Incident, Record, StepKey, elapsed};
use crate::pack::{Pack, PackSet};
use crate::search::SearchIndex;
use crate::stick::StickStatus;

/// Widest a document is laid out, for readable lines on wide screens.
pub const MAX_TEXT_WIDTH: usize = 100;

/// Most key contacts the strip tries to fit.
const STRIP_CANDIDATES: usize = 40;

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// The app's data, read-only, for one update or one frame.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub set: &'a PackSet,
    pub search: &'a SearchIndex,
    /// `manualpack check`'s findings for each pack.
    pub health: &'a [Vec<Diagnostic>],
    pub store: &'a Store,
    /// The incident in progress.
    pub active: Option<&'a Incident>,
    /// Steps ticked in it.
    pub ticks: &'a HashSet<StepKey>,
    /// The pack being read (index in the set).
    pub pack: usize,
    pub stick: Option<&'a StickStatus>,
    /// The terminal.
    pub area: Rect,
    pub clock: fn() -> Timestamp,
    pub today: Date,
    /// What is still being read in the background.
    pub pending: super::loader::Pending,
    /// The theme is monochrome (`NO_COLOR`): struck text is marked `~~` in its text.
    pub mono: bool,
    /// What changed in each pack, as far as it is known.
    pub seen: &'a [super::changed::PackSeen],
}

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub banner: Option<Rect>,
    pub body: Rect,
    /// The key-numbers strip: a rule, then its lines.
    pub keys: Rect,
    pub footer: Rect,
}

impl<'a> Ctx<'a> {
    pub fn current_pack(&self) -> Option<&'a Pack> {
        self.set.packs.get(self.pack)
    }

    /// What changed in the pack being read.
    pub fn current_seen(&self) -> Option<&'a super::changed::PackSeen> {
        super::changed::of(self.seen, &self.current_pack()?.id)
    }

    pub fn current_health(&self) -> &'a [Diagnostic] {
        self.health.get(self.pack).map_or(&[], Vec::as_slice)
    }

    /// A record of something that happened in the incident in progress, now.
    pub fn record(&self, incident: &str, event: Event) -> Record {
        Record {
            at: (self.clock)(),
            incident: incident.to_string(),
            event,
        }
    }

    pub fn is_ticked(&self, pack: &str, doc: &str, step: &str) -> bool {
        self.ticks.contains(&StepKey {
            pack: pack.into(),
            doc: doc.into(),
            step: step.into(),
        })
    }

    /// The key-numbers strip for this size: three lines on a tall screen, two on a short one.
    pub fn strip(&self) -> Strip {
        let Some(pack) = self.current_pack() else {
            return Strip::default();
        };
        let contacts: Vec<(String, String)> = pack
            .key_contacts()
            .filter_map(|c| Some((c.name.clone(), c.main_number()?.to_string())))
            .collect();
        let max_lines = if self.area.height >= 20 { 3 } else { 2 };
        // three lines never hold more than a few dozen; a pack marking hundreds as key must not
        // make every key slow
        let mut strip = strip::layout(
            &contacts[..contacts.len().min(STRIP_CANDIDATES)],
            usize::from(self.area.width).saturating_sub(2),
            max_lines,
        );
        strip.total = contacts.len();
        strip
    }

    /// The loud line under the header: the stick's state, an incident in progress, review
    /// overdue, or errors in the pack.
    pub fn banner(&self) -> Option<String> {
        if let Some(banner) = self.stick.and_then(StickStatus::banner) {
            return Some(banner);
        }
        if let Some(active) = self.active {
            let label = if active.exercise {
                "EXERCISE"
            } else {
                "In downtime"
            };
            let text = format!(
                "{label}: {}, {}",
                active.name,
                elapsed(active.started, (self.clock)())
            );
            // first, so a narrow screen never cuts it
            return Some(match self.store.not_saved {
                Some(_) => format!("NOT SAVED (F4: why, export) | {text}"),
                None => text,
            });
        }
        let pack = self.current_pack()?;
        if pack.meta.review_overdue(self.today) {
            let date = pack
                .meta
                .next_review
                .map(|d| d.to_string())
                .unwrap_or_default();
            return Some(format!(
                "REVIEW OVERDUE since {date}: check with the practice manager that this pack is current"
            ));
        }
        let errors = crate::check::counts(self.current_health()).0;
        (errors > 0).then(|| {
            format!(
                "{} in this pack: F8 for pack health; everything else still works",
                plural(errors, "error")
            )
        })
    }

    /// Split the terminal into header, optional banner, body, key-numbers strip and footer.
    pub fn areas(&self) -> Areas {
        let area = self.area;
        let row = |y: u16, h: u16| Rect {
            x: area.x,
            y,
            width: area.width,
            height: h,
        };
        let header_height = 1.min(area.height);
        let banner_height = u16::from(self.banner().is_some()).min(area.height - header_height);
        let strip_lines = self.strip().lines.len() as u16;
        let keys_height = if strip_lines == 0 { 0 } else { strip_lines + 1 };
        let rest = area.height - header_height - banner_height;
        let footer_height = 1.min(rest);
        let keys_height = keys_height.min(rest - footer_height);
        let body_height = rest - footer_height - keys_height;
        let header = row(area.y, header_height);
        let banner = (banner_height > 0).then(|| row(area.y + header_height, 1));
        let body = row(area.y + header_height + banner_height, body_height);
        let keys = row(body.y + body_height, keys_height);
        let footer = row(keys.y + keys_height, footer_height);
        Areas {
            header,
            banner,
            body,
            keys,
            footer,
        }
    }

    pub fn body(&self) -> Rect {
        self.areas().body
    }

    /// Rows of the body.
    pub fn height(&self) -> usize {
        usize::from(self.body().height)
    }

    /// The width documents are laid out at for the current size.
    pub fn text_width(&self) -> usize {
        usize::from(self.body().width)
            .saturating_sub(2)
            .clamp(1, MAX_TEXT_WIDTH)
    }

    /// How documents are laid out for the current size and theme: text at most
    /// [`MAX_TEXT_WIDTH`] wide, tables over the whole width of the body.
    pub fn layout_options(&self) -> crate::layout::Options {
        crate::layout::Options {
            width: self.text_width(),
            table_width: usize::from(self.body().width).saturating_sub(2),
            strike_marks: self.mono,
        }
    }
}

/// "1 error", "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
