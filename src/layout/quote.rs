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
            r.blocks(&crate::document::alert::body(blocks, kind), true);
        },
    );
}
