//! Reads just enough of an SVG file to know it is one and how large it says it is: the root
//! element and its `width`, `height` and `viewBox`. SVG files are served as they are, so nothing
//! else in them matters to the build.

use crate::{ImageError, Kind, Probe, MAX_SIDE};

/// The size a browser gives an SVG that declares none.
const DEFAULT_SIZE: (f64, f64) = (300.0, 150.0);

/// The text from its first `<`, when the file starts (after a byte order mark and white space)
/// like markup.
pub(crate) fn markup_start(bytes: &[u8]) -> Option<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    (bytes[start] == b'<').then(|| &bytes[start..])
}

pub(crate) fn root_is_svg(markup: &[u8]) -> Result<(), ImageError> {
    root(markup).map(|_| ())
}

/// Checks an SVG file and reads its declared size (in CSS pixels).
pub(crate) fn probe(bytes: &[u8]) -> Result<Probe, ImageError> {
    let markup = markup_start(bytes)
        .ok_or_else(|| ImageError::NotAnImage("it does not start with markup".into()))?;
    let root = root(markup)?;
    if !root.self_closing {
        let close = format!("</{}", root.name);
        let rest = &markup[root.end..];
        if !rest.windows(close.len()).any(|w| w == close.as_bytes()) {
            return Err(ImageError::Corrupt(format!(
                "it has no closing {close}> tag"
            )));
        }
    }
    let attr = |name: &str| {
        root.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let width = attr("width").and_then(length);
    let height = attr("height").and_then(length);
    let view_box = attr("viewBox").and_then(view_box);
    let (w, h) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(size)) => size,
        (w, h, None) => (w.unwrap_or(DEFAULT_SIZE.0), h.unwrap_or(DEFAULT_SIZE.1)),
    };
    let (width, height) = (pixels(w), pixels(h));
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::TooManyPixels { width, height });
    }
    Ok(Probe {
        kind: Kind::Svg,
        width,
        height,
    })
}

fn pixels(v: f64) -> u32 {
    v.round().clamp(1.0, f64::from(u32::MAX)) as u32
}

struct Root {
    /// As written, with any namespace prefix (`svg:svg`).
    name: String,
    attrs: Vec<(String, String)>,
    self_closing: bool,
    /// Offset just past the start tag.
    end: usize,
}

