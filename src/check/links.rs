//! Links between documents, `#anchors`, and images and files a document points at.

use std::collections::HashMap;

use super::{Diagnostic, DocFacts, PackFiles, codes, column_of};
use crate::document::{Link, LinkTarget};
use crate::pack::{DocEntry, Pack};

/// Documents by id (with what was read of them), so a pack of thousands of documents is checked
/// in linear time.
type Docs<'p> = HashMap<&'p str, (&'p DocEntry, &'p DocFacts)>;

/// Check every link of every document of the pack.
pub fn check(
    pack: &Pack,
    facts: &[DocFacts],
    files: Option<&PackFiles>,
    out: &mut Vec<Diagnostic>,
) {
    let mut docs: Docs<'_> = HashMap::with_capacity(pack.docs.len());
    for (d, f) in pack.docs.iter().zip(facts) {
        docs.entry(d.id.as_str()).or_insert((d, f));
    }
    for (entry, own) in pack.docs.iter().zip(facts) {
        for link in &own.links {
            if let Some(d) = check_link(pack, &docs, (entry, own), link, files) {
                let column = files
                    .and_then(|f| f.line(&entry.path, link.line))
                    .map_or(0, |line| column_of(line, &link.raw));
                out.push(d.at(link.line, column));
            }
        }
    }
}

fn check_link(
    pack: &Pack,
    docs: &Docs<'_>,
    (entry, own): (&DocEntry, &DocFacts),
    link: &Link,
    files: Option<&PackFiles>,
) -> Option<Diagnostic> {
    let file = || format!("{}/{}", pack.id, entry.path);
    match &link.target {
        LinkTarget::Document { id, anchor } => {
            let Some(target) = docs.get(id.as_str()) else {
                let help = match closest_doc(pack, id) {
                    Some(near) => {
                        format!("did you mean `{near}`? Links name a file of procedures/ or forms/")
                    }
                    None => {
                        "link to an existing file of procedures/ or forms/ (with .md)".to_string()
                    }
                };
                return Some(
                    Diagnostic::new(
                        codes::BROKEN_LINK,
                        &file(),
                        format!(
                            "link to `{}`, which is not a document of this pack",
                            link.raw
                        ),
                    )
                    .help(help),
                );
            };
            let anchor = anchor.as_deref().filter(|a| !a.is_empty())?;
            let has = target.1.anchors.iter().any(|a| a == anchor);
            (!has).then(|| broken_anchor(&file(), link, anchor, *target))
        }
        LinkTarget::Anchor(anchor) => {
            let has = own.anchors.iter().any(|a| a == anchor);
            (!anchor.is_empty() && !has).then(|| broken_anchor(&file(), link, anchor, (entry, own)))
        }
        LinkTarget::File(path) => {
            let files = files?;
            if files
                .entry(path)
                .is_some_and(|e| e.kind == super::files::EntryKind::File)
            {
                return None;
            }
            let (code, what) = if link.image {
                (codes::MISSING_IMAGE, "image")
            } else {
                (codes::MISSING_FILE, "file")
            };
            let help = match files.entry_ignoring_case(path) {
                Some(e) => format!(
                    "the pack has `{}`: make the case match exactly, or it breaks on Linux and macOS",
                    e.rel
                ),
                None => format!(
                    "add `{path}` to the pack, or fix the path (it is read from the document's folder)"
                ),
            };
            Some(
                Diagnostic::new(
                    code,
                    &file(),
                    format!("{what} `{}` is not in the pack", link.raw),
                )
                .help(help),
            )
        }
        LinkTarget::Refused(why) => Some(
            Diagnostic::new(
                codes::REFUSED_LINK,
                &file(),
                format!("link `{}` is never followed: {why}", link.raw),
            )
            .help("link to a document of the pack, or use an https://, mailto: or tel: address"),
        ),
        LinkTarget::External(_) => None,
    }
}

fn broken_anchor(
    file: &str,
    link: &Link,
    anchor: &str,
    (target, facts): (&DocEntry, &DocFacts),
) -> Diagnostic {
    let known: Vec<&str> = facts.anchors.iter().map(String::as_str).collect();
    let help = match crate::pack::toml_read::closest(anchor, &known) {
        Some(near) => format!(
            "did you mean `#{near}`? Anchors are headings in lower case with '-' for spaces"
        ),
        None => format!(
            "link to a heading of {}; anchors are headings in lower case with '-' for spaces",
            target.path
        ),
    };
    Diagnostic::new(
        codes::BROKEN_ANCHOR,
        file,
        format!(
            "link `{}`: {} has no heading `#{anchor}`",
            link.raw, target.path
        ),
    )
    .help(help)
}

fn closest_doc<'p>(pack: &'p Pack, id: &str) -> Option<&'p str> {
    let ids: Vec<&str> = pack.docs.iter().map(|d| d.id.as_str()).collect();
    crate::pack::toml_read::closest(id, &ids)
}
