//! Laid-out pages to PDF bytes with krilla: text (each run in the font that has it), rules and
//! boxes, pictures, the footer on every page, clickable links, and the outline (bookmarks).

use krilla::Document as KDoc;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;

use super::PdfError;
use super::fonts::{Face, Fonts, SYMBOLS, Source};
use super::page::{ALARM, GREY, Item, Laid, LinkDest, MARGIN_X, Page, RULE, Rgb};
use super::shaping::Shaper;

/// What every page's footer says besides the title and page number.
pub struct Footer {
    pub practice: String,
    /// e.g. "Pack version 3 · reviewed 1 October 2026 · next review 1 April 2027".
    pub pack_line: String,
    pub example: bool,
}

/// The krilla fonts of the four faces, the symbol face, and the shaper.
struct Faces([Font; 4], Font, Shaper);

impl Faces {
    fn load() -> Result<Faces, PdfError> {
        let get = |f: Face| Fonts::krilla(f).ok_or(PdfError::Font(f));
        Ok(Faces(
            [
                get(Face::Regular)?,
                get(Face::Bold)?,
                get(Face::Italic)?,
                get(Face::Mono)?,
            ],
            Fonts::krilla_of(SYMBOLS).ok_or(PdfError::Font(Face::Regular))?,
            Shaper::new().ok_or(PdfError::Font(Face::Regular))?,
        ))
    }

    fn get(&self, face: Face, source: Source) -> Font {
        match source {
            Source::Main => self.0[face as usize].clone(),
            Source::Symbols => self.1.clone(),
        }
    }
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        ..Fill::default()
    }
}

fn stroke(width: f32, c: Rgb) -> Stroke {
    Stroke {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        width,
        ..Stroke::default()
    }
}

/// Render pages to a PDF.
pub fn render(
    laid: &Laid,
    fonts: &Fonts,
    footer: &Footer,
    title: &str,
) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::load()?;
    let mut doc = KDoc::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("manualpack".into()),
    );
    let total = laid.pages.len();
    for (index, page) in laid.pages.iter().enumerate() {
        let (w, h) = page.size();
        let settings = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize)?;
        let mut kpage = doc.start_page_with(settings);
        let mut surface = kpage.surface();
        for item in &page.items {
            draw(&mut surface, &faces, fonts, laid, item);
        }
        draw_footer(&mut surface, &faces, fonts, footer, page, index + 1, total);
        surface.finish();
        for item in &page.items {
            if let Some(annotation) = link(laid, item) {
                kpage.add_annotation(annotation.into());
            }
        }
        kpage.finish();
    }
    doc.set_outline(outline(laid));
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

/// Draw text (already printable) with its baseline at `y`: each run in the font that has its
/// characters (see [`Fonts::runs`]), one after the other.
#[allow(clippy::too_many_arguments)]
fn text(
    s: &mut Surface,
    faces: &Faces,
    fonts: &Fonts,
    face: Face,
    size: f32,
    (x, y): (f32, f32),
    t: &str,
    c: Rgb,
) {
    if t.trim().is_empty() {
        return;
    }
    s.set_stroke(None);
    s.set_fill(Some(fill(c)));
    let mut at = x;
    for (source, range) in fonts.runs(face, t) {
        let run = &t[range];
        let glyphs = faces.2.glyphs(face, source, run);
        s.draw_glyphs(
            Point::from_xy(at, y),
            &glyphs,
            faces.get(face, source),
            run,
            size,
            false,
        );
        at += glyphs
            .iter()
            .map(|g| krilla::text::Glyph::x_advance(g, size))
            .sum::<f32>();
    }
}

