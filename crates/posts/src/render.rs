//! A post's markdown body to HTML, at build time: CommonMark with tables, footnotes,
//! strikethrough and task lists (pulldown-cmark), math to MathML (pulldown-latex), figures from
//! the image pipeline's files, heading anchors.
//!
//! The body is data, not markup: raw HTML in it is shown as text, a link is followed only when it
//! is http(s), mailto, a `#fragment` or a path of the site, and an image only when it is a file of
//! the repository or an http(s) URL. Everything else is reported and shown as text.

use std::collections::BTreeSet;

use lab_model::images::{ImageEntry, ImageRef};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::Problem;

/// The widths the build makes of a figure: 1× and 2× of a phone's and of the text column's width.
pub const FIGURE_WIDTHS: &[u32] = &[360, 720, 1080, 1440];

/// How wide a figure is shown: the text column is at most 720 px.
const FIGURE_SIZES: &str = "(min-width: 760px) 720px, calc(100vw - 2rem)";

/// What the renderer needs from the build.
pub struct Context<'a> {
    /// The site's base path with its slash (`/` or `/sail/`), for site links and image files.
    pub base: &'a str,
    /// The build's renditions of a local image path (relative to the data file).
    pub image: &'a dyn Fn(&str) -> Option<&'a ImageEntry>,
}

/// A rendered body.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// Headings, paragraphs and captions as plain text, for search.
    pub text: String,
    pub words: usize,
    /// Positions are 1-based lines and columns of the body (add the body's first line).
    pub problems: Vec<Problem>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
}

/// Line and column (1-based, in characters) of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The local images a body shows, with where (line, column of the body), so the build can make
/// their sizes before rendering.
pub fn local_images(body: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Start(Tag::Image { dest_url, .. }) = event {
            if let Some(ImageRef::Local(path)) = ImageRef::classify(&dest_url) {
                let (line, column) = position(body, range.start);
                out.push((path.to_string(), line, column));
            }
        }
    }
    out
}

/// What a link's destination is.
enum Target {
    /// Followed as written: http(s), mailto, a fragment.
    AsIs,
    /// A path of the site: written below the base.
    Site(String),
    /// Not followed.
    Refused,
}

fn classify_link(url: &str) -> Target {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c == '\\') {
        return Target::Refused;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || url.starts_with('#')
    {
        return Target::AsIs;
    }
    if url.starts_with("//") {
        return Target::Refused;
    }
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:`, ahead of any `/?#`.
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    if let Some(colon) = scheme_end {
        if path_start.is_none_or(|p| colon < p) {
            return Target::Refused;
        }
    }
    Target::Site(url.trim_start_matches('/').to_string())
}

/// `id` text of a heading: lowercase letters and digits, other runs as one hyphen.
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// The width a figure is shown at, in CSS pixels: at most the text column, and at most half its
/// own width, so that it stays sharp on a 2× screen (a small source is shown small, not blurred).
fn shown_width(entry: &ImageEntry) -> u32 {
    (entry.width / 2).clamp(1, 720)
}

/// `<picture>` for a local image the build made, as the app's picture component writes one.
fn picture(entry: &ImageEntry, alt: &str, base: &str) -> Option<String> {
    let fallback = entry.fallback()?;
    let largest = fallback.files.last()?;
    let width = shown_width(entry);
    let sizes = if width >= 720 {
        FIGURE_SIZES.to_string()
    } else {
        format!(
            "(min-width: {}px) {width}px, calc(100vw - 2rem)",
            width + 32
        )
    };
    let mut html = String::from("<picture>");
    for source in entry.sources() {
        html.push_str(&format!(
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{sizes}\">",
            escape(&source.mime),
            escape(&source.srcset(base))
        ));
    }
    let shown = fallback.at_least(width * 2).unwrap_or(largest);
    html.push_str(&format!(
        "<img src=\"{base}{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{width}\" height=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\"></picture>",
        escape(&shown.file),
        escape(&fallback.srcset(base)),
        entry.height_at(width),
        escape(alt)
    ));
    Some(html)
}

