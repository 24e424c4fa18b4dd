//! Re-running an import without losing the edits made since. Each import leaves a record of
//! what it wrote beside the data folder (`.lwt-import.json`: the data as imported, and the
//! hashes of the posts and images it wrote). A re-run then merges three versions, field by
//! field: the record (what the last import wrote), the data file now (with your edits), and
//! the new import. A field you did not touch takes the new import's value; a field you edited
//! keeps your value (the report says so when the LWT site changed it too); an item you added
//! stays; an item you deleted stays deleted; an item the LWT site dropped goes, unless you
//! edited it. Items are matched by slug (topics, members, projects) or id (publications, news).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::report::{Kind, Origin, Report};

/// The record file's name, in the output folder (beside `data/`, so it is not published).
pub const RECORD: &str = ".lwt-import.json";

/// What an import wrote, for the next run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The checkout imported.
    pub source: String,
    /// The data file as the import made it, before any edit.
    pub data: Value,
    /// Hash of each post file written, by slug.
    #[serde(default)]
    pub posts: BTreeMap<String, String>,
    /// Hash of each image written, by path below `data/`.
    #[serde(default)]
    pub images: BTreeMap<String, String>,
    /// Ids given to publications (by LWT id or title) and news items (by bullet), kept on
    /// re-runs.
    #[serde(default)]
    pub publication_ids: BTreeMap<String, String>,
    #[serde(default)]
    pub news_ids: BTreeMap<String, String>,
}

impl Record {
    pub fn image_hashes(&self) -> BTreeMap<String, u64> {
        self.images
            .iter()
            .filter_map(|(k, v)| u64::from_str_radix(v, 16).ok().map(|h| (k.clone(), h)))
            .collect()
    }

    pub fn post_hash(&self, slug: &str) -> Option<u64> {
        self.posts
            .get(slug)
            .and_then(|v| u64::from_str_radix(v, 16).ok())
    }
}

const SECTIONS: [(&str, &str); 5] = [
    ("topics", "slug"),
    ("members", "slug"),
    ("publications", "id"),
    ("news", "id"),
    ("projects", "slug"),
];

fn singular(section: &str) -> &str {
    match section {
        "topics" => "topic",
        "members" => "member",
        "publications" => "publication",
        "projects" => "project",
        _ => "news item",
    }
}

/// Merges two objects field by field against their common base. Returns the result and the
/// fields updated from `theirs`; edits kept against a change of `theirs` are reported.
fn merge_object(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    what: &str,
    report: &mut Report,
) -> (Map<String, Value>, Vec<String>) {
    let mut out = Map::new();
    let mut updated = Vec::new();
    let mut keys: Vec<&String> = ours.keys().collect();
    for k in theirs.keys().chain(base.keys()) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    for k in keys {
        let (b, o, t) = (base.get(k), ours.get(k), theirs.get(k));
        if o == b {
            if let Some(t) = t {
                out.insert(k.clone(), t.clone());
            }
            if t != b {
                updated.push(k.clone());
            }
        } else {
            if let Some(o) = o {
                out.insert(k.clone(), o.clone());
            }
            if t != b && t != o {
                report.push(
                    Kind::Changed,
                    Origin::default(),
                    format!(
                        "{what}: your edit of {k} was kept; the LWT site changed it too (to {})",
                        super::source::shorten(
                            &t.map_or("nothing".to_string(), |t| t.to_string()),
                            80
                        )
                    ),
                );
            }
        }
    }
    (out, updated)
}

fn as_object(v: Option<&Value>) -> Map<String, Value> {
    match v {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    }
}

