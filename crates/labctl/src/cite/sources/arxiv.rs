//! The arXiv API, `GET /query?id_list={id}` (<https://info.arxiv.org/help/api/user-manual.html>):
//! an Atom feed whose `entry` holds `id` (`http://arxiv.org/abs/2403.02310v3`, the latest
//! version when the query names none), `title`, `author/name`, `published` (version 1) and
//! `updated` (this version), and in the `http://arxiv.org/schemas/atom` namespace `doi` (the
//! published version's DOI, when the authors gave it) and `journal_ref`. An unknown id gives a
//! feed without entries, or an entry titled `Error` whose `summary` says why.

use roxmltree::{Document, Node};

use super::super::config::Source;
use super::super::http::Failure;
use super::super::record::{Ids, Record};
use super::super::text::plain;
use super::encode;
use crate::bibtex_import::{arxiv_of_doi, bare_arxiv, bare_doi};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const ARXIV: &str = "http://arxiv.org/schemas/atom";

/// The URL of one paper's entry (its latest version).
pub fn url(base: &str, id: &str) -> String {
    format!("{base}/query?id_list={}&max_results=1", encode(id, true))
}

/// The record of the paper `id` in arXiv's answer: venue `arXiv`, the latest version's date, and
/// the published version's DOI when arXiv knows it (arXiv's own DOI, `10.48550/arXiv.…`, is not
/// one).
pub fn parse(body: &str, id: &str) -> Result<Record, Failure> {
    let bad = |why: String| Failure::new(Source::Arxiv, why);
    if body.trim_start().starts_with('{') {
        return Err(bad("answered with JSON instead of an Atom feed".to_string()));
    }
    let doc = Document::parse(body).map_err(|e| {
        bad(format!(
            "the answer is not a well-formed Atom feed (cut short?): {e}"
        ))
    })?;
    let feed = doc.root_element();
    if !feed.has_tag_name((ATOM, "feed")) {
        return Err(bad(format!(
            "the answer is not an Atom feed (its root is <{}>)",
            feed.tag_name().name()
        )));
    }
    let Some(entry) = feed.children().find(|n| n.has_tag_name((ATOM, "entry"))) else {
        return Err(Failure {
            source: Source::Arxiv,
            reason: format!("has no paper {id}"),
            not_found: true,
        });
    };
    let child = |ns: &str, name: &str| -> Option<String> {
        entry
            .children()
            .find(|n| n.has_tag_name((ns, name)))
            .map(text)
            .filter(|t| !t.is_empty())
    };
    let title = child(ATOM, "title").unwrap_or_default();
    let entry_id = child(ATOM, "id").unwrap_or_default();
    if title == "Error" || entry_id.contains("/api/errors") {
        let why = child(ATOM, "summary").unwrap_or_else(|| "no reason given".to_string());
        return Err(Failure {
            source: Source::Arxiv,
            reason: format!("refused the id {id}: {why}"),
            not_found: true,
        });
    }
    let found = entry_id
        .rsplit_once("/abs/")
        .and_then(|(_, rest)| bare_arxiv(rest));
    if found.as_deref() != Some(id) {
        return Err(bad(format!("answered about {entry_id:?} instead of {id}")));
    }
    if title.is_empty() {
        return Err(bad(format!("its entry for {id} has no title")));
    }
    let authors = entry
        .children()
        .filter(|n| n.has_tag_name((ATOM, "author")))
        .filter_map(|a| a.children().find(|n| n.has_tag_name((ATOM, "name"))))
        .map(text)
        .filter(|n| !n.is_empty())
        .collect();
    let date = child(ATOM, "updated")
        .or_else(|| child(ATOM, "published"))
        .and_then(|d| d.get(..10).map(str::to_string))
        .filter(|d| crate::bibtex_import::iso_date(d).is_some())
        .unwrap_or_default();
    let doi = child(ARXIV, "doi")
        .and_then(|d| bare_doi(&d))
        .filter(|d| arxiv_of_doi(d).is_none());
    Ok(Record {
        source: "arXiv".to_string(),
        kind: "preprint".to_string(),
        title,
        authors,
        venue: "arXiv".to_string(),
        date,
        ids: Ids {
            doi,
            arxiv: Some(id.to_string()),
            pmid: None,
        },
    })
}

/// The element's text, markup-free and on one line.
fn text(node: Node<'_, '_>) -> String {
    let raw: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    plain(&raw)
}
