//! Incident mode, the domain half: incidents (and exercises), ticked steps, notes and opened
//! procedures, recorded as an append-only log that nothing can lose.
//!
//! The log is JSON Lines: one [`Record`] per line, each append flushed and synced. Everything
//! else (which incident is active, which steps are ticked) is derived by replaying it, so two
//! copies of the program appending to one log never lose each other's entries. State never lives
//! inside a pack. Children: [`store`] finds and writes the state folder (or keeps state in memory
//! when it cannot be written); [`export`] writes the post-incident report.

pub mod export;
pub mod store;

use std::collections::HashSet;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::sanitize::clean_line;

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub at: Timestamp,
    /// The incident this belongs to.
    pub incident: String,
    #[serde(flatten)]
    pub event: Event,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Start {
        name: String,
        exercise: bool,
        /// The practice whose pack was open when it started (for the report's heading); absent
        /// in logs written before it was recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        practice: Option<String>,
    },
    End,
    Open {
        pack: String,
        version: Option<i64>,
        doc: String,
        title: String,
    },
    Tick {
        pack: String,
        version: Option<i64>,
        doc: String,
        step: String,
    },
    Untick {
        pack: String,
        version: Option<i64>,
        doc: String,
        step: String,
    },
    Note {
        text: String,
        initials: Option<String>,
    },
}

impl Record {
    /// A copy with every string sanitised (the log file is as untrusted as a pack).
    fn cleaned(mut self) -> Self {
        let c = |s: &mut String| *s = clean_line(s);
        c(&mut self.incident);
        match &mut self.event {
            Event::Start { name, practice, .. } => {
                c(name);
                if let Some(p) = practice {
                    c(p);
                }
            }
            Event::End => {}
            Event::Open {
                pack, doc, title, ..
            } => {
                c(pack);
                c(doc);
                c(title);
            }
            Event::Tick {
                pack, doc, step, ..
            }
            | Event::Untick {
                pack, doc, step, ..
            } => {
                c(pack);
                c(doc);
                c(step);
            }
            Event::Note { text, initials } => {
                c(text);
                if let Some(i) = initials {
                    c(i);
                }
            }
        }
        self
    }
}

/// An incident as the log tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: String,
    pub name: String,
    pub exercise: bool,
    pub started: Timestamp,
    pub ended: Option<Timestamp>,
}

impl Incident {
    /// "Exercise" or "Incident", for labels.
    pub fn kind(&self) -> &'static str {
        if self.exercise {
            "Exercise"
        } else {
            "Incident"
        }
    }
}

/// A ticked step: which pack, document and step text (so a step whose text changed in a refresh
/// shows as unticked).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StepKey {
    pub pack: String,
    pub doc: String,
    pub step: String,
}

/// The whole log, replayed.
#[derive(Debug, Clone, Default)]
pub struct Log {
    pub records: Vec<Record>,
    /// 1-based numbers of lines that could not be read (kept in the file, reported).
    pub damaged: Vec<usize>,
}

impl Log {
    /// Parse the text of a log file; damaged lines are skipped and listed.
    pub fn parse(text: &str) -> Log {
        let mut log = Log::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Record>(line) {
                Ok(r) => log.records.push(r.cleaned()),
                Err(_) => log.damaged.push(i + 1),
            }
        }
        log
    }

    /// Every incident, oldest first.
    pub fn incidents(&self) -> Vec<Incident> {
        let mut out: Vec<Incident> = Vec::new();
        for r in &self.records {
            match &r.event {
                Event::Start { name, exercise, .. } if !out.iter().any(|i| i.id == r.incident) => {
                    out.push(Incident {
                        id: r.incident.clone(),
                        name: name.clone(),
                        exercise: *exercise,
                        started: r.at,
                        ended: None,
                    })
                }
                Event::End => {
                    if let Some(i) = out
                        .iter_mut()
                        .find(|i| i.id == r.incident && i.ended.is_none())
                    {
                        i.ended = Some(r.at);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The incident in progress: the latest one started and not ended.
    pub fn active(&self) -> Option<Incident> {
        self.incidents()
            .into_iter()
            .rev()
            .find(|i| i.ended.is_none())
    }

    pub fn incident(&self, id: &str) -> Option<Incident> {
        self.incidents().into_iter().find(|i| i.id == id)
    }

    /// The records of one incident, in order.
    pub fn records_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Record> + 'a {
        self.records.iter().filter(move |r| r.incident == id)
    }

    /// Steps ticked (and not unticked since) in an incident.
    pub fn ticks(&self, id: &str) -> HashSet<StepKey> {
        let mut ticks = HashSet::new();
        for r in self.records_of(id) {
            match &r.event {
                Event::Tick {
                    pack, doc, step, ..
                } => {
                    ticks.insert(StepKey {
                        pack: pack.clone(),
                        doc: doc.clone(),
                        step: step.clone(),
                    });
                }
                Event::Untick {
                    pack, doc, step, ..
                } => {
                    ticks.remove(&StepKey {
                        pack: pack.clone(),
                        doc: doc.clone(),
                        step: step.clone(),
                    });
                }
                _ => {}
            }
        }
        ticks
    }

    /// The practice an incident belongs to: as recorded when it started, else the practice of
    /// the first pack its records name (`practice_of` maps a pack id to its practice's name),
    /// else that pack's id.
    pub fn practice(
        &self,
        id: &str,
        practice_of: &dyn Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let mut first_pack = None;
        for r in self.records_of(id) {
            match &r.event {
                Event::Start {
                    practice: Some(p), ..
                } => return Some(p.clone()),
                Event::Open { pack, .. }
                | Event::Tick { pack, .. }
                | Event::Untick { pack, .. } => {
                    first_pack.get_or_insert_with(|| pack.clone());
                }
                _ => {}
            }
        }
        let pack = first_pack?;
        Some(practice_of(&pack).unwrap_or(pack))
    }

    /// Pack versions seen in an incident's ticks, per pack: more than one means the pack was
    /// refreshed during the incident.
    pub fn versions_seen(&self, id: &str, pack: &str) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for r in self.records_of(id) {
            if let Event::Tick {
                pack: p,
                version: Some(v),
                ..
            }
            | Event::Open {
                pack: p,
                version: Some(v),
                ..
            } = &r.event
                && p == pack
                && !out.contains(v)
            {
                out.push(*v);
            }
        }
        out
    }
}

/// A new incident id: the start time, readable and sortable, plus the process id so two copies
/// starting in the same second do not collide.
pub fn new_id(at: Timestamp) -> String {
    let t = at.strftime("%Y%m%dT%H%M%SZ").to_string();
    format!("{t}-{}", std::process::id())
}

/// Elapsed time as "1 h 05 min" or "12 min".
pub fn elapsed(from: Timestamp, to: Timestamp) -> String {
    let minutes = (to.as_second() - from.as_second()).max(0) / 60;
    if minutes >= 60 {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

#[cfg(test)]
mod tests;
