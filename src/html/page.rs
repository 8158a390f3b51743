//! The page shell around every page: head with the Content-Security-Policy, skip link, header
//! with the practice, navigation and search, the key contacts, the footer details, and the inline
//! style and script. Nothing is loaded from anywhere: the CSP forbids every fetch.

use std::fmt::Write;

use super::escape::{attr, json_for_script, text as esc};
use crate::pack::{Orientation, Pack};

/// The Content-Security-Policy of every page: no requests of any kind; only the inline style and
/// script, and `data:` images (a document's pictures, see [`super::image`]).
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
img-src data:; base-uri 'none'; form-action 'none'";

const CSS: &str = include_str!("site.css");
/// The search engine (mirroring `manualpack search` over the embedded index), then the page
/// script that uses it.
const SCRIPT: &str = concat!(include_str!("search.js"), include_str!("site.js"));

/// What kind of page, for the body class, print rules and navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The list of packs on a multi-pack stick.
    Top,
    Index,
    Contacts,
    /// What changed in this version.
    Changes,
    Procedure,
    Form(Orientation),
}

/// One page before it is wrapped.
pub struct Page<'a> {
    pub kind: Kind,
    /// The page's own title (the document title, "Contacts"...).
    pub title: &'a str,
    pub pack: Option<&'a Pack>,
    /// True when the pack is one of several: show a link back to the list of packs.
    pub up: bool,
    /// The main content, already HTML.
    pub main: String,
    /// Key under which the page script keeps ticks (procedures only).
    pub store: Option<String>,
    /// The pack's search index as JSON.
    pub search: Option<&'a str>,
}

