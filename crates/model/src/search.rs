//! Site-wide search as the header's dialog shows it: hits grouped by kind, each with the address
//! that opens exactly that item (a profile, a project, a post, or a publication's or news item's
//! anchor on its list); what to offer before anything is typed; the rows that carry the query
//! over to a list's own search; and, for an address that names nothing, the pages it most likely
//! meant.

use crate::date::Date;
use crate::markdown::{parse, plain_text};
use crate::pages::truncate_words;
use crate::query::Filter;
use crate::site::Site;
use crate::text::fold;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Person,
    Project,
    Post,
    Publication,
    News,
    /// A main page of the site (Not Found's suggestions).
    Page,
    /// A list's own search for the query ("Search publications for …").
    ListSearch,
}

/// One result: its label, a line of detail, and where it leads (a site path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    pub label: String,
    pub detail: String,
    pub path: String,
}

/// Hits under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitGroup {
    pub title: &'static str,
    pub hits: Vec<Hit>,
}

/// The longest slug Not Found compares (an address is not a place for an essay).
const MAX_SLUG_CHARS: usize = 64;

impl Site {
    fn person_hit(&self, i: usize) -> Hit {
        let m = &self.data().members[i];
        Hit {
            kind: HitKind::Person,
            label: m.name.clone(),
            detail: if m.alumni {
                "Alumni".to_string()
            } else {
                m.role.label().to_string()
            },
            path: format!("/members/{}", m.slug),
        }
    }

    fn project_hit(&self, i: usize) -> Hit {
        let p = &self.projects()[i];
        Hit {
            kind: HitKind::Project,
            label: p.name.clone(),
            detail: truncate_words(&p.summary(), 80),
            path: format!("/projects/{}", p.slug),
        }
    }

    fn post_hit(&self, i: usize) -> Hit {
        let p = self.post_at(i);
        Hit {
            kind: HitKind::Post,
            label: p.title.clone(),
            detail: Date::parse(&p.date).map_or_else(|| p.date.clone(), |d| d.display()),
            path: format!("/posts/{}", p.slug),
        }
    }

    fn publication_hit(&self, i: usize) -> Hit {
        let p = self.publication(i);
        Hit {
            kind: HitKind::Publication,
            label: p.title.clone(),
            detail: p.venue.clone(),
            path: self.publication_path(i),
        }
    }

    fn news_hit(&self, i: usize) -> Hit {
        let n = self.news(i);
        Hit {
            kind: HitKind::News,
            label: truncate_words(&plain_text(&parse(&n.text)), 90),
            detail: Date::parse(&n.date).map_or_else(|| n.date.clone(), |d| d.display()),
            path: self.news_path(i),
        }
    }

    /// What matches every word of `q`, at most `per_kind` of each kind, grouped: people,
    /// projects, posts, publications, news (empty groups left out).
    pub fn search_hits(&self, q: &str, per_kind: usize) -> Vec<HitGroup> {
        let found = self.search_everything(q, per_kind);
        let groups = [
            (
                "People",
                found.members.iter().map(|&i| self.person_hit(i)).collect(),
            ),
            (
                "Projects",
                found
                    .projects
                    .iter()
                    .map(|&i| self.project_hit(i))
                    .collect(),
            ),
            (
                "Posts",
                found.posts.iter().map(|&i| self.post_hit(i)).collect(),
            ),
            (
                "Publications",
                found
                    .publications
                    .iter()
                    .map(|&i| self.publication_hit(i))
                    .collect(),
            ),
            (
                "News",
                found
                    .news
                    .iter()
                    .map(|&i| self.news_hit(i))
                    .collect::<Vec<_>>(),
            ),
        ];
        groups
            .into_iter()
            .filter(|(_, hits)| !hits.is_empty())
            .map(|(title, hits)| HitGroup { title, hits })
            .collect()
    }

