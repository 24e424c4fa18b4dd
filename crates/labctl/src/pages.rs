//! Entry pages for every route of the built site, so that a deep link is answered with HTTP 200 by
//! any static host, with no rewrite rules: `news/index.html`, `members/<slug>/index.html`, …
//! Each is the app's `index.html` with the route's own title.

use std::fs;
use std::path::Path;

use lab_model::load_site;

/// A route of the site: its path below the base (no leading slash) and its document title.
pub struct RoutePage {
    pub path: String,
    pub title: String,
}

/// Every route the site serves, from the data.
pub fn routes(site: &lab_model::Site) -> Vec<RoutePage> {
    let short = &site.data().lab.short_name;
    let page = |path: &str, title: String| RoutePage {
        path: path.to_string(),
        title,
    };
    let mut out = vec![
        page("news", format!("News · {short}")),
        page("people", format!("People · {short}")),
        page("publications", format!("Publications · {short}")),
        page("team", format!("People · {short}")),
        page("research", format!("Publications · {short}")),
        page("blog", format!("News · {short}")),
    ];
    for m in &site.data().members {
        if lab_model::text::is_slug(&m.slug) {
            out.push(page(
                &format!("members/{}", m.slug),
                format!("{} · {short}", m.name),
            ));
        }
    }
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `index.html` with its `<title>` replaced.
fn with_title(index: &str, title: &str) -> Result<String, String> {
    let start = index.find("<title>").ok_or("index.html has no <title>")?;
    let end = index[start..]
        .find("</title>")
        .ok_or("index.html has no </title>")?
        + start;
    Ok(format!(
        "{}<title>{}{}",
        &index[..start],
        escape_html(title),
        &index[end..]
    ))
}

/// Writes one entry page per route into `dist`; returns how many.
pub fn write_route_pages(dist: &Path) -> Result<usize, String> {
    let read = |rel: &str| {
        fs::read_to_string(dist.join(rel))
            .map_err(|e| format!("cannot read {}: {e}", super::display(dist, rel).display()))
    };
    let index = read("index.html")?;
    let data = read("data/site.json")?;
    let site = load_site(&data)
        .map_err(|e| format!("data/site.json: {e}"))?
        .site;
    let pages = routes(&site);
    for p in &pages {
        let dir = dist.join(&p.path);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        fs::write(dir.join("index.html"), with_title(&index, &p.title)?)
            .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    }
    Ok(pages.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_title_and_escapes_it() {
        let html = "<head><title>Old</title></head>";
        assert_eq!(
            with_title(html, "A & <B>").unwrap(),
            "<head><title>A &amp; &lt;B&gt;</title></head>"
        );
        assert!(with_title("<head></head>", "x").is_err());
    }

    #[test]
    fn lists_every_route_of_the_bundled_data() {
        let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.json"))
            .unwrap();
        let site = load_site(&text).unwrap().site;
        let r = routes(&site);
        assert_eq!(r.len(), 6 + 45);
        assert!(r
            .iter()
            .any(|p| p.path == "members/amey-agrawal" && p.title == "Amey Agrawal · SAIL"));
    }
}
