//! What a screen's `update` asks for, as data: where to go next, effects for the loop to run,
//! a message for the footer, a prompt to open. Screens never build each other: they name a
//! [`Place`] and the app makes the screen, so no screen module imports another.

use super::effect::Effect;

/// A place to go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The home screen of a pack (index in the set).
    Pack(usize),
    /// A document, at an anchor, with a find highlighted.
    Doc {
        pack: usize,
        doc: usize,
        anchor: Option<String>,
        find: Option<String>,
    },
    /// All contacts of the pack being read.
    Contacts,
    /// One contact, in full.
    Contact {
        pack: usize,
        index: usize,
    },
    Help,
    Problems,
    Incidents,
    /// The log of an incident, by id.
    Log(String),
    /// The search screen, with what has been typed so far.
    Search(String),
    /// What changed in the pack's latest version.
    Changes,
}

/// Navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Go {
    /// One step back: the popup on top, else the previous screen.
    Back,
    /// Open a place (an open screen of the same kind is returned to instead).
    To(Place),
    /// Open a place on top of this one, even if one of its kind is further down.
    Push(Place),
    /// The home screen of the pack being read.
    Home,
    /// The pack chooser (when several packs are open).
    Packs,
}

/// The procedure an incident was started from: it is logged as opened, and the step that was
/// being ticked is ticked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartFrom {
    pub pack: String,
    pub version: Option<i64>,
    pub doc: String,
    pub title: String,
    pub tick: Option<String>,
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    IncidentName {
        exercise: bool,
        from: Option<StartFrom>,
    },
    Note,
    Initials {
        note: String,
    },
}

/// A request for text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub purpose: Purpose,
    pub title: String,
}

/// Everything an update asks of the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    pub go: Option<Go>,
    pub effects: Vec<Effect>,
    pub status: Option<String>,
    pub ask: Option<Ask>,
}

impl Reply {
    pub fn none() -> Reply {
        Reply::default()
    }

    pub fn go(go: Go) -> Reply {
        Reply {
            go: Some(go),
            ..Reply::default()
        }
    }

    pub fn to(place: Place) -> Reply {
        Reply::go(Go::To(place))
    }

    pub fn back() -> Reply {
        Reply::go(Go::Back)
    }

    pub fn status(text: impl Into<String>) -> Reply {
        Reply {
            status: Some(text.into()),
            ..Reply::default()
        }
    }

    pub fn effect(effect: Effect) -> Reply {
        Reply {
            effects: vec![effect],
            ..Reply::default()
        }
    }

    pub fn ask(purpose: Purpose, title: impl Into<String>) -> Reply {
        Reply {
            ask: Some(Ask {
                purpose,
                title: title.into(),
            }),
            ..Reply::default()
        }
    }
}
