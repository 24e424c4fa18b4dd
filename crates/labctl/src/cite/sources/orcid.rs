//! ORCID's public API v3.0, `GET /{orcid}/works` with `Accept: application/json`
//! (<https://info.orcid.org/documentation/api-tutorials/api-tutorial-read-data-on-a-record/>;
//! the schema is `ORCID/orcid-model`'s `record_3.0`): `{"group": [{"external-ids":
//! {"external-id": [{"external-id-type": "doi", "external-id-value": "10.…",
//! "external-id-relationship": "self"}]}, "work-summary": [{"title": {"title": {"value": …}},
//! "type", "publication-date": {"year": {"value": "2024"}}, …}]}]}`. ORCID already groups the
//! copies of one work that share an identifier; each group is one [`WorkRef`].

use serde_json::Value;

use super::super::config::Source;
use super::super::http::Failure;
use super::super::record::{Ids, WorkRef};
use super::super::text::plain;
use super::{json, text_at};
use crate::bibtex_import::{arxiv_of_doi, arxiv_of_url, bare_arxiv, bare_doi};

/// The URL of an iD's works.
pub fn url(base: &str, orcid: &str) -> String {
    format!("{base}/{orcid}/works")
}

/// The works in ORCID's answer, one per group, in the record's order.
pub fn parse(body: &str, orcid: &str) -> Result<Vec<WorkRef>, Failure> {
    let root = json(Source::Orcid, body)?;
    let groups = root.get("group").and_then(Value::as_array).ok_or_else(|| {
        Failure::new(
            Source::Orcid,
            format!("its answer about {orcid} has no `group` list of works"),
        )
    })?;
    Ok(groups.iter().filter_map(work).collect())
}

/// One group's work: its own identifiers (relationship `self`; `version-of` and `part-of` name
/// other works), those of its summaries too, and the first summary's title.
fn work(group: &Value) -> Option<WorkRef> {
    let summaries = group.get("work-summary").and_then(Value::as_array);
    let title = summaries
        .into_iter()
        .flatten()
        .find_map(|s| text_at(s, &["title", "title", "value"]))
        .map(plain)
        .unwrap_or_default();
    let id_lists = std::iter::once(group)
        .chain(summaries.into_iter().flatten())
        .filter_map(|v| {
            v.pointer("/external-ids/external-id")
                .and_then(Value::as_array)
        });
    let mut out = WorkRef {
        title,
        ids: Ids::default(),
    };
    for id in id_lists.flatten() {
        if text_at(id, &["external-id-relationship"]).is_some_and(|r| r != "self") {
            continue;
        }
        let value = text_at(id, &["external-id-normalized", "value"])
            .or_else(|| text_at(id, &["external-id-value"]));
        let (Some(kind), Some(value)) = (text_at(id, &["external-id-type"]), value) else {
            continue;
        };
        match kind {
            "doi" => match bare_doi(value) {
                Some(doi) => match arxiv_of_doi(&doi) {
                    Some(a) => {
                        out.ids.arxiv.get_or_insert(a);
                    }
                    None => {
                        out.ids.doi.get_or_insert(doi);
                    }
                },
                None => continue,
            },
            "arxiv" => {
                if let Some(a) = bare_arxiv(value).or_else(|| arxiv_of_url(value)) {
                    out.ids.arxiv.get_or_insert(a);
                }
            }
            "pmid" => {
                if let Some(p) = super::super::ids::pmid(value) {
                    out.ids.pmid.get_or_insert(p);
                }
            }
            _ => {}
        }
    }
    (!out.title.is_empty() || out.ids != Ids::default()).then_some(out)
}
