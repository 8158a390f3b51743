//! Parsing + building the document + laying it out at width 100 for a 1 MB document, against
//! pulldown-cmark alone parsing the same text. Start-up (the first frame) is `benches/start.rs`.
//!
//! Run: `cargo bench --bench render`.

use criterion::{Criterion, criterion_group, criterion_main};
use manualpack::layout::layout;
use manualpack::markdown::{Context, options, parse};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let src = manualpack::synth::example_text(1_000_000);
    let mut g = c.benchmark_group("1MB document");
    g.sample_size(20);
    g.bench_function("pulldown-cmark alone", |b| {
        b.iter(|| pulldown_cmark::Parser::new_ext(black_box(&src), options()).count())
    });
    g.bench_function("parse to Document", |b| {
        b.iter(|| parse(black_box(&src), Context::default()))
    });
    g.bench_function("parse + layout at 100", |b| {
        b.iter(|| {
            layout(&parse(black_box(&src), Context::default()), 100)
                .lines
                .len()
        })
    });
    let doc = parse(&src, Context::default());
    g.bench_function("layout at 100 only", |b| {
        b.iter(|| layout(black_box(&doc), 100).lines.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
