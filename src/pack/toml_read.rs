//! Reading TOML with positions: every value keeps its span, so a wrong type, a missing key or an
//! unknown key is reported at its file, line and column, with the closest known key suggested.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::problem::{Code, LineIndex, Problem, codes};

pub type Table<'i> = DeTable<'i>;
pub type Value<'i> = DeValue<'i>;

/// A TOML file being read, collecting problems as it goes.
pub struct TomlFile<'a> {
    pub file: &'a str,
    index: LineIndex<'a>,
    pub problems: Vec<Problem>,
}

impl<'a> TomlFile<'a> {
    /// Parse `src`. Syntax errors become problems; whatever could still be read is returned
    /// (`None` only when nothing could).
    pub fn parse(file: &'a str, src: &'a str) -> (Self, Option<Spanned<Table<'a>>>) {
        let mut me = TomlFile {
            file,
            index: LineIndex::new(src),
            problems: Vec::new(),
        };
        let (table, errors) = DeTable::parse_recoverable(src);
        for e in errors.iter().take(20) {
            let at = e.span().map_or((0, 0), |s| me.index.position(s.start));
            let message = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            me.problems.push(
                Problem::new(codes::TOML_SYNTAX, file, format!("invalid TOML: {message}"))
                    .at(at)
                    .help("fix the syntax (strings need \"quotes\", dates are written 2026-10-01)"),
            );
        }
        let empty = table.get_ref().iter().next().is_none();
        (me, (!empty || errors.is_empty()).then_some(table))
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(offset)
    }

    /// Record a problem of kind `code` at byte `offset` of the file.
    pub fn report(
        &mut self,
        code: Code,
        offset: usize,
        message: impl AsRef<str>,
        help: impl AsRef<str>,
    ) {
        let p = Problem::new(code, self.file, message)
            .at(self.position(offset))
            .help(help);
        self.problems.push(p);
    }

    /// Report keys of `table` that are not in `known` (warnings; they never stop loading).
    pub fn unknown_keys(&mut self, table: &Table<'_>, known: &[&str], place: &str) {
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if !known.contains(&name) {
                let help = match closest(name, known) {
                    Some(k) => format!("did you mean `{k}`? Unknown keys are ignored"),
                    None => format!("known keys here: {}", known.join(", ")),
                };
                self.report(
                    codes::UNKNOWN_KEY,
                    key.span().start,
                    format!("unknown key `{name}` in {place}"),
                    help,
                );
            }
        }
    }

    pub fn str(&mut self, table: &Table<'_>, key: &str) -> Option<String> {
        let v = get(table, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.wrong_type(v.span().start, key, "a string in \"quotes\"", other);
                None
            }
        }
    }

    /// A string and the byte offset of its value (the opening quote), for pointing inside it
    /// with [`char_offset`].
    pub fn str_at(&mut self, table: &Table<'_>, key: &str) -> Option<(String, usize)> {
        let at = get(table, key)?.span().start;
        self.str(table, key).map(|s| (s, at))
    }

    pub fn int(&mut self, table: &Table<'_>, key: &str) -> Option<i64> {
        let v = get(table, key)?;
        match v.get_ref() {
            DeValue::Integer(i) => {
                let parsed = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok();
                if parsed.is_none() {
                    self.report(
                        codes::TOML_TYPE,
                        v.span().start,
                        format!("`{key}` is out of range"),
                        "use a smaller whole number",
                    );
                }
                parsed
            }
            other => {
                self.wrong_type(v.span().start, key, "a whole number", other);
                None
            }
        }
    }

    pub fn bool(&mut self, table: &Table<'_>, key: &str) -> Option<bool> {
        let v = get(table, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.wrong_type(v.span().start, key, "true or false", other);
                None
            }
        }
    }

    /// A TOML date (`2026-10-01`, no quotes).
    pub fn date(&mut self, table: &Table<'_>, key: &str) -> Option<jiff::civil::Date> {
        let v = get(table, key)?;
        let at = v.span().start;
        match v.get_ref() {
            DeValue::Datetime(dt) => match dt.date {
                Some(d) => {
                    match jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8) {
                        Ok(date) => Some(date),
                        Err(_) => {
                            self.report(
                                codes::TOML_TYPE,
                                at,
                                format!("`{key}` is not a real date"),
                                "write a date such as 2027-04-01",
                            );
                            None
                        }
                    }
                }
                None => {
                    self.report(
                        codes::TOML_TYPE,
                        at,
                        format!("`{key}` has a time but no date"),
                        "write a date such as 2027-04-01",
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let help = format!("write the date without quotes: {key} = {s}");
                self.report(
                    codes::TOML_TYPE,
                    at,
                    format!("`{key}` is a string, not a date"),
                    help,
                );
                None
            }
            other => {
                self.wrong_type(at, key, "a date such as 2027-04-01", other);
                None
            }
        }
    }

    /// A list of strings; non-strings are reported and skipped.
    pub fn str_list(&mut self, table: &Table<'_>, key: &str) -> Option<Vec<String>> {
        let v = get(table, key)?;
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        other => {
                            self.wrong_type(item.span().start, key, "a list of strings", other)
                        }
                    }
                }
                Some(out)
            }
            DeValue::String(s) => Some(vec![s.to_string()]),
            other => {
                self.wrong_type(v.span().start, key, "a list of strings", other);
                None
            }
        }
    }

    /// A sub-table (`[practice]`), with its span start.
    pub fn table<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        key: &str,
    ) -> Option<(&'t Table<'i>, usize)> {
        let v = get(table, key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span().start)),
            other => {
                self.wrong_type(v.span().start, key, "a table", other);
                None
            }
        }
    }

    /// An array of tables (`[[contact]]`), each with its span start.
    pub fn tables<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        key: &str,
    ) -> Vec<(&'t Table<'i>, usize)> {
        let Some(v) = get(table, key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span().start)),
                    other => {
                        self.wrong_type(item.span().start, key, "a table", other);
                        None
                    }
                })
                .collect(),
            other => {
                self.wrong_type(
                    v.span().start,
                    key,
                    &format!("an array of tables ([[{key}]])"),
                    other,
                );
                Vec::new()
            }
        }
    }

    pub fn missing(&mut self, offset: usize, key: &str, place: &str, example: &str) {
        self.report(
            codes::MISSING_KEY,
            offset,
            format!("missing required key `{key}` in {place}"),
            format!("add a line such as: {example}"),
        );
    }

    fn wrong_type(&mut self, offset: usize, key: &str, want: &str, got: &DeValue<'_>) {
        self.report(
            codes::TOML_TYPE,
            offset,
            format!("`{key}` should be {want}, not {}", got.type_str()),
            format!("change the value of `{key}`"),
        );
    }
}

