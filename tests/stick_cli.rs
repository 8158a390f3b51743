//! `manualpack keygen`, `stick build` and `stick verify` as IT runs them: exit codes and wording.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

const PHONES: &str = "packs/example-riverside/procedures/phones-down.md";

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").unwrap();
    cmd.env_remove("MANUALPACK_KEY_PASSWORD")
        .env("XDG_CONFIG_HOME", "/nonexistent-manualpack-test");
    cmd
}

fn packs() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/packs"))
}

fn setup(dir: &Path) {
    std::fs::create_dir_all(dir.join("bins")).unwrap();
    std::fs::write(dir.join("bins/manualpack.exe"), b"MZ stand-in").unwrap();
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys"))
        .assert()
        .success()
        .stdout(contains("WITHOUT a password"));
}

fn build(dir: &Path) -> assert_cmd::assert::Assert {
    manualpack()
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(packs())
        .arg("--bin-dir")
        .arg(dir.join("bins"))
        .arg("--key")
        .arg(dir.join("keys/manualpack.key"))
        .assert()
}

fn verify(dir: &Path) -> assert_cmd::assert::Assert {
    manualpack()
        .args(["stick", "verify"])
        .arg(dir.join("stick"))
        .arg("--pubkey")
        .arg(dir.join("keys/manualpack.pub"))
        .assert()
}

#[test]
fn build_then_verify_then_a_flipped_byte_fails_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    build(dir)
        .success()
        .stdout(contains("pack example-riverside v3: Riverside Surgery"));
    verify(dir)
        .success()
        .stdout(contains("OK: every file matches"));
    let doc = dir.join("stick/manualpack").join(PHONES);
    let mut bytes = std::fs::read(&doc).unwrap();
    bytes[3] ^= 1;
    std::fs::write(&doc, bytes).unwrap();
    verify(dir)
        .code(1)
        .stdout(contains(format!("changed since it was signed: {PHONES}")));
    let json = verify(dir).code(1).get_output().stdout.clone();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap_or_default();
    assert!(value.is_null(), "text output is not JSON");
    let out = manualpack()
        .args(["stick", "verify", "--json"])
        .arg(dir.join("stick"))
        .arg("--pubkey")
        .arg(dir.join("keys/manualpack.pub"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["findings"][0]["kind"], "changed");
    assert_eq!(value["findings"][0]["path"], PHONES);
}

#[test]
fn without_a_trusted_key_verify_fails_and_says_how_to_trust_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    build(dir).success();
    manualpack()
        .args(["stick", "verify"])
        .arg(dir.join("stick"))
        .assert()
        .code(1)
        .stdout(contains("but you trust no keys yet: pass --pubkey"));
}

#[test]
fn the_test_hook_stops_a_refresh_and_the_stick_still_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    build(dir).success();
    let mut cmd = manualpack();
    cmd.env("MANUALPACK_TEST_STOP_AFTER", "5")
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(packs())
        .arg("--bin-dir")
        .arg(dir.join("bins"))
        .arg("--key")
        .arg(dir.join("keys/manualpack.key"));
    cmd.assert()
        .code(3)
        .stderr(contains("stopped after 5 step(s)"));
    assert!(dir.join("stick/.manualpack-new").exists());
    verify(dir)
        .success()
        .stdout(contains("an earlier refresh did not finish"));
}

#[test]
fn an_encrypted_key_needs_its_password() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("bins")).unwrap();
    std::fs::write(dir.join("bins/manualpack.exe"), b"MZ stand-in").unwrap();
    manualpack()
        .env("MANUALPACK_KEY_PASSWORD", "correct horse")
        .args(["keygen", "-o"])
        .arg(dir.join("keys"))
        .assert()
        .success()
        .stdout(contains("protected by your password"));
    let key = std::fs::read_to_string(dir.join("keys/manualpack.key")).unwrap();
    assert!(key.starts_with("untrusted comment: "), "minisign's format");
    manualpack()
        .env("MANUALPACK_KEY_PASSWORD", "wrong")
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(packs())
        .arg("--bin-dir")
        .arg(dir.join("bins"))
        .arg("--key")
        .arg(dir.join("keys/manualpack.key"))
        .assert()
        .code(1)
        .stderr(contains("Wrong password"));
    assert!(!dir.join("stick").exists());
    manualpack()
        .env("MANUALPACK_KEY_PASSWORD", "correct horse")
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(packs())
        .arg("--bin-dir")
        .arg(dir.join("bins"))
        .arg("--key")
        .arg(dir.join("keys/manualpack.key"))
        .assert()
        .success();
    verify(dir).success();
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys"))
        .assert()
        .code(1)
        .stderr(contains("already exists"));
}

// ---- issue 14: the check gate and the refresh summary, as IT meets them ----

