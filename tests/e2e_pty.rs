//! End to end: the real `manualpack` binary in a pseudo-terminal, driven by keys as a receptionist
//! would, its screen read back through a terminal emulator (vt100).
//!
//! Unix only: the restore check reads the pty's termios, and ConPTY is untried.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

#[path = "e2e_pty/harness.rs"]
mod harness;

use harness::{Term, key};

/// Ticked steps: rows of the document area (below the header, above the key numbers) with an
/// `x` in the left margin column. Text never starts in that column, so `x1. Try…` (today's
/// marker over the margin) and `x 1. Try…` both count; an `x` starting a word would not.
fn ticks(screen: &str) -> usize {
    let rows: Vec<&str> = screen.lines().collect();
    let end = rows
        .iter()
        .position(|r| r.contains("Key numbers"))
        .unwrap_or(rows.len());
    let rows = rows.get(1..end).unwrap_or_default();
    rows.iter()
        .filter(|r| r.starts_with('x') && !r[1..].starts_with(char::is_alphabetic))
        .count()
}

const HOME: &str = "What isn't working?";
/// The title of packs/example-riverside/procedures/phones-down.md, shown in the header.
const TITLE: &str = "Phones down";
const BANNER: &str = "In downtime: Phones down";

#[test]
fn receptionist_ticks_steps_and_they_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let env = [
        ("MANUALPACK_STATE_DIR", dir.path().join("state")),
        ("MANUALPACK_PRINTOUTS", dir.path().join("printouts")),
    ];
    let args = ["packs/example-riverside"];

    let mut t = Term::spawn(&args, &env, 80, 24);
    t.wait_for(|s| s.contains(HOME), "the home screen");

    // letters typed on the home screen search
    t.send("phones");
    t.wait_for(
        |s| {
            s.lines()
                .any(|l| l.contains("Search") && l.contains("phones"))
                && s.lines().any(|l| l.contains("Phones"))
        },
        "search results for phones",
    );
    t.send(key::ESC);
    t.wait_for(|s| s.contains(HOME), "the home screen after Esc");

    // the third triage entry: the phones are not working
    t.send(key::DOWN);
    t.send(key::DOWN);
    t.send(key::ENTER);
    t.wait_for(
        |s| s.lines().next().is_some_and(|h| h.contains(TITLE)),
        "the Phones down procedure",
    );

    // Space with no incident asks for its name, then ticks the first step
    t.send(key::SPACE);
    t.wait_for(|s| s.contains("Name"), "the incident name prompt");
    t.send("Phones down");
    t.send(key::ENTER);
    t.wait_for(|s| s.contains(BANNER), "the downtime banner");
    t.wait_for(
        |s| ticks(s) == 1,
        "the first step ticked with the incident's start",
    );

    t.send(key::SPACE);
    t.wait_for(|s| ticks(s) == 2, "the second step ticked");

    t.send(key::f(10));
    assert!(t.wait_exit().success(), "F10 quits with status 0");
    t.assert_restored();

    // the ticks are kept in the state folder
    let mut t = Term::spawn(&args, &env, 80, 24);
    t.wait_for(|s| s.contains(HOME), "the home screen after relaunch");
    t.send(key::DOWN);
    t.send(key::DOWN);
    t.send(key::ENTER);
    t.wait_for(
        |s| s.lines().next().is_some_and(|h| h.contains(TITLE)),
        "Phones down again",
    );
    t.wait_for(
        |s| ticks(s) == 2 && s.contains(BANNER),
        "both ticks and the banner after relaunch",
    );
    t.send(key::CTRL_C);
    assert!(t.wait_exit().success(), "Ctrl-C quits with status 0");
    t.assert_restored();
}
