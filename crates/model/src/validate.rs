//! The rules a data file must follow beyond its shape. Every problem is returned, each with the
//! JSON path of the value at fault, so a maintainer can fix them all in one pass.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::date::Date;
use crate::images::ImageRef;
use crate::markdown::{self, Href};
use crate::text::{is_slug, misdecoded_marker, name_key};
use crate::types::{Links, NewsItem, PubLink, SiteData, LINK_TYPES};

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
    pub projects: Vec<usize>,
}

impl Positions {
    /// The positions of the section `name` (`topics`, `members`, `publications`, `news`,
    /// `projects`); empty for another name.
    pub fn of(&self, name: &str) -> &[usize] {
        match name {
            "topics" => &self.topics,
            "members" => &self.members,
            "publications" => &self.publications,
            "news" => &self.news,
            "projects" => &self.projects,
            _ => &[],
        }
    }

    /// Positions of a file from which nothing was skipped.
    pub fn identity(data: &SiteData) -> Positions {
        Positions {
            topics: (0..data.topics.len()).collect(),
            members: (0..data.members.len()).collect(),
            publications: (0..data.publications.len()).collect(),
            news: (0..data.news.len()).collect(),
            projects: (0..data.projects.len()).collect(),
        }
    }
}

struct Checker<'a> {
    problems: Vec<Problem>,
    /// For the rule on dates far in the future, when the caller knows the date.
    today: Option<Date>,
    /// Every member's and topic's slug, for references (a scan of the list per reference is
    /// quadratic on large files).
    member_slugs: BTreeSet<&'a str>,
    topic_slugs: BTreeSet<&'a str>,
    /// The slugs `kinds` names: what a news item is, not what it is about.
    kind_slugs: BTreeSet<&'a str>,
    project_slugs: BTreeSet<&'a str>,
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
        } else if value.trim() != value {
            self.warning(
                path,
                "starts or ends with spaces or line breaks; remove them, they break matching and sorting",
            );
        }
    }

    fn doi(&mut self, path: String, value: &str) {
        if !is_doi(value) {
            self.error(
                path,
                format!("{value:?} is not a DOI; write the bare DOI, like \"10.1145/3394486.3403212\", without https://doi.org/ or doi:"),
            );
        }
    }

    fn arxiv(&mut self, path: String, value: &str) {
        if !is_arxiv_id(value) {
            self.error(
                path,
                format!("{value:?} is not an arXiv id; write only the id, like \"2407.06167\", without arXiv: or a URL"),
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
        if let Some(date) = Date::parse(value) {
            if let Some(today) = self.today {
                // Tuples compare like dates. A year after February 29 is March 1.
                let year = today.year + 1;
                let a_year_on = match (today.month, today.day) {
                    (2, 29) if Date::parse(&format!("{year:04}-02-29")).is_none() => (year, 3, 1),
                    (month, day) => (year, month, day),
                };
                if (date.year, date.month, date.day) > a_year_on {
                    self.warning(
                        path,
                        format!("{value:?} is more than a year from now; check the year"),
                    );
                }
            }
            return;
        }
        let shaped = value.len() == 10
            && value.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let message = if shaped {
            format!("{value:?} is not a real date; check the month and the day")
        } else {
            format!("{value:?} is not a date; write it as YYYY-MM-DD, like \"2024-09-28\"")
        };
        self.error(path, message);
    }

    fn link(&mut self, path: String, value: &str) {
        if Href::classify(value).is_none() {
            self.error(
                path,
                format!("{value:?} is not a link the site will follow; use an http(s):// or mailto: URL or a path starting with /"),
            );
        }
    }

    fn image(&mut self, path: String, value: &str) {
        if ImageRef::classify(value).is_none() {
            self.error(
                path,
                format!("{value:?} is not an image the site can show; give a path relative to the data file, like \"images/people/jane-doe.jpg\", or an https:// URL"),
            );
        }
    }

    /// A news item's `members` and its text's profile links name the same people: the list is
    /// optional, but when given it must not say something the text does not.
    fn news_members(&mut self, path: &str, item: &NewsItem) {
        if item.members.is_empty() {
            return;
        }
        let nodes = markdown::parse(&item.text);
        let linked: Vec<&str> = markdown::hrefs(&nodes)
            .into_iter()
            .filter_map(Href::member_slug)
            .filter(|s| self.member_slugs.contains(s))
            .collect();
        // Sets, so that long lists and texts with many links cost no more than their length.
        let linked_set: BTreeSet<&str> = linked.iter().copied().collect();
        let mut listed: BTreeSet<&str> = BTreeSet::new();
        for (j, m) in item.members.iter().enumerate() {
            // A repeat is reported as such (in `validate_at`), not a second time here.
            let repeat = !listed.insert(m.as_str());
            if !repeat && self.member_slugs.contains(m.as_str()) && !linked_set.contains(m.as_str())
            {
                self.warning(
                    format!("{path}.members[{j}]"),
                    format!("{m:?} is listed, but the text does not link to /members/{m}; link their name in the text as [Name](/members/{m}), or remove them if the item is not about them"),
                );
            }
        }
        for slug in linked {
            if !listed.contains(slug) {
                self.warning(
                    format!("{path}.members"),
                    format!("the text links to /members/{slug}, but members does not list {slug:?}; add it, or drop members altogether (the text's links are enough)"),
                );
            }
        }
    }

    fn links(&mut self, path: &str, links: &Links) {
        for (key, _, url) in links.entries() {
            let bad_email =
                key == "email" && (url.contains(char::is_whitespace) || !url.contains('@'));
            if bad_email {
                let address = url.strip_prefix("mailto:").unwrap_or(&url);
                self.error(
                    format!("{path}.{key}"),
                    format!(
                        "{address:?} is not an email address; write it like \"jane@example.org\""
                    ),
                );
            } else {
                self.link(format!("{path}.{key}"), &url);
            }
        }
    }

    /// The buttons of a publication or a project: a known type (else a warning) and a URL the
    /// site follows.
    fn pub_links(&mut self, path: &str, links: &[PubLink]) {
        for (j, link) in links.iter().enumerate() {
            if !link.is_known() {
                let known: Vec<&str> = LINK_TYPES.iter().map(|(k, _)| *k).collect();
                self.warning(
                    format!("{path}.links[{j}].type"),
                    format!(
                        "unknown link type {:?}; use one of {} (another type still shows, under its label or its name)",
                        link.kind,
                        known.join(", ")
                    ),
                );
            }
            self.link(format!("{path}.links[{j}].url"), &link.url);
        }
    }

    fn topic_refs(&mut self, path: &str, topics: &[String]) {
        for (j, t) in topics.iter().enumerate() {
            if !self.topic_slugs.contains(t.as_str()) {
                self.error(
                    format!("{path}.topics[{j}]"),
                    format!("unknown topic {t:?}; add it to topics or use one of its slugs"),
                );
            }
        }
    }

    /// A publication's or a project's topics: kinds of news items have no place there (their
    /// lists have no Kind filter, so the tag would show nowhere).
    fn no_kinds(&mut self, path: &str, what: &str, topics: &[String]) {
        for (j, t) in topics.iter().enumerate() {
            if self.kind_slugs.contains(t.as_str()) {
                self.warning(
                    format!("{path}.topics[{j}]"),
                    format!("{t:?} is a kind of news item (listed in kinds), and {what} are filtered by topic only, so it shows nowhere; use a topic, or remove it"),
                );
            }
        }
    }

    fn member_ref(&mut self, path: String, slug: &str) {
        if !self.member_slugs.contains(slug) {
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
                if !self.member_slugs.contains(slug) {
                    self.error(
                        path.clone(),
                        format!("links to the profile /members/{slug}, but no member has the slug {slug:?}; fix the link or add the member"),
                    );
                }
            }
            if let Some(slug) = href.project_slug() {
                if !self.project_slugs.contains(slug) {
                    self.error(
                        path.clone(),
                        format!("links to the project /projects/{slug}, but no project has the slug {slug:?}; fix the link or add the project"),
                    );
                }
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

/// DOI identity: DOIs are case-insensitive, and a resolver prefix does not change the DOI.
/// `"https://doi.org/10.1145/ABC"` → `"10.1145/abc"`.
pub fn doi_key(doi: &str) -> String {
    let t = doi.trim();
    let lower = t.to_ascii_lowercase();
    let rest = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))
    .unwrap_or(&lower);
    rest.trim().to_string()
}

/// arXiv identity: the id without an `arXiv:` prefix or a version suffix.
/// `"arXiv:2407.06167v2"` → `"2407.06167"`.
pub fn arxiv_key(id: &str) -> String {
    let lower = id.trim().to_ascii_lowercase();
    let bare = lower.strip_prefix("arxiv:").unwrap_or(&lower).trim();
    match bare.rfind('v') {
        Some(i)
            if i > 0 && bare.len() > i + 1 && bare[i + 1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            bare[..i].to_string()
        }
        _ => bare.to_string(),
    }
}

/// True for a bare DOI: `10.`, a registrant code of digits (and dots), `/`, a suffix without spaces.
pub fn is_doi(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("10.") else {
        return false;
    };
    let Some((registrant, suffix)) = rest.split_once('/') else {
        return false;
    };
    !registrant.is_empty()
        && registrant.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && registrant.as_bytes()[0].is_ascii_digit()
        && !suffix.is_empty()
        && !suffix.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// True for an arXiv identifier, with or without a version: `2407.06167`, `2407.06167v2`,
/// or the old style `cs/0112017`, `math.GT/0309136`.
pub fn is_arxiv_id(s: &str) -> bool {
    let digits = |t: &str, min: usize, max: usize| {
        (min..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let without_version = |t: &'_ str| -> Option<String> {
        match t.rfind('v') {
            Some(i) if i > 0 => digits(&t[i + 1..], 1, 3).then(|| t[..i].to_string()),
            _ => Some(t.to_string()),
        }
    };
    let Some(id) = without_version(s) else {
        return false;
    };
    if let Some((yymm, number)) = id.split_once('.') {
        // Four-digit numbers until 2014, five since January 2015.
        let width = if yymm >= "1501" { 5 } else { 4 };
        if digits(yymm, 4, 4) && digits(number, width, width) {
            return true;
        }
    }
    match id.split_once('/') {
        Some((archive, number)) => {
            let (name, class) = archive.split_once('.').unwrap_or((archive, ""));
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && class.bytes().all(|b| b.is_ascii_uppercase())
                && digits(number, 7, 7)
        }
        None => false,
    }
}

/// Checks every rule; returns all problems, errors and warnings mixed, in file order per section.
/// The same as [`validate_at`] without today's date, so without the rule that needs a clock.
pub fn validate(data: &SiteData, pos: &Positions) -> Vec<Problem> {
    validate_at(data, pos, None)
}

/// Checks every rule, as [`validate`] does, and with `today` also warns about a news item or a
/// publication dated more than a year after it (nearly always a mistyped year). The model has
/// no clock: `labctl check` passes the system's date; the site calls [`validate`] and skips
/// this rule, so a visitor never sees a notice that depends on the day they visit.
pub fn validate_at(data: &SiteData, pos: &Positions, today: Option<Date>) -> Vec<Problem> {
    let mut c = Checker {
        today,
        problems: Vec::new(),
        member_slugs: data.members.iter().map(|m| m.slug.as_str()).collect(),
        topic_slugs: data.topics.iter().map(|t| t.slug.as_str()).collect(),
        kind_slugs: data.kinds.iter().map(String::as_str).collect(),
        project_slugs: data.projects.iter().map(|p| p.slug.as_str()).collect(),
    };

    c.text("lab.name".into(), &data.lab.name, true);
    c.text("lab.short_name".into(), &data.lab.short_name, true);
    c.text("lab.institution".into(), &data.lab.institution, false);
    c.rich_text("lab.description".into(), &data.lab.description, true);
    c.links("lab.links", &data.lab.links);
    for (field, value) in [
        ("logo", &data.lab.logo),
        ("icon", &data.lab.icon),
        ("header_image", &data.lab.header_image),
        ("share_image", &data.lab.share_image),
    ] {
        if let Some(value) = value {
            c.image(format!("lab.{field}"), value);
        }
    }

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in data.topics.iter().enumerate() {
        let p = format!("topics[{}]", pos.topics[i]);
        c.slug(format!("{p}.slug"), &t.slug);
        c.text(format!("{p}.label"), &t.label, true);
        if let Some(first) = seen.insert(t.slug.clone(), pos.topics[i]) {
            c.error(
                format!("{p}.slug"),
                format!(
                    "duplicate topic {:?}, first defined at topics[{first}]; merge the two or rename one",
                    t.slug
                ),
            );
        }
    }

    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (j, k) in data.kinds.iter().enumerate() {
        let p = format!("kinds[{j}]");
        if let Some(first) = kinds.insert(k, j) {
            c.warning(
                p,
                format!("{k:?} is already listed as kinds[{first}]; remove the repeat"),
            );
        } else if !c.topic_slugs.contains(k.as_str()) {
            c.error(
                p,
                format!(
                    "unknown topic {k:?}; kinds lists slugs of topics (add it to topics first)"
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
            c.error(format!("{p}.slug"), format!("duplicate member slug {:?}, first used at members[{first}]; slugs must be unique, rename one", m.slug));
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
            c.image(format!("{p}.photo"), photo);
        }
        if let Some(bio) = &m.bio {
            c.rich_text(format!("{p}.bio"), bio, false);
        }
        if let Some(years) = &m.years {
            c.text(format!("{p}.years"), years, false);
        }
        if let Some(now) = &m.now {
            c.rich_text(format!("{p}.now"), now, false);
        }
    }

    let mut member_of_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, m) in data.members.iter().enumerate() {
        for name in std::iter::once(&m.name).chain(&m.aliases) {
            member_of_name.entry(name_key(name)).or_insert(i);
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
                    "duplicate publication id {:?}, first used at publications[{first}]; ids must be unique, rename one",
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
        let mut author_keys: BTreeMap<String, usize> = BTreeMap::new();
        for (j, a) in pb.authors.iter().enumerate() {
            c.text(format!("{p}.authors[{j}]"), a, true);
            let key = name_key(a);
            if key.is_empty() {
                continue;
            }
            // Two spellings of one member (a name and an alias) are one author.
            let key = match member_of_name.get(&key) {
                Some(member) => format!("member {member}"),
                None => key,
            };
            match author_keys.entry(key) {
                Entry::Occupied(first) => c.warning(
                    format!("{p}.authors[{j}]"),
                    format!(
                        "{a:?} is already listed as authors[{}]; remove the repeat",
                        first.get()
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(j);
                }
            }
        }
        if let Some(url) = &pb.url {
            c.link(format!("{p}.url"), url);
        }
        if let Some(image) = &pb.image {
            c.image(format!("{p}.image"), image);
        }
        c.pub_links(&p, &pb.links);
        c.topic_refs(&p, &pb.topics);
        c.no_kinds(&p, "publications", &pb.topics);
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
            c.doi(format!("{p}.doi"), doi);
            same(&mut dois, doi_key(doi), "doi", "DOI", &mut c);
        }
        if let Some(arxiv) = &pb.arxiv {
            c.arxiv(format!("{p}.arxiv"), arxiv);
            same(&mut arxivs, arxiv_key(arxiv), "arxiv", "arXiv id", &mut c);
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
                format!(
                    "duplicate news id {:?}, first used at news[{first}]; ids must be unique, rename one",
                    n.id
                ),
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
        let known_kinds: Vec<&str> = data
            .kinds
            .iter()
            .map(String::as_str)
            .filter(|k| c.topic_slugs.contains(k))
            .collect();
        if !n.topics.is_empty()
            && !known_kinds.is_empty()
            && !n.topics.iter().any(|t| known_kinds.contains(&t.as_str()))
        {
            c.warning(
                format!("{p}.topics"),
                format!(
                    "names no kind; add the one that says what the item is ({}), so News can filter it by kind",
                    known_kinds.join(", ")
                ),
            );
        }
        let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
        for (j, m) in n.members.iter().enumerate() {
            match listed.entry(m.as_str()) {
                Entry::Occupied(first) => c.warning(
                    format!("{p}.members[{j}]"),
                    format!(
                        "{m:?} is already listed as members[{}]; remove the repeat",
                        first.get()
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(j);
                    c.member_ref(format!("{p}.members[{j}]"), m);
                }
            }
        }
        c.rich_text(format!("{p}.text"), &n.text, true);
        c.news_members(&p, n);
    }

    let mut project_slugs: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, pr) in data.projects.iter().enumerate() {
        let at = pos.projects.get(i).copied().unwrap_or(i);
        let p = format!("projects[{at}]");
        c.slug(format!("{p}.slug"), &pr.slug);
        if let Some(first) = project_slugs.insert(&pr.slug, at) {
            c.error(
                format!("{p}.slug"),
                format!(
                    "duplicate project slug {:?}, first used at projects[{first}]; slugs must be unique, rename one",
                    pr.slug
                ),
            );
        }
        c.text(format!("{p}.name"), &pr.name, true);
        c.rich_text(format!("{p}.description"), &pr.description, true);
        if let Some(image) = &pr.image {
            c.image(format!("{p}.image"), image);
        }
        c.pub_links(&p, &pr.links);
        let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
        for (j, id) in pr.publications.iter().enumerate() {
            match listed.entry(id.as_str()) {
                Entry::Occupied(first) => c.warning(
                    format!("{p}.publications[{j}]"),
                    format!(
                        "{id:?} is already listed as publications[{}]; remove the repeat",
                        first.get()
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(j);
                    if !ids.contains_key(id.as_str()) {
                        c.error(
                            format!("{p}.publications[{j}]"),
                            format!("unknown publication {id:?}; use the id of an entry in publications"),
                        );
                    }
                }
            }
        }
        let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
        for (j, m) in pr.members.iter().enumerate() {
            match listed.entry(m.as_str()) {
                Entry::Occupied(first) => c.warning(
                    format!("{p}.members[{j}]"),
                    format!(
                        "{m:?} is already listed as members[{}]; remove the repeat",
                        first.get()
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(j);
                    c.member_ref(format!("{p}.members[{j}]"), m);
                }
            }
        }
        c.topic_refs(&p, &pr.topics);
        c.no_kinds(&p, "projects", &pr.topics);
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
        {"id":"n1","date":"2024-05-02","topics":["paper"],"members":["ann-lee"],"text":"[Ann](/members/ann-lee) wins."}],
      "projects":[
        {"slug":"fast","name":"Fast","description":"Makes [things](https://fast.example) fast.","image":"images/publications/fast.png",
         "links":[{"type":"repository","url":"https://github.com/x/fast"},{"type":"docs","url":"https://fast.example/docs"}],
         "publications":["p1"],"members":["ann-lee"],"topics":["paper"],"featured":true}]}"#;

    fn paths(ps: &[Problem]) -> Vec<(Severity, &str)> {
        ps.iter().map(|p| (p.severity, p.path.as_str())).collect()
    }

    #[test]
    fn kinds_name_topics_and_stay_on_news() {
        let base = [("\"members\":[", "\"kinds\":[\"award\"],\"members\":[")];
        // The base file tags its news item "paper" only, which is not a kind.
        let ps = problems(&base);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].topics")]);
        assert!(
            ps[0].message.contains("names no kind") && ps[0].message.contains("award"),
            "{}",
            ps[0].message
        );
        // A kind among its topics is enough.
        let tagged = [
            base[0],
            (
                "\"topics\":[\"paper\"],\"members\":[\"ann-lee\"]",
                "\"topics\":[\"paper\",\"award\"],\"members\":[\"ann-lee\"]",
            ),
        ];
        assert_eq!(paths(&problems(&tagged)), vec![]);
        // A kind on a publication or a project shows nowhere.
        let ps = problems(&[
            tagged[0],
            tagged[1],
            (
                "\"arxiv\":\"2401.00001\",\"topics\":[\"paper\"]",
                "\"arxiv\":\"2401.00001\",\"topics\":[\"paper\",\"award\"]",
            ),
            (
                "\"members\":[\"ann-lee\"],\"topics\":[\"paper\"]",
                "\"members\":[\"ann-lee\"],\"topics\":[\"award\"]",
            ),
        ]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Warning, "publications[0].topics[1]"),
                (Severity::Warning, "projects[0].topics[0]")
            ]
        );
        // Kinds name topics, once each.
        let ps = problems(&[(
            "\"members\":[",
            "\"kinds\":[\"talk\",\"paper\",\"paper\"],\"members\":[",
        )]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "kinds[0]"),
                (Severity::Warning, "kinds[2]"),
                (Severity::Warning, "publications[0].topics[0]"),
                (Severity::Warning, "projects[0].topics[0]"),
            ]
        );
        // Without kinds, every slug is a topic and nothing is said.
        assert_eq!(paths(&problems(&[])), vec![]);
    }

    #[test]
    fn alumni_years_and_now_load_and_are_checked() {
        let alum = r#"{"slug":"bo-chen","name":"Bo Chen","role":"phd","alumni":true,"years":"2019–2024","now":"Now at [Acme](https://acme.example)"}"#;
        let text = BASE.replacen(
            r#"{"slug":"bo-chen","name":"Bo Chen","role":"phd"}"#,
            alum,
            1,
        );
        let (data, pos, _) = parse_data(&text).unwrap();
        let bo = &data.members[1];
        assert_eq!(bo.years.as_deref(), Some("2019–2024"));
        assert_eq!(
            bo.now.as_deref(),
            Some("Now at [Acme](https://acme.example)")
        );
        assert_eq!(paths(&validate(&data, &pos)), vec![]);
        // Absent, they stay absent when the data is written back.
        let ann = serde_json::to_value(&data.members[0]).unwrap();
        assert!(ann.get("years").is_none() && ann.get("now").is_none());

        let ps = problems(&[(
            r#""name":"Bo Chen","role":"phd""#,
            r#""name":"Bo Chen","role":"phd","alumni":true,"years":" 2019 ","now":"Now with [Ann](/members/nobody)""#,
        )]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Warning, "members[1].years"),
                (Severity::Error, "members[1].now"),
            ]
        );
    }

    #[test]
    fn news_members_must_agree_with_the_text() {
        // Listed but not linked: the item does not talk about them (a rotated item looks so).
        let ps = problems(&[(
            "\"text\":\"[Ann](/members/ann-lee) wins.\"",
            "\"text\":\"Metron is public.\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].members[0]")]);
        assert!(
            ps[0].message.contains("[Name](/members/ann-lee)"),
            "{}",
            ps[0].message
        );
        // Linked but not listed, when a list is given.
        let ps = problems(&[("wins.", "and [Bo](/members/bo-chen) win.")]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].members")]);
        assert!(ps[0].message.contains("bo-chen"), "{}", ps[0].message);
        // No list at all: the links are the list.
        let ps = problems(&[("\"members\":[\"ann-lee\"],", "")]);
        assert_eq!(ps, vec![]);
    }

    #[test]
    fn images_and_links_of_publications() {
        let ps = problems(&[(
            "\"topics\":[\"paper\"]},",
            "\"topics\":[\"paper\"],\"image\":\"images/p1.png\",\"links\":[{\"type\":\"code\",\"url\":\"https://github.com/x/y\"}]},",
        )]);
        assert_eq!(ps, vec![]);
        let ps = problems(&[(
            "\"topics\":[\"paper\"]},",
            "\"topics\":[\"paper\"],\"image\":\"../p1.png\",\"links\":[{\"type\":\"tweet\",\"url\":\"javascript:x\"}]},",
        )]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "publications[0].image"),
                (Severity::Warning, "publications[0].links[0].type"),
                (Severity::Error, "publications[0].links[0].url"),
            ]
        );
        assert!(ps[1].message.contains("slides"), "{}", ps[1].message);
        let ps = problems(&[(
            "\"role\":\"phd\"",
            "\"role\":\"phd\",\"photo\":\"data:image/png;base64,AA\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "members[1].photo")]);
        let ps = problems(&[(
            "\"role\":\"phd\"",
            "\"role\":\"phd\",\"photo\":\"images/people/bo-chen.jpg\"",
        )]);
        assert_eq!(ps, vec![]);
        let ps = problems(&[(
            "\"description\":",
            "\"logo\":\"/etc/logo.svg\",\"description\":",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "lab.logo")]);
    }

    #[test]
    fn projects_follow_the_rules() {
        let ps = problems(&[("\"slug\":\"fast\"", "\"slug\":\"Fast!\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "projects[0].slug")]);
        let ps = problems(&[(
            "\"featured\":true}]",
            "\"featured\":true},{\"slug\":\"fast\",\"name\":\"Again\",\"description\":\"d\"}]",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "projects[1].slug")]);
        assert!(
            ps[0].message.contains("first used at projects[0]"),
            "{}",
            ps[0].message
        );
        let ps = problems(&[("\"name\":\"Fast\"", "\"name\":\" \"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "projects[0].name")]);
        let ps = problems(&[("Makes [things](https://fast.example) fast.", "")]);
        assert_eq!(
            paths(&ps),
            vec![(Severity::Error, "projects[0].description")]
        );
        let ps = problems(&[(
            "\"publications\":[\"p1\"]",
            "\"publications\":[\"p9\",\"p1\",\"p1\"]",
        )]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "projects[0].publications[0]"),
                (Severity::Warning, "projects[0].publications[2]")
            ]
        );
        assert!(
            ps[0].message.contains("unknown publication \"p9\""),
            "{}",
            ps[0].message
        );
        let ps = problems(&[(
            "\"members\":[\"ann-lee\"],\"topics\":[\"paper\"],\"featured\"",
            "\"members\":[\"ghost\",\"ann-lee\",\"ann-lee\"],\"topics\":[\"gossip\"],\"featured\"",
        )]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "projects[0].members[0]"),
                (Severity::Warning, "projects[0].members[2]"),
                (Severity::Error, "projects[0].topics[0]")
            ]
        );
        let ps = problems(&[
            (
                "\"image\":\"images/publications/fast.png\"",
                "\"image\":\"../fast.png\"",
            ),
            ("\"type\":\"repository\"", "\"type\":\"repo\""),
            ("https://fast.example/docs", "javascript:alert(1)"),
        ]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "projects[0].image"),
                (Severity::Warning, "projects[0].links[0].type"),
                (Severity::Error, "projects[0].links[1].url")
            ]
        );
    }

    #[test]
    fn links_to_projects_must_name_one() {
        let ps = problems(&[("wins.", "wins, for [Fast](/projects/fast).")]);
        assert_eq!(ps, vec![]);
        let ps = problems(&[("wins.", "wins, for [Slow](/projects/slow/).")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "news[0].text")]);
        assert!(
            ps[0].message.contains("/projects/slow"),
            "{}",
            ps[0].message
        );
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
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "news[0].members[0]"),
                (Severity::Warning, "news[0].members")
            ]
        );
        let ps = problems(&[("(/members/ann-lee)", "(/members/ghost)")]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "news[0].text"),
                (Severity::Warning, "news[0].members[0]")
            ]
        );
        assert!(
            ps[0].message.contains("/members/ghost"),
            "{}",
            ps[0].message
        );
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
        assert!(
            ps[0].message.contains("not a real date"),
            "{}",
            ps[0].message
        );
        let ps = problems(&[("\"date\":\"2024-05-02\"", "\"date\":\"May 2, 2024\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "news[0].date")]);
        assert!(
            ps[0].message.contains("write it as YYYY-MM-DD"),
            "{}",
            ps[0].message
        );
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
        assert!(
            ps[0].message.starts_with("\"not an email\" is not"),
            "{}",
            ps[0].message
        );
        assert_eq!(
            paths(&ps),
            vec![(Severity::Error, "members[0].links.email")]
        );
    }

    #[test]
    fn identifiers_must_be_bare() {
        let ps = problems(&[("\"doi\":\"10.1/x\"", "\"doi\":\"https://doi.org/10.1/x\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[1].doi")]);
        assert!(ps[0].message.contains("bare DOI"), "{}", ps[0].message);
        let ps = problems(&[("\"arxiv\":\"2401.00001\"", "\"arxiv\":\"arXiv:2401.00001\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[0].arxiv")]);
        assert!(
            ps[0].message.contains("not an arXiv id"),
            "{}",
            ps[0].message
        );
        let ps = problems(&[("\"arxiv\":\"2401.00001\"", "\"arxiv\":\"2401.00001v3\"")]);
        assert_eq!(ps, vec![]);
    }

    #[test]
    fn the_same_paper_is_found_across_spellings_of_its_ids() {
        let ps = problems(&[(
            "\"doi\":\"10.1/x\"",
            "\"doi\":\"10.1/x\",\"arxiv\":\"2401.00001v2\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[1].arxiv")]);
        let ps = problems(&[(
            "\"arxiv\":\"2401.00001\"",
            "\"arxiv\":\"2401.00001\",\"doi\":\"10.1/X\"",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Error, "publications[1].doi")]);
    }

    #[test]
    fn an_author_listed_twice_is_a_warning() {
        let ps = problems(&[("[\"Ann Lee\",\"X Y\"]", "[\"Ann Lee\",\"X Y\",\"ann lee\"]")]);
        assert_eq!(
            paths(&ps),
            vec![(Severity::Warning, "publications[0].authors[2]")]
        );
        assert!(ps[0].message.contains("authors[0]"), "{}", ps[0].message);
        // A member's alias is the same author as their name.
        let ps = problems(&[("[\"Ann Lee\",\"X Y\"]", "[\"A. Lee\",\"X Y\",\"Ann Lee\"]")]);
        assert_eq!(
            paths(&ps),
            vec![(Severity::Warning, "publications[0].authors[2]")]
        );
        let ps = problems(&[("[\"Ann Lee\",\"X Y\"]", "[\"X Y\",\"X  Z\"]")]);
        assert_eq!(ps, vec![]);
    }

    #[test]
    fn a_date_more_than_a_year_ahead_is_a_warning_when_today_is_known() {
        let text = BASE
            .replace("\"date\":\"2024-05-02\"", "\"date\":\"2099-01-01\"")
            .replace("\"date\":\"2023-05-01\"", "\"date\":\"2025-06-02\"");
        let (data, pos, _) = parse_data(&text).unwrap();
        // The site has no clock here: no warning.
        assert_eq!(validate(&data, &pos), vec![]);
        let today = Date::parse("2024-06-01");
        let ps = validate_at(&data, &pos, today);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Warning, "publications[1].date"),
                (Severity::Warning, "news[0].date")
            ]
        );
        assert_eq!(
            ps[1].message,
            "\"2099-01-01\" is more than a year from now; check the year"
        );
        // A year ahead to the day is fine; the day after is not.
        assert_eq!(validate_at(&data, &pos, Date::parse("2098-01-01")), vec![]);
        let ps = validate_at(&data, &pos, Date::parse("2097-12-31"));
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].date")]);
        let leap = BASE.replace("\"date\":\"2024-05-02\"", "\"date\":\"2025-03-01\"");
        let (data, pos, _) = parse_data(&leap).unwrap();
        assert_eq!(validate_at(&data, &pos, Date::parse("2024-02-29")), vec![]);
        assert_eq!(validate_at(&data, &pos, Date::parse("2024-02-28")).len(), 1);
    }

    #[test]
    fn a_member_listed_twice_in_a_news_item_is_a_warning() {
        let ps = problems(&[(
            "\"members\":[\"ann-lee\"]",
            "\"members\":[\"ann-lee\",\"ann-lee\"]",
        )]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "news[0].members[1]")]);
        assert_eq!(
            ps[0].message,
            "\"ann-lee\" is already listed as members[0]; remove the repeat"
        );
        // Once, even when the text does not link to them, or they are not a member.
        let ps = problems(&[
            (
                "\"members\":[\"ann-lee\"]",
                "\"members\":[\"ann-lee\",\"ann-lee\"]",
            ),
            ("[Ann](/members/ann-lee) wins.", "Ann wins."),
        ]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Warning, "news[0].members[1]"),
                (Severity::Warning, "news[0].members[0]")
            ]
        );
        let ps = problems(&[(
            "\"members\":[\"ann-lee\"]",
            "\"members\":[\"ann-lee\",\"x\",\"x\"]",
        )]);
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Error, "news[0].members[1]"),
                (Severity::Warning, "news[0].members[2]")
            ]
        );
    }

    #[test]
    fn surrounding_spaces_are_a_warning() {
        let ps = problems(&[("\"label\":\"Awards\"", "\"label\":\"Awards \"")]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "topics[1].label")]);
        let ps = problems(&[("\"name\":\"Bo Chen\"", "\"name\":\"\\nBo Chen\"")]);
        assert_eq!(paths(&ps), vec![(Severity::Warning, "members[1].name")]);
    }

    #[test]
    fn identity_keys() {
        assert_eq!(doi_key(" https://doi.org/10.1145/ABC "), "10.1145/abc");
        assert_eq!(doi_key("doi:10.1/X"), "10.1/x");
        assert_eq!(arxiv_key("arXiv:2407.06167v2"), "2407.06167");
        assert_eq!(arxiv_key("cs/0112017v1"), "cs/0112017");
        assert_eq!(arxiv_key("2407.06167"), "2407.06167");
        assert_eq!(arxiv_key("v2"), "v2");
    }

    #[test]
    fn recognises_dois_and_arxiv_ids() {
        for good in [
            "10.1145/3394486.3403212",
            "10.1109/MM.2023.3317243",
            "10.48550/arXiv.2407.06167",
            "10.1000.10/x",
        ] {
            assert!(is_doi(good), "{good}");
        }
        for bad in [
            "",
            "10.1145",
            "10./x",
            "11.1/x",
            "https://doi.org/10.1/x",
            "10.1/ x",
            "doi:10.1/x",
            "10.a/x",
        ] {
            assert!(!is_doi(bad), "{bad}");
        }
        for good in [
            "2407.06167",
            "2407.06167v12",
            "0704.0001",
            "cs/0112017",
            "math.GT/0309136v2",
            "hep-th/9901001",
        ] {
            assert!(is_arxiv_id(good), "{good}");
        }
        for bad in [
            "",
            "arXiv:2407.06167",
            "2407.0616",
            "24070.06167",
            "2407.06167v",
            "2407.06167v1234",
            "https://arxiv.org/abs/2407.06167",
            "CS/0112017",
            "cs/011201",
            "v2",
        ] {
            assert!(!is_arxiv_id(bad), "{bad}");
        }
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
        assert_eq!(
            paths(&ps),
            vec![
                (Severity::Warning, "news[0].text"),
                (Severity::Warning, "news[0].members[0]")
            ]
        );
    }
}
