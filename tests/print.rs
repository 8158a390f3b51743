//! PDF output: text, order, page counts and footers checked with pdftotext (skipped with a
//! message when poppler-utils is missing); every conformance example renders; the page-break
//! rules; the vCard parses back.

#![allow(clippy::unwrap_used)]
use std::path::{Path, PathBuf};
use std::process::Command;

use manualpack::discover;
use manualpack::markdown::{self, Context};
use manualpack::pack::{DocEntry, DocKind, Pack, SourceFile};
use manualpack::pdf::{self, fonts::Fonts, page::Role};

fn example() -> Pack {
    discover::built_in().packs.remove(0)
}

fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    // CI installs it: there a missing tool is a failure, not a skip
    assert!(
        ok || std::env::var("CI").is_err(),
        "pdftotext not found under CI: .ci/run must install poppler-utils"
    );
    if !ok {
        println!("pdftotext not found: install poppler-utils to run the PDF text checks; skipping");
    }
    ok
}

/// The text of each page of a PDF, via pdftotext -layout.
fn pages_of(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn page_size(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdfinfo").arg(&file).output().ok()?;
    String::from_utf8(out.stdout)
        .ok()?
        .lines()
        .find(|l| l.starts_with("Page size"))
        .map(str::to_string)
}

fn pos(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"))
}

fn entry(id: &str, kind: DocKind, src: &str) -> DocEntry {
    let doc = markdown::parse(
        src,
        Context {
            dir: "procedures",
            line_offset: 0,
        },
    );
    let title = doc.first_title().unwrap_or(id).to_string();
    DocEntry {
        title,
        doc: manualpack::pack::LazyDoc::ready(doc),
        ..DocEntry::bare(id.into(), kind, format!("procedures/{id}.md"))
    }
}

#[test]
fn a_landscape_form_prints_with_its_header_on_every_page_and_footers() {
    let pack = example();
    let form = pack.doc("appointment-list").unwrap();
    let bytes = pdf::documents(&pack, &[form]).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if !have_pdftotext() {
        return;
    }
    let pages = pages_of(&bytes);
    assert!(
        pages.len() >= 2,
        "20 blank rows should spill onto a second page"
    );
    assert!(
        page_size(&bytes)
            .unwrap_or_default()
            .contains("841.89 x 595.2"),
        "landscape A4"
    );
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Patient name"),
            "header row repeated on page {}",
            i + 1
        );
        assert!(page.contains(&format!("page {} of {}", i + 1, pages.len())));
        assert!(page.contains("Riverside Surgery"));
        assert!(page.contains("Appointment list"));
        assert!(page.contains("Pack version 3"));
        assert!(page.contains("reviewed 1 October 2026"));
        assert!(page.contains("EXAMPLE"));
    }
    let first = &pages[0];
    assert!(pos(first, "Appointment list") < pos(first, "Use one sheet"));
    assert!(pos(first, "Morning session") < pos(first, "Patient name"));
}

#[test]
fn the_contacts_sheet_fits_one_page_with_key_contacts_first() {
    let pack = example();
    let bytes = pdf::contacts_sheet(&pack).unwrap();
    if !have_pdftotext() {
        return;
    }
    let pages = pages_of(&bytes);
    assert_eq!(pages.len(), 1);
    let text = &pages[0];
    assert!(pos(text, "Key numbers") < pos(text, "IT and cyber"));
    assert!(pos(text, "ICB IT service desk") < pos(text, "Meridian Clinical Systems"));
    for c in &pack.contacts {
        for (_, number) in c.numbers() {
            assert!(
                text.contains(number),
                "{number} of {} is on the sheet",
                c.name
            );
        }
    }
    assert!(text.contains("page 1 of 1"));
}

