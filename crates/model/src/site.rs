//! A loaded site, indexed once for the views: news and publications in display order with their
//! search indexes, members by slug and by every spelling of their name.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::date::{year_of, Date};
use crate::engine::{Doc, FacetLabels, Index, Results};
use crate::images::{ImageEntry, ImageManifest};
use crate::markdown;
use crate::posts::Post;
use crate::query::Filter;
use crate::text::{fold, name_key};
use crate::types::{Member, NewsItem, Project, Publication, Role, SiteData};

/// An author of a publication, linked to a member when the name matches one.
#[derive(Debug, Clone, PartialEq)]
pub struct Author<'a> {
    pub name: &'a str,
    pub member: Option<&'a Member>,
}

/// Members of one role, for the People page.
#[derive(Debug, Clone)]
pub struct RoleGroup<'a> {
    pub role: Role,
    pub members: Vec<&'a Member>,
}

#[derive(Debug)]
struct Inner {
    data: SiteData,
    /// News indices, newest first.
    news_order: Vec<usize>,
    /// Publication indices, newest first.
    pub_order: Vec<usize>,
    /// Search index over `news_order`.
    news_index: Index,
    /// Search index over `pub_order`.
    pub_index: Index,
    member_by_slug: BTreeMap<String, usize>,
    member_by_name: BTreeMap<String, usize>,
    /// For each publication, the member index of each author.
    pub_authors: Vec<Vec<Option<usize>>>,
    /// For each news item, the slugs of members it mentions (listed or linked).
    news_members: Vec<Vec<String>>,
    /// For each news item, what its text links to, as [`link_key`]s and `project:<slug>` for a
    /// project page; empty when the file has no projects (nothing asks then).
    news_links: Vec<Vec<String>>,
    /// What the build made of the images the data names; empty until [`Site::set_images`].
    images: std::sync::OnceLock<ImageManifest>,
    /// The posts the build rendered; none until [`Site::set_posts`].
    posts: std::sync::OnceLock<Posts>,
}

/// The posts, newest first, with their search index (in the same order).
#[derive(Debug, Default)]
struct Posts {
    list: Vec<Post>,
    index: Index,
}

/// The indexed site. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Site(Arc<Inner>);

