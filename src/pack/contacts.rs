//! `contacts.toml`: the numbers to ring, grouped, with key contacts always on screen.

use serde::Serialize;

use super::toml_read::{Table, TomlFile, char_offset};
use crate::problem::{Problem, codes};
use crate::sanitize::{clean_line, describe, is_hazard};

/// One contact. Every field is sanitised.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub group: String,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub out_of_hours: Option<String>,
    pub email: Option<String>,
    pub whatsapp: Option<String>,
    pub hours: Option<String>,
    pub notes: Option<String>,
    pub key: bool,
    /// 1-based line of the `[[contact]]` header in `contacts.toml`.
    pub line: usize,
}

/// The group used when a contact names none.
pub const DEFAULT_GROUP: &str = "Other contacts";

const KEYS: &[&str] = &[
    "name",
    "role",
    "group",
    "phone",
    "mobile",
    "out_of_hours",
    "email",
    "whatsapp",
    "hours",
    "notes",
    "key",
];

/// Fields holding phone numbers, with their labels for display.
pub const PHONE_FIELDS: &[(&str, &str)] = &[
    ("phone", "Phone"),
    ("mobile", "Mobile"),
    ("out_of_hours", "Out of hours"),
];

impl Contact {
    /// The phone numbers this contact has, labelled.
    pub fn numbers(&self) -> Vec<(&'static str, &str)> {
        [
            ("Phone", &self.phone),
            ("Mobile", &self.mobile),
            ("Out of hours", &self.out_of_hours),
        ]
        .into_iter()
        .filter_map(|(label, v)| v.as_deref().map(|n| (label, n)))
        .collect()
    }

    /// The number to show first: main phone, else mobile, else out of hours.
    pub fn main_number(&self) -> Option<&str> {
        self.phone
            .as_deref()
            .or(self.mobile.as_deref())
            .or(self.out_of_hours.as_deref())
    }
}

/// Every field of a contact but its name, one line each, labelled: role, numbers, email,
/// WhatsApp, hours and notes.
pub fn field_lines(c: &Contact) -> Vec<String> {
    let mut out: Vec<String> = c.role.iter().cloned().collect();
    for (label, number) in c.numbers() {
        out.push(format!("{label}: {number}"));
    }
    let fields = [
        ("Email", &c.email),
        ("WhatsApp", &c.whatsapp),
        ("Hours", &c.hours),
        ("Notes", &c.notes),
    ];
    for (label, value) in fields {
        if let Some(v) = value {
            out.push(format!("{label}: {v}"));
        }
    }
    out
}

/// Groups in order of first use.
pub fn groups(contacts: &[Contact]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in contacts {
        if !out.contains(&c.group.as_str()) {
            out.push(&c.group);
        }
    }
    out
}

/// True when a phone number holds only digits, spaces, `+`, `(`, `)` and `-`.
pub fn phone_chars_ok(number: &str) -> bool {
    number.chars().all(phone_char_ok)
}

fn phone_char_ok(c: char) -> bool {
    c.is_ascii_digit() || " +()-".contains(c)
}

/// Read the number `key` of `table` (in `src`), reporting a hidden character in it (MP035) or,
/// when `strict`, a character a phone number cannot have (MP013), each at that character. The
/// number is returned sanitised: it still loads and shows.
pub fn read_number(
    f: &mut TomlFile<'_>,
    src: &str,
    table: &Table<'_>,
    key: &str,
    whose: &str,
    strict: bool,
) -> Option<String> {
    let (number, at) = f.str_at(table, key)?;
    let shown = clean_line(&number);
    if let Some((i, c)) = number.chars().enumerate().find(|(_, c)| is_hazard(*c)) {
        f.report(
            codes::PHONE_HIDDEN,
            char_offset(src, at, i),
            format!(
                "`{key}` of {whose} holds a hidden character, {}: \"{shown}\"",
                describe(c)
            ),
            "retype the number by hand: hidden characters come from copy and paste and can change what is dialled",
        );
    } else if let Some(i) = number
        .chars()
        .position(|c| !phone_char_ok(c))
        .filter(|_| strict)
    {
        f.report(
            codes::PHONE_CHARS,
            char_offset(src, at, i),
            format!("`{key}` of {whose} has characters a phone number cannot have: \"{shown}\""),
            "use digits, spaces, +, (, ) and - only",
        );
    }
    Some(shown)
}

/// Read `contacts.toml`.
pub fn read(file: &str, src: &str, problems: &mut Vec<Problem>) -> Vec<Contact> {
    let (mut f, table) = TomlFile::parse(file, src);
    let mut out = Vec::new();
    if let Some(root) = table {
        let root = root.get_ref();
        f.unknown_keys(root, &["contact"], "contacts.toml");
        for (t, at) in f.tables(root, "contact") {
            f.unknown_keys(t, KEYS, "[[contact]]");
            let Some(name) = f.str(t, "name") else {
                f.missing(at, "name", "[[contact]]", "name = \"ICB IT service desk\"");
                continue;
            };
            let mut c = Contact {
                name: clean_line(&name),
                role: f.str(t, "role").map(|s| clean_line(&s)),
                group: f
                    .str(t, "group")
                    .map_or_else(|| DEFAULT_GROUP.to_string(), |s| clean_line(&s)),
                email: f.str(t, "email").map(|s| clean_line(&s)),
                hours: f.str(t, "hours").map(|s| clean_line(&s)),
                notes: f.str(t, "notes").map(|s| clean_line(&s)),
                key: f.bool(t, "key").unwrap_or(false),
                line: f.position(at).0,
                ..Contact::default()
            };
            let whose = format!("\"{}\"", c.name);
            for (field, _) in PHONE_FIELDS {
                let number = read_number(&mut f, src, t, field, &whose, true);
                match *field {
                    "phone" => c.phone = number,
                    "mobile" => c.mobile = number,
                    _ => c.out_of_hours = number,
                }
            }
            // a WhatsApp entry may be a number or a note: only hidden characters are wrong in it
            c.whatsapp = read_number(&mut f, src, t, "whatsapp", &whose, false);
            out.push(c);
        }
    }
    problems.append(&mut f.problems);
    out
}
