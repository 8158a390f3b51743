//! After a refresh: "Changed in version N" on the home screen, the changes screen, and changed
//! steps marked until their document has been opened once. The example pack (version 3) is
//! compared with a version 2 this PC saw before, written into its state folder.

use super::*;
use crate::changes::seen::{self, Found, Seen};
use crate::changes::snapshot::{PackSnapshot, of_pack};
use crate::tui::menu::Row;

use KeyCode::{Char, Down, Enter, Esc, F};

const ID: &str = "example-riverside";

/// The example pack as version 2: step 5 of "Phones down" said something else, the IT service
/// desk had another number, the message slip did not exist yet and an old rota did.
fn version_2() -> PackSnapshot {
    let mut old = of_pack(&built_in().packs[0]);
    old.version = Some(2);
    let doc = old
        .docs
        .iter_mut()
        .find(|d| d.id == "phones-down")
        .expect("phones-down");
    doc.hash = "older".into();
    let step = doc
        .steps
        .iter_mut()
        .find(|s| s.text == "Tell the duty manager.")
        .expect("step 5");
    step.text = "Tell the practice manager.".into();
    step.hash = "older".into();
    for c in &mut old.contacts {
        for (_, v) in &mut c.fields {
            if v == "01632 960001" {
                *v = "01632 960009".into();
            }
        }
    }
    let mut rota = old.docs.remove(
        old.docs
            .iter()
            .position(|d| d.id == "message-slip")
            .expect("message-slip"),
    );
    rota.id = "old-rota".into();
    rota.title = "Old staff rota".into();
    old.docs.push(rota);
    old
}

fn state(dir: &Path) -> PathBuf {
    Folders::under(dir).state_override.expect("a state folder")
}

fn found(dir: &Path) -> Found {
    seen::find(Some(&state(dir)), None, ID, Some(3)).expect("the pack has a version")
}

/// A reader whose PC saw version 2 before: the notice comes from the start, the rest arrives
/// from the background as it does in the real reader.
fn after_refresh(width: u16, height: u16, dir: &Path) -> App {
    if seen::read(&state(dir), ID).is_none() {
        let v2 = Seen {
            format: seen::FORMAT,
            version: 2,
            snapshot: version_2(),
            previous: None,
            opened: Vec::new(),
            changes_viewed: false,
        };
        seen::write(&state(dir), &v2).expect("written");
    }
    starting_in(width, height, dir)
}

/// A reader started on the example pack with whatever the state folder in `dir` holds.
fn starting_in(width: u16, height: u16, dir: &Path) -> App {
    let folders = Folders::under(dir);
    let mut start = Start::new(built_in(), today(), Rect::new(0, 0, width, height), folders);
    start.store = Store::open(&Folders::under(dir), None);
    start.seen = vec![found(dir)];
    let mut a = App::new(start);
    a.clock = fixed_clock;
    a.opener = no_viewer;
    a.theme = crate::tui::theme::Theme::color();
    let settled = found(dir)
        .settle(|| of_pack(&a.set.packs[0]))
        .into_iter()
        .collect();
    let effects = a.receive(Loaded::Seen(settled));
    run::run(&mut a, effects);
    a
}

fn shot(a: &mut App, name: &str) -> String {
    let text = screen(a);
    insta::assert_snapshot!(name, text);
    text
}

#[test]
fn the_notice_shows_on_home_before_any_document_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    after_refresh(80, 24, dir.path());
    let mut start = Start::new(
        built_in(),
        today(),
        Rect::new(0, 0, 80, 24),
        Folders::under(dir.path()),
    );
    start.seen = vec![found(dir.path())];
    // the first screen: nothing settled yet
    let mut a = App::starting(start);
    let s = screen(&mut a);
    assert!(
        s.contains("! Changed in version 3: F12 shows what changed"),
        "{s}"
    );
    press(&mut a, F(12));
    let s = screen(&mut a);
    assert!(
        s.contains("What changed in version 3 (since version 2)"),
        "{s}"
    );
    assert!(s.contains("Working out what changed"), "{s}");
}

#[test]
fn the_notice_at_80x24_and_40x12() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(80, 24, dir.path());
    let s = shot(&mut a, "changed_home_80x24");
    assert!(s.contains("! Changed in version 3: F12 shows what changed"));
    assert!(
        s.contains("* changed in v3"),
        "changed documents are marked: {s}"
    );
    let mut small = after_refresh(40, 12, dir.path());
    let s = shot(&mut small, "changed_home_40x12");
    assert!(s.contains("! Changed in version 3: F12 to see"), "{s}");
}

