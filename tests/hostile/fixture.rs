//! A hostile pack, generated because some of its bytes (NUL, invalid UTF-8) and files (a
//! symlink) cannot live in git: escape sequences raw and as entities in headings, table cells,
//! link targets, contact names and phone numbers; bidi overrides; a 5 MiB document; a 2 MiB
//! single line; 5,000 levels of nested quotes and of nested lists; a 500-column table; a symlink
//! to /etc/passwd; links that leave the pack.

use std::path::{Path, PathBuf};

pub const ESCAPES: &[&str] = &[
    "\u{1b}[2J",
    "&#27;[31m",
    "&#x9b;1m",
    "\u{9b}0m",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}]8;;http://x\u{7}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
];

pub fn hostile_pack(root: &Path) -> PathBuf {
    let p = root.join("hostile");
    std::fs::create_dir_all(p.join("procedures")).expect("mkdir");
    std::fs::create_dir_all(p.join("forms")).expect("mkdir");
    let bad = ESCAPES.join(" ");
    let toml_bad = "\\u001b[2J \\u202e \\u009b";
    std::fs::write(
        p.join("pack.toml"),
        format!("[practice]\nname = \"Hostile {toml_bad} Surgery\"\n[pack]\nversion = 1\nreviewed = 2026-01-01\nnext_review = 2027-01-01\n[[triage]]\nlabel = \"Evil {toml_bad}\"\nopen = \"evil\"\n"),
    )
    .expect("write");
    std::fs::write(
        p.join("contacts.toml"),
        format!("[[contact]]\nname = \"IT {toml_bad} desk\"\nphone = \"01632 960001 {toml_bad}\"\nkey = true\nnotes = \"{toml_bad}\"\n"),
    )
    .expect("write");
    let doc = format!(
        "# Head {bad}\n\n| a {bad} | b |\n|---|---|\n| {bad} | x |\n\n[link]({esc}x.md) [up](../../../etc/passwd) [abs](/etc/passwd) [js](javascript:alert(1)) [unc](\\\\\\\\server\\\\x.md) [drive](C:/x.md)\n\n<script>alert(1)</script>\n\n- [ ] step {bad}\n",
        esc = "\u{1b}[2J"
    );
    std::fs::write(p.join("procedures/evil.md"), doc).expect("write");
    let mut nul = b"# NUL \x00 and invalid \xff\xfe UTF-8\n\ntext\x00more\n".to_vec();
    nul.extend_from_slice(b"\x1b[2J\r\n\x7f");
    std::fs::write(p.join("procedures/bytes.md"), nul).expect("write");
    let big = "A paragraph of words that repeats to make a large document.\n\n"
        .repeat(5 * 1024 * 1024 / 61 + 1);
    std::fs::write(p.join("procedures/five-mib.md"), big).expect("write");
    std::fs::write(
        p.join("procedures/long-line.md"),
        "word ".repeat(2 * 1024 * 1024 / 5),
    )
    .expect("write");
    std::fs::write(p.join("procedures/quotes.md"), ">".repeat(5000) + " deep\n").expect("write");
    let lists: String = (0..5000)
        .map(|i| format!("{}- l{i}\n", "  ".repeat(i)))
        .collect();
    std::fs::write(p.join("procedures/lists.md"), lists).expect("write");
    let header: String = (0..500).map(|i| format!("| h{i} ")).collect::<String>() + "|\n";
    let sep: String = "|---".repeat(500) + "|\n";
    let row: String = (0..500).map(|i| format!("| v{i} ")).collect::<String>() + "|\n";
    std::fs::write(p.join("forms/wide.md"), header + &sep + &row).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", p.join("procedures/passwd.md")).expect("symlink");
    std::fs::write(
        p.join("procedures/na\u{1b}[2Jme\u{202e}.md"),
        "# Odd file name\n",
    )
    .expect("write");
    p
}

/// Panics if `bytes` hold a control character (other than newline) or a bidi/zero-width one.
pub fn assert_clean(bytes: &[u8], what: &str) {
    // CRLF line ends are allowed (vCard requires them); a lone CR is not
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n') || manualpack::sanitize::is_hazard(c);
        assert!(
            !bad,
            "{what} holds U+{:04X} at byte {i}: ...{}...",
            c as u32,
            &text[i.saturating_sub(60)..(i + 20).min(text.len())].escape_debug()
        );
    }
}
