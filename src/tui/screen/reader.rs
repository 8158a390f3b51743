//! An open document: scrolling, links, the table of contents, the find bar, and ticking the
//! steps of a procedure during an incident. Children: [`find`] (matches of a find), `steps`
//! (ticking), `toc` (the table of contents).

pub mod find;
mod steps;
mod toc;

use ratatui::layout::Position;

use crate::document::LinkTarget;
use crate::layout::{Options, Rendered, layout_marked, layout_with};
use crate::pack::{DocEntry, Pack};
use crate::tui::action::Action;
use crate::tui::changed::Marks;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::field::{Edit, TextField};
use crate::tui::keymap::Layer;
use crate::tui::reply::{Place, Reply};
use find::Find;
pub use toc::{toc_area, toc_offset};

/// The find bar: a field, and the line the find started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindBar {
    pub field: TextField,
    pub from: usize,
}

/// An open document.
#[derive(Debug, Clone)]
pub struct ReaderState {
    pub pack: usize,
    pub doc: usize,
    /// First visible line.
    pub scroll: usize,
    /// Selected link, as an index into `rendered.links`.
    pub link: Option<usize>,
    /// The table of contents, when open: the selected heading.
    pub toc: Option<usize>,
    pub rendered: Rendered,
    /// A find within the document, with every match.
    pub find: Option<Find>,
    /// The find bar, while it is open.
    pub bar: Option<FindBar>,
    /// The text of each step in `rendered.steps` (ticks are keyed to it).
    pub step_keys: Vec<String>,
    /// Images whose files the pack does not have (indexes into the document's links).
    pub missing_images: Vec<u32>,
    /// Steps changed in this version, marked during the first opening since.
    pub marks: Option<Marks>,
}

/// Lay a document out; if that panics, show its text plainly with the error instead.
pub fn safe_layout(entry: &DocEntry, options: Options, missing: &[u32]) -> Rendered {
    crate::contain::contained(|| layout_marked(&entry.doc, options, missing)).unwrap_or_else(
        |why| {
            let text = crate::document::plain_text_of(&entry.doc);
            layout_with(
                &crate::pack::documents::plain_document(&text, &why),
                options,
            )
        },
    )
}

impl ReaderState {
    /// Open document `doc` of pack `pack` at an anchor, with `find` highlighted; the second
    /// value is a message when the anchor or the find came to nothing.
    pub fn open(
        ctx: &Ctx,
        pack: usize,
        doc: usize,
        anchor: Option<&str>,
        find: Option<&str>,
    ) -> Option<(ReaderState, Option<String>)> {
        let p = ctx.set.packs.get(pack)?;
        let entry = p.docs.get(doc)?;
        let missing_images = p.missing_images(&entry.doc);
        let mut r = ReaderState {
            pack,
            doc,
            scroll: 0,
            link: None,
            toc: None,
            rendered: safe_layout(entry, ctx.layout_options(), &missing_images),
            missing_images,
            find: None,
            bar: None,
            step_keys: entry.doc.steps(),
            marks: None,
        };
        let mut status = None;
        if let Some(a) = anchor {
            match r.rendered.anchor_line(a) {
                Some(line) => r.scroll = line,
                None => {
                    status = Some(format!(
                        "No heading #{a} in this document; showing its start"
                    ))
                }
            }
        }
        if let Some(text) = find {
            r.find = Find::new(text, &r.rendered, ctx.search, r.scroll);
            r.show_match(ctx.height());
        }
        r.clamp(ctx.height());
        Some((r, status))
    }

    /// Lay out again for a new width, keeping the place roughly.
    pub fn relayout(&mut self, ctx: &Ctx) {
        let options = ctx.layout_options();
        if self.rendered.options == options {
            return;
        }
        let Some(entry) = self.entry(ctx) else { return };
        let old_len = self.rendered.lines.len().max(1);
        self.rendered = safe_layout(entry, options, &self.missing_images);
        self.scroll = self.scroll * self.rendered.lines.len() / old_len;
        self.link = None;
        if let Some(text) = self.find.as_ref().map(|f| f.text.clone()) {
            self.find = Find::new(&text, &self.rendered, ctx.search, self.scroll);
        }
        self.clamp(ctx.height());
    }

    fn entry<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a DocEntry> {
        ctx.set.packs.get(self.pack)?.docs.get(self.doc)
    }

    fn pack<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a Pack> {
        ctx.set.packs.get(self.pack)
    }

