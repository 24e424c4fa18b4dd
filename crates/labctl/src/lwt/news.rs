//! News from the bulleted list under a "News" heading of `index.md` (LWT has no news
//! collection; labs keep them there), and from a `news` page when there is one. Each bullet is
//! an item. Its date is the day git first saw the line (see [`super::git`]); without a history
//! the item is reported as undated and given a date the report names, because the data file
//! requires one: a month named in the text ("July 2025"), else the date of the nearest dated
//! item below it in the list (the list is newest first), else above it, else the newest date
//! of the site's publications and posts, else the day `index.md` was last modified.

use std::collections::{BTreeMap, BTreeSet};

use lab_model::date::Date;
use lab_model::markdown::{hrefs, parse, plain_text};
use lab_model::NewsItem;

use crate::bibtex_import::new_id;

use super::clean::month_of_word;
use super::git::{first_dates, line_key};
use super::images::Images;
use super::markup::{Markup, Sink};
use super::report::{Origin, Report};
use super::source::{split_front_matter, Repo};
use super::topics::Vocabulary;

/// One bullet as written, with where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    pub text: String,
    /// The bullet's first line as written, for its git date.
    pub first_line: String,
    pub line: usize,
}

fn heading(line: &str) -> Option<(usize, String)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    (rest.is_empty() || rest.starts_with(' '))
        .then(|| (level, rest.trim().trim_end_matches('#').trim().to_string()))
}

fn bullet_start(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    for m in ["- ", "* ", "+ "] {
        if let Some(r) = t.strip_prefix(m) {
            return Some(r);
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r);
        }
    }
    None
}

/// The bullets of a markdown text: under headings that name news when `under_news_heading`,
/// else all of them. `first_line` is the text's first line in its file.
pub fn bullets(body: &str, first_line: usize, under_news_heading: bool) -> Vec<Bullet> {
    let mut out: Vec<Bullet> = Vec::new();
    let mut in_news: Option<usize> = (!under_news_heading).then_some(0);
    let mut current: Option<Bullet> = None;
    let mut blank = false;
    let mut fence = false;
    for (i, line) in body.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if fence {
            continue;
        }
        if let Some((level, title)) = heading(line) {
            out.extend(current.take());
            let lower = title.to_lowercase();
            let names_news = lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "news" | "announcements" | "updates"));
            in_news = match in_news {
                Some(l) if level > l && under_news_heading => Some(l),
                _ if names_news || !under_news_heading => Some(level),
                _ => None,
            };
            continue;
        }
        if in_news.is_none() {
            continue;
        }
        if let Some(rest) = bullet_start(line) {
            out.extend(current.take());
            current = Some(Bullet {
                text: rest.trim().to_string(),
                first_line: line.to_string(),
                line: first_line + i,
            });
            blank = false;
            continue;
        }
        if t.is_empty() {
            blank = true;
            continue;
        }
        let indented = line.starts_with("  ") || line.starts_with('\t');
        match current.as_mut() {
            Some(b) if indented || !blank => {
                b.text.push(' ');
                b.text
                    .push_str(t.trim_start_matches(['-', '*', '+']).trim());
            }
            _ => {
                out.extend(current.take());
            }
        }
        blank = false;
    }
    out.extend(current);
    out
}

/// The topics the import gives news items, by the words of their text: what an item *is*
/// (the data file's `kinds`), with their labels. The last is for an item no word places.
pub const KINDS: [(&str, &str); 8] = [
    ("fellowship", "Fellowships"),
    ("award", "Awards"),
    ("paper", "Papers"),
    ("release", "Releases"),
    ("talk", "Talks"),
    ("people", "People"),
    ("opportunity", "Opportunities"),
    ("announcement", "Announcements"),
];

/// The words that place an item in each of [`KINDS`] (but the last).
const KIND_WORDS: [&[&str]; 7] = [
    &["fellowship"],
    &[
        "award",
        "honor",
        "honour",
        "prize",
        "recognized",
        "recognised",
        "best paper",
    ],
    &[
        "accepted",
        "paper",
        "arxiv",
        "preprint",
        "published",
        "journal",
        "proceedings",
    ],
    &[
        "release",
        "released",
        "open source",
        "open-source",
        "now public",
        "now available",
        "launch",
    ],
    &[
        " talk",
        "keynote",
        "presented",
        "presents",
        "tutorial",
        "panel",
        "invited",
        "workshop",
    ],
    &[
        "joins",
        "joined",
        "welcome",
        "graduated",
        "graduates ",
        "defended",
        "defends",
        "thesis defense",
        "tenure",
        "promoted",
        "promotion",
        "new member",
    ],
    &[
        "looking for",
        "hiring",
        "openings",
        "positions",
        "contributors",
        "apply",
        "join us",
    ],
];

