//! Resizes a decoded image and encodes it to each output format. The settings live here, with
//! [`SETTINGS_VERSION`], which goes into every output's name so that changing them re-encodes.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{
    DynamicImage, ExtendedColorType, GrayAlphaImage, GrayImage, ImageEncoder, RgbImage, RgbaImage,
};

/// Bump when any setting below changes: every output then gets a new name.
pub(crate) const SETTINGS_VERSION: &str = "lab-images/1";

/// ravif's 1-100 scale; about 60 keeps text in diagrams crisp at thumbnail sizes.
const AVIF_QUALITY: f32 = 62.0;
const AVIF_ALPHA_QUALITY: f32 = 80.0;
/// rav1e's 1 (slowest) to 10; 8 costs little over 10 in bytes at these sizes.
const AVIF_SPEED: u8 = 8;
const WEBP_QUALITY: f32 = 75.0;
/// libwebp's 0 (fastest) to 6; thumbnails are small enough for the slowest.
const WEBP_METHOD: i32 = 6;
const JPEG_QUALITY: u8 = 80;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Avif,
    Webp,
    Png,
    Jpeg,
}

impl Format {
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::Webp => "webp",
            Format::Png => "png",
            Format::Jpeg => "jpg",
        }
    }

    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Avif => "image/avif",
            Format::Webp => "image/webp",
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
        }
    }

    /// Whether `bytes` start like a file of this format (a check on cached files).
    pub(crate) fn looks_right(self, bytes: &[u8]) -> bool {
        match self {
            Format::Avif => bytes.len() > 12 && &bytes[4..12] == b"ftypavif",
            Format::Webp => {
                bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP"
            }
            Format::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Format::Jpeg => {
                bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9])
            }
        }
    }
}

/// A source ready to be resized any number of times.
pub(crate) struct Prepared {
    pixels: Source,
    /// Grey sources get grey PNG fallbacks.
    grey: bool,
}

enum Source {
    /// No transparency: alpha, if the file had a channel for it, is dropped.
    Opaque(DynamicImage),
    /// RGBA at 16 bits (precise enough, half the memory of `f32`), premultiplied, because a
    /// resampling filter mixes neighbours and a transparent pixel's colour must not bleed into
    /// the visible ones.
    Transparent(DynamicImage),
}

/// One resized image, 8 bits per channel.
pub(crate) enum Pixels {
    Rgb(RgbImage),
    Rgba(RgbaImage),
}

impl Pixels {
    fn size(&self) -> (u32, u32) {
        match self {
            Pixels::Rgb(p) => p.dimensions(),
            Pixels::Rgba(p) => p.dimensions(),
        }
    }
}

pub(crate) fn prepare(image: DynamicImage) -> Prepared {
    let grey = !image.color().has_color();
    let pixels = if image.color().has_alpha() && !is_opaque(&image) {
        let mut pixels = image.into_rgba16();
        for p in pixels.pixels_mut() {
            let a = u32::from(p[3]);
            for c in &mut p.0[..3] {
                *c = ((u32::from(*c) * a + 32_767) / 65_535) as u16;
            }
        }
        Source::Transparent(DynamicImage::ImageRgba16(pixels))
    } else {
        Source::Opaque(DynamicImage::ImageRgb8(image.into_rgb8()))
    };
    Prepared { pixels, grey }
}

fn is_opaque(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageRgba8(p) => p.as_raw().chunks_exact(4).all(|px| px[3] == u8::MAX),
        DynamicImage::ImageLumaA8(p) => p.as_raw().chunks_exact(2).all(|px| px[1] == u8::MAX),
        other => other
            .to_rgba8()
            .as_raw()
            .chunks_exact(4)
            .all(|px| px[3] == u8::MAX),
    }
}

/// The image at `width`×`height` pixels, with Lanczos3 (sharp, few artefacts when shrinking).
pub(crate) fn resize(source: &Prepared, width: u32, height: u32) -> Pixels {
    match &source.pixels {
        Source::Opaque(image) if image.width() == width && image.height() == height => {
            Pixels::Rgb(image.to_rgb8())
        }
        Source::Opaque(image) => Pixels::Rgb(
            image
                .resize_exact(width, height, FilterType::Lanczos3)
                .into_rgb8(),
        ),
        Source::Transparent(image) => {
            // `DynamicImage::resize_exact`, not `imageops::resize`: see `avif` on where generic
            // code gets compiled.
            let mut small = if (image.width(), image.height()) == (width, height) {
                image.to_rgba16()
            } else {
                image
                    .resize_exact(width, height, FilterType::Lanczos3)
                    .into_rgba16()
            };
            for p in small.pixels_mut() {
                let a = u32::from(p[3]);
                for c in &mut p.0[..3] {
                    *c = match a {
                        0 => 0,
                        _ => ((u32::from(*c) * 65_535 + a / 2) / a).min(65_535) as u16,
                    };
                }
            }
            Pixels::Rgba(DynamicImage::ImageRgba16(small).into_rgba8())
        }
    }
}

