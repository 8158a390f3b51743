//! The embedded fonts (Liberation Sans and Liberation Mono, SIL OFL 1.1: `assets/fonts/OFL.txt`),
//! measuring text with their advances, and the placeholder for characters they cannot show.

use std::sync::Arc;

use ttf_parser::Face as TtfFace;

const SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
const SANS_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf");
const MONO: &[u8] = include_bytes!("../../assets/fonts/LiberationMono-Regular.ttf");

/// Shown in place of a character the fonts do not cover.
pub const PLACEHOLDER: char = '?';

/// Which font a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    Mono,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::Mono];

    fn index(self) -> usize {
        self as usize
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => SANS_REGULAR,
            Face::Bold => SANS_BOLD,
            Face::Italic => SANS_ITALIC,
            Face::Mono => MONO,
        }
    }
}

/// One parsed font: advances in font units, with an ASCII cache.
struct Metrics {
    face: TtfFace<'static>,
    units_per_em: f32,
    ascii: [f32; 128],
}

impl Metrics {
    fn advance(&self, c: char) -> Option<f32> {
        if let Some(w) = self.ascii.get(c as usize).filter(|w| **w >= 0.0) {
            return Some(*w);
        }
        let glyph = self.face.glyph_index(c)?;
        Some(f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.units_per_em)
    }
}

/// The fonts, parsed once. Cheap to share by reference.
pub struct Fonts {
    metrics: Vec<Metrics>,
}

/// Fonts could not be read: only possible if the embedded files were damaged at build time.
#[derive(Debug, thiserror::Error)]
#[error(
    "the embedded font {0:?} could not be read; the program was built with a damaged font file"
)]
pub struct FontError(pub Face);

impl Fonts {
    pub fn load() -> Result<Fonts, FontError> {
        let mut metrics = Vec::new();
        for face in Face::ALL {
            let parsed = TtfFace::parse(face.bytes(), 0).map_err(|_| FontError(face))?;
            let units_per_em = f32::from(parsed.units_per_em().max(1));
            let mut m = Metrics {
                face: parsed,
                units_per_em,
                ascii: [-1.0; 128],
            };
            let mut ascii = [-1.0; 128];
            for (i, slot) in ascii.iter_mut().enumerate() {
                if let Some(w) = char::from_u32(i as u32).and_then(|c| m.advance(c)) {
                    *slot = w;
                }
            }
            m.ascii = ascii;
            metrics.push(m);
        }
        Ok(Fonts { metrics })
    }

    fn get(&self, face: Face) -> &Metrics {
        // `load` fills one entry per face, in `Face::ALL` order
        &self.metrics[face.index()]
    }

    /// True when `face` has a glyph for `c`.
    pub fn covers(&self, face: Face, c: char) -> bool {
        self.get(face).advance(c).is_some()
    }

    /// `text` with every character `face` cannot show replaced by [`PLACEHOLDER`], and tabs as
    /// spaces.
    pub fn printable(&self, face: Face, text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if self.covers(face, c) => c,
                _ => PLACEHOLDER,
            })
            .collect()
    }

    /// Width of `text` (already printable) at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let m = self.get(face);
        let fallback = m.advance(PLACEHOLDER).unwrap_or(0.5);
        text.chars()
            .map(|c| m.advance(c).unwrap_or(fallback))
            .sum::<f32>()
            * size
    }

    /// `text` cut with an ellipsis to fit `width`.
    pub fn fit(&self, face: Face, size: f32, text: &str, width: f32) -> String {
        if self.width(face, size, text) <= width {
            return text.to_string();
        }
        let room = width - self.width(face, size, "…");
        let mut out = String::new();
        let mut used = 0.0;
        for c in text.chars() {
            let w = self.width(face, size, c.encode_utf8(&mut [0; 4]));
            if used + w > room {
                break;
            }
            used += w;
            out.push(c);
        }
        out.push('…');
        out
    }

    /// The krilla font for a face.
    pub fn krilla(face: Face) -> Option<krilla::text::Font> {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(face.bytes());
        krilla::text::Font::new(data.into(), 0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn welsh_and_pound_are_covered_and_cjk_is_a_placeholder() {
        let fonts = Fonts::load().unwrap();
        assert_eq!(fonts.printable(Face::Regular, "ŵ ŷ £ – “x”"), "ŵ ŷ £ – “x”");
        assert_eq!(fonts.printable(Face::Bold, "電話 ok"), "?? ok");
        assert!(fonts.width(Face::Regular, 10.0, "MM") > fonts.width(Face::Regular, 10.0, "ii"));
        assert!(
            (fonts.width(Face::Mono, 10.0, "iiii") - fonts.width(Face::Mono, 10.0, "MMMM")).abs()
                < 0.01
        );
    }
}
