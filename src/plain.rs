//! `manualpack --plain`: a linear, numbered-menu interface on standard input and output, for
//! screen readers, basic consoles and `TERM=dumb`. The same triage, documents and contacts as
//! the full-screen reader, the stick's state as its header and banner say it, and what changed
//! in the pack since this PC last opened it; only plain sanitised text, no escape codes.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use crate::changes::seen::{self, Settled};
use crate::changes::snapshot::of_pack;
use crate::discover::Location;
use crate::folders::Folders;
use crate::layout::layout;
use crate::pack::contacts::groups;
use crate::pack::{DocKind, Pack, PackSet};
use crate::stick::StickStatus;

/// What the menus say besides the packs: the stick's state, and where this PC keeps what it has
/// seen of each pack.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The stick the packs are on, checked.
    pub stick: Option<StickStatus>,
    /// The state folder (see [`crate::incident::store::locate`]).
    pub state: Option<PathBuf>,
    /// The stick's `previous/` folder, when the packs are on a stick.
    pub previous: Option<PathBuf>,
}

impl Context {
    /// The context for packs at `location`: the stick verified with the keys trusted (and
    /// `pubkeys`), the state folder as the reader would choose it.
    pub fn new(location: &Location, pubkeys: &[PathBuf], folders: &Folders) -> Context {
        let packs = match location {
            Location::Path(p) => Some(p.as_path()),
            Location::BuiltIn => None,
        };
        Context {
            stick: crate::cli::stick::reader_status(location, pubkeys, folders),
            state: crate::incident::store::locate(folders, packs).0,
            previous: packs.and_then(seen::stick_previous),
        }
    }

    /// The stick's state, as the reader's banner and header say it; empty when not on a stick.
    fn stick_lines(&self) -> String {
        let Some(stick) = &self.stick else {
            return String::new();
        };
        let mut s = String::new();
        if let Some(banner) = stick.banner() {
            let _ = writeln!(s, "{banner}");
        }
        let _ = writeln!(s, "{}", stick.summary());
        s
    }
}

/// Run the numbered menus until the user quits or input ends, with nothing known of a stick
/// or of a state folder.
pub fn run(
    set: &PackSet,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    width: usize,
) -> std::io::Result<()> {
    run_in(set, &Context::default(), input, output, width)
}

/// Run the numbered menus until the user quits or input ends.
pub fn run_in(
    set: &PackSet,
    context: &Context,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    width: usize,
) -> std::io::Result<()> {
    let mut first = context.stick_lines();
    let pack = match set.packs.len() {
        0 => {
            writeln!(output, "No pack could be opened.")?;
            for p in &set.problems {
                writeln!(output, "{p}")?;
            }
            return Ok(());
        }
        1 => 0,
        _ => {
            let mut menu = std::mem::take(&mut first);
            menu.push_str("Choose a pack:\n");
            for (i, p) in set.packs.iter().enumerate() {
                let _ = writeln!(menu, "  {}. {} ({})", i + 1, p.meta.practice.name, p.id);
            }
            menu.push_str("  Q. Quit\n");
            match ask(input, output, &menu, set.packs.len())? {
                Choice::Number(n) => n,
                _ => return Ok(()),
            }
        }
    };
    let Some(pack) = set.packs.get(pack) else {
        return Ok(());
    };
    let mut changes = settle(pack, context);
    loop {
        // the stick's state tops the first menu; a serious one, every menu, as the banner
        let mut menu = std::mem::take(&mut first);
        if menu.is_empty()
            && let Some(banner) = context.stick.as_ref().and_then(StickStatus::banner)
        {
            let _ = writeln!(menu, "{banner}");
        }
        menu.push_str(&home(pack, changes.as_ref()));
        let doc = match ask(input, output, &menu, pack.meta.triage.len())? {
            Choice::Quit => return Ok(()),
            Choice::Number(n) => {
                let doc = pack
                    .meta
                    .triage
                    .get(n)
                    .and_then(|t| pack.doc_index(&t.open));
                if doc.is_none() {
                    writeln!(output, "That entry opens nothing in this pack.")?;
                }
                doc
            }
            Choice::Letter('p') => pick(pack, DocKind::Procedure, input, output)?,
            Choice::Letter('f') => pick(pack, DocKind::Form, input, output)?,
            other => {
                choose(pack, other, changes.as_mut(), context, output)?;
                None
            }
        };
        if let Some(doc) = doc {
            note_changes(pack, doc, changes.as_mut(), context, output)?;
            show(pack, doc, output, width)?;
        }
    }
}