#[test]
fn the_binder_is_in_order_with_correct_page_numbers_in_its_contents() {
    let pack = example();
    let bytes = pdf::binder(&pack).unwrap();
    if !have_pdftotext() {
        return;
    }
    let pages = pages_of(&bytes);
    let all = pages.join("\n");
    let order = [
        "MANUAL PACK",
        "Contents",
        "What isn't working?",
        "Clinical system down",
        "Key numbers",
        "Appointment list",
    ];
    let mut at = 0;
    for item in order {
        let found = all[at..]
            .find(item)
            .unwrap_or_else(|| panic!("`{item}` missing or out of order"));
        at += found;
    }
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("page {} of {}", i + 1, pages.len())),
            "footer on page {}",
            i + 1
        );
    }
    // every contents line ends with the page the document starts on
    let contents = &pages[1];
    for d in &pack.docs {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(&d.title))
            .unwrap_or_else(|| panic!("{} in contents", d.title));
        let number: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        let page = &pages[number - 1];
        let kicker = if d.kind == DocKind::Form {
            "FORM"
        } else {
            "PROCEDURE"
        };
        assert!(
            page.contains(kicker) && page.contains(&d.title),
            "{} starts on page {number}",
            d.title
        );
    }
}

#[test]
fn the_binder_shows_the_changes_of_this_version_after_the_contents() {
    let pack = example();
    let bytes = pdf::binder(&pack).unwrap();
    if !have_pdftotext() {
        return;
    }
    let pages = pages_of(&bytes);
    let contents = pages.iter().position(|p| p.contains("Contents")).unwrap();
    let changes = pages
        .iter()
        .position(|p| p.contains("Version 3, 1 October 2026"))
        .expect("a changes page");
    let first_doc = pages.iter().position(|p| p.contains("PROCEDURE")).unwrap();
    assert!(
        contents < changes && changes < first_doc,
        "{contents} {changes} {first_doc}"
    );
    let page = &pages[changes];
    assert!(page.contains("Changes in this version"));
    assert!(
        page.contains("Steps 4 and 5 of the phones procedure changed"),
        "{page}"
    );
    // the documents it names, with the page each starts on
    let phones = page
        .lines()
        .find(|l| l.trim_start().starts_with("Phones down"))
        .unwrap();
    let number: usize = phones.split_whitespace().last().unwrap().parse().unwrap();
    assert!(pages[number - 1].contains("PROCEDURE") && pages[number - 1].contains("Phones down"));
    // the contents gives its page
    let row = pages[contents]
        .lines()
        .find(|l| l.trim_start().starts_with("Changes in this version"))
        .unwrap();
    assert!(
        row.trim_end().ends_with(&(changes + 1).to_string()),
        "{row}"
    );
}

#[test]
fn the_binder_has_bookmarks_and_working_internal_links() {
    let pack = example();
    let fonts = Fonts::load().unwrap();
    let laid = pdf::binder::lay(&fonts, &pack);
    let titles: Vec<&str> = laid.marks.iter().map(|m| m.title.as_str()).collect();
    for want in [
        "Cover",
        "Contents",
        "Changes in this version",
        "What isn't working?",
        "Procedures",
        "Contacts",
        "Forms",
        "Phones down",
    ] {
        assert!(titles.contains(&want), "bookmark {want}");
    }
    for (i, page) in laid.pages.iter().enumerate() {
        assert!(!page.items.is_empty(), "page {} is empty", i + 1);
    }
    let mut links = 0;
    for page in &laid.pages {
        for item in &page.items {
            if let pdf::page::Item::Link {
                dest: pdf::page::LinkDest::Key(k),
                ..
            } = item
            {
                links += 1;
                assert!(laid.dests.contains_key(k), "link to {k} has a destination");
            }
        }
    }
    assert!(links > 30, "contents, triage and in-text links: {links}");
}

