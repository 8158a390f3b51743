//! The stick's state in words for the reader's header and banner, when the program was started
//! from a stick (a `manifest.json` beside the `packs/` folder being read).

use std::path::Path;

use jiff::civil::Date;

use super::MANIFEST;
use super::keys::TrustedKey;
use super::verify::{Finding, Report, verify_content};

/// A checked stick, summed up.
#[derive(Debug, Clone)]
pub struct StickStatus {
    pub report: Report,
}

impl StickStatus {
    /// Check the stick that holds `packs`, if the packs are on one. Keys trusted are `trusted`.
    pub fn for_packs(packs: &Path, trusted: &[TrustedKey], today: Date) -> Option<StickStatus> {
        let content = packs.parent()?;
        if !content.join(MANIFEST).is_file() {
            return None;
        }
        Some(StickStatus {
            report: verify_content(content, trusted, today),
        })
    }

    /// The loud line, when the stick was changed, is unsigned, or is past its refresh date.
    /// Trust is not a banner: most PCs a stick is used on trust no keys at all.
    pub fn banner(&self) -> Option<String> {
        let serious: Vec<&Finding> = self
            .report
            .findings
            .iter()
            .filter(|f| {
                !matches!(
                    f,
                    Finding::NotTrusted { .. }
                        | Finding::Expired { .. }
                        | Finding::BuiltWithErrors { .. }
                )
            })
            .collect();
        let more = |n: usize| {
            if n > 1 {
                format!(" (and {} more)", n - 1)
            } else {
                String::new()
            }
        };
        let files: Vec<&str> = serious.iter().filter_map(|f| f.path()).collect();
        if let Some(first) = files.first() {
            return Some(format!(
                "CHANGED SINCE IT WAS SIGNED: {first}{}. Tell IT; the content still opens",
                more(files.len())
            ));
        }
        if let Some(first) = serious.first() {
            return Some(format!(
                "STICK NOT PROVEN: {first}{}. Tell IT; the content still opens",
                more(serious.len())
            ));
        }
        if let Some(n) = self.check_errors() {
            return Some(format!(
                "BUILT WITH {n} CHECK ERROR(S): check a number before relying on it; tell IT \
                 (IT knowingly put packs with errors, such as placeholder numbers, on this stick)"
            ));
        }
        self.report.findings.iter().find_map(|f| match f {
            Finding::Expired { refresh_by } => Some(format!(
                "PAST ITS REFRESH DATE ({refresh_by}): numbers and procedures may be out of date; ask IT for a fresh stick"
            )),
            _ => None,
        })
    }

    /// One line for the header: who signed it, whether trusted, built when, refresh due when.
    pub fn summary(&self) -> String {
        let r = &self.report;
        let key = match (&r.key_id, r.trusted) {
            (Some(id), true) => format!("signed by {id} (trusted)"),
            (Some(id), false) => format!("signed by {id} (not a key you trust)"),
            (None, _) => "not signed".to_string(),
        };
        let errors = self
            .check_errors()
            .map(|n| format!(" with {n} check error(s)"))
            .unwrap_or_default();
        match &r.manifest {
            Some(m) => {
                let built = m.built.get(..10).unwrap_or(&m.built);
                format!(
                    "stick {key}, built {built}{errors}, refresh by {}",
                    m.refresh_by
                )
            }
            None => format!("stick {key}"),
        }
    }

    /// How many `manualpack check` errors the stick was built with (`--allow-errors`), if any.
    pub fn check_errors(&self) -> Option<usize> {
        self.report.findings.iter().find_map(|f| match f {
            Finding::BuiltWithErrors { errors } => Some(errors.len()),
            _ => None,
        })
    }

    /// The shortest words for a narrow header.
    pub fn short(&self) -> String {
        let r = &self.report;
        let key = match (&r.key_id, r.trusted) {
            (Some(_), true) => "stick: trusted key",
            (Some(_), false) => "stick: untrusted key",
            (None, _) => "stick: not signed",
        };
        let errors = self
            .check_errors()
            .map(|n| format!(", {n} check errors"))
            .unwrap_or_default();
        match &r.manifest {
            Some(m) => format!("{key}{errors}, refresh by {}", m.refresh_by),
            None => format!("{key}{errors}"),
        }
    }
}
