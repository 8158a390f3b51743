//! Paper that fits its sheet: the page rules (a heading travels with what follows, no single line
//! of a paragraph alone at a page's top or foot, table rows whole, nothing past the margins) over
//! the conformance corpus, both example packs and a generated pack of 500 documents; forms on the
//! sheets they declare; alarms that survive a black-and-white copier; write-in columns wide
//! enough to write in; double-sided binders; authors' notes and `<br>` in no output.

#![allow(clippy::unwrap_used)]
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use manualpack::discover;
use manualpack::markdown::{self, Context};
use manualpack::pack::{DocEntry, DocKind, Limits, Pack, PackSet};
use manualpack::pdf::page::{BLANK_PAGE, Item, Laid, MARGIN_BOTTOM, MARGIN_X, Page, Role};
use manualpack::pdf::{self, fonts::Fonts};

fn example() -> Pack {
    discover::built_in().packs.remove(0)
}

fn welsh() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/second-pack/glannau-llyr");
    let mut set = PackSet::open(&dir, &Limits::default());
    assert_eq!(set.packs.len(), 1);
    set.packs.remove(0)
}

fn generated() -> Pack {
    manualpack::synth::pack_set(500, 13).packs.remove(0)
}

/// A document read as the loader reads it (front matter and all).
fn doc(rel: &str, text: &str) -> DocEntry {
    let mut problems = Vec::new();
    let e = manualpack::pack::documents::read(rel, rel, text, &mut problems).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    e
}

fn mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

/// Every page rule, on laid-out pages; `what` names them in failures.
fn assert_page_rules(fonts: &Fonts, laid: &Laid, what: &str) {
    let pages = &laid.pages;
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let same_doc_next = pages.get(i + 1).is_some_and(|p| p.title == page.title);
        // a heading never ends a page its document goes on from
        if same_doc_next {
            assert_ne!(
                page.roles.last().map(|r| r.role),
                Some(Role::Heading),
                "{what}: page {n} ({}) ends with a heading",
                page.title
            );
        }
        // no single line of a paragraph or list item alone at the top or the foot
        let mut on_page: HashMap<u32, u32> = HashMap::new();
        for r in page.roles.iter().filter(|r| r.role == Role::Body) {
            *on_page.entry(r.group).or_default() += 1;
        }
        for r in page.roles.iter().filter(|r| r.role == Role::Body) {
            let here = on_page[&r.group];
            assert!(
                r.of < 2 || here >= 2,
                "{what}: page {n} ({}) holds {here} line of a {}-line paragraph",
                page.title,
                r.of
            );
        }
        assert_within_margins(fonts, page, &format!("{what}: page {n}"));
    }
}