#[test]
fn headings_never_end_a_page_and_tables_repeat_their_header() {
    let fonts = Fonts::load().unwrap();
    // headings at many offsets down the page, so some would land at the bottom
    for lead in 0..24 {
        let mut src = String::from("# Title\n\n");
        for _ in 0..lead {
            src.push_str("A line of text to push the next heading down the page.\n\n");
        }
        for n in 0..12 {
            src.push_str(&format!("## Heading {n}\n\nSome words under the heading, long enough to wrap onto a second line of the page at this size.\n\n"));
        }
        let e = entry("breaks", DocKind::Procedure, &src);
        let laid = pdf::lay_documents(&fonts, &[&e]);
        for (i, page) in laid.pages.iter().enumerate() {
            let last = page.roles.last().map(|r| r.role);
            assert_ne!(
                last,
                Some(Role::Heading),
                "lead {lead}: page {} ends with a heading",
                i + 1
            );
        }
    }
    let mut src = String::from("# Long table\n\n| Name | Number |\n|---|---|\n");
    for n in 0..120 {
        src.push_str(&format!("| Person {n} | 01632 960{n:03} |\n"));
    }
    let e = entry("table", DocKind::Form, &src);
    let laid = pdf::lay_documents(&fonts, &[&e]);
    assert!(laid.pages.len() >= 3);
    for page in &laid.pages {
        let header = page
            .items
            .iter()
            .filter(|i| matches!(i, pdf::page::Item::Text { text, .. } if text == "Name"))
            .count();
        assert_eq!(header, 1, "the header row is on every page, once");
        let bottom = page.size().1 - pdf::page::MARGIN_BOTTOM;
        for item in &page.items {
            if let pdf::page::Item::Rect { y, h, .. } = item {
                assert!(
                    y + h <= bottom + 0.01,
                    "a row crosses the footer: {y} + {h}"
                );
            }
        }
    }
}

#[test]
fn each_form_starts_on_a_new_page() {
    let fonts = Fonts::load().unwrap();
    let p = entry("short", DocKind::Procedure, "# Short\n\nOne line.\n");
    let f = entry("form", DocKind::Form, "# Form\n\nName: ______\n");
    let laid = pdf::lay_documents(&fonts, &[&p, &f]);
    assert_eq!(laid.pages.len(), 2);
    assert_eq!(laid.dests["doc:form"].0, 1);
}

#[test]
fn characters_outside_the_font_print_as_a_placeholder() {
    let pack = example();
    let e = entry(
        "odd",
        DocKind::Procedure,
        "# 電話 ☎ down\n\nRing 🙂 01632 960000 ŵ £.\n",
    );
    let bytes = pdf::documents(&pack, &[&e]).unwrap();
    if !have_pdftotext() {
        return;
    }
    let text = pages_of(&bytes).join("");
    // ☎ is drawn by the symbol face; Chinese and emoji are in no built-in face
    assert!(text.contains("?? ☎ down"), "{text}");
    assert!(text.contains("Ring ? 01632 960000 ŵ £."));
}

#[test]
fn symbols_print_from_the_symbol_face_and_are_measured_with_it() {
    let pack = example();
    let e = entry(
        "symbols",
        DocKind::Form,
        "# ☎ Phones ⚠\n\n✂ cut here ✂ · done ✓ · not done ✗ · ☐ ☑ → next\n\n**⚠ bold** `✓ mono`\n\n\
         ✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂✂\n",
    );
    // 60 scissors at DejaVu's advance do not fit one line (at the placeholder's they would)
    let fonts = Fonts::load().unwrap();
    let laid = pdf::lay_documents(&fonts, &[&e]);
    let width = pdf::page::A4.0 - 2.0 * pdf::page::MARGIN_X;
    let rows: Vec<(String, f32)> = laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            pdf::page::Item::Text {
                text, face, size, ..
            } if text.starts_with("✂✂") => {
                Some((text.clone(), fonts.width(*face, *size, text)))
            }
            _ => None,
        })
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows.iter().map(|(t, _)| t.chars().count()).sum::<usize>(),
        60
    );
    assert!(rows.iter().all(|(_, w)| *w <= width + 0.01), "{rows:?}");
    let bytes = pdf::documents(&pack, &[&e]).unwrap();
    if !have_pdftotext() {
        return;
    }
    let text = pages_of(&bytes).join("");
    for shown in [
        "☎ Phones ⚠",
        "✂ cut here ✂ · done ✓ · not done ✗ · ☐ ☑ → next",
        "⚠ bold ✓ mono",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert!(!text.contains('?'), "{text}");
}

