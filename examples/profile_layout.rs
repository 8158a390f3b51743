//! Profiling aid: parse and lay out ~1 MB of the example pack's text many times.
//! `cargo run --release --example profile_layout`
use manualpack::discover::EXAMPLE_PACK;
use manualpack::layout::layout;
use manualpack::markdown::{Context, parse};

fn main() {
    let mut src = String::new();
    let docs: Vec<&str> = EXAMPLE_PACK
        .iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .map(|(_, t)| *t)
        .collect();
    let mut i = 0;
    while src.len() < 1_000_000 {
        src.push_str(docs[i % docs.len()]);
        src.push('\n');
        i += 1;
    }
    let start = std::time::Instant::now();
    let mut lines = 0;
    for _ in 0..10 {
        let doc = parse(&src, Context::default());
        lines += layout(&doc, 100).lines.len();
    }
    println!("{lines} lines in {:?}", start.elapsed() / 10);
}
