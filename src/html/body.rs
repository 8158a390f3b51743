//! A [`Document`] as HTML: blocks, inline text, links, and the form conventions (write lines,
//! tick boxes, empty table cells as boxes, alerts). Everything is escaped; raw HTML from the pack
//! is shown as text; only links to pages of the site and `https:`/`mailto:`/`tel:` links are live.

use std::fmt::Write;

use super::Pages;
use super::escape::{attr, text as esc};
use crate::document::{
    Align, Block, Document, Inline, LinkTarget, ListItem, QuoteKind, Table, plain_text,
};

/// The label shown above the first tick list of a procedure.
pub const TICK_NOTE: &str = "Ticks are kept in this browser only, not saved to the stick.";

/// Renders one document. `persist` marks tick boxes whose state the page script keeps.
pub struct Body<'a> {
    pages: &'a Pages<'a>,
    doc: &'a Document,
    doc_id: &'a str,
    persist: bool,
    ticks: usize,
    out: String,
}

impl<'a> Body<'a> {
    pub fn new(pages: &'a Pages<'a>, doc: &'a Document, doc_id: &'a str, persist: bool) -> Self {
        Body {
            pages,
            doc,
            doc_id,
            persist,
            ticks: 0,
            out: String::new(),
        }
    }

    /// The whole document: blocks, footnotes, then any notices from the parser.
    pub fn render(mut self) -> String {
        let doc = self.doc;
        self.blocks(&doc.blocks);
        if !doc.footnotes.is_empty() {
            self.out
                .push_str("<section class=\"footnotes\" aria-label=\"Footnotes\"><ol>");
            for f in &doc.footnotes {
                let _ = write!(self.out, "<li id=\"mp-fn-{0}\" value=\"{0}\">", f.number);
                self.blocks(&f.blocks);
                self.out.push_str("</li>");
            }
            self.out.push_str("</ol></section>");
        }
        for notice in &doc.notices {
            let _ = write!(
                self.out,
                "<p class=\"notice\">manualpack: {}</p>",
                esc(notice)
            );
        }
        self.out
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading {
                level,
                content,
                anchor,
            } => {
                let level = (*level).clamp(1, 6);
                let id = if anchor.is_empty() {
                    String::new()
                } else {
                    format!(" id=\"{}\"", attr(anchor))
                };
                let _ = write!(self.out, "<h{level}{id}>");
                self.inlines(content);
                let _ = write!(self.out, "</h{level}>");
            }
            Block::Paragraph(inlines) => {
                self.out.push_str("<p>");
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            Block::List { start, items } => self.list(*start, items),
            Block::Quote { kind, blocks } => self.quote(*kind, blocks),
            Block::Code { text, .. } => {
                let _ = write!(self.out, "<pre><code>{}</code></pre>", esc(text));
            }
            Block::Table(t) => self.table(t),
            Block::Html(raw) => {
                let _ = write!(
                    self.out,
                    "<pre class=\"raw-html\" title=\"HTML in the pack, shown as text\">{}</pre>",
                    esc(raw)
                );
            }
            Block::Rule => self.out.push_str("<hr>"),
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem]) {
        let tasks = items.iter().any(|i| i.task.is_some());
        if tasks && self.persist && self.ticks == 0 {
            let _ = write!(
                self.out,
                "<p class=\"tick-note\" data-tick-note>{TICK_NOTE} <button type=\"button\" data-clear-ticks>Clear ticks</button></p>"
            );
        }
        let class = if tasks { " class=\"tasks\"" } else { "" };
        match start {
            Some(1) => {
                let _ = write!(self.out, "<ol{class}>");
            }
            Some(n) => {
                let _ = write!(self.out, "<ol{class} start=\"{n}\">");
            }
            None => {
                let _ = write!(self.out, "<ul{class}>");
            }
        }
        for item in items {
            match item.task {
                Some(checked) => self.task_item(checked, &item.blocks),
                None => {
                    self.out.push_str("<li>");
                    self.blocks(&item.blocks);
                    self.out.push_str("</li>");
                }
            }
        }
        self.out
            .push_str(if start.is_some() { "</ol>" } else { "</ul>" });
    }

    /// A task-list item: a real checkbox, labelled by the item's first paragraph.
    fn task_item(&mut self, checked: bool, blocks: &[Block]) {
        let id = self.next_tick();
        self.out.push_str("<li class=\"task\">");
        self.checkbox(&id, checked, None);
        let rest = match blocks.first() {
            Some(Block::Paragraph(inlines)) => {
                let _ = write!(self.out, "<label for=\"{id}\">");
                self.inlines(inlines);
                self.out.push_str("</label>");
                &blocks[1..]
            }
            _ => {
                let _ = write!(self.out, "<label for=\"{id}\" class=\"vh\">tick</label>");
                blocks
            }
        };
        self.blocks(rest);
        self.out.push_str("</li>");
    }