impl PartialEq for Site {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A link target as news and projects are matched on: without scheme, `www.`, trailing slash or
/// case, and an arXiv PDF as its abstract page.
/// `"https://arxiv.org/pdf/2409.17264v2.pdf"` → `"arxiv.org/abs/2409.17264"`.
pub fn link_key(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    match rest
        .strip_prefix("arxiv.org/pdf/")
        .or_else(|| rest.strip_prefix("arxiv.org/abs/"))
    {
        Some(id) => format!(
            "arxiv.org/abs/{}",
            crate::validate::arxiv_key(id.strip_suffix(".pdf").unwrap_or(id))
        ),
        None => rest.to_string(),
    }
}

/// Every address of a publication, as [`link_key`]s: its URL, DOI and arXiv pages, its buttons.
fn publication_keys(p: &Publication) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let urls = p
        .url
        .iter()
        .cloned()
        .chain(
            p.doi
                .iter()
                .map(|d| format!("https://doi.org/{}", d.trim())),
        )
        .chain(
            p.arxiv
                .iter()
                .map(|a| format!("https://arxiv.org/abs/{}", a.trim())),
        )
        .chain(p.links.iter().map(|l| l.url.clone()));
    for url in urls {
        let key = link_key(&url);
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// `list` (`/news`) at the page that holds its `at`th entry, scrolled to the element `anchor`.
fn item_path(list: &str, at: usize, anchor: &str) -> String {
    let page = at / crate::paging::PER_PAGE + 1;
    format!(
        "{}#{}",
        crate::paging::page_href(list, page),
        fragment_encode(anchor)
    )
}

/// `s` as a URL fragment: everything but unreserved characters percent-encoded, so an id with a
/// space or a `#` still leads to its element.
pub fn fragment_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Indices of `dates` sorted newest first; equal or invalid dates keep file order.
fn newest_first(dates: Vec<&str>) -> Vec<usize> {
    // Each date parsed once, not once per comparison.
    let parsed: Vec<_> = dates.iter().map(|d| Date::parse(d)).collect();
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_by(|&a, &b| parsed[b].cmp(&parsed[a]));
    order
}

impl Site {
    pub fn new(data: SiteData) -> Site {
        let mut member_by_slug = BTreeMap::new();
        let mut member_by_name = BTreeMap::new();
        for (i, m) in data.members.iter().enumerate() {
            member_by_slug.entry(m.slug.clone()).or_insert(i);
            for name in std::iter::once(&m.name).chain(&m.aliases) {
                let key = name_key(name);
                if !key.is_empty() {
                    member_by_name.entry(key).or_insert(i);
                }
            }
        }
        let pub_authors: Vec<Vec<Option<usize>>> = data
            .publications
            .iter()
            .map(|p| {
                p.authors
                    .iter()
                    .map(|a| member_by_name.get(&name_key(a)).copied())
                    .collect()
            })
            .collect();
        let news_nodes: Vec<Vec<markdown::Inline>> =
            data.news.iter().map(|n| markdown::parse(&n.text)).collect();
        let news_members: Vec<Vec<String>> = data
            .news
            .iter()
            .zip(&news_nodes)
            .map(|(n, nodes)| {
                let mut slugs: Vec<String> = Vec::new();
                let linked = markdown::hrefs(nodes)
                    .into_iter()
                    .filter_map(|h| h.member_slug().map(str::to_string));
                for s in n.members.iter().cloned().chain(linked) {
                    if member_by_slug.contains_key(&s) && !slugs.contains(&s) {
                        slugs.push(s);
                    }
                }
                slugs
            })
            .collect();

        let news_links: Vec<Vec<String>> = if data.projects.is_empty() {
            Vec::new()
        } else {
            news_nodes
                .iter()
                .map(|nodes| {
                    markdown::hrefs(nodes)
                        .into_iter()
                        .filter_map(|h| match h {
                            markdown::Href::External(url) => Some(link_key(url)),
                            markdown::Href::Internal(_) => {
                                h.project_slug().map(|s| format!("project:{s}"))
                            }
                            markdown::Href::Mail(_) => None,
                        })
                        .collect()
                })
                .collect()
        };

        // What a news item is (its kinds) and what it is about (its topics) come in one list;
        // the file's `kinds` says which slugs are which.
        let is_kind = |slug: &String| data.kinds.contains(slug);
        let not_kind = |slugs: &[String]| -> Vec<String> {
            slugs.iter().filter(|t| !is_kind(t)).cloned().collect()
        };
        let topic_label = |slug: &str| {
            data.topics
                .iter()
                .find(|t| t.slug == slug)
                .map(|t| t.label.as_str())
                .unwrap_or("")
        };
        let news_order = newest_first(data.news.iter().map(|n| n.date.as_str()).collect());
        let pub_order = newest_first(data.publications.iter().map(|p| p.date.as_str()).collect());

        let news_index = Index::new(
            news_order
                .iter()
                .map(|&i| {
                    let n = &data.news[i];
                    let mut text = markdown::plain_text(&news_nodes[i]);
                    for t in &n.topics {
                        text.push('\n');
                        text.push_str(topic_label(t));
                    }
                    for s in &news_members[i] {
                        text.push('\n');
                        text.push_str(&data.members[member_by_slug[s]].name);
                    }
                    // No authors: news has no author facet, so there is nothing to count.
                    Doc {
                        year: year_of(&n.date),
                        kinds: n.topics.iter().filter(|t| is_kind(t)).cloned().collect(),
                        topics: not_kind(&n.topics),
                        authors: Vec::new(),
                        text: fold(&text),
                    }
                })
                .collect(),
        );
        let pub_index = Index::new(
            pub_order
                .iter()
                .map(|&i| {
                    let p = &data.publications[i];
                    let mut text = format!("{}\n{}\n{}", p.title, p.authors.join("\n"), p.venue);
                    for t in &p.topics {
                        text.push('\n');
                        text.push_str(topic_label(t));
                    }
                    let mut authors: Vec<String> = Vec::new();
                    for m in pub_authors[i].iter().flatten() {
                        let slug = &data.members[*m].slug;
                        if !authors.contains(slug) {
                            authors.push(slug.clone());
                        }
                    }
                    Doc {
                        year: year_of(&p.date),
                        kinds: Vec::new(),
                        topics: not_kind(&p.topics),
                        authors,
                        text: fold(&text),
                    }
                })
                .collect(),
        );

        Site(Arc::new(Inner {
            data,
            news_order,
            pub_order,
            news_index,
            pub_index,
            member_by_slug,
            member_by_name,
            pub_authors,
            news_members,
            news_links,
            images: std::sync::OnceLock::new(),
            posts: std::sync::OnceLock::new(),
        }))
    }

    pub fn data(&self) -> &SiteData {
        &self.0.data
    }

    /// Records what the build made of the data's images (once; later calls change nothing).
    pub fn set_images(&self, images: ImageManifest) {
        _ = self.0.images.set(images);
    }

    /// Records the posts the build rendered (once; later calls change nothing). Posts whose slug
    /// is taken by an earlier one are left out, as the build reports.
    pub fn set_posts(&self, posts: Vec<Post>) {
        let mut list: Vec<Post> = Vec::with_capacity(posts.len());
        for p in posts {
            if !list.iter().any(|q| q.slug == p.slug) {
                list.push(p);
            }
        }
        let order = newest_first(list.iter().map(|p| p.date.as_str()).collect());
        let mut slots: Vec<Option<Post>> = list.into_iter().map(Some).collect();
        let list: Vec<Post> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let index = Index::new(
            list.iter()
                .map(|p| {
                    let mut text = format!("{}\n{}\n{}", p.title, p.description, p.text);
                    for t in &p.topics {
                        text.push('\n');
                        text.push_str(self.topic_label(t));
                    }
                    for a in &p.authors {
                        if let Some(m) = self.member(a) {
                            text.push('\n');
                            text.push_str(&m.name);
                        }
                    }
                    Doc {
                        year: year_of(&p.date),
                        kinds: Vec::new(),
                        topics: p
                            .topics
                            .iter()
                            .filter(|t| !self.is_kind(t))
                            .cloned()
                            .collect(),
                        authors: Vec::new(),
                        text: fold(&text),
                    }
                })
                .collect(),
        );
        _ = self.0.posts.set(Posts { list, index });
    }

    /// Every post, newest first (none before [`Site::set_posts`]).
    pub fn posts(&self) -> &[Post] {
        self.0.posts.get().map_or(&[], |p| p.list.as_slice())
    }

    /// The `i`th post of [`Site::posts`].
    pub fn post_at(&self, i: usize) -> &Post {
        &self.posts()[i]
    }

    pub fn post(&self, slug: &str) -> Option<&Post> {
        self.posts().iter().find(|p| p.slug == slug)
    }

    /// The post written just before and the one just after `slug`, by date.
    pub fn post_neighbours(&self, slug: &str) -> (Option<&Post>, Option<&Post>) {
        let posts = self.posts();
        match posts.iter().position(|p| p.slug == slug) {
            // Newest first: the older post follows in the list.
            Some(i) => (posts.get(i + 1), i.checked_sub(1).map(|j| &posts[j])),
            None => (None, None),
        }
    }

    /// The posts a member wrote, newest first, as indices into [`Site::posts`].
    pub fn posts_of(&self, member_slug: &str) -> Vec<usize> {
        self.posts()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.authors.iter().any(|a| a == member_slug))
            .map(|(i, _)| i)
            .collect()
    }

    /// The members among a post's authors, in byline order.
    pub fn post_authors(&self, post: &Post) -> Vec<&Member> {
        post.authors.iter().filter_map(|s| self.member(s)).collect()
    }

    /// Posts matching a filter, newest first, with facet counts (year, topic); items are indices
    /// into [`Site::posts`].
    pub fn search_posts(&self, filter: &Filter) -> Results {
        self.find_posts(filter, Index::search)
    }

    /// The posts [`Site::search_posts`] finds, without the facet counts.
    pub fn post_matches(&self, filter: &Filter) -> Results {
        self.find_posts(filter, Index::matches)
    }

    fn find_posts(&self, filter: &Filter, find: fn(&Index, &Filter, &Site) -> Results) -> Results {
        // Posts have no author or kind facet: those in the URL are ignored.
        let filter = Filter {
            authors: Vec::new(),
            kinds: Vec::new(),
            ..filter.clone()
        };
        match self.0.posts.get() {
            Some(posts) => find(&posts.index, &filter, self),
            None => find(&Index::default(), &filter, self),
        }
    }

    /// The build's renditions of an image path of the data file, if it made any.
    pub fn image(&self, path: &str) -> Option<&ImageEntry> {
        self.0.images.get().and_then(|m| m.get(path))
    }

    pub fn news(&self, i: usize) -> &NewsItem {
        &self.0.data.news[i]
    }

    pub fn publication(&self, i: usize) -> &Publication {
        &self.0.data.publications[i]
    }

    /// Whether a slug of the vocabulary says what a news item is rather than what it is about
    /// (the data file's `kinds`).
    pub fn is_kind(&self, slug: &str) -> bool {
        self.0.data.kinds.iter().any(|k| k == slug)
    }

    /// An item's slugs of the vocabulary split into its kinds and its topics, in the item's
    /// order; slugs the vocabulary lacks are left out.
    pub fn kinds_and_topics<'a>(&self, slugs: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
        slugs
            .iter()
            .map(String::as_str)
            .filter(|s| self.0.data.topics.iter().any(|t| t.slug == *s))
            .partition(|s| self.is_kind(s))
    }

