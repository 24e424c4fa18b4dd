//! The rules a data file must follow beyond its shape. Every problem is returned, each with the
//! JSON path of the value at fault, so a maintainer can fix them all in one pass.

use std::collections::BTreeMap;
use std::fmt;

use crate::date::Date;
use crate::markdown::{self, Href};
use crate::text::{is_slug, misdecoded_marker, name_key};
use crate::types::{Links, SiteData};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path such as `members[3].links.homepage`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.path, self.message)
    }
}

/// Where each kept item stood in the file, so that paths name the file's own indices even when
/// the loader skipped items before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    pub topics: Vec<usize>,
    pub members: Vec<usize>,
    pub publications: Vec<usize>,
    pub news: Vec<usize>,
}

impl Positions {
    /// Positions of a file from which nothing was skipped.
    pub fn identity(data: &SiteData) -> Positions {
        Positions {
            topics: (0..data.topics.len()).collect(),
            members: (0..data.members.len()).collect(),
            publications: (0..data.publications.len()).collect(),
            news: (0..data.news.len()).collect(),
        }
    }
}

struct Checker<'a> {
    data: &'a SiteData,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn error(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Error,
            path,
            message: message.into(),
        });
    }

    fn warning(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem {
            severity: Severity::Warning,
            path,
            message: message.into(),
        });
    }

    fn text(&mut self, path: String, value: &str, required: bool) {
        if required && value.trim().is_empty() {
            self.error(path, "is empty; write the text");
        } else if let Some(m) = misdecoded_marker(value) {
            self.warning(
                path,
                format!("looks mis-decoded (contains {m:?}); paste the text again as UTF-8"),
            );
        }
    }

    fn slug(&mut self, path: String, value: &str) {
        if !is_slug(value) {
            self.error(
                path,
                format!("{value:?} is not a slug; use lowercase letters, digits and single hyphens, like \"jane-doe\""),
            );
        }
    }

    fn date(&mut self, path: String, value: &str) {
        if Date::parse(value).is_none() {
            self.error(
                path,
                format!("{value:?} is not a real date; write it as YYYY-MM-DD"),
            );
        }
    }

    fn link(&mut self, path: String, value: &str) {
        if Href::classify(value).is_none() {
            self.error(
                path,
                format!("{value:?} is not a link the site will follow; use an http(s):// or mailto: URL or a path starting with /"),
            );
        }
    }

    fn links(&mut self, path: &str, links: &Links) {
        for (key, _, url) in links.entries() {
            let bad_email =
                key == "email" && (url.contains(char::is_whitespace) || !url.contains('@'));
            if bad_email {
                self.error(
                    format!("{path}.{key}"),
                    format!("{url:?} is not an email address"),
                );
            } else {
                self.link(format!("{path}.{key}"), &url);
            }
        }
    }

    fn topic_refs(&mut self, path: &str, topics: &[String]) {
        for (j, t) in topics.iter().enumerate() {
            if !self.data.topics.iter().any(|k| &k.slug == t) {
                self.error(
                    format!("{path}.topics[{j}]"),
                    format!("unknown topic {t:?}; add it to topics or use one of its slugs"),
                );
            }
        }
    }

    fn member_ref(&mut self, path: String, slug: &str) {
        if !self.data.members.iter().any(|m| m.slug == slug) {
            self.error(
                path,
                format!("unknown member {slug:?}; use the slug of an entry in members"),
            );
        }
    }

    /// Checks inline markdown: its links, and that profile links name a member.
    fn rich_text(&mut self, path: String, value: &str, required: bool) {
        self.text(path.clone(), value, required);
        let nodes = markdown::parse(value);
        for href in markdown::hrefs(&nodes) {
            if let Some(slug) = href.member_slug() {
                self.member_ref(path.clone(), slug);
            }
        }
        if value.contains("](") && markdown::hrefs(&nodes).len() < value.matches("](").count() {
            self.warning(path, "has a link whose target the site will not follow; links must be http(s)://, mailto: or start with /");
        }
    }
}

/// Publication identity for duplicate detection: lowercase title letters and digits only.
pub fn title_key(title: &str) -> String {
    name_key(title).replace(' ', "")
}

