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
