//! Pictures in PDFs: PNG and JPEG files of a pack (read with [`crate::pack::assets`]) within
//! size limits, checked by decoding them whole (so that a damaged file can never fail the PDF
//! later, when krilla writes it), sized for the page, and placed in the flow with their caption.
//! A file that cannot be printed becomes a visible line, "[image could not be printed: ALT —
//! REASON]", never an error.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Cursor;
use std::path::PathBuf;
use std::rc::Rc;

use super::blocks::BODY;
use super::fonts::Face;
use super::inline::{self, Line, Style};
use super::page::{Flow, GREY, Item, RULE, Role};
use crate::document::{Document, Inline, LinkTarget, Text};
use crate::pack::assets::{self, AssetError};

/// The largest image file read (8 MiB): larger is not a picture for a manual, and a binder may
/// hold many.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;
/// The most pixels an image may have (4096 × 4096, about 16.8 megapixels): decoding one takes
/// up to 64 MB (128 MB at 16 bits a channel), and printed at 150 dpi that is 69 cm square.
pub const MAX_PIXELS: u64 = 4096 * 4096;
/// The most image bytes one PDF takes in (64 MiB); images past it print as notices.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// An image is never printed larger than its pixels at this many dots per inch.
pub const DPI: f32 = 150.0;

/// A decoded, checked image, ready to draw. Cheap to clone (krilla shares its data).
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    image: krilla::image::Image,
    /// Width and height in pixels.
    pub pixels: (u32, u32),
}

impl Picture {
    /// The krilla image, for drawing.
    pub fn image(&self) -> krilla::image::Image {
        self.image.clone()
    }

    /// Its printed size in points: its pixels at [`DPI`], scaled down (never up) to fit within
    /// `max_w` × `max_h`, keeping its shape.
    pub fn fit(&self, max_w: f32, max_h: f32) -> (f32, f32) {
        let per_pixel = 72.0 / DPI;
        let (w, h) = (
            self.pixels.0 as f32 * per_pixel,
            self.pixels.1 as f32 * per_pixel,
        );
        let scale = (max_w.max(1.0) / w).min(max_h.max(1.0) / h).min(1.0);
        (w * scale, h * scale)
    }
}

/// Why an image cannot be printed. Its text completes "image could not be printed: ALT — ".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// The file could not be read from the pack (missing, a link, too large, no pack folder).
    #[error("{0}")]
    File(#[from] AssetError),
    #[error("the file is larger than {} MiB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the picture is {0} × {1} pixels, more than {max} megapixels", max = MAX_PIXELS / 1_000_000)]
    TooManyPixels(u32, u32),
    #[error("this PDF already holds {} MiB of images", MAX_TOTAL_BYTES / 1024 / 1024)]
    Budget,
    #[error("only PNG and JPEG pictures print")]
    Format,
    #[error("only pictures that are files of the pack print")]
    NotInPack,
    /// The decoder's own words are kept for whoever debugs; the printed notice leaves them out.
    #[error("the file is damaged")]
    Damaged(String),
}

/// The line printed in place of an image that cannot be printed.
pub fn notice(alt: &str, failure: &Failure) -> String {
    let alt = alt.trim();
    let alt = if alt.is_empty() {
        "no description"
    } else {
        alt
    };
    format!("[image could not be printed: {alt} — {failure}]")
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Check and decode image bytes (PNG or JPEG, told by their first bytes, not the file name).
pub fn decode(bytes: Vec<u8>) -> Result<Picture, Failure> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Failure::TooLarge);
    }
    let png = bytes.starts_with(PNG_SIGNATURE);
    let jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
    if !png && !jpeg {
        return Err(Failure::Format);
    }
    // a decoder that panics on hostile bytes must not take the program down
    let checked = crate::contain::contained(|| {
        if png {
            check_png(&bytes)
        } else {
            check_jpeg(&bytes)
        }
    })
    .map_err(Failure::Damaged)??;
    let data = krilla::Data::from(bytes);
    let image = if png {
        krilla::image::Image::from_png(data, true)
    } else {
        krilla::image::Image::from_jpeg(data, true)
    }
    .map_err(Failure::Damaged)?;
    if image.size() != checked {
        return Err(Failure::Damaged("its size reads two ways".into()));
    }
    Ok(Picture {
        image,
        pixels: checked,
    })
}

fn pixels_ok(w: u32, h: u32) -> Result<(u32, u32), Failure> {
    if w == 0 || h == 0 {
        return Err(Failure::Damaged("it has no pixels".into()));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Failure::TooManyPixels(w, h));
    }
    Ok((w, h))
}

