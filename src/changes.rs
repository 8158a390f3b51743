//! The one change model: what changed between two versions of a pack (or two sets of packs).
//! `stick build`'s refresh summary, `manualpack diff`, the reader's "Changed in version N" and the
//! binder's changes page all read it.
//!
//! Versions are compared through [`snapshot::PackSnapshot`]s (a pack summed up: documents by
//! hash, steps, sections and form fields; contacts field by field), so an old version can be
//! compared after its files are gone (the reader keeps the last one it saw). Children:
//! [`snapshot`] sums a pack up; [`steps`] compares procedures step by step; [`text`] says it all
//! in words for the terminal; [`seen`] keeps, per PC, the version last opened and the one before;
//! [`places`] reads versions from packs, folders, sticks and snapshot files.

pub mod places;
pub mod seen;
pub mod snapshot;
pub mod steps;
pub mod text;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use places::{
    MAX_SNAPSHOT_BYTES, compare_places, is_one_pack, packs_folder, previous_of, read_snapshot,
    since, snapshots_at,
};
pub use snapshot::{PackSnapshot, is_number_field};
pub use steps::StepChange;

use crate::pack::DocKind;
use snapshot::{ContactSnapshot, DocSnapshot};

/// What happened to a pack as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackStatus {
    Added,
    Removed,
    /// A higher version.
    Upgraded,
    /// A lower version.
    Downgraded,
    /// The same version, with different content (a refresh refuses this).
    SameVersionChanged,
    Unchanged,
}

/// What changed in one pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackChange {
    pub id: String,
    pub practice: String,
    pub status: PackStatus,
    pub old_version: Option<i64>,
    pub new_version: Option<i64>,
    pub docs: Vec<DocChange>,
    pub contacts: Vec<ContactChange>,
    pub triage: Vec<TriageChange>,
    /// The practice's own details (name, ODS code, address, phone).
    pub practice_fields: Vec<FieldChange>,
}

/// Added, removed, or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// What changed in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocChange {
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    pub change: Change,
    /// For a changed document: what, one item each. Empty for added and removed ones.
    pub details: Vec<Detail>,
}

/// One change inside a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum Detail {
    Title {
        old: String,
        new: String,
    },
    Summary {
        old: String,
        new: String,
    },
    Step(StepChange),
    Section {
        heading: String,
        change: Change,
    },
    Field {
        label: String,
        change: Change,
    },
    /// The text changed, but no step, section or field did (spacing, formatting, order).
    Wording,
}

/// A contact added, removed, or with some fields changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactChange {
    pub name: String,
    pub group: String,
    pub change: Change,
    /// For a changed contact: each field that differs. For added and removed ones: its numbers.
    pub fields: Vec<FieldChange>,
}

/// One field, before and after (`None` where it had no value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A triage line ("What isn't working?") added, removed, or opening another document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriageChange {
    pub label: String,
    pub change: Change,
    pub old_open: Option<String>,
    pub new_open: Option<String>,
}

/// A phone number that changed: the most dangerous silent change, so it is listed on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberChange {
    pub contact: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl PackChange {
    /// True when nothing at all differs.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
            && self.contacts.is_empty()
            && self.triage.is_empty()
            && self.practice_fields.is_empty()
            && self.old_version == self.new_version
    }

    /// Every phone number that changed, was added to or removed from a contact that stayed.
    /// Numbers of contacts added or removed whole are in [`PackChange::contacts`].
    pub fn numbers(&self) -> Vec<NumberChange> {
        let mut out = Vec::new();
        for c in &self.contacts {
            for f in c.fields.iter().filter(|f| is_number_field(&f.field)) {
                if c.change == Change::Changed {
                    out.push(NumberChange {
                        contact: c.name.clone(),
                        field: f.field.clone(),
                        old: f.old.clone(),
                        new: f.new.clone(),
                    });
                }
            }
        }
        for f in self.practice_fields.iter().filter(|f| f.field == "phone") {
            out.push(NumberChange {
                contact: "the practice".into(),
                field: f.field.clone(),
                old: f.old.clone(),
                new: f.new.clone(),
            });
        }
        out
    }

    /// The documents changed or added, by id: what the reader marks.
    pub fn doc(&self, id: &str) -> Option<&DocChange> {
        self.docs.iter().find(|d| d.id == id)
    }
}

