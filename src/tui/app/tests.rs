//! Whole-screen snapshots driven by key events, at 80x24 and 140x40 (and the key-numbers strip
//! at 40x12), and behaviour tests named after what broke.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::*;
use crate::discover::built_in;
use crate::tui::{action_for_event, run, view};

use KeyCode::{Char, Down, Enter, Esc, F};

fn today() -> Date {
    jiff::civil::date(2026, 11, 25)
}

fn fixed_clock() -> Timestamp {
    // 2026-11-25 10:00:00 UTC
    Timestamp::from_second(1_795_600_800).expect("valid")
}

fn no_viewer(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A reader on `set` whose own folders are all inside `dir`, with the log kept there.
fn app_in(set: PackSet, width: u16, height: u16, dir: &Path) -> App {
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
fn app(width: u16, height: u16) -> App {
    let dir = std::env::temp_dir().join("manualpack-unused");
    let mut a = app_in(built_in(), width, height, &dir);
    a.store = Store::in_memory("the test keeps it in memory");
    a.refresh_incident();
    a
}

fn press_key(a: &mut App, key: KeyEvent) {
    if let Some(action) = action_for_event(a, &Event::Key(key)) {
        run::handle(a, action);
    }
}

fn press(a: &mut App, code: KeyCode) {
    press_key(a, KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(a: &mut App, c: char) {
    press_key(a, KeyEvent::new(Char(c), KeyModifiers::CONTROL));
}

fn keys(a: &mut App, codes: &[KeyCode]) {
    for c in codes {
        press(a, *c);
    }
}

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, Char(c));
    }
}

fn screen(a: &mut App) -> String {
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

fn is_home(a: &App) -> bool {
    a.stack.len() == 1 && matches!(a.screen(), Screen::Home(_)) && a.popup.is_none()
}

fn open_phones_down(a: &mut App) {
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
    let mut a = app_in(set, 80, 24, dir.path());
    insta::assert_snapshot!("chooser_80x24", screen(&mut a));
    keys(&mut a, &[Down, Enter]);
    assert!(screen(&mut a).contains("Second Example Surgery"));
    // Esc from a pack's home returns to the chooser, and stays there
    keys(&mut a, &[Esc, Esc]);
    assert!(matches!(a.screen(), Screen::Chooser(_)));
    assert_eq!(a.stack.len(), 1);
}

// ---- the reader's traps (issue 12), each as it was found ------------------------------------

#[test]
fn esc_ctrl_c_left_and_backspace_leave_the_search_screen() {
    for leave in [Esc, KeyCode::Backspace] {
        let mut a = app(80, 24);
        press(&mut a, Char('x'));
        assert!(matches!(a.screen(), Screen::Search(_)));
        press(&mut a, KeyCode::Backspace); // erases the x
        press(&mut a, leave);
        assert!(is_home(&a), "{leave:?} on an empty query goes home");
    }
    let mut a = app(80, 24);
    type_text(&mut a, "phones");
    press(&mut a, Esc);
    assert!(is_home(&a), "Esc with a query goes home too");
    // Left moves the cursor in the query; with nothing typed it goes nowhere
    type_text(&mut a, "phnes");
    keys(
        &mut a,
        &[KeyCode::Left, KeyCode::Left, KeyCode::Left, Char('o')],
    );
    let Screen::Search(s) = a.screen() else {
        panic!("still searching")
    };
    assert_eq!(s.field.text(), "phones");
    ctrl(&mut a, 'c');
    assert!(a.quit, "Ctrl-C quits from the search screen");
}

#[test]
fn typing_quay_lab_llyr_nhsmail_and_cyber_on_home_searches_for_them() {
    for word in [
        "quay",
        "lab",
        "llyr",
        "glannau",
        "nhsmail",
        "cyber",
        "fridge",
        "generator",
        "key",
        "help",
    ] {
        let mut a = app(80, 24);
        type_text(&mut a, word);
        assert!(!a.quit, "{word} quit");
        assert!(a.store.log.records.is_empty(), "{word} logged something");
        let Screen::Search(s) = a.screen() else {
            panic!("{word}: not on the search screen")
        };
        assert_eq!(s.field.text(), word);
        assert_eq!(a.stack.len(), 2, "{word} opened something");
    }
}

/// Phone numbers of the example pack's contacts, and the screen rows that hold the strip.
fn numbers_whole(text: &str) -> Result<(), String> {
    let pack = &built_in().packs[0];
    let numbers: Vec<String> = pack
        .contacts
        .iter()
        .filter_map(|c| c.main_number().map(str::to_string))
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let strip = lines
        .iter()
        .position(|l| l.starts_with("-- Key numbers"))
        .ok_or("no strip")?;
    for line in &lines[strip + 1..lines.len() - 1] {
        for entry in line.split(" | ") {
            let entry = entry.trim();
            if !numbers.iter().any(|n| entry.ends_with(n.as_str())) {
                return Err(format!("{entry:?} does not end with a whole number"));
            }
        }
    }
    Ok(())
}

#[test]
fn key_numbers_are_never_cut_and_all_five_show_from_56_columns() {
    for width in 40..=140 {
        for height in [12, 16, 24] {
            let mut a = app(width, height);
            let text = screen(&mut a);
            if let Err(e) = numbers_whole(&text) {
                panic!("{width}x{height}: {e}\n{text}");
            }
            let shown = a.ctx().strip().shown;
            if width >= 56 && height >= 20 {
                assert_eq!(shown, 5, "{width}x{height}\n{text}");
            }
            if shown < 5 {
                assert!(text.contains(&format!("{shown} of 5")), "{text}");
            }
        }
    }
}

#[test]
fn the_incident_log_opens_at_the_newest_entry_and_scrolls() {
    let mut a = app(80, 24);
    press(&mut a, F(4));
    press(&mut a, Enter);
    type_text(&mut a, "Long one");
    press(&mut a, Enter);
    for i in 0..40 {
        press(&mut a, F(6));
        type_text(&mut a, &format!("note number {i}"));
        keys(&mut a, &[Enter, Enter]);
    }
    press(&mut a, F(5));
    let text = screen(&mut a);
    assert!(text.contains("note number 39"), "{text}");
    assert!(!text.contains("Long one (started"), "{text}");
    // a note added while the log shows appears at once
    press(&mut a, F(6));
    type_text(&mut a, "the newest");
    keys(&mut a, &[Enter, Enter]);
    assert!(screen(&mut a).contains("the newest"));
    press(&mut a, KeyCode::Home);
    let top = screen(&mut a);
    assert!(top.contains("Long one (started"), "{top}");
    press(&mut a, KeyCode::End);
    assert!(screen(&mut a).contains("the newest"));
}

#[test]
fn the_best_ranked_hit_is_the_one_selected_first() {
    for (query, want) in [
        ("message slip", "message-slip"),
        ("incident log", "incident-log"),
        ("ran", "cyber-attack"),
        ("phones", "phones-down"),
        ("sign in", "patient-sign-in"),
    ] {
        let mut a = app(80, 24);
        let best = {
            let q = a.search.parse(query);
            let hits = a
                .search
                .search(&a.set, &q, crate::search::SearchScope::All, 5);
            hits.hits[0].doc.map(|d| a.set.packs[0].docs[d].id.clone())
        };
        assert_eq!(
            best.as_deref(),
            Some(want),
            "the index itself ranks {query}"
        );
        type_text(&mut a, query);
        press(&mut a, Enter);
        let Screen::Reader(r) = a.screen() else {
            panic!("{query}: Enter opened no document")
        };
        assert_eq!(a.set.packs[0].docs[r.doc].id, want, "{query}");
    }
}

#[test]
fn a_contact_opens_in_full_with_the_whole_note_wrapped() {
    let mut a = app(80, 24);
    type_text(&mut a, "CSOC");
    press(&mut a, Enter);
    assert!(matches!(a.screen(), Screen::Contact(_)));
    let text = screen(&mut a);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("or straight away if the service desk cannot be reached. Do not turn off affected computers unless told to."),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80);
    }
    // Esc returns to the search
    press(&mut a, Esc);
    assert!(matches!(a.screen(), Screen::Search(_)));
}

