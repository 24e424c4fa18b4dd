//! `labctl import-bibtex`: publications from a BibTeX file, merged into the data file.
//!
//! [`parse`] reads BibTeX text into [`ParsedEntry`]s with the `biblatex` crate, which resolves
//! `@string` macros, month macros and LaTeX accents (`{\"o}`, `\'{e}`). It is pure and never
//! panics, whatever the input. [`merge`] applies the entries to the data and [`import_text`]
//! does both and prints the new file.
//!
//! # The merge rule
//!
//! - **Same paper.** An entry is a publication already listed when they share a DOI, an arXiv id
//!   (the version ignored), a PubMed id or a normalised title
//!   ([`lab_model::validate::title_key`]), tried in that order. Identifiers inside URLs (`doi.org/…`, `dl.acm.org/doi/…`, `arxiv.org/abs/…`)
//!   count too. Two entries of one file that are the same paper: the second is skipped.
//! - **Update.** A listed publication takes the fields the entry states: `title`, `authors`,
//!   `venue`, `date`, `url`, `doi`, `arxiv`, `pmid`. Everything else is kept as edited by hand: `id`,
//!   `topics`, `featured`, and every field the entry lacks. A value that means the same as the
//!   current one keeps the current spelling: the same authors (names equal ignoring case, accents
//!   and punctuation, or the same lab member through an alias), the same DOI or arXiv id in
//!   another case or version, a date the entry confirms at the precision it has (a year, or a
//!   year and month). An author list ending in `and others` never replaces a full one.
//! - **Preprint of a published paper.** When the entry is an arXiv preprint (venue arXiv) and the
//!   listed publication has another venue, only its `arxiv`, `doi` and `pmid` are taken.
//! - **Inferred values fill new publications only.** A DOI or arXiv id read from a URL, a URL made
//!   from an id, and the venue `arXiv` of an eprint without a venue field.
//! - **New publication.** An id from the title (its name before a colon, or its first words) and
//!   year, unique; no topics (the report says so); authors as printed, and the report names the
//!   lab members recognised among them by name or alias. It needs a title, authors and a year.
//! - **Safety.** The data file must have no errors before; an entry whose result would break a
//!   rule of `labctl check` is skipped with the reasons; the whole result is checked again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use biblatex::{Bibliography, Chunk, ChunksExt, Entry, EntryType, Person, Spanned};
use lab_model::date::Date;
use lab_model::load::parse_data;
use lab_model::text::{name_key, slugify};
use lab_model::validate::{
    arxiv_key, doi_key, is_arxiv_id, is_doi, title_key, validate, Positions, Severity,
};
use lab_model::{Publication, Site, SiteData};

use crate::check::{check_text, Finding};
use crate::datafile;
use crate::jsontext::{position, Json};

/// A date as precise as the entry gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BibDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// What one BibTeX entry says about a publication, cleaned to plain Unicode text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedEntry {
    /// The citation key.
    pub key: String,
    /// The entry type, lowercase (`article`, `inproceedings`, `misc`, …).
    pub kind: String,
    /// 1-based line of the entry's first field in the BibTeX text (0 when unknown).
    pub line: usize,
    pub title: Option<String>,
    /// Authors as `First Last`, in order, without a final `others`.
    pub authors: Vec<String>,
    /// The author list ended with `and others`.
    pub more_authors: bool,
    /// From the venue field of the entry type (`journal`, `booktitle`, `howpublished`, …);
    /// `arXiv` for an arXiv preprint's journal line such as `arXiv preprint arXiv:…` or `CoRR`.
    pub venue: Option<String>,
    pub date: Option<BibDate>,
    /// The bare DOI of the `doi` field (an arXiv DOI becomes [`Self::arxiv`] instead).
    pub doi: Option<String>,
    /// The arXiv id, without version, from `eprint`, an arXiv DOI or a journal line.
    pub arxiv: Option<String>,
    /// The PubMed id of the `pmid` field (digits).
    pub pmid: Option<String>,
    pub url: Option<String>,
    /// A DOI read from the URL.
    pub doi_in_url: Option<String>,
    /// An arXiv id read from the URL.
    pub arxiv_in_url: Option<String>,
    /// Values that were ignored, and why.
    pub notes: Vec<String>,
}

impl ParsedEntry {
    fn any_doi(&self) -> Option<&str> {
        self.doi.as_deref().or(self.doi_in_url.as_deref())
    }

    fn any_arxiv(&self) -> Option<&str> {
        self.arxiv.as_deref().or(self.arxiv_in_url.as_deref())
    }

    fn is_preprint(&self) -> bool {
        self.venue
            .as_deref()
            .is_none_or(|v| v.eq_ignore_ascii_case("arxiv"))
            && self.any_arxiv().is_some()
    }
}

/// Why a BibTeX text could not be read; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BibError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for BibError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Reads every entry of a BibTeX text, in file order. Fails only when the text is not BibTeX
/// (unbalanced braces, an undefined `@string` macro, a repeated key…).
pub fn parse(text: &str) -> Result<Vec<ParsedEntry>, BibError> {
    let guarded = catch_unwind(AssertUnwindSafe(|| parse_unguarded(text)));
    guarded.unwrap_or_else(|_| {
        Err(BibError {
            line: 1,
            column: 1,
            message: "the BibTeX parser failed on this text; check it for unbalanced braces"
                .to_string(),
        })
    })
}

