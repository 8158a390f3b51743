//! Pictures in the browser edition: a document's PNG or JPEG, read from the pack (never
//! following a link, never leaving its folder) and put in the page as a `data:` URL, the only
//! kind of image the page's Content-Security-Policy allows. A picture that is missing, not a PNG
//! or JPEG, or over the size limit is shown as its alt text saying so: the page is never lost
//! for it.

use base64::Engine as _;

use crate::pack::assets::{self, AssetError};

/// Largest picture put in a page: every page is read whole by the browser, from a stick.
pub const MAX_IMAGE_BYTES: u64 = 1024 * 1024;

/// Why a picture is not in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The pack has no such file (or it is a link or a folder).
    Absent,
    /// The file is not a PNG or JPEG.
    NotAPicture,
    /// Over [`MAX_IMAGE_BYTES`].
    TooLarge,
}

impl Missing {
    /// What the page says in place of the picture.
    pub fn label(&self) -> &'static str {
        match self {
            Missing::Absent => "missing image",
            Missing::NotAPicture => "image not shown (only PNG and JPEG are)",
            Missing::TooLarge => "image too large for the browser edition (over 1 MB)",
        }
    }
}

/// The media type of a PNG or JPEG, from its first bytes (the name can lie).
pub fn media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// The picture at `rel` in the pack at `root` as a `data:` URL.
pub fn data_url(root: Option<&std::path::Path>, rel: &str) -> Result<String, Missing> {
    let bytes = assets::read(root, rel, MAX_IMAGE_BYTES).map_err(|e| match e {
        AssetError::TooLarge(..) => Missing::TooLarge,
        _ => Missing::Absent,
    })?;
    let media = media_type(&bytes).ok_or(Missing::NotAPicture)?;
    let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Ok(format!("data:{media};base64,{data}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_known_by_their_bytes_and_limited_in_size() {
        let dir = tempfile::tempdir().unwrap();
        let root = Some(dir.path());
        std::fs::write(dir.path().join("a.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        std::fs::write(dir.path().join("b.png"), b"GIF89a").unwrap();
        std::fs::write(
            dir.path().join("c.jpg"),
            vec![0xFF; MAX_IMAGE_BYTES as usize + 1],
        )
        .unwrap();
        let url = data_url(root, "a.png").unwrap();
        assert!(url.starts_with("data:image/png;base64,iVBORw0KGg"), "{url}");
        assert_eq!(data_url(root, "b.png"), Err(Missing::NotAPicture));
        assert_eq!(data_url(root, "c.jpg"), Err(Missing::TooLarge));
        assert_eq!(data_url(root, "d.jpg"), Err(Missing::Absent));
        assert_eq!(data_url(None, "a.png"), Err(Missing::Absent));
    }
}
