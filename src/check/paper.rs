//! What will not come out right on paper: forms that cannot print as they declare (`sheets = N`
//! they cannot fit even with their rows to write in at the least height, or `per_sheet = N`
//! copies that do not fit their part of a sheet), and pictures of the pack that will not print
//! (not PNG or JPEG, damaged, too large).

use super::{Diagnostic, PackFiles, codes};
use crate::pack::{DocKind, Pack};
use crate::pdf::fonts::Fonts;
use crate::pdf::image::{Failure, Images};
use crate::pdf::sheets;

pub fn check(
    pack: &Pack,
    facts: &[super::DocFacts],
    files: Option<&PackFiles>,
    out: &mut Vec<Diagnostic>,
) {
    let images = Images::of(pack);
    pictures(pack, facts, &images, out);
    forms(pack, &images, files, out);
}

/// Pictures that are files of the pack but will not print (a missing one is MP022).
fn pictures(pack: &Pack, facts: &[super::DocFacts], images: &Images, out: &mut Vec<Diagnostic>) {
    for (entry, facts) in pack.docs.iter().zip(facts) {
        for link in facts.links.iter().filter(|l| l.image) {
            let crate::document::LinkTarget::File(path) = &link.target else {
                continue;
            };
            match images.get(path) {
                Ok(_) | Err(Failure::File(_)) | Err(Failure::Budget) => {}
                Err(why) => out.push(
                    Diagnostic::new(
                        codes::PICTURE_UNPRINTABLE,
                        &format!("{}/{}", pack.id, entry.path),
                        format!("the picture `{path}` will not print: {why}"),
                    )
                    .at(link.line, 0)
                    .help("save it as a PNG or JPEG of at most 8 MiB and 4096 x 4096 pixels"),
                ),
            }
        }
    }
}

fn forms(pack: &Pack, images: &Images, files: Option<&PackFiles>, out: &mut Vec<Diagnostic>) {
    let declaring = pack
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::Form && (d.sheets.is_some() || d.per_sheet > 1));
    let mut fonts = None;
    for entry in declaring {
        let fonts = match &fonts {
            Some(f) => f,
            // the fonts are built in: they cannot be missing from a working program
            None => match Fonts::load() {
                Ok(f) => fonts.insert(f),
                Err(_) => return,
            },
        };
        let Some(over) = sheets::report(fonts, images, entry) else {
            continue;
        };
        let key = if entry.per_sheet > 1 {
            "per_sheet"
        } else {
            "sheets"
        };
        let line = files
            .and_then(|f| f.texts.get(&entry.path))
            .and_then(|text| key_line(text, key))
            .unwrap_or(0);
        let shown = format!("{}/{}", pack.id, entry.path);
        out.push(
            Diagnostic::new(
                codes::FORM_OVERFLOW,
                &shown,
                format!(
                    "the form declares {} but needs {:.0} mm more, even with its rows to write in at their least height",
                    over.declared, over.millimetres.ceil()
                ),
            )
            .at(line, usize::from(line > 0))
            .help(format!(
                "shorten the form by about {:.0} mm (fewer rows, shorter text), or declare more room",
                over.millimetres.ceil()
            )),
        );
    }
}

/// The line of `key = ` in the front matter.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "+++")
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(i, _)| i + 1)
}