/// English month names, lowercase, January first: BibTeX's `month` and LWT's dates both name them.
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn parse_unguarded(text: &str) -> Result<Vec<ParsedEntry>, BibError> {
    if let Some(at) = too_deep(text) {
        let at = position(text, at);
        return Err(BibError {
            line: at.line,
            column: at.column,
            message: format!(
                "not valid BibTeX: braces nest more than {MAX_BRACE_DEPTH} levels deep here; entries need only a few, so look for braces that are never closed"
            ),
        });
    }
    let bib = Bibliography::parse(text).map_err(|e| {
        let at = position(text, e.span.start);
        let hint = match e.kind {
            biblatex::ParseErrorKind::UnexpectedEof => {
                "; look above for a brace or a quote that is never closed"
            }
            biblatex::ParseErrorKind::UnknownAbbreviation(_) => {
                "; define it with @string or put the value in braces"
            }
            biblatex::ParseErrorKind::DuplicateKey(_) => "; give each entry its own key",
            _ => "",
        };
        BibError {
            line: at.line,
            column: at.column,
            message: format!("not valid BibTeX: {}{hint}", e.kind),
        }
    })?;
    let starts = entry_offsets(text);
    let lines = Lines::new(text);
    Ok(bib
        .iter()
        .map(|entry| read_entry(entry, &starts, &lines))
        .collect())
}

/// Formatting commands whose argument is the text itself.
const FORMATTING: [&str; 13] = [
    "emph",
    "textit",
    "textbf",
    "texttt",
    "textsc",
    "textrm",
    "textsf",
    "textup",
    "textsuperscript",
    "textsubscript",
    "mbox",
    "text",
    "url",
];

/// Greek letters and a few symbols that titles write in math mode (`D$\epsilon$pS`).
const MATH: [(&str, &str); 30] = [
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("varepsilon", "ε"),
    ("epsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Delta", "Δ"),
    ("Sigma", "Σ"),
    ("Omega", "Ω"),
    ("times", "×"),
    ("infty", "∞"),
    ("cdot", "·"),
];

/// Plain text of a math span when it is only letters, digits and the symbols above; otherwise
/// the span as written, `$…$`.
fn math_text(math: &str) -> String {
    let mut out = String::new();
    let mut rest = math;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let name_len = rest[1..]
                .find(|ch: char| !ch.is_ascii_alphabetic())
                .unwrap_or(rest.len() - 1);
            let name = &rest[1..1 + name_len];
            match MATH.iter().find(|(n, _)| *n == name) {
                Some((_, symbol)) => out.push_str(symbol),
                None => return format!("${math}$"),
            }
            rest = &rest[1 + name_len..];
        } else {
            if c.is_alphanumeric() || c == ' ' || c == '-' || c == '+' || c == '=' {
                out.push(c);
            } else if c != '{' && c != '}' {
                return format!("${math}$");
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out.trim().to_string()
}

/// `\emph{x}` → `x` for the formatting commands the parser leaves as they are, then single
/// spaces, trimmed.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let arg = after[name_len..].strip_prefix('{');
        match (FORMATTING.contains(&name), arg) {
            (true, Some(arg)) => {
                let mut depth = 1usize;
                let close = arg.char_indices().find_map(|(j, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0).then_some(j)
                });
                match close {
                    Some(j) => {
                        out.push_str(&tidy(&arg[..j]));
                        rest = &arg[j + 1..];
                    }
                    None => {
                        out.push_str(arg);
                        rest = "";
                    }
                }
            }
            _ => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn chunks_text(chunks: &[Spanned<Chunk>]) -> String {
    let mut out = String::new();
    for chunk in chunks {
        match &chunk.v {
            Chunk::Normal(s) | Chunk::Verbatim(s) => out.push_str(s),
            Chunk::Math(m) => out.push_str(&math_text(m)),
        }
    }
    tidy(&out)
}

/// A text field, cleaned; `None` when absent or blank.
fn text_field(entry: &Entry, name: &str) -> Option<String> {
    let text = chunks_text(entry.fields.get(name)?);
    (!text.is_empty()).then_some(text)
}

/// A verbatim field (URL, DOI, eprint) as written, trimmed.
fn raw_field(entry: &Entry, name: &str) -> Option<String> {
    let text = entry.fields.get(name)?.format_verbatim().trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// `2407.06167` from `arXiv:2407.06167v2`, `2407.06167.pdf` or `2407.06167`.
pub(crate) fn bare_arxiv(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("arxiv:"))
        .map_or(s, |_| &s[6..])
        .trim();
    let s = s.strip_suffix(".pdf").unwrap_or(s);
    if !is_arxiv_id(s) {
        return None;
    }
    match s.rfind('v') {
        Some(i) if i > 0 && s[i + 1..].bytes().all(|b| b.is_ascii_digit()) => {
            Some(s[..i].to_string())
        }
        _ => Some(s.to_string()),
    }
}

/// The bare DOI of `10.1/x`, `doi:10.1/x` or a doi.org URL, in its own case.
pub(crate) fn bare_doi(s: &str) -> Option<String> {
    const PREFIXES: [&str; 5] = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ];
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let t = PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(t, |p| &t[p.len()..])
        .trim();
    is_doi(t).then(|| t.to_string())
}

/// The arXiv id of an arXiv DOI, `10.48550/arXiv.2407.06167`.
pub(crate) fn arxiv_of_doi(doi: &str) -> Option<String> {
    let lower = doi.to_ascii_lowercase();
    let id = lower.strip_prefix("10.48550/arxiv.")?;
    bare_arxiv(doi.get(doi.len() - id.len()..)?)
}