fn merge_list(
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    section: &str,
    key: &str,
    report: &mut Report,
) -> Vec<Value> {
    let key_of = |v: &Value| v.get(key).and_then(Value::as_str).map(str::to_string);
    let index = |list: &[Value]| -> BTreeMap<String, Value> {
        list.iter()
            .filter_map(|v| key_of(v).map(|k| (k, v.clone())))
            .collect()
    };
    let (base_by, theirs_by) = (index(base), index(theirs));
    let ours_keys: Vec<String> = ours.iter().filter_map(key_of).collect();
    let name = singular(section);
    let mut out = Vec::new();
    for item in ours {
        let Some(k) = key_of(item) else {
            out.push(item.clone());
            continue;
        };
        let what = format!("{name} {k}");
        match (base_by.get(&k), theirs_by.get(&k)) {
            (Some(b), Some(t)) => {
                let (merged, updated) = merge_object(
                    &as_object(Some(b)),
                    &as_object(Some(item)),
                    &as_object(Some(t)),
                    &what,
                    report,
                );
                if !updated.is_empty() {
                    report.imported(
                        Origin::default(),
                        format!("{what}: {} updated from the LWT site", updated.join(", ")),
                    );
                }
                out.push(Value::Object(merged));
            }
            (None, Some(_)) => {
                report.push(Kind::Changed, Origin::default(), format!("{what} was already in the data file and not from the last import; yours was kept"));
                out.push(item.clone());
            }
            (Some(b), None) => {
                if b == item {
                    report.push(
                        Kind::Changed,
                        Origin::default(),
                        format!("{what} is no longer in the LWT site; removed"),
                    );
                } else {
                    report.push(
                        Kind::Changed,
                        Origin::default(),
                        format!("{what} is no longer in the LWT site, but you edited it; kept"),
                    );
                    out.push(item.clone());
                }
            }
            (None, None) => out.push(item.clone()),
        }
    }
    for item in theirs {
        let Some(k) = key_of(item) else { continue };
        if ours_keys.contains(&k) {
            continue;
        }
        if base_by.contains_key(&k) {
            report.push(Kind::Changed, Origin::default(), format!("{name} {k} was deleted from the data file since the last import; not added again"));
        } else {
            report.imported(
                Origin::default(),
                format!("{name} {k}: new in the LWT site since the last import; added"),
            );
            out.push(item.clone());
        }
    }
    out
}

/// The three-way merge of whole data files (as JSON values).
pub fn merge(base: &Value, ours: &Value, theirs: &Value, report: &mut Report) -> Value {
    let (b, o, t) = (
        as_object(Some(base)),
        as_object(Some(ours)),
        as_object(Some(theirs)),
    );
    let mut out = o.clone();
    let (lab, updated) = merge_object(
        &as_object(b.get("lab")),
        &as_object(o.get("lab")),
        &as_object(t.get("lab")),
        "lab",
        report,
    );
    if !updated.is_empty() {
        report.imported(
            Origin::default(),
            format!("lab: {} updated from the LWT site", updated.join(", ")),
        );
    }
    out.insert("lab".to_string(), Value::Object(lab));
    let empty = Vec::new();
    let list = |m: &Map<String, Value>, k: &str| -> Vec<Value> {
        m.get(k).and_then(Value::as_array).unwrap_or(&empty).clone()
    };
    for (section, key) in SECTIONS {
        let merged = merge_list(
            &list(&b, section),
            &list(&o, section),
            &list(&t, section),
            section,
            key,
            report,
        );
        out.insert(section.to_string(), Value::Array(merged));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_edits_takes_updates_and_respects_deletions() {
        let base = json!({"lab": {"name": "L", "description": "d"}, "members": [
            {"slug": "a", "name": "A", "bio": "old"},
            {"slug": "b", "name": "B"},
            {"slug": "c", "name": "C"},
            {"slug": "d", "name": "D"}
        ]});
        let ours = json!({"lab": {"name": "L", "description": "mine"}, "members": [
            {"slug": "a", "name": "A", "bio": "edited"},
            {"slug": "c", "name": "C"},
            {"slug": "d", "name": "D", "years": "2020"},
            {"slug": "z", "name": "Hand added"}
        ]});
        let theirs = json!({"lab": {"name": "L2", "description": "d2"}, "members": [
            {"slug": "a", "name": "A.", "bio": "new"},
            {"slug": "b", "name": "B"},
            {"slug": "e", "name": "E"},
            {"slug": "d", "name": "D"}
        ]});
        let mut r = Report::default();
        let m = merge(&base, &ours, &theirs, &mut r);
        assert_eq!(m["lab"], json!({"name": "L2", "description": "mine"}));
        assert_eq!(
            m["members"],
            json!([
                {"slug": "a", "name": "A.", "bio": "edited"},
                {"slug": "d", "name": "D", "years": "2020"},
                {"slug": "z", "name": "Hand added"},
                {"slug": "e", "name": "E"}
            ])
        );
        let text = r.to_string();
        assert!(
            text.contains("member a: your edit of bio was kept"),
            "{text}"
        );
        assert!(
            text.contains("member b was deleted from the data file"),
            "{text}"
        );
        assert!(
            text.contains("member c is no longer in the LWT site; removed"),
            "{text}"
        );
        assert!(text.contains("member e: new in the LWT site"), "{text}");
        assert!(
            text.contains("lab: description: your edit")
                || text.contains("lab: your edit of description"),
            "{text}"
        );
    }
}