    /// The member slugs a publication's authors are (each once, in byline order), for the
    /// entry's `data-authors`.
    pub fn author_slugs(&self, publication: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in self.0.pub_authors[publication].iter().flatten() {
            let slug = self.0.data.members[*m].slug.as_str();
            if !out.contains(&slug) {
                out.push(slug);
            }
        }
        out
    }

    /// The address of a news item: its anchor on the page of the News list that shows it with
    /// no filter (`/news#news-<id>`, or `/news?page=2#news-<id>` further down). The feed, site
    /// search and the item's own link all lead there.
    pub fn news_path(&self, news: usize) -> String {
        let order = &self.0.news_order;
        let at = order.iter().position(|&i| i == news).unwrap_or(0);
        item_path("/news", at, &format!("news-{}", self.0.data.news[news].id))
    }

    /// The address of a publication: its anchor on the page of the Publications list that shows
    /// it with no filter.
    pub fn publication_path(&self, publication: usize) -> String {
        let order = &self.0.pub_order;
        let at = order.iter().position(|&i| i == publication).unwrap_or(0);
        item_path(
            "/publications",
            at,
            &format!("pub-{}", self.0.data.publications[publication].id),
        )
    }

    pub fn topic_label<'a>(&'a self, slug: &'a str) -> &'a str {
        self.0
            .data
            .topics
            .iter()
            .find(|t| t.slug == slug)
            .map_or(slug, |t| t.label.as_str())
    }

