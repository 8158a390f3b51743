//! Bytes as pack.toml and contacts.toml: loading never panics and every problem message is clean.
#![no_main]

use libfuzzer_sys::fuzz_target;
use manualpack::pack::{Pack, SourceFile};

fuzz_target!(|data: &[u8]| {
    let half = data.len() / 2;
    let mut problems = Vec::new();
    let files = vec![
        SourceFile::decode("pack.toml", "p/pack.toml", &data[..half], &mut problems),
        SourceFile::decode("contacts.toml", "p/contacts.toml", &data[half..], &mut problems),
    ];
    let pack = Pack::from_files("p", files, problems);
    for p in &pack.problems {
        assert!(p.to_string().chars().all(|c| !c.is_control()));
    }
});