/// `stick build DEST --packs PACKS --bin-dir bins --key KEY` plus `extra`, from `dir`'s setup.
fn build_with(dir: &Path, packs: &Path, key: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    manualpack()
        .args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(packs)
        .arg("--bin-dir")
        .arg(dir.join("bins"))
        .arg("--key")
        .arg(dir.join(key).join("manualpack.key"))
        .args(extra)
        .assert()
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// Every file under `dir` with its bytes: compared before and after to prove nothing was written.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    if dir.exists() {
        for entry in walkdir(dir) {
            let rel = entry.strip_prefix(dir).unwrap().display().to_string();
            out.insert(rel, std::fs::read(&entry).unwrap_or_default());
        }
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push(path.join("")); // the folder itself counts (its bytes read as empty)
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What IT does after `manualpack init`: every `TODO: ...` becomes real text and every
/// placeholder number (ending 000000) a real (fictional) one, in `pack.toml`, `contacts.toml`
/// and the documents.
fn fill_in_placeholders(pack: &Path) {
    let mut next = 100;
    for rel in walkdir(pack) {
        if !rel.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&rel).unwrap();
        let mut filled = String::new();
        for line in text.split_inclusive('\n') {
            let mut line = line.replace("TODO: ", "");
            line = line.replace("ODS code, e.g. Y00000", "Y12345");
            for (dummy, real) in [("01632 000000", "01632 960"), ("07700 000000", "07700 900")] {
                if line.contains(dummy) && !line.trim_start().starts_with('#') {
                    next += 1;
                    line = line.replace(dummy, &format!("{real}{next}"));
                }
            }
            filled.push_str(&line);
        }
        std::fs::write(&rel, filled).unwrap();
    }
}

fn set_version(pack: &Path, version: i64) {
    let toml = std::fs::read_to_string(pack.join("pack.toml")).unwrap();
    let toml: String = toml
        .lines()
        .map(|l| {
            if l.starts_with("version = ") {
                format!("version = {version}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(pack.join("pack.toml"), toml).unwrap();
}

fn replace_in(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} lacks {from}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// The "Done when" of issue 14, as IT would try it: a new pack straight from `init` is refused
/// with its placeholders listed as `check` lists them, and nothing is written; filled in, it
/// builds and verifies.
#[test]
fn a_pack_from_init_is_refused_with_its_placeholders_listed_until_they_are_filled_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    let pack = dir.join("new");
    manualpack()
        .args(["init"])
        .arg(&pack)
        .args(["--name", "Test Surgery"])
        .assert()
        .success();
    let check = manualpack().arg("check").arg(&pack).assert().code(1);
    let check = stdout_of(&check);
    let refused = build_with(dir, &pack, "keys", &[]).code(1);
    let out = stdout_of(&refused);
    assert!(out.contains(&check), "check's report, exactly:\n{out}");
    assert!(
        out.contains("placeholder dummy number `01632 000000`"),
        "{out}"
    );
    assert!(out.contains("placeholder `TODO`"), "{out}");
    assert!(out.contains("new (Test Surgery): added, v1"), "{out}");
    let err = stderr_of(&refused);
    assert!(err.contains("nothing was written"), "{err}");
    assert!(
        err.contains("fail `manualpack check` with 12 error(s)"),
        "{err}"
    );
    assert!(err.contains("--allow-errors"), "{err}");
    assert!(!dir.join("stick").exists(), "nothing may be written");

    fill_in_placeholders(&pack);
    manualpack().arg("check").arg(&pack).assert().success();
    let built = build_with(dir, &pack, "keys", &[]).success();
    assert!(stdout_of(&built).contains("ok: 1 pack checked, no problems"));
    verify(dir).success();
}

/// Warnings are printed as `check` prints them, and do not stop the build.
#[test]
fn check_warnings_are_printed_but_do_not_stop_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    let second = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/second-pack"
    ));
    let out = stdout_of(&build_with(dir, second, "keys", &[]).success());
    assert!(out.contains("warning[MP075]"), "{out}");
    assert!(out.contains("0 errors, 2 warnings in 1 pack"), "{out}");
    verify(dir).success();
}

