//! What the user means, independent of which key or mouse gesture said it.

/// Every action the reader understands. Keys map to these in [`super::keymap`] only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the selection (or the text) up one line.
    Up,
    /// Move the selection (or the text) down one line.
    Down,
    /// Up one screen.
    PageUp,
    /// Down one screen.
    PageDown,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open the selected item, or follow the selected link.
    Open,
    /// Go back to where you were.
    Back,
    /// Select the next link in the document.
    NextLink,
    /// Select the previous link in the document.
    PrevLink,
    /// Show or hide the document's table of contents.
    Contents,
    /// Show all contacts.
    Contacts,
    /// Go to the home screen ("What isn't working?").
    Home,
    /// Show the help screen.
    Help,
    /// Show the problems found in the pack.
    Problems,
    /// Choose another pack (when several are open).
    Packs,
    /// Leave manualpack.
    Quit,
    /// Tick the current step (the first unticked one) of the procedure.
    TickStep,
    /// Untick the step ticked last in this procedure.
    UntickStep,
    /// Add a note to the incident log.
    Note,
    /// The incident screen: start, end, exercises, past incidents.
    Incidents,
    /// The log of the incident in progress.
    IncidentLog,
    /// Search procedures, forms and contacts; in a document, find within it.
    Search,
    /// The previous match of a find in the document.
    FindPrev,
    /// Typing into a prompt: one character.
    Type(char),
    /// Typing into a prompt: delete the last character.
    Erase,
    /// Typing into a prompt: done.
    Submit,
    /// Typing into a prompt: give up.
    Cancel,
    /// A mouse click at a screen position.
    Click { column: u16, row: u16 },
    /// Mouse wheel up.
    WheelUp,
    /// Mouse wheel down.
    WheelDown,
}
