//! `manualpack check` on a synthetic pack of 5,000 documents, written into a temporary folder:
//! loading the pack, checking the loaded pack (which walks and reads the folder again), and both.
//! The goal: checking takes at most twice as long as loading.
//!
//! Run: `cargo bench --bench check`

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use manualpack::check;
use manualpack::pack::{Limits, PackSet};

const DOCS: usize = 5_000;

/// Write a pack of `DOCS` documents (procedures and forms) with links, anchors, lists and tables.
fn write_pack(dir: &Path) {
    let mut pack = String::from(
        "schema = 1\n\n[practice]\nname = \"Bench Surgery\"\nphone = \"01632 960000\"\n\n\
         [pack]\nversion = 1\nreviewed = 2026-10-01\nnext_review = 2099-04-01\n",
    );
    for i in 0..50 {
        let _ = write!(
            pack,
            "\n[[triage]]\nlabel = \"Problem {i}\"\nopen = \"proc-{}\"\n",
            i * 4
        );
    }
    std::fs::create_dir_all(dir.join("procedures")).expect("mkdir");
    std::fs::create_dir_all(dir.join("forms")).expect("mkdir");
    std::fs::write(dir.join("pack.toml"), pack).expect("write");
    let mut contacts = String::new();
    for i in 0..200 {
        let _ = write!(
            contacts,
            "[[contact]]\nname = \"Contact {i}\"\ngroup = \"IT and cyber\"\nphone = \"01632 960{:03}\"\nkey = {}\n\n",
            i % 1000,
            i < 5
        );
    }
    std::fs::write(dir.join("contacts.toml"), contacts).expect("write");
    for i in 0..DOCS {
        let (folder, id) = if i % 4 == 3 {
            ("forms", format!("form-{i}"))
        } else {
            ("procedures", format!("proc-{i}"))
        };
        let next = (i + 7) % DOCS;
        let next_link = if next % 4 == 3 {
            format!("../forms/form-{next}.md")
        } else {
            format!("proc-{next}.md")
        };
        let mut text = format!(
            "+++\ntitle = \"Document {i}\"\nsummary = \"What to do in case {i}\"\n+++\n\n# Document {i}\n\n"
        );
        for section in 0..6 {
            let _ = write!(
                text,
                "## Section {section}\n\nWhen the system is down, staff follow these steps and write everything \
                 down on paper so it can be entered later. See [the next document]({next_link}) and \
                 [section one](#section-1).\n\n1. Ring the IT service desk on 01632 960001.\n2. Tell the duty \
                 manager.\n3. Fill in the form: ______________\n\n| Time | What | Who |\n|---|---|---|\n| | | |\n\n"
            );
        }
        std::fs::write(dir.join(folder).join(format!("{id}.md")), text).expect("write");
    }
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("bench-pack");
    write_pack(&dir);
    let limits = Limits::default();
    let today = jiff::civil::date(2026, 11, 25);
    let set = PackSet::open(&dir, &limits);
    assert_eq!(set.packs[0].docs.len(), DOCS);
    let diags = check::check_set_in(&set, &dir, today);
    assert!(
        diags.is_empty(),
        "the synthetic pack should check clean: {:?}",
        diags.first()
    );

    let mut group = c.benchmark_group("check_5000_docs");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| black_box(PackSet::open(&dir, &limits)))
    });
    group.bench_function("check_loaded", |b| {
        b.iter(|| black_box(check::check_set_in(&set, &dir, today)))
    });
    group.bench_function("load_and_check", |b| {
        b.iter(|| {
            let set = PackSet::open(&dir, &limits);
            black_box(check::check_set_in(&set, &dir, today))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
