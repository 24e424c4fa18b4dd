//! The cache of fetched metadata, `citations.cache.json` beside the data file: one small,
//! sorted, pretty-printed JSON file kept in the repository, so that a diff shows what a source
//! changed, building the site never asks a service, and a second run asks nothing it already
//! knows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::{Record, WorkRef};

/// The file's name, beside the data file.
pub const FILE_NAME: &str = "citations.cache.json";

/// The format this build reads and writes.
const VERSION: u32 = 1;

/// What the services said, by identifier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    pub version: u32,
    /// Papers by identifier key (`doi:…`, `arxiv:…`, `pmid:…`; see [`super::ids::Id::key`]).
    #[serde(default)]
    pub works: BTreeMap<String, Record>,
    /// The works of ORCID records, by iD.
    #[serde(default)]
    pub orcid: BTreeMap<String, Vec<WorkRef>>,
    /// Identifiers the services said they do not know, with what they said: not asked again
    /// until `--refresh`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_found: BTreeMap<String, String>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache {
            version: VERSION,
            ..Cache::default()
        }
    }

    /// Reads the cache file's text.
    pub fn parse(text: &str) -> Result<Cache, String> {
        let cache: Cache = serde_json::from_str(text.strip_prefix('\u{FEFF}').unwrap_or(text))
            .map_err(|e| {
                format!("{FILE_NAME} cannot be read ({e}); fix it, or delete it to fetch everything again")
            })?;
        if cache.version != VERSION {
            return Err(format!(
                "{FILE_NAME} is version {}, this labctl reads version {VERSION}; delete it to fetch everything again",
                cache.version
            ));
        }
        Ok(cache)
    }

    /// The file's text: keys sorted, two-space indent, a final newline.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::super::record::Ids;
    use super::*;

    #[test]
    fn round_trips_and_refuses_what_it_cannot_read() {
        let mut cache = Cache::new();
        cache.orcid.insert(
            "0000-0002-1825-0097".into(),
            vec![WorkRef {
                title: "Ünïcode".into(),
                ids: Ids {
                    doi: Some("10.1/x".into()),
                    ..Ids::default()
                },
            }],
        );
        let text = cache.to_text();
        assert!(text.contains("\"title\": \"Ünïcode\""), "{text}");
        assert!(text.ends_with("}\n"));
        assert_eq!(Cache::parse(&text).unwrap(), cache);
        assert!(Cache::parse("{\"version\": 2}")
            .unwrap_err()
            .contains("version 2"));
        assert!(Cache::parse("{\"version\": 1, \"extra\": 1}")
            .unwrap_err()
            .contains("delete it"));
        assert!(Cache::parse("[").is_err());
    }
}
