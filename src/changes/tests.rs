#![allow(clippy::unwrap_used)]

use std::path::Path;

use super::*;
use crate::pack::{Limits, PackSet};

fn example() -> PackSnapshot {
    let set = PackSet::open(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside"),
        &Limits::default(),
    );
    snapshot::of_pack(&set.packs[0])
}

/// The example pack copied, `edit` applied to the copy, and both summed up.
fn edited(edit: impl FnOnce(&Path)) -> (PackSnapshot, PackSnapshot) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("example-riverside");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside"),
        &copy,
    );
    edit(&copy);
    let set = PackSet::open(&copy, &Limits::default());
    (example(), snapshot::of_pack(&set.packs[0]))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn replace(path: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{old} not in {}", path.display());
    std::fs::write(path, text.replacen(old, new, 1)).unwrap();
}

#[test]
fn a_pack_against_itself_is_unchanged() {
    let s = example();
    let c = compare(Some(&s), Some(&s));
    assert!(c.is_empty());
    assert_eq!(c.status, PackStatus::Unchanged);
    assert!(text::detail(&[c]).contains("No differences"));
}

#[test]
fn one_number_and_one_step_changed_are_exactly_two_changes() {
    let (old, new) = edited(|p| {
        replace(&p.join("contacts.toml"), "01632 960001", "01632 960002");
        replace(
            &p.join("procedures/phones-down.md"),
            "5. Tell the duty manager.",
            "5. Tell the duty manager and the practice manager.",
        );
    });
    let c = compare(Some(&old), Some(&new));
    assert_eq!(c.status, PackStatus::SameVersionChanged);
    assert_eq!(c.docs.len(), 1, "{:#?}", c.docs);
    let doc = &c.docs[0];
    assert_eq!(doc.id, "phones-down");
    assert_eq!(doc.details.len(), 1, "{:#?}", doc.details);
    let Detail::Step(StepChange::Reworded {
        number, old, new, ..
    }) = &doc.details[0]
    else {
        panic!("{:?}", doc.details[0]);
    };
    assert_eq!(*number, Some(5));
    assert_eq!(old, "Tell the duty manager.");
    assert_eq!(new, "Tell the duty manager and the practice manager.");
    assert_eq!(c.contacts.len(), 1);
    let numbers = c.numbers();
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0].old.as_deref(), Some("01632 960001"));
    assert_eq!(numbers[0].new.as_deref(), Some("01632 960002"));
    assert!(c.triage.is_empty() && c.practice_fields.is_empty());
    // The step's position is the one the reader ticks by.
    let steps_in_reader = {
        let set = PackSet::open(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside"),
            &Limits::default(),
        );
        set.packs[0].doc("phones-down").unwrap().doc.get().steps()
    };
    let i = doc.changed_steps()[0];
    assert_eq!(steps_in_reader[i], "Tell the duty manager.");
}

#[test]
fn snapshot_steps_follow_the_readers_order_in_every_example_document() {
    let set = PackSet::open(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside"),
        &Limits::default(),
    );
    for entry in &set.packs[0].docs {
        let snap = snapshot::of_doc(entry);
        let texts: Vec<String> = snap.steps.iter().map(|s| s.text.clone()).collect();
        assert_eq!(texts, entry.doc.get().steps(), "{}", entry.id);
    }
}

fn steps(texts: &[&str]) -> Vec<snapshot::StepSnapshot> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| snapshot::StepSnapshot {
            number: Some(i as u64 + 1),
            section: String::new(),
            text: t.to_string(),
            hash: t.to_string(),
        })
        .collect()
}

#[test]
fn steps_added_removed_reworded_and_moved_are_told_apart() {
    let old = steps(&["a", "b", "c", "d", "e"]);
    let new = steps(&["a", "x", "c", "e", "d", "f"]);
    let c = steps::compare(&old, &new);
    let kinds: Vec<String> = c
        .iter()
        .map(|s| match s {
            StepChange::Added { text, .. } => format!("+{text}"),
            StepChange::Removed { text, .. } => format!("-{text}"),
            StepChange::Reworded { old, new, .. } => format!("{old}>{new}"),
            StepChange::Moved { text, from, to, .. } => {
                format!("{text}:{}>{}", from.unwrap(), to.unwrap())
            }
            StepChange::Detail { text, .. } => format!("~{text}"),
        })
        .collect();
    assert_eq!(kinds, ["b>x", "d:4>5", "+f"]);
}

#[test]
fn a_step_whose_notes_changed_is_a_detail_change() {
    let old = steps(&["a", "b"]);
    let mut new = steps(&["a", "b"]);
    new[1].hash = "other".into();
    let c = steps::compare(&old, &new);
    assert!(matches!(&c[..], [StepChange::Detail { index: 1, .. }]));
}