#[test]
fn the_changes_screen_lists_numbers_contacts_and_documents_and_esc_leaves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(80, 24, dir.path());
    press(&mut a, F(12));
    assert!(matches!(a.screen(), Screen::Changes(_)));
    let s = shot(&mut a, "changes_80x24");
    assert!(s.contains("Phone numbers changed"), "{s}");
    assert!(s.contains("01632 960009 -> 01632 960001"), "{s}");
    // the rest is reached by scrolling
    let mut all = s.clone();
    for _ in 0..40 {
        press(&mut a, Down);
        all.push_str(&screen(&mut a));
    }
    for want in [
        "Phones down",
        "step 5 (under \"First five minutes\") reworded",
        "- Tell the practice manager.",
        "+ Tell the duty manager.",
        "Message slip   new",
        "Old staff rota: removed",
    ] {
        assert!(all.contains(want), "{want} not in {all}");
    }
    press(&mut a, Esc);
    assert!(is_home(&a));
    let s = screen(&mut a);
    assert!(!s.contains("Changed in version 3"), "the notice goes: {s}");
    // and stays gone on this PC
    let saved = seen::read(&state(dir.path()), ID).expect("saved");
    assert!(saved.changes_viewed);
    let mut next = starting_in(80, 24, dir.path());
    assert!(!screen(&mut next).contains("Changed in version 3"));
    // the changes can still be looked at
    ctrl(&mut next, 'w');
    assert!(matches!(next.screen(), Screen::Changes(_)));
    assert!(screen(&mut next).contains("Phone numbers changed"));
}

#[test]
fn the_changes_screen_at_40x12() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(40, 12, dir.path());
    press(&mut a, F(12));
    shot(&mut a, "changes_40x12");
    // every line can be reached, and the screen can always be left
    for _ in 0..60 {
        press(&mut a, Down);
    }
    let s = screen(&mut a);
    assert!(s.contains("What changed"), "{s}");
    press(&mut a, Char('q'));
    assert!(a.quit, "q quits from the changes screen");
}

/// Select the changes screen's document titled `title` with the arrow keys.
fn select(a: &mut App, title: &str) {
    for _ in 0..60 {
        let Screen::Changes(s) = a.screen() else {
            panic!("the changes screen")
        };
        let rows = crate::tui::screen::changes::rows(&a.ctx(), usize::from(a.area.width));
        let current = s.current(&rows, a.ctx().height());
        if let Some(Row::Item { label, .. }) = current.map(|r| &rows[r])
            && label == title
        {
            return;
        }
        press(a, Down);
    }
    panic!("{title} never selected");
}

#[test]
fn a_changed_step_is_marked_until_its_document_has_been_opened_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(80, 24, dir.path());
    press(&mut a, F(12));
    select(&mut a, "Phones down");
    press(&mut a, Enter);
    let Screen::Reader(r) = a.screen() else {
        panic!("Enter opens the document")
    };
    let marks = r.marks.clone().expect("marks");
    assert_eq!(r.step_keys[marks.steps[0]], "Tell the duty manager.");
    let status = a.status.clone();
    keys(&mut a, &[Down, Down, Down, Down, Down]);
    a.status = status;
    let s = shot(&mut a, "changed_step_80x24");
    let line = s
        .lines()
        .find(|l| l.contains("Tell the duty manager."))
        .expect("step 5 in view");
    assert!(line.starts_with('*'), "{line}");
    assert!(line.ends_with("changed in v3"), "{line}");
    assert!(
        a.status
            .as_deref()
            .is_some_and(|m| m.contains("Changed in version 3: 1 step marked *")),
        "{:?}",
        a.status
    );
    // opened again: no marks
    keys(&mut a, &[Esc, Esc]);
    assert!(is_home(&a));
    assert!(!screen(&mut a).contains("* changed in v3 | Patients cannot ring in"));
    open_phones_down(&mut a);
    let Screen::Reader(r) = a.screen() else {
        panic!()
    };
    assert_eq!(r.marks, None);
    assert!(!screen(&mut a).contains("changed in v3"));
    // nor after the reader starts again on this PC
    let mut next = starting_in(80, 24, dir.path());
    open_phones_down(&mut next);
    let Screen::Reader(r) = next.screen() else {
        panic!()
    };
    assert_eq!(r.marks, None);
}

