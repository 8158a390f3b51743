//! The reader's first screen comes before the documents: what it shows while the background is
//! still reading, and that what arrives later is taken in without a key press.

use super::*;

/// The example pack as the first screen sees it: `pack.toml` and `contacts.toml` only.
fn heads() -> PackSet {
    let mut set = built_in();
    for p in &mut set.packs {
        p.docs.clear();
    }
    set
}

fn starting() -> App {
    let folders = Folders::under(Path::new("/nonexistent"));
    let start = Start::new(heads(), today(), Rect::new(0, 0, 80, 24), folders);
    let mut a = App::starting(start);
    a.store = Store::in_memory("the test keeps it in memory");
    a.clock = fixed_clock;
    a
}

fn arrive_documents(a: &mut App) -> Arc<PackSet> {
    let full = Arc::new(built_in());
    a.receive(Loaded::Set(Arc::clone(&full)));
    full
}

#[test]
fn the_first_screen_shows_triage_and_says_the_documents_are_coming() {
    let mut a = starting();
    let s = screen(&mut a);
    assert!(s.contains("What isn't working?"), "{s}");
    assert!(s.contains("Reading the procedures and forms..."), "{s}");
    assert!(
        !s.contains("missing"),
        "triage is not called missing while reading: {s}"
    );
    press(&mut a, Enter);
    assert!(is_home(&a), "nothing opens yet");
    assert!(
        a.status
            .as_deref()
            .is_some_and(|m| m.contains("Still reading")),
        "{:?}",
        a.status
    );
    arrive_documents(&mut a);
    let s = screen(&mut a);
    assert!(!s.contains("Reading the procedures"), "{s}");
    press(&mut a, Enter);
    assert!(
        matches!(a.screen(), Screen::Reader(_)),
        "the first triage entry opens"
    );
}

#[test]
fn search_answers_from_the_first_keystroke_and_fills_in_as_the_index_arrives() {
    let mut a = starting();
    // a contact is found before any document has been read
    press(&mut a, F(3));
    type_text(&mut a, "960210");
    let s = screen(&mut a);
    assert!(s.contains("Contacts (1)"), "{s}");
    assert!(s.contains("titles and contacts only so far"), "{s}");
    // a word only in a procedure's text: nothing yet, and said so
    for _ in 0..6 {
        press(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "unplug");
    assert!(screen(&mut a).contains("Nothing in titles and contacts yet"));
    let full = arrive_documents(&mut a);
    a.receive(Loaded::Search {
        index: Arc::new(SearchIndex::build_titles(&full)),
        complete: false,
    });
    assert!(a.pending.search);
    a.receive(Loaded::Search {
        index: Arc::new(SearchIndex::build(&full)),
        complete: true,
    });
    // no key pressed: the open search ran again with the full index
    let s = screen(&mut a);
    assert!(s.contains("Procedures ("), "{s}");
    assert!(!s.contains("so far"), "{s}");
}

#[test]
fn health_and_the_stick_arrive_last_and_show() {
    let mut a = starting();
    press(&mut a, F(8));
    assert!(screen(&mut a).contains("Still checking the pack"));
    let full = arrive_documents(&mut a);
    a.receive(Loaded::Health(Arc::new(crate::check::health(
        &full,
        today(),
    ))));
    a.receive(Loaded::Stick(Box::new(None)));
    assert!(!a.pending.any() || a.pending.search, "{:?}", a.pending);
    assert!(!screen(&mut a).contains("Still checking"));
}
