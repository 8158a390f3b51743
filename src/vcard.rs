//! Contacts as vCard 3.0 (RFC 2426), so the key numbers can be loaded onto staff mobiles.
//! Key contacts come first; text is escaped (`\`, `,`, `;`, newlines) and long lines folded.

use crate::pack::{Contact, Pack};
use crate::sanitize::dialable;

/// Escape a text value per RFC 2426 section 4.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets (on character boundaries), CRLF then a space.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn card(c: &Contact, practice: &str, out: &mut String) {
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:3.0".to_string()];
    lines.push(format!("FN:{}", escape(&c.name)));
    lines.push(format!("N:;{};;;", escape(&c.name)));
    if let Some(role) = &c.role {
        lines.push(format!("TITLE:{}", escape(role)));
    }
    let tels = [
        ("WORK,VOICE", &c.phone),
        ("CELL,VOICE", &c.mobile),
        ("VOICE", &c.out_of_hours),
    ];
    for (kind, number) in tels {
        if let Some(n) = number {
            // as dialled: no hidden character, nor any digit one hides, reaches a phone
            lines.push(format!("TEL;TYPE={kind}:{}", escape(&dialable(n))));
        }
    }
    if let Some(e) = &c.email {
        lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape(e)));
    }
    lines.push(format!(
        "CATEGORIES:{},{}",
        escape(practice),
        escape(&c.group)
    ));
    let mut note = Vec::new();
    if let Some(n) = &c.out_of_hours {
        note.push(format!("Out of hours: {}", dialable(n)));
    }
    if let Some(w) = &c.whatsapp {
        note.push(format!("WhatsApp: {}", dialable(w)));
    }
    if let Some(h) = &c.hours {
        note.push(format!("Hours: {h}"));
    }
    if let Some(n) = &c.notes {
        note.push(n.clone());
    }
    if !note.is_empty() {
        lines.push(format!("NOTE:{}", escape(&note.join("\n"))));
    }
    lines.push("END:VCARD".into());
    for line in lines {
        fold(&line, out);
    }
}

/// Every contact of a pack as one vCard 3.0 file, key contacts first.
pub fn pack(pack: &Pack) -> String {
    let mut out = String::new();
    let practice = &pack.meta.practice.name;
    for c in pack
        .contacts
        .iter()
        .filter(|c| c.key)
        .chain(pack.contacts.iter().filter(|c| !c.key))
    {
        card(c, practice, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape(r"a,b;c\d"), r"a\,b\;c\\d");
        assert_eq!(escape("one\ntwo"), r"one\ntwo");
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let mut out = String::new();
        fold(&format!("NOTE:{}", "ŵ".repeat(60)), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("NOTE:{}\r\n", "ŵ".repeat(60))
        );
    }
}
