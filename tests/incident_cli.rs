//! `manualpack paths` and `manualpack incident list|export` on real state folders.

use assert_cmd::Command;
use manualpack::incident::store::{Mode, Store};
use manualpack::incident::{Event, Record};
use predicates::prelude::*;

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").expect("binary builds");
    cmd.env_remove("MANUALPACK_PACKS").env("TZ", "UTC");
    cmd
}

fn seed(dir: &std::path::Path) {
    let mut store = Store::open_in(Some(dir.to_path_buf()), Mode::Environment);
    let at = |m: i64| jiff::Timestamp::from_second(1_795_600_800 + m * 60).expect("time");
    let rec = |m, event| Record {
        at: at(m),
        incident: "inc-1".into(),
        event,
    };
    store.append(rec(
        0,
        Event::Start {
            name: "Phones down".into(),
            exercise: true,
            practice: None,
        },
    ));
    store.append(rec(
        2,
        Event::Open {
            pack: "example-riverside".into(),
            version: Some(3),
            doc: "phones-down".into(),
            title: "Phones down".into(),
        },
    ));
    store.append(rec(
        3,
        Event::Tick {
            pack: "example-riverside".into(),
            version: Some(3),
            doc: "phones-down".into(),
            step: "Ring Bridgeline".into(),
        },
    ));
    store.append(rec(
        5,
        Event::Note {
            text: "Divert took 20 minutes".into(),
            initials: Some("AM".into()),
        },
    ));
    store.append(rec(90, Event::End));
}

#[test]
fn incidents_list_and_export_with_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    seed(dir.path());
    manualpack()
        .env("MANUALPACK_STATE_DIR", dir.path())
        .args(["incident", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "inc-1  Exercise  Phones down  started 2026-11-25 10:00, ended 2026-11-25 11:30",
        ));
    manualpack()
        .env("MANUALPACK_STATE_DIR", dir.path())
        .args(["incident", "export", "inc-1", "--path", "packs"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Exercise report: Phones down",
        ))
        .stdout(predicate::str::contains(
            "- **Practice:** Riverside Surgery",
        ))
        .stdout(predicate::str::contains("- **Duration:** 1 h 30 min"))
        .stdout(predicate::str::contains(
            "- 10:05 Note (AM): Divert took 20 minutes",
        ))
        .stdout(predicate::str::contains(
            "- 10:03 Ticked in phones-down: Ring Bridgeline",
        ));
    let out = dir.path().join("report.txt");
    manualpack()
        .env("MANUALPACK_STATE_DIR", dir.path())
        .args(["incident", "export", "--text", "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("report written");
    assert!(text.starts_with("Exercise report: Phones down\n"));
    manualpack()
        .env("MANUALPACK_STATE_DIR", dir.path())
        .args(["incident", "export", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No incident `nope`"));
}

#[test]
fn paths_says_when_nothing_can_be_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    manualpack()
        .env("MANUALPACK_STATE_DIR", file.join("state"))
        .args(["paths"])
        .assert()
        .success()
        .stdout(predicate::str::contains("saving:         NO"));
}

#[test]
fn a_manualpack_state_folder_beside_the_packs_is_portable_mode() {
    let stick = tempfile::tempdir().expect("tempdir");
    let pack = stick.path().join("packs/example");
    std::fs::create_dir_all(&pack).expect("mkdir");
    std::fs::write(pack.join("pack.toml"), "[practice]\nname = \"X\"\n").expect("write");
    std::fs::create_dir(stick.path().join("manualpack-state")).expect("mkdir");
    manualpack()
        .env_remove("MANUALPACK_STATE_DIR")
        .args(["paths"])
        .arg(stick.path().join("packs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("manualpack-state (portable"));
}

#[test]
fn incident_export_names_the_incidents_own_practice_not_the_one_in_the_current_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open_in(Some(dir.path().to_path_buf()), Mode::Environment);
    let at = jiff::Timestamp::from_second(1_795_600_800).expect("time");
    let record = |incident: &str, event| Record {
        at,
        incident: incident.into(),
        event,
    };
    // recorded with its practice (as the reader now does)
    store.append(record(
        "quay",
        Event::Start {
            name: "Power cut".into(),
            exercise: false,
            practice: Some("Glannau Llŷr Medical Practice".into()),
        },
    ));
    // an older log: no practice recorded, only the pack it was used with
    store.append(record(
        "old",
        Event::Start {
            name: "Phones".into(),
            exercise: false,
            practice: None,
        },
    ));
    store.append(record(
        "old",
        Event::Open {
            pack: "some-other-pack".into(),
            version: Some(1),
            doc: "phones-down".into(),
            title: "Phones down".into(),
        },
    ));
    // run from the repository, whose packs/ holds Riverside Surgery
    let run = |id: &str| {
        manualpack()
            .env("MANUALPACK_STATE_DIR", dir.path())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["incident", "export", id])
            .assert()
            .success()
            .stdout(predicate::str::contains("Riverside").not())
    };
    run("quay").stdout(predicate::str::contains(
        "- **Practice:** Glannau Llŷr Medical Practice",
    ));
    run("old").stdout(predicate::str::contains("- **Practice:** some-other-pack"));
}