impl DocChange {
    /// Positions (in the new version) of the steps that are new, reworded, moved or changed.
    pub fn changed_steps(&self) -> Vec<usize> {
        self.details
            .iter()
            .filter_map(|d| match d {
                Detail::Step(s) => s.new_index(),
                _ => None,
            })
            .collect()
    }
}

/// Compare one pack's two versions; `None` on a side means the pack is not there.
pub fn compare(old: Option<&PackSnapshot>, new: Option<&PackSnapshot>) -> PackChange {
    let empty = PackSnapshot {
        format: snapshot::FORMAT,
        id: String::new(),
        practice: String::new(),
        version: None,
        docs: Vec::new(),
        contacts: Vec::new(),
        triage: Vec::new(),
        practice_fields: Vec::new(),
    };
    let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let named = if new.is_some() { n } else { o };
    let mut change = PackChange {
        id: named.id.clone(),
        practice: named.practice.clone(),
        status: PackStatus::Unchanged,
        old_version: old.and_then(|s| s.version),
        new_version: new.and_then(|s| s.version),
        docs: compare_docs(&o.docs, &n.docs),
        contacts: compare_contacts(&o.contacts, &n.contacts),
        triage: compare_triage(&o.triage, &n.triage),
        practice_fields: compare_fields(&o.practice_fields, &n.practice_fields),
    };
    change.status = match (old, new) {
        (None, _) => PackStatus::Added,
        (_, None) => PackStatus::Removed,
        _ => match change.new_version.cmp(&change.old_version) {
            std::cmp::Ordering::Greater => PackStatus::Upgraded,
            std::cmp::Ordering::Less => PackStatus::Downgraded,
            std::cmp::Ordering::Equal if change.is_empty() => PackStatus::Unchanged,
            std::cmp::Ordering::Equal => PackStatus::SameVersionChanged,
        },
    };
    if matches!(change.status, PackStatus::Added | PackStatus::Removed) {
        // A pack added or removed whole: its documents and contacts are not listed one by one.
        change.docs.clear();
        change.contacts.clear();
        change.triage.clear();
        change.practice_fields.clear();
    }
    change
}

/// Compare two sets of packs, by pack id: every pack of either set, in the new set's order then
/// the removed ones.
pub fn compare_sets(old: &[PackSnapshot], new: &[PackSnapshot]) -> Vec<PackChange> {
    let mut out: Vec<PackChange> = new
        .iter()
        .map(|n| compare(old.iter().find(|o| o.id == n.id), Some(n)))
        .collect();
    for o in old.iter().filter(|o| !new.iter().any(|n| n.id == o.id)) {
        out.push(compare(Some(o), None));
    }
    out
}

fn compare_docs(old: &[DocSnapshot], new: &[DocSnapshot]) -> Vec<DocChange> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| o.id == n.id) {
            None => out.push(DocChange {
                id: n.id.clone(),
                kind: n.kind,
                title: n.title.clone(),
                change: Change::Added,
                details: Vec::new(),
            }),
            Some(o) => {
                let details = compare_doc(o, n);
                if !details.is_empty() {
                    out.push(DocChange {
                        id: n.id.clone(),
                        kind: n.kind,
                        title: n.title.clone(),
                        change: Change::Changed,
                        details,
                    });
                }
            }
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.id == o.id)) {
        out.push(DocChange {
            id: o.id.clone(),
            kind: o.kind,
            title: o.title.clone(),
            change: Change::Removed,
            details: Vec::new(),
        });
    }
    out
}

/// What changed inside one document, empty when nothing did.
fn compare_doc(o: &DocSnapshot, n: &DocSnapshot) -> Vec<Detail> {
    let mut out = Vec::new();
    if o.title != n.title {
        out.push(Detail::Title {
            old: o.title.clone(),
            new: n.title.clone(),
        });
    }
    if o.summary != n.summary {
        out.push(Detail::Summary {
            old: o.summary.clone().unwrap_or_default(),
            new: n.summary.clone().unwrap_or_default(),
        });
    }
    if o.hash == n.hash {
        return out;
    }
    let before = out.len();
    out.extend(
        steps::compare(&o.steps, &n.steps)
            .into_iter()
            .map(Detail::Step),
    );
    for (heading, change) in compare_named(
        o.sections
            .iter()
            .map(|s| (s.heading.as_str(), s.hash.as_str())),
        n.sections
            .iter()
            .map(|s| (s.heading.as_str(), s.hash.as_str())),
    ) {
        out.push(Detail::Section { heading, change });
    }
    for (label, change) in compare_named(
        o.fields.iter().map(|f| (f.as_str(), "")),
        n.fields.iter().map(|f| (f.as_str(), "")),
    ) {
        out.push(Detail::Field { label, change });
    }
    if out.len() == before {
        out.push(Detail::Wording);
    }
    out
}