#[test]
fn marks_show_with_ticks_and_the_current_step_during_an_incident() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(80, 24, dir.path());
    open_phones_down(&mut a);
    press(&mut a, Char(' '));
    type_text(&mut a, "Phones down");
    keys(&mut a, &[Enter, Char(' '), Down, Down, Down, Down, Down]);
    let s = screen(&mut a);
    let line = s
        .lines()
        .find(|l| l.contains("Tell the duty manager."))
        .unwrap_or_else(|| panic!("step 5 in view: {s}"));
    assert!(line.ends_with("changed in v3"), "{s}");
    assert!(s.lines().any(|l| l.starts_with('x')), "a tick shows: {s}");
}

#[test]
fn a_state_folder_that_cannot_be_written_shows_the_notice_again_next_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(80, 24, dir.path());
    // the record's folder becomes a file: nothing more can be written there
    let folder = state(dir.path()).join(seen::DIR);
    let kept = std::fs::read(seen::path(&state(dir.path()), ID)).expect("the v2 record");
    std::fs::remove_dir_all(&folder).expect("removed");
    std::fs::write(&folder, b"not a folder").expect("written");
    press(&mut a, F(12));
    press(&mut a, Esc);
    assert!(
        !screen(&mut a).contains("Changed in version 3"),
        "gone for now"
    );
    // the PC still holds version 2 only
    std::fs::remove_file(&folder).expect("removed");
    std::fs::create_dir_all(&folder).expect("made");
    std::fs::write(seen::path(&state(dir.path()), ID), kept).expect("put back");
    let mut next = starting_in(80, 24, dir.path());
    assert!(screen(&mut next).contains("Changed in version 3"));
}

#[test]
fn w_types_on_home_and_opens_the_changes_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(80, 24, dir.path());
    press(&mut a, Char('w'));
    assert!(matches!(a.screen(), Screen::Search(_)), "typing types");
    press(&mut a, F(2));
    press(&mut a, Char('w'));
    assert!(matches!(a.screen(), Screen::Changes(_)));
}

#[test]
fn the_pack_chooser_says_which_pack_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    after_refresh(80, 24, dir.path());
    let mut set = built_in();
    let mut second = set.packs[0].clone();
    second.id = "second".into();
    second.meta.practice.name = "Second Example Surgery".into();
    set.packs.push(second);
    let mut start = Start::new(
        set,
        today(),
        Rect::new(0, 0, 80, 24),
        Folders::under(dir.path()),
    );
    start.seen = vec![found(dir.path())];
    let mut a = App::new(start);
    let s = screen(&mut a);
    let line = |name: &str| {
        s.lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("Riverside Surgery").ends_with("changed in v3"), "{s}");
    assert!(!line("Second Example Surgery").contains("changed"), "{s}");
    press(&mut a, Enter);
    assert!(screen(&mut a).contains("! Changed in version 3"));
}

#[test]
fn a_changed_step_at_40x12() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = after_refresh(40, 12, dir.path());
    open_phones_down(&mut a);
    for _ in 0..60 {
        if screen(&mut a).contains("*5. Tell the duty") {
            break;
        }
        press(&mut a, Down);
    }
    a.status = None;
    let s = shot(&mut a, "changed_step_40x12");
    assert!(s.contains("*5. Tell the duty manager."), "{s}");
}

#[test]
fn an_older_copy_than_this_pc_has_opened_says_so_on_the_changes_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut v4 = of_pack(&built_in().packs[0]);
    v4.version = Some(4);
    let record = Seen {
        format: seen::FORMAT,
        version: 4,
        snapshot: v4,
        previous: None,
        opened: Vec::new(),
        changes_viewed: false,
    };
    seen::write(&state(dir.path()), &record).expect("written");
    let mut a = starting_in(80, 24, dir.path());
    assert!(!screen(&mut a).contains("Changed in"));
    press(&mut a, F(12));
    let s = screen(&mut a);
    assert!(
        s.contains("This PC has opened version 4 of this pack before: this copy (version 3)"),
        "{s}"
    );
    assert_eq!(
        seen::read(&state(dir.path()), ID),
        Some(record),
        "kept as it was"
    );
}
