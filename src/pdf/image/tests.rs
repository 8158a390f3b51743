#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use super::*;
use crate::pdf::fonts::Fonts;
use crate::pdf::page::{A4, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap()
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images")
}

/// A grey PNG of `w` × `h` pixels, made with the png crate.
fn png_of(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![128; (w * h) as usize])
            .unwrap();
    }
    out
}

#[test]
fn png_and_jpeg_of_every_kind_decode_with_their_size() {
    for (name, size) in [
        ("rgb-4x3.png", (4, 3)),
        ("rgba-2x2.png", (2, 2)),
        ("indexed-3x2.png", (3, 2)),
        ("grey16-2x2.png", (2, 2)),
        ("rgb-64x40.jpg", (64, 40)),
    ] {
        let picture = decode(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(picture.pixels, size, "{name}");
    }
}

#[test]
fn damaged_odd_and_oversized_files_are_refused_with_a_reason() {
    let reason = |name: &str| decode(fixture(name)).unwrap_err();
    assert!(matches!(reason("damaged.png"), Failure::Damaged(_)));
    assert!(matches!(reason("truncated.jpg"), Failure::Damaged(_)));
    assert_eq!(reason("not-a-picture.png"), Failure::Format);
    assert_eq!(
        reason("too-many-pixels.png"),
        Failure::TooManyPixels(5000, 5000)
    );
    assert_eq!(decode(Vec::new()).unwrap_err(), Failure::Format);
    let mut big = fixture("rgb-4x3.png");
    big.resize(MAX_BYTES as usize + 1, 0);
    assert_eq!(decode(big).unwrap_err(), Failure::TooLarge);
    // GIF is not one of the two kinds
    assert_eq!(
        decode(b"GIF89a\x01\x00".to_vec()).unwrap_err(),
        Failure::Format
    );
}

#[test]
fn hostile_bytes_never_panic() {
    let good = [fixture("rgb-4x3.png"), fixture("rgb-64x40.jpg")];
    for bytes in &good {
        // every cut and a flipped byte at every place of the first 200
        for cut in 0..bytes.len() {
            let _ = decode(bytes[..cut].to_vec());
        }
        for at in 0..bytes.len().min(200) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x5A;
            let _ = decode(flipped);
        }
    }
}

#[test]
fn pictures_print_at_150_dpi_at_most_and_shrink_to_fit() {
    let small = decode(png_of(150, 75)).unwrap();
    // 150 pixels at 150 dpi: one inch, 72 points; never upscaled
    assert_eq!(small.fit(400.0, 700.0), (72.0, 36.0));
    let wide = decode(png_of(3000, 300)).unwrap();
    let (w, h) = wide.fit(480.0, 700.0);
    assert!(
        (w - 480.0).abs() < 0.01 && (h - 48.0).abs() < 0.01,
        "{w} {h}"
    );
    let tall = decode(png_of(300, 3000)).unwrap();
    let (w, h) = tall.fit(480.0, 700.0);
    assert!(
        (h - 700.0).abs() < 0.01 && (w - 70.0).abs() < 0.01,
        "{w} {h}"
    );
}

#[test]
fn notices_name_the_image_and_the_reason() {
    assert_eq!(
        notice("Map of the car park", &Failure::TooLarge),
        "[image could not be printed: Map of the car park — the file is larger than 8 MiB]"
    );
    assert_eq!(
        notice(
            "  ",
            &Failure::File(AssetError::Missing("images/x.png".into()))
        ),
        "[image could not be printed: no description — the pack has no file `images/x.png`]"
    );
}

#[test]
fn images_are_read_from_the_pack_folder_and_never_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pack");
    std::fs::create_dir_all(root.join("images")).unwrap();
    std::fs::write(root.join("images/map.png"), fixture("rgb-4x3.png")).unwrap();
    std::fs::write(dir.path().join("secret.png"), fixture("rgb-4x3.png")).unwrap();
    let mut big = fixture("rgb-4x3.png");
    big.resize(MAX_BYTES as usize + 1, 0);
    std::fs::write(root.join("images/big.png"), big).unwrap();
    let mut pack = crate::pack::Pack::from_files("t", Vec::new(), Vec::new());
    assert!(matches!(
        Images::of(&pack).get("images/map.png"),
        Err(Failure::File(AssetError::NoFolder))
    ));
    pack.root = Some(root.clone());
    let images = Images::of(&pack);
    assert_eq!(images.get("images/map.png").unwrap().pixels, (4, 3));
    assert_eq!(images.get("images/big.png"), Err(Failure::TooLarge));
    let refused = |r: Result<Picture, Failure>| matches!(r, Err(Failure::File(_)));
    assert!(refused(images.get("images/none.png")));
    assert!(refused(images.get("../secret.png")));
    assert!(refused(images.get("images")));
    assert!(refused(images.get("/etc/passwd")));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.png"), root.join("images/link.png"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("outside")).unwrap();
        assert!(refused(images.get("images/link.png")));
        assert!(refused(images.get("outside/secret.png")));
    }
}

#[test]
fn one_pdf_takes_in_at_most_its_image_budget() {
    // files of just under 8 MiB each (a tiny PNG with bytes after its end): the ninth is over
    let picture = png_of(2, 2);
    let mut files = HashMap::new();
    let n = (MAX_TOTAL_BYTES / MAX_BYTES) as usize + 1;
    for i in 0..n {
        let mut bytes = picture.clone();
        bytes.resize(MAX_BYTES as usize - 16, 0);
        files.insert(format!("images/{i}.png"), bytes);
    }
    let images = Images::memory(files);
    let results: Vec<_> = (0..n)
        .map(|i| images.get(&format!("images/{i}.png")))
        .collect();
    assert!(results[..n - 1].iter().all(Result::is_ok), "{results:?}");
    assert_eq!(results[n - 1], Err(Failure::Budget));
    // asking again gives the same answer without reading again
    assert_eq!(images.get("images/0.png").map(|p| p.pixels), Ok((2, 2)));
}

