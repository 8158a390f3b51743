//! A [`Plan`] in words for IT (the refresh summary, the refusals) and as one JSON document for
//! scripts (`stick build --json`). Every value comes from the sanitised change model, the
//! sanitised check diagnostics or the manifest.

use serde::Serialize;

use super::{CheckGate, KeyChange, PackPlan, Plan, Previous, Refusal};
use crate::changes::{Change, PackStatus, is_number_field, text as change_text};
use crate::stick::{BuildReport, PREVIOUS_DIR};

fn change_word(c: Change) -> &'static str {
    match c {
        Change::Added => "added",
        Change::Removed => "removed",
        Change::Changed => "changed",
    }
}

/// True when the change model sees nothing in a pack whose files differ (an image, a setting in
/// pack.toml): the files are then what is shown.
fn only_files(p: &PackPlan) -> bool {
    let c = &p.change;
    c.docs.is_empty()
        && c.contacts.is_empty()
        && c.triage.is_empty()
        && c.practice_fields.is_empty()
}

/// "documents changed: phones-down; number changed: NHS 111 phone 111 -> 01632 960111", short,
/// for a refusal.
pub fn what_changed(p: &PackPlan) -> String {
    let c = &p.change;
    let mut parts = Vec::new();
    for change in [Change::Added, Change::Removed, Change::Changed] {
        let ids: Vec<&str> = c
            .docs
            .iter()
            .filter(|d| d.change == change)
            .map(|d| d.id.as_str())
            .collect();
        if !ids.is_empty() {
            parts.push(format!(
                "documents {}: {}",
                change_word(change),
                ids.join(", ")
            ));
        }
    }
    for n in &p.numbers {
        parts.push(format!(
            "number changed: {} {} {} -> {}",
            n.contact,
            n.field,
            n.old.as_deref().unwrap_or("(none)"),
            n.new.as_deref().unwrap_or("(none)")
        ));
    }
    // contacts added or removed, or with more than a number changed (numbers are listed above)
    let contacts = c
        .contacts
        .iter()
        .filter(|c| {
            c.change != Change::Changed || c.fields.iter().any(|f| !is_number_field(&f.field))
        })
        .count();
    if contacts > 0 {
        parts.push(format!("{contacts} contact(s) changed"));
    }
    if !c.triage.is_empty() {
        parts.push(format!("{} triage line(s) changed", c.triage.len()));
    }
    if c.practice_fields.iter().any(|f| f.field != "phone") {
        parts.push("the practice's details changed".into());
    }
    if parts.is_empty() {
        let files: Vec<String> = p
            .files
            .iter()
            .map(|f| format!("{} {}", f.path, change_word(f.change)))
            .collect();
        parts.push(format!("files: {}", files.join(", ")));
    }
    parts.join("; ")
}

/// The refresh summary: per pack what changes, then the signing key.
///
/// ```text
/// Refresh of /media/usb (the content there now was built 2026-11-20T09:12:44Z):
///   riverside (Riverside Surgery): upgraded v11 -> v12
///     documents changed: phones-down "Phones down"
///     number changed: NHS 111 phone: 111 -> 01632 960111
///     previous/riverside.json: v11 as it was, so readers can show what changed
///   signing key: 2853E4B71A95A124 (unchanged)
/// ```
pub fn summary(plan: &Plan) -> String {
    let mut out = match &plan.replaces_built {
        Some(built) if plan.refresh => format!(
            "Refresh of {} (the content there now was built {built}):\n",
            plan.stick
        ),
        _ if plan.refresh => format!("Refresh of {}:\n", plan.stick),
        _ => format!("First build of {}: every pack is new on it:\n", plan.stick),
    };
    for p in &plan.packs {
        let mut lines = change_text::pack_summary(&p.change);
        let kept_by_refusal = plan
            .refused
            .iter()
            .any(|r| r.pack.as_ref() == Some(&p.change.id));
        if p.change.status == PackStatus::Removed && !kept_by_refusal {
            lines = lines.replacen('\n', ", as --remove asks\n", 1);
        }
        out.push_str(&lines);
        if only_files(p) && p.change.status != PackStatus::Unchanged {
            for change in [Change::Added, Change::Removed, Change::Changed] {
                let files: Vec<&str> = p
                    .files
                    .iter()
                    .filter(|f| f.change == change)
                    .map(|f| f.path.as_str())
                    .collect();
                if !files.is_empty() {
                    out.push_str(&format!(
                        "    files {}: {}\n",
                        change_word(change),
                        files.join(", ")
                    ));
                }
            }
        }
        let was = p
            .change
            .old_version
            .map_or_else(|| "the old version".to_string(), |v| format!("v{v}"));
        match p.previous {
            Some(Previous::Written) => out.push_str(&format!(
                "    {PREVIOUS_DIR}/{}.json: {was} as it was, so readers can show what changed\n",
                p.change.id
            )),
            Some(Previous::Kept) => out.push_str(&format!(
                "    {PREVIOUS_DIR}/{}.json: kept from the stick\n",
                p.change.id
            )),
            None => {}
        }
    }
    out.push_str(&key_line(&plan.key));
    out
}

