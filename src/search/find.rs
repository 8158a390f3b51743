//! Finding a ready-made search index before building one: on a stick, `index/<pack>.mpidx`
//! beside `packs/` when its SHA-256 is the one the stick's manifest lists; elsewhere, the per-user
//! cache keyed by the content's hash ([`stored::content_key`]). An index is built only for packs
//! with neither, and a built one is saved to the cache for next time (when the cache folder can
//! be written; failing that is not an error).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::stored::{self, EXTENSION};
use super::{HitKind, Index, IndexSource, SearchIndex, SearchScope};
use crate::pack::documents::read_shared;
use crate::pack::{DocEntry, DocKind, Limits, PackSet, source};
use crate::stick::MANIFEST;
use crate::stick::manifest::Manifest;

/// Where ready-made indexes may be: the stick the packs were opened from, and the cache.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// The stick's content folder (holding `manifest.json`, `packs/` and `index/`).
    pub stick: Option<PathBuf>,
    /// The per-user cache folder (indexes go in its `index/`).
    pub cache: Option<PathBuf>,
}

impl Places {
    /// The places for packs opened from `path` (a pack folder or a packs root).
    pub fn for_path(path: Option<&Path>, cache: Option<&Path>) -> Places {
        let stick = path.and_then(stick_content);
        Places {
            stick,
            cache: cache.map(|c| c.join("index")),
        }
    }
}

/// The stick content folder that `path` (its `packs/` or one pack inside) belongs to.
fn stick_content(path: &Path) -> Option<PathBuf> {
    let root = if path.join("pack.toml").is_file() {
        path.parent()?
    } else {
        path
    };
    let content = root.parent()?;
    (root.file_name()? == "packs" && content.join(MANIFEST).is_file()).then(|| content.into())
}

/// The search index of `set`: each pack's part from the stick, else the cache, else built (and
/// then cached). The source is the least ready-made of the parts'.
pub fn find_or_build(set: &PackSet, places: &Places) -> (SearchIndex, IndexSource) {
    let manifest = places.stick.as_ref().and_then(|c| {
        let bytes = std::fs::read(c.join(MANIFEST)).ok()?;
        Manifest::from_bytes(&bytes).ok()
    });
    let mut source = IndexSource::Stick;
    let mut parts = Vec::with_capacity(set.packs.len());
    for p in 0..set.packs.len() {
        let (part, from) = find_part(set, p, places, manifest.as_ref());
        source = weaker(source, from);
        parts.push(part);
    }
    (SearchIndex::from_parts(set, parts), source)
}

fn weaker(a: IndexSource, b: IndexSource) -> IndexSource {
    use IndexSource::*;
    match (a, b) {
        (Built, _) | (_, Built) => Built,
        (Cache, _) | (_, Cache) => Cache,
        _ => Stick,
    }
}

fn find_part(
    set: &PackSet,
    p: usize,
    places: &Places,
    manifest: Option<&Manifest>,
) -> (Index, IndexSource) {
    let pack = &set.packs[p];
    if let (Some(content), Some(manifest)) = (&places.stick, manifest) {
        let rel = stick_path(&pack.id);
        let listed = manifest.files.iter().find(|f| f.path == rel);
        if let Some(entry) = listed
            && let Ok(bytes) = std::fs::read(content.join(&rel))
            && crate::stick::hex(&Sha256::digest(&bytes)) == entry.sha256
            && let Ok(part) = stored::from_bytes(&bytes, p, pack, None)
        {
            return (part, IndexSource::Stick);
        }
    }
    let key = stored::content_key(pack);
    let cached = places.cache.as_ref().map(|dir| dir.join(cache_name(&key)));
    if let Some(file) = &cached
        && let Ok(bytes) = std::fs::read(file)
        && let Ok(part) = stored::from_bytes(&bytes, p, pack, Some(&key))
    {
        return (part, IndexSource::Cache);
    }
    let part = SearchIndex::build_part(set, p, true);
    if let Some(file) = cached {
        save(&file, &stored::to_bytes(&part, pack, &key));
    }
    (part, IndexSource::Built)
}

