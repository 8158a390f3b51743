//! The command line, defined once with clap derive, and the non-interactive commands.
//! Children: [`list`] and [`show`]; [`out`] writes to stdout treating a closed pipe as success.

mod check;
mod init;
mod list;
mod out;
mod show;

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

/// Run the program; the binary's `main` calls this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => crate::tui::run(load(cli.path)),
        Some(Command::List { path, json }) => list::run(&load(path), json),
        Some(Command::Show { doc, path, width }) => {
            show::run(&load(path), &doc, width.map(usize::from))
        }
        Some(Command::Check {
            paths,
            json,
            deny_warnings,
        }) => check::run(&paths, json, deny_warnings, crate::tui::today()),
        Some(Command::Init { dir, name }) => init::run(&dir, name.as_deref(), crate::tui::today()),
    }
}

fn load(path: Option<PathBuf>) -> PackSet {
    discover::load(&discover::locate(path.as_deref()), &Limits::default())
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