#[test]
fn the_contacts_list_shows_every_field_wrapped_and_enter_opens_one() {
    let mut a = app(80, 24);
    press(&mut a, F(2));
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&screen(&mut a));
        press(&mut a, KeyCode::PageDown);
    }
    let flat = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Write down the call reference number."),
        "{seen}"
    );
    keys(&mut a, &[KeyCode::Home, Enter]);
    assert!(matches!(a.screen(), Screen::Contact(_)));
}

#[test]
fn quitting_with_the_log_not_saved_asks_and_offers_the_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app(80, 24);
    a.folders = Folders::under(dir.path());
    press(&mut a, F(4));
    press(&mut a, Enter);
    type_text(&mut a, "RO");
    press(&mut a, Enter);
    for quit in [
        KeyEvent::new(Char('c'), KeyModifiers::CONTROL),
        KeyEvent::new(F(10), KeyModifiers::NONE),
    ] {
        press_key(&mut a, quit);
        assert!(!a.quit, "it asks first");
        assert!(matches!(a.popup, Some(Popup::Quit(_))));
        assert!(screen(&mut a).contains("NOT SAVED"));
        press(&mut a, Esc);
        assert!(a.popup.is_none(), "Esc stays");
    }
    press(&mut a, F(10));
    press(&mut a, Enter); // the first choice: export, then quit
    assert!(a.quit);
    let written: Vec<_> = std::fs::read_dir(dir.path().join("data/exports"))
        .expect("exports folder")
        .collect();
    assert_eq!(written.len(), 1);
    // asked twice means it
    let mut b = app(80, 24);
    press(&mut b, F(4));
    press(&mut b, Enter);
    press(&mut b, Enter);
    ctrl(&mut b, 'c');
    ctrl(&mut b, 'c');
    assert!(b.quit);
}

