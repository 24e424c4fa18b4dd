//! LWT's markup turned into the markdown the new site reads. Jekyll runs Liquid first, so this
//! does too: `{% include figure.html … %}` becomes a figure (`![alt](path "caption")`),
//! `button.html` a link, `cols.html`, `grid.html`, `float.html` and `feature.html` their contents
//! one after another, `alert.html` a quotation, `portrait.html` a link to the profile, `{% raw %}`
//! its text as written; other tags and `{{ … }}` outputs are dropped with a line in the report.
//! Then raw HTML, which the new site shows as text, becomes markdown (`<a>`, `<img>`, `<b>`, …)
//! or goes (`<center>`, comments), kramdown's `{: .class}` attributes go, and links are made
//! ones the new site follows: `/members/<slug>` only for a member that exists (a broken link of
//! the old site is reported and becomes text), `/research` → `/publications`, and so on.
//!
//! [`Markup::block`] gives a post's body; [`Markup::inline`] one line of the inline subset that
//! text fields take (a bio, a news item, a description).

use std::collections::BTreeMap;

use serde_norway::Value;

use super::clean::web_url;
use super::images::Images;
use super::report::{Kind, Origin, Report};
use super::source::{get, keys, shorten, text};

/// One entry of `_data/types.yaml`: what LWT shows for a role, a link key or a button type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Type {
    pub description: Option<String>,
    pub text: Option<String>,
    /// A URL template with `$VALUE` (`https://github.com/$VALUE`).
    pub link: Option<String>,
}

/// `_data/types.yaml`, or LWT's defaults for the link keys when the site has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Types(pub BTreeMap<String, Type>);

/// The link templates of LWT 1.x, for a site whose types.yaml lacks them.
const DEFAULT_LINKS: [(&str, &str); 10] = [
    ("email", "mailto:$VALUE"),
    ("orcid", "https://orcid.org/$VALUE"),
    (
        "google-scholar",
        "https://scholar.google.com/citations?user=$VALUE",
    ),
    ("github", "https://github.com/$VALUE"),
    ("twitter", "https://twitter.com/$VALUE"),
    ("facebook", "https://facebook.com/$VALUE"),
    ("instagram", "https://instagram.com/$VALUE"),
    ("youtube", "https://youtube.com/$VALUE"),
    ("linkedin", "https://www.linkedin.com/in/$VALUE"),
    ("bluesky", "https://bsky.app/profile/$VALUE"),
];

impl Types {
    pub fn from_yaml(v: Option<&Value>) -> Types {
        Types::from_yaml_files(v.map(std::slice::from_ref).unwrap_or_default())
    }

    /// The types of several files, later ones winning (LWT 0.x's `links.yaml` and
    /// `roles.yaml`, then 1.x's `types.yaml`). A role's description may be its `text` (0.x); a
    /// link template's placeholder `$LINK` (0.x) or `$VALUE`.
    pub fn from_yaml_files(files: &[Value]) -> Types {
        let mut map = BTreeMap::new();
        for (key, link) in DEFAULT_LINKS {
            map.insert(
                key.to_string(),
                Type {
                    link: Some(link.to_string()),
                    ..Type::default()
                },
            );
        }
        for v in files {
            for key in keys(v) {
                let Some(entry) = get(v, &key) else { continue };
                let t: &mut Type = map.entry(key.clone()).or_default();
                t.description = text(entry, "description").or(t.description.take());
                t.text = text(entry, "text").or(t.text.take());
                t.link = text(entry, "link")
                    .map(|l| l.replace("$LINK", "$VALUE"))
                    .or(t.link.take());
            }
        }
        Types(map)
    }

    pub fn get(&self, key: &str) -> Option<&Type> {
        self.0.get(key)
    }

    /// A link value of `key` made a URL: a URL as it is, otherwise the type's template filled
    /// in (`github: jane` → `https://github.com/jane`).
    pub fn link_url(&self, key: &str, value: &str) -> Option<String> {
        let value = value.trim();
        let lower = value.to_ascii_lowercase();
        if lower.contains("://") || lower.starts_with("mailto:") {
            return web_url(value).map(|(url, _)| url);
        }
        match self.get(key).and_then(|t| t.link.as_deref()) {
            Some(template)
                if template.contains("$VALUE") && !value.contains(char::is_whitespace) =>
            {
                let value = value.trim_start_matches('@');
                Some(template.replace("$VALUE", value))
            }
            _ => None,
        }
    }
}

/// What the translation needs to know about the rest of the site.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub types: Types,
    /// Member slug → name.
    pub members: BTreeMap<String, String>,
    /// Citation lookups for `citation.html`: (LWT id or title, title, link).
    pub citations: Vec<(String, String, Option<String>)>,
    /// `YYYY-MM-DD-name` of each post → its slug in the new site.
    pub posts: BTreeMap<String, String>,
    /// The old site's own address, with and without its base path (`https://lab.org/base`).
    pub site_prefixes: Vec<String>,
    /// Paths of the old site's pages that the new site answers: old → new.
    pub pages: BTreeMap<String, String>,
}

/// Where the text being translated comes from, and where its results go.
pub struct Sink<'a> {
    pub images: &'a mut Images,
    pub report: &'a mut Report,
    /// The file, and the line of the text's first line.
    pub at: Origin,
    /// The folder of the file, for image paths relative to it.
    pub near: Option<String>,
}

impl Sink<'_> {
    fn line(&self, lines: &Lines, offset: usize) -> Origin {
        self.at.at(self.at.line + lines.before(offset))
    }

    fn once(&mut self, what: impl Into<String>) {
        let at = self.at.clone();
        self.report.once(Kind::Changed, at, what);
    }
}

/// The line starts of one text, for the line of an offset in logarithmic time (a report line
/// per tag of a long text must not cost a scan of the text each).
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    /// How many line ends come before `offset`.
    pub fn before(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset)
    }
}

/// The translator.
pub struct Markup<'c> {
    pub ctx: &'c Context,
}

/// The byte range of the next Liquid tag or output at or after `from`: `(start, inner start,
/// inner end, end, is a tag)`; `None` when there is none or it is never closed.
fn next_liquid(text: &str, from: usize) -> Option<(usize, usize, usize, usize, bool)> {
    let rest = text.get(from..)?;
    let i = rest.find('{').and_then(|mut i| loop {
        let after = &rest[i..];
        if after.starts_with("{%") || after.starts_with("{{") {
            return Some(i);
        }
        i += 1 + after[1..].find('{')?;
    })?;
    let start = from + i;
    let is_tag = text[start..].starts_with("{%");
    let close = if is_tag { "%}" } else { "}}" };
    let end = text[start + 2..].find(close).map(|e| start + 2 + e)?;
    Some((start, start + 2, end, end + 2, is_tag))
}

/// The name and the rest of a tag's inside, without whitespace-control dashes.
fn tag_parts(inner: &str) -> (String, &str) {
    let inner = inner
        .trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    match inner.split_once(char::is_whitespace) {
        Some((name, rest)) => (name.to_lowercase(), rest.trim()),
        None => (inner.to_lowercase(), ""),
    }
}

