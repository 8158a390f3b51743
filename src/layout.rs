//! A [`Document`] laid out for a terminal width: lines of styled spans, with no terminal types.
//! The TUI maps [`Role`]s to colours; `manualpack show` prints the text.
//!
//! One method per block kind; the prefix stack carries quote bars and list markers so wrapped
//! lines keep their hanging indent. Children: `line` holds the laid-out [`Line`]s and their
//! [`Style`]s; [`wrap`] fills inline content into lines;
//! `table` fits tables to the width and says where their header rows are (for a reader to
//! keep them in view); `quote` draws quotes and alerts with their label once. No line is ever
//! wider than the width ([`Options::table_width`] for tables).

mod line;
mod quote;
mod table;
pub mod wrap;

pub use line::{Line, Role, Span, SpanRef, Style};

use unicode_width::UnicodeWidthStr;

use crate::document::{Block, Document, Inline, ListItem};

/// How a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Columns for running text.
    pub width: usize,
    /// Columns a table may spread over when it needs more than `width` (a wide screen's full
    /// width); never taken as less than `width`.
    pub table_width: usize,
    /// Struck text is marked `~~like this~~` in the text itself, for outputs that cannot show a
    /// crossed-out style (plain text, `--plain`, a monochrome screen).
    pub strike_marks: bool,
}

impl Options {
    /// Plain text at one width, as `manualpack show` and `--plain` print it.
    pub fn text(width: usize) -> Options {
        Options {
            width,
            table_width: width,
            strike_marks: true,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::text(80)
    }
}

/// A document laid out for one width.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The text width (`options.width`).
    pub width: usize,
    /// What it was laid out with.
    pub options: Options,
    pub lines: Vec<Line>,
    /// Heading anchor and the line it starts on, in document order.
    pub anchors: Vec<(String, usize)>,
    /// Link index and the first line it appears on, in order of appearance.
    pub links: Vec<(usize, usize)>,
    /// Steps (numbered and task-list items) in document order, with the lines they occupy.
    pub steps: Vec<StepSpot>,
    /// Tables drawn as grids, in document order, with their header lines.
    pub tables: Vec<TableSpot>,
}

/// Where a table drawn as a grid was laid out: its header row lines (with the rule under them),
/// which a reader keeps at the top of its view while the table's rows scroll under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpot {
    /// The header row's lines and the rule under it.
    pub head: std::ops::Range<usize>,
    /// One past the table's last line.
    pub end: usize,
}

/// Where a step (a numbered or task-list item) was laid out. Steps are recorded in the order of
/// [`Document::steps`], which gives their texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSpot {
    /// First line of the step.
    pub line: usize,
    /// One past its last line (nested steps included).
    pub end: usize,
}

impl Rendered {
    pub fn anchor_line(&self, anchor: &str) -> Option<usize> {
        self.anchors
            .iter()
            .find(|(a, _)| a == anchor)
            .map(|(_, l)| *l)
    }

    /// The whole layout as plain text, one line per line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(line.text().trim_end());
            out.push('\n');
        }
        out
    }
}

/// Lay a document out as plain text for `width` columns (see [`Options::text`]).
pub fn layout(doc: &Document, width: usize) -> Rendered {
    layout_with(doc, Options::text(width))
}

/// Lay a document out with these options.
pub fn layout_with(doc: &Document, options: Options) -> Rendered {
    layout_marked(doc, options, &[])
}

