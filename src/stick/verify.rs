//! `stick verify`: recompute every hash, check the signature and who made it, the refresh date,
//! and missing and extra files. Each thing wrong is one [`Finding`] naming the file.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use super::keys::{TrustedKey, key_id};
use super::manifest::{self, Manifest};
use super::{MANIFEST, SIGNATURE, STICK_KEY, launchers, locate_content, shown};
use crate::sanitize::clean_line;

/// One thing wrong with a stick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Finding {
    /// No manualpack content at all.
    NoStick,
    ManifestMissing,
    ManifestUnreadable {
        message: String,
    },
    SignatureMissing,
    SignatureUnreadable {
        message: String,
    },
    /// The signature does not match the manifest (the manifest or the signature was changed).
    SignatureInvalid {
        key_id: String,
    },
    /// Signed by a key that is neither trusted nor the one on the stick.
    UnknownKey {
        key_id: String,
    },
    /// Signed correctly, by a key the user does not trust.
    NotTrusted {
        key_id: String,
        trusted: Vec<String>,
    },
    /// A file's content differs from what was signed.
    Changed {
        path: String,
        expected_size: u64,
        actual_size: u64,
    },
    Missing {
        path: String,
    },
    /// A file on the stick that was not signed.
    Extra {
        path: String,
    },
    /// A manifest entry that points outside the content folder.
    UnsafePath {
        path: String,
    },
    Expired {
        refresh_by: Date,
    },
    /// A launcher at the top of the stick differs from the standard one.
    TopLevelChanged {
        path: String,
    },
    /// IT built the stick with `--allow-errors` from packs that fail `manualpack check`: the
    /// errors, one line each, as the manifest records them. Not OK, like every finding.
    BuiltWithErrors {
        errors: Vec<String>,
    },
}

impl Finding {
    /// The file this finding is about, if one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Finding::Changed { path, .. } | Finding::Missing { path } | Finding::Extra { path } => {
                Some(path)
            }
            Finding::UnsafePath { path } | Finding::TopLevelChanged { path } => Some(path),
            _ => None,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::NoStick => write!(
                f,
                "no manualpack stick here: no manualpack folder and no {MANIFEST}"
            ),
            Finding::ManifestMissing => write!(
                f,
                "{MANIFEST} is missing: the stick cannot be checked; rebuild it"
            ),
            Finding::ManifestUnreadable { message } => {
                write!(f, "{MANIFEST} cannot be read: {message}")
            }
            Finding::SignatureMissing => write!(
                f,
                "{SIGNATURE} is missing: nothing proves who made this stick"
            ),
            Finding::SignatureUnreadable { message } => {
                write!(f, "{SIGNATURE} cannot be read: {message}")
            }
            Finding::SignatureInvalid { key_id } => {
                write!(
                    f,
                    "the signature (key {key_id}) does not match {MANIFEST}: one of them was changed after signing"
                )
            }
            Finding::UnknownKey { key_id } => {
                write!(
                    f,
                    "signed by key {key_id}, which is neither a key you trust nor the key on the stick"
                )
            }
            Finding::NotTrusted { key_id, trusted } if trusted.is_empty() => write!(
                f,
                "signed by key {key_id}, but you trust no keys yet: pass --pubkey FILE.pub or put it in the trusted-keys folder"
            ),
            Finding::NotTrusted { key_id, trusted } => {
                write!(
                    f,
                    "signed by key {key_id}, which is not a key you trust (you trust: {})",
                    trusted.join(", ")
                )
            }
            Finding::Changed {
                path,
                expected_size,
                actual_size,
            } if expected_size == actual_size => {
                write!(f, "changed since it was signed: {path}")
            }
            Finding::Changed {
                path,
                expected_size,
                actual_size,
            } => {
                write!(
                    f,
                    "changed since it was signed: {path} ({expected_size} bytes signed, {actual_size} now)"
                )
            }
            Finding::Missing { path } => write!(f, "missing: {path}"),
            Finding::Extra { path } => write!(f, "not signed (added after signing): {path}"),
            Finding::UnsafePath { path } => {
                write!(f, "{MANIFEST} names a path outside the stick: {path}")
            }
            Finding::Expired { refresh_by } => write!(
                f,
                "past its refresh date ({refresh_by}): ask IT for a fresh stick"
            ),
            Finding::TopLevelChanged { path } => write!(
                f,
                "the launcher {path} at the top of the stick is not the standard one"
            ),
            Finding::BuiltWithErrors { errors } => write!(
                f,
                "built with {} check error(s) (--allow-errors): fix the packs and build again",
                errors.len()
            ),
        }
    }
}

