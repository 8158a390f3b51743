//! The browser edition: structural checks on the generated site for the example pack and a
//! hostile pack, the CLI's refusals, and a real headless Chromium run when Chromium is installed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "html/chromium.rs"]
mod chromium;

use chromium::headless;
use manualpack::discover;
use manualpack::html::{self, HtmlError, SiteFile};
use manualpack::pack::{Limits, PackSet};

fn example() -> PackSet {
    discover::built_in()
}

fn site(set: &PackSet) -> HashMap<String, String> {
    html::render(set)
        .into_iter()
        .map(|SiteFile { path, text }| (path, text))
        .collect()
}

/// Every value of `attr="..."` in `html`.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        let end = rest.find('"').expect("attribute closed");
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `href` from page `from`, resolved to a site path (`..` handled), and its fragment.
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let href = unescape(href);
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (href.clone(), None),
    };
    if path.is_empty() {
        return (from.to_string(), frag);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    (parts.join("/"), frag)
}

/// Check every link of every page: internal ones lead to a page (and an id on it), the others
/// are https:, mailto: or tel: only.
fn assert_links_resolve(files: &HashMap<String, String>) -> usize {
    let mut checked = 0;
    for (path, text) in files {
        for href in attr_values(text, "href") {
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("https://")
                || lower.starts_with("mailto:")
                || lower.starts_with("tel:")
            {
                continue;
            }
            assert!(
                !lower.contains(':'),
                "{path}: href {href:?} has a scheme that is not allowed"
            );
            let (target, frag) = resolve(path, href);
            let page = files
                .get(&target)
                .unwrap_or_else(|| panic!("{path}: href {href:?} leads to missing {target}"));
            if let Some(frag) = frag {
                let ids: Vec<String> = attr_values(page, "id").into_iter().map(unescape).collect();
                assert!(
                    ids.contains(&frag),
                    "{path}: href {href:?}: no id {frag:?} in {target}"
                );
            }
            checked += 1;
        }
    }
    checked
}

fn assert_inert(files: &HashMap<String, String>) {
    for (path, text) in files {
        assert!(
            text.contains(&format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                html::CSP
            )),
            "{path}: no CSP"
        );
        assert!(html::CSP.starts_with("default-src 'none';"));
        assert!(
            !text.contains("<link") && !text.contains("<img") && !text.contains("<iframe"),
            "{path}"
        );
        assert!(
            attr_values(text, "src").is_empty(),
            "{path}: loads something"
        );
        for href in attr_values(text, "href") {
            assert!(
                !href.to_ascii_lowercase().starts_with("http:"),
                "{path}: http link {href}"
            );
        }
        let scripts: Vec<_> = text
            .match_indices("<script")
            .map(|(i, _)| &text[i..(i + 50).min(text.len())])
            .collect();
        let indexed = text.contains("id=\"mp-index\"");
        assert_eq!(
            scripts.len(),
            if indexed { 2 } else { 1 },
            "{path}: {scripts:?}"
        );
        if indexed {
            assert!(scripts[0].starts_with("<script type=\"application/json\" id=\"mp-index\">"));
        }
        assert!(
            scripts
                .last()
                .is_some_and(|s| s.starts_with("<script>\n// manualpack")),
            "{path}"
        );
        assert!(
            !text.contains("fetch(") && !text.contains("XMLHttpRequest"),
            "{path}"
        );
        let bad = text.chars().find(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || manualpack::sanitize::is_hazard(c)
        });
        assert_eq!(bad, None, "{path}: control character in output");
    }
}

#[test]
fn example_site_links_resolve_and_pages_are_inert() {
    let files = site(&example());
    assert!(files.contains_key("index.html") && files.contains_key("contacts.html"));
    assert!(files.contains_key("cyber-attack.html") && files.contains_key("message-slip.html"));
    let checked = assert_links_resolve(&files);
    assert!(checked > 200, "only {checked} links checked");
    assert_inert(&files);
}

