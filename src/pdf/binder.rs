//! The binder: cover, contents with page numbers, the changes in this version (see
//! [`super::changes`]), the triage index ("What isn't working?"), every procedure, the contacts
//! sheet and every form, with bookmarks and clickable links.

use super::fonts::{Face, Fonts};
use super::page::{ALARM, Flow, GREY, INK, Item, Laid, LinkDest, RULE, Role};
use super::{contacts, keys, lay_document, long_date};
use crate::pack::{DocKind, Pack};

/// Lay out the whole binder.
pub fn lay(fonts: &Fonts, pack: &Pack) -> Laid {
    lay_sided(fonts, pack, false)
}

/// [`lay`], for double-sided printing when `duplex`: every document starts on a right-hand
/// page (see [`Flow::duplex`]).
pub fn lay_sided(fonts: &Fonts, pack: &Pack, duplex: bool) -> Laid {
    lay_with(fonts, pack, duplex, &[])
}

/// [`lay_sided`] with what comparing versions found (see [`crate::changes::text::short_lines`])
/// on the changes page under [`super::changes::COMPUTED`]; the page is there when either this or the pack's
/// `[[changes]]` has something to say.
pub fn lay_with(fonts: &Fonts, pack: &Pack, duplex: bool, computed: &[String]) -> Laid {
    let mut flow = Flow::new(fonts);
    flow.images = super::image::Images::of(pack);
    flow.duplex = duplex;
    cover(&mut flow, pack);
    contents(&mut flow, pack, computed);
    super::changes::lay_changes(&mut flow, pack, computed);
    triage(&mut flow, pack);
    let procedures: Vec<_> = pack
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::Procedure)
        .collect();
    let forms: Vec<_> = pack
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::Form)
        .collect();
    for (i, entry) in procedures.iter().enumerate() {
        lay_document(&mut flow, entry, 2);
        if i == 0 {
            section_dest(&mut flow, keys::PROCEDURES, &entry.id);
        }
    }
    contacts::sheet(&mut flow, pack);
    flow.mark(1, "Contacts", keys::CONTACTS);
    for (i, entry) in forms.iter().enumerate() {
        lay_document(&mut flow, entry, 2);
        if i == 0 {
            section_dest(&mut flow, keys::FORMS, &entry.id);
        }
    }
    order_marks(&mut flow.laid, pack, computed);
    flow.laid
}

/// A section starts where its first document does.
fn section_dest(flow: &mut Flow, key: &str, first: &str) {
    if let Some(at) = flow.laid.dests.get(&keys::doc(first, None)).copied() {
        flow.laid.dests.insert(key.to_string(), at);
    }
}

/// Bookmarks in binder order: cover, contents, changes (when the binder has the page), triage,
/// procedures (with their documents), contacts, forms (with theirs).
fn order_marks(laid: &mut Laid, pack: &Pack, computed: &[String]) {
    let marks = std::mem::take(&mut laid.marks);
    let mut out = Vec::new();
    let mut push = |level, title: &str, key: &str| {
        out.push(super::page::Mark {
            level,
            title: title.into(),
            key: key.into(),
        })
    };
    push(1, "Cover", keys::COVER);
    push(1, "Contents", keys::CONTENTS);
    if super::changes::page_version_with(pack, computed).is_some() {
        push(1, super::changes::TITLE, keys::CHANGES);
    }
    push(1, "What isn't working?", keys::TRIAGE);
    let in_kind = |kind: DocKind, key: &str| {
        pack.docs
            .iter()
            .filter(|d| d.kind == kind)
            .any(|d| key.starts_with(&keys::doc(&d.id, None)))
    };
    let section = |out: &mut Vec<super::page::Mark>, kind: DocKind, title: &str, key: &str| {
        let docs: Vec<_> = marks
            .iter()
            .filter(|m| m.level >= 2 && in_kind(kind, &m.key))
            .cloned()
            .collect();
        if !docs.is_empty() {
            out.push(super::page::Mark {
                level: 1,
                title: title.into(),
                key: key.into(),
            });
            out.extend(docs);
        }
    };
    section(&mut out, DocKind::Procedure, "Procedures", keys::PROCEDURES);
    out.push(super::page::Mark {
        level: 1,
        title: "Contacts".into(),
        key: keys::CONTACTS.into(),
    });
    section(&mut out, DocKind::Form, "Forms", keys::FORMS);
    laid.marks = out;
}

