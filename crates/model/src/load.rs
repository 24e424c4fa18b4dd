//! Loading `data/site.json`: from text to a [`Site`], or to a [`LoadError`] that says what failed
//! and where.
//!
//! Structural problems (not JSON, not an object, a wrong or missing version, a missing or malformed
//! `lab`, a list section that is not a list) stop the load. An item of a list that does not have
//! the right shape is skipped and reported as a notice with its JSON path, so one bad item never
//! hides the rest of the site. Semantic rules ([`crate::validate`]) add their findings as notices.

use std::fmt;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::value::RawValue;

use crate::date::Date;
use crate::scan;
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
    /// The file is larger than [`MAX_DATA_BYTES`].
    TooLarge { bytes: usize },
    /// The file is UTF-16 (it starts with a UTF-16 byte order mark), as some Windows editors
    /// save by default; the site reads UTF-8 only.
    Utf16 { big_endian: bool },
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
            LoadError::TooLarge { bytes } => {
                // Tenths of a megabyte in integers: no float formatting code in the wasm.
                let tenths = (bytes * 10 + 524_288) / 1_048_576;
                write!(
                    f,
                    "The data file is {}.{} MB; this site reads files of up to {} MB",
                    tenths / 10,
                    tenths % 10,
                    MAX_DATA_BYTES / 1_048_576
                )
            }
            LoadError::Version { found } => write!(
                f,
                "The data file is version {found}, but this site reads version {DATA_VERSION}"
            ),
            LoadError::Utf16 { big_endian } => write!(
                f,
                "The data file is saved as UTF-16 ({}); save it as UTF-8 (in the editor's Save As or Encoding menu)",
                if *big_endian { "big-endian" } else { "little-endian" }
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
    /// Where each kept item stands in the file.
    pub positions: Positions,
}

fn shape(path: impl Into<String>, message: impl Into<String>) -> LoadError {
    LoadError::Shape {
        path: path.into(),
        message: message.into(),
    }
}

/// Largest data file the site reads (the synthetic 100k-item benchmark file is about a third of it).
pub const MAX_DATA_BYTES: usize = 40 * 1024 * 1024;

/// Deserializes the JSON text of one value as `T`, reporting the path inside it (joined under
/// `prefix`) on failure.
fn typed<T: DeserializeOwned>(raw: &RawValue, prefix: &str) -> Result<T, (String, String)> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." || inner.is_empty() {
            prefix.to_string()
        } else if inner.starts_with('[') {
            format!("{prefix}{inner}")
        } else {
            format!("{prefix}.{inner}")
        };
        (path, strip_position(&e.into_inner().to_string()))
    })
}

const SECTIONS: [&str; 5] = ["topics", "members", "publications", "news", "projects"];

/// Sections a file may leave out without a notice: they came after version 1's first files.
const OPTIONAL_SECTIONS: [&str; 1] = ["projects"];

/// Parses the text of a data file into its typed form, plus the original position of every kept
/// item and a notice for every skipped item or section.
///
/// What stops the load: text that is not JSON (or nests deeper than 128 levels), a root that is not
/// an object, a missing or wrong `version`, a missing or malformed `lab`. What does not: a missing
/// list section or one that is not a list (shown as empty, with an error notice), an item of the
/// wrong shape (skipped, with an error notice), an unknown top-level key (a warning).
/// Sections are kept as raw JSON text until each item is read, so no JSON tree of the whole file
/// is ever built.
pub fn parse_data(text: &str) -> Result<(SiteData, Positions, Vec<Problem>), LoadError> {
    parse_data_placed(text).map(|p| (p.data, p.positions, p.notices))
}

/// What [`parse_data_placed`] reads from a data file.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub data: SiteData,
    /// Where each kept item stands in the file.
    pub positions: Positions,
    /// Skipped items and sections, unknown sections, repeated keys, control characters.
    pub notices: Vec<Problem>,
    /// For each notice (same index), the byte offset in the text (after a byte order mark) it is
    /// about, when the loader knows it better than the notice's path does: the second of two
    /// repeated keys, a control character inside a long text. `None` for the others.
    pub offsets: Vec<Option<usize>>,
}

/// [`parse_data`], and where some of the notices stand in the text (see [`Parsed::offsets`]).
pub fn parse_data_placed(text: &str) -> Result<Parsed, LoadError> {
    parse_data_with(text, Checks::All)
}