#[test]
fn printing_again_gives_the_same_bytes() {
    let pack = example();
    let first = pdf::binder(&pack).unwrap();
    assert_eq!(first, pdf::binder(&pack).unwrap());
    assert_eq!(
        pdf::contacts_sheet(&pack).unwrap(),
        pdf::contacts_sheet(&pack).unwrap()
    );
}

fn conformance(file: &str) -> Option<Vec<String>> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/conformance")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("the conformance examples are in the repo");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    Some(
        json.as_array()
            .unwrap()
            .iter()
            .map(|e| e["markdown"].as_str().unwrap_or("").to_string())
            .collect(),
    )
}

#[test]
fn every_conformance_example_renders_to_pdf() {
    let pack = example();
    for file in ["commonmark-spec.json", "gfm-spec.json"] {
        let Some(examples) = conformance(file) else {
            continue;
        };
        let entries: Vec<DocEntry> = examples
            .iter()
            .enumerate()
            .map(|(i, md)| entry(&format!("ex-{i}"), DocKind::Procedure, md))
            .collect();
        // no text runs past the right margin
        let fonts = Fonts::load().unwrap();
        let refs: Vec<&DocEntry> = entries.iter().collect();
        for page in pdf::lay_documents(&fonts, &refs).pages {
            let right = page.size().0 - pdf::page::MARGIN_X + 0.5;
            for item in &page.items {
                if let pdf::page::Item::Text {
                    x,
                    face,
                    size,
                    text,
                    ..
                } = item
                {
                    let end = x + fonts.width(*face, *size, text);
                    assert!(
                        end <= right,
                        "{file}: `{text}` ends at {end}, past {right} on page {}",
                        page.title
                    );
                }
            }
        }
        // one PDF per 100 examples: the same layout and rendering as one each, far faster
        for chunk in entries.chunks(100) {
            let refs: Vec<&DocEntry> = chunk.iter().collect();
            let bytes = pdf::documents(&pack, &refs).unwrap();
            assert!(bytes.starts_with(b"%PDF"));
        }
    }
}

#[test]
fn the_vcard_parses_back() {
    let contacts = r#"
[[contact]]
name = "Smith, Jones; and \\ Partners"
group = "Suppliers"
phone = "01632 960123"
notes = "Ask for Sam; say \"urgent\", then wait"

[[contact]]
name = "Key desk"
group = "IT"
mobile = "07700 900123"
key = true
"#;
    let mut problems = Vec::new();
    let toml = "schema = 1\n[practice]\nname = \"Test\"\n[pack]\nversion = 1\nreviewed = 2026-01-01\nnext_review = 2026-06-01\n";
    let files = vec![
        SourceFile::decode("pack.toml", "pack.toml", toml.as_bytes(), &mut problems),
        SourceFile::decode(
            "contacts.toml",
            "contacts.toml",
            contacts.as_bytes(),
            &mut problems,
        ),
    ];
    let pack = Pack::from_files("test", files, problems);
    let card = manualpack::vcard::pack(&pack);
    assert!(
        card.split('\n').all(|l| l.ends_with('\r') || l.is_empty()),
        "CRLF line ends"
    );
    let unfolded = card.replace("\r\n ", "");
    let mut cards: Vec<Vec<(String, String)>> = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').unwrap();
        if name == "BEGIN" {
            cards.push(Vec::new());
        }
        let value = value
            .replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\");
        cards.last_mut().unwrap().push((name.to_string(), value));
    }
    assert_eq!(cards.len(), 2);
    let get = |c: &Vec<(String, String)>, k: &str| {
        c.iter()
            .find(|(n, _)| n.starts_with(k))
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        get(&cards[0], "FN").as_deref(),
        Some("Key desk"),
        "key contacts first"
    );
    assert_eq!(get(&cards[0], "VERSION").as_deref(), Some("3.0"));
    assert_eq!(
        get(&cards[0], "TEL;TYPE=CELL").as_deref(),
        Some("07700 900123")
    );
    assert_eq!(
        get(&cards[1], "FN").as_deref(),
        Some("Smith, Jones; and \\ Partners")
    );
    assert_eq!(
        get(&cards[1], "TEL;TYPE=WORK").as_deref(),
        Some("01632 960123")
    );
    assert_eq!(
        get(&cards[1], "NOTE").as_deref(),
        Some("Ask for Sam; say \"urgent\", then wait")
    );
}