    /// All news, newest first.
    pub fn news_newest_first(&self) -> &[usize] {
        &self.0.news_order
    }

    /// All publications, newest first.
    pub fn publications_newest_first(&self) -> &[usize] {
        &self.0.pub_order
    }

    /// News matching a filter, newest first, with facet counts (year, topic).
    pub fn search_news(&self, filter: &Filter) -> Results {
        self.find_news(filter, Index::search)
    }

    /// The news items [`Site::search_news`] finds, without the facet counts.
    pub fn news_matches(&self, filter: &Filter) -> Results {
        self.find_news(filter, Index::matches)
    }

    fn find_news(&self, filter: &Filter, find: fn(&Index, &Filter, &Site) -> Results) -> Results {
        // News has no author facet: an author in the URL is ignored. A kind given as a topic (a
        // link from before the vocabulary said which slugs are kinds: `?topic=award`) is read as
        // the kind, so old links keep their meaning.
        let (kinds_as_topics, topics): (Vec<String>, Vec<String>) =
            filter.topics.iter().cloned().partition(|t| self.is_kind(t));
        let mut kinds = filter.kinds.clone();
        for k in kinds_as_topics {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        let filter = Filter {
            authors: Vec::new(),
            kinds,
            topics,
            ..filter.clone()
        };
        let mut r = find(&self.0.news_index, &filter, self);
        r.items = r.items.into_iter().map(|k| self.0.news_order[k]).collect();
        r
    }

    /// Publications matching a filter, newest first, with facet counts (year, topic, author).
    pub fn search_publications(&self, filter: &Filter) -> Results {
        self.find_publications(filter, Index::search)
    }

    /// The publications [`Site::search_publications`] finds, without the facet counts.
    pub fn publication_matches(&self, filter: &Filter) -> Results {
        self.find_publications(filter, Index::matches)
    }

    fn find_publications(
        &self,
        filter: &Filter,
        find: fn(&Index, &Filter, &Site) -> Results,
    ) -> Results {
        // Publications have no kind facet: a kind in the URL is ignored.
        let filter = Filter {
            kinds: Vec::new(),
            ..filter.clone()
        };
        let mut r = find(&self.0.pub_index, &filter, self);
        r.items = r.items.into_iter().map(|k| self.0.pub_order[k]).collect();
        r
    }

    pub fn member(&self, slug: &str) -> Option<&Member> {
        self.0
            .member_by_slug
            .get(slug)
            .map(|&i| &self.0.data.members[i])
    }

    /// The member an author name refers to, by name or alias, ignoring case, accents and punctuation.
    pub fn member_by_name(&self, name: &str) -> Option<&Member> {
        self.0
            .member_by_name
            .get(&name_key(name))
            .map(|&i| &self.0.data.members[i])
    }

    /// Authors of a publication, each linked to a member when matched.
    pub fn authors(&self, publication: usize) -> Vec<Author<'_>> {
        let p = &self.0.data.publications[publication];
        p.authors
            .iter()
            .zip(&self.0.pub_authors[publication])
            .map(|(name, m)| Author {
                name,
                member: m.map(|i| &self.0.data.members[i]),
            })
            .collect()
    }

