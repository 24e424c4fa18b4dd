//! The lab from `_config.yaml` (title, subtitle, description, links, header image; the logo,
//! icon and share image LWT finds by name in `images/`), projects from `_data/projects.yaml`
//! when a page of the site lists them, and the pages of the old site: which addresses the new
//! site answers, and which pages it has no place for.

use std::collections::BTreeMap;

use lab_model::{Lab, Project, PubLink};
use serde_norway::Value;

use super::clean::{clean_line, web_url};
use super::images::Images;
use super::markup::{Markup, Sink, Types};
use super::report::{Origin, Report};
use super::source::{get, list, load_yaml, load_yaml_list, split_front_matter, text, Repo};
use super::topics::Vocabulary;

/// `_config.yaml`, parsed (an empty mapping when missing or unreadable).
pub fn config(repo: &mut Repo, report: &mut Report) -> Value {
    for file in ["_config.yaml", "_config.yml"] {
        if let Some(t) = repo.read(file, report) {
            return load_yaml(&t, file, 1, report).unwrap_or(Value::Null);
        }
    }
    Value::Null
}

/// The old site's own addresses, for links and images written as full URLs.
pub fn site_prefixes(config: &Value) -> Vec<String> {
    let url = text(config, "url").unwrap_or_default();
    let base = text(config, "baseurl").unwrap_or_default();
    let url = url.trim().trim_end_matches('/');
    let base = base.trim().trim_matches('/');
    let mut out = Vec::new();
    if url.starts_with("http") {
        if !base.is_empty() {
            out.push(format!("{url}/{base}"));
        }
        out.push(url.to_string());
        if let Some(rest) = url.strip_prefix("https://") {
            out.push(format!("http://{rest}"));
        }
    }
    out
}

/// An acronym the lab goes by: `SAIL` from "The System for AI Lab (SAIL) at …".
fn acronym(texts: &[&str]) -> Option<String> {
    for t in texts {
        for (i, _) in t.match_indices('(') {
            let inner = &t[i + 1..];
            let end = inner.find(')')?;
            let word = &inner[..end];
            if (2..=12).contains(&word.len())
                && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && word.chars().filter(char::is_ascii_uppercase).count() >= 2
            {
                return Some(word.to_string());
            }
        }
    }
    None
}

