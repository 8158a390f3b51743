//! An alert's text without its label said again: the outputs draw the label ("WARNING") on
//! its own, so a quote that starts "**Warning:** pull the cable" reads "WARNING", then "pull the
//! cable", on screen, on paper and in the browser alike.

use std::borrow::Cow;

use super::{Block, Inline, QuoteKind, Text};

/// The blocks of an alert of `kind` to show under its label.
pub fn body(blocks: &[Block], kind: QuoteKind) -> Cow<'_, [Block]> {
    match kind.label().and_then(|label| without_label(blocks, label)) {
        Some(rest) => Cow::Owned(rest),
        None => Cow::Borrowed(blocks),
    }
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