fn cover(flow: &mut Flow, pack: &Pack) {
    let m = &pack.meta;
    flow.page(false, "Cover");
    flow.dest(keys::COVER.into());
    let (l, r) = (flow.left(), flow.right());
    flow.take(90.0);
    let top = flow.take(20.0);
    flow.text(l, top + 14.0, Face::Bold, 10.0, "MANUAL PACK", GREY);
    let top = flow.take(6.0);
    flow.push(Item::Rect {
        x: l,
        y: top + 1.0,
        w: 60.0,
        h: 3.0,
        fill: Some(INK),
        stroke: None,
    });
    flow.take(10.0);
    big(flow, &m.practice.name, Face::Bold, 30.0, INK);
    flow.take(6.0);
    big(
        flow,
        "Procedures, paper forms and contacts for when the IT is down",
        Face::Regular,
        15.0,
        (60, 60, 60),
    );
    flow.take(40.0);
    let mut facts: Vec<(&str, String)> = Vec::new();
    facts.push((
        "Pack version",
        m.version
            .map_or_else(|| "not set".into(), |v| v.to_string()),
    ));
    facts.push((
        "Reviewed",
        m.reviewed.map_or_else(|| "not set".into(), long_date),
    ));
    facts.push((
        "Next review",
        m.next_review.map_or_else(|| "not set".into(), long_date),
    ));
    if let Some(o) = &m.owner {
        facts.push(("Owner", o.clone()));
    }
    if let Some(c) = &m.practice.ods_code {
        facts.push(("ODS code", c.clone()));
    }
    if let Some(a) = &m.practice.address {
        facts.push(("Address", a.clone()));
    }
    if let Some(p) = &m.practice.phone {
        facts.push(("Practice phone", p.clone()));
    }
    for (label, value) in facts {
        // a long value (an address) wraps beside its label
        let lines = super::inline::lines(
            flow.fonts,
            &super::contacts::plain(&value),
            &super::inline::Style {
                face: Face::Bold,
                size: 12.0,
                color: INK,
                ctx: None,
            },
            r - l - 110.0,
        );
        let h = (super::inline::height(&lines) + 7.0).max(22.0);
        let top = flow.take(h);
        flow.role(Role::Body, top);
        flow.text(l, top + 15.0, Face::Regular, 10.0, label, GREY);
        let mut y = top + 3.0;
        for line in &lines {
            super::inline::draw(flow, line, l + 110.0, y);
            y += line.height;
        }
        flow.push(Item::Line {
            x1: l,
            y1: top + h - 1.0,
            x2: r,
            y2: top + h - 1.0,
            width: 0.4,
            color: RULE,
        });
    }
    flow.take(30.0);
    if m.example {
        let top = flow.take(46.0);
        flow.push(Item::Rect {
            x: l,
            y: top,
            w: r - l,
            h: 40.0,
            fill: Some((253, 240, 240)),
            stroke: Some((1.5, ALARM)),
        });
        flow.text(
            l + 12.0,
            top + 17.0,
            Face::Bold,
            12.0,
            "EXAMPLE PACK",
            ALARM,
        );
        flow.text(
            l + 12.0,
            top + 32.0,
            Face::Regular,
            9.5,
            "Every name, number and address in it is invented. Do not use it for a real practice.",
            INK,
        );
        flow.take(14.0);
    }
    let lines = [
        "Keep this binder where everyone can find it, with the printed forms beside it.",
        "Start at \"What isn't working?\" (see the contents), or use the contacts sheet for the key numbers.",
    ];
    for t in lines {
        let top = flow.take(15.0);
        flow.text(l, top + 11.0, Face::Regular, 10.0, t, (60, 60, 60));
    }
}

/// Text in one size that may wrap.
fn big(flow: &mut Flow, text: &str, face: Face, size: f32, color: super::page::Rgb) {
    let content = super::contacts::plain(text);
    let style = super::inline::Style {
        face,
        size,
        color,
        ctx: None,
    };
    let lines = super::inline::lines(flow.fonts, &content, &style, flow.width());
    let lines: Vec<_> = lines
        .into_iter()
        .map(|mut l| {
            l.height = size * 1.2;
            l
        })
        .collect();
    super::inline::place(flow, &lines, Role::Heading);
}

/// A row with a title on the left, the page of `key` on the right, linked to `key`.
pub(super) fn entry_row(
    flow: &mut Flow,
    title: &str,
    sub: Option<&str>,
    key: &str,
    face: Face,
    indent: f32,
) {
    let size = if face == Face::Bold { 11.5 } else { 10.5 };
    let h = if sub.is_some() { 28.0 } else { 20.0 };
    let top = flow.take(h);
    flow.role(Role::Body, top);
    let (l, r) = (flow.left(), flow.right());
    let room = r - l - indent - 40.0;
    let title = flow
        .fonts
        .fit(face, size, &flow.fonts.printable(face, title), room);
    flow.text(l + indent, top + 14.0, face, size, &title, INK);
    if let Some(s) = sub {
        let s = flow.fonts.fit(
            Face::Regular,
            8.5,
            &flow.fonts.printable(Face::Regular, s),
            room,
        );
        flow.text(l + indent, top + 24.5, Face::Regular, 8.5, &s, GREY);
    }
    flow.push(Item::PageRef {
        key: key.into(),
        right: r,
        y: top + 14.0,
        face: Face::Bold,
        size,
    });
    flow.push(Item::Line {
        x1: l + indent,
        y1: top + h - 1.0,
        x2: r,
        y2: top + h - 1.0,
        width: 0.3,
        color: RULE,
    });
    flow.push(Item::Link {
        x: l,
        y: top,
        w: r - l,
        h,
        dest: LinkDest::Key(key.into()),
    });
}

