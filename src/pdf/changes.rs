//! The binder's "Changes in this version" page, after the contents: the `[[changes]]` entries
//! of the pack's version (each summary, then the documents it names with the page they start
//! on), then the earlier entries, newest first. A pack with no `[[changes]]` at all (or no
//! version) has no such page; a pack whose entries all describe other versions says "No changes
//! are recorded for version N".

use super::binder::{entry_row, title};
use super::contacts::plain;
use super::fonts::Face;
use super::inline::{self, Style};
use super::page::{Flow, GREY, INK, Role};
use super::{keys, long_date};
use crate::pack::{ChangeEntry, Pack};

/// The page's title, also its bookmark and its line in the contents.
pub const TITLE: &str = "Changes in this version";
/// The heading over what comparing with the previous version found.
pub const COMPUTED: &str = "Found by comparing with the previous version";
/// How many earlier entries the page shows.
pub const EARLIER: usize = 5;

/// The version the page is about, when the binder has the page: the pack has a version and at
/// least one `[[changes]]` entry.
pub fn page_version(pack: &Pack) -> Option<i64> {
    crate::pack::changelog::page_version(&pack.meta)
}

/// The version the page is about when the binder also shows what comparing versions found
/// (`computed`): the page is there when either has something to say.
pub fn page_version_with(pack: &Pack, computed: &[String]) -> Option<i64> {
    page_version(pack).or(pack.meta.version.filter(|_| !computed.is_empty()))
}

/// Lay out the page (nothing when [`page_version_with`] is `None`). `computed` are further lines
/// about this version, found by comparing it with the previous one
/// ([`crate::changes::text::short_lines`]), shown under [`COMPUTED`].
pub fn lay_changes(flow: &mut Flow, pack: &Pack, computed: &[String]) {
    let Some(version) = page_version_with(pack, computed) else {
        return;
    };
    let meta = &pack.meta;
    flow.page(false, TITLE);
    flow.dest(keys::CHANGES.into());
    title(flow, TITLE);
    let now: Vec<&ChangeEntry> = meta.changes_for(version).collect();
    let when = now
        .first()
        .map(|e| format!(", {}", long_date(e.date)))
        .unwrap_or_default();
    paragraph(
        flow,
        &format!("Version {version}{when}"),
        Face::Bold,
        13.0,
        INK,
        Role::Heading,
    );
    flow.gap(4.0);
    if now.is_empty() && computed.is_empty() {
        paragraph(
            flow,
            &format!("No changes are recorded for version {version}."),
            Face::Italic,
            11.0,
            GREY,
            Role::Body,
        );
    }
    for entry in &now {
        paragraph(flow, &entry.summary, Face::Regular, 11.0, INK, Role::Body);
        if !entry.docs.is_empty() {
            flow.gap(4.0);
            flow.ensure(40.0);
            paragraph(
                flow,
                "Documents changed, and the page they start on:",
                Face::Regular,
                9.0,
                GREY,
                Role::Heading,
            );
        }
        for id in &entry.docs {
            match pack.doc(id) {
                Some(d) => entry_row(
                    flow,
                    &d.title,
                    d.summary.as_deref(),
                    &keys::doc(&d.id, None),
                    Face::Regular,
                    12.0,
                ),
                None => paragraph(
                    flow,
                    &format!("{id} (not a document of this pack)"),
                    Face::Italic,
                    10.0,
                    GREY,
                    Role::Body,
                ),
            }
        }
        flow.gap(10.0);
    }
    if !computed.is_empty() {
        heading(flow, COMPUTED);
        for line in computed {
            paragraph(flow, line, Face::Regular, 10.5, INK, Role::Body);
        }
        flow.gap(10.0);
    }
    let earlier: Vec<&ChangeEntry> = meta.changes_before(version).take(EARLIER).collect();
    if earlier.is_empty() {
        return;
    }
    heading(flow, "Earlier changes");
    for entry in earlier {
        // the version line travels with the start of its summary
        flow.ensure(40.0);
        paragraph(
            flow,
            &format!("Version {}, {}", entry.version, long_date(entry.date)),
            Face::Bold,
            10.5,
            INK,
            Role::Heading,
        );
        paragraph(flow, &entry.summary, Face::Regular, 10.0, INK, Role::Body);
        let titles: Vec<String> = entry
            .docs
            .iter()
            .map(|id| pack.doc(id).map_or_else(|| id.clone(), |d| d.title.clone()))
            .collect();
        if !titles.is_empty() {
            paragraph(
                flow,
                &format!("Documents: {}", titles.join(", ")),
                Face::Regular,
                9.0,
                GREY,
                Role::Body,
            );
        }
        flow.gap(8.0);
    }
}

