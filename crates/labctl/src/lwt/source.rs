//! Reading an LWT checkout leniently: text in any encoding real repositories hold (a byte order
//! mark, CRLF line ends, Latin-1 bytes, UTF-16), Jekyll front matter, and YAML as people write
//! it (tabs for indentation, a key given twice, one broken entry among a hundred good ones).
//! Nothing here fails: what cannot be read is reported and left out, and the rest is read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_norway::{Mapping, Value};

use super::report::{Kind, Origin, Report};

/// An LWT checkout on disk.
pub struct Repo {
    pub root: PathBuf,
    /// Files read with CRLF line ends, reported together at the end.
    pub crlf: BTreeSet<String>,
}

impl Repo {
    pub fn new(root: &Path) -> Repo {
        Repo {
            root: root.to_path_buf(),
            crlf: BTreeSet::new(),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn is_file(&self, rel: &str) -> bool {
        self.path(rel).is_file()
    }

    /// The text of a file of the checkout, `None` when it does not exist or cannot be read.
    pub fn read(&mut self, rel: &str, report: &mut Report) -> Option<String> {
        let bytes = std::fs::read(self.path(rel)).ok()?;
        let (text, crlf) = decode_text(&bytes, rel, report);
        if crlf {
            self.crlf.insert(rel.to_string());
        }
        Some(text)
    }

    /// Every file below the folder `rel` (recursively, `.`-files and folders left out), as
    /// paths relative to the checkout, sorted.
    pub fn files_under(&self, rel: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![rel.trim_end_matches('/').to_string()];
        let mut seen = 0usize;
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(self.path(&dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                seen += 1;
                if seen > 200_000 {
                    break;
                }
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let child = if dir.is_empty() {
                    name
                } else {
                    format!("{dir}/{name}")
                };
                // Symbolic links are not followed into folders (a loop would never end).
                match entry.file_type() {
                    Ok(t) if t.is_dir() => stack.push(child),
                    Ok(t) if t.is_file() || t.is_symlink() => out.push(child),
                    _ => {}
                }
            }
        }
        out.sort();
        out
    }

    /// The one-line notice for the files read with CRLF line ends.
    pub fn report_crlf(&self, report: &mut Report) {
        if self.crlf.is_empty() {
            return;
        }
        let names: Vec<&str> = self.crlf.iter().map(String::as_str).take(5).collect();
        let more = self.crlf.len().saturating_sub(names.len());
        report.changed(
            Origin::default(),
            format!(
                "{} file{} had Windows (CRLF) line ends, read as plain line ends: {}{}",
                self.crlf.len(),
                if self.crlf.len() == 1 { "" } else { "s" },
                names.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ),
        );
    }
}

/// Text from a file's bytes: a UTF-8 (or UTF-16) byte order mark dropped, UTF-16 decoded, a
/// byte that is not UTF-8 read as Windows-1252, line ends made `\n`. Returns whether the file
/// had CRLF line ends.
pub fn decode_text(bytes: &[u8], file: &str, report: &mut Report) -> (String, bool) {
    let at = Origin::new(file, 1);
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        report.changed(
            at.clone(),
            "the file starts with a byte order mark; ignored",
        );
        utf8_or_windows_1252(rest, file, report)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let big = bytes[0] == 0xFE;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if big {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        report.changed(at.clone(), "the file is saved as UTF-16; read as such");
        String::from_utf16_lossy(&units)
    } else {
        utf8_or_windows_1252(bytes, file, report)
    };
    let crlf = text.contains('\r');
    let text = if crlf {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    (text, crlf)
}

fn utf8_or_windows_1252(bytes: &[u8], file: &str, report: &mut Report) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            report.changed(
                Origin::new(file, line),
                "the file is not UTF-8 (from this line on); its other bytes were read as Windows-1252",
            );
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        out.push(super::clean::windows_1252_char(bad[0]));
                        rest = &bad[1..];
                    }
                }
            }
            out
        }
    }
}

/// A Jekyll file split at its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The YAML between the `---` lines, `None` when the file has none.
    pub front: Option<String>,
    /// 1-based line of the front matter's first YAML line.
    pub front_line: usize,
    pub body: String,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