    /// Members a news item mentions, listed or linked.
    pub fn news_members(&self, news: usize) -> Vec<&Member> {
        self.0.news_members[news]
            .iter()
            .filter_map(|s| self.member(s))
            .collect()
    }

    /// A member's publications, newest first.
    pub fn publications_of(&self, slug: &str) -> Vec<usize> {
        let Some(&m) = self.0.member_by_slug.get(slug) else {
            return Vec::new();
        };
        self.0
            .pub_order
            .iter()
            .copied()
            .filter(|&i| self.0.pub_authors[i].contains(&Some(m)))
            .collect()
    }

    /// News that mention a member, newest first.
    pub fn news_of(&self, slug: &str) -> Vec<usize> {
        self.0
            .news_order
            .iter()
            .copied()
            .filter(|&i| self.0.news_members[i].iter().any(|s| s == slug))
            .collect()
    }

    /// The `n` latest news items with a topic, newest first.
    pub fn latest_news_about(&self, topic: &str, n: usize) -> Vec<usize> {
        let news = &self.0.data.news;
        self.0
            .news_order
            .iter()
            .copied()
            .filter(|&i| news[i].topics.iter().any(|t| t == topic))
            .take(n)
            .collect()
    }

    /// The `n` latest news.
    pub fn latest_news(&self, n: usize) -> &[usize] {
        &self.0.news_order[..n.min(self.0.news_order.len())]
    }

    /// Up to `n` publications for the home page: those marked featured, newest first, topped up
    /// with the newest others.
    pub fn selected_publications(&self, n: usize) -> Vec<usize> {
        let order = &self.0.pub_order;
        let featured = order
            .iter()
            .copied()
            .filter(|&i| self.0.data.publications[i].featured);
        let rest = order
            .iter()
            .copied()
            .filter(|&i| !self.0.data.publications[i].featured);
        featured.chain(rest).take(n).collect()
    }

    /// Up to `n` of a member's publications to show first on their profile: those marked
    /// featured, newest first, topped up with their newest others. None when they have at most
    /// `2 * n` (their whole list is short enough to scan).
    pub fn selected_publications_of(&self, slug: &str, n: usize) -> Vec<usize> {
        let theirs = self.publications_of(slug);
        if theirs.len() <= 2 * n {
            return Vec::new();
        }
        let pubs = &self.0.data.publications;
        let featured = theirs.iter().copied().filter(|&i| pubs[i].featured);
        let rest = theirs.iter().copied().filter(|&i| !pubs[i].featured);
        featured.chain(rest).take(n).collect()
    }

