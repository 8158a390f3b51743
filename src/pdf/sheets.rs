//! Forms that fit whole sheets. Rows to write in are elastic: before a form takes another sheet
//! they shrink, down to [`MIN_WRITE_ROW`] (about 6 mm, still room for handwriting); a form that
//! declares `sheets = N` may also leave out the empty rows `blank_rows` added (the last page is
//! filled with as many as it has room for, which never adds a page). A form that declares
//! `per_sheet = N` prints N identical copies on each sheet, with a dashed cut line between.
//! `check` uses [`report`] to say when a form cannot fit what it declares.

use super::fonts::{Face, Fonts};
use super::image::Images;
use super::page::{Flow, GREY, Item, Laid, RULE};
use super::table::{MIN_WRITE_ROW, WRITE_ROW};
use crate::pack::{DocEntry, Orientation};

/// How a form's rows to write in are set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Height of a row with a box to write in, in points.
    pub write_row: f32,
    /// Empty rows at the end of the last table that may be left out.
    pub drop_blank: usize,
}

impl Fit {
    /// Rows at their full height, none left out.
    pub const FULL: Fit = Fit {
        write_row: WRITE_ROW,
        drop_blank: 0,
    };
}

/// A form laid out to fit: the layout, and how far it is from what it declares.
struct Fitted {
    laid: Laid,
    /// Room it would still need to fit them, in points (0 when it fits).
    overflow: f32,
}

/// Top margin of a page printed several copies to a sheet (the footer stays at the foot).
const SLOT_TOP: f32 = 26.0;
/// Room kept at the foot of such a page for the footer (its rule is 50 points up).
const SLOT_BOTTOM: f32 = 56.0;
/// Space on each side of a cut line.
const CUT_GAP: f32 = 10.0;

/// The body's top and bottom of each copy on a sheet of `page_h` points.
fn slots(page_h: f32, n: usize) -> Vec<(f32, f32)> {
    let n = n.max(1);
    let bottom = page_h - SLOT_BOTTOM;
    let h = (bottom - SLOT_TOP - (n - 1) as f32 * 2.0 * CUT_GAP) / n as f32;
    (0..n)
        .map(|k| {
            let top = SLOT_TOP + k as f32 * (h + 2.0 * CUT_GAP);
            (top, top + h)
        })
        .collect()
}

fn page_height(entry: &DocEntry) -> f32 {
    match entry.orientation {
        Orientation::Landscape => super::page::A4.0,
        Orientation::Portrait => super::page::A4.1,
    }
}

/// Lay `entry` out once with `fit`, in `frame` (a slot of the page) if given.
fn trial<'f>(
    fonts: &'f Fonts,
    images: &Images,
    entry: &DocEntry,
    mark: u8,
    frame: Option<(f32, f32)>,
    fit: Fit,
) -> Flow<'f> {
    let mut flow = match frame {
        Some((top, bottom)) => Flow::framed(fonts, top, bottom),
        None => Flow::new(fonts),
    };
    flow.images = images.clone();
    super::lay_fitted(&mut flow, entry, mark, fit);
    flow
}

/// The largest row height in `[MIN_WRITE_ROW, WRITE_ROW]` at which the form takes at most
/// `allowed` pages, knowing it does at the least height.
fn tallest_fitting(
    fonts: &Fonts,
    images: &Images,
    entry: &DocEntry,
    mark: u8,
    frame: Option<(f32, f32)>,
    drop_blank: usize,
    allowed: usize,
) -> Laid {
    let at = |write_row| {
        trial(
            fonts,
            images,
            entry,
            mark,
            frame,
            Fit {
                write_row,
                drop_blank,
            },
        )
    };
    let full = at(WRITE_ROW);
    if full.laid.pages.len() <= allowed {
        return full.laid;
    }
    let (mut lo, mut hi) = (MIN_WRITE_ROW, WRITE_ROW);
    let mut best = at(MIN_WRITE_ROW).laid;
    // half a point is finer than anyone sees
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        let f = at(mid);
        if f.laid.pages.len() <= allowed {
            lo = mid;
            best = f.laid;
        } else {
            hi = mid;
        }
    }
    best
}

/// Fit a form to the pages it `declared` (or to the fewest pages its rows can shrink to), in
/// `frame`.
fn fit(
    fonts: &Fonts,
    images: &Images,
    entry: &DocEntry,
    mark: u8,
    frame: Option<(f32, f32)>,
    declared: Option<usize>,
) -> Fitted {
    let full = trial(fonts, images, entry, mark, frame, Fit::FULL);
    let pages = full.laid.pages.len();
    if pages <= declared.unwrap_or(1) {
        return Fitted {
            laid: full.laid,
            overflow: 0.0,
        };
    }
    let least = Fit {
        write_row: MIN_WRITE_ROW,
        drop_blank: 0,
    };
    let shrunk = trial(fonts, images, entry, mark, frame, least);
    let allowed = declared.unwrap_or(shrunk.laid.pages.len());
    if pages <= allowed {
        // shrinking saves no sheet: the rows keep their full height
        return Fitted {
            laid: full.laid,
            overflow: 0.0,
        };
    }
    if shrunk.laid.pages.len() <= allowed {
        return Fitted {
            laid: tallest_fitting(fonts, images, entry, mark, frame, 0, allowed),
            overflow: 0.0,
        };
    }
    // only a form that declares its sheets gives up the rows `blank_rows` added
    if entry.blank_rows > 0 && declared.is_some() {
        let least = Fit {
            write_row: MIN_WRITE_ROW,
            drop_blank: entry.blank_rows,
        };
        let dropped = trial(fonts, images, entry, mark, frame, least);
        if dropped.laid.pages.len() <= allowed {
            return Fitted {
                laid: tallest_fitting(fonts, images, entry, mark, frame, entry.blank_rows, allowed),
                overflow: 0.0,
            };
        }
        let overflow = dropped.overflow(allowed);
        return Fitted {
            laid: dropped.laid,
            overflow,
        };
    }
    let overflow = shrunk.overflow(allowed);
    Fitted {
        laid: shrunk.laid,
        overflow,
    }
}