/// A refresh that would drop a pack is refused and names it; `--remove` lets it go, and
/// `--remove` naming a pack the stick does not hold is a usage error.
#[test]
fn a_refresh_that_drops_a_pack_is_refused_and_names_it_unless_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    let both = dir.join("both");
    copy_tree(
        &packs().join("example-riverside"),
        &both.join("example-riverside"),
    );
    copy_tree(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/second-pack/glannau-llyr"
        )),
        &both.join("glannau-llyr"),
    );
    let first = stdout_of(&build_with(dir, &both, "keys", &[]).success());
    assert!(first.contains("First build of"), "{first}");
    assert!(
        first.contains("example-riverside (Riverside Surgery): added, v3"),
        "{first}"
    );
    assert!(first.contains("glannau-llyr"), "{first}");
    let before = tree(&dir.join("stick"));

    let refused = build_with(dir, packs(), "keys", &[]).code(1);
    let out = stdout_of(&refused);
    assert!(out.contains("glannau-llyr (Glannau Llŷr"), "{out}");
    assert!(out.contains("removed (was v8)"), "{out}");
    assert!(
        out.contains("example-riverside (Riverside Surgery): unchanged, v3"),
        "{out}"
    );
    let err = stderr_of(&refused);
    assert!(err.contains("glannau-llyr"), "{err}");
    assert!(err.contains("--remove glannau-llyr"), "{err}");
    assert_eq!(
        tree(&dir.join("stick")),
        before,
        "a refused refresh writes nothing"
    );

    build_with(dir, packs(), "keys", &["--remove", "no-such-pack"])
        .code(2)
        .stderr(contains("the stick holds no pack no-such-pack"));
    build_with(dir, &both, "keys", &["--remove", "glannau-llyr"])
        .code(2)
        .stderr(contains("glannau-llyr is in --packs"));
    assert_eq!(tree(&dir.join("stick")), before);

    build_with(dir, packs(), "keys", &["--remove", "glannau-llyr"]).success();
    let listed = stdout_of(&verify(dir).success());
    assert!(listed.contains("Pack example-riverside v3"), "{listed}");
    assert!(!listed.contains("glannau-llyr"), "{listed}");
}

/// The same version with other content is refused, naming the pack, its version and what
/// changed; with the version raised it builds.
#[test]
fn the_same_version_with_changed_content_is_refused_the_version_must_rise() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    let pack = dir.join("packs/example-riverside");
    copy_tree(&packs().join("example-riverside"), &pack);
    build_with(dir, &pack, "keys", &[]).success();
    let before = tree(&dir.join("stick"));
    replace_in(&pack.join("contacts.toml"), "01632 960210", "01632 960299");
    let refused = build_with(dir, &pack, "keys", &[]).code(1);
    let out = stdout_of(&refused);
    assert!(
        out.contains("changed but still v3 (the version must rise)"),
        "{out}"
    );
    assert!(out.contains("01632 960210 -> 01632 960299"), "{out}");
    let err = stderr_of(&refused);
    assert!(
        err.contains("example-riverside: version 3 is already on the stick"),
        "{err}"
    );
    assert!(err.contains("01632 960210 -> 01632 960299"), "{err}");
    assert!(err.contains("the version must rise"), "{err}");
    assert_eq!(tree(&dir.join("stick")), before);

    // a change the change model does not see (an image, a setting) still needs a new version
    replace_in(&pack.join("contacts.toml"), "01632 960299", "01632 960210");
    std::fs::write(pack.join("notes-for-it.txt"), "kept with the pack\n").unwrap();
    let err = stderr_of(&build_with(dir, &pack, "keys", &[]).code(1));
    assert!(err.contains("files: notes-for-it.txt added"), "{err}");
    std::fs::remove_file(pack.join("notes-for-it.txt")).unwrap();

    replace_in(&pack.join("contacts.toml"), "01632 960210", "01632 960299");
    set_version(&pack, 4);
    let out = stdout_of(&build_with(dir, &pack, "keys", &[]).success());
    assert!(out.contains("upgraded v3 -> v4"), "{out}");
    assert!(out.contains("number changed:"), "{out}");
    assert!(out.contains("01632 960210 -> 01632 960299"), "{out}");
    verify(dir).success();
}

/// Another signing key is refused, then accepted with --new-key, and the summary says so.
#[test]
fn a_new_signing_key_is_refused_then_accepted_with_new_key_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys2"))
        .assert()
        .success();
    let id = |keys: &str| {
        let text = std::fs::read_to_string(dir.join(keys).join("manualpack.pub")).unwrap();
        let key = manualpack::stick::TrustedKey::from_text(&text, "test").unwrap();
        key.key_id
    };
    let (old, new) = (id("keys"), id("keys2"));
    build_with(dir, packs(), "keys", &[]).success();
    let before = tree(&dir.join("stick"));
    let refused = build_with(dir, packs(), "keys2", &[]).code(1);
    let changes = format!("signing key changes from {old} to {new}");
    assert!(stdout_of(&refused).contains(&changes));
    let err = stderr_of(&refused);
    assert!(err.contains("--new-key"), "{err}");
    assert_eq!(tree(&dir.join("stick")), before);
    let out = stdout_of(&build_with(dir, packs(), "keys2", &["--new-key"]).success());
    assert!(out.contains(&changes), "{out}");
    assert!(out.contains(&format!("signed by key {new}")), "{out}");
    let same = stdout_of(&build_with(dir, packs(), "keys2", &[]).success());
    assert!(
        same.contains(&format!("signing key: {new} (unchanged)")),
        "{same}"
    );
}

