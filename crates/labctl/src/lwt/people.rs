//! Members from `_members/*.md`: the file name is the slug, the front matter gives the name,
//! photo, role, aliases and links, and the body is the bio. Roles are the site's own
//! (`_data/types.yaml`), mapped onto the new site's fixed set by their key and description;
//! `-alumni` roles and an alumni `group` make alumni. A role with no equivalent is kept as staff
//! and reported, never dropped.

use std::collections::BTreeMap;

use lab_model::text::{is_slug, name_key, slugify};
use lab_model::{Links, Member, Role};
use serde_norway::Value;

use super::clean::{clean_line, web_url};
use super::markup::{Markup, Sink, Types};
use super::report::{Origin, Report};
use super::source::{
    get, keys, list, load_yaml, report_unknown_keys, split_front_matter, text, Repo,
};

/// A member file, read but not yet translated (the bios need every member's slug first).
pub struct RawMember {
    pub slug: String,
    pub name: String,
    pub front: Value,
    pub front_text: String,
    pub front_line: usize,
    pub body: String,
    pub at: Origin,
    pub body_line: usize,
}

/// Words of a role key or description, lowercase.
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

const ALUMNI_WORDS: [&str; 7] = [
    "alumni", "alum", "alumnus", "alumna", "former", "past", "emeritus",
];

/// The new site's role for an LWT role key and its description in types.yaml, and whether it
/// marks alumni. `None` when nothing fits.
pub fn map_role(key: &str, description: Option<&str>) -> (Option<Role>, bool) {
    let all: Vec<String> = words(key)
        .into_iter()
        .chain(description.map(words).unwrap_or_default())
        .collect();
    let alumni = all.iter().any(|w| ALUMNI_WORDS.contains(&w.as_str()));
    let has = |list: &[&str]| all.iter().any(|w| list.contains(&w.as_str()));
    let joined = format!(" {} ", all.join(" "));
    let phrase = |list: &[&str]| list.iter().any(|p| joined.contains(&format!(" {p} ")));
    let role = if has(&["pi", "director", "head"]) || phrase(&["principal investigator"]) {
        Some(Role::Pi)
    } else if has(&["postdoc", "postdoctoral", "postdocs"])
        || phrase(&["post doc", "post doctoral"])
    {
        Some(Role::Postdoc)
    } else if has(&["phd", "doctoral", "doctorate", "grad", "graduate"]) || phrase(&["ph d"]) {
        Some(Role::Phd)
    } else if has(&["masters", "master", "ms", "msc", "mphil", "meng", "mba"]) {
        Some(Role::Masters)
    } else if has(&[
        "undergrad",
        "undergraduate",
        "undergraduates",
        "bachelor",
        "bachelors",
        "bsc",
        "ug",
    ]) {
        Some(Role::Undergrad)
    } else if has(&["faculty", "professor", "prof", "lecturer", "copi", "co"]) && !has(&["student"])
    {
        Some(Role::Faculty)
    } else if has(&[
        "staff",
        "programmer",
        "engineer",
        "developer",
        "manager",
        "administrator",
        "admin",
        "technician",
        "coordinator",
        "scientist",
        "associate",
        "assistant",
        "specialist",
        "analyst",
        "researcher",
        "fellow",
        "software",
    ]) {
        Some(Role::Staff)
    } else {
        None
    };
    (role, alumni)
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Pi => "pi",
        Role::Faculty => "faculty",
        Role::Postdoc => "postdoc",
        Role::Phd => "phd",
        Role::Masters => "masters",
        Role::Undergrad => "undergrad",
        Role::Staff => "staff",
    }
}