/// Lay out a form on whole sheets: fitted, and `per_sheet` copies to a sheet when declared and
/// one copy fits its part of the sheet (else one copy a sheet, as `check` reports).
pub fn lay_form(flow: &mut Flow, entry: &DocEntry, mark: u8) {
    let n = entry.per_sheet.max(1) as usize;
    if n > 1 {
        let slots = slots(page_height(entry), n);
        let one = fit(
            flow.fonts,
            &flow.images,
            entry,
            mark,
            slots.first().copied(),
            Some(1),
        );
        if one.overflow <= 0.0 {
            flow.append(copies(flow.fonts, one.laid, &slots));
            return;
        }
    }
    let declared = entry.sheets.map(|s| s as usize);
    let fitted = fit(flow.fonts, &flow.images, entry, mark, None, declared);
    flow.append(fitted.laid);
}

/// One sheet holding a copy of the single page of `laid` in each slot, cut lines between.
fn copies(fonts: &Fonts, mut laid: Laid, slots: &[(f32, f32)]) -> Laid {
    let Some(page) = laid.pages.first_mut() else {
        return laid;
    };
    let original = page.items.clone();
    let roles = page.roles.clone();
    let (width, _) = page.size();
    let first_top = slots.first().map_or(0.0, |s| s.0);
    for (top, _) in slots.iter().skip(1) {
        let dy = top - first_top;
        page.items.extend(original.iter().map(|i| moved(i, dy)));
        page.roles.extend(roles.iter().map(|r| {
            let mut r = *r;
            r.top += dy;
            r
        }));
        cut_line(fonts, &mut page.items, width, top - CUT_GAP);
    }
    if let Some(last) = slots.last() {
        page.used = page.used.max(last.1);
    }
    laid
}

/// A dashed line across the sheet at `y`, with scissors (or "cut here" where the fonts have
/// no scissors) at its left.
fn cut_line(fonts: &Fonts, items: &mut Vec<Item>, width: f32, y: f32) {
    let label = if fonts.covers(Face::Regular, '✂') {
        "✂ cut here"
    } else {
        "cut here"
    };
    let size = 7.5;
    let x0 = super::page::MARGIN_X;
    let label_w = fonts.width(Face::Regular, size, label);
    items.push(Item::Text {
        x: x0,
        y: y + size * 0.35,
        face: Face::Regular,
        size,
        text: label.to_string(),
        color: GREY,
    });
    let mut x = x0 + label_w + 6.0;
    let end = width - 28.0;
    while x < end {
        let x2 = (x + 6.0).min(end);
        items.push(Item::Line {
            x1: x,
            y1: y,
            x2,
            y2: y,
            width: 0.7,
            color: RULE,
        });
        x += 10.0;
    }
}

fn moved(item: &Item, dy: f32) -> Item {
    let mut item = item.clone();
    match &mut item {
        Item::Text { y, .. }
        | Item::Rect { y, .. }
        | Item::Tick { y, .. }
        | Item::Link { y, .. }
        | Item::Image { y, .. }
        | Item::PageRef { y, .. } => *y += dy,
        Item::Line { y1, y2, .. } => {
            *y1 += dy;
            *y2 += dy;
        }
    }
    item
}

/// A form that cannot fit what it declares.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// What was declared, in words ("1 sheet", "2 copies to a sheet").
    pub declared: String,
    /// Sheets it takes at the least row height.
    pub pages: usize,
    /// How much more height it would need, in millimetres.
    pub millimetres: f32,
}

/// Whether a form fits the sheets (`sheets`) or the part of a sheet (`per_sheet`) it declares;
/// `None` when it fits or declares nothing. `images` are the pack's pictures, laid out at their
/// printed size.
pub fn report(fonts: &Fonts, images: &Images, entry: &DocEntry) -> Option<Overflow> {
    let mm = |pt: f32| pt * 25.4 / 72.0;
    if entry.per_sheet > 1 {
        let slots = slots(page_height(entry), entry.per_sheet as usize);
        let one = fit(fonts, images, entry, 1, slots.first().copied(), Some(1));
        return (one.overflow > 0.0).then(|| Overflow {
            declared: format!("{} copies to a sheet", entry.per_sheet),
            pages: one.laid.pages.len(),
            millimetres: mm(one.overflow),
        });
    }
    let sheets = entry.sheets?;
    let fitted = fit(fonts, images, entry, 1, None, Some(sheets as usize));
    (fitted.overflow > 0.0).then(|| Overflow {
        declared: if sheets == 1 {
            "1 sheet".to_string()
        } else {
            format!("{sheets} sheets")
        },
        pages: fitted.laid.pages.len(),
        millimetres: mm(fitted.overflow),
    })
}