/// Before the switch (a dry run, a refusal): how to see every step, section and field that
/// changes, when documents do.
pub fn diff_hint(plan: &Plan) -> Option<String> {
    (plan.refresh && plan.packs.iter().any(|p| !p.change.docs.is_empty())).then(|| {
        format!(
            "  every step, section and field: manualpack diff {} {}\n",
            plan.stick, plan.packs_from
        )
    })
}

fn key_line(key: &KeyChange) -> String {
    match &key.old {
        Some(old) if *old != key.new => {
            format!("  signing key changes from {old} to {}\n", key.new)
        }
        Some(_) => format!("  signing key: {} (unchanged)\n", key.new),
        None => format!("  signing key: {}\n", key.new),
    }
}

/// The refusals, one a line, after a heading that says nothing was written.
pub fn refusals(refused: &[Refusal], dry_run: bool) -> String {
    let head = if dry_run {
        "the build would be refused"
    } else {
        "nothing was written: the build was refused"
    };
    let mut out = format!("{head} ({}):\n", refused.len());
    for r in refused {
        out.push_str(&format!("  - {}\n", r.message.replace('\n', "\n    ")));
    }
    out
}

/// What a finished build did, for the JSON document.
#[derive(Debug, Clone, Serialize)]
pub struct Built {
    pub content: String,
    pub files: usize,
    pub bytes: u64,
    pub key_id: String,
    pub refresh_by: jiff::civil::Date,
    /// Files written, renamed or deleted.
    pub steps: usize,
    /// The check errors recorded in the manifest (`--allow-errors`).
    pub check_errors: Vec<String>,
}

impl Built {
    pub fn of(r: &BuildReport) -> Built {
        Built {
            content: crate::stick::shown(&r.content),
            files: r.manifest.files.len(),
            bytes: r.bytes,
            key_id: r.manifest.key_id.clone(),
            refresh_by: r.manifest.refresh_by,
            steps: r.steps,
            check_errors: r.manifest.check_errors.clone(),
        }
    }
}

/// `stick build --json`: one document for dry runs and real builds alike.
#[derive(Debug, Clone, Serialize)]
struct Document<'a> {
    dry_run: bool,
    /// True when the build went ahead (or, for a dry run, would).
    ok: bool,
    stick: &'a str,
    refresh: bool,
    replaces_built: Option<&'a str>,
    refused: &'a [Refusal],
    check: &'a CheckGate,
    key: &'a KeyChange,
    packs: &'a [PackPlan],
    built: Option<Built>,
}