/// Encodes one resized image. Errors are the encoder's reason.
pub(crate) fn encode(
    format: Format,
    pixels: &Pixels,
    source: &Prepared,
) -> Result<Vec<u8>, String> {
    match format {
        Format::Avif => avif(pixels),
        Format::Webp => webp(pixels),
        Format::Png => png(pixels, source.grey),
        Format::Jpeg => jpeg(pixels),
    }
}

fn avif(pixels: &Pixels) -> Result<Vec<u8>, String> {
    use ravif::{AlphaColorMode, Img, RGBA8};

    let encoder = ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_alpha_quality(AVIF_ALPHA_QUALITY)
        .with_speed(AVIF_SPEED)
        .with_alpha_color_mode(AlphaColorMode::UnassociatedClean);
    let (w, h) = pixels.size();
    // Always through `encode_rgba` (it leaves out an alpha channel that is all opaque): unlike
    // `encode_rgb`, which is `#[inline]`, it is compiled in ravif, so rav1e's generic encoder is
    // instantiated there with the optimisation set in the workspace manifest, not in this crate.
    let px: Vec<RGBA8> = match pixels {
        Pixels::Rgb(p) => p
            .pixels()
            .map(|p| RGBA8::new(p[0], p[1], p[2], u8::MAX))
            .collect(),
        Pixels::Rgba(p) => p
            .pixels()
            .map(|p| RGBA8::new(p[0], p[1], p[2], p[3]))
            .collect(),
    };
    let encoded = encoder.encode_rgba(Img::new(&px[..], w as usize, h as usize));
    encoded.map(|e| e.avif_file).map_err(|e| e.to_string())
}

fn webp(pixels: &Pixels) -> Result<Vec<u8>, String> {
    let mut config = webp::WebPConfig::new().map_err(|()| "libwebp is not usable".to_string())?;
    config.quality = WEBP_QUALITY;
    config.method = WEBP_METHOD;
    // Sharper colour edges, which diagrams and text are made of.
    config.use_sharp_yuv = 1;
    let (w, h) = pixels.size();
    let encoder = match pixels {
        Pixels::Rgb(p) => webp::Encoder::from_rgb(p.as_raw(), w, h),
        Pixels::Rgba(p) => webp::Encoder::from_rgba(p.as_raw(), w, h),
    };
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| format!("{e:?}"))
}

fn png(pixels: &Pixels, grey: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive);
    let result = match (pixels, grey) {
        (Pixels::Rgb(p), false) => {
            encoder.write_image(p.as_raw(), p.width(), p.height(), ExtendedColorType::Rgb8)
        }
        (Pixels::Rgba(p), false) => {
            encoder.write_image(p.as_raw(), p.width(), p.height(), ExtendedColorType::Rgba8)
        }
        (Pixels::Rgb(p), true) => {
            let g: GrayImage = DynamicImage::ImageRgb8(p.clone()).into_luma8();
            encoder.write_image(g.as_raw(), g.width(), g.height(), ExtendedColorType::L8)
        }
        (Pixels::Rgba(p), true) => {
            let g: GrayAlphaImage = DynamicImage::ImageRgba8(p.clone()).into_luma_alpha8();
            encoder.write_image(g.as_raw(), g.width(), g.height(), ExtendedColorType::La8)
        }
    };
    result.map(|()| out).map_err(|e| e.to_string())
}

fn jpeg(pixels: &Pixels) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    let result = match pixels {
        Pixels::Rgb(p) => {
            encoder.write_image(p.as_raw(), p.width(), p.height(), ExtendedColorType::Rgb8)
        }
        // A JPEG source has no alpha; this is only for completeness.
        Pixels::Rgba(p) => {
            let rgb = DynamicImage::ImageRgba8(p.clone()).into_rgb8();
            encoder.write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                ExtendedColorType::Rgb8,
            )
        }
    };
    result.map(|()| out).map_err(|e| e.to_string())
}
