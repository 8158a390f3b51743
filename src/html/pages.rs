//! The main content of each kind of page: a pack's index (practice, review dates, triage list,
//! procedures, forms), a document, the contacts, and the list of packs on a multi-pack stick.

use std::fmt::Write;

use super::Pages;
use super::body::Body;
use super::escape::{attr, text as esc};
use super::page::phone_link;
use crate::pack::{Contact, DocEntry, DocKind, Orientation, Pack};

/// A pack's front page.
pub fn index(pack: &Pack, pages: &Pages) -> String {
    let m = &pack.meta;
    let mut o = String::new();
    let _ = write!(o, "<h1>{}</h1>", esc(&m.practice.name));
    if m.example {
        o.push_str("<p class=\"alert alarm example\"><strong>EXAMPLE pack.</strong> Every name, number and address in it is invented. Do not use it for a real practice.</p>");
    }
    o.push_str("<dl class=\"facts\">");
    let mut fact = |label: &str, value: String| {
        let _ = write!(o, "<div><dt>{label}</dt><dd>{value}</dd></div>");
    };
    if let Some(ods) = &m.practice.ods_code {
        fact("ODS code", esc(ods));
    }
    if let Some(a) = &m.practice.address {
        fact("Address", esc(a));
    }
    if let Some(p) = &m.practice.phone {
        fact("Phone", phone_link(p));
    }
    if let Some(v) = m.version {
        fact("Pack version", v.to_string());
    }
    if let Some(d) = m.reviewed {
        fact("Reviewed", d.to_string());
    }
    if let Some(d) = m.next_review {
        fact(
            "Next review",
            format!("<span data-next-review=\"{d}\">{d}</span>"),
        );
    }
    if let Some(owner) = &m.owner {
        fact("Owner", esc(owner));
    }
    o.push_str("</dl>");
    if let Some(link) = super::changes::index_link(pack, pages) {
        o.push_str(&link);
    }

    o.push_str("<section aria-labelledby=\"mp-triage\"><h2 id=\"mp-triage\">What isn't working?</h2><ul class=\"triage\">");
    for t in &m.triage {
        match pages.page(&t.open) {
            Some((file, _)) => {
                let _ = write!(
                    o,
                    "<li><a href=\"{}\">{}</a></li>",
                    attr(file),
                    esc(&t.label)
                );
            }
            None => {
                let _ = write!(
                    o,
                    "<li><span class=\"nolink\">{} (no such document in this pack)</span></li>",
                    esc(&t.label)
                );
            }
        }
    }
    o.push_str("</ul></section>");
    doc_list(
        &mut o,
        pack,
        pages,
        DocKind::Procedure,
        "mp-procedures",
        "Procedures",
    );
    doc_list(
        &mut o,
        pack,
        pages,
        DocKind::Form,
        "mp-forms",
        "Forms to print",
    );
    let errors = pack.error_count();
    if errors > 0 {
        let _ = write!(
            o,
            "<p class=\"notice\">{errors} problem(s) were found in this pack when this copy was made. \
             Run <code>manualpack list</code> on the pack to see them.</p>"
        );
    }
    o
}

fn doc_list(o: &mut String, pack: &Pack, pages: &Pages, kind: DocKind, id: &str, heading: &str) {
    let _ = write!(
        o,
        "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{heading}</h2><ul class=\"docs\">"
    );
    for d in pack.docs.iter().filter(|d| d.kind == kind) {
        let Some((file, _)) = pages.page(&d.id) else {
            continue;
        };
        let landscape = if d.orientation == Orientation::Landscape {
            " <span class=\"tag\">landscape</span>"
        } else {
            ""
        };
        let _ = write!(
            o,
            "<li><a href=\"{}\">{}</a>{landscape}",
            attr(file),
            esc(&d.title)
        );
        if let Some(s) = &d.summary {
            let _ = write!(o, "<br><span class=\"summary\">{}</span>", esc(s));
        }
        o.push_str("</li>");
    }
    o.push_str("</ul></section>");
}