/// The result of checking a stick.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The content folder checked.
    pub content: String,
    /// Set when a refresh was interrupted during its switch.
    pub note: Option<String>,
    pub manifest: Option<Manifest>,
    /// The key that made the signature, when it could be read.
    pub key_id: Option<String>,
    /// True when that key is one the user trusts and the signature holds.
    pub trusted: bool,
    /// The signature's trusted comment (sanitised, one line), when the signature holds. For
    /// information only: manualpack writes the packs and dates there for `minisign -V` to show,
    /// the stock tool writes whatever `-t` says; what counts is the signed manifest itself.
    pub signed_comment: Option<String>,
    pub files_checked: usize,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Check the stick at `dest` (its top, or its content folder).
pub fn verify(dest: &Path, trusted: &[TrustedKey], today: Date) -> Report {
    let Some((content, note)) = locate_content(dest) else {
        return Report {
            content: shown(dest),
            note: None,
            manifest: None,
            key_id: None,
            trusted: false,
            signed_comment: None,
            files_checked: 0,
            findings: vec![Finding::NoStick],
        };
    };
    let mut report = verify_content(&content, trusted, today);
    let unfinished = dest.join(super::NEW_DIR).exists().then(|| {
        format!(
            "an earlier refresh did not finish ({} is left over); the content checked is the \
             previous one; run `manualpack stick build` again",
            super::NEW_DIR
        )
    });
    report.note = note.or(unfinished);
    if content.parent() == Some(dest) {
        for (name, text) in launchers::top_level() {
            let path = dest.join(name);
            match std::fs::read(&path) {
                Ok(bytes) if bytes == text.as_bytes() => {}
                Ok(_) => report.findings.push(Finding::TopLevelChanged {
                    path: name.to_string(),
                }),
                Err(_) => report.findings.push(Finding::Missing {
                    path: format!("{name} (top of the stick)"),
                }),
            }
        }
    }
    report
}

/// Check one content folder.
pub fn verify_content(content: &Path, trusted: &[TrustedKey], today: Date) -> Report {
    let mut report = Report {
        content: shown(content),
        note: None,
        manifest: None,
        key_id: None,
        trusted: false,
        signed_comment: None,
        files_checked: 0,
        findings: Vec::new(),
    };
    let manifest_bytes = match std::fs::read(content.join(MANIFEST)) {
        Ok(b) => b,
        Err(_) => {
            report.findings.push(Finding::ManifestMissing);
            return report;
        }
    };
    check_signature(content, &manifest_bytes, trusted, &mut report);
    let manifest = match Manifest::from_bytes(&manifest_bytes) {
        Ok(m) => m,
        Err(message) => {
            report.findings.push(Finding::ManifestUnreadable {
                message: clean_line(&message),
            });
            return report;
        }
    };
    check_files(content, &manifest, &mut report);
    if !manifest.check_errors.is_empty() {
        report.findings.push(Finding::BuiltWithErrors {
            errors: manifest
                .check_errors
                .iter()
                .map(|e| clean_line(e))
                .collect(),
        });
    }
    if manifest.refresh_by < today {
        report.findings.push(Finding::Expired {
            refresh_by: manifest.refresh_by,
        });
    }
    report.manifest = Some(manifest);
    report
}