/// An arXiv id named in free text: `arXiv preprint arXiv:2407.06167`, `abs/2104.12642`.
fn arxiv_in_text(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    for marker in ["arxiv:", "abs/"] {
        if let Some(i) = lower.find(marker) {
            let tail = &s[i + marker.len()..];
            let end = tail
                .find(|c: char| c.is_whitespace() || c == ',' || c == ')' || c == ';')
                .unwrap_or(tail.len());
            if let Some(id) = bare_arxiv(&tail[..end]) {
                return Some(id);
            }
        }
    }
    None
}

/// The arXiv id of an `arxiv.org/abs/…` or `arxiv.org/pdf/…` URL.
pub(crate) fn arxiv_of_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let i = lower.find("arxiv.org/")?;
    let path = &url[i + "arxiv.org/".len()..];
    let id = path
        .strip_prefix("abs/")
        .or_else(|| path.strip_prefix("pdf/"))?;
    let end = id.find(['?', '#']).unwrap_or(id.len());
    bare_arxiv(id[..end].trim_end_matches('/'))
}

/// The DOI of a `doi.org/…` URL or a publisher URL with `/doi/[abs|pdf|full/]10.…`.
pub(crate) fn doi_of_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let start = if let Some(i) = lower.find("doi.org/10.") {
        i + "doi.org/".len()
    } else {
        let i = lower.find("/doi/")? + "/doi/".len();
        let rest = &lower[i..];
        i + ["abs/", "pdf/", "full/", "epdf/"]
            .iter()
            .find(|p| rest.starts_with(*p))
            .map_or(0, |p| p.len())
    };
    let doi = url.get(start..)?;
    let end = doi.find(['?', '#']).unwrap_or(doi.len());
    bare_doi(&doi[..end])
}

fn month_of(s: &str) -> Option<u8> {
    let s = s.trim().trim_end_matches('.');
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let lower = s.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|name| name.starts_with(&lower))
        .map(|i| i as u8 + 1)
}

fn year_of(s: &str) -> Option<i32> {
    let s = s.trim();
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| *y >= 1000)
}

/// `2024`, `2024-07` or `2024-07-09` (the start of a range `…/…`).
pub(crate) fn iso_date(s: &str) -> Option<BibDate> {
    let start = s.split('/').next()?.trim();
    let mut parts = start.splitn(3, '-');
    let year = year_of(parts.next()?)?;
    let month = match parts.next() {
        Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => {
            let full = format!("{year:04}-{:02}-{d}", month.unwrap_or(1));
            Some(Date::parse(&full)?.day)
        }
        None => None,
    };
    Some(BibDate { year, month, day })
}

fn entry_date(entry: &Entry) -> Option<BibDate> {
    if let Some(d) = raw_field(entry, "date").and_then(|d| iso_date(&d)) {
        return Some(d);
    }
    let year = year_of(&text_field(entry, "year")?)?;
    let month = text_field(entry, "month").and_then(|m| month_of(&m));
    let day = match (month, text_field(entry, "day")) {
        (Some(m), Some(d)) => d
            .parse::<u8>()
            .ok()
            .filter(|d| Date::parse(&format!("{year:04}-{m:02}-{d:02}")).is_some()),
        _ => None,
    };
    Some(BibDate { year, month, day })
}