#[test]
fn print_command_writes_files_and_explains_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("manualpack")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .arg(&packs)
            .assert()
    };
    run(&["print", "incident-log"]).success();
    assert!(
        std::fs::read(dir.path().join("incident-log.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    run(&["print", "--contacts", "-o", "desk.pdf"]).success();
    assert!(dir.path().join("desk.pdf").is_file());
    run(&["print", "no-such-doc"])
        .code(1)
        .stderr(predicates::str::contains("no document `no-such-doc`"));
    run(&["print", "--binder", "phones-down"])
        .code(2)
        .stderr(predicates::str::contains(
            "neither a folder nor allowed with --binder",
        ));
    run(&["print"])
        .code(2)
        .stderr(predicates::str::contains("name at least one document"));
    run(&["contacts", "--vcard", "-o", "c.vcf"]).success();
    let vcf = std::fs::read_to_string(dir.path().join("c.vcf")).unwrap();
    assert!(vcf.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"));
}

#[test]
fn read_and_signed_prints_one_sheet_with_what_changed_and_columns_to_sign() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str], packs: &Path| {
        assert_cmd::Command::cargo_bin("manualpack")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .arg("--path")
            .arg(packs)
            .assert()
    };
    let packs = root.join("packs");
    run(
        &["print", "--read-and-signed", "--pack", "example-riverside"],
        &packs,
    )
    .success()
    .stdout(predicates::str::contains(
        "example-riverside-read-and-signed-v3.pdf",
    ));
    let welsh = root.join("tests/fixtures/second-pack");
    run(&["print", "--read-and-signed", "-o", "w.pdf"], &welsh).success();
    run(&["print", "--read-and-signed", "--contacts"], &packs)
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
    run(&["print", "--read-and-signed", "phones-down"], &packs)
        .code(2)
        .stderr(predicates::str::contains("--read-and-signed"));
    let unversioned = dir.path().join("no-version");
    std::fs::create_dir(&unversioned).unwrap();
    std::fs::write(
        unversioned.join("pack.toml"),
        "schema = 1\n[practice]\nname = \"Test\"\n",
    )
    .unwrap();
    run(&["print", "--read-and-signed"], &unversioned)
        .code(1)
        .stderr(predicates::str::contains("has no version"));
    if !have_poppler_tool("pdfinfo") || !have_pdftotext() {
        return;
    }
    let cases = [
        (
            "example-riverside-read-and-signed-v3.pdf",
            "Riverside Surgery, manual pack version 3",
            "Phones down (phones-down)",
        ),
        (
            "w.pdf",
            "manual pack version 8",
            "Phones down / Ffôn i lawr (phones-down)",
        ),
    ];
    for (file, version, doc) in cases {
        let bytes = std::fs::read(dir.path().join(file)).unwrap();
        let pages = pages_of(&bytes);
        assert_eq!(pages.len(), 1, "{file}: {pages:#?}");
        let info = Command::new("pdfinfo")
            .arg(dir.path().join(file))
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
            "{info}"
        );
        // -layout may break the heading; compare with spaces folded
        let text = pages[0].split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [
            version,
            doc,
            "What changed",
            "Name",
            "Role",
            "Date",
            "Signature",
        ] {
            assert!(text.contains(want), "{file}: `{want}` in {text}");
        }
    }
}

