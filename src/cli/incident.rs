//! `manualpack paths` and `manualpack incident list|export`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use super::out;
use crate::discover::{self, Location};
use crate::folders::Folders;
use crate::incident::export::{Format, local, report};
use crate::incident::store::{Mode, Store};
use crate::pack::Limits;
use crate::sanitize::clean_line;

fn packs_dir(path: Option<&Path>) -> (Location, Option<std::path::PathBuf>) {
    let location = discover::locate(path);
    let dir = match &location {
        Location::Path(p) => Some(p.clone()),
        Location::BuiltIn => None,
    };
    (location, dir)
}

pub fn paths(path: Option<&Path>, folders: &Folders) -> ExitCode {
    let (_, dir) = packs_dir(path);
    let store = Store::open(folders, dir.as_deref());
    let mut s = String::new();
    let shown = |p: Option<&Path>| {
        p.map_or_else(
            || "(none)".to_string(),
            |p| clean_line(&p.display().to_string()),
        )
    };
    let _ = writeln!(
        s,
        "packs:          {}",
        dir.as_deref().map_or_else(
            || "the example pack built into manualpack".to_string(),
            |p| shown(Some(p))
        )
    );
    let mode = match store.mode {
        Mode::Environment => "from $MANUALPACK_STATE_DIR",
        Mode::Portable => "portable: beside the packs, travels with the stick",
        Mode::User => "per-user data folder",
        Mode::None => "none found",
    };
    let _ = writeln!(
        s,
        "state folder:   {} ({mode})",
        shown(store.dir.as_deref())
    );
    let _ = writeln!(s, "incident log:   {}", shown(store.log_path().as_deref()));
    match &store.not_saved {
        None => {
            let _ = writeln!(s, "saving:         yes");
        }
        Some(why) => {
            let _ = writeln!(
                s,
                "saving:         NO: {why}; incidents are kept in memory only"
            );
        }
    }
    let _ = writeln!(s, "printouts:      {}", shown(folders.printouts.as_deref()));
    let _ = writeln!(s, "config:         {}", shown(folders.config.as_deref()));
    out::print(&s)
}

pub fn list(path: Option<&Path>, folders: &Folders) -> ExitCode {
    let (_, dir) = packs_dir(path);
    let store = Store::open(folders, dir.as_deref());
    let mut s = String::new();
    for inc in store.log.incidents() {
        let end = inc.ended.map_or_else(
            || "in progress".to_string(),
            |e| format!("ended {}", local(e)),
        );
        let _ = writeln!(
            s,
            "{}  {:<8}  {}  started {}, {end}",
            inc.id,
            inc.kind(),
            inc.name,
            local(inc.started)
        );
    }
    if s.is_empty() {
        s.push_str("No incidents or exercises recorded.\n");
    }
    if let Some(w) = &store.warning {
        out::eprint(&format!("manualpack: {w}"));
    }
    out::print(&s)
}

pub fn export(
    path: Option<&Path>,
    id: Option<&str>,
    output: Option<&Path>,
    text: bool,
    folders: &Folders,
) -> ExitCode {
    let (location, dir) = packs_dir(path);
    let store = Store::open(folders, dir.as_deref());
    let incidents = store.log.incidents();
    let found = match id {
        Some(id) => incidents.iter().find(|i| i.id == id),
        None => incidents.last(),
    };
    let Some(inc) = found else {
        let what = id.map_or_else(
            || "No incidents are recorded".to_string(),
            |i| format!("No incident `{}`", clean_line(i)),
        );
        out::eprint(&format!(
            "manualpack: {what}; see `manualpack incident list`"
        ));
        return ExitCode::from(1);
    };
    let set = discover::load(&location, &Limits::default());
    // the incident's own practice, not that of whatever pack the current folder holds
    let practice_of = |id: &str| {
        set.packs
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.meta.practice.name.clone())
    };
    let practice = store
        .log
        .practice(&inc.id, &practice_of)
        .unwrap_or_default();
    let format = if text { Format::Text } else { Format::Markdown };
    let report = report(&store.log, inc, &practice, jiff::Timestamp::now(), format);
    match output {
        None => out::print(&report),
        Some(file) => match std::fs::write(file, report) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                out::eprint(&format!(
                    "manualpack: cannot write {}: {e}",
                    clean_line(&file.display().to_string())
                ));
                ExitCode::from(2)
            }
        },
    }
}
