//! Quotes and alerts. A plain quote has a `| ` bar; an alert (a GFM `[!WARNING]`, or a quote that
//! starts with a bold "Warning:") has a `! ` bar and its label on a line of its own, then its
//! text. When the text itself starts by saying the label ("**Warning:** pull the cable"), that
//! word is not said a second time: the reader sees "WARNING", then "pull the cable".

use super::{Renderer, Role, Span, Style};
use crate::document::{Block, Inline, QuoteKind, Text};

pub(super) fn quote(r: &mut Renderer, kind: QuoteKind, blocks: &[Block]) {
    let (bar, style) = if kind == QuoteKind::Plain {
        ("| ", Style::role(Role::Quote))
    } else {
        (
            "! ",
            Style {
                role: Role::Alert(kind),
                strong: kind.is_alarm(),
                ..Style::default()
            },
        )
    };
    r.with_prefixes(
        vec![Span::new(bar, style)],
        vec![Span::new(bar, style)],
        |r| {
            let Some(label) = kind.label() else {
                r.blocks(blocks, true);
                return;
            };
            let line = Inline::Text(Text {
                text: label.into(),
                ..Default::default()
            });
            r.inline_block(
                &[line],
                Style {
                    strong: true,
                    ..style
                },
            );
            match without_label(blocks, label) {
                Some(rest) => r.blocks(&rest, true),
                None => r.blocks(blocks, true),
            }
        },
    );
}

/// The blocks with the label said again at the start of the first paragraph taken off; None
/// when the first paragraph does not start with it.
fn without_label(blocks: &[Block], label: &str) -> Option<Vec<Block>> {
    let Some(Block::Paragraph(inlines)) = blocks.first() else {
        return None;
    };
    let rest = strip_label(inlines, label)?;
    let mut out = Vec::with_capacity(blocks.len());
    if !rest.is_empty() {
        out.push(Block::Paragraph(rest));
    }
    out.extend(blocks.iter().skip(1).cloned());
    Some(out)
}

/// The inlines without a leading label: "Warning:" in any case (bold or not), or a bold
/// "Warning" alone, whose colon may follow outside the bold ("**Warning**: ..."). Words that
/// only start like the label ("Warnings", "Note that") are kept.
fn strip_label(inlines: &[Inline], label: &str) -> Option<Vec<Inline>> {
    let Some(Inline::Text(first)) = inlines.first() else {
        return None;
    };
    let text = first.text.trim_start();
    if !text.get(..label.len())?.eq_ignore_ascii_case(label) {
        return None;
    }
    let after = text.get(label.len()..)?;
    let (after, colon_said) = match after.strip_prefix(':') {
        Some(a) => (a, true),
        None if after.trim().is_empty() && first.style.strong => (after, false),
        None => return None,
    };
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    let after = after.trim_start();
    if !after.is_empty() {
        out.push(Inline::Text(Text {
            text: after.into(),
            ..first.clone()
        }));
    }
    out.extend(inlines.iter().skip(1).cloned());
    trim_start(&mut out, !colon_said);
    Some(out)
}

/// Take off leading breaks and spaces (and the label's colon, when it follows the label).
fn trim_start(inlines: &mut Vec<Inline>, mut colon: bool) {
    loop {
        match inlines.first_mut() {
            Some(Inline::SoftBreak | Inline::HardBreak) => {
                inlines.remove(0);
            }
            Some(Inline::Text(t)) => {
                let mut rest = t.text.trim_start();
                if colon && let Some(r) = rest.strip_prefix(':') {
                    rest = r.trim_start();
                    colon = false;
                }
                if rest.is_empty() {
                    inlines.remove(0);
                    continue;
                }
                if rest.len() != t.text.len() {
                    t.text = rest.into();
                }
                return;
            }
            _ => return,
        }
    }
}
