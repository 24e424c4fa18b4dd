//! What a source says about one paper ([`Record`]) and about one ORCID work ([`WorkRef`]), in
//! the small normalised form the cache file keeps, and how records become the entries the
//! shared merge of [`crate::bibtex_import`] applies.

use serde::{Deserialize, Serialize};

use super::ids::Id;
use crate::bibtex_import::{iso_date, ParsedEntry};

/// One paper as a source describes it, normalised to the fields a publication has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Which API said it: `Crossref`, `DataCite`, `arXiv` or `PubMed`.
    pub source: String,
    /// The kind of work, as the source names it (`journal-article`, `proceedings-article`,
    /// `preprint`, `dataset`, `software`…).
    pub kind: String,
    pub title: String,
    /// Names as `Given Family`, in order.
    pub authors: Vec<String>,
    /// The journal, proceedings or repository; `arXiv` for an arXiv preprint.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub venue: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the source is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(flatten)]
    pub ids: Ids,
}

/// A paper's identifiers, as far as a source knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ids {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
}

impl Ids {
    /// The identifiers that read as such, in the order cite tries them: the DOI, the arXiv id,
    /// the PubMed id.
    pub fn parsed(&self) -> Vec<Id> {
        [&self.doi, &self.arxiv, &self.pmid]
            .into_iter()
            .flatten()
            .filter_map(|v| Id::parse(v).ok())
            .collect()
    }

    /// Takes from `other` the identifiers `self` lacks.
    pub fn fill_from(&mut self, other: &Ids) {
        for (mine, theirs) in [
            (&mut self.doi, &other.doi),
            (&mut self.arxiv, &other.arxiv),
            (&mut self.pmid, &other.pmid),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }
}

impl Record {
    /// A preprint: posted on arXiv (or another preprint server) and not yet its published version.
    pub fn is_preprint(&self) -> bool {
        self.venue.eq_ignore_ascii_case("arxiv") || self.kind == "preprint"
    }

    /// The entry the shared merge applies (see the merge rule in [`crate::bibtex_import`]).
    /// `key` names it in the report. A record never states a `url`: the site links the DOI, then
    /// the arXiv page, and a URL set by hand is kept.
    pub fn entry(&self, key: &str) -> ParsedEntry {
        let text = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        ParsedEntry {
            key: key.to_string(),
            kind: self.kind.clone(),
            line: 0,
            title: text(&self.title),
            authors: self.authors.clone(),
            more_authors: false,
            venue: text(&self.venue),
            date: iso_date(&self.date),
            doi: self.ids.doi.clone(),
            arxiv: self.ids.arxiv.clone(),
            pmid: self.ids.pmid.clone(),
            url: None,
            doi_in_url: None,
            arxiv_in_url: None,
            notes: Vec::new(),
        }
    }
}

/// Several records of the same paper as one: the published version wins (the first one that is
/// not a preprint, else the first), and takes the identifiers it lacks from the others, so a
/// preprint that became a paper keeps its arXiv id. `None` for no records.
pub fn combine(records: &[Record]) -> Option<Record> {
    let base = records
        .iter()
        .find(|r| !r.is_preprint())
        .or(records.first())?;
    let mut out = base.clone();
    for r in records {
        out.ids.fill_from(&r.ids);
    }
    Some(out)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a year and an optional month and day, each checked;
/// empty when the year is not a plausible one.
pub fn partial_date(year: i64, month: Option<i64>, day: Option<i64>) -> String {
    if !(1000..=9999).contains(&year) {
        return String::new();
    }
    match month.filter(|m| (1..=12).contains(m)) {
        None => format!("{year:04}"),
        Some(m) => match day.filter(|d| (1..=31).contains(d)) {
            Some(d) if iso_date(&format!("{year:04}-{m:02}-{d:02}")).is_some() => {
                format!("{year:04}-{m:02}-{d:02}")
            }
            _ => format!("{year:04}-{m:02}"),
        },
    }
}

/// One work of an ORCID record: its identifiers and what the record says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkRef {
    pub title: String,
    #[serde(flatten)]
    pub ids: Ids,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(venue: &str, doi: Option<&str>, arxiv: Option<&str>) -> Record {
        Record {
            source: "test".into(),
            kind: String::new(),
            title: "T".into(),
            authors: vec!["A B".into()],
            venue: venue.into(),
            date: "2024-07".into(),
            ids: Ids {
                doi: doi.map(str::to_string),
                arxiv: arxiv.map(str::to_string),
                pmid: None,
            },
        }
    }

    #[test]
    fn the_published_version_wins_and_keeps_the_arxiv_id() {
        let preprint = record("arXiv", None, Some("2403.02310"));
        let paper = record("OSDI", Some("10.1/x"), None);
        let both = combine(&[preprint.clone(), paper.clone()]).unwrap();
        assert_eq!(
            (
                both.venue.as_str(),
                both.ids.doi.as_deref(),
                both.ids.arxiv.as_deref()
            ),
            ("OSDI", Some("10.1/x"), Some("2403.02310"))
        );
        assert_eq!(
            combine(std::slice::from_ref(&preprint)),
            Some(preprint.clone())
        );
        assert_eq!(combine(&[]), None);
    }

    #[test]
    fn dates_keep_their_precision_and_refuse_nonsense() {
        assert_eq!(partial_date(2024, Some(7), Some(10)), "2024-07-10");
        assert_eq!(partial_date(2024, Some(2), Some(30)), "2024-02");
        assert_eq!(partial_date(2024, Some(13), Some(1)), "2024");
        assert_eq!(partial_date(2024, None, Some(3)), "2024");
        assert_eq!(partial_date(24, Some(1), None), "");
        let e = record("V", None, None).entry("k");
        assert_eq!(
            (e.key.as_str(), e.date.map(|d| d.month)),
            ("k", Some(Some(7)))
        );
    }
}