impl Page<'_> {
    /// The complete HTML document.
    pub fn render(&self) -> String {
        let mut o = String::with_capacity(self.main.len() + CSS.len() + SCRIPT.len() + 4096);
        let practice = self.pack.map(|p| p.meta.practice.name.as_str());
        let full_title = match practice {
            Some(name) if name != self.title => format!("{} - {name}", self.title),
            _ => self.title.to_string(),
        };
        let (class, orientation) = match self.kind {
            Kind::Top => ("top", "portrait"),
            Kind::Index => ("index", "portrait"),
            Kind::Contacts => ("contacts", "portrait"),
            Kind::Changes => ("changes", "portrait"),
            Kind::Procedure => ("procedure", "portrait"),
            Kind::Form(Orientation::Portrait) => ("form", "portrait"),
            Kind::Form(Orientation::Landscape) => ("form landscape", "landscape"),
        };
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"manualpack\">\n\
             <title>{}</title>\n<style>\n{CSS}\n@page {{ size: A4 {orientation};\n  \
             @bottom-left {{ content: \"{}\"; font: 8pt Arial, sans-serif; }}\n  \
             @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt Arial, sans-serif; }} }}\n\
             </style>\n</head>\n",
            esc(&full_title),
            css_string(&self.footer_parts(false).join(" \u{b7} "))
        );
        let store = self
            .store
            .as_deref()
            .map(|s| format!(" data-store=\"{}\"", attr(s)))
            .unwrap_or_default();
        let _ = write!(
            o,
            "<body class=\"{class}\"{store}>\n<a class=\"skip\" href=\"#mp-main\">Skip to main content</a>\n"
        );
        self.header(&mut o);
        o.push_str("<div class=\"wrap\">\n<main id=\"mp-main\" tabindex=\"-1\">\n");
        o.push_str(&self.main);
        o.push_str("\n</main>\n");
        if let Some(pack) = self.pack {
            key_contacts(&mut o, pack);
        }
        o.push_str("</div>\n");
        self.footer(&mut o);
        if let Some(json) = self.search {
            let _ = writeln!(
                o,
                "<script type=\"application/json\" id=\"mp-index\">{}</script>",
                json_for_script(json)
            );
        }
        let _ = write!(o, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
        o
    }

    fn header(&self, o: &mut String) {
        o.push_str("<header class=\"site\">\n");
        let Some(pack) = self.pack else {
            o.push_str("<p class=\"practice\">Manual packs</p>\n</header>\n");
            return;
        };
        if pack.meta.example {
            o.push_str(
                "<p class=\"example-banner\"><strong>EXAMPLE</strong> pack: every name and number in it is invented.</p>\n",
            );
        }
        let version = pack
            .meta
            .version
            .map(|v| format!(" <span class=\"ver\">pack version {v}</span>"))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<p class=\"practice\"><a href=\"index.html\">{}</a>{version}</p>",
            esc(&pack.meta.practice.name)
        );
        o.push_str("<nav aria-label=\"Pack\"><ul>");
        let links = [
            (
                "index.html#mp-triage",
                "What isn't working?",
                self.kind == Kind::Index,
            ),
            ("index.html#mp-procedures", "Procedures", false),
            ("index.html#mp-forms", "Forms", false),
            ("contacts.html", "Contacts", self.kind == Kind::Contacts),
        ];
        for (href, label, current) in links {
            let current = if current {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(o, "<li><a href=\"{href}\"{current}>{label}</a></li>");
        }
        if self.up {
            o.push_str("<li><a href=\"../index.html\">All packs</a></li>");
        }
        o.push_str("</ul></nav>\n");
        let remote = if self.search.is_none() {
            " data-search-remote"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<div class=\"search\" role=\"search\" data-search{remote} hidden>\
             <label for=\"mp-q\">Search this pack</label> \
             <input id=\"mp-q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"e.g. ransom, phones, power\">\
             <p id=\"mp-status\" class=\"status\" aria-live=\"polite\"></p><ol id=\"mp-results\"></ol></div>",
        );
        o.push_str("</header>\n");
    }

    /// The footer details: practice, title, pack version, review dates, EXAMPLE; as HTML or text.
    fn footer_parts(&self, html: bool) -> Vec<String> {
        let e = |s: &str| if html { esc(s) } else { s.to_string() };
        let strong = |s: String| {
            if html {
                format!("<strong>{s}</strong>")
            } else {
                s
            }
        };
        let mut parts: Vec<String> = Vec::new();
        let Some(pack) = self.pack else {
            return vec![e(self.title)];
        };
        let m = &pack.meta;
        parts.push(strong(e(&m.practice.name)));
        parts.push(e(self.title));
        if let Some(v) = m.version {
            parts.push(format!("Pack version {v}"));
        }
        if let Some(d) = m.reviewed {
            parts.push(format!("Reviewed {d}"));
        }
        if let Some(d) = m.next_review {
            parts.push(if html {
                format!("Next review <span data-next-review=\"{d}\">{d}</span>")
            } else {
                format!("Next review {d}")
            });
        }
        if m.example {
            parts.push(strong("EXAMPLE".into()));
        }
        parts
    }

    fn footer(&self, o: &mut String) {
        o.push_str("<footer class=\"site\"><p>");
        o.push_str(&self.footer_parts(true).join(" &middot; "));
        o.push_str("</p><p class=\"noprint\">Offline copy made by manualpack. It cannot change by itself: if the next review date has passed, ask for a newer copy.</p></footer>\n");
    }
}

/// The key contacts, beside (or, on a phone, below) the main content of every page.
fn key_contacts(o: &mut String, pack: &Pack) {
    let keys: Vec<_> = pack.key_contacts().collect();
    if keys.is_empty() {
        return;
    }
    o.push_str("<aside class=\"keys\" aria-labelledby=\"mp-keys\"><h2 id=\"mp-keys\">Key contacts</h2><ul>");
    for c in keys {
        let _ = write!(o, "<li><strong>{}</strong>", esc(&c.name));
        for (label, number) in c.numbers() {
            let _ = write!(
                o,
                "<br><span class=\"lbl\">{label}:</span> {}",
                phone_link(number)
            );
        }
        o.push_str("</li>");
    }
    o.push_str("</ul><p><a href=\"contacts.html\">All contacts</a></p></aside>\n");
}

/// `s` as the inside of a CSS string: everything but letters, digits, space and plain
/// punctuation is written as a hex escape, so nothing can end the string or the style element.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || " .,:;()-".contains(c) {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", c as u32);
        }
    }
    out
}

/// A phone number as a `tel:` link (its [`crate::sanitize::dial_digits`]: digits and a leading + only, never a
/// digit of a hidden escape sequence), or as text if it has fewer than three digits.
pub fn phone_link(number: &str) -> String {
    let digits = crate::sanitize::dial_digits(number);
    if digits.chars().filter(char::is_ascii_digit).count() < 3 {
        return esc(number);
    }
    format!("<a class=\"tel\" href=\"tel:{digits}\">{}</a>", esc(number))
}
