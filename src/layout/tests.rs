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
fn a_quote_that_starts_by_saying_its_label_says_it_once() {
    let once = "! WARNING\n! pull the cable\n";
    for src in [
        "> **Warning:** pull the cable\n",
        "> **WARNING:** pull the cable\n",
        "> **Warning**: pull the cable\n",
        "> **Warning:**\n> pull the cable\n",
        "> [!WARNING]\n> **Warning:** pull the cable\n",
        "> [!WARNING]\n> Warning: pull the cable\n",
    ] {
        assert_eq!(render(src, 40), once, "{src:?}");
    }
    assert_eq!(
        render("> **Note:** the fridge log\n", 40),
        "! NOTE\n! the fridge log\n"
    );
    assert_eq!(
        render("> **Caution:**\n>\n> Two paragraphs\n", 40),
        "! CAUTION\n! Two paragraphs\n"
    );
    // words that only start like the label, and other bold openings, are kept
    assert_eq!(
        render("> [!NOTE]\n> Note that the fridge\n", 40),
        "! NOTE\n! Note that the fridge\n"
    );
    assert_eq!(
        render("> [!WARNING]\n> Warnings are kept\n", 40),
        "! WARNING\n! Warnings are kept\n"
    );
    assert_eq!(
        render("> **Stop:** do not reset\n", 40),
        "! WARNING\n! Stop: do not reset\n"
    );
}

#[test]
fn struck_text_is_marked_in_plain_text_and_styled_otherwise() {
    let src = "Kept for 6 months ~~kept for a year **in the safe**~~ shredded after 30 days.";
    let doc = parse(src, Context::default());
    let plain = layout(&doc, 200).to_text();
    assert_eq!(
        plain,
        "Kept for 6 months ~~kept for a year in the safe~~ shredded after 30 days.\n"
    );
    // the marks wrap with their words, never alone on a line
    for width in 10..60 {
        let text = layout(&doc, width).to_text();
        assert!(text.contains("~~kept"), "{width}:\n{text}");
        assert!(text.contains("safe~~"), "{width}:\n{text}");
        assert!(text.lines().all(|l| l.trim() != "~~"), "{width}:\n{text}");
    }
    let styled = layout_with(
        &doc,
        Options {
            strike_marks: false,
            ..Options::text(200)
        },
    );
    assert!(!styled.to_text().contains("~~"));
    let struck: String = styled.lines[0]
        .spans()
        .filter(|s| s.style.strike)
        .map(|s| s.text)
        .collect();
    assert_eq!(struck, "kept for a year in the safe");
    // in a table cell, a heading and at the end of a paragraph too
    let out = render(
        "# Old ~~name~~\n\n| A |\n|---|\n| ~~gone~~ |\n\nend ~~struck~~\n",
        40,
    );
    for marked in ["Old ~~name~~", "| ~~gone~~ |", "end ~~struck~~"] {
        assert!(out.contains(marked), "{marked}:\n{out}");
    }
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

/// A register of systems: identifiers and long words in every column, and `rows` rows.
fn register(rows: usize) -> String {
    let mut src = String::from(
        "| System | Account | Role | Circuit reference | Supplier contact | What it is for |\n\
         |---|---|---|---|---|---|\n",
    );
    for i in 0..rows {
        src.push_str(&format!(
            "| Tidewell clinical system {i} | practice-administrator-{i:02} | administrator \
             | CYM-HSCN-2093/{i} | 01632 960{:03} | Appointments, prescriptions and the \
             patient record for the whole practice, with the letters, results and referrals \
             that come in each day |\n",
            100 + i
        ));
    }
    src
}

/// Every word of the table's cells, as written.
fn words_of(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .flat_map(|l| l.split('|'))
        .flat_map(|c| {
            // phone numbers are one word
            let c = c.trim().replace("01632 960", "01632\u{0}960");
            c.split(' ')
                .map(|w| w.replace('\u{0}', " "))
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn table_words_and_identifiers_are_never_split_at_any_width() {
    let src = register(3);
    let doc = parse(&src, Context::default());
    let words = words_of(&src);
    for width in 20..=200 {
        let r = layout(&doc, width);
        let text = r.to_text();
        assert!(r.lines.iter().all(|l| l.width() <= width), "{width}");
        // every word is whole on some line: a split word would be missing
        let tokens: std::collections::HashSet<&str> = text
            .lines()
            .flat_map(|l| l.split(['|', ' ']))
            .filter(|w| !w.is_empty())
            .collect();
        for w in words.iter().filter(|w| w.len() <= width) {
            let whole = if w.contains(' ') {
                text.contains(w.as_str())
            } else {
                tokens.contains(w.as_str()) || tokens.contains(format!("{w}:").as_str())
            };
            assert!(whole, "width {width}: {w:?} split:\n{text}");
        }
    }
}

#[test]
fn a_table_whose_longest_words_do_not_fit_becomes_records() {
    let src = register(2);
    // six columns whose longest words ("Tidewell", "practice-administrator-00",
    // "administrator", "CYM-HSCN-2093/0", "01632 960100", "prescriptions") total
    // 8+25+13+15+12+13 = 86, with 19 of borders
    let grid = render(&src, 105);
    assert!(grid.starts_with("+-"), "{grid}");
    assert!(grid.lines().all(|l| l.len() <= 105), "{grid}");
    let records = render(&src, 104);
    assert!(!records.contains('+'), "{records}");
    assert!(
        records.contains("Account: practice-administrator-00"),
        "{records}"
    );
    assert!(
        records.contains("Circuit reference: CYM-HSCN-2093/1"),
        "{records}"
    );
    assert!(
        records.contains("\n---\n"),
        "rows are set apart:\n{records}"
    );
}

#[test]
fn a_table_spreads_over_the_table_width_when_it_needs_to() {
    let doc = parse(&register(2), Context::default());
    for table_width in [140, 200] {
        let r = layout_with(
            &doc,
            Options {
                width: 100,
                table_width,
                strike_marks: false,
            },
        );
        let widest = r.lines.iter().map(Line::width).max().unwrap_or(0);
        assert_eq!(widest, table_width, "at {table_width}:\n{}", r.to_text());
        assert_eq!(r.lines[0].width(), widest, "the grid is drawn, not records");
    }
    // a table that fits keeps its natural width; text keeps the text width
    let small = parse(
        "| Who | Ring |\n|---|---|\n| IT | 01632 960000 |\n\nword word word word word\n",
        Context::default(),
    );
    let r = layout_with(
        &small,
        Options {
            width: 10,
            table_width: 140,
            strike_marks: false,
        },
    );
    assert_eq!(r.lines[0].text(), "+-----+--------------+");
    assert!(r.lines.iter().skip(6).all(|l| l.width() <= 10));
}

#[test]
fn a_grid_records_its_header_lines() {
    let src = "text\n\n| Head one | Head two |\n|---|---|\n| a | b |\n| c | d |\n\nafter\n";
    let r = layout(&parse(src, Context::default()), 40);
    assert_eq!(r.tables.len(), 1);
    let spot = &r.tables[0];
    let head: Vec<&str> = r.lines[spot.head.clone()].iter().map(Line::text).collect();
    assert_eq!(head, ["| Head one | Head two |", "+==========+==========+"]);
    assert_eq!(r.lines[spot.end - 1].text(), "+----------+----------+");
    assert_eq!(r.lines[spot.end + 1].text(), "after");
    // records have no header to keep
    assert!(
        layout(&parse(src, Context::default()), 12)
            .tables
            .is_empty()
    );
}
