use super::*;
use crate::markdown::{Context, parse};

fn render(src: &str, width: usize) -> String {
    layout(&parse(src, Context::default()), width).to_text()
}

#[test]
fn paragraphs_wrap_at_spaces() {
    assert_eq!(
        render("one two three four five", 10),
        "one two\nthree four\nfive\n"
    );
}

#[test]
fn list_items_hang_their_indent() {
    let out = render("1. Ring the ICB IT service desk now\n2. Then\n", 16);
    assert_eq!(
        out,
        "1. Ring the ICB\n   IT service\n   desk now\n2. Then\n"
    );
}

#[test]
fn nested_bullets_and_tasks() {
    let out = render("- a\n  - b\n- [ ] tick\n- [x] done\n", 20);
    assert_eq!(out, "- a\n  * b\n[ ] tick\n[x] done\n");
}

#[test]
fn quotes_and_alerts_carry_their_bar() {
    let out = render(
        "> [!WARNING]\n> Do not switch off the PC\n\n> plain words here\n",
        16,
    );
    assert_eq!(
        out,
        "! WARNING\n! Do not switch\n! off the PC\n\n| plain words\n| here\n"
    );
}

#[test]
fn bold_warning_quotes_keep_their_own_label() {
    let out = render("> **Warning:** pull the cable\n", 40);
    assert_eq!(out, "! Warning: pull the cable\n");
}

#[test]
fn tables_fit_and_wrap_cells() {
    let out = render(
        "| Who | What to do |\n|---|---|\n| IT | Ring the service desk first |\n",
        24,
    );
    assert!(out.lines().all(|l| l.chars().count() <= 24), "{out}");
    assert!(out.contains("| IT "), "{out}");
    assert!(out.starts_with("+-"), "{out}");
}

#[test]
fn a_table_too_wide_for_columns_becomes_records() {
    let header: String = (0..30).map(|i| format!("| h{i} ")).collect::<String>() + "|\n";
    let sep: String = (0..30).map(|_| "|---").collect::<String>() + "|\n";
    let row: String = (0..30).map(|i| format!("| v{i} ")).collect::<String>() + "|\n";
    let out = render(&(header + &sep + &row), 40);
    assert!(out.contains("h0: v0"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 40));
}

#[test]
fn write_lines_are_capped_to_the_width_and_code_breaks() {
    let out = render(
        "Name: ________________________________________\n\n```\nabcdefghijklmnop\n```\n",
        12,
    );
    assert!(out.lines().all(|l| l.chars().count() <= 12), "{out}");
    assert!(out.contains("____"));
    assert!(out.contains("    abcdefgh\n    ijklmnop"), "{out}");
}

#[test]
fn headings_are_underlined_and_anchored() {
    let r = layout(
        &parse("# Title\n\ntext\n\n## Steps\n", Context::default()),
        40,
    );
    assert_eq!(r.to_text(), "Title\n=====\n\ntext\n\nSteps\n-----\n");
    assert_eq!(r.anchor_line("steps"), Some(5));
}

#[test]
fn links_are_recorded_with_their_first_line() {
    let r = layout(
        &parse(
            "a\n\nsee [the slip](../forms/slip.md) now\n",
            Context::default(),
        ),
        40,
    );
    assert_eq!(r.links, vec![(0, 2)]);
    assert!(
        r.lines[2]
            .spans()
            .any(|s| s.link == Some(0) && s.style.role == Role::Link)
    );
}

#[test]
fn deep_nesting_never_exceeds_the_width() {
    let src: String = (0..40)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    for width in [1, 5, 20, 80] {
        let r = layout(&parse(&src, Context::default()), width);
        assert!(r.lines.iter().all(|l| l.width() <= width), "width {width}");
        if width >= 20 {
            assert!(r.to_text().contains("level 39"));
        }
    }
}

#[test]
fn wide_characters_never_overflow() {
    let out = render("漢字漢字漢字漢字 テスト", 3);
    assert!(
        out.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 3),
        "{out}"
    );
}

#[test]
fn steps_are_recorded_in_document_order_with_their_lines() {
    let src = "1. First step\n   - [ ] sub task\n2. Second step\n\n- plain bullet\n";
    let doc = parse(src, Context::default());
    let r = layout(&doc, 40);
    assert_eq!(doc.steps(), ["First step", "sub task", "Second step"]);
    assert_eq!(r.steps.len(), 3);
    assert_eq!((r.steps[0].line, r.steps[0].end), (0, 2));
    assert_eq!(r.steps[2].line, 2);
}

#[test]
fn html_then_a_quote_in_a_numbered_item_fits_width_one() {
    // found by the property test
    let r = layout(&parse("<b>\n\n1. > ", Context::default()), 1);
    for l in &r.lines {
        assert!(l.width() <= 1, "{:?}", l.text());
    }
}

#[test]
fn a_phone_number_is_never_split_across_lines() {
    let src = "Ring Mill Lane Pharmacy on 01632 960420 and tell them, or ring (01632) 960421, \
               020 7946 0101 or +44 7700 900701 after 24 hours.";
    for width in 16..70 {
        let out = render(src, width);
        for number in [
            "01632 960420",
            "(01632) 960421",
            "020 7946 0101",
            "+44 7700 900701",
        ] {
            assert!(out.contains(number), "{width}: {number} split:\n{out}");
        }
        assert!(out.lines().all(|l| l.chars().count() <= width), "{out}");
    }
    // ordinary words and small numbers still wrap at their spaces
    assert_eq!(render("after 24 hours", 8), "after 24\nhours\n");
}

#[test]
fn an_empty_numbered_item_at_width_one_records_its_step_inside_the_lines() {
    // found by the property test
    let r = layout(&parse("1. ", Context::default()), 1);
    for spot in &r.steps {
        assert!(
            spot.line <= spot.end && spot.end <= r.lines.len(),
            "{spot:?} of {}",
            r.lines.len()
        );
    }
}
