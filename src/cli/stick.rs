//! `manualpack stick build|verify` and `manualpack keygen`: thin wrappers over [`crate::stick`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::folders::Folders;

use clap::Subcommand;

use super::out;
use crate::discover::Location;
use crate::sanitize::clean_line;
use crate::stick::{self, BuildOptions, Report, Signer, StickError, StickStatus, keys};

/// Tests set this to stop `stick build` after that many steps, as if the stick were pulled out.
pub const STOP_AFTER_ENV: &str = "MANUALPACK_TEST_STOP_AFTER";

pub const STICK_EXIT_CODES: &str = "\
Exit codes:
  0  success: built (or, with --dry-run, would build), or every check holds
  1  the stick failed a check (verify, including a stick built with --allow-errors), or the
     build was refused or failed (nothing switched)
  2  usage error (including --remove naming a pack the stick does not hold)
  3  stopped by the test hook (MANUALPACK_TEST_STOP_AFTER)";

#[derive(Debug, Subcommand)]
pub enum StickCommand {
    /// Lay out, sign and check a stick; refreshes an existing one safely.
    ///
    /// Writes the new content beside the old, checks it, then switches with two renames, so a
    /// stick pulled out at any moment holds the old or the new content, complete.
    /// Example: manualpack stick build E:\ --packs packs --bin-dir dist --key manualpack.key
    Build {
        /// The stick (its top folder, e.g. E:\ or /media/usb).
        dest: PathBuf,
        /// A pack or a folder of packs (default: ./packs).
        ///
        /// Example: --packs C:\practice\packs
        #[arg(long, default_value = "packs")]
        packs: PathBuf,
        /// The folder with the per-OS binaries from scripts/dist.sh (default: this program only).
        ///
        /// Example: --bin-dir dist
        #[arg(long)]
        bin_dir: Option<PathBuf>,
        /// The secret key that signs the stick (from `manualpack keygen`).
        ///
        /// An encrypted key asks for its password, or reads MANUALPACK_KEY_PASSWORD.
        /// Example: --key D:\keys\manualpack.key
        #[arg(long, default_value = "manualpack.key")]
        key: PathBuf,
        /// Days until the stick says it must be refreshed.
        ///
        /// Example: --valid-days 30
        #[arg(long, default_value_t = 90)]
        valid_days: u32,
        /// Allow replacing a pack with a lower version.
        ///
        /// Example: --allow-downgrade (after rolling back a bad pack on purpose)
        #[arg(long)]
        allow_downgrade: bool,
        /// Build even though the packs fail `manualpack check` (the stick then says so).
        ///
        /// The errors are recorded in the signed manifest; the reader's header shows "built with
        /// N check errors" and `stick verify` fails. Example: --allow-errors (a training stick)
        #[arg(long)]
        allow_errors: bool,
        /// Let this refresh remove a pack the stick holds and --packs lacks (repeat for more).
        ///
        /// Without it, a pack that would disappear from the stick is refused.
        /// Example: --remove old-branch-surgery
        #[arg(long, value_name = "PACK")]
        remove: Vec<String>,
        /// Allow signing with another key than the one that signed the stick before.
        ///
        /// The summary then says "signing key changes from X to Y"; give out the new .pub.
        /// Example: --new-key (after replacing a lost or retired key)
        #[arg(long)]
        new_key: bool,
        /// Check and compare, print the summary and any refusals, and write nothing.
        ///
        /// Exits 0 when the build would go ahead, 1 when it would be refused.
        /// Example: manualpack stick build E:\ --packs packs --dry-run
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON document (check results, changes, refusals, what was built).
        ///
        /// Example: manualpack stick build E:\ --dry-run --json | jq '.packs[].numbers'
        #[arg(long)]
        json: bool,
    },
    /// Check a stick: every file's hash, the signature and its key, the refresh date.
    ///
    /// Exit 0 only when everything holds. Run it from IT's own copy of manualpack: a tampered
    /// stick can also replace its own program. Example: manualpack stick verify E:\ --pubkey manualpack.pub
    Verify {
        /// The stick (its top folder) or its manualpack folder.
        dest: PathBuf,
        /// A public key to trust (default: the *.pub files in the per-user trusted-keys folder).
        ///
        /// Example: --pubkey manualpack.pub
        #[arg(long)]
        pubkey: Vec<PathBuf>,
        /// Print one JSON document instead of text.
        ///
        /// Example: manualpack stick verify E:\ --json | jq '.findings'
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: StickCommand, folders: &Folders) -> ExitCode {
    match command {
        StickCommand::Build {
            dest,
            packs,
            bin_dir,
            key,
            valid_days,
            allow_downgrade,
            allow_errors,
            remove,
            new_key,
            dry_run,
            json,
        } => {
            let today = crate::tui::today();
            let opts = BuildOptions {
                bin_dir,
                valid_days,
                allow_downgrade,
                allow_errors,
                remove,
                new_key,
                ..BuildOptions::new(&dest, &packs, jiff::Timestamp::now(), today)
            };
            build(&opts, &key, dry_run, json)
        }
        StickCommand::Verify { dest, pubkey, json } => verify(&dest, &pubkey, json, folders),
    }
}

fn build(opts: &BuildOptions, key: &Path, dry_run: bool, json: bool) -> ExitCode {
    let signer = match Signer::from_file(key) {
        Ok(s) => s,
        Err(e) => {
            return fail(&format!(
                "{e}\n  make a key with `manualpack keygen`, then pass it with --key"
            ));
        }
    };
    let editions = stick::content::editions();
    if dry_run {
        return match stick::plan(opts, &signer, &editions) {
            Ok(plan) => show_plan(&plan, true, None, json),
            Err(e) => fail(&e.to_string()),
        };
    }
    let stop_after: Option<usize> = std::env::var(STOP_AFTER_ENV)
        .ok()
        .and_then(|v| v.parse().ok());
    let mut hook = |step: usize, _: &str| stop_after.is_none_or(|n| step < n);
    match stick::build(opts, &signer, &editions, &mut hook) {
        Ok(r) => show_plan(&r.plan, false, Some(&r), json),
        Err(StickError::Rejected(plan)) => show_plan(&plan, false, None, json),
        Err(StickError::Interrupted(n)) => {
            out::eprint(&format!(
                "manualpack: stopped after {n} step(s) by {STOP_AFTER_ENV}"
            ));
            ExitCode::from(3)
        }
        Err(e) => fail(&e.to_string()),
    }
}

/// Print a build's plan (the check results, the refresh summary, any refusals) and, when it was
/// built, what was written; or all of it as one JSON document. The exit code says which.
fn show_plan(
    plan: &stick::Plan,
    dry_run: bool,
    built: Option<&stick::BuildReport>,
    json: bool,
) -> ExitCode {
    let code = if plan.refused.iter().any(|r| r.is_usage()) {
        ExitCode::from(2)
    } else if plan.go_ahead() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if json {
        let printed = out::print(&stick::plan::text::json(plan, dry_run, built));
        return if printed == ExitCode::SUCCESS {
            code
        } else {
            printed
        };
    }
    let mut text = format!(
        "Checking the packs as `manualpack check` does:\n{}\n{}",
        plan.check.human(),
        stick::plan::text::summary(plan)
    );
    if plan.check.errors > 0 && plan.check.allowed && plan.go_ahead() {
        text.push_str(&format!(
            "  {} WITH {} CHECK ERROR(S) (--allow-errors): the manifest records them, the reader says so and `stick verify` fails\n",
            if dry_run { "would be built" } else { "built" },
            plan.check.errors
        ));
    }
    if let Some(r) = built {
        let m = &r.manifest;
        text.push_str(&format!(
            "Stick built in {}\n  {} files, {} KiB; signed by key {}; refresh by {}\n",
            stick::shown(&r.content),
            m.files.len(),
            r.bytes.div_ceil(1024),
            m.key_id,
            m.refresh_by
        ));
        for p in &m.packs {
            let was = r.replaced.as_ref().and_then(|old| old.pack_version(&p.id));
            let was = was.map(|v| format!(" (was v{v})")).unwrap_or_default();
            let version = p.version.map_or_else(|| "?".into(), |v| v.to_string());
            text.push_str(&format!(
                "  pack {} v{version}{was}: {}\n",
                p.id, p.practice
            ));
        }
    } else {
        text.push_str(&stick::plan::text::diff_hint(plan).unwrap_or_default());
        if dry_run && plan.go_ahead() {
            text.push_str("Dry run: the build would go ahead; nothing was written.\n");
        }
    }
    let printed = out::print(&text);
    if !plan.go_ahead() {
        out::eprint(&format!(
            "manualpack: {}",
            stick::plan::text::refusals(&plan.refused, dry_run).trim_end()
        ));
    }
    if printed == ExitCode::SUCCESS {
        code
    } else {
        printed
    }
}

fn fail(message: &str) -> ExitCode {
    out::eprint(&format!("manualpack: {message}"));
    ExitCode::from(1)
}

fn verify(dest: &Path, pubkeys: &[PathBuf], json: bool, folders: &Folders) -> ExitCode {
    let (trusted, problems) = keys::load_trusted(folders, pubkeys);
    if !problems.is_empty() && !pubkeys.is_empty() {
        for p in &problems {
            out::eprint(&format!("manualpack: {p}"));
        }
        return ExitCode::from(2);
    }
    let report = stick::verify(dest, &trusted, crate::tui::today());
    let code = if json {
        out::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ))
    } else {
        out::print(&report_text(&report, &problems))
    };
    if code != ExitCode::SUCCESS {
        return code;
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn report_text(r: &Report, key_problems: &[String]) -> String {
    let mut t = format!("Stick: {}\n", r.content);
    if let Some(note) = &r.note {
        t.push_str(&format!("Note: {note}\n"));
    }
    for p in key_problems {
        t.push_str(&format!("Warning: a trusted key was skipped: {p}\n"));
    }
    if let Some(id) = &r.key_id {
        let trust = if r.trusted {
            "a key you trust"
        } else {
            "NOT a key you trust"
        };
        t.push_str(&format!("Signed by key {id}: {trust}\n"));
    }
    if let Some(m) = &r.manifest {
        t.push_str(&format!(
            "Built {} by {}; refresh by {}\n",
            m.built, m.built_by, m.refresh_by
        ));
        for p in &m.packs {
            let v = p.version.map_or_else(|| "?".into(), |v| v.to_string());
            t.push_str(&format!(
                "Pack {} v{v}: {}\n",
                clean_line(&p.id),
                clean_line(&p.practice)
            ));
        }
    }
    if let (Some(comment), Some(m)) = (&r.signed_comment, &r.manifest)
        && *comment != clean_line(&m.trusted_comment())
    {
        // signed with the stock minisign tool: its comment is the signer's, for information only
        t.push_str(&format!("Signed comment (for information): {comment}\n"));
    }
    t.push_str(&format!("Checked {} file(s).\n", r.files_checked));
    if r.ok() {
        t.push_str("OK: every file matches what was signed, the key is trusted and the stick is in date.\n");
    } else {
        t.push_str(&format!("FAILED: {} problem(s):\n", r.findings.len()));
        for f in &r.findings {
            t.push_str(&format!("  {f}\n"));
            if let stick::Finding::BuiltWithErrors { errors } = f {
                for e in errors {
                    t.push_str(&format!("    {e}\n"));
                }
            }
        }
    }
    t
}

/// `manualpack keygen`.
pub fn keygen(dir: &Path, no_password: bool, folders: &Folders) -> ExitCode {
    let password = if no_password {
        None
    } else {
        match keys::read_password("Password for the new secret key: ", true) {
            Ok(p) if p.is_empty() => {
                return fail("an empty password protects nothing: type one, or use --no-password");
            }
            Ok(p) => Some(p),
            Err(e) => return fail(&e.to_string()),
        }
    };
    match keys::keygen(dir, password) {
        Ok(g) => out::print(&format!(
            "Made key {}{}\n  secret key: {} (keep it safe and off the sticks)\n  public key: {} (give it to whoever checks sticks;\n    they put it in {} or pass it with --pubkey)\n",
            g.key_id,
            if g.encrypted {
                ", protected by your password"
            } else {
                ", WITHOUT a password"
            },
            stick::shown(&g.secret),
            stick::shown(&g.public),
            folders
                .trusted_keys()
                .first()
                .map_or_else(|| "their trusted-keys folder".into(), |d| stick::shown(d)),
        )),
        Err(e) => fail(&e.to_string()),
    }
}

/// The stick's state for the reader, when the packs being read are on a stick.
pub fn reader_status(
    location: &Location,
    pubkeys: &[PathBuf],
    folders: &Folders,
) -> Option<StickStatus> {
    let Location::Path(packs) = location else {
        return None;
    };
    let (trusted, _) = keys::load_trusted(folders, pubkeys);
    let packs = packs.canonicalize().unwrap_or_else(|_| packs.clone());
    StickStatus::for_packs(&packs, &trusted, crate::tui::today())
}
