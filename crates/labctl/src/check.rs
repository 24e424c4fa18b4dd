//! `labctl check`: every problem of a data file, each at the line and column of the value at
//! fault, in the `FILE:LINE:COLUMN: error|warning: PATH: message` form that editors and CI logs
//! link to. The rules are the model's ([`lab_model::load`] and [`lab_model::validate`]); this
//! module only places them in the text.

use std::path::Path;

use lab_model::date::Date;
use lab_model::images::local_images;
use lab_model::load::{decode, parse_data, parse_data_placed, Parsed};
use lab_model::validate::{validate_at, Severity};
use lab_model::{LoadError, DATA_VERSION};

use crate::jsontext::{
    offset_of_byte_column, position, without_surrogate_escapes, Locator, Position,
};

/// One problem, placed in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub position: Position,
    pub severity: Severity,
    /// JSON path of the value at fault, `$` for the whole file.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Adds how to fix to a message of the deserializer, which only says what is wrong. The hint
/// goes before what the loader appended (`; this item was skipped`).
fn with_hint(message: &str) -> String {
    let (what, tail) = message.split_at(message.find("; ").unwrap_or(message.len()));
    let quoted = |prefix: &str| {
        what.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let hint = if let Some(name) = quoted("missing field `") {
        format!("; add \"{name}\"")
    } else if quoted("unknown field `").is_some() {
        "; fix its spelling or remove it".to_string()
    } else if quoted("unknown variant `").is_some() {
        "; use one of those".to_string()
    } else if what.starts_with("invalid type: ") {
        "; write a value of the expected type".to_string()
    } else if what.contains("hex escape") || what.contains("surrogate") {
        "; a \\uD800-\\uDFFF escape must be half of a pair, so delete it or type the character itself".to_string()
    } else {
        String::new()
    };
    format!("{what}{hint}{tail}")
}

/// Every problem of the data file whose bytes are `bytes`, read as the site reads them
/// ([`lab_model::load::decode`]): a UTF-16 file is refused, a byte that is not UTF-8 is reported
/// at its line and column and read as U+FFFD, and the rest is checked as [`check_text`] does.
/// Returns the text as read (`None` when it could not be), for [`check_images`].
pub fn check_bytes(bytes: &[u8]) -> (Option<String>, Vec<Finding>) {
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(e) => return (None, vec![load_error("", e)]),
    };
    let text = decoded.text.into_owned();
    let mut findings = check_text(&text);
    if let Some(offset) = decoded.bad_byte {
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let offset = offset.saturating_sub(text.len() - body.len());
        // The field that holds the byte would also be reported as mis-decoded for its U+FFFD:
        // this one report, at the byte itself, says it better.
        findings.retain(|f| !f.message.contains("(contains \"\u{FFFD}\")"));
        findings.push(Finding {
            position: position(body, offset),
            severity: Severity::Warning,
            path: "$".to_string(),
            message: format!(
                "byte 0x{:02X} is not UTF-8 (the file is partly in another encoding, such as Latin-1 or Windows-1252); the site shows it as \u{FFFD}; type the character again and save the file as UTF-8",
                bytes[decoded.bad_byte.unwrap_or(0)]
            ),
        });
        findings.sort_by_key(|f| f.position);
    }
    (Some(text), findings)
}

/// The one finding of a file that cannot be loaded at all.
fn load_error(text: &str, error: LoadError) -> Finding {
    let locator = Locator::new(text);
    let at = |path: &str| position(text, locator.offset(path).unwrap_or(0));
    match error {
        LoadError::NotJson {
            line,
            column,
            message,
        } => Finding {
            position: position(text, offset_of_byte_column(text, line, column)),
            severity: Severity::Error,
            path: "$".to_string(),
            message: format!(
                "the file is not valid JSON ({message}); fix the syntax here, often a missing or extra comma, quote or bracket"
            ),
        },
        LoadError::Shape { path, message } => Finding {
            position: at(&path),
            severity: Severity::Error,
            message: format!(
                "{}; the file cannot be loaded until this is fixed",
                with_hint(&message)
            ),
            path,
        },
        LoadError::TooLarge { bytes } => Finding {
            position: position(text, 0),
            severity: Severity::Error,
            path: "$".to_string(),
            message: format!(
                "the file is {bytes} bytes, over the {} bytes the site reads; split off old items or shorten texts",
                lab_model::load::MAX_DATA_BYTES
            ),
        },
        LoadError::Version { found } => Finding {
            position: at("version"),
            severity: Severity::Error,
            path: "version".to_string(),
            message: format!(
                "the file is version {found}, but this labctl reads version {DATA_VERSION}; write \"version\": {DATA_VERSION}"
            ),
        },
        LoadError::Utf16 { big_endian } => Finding {
            position: position(text, 0),
            severity: Severity::Error,
            path: "$".to_string(),
            message: format!(
                "the file is saved as UTF-16 ({}), but the site reads UTF-8 only; save it as UTF-8 (in the editor's Save As or Encoding menu)",
                if big_endian { "big-endian" } else { "little-endian" }
            ),
        },
    }
}

