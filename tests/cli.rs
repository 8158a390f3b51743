//! Black-box tests of the command line on fixture packs, broken ones included.

use assert_cmd::Command;
use predicates::prelude::*;

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").expect("binary builds");
    cmd.env_remove("MANUALPACK_PACKS");
    // search indexes are cached: keep them out of the user's own cache folder
    cmd.env(
        "MANUALPACK_CACHE_DIR",
        std::env::temp_dir().join("manualpack-test-cache"),
    );
    // and what --plain records of the packs it opened out of the user's own state folder
    cmd.env(
        "MANUALPACK_STATE_DIR",
        std::env::temp_dir().join("manualpack-test-state"),
    );
    cmd
}

const EXAMPLE: &str = "packs/example-riverside";
const BROKEN: &str = "tests/fixtures/broken-contacts";

#[test]
fn list_shows_the_example_pack() {
    manualpack()
        .args(["list", EXAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Riverside Surgery (example-riverside), version 3",
        ))
        .stdout(predicate::str::contains("procedure  cyber-attack"))
        .stdout(predicate::str::contains("form       appointment-list"))
        .stdout(predicate::str::contains("22 contacts (5 key)"))
        .stdout(predicate::str::contains("problem").not());
}

#[test]
fn list_json_has_packs_documents_and_problems() {
    let out = manualpack()
        .args(["list", "--json", EXAMPLE])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let pack = &v["packs"][0];
    assert_eq!(pack["id"], "example-riverside");
    assert_eq!(pack["version"], 3);
    assert_eq!(pack["example"], true);
    assert!(pack["documents"].as_array().is_some_and(|d| d.len() >= 16));
    assert_eq!(pack["documents"][0]["kind"], "procedure");
    assert_eq!(pack["contacts"], 22);
    assert!(pack["problems"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn a_broken_contacts_file_is_named_with_its_line_and_the_rest_still_lists() {
    manualpack()
        .args(["list", BROKEN])
        .assert()
        .success()
        .stdout(predicate::str::contains("procedure  phones"))
        .stdout(predicate::str::contains("form       slip"))
        .stdout(predicate::str::contains("broken-contacts/contacts.toml:6:"))
        .stdout(predicate::str::contains("invalid TOML"))
        .stdout(predicate::str::contains(
            "broken-contacts/pack.toml:11:1: warning[MP004]: unknown key `colour`",
        ))
        .stdout(predicate::str::contains("opens `no-such-document`"))
        .stdout(predicate::str::contains(
            "broken-contacts/procedures/bad-front.md:2:",
        ));
}

#[test]
fn show_prints_plain_text_within_the_width() {
    let out = manualpack()
        .args(["show", "cyber-attack", EXAMPLE, "--width", "60"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.starts_with("Suspected cyber attack: isolate and report\n"));
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60)
    );
    assert!(!text.contains('\u{1b}'), "no escape codes when piped");
}

const WIDE: &str = "tests/fixtures/wide-table";

fn show(doc: &str, pack: &str, width: usize) -> String {
    let out = manualpack()
        .args(["show", doc, pack, "--width", &width.to_string()])
        .output()
        .expect("runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn show_never_splits_a_word_or_identifier_of_a_table() {
    for width in [50, 60, 80, 100, 120, 140, 200] {
        let text = show("systems-register", WIDE, width);
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= width),
            "{width}:\n{text}"
        );
        let words: std::collections::HashSet<&str> = text
            .lines()
            .flat_map(|l| l.split(['|', ' ']))
            .filter(|w| !w.is_empty())
            .collect();
        for n in 1..=60 {
            let circuit = format!("CYM-HSCN-2093/{n}");
            assert!(
                words.contains(circuit.as_str()),
                "{width}: {circuit}\n{text}"
            );
        }
        for word in [
            "administrator",
            "hl-administrator-01@harbourlane.example.nhs.uk",
        ] {
            assert!(words.contains(word), "{width}: {word} split\n{text}");
        }
        // a grid when the columns can hold their longest words, otherwise records
        let grid = text.contains("+====");
        assert_eq!(grid, width >= 140, "{width}:\n{text}");
        if !grid {
            assert!(
                text.contains("Circuit reference: CYM-HSCN-2093/60\n"),
                "{text}"
            );
        }
    }
    // a wide terminal is used to its full width
    let text = show("systems-register", WIDE, 200);
    assert!(text.lines().any(|l| l.len() == 200), "{text}");
}

#[test]
fn struck_text_and_labelled_warnings_read_right_in_show() {
    let text = show("paper-records", WIDE, 200);
    assert!(
        text.contains("kept for 6 months ~~and shredded after 30 days~~ in the locked"),
        "{text}"
    );
    assert!(text.contains("| 6 months ~~30 days~~ "), "{text}");
    let text = show("systems-register", WIDE, 80);
    assert!(
        text.contains("! WARNING\n! Never read a password out over the phone."),
        "{text}"
    );
    assert!(
        !text.contains("Warning:"),
        "the label is said once:\n{text}"
    );
}

#[test]
fn struck_text_is_marked_in_plain_mode_and_on_a_dumb_terminal() {
    for (args, term) in [(vec!["--plain", WIDE], "xterm"), (vec![WIDE], "dumb")] {
        let out = manualpack()
            .args(&args)
            .env("TERM", term)
            .env("COLUMNS", "100")
            .write_stdin("2\nq\n")
            .output()
            .expect("runs");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(
            text.contains("End of Keeping and shredding paper records."),
            "{text}"
        );
        assert!(
            text.contains("~~and shredded after 30 days~~"),
            "{args:?} {term}:\n{text}"
        );
        assert!(!text.contains('\u{1b}'), "no escape codes");
    }
}

#[test]
fn show_an_unknown_document_fails_with_a_hint() {
    manualpack()
        .args(["show", "no-such-doc", EXAMPLE])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no document `no-such-doc`"))
        .stderr(predicate::str::contains("phones-down"));
}

#[test]
fn a_missing_path_is_a_clear_error() {
    manualpack()
        .args(["list", "/no/such/place"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/place"))
        .stderr(predicate::str::contains("cannot open"));
}

#[test]
fn without_a_path_the_packs_folder_or_the_built_in_example_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    manualpack()
        .current_dir(dir.path())
        .args(["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Riverside Surgery (example-riverside)",
        ));
    manualpack()
        .env("MANUALPACK_PACKS", BROKEN)
        .args(["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Broken Contacts Surgery"));
}

#[test]
fn help_lists_commands_and_exit_codes() {
    manualpack()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("list"))
        .stdout(predicate::str::contains("show"))
        .stdout(predicate::str::contains("Exit codes"));
}

/// A pack with escape sequences and bidi overrides in a heading, a table cell, a link target and
/// a contact name, raw and entity-encoded.
fn hostile_pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("hostile");
    std::fs::create_dir_all(p.join("procedures")).expect("mkdir");
    std::fs::write(
        p.join("pack.toml"),
        "[practice]\nname = \"Evil\\u001b]0;pwned\\u0007 Surgery\"\n[pack]\nversion = 1\nreviewed = 2026-01-01\nnext_review = 2027-01-01\n",
    )
    .expect("write");
    std::fs::write(
        p.join("contacts.toml"),
        "[[contact]]\nname = \"IT \\u001b[2J desk \\u202e\"\nphone = \"01632 960001\"\nkey = true\n",
    )
    .expect("write");
    let doc = "# Head &#27;[2J \u{1b}[31m \u{202e} &#x9b;\n\n| a \u{1b}[1m | b &#27;]52;c;x&#7; |\n|---|---|\n| \u{9b}1m | x |\n\n[link](\u{1b}[2J.md) and [l2](&#27;x.md)\n";
    std::fs::write(p.join("procedures/evil.md"), doc).expect("write");
    std::fs::write(p.join("procedures/na\u{1b}[2Jme.md"), "# File name\n").expect("write");
    dir
}

fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(!bad, "{what} holds U+{:04X}: {text}", c as u32);
    }
}

#[test]
fn escape_sequences_never_reach_stdout_or_stderr() {
    let dir = hostile_pack();
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "evil"],
        vec!["show", "nothing"],
    ] {
        let out = manualpack()
            .args(&args)
            .arg(dir.path())
            .output()
            .expect("runs");
        assert_clean(&out.stdout, &format!("stdout of {args:?}"));
        assert_clean(&out.stderr, &format!("stderr of {args:?}"));
    }
    let out = manualpack()
        .args(["list"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("<ESC>"),
        "escapes are shown as placeholders: {text}"
    );
}

// ---- --plain: the stick's state and what changed ---------------------------------------------

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("made");
    for e in std::fs::read_dir(from).expect("readable") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copied");
        }
    }
}

fn plain_session(path: &std::path::Path, state: &std::path::Path, keys: &str) -> String {
    let out = manualpack()
        .arg("--plain")
        .arg(path)
        .env("MANUALPACK_STATE_DIR", state)
        .env("XDG_CONFIG_HOME", "/nonexistent-manualpack-test")
        .write_stdin(keys)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    text
}

/// What comes before the first "What isn't working?".
fn top_of(text: &str) -> &str {
    text.split("What isn't working?").next().unwrap_or_default()
}

