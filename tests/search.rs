//! Search: ranking on the example pack (first hit for realistic queries), highlights, sections,
//! synonyms and accents on a small Welsh fixture, scopes, and `manualpack search` output.

use std::path::Path;

use assert_cmd::Command;
use manualpack::pack::{Limits, PackSet};
use manualpack::search::{Hit, HitKind, SearchIndex, SearchScope, fold::fold};

const EXAMPLE: &str = "packs/example-riverside";
const WELSH: &str = "tests/fixtures/search/cymraeg";
const CASES: &str = "tests/fixtures/search/ranking-cases.txt";

fn open(path: &str) -> PackSet {
    PackSet::open(Path::new(path), &Limits::default())
}

fn search(set: &PackSet, query: &str) -> Vec<Hit> {
    let index = SearchIndex::build(set);
    index
        .search(set, &index.parse(query), SearchScope::All, 10)
        .hits
}

/// A hit as `doc-id` or `contact:Name`.
fn name(set: &PackSet, hit: &Hit) -> String {
    let pack = &set.packs[hit.pack];
    match (hit.doc, hit.contact) {
        (Some(d), _) => pack.docs[d].id.clone(),
        (_, Some(c)) => format!("contact:{}", pack.contacts[c].name),
        _ => String::new(),
    }
}

fn first(set: &PackSet, query: &str) -> String {
    search(set, query)
        .first()
        .map(|h| name(set, h))
        .unwrap_or_default()
}

/// The ranking cases of `tests/fixtures/search/ranking-cases.txt`: (pack folder, query, first
/// hit). The browser edition's test (tests/html.rs) reads them too.
fn ranking_cases() -> Vec<(&'static str, String, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CASES))
        .expect("ranking cases");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split(" | ").collect();
            let pack = match cols[0] {
                "example" => EXAMPLE,
                "cymraeg" => WELSH,
                other => panic!("unknown pack {other}"),
            };
            (pack, cols[1].to_string(), cols[2].to_string())
        })
        .collect()
}