fn check_signature(
    content: &Path,
    manifest_bytes: &[u8],
    trusted: &[TrustedKey],
    report: &mut Report,
) {
    let Ok(text) = std::fs::read_to_string(content.join(SIGNATURE)) else {
        report.findings.push(Finding::SignatureMissing);
        return;
    };
    let unreadable = |e: String| Finding::SignatureUnreadable {
        message: clean_line(&e),
    };
    let signer_id = match minisign::SignatureBox::from_string(&text) {
        Ok(b) => key_id(b.keynum()),
        Err(e) => return report.findings.push(unreadable(e.to_string())),
    };
    let signature = match minisign_verify::Signature::decode(&text) {
        Ok(s) => s,
        Err(e) => return report.findings.push(unreadable(e.to_string())),
    };
    report.key_id = Some(signer_id.clone());
    let stick_key = std::fs::read_to_string(content.join(STICK_KEY))
        .ok()
        .and_then(|t| TrustedKey::from_text(&t, STICK_KEY).ok());
    let trusted_match = trusted.iter().find(|k| k.key_id == signer_id);
    let key = match (trusted_match, &stick_key) {
        (Some(k), _) => k,
        (None, Some(k)) if k.key_id == signer_id => k,
        _ => {
            return report
                .findings
                .push(Finding::UnknownKey { key_id: signer_id });
        }
    };
    // allow_legacy = true: manualpack signs prehashed (minisign's default since 0.11), but a
    // manifest re-signed with `minisign -S -l` (legacy: Ed25519 over the bytes themselves) holds
    // just as well for a file this small.
    if key.key.verify(manifest_bytes, &signature, true).is_err() {
        return report
            .findings
            .push(Finding::SignatureInvalid { key_id: signer_id });
    }
    report.signed_comment = Some(one_line_excerpt(signature.trusted_comment()));
    if trusted_match.is_some() {
        report.trusted = true;
    } else {
        let trusted = trusted.iter().map(|k| k.key_id.clone()).collect();
        report.findings.push(Finding::NotTrusted {
            key_id: signer_id,
            trusted,
        });
    }
}

/// A signed comment as one sanitised line of at most [`COMMENT_SHOWN`] characters (minisign
/// allows 8 KiB).
fn one_line_excerpt(comment: &str) -> String {
    let line = clean_line(comment);
    match line.char_indices().nth(COMMENT_SHOWN) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line,
    }
}

const COMMENT_SHOWN: usize = 300;

fn check_files(content: &Path, manifest: &Manifest, report: &mut Report) {
    let mut listed = BTreeSet::new();
    for entry in &manifest.files {
        let path = clean_line(&entry.path);
        if !manifest::is_safe_path(&entry.path) {
            report.findings.push(Finding::UnsafePath { path });
            continue;
        }
        listed.insert(entry.path.clone());
        report.files_checked += 1;
        let on_disk = content.join(&entry.path);
        match std::fs::symlink_metadata(&on_disk) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                report.findings.push(Finding::Changed {
                    path,
                    expected_size: entry.size,
                    actual_size: 0,
                });
                continue;
            }
            Err(_) => {
                report.findings.push(Finding::Missing { path });
                continue;
            }
        }
        match manifest::hash_file(&on_disk) {
            Ok((size, sha)) if size == entry.size && sha.eq_ignore_ascii_case(&entry.sha256) => {}
            Ok((size, _)) => report.findings.push(Finding::Changed {
                path,
                expected_size: entry.size,
                actual_size: size,
            }),
            Err(_) => report.findings.push(Finding::Missing { path }),
        }
    }
    let mut on_stick = Vec::new();
    walk(content, "", &mut on_stick);
    for path in on_stick {
        if path != MANIFEST && path != SIGNATURE && !listed.contains(&path) {
            report.findings.push(Finding::Extra {
                path: clean_line(&path),
            });
        }
    }
}

/// Every file and symbolic link under `dir`, as `/`-joined relative paths.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&e.path(), &rel, out),
            _ => out.push(rel),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_comment_is_shown_as_one_clean_short_line() {
        assert_eq!(one_line_excerpt("anything at all"), "anything at all");
        let hostile = format!("ok\u{1b}[2J\nnext {}", "x".repeat(8000));
        let shown = one_line_excerpt(&hostile);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\n'),
            "{shown:?}"
        );
        assert!(shown.starts_with("ok") && shown.ends_with("..."));
        assert_eq!(shown.chars().count(), COMMENT_SHOWN + 3);
    }
}