/// How much checking a load does beyond reading the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// The scan for repeated keys and control characters, and every rule.
    All,
    /// Neither: for bytes already checked with every check and found free of problems (the
    /// browser knows the build's file by its fingerprint), where they would find nothing again.
    /// What reading itself finds (an item of the wrong shape) is still reported.
    AlreadyPassed,
}

fn parse_data_with(text: &str, checks: Checks) -> Result<Parsed, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.len() > MAX_DATA_BYTES {
        return Err(LoadError::TooLarge { bytes: text.len() });
    }
    let mut root: BTreeMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|e| match e.classify() {
            Category::Data => shape(
                "$",
                "expected an object with version, lab, topics, members, publications and news",
            ),
            _ => LoadError::NotJson {
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()),
            },
        })?;
    match root.remove("version").map(|v| v.get().trim()) {
        None => {
            return Err(shape(
                "version",
                format!("missing; add \"version\": {DATA_VERSION}"),
            ))
        }
        Some(v) if v == DATA_VERSION.to_string() => {}
        Some(other) => {
            return Err(LoadError::Version {
                found: other.to_string(),
            })
        }
    }
    let schema = match root.remove("$schema") {
        None => None,
        Some(raw) => Some(
            serde_json::from_str::<String>(raw.get())
                .map_err(|_| shape("$schema", "expected a string, the path of site.schema.json"))?,
        ),
    };
    // The text is JSON: what the typed parse cannot see (a repeated key, which serde either
    // keeps the last of or refuses, and control characters) is found in one pass over it.
    let found = match checks {
        Checks::All => scan::scan(text),
        Checks::AlreadyPassed => scan::Scan::default(),
    };
    let lab: Lab = match root.remove("lab") {
        None => return Err(shape("lab", "missing section")),
        Some(raw) => typed(raw, "lab").map_err(|(p, m)| {
            // serde says "duplicate field `name`" without where the first one is.
            let repeated = found.duplicates.iter().find(|d| within(&d.path, "lab"));
            match repeated {
                Some(d) if m.starts_with("duplicate field") => shape(
                    d.path.clone(),
                    format!(
                        "the key {:?} is repeated (first at line {}); keep one of the two",
                        d.key, d.first.line
                    ),
                ),
                _ => shape(p, m),
            }
        })?,
    };

    let mut notices = Vec::new();
    let mut sections: BTreeMap<&str, Vec<&RawValue>> = BTreeMap::new();
    for name in SECTIONS {
        let items = match root.remove(name) {
            None if OPTIONAL_SECTIONS.contains(&name) => Vec::new(),
            None => {
                notices.push(Problem {
                    severity: Severity::Error,
                    path: name.to_string(),
                    message: "missing section; it is shown as empty (use [] when there is nothing to list)".to_string(),
                });
                Vec::new()
            }
            Some(raw) => serde_json::from_str::<Vec<&RawValue>>(raw.get()).unwrap_or_else(|_| {
                notices.push(Problem {
                    severity: Severity::Error,
                    path: name.to_string(),
                    message: "expected a list; this section was skipped".to_string(),
                });
                Vec::new()
            }),
        };
        sections.insert(name, items);
    }
    // Which topics are kinds of news: a list of slugs, optional (see `SiteData::kinds`).
    let kinds: Vec<String> = match root.remove("kinds") {
        None => Vec::new(),
        Some(raw) => serde_json::from_str(raw.get()).unwrap_or_else(|_| {
            notices.push(Problem {
                severity: Severity::Error,
                path: "kinds".to_string(),
                message:
                    "expected a list of topic slugs; it was skipped, so News has no Kind filter"
                        .to_string(),
            });
            Vec::new()
        }),
    };
    for key in root.keys() {
        notices.push(Problem {
            severity: Severity::Warning,
            path: key.clone(),
            message: "unknown section; it is ignored (check its spelling)".to_string(),
        });
    }

    fn items<T: DeserializeOwned>(
        name: &str,
        values: &[&RawValue],
        positions: &mut Vec<usize>,
        notices: &mut Vec<Problem>,
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(values.len());
        for (i, raw) in values.iter().enumerate() {
            match typed::<T>(raw, &format!("{name}[{i}]")) {
                Ok(item) => {
                    positions.push(i);
                    out.push(item);
                }
                Err((path, message)) => notices.push(match citation_stub(name, raw) {
                    Some(id) => Problem {
                        severity: Severity::Warning,
                        path: format!("{name}[{i}]"),
                        message: format!("not yet cited ({id}): run labctl cite to fill in its title, authors, venue and date; the site leaves it out until then"),
                    },
                    None => Problem {
                        severity: Severity::Error,
                        path,
                        message: format!("{message}; this item was skipped"),
                    },
                }),
            }
        }
        out
    }
    let mut positions = Positions::default();
    let data = SiteData {
        schema,
        version: DATA_VERSION,
        lab,
        topics: items(
            "topics",
            &sections["topics"],
            &mut positions.topics,
            &mut notices,
        ),
        kinds,
        members: items(
            "members",
            &sections["members"],
            &mut positions.members,
            &mut notices,
        ),
        publications: items(
            "publications",
            &sections["publications"],
            &mut positions.publications,
            &mut notices,
        ),
        news: items("news", &sections["news"], &mut positions.news, &mut notices),
        projects: items(
            "projects",
            &sections["projects"],
            &mut positions.projects,
            &mut notices,
        ),
    };

    // One report per repeated key: serde's "duplicate field" notice of a skipped item gives way
    // to the scan's, which says where both keys are.
    let item_of = |path: &str| path.find(']').map(|end| path[..=end].to_string());
    notices.retain(|n| {
        !(n.message.starts_with("duplicate field `")
            && item_of(&n.path)
                .is_some_and(|item| found.duplicates.iter().any(|d| within(&d.path, &item))))
    });
    let mut offsets = vec![None; notices.len()];
    for d in &found.duplicates {
        let skipped = SECTIONS.iter().any(|name| {
            let index = d
                .path
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.split(']').next())
                .and_then(|i| i.parse::<usize>().ok());
            index.is_some_and(|i| positions.of(name).binary_search(&i).is_err())
        });
        let outcome = if skipped {
            "keep one of the two; this item was skipped"
        } else {
            "the site reads only the last one; keep one of the two"
        };
        notices.push(Problem {
            severity: Severity::Error,
            path: d.path.clone(),
            message: format!(
                "the key {:?} is repeated (first at line {}); {outcome}",
                d.key, d.first.line
            ),
        });
        offsets.push(Some(d.again.offset));
    }
    if found.more_duplicates > 0 {
        notices.push(Problem {
            severity: Severity::Error,
            path: "$".to_string(),
            message: format!(
                "{} more repeated keys are not listed; remove the repeats above and check again",
                found.more_duplicates
            ),
        });
        offsets.push(None);
    }
    for c in &found.controls {
        notices.push(Problem {
            severity: Severity::Warning,
            path: c.path.clone(),
            message: control_message(c),
        });
        offsets.push(Some(c.at.offset));
    }
    if found.more_controls > 0 {
        notices.push(Problem {
            severity: Severity::Warning,
            path: "$".to_string(),
            message: format!(
                "{} more strings contain invisible control characters and are not listed; delete those above and check again",
                found.more_controls
            ),
        });
        offsets.push(None);
    }
    Ok(Parsed {
        data,
        positions,
        notices,
        offsets,
    })
}

