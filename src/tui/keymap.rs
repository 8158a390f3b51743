//! The keymap as data: the one place keys map to actions. The footer hints, the help screen,
//! `docs/keys.md` and the README's key table are all generated from [`BINDINGS`], so they can
//! never drift from the real keys.
//!
//! Bindings come in [`Layer`]s. Each screen lists the layers that apply to it, most specific
//! first; the first binding that matches a key wins. A screen with a text field puts
//! [`Layer::Typing`] first, so a letter typed there always goes into the field; one-letter
//! commands ([`Layer::Letters`]) only apply on screens without one. Every command also has a key
//! that is not a letter (F-keys, Ctrl, arrows), shown in the footer.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A group of bindings that apply together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Printable characters go into the text field.
    Typing,
    /// Editing a text field.
    Editing,
    /// A prompt (incident name, note, initials).
    Prompt,
    /// The find bar of a document.
    FindBar,
    /// The question asked before quitting when the log is not saved.
    Question,
    /// Search results.
    Results,
    /// Lists: home, contacts, incidents, packs.
    Lists,
    /// An open document.
    Document,
    /// The table of contents of a document.
    Contents,
    /// Screens that can be printed: a document, the contacts.
    Printing,
    /// One-letter extras, on screens without a text field.
    Letters,
    /// Every screen.
    Global,
}

impl Layer {
    /// Every layer, in the order the help screen and `docs/keys.md` list them.
    pub const ALL: [Layer; 12] = [
        Layer::Global,
        Layer::Lists,
        Layer::Document,
        Layer::Contents,
        Layer::Printing,
        Layer::Results,
        Layer::Typing,
        Layer::Editing,
        Layer::Prompt,
        Layer::FindBar,
        Layer::Question,
        Layer::Letters,
    ];

    /// The heading of the layer in help and docs.
    pub fn title(self) -> &'static str {
        match self {
            Layer::Global => "Everywhere",
            Layer::Lists => "In lists (home, contacts, incidents, packs)",
            Layer::Document => "In a document",
            Layer::Contents => "In a document's contents",
            Layer::Printing => "In a document or the contacts",
            Layer::Results => "In search results",
            Layer::Typing => "Typing (home screen, search, prompts, find bar)",
            Layer::Editing => "Editing what you typed",
            Layer::Prompt => "In a prompt",
            Layer::FindBar => "In the find bar of a document",
            Layer::Question => "In the question before quitting",
            Layer::Letters => "One-letter extras (only on screens without a text field)",
        }
    }
}

/// A key pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pat {
    /// A key with no modifier (Shift is ignored for characters).
    Key(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any printable character, typed.
    AnyChar,
    /// Alt and any character: Esc followed quickly by a key arrives this way over slow links.
    AltChar,
}

/// One binding: the keys, what they mean, and how the footer and help show them.
#[derive(Debug)]
pub struct Binding {
    pub layer: Layer,
    pub action: Action,
    pub keys: &'static [Pat],
    /// The footer's word for it; `None` keeps it out of the footer (help only).
    pub hint: Option<&'static str>,
    /// Footer order: lower first (back, help and quit come first).
    pub rank: u8,
    /// The help screen's sentence.
    pub help: &'static str,
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};
use Pat::{AltChar, AnyChar, Ctrl, Key};

const fn ch(c: char) -> Pat {
    Key(KeyCode::Char(c))
}

macro_rules! bind {
    ($layer:ident, $action:expr, [$($key:expr),*], $hint:expr, $rank:expr, $help:expr) => {
        Binding { layer: Layer::$layer, action: $action, keys: &[$($key),*], hint: $hint, rank: $rank, help: $help }
    };
}

