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