/// Today's date by the system clock (UTC), for the rule on dates far in the future.
pub fn today() -> Date {
    lab_model::date::today_utc()
}

/// Every problem of the data file `text`, in file order, with today's date ([`today`]) for
/// the rules that need it. Never fails: a file that cannot be loaded at all has one problem
/// that says why and where.
pub fn check_text(text: &str) -> Vec<Finding> {
    check_text_at(text, Some(today()))
}

/// [`check_text`] as of `today` (`None`: without the rules that need a date).
pub fn check_text_at(text: &str, today: Option<Date>) -> Vec<Finding> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut findings = match parse_data_placed(text) {
        Err(e) => vec![load_error(text, e)],
        Ok(Parsed {
            data,
            positions,
            notices,
            offsets,
        }) => {
            let lenient;
            let mut locator = Locator::new(text);
            if locator.offset("$").is_none() {
                // A lone surrogate escape, which the loader reported: same offsets without it.
                lenient = without_surrogate_escapes(text);
                locator = Locator::new(&lenient);
            }
            let at = |path: &str| position(text, locator.offset(path).unwrap_or(0));
            // A notice the loader placed itself (a repeated key, a control character) stands
            // there; the others at their path's value.
            let validated = validate_at(&data, &positions, today);
            notices
                .into_iter()
                .zip(offsets)
                .chain(validated.into_iter().map(|p| (p, None)))
                .map(|(p, offset)| Finding {
                    position: offset.map_or_else(|| at(&p.path), |o| position(text, o)),
                    severity: p.severity,
                    message: with_hint(&p.message),
                    path: p.path,
                })
                .collect()
        }
    };
    findings.sort_by_key(|f| f.position);
    findings
}

/// The problems of the image files a data file names, which live relative to `dir` (the data
/// file's folder): a missing file, one that is not an image or does not decode, one too large
/// (over 20 MB or 10,000 px on a side), one whose name says another format. Each is placed at
/// every field that names the file. A file that cannot be loaded has none (see [`check_text`]).
pub fn check_images(text: &str, dir: &Path) -> Vec<Finding> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Ok((data, positions, _)) = parse_data(text) else {
        return Vec::new();
    };
    let locator = Locator::new(text);
    let mut findings = Vec::new();
    for (path, image) in local_images(&data, &positions) {
        let Some((severity, message)) = image_problem(&path, dir) else {
            continue;
        };
        for field in &image.fields {
            findings.push(Finding {
                position: position(text, locator.offset(field).unwrap_or(0)),
                severity,
                path: field.clone(),
                message: message.clone(),
            });
        }
    }
    findings
}

/// What is wrong with an image file at `path` below `dir`, or `None` when nothing is.
fn image_problem(path: &str, dir: &Path) -> Option<(Severity, String)> {
    Some(match lab_images::inspect(&dir.join(path)) {
        Ok((_, warnings)) => (
            Severity::Warning,
            format!(
                "{path} {}; the site shows it all the same, but other tools trust the name",
                warnings.first()?
            ),
        ),
        Err(lab_images::ImageError::Missing) => (
            Severity::Error,
            format!(
                "{path} does not exist; image paths are relative to the data file, so put it in {}",
                dir.join(path).display()
            ),
        ),
        Err(e @ lab_images::ImageError::NotAnImage(_)) => (
            Severity::Error,
            format!("{path} {e}; replace it with a PNG, JPEG, GIF, WebP or SVG file"),
        ),
        Err(e @ lab_images::ImageError::Corrupt(_)) => (
            Severity::Error,
            format!("{path} {e}; export or download it again"),
        ),
        Err(e) => (
            Severity::Error,
            format!("{path} {e}; the build leaves it out"),
        ),
    })
}

