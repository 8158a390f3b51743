//! Whole-screen snapshots driven by key events, at 80x24 and 140x40, plus behaviour tests.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::*;
use crate::discover::built_in;
use crate::tui::{action_for_event, view};

fn app(width: u16, height: u16) -> App {
    let today = jiff::civil::date(2026, 11, 25);
    App::new(built_in(), today, Rect::new(0, 0, width, height))
}

fn press(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = action_for_event(app, &event) {
        update(app, action);
    }
}

fn keys(app: &mut App, codes: &[KeyCode]) {
    for c in codes {
        press(app, *c);
    }
}

fn screen(app: &mut App) -> String {
    let area = app.area;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test backend");
    app.resize(area);
    terminal
        .draw(|f| view::render(app, f.area(), f.buffer_mut()))
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

fn snapshots(width: u16, height: u16) {
    let suffix = format!("{width}x{height}");
    let mut a = app(width, height);
    insta::assert_snapshot!(format!("home_{suffix}"), screen(&mut a));
    // the third triage entry is "The phones are not working"
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    insta::assert_snapshot!(format!("reader_{suffix}"), screen(&mut a));
    keys(&mut a, &[KeyCode::Char('t'), KeyCode::Down]);
    insta::assert_snapshot!(format!("contents_{suffix}"), screen(&mut a));
    keys(&mut a, &[KeyCode::Esc, KeyCode::Char('c')]);
    insta::assert_snapshot!(format!("contacts_{suffix}"), screen(&mut a));
    keys(&mut a, &[KeyCode::Char('?')]);
    insta::assert_snapshot!(format!("help_{suffix}"), screen(&mut a));
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
fn triage_opens_the_right_procedure() {
    let mut a = app(80, 24);
    let rows = a.menu_rows().expect("home is a menu");
    let triage: Vec<_> = a.set.packs[0].meta.triage.clone();
    for (i, t) in triage.iter().enumerate() {
        let mut a = app(80, 24);
        for _ in 0..i {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        let Screen::Reader(r) = a.screen() else {
            panic!("triage {i} did not open a document")
        };
        assert_eq!(a.set.packs[0].docs[r.doc].id, t.open);
    }
    assert!(menu::item_count(&rows) > triage.len());
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

#[test]
fn links_follow_and_back_returns_to_the_same_place() {
    let mut a = app(80, 24);
    keys(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    keys(&mut a, &[KeyCode::PageDown, KeyCode::Tab]);
    let Screen::Reader(before) = a.screen().clone() else {
        panic!()
    };
    assert!(before.link.is_some(), "Tab selects a link");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.stack.len(), 3, "following a link opens a document");
    press(&mut a, KeyCode::Esc);
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
    let pack = &a.set.packs[0];
    let doc = pack
        .doc_index("phones-down")
        .expect("example has phones-down");
    let (link_index, _) = pack.docs[doc]
        .doc
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
    a.open_doc(doc, None);
    let Some(Screen::Reader(r)) = a.stack.last_mut() else {
        panic!()
    };
    r.link = r.rendered.links.iter().position(|(l, _)| *l == link_index);
    press(&mut a, KeyCode::Enter);
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert!(r.scroll > 0, "scrolled to the anchor");
    let line = r.rendered.lines[r.scroll].text();
    assert!(
        !line.trim().is_empty(),
        "lands on the heading, not a blank line: {line:?}"
    );
}

#[test]
fn key_releases_are_ignored() {
    let a = app(80, 24);
    let mut release = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(action_for_event(&a, &Event::Key(release)), None);
}

#[test]
fn a_tiny_window_asks_to_be_made_bigger_and_nothing_panics() {
    for (w, h) in [(0, 0), (1, 1), (10, 5), (39, 24), (80, 11), (40, 12)] {
        let mut a = app(w, h);
        keys(
            &mut a,
            &[
                KeyCode::Enter,
                KeyCode::PageDown,
                KeyCode::Tab,
                KeyCode::Char('t'),
            ],
        );
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
    keys(
        &mut a,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::PageDown,
            KeyCode::PageDown,
        ],
    );
    a.resize(Rect::new(0, 0, 140, 40));
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert!(r.scroll > 0);
    assert_eq!(r.rendered.width, MAX_TEXT_WIDTH);
}

// ---- incident mode ------------------------------------------------------------------------

fn fixed_clock() -> jiff::Timestamp {
    // 2026-11-25 10:00:00 UTC
    jiff::Timestamp::from_second(1_795_600_800).expect("valid")
}

fn incident_app(dir: &std::path::Path) -> App {
    let mut a = app(80, 24);
    a.clock = fixed_clock;
    a.store = crate::incident::store::Store::open_in(
        Some(dir.to_path_buf()),
        crate::incident::store::Mode::Environment,
    );
    a.refresh_incident();
    a
}

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, KeyCode::Char(c));
    }
    press(a, KeyCode::Enter);
}

#[test]
fn ticks_the_current_step_logs_it_and_keeps_it_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = incident_app(dir.path());
    // open "The phones are not working"; Space with no incident asks for one
    keys(
        &mut a,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Char(' '),
        ],
    );
    assert!(
        a.prompt.is_some(),
        "ticking without an incident asks to start one"
    );
    type_text(&mut a, "Phones down");
    keys(
        &mut a,
        &[KeyCode::Char(' '), KeyCode::Char(' '), KeyCode::Char(' ')],
    );
    keys(&mut a, &[KeyCode::Char('n')]);
    type_text(&mut a, "Divert set up");
    type_text(&mut a, "am");
    insta::assert_snapshot!("incident_reader_80x24", screen(&mut a));

    let mut again = incident_app(dir.path());
    keys(&mut again, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    let Screen::Reader(r) = again.screen() else {
        panic!()
    };
    assert_eq!(
        incident::current_step(&again),
        Some(3),
        "three steps ticked, the fourth is current"
    );
    assert_eq!(
        r.rendered.steps.len(),
        again.set.packs[0].docs[r.doc].doc.steps().len()
    );
    keys(&mut again, &[KeyCode::Char('L')]);
    let log = screen(&mut again);
    assert!(log.contains("Incident started: Phones down"), "{log}");
    assert!(log.contains("Note (AM): Divert set up"), "{log}");
    assert_eq!(log.matches("Ticked in phones-down").count(), 3, "{log}");
    insta::assert_snapshot!("incident_log_80x24", log);
}

