//! The browser edition: a static, offline, inert web site made from the document model, for PCs
//! that will not run programs from a stick but will open a web page.
//!
//! One folder per pack (the output folder itself when there is one pack, else a sub-folder per
//! pack under a list of packs): `index.html` (practice, review dates, "What isn't working?",
//! procedures, forms), one page per document, `contacts.html`, and `changes.html` (what changed in
//! this version) when the pack has `[[changes]]`. Every page carries its own CSS, script and
//! search index, so nothing is ever fetched (the CSP forbids it) and pages work from `file://`.
//! Children: [`escape`] (the only way text reaches a page), [`body`] (a document as HTML),
//! [`pages`] (each page's content), [`changes`] (the changes page), [`page`] (the shell around
//! it), [`search`] (the index: the one `manualpack search` builds, which the page's `search.js`
//! searches by the same rules).

mod body;
mod changes;
mod escape;
pub mod image;
mod page;
mod pages;
mod search;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::pack::{DocEntry, DocKind, Pack, PackSet};
use crate::sanitize::clean_line;
use crate::search::Synonyms;

pub use body::{TICK_NOTE, is_safe_external};
pub use page::CSP;

/// The file that marks a folder as made by `manualpack html`, so it may be written again.
pub const MARKER: &str = ".manualpack-html";

/// Largest search index copied into every page; a bigger one is kept on the pack's front page
/// only, and the other pages' search box opens the front page with the query.
pub const EMBED_LIMIT: usize = 256 * 1024;

/// Page names that documents may not take.
const RESERVED: &[&str] = &["index", "contacts", "changes"];

/// One file of the site: path relative to the output folder (`/`-separated) and its text.
#[derive(Debug, Clone)]
pub struct SiteFile {
    pub path: String,
    pub text: String,
}

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    #[error(
        "{0}: is inside a pack folder (it holds pack.toml); choose an output folder outside the pack, e.g. -o manualpack-html"
    )]
    InsidePack(String),
    #[error(
        "{0}: is the folder the packs are read from, or inside it; choose an output folder elsewhere"
    )]
    InsideSource(String),
    #[error(
        "{0}: is not empty and was not made by `manualpack html`; choose a new or empty folder"
    )]
    NotEmpty(String),
    #[error("{0}: exists and is not a folder; choose another output path")]
    NotADir(String),
    #[error("{path}: cannot write: {source}; check the folder exists and is writable")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The page file of each document of a pack, and the document itself.
pub struct Pages<'a> {
    by_id: HashMap<&'a str, (String, &'a DocEntry)>,
    /// The pack's folder, for the images documents show.
    pub root: Option<&'a std::path::Path>,
    /// What comparing with the previous version found, for the changes page (see
    /// [`crate::changes::previous_of`]: a pack read from a stick that keeps its previous
    /// version); empty otherwise.
    pub computed: Vec<String>,
}

impl<'a> Pages<'a> {
    /// Give every document a unique, plain file name (`phones-down.html`).
    pub fn new(pack: &'a Pack) -> Self {
        Self::since(pack, crate::changes::previous_of(pack).as_ref())
    }

    /// [`Pages::new`], the changes page listing what changed since `old` (an earlier version).
    pub fn since(pack: &'a Pack, old: Option<&crate::changes::PackSnapshot>) -> Self {
        let mut used: HashSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
        let mut by_id = HashMap::new();
        for d in &pack.docs {
            if by_id.contains_key(d.id.as_str()) {
                continue;
            }
            let base = escape::slug(&d.id);
            let mut name = base.clone();
            let mut n = 2;
            while used.contains(&name) {
                name = format!("{base}-{n}");
                n += 1;
            }
            used.insert(name.clone());
            by_id.insert(d.id.as_str(), (format!("{name}.html"), d));
        }
        let computed = crate::changes::since(pack, old)
            .map(|c| crate::changes::text::short_lines(&c))
            .unwrap_or_default();
        Pages {
            by_id,
            root: pack.root.as_deref(),
            computed,
        }
    }

    /// The page file and entry of a document id.
    pub fn page(&self, id: &str) -> Option<(&str, &'a DocEntry)> {
        self.by_id.get(id).map(|(f, d)| (f.as_str(), *d))
    }
}

/// Every file of the site for `set`, in memory. A pack read from a stick that keeps its
/// previous version (`previous/<id>.json`) has what changed since on its changes page.
pub fn render(set: &PackSet) -> Vec<SiteFile> {
    render_since(set, &crate::changes::previous_of)
}

/// [`render`], with the earlier version of each pack to compare with given by `previous`.
pub fn render_since(
    set: &PackSet,
    previous: &dyn Fn(&Pack) -> Option<crate::changes::PackSnapshot>,
) -> Vec<SiteFile> {
    let multi = set.packs.len() > 1;
    let mut files = Vec::new();
    let mut folders: Vec<(String, &Pack)> = Vec::new();
    let mut used = HashSet::new();
    let synonyms = crate::search::pooled_synonyms(set);
    for (p, pack) in set.packs.iter().enumerate() {
        let prefix = if multi {
            let base = escape::slug(&pack.id);
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            folders.push((name.clone(), pack));
            format!("{name}/")
        } else {
            String::new()
        };
        let old = previous(pack);
        render_pack(set, p, &synonyms, &prefix, old.as_ref(), &mut files);
    }
    if multi {
        let main = pages::top(&folders);
        let top = page::Page {
            kind: page::Kind::Top,
            title: "Manual packs",
            pack: None,
            up: false,
            main,
            store: None,
            search: None,
        };
        files.push(SiteFile {
            path: "index.html".into(),
            text: top.render(),
        });
    }
    files
}

