//! The change model in words: [`summary`] for a refresh (packs, documents, numbers), [`detail`]
//! for `manualpack diff` (every step, section, field and contact field). Plain text, one item a
//! line, every value from the sanitised model.

use super::{Change, ContactChange, Detail, DocChange, PackChange, PackStatus, StepChange};

fn version(v: Option<i64>) -> String {
    v.map_or_else(|| "no version".to_string(), |v| format!("v{v}"))
}

fn or_none(v: &Option<String>) -> String {
    v.as_deref()
        .map_or_else(|| "(none)".to_string(), ToString::to_string)
}

/// "riverside-surgery (Riverside Surgery): upgraded v11 -> v12".
pub fn pack_line(p: &PackChange) -> String {
    let what = match p.status {
        PackStatus::Added => format!("added, {}", version(p.new_version)),
        PackStatus::Removed => format!("removed (was {})", version(p.old_version)),
        PackStatus::Upgraded => format!(
            "upgraded {} -> {}",
            version(p.old_version),
            version(p.new_version)
        ),
        PackStatus::Downgraded => format!(
            "DOWNGRADED {} -> {}",
            version(p.old_version),
            version(p.new_version)
        ),
        PackStatus::SameVersionChanged => format!(
            "changed but still {} (the version must rise)",
            version(p.new_version)
        ),
        PackStatus::Unchanged => format!("unchanged, {}", version(p.new_version)),
    };
    format!("{} ({}): {what}", p.id, p.practice)
}

fn doc_name(d: &DocChange) -> String {
    format!("{} \"{}\"", d.id, d.title)
}

/// What a refresh will change: per pack, its status; documents added, removed and changed; and
/// every phone number that changed, old and new.
pub fn summary(changes: &[PackChange]) -> String {
    changes.iter().map(pack_summary).collect()
}

/// One pack of [`summary`]: its line, then (indented) documents added, removed and changed,
/// every phone number that changed (old and new), contacts added or removed with their numbers,
/// other contact fields and triage entries that changed.
pub fn pack_summary(p: &PackChange) -> String {
    let mut out = format!("  {}\n", pack_line(p));
    for (change, label) in [
        (Change::Added, "documents added"),
        (Change::Removed, "documents removed"),
        (Change::Changed, "documents changed"),
    ] {
        let docs: Vec<String> = p
            .docs
            .iter()
            .filter(|d| d.change == change)
            .map(doc_name)
            .collect();
        if !docs.is_empty() {
            out.push_str(&format!("    {label}: {}\n", docs.join(", ")));
        }
    }
    for n in p.numbers() {
        out.push_str(&format!(
            "    number changed: {} {}: {} -> {}\n",
            n.contact,
            field_label(&n.field),
            or_none(&n.old),
            or_none(&n.new)
        ));
    }
    for c in &p.contacts {
        if c.change != Change::Changed {
            out.push_str(&format!("    {}\n", contact_line(c)));
            continue;
        }
        let others = other_fields(c);
        if !others.is_empty() {
            out.push_str(&format!(
                "    contact changed: {}: {}\n",
                c.name,
                others.join(", ")
            ));
        }
    }
    let practice: Vec<&str> = p
        .practice_fields
        .iter()
        .filter(|f| f.field != "phone")
        .map(|f| f.field.as_str())
        .collect();
    if !practice.is_empty() {
        out.push_str(&format!(
            "    practice details changed: {}\n",
            practice.join(", ")
        ));
    }
    if !p.triage.is_empty() {
        let labels: Vec<String> = p
            .triage
            .iter()
            .map(|t| format!("\"{}\"", t.label))
            .collect();
        out.push_str(&format!(
            "    triage entries changed: {}\n",
            labels.join(", ")
        ));
    }
    out
}

