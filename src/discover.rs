//! Which packs to open: the path given, else `$MANUALPACK_PACKS`, `packs/` beside the executable
//! (the stick layout), `./packs`, and finally the example pack built into the binary.

use std::path::{Path, PathBuf};

use crate::pack::{Limits, Pack, PackSet, SourceFile};

include!(concat!(env!("OUT_DIR"), "/example_pack.rs"));

/// The origin shown for the built-in example pack.
pub const BUILT_IN_ORIGIN: &str = "built-in example pack";

/// The id of the built-in example pack.
pub const EXAMPLE_ID: &str = "example-riverside";

/// Where packs were found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Path(PathBuf),
    BuiltIn,
}

/// Decide where to load from, without loading.
pub fn locate(path: Option<&Path>) -> Location {
    if let Some(p) = path {
        return Location::Path(p.to_path_buf());
    }
    if let Some(env) = std::env::var_os("MANUALPACK_PACKS").filter(|v| !v.is_empty()) {
        return Location::Path(PathBuf::from(env));
    }
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join("packs")));
    for candidate in beside_exe.into_iter().chain([PathBuf::from("packs")]) {
        if has_packs(&candidate) {
            return Location::Path(candidate);
        }
    }
    Location::BuiltIn
}

fn has_packs(dir: &Path) -> bool {
    if dir.join("pack.toml").is_file() {
        return true;
    }
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(Result::ok)
            .any(|e| e.path().join("pack.toml").is_file())
    })
}

/// Load packs from a location.
pub fn load(location: &Location, limits: &Limits) -> PackSet {
    match location {
        Location::Path(p) => PackSet::open(p, limits),
        Location::BuiltIn => built_in(),
    }
}

/// What the first screen needs: each pack's `pack.toml` and `contacts.toml`, no documents
/// (see [`PackSet::open_heads`]); the built-in pack is small and comes whole.
pub fn load_heads(location: &Location, limits: &Limits) -> PackSet {
    match location {
        Location::Path(p) => PackSet::open_heads(p, limits),
        Location::BuiltIn => built_in(),
    }
}

/// The example pack compiled into the binary.
pub fn built_in() -> PackSet {
    let mut problems = Vec::new();
    let files = EXAMPLE_PACK
        .iter()
        .map(|(path, text)| SourceFile::decode(path, path, text.as_bytes(), &mut problems))
        .collect();
    PackSet {
        origin: BUILT_IN_ORIGIN.into(),
        packs: vec![Pack::from_files(EXAMPLE_ID, files, problems)],
        problems: Vec::new(),
    }
}
