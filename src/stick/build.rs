//! `stick build`: collect, check, write beside the old content, check again, then switch.
//!
//! The order, and what a stick pulled out at each moment holds:
//! 1. Work out the [`Plan`] (`prepare`, reading only): `manualpack check` on the packs, what
//!    changes against the stick's current packs and key (the refresh summary), every file
//!    collected in memory ([`super::StickContent`]) and checked against FAT32/exFAT rules, free
//!    space, and every reason to refuse. `--dry-run` stops here; so does a refused build, having
//!    written nothing.
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

mod prepare;

use super::content::{Edition, Source};
use super::keys::{Signer, TrustedKey};
use super::manifest::{self, FileEntry, Manifest, PackEntry};
use super::plan::Plan;
use super::{CONTENT_DIR, MANIFEST, NEW_DIR, OLD_DIR, SIGNATURE, StickError};
use super::{launchers, shown, verify};
use prepare::{Prepared, prepare};

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