fn person_name(p: &Person) -> String {
    tidy(
        &[&p.given_name, &p.prefix, &p.name, &p.suffix]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The field that names the venue for each entry type, then the usual fallbacks.
fn venue_fields(kind: &EntryType) -> &'static [&'static str] {
    match kind {
        EntryType::Article | EntryType::Periodical => &["journal", "journaltitle"],
        EntryType::InProceedings | EntryType::InCollection | EntryType::InBook => {
            &["booktitle", "maintitle"]
        }
        EntryType::TechReport | EntryType::Report => &["institution", "organization"],
        EntryType::PhdThesis | EntryType::MastersThesis | EntryType::Thesis => {
            &["school", "institution"]
        }
        EntryType::Book | EntryType::Proceedings => &["publisher", "organization"],
        _ => &["howpublished", "organization", "publisher"],
    }
}

/// Where each entry starts: the offset of the `@` of `@type{key,` for each citation key (its first
/// such place), found in one pass over the text. A key is taken to end at whitespace or at one of
/// `,})({"@=#`, so that no two places scanned overlap and the pass stays linear (searching the
/// text for every key took seconds for a few thousand entries).
fn entry_offsets(text: &str) -> HashMap<&str, usize> {
    let mut offsets = HashMap::new();
    for (at, _) in text.match_indices('@') {
        let rest = &text[at + 1..];
        let kind_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if kind_len == 0 {
            continue;
        }
        let Some(after_open) = rest[kind_len..]
            .trim_start()
            .strip_prefix(['{', '('])
            .map(str::trim_start)
        else {
            continue;
        };
        let key_len = after_open
            .find(|c: char| c.is_whitespace() || ",})({\"@=#".contains(c))
            .unwrap_or(after_open.len());
        let (key, after) = after_open.split_at(key_len);
        if !key.is_empty() && after.trim_start().starts_with([',', '}', ')']) {
            offsets.entry(key).or_insert(at);
        }
    }
    offsets
}

/// The 1-based line of each byte offset of one text, by binary search over its line starts.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

/// How deep braces may nest in a BibTeX text. Real entries need a few levels; the `biblatex`
/// parser recurses into every nested command (`\emph{\emph{…}}`), in time quadratic in the
/// depth and without bound on the stack, so deeper text is refused before it is parsed.
const MAX_BRACE_DEPTH: usize = 32;

/// The offset of the first brace nested deeper than [`MAX_BRACE_DEPTH`] (escaped braces do not
/// count).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' => escaped = true,
            b'{' => {
                depth += 1;
                if depth > MAX_BRACE_DEPTH {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn read_entry(entry: &Entry, starts: &HashMap<&str, usize>, lines: &Lines) -> ParsedEntry {
    let mut notes = Vec::new();
    let line = starts.get(entry.key.as_str()).map_or(0, |&o| lines.line(o));

    let mut authors = Vec::new();
    let mut more_authors = false;
    if let Some(chunks) = entry.fields.get("author") {
        if let Ok(people) = chunks.parse::<Vec<Person>>() {
            for p in &people {
                let name = person_name(p);
                if name.eq_ignore_ascii_case("others") {
                    more_authors = true;
                } else if !name.is_empty() {
                    authors.push(name);
                }
            }
        }
    }

    let mut doi = None;
    let mut arxiv = None;
    if let Some(d) = raw_field(entry, "doi") {
        match bare_doi(&d) {
            Some(d) => match arxiv_of_doi(&d) {
                Some(id) => arxiv = Some(id),
                None => doi = Some(d),
            },
            None => notes.push(format!("doi {d:?} is not a DOI; it was ignored")),
        }
    }
    let prefix = text_field(entry, "archiveprefix")
        .or_else(|| text_field(entry, "eprinttype"))
        .map(|p| p.to_ascii_lowercase());
    if let Some(e) = raw_field(entry, "eprint") {
        if prefix.as_deref().is_none_or(|p| p == "arxiv") {
            match bare_arxiv(&e) {
                Some(id) => arxiv = Some(id),
                None if prefix.is_some() => {
                    notes.push(format!("eprint {e:?} is not an arXiv id; it was ignored"))
                }
                None => {}
            }
        }
    }

    let mut venue = venue_fields(&entry.entry_type)
        .iter()
        .chain(&["journal", "journaltitle", "booktitle", "howpublished"])
        .filter_map(|f| text_field(entry, f))
        .find(|v| !v.contains("://"));
    if let Some(v) = &venue {
        let lower = v.to_lowercase();
        if lower.contains("arxiv") || lower == "corr" {
            if arxiv.is_none() {
                arxiv = arxiv_in_text(v)
                    .or_else(|| text_field(entry, "volume").and_then(|vol| arxiv_in_text(&vol)));
            }
            venue = Some("arXiv".to_string());
        }
    }

    let url = raw_field(entry, "url");
    let doi_in_url = url.as_deref().and_then(doi_of_url);
    let arxiv_in_url = url.as_deref().and_then(arxiv_of_url);

    ParsedEntry {
        key: entry.key.clone(),
        kind: match &entry.entry_type {
            EntryType::Unknown(name) => name.to_lowercase(),
            known => known.to_string().to_lowercase(),
        },
        line,
        title: text_field(entry, "title"),
        authors,
        more_authors,
        venue,
        date: entry_date(entry),
        doi,
        arxiv,
        pmid: raw_field(entry, "pmid")
            .filter(|p| p.len() <= 8 && p.bytes().all(|b| b.is_ascii_digit())),
        url,
        doi_in_url: doi_in_url.filter(|d| arxiv_of_doi(d).is_none()),
        arxiv_in_url,
        notes,
    }
}

/// A publication added from an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub key: String,
    pub id: String,
    /// Slugs of the lab members among its authors.
    pub members: Vec<String>,
}

/// A publication updated from an entry, with the fields that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub key: String,
    pub id: String,
    pub fields: Vec<&'static str>,
}

/// An entry that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub key: String,
    pub line: usize,
    pub reason: String,
}

/// What an import did, entry by entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: Vec<Added>,
    pub updated: Vec<Updated>,
    /// `(entry key, publication id)` of entries that matched and changed nothing.
    pub unchanged: Vec<(String, String)>,
    pub skipped: Vec<Skipped>,
    /// Things worth a look that did not stop the import.
    pub notes: Vec<String>,
}

impl ImportReport {
    /// True when the data changes.
    pub fn changes(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for a in &self.added {
            let members = if a.members.is_empty() {
                "no lab member among the authors".to_string()
            } else {
                format!("members: {}", a.members.join(", "))
            };
            writeln!(f, "added      {} (from {}; {members})", a.id, a.key)?;
        }
        for u in &self.updated {
            writeln!(
                f,
                "updated    {} (from {}): {}",
                u.id,
                u.key,
                u.fields.join(", ")
            )?;
        }
        for (key, id) in &self.unchanged {
            writeln!(f, "unchanged  {id} (from {key})")?;
        }
        for s in &self.skipped {
            writeln!(f, "skipped    {} (line {}): {}", s.key, s.line, s.reason)?;
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        write!(
            f,
            "{} added, {} updated, {} unchanged, {} skipped",
            self.added.len(),
            self.updated.len(),
            self.unchanged.len(),
            self.skipped.len()
        )
    }
}

/// What makes two records the same paper: DOI, arXiv and PubMed keys, and the title key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    doi: Option<String>,
    arxiv: Option<String>,
    pmid: Option<String>,
    title: String,
}

impl Identity {
    /// A listed publication's identity; identifiers inside its URL count.
    pub(crate) fn of_publication(p: &Publication) -> Identity {
        let url = p.url.as_deref();
        Identity {
            doi: p
                .doi
                .as_deref()
                .map(doi_key)
                .or_else(|| url.and_then(doi_of_url).map(|d| doi_key(&d))),
            arxiv: p
                .arxiv
                .as_deref()
                .map(arxiv_key)
                .or_else(|| url.and_then(arxiv_of_url).map(|a| arxiv_key(&a))),
            pmid: p.pmid.as_deref().map(|id| id.trim().to_string()),
            title: title_key(&p.title),
        }
    }

