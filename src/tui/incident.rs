//! Incident mode in the reader: the incident screen's rows and what its items do, notes,
//! starting an incident, the log's lines and procedures' progress. Pure: appending to the log is
//! an [`Effect::Record`] the loop runs. The log itself lives in [`crate::incident`].

use super::ctx::Ctx;
use super::effect::Effect;
use super::menu::{Row, Target, details};
use super::reply::{Place, Purpose, Reply, StartFrom};
use crate::incident::export::{describe, local};
use crate::incident::{Event, Incident, elapsed, new_id};
use crate::pack::DocKind;
use crate::sanitize::clean_line;

/// Progress of a procedure of the pack being read in the incident in progress: (ticked, steps).
pub fn progress(ctx: &Ctx, doc: usize) -> Option<(usize, usize)> {
    ctx.active?;
    let pack = ctx.current_pack()?;
    let entry = pack
        .docs
        .get(doc)
        .filter(|d| d.kind == DocKind::Procedure)?;
    let steps = entry.doc.steps();
    if steps.is_empty() {
        return None;
    }
    let done = steps
        .iter()
        .filter(|s| ctx.is_ticked(&pack.id, &entry.id, s))
        .count();
    Some((done, steps.len()))
}

/// The incident screen's rows, wrapped to `width`.
pub fn rows(ctx: &Ctx, width: usize) -> Vec<Row> {
    let log = &ctx.store.log;
    let mut rows = Vec::new();
    match ctx.active {
        Some(a) => {
            rows.push(Row::Heading(format!("{} in progress", a.kind())));
            rows.extend(details(
                &format!(
                    "{} - started {}, {} ago",
                    a.name,
                    local(a.started),
                    elapsed(a.started, (ctx.clock)())
                ),
                width,
            ));
            rows.push(Row::Item {
                label: "Add a note".into(),
                detail: "F6, from any screen".into(),
                target: Target::AddNote,
            });
            if let Some(i) = log.incidents().iter().position(|x| x.id == a.id) {
                rows.push(Row::Item {
                    label: "Show the log".into(),
                    detail: "F5, from any screen".into(),
                    target: Target::IncidentLog(i),
                });
                rows.push(Row::Item {
                    label: "Export the report".into(),
                    detail: "Markdown, for the review".into(),
                    target: Target::Export(i),
                });
            }
            rows.push(Row::Item {
                label: format!("End this {}", a.kind().to_lowercase()),
                detail: String::new(),
                target: Target::EndIncident,
            });
        }
        None => {
            rows.push(Row::Heading("No incident in progress".into()));
            rows.push(Row::Item {
                label: "Start an incident".into(),
                detail: "the systems are down for real".into(),
                target: Target::StartIncident { exercise: false },
            });
            rows.push(Row::Item {
                label: "Start an exercise".into(),
                detail: "a drill: tests the continuity plan".into(),
                target: Target::StartIncident { exercise: true },
            });
        }
    }
    rows.push(Row::Blank);
    rows.push(Row::Heading("Where the log is kept".into()));
    let place = ctx.store.log_path().map_or_else(
        || "(nowhere)".to_string(),
        |p| clean_line(&p.display().to_string()),
    );
    rows.extend(details(&place, width));
    if let Some(why) = &ctx.store.not_saved {
        rows.extend(details(
            &format!(
                "NOT SAVED: {why}. The log is kept in memory only: export the report before you close (quitting offers to)."
            ),
            width,
        ));
    }
    if let Some(w) = &ctx.store.warning {
        rows.extend(details(w, width));
    }
    let past: Vec<(usize, Incident)> = log
        .incidents()
        .into_iter()
        .enumerate()
        .filter(|(_, i)| i.ended.is_some())
        .collect();
    if !past.is_empty() {
        rows.push(Row::Blank);
        rows.push(Row::Heading(
            "Past incidents and exercises (read-only)".into(),
        ));
        for (i, inc) in past.into_iter().rev() {
            let detail = format!("{} {}", inc.kind(), local(inc.started));
            rows.push(Row::Item {
                label: inc.name.clone(),
                detail,
                target: Target::IncidentLog(i),
            });
        }
    }
    rows
}

