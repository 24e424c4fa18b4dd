//! Serde types for the whole data file, `data/site.json`, version [`DATA_VERSION`].

use serde::{Deserialize, Serialize};

/// The only data-file version this build understands.
pub const DATA_VERSION: u64 = 1;

/// The whole data file once loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SiteData {
    /// Where editors find the JSON Schema of this file (`./site.schema.json`).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub version: u64,
    pub lab: Lab,
    pub topics: Vec<Topic>,
    /// The slugs of `topics` that say what a news item *is* (a paper, a release, an award, a
    /// talk…) rather than what it is about: News filters by them under "Kind", apart from
    /// "Topic", and a news item names its kind in its `topics` like any topic. Optional: without
    /// it every slug is a topic. Publications, projects and posts are filtered by topic only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    pub members: Vec<Member>,
    pub publications: Vec<Publication>,
    pub news: Vec<NewsItem>,
    /// What the lab builds. Optional: a file without it has no projects, and no notice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
}

/// The lab itself: what the home page and the header show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lab {
    pub name: String,
    pub short_name: String,
    pub institution: String,
    /// Inline markdown (links, emphasis, code).
    pub description: String,
    /// The lab's logo (SVG recommended), shown in the header and on the home page. Image paths are
    /// relative to the data file: `images/logo.svg` is `data/images/logo.svg`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// A square raster image (PNG, at least 180 px) the favicons are made from; the logo when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// A wide photo behind the home page's heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_image: Option<String>,
    /// The picture link previews show (`og:image`), ideally 1200×630.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_image: Option<String>,
    /// How to join or reach the lab, inline markdown: the home page's "Join us" block shows it
    /// with the lab's links and its latest news tagged `opportunity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join: Option<String>,
    #[serde(default)]
    pub links: Links,
    /// ORCID iDs (`0000-0002-1825-0097`) whose public works `labctl cite` lists among the
    /// publications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orcid: Vec<String>,
}

/// One entry of the topic vocabulary that news and publications refer to by slug.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub slug: String,
    pub label: String,
}

/// A member's position in the lab. The order of the variants is the order of the People page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Pi,
    Faculty,
    Postdoc,
    Phd,
    Masters,
    Undergrad,
    Staff,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Pi,
        Role::Faculty,
        Role::Postdoc,
        Role::Phd,
        Role::Masters,
        Role::Undergrad,
        Role::Staff,
    ];

    /// Heading of the group of members with this role.
    pub fn group_label(self) -> &'static str {
        match self {
            Role::Pi => "Principal investigator",
            Role::Faculty => "Faculty",
            Role::Postdoc => "Postdoctoral researchers",
            Role::Phd => "PhD students",
            Role::Masters => "Master's students",
            Role::Undergrad => "Undergraduate students",
            Role::Staff => "Staff",
        }
    }

    /// The role of one member, as a card or a profile shows it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Pi => "Principal investigator",
            Role::Faculty => "Faculty",
            Role::Postdoc => "Postdoctoral researcher",
            Role::Phd => "PhD student",
            Role::Masters => "Master's student",
            Role::Undergrad => "Undergraduate student",
            Role::Staff => "Staff",
        }
    }
}

/// Links of a member or of the lab; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Links {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scholar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub twitter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orcid: Option<String>,
}

impl Links {
    /// [`Links::entries`] the site will follow as links (http(s) and mailto): what profiles and
    /// the footer show. Anything else (`javascript:`, a relative path) is left out.
    pub fn followable(&self) -> Vec<(&'static str, &'static str, String)> {
        use crate::markdown::Href;
        self.entries()
            .into_iter()
            .filter(|(_, _, url)| {
                matches!(Href::classify(url), Some(Href::External(_) | Href::Mail(_)))
            })
            .collect()
    }

    /// `(field name, label, url)` for every link that is set, in display order.
    /// An `email` given as a bare address becomes a `mailto:` URL.
    pub fn entries(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut out = Vec::new();
        let mut push = |key, label, value: &Option<String>| {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                let url = if key == "email" && !v.starts_with("mailto:") {
                    format!("mailto:{v}")
                } else {
                    v.to_string()
                };
                out.push((key, label, url));
            }
        };
        push("homepage", "Homepage", &self.homepage);
        push("email", "Email", &self.email);
        push("github", "GitHub", &self.github);
        push("scholar", "Google Scholar", &self.scholar);
        push("linkedin", "LinkedIn", &self.linkedin);
        push("twitter", "X / Twitter", &self.twitter);
        push("orcid", "ORCID", &self.orcid);
        out
    }
}

