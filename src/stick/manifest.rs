//! `manifest.json`: every file on the stick with its size and SHA-256, the packs and their
//! versions, and when the stick was built and must be refreshed by. The signature covers this
//! file byte for byte; the trusted comment repeats the packs and the refresh date so the stock
//! `minisign -V` shows them too.

use std::io::Read;
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{StickError, hex};

/// The manifest format this version writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// When it was built, UTC, RFC 3339.
    pub built: String,
    /// "manualpack 0.1.0".
    pub built_by: String,
    /// After this date the stick says it is out of date.
    pub refresh_by: Date,
    /// The id of the key that signed it, as minisign prints it.
    pub key_id: String,
    pub packs: Vec<PackEntry>,
    /// Sorted by path; paths use `/` and are relative to the content folder.
    pub files: Vec<FileEntry>,
    /// The `manualpack check` errors the packs had when IT built the stick anyway with
    /// `--allow-errors`, one line each. Absent (empty) on a stick built from packs that pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackEntry {
    pub id: String,
    pub practice: String,
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl Manifest {
    /// The manifest as written to the stick (pretty JSON, newline at the end).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Manifest, String> {
        let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if manifest.format != FORMAT {
            return Err(format!(
                "manifest format {} is not one this manualpack reads ({FORMAT}); use the manualpack that built the stick",
                manifest.format
            ));
        }
        Ok(manifest)
    }

    /// The signed trusted comment: one line, tab-separated like minisign's own.
    pub fn trusted_comment(&self) -> String {
        let packs: Vec<String> = self
            .packs
            .iter()
            .map(|p| {
                format!(
                    "{} v{}",
                    p.id,
                    p.version.map_or_else(|| "?".to_string(), |v| v.to_string())
                )
            })
            .collect();
        let mut comment = format!(
            "manualpack stick\tpacks: {}\tbuilt: {}\trefresh by: {}",
            packs.join(", "),
            self.built,
            self.refresh_by
        );
        if !self.check_errors.is_empty() {
            comment.push_str(&format!(
                "\tBUILT WITH {} CHECK ERROR(S) (--allow-errors)",
                self.check_errors.len()
            ));
        }
        comment
    }

    pub fn pack_version(&self, id: &str) -> Option<i64> {
        self.packs
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.version)
    }
}

/// SHA-256 and size of a file, read in chunks.
pub fn hash_file(path: &Path) -> Result<(u64, String), StickError> {
    let mut file = std::fs::File::open(path).map_err(|e| StickError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| StickError::io(path, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((size, hex(&hasher.finalize())))
}

/// SHA-256 of bytes in memory.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// True for a manifest path that stays inside the content folder: relative, `/`-separated,
/// no empty, `.` or `..` parts, no backslashes or drive letters.
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_leaving_the_content_folder_are_unsafe() {
        assert!(is_safe_path("packs/a/pack.toml"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "C:/x",
            "a\\b",
            "./a",
        ] {
            assert!(!is_safe_path(bad), "{bad}");
        }
    }

    #[test]
    fn a_manifest_without_check_errors_reads_and_writes_as_before() {
        let old = r#"{
  "format": 1,
  "built": "2026-11-25T10:00:00Z",
  "built_by": "manualpack 0.1.0",
  "refresh_by": "2027-02-23",
  "key_id": "8173C95D85618F3B",
  "packs": [{ "id": "riverside", "practice": "Riverside Surgery", "version": 3 }],
  "files": []
}"#;
        let Ok(m) = Manifest::from_bytes(old.as_bytes()) else {
            panic!("an older manifest must still read");
        };
        assert!(m.check_errors.is_empty());
        let text = String::from_utf8(m.to_bytes()).unwrap_or_default();
        assert!(!text.contains("check_errors"), "{text}");
        assert!(!m.trusted_comment().contains("CHECK ERROR"));
        let with = Manifest {
            check_errors: vec!["riverside/pack.toml:9:10: error[MP050]: placeholder".into()],
            ..m
        };
        assert_eq!(Manifest::from_bytes(&with.to_bytes()), Ok(with.clone()));
        assert!(
            with.trusted_comment()
                .ends_with("\tBUILT WITH 1 CHECK ERROR(S) (--allow-errors)")
        );
    }

    #[test]
    fn sha256_of_abc_is_the_standard_one() {
        assert_eq!(
            hash_bytes(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