/// The first tag named one of `names` at or after `from`, with the depth of tags named `open`
/// counted (for nested captures): `(start, end)` of the closing tag.
fn find_closing(text: &str, from: usize, open: &str, close: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut pos = from;
    while let Some((start, a, b, end, is_tag)) = next_liquid(text, pos) {
        pos = end;
        if !is_tag {
            continue;
        }
        let (name, _) = tag_parts(&text[a..b]);
        if name == open && open != close {
            depth += 1;
        } else if name == close {
            if depth == 0 {
                return Some((start, end));
            }
            depth -= 1;
        }
    }
    None
}

/// `key=value` parameters of an include, in order. Quoted values as written; an unquoted value
/// is a variable (its capture), a literal (`true`, `400px`), or unknown (left out).
fn include_params(args: &str, vars: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = args.trim_start();
    // The file name.
    let name_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest = rest[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_string();
        rest = rest[key_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            // A flag without a value.
            if !key.is_empty() {
                out.insert(key, "true".to_string());
            }
            if key_end == 0 {
                rest = rest.get(1..).unwrap_or("");
            }
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(e) => (Some(after[1..1 + e].to_string()), &after[e + 2..]),
                None => (Some(after[1..].to_string()), ""),
            },
            _ => {
                let e = after.find(char::is_whitespace).unwrap_or(after.len());
                let word = &after[..e];
                let value = if let Some(v) = vars.get(word) {
                    Some(v.clone())
                } else if word.contains('.')
                    && !word.chars().next().is_some_and(|c| c.is_ascii_digit())
                {
                    None
                } else {
                    Some(word.to_string())
                };
                (value, &after[e..])
            }
        };
        if let (false, Some(v)) = (key.is_empty(), value) {
            out.insert(key, v);
        }
        rest = next.trim_start();
    }
    out
}

/// Text for a markdown link title or image alt: one line, quotes escaped.
fn attribute_text(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = strip_inline_markdown(&one_line);
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        if matches!(
            c,
            '\\' | '"' | '<' | '[' | ']' | '{' | '}' | '`' | '*' | '_'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `[label](url)` → `label`, `*x*` → `x`: the text a reader sees.
fn strip_inline_markdown(s: &str) -> String {
    let nodes = lab_model::markdown::parse(s);
    lab_model::markdown::plain_text(&nodes)
}

/// Splits markdown into `(is code, text)` pieces: fenced code blocks apart from the rest.
fn split_code_blocks(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let push = |code: bool, line: &str, out: &mut Vec<(bool, String)>| match out.last_mut() {
        Some((c, s)) if *c == code => s.push_str(line),
        _ => out.push((code, line.to_string())),
    };
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let run = |c: char| t.chars().take_while(|&x| x == c).count();
        match fence {
            None => {
                let opened = ['`', '~']
                    .into_iter()
                    .find(|&c| indent <= 3 && run(c) >= 3)
                    .map(|c| (c, run(c)));
                if let Some(f) = opened {
                    fence = Some(f);
                    push(true, line, &mut out);
                } else {
                    push(false, line, &mut out);
                }
            }
            Some((c, n)) => {
                push(true, line, &mut out);
                if indent <= 3 && run(c) >= n && t.trim_start_matches(c).trim().is_empty() {
                    fence = None;
                }
            }
        }
    }
    out
}

/// The byte length of an inline code span starting at `i` (a run of backticks and its closing
/// run), or `None` when it is never closed.
fn code_span(s: &str, i: usize) -> Option<usize> {
    let run = s[i..].bytes().take_while(|&b| b == b'`').count();
    let after = i + run;
    let mut pos = after;
    // A code span ends at the end of its paragraph.
    let mut end = (after + SCAN_LIMIT).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let end = end;
    while let Some(j) = s.get(pos..end)?.find('`') {
        let start = pos + j;
        let n = s[start..].bytes().take_while(|&b| b == b'`').count();
        if n == run {
            // A code span ends with its paragraph.
            return (!s[after..start].contains("\n\n")).then_some(start + n - i);
        }
        pos = start + n;
    }
    None
}

/// How far a search for the end of a tag, a link or a code span looks (so that text full of
/// unclosed ones takes linear time); real ones end much sooner.
const SCAN_LIMIT: usize = 16 * 1024;

/// How far the end of an HTML tag is looked for.
const TAG_LIMIT: usize = 2048;

/// Tags whose content goes with them.
const DROPPED_ELEMENTS: [&str; 13] = [
    "script", "style", "video", "audio", "object", "embed", "form", "svg", "canvas", "noscript",
    "button", "select", "template",
];

/// One HTML tag at `i` of `s`: `(name lowercase, closing, attributes, length)`.
fn html_tag(s: &str, i: usize) -> Option<(String, bool, BTreeMap<String, String>, usize)> {
    let mut end = (i + 1 + SCAN_LIMIT).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &s[i + 1..end];
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // The tag's end: the first `>` outside quotes, before any `<` outside quotes (then it was
    // not a tag), within a short reach.
    let mut quote: Option<u8> = None;
    let mut gt = None;
    for (j, &b) in rest
        .as_bytes()
        .iter()
        .enumerate()
        .skip(name_len)
        .take(TAG_LIMIT)
    {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'<') => return None,
            (None, b'>') => {
                gt = Some(j);
                break;
            }
            _ => {}
        }
    }
    let rest = &rest[..gt? + 1];
    let mut attrs = BTreeMap::new();
    let mut pos = name_len;
    let bytes = rest.as_bytes();
    loop {
        while pos < bytes.len() && (bytes[pos] as char).is_ascii_whitespace() {
            pos += 1;
        }
        match bytes.get(pos) {
            None => return None,
            Some(b'>') => {
                let len = 1 + usize::from(closing) + pos + 1;
                return Some((name.to_ascii_lowercase(), closing, attrs, len));
            }
            Some(b'/') => pos += 1,
            Some(_) => {
                let key_len = rest[pos..]
                    .find(|c: char| c == '=' || c == '>' || c == '/' || c.is_ascii_whitespace())
                    .unwrap_or(rest.len() - pos);
                if key_len == 0 {
                    pos += 1;
                    continue;
                }
                let key = rest[pos..pos + key_len].to_ascii_lowercase();
                pos += key_len;
                let mut value = String::new();
                if rest[pos..].trim_start().starts_with('=') {
                    pos += rest[pos..].find('=')? + 1;
                    while pos < bytes.len() && (bytes[pos] as char).is_ascii_whitespace() {
                        pos += 1;
                    }
                    match bytes.get(pos) {
                        Some(&q @ (b'"' | b'\'')) => {
                            let end = rest[pos + 1..].find(q as char)?;
                            value = rest[pos + 1..pos + 1 + end].to_string();
                            pos += end + 2;
                        }
                        _ => {
                            let end = rest[pos..]
                                .find(|c: char| c == '>' || c.is_ascii_whitespace())
                                .unwrap_or(rest.len() - pos);
                            value = rest[pos..pos + end].to_string();
                            pos += end;
                        }
                    }
                }
                attrs.insert(key, value);
            }
        }
    }
}