/// Splits `text` at its front matter: a first line `---`, then YAML up to a line `---` (or
/// `...`). Without a closing line, the file has no front matter.
pub fn split_front_matter(text: &str) -> Doc {
    let whole = Doc {
        front: None,
        front_line: 0,
        body: text.to_string(),
        body_line: 1,
    };
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return whole,
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let start = offset;
    for (i, line) in lines.enumerate() {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Doc {
                front: Some(text[start..offset].to_string()),
                front_line: 2,
                body: text[offset + line.len()..].to_string(),
                body_line: i + 3,
            };
        }
        offset += line.len();
    }
    whole
}

/// The 1-based line (from `first_line`) of the top-level `key:` in a YAML text, or `first_line`.
pub fn key_line(yaml: &str, key: &str, first_line: usize) -> usize {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(first_line, |i| first_line + i)
}

/// Pieces of a YAML text that start at its outermost indentation: the items of a list, or the
/// keys of a mapping, each with its 0-based first line.
fn top_level_chunks(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let significant = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
    };
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let base = lines
        .iter()
        .filter(|l| significant(l))
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    let mut chunks: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "---" || t == "..." {
            continue;
        }
        let starts = significant(line) && indent(line) == base;
        match chunks.last_mut() {
            Some((_, chunk)) if !starts => {
                chunk.push_str(line.get(base.min(indent(line))..).unwrap_or(""));
                chunk.push('\n');
            }
            _ if starts => chunks.push((i, format!("{}\n", &line[base..]))),
            _ => {}
        }
    }
    chunks
}

/// `text` with each tab of a line's indentation replaced by `width` spaces, and a tab after a
/// `key:` by a space; `None` when it has no such tab.
fn without_tabs(text: &str, width: usize) -> Option<String> {
    if !text.contains('\t') {
        return None;
    }
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (indent, rest) = line.split_at(lead);
        if indent.contains('\t') {
            changed = true;
        }
        out.push_str(&indent.replace('\t', &" ".repeat(width)));
        if rest.contains(":\t") {
            changed = true;
        }
        out.push_str(&rest.replace(":\t", ": "));
    }
    changed.then_some(out)
}

fn parse(text: &str) -> Result<Value, serde_norway::Error> {
    serde_norway::from_str::<Value>(text)
}

fn error_line(e: &serde_norway::Error, first_line: usize) -> usize {
    e.location()
        .map_or(first_line, |l| first_line + l.line().saturating_sub(1))
}

