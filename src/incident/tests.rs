use super::export::{Format, report};
use super::store::{Mode, Store};
use super::*;

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + minute * 60).expect("valid time")
}

fn rec(minute: i64, id: &str, event: Event) -> Record {
    Record {
        at: at(minute),
        incident: id.into(),
        event,
    }
}

fn tick(step: &str) -> Event {
    Event::Tick {
        pack: "p".into(),
        version: Some(3),
        doc: "phones-down".into(),
        step: step.into(),
    }
}

#[test]
fn replay_finds_the_active_incident_and_its_ticks() {
    let mut log = Log::default();
    log.records.push(rec(
        0,
        "a",
        Event::Start {
            name: "Phones".into(),
            exercise: false,
            practice: None,
        },
    ));
    log.records.push(rec(1, "a", tick("one")));
    log.records.push(rec(2, "a", tick("two")));
    log.records.push(rec(
        3,
        "a",
        Event::Untick {
            pack: "p".into(),
            version: Some(3),
            doc: "phones-down".into(),
            step: "one".into(),
        },
    ));
    let active = log.active().expect("active");
    assert_eq!(active.name, "Phones");
    let ticks = log.ticks("a");
    assert_eq!(ticks.len(), 1);
    assert!(ticks.contains(&StepKey {
        pack: "p".into(),
        doc: "phones-down".into(),
        step: "two".into()
    }));
    log.records.push(rec(4, "a", Event::End));
    assert!(log.active().is_none());
    assert_eq!(log.incidents()[0].ended, Some(at(4)));
}

#[test]
fn damaged_lines_are_skipped_and_counted_and_text_is_sanitised() {
    let good = serde_json::to_string(&rec(
        0,
        "a",
        Event::Start {
            name: "x\u{1b}[2J".into(),
            exercise: true,
            practice: None,
        },
    ))
    .expect("json");
    let text = format!("{good}\n{{\"at\": broken\n{good}");
    let log = Log::parse(&text);
    assert_eq!(log.damaged, vec![2]);
    assert_eq!(log.records.len(), 2);
    assert_eq!(log.incidents()[0].name, "x<ESC>[2J");
}

#[test]
fn the_log_round_trips_through_a_folder_and_survives_a_torn_last_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open_in(Some(dir.path().to_path_buf()), Mode::Environment);
    assert!(store.saving());
    store.append(rec(
        0,
        "a",
        Event::Start {
            name: "Power".into(),
            exercise: false,
            practice: None,
        },
    ));
    // a pulled stick leaves half a line
    let path = store.log_path().expect("path");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("open");
    std::io::Write::write_all(&mut f, b"{\"at\":\"2026").expect("write");
    drop(f);
    store.append(rec(1, "a", tick("one")));
    let again = Store::open_in(Some(dir.path().to_path_buf()), Mode::Environment);
    assert_eq!(again.log.records.len(), 2);
    assert_eq!(again.log.damaged.len(), 1);
    assert!(
        again
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("damaged"))
    );
    let kept = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("damaged"));
    assert!(kept, "a copy of the damaged log is kept aside");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_state_in_memory_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).expect("mkdir");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let writable = std::fs::write(ro.join("probe"), b"x").is_ok();
    let mut store = Store::open_in(Some(ro.clone()), Mode::Environment);
    if writable {
        // running as root: permissions do not stop writes; nothing to test here
        return;
    }
    assert!(!store.saving());
    assert!(
        store
            .not_saved
            .as_deref()
            .is_some_and(|w| w.contains("cannot be written"))
    );
    store.append(rec(
        0,
        "a",
        Event::Start {
            name: "RO".into(),
            exercise: false,
            practice: None,
        },
    ));
    assert_eq!(store.log.active().map(|i| i.name), Some("RO".into()));
}

#[test]
fn two_writers_never_lose_each_others_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_path_buf();
    let threads: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open_in(Some(path), Mode::Environment);
                for i in 0..50 {
                    store.append(rec(
                        i,
                        &format!("w{w}"),
                        Event::Note {
                            text: format!("note {i}"),
                            initials: None,
                        },
                    ));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer");
    }
    let store = Store::open_in(Some(path), Mode::Environment);
    assert_eq!(store.log.records.len(), 100);
    assert!(store.log.damaged.is_empty());
}

#[test]
fn an_exercise_report_is_labelled_and_lists_procedures_notes_and_people() {
    let mut log = Log::default();
    log.records.push(rec(
        0,
        "x",
        Event::Start {
            name: "Annual drill".into(),
            exercise: true,
            practice: None,
        },
    ));
    log.records.push(rec(
        1,
        "x",
        Event::Open {
            pack: "p".into(),
            version: Some(3),
            doc: "phones-down".into(),
            title: "Phones down".into(),
        },
    ));
    log.records.push(rec(2, "x", tick("Ring Bridgeline")));
    log.records.push(rec(
        3,
        "x",
        Event::Note {
            text: "Divert number was out of date".into(),
            initials: Some("AM".into()),
        },
    ));
    log.records.push(rec(65, "x", Event::End));
    let inc = log.incident("x").expect("incident");
    let md = report(&log, &inc, "Riverside Surgery", at(70), Format::Markdown);
    assert!(md.starts_with("# Exercise report: Annual drill"));
    assert!(md.contains("EXERCISE"));
    assert!(md.contains("Phones down"));
    assert!(md.contains("Note (AM): Divert number was out of date"));
    assert!(md.contains("- **Who took part:** AM"));
    assert!(md.contains("1 h 05 min"));
    let text = report(&log, &inc, "Riverside Surgery", at(70), Format::Text);
    assert!(!text.contains("**"));
    assert!(text.contains("Ticked in phones-down: Ring Bridgeline"));
}
