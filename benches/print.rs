//! PDF benchmarks: the example pack's binder, and the binder of a synthetic 500-document pack
//! made by repeating the example pack's documents under new ids.

use criterion::{Criterion, criterion_group, criterion_main};
use manualpack::discover;
use manualpack::pack::{Pack, SourceFile};

/// A pack of `n` documents built from the example pack's files.
fn synthetic(n: usize) -> Pack {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside");
    let read = |p: &str| std::fs::read(example.join(p)).unwrap_or_default();
    let mut problems = Vec::new();
    let mut files = vec![
        SourceFile::decode("pack.toml", "pack.toml", &read("pack.toml"), &mut problems),
        SourceFile::decode(
            "contacts.toml",
            "contacts.toml",
            &read("contacts.toml"),
            &mut problems,
        ),
    ];
    let mut sources = Vec::new();
    for dir in ["procedures", "forms"] {
        let mut names: Vec<_> = std::fs::read_dir(example.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{dir}/{}", name.to_string_lossy());
            sources.push((dir, read(&rel)));
        }
    }
    for i in 0..n {
        let (dir, bytes) = &sources[i % sources.len()];
        let path = format!("{dir}/doc-{i:04}.md");
        files.push(SourceFile::decode(&path, &path, bytes, &mut problems));
    }
    Pack::from_files("synthetic", files, problems)
}

fn benches(c: &mut Criterion) {
    let set = discover::built_in();
    let example = &set.packs[0];
    c.bench_function("binder: example pack", |b| {
        b.iter(|| manualpack::pdf::binder(example).map(|p| p.len()))
    });
    c.bench_function("contacts sheet: example pack", |b| {
        b.iter(|| manualpack::pdf::contacts_sheet(example).map(|p| p.len()))
    });
    let big = synthetic(500);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("binder: 500-document pack", |b| {
        b.iter(|| manualpack::pdf::binder(&big).map(|p| p.len()))
    });
    group.finish();
}

criterion_group!(print, benches);
criterion_main!(print);