    pub(crate) fn of_entry(e: &ParsedEntry) -> Identity {
        Identity {
            doi: e.any_doi().map(doi_key),
            arxiv: e.any_arxiv().map(arxiv_key),
            pmid: e.pmid.clone(),
            title: e.title.as_deref().map(title_key).unwrap_or_default(),
        }
    }

    /// What the two share, by priority; `None` when nothing.
    pub(crate) fn shared(&self, other: &Identity) -> Option<&'static str> {
        if self.doi.is_some() && self.doi == other.doi {
            Some("DOI")
        } else if self.arxiv.is_some() && self.arxiv == other.arxiv {
            Some("arXiv id")
        } else if self.pmid.is_some() && self.pmid == other.pmid {
            Some("PubMed id")
        } else if !self.title.is_empty() && self.title == other.title {
            Some("title")
        } else {
            None
        }
    }
}

fn date_string(d: BibDate) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

/// True when `date` (YYYY-MM-DD) agrees with `d` as far as `d` goes.
fn confirms(d: BibDate, date: &str) -> bool {
    Date::parse(date).is_some_and(|x| {
        x.year == d.year
            && d.month.is_none_or(|m| m == x.month)
            && d.day.is_none_or(|day| day == x.day)
    })
}

/// Title words an id does not start with.
const STOP_WORDS: [&str; 14] = [
    "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "at", "by", "towards",
];

/// `rocketkv-2025` for "RocketKV: Accelerating …" (2025), `fast-serving-large-models-2024`
/// otherwise; `-2`, `-3`… when taken.
pub(crate) fn new_id(title: &str, year: i32, taken: &BTreeSet<String>) -> String {
    let name = title
        .split_once(':')
        .map(|(name, _)| name)
        .filter(|name| name.split_whitespace().count() <= 3)
        .map(slugify)
        .filter(|s| !s.is_empty());
    let base = name.unwrap_or_else(|| {
        slugify(title)
            .split('-')
            .filter(|w| !STOP_WORDS.contains(w))
            .take(4)
            .collect::<Vec<_>>()
            .join("-")
    });
    let base = if base.is_empty() {
        "publication".to_string()
    } else {
        base
    };
    let id = format!("{base}-{year}");
    let mut candidate = id.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

/// Applies the entries to `data` by the rule in the module documentation.
pub fn merge(data: &mut SiteData, entries: &[ParsedEntry]) -> ImportReport {
    let site = Site::new(data.clone());
    let member_slug = |name: &str| site.member_by_name(name).map(|m| m.slug.clone());
    let same_person = |a: &str, b: &str| {
        name_key(a) == name_key(b) || member_slug(a).is_some_and(|s| member_slug(b) == Some(s))
    };
    let errors = |d: &SiteData| -> BTreeSet<(String, String)> {
        validate(d, &Positions::identity(d))
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.path, p.message))
            .collect()
    };
    let baseline = errors(data);

    let mut report = ImportReport::default();
    let mut seen: Vec<(String, Identity)> = Vec::new();
    for e in entries {
        let skip = |reason: String| Skipped {
            key: e.key.clone(),
            line: e.line,
            reason,
        };
        for n in &e.notes {
            report.notes.push(format!("{}: {n}", e.key));
        }
        let Some(title) = e.title.clone() else {
            report
                .skipped
                .push(skip("no title; add title = {…}".to_string()));
            continue;
        };
        let ids = Identity::of_entry(e);
        if let Some((key, why)) = seen
            .iter()
            .find_map(|(key, other)| ids.shared(other).map(|why| (key, why)))
        {
            report.skipped.push(skip(format!(
                "the same paper as entry {key} above (same {why})"
            )));
            continue;
        }
        seen.push((e.key.clone(), ids.clone()));

        let existing = ["DOI", "arXiv id", "PubMed id", "title"]
            .iter()
            .find_map(|want| {
                data.publications
                    .iter()
                    .position(|p| ids.shared(&Identity::of_publication(p)) == Some(*want))
            });
        let mut candidate = data.clone();
        let outcome = match existing {
            Some(i) => {
                let p = &mut candidate.publications[i];
                let mut fields = Vec::new();
                let published =
                    !p.venue.trim().is_empty() && !p.venue.eq_ignore_ascii_case("arxiv");
                let preprint_of_published = e.is_preprint() && published;
                if !preprint_of_published {
                    if title != p.title {
                        p.title = title;
                        fields.push("title");
                    }
                    if !e.authors.is_empty() && !e.more_authors {
                        let same = e.authors.len() == p.authors.len()
                            && e.authors
                                .iter()
                                .zip(&p.authors)
                                .all(|(a, b)| same_person(a, b));
                        if !same {
                            p.authors = e.authors.clone();
                            fields.push("authors");
                        }
                    }
                    if let Some(v) = &e.venue {
                        if *v != p.venue {
                            p.venue = v.clone();
                            fields.push("venue");
                        }
                    }
                    if let Some(d) = e.date {
                        if !confirms(d, &p.date) {
                            p.date = date_string(d);
                            fields.push("date");
                        }
                    }
                    if let Some(url) = &e.url {
                        if p.url.as_deref() != Some(url.as_str()) {
                            p.url = Some(url.clone());
                            fields.push("url");
                        }
                    }
                }
                if let Some(doi) = &e.doi {
                    if p.doi.as_deref().map(doi_key) != Some(doi_key(doi)) {
                        p.doi = Some(doi.clone());
                        fields.push("doi");
                    }
                }
                if let Some(id) = &e.arxiv {
                    if p.arxiv.as_deref().map(arxiv_key) != Some(arxiv_key(id)) {
                        p.arxiv = Some(id.clone());
                        fields.push("arxiv");
                    }
                }
                if let Some(id) = &e.pmid {
                    if p.pmid.as_deref().map(str::trim) != Some(id.as_str()) {
                        p.pmid = Some(id.clone());
                        fields.push("pmid");
                    }
                }
                if fields.is_empty() {
                    report.unchanged.push((e.key.clone(), p.id.clone()));
                    continue;
                }
                Ok(Some(Updated {
                    key: e.key.clone(),
                    id: p.id.clone(),
                    fields,
                }))
            }
            None => new_publication(e, title, &candidate).map(|p| {
                candidate.publications.push(p);
                None
            }),
        };
        let outcome = match outcome {
            Err(reason) => Err(reason),
            Ok(update) => {
                let broken: Vec<String> = errors(&candidate)
                    .difference(&baseline)
                    .map(|(path, message)| format!("{path}: {message}"))
                    .collect();
                if broken.is_empty() {
                    Ok(update)
                } else {
                    Err(format!(
                        "it would break the data file: {}",
                        broken.join("; ")
                    ))
                }
            }
        };
        match outcome {
            Err(reason) => report.skipped.push(skip(reason)),
            Ok(update) => {
                *data = candidate;
                match update {
                    Some(u) => report.updated.push(u),
                    None => {
                        let Some(p) = data.publications.last() else {
                            continue;
                        };
                        let mut members: Vec<String> =
                            p.authors.iter().filter_map(|a| member_slug(a)).collect();
                        members.dedup();
                        report.added.push(Added {
                            key: e.key.clone(),
                            id: p.id.clone(),
                            members,
                        });
                    }
                }
            }
        }
    }
    report
}

