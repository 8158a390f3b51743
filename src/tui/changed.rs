//! What changed in each pack, as the reader keeps it while it runs: the notice known at the start
//! (from [`crate::changes::seen::find`], before any document is read), the record settled in the
//! background, and what looking at the changes or opening a changed document records. Pure: what
//! must be written comes back as [`Effect::SaveSeen`].

use std::sync::Arc;

use super::effect::Effect;
use crate::changes::PackChange;
use crate::changes::seen::{Found, Notice, Settled};

/// One pack's changes, as far as they are known.
#[derive(Debug, Clone)]
pub struct PackSeen {
    pub pack: String,
    /// The version now.
    pub version: i64,
    /// The notice found at the start, until the record is settled.
    found: Option<Notice>,
    /// The record, once the background has summed the pack up.
    pub settled: Option<Arc<Settled>>,
    /// The changes screen was opened (perhaps before the record was settled).
    viewed: bool,
    /// A newer version this PC has opened before, when this copy is older.
    pub newer: Option<i64>,
}

/// The steps of an open document to mark as changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    /// The version they changed in.
    pub version: i64,
    /// Positions in the document's steps (as [`crate::document::Document::steps`] lists them).
    pub steps: Vec<usize>,
}

impl Marks {
    /// What the footer says when a document opens with marks.
    pub fn status(&self) -> String {
        let steps = if self.steps.len() == 1 {
            "1 step".to_string()
        } else {
            format!("{} steps", self.steps.len())
        };
        format!(
            "Changed in version {}: {steps} marked * in the margin",
            self.version
        )
    }
}

impl PackSeen {
    pub fn from_found(found: &Found) -> PackSeen {
        PackSeen {
            pack: found.pack.clone(),
            version: found.version,
            found: found.notice(),
            settled: None,
            viewed: false,
            newer: found.newer(),
        }
    }

    /// "Changed in version N", until the changes screen has been opened.
    pub fn notice(&self) -> Option<Notice> {
        if self.viewed {
            return None;
        }
        match &self.settled {
            Some(s) => s.notice(),
            None => self.found,
        }
    }

    /// The version before this one, when known.
    pub fn since(&self) -> Option<i64> {
        match &self.settled {
            Some(s) => s.seen.previous.as_ref().and_then(|p| p.version),
            None => self.found.and_then(|n| n.since),
        }
    }

    /// What changed since the version before, once worked out.
    pub fn change(&self) -> Option<&PackChange> {
        self.settled.as_ref().and_then(|s| s.change.as_ref())
    }
}

/// The record of pack `id`.
pub fn of<'a>(list: &'a [PackSeen], id: &str) -> Option<&'a PackSeen> {
    list.iter().find(|p| p.pack == id)
}

fn save(settled: &Settled) -> Effect {
    Effect::SaveSeen(Box::new(settled.seen.clone()))
}

/// Take the records the background settled; returns the ones to write.
pub fn receive(list: &mut Vec<PackSeen>, settled: Vec<Settled>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for mut s in settled {
        let id = s.seen.snapshot.id.clone();
        let pos = match list.iter().position(|p| p.pack == id) {
            Some(pos) => pos,
            None => {
                list.push(PackSeen {
                    pack: id,
                    version: s.seen.version,
                    found: None,
                    settled: None,
                    viewed: false,
                    newer: None,
                });
                list.len() - 1
            }
        };
        let entry = &mut list[pos];
        let viewed = entry.viewed && s.view();
        if s.dirty || viewed {
            effects.push(save(&s));
        }
        entry.version = s.seen.version;
        entry.settled = Some(Arc::new(s));
    }
    effects
}

/// The changes screen of pack `id` was opened: the notice goes, for good once settled.
pub fn view(list: &mut [PackSeen], id: &str) -> Vec<Effect> {
    let Some(entry) = list.iter_mut().find(|p| p.pack == id) else {
        return Vec::new();
    };
    entry.viewed = true;
    match entry.settled.as_mut() {
        Some(s) if s.notice().is_some() => {
            let s = Arc::make_mut(s);
            s.view();
            vec![save(s)]
        }
        _ => Vec::new(),
    }
}

/// Document `doc` of pack `id` was opened: the steps to mark during this opening, and the record
/// to write (they are not marked the next time).
pub fn open(list: &mut [PackSeen], id: &str, doc: &str) -> (Option<Marks>, Vec<Effect>) {
    let Some(entry) = list.iter_mut().find(|p| p.pack == id) else {
        return (None, Vec::new());
    };
    let version = entry.version;
    let Some(s) = entry.settled.as_mut() else {
        return (None, Vec::new());
    };
    let steps = s.marks(doc);
    if s.seen.opened.iter().any(|d| d == doc)
        || s.change.as_ref().and_then(|c| c.doc(doc)).is_none()
    {
        return (None, Vec::new());
    }
    let s = Arc::make_mut(s);
    s.open(doc);
    let marks = (!steps.is_empty()).then_some(Marks { version, steps });
    (marks, vec![save(s)])
}