/// A page's title, ruled under.
pub(super) fn title(flow: &mut Flow, text: &str) {
    let top = flow.take(34.0);
    flow.role(Role::Heading, top);
    let (l, r) = (flow.left(), flow.right());
    flow.text(l, top + 24.0, Face::Bold, 22.0, text, INK);
    flow.push(Item::Line {
        x1: l,
        y1: top + 32.0,
        x2: r,
        y2: top + 32.0,
        width: 1.4,
        color: INK,
    });
    flow.take(10.0);
}

fn subhead(flow: &mut Flow, text: &str, key: &str) {
    flow.gap(10.0);
    flow.ensure(60.0);
    let top = flow.take(22.0);
    flow.role(Role::Heading, top);
    let l = flow.left();
    flow.text(l, top + 16.0, Face::Bold, 13.0, text, INK);
    let r = flow.right();
    flow.push(Item::PageRef {
        key: key.into(),
        right: r,
        y: top + 16.0,
        face: Face::Bold,
        size: 11.5,
    });
    flow.push(Item::Link {
        x: l,
        y: top,
        w: r - l,
        h: 22.0,
        dest: LinkDest::Key(key.into()),
    });
}

fn contents(flow: &mut Flow, pack: &Pack, computed: &[String]) {
    flow.page(false, "Contents");
    flow.dest(keys::CONTENTS.into());
    title(flow, "Contents");
    if let Some(version) = super::changes::page_version_with(pack, computed) {
        entry_row(
            flow,
            super::changes::TITLE,
            Some(&format!(
                "What changed in version {version}, and the changes before it"
            )),
            keys::CHANGES,
            Face::Bold,
            0.0,
        );
    }
    entry_row(
        flow,
        "What isn't working?",
        Some("Start here: find what has failed and the procedure to follow"),
        keys::TRIAGE,
        Face::Bold,
        0.0,
    );
    let procedures: Vec<_> = pack
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::Procedure)
        .collect();
    if !procedures.is_empty() {
        subhead(flow, "Procedures", keys::PROCEDURES);
        for d in procedures {
            entry_row(
                flow,
                &d.title,
                d.summary.as_deref(),
                &keys::doc(&d.id, None),
                Face::Regular,
                12.0,
            );
        }
    }
    flow.gap(6.0);
    entry_row(
        flow,
        "Contacts",
        Some("Key numbers first, then every contact by group"),
        keys::CONTACTS,
        Face::Bold,
        0.0,
    );
    let forms: Vec<_> = pack
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::Form)
        .collect();
    if !forms.is_empty() {
        subhead(flow, "Forms", keys::FORMS);
        for d in forms {
            entry_row(
                flow,
                &d.title,
                d.summary.as_deref(),
                &keys::doc(&d.id, None),
                Face::Regular,
                12.0,
            );
        }
    }
}

fn triage(flow: &mut Flow, pack: &Pack) {
    flow.page(false, "What isn't working?");
    flow.dest(keys::TRIAGE.into());
    title(flow, "What isn't working?");
    let l = flow.left();
    let top = flow.take(20.0);
    flow.text(l, top + 13.0, Face::Regular, 10.5, "Find the line that matches, then turn to the page shown. If in doubt, start with the first one.", (60, 60, 60));
    flow.take(8.0);
    for t in &pack.meta.triage {
        let sub = pack.doc(&t.open).map(|d| format!("→ {}", d.title));
        triage_row(flow, &t.label, sub.as_deref(), &keys::doc(&t.open, None));
    }
    if pack.meta.triage.is_empty() {
        let top = flow.take(20.0);
        flow.text(
            l,
            top + 13.0,
            Face::Italic,
            10.5,
            "This pack has no triage list: see the contents.",
            GREY,
        );
    }
}

/// A line of the triage index: large, so it can be found in a hurry.
fn triage_row(flow: &mut Flow, label: &str, sub: Option<&str>, key: &str) {
    let h = 40.0;
    flow.ensure(h);
    let top = flow.take(h);
    flow.role(Role::Body, top);
    let (l, r) = (flow.left(), flow.right());
    let number_room = 60.0;
    let label = flow.fonts.fit(
        Face::Bold,
        13.5,
        &flow.fonts.printable(Face::Bold, label),
        r - l - number_room,
    );
    flow.text(l, top + 18.0, Face::Bold, 13.5, &label, INK);
    if let Some(s) = sub {
        flow.text(l, top + 32.0, Face::Regular, 9.5, s, GREY);
    }
    flow.push(Item::PageRef {
        key: key.into(),
        right: r,
        y: top + 25.0,
        face: Face::Bold,
        size: 16.0,
    });
    flow.push(Item::Line {
        x1: l,
        y1: top + h - 1.0,
        x2: r,
        y2: top + h - 1.0,
        width: 0.5,
        color: RULE,
    });
    flow.push(Item::Link {
        x: l,
        y: top,
        w: r - l,
        h,
        dest: LinkDest::Key(key.into()),
    });
}
