//! `stick build`: collect, check, write beside the old content, check again, then switch.
//!
//! The order, and what a stick pulled out at each moment holds:
//! 1. Collect every file in memory ([`StickContent`]) and check FAT32/exFAT rules, pack versions
//!    against the stick's current manifest, and free space. Nothing is written before this.
//! 2. Tidy up after an earlier interrupted refresh (put back `.manualpack-old`, remove a partial
//!    `.manualpack-new`). The current content is untouched.
//! 3. Write the new content into `.manualpack-new/`, each file synced; then `manifest.json` and
//!    its signature; then check that folder as `stick verify` would. The current content is
//!    untouched.
//! 4. Rename `manualpack/` to `.manualpack-old/`, then `.manualpack-new/` to `manualpack/`.
//!    Between the two renames the stick holds both complete copies; [`super::locate_content`]
//!    and the top-level launchers then use `.manualpack-old/`.
//! 5. Delete `.manualpack-old/`; write the top-level launchers if they differ (temp + rename).
//!
//! Every file written, renamed or deleted is one step; the `hook` is asked after each one whether
//! to go on, so tests can stop a refresh after every single step.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::content::{Edition, Source, StickContent};
use super::keys::{Signer, TrustedKey};
use super::manifest::{self, FileEntry, Manifest, PackEntry};
use super::plan::{self, CheckGate, KeyChange, OldStick, Plan, Refusal, RefusalKind};
use super::{
    CONTENT_DIR, LINUX_BIN, MAC_BINS, MANIFEST, NEW_DIR, OLD_DIR, SIGNATURE, STICK_KEY, StickError,
    WINDOWS_EXE,
};
use super::{launchers, shown, verify};
use crate::changes::snapshot;
use crate::pack::{Limits, PackSet};

/// Room counted per file for the cluster it rounds up to (exFAT sticks use up to 128 KiB).
const SLACK_PER_FILE: u64 = 128 * 1024;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The stick's top folder (or any folder).
    pub dest: PathBuf,
    /// A pack, or a folder of packs.
    pub packs: PathBuf,
    /// Where the per-OS binaries are (`dist/`); `None` puts the running program on the stick.
    pub bin_dir: Option<PathBuf>,
    /// Days until the stick says it must be refreshed.
    pub valid_days: u32,
    pub allow_downgrade: bool,
    /// Build even when the packs fail `manualpack check`; the manifest records the errors.
    pub allow_errors: bool,
    /// Packs on the stick that this refresh may remove (`--remove`); any other pack on the
    /// stick that the new packs lack is refused.
    pub remove: Vec<String>,
    /// Allow signing with another key than the stick's current one.
    pub new_key: bool,
    /// When it is built (UTC) and today's date.
    pub now: jiff::Timestamp,
    pub today: Date,
    /// Flush every file and folder to the device as it is written (what a real stick needs;
    /// tests that build hundreds of sticks turn it off).
    pub sync: bool,
}

impl BuildOptions {
    /// The options for building `packs` onto `dest` today, with every safety on: no downgrade,
    /// no check errors, no pack removed, the same key, 90 days, synced writes.
    pub fn new(dest: &Path, packs: &Path, now: jiff::Timestamp, today: Date) -> Self {
        BuildOptions {
            dest: dest.to_path_buf(),
            packs: packs.to_path_buf(),
            bin_dir: None,
            valid_days: 90,
            allow_downgrade: false,
            allow_errors: false,
            remove: Vec::new(),
            new_key: false,
            now,
            today,
            sync: true,
        }
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub content: PathBuf,
    pub manifest: Manifest,
    /// The manifest of the content it replaced, if any.
    pub replaced: Option<Manifest>,
    pub bytes: u64,
    pub steps: usize,
    /// What was checked and compared before writing: the check results, the refresh summary.
    pub plan: Plan,
}

/// Counts steps and asks the hook after each whether to go on.
struct Steps<'a> {
    done: usize,
    /// Flush files and folders as they are written (see [`BuildOptions::sync`]).
    sync: bool,
    hook: &'a mut dyn FnMut(usize, &str) -> bool,
}

