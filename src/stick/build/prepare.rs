//! Step 1 of `stick build`, reading only: open the packs, run the check gate, compare with what
//! the stick holds, collect every file in memory and list every reason to refuse ([`Plan`]).

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::BuildOptions;
use crate::changes::snapshot;
use crate::pack::{Limits, PackSet};
use crate::stick::content::{Edition, StickContent};
use crate::stick::keys::Signer;
use crate::stick::manifest::Manifest;
use crate::stick::plan::{self, CheckGate, KeyChange, OldStick, Plan, Refusal, RefusalKind};
use crate::stick::{
    CONTENT_DIR, LINUX_BIN, MAC_BINS, NEW_DIR, OLD_DIR, STICK_KEY, StickError, WINDOWS_EXE,
    launchers, shown,
};

/// Room counted per file for the cluster it rounds up to (exFAT sticks use up to 128 KiB).
const SLACK_PER_FILE: u64 = 128 * 1024;

/// Everything worked out before writing.
pub(super) struct Prepared {
    pub plan: Plan,
    pub set: PackSet,
    /// `None` when it could not be collected (the plan then says why).
    pub content: Option<StickContent>,
    pub bytes: u64,
    pub refresh_by: Option<Date>,
    pub replaced: Option<Manifest>,
}

/// Step 1: read the packs, run the check gate, compare with the stick, collect every file in
/// memory and list every reason to refuse. Reads only.
pub(super) fn prepare(
    opts: &BuildOptions,
    signer: &Signer,
    editions: &[(&str, Edition)],
) -> Result<Prepared, StickError> {
    let set = PackSet::open(&opts.packs, &Limits::default());
    if set.packs.is_empty() {
        let why: Vec<String> = set.all_problems().map(ToString::to_string).collect();
        return Err(StickError::Refused(format!(
            "no pack could be read, so no stick was built:\n  {}",
            why.join("\n  ")
        )));
    }
    let check = CheckGate::run(&set, &opts.packs, opts.today, opts.allow_errors);
    let mut refused = Vec::new();
    if check.errors > 0 && !opts.allow_errors {
        refused.push(Refusal {
            kind: RefusalKind::CheckErrors,
            pack: None,
            message: format!(
                "the packs fail `manualpack check` with {} error(s), shown with the check results: \
                 fix them, or add --allow-errors to build anyway (the stick then says it was built \
                 with errors, and `stick verify` fails)",
                check.errors
            ),
        });
    }
    let old = OldStick::read(&opts.dest);
    let snapshots: Vec<_> = set.packs.iter().map(snapshot::of_pack).collect();
    let mut content = match collect(opts, signer) {
        Ok(c) => Some(c),
        Err(StickError::Refused(message)) => {
            refused.push(Refusal::stick(message));
            None
        }
        Err(e) => return Err(e),
    };
    let mut packs = plan::compare(&old, &snapshots, content.as_ref());
    let key = KeyChange {
        old: old.manifest.as_ref().map(|m| m.key_id.clone()),
        new: signer.key_id.clone(),
    };
    let ids: Vec<&str> = set.packs.iter().map(|p| p.id.as_str()).collect();
    refused.extend(plan::refusals(&old, &ids, &packs, &key, opts));
    if let Some(c) = content.as_mut() {
        plan::add_previous(&old, &mut packs, c);
        // The editions (PDFs, the browser edition, the indexes) take most of the time: made
        // only for a build that can still go ahead, so a refusal comes quickly.
        if refused.is_empty() {
            for (_, edition) in editions {
                if let Err(e) = edition(&set, c) {
                    match e {
                        StickError::Refused(message) => refused.push(Refusal::stick(message)),
                        other => return Err(other),
                    }
                }
            }
        }
    }

    let mut bytes = 0;
    if let Some(content) = &content {
        match content.check() {
            Ok(total) => {
                bytes = total;
                if let Err(message) = check_space(&opts.dest, total, content.len()) {
                    refused.push(Refusal::stick(message));
                }
            }
            Err(e) => refused.push(Refusal::stick(e.to_string())),
        }
    }
    let state = opts
        .dest
        .join(CONTENT_DIR)
        .join(crate::incident::store::PORTABLE_DIR);
    if state.exists() {
        refused.push(Refusal::stick(format!(
            "{} holds incident logs inside the signed content, and a refresh replaces that \
             folder; move it to the top of the stick ({}) and build again",
            shown(&state),
            shown(&opts.dest.join(crate::incident::store::PORTABLE_DIR))
        )));
    }
    let refresh_by = if (1..=3650).contains(&opts.valid_days) {
        match opts
            .today
            .checked_add(jiff::Span::new().days(i64::from(opts.valid_days)))
        {
            Ok(date) => Some(date),
            Err(e) => {
                refused.push(Refusal::stick(format!(
                    "cannot work out the refresh date: {e}"
                )));
                None
            }
        }
    } else {
        refused.push(Refusal::stick(format!(
            "--valid-days {} is out of range: use 1 to 3650",
            opts.valid_days
        )));
        None
    };
    let plan = Plan {
        stick: shown(&opts.dest),
        packs_from: shown(&opts.packs),
        refresh: old.content.is_some(),
        replaces_built: old.manifest.as_ref().map(|m| m.built.clone()),
        check,
        key,
        packs,
        refused,
    };
    Ok(Prepared {
        plan,
        set,
        content,
        bytes,
        refresh_by,
        replaced: old.manifest,
    })
}