/// The message of a YAML error without its position (the report gives it).
fn error_text(e: &serde_norway::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Parses YAML leniently. `first_line` is the line of the text's first line in `file`. A text
/// that does not parse is tried again with its tabs made spaces, then piece by piece (each item
/// of a list, each key of a mapping): the pieces that parse are kept, and each one that does not
/// is reported. A key given twice keeps its last value, as Jekyll does. `None` for an empty text.
pub fn load_yaml(text: &str, file: &str, first_line: usize, report: &mut Report) -> Option<Value> {
    load_placed(text, file, first_line, report).map(|(v, _)| v)
}

/// [`load_yaml`], with the first line of each item when the text is a list read piece by piece.
fn load_placed(
    text: &str,
    file: &str,
    first_line: usize,
    report: &mut Report,
) -> Option<(Value, Option<Vec<usize>>)> {
    if text.trim().is_empty() {
        return None;
    }
    let at = Origin::new(file, first_line);
    match parse(text) {
        Ok(Value::Null) => return None,
        Ok(v) => return Some((v, None)),
        Err(_) => {}
    }
    for width in [2, 4] {
        if let Some(fixed) = without_tabs(text, width) {
            if let Ok(v) = parse(&fixed) {
                let line = text
                    .lines()
                    .position(|l| l.contains('\t'))
                    .map_or(first_line, |i| first_line + i);
                report.changed(
                    at.at(line),
                    format!(
                        "YAML may not be indented with tabs; each tab was read as {width} spaces"
                    ),
                );
                return Some((v, None));
            }
        }
    }
    let mut items: Vec<Value> = Vec::new();
    let mut item_lines: Vec<usize> = Vec::new();
    let mut map = Mapping::new();
    let mut key_lines: Vec<(Value, usize)> = Vec::new();
    for (i, chunk) in &top_level_chunks(text) {
        let line = first_line + i;
        let fixed = without_tabs(chunk, 2);
        let parsed = parse(chunk).or_else(|e| fixed.as_deref().map_or(Err(e), parse));
        match parsed {
            Ok(Value::Sequence(seq)) => {
                item_lines.extend(std::iter::repeat_n(line, seq.len()));
                items.extend(seq);
            }
            Ok(Value::Mapping(m)) => {
                for (k, v) in m {
                    if let Some((_, first)) = key_lines.iter().find(|(key, _)| *key == k) {
                        report.changed(
                            at.at(line),
                            format!(
                                "{} is given twice (first at line {first}); the last one is kept, as Jekyll does",
                                scalar(&k).unwrap_or_default()
                            ),
                        );
                    } else {
                        key_lines.push((k.clone(), line));
                    }
                    map.insert(k, v);
                }
            }
            Ok(Value::Null) => {}
            Ok(other) => {
                items.push(other);
                item_lines.push(line);
            }
            Err(e) => {
                let bad = chunk.lines().next().unwrap_or("").trim();
                report.not_carried(
                    at.at(error_line(&e, line)),
                    format!(
                        "cannot read this YAML ({}), so the entry starting {:?} was left out",
                        error_text(&e),
                        shorten(bad, 60)
                    ),
                );
            }
        }
    }
    if !map.is_empty() {
        Some((Value::Mapping(map), None))
    } else if !items.is_empty() {
        Some((Value::Sequence(items), Some(item_lines)))
    } else {
        None
    }
}

/// The items of a YAML list file with the line each starts at. A file that is not a list is
/// reported and gives nothing.
pub fn load_yaml_list(text: &str, file: &str, report: &mut Report) -> Vec<(Value, Origin)> {
    let Some((value, placed)) = load_placed(text, file, 1, report) else {
        return Vec::new();
    };
    let items = match value {
        Value::Sequence(items) => items,
        Value::Mapping(_) => {
            report.not_carried(
                Origin::new(file, 1),
                "expected a list of entries (lines starting with -), found a mapping; nothing was read from it",
            );
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    let lines = placed.unwrap_or_else(|| {
        top_level_chunks(text)
            .into_iter()
            .filter(|(_, c)| c.starts_with('-'))
            .map(|(i, _)| i + 1)
            .collect()
    });
    let lines_known = lines.len() == items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let line = if lines_known { lines[i] } else { 0 };
            (v, Origin::new(file, line))
        })
        .collect()
}

/// At most `n` characters of `s`, with `…` when cut.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n).collect();
        format!("{cut}…")
    }
}

/// The value under `key` of a mapping (`None` for another value).
pub fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Mapping(m) => m
            .iter()
            .find(|(k, _)| scalar(k).as_deref() == Some(key))
            .map(|(_, v)| v),
        Value::Tagged(t) => get(&t.value, key),
        _ => None,
    }
}

/// A scalar as text: a string as it is, a number or a boolean as written; `None` for null, a
/// list or a mapping.
pub fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

/// The scalar under `key`, when present and not blank.
pub fn text(v: &Value, key: &str) -> Option<String> {
    get(v, key)
        .and_then(scalar)
        .filter(|s| !s.trim().is_empty())
}

/// The scalars of a list (nested lists flattened); a lone scalar is a list of one.
pub fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(items)) => items
            .iter()
            .flat_map(|i| match i {
                Value::Sequence(_) => list(Some(i)),
                other => scalar(other).into_iter().collect(),
            })
            .filter(|s| !s.trim().is_empty())
            .collect(),
        Some(Value::Tagged(t)) => list(Some(&t.value)),
        Some(other) => scalar(other)
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect(),
        None => Vec::new(),
    }
}

