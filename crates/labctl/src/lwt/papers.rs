//! Publications from `_data/citations.yaml`, the list LWT's cite process generates, with the
//! hand-written fields of `_data/sources.yaml` where an entry of `citations.yaml` lacks them.
//! Identifiers are read with `import-bibtex`'s readers (DOI and arXiv ids in ids and links), ids
//! are made as it makes them, and the same paper listed twice (by DOI, arXiv id or title, the
//! keys `labctl check` compares) keeps its first entry. Thumbnails, buttons (as typed links) and
//! tags (as topics) follow.

use std::collections::{BTreeMap, BTreeSet};

use lab_model::validate::{arxiv_key, doi_key, title_key};
use lab_model::{PubLink, Publication, SiteData};
use serde_norway::Value;

use crate::bibtex_import::{
    arxiv_of_doi, arxiv_of_url, bare_arxiv, bare_doi, doi_of_url, iso_date, new_id, BibDate,
};

use super::clean::{clean_line, date_of, web_url, years_in_text};
use super::images::Images;
use super::markup::Types;
use super::report::{Origin, Report};
use super::source::{get, list, load_yaml_list, scalar, text, Repo};
use super::topics::Vocabulary;

/// An LWT button type → the new site's link type.
pub(super) fn link_type(kind: &str) -> &'static str {
    match kind.to_lowercase().as_str() {
        "paper" | "article" | "journal" | "book" | "publication" | "manuscript" => "paper",
        "pdf" => "pdf",
        "preprint" | "unpublished" | "arxiv" | "biorxiv" | "medrxiv" => "preprint",
        "code" | "source" | "github" | "gitlab" | "repo" | "repository" | "package"
        | "software" => "code",
        "data" | "dataset" | "database" => "data",
        "slides" | "presentation" => "slides",
        "video" | "youtube" | "talk" | "recording" => "video",
        "poster" => "poster",
        "project" => "project",
        "blog" | "post" | "news" => "blog",
        "demo" | "app" | "server" | "notebook" | "colab" => "demo",
        "docs" | "documentation" => "docs",
        _ => "website",
    }
}

/// The label LWT showed for a button, when the new type's own label would not say the same.
fn link_label(kind: &str, text: Option<&str>, types: &Types) -> Option<String> {
    let ours = lab_model::LINK_TYPES
        .iter()
        .find(|(k, _)| *k == link_type(kind))
        .map(|(_, l)| *l)
        .unwrap_or("");
    let shown = text
        .map(str::to_string)
        .or_else(|| types.get(kind).and_then(|t| t.text.clone()))
        .filter(|t| !t.trim().is_empty())?;
    (!shown.eq_ignore_ascii_case(ours)).then_some(shown)
}

/// One LWT citation with its `sources.yaml` fallbacks, and where it came from.
struct Citation {
    key: String,
    at: Origin,
    fields: Value,
    fallback: Option<Value>,
}

impl Citation {
    fn get(&self, key: &str) -> Option<&Value> {
        get(&self.fields, key)
            .filter(|v| !matches!(v, Value::Null))
            .or_else(|| self.fallback.as_ref().and_then(|f| get(f, key)))
            .filter(|v| !matches!(v, Value::Null))
    }

    fn text(&self, key: &str) -> Option<String> {
        self.get(key)
            .and_then(scalar)
            .filter(|s| !s.trim().is_empty())
    }
}

/// One citation, read and cleaned, before the same paper listed twice is told apart.
struct Candidate {
    key: String,
    at: Origin,
    title: String,
    authors: Vec<String>,
    venue: Option<String>,
    date: BibDate,
    doi: Option<String>,
    arxiv: Option<String>,
    pmid: Option<String>,
    url: Option<String>,
    image: Option<String>,
    links: Vec<PubLink>,
    topics: Vec<String>,
    featured: bool,
}

/// The date of an arXiv id (`2407.06167` → 2024-07-01).
pub(super) fn arxiv_month(id: &str) -> Option<BibDate> {
    let yymm = id.get(..4)?;
    let yy: i32 = yymm.get(..2)?.parse().ok()?;
    let mm: u8 = yymm.get(2..)?.parse().ok()?;
    ((1..=12).contains(&mm) && id.as_bytes().get(4) == Some(&b'.')).then_some(BibDate {
        year: 2000 + yy,
        month: Some(mm),
        day: None,
    })
}

