//! The command line, defined once with clap derive, and the non-interactive commands.
//! Children: [`list`] and [`show`]; [`out`] writes to stdout treating a closed pipe as success.

mod list;
mod out;
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
}

/// Run the program; the binary's `main` calls this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => {
            let location = discover::locate(cli.path.as_deref());
            let status = stick::reader_status(&location, &cli.pubkey);
            crate::tui::run_with_stick(discover::load(&location, &Limits::default()), status)
        }
        Some(Command::List { path, json }) => list::run(&load(path), json),
        Some(Command::Show { doc, path, width }) => {
            show::run(&load(path), &doc, width.map(usize::from))
        }
        Some(Command::Stick { command }) => stick::run(command),
        Some(Command::Keygen { out, no_password }) => stick::keygen(&out, no_password),
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