/// No text and no box past the margins or into the footer.
fn assert_within_margins(fonts: &Fonts, page: &Page, what: &str) {
    let (w, h) = page.size();
    let bottom = h - MARGIN_BOTTOM + 0.5;
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                face,
                size,
                text,
                ..
            } => {
                let end = x + fonts.width(*face, *size, text);
                assert!(
                    *x >= MARGIN_X - 0.5 && end <= w - MARGIN_X + 0.5,
                    "{what}: `{text}` runs from {x} to {end}, outside the margins"
                );
                assert!(*y <= bottom, "{what}: `{text}` sits in the footer at {y}");
            }
            Item::Rect {
                x, y, w: rw, h: rh, ..
            } => {
                assert!(
                    *x >= MARGIN_X - 0.5 && x + rw <= w - MARGIN_X + 0.5,
                    "{what}: a box from {x} to {} is outside the margins",
                    x + rw
                );
                assert!(
                    y + rh <= bottom,
                    "{what}: a box crosses the footer: {y} + {rh}"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn the_page_rules_hold_over_the_conformance_corpus() {
    let fonts = Fonts::load().unwrap();
    for file in ["commonmark-spec.json", "gfm-spec.json"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/conformance")
            .join(file);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        // all examples as one long document, so rules meet page breaks at many offsets
        let mut all = String::from("# Corpus\n\n");
        for e in json.as_array().unwrap() {
            all.push_str(e["markdown"].as_str().unwrap_or(""));
            all.push_str("\n\n");
        }
        let e = DocEntry {
            doc: manualpack::pack::LazyDoc::ready(markdown::parse(
                &all,
                Context {
                    dir: "procedures",
                    line_offset: 0,
                },
            )),
            ..doc("procedures/corpus.md", "# Corpus\n")
        };
        let laid = pdf::lay_documents(&fonts, &[&e]);
        assert!(laid.pages.len() > 20, "{}", laid.pages.len());
        assert_page_rules(&fonts, &laid, file);
    }
}

#[test]
fn the_page_rules_hold_in_both_example_binders_and_a_500_document_pack() {
    let fonts = Fonts::load().unwrap();
    for (name, pack) in [
        ("example", example()),
        ("welsh", welsh()),
        ("generated", generated()),
    ] {
        for duplex in [false, true] {
            let laid = pdf::binder::lay_sided(&fonts, &pack, duplex);
            assert_page_rules(&fonts, &laid, name);
        }
    }
}

#[test]
fn headings_and_paragraphs_break_well_at_every_offset() {
    let fonts = Fonts::load().unwrap();
    let para = "Words that wrap onto a second and a third line of the page at this size, so that \
                a page break can fall inside the paragraph, before it or after it, and the \
                rules about single lines are tested.";
    for lead in 0..40 {
        let mut src = String::from("# Title\n\n");
        for _ in 0..lead {
            src.push_str("A line.\n\n");
        }
        for n in 0..6 {
            src.push_str(&format!(
                "## Heading {n}\n\n{para}\n\n| Date | Name |\n|---|---|\n|   |   |\n\n- {para}\n\n"
            ));
        }
        let e = doc("procedures/breaks.md", &src);
        let laid = pdf::lay_documents(&fonts, &[&e]);
        assert_page_rules(&fonts, &laid, &format!("lead {lead}"));
    }
}

/// Pages of each form laid out alone.
fn form_pages(fonts: &Fonts, e: &DocEntry) -> Laid {
    pdf::lay_documents(fonts, &[e])
}

fn titles_on(page: &Page, title: &str) -> usize {
    page.items
        .iter()
        .filter(|i| matches!(i, Item::Text { text, .. } if text == title))
        .count()
}

#[test]
fn every_form_fits_what_it_declares_in_both_packs_and_a_generated_one() {
    let fonts = Fonts::load().unwrap();
    let mut declaring = 0;
    for pack in [example(), welsh(), generated()] {
        for e in pack.docs.iter().filter(|d| d.kind == DocKind::Form) {
            let laid = form_pages(&fonts, e);
            if let Some(sheets) = e.sheets {
                declaring += 1;
                assert!(
                    laid.pages.len() <= sheets as usize,
                    "{}/{} declares {sheets} sheets and takes {}",
                    pack.id,
                    e.id,
                    laid.pages.len()
                );
            }
            if e.per_sheet > 1 {
                declaring += 1;
                assert_eq!(laid.pages.len(), 1, "{}/{}", pack.id, e.id);
                let first_word = e.title.split_whitespace().next().unwrap();
                let copies = laid.pages[0]
                    .items
                    .iter()
                    .filter(|i| matches!(i, Item::Text { text, size, .. } if text.starts_with(first_word) && *size >= 19.0))
                    .count();
                assert_eq!(copies, e.per_sheet as usize, "{}/{}", pack.id, e.id);
            }
            assert_within_margins(&fonts, &laid.pages[0], &format!("{}/{}", pack.id, e.id));
        }
        // check agrees: no form of these packs overflows what it declares
        let found = manualpack::check::check_pack(&pack, None, jiff::civil::date(2026, 11, 29));
        assert!(
            !found.iter().any(|d| d.code == "MP080"),
            "{}: {found:#?}",
            pack.id
        );
    }
    assert!(
        declaring >= 3,
        "the Welsh pack declares sheets and per_sheet"
    );
}

#[test]
fn rows_to_write_in_shrink_before_a_form_takes_another_sheet() {
    let fonts = Fonts::load().unwrap();
    // a one-patient form whose back-entry table would spill onto a second sheet at full height
    let mut src = String::from("+++\nsheets = 1\nblank_rows = 0\n+++\n# Consultation record\n\n");
    src.push_str("| Time | Notes |\n|---|---|\n");
    for _ in 0..26 {
        src.push_str("|   |   |\n");
    }
    src.push_str("\n## Back entry\n\n| Date | Entered by |\n|---|---|\n|   |   |\n");
    let declared = doc("forms/consultation.md", &src);
    let undeclared = doc("forms/consultation.md", &src.replace("sheets = 1\n", ""));
    // at full height it needs two sheets...
    let full = {
        let mut flow = pdf::page::Flow::new(&fonts);
        pdf::lay_fitted(&mut flow, &declared, 1, pdf::sheets::Fit::FULL);
        flow.laid
    };
    assert_eq!(full.pages.len(), 2);
    // ...and with its rows shrunk it takes one, declared or not, rows no less than 6 mm
    for e in [&declared, &undeclared] {
        let laid = form_pages(&fonts, e);
        assert_eq!(laid.pages.len(), 1);
        let rows: Vec<f32> = laid.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rect { h, fill: None, .. } if *h > 10.0 => Some(mm(*h)),
                _ => None,
            })
            .collect();
        assert!(rows.iter().all(|h| *h >= 5.99), "{rows:?}");
        assert!(
            rows.iter().any(|h| *h < mm(pdf::table::WRITE_ROW)),
            "{rows:?}"
        );
    }
    // and check agrees that it fits the sheet it declares
    let check = manualpack::check::check_pack(
        &Pack::from_files(
            "p",
            vec![manualpack::pack::SourceFile::decode(
                "forms/c.md",
                "forms/c.md",
                src.as_bytes(),
                &mut Vec::new(),
            )],
            Vec::new(),
        ),
        None,
        jiff::civil::date(2026, 11, 29),
    );
    assert!(!check.iter().any(|d| d.code == "MP080"), "{check:#?}");
}