fn new_publication(e: &ParsedEntry, title: String, data: &SiteData) -> Result<Publication, String> {
    if e.authors.is_empty() {
        return Err("no authors; add author = {Last, First and …}".to_string());
    }
    let Some(date) = e.date else {
        return Err("no year or date; add year = {…}".to_string());
    };
    let taken: BTreeSet<String> = data.publications.iter().map(|p| p.id.clone()).collect();
    let arxiv = e.any_arxiv().map(str::to_string);
    let doi = e.any_doi().map(str::to_string);
    let url = e.url.clone().or_else(|| {
        arxiv
            .as_ref()
            .map(|id| format!("https://arxiv.org/abs/{id}"))
            .or_else(|| doi.as_ref().map(|d| format!("https://doi.org/{d}")))
    });
    let venue = e.venue.clone().unwrap_or_else(|| {
        if arxiv.is_some() {
            "arXiv".to_string()
        } else {
            String::new()
        }
    });
    Ok(Publication {
        id: new_id(&title, date.year, &taken),
        title,
        authors: e.authors.clone(),
        venue,
        date: date_string(date),
        url,
        doi,
        arxiv,
        pmid: e.pmid.clone(),
        image: None,
        links: Vec::new(),
        topics: Vec::new(),
        featured: false,
    })
}

/// Why an import did not produce a new data file.
#[derive(Debug)]
pub enum ImportError {
    /// The BibTeX text (named by the first field) could not be read.
    Bib(String, BibError),
    /// The data file has errors; they must be fixed first.
    Data(Vec<Finding>),
    /// The merged file did not pass `check` (a bug: entries are checked one by one).
    Result(Vec<Finding>),
    /// Reading or writing a file failed.
    Io(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, findings: &[Finding]| -> fmt::Result {
            for x in findings.iter().filter(|x| x.severity == Severity::Error) {
                write!(
                    f,
                    "\n  {}:{}: {}: {}",
                    x.position.line, x.position.column, x.path, x.message
                )?;
            }
            Ok(())
        };
        match self {
            ImportError::Bib(name, e) => write!(f, "{name}:{e}; nothing was written"),
            ImportError::Data(findings) => {
                write!(
                    f,
                    "the data file has errors; fix them first (labctl check shows them all):"
                )?;
                list(f, findings)
            }
            ImportError::Result(findings) => {
                write!(
                    f,
                    "the merged data would not pass check; nothing was written:"
                )?;
                list(f, findings)
            }
            ImportError::Io(e) => f.write_str(e),
        }
    }
}

