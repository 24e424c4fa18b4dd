//! `Pipeline::process` on the repository's real images: the files it writes, the manifest entry
//! it returns, the cache, and bad input.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use lab_images::{ImageEntry, ImageError, Pipeline};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/images")
        .join(name)
}

/// Every file under `dir/img`, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    match fs::read_dir(dir.join("img")) {
        Ok(entries) => entries
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().into_string().unwrap(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect(),
        Err(_) => BTreeMap::new(),
    }
}

/// Width and height from an AVIF file's `ispe` box.
fn avif_size(bytes: &[u8]) -> (u32, u32) {
    let at = bytes
        .windows(4)
        .position(|w| w == b"ispe")
        .expect("an ispe box");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(at + 8), be(at + 12))
}

/// Checks every file of an entry: it exists, starts right, and has the width it claims.
fn check_outputs(out: &Path, entry: &ImageEntry) {
    for format in &entry.formats {
        for r in &format.files {
            let bytes = fs::read(out.join(&r.file)).unwrap_or_else(|e| panic!("{}: {e}", r.file));
            let h = entry.height_at(r.w);
            match format.mime.as_str() {
                "image/avif" => {
                    assert_eq!(&bytes[4..12], b"ftypavif", "{}", r.file);
                    assert_eq!(avif_size(&bytes), (r.w, h), "{}", r.file);
                }
                "image/webp" => {
                    assert!(
                        bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
                        "{}",
                        r.file
                    );
                    let img = image::load_from_memory(&bytes).unwrap();
                    assert_eq!((img.width(), img.height()), (r.w, h), "{}", r.file);
                }
                "image/png" | "image/jpeg" => {
                    let img = image::load_from_memory(&bytes).unwrap();
                    assert_eq!((img.width(), img.height()), (r.w, h), "{}", r.file);
                }
                other => panic!("{other}"),
            }
        }
    }
}

fn mimes(entry: &ImageEntry) -> Vec<&str> {
    entry.formats.iter().map(|f| f.mime.as_str()).collect()
}

fn widths(entry: &ImageEntry) -> Vec<Vec<u32>> {
    entry
        .formats
        .iter()
        .map(|f| f.files.iter().map(|r| r.w).collect())
        .collect()
}

#[test]
fn png_thumbnail_and_icon() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &dir.path().join("cache"));

    let entry = pipeline
        .process(&data("publications/medha.png"), &[320, 160])
        .unwrap();
    assert_eq!((entry.width, entry.height), (1174, 594));
    assert_eq!(mimes(&entry), ["image/avif", "image/webp", "image/png"]);
    assert_eq!(widths(&entry), vec![vec![160, 320]; 3]);
    let first = &entry.formats[0].files[0].file;
    assert!(
        first.starts_with("img/") && first.ends_with("-160.avif"),
        "{first}"
    );
    assert_eq!(first.len(), "img/".len() + 12 + "-160.avif".len());
    check_outputs(&out, &entry);

    // Wider than the 280 px source: only what fits, else the source's own width.
    let icon = pipeline.process(&data("icon.png"), &[160, 320]).unwrap();
    assert_eq!(widths(&icon), vec![vec![160]; 3]);
    let icon = pipeline.process(&data("icon.png"), &[640]).unwrap();
    assert_eq!(widths(&icon), vec![vec![280]; 3]);
    check_outputs(&out, &icon);
    assert_eq!(pipeline.stats().encoded, 6 + 3 + 3);
}

#[test]
fn jpeg_keeps_jpeg_and_mislabelled_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &dir.path().join("cache"));
    let entry = pipeline
        .process(&data("header.jpeg"), &[400, 5000])
        .unwrap();
    assert_eq!((entry.width, entry.height), (1560, 697));
    assert_eq!(mimes(&entry), ["image/avif", "image/webp", "image/jpeg"]);
    assert_eq!(widths(&entry), vec![vec![400]; 3]);
    assert!(entry.formats[2].files[0].file.ends_with("-400.jpg"));
    check_outputs(&out, &entry);

    let misnamed = dir.path().join("photo.png");
    fs::copy(data("header.jpeg"), &misnamed).unwrap();
    let again = pipeline.process(&misnamed, &[400]).unwrap();
    assert_eq!(again, entry, "same bytes, same files");
    assert_eq!(pipeline.stats().encoded, 3);
    assert_eq!(pipeline.stats().reused, 3);
}

#[test]
fn svg_is_copied_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &dir.path().join("cache"));
    let entry = pipeline.process(&data("logo.svg"), &[160, 320]).unwrap();
    assert_eq!((entry.width, entry.height), (280, 280));
    assert!(entry.is_vector());
    assert_eq!(widths(&entry), vec![vec![280]]);
    let file = &entry.formats[0].files[0].file;
    assert!(file.ends_with("-280.svg"), "{file}");
    assert_eq!(
        fs::read(out.join(file)).unwrap(),
        fs::read(data("logo.svg")).unwrap()
    );
}

