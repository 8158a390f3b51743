//! `manualpack diff OLD NEW` as IT runs it: packs, folders of packs and sticks, in words and JSON.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/packs/example-riverside");

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").unwrap();
    cmd.env_remove("MANUALPACK_KEY_PASSWORD")
        .env_remove("MANUALPACK_PACKS")
        .env("XDG_CONFIG_HOME", "/nonexistent-manualpack-test");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn replace(path: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{old} not in {}", path.display());
    std::fs::write(path, text.replacen(old, new, 1)).unwrap();
}

/// A copy of the example pack in `dir/packs/example-riverside` with one number and one step
/// changed, and its version raised.
fn edited_copy(dir: &Path) -> std::path::PathBuf {
    let copy = dir.join("packs/example-riverside");
    copy_dir(Path::new(EXAMPLE), &copy);
    replace(&copy.join("contacts.toml"), "01632 960001", "01632 960002");
    replace(
        &copy.join("procedures/phones-down.md"),
        "5. Tell the duty manager.",
        "5. Tell the duty manager and the practice manager.",
    );
    replace(&copy.join("pack.toml"), "version = 3", "version = 4");
    copy
}

#[test]
fn one_number_and_one_step_changed_show_exactly_those_two() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = edited_copy(tmp.path());
    let out = manualpack()
        .arg("diff")
        .arg(EXAMPLE)
        .arg(&copy)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let expected = "\
example-riverside (Riverside Surgery): upgraded v3 -> v4
  procedure phones-down \"Phones down\": changed
    step 5 (under \"First five minutes\") reworded
      - Tell the duty manager.
      + Tell the duty manager and the practice manager.
  contact \"ICB IT service desk\" (IT and cyber): changed
    phone: 01632 960001 -> 01632 960002
";
    assert_eq!(text, expected);
}

#[test]
fn json_has_the_step_and_the_number_old_and_new() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = edited_copy(tmp.path());
    let out = manualpack()
        .args(["diff", "--json"])
        .arg(EXAMPLE)
        .arg(&copy)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let pack = &v["packs"][0];
    assert_eq!(pack["status"], "upgraded");
    assert_eq!(
        (pack["old_version"].as_i64(), pack["new_version"].as_i64()),
        (Some(3), Some(4))
    );
    let step = &pack["docs"][0]["details"][0];
    assert_eq!(step["what"], "step");
    assert_eq!(step["change"], "reworded");
    assert_eq!(step["number"], 5);
    let field = &pack["contacts"][0]["fields"][0];
    assert_eq!(
        (field["old"].as_str(), field["new"].as_str()),
        (Some("01632 960001"), Some("01632 960002"))
    );
}

#[test]
fn the_same_packs_have_no_differences_and_exit_0() {
    manualpack()
        .arg("diff")
        .arg(EXAMPLE)
        .arg(EXAMPLE)
        .assert()
        .success()
        .stdout("No differences.\n");
}

#[test]
fn folders_of_packs_name_packs_added_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    copy_dir(Path::new(EXAMPLE), &old.join("example-riverside"));
    let new = tmp.path().join("new");
    copy_dir(Path::new(EXAMPLE), &new.join("second-copy"));
    manualpack()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout(contains("second-copy (Riverside Surgery): added, v3"))
        .stdout(contains(
            "example-riverside (Riverside Surgery): removed (was v3)",
        ));
}

#[test]
fn a_stick_compares_with_the_packs_about_to_go_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys"))
        .assert()
        .success();
    manualpack()
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/packs"))
        .arg("--key")
        .arg(dir.join("keys/manualpack.key"))
        .assert()
        .success();
    manualpack()
        .arg("diff")
        .arg(dir.join("stick"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/packs"))
        .assert()
        .success()
        .stdout("No differences.\n");
    let copy = edited_copy(&dir.join("new"));
    manualpack()
        .arg("diff")
        .arg(dir.join("stick"))
        .arg(copy.parent().unwrap())
        .assert()
        .code(1)
        .stdout(contains("upgraded v3 -> v4"))
        .stdout(contains("phone: 01632 960001 -> 01632 960002"));
}

#[test]
fn a_side_with_no_pack_is_a_clear_error_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    manualpack()
        .arg("diff")
        .arg(EXAMPLE)
        .arg(tmp.path().join("nothing-here"))
        .assert()
        .code(2)
        .stderr(contains("manualpack:"));
}

