//! Starting without waiting: the reader draws its first screen from each pack's `pack.toml` and
//! `contacts.toml`, and a background thread reads the rest, sending each part as it is ready
//! ([`Loaded`]): first which packs changed since this PC last opened them (the notice, from the
//! versions alone; see [`crate::changes::seen`]), then the documents, a search index of titles
//! and contacts, the full search index (from the stick or the cache when it matches, else built),
//! what changed in each pack, the stick's state, and the pack health checks. The event loop takes
//! whatever has arrived before each frame, so no key waits for any of it.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use jiff::civil::Date;

use super::changed::PackSeen;
use crate::changes::seen::{Found, Settled};
use crate::changes::snapshot::of_pack;
use crate::check::Diagnostic;
use crate::discover::Location;
use crate::pack::{Limits, PackSet};
use crate::search::{IndexSource, SearchIndex};
use crate::stick::StickStatus;

/// What is still being read in the background.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending {
    /// The documents (titles, summaries); until then packs have none.
    pub docs: bool,
    /// The full search index; until then search covers titles and contacts, or contacts only.
    pub search: bool,
    /// What changed since this PC last opened each pack.
    pub seen: bool,
    /// The stick's verification.
    pub stick: bool,
    /// The pack health checks.
    pub health: bool,
}

impl Pending {
    /// Everything still to come.
    pub fn all() -> Pending {
        Pending {
            docs: true,
            search: true,
            seen: true,
            stick: true,
            health: true,
        }
    }

    pub fn any(&self) -> bool {
        self.docs || self.search || self.seen || self.stick || self.health
    }
}

/// One part of the start, ready.
pub enum Loaded {
    /// Which packs changed since this PC last opened them (notices only).
    Notices(Vec<PackSeen>),
    /// Every pack with its documents (parsed when first read).
    Set(Arc<PackSet>),
    /// A search index; `complete` is false for the early one over titles and contacts.
    Search {
        index: Arc<SearchIndex>,
        complete: bool,
    },
    /// Each pack's record on this PC, settled.
    Seen(Vec<Settled>),
    Stick(Box<Option<StickStatus>>),
    Health(Arc<Vec<Vec<Diagnostic>>>),
}

/// Where the background work reads from and how it finds ready-made indexes.
pub struct Plan {
    pub location: Location,
    pub limits: Limits,
    pub today: Date,
    /// Verifies the stick the packs are on (None: not on a stick).
    pub stick: Box<dyn FnOnce() -> Option<StickStatus> + Send>,
    /// Finds or builds the full search index of a set.
    pub index: FindIndex,
    /// Reads what this PC saw of each pack before (see [`crate::changes::seen::find`]); settled
    /// once the documents are read.
    pub seen: Box<dyn FnOnce() -> Vec<Found> + Send>,
}

/// Finds (on the stick or in the cache) or builds the search index of a set.
pub type FindIndex = Box<dyn FnOnce(&PackSet) -> (SearchIndex, IndexSource) + Send>;

impl Plan {
    /// The reader's plan for packs at `location`: the full index from the stick they are on,
    /// else from the per-user `cache` folder, else built (and cached); the stick verified by
    /// `stick`.
    pub fn new(
        location: Location,
        today: Date,
        cache: Option<&std::path::Path>,
        stick: Box<dyn FnOnce() -> Option<StickStatus> + Send>,
    ) -> Plan {
        let packs = match &location {
            Location::Path(p) => Some(p.as_path()),
            Location::BuiltIn => None,
        };
        let places = crate::search::find::Places::for_path(packs, cache);
        Plan {
            location,
            limits: Limits::default(),
            today,
            stick,
            index: Box::new(move |set| crate::search::find::find_or_build(set, &places)),
            seen: Box::new(Vec::new),
        }
    }
}

/// Start the background work; its results arrive on the returned receiver, in the order of
/// [`Loaded`]'s variants. It stops early once the receiver is dropped. If no thread can be
/// started, the work is done here before returning (a slower start, but a complete one).
pub fn spawn(plan: Plan) -> Receiver<Loaded> {
    let (tx, rx) = channel();
    let shared = Arc::new(Mutex::new(Some((plan, tx))));
    let given = Arc::clone(&shared);
    let spawned = std::thread::Builder::new()
        .name("manualpack-loader".into())
        .spawn(move || take_and_work(&given));
    if spawned.is_err() {
        take_and_work(&shared);
    }
    rx
}

fn take_and_work(shared: &Mutex<Option<(Plan, Sender<Loaded>)>>) {
    let taken = shared.lock().ok().and_then(|mut slot| slot.take());
    if let Some((plan, tx)) = taken {
        let _ = work(plan, &tx);
    }
}

fn work(plan: Plan, tx: &Sender<Loaded>) -> Option<()> {
    let found = (plan.seen)();
    tx.send(Loaded::Notices(
        found.iter().map(PackSeen::from_found).collect(),
    ))
    .ok()?;
    let set = Arc::new(crate::discover::load(&plan.location, &plan.limits));
    tx.send(Loaded::Set(Arc::clone(&set))).ok()?;
    // the documents a receptionist opens first are ready before they are asked for
    for pack in &set.packs {
        for t in &pack.meta.triage {
            if let Some(d) = pack.doc(&t.open) {
                d.doc.get();
            }
        }
    }
    tx.send(Loaded::Search {
        index: Arc::new(SearchIndex::build_titles(&set)),
        complete: false,
    })
    .ok()?;
    let (index, _) = (plan.index)(&set);
    tx.send(Loaded::Search {
        index: Arc::new(index),
        complete: true,
    })
    .ok()?;
    let seen = found
        .into_iter()
        .filter_map(|found| {
            let pack = set.packs.iter().find(|p| p.id == found.pack)?;
            found.settle(|| of_pack(pack))
        })
        .collect();
    tx.send(Loaded::Seen(seen)).ok()?;
    tx.send(Loaded::Stick(Box::new((plan.stick)()))).ok()?;
    let health = crate::check::health(&set, plan.today);
    tx.send(Loaded::Health(Arc::new(health))).ok()
}
