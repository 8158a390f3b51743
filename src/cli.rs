//! The command line, defined once with clap derive, and the non-interactive commands.
//! Children: [`list`] and [`show`]; [`out`] writes to stdout treating a closed pipe as success.

mod check;
mod diff;
mod html;
mod incident;
mod init;
mod list;
mod out;
pub mod print;
mod search;
mod show;
pub mod stick;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::discover;
use crate::pack::{Limits, PackSet};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the thing asked for was not found (a document, a pack)
  2  usage error, or the packs could not be read at all

Problems inside a pack never stop it from opening: they are listed (by `list` and on the
home screen) as file:line:column: what is wrong, what to do.";

/// Manual packs for GP practices: procedures, forms and contacts for when the IT is down.
#[derive(Debug, Parser)]
#[command(name = "manualpack", version, about, after_long_help = EXIT_CODES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A pack, or a folder of packs, to open.
    ///
    /// Without it manualpack looks at $MANUALPACK_PACKS, then packs/ beside the program (the
    /// stick layout), then ./packs, and finally opens the example pack built into the program.
    /// Example: manualpack E:\packs
    pub path: Option<PathBuf>,

    /// A public key to trust when reading from a stick (default: the per-user trusted keys).
    ///
    /// Example: manualpack --pubkey manualpack.pub
    #[arg(long, value_name = "KEY.pub")]
    pub pubkey: Vec<PathBuf>,

    /// Numbered menus on standard input and output instead of the full-screen reader, for
    /// screen readers and basic consoles (also used when TERM=dumb or when not on a terminal).
    ///
    /// Example: manualpack --plain
    #[arg(long)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List packs, their documents and contacts, and any load problems.
    ///
    /// Example: manualpack list packs/ --json
    List {
        /// A pack or a folder of packs (default: as for the reader).
        path: Option<PathBuf>,
        /// Print one JSON document instead of text.
        ///
        /// Example: manualpack list --json | jq '.packs[].documents[].id'
        #[arg(long)]
        json: bool,
    },
    /// Print a document as plain text.
    ///
    /// DOC is a document id (the file name without .md), or PACK/DOC when several packs are
    /// open. Example: manualpack show phones-down --width 72
    Show {
        /// The document id, or pack-id/document-id.
        doc: String,
        /// A pack or a folder of packs (default: as for the reader).
        path: Option<PathBuf>,
        /// Wrap at this many columns (default: the terminal's width, or 80 when piped).
        ///
        /// Example: manualpack show cyber-attack --width 100
        #[arg(long, value_parser = clap::value_parser!(u16).range(10..))]
        width: Option<u16>,
    },
    /// Build, sign, check and refresh USB sticks.
    ///
    /// Example: manualpack stick build E:\ --bin-dir dist --key manualpack.key
    #[command(after_long_help = stick::STICK_EXIT_CODES)]
    Stick {
        #[command(subcommand)]
        command: stick::StickCommand,
    },
    /// Make a key pair for signing sticks (password-protected unless --no-password).
    ///
    /// Writes manualpack.key (secret: keep it off the sticks) and manualpack.pub (public).
    /// Scripts give the password in MANUALPACK_KEY_PASSWORD. Example: manualpack keygen -o D:\keys
    Keygen {
        /// The folder to write the two key files into.
        ///
        /// Example: -o D:\keys
        #[arg(short = 'o', long = "out", default_value = ".")]
        out: PathBuf,
        /// Leave the secret key without a password (for test and automation keys only).
        ///
        /// Example: manualpack keygen -o /tmp/testkey --no-password
        #[arg(long)]
        no_password: bool,
    },
    /// Write print-ready A4 PDFs: documents, the whole binder, the contacts sheet, or the
    /// read-and-signed sheet.
    ///
    /// DOC is a document id (or pack-id/doc-id); several go into one PDF, each from a new page.
    /// An argument that names an existing folder is taken as the packs PATH (or use --path).
    /// The file goes to the current folder unless -o is given (`-o -` writes to stdout).
    /// Examples: manualpack print appointment-list; manualpack print --binder packs/;
    /// manualpack print --contacts -o desk.pdf; manualpack print --read-and-signed
    Print {
        /// Documents to print (ids or pack-id/doc-id), then optionally the packs PATH.
        #[arg(value_name = "DOC")]
        docs: Vec<String>,
        /// The whole binder: cover, contents, triage index, procedures, contacts, forms.
        ///
        /// Example: manualpack print --binder -o binder.pdf
        #[arg(long, conflicts_with = "contacts")]
        binder: bool,
        /// With --binder: for double-sided printing, every document starts on a right-hand
        /// page (a left-hand page left over says "This page is intentionally blank").
        ///
        /// Example: manualpack print --binder --duplex
        #[arg(long, requires = "binder")]
        duplex: bool,
        /// The contacts sheet: key numbers first, large type, one page where possible.
        ///
        /// Example: manualpack print --contacts
        #[arg(long)]
        contacts: bool,
        /// A sheet for staff to sign that they have read this version of the pack: what changed
        /// (from [[changes]] in pack.toml), then Name, Role, Date and Signature rows.
        ///
        /// Example: manualpack print --read-and-signed --pack riverside-surgery
        #[arg(long, conflicts_with_all = ["binder", "contacts"])]
        read_and_signed: bool,
        /// With --binder or --read-and-signed: also list what changed since this earlier version
        /// (a pack, a folder of packs, a stick, or a snapshot file), compared step by step.
        /// Without it, a pack read from a stick is compared with the version the stick held
        /// before its last refresh.
        ///
        /// Example: manualpack print --binder --since E:\ --path packs
        #[arg(long, value_name = "OLD")]
        since: Option<PathBuf>,
        /// Where to write the PDF (default: DOC.pdf, PACK-binder.pdf, PACK-contacts.pdf or
        /// PACK-read-and-signed-vN.pdf).
        ///
        /// Example: manualpack print incident-log -o ~/incident-log.pdf
        #[arg(short, long, value_name = "FILE.pdf")]
        output: Option<PathBuf>,
        /// A pack or a folder of packs (default: as for the reader).
        ///
        /// Example: manualpack print --binder --path E:\packs
        #[arg(long, value_name = "PATH")]
        path: Option<PathBuf>,
        /// Which pack, when several are open.
        ///
        /// Example: manualpack print --binder --pack riverside-surgery
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
    },
    /// List the contacts (key contacts first), or write them as vCard 3.0 for phones.
    ///
    /// Example: manualpack contacts --vcard -o contacts.vcf
    Contacts {
        /// A pack or a folder of packs (default: as for the reader).
        path: Option<PathBuf>,
        /// Write vCard 3.0 (to stdout, or to the file given with -o).
        ///
        /// Example: manualpack contacts --vcard -o riverside.vcf
        #[arg(long)]
        vcard: bool,
        /// Where to write the vCard file.
        #[arg(short, long, value_name = "FILE", requires = "vcard")]
        output: Option<PathBuf>,
        /// Which pack, when several are open.
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
    },
    /// Print the folders manualpack uses: packs, incident state (and whether it can be written).
    ///
    /// Example: manualpack paths
    Paths {
        /// A pack or a folder of packs (default: as for the reader).
        path: Option<PathBuf>,
    },
    /// Incidents and exercises recorded in the incident log.
    ///
    /// Example: manualpack incident export -o report.md
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// Search procedures, forms and contacts; best match first.
    ///
    /// Case, accents and one typo in longer words are forgiven; the last word may be cut short;
    /// numbers match on their digits. Example: manualpack search "ransom" --limit 5
    Search {
        /// What to look for: words, or part of a phone number.
        ///
        /// Example: manualpack search "960 117"
        query: String,
        /// A pack or a folder of packs (default: as for the reader).
        path: Option<PathBuf>,
        /// Print one JSON object per hit, one per line.
        ///
        /// Example: manualpack search phones --json | jq -r .doc
        #[arg(long)]
        json: bool,
        /// Show at most this many hits.
        ///
        /// Example: manualpack search paper --limit 3
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Write the browser edition: an offline web site of the packs, for PCs that block programs.
    ///
    /// Open index.html in the output folder with any browser; nothing is fetched from anywhere.
    /// The output folder must not be inside a pack. Example: manualpack html E:\packs -o E:\browser
    Html {
        /// A pack or a folder of packs (default: as for the reader).
        path: Option<PathBuf>,
        /// The folder to write the site into (created if missing; default: ./manualpack-html).
        ///
        /// Example: manualpack html -o /tmp/site
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Check packs for every problem, with file, line, column and what to do.
    ///
    /// Reports broken links and anchors, triage entries that open nothing, missing images, phone
    /// numbers of the wrong shape, missing key or IT contacts, review dates, placeholder text,
    /// file names that break on Windows or a stick, control and bidi characters, raw HTML and
    /// TOML mistakes. Each finding has a code explained in docs/checks.md. Exit codes: 0 clean,
    /// 1 errors (or warnings with --deny-warnings), 2 usage error or no readable pack.
    /// Example: manualpack check packs/riverside --deny-warnings
    Check {
        /// Packs or folders of packs (default: what the reader would open).
        paths: Vec<PathBuf>,
        /// Print one JSON object per finding, one per line.
        ///
        /// Fields: code, severity, file, line, column, message, help, source_line.
        /// Example: manualpack check --json | jq -r 'select(.severity=="error") | .file'
        #[arg(long)]
        json: bool,
        /// Exit 1 when there are warnings too, not only errors.
        ///
        /// Example: manualpack check packs --deny-warnings && copy-to-sticks
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Show what changed between two versions: packs, folders of packs, or sticks.
    ///
    /// Procedures are compared step by step (added, removed, reworded, moved), other text by
    /// heading, forms by field and contacts field by field; changed phone numbers show old and
    /// new. Example: manualpack diff E:\ packs   (the stick against the packs about to go on it)
    #[command(after_help = diff::DIFF_EXIT_CODES)]
    Diff {
        /// The old version: a pack, a folder of packs, or a stick.
        old: PathBuf,
        /// The new version: a pack, a folder of packs, or a stick.
        new: PathBuf,
        /// Print one JSON document instead of text.
        ///
        /// Example: manualpack diff old/ packs/ --json | jq '.packs[].docs'
        #[arg(long)]
        json: bool,
    },
    /// Make a new pack with placeholders that `check` reports until they are filled in.
    ///
    /// DIR must not exist or must be empty: init never overwrites anything.
    /// Example: manualpack init packs/riverside --name "Riverside Surgery"
    Init {
        /// The new pack's folder; its name is the pack id (lowercase letters, digits and '-').
        dir: PathBuf,
        /// The practice's name, written into pack.toml.
        ///
        /// Example: --name "Riverside Surgery"
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// List incidents and exercises, newest last.
    ///
    /// Example: manualpack incident list
    List {
        /// A pack or a folder of packs, to find a portable state folder beside it.
        path: Option<PathBuf>,
    },
    /// Write the report of an incident (default: the latest) for the post-incident review.
    ///
    /// Example: manualpack incident export 20261125T140503Z-1234 -o report.md --text
    Export {
        /// The incident's id, as `incident list` prints it (default: the latest).
        id: Option<String>,
        /// Write to this file instead of standard output.
        ///
        /// Example: -o exercise-2026.md
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Plain text instead of Markdown.
        #[arg(long)]
        text: bool,
        /// A pack or a folder of packs, to find a portable state folder beside it.
        #[arg(long)]
        path: Option<PathBuf>,
    },
}

/// Run the program; the binary's `main` calls this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // the program's own folders are worked out here, once, and passed to what needs them
    let folders = crate::folders::Folders::from_env();
    match cli.command {
        None => {
            let location = discover::locate(cli.path.as_deref());
            if cli.plain || !interactive_terminal() {
                let context = crate::plain::Context::new(&location, &cli.pubkey, &folders);
                return plain(&discover::load(&location, &Limits::default()), &context);
            }
            // the first screen is drawn from pack.toml and contacts.toml; the rest is read
            // in the background
            let set = discover::load_heads(&location, &Limits::default());
            let packs = match &location {
                discover::Location::Path(p) => Some(p.to_path_buf()),
                discover::Location::BuiltIn => None,
            };
            let stick: Box<dyn FnOnce() -> Option<crate::stick::StickStatus> + Send> = {
                let (location, pubkey, folders) =
                    (location.clone(), cli.pubkey.clone(), folders.clone());
                Box::new(move || stick::reader_status(&location, &pubkey, &folders))
            };
            let plan = crate::tui::loader::Plan::new(
                location,
                crate::tui::today(),
                folders.cache.as_deref(),
                stick,
            );
            crate::tui::run(set, packs.as_deref(), plan, folders)
        }
        Some(Command::Paths { path }) => incident::paths(path.as_deref(), &folders),
        Some(Command::Incident(IncidentCommand::List { path })) => {
            incident::list(path.as_deref(), &folders)
        }
        Some(Command::Incident(IncidentCommand::Export {
            id,
            output,
            text,
            path,
        })) => incident::export(
            path.as_deref(),
            id.as_deref(),
            output.as_deref(),
            text,
            &folders,
        ),
        Some(Command::List { path, json }) => list::run(load(path), json),
        Some(Command::Show { doc, path, width }) => {
            show::run(load(path), &doc, width.map(usize::from))
        }
        Some(Command::Stick { command }) => stick::run(command, &folders),
        Some(Command::Keygen { out, no_password }) => stick::keygen(&out, no_password, &folders),
        Some(Command::Print {
            docs,
            binder,
            duplex,
            contacts,
            read_and_signed,
            since,
            output,
            path,
            pack,
        }) => {
            let (docs, path) = print::split_path(docs, path);
            if since.is_some() && !(binder || read_and_signed) {
                out::eprint("manualpack: --since goes with --binder or --read-and-signed");
                return ExitCode::from(2);
            }
            let what = if (binder || contacts || read_and_signed) && !docs.is_empty() {
                print::What::Invalid(&docs)
            } else if binder {
                print::What::Binder {
                    duplex,
                    since: since.as_deref(),
                }
            } else if contacts {
                print::What::Contacts
            } else if read_and_signed {
                print::What::ReadAndSigned {
                    since: since.as_deref(),
                }
            } else {
                print::What::Docs(&docs)
            };
            print::run(load(path), what, pack.as_deref(), output)
        }
        Some(Command::Contacts {
            path,
            vcard,
            output,
            pack,
        }) => print::contacts(load(path), pack.as_deref(), vcard, output),
        Some(Command::Html { path, output }) => html::run(path, output),
        Some(Command::Search {
            query,
            path,
            json,
            limit,
        }) => {
            let location = discover::locate(path.as_deref());
            let packs = match &location {
                discover::Location::Path(p) => Some(p.as_path()),
                discover::Location::BuiltIn => None,
            };
            let places = crate::search::find::Places::for_path(packs, folders.cache.as_deref());
            // on a stick, only the documents that are hits are read
            if let Some(p) = packs
                && let Some((set, parsed, results)) =
                    crate::search::find::search_on_stick(p, &places, &query, limit)
            {
                let code = search::report(&set, &query, &parsed, &results, json);
                std::mem::forget(set);
                return code;
            }
            let set: &PackSet = Box::leak(Box::new(discover::load(&location, &Limits::default())));
            search::run(set, &places, &query, json, limit)
        }
        Some(Command::Check {
            paths,
            json,
            deny_warnings,
        }) => check::run(&paths, json, deny_warnings, crate::tui::today()),
        Some(Command::Diff { old, new, json }) => diff::run(&old, &new, json),
        Some(Command::Init { dir, name }) => init::run(&dir, name.as_deref(), crate::tui::today()),
    }
}

/// The full-screen reader needs a real terminal on both ends that can draw.
fn interactive_terminal() -> bool {
    use std::io::IsTerminal;
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    !dumb && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn plain(set: &PackSet, context: &crate::plain::Context) -> ExitCode {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(80)
        .clamp(20, 200);
    let result = crate::plain::run_in(
        set,
        context,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        width,
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            out::eprint(&format!("manualpack: {e}"));
            ExitCode::from(2)
        }
    }
}

/// Load the packs for a command that runs once. They are never freed: the process ends soon
/// after, and the system takes the memory back at once instead of one allocation at a time.
fn load(path: Option<PathBuf>) -> &'static PackSet {
    Box::leak(Box::new(discover::load(
        &discover::locate(path.as_deref()),
        &Limits::default(),
    )))
}

/// Find a document by `id` or `pack/id`.
pub fn find_doc<'a>(
    set: &'a PackSet,
    wanted: &str,
) -> Option<(&'a crate::pack::Pack, &'a crate::pack::DocEntry)> {
    let (pack, id) = match wanted.split_once('/') {
        Some((p, d)) => (Some(p), d),
        None => (None, wanted),
    };
    set.packs
        .iter()
        .filter(|p| pack.is_none_or(|want| p.id == want))
        .find_map(|p| p.doc(id).map(|d| (p, d)))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        super::Cli::command().debug_assert();
    }
}
