//! Decodes a raster source safely: the size comes from the header and is checked before any
//! pixel is allocated, decoding runs under `image::Limits`, and a decoder that panics on hostile
//! input gives an error instead of taking the build down.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::{sniff, ImageError, Kind, Probe, MAX_SIDE};

/// Largest allocation a decoder may make: a 10000×10000 RGBA image at 8 bits per channel fits,
/// with room for the decoder's own buffers.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// A decoder with its header read, nothing decoded yet.
pub(crate) struct Header {
    decoder: Box<dyn ImageDecoder + 'static>,
    /// Before orientation.
    width: u32,
    height: u32,
    orientation: Orientation,
    kind: Kind,
}

pub(crate) struct Decoded {
    pub(crate) probe: Probe,
    /// Upright (EXIF orientation applied).
    pub(crate) image: DynamicImage,
}

/// Reads a raster image's header and checks its size.
pub(crate) fn header(bytes: &[u8], kind: Kind) -> Result<Header, ImageError> {
    let format = match kind {
        Kind::Png => ImageFormat::Png,
        Kind::Jpeg => ImageFormat::Jpeg,
        Kind::Gif => ImageFormat::Gif,
        Kind::Webp => ImageFormat::WebP,
        Kind::Svg => {
            return Err(ImageError::NotAnImage(
                "it is an SVG, not a raster image".into(),
            ))
        }
    };
    // The decoder owns its input, so that a header can outlive the caller's borrow.
    let data = bytes.to_vec();
    let opened = guard(move || {
        let mut reader = ImageReader::with_format(Cursor::new(data), format);
        // No size limit yet: the size is checked below, with an error that gives it.
        let mut limits = Limits::default();
        limits.max_alloc = Some(MAX_ALLOC);
        reader.limits(limits);
        let decoder = reader.into_decoder()?;
        Ok(Box::new(decoder) as Box<dyn ImageDecoder>)
    })
    .map_err(|e| match e {
        ImageError::TooManyPixels { .. } => {
            ImageError::Corrupt("its header asks for more memory than an image may take".into())
        }
        e => e,
    })?;
    let mut decoder = opened;
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::TooManyPixels { width, height });
    }
    if width == 0 || height == 0 {
        return Err(ImageError::Corrupt(format!(
            "its header says it is {width}×{height} px"
        )));
    }
    // A broken EXIF block only loses the orientation; browsers also show such a file.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(Header {
        decoder,
        width,
        height,
        orientation,
        kind,
    })
}

impl Header {
    /// The size as shown, after the EXIF orientation.
    pub(crate) fn probe(&self) -> Probe {
        let (width, height) = if turns(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        };
        Probe {
            kind: self.kind,
            width,
            height,
        }
    }

    pub(crate) fn decode(self, bytes: &[u8]) -> Result<Decoded, ImageError> {
        let probe = self.probe();
        let Header {
            mut decoder,
            width,
            height,
            orientation,
            kind,
        } = self;
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_ALLOC);
        let mut image = guard(move || {
            decoder.set_limits(limits)?;
            DynamicImage::from_decoder(decoder)
        })
        .map_err(|e| match e {
            ImageError::TooManyPixels { .. } => ImageError::TooManyPixels { width, height },
            e => e,
        })?;
        if kind == Kind::Jpeg && !sniff::jpeg_is_complete(bytes) {
            return Err(ImageError::Corrupt(
                "the JPEG data ends before its end marker".into(),
            ));
        }
        image.apply_orientation(orientation);
        Ok(Decoded { probe, image })
    }
}

/// Reads the header, checks the size, then decodes the whole image.
pub(crate) fn decode(bytes: &[u8], kind: Kind) -> Result<Decoded, ImageError> {
    header(bytes, kind)?.decode(bytes)
}

fn turns(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Runs decoder code, turning its errors and any panic into an [`ImageError`].
fn guard<T>(f: impl FnOnce() -> image::ImageResult<T>) -> Result<T, ImageError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(from_image_error(e)),
        Err(_) => Err(ImageError::Corrupt("the decoder gave up on it".into())),
    }
}

fn from_image_error(e: image::ImageError) -> ImageError {
    use image::ImageError as E;
    match e {
        // The size is filled in by the caller, which knows it.
        E::Limits(_) => ImageError::TooManyPixels {
            width: 0,
            height: 0,
        },
        E::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageError::Corrupt("the data ends early".into())
        }
        E::IoError(e) => ImageError::Corrupt(e.to_string()),
        E::Decoding(e) => ImageError::Corrupt(e.to_string()),
        E::Unsupported(e) => {
            ImageError::Corrupt(format!("{e}; re-export it as a plain PNG or JPEG"))
        }
        e @ (E::Parameter(_) | E::Encoding(_)) => ImageError::Corrupt(e.to_string()),
    }
}
