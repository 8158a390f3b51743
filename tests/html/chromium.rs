//! Running headless Chromium in tests: finding it (a missing browser fails under `CI=true`, else
//! the test says it is skipped) and running it with a throwaway profile and no network chatter.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The Chromium to test with; `None` (the caller returns) when it is missing off CI.
pub fn require() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        ["chromium", "chromium-browser"]
            .iter()
            .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        // CI installs it: there a missing browser is a failure, not a skip
        assert!(
            std::env::var("CI").is_err(),
            "chromium not found under CI: .ci/run must install it"
        );
        eprintln!(
            "SKIPPED: chromium is not installed (apt-get install -y chromium); browser test not run"
        );
    }
    found
}

/// Run `browser` headless on `url` with extra `args`, the profile in `profile`.
pub fn headless(browser: &Path, profile: &Path, args: &[&str], url: &str) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}