    fn next_tick(&mut self) -> String {
        self.ticks += 1;
        format!("mp-t{}", self.ticks)
    }

    fn checkbox(&mut self, id: &str, checked: bool, label: Option<&str>) {
        let checked = if checked { " checked" } else { "" };
        let store = if self.persist {
            format!(" data-tick=\"{}\"", self.ticks)
        } else {
            String::new()
        };
        let label = label
            .map(|l| format!(" aria-label=\"{}\"", attr(l)))
            .unwrap_or_default();
        let _ = write!(
            self.out,
            "<input type=\"checkbox\" id=\"{id}\"{store}{label}{checked}>"
        );
    }

    fn quote(&mut self, kind: QuoteKind, blocks: &[Block]) {
        match kind.label() {
            None => {
                self.out.push_str("<blockquote>");
                self.blocks(blocks);
                self.out.push_str("</blockquote>");
            }
            Some(label) => {
                let class = format!("{kind:?}").to_lowercase();
                let alarm = if kind.is_alarm() { " alarm" } else { "" };
                let sign = if kind.is_alarm() {
                    "<span aria-hidden=\"true\">&#9888; </span>"
                } else {
                    ""
                };
                let _ = write!(
                    self.out,
                    "<div class=\"alert {class}{alarm}\" role=\"note\"><p class=\"alert-label\">{sign}{label}</p>"
                );
                self.blocks(&crate::document::alert::body(blocks, kind));
                self.out.push_str("</div>");
            }
        }
    }