/// Checks every rule; returns all problems, errors and warnings mixed, in file order per section.
pub fn validate(data: &SiteData, pos: &Positions) -> Vec<Problem> {
    let mut c = Checker {
        data,
        problems: Vec::new(),
    };

    c.text("lab.name".into(), &data.lab.name, true);
    c.text("lab.short_name".into(), &data.lab.short_name, true);
    c.text("lab.institution".into(), &data.lab.institution, false);
    c.rich_text("lab.description".into(), &data.lab.description, true);
    c.links("lab.links", &data.lab.links);

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in data.topics.iter().enumerate() {
        let p = format!("topics[{}]", pos.topics[i]);
        c.slug(format!("{p}.slug"), &t.slug);
        c.text(format!("{p}.label"), &t.label, true);
        if let Some(first) = seen.insert(t.slug.clone(), pos.topics[i]) {
            c.error(
                format!("{p}.slug"),
                format!(
                    "duplicate topic {:?}, first defined at topics[{first}]",
                    t.slug
                ),
            );
        }
    }

    let mut slugs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for (i, m) in data.members.iter().enumerate() {
        let p = format!("members[{}]", pos.members[i]);
        c.slug(format!("{p}.slug"), &m.slug);
        if let Some(first) = slugs.insert(&m.slug, pos.members[i]) {
            c.error(format!("{p}.slug"), format!("duplicate member slug {:?}, first used at members[{first}]; slugs must be unique", m.slug));
        }
        c.text(format!("{p}.name"), &m.name, true);
        for (j, alias) in std::iter::once(&m.name).chain(&m.aliases).enumerate() {
            let path = if j == 0 {
                format!("{p}.name")
            } else {
                format!("{p}.aliases[{}]", j - 1)
            };
            if j > 0 {
                c.text(path.clone(), alias, true);
            }
            let key = name_key(alias);
            if key.is_empty() {
                continue;
            }
            match names.get(&key) {
                Some((other, other_slug)) if *other_slug != m.slug.as_str() => c.warning(
                    path,
                    format!("{alias:?} also names members[{other}]; authors with this name will be linked to the first"),
                ),
                Some(_) => {}
                None => {
                    names.insert(key, (pos.members[i], &m.slug));
                }
            }
        }
        c.links(&format!("{p}.links"), &m.links);
        if let Some(photo) = &m.photo {
            c.link(format!("{p}.photo"), photo);
        }
        if let Some(bio) = &m.bio {
            c.rich_text(format!("{p}.bio"), bio, false);
        }
    }

    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut dois: BTreeMap<String, usize> = BTreeMap::new();
    let mut arxivs: BTreeMap<String, usize> = BTreeMap::new();
    let mut titles: BTreeMap<String, usize> = BTreeMap::new();
    for (i, pb) in data.publications.iter().enumerate() {
        let at = pos.publications[i];
        let p = format!("publications[{at}]");
        c.slug(format!("{p}.id"), &pb.id);
        if let Some(first) = ids.insert(&pb.id, at) {
            c.error(
                format!("{p}.id"),
                format!(
                    "duplicate publication id {:?}, first used at publications[{first}]",
                    pb.id
                ),
            );
        }
        c.text(format!("{p}.title"), &pb.title, true);
        c.text(format!("{p}.venue"), &pb.venue, false);
        c.date(format!("{p}.date"), &pb.date);
        if pb.authors.is_empty() {
            c.error(
                format!("{p}.authors"),
                "is empty; list the authors in order",
            );
        }
        for (j, a) in pb.authors.iter().enumerate() {
            c.text(format!("{p}.authors[{j}]"), a, true);
        }
        if let Some(url) = &pb.url {
            c.link(format!("{p}.url"), url);
        }
        c.topic_refs(&p, &pb.topics);
        let same = |map: &mut BTreeMap<String, usize>,
                    key: String,
                    field: &str,
                    what: &str,
                    c: &mut Checker| {
            if key.is_empty() {
                return;
            }
            if let Some(first) = map.insert(key.clone(), at) {
                c.error(
                    format!("{p}.{field}"),
                    format!("same {what} as publications[{first}] ({key}); the same paper is listed twice, merge the two entries"),
                );
            }
        };
        if let Some(doi) = &pb.doi {
            same(
                &mut dois,
                doi.trim().to_ascii_lowercase(),
                "doi",
                "DOI",
                &mut c,
            );
        }
        if let Some(arxiv) = &pb.arxiv {
            same(
                &mut arxivs,
                arxiv.trim().to_ascii_lowercase(),
                "arxiv",
                "arXiv id",
                &mut c,
            );
        }
        same(&mut titles, title_key(&pb.title), "title", "title", &mut c);
    }

    let mut news_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, n) in data.news.iter().enumerate() {
        let p = format!("news[{}]", pos.news[i]);
        c.slug(format!("{p}.id"), &n.id);
        if let Some(first) = news_ids.insert(&n.id, pos.news[i]) {
            c.error(
                format!("{p}.id"),
                format!("duplicate news id {:?}, first used at news[{first}]", n.id),
            );
        }
        c.date(format!("{p}.date"), &n.date);
        if n.topics.is_empty() {
            c.warning(
                format!("{p}.topics"),
                "is empty; give the item at least one topic so it can be filtered",
            );
        }
        c.topic_refs(&p, &n.topics);
        for (j, m) in n.members.iter().enumerate() {
            c.member_ref(format!("{p}.members[{j}]"), m);
        }
        c.rich_text(format!("{p}.text"), &n.text, true);
    }

    c.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_data;

    fn problems(json_patch: &[(&str, &str)]) -> Vec<Problem> {
        let mut text = BASE.to_string();
        for (from, to) in json_patch {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        let (data, pos, mut notices) = parse_data(&text).unwrap();
        notices.extend(validate(&data, &pos));
        notices
    }

    const BASE: &str = r#"{"version":1,
      "lab":{"name":"Lab","short_name":"L","institution":"I","description":"About [us](/people)."},
      "topics":[{"slug":"paper","label":"Papers"},{"slug":"award","label":"Awards"}],
      "members":[
        {"slug":"ann-lee","name":"Ann Lee","role":"pi","aliases":["A. Lee"],"links":{"homepage":"https://ann.example","email":"ann@example.org"}},
        {"slug":"bo-chen","name":"Bo Chen","role":"phd"}],
      "publications":[
        {"id":"p1","title":"Fast Things","authors":["Ann Lee","X Y"],"venue":"V","date":"2024-05-01","arxiv":"2401.00001","topics":["paper"]},
        {"id":"p2","title":"Slow Things","authors":["Bo Chen"],"venue":"V","date":"2023-05-01","doi":"10.1/x"}],
      "news":[
        {"id":"n1","date":"2024-05-02","topics":["paper"],"members":["ann-lee"],"text":"[Ann](/members/ann-lee) wins."}]}"#;

    fn paths(ps: &[Problem]) -> Vec<(Severity, &str)> {
        ps.iter().map(|p| (p.severity, p.path.as_str())).collect()
    }

    #[test]
    fn clean_file_has_no_problems() {
        assert_eq!(problems(&[]), vec![]);
    }

    #[test]
    fn duplicates_are_errors() {
        let ps = problems(&[("\"slug\":\"bo-chen\"", "\"slug\":\"ann-lee\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "members[1].slug")]);
        let ps = problems(&[(
            "\"doi\":\"10.1/x\"",
            "\"doi\":\"10.1/x\",\"arxiv\":\"2401.00001\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[1].arxiv")]);
        assert!(ps[0].message.contains("publications[0]"));
        let ps = problems(&[("\"title\":\"Slow Things\"", "\"title\":\"fast things!\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[1].title")]);
        let ps = problems(&[("\"id\":\"p2\"", "\"id\":\"p1\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[1].id")]);
    }

    #[test]
    fn references_must_exist() {
        let ps = problems(&[("\"members\":[\"ann-lee\"]", "\"members\":[\"nobody\"]")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "news[0].members[0]")]);
        let ps = problems(&[("(/members/ann-lee)", "(/members/ghost)")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "news[0].text")]);
        let ps = problems(&[(
            "\"topics\":[\"paper\"],\"members\"",
            "\"topics\":[\"gossip\"],\"members\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "news[0].topics[0]")]);
    }

    #[test]
    fn values_must_be_well_formed() {
        let ps = problems(&[("\"date\":\"2024-05-02\"", "\"date\":\"2024-02-30\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "news[0].date")]);
        let ps = problems(&[("https://ann.example", "javascript:alert(1)")]);
        assert_eq!(
            paths(&ps),
            vec![(Severity::Error, "members[0].links.homepage")]
        );
        let ps = problems(&[("\"slug\":\"bo-chen\"", "\"slug\":\"Bo Chen\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "members[1].slug")]);
        let ps = problems(&[("\"name\":\"Bo Chen\"", "\"name\":\"  \"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "members[1].name")]);
        let ps = problems(&[("ann@example.org", "not an email")]);
        assert_eq!(
            paths(&ps),
            vec![(Severity::Error, "members[0].links.email")]
        );
    }

    #[test]
    fn suspicious_text_is_a_warning() {
        let ps = problems(&[("Fast Things", "DŒµpS Things")]);
        assert_eq!(
            paths(&ps),
            vec![(Severity::Warning, "publications[0].title")]
        );
        let ps = problems(&[(
            "\"topics\":[\"paper\"],\"members\"",
            "\"topics\":[],\"members\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].topics")]);
        let ps = problems(&[("\"aliases\":[\"A. Lee\"]", "\"aliases\":[\"Bo Chen\"]")]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "members[1].name")]);
        let ps = problems(&[("[Ann](/members/ann-lee)", "[Ann](javascript:x)")]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].text")]);
    }
}