#[test]
fn packs_added_and_removed_are_named_in_a_set() {
    let s = example();
    let mut other = s.clone();
    other.id = "other".into();
    let c = compare_sets(std::slice::from_ref(&s), std::slice::from_ref(&other));
    let status: Vec<(String, PackStatus)> = c.iter().map(|p| (p.id.clone(), p.status)).collect();
    assert_eq!(
        status,
        [
            ("other".to_string(), PackStatus::Added),
            ("example-riverside".to_string(), PackStatus::Removed)
        ]
    );
    let mut higher = s.clone();
    higher.version = s.version.map(|v| v + 1);
    let c = compare(Some(&s), Some(&higher));
    assert_eq!(c.status, PackStatus::Upgraded);
    assert!(text::pack_line(&c).contains("upgraded"));
}

#[test]
fn sections_forms_and_contacts_are_compared_by_name() {
    let (old, new) = edited(|p| {
        let forms: Vec<_> = std::fs::read_dir(p.join("forms")).unwrap().collect();
        assert!(!forms.is_empty());
        replace(
            &p.join("contacts.toml"),
            "phone = \"020 7946 0101\"",
            "phone = \"020 7946 0101\"\nmobile = \"07700 900123\"",
        );
    });
    let c = compare(Some(&old), Some(&new));
    assert!(c.docs.is_empty());
    let numbers = c.numbers();
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0].field, "mobile");
    assert_eq!(numbers[0].old, None);
    let summary = text::summary(&[c]);
    assert!(summary.contains("number changed:"), "{summary}");
    assert!(summary.contains("(none) -> 07700 900123"), "{summary}");
}

#[test]
fn snapshots_round_trip_through_json() {
    let s = example();
    assert_eq!(PackSnapshot::from_json(&s.to_json()), Some(s));
    assert_eq!(PackSnapshot::from_json("{\"format\": 99}"), None);
    assert_eq!(PackSnapshot::from_json("not json"), None);
}

#[test]
fn deeply_nested_steps_are_walked_once() {
    // 40 levels of numbered lists: walking each item's blocks twice would take 2^40 steps.
    let mut src = String::new();
    for depth in 0..40 {
        src.push_str(&"   ".repeat(depth));
        src.push_str(&format!("1. level {depth}\n"));
    }
    let files = vec![
        crate::pack::SourceFile {
            path: "pack.toml".into(),
            text: "[practice]\nname = \"Deep\"\n[pack]\nversion = 1\n".into(),
        },
        crate::pack::SourceFile {
            path: "procedures/deep.md".into(),
            text: src,
        },
    ];
    let pack = crate::pack::Pack::from_files("deep", files, Vec::new());
    let snap = snapshot::of_pack(&pack);
    let steps = &snap.doc("deep").unwrap().steps;
    assert_eq!(
        steps.len(),
        pack.doc("deep").unwrap().doc.get().steps().len()
    );
    assert!(!steps.is_empty());
}

mod properties {
    use proptest::prelude::*;

    use super::super::steps::{self, StepChange};
    use super::steps as make;

    proptest! {
        /// Every step of either version is accounted for exactly once: shared, added, removed,
        /// reworded or moved.
        #[test]
        fn every_step_is_accounted_for(
            old in proptest::collection::vec("[a-e]", 0..12),
            new in proptest::collection::vec("[a-e]", 0..12),
        ) {
            let old_refs: Vec<&str> = old.iter().map(String::as_str).collect();
            let new_refs: Vec<&str> = new.iter().map(String::as_str).collect();
            let (o, n) = (make(&old_refs), make(&new_refs));
            let found = steps::compare(&o, &n);
            let mut new_seen = vec![0; n.len()];
            let (mut removed, mut paired) = (0, 0);
            for c in &found {
                match c {
                    StepChange::Removed { old_index, .. } => {
                        prop_assert!(*old_index < o.len());
                        removed += 1;
                    }
                    StepChange::Reworded { index, .. } | StepChange::Moved { index, .. } => {
                        new_seen[*index] += 1;
                        paired += 1;
                    }
                    StepChange::Added { index, .. } => new_seen[*index] += 1,
                    StepChange::Detail { .. } => prop_assert!(false, "same hashes: {c:?}"),
                }
            }
            prop_assert!(new_seen.iter().all(|&k| k <= 1));
            let shared = new_seen.iter().filter(|&&k| k == 0).count();
            // Old steps: shared, removed, or paired with a new one.
            prop_assert_eq!(shared + removed + paired, o.len());
            if old == new {
                prop_assert!(found.is_empty());
            }
        }
    }
}

#[test]
fn short_lines_name_triage_and_practice_changes_too() {
    let (old, new) = edited(|p| {
        replace(
            &p.join("pack.toml"),
            "label = \"The phones are not working\"",
            "label = \"The phones are dead\"",
        );
    });
    let lines = text::short_lines(&compare(Some(&old), Some(&new)));
    assert!(
        lines.contains(
            &"\"What isn't working?\" line \"The phones are dead\": added, opens phones-down"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"The phones are not working\": removed")),
        "{lines:?}"
    );
}
