//! The command line, defined once with clap derive, and the non-interactive commands.
//! Children: [`list`] and [`show`]; [`out`] writes to stdout treating a closed pipe as success.

mod list;
mod out;
pub mod print;
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
    /// Write print-ready A4 PDFs: documents, the whole binder, or the contacts sheet.
    ///
    /// DOC is a document id (or pack-id/doc-id); several go into one PDF, each from a new page.
    /// An argument that names an existing folder is taken as the packs PATH (or use --path).
    /// The file goes to the current folder unless -o is given (`-o -` writes to stdout).
    /// Examples: manualpack print appointment-list; manualpack print --binder packs/;
    /// manualpack print --contacts -o desk.pdf
    Print {
        /// Documents to print (ids or pack-id/doc-id), then optionally the packs PATH.
        #[arg(value_name = "DOC")]
        docs: Vec<String>,
        /// The whole binder: cover, contents, triage index, procedures, contacts, forms.
        ///
        /// Example: manualpack print --binder -o binder.pdf
        #[arg(long, conflicts_with = "contacts")]
        binder: bool,
        /// The contacts sheet: key numbers first, large type, one page where possible.
        ///
        /// Example: manualpack print --contacts
        #[arg(long)]
        contacts: bool,
        /// Where to write the PDF (default: DOC.pdf, PACK-binder.pdf or PACK-contacts.pdf).
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
}

/// Run the program; the binary's `main` calls this.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => crate::tui::run(load(cli.path)),
        Some(Command::List { path, json }) => list::run(&load(path), json),
        Some(Command::Show { doc, path, width }) => show::run(&load(path), &doc, width.map(usize::from)),
        Some(Command::Print { docs, binder, contacts, output, path, pack }) => {
            let (docs, path) = print::split_path(docs, path);
            let what = if (binder || contacts) && !docs.is_empty() {
                print::What::Invalid(&docs)
            } else if binder {
                print::What::Binder
            } else if contacts {
                print::What::Contacts
            } else {
                print::What::Docs(&docs)
            };
            print::run(&load(path), what, pack.as_deref(), output)
        }
        Some(Command::Contacts { path, vcard, output, pack }) => print::contacts(&load(path), pack.as_deref(), vcard, output),
    }
}

fn load(path: Option<PathBuf>) -> PackSet {
    discover::load(&discover::locate(path.as_deref()), &Limits::default())
}

/// Find a document by `id` or `pack/id`.
pub fn find_doc<'a>(set: &'a PackSet, wanted: &str) -> Option<(&'a crate::pack::Pack, &'a crate::pack::DocEntry)> {
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