#[test]
fn not_saved_is_shown_whole_with_the_reason_one_key_away() {
    let mut a = app(80, 24);
    a.store = Store::in_memory("E:\\manualpack-state cannot be written (read-only file system)");
    press(&mut a, F(4));
    press(&mut a, Enter);
    type_text(&mut a, "Phones down");
    press(&mut a, Enter);
    press(&mut a, Esc);
    let text = screen(&mut a);
    let banner = text.lines().nth(1).unwrap_or_default();
    assert!(
        banner.contains("NOT SAVED (F4: why, export) | In downtime"),
        "{text}"
    );
    let mut narrow = a.clone();
    narrow.resize(Rect::new(0, 0, 40, 12));
    let text = screen(&mut narrow);
    assert!(
        text.lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with(" NOT SAVED (F4: why"),
        "{text}"
    );
    press(&mut a, F(4));
    let text = screen(&mut a);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("(read-only file system)"), "{text}");
    assert!(flat.contains("Export the report"), "{text}");
}

#[test]
fn the_first_space_after_naming_an_incident_ticks_the_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(built_in(), 80, 24, dir.path());
    open_phones_down(&mut a);
    press(&mut a, Char(' '));
    assert!(matches!(a.popup, Some(Popup::Prompt(_))), "asks for a name");
    type_text(&mut a, "Phones down");
    press(&mut a, Enter);
    assert_eq!(a.ticks.len(), 1, "the first step is ticked");
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert_eq!(r.current_step(&a.ctx()), Some(1));
    let log = a
        .store
        .log
        .records
        .iter()
        .map(|r| crate::incident::export::describe(&r.event));
    let log: Vec<String> = log.collect();
    assert_eq!(log[0], "Incident started: Phones down");
    assert_eq!(log[1], "Opened Phones down");
    assert!(log[2].starts_with("Ticked in phones-down: Try more than one handset"));
}