/// [`layout_with`], showing the images whose links (indexes into [`Document::links`]) are in
/// `missing` as `[missing image: alt]`.
pub fn layout_marked(doc: &Document, options: Options, missing: &[u32]) -> Rendered {
    let width = options.width.max(1);
    let options = Options {
        width,
        table_width: options.table_width.max(width),
        ..options
    };
    let mut r = Renderer {
        missing: missing.to_vec(),
        width,
        table_width: options.table_width,
        marks: options.strike_marks,
        out: Rendered {
            width,
            options,
            ..Rendered::default()
        },
        prefix: Vec::new(),
    };
    for notice in &doc.notices {
        let style = Style::role(Role::Notice);
        r.inline_block(
            &[Inline::Text(crate::document::Text {
                text: format!("[!] {notice}").into(),
                ..Default::default()
            })],
            style,
        );
    }
    if !doc.notices.is_empty() {
        r.blank();
    }
    r.blocks(&doc.blocks, true);
    if !doc.footnotes.is_empty() {
        r.blank();
        r.rule();
        for note in &doc.footnotes {
            let marker = format!("[{}] ", note.number);
            r.with_prefix(marker, Style::role(Role::Marker), |r| {
                r.blocks(&note.blocks, false)
            });
        }
    }
    while r.out.lines.last().is_some_and(Line::is_empty) {
        r.out.lines.pop();
    }
    // a step whose only line was blank (no room for its marker) ends where the lines end
    let len = r.out.lines.len();
    for spot in &mut r.out.steps {
        spot.end = spot.end.min(len);
        spot.line = spot.line.min(spot.end);
    }
    let mut seen = std::collections::HashSet::new();
    for (n, line) in r.out.lines.iter().enumerate() {
        for span in line.spans() {
            if let Some(link) = span.link
                && seen.insert(link)
            {
                r.out.links.push((link, n));
            }
        }
    }
    r.out
}

/// One level of the prefix stack: shown as `first` on the level's first line, `rest` after.
struct Prefix {
    first: Vec<Span>,
    rest: Vec<Span>,
    used: bool,
}

struct Renderer {
    /// Images whose files are not in the pack.
    missing: Vec<u32>,
    width: usize,
    table_width: usize,
    /// [`Options::strike_marks`].
    marks: bool,
    out: Rendered,
    prefix: Vec<Prefix>,
}

impl Renderer {
    fn blank(&mut self) {
        if self.out.lines.last().is_some_and(|l| !l.is_empty()) {
            self.out.lines.push(Line::default());
        }
    }