#[test]
fn example_index_has_triage_review_dates_and_example_marker() {
    let files = site(&example());
    let index = &files["index.html"];
    assert!(index.contains("<h2 id=\"mp-triage\">What isn't working?</h2>"));
    assert!(index.contains(
        "<a href=\"cyber-attack.html\">A ransom note or strange message is on screen</a>"
    ));
    assert!(index.contains("2026-10-01") && index.contains("data-next-review=\"2027-04-01\""));
    assert!(index.contains("<strong>EXAMPLE</strong>"));
    for (path, text) in &files {
        assert!(
            text.contains("<aside class=\"keys\""),
            "{path}: key contacts missing"
        );
        assert!(
            text.contains("<a class=\"tel\" href=\"tel:01632960001\">01632 960001</a>"),
            "{path}"
        );
        assert!(
            text.contains("<footer class=\"site\"><p><strong>Riverside Surgery</strong>"),
            "{path}: footer"
        );
        assert!(
            text.contains("Pack version 3")
                && text.contains("<a class=\"skip\" href=\"#mp-main\">"),
            "{path}"
        );
        assert!(
            text.contains("<main id=\"mp-main\"") && text.contains("<nav aria-label=\"Pack\">"),
            "{path}"
        );
    }
}

#[test]
fn the_changes_page_lists_this_versions_changes_and_is_linked_from_the_index() {
    let files = site(&example());
    assert!(
        files["index.html"].contains("<a href=\"changes.html\">Changes in version 3</a>"),
        "the front page links to the changes page"
    );
    let page = &files["changes.html"];
    assert!(page.contains("<h1>Changes in version 3</h1>"));
    assert!(page.contains("Version 3, dated 2026-10-01."));
    assert!(page.contains("Steps 4 and 5 of the phones procedure changed"));
    assert!(page.contains("<li><a href=\"phones-down.html\">Phones down</a></li>"));
    let earlier = page.find("Earlier changes").expect("earlier changes");
    assert!(page.find("Version 2, dated 2026-04-01").expect("version 2") > earlier);
    assert!(page.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        html::CSP
    )));
    // a document named `changes` does not take the page's name
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("p");
    std::fs::create_dir_all(pack.join("procedures")).expect("mkdir");
    std::fs::write(
        pack.join("pack.toml"),
        "schema = 1\n[practice]\nname = \"P\"\n[pack]\nversion = 2\n\
         [[changes]]\nversion = 1\ndate = 2026-01-01\nsummary = \"First <b>version</b>\"\ndocs = [\"changes\"]\n",
    )
    .expect("write");
    std::fs::write(pack.join("procedures/changes.md"), "# Changes\n\nText.\n").expect("write");
    let files = site(&PackSet::open(&pack, &Limits::default()));
    let page = &files["changes.html"];
    assert!(page.contains("No changes are recorded for version 2."));
    assert!(page.contains("First &lt;b&gt;version&lt;/b&gt;"));
    assert!(
        page.contains("<a href=\"changes-2.html\">Changes</a>"),
        "{page}"
    );
    assert!(files.contains_key("changes-2.html"));
    assert_links_resolve(&files);
    // a pack without [[changes]] has no page and no link
    std::fs::write(
        pack.join("pack.toml"),
        "schema = 1\n[practice]\nname = \"P\"\n[pack]\nversion = 2\n",
    )
    .expect("write");
    let files = site(&PackSet::open(&pack, &Limits::default()));
    assert!(!files.contains_key("changes.html"));
    assert!(!files["index.html"].contains("changes.html"));
}