#[test]
fn progress_shows_in_lists_and_untick_undoes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = incident_app(dir.path());
    keys(&mut a, &[KeyCode::Char('i'), KeyCode::Enter]);
    type_text(&mut a, "Drill");
    keys(
        &mut a,
        &[
            KeyCode::Char('H'),
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Char(' '),
            KeyCode::Char(' '),
        ],
    );
    keys(&mut a, &[KeyCode::Char('u'), KeyCode::Esc]);
    let home = screen(&mut a);
    assert!(home.contains("In downtime: Drill, 0 min"), "{home}");
    let doc = a.set.packs[0].doc_index("phones-down").expect("doc");
    let (done, total) = incident::progress(&a, doc).expect("progress");
    assert_eq!(done, 1);
    assert!(total > 5);
}

#[test]
fn an_exercise_is_labelled_and_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = incident_app(dir.path());
    keys(&mut a, &[KeyCode::Char('i'), KeyCode::Down, KeyCode::Enter]);
    type_text(&mut a, "Annual test");
    assert!(screen(&mut a).contains("EXERCISE: Annual test"));
    // the last item on the incident screen ends it
    keys(&mut a, &[KeyCode::End, KeyCode::Enter]);
    assert!(a.store.log.active().is_none());
    let text = screen(&mut a);
    assert!(text.contains("Past incidents and exercises"), "{text}");
    assert!(!text.contains("EXERCISE: Annual test"), "{text}");
}

#[test]
fn without_a_writable_folder_it_says_not_saved_and_still_works() {
    let mut a = app(80, 24);
    a.clock = fixed_clock;
    a.store = crate::incident::store::Store::in_memory("the stick is read-only");
    keys(&mut a, &[KeyCode::Char('i'), KeyCode::Enter]);
    type_text(&mut a, "RO");
    let text = screen(&mut a);
    assert!(text.contains("NOT SAVED"), "{text}");
    keys(
        &mut a,
        &[
            KeyCode::Char('H'),
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Char(' '),
        ],
    );
    assert_eq!(a.ticks.len(), 1);
}