    /// The prefix for the next line, fitted so at least some room is left for content.
    fn take_prefix(&mut self) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        for level in &mut self.prefix {
            let part = if level.used {
                &level.rest
            } else {
                &level.first
            };
            spans.extend(part.iter().cloned());
            level.used = true;
        }
        let max = self.max_prefix();
        wrap::fit_from_right(spans, max)
    }

    /// Widest prefix allowed: deep nesting stops indenting once half the width is used.
    fn max_prefix(&self) -> usize {
        if self.width >= 20 {
            self.width / 2
        } else {
            self.width.saturating_sub(4)
        }
    }

    fn prefix_width(&self) -> usize {
        let w: usize = self
            .prefix
            .iter()
            .map(|p| if p.used { &p.rest } else { &p.first })
            .flat_map(|s| s.iter().map(Span::width))
            .sum();
        w.min(self.max_prefix())
    }

    fn push_line(&mut self, mut spans: Vec<Span>) {
        let mut line = self.take_prefix();
        line.append(&mut spans);
        self.out.lines.push(Line::from_spans(&line));
    }

    fn with_prefix(&mut self, first: String, style: Style, f: impl FnOnce(&mut Self)) {
        let rest = " ".repeat(first.width());
        self.with_prefixes(
            vec![Span::new(first, style)],
            vec![Span::new(rest, style)],
            f,
        );
    }

    fn with_prefixes(&mut self, first: Vec<Span>, rest: Vec<Span>, f: impl FnOnce(&mut Self)) {
        self.prefix.push(Prefix {
            first,
            rest,
            used: false,
        });
        f(self);
        self.prefix.pop();
    }

    fn blocks(&mut self, blocks: &[Block], spaced: bool) {
        for (i, block) in blocks.iter().enumerate() {
            if spaced && i > 0 {
                self.blank();
            }
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                content,
                anchor,
            } => self.heading(*level, content, anchor),
            Block::Paragraph(inlines) => self.inline_block(inlines, Style::default()),
            Block::List { start, items } => self.list(*start, items),
            Block::Quote { kind, blocks } => quote::quote(self, *kind, blocks),
            Block::Code { text, .. } => self.code(text),
            Block::Table(t) => table::table(self, t),
            Block::Html(text) => self.code_like(text, Style::role(Role::Html)),
            Block::Rule => self.rule(),
        }
    }

    fn inline_block(&mut self, inlines: &[Inline], base: Style) {
        let avail = self.width.saturating_sub(self.prefix_width()).max(1);
        for line in wrap::wrap_marked(inlines, base, avail, self.marks, &self.missing) {
            self.push_line(line);
        }
    }

    fn heading(&mut self, level: u8, content: &[Inline], anchor: &str) {
        let line = self.out.lines.len();
        self.out.anchors.push((anchor.to_string(), line));
        let style = Style {
            role: Role::Heading(level),
            strong: true,
            ..Style::default()
        };
        let before = self.out.lines.len();
        self.inline_block(content, style);
        let underline = match level {
            1 => Some('='),
            2 => Some('-'),
            _ => None,
        };
        if let Some(c) = underline {
            let w = self.out.lines[before..]
                .iter()
                .map(Line::width)
                .max()
                .unwrap_or(0);
            let w = w.saturating_sub(self.prefix_width()).max(1);
            self.push_line(vec![Span::new(
                c.to_string().repeat(w),
                Style::role(Role::Border),
            )]);
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem]) {
        let depth = self.prefix.len();
        let bullet = ["-", "*", "+"][depth % 3];
        let last = start.map(|s| s.saturating_add(items.len().saturating_sub(1) as u64));
        let num_width = last.map_or(0, |l| l.to_string().len());
        for (i, item) in items.iter().enumerate() {
            let marker = match (item.task, start) {
                (Some(true), _) => "[x] ".to_string(),
                (Some(false), _) => "[ ] ".to_string(),
                (None, Some(s)) => {
                    format!("{:>num_width$}. ", s.saturating_add(i as u64))
                }
                (None, None) => format!("{bullet} "),
            };
            let role = if item.task.is_some() {
                Role::TickBox
            } else {
                Role::Marker
            };
            let style = Style {
                role,
                strong: start.is_some(),
                ..Style::default()
            };
            let step = (start.is_some() || item.task.is_some()).then(|| {
                let line = self.out.lines.len();
                self.out.steps.push(StepSpot { line, end: line });
                self.out.steps.len() - 1
            });
            self.with_prefix(marker, style, |r| {
                r.blocks(&item.blocks, false);
                if item.blocks.is_empty() {
                    r.push_line(Vec::new());
                }
            });
            if let Some(i) = step {
                self.out.steps[i].end = self.out.lines.len();
            }
        }
    }

    fn code(&mut self, text: &str) {
        self.with_prefix("    ".into(), Style::role(Role::Code), |r| {
            r.code_like(text, Style::role(Role::Code))
        });
    }

    /// Text shown line by line as written, broken (not wrapped at words) at the width.
    fn code_like(&mut self, text: &str, style: Style) {
        let avail = self.width.saturating_sub(self.prefix_width()).max(1);
        for source_line in text.split('\n') {
            for piece in wrap::break_at_width(source_line, avail) {
                self.push_line(vec![Span::new(piece, style)]);
            }
        }
    }

    fn rule(&mut self) {
        let w = self.width.saturating_sub(self.prefix_width()).max(1);
        self.push_line(vec![Span::new("-".repeat(w), Style::role(Role::Border))]);
    }
}

#[cfg(test)]
mod tests;

/// Wrap plain text to `width` as strings (for messages drawn outside documents), with the same
/// rules as documents (phone numbers kept whole).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let inlines = [Inline::Text(crate::document::Text {
        text: text.into(),
        ..Default::default()
    })];
    wrap::wrap(&inlines, Style::default(), width, false)
        .into_iter()
        .map(|spans| spans.into_iter().map(|s| s.text).collect())
        .collect()
}