#[test]
fn procedures_tick_with_a_label_and_forms_are_paper_forms() {
    let files = site(&example());
    let cyber = &files["cyber-attack.html"];
    assert!(cyber.contains("data-store=\"manualpack|example-riverside|3|cyber-attack\""));
    assert!(cyber.contains(html::TICK_NOTE));
    assert!(
        cyber.contains(
            "<input type=\"checkbox\" id=\"mp-t1\" data-tick=\"1\"><label for=\"mp-t1\">"
        )
    );
    assert!(cyber.contains("<div class=\"alert warning alarm\" role=\"note\">"));
    assert!(cyber.contains("<a href=\"clinical-system-down.html#steps\">"));
    let slip = &files["message-slip.html"];
    assert!(slip.contains("<span class=\"wl\" style=\"width:"));
    assert!(slip.contains("<input type=\"checkbox\" id=\"mp-t1\"><label for=\"mp-t1\">Routine"));
    assert!(
        !slip.contains("data-tick=") && !slip.contains(html::TICK_NOTE),
        "form ticks are for paper"
    );
    let log = &files["incident-log.html"];
    assert!(log.contains("<td class=\"box\"><span class=\"vh\">blank</span></td>"));
    assert!(
        log.contains("@page { size: A4 portrait;")
            && log.contains("@bottom-left { content: \"Riverside Surgery")
    );
    assert!(files["appointment-list.html"].contains("@page { size: A4 landscape;"));
}

const HOSTILE_DOC: &str = "+++\ntitle = \"Evil </title><script>alert(3)</script>\"\nsummary = \"x\\u001b[31m\"\n+++\n\
# Evil <b onclick=\"x\">heading</b> \u{1b}[2J \u{202e}gnp.exe\n\n\
<script>alert(1)</script>\n\n\
Text with <img src=x onerror=alert(1)> and \"quotes\" & 'apos'.\n\n\
[js](javascript:alert(1)) [http](http://example.org/x.js) [data](data:text/html,<script>alert(1)</script>)\n\
[file](../images/map.png) [up](../../../etc/passwd) [ok](https://example.org/a?b=1&c=2) [mail](mailto:a@example.org)\n\
[self](#evil-heading) [missing](#nowhere) [other](index.md#top) [ghost](ghost.md) ![pic](https://example.org/p.png)\n\n\
## Top\n\n- [ ] tick \u{7}bell\n\n| a | b |\n| --- | --- |\n| <i>x</i> | |\n";

fn hostile_pack(root: &Path) -> PathBuf {
    let dir = root.join("evil-pack");
    std::fs::create_dir_all(dir.join("procedures")).expect("mkdir");
    std::fs::write(
        dir.join("pack.toml"),
        "schema = 1\n[practice]\nname = \"Evil </style><script>alert(2)</script> Surgery\"\n[pack]\nversion = 1\n\
         [[triage]]\nlabel = \"<b>Boom</b> \\u001b[2J\"\nopen = \"index\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("contacts.toml"),
        "[[contact]]\nname = \"<script>alert(4)</script>\"\nphone = \"javascript:alert(1)\"\nemail = \"x\\\"@y onmouseover=alert(1)\"\nkey = true\n",
    )
    .expect("write");
    std::fs::write(dir.join("procedures/index.md"), HOSTILE_DOC).expect("write");
    std::fs::write(
        dir.join("procedures/contacts.md"),
        "# Contacts doc\n\nSee [evil](index.md#top).\n",
    )
    .expect("write");
    dir
}

