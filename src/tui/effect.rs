//! File and process work, as data: `update` returns these and the loop runs them
//! ([`super::run`]), so every screen can be driven in tests without a disk.

use std::path::PathBuf;

use crate::incident::Record;

/// What to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printable {
    /// A document: pack and document indexes.
    Doc { pack: usize, doc: usize },
    /// The contacts sheet of a pack.
    Contacts { pack: usize },
}

/// Work for the loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append to the incident log (then the ticks are derived again).
    Record(Record),
    /// Make a PDF and save it in the printouts folder.
    Print(Printable),
    /// Open a file with the system's viewer, without waiting.
    OpenFile(PathBuf),
    /// Write the reports of these incidents; then quit, when asked to and all were written.
    Export { ids: Vec<String>, then_quit: bool },
    /// Keep what this PC has seen of a pack (in the state folder; when it cannot be written, the
    /// notice shows again next time).
    SaveSeen(Box<crate::changes::seen::Seen>),
    /// Leave the program.
    Quit,
}
