//! Tells a file's format from its first bytes, because a file's name can lie; and when it is not
//! an image the site takes, says what it looks like instead.

use crate::{svg, ImageError, Kind};

pub(crate) fn sniff(bytes: &[u8]) -> Result<Kind, ImageError> {
    let not = |why: &str| Err(ImageError::NotAnImage(why.to_string()));
    let other = |name: &str| {
        Err(ImageError::NotAnImage(format!(
            "it is a {name} image, which the site does not take: convert it to PNG or JPEG"
        )))
    };
    if bytes.is_empty() {
        return not("it is empty");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Kind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Kind::Jpeg);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Ok(Kind::Gif);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Ok(Kind::Webp);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return match &bytes[8..12] {
            b"avif" | b"avis" => other("AVIF"),
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" => other("HEIC"),
            _ => not("it is a video or other media file"),
        };
    }
    if bytes.starts_with(b"BM") && bytes.len() > 14 {
        return other("BMP");
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return other("TIFF");
    }
    if bytes.starts_with(b"%PDF") {
        return not("it is a PDF document");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return not("it is a ZIP archive");
    }
    if bytes.starts_with(&[0x1F, 0x8B]) {
        return not("it is gzip-compressed: an .svgz must be saved as plain .svg");
    }
    if let Some(markup) = svg::markup_start(bytes) {
        return svg::root_is_svg(markup).map(|()| Kind::Svg);
    }
    if looks_like_text(bytes) {
        return not("it starts like a text file");
    }
    not("its first bytes match no image format")
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // The 512 bytes may end inside a character.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return false,
    };
    !text.is_empty() && text.chars().all(|c| !c.is_control() || c.is_whitespace())
}

/// Whether a JPEG's compressed data reaches its end marker. JPEG decoders (like browsers) draw a
/// file cut short with its missing part grey instead of failing, so this is checked apart.
pub(crate) fn jpeg_is_complete(bytes: &[u8]) -> bool {
    // Walk the marker segments up to the first scan; the compressed data after it cannot hold
    // 0xFF 0xD9 except as the end marker (0xFF bytes in it are followed by 0x00 or a restart).
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xD9 {
            return true;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if marker == 0xDA {
            let data = bytes.get(i + 2 + len..).unwrap_or(&[]);
            return data.windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        i += 2 + len;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn why(bytes: &[u8]) -> String {
        match sniff(bytes) {
            Err(ImageError::NotAnImage(why)) => why,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn formats_from_magic_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Ok(Kind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(Kind::Jpeg));
        assert_eq!(sniff(b"GIF89a...."), Ok(Kind::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Ok(Kind::Webp));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <svg width=\"2\" height=\"3\"></svg>"),
            Ok(Kind::Svg)
        );
    }

    #[test]
    fn what_it_is_instead() {
        assert_eq!(why(b""), "it is empty");
        assert_eq!(why(b"hello, world\n"), "it starts like a text file");
        assert_eq!(why(b"%PDF-1.7\n"), "it is a PDF document");
        assert!(why(b"\0\0\0\x1cftypheic\0\0").contains("HEIC"));
        assert_eq!(
            why(&[0, 1, 2, 3, 250, 251]),
            "its first bytes match no image format"
        );
        assert!(why(b"<html><body></body></html>").contains("<html>"));
    }

    #[test]
    fn jpeg_end_marker() {
        let header = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xDA, 0, 2, 1, 2, 0xFF, 0,
        ];
        assert!(!jpeg_is_complete(&header));
        let mut whole = header.to_vec();
        whole.extend([3, 0xFF, 0xD9]);
        assert!(jpeg_is_complete(&whole));
    }
}
