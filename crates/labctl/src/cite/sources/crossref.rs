//! Crossref's REST API, `GET /works/{doi}` (<https://api.crossref.org/swagger-ui/index.html>;
//! the fields are those of its JSON format, `api_format.md` in `CrossRef/rest-api-doc`): the
//! answer is `{"status": "ok", "message-type": "work", "message": {…}}`, the work holding `DOI`,
//! `type`, `title` and `container-title` (lists of strings), `author` (`given`, `family`, or
//! `name` for an organisation), `issued` (`date-parts`, `[[year, month, day]]` as far as known),
//! `institution`, `publisher`, `event` and `relation` (`has-preprint`).

use serde_json::Value;

use super::super::config::Source;
use super::super::http::Failure;
use super::super::record::{partial_date, Ids, Record};
use super::super::text::plain;
use super::{encode, json, person, text_at};
use crate::bibtex_import::{arxiv_of_doi, bare_arxiv};

/// The URL of a work, with Crossref's `mailto` for its polite pool.
pub fn url(base: &str, doi: &str, mailto: Option<&str>) -> String {
    let polite = mailto
        .map(|m| format!("?mailto={}", encode(m, false)))
        .unwrap_or_default();
    format!("{base}/works/{}{polite}", encode(doi, true))
}

/// The record of the work in Crossref's answer about `doi`.
pub fn parse(body: &str, doi: &str) -> Result<Record, Failure> {
    let root = json(Source::Crossref, body)?;
    let bad = |why: &str| Failure::new(Source::Crossref, format!("its answer about {doi} {why}"));
    let work = root
        .get("message")
        .filter(|m| m.is_object())
        .ok_or_else(|| bad("has no `message` object"))?;
    let title = first(work, "title").ok_or_else(|| bad("has no title"))?;
    let title = match first(work, "subtitle") {
        Some(sub) if !title.to_lowercase().contains(&sub.to_lowercase()) => {
            format!("{title}: {sub}")
        }
        _ => title,
    };
    let kind = text_at(work, &["type"]).unwrap_or("").to_string();
    let authors = work
        .get("author")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    person(
                        text_at(a, &["given"]),
                        text_at(a, &["family"]),
                        text_at(a, &["name"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let venue = if kind == "posted-content" {
        text_at(work, &["institution", "0", "name"])
            .map(plain)
            .or_else(|| text_at(work, &["publisher"]).map(plain))
    } else if kind == "book-chapter" {
        // A chapter in a series lists the series first and its own book (the proceedings) last.
        all(work, "container-title")
            .pop()
            .or_else(|| text_at(work, &["publisher"]).map(plain))
    } else {
        first(work, "container-title")
            .or_else(|| text_at(work, &["event", "name"]).map(plain))
            .or_else(|| text_at(work, &["publisher"]).map(plain))
    };
    let date = ["issued", "published-print", "published-online", "created"]
        .iter()
        .map(|field| date_parts(work.get(field)))
        .find(|d| !d.is_empty())
        .unwrap_or_default();
    let arxiv = work
        .pointer("/relation/has-preprint")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|r| {
            let id = text_at(r, &["id"])?;
            match text_at(r, &["id-type"])? {
                "arxiv" => bare_arxiv(id),
                "doi" => arxiv_of_doi(id),
                _ => None,
            }
        });
    Ok(Record {
        source: "Crossref".to_string(),
        kind: if kind == "posted-content" {
            "preprint".to_string()
        } else {
            kind
        },
        title,
        authors,
        venue: venue.unwrap_or_default(),
        date,
        ids: Ids {
            doi: Some(text_at(work, &["DOI"]).unwrap_or(doi).to_string()),
            arxiv,
            pmid: None,
        },
    })
}

/// The non-empty strings of a list field, as plain text.
fn all(work: &Value, field: &str) -> Vec<String> {
    work.get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(plain)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The first non-empty string of a list field, as plain text.
fn first(work: &Value, field: &str) -> Option<String> {
    all(work, field).into_iter().next()
}

/// `YYYY[-MM[-DD]]` of a Crossref date (`{"date-parts": [[2024, 7, 10]]}`); empty when absent.
fn date_parts(date: Option<&Value>) -> String {
    let parts = date
        .and_then(|d| d.pointer("/date-parts/0"))
        .and_then(Value::as_array);
    let Some(parts) = parts else {
        return String::new();
    };
    let n = |i: usize| parts.get(i).and_then(Value::as_i64);
    match n(0) {
        Some(year) => partial_date(year, n(1), n(2)),
        None => String::new(),
    }
}