fn render_pack(
    set: &PackSet,
    p: usize,
    synonyms: &Synonyms,
    prefix: &str,
    old: Option<&crate::changes::PackSnapshot>,
    files: &mut Vec<SiteFile>,
) {
    let Some(pack) = set.packs.get(p) else {
        return;
    };
    let up = set.packs.len() > 1;
    let pages = Pages::since(pack, old);
    let search = search::index_json(set, p, &pages, synonyms);
    let shell = |kind, title: &str, main, store| {
        let everywhere = kind == page::Kind::Index || search.len() <= EMBED_LIMIT;
        page::Page {
            kind,
            title,
            pack: Some(pack),
            up,
            main,
            store,
            search: everywhere.then_some(search.as_str()),
        }
        .render()
    };
    let title = format!("{}: what isn't working?", pack.meta.practice.name);
    files.push(SiteFile {
        path: format!("{prefix}index.html"),
        text: shell(page::Kind::Index, &title, pages::index(pack, &pages), None),
    });
    files.push(SiteFile {
        path: format!("{prefix}contacts.html"),
        text: shell(
            page::Kind::Contacts,
            "Contacts",
            pages::contacts(pack),
            None,
        ),
    });
    if let (Some(main), Some(v)) = (
        changes::page(pack, &pages),
        crate::pdf::changes::page_version_with(pack, &pages.computed),
    ) {
        files.push(SiteFile {
            path: format!("{prefix}{}", changes::FILE),
            text: shell(page::Kind::Changes, &changes::title(v), main, None),
        });
    }
    for d in &pack.docs {
        let Some((file, entry)) = pages.page(&d.id) else {
            continue;
        };
        if !std::ptr::eq(entry, d) {
            continue;
        }
        let kind = match d.kind {
            DocKind::Procedure => page::Kind::Procedure,
            DocKind::Form => page::Kind::Form(d.orientation),
        };
        let version = pack.meta.version.map(|v| v.to_string()).unwrap_or_default();
        let store = (d.kind == DocKind::Procedure)
            .then(|| format!("manualpack|{}|{version}|{}", pack.id, d.id));
        files.push(SiteFile {
            path: format!("{prefix}{file}"),
            text: shell(kind, &d.title, pages::document(&pages, d), store),
        });
    }
}

/// Render `set` and write it under `out`; `source` is the folder the packs were read from, if
/// any. Returns the number of files written.
pub fn write(set: &PackSet, out: &Path, source: Option<&Path>) -> Result<usize, HtmlError> {
    check_output(out, source)?;
    let files = render(set);
    let io = |path: &Path| {
        let shown = clean_line(&path.display().to_string());
        move |source| HtmlError::Io {
            path: shown,
            source,
        }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    for f in &files {
        let path = f
            .path
            .split('/')
            .fold(out.to_path_buf(), |p, part| p.join(part));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let tmp = path.with_extension("html.tmp");
        std::fs::write(&tmp, &f.text).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
    }
    let marker = out.join(MARKER);
    remove_stale(out, &marker, &files);
    let mut list =
        String::from("Made by manualpack html; this folder may be overwritten by it. Files:\n");
    for f in &files {
        list.push_str(&f.path);
        list.push('\n');
    }
    std::fs::write(&marker, list).map_err(io(&marker))?;
    Ok(files.len())
}

/// Delete pages an earlier run wrote (listed in its marker) that this run did not write, e.g. a
/// document removed from the pack. Only plain `name.html` or `folder/name.html` paths are touched.
fn remove_stale(out: &Path, marker: &Path, files: &[SiteFile]) {
    let Ok(old) = std::fs::read_to_string(marker) else {
        return;
    };
    let plain = |p: &str| {
        p.ends_with(".html")
            && p.split('/').count() <= 2
            && p.split('/').all(|part| {
                !part.is_empty()
                    && !part.starts_with('.')
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            })
    };
    for line in old.lines().skip(1) {
        if plain(line) && !files.iter().any(|f| f.path == line) {
            let _ = std::fs::remove_file(line.split('/').fold(out.to_path_buf(), |p, s| p.join(s)));
        }
    }
}

/// Refuse to write into a pack, into the folder the packs come from, or over other files.
fn check_output(out: &Path, source: Option<&Path>) -> Result<(), HtmlError> {
    let shown = || clean_line(&out.display().to_string());
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let resolved = resolve_existing(&absolute);
    if resolved.ancestors().any(|a| a.join("pack.toml").is_file()) {
        return Err(HtmlError::InsidePack(shown()));
    }
    if source
        .and_then(|s| s.canonicalize().ok())
        .is_some_and(|src| resolved.starts_with(&src))
    {
        return Err(HtmlError::InsideSource(shown()));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(HtmlError::NotADir(shown()));
        }
        let empty = std::fs::read_dir(out)
            .map_err(|source| HtmlError::Io {
                path: shown(),
                source,
            })?
            .next()
            .is_none();
        if !empty && !out.join(MARKER).is_file() {
            return Err(HtmlError::NotEmpty(shown()));
        }
    }
    Ok(())
}

/// `path` with its longest existing ancestor canonicalised (symlinks and `..` resolved).
fn resolve_existing(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut cur = path;
    loop {
        if let Ok(c) = cur.canonicalize() {
            return rest.iter().rev().fold(c, |p: PathBuf, part| p.join(part));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}
