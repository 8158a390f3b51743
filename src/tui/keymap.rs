//! The keymap as data: the one place keys map to actions. The footer hints and the help screen
//! are generated from [`BINDINGS`], so they can never drift from the real keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::ScreenKind;

/// One binding: the keys, what they do, and where.
pub struct Binding {
    pub action: Action,
    pub keys: &'static [KeyCode],
    /// How the keys are written in hints and help.
    pub label: &'static str,
    /// Short hint for the footer; `None` keeps it out of the footer (help only).
    pub hint: Option<&'static str>,
    /// The help screen's sentence.
    pub help: &'static str,
    /// Screens where the binding applies; empty means everywhere.
    pub screens: &'static [ScreenKind],
}

use KeyCode::{BackTab, Backspace, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
use ScreenKind as S;

const LISTS: &[ScreenKind] = &[
    S::Chooser,
    S::Home,
    S::Contacts,
    S::Problems,
    S::Help,
    S::Incidents,
    S::Log,
];

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { action: Action::Up, keys: &[Up, Char('k')], label: "Up/k", hint: None, help: "Move up", screens: &[] },
    Binding { action: Action::Down, keys: &[Down, Char('j')], label: "Down/j", hint: Some("move"), help: "Move down", screens: &[] },
    Binding { action: Action::PageUp, keys: &[PageUp, Char('b')], label: "PgUp/b", hint: None, help: "Up one screen", screens: &[] },
    Binding { action: Action::PageDown, keys: &[PageDown, Char('f')], label: "PgDn/f", hint: None, help: "Down one screen", screens: &[] },
    Binding { action: Action::Top, keys: &[Home, Char('g')], label: "Home/g", hint: None, help: "Go to the top", screens: &[] },
    Binding { action: Action::Bottom, keys: &[End, Char('G')], label: "End/G", hint: None, help: "Go to the bottom", screens: &[] },
    Binding { action: Action::Open, keys: &[Enter, KeyCode::Right, Char('l')], label: "Enter", hint: Some("open"), help: "Open the selected item", screens: LISTS },
    Binding { action: Action::NextLink, keys: &[Tab], label: "Tab", hint: Some("next link"), help: "Select the next link", screens: &[S::Reader] },
    Binding { action: Action::PrevLink, keys: &[BackTab], label: "Shift-Tab", hint: None, help: "Select the previous link", screens: &[S::Reader] },
    Binding { action: Action::Open, keys: &[Enter], label: "Enter", hint: Some("follow"), help: "Follow the selected link", screens: &[S::Reader] },
    Binding { action: Action::TickStep, keys: &[Char(' ')], label: "Space", hint: Some("tick step"), help: "Tick the current step (starts an incident if none is running)", screens: &[S::Reader] },
    Binding { action: Action::UntickStep, keys: &[Char('u')], label: "u", hint: None, help: "Untick the step ticked last", screens: &[S::Reader] },
    Binding { action: Action::Contents, keys: &[Char('t')], label: "t", hint: Some("contents"), help: "Table of contents: jump to a heading", screens: &[S::Reader] },
    Binding { action: Action::Back, keys: &[Esc, Backspace, KeyCode::Left, Char('h')], label: "Esc", hint: Some("back"), help: "Go back to where you were", screens: &[] },
    Binding { action: Action::Contacts, keys: &[Char('c')], label: "c", hint: Some("contacts"), help: "All contacts and their numbers", screens: &[] },
    Binding { action: Action::Search, keys: &[Char('/')], label: "/", hint: Some("search"), help: "Search everything (on the home screen, just type); in a document, find in it", screens: &[] },
    Binding { action: Action::FindPrev, keys: &[Char('N')], label: "N", hint: None, help: "Previous match of a find (n: next match while a find is active)", screens: &[S::Reader] },
    Binding { action: Action::Incidents, keys: &[Char('i')], label: "i", hint: Some("incident"), help: "Incidents and exercises: start, end, export, past ones", screens: &[] },
    Binding { action: Action::Note, keys: &[Char('n')], label: "n", hint: None, help: "Add a note (with your initials) to the incident log", screens: &[] },
    Binding { action: Action::IncidentLog, keys: &[Char('L')], label: "L", hint: None, help: "The log of the incident in progress", screens: &[] },
    Binding { action: Action::Home, keys: &[Char('H'), Char('0')], label: "H", hint: None, help: "Home: What isn't working?", screens: &[] },
    Binding { action: Action::Problems, keys: &[Char('!')], label: "!", hint: None, help: "Pack health: problems found in the pack", screens: &[] },
    Binding { action: Action::Packs, keys: &[Char('P')], label: "P", hint: None, help: "Choose another pack (when several are open)", screens: &[] },
    Binding { action: Action::Help, keys: &[Char('?'), KeyCode::F(1)], label: "?", hint: Some("help"), help: "This help screen", screens: &[] },
    Binding { action: Action::Print, keys: &[Char('p')], label: "p", hint: Some("print"), help: "Save a print-ready PDF of the document or contacts sheet", screens: &[S::Reader, S::Contacts] },
    Binding { action: Action::OpenPrintout, keys: &[Char('o')], label: "o", hint: None, help: "Open the PDF saved last in the system's PDF viewer", screens: &[S::Reader, S::Contacts] },
    Binding { action: Action::Quit, keys: &[Char('q')], label: "q", hint: Some("quit"), help: "Leave manualpack", screens: &[] },
];

