//! Posts from `_posts/YYYY-MM-DD-<slug>.md`, written as `data/posts/<slug>.md` with the front
//! matter the new site reads (title, date, authors as member slugs, description, image,
//! topics) and the body translated by [`super::markup`]. The slug and the date are the old
//! post's, so the site can answer the old address `/YYYY/MM/DD/<slug>.html`.

use std::collections::BTreeMap;

use lab_model::date::Date;
use lab_model::text::{is_slug, name_key, slugify};
use serde_norway::Value;

use super::clean::{clean_line, date_of};
use super::images::Images;
use super::markup::{Markup, Sink};
use super::report::{Origin, Report};
use super::source::{
    get, list, load_yaml, report_unknown_keys, split_front_matter, tags, text, Repo,
};
use super::topics::Vocabulary;

/// A post, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub slug: String,
    pub title: String,
    pub date: String,
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub topics: Vec<String>,
    /// A draft: checked, not published.
    pub draft: bool,
    pub body: String,
    pub at: Origin,
}

impl Post {
    /// The file's text: YAML front matter (strings quoted as JSON, which YAML reads alike)
    /// and the markdown body.
    pub fn file_text(&self) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
        let mut out = String::from("---\n");
        out.push_str(&format!("title: {}\n", q(&self.title)));
        out.push_str(&format!("date: {}\n", self.date));
        out.push_str(&format!("authors: [{}]\n", self.authors.join(", ")));
        if let Some(d) = &self.description {
            out.push_str(&format!("description: {}\n", q(d)));
        }
        if let Some(i) = &self.image {
            out.push_str(&format!("image: {}\n", q(i)));
        }
        if !self.topics.is_empty() {
            out.push_str(&format!("topics: [{}]\n", self.topics.join(", ")));
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        out.push_str("---\n\n");
        out.push_str(&self.body);
        out
    }
}

/// A post file's name split: its date and slug, or `None` when Jekyll would not publish it.
pub fn post_name(file: &str) -> Option<(String, String)> {
    let name = file.rsplit('/').next().unwrap_or(file);
    let (stem, ext) = name.rsplit_once('.')?;
    if !matches!(
        ext.to_lowercase().as_str(),
        "md" | "markdown" | "mkd" | "html"
    ) {
        return None;
    }
    let date = stem.get(..10)?;
    Date::parse(date)?;
    let slug = stem.get(10..)?.strip_prefix('-')?;
    (!slug.is_empty()).then(|| (date.to_string(), slug.to_string()))
}

/// The `YYYY-MM-DD-name` → slug map of the posts, before they are read (for links between
/// them).
pub fn names(repo: &Repo) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for file in repo.files_under("_posts") {
        if let Some((date, slug)) = post_name(&file) {
            let made = if is_slug(&slug) {
                slug.clone()
            } else {
                slugify(&slug)
            };
            out.insert(format!("{date}-{slug}"), made);
        }
    }
    out
}

