//! The reader's start: from nothing to its first frame at 80x24, on the example pack, a
//! 5,000-document pack and an ICB's stick of 100 packs of 50 documents (synthetic packs from
//! `manualpack::synth`, written to a temporary folder, read warm from the page cache). Beside
//! them, what the first frame no longer waits for: opening every document (what `list` does),
//! and the old start (`App::new`: everything read, indexed and checked before the first frame).
//!
//! cargo bench --bench start

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use manualpack::discover::{self, Location};
use manualpack::folders::Folders;
use manualpack::pack::{Limits, PackSet};
use manualpack::tui::app::{App, Start};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn first_frame(set: PackSet, folders: &Folders) -> Buffer {
    let area = Rect::new(0, 0, 80, 24);
    let start = Start::new(set, jiff::civil::date(2026, 11, 25), area, folders.clone());
    let app = App::starting(start);
    let mut buf = Buffer::empty(area);
    manualpack::tui::view::render(&app, area, &mut buf);
    std::mem::forget(app);
    buf
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let folders = Folders::under(dir.path());
    let big = dir.path().join("pack-5000");
    let icb = dir.path().join("icb-100x50");
    manualpack::synth::write_pack(&big, 5000, 1).expect("write the 5,000-document pack");
    manualpack::synth::write_packs(&icb, 100, 50, 1).expect("write the 100 packs");
    let places: [(&str, Location); 3] = [
        ("example", Location::BuiltIn),
        ("5000 docs", Location::Path(big.clone())),
        ("100 packs", Location::Path(icb.clone())),
    ];
    let limits = Limits::default();

    let mut g = c.benchmark_group("first frame 80x24");
    g.sample_size(30).measurement_time(Duration::from_secs(3));
    for (name, location) in &places {
        g.bench_with_input(BenchmarkId::new("reader", name), location, |b, l| {
            b.iter(|| first_frame(discover::load_heads(black_box(l), &limits), &folders))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("open every document");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, location) in &places[1..] {
        g.bench_with_input(BenchmarkId::new("PackSet::open", name), location, |b, l| {
            b.iter(|| std::mem::forget(discover::load(black_box(l), &limits)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("old start (everything before the first frame)");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    g.bench_function("example", |b| {
        b.iter(|| {
            let area = Rect::new(0, 0, 80, 24);
            let start = Start::new(
                discover::built_in(),
                jiff::civil::date(2026, 11, 25),
                area,
                folders.clone(),
            );
            let app = App::new(start);
            let mut buf = Buffer::empty(area);
            manualpack::tui::view::render(&app, area, &mut buf);
            buf
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
