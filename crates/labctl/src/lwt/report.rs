//! What an import did, line by line, grouped by kind: what was imported, what was changed on
//! the way and why, what could not be carried over, and what `labctl check` still warns about;
//! each line names the source file and line it comes from.

use std::collections::BTreeSet;
use std::fmt;

/// Where something comes from: a file of the LWT checkout (relative to it) and a 1-based line
/// (0 when the whole file is meant).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl Origin {
    pub fn new(file: &str, line: usize) -> Origin {
        Origin {
            file: file.to_string(),
            line,
        }
    }

    /// The same file at another line.
    pub fn at(&self, line: usize) -> Origin {
        Origin::new(&self.file, line)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// The kinds of report lines, in the order the report prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An item of the source now in the data (or a post file, an image).
    Imported,
    /// A value that was changed on the way, and why.
    Changed,
    /// Something of the source the new site does not have.
    NotCarried,
    /// A warning of `labctl check` on the result (errors never remain).
    Warning,
}

impl Kind {
    fn heading(self) -> &'static str {
        match self {
            Kind::Imported => "Imported",
            Kind::Changed => "Changed on the way",
            Kind::NotCarried => "Not carried over",
            Kind::Warning => "Warnings of labctl check on the result",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    pub at: Origin,
    pub text: String,
}

/// How many items of each section the result holds, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub members: usize,
    pub publications: usize,
    pub posts: usize,
    pub projects: usize,
    pub news: usize,
    pub topics: usize,
    pub images: usize,
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub lines: Vec<Line>,
    pub counts: Counts,
    /// Files that would be or were written, relative to the output folder.
    pub written: Vec<String>,
    /// Lines already given once (a note that would repeat for every item of a file).
    once: BTreeSet<(Kind, String, String)>,
}

impl Report {
    pub fn push(&mut self, kind: Kind, at: Origin, text: impl Into<String>) {
        self.lines.push(Line {
            kind,
            at,
            text: text.into(),
        });
    }

    pub fn imported(&mut self, at: Origin, text: impl Into<String>) {
        self.push(Kind::Imported, at, text);
    }

    pub fn changed(&mut self, at: Origin, text: impl Into<String>) {
        self.push(Kind::Changed, at, text);
    }

    pub fn not_carried(&mut self, at: Origin, text: impl Into<String>) {
        self.push(Kind::NotCarried, at, text);
    }

    /// [`Report::push`] unless the same kind and text was already given for the same file.
    pub fn once(&mut self, kind: Kind, at: Origin, text: impl Into<String>) {
        let text = text.into();
        if self.once.insert((kind, at.file.clone(), text.clone())) {
            self.push(kind, at, text);
        }
    }

    /// A value changed on the way: one line naming the field, the old and new value and why,
    /// when they differ.
    pub fn value_changed(&mut self, at: &Origin, what: &str, old: &str, new: &str, why: &[String]) {
        if old != new && !why.is_empty() {
            self.changed(
                at.clone(),
                format!("{what}: {old:?} became {new:?} ({})", why.join("; ")),
            );
        }
    }

    /// The lines of one kind.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.kind == kind)
    }

    /// How many lines of one kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.of(kind).count()
    }

    /// The one-line summary the report ends with.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        format!(
            "import-lwt: {}, {}, {}, {}, {}, {}, {}; {}, {}, {}",
            n(c.members, "member", "members"),
            n(c.publications, "publication", "publications"),
            n(c.posts, "post", "posts"),
            n(c.projects, "project", "projects"),
            n(c.news, "news item", "news items"),
            n(c.topics, "topic", "topics"),
            n(c.images, "image", "images"),
            n(self.count(Kind::Changed), "change", "changes"),
            n(
                self.count(Kind::NotCarried),
                "thing not carried over",
                "things not carried over"
            ),
            n(self.count(Kind::Warning), "check warning", "check warnings"),
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for kind in [
            Kind::Imported,
            Kind::Changed,
            Kind::NotCarried,
            Kind::Warning,
        ] {
            let mut lines: Vec<&Line> = self.of(kind).collect();
            if lines.is_empty() {
                continue;
            }
            // File order, then line order; lines of one place keep the order they were given.
            lines.sort_by(|a, b| a.at.cmp(&b.at));
            writeln!(f, "{} ({}):", kind.heading(), lines.len())?;
            for l in lines {
                if l.at.file.is_empty() {
                    writeln!(f, "  {}", l.text)?;
                } else {
                    writeln!(f, "  {}: {}", l.at, l.text)?;
                }
            }
        }
        f.write_str(&self.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_lines_by_kind_and_sorts_them_by_place() {
        let mut r = Report::default();
        r.not_carried(Origin::new("b.md", 3), "gone");
        r.imported(Origin::new("b.md", 2), "two");
        r.imported(Origin::new("a.md", 0), "one");
        r.once(Kind::Changed, Origin::new("a.md", 4), "tabs");
        r.once(Kind::Changed, Origin::new("a.md", 9), "tabs");
        r.value_changed(
            &Origin::new("c", 1),
            "name",
            "A ",
            "A",
            &["trailing spaces".into()],
        );
        r.value_changed(&Origin::new("c", 1), "name", "A", "A", &["nothing".into()]);
        r.counts.members = 1;
        let text = r.to_string();
        assert!(
            text.starts_with(
                "Imported (2):\n  a.md: one\n  b.md:2: two\nChanged on the way (2):\n  a.md:4: tabs\n  c:1: name: \"A \" became \"A\" (trailing spaces)\nNot carried over (1):\n  b.md:3: gone\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("import-lwt: 1 member, 0 publications, 0 posts, 0 projects, 0 news items, 0 topics, 0 images; 2 changes, 1 thing not carried over, 0 check warnings"), "{text}");
    }
}
