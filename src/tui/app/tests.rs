//! Whole-screen snapshots driven by key events, at 80x24 and 140x40 (and the key-numbers strip
//! at 40x12), and the helpers that drive the app by keys. Children: `traps` (one test per trap
//! testers found in the reader, named after it), `behaviour` (navigation, links, incidents),
//! `changes` (what changed after a refresh),
//! `tables` (long and wide tables, struck text and alerts).

mod behaviour;
mod changes;
mod start;
mod tables;
mod traps;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::*;
use crate::discover::built_in;
use crate::tui::{action_for_event, run, view};

use KeyCode::{Char, Down, Enter, Esc, F};

pub(super) fn today() -> Date {
    jiff::civil::date(2026, 11, 25)
}

pub(super) fn fixed_clock() -> Timestamp {
    // 2026-11-25 10:00:00 UTC
    Timestamp::from_second(1_795_600_800).expect("valid")
}

pub(super) fn no_viewer(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A reader on `set` whose own folders are all inside `dir`, with the log kept there.
pub(super) fn app_in(set: PackSet, width: u16, height: u16, dir: &Path) -> App {
    let folders = Folders::under(dir);
    let store = Store::open(&folders, None);
    let mut start = Start::new(set, today(), Rect::new(0, 0, width, height), folders);
    start.store = store;
    let mut a = App::new(start);
    a.clock = fixed_clock;
    a.opener = no_viewer;
    a.theme = crate::tui::theme::Theme::color();
    a
}

/// A reader on the example pack with the log kept in memory (nothing written anywhere).
pub(super) fn app(width: u16, height: u16) -> App {
    let dir = std::env::temp_dir().join("manualpack-unused");
    let mut a = app_in(built_in(), width, height, &dir);
    a.store = Store::in_memory("the test keeps it in memory");
    a.refresh_incident();
    a
}

pub(super) fn press_key(a: &mut App, key: KeyEvent) {
    if let Some(action) = action_for_event(a, &Event::Key(key)) {
        run::handle(a, action);
    }
}

pub(super) fn press(a: &mut App, code: KeyCode) {
    press_key(a, KeyEvent::new(code, KeyModifiers::NONE));
}

pub(super) fn ctrl(a: &mut App, c: char) {
    press_key(a, KeyEvent::new(Char(c), KeyModifiers::CONTROL));
}

pub(super) fn keys(a: &mut App, codes: &[KeyCode]) {
    for c in codes {
        press(a, *c);
    }
}

pub(super) fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, Char(c));
    }
}

