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

fn entry_width(e: &Entry) -> usize {
    width(&e.name) + 1 + width(&e.number)
}

/// First-fit packing into lines of `room` columns; entries that fit nowhere within `max_lines`
/// are left out.
fn pack(entries: &[Entry], room: usize, max_lines: usize) -> Vec<(usize, Vec<Entry>)> {
    let mut lines: Vec<(usize, Vec<Entry>)> = Vec::new();
    for e in entries {
        let w = entry_width(e);
        if w > room {
            continue;
        }
        if let Some((used, line)) = lines
            .iter_mut()
            .find(|(used, _)| used + GAP.len() + w <= room)
        {
            *used += GAP.len() + w;
            line.push(e.clone());
        } else if lines.len() < max_lines {
            lines.push((w, vec![e.clone()]));
        }
    }
    lines
}

/// Lay out `contacts` (name, number) in at most `max_lines` lines of `room` columns.
pub fn layout(contacts: &[(String, String)], room: usize, max_lines: usize) -> Strip {
    let total = contacts.len();
    let mut best = Strip {
        total,
        ..Strip::default()
    };
    for cap in NAME_CAPS {
        let entries: Vec<Entry> = contacts
            .iter()
            .map(|(name, number)| Entry {
                name: shorten(name, cap),
                number: number.clone(),
            })
            .collect();
        let lines = pack(&entries, room, max_lines);
        let shown = lines.iter().map(|(_, l)| l.len()).sum();
        if shown > best.shown {
            best = Strip {
                lines: lines.into_iter().map(|(_, l)| l).collect(),
                shown,
                total,
            };
        }
        if shown == total {
            break;
        }
    }
    best
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
    fn a_narrow_window_shows_fewer_contacts_and_says_so() {
        let strip = layout(&example(), 38, 2);
        assert!(strip.shown >= 2);
        assert!(strip.shown < strip.total);
    }
}
