//! Profiling aid: parse and lay out ~1 MB of the example pack's text ten times (set PARSE_ONLY
//! to skip the layout). `cargo run --release --example profile_layout`, under `perf record`.
use manualpack::layout::layout;
use manualpack::markdown::{Context, parse};

fn main() {
    let src = manualpack::synth::example_text(1_000_000);
    let parse_only = std::env::var_os("PARSE_ONLY").is_some();
    let start = std::time::Instant::now();
    let mut lines = 0;
    for _ in 0..10 {
        let doc = parse(&src, Context::default());
        lines += if parse_only {
            doc.blocks.len()
        } else {
            layout(&doc, 100).lines.len()
        };
    }
    println!("{lines} lines in {:?} per run", start.elapsed() / 10);
}
