//! The reader's invariants, checked by driving the real `App` with random key sequences (letters,
//! digits, Esc, Enter, Tab, arrows, PgUp/PgDn, F-keys, Ctrl keys, Alt keys, resizes from 20x5 to
//! 200x60) over the example pack, a generated pack, a bilingual pack written apart from the
//! reader (`tests/fixtures/second-pack`) and two packs together, each as after a refresh (this PC
//! saw a version before with other steps, numbers and documents). Each run starts as the real
//! reader does, from the packs' `pack.toml` and `contacts.toml` only, and the parts the
//! background reads (documents, search indexes, stick state, pack health) arrive between keys at
//! random points. After every key:
//!
//! - nothing panics, and every drawn cell is free of control and bidi characters;
//! - no laid-out document line is wider than the text width;
//! - a character typed where there is a text field appears in that field, at the cursor;
//! - Esc, pressed at most `MAX_DEPTH + 2` times, reaches the first screen, and never quits;
//! - Ctrl-C and F10 quit, or ask first when the log is not being saved, and quit when pressed
//!   again;
//! - every key number in the strip is whole.
//!
//! `PROPTEST_CASES` sets the number of cases (default 200); failures are kept in
//! `reader_keys.proptest-regressions` and replayed first.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use manualpack::changes::is_number_field;
use manualpack::changes::seen::{self, Found, Seen, Settled};
use manualpack::changes::snapshot::of_pack;
use manualpack::folders::Folders;
use manualpack::pack::PackSet;
use manualpack::search::SearchIndex;
use manualpack::tui::app::{App, MAX_DEPTH, Start};
use manualpack::tui::changed::PackSeen;
use manualpack::tui::effect::Effect;
use manualpack::tui::loader::Loaded;
use manualpack::tui::{action_for_event, run, view};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[derive(Debug, Clone)]
enum Op {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
    /// The next part of the background start arrives.
    Arrive,
}

fn op() -> impl Strategy<Value = Op> {
    use KeyCode::*;
    let none = KeyModifiers::NONE;
    let named = prop_oneof![
        Just(Esc),
        Just(Enter),
        Just(Tab),
        Just(BackTab),
        Just(Up),
        Just(Down),
        Just(Left),
        Just(Right),
        Just(PageUp),
        Just(PageDown),
        Just(Home),
        Just(End),
        Just(Backspace),
        Just(Delete),
        Just(Char(' ')),
    ];
    prop_oneof![
        30 => proptest::char::ranges(vec!['a'..='z', 'A'..='Z', '0'..='9'].into())
            .prop_map(move |c| Op::Key(Char(c), none)),
        4 => prop::sample::select(vec!['?', '/', '!', 'ŵ', '£', '-'])
            .prop_map(move |c| Op::Key(Char(c), none)),
        40 => named.prop_map(move |k| Op::Key(k, none)),
        15 => (1u8..=12).prop_map(move |n| Op::Key(F(n), none)),
        5 => prop::sample::select(vec!['c', 'f', 't', 'z', 'p', 'o', 'n', 'd', 'u', 'w'])
            .prop_map(|c| Op::Key(Char(c), KeyModifiers::CONTROL)),
        2 => proptest::char::range('a', 'z').prop_map(|c| Op::Key(Char(c), KeyModifiers::ALT)),
        4 => (20u16..=200, 5u16..=60).prop_map(|(w, h)| Op::Resize(w, h)),
        4 => Just(Op::Arrive),
    ]
}

fn clock() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_795_600_800).expect("valid")
}

fn no_viewer(_: &Path) -> std::io::Result<()> {
    Ok(())
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 25)
}

/// What the start finds of each pack, and what the background settles.
type Refreshed = (Vec<Found>, Vec<Settled>);

