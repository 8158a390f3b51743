//! Text to positioned glyphs, with the shaping data built once per face for a whole PDF.
//!
//! krilla's `draw_text` parses the font's shaping tables and compiles a shaping plan for every
//! run of text it is given; on a binder of a thousand pages that was a fifth of the time. Here
//! each face is parsed once and its plans (one per script met) are kept, and krilla is handed
//! the glyphs. The result is the same glyphs krilla would have made: left-to-right, the script
//! guessed from the text, default features (kerning, ligatures).

use std::cell::RefCell;
use std::collections::HashMap;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};

use super::fonts::{Face, SYMBOLS, Source};

/// Shaping for the four faces and the symbol face, for one document.
pub struct Shaper {
    faces: Vec<(rustybuzz::Face<'static>, f32)>,
    plans: RefCell<HashMap<(usize, Option<Script>), ShapePlan>>,
}

impl Shaper {
    /// `None` only if an embedded font cannot be parsed (a damaged build).
    pub fn new() -> Option<Shaper> {
        let faces = Face::ALL
            .iter()
            .map(|f| f.bytes())
            .chain([SYMBOLS])
            .map(|bytes| {
                let face = rustybuzz::Face::from_slice(bytes, 0)?;
                let upem = face.units_per_em() as f32;
                Some((face, upem))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Shaper {
            faces,
            plans: RefCell::new(HashMap::new()),
        })
    }

    /// The glyphs of `text` in `face` (or in the symbol face standing in for it), each with the
    /// byte range of the text it shows.
    pub fn glyphs(&self, face: Face, source: Source, text: &str) -> Vec<KrillaGlyph> {
        let slot = match source {
            Source::Main => face as usize,
            Source::Symbols => Face::ALL.len(),
        };
        let Some((font, upem)) = self.faces.get(slot) else {
            return Vec::new();
        };
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(Direction::LeftToRight);
        let script = buffer.script();
        let key = (slot, Some(script));
        let mut plans = self.plans.borrow_mut();
        let plan = plans.entry(key).or_insert_with(|| {
            ShapePlan::new(
                font,
                Direction::LeftToRight,
                Some(script),
                buffer.language().as_ref(),
                &[],
            )
        });
        let out = rustybuzz::shape_with_plan(font, plan, buffer);
        let infos = out.glyph_infos();
        let positions = out.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // a glyph shows its cluster's text, up to where the next cluster starts
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / upem,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        glyphs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_of_the_text_is_covered_once_in_order() {
        let shaper = Shaper::new().expect("fonts");
        for face in Face::ALL {
            for text in [
                "Call 01632 960210",
                "office fit AV Wa",
                "Ffôn ŵyr ŷ",
                "Привет",
                "a\u{301}b",
            ] {
                let glyphs = shaper.glyphs(face, Source::Main, text);
                assert!(!glyphs.is_empty(), "{text}");
                let mut at = 0;
                for g in &glyphs {
                    let r = krilla::text::Glyph::text_range(g);
                    assert!(r.start <= r.end && r.end <= text.len(), "{text}: {r:?}");
                    if r.start != at {
                        // a glyph of the same cluster repeats its range
                        assert!(r.end <= at, "{text}: gap before {r:?}");
                    }
                    at = at.max(r.end);
                }
                assert_eq!(at, text.len(), "{text}");
            }
        }
    }

    #[test]
    fn plans_are_built_once_per_face_and_script() {
        let shaper = Shaper::new().expect("fonts");
        for _ in 0..50 {
            shaper.glyphs(Face::Regular, Source::Main, "Phone the practice manager");
            shaper.glyphs(Face::Bold, Source::Main, "Warning");
            shaper.glyphs(Face::Bold, Source::Symbols, "✂");
        }
        assert_eq!(shaper.plans.borrow().len(), 3);
    }

    #[test]
    fn the_symbol_face_has_glyphs_for_symbols() {
        let shaper = Shaper::new().expect("fonts");
        for c in ["✂", "☎", "✓", "✗", "⚠", "☐", "☑"] {
            let glyphs = shaper.glyphs(Face::Regular, Source::Symbols, c);
            assert_eq!(glyphs.len(), 1, "{c}");
            assert_ne!(
                krilla::text::Glyph::glyph_id(&glyphs[0]).to_u32(),
                0,
                "{c} is .notdef"
            );
            // and Liberation has none
            let main = shaper.glyphs(Face::Regular, Source::Main, c);
            assert_eq!(krilla::text::Glyph::glyph_id(&main[0]).to_u32(), 0, "{c}");
        }
    }
}
