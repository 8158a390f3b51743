use super::*;

fn doc(src: &str) -> Document {
    parse(
        src,
        Context {
            dir: "procedures",
            line_offset: 0,
        },
    )
}

#[test]
fn headings_get_unique_anchors() {
    let d = doc("# Steps\n\n## Steps\n\n## Steps\n\n## Cysylltu â chleifion\n");
    let anchors: Vec<_> = d.headings.iter().map(|h| h.anchor.as_str()).collect();
    assert_eq!(
        anchors,
        ["steps", "steps-1", "steps-2", "cysylltu-â-chleifion"]
    );
    assert_eq!(d.first_title(), Some("Steps"));
}

#[test]
fn task_items_and_numbered_steps() {
    let d = doc("1. First\n2. Second\n\n- [ ] Tick me\n- [x] Done\n");
    let Block::List {
        start: Some(1),
        items,
    } = &d.blocks[0]
    else {
        panic!("{d:?}")
    };
    assert_eq!(items.len(), 2);
    let Block::List { start: None, items } = &d.blocks[1] else {
        panic!()
    };
    assert_eq!(items[0].task, Some(false));
    assert_eq!(items[1].task, Some(true));
}

#[test]
fn underscores_are_write_lines_even_where_markdown_sees_emphasis() {
    let d = doc("Date: ___/___/______\n");
    let Block::Paragraph(inlines) = &d.blocks[0] else {
        panic!()
    };
    let lines: Vec<_> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::WriteLine { len } => Some(*len),
            _ => None,
        })
        .collect();
    assert_eq!(lines, [3, 3, 6]);
    assert_eq!(plain_text(inlines), "Date: ___/___/______");
}

#[test]
fn a_line_of_underscores_alone_is_a_write_line_not_a_rule() {
    let d = doc("Signed:\n\n__________\n");
    assert!(matches!(&d.blocks[1], Block::Paragraph(i) if i[0] == Inline::WriteLine { len: 10 }));
}

#[test]
fn code_keeps_its_underscores() {
    let d = doc("`a___b`\n\n```\nx___y\n```\n");
    let Block::Paragraph(i) = &d.blocks[0] else {
        panic!()
    };
    assert_eq!(plain_text(i), "a___b");
    assert_eq!(
        d.blocks[1],
        Block::Code {
            language: "".into(),
            text: "x___y".into()
        }
    );
}

#[test]
fn tick_boxes_in_text_and_empty_cells() {
    let d = doc("| Urgent | Notes |\n|---|---|\n| [ ] | |\n");
    let Block::Table(t) = &d.blocks[0] else {
        panic!()
    };
    assert_eq!(t.rows[0][0], vec![Inline::TickBox { checked: false }]);
    assert!(t.rows[0][1].is_empty());
}

#[test]
fn alerts_and_bold_warnings_are_warnings() {
    let d =
        doc("> [!WARNING]\n> Do not switch off.\n\n> **Warning:** Pull the cable.\n\n> plain\n");
    let kinds: Vec<_> = d
        .blocks
        .iter()
        .map(|b| match b {
            Block::Quote { kind, .. } => *kind,
            _ => panic!(),
        })
        .collect();
    assert_eq!(
        kinds,
        [QuoteKind::Warning, QuoteKind::Warning, QuoteKind::Plain]
    );
}

#[test]
fn links_are_classified_with_their_line() {
    let d =
        doc("Intro\n\nSee [phones](phones-down.md#who-to-ring) and [x](javascript:alert(1)).\n");
    assert_eq!(d.links.len(), 2);
    assert_eq!(
        d.links[0].target,
        LinkTarget::Document {
            id: "phones-down".into(),
            anchor: Some("who-to-ring".into())
        }
    );
    assert_eq!(d.links[0].line, 3);
    assert!(matches!(d.links[1].target, LinkTarget::Refused(_)));
}

#[test]
fn entities_decode_then_are_sanitised() {
    let d = doc("# Head &#27;[2J &#x9b; \u{202e}\n\n| a&#27;b |\n|---|\n| \u{1b}[31m |\n");
    let text = format!("{:?}", d);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{202e}'));
    assert_eq!(d.headings[0].text, "Head <ESC>[2J <CSI> <U+202E>");
}

#[test]
fn raw_html_is_text() {
    let d = doc("<script>alert(1)</script>\n\nHi <b>there</b>\n");
    assert_eq!(d.blocks[0], Block::Html("<script>alert(1)</script>".into()));
    let Block::Paragraph(i) = &d.blocks[1] else {
        panic!()
    };
    assert_eq!(plain_text(i), "Hi <b>there</b>");
}

#[test]
fn deep_nesting_is_flattened_not_recursed() {
    let src = ">".repeat(5000) + " deep\n";
    let d = doc(&src);
    assert!(!d.notices.is_empty());
    let text = format!("{d:?}");
    assert!(text.contains("deep"));
    let src: String = (0..3000)
        .map(|i| format!("{}- item{i}\n", "  ".repeat(i)))
        .collect();
    let d = doc(&src);
    assert!(format!("{d:?}").contains("item2999"));
}