/// MathML for a formula, or the reason it cannot be read.
fn mathml(latex: &str, block: bool) -> Result<String, String> {
    use pulldown_latex::config::DisplayMode;
    let storage = pulldown_latex::Storage::new();
    let events: Vec<_> = pulldown_latex::Parser::new(latex, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        let first = e.to_string();
        return Err(first.lines().next().unwrap_or("").to_string());
    }
    let config = pulldown_latex::RenderConfig {
        display_mode: if block {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(latex),
        ..Default::default()
    };
    let mut out = String::new();
    pulldown_latex::push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Renders a body. Never fails: what cannot be shown as meant is shown as text and reported.
pub fn render(body: &str, cx: &Context) -> Rendered {
    let mut problems = Vec::new();
    let mut problem = |offset: usize, message: String, error: bool| {
        let (line, column) = position(body, offset);
        problems.push(if error {
            Problem::error(line, column, message)
        } else {
            Problem::warning(line, column, message)
        });
    };
    let source: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    // One `<h1>` per page, the post's title: a body that uses `#` headings is moved down a level.
    let shift = source.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });

    let mut events: Vec<Event> = Vec::with_capacity(source.len());
    let mut text = String::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut heading: Option<(HeadingLevel, usize)> = None;
    // Whether the link being written was refused (its end tag is then left out too).
    let mut refused_links: Vec<bool> = Vec::new();
    let mut in_code_block = false;
    let mut warned_html = false;
    let mut i = 0;
    while i < source.len() {
        let (event, range) = &source[i];
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if !warned_html {
                    warned_html = true;
                    problem(
                        range.start,
                        "raw HTML is shown as text, not as markup: write it in markdown (this is said once per post)".into(),
                        false,
                    );
                }
                events.push(Event::Text(raw.clone()));
                text.push_str(raw);
            }
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, .. }) => {
                let level = if shift { down(*level) } else { *level };
                heading = Some((level, events.len()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    let title: String = events[start + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let mut id = slugify(&title);
                    let mut n = 2;
                    while !ids.insert(id.clone()) {
                        id = format!("{}-{n}", slugify(&title));
                        n += 1;
                    }
                    events[start] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id.clone())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    });
                    events.push(Event::Html(CowStr::from(format!(
                        " <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"Link to the section {}\">#</a>",
                        escape(&title)
                    ))));
                    events.push(Event::End(TagEnd::Heading(level)));
                    text.push('\n');
                }
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => match classify_link(dest_url) {
                Target::AsIs => {
                    refused_links.push(false);
                    events.push(Event::Html(CowStr::from(link_open(dest_url, title))));
                }
                Target::Site(path) => {
                    refused_links.push(false);
                    events.push(Event::Html(CowStr::from(link_open(
                        &format!("{}{path}", cx.base),
                        title,
                    ))));
                }
                Target::Refused => {
                    refused_links.push(true);
                    problem(
                        range.start,
                        format!(
                            "the link to {:?} is shown as text: only http(s), mailto, #fragment and site links are followed",
                            dest_url.as_ref()
                        ),
                        false,
                    );
                }
            },
            Event::End(TagEnd::Link) => {
                if refused_links.pop() == Some(false) {
                    events.push(Event::Html(CowStr::Borrowed("</a>")));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // The image's alt text is the text up to its end tag.
                let end = (i + 1..source.len())
                    .find(|&j| matches!(source[j].0, Event::End(TagEnd::Image)))
                    .unwrap_or(source.len());
                let alt: String = source[i + 1..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                // A paragraph holding only an image is a figure, its title the caption.
                let figure = matches!(events.last(), Some(Event::Start(Tag::Paragraph)))
                    && matches!(
                        source.get(end + 1),
                        Some((Event::End(TagEnd::Paragraph), _))
                    );
                let img = image_html(dest_url, &alt, cx).unwrap_or_else(|why| {
                    problem(range.start, why, true);
                    format!("<span class=\"missing-image\">[{}]</span>", escape(&alt))
                });
                if figure {
                    events.pop();
                    let caption = if title.is_empty() {
                        String::new()
                    } else {
                        format!("<figcaption>{}</figcaption>", escape(title))
                    };
                    events.push(Event::Html(CowStr::from(format!(
                        "<figure>{img}{caption}</figure>"
                    ))));
                    text.push_str(title);
                    text.push('\n');
                    i = end + 2;
                    continue;
                }
                events.push(Event::Html(CowStr::from(img)));
                i = end + 1;
                continue;
            }
            Event::InlineMath(latex) | Event::DisplayMath(latex) => {
                let block = matches!(event, Event::DisplayMath(_));
                match mathml(latex, block) {
                    Ok(html) => events.push(Event::Html(CowStr::from(html))),
                    Err(why) => {
                        problem(range.start, format!("the formula `{latex}` cannot be read ({why}); it is shown as written"), false);
                        events.push(Event::Code(latex.clone()));
                    }
                }
                text.push_str(latex);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                events.push(event.clone());
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                events.push(event.clone());
            }
            Event::Text(t) | Event::Code(t) => {
                if !in_code_block {
                    text.push_str(t);
                }
                events.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                events.push(event.clone());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                text.push('\n');
                events.push(event.clone());
            }
            _ => events.push(event.clone()),
        }
        i += 1;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // The page's policy allows no inline styles: table alignment becomes a class.
    for align in ["left", "center", "right"] {
        html = html.replace(
            &format!(" style=\"text-align: {align}\""),
            &format!(" class=\"align-{align}\""),
        );
    }
    let words = text.split_whitespace().count();
    Rendered {
        html,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        words,
        problems,
    }
}