/// A heading that keeps room for what follows it.
fn heading(flow: &mut Flow, text: &str) {
    flow.gap(6.0);
    flow.ensure(70.0);
    paragraph(flow, text, Face::Bold, 13.0, INK, Role::Heading);
    flow.gap(4.0);
}

/// Text in one style, wrapped to the width, as one block for the page-break rules.
fn paragraph(
    flow: &mut Flow,
    text: &str,
    face: Face,
    size: f32,
    color: super::page::Rgb,
    role: Role,
) {
    let style = Style {
        face,
        size,
        color,
        ctx: None,
    };
    let lines = inline::lines(flow.fonts, &plain(text), &style, flow.width());
    inline::place(flow, &lines, role);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::Fonts;
    use crate::pdf::page::{Item, Laid};

    fn example() -> Pack {
        crate::discover::built_in().packs.remove(0)
    }

    /// The text of each page, items joined by newlines.
    fn texts(laid: &Laid) -> Vec<String> {
        laid.pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    fn lay(pack: &Pack) -> Vec<String> {
        let fonts = Fonts::load().expect("fonts");
        texts(&super::super::binder::lay(&fonts, pack))
    }

    #[test]
    fn the_page_follows_the_contents_with_this_versions_entries_then_earlier_ones() {
        let pages = lay(&example());
        let page = &pages[2];
        assert!(page.starts_with(TITLE), "{page}");
        let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} in {page}"));
        assert!(at("Version 3, 1 October 2026") < at("Steps 4 and 5"));
        assert!(at("Phones down") < at("Earlier changes"));
        assert!(at("Earlier changes") < at("Version 2, 1 April 2026"));
        assert!(at("Version 2, 1 April 2026") < at("Version 1, 1 October 2025"));
        assert!(pages[3].starts_with("What isn't working?"), "{}", pages[3]);
    }

    #[test]
    fn a_version_with_no_entry_says_so_and_a_pack_without_changes_has_no_page() {
        let mut pack = example();
        pack.meta.version = Some(4);
        let pages = lay(&pack);
        assert!(pages[2].contains("No changes are recorded for version 4."));
        assert!(
            pages[2].contains("Version 3, 1 October 2026"),
            "{}",
            pages[2]
        );
        pack.meta.changes.clear();
        let pages = lay(&pack);
        assert!(pages.iter().all(|p| !p.contains(TITLE)));
        assert!(pages[2].starts_with("What isn't working?"), "{}", pages[2]);
    }

    #[test]
    fn only_the_five_latest_earlier_entries_are_shown_and_unknown_ids_are_named() {
        let mut pack = example();
        let template = pack.meta.changes[0].clone();
        pack.meta.version = Some(20);
        pack.meta.changes = (1..=20)
            .rev()
            .map(|v| ChangeEntry {
                version: v,
                summary: format!("Summary of version {v}."),
                docs: vec!["no-such-doc".into()],
                ..template.clone()
            })
            .collect();
        let fonts = Fonts::load().expect("fonts");
        let mut flow = Flow::new(&fonts);
        lay_changes(&mut flow, &pack, &["The number of NHS 111 changed.".into()]);
        let text = texts(&flow.laid).join("\n");
        assert!(text.contains("no-such-doc (not a document of this pack)"));
        assert!(text.contains(&format!("{COMPUTED}\nThe number of NHS 111 changed.")));
        for v in 15..=19 {
            assert!(text.contains(&format!("Summary of version {v}.")), "{v}");
        }
        assert!(!text.contains("Summary of version 14."));
    }
}