#[test]
fn hostile_content_comes_out_escaped_and_inert() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = hostile_pack(tmp.path());
    let set = PackSet::open(&dir, &Limits::default());
    let files = site(&set);
    assert_links_resolve(&files);
    assert_inert(&files);
    // Documents named like the site's own pages get other file names.
    assert!(
        files.contains_key("index-2.html") && files.contains_key("contacts-2.html"),
        "{:?}",
        files.keys()
    );
    let page = &files["index-2.html"];
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&quot;quotes&quot; &amp; &#39;apos&#39;"));
    assert!(page.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" class=\"ext\""));
    assert!(page.contains("<a href=\"mailto:a@example.org\""));
    assert!(
        page.contains("<a href=\"#top\">other</a>"),
        "a link to this document's own heading"
    );
    for text in ["js", "http", "file", "up", "missing", "ghost"] {
        assert!(
            page.contains(&format!("\">{text}</span>")),
            "{text} should be plain text"
        );
    }
    assert!(
        page.contains("<span class=\"img-alt\">[missing image: pic]</span>")
            && !page.contains("p.png\"")
    );
    for (path, text) in &files {
        let (html, index) = text
            .split_once("<script type=\"application/json\"")
            .expect("index");
        assert!(
            !index.contains('<')
                || index.starts_with(" id=\"mp-index\">")
                    && !index[..index.find("</script>").expect("end")].contains('<')
        );
        assert!(
            !html.contains("<script>alert") && !html.contains("<b>") && !html.contains("<i>x"),
            "{path}"
        );
        assert!(
            !html.to_ascii_lowercase().contains("href=\"javascript"),
            "{path}"
        );
        assert!(
            !html.contains("\"@y onmouseover")
                && html.contains("x&quot;@y onmouseover") == (path == "contacts.html"),
            "{path}"
        );
    }
    let contacts = &files["contacts.html"];
    assert!(contacts.contains("&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert!(!contacts.contains("tel:javascript") && !contacts.contains("mailto:x"));
    assert!(
        files["index.html"]
            .contains("<a href=\"index-2.html\">&lt;b&gt;Boom&lt;/b&gt; &lt;ESC&gt;[2J</a>")
    );
}

#[test]
fn a_big_pack_keeps_its_search_index_on_the_front_page_only() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("big");
    std::fs::create_dir_all(dir.join("procedures")).expect("mkdir");
    std::fs::write(
        dir.join("pack.toml"),
        "schema = 1\n[practice]\nname = \"Big\"\n",
    )
    .expect("write");
    let para = "Ring the duty manager and write the time in the incident log. ".repeat(40);
    for n in 0..60 {
        let text = format!(
            "# Procedure {n}\n\n## Steps\n\n{para}\n\n## More\n\n{para}\n\n[next](p{}.md#steps)\n",
            n + 1
        );
        std::fs::write(dir.join(format!("procedures/p{n}.md")), text).expect("write");
    }
    let files = site(&PackSet::open(&dir, &Limits::default()));
    assert!(
        files["index.html"].len() > html::EMBED_LIMIT,
        "the index is on the front page"
    );
    let page = &files["p3.html"];
    assert!(
        page.len() < 60_000
            && !page.contains("id=\"mp-index\"")
            && page.contains("data-search-remote")
    );
    assert!(page.contains("<a href=\"p4.html#steps\">next</a>"));
    assert!(
        files["p59.html"].contains("\">next</span>"),
        "p60 does not exist"
    );
    assert_links_resolve(&files);
    assert_inert(&files);
}

#[test]
fn several_packs_get_a_folder_each_and_a_list() {
    let tmp = tempfile::tempdir().expect("tempdir");
    hostile_pack(tmp.path());
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside");
    let copy = tmp.path().join("example-riverside");
    for sub in ["", "procedures", "forms"] {
        std::fs::create_dir_all(copy.join(sub)).expect("mkdir");
        for e in std::fs::read_dir(example.join(sub))
            .expect("read")
            .flatten()
        {
            if e.path().is_file() {
                std::fs::copy(e.path(), copy.join(sub).join(e.file_name())).expect("copy");
            }
        }
    }
    let set = PackSet::open(tmp.path(), &Limits::default());
    assert_eq!(set.packs.len(), 2);
    let files = site(&set);
    let top = &files["index.html"];
    assert!(top.contains("<a href=\"example-riverside/index.html\">Riverside Surgery</a>"));
    assert!(top.contains("<a href=\"evil-pack/index.html\">"));
    assert!(
        files["example-riverside/cyber-attack.html"]
            .contains("<a href=\"../index.html\">All packs</a>")
    );
    assert_links_resolve(&files);
}

