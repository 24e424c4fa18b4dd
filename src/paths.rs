//! The base path the site is served under (from `<base href>`, set by Trunk's `--public-url`),
//! and site-relative links that carry it.

use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// Sets the base path before anything renders (the static page generator does; in the browser it
/// is read from the document). Returns false when it was already set.
pub fn set_base(base_href: &str) -> bool {
    BASE.set(normalize_base(base_href)).is_ok()
}

/// The base path without a trailing slash: `""` at the domain root, `"/sail"` under a sub-path.
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        let href = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            .and_then(|b| b.get_attribute("href"))
            .unwrap_or_default();
        normalize_base(&href)
    })
}

/// `"/sail/"` → `"/sail"`, `"/"` → `""`; a full URL keeps only its path.
pub fn normalize_base(href: &str) -> String {
    let path = match href.find("://") {
        Some(i) => href[i + 3..].find('/').map_or("/", |j| &href[i + 3 + j..]),
        None => href,
    };
    let path = path.trim_end_matches('/');
    if path.is_empty() || !path.starts_with('/') {
        String::new()
    } else {
        path.to_string()
    }
}

/// A site path (`/news?year=2024`) as an `href` under the base path.
pub fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// The profile path of a member.
pub fn member(slug: &str) -> String {
    href(&format!("/members/{slug}"))
}

/// The page path of a project.
pub fn project(slug: &str) -> String {
    href(&format!("/projects/{slug}"))
}

/// The page path of a post.
pub fn post(slug: &str) -> String {
    href(&format!("/posts/{slug}"))
}

/// The element id an address's fragment names: percent-decoded (`+` stays a plus).
pub fn decode_fragment(fragment: &str) -> String {
    lab_model::query::percent_decode(&fragment.replace('+', "%2B"))
}

#[cfg(test)]
mod tests {
    use super::{decode_fragment, normalize_base};

    #[test]
    fn fragments() {
        assert_eq!(decode_fragment("news-a%20b+c"), "news-a b+c");
        assert_eq!(decode_fragment("pub-x"), "pub-x");
    }

    #[test]
    fn base_paths() {
        assert_eq!(normalize_base("/sail/"), "/sail");
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base(""), "");
        assert_eq!(normalize_base("https://example.org/lab/site/"), "/lab/site");
        assert_eq!(normalize_base("https://example.org"), "");
    }
}