/// The identifier (`doi 10.1145/…`, `arxiv 2403.02310`, `pmid 31978945`) of a publication listed
/// by identifier alone, waiting for `labctl cite` to fill it in: an item of `publications` that
/// names a DOI, an arXiv id or a PubMed id and would be a valid publication but for its missing
/// fields (`id`, `title`, `authors`, `venue`, `date`). `None` for any other item.
pub fn citation_stub(section: &str, raw: &RawValue) -> Option<String> {
    const REQUIRED: [(&str, &str); 5] = [
        ("id", "\"x\""),
        ("title", "\"x\""),
        ("authors", "[]"),
        ("venue", "\"\""),
        ("date", "\"\""),
    ];
    if section != "publications" {
        return None;
    }
    let mut item: BTreeMap<String, &RawValue> = serde_json::from_str(raw.get()).ok()?;
    let id = ["doi", "arxiv", "pmid"].iter().find_map(|key| {
        let value: String = serde_json::from_str(item.get(*key)?.get()).ok()?;
        let value = value.trim();
        (!value.is_empty()).then(|| format!("{key} {value}"))
    })?;
    let missing: Vec<_> = REQUIRED
        .iter()
        .filter(|(key, _)| !item.contains_key(*key))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let fillers: Vec<Box<RawValue>> = missing
        .iter()
        .filter_map(|(_, value)| RawValue::from_string(value.to_string()).ok())
        .collect();
    for ((key, _), filler) in missing.iter().zip(&fillers) {
        item.insert(key.to_string(), filler.as_ref());
    }
    let filled = RawValue::from_string(serde_json::to_string(&item).ok()?).ok()?;
    // Read as the loader reads items, so the wasm holds one reader of a publication, not two.
    typed::<crate::types::Publication>(&filled, section).ok()?;
    Some(id)
}

