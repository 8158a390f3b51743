//! The laid-out text: [`Line`]s of styled runs, held compactly, and the [`Style`] and [`Role`]
//! of each run. No terminal types: the TUI maps roles to colours.

use super::wrap;
use crate::document::QuoteKind;

/// What a span is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Text,
    Heading(u8),
    Code,
    Link,
    /// List bullets and step numbers.
    Marker,
    /// Table borders, rules, quote bars.
    Border,
    Quote,
    /// A warning, caution or other alert (the kind says which).
    Alert(QuoteKind),
    /// Raw HTML shown as text.
    Html,
    WriteLine,
    TickBox,
    Image,
    /// Something the renderer had to limit.
    Notice,
}

/// Style of a span: its role plus inline emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub role: Role,
    pub strong: bool,
    pub emphasis: bool,
    pub strike: bool,
}

impl Style {
    pub fn role(role: Role) -> Self {
        Style {
            role,
            ..Style::default()
        }
    }
}

/// A run of text with one style; `link` indexes [`crate::document::Document::links`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<usize>,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Span {
            text: text.into(),
            style,
            link: None,
        }
    }

    pub fn width(&self) -> usize {
        wrap::width(&self.text)
    }
}

/// One laid-out line: its text in one string, and the runs of one style that cut it. Held
/// compactly (a 10 MB document has hundreds of thousands of lines); read it through
/// [`Line::spans`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    text: Box<str>,
    runs: Box<[Run]>,
}

/// Where a run of one style ends in its line's text, and its style and link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    end: u32,
    style: Style,
    link: Option<u32>,
}

/// A run of a [`Line`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanRef<'a> {
    pub text: &'a str,
    pub style: Style,
    pub link: Option<usize>,
}

impl SpanRef<'_> {
    pub fn width(&self) -> usize {
        wrap::width(self.text)
    }
}

impl Line {
    /// A line of these spans, in order (adjacent spans of one style and link are joined).
    pub fn from_spans(spans: &[Span]) -> Line {
        let len: usize = spans.iter().map(|s| s.text.len()).sum();
        let mut text = String::with_capacity(len);
        let mut runs: Vec<Run> = Vec::with_capacity(spans.len());
        for s in spans.iter().filter(|s| !s.text.is_empty()) {
            text.push_str(&s.text);
            let link = s.link.and_then(|l| u32::try_from(l).ok());
            let end = u32::try_from(text.len()).unwrap_or(u32::MAX);
            match runs.last_mut() {
                Some(last) if last.style == s.style && last.link == link => last.end = end,
                _ => runs.push(Run {
                    end,
                    style: s.style,
                    link,
                }),
            }
        }
        Line {
            text: text.into_boxed_str(),
            runs: runs.into_boxed_slice(),
        }
    }

    /// The runs of the line, in order.
    pub fn spans(&self) -> impl Iterator<Item = SpanRef<'_>> {
        let mut start = 0;
        self.runs.iter().map(move |r| {
            let end = (r.end as usize).min(self.text.len());
            let text = self.text.get(start..end).unwrap_or("");
            start = end;
            SpanRef {
                text,
                style: r.style,
                link: r.link.map(|l| l as usize),
            }
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn width(&self) -> usize {
        wrap::width(&self.text)
    }
}
