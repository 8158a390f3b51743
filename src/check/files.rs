//! The pack folder as it is on disk: every entry (read-only walk, symlinks never followed), the
//! text of the files a person edits, and the checks on names and sizes that break a pack on a
//! stick or on Windows.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{Diagnostic, codes};
use crate::pack::{Limits, Pack, SourceFile};
use crate::problem::Problem;

/// Entries walked per pack; past this the rest is not checked.
pub const MAX_ENTRIES: usize = 100_000;
/// Folders deeper than this are not walked.
pub const MAX_DEPTH: usize = 16;
/// A path (`pack-id/...`) longer than this, in characters, is reported: Windows allows 260 for
/// the whole path, and the drive and folders above the pack take some of it.
pub const MAX_PATH_CHARS: usize = 200;
/// A file that is not a document larger than this is reported.
pub const LARGE_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Extensions of the files read as text for the content checks.
pub const TEXT_EXTENSIONS: &[&str] = &["md", "toml", "txt"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    Symlink,
    Other,
}

/// One entry of the pack folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path from the pack folder, `/`-separated (lossy when the name is not Unicode).
    pub rel: String,
    pub kind: EntryKind,
    pub size: u64,
    /// False when the name is not valid Unicode.
    pub unicode: bool,
}

impl Entry {
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }

    pub fn parent(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(p, _)| p)
    }
}

/// A pack folder, read once for the checks.
#[derive(Debug, Clone, Default)]
pub struct PackFiles {
    pub entries: Vec<Entry>,
    /// Text files (see [`TEXT_EXTENSIONS`]) decoded, newlines normalised as the loader does.
    pub texts: HashMap<String, String>,
    /// Problems met while walking and reading, against `pack-id/...`.
    pub problems: Vec<Problem>,
}