/// Whether the JSON path `path` is `ancestor` or inside it.
fn within(path: &str, ancestor: &str) -> bool {
    path.strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The notice for a string that holds a control character or a noncharacter.
fn control_message(c: &scan::ControlChar) -> String {
    let code = c.character as u32;
    let what = match code {
        0xFFFE | 0xFFFF => "the noncharacter",
        _ => "the control character",
    };
    let whose = if c.in_key {
        "its key contains"
    } else {
        "contains"
    };
    let why = match code {
        0x7F..=0x9F => "it is invisible, and usually comes from text pasted in the wrong encoding",
        _ => "it is invisible, and XML forbids it in the feed",
    };
    format!("{whose} {what} U+{code:04X}; delete it ({why})")
}

/// serde_json appends " at line L column C" to its messages; the position is reported apart.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// A fingerprint of a data file's bytes (64-bit FNV-1a, hex): the static pages record the one
/// they were rendered from, so the browser app can tell whether the file it fetched is the same
/// and the page can be taken over as it is. Not a security measure.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The text of a data file's bytes, as both the site and `labctl check` read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text; bytes that are not UTF-8 are replaced with U+FFFD.
    pub text: std::borrow::Cow<'a, str>,
    /// The offset of the first byte that is not UTF-8 (the same in the bytes and in `text`,
    /// which agree up to it), if any.
    pub bad_byte: Option<usize>,
}

impl Decoded<'_> {
    /// The notice for a file that is not valid UTF-8, if it is not.
    pub fn notice(&self) -> Option<Problem> {
        self.bad_byte.map(|offset| Problem {
            severity: Severity::Warning,
            path: "$".to_string(),
            message: format!(
                "the file is not valid UTF-8 (first bad byte at offset {offset}); broken characters show as \u{FFFD}; save the file as UTF-8"
            ),
        })
    }
}

/// Reads a data file's bytes as text: refuses a file over [`MAX_DATA_BYTES`] and a UTF-16 one
/// (by its byte order mark), and reads bytes that are not UTF-8 as U+FFFD (see
/// [`Decoded::bad_byte`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, LoadError> {
    if bytes.len() > MAX_DATA_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    match bytes {
        [0xFF, 0xFE, ..] => return Err(LoadError::Utf16 { big_endian: false }),
        [0xFE, 0xFF, ..] => return Err(LoadError::Utf16 { big_endian: true }),
        _ => {}
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.into(),
            bad_byte: None,
        },
        Err(e) => Decoded {
            text: String::from_utf8_lossy(bytes),
            bad_byte: Some(e.valid_up_to()),
        },
    })
}

/// Loads a data file from its bytes: like [`load_site`], and text that is not valid UTF-8 is read
/// with the broken bytes replaced (U+FFFD) and a notice that says where the first one is. A
/// UTF-16 file is refused with [`LoadError::Utf16`].
pub fn load_site_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_site_bytes_at(bytes, None)
}

/// [`load_site_bytes`] with today's date, for the rules that need one (a date more than a year
/// ahead is a warning). The model has no clock: the browser and the page generator pass theirs.
pub fn load_site_bytes_at(bytes: &[u8], today: Option<Date>) -> Result<Loaded, LoadError> {
    load_site_bytes_with(bytes, today, Checks::All)
}

/// [`load_site_bytes_at`] with only the checks `checks` asks for: the browser app passes
/// [`Checks::AlreadyPassed`] for the very file its page was built from when the build found no
/// problem in it. The scan and the rules are about half the work of loading a large file.
pub fn load_site_bytes_with(
    bytes: &[u8],
    today: Option<Date>,
    checks: Checks,
) -> Result<Loaded, LoadError> {
    let decoded = decode(bytes)?;
    let mut loaded = load_text(&decoded.text, today, checks)?;
    if let Some(notice) = decoded.notice() {
        loaded.notices.insert(0, notice);
    }
    Ok(loaded)
}