/// Topics a news item's words suggest, with their labels.
pub fn guess_topics(text: &str) -> Vec<(&'static str, &'static str)> {
    let lower = format!(" {} ", text.to_lowercase());
    let mut out: Vec<(&'static str, &'static str)> = KIND_WORDS
        .iter()
        .zip(KINDS)
        .filter(|(words, _)| words.iter().any(|w| lower.contains(w)))
        .map(|(_, kind)| kind)
        .collect();
    if out.is_empty() {
        out.push(KINDS[KINDS.len() - 1]);
    }
    out
}

/// A date a news text names: a month and a year ("July 2025", "Spring of 2025").
fn date_in_text(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let month = month_of_word(w).or_else(|| match w.to_lowercase().as_str() {
            "spring" => Some(3),
            "summer" => Some(6),
            "fall" | "autumn" => Some(9),
            "winter" => Some(12),
            _ => None,
        });
        let Some(month) = month else { continue };
        // "May" is also a verb: only with a year right after ("May 2024", "Spring of 2025").
        let next = words
            .get(i + 1)
            .copied()
            .filter(|n| *n != "of")
            .or_else(|| words.get(i + 2).copied());
        let year = next
            .map(|n| n.trim_end_matches(['.', '!', ';', ':']))
            .filter(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<i32>().ok())
            .filter(|y| (1950..=2100).contains(y));
        if let Some(y) = year {
            return Date::parse(&format!("{y:04}-{month:02}-01"));
        }
    }
    None
}

/// The date of each item of a news list (newest first): its git date when known, else a month
/// its text names; the others get the latest of the year their text names, the arXiv paper
/// they link to and the date of the item below them, but no later than the nearest item above
/// with a known date. The second value says how a date was found (empty: git).
pub fn date_items(
    texts: &[String],
    git: &[Option<Date>],
    last_resort: Option<Date>,
) -> Vec<(Date, String)> {
    let n = texts.len();
    let exact: Vec<Option<(Date, String)>> = (0..n)
        .map(|i| match git.get(i).copied().flatten() {
            Some(d) => Some((d, String::new())),
            None => {
                date_in_text(&texts[i]).map(|d| (d, "from the month its text names".to_string()))
            }
        })
        .collect();
    let mut out: Vec<(Date, String)> = vec![
        (
            Date {
                year: 1970,
                month: 1,
                day: 1
            },
            String::new()
        );
        n
    ];
    let mut below: Option<Date> = None;
    for i in (0..n).rev() {
        if let Some((d, how)) = &exact[i] {
            out[i] = (*d, how.clone());
            below = Some(*d);
            continue;
        }
        let nodes = parse(&texts[i]);
        let year = super::clean::years_in_text(&plain_text(&nodes))
            .into_iter()
            .max()
            .and_then(|y| Date::parse(&format!("{y:04}-01-01")));
        let arxiv = hrefs(&nodes)
            .into_iter()
            .filter_map(|h| match h {
                lab_model::markdown::Href::External(u) => crate::bibtex_import::arxiv_of_url(u),
                _ => None,
            })
            .filter_map(|id| super::papers::arxiv_month(&id))
            .filter_map(|d| Date::parse(&format!("{:04}-{:02}-01", d.year, d.month.unwrap_or(1))))
            .max();
        let upper = exact[..i].iter().rev().flatten().next().map(|(d, _)| *d);
        let mut candidates: Vec<(Date, &str)> = Vec::new();
        if let Some(d) = year {
            candidates.push((d, "the start of the year its text names"));
        }
        if let Some(d) = arxiv {
            candidates.push((d, "the month of the arXiv paper it links to"));
        }
        if let Some(d) = below {
            candidates.push((d, "the date of the item below it"));
        }
        let (mut date, mut how) = match candidates.into_iter().max_by_key(|(d, _)| *d) {
            Some(c) => c,
            None => match upper.or(last_resort) {
                Some(d) if upper.is_some() => (d, "the date of the dated item above it"),
                Some(d) => (d, "the newest date of the site, for want of any other"),
                None => (
                    Date {
                        year: 1970,
                        month: 1,
                        day: 1,
                    },
                    "nothing: no date anywhere",
                ),
            },
        };
        if let Some(u) = upper.filter(|u| date > *u) {
            date = u;
            how = "the date of the dated item above it";
        }
        out[i] = (date, how.to_string());
        below = Some(date);
    }
    out
}

/// What the news import needs from the rest of the import.
pub struct Inputs<'a> {
    pub markup: &'a Markup<'a>,
    /// The newest date among publications and posts, the last fallback but one.
    pub newest: Option<Date>,
    /// Ids a previous import gave (bullet → id).
    pub previous_ids: &'a BTreeMap<String, String>,
}

