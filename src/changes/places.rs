//! Where versions come from: a pack, a folder of packs, a stick, or a snapshot file (a stick's
//! `previous/<id>.json`); and what changed in a pack since an earlier version.

use super::{PackChange, PackSnapshot, compare, compare_sets, snapshot};

/// Where the packs are in `path`: a stick (its top folder or its content folder) holds them in
/// `packs/` beside its manifest; anything else is a pack or a folder of packs.
pub fn packs_folder(path: &std::path::Path) -> std::path::PathBuf {
    match crate::stick::locate_content(path) {
        Some((content, _)) if content.join("packs").is_dir() => content.join("packs"),
        _ => path.to_path_buf(),
    }
}

/// Every readable pack at `path` (a pack, a folder of packs, a stick, or a snapshot file such as
/// a stick's `previous/<id>.json`), summed up; an error says why nothing could be read.
pub fn snapshots_at(path: &std::path::Path) -> Result<Vec<PackSnapshot>, String> {
    if path.is_file() {
        return read_snapshot(path).map(|s| vec![s]).ok_or_else(|| {
            format!(
                "{} is a file but not a pack snapshot; give a pack, a folder of packs or a stick",
                crate::stick::shown(path)
            )
        });
    }
    let set = crate::pack::PackSet::open(&packs_folder(path), &crate::pack::Limits::default());
    if set.packs.is_empty() {
        let why: Vec<String> = set.all_problems().map(ToString::to_string).collect();
        return Err(if why.is_empty() {
            format!("no pack in {}", crate::stick::shown(path))
        } else {
            why.join("\n  ")
        });
    }
    Ok(set.packs.iter().map(snapshot::of_pack).collect())
}

/// True when `path` is one pack (not a folder of packs or a stick).
pub fn is_one_pack(path: &std::path::Path) -> bool {
    path.is_file() || packs_folder(path).join("pack.toml").is_file()
}

/// Compare what two places hold. When both places are single packs (`pair`), they are compared
/// whatever their ids (a pack against its copy in another folder); otherwise packs are matched
/// by id.
pub fn compare_places(old: &[PackSnapshot], new: &[PackSnapshot], pair: bool) -> Vec<PackChange> {
    match (old, new) {
        ([o], [n]) if pair && o.id != n.id => {
            let mut o = o.clone();
            o.id.clone_from(&n.id);
            vec![compare(Some(&o), Some(n))]
        }
        _ => compare_sets(old, new),
    }
}

/// Most bytes of a snapshot file read from a stick or the state folder.
pub const MAX_SNAPSHOT_BYTES: u64 = 16 * 1024 * 1024;

/// Read a snapshot file, `None` when it is missing, too large or not a snapshot.
pub fn read_snapshot(path: &std::path::Path) -> Option<PackSnapshot> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut text = String::new();
    file.take(MAX_SNAPSHOT_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    PackSnapshot::from_json(&text)
}

/// The snapshot a stick keeps of this pack's previous version (`previous/<id>.json` beside the
/// stick's `packs/` folder), when the pack was read from a stick and it holds a lower version.
pub fn previous_of(pack: &crate::pack::Pack) -> Option<PackSnapshot> {
    let content = pack.root.as_deref()?.parent()?.parent()?;
    let path = content
        .join(crate::stick::PREVIOUS_DIR)
        .join(format!("{}.json", pack.id));
    read_snapshot(&path).filter(|old| old.id == pack.id && old.version < pack.meta.version)
}

/// What changed in `pack` since `old` (a lower version); `None` when there is nothing older to
/// compare with.
pub fn since(pack: &crate::pack::Pack, old: Option<&PackSnapshot>) -> Option<PackChange> {
    let old = old?;
    let mut change = compare(Some(old), Some(&snapshot::of_pack(pack)));
    change.id.clone_from(&pack.id);
    Some(change)
}
