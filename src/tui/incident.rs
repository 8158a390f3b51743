//! Incident mode in the reader: starting and ending incidents and exercises, ticking steps,
//! notes, the incident screen and the banner. The log itself lives in [`crate::incident`].

use super::action::Action;
use super::app::{App, Screen};
use super::menu::{MenuState, Row, Target};
use crate::incident::export::{Format, describe, local, report};
use crate::incident::{Event, Incident, Record, StepKey, elapsed, new_id};
use crate::pack::DocKind;
use crate::sanitize::clean_line;

/// Longest text a prompt accepts.
const MAX_INPUT: usize = 500;

/// A one-line text prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: Purpose,
    pub title: String,
    pub text: String,
}

/// What a prompt's answer is for.
#[derive(Debug, Clone)]
pub enum Purpose {
    IncidentName {
        exercise: bool,
    },
    Note,
    Initials {
        note: String,
    },
    /// Find within the open document.
    Find,
}

impl App {
    /// Re-read the log (another copy of the program may have written) and refresh the ticks.
    pub fn refresh_incident(&mut self) {
        self.store.reload();
        self.ticks = match self.store.log.active() {
            Some(i) => self.store.log.ticks(&i.id),
            None => Default::default(),
        };
    }

    fn record(&mut self, incident: &str, event: Event) {
        let record = Record {
            at: (self.clock)(),
            incident: incident.to_string(),
            event,
        };
        self.store.append(record);
        self.refresh_incident();
    }
}

/// The banner line while an incident or exercise is running.
pub fn banner(app: &App) -> Option<String> {
    let active = app.store.log.active()?;
    let label = if active.exercise {
        "EXERCISE"
    } else {
        "In downtime"
    };
    let mut text = format!(
        "{label}: {}, {}",
        active.name,
        elapsed(active.started, (app.clock)())
    );
    if let Some(why) = &app.store.not_saved {
        text.push_str(&format!(" | NOT SAVED: {why} (i: export)"));
    }
    Some(text)
}

/// Progress of a procedure in the incident in progress: (ticked, steps).
pub fn progress(app: &App, doc: usize) -> Option<(usize, usize)> {
    app.store.log.active()?;
    let pack = app.current_pack()?;
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
        .filter(|s| is_ticked(app, &pack.id, &entry.id, s))
        .count();
    Some((done, steps.len()))
}

pub fn is_ticked(app: &App, pack: &str, doc: &str, step: &str) -> bool {
    app.ticks.contains(&StepKey {
        pack: pack.into(),
        doc: doc.into(),
        step: step.into(),
    })
}

/// Log that a procedure was opened, when an incident is running.
pub fn opened(app: &mut App, doc: usize) {
    let Some(active) = app.store.log.active() else {
        return;
    };
    let Some(pack) = app.current_pack() else {
        return;
    };
    let Some(entry) = pack.docs.get(doc) else {
        return;
    };
    let event = Event::Open {
        pack: pack.id.clone(),
        version: pack.meta.version,
        doc: entry.id.clone(),
        title: entry.title.clone(),
    };
    app.record(&active.id, event);
}

