//! The images the build made: for each image path the data file names, its size and the files
//! it was encoded to. The build writes this manifest next to the data file (`data/images.json`);
//! the views read it to write `<picture>` elements with `srcset` and explicit sizes.
//!
//! Image paths in the data file are relative to the data file itself (`images/logo.svg` is
//! `data/images/logo.svg` in the repository and on the site), like links in a document.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::types::SiteData;
use crate::validate::Positions;

/// Where the manifest lives, relative to the site's base.
pub const MANIFEST_URL: &str = "data/images.json";

/// The folder of the data file on the site, which image paths are relative to.
pub const DATA_DIR: &str = "data/";

/// The widths the build makes of each kind of image: 1× and 2× of each size the views show it
/// at (a publication thumbnail is 96 px wide on a phone and 144 px on a wider screen, and so on).
pub mod widths {
    pub const THUMBNAIL: &[u32] = &[96, 144, 192, 288];
    pub const PHOTO: &[u32] = &[72, 128, 144, 256];
    pub const LOGO: &[u32] = &[32, 64, 72, 144];
    pub const HEADER: &[u32] = &[480, 960, 1440];
    /// Link previews want about 1200 px.
    pub const SHARE: &[u32] = &[1200];
    /// A project's picture: 320 px on its card, 480 px on its page.
    pub const PROJECT: &[u32] = &[320, 480, 640, 960];
    /// A PNG favicon and the 180 px icon iOS puts on a home screen.
    pub const ICON: &[u32] = &[32, 180];
}

/// Every processed image, by the path the data file gives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageManifest {
    pub images: BTreeMap<String, ImageEntry>,
}

/// One source image and what it was encoded to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageEntry {
    /// Size of the source in pixels (for a vector image, its declared size).
    pub width: u32,
    pub height: u32,
    /// One entry per format, best first (AVIF, WebP); the last is the fallback every browser
    /// shows (the source's own format, or SVG as it is).
    pub formats: Vec<Encoded>,
}

/// One format of an image, at one or more widths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoded {
    /// `image/avif`, `image/webp`, `image/png`, `image/jpeg` or `image/svg+xml`.
    pub mime: String,
    /// Narrowest first.
    pub files: Vec<Rendition>,
}

/// One encoded file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rendition {
    /// Width in pixels.
    pub w: u32,
    /// Path relative to the site's base: `img/<hash>-<w>.<ext>`.
    pub file: String,
}

impl ImageManifest {
    pub fn get(&self, path: &str) -> Option<&ImageEntry> {
        self.images.get(path)
    }
}

impl ImageEntry {
    /// Whether this is a vector image served as it is.
    pub fn is_vector(&self) -> bool {
        self.fallback().is_some_and(|f| f.mime == "image/svg+xml")
    }

    /// The format every browser can show.
    pub fn fallback(&self) -> Option<&Encoded> {
        self.formats.last()
    }

    /// The better formats, for `<source>` elements.
    pub fn sources(&self) -> &[Encoded] {
        match self.formats.split_last() {
            Some((_, rest)) => rest,
            None => &[],
        }
    }

    /// The height at `width`, keeping the aspect ratio (at least 1).
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return width;
        }
        let h = (u64::from(width) * u64::from(self.height) + u64::from(self.width) / 2)
            / u64::from(self.width);
        h.max(1) as u32
    }
}