/// Decode a PNG the way krilla will (same decoder, same settings), so it cannot fail there.
fn check_png(bytes: &[u8]) -> Result<(u32, u32), Failure> {
    let damaged = |e: png::DecodingError| Failure::Damaged(e.to_string().to_lowercase());
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let info = reader.info();
    let size = pixels_ok(info.width, info.height)?;
    let len = reader
        .output_buffer_size()
        .ok_or(Failure::TooManyPixels(size.0, size.1))?;
    let mut buffer = vec![0; len];
    reader.next_frame(&mut buffer).map_err(damaged)?;
    Ok(size)
}

/// Decode a JPEG whole, strictly (krilla embeds the file as it is and only reads its header, so
/// a damaged one would print as noise or grey).
fn check_jpeg(bytes: &[u8]) -> Result<(u32, u32), Failure> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let damaged =
        |e: zune_jpeg::errors::DecodeErrors| Failure::Damaged(e.to_string().to_lowercase());
    // strict: a file cut short or with corrupt data is refused, not printed half grey
    let options = DecoderOptions::default().set_strict_mode(true);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(damaged)?;
    let (w, h) = decoder
        .dimensions()
        .ok_or_else(|| Failure::Damaged("no size".into()))?;
    let size = pixels_ok(
        u32::try_from(w).unwrap_or(u32::MAX),
        u32::try_from(h).unwrap_or(u32::MAX),
    )?;
    // the colour spaces krilla can embed
    if !matches!(
        decoder.input_colorspace(),
        Some(
            ColorSpace::Luma
                | ColorSpace::YCbCr
                | ColorSpace::RGB
                | ColorSpace::CMYK
                | ColorSpace::YCCK
        )
    ) {
        return Err(Failure::Damaged("an unknown colour space".into()));
    }
    decoder.decode().map_err(damaged)?;
    Ok(size)
}

/// Where image files come from.
enum Store {
    /// A pack folder on disk (`None`: a pack built into the program, which has no files).
    Folder(Option<PathBuf>),
    /// Files in memory, by path from the pack root (tests).
    Memory(HashMap<String, Vec<u8>>),
}

/// A PDF's images, read and checked once each, within [`MAX_TOTAL_BYTES`]. A clone shares
/// what its original has read (trial layouts of a form reuse the pictures of the real one).
#[derive(Clone)]
pub struct Images(Rc<RefCell<Cache>>);

struct Cache {
    store: Store,
    seen: HashMap<String, Result<Picture, Failure>>,
    total: u64,
}

impl Images {
    /// The images of `pack`, read from its folder with [`crate::pack::assets`] (never through a
    /// link, never outside it).
    pub fn of(pack: &crate::pack::Pack) -> Images {
        Images::new(Store::Folder(pack.root.clone()))
    }

    /// Images given as files in memory, by path from the pack root.
    pub fn memory(files: HashMap<String, Vec<u8>>) -> Images {
        Images::new(Store::Memory(files))
    }

    /// No files at all: every image is missing.
    pub fn none() -> Images {
        Images::new(Store::Folder(None))
    }

    fn new(store: Store) -> Images {
        Images(Rc::new(RefCell::new(Cache {
            store,
            seen: HashMap::new(),
            total: 0,
        })))
    }

    /// The picture at `path` (from the pack root, `/`-separated, as in
    /// [`crate::document::LinkTarget::File`]).
    pub fn get(&self, path: &str) -> Result<Picture, Failure> {
        let mut cache = self.0.borrow_mut();
        if let Some(known) = cache.seen.get(path) {
            return known.clone();
        }
        let result = cache.load(path);
        cache.seen.insert(path.to_string(), result.clone());
        result
    }
}

impl Cache {
    fn load(&mut self, path: &str) -> Result<Picture, Failure> {
        let bytes = match &self.store {
            Store::Memory(files) => files
                .get(path)
                .cloned()
                .ok_or_else(|| AssetError::Missing(path.to_string()))?,
            Store::Folder(root) => {
                assets::read(root.as_deref(), path, MAX_BYTES).map_err(|e| match e {
                    AssetError::TooLarge(..) => Failure::TooLarge,
                    e => Failure::File(e),
                })?
            }
        };
        let len = bytes.len() as u64;
        if len > MAX_BYTES {
            return Err(Failure::TooLarge);
        }
        if self.total + len > MAX_TOTAL_BYTES {
            return Err(Failure::Budget);
        }
        let picture = decode(bytes)?;
        self.total += len;
        Ok(picture)
    }
}

/// Room kept between a picture and its caption.
const CAPTION_GAP: f32 = 4.0;
/// A picture that does not fit the room left on a page is shrunk to fit it rather than moved to
/// the next page, if it keeps at least this share of its size (a diagram much smaller than
/// its natural size is hard to read; a gap at the foot of a page is not).
const MIN_SHRINK: f32 = 0.75;
/// Room kept on a picture's page for what follows it (three body lines and the gap before
/// them, as a heading keeps), so that a caption paragraph under it, or the text it illustrates,
/// starts beside it.
const KEEP_AFTER: f32 = BODY * 1.45 * 3.0 + 7.0;
/// Rounding room: what is measured to fit exactly must not spill onto the next page.
const SLACK: f32 = 1.0;