fn link_open(href: &str, title: &str) -> String {
    if title.is_empty() {
        format!("<a href=\"{}\">", escape(href))
    } else {
        format!("<a href=\"{}\" title=\"{}\">", escape(href), escape(title))
    }
}

fn down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// HTML for an image of the body, or why it cannot be shown.
fn image_html(url: &str, alt: &str, cx: &Context) -> Result<String, String> {
    match ImageRef::classify(url) {
        Some(ImageRef::Local(path)) => {
            let entry = (cx.image)(path).ok_or_else(|| {
                format!("the figure {path} is not an image the build could read (it must be a file under data/, given relative to the data file)")
            })?;
            picture(entry, alt, cx.base)
                .ok_or_else(|| format!("the figure {path} has no encoded files"))
        }
        Some(ImageRef::External(url)) => Ok(format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\">",
            escape(url),
            escape(alt)
        )),
        None => Err(format!(
            "the image address {url:?} is not shown: use a path relative to the data file or an https URL"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab_model::images::{Encoded, Rendition};

    fn entry() -> ImageEntry {
        ImageEntry {
            width: 1600,
            height: 800,
            formats: vec![
                Encoded {
                    mime: "image/avif".into(),
                    files: vec![Rendition {
                        w: 720,
                        file: "img/ab-720.avif".into(),
                    }],
                },
                Encoded {
                    mime: "image/png".into(),
                    files: vec![Rendition {
                        w: 720,
                        file: "img/ab-720.png".into(),
                    }],
                },
            ],
        }
    }

    fn render_md(body: &str) -> Rendered {
        let e = entry();
        let lookup = |p: &str| (p == "images/fig.png").then_some(&e);
        render(
            body,
            &Context {
                base: "/sail/",
                image: &lookup,
            },
        )
    }

    #[test]
    fn headings_get_anchors_and_move_below_the_title() {
        let r = render_md("# Intro\n\ntext\n\n## How it's done\n\n# Intro\n");
        assert!(
            r.html
                .contains("<h2 id=\"intro\">Intro <a class=\"heading-anchor\" href=\"#intro\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"how-it-s-done\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"intro-2\">"), "{}", r.html);
        let r = render_md("## Kept\n");
        assert!(r.html.contains("<h2 id=\"kept\">"), "{}", r.html);
    }

    #[test]
    fn a_lone_image_is_a_figure_with_its_caption_and_the_builds_files() {
        let r = render_md("Before.\n\n![A grid](images/fig.png \"The grid of models\")\n\nAfter ![inline](images/fig.png).\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.html.contains("<figure><picture><source type=\"image/avif\" srcset=\"/sail/img/ab-720.avif 720w\""), "{}", r.html);
        assert!(
            r.html.contains("<img src=\"/sail/img/ab-720.png\""),
            "{}",
            r.html
        );
        // Shown at most half its own width (sharp at 2×) and at most the text column.
        assert!(
            r.html
                .contains("width=\"720\" height=\"360\" alt=\"A grid\""),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<figcaption>The grid of models</figcaption></figure>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<p><figure>"), "{}", r.html);
        // An image inside a sentence stays inline.
        assert!(r.html.contains("<p>After <picture>"), "{}", r.html);
        assert!(r.text.contains("The grid of models"));
    }

    #[test]
    fn a_small_figure_is_shown_at_half_its_size() {
        let small = ImageEntry {
            width: 319,
            height: 326,
            ..entry()
        };
        assert_eq!(shown_width(&small), 159);
        let html = picture(&small, "x", "/").unwrap();
        assert!(html.contains("width=\"159\" height=\"162\""), "{html}");
        assert!(
            html.contains("sizes=\"(min-width: 191px) 159px, calc(100vw - 2rem)\""),
            "{html}"
        );
    }

    #[test]
    fn a_missing_figure_is_reported_where_it_is_and_shown_as_its_alt_text() {
        let r = render_md("Text.\n\n  ![The plot](images/missing.png)\n");
        assert_eq!(r.problems.len(), 1);
        let p = &r.problems[0];
        assert_eq!((p.line, p.column), (3, 3));
        assert!(p.message.contains("images/missing.png"), "{}", p.message);
        assert!(r.html.contains("[The plot]"), "{}", r.html);
    }

    #[test]
    fn math_becomes_mathml() {
        let r = render_md("About $10^{19}$ models.\n\n$$\\sum_{i=1}^n x_i$$\n");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.html.contains("<math"), "{}", r.html);
        assert!(r.html.contains("<msup>"), "{}", r.html);
        assert!(r.html.contains("display=\"block\""), "{}", r.html);
        let bad = render_md("Broken $\\frac{1}$ here.\n");
        assert_eq!(bad.problems.len(), 1, "{:?}", bad.problems);
        assert!(bad.html.contains("<code>"), "{}", bad.html);
    }

    #[test]
    fn raw_html_is_text() {
        let r = render_md(
            "<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> b <b>bold</b>\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img src=x"), "{}", r.html);
        assert!(!r.html.contains("<b>"), "{}", r.html);
        assert!(
            r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            r.html
        );
        assert_eq!(
            r.problems.len(),
            1,
            "one warning per post: {:?}",
            r.problems
        );
        assert!(r.problems[0]
            .message
            .starts_with("raw HTML is shown as text"));
    }

    #[test]
    fn only_safe_links_are_followed() {
        let r = render_md(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) [d](vbscript:x) [e](//evil.example/x) [f](https://ok.example/?a=\"b\") [g](mailto:x@y.org) [h](/members/ann) [i](#intro) [j](members/bo)\n",
        );
        for bad in [
            "javascript",
            "JaVaScRiPt",
            "data:",
            "vbscript",
            "evil.example",
        ] {
            assert!(!r.html.contains(bad), "{bad}: {}", r.html);
        }
        assert_eq!(r.problems.len(), 5, "{:?}", r.problems);
        assert!(
            r.html
                .contains("<a href=\"https://ok.example/?a=&quot;b&quot;\">f</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"mailto:x@y.org\">g</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"/sail/members/ann\">h</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a href=\"#intro\">i</a>"), "{}", r.html);
        assert!(
            r.html.contains("<a href=\"/sail/members/bo\">j</a>"),
            "{}",
            r.html
        );
        // The refused links' words stay.
        assert!(r.html.contains("a b c d e"), "{}", r.html);
    }

    #[test]
    fn hostile_image_addresses_stay_inert() {
        let r = render_md("![x](javascript:alert(1))\n\n![y](data:image/png;base64,AAAA)\n\n![z](../../etc/passwd)\n\n![w](https://img.example/a.png \"caption\")\n");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("data:image"), "{}", r.html);
        assert!(!r.html.contains("passwd\""), "{}", r.html);
        assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
        assert!(
            r.html
                .contains("<img src=\"https://img.example/a.png\" alt=\"w\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn tables_footnotes_strikethrough_and_task_lists() {
        let r = render_md("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nNote[^1] ~~old~~\n\n- [x] done\n\n[^1]: The note.\n");
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("class=\"align-left\""), "{}", r.html);
        assert!(!r.html.contains("style="), "{}", r.html);
        assert!(r.html.contains("<del>old</del>"), "{}", r.html);
        assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    #[test]
    fn text_and_words_leave_code_blocks_out() {
        let r = render_md("## Title\n\nOne two three.\n\n```\nlet hidden = 1;\n```\n");
        assert_eq!(r.text, "Title One two three.");
        assert_eq!(r.words, 4);
        assert!(r.html.contains("<pre><code>let hidden = 1;"), "{}", r.html);
    }

    #[test]
    fn local_images_are_listed_with_their_positions() {
        assert_eq!(
            local_images(
                "x\n\n![a](images/a.png) ![b](https://x.example/b.png) ![c](javascript:x)"
            ),
            [("images/a.png".to_string(), 3, 1)]
        );
    }
}