/// Skips the XML declaration, comments, processing instructions and a doctype, then reads the
/// root element's start tag.
fn root(text: &[u8]) -> Result<Root, ImageError> {
    let cut = || ImageError::Corrupt("it ends before its first element".into());
    let mut i = 0;
    loop {
        while text.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let rest = &text[i..];
        if rest.starts_with(b"<?") {
            i += find(rest, b"?>").ok_or_else(cut)? + 2;
        } else if rest.starts_with(b"<!--") {
            i += find(rest, b"-->").ok_or_else(cut)? + 3;
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!doctype") {
            i += doctype_len(rest).ok_or_else(cut)?;
        } else if rest.starts_with(b"<") {
            break;
        } else if rest.is_empty() {
            return Err(cut());
        } else {
            return Err(ImageError::NotAnImage("it starts like a text file".into()));
        }
    }
    i += 1;
    let name_start = i;
    while text
        .get(i)
        .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>' && b != b'/')
    {
        i += 1;
    }
    let name = String::from_utf8_lossy(&text[name_start..i]).into_owned();
    let local = name.rsplit(':').next().unwrap_or_default();
    if local != "svg" {
        let why = if local.eq_ignore_ascii_case("html") {
            "it is a web page (<html>), not an SVG image".to_string()
        } else if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.:".contains(&b))
        {
            "it starts like a text file".to_string()
        } else {
            format!("it is an XML document whose root element is <{name}>, not <svg>")
        };
        return Err(ImageError::NotAnImage(why));
    }
    let tag_cut = || ImageError::Corrupt(format!("its <{name}> start tag is cut short"));
    let mut attrs = Vec::new();
    loop {
        while text.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match text.get(i..i + 2) {
            _ if text.get(i) == Some(&b'>') => {
                return Ok(Root {
                    name,
                    attrs,
                    self_closing: false,
                    end: i + 1,
                })
            }
            Some(b"/>") => {
                return Ok(Root {
                    name,
                    attrs,
                    self_closing: true,
                    end: i + 2,
                })
            }
            _ => {}
        }
        let attr_start = i;
        while text
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && !b"=/>".contains(&b))
        {
            i += 1;
        }
        if i == attr_start {
            return Err(tag_cut());
        }
        let attr = String::from_utf8_lossy(&text[attr_start..i]).into_owned();
        while text.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if text.get(i) != Some(&b'=') {
            // An attribute without a value is not XML, but costs nothing to step over.
            attrs.push((attr, String::new()));
            continue;
        }
        i += 1;
        while text.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let quote = *text
            .get(i)
            .filter(|q| **q == b'"' || **q == b'\'')
            .ok_or_else(tag_cut)?;
        let value_start = i + 1;
        let len = text[value_start..]
            .iter()
            .position(|&b| b == quote)
            .ok_or_else(tag_cut)?;
        let value = String::from_utf8_lossy(&text[value_start..value_start + len]).into_owned();
        attrs.push((attr, value));
        i = value_start + len + 1;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Length of a `<!DOCTYPE …>` declaration, which may hold an internal subset in brackets.
fn doctype_len(text: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, &b) in text.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A `width` or `height` in CSS pixels; `None` for a relative one (`%`, `em`), which the size
/// then comes from the `viewBox` for.
fn length(value: &str) -> Option<f64> {
    let v = value.trim();
    let split = v
        .find(|c: char| {
            !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')
        })
        .unwrap_or(v.len());
    // `e` may start a unit (`em`, `ex`) rather than an exponent.
    let split = match v[..split].rfind(['e', 'E']) {
        Some(e)
            if !v[e + 1..].starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') =>
        {
            e
        }
        _ => split,
    };
    let number: f64 = v[..split].parse().ok()?;
    let scale = match v[split..].trim() {
        "" | "px" => 1.0,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        _ => return None,
    };
    let px = number * scale;
    (px.is_finite() && px > 0.0).then_some(px)
}

fn view_box(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = value
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, w, h] if w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0 => Some((w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(svg: &str) -> Result<(u32, u32), ImageError> {
        probe(svg.as_bytes()).map(|p| (p.width, p.height))
    }

    #[test]
    fn declared_sizes() {
        assert_eq!(
            size(r#"<svg width="280" height="140"></svg>"#),
            Ok((280, 140))
        );
        assert_eq!(size(r#"<svg width='20px' height="1in"/>"#), Ok((20, 96)));
        assert_eq!(size(r#"<svg viewBox="0 0 64 32"></svg>"#), Ok((64, 32)));
        assert_eq!(
            size(r#"<svg viewBox="0,0,64,32" width="128"></svg>"#),
            Ok((128, 64))
        );
        assert_eq!(
            size(r#"<svg width="100%" height="100%" viewBox="0 0 10 20"></svg>"#),
            Ok((10, 20))
        );
        assert_eq!(
            size(r#"<svg width="2em" height="1e2"></svg>"#),
            Ok((300, 100))
        );
        assert_eq!(size("<svg></svg>"), Ok((300, 150)));
        assert_eq!(size(r#"<svg viewBox="0 0 0 0"></svg>"#), Ok((300, 150)));
    }

    #[test]
    fn prolog_is_skipped() {
        let svg = "\u{feff}<?xml version=\"1.0\"?>\n<!-- made by hand -->\n\
            <!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [ <!ENTITY a \">\"> ]>\n\
            <svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"\n  width=\"5\" height=\"6\"><g/></svg:svg>";
        assert_eq!(size(svg), Ok((5, 6)));
    }

    #[test]
    fn not_svg() {
        assert!(matches!(
            size(r#"<?xml version="1.0"?><rss version="2.0"></rss>"#),
            Err(ImageError::NotAnImage(why)) if why.contains("<rss>")
        ));
        assert!(matches!(
            size("<svg width=\"5\""),
            Err(ImageError::Corrupt(_))
        ));
        assert!(matches!(
            size("<svg width=\"5\">"),
            Err(ImageError::Corrupt(_))
        ));
        assert!(matches!(
            size("<!-- never closed"),
            Err(ImageError::Corrupt(_))
        ));
        assert_eq!(
            size(r#"<svg width="20000" height="10"/>"#),
            Err(ImageError::TooManyPixels {
                width: 20000,
                height: 10
            })
        );
    }
}
