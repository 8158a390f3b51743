//! `manualpack diff OLD NEW`: what changed between two versions of packs (packs, folders of
//! packs, or sticks), from the one change model ([`crate::changes`]).

use std::path::Path;
use std::process::ExitCode;

use super::out;
use crate::changes::{self, PackStatus};

pub const DIFF_EXIT_CODES: &str = "\
Exit codes:
  0  no differences
  1  differences (listed)
  2  usage error, or a side with no readable pack";

pub fn run(old: &Path, new: &Path, json: bool) -> ExitCode {
    let sides = changes::snapshots_at(old).and_then(|o| Ok((o, changes::snapshots_at(new)?)));
    let (o, n) = match sides {
        Ok(sides) => sides,
        Err(why) => {
            out::eprint(&format!("manualpack: {why}"));
            return ExitCode::from(2);
        }
    };
    let found = changes::compare_places(
        &o,
        &n,
        changes::is_one_pack(old) && changes::is_one_pack(new),
    );
    let differ = found.iter().any(|p| p.status != PackStatus::Unchanged);
    let shown = if json {
        let doc = serde_json::json!({ "packs": found });
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        out::print(&text)
    } else {
        out::print(&changes::text::detail(&found))
    };
    if shown != ExitCode::SUCCESS {
        return shown;
    }
    ExitCode::from(u8::from(differ))
}