impl Encoded {
    /// `srcset` value with every file prefixed by `base` (the site's base path with its slash).
    pub fn srcset(&self, base: &str) -> String {
        self.files
            .iter()
            .map(|r| format!("{base}{} {}w", r.file, r.w))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The narrowest file at least `width` pixels wide, else the widest.
    pub fn at_least(&self, width: u32) -> Option<&Rendition> {
        self.files
            .iter()
            .find(|r| r.w >= width)
            .or_else(|| self.files.last())
    }
}

/// An image reference in the data file, as the views need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRef<'a> {
    /// `http(s)://…`: shown as it is, never fetched at build time.
    External(&'a str),
    /// A path relative to the data file, inside the repository.
    Local(&'a str),
}

impl<'a> ImageRef<'a> {
    /// Classifies an image field, or `None` for a value that cannot be an image address
    /// (`javascript:`, `data:`, an absolute or parent path, control characters).
    pub fn classify(value: &'a str) -> Option<ImageRef<'a>> {
        let v = value.trim();
        if v.is_empty() || v.chars().any(|c| c.is_control() || c == '\\') {
            return None;
        }
        let lower = v.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return match crate::markdown::Href::classify(v) {
                Some(crate::markdown::Href::External(_)) => Some(ImageRef::External(v)),
                _ => None,
            };
        }
        // A file name the web serves as it is: no scheme, no way out of the data folder, nothing
        // that a URL would read as a query, fragment, escape or markup.
        let unsafe_char = |c: char| c.is_whitespace() || "\"'<>?#%`:".contains(c);
        if v.starts_with('/')
            || v.chars().any(unsafe_char)
            || v.split('/').any(|s| s == ".." || s == "." || s.is_empty())
        {
            return None;
        }
        Some(ImageRef::Local(v))
    }
}

/// A local image of the data file: the widths the build makes of it and the JSON paths of the
/// fields that name it (for messages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalImage {
    pub widths: BTreeSet<u32>,
    pub fields: Vec<String>,
}

/// Every local image the data file names, by path; `pos` gives each item's index in the file.
pub fn local_images(data: &SiteData, pos: &Positions) -> BTreeMap<String, LocalImage> {
    let mut out: BTreeMap<String, LocalImage> = BTreeMap::new();
    let mut add = |value: Option<&String>, widths: &[u32], field: String| {
        if let Some(ImageRef::Local(path)) = value.and_then(|v| ImageRef::classify(v)) {
            let entry = out.entry(path.to_string()).or_default();
            entry.widths.extend(widths);
            if !entry.fields.contains(&field) {
                entry.fields.push(field);
            }
        }
    };
    let lab = &data.lab;
    add(lab.logo.as_ref(), widths::LOGO, "lab.logo".into());
    add(lab.icon.as_ref(), widths::ICON, "lab.icon".into());
    if lab.icon.is_none() {
        // The favicons are made from the logo then.
        add(lab.logo.as_ref(), widths::ICON, "lab.logo".into());
    }
    add(
        lab.header_image.as_ref(),
        widths::HEADER,
        "lab.header_image".into(),
    );
    add(
        lab.share_image.as_ref(),
        widths::SHARE,
        "lab.share_image".into(),
    );
    for (i, m) in data.members.iter().enumerate() {
        let at = pos.members.get(i).copied().unwrap_or(i);
        add(
            m.photo.as_ref(),
            widths::PHOTO,
            format!("members[{at}].photo"),
        );
    }
    for (i, p) in data.publications.iter().enumerate() {
        let at = pos.publications.get(i).copied().unwrap_or(i);
        add(
            p.image.as_ref(),
            widths::THUMBNAIL,
            format!("publications[{at}].image"),
        );
    }
    for (i, p) in data.projects.iter().enumerate() {
        let at = pos.projects.get(i).copied().unwrap_or(i);
        add(
            p.image.as_ref(),
            widths::PROJECT,
            format!("projects[{at}].image"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> ImageEntry {
        ImageEntry {
            width: 1600,
            height: 900,
            formats: vec![
                Encoded {
                    mime: "image/avif".into(),
                    files: vec![
                        Rendition {
                            w: 160,
                            file: "img/ab-160.avif".into(),
                        },
                        Rendition {
                            w: 320,
                            file: "img/ab-320.avif".into(),
                        },
                    ],
                },
                Encoded {
                    mime: "image/png".into(),
                    files: vec![
                        Rendition {
                            w: 160,
                            file: "img/ab-160.png".into(),
                        },
                        Rendition {
                            w: 320,
                            file: "img/ab-320.png".into(),
                        },
                    ],
                },
            ],
        }
    }

    #[test]
    fn srcset_and_fallback() {
        let e = entry();
        assert_eq!(e.sources().len(), 1);
        assert_eq!(
            e.sources()[0].srcset("/sail/"),
            "/sail/img/ab-160.avif 160w, /sail/img/ab-320.avif 320w"
        );
        let fallback = e.fallback().unwrap();
        assert_eq!(fallback.mime, "image/png");
        assert_eq!(fallback.at_least(200).unwrap().w, 320);
        assert_eq!(fallback.at_least(1000).unwrap().w, 320);
        assert_eq!(fallback.at_least(1).unwrap().w, 160);
        assert!(!e.is_vector());
    }

    #[test]
    fn height_keeps_the_aspect_ratio() {
        let e = entry();
        assert_eq!(e.height_at(160), 90);
        assert_eq!(e.height_at(320), 180);
        let flat = ImageEntry {
            width: 1000,
            height: 1,
            formats: vec![],
        };
        assert_eq!(flat.height_at(10), 1);
    }

    #[test]
    fn local_images_gather_widths_and_fields() {
        let text = r#"{"version":1,
          "lab":{"name":"L","short_name":"L","institution":"I","description":"d",
                 "logo":"images/logo.svg","share_image":"images/a.jpg"},
          "topics":[],
          "members":[{"slug":"a","name":"A","role":"phd","photo":"images/a.jpg"},
                     {"slug":"b","name":"B","role":"phd","photo":"https://example.org/b.jpg"}],
          "publications":[{"id":"p","title":"T","authors":["A"],"venue":"V","date":"2024-01-01","image":"images/p.png"}],
          "news":[],
          "projects":[{"slug":"x","name":"X","description":"d","image":"images/p.png"},
                      {"slug":"y","name":"Y","description":"d","image":"https://example.org/y.png"}]}"#;
        let (data, pos, _) = crate::load::parse_data(text).unwrap();
        let images = local_images(&data, &pos);
        assert_eq!(
            images.keys().collect::<Vec<_>>(),
            ["images/a.jpg", "images/logo.svg", "images/p.png"]
        );
        // A publication thumbnail reused as a project's picture is made in both sets of widths.
        let p = &images["images/p.png"];
        assert_eq!(p.fields, ["publications[0].image", "projects[0].image"]);
        assert!(p.widths.contains(&96) && p.widths.contains(&960));
        let a = &images["images/a.jpg"];
        assert_eq!(a.fields, ["lab.share_image", "members[0].photo"]);
        assert!(a.widths.contains(&1200) && a.widths.contains(&72));
        // Without an icon the favicons come from the logo.
        assert!(images["images/logo.svg"].widths.contains(&180));
    }

    #[test]
    fn image_refs() {
        assert_eq!(
            ImageRef::classify("images/logo.svg"),
            Some(ImageRef::Local("images/logo.svg"))
        );
        assert_eq!(
            ImageRef::classify("https://example.org/a.png"),
            Some(ImageRef::External("https://example.org/a.png"))
        );
        for bad in [
            "",
            "/etc/passwd",
            "../secret.png",
            "images/../../x.png",
            "images//x.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "c:\\x.png",
            "images/a\u{0}.png",
            "images/\"><img src=x>.png",
            "images/a b.png",
            "images/a.png?x=1",
            "./images/a.png",
            "https:///x",
        ] {
            assert_eq!(ImageRef::classify(bad), None, "{bad:?}");
        }
    }
}