use Action as A;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // typing comes first wherever there is a field
    bind!(Typing, A::Type(' '), [AnyChar], None, 9, "Letters, digits and spaces go into the field"),
    bind!(Editing, A::Erase, [Key(Backspace)], None, 9, "Delete the character before the cursor (in an empty field: back)"),
    bind!(Editing, A::EraseForward, [Key(Delete)], None, 9, "Delete the character after the cursor"),
    bind!(Editing, A::CursorLeft, [Key(Left)], None, 9, "Move the cursor left"),
    bind!(Editing, A::CursorRight, [Key(Right)], None, 9, "Move the cursor right"),
    bind!(Editing, A::CursorStart, [Key(Home)], None, 9, "Cursor to the start"),
    bind!(Editing, A::CursorEnd, [Key(End)], None, 9, "Cursor to the end"),
    bind!(Editing, A::Back, [AltChar], None, 9, "(Esc then a key, arriving together over a slow link: back)"),
    bind!(Prompt, A::Submit, [Key(Enter)], Some("done"), 3, "Done"),
    bind!(FindBar, A::Submit, [Key(Enter)], Some("done"), 3, "Done: close the bar, keep the matches marked"),
    bind!(FindBar, A::FindNext, [Key(Down), Key(Tab)], Some("next"), 4, "Next match"),
    bind!(FindBar, A::FindPrev, [Key(Up), Key(BackTab)], None, 4, "Previous match"),
    bind!(Question, A::Open, [Key(Enter)], Some("choose"), 3, "Do what is selected"),
    bind!(Results, A::Open, [Key(Enter)], Some("open"), 3, "Open the selected hit at its match"),
    bind!(Results, A::ToggleScope, [Key(Tab)], None, 9, "Search this pack or every open pack"),
    bind!(Lists, A::Open, [Key(Enter), Key(Right)], Some("open"), 3, "Open the selected item"),
    bind!(Contents, A::Open, [Key(Enter)], Some("go"), 3, "Go to the selected heading"),
    bind!(Contents, A::Contents, [Ctrl('t'), ch('t')], None, 9, "Close the contents"),
    bind!(Document, A::TickStep, [Key(KeyCode::Char(' '))], Some("tick step"), 3, "Tick the current step (asks for an incident name first if none is running)"),
    bind!(Document, A::Open, [Key(Enter)], Some("follow"), 9, "Follow the selected link"),
    bind!(Document, A::NextLink, [Key(Tab)], Some("next link"), 5, "Select the next link"),
    bind!(Document, A::PrevLink, [Key(BackTab)], None, 9, "Select the previous link"),
    bind!(Document, A::Find, [Ctrl('f'), ch('/')], Some("find"), 4, "Find in this document"),
    bind!(Document, A::FindNext, [ch('n'), Ctrl('n')], None, 9, "Next match of the find"),
    bind!(Document, A::FindPrev, [ch('N')], None, 9, "Previous match of the find"),
    bind!(Document, A::Contents, [Ctrl('t'), ch('t')], Some("contents"), 8, "Table of contents: jump to a heading"),
    bind!(Document, A::UntickStep, [Ctrl('z'), ch('u')], None, 9, "Untick the step ticked last"),
    bind!(Printing, A::Print, [Key(F(7)), Ctrl('p'), ch('p')], Some("print"), 9, "Save a print-ready PDF of the document or the contacts sheet"),
    bind!(Printing, A::OpenPrintout, [Ctrl('o'), ch('o')], None, 9, "Open the PDF saved last in the system's PDF viewer"),
    bind!(Global, A::Back, [Key(Esc), Key(Backspace), Key(Left)], Some("back"), 0, "Back one step (never quits); pressed again and again it reaches home"),
    bind!(Global, A::Help, [Key(F(1))], Some("help"), 1, "This help screen"),
    bind!(Global, A::Quit, [Key(F(10)), Ctrl('c')], Some("quit"), 2, "Leave manualpack (asks first if the incident log is not being saved)"),
    bind!(Global, A::Contacts, [Key(F(2))], Some("contacts"), 6, "All contacts and their numbers"),
    bind!(Global, A::Search, [Key(F(3))], Some("search"), 5, "Search procedures, forms and contacts (on the home screen, just type)"),
    bind!(Global, A::Incidents, [Key(F(4))], Some("incident"), 7, "Incidents and exercises: start, end, export, past ones"),
    bind!(Global, A::IncidentLog, [Key(F(5))], None, 9, "The log of the incident in progress"),
    bind!(Global, A::Note, [Key(F(6))], None, 9, "Add a note (with your initials) to the incident log"),
    bind!(Global, A::Problems, [Key(F(8))], None, 9, "Pack health: problems found in the pack"),
    bind!(Global, A::Home, [Key(F(9))], None, 9, "Home: What isn't working?"),
    bind!(Global, A::Changes, [Key(F(12)), Ctrl('w')], None, 9, "What changed in this version of the pack"),
    bind!(Global, A::Up, [Key(Up)], None, 9, "Move up"),
    bind!(Global, A::Down, [Key(Down)], None, 9, "Move down"),
    bind!(Global, A::PageUp, [Key(PageUp), Ctrl('u')], None, 9, "Up one screen"),
    bind!(Global, A::PageDown, [Key(PageDown), Ctrl('d')], None, 9, "Down one screen"),
    bind!(Global, A::Top, [Key(Home)], None, 9, "Go to the top"),
    bind!(Global, A::Bottom, [Key(End)], None, 9, "Go to the bottom"),
    bind!(Letters, A::Quit, [ch('q')], None, 9, "Quit"),
    bind!(Letters, A::Help, [ch('?')], None, 9, "Help"),
    bind!(Letters, A::Contacts, [ch('c')], None, 9, "Contacts"),
    bind!(Letters, A::Search, [ch('/')], None, 9, "Search"),
    bind!(Letters, A::Incidents, [ch('i')], None, 9, "Incidents"),
    bind!(Letters, A::IncidentLog, [ch('L')], None, 9, "Incident log"),
    bind!(Letters, A::Home, [ch('H')], None, 9, "Home"),
    bind!(Letters, A::Problems, [ch('!')], None, 9, "Pack health"),
    bind!(Letters, A::Changes, [ch('w')], None, 9, "What changed"),
    bind!(Letters, A::Packs, [ch('P')], None, 9, "Choose another pack (when several are open; Esc from home does too)"),
    bind!(Letters, A::Back, [ch('h')], None, 9, "Back"),
    bind!(Letters, A::Up, [ch('k')], None, 9, "Up"),
    bind!(Letters, A::Down, [ch('j')], None, 9, "Down"),
    bind!(Letters, A::PageUp, [ch('b')], None, 9, "Up one screen"),
    bind!(Letters, A::PageDown, [ch('f')], None, 9, "Down one screen"),
    bind!(Letters, A::Top, [ch('g')], None, 9, "Top"),
    bind!(Letters, A::Bottom, [ch('G')], None, 9, "Bottom"),
    bind!(Letters, A::Open, [ch('l')], None, 9, "Open"),
];

