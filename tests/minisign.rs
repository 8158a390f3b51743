//! Interop with the stock `minisign` tool, both ways: manualpack signs with the stock tool's secret
//! keys (encrypted or not) and `minisign -V` checks what it signed; `stick verify` accepts a
//! manifest the stock tool signed, whatever its trusted comment, and still refuses a changed one.
//! Tests that run the tool fail under `CI=true` when it is missing (CI installs Debian's
//! `minisign`) and are skipped with a message otherwise; the ones using the stock keys in
//! tests/fixtures/minisign/ always run.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};

use assert_cmd::Command;
use predicates::str::contains;

const PHONES: &str = "packs/example-riverside/procedures/phones-down.md";
const FIXTURE_PASSWORD: &str = "correct horse battery";

fn manualpack() -> Command {
    let mut cmd = Command::cargo_bin("manualpack").unwrap();
    cmd.env_remove("MANUALPACK_KEY_PASSWORD")
        .env("XDG_CONFIG_HOME", "/nonexistent-manualpack-test");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/minisign")
        .join(name)
}

fn have_minisign() -> bool {
    let ok = StdCommand::new("minisign").arg("-v").output().is_ok();
    // CI installs it: there a missing tool is a failure, not a skip
    assert!(
        ok || std::env::var("CI").is_err(),
        "minisign not found under CI: .ci/run must install Debian's minisign"
    );
    if !ok {
        println!(
            "minisign not found: install it (apt-get install minisign) to run this test; skipping"
        );
    }
    ok
}

/// Run the stock tool with `stdin` as its input (it reads passwords from stdin when that is not a
/// terminal); panics with its output unless it succeeds.
fn minisign(args: &[&str], dir: &Path, stdin: &str) -> Output {
    let mut child = StdCommand::new("minisign")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "minisign failed: {text}");
    text
}

fn bins(dir: &Path) -> PathBuf {
    let bins = dir.join("bins");
    std::fs::create_dir_all(&bins).unwrap();
    std::fs::write(bins.join("manualpack.exe"), b"MZ stand-in").unwrap();
    bins
}

fn build(dir: &Path, key: &Path, password: Option<&str>) -> assert_cmd::assert::Assert {
    let mut cmd = manualpack();
    if let Some(p) = password {
        cmd.env("MANUALPACK_KEY_PASSWORD", p);
    }
    cmd.args(["stick", "build"])
        .arg(dir.join("stick"))
        .arg("--packs")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/packs"))
        .arg("--bin-dir")
        .arg(bins(dir))
        .arg("--key")
        .arg(key)
        .assert()
}

fn verify(dir: &Path, public: &Path) -> assert_cmd::assert::Assert {
    manualpack()
        .args(["stick", "verify"])
        .arg(dir.join("stick"))
        .arg("--pubkey")
        .arg(public)
        .assert()
}

fn manifest(dir: &Path) -> PathBuf {
    dir.join("stick/manualpack/manifest.json")
}

#[test]
fn a_stock_unencrypted_key_signs_a_stick() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    build(dir, &fixture("unencrypted.key"), None)
        .success()
        .stdout(contains("pack example-riverside v3"));
    verify(dir, &fixture("unencrypted.pub"))
        .success()
        .stdout(contains("OK: every file matches"));
}

#[test]
fn a_stock_encrypted_key_signs_a_stick_with_its_password_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    build(dir, &fixture("encrypted.key"), Some("wrong"))
        .code(1)
        .stderr(contains("Wrong password"));
    assert!(!dir.join("stick").exists());
    build(dir, &fixture("encrypted.key"), Some(FIXTURE_PASSWORD)).success();
    verify(dir, &fixture("encrypted.pub")).success();
}

#[test]
fn a_damaged_or_foreign_key_file_is_refused_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // a public key where the secret key belongs
    build(dir, &fixture("unencrypted.pub"), None)
        .code(1)
        .stderr(contains("not a minisign secret key"));
    // one bit of the Ed25519 seed flipped: the key no longer matches its public half, and the
    // stock -W key has no checksum to say so
    let text = std::fs::read_to_string(fixture("unencrypted.key")).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut line: Vec<u8> = lines[1].clone().into_bytes();
    let at = 100; // base64 character 100 is byte 75: inside the seed (bytes 62..94)
    line[at] = if line[at] == b'A' { b'B' } else { b'A' };
    lines[1] = String::from_utf8(line).unwrap();
    let damaged = dir.join("damaged.key");
    std::fs::write(&damaged, lines.join("\n") + "\n").unwrap();
    build(dir, &damaged, None)
        .code(1)
        .stderr(contains("the key is damaged"));
    assert!(!dir.join("stick").exists());
}