fn have_pdftotext() -> bool {
    let ok = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    // CI installs it: there a missing tool is a failure, not a skip
    assert!(
        ok || std::env::var("CI").is_err(),
        "pdftotext not found under CI: .ci/run must install poppler-utils"
    );
    ok
}

fn pdf_text(file: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_binder_and_the_sign_sheet_list_what_changed_since_an_earlier_version() {
    if !have_pdftotext() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let copy = edited_copy(tmp.path());
    for (flag, name) in [
        ("--binder", "binder.pdf"),
        ("--read-and-signed", "signed.pdf"),
    ] {
        let file = tmp.path().join(name);
        manualpack()
            .args(["print", flag, "--since", EXAMPLE, "--path"])
            .arg(&copy)
            .arg("-o")
            .arg(&file)
            .assert()
            .success();
        let text = pdf_text(&file);
        for expected in [
            "Phones down (procedure): step 5 reworded",
            "Phone changed: ICB IT service desk, 01632 960001 -> 01632 960002",
        ] {
            assert!(text.contains(expected), "{flag}: {expected} not in\n{text}");
        }
    }
    let text = pdf_text(&tmp.path().join("binder.pdf"));
    let page = text
        .find("Found by comparing with the previous version")
        .unwrap();
    let contents = text.find("Contents").unwrap();
    assert!(contents < page, "the changes page comes after the contents");
    // --since goes only with the binder or the sheet
    manualpack()
        .args(["print", "--contacts", "--since", EXAMPLE, "--path"])
        .arg(&copy)
        .assert()
        .code(2)
        .stderr(contains("--since goes with --binder or --read-and-signed"));
}

/// A stick-like folder: `content/packs/example-riverside` (the edited copy, version 4) and
/// `content/previous/example-riverside.json` (the example pack, version 3, as a refresh keeps it).
fn stick_like(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    edited_copy(&content);
    let old = manualpack::changes::snapshots_at(Path::new(EXAMPLE)).unwrap();
    std::fs::create_dir_all(content.join("previous")).unwrap();
    std::fs::write(
        content.join("previous/example-riverside.json"),
        old[0].to_json(),
    )
    .unwrap();
    content.join("packs")
}

#[test]
fn a_pack_on_a_stick_is_compared_with_the_version_the_stick_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let packs = stick_like(tmp.path());
    let site = tmp.path().join("site");
    manualpack()
        .arg("html")
        .arg(&packs)
        .arg("-o")
        .arg(&site)
        .assert()
        .success();
    let page = std::fs::read_to_string(site.join("changes.html"))
        .or_else(|_| std::fs::read_to_string(site.join("example-riverside/changes.html")))
        .unwrap();
    assert!(
        page.contains("Found by comparing with the previous version"),
        "{page}"
    );
    assert!(
        page.contains("Phones down (procedure): step 5 reworded"),
        "{page}"
    );
    assert!(page.contains("01632 960001 -&gt; 01632 960002"), "{page}");
    if have_pdftotext() {
        let file = tmp.path().join("binder.pdf");
        manualpack()
            .args(["print", "--binder", "--path"])
            .arg(&packs)
            .arg("-o")
            .arg(&file)
            .assert()
            .success();
        assert!(pdf_text(&file).contains("Phones down (procedure): step 5 reworded"));
    }
    // A tampered snapshot's hidden characters never reach the page.
    let previous = tmp.path().join("content/previous/example-riverside.json");
    let text = std::fs::read_to_string(&previous)
        .unwrap()
        .replace("Tell the duty manager.", "Tell the duty manager.\\u001b[2J");
    std::fs::write(&previous, text).unwrap();
    let site = tmp.path().join("site2");
    manualpack()
        .arg("html")
        .arg(&packs)
        .arg("-o")
        .arg(&site)
        .assert()
        .success();
    let out = manualpack()
        .arg("diff")
        .arg(tmp.path().join("content/previous/example-riverside.json"))
        .arg(&packs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("upgraded v3 -> v4"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("- Tell the duty manager.<ESC>[2J"), "{text}");
}
