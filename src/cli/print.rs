//! `manualpack print` (documents, the binder, the contacts sheet, the read-and-signed sheet as
//! PDF) and
//! `manualpack contacts` (as text, or as vCard 3.0 with `--vcard`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{find_doc, out};
use crate::pack::{Pack, PackSet};
use crate::sanitize::clean_line;

/// What to print.
pub enum What<'a> {
    Docs(&'a [String]),
    /// The binder; `duplex` for double-sided printing.
    Binder {
        duplex: bool,
        /// `--since`: the earlier version to compare with.
        since: Option<&'a Path>,
    },
    Contacts,
    /// The sheet staff sign to say they have read the pack's version.
    ReadAndSigned {
        since: Option<&'a Path>,
    },
    /// Documents named with --binder, --contacts or --read-and-signed.
    Invalid(&'a [String]),
}

/// Split positional arguments into document ids and a packs folder: an argument that names an
/// existing folder is the packs path (as `[PATH]` elsewhere), the rest are documents.
pub fn split_path(args: Vec<String>, path: Option<PathBuf>) -> (Vec<String>, Option<PathBuf>) {
    let mut path = path;
    let mut docs = Vec::new();
    for a in args {
        if path.is_none() && Path::new(&a).is_dir() {
            path = Some(PathBuf::from(a));
        } else {
            docs.push(a);
        }
    }
    (docs, path)
}

fn fail(code: u8, message: &str) -> ExitCode {
    out::eprint(&format!("manualpack: {message}"));
    ExitCode::from(code)
}

/// The pack to use: `--pack`, or the only one open.
pub fn choose_pack<'a>(set: &'a PackSet, wanted: Option<&str>) -> Result<&'a Pack, ExitCode> {
    if set.packs.is_empty() {
        for p in &set.problems {
            out::eprint(&p.to_string());
        }
        return Err(ExitCode::from(2));
    }
    let ids = || {
        set.packs
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) => set.packs.iter().find(|p| p.id == w).ok_or_else(|| {
            fail(
                1,
                &format!("no pack `{}`; open packs: {}", clean_line(w), ids()),
            )
        }),
        None if set.packs.len() == 1 => Ok(&set.packs[0]),
        None => Err(fail(
            2,
            &format!(
                "several packs are open ({}): choose one with --pack ID",
                ids()
            ),
        )),
    }
}

/// What changed in `pack` since the version at `since` (a pack, a folder of packs, a stick, or
/// a snapshot `.json`); without `--since`, since the previous version a stick keeps
/// (`previous/<id>.json`), if the pack was read from one.
fn changes_since(
    pack: &Pack,
    since: Option<&Path>,
) -> Result<Option<crate::changes::PackChange>, ExitCode> {
    use crate::changes;
    let Some(path) = since else {
        return Ok(changes::since(pack, changes::previous_of(pack).as_ref()));
    };
    let old = if path.is_file() {
        changes::read_snapshot(path).ok_or_else(|| {
            fail(
                2,
                &format!(
                    "--since {}: not a pack snapshot; give a pack, a folder of packs or a stick",
                    crate::stick::shown(path)
                ),
            )
        })?
    } else {
        let found = changes::snapshots_at(path)
            .map_err(|why| fail(2, &format!("--since {}: {why}", crate::stick::shown(path))))?;
        let one = found.len() == 1 && changes::is_one_pack(path);
        match found.into_iter().find(|s| one || s.id == pack.id) {
            Some(s) => s,
            None => {
                return Err(fail(
                    1,
                    &format!(
                        "--since {}: no pack `{}` there to compare with",
                        crate::stick::shown(path),
                        pack.id
                    ),
                ));
            }
        }
    };
    Ok(changes::since(pack, Some(&old)))
}

/// Write bytes to `path`, or to stdout for `-`.
fn write_out(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("cannot write to stdout: {e}"))
            }
            _ => Ok(()),
        };
    }
    std::fs::write(path, bytes).map_err(|e| {
        format!("cannot write {}: {e}; check the folder exists and is writable, or choose another with -o", clean_line(&path.display().to_string()))
    })
}