fn draw(s: &mut Surface, faces: &Faces, fonts: &Fonts, laid: &Laid, item: &Item) {
    match item {
        Item::Text {
            x,
            y,
            face,
            size,
            text: t,
            color,
        } => text(s, faces, fonts, *face, *size, (*x, *y), t, *color),
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(stroke(*width, *color)));
                s.draw_path(&path);
            }
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill: f,
            stroke: st,
        } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                s.set_fill(f.map(fill));
                s.set_stroke(st.map(|(width, c)| stroke(width, c)));
                s.draw_path(&path);
            }
        }
        Item::Tick { x, y, size } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x + size * 0.2, y + size * 0.55);
            pb.line_to(x + size * 0.42, y + size * 0.78);
            pb.line_to(x + size * 0.82, y + size * 0.22);
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(stroke(size * 0.14, (20, 20, 20))));
                s.draw_path(&path);
            }
        }
        Item::PageRef {
            key,
            right,
            y,
            face,
            size,
        } => {
            let number = laid
                .dests
                .get(key)
                .map_or_else(|| "–".to_string(), |(p, _)| (p + 1).to_string());
            let w = fonts.width(*face, *size, &number);
            text(
                s,
                faces,
                fonts,
                *face,
                *size,
                (right - w, *y),
                &number,
                (20, 20, 20),
            );
        }
        Item::Image {
            x,
            y,
            w,
            h,
            picture,
        } => {
            if let Some(size) = Size::from_wh(*w, *h) {
                s.push_transform(&Transform::from_translate(*x, *y));
                s.draw_image(picture.image(), size);
                s.pop();
            }
        }
        Item::Link { .. } => {}
    }
}

fn draw_footer(
    s: &mut Surface,
    faces: &Faces,
    fonts: &Fonts,
    footer: &Footer,
    page: &Page,
    n: usize,
    total: usize,
) {
    let (w, h) = page.size();
    let (left, right) = (MARGIN_X, w - MARGIN_X);
    let rule_y = h - 50.0;
    let mut pb = PathBuilder::new();
    pb.move_to(left, rule_y);
    pb.line_to(right, rule_y);
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(stroke(0.5, RULE)));
        s.draw_path(&path);
    }
    let size = 8.0;
    let printable = |face, t: &str| fonts.printable(face, t);
    let first = if page.title.is_empty() {
        footer.practice.clone()
    } else {
        format!("{}  ·  {}", footer.practice, page.title)
    };
    let number = format!("page {n} of {total}");
    let nw = fonts.width(Face::Bold, 9.0, &number);
    let first = fonts.fit(
        Face::Regular,
        size,
        &printable(Face::Regular, &first),
        right - left - nw - 20.0,
    );
    text(
        s,
        faces,
        fonts,
        Face::Regular,
        size,
        (left, h - 37.0),
        &first,
        GREY,
    );
    text(
        s,
        faces,
        fonts,
        Face::Bold,
        9.0,
        (right - nw, h - 37.0),
        &number,
        (30, 30, 30),
    );
    text(
        s,
        faces,
        fonts,
        Face::Regular,
        size,
        (left, h - 26.0),
        &printable(Face::Regular, &footer.pack_line),
        GREY,
    );
    if footer.example {
        let label = "EXAMPLE: fictional practice, not for real use";
        let lw = fonts.width(Face::Bold, size, label);
        text(
            s,
            faces,
            fonts,
            Face::Bold,
            size,
            (right - lw, h - 26.0),
            label,
            ALARM,
        );
        let tw = fonts.width(Face::Bold, 9.0, "EXAMPLE");
        text(
            s,
            faces,
            fonts,
            Face::Bold,
            9.0,
            (right - tw, 30.0),
            "EXAMPLE",
            ALARM,
        );
    }
}

fn destination(laid: &Laid, key: &str) -> Option<XyzDestination> {
    let (page, y) = laid.dests.get(key)?;
    Some(XyzDestination::new(*page, Point::from_xy(0.0, *y)))
}

fn link(laid: &Laid, item: &Item) -> Option<LinkAnnotation> {
    let Item::Link { x, y, w, h, dest } = item else {
        return None;
    };
    let rect = Rect::from_xywh(*x, *y, w.max(1.0), h.max(1.0))?;
    let target = match dest {
        LinkDest::Key(key) => Target::Destination(destination(laid, key)?.into()),
        LinkDest::Uri(uri) => Target::Action(Action::from(LinkAction::new(uri.clone()))),
    };
    Some(LinkAnnotation::new(rect, target))
}

/// The outline from the marks, nested by level.
fn outline(laid: &Laid) -> Outline {
    let mut outline = Outline::new();
    // open nodes, each with its level
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let close = |stack: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8| {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, node)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.push_child(node),
                    None => outline.push_child(node),
                }
            }
        }
    };
    for mark in &laid.marks {
        let Some(dest) = destination(laid, &mark.key) else {
            continue;
        };
        close(&mut stack, &mut outline, mark.level);
        stack.push((mark.level, OutlineNode::new(mark.title.clone(), dest)));
    }
    close(&mut stack, &mut outline, 0);
    outline
}