/// The JSON document (pretty, newline at the end).
pub fn json(plan: &Plan, dry_run: bool, built: Option<&BuildReport>) -> String {
    let doc = Document {
        dry_run,
        ok: plan.go_ahead(),
        stick: &plan.stick,
        refresh: plan.refresh,
        replaces_built: plan.replaces_built.as_deref(),
        refused: &plan.refused,
        check: &plan.check,
        key: &plan.key,
        packs: &plan.packs,
        built: built.map(Built::of),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::changes::{PackSnapshot, snapshot};
    use crate::stick::plan::{FileChange, OldStick, Refusal, RefusalKind, compare};

    fn example() -> PackSnapshot {
        snapshot::of_pack(&crate::discover::built_in().packs[0])
    }

    fn plan(old: Vec<PackSnapshot>, new: &[PackSnapshot], key_old: &str) -> Plan {
        let old = OldStick {
            snapshots: old,
            ..OldStick::default()
        };
        Plan {
            stick: "E:\\".into(),
            packs_from: "packs".into(),
            refresh: true,
            replaces_built: Some("2026-11-20T09:00:00Z".into()),
            check: CheckGate {
                packs: 1,
                errors: 0,
                warnings: 0,
                allowed: false,
                diagnostics: Vec::new(),
            },
            key: KeyChange {
                old: Some(key_old.into()),
                new: "BBBB".into(),
            },
            packs: compare(&old, new, None),
            refused: Vec::new(),
        }
    }

    /// The refresh summary, exactly: the version, the document, the number old and new, a
    /// contact added, and the key change.
    #[test]
    fn the_refresh_summary_names_versions_documents_numbers_and_the_key() {
        let old = example();
        let mut new = example();
        new.version = Some(old.version.unwrap() + 1);
        new.docs[0].hash = "changed".into();
        new.docs[0].steps[0].text = "A new first step".into();
        let contact = &mut new.contacts[0];
        let phone = contact
            .fields
            .iter_mut()
            .find(|(k, _)| k == "phone")
            .unwrap();
        let was = std::mem::replace(&mut phone.1, "01632 960999".into());
        new.contacts.push(snapshot::ContactSnapshot {
            name: "Out-of-hours locum".into(),
            group: "Clinical".into(),
            fields: vec![("mobile".into(), "07700 900999".into())],
        });
        let p = plan(vec![old.clone()], std::slice::from_ref(&new), "AAAA");
        let (v, name, doc) = (old.version.unwrap(), &new.contacts[0].name, &new.docs[0]);
        assert_eq!(
            summary(&p),
            format!(
                "Refresh of E:\\ (the content there now was built 2026-11-20T09:00:00Z):\n  \
                 {id} ({practice}): upgraded v{v} -> v{}\n    \
                 documents changed: {} \"{}\"\n    \
                 number changed: {name} phone: {was} -> 01632 960999\n    \
                 contact added: Out-of-hours locum (07700 900999)\n  \
                 signing key changes from AAAA to BBBB\n",
                v + 1,
                doc.id,
                doc.title,
                id = new.id,
                practice = new.practice,
            )
        );
        assert_eq!(
            diff_hint(&p).unwrap(),
            "  every step, section and field: manualpack diff E:\\ packs\n"
        );
        let what = what_changed(&p.packs[0]);
        assert!(what.starts_with(&format!("documents changed: {}; number changed:", doc.id)));
        assert!(what.ends_with("; 1 contact(s) changed"), "{what}");
    }

    /// A pack whose files differ where the change model sees nothing (an image) is shown by
    /// its files; a removed pack refused stays plain, one let go by --remove says so.
    #[test]
    fn files_show_when_nothing_else_does_and_removals_say_why() {
        let mut p = plan(vec![example()], &[example()], "BBBB");
        p.packs[0].change.status = PackStatus::SameVersionChanged;
        p.packs[0].files = vec![FileChange {
            path: "images/map.png".into(),
            change: Change::Changed,
        }];
        let text = summary(&p);
        assert!(text.contains("(the version must rise)\n    files changed: images/map.png\n"));
        assert!(
            text.ends_with("  signing key: BBBB (unchanged)\n"),
            "{text}"
        );
        assert_eq!(what_changed(&p.packs[0]), "files: images/map.png changed");
        assert_eq!(diff_hint(&p), None);

        let mut gone = plan(vec![example()], &[], "BBBB");
        let id = gone.packs[0].change.id.clone();
        let was = format!("removed (was v{})", example().version.unwrap());
        assert!(summary(&gone).contains(&format!("{was}, as --remove asks\n")));
        gone.refused.push(Refusal {
            kind: RefusalKind::PackRemoved,
            pack: Some(id),
            message: "not in --packs".into(),
        });
        assert!(summary(&gone).contains(&format!("{was}\n")));
        assert_eq!(
            refusals(&gone.refused, true),
            "the build would be refused (1):\n  - not in --packs\n"
        );
    }
}