#[test]
fn check_reports_a_form_that_cannot_fit_with_the_overflow_in_millimetres() {
    let mut src = String::from("+++\nsheets = 1\n+++\n# Too long\n\n");
    for n in 0..70 {
        src.push_str(&format!("Line {n} of text that must be kept.\n\n"));
    }
    let pack = Pack::from_files(
        "p",
        vec![manualpack::pack::SourceFile::decode(
            "forms/long.md",
            "forms/long.md",
            src.as_bytes(),
            &mut Vec::new(),
        )],
        Vec::new(),
    );
    let found = manualpack::check::check_pack(&pack, None, jiff::civil::date(2026, 11, 29));
    let d = found.iter().find(|d| d.code == "MP080").expect("MP080");
    assert!(
        d.message.contains("1 sheet") && d.message.contains(" mm more"),
        "{}",
        d.message
    );
    let over: f32 = d
        .message
        .split(" mm more")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    // 70 paragraphs of one line each: far more than one page, less than three
    assert!((50.0..500.0).contains(&over), "{over}");
}

#[test]
fn write_in_columns_are_wide_enough_for_what_their_header_asks() {
    let fonts = Fonts::load().unwrap();
    let e = doc(
        "forms/log.md",
        "# Log\n\n| Date | Time | Name | Serial number | Message |\n|---|---|---|---|---|\n|  |  |  |  |  |\n",
    );
    let laid = form_pages(&fonts, &e);
    let header_cells: Vec<f32> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                w,
                fill: Some(_),
                stroke: Some(_),
                ..
            } => Some(mm(*w)),
            _ => None,
        })
        .take(5)
        .collect();
    assert_eq!(header_cells.len(), 5);
    for (got, (name, least)) in header_cells.iter().zip([
        ("Date", 24.0),
        ("Time", 15.0),
        ("Name", 38.0),
        ("Serial number", 32.0),
        ("Message", 50.0),
    ]) {
        assert!(
            *got >= least - 0.01,
            "{name}: {got:.1} mm, wants {least} mm"
        );
    }
}

/// The darkest grey (0 black, 255 white) inside a rectangle of a greyscale PGM page.
fn darkest(pgm: &[u8], (x, y, w, h): (f32, f32, f32, f32), scale: f32) -> u8 {
    // P5 header: magic, width, height, maxval, then one byte a pixel
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&pgm[start..at]).unwrap().to_string());
    }
    let width: usize = fields[1].parse().unwrap();
    let pixels = &pgm[at + 1..];
    let (x0, y0) = ((x * scale).ceil() as usize, (y * scale).ceil() as usize);
    let (x1, y1) = (((x + w) * scale) as usize, ((y + h) * scale) as usize);
    let mut min = 255;
    for row in y0..y1.max(y0 + 1) {
        for col in x0..x1.max(x0 + 1) {
            min = min.min(pixels[row * width + col]);
        }
    }
    min
}

fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    assert!(
        ok || std::env::var("CI").is_err(),
        "{tool} not found under CI: .ci/run must install poppler-utils"
    );
    if !ok {
        println!("{tool} not found: install poppler-utils to run this test; skipping");
    }
    ok
}

