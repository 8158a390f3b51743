//! `manualpack --plain`: a linear, numbered-menu interface on standard input and output, for
//! screen readers, basic consoles and `TERM=dumb`. The same triage, documents and contacts as
//! the full-screen reader; only plain sanitised text, no escape codes.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use crate::layout::layout;
use crate::pack::contacts::groups;
use crate::pack::{DocKind, Pack, PackSet};

/// Run the numbered menus until the user quits or input ends.
pub fn run(
    set: &PackSet,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    width: usize,
) -> std::io::Result<()> {
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
            let mut menu = String::from("Choose a pack:\n");
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
    loop {
        match ask(input, output, &home(pack), pack.meta.triage.len())? {
            Choice::Quit => return Ok(()),
            Choice::Number(n) => {
                if let Some(doc) = pack
                    .meta
                    .triage
                    .get(n)
                    .and_then(|t| pack.doc_index(&t.open))
                {
                    show(pack, doc, output, width)?;
                } else {
                    writeln!(output, "That entry opens nothing in this pack.")?;
                }
            }
            Choice::Letter('p') => pick(pack, DocKind::Procedure, input, output, width)?,
            Choice::Letter('f') => pick(pack, DocKind::Form, input, output, width)?,
            Choice::Letter('c') => contacts(pack, output)?,
            Choice::Letter(_) | Choice::Again => {
                writeln!(output, "Type one of the numbers or letters shown.")?
            }
        }
    }
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

fn home(pack: &Pack) -> String {
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
    s.push_str("Other choices:\n  P. All procedures\n  F. All forms\n  C. Contacts\n  Q. Quit\n");
    s
}

fn pick(
    pack: &Pack,
    kind: DocKind,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    width: usize,
) -> std::io::Result<()> {
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
    if let Choice::Number(n) = ask(input, output, &menu, docs.len())? {
        show(pack, docs[n], output, width)?;
    }
    Ok(())
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
