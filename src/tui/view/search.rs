//! Drawing the search field (also on the home screen) and the search results: groups in the
//! order of their best hit, each hit with its heading path and a snippet whose matched words are
//! highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::{fit, put};
use crate::search::HitKind;
use crate::tui::ctx::Ctx;
use crate::tui::field::TextField;
use crate::tui::screen::search::{SearchState, ordered};
use crate::tui::theme::Theme;

/// Said while the full index is being built.
pub const PARTIAL: &str = "Still reading the documents: titles and contacts only so far";

/// The search field's label.
pub const LABEL: &str = "Search: ";

/// A labelled field on the first row of `area`, with its cursor.
pub fn field_line(t: &Theme, label: &str, field: &TextField, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let x = put(buf, area.x + 1, area.y, label, t.heading);
    let room = usize::from((area.x + area.width).saturating_sub(x + 1));
    let (shown, column) = field.visible(room.max(2));
    put(buf, x, area.y, &shown, t.selected);
    put(buf, x + column as u16, area.y, "_", t.selected);
    if field.text().is_empty() && label == LABEL {
        let hint = "type a word, a symptom or part of a number";
        let hx = x + 2;
        let room = usize::from((area.x + area.width).saturating_sub(hx + 1));
        if room > 12 {
            put(buf, hx, area.y, &fit(hint, room), t.detail);
        }
    }
}

pub fn render(t: &Theme, ctx: &Ctx, state: &SearchState, area: Rect, buf: &mut Buffer) {
    if area.height < 2 {
        return;
    }
    let text = state.field.text();
    field_line(t, LABEL, &state.field, area, buf);
    let w = usize::from(area.width.saturating_sub(2));
    let scope = (ctx.set.packs.len() > 1).then_some(if state.all_packs {
        "All packs (Tab: this pack only)"
    } else {
        "This pack (Tab: all packs)"
    });
    // while the documents are still being indexed, say that hits come from titles so far
    let partial = ctx.pending.search.then_some(PARTIAL);
    let line = match (scope, partial) {
        (Some(s), Some(p)) => format!("{s}. {p}"),
        (s, p) => s.or(p).unwrap_or_default().to_string(),
    };
    if !line.is_empty() && area.height > 1 {
        let tone = if partial.is_some() {
            t.heading
        } else {
            t.detail
        };
        put(buf, area.x + 1, area.y + 1, &fit(&line, w), tone);
    }
    let hits = ordered(&state.results);
    let mut y = area.y + 2;
    let bottom = area.y + area.height;
    let say = |buf: &mut Buffer, y: u16, text: &str| {
        put(buf, area.x + 1, y.min(bottom - 1), &fit(text, w), t.detail);
    };
    if text.trim().is_empty() {
        say(buf, y, "Type a word, a symptom or part of a phone number.");
        return;
    }
    if hits.is_empty() && ctx.pending.search {
        say(
            buf,
            y,
            "Nothing in titles and contacts yet; the documents come in a moment.",
        );
        return;
    }
    if hits.is_empty() {
        say(buf, y, "Nothing found. Try fewer or shorter words.");
        return;
    }
    let mut last_kind = None;
    for (i, hit) in hits.iter().enumerate().skip(state.offset) {
        if y + 1 >= bottom {
            break;
        }
        if last_kind != Some(hit.kind) {
            let count = hits.iter().filter(|h| h.kind == hit.kind).count();
            let name = match hit.kind {
                HitKind::Contact => "Contacts",
                HitKind::Procedure => "Procedures",
                HitKind::Form => "Forms",
            };
            put(buf, area.x + 1, y, &format!("{name} ({count})"), t.heading);
            y += 1;
            last_kind = Some(hit.kind);
            if y + 1 >= bottom {
                break;
            }
        }
        let pack = ctx.set.packs.get(hit.pack);
        let title = match (hit.doc, hit.contact) {
            (Some(d), _) => pack
                .and_then(|p| p.docs.get(d))
                .map_or("", |d| d.title.as_str()),
            (_, Some(c)) => pack
                .and_then(|p| p.contacts.get(c))
                .map_or("", |c| c.name.as_str()),
            _ => "",
        };
        let mut label = title.to_string();
        for h in &hit.heading_path {
            label.push_str(" > ");
            label.push_str(h);
        }
        if state.all_packs
            && let Some(p) = pack
        {
            label.push_str(&format!("  [{}]", p.id));
        }
        let (marker, style) = if i == state.selected {
            ("> ", t.selected)
        } else {
            ("  ", t.item)
        };
        let x = put(buf, area.x + 1, y, marker, style);
        put(buf, x, y, &fit(&label, w.saturating_sub(2)), style);
        y += 1;
        // the snippet, cut at a word to fit, with matches highlighted
        let mut x = area.x + 5;
        let end = area.x + area.width - 1;
        let snippet = &hit.snippet[..word_cut(&hit.snippet, usize::from(end - x))];
        let mut at = 0;
        let strong = t.detail.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        for range in hit
            .highlights
            .iter()
            .map(|r| r.start.min(snippet.len())..r.end.min(snippet.len()))
            .chain(std::iter::once(snippet.len()..snippet.len()))
        {
            let (Some(before), Some(matched)) =
                (snippet.get(at..range.start), snippet.get(range.clone()))
            else {
                break;
            };
            x = buf
                .set_stringn(x, y, before, usize::from(end.saturating_sub(x)), t.detail)
                .0;
            x = buf
                .set_stringn(x, y, matched, usize::from(end.saturating_sub(x)), strong)
                .0;
            at = range.end;
        }
        y += 1;
    }
}

/// The longest start of `text` that fits in `width` columns and ends at a word.
fn word_cut(text: &str, width: usize) -> usize {
    let mut used = 0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        used += crate::layout::wrap::width(&c.to_string());
        if used > width {
            return last_space.unwrap_or(i);
        }
        if c == ' ' {
            last_space = Some(i);
        }
    }
    text.len()
}
