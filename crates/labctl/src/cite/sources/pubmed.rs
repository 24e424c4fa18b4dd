//! NCBI's E-utilities, `GET /esummary.fcgi?db=pubmed&id={pmid}&retmode=json`
//! (<https://www.ncbi.nlm.nih.gov/books/NBK25499/>), with the `tool` and `email` parameters NCBI
//! asks for: `{"header": {…}, "result": {"uids": ["31978945"], "31978945": {…}}}`, the summary
//! holding `title`, `authors` (`[{"name": "Doe JA", "authtype": "Author"}]`), `fulljournalname`
//! and `source`, `pubdate` (`2020 Feb 3`, `2020 Feb`, `2020 Jan-Feb`, `2020`) and `articleids`
//! (`[{"idtype": "doi", "value": "10.…"}]`); an unknown id has an `error` instead.

use serde_json::Value;

use super::super::config::Source;
use super::super::http::Failure;
use super::super::record::{partial_date, Ids, Record};
use super::super::text::plain;
use super::{encode, json, text_at};
use crate::bibtex_import::bare_doi;

/// The URL of one summary, with the tool's name and the contact address.
pub fn url(base: &str, pmid: &str, email: Option<&str>) -> String {
    let email = email
        .map(|e| format!("&email={}", encode(e, false)))
        .unwrap_or_default();
    format!("{base}/esummary.fcgi?db=pubmed&id={pmid}&retmode=json&tool=labctl{email}")
}

/// The record of `pmid` in NCBI's answer. Authors come as PubMed prints them, `Doe JA`, and are
/// written `J. A. Doe`.
pub fn parse(body: &str, pmid: &str) -> Result<Record, Failure> {
    let root = json(Source::PubMed, body)?;
    let bad = |why: String| Failure::new(Source::PubMed, why);
    let summary = root
        .pointer("/result")
        .and_then(|r| r.get(pmid))
        .ok_or_else(|| bad(format!("its answer has no summary of {pmid}")))?;
    if let Some(error) = text_at(summary, &["error"]) {
        return Err(Failure {
            source: Source::PubMed,
            reason: format!("has no record {pmid} ({error})"),
            not_found: true,
        });
    }
    let title = text_at(summary, &["title"])
        .map(|t| plain(t).trim_end_matches('.').to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| bad(format!("its summary of {pmid} has no title")))?;
    let authors = summary
        .get("authors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|a| text_at(a, &["authtype"]).is_none_or(|t| t == "Author"))
        .filter_map(|a| text_at(a, &["name"]).map(initials_first))
        .collect();
    let venue = text_at(summary, &["fulljournalname"])
        .or_else(|| text_at(summary, &["source"]))
        .map(plain)
        .unwrap_or_default();
    let doi = summary
        .get("articleids")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|i| text_at(i, &["idtype"]) == Some("doi"))
        .find_map(|i| text_at(i, &["value"]).and_then(bare_doi));
    Ok(Record {
        source: "PubMed".to_string(),
        kind: "journal-article".to_string(),
        title,
        authors,
        venue,
        date: text_at(summary, &["pubdate"])
            .map(pub_date)
            .unwrap_or_default(),
        ids: Ids {
            doi,
            arxiv: None,
            pmid: Some(pmid.to_string()),
        },
    })
}

/// `J. A. Doe` for PubMed's `Doe JA`; a name that does not end in initials stays as it is.
fn initials_first(name: &str) -> String {
    let name = plain(name);
    match name.rsplit_once(' ') {
        Some((family, initials))
            if (1..=3).contains(&initials.len())
                && initials.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            let given: Vec<String> = initials.chars().map(|c| format!("{c}.")).collect();
            format!("{} {family}", given.join(" "))
        }
        _ => name,
    }
}

/// `2020-02-03`, `2020-02` or `2020` from PubMed's `2020 Feb 3`, `2020 Feb`, `2020 Jan-Feb`,
/// `2020 Spring`, `2020`.
fn pub_date(text: &str) -> String {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut parts = text.split_whitespace();
    let Some(year) = parts.next().and_then(|y| y.parse::<i64>().ok()) else {
        return String::new();
    };
    let month = parts.next().and_then(|m| {
        let m = m.get(..3)?.to_ascii_lowercase();
        MONTHS.iter().position(|x| *x == m).map(|i| i as i64 + 1)
    });
    let day = parts.next().and_then(|d| d.parse::<i64>().ok());
    partial_date(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pubmed_names_and_dates() {
        assert_eq!(initials_first("Doe JA"), "J. A. Doe");
        assert_eq!(initials_first("van der Berg M"), "M. van der Berg");
        assert_eq!(initials_first("WHO Consortium"), "WHO Consortium");
        assert_eq!(initials_first("Plato"), "Plato");
        assert_eq!(pub_date("2020 Feb 3"), "2020-02-03");
        assert_eq!(pub_date("2020 Jan-Feb"), "2020-01");
        assert_eq!(pub_date("2019 Winter"), "2019");
        assert_eq!(pub_date("2020"), "2020");
        assert_eq!(pub_date("soon"), "");
        assert_eq!(pub_date("2020 é"), "2020");
    }
}
