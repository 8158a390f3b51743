//! The search screen: the query line, then hits grouped as contacts, procedures and forms, each
//! with its heading path and a snippet whose matched words are highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::search::HitKind;
use crate::tui::app::App;
use crate::tui::search::{SearchState, ordered};

pub fn render(app: &App, state: &SearchState, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    if area.height < 2 {
        return;
    }
    let w = usize::from(area.width.saturating_sub(2));
    let scope = if app.set.packs.len() > 1 {
        if state.all_packs {
            "  (all packs; Tab: this pack)"
        } else {
            "  (this pack; Tab: all packs)"
        }
    } else {
        ""
    };
    let x = buf
        .set_stringn(area.x + 1, area.y, "Search: ", w, t.heading)
        .0;
    let x = buf
        .set_stringn(
            x,
            area.y,
            format!("{}_", state.text),
            w.saturating_sub(8),
            t.selected,
        )
        .0;
    buf.set_stringn(
        x,
        area.y,
        scope,
        usize::from((area.x + area.width).saturating_sub(x)),
        t.detail,
    );
    let hits = ordered(&state.results);
    let mut y = area.y + 2;
    let bottom = area.y + area.height;
    if state.text.trim().is_empty() {
        buf.set_stringn(
            area.x + 1,
            y.min(bottom - 1),
            "Type a word, a symptom or part of a phone number.",
            w,
            t.detail,
        );
        return;
    }
    if hits.is_empty() {
        buf.set_stringn(
            area.x + 1,
            y.min(bottom - 1),
            "Nothing found. Try fewer or shorter words.",
            w,
            t.detail,
        );
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
            buf.set_stringn(area.x + 1, y, format!("{name} ({count})"), w, t.heading);
            y += 1;
            last_kind = Some(hit.kind);
            if y + 1 >= bottom {
                break;
            }
        }
        let pack = app.set.packs.get(hit.pack);
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
            && let Some(p) = pack {
                label.push_str(&format!("  [{}]", p.id));
            }
        let selected = i == state.selected;
        let (marker, style) = if selected {
            ("> ", t.selected)
        } else {
            ("  ", t.item)
        };
        let x = buf.set_stringn(area.x + 1, y, marker, w, style).0;
        buf.set_stringn(x, y, &label, w.saturating_sub(2), style);
        y += 1;
        // the snippet, with matches highlighted
        let mut x = area.x + 5;
        let end = area.x + area.width - 1;
        let mut at = 0;
        let strong = t.detail.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        for range in hit
            .highlights
            .iter()
            .chain(std::iter::once(&(hit.snippet.len()..hit.snippet.len())))
        {
            let (Some(before), Some(matched)) = (
                hit.snippet.get(at..range.start),
                hit.snippet.get(range.clone()),
            ) else {
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