#[test]
fn alarms_are_darker_than_notes_on_a_black_and_white_copier() {
    if !have("pdftoppm") {
        return;
    }
    let pack = example();
    let fonts = Fonts::load().unwrap();
    let e = doc(
        "procedures/alarms.md",
        "# Alarms\n\n> [!NOTE]\n> A note.\n\n> [!WARNING]\n> A warning.\n\n> [!IMPORTANT]\n> Important.\n\n> [!CAUTION]\n> A caution.\n\n> **Warning:** said in bold.\n",
    );
    let laid = pdf::lay_documents(&fonts, &[&e]);
    // the bars, by their widths: alarms 6 pt, important 4 pt, notes 3 pt
    let bars: Vec<(f32, (f32, f32, f32, f32))> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: Some(_),
                stroke: None,
            } if *w <= 6.0 => Some((*w, (*x, *y, *w, *h))),
            _ => None,
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.pdf");
    std::fs::write(&file, pdf::documents(&pack, &[&e]).unwrap()).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "144", "-f", "1", "-l", "1"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let pgm = out.stdout;
    let scale = 144.0 / 72.0;
    let shade = |width: f32| {
        bars.iter()
            .filter(|(w, _)| (*w - width).abs() < 0.01)
            .map(|(_, r)| darkest(&pgm, *r, scale))
            .max()
            .unwrap()
    };
    let (alarm, note) = (shade(6.0), shade(3.0));
    let alarms = bars.iter().filter(|(w, _)| (*w - 6.0).abs() < 0.01).count();
    assert!(
        alarms >= 3,
        "warning, caution and the bold warning: {alarms} bars"
    );
    assert!(
        alarm <= 10,
        "an alarm's bar is solid black in greyscale: {alarm}"
    );
    assert!(alarm < note, "alarm {alarm} is darker than note {note}");
    // and its label is bold and black
    let label = laid.pages[0].items.iter().find_map(|i| match i {
        Item::Text {
            text, face, color, ..
        } if text.ends_with("WARNING") => Some((*face, *color)),
        _ => None,
    });
    assert_eq!(label, Some((pdf::fonts::Face::Bold, (0, 0, 0))));
}

#[test]
fn a_duplex_binder_starts_every_document_on_a_right_hand_page() {
    let fonts = Fonts::load().unwrap();
    for pack in [example(), welsh()] {
        let single = pdf::binder::lay(&fonts, &pack);
        let laid = pdf::binder::lay_sided(&fonts, &pack, true);
        assert!(laid.pages.len() > single.pages.len());
        for d in &pack.docs {
            let (page, _) = laid.dests[&pdf::keys::doc(&d.id, None)];
            assert_eq!(page % 2, 0, "{} starts on page {}", d.id, page + 1);
        }
        let (contacts, _) = laid.dests[pdf::keys::CONTACTS];
        assert_eq!(contacts % 2, 0);
        for (i, page) in laid.pages.iter().enumerate() {
            let blank = titles_on(page, BLANK_PAGE) == 1;
            if blank {
                assert_eq!(page.items.len(), 1, "a blank page holds only its notice");
                assert_eq!(i % 2, 1, "only left-hand pages are left blank");
            }
        }
        // single-sided, no page is left blank
        assert!(single.pages.iter().all(|p| titles_on(p, BLANK_PAGE) == 0));
    }
}

/// A word and its box (x0, y0, x1, y1) in points.
type Word = (String, f32, f32, f32, f32);

/// Words and their boxes from `pdftotext -bbox`, per page: (page width, words).
fn words(pdf: &[u8]) -> Vec<(f32, Vec<Word>)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).unwrap() + key.len();
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let width = attr(chunk, "width");
        let mut ws = Vec::new();
        for w in chunk.split("<word ").skip(1) {
            let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
            ws.push((
                text.to_string(),
                attr(w, "xMin"),
                attr(w, "yMin"),
                attr(w, "xMax"),
                attr(w, "yMax"),
            ));
        }
        pages.push((width, ws));
    }
    pages
}

