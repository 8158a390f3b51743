//! What the user means, independent of which key or mouse gesture said it. Each action means
//! one thing on every screen; a screen where it does not apply ignores it or says why.

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
    /// One step back: close what is open on top (a prompt, the contents, the find bar), or
    /// return to the previous screen. Never quits.
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
    /// What changed in the pack's latest version: the practice's notes and every change found.
    Changes,
    /// Write the document (or the contacts sheet) as a PDF to the printouts folder.
    Print,
    /// Open the PDF saved last with the system's PDF viewer.
    OpenPrintout,
    /// Leave manualpack (asking first when the incident log is not being saved).
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
    /// Search procedures, forms and contacts of the pack.
    Search,
    /// Find within the open document.
    Find,
    /// The next match of a find in the document.
    FindNext,
    /// The previous match of a find in the document.
    FindPrev,
    /// Search this pack only, or every open pack.
    ToggleScope,
    /// Typing into a text field: one character.
    Type(char),
    /// Typing into a text field: delete the character before the cursor.
    Erase,
    /// Typing into a text field: delete the character after the cursor.
    EraseForward,
    /// Move the cursor in a text field.
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    /// The text typed into a prompt is done.
    Submit,
    /// A mouse click at a screen position.
    Click {
        column: u16,
        row: u16,
    },
    /// Mouse wheel up.
    WheelUp,
    /// Mouse wheel down.
    WheelDown,
}
