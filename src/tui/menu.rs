//! Selectable lists with section headings (home, pack chooser, contacts, incidents): the rows a
//! screen shows, which rows can be selected, moving the selection and keeping it in view. Pure
//! data, shared by drawing and by mouse hit-testing.

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::ctx::plural;
use crate::check::Diagnostic;
use crate::pack::contacts::groups;
use crate::pack::{DocKind, Pack, PackSet};

/// What a selectable row leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Pack(usize),
    Triage(usize),
    Doc(usize),
    Contacts,
    Problems,
    Contact(usize),
    /// Start an incident, or an exercise.
    StartIncident {
        exercise: bool,
    },
    /// End the incident in progress.
    EndIncident,
    /// Add a note to the log.
    AddNote,
    /// Show the log of an incident (by index in the log's incident list).
    IncidentLog(usize),
    /// Write the report of an incident.
    Export(usize),
}

/// One row of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    Blank,
    /// A selectable item: label, a dimmer detail, and what it opens.
    Item {
        label: String,
        detail: String,
        target: Target,
    },
    /// An item whose detail is a phone number: drawn whole, the label shortened to make room.
    Numbered {
        label: String,
        number: String,
        target: Target,
    },
    /// Extra lines belonging to the item above (contact details); not selectable.
    Detail(String),
    /// A line of text of its own, in line with the items' labels; not selectable.
    Text(String),
}

/// Word-wrapped detail rows of `text` for a list `width` columns wide (details are indented).
pub fn details(text: &str, width: usize) -> Vec<Row> {
    crate::layout::wrap_text(text, width.saturating_sub(DETAIL_INDENT + 2).max(10))
        .into_iter()
        .map(Row::Detail)
        .collect()
}

/// Columns detail rows are indented by.
pub const DETAIL_INDENT: usize = 6;

impl Row {
    pub fn target(&self) -> Option<Target> {
        match self {
            Row::Item { target, .. } | Row::Numbered { target, .. } => Some(*target),
            _ => None,
        }
    }
}

/// Selection and scroll of a menu: `selected` counts selectable items, `offset` counts rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MenuState {
    pub selected: usize,
    pub offset: usize,
}

impl MenuState {
    /// Move the selection by `delta` items, clamped.
    pub fn step(&mut self, rows: &[Row], delta: isize) {
        let count = item_count(rows);
        if count == 0 {
            return;
        }
        let next = self.selected as isize + delta;
        self.selected = next.clamp(0, count as isize - 1) as usize;
    }

    pub fn last(&mut self, rows: &[Row]) {
        self.selected = item_count(rows).saturating_sub(1);
    }

    /// Scroll so the selected item (and its detail lines) is visible in `height` rows.
    pub fn reveal(&mut self, rows: &[Row], height: usize) {
        let Some(row) = row_of_item(rows, self.selected) else {
            return;
        };
        let mut end = row + 1;
        while matches!(rows.get(end), Some(Row::Detail(_))) {
            end += 1;
        }
        // show the heading above the first item of a section too
        let start = if row > 0 && matches!(rows[row - 1], Row::Heading(_)) {
            row - 1
        } else {
            row
        };
        let height = height.max(1);
        if start < self.offset {
            self.offset = start;
        } else if end > self.offset + height {
            self.offset = (end.saturating_sub(height)).min(start);
        }
        if self.selected == 0 {
            self.offset = 0;
        }
    }

    pub fn target(&self, rows: &[Row]) -> Option<Target> {
        rows.iter().filter_map(Row::target).nth(self.selected)
    }

    /// Select the item leading to `target`, if there is one.
    pub fn select(&mut self, rows: &[Row], target: Target) {
        if let Some(i) = rows
            .iter()
            .filter_map(Row::target)
            .position(|t| t == target)
        {
            self.selected = i;
        }
    }

    /// Move, scroll or open in a list shown in `body`; returns what to open.
    pub fn update(&mut self, rows: &[Row], body: Rect, action: Action) -> Option<Target> {
        let height = usize::from(body.height);
        let page = height.saturating_sub(2).max(1) as isize;
        let mut open = None;
        match action {
            Action::Up => self.step(rows, -1),
            Action::Down => self.step(rows, 1),
            Action::PageUp => self.step(rows, -page),
            Action::PageDown => self.step(rows, page),
            Action::Top => self.selected = 0,
            Action::Bottom => self.last(rows),
            Action::WheelUp => {
                self.offset = self.offset.saturating_sub(3);
                return None;
            }
            Action::WheelDown => {
                self.offset = (self.offset + 3).min(rows.len().saturating_sub(height));
                return None;
            }
            Action::Open => open = self.target(rows),
            Action::Click { column, row } if body.contains(Position { x: column, y: row }) => {
                let at = self.offset + usize::from(row - body.y);
                if let Some(item) = item_at_row(rows, at) {
                    self.selected = item;
                    open = self.target(rows);
                }
            }
            _ => {}
        }
        self.reveal(rows, height);
        open
    }
}

