//! The key-numbers strip: key contacts packed into a few lines, every number whole. When space
//! is short, long names are shortened first; when even that is not enough, fewer contacts are
//! shown (each whole) and the strip says how many of how many.

use crate::layout::wrap::width;

/// One contact in the strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub number: String,
}

/// The strip laid out for a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strip {
    pub lines: Vec<Vec<Entry>>,
    /// How many key contacts are shown, of how many.
    pub shown: usize,
    pub total: usize,
}

/// Between two entries on a line.
pub const GAP: &str = " | ";

/// Longest names are cut to these many columns, in turn, until everything fits.
const NAME_CAPS: [usize; 4] = [usize::MAX, 28, 20, 12];

/// A name cut to `cap` columns, with "..." when cut.
pub fn shorten(name: &str, cap: usize) -> String {
    if width(name) <= cap {
        return name.to_string();
    }
    let mut out = String::new();
    for c in name.chars() {
        if width(&out) + width(&c.to_string()) + 3 > cap {
            break;
        }
        out.push(c);
    }
    format!("{}...", out.trim_end())
}

/// The words two or more names start with, when there are at least two ("Arfordir University
/// Health Board"), for each name.
fn shared_prefix<'a>(name: &'a str, all: &[(String, String)]) -> Option<&'a str> {
    let words: Vec<&str> = name.split(' ').collect();
    let longest = all
        .iter()
        .filter(|(other, _)| other != name)
        .map(|(other, _)| {
            words
                .iter()
                .zip(other.split(' '))
                .take_while(|(a, b)| *a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    // keep at least one word of the name's own
    let n = longest.min(words.len().saturating_sub(1));
    (n >= 2).then(|| {
        let end = words[..n].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
        &name[..end]
    })
}

/// A name shortened to `cap` columns so that it still tells itself apart from the others: a
/// start it shares with another key contact becomes initials ("AUHB primary care team").
fn short_name(name: &str, all: &[(String, String)], cap: usize) -> String {
    if width(name) <= cap {
        return name.to_string();
    }
    match shared_prefix(name, all) {
        Some(prefix) => {
            let initials: String = prefix
                .split(' ')
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_alphanumeric())
                .collect();
            shorten(&format!("{initials}{}", &name[prefix.len()..]), cap)
        }
        None => shorten(name, cap),
    }
}

fn entry_width(e: &Entry) -> usize {
    width(&e.name) + 1 + width(&e.number)
}

/// First-fit packing of contacts (by index) into lines of `room` columns, names cut to `cap`;
/// contacts that fit nowhere within `max_lines` are left out.
fn pack(
    contacts: &[(String, String)],
    cap: usize,
    room: usize,
    max_lines: usize,
) -> Vec<Vec<usize>> {
    let mut lines: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, (name, number)) in contacts.iter().enumerate() {
        let w = width(&short_name(name, contacts, cap)) + 1 + width(number);
        if w > room {
            continue;
        }
        if let Some((used, line)) = lines
            .iter_mut()
            .find(|(used, _)| used + GAP.len() + w <= room)
        {
            *used += GAP.len() + w;
            line.push(i);
        } else if lines.len() < max_lines {
            lines.push((w, vec![i]));
        }
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// One line's entries with the longest names (no shorter than `cap`) that still fit `room`.
fn widest(contacts: &[(String, String)], line: &[usize], cap: usize, room: usize) -> Vec<Entry> {
    let entries = |cap: usize| -> Vec<Entry> {
        line.iter()
            .map(|&i| Entry {
                name: short_name(&contacts[i].0, contacts, cap),
                number: contacts[i].1.clone(),
            })
            .collect()
    };
    let fits = |entries: &[Entry]| {
        entries.iter().map(entry_width).sum::<usize>() + GAP.len() * (entries.len() - 1) <= room
    };
    let longest = line
        .iter()
        .map(|&i| width(&contacts[i].0))
        .max()
        .unwrap_or(0);
    (cap..=longest.max(cap))
        .rev()
        .map(entries)
        .find(|e| fits(e))
        .unwrap_or_else(|| entries(cap))
}

/// Lay out `contacts` (name, number) in at most `max_lines` lines of `room` columns.
pub fn layout(contacts: &[(String, String)], room: usize, max_lines: usize) -> Strip {
    let total = contacts.len();
    let mut best: (usize, usize, Vec<Vec<usize>>) = (0, 0, Vec::new());
    for cap in NAME_CAPS {
        let lines = pack(contacts, cap, room, max_lines);
        let shown: usize = lines.iter().map(Vec::len).sum();
        if shown > best.0 || best.2.is_empty() {
            best = (shown, cap, lines);
        }
        if shown == total {
            break;
        }
    }
    let (shown, cap, lines) = best;
    Strip {
        lines: lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| widest(contacts, l, cap.min(room), room))
            .collect(),
        shown,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Vec<(String, String)> {
        [
            ("ICB IT service desk", "01632 960001"),
            ("ICB primary care team", "01632 960300"),
            (
                "NHS England Cyber Security Operations Centre (CSOC)",
                "020 7946 0101",
            ),
            ("Alex Morgan, Practice manager", "07700 900701"),
            ("Dr Jo Evans, Lead GP", "07700 900703"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn every_number_is_whole_at_every_width() {
        for room in 10..200 {
            for max_lines in 1..4 {
                let strip = layout(&example(), room, max_lines);
                assert!(strip.lines.len() <= max_lines);
                for line in &strip.lines {
                    let w: usize = line.iter().map(entry_width).sum::<usize>()
                        + GAP.len() * line.len().saturating_sub(1);
                    assert!(w <= room, "{room}: {line:?}");
                    for e in line {
                        assert!(example().iter().any(|(_, n)| *n == e.number));
                    }
                }
            }
        }
    }

    #[test]
    fn from_56_columns_all_five_key_contacts_show_in_three_lines() {
        for columns in 56..=80 {
            let strip = layout(&example(), columns - 2, 3);
            assert_eq!(strip.shown, 5, "{columns}: {strip:?}");
        }
    }

    #[test]
    fn shortened_names_still_tell_contacts_apart() {
        let contacts: Vec<(String, String)> = [
            (
                "Arfordir University Health Board Digital Services IT Service Desk",
                "01632 960801",
            ),
            (
                "NHS Wales Cyber Security Operations Centre",
                "020 7946 0811",
            ),
            (
                "Arfordir University Health Board primary care team",
                "01632 960820",
            ),
            ("Carys Wyn-Pritchard, Practice manager", "07700 900861"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        for room in 20..140 {
            let strip = layout(&contacts, room, 3);
            let names: Vec<&String> = strip.lines.iter().flatten().map(|e| &e.name).collect();
            for (i, a) in names.iter().enumerate() {
                assert!(
                    !names[i + 1..].contains(a),
                    "{room}: {a} twice in {names:?}"
                );
            }
        }
        assert_eq!(
            short_name(&contacts[2].0, &contacts, 24),
            "AUHB primary care team"
        );
    }

    #[test]
    fn a_narrow_window_shows_fewer_contacts_and_says_so() {
        let strip = layout(&example(), 38, 2);
        assert!(strip.shown >= 2);
        assert!(strip.shown < strip.total);
    }
}