pub fn run(set: &PackSet, what: What, pack: Option<&str>, output: Option<PathBuf>) -> ExitCode {
    let (bytes, default_name) = match what {
        What::Invalid(docs) => {
            let first = docs.first().map(|d| clean_line(d)).unwrap_or_default();
            return fail(
                2,
                &format!(
                    "`{first}` is neither a folder nor allowed with --binder, --contacts or --read-and-signed; give documents without them"
                ),
            );
        }
        What::Docs(wanted) => {
            if set.packs.is_empty() {
                return choose_pack(set, None).err().unwrap_or(ExitCode::from(2));
            }
            let mut found = Vec::new();
            for w in wanted {
                let query = match pack {
                    Some(p) if !w.contains('/') => format!("{p}/{w}"),
                    _ => w.clone(),
                };
                match find_doc(set, &query) {
                    Some(pair) => found.push(pair),
                    None => {
                        return fail(
                            1,
                            &format!(
                                "no document `{}`; `manualpack list` shows them all",
                                clean_line(w)
                            ),
                        );
                    }
                }
            }
            let name = match found.as_slice() {
                [(_, d)] => format!("{}.pdf", d.id),
                [(p, _), ..] => format!("{}-documents.pdf", p.id),
                [] => {
                    return fail(
                        2,
                        "name at least one document, or use --binder or --contacts",
                    );
                }
            };
            (crate::pdf::documents_of(&found), name)
        }
        What::Binder { duplex, since } => match choose_pack(set, pack) {
            Ok(p) => {
                let since = match changes_since(p, since) {
                    Ok(c) => c,
                    Err(code) => return code,
                };
                (
                    crate::pdf::binder_since(p, duplex, since.as_ref()),
                    format!("{}-binder.pdf", p.id),
                )
            }
            Err(code) => return code,
        },
        What::Contacts => match choose_pack(set, pack) {
            Ok(p) => (
                crate::pdf::contacts_sheet(p),
                format!("{}-contacts.pdf", p.id),
            ),
            Err(code) => return code,
        },
        What::ReadAndSigned { since } => match choose_pack(set, pack) {
            Ok(p) => match p.meta.version {
                Some(v) => (
                    match changes_since(p, since) {
                        Ok(c) => crate::pdf::read_and_signed_since(p, c.as_ref()),
                        Err(code) => return code,
                    },
                    format!("{}-read-and-signed-v{v}.pdf", p.id),
                ),
                None => {
                    return fail(
                        1,
                        &format!(
                            "pack `{}` has no version: set [pack] version in pack.toml (`manualpack check` shows where)",
                            p.id
                        ),
                    );
                }
            },
            Err(code) => return code,
        },
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return fail(2, &e.to_string()),
    };
    let path = output.unwrap_or_else(|| PathBuf::from(default_name));
    match write_out(&path, &bytes) {
        Ok(()) if path == Path::new("-") => ExitCode::SUCCESS,
        Ok(()) => out::print(&format!(
            "Wrote {}\n",
            clean_line(&path.display().to_string())
        )),
        Err(e) => fail(2, &e),
    }
}

/// `manualpack contacts`: text, or vCard with `vcard`.
pub fn contacts(
    set: &PackSet,
    pack: Option<&str>,
    vcard: bool,
    output: Option<PathBuf>,
) -> ExitCode {
    let p = match choose_pack(set, pack) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if !vcard {
        let mut text = String::new();
        for c in p
            .contacts
            .iter()
            .filter(|c| c.key)
            .chain(p.contacts.iter().filter(|c| !c.key))
        {
            let numbers: Vec<String> = c
                .numbers()
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            text.push_str(&format!(
                "{}{}  {}\n",
                if c.key { "* " } else { "  " },
                c.name,
                numbers.join("  ")
            ));
        }
        return out::print(&text);
    }
    let card = crate::vcard::pack(p);
    let Some(path) = output else {
        return out::print(&card);
    };
    match write_out(&path, card.as_bytes()) {
        Ok(()) => out::print(&format!(
            "Wrote {}\n",
            clean_line(&path.display().to_string())
        )),
        Err(e) => fail(2, &e),
    }
}
