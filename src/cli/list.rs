//! `manualpack list`: packs, documents, contacts and load problems.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::json;

use super::out;
use crate::pack::PackSet;

pub fn run(set: &PackSet, json: bool) -> ExitCode {
    if set.packs.is_empty() {
        for p in &set.problems {
            out::eprint(&p.to_string());
        }
        return ExitCode::from(2);
    }
    let text = if json { to_json(set) } else { to_text(set) };
    out::print(&text)
}

pub fn to_text(set: &PackSet) -> String {
    let mut s = String::new();
    for pack in &set.packs {
        let m = &pack.meta;
        let _ = write!(s, "{} ({})", m.practice.name, pack.id);
        if let Some(v) = m.version {
            let _ = write!(s, ", version {v}");
        }
        if let Some(d) = m.reviewed {
            let _ = write!(s, ", reviewed {d}");
        }
        if let Some(d) = m.next_review {
            let _ = write!(s, ", next review {d}");
        }
        if m.example {
            s.push_str("  [EXAMPLE]");
        }
        s.push('\n');
        let id_width = pack
            .docs
            .iter()
            .map(|d| d.id.chars().count())
            .max()
            .unwrap_or(0);
        for d in &pack.docs {
            let _ = writeln!(
                s,
                "  {:<9}  {:<id_width$}  {}",
                d.kind.name(),
                d.id,
                d.title
            );
        }
        let keys = pack.key_contacts().count();
        let _ = writeln!(s, "  {} contacts ({keys} key)", pack.contacts.len());
    }
    let problems: Vec<_> = set.all_problems().collect();
    if !problems.is_empty() {
        let _ = writeln!(s, "\n{} problem(s):", problems.len());
        for p in problems {
            let _ = writeln!(s, "  {p}");
        }
    }
    s
}

pub fn to_json(set: &PackSet) -> String {
    let packs: Vec<_> = set
        .packs
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "practice": p.meta.practice.name,
                "version": p.meta.version,
                "reviewed": p.meta.reviewed.map(|d| d.to_string()),
                "next_review": p.meta.next_review.map(|d| d.to_string()),
                "example": p.meta.example,
                "documents": p.docs.iter().map(|d| json!({
                    "id": d.id, "kind": d.kind.name(), "title": d.title, "path": d.path,
                })).collect::<Vec<_>>(),
                "contacts": p.contacts.len(),
                "key_contacts": p.key_contacts().count(),
                "problems": p.problems,
            })
        })
        .collect();
    let doc = json!({ "origin": set.origin, "packs": packs, "problems": set.problems });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