/// The first paragraph of `index.md` that is text (no heading, list, include or HTML).
fn first_paragraph(repo: &mut Repo, report: &mut Report) -> Option<String> {
    let t = repo.read("index.md", report)?;
    let doc = split_front_matter(&t);
    doc.body
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            !p.is_empty()
                && !p.starts_with(['#', '-', '*', '{', '<', '!', '|', '>'])
                && !p.contains("{%")
                && p.split_whitespace().count() >= 8
        })
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The lab.
pub fn lab(
    repo: &mut Repo,
    config: &Value,
    types: &Types,
    images: &mut Images,
    report: &mut Report,
) -> Result<Lab, String> {
    let file = if repo.is_file("_config.yml") && !repo.is_file("_config.yaml") {
        "_config.yml"
    } else {
        "_config.yaml"
    };
    let at = Origin::new(file, 1);
    let config_text = std::fs::read_to_string(repo.path(file)).unwrap_or_default();
    let line = |key: &str| at.at(super::source::key_line(&config_text, key, 1));
    let field = |key: &str, report: &mut Report| {
        text(config, key).map(|raw| {
            let (clean, why) = clean_line(&raw);
            report.value_changed(&line(key), &format!("lab {key}"), &raw, &clean, &why);
            clean
        })
    };
    let title = field("title", report);
    let subtitle = field("subtitle", report);
    let description = field("description", report);
    let name = match title {
        Some(t) => t,
        None => {
            let dir = repo
                .root
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "Lab".to_string());
            report.changed(
                at.clone(),
                format!("no title in {file}; the lab is named {dir:?} after the folder"),
            );
            dir
        }
    };
    let description = match description {
        Some(d) => d,
        None => match first_paragraph(repo, report) {
            Some(p) => {
                report.changed(at.clone(), "no description in the config; the first paragraph of index.md describes the lab");
                p
            }
            None => {
                report.changed(at.clone(), "no description in the config or index.md; the lab's name stands in until you write one");
                name.clone()
            }
        },
    };
    let short_name = match acronym(&[&name, &description]) {
        Some(a) => {
            report.changed(
                at.clone(),
                format!("short name {a:?} taken from the acronym in the title or description"),
            );
            a
        }
        None => {
            if name.chars().count() > 24 {
                report.changed(at.clone(), format!("no short name in LWT; the header shows the whole title ({name:?}) until you set lab.short_name"));
            }
            name.clone()
        }
    };
    let institution = subtitle.map(|s| {
        let s = s.strip_prefix("by ").unwrap_or(&s).to_string();
        report.changed(
            line("subtitle"),
            format!("the subtitle {s:?} became the institution; check it"),
        );
        s
    });
    let mut links =
        super::people::links(get(config, "links"), types, &line("links"), "lab", report);
    if get(config, "links").is_none() {
        // LWT 0.x: the lab's links at the top of the config.
        let top: serde_norway::Mapping = [
            "email",
            "github",
            "twitter",
            "google-scholar",
            "orcid",
            "linkedin",
        ]
        .iter()
        .filter_map(|k| get(config, k).map(|v| (Value::String(k.to_string()), v.clone())))
        .collect();
        if !top.is_empty() {
            links = super::people::links(Some(&Value::Mapping(top)), types, &at, "lab", report);
        }
    }
    let image = |images: &mut Images, report: &mut Report, names: &[&str], what: &str| {
        names.iter().find(|n| repo.is_file(n)).and_then(|n| {
            images
                .resolve(n, None, &Origin::new(n, 0), report)
                .inspect(|_| {
                    report.imported(Origin::new(n, 0), format!("the lab's {what}"));
                })
        })
    };
    let configured = text(config, "logo").map(|l| l.trim_start_matches('/').to_string());
    let logo_names: Vec<&str> = configured
        .as_deref()
        .into_iter()
        .chain(["images/logo.svg", "images/logo.png", "images/logo.jpg"])
        .collect();
    let logo = image(images, report, &logo_names, "logo");
    let icon = image(images, report, &["images/icon.png"], "icon");
    let share = image(
        images,
        report,
        &["images/share.jpg", "images/share.png"],
        "share image",
    );
    let header = text(config, "header").and_then(|h| {
        images
            .resolve(&h, None, &line("header"), report)
            .inspect(|_| {
                report.imported(line("header"), "the lab's header image");
            })
    });
    if text(config, "footer").is_some() {
        report.not_carried(
            line("footer"),
            "the footer image has no place in the new site",
        );
    }
    for key in ["url", "baseurl"] {
        if let Some(v) = text(config, key) {
            report.not_carried(
                line(key),
                format!("{key}: {v}: the new site takes its address when it is built (SITE_URL and the base path; see the README's Deploying section)"),
            );
        }
    }
    let mut orcid: Vec<String> = Vec::new();
    if let Some(t) = repo.read("_data/orcid.yaml", report) {
        for (v, at) in load_yaml_list(&t, "_data/orcid.yaml", report) {
            if let Some(id) = text(&v, "orcid") {
                let id = id
                    .trim()
                    .trim_start_matches("https://orcid.org/")
                    .to_string();
                if !orcid.contains(&id) {
                    report.imported(at, format!("the lab's ORCID iD {id} (for labctl cite)"));
                    orcid.push(id);
                }
            }
        }
    }
    let value = serde_json::json!({
        "name": name,
        "short_name": short_name,
        "institution": institution.unwrap_or_default(),
        "description": description,
    });
    let mut lab: Lab = serde_json::from_value(value).map_err(|e| format!("the lab: {e}"))?;
    lab.orcid = orcid;
    lab.links = links;
    lab.logo = logo;
    lab.icon = icon;
    lab.header_image = header;
    lab.share_image = share;
    report.imported(at, format!("the lab {:?} ({})", lab.name, lab.short_name));
    Ok(lab)
}

