//! The changes screen: "What changed in version N": the practice's own notes (`[[changes]]` in
//! `pack.toml`), then what the reader found changed since the version this PC saw before (phone numbers first, the most
//! dangerous change; contacts; documents with their steps, each openable with Enter; the
//! triage list). Arrows move between documents and scroll the text between them, as in a web
//! page, so every line can be reached.

use ratatui::layout::Position;

use crate::changes::seen;
use crate::changes::text::{contact_line, detail_lines, field_label};
use crate::changes::{Change, PackChange, is_number_field};
use crate::tui::action::Action;
use crate::tui::ctx::Ctx;
use crate::tui::menu::{self, Row, Target};
use crate::tui::reply::{Place, Reply};

/// Scroll and selection: `offset` counts rows, `selected` is the row of the chosen document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangesState {
    pub offset: usize,
    pub selected: Option<usize>,
}

fn or_none(v: Option<&String>) -> &str {
    v.map_or("(none)", String::as_str)
}

/// The rows of the changes screen for a list `width` columns wide.
pub fn rows(ctx: &Ctx, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let text = |rows: &mut Vec<Row>, s: &str| {
        for line in crate::layout::wrap_text(s, width.saturating_sub(4).max(10)) {
            rows.push(Row::Text(line));
        }
    };
    let Some(pack) = ctx.current_pack() else {
        return rows;
    };
    let Some(seen) = ctx.current_seen() else {
        rows.push(Row::Heading("What changed".into()));
        text(
            &mut rows,
            if pack.meta.version.is_none() {
                "This pack has no version number, so what changed cannot be followed. Ask IT to give pack.toml a version."
            } else {
                "No record of this pack is kept on this PC, so there is nothing to compare with."
            },
        );
        return rows;
    };
    let v = seen.version;
    let [long, short] = match seen.since() {
        Some(since) => [
            format!("What changed in version {v} (since version {since})"),
            format!("What changed in v{v} (since v{since})"),
        ],
        None => [
            format!("What changed in version {v}"),
            format!("What changed in v{v}"),
        ],
    };
    let fits = crate::layout::wrap::width(&long) + 2 <= width;
    rows.push(Row::Heading(if fits { long } else { short }));
    let notes = seen::notes(&pack.meta, v, seen.since());
    if !notes.is_empty() {
        rows.push(Row::Blank);
        rows.push(Row::Heading("The pack's own notes".into()));
        for n in notes {
            text(&mut rows, &seen::note_line(n, pack));
        }
    }
    let Some(change) = seen.change() else {
        rows.push(Row::Blank);
        let why = match seen.newer {
            Some(newer) => format!(
                "This PC has opened version {newer} of this pack before: this copy (version {v}) is older. Ask IT which is current."
            ),
            None if seen.settled.is_none() && ctx.pending.seen => {
                "Working out what changed: this takes a moment.".to_string()
            }
            None => "This PC has no earlier version of this pack to compare with. When the pack changes, what changed will show here.".to_string(),
        };
        text(&mut rows, &why);
        return rows;
    };
    let before = rows.len();
    found_rows(ctx, change, width, &mut rows);
    if rows.len() == before {
        rows.push(Row::Blank);
        text(
            &mut rows,
            "The reader found nothing different but the version number.",
        );
    }
    rows
}

