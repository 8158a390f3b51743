//! Write a deterministic synthetic pack for benchmarks and trying search on a big pack.
//!
//! cargo run --release --example gen_pack -- OUT_DIR [--docs 5000] [--seed 1]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let (mut docs, mut seed) = (5000usize, 1u64);
    while let Some(arg) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| {
            args.next().and_then(|v| v.parse::<u64>().ok())
        };
        match arg.as_str() {
            "--docs" => match value(&mut args) {
                Some(n) => docs = n as usize,
                None => return usage("--docs needs a whole number"),
            },
            "--seed" => match value(&mut args) {
                Some(n) => seed = n,
                None => return usage("--seed needs a whole number"),
            },
            a if a.starts_with('-') => return usage(&format!("unknown option {a}")),
            a => out = Some(PathBuf::from(a)),
        }
    }
    let Some(out) = out else {
        return usage("give the folder to write the pack to");
    };
    match manualpack::synth::write_pack(&out, docs, seed) {
        Ok(bytes) => {
            println!(
                "wrote {docs} documents, {:.1} MB, to {}",
                bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_pack: cannot write to {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("gen_pack: {problem}\nusage: gen_pack OUT_DIR [--docs 5000] [--seed 1]");
    ExitCode::from(2)
}
