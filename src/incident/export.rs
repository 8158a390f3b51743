//! The post-incident report (or the evidence of an exercise): Markdown or plain text, with
//! local times.

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Event, Incident, Log, elapsed};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

/// A time as the practice's clock shows it.
pub fn local(at: Timestamp) -> String {
    at.to_zoned(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn time_only(at: Timestamp) -> String {
    at.to_zoned(TimeZone::system())
        .strftime("%H:%M")
        .to_string()
}

/// One line describing an event, for the log screen and the report.
pub fn describe(event: &Event) -> String {
    match event {
        Event::Start {
            name,
            exercise: true,
            ..
        } => format!("Exercise started: {name}"),
        Event::Start { name, .. } => format!("Incident started: {name}"),
        Event::End => "Ended".into(),
        Event::Open { title, .. } => format!("Opened {title}"),
        Event::Tick { doc, step, .. } => format!("Ticked in {doc}: {step}"),
        Event::Untick { doc, step, .. } => format!("Unticked in {doc}: {step}"),
        Event::Note {
            text,
            initials: Some(i),
        } if !i.is_empty() => format!("Note ({i}): {text}"),
        Event::Note { text, .. } => format!("Note: {text}"),
    }
}

/// The report for one incident.
pub fn report(
    log: &Log,
    incident: &Incident,
    practice: &str,
    now: Timestamp,
    format: Format,
) -> String {
    let md = format == Format::Markdown;
    let mut s = String::new();
    let title = if incident.exercise {
        format!("Exercise report: {}", incident.name)
    } else {
        format!("Incident report: {}", incident.name)
    };
    if md {
        let _ = writeln!(s, "# {title}\n");
    } else {
        let _ = writeln!(s, "{title}\n{}\n", "=".repeat(title.chars().count()));
    }
    if incident.exercise {
        let _ = writeln!(
            s,
            "EXERCISE: a test of the business continuity plan, not a real incident.\n"
        );
    }
    let field = |s: &mut String, k: &str, v: &str| {
        let _ = if md {
            writeln!(s, "- **{k}:** {v}")
        } else {
            writeln!(s, "{k:<14} {v}")
        };
    };
    field(&mut s, "Practice", practice);
    field(&mut s, "Started", &local(incident.started));
    match incident.ended {
        Some(end) => {
            field(&mut s, "Ended", &local(end));
            field(&mut s, "Duration", &elapsed(incident.started, end));
        }
        None => field(
            &mut s,
            "Ended",
            &format!(
                "still in progress ({} so far)",
                elapsed(incident.started, now)
            ),
        ),
    }
    let records: Vec<_> = log.records_of(&incident.id).collect();
    let mut people: Vec<String> = Vec::new();
    for r in &records {
        if let Event::Note {
            initials: Some(i), ..
        } = &r.event
            && !i.is_empty()
            && !people.contains(i)
        {
            people.push(i.clone());
        }
    }
    let who = if people.is_empty() {
        "(no initials recorded)".to_string()
    } else {
        people.join(", ")
    };
    field(&mut s, "Who took part", &who);
    let section = |s: &mut String, name: &str| {
        let _ = if md {
            writeln!(s, "\n## {name}\n")
        } else {
            writeln!(s, "\n{name}\n{}", "-".repeat(name.len()))
        };
    };
    let list = |s: &mut String, at: Timestamp, text: &str| {
        let _ = if md {
            writeln!(s, "- {} {text}", time_only(at))
        } else {
            writeln!(s, "  {}  {text}", time_only(at))
        };
    };
    section(&mut s, "Procedures walked through");
    let mut opened: Vec<&str> = Vec::new();
    for r in &records {
        if let Event::Open { title, .. } = &r.event
            && !opened.contains(&title.as_str())
        {
            opened.push(title);
            list(&mut s, r.at, title);
        }
    }
    if opened.is_empty() {
        let _ = writeln!(s, "(none opened)");
    }
    section(&mut s, "Notes (including what was found wanting)");
    let notes: Vec<_> = records
        .iter()
        .filter(|r| matches!(r.event, Event::Note { .. }))
        .collect();
    for r in &notes {
        list(&mut s, r.at, &describe(&r.event));
    }
    if notes.is_empty() {
        let _ = writeln!(s, "(no notes)");
    }
    section(&mut s, "Full log");
    for r in &records {
        list(&mut s, r.at, &describe(&r.event));
    }
    if !log.damaged.is_empty() {
        let _ = writeln!(
            s,
            "\n{} damaged line(s) of the log could not be read and are not included.",
            log.damaged.len()
        );
    }
    s
}