#[test]
fn p_in_the_reader_saves_the_contacts_sheet_to_the_printouts_folder() {
    use manualpack::tui::action::Action;
    use manualpack::tui::app::{App, Start};
    use manualpack::tui::run::handle as update;
    let dir = tempfile::tempdir().unwrap();
    let mut folders = manualpack::folders::Folders::under(dir.path());
    folders.printouts = Some(dir.path().to_path_buf());
    let today = jiff::civil::Date::constant(2026, 11, 25);
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut app = App::new(Start::new(discover::built_in(), today, area, folders));
    update(&mut app, Action::Contacts);
    update(&mut app, Action::Print);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("Saved PDF: "), "{status}");
    let file = dir.path().join("example-riverside-contacts.pdf");
    assert!(
        std::fs::read(&file).unwrap().starts_with(b"%PDF"),
        "{status}"
    );
    assert_eq!(app.printout.as_deref(), Some(file.as_path()));
    update(&mut app, Action::Home);
    update(&mut app, Action::Print);
    assert_eq!(
        app.status.as_deref(),
        Some("Open a document or the contacts to print")
    );
}

#[test]
fn the_cli_definition_with_print_and_contacts_is_valid() {
    use clap::CommandFactory;
    manualpack::cli::Cli::command().debug_assert();
}

#[test]
fn a_form_ending_in_blank_rows_fills_its_last_page() {
    let pack = example();
    let fonts = Fonts::load().unwrap();
    let form = pack.doc("appointment-list").unwrap();
    let laid = pdf::lay_documents(&fonts, &[form]);
    let last = laid.pages.last().unwrap();
    assert!(last.landscape);
    let bottom = last.size().1 - pdf::page::MARGIN_BOTTOM;
    let lowest = last
        .items
        .iter()
        .filter_map(|i| match i {
            pdf::page::Item::Rect { y, h, .. } => Some(y + h),
            _ => None,
        })
        .fold(0.0, f32::max);
    assert!(
        lowest > bottom - pdf::table::WRITE_ROW,
        "rows reach the foot of the page: {lowest} of {bottom}"
    );
    // a procedure's table is not extended
    let e = entry(
        "t",
        DocKind::Procedure,
        "# T\n\n| A | B |\n|---|---|\n|   |   |\n",
    );
    let laid = pdf::lay_documents(&fonts, &[&e]);
    let rects = laid.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, pdf::page::Item::Rect { .. }))
        .count();
    assert_eq!(rects, 4, "header and one row, two cells each");
}

fn have_poppler_tool(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    assert!(
        ok || std::env::var("CI").is_err(),
        "{tool} not found under CI: .ci/run must install poppler-utils"
    );
    if !ok {
        println!("{tool} not found: install poppler-utils to run the PDF image checks; skipping");
    }
    ok
}