/// A document's page: a short line of what it is for, then the document itself.
pub fn document(pages: &Pages, entry: &DocEntry) -> String {
    let mut o = String::new();
    let persist = entry.kind == DocKind::Procedure;
    if entry.kind == DocKind::Form {
        let orient = if entry.orientation == Orientation::Landscape {
            "A4 landscape"
        } else {
            "A4"
        };
        let _ = write!(
            o,
            "<p class=\"form-bar noprint\"><button type=\"button\" data-print>Print this form</button> \
             Prints on {orient}. Fill it in by hand.</p>"
        );
    }
    if entry.doc.first_title().is_none() {
        let _ = write!(o, "<h1>{}</h1>", esc(&entry.title));
    }
    o.push_str(&Body::new(pages, &entry.doc, &entry.id, persist).render());
    if !entry.audience.is_empty() {
        let _ = write!(
            o,
            "<p class=\"audience noprint\">For: {}</p>",
            esc(&entry.audience.join(", "))
        );
    }
    o
}

/// Every contact, by group, in the order of `contacts.toml`.
pub fn contacts(pack: &Pack) -> String {
    let mut o = String::from("<h1>Contacts</h1>");
    if pack.contacts.is_empty() {
        o.push_str("<p>This pack has no contacts.toml, so there are no contacts.</p>");
        return o;
    }
    let mut groups: Vec<&str> = Vec::new();
    for c in &pack.contacts {
        if !groups.contains(&c.group.as_str()) {
            groups.push(&c.group);
        }
    }
    for (g, group) in groups.iter().enumerate() {
        let _ = write!(
            o,
            "<section aria-labelledby=\"mp-g{g}\"><h2 id=\"mp-g{g}\">{}</h2>",
            esc(group)
        );
        for (i, c) in pack
            .contacts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.group == *group)
        {
            contact(&mut o, i + 1, c);
        }
        o.push_str("</section>");
    }
    o
}

fn contact(o: &mut String, n: usize, c: &Contact) {
    let key = if c.key { " key" } else { "" };
    let _ = write!(
        o,
        "<article class=\"contact{key}\" id=\"c-{n}\"><h3>{}",
        esc(&c.name)
    );
    if c.key {
        o.push_str(" <span class=\"tag\">key contact</span>");
    }
    o.push_str("</h3>");
    if let Some(role) = &c.role {
        let _ = write!(o, "<p class=\"role\">{}</p>", esc(role));
    }
    o.push_str("<dl>");
    for (label, number) in c.numbers() {
        let _ = write!(
            o,
            "<div><dt>{label}</dt><dd>{}</dd></div>",
            phone_link(number)
        );
    }
    if let Some(e) = &c.email {
        let _ = write!(o, "<div><dt>Email</dt><dd>{}</dd></div>", email_link(e));
    }
    for (label, value) in [("WhatsApp", &c.whatsapp), ("Hours", &c.hours)] {
        if let Some(v) = value {
            let _ = write!(o, "<div><dt>{label}</dt><dd>{}</dd></div>", esc(v));
        }
    }
    o.push_str("</dl>");
    if let Some(notes) = &c.notes {
        let _ = write!(o, "<p class=\"notes\">{}</p>", esc(notes));
    }
    o.push_str("</article>");
}

/// An address as a `mailto:` link when it looks like one, else as text.
fn email_link(e: &str) -> String {
    let plain = e.contains('@')
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`?&#:".contains(c));
    if plain {
        format!("<a href=\"mailto:{}\">{}</a>", attr(e), esc(e))
    } else {
        esc(e)
    }
}

/// The list of packs on a multi-pack stick: (folder, pack).
pub fn top(packs: &[(String, &Pack)]) -> String {
    let mut o =
        String::from("<h1>Manual packs</h1><p>Choose your practice's pack.</p><ul class=\"docs\">");
    for (folder, p) in packs {
        let version = p
            .meta
            .version
            .map(|v| format!(", pack version {v}"))
            .unwrap_or_default();
        let example = if p.meta.example {
            " <span class=\"tag\">EXAMPLE</span>"
        } else {
            ""
        };
        let _ = write!(
            o,
            "<li><a href=\"{}/index.html\">{}</a>{example}<br><span class=\"summary\">{}{version}</span></li>",
            attr(folder),
            esc(&p.meta.practice.name),
            esc(&p.id)
        );
    }
    o.push_str("</ul>");
    o
}
