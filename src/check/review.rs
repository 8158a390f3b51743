//! Review dates in `pack.toml`: a pack past its review date may hold wrong numbers.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Diagnostic, PackFiles, codes, column_of};
use crate::pack::Pack;

/// A review due within this many days is a warning.
pub const SOON_DAYS: i32 = 30;

/// Check `reviewed` and `next_review` against `today`.
pub fn check(pack: &Pack, files: Option<&PackFiles>, today: Date, out: &mut Vec<Diagnostic>) {
    let file = format!("{}/pack.toml", pack.id);
    let at = |key: &str| {
        files
            .and_then(|f| key_position(f, "pack.toml", key))
            .unwrap_or((0, 0))
    };
    let meta = &pack.meta;
    if let Some(next) = meta.next_review {
        let (line, column) = at("next_review");
        if next < today {
            out.push(
                Diagnostic::new(
                    codes::REVIEW_OVERDUE,
                    &file,
                    format!("next_review {next} has passed (today is {today})"),
                )
                .at(line, column)
                .help(
                    "review the pack with the practice manager, then set reviewed and next_review",
                ),
            );
        } else if today
            .checked_add(SOON_DAYS.days())
            .is_ok_and(|soon| next <= soon)
        {
            out.push(
                Diagnostic::new(
                    codes::REVIEW_SOON,
                    &file,
                    format!("next_review {next} is within {SOON_DAYS} days"),
                )
                .at(line, column)
                .help("plan the review now so the pack does not go out of date"),
            );
        }
        if let Some(reviewed) = meta.reviewed
            && next <= reviewed
        {
            out.push(
                Diagnostic::new(
                    codes::REVIEW_ORDER,
                    &file,
                    format!("next_review {next} is not after reviewed {reviewed}"),
                )
                .at(line, column)
                .help("set next_review to a later date, usually 6 or 12 months after reviewed"),
            );
        }
    }
    if let Some(reviewed) = meta.reviewed
        && reviewed > today
    {
        let (line, column) = at("reviewed");
        out.push(
            Diagnostic::new(
                codes::REVIEWED_FUTURE,
                &file,
                format!("reviewed {reviewed} is in the future (today is {today})"),
            )
            .at(line, column)
            .help("set reviewed to the date the review really happened"),
        );
    }
}

/// Line and column of the value of `key = ...` in a TOML file.
pub fn key_position(files: &PackFiles, rel: &str, key: &str) -> Option<(usize, usize)> {
    key_position_from(files, rel, key, 1)
}

/// Line and column of the value of the first `key = ...` at or after line `from`.
pub fn key_position_from(
    files: &PackFiles,
    rel: &str,
    key: &str,
    from: usize,
) -> Option<(usize, usize)> {
    let text = files.texts.get(rel)?;
    text.split('\n')
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let rest = line.trim_start().strip_prefix(key)?;
            let value = rest.trim_start().strip_prefix('=')?;
            let value = value.trim_start();
            let column = if value.is_empty() {
                column_of(line, key)
            } else {
                // point inside the quotes, at the value itself
                column_of(line, value) + usize::from(value.starts_with('"'))
            };
            Some((i + 1, column))
        })
}