    /// What the search offers before anything is typed: the featured projects, the latest news
    /// and the latest posts.
    pub fn suggested_hits(&self) -> Vec<HitGroup> {
        let projects: Vec<Hit> = self
            .projects()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.featured)
            .take(4)
            .map(|(i, _)| self.project_hit(i))
            .collect();
        let news: Vec<Hit> = self
            .latest_news(3)
            .iter()
            .map(|&i| self.news_hit(i))
            .collect();
        let posts: Vec<Hit> = (0..self.posts().len().min(2))
            .map(|i| self.post_hit(i))
            .collect();
        [
            ("Featured projects", projects),
            ("Latest news", news),
            ("Latest posts", posts),
        ]
        .into_iter()
        .filter(|(_, hits)| !hits.is_empty())
        .map(|(title, hits)| HitGroup { title, hits })
        .collect()
    }

    /// Rows that carry `q` to the lists' own searches, where every match is listed with its
    /// facets: publications, news, and posts when there are any. None for a blank query.
    pub fn list_searches(&self, q: &str) -> Option<HitGroup> {
        let q = q.trim();
        if q.is_empty() {
            return None;
        }
        let filter = Filter::default().with_q(q);
        let mut hits = Vec::new();
        for (list, name) in [
            ("/publications", "publications"),
            ("/news", "news"),
            ("/posts", "posts"),
        ] {
            if list == "/posts" && self.posts().is_empty() {
                continue;
            }
            hits.push(Hit {
                kind: HitKind::ListSearch,
                label: format!("Search {name} for “{q}”"),
                detail: String::new(),
                path: filter.href(list),
            });
        }
        Some(HitGroup {
            title: "Search a list",
            hits,
        })
    }

    /// The pages an unknown address most likely meant, best first, at most `n`: a member,
    /// project or post whose slug is a typo away from the address's last part (or starts with
    /// it), then the main pages by name. `/members/amey-agrwal` suggests Amey Agrawal's profile.
    pub fn nearest_pages(&self, path: &str, n: usize) -> Vec<Hit> {
        let parts: Vec<&str> = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .split('/')
            .filter(|p| !p.is_empty())
            .collect();
        let Some(last) = parts.last() else {
            return Vec::new();
        };
        let wanted: String = fold(&crate::query::percent_decode(last))
            .trim_end_matches(".html")
            .chars()
            .take(MAX_SLUG_CHARS)
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let section = parts.first().copied().unwrap_or("");
        let mut candidates: Vec<(usize, bool, Hit)> = Vec::new();
        let mut consider = |slug: &str, in_section: bool, hit: Hit| {
            if let Some(d) = closeness(&wanted, slug) {
                candidates.push((d, !in_section, hit));
            }
        };
        for (i, m) in self.data().members.iter().enumerate() {
            consider(
                &m.slug,
                matches!(section, "members" | "people" | "team"),
                self.person_hit(i),
            );
        }
        for (i, p) in self.projects().iter().enumerate() {
            consider(&p.slug, section == "projects", self.project_hit(i));
        }
        for (i, p) in self.posts().iter().enumerate() {
            consider(
                &p.slug,
                matches!(section, "posts" | "blog"),
                self.post_hit(i),
            );
        }
        for (slug, label) in [
            ("news", "News"),
            ("people", "People"),
            ("publications", "Publications"),
            ("projects", "Projects"),
            ("posts", "Posts"),
        ] {
            if slug == "projects" && self.projects().is_empty()
                || slug == "posts" && self.posts().is_empty()
            {
                continue;
            }
            consider(
                slug,
                false,
                Hit {
                    kind: HitKind::Page,
                    label: label.to_string(),
                    detail: String::new(),
                    path: format!("/{slug}"),
                },
            );
        }
        candidates.sort_by_key(|c| (c.0, c.1));
        let mut out: Vec<Hit> = Vec::new();
        for (_, _, hit) in candidates {
            if out.len() == n {
                break;
            }
            if !out.iter().any(|h| h.path == hit.path) {
                out.push(hit);
            }
        }
        out
    }
}

/// How far `wanted` (folded) is from `slug`, when near enough to suggest: the number of letters
/// to add, drop or change, at most a third of the slug's length (and at least 2); 1 when one
/// starts with the other and the shorter has at least 3 letters (`amey` for `amey-agrawal`).
fn closeness(wanted: &str, slug: &str) -> Option<usize> {
    let slug: String = slug.chars().take(MAX_SLUG_CHARS).collect();
    if wanted == slug {
        return Some(0);
    }
    let shorter = wanted.chars().count().min(slug.chars().count());
    if shorter >= 3 && (slug.starts_with(wanted) || wanted.starts_with(slug.as_str())) {
        return Some(1);
    }
    let d = edit_distance(wanted, &slug);
    (d <= (slug.chars().count() / 3).max(2)).then_some(d)
}

