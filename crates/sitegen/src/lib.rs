//! The static site generator behind `sitegen`; see the binary's documentation.

// The app's view types nest deeply once rendered to HTML.
#![recursion_limit = "256"]

mod boot;
mod feed;
mod html;
mod images;
mod posts;
mod sitemap;

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use lab_model::pages::Page;
use lab_model::{load_site_at, Site};

pub use boot::{extract_loader, CONTENT_SECURITY_POLICY, HEADERS_FILE};
pub use feed::atom_feed;
pub use html::{render_page, PageShell};
pub use images::{build_images, ImagesReport};
pub use sitemap::{robots_txt, sitemap_xml};

/// Where to write and how the site is addressed.
#[derive(Debug, Clone)]
pub struct Options {
    pub dist: PathBuf,
    /// Base path with leading and trailing slash: `/` or `/sail/`.
    pub public_url: String,
    /// Absolute URL of the site's base, ending with `/`: `https://example.org/sail/`.
    pub site_url: String,
    /// Where encoded images are kept between builds.
    pub image_cache: PathBuf,
}

impl Options {
    pub fn new(dist: PathBuf, public_url: &str, site_url: Option<&str>) -> Result<Options, String> {
        let trimmed = public_url.trim_matches('/');
        let public_url = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        let site_url = match site_url {
            Some(url) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(format!(
                        "the site URL {url:?} must start with https:// or http://"
                    ));
                }
                format!("{}/", url.trim_end_matches('/'))
            }
            None => format!("http://127.0.0.1:8080{public_url}"),
        };
        Ok(Options {
            dist,
            public_url,
            site_url,
            image_cache: default_image_cache(),
        })
    }

    /// Absolute URL of a site path (`/news/` → `https://host/base/news/`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.site_url, path.trim_start_matches('/'))
    }
}

/// `target/image-cache` of this workspace (or of `CARGO_TARGET_DIR`): never committed, kept
/// between builds.
fn default_image_cache() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("image-cache")
}

/// What was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub pages: usize,
    pub posts: usize,
    pub feed_entries: usize,
    pub sitemap_urls: usize,
    pub notices: usize,
    pub images: ImagesReport,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sitegen: {} pages ({} posts), feed.xml with {} entries, sitemap.xml with {} URLs, robots.txt, _headers, publications.bib",
            self.pages, self.posts, self.feed_entries, self.sitemap_urls
        )?;
        let i = &self.images;
        write!(
            f,
            "; {} images ({} files encoded, {} from the cache)",
            i.images, i.encoded, i.reused
        )?;
        if i.failed > 0 {
            write!(f, ", {} left out", i.failed)?;
        }
        if self.notices > 0 {
            write!(
                f,
                "; the data file and posts have {} problems (run `labctl check`)",
                self.notices
            )?;
        }
        Ok(())
    }
}