/// The data file's text `body` with its publications replaced, keeping the file's key order and
/// style: `publications[k]` stands where the file's item `kept[k]` stood (the loader's
/// [`lab_model::validate::Positions`]), an item the loader skipped (a publication listed by
/// identifier alone, waiting for `labctl cite`) stays as written unless `filled` gives its
/// publication, and publications past `kept` are appended.
pub(crate) fn with_publications(
    body: &str,
    publications: &[Publication],
    kept: &[usize],
    filled: &BTreeMap<usize, Publication>,
) -> Result<String, String> {
    let mut tree = Json::parse(body)?;
    let old = match tree.get("publications") {
        Some(Json::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let placed: BTreeMap<usize, &Publication> = kept.iter().copied().zip(publications).collect();
    let mut items = Vec::with_capacity(old.len() + publications.len());
    for (i, raw) in old.into_iter().enumerate() {
        items.push(match placed.get(&i).copied().or_else(|| filled.get(&i)) {
            Some(p) => Json::from_serialize(p)?.ordered_like(Some(&raw)),
            None => raw,
        });
    }
    for p in publications.iter().skip(kept.len()) {
        items.push(Json::from_serialize(p)?);
    }
    tree.set("publications", Json::Array(items));
    Ok(tree.to_pretty())
}

/// The outcome of an import: what happened, and the new text of the data file when it changes.
#[derive(Debug)]
pub struct Imported {
    pub report: ImportReport,
    pub text: Option<String>,
}

/// Merges the BibTeX `bib` (called `bib_name` in errors) into the data file text `data_text`.
/// The new text keeps the file's key order and style; it is `None` when nothing changes.
pub fn import_text(data_text: &str, bib: &str, bib_name: &str) -> Result<Imported, ImportError> {
    let findings = check_text(data_text);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(ImportError::Data(findings));
    }
    let entries = parse(bib).map_err(|e| ImportError::Bib(bib_name.to_string(), e))?;
    let body = data_text.strip_prefix('\u{FEFF}').unwrap_or(data_text);
    let (mut data, positions, _) =
        parse_data(body).map_err(|_| ImportError::Data(findings.clone()))?;
    let report = merge(&mut data, &entries);
    if !report.changes() {
        return Ok(Imported { report, text: None });
    }
    let mut text = with_publications(
        body,
        &data.publications,
        &positions.publications,
        &BTreeMap::new(),
    )
    .map_err(ImportError::Io)?;
    if body.len() != data_text.len() {
        text.insert(0, '\u{FEFF}');
    }
    let after = check_text(&text);
    if after.iter().any(|f| f.severity == Severity::Error) {
        return Err(ImportError::Result(after));
    }
    Ok(Imported {
        report,
        text: Some(text),
    })
}

/// `labctl import-bibtex`: merges the BibTeX file `bib_path` into the data file `data_path` and
/// writes it atomically unless `dry_run`. `before_rename` is the write's test hook
/// ([`datafile::write_atomic_with`]).
pub fn import_file(
    data_path: &Path,
    bib_path: &Path,
    dry_run: bool,
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<ImportReport, ImportError> {
    let read = |p: &Path| {
        std::fs::read_to_string(p)
            .map_err(|e| ImportError::Io(format!("cannot read {}: {e}", p.display())))
    };
    let data_text = read(data_path)?;
    let bib = read(bib_path)?;
    let imported = import_text(&data_text, &bib, &bib_path.display().to_string())?;
    if let (Some(text), false) = (&imported.text, dry_run) {
        datafile::write_atomic_with(data_path, text.as_bytes(), before_rename).map_err(|e| {
            ImportError::Io(format!(
                "cannot write {}: {e}; the file is unchanged",
                data_path.display()
            ))
        })?;
    }
    Ok(imported.report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_latex_leftovers() {
        assert_eq!(tidy("\\emph{Fast}  \\textbf{\\textit{x}} y"), "Fast x y");
        assert_eq!(tidy("a \\unknown{b} \\mbox{c"), "a \\unknown{b} c");
        assert_eq!(tidy(" \\ "), "\\");
        assert_eq!(tidy("tail \\"), "tail \\");
    }

    #[test]
    fn math_becomes_text_when_it_is_only_letters() {
        assert_eq!(math_text("\\epsilon"), "ε");
        assert_eq!(math_text("{\\alpha}-2"), "α-2");
        assert_eq!(math_text("x^2"), "$x^2$");
        assert_eq!(math_text("\\frac{1}{2}"), "$\\frac{1}{2}$");
        assert_eq!(math_text("\\"), "$\\$");
    }

    #[test]
    fn reads_identifiers() {
        assert_eq!(
            bare_arxiv("arXiv:2407.06167v2").as_deref(),
            Some("2407.06167")
        );
        assert_eq!(
            bare_arxiv("ARXIV: 2407.06167.pdf").as_deref(),
            Some("2407.06167")
        );
        assert_eq!(bare_arxiv("cs/0112017").as_deref(), Some("cs/0112017"));
        assert_eq!(bare_arxiv("2407"), None);
        assert_eq!(
            bare_doi(" DOI:10.1109/MM.2023.3317243").as_deref(),
            Some("10.1109/MM.2023.3317243")
        );
        assert_eq!(
            bare_doi("https://dx.doi.org/10.1/x").as_deref(),
            Some("10.1/x")
        );
        assert_eq!(bare_doi("10.1145"), None);
        assert_eq!(
            arxiv_of_doi("10.48550/ARXIV.2409.17264").as_deref(),
            Some("2409.17264")
        );
        assert_eq!(arxiv_of_doi("10.1145/1.2"), None);
        assert_eq!(
            arxiv_in_text("arXiv preprint arXiv:2407.07000, 2024").as_deref(),
            Some("2407.07000")
        );
        assert_eq!(
            arxiv_in_text("abs/2104.12642").as_deref(),
            Some("2104.12642")
        );
        assert_eq!(arxiv_in_text("arXiv preprint"), None);
        assert_eq!(
            arxiv_of_url("https://arxiv.org/pdf/2211.13838v1.pdf").as_deref(),
            Some("2211.13838")
        );
        assert_eq!(
            arxiv_of_url("https://arxiv.org/abs/2407.06167?context=cs").as_deref(),
            Some("2407.06167")
        );
        assert_eq!(arxiv_of_url("https://arxiv.org/list/cs.LG"), None);
        assert_eq!(
            doi_of_url("https://dl.acm.org/doi/pdf/10.1145/3759441.3759448").as_deref(),
            Some("10.1145/3759441.3759448")
        );
        assert_eq!(
            doi_of_url("https://doi.org/10.1145/3394486.3403212#sec").as_deref(),
            Some("10.1145/3394486.3403212")
        );
        assert_eq!(doi_of_url("https://doi.org/gn3shm"), None);
    }

    #[test]
    fn reads_dates_at_their_precision() {
        let d = |year, month, day| Some(BibDate { year, month, day });
        assert_eq!(iso_date("2024-07-09"), d(2024, Some(7), Some(9)));
        assert_eq!(iso_date("2024-07"), d(2024, Some(7), None));
        assert_eq!(iso_date("2024/2025"), d(2024, None, None));
        assert_eq!(iso_date("2023-02-29"), None);
        assert_eq!(iso_date("2024-13"), None);
        assert_eq!(iso_date("24"), None);
        for (text, month) in [
            ("jul", 7),
            ("July", 7),
            ("7", 7),
            ("07", 7),
            ("Sept.", 9),
            ("dec", 12),
        ] {
            assert_eq!(month_of(text), Some(month), "{text}");
        }
        for text in ["13", "0", "ju", "Smarch", ""] {
            assert_eq!(month_of(text), None, "{text}");
        }
        assert!(confirms(
            BibDate {
                year: 2024,
                month: None,
                day: None
            },
            "2024-05-27"
        ));
        assert!(confirms(
            BibDate {
                year: 2024,
                month: Some(5),
                day: None
            },
            "2024-05-27"
        ));
        assert!(!confirms(
            BibDate {
                year: 2024,
                month: Some(6),
                day: None
            },
            "2024-05-27"
        ));
        assert!(!confirms(
            BibDate {
                year: 2024,
                month: Some(5),
                day: Some(1)
            },
            "2024-05-27"
        ));
        assert!(!confirms(
            BibDate {
                year: 2024,
                month: None,
                day: None
            },
            "soon"
        ));
        assert_eq!(
            date_string(BibDate {
                year: 2024,
                month: Some(5),
                day: None
            }),
            "2024-05-01"
        );
    }

    #[test]
    fn new_ids_are_unique_slugs() {
        let taken: BTreeSet<String> =
            ["rocketkv-2025".to_string(), "rocketkv-2025-2".to_string()].into();
        assert_eq!(
            new_id("RocketKV: Accelerating Inference", 2025, &taken),
            "rocketkv-2025-3"
        );
        assert_eq!(
            new_id("A Study of the Serving of Models at Scale", 2024, &taken),
            "study-serving-models-scale-2024"
        );
        assert_eq!(
            new_id("Too Many Words Before: The Colon", 2024, &taken),
            "too-many-words-before-2024"
        );
        assert_eq!(new_id("πλ: ∑", 2024, &taken), "publication-2024");
    }

    #[test]
    fn finds_where_an_entry_starts() {
        let text = "% x\n@string{k = {v}}\n@Article{ key1 ,\n title = {key1}}\n@misc{k}";
        let (starts, lines) = (entry_offsets(text), Lines::new(text));
        let line = |key: &str| starts.get(key).map(|&o| lines.line(o));
        assert_eq!(line("key1"), Some(3));
        assert_eq!(line("k"), Some(5));
        assert_eq!(line("nope"), None);
        assert!(entry_offsets("é{x,").is_empty());
        assert_eq!(Lines::new("a\nb\n").line(0), 1);
        assert_eq!(Lines::new("a\nb\n").line(1), 1);
        assert_eq!(Lines::new("a\nb\n").line(2), 2);
        assert_eq!(Lines::new("a\nb\n").line(4), 3);
    }

    /// 10^5-10^6 bytes of one repeated character (and of the patterns that made the importer or
    /// the `biblatex` parser slow) are read in milliseconds. Nothing is timed; a quadratic step
    /// makes this test run for minutes, and a recursive one overflows the stack.
    #[test]
    fn hostile_inputs_are_read_in_linear_time() {
        const N: usize = 1_000_000;
        for c in [
            "@", "{", "}", "\\", "$", "\"", "%", "a", " ", ",", "=", "#", "\n", "(", ")", "é",
        ] {
            let _ = parse(&c.repeat(N));
        }
        for p in [
            "@a{", "@a{k,", "\\emph{", "$\\", "@string{", "{\\", "@a{k,t={", "@a{@",
        ] {
            let _ = parse(&p.repeat(N / p.len()));
        }
        let many: String = (0..20_000).map(|i| format!("@misc{{k{i},}}\n")).collect();
        let entries = parse(&many).unwrap();
        assert_eq!(entries.len(), 20_000);
        assert_eq!(entries[19_999].line, 20_000);
        let nested = |depth: usize| {
            format!(
                "@misc{{k, title={{{}x{}}}}}",
                "\\emph{".repeat(depth),
                "}".repeat(depth)
            )
        };
        assert_eq!(parse(&nested(30)).unwrap()[0].title.as_deref(), Some("x"));
        let e = parse(&nested(100_000)).unwrap_err();
        assert_eq!((e.line, e.column), (1, 16 + 6 * 31));
        assert!(e.message.contains("more than 32 levels"), "{}", e.message);
    }

    #[test]
    fn identity_priority_is_doi_then_arxiv_then_title() {
        let id = |doi: Option<&str>, arxiv: Option<&str>, title: &str| Identity {
            doi: doi.map(str::to_string),
            arxiv: arxiv.map(str::to_string),
            pmid: None,
            title: title.to_string(),
        };
        let a = id(Some("10.1/x"), Some("2401.00001"), "t");
        assert_eq!(a.shared(&id(Some("10.1/x"), None, "u")), Some("DOI"));
        assert_eq!(
            a.shared(&id(Some("10.1/y"), Some("2401.00001"), "t")),
            Some("arXiv id")
        );
        assert_eq!(a.shared(&id(None, None, "t")), Some("title"));
        assert_eq!(a.shared(&id(None, None, "u")), None);
        assert_eq!(id(None, None, "").shared(&id(None, None, "")), None);
    }
}
