//! What each route of the site is called: its document title, its description for search engines
//! and link previews, and its canonical path. The app and the static page generator both ask here,
//! so a page's title is the same whether it is rendered in the browser or at build time.

use crate::markdown::{parse, plain_text};
use crate::site::Site;

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    News,
    People,
    Publications,
    /// A profile, by slug; a slug no member has is the "member not found" page.
    Member(String),
    /// The grid of projects.
    Projects,
    /// A project's page, by slug; a slug no project has is the "project not found" page.
    Project(String),
    /// The list of posts.
    Posts,
    /// A post, by slug; a slug no post has is the "post not found" page.
    Post(String),
    NotFound,
}

/// Longest description kept, as search engines show about this much.
const DESCRIPTION_CHARS: usize = 160;

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

impl Page {
    /// The document title.
    pub fn title(&self, site: &Site) -> String {
        let lab = &site.data().lab;
        let short = &lab.short_name;
        match self {
            Page::Home => format!("{short} · {}", lab.name),
            Page::News => format!("News · {short}"),
            Page::People => format!("People · {short}"),
            Page::Publications => format!("Publications · {short}"),
            Page::Member(slug) => match site.member(slug) {
                Some(m) => format!("{} · {short}", m.name),
                None => format!("Member not found · {short}"),
            },
            Page::Projects => format!("Projects · {short}"),
            Page::Project(slug) => match site.project(slug) {
                Some(p) => format!("{} · {short}", p.name),
                None => format!("Project not found · {short}"),
            },
            Page::Posts => format!("Posts · {short}"),
            Page::Post(slug) => match site.post(slug) {
                Some(p) => format!("{} · {short}", p.title),
                None => format!("Post not found · {short}"),
            },
            Page::NotFound => format!("Page not found · {short}"),
        }
    }