    /// Current members grouped by role in page order (empty roles left out), then alumni
    /// (ordered by role, then name).
    pub fn people(&self) -> (Vec<RoleGroup<'_>>, Vec<&Member>) {
        let members = &self.0.data.members;
        let by_name = |a: &&Member, b: &&Member| fold(&a.name).cmp(&fold(&b.name));
        let groups = Role::ALL
            .iter()
            .filter_map(|&role| {
                let mut list: Vec<&Member> = members
                    .iter()
                    .filter(|m| !m.alumni && m.role == role)
                    .collect();
                list.sort_by(by_name);
                (!list.is_empty()).then_some(RoleGroup {
                    role,
                    members: list,
                })
            })
            .collect();
        let mut alumni: Vec<&Member> = members.iter().filter(|m| m.alumni).collect();
        alumni.sort_by(|a, b| a.role.cmp(&b.role).then_with(|| by_name(a, b)));
        (groups, alumni)
    }
}

impl FacetLabels for Site {
    fn topic_labels(&self) -> Vec<(&str, &str)> {
        self.0
            .data
            .topics
            .iter()
            .filter(|t| !self.is_kind(&t.slug))
            .map(|t| (t.slug.as_str(), t.label.as_str()))
            .collect()
    }

    fn kind_labels(&self) -> Vec<(&str, &str)> {
        self.0
            .data
            .topics
            .iter()
            .filter(|t| self.is_kind(&t.slug))
            .map(|t| (t.slug.as_str(), t.label.as_str()))
            .collect()
    }

    fn member_label(&self, slug: &str) -> Option<&str> {
        self.member(slug).map(|m| m.name.as_str())
    }
}

impl Site {
    /// The projects, in the data file's order.
    pub fn projects(&self) -> &[Project] {
        &self.0.data.projects
    }

    pub fn project(&self, slug: &str) -> Option<&Project> {
        self.0.data.projects.iter().find(|p| p.slug == slug)
    }

    /// The projects marked featured, in the data file's order, for the home page.
    pub fn featured_projects(&self) -> Vec<&Project> {
        self.0.data.projects.iter().filter(|p| p.featured).collect()
    }

    /// The projects that list a member, in the data file's order (none for a slug no member has).
    pub fn projects_of(&self, member_slug: &str) -> Vec<&Project> {
        if self.member(member_slug).is_none() {
            return Vec::new();
        }
        self.0
            .data
            .projects
            .iter()
            .filter(|p| p.members.iter().any(|m| m == member_slug))
            .collect()
    }

    /// A project's publications that exist, newest first.
    pub fn project_publications(&self, project: &Project) -> Vec<usize> {
        let pubs = &self.0.data.publications;
        self.0
            .pub_order
            .iter()
            .copied()
            .filter(|&i| project.publications.contains(&pubs[i].id))
            .collect()
    }

    /// A project's members that exist, in the project's order.
    pub fn project_members(&self, project: &Project) -> Vec<&Member> {
        project
            .members
            .iter()
            .filter_map(|s| self.member(s))
            .collect()
    }

    /// The news about a project, newest first: the items whose text links to its page
    /// (`/projects/<slug>`), to one of its own links (repository, website…), or to one of its
    /// publications (its URL, DOI or arXiv page, or one of its buttons). A name in plain text is
    /// not enough: names are too short and too shared to match on.
    pub fn project_news(&self, project: &Project) -> Vec<usize> {
        let mut keys: Vec<String> = vec![format!("project:{}", project.slug)];
        keys.extend(
            project
                .links
                .iter()
                .map(|l| link_key(&l.url))
                .filter(|k| !k.is_empty()),
        );
        for i in self.project_publications(project) {
            keys.extend(publication_keys(&self.0.data.publications[i]));
        }
        self.0
            .news_order
            .iter()
            .copied()
            .filter(|&i| {
                self.0
                    .news_links
                    .get(i)
                    .is_some_and(|links| links.iter().any(|l| keys.contains(l)))
            })
            .collect()
    }
}

/// What the site-wide search finds, each kind best first and bounded.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSearch {
    /// Member indices into `data().members`.
    pub members: Vec<usize>,
    pub publications: Vec<usize>,
    pub news: Vec<usize>,
    /// Indices into `projects()`.
    pub projects: Vec<usize>,
    /// Indices into `posts()`.
    pub posts: Vec<usize>,
}

impl SiteSearch {
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
            && self.publications.is_empty()
            && self.news.is_empty()
            && self.projects.is_empty()
            && self.posts.is_empty()
    }
}

