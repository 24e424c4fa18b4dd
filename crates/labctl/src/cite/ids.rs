//! The identifiers `labctl cite` resolves, read from the forms people paste: a bare DOI, `doi:…`
//! or a `doi.org` URL; an arXiv id with or without `arXiv:`, a version or an `arxiv.org/abs/`
//! URL; a PubMed id (`31978945`, `PMID: 31978945`, a `pubmed.ncbi.nlm.nih.gov` URL); an ORCID
//! iD (`0000-0002-1825-0097` or its `orcid.org` URL), whose check digit is verified.

use std::fmt;

use crate::bibtex_import::{arxiv_of_doi, arxiv_of_url, bare_arxiv, bare_doi};

/// One identifier, normalised: a DOI in lowercase (DOIs ignore case), an arXiv id without its
/// version, a PubMed id of digits, an ORCID iD in its 4×4 form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Id {
    Doi(String),
    Arxiv(String),
    Pmid(String),
    Orcid(String),
}

impl Id {
    /// Reads one identifier, or says why it is none.
    pub fn parse(text: &str) -> Result<Id, String> {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if let Some(doi) = bare_doi(t) {
            return Ok(match arxiv_of_doi(&doi) {
                Some(id) => Id::Arxiv(id),
                None => Id::Doi(doi.to_ascii_lowercase()),
            });
        }
        if let Some(id) = orcid(t) {
            return Ok(Id::Orcid(id));
        }
        if let Some(id) = pmid(t) {
            return Ok(Id::Pmid(id));
        }
        if let Some(id) = bare_arxiv(t).or_else(|| arxiv_of_url(t)) {
            return Ok(Id::Arxiv(id));
        }
        let hint = if lower.contains("orcid") || looks_like_orcid(t) {
            "an ORCID iD is 16 digits in groups of 4 (the last may be X) with a valid check digit"
        } else if lower.starts_with("10.") || lower.contains("doi") {
            "a DOI is 10.<digits>/<suffix>"
        } else {
            "give a DOI (10.…/…), an arXiv id (2403.02310), a PubMed id (pmid:31978945) or an ORCID iD (0000-0002-1825-0097)"
        };
        Err(format!("{t:?} is not an identifier cite knows: {hint}"))
    }

    /// The key of this identifier in the cache and in reports: `doi:10.1145/…`, `arxiv:2403.02310`,
    /// `pmid:31978945`, `orcid:0000-0002-1825-0097`.
    pub fn key(&self) -> String {
        self.to_string()
    }

    /// The name of the kind of identifier, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Id::Doi(_) => "DOI",
            Id::Arxiv(_) => "arXiv id",
            Id::Pmid(_) => "PubMed id",
            Id::Orcid(_) => "ORCID iD",
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Doi(v) => write!(f, "doi:{v}"),
            Id::Arxiv(v) => write!(f, "arxiv:{v}"),
            Id::Pmid(v) => write!(f, "pmid:{v}"),
            Id::Orcid(v) => write!(f, "orcid:{v}"),
        }
    }
}

/// Strips the first of `prefixes` that `text` starts with (ignoring ASCII case).
fn strip_any<'a>(text: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes
        .iter()
        .find(|p| {
            text.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
        .map_or(text, |p| &text[p.len()..])
        .trim()
}

/// The PubMed id of `pmid:31978945`, `PMID 31978945`, a PubMed URL, or bare digits (1 to 8 of
/// them; PubMed ids have at most 8 today).
pub fn pmid(text: &str) -> Option<String> {
    let t = strip_any(
        text.trim(),
        &[
            "https://pubmed.ncbi.nlm.nih.gov/",
            "http://pubmed.ncbi.nlm.nih.gov/",
            "pubmed.ncbi.nlm.nih.gov/",
            "pmid:",
            "pmid",
        ],
    );
    let t = t.trim_end_matches('/');
    ((1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) && !t.starts_with('0'))
        .then(|| t.to_string())
}

fn looks_like_orcid(text: &str) -> bool {
    text.matches('-').count() == 3 && text.len() >= 16
}

/// The ORCID iD of `0000-0002-1825-0097`, `https://orcid.org/0000-0002-1825-0097` or the 16
/// characters without hyphens, when its check digit (ISO 7064 MOD 11-2) is right.
pub fn orcid(text: &str) -> Option<String> {
    let t = strip_any(
        text.trim(),
        &[
            "https://orcid.org/",
            "http://orcid.org/",
            "orcid.org/",
            "orcid:",
        ],
    );
    let chars: Vec<char> = t
        .trim_end_matches('/')
        .chars()
        .filter(|c| *c != '-')
        .collect();
    let hyphens = t.matches('-').count();
    if chars.len() != 16 || !(hyphens == 0 || hyphens == 3) {
        return None;
    }
    let (body, check) = chars.split_at(15);
    let mut total = 0u32;
    for c in body {
        total = (total + c.to_digit(10)?) * 2;
    }
    let expected = match (12 - total % 11) % 11 {
        10 => 'X',
        n => char::from_digit(n, 10)?,
    };
    if check[0].to_ascii_uppercase() != expected {
        return None;
    }
    let all: String = chars.iter().map(|c| c.to_ascii_uppercase()).collect();
    Some(format!(
        "{}-{}-{}-{}",
        &all[0..4],
        &all[4..8],
        &all[8..12],
        &all[12..16]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> String {
        Id::parse(text).map(|i| i.key()).unwrap_or_else(|e| e)
    }

    #[test]
    fn reads_every_pasted_form() {
        assert_eq!(id("10.1145/3394486.3403212"), "doi:10.1145/3394486.3403212");
        assert_eq!(
            id(" https://doi.org/10.1109/MM.2023.3317243 "),
            "doi:10.1109/mm.2023.3317243"
        );
        assert_eq!(id("doi:10.5281/zenodo.123"), "doi:10.5281/zenodo.123");
        assert_eq!(id("10.48550/arXiv.2403.02310"), "arxiv:2403.02310");
        assert_eq!(id("arXiv:2403.02310v3"), "arxiv:2403.02310");
        assert_eq!(id("https://arxiv.org/abs/2403.02310"), "arxiv:2403.02310");
        assert_eq!(
            id("https://arxiv.org/pdf/2403.02310v2.pdf"),
            "arxiv:2403.02310"
        );
        assert_eq!(id("hep-th/9901001"), "arxiv:hep-th/9901001");
        assert_eq!(id("PMID: 31978945"), "pmid:31978945");
        assert_eq!(
            id("https://pubmed.ncbi.nlm.nih.gov/31978945/"),
            "pmid:31978945"
        );
        assert_eq!(id("0000-0002-1825-0097"), "orcid:0000-0002-1825-0097");
        assert_eq!(
            id("https://orcid.org/0000-0002-1694-233x"),
            "orcid:0000-0002-1694-233X"
        );
        assert_eq!(id("0000000218250097"), "orcid:0000-0002-1825-0097");
    }

    #[test]
    fn refuses_what_is_not_an_identifier_with_a_hint() {
        assert!(
            id("0000-0002-1825-0098").contains("check digit"),
            "{}",
            id("0000-0002-1825-0098")
        );
        assert!(id("10.1145").contains("a DOI is"));
        assert!(id("hello").contains("give a DOI"));
        assert!(id("").contains("give a DOI"));
        assert!(id("0123").contains("give a DOI"));
        assert!(id("123456789").contains("give a DOI"));
        assert!(id("é-é-é-é-é-é-é-é").contains("not an identifier"));
    }
}
