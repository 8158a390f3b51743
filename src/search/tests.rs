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
}

#[test]
fn a_code_block_and_a_table_row_are_searchable_and_limit_zero_gives_none() {
    let doc = "+++\ntitle = \"Router\"\n+++\n\n# Router\n\n## Settings\n\n```\nvlan 7 quixotic\n```\n\n| Box | Label |\n| --- | --- |\n| Cupboard | zanzibar |\n";
    let set = set_of(&[("procedures/router.md", doc)]);
    let index = SearchIndex::build(&set);
    for word in ["quixotic", "zanzibar"] {
        let r = index.search(&set, &index.parse(word), SearchScope::All, 5);
        assert_eq!(r.hits.len(), 1, "{word}");
        assert_eq!(r.hits[0].heading_path, ["Settings"]);
        assert_eq!(r.hits[0].anchor.as_deref(), Some("settings"));
    }
    let r = index.search(&set, &index.parse("zanzibar"), SearchScope::All, 0);
    assert_eq!((r.hits.len(), r.total), (0, 1));
}

#[test]
fn a_number_is_searched_by_its_dialled_digits_only() {
    let contacts = "[[contact]]\nname = \"Desk\"\nphone = \"01632 96\u{200b}0600\"\n\
                    mobile = \"07700 900123\\u001b[1;8m\"\n";
    let set = set_of(&[("contacts.toml", contacts)]);
    let index = SearchIndex::build(&set);
    let hits = |q: &str| {
        index
            .search(&set, &index.parse(q), SearchScope::All, 5)
            .hits
            .len()
    };
    // a zero-width space inside a number does not split it
    assert_eq!(hits("01632960600"), 1);
    assert_eq!(hits("07700 900123"), 1);
    // no digit of an escape sequence is part of a number
    assert_eq!(hits("9001231"), 0);
    assert_eq!(hits("1"), 0);
}