#[test]
fn one_error_is_one_error() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/broken-link");
    let set = PackSet::open(&fixture, &crate::pack::Limits::default());
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(set, 100, 30, dir.path());
    let text = screen(&mut a);
    assert!(text.contains("1 error in this pack"), "{text}");
    assert!(text.contains("Pack health (1 error)"), "{text}");
    press(&mut a, F(8));
    let text = screen(&mut a);
    assert!(text.contains("Pack health: 1 error, 0 warnings"), "{text}");
    assert!(!text.contains("(s)"), "{text}");
}

#[test]
fn the_footer_shows_back_help_and_quit_first_and_never_cuts_a_word() {
    let mut a = app(80, 24);
    let hints_of = |a: &App| -> Vec<String> {
        a.hints()
            .into_iter()
            .map(|(k, h)| format!("{k} {h}"))
            .collect()
    };
    let check = |a: &mut App, root: bool| {
        let text = screen(a);
        let footer = text.lines().last().unwrap_or_default().to_string();
        let want = if root {
            vec!["F1 help", "F10 quit"]
        } else {
            vec!["Esc back", "F1 help", "F10 quit"]
        };
        let hints = hints_of(a);
        assert_eq!(&hints[..want.len()], want, "{footer}");
        // the footer is whole hints only
        let mut rest = footer.trim().to_string();
        for h in &hints {
            rest = rest.replacen(h.as_str(), "", 1);
        }
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let position_only = rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '%');
        assert!(position_only, "cut words left in {footer:?}");
    };
    check(&mut a, true);
    open_phones_down(&mut a);
    check(&mut a, false);
    for key in [F(2), F(1), F(4), F(8), F(3)] {
        press(&mut a, key);
        check(&mut a, false);
    }
}

#[test]
fn a_prompt_takes_every_letter_and_f_keys_leave_it() {
    let mut a = app(80, 24);
    press(&mut a, F(4));
    press(&mut a, Enter);
    type_text(&mut a, "q?/cHLi!Pnp");
    let Some(Popup::Prompt(p)) = &a.popup else {
        panic!("prompt open")
    };
    assert_eq!(p.field.text(), "q?/cHLi!Pnp");
    press(&mut a, F(2));
    assert!(a.popup.is_none());
    assert!(matches!(a.screen(), Screen::Contacts(_)));
}

#[test]
fn find_in_a_document_with_ctrl_f_then_next_and_previous() {
    let mut a = app(80, 24);
    open_phones_down(&mut a);
    ctrl(&mut a, 'f');
    type_text(&mut a, "mobile");
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert!(r.find.as_ref().is_some_and(|f| f.matches.len() >= 2));
    press(&mut a, Enter);
    keys(&mut a, &[Char('n'), Char('N')]);
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("Match ")));
    // Esc leaves the document, find or not
    press(&mut a, Esc);
    assert!(is_home(&a));
}

// ---- carried over: navigation, links, incidents --------------------------------------------

#[test]
fn triage_opens_the_right_procedure() {
    let triage: Vec<_> = built_in().packs[0].meta.triage.clone();
    for (i, t) in triage.iter().enumerate() {
        let mut a = app(80, 24);
        for _ in 0..i {
            press(&mut a, Down);
        }
        press(&mut a, Enter);
        let Screen::Reader(r) = a.screen() else {
            panic!("triage {i} did not open a document")
        };
        assert_eq!(a.set.packs[0].docs[r.doc].id, t.open);
    }
}

