//! The browser edition's changes page (`changes.html`): the same as the binder's "Changes in
//! this version" page. The `[[changes]]` entries of the pack's version (summary, then the
//! documents named, linked), then up to [`EARLIER`](crate::pdf::changes::EARLIER) earlier
//! entries, newest first. Made only when the pack has a version and a `[[changes]]` entry (see
//! [`page_version`](crate::pack::changelog::page_version)); the pack's front page links to it.

use std::fmt::Write;

use super::Pages;
use super::escape::{attr, text as esc};
use crate::pack::{ChangeEntry, Pack};
use crate::pdf::changes::{COMPUTED, EARLIER, page_version_with};

/// The page's file name, beside `index.html`.
pub const FILE: &str = "changes.html";

/// The link on the pack's front page, when there is a changes page.
pub fn index_link(pack: &Pack, pages: &Pages) -> Option<String> {
    let version = page_version_with(pack, &pages.computed)?;
    Some(format!(
        "<p class=\"changes-link\"><a href=\"{FILE}\">Changes in version {version}</a></p>"
    ))
}

/// The page title for version `version`.
pub fn title(version: i64) -> String {
    format!("Changes in version {version}")
}

/// The page's main content, or `None` when the pack has no changes page.
pub fn page(pack: &Pack, pages: &Pages) -> Option<String> {
    let meta = &pack.meta;
    let version = page_version_with(pack, &pages.computed)?;
    let mut o = String::new();
    let _ = write!(o, "<h1>{}</h1>", esc(&title(version)));
    let now: Vec<&ChangeEntry> = meta.changes_for(version).collect();
    match now.first() {
        Some(e) => {
            let _ = write!(
                o,
                "<p class=\"dated\">Version {version}, dated {}.</p>",
                e.date
            );
        }
        None if pages.computed.is_empty() => {
            let _ = write!(
                o,
                "<p class=\"notice\">No changes are recorded for version {version}.</p>"
            );
        }
        None => {}
    }
    for e in &now {
        entry(&mut o, pack, pages, e);
    }
    if !pages.computed.is_empty() {
        let _ = write!(
            o,
            "<section aria-labelledby=\"mp-computed\"><h2 id=\"mp-computed\">{}</h2><ul class=\"computed\">",
            esc(COMPUTED)
        );
        for line in &pages.computed {
            let _ = write!(o, "<li>{}</li>", esc(line));
        }
        o.push_str("</ul></section>");
    }
    let earlier: Vec<&ChangeEntry> = meta.changes_before(version).take(EARLIER).collect();
    if !earlier.is_empty() {
        o.push_str(
            "<section aria-labelledby=\"mp-earlier\"><h2 id=\"mp-earlier\">Earlier changes</h2>",
        );
        for e in earlier {
            let _ = write!(o, "<h3>Version {}, dated {}</h3>", e.version, e.date);
            entry(&mut o, pack, pages, e);
        }
        o.push_str("</section>");
    }
    Some(o)
}

/// One entry: its summary, then the documents it names (linked when they are in the pack).
fn entry(o: &mut String, pack: &Pack, pages: &Pages, e: &ChangeEntry) {
    let _ = write!(o, "<p>{}</p>", esc(&e.summary));
    if e.docs.is_empty() {
        return;
    }
    o.push_str("<ul class=\"docs\">");
    for id in &e.docs {
        match (pack.doc(id), pages.page(id)) {
            (Some(d), Some((file, _))) => {
                let _ = write!(
                    o,
                    "<li><a href=\"{}\">{}</a></li>",
                    attr(file),
                    esc(&d.title)
                );
            }
            _ => {
                let _ = write!(
                    o,
                    "<li><span class=\"nolink\">{} (not a document of this pack)</span></li>",
                    esc(id)
                );
            }
        }
    }
    o.push_str("</ul>");
}