/// Each pack as after a refresh: what the start finds (the notice) and what the background
/// settles. The version before had other words in the first document's first steps, another
/// number for the first contact, and no last document. Worked out once per set.
fn after_refresh(set: &PackSet) -> Refreshed {
    static CACHE: OnceLock<Mutex<HashMap<String, Refreshed>>> = OnceLock::new();
    let key: Vec<&str> = set.packs.iter().map(|p| p.id.as_str()).collect();
    let key = key.join(",");
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().expect("cache").get(&key) {
        return hit.clone();
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut found = Vec::new();
    let mut settled = Vec::new();
    for p in &set.packs {
        let Some(v) = p.meta.version else { continue };
        let mut old = of_pack(p);
        old.version = Some(v - 1);
        if let Some(d) = old.docs.first_mut() {
            d.hash = "older".into();
            for s in d.steps.iter_mut().take(2) {
                s.text.push_str(" (old words)");
            }
        }
        old.docs.pop();
        if let Some(c) = old.contacts.first_mut() {
            for (k, number) in &mut c.fields {
                if is_number_field(k) {
                    number.push('9');
                }
            }
        }
        let record = Seen {
            format: seen::FORMAT,
            version: v - 1,
            snapshot: old,
            previous: None,
            opened: Vec::new(),
            changes_viewed: false,
        };
        seen::write(dir.path(), &record).expect("written");
        let f = seen::find(Some(dir.path()), None, &p.id, Some(v)).expect("found");
        settled.extend(f.clone().settle(|| of_pack(p)));
        found.push(f);
    }
    let out = (found, settled);
    cache.lock().expect("cache").insert(key, out.clone());
    out
}

/// The app as the reader starts it: from the packs without their documents.
fn new_app(set: &PackSet, folders: &Path) -> App {
    let mut heads = set.clone();
    for (n, p) in heads.packs.iter_mut().enumerate() {
        p.docs.clear();
        // as `PackSet::open_heads`: packs after the first come without their contacts
        if n > 0 {
            p.contacts.clear();
        }
    }
    let start = Start::new(
        heads,
        today(),
        Rect::new(0, 0, 80, 24),
        Folders::under(folders),
    );
    let mut app = App::starting(start);
    app.clock = clock;
    app.opener = no_viewer;
    app
}

/// What the loop does with a key, but making PDFs (slow, and covered by tests/print.rs).
fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, mods));
    if let Some(action) = action_for_event(app, &event) {
        let effects = app.update(action);
        let effects = effects
            .into_iter()
            .filter(|e| !matches!(e, Effect::Print(_)))
            .collect();
        run::run(app, effects);
    }
}

fn draw(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.area);
    view::render(app, app.area, &mut buf);
    buf
}

fn check_screen(app: &App, numbers: &[String]) -> Result<(), TestCaseError> {
    let buf = draw(app);
    let area = buf.area;
    let mut rows = Vec::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            let symbol = buf[(x, y)].symbol();
            for c in symbol.chars() {
                prop_assert!(
                    !c.is_control() && !manualpack::sanitize::is_hazard(c),
                    "U+{:04X} drawn at {x},{y}",
                    c as u32
                );
            }
            row.push_str(symbol);
        }
        rows.push(row);
    }
    if let manualpack::tui::screen::Screen::Reader(r) = app.screen() {
        for line in &r.rendered.lines {
            prop_assert!(
                line.width() <= r.rendered.options.table_width,
                "{:?}",
                line.text()
            );
        }
    }
    // key numbers in the strip are whole (a status message may cover the strip)
    if app.status.is_none()
        && let Some(strip) = rows.iter().position(|r| r.starts_with("-- Key numbers"))
    {
        for row in &rows[strip + 1..rows.len().saturating_sub(1)] {
            for entry in row.split(" | ").map(str::trim).filter(|e| !e.is_empty()) {
                prop_assert!(
                    numbers.iter().any(|n| entry.ends_with(n.as_str())),
                    "a key number is cut: {entry:?}"
                );
            }
        }
    }
    Ok(())
}

fn field(app: &App) -> Option<(String, usize)> {
    app.field().map(|f| (f.text().to_string(), f.cursor()))
}