/// The offset of the closing tag `</name>` at or after `from` (any case), and its end.
fn closing_tag(s: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut window = (from + SCAN_LIMIT).min(s.len());
    while !s.is_char_boundary(window) {
        window -= 1;
    }
    let hay = s.get(from..window)?;
    let mut pos = 0;
    while let Some(j) = hay[pos..].find("</") {
        let start = pos + j;
        let after = &hay[start + 2..];
        let named = after
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named && after[name.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            let end = start + 2 + name.len() + after[name.len()..].find('>')? + 1;
            return Some((from + start, from + end));
        }
        pos = start + 2;
    }
    None
}

/// Where the markdown links of one text are: for each `[` its `]` (escapes respected, nested
/// pairs skipped) and for each `(` its `)` on the same line, found in one pass so that a text of
/// many unclosed brackets costs no more than its length.
struct LinkParts {
    bracket_end: std::collections::HashMap<usize, usize>,
    paren_end: std::collections::HashMap<usize, usize>,
}

impl LinkParts {
    fn new(s: &str) -> LinkParts {
        let mut bracket_end = std::collections::HashMap::new();
        let mut paren_end = std::collections::HashMap::new();
        let (mut open_brackets, mut open_parens): (Vec<usize>, Vec<usize>) =
            (Vec::new(), Vec::new());
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'[' => open_brackets.push(i),
                b']' => {
                    if let Some(o) = open_brackets.pop() {
                        bracket_end.insert(o, i);
                    }
                }
                b'(' => open_parens.push(i),
                b')' => {
                    if let Some(o) = open_parens.pop() {
                        paren_end.insert(o, i);
                    }
                }
                b'\n' => open_parens.clear(),
                _ => {}
            }
            i += 1;
        }
        LinkParts {
            bracket_end,
            paren_end,
        }
    }

    /// The `]`, `(` and `)` of a link or image whose `[` is at `open`.
    fn at(&self, s: &str, open: usize) -> Option<(usize, usize, usize)> {
        let close = *self.bracket_end.get(&open)?;
        if s.as_bytes().get(close + 1) != Some(&b'(') {
            return None;
        }
        let end = *self.paren_end.get(&(close + 1))?;
        Some((close, close + 1, end))
    }
}