#[test]
fn links_follow_and_back_returns_to_the_same_place() {
    let mut a = app(80, 24);
    open_phones_down(&mut a);
    keys(&mut a, &[KeyCode::PageDown, KeyCode::Tab]);
    let Screen::Reader(before) = a.screen().clone() else {
        panic!()
    };
    assert!(before.link.is_some(), "Tab selects a link");
    press(&mut a, Enter);
    assert_eq!(a.stack.len(), 3, "following a link opens a document");
    press(&mut a, Esc);
    let Screen::Reader(after) = a.screen() else {
        panic!()
    };
    assert_eq!(
        (after.doc, after.scroll, after.link),
        (before.doc, before.scroll, before.link)
    );
}

#[test]
fn a_link_with_an_anchor_scrolls_to_the_heading() {
    let mut a = app(80, 24);
    open_phones_down(&mut a);
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    let doc = &a.set.packs[0].docs[r.doc].doc;
    let (link_index, _) = doc
        .links
        .iter()
        .enumerate()
        .find(|(_, l)| {
            matches!(
                &l.target,
                crate::document::LinkTarget::Document {
                    anchor: Some(_),
                    ..
                }
            )
        })
        .expect("a link with an anchor");
    if let Some(Screen::Reader(r)) = a.stack.last_mut() {
        r.link = r.rendered.links.iter().position(|(l, _)| *l == link_index);
    }
    press(&mut a, Enter);
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert!(r.scroll > 0, "scrolled to the anchor");
    let line = r.rendered.lines[r.scroll].text();
    assert!(!line.trim().is_empty(), "lands on the heading: {line:?}");
}

#[test]
fn key_releases_are_ignored() {
    let a = app(80, 24);
    let mut release = KeyEvent::new(Down, KeyModifiers::NONE);
    release.kind = crossterm::event::KeyEventKind::Release;
    assert_eq!(action_for_event(&a, &Event::Key(release)), None);
}

#[test]
fn a_tiny_window_asks_to_be_made_bigger_and_nothing_panics() {
    for (w, h) in [(0, 0), (1, 1), (10, 5), (39, 24), (80, 11), (40, 12)] {
        let mut a = app(w, h);
        keys(&mut a, &[Enter, KeyCode::PageDown, KeyCode::Tab, Char('t')]);
        let text = screen(&mut a);
        if (w < 40 || h < 12) && w >= 31 && h >= 1 {
            assert!(
                text.contains("Please make this window bigger"),
                "{w}x{h}: {text}"
            );
        }
    }
}

#[test]
fn resizing_keeps_the_place_roughly() {
    let mut a = app(80, 24);
    open_phones_down(&mut a);
    keys(&mut a, &[KeyCode::PageDown, KeyCode::PageDown]);
    a.resize(Rect::new(0, 0, 140, 40));
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert!(r.scroll > 0);
    assert_eq!(r.rendered.width, crate::tui::ctx::MAX_TEXT_WIDTH);
}

#[test]
fn ticks_are_logged_and_kept_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(built_in(), 80, 24, dir.path());
    open_phones_down(&mut a);
    press(&mut a, Char(' '));
    type_text(&mut a, "Phones down");
    press(&mut a, Enter);
    keys(&mut a, &[Char(' '), Char(' ')]);
    let mut again = app_in(built_in(), 80, 24, dir.path());
    open_phones_down(&mut again);
    let Screen::Reader(r) = again.screen() else {
        panic!()
    };
    assert_eq!(r.current_step(&again.ctx()), Some(3), "three ticked");
    press(&mut again, F(5));
    let log = screen(&mut again);
    assert!(log.contains("Incident started: Phones down"), "{log}");
    assert_eq!(log.matches("Ticked in phones-down").count(), 3, "{log}");
}