#[test]
fn a_figure_keeps_its_caption_on_its_page_and_a_failure_is_a_visible_line() {
    let fonts = Fonts::load().unwrap();
    let mut flow = Flow::new(&fonts);
    flow.page(false, "t");
    let mut files = HashMap::new();
    files.insert("images/tall.png".to_string(), png_of(400, 2000));
    flow.images = Images::memory(files);
    // fill most of the first page so the figure goes to the next one, whole
    flow.take(500.0);
    figure(
        &mut flow,
        Some("images/tall.png"),
        "The car park, with the fire assembly point",
        true,
    );
    figure(&mut flow, Some("images/gone.png"), "floor plan", false);
    let pages = &flow.laid.pages;
    // the figure fills the second page; the notice goes on a third
    assert_eq!(pages.len(), 3);
    assert!(
        !pages[0]
            .items
            .iter()
            .any(|i| matches!(i, Item::Image { .. }))
    );
    let body_bottom = A4.1 - MARGIN_BOTTOM;
    let (img_bottom, img_w) = pages[1]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Image { y, h, w, x, .. } => {
                assert!((x - MARGIN_X).abs() < 0.01 && (y - MARGIN_TOP).abs() < 0.01);
                Some((y + h, *w))
            }
            _ => None,
        })
        .unwrap();
    // 2000 pixels at 150 dpi would be 960 pt: shrunk to leave the caption room on the page
    assert!(img_bottom < body_bottom - 10.0, "{img_bottom}");
    assert!(img_w < 400.0 * 0.48);
    let texts: Vec<(&str, f32)> = pages[1]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, y, .. } => Some((text.as_str(), *y)),
            _ => None,
        })
        .collect();
    assert!(texts[0].0.starts_with("The car park"), "{texts:?}");
    assert!(
        texts[0].1 > img_bottom && texts[0].1 <= body_bottom,
        "{texts:?}"
    );
    let notice = pages[2]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        notice.contains(
            "[image could not be printed: floor plan — the pack has no file `images/gone.png`]"
        ),
        "{notice}"
    );
}

#[test]
fn a_paragraph_of_just_a_picture_is_a_figure_and_anything_more_is_text() {
    let doc = crate::markdown::parse(
        "![Map](../images/map.png)\n\n  ![Map](../images/map.png)  \n\n\
         See ![Map](../images/map.png) here.\n\n![a](../images/a.png) ![b](../images/b.png)\n\n\
         ![Web](https://example.org/x.png)\n",
        crate::markdown::Context {
            dir: "procedures",
            line_offset: 0,
        },
    );
    let found: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| match b {
            crate::document::Block::Paragraph(content) => lone(&doc, content),
            _ => None,
        })
        .collect();
    assert_eq!(
        found,
        [
            Some((Some("images/map.png"), "Map")),
            Some((Some("images/map.png"), "Map")),
            None,
            None,
            Some((None, "Web")),
        ]
    );
}

#[test]
fn a_picture_a_little_too_tall_for_the_room_left_shrinks_instead_of_leaving_a_gap() {
    let fonts = Fonts::load().unwrap();
    // a caption of two lines, and something after it
    let caption = "Floor plan of the ground floor showing fire exits 1 to 3, the generator in the \
                   yard and the changeover switch G1 in the staff room, beside the back door";
    let room_for = |room: f32| {
        let mut flow = Flow::new(&fonts);
        flow.page(false, "t");
        // 500 pixels at 150 dpi: 240 pt tall
        flow.images = Images::memory(HashMap::from([("a.png".to_string(), png_of(250, 500))]));
        flow.take(flow.room() - room);
        figure(&mut flow, Some("a.png"), caption, true);
        flow.laid
    };
    let image_of = |page: &crate::pdf::page::Page| {
        page.items.iter().find_map(|i| match i {
            Item::Image { y, w, h, .. } => Some((*y, *w, *h)),
            _ => None,
        })
    };
    let captions = |page: &crate::pdf::page::Page| {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, y, .. } => Some((text.clone(), *y)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let bottom = A4.1 - MARGIN_BOTTOM;
    // room for all but 40 pt: shrunk onto this page, its shape kept, framed, with its two
    // caption lines and room for two lines of what follows under it
    let laid = room_for(240.0 + 30.0 + KEEP_AFTER - 40.0);
    assert_eq!(laid.pages.len(), 1);
    let (_, w, h) = image_of(&laid.pages[0]).unwrap();
    assert!(
        h < 240.0 && h > 240.0 * MIN_SHRINK && (w / h - 0.5).abs() < 1e-3,
        "{w} {h}"
    );
    assert!(laid.pages[0].items.iter().any(|i| matches!(
        i,
        Item::Rect {
            stroke: Some(_),
            fill: None,
            ..
        }
    )));
    let lines = captions(&laid.pages[0]);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].1 + KEEP_AFTER <= bottom + 0.01, "{lines:?}");
    // room for 100: the next page, at its full size, caption with it
    let laid = room_for(100.0);
    assert_eq!(laid.pages.len(), 2);
    assert_eq!(
        image_of(&laid.pages[1]).map(|i| (i.1, i.2)),
        Some((120.0, 240.0))
    );
    assert_eq!(captions(&laid.pages[1]).len(), 2);
}
