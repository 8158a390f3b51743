//! The reader's traps (issue 12), one test each, named after what broke.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use KeyCode::{Char, Enter, Esc, F};

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
            .map(|h| format!("{} {}", h.key, h.word))
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
    for key in [F(2), F(1), F(4), F(8), F(3), F(12)] {
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

#[test]
fn a_pack_marking_hundreds_of_contacts_key_still_says_how_many_are_shown() {
    let mut set = crate::discover::built_in();
    let template = set.packs[0].contacts[0].clone();
    for i in 0..400 {
        let mut c = template.clone();
        c.name = format!("Extra contact {i}");
        c.key = true;
        set.packs[0].contacts.push(c);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(set, 80, 24, dir.path());
    let text = screen(&mut a);
    let strip = a.ctx().strip();
    assert_eq!(strip.total, 405);
    assert!(
        text.contains(&format!("Key numbers: {} of 405", strip.shown)),
        "{text}"
    );
}

#[test]
fn the_find_bar_never_hides_the_current_match() {
    let mut a = app(80, 24);
    open_phones_down(&mut a);
    ctrl(&mut a, 'f');
    type_text(&mut a, "the");
    for _ in 0..40 {
        press(&mut a, KeyCode::Down);
        let rows = a.ctx().height() - 1;
        let Screen::Reader(r) = a.screen() else {
            panic!("reader")
        };
        let line = r.find.as_ref().and_then(|f| f.line()).expect("a match");
        assert!(
            line >= r.scroll && line < r.scroll + rows,
            "match on line {line}, text shows {}..{}",
            r.scroll,
            r.scroll + rows
        );
    }
}