/// Everything for the content folder but the editions: the packs, the binaries, the launchers
/// and the public key.
fn collect(opts: &BuildOptions, signer: &Signer) -> Result<StickContent, StickError> {
    let mut content = StickContent::new();
    for (id, dir) in pack_dirs(&opts.packs)? {
        content.add_dir(&format!("packs/{id}"), &dir)?;
    }
    match &opts.bin_dir {
        Some(dir) => {
            let mut found = 0;
            for name in [WINDOWS_EXE, LINUX_BIN].into_iter().chain(MAC_BINS) {
                let path = dir.join(name);
                if path.is_file() {
                    content.add_file(name, &path);
                    found += 1;
                }
            }
            if found == 0 {
                return Err(StickError::Refused(format!(
                    "{} holds none of {WINDOWS_EXE}, {LINUX_BIN}: run scripts/dist.sh first, or leave out --bin-dir to put this program on the stick",
                    shown(dir)
                )));
            }
        }
        None => {
            let exe = std::env::current_exe()
                .map_err(|e| StickError::io(Path::new("this program"), e))?;
            let name = if cfg!(windows) {
                WINDOWS_EXE
            } else {
                LINUX_BIN
            };
            content.add_file(name, &exe);
        }
    }
    for (name, text) in launchers::in_content() {
        content.add_bytes(name, text);
    }
    content.add_bytes(STICK_KEY, signer.public_key_text()?);
    Ok(content)
}

/// The pack folders to copy, by id: the folder itself when it holds `pack.toml`, else its
/// sub-folders that do (the same rule as [`PackSet::open`]).
fn pack_dirs(packs: &Path) -> Result<Vec<(String, PathBuf)>, StickError> {
    if packs.join("pack.toml").is_file() {
        let canonical = packs.canonicalize().map_err(|e| StickError::io(packs, e))?;
        let id = canonical
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "pack".into());
        return Ok(vec![(id, packs.to_path_buf())]);
    }
    let rd = std::fs::read_dir(packs).map_err(|e| StickError::io(packs, e))?;
    let mut dirs: Vec<(String, PathBuf)> = rd
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, p)| !name.starts_with('.') && p.join("pack.toml").is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Refuses (with the reason) when the new content will not fit beside the old.
fn check_space(dest: &Path, bytes: u64, files: usize) -> Result<(), String> {
    let existing = dest.ancestors().find(|p| p.exists()).unwrap_or(dest);
    let Ok(available) = fs4::available_space(existing) else {
        return Ok(()); // cannot tell: the writes themselves will fail clearly if it is full
    };
    let reclaimable = tree_size(&dest.join(NEW_DIR)) + tree_size(&dest.join(OLD_DIR));
    let needed = bytes + (files as u64 + 2) * SLACK_PER_FILE;
    if needed > available + reclaimable {
        let mib = |n: u64| n.div_ceil(1024 * 1024);
        return Err(format!(
            "the new content needs about {} MiB beside the old, and {} has {} MiB free; \
             use a bigger stick or remove other files from it",
            mib(needed),
            shown(existing),
            mib(available + reclaimable)
        ));
    }
    Ok(())
}

fn tree_size(dir: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    rd.filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => tree_size(&e.path()),
            Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}
