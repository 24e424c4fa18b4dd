//! A post file: YAML front matter between two `---` lines, then the markdown body.

use serde::Deserialize;

use crate::Problem;

/// The front matter of a post, as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// `YYYY-MM-DD`, optionally followed by a time as Jekyll writes it (the time is ignored).
    pub date: String,
    /// Member slugs; one slug may be written without a list. `author` is read as `authors`.
    #[serde(default, alias = "author")]
    pub authors: OneOrMany,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub topics: OneOrMany,
    /// A draft is checked but not published.
    #[serde(default)]
    pub draft: bool,
}

/// A list, or one value standing for a list of one.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A post file split into its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file name without `.md`.
    pub slug: String,
    pub front: FrontMatter,
    /// The front matter's text, for finding a field's line.
    pub yaml: String,
    /// The markdown after the closing `---`.
    pub body: String,
    /// The 1-based line of the file where the front matter's first line is.
    pub yaml_line: usize,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
}

impl Source {
    /// The 1-based line of the file where `key:` is written in the front matter, or the front
    /// matter's first line.
    pub fn line_of(&self, key: &str) -> usize {
        self.yaml
            .lines()
            .position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map_or(self.yaml_line, |i| self.yaml_line + i)
    }

    /// The 1-based line where `value` is written under `key` (an item of a list written one per
    /// line, or the key's own line).
    pub fn line_of_item(&self, key: &str, value: &str) -> usize {
        let start = self.line_of(key);
        let lines: Vec<&str> = self.yaml.lines().collect();
        let first = start - self.yaml_line;
        for (i, line) in lines.iter().enumerate().skip(first + 1) {
            // The next top-level key ends the list.
            if !line.starts_with([' ', '\t', '-']) {
                break;
            }
            if line.contains(value) {
                return self.yaml_line + i;
            }
        }
        start
    }

    /// The date part of `date` (`YYYY-MM-DD`), without a time.
    pub fn date(&self) -> &str {
        let d = self.front.date.trim();
        match d.get(..10) {
            Some(day) if d.len() == 10 || d[10..].starts_with([' ', 'T']) => day,
            _ => d,
        }
    }
}

/// Splits and parses a post file. `text` may start with a byte-order mark and use CRLF line ends.
pub fn parse(slug: &str, text: &str) -> Result<Source, Problem> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Problem::error(
            1,
            1,
            "a post starts with front matter: a line `---`, the fields (title, date, authors…), and another `---`",
        ));
    }
    let mut offset = first.len();
    let mut yaml_end = None;
    for (i, line) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            yaml_end = Some((offset, offset + line.len(), i + 2));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start, closing_line)) = yaml_end else {
        return Err(Problem::error(
            1,
            1,
            "the front matter has no closing `---` line",
        ));
    };
    let yaml = &text[first.len()..yaml_end];
    let front: FrontMatter = serde_norway::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map_or((2, 1), |l| (l.line() + 1, l.column()));
        Problem::error(line, column.max(1), clean_yaml_error(&e.to_string()))
    })?;
    Ok(Source {
        slug: slug.to_string(),
        front,
        yaml: yaml.to_string(),
        body: text[body_start..].to_string(),
        yaml_line: 2,
        body_line: closing_line + 1,
    })
}

/// A YAML error without the position serde_norway appends (the problem carries it) and with a
/// plainer wording for the common case of a missing field.
fn clean_yaml_error(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("the field `{field}` is required");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "---\ntitle: Hello\ndate: 2021-04-28\nauthors: [ann, bo]\ndescription: Short.\nimage: images/x.png\ntopics: efficient-ml\n---\n\n# Body\n";

    #[test]
    fn splits_front_matter_and_body() {
        let s = parse("hello", POST).unwrap();
        assert_eq!(s.front.title, "Hello");
        assert_eq!(s.date(), "2021-04-28");
        assert_eq!(s.front.authors.to_vec(), ["ann", "bo"]);
        assert_eq!(s.front.topics.to_vec(), ["efficient-ml"]);
        assert_eq!(s.front.image.as_deref(), Some("images/x.png"));
        assert_eq!(s.body, "\n# Body\n");
        assert_eq!(s.body_line, 9);
        assert_eq!(s.line_of("authors"), 4);
        assert_eq!(s.line_of("nothing"), 2);
        let listed = parse(
            "x",
            "---\ntitle: T\ndate: 2021-01-01\nauthors:\n  - ann\n  - bo\ntopics: [x]\n---\n",
        )
        .unwrap();
        assert_eq!(listed.line_of_item("authors", "bo"), 6);
        assert_eq!(listed.line_of_item("authors", "zed"), 4);
        assert_eq!(s.line_of_item("authors", "bo"), 4);
    }

    #[test]
    fn byte_order_marks_crlf_single_authors_and_jekyll_times_are_read() {
        let text = "\u{FEFF}---\r\ntitle: T\r\ndate: 2021-04-28 10:00:00 -0400\r\nauthor: ann\r\n---\r\nBody\r\n";
        let s = parse("t", text).unwrap();
        assert_eq!(s.front.authors.to_vec(), ["ann"]);
        assert_eq!(s.date(), "2021-04-28");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 6);
    }

    #[test]
    fn bad_front_matter_is_placed() {
        let missing = parse("t", "---\ntitle: T\n---\nx").unwrap_err();
        assert_eq!(missing.message, "the field `date` is required");
        let unknown =
            parse("t", "---\ntitle: T\ndate: 2021-01-01\ncolour: red\n---\n").unwrap_err();
        assert_eq!(unknown.line, 4, "{unknown:?}");
        assert!(
            unknown.message.contains("unknown field `colour`"),
            "{unknown:?}"
        );
        let syntax = parse("t", "---\ntitle: [unclosed\ndate: 2021-01-01\n---\n").unwrap_err();
        assert!(syntax.line >= 2, "{syntax:?}");
        assert_eq!(parse("t", "# no front matter").unwrap_err().line, 1);
        assert!(parse("t", "---\ntitle: T\n")
            .unwrap_err()
            .message
            .contains("no closing"));
        assert!(parse("t", "").is_err());
    }
}