#[test]
fn pictures_are_drawn_into_the_pdf_and_a_bad_one_is_a_line_of_text() {
    let dir = tempfile::tempdir().unwrap();
    let images = dir.path().join("images");
    std::fs::create_dir_all(&images).unwrap();
    for name in [
        "rgb-4x3.png",
        "rgba-2x2.png",
        "rgb-64x40.jpg",
        "damaged.png",
    ] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/images")
            .join(name);
        std::fs::copy(from, images.join(name)).unwrap();
    }
    let mut pack = example();
    pack.root = Some(dir.path().to_path_buf());
    let e = entry(
        "pictures",
        DocKind::Procedure,
        "# Pictures\n\n![Caption of stripes](../images/rgb-4x3.png)\n\n\
         ![Caption of see-through](../images/rgba-2x2.png)\n\n\
         ![Caption of photo](../images/rgb-64x40.jpg)\n\n\
         ![broken map](../images/damaged.png)\n\n![floor plan](../images/missing.png)\n\n\
         ![web picture](https://example.org/x.png)\n\n\
         In a sentence ![the stripes](../images/rgb-4x3.png) a picture stays text.\n",
    );
    let bytes = pdf::documents(&pack, &[&e]).unwrap();
    assert_eq!(
        bytes,
        pdf::documents(&pack, &[&e]).unwrap(),
        "same bytes again"
    );
    if !have_pdftotext() || !have_poppler_tool("pdfimages") {
        return;
    }
    let text = pages_of(&bytes).join("");
    for shown in [
        "Caption of stripes",
        "Caption of photo",
        "[image could not be printed: broken map — the file is damaged]",
        "[image could not be printed: floor plan — the pack has no file `images/missing.png`]",
        "[image could not be printed: web picture — only pictures that are files of the pack",
        "In a sentence [image: the stripes] a picture stays text.",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    let (list, rows) = pdfimages(&bytes);
    let kinds: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (&*r[2], &*r[3], &*r[4], &*r[8]))
        .collect();
    assert_eq!(
        kinds,
        [
            ("image", "4", "3", "image"),
            ("image", "2", "2", "image"),
            ("smask", "2", "2", "image"),
            ("image", "64", "40", "jpeg"),
        ],
        "{list}"
    );
}

#[test]
fn a_form_prints_its_picture_in_each_copy_on_a_sheet() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/rgb-64x40.jpg"),
        dir.path().join("images/sign.jpg"),
    )
    .unwrap();
    let mut pack = example();
    pack.root = Some(dir.path().to_path_buf());
    let mut form = entry(
        "slip",
        DocKind::Form,
        "# Slip\n\n![Where to sign](../images/sign.jpg)\n\nName ________________\n",
    );
    form.per_sheet = 2;
    let bytes = pdf::documents(&pack, &[&form]).unwrap();
    if !have_pdftotext() || !have_poppler_tool("pdfimages") {
        return;
    }
    let pages = pages_of(&bytes);
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(pages[0].matches("Where to sign").count(), 2, "{}", pages[0]);
    assert!(!pages[0].contains("could not be printed"), "{}", pages[0]);
    let (list, rows) = pdfimages(&bytes);
    let jpegs = rows.iter().filter(|r| r[8] == "jpeg").count();
    assert_eq!(jpegs, 2, "{list}");
}

#[test]
fn the_second_example_binder_prints_its_pictures_and_symbols() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/second-pack/glannau-llyr");
    let mut set = manualpack::pack::PackSet::open(&dir, &manualpack::pack::Limits::default());
    let pack = set.packs.remove(0);
    let bytes = pdf::binder(&pack).unwrap();
    if !have_pdftotext() || !have_poppler_tool("pdfimages") {
        return;
    }
    let text = pages_of(&bytes).join("");
    assert!(!text.contains("could not be printed"), "{text}");
    for shown in ["✂", "☎ 01632", "✓", "✗"] {
        assert!(text.contains(shown), "{shown}");
    }
    let (list, pictures) = pdfimages(&bytes);
    // the comms cupboard (800 x 600 JPEG, passed through) and the floor plan (600 x 400 PNG),
    // both at their natural size of 150 dpi: they fit the text width, and the floor plan moves
    // to a new page whole rather than shrink below 75% at the foot of one
    let sizes: Vec<(&str, &str, &str, &str)> = pictures
        .iter()
        .map(|r| (&*r[3], &*r[4], &*r[8], &*r[12]))
        .collect();
    assert_eq!(
        sizes,
        [
            ("800", "600", "jpeg", "150"),
            ("600", "400", "image", "150")
        ],
        "{list}"
    );
}

/// `pdfimages -list` of a PDF: its text, and each image's row of fields (page num type width
/// height color comp bpc enc interp object ID x-ppi y-ppi size ratio).
fn pdfimages(pdf: &[u8]) -> (String, Vec<Vec<String>>) {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(file.path())
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    let rows = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    (list, rows)
}
