//! Entry pages: the app shell Trunk wrote, with the route's head tags and its body rendered by the
//! app's own components (Leptos server-side rendering of the same views the browser shows).

use lab_model::images::ImageRef;
use lab_model::pages::Page;
use lab_model::validate::Problem;
use lab_model::Site;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use sail_site::app::{App, LoadState};

use crate::{escape, Options, CONTENT_SECURITY_POLICY};

const ROOT_OPEN: &str = "<div id=\"root\"";
const ROOT_CLOSE: &str = "</div><!-- /root -->";

/// Trunk's `index.html`, cut where each page puts its own head tags and content.
#[derive(Debug, Clone)]
pub struct PageShell {
    /// Up to where the template's `<title>` stood.
    head_start: String,
    /// From after the template's title and description to the opening of `#root`.
    head_rest: String,
    /// From the end of `#root` to the end.
    tail: String,
}

impl PageShell {
    pub fn parse(template: &str) -> Result<PageShell, String> {
        let find = |needle: &str, from: usize| {
            template[from..]
                .find(needle)
                .map(|i| i + from)
                .ok_or_else(|| format!("index.html has no {needle}"))
        };
        let title = find("<title>", 0)?;
        let title_end = find("</title>", title)? + "</title>".len();
        let mut rest_start = title_end;
        if let Ok(desc) = find("<meta name=\"description\"", title_end) {
            if template[title_end..desc].trim().is_empty() {
                rest_start = find(">", desc)? + 1;
            }
        }
        let root = find(ROOT_OPEN, rest_start)?;
        let root_end = find(ROOT_CLOSE, root)? + ROOT_CLOSE.len();
        Ok(PageShell {
            head_start: template[..title].to_string(),
            head_rest: template[rest_start..root].to_string(),
            tail: template[root_end..].to_string(),
        })
    }
}

/// Shown while the app starts over the pre-rendered page (see the boot script), then replaced.
const BOOT_STATUS: &str = "<div class=\"boot-progress\" role=\"status\"><span class=\"visually-hidden\">Loading the interactive site…</span></div>\
<p class=\"boot-error\" role=\"status\">The interactive part of this site could not start in this browser; the page still reads, and its links work.</p>";

/// The body of the app at `path` (below the base), rendered to HTML.
fn render_body(site: &Site, notices: &[Problem], path: &str) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let url = format!("{}{}", sail_site::paths::base(), path);
        provide_context(RequestUrl::new(&url));
        let initial = LoadState::Ready {
            site: site.clone(),
            notices: notices.to_vec(),
        };
        view! { <App initial=initial/> }.to_html()
    })
}

/// The site path of the build's fallback rendition of a local image at least `width` wide,
/// with its size and type: what link previews and favicons can use (they take no AVIF).
fn rendition(site: &Site, value: Option<&str>, width: u32) -> Option<(String, u32, u32, String)> {
    let Some(ImageRef::Local(path)) = value.and_then(ImageRef::classify) else {
        return None;
    };
    let entry = site.image(path)?;
    let fallback = entry.fallback()?;
    let file = fallback.at_least(width)?;
    Some((
        format!("/{}", file.file),
        file.w,
        entry.height_at(file.w),
        fallback.mime.clone(),
    ))
}

/// Favicons: the logo itself when it is an SVG (sharp at every size), and PNGs from the icon
/// (or a raster logo) for browsers that want them and for home screens.
fn icon_tags(site: &Site, options: &Options) -> Vec<String> {
    let lab = &site.data().lab;
    let mut tags = Vec::new();
    let href = |path: &str| escape(&format!("{}{}", options.public_url, &path[1..]));
    if let Some((path, _, _, mime)) = rendition(site, lab.logo.as_deref(), 32) {
        if mime == "image/svg+xml" {
            tags.push(format!(
                "<link rel=\"icon\" type=\"image/svg+xml\" href=\"{}\">",
                href(&path)
            ));
        }
    }
    let raster = lab.icon.as_deref().or(lab.logo.as_deref());
    for (width, rel) in [(32, "icon"), (180, "apple-touch-icon")] {
        if let Some((path, w, h, mime)) = rendition(site, raster, width) {
            if mime != "image/svg+xml" {
                let sizes = format!("{w}x{h}");
                tags.push(format!(
                    "<link rel=\"{rel}\" type=\"{mime}\" sizes=\"{sizes}\" href=\"{}\">",
                    href(&path)
                ));
            }
        }
    }
    tags
}