/// Everything that changed, for `manualpack diff`.
pub fn detail(changes: &[PackChange]) -> String {
    let mut out = String::new();
    let mut any = false;
    for p in changes {
        if p.status == PackStatus::Unchanged {
            continue;
        }
        any = true;
        out.push_str(&format!("{}\n", pack_line(p)));
        for f in &p.practice_fields {
            out.push_str(&format!(
                "  practice {}: {} -> {}\n",
                f.field,
                or_none(&f.old),
                or_none(&f.new)
            ));
        }
        for d in &p.docs {
            doc_detail(d, &mut out);
        }
        for c in &p.contacts {
            out.push_str(&format!("  {}\n", contact_line(c)));
            if c.change == Change::Changed {
                for f in &c.fields {
                    out.push_str(&format!(
                        "    {}: {} -> {}\n",
                        field_label(&f.field),
                        or_none(&f.old),
                        or_none(&f.new)
                    ));
                }
            }
        }
        for t in &p.triage {
            let what = match t.change {
                Change::Added => format!("added, opens {}", or_none(&t.new_open)),
                Change::Removed => format!("removed (opened {})", or_none(&t.old_open)),
                Change::Changed => format!(
                    "now opens {} (was {})",
                    or_none(&t.new_open),
                    or_none(&t.old_open)
                ),
            };
            out.push_str(&format!("  triage \"{}\": {what}\n", t.label));
        }
    }
    if !any {
        out.push_str("No differences.\n");
    }
    out
}

fn doc_detail(d: &DocChange, out: &mut String) {
    let kind = d.kind.name();
    out.push_str(&format!(
        "  {kind} {}: {}\n",
        doc_name(d),
        match d.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    ));
    for detail in &d.details {
        out.push_str(&detail_lines(detail));
    }
}

/// One detail of a changed document, as indented lines.
pub fn detail_lines(detail: &Detail) -> String {
    match detail {
        Detail::Title { old, new } => format!("    title: \"{old}\" -> \"{new}\"\n"),
        Detail::Summary { old, new } => format!("    summary: \"{old}\" -> \"{new}\"\n"),
        Detail::Step(s) => step_lines(s),
        Detail::Section { heading, change } => {
            let heading = if heading.is_empty() {
                "the opening text".to_string()
            } else {
                format!("section \"{heading}\"")
            };
            format!("    {heading}: {}\n", change_word(*change))
        }
        Detail::Field { label, change } => {
            format!("    field \"{label}\": {}\n", change_word(*change))
        }
        Detail::Wording => {
            "    wording or layout changed (no step, section or field differs)\n".to_string()
        }
    }
}

fn change_word(c: Change) -> &'static str {
    match c {
        Change::Added => "added",
        Change::Removed => "removed",
        Change::Changed => "reworded",
    }
}

/// "step 4" or "a ticked item", with the section it is under.
fn step_name(number: Option<u64>, section: &str) -> String {
    let name = number.map_or_else(|| "a tick-box step".to_string(), |n| format!("step {n}"));
    if section.is_empty() {
        name
    } else {
        format!("{name} (under \"{section}\")")
    }
}

fn step_lines(s: &StepChange) -> String {
    match s {
        StepChange::Added {
            number,
            section,
            text,
            ..
        } => format!(
            "    {} added\n      + {text}\n",
            step_name(*number, section)
        ),
        StepChange::Removed {
            number,
            section,
            text,
            ..
        } => format!(
            "    {} removed\n      - {text}\n",
            step_name(*number, section)
        ),
        StepChange::Reworded {
            number,
            section,
            old,
            new,
            ..
        } => format!(
            "    {} reworded\n      - {old}\n      + {new}\n",
            step_name(*number, section)
        ),
        StepChange::Moved {
            from,
            to,
            section,
            text,
            ..
        } => format!(
            "    {} moved (was {})\n      {text}\n",
            step_name(*to, section),
            from.map_or_else(|| "a tick-box step".to_string(), |n| format!("step {n}"))
        ),
        StepChange::Detail {
            number,
            section,
            text,
            ..
        } => format!(
            "    {}: the text under it changed\n      {text}\n",
            step_name(*number, section)
        ),
    }
}

/// How a contact field is named in sentences.
pub fn field_label(field: &str) -> &str {
    match field {
        "phone" => "phone",
        "mobile" => "mobile",
        "out_of_hours" => "out-of-hours number",
        "whatsapp" => "WhatsApp",
        other => other,
    }
}