impl PackFiles {
    /// Walk and read the pack folder `dir` of pack `id`. Never writes, never follows links.
    pub fn read(dir: &Path, id: &str, limits: &Limits) -> PackFiles {
        let mut me = PackFiles::default();
        let mut stack = vec![(dir.to_path_buf(), String::new(), 0usize)];
        'walk: while let Some((path, rel, depth)) = stack.pop() {
            let Ok(read) = std::fs::read_dir(&path) else {
                let shown = if rel.is_empty() {
                    id.to_string()
                } else {
                    format!("{id}/{rel}")
                };
                me.problems.push(
                    Problem::new(
                        codes::UNREADABLE,
                        &shown,
                        "cannot read: the folder cannot be listed",
                    )
                    .help("check its permissions"),
                );
                continue;
            };
            let mut children: Vec<_> = read.filter_map(Result::ok).collect();
            children.sort_by_key(|e| e.file_name());
            for e in children {
                if me.entries.len() >= MAX_ENTRIES {
                    me.problems.push(
                        Problem::new(codes::TOO_LARGE, id, format!("more than {MAX_ENTRIES} files and folders; the rest were not checked"))
                            .help("remove what the pack does not need"),
                    );
                    break 'walk;
                }
                let os_name = e.file_name();
                let name = os_name.to_string_lossy();
                let child_rel = if rel.is_empty() {
                    name.to_string()
                } else {
                    format!("{rel}/{name}")
                };
                let meta = e.path().symlink_metadata();
                let (kind, size) = match &meta {
                    Ok(m) if m.file_type().is_symlink() => (EntryKind::Symlink, 0),
                    Ok(m) if m.is_dir() => (EntryKind::Dir, 0),
                    Ok(m) if m.is_file() => (EntryKind::File, m.len()),
                    _ => (EntryKind::Other, 0),
                };
                me.entries.push(Entry {
                    rel: child_rel.clone(),
                    kind,
                    size,
                    unicode: os_name.to_str().is_some(),
                });
                match kind {
                    EntryKind::Dir if depth + 1 < MAX_DEPTH => {
                        stack.push((e.path(), child_rel, depth + 1))
                    }
                    EntryKind::File if is_text(&child_rel) => {
                        let limit = if child_rel.ends_with(".toml") {
                            limits.toml_bytes
                        } else {
                            limits.doc_bytes
                        };
                        me.read_text(&e.path(), &child_rel, id, limit);
                    }
                    _ => {}
                }
            }
        }
        me.entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        me
    }

    fn read_text(&mut self, path: &Path, rel: &str, id: &str, limit: u64) {
        let shown = format!("{id}/{rel}");
        let mut bytes = Vec::new();
        let read = std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes));
        if read.is_err() {
            self.problems.push(
                Problem::new(
                    codes::UNREADABLE,
                    &shown,
                    "cannot read: the file cannot be opened",
                )
                .help("check its permissions"),
            );
            return;
        }
        if bytes.len() as u64 == limit {
            // cut at a line end, as the loader does, so no character is broken
            if let Some(end) = bytes.iter().rposition(|b| *b == b'\n') {
                bytes.truncate(end + 1);
            }
        }
        let file = SourceFile::decode(rel, &shown, &bytes, &mut self.problems);
        self.texts.insert(rel.to_string(), file.text);
    }

    /// The example pack built into the program.
    pub fn built_in() -> PackFiles {
        let mut me = PackFiles::default();
        for (rel, text) in crate::discover::EXAMPLE_PACK {
            if let Some((dir, _)) = rel.rsplit_once('/')
                && !me.entries.iter().any(|e| e.rel == dir)
            {
                me.entries.push(Entry {
                    rel: dir.to_string(),
                    kind: EntryKind::Dir,
                    size: 0,
                    unicode: true,
                });
            }
            let kind = EntryKind::File;
            me.entries.push(Entry {
                rel: rel.to_string(),
                kind,
                size: text.len() as u64,
                unicode: true,
            });
            let file = SourceFile::decode(rel, rel, text.as_bytes(), &mut me.problems);
            me.texts.insert(rel.to_string(), file.text);
        }
        me.entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        me
    }

    /// Line `n` (1-based) of a text file.
    pub fn line(&self, rel: &str, n: usize) -> Option<&str> {
        self.texts.get(rel)?.split('\n').nth(n.checked_sub(1)?)
    }

    /// The entry at exactly this path.
    pub fn entry(&self, rel: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.rel.as_str().cmp(rel))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// An entry whose path matches `rel` when case is ignored.
    pub fn entry_ignoring_case(&self, rel: &str) -> Option<&Entry> {
        let want = rel.to_lowercase();
        self.entries.iter().find(|e| e.rel.to_lowercase() == want)
    }
}

fn is_text(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    TEXT_EXTENSIONS
        .iter()
        .any(|ext| lower.rsplit_once('.').is_some_and(|(_, e)| e == *ext))
}

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: &[&str] = &["CON", "PRN", "AUX", "NUL"];

/// True when `name` is a Windows device name (`CON`, `nul.txt`, `COM1.md`, `LPT9`...).
pub fn is_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    if RESERVED.contains(&stem.as_str()) {
        return true;
    }
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            matches!(
                n,
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
            )
        })
    };
    numbered("COM") || numbered("LPT")
}

/// Characters Windows forbids in names (besides control characters).
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*', '\\'];