/// The picture a link preview shows: a member's own photo on their profile, or a project's
/// picture on its page, when the build made one; else the lab's share image.
fn share_image_tags(site: &Site, page: &Page, options: &Options) -> Vec<String> {
    let lab = &site.data().lab;
    let photo = match page {
        Page::Member(slug) => site
            .member(slug)
            .and_then(|m| rendition(site, m.photo.as_deref(), 256)),
        Page::Project(slug) => site
            .project(slug)
            .and_then(|p| rendition(site, p.image.as_deref(), 960)),
        Page::Post(slug) => site
            .post(slug)
            .and_then(|p| rendition(site, p.image.as_deref(), 1200)),
        _ => None,
    };
    let Some((path, w, h, mime)) =
        photo.or_else(|| rendition(site, lab.share_image.as_deref(), 1200))
    else {
        return vec!["<meta name=\"twitter:card\" content=\"summary\">".to_string()];
    };
    let card = if w >= 600 {
        "summary_large_image"
    } else {
        "summary"
    };
    let url = escape(&options.absolute(&path));
    vec![
        format!("<meta property=\"og:image\" content=\"{url}\">"),
        format!("<meta property=\"og:image:type\" content=\"{mime}\">"),
        format!("<meta property=\"og:image:width\" content=\"{w}\">"),
        format!("<meta property=\"og:image:height\" content=\"{h}\">"),
        format!(
            "<meta property=\"og:image:alt\" content=\"{}\">",
            escape(&lab.name)
        ),
        format!("<meta name=\"twitter:card\" content=\"{card}\">"),
        format!("<meta name=\"twitter:image\" content=\"{url}\">"),
    ]
}

/// Head tags of a page: title, description, canonical URL, Open Graph and Twitter card with
/// the share image, favicons, feed.
fn head_tags(site: &Site, page: &Page, options: &Options) -> String {
    let title = escape(&page.title(site));
    let description = escape(&page.description(site));
    let lab = &site.data().lab;
    let mut tags = vec![
        format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
        ),
        format!("<title>{title}</title>"),
        format!("<meta name=\"description\" content=\"{description}\">"),
    ];
    if let Some(path) = page.path() {
        let url = escape(&options.absolute(&path));
        tags.push(format!("<link rel=\"canonical\" href=\"{url}\">"));
        tags.push(format!("<meta property=\"og:url\" content=\"{url}\">"));
    } else {
        tags.push("<meta name=\"robots\" content=\"noindex\">".to_string());
    }
    let og_type = match page {
        Page::Member(_) => "profile",
        Page::Post(_) => "article",
        _ => "website",
    };
    tags.extend([
        format!("<meta property=\"og:type\" content=\"{og_type}\">"),
        format!(
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape(&format!("{} ({})", lab.name, lab.short_name))
        ),
        format!("<meta property=\"og:title\" content=\"{title}\">"),
        format!("<meta property=\"og:description\" content=\"{description}\">"),
        format!("<meta name=\"twitter:title\" content=\"{title}\">"),
        format!("<meta name=\"twitter:description\" content=\"{description}\">"),
        format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">",
            escape(&format!("{} news", lab.short_name)),
            escape(&options.absolute("/feed.xml"))
        ),
    ]);
    tags.extend(share_image_tags(site, page, options));
    tags.extend(icon_tags(site, options));
    if is_list(page) {
        // Classic and in the head, beside the stylesheet: fetched in parallel with it, so it adds
        // no wait before the first paint, and it runs before that paint (see list.js).
        tags.push(format!(
            "<script src=\"{}{}\"></script>",
            options.public_url,
            crate::boot::list_script_name()
        ));
    }
    tags.join("\n    ")
}

/// The filterable lists, which the lists' script serves before the app runs.
fn is_list(page: &Page) -> bool {
    matches!(page, Page::News | Page::Publications | Page::Posts)
}

/// Said on a list page when JavaScript is off: a filtered address then shows everything.
const NO_SCRIPT_FILTERS: &str = "<noscript><p class=\"no-script-filters\">Filters and search need JavaScript, which is off: this page lists everything.</p></noscript>";

/// A complete entry page for `page`, rendered for `path` (below the base) from the data file
/// whose [`lab_model::fingerprint`] is `data_fingerprint`. `#root` records both: the browser app
/// takes the page over as it is (hydrates it) only when its address and the fetched file are the
/// ones it was rendered for, and renders afresh otherwise.
pub fn render_page(
    shell: &PageShell,
    site: &Site,
    notices: &[Problem],
    page: &Page,
    path: &str,
    data_fingerprint: &str,
    options: &Options,
) -> String {
    let body = render_body(site, notices, path);
    let rendered_at = escape(&format!("{}{path}", sail_site::paths::base()));
    let no_script = if is_list(page) { NO_SCRIPT_FILTERS } else { "" };
    format!(
        "{}{}{}{BOOT_STATUS}{no_script}{ROOT_OPEN} data-rendered-at=\"{rendered_at}\" data-fingerprint=\"{data_fingerprint}\">{body}{ROOT_CLOSE}{}",
        shell.head_start,
        head_tags(site, page, options),
        shell.head_rest,
        shell.tail
    )
}