#[test]
fn writing_refuses_pack_folders_and_foreign_folders() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = hostile_pack(tmp.path());
    let set = example();
    let inside = html::write(&set, &dir.join("site"), None);
    assert!(
        matches!(inside, Err(HtmlError::InsidePack(_))),
        "{inside:?}"
    );
    let under_source = html::write(&set, &tmp.path().join("site-in-root"), Some(tmp.path()));
    assert!(
        matches!(under_source, Err(HtmlError::InsideSource(_))),
        "{under_source:?}"
    );
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).expect("mkdir");
    std::fs::write(foreign.join("notes.txt"), "mine").expect("write");
    assert!(matches!(
        html::write(&set, &foreign, None),
        Err(HtmlError::NotEmpty(_))
    ));
    let out = tmp.path().join("site");
    let n = html::write(&set, &out, None).expect("first write");
    // index, contacts, changes and 18 documents
    assert_eq!(n, 21);
    assert_eq!(
        html::write(&set, &out, None).expect("second write"),
        n,
        "its own folder may be rewritten"
    );
    assert!(out.join("index.html").is_file() && !out.join("index.html.tmp").exists());
    // A page an earlier run wrote for a document that has gone is removed; other files are kept.
    std::fs::write(out.join("gone.html"), "old").expect("write");
    std::fs::write(out.join("mine.txt"), "keep").expect("write");
    let marker = out.join(html::MARKER);
    let listed = std::fs::read_to_string(&marker).expect("marker");
    assert!(listed.contains("\ncyber-attack.html\n"));
    std::fs::write(&marker, format!("{listed}gone.html\n../escape.html\n")).expect("write");
    std::fs::write(tmp.path().join("escape.html"), "outside").expect("write");
    html::write(&set, &out, None).expect("third write");
    assert!(!out.join("gone.html").exists() && out.join("mine.txt").exists());
    assert!(
        tmp.path().join("escape.html").exists(),
        "never deletes outside the folder"
    );
    let err = html::write(&set, &tmp.path().join("evil-pack/procedures/x"), None)
        .expect_err("inside a pack");
    assert!(err.to_string().contains("inside a pack folder"), "{err}");
}

#[test]
fn cli_writes_the_site_and_explains_refusals() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("site");
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/example-riverside");
    let run = Command::new(env!("CARGO_BIN_EXE_manualpack"))
        .arg("html")
        .arg(&pack)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("Wrote 21 pages for 1 pack(s)") && stdout.contains("index.html"),
        "{stdout}"
    );
    let refused = Command::new(env!("CARGO_BIN_EXE_manualpack"))
        .args(["html"])
        .arg(&pack)
        .arg("-o")
        .arg(pack.join("site"))
        .output()
        .expect("run");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("inside a pack folder") && stderr.contains("choose an output folder"),
        "{stderr}"
    );
    assert!(!pack.join("site").exists());
}

const TICK_HARNESS: &str = r#"<!DOCTYPE html><html><body><p id="result">pending</p>
<iframe id="f" src="cyber-attack.html"></iframe>
<script>
var f = document.getElementById("f"), step = 0;
f.onload = function () {
  var r = document.getElementById("result");
  try {
    var box = f.contentDocument.querySelector("input[data-tick='2']");
    if (step === 0) { step = 1; box.click(); f.contentWindow.location.reload(); }
    else { r.textContent = "after reload: " + box.checked + "; stored: "
      + f.contentWindow.localStorage.getItem("manualpack|example-riverside|3|cyber-attack|2"); }
  } catch (e) { r.textContent = "error: " + e; }
};
</script></body></html>"#;

