//! A pack version summed up for comparing: per document its title, a hash of its text, its steps,
//! its sections (by heading) and its form fields; every contact's fields; the triage list. Small
//! enough to keep in the reader's state folder and on a stick, so what an earlier version said can
//! be compared after the documents themselves are gone.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::document::{Block, Document, Inline, ListItem, plain_text, step_text};
use crate::pack::{Contact, DocEntry, DocKind, Pack};
use crate::sanitize::clean_line;

/// The snapshot format written by this version.
pub const FORMAT: u32 = 1;

/// One pack, as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSnapshot {
    pub format: u32,
    pub id: String,
    pub practice: String,
    pub version: Option<i64>,
    pub docs: Vec<DocSnapshot>,
    pub contacts: Vec<ContactSnapshot>,
    /// `(label, document id)` of each triage entry, in order.
    pub triage: Vec<(String, String)>,
    /// `(field, value)` of the practice: name, ODS code, address, phone.
    pub practice_fields: Vec<(String, String)>,
}

/// One document, as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSnapshot {
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    pub summary: Option<String>,
    /// SHA-256 of the Markdown body: equal hashes mean nothing to compare.
    pub hash: String,
    pub steps: Vec<StepSnapshot>,
    pub sections: Vec<SectionSnapshot>,
    /// Forms: the labels of the places to write or tick, and the table columns, in order.
    pub fields: Vec<String>,
}

/// A step (a numbered or task-list item), in the order [`Document::steps`] gives them, so a
/// step's index here is its index in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepSnapshot {
    /// The number shown beside it (`None` for a task-list item).
    pub number: Option<u64>,
    /// The heading it sits under ("" before the first heading).
    pub section: String,
    /// Its text, as the reader keys ticks by it ([`step_text`]).
    pub text: String,
    /// A hash of the whole item (its text and anything under it).
    pub hash: String,
}

/// The prose under one heading, steps left out (they are compared one by one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionSnapshot {
    pub heading: String,
    pub hash: String,
}

/// One contact: its name and group, and every other field that has a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSnapshot {
    pub name: String,
    pub group: String,
    /// `(field, value)` in the order of `contacts.toml`'s keys.
    pub fields: Vec<(String, String)>,
}

impl PackSnapshot {
    pub fn doc(&self, id: &str) -> Option<&DocSnapshot> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read a snapshot written by [`PackSnapshot::to_json`]; `None` for anything else. The file
    /// may have been tampered with like any pack file, so every string is sanitised again.
    pub fn from_json(text: &str) -> Option<PackSnapshot> {
        let mut snap = serde_json::from_str::<PackSnapshot>(text)
            .ok()
            .filter(|s| s.format == FORMAT)?;
        snap.clean();
        Some(snap)
    }

    /// Every string made one clean line (see [`clean_line`]).
    pub fn clean(&mut self) {
        let all = |v: &mut Vec<(String, String)>| {
            for (k, x) in v.iter_mut() {
                *k = clean_line(k);
                *x = clean_line(x);
            }
        };
        self.id = clean_line(&self.id);
        self.practice = clean_line(&self.practice);
        all(&mut self.triage);
        all(&mut self.practice_fields);
        for c in &mut self.contacts {
            c.name = clean_line(&c.name);
            c.group = clean_line(&c.group);
            all(&mut c.fields);
        }
        for d in &mut self.docs {
            d.id = clean_line(&d.id);
            d.title = clean_line(&d.title);
            d.summary = d.summary.as_deref().map(clean_line);
            for s in &mut d.steps {
                s.section = clean_line(&s.section);
                s.text = clean_line(&s.text);
            }
            for s in &mut d.sections {
                s.heading = clean_line(&s.heading);
            }
            for f in &mut d.fields {
                *f = clean_line(f);
            }
        }
    }
}

/// The field names compared for contacts, in order (`name` and `group` are kept apart).
pub const CONTACT_FIELDS: &[&str] = &[
    "role",
    "phone",
    "mobile",
    "out_of_hours",
    "email",
    "whatsapp",
    "hours",
    "notes",
    "key",
];

/// True for a contact field that holds a phone number.
pub fn is_number_field(field: &str) -> bool {
    matches!(field, "phone" | "mobile" | "out_of_hours" | "whatsapp")
}

/// Sum a pack up. Reads every document (parsing the ones not parsed yet, without keeping them).
pub fn of_pack(pack: &Pack) -> PackSnapshot {
    let p = &pack.meta.practice;
    let practice_fields = [
        ("name", Some(&p.name)),
        ("ods_code", p.ods_code.as_ref()),
        ("address", p.address.as_ref()),
        ("phone", p.phone.as_ref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v.clone())))
    .collect();
    PackSnapshot {
        format: FORMAT,
        id: pack.id.clone(),
        practice: p.name.clone(),
        version: pack.meta.version,
        docs: pack.docs.iter().map(of_doc).collect(),
        contacts: pack.contacts.iter().map(of_contact).collect(),
        triage: pack
            .meta
            .triage
            .iter()
            .map(|t| (t.label.clone(), t.open.clone()))
            .collect(),
        practice_fields,
    }
}

/// Sum one document up.
pub fn of_doc(entry: &DocEntry) -> DocSnapshot {
    entry.doc.peek(|doc| of_document(entry, doc))
}