/// A signing key in `dir/keys`, once.
fn keygen(dir: &std::path::Path) {
    if dir.join("keys/manualpack.key").is_file() {
        return;
    }
    std::fs::create_dir_all(dir.join("bins")).expect("made");
    std::fs::write(dir.join("bins/manualpack.exe"), b"MZ stand-in").expect("written");
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys"))
        .env_remove("MANUALPACK_KEY_PASSWORD")
        .assert()
        .success();
}

/// Build (or refresh) the stick `dir/stick` with the packs at `packs`.
fn build_stick(dir: &std::path::Path, packs: &std::path::Path) {
    keygen(dir);
    manualpack()
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(packs)
        .arg("--bin-dir")
        .arg(dir.join("bins"))
        .arg("--key")
        .arg(dir.join("keys/manualpack.key"))
        .env_remove("MANUALPACK_KEY_PASSWORD")
        .assert()
        .success();
}

#[test]
fn plain_mode_tops_its_first_menu_with_the_sticks_state() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    build_stick(dir, std::path::Path::new(EXAMPLE));
    let packs = dir.join("stick/manualpack/packs");
    let state = dir.join("state");
    // signed, by a key this PC does not trust: the header's words, at the top
    let text = plain_session(&packs, &state, "q\n");
    let top = top_of(&text);
    assert!(
        top.contains("stick signed by ") && top.contains("(not a key you trust), built "),
        "{text}"
    );
    assert!(!top.contains("CHANGED"), "{text}");
    // a changed file: the banner's words, at the top of every menu
    let doc = packs.join("example-riverside/procedures/phones-down.md");
    let mut bytes = std::fs::read(&doc).expect("read");
    bytes[3] ^= 1;
    std::fs::write(&doc, bytes).expect("written");
    let text = plain_session(&packs, &state, "3\nq\n");
    let banner = "CHANGED SINCE IT WAS SIGNED: packs/example-riverside/procedures/phones-down.md";
    assert!(top_of(&text).contains(banner), "{text}");
    assert_eq!(text.matches(banner).count(), 2, "{text}");
    // not on a stick: nothing said about one
    let text = plain_session(std::path::Path::new(EXAMPLE), &state, "q\n");
    assert!(!top_of(&text).contains("stick"), "{text}");
}

