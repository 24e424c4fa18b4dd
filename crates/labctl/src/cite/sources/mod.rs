//! One module per service: the URL to ask and a pure, panic-free reader of its answer into a
//! [`Record`](super::record::Record) (or, for ORCID, a list of works). The shapes follow each
//! service's documentation; `tests/fixtures/cite/README.md` says where each comes from.

pub mod arxiv;
pub mod crossref;
pub mod datacite;
pub mod orcid;
pub mod pubmed;

use serde_json::Value;

use super::config::Source;
use super::http::Failure;

/// The JSON of an answer, or why it is not JSON: markup, cut short, or otherwise malformed.
pub fn json(source: Source, body: &str) -> Result<Value, Failure> {
    serde_json::from_str(body).map_err(|e| {
        let reason = if body.trim_start().starts_with('<') {
            "answered with markup (HTML or XML) instead of JSON".to_string()
        } else if e.is_eof() {
            format!("the answer is cut short: its JSON ends early ({e})")
        } else {
            format!("the answer is not valid JSON ({e})")
        };
        Failure::new(source, reason)
    })
}

/// The text of `value` at `path` (object keys, or array indices as digits), trimmed and not empty.
pub fn text_at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = value;
    for key in path {
        v = match key.parse::<usize>() {
            Ok(i) => v.get(i)?,
            Err(_) => v.get(key)?,
        };
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// `text` percent-encoded for a URL path or query value: every byte but the unreserved ones
/// (and `/`, which DOIs and old arXiv ids hold, in a path).
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `Given Family`, or the one name a source gives.
pub fn person(given: Option<&str>, family: Option<&str>, name: Option<&str>) -> Option<String> {
    let joined = match (given, family) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        (None, Some(f)) => f.to_string(),
        _ => name?.to_string(),
    };
    let clean = super::text::plain(&joined);
    (!clean.is_empty()).then_some(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_why_an_answer_is_not_json() {
        let reason = |body: &str| json(Source::Crossref, body).unwrap_err().reason;
        assert!(reason("<!DOCTYPE html><p>Down").contains("markup"));
        assert!(reason("{\"message\": {\"title\": [\"Fa").contains("cut short"));
        assert!(reason("{]").contains("not valid JSON"));
        assert!(json(Source::Crossref, "{}").is_ok());
    }

    #[test]
    fn encodes_and_reads_paths() {
        assert_eq!(
            encode("10.1002/(SICI)1097<3.0.CO;2-#", true),
            "10.1002/%28SICI%291097%3C3.0.CO%3B2-%23"
        );
        assert_eq!(encode("a@b.org", false), "a%40b.org");
        assert_eq!(encode("é/x", false), "%C3%A9%2Fx");
        let v: Value = serde_json::json!({"a": [{"b": " x "}, {"b": ""}]});
        assert_eq!(text_at(&v, &["a", "0", "b"]), Some("x"));
        assert_eq!(text_at(&v, &["a", "1", "b"]), None);
        assert_eq!(text_at(&v, &["a", "9", "b"]), None);
        assert_eq!(
            person(Some("Ann"), Some("Lee"), None).as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            person(None, None, Some("The Consortium")).as_deref(),
            Some("The Consortium")
        );
        assert_eq!(person(Some("Ann"), None, None), None);
    }
}
