//! Reading a pack's files into memory, once each, with size limits (never mmap: a stick can be
//! pulled out). Symlinks are reported and never followed.

use std::io::Read;
use std::path::Path;

use crate::problem::{Problem, codes};
use crate::sanitize::{clean_line, normalise_newlines};

/// Size limits for reading a pack.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A Markdown document larger than this is cut at this size (with a notice). 16 MiB: a
    /// document that size parses in sections and its model is under 3 bytes per byte of
    /// Markdown, so it opens whole in under a second and about 200 MB; anything larger is not a
    /// procedure anyone reads in an outage, and is more likely damage or an attack.
    pub doc_bytes: u64,
    /// A TOML file larger than this is refused.
    pub toml_bytes: u64,
    /// Documents read per pack; more are refused.
    pub files: usize,
    /// Total bytes read per pack; files past it are refused.
    pub pack_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            doc_bytes: 16 * 1024 * 1024,
            toml_bytes: 1024 * 1024,
            files: 20_000,
            pack_bytes: 512 * 1024 * 1024,
        }
    }
}

/// A file of a pack, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path from the pack folder, `/`-separated (e.g. `procedures/phones-down.md`).
    pub path: String,
    /// The text with newlines normalised and any BOM dropped (lossy if it was not UTF-8).
    pub text: String,
}

impl SourceFile {
    /// Decode bytes read from `path`; invalid UTF-8 and truncation are reported against `shown`.
    pub fn decode(path: &str, shown: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Self {
        Self::from_bytes(path, shown, bytes.to_vec(), problems)
    }

    /// [`SourceFile::decode`] taking the bytes over: text that needs no change is not copied.
    pub fn from_bytes(
        path: &str,
        shown: &str,
        bytes: Vec<u8>,
        problems: &mut Vec<Problem>,
    ) -> Self {
        let text = match String::from_utf8(bytes) {
            Ok(s) => match normalise_newlines(&s) {
                std::borrow::Cow::Borrowed(b) if b.len() == s.len() => s,
                changed => changed.into_owned(),
            },
            Err(e) => {
                let bytes = e.as_bytes();
                let e = e.utf8_error();
                let valid = &bytes[..e.valid_up_to()];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                let col = valid
                    .rsplit(|b| *b == b'\n')
                    .next()
                    .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
                    + 1;
                problems.push(
                    Problem::new(
                        codes::INVALID_UTF8,
                        shown,
                        "the file is not valid UTF-8 text",
                    )
                    .at((line, col))
                    .help(
                        "save it as UTF-8; unreadable bytes are shown as the replacement character",
                    ),
                );
                normalise_newlines(&String::from_utf8_lossy(bytes)).into_owned()
            }
        };
        SourceFile {
            path: path.to_string(),
            text,
        }
    }
}

/// Read the files manualpack uses from a pack folder: `pack.toml`, `contacts.toml`,
/// `procedures/*.md` and `forms/*.md`.
pub fn read_pack(
    dir: &Path,
    id: &str,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Vec<SourceFile> {
    let mut total = 0u64;
    let names = ["pack.toml", "contacts.toml"];
    let mut files = read_heads_counted(dir, id, &names, limits, problems, &mut total);
    files.extend(read_docs_counted(dir, id, limits, problems, &mut total));
    files
}

/// Read only these of `pack.toml` and `contacts.toml`: what the first screen needs.
pub fn read_heads(
    dir: &Path,
    id: &str,
    names: &[&str],
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Vec<SourceFile> {
    read_heads_counted(dir, id, names, limits, problems, &mut 0)
}

fn read_heads_counted(
    dir: &Path,
    id: &str,
    names: &[&str],
    limits: &Limits,
    problems: &mut Vec<Problem>,
    total: &mut u64,
) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for &name in names {
        let path = dir.join(name);
        if path.symlink_metadata().is_ok() {
            let shown = format!("{id}/{name}");
            if let Some(f) = read_one(
                &path,
                name,
                &shown,
                limits.toml_bytes,
                false,
                total,
                problems,
            ) {
                files.push(f);
            }
        }
    }
    files
}

fn read_docs_counted(
    dir: &Path,
    id: &str,
    limits: &Limits,
    problems: &mut Vec<Problem>,
    total: &mut u64,
) -> Vec<SourceFile> {
    let mut files = Vec::new();
    let mut count = 0usize;
    for folder in ["procedures", "forms"] {
        let sub = dir.join(folder);
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.to_ascii_lowercase().ends_with(".md"))
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{folder}/{name}");
            let shown = format!("{id}/{rel}");
            count += 1;
            if count > limits.files {
                problems.push(
                    Problem::new(
                        codes::TOO_LARGE,
                        &shown,
                        format!("more than {} documents in one pack", limits.files),
                    )
                    .help("split the pack; this document was not read"),
                );
                continue;
            }
            if *total > limits.pack_bytes {
                problems.push(
                    Problem::new(
                        codes::TOO_LARGE,
                        &shown,
                        format!("the pack is larger than {} MiB", limits.pack_bytes >> 20),
                    )
                    .help("remove large files from the pack; this document was not read"),
                );
                continue;
            }
            if let Some(f) = read_one(
                &sub.join(&name),
                &rel,
                &shown,
                limits.doc_bytes,
                true,
                total,
                problems,
            ) {
                files.push(f);
            }
        }
    }
    files
}

