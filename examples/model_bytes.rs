//! Heap bytes the document model and the layout hold per byte of Markdown, and peak heap while
//! parsing, measured with a counting allocator.
//!
//! cargo run --release --example model_bytes -- [MEGABYTES] [--write FILE]
//!
//! With `--write FILE`, the same Markdown is written to FILE as a procedure (for `show`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let now = NOW.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            NOW.fetch_sub(l.size() - new, Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let src = manualpack::synth::example_text(mb * 1_000_000);
    let mut args = std::env::args().skip(2);
    if let (Some(flag), Some(file)) = (args.next(), args.next())
        && flag == "--write"
    {
        let text = format!("+++\ntitle = \"Big\"\n+++\n{src}");
        if let Err(e) = std::fs::write(&file, text) {
            eprintln!("model_bytes: cannot write {file}: {e}");
            std::process::exit(2);
        }
        return;
    }
    let n = src.len() as f64;
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    let events = pulldown_cmark::Parser::new_ext(&src, manualpack::markdown::options()).count();
    let pulldown_peak = PEAK.load(Relaxed) - base;
    println!(
        "pulldown-cmark alone: {events} events, peak {:.2} bytes/byte",
        pulldown_peak as f64 / n
    );
    PEAK.store(base, Relaxed);
    let doc = manualpack::markdown::parse(&src, manualpack::markdown::Context::default());
    let model = NOW.load(Relaxed) - base;
    let parse_peak = PEAK.load(Relaxed) - base;
    PEAK.store(NOW.load(Relaxed), Relaxed);
    let laid = manualpack::layout::layout(&doc, 100);
    let layout = NOW.load(Relaxed) - base - model;
    let layout_peak = PEAK.load(Relaxed) - base - model;
    println!(
        "peak while laying out {:.2} bytes/byte over the model",
        layout_peak as f64 / n
    );
    println!(
        "{:.1} MB of Markdown: model {:.2} bytes/byte, peak while parsing {:.2} bytes/byte, layout at 100 {:.2} bytes/byte ({} lines)",
        n / 1e6,
        model as f64 / n,
        parse_peak as f64 / n,
        layout as f64 / n,
        laid.lines.len()
    );
}
