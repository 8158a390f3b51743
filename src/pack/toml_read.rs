//! Reading TOML with positions: every value keeps its span, so a wrong type, a missing key or an
//! unknown key is reported at its file, line and column, with the closest known key suggested.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::problem::{LineIndex, Problem};

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
                Problem::error(file, format!("invalid TOML: {message}"))
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

    pub fn error(&mut self, offset: usize, message: impl AsRef<str>, help: impl AsRef<str>) {
        let p = Problem::error(self.file, message)
            .at(self.position(offset))
            .help(help);
        self.problems.push(p);
    }

    pub fn warning(&mut self, offset: usize, message: impl AsRef<str>, help: impl AsRef<str>) {
        let p = Problem::warning(self.file, message)
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
                self.warning(
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

    pub fn int(&mut self, table: &Table<'_>, key: &str) -> Option<i64> {
        let v = get(table, key)?;
        match v.get_ref() {
            DeValue::Integer(i) => {
                let parsed = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok();
                if parsed.is_none() {
                    self.error(
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
                            self.error(
                                at,
                                format!("`{key}` is not a real date"),
                                "write a date such as 2027-04-01",
                            );
                            None
                        }
                    }
                }
                None => {
                    self.error(
                        at,
                        format!("`{key}` has a time but no date"),
                        "write a date such as 2027-04-01",
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let help = format!("write the date without quotes: {key} = {s}");
                self.error(at, format!("`{key}` is a string, not a date"), help);
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
        self.error(
            offset,
            format!("missing required key `{key}` in {place}"),
            format!("add a line such as: {example}"),
        );
    }

    fn wrong_type(&mut self, offset: usize, key: &str, want: &str, got: &DeValue<'_>) {
        self.error(
            offset,
            format!("`{key}` should be {want}, not {}", got.type_str()),
            format!("change the value of `{key}`"),
        );
    }
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
    fn syntax_errors_have_positions() {
        let (f, t) = TomlFile::parse("p.toml", "a = 1\nb = \"unterminated\nc = 2\n");
        assert_eq!(f.problems[0].line, 2);
        // what could be read is kept
        let t = t.expect("recovered");
        assert!(t.get_ref().iter().any(|(k, _)| k.get_ref() == "a"));
    }
}