/// What an item of the incident screen does.
pub fn open_target(ctx: &Ctx, target: Target) -> Reply {
    match target {
        Target::StartIncident { exercise } => ask_start(exercise, None),
        Target::EndIncident => match ctx.active {
            Some(a) => Reply {
                effects: vec![Effect::Record(ctx.record(&a.id, Event::End))],
                status: Some(format!("{} ended: {}", a.kind(), a.name)),
                ..Reply::default()
            },
            None => Reply::none(),
        },
        Target::AddNote => ask_note(ctx),
        Target::IncidentLog(i) => match ctx.store.log.incidents().get(i) {
            Some(inc) => Reply::to(Place::Log(inc.id.clone())),
            None => Reply::none(),
        },
        Target::Export(i) => match ctx.store.log.incidents().get(i) {
            Some(inc) => Reply::effect(Effect::Export {
                ids: vec![inc.id.clone()],
                then_quit: false,
            }),
            None => Reply::none(),
        },
        _ => Reply::none(),
    }
}

/// Ask for the name of a new incident or exercise.
pub fn ask_start(exercise: bool, from: Option<StartFrom>) -> Reply {
    let title = match (exercise, &from) {
        (true, _) => "Name of the exercise (e.g. Annual drill: phones down)",
        (false, Some(_)) => "Start an incident first. Name (e.g. Phones down)",
        (false, None) => "Name of the incident (e.g. Phones down)",
    };
    Reply::ask(Purpose::IncidentName { exercise, from }, title)
}

/// Start an incident: the start, and (when started from a procedure) that procedure opened and
/// the step being ticked.
pub fn start(ctx: &Ctx, exercise: bool, name: String, from: Option<StartFrom>) -> Reply {
    let name = match (name.is_empty(), exercise) {
        (false, _) => name,
        (true, true) => "Exercise".to_string(),
        (true, false) => "Downtime".to_string(),
    };
    let id = new_id((ctx.clock)());
    let practice = ctx.current_pack().map(|p| p.meta.practice.name.clone());
    let mut effects = vec![Effect::Record(ctx.record(
        &id,
        Event::Start {
            name: name.clone(),
            exercise,
            practice,
        },
    ))];
    if let Some(f) = from {
        effects.push(Effect::Record(ctx.record(
            &id,
            Event::Open {
                pack: f.pack.clone(),
                version: f.version,
                doc: f.doc.clone(),
                title: f.title,
            },
        )));
        if let Some(step) = f.tick {
            effects.push(Effect::Record(ctx.record(
                &id,
                Event::Tick {
                    pack: f.pack,
                    version: f.version,
                    doc: f.doc,
                    step,
                },
            )));
        }
    }
    Reply {
        effects,
        status: Some(format!(
            "{} started: {name}",
            if exercise { "Exercise" } else { "Incident" }
        )),
        ..Reply::default()
    }
}

pub fn ask_note(ctx: &Ctx) -> Reply {
    match ctx.active {
        None => Reply::status("No incident in progress: F4 to start one"),
        Some(_) => Reply::ask(Purpose::Note, "Note for the incident log"),
    }
}

/// Add a note, with the initials given (if any).
pub fn note(ctx: &Ctx, text: String, initials: &str) -> Reply {
    let Some(a) = ctx.active else {
        return Reply::status("The incident ended before the note was added");
    };
    let initials = (!initials.is_empty()).then(|| initials.to_uppercase());
    Reply {
        effects: vec![Effect::Record(
            ctx.record(&a.id, Event::Note { text, initials }),
        )],
        status: Some("Note added to the log".into()),
        ..Reply::default()
    }
}

pub fn show_log(ctx: &Ctx) -> Reply {
    match ctx.active {
        Some(a) => Reply::to(Place::Log(a.id.clone())),
        None => Reply::status("No incident in progress: F4 to start one or see past ones"),
    }
}

/// Lines of the log screen.
pub fn log_lines(ctx: &Ctx, id: &str) -> Vec<String> {
    let log = &ctx.store.log;
    let mut out = Vec::new();
    if let Some(inc) = log.incident(id) {
        let state = match inc.ended {
            Some(end) => format!("ended {}, lasted {}", local(end), elapsed(inc.started, end)),
            None => format!(
                "in progress, {} so far",
                elapsed(inc.started, (ctx.clock)())
            ),
        };
        out.push(format!(
            "{}: {} (started {}, {state})",
            inc.kind(),
            inc.name,
            local(inc.started)
        ));
        for p in &ctx.set.packs {
            let seen = log.versions_seen(id, &p.id);
            if let Some(now) = p.meta.version
                && seen.iter().any(|v| *v != now)
            {
                out.push(format!(
                    "The pack was refreshed to version {now} since; steps whose text changed show as unticked."
                ));
            }
        }
        out.push(String::new());
    }
    for r in log.records_of(id) {
        out.push(format!("{}  {}", local(r.at), describe(&r.event)));
    }
    out
}
