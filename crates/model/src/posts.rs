//! Long-form posts as the views read them. A post is written as markdown with front matter in
//! `data/posts/<slug>.md`; the build (crates/posts, natively) renders its body to HTML once, with
//! figures and math, and writes every post to `data/posts.json` beside the data file. The wasm
//! never parses markdown for posts: it shows the HTML the build made.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Where the build writes the posts, relative to the site's base.
pub const POSTS_URL: &str = "data/posts.json";

/// The folder of post files, relative to the data file's folder.
pub const POSTS_DIR: &str = "posts";

/// What the build writes to [`POSTS_URL`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostsFile {
    pub posts: Vec<Post>,
}

/// One post, rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// The file name without `.md`; `/posts/<slug>/` is its page.
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Member slugs, in byline order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// One or two sentences of plain text for lists and link previews.
    #[serde(default)]
    pub description: String,
    /// The picture lists and link previews show: a path relative to the data file, or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// The body as HTML, made at build time from markdown in which raw HTML is text and only
    /// http(s), mailto and site links are links: the views insert it as it is.
    pub html: String,
    /// The body as plain text (headings, paragraphs, captions), for search.
    #[serde(default)]
    pub text: String,
    /// Minutes to read, at about 230 words a minute (at least 1).
    #[serde(default)]
    pub minutes: u32,
}

impl Post {
    /// The post's page: `/posts/<slug>/`.
    pub fn path(&self) -> String {
        format!("/posts/{}/", self.slug)
    }

    /// The address a Jekyll site gave the same post, `/YYYY/MM/DD/<slug>.html`, which links in
    /// the wild still use; `None` without a valid full date.
    pub fn jekyll_path(&self) -> Option<String> {
        jekyll_path(&self.date, &self.slug)
    }
}

/// `/YYYY/MM/DD/<slug>.html` for a full date.
pub fn jekyll_path(date: &str, slug: &str) -> Option<String> {
    let d = Date::parse(date)?;
    Some(format!("/{}/{slug}.html", d.iso().replace('-', "/")))
}

/// The slug a Jekyll post address names, when `path` (below the base, with or without a leading
/// slash) has the shape `YYYY/MM/DD/<slug>.html`, with the date.
pub fn parse_jekyll_path(path: &str) -> Option<(String, String)> {
    let mut parts = path.trim_start_matches('/').split('/');
    let (y, m, d, file) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    let slug = file.strip_suffix(".html")?;
    crate::text::is_slug(slug).then(|| (format!("{y}-{m}-{d}"), slug.to_string()))
}

/// Minutes to read `words` words (at least 1).
pub fn reading_minutes(words: usize) -> u32 {
    words.div_ceil(230).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_addresses_round_trip() {
        assert_eq!(
            jekyll_path("2021-04-28", "compofa").as_deref(),
            Some("/2021/04/28/compofa.html")
        );
        assert_eq!(jekyll_path("2021-04", "compofa"), None);
        assert_eq!(jekyll_path("someday", "compofa"), None);
        assert_eq!(
            parse_jekyll_path("/2021/04/28/compofa.html"),
            Some(("2021-04-28".into(), "compofa".into()))
        );
        assert_eq!(
            parse_jekyll_path("2021/04/28/compofa.html"),
            Some(("2021-04-28".into(), "compofa".into()))
        );
        for bad in [
            "/2021/04/28/compofa",
            "/2021/4/28/compofa.html",
            "/2021/04/28/Bad Slug.html",
            "/2021/04/28/x/compofa.html",
            "/news/",
        ] {
            assert_eq!(parse_jekyll_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn reading_time_is_at_least_a_minute() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
        assert_eq!(reading_minutes(2300), 10);
    }
}