/// Tags as LWT takes them: a list, or one string of comma-separated tags.
pub fn tags(v: Option<&Value>) -> Vec<String> {
    list(v)
        .into_iter()
        .flat_map(|t| {
            t.split(',')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The keys of a mapping, as text, in order.
pub fn keys(v: &Value) -> Vec<String> {
    match v {
        Value::Mapping(m) => m.keys().filter_map(scalar).collect(),
        Value::Tagged(t) => keys(&t.value),
        _ => Vec::new(),
    }
}

/// Reports the keys of a mapping that the import does not carry over (one line for all).
pub fn report_unknown_keys(
    v: &Value,
    known: &[&str],
    ignored: &[&str],
    at: &Origin,
    what: &str,
    report: &mut Report,
) {
    let unknown: Vec<String> = keys(v)
        .into_iter()
        .filter(|k| !known.contains(&k.as_str()) && !ignored.contains(&k.as_str()))
        .collect();
    if !unknown.is_empty() {
        report.push(
            Kind::NotCarried,
            at.clone(),
            format!(
                "{what}: the field{} {} {} no place in the new site",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", "),
                if unknown.len() == 1 { "has" } else { "have" }
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_crlf_and_latin1() {
        let mut r = Report::default();
        let (t, crlf) = decode_text(b"\xEF\xBB\xBF---\r\nname: Ren\xE9e\r\n", "m.md", &mut r);
        assert_eq!((t.as_str(), crlf), ("---\nname: Renée\n", true));
        assert_eq!(r.lines.len(), 2, "{r}");
        let mut r = Report::default();
        let (t, _) = decode_text(b"\xFF\xFEa\x00\n\x00", "u.md", &mut r);
        assert_eq!(t, "a\n");
        let (t, crlf) = decode_text(b"plain", "p", &mut r);
        assert_eq!((t.as_str(), crlf), ("plain", false));
    }

    #[test]
    fn splits_front_matter() {
        let d = split_front_matter("---\na: 1\n---\nbody\n");
        assert_eq!(d.front.as_deref(), Some("a: 1\n"));
        assert_eq!((d.body.as_str(), d.body_line), ("body\n", 4));
        let d = split_front_matter("---\na: 1\nno end\n");
        assert_eq!(d.front, None);
        let d = split_front_matter("text\n---\n");
        assert_eq!(d.front, None);
        let d = split_front_matter("---\n---\n");
        assert_eq!(d.front.as_deref(), Some(""));
        assert_eq!(key_line("a: 1\nname: x\n", "name", 2), 3);
        assert_eq!(key_line("a: 1\n", "name", 2), 2);
    }

    #[test]
    fn reads_messy_yaml() {
        let mut r = Report::default();
        let v = load_yaml("name: A\nlinks:\n\tgithub: a\n", "f", 2, &mut r).unwrap();
        assert_eq!(
            text(get(&v, "links").unwrap(), "github").as_deref(),
            Some("a")
        );
        assert!(r.lines[0].text.contains("tabs"), "{r}");
        assert_eq!(r.lines[0].at.line, 4);

        let mut r = Report::default();
        let v = load_yaml("name: A\nrole: pi\nname: B\n", "f", 1, &mut r).unwrap();
        assert_eq!(text(&v, "name").as_deref(), Some("B"));
        assert!(
            r.lines[0].text.contains("given twice (first at line 1)"),
            "{r}"
        );

        let mut r = Report::default();
        let items = load_yaml_list(
            "# c\n- id: a\n  title: A\n- id: b\n  title: [unclosed\n- id: c\n",
            "c.yaml",
            &mut r,
        );
        let ids: Vec<_> = items
            .iter()
            .map(|(v, at)| (text(v, "id").unwrap(), at.line))
            .collect();
        assert_eq!(ids, [("a".to_string(), 2), ("c".to_string(), 6)]);
        assert_eq!(r.count(Kind::NotCarried), 1, "{r}");

        let mut r = Report::default();
        let items = load_yaml_list("- id: a\n\n- id: b\n", "c.yaml", &mut r);
        let lines: Vec<usize> = items.iter().map(|(_, at)| at.line).collect();
        assert_eq!(lines, [1, 3]);
        assert!(load_yaml_list("a: 1\n", "c.yaml", &mut r).is_empty());
        assert!(load_yaml("", "c", 1, &mut r).is_none());
    }

    #[test]
    fn reads_scalars_lists_and_tags() {
        let v: Value =
            serde_norway::from_str("a: 2020\nb: [x, [y]]\nc: 'p, q'\nd: true\n").unwrap();
        assert_eq!(text(&v, "a").as_deref(), Some("2020"));
        assert_eq!(list(get(&v, "b")), ["x", "y"]);
        assert_eq!(tags(get(&v, "c")), ["p", "q"]);
        assert_eq!(text(&v, "d").as_deref(), Some("true"));
        assert_eq!(keys(&v), ["a", "b", "c", "d"]);
        assert_eq!(shorten("abcdef", 3), "abc…");
    }
}