#[test]
fn realistic_queries_find_the_right_thing_first() {
    let cases = ranking_cases();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for (pack, query, want) in cases {
        let got = first(&open(pack), &query);
        if got != want {
            wrong.push(format!("{pack}: {query:?}: expected {want}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_word_must_match() {
    let set = open(EXAMPLE);
    assert!(search(&set, "ransomware zebra").is_empty());
    assert!(search(&set, "qwertyuiop").is_empty());
    assert!(search(&set, "").is_empty());
}

#[test]
fn ties_come_in_a_fixed_order() {
    let set = open(EXAMPLE);
    let a: Vec<String> = search(&set, "the").iter().map(|h| name(&set, h)).collect();
    let b: Vec<String> = search(&set, "the").iter().map(|h| name(&set, h)).collect();
    assert_eq!(a, b);
    let hits = search(&set, "paper");
    for pair in hits.windows(2) {
        assert!(pair[0].rank_score >= pair[1].rank_score);
    }
}

#[test]
fn highlights_are_the_matched_words_of_the_snippet() {
    let set = open(EXAMPLE);
    for query in ["ransom", "ransomeware", "phones down", "divert"] {
        for hit in search(&set, query) {
            assert!(
                !hit.highlights.is_empty(),
                "{query:?}: no highlight in {:?}",
                hit.snippet
            );
            for r in &hit.highlights {
                let word = fold(&hit.snippet[r.clone()]);
                let ok = query.split(' ').any(|q| word.starts_with(&q[..3]));
                assert!(ok, "{query:?}: highlighted {word:?} in {:?}", hit.snippet);
            }
        }
    }
    let hit = &search(&set, "960 001")[0];
    assert_eq!(hit.snippet, "Phone: 01632 960001");
    assert_eq!(hit.highlights, vec![13..19; 1]);
}

#[test]
fn a_hit_in_a_section_carries_its_heading_and_anchor() {
    let set = open(EXAMPLE);
    let hit = &search(&set, "divert")[0];
    let doc = &set.packs[0].docs[hit.doc.unwrap_or(0)].doc;
    let anchor = hit.anchor.clone().unwrap_or_default();
    let heading = doc
        .headings
        .iter()
        .find(|h| h.anchor == anchor)
        .map(|h| h.text.clone());
    assert_eq!(
        heading.as_deref(),
        hit.heading_path.last().map(String::as_str)
    );
    assert!(hit.snippet.to_lowercase().contains("divert"));
    let contact = &search(&set, "960 001")[0];
    assert_eq!(contact.kind, HitKind::Contact);
    assert_eq!(contact.heading_path, ["IT and cyber"]);
    assert_eq!(contact.anchor, None);
}

#[test]
fn footnotes_and_whatsapp_numbers_are_found_with_their_place() {
    let set = open(WELSH);
    let hit = &search(&set, "seff")[0];
    assert_eq!(name(&set, hit), "ffon-i-lawr");
    assert_eq!(
        hit.heading_path,
        ["Camau"],
        "a footnote is in the last section"
    );
    assert!(hit.snippet.contains("sêff"), "{}", hit.snippet);
    let hit = &search(&set, "07700 900588")[0];
    assert_eq!(hit.snippet, "WhatsApp: 07700 900588");
}

#[test]
fn synonyms_from_pack_toml_find_the_other_words() {
    let set = open(WELSH);
    assert_eq!(
        set.packs[0].meta.search_synonyms.len(),
        2,
        "{:?}",
        set.packs[0].problems
    );
    let hits = search(&set, "switchboard");
    assert_eq!(name(&set, &hits[0]), "system-down");
    assert_eq!(hits[0].heading_path, ["Telephony"]);
}

#[test]
fn scope_limits_search_to_one_pack() {
    let mut set = open(EXAMPLE);
    set.packs.extend(open(WELSH).packs);
    let index = SearchIndex::build(&set);
    let query = index.parse("system");
    let all = index.search(&set, &query, SearchScope::All, 100);
    let welsh = index.search(&set, &query, SearchScope::Pack(1), 100);
    assert!(all.hits.iter().any(|h| h.pack == 0) && all.hits.iter().any(|h| h.pack == 1));
    assert!(!welsh.hits.is_empty() && welsh.hits.iter().all(|h| h.pack == 1));
    assert_eq!(all.total, all.hits.len());
    let few = index.search(&set, &query, SearchScope::All, 2);
    assert_eq!((few.hits.len(), few.total), (2, all.total));
    assert_eq!(few.hits, all.hits[..2]);
}

#[test]
fn match_ranges_find_every_match_in_a_line() {
    let set = open(EXAMPLE);
    let index = SearchIndex::build(&set);
    let q = index.parse("ring desk");
    let line = "Ring the ICB IT service desk, then ring the desk again.";
    let words: Vec<&str> = q.match_ranges(line).into_iter().map(|r| &line[r]).collect();
    assert_eq!(words, ["Ring", "desk", "ring", "desk"]);
}

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").expect("binary builds");
    cmd.env_remove("MANUALPACK_PACKS");
    // search indexes are cached: keep them out of the user's own cache folder
    cmd.env(
        "MANUALPACK_CACHE_DIR",
        std::env::temp_dir().join("manualpack-test-cache"),
    );
    cmd
}

#[test]
fn cli_json_prints_one_object_per_hit() {
    let out = manualpack()
        .args(["search", "ransom", EXAMPLE, "--json", "--limit", "3"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    let keys = [
        "anchor",
        "contact",
        "doc",
        "heading",
        "highlights",
        "kind",
        "pack",
        "rank",
        "score",
        "snippet",
        "title",
    ];
    for (i, hit) in lines.iter().enumerate() {
        let mut got: Vec<&str> = hit
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        got.sort_unstable();
        assert_eq!(got, keys);
        assert_eq!(hit["rank"], i + 1);
    }
    assert_eq!(lines[0]["doc"], "cyber-attack");
    assert_eq!(lines[0]["kind"], "procedure");
    assert_eq!(lines[0]["pack"], "example-riverside");
    let [start, end] = [&lines[0]["highlights"][0][0], &lines[0]["highlights"][0][1]]
        .map(|v| v.as_u64().unwrap_or(0) as usize);
    let snippet = lines[0]["snippet"].as_str().unwrap_or_default();
    assert!(fold(&snippet[start..end]).starts_with("ransom"));
}

#[test]
fn cli_text_names_kind_pack_document_and_heading() {
    let out = manualpack()
        .args(["search", "960 001", EXAMPLE, "--limit", "2"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("1. contact    example-riverside  ICB IT service desk > IT and cyber")
    );
    assert_eq!(lines.next(), Some("   Phone: 01632 960001"));
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("2. procedure  example-riverside/"))
    );
}

#[test]
fn cli_reports_nothing_found_with_exit_1() {
    manualpack()
        .args(["search", "zebra crossing", EXAMPLE])
        .assert()
        .code(1)
        .stdout("")
        .stderr("manualpack: nothing found for `zebra crossing`\n");
    manualpack()
        .args(["search", "  ", EXAMPLE])
        .assert()
        .code(2);
}
