//! Loading `data/site.json`: from text to a [`Site`], or to a [`LoadError`] that says what failed
//! and where.
//!
//! Structural problems (not JSON, not an object, a wrong or missing version, a missing or malformed
//! `lab`, a list section that is not a list) stop the load. An item of a list that does not have
//! the right shape is skipped and reported as a notice with its JSON path, so one bad item never
//! hides the rest of the site. Semantic rules ([`crate::validate`]) add their findings as notices.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::types::{Lab, SiteData, DATA_VERSION};
use crate::validate::{self, Positions, Problem, Severity};
use crate::Site;

/// Why a data file could not be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not JSON; line and column are 1-based.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// The JSON does not have the shape of a data file.
    Shape { path: String, message: String },
    /// The file says it is a version this build does not read.
    Version { found: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "The data file is not valid JSON (line {line}, column {column}): {message}"
                )
            }
            LoadError::Shape { path, message } => {
                write!(f, "The data file has the wrong shape at {path}: {message}")
            }
            LoadError::Version { found } => write!(
                f,
                "The data file is version {found}, but this site reads version {DATA_VERSION}"
            ),
        }
    }
}

/// A loaded site and what the loader noticed on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub site: Site,
    /// Skipped items and rule violations, each with its JSON path.
    pub notices: Vec<Problem>,
}

fn shape(path: impl Into<String>, message: impl Into<String>) -> LoadError {
    LoadError::Shape {
        path: path.into(),
        message: message.into(),
    }
}

/// Deserializes `value` as `T`, reporting the path inside it (joined under `prefix`) on failure.
fn typed<T: DeserializeOwned>(value: Value, prefix: &str) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." || inner.is_empty() {
            prefix.to_string()
        } else if inner.starts_with('[') {
            format!("{prefix}{inner}")
        } else {
            format!("{prefix}.{inner}")
        };
        (path, e.into_inner().to_string())
    })
}

/// Parses the text of a data file into its typed form, plus the original position of every kept
/// item and a notice for every skipped one.
pub fn parse_data(text: &str) -> Result<(SiteData, Positions, Vec<Problem>), LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| LoadError::NotJson {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let Value::Object(mut root) = root else {
        return Err(shape(
            "$",
            "expected an object with version, lab, topics, members, publications and news",
        ));
    };
    match root.get("version") {
        None => {
            return Err(shape(
                "version",
                format!("missing; add \"version\": {DATA_VERSION}"),
            ))
        }
        Some(Value::Number(n)) if n.as_u64() == Some(DATA_VERSION) => {}
        Some(other) => {
            return Err(LoadError::Version {
                found: other.to_string(),
            })
        }
    }
    let schema = match root.remove("$schema") {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => {
            return Err(shape(
                "$schema",
                "expected a string, the path of site.schema.json",
            ))
        }
    };
    let lab: Lab = match root.remove("lab") {
        None => return Err(shape("lab", "missing section")),
        Some(v) => typed(v, "lab").map_err(|(p, m)| shape(p, m))?,
    };

    let mut notices = Vec::new();
    let mut positions = Positions::default();
    let mut section = |name: &str, positions: &mut Vec<usize>| -> Result<Vec<Value>, LoadError> {
        match root.remove(name) {
            None => Err(shape(
                name,
                "missing section; use [] when there is nothing to list",
            )),
            Some(Value::Array(items)) => {
                positions.clear();
                Ok(items)
            }
            Some(_) => Err(shape(name, "expected a list")),
        }
    };
    fn items<T: DeserializeOwned>(
        name: &str,
        values: Vec<Value>,
        positions: &mut Vec<usize>,
        notices: &mut Vec<Problem>,
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(values.len());
        for (i, v) in values.into_iter().enumerate() {
            match typed::<T>(v, &format!("{name}[{i}]")) {
                Ok(item) => {
                    positions.push(i);
                    out.push(item);
                }
                Err((path, message)) => notices.push(Problem {
                    severity: Severity::Error,
                    path,
                    message: format!("{message}; this item was skipped"),
                }),
            }
        }
        out
    }
    let topics_v = section("topics", &mut positions.topics)?;
    let members_v = section("members", &mut positions.members)?;
    let pubs_v = section("publications", &mut positions.publications)?;
    let news_v = section("news", &mut positions.news)?;
    for key in root.keys().filter(|k| {
        !matches!(
            k.as_str(),
            "version" | "topics" | "members" | "publications" | "news"
        )
    }) {
        notices.push(Problem {
            severity: Severity::Warning,
            path: key.clone(),
            message: "unknown section; it is ignored (check its spelling)".to_string(),
        });
    }
    let data = SiteData {
        schema,
        version: DATA_VERSION,
        lab,
        topics: items("topics", topics_v, &mut positions.topics, &mut notices),
        members: items("members", members_v, &mut positions.members, &mut notices),
        publications: items(
            "publications",
            pubs_v,
            &mut positions.publications,
            &mut notices,
        ),
        news: items("news", news_v, &mut positions.news, &mut notices),
    };
    Ok((data, positions, notices))
}