/// A key press with the modifiers that matter: Shift is part of the character, and AltGr
/// (reported as Ctrl+Alt on Windows) types a character.
fn normalize(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(key.code, KeyCode::Char(_) | BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    if matches!(key.code, KeyCode::Char(_)) && mods == KeyModifiers::CONTROL | KeyModifiers::ALT {
        mods = KeyModifiers::NONE;
    }
    (key.code, mods)
}

fn matches(pat: Pat, code: KeyCode, mods: KeyModifiers) -> bool {
    match pat {
        Key(k) => mods.is_empty() && k == code,
        Ctrl(c) => mods == KeyModifiers::CONTROL && code == KeyCode::Char(c),
        AnyChar => mods.is_empty() && matches!(code, KeyCode::Char(c) if !c.is_control()),
        AltChar => mods == KeyModifiers::ALT && matches!(code, KeyCode::Char(_)),
    }
}

/// The action a key press means where `layers` apply (most specific first).
pub fn action_for(key: KeyEvent, layers: &[Layer]) -> Option<Action> {
    let (code, mods) = normalize(key);
    for layer in layers {
        for b in BINDINGS.iter().filter(|b| b.layer == *layer) {
            if b.keys.iter().any(|p| matches(*p, code, mods)) {
                return Some(match (b.action, code) {
                    (Action::Type(_), KeyCode::Char(c)) => Action::Type(c),
                    (action, _) => action,
                });
            }
        }
    }
    None
}

/// A footer hint: the action, its first key, and the footer's word for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub action: Action,
    pub key: String,
    pub word: &'static str,
}