/// The other choices of the home menu.
fn choose(
    pack: &Pack,
    choice: Choice,
    changes: Option<&mut Settled>,
    context: &Context,
    output: &mut dyn Write,
) -> std::io::Result<()> {
    match choice {
        Choice::Letter('c') => contacts(pack, output),
        Choice::Letter('w') => what_changed(pack, changes, context, output),
        _ => writeln!(output, "Type one of the numbers or letters shown."),
    }
}

/// Before a document that changed in this version, the first time it is read since: what
/// changed in it.
fn note_changes(
    pack: &Pack,
    doc: usize,
    changes: Option<&mut Settled>,
    context: &Context,
    output: &mut dyn Write,
) -> std::io::Result<()> {
    let (Some(settled), Some(entry)) = (changes, pack.docs.get(doc)) else {
        return Ok(());
    };
    let Some(d) = settled.change.as_ref().and_then(|c| c.doc(&entry.id)) else {
        return Ok(());
    };
    if settled.seen.opened.iter().any(|o| o == &entry.id) {
        return Ok(());
    }
    writeln!(
        output,
        "\nChanged in version {} (until you have read it once):",
        settled.seen.version
    )?;
    if d.details.is_empty() {
        writeln!(output, "    new in this version")?;
    }
    for detail in &d.details {
        write!(output, "{}", crate::changes::text::detail_lines(detail))?;
    }
    if settled.open(&entry.id)
        && let Some(dir) = context.state.as_deref()
    {
        let _ = seen::write(dir, &settled.seen);
    }
    Ok(())
}

enum Choice {
    Number(usize),
    Letter(char),
    Quit,
    Again,
}

/// Print a menu and read one answer; end of input quits.
fn ask(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    menu: &str,
    numbers: usize,
) -> std::io::Result<Choice> {
    write!(output, "\n{menu}Type a number or letter and press Enter: ")?;
    output.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(output)?;
        return Ok(Choice::Quit);
    }
    let answer = line.trim().to_lowercase();
    if let Ok(n) = answer.parse::<usize>() {
        return Ok(if (1..=numbers).contains(&n) {
            Choice::Number(n - 1)
        } else {
            Choice::Again
        });
    }
    Ok(match answer.chars().next() {
        Some('q') => Choice::Quit,
        Some(c) => Choice::Letter(c),
        None => Choice::Again,
    })
}

/// What this PC has seen of `pack`, brought up to date (and kept, when the state folder can be
/// written).
fn settle(pack: &Pack, context: &Context) -> Option<Settled> {
    let state = context.state.as_deref();
    let found = seen::find(
        state,
        context.previous.as_deref(),
        &pack.id,
        pack.meta.version,
    )?;
    let settled = found.settle(|| of_pack(pack))?;
    if let (true, Some(dir)) = (settled.dirty, state) {
        let _ = seen::write(dir, &settled.seen);
    }
    Some(settled)
}

/// The W choice: what changed in this version, in words; the notice goes once it has been read.
fn what_changed(
    pack: &Pack,
    changes: Option<&mut Settled>,
    context: &Context,
    output: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(settled) = changes else {
        return writeln!(
            output,
            "\nThis pack has no version number, so what changed cannot be followed."
        );
    };
    let version = settled.seen.version;
    let since = settled.seen.previous.as_ref().and_then(|p| p.version);
    let after = since
        .map(|v| format!(" (since version {v})"))
        .unwrap_or_default();
    writeln!(output, "\nWhat changed in version {version}{after}:")?;
    let notes = seen::notes(&pack.meta, version, since);
    if !notes.is_empty() {
        writeln!(output, "The pack's own notes:")?;
        for n in notes {
            writeln!(output, "  {}", seen::note_line(n, pack))?;
        }
    }
    match settled.change.clone() {
        Some(change) => {
            writeln!(output, "What the reader found:")?;
            write!(output, "{}", crate::changes::text::detail(&[change]))?;
        }
        None => writeln!(
            output,
            "This PC has not seen an earlier version of this pack to compare with."
        )?,
    }
    writeln!(output, "End of what changed.")?;
    if settled.view()
        && let Some(dir) = context.state.as_deref()
    {
        let _ = seen::write(dir, &settled.seen);
    }
    Ok(())
}