/// Loads a data file: parse, check every rule, index for the views.
pub fn load_site(text: &str) -> Result<Loaded, LoadError> {
    load_site_at(text, None)
}

/// [`load_site`] with today's date, for the rules that need one.
pub fn load_site_at(text: &str, today: Option<Date>) -> Result<Loaded, LoadError> {
    load_text(text, today, Checks::All)
}

/// Parses, checks as `checks` asks, and indexes for the views.
fn load_text(text: &str, today: Option<Date>, checks: Checks) -> Result<Loaded, LoadError> {
    let Parsed {
        data,
        positions,
        mut notices,
        ..
    } = parse_data_with(text, checks)?;
    if checks == Checks::All {
        notices.extend(validate::validate_at(&data, &positions, today));
    }
    Ok(Loaded {
        site: Site::new(data),
        notices,
        positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"version":1,"lab":{"name":"L","short_name":"L","institution":"I","description":"d"},
        "topics":[],"members":[],"publications":[],"news":[]}"#;

    #[test]
    fn fingerprint_is_fnv1a_of_the_bytes() {
        // Reference values of 64-bit FNV-1a.
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert_ne!(
            fingerprint(b"{\"version\":1}"),
            fingerprint(b"{\"version\":1} ")
        );
    }

    #[test]
    fn a_file_that_already_passed_is_read_without_the_scan_and_the_rules() {
        // The bundled file, as the build checks it and as the browser reads it after.
        let bytes = include_bytes!("../../../data/site.json");
        let all = load_site_bytes_with(bytes, None, Checks::All).unwrap();
        let passed = load_site_bytes_with(bytes, None, Checks::AlreadyPassed).unwrap();
        assert!(all.notices.is_empty(), "{:?}", all.notices);
        assert_eq!(passed.site.data(), all.site.data());
        assert_eq!(passed.positions, all.positions);
        assert!(passed.notices.is_empty());

        // A rule (a date that does not exist) and the scan (a control character) report only
        // when asked to...
        let broken = MINIMAL.replace(
            "\"news\":[]",
            r#""news":[{"id":"x","date":"2024-02-30","topics":[],"text":"t"}]"#,
        );
        let broken = broken.replacen("\"d\"", "\"d\\u0007\"", 1);
        let all = load_site_bytes_with(broken.as_bytes(), None, Checks::All).unwrap();
        let paths: Vec<&str> = all.notices.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["lab.description", "news[0].date", "news[0].topics"]);
        let passed = load_site_bytes_with(broken.as_bytes(), None, Checks::AlreadyPassed).unwrap();
        assert!(passed.notices.is_empty(), "{:?}", passed.notices);
        // ...and what reading finds is reported either way: nothing is dropped in silence.
        let misshapen = MINIMAL.replace(
            "\"news\":[]",
            r#""news":[{"id":"x","date":7,"topics":[],"text":"t"}]"#,
        );
        let passed =
            load_site_bytes_with(misshapen.as_bytes(), None, Checks::AlreadyPassed).unwrap();
        assert_eq!(passed.notices.len(), 1, "{:?}", passed.notices);
        assert_eq!(passed.notices[0].path, "news[0].date");
    }

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
        assert!(matches!(
            load_site("{\"version\":1} trailing"),
            Err(LoadError::NotJson { .. })
        ));
        let e = load_site(&MINIMAL.replace("\"name\":\"L\",", "")).unwrap_err();
        assert_eq!(e, shape("lab", "missing field `name`"));
        let e = load_site(&MINIMAL.replace("\"name\":\"L\"", "\"name\":7")).unwrap_err();
        assert!(
            matches!(&e, LoadError::Shape { path, message } if path == "lab.name" && message.contains("invalid type")),
            "{e:?}"
        );
    }

    #[test]
    fn a_missing_or_malformed_section_is_empty_with_a_notice() {
        let loaded = load_site(&MINIMAL.replace("\"news\":[]", "\"news\":{}")).unwrap();
        assert_eq!(loaded.notices.len(), 1);
        assert_eq!(
            (loaded.notices[0].path.as_str(), loaded.notices[0].severity),
            ("news", Severity::Error)
        );
        assert!(loaded.notices[0].message.starts_with("expected a list"));
        let loaded = load_site(&MINIMAL.replace(",\"news\":[]", "")).unwrap();
        assert_eq!(loaded.notices.len(), 1);
        assert_eq!(loaded.notices[0].path, "news");
        assert!(loaded.notices[0].message.starts_with("missing section"));
        assert!(loaded.site.data().news.is_empty());
    }

    #[test]
    fn projects_are_optional_and_a_bad_project_is_skipped() {
        // Left out: no projects, no notice.
        let loaded = load_site(MINIMAL).unwrap();
        assert!(loaded.site.data().projects.is_empty());
        assert!(loaded.notices.is_empty());
        // Not a list: empty, with a notice.
        let loaded =
            load_site(&MINIMAL.replace("\"news\":[]", "\"news\":[],\"projects\":{}")).unwrap();
        assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
        assert_eq!(loaded.notices[0].path, "projects");
        assert!(loaded.notices[0].message.starts_with("expected a list"));
        // One bad item: skipped with its path, the others kept.
        let loaded = load_site(&MINIMAL.replace(
            "\"news\":[]",
            r#""news":[],"projects":[{"slug":"a","name":"A","description":"d"},{"slug":"b","name":"B"},{"slug":"c","name":"C","description":"d","featured":true}]"#,
        ))
        .unwrap();
        let slugs: Vec<_> = loaded
            .site
            .data()
            .projects
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        assert_eq!(slugs, ["a", "c"]);
        assert_eq!(loaded.positions.projects, [0, 2]);
        assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
        assert_eq!(loaded.notices[0].path, "projects[1]");
        assert!(loaded.notices[0]
            .message
            .contains("missing field `description`"));
    }

    #[test]
    fn refuses_files_over_the_size_limit() {
        let huge = format!(
            "{{\"version\":1,\"pad\":\"{}\"}}",
            "x".repeat(MAX_DATA_BYTES)
        );
        let e = load_site(&huge).unwrap_err();
        assert!(matches!(e, LoadError::TooLarge { bytes } if bytes > MAX_DATA_BYTES));
        assert!(e.to_string().contains("reads files of up to 40 MB"), "{e}");
        assert_eq!(
            LoadError::TooLarge { bytes: 52_428_800 }.to_string(),
            "The data file is 50.0 MB; this site reads files of up to 40 MB"
        );
        assert!(LoadError::TooLarge { bytes: 1_572_864 }
            .to_string()
            .starts_with("The data file is 1.5 MB"));
        assert!(matches!(
            load_site_bytes(huge.as_bytes()),
            Err(LoadError::TooLarge { .. })
        ));
    }

    #[test]
    fn deep_nesting_skips_the_item_without_recursing() {
        // Sections are skipped over as raw text without recursion, and an item's own parse stops at
        // the first value of the wrong type, so a million levels cost neither stack nor the rest.
        for depth in [10_000, 1_000_000] {
            let deep = MINIMAL.replace(
                "\"topics\":[]",
                &format!(
                    "\"topics\":[{{\"slug\":\"a\",\"label\":\"A\"}},{}{}]",
                    "[".repeat(depth),
                    "]".repeat(depth)
                ),
            );
            let loaded = load_site(&deep).unwrap();
            assert_eq!(loaded.site.data().topics.len(), 1);
            assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
            assert!(
                loaded.notices[0].path.starts_with("topics[1]"),
                "{:?}",
                loaded.notices
            );
        }
        let e = load_site(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))).unwrap_err();
        assert!(
            matches!(&e, LoadError::NotJson { message, .. } if message.contains("recursion limit"))
                || matches!(&e, LoadError::Shape { .. }),
            "{e:?}"
        );
    }

    #[test]
    fn reads_invalid_utf8_with_a_notice() {
        let mut bytes = MINIMAL
            .replace("\"name\":\"L\"", "\"name\":\"Lab X\"")
            .into_bytes();
        let at = bytes.windows(5).position(|w| w == b"Lab X").unwrap() + 4;
        bytes[at] = 0xFF;
        let loaded = load_site_bytes(&bytes).unwrap();
        assert_eq!(loaded.site.data().lab.name, "Lab \u{FFFD}");
        assert_eq!(loaded.notices[0].path, "$");
        assert!(
            loaded.notices[0].message.contains(&format!("offset {at}")),
            "{}",
            loaded.notices[0].message
        );
        assert!(load_site_bytes(MINIMAL.as_bytes())
            .unwrap()
            .notices
            .is_empty());
    }

    #[test]
    fn refuses_utf16_in_plain_words() {
        let utf16 = |big_endian: bool| {
            let units = std::iter::once(0xFEFF).chain(MINIMAL.encode_utf16());
            units
                .flat_map(|u: u16| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect::<Vec<u8>>()
        };
        for big_endian in [false, true] {
            let e = load_site_bytes(&utf16(big_endian)).unwrap_err();
            assert_eq!(e, LoadError::Utf16 { big_endian });
            assert!(
                e.to_string()
                    .starts_with("The data file is saved as UTF-16 (")
                    && e.to_string().contains("save it as UTF-8"),
                "{e}"
            );
        }
        // A UTF-8 byte order mark is fine.
        assert!(load_site_bytes(format!("\u{FEFF}{MINIMAL}").as_bytes()).is_ok());
    }

    #[test]
    fn decodes_like_the_site() {
        let d = decode(b"{\"a\": \"caf\xE9\"}").unwrap();
        assert_eq!(d.text, "{\"a\": \"caf\u{FFFD}\"}");
        assert_eq!(d.bad_byte, Some(10));
        assert!(d.notice().unwrap().message.contains("offset 10"));
        let d = decode(b"{}").unwrap();
        assert_eq!((d.bad_byte, d.notice()), (None, None));
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
    fn a_repeated_key_is_an_error_that_says_where_both_are() {
        // A bad merge: a second, empty "publications" at the end wins, with a notice.
        let text = MINIMAL
            .replace(
                "\"publications\":[]",
                "\"publications\":[{\"id\":\"p\",\"title\":\"T\",\"authors\":[\"A\"],\"venue\":\"V\",\"date\":\"2024-01-01\"}]",
            )
            .replace(",\"news\":[]}", ",\"news\":[],\n\"publications\":[]}");
        let parsed = parse_data_placed(&text).unwrap();
        assert!(parsed.data.publications.is_empty());
        assert_eq!(parsed.notices.len(), 1, "{:?}", parsed.notices);
        let n = &parsed.notices[0];
        assert_eq!(
            (n.severity, n.path.as_str()),
            (Severity::Error, "publications")
        );
        assert_eq!(
            n.message,
            "the key \"publications\" is repeated (first at line 2); the site reads only the last one; keep one of the two"
        );
        assert_eq!(parsed.offsets, [text.rfind("\"publications\"")]);
        assert_eq!(load_site(&text).unwrap().notices, parsed.notices);

        // Inside an item: serde skips it; one notice, the scan's, with the field's path.
        let text = MINIMAL.replace(
            "\"members\":[]",
            "\"members\":[{\"slug\":\"a\",\"name\":\"A\",\"role\":\"phd\"},\n{\"slug\":\"b\",\"name\":\"B\",\"role\":\"pi\",\"name\":\"C\"}]",
        );
        let loaded = load_site(&text).unwrap();
        assert_eq!(loaded.site.data().members.len(), 1);
        assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
        assert_eq!(loaded.notices[0].path, "members[1].name");
        assert_eq!(
            loaded.notices[0].message,
            "the key \"name\" is repeated (first at line 3); keep one of the two; this item was skipped"
        );
        // Keys are compared unescaped; links are checked as deep as anything else.
        let text = MINIMAL.replace(
            "\"members\":[]",
            "\"members\":[{\"slug\":\"a\",\"name\":\"A\",\"role\":\"phd\",\"links\":{\"github\":\"x\",\"git\\u0068ub\":\"y\"}}]",
        );
        let loaded = load_site(&text).unwrap();
        let paths: Vec<_> = loaded.notices.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["members[0].links.github"]);

        // In the lab, which the site cannot do without: the load stops, and says where.
        let text = MINIMAL.replace("\"name\":\"L\",", "\"name\":\"L\",\n\"name\":\"M\",");
        assert_eq!(
            load_site(&text).unwrap_err(),
            shape(
                "lab.name",
                "the key \"name\" is repeated (first at line 1); keep one of the two"
            )
        );
    }

    #[test]
    fn control_characters_in_any_string_are_a_warning_where_they_are() {
        let text = MINIMAL.replace(
            "\"topics\":[]",
            "\"topics\":[{\"slug\":\"a\",\"label\":\"A\\u000bB\"},{\"slug\":\"b\",\"label\":\"\\t\\n\\r ok\"},{\"slug\":\"c\",\"label\":\"\\u009F\",\"x\\f\":1}]",
        );
        let parsed = parse_data_placed(&text).unwrap();
        let found: Vec<_> = parsed
            .notices
            .iter()
            .map(|n| (n.severity, n.path.as_str(), n.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Error, "topics[2].x\u{c}", "unknown field `x\u{c}`, expected `slug` or `label`; this item was skipped"),
                (Severity::Warning, "topics[0].label", "contains the control character U+000B; delete it (it is invisible, and XML forbids it in the feed)"),
                (Severity::Warning, "topics[2].label", "contains the control character U+009F; delete it (it is invisible, and usually comes from text pasted in the wrong encoding)"),
                (Severity::Warning, "topics[2].x\u{c}", "its key contains the control character U+000C; delete it (it is invisible, and XML forbids it in the feed)"),
            ]
        );
        assert_eq!(parsed.offsets[1], text.find("\\u000b"));
        let text = MINIMAL.replace("\"name\":\"L\"", "\"name\":\"L\\uFFFF\"");
        assert_eq!(
            load_site(&text).unwrap().notices[0].message,
            "contains the noncharacter U+FFFF; delete it (it is invisible, and XML forbids it in the feed)"
        );
    }

    /// Sizes that would take minutes if the scan were quadratic; nothing is timed.
    #[test]
    fn repeated_keys_are_found_in_linear_time() {
        // An unknown section of one object with 100,000 keys, each given twice (about 2 MB),
        // and an item nested 100,000 arrays deep.
        let keys: String = (0..100_000).map(|i| format!("\"k{i}\":0,")).collect();
        let text = MINIMAL.replace(
            "\"topics\":[]",
            &format!(
                "\"extra\":{{{keys}{keys}\"end\":0}},\"topics\":[{}{}]",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        );
        let parsed = parse_data_placed(&text).unwrap();
        let repeats = parsed
            .notices
            .iter()
            .filter(|n| n.message.contains(" is repeated "))
            .count();
        assert_eq!(repeats, scan::MAX_REPORTS);
        let rest = parsed.notices.iter().find(|n| n.path == "$").unwrap();
        assert_eq!(
            rest.message,
            "99900 more repeated keys are not listed; remove the repeats above and check again"
        );
        assert_eq!(parsed.notices.len(), parsed.offsets.len());
    }

    #[test]
    fn a_date_far_ahead_is_a_notice_only_with_a_clock() {
        let text = MINIMAL.replace(
            "\"news\":[]",
            r#""news":[{"id":"x","date":"2099-01-01","topics":[],"text":"t"}]"#,
        );
        let far = |loaded: Loaded| {
            loaded
                .notices
                .iter()
                .any(|p| p.path == "news[0].date" && p.message.contains("more than a year"))
        };
        assert!(!far(load_site(&text).unwrap()));
        let today = Date::parse("2026-11-30");
        assert!(far(load_site_at(&text, today).unwrap()));
        assert!(far(load_site_bytes_at(text.as_bytes(), today).unwrap()));
    }

    #[test]
    fn a_publication_listed_by_identifier_alone_is_a_warning_and_left_out() {
        let text = MINIMAL.replace(
            "\"publications\":[]",
            r#""publications":[{"doi":"10.1145/1.2"},{"arxiv":" ","topics":[]},{"pmid":"31978945","topics":["x"],"featured":true},{"doi":"10.1/x","colour":"red"},{"id":"p","title":"T","authors":["A"],"venue":"V","date":"2024-01-01"}]"#,
        );
        let loaded = load_site(&text).unwrap();
        let ids: Vec<_> = loaded
            .site
            .data()
            .publications
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, ["p"]);
        let found: Vec<_> = loaded
            .notices
            .iter()
            .map(|n| {
                (
                    n.severity,
                    n.path.as_str(),
                    n.message.split(':').next().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (Severity::Warning, "publications[0]", "not yet cited (doi 10.1145/1.2)"),
                (Severity::Error, "publications[1]", "missing field `id`; this item was skipped"),
                (Severity::Warning, "publications[2]", "not yet cited (pmid 31978945)"),
                (Severity::Error, "publications[3].colour", "unknown field `colour`, expected one of `id`, `title`, `authors`, `venue`, `date`, `url`, `doi`, `arxiv`, `pmid`, `image`, `links`, `topics`, `featured`; this item was skipped"),
            ]
        );
        assert!(loaded.notices[0].message.ends_with("run labctl cite to fill in its title, authors, venue and date; the site leaves it out until then"));
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