#[test]
fn gif_and_transparent_sources() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &dir.path().join("cache"));

    // Left half transparent red (colour that must not bleed), right half opaque blue.
    let img = image::RgbaImage::from_fn(64, 32, |x, _| {
        if x < 32 {
            image::Rgba([255, 0, 0, 0])
        } else {
            image::Rgba([0, 0, 255, 255])
        }
    });
    let png = dir.path().join("half.png");
    img.save(&png).unwrap();
    let entry = pipeline.process(&png, &[32]).unwrap();
    check_outputs(&out, &entry);
    let fallback = image::open(out.join(&entry.formats[2].files[0].file))
        .unwrap()
        .into_rgba8();
    assert_eq!(
        fallback.get_pixel(2, 5)[3],
        0,
        "transparent stays transparent"
    );
    let edge = fallback.get_pixel(16, 5);
    assert!(edge[0] < 40 && edge[2] > 200, "no red fringe: {edge:?}");
    let webp =
        image::load_from_memory(&fs::read(out.join(&entry.formats[1].files[0].file)).unwrap())
            .unwrap()
            .into_rgba8();
    assert!(webp.get_pixel(2, 5)[3] < 10, "WebP keeps alpha");
    let avif = fs::read(out.join(&entry.formats[0].files[0].file)).unwrap();
    assert!(
        avif.windows(4).any(|w| w == b"auxC"),
        "AVIF has an alpha plane"
    );

    let gif = dir.path().join("anim.gif");
    image::RgbImage::from_pixel(40, 20, image::Rgb([10, 200, 30]))
        .save(&gif)
        .unwrap();
    let entry = pipeline.process(&gif, &[20]).unwrap();
    assert_eq!(mimes(&entry), ["image/avif", "image/webp", "image/png"]);
    check_outputs(&out, &entry);
}

#[test]
fn cache_is_reused_and_identical() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let inputs = [data("icon.png"), data("publications/unfoldml.png")];

    let first_out = dir.path().join("one");
    let mut first = Pipeline::new(&first_out, &cache);
    let first_entries: Vec<_> = inputs
        .iter()
        .map(|p| first.process(p, &[160, 320]).unwrap())
        .collect();
    assert_eq!(first.stats().reused, 0);
    assert_eq!(first.stats().encoded, 3 + 6);

    let second_out = dir.path().join("two");
    let mut second = Pipeline::new(&second_out, &cache);
    let second_entries: Vec<_> = inputs
        .iter()
        .map(|p| second.process(p, &[160, 320]).unwrap())
        .collect();
    assert_eq!(second.stats().encoded, 0);
    assert_eq!(second.stats().reused, 9);
    assert_eq!(first_entries, second_entries);
    assert_eq!(files(&first_out), files(&second_out));

    // A damaged cache file is encoded again, and mended.
    let damaged = &second_entries[1].formats[0].files[1].file;
    let name = damaged.strip_prefix("img/").unwrap();
    fs::write(cache.join(name), b"not an avif").unwrap();
    let third_out = dir.path().join("three");
    let mut third = Pipeline::new(&third_out, &cache);
    third.process(&inputs[1], &[160, 320]).unwrap();
    assert_eq!((third.stats().encoded, third.stats().reused), (1, 5));
    let hash = &damaged["img/".len().."img/".len() + 12];
    let expected: BTreeMap<_, _> = files(&second_out)
        .into_iter()
        .filter(|(n, _)| n.starts_with(hash))
        .collect();
    assert_eq!(files(&third_out), expected, "encoding is deterministic");
    assert_ne!(fs::read(cache.join(name)).unwrap(), b"not an avif");
}

#[test]
fn unusable_cache_does_not_fail_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    fs::write(&cache, b"a file where the cache folder should be").unwrap();
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &cache);
    let entry = pipeline.process(&data("icon.png"), &[64]).unwrap();
    check_outputs(&out, &entry);
    pipeline.process(&data("icon.png"), &[64]).unwrap();
    assert_eq!(pipeline.stats().encoded, 6);
}

#[test]
fn bad_sources_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &dir.path().join("cache"));
    let bytes = fs::read(data("icon.png")).unwrap();
    let half = dir.path().join("half.png");
    fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        pipeline.process(&half, &[64]),
        Err(ImageError::Corrupt(_))
    ));
    let text = dir.path().join("text.png");
    fs::write(&text, "hello").unwrap();
    assert!(matches!(
        pipeline.process(&text, &[64]),
        Err(ImageError::NotAnImage(_))
    ));
    assert_eq!(
        pipeline.process(&dir.path().join("missing.png"), &[64]),
        Err(ImageError::Missing)
    );
    assert!(files(&out).is_empty());
    assert_eq!(pipeline.stats().encoded + pipeline.stats().reused, 0);
}

#[test]
fn jpeg_exif_orientation_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut jpeg = Vec::new();
    let pixels = image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([(x * 6) as u8, 90, 160]));
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
        .encode_image(&pixels)
        .unwrap();
    // An EXIF block whose only tag is Orientation = 6 (turn 90° clockwise to show).
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    exif.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend((exif.len() as u16 + 2).to_be_bytes());
    app1.extend(exif);
    jpeg.splice(2..2, app1);
    let path = dir.path().join("turned.jpg");
    fs::write(&path, &jpeg).unwrap();

    let (probe, _) = lab_images::inspect(&path).unwrap();
    assert_eq!((probe.width, probe.height), (20, 40));
    let out = dir.path().join("dist");
    let mut pipeline = Pipeline::new(&out, &dir.path().join("cache"));
    let entry = pipeline.process(&path, &[10]).unwrap();
    assert_eq!((entry.width, entry.height), (20, 40));
    check_outputs(&out, &entry);
}