pub fn item_count(rows: &[Row]) -> usize {
    rows.iter().filter(|r| r.target().is_some()).count()
}

/// Row index of the n-th selectable item.
pub fn row_of_item(rows: &[Row], n: usize) -> Option<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.target().is_some())
        .nth(n)
        .map(|(i, _)| i)
}

/// Item index for a row (the item itself or the item a detail line belongs to).
pub fn item_at_row(rows: &[Row], row: usize) -> Option<usize> {
    let mut item = None;
    let mut count = 0;
    for (i, r) in rows.iter().enumerate().take(row + 1) {
        match r {
            Row::Item { .. } | Row::Numbered { .. } => {
                item = Some(count);
                count += 1;
            }
            Row::Detail(_) => {}
            _ => item = None,
        }
        if i == row {
            return item;
        }
    }
    None
}

/// The home screen: "What isn't working?", procedures, forms, contacts, pack health.
/// `reading`: the documents are still being read (the pack has none yet).
pub fn home_rows(
    pack: &Pack,
    progress: &dyn Fn(usize) -> Option<(usize, usize)>,
    health: &[Diagnostic],
    reading: bool,
) -> Vec<Row> {
    let mut rows = vec![Row::Heading("What isn't working?".into())];
    for (i, t) in pack.meta.triage.iter().enumerate() {
        let detail = if reading || pack.doc(&t.open).is_some() {
            String::new()
        } else {
            "(missing: see problems)".into()
        };
        rows.push(Row::Item {
            label: t.label.clone(),
            detail,
            target: Target::Triage(i),
        });
    }
    if pack.meta.triage.is_empty() {
        rows.push(Row::Detail("(this pack has no triage list)".into()));
    }
    if reading {
        rows.push(Row::Blank);
        rows.push(Row::Detail("Reading the procedures and forms...".into()));
    }
    for (kind, heading) in [(DocKind::Procedure, "Procedures"), (DocKind::Form, "Forms")] {
        let docs: Vec<_> = pack
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind == kind)
            .collect();
        if docs.is_empty() {
            continue;
        }
        rows.push(Row::Blank);
        rows.push(Row::Heading(heading.into()));
        for (i, d) in docs {
            let detail = match progress(i) {
                Some((done, total)) => {
                    format!("{done}/{total}  {}", d.summary.as_deref().unwrap_or(""))
                }
                None => d.summary.clone().unwrap_or_default(),
            };
            rows.push(Row::Item {
                label: d.title.clone(),
                detail,
                target: Target::Doc(i),
            });
        }
    }
    rows.push(Row::Blank);
    rows.push(Row::Heading("More".into()));
    let keys = pack.key_contacts().count();
    rows.push(Row::Item {
        label: format!("Contacts ({})", pack.contacts.len()),
        detail: format!("{keys} key contacts, every number"),
        target: Target::Contacts,
    });
    if !health.is_empty() {
        let (errors, warnings) = crate::check::counts(health);
        let label = if errors > 0 {
            format!("Pack health ({})", plural(errors, "error"))
        } else {
            "Pack health".to_string()
        };
        rows.push(Row::Item {
            label,
            detail: format!(
                "{}, {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
            target: Target::Problems,
        });
    }
    rows
}

/// The pack chooser.
pub fn chooser_rows(set: &PackSet) -> Vec<Row> {
    let mut rows = vec![Row::Heading("Choose a pack".into())];
    for (i, p) in set.packs.iter().enumerate() {
        let mut detail = format!("{} ", p.id);
        if let Some(v) = p.meta.version {
            detail.push_str(&format!("v{v} "));
        }
        if p.meta.example {
            detail.push_str("EXAMPLE");
        }
        rows.push(Row::Item {
            label: p.meta.practice.name.clone(),
            detail,
            target: Target::Pack(i),
        });
    }
    rows
}

/// The contacts screen: grouped, key contacts marked, every field shown and wrapped to `width`;
/// Enter opens one contact in full.
pub fn contact_rows(pack: &Pack, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for group in groups(&pack.contacts) {
        if !rows.is_empty() {
            rows.push(Row::Blank);
        }
        rows.push(Row::Heading(group.to_string()));
        for (i, c) in pack
            .contacts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.group == group)
        {
            let label = if c.key {
                format!("{} [KEY]", c.name)
            } else {
                c.name.clone()
            };
            rows.push(Row::Numbered {
                label,
                number: c.main_number().unwrap_or("").to_string(),
                target: Target::Contact(i),
            });
            for line in crate::pack::contacts::field_lines(c) {
                rows.extend(details(&line, width));
            }
        }
    }
    if rows.is_empty() {
        rows.push(Row::Detail("This pack has no contacts.".into()));
    }
    rows
}