fn applies(b: &Binding, screen: ScreenKind) -> bool {
    b.screens.is_empty() || b.screens.contains(&screen)
}

/// While a prompt is open, keys type into it.
pub fn prompt_action(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == Char('c')).then_some(Action::Cancel);
    }
    match key.code {
        Char(c) => Some(Action::Type(c)),
        Backspace => Some(Action::Erase),
        Enter => Some(Action::Submit),
        Esc => Some(Action::Cancel),
        _ => None,
    }
}

/// Keys on the search screen: typing goes into the query.
pub fn search_action(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == Char('c')).then_some(Action::Quit);
    }
    // Esc followed quickly by a key arrives as Alt+key over slow links (tmux, ssh): that is Esc
    if key.modifiers.contains(KeyModifiers::ALT) {
        return Some(Action::Back);
    }
    match key.code {
        Char(c) => Some(Action::Type(c)),
        Backspace => Some(Action::Erase),
        Enter => Some(Action::Open),
        Esc => Some(Action::Back),
        Up => Some(Action::Up),
        Down => Some(Action::Down),
        PageUp => Some(Action::PageUp),
        PageDown => Some(Action::PageDown),
        Tab => Some(Action::NextLink),
        _ => None,
    }
}

/// The action a key press means on a screen, if any.
pub fn action_for(key: KeyEvent, screen: ScreenKind) -> Option<Action> {
    if screen == S::Search {
        return search_action(key);
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            Char('c') => Some(Action::Quit),
            Char('d') => Some(Action::PageDown),
            Char('u') => Some(Action::PageUp),
            _ => None,
        };
    }
    let bound = BINDINGS
        .iter()
        .filter(|b| applies(b, screen))
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.action);
    // on the home screen, typing a key that means nothing else starts a search
    match (bound, key.code) {
        (None, Char(c)) if screen == S::Home && !c.is_control() => Some(Action::Type(c)),
        _ => bound,
    }
}

/// Footer hints on the search screen, where letters type into the query.
const SEARCH_HINTS: &[(&str, &str)] = &[
    ("type", "to search"),
    ("Up/Down", "choose"),
    ("Enter", "open"),
    ("Tab", "all packs"),
    ("Esc", "back"),
];

/// Footer hints for a screen, in keymap order.
pub fn hints(screen: ScreenKind) -> Vec<(&'static str, &'static str)> {
    if screen == S::Search {
        return SEARCH_HINTS.to_vec();
    }
    BINDINGS
        .iter()
        .filter(|b| applies(b, screen))
        .filter_map(|b| b.hint.map(|h| (b.label, h)))
        .collect()
}

/// The help screen's lines: keys and what they do, with where they apply.
pub fn help_lines() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(key_name).collect();
        let place = if b.screens == [S::Reader] {
            " (in a document)"
        } else if b.screens == LISTS {
            " (in lists)"
        } else {
            ""
        };
        out.push((keys.join(", "), format!("{}{place}", b.help)));
    }
    out.push(("Ctrl-C".into(), "Leave manualpack".into()));
    out.push((
        "(typing)".into(),
        "In a prompt: type, Backspace to erase, Enter when done, Esc to cancel".into(),
    ));
    out.push((
        "Mouse".into(),
        "Click to open or follow; wheel to scroll".into(),
    ));
    out
}

fn key_name(code: &KeyCode) -> String {
    match code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Up => "Up".into(),
        Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Backspace => "Backspace".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_on_one_screen() {
        for screen in [
            S::Chooser,
            S::Home,
            S::Reader,
            S::Contacts,
            S::Help,
            S::Problems,
        ] {
            let mut seen: Vec<&KeyCode> = Vec::new();
            for b in BINDINGS.iter().filter(|b| applies(b, screen)) {
                for k in b.keys {
                    assert!(!seen.contains(&k), "{k:?} bound twice on {screen:?}");
                    seen.push(k);
                }
            }
        }
    }

    #[test]
    fn on_the_search_screen_letters_type_and_the_footer_says_so() {
        let q = KeyEvent::new(Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(q, S::Search), Some(Action::Type('q')));
        assert!(!hints(S::Search).iter().any(|(k, _)| *k == "q"));
        let alt_q = KeyEvent::new(Char('q'), KeyModifiers::ALT);
        assert_eq!(action_for(alt_q, S::Search), Some(Action::Back));
    }

    #[test]
    fn footer_hints_come_from_the_keymap() {
        let hints = hints(S::Reader);
        assert!(hints.contains(&("Tab", "next link")));
        assert!(hints.contains(&("q", "quit")));
        assert!(!hints.iter().any(|(_, h)| *h == "open"));
    }
}
