//! Every command over a tampered or damaged pack: no panic, no control character in any output,
//! and each finishes promptly (a timeout fails the test instead of hanging it).

#[path = "hostile/fixture.rs"]
mod fixture;

use std::time::Duration;

use assert_cmd::Command;
use fixture::{assert_clean, hostile_pack};

fn run(args: &[&str], stdin: &str) -> std::process::Output {
    let mut cmd = Command::cargo_bin("manualpack").expect("binary");
    cmd.env_remove("MANUALPACK_PACKS")
        .env(
            "MANUALPACK_CACHE_DIR",
            std::env::temp_dir().join("manualpack-test-cache"),
        )
        // what --plain records of the packs it opened stays out of the user's state folder
        .env(
            "MANUALPACK_STATE_DIR",
            std::env::temp_dir().join("manualpack-test-state"),
        )
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120));
    cmd.args(args).write_stdin(stdin);
    cmd.output().expect("runs")
}

#[test]
fn every_command_survives_the_hostile_pack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = hostile_pack(dir.path());
    let p = pack.to_str().expect("utf-8 path");
    let site = dir.path().join("site");
    let site = site.to_str().expect("utf-8 path");
    let pdf = dir.path().join("out.pdf");
    let pdf = pdf.to_str().expect("utf-8 path");
    let keys = dir.path().join("keys");
    let keys = keys.to_str().expect("utf-8 path");
    let key = format!("{keys}/manualpack.key");
    let bins = dir.path().join("bins");
    std::fs::create_dir_all(&bins).expect("mkdir");
    std::fs::write(bins.join("manualpack.exe"), b"MZ stand-in").expect("write");
    let bins = bins.to_str().expect("utf-8 path");
    let stick = dir.path().join("stick");
    let stick = stick.to_str().expect("utf-8 path");
    let build = |extra: &[&'static str]| {
        let mut args = vec![
            "stick",
            "build",
            stick,
            "--packs",
            p,
            "--bin-dir",
            bins,
            "--key",
        ];
        args.push(key.as_str());
        args.extend(extra);
        args
    };
    let commands: Vec<(Vec<&str>, &str)> = vec![
        (vec!["list", p], ""),
        (vec!["list", "--json", p], ""),
        (vec!["show", "evil", p], ""),
        (vec!["show", "bytes", p], ""),
        (vec!["show", "quotes", p, "--width", "20"], ""),
        (vec!["show", "lists", p, "--width", "30"], ""),
        (vec!["show", "wide", p], ""),
        (vec!["show", "long-line", p], ""),
        (vec!["show", "five-mib", p], ""),
        (vec!["show", "no\u{1b}[2Jsuch", p], ""),
        (vec!["--plain", p], "1\nc\np\n1\nq\n"),
        (vec!["html", p, "-o", site], ""),
        (vec!["check", p], ""),
        (vec!["check", "--json", p], ""),
        (vec!["search", "head", p], ""),
        (vec!["search", "\u{1b}[2J evil", p, "--json"], ""),
        (vec!["search", "960 001", p], ""),
        (
            vec![
                "print", "evil", "wide", "bytes", "lists", "quotes", "--path", p, "-o", pdf,
            ],
            "",
        ),
        (vec!["print", "--contacts", "--path", p, "-o", pdf], ""),
        (vec!["contacts", p], ""),
        (vec!["contacts", p, "--vcard"], ""),
        (vec!["incident", "list", p], ""),
        (vec!["diff", "packs/example-riverside", p], ""),
        (vec!["diff", p, "packs/example-riverside", "--json"], ""),
        (vec!["diff", p, p], ""),
        (vec!["keygen", "--no-password", "-o", keys], ""),
        // with --allow-errors the whole plan (editions too) has to be said in clean JSON; the
        // refusal without it is run and checked below
        (build(&["--allow-errors", "--dry-run", "--json"]), ""),
    ];
    for (args, stdin) in commands {
        let out = run(&args, stdin);
        let what = format!("{args:?}");
        assert_ne!(
            out.status.code(),
            Some(101),
            "{what} panicked: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.code().is_some(), "{what} was killed");
        assert_clean(&out.stdout, &format!("stdout of {what}"));
        assert_clean(&out.stderr, &format!("stderr of {what}"));
    }
    let refused = run(&build(&[]), "");
    assert_clean(&refused.stdout, "stdout of stick build");
    assert_clean(&refused.stderr, "stderr of stick build");
    assert_eq!(refused.status.code(), Some(1));
    let text = String::from_utf8_lossy(&refused.stdout);
    assert!(
        text.contains("error[MP"),
        "the check results are shown: {text}"
    );
    assert!(!std::path::Path::new(stick).exists(), "nothing written");
    let listed = run(&["list", p], "");
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("symbolic link"), "{text}");
    assert!(text.contains("not valid UTF-8"), "{text}");
    assert!(text.contains("only the start is shown"), "{text}");
    assert!(text.contains("<ESC>"), "{text}");
}