    fn table(&mut self, t: &Table) {
        self.out
            .push_str("<div class=\"table-wrap\"><table><thead><tr>");
        for (i, cell) in t.header.iter().enumerate() {
            self.cell("th scope=\"col\"", "th", t.align.get(i), cell);
        }
        self.out.push_str("</tr></thead><tbody>");
        for row in &t.rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                self.cell("td", "td", t.align.get(i), cell);
            }
            self.out.push_str("</tr>");
        }
        self.out.push_str("</tbody></table></div>");
    }

    fn cell(&mut self, open: &str, close: &str, align: Option<&Align>, cell: &[Inline]) {
        let mut classes = Vec::new();
        match align {
            Some(Align::Center) => classes.push("al-c"),
            Some(Align::Right) => classes.push("al-r"),
            _ => {}
        }
        let empty =
            plain_text(cell).trim().is_empty() && cell.iter().all(|i| matches!(i, Inline::Text(_)));
        if empty {
            classes.push("box");
        }
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let _ = write!(self.out, "<{open}{class}>");
        if empty {
            self.out.push_str("<span class=\"vh\">blank</span>");
        } else {
            self.inlines(cell);
        }
        let _ = write!(self.out, "</{close}>");
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        let mut i = 0;
        while i < inlines.len() {
            match &inlines[i] {
                Inline::Text(t) if t.link.is_some() => {
                    let link = t.link;
                    let end = inlines[i..]
                        .iter()
                        .position(|x| !matches!(x, Inline::Text(u) if u.link == link))
                        .map_or(inlines.len(), |n| i + n);
                    self.link(link.unwrap_or_default() as usize, &inlines[i..end]);
                    i = end;
                    continue;
                }
                Inline::Text(t) => self.styled(t),
                Inline::Image { alt, .. } => {
                    let _ = write!(
                        self.out,
                        "<span class=\"img-alt\">[image: {}]</span>",
                        esc(alt)
                    );
                }
                Inline::WriteLine { len } => {
                    let em = (*len as f32 * 0.5).clamp(1.5, 36.0);
                    let _ = write!(
                        self.out,
                        "<span class=\"wl\" style=\"width:{em:.1}em\" role=\"img\" aria-label=\"space to write\"></span>"
                    );
                }
                Inline::TickBox { checked } => {
                    let label = tick_label(&inlines[i + 1..]);
                    let id = self.next_tick();
                    self.checkbox(&id, *checked, Some(&label));
                }
                Inline::FootnoteRef { number, .. } => {
                    let _ = write!(
                        self.out,
                        "<sup><a href=\"#mp-fn-{number}\" aria-label=\"footnote {number}\">[{number}]</a></sup>"
                    );
                }
                Inline::SoftBreak => self.out.push('\n'),
                Inline::HardBreak => self.out.push_str("<br>"),
            }
            i += 1;
        }
    }

    fn styled(&mut self, t: &crate::document::Text) {
        let s = &t.style;
        let body = esc(&t.text);
        if s.html {
            let _ = write!(self.out, "<code class=\"raw-html\">{body}</code>");
            return;
        }
        let tags: Vec<&str> = [
            (s.strong, "strong"),
            (s.emphasis, "em"),
            (s.strike, "s"),
            (s.code, "code"),
        ]
        .into_iter()
        .filter_map(|(on, tag)| on.then_some(tag))
        .collect();
        for tag in &tags {
            let _ = write!(self.out, "<{tag}>");
        }
        self.out.push_str(&body);
        for tag in tags.iter().rev() {
            let _ = write!(self.out, "</{tag}>");
        }
    }

    fn link(&mut self, index: usize, run: &[Inline]) {
        let href = self
            .doc
            .links
            .get(index)
            .and_then(|l| if l.image { None } else { self.href(&l.target) });
        let why = match self.doc.links.get(index).map(|l| &l.target) {
            Some(LinkTarget::File(p)) => {
                format!("a file of the pack ({p}); the browser edition does not open files")
            }
            Some(LinkTarget::Refused(reason)) => format!("link not followed: {reason}"),
            _ => "this link leads to nothing in this copy".into(),
        };
        match href {
            Some((href, external)) => {
                let rel = if external {
                    " class=\"ext\" rel=\"noopener noreferrer\""
                } else {
                    ""
                };
                let _ = write!(self.out, "<a href=\"{}\"{rel}>", attr(&href));
                self.inlines_plain(run);
                self.out.push_str("</a>");
            }
            None => {
                let _ = write!(self.out, "<span class=\"nolink\" title=\"{}\">", attr(&why));
                self.inlines_plain(run);
                self.out.push_str("</span>");
            }
        }
    }

    fn inlines_plain(&mut self, run: &[Inline]) {
        for inline in run {
            if let Inline::Text(t) = inline {
                self.styled(t);
            }
        }
    }

    /// The href of a link target and whether it leaves the site; `None` when it must stay text.
    fn href(&self, target: &LinkTarget) -> Option<(String, bool)> {
        match target {
            LinkTarget::Document { id, anchor } => {
                let (file, doc) = self.pages.page(id)?;
                let anchor = anchor.as_deref().filter(|a| doc.doc.has_anchor(a));
                let page = if id == self.doc_id {
                    String::new()
                } else {
                    file.to_string()
                };
                match anchor {
                    Some(a) => Some((format!("{page}#{a}"), false)),
                    None if page.is_empty() => Some(("#mp-main".into(), false)),
                    None => Some((page, false)),
                }
            }
            LinkTarget::Anchor(a) => self.doc.has_anchor(a).then(|| (format!("#{a}"), false)),
            LinkTarget::External(url) => is_safe_external(url).then(|| (url.clone(), true)),
            LinkTarget::File(_) | LinkTarget::Refused(_) => None,
        }
    }
}

/// Only `https:`, `mailto:` and `tel:` URLs without spaces or control characters may be live.
pub fn is_safe_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("mailto:") || lower.starts_with("tel:"))
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`')
        })
}

/// What a tick box in running text is for: the text after it, up to the next box or line break.
fn tick_label(after: &[Inline]) -> String {
    let end = after
        .iter()
        .position(|i| {
            matches!(
                i,
                Inline::TickBox { .. } | Inline::HardBreak | Inline::SoftBreak
            )
        })
        .unwrap_or(after.len());
    let label = plain_text(&after[..end])
        .trim()
        .trim_end_matches(['_', ' ', ':'])
        .trim()
        .to_string();
    if label.is_empty() {
        "tick box".into()
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_three_schemes_are_live() {
        assert!(is_safe_external("https://example.org/a?b=c"));
        assert!(is_safe_external("TEL:01632960000"));
        assert!(!is_safe_external("javascript:alert(1)"));
        assert!(!is_safe_external("http://example.org"));
        assert!(!is_safe_external("https://x\" onmouseover=\"alert(1)"));
        assert!(!is_safe_external("data:text/html,<script>"));
    }

    #[test]
    fn tick_labels_come_from_the_text_after() {
        let t = |s: &str| {
            Inline::Text(crate::document::Text {
                text: s.into(),
                ..Default::default()
            })
        };
        let inl = [t(" Yes "), Inline::TickBox { checked: false }, t(" No")];
        assert_eq!(tick_label(&inl), "Yes");
        assert_eq!(tick_label(&[]), "tick box");
    }
}
