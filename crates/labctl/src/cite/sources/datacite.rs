//! DataCite's REST API, `GET /dois/{doi}` (<https://support.datacite.org/docs/api-get-doi>), for
//! the DOIs of datasets and software that Crossref does not hold: a JSON:API document
//! `{"data": {"id", "type": "dois", "attributes": {…}}}` whose attributes hold `doi`, `titles`
//! (`[{"title"}]`), `creators` (`name`, `givenName`, `familyName`, `nameType`), `publisher` (a
//! string, or `{"name"}`), `container` (`{"title"}`), `publicationYear`, `dates`
//! (`[{"date", "dateType"}]`) and `types` (`resourceTypeGeneral`).

use serde_json::Value;

use super::super::config::Source;
use super::super::http::Failure;
use super::super::record::{Ids, Record};
use super::super::text::plain;
use super::{encode, json, person, text_at};

/// DOI prefixes only DataCite registers (Zenodo, figshare, Dryad, the Open Science Framework,
/// PANGAEA): cite asks DataCite first for them, and Crossref first for any other.
pub const PREFIXES: [&str; 5] = ["10.5281/", "10.6084/", "10.5061/", "10.17605/", "10.1594/"];

/// The URL of a DOI's record.
pub fn url(base: &str, doi: &str) -> String {
    format!("{base}/dois/{}", encode(doi, true))
}

/// The record in DataCite's answer about `doi`.
pub fn parse(body: &str, doi: &str) -> Result<Record, Failure> {
    let root = json(Source::DataCite, body)?;
    let bad = |why: &str| Failure::new(Source::DataCite, format!("its answer about {doi} {why}"));
    let a = root
        .pointer("/data/attributes")
        .filter(|a| a.is_object())
        .ok_or_else(|| bad("has no `data.attributes` object"))?;
    let title = a
        .get("titles")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|t| t.get("titleType").is_none_or(Value::is_null))
        .find_map(|t| text_at(t, &["title"]))
        .map(plain)
        .ok_or_else(|| bad("has no title"))?;
    let authors = a
        .get("creators")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let personal = text_at(c, &["nameType"]) != Some("Organizational");
            let name = text_at(c, &["name"]).map(|n| match n.split_once(", ") {
                Some((family, given)) if personal => format!("{given} {family}"),
                _ => n.to_string(),
            });
            person(
                text_at(c, &["givenName"]),
                text_at(c, &["familyName"]),
                name.as_deref(),
            )
        })
        .collect();
    let venue = text_at(a, &["container", "title"])
        .or_else(|| text_at(a, &["publisher"]))
        .or_else(|| text_at(a, &["publisher", "name"]))
        .map(plain)
        .unwrap_or_default();
    let year = match a.get("publicationYear") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let issued = a
        .get("dates")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|d| text_at(d, &["dateType"]) == Some("Issued"))
        .find_map(|d| text_at(d, &["date"]))
        .and_then(crate::bibtex_import::iso_date)
        .filter(|d| year.is_none_or(|y| i64::from(d.year) == y));
    let date = match (issued, year) {
        (Some(d), _) => super::super::record::partial_date(
            i64::from(d.year),
            d.month.map(i64::from),
            d.day.map(i64::from),
        ),
        (None, Some(y)) => super::super::record::partial_date(y, None, None),
        (None, None) => String::new(),
    };
    let kind = text_at(a, &["types", "resourceTypeGeneral"])
        .unwrap_or("")
        .to_ascii_lowercase();
    Ok(Record {
        source: "DataCite".to_string(),
        kind,
        title,
        authors,
        venue,
        date,
        ids: Ids {
            doi: Some(text_at(a, &["doi"]).unwrap_or(doi).to_string()),
            ..Ids::default()
        },
    })
}