#[test]
fn the_reader_opens_every_hostile_document_and_draws_only_clean_text() {
    use manualpack::tui::app::{App, Start};
    use manualpack::tui::run::handle as update;
    use manualpack::tui::{action::Action, view};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    let dir = tempfile::tempdir().expect("tempdir");
    let pack = hostile_pack(dir.path());
    let set = manualpack::pack::PackSet::open(&pack, &manualpack::pack::Limits::default());
    let docs = set.packs[0].docs.len();
    assert!(docs >= 8, "every readable document opens ({docs})");
    for size in [(80, 24), (20, 5), (0, 0), (200, 60)] {
        let area = Rect::new(0, 0, size.0, size.1);
        let folders = manualpack::folders::Folders::under(&dir.path().join("own"));
        let start = Start::new(set.clone(), jiff::civil::date(2026, 11, 25), area, folders);
        let mut app = App::new(start);
        // home, problems, contacts, then every document via the procedures and forms list
        for action in [
            Action::Problems,
            Action::Back,
            Action::Contacts,
            Action::Back,
        ] {
            update(&mut app, action);
            draw_clean(&app, area);
        }
        for i in 0..docs {
            update(&mut app, Action::Top);
            let triage = app.set.packs[0].meta.triage.len();
            for _ in 0..(triage + i) {
                update(&mut app, Action::Down);
            }
            update(&mut app, Action::Open);
            for action in [
                Action::PageDown,
                Action::NextLink,
                Action::Open,
                Action::Contents,
                Action::Down,
                Action::Bottom,
            ] {
                update(&mut app, action);
                draw_clean(&app, area);
            }
            while app.stack.len() > 1 {
                update(&mut app, Action::Back);
            }
        }
    }

    fn draw_clean(app: &App, area: Rect) {
        let mut buf = Buffer::empty(area);
        view::render(app, area, &mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_clean(text.as_bytes(), "the screen");
    }
}

/// What the reader keeps of a pack on each PC (`seen/<pack id>.json`) reads back as it was
/// written, hostile text and all: the sanitised model stays as it is, so the record is not
/// rewritten at every start and no step looks reworded.
#[test]
fn the_hostile_pack_reads_back_from_the_readers_record_unchanged() {
    use manualpack::changes::seen;
    let tmp = tempfile::tempdir().expect("tempdir");
    let pack = hostile_pack(tmp.path());
    let set = manualpack::pack::PackSet::open(&pack, &manualpack::pack::Limits::default());
    let snapshot = manualpack::changes::snapshot::of_pack(&set.packs[0]);
    let record = seen::Seen {
        format: seen::FORMAT,
        version: 1,
        snapshot: snapshot.clone(),
        previous: None,
        opened: Vec::new(),
        changes_viewed: false,
    };
    let state = tmp.path().join("state");
    seen::write(&state, &record).expect("written");
    assert_eq!(seen::read(&state, &snapshot.id), Some(record));
    let found = seen::find(Some(&state), None, &snapshot.id, Some(1)).expect("found");
    let settled = found
        .settle(|| manualpack::changes::snapshot::of_pack(&set.packs[0]))
        .expect("settled");
    assert!(!settled.dirty, "nothing to write again");
}