/// Reads the news and returns the items with the key of each (its bullet, for re-runs).
pub fn import(
    repo: &mut Repo,
    inputs: &Inputs<'_>,
    images: &mut Images,
    vocabulary: &mut Vocabulary,
    report: &mut Report,
) -> Vec<(NewsItem, String, Origin)> {
    let mut sources: Vec<(String, Vec<Bullet>)> = Vec::new();
    for (file, under_heading) in [
        ("index.md", true),
        ("index.html", true),
        ("news.md", false),
        ("news/index.md", false),
    ] {
        let Some(text) = repo.read(file, report) else {
            continue;
        };
        let doc = split_front_matter(&text);
        let found = bullets(&doc.body, doc.body_line, under_heading);
        if !found.is_empty() {
            sources.push((file.to_string(), found));
        }
    }
    if sources.is_empty() {
        if repo.is_file("_data/news.yaml") || repo.is_file("_data/news.yml") {
            report.not_carried(
                Origin::new("_data/news.yaml", 0),
                "news kept in a data file is not a shape LWT defines; add these items by hand",
            );
        }
        return Vec::new();
    }
    let mut out: Vec<(NewsItem, String, Origin)> = Vec::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (file, list) in sources {
        let history = first_dates(&repo.root, &file);
        let mtime = std::fs::metadata(repo.path(&file))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| Date::from_unix_days(i64::try_from(d.as_secs() / 86_400).unwrap_or(0)));
        if let Err(why) = &history {
            report.changed(
                Origin::new(&file, 0),
                format!("the news items have no dates in the old site, and {why}, so git cannot say when each was added; each is dated as said below: check them"),
            );
        }
        // Dates: from git, else a month the text names; the others between their neighbours.
        let texts: Vec<String> = list.iter().map(|b| b.text.clone()).collect();
        let dates = date_items(
            &texts,
            &list
                .iter()
                .map(|b| {
                    history
                        .as_ref()
                        .ok()
                        .and_then(|h| h.get(&line_key(&b.first_line)))
                        .and_then(|d| Date::parse(d))
                })
                .collect::<Vec<_>>(),
            inputs.newest.or(mtime),
        );
        for (i, b) in list.iter().enumerate() {
            let at = Origin::new(&file, b.line);
            let (date, how) = dates[i].clone();
            let mut sink = Sink {
                images,
                report,
                at: at.clone(),
                near: None,
            };
            let text = inputs.markup.inline(&b.text, &mut sink);
            let (text, why) = super::clean::clean_line(&text);
            report.value_changed(&at, "news item", &b.text, &text, &why);
            if text.is_empty() {
                report.not_carried(
                    at,
                    "a bullet with no text left (only pictures or Liquid) was dropped",
                );
                continue;
            }
            let nodes = parse(&text);
            let plain = plain_text(&nodes);
            let mut members: Vec<String> = Vec::new();
            for h in hrefs(&nodes) {
                if let Some(s) = h.member_slug() {
                    if !members.iter().any(|m| m == s) {
                        members.push(s.to_string());
                    }
                }
            }
            let guessed = guess_topics(&plain);
            let topics: Vec<String> = guessed
                .iter()
                .map(|(slug, label)| {
                    vocabulary.add_labelled(slug, label);
                    slug.to_string()
                })
                .collect();
            let key = line_key(&b.text);
            let id = match inputs.previous_ids.get(&key) {
                Some(old) if !taken.contains(old) && lab_model::text::is_slug(old) => old.clone(),
                _ => new_id(&plain, date.year, &taken),
            };
            taken.insert(id.clone());
            if !how.is_empty() {
                report.changed(
                    at.clone(),
                    format!(
                        "news item {id}: undated in the old site; dated {} ({how})",
                        date.iso()
                    ),
                );
            }
            report.imported(
                at.clone(),
                format!(
                    "news item {id} ({}; topics guessed from its words: {})",
                    date.iso(),
                    topics.join(", ")
                ),
            );
            out.push((
                NewsItem {
                    id,
                    date: date.iso(),
                    topics,
                    members,
                    text,
                },
                key,
                at,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bullets_under_news_headings() {
        let body = "Intro\n\n- not news\n\n# Recent News\n\n- First [x](/y)\n  continued\n- Second\n\n  more of second\n* Third\n\nA paragraph.\n\n## Older news\n1. Fourth\n\n# Team\n- not news\n";
        let b = bullets(body, 3, true);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First [x](/y) continued",
                "Second more of second",
                "Third",
                "Fourth"
            ]
        );
        assert_eq!(b[0].line, 9);
        assert_eq!(bullets("# News\n```\n- code\n```\n", 1, true).len(), 0);
        assert_eq!(bullets("- a\n- b\n", 1, false).len(), 2);
    }

    #[test]
    fn guesses_topics_and_dates() {
        assert_eq!(
            guess_topics("X secures CRNCH PhD Fellowship 2025")[0].0,
            "fellowship"
        );
        assert_eq!(
            guess_topics("SuperServe accepted at NSDI'25!")[0].0,
            "paper"
        );
        assert_eq!(guess_topics("Hello")[0].0, "announcement");
        assert_eq!(
            date_in_text("Three papers accepted, July 2025."),
            Date::parse("2025-07-01")
        );
        assert_eq!(
            date_in_text("in the Spring of 2025!"),
            Date::parse("2025-03-01")
        );
        assert_eq!(date_in_text("We may 2025 hmm"), Date::parse("2025-05-01"));
        assert_eq!(date_in_text("Mnemosyne is public"), None);
    }
}