/// Reads the citations (and sources) and merges them into `data`, whose members are already
/// there. `previous_ids` keeps the ids a previous import gave (source key → id).
#[allow(clippy::too_many_arguments)]
pub fn import(
    repo: &mut Repo,
    data: &mut SiteData,
    types: &Types,
    images: &mut Images,
    vocabulary: &mut Vocabulary,
    previous_ids: &BTreeMap<String, String>,
    lab_name: &str,
    report: &mut Report,
) -> (BTreeMap<String, String>, Vec<Origin>) {
    // LWT 1.x names them citations.yaml and sources.yaml; LWT 0.x research-output.yml and
    // research-input.yml (or research.yaml).
    let first_file = |names: &[&str]| {
        names
            .iter()
            .find(|n| repo.is_file(n))
            .map(|n| n.to_string())
    };
    let sources_file = first_file(&[
        "_data/sources.yaml",
        "_data/sources.yml",
        "_data/research-input.yml",
        "_data/research-input.yaml",
        "_data/research.yaml",
        "_data/research.yml",
    ]);
    let citations_file = first_file(&[
        "_data/citations.yaml",
        "_data/citations.yml",
        "_data/research-output.yml",
        "_data/research-output.yaml",
    ]);
    let sources: Vec<(Value, Origin)> = match sources_file
        .as_deref()
        .and_then(|f| repo.read(f, report).map(|t| (f, t)))
    {
        Some((f, t)) => load_yaml_list(&t, f, report),
        None => Vec::new(),
    };
    let mut by_id: BTreeMap<String, (Value, Origin)> = BTreeMap::new();
    for (v, at) in &sources {
        if let Some(id) = text(v, "id") {
            let id = id.trim().to_string();
            if let Some((_, first)) = by_id.get(&id) {
                report.changed(
                    at.clone(),
                    format!("the id {id} is listed twice in sources.yaml (first at line {}); LWT kept this one, as does the import", first.line),
                );
            }
            by_id.insert(id, (v.clone(), at.clone()));
        }
    }
    let citations_text = citations_file
        .as_deref()
        .and_then(|f| repo.read(f, report).map(|t| (f.to_string(), t)));
    let mut citations: Vec<Citation> = Vec::new();
    match citations_text {
        Some((file, t)) => {
            for (i, (v, at)) in load_yaml_list(&t, &file, report).into_iter().enumerate() {
                let id = text(&v, "id").map(|s| s.trim().to_string());
                let fallback = id
                    .as_ref()
                    .and_then(|id| by_id.get(id))
                    .map(|(v, _)| v.clone());
                citations.push(Citation {
                    key: id.unwrap_or_else(|| format!("citations.yaml#{}", i + 1)),
                    at,
                    fields: v,
                    fallback,
                });
            }
            // Sources the cite process has not resolved yet (citations.yaml is older).
            let known: Vec<String> = citations.iter().map(|c| c.key.clone()).collect();
            for (id, (v, at)) in &by_id {
                if !known.contains(id) {
                    if text(v, "title").is_some() {
                        citations.push(Citation {
                            key: id.clone(),
                            at: at.clone(),
                            fields: v.clone(),
                            fallback: None,
                        });
                    } else {
                        report.not_carried(
                            at.clone(),
                            format!("the source {id} is not in citations.yaml (LWT's cite process has not run since it was added), and it has no title of its own; run the cite process or add it by hand"),
                        );
                    }
                }
            }
        }
        None => {
            for (i, (v, at)) in sources.iter().enumerate() {
                match text(v, "title") {
                    Some(_) => citations.push(Citation {
                        key: text(v, "id").unwrap_or_else(|| format!("sources.yaml#{}", i + 1)),
                        at: at.clone(),
                        fields: v.clone(),
                        fallback: None,
                    }),
                    None => report.not_carried(
                        at.clone(),
                        format!("{}: there is no citations.yaml (LWT's cite process never ran), and this source has no title; add it by hand or with labctl import-bibtex", text(v, "id").unwrap_or_default()),
                    ),
                }
            }
        }
    }
    for extra in ["orcid.yaml", "pubmed.yaml", "google-scholar.yaml"] {
        let file = format!("_data/{extra}");
        if repo.is_file(&file) && citations_file.is_none() {
            report.not_carried(
                Origin::new(&file, 0),
                "the works of these ids come from web services through LWT's cite process, which never ran here (no citations.yaml); the lab's ORCID ids are kept for labctl cite",
            );
        }
    }

    // For entries with no date at all: the day git first saw their title, else the day the
    // file was last changed.
    let citations_file = citations_file
        .as_deref()
        .or(sources_file.as_deref())
        .unwrap_or("_data/citations.yaml");
    let history = super::git::first_dates(&repo.root, citations_file).ok();
    let file_text = std::fs::read_to_string(repo.path(citations_file)).unwrap_or_default();
    let modified = std::fs::metadata(repo.path(citations_file))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| {
            lab_model::date::Date::from_unix_days(i64::try_from(d.as_secs() / 86_400).unwrap_or(0))
        });
    let file_date = |title: &str| -> Option<(BibDate, String)> {
        let line = file_text.lines().find(|l| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.starts_with("title:") && t.contains(title)
        });
        let from_git = line
            .and_then(|l| history.as_ref()?.get(&super::git::line_key(l)))
            .and_then(|d| lab_model::date::Date::parse(d))
            .map(|d| (d, format!("the day git first saw it in {citations_file}")));
        from_git
            .or_else(|| modified.map(|d| (d, format!("the day {citations_file} was last changed"))))
            .map(|(d, how)| {
                (
                    BibDate {
                        year: d.year,
                        month: Some(d.month),
                        day: Some(d.day),
                    },
                    how,
                )
            })
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut used_keys: BTreeMap<String, usize> = BTreeMap::new();
    for c in &citations {
        if c.text("remove").is_some_and(|r| r == "true") {
            report.not_carried(
                c.at.clone(),
                format!("{}: marked remove: true, as on the old site", c.key),
            );
            continue;
        }
        let mut key = c.key.clone();
        if let Some(n) = used_keys.get_mut(&key) {
            *n += 1;
            key = format!("{key}#{n}");
        } else {
            used_keys.insert(key.clone(), 1);
        }
        let at = c.at.clone();
        let what = format!("publication {}", c.key);
        let Some(raw_title) = c.text("title") else {
            report.not_carried(
                at,
                format!("{what}: no title, so it cannot be listed; add it by hand"),
            );
            continue;
        };
        let (title, why) = clean_line(&raw_title);
        report.value_changed(&at, &format!("{what}: title"), &raw_title, &title, &why);
        let mut authors: Vec<String> = Vec::new();
        let raw_authors = list(c.get("authors"));
        let raw_authors = if raw_authors.len() == 1 && raw_authors[0].contains(',') {
            raw_authors[0]
                .split([',', ';'])
                .flat_map(|a| a.split(" and "))
                .map(str::to_string)
                .collect()
        } else {
            raw_authors
        };
        let mut renamed: Vec<(String, String, Vec<String>)> = Vec::new();
        for a in raw_authors {
            let (name, why) = clean_line(&a);
            if name != a && !why.is_empty() {
                renamed.push((a.clone(), name.clone(), why));
            }
            if !name.is_empty() {
                authors.push(name);
            }
        }
        if renamed.len() <= 2 {
            for (old, new, why) in &renamed {
                report.value_changed(&at, &format!("{what}: author"), old, new, why);
            }
        } else {
            let mut reasons: Vec<String> = renamed.iter().flat_map(|(_, _, w)| w.clone()).collect();
            reasons.sort();
            reasons.dedup();
            report.changed(
                at.clone(),
                format!(
                    "{what}: {} author names cleaned ({}), such as {:?} → {:?}",
                    renamed.len(),
                    reasons.join("; "),
                    renamed[0].0,
                    renamed[0].1
                ),
            );
        }
        if authors.is_empty() {
            report.changed(
                at.clone(),
                format!("{what}: no authors in the old site; the lab's name ({lab_name}) stands in until you add them"),
            );
            authors.push(lab_name.to_string());
        }
        let venue = c
            .text("publisher")
            .or_else(|| c.text("journal"))
            .or_else(|| c.text("venue"))
            .map(|v| {
                let (clean, why) = clean_line(&v);
                report.value_changed(&at, &format!("{what}: venue"), &v, &clean, &why);
                clean
            });
        // Identifiers, from the id and from the link.
        let id = c.key.clone();
        let (scheme, value) = id.split_once(':').unwrap_or(("", id.as_str()));
        let value = value.trim();
        let mut doi = None;
        let mut arxiv = None;
        let mut pmid = None;
        let mut url = None;
        match scheme.to_lowercase().as_str() {
            "doi" => match bare_doi(value) {
                Some(d) => match arxiv_of_doi(&d) {
                    Some(a) => arxiv = Some(a),
                    None => doi = Some(d),
                },
                None => report.changed(
                    at.clone(),
                    format!("{what}: {value:?} is not a DOI; not kept as one"),
                ),
            },
            "arxiv" => arxiv = bare_arxiv(value),
            "pmid" | "pubmed" => {
                pmid = value
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| value.to_string())
            }
            "url" | "http" | "https" => {
                url = web_url(if scheme == "url" { value } else { &id }).map(|(u, _)| u)
            }
            _ => doi = bare_doi(&id),
        }
        if let Some(link) = c.text("link") {
            match web_url(&link) {
                Some((u, why)) => {
                    if let Some(why) = why {
                        report.changed(at.clone(), format!("{what}: link {link:?}: {why}"));
                    }
                    url = Some(u);
                }
                None => report.not_carried(
                    at.clone(),
                    format!("{what}: the link {link:?} is a file or page of the old site; put it online elsewhere and add its address"),
                ),
            }
        }
        // The date: as written, or the month of an arXiv id, or a year in the venue.
        let date = match c.get("date").and_then(date_of) {
            Some((d, note)) => {
                if let Some(n) = note {
                    report.changed(at.clone(), format!("{what}: {n}"));
                }
                iso_date(&d)
            }
            None => {
                let guess = arxiv
                    .as_deref()
                    .and_then(arxiv_month)
                    .map(|d| (d, "the month of its arXiv id"))
                    .or_else(|| {
                        venue
                            .as_deref()
                            .and_then(|v| years_in_text(v).into_iter().next())
                            .map(|y| {
                                (
                                    BibDate {
                                        year: y,
                                        month: None,
                                        day: None,
                                    },
                                    "the year in its venue",
                                )
                            })
                    });
                match guess {
                    Some((d, from)) => {
                        report.changed(
                            at.clone(),
                            format!(
                                "{what}: no date in the old site; dated from {from} ({}{})",
                                d.year,
                                d.month.map(|m| format!("-{m:02}")).unwrap_or_default()
                            ),
                        );
                        Some(d)
                    }
                    None => None,
                }
            }
        };
        let date = match date {
            Some(d) => Some(d),
            None => {
                let found = file_date(&raw_title);
                match &found {
                    Some((d, how)) => report.changed(
                        at.clone(),
                        format!("{what} ({title}): no date in the old site (LWT lists it last); dated {:04}-{:02}-{:02}, {how}: set the real date", d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)),
                    ),
                    None => report.not_carried(at.clone(), format!("{what} ({title}): no date, so it cannot be placed among the publications; add it by hand with a date")),
                }
                found.map(|(d, _)| d)
            }
        };
        if date.is_none() {
            continue;
        }
        let url_doi = url
            .as_deref()
            .and_then(doi_of_url)
            .filter(|d| arxiv_of_doi(d).is_none());
        let url_arxiv = url.as_deref().and_then(arxiv_of_url);
        let doi = doi.or(url_doi);
        let arxiv = arxiv.or(url_arxiv);
        let Some(date) = date else { continue };
        // Thumbnail, buttons, tags.
        let image = c
            .text("image")
            .and_then(|i| images.resolve(&i, None, &at, report));
        let mut links: Vec<PubLink> = Vec::new();
        let buttons = c
            .get("buttons")
            .or_else(|| c.get("extra-links"))
            .or_else(|| c.get("links"));
        if let Some(Value::Sequence(buttons)) = buttons {
            for b in buttons {
                let kind = text(b, "type").unwrap_or_else(|| "link".to_string());
                let Some(raw_link) = text(b, "link") else {
                    report.not_carried(
                        at.clone(),
                        format!("{what}: a {kind} button without a link was dropped"),
                    );
                    continue;
                };
                let resolved = web_url(&raw_link)
                    .map(|(u, _)| u)
                    .or_else(|| types.link_url(&kind, &raw_link));
                match resolved {
                    Some(u) if lab_model::markdown::Href::classify(&u).is_some() => {
                        if links.iter().any(|l| l.url == u) {
                            continue;
                        }
                        let label = link_label(&kind, text(b, "text").as_deref(), types);
                        links.push(PubLink {
                            kind: link_type(&kind).to_string(),
                            url: u,
                            label,
                        });
                    }
                    _ => report.not_carried(
                        at.clone(),
                        format!("{what}: the {kind} button's link {raw_link:?} is not an address the new site follows; dropped"),
                    ),
                }
            }
        }
        if let Some(repo_name) = c.text("repo") {
            let u = web_url(&repo_name).map_or_else(
                || format!("https://github.com/{}", repo_name.trim()),
                |(u, _)| u,
            );
            if !links
                .iter()
                .any(|l| l.url.trim_end_matches('/') == u.trim_end_matches('/'))
            {
                links.push(PubLink {
                    kind: "code".to_string(),
                    url: u,
                    label: None,
                });
            }
        }
        let topics: Vec<String> = super::source::tags(c.get("tags"))
            .iter()
            .filter_map(|t| vocabulary.add(t, &at, report))
            .collect();
        let featured = c
            .text("group")
            .is_some_and(|g| g.eq_ignore_ascii_case("featured"));
        if c.text("description").is_some() {
            report.not_carried(
                at.clone(),
                format!("{what}: its description has no place in a publication entry; left out"),
            );
        }
        candidates.push(Candidate {
            key,
            at,
            title,
            authors,
            venue,
            date,
            doi,
            arxiv,
            pmid,
            url,
            image,
            links,
            topics,
            featured,
        });
    }
    // One pass: the same paper twice (by DOI, arXiv id or title, as import-bibtex and labctl
    // check tell papers apart) keeps the first; ids as import-bibtex makes them, or the ones a
    // previous import gave.
    let site = lab_model::Site::new(data.clone());
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = data.publications.iter().map(|p| p.id.clone()).collect();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut origins: Vec<Origin> = Vec::new();
    for c in candidates {
        let keys = [
            ("DOI", c.doi.as_deref().map(doi_key)),
            ("arXiv id", c.arxiv.as_deref().map(arxiv_key)),
            ("title", Some(title_key(&c.title)).filter(|t| !t.is_empty())),
        ];
        let twin = keys.iter().find_map(|(what, k)| {
            k.as_ref()
                .and_then(|k| seen.get(&format!("{what}:{k}")))
                .map(|first| (*what, first.clone()))
        });
        if let Some((what, first)) = twin {
            report.not_carried(
                c.at.clone(),
                format!("publication {}: the same paper as entry {first} above (same {what}); left out, as on the old site's list it was a repeat", c.key),
            );
            continue;
        }
        for (what, k) in &keys {
            if let Some(k) = k {
                seen.insert(format!("{what}:{k}"), c.key.clone());
            }
        }
        let id = match previous_ids.get(&c.key) {
            Some(old) if !taken.contains(old) && lab_model::text::is_slug(old) => old.clone(),
            _ => new_id(&c.title, c.date.year, &taken),
        };
        taken.insert(id.clone());
        let venue = c.venue.clone().unwrap_or_else(|| {
            if c.arxiv.is_some() {
                "arXiv".to_string()
            } else {
                String::new()
            }
        });
        let publication: Result<Publication, _> = serde_json::from_value(serde_json::json!({
            "id": id,
            "title": c.title,
            "authors": c.authors,
            "venue": venue,
            "date": format!("{:04}-{:02}-{:02}", c.date.year, c.date.month.unwrap_or(1), c.date.day.unwrap_or(1)),
        }));
        let Ok(mut p) = publication else { continue };
        p.url = c.url;
        p.doi = c.doi;
        p.arxiv = c.arxiv;
        p.pmid = c.pmid;
        p.image = c.image;
        p.links = c.links;
        p.topics = c.topics;
        p.featured = c.featured;
        let mut members: Vec<String> = Vec::new();
        for a in &p.authors {
            if let Some(m) = site.member_by_name(a) {
                if !members.contains(&m.slug) {
                    members.push(m.slug.clone());
                }
            }
        }
        let members = if members.is_empty() {
            "no lab member among the authors".to_string()
        } else {
            format!("members {}", members.join(", "))
        };
        report.imported(
            c.at.clone(),
            format!(
                "publication {id} ({}; {members})",
                super::source::shorten(&p.title, 60)
            ),
        );
        ids.insert(c.key, id);
        origins.push(c.at);
        data.publications.push(p);
    }
    (ids, origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_button_types() {
        assert_eq!(link_type("source"), "code");
        assert_eq!(link_type("manubot"), "website");
        assert_eq!(link_type("Video"), "video");
        let types = Types::from_yaml(Some(
            &serde_norway::from_str("source:\n  text: Source\nmanubot:\n  text: Manubot\n")
                .unwrap(),
        ));
        assert_eq!(
            link_label("source", Some("Manuscript Source"), &types).as_deref(),
            Some("Manuscript Source")
        );
        assert_eq!(
            link_label("manubot", None, &types).as_deref(),
            Some("Manubot")
        );
        assert_eq!(link_label("code", None, &types), None);
        assert_eq!(link_label("video", Some("Video"), &types), None);
    }

    #[test]
    fn dates_from_ids_and_venues() {
        assert_eq!(
            arxiv_month("2407.06167"),
            Some(BibDate {
                year: 2024,
                month: Some(7),
                day: None
            })
        );
        assert_eq!(arxiv_month("cs/0112017"), None);
    }
}
