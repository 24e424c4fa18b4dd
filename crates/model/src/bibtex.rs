//! BibTeX for publications: a citation key, one entry, a whole bibliography. Plain string work
//! with no dependency, because the app ships it too.
//!
//! The entry type follows the venue: a preprint (`arXiv`, or no venue) is a `@misc` with the
//! arXiv eprint fields, a venue that names a conference, symposium, workshop or proceedings is an
//! `@inproceedings`, any other venue is a journal `@article`. Text keeps its Unicode; only the
//! characters that BibTeX treats specially are escaped, and words with inner capitals (`RocketKV`,
//! `LLM`) are braced so that styles do not lowercase them. The exact date is kept in BibLaTeX's
//! `date` field beside the classic `year` and `month`.

use std::collections::BTreeSet;

use crate::date::Date;
use crate::text::fold;
use crate::types::Publication;

/// Title words that do not make a citation key.
const STOP_WORDS: [&str; 20] = [
    "a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "at", "by", "from",
    "is", "are", "towards", "toward", "into", "how",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// ASCII lowercase letters and digits of `s`, accents folded: "Antoñanzas" → "antonanzas".
fn ascii_word(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// The year of a `YYYY-MM-DD` date, or of its first four digits when the date is not real.
fn year(p: &Publication) -> Option<String> {
    match Date::parse(&p.date) {
        Some(d) => Some(d.year.to_string()),
        None => {
            let y = p.date.get(..4)?;
            y.bytes().all(|b| b.is_ascii_digit()).then(|| y.to_string())
        }
    }
}

/// `agrawal2025evaluating`: the first author's last name, the year and the first significant
/// word of the title (not a stop word, not a number), in ASCII lowercase. Parts that are missing are left out (`anon` stands for
/// a missing author).
pub fn cite_key(p: &Publication) -> String {
    let last = p
        .authors
        .first()
        .and_then(|a| a.split_whitespace().last())
        .map(ascii_word)
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "anon".to_string());
    let word = p
        .title
        .split(|c: char| c.is_whitespace() || c == '-' || c == ':' || c == '/')
        .map(ascii_word)
        .find(|w| w.bytes().any(|b| b.is_ascii_alphabetic()) && !STOP_WORDS.contains(&w.as_str()))
        .unwrap_or_default();
    format!("{last}{}{word}", year(p).unwrap_or_default())
}

/// Escapes the characters that BibTeX treats specially; Unicode is kept as it is.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A URL, DOI or eprint: verbatim in BibTeX, so only braces (which would end the field) are
/// percent-encoded.
fn verbatim(s: &str) -> String {
    s.trim()
        .replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// A title with special characters escaped and words with inner capitals braced.
fn title(s: &str) -> String {
    s.split_whitespace()
        .map(|word| {
            // Brace the word without the punctuation around it: `{RocketKV}:`, `({ECCV}`.
            let core_start = word.find(char::is_alphanumeric).unwrap_or(0);
            let core_end = word.rfind(char::is_alphanumeric).map_or(word.len(), |i| {
                i + word[i..].chars().next().map_or(1, char::len_utf8)
            });
            let (lead, rest) = word.split_at(core_start);
            let (core, trail) = rest.split_at(core_end.saturating_sub(core_start).min(rest.len()));
            if core.chars().skip(1).any(char::is_uppercase) {
                format!("{}{{{}}}{}", escape(lead), escape(core), escape(trail))
            } else {
                escape(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One author as `Last, First`; a name BibTeX would misread (a comma, a lone `and`) is braced.
fn author(name: &str) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let escaped = escape(&name);
    if name.contains(',') || name.split(' ').any(|w| w.eq_ignore_ascii_case("and")) {
        return format!("{{{escaped}}}");
    }
    match escaped.rsplit_once(' ') {
        Some((first, last)) => format!("{last}, {first}"),
        None => escaped,
    }
}

/// The BibTeX entry type and the field that holds the venue.
fn kind(p: &Publication) -> (&'static str, Option<&'static str>) {
    let venue = p.venue.trim().to_lowercase();
    if venue.is_empty() {
        ("misc", None)
    } else if venue == "arxiv" || venue.starts_with("arxiv preprint") || venue == "corr" {
        ("misc", Some("howpublished"))
    } else if [
        "conference",
        "proceedings",
        "proc.",
        "symposium",
        "workshop",
        "conf.",
    ]
    .iter()
    .any(|w| venue.contains(w))
    {
        ("inproceedings", Some("booktitle"))
    } else {
        ("article", Some("journal"))
    }
}

fn entry_with_key(p: &Publication, key: &str) -> String {
    let (kind, venue_field) = kind(p);
    let mut fields: Vec<(&str, String)> = vec![
        ("title", format!("{{{}}}", title(&p.title))),
        (
            "author",
            format!(
                "{{{}}}",
                p.authors
                    .iter()
                    .map(|a| author(a))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        ),
    ];
    if let Some(field) = venue_field {
        fields.push((field, format!("{{{}}}", escape(p.venue.trim()))));
    }
    match Date::parse(&p.date) {
        Some(d) => {
            fields.push(("year", format!("{{{}}}", d.year)));
            fields.push(("month", MONTHS[d.month as usize - 1].to_string()));
            fields.push(("date", format!("{{{}}}", p.date)));
        }
        None => {
            if let Some(y) = year(p) {
                fields.push(("year", format!("{{{y}}}")));
            }
        }
    }
    if let Some(doi) = p.doi.as_deref().filter(|d| !d.trim().is_empty()) {
        fields.push(("doi", format!("{{{}}}", verbatim(doi))));
    }
    if let Some(id) = p.arxiv.as_deref().filter(|d| !d.trim().is_empty()) {
        fields.push(("eprint", format!("{{{}}}", verbatim(id))));
        fields.push(("archivePrefix", "{arXiv}".to_string()));
    }
    if let Some(url) = p.url.as_deref().filter(|d| !d.trim().is_empty()) {
        fields.push(("url", format!("{{{}}}", verbatim(url))));
    }
    let mut out = format!("@{kind}{{{key},\n");
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push_str("}\n");
    out
}

/// One BibTeX entry for `p`, keyed by [`cite_key`].
pub fn entry(p: &Publication) -> String {
    entry_with_key(p, &cite_key(p))
}

/// Entries for every publication, separated by blank lines. Keys are unique: a key that is
/// already taken gets a letter, `b`, `c`, … (`agrawal2024etalon`, `agrawal2024etalonb`).
pub fn bibliography<'a>(pubs: impl IntoIterator<Item = &'a Publication>) -> String {
    let mut taken = BTreeSet::new();
    let mut entries = Vec::new();
    for p in pubs {
        let base = cite_key(p);
        let mut key = base.clone();
        let mut suffix = b'b';
        while taken.contains(&key) {
            key = if suffix <= b'z' {
                format!("{base}{}", suffix as char)
            } else {
                format!("{base}{}", usize::from(suffix))
            };
            suffix = suffix.saturating_add(1);
        }
        entries.push(entry_with_key(p, &key));
        taken.insert(key);
    }
    entries.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publication(title: &str, authors: &[&str], venue: &str, date: &str) -> Publication {
        Publication {
            id: "x".into(),
            title: title.into(),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            venue: venue.into(),
            date: date.into(),
            url: None,
            doi: None,
            arxiv: None,
            pmid: None,
            image: None,
            links: Vec::new(),
            topics: vec![],
            featured: false,
        }
    }

    #[test]
    fn cite_keys_are_ascii_lowercase() {
        let p = publication(
            "On Evaluating Performance of LLM Inference Serving Systems",
            &["Amey Agrawal", "Alexey Tumanov"],
            "arXiv",
            "2025-07-15",
        );
        assert_eq!(cite_key(&p), "agrawal2025evaluating");
        let p = publication(
            "DεpS: Delayed ε-Shrinking",
            &["Íñigo Goiri"],
            "V",
            "2024-07-09",
        );
        assert_eq!(cite_key(&p), "goiri2024dps");
        let p = publication("The A of 2", &[], "V", "soon");
        assert_eq!(cite_key(&p), "anon");
        let p = publication("Ünïcode Title", &["Jesús M. Antoñanzas"], "V", "2023-13-40");
        assert_eq!(cite_key(&p), "antonanzas2023unicode");
    }

    #[test]
    fn entry_type_follows_the_venue() {
        let kind_of = |venue| kind(&publication("T", &["A B"], venue, "2024-01-01")).0;
        assert_eq!(kind_of("arXiv"), "misc");
        assert_eq!(kind_of(""), "misc");
        assert_eq!(
            kind_of("18th USENIX Symposium on Operating Systems Design and Implementation"),
            "inproceedings"
        );
        assert_eq!(
            kind_of("Proc. of Machine Learning for Health (ML4H'23)"),
            "inproceedings"
        );
        assert_eq!(kind_of("IEEE Micro"), "article");
        assert_eq!(
            kind_of("ACM SIGOPS Operating Systems Review, Volume 59, Issue 2"),
            "article"
        );
    }

    #[test]
    fn an_arxiv_preprint_is_a_misc_entry_with_eprint_fields() {
        let mut p = publication(
            "RocketKV: Accelerating Long-Context LLM Inference",
            &["Payman Behnam", "Alexey Tumanov"],
            "arXiv",
            "2025-08-14",
        );
        p.arxiv = Some("2502.14051".into());
        p.url = Some("https://arxiv.org/abs/2502.14051".into());
        assert_eq!(
            entry(&p),
            "@misc{behnam2025rocketkv,
  title = {{RocketKV}: Accelerating {Long-Context} {LLM} Inference},
  author = {Behnam, Payman and Tumanov, Alexey},
  howpublished = {arXiv},
  year = {2025},
  month = aug,
  date = {2025-08-14},
  eprint = {2502.14051},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2502.14051},
}
"
        );
    }

    #[test]
    fn specials_are_escaped_and_unicode_kept() {
        let mut p = publication(
            "50% of $cost & {braces} in C# ~ a_b^2 \\ end",
            &["Íñigo Goiri", "Plato", "Smith, Jr.", "Anna and Bob"],
            "Knowledge Discovery & Data Mining Conference",
            "2020-08-20",
        );
        p.doi = Some("10.1145/3394486.3403212".into());
        p.url = Some("https://example.org/a_b%20{x}".into());
        let e = entry(&p);
        assert!(e.starts_with("@inproceedings{goiri2020cost,\n"), "{e}");
        assert!(
            e.contains("title = {50\\% of \\$cost \\& \\{braces\\} in C\\# \\textasciitilde{} a\\_b\\textasciicircum{}2 \\textbackslash{} end},"),
            "{e}"
        );
        assert!(
            e.contains("author = {Goiri, Íñigo and Plato and {Smith, Jr.} and {Anna and Bob}},"),
            "{e}"
        );
        assert!(
            e.contains("booktitle = {Knowledge Discovery \\& Data Mining Conference},"),
            "{e}"
        );
        assert!(e.contains("doi = {10.1145/3394486.3403212},"), "{e}");
        assert!(
            e.contains("url = {https://example.org/a_b%20%7Bx%7D},"),
            "{e}"
        );
        assert!(!e.contains("eprint"), "{e}");
        assert!(balanced(&e), "{e}");
    }

    /// Braces pair up, ignoring escaped ones.
    fn balanced(s: &str) -> bool {
        let mut depth = 0i32;
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        depth == 0
    }

    #[test]
    fn titles_brace_words_with_inner_capitals() {
        assert_eq!(
            title("Serving (ECCV) models: DεpS, x_Y & Co"),
            "Serving ({ECCV}) models: {DεpS}, {x\\_Y} \\& Co"
        );
        assert_eq!(title("  a  b "), "a b");
        assert_eq!(title("-- ::"), "-- ::");
    }

    #[test]
    fn a_date_that_is_not_real_keeps_only_its_year() {
        let e = entry(&publication("T", &["A B"], "IEEE Micro", "2023-02-30"));
        assert!(
            e.contains("journal = {IEEE Micro},\n  year = {2023},\n}"),
            "{e}"
        );
        let e = entry(&publication("T", &["A B"], "IEEE Micro", "soon"));
        assert!(!e.contains("year"), "{e}");
    }

    #[test]
    fn bibliography_keys_are_unique() {
        let a = publication("Etalon: Holistic", &["Amey Agrawal"], "arXiv", "2024-09-02");
        let b = publication("Etalon: Holistic", &["Amey Agrawal"], "arXiv", "2024-09-03");
        let c = publication("Etalon: Holistic", &["Amey Agrawal"], "arXiv", "2024-09-04");
        let bib = bibliography([&a, &b, &c]);
        let keys: Vec<&str> = bib
            .lines()
            .filter_map(|l| l.strip_prefix("@misc{"))
            .collect();
        assert_eq!(
            keys,
            [
                "agrawal2024etalon,",
                "agrawal2024etalonb,",
                "agrawal2024etalonc,"
            ]
        );
        assert_eq!(bib.matches("\n\n@").count(), 2);
        assert_eq!(bibliography(std::iter::empty()), "");
    }
}