/// A current or former member of the lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// URL name: lowercase letters, digits and hyphens. `/members/<slug>` is the profile.
    pub slug: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub alumni: bool,
    /// Other spellings of the name as they appear in author lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub links: Links,
    /// Photo: a path relative to the data file (recommended: `images/people/<slug>.jpg`, resized at
    /// build time) or an `https://` URL. An initials avatar is shown when absent or when it fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Short biography, inline markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// The years spent in the lab, free text (`"2019–2024"`); shown for alumni.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<String>,
    /// Where an alumnus is now, inline markdown (`"Now at [Google](https://…)"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<String>,
    /// An ORCID iD (`0000-0002-1825-0097`) whose public works `labctl cite` lists among the
    /// publications (the profile's ORCID button is `links.orcid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orcid: Option<String>,
}

/// A paper, preprint or article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Stable identifier, unique among publications.
    pub id: String,
    pub title: String,
    /// Author names as printed; lab members are recognised by name or alias.
    pub authors: Vec<String>,
    pub venue: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    /// PubMed id (digits), which `labctl cite` resolves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    /// Thumbnail: a path relative to the data file (`images/publications/<id>.png`) or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Buttons beside the entry: code, slides, video…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<PubLink>,
    /// Topic slugs from the vocabulary.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Shown among the selected publications on the home page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
}

/// A typed link of a publication, shown as a button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PubLink {
    /// One of [`LINK_TYPES`]; another value still shows, under its own name, and `labctl check`
    /// warns about it.
    #[serde(rename = "type")]
    pub kind: String,
    pub url: String,
    /// The button's text, when the type's own label does not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The link types the buttons of a publication or a project know, with their labels.
pub const LINK_TYPES: [(&str, &str); 14] = [
    ("paper", "Paper"),
    ("pdf", "PDF"),
    ("preprint", "Preprint"),
    ("code", "Code"),
    ("data", "Data"),
    ("slides", "Slides"),
    ("video", "Video"),
    ("poster", "Poster"),
    ("project", "Project"),
    ("website", "Website"),
    ("blog", "Blog post"),
    ("demo", "Demo"),
    ("repository", "Repository"),
    ("docs", "Docs"),
];

impl PubLink {
    /// Whether the type is one of [`LINK_TYPES`].
    pub fn is_known(&self) -> bool {
        LINK_TYPES.iter().any(|(k, _)| *k == self.kind)
    }

    /// The button's text: its own label, the type's label, or the type as written.
    pub fn text(&self) -> &str {
        if let Some(label) = self
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            return label;
        }
        LINK_TYPES
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map(|(_, label)| *label)
            .unwrap_or(self.kind.as_str())
    }
}

impl Publication {
    /// Where the title links: its `url`, else its DOI, else its arXiv page.
    pub fn link(&self) -> Option<String> {
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        nonempty(&self.url)
            .or_else(|| nonempty(&self.doi).map(|d| format!("https://doi.org/{d}")))
            .or_else(|| nonempty(&self.arxiv).map(|a| format!("https://arxiv.org/abs/{a}")))
    }
}

/// One news item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewsItem {
    /// Stable identifier, unique among news items.
    pub id: String,
    /// `YYYY-MM-DD`, the day the news was first published.
    pub date: String,
    /// Topic slugs from the vocabulary; at least one.
    pub topics: Vec<String>,
    /// Slugs of the members this item mentions. Optional: the text's `[Name](/members/<slug>)`
    /// links already say it, and `labctl check` warns when the two disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Inline markdown; `[Name](/members/<slug>)` links to a profile.
    pub text: String,
}

/// A system or tool the lab builds: `/projects/<slug>` gathers its papers, people and news.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// URL name: lowercase letters, digits and hyphens. `/projects/<slug>` is its page.
    pub slug: String,
    pub name: String,
    /// One paragraph, inline markdown.
    pub description: String,
    /// A picture of it: a path relative to the data file (`images/projects/<slug>.png`) or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Buttons on its page: repository, website, docs…, typed like a publication's links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<PubLink>,
    /// Ids of its publications.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<String>,
    /// Slugs of the members who work or worked on it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Topic slugs from the vocabulary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Shown among the projects on the home page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
}

/// Longest one-line summary of a project on its card.
const SUMMARY_CHARS: usize = 110;

impl Project {
    /// The description as plain text, cut at a word to fit one line of a card.
    pub fn summary(&self) -> String {
        let text = crate::markdown::plain_text(&crate::markdown::parse(&self.description));
        let first = match text.find(". ") {
            Some(i) => &text[..=i],
            None => text.as_str(),
        };
        crate::pages::truncate_words(first, SUMMARY_CHARS)
    }
}

#[cfg(test)]
mod links_tests {
    use super::Links;

    #[test]
    fn only_links_the_site_follows_are_followable() {
        let links = Links {
            homepage: Some("javascript:alert(1)".into()),
            email: Some("ann@example.org".into()),
            github: Some("vbscript:x".into()),
            scholar: Some("https://scholar.example/ann".into()),
            ..Links::default()
        };
        let keys: Vec<_> = links.followable().into_iter().map(|(k, _, _)| k).collect();
        assert_eq!(keys, ["email", "scholar"]);
        assert_eq!(links.entries().len(), 4);
    }
}
