//! The browser edition searches like `manualpack search`: headless Chromium types every ranking
//! case (tests/fixtures/search/ranking-cases.txt) and the reported problem queries into the
//! search box of the example pack, the Welsh second pack and the Welsh search fixture, and the
//! links it lists must be the hits the library gives, in the same order, down to the section.
//! Hundreds more queries made from each pack's titles, names and numbers (whole, cut short,
//! misspelt) are checked the same way.

#[path = "html/chromium.rs"]
mod chromium;

use std::path::Path;

use manualpack::html::{self, Pages};
use manualpack::pack::{Limits, PackSet};
use manualpack::search::{Hit, SearchIndex, SearchScope};

const PACKS: [&str; 3] = [
    "packs/example-riverside",
    "tests/fixtures/second-pack/glannau-llyr",
    "tests/fixtures/search/cymraeg",
];

/// What users reported: Welsh letters, a typo, and a substring that is no word's start.
const REPORTED: [&str; 4] = ["llyr", "pwer", "ransomeware", "dwr"];

/// Footnotes and WhatsApp numbers, in each pack.
const MORE: [&str; 5] = [
    "continuity group",
    "parhad",
    "seff",
    "900588",
    "07700 900 588",
];

/// As many hits as the page lists.
const SHOWN: usize = 12;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every query of the ranking cases, then the others.
fn queries() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/search/ranking-cases.txt"))
        .expect("ranking cases");
    let mut out: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split(" | ").nth(1).expect("a query column").to_string())
        .collect();
    assert!(out.len() >= 20, "{} ranking cases", out.len());
    out.extend(REPORTED.iter().chain(&MORE).map(|q| q.to_string()));
    out
}

/// More queries from the pack itself: title and contact words whole, cut to three letters, with
/// two letters swapped and upper-cased; and the last six digits of every number.
fn generated(set: &PackSet) -> Vec<String> {
    let pack = &set.packs[0];
    let texts = pack
        .docs
        .iter()
        .map(|d| d.title.as_str())
        .chain(pack.contacts.iter().map(|c| c.name.as_str()));
    let mut out = Vec::new();
    for word in texts.flat_map(|t| t.split(|c: char| !c.is_alphanumeric())) {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 3 {
            continue;
        }
        out.push(word.to_string());
        out.push(chars[..3].iter().collect());
        if chars.len() >= 5 {
            let mut swapped = chars.clone();
            swapped.swap(2, 3);
            out.push(swapped.iter().collect());
            out.push(word.to_uppercase());
        }
    }
    for c in &pack.contacts {
        for (_, number) in c.numbers() {
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            out.push(digits[digits.len().saturating_sub(6)..].to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The link the browser must give for a hit of `manualpack search`.
fn href(set: &PackSet, pages: &Pages, hit: &Hit) -> String {
    let pack = &set.packs[hit.pack];
    match (hit.doc, hit.contact) {
        (_, Some(c)) => format!("contacts.html#c-{}", c + 1),
        (Some(d), _) => {
            let (file, _) = pages.page(&pack.docs[d].id).expect("a page");
            match hit.anchor.as_deref().filter(|a| !a.is_empty()) {
                Some(anchor) => format!("{file}#{anchor}"),
                None => file.to_string(),
            }
        }
        _ => String::new(),
    }
}

/// A test page that types each query into the search box of the site's front page (in a frame)
/// and lists the links found for each, as JSON.
fn harness(queries: &[String]) -> String {
    let json = serde_json::to_string(queries)
        .expect("json")
        .replace('<', "\\u003c");
    format!(
        r##"<!DOCTYPE html><html><body><iframe id="f" src="index.html"></iframe>
<pre id="result">waiting</pre><script>
var queries = {json};
document.getElementById("f").onload = function () {{
  var r = document.getElementById("result");
  try {{
    var doc = this.contentDocument, input = doc.getElementById("mp-q");
    var out = queries.map(function (q) {{
      input.value = q;
      input.dispatchEvent(new Event("input"));
      var links = doc.querySelectorAll("#mp-results li > a");
      return Array.prototype.map.call(links, function (a) {{ return a.getAttribute("href"); }});
    }});
    r.textContent = JSON.stringify(out);
  }} catch (e) {{ r.textContent = "error: " + e; }}
}};
</script></body></html>"##
    )
}

#[test]
fn the_browser_finds_what_manualpack_search_finds_first() {
    let Some(browser) = chromium::require() else {
        return;
    };
    let fixed = queries();
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (n, path) in PACKS.iter().enumerate() {
        let set = PackSet::open(&root().join(path), &Limits::default());
        assert_eq!(set.packs.len(), 1, "{path}");
        let mut queries = fixed.clone();
        queries.extend(generated(&set));
        let out = tmp.path().join(format!("site-{n}"));
        html::write(&set, &out, None).expect("write the site");
        std::fs::write(out.join("harness.html"), harness(&queries)).expect("write harness");
        let url = format!("file://{}", out.join("harness.html").display());
        let dom = chromium::headless(
            &browser,
            &tmp.path().join("profile"),
            &[
                "--allow-file-access-from-files",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ],
            &url,
        );
        let dom = String::from_utf8_lossy(&dom.stdout);
        let result = dom
            .split("<pre id=\"result\">")
            .nth(1)
            .and_then(|r| r.split("</pre>").next())
            .expect("the harness ran");
        let result = result
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let browser_hits: Vec<Vec<String>> = serde_json::from_str(&result)
            .unwrap_or_else(|e| panic!("{path}: harness said {result:?}: {e}"));
        assert_eq!(browser_hits.len(), queries.len());

        let pages = Pages::new(&set.packs[0]);
        let index = SearchIndex::build(&set);
        for (query, got) in queries.iter().zip(&browser_hits) {
            let results = index.search(&set, &index.parse(query), SearchScope::All, SHOWN);
            let want: Vec<String> = results.hits.iter().map(|h| href(&set, &pages, h)).collect();
            if got.first() != want.first() {
                wrong.push(format!(
                    "{path}: {query:?}: browser first {:?}, manualpack search first {:?}",
                    got.first(),
                    want.first()
                ));
            } else if *got != want {
                wrong.push(format!(
                    "{path}: {query:?}: browser lists {got:?}, manualpack search {want:?}"
                ));
            }
            checked += usize::from(!want.is_empty());
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked > 300, "only {checked} queries found anything");
}

#[test]
fn footnotes_and_whatsapp_numbers_are_in_the_browser_index() {
    let set = PackSet::open(&root().join(PACKS[2]), &Limits::default());
    let files = html::render(&set);
    let front = &files
        .iter()
        .find(|f| f.path == "index.html")
        .expect("front page")
        .text;
    assert!(
        front.contains("sêff"),
        "the footnote's text is in the index"
    );
    assert!(
        front.contains("#07700900588"),
        "the WhatsApp number is a term"
    );
}
