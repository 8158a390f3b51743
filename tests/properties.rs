//! Property tests (bounded, so `cargo test` stays quick): generated Markdown and TOML go through
//! parsing, layout at random widths, the browser edition and pack loading without a panic,
//! without a line wider than the width, and without a control character in any output.

use manualpack::layout::layout;
use manualpack::markdown::{Context, parse};
use manualpack::pack::{Pack, SourceFile};
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

/// Markdown made of the constructs most likely to upset a renderer, glued by random text.
fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("> ".to_string()),
        Just("> [!WARNING]\n".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("- [ ] ".to_string()),
        Just("    ".to_string()),
        Just("```\n".to_string()),
        Just("| a | b |\n|---|---|\n| ".to_string()),
        Just(" | ".to_string()),
        Just("___".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("`".to_string()),
        Just("[x](y.md#z)".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: note\n".to_string()),
        Just("<b>".to_string()),
        Just("&#27;[2J".to_string()),
        Just("\u{1b}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("漢字".to_string()),
        "[a-z ]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn clean(text: &str) -> bool {
    text.chars()
        .all(|c| c == '\n' || (!c.is_control() && !manualpack::sanitize::is_hazard(c)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn markdown_renders_within_any_width(src in markdown(), width in 1usize..140) {
        let src = manualpack::sanitize::normalise_newlines(&src);
        let doc = parse(&src, Context { dir: "procedures", line_offset: 0 });
        let r = layout(&doc, width);
        for line in &r.lines {
            let text = line.text();
            prop_assert!(text.width() <= width, "line {:?} wider than {}", text, width);
            prop_assert!(clean(text), "control character in {:?}", text);
        }
        for spot in &r.steps {
            prop_assert!(spot.line <= spot.end && spot.end <= r.lines.len());
        }
    }

    #[test]
    fn toml_never_stops_a_pack_from_opening(pack_toml in any::<String>(), contacts in any::<String>(), md in markdown()) {
        let mut problems = Vec::new();
        let files = vec![
            SourceFile::decode("pack.toml", "p/pack.toml", pack_toml.as_bytes(), &mut problems),
            SourceFile::decode("contacts.toml", "p/contacts.toml", contacts.as_bytes(), &mut problems),
            SourceFile::decode("procedures/doc.md", "p/procedures/doc.md", md.as_bytes(), &mut problems),
        ];
        let pack = Pack::from_files("p", files, problems);
        prop_assert_eq!(pack.docs.len(), 1);
        for p in &pack.problems {
            prop_assert!(clean(&p.to_string()), "problem text not clean: {:?}", p.to_string());
        }
        prop_assert!(clean(&pack.meta.practice.name));
    }

    #[test]
    fn toml_shaped_input_is_read_or_reported(
        name in any::<String>(),
        version in prop_oneof![Just("3".to_string()), Just("\"3\"".to_string()), Just("3.5".to_string()), Just("".to_string())],
        date in prop_oneof![Just("2026-01-01".to_string()), Just("\"2026-01-01\"".to_string()), Just("2026-13-45".to_string())],
    ) {
        let src = format!("[practice]\nname = {name:?}\n[pack]\nversion = {version}\nreviewed = {date}\nnext_review = {date}\n");
        let mut problems = Vec::new();
        let files = vec![SourceFile::decode("pack.toml", "p/pack.toml", src.as_bytes(), &mut problems)];
        let pack = Pack::from_files("p", files, problems);
        for p in &pack.problems {
            prop_assert!(p.line >= 1 || p.file.ends_with("contacts.toml"), "{}", p);
        }
    }
}