fn home(pack: &Pack, changes: Option<&Settled>) -> String {
    let m = &pack.meta;
    let mut s = String::new();
    let _ = write!(s, "{}", m.practice.name);
    if let Some(v) = m.version {
        let _ = write!(s, ", manual pack version {v}");
    }
    if let Some(d) = m.next_review {
        let _ = write!(s, ", next review {d}");
    }
    if m.example {
        s.push_str(" (EXAMPLE)");
    }
    s.push('\n');
    let notice = changes.and_then(Settled::notice);
    if let Some(n) = notice {
        let since = n
            .since
            .map(|v| format!(" (since version {v})"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "Changed in version {}{since}: type W to see what changed.",
            n.version
        );
    }
    let keys: Vec<String> = pack
        .key_contacts()
        .map(|c| format!("{} {}", c.name, c.main_number().unwrap_or("")))
        .collect();
    if !keys.is_empty() {
        let _ = writeln!(s, "Key numbers: {}.", keys.join("; "));
    }
    s.push_str("\nWhat isn't working?\n");
    for (i, t) in m.triage.iter().enumerate() {
        let _ = writeln!(s, "  {}. {}", i + 1, t.label);
    }
    s.push_str("Other choices:\n  P. All procedures\n  F. All forms\n  C. Contacts\n");
    if let Some(v) = changes.map(|c| c.seen.version) {
        let _ = writeln!(s, "  W. What changed in version {v}");
    }
    s.push_str("  Q. Quit\n");
    s
}

fn pick(
    pack: &Pack,
    kind: DocKind,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> std::io::Result<Option<usize>> {
    let docs: Vec<usize> = (0..pack.docs.len())
        .filter(|i| pack.docs[*i].kind == kind)
        .collect();
    let mut menu = format!(
        "{}:\n",
        if kind == DocKind::Form {
            "Forms"
        } else {
            "Procedures"
        }
    );
    for (n, i) in docs.iter().enumerate() {
        let _ = writeln!(menu, "  {}. {}", n + 1, pack.docs[*i].title);
    }
    menu.push_str("  B. Back\n");
    Ok(match ask(input, output, &menu, docs.len())? {
        Choice::Number(n) => docs.get(n).copied(),
        _ => None,
    })
}

fn show(pack: &Pack, doc: usize, output: &mut dyn Write, width: usize) -> std::io::Result<()> {
    let Some(entry) = pack.docs.get(doc) else {
        return Ok(());
    };
    writeln!(output, "\n{}", layout(&entry.doc, width).to_text())?;
    writeln!(output, "End of {}.", entry.title)
}

fn contacts(pack: &Pack, output: &mut dyn Write) -> std::io::Result<()> {
    for group in groups(&pack.contacts) {
        writeln!(output, "\n{group}:")?;
        for c in pack.contacts.iter().filter(|c| c.group == group) {
            let key = if c.key { " (key contact)" } else { "" };
            writeln!(output, "  {}{key}", c.name)?;
            if let Some(r) = &c.role {
                writeln!(output, "    {r}")?;
            }
            for (label, number) in c.numbers() {
                writeln!(output, "    {label}: {number}")?;
            }
            for (label, v) in [
                ("Email", &c.email),
                ("WhatsApp", &c.whatsapp),
                ("Hours", &c.hours),
                ("Notes", &c.notes),
            ] {
                if let Some(v) = v {
                    writeln!(output, "    {label}: {v}")?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(keys: &str) -> String {
        let set = crate::discover::built_in();
        let mut out = Vec::new();
        run(&set, &mut keys.as_bytes(), &mut out, 80).expect("runs");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_procedure_and_a_contact_with_only_numbers_and_enter() {
        let out = session("3\nc\nq\n");
        assert!(out.contains("What isn't working?\n  1. "), "{out}");
        assert!(out.contains("\nPhones down\n===========\n"), "{out}");
        assert!(out.contains("End of Phones down."));
        assert!(out.contains("ICB IT service desk (key contact)"));
        assert!(out.contains("Phone: 01632 960001"));
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn forms_menu_and_bad_answers() {
        let out = session("99\nf\n1\nq\n");
        assert!(out.contains("Type one of the numbers or letters shown."));
        assert!(out.contains("Forms:\n  1. Appointment list"), "{out}");
        assert!(out.contains("End of Appointment list."));
    }

    #[test]
    fn end_of_input_quits() {
        let out = session("");
        assert!(out.ends_with('\n'));
    }
}