/// Reads and translates every post.
pub fn import(
    repo: &mut Repo,
    markup: &Markup<'_>,
    images: &mut Images,
    vocabulary: &mut Vocabulary,
    report: &mut Report,
) -> Vec<Post> {
    let mut out: Vec<Post> = Vec::new();
    let members = &markup.ctx.members;
    let drafts = repo.files_under("_drafts");
    for file in repo.files_under("_posts").into_iter().chain(drafts) {
        let at = Origin::new(&file, 1);
        let in_drafts = file.starts_with("_drafts/");
        let named = post_name(&file).or_else(|| {
            // A draft of `_drafts/` has no date in its name: the day it was last changed.
            let stem = file.rsplit('/').next()?.strip_suffix(".md")?;
            let modified = std::fs::metadata(repo.path(&file))
                .and_then(|m| m.modified())
                .ok()?;
            let days = modified
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_secs()
                / 86_400;
            let date = Date::from_unix_days(i64::try_from(days).ok()?).iso();
            in_drafts.then(|| (date, stem.to_string()))
        });
        let Some((file_date, file_slug)) = named else {
            report.not_carried(
                at,
                "not named YYYY-MM-DD-title.md, so Jekyll never published it; left out",
            );
            continue;
        };
        let Some(content) = repo.read(&file, report) else {
            continue;
        };
        let doc = split_front_matter(&content);
        let front = doc
            .front
            .as_deref()
            .and_then(|f| load_yaml(f, &file, doc.front_line, report))
            .unwrap_or(Value::Mapping(Default::default()));
        let draft = in_drafts || text(&front, "published").is_some_and(|p| p == "false");
        if draft {
            report.changed(
                at.clone(),
                "a draft on the old site (published: false, or in _drafts/): imported as a draft, which the new site checks but does not publish",
            );
        }
        let mut slug = text(&front, "slug").unwrap_or(file_slug.clone());
        if !is_slug(&slug) {
            let made = slugify(&slug);
            let made = if made.is_empty() {
                "post".to_string()
            } else {
                made
            };
            report.changed(
                at.clone(),
                format!("the name {slug:?} is not a slug; the post's slug is {made:?}, so its old address changes"),
            );
            slug = made;
        }
        if out.iter().any(|p| p.slug == slug) {
            let mut n = 2;
            while out.iter().any(|p| p.slug == format!("{slug}-{n}")) {
                n += 1;
            }
            let made = format!("{slug}-{n}");
            report.changed(
                at.clone(),
                format!("another post is also named {slug:?}; this one's slug is {made:?} (the new site names posts by slug alone), so its old address changes"),
            );
            slug = made;
        }
        let date = match get(&front, "date").and_then(date_of) {
            Some((d, note)) => {
                if let Some(n) = note {
                    report.changed(at.clone(), format!("post {slug}: {n}"));
                }
                if d != file_date {
                    report.changed(
                        at.clone(),
                        format!("post {slug}: the front matter's date {d} differs from the file name's; the front matter wins, as in Jekyll"),
                    );
                }
                d
            }
            None => file_date.clone(),
        };
        let title = match text(&front, "title") {
            Some(t) => {
                let (clean, why) = clean_line(&t);
                report.value_changed(&at, &format!("post {slug}: title"), &t, &clean, &why);
                clean
            }
            None => String::new(),
        };
        let title = if title.is_empty() {
            let made = slug
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            report.changed(
                at.clone(),
                format!("post {slug}: no title; {made:?} made from its name"),
            );
            made
        } else {
            title
        };
        let mut authors: Vec<String> = Vec::new();
        for a in list(get(&front, "author"))
            .into_iter()
            .chain(list(get(&front, "authors")))
        {
            let a = a.trim().to_string();
            let found = if members.contains_key(&a) {
                Some(a.clone())
            } else {
                members
                    .iter()
                    .find(|(s, n)| **s == slugify(&a) || name_key(n) == name_key(&a))
                    .map(|(s, _)| s.clone())
            };
            match found {
                Some(s) if !authors.contains(&s) => authors.push(s),
                Some(_) => {}
                None => report.not_carried(
                    at.clone(),
                    format!("post {slug}: the author {a:?} is not a member (no _members file), so the byline leaves them out; add them as a member or name them in the text"),
                ),
            }
        }
        let description = text(&front, "description")
            .or_else(|| text(&front, "excerpt"))
            .or_else(|| text(&front, "subtitle"))
            .map(|d| {
                let (clean, _) = clean_line(&d);
                let nodes = lab_model::markdown::parse(&clean);
                lab_model::markdown::plain_text(&nodes)
            })
            .filter(|d| !d.is_empty());
        let image = text(&front, "image").and_then(|i| images.resolve(&i, None, &at, report));
        let mut topics: Vec<String> = Vec::new();
        for t in tags(get(&front, "tags"))
            .iter()
            .chain(tags(get(&front, "categories")).iter())
        {
            if let Some(s) = vocabulary.add(t, &at, report) {
                if !topics.contains(&s) {
                    topics.push(s);
                }
            }
        }
        if get(&front, "categories").is_some() || get(&front, "category").is_some() {
            report.not_carried(
                at.clone(),
                format!("post {slug}: Jekyll put its categories in its address (/category/YYYY/MM/DD/{slug}.html); that address will not answer (the categories became topics)"),
            );
        }
        if let Some(p) = text(&front, "permalink") {
            report.not_carried(at.clone(), format!("post {slug}: its address was {p} (permalink), which will not answer; the new site answers /YYYY/MM/DD/{slug}.html and /posts/{slug}/"));
        }
        for r in list(get(&front, "redirect_from")) {
            report.not_carried(
                at.clone(),
                format!("post {slug}: the old address {r} (redirect_from) will not answer"),
            );
        }
        report_unknown_keys(
            &front,
            &[
                "title",
                "date",
                "author",
                "authors",
                "description",
                "excerpt",
                "subtitle",
                "image",
                "tags",
                "categories",
                "category",
                "permalink",
                "redirect_from",
                "published",
                "slug",
            ],
            &[
                "layout",
                "last_modified_at",
                "toc",
                "comments",
                "sitemap",
                "nav",
                "header",
                "header-dark",
                "footer-dark",
            ],
            &at,
            &format!("post {slug}"),
            report,
        );
        let mut sink = Sink {
            images,
            report,
            at: at.at(doc.body_line),
            near: file.rsplit_once('/').map(|(d, _)| d.to_string()),
        };
        let body = markup.block(&doc.body, &mut sink);
        report.imported(
            at.clone(),
            format!(
                "post {slug} ({date}, {:?}) → data/posts/{slug}.md",
                super::source::shorten(&title, 50)
            ),
        );
        out.push(Post {
            slug,
            title,
            date,
            authors,
            description,
            image,
            topics,
            draft,
            body,
            at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_post_names() {
        assert_eq!(
            post_name("_posts/2021-04-28-compofa.md"),
            Some(("2021-04-28".into(), "compofa".into()))
        );
        assert_eq!(
            post_name("_posts/x/2021-04-28-A b.markdown"),
            Some(("2021-04-28".into(), "A b".into()))
        );
        assert_eq!(post_name("_posts/2021-04-28.md"), None);
        assert_eq!(post_name("_posts/2021-02-30-x.md"), None);
        assert_eq!(post_name("_posts/notes.md"), None);
        assert_eq!(post_name("_posts/2021-04-28-x.png"), None);
    }

    #[test]
    fn writes_front_matter_yaml_reads_back() {
        let p = Post {
            slug: "a".into(),
            title: "Say \"hi\": now".into(),
            date: "2021-04-28".into(),
            authors: vec!["jane-doe".into()],
            description: Some("x: y # z".into()),
            image: Some("images/posts/a.png".into()),
            topics: vec!["big-data".into()],
            draft: true,
            body: "Body\n".into(),
            at: Origin::default(),
        };
        let text = p.file_text();
        let doc = split_front_matter(&text);
        let v: Value = serde_norway::from_str(doc.front.as_deref().unwrap()).unwrap();
        assert_eq!(
            super::super::source::text(&v, "title").as_deref(),
            Some("Say \"hi\": now")
        );
        assert_eq!(
            super::super::source::text(&v, "description").as_deref(),
            Some("x: y # z")
        );
        assert_eq!(
            super::super::source::text(&v, "date").as_deref(),
            Some("2021-04-28")
        );
        assert_eq!(list(get(&v, "authors")), ["jane-doe"]);
        assert_eq!(
            super::super::source::text(&v, "draft").as_deref(),
            Some("true")
        );
        assert_eq!(doc.body, "\nBody\n");
    }
}