/// Footer hints for these layers, most important first.
pub fn hints(layers: &[Layer]) -> Vec<Hint> {
    let mut out: Vec<(u8, Hint)> = Vec::new();
    for layer in layers {
        for b in BINDINGS.iter().filter(|b| b.layer == *layer) {
            let Some(word) = b.hint else { continue };
            if out.iter().any(|(_, h)| h.action == b.action) {
                continue;
            }
            let key = key_name(b.keys[0]);
            out.push((
                b.rank,
                Hint {
                    action: b.action,
                    key,
                    word,
                },
            ));
        }
    }
    out.sort_by_key(|(rank, _)| *rank);
    out.into_iter().map(|(_, h)| h).collect()
}

/// The help screen's sections: a title and (keys, what they do) rows.
pub fn help_sections() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    Layer::ALL
        .iter()
        .map(|layer| {
            let rows = BINDINGS
                .iter()
                .filter(|b| b.layer == *layer)
                .map(|b| {
                    let keys: Vec<String> = b.keys.iter().map(|k| key_name(*k)).collect();
                    (keys.join(", "), b.help)
                })
                .collect();
            (layer.title(), rows)
        })
        .collect()
}

/// The keymap as Markdown tables, for `docs/keys.md` (a test keeps the two equal).
pub fn markdown() -> String {
    let mut s = String::new();
    for (title, rows) in help_sections() {
        s.push_str(&format!(
            "### {title}\n\n| Keys | What they do |\n| --- | --- |\n"
        ));
        for (keys, what) in rows {
            s.push_str(&format!("| {} | {what} |\n", keys.replace('|', "\\|")));
        }
        s.push('\n');
    }
    s
}

/// The actions in the README's short key table, in its order.
const SUMMARY: &[(Action, &str)] = &[
    (
        Action::Open,
        "open the selected item; in a document, follow the selected link",
    ),
    (
        Action::Back,
        "back one step (never quits); again and again, back to the home screen",
    ),
    (
        Action::Quit,
        "quit (asks first if the incident log is not being saved)",
    ),
    (Action::Help, "help: every key"),
    (
        Action::Contacts,
        "all contacts; Enter on one shows it in full",
    ),
    (Action::Search, "search (on the home screen, just type)"),
    (
        Action::Incidents,
        "incidents and exercises: start, end, export the report",
    ),
    (Action::IncidentLog, "the log of the incident in progress"),
    (Action::Note, "add a note (with your initials) to the log"),
    (Action::TickStep, "in a procedure: tick the current step"),
    (
        Action::UntickStep,
        "in a procedure: untick the step ticked last",
    ),
    (Action::Find, "in a document: find in it"),
    (Action::FindNext, "next match of a find"),
    (
        Action::Contents,
        "in a document: its contents, to jump to a heading",
    ),
    (Action::NextLink, "in a document: select the next link"),
    (
        Action::Print,
        "save a PDF of the document or the contacts sheet",
    ),
    (Action::Problems, "pack health: problems found in the pack"),
    (Action::Home, "home: What isn't working?"),
    (Action::Changes, "what changed in this version of the pack"),
];

/// Every key bound to `action`, in any layer but typing, once each.
fn keys_of(action: Action) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.action == action && b.layer != Layer::Typing)
    {
        for k in b.keys {
            let name = key_name(*k);
            if !out.contains(&name) && *k != AltChar {
                out.push(name);
            }
        }
    }
    out
}

/// The README's short key table (a test keeps the two equal).
pub fn summary_markdown() -> String {
    let mut s = String::from("| Keys | What they do |\n| --- | --- |\n");
    for (action, what) in SUMMARY {
        let keys = keys_of(*action).join(", ").replace('|', "\\|");
        s.push_str(&format!("| {keys} | {what} |\n"));
    }
    s
}