impl Steps<'_> {
    fn step(&mut self, what: &str) -> Result<(), StickError> {
        self.done += 1;
        if (self.hook)(self.done, what) {
            Ok(())
        } else {
            Err(StickError::Interrupted(self.done))
        }
    }
}

/// Everything worked out before writing.
struct Prepared {
    plan: Plan,
    set: PackSet,
    /// `None` when it could not be collected (the plan then says why).
    content: Option<StickContent>,
    bytes: u64,
    refresh_by: Option<Date>,
    replaced: Option<Manifest>,
}

/// Check, compare and collect without writing anything: what `stick build --dry-run` prints.
/// The plan lists every reason the build would be refused (an empty [`Plan::refused`] means it
/// would go ahead); an error means not even a plan could be made (no pack reads, I/O).
pub fn plan(
    opts: &BuildOptions,
    signer: &Signer,
    editions: &[(&str, Edition)],
) -> Result<Plan, StickError> {
    prepare(opts, signer, editions).map(|p| p.plan)
}

/// Build or refresh the stick at `opts.dest`. `hook(step, what)` returning false stops at once,
/// as if the stick were pulled out (nothing is tidied up). A refused build writes nothing and
/// returns [`StickError::Rejected`] with the whole plan.
pub fn build(
    opts: &BuildOptions,
    signer: &Signer,
    editions: &[(&str, Edition)],
    hook: &mut dyn FnMut(usize, &str) -> bool,
) -> Result<BuildReport, StickError> {
    let Prepared {
        plan,
        set,
        content,
        bytes,
        refresh_by,
        replaced,
    } = prepare(opts, signer, editions)?;
    let (Some(content), Some(refresh_by), true) = (content, refresh_by, plan.go_ahead()) else {
        return Err(StickError::Rejected(Box::new(plan)));
    };

    let mut steps = Steps {
        done: 0,
        sync: opts.sync,
        hook,
    };
    std::fs::create_dir_all(&opts.dest).map_err(|e| StickError::io(&opts.dest, e))?;
    tidy_interrupted(&opts.dest, &mut steps)?;

    let new_dir = opts.dest.join(NEW_DIR);
    let mut files = Vec::new();
    for (path, source) in content.files() {
        let bytes = match source {
            Source::Bytes(b) => b.clone(),
            Source::File(p) => std::fs::read(p).map_err(|e| StickError::io(p, e))?,
        };
        write_file(&new_dir.join(path), &bytes, opts.sync)?;
        files.push(FileEntry {
            path: path.clone(),
            size: bytes.len() as u64,
            sha256: manifest::hash_bytes(&bytes),
        });
        steps.step(path)?;
    }
    let packs = set
        .packs
        .iter()
        .map(|p| PackEntry {
            id: p.id.clone(),
            practice: p.meta.practice.name.clone(),
            version: p.meta.version,
        })
        .collect();
    let manifest = Manifest {
        format: manifest::FORMAT,
        built: jiff::Timestamp::from_second(opts.now.as_second())
            .unwrap_or(opts.now)
            .to_string(),
        built_by: format!("manualpack {}", env!("CARGO_PKG_VERSION")),
        refresh_by,
        key_id: signer.key_id.clone(),
        packs,
        files,
        check_errors: plan.check_error_lines(),
    };
    let manifest_bytes = manifest.to_bytes();
    write_file(&new_dir.join(MANIFEST), &manifest_bytes, opts.sync)?;
    steps.step(MANIFEST)?;
    let signature = signer.sign(&manifest_bytes, &manifest.trusted_comment())?;
    write_file(&new_dir.join(SIGNATURE), signature.as_bytes(), opts.sync)?;
    steps.step(SIGNATURE)?;

    let own_key = TrustedKey::from_text(&signer.public_key_text()?, "the signing key")
        .map_err(|e| StickError::SelfCheck(e.to_string()))?;
    let check = verify::verify_content(&new_dir, &[own_key], opts.today);
    let wrong: Vec<String> = check
        .findings
        .iter()
        .filter(|f| !matches!(f, verify::Finding::BuiltWithErrors { .. }))
        .map(ToString::to_string)
        .collect();
    if !wrong.is_empty() {
        return Err(StickError::SelfCheck(wrong.join("; ")));
    }

    let current = opts.dest.join(CONTENT_DIR);
    let old = opts.dest.join(OLD_DIR);
    if current.exists() {
        rename(&current, &old, steps.sync).map_err(|e| {
            StickError::Refused(format!(
                "{e}\nThe stick still holds its old content, complete. Close manualpack and any window showing \
                 files from the stick (Windows cannot rename a folder in use), then build again."
            ))
        })?;
        steps.step("switch: current content set aside")?;
    }
    rename(&new_dir, &current, steps.sync)?;
    steps.step("switch: new content in place")?;
    remove_tree(&old, &mut steps)?;
    write_top_level(&opts.dest, &mut steps)?;
    Ok(BuildReport {
        content: current,
        manifest,
        replaced,
        bytes,
        steps: steps.done,
        plan,
    })
}

