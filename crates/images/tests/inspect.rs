//! `inspect` on the repository's real images and on every kind of bad file.

use std::fs;
use std::path::{Path, PathBuf};

use lab_images::{inspect, ImageError, Kind, Probe, Warning, MAX_BYTES};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/images")
        .join(name)
}

fn probe(path: &Path) -> Probe {
    let (probe, warnings) = inspect(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(warnings.is_empty(), "{warnings:?}");
    probe
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// A PNG chunk with its CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(data);
    let crc = kind.iter().chain(data).fold(0xFFFF_FFFFu32, |mut crc, &b| {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
        crc
    });
    out.extend((!crc).to_be_bytes());
    out
}

/// A well-formed PNG that declares `width`×`height` and holds a few bytes of pixels.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]); // 8-bit RGBA, deflate, adaptive filters, not interlaced
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    // A zlib stream of nothing but zero bytes would inflate to the whole image; a few bytes do.
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[test]
fn real_images() {
    assert_eq!(
        probe(&data("icon.png")),
        Probe {
            kind: Kind::Png,
            width: 280,
            height: 280
        }
    );
    assert_eq!(
        probe(&data("header.jpeg")),
        Probe {
            kind: Kind::Jpeg,
            width: 1560,
            height: 697
        }
    );
    assert_eq!(
        probe(&data("logo.svg")),
        Probe {
            kind: Kind::Svg,
            width: 280,
            height: 280
        }
    );
    assert_eq!(
        probe(&data("publications/medha.png")),
        Probe {
            kind: Kind::Png,
            width: 1174,
            height: 594
        }
    );
}

#[test]
fn cut_short_or_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["icon.png", "header.jpeg"] {
        let bytes = fs::read(data(name)).unwrap();
        let half = write(
            dir.path(),
            &format!("half-{name}"),
            &bytes[..bytes.len() / 2],
        );
        assert!(
            matches!(inspect(&half), Err(ImageError::Corrupt(_))),
            "{name}: {:?}",
            inspect(&half).map(|r| r.0)
        );
    }
    let mut garbage = b"\x89PNG\r\n\x1a\n".to_vec();
    garbage.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let path = write(dir.path(), "garbage.png", &garbage);
    assert!(matches!(inspect(&path), Err(ImageError::Corrupt(_))));
    let message = inspect(&path).unwrap_err().to_string();
    assert!(
        message.starts_with("is cut short or corrupt: "),
        "{message}"
    );

    let mut jpeg_garbage = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    jpeg_garbage.extend([0x55; 300]);
    let path = write(dir.path(), "garbage.jpg", &jpeg_garbage);
    assert!(matches!(inspect(&path), Err(ImageError::Corrupt(_))));
}

#[test]
fn huge_declared_size_is_refused_from_the_header() {
    let dir = tempfile::tempdir().unwrap();
    for (w, h) in [(20_000, 20_000), (50_000, 10), (10, 50_000)] {
        let path = write(dir.path(), "bomb.png", &png_declaring(w, h));
        assert_eq!(
            inspect(&path).unwrap_err(),
            ImageError::TooManyPixels {
                width: w,
                height: h
            }
        );
    }
    // The same construction at a size that is allowed reaches the decoder, which finds the
    // pixel data missing: the size check above was what refused the others.
    let path = write(dir.path(), "small.png", &png_declaring(100, 100));
    assert!(matches!(inspect(&path), Err(ImageError::Corrupt(_))));
}

#[test]
fn not_images() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.png", b"");
    assert_eq!(
        inspect(&empty).unwrap_err(),
        ImageError::NotAnImage("it is empty".into())
    );
    let text = write(dir.path(), "notes.png", b"TODO: draw the figure\n");
    assert_eq!(
        inspect(&text).unwrap_err().to_string(),
        "is not an image (it starts like a text file)"
    );
    let xml = write(
        dir.path(),
        "feed.svg",
        b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
    );
    assert!(
        matches!(inspect(&xml), Err(ImageError::NotAnImage(why)) if why.contains("<feed>")),
        "{:?}",
        inspect(&xml).map(|r| r.0)
    );
    assert!(matches!(
        inspect(dir.path()),
        Err(ImageError::Unreadable(_))
    ));
}

#[test]
fn mislabelled_jpeg() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "photo.png",
        &fs::read(data("header.jpeg")).unwrap(),
    );
    let (probe, warnings) = inspect(&path).unwrap();
    assert_eq!(probe.kind, Kind::Jpeg);
    assert_eq!(
        warnings,
        vec![Warning::Mislabelled {
            named: ".png".into(),
            actual: Kind::Jpeg
        }]
    );
    assert_eq!(
        warnings[0].to_string(),
        "is a JPEG image named .png: rename it to .jpg"
    );
}

#[test]
fn too_large_and_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.png");
    let file = fs::File::create(&path).unwrap();
    // Sparse: no disk space is used.
    file.set_len(MAX_BYTES + 1).unwrap();
    assert_eq!(
        inspect(&path).unwrap_err(),
        ImageError::TooLarge {
            bytes: MAX_BYTES + 1
        }
    );
    assert_eq!(
        inspect(&path).unwrap_err().to_string(),
        "is 20.0 MB; images may be at most 20 MB: export it smaller"
    );
    file.set_len(MAX_BYTES).unwrap();
    assert!(matches!(inspect(&path), Err(ImageError::NotAnImage(_))));
    assert_eq!(
        inspect(&dir.path().join("nope.png")).unwrap_err(),
        ImageError::Missing
    );
}

#[test]
fn svg_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let sized = write(dir.path(), "a.svg", br#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="1" height="1"/></svg>"#);
    assert_eq!(
        probe(&sized),
        Probe {
            kind: Kind::Svg,
            width: 120,
            height: 40
        }
    );
    let view_box = write(
        dir.path(),
        "b.svg",
        b"<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 48 24.4\"></svg>\n",
    );
    assert_eq!(
        probe(&view_box),
        Probe {
            kind: Kind::Svg,
            width: 48,
            height: 24
        }
    );
    let bare = write(dir.path(), "c.svg", b"<svg/>");
    assert_eq!(
        probe(&bare),
        Probe {
            kind: Kind::Svg,
            width: 300,
            height: 150
        }
    );
}