#[test]
fn chromium_opens_the_site_from_file_searches_and_prints() {
    let Some(browser) = chromium::require() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("site");
    html::write(&example(), &out, None).expect("write");
    let profile = tmp.path().join("profile");
    let url = |page: &str| format!("file://{}", out.join(page).display());

    let dom = headless(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{}?q=ransom", url("index.html")),
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    let results = dom
        .split("<ol id=\"mp-results\">")
        .nth(1)
        .expect("the search box was shown and filled");
    let first = attr_values(results, "href")
        .into_iter()
        .next()
        .expect("at least one result");
    assert!(
        first.starts_with("cyber-attack.html"),
        "first result: {first}"
    );
    assert!(dom.contains("found</p>"), "the result count is announced");

    // The page script found localStorage usable on file:// (else it rewrites the tick note).
    let dom = headless(
        &browser,
        &profile,
        &["--dump-dom"],
        &url("cyber-attack.html"),
    );
    assert!(
        String::from_utf8_lossy(&dom.stdout).contains(html::TICK_NOTE),
        "ticks cannot be kept in Chromium"
    );

    // A tick survives a reload: a harness page (test only) ticks the second box of the checklist
    // in a frame, reloads the frame and reads the box and localStorage back.
    std::fs::write(out.join("harness.html"), TICK_HARNESS).expect("write harness");
    let dom = headless(
        &browser,
        &profile,
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ],
        &url("harness.html"),
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<p id=\"result\">after reload: true; stored: 1</p>"),
        "{dom}"
    );

    let shot = tmp.path().join("index.png");
    headless(
        &browser,
        &profile,
        &[
            "--window-size=1200,1400",
            &format!("--screenshot={}", shot.display()),
        ],
        &url("index.html"),
    );
    assert!(
        std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0) > 10_000,
        "no screenshot"
    );

    let pdf = tmp.path().join("slip.pdf");
    headless(
        &browser,
        &profile,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &url("message-slip.html"),
    );
    let bytes = std::fs::read(&pdf).expect("a PDF was printed");
    assert!(bytes.starts_with(b"%PDF"));
    // The page tree's `/Count` is written in the clear by Chromium (page objects are compressed).
    let text = String::from_utf8_lossy(&bytes);
    let counts: Vec<&str> = text
        .match_indices("/Count ")
        .map(|(i, _)| {
            text[i + 7..]
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("")
        })
        .collect();
    assert_eq!(
        counts,
        ["1"],
        "the message slip prints on exactly one A4 page"
    );
    assert!(
        text.contains("/MediaBox [0 0 594.95996 841.91998]") || text.contains("/MediaBox [0 0 595"),
        "A4"
    );
}

#[test]
fn a_documents_pictures_are_in_its_page_and_a_missing_one_says_so() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/second-pack/glannau-llyr");
    let set = manualpack::pack::PackSet::open(&dir, &manualpack::pack::Limits::default());
    let files: std::collections::HashMap<String, String> = html::render(&set)
        .into_iter()
        .map(|f| (f.path, f.text))
        .collect();
    let page = &files["clinical-system-down.html"];
    let jpeg = std::fs::read(dir.join("images/comms-cupboard.jpg")).expect("test setup");
    assert!(page.contains("<img class=\"pic\" src=\"data:image/jpeg;base64,/9j/"));
    // the whole picture, within the CSP (data: only)
    let start =
        page.find("data:image/jpeg;base64,").expect("test setup") + "data:image/jpeg;base64,".len();
    let encoded = &page[start..start + page[start..].find('"').expect("test setup")];
    assert_eq!(encoded.len(), jpeg.len().div_ceil(3) * 4);
    assert!(page.contains("alt=\"Comms cupboard"));
    assert!(files["power-cut-fridge-generator.html"].contains("data:image/png;base64,iVBORw0KGgo"));
    // the same pack without its pictures: each says it is missing, the page is still there
    let tmp = tempfile::tempdir().expect("test setup");
    let copy = tmp.path().join("glannau-llyr");
    copy_dir(&dir, &copy);
    std::fs::remove_dir_all(copy.join("images")).expect("test setup");
    let set = manualpack::pack::PackSet::open(&copy, &manualpack::pack::Limits::default());
    let files = html::render(&set);
    let page = files
        .iter()
        .find(|f| f.path == "clinical-system-down.html")
        .expect("test setup");
    assert!(page.text.contains("[missing image: Comms cupboard"));
    assert!(!page.text.contains("data:image"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("test setup");
    for e in std::fs::read_dir(from).expect("test setup") {
        let e = e.expect("test setup");
        let target = to.join(e.file_name());
        if e.file_type().expect("test setup").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("test setup");
        }
    }
}