/// Named things (sections by heading, fields by label) matched by name in order, so a name used
/// twice matches its twin: added, removed, or changed (a different hash).
fn compare_named<'a>(
    old: impl Iterator<Item = (&'a str, &'a str)>,
    new: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, Change)> {
    let mut old: Vec<Option<(&str, &str)>> = old.map(Some).collect();
    let mut out = Vec::new();
    for (name, hash) in new {
        match old.iter_mut().find(|o| o.is_some_and(|(n, _)| n == name)) {
            Some(slot) => {
                if slot.is_some_and(|(_, h)| h != hash) {
                    out.push((name.to_string(), Change::Changed));
                }
                *slot = None;
            }
            None => out.push((name.to_string(), Change::Added)),
        }
    }
    out.extend(
        old.into_iter()
            .flatten()
            .map(|(name, _)| (name.to_string(), Change::Removed)),
    );
    out
}

fn compare_contacts(old: &[ContactSnapshot], new: &[ContactSnapshot]) -> Vec<ContactChange> {
    let mut left: Vec<Option<&ContactSnapshot>> = old.iter().map(Some).collect();
    let mut out = Vec::new();
    for n in new {
        // The same name in the same group first, else the same name anywhere.
        let found = left
            .iter()
            .position(|o| o.is_some_and(|o| o.name == n.name && o.group == n.group))
            .or_else(|| {
                left.iter()
                    .position(|o| o.is_some_and(|o| o.name == n.name))
            });
        match found.and_then(|i| left[i].take()) {
            None => out.push(ContactChange {
                name: n.name.clone(),
                group: n.group.clone(),
                change: Change::Added,
                fields: numbers_of(n, true),
            }),
            Some(o) => {
                let mut fields = compare_fields(&o.fields, &n.fields);
                if o.group != n.group {
                    fields.insert(
                        0,
                        FieldChange {
                            field: "group".into(),
                            old: Some(o.group.clone()),
                            new: Some(n.group.clone()),
                        },
                    );
                }
                if !fields.is_empty() {
                    out.push(ContactChange {
                        name: n.name.clone(),
                        group: n.group.clone(),
                        change: Change::Changed,
                        fields,
                    });
                }
            }
        }
    }
    for o in left.into_iter().flatten() {
        out.push(ContactChange {
            name: o.name.clone(),
            group: o.group.clone(),
            change: Change::Removed,
            fields: numbers_of(o, false),
        });
    }
    out
}

/// A whole contact's numbers, as new values (added) or old ones (removed).
fn numbers_of(c: &ContactSnapshot, added: bool) -> Vec<FieldChange> {
    c.fields
        .iter()
        .filter(|(k, _)| is_number_field(k))
        .map(|(k, v)| FieldChange {
            field: k.clone(),
            old: (!added).then(|| v.clone()),
            new: added.then(|| v.clone()),
        })
        .collect()
}

/// Fields compared by name: each that differs, was added or was removed, in the new order.
fn compare_fields(old: &[(String, String)], new: &[(String, String)]) -> Vec<FieldChange> {
    let value = |list: &[(String, String)], k: &str| {
        list.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let mut names: Vec<&str> = new.iter().map(|(k, _)| k.as_str()).collect();
    names.extend(
        old.iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !new.iter().any(|(n, _)| n == k)),
    );
    names
        .into_iter()
        .filter_map(|k| {
            let (o, n) = (value(old, k), value(new, k));
            (o != n).then(|| FieldChange {
                field: k.to_string(),
                old: o,
                new: n,
            })
        })
        .collect()
}

fn compare_triage(old: &[(String, String)], new: &[(String, String)]) -> Vec<TriageChange> {
    compare_fields(old, new)
        .into_iter()
        .map(|f| TriageChange {
            change: match (&f.old, &f.new) {
                (None, _) => Change::Added,
                (_, None) => Change::Removed,
                _ => Change::Changed,
            },
            label: f.field,
            old_open: f.old,
            new_open: f.new,
        })
        .collect()
}