#[test]
fn no_word_of_either_binder_or_contacts_sheet_crosses_a_margin_or_another() {
    if !have("pdftotext") {
        return;
    }
    for pack in [example(), welsh()] {
        for (what, bytes) in [
            ("binder", pdf::binder(&pack).unwrap()),
            ("contacts", pdf::contacts_sheet(&pack).unwrap()),
        ] {
            for (n, (width, ws)) in words(&bytes).iter().enumerate() {
                for (text, x0, y0, x1, y1) in ws {
                    assert!(
                        *x0 >= MARGIN_X - 1.0 && *x1 <= width - MARGIN_X + 1.0,
                        "{} {what} page {}: `{text}` from {x0} to {x1}",
                        pack.id,
                        n + 1
                    );
                    // no two words overlap (a heading running across the column gap would)
                    for (other, a0, b0, a1, b1) in ws {
                        let overlap_x = x0.max(*a0) < x1.min(*a1) - 0.5;
                        let overlap_y = y0.max(*b0) < y1.min(*b1) - 0.5;
                        assert!(
                            std::ptr::eq(text, other) || !(overlap_x && overlap_y),
                            "{} {what} page {}: `{text}` overlaps `{other}`",
                            pack.id,
                            n + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn authors_notes_and_br_appear_in_no_output() {
    let pack = welsh();
    assert!(
        pack.docs.iter().any(|d| !d.doc.comments.is_empty()),
        "the Welsh pack has authors' notes to hide"
    );
    // the reader and `show`
    for d in &pack.docs {
        let text = manualpack::layout::layout(&d.doc, 100).to_text();
        assert!(
            !text.contains("<!--") && !text.to_lowercase().contains("<br"),
            "{}: {text}",
            d.id
        );
    }
    // the browser edition: neither as markup nor as text
    let set = PackSet {
        origin: "test".into(),
        packs: vec![pack.clone()],
        problems: Vec::new(),
    };
    for file in manualpack::html::render(&set) {
        if file.path.ends_with(".html") {
            let page = &file.text;
            for bad in ["<!--", "&lt;!--", "&lt;br", "GMH 14/09"] {
                assert!(!page.contains(bad), "{}: {bad}", file.path);
            }
        }
    }
    // the paper
    if have("pdftotext") {
        let text: String = words(&pdf::binder(&pack).unwrap())
            .into_iter()
            .flat_map(|(_, ws)| ws.into_iter().map(|w| w.0))
            .collect::<Vec<_>>()
            .join(" ");
        for bad in ["&lt;!--", "&lt;br", "<!--", "GMH"] {
            assert!(!text.contains(bad), "{bad} in the binder");
        }
    }
}

#[test]
fn identifiers_in_a_printed_table_are_never_split() {
    if !have("pdftotext") {
        return;
    }
    let pack = welsh();
    let register = pack.doc("it-equipment-register").unwrap();
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/second-pack/glannau-llyr")
            .join(&register.path),
    )
    .unwrap();
    let ids: Vec<&str> = source
        .split(|c: char| c.is_whitespace() || c == '|' || c == '`')
        .filter(|w| w.starts_with("SN-") || w.starts_with("CYM-"))
        .collect();
    assert!(ids.len() >= 60, "{}", ids.len());
    let printed: Vec<String> = words(&pdf::documents(&pack, &[register]).unwrap())
        .into_iter()
        .flat_map(|(_, ws)| ws.into_iter().map(|w| w.0))
        .collect();
    for id in ids {
        assert!(printed.iter().any(|w| w == id), "`{id}` is split on paper");
    }
}

#[test]
fn a_heading_travels_with_the_picture_under_it() {
    let fonts = Fonts::load().unwrap();
    let jpeg = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/second-pack/glannau-llyr/images/comms-cupboard.jpg"),
    )
    .unwrap();
    let mut pictures = 0;
    for lead in 0..45 {
        let mut src = String::from("# Title\n\n");
        for _ in 0..lead {
            src.push_str("A line.\n\n");
        }
        src.push_str("## The comms cupboard\n\n![The rack](../images/rack.jpg)\n\nAfter it.\n");
        let e = doc("procedures/pic.md", &src);
        let mut flow = pdf::page::Flow::new(&fonts);
        flow.images = pdf::image::Images::memory(HashMap::from([(
            "images/rack.jpg".to_string(),
            jpeg.clone(),
        )]));
        pdf::lay_document(&mut flow, &e, 1);
        pictures += flow
            .laid
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| matches!(i, Item::Image { .. }))
            .count();
        assert_page_rules(&fonts, &flow.laid, &format!("lead {lead}"));
    }
    assert_eq!(pictures, 45, "the picture prints every time");
}