impl Markup<'_> {
    /// Runs Liquid the way Jekyll would, as far as markdown can say it.
    fn liquid(
        &self,
        text: &str,
        sink: &mut Sink<'_>,
        vars: &mut BTreeMap<String, String>,
        depth: usize,
    ) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        let lines = Lines::new(text);
        while pos < text.len() {
            let Some((start, a, b, end, is_tag)) = next_liquid(text, pos) else {
                let rest = &text[pos..];
                if rest.contains("{%") || rest.contains("{{") {
                    let at = sink.line(&lines, pos + rest.find('{').unwrap_or(0));
                    sink.report.not_carried(
                        at,
                        "a Liquid tag is never closed ({% without %}, or {{ without }}); its braces were dropped",
                    );
                    out.push_str(&rest.replace("{%", "").replace("{{", ""));
                } else {
                    out.push_str(rest);
                }
                break;
            };
            out.push_str(&text[pos..start]);
            pos = end;
            let at = sink.line(&lines, start);
            if !is_tag {
                out.push_str(&self.output(&text[a..b], &at, sink));
                continue;
            }
            let (name, args) = tag_parts(&text[a..b]);
            match name.as_str() {
                "raw" => match find_closing(text, end, "", "endraw") {
                    Some((s, e)) => {
                        out.push_str(&text[end..s]);
                        pos = e;
                    }
                    None => {
                        out.push_str(&text[end..]);
                        pos = text.len();
                    }
                },
                "comment" => {
                    pos = find_closing(text, end, "comment", "endcomment")
                        .map_or(text.len(), |(_, e)| e);
                }
                "capture" => {
                    let var = args.split_whitespace().next().unwrap_or("").to_string();
                    let (content_end, after) = find_closing(text, end, "capture", "endcapture")
                        .unwrap_or((text.len(), text.len()));
                    let inner = &text[end..content_end];
                    let mut inner_sink = Sink {
                        images: sink.images,
                        report: sink.report,
                        at: at.clone(),
                        near: sink.near.clone(),
                    };
                    let content = if depth < 8 {
                        self.liquid(inner, &mut inner_sink, vars, depth + 1)
                    } else {
                        String::new()
                    };
                    vars.insert(var, content);
                    pos = after;
                }
                "assign" => {
                    if let Some((var, value)) = args.split_once('=') {
                        let value = value.trim();
                        let literal = value
                            .strip_prefix('"')
                            .and_then(|v| v.strip_suffix('"'))
                            .or_else(|| {
                                value.strip_prefix('\'').and_then(|v| v.strip_suffix('\''))
                            });
                        if let Some(l) = literal {
                            vars.insert(var.trim().to_string(), l.to_string());
                        }
                    }
                }
                "highlight" => {
                    let lang = args.split_whitespace().next().unwrap_or("");
                    let (content_end, after) = find_closing(text, end, "", "endhighlight")
                        .unwrap_or((text.len(), text.len()));
                    let code = text[end..content_end].trim_matches('\n');
                    out.push_str(&format!("\n```{lang}\n{code}\n```\n"));
                    pos = after;
                }
                "include" => {
                    let file = args.split_whitespace().next().unwrap_or("").to_string();
                    let params = include_params(args, vars);
                    let mut inner_sink = Sink {
                        images: sink.images,
                        report: sink.report,
                        at: at.clone(),
                        near: sink.near.clone(),
                    };
                    out.push_str(&self.include(&file, &params, &mut inner_sink, vars, depth));
                }
                "post_url" => match self.ctx.posts.get(args.trim()) {
                    Some(slug) => out.push_str(&format!("/posts/{slug}/")),
                    None => {
                        sink.report.not_carried(
                            at,
                            format!("{{% post_url {args} %}} names no post; the link was dropped"),
                        );
                    }
                },
                "link" => {
                    let path = args.trim();
                    let stem = path
                        .strip_prefix("_posts/")
                        .map(|p| p.rsplit_once('.').map_or(p, |(s, _)| s));
                    match stem.and_then(|s| self.ctx.posts.get(s)) {
                        Some(slug) => out.push_str(&format!("/posts/{slug}/")),
                        None => {
                            let page = path.rsplit_once('.').map_or(path, |(s, _)| s);
                            let page = page.strip_suffix("index").unwrap_or(page);
                            out.push('/');
                            out.push_str(page);
                        }
                    }
                }
                "if" | "unless" | "elsif" | "else" | "endif" | "endunless" | "for" | "endfor"
                | "case" | "when" | "endcase" | "break" | "continue" | "cycle" | "tablerow"
                | "endtablerow" => {
                    sink.report.once(
                        Kind::Changed,
                        at,
                        "Liquid conditions and loops ({% if %}, {% for %}…) cannot be carried over; their tags were dropped and what they held kept as it is",
                    );
                }
                other => {
                    sink.report.not_carried(
                        at,
                        format!(
                            "the Liquid tag {{% {} %}} has no equivalent; dropped",
                            shorten(format!("{other} {args}").trim(), 60)
                        ),
                    );
                }
            }
        }
        out
    }

    /// `{{ … }}`: a quoted path through `relative_url` becomes the path, `site.baseurl` nothing;
    /// anything else is dropped.
    fn output(&self, inner: &str, at: &Origin, sink: &mut Sink<'_>) -> String {
        let mut parts = inner.trim().trim_matches('-').trim().split('|');
        let head = parts.next().unwrap_or("").trim();
        let filters: Vec<&str> = parts
            .map(|f| f.trim().split(':').next().unwrap_or("").trim())
            .collect();
        let literal = head
            .strip_prefix('"')
            .and_then(|h| h.strip_suffix('"'))
            .or_else(|| head.strip_prefix('\'').and_then(|h| h.strip_suffix('\'')));
        if let Some(l) = literal {
            if filters
                .iter()
                .any(|f| *f == "relative_url" || *f == "absolute_url")
                && !l.contains("://")
            {
                return format!("/{}", l.trim_start_matches('/'));
            }
            return l.to_string();
        }
        if matches!(head, "site.baseurl" | "site.url" | "site.github.url") {
            return String::new();
        }
        sink.report.not_carried(
            at.clone(),
            format!(
                "the Liquid output {{{{ {} }}}} has no value outside Jekyll; dropped",
                shorten(inner.trim(), 50)
            ),
        );
        String::new()
    }

    /// One `{% include … %}`, as markdown.
    fn include(
        &self,
        file: &str,
        p: &BTreeMap<String, String>,
        sink: &mut Sink<'_>,
        vars: &mut BTreeMap<String, String>,
        depth: usize,
    ) -> String {
        let name = file.trim_end_matches(".html").to_lowercase();
        let at = sink.at.clone();
        let param = |k: &str| {
            p.get(k)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let block = |s: String| {
            if s.trim().is_empty() {
                String::new()
            } else {
                format!("\n\n{}\n\n", s.trim())
            }
        };
        let nested = |text: &str, sink: &mut Sink<'_>, vars: &mut BTreeMap<String, String>| {
            if depth < 8 {
                self.liquid(text, sink, vars, depth + 1)
            } else {
                String::new()
            }
        };
        match name.as_str() {
            "figure" => {
                let Some(image) = param("image") else {
                    sink.report
                        .not_carried(at, "a figure without an image was dropped");
                    return String::new();
                };
                let caption = param("caption").map(|c| nested(&c, sink, vars));
                let near = sink.near.clone();
                let Some(src) = sink
                    .images
                    .resolve(&image, near.as_deref(), &at, sink.report)
                else {
                    return caption
                        .map(|c| block(format!("*{}*", c.trim())))
                        .unwrap_or_default();
                };
                if param("width").is_some() || param("height").is_some() {
                    sink.once("figure widths and heights were dropped: the new site sizes figures to the column");
                }
                if param("link").is_some() {
                    sink.once("figures that were links are plain figures now");
                }
                let alt = caption.as_deref().map(attribute_text).unwrap_or_default();
                let title = caption
                    .as_deref()
                    .map(|c| format!(" \"{}\"", attribute_text(c)))
                    .unwrap_or_default();
                block(format!("![{alt}]({src}{title})"))
            }
            "button" | "link" | "big-link" => {
                let kind = param("type").unwrap_or_default();
                let t = self.ctx.types.get(&kind).cloned().unwrap_or_default();
                let label = param("text")
                    .or_else(|| param("tooltip"))
                    .or(t.text.clone())
                    .unwrap_or_else(|| "Link".to_string());
                let link = param("link")
                    .map(|l| {
                        if web_url(&l).is_none() && !l.starts_with('/') {
                            self.ctx.types.link_url(&kind, &l).unwrap_or(l)
                        } else {
                            l
                        }
                    })
                    .or_else(|| t.link.clone().filter(|l| !l.contains("$VALUE")));
                let label = strip_inline_markdown(&label);
                match link.and_then(|l| self.link_target(&l, true, &at, sink)) {
                    Some(url) => block(format!("[{label}]({url})")),
                    None => block(label),
                }
            }
            "section" => {
                sink.once("section breaks and their backgrounds were dropped");
                "\n\n".to_string()
            }
            "gallery" | "scroll-gallery" => {
                let mut out = String::new();
                let mut names: Vec<&String> = p.keys().filter(|k| k.starts_with("image")).collect();
                names.sort_by_key(|k| k[5..].parse::<u32>().unwrap_or(0));
                for k in names {
                    let near = sink.near.clone();
                    if let Some(src) = sink
                        .images
                        .resolve(&p[k], near.as_deref(), &at, sink.report)
                    {
                        let tip = p
                            .get(&format!("tooltip{}", &k[5..]))
                            .map(|t| attribute_text(t))
                            .unwrap_or_default();
                        out.push_str(&block(format!("![{tip}]({src})")));
                    }
                }
                sink.once(format!(
                    "{name}.html became its pictures, one after another"
                ));
                out
            }
            "cols" | "grid" | "float" | "two-col" | "centerer" | "container" => {
                let mut out = String::new();
                let mut names: Vec<&String> = p.keys().collect();
                names.sort_by_key(|k| {
                    let digits: String = k.chars().filter(char::is_ascii_digit).collect();
                    (digits.parse::<u32>().unwrap_or(0), (*k).clone())
                });
                for k in names {
                    if k.starts_with("col") || k == "content" {
                        out.push_str(&block(p[k].clone()));
                    }
                }
                sink.once(format!(
                    "{name}.html layouts became their contents one after another"
                ));
                out
            }
            "feature" | "card" => {
                let mut parts = Vec::new();
                let title = param("title").map(|t| strip_inline_markdown(&t));
                let link = param("link").and_then(|l| self.link_target(&l, true, &at, sink));
                match (&title, &link) {
                    (Some(t), Some(l)) => parts.push(format!("**[{t}]({l})**")),
                    (Some(t), None) => parts.push(format!("**{t}**")),
                    _ => {}
                }
                if let Some(sub) = param("subtitle") {
                    parts.push(format!("*{}*", strip_inline_markdown(&sub)));
                }
                if let Some(image) = param("image") {
                    let near = sink.near.clone();
                    if let Some(src) =
                        sink.images
                            .resolve(&image, near.as_deref(), &at, sink.report)
                    {
                        parts.push(format!(
                            "![{}]({src})",
                            attribute_text(title.as_deref().unwrap_or(""))
                        ));
                    }
                }
                for key in ["text", "description", "content"] {
                    if let Some(t) = param(key) {
                        parts.push(nested(&t, sink, vars));
                    }
                }
                sink.once(format!(
                    "{name}.html blocks became a title, a picture and their text"
                ));
                block(parts.join("\n\n"))
            }
            "alert" => {
                let kind = param("type").map(|t| super::clean::label_of(&t));
                let content = param("content")
                    .map(|c| nested(&c, sink, vars))
                    .unwrap_or_default();
                let mut lines: Vec<String> = content
                    .trim()
                    .lines()
                    .map(|l| format!("> {l}").trim_end().to_string())
                    .collect();
                if let (Some(k), Some(first)) = (kind, lines.first_mut()) {
                    *first = format!("> **{k}:** {}", first.trim_start_matches("> "));
                }
                block(lines.join("\n"))
            }
            "quote" => {
                let text = param("text")
                    .map(|c| nested(&c, sink, vars))
                    .unwrap_or_default();
                let mut lines: Vec<String> = text
                    .trim()
                    .lines()
                    .map(|l| format!("> {l}").trim_end().to_string())
                    .collect();
                if let Some(by) = param("attribution").or_else(|| param("author")) {
                    lines.push(">".to_string());
                    lines.push(format!("> — {by}"));
                }
                block(lines.join("\n"))
            }
            "portrait" => {
                let who = param("lookup")
                    .or_else(|| param("name"))
                    .unwrap_or_default();
                let slug = lab_model::text::slugify(&who);
                let found = self.ctx.members.iter().find(|(s, n)| {
                    **s == who
                        || **s == slug
                        || lab_model::text::name_key(n) == lab_model::text::name_key(&who)
                });
                match found {
                    Some((s, n)) => block(format!("[{n}](/members/{s})")),
                    None => {
                        sink.report.not_carried(
                            at,
                            format!("a portrait of {who:?}, who has no member file, was dropped"),
                        );
                        String::new()
                    }
                }
            }
            "citation" => {
                let lookup = param("lookup").or_else(|| param("id")).unwrap_or_default();
                let key = lookup.to_lowercase();
                let found = self.ctx.citations.iter().find(|(id, title, _)| {
                    id.to_lowercase() == key || title.to_lowercase().contains(&key)
                });
                match found {
                    Some((_, title, Some(url))) => block(format!("[{title}]({url})")),
                    Some((_, title, None)) => block(format!("*{title}*")),
                    None => {
                        sink.report.not_carried(at, format!("a citation of {lookup:?}, which matches no publication, was dropped"));
                        String::new()
                    }
                }
            }
            "icon" => {
                sink.once("icons were dropped");
                String::new()
            }
            "list" | "tags" | "search-box" | "search-info" | "site-search" | "post-excerpt"
            | "post-info" | "post-nav" | "fonts" | "analytics" | "verification" => {
                sink.report.once(
                    Kind::NotCarried,
                    at,
                    format!("{name}.html (an automatic list, tag cloud or search box of the old site) has no place in a text; the new site's own pages list and search everything"),
                );
                String::new()
            }
            other => {
                sink.report.not_carried(
                    at,
                    format!("the include {other}.html has no equivalent in markdown; dropped"),
                );
                String::new()
            }
        }
    }

    /// Where a link of the old site goes on the new one; `None` when it goes nowhere (reported
    /// with the reason). `keep_unknown` keeps links the new site does not follow as they are
    /// (post bodies, which the build filters), instead of dropping them.
    pub fn link_target(
        &self,
        raw: &str,
        keep_unknown: bool,
        at: &Origin,
        sink: &mut Sink<'_>,
    ) -> Option<String> {
        let mut t = raw
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string();
        if t.contains("{{") || t.contains("{%") || t.contains(['<', '>', '"']) {
            sink.report.not_carried(at.clone(), format!("the link {:?} holds Liquid or markup, so it cannot be followed; its text was kept", shorten(&t, 60)));
            return None;
        }
        for prefix in &self.ctx.site_prefixes {
            if t.to_ascii_lowercase()
                .starts_with(&prefix.to_ascii_lowercase())
            {
                let rest = &t[prefix.len()..];
                if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
                    t = format!("/{}", rest.trim_start_matches('/'));
                    break;
                }
            }
        }
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
        {
            return Some(t);
        }
        if t.starts_with('#') {
            return keep_unknown.then_some(t);
        }
        if !t.starts_with('/') {
            if let Some((url, Some(why))) = web_url(&t) {
                sink.report
                    .changed(at.clone(), format!("link {t:?}: {why}"));
                return Some(url);
            }
            if t.contains(':') {
                sink.report.not_carried(
                    at.clone(),
                    format!("the link {t:?} is not one the new site follows; its text was kept"),
                );
                return None;
            }
            t = format!("/{t}");
        }
        let path = t.split(['?', '#']).next().unwrap_or("").to_string();
        let tail = &t[path.len()..];
        let trimmed = path.trim_end_matches('/');
        let trimmed = trimmed.strip_suffix(".html").unwrap_or(trimmed);
        let trimmed = trimmed.strip_suffix("/index").unwrap_or(trimmed);
        if let Some(who) = trimmed.strip_prefix("/members/") {
            if self.ctx.members.contains_key(who) {
                return Some(format!("/members/{who}"));
            }
            let slug = lab_model::text::slugify(who);
            if self.ctx.members.contains_key(&slug) {
                return Some(format!("/members/{slug}"));
            }
            sink.report.not_carried(
                at.clone(),
                format!("the link to /members/{who} was broken on the old site too (no member file {who}.md); its text was kept without the link"),
            );
            return None;
        }
        if let Some((date, slug)) = lab_model::posts::parse_jekyll_path(&format!("{trimmed}.html"))
        {
            let key = format!("{date}-{slug}");
            if let Some(s) = self.ctx.posts.get(&key) {
                return Some(format!("/posts/{s}/"));
            }
        }
        if trimmed.is_empty() {
            return Some(format!("/{tail}"));
        }
        // Addresses of the new site (made by an include or an HTML link already).
        if trimmed.starts_with("/posts/")
            || matches!(
                trimmed,
                "/people" | "/publications" | "/news" | "/posts" | "/projects"
            )
        {
            return Some(t);
        }
        if let Some(new) = self.ctx.pages.get(trimmed) {
            return Some(format!("{new}{tail}"));
        }
        if keep_unknown {
            return Some(t);
        }
        sink.report.not_carried(
            at.clone(),
            format!("the link to {t} names a page the new site does not have; its text was kept without the link"),
        );
        None
    }

    /// Raw HTML made markdown, outside code (comments dropped, `<a>`, `<img>`, `<b>`, `<i>`,
    /// `<br>`, headings translated, other tags removed and what they hold kept, scripts and
    /// media removed with what they hold).
    fn html(&self, s: &str, sink: &mut Sink<'_>, base: usize, full: &Lines) -> String {
        let mut out = String::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c == '`' {
                if let Some(len) = code_span(s, i) {
                    out.push_str(&s[i..i + len]);
                    i += len;
                    continue;
                }
                let run = s[i..].bytes().take_while(|&b| b == b'`').count();
                out.push_str(&s[i..i + run]);
                i += run;
                continue;
            }
            if c != '<' {
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            let at = sink.line(full, base + i);
            if s[i..].starts_with("<!--") {
                let end = s[i + 4..].find("-->").map_or(s.len(), |e| i + 4 + e + 3);
                sink.report.once(
                    Kind::Changed,
                    at,
                    "HTML comments (hidden on the old site) were dropped",
                );
                i = end;
                continue;
            }
            let head_end = (i + 9).min(s.len());
            let lower = s.get(i + 1..head_end).unwrap_or("").to_ascii_lowercase();
            if ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| lower.starts_with(p))
            {
                let e = s[i..].find(|c: char| c == '>' || c.is_whitespace());
                if let Some(e) = e.filter(|&e| s[i + e..].starts_with('>')) {
                    out.push_str(&s[i..i + e + 1]);
                    i += e + 1;
                    continue;
                }
            }
            let Some((name, closing, attrs, len)) = html_tag(s, i) else {
                // Not a whole tag: escaped, so no reader takes it for one.
                let next = s[i + 1..].chars().next();
                if next.is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
                {
                    out.push_str("\\<");
                } else {
                    out.push('<');
                }
                i += 1;
                continue;
            };
            let after = i + len;
            i = after;
            let attr = |k: &str| {
                attrs
                    .get(k)
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            match name.as_str() {
                "a" if !closing => {
                    let (inner_end, end) = closing_tag(s, after, "a").unwrap_or((after, after));
                    let inner = self.html(&s[after..inner_end], sink, base + after, full);
                    let target = attr("href").and_then(|h| self.link_target(&h, true, &at, sink));
                    match target {
                        Some(h) if !inner.trim().is_empty() => {
                            out.push_str(&format!("[{}]({h})", inner.trim()))
                        }
                        _ => out.push_str(inner.trim()),
                    }
                    sink.report
                        .once(Kind::Changed, at, "HTML links became markdown links");
                    i = end;
                }
                "img" => {
                    if let Some(src) = attr("src") {
                        let near = sink.near.clone();
                        if let Some(dest) =
                            sink.images.resolve(&src, near.as_deref(), &at, sink.report)
                        {
                            let alt = attr("alt").or_else(|| attr("title")).unwrap_or_default();
                            out.push_str(&format!("![{}]({dest})", attribute_text(&alt)));
                        }
                    }
                    sink.report.once(
                        Kind::Changed,
                        at,
                        "HTML images became markdown images (their sizes and styles dropped)",
                    );
                }
                "br" => {
                    let line_start = out.rfind('\n').map_or(0, |n| n + 1);
                    if out[line_start..].contains('|') {
                        out.push(' ');
                    } else {
                        out.push_str("\\\n");
                    }
                }
                "hr" => out.push_str("\n\n***\n\n"),
                "b" | "strong" => out.push_str("**"),
                "i" | "em" => out.push('*'),
                "code" | "kbd" | "tt" => out.push('`'),
                h if h.len() == 2
                    && h.starts_with('h')
                    && h[1..].parse::<usize>().is_ok_and(|n| (1..=6).contains(&n)) =>
                {
                    if closing {
                        out.push_str("\n\n");
                    } else {
                        let n: usize = h[1..].parse().unwrap_or(2);
                        out.push_str(&format!("\n\n{} ", "#".repeat(n)));
                    }
                }
                "li" if !closing => out.push_str("\n- "),
                "iframe" if !closing => {
                    let end = closing_tag(s, after, "iframe").map_or(after, |(_, e)| e);
                    if let Some(src) =
                        attr("src").and_then(|h| self.link_target(&h, false, &at, sink))
                    {
                        let label = if src.contains("youtube")
                            || src.contains("youtu.be")
                            || src.contains("vimeo")
                        {
                            "Watch the video"
                        } else {
                            "See the embedded page"
                        };
                        out.push_str(&format!("\n\n[{label}]({src})\n\n"));
                    }
                    sink.report.once(
                        Kind::Changed,
                        at,
                        "embedded frames (videos, slides) became links to what they showed",
                    );
                    i = end;
                }
                d if DROPPED_ELEMENTS.contains(&d) && !closing => {
                    let end = closing_tag(s, after, d).map_or(after, |(_, e)| e);
                    sink.report.once(Kind::NotCarried, at, format!("HTML <{d}> elements cannot be shown by the new site; dropped with what they held"));
                    i = end;
                }
                "p" | "div" | "center" | "section" | "figure" | "figcaption" | "article"
                | "header" | "footer" | "main" | "aside" | "table" | "tr" | "ul" | "ol"
                | "blockquote" | "pre" | "details" | "summary" | "nav" | "dl" | "dt" | "dd"
                | "thead" | "tbody" => {
                    out.push_str("\n\n");
                    sink.report.once(Kind::Changed, at, format!("HTML <{name}> tags were removed and what they held kept (the new site reads markdown, not HTML)"));
                }
                _ => {
                    if !closing || !matches!(name.as_str(), "td" | "th") {
                        sink.report.once(Kind::Changed, at, format!("HTML <{name}> tags were removed and what they held kept (the new site reads markdown, not HTML)"));
                    }
                    if matches!(name.as_str(), "td" | "th") {
                        out.push(' ');
                    }
                }
            }
        }
        out
    }

    /// Markdown links and images of text outside code made ones the new site can follow and
    /// show; kramdown's `{: …}` attributes dropped.
    fn links(
        &self,
        s: &str,
        keep_unknown: bool,
        sink: &mut Sink<'_>,
        base: usize,
        full: &Lines,
    ) -> String {
        let mut out = String::with_capacity(s.len());
        let parts = LinkParts::new(s);
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let c = rest.chars().next().unwrap_or(' ');
            if c == '`' {
                let len = code_span(s, i)
                    .unwrap_or_else(|| rest.bytes().take_while(|&b| b == b'`').count());
                out.push_str(&s[i..i + len]);
                i += len;
                continue;
            }
            // What is left of Liquid's braces (a {% raw %} text) is escaped, so the markdown
            // shows it as written and holds no Liquid.
            if rest.starts_with("{{") || rest.starts_with("{%") {
                let run = rest.bytes().take_while(|&b| b == b'{' || b == b'%').count();
                for b in rest[..run].chars() {
                    out.push('\\');
                    out.push(b);
                }
                i += run;
                continue;
            }
            if rest.starts_with("{:") || rest.starts_with("{::") {
                let reach = rest.char_indices().nth(256).map_or(rest.len(), |(e, _)| e);
                if let Some(e) = rest[..reach]
                    .find(['}', '\n'])
                    .filter(|&e| rest[e..].starts_with('}'))
                {
                    let at = sink.line(full, base + i);
                    sink.report.once(
                        Kind::Changed,
                        at,
                        "kramdown attributes ({: .class}, {:target=…}) were dropped",
                    );
                    i += e + 1;
                    continue;
                }
            }
            let image = rest.starts_with("![");
            if !(image || c == '[') {
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            let open = if image { i + 1 } else { i };
            let Some((close, paren, end)) = parts.at(s, open) else {
                out.push(c);
                i += c.len_utf8();
                continue;
            };
            let at = sink.line(full, base + i);
            let label = self.links(
                &s[open + 1..close],
                keep_unknown,
                sink,
                base + open + 1,
                full,
            );
            let inside = s[paren + 1..end].trim();
            let (target, title) = match inside.find(char::is_whitespace) {
                Some(w) => (&inside[..w], inside[w..].trim()),
                None => (inside, ""),
            };
            let title = if title.is_empty() {
                String::new()
            } else {
                format!(" {title}")
            };
            if image {
                let near = sink.near.clone();
                let target = target.trim_matches(['<', '>']);
                // An image an include or an HTML tag already made is resolved already.
                let done = sink
                    .images
                    .planned
                    .contains_key(target)
                    .then(|| target.to_string());
                if let Some(src) = done.or_else(|| {
                    sink.images
                        .resolve(target, near.as_deref(), &at, sink.report)
                }) {
                    out.push_str(&format!("![{label}]({src}{title})"));
                }
            } else {
                match self.link_target(target, keep_unknown, &at, sink) {
                    Some(t) => out.push_str(&format!("[{label}]({t}{title})")),
                    None => out.push_str(&label),
                }
            }
            i = end + 1;
        }
        out
    }

    /// The common translation of a text: Liquid, then (outside code) HTML, links and images.
    fn translate(&self, text: &str, keep_unknown: bool, sink: &mut Sink<'_>) -> String {
        let mut vars = BTreeMap::new();
        let mut text = text.to_string();
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            text.retain(|c| !c.is_control() || c == '\n' || c == '\t');
            sink.once("invisible control characters removed");
        }
        let liquid = self.liquid(&text, sink, &mut vars, 0);
        let mut out = String::with_capacity(liquid.len());
        let mut offset = 0;
        let lines = Lines::new(&liquid);
        for (code, piece) in split_code_blocks(&liquid) {
            if code {
                out.push_str(&piece);
            } else {
                let html = self.html(&piece, sink, offset, &lines);
                out.push_str(&self.links(&html, keep_unknown, sink, offset, &lines));
            }
            offset += piece.len();
        }
        out
    }

    /// A post's body as the new site's markdown (its headings as written: the site moves a
    /// body with `#` headings below the post's title itself).
    pub fn block(&self, text: &str, sink: &mut Sink<'_>) -> String {
        let translated = self.translate(text, true, sink);
        let mut out = String::new();
        for (code, piece) in split_code_blocks(&translated) {
            if code {
                out.push_str(&piece);
                continue;
            }
            let mut blank_run = 0;
            for line in piece.split_inclusive('\n') {
                let body = line.trim_end_matches('\n');
                // Two spaces at the end are a line break in markdown; other trailing spaces go.
                let body = if body.ends_with("  ") && !body.trim().is_empty() {
                    format!("{}  ", body.trim_end())
                } else {
                    body.trim_end().to_string()
                };
                if body.is_empty() {
                    blank_run += 1;
                    if blank_run == 1 {
                        out.push('\n');
                    }
                    continue;
                }
                blank_run = 0;
                out.push_str(&body);
                out.push('\n');
            }
        }
        let trimmed = out.trim_matches('\n');
        if trimmed.is_empty() {
            String::new()
        } else {
            format!("{trimmed}\n")
        }
    }

    /// A text as one line of the inline subset (links, emphasis, code): block markup and images
    /// dropped, paragraphs joined.
    pub fn inline(&self, text: &str, sink: &mut Sink<'_>) -> String {
        let translated = self.translate(text, false, sink);
        let mut lines: Vec<String> = Vec::new();
        let mut paragraphs = 0;
        let mut in_paragraph = false;
        let mut dropped_image = false;
        for line in translated.lines() {
            let mut t = line.trim();
            if t.starts_with("```") || t.starts_with("~~~") {
                continue;
            }
            t = t.trim_start_matches('#').trim_start();
            t = t.trim_start_matches('>').trim_start();
            for marker in ["- ", "* ", "+ "] {
                if let Some(r) = t.strip_prefix(marker) {
                    t = r;
                }
            }
            if t == "***" || t == "---" {
                t = "";
            }
            let without_images = remove_images(t);
            if without_images != t {
                dropped_image = true;
            }
            let t = without_images
                .trim()
                .trim_end_matches('\\')
                .trim_end()
                .to_string();
            if t.is_empty() {
                in_paragraph = false;
                continue;
            }
            if !in_paragraph {
                paragraphs += 1;
                in_paragraph = true;
            }
            lines.push(t);
        }
        if dropped_image {
            sink.once("pictures inside the text were dropped (this field holds text only)");
        }
        if paragraphs > 1 {
            sink.once(format!(
                "{paragraphs} paragraphs joined into one (this field holds one paragraph)"
            ));
        }
        underscores_to_asterisks(&lines.join(" "))
    }
}

