//! Build-time image pipeline: checks the images the data file names and encodes each to AVIF,
//! lossy WebP and a fallback at the widths the pages show it at, native only.
//!
//! [`inspect`] is what `labctl check` asks about one file; [`Pipeline::process`] is what the build
//! runs, writing `img/<hash>-<width>.<ext>` files and returning the manifest entry the views read
//! ([`lab_model::images::ImageEntry`]). Encoded files are kept in a cache folder across builds, so
//! a build over unchanged images encodes nothing.
//!
//! The format is always sniffed from the bytes, and a raster image's size is read from its header
//! and checked before anything is decoded, so a small file that declares a huge image is refused
//! without allocating it.

use std::fmt;
use std::path::Path;

mod decode;
mod encode;
mod pipeline;
mod sniff;
mod svg;

pub use lab_model::images::{Encoded, ImageEntry, Rendition};
pub use pipeline::{Pipeline, Stats};

/// Largest source file accepted: 20 MB.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Largest source image accepted, in pixels on either side.
pub const MAX_SIDE: u32 = 10_000;

/// The source formats the site takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl Kind {
    /// The name people know the format by.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Gif => "GIF",
            Kind::Webp => "WebP",
            Kind::Svg => "SVG",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Gif => "gif",
            Kind::Webp => "webp",
            Kind::Svg => "svg",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
            Kind::Svg => "image/svg+xml",
        }
    }

    /// The format a file extension (without the dot, any case) stands for.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        match ext.to_ascii_lowercase().as_str() {
            "png" => Some(Kind::Png),
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(Kind::Jpeg),
            "gif" => Some(Kind::Gif),
            "webp" => Some(Kind::Webp),
            "svg" => Some(Kind::Svg),
            _ => None,
        }
    }
}

/// What a source image is: its format (from its bytes) and its size in pixels (for a JPEG, as
/// shown, after its EXIF orientation; for an SVG, its declared size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
}

/// Every way an image can be bad. `Display` gives a one-line message, meant to follow the file's
/// name, that says how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageError {
    Missing,
    /// The file exists but cannot be read (or, while processing, an output cannot be written).
    Unreadable(String),
    TooLarge {
        bytes: u64,
    },
    TooManyPixels {
        width: u32,
        height: u32,
    },
    /// The reason, e.g. "it starts like a text file".
    NotAnImage(String),
    /// The decoder's reason.
    Corrupt(String),
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageError::Missing => f.write_str("does not exist"),
            ImageError::Unreadable(e) => write!(f, "cannot be read: {e}"),
            ImageError::TooLarge { bytes } => write!(
                f,
                "is {:.1} MB; images may be at most {} MB: export it smaller",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_BYTES / (1024 * 1024)
            ),
            ImageError::TooManyPixels { width, height } => write!(
                f,
                "is {width}×{height} px; at most {MAX_SIDE} px on a side: scale it down"
            ),
            ImageError::NotAnImage(why) => write!(f, "is not an image ({why})"),
            ImageError::Corrupt(why) => write!(f, "is cut short or corrupt: {why}"),
        }
    }
}

impl std::error::Error for ImageError {}

/// What [`inspect`] says besides errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The extension says one format, the bytes another. `named` is the extension with its dot
    /// (`.png`), or empty when the file has none.
    Mislabelled { named: String, actual: Kind },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Mislabelled { named, actual } if named.is_empty() => write!(
                f,
                "is a {} image without an extension: rename it to end in .{}",
                actual.name(),
                actual.extension()
            ),
            Warning::Mislabelled { named, actual } => write!(
                f,
                "is a {} image named {named}: rename it to .{}",
                actual.name(),
                actual.extension()
            ),
        }
    }
}

/// Checks one source image for `labctl check`: it exists, is at most [`MAX_BYTES`], its format
/// (sniffed from the bytes) is one the site takes, its size from the header is at most
/// [`MAX_SIDE`] on a side, and it decodes completely (an SVG: its root `<svg>` element and size).
pub fn inspect(path: &Path) -> Result<(Probe, Vec<Warning>), ImageError> {
    let bytes = read_source(path)?;
    let kind = sniff::sniff(&bytes)?;
    let probe = match kind {
        Kind::Svg => svg::probe(&bytes)?,
        _ => decode::decode(&bytes, kind)?.probe,
    };
    Ok((probe, warnings(path, kind)))
}

/// Reads a source file, refusing one over [`MAX_BYTES`] before reading it.
pub(crate) fn read_source(path: &Path) -> Result<Vec<u8>, ImageError> {
    use std::io::Read;

    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ImageError::Missing),
        Err(e) => return Err(ImageError::Unreadable(e.to_string())),
    };
    if meta.is_dir() {
        return Err(ImageError::Unreadable("it is a folder, not a file".into()));
    }
    if meta.len() > MAX_BYTES {
        return Err(ImageError::TooLarge { bytes: meta.len() });
    }
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImageError::Missing,
        _ => ImageError::Unreadable(e.to_string()),
    })?;
    // The file may grow between the size check and the read: read one byte past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImageError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImageError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

fn warnings(path: &Path, actual: Kind) -> Vec<Warning> {
    let ext = path.extension().and_then(|e| e.to_str());
    match ext.and_then(Kind::from_extension) {
        Some(named) if named == actual => Vec::new(),
        _ => vec![Warning::Mislabelled {
            named: ext.map(|e| format!(".{e}")).unwrap_or_default(),
            actual,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_one_line_each() {
        assert_eq!(
            ImageError::TooLarge { bytes: 32_715_571 }.to_string(),
            "is 31.2 MB; images may be at most 20 MB: export it smaller"
        );
        assert_eq!(
            ImageError::TooManyPixels {
                width: 12000,
                height: 800
            }
            .to_string(),
            "is 12000×800 px; at most 10000 px on a side: scale it down"
        );
        assert_eq!(
            ImageError::NotAnImage("it starts like a text file".into()).to_string(),
            "is not an image (it starts like a text file)"
        );
        assert_eq!(ImageError::Missing.to_string(), "does not exist");
        assert_eq!(
            Warning::Mislabelled {
                named: ".png".into(),
                actual: Kind::Jpeg
            }
            .to_string(),
            "is a JPEG image named .png: rename it to .jpg"
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(Kind::from_extension("JPEG"), Some(Kind::Jpeg));
        assert_eq!(Kind::from_extension("Png"), Some(Kind::Png));
        assert_eq!(Kind::from_extension("bmp"), None);
        assert!(warnings(Path::new("a/b.jpeg"), Kind::Jpeg).is_empty());
        assert_eq!(
            warnings(Path::new("a/b"), Kind::Png),
            vec![Warning::Mislabelled {
                named: String::new(),
                actual: Kind::Png
            }]
        );
    }
}
