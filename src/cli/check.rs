//! `manualpack check`: every problem of one or more packs, in the compiler style or as JSON
//! lines. Exit 0 when clean, 1 on errors (or warnings with `--deny-warnings`), 2 when a path
//! holds no readable pack.

use std::path::PathBuf;
use std::process::ExitCode;

use jiff::civil::Date;

use super::out;
use crate::check::{self, render};
use crate::discover::{self, Location};
use crate::pack::Limits;

pub fn run(paths: &[PathBuf], json: bool, deny_warnings: bool, today: Date) -> ExitCode {
    let locations: Vec<Location> = if paths.is_empty() {
        vec![discover::locate(None)]
    } else {
        paths.iter().map(|p| Location::Path(p.clone())).collect()
    };
    let mut diags = Vec::new();
    let mut packs = 0;
    let mut unreadable = false;
    for location in &locations {
        let set = discover::load(location, &Limits::default());
        unreadable |= set.packs.is_empty();
        packs += set.packs.len();
        diags.extend(match location {
            Location::Path(root) => check::check_set_in(&set, root, today),
            Location::BuiltIn => check::check_set(&set, today),
        });
    }
    let text = if json {
        render::json_lines(&diags)
    } else {
        render::human_report(&diags, packs)
    };
    let printed = out::print(&text);
    let (errors, warnings) = check::counts(&diags);
    if unreadable || printed != ExitCode::SUCCESS {
        ExitCode::from(2)
    } else if errors > 0 || deny_warnings && warnings > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