/// serde_json appends " at line L column C" to its messages; the position is reported apart.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Loads a data file: parse, check every rule, index for the views.
pub fn load_site(text: &str) -> Result<Loaded, LoadError> {
    let (data, positions, mut notices) = parse_data(text)?;
    notices.extend(validate::validate(&data, &positions));
    Ok(Loaded {
        site: Site::new(data),
        notices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"version":1,"lab":{"name":"L","short_name":"L","institution":"I","description":"d"},
        "topics":[],"members":[],"publications":[],"news":[]}"#;

    #[test]
    fn loads_minimal_file() {
        let loaded = load_site(MINIMAL).unwrap();
        assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
        assert_eq!(loaded.site.data().lab.name, "L");
    }

    #[test]
    fn reports_not_json_with_position() {
        let err = load_site("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
        let LoadError::NotJson { line, column, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!((*line, *column), (3, 3));
        assert!(err.to_string().contains("line 3, column 3"), "{err}");
        assert!(matches!(
            load_site("<!doctype html><html>"),
            Err(LoadError::NotJson {
                line: 1,
                column: 1,
                ..
            })
        ));
        assert!(matches!(load_site(""), Err(LoadError::NotJson { .. })));
    }

    #[test]
    fn reports_wrong_version_and_shape() {
        assert_eq!(
            load_site(&MINIMAL.replace("\"version\":1", "\"version\":2")).unwrap_err(),
            LoadError::Version { found: "2".into() }
        );
        assert_eq!(
            load_site(&MINIMAL.replace("\"version\":1", "\"version\":\"1\"")).unwrap_err(),
            LoadError::Version {
                found: "\"1\"".into()
            }
        );
        assert_eq!(
            load_site("[]").unwrap_err(),
            shape(
                "$",
                "expected an object with version, lab, topics, members, publications and news"
            )
        );
        let e = load_site(&MINIMAL.replace("\"news\":[]", "\"news\":{}")).unwrap_err();
        assert_eq!(e, shape("news", "expected a list"));
        let e = load_site(&MINIMAL.replace(",\"news\":[]", "")).unwrap_err();
        assert!(
            matches!(&e, LoadError::Shape { path, .. } if path == "news"),
            "{e:?}"
        );
        let e = load_site(&MINIMAL.replace("\"name\":\"L\",", "")).unwrap_err();
        assert_eq!(e, shape("lab", "missing field `name`"));
        let e = load_site(&MINIMAL.replace("\"name\":\"L\"", "\"name\":7")).unwrap_err();
        assert!(
            matches!(&e, LoadError::Shape { path, message } if path == "lab.name" && message.contains("invalid type")),
            "{e:?}"
        );
    }

    #[test]
    fn skips_bad_items_with_their_path_and_keeps_the_rest() {
        let text = MINIMAL.replace(
            "\"members\":[]",
            r#""members":[{"slug":"a","name":"A","role":"phd"},{"slug":"b","name":"B","role":"wizard"},{"slug":"c","name":"C","role":"pi"}]"#,
        );
        let loaded = load_site(&text).unwrap();
        let slugs: Vec<_> = loaded
            .site
            .data()
            .members
            .iter()
            .map(|m| m.slug.as_str())
            .collect();
        assert_eq!(slugs, ["a", "c"]);
        assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
        assert_eq!(loaded.notices[0].path, "members[1].role");
        assert!(
            loaded.notices[0]
                .message
                .contains("unknown variant `wizard`"),
            "{}",
            loaded.notices[0].message
        );
    }

    #[test]
    fn keeps_the_schema_pointer_and_flags_unknown_sections() {
        let text = MINIMAL.replace(
            "{\"version\":1",
            "{\"$schema\":\"./site.schema.json\",\"version\":1,\"newz\":[]",
        );
        let loaded = load_site(&text).unwrap();
        assert_eq!(
            loaded.site.data().schema.as_deref(),
            Some("./site.schema.json")
        );
        assert_eq!(loaded.notices.len(), 1);
        assert_eq!(loaded.notices[0].path, "newz");
        assert_eq!(loaded.notices[0].severity, Severity::Warning);
    }

    #[test]
    fn accepts_a_byte_order_mark() {
        assert!(load_site(&format!("\u{FEFF}{MINIMAL}")).is_ok());
    }

    #[test]
    fn positions_survive_skipped_items() {
        let text = MINIMAL.replace(
            "\"news\":[]",
            r#""news":[{"id":"bad"},{"id":"x","date":"2024-02-30","topics":[],"text":"t"}]"#,
        );
        let loaded = load_site(&text).unwrap();
        assert!(
            loaded.notices.iter().any(|p| p.path == "news[0]"),
            "{:?}",
            loaded.notices
        );
        assert!(
            loaded.notices.iter().any(|p| p.path == "news[1].date"),
            "{:?}",
            loaded.notices
        );
    }
}