/// --dry-run prints everything and writes nothing, on a first build and on a refresh, whether
/// the build would go ahead (exit 0) or be refused (exit 1).
#[test]
fn a_dry_run_prints_the_summary_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    let out = stdout_of(&build_with(dir, packs(), "keys", &["--dry-run"]).success());
    assert!(
        out.contains("example-riverside (Riverside Surgery): added, v3"),
        "{out}"
    );
    assert!(
        out.contains("Dry run: the build would go ahead; nothing was written."),
        "{out}"
    );
    assert!(!dir.join("stick").exists());

    build_with(dir, packs(), "keys", &[]).success();
    let before = tree(&dir.join("stick"));
    let pack = dir.join("packs/example-riverside");
    copy_tree(&packs().join("example-riverside"), &pack);
    set_version(&pack, 4);
    let out = stdout_of(&build_with(dir, &pack, "keys", &["--dry-run"]).success());
    assert!(out.contains("upgraded v3 -> v4"), "{out}");
    assert_eq!(tree(&dir.join("stick")), before);
    set_version(&pack, 2);
    let refused = build_with(dir, &pack, "keys", &["--dry-run"]).code(1);
    assert!(stderr_of(&refused).contains("the build would be refused"));
    assert!(stderr_of(&refused).contains("version 2 would replace version 3"));
    assert_eq!(tree(&dir.join("stick")), before);
}

/// --json is one document for scripts, with the number change old and new, on dry runs and
/// real builds alike.
#[test]
fn json_output_parses_and_carries_the_number_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    build_with(dir, packs(), "keys", &[]).success();
    let pack = dir.join("packs/example-riverside");
    copy_tree(&packs().join("example-riverside"), &pack);
    replace_in(&pack.join("contacts.toml"), "01632 960210", "01632 960299");

    let refused = build_with(dir, &pack, "keys", &["--dry-run", "--json"]).code(1);
    let v: serde_json::Value = serde_json::from_slice(&refused.get_output().stdout).unwrap();
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["ok"], false);
    assert_eq!(v["refused"][0]["kind"], "same-version");
    assert_eq!(v["refused"][0]["pack"], "example-riverside");
    assert_eq!(v["packs"][0]["status"], "same-version-changed");

    set_version(&pack, 4);
    let dry = build_with(dir, &pack, "keys", &["--dry-run", "--json"]).success();
    let v: serde_json::Value = serde_json::from_slice(&dry.get_output().stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["refused"], serde_json::json!([]));
    assert_eq!(v["check"]["errors"], 0);
    assert_eq!(v["built"], serde_json::Value::Null);
    let p = &v["packs"][0];
    assert_eq!(p["id"], "example-riverside");
    assert_eq!(p["status"], "upgraded");
    assert_eq!(
        (p["old_version"].clone(), p["new_version"].clone()),
        (3.into(), 4.into())
    );
    assert_eq!(p["numbers"][0]["old"], "01632 960210");
    assert_eq!(p["numbers"][0]["new"], "01632 960299");
    assert_eq!(p["previous"], "written");

    let real = build_with(dir, &pack, "keys", &["--json"]).success();
    let v: serde_json::Value = serde_json::from_slice(&real.get_output().stdout).unwrap();
    assert_eq!(v["dry_run"], false);
    assert_eq!(v["packs"][0]["numbers"][0]["new"], "01632 960299");
    assert!(v["built"]["files"].as_u64().unwrap() > 5, "{v}");
    assert_eq!(v["key"]["old"], v["key"]["new"]);
    verify(dir).success();
}

/// --allow-errors builds from a failing pack; the manifest records the errors and
/// `stick verify` fails naming them.
#[test]
fn allow_errors_builds_and_verify_then_fails_listing_the_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    setup(dir);
    let pack = dir.join("new");
    manualpack()
        .args(["init"])
        .arg(&pack)
        .args(["--name", "Test Surgery"])
        .assert()
        .success();
    let out = stdout_of(&build_with(dir, &pack, "keys", &["--allow-errors"]).success());
    assert!(out.contains("built WITH 12 CHECK ERROR(S)"), "{out}");
    let shown = stdout_of(&verify(dir).code(1));
    assert!(
        shown.contains("built with 12 check error(s) (--allow-errors)"),
        "{shown}"
    );
    assert!(
        shown.contains("new/pack.toml:9:10: error[MP050]"),
        "{shown}"
    );
    let json = manualpack()
        .args(["stick", "verify", "--json"])
        .arg(dir.join("stick"))
        .arg("--pubkey")
        .arg(dir.join("keys/manualpack.pub"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["findings"][0]["kind"], "built-with-errors");
    assert_eq!(v["findings"][0]["errors"].as_array().unwrap().len(), 12);
}
