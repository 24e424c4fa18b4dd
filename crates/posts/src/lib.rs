//! Long-form posts, natively at build time: a post file (`data/posts/<slug>.md`) is front matter
//! ([`front`]) and a markdown body ([`render`]); [`compile`] turns one into the
//! [`lab_model::posts::Post`] the views show, and reports what is wrong with it, placed by line
//! and column, for `labctl check` and the build alike.

pub mod front;
pub mod render;

use std::fmt;
use std::path::{Path, PathBuf};

use lab_model::date::Date;
use lab_model::images::{ImageEntry, ImageRef};
use lab_model::posts::{reading_minutes, Post};
use lab_model::text::is_slug;
use lab_model::SiteData;

pub use front::{FrontMatter, Source};
pub use render::{Context, Rendered, FIGURE_WIDTHS};

/// Something wrong with a post, at a 1-based line and column of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub error: bool,
    pub message: String,
}

impl Problem {
    pub fn error(line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            column,
            error: true,
            message: message.into(),
        }
    }

    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            column,
            error: false,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.error { "error" } else { "warning" };
        write!(f, "{}:{}: {kind}: {}", self.line, self.column, self.message)
    }
}

/// The post files of a folder (`*.md`), sorted by name; an absent folder has none.
pub fn post_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

/// Reads and splits a post file. The slug is the file name without `.md`.
pub fn read(path: &Path) -> Result<Source, Problem> {
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path)
        .map_err(|e| Problem::error(1, 1, format!("cannot read the post: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problem::error(line, column, "the post is not UTF-8 text: save it as UTF-8")
    })?;
    front::parse(&slug, &text)
}

/// The checks of a post's front matter against the data file: a slug that can be an address, a
/// title, a real date, authors who are members, topics of the vocabulary, an image address.
pub fn check(source: &Source, data: &SiteData) -> Vec<Problem> {
    let mut problems = Vec::new();
    let f = &source.front;
    if !is_slug(&source.slug) {
        problems.push(Problem::error(
            1,
            1,
            format!(
                "the file name {:?} is the post's address: use lowercase letters, digits and hyphens",
                source.slug
            ),
        ));
    }
    if f.title.trim().is_empty() {
        problems.push(Problem::error(
            source.line_of("title"),
            1,
            "the title is empty",
        ));
    }
    if Date::parse(source.date()).is_none() {
        problems.push(Problem::error(
            source.line_of("date"),
            1,
            format!(
                "the date {:?} is not a real date written YYYY-MM-DD",
                f.date
            ),
        ));
    }
    let authors = f.authors.to_vec();
    if authors.is_empty() {
        problems.push(Problem::warning(
            source.line_of("authors"),
            1,
            "no authors: list the member slugs of who wrote it (authors: [slug, …])",
        ));
    }
    for a in &authors {
        if !data.members.iter().any(|m| &m.slug == a) {
            let hint = data
                .members
                .iter()
                .find(|m| lab_model::text::name_key(&m.name) == lab_model::text::name_key(a))
                .map(|m| format!("; did you mean `{}`?", m.slug))
                .unwrap_or_else(|| "; authors are member slugs, as in members[].slug".into());
            problems.push(Problem::error(
                source.line_of_item("authors", a),
                1,
                format!("unknown author `{a}`{hint}"),
            ));
        }
    }
    for t in f.topics.to_vec() {
        if !data.topics.iter().any(|v| v.slug == t) {
            problems.push(Problem::error(
                source.line_of_item("topics", &t),
                1,
                format!("unknown topic `{t}`: topics come from the data file's topics list"),
            ));
        } else if data.kinds.contains(&t) {
            problems.push(Problem::warning(
                source.line_of_item("topics", &t),
                1,
                format!("`{t}` is a kind of news item (the data file's kinds), and posts are filtered by topic only; use a topic"),
            ));
        }
    }
    if let Some(image) = &f.image {
        if ImageRef::classify(image).is_none() {
            problems.push(Problem::error(
                source.line_of("image"),
                1,
                format!(
                    "the image {image:?} must be a path relative to the data file or an https URL"
                ),
            ));
        }
    }
    problems
}

/// A post for the views: its front matter and its body rendered. Problems of the body are
/// placed on the file's lines.
pub fn compile(source: &Source, cx: &Context) -> (Post, Vec<Problem>) {
    let rendered = render::render(&source.body, cx);
    let problems = rendered
        .problems
        .into_iter()
        .map(|p| Problem {
            line: p.line + source.body_line - 1,
            ..p
        })
        .collect();
    let f = &source.front;
    let description = match f.description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => d.to_string(),
        _ => lab_model::pages::truncate_words(&rendered.text, 160),
    };
    let post = Post {
        slug: source.slug.clone(),
        title: f.title.trim().to_string(),
        date: source.date().to_string(),
        authors: f.authors.to_vec(),
        description,
        image: f.image.clone(),
        topics: f.topics.to_vec(),
        html: rendered.html,
        text: rendered.text,
        minutes: reading_minutes(rendered.words),
    };
    (post, problems)
}

/// Every local image a post shows (its front-matter image and its figures), with the file line
/// that names it.
pub fn local_images(source: &Source) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    if let Some(ImageRef::Local(path)) = source.front.image.as_deref().and_then(ImageRef::classify)
    {
        out.push((path.to_string(), source.line_of("image")));
    }
    for (path, line, _) in render::local_images(&source.body) {
        out.push((path, line + source.body_line - 1));
    }
    out
}

/// No image lookups: for checks that do not build images.
pub fn no_images(_: &str) -> Option<&'static ImageEntry> {
    None
}