impl Site {
    /// Members, projects, posts, publications and news matching every word of `q` (case- and
    /// accent-insensitive), at most `limit` of each: members by name or alias, projects by name,
    /// description or topic in the file's order, the rest newest first.
    pub fn search_everything(&self, q: &str, limit: usize) -> SiteSearch {
        let words: Vec<String> = fold(q).split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            return SiteSearch {
                members: Vec::new(),
                publications: Vec::new(),
                news: Vec::new(),
                projects: Vec::new(),
                posts: Vec::new(),
            };
        }
        let projects = self
            .projects()
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                let mut text = format!("{}\n{}", p.name, p.description);
                for t in &p.topics {
                    text.push('\n');
                    text.push_str(self.topic_label(t));
                }
                let text = fold(&text);
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .take(limit)
            .collect();
        let members = self
            .0
            .data
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                let text = fold(&format!("{} {}", m.name, m.aliases.join(" ")));
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .take(limit)
            .collect();
        let filter = Filter {
            q: q.to_string(),
            ..Filter::default()
        };
        let mut publications = self.publication_matches(&filter).items;
        publications.truncate(limit);
        let mut news = self.news_matches(&filter).items;
        news.truncate(limit);
        let mut posts = self.post_matches(&filter).items;
        posts.truncate(limit);
        SiteSearch {
            members,
            publications,
            news,
            projects,
            posts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{"version":1,
      "lab":{"name":"L","short_name":"L","institution":"I","description":"d"},
      "topics":[],
      "members":[{"slug":"ann","name":"Ann Lee","role":"pi"},{"slug":"bo","name":"Bo Chen","role":"phd"}],
      "publications":[
        {"id":"old","title":"Old","authors":["Ann Lee"],"venue":"V","date":"2022-01-01","arxiv":"2201.00001"},
        {"id":"new","title":"New","authors":["Bo Chen"],"venue":"V","date":"2024-01-01","url":"https://conf.example/new",
         "links":[{"type":"code","url":"https://github.com/x/new"}]},
        {"id":"other","title":"Other","authors":["Bo Chen"],"venue":"V","date":"2023-01-01","url":"https://conf.example/other"}],
      "news":[
        {"id":"a","date":"2024-03-01","topics":[],"text":"[Paper](https://arxiv.org/pdf/2201.00001v2) out."},
        {"id":"b","date":"2024-04-01","topics":[],"text":"Code at [GitHub](https://github.com/x/new/)."},
        {"id":"c","date":"2024-05-01","topics":[],"text":"See [Fast](/projects/fast)."},
        {"id":"d","date":"2024-06-01","topics":[],"text":"[Other](https://conf.example/other) and Fast by name only."},
        {"id":"e","date":"2024-07-01","topics":[],"text":"Docs at [the site](http://www.fast.example)."}],
      "projects":[
        {"slug":"fast","name":"Fast","description":"d","publications":["old","new","ghost"],"members":["bo","ann","ghost"],
         "links":[{"type":"website","url":"https://fast.example/"}],"featured":true},
        {"slug":"slow","name":"Slow","description":"d","members":["bo"]}]}"#;

    fn site() -> Site {
        crate::load_site(TEXT).unwrap().site
    }

    #[test]
    fn projects_in_data_order_by_slug_and_by_member() {
        let site = site();
        let slugs = |ps: Vec<&Project>| ps.iter().map(|p| p.slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(site.projects().iter().collect()), ["fast", "slow"]);
        assert_eq!(site.project("slow").unwrap().name, "Slow");
        assert!(site.project("ghost").is_none());
        assert_eq!(slugs(site.featured_projects()), ["fast"]);
        assert_eq!(slugs(site.projects_of("bo")), ["fast", "slow"]);
        assert_eq!(slugs(site.projects_of("ann")), ["fast"]);
        assert!(site.projects_of("ghost").is_empty());
    }

    #[test]
    fn a_projects_publications_and_members_skip_unknown_references() {
        let site = site();
        let fast = site.project("fast").unwrap();
        let ids: Vec<&str> = site
            .project_publications(fast)
            .into_iter()
            .map(|i| site.publication(i).id.as_str())
            .collect();
        assert_eq!(ids, ["new", "old"]);
        let names: Vec<&str> = site
            .project_members(fast)
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Bo Chen", "Ann Lee"]);
    }

    #[test]
    fn a_projects_news_links_to_it_its_links_or_its_papers() {
        let site = site();
        let ids = |p: &str| -> Vec<String> {
            site.project_news(site.project(p).unwrap())
                .into_iter()
                .map(|i| site.news(i).id.clone())
                .collect()
        };
        // e: its website; c: its page; b: its paper's code; a: its paper's arXiv PDF. Not d.
        assert_eq!(ids("fast"), ["e", "c", "b", "a"]);
        assert!(ids("slow").is_empty());
    }

    #[test]
    fn a_members_selected_papers_are_featured_first_and_only_for_long_lists() {
        let mut text = String::from(
            r#"{"version":1,"lab":{"name":"L","short_name":"L","institution":"I","description":"d"},
          "topics":[],"members":[{"slug":"ann","name":"Ann Lee","role":"pi"},{"slug":"bo","name":"Bo Chen","role":"phd"}],
          "news":[],"publications":["#,
        );
        for i in 0..8 {
            let featured = if i == 2 { r#","featured":true"# } else { "" };
            text.push_str(&format!(
                r#"{}{{"id":"p{i}","title":"P{i}","authors":["Ann Lee"],"venue":"V","date":"202{i}-01-01","url":"https://x.example/{i}"{featured}}}"#,
                if i > 0 { "," } else { "" }
            ));
        }
        text.push_str(r#",{"id":"b","title":"B","authors":["Bo Chen"],"venue":"V","date":"2020-01-01","url":"https://x.example/b"}]}"#);
        let site = crate::load_site(&text).unwrap().site;
        let ids: Vec<&str> = site
            .selected_publications_of("ann", 3)
            .into_iter()
            .map(|i| site.publication(i).id.as_str())
            .collect();
        assert_eq!(ids, ["p2", "p7", "p6"]);
        assert!(site.selected_publications_of("bo", 3).is_empty());
        assert!(site.selected_publications_of("ann", 4).is_empty());
        assert!(site.selected_publications_of("ghost", 3).is_empty());
    }

    #[test]
    fn posts_are_newest_first_with_neighbours_authors_and_search() {
        use crate::posts::Post;
        let site = site();
        let post = |slug: &str, date: &str, authors: &[&str]| Post {
            slug: slug.into(),
            title: format!("About {slug}"),
            date: date.into(),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            description: String::new(),
            image: None,
            topics: Vec::new(),
            html: String::new(),
            text: format!("body of {slug}"),
            minutes: 1,
        };
        site.set_posts(vec![
            post("mid", "2022-05-01", &["ann"]),
            post("new", "2024-01-01", &["bo", "ghost"]),
            post("old", "2020-01-01", &["ann", "bo"]),
            post("new", "2025-01-01", &[]),
        ]);
        let slugs: Vec<&str> = site.posts().iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["new", "mid", "old"], "the second `new` is left out");
        let (older, newer) = site.post_neighbours("mid");
        assert_eq!(
            (older.unwrap().slug.as_str(), newer.unwrap().slug.as_str()),
            ("old", "new")
        );
        assert_eq!(site.post_neighbours("new").1, None);
        assert_eq!(site.posts_of("ann"), [1, 2]);
        let names: Vec<&str> = site
            .post_authors(site.post("new").unwrap())
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["Bo Chen"]);
        let f = Filter {
            q: "chen".into(),
            ..Filter::default()
        };
        assert_eq!(site.post_matches(&f).items, [0, 2]);
        let found = site.search_everything("body mid", 5);
        assert_eq!(found.posts, [1]);
        assert_eq!(site.search_everything("fast", 5).projects, [0]);
    }

    #[test]
    fn link_keys_ignore_scheme_case_and_slashes() {
        assert_eq!(link_key("https://GitHub.com/x/y/"), "github.com/x/y");
        assert_eq!(link_key("http://www.example.org"), "example.org");
        assert_eq!(
            link_key("https://arxiv.org/pdf/2409.17264v2.pdf"),
            "arxiv.org/abs/2409.17264"
        );
        assert_eq!(
            link_key("https://arxiv.org/abs/2409.17264"),
            "arxiv.org/abs/2409.17264"
        );
    }
}
