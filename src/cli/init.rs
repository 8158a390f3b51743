//! `manualpack init DIR`: make a new pack with marked placeholders, then say what to do next.

use std::path::Path;
use std::process::ExitCode;

use jiff::civil::Date;

use super::out;
use crate::sanitize::clean_line;

pub fn run(dir: &Path, name: Option<&str>, today: Date) -> ExitCode {
    match crate::init::scaffold(dir, name, today) {
        Ok(files) => {
            let shown = clean_line(&dir.display().to_string());
            let mut text = format!("Made a new pack in {shown}:\n");
            for f in &files {
                let rel = f.strip_prefix(dir).unwrap_or(f);
                text.push_str(&format!(
                    "  {}\n",
                    clean_line(&rel.to_string_lossy().replace('\\', "/"))
                ));
            }
            text.push_str(&format!(
                "\nReplace every TODO: and every number ending in 000000, then run:\n  manualpack check {shown}\n"
            ));
            out::print(&text)
        }
        Err(e) => {
            out::eprint(&format!("manualpack init: {e}"));
            ExitCode::from(2)
        }
    }
}
