//! `manualpack init`: a new pack in the example pack's shape (`pack.toml`, `contacts.toml`,
//! `procedures/`, `forms/`) whose unknowns are clearly marked placeholders (`TODO:` text and
//! numbers ending in six zeros), which `manualpack check` reports until they are filled in.
//! The templates live in `src/init/`.

use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

/// The files of a new pack: (path from the pack folder, template).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("pack.toml", include_str!("init/pack.toml")),
    ("contacts.toml", include_str!("init/contacts.toml")),
    (
        "procedures/clinical-system-down.md",
        include_str!("init/clinical-system-down.md"),
    ),
    (
        "procedures/phones-down.md",
        include_str!("init/phones-down.md"),
    ),
    (
        "forms/incident-log.md",
        include_str!("init/incident-log.md"),
    ),
    (
        "forms/message-slip.md",
        include_str!("init/message-slip.md"),
    ),
];

/// The practice name written when none is given.
pub const PLACEHOLDER_NAME: &str = "TODO: practice name";

/// Why a pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already exists and is not empty; choose a new folder (init never overwrites)")]
    NotEmpty(String),
    #[error("{0} exists and is not a folder; choose a new folder name")]
    NotAFolder(String),
    #[error("cannot write {path}: {source}; check the folder's permissions and free space")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Make a new pack in `dir` (created if needed; must be empty). Returns the files written.
pub fn scaffold(dir: &Path, name: Option<&str>, today: Date) -> Result<Vec<PathBuf>, InitError> {
    let shown = || crate::sanitize::clean_line(&dir.display().to_string());
    if dir.exists() {
        if !dir.is_dir() {
            return Err(InitError::NotAFolder(shown()));
        }
        let mut entries = std::fs::read_dir(dir).map_err(|source| InitError::Io {
            path: shown(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(shown()));
        }
    }
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(PLACEHOLDER_NAME);
    let next_review = today.checked_add(6.months()).unwrap_or(today);
    let mut written = Vec::new();
    for (rel, template) in TEMPLATES {
        let text = template
            .replace("{{NAME}}", &toml_escape(name))
            .replace("{{TODAY}}", &today.to_string())
            .replace("{{NEXT_REVIEW}}", &next_review.to_string());
        let path = dir.join(rel);
        let io = |source| InitError::Io {
            path: crate::sanitize::clean_line(&path.display().to_string()),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, text).map_err(io)?;
        written.push(path);
    }
    Ok(written)
}

/// Escape a value for a TOML basic string (quotes, backslashes and control characters).
fn toml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_for_toml() {
        assert_eq!(
            toml_escape("St \"Mary's\" \\ 1"),
            "St \\\"Mary's\\\" \\\\ 1"
        );
        assert_eq!(toml_escape("a\u{1b}b"), "a\\u001Bb");
    }
}