/// `Jane Doe` from `jane-doe`.
fn name_from_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads every member file: slugs made unique and valid, names cleaned.
pub fn read(repo: &mut Repo, report: &mut Report) -> Vec<RawMember> {
    let mut out: Vec<RawMember> = Vec::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for file in repo.files_under("_members") {
        let stem = file.rsplit('/').next().unwrap_or(&file);
        let ext = stem.rsplit_once('.').map(|(_, e)| e.to_lowercase());
        let stem = match &ext {
            Some(e) if matches!(e.as_str(), "md" | "markdown" | "html" | "txt") => {
                stem.rsplit_once('.').map_or(stem, |(s, _)| s)
            }
            Some(_) => continue,
            None => stem,
        };
        let Some(text_of) = repo.read(&file, report) else {
            continue;
        };
        let doc = split_front_matter(&text_of);
        let at = Origin::new(&file, 1);
        let Some(front_text) = doc.front.as_deref() else {
            report.not_carried(
                at,
                "this file has no front matter (--- lines at the top), so Jekyll never made it a member page; left out",
            );
            continue;
        };
        let front = load_yaml(front_text, &file, doc.front_line, report)
            .unwrap_or(Value::Mapping(Default::default()));
        if !matches!(front, Value::Mapping(_)) {
            report.not_carried(
                at,
                "the front matter is not a set of fields; the member was left out",
            );
            continue;
        }
        let mut slug = stem.to_string();
        if !is_slug(&slug) {
            let made = slugify(&slug);
            let made = if made.is_empty() {
                "member".to_string()
            } else {
                made
            };
            report.changed(
                at.clone(),
                format!("the file name {stem:?} is not a slug; the member's slug is {made:?} (the old page /members/{stem}.html will not answer)"),
            );
            slug = made;
        }
        if let Some(first) = taken.get(&slug) {
            let mut n = 2;
            while taken.contains_key(&format!("{slug}-{n}")) {
                n += 1;
            }
            let new = format!("{slug}-{n}");
            report.changed(
                at.clone(),
                format!("the slug {slug:?} is already {first}'s; this member's slug is {new:?}"),
            );
            slug = new;
        }
        taken.insert(slug.clone(), file.clone());
        let name = match text(&front, "name").or_else(|| text(&front, "title")) {
            Some(raw) => {
                let (name, why) = clean_line(&raw);
                report.value_changed(
                    &at.at(super::source::key_line(front_text, "name", doc.front_line)),
                    "name",
                    &raw,
                    &name,
                    &why,
                );
                name
            }
            None => String::new(),
        };
        let name = if name.is_empty() {
            let made = name_from_slug(&slug);
            report.changed(
                at.clone(),
                format!("no name; {made:?} made from the file name"),
            );
            made
        } else {
            name
        };
        out.push(RawMember {
            slug,
            name,
            front,
            front_text: front_text.to_string(),
            front_line: doc.front_line,
            body: doc.body,
            at,
            body_line: doc.body_line,
        });
    }
    out
}

/// LWT's link keys and the new site's fields.
const LINK_FIELDS: [(&[&str], &str); 7] = [
    (
        &[
            "home-page",
            "homepage",
            "home_page",
            "website",
            "site",
            "url",
            "web",
            "link",
        ],
        "homepage",
    ),
    (&["email", "e-mail", "mail"], "email"),
    (&["github"], "github"),
    (
        &[
            "google-scholar",
            "google_scholar",
            "googlescholar",
            "scholar",
        ],
        "scholar",
    ),
    (&["linkedin"], "linkedin"),
    (&["twitter", "x"], "twitter"),
    (&["orcid"], "orcid"),
];

/// Links of a member or of the lab, from LWT's `links:` mapping.
pub fn links(
    v: Option<&Value>,
    types: &Types,
    at: &Origin,
    what: &str,
    report: &mut Report,
) -> Links {
    let mut out = Links::default();
    let Some(v) = v else { return out };
    for key in keys(v) {
        let Some(raw) = get(v, &key).and_then(super::source::scalar) else {
            continue;
        };
        let raw = raw.trim().to_string();
        if raw.is_empty() {
            continue;
        }
        let lower = key.to_lowercase();
        let Some((_, field)) = LINK_FIELDS
            .iter()
            .find(|(keys, _)| keys.contains(&lower.as_str()))
        else {
            report.not_carried(
                at.clone(),
                format!("{what}: the link {key}: {raw} has no place in the new site's links (homepage, email, GitHub, Google Scholar, LinkedIn, X/Twitter, ORCID)"),
            );
            continue;
        };
        let value = if *field == "email" {
            let address = raw.trim_start_matches("mailto:").trim().to_string();
            (address.contains('@') && !address.contains(char::is_whitespace)).then_some(address)
        } else if let Some((url, why)) = web_url(&raw) {
            if let Some(why) = why {
                report.changed(at.clone(), format!("{what}: {key} {raw:?}: {why}"));
            }
            Some(url)
        } else {
            types.link_url(&lower, &raw)
        };
        let followable = value
            .as_deref()
            .is_some_and(|v| *field == "email" || lab_model::markdown::Href::classify(v).is_some());
        let slot = match *field {
            "homepage" => &mut out.homepage,
            "email" => &mut out.email,
            "github" => &mut out.github,
            "scholar" => &mut out.scholar,
            "linkedin" => &mut out.linkedin,
            "twitter" => &mut out.twitter,
            _ => &mut out.orcid,
        };
        match value {
            Some(v) if followable && slot.is_none() => *slot = Some(v),
            Some(_) if slot.is_some() => report.not_carried(
                at.clone(),
                format!("{what}: {key} is a second {field} link; the first was kept"),
            ),
            _ => report.not_carried(
                at.clone(),
                format!("{what}: the {key} link {raw:?} is not an address the site can follow; left out"),
            ),
        }
    }
    out
}