/// The first key bound to `action` on every screen (for texts that name it, like the notice of
/// a changed pack).
pub fn global_key(action: Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == action && b.layer == Layer::Global)
        .and_then(|b| b.keys.first())
        .map(|k| key_name(*k))
}

/// How a key is written in hints and help.
pub fn key_name(pat: Pat) -> String {
    match pat {
        Key(code) => code_name(code),
        Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        AnyChar => "(any character)".into(),
        AltChar => "Alt+key".into(),
    }
}

fn code_name(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        Up => "Up".into(),
        Down => "Down".into(),
        Left => "Left".into(),
        Right => "Right".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Backspace => "Backspace".into(),
        Delete => "Delete".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_means_two_things_in_one_layer() {
        for layer in Layer::ALL {
            let mut seen: Vec<Pat> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.layer == layer) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {layer:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_action_with_a_letter_also_has_a_key_that_is_not_a_letter() {
        let is_letter = |p: &Pat| matches!(p, Key(KeyCode::Char(c)) if c.is_ascii_graphic());
        for b in BINDINGS.iter().filter(|b| b.keys.iter().any(is_letter)) {
            let other = BINDINGS
                .iter()
                .filter(|o| o.action == b.action)
                .any(|o| o.keys.iter().any(|k| !is_letter(k)));
            // Packs is reached with Esc from the home screen
            assert!(
                other || b.action == Action::Packs,
                "{:?} has only letters",
                b.action
            );
        }
    }

    #[test]
    fn with_a_field_first_letters_type_and_never_run_commands() {
        let layers = [Layer::Typing, Layer::Editing, Layer::Letters, Layer::Global];
        for c in ['q', 'c', 'n', '?', '/', 'H', 'L', 'i', ' ', '1', 'w'] {
            assert_eq!(
                action_for(press(KeyCode::Char(c)), &layers),
                Some(Action::Type(c))
            );
        }
        let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
        assert_eq!(action_for(alt_q, &layers), Some(Action::Back));
        // AltGr on Windows: a character with Ctrl+Alt types it
        let altgr = KeyEvent::new(
            KeyCode::Char('ŵ'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(action_for(altgr, &layers), Some(Action::Type('ŵ')));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c, &layers), Some(Action::Quit));
        assert_eq!(action_for(press(KeyCode::Esc), &layers), Some(Action::Back));
    }

    /// `file` holds `generated` between `<!-- name -->` and `<!-- /name -->`; with
    /// `UPDATE_DOCS` set, it is written there instead.
    fn check_between(file: &str, name: &str, generated: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let text = std::fs::read_to_string(&path).expect("readable");
        let (open, close) = (format!("<!-- {name} -->\n"), format!("<!-- /{name} -->"));
        let start = text.find(&open).expect("opening marker") + open.len();
        let end = text.find(&close).expect("closing marker");
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let new = format!("{}{generated}{}", &text[..start], &text[end..]);
            std::fs::write(&path, new).expect("writable");
            return;
        }
        assert_eq!(
            &text[start..end],
            generated,
            "{file} differs from the keymap: UPDATE_DOCS=1 cargo test --lib keymap"
        );
    }

    #[test]
    fn docs_keys_md_and_the_readme_match_the_keymap() {
        check_between("docs/keys.md", "keymap", &markdown());
        check_between("README.md", "keys", &summary_markdown());
    }

    #[test]
    fn the_footer_starts_with_back_help_and_quit() {
        let hints = hints(&[
            Layer::Document,
            Layer::Printing,
            Layer::Letters,
            Layer::Global,
        ]);
        let first: Vec<&str> = hints.iter().take(3).map(|h| h.word).collect();
        assert_eq!(first, ["back", "help", "quit"]);
        assert_eq!(hints[0].key, "Esc");
        assert!(
            hints
                .iter()
                .any(|h| h.key == "Space" && h.word == "tick step")
        );
    }
}
