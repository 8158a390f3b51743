//! Navigation, links, incidents and the pack folder, driven by keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use KeyCode::{Char, Down, Enter, Esc, F};

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
