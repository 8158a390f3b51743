//! Search over the built-in example pack and small in-memory packs.

use super::*;
use crate::pack::{Pack, SourceFile};

fn set_of(files: &[(&str, &str)]) -> PackSet {
    let files = files
        .iter()
        .map(|(p, t)| SourceFile {
            path: p.to_string(),
            text: t.to_string(),
        })
        .collect();
    PackSet {
        origin: "test".into(),
        packs: vec![Pack::from_files("test-pack", files, Vec::new())],
        problems: Vec::new(),
    }
}

#[test]
fn built_in_pack_finds_ransom() {
    let set = crate::discover::built_in();
    let index = SearchIndex::build(&set);
    let r = index.search(&set, &index.parse("ran"), SearchScope::All, 5);
    assert!(!r.hits.is_empty());
    assert_eq!(
        set.packs[0].docs[r.hits[0].doc.unwrap_or(usize::MAX)].id,
        "cyber-attack"
    );
    let _ = set_of(&[]);
}