/// Step 1: read the packs, run the check gate, compare with the stick, collect every file in
/// memory and list every reason to refuse. Reads only.
fn prepare(
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

/// Put the stick back in order after an interrupted refresh: the previous content back in place
/// if the switch was cut between its renames, then remove leftovers.
fn tidy_interrupted(dest: &Path, steps: &mut Steps) -> Result<(), StickError> {
    let current = dest.join(CONTENT_DIR);
    let old = dest.join(OLD_DIR);
    if !current.exists() && old.is_dir() {
        rename(&old, &current, steps.sync)?;
        steps.step("tidy: previous content put back")?;
    }
    remove_tree(&dest.join(NEW_DIR), steps)?;
    remove_tree(&old, steps)
}

/// Delete a folder file by file (one step each), then its folders.
fn remove_tree(dir: &Path, steps: &mut Steps) -> Result<(), StickError> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    if !meta.is_dir() {
        std::fs::remove_file(dir).map_err(|e| StickError::io(dir, e))?;
        return steps.step(&shown(dir));
    }
    let rd = std::fs::read_dir(dir).map_err(|e| StickError::io(dir, e))?;
    let mut entries: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        remove_tree(&path, steps)?;
    }
    std::fs::remove_dir(dir).map_err(|e| StickError::io(dir, e))
}

fn rename(from: &Path, to: &Path, sync: bool) -> Result<(), StickError> {
    std::fs::rename(from, to).map_err(|e| StickError::io(from, e))?;
    if sync {
        sync_dir(to.parent().unwrap_or(to));
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8], sync: bool) -> Result<(), StickError> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| StickError::io(parent, e))?;
    }
    let mut file = std::fs::File::create(path).map_err(|e| StickError::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| if sync { file.sync_all() } else { Ok(()) })
        .map_err(|e| StickError::io(path, e))
}

/// Flush a folder's entries where the system allows it (not on Windows, where a file's sync
/// already writes its folder entry).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The launchers at the top of the stick, rewritten only when they differ.
fn write_top_level(dest: &Path, steps: &mut Steps) -> Result<(), StickError> {
    for (name, text) in launchers::top_level() {
        let path = dest.join(name);
        if std::fs::read(&path).is_ok_and(|b| b == text.as_bytes()) {
            continue;
        }
        let tmp = dest.join(format!("{name}.manualpack-tmp"));
        write_file(&tmp, text.as_bytes(), steps.sync)?;
        rename(&tmp, &path, steps.sync)?;
        steps.step(name)?;
    }
    Ok(())
}
