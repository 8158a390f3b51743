//! Embeds the example pack (`packs/example-riverside`) in the binary, so a bare `manualpack`
//! always opens something real.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for name in ["pack.toml", "contacts.toml"] {
        files.push(name.to_string());
    }
    for folder in ["procedures", "forms"] {
        println!("cargo:rerun-if-changed={}", root.join(folder).display());
        let mut names: Vec<String> = std::fs::read_dir(root.join(folder))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".md"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{folder}/{n}")));
    }
    let mut code =
        String::from("/// The example pack's files: (path from the pack folder, contents).\n");
    code.push_str("pub static EXAMPLE_PACK: &[(&str, &str)] = &[\n");
    for f in &files {
        let path = root.join(f);
        if path.is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(
                code,
                "    ({f:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("example_pack.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