fn check_typing(before: Option<(String, usize)>, app: &App, c: char) -> Result<(), TestCaseError> {
    let Some((text, cursor)) = before else {
        return Ok(());
    };
    if text.chars().count() >= manualpack::tui::field::MAX_CHARS {
        return Ok(());
    }
    let mut want: Vec<char> = text.chars().collect();
    want.insert(cursor, c);
    let want: String = want.into_iter().collect();
    prop_assert_eq!(field(app).map(|f| f.0), Some(want), "typed {:?}", c);
    Ok(())
}

fn check_leaving(app: &App) -> Result<(), TestCaseError> {
    let mut esc = app.clone();
    for _ in 0..MAX_DEPTH + 2 {
        press(&mut esc, KeyCode::Esc, KeyModifiers::NONE);
        prop_assert!(!esc.quit, "Esc quit");
    }
    prop_assert_eq!(esc.stack.len(), 1, "Esc did not reach the first screen");
    prop_assert!(esc.popup.is_none(), "Esc left a popup open");
    for quit in [
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
        (KeyCode::F(10), KeyModifiers::NONE),
    ] {
        let mut q = app.clone();
        press(&mut q, quit.0, quit.1);
        if !q.quit {
            prop_assert!(
                q.would_lose_log()
                    && matches!(q.popup, Some(manualpack::tui::popup::Popup::Quit(_))),
                "{:?} neither quit nor asked",
                quit
            );
            press(&mut q, quit.0, quit.1);
            prop_assert!(q.quit, "{:?} twice did not quit", quit);
        }
    }
    Ok(())
}

fn drive(set: &PackSet, ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let numbers: Vec<String> = set
        .packs
        .iter()
        .flat_map(|p| p.contacts.iter())
        .filter_map(|c| c.main_number().map(str::to_string))
        .collect();
    let mut app = new_app(set, dir.path());
    let full = Arc::new(set.clone());
    let mut parts = vec![
        Loaded::Notices(
            after_refresh(set)
                .0
                .iter()
                .map(PackSeen::from_found)
                .collect(),
        ),
        Loaded::Set(Arc::clone(&full)),
        Loaded::Search {
            index: Arc::new(SearchIndex::build_titles(&full)),
            complete: false,
        },
        Loaded::Search {
            index: Arc::new(SearchIndex::build(&full)),
            complete: true,
        },
        Loaded::Seen(after_refresh(set).1),
        Loaded::Stick(Box::new(None)),
        Loaded::Health(Arc::new(manualpack::check::health(&full, today()))),
    ]
    .into_iter();
    for op in ops {
        match *op {
            Op::Resize(w, h) => app.resize(Rect::new(0, 0, w, h)),
            Op::Arrive => {
                if let Some(part) = parts.next() {
                    app.receive(part);
                }
            }
            Op::Key(code, mods) => {
                let before = field(&app);
                press(&mut app, code, mods);
                if app.quit {
                    return Ok(());
                }
                if let (KeyCode::Char(c), true) = (code, mods.is_empty()) {
                    check_typing(before, &app, c)?;
                }
            }
        }
        check_screen(&app, &numbers)?;
        check_leaving(&app)?;
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn example() -> PackSet {
    manualpack::discover::built_in()
}

fn generated() -> PackSet {
    manualpack::synth::pack_set(40, 7)
}

/// A bilingual pack written apart from the reader (tests/fixtures/second-pack).
fn second() -> PackSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/second-pack/glannau-llyr");
    let set = PackSet::open(&dir, &manualpack::pack::Limits::default());
    assert_eq!(set.packs.len(), 1, "the second pack opens");
    set
}

fn both() -> PackSet {
    let mut set = example();
    set.packs.extend(generated().packs);
    set
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_example_pack_never_traps(ops in prop::collection::vec(op(), 1..60)) {
        drive(&example(), &ops)?;
    }

    #[test]
    fn a_generated_pack_never_traps(ops in prop::collection::vec(op(), 1..40)) {
        drive(&generated(), &ops)?;
    }

    #[test]
    fn a_pack_written_apart_never_traps(ops in prop::collection::vec(op(), 1..50)) {
        drive(&second(), &ops)?;
    }

    #[test]
    fn two_packs_never_trap(ops in prop::collection::vec(op(), 1..40)) {
        drive(&both(), &ops)?;
    }
}