#[test]
fn a_session_leaves_the_pack_folder_byte_for_byte_unchanged() {
    fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
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
    let packs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    let before = snapshot(&packs);
    let state = tempfile::tempdir().expect("tempdir");
    let set = crate::pack::PackSet::open(&packs, &crate::pack::Limits::default());
    let mut a = App::new(
        set,
        jiff::civil::date(2026, 11, 25),
        Rect::new(0, 0, 80, 24),
    );
    a.store = crate::incident::store::Store::open_in(
        Some(state.path().to_path_buf()),
        crate::incident::store::Mode::Environment,
    );
    keys(&mut a, &[KeyCode::Char('i'), KeyCode::Enter]);
    type_text(&mut a, "Session");
    keys(
        &mut a,
        &[
            KeyCode::Char('H'),
            KeyCode::Enter,
            KeyCode::Char(' '),
            KeyCode::Char(' '),
            KeyCode::Tab,
            KeyCode::Enter,
        ],
    );
    keys(&mut a, &[KeyCode::Char('n')]);
    type_text(&mut a, "note");
    type_text(&mut a, "");
    keys(&mut a, &[KeyCode::Char('i'), KeyCode::End, KeyCode::Enter]);
    assert_eq!(snapshot(&packs), before);
}

// ---- search ---------------------------------------------------------------------------------

#[test]
fn slash_then_ran_shows_the_cyber_attack_procedure_first_and_enter_lands_on_the_match() {
    let mut a = app(80, 24);
    keys(
        &mut a,
        &[
            KeyCode::Char('/'),
            KeyCode::Char('r'),
            KeyCode::Char('a'),
            KeyCode::Char('n'),
        ],
    );
    insta::assert_snapshot!("search_80x24", screen(&mut a));
    let Screen::Search(s) = a.screen() else {
        panic!("search screen")
    };
    let first = super::super::search::ordered(&s.results)[0].clone();
    assert_eq!(
        a.set.packs[0].docs[first.doc.expect("a document")].id,
        "cyber-attack"
    );
    press(&mut a, KeyCode::Enter);
    let Screen::Reader(r) = a.screen() else {
        panic!("reader")
    };
    let f = r.find.clone().expect("matches highlighted");
    assert!(f.matches.len() > 3);
    let before = f.current;
    press(&mut a, KeyCode::Char('n'));
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert_eq!(
        r.find.as_ref().map(|f| f.current),
        Some(before + 1),
        "n moves to the next match"
    );
    keys(
        &mut a,
        &[KeyCode::Char('n'), KeyCode::Char('n'), KeyCode::Char('n')],
    );
    insta::assert_snapshot!("reader_at_a_match_80x24", screen(&mut a));
}

#[test]
fn typing_on_home_searches_and_a_number_fragment_finds_its_contact() {
    let mut a = app(80, 24);
    for c in "960 300".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    let Screen::Search(s) = a.screen() else {
        panic!("typing on home opens search")
    };
    assert_eq!(s.text, "960 300");
    let first = super::super::search::ordered(&s.results)[0].clone();
    assert_eq!(
        a.set.packs[0].contacts[first.contact.expect("a contact")].name,
        "ICB primary care team"
    );
    press(&mut a, KeyCode::Enter);
    assert!(matches!(a.screen(), Screen::Contacts(_)));
    assert!(screen(&mut a).contains("> ICB primary care team"));
}

#[test]
fn find_in_a_document_with_slash() {
    let mut a = app(80, 24);
    keys(
        &mut a,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Char('/'),
        ],
    );
    type_text(&mut a, "mobile");
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert!(r.find.as_ref().is_some_and(|f| f.matches.len() >= 2));
    keys(&mut a, &[KeyCode::Char('N')]);
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("Match ")));
}

#[test]
fn after_a_pack_refresh_a_changed_step_shows_unticked_and_the_log_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = incident_app(dir.path());
    keys(&mut a, &[KeyCode::Char('i'), KeyCode::Enter]);
    type_text(&mut a, "Refresh");
    let id = a.store.log.active().expect("active").id;
    // ticks recorded against version 2 of the pack: one step whose text is still the same, one
    // whose text has since changed
    let doc = a.set.packs[0].doc_index("phones-down").expect("doc");
    let first = a.set.packs[0].docs[doc].doc.steps()[0].clone();
    for step in [first.clone(), "An old wording of step two".to_string()] {
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
        incident::progress(&a, doc).map(|p| p.0),
        Some(1),
        "only the unchanged step counts"
    );
    keys(&mut a, &[KeyCode::Char('L')]);
    let log = screen(&mut a);
    assert!(log.contains("refreshed to version 3"), "{log}");
}