    /// A one-sentence summary for `<meta name="description">` and link previews.
    pub fn description(&self, site: &Site) -> String {
        let d = site.data();
        let lab = &d.lab;
        let text = match self {
            Page::Home => plain_text(&parse(&lab.description)),
            Page::News => format!(
                "News from the {} ({}) at {}: {} items on papers, awards, fellowships, talks and releases.",
                lab.name,
                lab.short_name,
                lab.institution,
                d.news.len()
            ),
            Page::People => {
                let (groups, alumni) = site.people();
                let current: usize = groups.iter().map(|g| g.members.len()).sum();
                format!(
                    "The {current} current members and {} alumni of the {} ({}) at {}.",
                    alumni.len(),
                    lab.name,
                    lab.short_name,
                    lab.institution
                )
            }
            Page::Publications => {
                let years: Vec<i32> = d.publications.iter().filter_map(|p| crate::date::year_of(&p.date)).collect();
                let span = match (years.iter().min(), years.iter().max()) {
                    (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
                    (Some(a), _) => format!(", {a}"),
                    _ => String::new(),
                };
                format!(
                    "{} publications of the {} ({}) at {}{span}, searchable by year, topic and author.",
                    d.publications.len(),
                    lab.name,
                    lab.short_name,
                    lab.institution
                )
            }
            Page::Member(slug) => match site.member(slug) {
                Some(m) => {
                    let pubs = site.publications_of(&m.slug).len();
                    let role = m.role.label();
                    let status = if m.alumni { format!("alumni ({role})") } else { role.to_string() };
                    let papers = match pubs {
                        0 => String::new(),
                        1 => " 1 publication.".to_string(),
                        n => format!(" {n} publications."),
                    };
                    format!("{}, {status} at the {} ({}), {}.{papers}", m.name, lab.name, lab.short_name, lab.institution)
                }
                None => format!("No member of {} has this address.", lab.short_name),
            },
            Page::Projects => {
                let names: Vec<&str> = d.projects.iter().map(|p| p.name.as_str()).collect();
                let list = if names.is_empty() {
                    String::new()
                } else {
                    format!(": {}", names.join(", "))
                };
                format!(
                    "The systems and tools the {} ({}) at {} builds{list}.",
                    lab.name, lab.short_name, lab.institution
                )
            }
            Page::Project(slug) => match site.project(slug) {
                Some(p) => format!(
                    "{}, a project of {}: {}",
                    p.name,
                    lab.short_name,
                    plain_text(&parse(&p.description))
                ),
                None => format!("No project of {} has this address.", lab.short_name),
            },
            Page::Posts => format!(
                "Posts from the {} ({}) at {}: what the lab builds and learns, at length.",
                lab.name, lab.short_name, lab.institution
            ),
            Page::Post(slug) => match site.post(slug) {
                Some(p) => p.description.clone(),
                None => format!("No post of {} has this address.", lab.short_name),
            },
            Page::NotFound => format!("There is no page at this address on the {} website.", lab.short_name),
        };
        truncate_words(&text, DESCRIPTION_CHARS)
    }

    /// The page's path below the base, with a trailing slash for directory pages: `/`, `/news/`,
    /// `/members/<slug>/`. `None` for pages without a canonical address.
    pub fn path(&self) -> Option<String> {
        match self {
            Page::Home => Some("/".into()),
            Page::News => Some("/news/".into()),
            Page::People => Some("/people/".into()),
            Page::Publications => Some("/publications/".into()),
            Page::Member(slug) => Some(format!("/members/{slug}/")),
            Page::Projects => Some("/projects/".into()),
            Page::Project(slug) => Some(format!("/projects/{slug}/")),
            Page::Posts => Some("/posts/".into()),
            Page::Post(slug) => Some(format!("/posts/{slug}/")),
            Page::NotFound => None,
        }
    }

    /// Every page with an address, for the static entry pages and the sitemap.
    pub fn all(site: &Site) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::News,
            Page::People,
            Page::Publications,
            Page::Projects,
        ];
        pages.extend(
            site.data()
                .members
                .iter()
                .filter(|m| crate::text::is_slug(&m.slug))
                .map(|m| Page::Member(m.slug.clone())),
        );
        let mut seen = std::collections::BTreeSet::new();
        pages.extend(
            site.projects()
                .iter()
                .filter(|p| crate::text::is_slug(&p.slug) && seen.insert(p.slug.as_str()))
                .map(|p| Page::Project(p.slug.clone())),
        );
        if !site.posts().is_empty() {
            pages.push(Page::Posts);
            pages.extend(
                site.posts()
                    .iter()
                    .filter(|p| crate::text::is_slug(&p.slug))
                    .map(|p| Page::Post(p.slug.clone())),
            );
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let text = r#"{"version":1,
          "lab":{"name":"Example Lab","short_name":"EL","institution":"Uni","description":"d"},
          "topics":[],"members":[{"slug":"ann","name":"Ann","role":"pi"}],"publications":[],"news":[],
          "projects":[
            {"slug":"fast","name":"Fast","description":"Makes *models* fast. It also [scales](https://x.example)."},
            {"slug":"Bad Slug","name":"Bad","description":"d"},
            {"slug":"fast","name":"Fast again","description":"d"}]}"#;
        crate::load_site(text).unwrap().site
    }

    #[test]
    fn project_pages_have_titles_descriptions_and_paths() {
        let site = site();
        assert_eq!(Page::Projects.title(&site), "Projects · EL");
        assert_eq!(Page::Projects.path().as_deref(), Some("/projects/"));
        assert_eq!(
            Page::Projects.description(&site),
            "The systems and tools the Example Lab (EL) at Uni builds: Fast, Bad, Fast again."
        );
        let fast = Page::Project("fast".into());
        assert_eq!(fast.title(&site), "Fast · EL");
        assert_eq!(fast.path().as_deref(), Some("/projects/fast/"));
        assert_eq!(
            fast.description(&site),
            "Fast, a project of EL: Makes models fast. It also scales."
        );
        let ghost = Page::Project("ghost".into());
        assert_eq!(ghost.title(&site), "Project not found · EL");
        assert_eq!(
            ghost.description(&site),
            "No project of EL has this address."
        );
    }

    #[test]
    fn every_project_with_a_valid_slug_is_listed_once() {
        let site = site();
        let paths: Vec<String> = Page::all(&site).iter().filter_map(Page::path).collect();
        assert_eq!(
            paths,
            [
                "/",
                "/news/",
                "/people/",
                "/publications/",
                "/projects/",
                "/members/ann/",
                "/projects/fast/"
            ]
        );
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("short text", 160), "short text");
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert!(truncate_words(&"word ".repeat(100), 160).chars().count() <= 160);
        assert_eq!(truncate_words("  spaced\n out ", 50), "spaced out");
    }
}