/// The Levenshtein distance between two short strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"version":1,
      "lab":{"name":"L","short_name":"L","institution":"I","description":"d"},
      "topics":[{"slug":"paper","label":"Papers"}],
      "members":[{"slug":"amey-agrawal","name":"Amey Agrawal","role":"phd"},
                 {"slug":"ann-lee","name":"Ann Lee","role":"pi"},
                 {"slug":"lukasz-nowak","name":"Łukasz Nowak","role":"postdoc","alumni":true}],
      "publications":[
        {"id":"old","title":"Old Things","authors":["Ann Lee"],"venue":"OSDI","date":"2022-01-01"},
        {"id":"new","title":"New Things","authors":["Amey Agrawal"],"venue":"NSDI","date":"2024-01-01"}],
      "news":[
        {"id":"a","date":"2024-03-01","topics":["paper"],"text":"[Amey Agrawal](/members/amey-agrawal) wins a fellowship."},
        {"id":"b","date":"2024-04-01","topics":["paper"],"text":"New Things accepted."}],
      "projects":[{"slug":"vidur","name":"Vidur","description":"A simulator.","featured":true}]}"#;

    fn site() -> Site {
        crate::load_site(TEXT).unwrap().site
    }

    #[test]
    fn hits_are_grouped_and_lead_to_the_item_itself() {
        let site = site();
        let groups = site.search_hits("amey", 5);
        let titles: Vec<&str> = groups.iter().map(|g| g.title).collect();
        assert_eq!(titles, ["People", "Publications", "News"]);
        assert_eq!(groups[0].hits[0].path, "/members/amey-agrawal");
        assert_eq!(groups[0].hits[0].detail, "PhD student");
        // A publication and a news item lead to their anchors, not to a filtered list.
        assert_eq!(groups[1].hits[0].path, "/publications#pub-new");
        assert_eq!(groups[2].hits[0].path, "/news#news-a");
        assert_eq!(groups[2].hits[0].detail, "Mar 1, 2024");
        // Accents fold: "lukasz" finds Łukasz, an alumnus.
        let groups = site.search_hits("lukasz", 5);
        assert_eq!(groups[0].hits[0].label, "Łukasz Nowak");
        assert_eq!(groups[0].hits[0].detail, "Alumni");
        assert!(site.search_hits("  ", 5).is_empty());
    }

    #[test]
    fn an_empty_query_offers_featured_and_latest_items() {
        let site = site();
        let groups = site.suggested_hits();
        let titles: Vec<&str> = groups.iter().map(|g| g.title).collect();
        assert_eq!(titles, ["Featured projects", "Latest news"]);
        assert_eq!(groups[0].hits[0].path, "/projects/vidur");
        assert_eq!(groups[1].hits[0].path, "/news#news-b", "newest first");
    }

    #[test]
    fn list_searches_carry_the_query() {
        let site = site();
        let g = site.list_searches(" new things ").unwrap();
        let paths: Vec<&str> = g.hits.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(paths, ["/publications?q=new+things", "/news?q=new+things"]);
        assert_eq!(g.hits[0].label, "Search publications for “new things”");
        assert!(site.list_searches(" ").is_none());
    }

    #[test]
    fn a_mistyped_address_suggests_what_it_meant() {
        let site = site();
        let paths = |p: &str| -> Vec<String> {
            site.nearest_pages(p, 3)
                .into_iter()
                .map(|h| h.path)
                .collect()
        };
        assert_eq!(paths("/members/amey-agrwal"), ["/members/amey-agrawal"]);
        assert_eq!(paths("/members/amey"), ["/members/amey-agrawal"]);
        assert_eq!(paths("/members/Lukasz-Nowak/"), ["/members/lukasz-nowak"]);
        assert_eq!(paths("/projects/vidurr"), ["/projects/vidur"]);
        assert_eq!(paths("/publicatons?q=x"), ["/publications"]);
        assert_eq!(paths("/newz"), ["/news"]);
        assert!(paths("/completely/unrelated-thing").is_empty());
        assert!(paths("/").is_empty());
        // Hostile lengths cost nothing.
        let long = format!("/members/{}", "a".repeat(100_000));
        assert!(site.nearest_pages(&long, 3).len() <= 3);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("amey-agrwal", "amey-agrawal"), 1);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