/// `text` with every link whose target starts with `prefix` (`/members/ghost`) made its plain
/// label.
pub fn unlink(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let parts = LinkParts::new(text);
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with('[') && !text[..i].ends_with('!') {
            if let Some((close, paren, end)) = parts.at(text, i) {
                let target = text[paren + 1..end].trim();
                let rest = target.strip_prefix(prefix);
                if rest.is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#', ' '])) {
                    out.push_str(&text[i + 1..close]);
                    i = end + 1;
                    continue;
                }
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `![alt](src)` removed from a line.
fn remove_images(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let parts = LinkParts::new(s);
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with("![") {
            if let Some((_, _, end)) = parts.at(s, i + 1) {
                i = end + 1;
                continue;
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `_emphasis_` → `*emphasis*` and `__strong__` → `**strong**` (the inline subset knows only
/// asterisks), outside code, link targets and bare web addresses.
pub fn underscores_to_asterisks(s: &str) -> String {
    // Pieces that must stay as they are.
    let mut protected: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('`') {
            let len = code_span(s, i).unwrap_or(1);
            protected.push((i, i + len));
            i += len;
        } else if rest.starts_with("](") {
            let end = rest.find(')').map_or(s.len(), |e| i + e + 1);
            protected.push((i, end));
            i = end;
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest.find(char::is_whitespace).map_or(s.len(), |e| i + e);
            protected.push((i, end));
            i = end;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (a, b) in protected
        .iter()
        .copied()
        .chain(std::iter::once((s.len(), s.len())))
    {
        out.push_str(&convert_underscores(&s[last..a]));
        out.push_str(&s[a..b]);
        last = b;
    }
    out
}

fn convert_underscores(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    while i < chars.len() {
        let n = if chars[i] == '_' {
            if chars.get(i + 1) == Some(&'_') {
                2
            } else {
                1
            }
        } else {
            0
        };
        let opens = n > 0
            && !word(i.checked_sub(1).and_then(|j| chars.get(j)))
            && chars
                .get(i + n)
                .is_some_and(|c| !c.is_whitespace() && *c != '_');
        if opens {
            let delim: String = "_".repeat(n);
            let close = (i + n + 1..chars.len().min(i + 1000)).find(|&j| {
                chars[j..].iter().take(n).all(|&c| c == '_')
                    && j + n <= chars.len()
                    && !chars[j - 1].is_whitespace()
                    && !word(chars.get(j + n))
                    && chars.get(j + n) != Some(&'_')
            });
            if let Some(j) = close {
                let stars = "*".repeat(n);
                out.push_str(&stars);
                out.extend(&chars[i + n..j]);
                out.push_str(&stars);
                i = j + n;
                continue;
            }
            out.push_str(&delim);
            i += n;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn context() -> Context {
        let mut ctx = Context {
            types: Types::from_yaml(Some(
                &serde_norway::from_str("docs:\n  text: Documentation\ngithub:\n  text: GitHub\n  link: https://github.com/$VALUE\n").unwrap(),
            )),
            ..Context::default()
        };
        ctx.members.insert("jane-doe".into(), "Jane Doe".into());
        ctx.posts.insert("2020-01-02-hello".into(), "hello".into());
        ctx.pages.insert("/research".into(), "/publications".into());
        ctx.site_prefixes.push("https://lab.example.org".into());
        ctx
    }

    fn run(text: &str, block: bool) -> (String, Report) {
        let ctx = context();
        let dir = std::env::temp_dir().join(format!("labctl-markup-{}", std::process::id()));
        let mut images = Images::new(Path::new("/nonexistent"), &dir, vec![], BTreeMap::new());
        let mut report = Report::default();
        let mut sink = Sink {
            images: &mut images,
            report: &mut report,
            at: Origin::new("_posts/x.md", 5),
            near: None,
        };
        let m = Markup { ctx: &ctx };
        let out = if block {
            m.block(text, &mut sink)
        } else {
            m.inline(text, &mut sink)
        };
        (out, report)
    }

    #[test]
    fn translates_includes() {
        let (out, _) = run(
            "{%\n  include button.html\n  type=\"github\"\n  text=\"On GitHub\"\n  link=\"org/repo\"\n%}\n\n{% include button.html type=\"docs\" link=\"https://docs.example.org\" %}\n",
            true,
        );
        assert_eq!(out, "[On GitHub](https://github.com/org/repo)\n\n[Documentation](https://docs.example.org)\n");
        let (out, r) = run("{% capture c1 %}\nLeft *side*\n{% endcapture %}\n{% capture c2 %}Right{% endcapture %}\n{% include cols.html col1=c1 col2=c2 %}\n{% include section.html %}\n{% include list.html data=\"citations\" %}", true);
        assert_eq!(out, "Left *side*\n\nRight\n");
        assert_eq!(r.count(Kind::NotCarried), 1, "{r}");
        let (out, _) = run(
            "{% include alert.html type=\"tip\" content=\"Be *kind*.\" %}",
            true,
        );
        assert_eq!(out, "> **Tip:** Be *kind*.\n");
        let (out, _) = run("See {% include portrait.html lookup=\"jane-doe\" %}", true);
        assert_eq!(out, "See\n\n[Jane Doe](/members/jane-doe)\n");
    }

    #[test]
    fn never_leaks_liquid() {
        let (out, r) = run("a {{ page.title }} b {% if x %}c{% endif %} {% raw %}{{ kept }}{% endraw %} {{ 'x.pdf' | relative_url }} {% unknown tag %} {% open", true);
        assert_eq!(out, "a  b c \\{\\{ kept }} /x.pdf   open\n");
        assert!(r.lines.len() >= 4, "{r}");
        let (out, _) = run("{% comment %}secret{% endcomment %}shown {% highlight rust %}\nfn x() {}\n{% endhighlight %}", true);
        assert_eq!(out, "shown\n```rust\nfn x() {}\n```\n");
        let (out, _) = run(
            "[old]({% post_url 2020-01-02-hello %}) [p]({% link _posts/2020-01-02-hello.md %})",
            true,
        );
        assert_eq!(out, "[old](/posts/hello/) [p](/posts/hello/)\n");
    }

    #[test]
    fn translates_html_and_links() {
        let (out, r) = run("<center>\n<!-- hidden\ntable -->\n<a href=\"/members/jane-doe.html\">Jane</a> and <b>bold</b><br>next\n</center>\n<script>alert(1)</script>\n`<b>code</b>`\n```\n<b>fenced</b>\n```\n", true);
        assert_eq!(out, "[Jane](/members/jane-doe) and **bold**\\\nnext\n\n`<b>code</b>`\n```\n<b>fenced</b>\n```\n");
        assert!(r.count(Kind::Changed) >= 3, "{r}");
        let (out, r) = run("[Ghost](/members/ghost) [R](/research/) [Old](https://lab.example.org/team) [T](/2020/01/02/hello.html) [W](www.x.org){:target=\"_blank\"}", false);
        assert_eq!(
            out,
            "Ghost [R](/publications) Old [T](/posts/hello/) [W](https://www.x.org)"
        );
        assert!(
            r.lines
                .iter()
                .any(|l| l.text.contains("broken on the old site")),
            "{r}"
        );
        let (out, _) = run("# Intro\n\n\n\ntext  \nnext \n\n## Sub\n", true);
        assert_eq!(out, "# Intro\n\ntext  \nnext\n\n## Sub\n");
        let (out, r) = run("First para with _emphasis_ and snake_case.\n\n![pic](/img.png)\nSecond __strong__ [a_b](https://x.org/a_b_c)", false);
        assert_eq!(out, "First para with *emphasis* and snake_case. Second **strong** [a_b](https://x.org/a_b_c)");
        assert!(
            r.lines.iter().any(|l| l.text.contains("paragraphs joined")),
            "{r}"
        );
    }

    /// Text full of unclosed tags, links, code spans and Liquid is translated in linear time.
    /// Nothing is timed; a quadratic step makes this test run for minutes.
    #[test]
    fn hostile_text_is_translated_in_linear_time() {
        const N: usize = 100_000;
        for p in [
            "<a ",
            "<a href=x>",
            "<a href=\"x",
            "[",
            "[x](",
            "`",
            "``x",
            "{%",
            "{{",
            "{% capture x %}",
            "_a ",
            "<!--",
            "{:",
            "![",
            "<img src=",
            "\n",
            "</a>",
            "<iframe ",
            "<script>",
        ] {
            let text = p.repeat(N / p.len());
            let _ = run(&text, true);
            let _ = run(&text, false);
        }
    }

    #[test]
    fn parses_include_parameters() {
        let mut vars = BTreeMap::new();
        vars.insert("text".to_string(), "captured".to_string());
        let p = include_params(
            "figure.html image=\"a b.png\" caption='c' width=400px text=text flip tags=site.tags",
            &vars,
        );
        assert_eq!(p.get("image").map(String::as_str), Some("a b.png"));
        assert_eq!(p.get("caption").map(String::as_str), Some("c"));
        assert_eq!(p.get("width").map(String::as_str), Some("400px"));
        assert_eq!(p.get("text").map(String::as_str), Some("captured"));
        assert_eq!(p.get("flip").map(String::as_str), Some("true"));
        assert_eq!(p.get("tags"), None);
    }

    #[test]
    fn converts_underscores_outside_code_and_links() {
        assert_eq!(
            underscores_to_asterisks("_a_ `_b_` [_c_](http://x/_d_) e_f_g https://y/_h_"),
            "*a* `_b_` [*c*](http://x/_d_) e_f_g https://y/_h_"
        );
        assert_eq!(
            underscores_to_asterisks("__s__ and _ x _"),
            "**s** and _ x _"
        );
    }
}