#[test]
fn footnotes_are_numbered() {
    let d = doc("Text[^a] more[^b].\n\n[^b]: Bee.\n[^a]: Ay.\n");
    assert_eq!(d.footnotes.len(), 2);
    assert_eq!(d.footnotes[0].label, "a");
    assert_eq!(d.footnotes[0].number, 1);
}

#[test]
fn a_long_document_parsed_in_sections_is_the_same_as_parsed_whole() {
    let ctx = Context {
        dir: "procedures",
        line_offset: 3,
    };
    let mut checked = 0;
    for (len, seed) in [(300_000, 0), (700_000, 1)] {
        let mut src = crate::synth::example_text(len);
        if seed == 1 {
            // CRLF-free but with a fence holding a heading after a blank line, near a cut
            let at = src.len() / 2;
            let at = src[..at].rfind('\n').map_or(0, |i| i + 1);
            src.insert_str(at, "```\n\n# not a heading\n```\n\n");
        }
        assert!(
            super::sections::sections(&src).len() > 2,
            "the text is cut into sections"
        );
        assert_eq!(
            super::parse_in(&src, ctx, true),
            super::parse_in(&src, ctx, false)
        );
        checked += 1;
    }
    // something that reaches across headings keeps the document whole
    let refs = format!(
        "{}\n[x]: https://example.org\n",
        crate::synth::example_text(300_000)
    );
    assert_eq!(super::sections::sections(&refs).len(), 1);
    assert_eq!(checked, 2);
}

#[test]
fn html_comments_are_authors_notes_kept_out_of_the_text() {
    let d = doc(
        "# Title\n\n<!-- RP 14/09/2026: steps 4 and 5 changed\nafter the July exercise -->\n\n\
         Call the line <!-- old: 01632 960001 --> now.\n\nfoo <!--> bar\n",
    );
    let text = crate::document::plain_text_of(&d);
    assert!(
        !text.contains("<!--") && !text.contains("RP 14/09"),
        "{text}"
    );
    assert!(text.contains("Call the line") && text.contains("now.") && text.contains("bar"));
    let notes: Vec<_> = d.comments.iter().map(|c| (c.line, &*c.text)).collect();
    assert_eq!(
        notes,
        [
            (
                3,
                "RP 14/09/2026: steps 4 and 5 changed\nafter the July exercise"
            ),
            (6, "old: 01632 960001"),
            (8, "")
        ]
    );
}

#[test]
fn an_html_block_keeps_what_is_not_a_comment() {
    let d = doc("<div>\n<!-- note -->\nshown\n</div>\n");
    let [Block::Html(h)] = &d.blocks[..] else {
        panic!("{:?}", d.blocks)
    };
    assert!(
        h.contains("<div>") && h.contains("shown") && !h.contains("note"),
        "{h}"
    );
}

#[test]
fn br_is_a_line_break_in_a_paragraph_and_a_table_cell() {
    let d = doc("one<br>two<BR/>three<br />four\n\n| a |\n|---|\n| x<br>y |\n");
    let Block::Paragraph(p) = &d.blocks[0] else {
        panic!()
    };
    let breaks = p.iter().filter(|i| matches!(i, Inline::HardBreak)).count();
    assert_eq!(breaks, 3);
    let Block::Table(t) = &d.blocks[1] else {
        panic!()
    };
    assert!(t.rows[0][0].iter().any(|i| matches!(i, Inline::HardBreak)));
    assert!(!crate::document::plain_text_of(&d).contains("<br"));
    // other raw HTML stays visible as text
    let d = doc("a <b>bold</b> b\n");
    assert!(crate::document::plain_text_of(&d).contains("<b>"));
}

#[test]
fn an_image_is_one_inline_with_its_alt_text_and_link() {
    let d = doc("See ![Comms *cupboard*\nphoto](../images/cupboard.jpg) here.\n");
    let Block::Paragraph(p) = &d.blocks[0] else {
        panic!()
    };
    let images: Vec<_> = p
        .iter()
        .filter_map(|i| match i {
            Inline::Image { alt, link } => Some((alt.to_string(), *link)),
            _ => None,
        })
        .collect();
    assert_eq!(images, [("Comms cupboard photo".to_string(), 0)]);
    assert!(d.links[0].image);
    assert_eq!(
        d.links[0].target,
        LinkTarget::File("images/cupboard.jpg".into())
    );
    let shown = crate::layout::layout(&d, 80).to_text();
    assert_eq!(shown.matches("image").count(), 1, "{shown}");
    assert!(shown.contains("[image: Comms cupboard photo]"), "{shown}");
    let missing =
        crate::layout::layout_marked(&d, crate::layout::Options::text(80), &[0]).to_text();
    assert!(
        missing.contains("[missing image: Comms cupboard photo]"),
        "{missing}"
    );
}
