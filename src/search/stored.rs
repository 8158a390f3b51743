//! A pack's search index as a file: written by `stick build` into `index/<pack>.mpidx` (hashed in
//! the signed manifest) and, for packs opened outside a stick, into the per-user cache folder
//! under the hash of the content it was built from. Reading one takes a few milliseconds where
//! building takes a parse of every document. The format (version 1, all integers little-endian)
//! is documented in `docs/search-index.md`:
//!
//! ```text
//! magic    8 bytes  "MPINDEX\0"
//! version  u32      1
//! key      32 bytes SHA-256 of what the index was built from (see `content_key`)
//! owners   u32 n, then n × (u8 kind: 0 contact, 1 procedure, 2 form;
//!                           u32 contact index | u32 length + UTF-8 document path)
//! terms    u32 n bytes of UTF-8, u32 m, then m × u32 end offsets
//! postings u32 n, then n × u32 postings; then m × u32 end offsets
//! ```
//!
//! The file is untrusted input: every length, offset and posting is checked before it is used,
//! and a file that fails any check is treated as absent (the index is built instead).

use sha2::{Digest, Sha256};

use super::HitKind;
use super::index::{Index, Owner};
use crate::pack::{DocKind, Pack};

/// The first bytes of an index file.
pub const MAGIC: &[u8; 8] = b"MPINDEX\0";
/// The format this version writes and reads.
pub const VERSION: u32 = 1;
/// File name extension of index files.
pub const EXTENSION: &str = "mpidx";

/// The key of a pack's content: SHA-256 over everything its index is built from (every
/// document's path and text, the practice and triage from `pack.toml`, the contacts) and this
/// format's version. Two packs with the same key have the same index.
pub fn content_key(pack: &Pack) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(MAGIC);
    h.update(VERSION.to_le_bytes());
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(
        serde_json::to_string(&pack.meta)
            .unwrap_or_default()
            .as_bytes(),
    );
    field(
        serde_json::to_string(&pack.contacts)
            .unwrap_or_default()
            .as_bytes(),
    );
    for d in &pack.docs {
        field(d.path.as_bytes());
        field(d.title.as_bytes());
        field(d.summary.as_deref().unwrap_or("").as_bytes());
        field(d.doc.source().as_bytes());
    }
    h.finalize().into()
}

/// Write `part` (the index of `pack`) as bytes, with `key`.
pub fn to_bytes(part: &Index, pack: &Pack, key: &[u8; 32]) -> Vec<u8> {
    let (terms, term_ends, postings, posting_ends) = part.raw();
    let mut out = Vec::with_capacity(64 + terms.len() + 4 * (postings.len() + 2 * term_ends.len()));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(key);
    let u32s = |out: &mut Vec<u8>, v: &[u32]| {
        for x in v {
            out.extend_from_slice(&x.to_le_bytes());
        }
    };
    out.extend_from_slice(&(part.owners.len() as u32).to_le_bytes());
    for o in &part.owners {
        match o.kind {
            HitKind::Contact => {
                out.push(0);
                out.extend_from_slice(&o.item.to_le_bytes());
            }
            HitKind::Procedure | HitKind::Form => {
                out.push(if o.kind == HitKind::Procedure { 1 } else { 2 });
                let path = pack
                    .docs
                    .get(o.item as usize)
                    .map_or("", |d| d.path.as_str());
                out.extend_from_slice(&(path.len() as u32).to_le_bytes());
                out.extend_from_slice(path.as_bytes());
            }
        }
    }
    out.extend_from_slice(&(terms.len() as u32).to_le_bytes());
    out.extend_from_slice(terms.as_bytes());
    out.extend_from_slice(&(term_ends.len() as u32).to_le_bytes());
    u32s(&mut out, term_ends);
    out.extend_from_slice(&(postings.len() as u32).to_le_bytes());
    u32s(&mut out, postings);
    u32s(&mut out, posting_ends);
    out
}