/// The problems of the posts in `dir/posts/` (`dir` is the data file's folder), each with its
/// file's name as `shown_dir/posts/<file>`: front matter that cannot be read, authors who are not
/// members and topics not in the vocabulary (when the data file loads), figures that are missing
/// or not images, links and images the site will not follow, formulas that cannot be read.
pub fn check_posts(text: Option<&str>, dir: &Path, shown_dir: &str) -> Vec<(String, Finding)> {
    use lab_model::images::{Encoded, ImageEntry, Rendition};
    let data = text
        .map(|t| t.strip_prefix('\u{FEFF}').unwrap_or(t))
        .and_then(|t| parse_data(t).ok())
        .map(|(data, _, _)| data);
    // Figures are checked as files below; the renderer is only asked about the rest.
    let any_image = ImageEntry {
        width: 1,
        height: 1,
        formats: vec![Encoded {
            mime: "image/png".into(),
            files: vec![Rendition {
                w: 1,
                file: String::new(),
            }],
        }],
    };
    let lookup = |_: &str| Some(&any_image);
    let cx = lab_posts::Context {
        base: "/",
        image: &lookup,
    };
    let mut out = Vec::new();
    let posts_dir = dir.join(lab_model::posts::POSTS_DIR);
    for file in lab_posts::post_files(&posts_dir) {
        let name = format!(
            "{shown_dir}{}/{}",
            lab_model::posts::POSTS_DIR,
            file.file_name().unwrap_or_default().to_string_lossy()
        );
        let mut push =
            |line: usize, column: usize, severity: Severity, path: &str, message: String| {
                out.push((
                    name.clone(),
                    Finding {
                        position: Position { line, column },
                        severity,
                        path: path.into(),
                        message,
                    },
                ));
            };
        let source = match lab_posts::read(&file) {
            Ok(source) => source,
            Err(p) => {
                push(
                    p.line,
                    p.column,
                    Severity::Error,
                    "front matter",
                    format!("{}; the site leaves the post out", p.message),
                );
                continue;
            }
        };
        let mut problems = data
            .as_ref()
            .map(|d| lab_posts::check(&source, d))
            .unwrap_or_default();
        problems.extend(lab_posts::compile(&source, &cx).1);
        for p in problems {
            let part = if p.line >= source.body_line {
                "body"
            } else {
                "front matter"
            };
            let severity = if p.error {
                Severity::Error
            } else {
                Severity::Warning
            };
            push(p.line, p.column, severity, part, p.message);
        }
        for (path, line) in lab_posts::local_images(&source) {
            if let Some((severity, message)) = image_problem(&path, dir) {
                let part = if line >= source.body_line {
                    "body"
                } else {
                    "front matter"
                };
                push(line, 1, severity, part, message);
            }
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The report of `labctl check` for `file` and its exit code: 1 when there are errors, or
/// warnings under `strict`; 0 otherwise.
pub fn report(file: &str, findings: &[Finding], strict: bool) -> (String, i32) {
    report_with(file, findings, &[], strict)
}

/// [`report`] with the findings of other files (the posts) after the data file's.
pub fn report_with(
    file: &str,
    findings: &[Finding],
    others: &[(String, Finding)],
    strict: bool,
) -> (String, i32) {
    let mut out = String::new();
    let all = findings
        .iter()
        .map(|f| (file, f))
        .chain(others.iter().map(|(file, f)| (file.as_str(), f)));
    for (file, f) in all.clone() {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "{file}:{}:{}: {level}: {}: {}\n",
            f.position.line, f.position.column, f.path, f.message
        ));
    }
    let errors = all.filter(|(_, f)| f.severity == Severity::Error).count();
    let warnings = findings.len() + others.len() - errors;
    let failed = errors > 0 || (strict && warnings > 0);
    if findings.is_empty() && others.is_empty() {
        out.push_str(&format!("{file}: no problems\n"));
    } else {
        let verdict = if failed && errors == 0 {
            "; warnings fail under --strict"
        } else {
            ""
        };
        out.push_str(&format!(
            "{file}: {}, {}{verdict}\n",
            plural(errors, "error"),
            plural(warnings, "warning")
        ));
    }
    (out, i32::from(failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = r#"{
  "version": 1,
  "lab": {"name": "L", "short_name": "L", "institution": "I", "description": "d"},
  "topics": [],
  "members": [
    {"slug": "ann", "name": "Ann", "role": "pi"}
  ],
  "publications": [],
  "news": []
}
"#;

    fn one(text: &str) -> Finding {
        let mut f = check_text(text);
        assert_eq!(f.len(), 1, "{f:?}");
        f.remove(0)
    }

    #[test]
    fn a_clean_file_has_no_findings() {
        assert_eq!(check_text(CLEAN), vec![]);
        assert_eq!(
            report("f.json", &[], true),
            ("f.json: no problems\n".to_string(), 0)
        );
    }

    #[test]
    fn rule_violations_point_at_the_value() {
        let f = one(&CLEAN.replace("\"role\": \"pi\"", "\"role\": \"wizard\""));
        assert_eq!((f.position.line, f.position.column), (6, 44));
        assert_eq!(f.path, "members[0].role");
        let f = one(&CLEAN.replace("\"slug\": \"ann\"", "\"slug\": \"Ann\""));
        assert_eq!((f.position.line, f.position.column), (6, 14));
        assert_eq!(f.path, "members[0].slug");
    }

    #[test]
    fn load_errors_have_a_position() {
        let f = one(&CLEAN.replace("\"version\": 1,", "\"version\": 1"));
        assert_eq!(
            (f.position.line, f.position.column, f.path.as_str()),
            (3, 3, "$")
        );
        let f = one(&CLEAN.replace("\"version\": 1", "\"version\": 3"));
        assert_eq!((f.position.line, f.position.column), (2, 14));
        assert!(f.message.contains("version 3"), "{}", f.message);
        let f = one(&CLEAN.replace("\"news\": []", "\"news\": {}"));
        assert_eq!(
            (f.position.line, f.position.column, f.path.as_str()),
            (9, 11, "news")
        );
        let f = one(&format!(
            "\u{FEFF}{}",
            CLEAN.replace("\"name\": \"L\", ", "")
        ));
        assert_eq!(
            (f.position.line, f.position.column, f.path.as_str()),
            (3, 10, "lab")
        );
        assert!(f.message.contains("add \"name\""), "{}", f.message);
    }

    #[test]
    fn a_repeated_key_is_placed_at_the_second_and_names_the_first() {
        let f = one(&CLEAN.replace("\"news\": []", "\"news\": [],\n  \"publications\": []"));
        assert_eq!(
            (f.position.line, f.position.column, f.severity),
            (10, 3, Severity::Error)
        );
        assert_eq!(f.path, "publications");
        assert!(
            f.message.contains("(first at line 8)") && f.message.ends_with("; keep one of the two"),
            "{}",
            f.message
        );
        let f = one(&CLEAN.replace("\"role\": \"pi\"", "\"role\": \"pi\", \"role\": \"pi\""));
        assert_eq!((f.position.line, f.position.column), (6, 50));
        assert_eq!(f.path, "members[0].role");
    }

    #[test]
    fn a_control_character_is_placed_where_it_is() {
        let f = one(&CLEAN.replace("\"name\": \"Ann\"", "\"name\": \"An\\u0007n\""));
        assert_eq!(
            (f.position.line, f.position.column, f.severity),
            (6, 32, Severity::Warning)
        );
        assert_eq!(f.path, "members[0].name");
        assert!(f.message.contains("U+0007"), "{}", f.message);
    }

    #[test]
    fn dates_far_ahead_are_checked_against_today() {
        let text = CLEAN.replace(
            "\"news\": []",
            "\"news\": [{\"id\": \"n\", \"date\": \"2099-01-01\", \"topics\": [], \"text\": \"t\"}]",
        );
        let far = |today| {
            check_text_at(&text, today)
                .into_iter()
                .filter(|f| f.path == "news[0].date")
                .count()
        };
        assert_eq!(far(None), 0);
        assert_eq!(far(Date::parse("2097-12-31")), 1);
        assert_eq!(far(Date::parse("2098-01-01")), 0);
        let today = today();
        assert!(today.year >= 2024 && Date::parse(&today.iso()) == Some(today));
    }

    #[test]
    fn deserializer_messages_get_a_hint() {
        assert_eq!(
            with_hint("missing field `title`"),
            "missing field `title`; add \"title\""
        );
        assert_eq!(
            with_hint("unknown field `tittle`, expected `id` or `title`; this item was skipped"),
            "unknown field `tittle`, expected `id` or `title`; fix its spelling or remove it; this item was skipped"
        );
        assert_eq!(
            with_hint("unknown variant `x`, expected `a` or `b`"),
            "unknown variant `x`, expected `a` or `b`; use one of those"
        );
        assert_eq!(
            with_hint("invalid type: string \"yes\", expected a boolean; this item was skipped"),
            "invalid type: string \"yes\", expected a boolean; write a value of the expected type; this item was skipped"
        );
        assert_eq!(with_hint("expected a list"), "expected a list");
    }

    #[test]
    fn exit_code_follows_severity_and_strictness() {
        let warning = Finding {
            position: Position { line: 2, column: 3 },
            severity: Severity::Warning,
            path: "a".into(),
            message: "m".into(),
        };
        let error = Finding {
            severity: Severity::Error,
            ..warning.clone()
        };
        assert_eq!(
            report("f", std::slice::from_ref(&warning), false),
            (
                "f:2:3: warning: a: m\nf: 0 errors, 1 warning\n".to_string(),
                0
            )
        );
        assert_eq!(
            report("f", std::slice::from_ref(&warning), true),
            (
                "f:2:3: warning: a: m\nf: 0 errors, 1 warning; warnings fail under --strict\n"
                    .to_string(),
                1
            )
        );
        assert_eq!(report("f", &[error.clone(), error], false).1, 1);
    }
}
