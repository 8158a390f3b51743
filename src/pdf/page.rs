//! Laid-out pages as simple drawing items, and [`Flow`], the cursor that fills them top to
//! bottom: page breaks, indents, and decorations (bars and shading) that follow text across pages.

use std::collections::HashMap;

use super::fonts::{Face, Fonts};

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
pub const MARGIN_X: f32 = 56.0;
pub const MARGIN_TOP: f32 = 52.0;
/// Room kept at the bottom for the footer.
pub const MARGIN_BOTTOM: f32 = 70.0;

/// The words on a left-hand page left blank so the next document starts on a right-hand one.
pub const BLANK_PAGE: &str = "This page is intentionally blank";

/// An RGB colour.
pub type Rgb = (u8, u8, u8);
pub const BLACK: Rgb = (0, 0, 0);
pub const INK: Rgb = (25, 25, 25);
pub const GREY: Rgb = (95, 95, 95);
pub const RULE: Rgb = (120, 120, 120);
pub const SHADE: Rgb = (236, 236, 236);
pub const LINK: Rgb = (20, 60, 150);
pub const ALARM: Rgb = (170, 20, 20);

/// What a link leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkDest {
    /// A place in this PDF, by key (see [`super::keys`]).
    Key(String),
    /// An outside address (https, mailto, tel).
    Uri(String),
}

/// One thing drawn on a page. Coordinates in points from the top-left corner; `y` of text is
/// its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: String,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(f32, Rgb)>,
    },
    /// A tick mark inside a box at (x, y) of side `size`.
    Tick { x: f32, y: f32, size: f32 },
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        dest: LinkDest,
    },
    /// A picture with its top-left corner at (x, y), drawn `w` × `h` points.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: super::image::Picture,
    },
    /// The page number of a key, right-aligned at `right`, filled in when pages are known.
    PageRef {
        key: String,
        right: f32,
        y: f32,
        face: Face,
        size: f32,
    },
}

/// What kind of thing a text line is, for the page-break rules and their tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Heading,
    /// A line of a paragraph or list item: never alone at a page's top or foot.
    Body,
    TableRow,
    /// A line of a code block (broken anywhere, like a listing).
    Code,
}

/// A text line placed on a page, for the page-break rules and their tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub role: Role,
    pub top: f32,
    /// The paragraph, list item or heading the line belongs to (one number per block of lines).
    pub group: u32,
    /// How many lines the whole group has, on every page.
    pub of: u32,
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub landscape: bool,
    /// The document title shown in the footer.
    pub title: String,
    pub items: Vec<Item>,
    /// Every text line placed, in order (for the page-break rules).
    pub roles: Vec<Placed>,
    /// The lowest point content reaches on the page.
    pub used: f32,
}

impl Page {
    pub fn size(&self) -> (f32, f32) {
        if self.landscape { (A4.1, A4.0) } else { A4 }
    }
}

/// An outline (bookmark) entry.
#[derive(Debug, Clone)]
pub struct Mark {
    pub level: u8,
    pub title: String,
    pub key: String,
}

/// Everything laid out: pages, where each key is, and the outline.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub dests: HashMap<String, (usize, f32)>,
    pub marks: Vec<Mark>,
}

/// A decoration that follows the text while it is open: an indent, a bar on the left, shading.
#[derive(Debug, Clone, Copy)]
struct Decor {
    /// Left edge of the decoration.
    x: f32,
    indent: f32,
    right_inset: f32,
    bar: Option<(f32, Rgb)>,
    fill: Option<Rgb>,
    /// A frame all round (width, colour): its top is drawn with the first band, its sides with
    /// every band, its foot when the decoration closes.
    border: Option<(f32, Rgb)>,
    /// True once a band has been drawn.
    started: bool,
}

/// A list marker waiting for the first line of its item.
#[derive(Debug, Clone)]
pub enum Marker {
    Text(String),
    Box(bool),
}

