//! Tables, struck text and alerts in the reader (issue 13), on the wide-table fixture pack: a
//! long table keeps its header at the top, struck text shows without colour.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use super::*;
use crate::tui::theme::Theme;
use KeyCode::{Down, End, Enter, Home, PageDown};

fn wide_table_pack() -> PackSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wide-table");
    let set = PackSet::open(&dir, &crate::pack::Limits::default());
    assert_eq!(set.packs.len(), 1, "the fixture opens");
    set
}

/// The reader on the fixture at this size, with the triage entry `n` (from 0) open.
fn open(n: usize, width: u16, height: u16) -> (App, tempfile::TempDir) {
    open_in(Theme::color(), n, width, height)
}

fn open_in(theme: Theme, n: usize, width: u16, height: u16) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app_in(wide_table_pack(), width, height, dir.path());
    a.theme = theme;
    for _ in 0..n {
        press(&mut a, Down);
    }
    press(&mut a, Enter);
    assert!(matches!(a.screen(), Screen::Reader(_)), "a document opened");
    (a, dir)
}

/// The rows of the body on the screen.
fn body_rows(a: &mut App) -> Vec<String> {
    let text = screen(a);
    let body = a.ctx().body();
    text.lines()
        .skip(usize::from(body.y))
        .take(usize::from(body.height))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_header_of_a_long_table_stays_at_the_top_while_its_rows_scroll() {
    let (mut a, _dir) = open(0, 140, 40);
    let Screen::Reader(r) = a.screen() else {
        panic!("reader")
    };
    // the header row is two lines high at this width ("Supplier contact" wraps), then its rule
    let k = r.rendered.tables[0].head.len();
    assert_eq!(k, 3);
    let rows = body_rows(&mut a);
    let header = rows
        .iter()
        .position(|r| r.starts_with(" | System "))
        .expect("the header row is on the first screen");
    assert!(rows[header + k - 1].starts_with(" +===="), "{rows:#?}");
    // scroll well into the 60 rows: the header and its rule are the top rows, rows under them
    for _ in 0..3 {
        press(&mut a, PageDown);
        let rows = body_rows(&mut a);
        assert!(rows[0].starts_with(" | System "), "{rows:#?}");
        assert!(rows[1].contains("| contact "), "{rows:#?}");
        assert!(rows[k - 1].starts_with(" +===="), "{rows:#?}");
        assert!(rows[k..].iter().all(|r| !r.contains("| System ")), "once");
        assert!(
            rows.iter().any(|r| r.contains("CYM-HSCN-2093/")),
            "{rows:#?}"
        );
    }
    // one line past the header row: it is kept already
    press(&mut a, Home);
    let Screen::Reader(r) = a.screen() else {
        panic!("reader")
    };
    let head = r.rendered.tables[0].head.start;
    for _ in 0..=head {
        press(&mut a, Down);
    }
    assert!(body_rows(&mut a)[0].starts_with(" | System "));
    // past the table, the heading after it shows with no header kept
    press(&mut a, End);
    let rows = body_rows(&mut a);
    let after = rows
        .iter()
        .position(|r| r.contains("After the table"))
        .expect("the end of the document shows");
    assert!(after > 2);
    let Screen::Reader(r) = a.screen() else {
        panic!("reader")
    };
    let end = r.rendered.tables[0].end;
    let height = rows.len();
    // kept while a line of the last row shows under it, not for the closing rule alone
    assert!(r.rendered.pinned_head(end - k - 2, height).is_some());
    assert!(r.rendered.pinned_head(end - k - 1, height).is_none());
    assert!(r.rendered.pinned_head(end, height).is_none());
}

#[test]
fn paging_through_a_long_table_skips_no_line_under_its_header() {
    for (width, height) in [(140, 40), (140, 16), (100, 12)] {
        let (mut a, _dir) = open(0, width, height);
        let lines = |a: &App| {
            let Screen::Reader(r) = a.screen() else {
                panic!("reader")
            };
            r.rendered.rows(r.scroll, a.ctx().height())
        };
        let total = {
            let Screen::Reader(r) = a.screen() else {
                panic!("reader")
            };
            r.rendered.lines.len()
        };
        let mut seen = vec![false; total];
        let mut pages = Vec::new();
        loop {
            for n in lines(&a) {
                seen[n] = true;
            }
            let Screen::Reader(r) = a.screen() else {
                panic!("reader")
            };
            if pages.last() == Some(&r.scroll) {
                break;
            }
            pages.push(r.scroll);
            press(&mut a, PageDown);
        }
        let missed: Vec<usize> = (0..total).filter(|n| !seen[*n]).collect();
        assert!(
            missed.is_empty(),
            "{width}x{height}: lines {missed:?} never shown"
        );
        // and back up
        let mut seen = vec![false; total];
        for _ in 0..pages.len() + 1 {
            for n in lines(&a) {
                seen[n] = true;
            }
            press(&mut a, KeyCode::PageUp);
        }
        let missed: Vec<usize> = (0..total).filter(|n| !seen[*n]).collect();
        assert!(
            missed.is_empty(),
            "{width}x{height} up: lines {missed:?} never shown"
        );
    }
}

#[test]
fn a_find_never_lands_under_a_kept_header() {
    let (mut a, _dir) = open(0, 140, 30);
    ctrl(&mut a, 'f');
    type_text(&mut a, "2093/");
    press(&mut a, Enter);
    for key in ['n'; 70].into_iter().chain(['N'; 70]) {
        press(&mut a, KeyCode::Char(key));
        let height = a.ctx().height();
        let Screen::Reader(r) = a.screen() else {
            panic!("reader")
        };
        let line = r.find.as_ref().and_then(|f| f.line()).expect("a match");
        let covered = r.rendered.covered(r.scroll, height);
        let rows = r.rendered.rows(r.scroll, height);
        assert!(
            rows[covered..].contains(&line),
            "line {line} at {}",
            r.scroll
        );
    }
}

#[test]
fn a_table_uses_the_whole_width_of_a_wide_terminal_and_never_splits_an_identifier() {
    for (width, height) in [(140, 40), (200, 50)] {
        let (mut a, _dir) = open(0, width, height);
        let Screen::Reader(r) = a.screen() else {
            panic!("reader")
        };
        assert_eq!(r.rendered.width, crate::tui::ctx::MAX_TEXT_WIDTH);
        let widest = r.rendered.lines.iter().map(|l| l.width()).max();
        assert_eq!(widest, Some(usize::from(width) - 2), "at {width}");
        let rows = body_rows(&mut a);
        assert!(
            rows.iter().any(|r| r.contains("| CYM-HSCN-2093/1 ")),
            "{rows:#?}"
        );
    }
    // at 80 columns the columns cannot hold their longest words: records
    let (mut a, _dir) = open(0, 80, 24);
    for _ in 0..3 {
        press(&mut a, PageDown);
    }
    let rows = body_rows(&mut a).join("\n");
    assert!(rows.contains("Circuit reference: CYM-HSCN-2093/"), "{rows}");
}

fn draw(a: &App) -> Buffer {
    let mut buf = Buffer::empty(a.area);
    view::render(a, a.area, &mut buf);
    buf
}

/// Where `text` starts on the screen.
fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(i) = row.find(text) {
            // the screen rows of this fixture are ASCII up to the text
            return Some((i as u16, y));
        }
    }
    None
}

#[test]
fn struck_text_is_crossed_out_in_colour_and_marked_without_it() {
    let (a, _dir) = open(1, 100, 30);
    let buf = draw(&a);
    assert!(find(&buf, "~~").is_none(), "no marks when it can be styled");
    let (x, y) = find(&buf, "and shredded after").expect("shown");
    assert!(buf[(x, y)].modifier.contains(Modifier::CROSSED_OUT));
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::CROSSED_OUT));
    // NO_COLOR: the monochrome theme marks it in the text
    let (mut a, _dir) = open_in(Theme::mono(), 1, 100, 30);
    let buf = draw(&a);
    assert!(
        find(&buf, "6 months ~~and shredded after 30 days~~ in the").is_some(),
        "{:?}",
        body_rows(&mut a)
    );
}

#[test]
fn a_warning_quote_shows_its_label_once() {
    let (mut a, _dir) = open(0, 80, 24);
    let rows = body_rows(&mut a).join("\n");
    assert!(
        rows.contains("! WARNING\n ! Never read a password out over the phone."),
        "{rows}"
    );
    assert!(!rows.contains("Warning:"), "{rows}");
}