/// `manualpack search` on a stick without reading every document: each pack's `pack.toml` and
/// `contacts.toml`, its index from the stick (its hash the manifest's), and then only the
/// documents that are hits. The documents the index names stand in for the pack's until then.
/// `None` when this cannot be done (not a stick, an index missing, changed or naming something
/// that is not a document); the caller then opens the packs as usual. Returns the set (with the
/// hit documents read), the parsed query and the results.
pub fn search_on_stick(
    path: &Path,
    places: &Places,
    text: &str,
    limit: usize,
) -> Option<(PackSet, super::Query, super::Results)> {
    let content = places.stick.as_ref()?;
    let manifest = Manifest::from_bytes(&std::fs::read(content.join(MANIFEST)).ok()?).ok()?;
    let limits = Limits::default();
    let mut set = PackSet::open_heads_with(path, &limits, true);
    if set.packs.is_empty() {
        return None;
    }
    let mut parts = Vec::with_capacity(set.packs.len());
    for p in 0..set.packs.len() {
        let rel = stick_path(&set.packs[p].id);
        let listed = manifest.files.iter().find(|f| f.path == rel)?;
        let bytes = std::fs::read(content.join(&rel)).ok()?;
        if crate::stick::hex(&Sha256::digest(&bytes)) != listed.sha256 {
            return None;
        }
        let docs = stored::documents(&bytes)?;
        set.packs[p].docs = docs
            .into_iter()
            .map(|(kind, path)| stand_in(kind, path))
            .collect::<Option<_>>()?;
        parts.push(stored::from_bytes(&bytes, p, &set.packs[p], None).ok()?);
    }
    let index = SearchIndex::from_parts(&set, parts);
    let query = index.parse(text);
    let (ranked, total) = index.rank(&query, SearchScope::All, limit);
    for (owner, _) in &ranked {
        if owner.kind == HitKind::Contact {
            continue;
        }
        let pack = set.packs.get_mut(owner.pack as usize)?;
        let dir = crate::check::pack_dir(path, &pack.id)?;
        let slot = pack.docs.get_mut(owner.item as usize)?;
        let mut problems = Vec::new();
        let file = source::read_doc(&dir, &pack.id, &slot.path, &limits, &mut problems)?;
        let shown = format!("{}/{}", pack.id, slot.path);
        let entry = read_shared(&shown, &slot.path, Arc::from(file.text), &mut problems)?;
        *slot = entry;
    }
    let hits = ranked
        .into_iter()
        .filter_map(|(owner, score)| super::hits::make_hit(&set, owner, score, &query))
        .collect();
    Some((set, query, super::Results { hits, total }))
}

/// A document known only by the path an index names, until it is read; `None` for a path that
/// is not a plain file name in `procedures/` or `forms/` (the index is then not used).
fn stand_in(kind: DocKind, path: String) -> Option<DocEntry> {
    let (folder, file) = path.split_once('/')?;
    let plain = !file.is_empty()
        && !file.starts_with('.')
        && !file.contains(['/', '\\', ':'])
        && file.ends_with(".md");
    let folder_kind = match folder {
        "procedures" => DocKind::Procedure,
        "forms" => DocKind::Form,
        _ => return None,
    };
    if !plain || folder_kind != kind || crate::sanitize::clean_line(&path) != path {
        return None;
    }
    let id = file.strip_suffix(".md")?.to_string();
    Some(DocEntry::bare(id, kind, path))
}

/// Where `stick build` puts a pack's index, relative to the content folder.
pub fn stick_path(pack_id: &str) -> String {
    format!("index/{pack_id}.{EXTENSION}")
}

/// A cached index's file name: its content key.
fn cache_name(key: &[u8; 32]) -> String {
    format!("{}.{EXTENSION}", crate::stick::hex(key))
}

/// Write a cache file whole or not at all (a temporary file renamed over it).
fn save(file: &Path, bytes: &[u8]) {
    let Some(dir) = file.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = file.with_extension(format!("{EXTENSION}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_then_read_from_the_cache_and_rebuilt_when_the_content_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let set = crate::discover::built_in();
        let places = Places {
            stick: None,
            cache: Some(dir.path().join("index")),
        };
        let (first, from) = find_or_build(&set, &places);
        assert_eq!(from, IndexSource::Built);
        let (second, from) = find_or_build(&set, &places);
        assert_eq!(from, IndexSource::Cache);
        let q = first.parse("ransom");
        assert_eq!(
            first.search(&set, &q, super::super::SearchScope::All, 10),
            second.search(&set, &q, super::super::SearchScope::All, 10)
        );
        let mut changed = set.clone();
        changed.packs[0].contacts[0].name = "Someone Else".into();
        assert_eq!(find_or_build(&changed, &places).1, IndexSource::Built);
        // a damaged cache file is rebuilt, not trusted
        for entry in std::fs::read_dir(dir.path().join("index")).expect("cache") {
            let path = entry.expect("entry").path();
            std::fs::write(&path, b"MPINDEX\0garbage").expect("write");
        }
        assert_eq!(find_or_build(&set, &places).1, IndexSource::Built);
        assert_eq!(find_or_build(&set, &places).1, IndexSource::Cache);
    }
}
