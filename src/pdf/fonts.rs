//! The embedded fonts (Liberation Sans and Liberation Mono, SIL OFL 1.1: `assets/fonts/OFL.txt`;
//! DejaVu Sans for symbols, Bitstream Vera / Arev licence: `assets/fonts/DejaVu-LICENSE.txt`),
//! measuring text with their advances, the symbol face standing in for characters the main face
//! lacks (✂ ☎ ✓ ⚠ ...), and the placeholder for characters no face can show.

use std::ops::Range;
use std::sync::Arc;

use ttf_parser::Face as TtfFace;

const SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
const SANS_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf");
const MONO: &[u8] = include_bytes!("../../assets/fonts/LiberationMono-Regular.ttf");
/// The fallback for characters a Liberation face lacks: symbols, dingbats, arrows, boxes.
pub const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

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

/// One parsed font: advances in em, with an ASCII cache.
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
    symbols: Metrics,
}

/// Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their presentation forms):
/// text is set left to right, so the symbol face does not stand in for them; they stay
/// placeholders rather than print backwards.
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Which font a run of text is drawn in: its own face, or the symbol face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Main,
    Symbols,
}

/// Fonts could not be read: only possible if the embedded files were damaged at build time.
#[derive(Debug, thiserror::Error)]
#[error(
    "the embedded font {0:?} could not be read; the program was built with a damaged font file"
)]
pub struct FontError(pub Face);

impl Metrics {
    fn parse(bytes: &'static [u8]) -> Option<Metrics> {
        let parsed = TtfFace::parse(bytes, 0).ok()?;
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
        Some(m)
    }
}

impl Fonts {
    pub fn load() -> Result<Fonts, FontError> {
        let mut metrics = Vec::new();
        for face in Face::ALL {
            metrics.push(Metrics::parse(face.bytes()).ok_or(FontError(face))?);
        }
        // a damaged symbol face is reported as the regular face: both are built in
        let symbols = Metrics::parse(SYMBOLS).ok_or(FontError(Face::Regular))?;
        Ok(Fonts { metrics, symbols })
    }

    fn get(&self, face: Face) -> &Metrics {
        // `load` fills one entry per face, in `Face::ALL` order
        &self.metrics[face.index()]
    }

    /// True when `c` can be printed in `face`: the face has it, or the symbol face stands in.
    pub fn covers(&self, face: Face, c: char) -> bool {
        self.source(face, c).is_some()
    }

    /// Which font draws `c` in `face`, if any can.
    fn source(&self, face: Face, c: char) -> Option<Source> {
        if self.get(face).advance(c).is_some() {
            Some(Source::Main)
        } else if !right_to_left(c) && self.symbols.advance(c).is_some() {
            Some(Source::Symbols)
        } else {
            None
        }
    }

    /// `text` (already printable) cut into runs each drawn by one font, as byte ranges in
    /// order. A combining mark stays with the run it follows; spaces are the main face's, so
    /// they are as wide as they were measured.
    pub fn runs(&self, face: Face, text: &str) -> Vec<(Source, Range<usize>)> {
        let mut runs: Vec<(Source, Range<usize>)> = Vec::new();
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            let sticky = unicode_normalization::char::is_combining_mark(c);
            let source = match runs.last_mut() {
                Some((_, r)) if sticky => {
                    r.end = end;
                    continue;
                }
                _ => self.source(face, c).unwrap_or(Source::Main),
            };
            match runs.last_mut() {
                Some((s, r)) if *s == source => r.end = end,
                _ => runs.push((source, at..end)),
            }
        }
        runs
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

    /// Width of `text` at `size` points: each character at its face's advance, or the symbol
    /// face's where that stands in, or the placeholder's.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let m = self.get(face);
        let fallback = m.advance(PLACEHOLDER).unwrap_or(0.5);
        text.chars()
            .map(|c| {
                m.advance(c)
                    .or_else(|| {
                        (!right_to_left(c))
                            .then(|| self.symbols.advance(c))
                            .flatten()
                    })
                    .unwrap_or(fallback)
            })
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
        Self::krilla_of(face.bytes())
    }

    /// The krilla font for embedded font bytes ([`Face::bytes`] or [`SYMBOLS`]).
    pub fn krilla_of(bytes: &'static [u8]) -> Option<krilla::text::Font> {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(bytes);
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
        assert_eq!(fonts.printable(Face::Bold, "電話 ok 🙂"), "?? ok ?");
        assert!(fonts.width(Face::Regular, 10.0, "MM") > fonts.width(Face::Regular, 10.0, "ii"));
        assert!(
            (fonts.width(Face::Mono, 10.0, "iiii") - fonts.width(Face::Mono, 10.0, "MMMM")).abs()
                < 0.01
        );
    }

    #[test]
    fn symbols_come_from_the_symbol_face_and_are_measured_with_it() {
        let fonts = Fonts::load().unwrap();
        let symbols = "✂ ☎ ✓ ✗ ⚠ ☐ ☑ →";
        for face in Face::ALL {
            assert_eq!(fonts.printable(face, symbols), symbols, "{face:?}");
        }
        // Liberation has the arrow itself; the rest are DejaVu's
        let text = "cut ✂ here → ☎☎ now";
        let runs = fonts.runs(Face::Regular, text);
        let shown: Vec<(Source, &str)> = runs.iter().map(|(s, r)| (*s, &text[r.clone()])).collect();
        assert_eq!(
            shown,
            [
                (Source::Main, "cut "),
                (Source::Symbols, "✂"),
                (Source::Main, " here → "),
                (Source::Symbols, "☎☎"),
                (Source::Main, " now"),
            ]
        );
        // the scissors are measured at DejaVu's advance (0.838 em), not the "?" (0.556 em)
        let scissors = fonts.width(Face::Regular, 10.0, "✂");
        let question = fonts.width(Face::Regular, 10.0, "?");
        assert!(scissors > question * 1.3, "{scissors} vs {question}");
        assert!(
            (fonts.width(Face::Regular, 10.0, "a✂")
                - scissors
                - fonts.width(Face::Regular, 10.0, "a"))
            .abs()
                < 1e-3
        );
    }

    #[test]
    fn right_to_left_text_stays_a_placeholder_and_unknown_text_keeps_its_runs_whole() {
        let fonts = Fonts::load().unwrap();
        // DejaVu has Arabic, but it would print backwards
        assert_eq!(fonts.printable(Face::Regular, "مرحبا"), "?????");
        assert_eq!(fonts.runs(Face::Regular, ""), []);
        assert_eq!(fonts.runs(Face::Mono, "?? ok"), [(Source::Main, 0..5)]);
        // a combining mark after a symbol stays with it
        assert_eq!(
            fonts.runs(Face::Regular, "☎\u{301}x"),
            [(Source::Symbols, 0..5), (Source::Main, 5..6)]
        );
    }
}