pub(super) fn screen(a: &mut App) -> String {
    let area = a.area;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test backend");
    a.resize(area);
    terminal
        .draw(|f| view::render(a, f.area(), f.buffer_mut()))
        .expect("draws");
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn is_home(a: &App) -> bool {
    a.stack.len() == 1 && matches!(a.screen(), Screen::Home(_)) && a.popup.is_none()
}

pub(super) fn open_phones_down(a: &mut App) {
    // the third triage entry is "The phones are not working"
    keys(a, &[Down, Down, Enter]);
    assert!(
        matches!(a.screen(), Screen::Reader(_)),
        "a procedure opened"
    );
}

// ---- every screen ---------------------------------------------------------------------------

fn snapshots(width: u16, height: u16) {
    let suffix = format!("{width}x{height}");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(built_in(), width, height, dir.path());
    let folder = dir.path().display().to_string();
    let shot = |a: &mut App, name: &str| {
        let text = screen(a).replace(&folder, "[own folder]");
        insta::assert_snapshot!(format!("{name}_{suffix}"), text);
    };
    shot(&mut a, "home");
    type_text(&mut a, "ran");
    shot(&mut a, "search");
    press(&mut a, Esc);
    open_phones_down(&mut a);
    shot(&mut a, "reader");
    ctrl(&mut a, 't');
    press(&mut a, Down);
    shot(&mut a, "contents");
    press(&mut a, Esc);
    ctrl(&mut a, 'f');
    type_text(&mut a, "mobile");
    shot(&mut a, "find_bar");
    keys(&mut a, &[Enter, Char(' ')]);
    shot(&mut a, "prompt");
    type_text(&mut a, "Phones down");
    keys(&mut a, &[Enter, Char(' ')]);
    shot(&mut a, "ticked");
    press(&mut a, F(4));
    shot(&mut a, "incidents");
    press(&mut a, F(6));
    type_text(&mut a, "Divert set up");
    press(&mut a, Enter);
    type_text(&mut a, "am");
    press(&mut a, Enter);
    press(&mut a, F(5));
    shot(&mut a, "log");
    press(&mut a, F(2));
    shot(&mut a, "contacts");
    keys(&mut a, &[Down, Enter]);
    shot(&mut a, "contact");
    press(&mut a, F(1));
    shot(&mut a, "help");
    press(&mut a, F(8));
    shot(&mut a, "problems");
    let mut unsaved = app(width, height);
    press(&mut unsaved, F(4));
    press(&mut unsaved, Enter);
    type_text(&mut unsaved, "No disk");
    press(&mut unsaved, Enter);
    press(&mut unsaved, F(10));
    shot(&mut unsaved, "quit_question");
}

#[test]
fn screens_at_80x24() {
    snapshots(80, 24);
}

#[test]
fn screens_at_140x40() {
    snapshots(140, 40);
}

#[test]
fn the_key_number_strip_at_40x12() {
    let mut a = app(40, 12);
    let text = screen(&mut a);
    insta::assert_snapshot!("strip_40x12", text);
    assert!(text.contains("Key numbers: 2 of 5"), "{text}");
}

#[test]
fn the_pack_chooser_when_several_packs_are_open() {
    let mut set = built_in();
    let mut second = set.packs[0].clone();
    second.id = "second".into();
    second.meta.practice.name = "Second Example Surgery".into();
    set.packs.push(second);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wide = app_in(set.clone(), 140, 40, dir.path());
    insta::assert_snapshot!("chooser_140x40", screen(&mut wide));
    let mut a = app_in(set, 80, 24, dir.path());
    insta::assert_snapshot!("chooser_80x24", screen(&mut a));
    keys(&mut a, &[Down, Enter]);
    assert!(screen(&mut a).contains("Second Example Surgery"));
    // Esc from a pack's home returns to the chooser, and stays there
    keys(&mut a, &[Esc, Esc]);
    assert!(matches!(a.screen(), Screen::Chooser(_)));
    assert_eq!(a.stack.len(), 1);
}

#[test]
fn search_then_enter_lands_on_the_match_and_n_moves_between_matches() {
    let mut a = app(80, 24);
    type_text(&mut a, "ran");
    press(&mut a, Enter);
    let Screen::Reader(r) = a.screen() else {
        panic!("reader")
    };
    assert_eq!(a.set.packs[0].docs[r.doc].id, "cyber-attack");
    let f = r.find.clone().expect("matches highlighted");
    assert!(f.matches.len() > 3);
    press(&mut a, Char('n'));
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert_eq!(r.find.as_ref().map(|g| g.current), Some(f.current + 1));
    keys(&mut a, &[Char('n'), Char('n'), Char('n')]);
    insta::assert_snapshot!("reader_at_a_match_80x24", screen(&mut a));
}

#[test]
fn a_number_fragment_finds_its_contact() {
    let mut a = app(80, 24);
    type_text(&mut a, "960 300");
    let Screen::Search(s) = a.screen() else {
        panic!("typing on home opens search")
    };
    let first = crate::tui::screen::search::ordered(&s.results)[0].clone();
    assert_eq!(
        a.set.packs[0].contacts[first.contact.expect("a contact")].name,
        "ICB primary care team"
    );
    press(&mut a, Enter);
    assert!(screen(&mut a).contains("ICB primary care team"));
    assert!(matches!(a.screen(), Screen::Contact(_)));
}