#[test]
fn progress_shows_in_lists_and_untick_undoes() {
    let mut a = app(80, 24);
    press(&mut a, F(4));
    press(&mut a, Enter);
    type_text(&mut a, "Drill");
    press(&mut a, Enter);
    press(&mut a, F(9));
    open_phones_down(&mut a);
    keys(&mut a, &[Char(' '), Char(' ')]);
    ctrl(&mut a, 'z');
    press(&mut a, Esc);
    let home = screen(&mut a);
    assert!(home.contains("In downtime: Drill, 0 min"), "{home}");
    let doc = a.set.packs[0].doc_index("phones-down").expect("doc");
    let (done, total) = crate::tui::incident::progress(&a.ctx(), doc).expect("progress");
    assert_eq!(done, 1);
    assert!(total > 5);
}

#[test]
fn an_exercise_is_labelled_and_ends() {
    let mut a = app(80, 24);
    keys(&mut a, &[F(4), Down, Enter]);
    type_text(&mut a, "Annual test");
    press(&mut a, Enter);
    assert!(screen(&mut a).contains("EXERCISE: Annual test"));
    // the last item of "in progress" ends it
    keys(&mut a, &[Down, Down, Down, Enter]);
    assert!(a.active.is_none());
    let text = screen(&mut a);
    assert!(text.contains("Past incidents and exercises"), "{text}");
    assert!(!text.contains("EXERCISE: Annual test"), "{text}");
}

#[test]
fn update_does_no_io_effects_say_what_to_do() {
    let mut a = app(80, 24);
    open_phones_down(&mut a);
    let effects = a.update(crate::tui::action::Action::Print);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Print(crate::tui::effect::Printable::Doc { .. })]
    ));
    assert!(a.printout.is_none(), "nothing was written by update");
    let effects = a.update(crate::tui::action::Action::TickStep);
    assert!(effects.is_empty(), "no incident: it asks");
    assert!(a.popup.is_some());
}

#[test]
fn a_session_leaves_the_pack_folder_byte_for_byte_unchanged() {
    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d)
                .expect("read dir")
                .filter_map(Result::ok)
            {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push((p.display().to_string(), std::fs::read(&p).expect("read")));
                }
            }
        }
        out.sort();
        out
    }
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    let before = snapshot(&packs);
    let state = tempfile::tempdir().expect("tempdir");
    let set = PackSet::open(&packs, &crate::pack::Limits::default());
    let mut a = app_in(set, 80, 24, state.path());
    keys(&mut a, &[F(4), Enter]);
    type_text(&mut a, "Session");
    press(&mut a, Enter);
    keys(
        &mut a,
        &[F(9), Enter, Char(' '), Char(' '), KeyCode::Tab, Enter, F(7)],
    );
    press(&mut a, F(6));
    type_text(&mut a, "note");
    keys(&mut a, &[Enter, Enter, F(4), KeyCode::End, Enter]);
    assert_eq!(snapshot(&packs), before);
}

#[test]
fn after_a_pack_refresh_a_changed_step_shows_unticked_and_the_log_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(built_in(), 80, 24, dir.path());
    keys(&mut a, &[F(4), Enter]);
    type_text(&mut a, "Refresh");
    press(&mut a, Enter);
    let id = a.active.clone().expect("active").id;
    // ticks recorded against version 2 of the pack: one step whose text is still the same, one
    // whose text has since changed
    let doc = a.set.packs[0].doc_index("phones-down").expect("doc");
    let first = a.set.packs[0].docs[doc].doc.steps()[0].clone();
    for step in [first, "An old wording of step two".to_string()] {
        let event = crate::incident::Event::Tick {
            pack: "example-riverside".into(),
            version: Some(2),
            doc: "phones-down".into(),
            step,
        };
        a.store.append(crate::incident::Record {
            at: fixed_clock(),
            incident: id.clone(),
            event,
        });
    }
    a.refresh_incident();
    assert_eq!(
        crate::tui::incident::progress(&a.ctx(), doc).map(|p| p.0),
        Some(1),
        "only the unchanged step counts"
    );
    press(&mut a, F(5));
    let log = screen(&mut a);
    assert!(log.contains("refreshed to version 3"), "{log}");
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
