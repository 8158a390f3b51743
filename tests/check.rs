//! `manualpack check` and `init`: one fixture pack per check (in `tests/fixtures/check/`, or made
//! in a temporary folder when the bytes or names cannot live in git), each asserting the code,
//! file, line and severity; the example pack checks clean; the human output (snapshot), the
//! `--json` shape and the exit codes; `init`, then filling its placeholders, then `check`.

#[path = "hostile/fixture.rs"]
mod hostile;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jiff::civil::{Date, date};
use manualpack::check::{self, Diagnostic, Severity, codes, render};
use manualpack::pack::{Limits, PackSet};

const FIXTURES: &str = "tests/fixtures/check";
/// The day the checks run on, so review dates never depend on the clock.
const TODAY: Date = date(2026, 11, 25);

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").expect("binary builds");
    cmd.env_remove("MANUALPACK_PACKS");
    cmd
}

fn check_dir(dir: &Path, today: Date) -> Vec<Diagnostic> {
    let set = PackSet::open(dir, &Limits::default());
    check::check_set_in(&set, dir, today)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// The one diagnostic a pack gives; fails when there is none or more than one.
fn only(dir: &Path, today: Date) -> Diagnostic {
    let diags = check_dir(dir, today);
    assert_eq!(diags.len(), 1, "{}: {diags:#?}", dir.display());
    diags.into_iter().next().expect("one")
}

fn assert_diag(d: &Diagnostic, code: codes::Code, file: &str, line: usize, severity: Severity) {
    assert_eq!(
        (d.code, d.file.as_str(), d.line, d.severity),
        (code.id, file, line, severity),
        "{d:#?}"
    );
    assert!(!d.message.is_empty() && !d.help.is_empty(), "{d:#?}");
}

use Severity::{Error, Warning};

#[test]
fn each_fixture_gives_one_precise_diagnostic() {
    let cases: &[(&str, codes::Code, &str, usize)] = &[
        ("toml-syntax", codes::TOML_SYNTAX, "pack.toml", 8),
        ("wrong-type", codes::TOML_TYPE, "pack.toml", 8),
        ("missing-key", codes::MISSING_KEY, "pack.toml", 7),
        ("unknown-key", codes::UNKNOWN_KEY, "pack.toml", 9),
        ("schema-newer", codes::SCHEMA_NEWER, "pack.toml", 1),
        (
            "front-matter-open",
            codes::FRONT_MATTER_OPEN,
            "procedures/phones-down.md",
            1,
        ),
        (
            "front-matter-value",
            codes::FRONT_MATTER_VALUE,
            "forms/message-slip.md",
            2,
        ),
        (
            "forms-only-key",
            codes::FORMS_ONLY_KEY,
            "procedures/phones-down.md",
            3,
        ),
        ("no-contacts", codes::NO_CONTACTS_TOML, "contacts.toml", 0),
        (
            "duplicate-id",
            codes::DUPLICATE_ID,
            "forms/phones-down.md",
            0,
        ),
        ("triage-target", codes::TRIAGE_TARGET, "pack.toml", 14),
        ("phone-chars", codes::PHONE_CHARS, "contacts.toml", 4),
        (
            "broken-link",
            codes::BROKEN_LINK,
            "procedures/phones-down.md",
            10,
        ),
        (
            "broken-anchor",
            codes::BROKEN_ANCHOR,
            "procedures/phones-down.md",
            11,
        ),
        (
            "missing-image",
            codes::MISSING_IMAGE,
            "procedures/phones-down.md",
            11,
        ),
        (
            "missing-file",
            codes::MISSING_FILE,
            "procedures/phones-down.md",
            11,
        ),
        (
            "refused-link",
            codes::REFUSED_LINK,
            "procedures/phones-down.md",
            11,
        ),
        ("phone-shape", codes::PHONE_SHAPE, "contacts.toml", 10),
        ("phone-unusual", codes::PHONE_UNUSUAL, "contacts.toml", 10),
        (
            "duplicate-contact",
            codes::DUPLICATE_CONTACT,
            "contacts.toml",
            7,
        ),
        ("no-key-contact", codes::NO_KEY_CONTACT, "contacts.toml", 0),
        ("no-it-contact", codes::NO_IT_CONTACT, "contacts.toml", 0),
        (
            "placeholder",
            codes::PLACEHOLDER,
            "procedures/phones-down.md",
            9,
        ),
        ("dummy-number", codes::PLACEHOLDER, "contacts.toml", 10),
        ("raw-html", codes::RAW_HTML, "forms/message-slip.md", 5),
        (
            "author-note",
            codes::AUTHOR_NOTE,
            "forms/message-slip.md",
            5,
        ),
        (
            "picture-unprintable",
            codes::PICTURE_UNPRINTABLE,
            "procedures/phones-down.md",
            11,
        ),
        ("toml-escape", codes::CONTROL_CHAR, "contacts.toml", 2),
        ("changes-missing", codes::CHANGES_MISSING, "pack.toml", 8),
        ("changes-doc", codes::CHANGES_DOC, "pack.toml", 20),
        ("changes-ahead", codes::CHANGES_AHEAD, "pack.toml", 17),
        (
            "changes-duplicate",
            codes::CHANGES_DUPLICATE,
            "pack.toml",
            22,
        ),
    ];
    for (name, code, file, line) in cases {
        let d = only(&fixture(name), TODAY);
        assert_diag(&d, *code, &format!("{name}/{file}"), *line, code.severity);
        if *line > 0 {
            assert!(d.source.is_some(), "{d:#?}");
        }
    }
}

#[test]
fn the_clean_fixture_and_the_example_pack_check_clean() {
    assert_eq!(check_dir(&fixture("clean"), TODAY), Vec::new());
    let example = Path::new("packs/example-riverside");
    assert_eq!(check_dir(example, TODAY), Vec::new());
    let built_in = manualpack::discover::built_in();
    assert_eq!(check::check_set(&built_in, TODAY), Vec::new());
}

#[test]
fn links_point_at_the_column_of_the_destination() {
    let d = only(&fixture("broken-link"), TODAY);
    assert_eq!(d.column, 29);
    assert!(
        d.help.contains("did you mean `message-slip`?"),
        "{}",
        d.help
    );
    let d = only(&fixture("broken-anchor"), TODAY);
    assert!(d.help.contains("`#first-steps`"), "{}", d.help);
}

#[test]
fn changes_problems_point_at_the_value() {
    let d = only(&fixture("changes-doc"), TODAY);
    assert_eq!((d.line, d.column), (20, 25), "{d:#?}");
    assert!(d.help.contains("did you mean `message-slip`?"), "{d:#?}");
    let d = only(&fixture("changes-missing"), TODAY);
    assert_eq!((d.line, d.column), (8, 11), "{d:#?}");
    assert_eq!(
        d.message,
        "version 2 has no [[changes]] entry: staff cannot see what changed"
    );
    assert!(
        d.help.contains("[[changes]]  version = 2  date = "),
        "{d:#?}"
    );
}

#[test]
fn review_dates_are_judged_against_the_day_given() {
    let dir = fixture("review-dates");
    let file = "review-dates/pack.toml";
    assert_eq!(check_dir(&dir, TODAY), Vec::new());
    assert_diag(
        &only(&dir, date(2027, 5, 1)),
        codes::REVIEW_OVERDUE,
        file,
        10,
        Error,
    );
    assert_diag(
        &only(&dir, date(2027, 3, 15)),
        codes::REVIEW_SOON,
        file,
        10,
        Warning,
    );
    assert_diag(
        &only(&dir, date(2026, 9, 1)),
        codes::REVIEWED_FUTURE,
        file,
        9,
        Warning,
    );
    let order = check_dir(&fixture("review-order"), date(2026, 10, 2));
    assert_eq!(
        order.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["MP040", "MP043"],
        "{order:#?}"
    );
}

/// A copy of the clean fixture in a temporary folder, as pack `name`.
fn generated(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join(name);
    copy_dir(&fixture("clean"), &dir);
    (tmp, dir)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read fixture") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn append(path: &Path, bytes: &[u8]) {
    let mut all = std::fs::read(path).expect("read");
    all.extend_from_slice(bytes);
    std::fs::write(path, all).expect("write");
}

#[test]
fn control_bidi_and_invisible_characters_are_found_in_the_raw_text() {
    let (_tmp, dir) = generated("raw");
    let doc = dir.join("procedures/phones-down.md");
    // line 12: a control character at column 5; line 13: a bidi override at column 6;
    // line 14: a zero-width space at column 3
    append(
        &doc,
        "Call\u{1b}[2J now\nPass: \u{202e}txt.exe\nok\u{200b}\n".as_bytes(),
    );
    let diags = check_dir(&dir, TODAY);
    let got: Vec<_> = diags
        .iter()
        .map(|d| (d.code, d.line, d.column, d.severity))
        .collect();
    assert_eq!(
        got,
        [
            ("MP070", 12, 5, Error),
            ("MP071", 13, 7, Error),
            ("MP072", 14, 3, Warning)
        ],
        "{diags:#?}"
    );
    let text = render::human_report(&diags, 1);
    assert!(
        text.contains("Call<ESC>[2J now") && text.contains("<U+202E>"),
        "{text}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let (_tmp, dir) = generated("bytes");
    append(&dir.join("forms/message-slip.md"), b"\nbad \xff byte\n");
    let d = only(&dir, TODAY);
    assert_diag(
        &d,
        codes::INVALID_UTF8,
        "bytes/forms/message-slip.md",
        7,
        Error,
    );
    assert_eq!(d.column, 5);
}

#[test]
fn file_names_that_break_on_windows_are_reported() {
    let cases: &[(&str, codes::Code)] = &[
        ("forms/CON.md", codes::RESERVED_NAME),
        ("forms/lpt1.txt", codes::RESERVED_NAME),
        ("forms/notes.", codes::TRAILING_DOT_SPACE),
        ("forms/notes ", codes::TRAILING_DOT_SPACE),
        ("forms/what?.txt", codes::FORBIDDEN_CHAR),
        ("forms/a:b.txt", codes::FORBIDDEN_CHAR),
        ("forms/Message-Slip.md", codes::CASE_COLLISION),
    ];
    for (rel, code) in cases {
        let (_tmp, dir) = generated("names");
        std::fs::write(dir.join(rel), "# A form\n").expect("write");
        let diags = check_dir(&dir, TODAY);
        let d = diags
            .iter()
            .find(|d| d.code == code.id)
            .unwrap_or_else(|| panic!("{rel}: {diags:#?}"));
        assert!(d.file.starts_with("names/forms/"), "{d:#?}");
        assert_eq!(d.severity, Error);
    }
}

#[test]
fn names_equal_after_unicode_normalisation_collide() {
    let (_tmp, dir) = generated("nfc");
    std::fs::write(dir.join("forms/caf\u{e9}.txt"), "x\n").expect("write");
    std::fs::write(dir.join("forms/cafe\u{301}.txt"), "y\n").expect("write");
    let d = only(&dir, TODAY);
    assert_eq!(
        (d.code, d.severity),
        (codes::NORMALISATION_COLLISION.id, Error)
    );
}

#[test]
fn very_long_paths_are_reported() {
    let (_tmp, dir) = generated("long");
    let name = format!("{}.txt", "a".repeat(210));
    std::fs::write(dir.join("forms").join(&name), "x\n").expect("write");
    let d = only(&dir, TODAY);
    assert_diag(
        &d,
        codes::LONG_PATH,
        &format!("long/forms/{name}"),
        0,
        Warning,
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_once() {
    let (_tmp, dir) = generated("links");
    std::os::unix::fs::symlink("../pack.toml", dir.join("forms/other.md")).expect("symlink");
    std::os::unix::fs::symlink("/etc", dir.join("etc")).expect("symlink");
    let diags = check_dir(&dir, TODAY);
    let files: Vec<_> = diags.iter().map(|d| (d.code, d.file.as_str())).collect();
    assert_eq!(
        files,
        [("MP016", "links/etc"), ("MP016", "links/forms/other.md")],
        "{diags:#?}"
    );
}

#[test]
fn size_limits_and_large_files_are_reported() {
    let (_tmp, dir) = generated("big");
    // two-byte characters only: the 16 MiB limit falls inside one, and cutting there would look
    // like invalid UTF-8
    let line = format!("{}\n", "ŵ".repeat(11));
    let line = line.as_str();
    std::fs::write(
        dir.join("procedures/huge.md"),
        line.repeat(17 * 1024 * 1024 / line.len()),
    )
    .expect("write");
    let video = std::fs::File::create(dir.join("video.mp4")).expect("create");
    video.set_len(30 * 1024 * 1024).expect("sparse file");
    let diags = check_dir(&dir, TODAY);
    let got: Vec<_> = diags.iter().map(|d| (d.code, d.file.as_str())).collect();
    assert_eq!(
        got,
        [
            ("MP015", "big/procedures/huge.md"),
            ("MP074", "big/video.mp4")
        ],
        "{diags:#?}"
    );
}

#[test]
fn a_folder_name_that_is_not_a_pack_id_is_reported() {
    let (_tmp, dir) = generated("Bad_Name");
    assert_diag(&only(&dir, TODAY), codes::PACK_ID, "Bad_Name", 0, Warning);
}

#[test]
fn human_output_is_compiler_style() {
    let mut diags = Vec::new();
    for name in ["broken-link", "phone-shape", "no-key-contact"] {
        diags.extend(check_dir(&fixture(name), TODAY));
    }
    insta::assert_snapshot!(render::human_report(&diags, 3));
}

#[test]
fn json_is_one_object_per_line_with_every_field() {
    let out = manualpack()
        .args([
            "check",
            "--json",
            "tests/fixtures/check/broken-link",
            "tests/fixtures/check/no-key-contact",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    let first = &lines[0];
    assert_eq!(first["code"], "MP020");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "broken-link/procedures/phones-down.md");
    assert_eq!(first["line"], 10);
    assert_eq!(first["column"], 29);
    assert!(first["message"].is_string() && first["help"].is_string());
    assert_eq!(
        first["source_line"],
        "2. Fill in a [message slip](../forms/mesage-slip.md)."
    );
    assert_eq!(lines[1]["severity"], "warning");
    assert_eq!(lines[1]["line"], 0);
    assert!(lines[1]["source_line"].is_null());
}

#[test]
fn exit_codes_follow_the_worst_finding() {
    let run = |args: &[&str]| manualpack().arg("check").args(args).output().expect("runs");
    let clean = run(&["tests/fixtures/check/clean"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&clean.stdout),
        "ok: 1 pack checked, no problems\n"
    );
    assert_eq!(
        run(&["tests/fixtures/check/broken-link"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["tests/fixtures/check/unknown-key"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["--deny-warnings", "tests/fixtures/check/unknown-key"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["tests/fixtures/check/no-such-folder"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["--no-such-flag"]).status.code(), Some(2));
    let human = run(&["tests/fixtures/check/broken-link"]);
    let text = String::from_utf8(human.stdout).expect("UTF-8");
    assert!(text.starts_with("error[MP020]: "), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes when piped: {text:?}"
    );
}

#[test]
fn init_then_fill_the_placeholders_then_check_passes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("new-pack");
    let dir_s = dir.to_str().expect("UTF-8 temp path");
    manualpack()
        .args(["init", dir_s, "--name", "Test Surgery"])
        .assert()
        .success();
    let out = manualpack()
        .args(["check", "--json", dir_s])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let found: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(
        found
            .iter()
            .all(|d| d["code"] == "MP050" && d["line"].as_u64() > Some(0)),
        "{found:#?}"
    );
    assert_eq!(found.len(), 12, "{found:#?}");
    // every placeholder number init writes is listed as an error, at the number
    let numbers: Vec<(&str, u64, u64)> = found
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("dummy number"))
        })
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            (
                file,
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [
            ("new-pack/contacts.toml", 8, 10),
            ("new-pack/contacts.toml", 17, 11),
            ("new-pack/contacts.toml", 24, 10),
            ("new-pack/pack.toml", 9, 10),
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|d| d["severity"] == "error"));
    let placeholders = manualpack::init::TEMPLATES
        .iter()
        .map(|(_, text)| text.matches(" 000000\"").count())
        .sum::<usize>();
    assert_eq!(
        numbers.len(),
        placeholders,
        "init writes no placeholder number check misses"
    );
    // fill in every placeholder as a practice would
    for rel in manualpack::init::TEMPLATES.iter().map(|(rel, _)| rel) {
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        let filled = text
            .replace("TODO: ", "")
            .replace("01632 000000", "01632 960123")
            .replace("07700 000000", "07700 900123");
        std::fs::write(&path, filled).expect("write");
    }
    manualpack()
        .args(["check", "--deny-warnings", dir_s])
        .assert()
        .code(0);
    // init never overwrites
    let again = manualpack().args(["init", dir_s]).output().expect("runs");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn docs_explain_every_code() {
    let docs = std::fs::read_to_string("docs/checks.md").expect("docs/checks.md");
    for code in codes::ALL {
        assert!(
            docs.contains(&format!("## {} ", code.id)),
            "docs/checks.md lacks {}",
            code.id
        );
    }
}

#[test]
fn the_reader_shows_pack_health_with_the_error_count() {
    use manualpack::tui::app::{App, Start};
    use manualpack::tui::menu::Row;
    let dir = fixture("broken-link");
    let set = PackSet::open(&dir, &Limits::default());
    let folders = manualpack::folders::Folders::under(&dir.join("no-such-folder"));
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let app = App::new(Start::new(set, TODAY, area, folders));
    assert_eq!(app.health[0].len(), 1);
    let rows = manualpack::tui::screen::home::rows(&app.ctx());
    assert!(
        rows.iter()
            .any(|r| matches!(r, Row::Item { label, .. } if label == "Pack health (1 error)")),
        "{rows:#?}"
    );
}

#[test]
fn carets_sit_at_the_offending_character() {
    // MP012 at the `open` value, not the [[triage]] header
    let d = only(&fixture("triage-target"), TODAY);
    assert_eq!((d.code, d.line, d.column), ("MP012", 14, 9), "{d:#?}");
    let text = render::human(&d);
    assert!(
        text.contains("14 | open = \"phone-down\"\n   |         ^\n"),
        "{text}"
    );
    // MP013 under the letter l in the number, not the key
    let d = only(&fixture("phone-chars"), TODAY);
    assert_eq!((d.code, d.line, d.column), ("MP013", 4, 21), "{d:#?}");
    let text = render::human(&d);
    assert!(
        text.contains("4 | phone = \"01632 96000l\"\n  |                     ^\n"),
        "{text}"
    );
}

#[test]
fn a_hidden_character_in_a_number_is_one_error_at_that_character() {
    let (_tmp, dir) = generated("hidden-number");
    let contacts = dir.join("contacts.toml");
    let text = std::fs::read_to_string(&contacts).expect("read");
    let line = text
        .lines()
        .position(|l| l.starts_with("phone = "))
        .expect("a phone line")
        + 1;
    let number = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.split('"').nth(1))
        .expect("a number")
        .to_string();
    let hidden = format!("{number}\\u001b[8m");
    std::fs::write(&contacts, text.replacen(&number, &hidden, 1)).expect("write");
    // one diagnostic: MP035, not also MP070 for the same escape
    let d = only(&dir, TODAY);
    let column = "phone = \"".len() + number.chars().count() + 1;
    assert_diag(
        &d,
        codes::PHONE_HIDDEN,
        "hidden-number/contacts.toml",
        line,
        Error,
    );
    assert_eq!(d.column, column, "{d:#?}");
    assert!(d.message.contains("U+001B (escape)"), "{d:#?}");
    assert!(d.help.contains("retype"), "{d:#?}");
    // the pack still loads, the number shown sanitised, and no output dials a hidden digit
    let set = PackSet::open(&dir, &Limits::default());
    let c = &set.packs[0]
        .contacts
        .iter()
        .find(|c| c.phone.as_deref().is_some_and(|p| p.contains("<ESC>")))
        .expect("the contact");
    let phone = c.phone.as_deref().expect("phone");
    assert_eq!(phone, format!("{number}<ESC>[8m"));
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let site = manualpack::html::render(&set);
    let tels: Vec<&str> = site
        .iter()
        .flat_map(|f| f.text.split("href=\"tel:").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(tels.contains(&digits.as_str()), "{tels:?}");
    assert!(
        tels.iter()
            .all(|t| !t.ends_with("6008") && !t.ends_with('8')),
        "{tels:?}"
    );
    let vcard = manualpack::vcard::pack(&set.packs[0]);
    assert!(
        vcard.contains(&format!("TEL;TYPE=WORK,VOICE:{number}\r\n")),
        "{vcard}"
    );
    assert!(!vcard.contains("[8m"), "{vcard}");
}

#[test]
fn a_2_mib_line_is_quoted_as_a_small_excerpt() {
    let (_tmp, dir) = generated("long-line");
    let doc = dir.join("procedures/phones-down.md");
    // three findings at the end of one 2 MiB line: a control character, raw HTML, a TODO
    let line = "A long line ".repeat(2 * 1024 * 1024 / 12) + "\u{1b}[8m <b>x</b> TODO\n";
    append(&doc, format!("\n{line}").as_bytes());
    let out = manualpack()
        .args(["check", dir.to_str().expect("UTF-8 path")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    hostile::assert_clean(&out.stdout, "check on a 2 MiB line");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.len() < 4096, "{} bytes of output", text.len());
    for code in ["MP070", "MP073", "MP050"] {
        assert!(text.contains(&format!("[{code}]")), "{text}");
    }
    assert_eq!(text.matches("\n13 | …").count(), 3, "{text}");
    // the caret sits under the escape's placeholder
    let lines: Vec<&str> = text.lines().collect();
    let quoted = lines
        .iter()
        .position(|l| l.contains("<ESC>[8m"))
        .expect("the quoted line");
    let at = lines[quoted].find("<ESC>").expect("placeholder");
    let caret = lines[quoted + 1].find('^').expect("a caret");
    assert_eq!(
        lines[quoted][..at].chars().count(),
        lines[quoted + 1][..caret].chars().count(),
        "{text}"
    );
    // --json quotes the same excerpt
    let out = manualpack()
        .args(["check", "--json", dir.to_str().expect("UTF-8 path")])
        .output()
        .expect("runs");
    assert!(
        out.stdout.len() < 4096,
        "{} bytes of JSON",
        out.stdout.len()
    );
}

#[test]
fn no_load_problem_of_the_fixtures_or_the_hostile_pack_is_mp000() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut dirs = vec![hostile::hostile_pack(tmp.path())];
    for root in [FIXTURES, "tests/fixtures"] {
        for e in std::fs::read_dir(root).expect("fixtures") {
            let path = e.expect("entry").path();
            if path.join("pack.toml").is_file() {
                dirs.push(path);
            }
        }
    }
    assert!(dirs.len() > 30, "{dirs:?}");
    let mut seen = std::collections::BTreeSet::new();
    for dir in &dirs {
        let set = PackSet::open(dir, &Limits::default());
        let problems = set
            .problems
            .iter()
            .chain(set.packs.iter().flat_map(|p| &p.problems));
        for p in problems {
            assert_ne!(p.code, codes::LOAD_OTHER.id, "{p:#?}");
            let code = codes::ALL
                .iter()
                .find(|c| c.id == p.code)
                .expect("a known code");
            assert_eq!(p.severity, code.severity, "{p:#?}");
            seen.insert(p.code);
        }
    }
    // the hostile pack's number is MP035; the fixtures cover the loader's codes
    for code in [
        codes::TOML_SYNTAX,
        codes::TOML_TYPE,
        codes::MISSING_KEY,
        codes::UNKNOWN_KEY,
        codes::FRONT_MATTER_OPEN,
        codes::FRONT_MATTER_VALUE,
        codes::TRIAGE_TARGET,
        codes::PHONE_CHARS,
        codes::PHONE_HIDDEN,
        codes::INVALID_UTF8,
        codes::SYMLINK,
    ] {
        assert!(
            seen.contains(code.id),
            "no fixture raises {}: {seen:?}",
            code.id
        );
    }
}