/// Why a stored index was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not an index file, or one this version cannot read.
    Format(&'static str),
    /// Built from different content.
    Stale,
    /// A check of its structure failed.
    Damaged(&'static str),
}

/// Read an index file for pack number `p` of a set, `pack`. With `key`, the file must have been
/// built from exactly that content; without, its owners must still name the pack's documents
/// (on a stick, whose manifest vouches for the file).
pub fn from_bytes(
    bytes: &[u8],
    p: usize,
    pack: &Pack,
    key: Option<&[u8; 32]>,
) -> Result<Index, Refused> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(8).ok_or(Refused::Format("too short"))? != MAGIC {
        return Err(Refused::Format("not a manualpack search index"));
    }
    if r.u32().ok_or(Refused::Format("too short"))? != VERSION {
        return Err(Refused::Format("another format version"));
    }
    let stored_key = r.take(32).ok_or(Refused::Format("too short"))?;
    if key.is_some_and(|k| k.as_slice() != stored_key) {
        return Err(Refused::Stale);
    }
    let damaged = Refused::Damaged;
    let n = r.count(5).ok_or(damaged("owner count"))?;
    let by_path: std::collections::HashMap<&str, usize> = pack
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.path.as_str(), i))
        .collect();
    let mut owners = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = r.take(1).ok_or(damaged("owner"))?[0];
        let owner = match kind {
            0 => {
                let item = r.u32().ok_or(damaged("owner"))?;
                if item as usize >= pack.contacts.len() {
                    return Err(Refused::Stale);
                }
                Owner {
                    pack: p as u32,
                    kind: HitKind::Contact,
                    item,
                }
            }
            1 | 2 => {
                let len = r.count(1).ok_or(damaged("owner path"))?;
                let path = std::str::from_utf8(r.take(len).ok_or(damaged("owner path"))?)
                    .map_err(|_| damaged("owner path"))?;
                let &item = by_path.get(path).ok_or(Refused::Stale)?;
                let want = if kind == 1 {
                    DocKind::Procedure
                } else {
                    DocKind::Form
                };
                if pack.docs[item].kind != want {
                    return Err(Refused::Stale);
                }
                Owner {
                    pack: p as u32,
                    kind: if kind == 1 {
                        HitKind::Procedure
                    } else {
                        HitKind::Form
                    },
                    item: item as u32,
                }
            }
            _ => return Err(damaged("owner kind")),
        };
        owners.push(owner);
    }
    let len = r.count(1).ok_or(damaged("terms"))?;
    let terms = std::str::from_utf8(r.take(len).ok_or(damaged("terms"))?)
        .map_err(|_| damaged("terms"))?
        .to_string();
    let m = r.count(4).ok_or(damaged("term ends"))?;
    let term_ends = r.u32s(m).ok_or(damaged("term ends"))?;
    let total = r.count(4).ok_or(damaged("postings"))?;
    let postings = r.u32s(total).ok_or(damaged("postings"))?;
    let posting_ends = r.u32s(m).ok_or(damaged("posting ends"))?;
    if r.at != bytes.len() {
        return Err(damaged("bytes after the end"));
    }
    Index::from_raw(owners, terms, term_ends, postings, posting_ends).map_err(damaged)
}

/// The documents an index file names, in its order, as (kind, path): enough to stand in for a
/// pack's documents until the few that are hits are read (see [`super::find::search_on_stick`]).
pub fn documents(bytes: &[u8]) -> Option<Vec<(DocKind, String)>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(8)? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    r.take(32)?;
    let n = r.count(5)?;
    let mut out = Vec::new();
    for _ in 0..n {
        match r.take(1)?[0] {
            0 => {
                r.u32()?;
            }
            kind @ (1 | 2) => {
                let len = r.count(1)?;
                let path = std::str::from_utf8(r.take(len)?).ok()?;
                let kind = if kind == 1 {
                    DocKind::Procedure
                } else {
                    DocKind::Form
                };
                out.push((kind, path.to_string()));
            }
            _ => return None,
        }
    }
    Some(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count of items at least `min_size` bytes each: never more than the bytes left could
    /// hold (so a hostile count cannot make us allocate).
    fn count(&mut self, min_size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(min_size)? <= self.bytes.len() - self.at).then_some(n)
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let raw = self.take(n.checked_mul(4)?)?;
        Some(
            raw.chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;

    #[test]
    fn a_written_index_reads_back_the_same_and_searches_the_same() {
        let set = crate::discover::built_in();
        let pack = &set.packs[0];
        let built = SearchIndex::build_part(&set, 0, true);
        let key = content_key(pack);
        let bytes = to_bytes(&built, pack, &key);
        let read = from_bytes(&bytes, 0, pack, Some(&key)).expect("reads");
        assert_eq!(read.raw(), built.raw());
        assert_eq!(read.owners, built.owners);
        let a = SearchIndex::from_parts(&set, vec![built]);
        let b = SearchIndex::from_parts(&set, vec![read]);
        for q in ["ransom", "960 210", "apointment", "power cut"] {
            let query = a.parse(q);
            assert_eq!(
                a.search(&set, &query, crate::search::SearchScope::All, 20),
                b.search(&set, &query, crate::search::SearchScope::All, 20),
                "{q}"
            );
        }
    }

    #[test]
    fn another_content_key_is_stale_and_changed_content_changes_the_key() {
        let set = crate::discover::built_in();
        let pack = &set.packs[0];
        let key = content_key(pack);
        let bytes = to_bytes(&SearchIndex::build_part(&set, 0, true), pack, &key);
        assert_eq!(
            from_bytes(&bytes, 0, pack, Some(&[0; 32])).err(),
            Some(Refused::Stale)
        );
        let mut changed = pack.clone();
        changed.contacts[0].phone = Some("01632 960999".into());
        assert_ne!(content_key(&changed), key);
    }

    #[test]
    fn damaged_files_are_refused_and_never_panic() {
        let set = crate::discover::built_in();
        let pack = &set.packs[0];
        let key = content_key(pack);
        let bytes = to_bytes(&SearchIndex::build_part(&set, 0, true), pack, &key);
        // every cut, and a changed byte at many places, is refused or reads a valid index
        for cut in (0..bytes.len()).step_by(97) {
            assert!(
                from_bytes(&bytes[..cut], 0, pack, None).is_err(),
                "cut at {cut}"
            );
        }
        let mut seed = 7u64;
        for _ in 0..3000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut b = bytes.clone();
            let at = (seed >> 33) as usize % b.len();
            b[at] ^= (seed >> 13) as u8 | 1;
            if let Ok(index) = from_bytes(&b, 0, pack, None) {
                let si = SearchIndex::from_parts(&set, vec![index]);
                for q in ["a", "ransom", "01632", "zz"] {
                    let _ = si.search(&set, &si.parse(q), crate::search::SearchScope::All, 20);
                }
            }
        }
    }
}