/// Check every entry's name, collisions, path lengths, symlinks and sizes.
pub fn check(pack: &Pack, files: &PackFiles, out: &mut Vec<Diagnostic>) {
    let id = &pack.id;
    out.extend(files.problems.iter().cloned().map(Diagnostic::from));
    let mut total = 0u64;
    for e in &files.entries {
        let shown = format!("{id}/{}", e.rel);
        let name = e.name();
        total += e.size;
        if is_reserved(name) {
            out.push(
                Diagnostic::new(codes::RESERVED_NAME, &shown, format!("`{name}` is a device name on Windows"))
                    .help("rename it: Windows cannot open CON, PRN, AUX, NUL, COM1-9 or LPT1-9, even with an extension"),
            );
        }
        if name.ends_with('.') || name.ends_with(' ') {
            out.push(
                Diagnostic::new(codes::TRAILING_DOT_SPACE, &shown, format!("`{name}` ends with a dot or a space"))
                    .help("rename it: Windows drops trailing dots and spaces, so the file cannot be opened there"),
            );
        }
        if let Some(c) = name
            .chars()
            .find(|c| FORBIDDEN.contains(c) || c.is_control())
        {
            out.push(
                Diagnostic::new(
                    codes::FORBIDDEN_CHAR,
                    &shown,
                    format!("`{name}` has `{c}`, which Windows forbids in names"),
                )
                .help("rename it using letters, digits, '-' and '_' only"),
            );
        } else if !e.unicode {
            out.push(
                Diagnostic::new(
                    codes::FORBIDDEN_CHAR,
                    &shown,
                    "the name is not valid Unicode",
                )
                .help("rename it using letters, digits, '-' and '_' only"),
            );
        }
        let chars = shown.chars().count();
        if chars > MAX_PATH_CHARS || name.len() > 255 {
            out.push(
                Diagnostic::new(codes::LONG_PATH, &shown, format!("the path is {chars} characters long"))
                    .help(format!("shorten the names: keep `pack-id/...` under {MAX_PATH_CHARS} characters so it fits Windows' 260 with the drive and folders above")),
            );
        }
        match e.kind {
            EntryKind::Symlink => out.push(
                Diagnostic::new(
                    codes::SYMLINK,
                    &shown,
                    "is a symbolic link; links are never followed",
                )
                .help("replace the link with the real file"),
            ),
            EntryKind::File if e.size > LARGE_FILE_BYTES && !is_text(&e.rel) => out.push(
                Diagnostic::new(
                    codes::LARGE_FILE,
                    &shown,
                    format!("the file is {} MiB", e.size >> 20),
                )
                .help(format!(
                    "keep files under {} MiB so the stick copies and opens quickly",
                    LARGE_FILE_BYTES >> 20
                )),
            ),
            _ => {}
        }
    }
    let limit = Limits::default().pack_bytes;
    if total > limit {
        out.push(
            Diagnostic::new(
                codes::TOO_LARGE,
                id,
                format!("the pack folder holds {} MiB", total >> 20),
            )
            .help(format!(
                "keep a pack under {} MiB; remove large files",
                limit >> 20
            )),
        );
    }
    collisions(id, files, out);
}

/// Names in one folder that Windows or macOS would treat as the same name.
fn collisions(id: &str, files: &PackFiles, out: &mut Vec<Diagnostic>) {
    let mut by_case: HashMap<(String, String), &Entry> = HashMap::new();
    let mut by_form: HashMap<(String, String), &Entry> = HashMap::new();
    for e in &files.entries {
        let parent = e.parent().to_string();
        let nfc: String = e.name().nfc().collect();
        let shown = format!("{id}/{}", e.rel);
        if let Some(first) = by_form.get(&(parent.clone(), nfc.clone())) {
            out.push(
                Diagnostic::new(
                    codes::NORMALISATION_COLLISION,
                    &shown,
                    format!("`{}` and `{}` are the same name once Unicode is normalised", e.name(), first.name()),
                )
                .help("rename one: macOS and some sticks treat them as one file, and one would be lost"),
            );
            continue;
        }
        by_form.insert((parent.clone(), nfc.clone()), e);
        let folded = nfc.to_lowercase();
        if let Some(first) = by_case.get(&(parent.clone(), folded.clone())) {
            out.push(
                Diagnostic::new(
                    codes::CASE_COLLISION,
                    &shown,
                    format!("`{}` and `{}` differ only in case", e.name(), first.name()),
                )
                .help("rename one: Windows and macOS treat them as one file, and one would be lost on the stick"),
            );
            continue;
        }
        by_case.insert((parent, folded), e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_reserved_with_any_extension() {
        for name in [
            "CON",
            "con.md",
            "Nul.txt",
            "COM1",
            "lpt9.toml",
            "aux .md",
            "COM¹",
        ] {
            assert!(is_reserved(name), "{name}");
        }
        for name in ["console.md", "COM10", "LPT0", "connect.md", "com"] {
            assert!(!is_reserved(name), "{name}");
        }
    }
}