/// Sets each link of `from` that `to` lacks.
fn fill_links(to: &mut Links, from: Links) {
    let pairs = [
        (&mut to.homepage, from.homepage),
        (&mut to.email, from.email),
        (&mut to.github, from.github),
        (&mut to.scholar, from.scholar),
        (&mut to.linkedin, from.linkedin),
        (&mut to.twitter, from.twitter),
        (&mut to.orcid, from.orcid),
    ];
    for (slot, value) in pairs {
        if slot.is_none() {
            *slot = value;
        }
    }
}

/// Turns the read member files into members, with bios translated.
pub fn build(
    raws: &[RawMember],
    types: &Types,
    markup: &Markup<'_>,
    images: &mut super::images::Images,
    report: &mut Report,
) -> Vec<(Member, Origin)> {
    let mut out: Vec<(Member, Origin)> = Vec::new();
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    for raw in raws {
        let f = &raw.front;
        let at = raw.at.clone();
        let who = format!("member {}", raw.slug);
        let front_text_line = |key: &str| {
            at.at(super::source::key_line(
                &raw.front_text,
                key,
                raw.front_line,
            ))
        };
        // Role.
        let role_key = text(f, "role");
        let description = role_key
            .as_deref()
            .and_then(|k| types.get(k))
            .and_then(|t| t.description.clone().or(t.text.clone()));
        let (mapped, alumni_role) = match &role_key {
            Some(k) => map_role(k, description.as_deref()),
            None => (None, false),
        };
        let group = text(f, "group").unwrap_or_default();
        let alumni_group = map_role(&group, None).1 || group.eq_ignore_ascii_case("alum");
        let alumni_flag = get(f, "alumni")
            .and_then(super::source::scalar)
            .is_some_and(|v| v == "true");
        let alumni = alumni_role || alumni_group || alumni_flag;
        let role = match (mapped, &role_key) {
            (Some(r), _) => r,
            (None, Some(k)) => {
                report.changed(
                    front_text_line("role"),
                    format!(
                        "{who}: the role {k:?}{} has no equivalent among pi, faculty, postdoc, phd, masters, undergrad, staff; kept as staff (change it by hand)",
                        description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
                    ),
                );
                Role::Staff
            }
            (None, None) => {
                report.changed(
                    at.clone(),
                    format!("{who}: no role; imported as staff (change it by hand)"),
                );
                Role::Staff
            }
        };
        // Aliases.
        let mut aliases: Vec<String> = Vec::new();
        for a in list(get(f, "aliases")) {
            let (a, _) = clean_line(&a);
            if a.is_empty() || a == raw.name || aliases.contains(&a) {
                continue;
            }
            aliases.push(a);
        }
        let mut links = links(
            get(f, "links"),
            types,
            &front_text_line("links"),
            &who,
            report,
        );
        // LWT 0.x put the links at the top of the front matter.
        let top: serde_norway::Mapping = keys(f)
            .into_iter()
            .filter(|k| {
                k != "link"
                    && LINK_FIELDS
                        .iter()
                        .any(|(names, _)| names.contains(&k.as_str()))
            })
            .filter_map(|k| get(f, &k).map(|v| (Value::String(k.clone()), v.clone())))
            .collect();
        if !top.is_empty() {
            let older = self::links(Some(&Value::Mapping(top)), types, &at, &who, report);
            fill_links(&mut links, older);
        }
        let photo = text(f, "image")
            .and_then(|img| images.resolve(&img, None, &front_text_line("image"), report));
        // Bio: the body, after what the front matter says of the person.
        let mut sink = Sink {
            images,
            report,
            at: at.at(raw.body_line),
            near: None,
        };
        let mut bio = markup.inline(&raw.body, &mut sink);
        let mut lead = Vec::new();
        // A `title` beside a `name` is a position ("Principal Investigator"); alone it is the
        // name (LWT 0.x).
        let title = text(f, "title").filter(|_| text(f, "name").is_some());
        for t in [title, text(f, "description"), text(f, "affiliation")]
            .into_iter()
            .flatten()
        {
            let t = clean_line(&t).0;
            if !lead.contains(&t) {
                lead.push(t);
            }
        }
        if !lead.is_empty() {
            report.changed(
                at.clone(),
                format!(
                    "{who}: the title, description or affiliation ({}) starts the bio",
                    lead.join(", ")
                ),
            );
            let lead = lead.join(", ");
            bio = if bio.is_empty() {
                format!("{lead}.")
            } else {
                format!("{lead}. {bio}")
            };
        }
        report_unknown_keys(
            f,
            &[
                "name",
                "image",
                "role",
                "aliases",
                "links",
                "description",
                "affiliation",
                "group",
                "alumni",
                "title",
                "home-page",
                "homepage",
                "website",
                "email",
                "github",
                "google-scholar",
                "scholar",
                "linkedin",
                "twitter",
                "orcid",
            ],
            &[
                "layout",
                "permalink",
                "redirect_from",
                "last_modified_at",
                "sitemap",
                "published",
                "slug",
            ],
            &at,
            &who,
            report,
        );
        for r in list(get(f, "redirect_from")) {
            report.not_carried(
                at.clone(),
                format!(
                    "{who}: the old address {r} (redirect_from) will not answer on the new site"
                ),
            );
        }
        if let Some(p) = text(f, "permalink") {
            report.not_carried(
                at.clone(),
                format!(
                    "{who}: the page was at {p} (permalink); the new site's profile is /members/{}",
                    raw.slug
                ),
            );
        }
        let key = name_key(&raw.name);
        if let Some(first) = by_name.get(&key) {
            report.changed(
                at.clone(),
                format!("{who} has the same name as member {first} ({}); both were kept: if they are one person, merge them by hand", raw.name),
            );
        } else {
            by_name.insert(key, raw.slug.clone());
        }
        let member: Result<Member, _> = serde_json::from_value(serde_json::json!({
            "slug": raw.slug,
            "name": raw.name,
            "role": role_name(role),
            "alumni": alumni,
        }));
        let Ok(mut member) = member else { continue };
        member.aliases = aliases;
        member.links = links;
        member.photo = photo;
        member.bio = (!bio.trim().is_empty()).then(|| bio.trim().to_string());
        let role_text = role_key.unwrap_or_else(|| "none".to_string());
        report.imported(
            at.clone(),
            format!(
                "member {} ({}, role {} → {}{})",
                member.slug,
                member.name,
                role_text,
                role_name(role),
                if alumni { ", alumni" } else { "" }
            ),
        );
        out.push((member, at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_roles_of_many_labs() {
        let r = |k: &str, d: Option<&str>| map_role(k, d);
        assert_eq!(
            r("pi", Some("Principal Investigator")),
            (Some(Role::Pi), false)
        );
        assert_eq!(r("principal-investigator", None), (Some(Role::Pi), false));
        assert_eq!(
            r("phd-alumni", Some("Past PhD Student")),
            (Some(Role::Phd), true)
        );
        assert_eq!(r("masters-alumni", None), (Some(Role::Masters), true));
        assert_eq!(r("undergrad", None), (Some(Role::Undergrad), false));
        assert_eq!(
            r("postdoc", Some("Postdoctoral Researcher")),
            (Some(Role::Postdoc), false)
        );
        assert_eq!(
            r("programmer", Some("Programmer")),
            (Some(Role::Staff), false)
        );
        assert_eq!(r("research-scientist", None), (Some(Role::Staff), false));
        assert_eq!(r("professor", None), (Some(Role::Faculty), false));
        assert_eq!(r("grad-student", None), (Some(Role::Phd), false));
        assert_eq!(r("mascot", Some("Mascot")), (None, false));
        assert_eq!(r("alum", None), (None, true));
        assert_eq!(name_from_slug("jane-doe"), "Jane Doe");
    }

    #[test]
    fn reads_links_with_templates_and_fixes() {
        let types = Types::from_yaml(None);
        let v: Value = serde_norway::from_str(
            "home-page: www.x.org\ngithub: jane\ngoogle-scholar: ABC\nemail: mailto:j@x.org\nlinkedin: https://linkedin.com/in/j\nyoutube: chan\norcid: 0000-0001\ntwitter: '@jd'\n",
        )
        .unwrap();
        let mut r = Report::default();
        let l = links(
            Some(&v),
            &types,
            &Origin::new("m.md", 1),
            "member j",
            &mut r,
        );
        assert_eq!(l.homepage.as_deref(), Some("https://www.x.org"));
        assert_eq!(l.github.as_deref(), Some("https://github.com/jane"));
        assert_eq!(
            l.scholar.as_deref(),
            Some("https://scholar.google.com/citations?user=ABC")
        );
        assert_eq!(l.email.as_deref(), Some("j@x.org"));
        assert_eq!(l.linkedin.as_deref(), Some("https://linkedin.com/in/j"));
        assert_eq!(l.orcid.as_deref(), Some("https://orcid.org/0000-0001"));
        assert_eq!(l.twitter.as_deref(), Some("https://twitter.com/jd"));
        assert_eq!(r.count(super::super::report::Kind::NotCarried), 1, "{r}");
        assert_eq!(r.count(super::super::report::Kind::Changed), 1, "{r}");
    }
}