    pub fn layers(&self) -> &'static [Layer] {
        if self.bar.is_some() {
            &[Layer::Typing, Layer::Editing, Layer::FindBar, Layer::Global]
        } else if self.toc.is_some() {
            &[Layer::Contents, Layer::Letters, Layer::Global]
        } else {
            &[
                Layer::Document,
                Layer::Printing,
                Layer::Letters,
                Layer::Global,
            ]
        }
    }

    /// Rows the text has: the body, less the find bar's row while it is open.
    fn text_rows(&self, ctx: &Ctx) -> usize {
        let height = ctx.height();
        if self.bar.is_some() && height > 2 {
            height - 1
        } else {
            height
        }
    }

    fn max_scroll(&self, height: usize) -> usize {
        self.rendered.lines.len().saturating_sub(height.max(1))
    }

    fn clamp(&mut self, height: usize) {
        self.scroll = self.scroll.min(self.max_scroll(height));
    }

    /// Scroll so `line` is in view (and not under a table header kept at the top).
    fn show_line(&mut self, line: usize, height: usize) {
        if !self.rendered.rows(self.scroll, height).contains(&line) {
            // below the header of its table, when that will be kept at the top
            let under = self
                .rendered
                .tables
                .iter()
                .find(|t| t.head.end <= line && line < t.end)
                .map_or(0, |t| t.head.len());
            let lift = (height / 3).max(under);
            self.scroll = line.saturating_sub(lift).min(self.max_scroll(height));
        }
    }

    fn show_match(&mut self, height: usize) {
        if let Some(line) = self.find.as_ref().and_then(Find::line) {
            self.show_line(line, height);
        }
    }

    pub fn update(&mut self, ctx: &Ctx, action: Action) -> Reply {
        if self.bar.is_some() {
            return self.update_bar(ctx, action);
        }
        if self.toc.is_some() {
            return self.update_toc(ctx, action);
        }
        let height = ctx.height();
        let max = self.max_scroll(height);
        match action {
            Action::Back => return Reply::back(),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::WheelUp => self.scroll = self.scroll.saturating_sub(3),
            Action::Down => self.scroll = (self.scroll + 1).min(max),
            Action::WheelDown => self.scroll = (self.scroll + 3).min(max),
            Action::PageUp => self.page_up(height),
            Action::PageDown => self.page_down(height),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::NextLink => self.select_link(height, true),
            Action::PrevLink => self.select_link(height, false),
            Action::Open => return self.follow(ctx),
            Action::Contents if self.rendered.anchors.is_empty() => {
                return Reply::status("This document has no headings");
            }
            Action::Contents => {
                let current = self
                    .rendered
                    .anchors
                    .iter()
                    .rposition(|(_, line)| *line <= self.scroll)
                    .unwrap_or(0);
                self.toc = Some(current);
            }
            Action::Find => {
                let text = self.find.as_ref().map_or("", |f| f.text.as_str());
                self.bar = Some(FindBar {
                    field: TextField::with(text),
                    from: self.scroll,
                });
            }
            Action::FindNext | Action::FindPrev => {
                return self.step_find(ctx, action == Action::FindNext);
            }
            Action::TickStep => return self.tick(ctx),
            Action::UntickStep => return self.untick(ctx),
            Action::Click { column, row } => return self.click(ctx, column, row),
            _ => {}
        }
        Reply::none()
    }

    /// A page up: its last lines are the first the page before showed under any table header
    /// kept at the top, so no line is skipped.
    fn page_up(&mut self, height: usize) {
        let page = height.saturating_sub(2).max(1);
        let covered = self.rendered.covered(self.scroll, height);
        self.scroll = (self.scroll + covered)
            .saturating_sub(page)
            .min(self.scroll);
    }

    /// A page down: its first lines under any table header kept at the top are the last the page
    /// before showed, so no line is skipped.
    fn page_down(&mut self, height: usize) {
        let page = height.saturating_sub(2).max(1);
        let to = (self.scroll + page).min(self.max_scroll(height));
        let covered = self.rendered.covered(to, height);
        self.scroll = to.saturating_sub(covered).max((self.scroll + 1).min(to));
    }

    fn step_find(&mut self, ctx: &Ctx, forward: bool) -> Reply {
        let Some(f) = self.find.as_mut() else {
            return Reply::status("Nothing to find yet: Ctrl-F (or /) to find in this document");
        };
        f.step(forward);
        let status = f.describe();
        self.show_match(self.text_rows(ctx));
        Reply::status(status)
    }

    fn update_bar(&mut self, ctx: &Ctx, action: Action) -> Reply {
        let Some(bar) = self.bar.as_mut() else {
            return Reply::none();
        };
        match action {
            Action::Back => {
                self.bar = None;
                self.find = None;
                Reply::none()
            }
            Action::Submit => {
                self.bar = None;
                match &self.find {
                    Some(f) => Reply::status(f.describe()),
                    None => Reply::none(),
                }
            }
            Action::FindNext | Action::FindPrev => self.step_find(ctx, action == Action::FindNext),
            other => match bar.field.edit(other) {
                Edit::Changed => {
                    let (text, from) = (bar.field.text().to_string(), bar.from);
                    self.find = Find::new(&text, &self.rendered, ctx.search, from);
                    self.show_match(self.text_rows(ctx));
                    match (&self.find, text.trim().is_empty()) {
                        (Some(f), _) => Reply::status(f.describe()),
                        (None, false) => {
                            Reply::status(format!("Not found in this document: {text}"))
                        }
                        (None, true) => Reply::none(),
                    }
                }
                Edit::Leave => {
                    self.bar = None;
                    Reply::none()
                }
                Edit::Same | Edit::NotMine => Reply::none(),
            },
        }
    }

    /// Select the next (or previous) link, starting from the screen when none is selected, and
    /// scroll it into view.
    fn select_link(&mut self, height: usize, forward: bool) {
        let links = &self.rendered.links;
        if links.is_empty() {
            return;
        }
        let scroll = self.scroll;
        let visible = |line: usize| line >= scroll && line < scroll + height;
        let next = match self.link {
            Some(i) if forward => (i + 1) % links.len(),
            Some(i) => (i + links.len() - 1) % links.len(),
            None if forward => links.iter().position(|(_, l)| *l >= scroll).unwrap_or(0),
            None => links
                .iter()
                .rposition(|(_, l)| visible(*l))
                .unwrap_or(links.len() - 1),
        };
        self.link = Some(next);
        let line = links[next].1;
        self.show_line(line, height);
    }

    fn follow(&self, ctx: &Ctx) -> Reply {
        let Some((link, _)) = self.link.and_then(|i| self.rendered.links.get(i)).copied() else {
            return Reply::status("Press Tab to select a link first");
        };
        let Some(link) = self.entry(ctx).and_then(|e| e.doc.links.get(link)) else {
            return Reply::none();
        };
        match &link.target {
            LinkTarget::Document { id, anchor } => {
                match self.pack(ctx).and_then(|p| p.doc_index(id)) {
                    Some(doc) => Reply::go(crate::tui::reply::Go::Push(Place::Doc {
                        pack: self.pack,
                        doc,
                        anchor: anchor.clone(),
                        find: None,
                    })),
                    None => Reply::status(format!("Broken link: this pack has no document `{id}`")),
                }
            }
            LinkTarget::Anchor(a) => Reply::go(crate::tui::reply::Go::Push(Place::Doc {
                pack: self.pack,
                doc: self.doc,
                anchor: Some(a.clone()),
                find: None,
            })),
            LinkTarget::External(url) => Reply::status(format!(
                "Outside link (not opened; manualpack works offline): {url}"
            )),
            LinkTarget::File(path) => {
                Reply::status(format!("A file of the pack, not a document: {path}"))
            }
            LinkTarget::Refused(why) => Reply::status(format!("Link not followed: {why}")),
        }
    }

    fn click(&mut self, ctx: &Ctx, column: u16, row: u16) -> Reply {
        let body = ctx.body();
        if !body.contains(Position { x: column, y: row }) {
            return Reply::none();
        }
        let rows = self.rendered.rows(self.scroll, usize::from(body.height));
        let Some(&line) = rows.get(usize::from(row - body.y)) else {
            return Reply::none();
        };
        let col = usize::from(column.saturating_sub(body.x + 1));
        let on_marker = column <= body.x + 4;
        if let (true, Some(step)) = (
            on_marker,
            self.rendered.steps.iter().rposition(|s| s.line == line),
        ) {
            let Some(active) = ctx.active else {
                return Reply::status("Start an incident to tick steps: F4");
            };
            let Some((key, done)) = self.steps(ctx).get(step).cloned() else {
                return Reply::none();
            };
            return match self.tick_event(ctx, key, !done) {
                Some(event) => Reply::effect(Effect::Record(ctx.record(&active.id, event))),
                None => Reply::none(),
            };
        }
        if let Some(link) = link_at(&self.rendered, line, col) {
            self.link = self.rendered.links.iter().position(|(l, _)| *l == link);
            return self.follow(ctx);
        }
        Reply::none()
    }
}

/// The link under a position of the laid-out text.
fn link_at(r: &Rendered, line: usize, col: usize) -> Option<usize> {
    let line = r.lines.get(line)?;
    let mut x = 0;
    for span in line.spans() {
        let w = span.width();
        if col >= x && col < x + w {
            return span.link;
        }
        x += w;
    }
    None
}