#[test]
fn plain_mode_says_what_changed_since_this_pc_last_opened_the_pack() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pack = tmp.path().join("packs/example-riverside");
    copy_dir(std::path::Path::new(EXAMPLE), &pack);
    let state = tmp.path().join("state");
    let edit = |file: &str, old: &str, new: &str| {
        let path = pack.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(old), "{old}");
        std::fs::write(&path, text.replacen(old, new, 1)).expect("written");
    };
    // version 2 opened on this PC first: nothing to say
    edit("pack.toml", "version = 3", "version = 2");
    edit("contacts.toml", "01632 960001", "01632 960009");
    let phones = "procedures/phones-down.md";
    edit(
        phones,
        "5. Tell the duty manager.",
        "5. Tell the practice manager.",
    );
    let text = plain_session(&pack, &state, "q\n");
    assert!(!text.contains("Changed in version"), "{text}");
    assert!(text.contains("  W. What changed in version 2\n"), "{text}");
    // then version 3, with a new number
    edit("pack.toml", "version = 2", "version = 3");
    edit("contacts.toml", "01632 960009", "01632 960001");
    edit(
        phones,
        "5. Tell the practice manager.",
        "5. Tell the duty manager.",
    );
    // the changed procedure, twice: what changed in it is said before it the first time only
    let text = plain_session(&pack, &state, "3\n3\nw\nq\n");
    let note = "Changed in version 3 (until you have read it once):\n    step 5 (under \"First five minutes\") reworded\n      - Tell the practice manager.\n      + Tell the duty manager.\n";
    assert_eq!(text.matches(note).count(), 1, "{text}");
    assert!(text.find(note) < text.find("End of Phones down."), "{text}");
    assert!(
        text.contains("Changed in version 3 (since version 2): type W to see what changed."),
        "{text}"
    );
    assert!(text.contains("  W. What changed in version 3\n"), "{text}");
    assert!(
        text.contains("What changed in version 3 (since version 2):\n"),
        "{text}"
    );
    assert!(
        text.contains("phone: 01632 960009 -> 01632 960001"),
        "{text}"
    );
    assert!(text.contains("End of what changed."), "{text}");
    // the pack's own notes on version 3 come first
    let notes = text.find("The pack's own notes:\n  Version 3, 2026-10-01: Steps 4 and 5");
    assert!(
        notes.is_some() && notes < text.find("What the reader found:"),
        "{text}"
    );
    // read once: the notice goes, the list stays
    let text = plain_session(&pack, &state, "q\n");
    assert!(!text.contains("Changed in version 3 (since"), "{text}");
    assert!(text.contains("  W. What changed in version 3\n"), "{text}");
}

#[test]
fn after_a_refresh_a_pc_new_to_the_pack_is_told_what_changed_from_the_sticks_previous_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let old = dir.join("old/example-riverside");
    copy_dir(std::path::Path::new(EXAMPLE), &old);
    let edit = |file: &str, from: &str, to: &str| {
        let path = old.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("written");
    };
    // version 2: no entry for version 3 yet, another number, step 5 said something else
    edit("pack.toml", "version = 3", "version = 2");
    edit(
        "pack.toml",
        "[[changes]]\nversion = 3",
        "[[old]]\nversion = 3",
    );
    let toml = std::fs::read_to_string(old.join("pack.toml")).expect("read");
    let cut = toml.find("[[old]]").expect("the v3 entry");
    let rest = toml[cut..]
        .find("[[changes]]")
        .map_or(toml.len(), |i| cut + i);
    std::fs::write(
        old.join("pack.toml"),
        format!("{}{}", &toml[..cut], &toml[rest..]),
    )
    .expect("written");
    edit("contacts.toml", "01632 960001", "01632 960009");
    edit(
        "procedures/phones-down.md",
        "5. Tell the duty manager.",
        "5. Tell the practice manager.",
    );
    build_stick(dir, &dir.join("old"));
    build_stick(dir, std::path::Path::new(EXAMPLE));
    let packs = dir.join("stick/manualpack/packs");
    // a PC that never opened the pack: the stick's previous version says what changed
    let text = plain_session(&packs, &dir.join("state"), "w\nq\n");
    assert!(
        !top_of(&text).contains("CHANGED"),
        "the previous version is signed: {text}"
    );
    assert!(
        text.contains("Changed in version 3 (since version 2): type W to see what changed."),
        "{text}"
    );
    assert!(
        text.contains("phone: 01632 960009 -> 01632 960001"),
        "{text}"
    );
    assert!(text.contains("+ Tell the duty manager."), "{text}");
}