/// The incident screen's rows.
pub fn menu_rows(app: &App) -> Vec<Row> {
    let log = &app.store.log;
    let mut rows = Vec::new();
    match log.active() {
        Some(a) => {
            rows.push(Row::Heading(format!("{} in progress", a.kind())));
            rows.push(Row::Detail(format!(
                "{} - started {}, {} ago",
                a.name,
                local(a.started),
                elapsed(a.started, (app.clock)())
            )));
            rows.push(Row::Item {
                label: "Add a note".into(),
                detail: "n, from any screen".into(),
                target: Target::AddNote,
            });
            if let Some(i) = log.incidents().iter().position(|x| x.id == a.id) {
                rows.push(Row::Item {
                    label: "Show the log".into(),
                    detail: "L, from any screen".into(),
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
    let place = app.store.log_path().map_or_else(
        || "(nowhere)".to_string(),
        |p| clean_line(&p.display().to_string()),
    );
    rows.push(Row::Detail(place));
    if let Some(why) = &app.store.not_saved {
        rows.push(Row::Detail(format!(
            "NOT SAVED: {why}. Export the report before you close."
        )));
    }
    if let Some(w) = &app.store.warning {
        rows.push(Row::Detail(w.clone()));
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

pub fn open_target(app: &mut App, target: Target) {
    match target {
        Target::StartIncident { exercise } => {
            let title = if exercise {
                "Name of the exercise (e.g. Annual drill: phones down)"
            } else {
                "Name of the incident (e.g. Phones down)"
            };
            app.prompt = Some(Prompt {
                purpose: Purpose::IncidentName { exercise },
                title: title.into(),
                text: String::new(),
            });
        }
        Target::EndIncident => {
            if let Some(a) = app.store.log.active() {
                app.record(&a.id, Event::End);
                app.status = Some(format!("{} ended: {}", a.kind(), a.name));
                if let Some(Screen::Incidents(state)) = app.stack.last_mut() {
                    *state = MenuState::default();
                }
            }
        }
        Target::AddNote => ask_note(app),
        Target::IncidentLog(i) => {
            if let Some(inc) = app.store.log.incidents().get(i) {
                app.stack.push(Screen::Log {
                    id: inc.id.clone(),
                    scroll: 0,
                });
            }
        }
        Target::Export(i) => {
            if let Some(inc) = app.store.log.incidents().get(i).cloned() {
                export(app, &inc);
            }
        }
        _ => {}
    }
}

/// Write the report where it can be written: the state folder, else the working folder, else
/// the temporary folder.
fn export(app: &mut App, inc: &Incident) {
    let practice = app
        .current_pack()
        .map(|p| p.meta.practice.name.clone())
        .unwrap_or_default();
    let text = report(
        &app.store.log,
        inc,
        &practice,
        (app.clock)(),
        Format::Markdown,
    );
    let name = format!(
        "{}-{}.md",
        if inc.exercise { "exercise" } else { "incident" },
        inc.id
    );
    let dirs = [
        app.store.dir.as_ref().map(|d| d.join("exports")),
        std::env::current_dir().ok(),
        Some(std::env::temp_dir()),
    ];
    for dir in dirs.into_iter().flatten() {
        let path = dir.join(&name);
        if std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, &text))
            .is_ok()
        {
            app.status = Some(format!(
                "Report written to {}",
                clean_line(&path.display().to_string())
            ));
            return;
        }
    }
    app.status =
        Some("The report could not be written anywhere; use `manualpack incident export`".into());
}

pub fn ask_note(app: &mut App) {
    if app.store.log.active().is_none() {
        app.status = Some("No incident in progress: press i to start one".into());
        return;
    }
    app.prompt = Some(Prompt {
        purpose: Purpose::Note,
        title: "Note for the incident log".into(),
        text: String::new(),
    });
}

pub fn show_log(app: &mut App) {
    match app.store.log.active() {
        Some(a) => app.stack.push(Screen::Log {
            id: a.id,
            scroll: 0,
        }),
        None => {
            app.status =
                Some("No incident in progress: press i to start one or see past ones".into())
        }
    }
}

/// Keys typed while a prompt is open.
pub fn prompt_update(app: &mut App, action: Action) {
    let Some(prompt) = app.prompt.as_mut() else {
        return;
    };
    match action {
        Action::Type(c) if !c.is_control() && prompt.text.chars().count() < MAX_INPUT => {
            prompt.text.push(c)
        }
        Action::Erase => {
            prompt.text.pop();
        }
        Action::Cancel => app.prompt = None,
        Action::Submit => {
            let Some(prompt) = app.prompt.take() else {
                return;
            };
            let text = clean_line(prompt.text.trim());
            submit(app, prompt.purpose, text);
        }
        _ => {}
    }
}

fn submit(app: &mut App, purpose: Purpose, text: String) {
    match purpose {
        Purpose::IncidentName { exercise } => {
            let name = if text.is_empty() {
                if exercise {
                    "Exercise".to_string()
                } else {
                    "Downtime".to_string()
                }
            } else {
                text
            };
            let id = new_id((app.clock)());
            app.record(
                &id,
                Event::Start {
                    name: name.clone(),
                    exercise,
                },
            );
            app.status = Some(format!(
                "{} started: {name}",
                if exercise { "Exercise" } else { "Incident" }
            ));
            if let Some(Screen::Incidents(state)) = app.stack.last_mut() {
                *state = MenuState::default();
            }
            // an incident started from a procedure logs that procedure as opened
            if let Some(Screen::Reader(r)) = app
                .stack
                .iter()
                .rev()
                .find(|s| matches!(s, Screen::Reader(_)))
            {
                let doc = r.doc;
                opened(app, doc);
            }
        }
        Purpose::Note => {
            if text.is_empty() {
                return;
            }
            app.prompt = Some(Prompt {
                purpose: Purpose::Initials { note: text },
                title: "Your initials (optional, Enter to skip)".into(),
                text: String::new(),
            });
        }
        Purpose::Find => super::search::start_find(app, &text, true),
        Purpose::Initials { note } => {
            let Some(a) = app.store.log.active() else {
                return;
            };
            let initials = (!text.is_empty()).then(|| text.to_uppercase());
            app.record(
                &a.id,
                Event::Note {
                    text: note,
                    initials,
                },
            );
            app.status = Some("Note added to the log".into());
        }
    }
}

/// The steps of the open procedure, with whether each is ticked.
/// The open procedure's pack id, document id, pack version, and its steps with their ticks.
type OpenSteps = (String, String, Option<i64>, Vec<(String, bool)>);

fn steps(app: &App) -> Option<OpenSteps> {
    let Screen::Reader(r) = app.screen() else {
        return None;
    };
    let pack = app.set.packs.get(r.pack)?;
    let entry = pack.docs.get(r.doc)?;
    let steps = r
        .rendered
        .steps
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let key = r.step_keys.get(i).cloned().unwrap_or_default();
            let ticked = is_ticked(app, &pack.id, &entry.id, &key);
            (key, ticked)
        })
        .collect();
    Some((pack.id.clone(), entry.id.clone(), pack.meta.version, steps))
}

/// Space: tick the current step (the first unticked one).
pub fn tick(app: &mut App) {
    let Some((pack, doc, version, steps)) = steps(app) else {
        return;
    };
    if steps.is_empty() {
        app.status = Some("This document has no steps to tick".into());
        return;
    }
    let Some(active) = app.store.log.active() else {
        open_target(app, Target::StartIncident { exercise: false });
        if let Some(p) = app.prompt.as_mut() {
            p.title = "Start an incident first. Name (e.g. Phones down)".into();
        }
        return;
    };
    let Some((step, _)) = steps.iter().find(|(_, done)| !done).cloned() else {
        app.status = Some("Every step is ticked".into());
        return;
    };
    app.record(
        &active.id,
        Event::Tick {
            pack,
            doc,
            version,
            step,
        },
    );
    keep_current_in_view(app);
}

/// Toggle one step (a click).
pub fn toggle(app: &mut App, index: usize) {
    let Some((pack, doc, version, steps)) = steps(app) else {
        return;
    };
    let Some((step, done)) = steps.get(index).cloned() else {
        return;
    };
    let Some(active) = app.store.log.active() else {
        app.status = Some("Start an incident to tick steps: press i".into());
        return;
    };
    let event = if done {
        Event::Untick {
            pack,
            doc,
            version,
            step,
        }
    } else {
        Event::Tick {
            pack,
            doc,
            version,
            step,
        }
    };
    app.record(&active.id, event);
}

/// u: untick the step ticked last in this procedure.
pub fn untick(app: &mut App) {
    let Some((pack, doc, version, _)) = steps(app) else {
        return;
    };
    let Some(active) = app.store.log.active() else {
        return;
    };
    let ticks = app.store.log.ticks(&active.id);
    let ticked: Vec<String> = app
        .store
        .log
        .records_of(&active.id)
        .filter_map(|r| match &r.event {
            Event::Tick {
                pack: p,
                doc: d,
                step,
                ..
            } if *p == pack && *d == doc => Some(step.clone()),
            _ => None,
        })
        .collect();
    let last = ticked.into_iter().rev().find(|s| {
        ticks.contains(&StepKey {
            pack: pack.clone(),
            doc: doc.clone(),
            step: s.clone(),
        })
    });
    match last {
        Some(step) => app.record(
            &active.id,
            Event::Untick {
                pack,
                doc,
                version,
                step,
            },
        ),
        None => app.status = Some("No ticked step to untick".into()),
    }
}

/// The index of the current step (first unticked) of the open procedure.
pub fn current_step(app: &App) -> Option<usize> {
    app.store.log.active()?;
    let (_, _, _, steps) = steps(app)?;
    steps.iter().position(|(_, done)| !done)
}

fn keep_current_in_view(app: &mut App) {
    let height = app.body_height();
    let current = current_step(app);
    let Some(Screen::Reader(r)) = app.stack.last_mut() else {
        return;
    };
    let Some(spot) = current.and_then(|i| r.rendered.steps.get(i)) else {
        return;
    };
    if spot.line < r.scroll || spot.end > r.scroll + height {
        let max = r.rendered.lines.len().saturating_sub(height.max(1));
        r.scroll = spot.line.saturating_sub(2).min(max);
    }
}

/// Lines of the log screen.
pub fn log_lines(app: &App, id: &str) -> Vec<String> {
    let log = &app.store.log;
    let mut out = Vec::new();
    if let Some(inc) = log.incident(id) {
        let state = match inc.ended {
            Some(end) => format!("ended {}, lasted {}", local(end), elapsed(inc.started, end)),
            None => format!(
                "in progress, {} so far",
                elapsed(inc.started, (app.clock)())
            ),
        };
        out.push(format!(
            "{}: {} (started {}, {state})",
            inc.kind(),
            inc.name,
            local(inc.started)
        ));
        let versions: Vec<String> = app
            .set
            .packs
            .iter()
            .filter_map(|p| {
                let seen = log.versions_seen(id, &p.id);
                let now = p.meta.version?;
                seen.iter().any(|v| *v != now).then(|| {
                    format!("The pack was refreshed to version {now} since; steps whose text changed show as unticked.")
                })
            })
            .collect();
        out.extend(versions);
        out.push(String::new());
    }
    for r in log.records_of(id) {
        out.push(format!("{}  {}", local(r.at), describe(&r.event)));
    }
    out
}
