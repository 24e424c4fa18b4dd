//! `sitemap.xml` listing every page, and `robots.txt` pointing at it.

use lab_model::date::Date;
use lab_model::pages::Page;
use lab_model::Site;

use crate::{escape, Options};

/// The sitemap of the given pages. The news page's last modification is its newest item's date.
pub fn sitemap_xml(site: &Site, pages: &[Page], options: &Options) -> String {
    // Written from the parsed date, never the data's text (which may hold anything).
    let latest_news = site
        .news_newest_first()
        .iter()
        .find_map(|&i| Date::parse(&site.news(i).date))
        .map(|d| d.iso());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in pages {
        let Some(path) = page.path() else { continue };
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&options.absolute(&path))
        ));
        if let (Page::News | Page::Home, Some(date)) = (page, &latest_news) {
            out.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Allows everything and names the sitemap. (Crawlers read robots.txt only at a domain's root;
/// under a sub-path it is there for hosts that serve the site at the root.)
pub fn robots_txt(options: &Options) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        options.absolute("/sitemap.xml")
    )
}