/// Read one document of a pack by its path from the pack folder (`procedures/x.md`), with the
/// same limits and checks as reading the whole pack.
pub fn read_doc(
    dir: &Path,
    id: &str,
    rel: &str,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Option<SourceFile> {
    let shown = format!("{id}/{rel}");
    let path = rel
        .split('/')
        .fold(dir.to_path_buf(), |p, part| p.join(part));
    read_one(&path, rel, &shown, limits.doc_bytes, true, &mut 0, problems)
}

fn read_one(
    path: &Path,
    rel: &str,
    shown: &str,
    limit: u64,
    truncate: bool,
    total: &mut u64,
    problems: &mut Vec<Problem>,
) -> Option<SourceFile> {
    let shown = clean_line(shown);
    let meta = match path.symlink_metadata() {
        Ok(m) => m,
        Err(e) => {
            problems.push(
                Problem::new(codes::UNREADABLE, &shown, format!("cannot read: {e}"))
                    .help("check the file's permissions"),
            );
            return None;
        }
    };
    if meta.file_type().is_symlink() {
        problems.push(
            Problem::new(
                codes::SYMLINK,
                &shown,
                "is a symbolic link; links are never followed",
            )
            .help("replace the link with the real file"),
        );
        return None;
    }
    if !meta.is_file() {
        problems.push(
            Problem::new(codes::UNREADABLE, &shown, "is not a regular file").help("remove it"),
        );
        return None;
    }
    // the size is known: one allocation and, for most files, two read calls
    let mut bytes = Vec::with_capacity(meta.len().min(limit + 1) as usize + 1);
    let read = std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        problems.push(
            Problem::new(codes::UNREADABLE, &shown, format!("cannot read: {e}"))
                .help("check the file's permissions, and that the stick is still plugged in"),
        );
        return None;
    }
    *total += bytes.len() as u64;
    let mut notice = None;
    if bytes.len() as u64 > limit {
        if !truncate {
            problems.push(
                Problem::new(
                    codes::TOO_LARGE,
                    &shown,
                    format!("larger than {} KiB; not read", limit >> 10),
                )
                .help("this file should be small; check it was not damaged or replaced"),
            );
            return None;
        }
        bytes.truncate(limit as usize);
        // cut at a line end so no character or line is broken
        if let Some(end) = bytes.iter().rposition(|b| *b == b'\n') {
            bytes.truncate(end + 1);
        }
        let msg = format!("larger than {} MiB; only the start is shown", limit >> 20);
        problems.push(
            Problem::new(codes::TOO_LARGE, &shown, &msg)
                .help("split the document into smaller ones"),
        );
        notice = Some(msg);
    }
    let mut file = SourceFile::from_bytes(rel, &shown, bytes, problems);
    if let Some(msg) = notice {
        file.text
            .push_str(&format!("\n\n> [!WARNING]\n> This document is {msg}.\n"));
    }
    Some(file)
}