#[test]
fn keys_made_by_stock_minisign_sign_sticks_that_minisign_verifies() {
    if !have_minisign() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // unencrypted: minisign -G -W
    ok(minisign(
        &["-G", "-W", "-p", "plain.pub", "-s", "plain.key"],
        dir,
        "",
    ));
    build(dir, &dir.join("plain.key"), None).success();
    let checked = ok(minisign(
        &[
            "-V",
            "-p",
            "plain.pub",
            "-m",
            manifest(dir).to_str().unwrap(),
        ],
        dir,
        "",
    ));
    assert!(checked.contains("Trusted comment: manualpack stick\tpacks: example-riverside v3"));
    verify(dir, &dir.join("plain.pub"))
        .success()
        .stdout(contains("OK: every file matches"));

    // encrypted: minisign -G reads the password twice from stdin when it is not a terminal
    ok(minisign(
        &["-G", "-p", "locked.pub", "-s", "locked.key"],
        dir,
        "tr0mbone staple\ntr0mbone staple\n",
    ));
    std::fs::remove_dir_all(dir.join("stick")).unwrap();
    build(dir, &dir.join("locked.key"), Some("tr0mbone staple")).success();
    ok(minisign(
        &[
            "-V",
            "-p",
            "locked.pub",
            "-m",
            manifest(dir).to_str().unwrap(),
        ],
        dir,
        "",
    ));
    verify(dir, &dir.join("locked.pub")).success();
}

#[test]
fn a_manualpack_key_signs_with_the_stock_tool() {
    if !have_minisign() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys"))
        .assert()
        .success();
    std::fs::write(dir.join("note.txt"), "signed by the stock tool\n").unwrap();
    ok(minisign(
        &["-S", "-s", "keys/manualpack.key", "-m", "note.txt"],
        dir,
        "",
    ));
    ok(minisign(
        &["-V", "-p", "keys/manualpack.pub", "-m", "note.txt"],
        dir,
        "",
    ));
}

#[test]
fn a_manifest_re_signed_by_the_stock_tool_verifies_whatever_its_comment() {
    if !have_minisign() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    manualpack()
        .args(["keygen", "--no-password", "-o"])
        .arg(dir.join("keys"))
        .assert()
        .success();
    build(dir, &dir.join("keys/manualpack.key"), None).success();
    ok(minisign(
        &["-G", "-W", "-p", "it.pub", "-s", "it.key"],
        dir,
        "",
    ));
    let m = manifest(dir);
    let m = m.to_str().unwrap();
    // prehashed (the stock default) and legacy (-l) signatures, any trusted comment
    for (extra, comment) in [(None, "anything at all"), (Some("-l"), "legacy, by hand")] {
        let mut args = vec!["-S", "-s", "it.key", "-m", m, "-t", comment];
        args.extend(extra);
        ok(minisign(&args, dir, ""));
        verify(dir, &dir.join("it.pub"))
            .success()
            .stdout(contains("OK: every file matches"))
            .stdout(contains(format!(
                "Signed comment (for information): {comment}"
            )));
    }
    // the key that built it is no longer the signer: trusting only that one is not enough
    verify(dir, &dir.join("keys/manualpack.pub"))
        .code(1)
        .stdout(contains("neither a key you trust nor the key on the stick"));
    let json = manualpack()
        .args(["stick", "verify", "--json"])
        .arg(dir.join("stick"))
        .arg("--pubkey")
        .arg(dir.join("it.pub"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["signed_comment"], "legacy, by hand");
    assert_eq!(value["trusted"], true);
}

#[test]
fn after_stock_signing_a_changed_manifest_or_file_still_fails() {
    if !have_minisign() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(minisign(
        &["-G", "-W", "-p", "it.pub", "-s", "it.key"],
        dir,
        "",
    ));
    build(dir, &dir.join("it.key"), None).success();
    let m = manifest(dir);
    ok(minisign(
        &[
            "-S",
            "-s",
            "it.key",
            "-m",
            m.to_str().unwrap(),
            "-t",
            "re-signed by IT",
        ],
        dir,
        "",
    ));
    verify(dir, &dir.join("it.pub")).success();

    // a changed procedure: the manifest still holds, the file does not
    let doc = dir.join("stick/manualpack").join(PHONES);
    let original = std::fs::read(&doc).unwrap();
    let mut changed = original.clone();
    changed[3] ^= 1;
    std::fs::write(&doc, &changed).unwrap();
    verify(dir, &dir.join("it.pub"))
        .code(1)
        .stdout(contains(format!("changed since it was signed: {PHONES}")));
    std::fs::write(&doc, &original).unwrap();

    // a changed manifest (a later refresh date): the stock signature no longer holds
    let text = std::fs::read_to_string(&m).unwrap();
    let later = text.replacen("\"refresh_by\": \"20", "\"refresh_by\": \"21", 1);
    assert_ne!(text, later);
    std::fs::write(&m, later).unwrap();
    verify(dir, &dir.join("it.pub"))
        .code(1)
        .stdout(contains("does not match manifest.json"));
    let out = minisign(&["-V", "-p", "it.pub", "-m", m.to_str().unwrap()], dir, "");
    assert!(!out.status.success(), "the stock tool agrees");
}
