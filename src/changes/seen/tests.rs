#![allow(clippy::unwrap_used)]

use super::*;
use crate::changes::snapshot::of_pack;

/// The example pack (version 3) as it is now.
fn now() -> PackSnapshot {
    of_pack(&crate::discover::built_in().packs[0])
}

/// The example pack as version 2: step 5 of "Phones down" said something else, and the IT
/// service desk had another number.
fn before() -> PackSnapshot {
    let mut old = now();
    old.version = Some(2);
    let doc = old.docs.iter_mut().find(|d| d.id == "phones-down").unwrap();
    doc.hash = "older".into();
    let step = doc
        .steps
        .iter_mut()
        .find(|s| s.text == "Tell the duty manager.")
        .unwrap();
    step.text = "Tell the practice manager.".into();
    step.hash = "older".into();
    let it = old
        .contacts
        .iter_mut()
        .find(|c| c.fields.iter().any(|(_, v)| v == "01632 960001"))
        .unwrap();
    for (_, v) in &mut it.fields {
        if v == "01632 960001" {
            *v = "01632 960009".into();
        }
    }
    old
}

fn seen_at(version: i64, snapshot: PackSnapshot, previous: Option<PackSnapshot>) -> Seen {
    Seen {
        format: FORMAT,
        version,
        snapshot,
        previous,
        opened: Vec::new(),
        changes_viewed: false,
    }
}

const ID: &str = "example-riverside";

#[test]
fn the_first_time_on_a_pc_records_the_version_and_shows_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let found = find(Some(dir.path()), None, ID, Some(3)).unwrap();
    assert_eq!(found.notice(), None);
    let settled = found.settle(now).unwrap();
    assert!(settled.dirty);
    assert_eq!(settled.change, None);
    assert_eq!(settled.notice(), None);
    assert!(settled.marks("phones-down").is_empty());
    write(dir.path(), &settled.seen).unwrap();
    assert_eq!(read(dir.path(), ID), Some(settled.seen));
}

#[test]
fn a_version_that_rose_shows_the_notice_and_marks_the_changed_step_until_opened() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &seen_at(2, before(), None)).unwrap();
    let found = find(Some(dir.path()), None, ID, Some(3)).unwrap();
    // known before any document is read
    let notice = Notice {
        version: 3,
        since: Some(2),
    };
    assert_eq!(found.notice(), Some(notice));
    let mut settled = found.settle(now).unwrap();
    assert!(settled.dirty);
    assert_eq!(settled.notice(), Some(notice));
    let change = settled.change.clone().unwrap();
    assert_eq!(change.numbers().len(), 1, "{change:#?}");
    let marks = settled.marks("phones-down");
    assert_eq!(marks.len(), 1);
    let steps = crate::discover::built_in().packs[0]
        .doc("phones-down")
        .unwrap()
        .doc
        .get()
        .steps();
    assert_eq!(steps[marks[0]], "Tell the duty manager.");
    // opened once: no marks any more; a document that did not change is not recorded
    assert!(settled.open("phones-down"));
    assert!(!settled.open("phones-down"));
    assert!(!settled.open("cyber-attack"));
    assert!(settled.marks("phones-down").is_empty());
    // the notice stays until the changes are looked at
    assert_eq!(settled.notice(), Some(notice));
    assert!(settled.view());
    assert_eq!(settled.notice(), None);
    write(dir.path(), &settled.seen).unwrap();
    // the next start: the same version, all of it remembered
    let again = find(Some(dir.path()), None, ID, Some(3)).unwrap();
    assert_eq!(again.notice(), None);
    let again = again.settle(now).unwrap();
    assert!(!again.dirty, "nothing to write");
    assert!(again.marks("phones-down").is_empty());
    assert_eq!(again.change, settled.change);
}

#[test]
fn the_same_version_keeps_the_notice_and_marks_until_seen() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &seen_at(3, now(), Some(before()))).unwrap();
    let found = find(Some(dir.path()), None, ID, Some(3)).unwrap();
    assert_eq!(
        found.notice(),
        Some(Notice {
            version: 3,
            since: Some(2)
        })
    );
    let settled = found.settle(now).unwrap();
    assert!(!settled.dirty);
    assert_eq!(settled.marks("phones-down").len(), 1);
}

#[test]
fn a_damaged_or_foreign_file_is_ignored_and_written_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let file = path(dir.path(), ID);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let good = serde_json::to_string(&seen_at(2, before(), None)).unwrap();
    for damaged in [
        String::new(),
        "{".to_string(),
        "\u{0}\u{1}binary".to_string(),
        good[..good.len() / 2].to_string(),
        good.replace("\"format\":1", "\"format\":99"),
        // a file that says version 2 about a snapshot of version 3
        good.replacen("\"version\":2", "\"version\":7", 1),
    ] {
        std::fs::write(&file, &damaged).unwrap();
        assert_eq!(read(dir.path(), ID), None, "{damaged:.60}");
        let found = find(Some(dir.path()), None, ID, Some(3)).unwrap();
        assert_eq!(found.notice(), None);
        let settled = found.settle(now).unwrap();
        assert!(settled.dirty);
        assert_eq!(settled.seen.previous, None);
    }
    // a folder where the file should be: not read, and not written either, without a panic
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir_all(&file).unwrap();
    assert_eq!(read(dir.path(), ID), None);
    assert!(write(dir.path(), &seen_at(3, now(), None)).is_err());
}