/// The byte offset of the value of `key` in `table`, for pointing at it; 0 when it is absent.
pub fn value_offset(table: &Table<'_>, key: &str) -> usize {
    get(table, key).map_or(0, |v| v.span().start)
}

/// The byte offset in `src` where character `index` (0-based) of the decoded string whose value
/// starts at `value` (its opening quote) is written: an escape such as `\u001b` counts as the one
/// character it stands for, and the offset is its backslash. Falls back to the last position
/// found when the text is not a string as expected.
pub fn char_offset(src: &str, value: usize, index: usize) -> usize {
    let Some(rest) = src.get(value..) else {
        return value;
    };
    let (quote, basic) = if rest.starts_with("\"\"\"") {
        (3, true)
    } else if rest.starts_with("'''") {
        (3, false)
    } else if rest.starts_with('"') {
        (1, true)
    } else if rest.starts_with('\'') {
        (1, false)
    } else {
        return value;
    };
    let mut at = value + quote;
    if quote == 3 {
        // a newline right after the opening delimiter is not part of the string
        if src[at..].starts_with("\r\n") {
            at += 2;
        } else if src[at..].starts_with('\n') {
            at += 1;
        }
    }
    let mut chars = src[at..].char_indices().peekable();
    let mut decoded = 0;
    while let Some((i, c)) = chars.next() {
        if basic && c == '\\' {
            let next = chars.peek().map(|(_, n)| *n);
            if quote == 3 && next.is_some_and(char::is_whitespace) {
                // a line-ending backslash: it and the whitespace after it are not in the string
                while chars.next_if(|(_, n)| n.is_whitespace()).is_some() {}
                continue;
            }
            if decoded == index {
                return at + i;
            }
            let extra = match next {
                Some('u') => 4,
                Some('U') => 8,
                Some('x') => 2,
                _ => 0,
            };
            chars.next();
            for _ in 0..extra {
                chars.next();
            }
            decoded += 1;
            continue;
        }
        if decoded == index {
            return at + i;
        }
        decoded += 1;
    }
    value
}

/// The byte offset of the key `key` in `table`; 0 when it is absent.
pub fn key_offset(table: &Table<'_>, key: &str) -> usize {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map_or(0, |(k, _)| k.span().start)
}

fn get<'t, 'i>(table: &'t Table<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, v)| v)
}

/// The known key closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(&name.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        assert_eq!(closest("nmae", &["name", "role"]), Some("name"));
        assert_eq!(
            closest("out_of_hour", &["out_of_hours", "hours"]),
            Some("out_of_hours")
        );
        assert_eq!(closest("zzzzzz", &["name", "role"]), None);
    }

    #[test]
    fn wrong_types_and_unknown_keys_have_positions() {
        let src = "name = 3\nnmae = \"x\"\n";
        let (mut f, t) = TomlFile::parse("c.toml", src);
        let t = t.expect("parses");
        let t = t.get_ref();
        assert_eq!(f.str(t, "name"), None);
        f.unknown_keys(t, &["name"], "the file");
        assert_eq!((f.problems[0].line, f.problems[0].column), (1, 8));
        assert_eq!(f.problems[1].line, 2);
        assert!(f.problems[1].help.contains("`name`"));
    }

    #[test]
    fn char_offsets_count_escapes_as_one_character() {
        let src = "a = \"01\\u001b[8m\"\nb = 'x\u{200b}y'\nc = \"\"\"\nab\\e\"\"\"\n";
        // a: the escape is character 2, at its backslash
        assert_eq!(char_offset(src, 4, 2), 7);
        assert_eq!(char_offset(src, 4, 3), 13);
        // b: a literal string, no escapes; offsets in bytes
        let b = src.find('\'').expect("b");
        assert_eq!(char_offset(src, b, 1), b + 2);
        assert_eq!(char_offset(src, b, 2), b + 5);
        // c: a multi-line string starts after the newline
        let c = src.find("\"\"\"").expect("c");
        assert_eq!(&src[char_offset(src, c, 2)..][..2], "\\e");
        // not a string: the value itself
        assert_eq!(char_offset("a = 1", 4, 3), 4);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let (f, t) = TomlFile::parse("p.toml", "a = 1\nb = \"unterminated\nc = 2\n");
        assert_eq!(f.problems[0].line, 2);
        // what could be read is kept
        let t = t.expect("recovered");
        assert!(t.get_ref().iter().any(|(k, _)| k.get_ref() == "a"));
    }
}