/// Place a picture at the left of the flow, as wide as it may be (see [`Picture::fit`]) and no
/// taller than a page leaves beside its caption, in a hairline frame (so a white screenshot
/// keeps its edges on paper), with `caption` (already broken into lines, may be empty) under it
/// on the same page, and room for `keep_after` points of what follows on that page too (when
/// the picture is not a page by itself).
pub fn place(flow: &mut Flow, picture: &Picture, caption: &[Line], keep_after: f32) {
    let caption_h = if caption.is_empty() {
        0.0
    } else {
        CAPTION_GAP + inline::height(caption)
    };
    // a caption longer than half a page is let run on; the picture keeps half a page
    let kept = caption_h.min(flow.body_height() / 2.0);
    let (mut w, mut h) = picture.fit(flow.width(), flow.body_height() - kept - SLACK);
    let with = kept + keep_after + SLACK;
    let room = flow.room() - with;
    if h > room && room >= h * MIN_SHRINK && !flow.at_top() {
        (w, h) = (w * room / h, room);
    }
    flow.ensure(h + with);
    let top = flow.take(h);
    let x = flow.left();
    flow.push(Item::Image {
        x,
        y: top,
        w,
        h,
        picture: picture.clone(),
    });
    flow.push(Item::Rect {
        x,
        y: top,
        w,
        h,
        fill: None,
        stroke: Some((0.4, RULE)),
    });
    if !caption.is_empty() {
        flow.take(CAPTION_GAP);
        inline::place(flow, caption, Role::Body);
    }
}

/// The caption style: small grey italic.
pub fn caption_style() -> Style<'static> {
    Style {
        face: Face::Italic,
        size: BODY - 1.0,
        color: GREY,
        ctx: None,
    }
}

/// Place the notice for an image that could not be printed, as a line of grey italic text.
pub fn place_notice(flow: &mut Flow, alt: &str, failure: &Failure) {
    let text = Inline::Text(Text {
        text: notice(alt, failure).into(),
        ..Default::default()
    });
    let lines = inline::lines(flow.fonts, &[text], &caption_style(), flow.width());
    inline::place(flow, &lines, Role::Body);
}

/// A paragraph that holds only a picture (spaces and line breaks around it aside): the picture's
/// file in the pack (`None` when its link leads elsewhere) and its alt text.
pub fn lone<'d>(doc: &'d Document, content: &'d [Inline]) -> Option<(Option<&'d str>, &'d str)> {
    let mut found = None;
    for inline in content {
        match inline {
            Inline::Image { alt, link } if found.is_none() => {
                let file = match doc.links.get(*link as usize).map(|l| &l.target) {
                    Some(LinkTarget::File(path)) => Some(path.as_str()),
                    _ => None,
                };
                found = Some((file, &**alt));
            }
            Inline::Text(t) if t.text.trim().is_empty() => {}
            Inline::SoftBreak | Inline::HardBreak => {}
            _ => return None,
        }
    }
    found
}

/// The height a heading before a picture keeps on its page: the picture at the least it may
/// shrink to, its caption, and the room it keeps for what follows (or the notice's line).
pub fn lead(flow: &Flow, file: Option<&str>, alt: &str) -> f32 {
    let picture = match file {
        Some(path) => flow.images.get(path),
        None => Err(Failure::NotInPack),
    };
    let Ok(picture) = picture else {
        return BODY * 1.45;
    };
    let caption = Inline::Text(Text {
        text: alt.into(),
        ..Default::default()
    });
    let lines = inline::lines(flow.fonts, &[caption], &caption_style(), flow.width());
    let kept = (CAPTION_GAP + inline::height(&lines)).min(flow.body_height() / 2.0);
    let (_, h) = picture.fit(flow.width(), flow.body_height() - kept - SLACK);
    h * MIN_SHRINK + kept + KEEP_AFTER + SLACK
}

/// A picture as a block: the picture with its alt text as caption, or the notice saying why it
/// cannot be printed. `followed`: more of the document follows, and its first lines are kept on
/// the picture's page.
pub fn figure(flow: &mut Flow, file: Option<&str>, alt: &str, followed: bool) {
    let picture = match file {
        Some(path) => flow.images.get(path),
        None => Err(Failure::NotInPack),
    };
    match picture {
        Ok(picture) => {
            let lines = if alt.trim().is_empty() {
                Vec::new()
            } else {
                let caption = Inline::Text(Text {
                    text: alt.into(),
                    ..Default::default()
                });
                inline::lines(flow.fonts, &[caption], &caption_style(), flow.width())
            };
            place(
                flow,
                &picture,
                &lines,
                if followed { KEEP_AFTER } else { 0.0 },
            );
        }
        Err(failure) => place_notice(flow, alt, &failure),
    }
}

#[cfg(test)]
mod tests;