/// Whether a page of the site lists `_data/projects.yaml` (LWT ships a sample file that many
/// labs keep without showing it).
pub fn projects_are_shown(repo: &mut Repo, report: &mut Report) -> bool {
    for file in repo.files_under("") {
        let top = file.split('/').next().unwrap_or("");
        let page = file.ends_with(".md") || file.ends_with(".html");
        let skip = (top.starts_with('_') && top != "_includes" && top != "_layouts")
            || top == "node_modules"
            || top == "vendor";
        if !page || skip {
            continue;
        }
        if let Some(t) = repo.read(&file, &mut Report::default()) {
            let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.contains("data=\"projects\"")
                || compact.contains("data='projects'")
                || compact.contains("data=projects")
                || compact.contains("site.data.projects")
            {
                return true;
            }
        }
    }
    let _ = report;
    false
}

/// Projects, from `_data/projects.yaml`.
pub fn projects(
    repo: &mut Repo,
    markup: &Markup<'_>,
    images: &mut Images,
    vocabulary: &mut Vocabulary,
    report: &mut Report,
) -> Vec<(Project, Origin)> {
    let file = "_data/projects.yaml";
    let Some(t) = repo.read(file, report) else {
        return Vec::new();
    };
    let items = load_yaml_list(&t, file, report);
    if items.is_empty() {
        return Vec::new();
    }
    if !projects_are_shown(repo, report) {
        report.not_carried(
            Origin::new(file, 0),
            format!("no page of the old site lists these {} projects (LWT's sample file, kept but never shown), so they were not imported; list them in a page and import again, or add them by hand", items.len()),
        );
        return Vec::new();
    }
    let mut out: Vec<(Project, Origin)> = Vec::new();
    for (v, at) in items {
        let Some(raw) = text(&v, "title").or_else(|| text(&v, "name")) else {
            report.not_carried(at, "a project without a title was left out");
            continue;
        };
        let (name, why) = clean_line(&raw);
        report.value_changed(&at, "project title", &raw, &name, &why);
        let base = lab_model::text::slugify(&name);
        let base = if base.is_empty() {
            "project".to_string()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while out.iter().any(|(p, _)| p.slug == slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        let mut sink = Sink {
            images,
            report,
            at: at.clone(),
            near: None,
        };
        let subtitle = text(&v, "subtitle").map(|s| {
            let s = markup.inline(&s, &mut sink);
            let mut c = s.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        });
        let body = text(&v, "description").map(|s| markup.inline(&s, &mut sink));
        let description = match (subtitle, body) {
            (Some(s), Some(b)) if !s.is_empty() && !b.is_empty() => {
                let s = s.trim_end_matches('.');
                format!("{s}. {b}")
            }
            (Some(s), _) if !s.is_empty() => s,
            (_, Some(b)) if !b.is_empty() => b,
            _ => {
                report.changed(
                    at.clone(),
                    format!("project {slug}: no description; its name stands in"),
                );
                name.clone()
            }
        };
        let image = text(&v, "image").and_then(|i| images.resolve(&i, None, &at, report));
        let mut links: Vec<PubLink> = Vec::new();
        if let Some(l) = text(&v, "link") {
            if let Some(u) = markup.link_target(
                &l,
                false,
                &at,
                &mut Sink {
                    images,
                    report,
                    at: at.clone(),
                    near: None,
                },
            ) {
                let kind = if u.contains("github.com") || u.contains("gitlab.com") {
                    "repository"
                } else {
                    "website"
                };
                links.push(PubLink {
                    kind: kind.to_string(),
                    url: u,
                    label: None,
                });
            }
        }
        if let Some(r) = text(&v, "repo") {
            let u =
                web_url(&r).map_or_else(|| format!("https://github.com/{}", r.trim()), |(u, _)| u);
            if !links
                .iter()
                .any(|l| l.url.trim_end_matches('/') == u.trim_end_matches('/'))
            {
                links.push(PubLink {
                    kind: "repository".to_string(),
                    url: u,
                    label: None,
                });
            }
        }
        if let Some(Value::Sequence(buttons)) = get(&v, "buttons") {
            for b in buttons {
                if let (Some(kind), Some(l)) = (text(b, "type"), text(b, "link")) {
                    if let Some((u, _)) = web_url(&l) {
                        links.push(PubLink {
                            kind: super::papers::link_type(&kind).to_string(),
                            url: u,
                            label: text(b, "text"),
                        });
                    }
                }
            }
        }
        let topics: Vec<String> = super::source::tags(get(&v, "tags"))
            .iter()
            .filter_map(|t| vocabulary.add(t, &at, report))
            .collect();
        let featured = text(&v, "group").is_some_and(|g| g.eq_ignore_ascii_case("featured"));
        let project: Result<Project, _> = serde_json::from_value(serde_json::json!({
            "slug": slug,
            "name": name,
            "description": description,
        }));
        let Ok(mut project) = project else { continue };
        project.image = image;
        project.links = links;
        project.topics = topics;
        project.featured = featured;
        report.imported(
            at.clone(),
            format!(
                "project {slug} ({name}{})",
                if featured { ", featured" } else { "" }
            ),
        );
        let _ = list(get(&v, "tags"));
        out.push((project, at));
    }
    out
}

/// The pages of the old site (Markdown and HTML files outside Jekyll's `_` folders) and their
/// addresses; those the new site has a page for map to it, the others are reported.
pub fn pages(repo: &mut Repo, report: &mut Report) -> BTreeMap<String, String> {
    let known: [(&str, &str); 6] = [
        ("/team", "/people"),
        ("/people", "/people"),
        ("/research", "/publications"),
        ("/publications", "/publications"),
        ("/blog", "/posts"),
        ("/projects", "/projects"),
    ];
    let mut map: BTreeMap<String, String> = known
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    map.insert("/news".to_string(), "/news".to_string());
    map.insert("/posts".to_string(), "/posts".to_string());
    for file in repo.files_under("") {
        let top = file.split('/').next().unwrap_or("");
        if top.starts_with('_')
            || matches!(
                top,
                "node_modules" | "vendor" | "images" | "assets" | "css" | "js"
            )
        {
            continue;
        }
        let lower = file.to_lowercase();
        if !(lower.ends_with(".md") || lower.ends_with(".html") || lower.ends_with(".markdown")) {
            continue;
        }
        let name = lower.rsplit('/').next().unwrap_or("");
        if matches!(
            name,
            "readme.md" | "license.md" | "changelog.md" | "contributing.md" | "code_of_conduct.md"
        ) || lower == "404.md"
            || lower == "404.html"
        {
            continue;
        }
        let Some(t) = repo.read(&file, &mut Report::default()) else {
            continue;
        };
        let doc = split_front_matter(&t);
        if doc.front.is_none() {
            continue;
        }
        let front = doc
            .front
            .as_deref()
            .and_then(|f| load_yaml(f, &file, 2, &mut Report::default()));
        let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        let path = front
            .as_ref()
            .and_then(|f| text(f, "permalink"))
            .unwrap_or_else(|| {
                let p = stem.strip_suffix("index").unwrap_or(stem);
                format!("/{}", p.trim_end_matches('/'))
            });
        let key = path
            .trim_end_matches('/')
            .trim_end_matches(".html")
            .to_string();
        let key = if key.is_empty() { "/".to_string() } else { key };
        if key == "/" {
            continue;
        }
        let at = Origin::new(&file, 1);
        match map.get(&key) {
            Some(new) => report.imported(at, format!("the page {path} answers on the new site as {new}")),
            None => report.not_carried(
                at,
                format!("the page {path} has no equivalent on the new site; its content was not imported and its address will show Not Found (add what matters to the lab's description, a post or a project)"),
            ),
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_acronyms_and_prefixes() {
        assert_eq!(
            acronym(&[
                "Systems for AI Lab",
                "The System for AI Lab (SAIL) at Georgia Tech"
            ])
            .as_deref(),
            Some("SAIL")
        );
        assert_eq!(acronym(&["Lab (est. 2010)"]), None);
        let c: Value = serde_norway::from_str("url: https://lab.org/\nbaseurl: /site\n").unwrap();
        assert_eq!(
            site_prefixes(&c),
            ["https://lab.org/site", "https://lab.org", "http://lab.org"]
        );
    }
}
