//! manualpack: manual packs for GP practices, usable when the IT is down.
//!
//! The library holds the whole domain and knows nothing of the terminal, except for [`tui`], the
//! interactive front end, which is the only module that imports ratatui or crossterm:
//!
//! - [`sanitize`]: the one sanitised-text path every output goes through.
//! - [`problem`]: problems with their stable code (`MP0xx`), file, line, column, what and what to do.
//! - [`document`]: the one document model every output reads.
//! - [`markdown`]: Markdown to [`document::Document`], once, with the form conventions.
//! - [`layout`]: a document laid out for a terminal width as styled lines (no terminal types).
//! - [`pack`]: the pack format (`pack.toml`, `contacts.toml`, documents) and loading it.
//! - [`search`]: instant search over documents and contacts (folded, prefix, typo, numbers).
//! - [`changes`]: the one change model: what changed between two versions of a pack, and what
//!   each PC last saw of each pack ("Changed in version N").
//! - [`check`]: `manualpack check`: every problem of a pack as a coded diagnostic.
//! - [`init`]: `manualpack init`: a new pack with marked placeholders.
//! - [`folders`]: the program's own folders (state, printouts, keys), resolved once at start.
//! - [`discover`]: which packs to open when no path is given; the built-in example pack.
//! - [`stick`]: USB sticks: lay out, sign, verify and refresh them safely.
//! - [`incident`]: incidents and exercises, ticked steps and notes, in an append-only log.
//! - [`html`]: the browser edition: a static offline web site made from the document model.
//! - [`contain`]: a panic while rendering one document is contained to that document.
//! - [`pdf`]: print-ready A4 PDFs (documents, contacts sheet, binder) with krilla.
//! - [`vcard`]: contacts as vCard 3.0 for phones.
//! - [`cli`]: the command line (clap) and the non-interactive commands.
//! - [`plain`]: `--plain`, numbered menus on standard input and output.
//! - [`tui`]: the interactive reader.

pub mod changes;
pub mod check;
pub mod cli;
pub mod contain;
pub mod discover;
pub mod document;
pub mod folders;
pub mod html;
pub mod incident;
pub mod init;
pub mod layout;
pub mod markdown;
pub mod pack;
pub mod pdf;
pub mod plain;
pub mod problem;
pub mod sanitize;
pub mod search;
pub mod stick;
#[doc(hidden)]
pub mod synth;
pub mod tui;
pub mod vcard;