/// "contact added: Name (numbers)", "contact removed: ...", "contact \"Name\" (group): changed".
pub fn contact_line(c: &ContactChange) -> String {
    let numbers: Vec<String> = c
        .fields
        .iter()
        .filter(|f| super::is_number_field(&f.field))
        .filter_map(|f| f.new.as_ref().or(f.old.as_ref()))
        .cloned()
        .collect();
    let numbers = if numbers.is_empty() {
        String::new()
    } else {
        format!(" ({})", numbers.join(", "))
    };
    match c.change {
        Change::Added => format!("contact added: {}{numbers}", c.name),
        Change::Removed => format!("contact removed: {}{numbers}", c.name),
        Change::Changed => format!("contact \"{}\" ({}): changed", c.name, c.group),
    }
}

/// What changed, one short line per document or number, for a printed page or a web page:
/// "Phones down (procedure): step 5 reworded; step 6 added", "Phone number changed: ICB IT
/// service desk, 01632 960001 -> 01632 960002", "Contact added: ...".
pub fn short_lines(p: &PackChange) -> Vec<String> {
    let mut out = Vec::new();
    for d in &p.docs {
        let what = match d.change {
            Change::Added => "new".to_string(),
            Change::Removed => "removed".to_string(),
            Change::Changed => {
                let parts: Vec<String> = d.details.iter().map(short_detail).collect();
                let mut unique: Vec<String> = Vec::new();
                for part in parts {
                    if !unique.contains(&part) {
                        unique.push(part);
                    }
                }
                unique.join("; ")
            }
        };
        out.push(format!("{} ({}): {what}", d.title, d.kind.name()));
    }
    for n in p.numbers() {
        out.push(format!(
            "{} changed: {}, {} -> {}",
            capitalised(field_label(&n.field)),
            n.contact,
            or_none(&n.old),
            or_none(&n.new)
        ));
    }
    for c in p.contacts.iter().filter(|c| c.change != Change::Changed) {
        out.push(capitalised(&contact_line(c)));
    }
    for c in p.contacts.iter().filter(|c| c.change == Change::Changed) {
        let fields = other_fields(c);
        if !fields.is_empty() {
            out.push(format!("Contact {}: {} changed", c.name, fields.join(", ")));
        }
    }
    for f in p.practice_fields.iter().filter(|f| f.field != "phone") {
        out.push(format!(
            "Practice {}: {} -> {}",
            field_label(&f.field),
            or_none(&f.old),
            or_none(&f.new)
        ));
    }
    for t in &p.triage {
        let what = match t.change {
            Change::Added => format!("added, opens {}", or_none(&t.new_open)),
            Change::Removed => "removed".to_string(),
            Change::Changed => format!("now opens {}", or_none(&t.new_open)),
        };
        out.push(format!(
            "\"What isn't working?\" line \"{}\": {what}",
            t.label
        ));
    }
    out
}

/// The fields of a changed contact other than its numbers (those are listed on their own).
fn other_fields(c: &ContactChange) -> Vec<&str> {
    c.fields
        .iter()
        .filter(|f| !super::is_number_field(&f.field))
        .map(|f| field_label(&f.field))
        .collect()
}

fn short_detail(d: &Detail) -> String {
    match d {
        Detail::Title { .. } => "new title".into(),
        Detail::Summary { .. } => "new summary".into(),
        Detail::Step(s) => match s {
            StepChange::Added { number, .. } => format!("{} added", step_word(*number)),
            StepChange::Removed { number, .. } => format!("{} removed", step_word(*number)),
            StepChange::Reworded { number, .. } => format!("{} reworded", step_word(*number)),
            StepChange::Moved { to, .. } => format!("{} moved", step_word(*to)),
            StepChange::Detail { number, .. } => format!("{} notes changed", step_word(*number)),
        },
        Detail::Section { heading, change } if heading.is_empty() => {
            format!("opening text {}", change_word(*change))
        }
        Detail::Section { heading, change } => format!("\"{heading}\" {}", change_word(*change)),
        Detail::Field { label, change } => format!("field \"{label}\" {}", change_word(*change)),
        Detail::Wording => "wording".into(),
    }
}

fn step_word(number: Option<u64>) -> String {
    number.map_or_else(|| "a tick-box step".to_string(), |n| format!("step {n}"))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