/// Writes one generated file. Every page, feed, sitemap and bibliography goes through here, so
/// this is the one place that keeps out the characters XML 1.0 and HTML forbid (see
/// [`without_forbidden_chars`]): a control character pasted into the data must not make the
/// feed unreadable for every feed reader.
fn write(dist: &Path, rel: &str, contents: &str) -> Result<(), String> {
    let path = dist.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(&path, without_forbidden_chars(contents).as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Whether XML 1.0 or HTML forbids `c` in a document: the C0 controls but tab, line feed and
/// carriage return, DEL and the C1 controls, and the noncharacters U+FFFE and U+FFFF.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without the characters no XML or HTML document may hold.
pub fn without_forbidden_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_forbidden_char) {
        text.chars()
            .filter(|&c| !is_forbidden_char(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Files written besides the canonical pages: the old Jekyll site's URLs show the page that
/// replaced them (the app then moves the address bar to the new URL), each post at its Jekyll
/// address (`/YYYY/MM/DD/<slug>.html`) and each member at `/members/<slug>.html` too.
fn legacy_pages(site: &Site) -> Vec<(String, Page)> {
    let mut pages = vec![
        ("team/index.html".to_string(), Page::People),
        ("research/index.html".to_string(), Page::Publications),
        ("blog/index.html".to_string(), Page::Posts),
    ];
    for post in site.posts() {
        if let Some(path) = post.jekyll_path() {
            pages.push((path[1..].to_string(), Page::Post(post.slug.clone())));
        }
    }
    // The lab-website-template's member pages were `/members/<slug>.html`.
    for m in &site.data().members {
        if lab_model::text::is_slug(&m.slug) {
            pages.push((
                format!("members/{}.html", m.slug),
                Page::Member(m.slug.clone()),
            ));
        }
    }
    pages
}

/// Replaces `dist/data/` by a copy of `dir` (see `SITE_DATA` in the binary's documentation).
pub fn replace_data(dist: &Path, dir: &Path) -> Result<(), String> {
    if !dir.join("site.json").is_file() {
        return Err(format!(
            "SITE_DATA={}: there is no site.json in it",
            dir.display()
        ));
    }
    let target = dist.join("data");
    if target.exists() {
        fs::remove_dir_all(&target)
            .map_err(|e| format!("cannot remove {}: {e}", target.display()))?;
    }
    copy_dir(dir, &target)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Generates everything into `options.dist`.
pub fn generate(options: &Options) -> Result<Report, String> {
    let read = |rel: &str| {
        let path = options.dist.join(rel);
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let template = read("index.html")?;
    let (template, boot) = extract_loader(&template, &options.public_url)?;
    write(&options.dist, &boot.file_name, &boot.script)?;
    write(&options.dist, &boot::list_script_name(), boot::LIST_JS)?;
    let shell = PageShell::parse(&template)?;
    let data = read("data/site.json")?;
    // With today's date, as the browser loads it, so the pages' notices are the app's.
    let loaded = load_site_at(&data, Some(lab_model::date::today_utc()))
        .map_err(|e| format!("data/site.json: {e}"))?;
    let site: Site = loaded.site;
    for notice in &loaded.notices {
        eprintln!("sitegen: data/site.json: {notice}");
    }
    let post_sources = posts::read_posts(&options.dist, site.data());
    for problem in &post_sources.problems {
        eprintln!("sitegen: {problem}");
    }
    let (manifest, images_report, image_problems) = build_images(
        site.data(),
        &loaded.positions,
        posts::post_images(&post_sources.sources),
        &options.dist,
        &options.image_cache,
    );
    for problem in &image_problems {
        eprintln!("sitegen: data/site.json: {problem}");
    }
    let (post_list, post_problems) =
        posts::render_posts(&post_sources.sources, &manifest, &options.public_url);
    for problem in &post_problems {
        eprintln!("sitegen: {problem}");
    }
    let posts_json = serde_json::to_string(&lab_model::posts::PostsFile {
        posts: post_list.clone(),
    })
    .map_err(|e| format!("cannot write the posts: {e}"))?;
    write(&options.dist, lab_model::posts::POSTS_URL, &posts_json)?;
    site.set_posts(post_list);
    let manifest_json = serde_json::to_string(&manifest)
        .map_err(|e| format!("cannot write the image manifest: {e}"))?;
    write(
        &options.dist,
        lab_model::images::MANIFEST_URL,
        &manifest_json,
    )?;
    site.set_images(manifest);
    // The app hydrates a page only when it fetched the same data file and image manifest.
    let data_fingerprint = sail_site::api::page_fingerprint(
        &lab_model::fingerprint(data.as_bytes()),
        Some(&lab_model::fingerprint(manifest_json.as_bytes())),
        Some(&lab_model::fingerprint(posts_json.as_bytes())),
    );
    sail_site::paths::set_base(&options.public_url);

    let mut report = Report {
        posts: site.posts().len(),
        notices: loaded.notices.len() + post_sources.problems.len() + post_problems.len(),
        images: images_report,
        ..Report::default()
    };
    let pages = Page::all(&site);
    for page in &pages {
        let path = page.path().expect("every listed page has a path");
        let html = render_page(
            &shell,
            &site,
            &loaded.notices,
            page,
            &path,
            &data_fingerprint,
            options,
        );
        let file = if path == "/" {
            "index.html".to_string()
        } else {
            format!("{}index.html", &path[1..])
        };
        write(&options.dist, &file, &html)?;
        report.pages += 1;
    }
    for (file, page) in legacy_pages(&site) {
        let canonical = page.path().expect("legacy pages map to pages with a path");
        let html = render_page(
            &shell,
            &site,
            &loaded.notices,
            &page,
            &canonical,
            &data_fingerprint,
            options,
        );
        write(&options.dist, &file, &html)?;
        report.pages += 1;
    }
    let not_found = render_page(
        &shell,
        &site,
        &loaded.notices,
        &Page::NotFound,
        "/404",
        &data_fingerprint,
        options,
    );
    write(&options.dist, "404.html", &not_found)?;
    report.pages += 1;

    let feed = atom_feed(&site, options);
    report.feed_entries = feed.matches("<entry>").count();
    write(&options.dist, "feed.xml", &feed)?;
    let sitemap = sitemap_xml(&site, &pages, options);
    report.sitemap_urls = pages.len();
    write(&options.dist, "sitemap.xml", &sitemap)?;
    write(&options.dist, "robots.txt", &robots_txt(options))?;
    let bib = lab_model::bibtex::bibliography(
        site.publications_newest_first()
            .iter()
            .map(|&i| site.publication(i)),
    );
    write(&options.dist, "publications.bib", &bib)?;
    write(&options.dist, "_headers", HEADERS_FILE)?;
    Ok(report)
}

/// Escapes text for HTML and XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use sail_site::api::{data_part, page_fingerprint};

    #[test]
    fn a_page_fingerprint_gives_back_the_data_file_fingerprint() {
        // The browser app compares this part with the file it fetched, to skip the checks the
        // build ran on the same bytes.
        let data = lab_model::fingerprint(b"{}");
        assert_eq!(
            data_part(&page_fingerprint(&data, Some("1"), Some("2"))),
            data
        );
        assert_eq!(data_part(&page_fingerprint(&data, None, None)), data);
        assert_eq!(data_part(""), "");
    }
}
