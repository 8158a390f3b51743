//! Running the effects `update` returns: the only place the reader writes files (the incident
//! log, PDFs, reports) or starts another program (a PDF viewer).

use super::app::App;
use super::effect::{Effect, Printable};
use crate::incident::export::{Format, report};
use crate::pdf;
use crate::sanitize::clean_line;

/// Run effects in order.
pub fn run(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Record(record) => {
                app.store.append(record);
                app.refresh_incident();
            }
            Effect::Print(what) => print(app, &what),
            Effect::OpenFile(path) => {
                let shown = clean_line(&path.display().to_string());
                app.status = Some(match (app.opener)(&path) {
                    Ok(()) => format!("Opening {shown}"),
                    // the launcher's own error is noise to a receptionist; where the file is is not
                    Err(_) => format!("No PDF viewer could be started: open {shown} yourself"),
                });
            }
            Effect::Export { ids, then_quit } => {
                let all = export(app, &ids);
                if then_quit && all {
                    app.quit = true;
                }
            }
            Effect::SaveSeen(seen) => {
                if let Some(dir) = &app.store.dir {
                    let _ = crate::changes::seen::write(dir, &seen);
                }
            }
            Effect::Quit => app.quit = true,
        }
    }
}

/// Apply an action and run what it asks for: what the event loop does for each key.
pub fn handle(app: &mut App, action: super::action::Action) {
    let effects = app.update(action);
    run(app, effects);
}

fn print(app: &mut App, what: &Printable) {
    let made = match *what {
        Printable::Doc { pack, doc } => app
            .set
            .packs
            .get(pack)
            .and_then(|p| p.docs.get(doc).map(|d| (p, d)))
            .map(|(p, d)| pdf::documents(p, &[d]).map(|b| (format!("{}-{}.pdf", p.id, d.id), b))),
        Printable::Contacts { pack } => app
            .set
            .packs
            .get(pack)
            .map(|p| pdf::contacts_sheet(p).map(|b| (format!("{}-contacts.pdf", p.id), b))),
    };
    app.status = Some(match made {
        None => "Nothing to print here".into(),
        Some(Err(e)) => format!("Could not make the PDF: {e}"),
        Some(Ok((name, bytes))) => match pdf::printouts::save(&app.folders, &name, &bytes) {
            Ok(path) => {
                let shown = clean_line(&path.display().to_string());
                app.printout = Some(path);
                format!("Saved PDF: {shown}  (Ctrl-O: open it)")
            }
            Err(e) => format!("Could not save the PDF: {e}"),
        },
    });
}

/// Write the reports of these incidents where they can be written; true when all were.
fn export(app: &mut App, ids: &[String]) -> bool {
    let practice_of = |id: &str| {
        app.set
            .packs
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.meta.practice.name.clone())
    };
    let mut written = Vec::new();
    let mut failed = 0;
    for inc in app
        .store
        .log
        .incidents()
        .iter()
        .filter(|i| ids.contains(&i.id))
    {
        let practice = app
            .store
            .log
            .practice(&inc.id, &practice_of)
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
        let dirs = app.folders.report_dirs(app.store.dir.as_deref());
        let saved = dirs.into_iter().find_map(|dir| {
            let path = dir.join(&name);
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, &text))
                .ok()
                .map(|()| path)
        });
        match saved {
            Some(path) => written.push(clean_line(&path.display().to_string())),
            None => failed += 1,
        }
    }
    app.status = Some(match (written.as_slice(), failed) {
        ([], 0) => "No incident to export".into(),
        (w, 0) => format!("Report written to {}", w.join(", ")),
        _ => "The report could not be written anywhere; use `manualpack incident export`".into(),
    });
    failed == 0
}
