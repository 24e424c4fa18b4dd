//! The last guard of an import: the data is checked by the same rules as `labctl check`, and
//! whatever still breaks one is left out (the field when it is optional, else the item), with
//! the rule's message in the report, so the result always passes. The steps before this one
//! avoid most such cases; this catches what real repositories still hold.

use lab_model::validate::{validate, Positions, Severity};
use lab_model::SiteData;

use super::markup::unlink;
use super::posts::Post;
use super::report::{Origin, Report};

/// Where each item of the data came from, section by section, in the data's order.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub members: Vec<Origin>,
    pub publications: Vec<Origin>,
    pub news: Vec<Origin>,
    pub projects: Vec<Origin>,
}

/// `members[3].links.homepage` → `("members", Some(3), "links.homepage")`.
fn split_path(path: &str) -> (&str, Option<usize>, &str) {
    let (section, rest) = match path.find(['[', '.']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    if let Some(after) = rest.strip_prefix('[') {
        if let Some(close) = after.find(']') {
            let index = after[..close].parse().ok();
            let rest = after[close + 1..].trim_start_matches('.');
            return (section, index, rest);
        }
    }
    (section, None, rest.trim_start_matches('.'))
}

/// The index in `field[j]`.
fn index_in(rest: &str, field: &str) -> Option<usize> {
    rest.strip_prefix(field)?
        .strip_prefix('[')?
        .split(']')
        .next()?
        .parse()
        .ok()
}

fn remove_at<T>(list: &mut Vec<T>, i: usize) -> bool {
    if i < list.len() {
        list.remove(i);
        true
    } else {
        false
    }
}

/// Fixes the data until it has no errors (at most a few rounds; each leaves something out).
/// Returns false when errors remain.
pub fn fix_errors(
    data: &mut SiteData,
    origins: &mut Origins,
    posts: &mut [Post],
    report: &mut Report,
) -> bool {
    for _ in 0..64 {
        let problems: Vec<_> = validate(data, &Positions::identity(data))
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        if problems.is_empty() {
            clean_posts(data, posts, report);
            return true;
        }
        // One fix per item and round, from the last item back, so indices stay right.
        let mut fixes: Vec<(&str, usize, String, String)> = Vec::new();
        let mut lab_fixes: Vec<(String, String)> = Vec::new();
        for p in &problems {
            let (section, index, rest) = split_path(&p.path);
            match index {
                Some(i) if !fixes.iter().any(|(s, j, _, _)| *s == section && *j == i) => {
                    let section: &str = match section {
                        "members" => "members",
                        "publications" => "publications",
                        "news" => "news",
                        "projects" => "projects",
                        "topics" => "topics",
                        _ => continue,
                    };
                    fixes.push((section, i, rest.to_string(), p.message.clone()));
                }
                None if section == "lab" => lab_fixes.push((rest.to_string(), p.message.clone())),
                _ => {}
            }
        }
        fixes.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)));
        for (field, message) in lab_fixes {
            let at = Origin::new("_config.yaml", 0);
            let l = &mut data.lab;
            match field.as_str() {
                "logo" => l.logo = None,
                "icon" => l.icon = None,
                "header_image" => l.header_image = None,
                "share_image" => l.share_image = None,
                f if f.starts_with("links.") => {
                    let links = &mut l.links;
                    match f.strip_prefix("links.").unwrap_or("") {
                        "homepage" => links.homepage = None,
                        "email" => links.email = None,
                        "github" => links.github = None,
                        "scholar" => links.scholar = None,
                        "linkedin" => links.linkedin = None,
                        "twitter" => links.twitter = None,
                        _ => links.orcid = None,
                    }
                }
                "description" => {
                    l.description = unlink(&unlink(&l.description, "/members/"), "/projects/")
                }
                "name" | "short_name" | "institution" => {
                    let fallback = if l.name.trim().is_empty() {
                        "Lab".to_string()
                    } else {
                        l.name.trim().to_string()
                    };
                    match field.as_str() {
                        "name" => l.name = fallback,
                        "short_name" => l.short_name = fallback,
                        _ => l.institution = String::new(),
                    }
                }
                _ => {}
            }
            report.not_carried(at, format!("lab.{field}: {message}; left out"));
        }
        for (section, i, rest, message) in fixes {
            let field_note = |report: &mut Report, at: Origin, what: &str| {
                report.not_carried(at, format!("{section}[{i}].{rest}: {message}; {what}"));
            };
            match section {
                "members" => {
                    let at = origins.members.get(i).cloned().unwrap_or_default();
                    let Some(m) = data.members.get_mut(i) else {
                        continue;
                    };
                    let r = rest.as_str();
                    if let Some(key) = r.strip_prefix("links.") {
                        match key {
                            "homepage" => m.links.homepage = None,
                            "email" => m.links.email = None,
                            "github" => m.links.github = None,
                            "scholar" => m.links.scholar = None,
                            "linkedin" => m.links.linkedin = None,
                            "twitter" => m.links.twitter = None,
                            _ => m.links.orcid = None,
                        }
                        field_note(report, at, "the link was left out");
                    } else if r == "photo" {
                        m.photo = None;
                        field_note(report, at, "the photo was left out");
                    } else if r == "bio" {
                        let fixed = unlink(
                            &unlink(m.bio.as_deref().unwrap_or(""), "/members/"),
                            "/projects/",
                        );
                        m.bio = (fixed != m.bio.clone().unwrap_or_default()).then_some(fixed);
                        field_note(report, at, "its links were made text (or the bio left out)");
                    } else if let Some(j) = index_in(r, "aliases") {
                        remove_at(&mut m.aliases, j);
                        field_note(report, at, "the alias was left out");
                    } else {
                        data.members.remove(i);
                        remove_at(&mut origins.members, i);
                        field_note(report, at, "the member was left out");
                    }
                }
                "publications" => {
                    let at = origins.publications.get(i).cloned().unwrap_or_default();
                    let Some(p) = data.publications.get_mut(i) else {
                        continue;
                    };
                    let r = rest.as_str();
                    if r == "url" || r == "image" || r == "doi" || r == "arxiv" || r == "pmid" {
                        match r {
                            "url" => p.url = None,
                            "image" => p.image = None,
                            "doi" => p.doi = None,
                            "arxiv" => p.arxiv = None,
                            _ => p.pmid = None,
                        }
                        field_note(report, at, "the field was left out");
                    } else if let Some(j) = index_in(r, "links") {
                        remove_at(&mut p.links, j);
                        field_note(report, at, "the link was left out");
                    } else if let Some(j) = index_in(r, "topics") {
                        remove_at(&mut p.topics, j);
                        field_note(report, at, "the topic was left out");
                    } else if let Some(j) = index_in(r, "authors").filter(|_| p.authors.len() > 1) {
                        remove_at(&mut p.authors, j);
                        field_note(report, at, "the author was left out");
                    } else {
                        data.publications.remove(i);
                        remove_at(&mut origins.publications, i);
                        field_note(report, at, "the publication was left out");
                    }
                }
                "news" => {
                    let at = origins.news.get(i).cloned().unwrap_or_default();
                    let Some(n) = data.news.get_mut(i) else {
                        continue;
                    };
                    let r = rest.as_str();
                    if let Some(j) = index_in(r, "topics") {
                        remove_at(&mut n.topics, j);
                        field_note(report, at, "the topic was left out");
                    } else if let Some(j) = index_in(r, "members") {
                        remove_at(&mut n.members, j);
                        field_note(report, at, "the reference was left out");
                    } else if r == "text"
                        && (message.contains("/members/") || message.contains("/projects/"))
                    {
                        n.text = unlink(&unlink(&n.text, "/members/"), "/projects/");
                        n.members.clear();
                        field_note(report, at, "its profile and project links were made text");
                    } else {
                        data.news.remove(i);
                        remove_at(&mut origins.news, i);
                        field_note(report, at, "the item was left out");
                    }
                }
                "projects" => {
                    let at = origins.projects.get(i).cloned().unwrap_or_default();
                    let Some(p) = data.projects.get_mut(i) else {
                        continue;
                    };
                    let r = rest.as_str();
                    if r == "image" {
                        p.image = None;
                        field_note(report, at, "the picture was left out");
                    } else if let Some(j) = index_in(r, "links") {
                        remove_at(&mut p.links, j);
                        field_note(report, at, "the link was left out");
                    } else if let Some(j) = index_in(r, "topics") {
                        remove_at(&mut p.topics, j);
                        field_note(report, at, "the topic was left out");
                    } else if let Some(j) = index_in(r, "members") {
                        remove_at(&mut p.members, j);
                        field_note(report, at, "the reference was left out");
                    } else if let Some(j) = index_in(r, "publications") {
                        remove_at(&mut p.publications, j);
                        field_note(report, at, "the reference was left out");
                    } else if r == "description"
                        && (message.contains("/members/") || message.contains("/projects/"))
                    {
                        p.description = unlink(&unlink(&p.description, "/members/"), "/projects/");
                        field_note(report, at, "its profile and project links were made text");
                    } else {
                        data.projects.remove(i);
                        remove_at(&mut origins.projects, i);
                        field_note(report, at, "the project was left out");
                    }
                }
                _ => {
                    if remove_at(&mut data.topics, i) {
                        report.not_carried(
                            Origin::default(),
                            format!("topics[{i}]: {message}; the topic was left out"),
                        );
                    }
                }
            }
        }
    }
    false
}

/// Posts refer to members and topics by slug: references to ones the data does not have are
/// left out (reported).
fn clean_posts(data: &SiteData, posts: &mut [Post], report: &mut Report) {
    for post in posts.iter_mut() {
        let at = post.at.clone();
        post.authors.retain(|a| {
            let ok = data.members.iter().any(|m| m.slug == *a);
            if !ok {
                report.not_carried(
                    at.clone(),
                    format!(
                        "post {}: the author {a} is not in the data; left out of the byline",
                        post.slug
                    ),
                );
            }
            ok
        });
        post.topics
            .retain(|t| data.topics.iter().any(|x| x.slug == *t));
        if let Some(img) = &post.image {
            if lab_model::images::ImageRef::classify(img).is_none() {
                post.image = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paths() {
        assert_eq!(
            split_path("members[3].links.homepage"),
            ("members", Some(3), "links.homepage")
        );
        assert_eq!(split_path("lab.logo"), ("lab", None, "logo"));
        assert_eq!(split_path("news[0]"), ("news", Some(0), ""));
        assert_eq!(index_in("authors[2]", "authors"), Some(2));
        assert_eq!(index_in("links[1].url", "links"), Some(1));
        assert_eq!(index_in("title", "authors"), None);
    }
}