/// Sum a document up from a model already at hand.
pub fn of_document(entry: &DocEntry, doc: &Document) -> DocSnapshot {
    let mut walk = Walk::default();
    walk.blocks(&doc.blocks);
    walk.close_section();
    DocSnapshot {
        id: entry.id.clone(),
        kind: entry.kind,
        title: entry.title.clone(),
        summary: entry.summary.clone(),
        hash: hash(entry.doc.source().as_bytes()),
        steps: walk.steps,
        sections: walk.sections,
        fields: if entry.kind == DocKind::Form {
            walk.fields
        } else {
            Vec::new()
        },
    }
}

fn of_contact(c: &Contact) -> ContactSnapshot {
    let values = [
        c.role.as_ref(),
        c.phone.as_ref(),
        c.mobile.as_ref(),
        c.out_of_hours.as_ref(),
        c.email.as_ref(),
        c.whatsapp.as_ref(),
        c.hours.as_ref(),
        c.notes.as_ref(),
    ];
    let mut fields: Vec<(String, String)> = CONTACT_FIELDS
        .iter()
        .zip(values)
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v.clone())))
        .collect();
    if c.key {
        fields.push(("key".into(), "yes".into()));
    }
    ContactSnapshot {
        name: c.name.clone(),
        group: c.group.clone(),
        fields,
    }
}

fn hash(bytes: &[u8]) -> String {
    crate::stick::hex(&Sha256::digest(bytes)[..16])
}

/// Walks a document in the order [`Document::steps`] does, collecting steps, the prose of each
/// section, and form fields.
#[derive(Default)]
struct Walk {
    steps: Vec<StepSnapshot>,
    sections: Vec<SectionSnapshot>,
    fields: Vec<String>,
    heading: String,
    prose: String,
    seen_any: bool,
}

impl Walk {
    fn close_section(&mut self) {
        if self.seen_any || !self.prose.is_empty() {
            self.sections.push(SectionSnapshot {
                heading: std::mem::take(&mut self.heading),
                hash: hash(self.prose.as_bytes()),
            });
        }
        self.prose.clear();
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { content, .. } => {
                self.close_section();
                self.seen_any = true;
                self.heading = plain_text(content).trim().to_string();
            }
            Block::Paragraph(inlines) => {
                self.inline_fields(inlines);
                self.prose(&plain_text(inlines));
            }
            Block::List { start, items } => {
                let mut number = *start;
                for item in items {
                    if start.is_some() || item.task.is_some() {
                        self.step(number, item);
                    } else {
                        self.prose("- ");
                        self.blocks(&item.blocks);
                    }
                    number = number.map(|n| n.saturating_add(1));
                }
            }
            Block::Quote { kind, blocks } => {
                self.prose(kind.label().unwrap_or(">"));
                self.blocks(blocks);
            }
            Block::Code { text, .. } => self.prose(text),
            Block::Table(t) => {
                for h in &t.header {
                    let label = plain_text(h).trim().to_string();
                    if !label.is_empty() {
                        self.fields.push(format!("column: {label}"));
                    }
                    self.prose(&label);
                }
                for row in &t.rows {
                    for cell in row {
                        self.inline_fields(cell);
                        self.prose(&plain_text(cell));
                    }
                    self.prose("|");
                }
            }
            Block::Html(h) => self.prose(h),
            Block::Rule => self.prose("---"),
        }
    }

    /// A step: its own entry, and nothing in the section's prose (steps are compared one by one).
    /// Steps nested inside it come after it, as in [`Document::steps`]. Each block is walked
    /// once: the step's hash is made from its own text and its nested steps' hashes.
    fn step(&mut self, number: Option<u64>, item: &ListItem) {
        let index = self.steps.len();
        self.steps.push(StepSnapshot {
            number,
            section: self.heading.clone(),
            text: step_text(item),
            hash: String::new(),
        });
        let outer = std::mem::take(&mut self.prose);
        self.blocks(&item.blocks);
        let mut whole = format!("{:?}\n", item.task);
        whole.push_str(&std::mem::replace(&mut self.prose, outer));
        for nested in &self.steps[index + 1..] {
            whole.push_str(&nested.hash);
        }
        self.steps[index].hash = hash(whole.as_bytes());
    }

    fn prose(&mut self, text: &str) {
        self.prose.push_str(text.trim());
        self.prose.push('\n');
    }

    /// Labels of write lines and tick boxes: the text before a line, after a box.
    fn inline_fields(&mut self, inlines: &[Inline]) {
        let mut before = String::new();
        let mut boxed = false;
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::WriteLine { .. } => {
                    let label = label_of(&before);
                    if !label.is_empty() {
                        self.fields.push(label);
                    }
                    before.clear();
                }
                Inline::TickBox { .. } => {
                    if boxed {
                        self.push_box(&before);
                    }
                    boxed = true;
                    before.clear();
                }
                Inline::SoftBreak | Inline::HardBreak => {
                    if boxed {
                        self.push_box(&before);
                        boxed = false;
                    }
                    before.clear();
                }
                other => before.push_str(&plain_text(std::slice::from_ref(other))),
            }
            if i + 1 == inlines.len() && boxed {
                self.push_box(&before);
            }
        }
    }

    fn push_box(&mut self, text: &str) {
        let label = label_of(text);
        if !label.is_empty() {
            self.fields.push(format!("[ ] {label}"));
        }
    }
}

/// A field's label: the text trimmed of spaces and a trailing colon.
fn label_of(text: &str) -> String {
    text.trim().trim_end_matches(':').trim().to_string()
}
