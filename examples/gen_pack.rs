//! Write a deterministic synthetic pack for benchmarks and trying search on a big pack.
//!
//! cargo run --release --example gen_pack -- OUT_DIR [--docs 5000] [--seed 1] [--packs N]
//!
//! With `--packs N`, OUT_DIR becomes a packs root of N packs of `--docs` documents each (as on
//! an ICB's stick: `--packs 100 --docs 50`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let (mut docs, mut seed, mut packs) = (5000usize, 1u64, None);
    while let Some(arg) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| {
            args.next().and_then(|v| v.parse::<u64>().ok())
        };
        match arg.as_str() {
            "--docs" => match value(&mut args) {
                Some(n) => docs = n as usize,
                None => return usage("--docs needs a whole number"),
            },
            "--packs" => match value(&mut args) {
                Some(n) if n > 0 => packs = Some(n as usize),
                _ => return usage("--packs needs a whole number above 0"),
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
    let written = match packs {
        Some(n) => manualpack::synth::write_packs(&out, n, docs, seed),
        None => manualpack::synth::write_pack(&out, docs, seed),
    };
    match written {
        Ok(bytes) => {
            println!(
                "wrote {} documents, {:.1} MB, to {}",
                docs * packs.unwrap_or(1),
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
    eprintln!("gen_pack: {problem}\nusage: gen_pack OUT_DIR [--docs 5000] [--seed 1] [--packs N]");
    ExitCode::from(2)
}