/// What the reader found changed, as rows.
fn found_rows(ctx: &Ctx, change: &PackChange, width: usize, rows: &mut Vec<Row>) {
    let text = |rows: &mut Vec<Row>, s: &str| {
        for line in crate::layout::wrap_text(s, width.saturating_sub(4).max(10)) {
            rows.push(Row::Text(line));
        }
    };
    let heading = |rows: &mut Vec<Row>, s: &str| {
        rows.push(Row::Blank);
        rows.push(Row::Heading(s.into()));
    };
    let numbers = change.numbers();
    if !numbers.is_empty() {
        heading(rows, "Phone numbers changed");
        for n in &numbers {
            text(
                rows,
                &format!(
                    "{} ({}): {} -> {}",
                    n.contact,
                    field_label(&n.field),
                    or_none(n.old.as_ref()),
                    or_none(n.new.as_ref())
                ),
            );
        }
    }
    let contacts: Vec<String> = change
        .contacts
        .iter()
        .filter_map(|c| match c.change {
            Change::Changed => {
                let other: Vec<&str> = c
                    .fields
                    .iter()
                    .filter(|f| !is_number_field(&f.field))
                    .map(|f| field_label(&f.field))
                    .collect();
                (!other.is_empty()).then(|| format!("{}: {} changed", c.name, other.join(", ")))
            }
            _ => Some(contact_line(c)),
        })
        .collect();
    if !contacts.is_empty() {
        heading(rows, "Contacts");
        for c in &contacts {
            text(rows, c);
        }
    }
    let pack = ctx.current_pack();
    if !change.docs.is_empty() {
        heading(rows, "Documents (Enter opens one)");
        for d in &change.docs {
            let index = pack.and_then(|p| p.doc_index(&d.id));
            let word = match d.change {
                Change::Added => "new",
                Change::Changed => "changed",
                Change::Removed => "removed",
            };
            match (d.change, index) {
                (Change::Removed, _) | (_, None) => {
                    text(rows, &format!("{}: {word}", d.title));
                }
                (_, Some(i)) => rows.push(Row::Item {
                    label: d.title.clone(),
                    detail: word.into(),
                    target: Target::Doc(i),
                }),
            }
            for detail in &d.details {
                for line in detail_lines(detail).lines() {
                    let line = line.strip_prefix("    ").unwrap_or(line);
                    rows.extend(menu::details(line, width));
                }
            }
        }
    }
    if !change.triage.is_empty() {
        heading(rows, "What isn't working? list");
        for t in &change.triage {
            let what = match t.change {
                Change::Added => format!("added, opens {}", or_none(t.new_open.as_ref())),
                Change::Removed => "removed".to_string(),
                Change::Changed => format!("now opens {}", or_none(t.new_open.as_ref())),
            };
            text(rows, &format!("\"{}\": {what}", t.label));
        }
    }
    let practice: Vec<_> = change
        .practice_fields
        .iter()
        .filter(|f| f.field != "phone")
        .collect();
    if !practice.is_empty() {
        heading(rows, "The practice");
        for f in practice {
            text(
                rows,
                &format!(
                    "{}: {} -> {}",
                    f.field.replace('_', " "),
                    or_none(f.old.as_ref()),
                    or_none(f.new.as_ref())
                ),
            );
        }
    }
}

/// Rows of selectable documents.
fn items(rows: &[Row]) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.target().is_some())
        .map(|(i, _)| i)
        .collect()
}

impl ChangesState {
    /// The chosen document's row: the one chosen while it is in view, else the first in view.
    pub fn current(&self, rows: &[Row], height: usize) -> Option<usize> {
        let visible = |r: &usize| *r >= self.offset && *r < self.offset + height;
        let items = items(rows);
        self.selected
            .filter(visible)
            .or_else(|| items.into_iter().find(visible))
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        let body = ctx.body();
        let rows = rows(ctx, usize::from(body.width));
        let height = usize::from(body.height).max(1);
        let max = rows.len().saturating_sub(height);
        let items = items(&rows);
        let current = self.current(&rows, height);
        let in_view = |offset: usize, r: usize| r >= offset && r < offset + height;
        let page = height.saturating_sub(1).max(1);
        match action {
            Action::Back => return Reply::back(),
            Action::Open => {
                return match current.and_then(|r| rows[r].target()) {
                    Some(Target::Doc(doc)) => Reply::to(Place::Doc {
                        pack: ctx.pack,
                        doc,
                        anchor: None,
                        find: None,
                    }),
                    _ => Reply::status("No document to open here: the arrow keys move to one"),
                };
            }
            Action::Down => {
                let next = items
                    .iter()
                    .copied()
                    .find(|&r| current.is_none_or(|c| r > c) && r >= self.offset);
                match next {
                    Some(r) if in_view(self.offset, r) => self.selected = Some(r),
                    _ => self.offset = (self.offset + 1).min(max),
                }
            }
            Action::Up => {
                let prev = items
                    .iter()
                    .copied()
                    .rev()
                    .find(|&r| current.is_none_or(|c| r < c) && r < self.offset + height);
                match prev {
                    Some(r) if in_view(self.offset, r) => self.selected = Some(r),
                    _ => self.offset = self.offset.saturating_sub(1),
                }
            }
            Action::PageDown => self.offset = (self.offset + page).min(max),
            Action::PageUp => self.offset = self.offset.saturating_sub(page),
            Action::WheelDown => self.offset = (self.offset + 3).min(max),
            Action::WheelUp => self.offset = self.offset.saturating_sub(3),
            Action::Top => {
                self.offset = 0;
                self.selected = None;
            }
            Action::Bottom => {
                self.offset = max;
                self.selected = items.iter().copied().rev().find(|&r| in_view(max, r));
            }
            Action::Click { column, row } if body.contains(Position { x: column, y: row }) => {
                let at = self.offset + usize::from(row - body.y);
                let item = menu::item_at_row(&rows, at).and_then(|n| items.get(n).copied());
                if let Some(r) = item {
                    self.selected = Some(r);
                    return self.update(ctx, Action::Open);
                }
            }
            _ => {}
        }
        Reply::none()
    }
}
