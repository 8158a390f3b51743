//! Search speed on synthetic packs of 60 and 5,000 documents (`manualpack::synth`, the same
//! generator as `examples/gen_pack.rs`): pulldown-cmark alone over the same files (the yardstick
//! for the build goal), building the index, and five kinds of query. Before the timings it prints
//! the index's heap bytes against the corpus's size.
//!
//! cargo bench --bench search            (all)
//! cargo bench --bench search -- query   (only the queries)

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use manualpack::pack::PackSet;
use manualpack::search::{SearchIndex, SearchScope, stored};
use manualpack::synth;

const SIZES: [usize; 2] = [60, 5000];
const SEED: u64 = 1;

/// The queries, by kind: what a receptionist types.
const QUERIES: [(&str, &str); 5] = [
    ("one-word", "ransomware"),
    ("two-words", "clinical system"),
    ("prefix", "prescr"),
    ("typo", "apointment"),
    ("phone-fragment", "960 117"),
];

struct Corpus {
    docs: usize,
    markdown: Vec<String>,
    bytes: usize,
    set: PackSet,
}

fn corpus(docs: usize) -> Corpus {
    let files = synth::pack_files(docs, SEED);
    let bytes = files.iter().map(|f| f.text.len()).sum();
    let markdown = files
        .iter()
        .filter(|f| f.path.ends_with(".md"))
        .map(|f| f.text.clone())
        .collect();
    Corpus {
        docs,
        markdown,
        bytes,
        set: synth::pack_set(docs, SEED),
    }
}

fn benches(c: &mut Criterion) {
    let corpora: Vec<Corpus> = SIZES.into_iter().map(corpus).collect();
    for k in &corpora {
        let index = SearchIndex::build(&k.set);
        println!(
            "memory: {} docs, corpus {:.1} MB, index {:.1} MB ({:.0}% of corpus), {} terms",
            k.docs,
            k.bytes as f64 / 1e6,
            index.heap_bytes() as f64 / 1e6,
            100.0 * index.heap_bytes() as f64 / k.bytes as f64,
            index.term_count()
        );
    }

    let mut g = c.benchmark_group("build");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for k in &corpora {
        g.bench_with_input(
            BenchmarkId::new("pulldown-cmark", k.docs),
            &k.markdown,
            |b, md| {
                b.iter(|| {
                    let mut events = 0usize;
                    for text in md {
                        events +=
                            pulldown_cmark::Parser::new_ext(text, manualpack::markdown::options())
                                .count();
                    }
                    black_box(events)
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("index", k.docs), &k.set, |b, set| {
            b.iter(|| SearchIndex::build(black_box(set)))
        });
        // what the reader and `manualpack search` do on a stick: read the stored index
        let pack = &k.set.packs[0];
        let key = stored::content_key(pack);
        let bytes = stored::to_bytes(&SearchIndex::build_part(&k.set, 0, true), pack, &key);
        g.bench_with_input(
            BenchmarkId::new("read stored index", k.docs),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    stored::from_bytes(black_box(bytes), 0, pack, None).map(|i| i.term_count())
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("content key (cache)", k.docs),
            pack,
            |b, pack| b.iter(|| stored::content_key(black_box(pack))),
        );
    }
    g.finish();

    let mut g = c.benchmark_group("query");
    g.sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    for k in &corpora {
        let index = SearchIndex::build(&k.set);
        for (kind, text) in QUERIES {
            g.bench_with_input(BenchmarkId::new(kind, k.docs), &text, |b, text| {
                b.iter(|| {
                    let query = index.parse(black_box(text));
                    index.search(&k.set, &query, SearchScope::All, 20)
                })
            });
        }
    }
    g.finish();
}

criterion_group!(search, benches);
criterion_main!(search);