#[test]
fn hidden_characters_in_a_file_are_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = before();
    old.docs[0].title = "Evil\u{1b}[2J title\u{202e}".into();
    write(dir.path(), &seen_at(2, old, None)).unwrap();
    let seen = read(dir.path(), ID).unwrap();
    assert!(crate::sanitize::is_clean(&seen.snapshot.docs[0].title));
    assert!(!seen.snapshot.docs[0].title.contains('\u{1b}'));
}

#[test]
fn the_sticks_previous_version_shows_the_notice_on_a_pc_new_to_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("previous");
    std::fs::create_dir_all(&previous).unwrap();
    std::fs::write(previous.join(format!("{ID}.json")), before().to_json()).unwrap();
    let state = dir.path().join("state");
    let found = find(Some(&state), Some(&previous), ID, Some(3)).unwrap();
    assert_eq!(
        found.notice(),
        Some(Notice {
            version: 3,
            since: Some(2)
        })
    );
    let settled = found.settle(now).unwrap();
    assert_eq!(settled.marks("phones-down").len(), 1);
    // a stick's snapshot of the same version (or a later one) means nothing changed
    std::fs::write(previous.join(format!("{ID}.json")), now().to_json()).unwrap();
    let found = find(Some(&state), Some(&previous), ID, Some(3)).unwrap();
    assert_eq!(found.notice(), None);
    // this PC's own record wins over the stick's
    write(&state, &seen_at(3, now(), None)).unwrap();
    std::fs::write(previous.join(format!("{ID}.json")), before().to_json()).unwrap();
    let found = find(Some(&state), Some(&previous), ID, Some(3)).unwrap();
    assert_eq!(found.notice(), None);
}

#[test]
fn an_older_stick_after_a_newer_one_shows_nothing_and_keeps_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut four = now();
    four.version = Some(4);
    let newer = seen_at(4, four, None);
    write(dir.path(), &newer).unwrap();
    let found = find(Some(dir.path()), None, ID, Some(3)).unwrap();
    assert_eq!(found.notice(), None);
    assert_eq!(found.newer(), Some(4));
    assert_eq!(found.settle(now), None);
    assert_eq!(read(dir.path(), ID), Some(newer));
}

#[test]
fn a_pack_without_a_version_or_a_state_folder() {
    assert!(find(None, None, ID, None).is_none());
    let found = find(None, None, ID, Some(3)).unwrap();
    assert_eq!(found.notice(), None);
    assert!(found.settle(now).unwrap().dirty);
}

#[test]
fn a_stick_is_found_beside_the_packs_folder() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("manualpack");
    std::fs::create_dir_all(content.join("packs/riverside")).unwrap();
    std::fs::write(content.join(crate::stick::MANIFEST), "{}").unwrap();
    let expected = content.canonicalize().unwrap().join("previous");
    assert_eq!(
        stick_previous(&content.join("packs")),
        Some(expected.clone())
    );
    assert_eq!(
        stick_previous(&content.join("packs/riverside")),
        Some(expected)
    );
    assert_eq!(stick_previous(dir.path()), None);
}

#[test]
fn the_packs_own_notes_since_the_version_before() {
    let set = crate::discover::built_in();
    let pack = &set.packs[0];
    let versions = |since| -> Vec<i64> {
        notes(&pack.meta, 3, since)
            .iter()
            .map(|n| n.version)
            .collect()
    };
    assert_eq!(versions(Some(2)), [3]);
    assert_eq!(versions(Some(1)), [3, 2]);
    assert_eq!(versions(None), [3], "no version before: this one's alone");
    let line = note_line(notes(&pack.meta, 3, Some(2))[0], pack);
    assert!(
        line.starts_with("Version 3, 2026-10-01: Steps 4 and 5"),
        "{line}"
    );
    assert!(
        line.ends_with("(Phones down, Message slip, Power cut)"),
        "{line}"
    );
}

#[test]
fn a_version_already_recorded_with_nothing_before_it_reads_no_document() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &seen_at(3, now(), None)).unwrap();
    let found = find(Some(dir.path()), None, ID, Some(3)).unwrap();
    let settled = found
        .settle(|| panic!("the documents were read again"))
        .unwrap();
    assert!(!settled.dirty);
    assert_eq!(settled.notice(), None);
}