/// The cursor that fills pages.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    /// Where pictures come from (none until set: see [`super::image::Images::of`]).
    pub images: super::image::Images,
    pub laid: Laid,
    pub y: f32,
    landscape: bool,
    title: String,
    decor: Vec<Decor>,
    marker: Option<Marker>,
    /// The body's top and bottom on every page, when not the page's own margins (a slip
    /// printed several to a sheet is laid out in a slot of the page).
    frame: Option<(f32, f32)>,
    groups: u32,
    group: (u32, u32),
    /// For double-sided printing: every [`Flow::page`] (a document's start) is a right-hand
    /// page, after a blank left-hand page when needed.
    pub duplex: bool,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Flow {
            fonts,
            images: super::image::Images::none(),
            laid: Laid::default(),
            y: 0.0,
            landscape: false,
            title: String::new(),
            decor: Vec::new(),
            marker: None,
            frame: None,
            groups: 0,
            group: (0, 1),
            duplex: false,
        }
    }

    /// With [`Flow::duplex`], a blank left-hand page when the next page would be one.
    fn start_right_hand(&mut self) {
        if self.duplex && self.laid.pages.len() % 2 == 1 {
            let mut blank = Page {
                landscape: false,
                title: String::new(),
                ..Page::default()
            };
            let (w, h) = blank.size();
            let text = BLANK_PAGE;
            let size = 11.0;
            let tw = self.fonts.width(Face::Italic, size, text);
            blank.items.push(Item::Text {
                x: (w - tw) / 2.0,
                y: h / 2.0,
                face: Face::Italic,
                size,
                text: text.to_string(),
                color: GREY,
            });
            self.laid.pages.push(blank);
        }
    }

    /// A flow whose pages hold text only between `top` and `bottom` (points from the top).
    pub fn framed(fonts: &'f Fonts, top: f32, bottom: f32) -> Self {
        let mut f = Flow::new(fonts);
        f.frame = Some((top, bottom));
        f
    }

    /// True for a flow laid out in a slot of the page (see [`Flow::framed`]).
    pub fn is_framed(&self) -> bool {
        self.frame.is_some()
    }

    fn top(&self) -> f32 {
        self.frame.map_or(MARGIN_TOP, |f| f.0)
    }

    /// Start a group of `lines` text lines (a paragraph, a list item's text, a heading): the
    /// lines recorded until the next group belong to it.
    pub fn group(&mut self, lines: usize) {
        self.groups += 1;
        self.group = (self.groups, u32::try_from(lines).unwrap_or(u32::MAX));
    }

    /// Start a new page, portrait or landscape, whose footer names `title`.
    pub fn page(&mut self, landscape: bool, title: &str) {
        self.start_right_hand();
        self.landscape = landscape;
        self.title = title.to_string();
        self.new_page();
    }

    fn new_page(&mut self) {
        self.laid.pages.push(Page {
            landscape: self.landscape,
            title: self.title.clone(),
            ..Page::default()
        });
        self.y = self.top();
    }

    fn current(&mut self) -> &mut Page {
        if self.laid.pages.is_empty() {
            self.new_page();
        }
        let last = self.laid.pages.len() - 1;
        &mut self.laid.pages[last]
    }

    pub fn page_index(&self) -> usize {
        self.laid.pages.len().saturating_sub(1)
    }

    pub fn page_size(&self) -> (f32, f32) {
        if self.landscape { (A4.1, A4.0) } else { A4 }
    }

    pub fn bottom(&self) -> f32 {
        self.frame
            .map_or(self.page_size().1 - MARGIN_BOTTOM, |f| f.1)
    }

    /// Add pages laid out by another flow after this one's, with their places and bookmarks;
    /// what follows starts on a new page.
    pub fn append(&mut self, other: Laid) {
        self.start_right_hand();
        let offset = self.laid.pages.len();
        for (key, (page, y)) in other.dests {
            self.laid.dests.entry(key).or_insert((page + offset, y));
        }
        self.laid.pages.extend(other.pages);
        self.laid.marks.extend(other.marks);
        if let Some(last) = self.laid.pages.last() {
            self.landscape = last.landscape;
            self.title = last.title.clone();
        }
        self.y = self.bottom();
    }

    /// Usable height of a whole page.
    pub fn body_height(&self) -> f32 {
        self.bottom() - self.top()
    }

    /// How far content reaches past the first `pages` pages, in points: the room it would
    /// need to fit them (0 when it does).
    pub fn overflow(&self, pages: usize) -> f32 {
        let top = self.top();
        self.laid
            .pages
            .iter()
            .skip(pages)
            .map(|p| (p.used - top).max(0.0))
            .sum()
    }

    /// Left edge of text, after indents.
    pub fn left(&self) -> f32 {
        MARGIN_X + self.decor.iter().map(|d| d.indent).sum::<f32>()
    }

    pub fn right(&self) -> f32 {
        self.page_size().0 - MARGIN_X - self.decor.iter().map(|d| d.right_inset).sum::<f32>()
    }

    pub fn width(&self) -> f32 {
        (self.right() - self.left()).max(20.0)
    }

    pub fn at_top(&self) -> bool {
        self.y <= self.top() + 0.5
    }

    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Break the page unless `h` points fit (or we are already at the top of a page).
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() && !self.at_top() {
            self.new_page();
        }
    }

    /// Force a new page unless this one is still empty.
    pub fn break_page(&mut self) {
        if !self.laid.pages.is_empty() && !self.at_top() {
            self.new_page();
        }
    }

    /// Take `h` points of height for content, drawing open decorations beside it; returns the
    /// top of the band.
    pub fn take(&mut self, h: f32) -> f32 {
        self.ensure(h);
        let top = self.y;
        let right = self.page_size().0 - MARGIN_X;
        let mut inset = 0.0;
        let mut items = Vec::new();
        // frames go on top of the shading inside them
        let mut frames = Vec::new();
        for d in &mut self.decor {
            if let Some(fill) = d.fill {
                items.push(Item::Rect {
                    x: d.x,
                    y: top,
                    w: right - inset - d.x,
                    h,
                    fill: Some(fill),
                    stroke: None,
                });
            }
            if let Some((w, color)) = d.bar {
                items.push(Item::Rect {
                    x: d.x,
                    y: top,
                    w,
                    h,
                    fill: Some(color),
                    stroke: None,
                });
            }
            if let Some((w, color)) = d.border {
                let (x1, x2) = (d.x + w / 2.0, right - inset - w / 2.0);
                let mut edge = |x1: f32, y1: f32, x2: f32, y2: f32| {
                    frames.push(Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width: w,
                        color,
                    })
                };
                edge(x1, top, x1, top + h);
                edge(x2, top, x2, top + h);
                if !d.started {
                    edge(x1 - w / 2.0, top + w / 2.0, x2 + w / 2.0, top + w / 2.0);
                }
            }
            d.started = true;
            inset += d.right_inset;
        }
        items.extend(frames);
        let page = self.current();
        page.items.extend(items);
        page.used = page.used.max(top + h);
        self.y += h;
        top
    }

    /// Vertical space; dropped at the top of a page.
    pub fn gap(&mut self, h: f32) {
        if self.at_top() {
            return;
        }
        if h >= self.room() {
            // the page is full: the next content breaks it, and no empty page is left behind
            self.y = self.bottom();
        } else {
            self.take(h);
        }
    }

    pub fn push(&mut self, item: Item) {
        self.current().items.push(item);
    }

    /// Record a line of text standing alone (its own group) at the current page.
    pub fn role(&mut self, role: Role, top: f32) {
        self.group(1);
        self.group_line(role, top);
    }

    /// Record a line of the current group (see [`Flow::group`]) at the current page.
    pub fn group_line(&mut self, role: Role, top: f32) {
        let (group, of) = self.group;
        self.current().roles.push(Placed {
            role,
            top,
            group,
            of,
        });
    }

    /// Remember where `key` is (the current position).
    pub fn dest(&mut self, key: String) {
        let at = (self.page_index(), (self.y - 12.0).max(0.0));
        self.current();
        self.laid.dests.entry(key).or_insert(at);
    }

    pub fn mark(&mut self, level: u8, title: &str, key: &str) {
        self.laid.marks.push(Mark {
            level,
            title: title.to_string(),
            key: key.to_string(),
        });
    }

    /// Open a decoration: text is indented by `indent`; `bar` and `fill` are drawn beside it.
    pub fn open(
        &mut self,
        indent: f32,
        right_inset: f32,
        bar: Option<(f32, Rgb)>,
        fill: Option<Rgb>,
    ) {
        let x = self.left();
        self.decor.push(Decor {
            x,
            indent,
            right_inset,
            bar,
            fill,
            border: None,
            started: false,
        });
    }

    /// [`Flow::open`] with a frame all round of `border` (width, colour).
    pub fn open_framed(
        &mut self,
        indent: f32,
        right_inset: f32,
        fill: Option<Rgb>,
        border: (f32, Rgb),
    ) {
        self.open(indent, right_inset, None, fill);
        if let Some(d) = self.decor.last_mut() {
            d.border = Some(border);
        }
    }

    pub fn close(&mut self) {
        let Some(d) = self.decor.pop() else { return };
        if let (Some((w, color)), true) = (d.border, d.started) {
            let inset: f32 = self.decor.iter().map(|d| d.right_inset).sum();
            let right = self.page_size().0 - MARGIN_X - inset;
            let y = self.y - w / 2.0;
            self.push(Item::Line {
                x1: d.x,
                y1: y,
                x2: right,
                y2: y,
                width: w,
                color,
            });
        }
    }

    pub fn set_marker(&mut self, marker: Marker) {
        self.marker = Some(marker);
    }

    /// The marker waiting for this line, if any.
    pub fn take_marker(&mut self) -> Option<Marker> {
        self.marker.take()
    }

    /// Draw `text` at (x, baseline y), made printable.
    pub fn text(&mut self, x: f32, y: f32, face: Face, size: f32, text: &str, color: Rgb) {
        let text = self.fonts.printable(face, text);
        self.push(Item::Text {
            x,
            y,
            face,
            size,
            text,
            color,
        });
    }

    /// Width of `text` once made printable.
    pub fn measure(&self, face: Face, size: f32, text: &str) -> f32 {
        self.fonts
            .width(face, size, &self.fonts.printable(face, text))
    }
}
