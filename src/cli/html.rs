//! `manualpack html`: write the browser edition of the packs to a folder.

use std::path::PathBuf;
use std::process::ExitCode;

use super::out;
use crate::discover::{self, Location};
use crate::pack::Limits;
use crate::sanitize::clean_line;

/// Where the site goes when `-o` is not given.
pub const DEFAULT_DIR: &str = "manualpack-html";

pub fn run(path: Option<PathBuf>, output: Option<PathBuf>) -> ExitCode {
    let location = discover::locate(path.as_deref());
    let set = discover::load(&location, &Limits::default());
    if set.packs.is_empty() {
        for p in &set.problems {
            out::eprint(&p.to_string());
        }
        out::eprint("manualpack: no pack to write; give a pack folder or a folder of packs");
        return ExitCode::from(2);
    }
    let source = match &location {
        Location::Path(p) => Some(p.as_path()),
        Location::BuiltIn => None,
    };
    let dir = output.unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    match crate::html::write(&set, &dir, source) {
        Ok(count) => {
            let problems = set.all_problems().count();
            let mut msg = format!(
                "Wrote {count} pages for {} pack(s) to {}\nOpen {} in a browser.",
                set.packs.len(),
                clean_line(&dir.display().to_string()),
                clean_line(&dir.join("index.html").display().to_string())
            );
            if problems > 0 {
                msg.push_str(&format!(
                    "\n{problems} problem(s) in the packs: run `manualpack list` to see them."
                ));
            }
            out::print(&format!("{msg}\n"))
        }
        Err(e) => {
            out::eprint(&format!("manualpack: {e}"));
            ExitCode::from(2)
        }
    }
}
