//! `[[changes]]` in `pack.toml`: a version that rose without an entry saying what changed, an
//! entry naming a document the pack does not have, an entry for a version the pack has not
//! reached, and two entries for one version.

use jiff::civil::Date;

use super::review::key_position_from;
use super::{Diagnostic, PackFiles, codes};
use crate::pack::Pack;

/// Check the `[[changes]]` entries of `pack` against its version and documents. `today` dates
/// the entry the help suggests.
pub fn check(pack: &Pack, files: Option<&PackFiles>, today: Date, out: &mut Vec<Diagnostic>) {
    let file = format!("{}/pack.toml", pack.id);
    let meta = &pack.meta;
    if let Some(version) = meta.version
        && version > 1
        && meta.changes_for(version).next().is_none()
    {
        let (line, column) = files.and_then(version_position).unwrap_or((0, 0));
        out.push(
            Diagnostic::new(
                codes::CHANGES_MISSING,
                &file,
                format!(
                    "version {version} has no [[changes]] entry: staff cannot see what changed"
                ),
            )
            .at(line, column)
            .help(format!(
                "add to pack.toml, one key a line: [[changes]]  version = {version}  \
                 date = {today}  summary = \"What changed, and why\"  \
                 docs = [\"phones-down\"] (the ids of the documents changed; optional)"
            )),
        );
    }
    for (i, entry) in meta.changes.iter().enumerate() {
        let (line, column) = entry.version_at;
        if let Some(version) = meta.version
            && entry.version > version
        {
            out.push(
                Diagnostic::new(
                    codes::CHANGES_AHEAD,
                    &file,
                    format!(
                        "[[changes]] entry for version {} but the pack is version {version}",
                        entry.version
                    ),
                )
                .at(line, column)
                .help(format!(
                    "raise [pack] version to {} when this pack is released, or correct the entry's version",
                    entry.version
                )),
            );
        }
        // the entries are sorted by version, so an earlier one of the same version is the first
        if let Some(first) = meta.changes[..i]
            .iter()
            .find(|e| e.version == entry.version)
        {
            out.push(
                Diagnostic::new(
                    codes::CHANGES_DUPLICATE,
                    &file,
                    format!(
                        "a second [[changes]] entry for version {} (the first is at line {})",
                        entry.version, first.line
                    ),
                )
                .at(line, column)
                .help("write one entry per version: join the summaries, and the docs lists"),
            );
        }
        for (k, id) in entry.docs.iter().enumerate() {
            if pack.doc(id).is_some() {
                continue;
            }
            let (line, column) = entry.docs_at.get(k).copied().unwrap_or((entry.line, 1));
            let help = match crate::pack::toml_read::closest(
                id,
                &pack.docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ) {
                Some(near) => format!(
                    "did you mean `{near}`? docs names files of procedures/ or forms/ without .md"
                ),
                None => "docs names files of procedures/ or forms/ without .md".to_string(),
            };
            out.push(
                Diagnostic::new(
                    codes::CHANGES_DOC,
                    &file,
                    format!(
                        "[[changes]] for version {} names `{id}`, which is not a document of this pack",
                        entry.version
                    ),
                )
                .at(line, column)
                .help(help),
            );
        }
    }
}

/// Line and column of the value of `version =` under `[pack]` (not a `[[changes]]` version).
fn version_position(files: &PackFiles) -> Option<(usize, usize)> {
    let text = files.texts.get("pack.toml")?;
    let header = text
        .split('\n')
        .position(|l| l.trim_start().starts_with("[pack]"))?;
    let (line, column) = key_position_from(files, "pack.toml", "version", header + 2)?;
    // stop at the next table: a `version` further down is some other table's
    let between = text.split('\n').skip(header + 1).take(line - header - 2);
    let left = between
        .map(str::trim_start)
        .any(|l| l.starts_with('[') && !l.starts_with("[]"));
    (!left).then_some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::files::PackFiles;

    fn pack(src: &str) -> (Pack, PackFiles) {
        let mut problems = Vec::new();
        let meta = crate::pack::meta::read("p/pack.toml", src, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let mut files = PackFiles::default();
        files.texts.insert("pack.toml".into(), src.to_string());
        let mut docs = Vec::new();
        for id in ["phones-down", "message-slip"] {
            let path = format!("procedures/{id}.md");
            docs.push(crate::pack::DocEntry::bare(
                id.into(),
                crate::pack::DocKind::Procedure,
                path,
            ));
        }
        let pack = Pack {
            id: "p".into(),
            meta,
            docs,
            contacts: Vec::new(),
            problems: Vec::new(),
            root: None,
        };
        (pack, files)
    }

    fn run(src: &str) -> Vec<Diagnostic> {
        let (pack, files) = pack(src);
        let mut out = Vec::new();
        let today = Date::new(2026, 11, 29).expect("date");
        check(&pack, Some(&files), today, &mut out);
        out
    }

    const HEAD: &str = "[practice]\nname = \"P\"\n[[changes]]\nversion = 1\ndate = 2026-01-01\nsummary = \"First\"\n\
                        [pack]\nversion = 3\nreviewed = 2026-10-01\nnext_review = 2027-04-01\n";

    #[test]
    fn a_version_without_an_entry_points_at_the_pack_version_line() {
        let d = run(HEAD);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, codes::CHANGES_MISSING.id);
        assert_eq!((d[0].line, d[0].column), (8, 11));
        assert_eq!(
            d[0].message,
            "version 3 has no [[changes]] entry: staff cannot see what changed"
        );
        assert!(
            d[0].help.contains("version = 3  date = 2026-11-29"),
            "{}",
            d[0].help
        );
    }

    #[test]
    fn version_one_needs_no_entry() {
        let src = "[practice]\nname = \"P\"\n[pack]\nversion = 1\nreviewed = 2026-10-01\nnext_review = 2027-04-01\n";
        assert_eq!(run(src), Vec::new());
    }

    #[test]
    fn entries_ahead_duplicated_or_naming_no_document_are_reported_at_their_values() {
        let src = format!(
            "{HEAD}[[changes]]\nversion = 3\ndate = 2026-09-14\nsummary = \"Phones\"\n\
             docs = [\"phones-down\", \"phone-down\"]\n\
             [[changes]]\nversion = 3\ndate = 2026-09-15\nsummary = \"Again\"\n\
             [[changes]]\nversion = 4\ndate = 2026-12-01\nsummary = \"Not yet\"\n"
        );
        let d = run(&src);
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            codes,
            [
                (codes::CHANGES_AHEAD.id, 21, 11),
                (codes::CHANGES_DOC.id, 15, 25),
                (codes::CHANGES_DUPLICATE.id, 17, 11),
            ],
            "{d:#?}"
        );
        assert!(
            d[1].help.contains("did you mean `phones-down`?"),
            "{}",
            d[1].help
        );
        assert!(
            d[2].message.contains("the first is at line 11"),
            "{}",
            d[2].message
        );
    }
}
