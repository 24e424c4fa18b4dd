//! Property tests of the model: URL state round trips, the filter and facet engine, the markdown
//! subset's link safety, and the loader's robustness. They run with the normal `cargo test`; the
//! coverage-guided fuzz targets in `fuzz/` explore the same code for longer.

use lab_model::date::year_of;
use lab_model::engine::{Doc, FacetLabels, FacetValue, Index, Results};
use lab_model::load_site;
use lab_model::markdown::{self, Href, Inline};
use lab_model::query::{Filter, MAX_QUERY_CHARS, MAX_VALUES};
use lab_model::text::{fold, is_slug};
use lab_model::types::{Lab, Links, Member, NewsItem, Publication, Role, SiteData, Topic};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use serde_json::{Map, Value};

/// `cases` per property, or `PROPTEST_CASES` from the environment for a longer run.
fn config(cases: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(cases),
        // Failures are turned into named regression tests by hand, not into files.
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------------------------

fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
}

/// A character of search text: anything but a control character, with URL syntax and spaces
/// over-represented.
fn query_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>().prop_map(|c| if c.is_control() { '\u{2400}' } else { c }),
        2 => select(&[' ', '+', '%', '&', '=', '#', '?', '/', ';', '\u{a0}', '\u{3000}'][..]),
        2 => select(&['a', 'Z', '0', 'é', 'ñ', 'ε', '📐', '\u{FFFD}', '\u{200B}'][..]),
    ]
}

/// Search text as a filter holds it after parsing: no control characters, at most
/// [`MAX_QUERY_CHARS`] characters, and empty rather than blank.
fn query_text() -> impl Strategy<Value = String> {
    prop::collection::vec(query_char(), 0..=MAX_QUERY_CHARS).prop_map(|chars| {
        let q: String = chars.into_iter().collect();
        if q.trim().is_empty() {
            String::new()
        } else {
            q
        }
    })
}

/// `list` without repeats, first occurrences kept.
fn distinct<T: PartialEq>(list: Vec<T>) -> Vec<T> {
    let mut out = Vec::new();
    for v in list {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn well_formed_filter() -> impl Strategy<Value = Filter> {
    (
        prop::collection::vec(1000..=9999i32, 0..3),
        prop::collection::vec(slug(), 0..3),
        prop::collection::vec(slug(), 0..3),
        prop::collection::vec(slug(), 0..3),
        query_text(),
    )
        .prop_map(|(years, kinds, topics, authors, q)| Filter {
            years: distinct(years),
            kinds: distinct(kinds),
            topics: distinct(topics),
            authors: distinct(authors),
            q,
        })
}

/// The values of `a` then those of `b` it lacks, at most [`MAX_VALUES`].
fn union<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = distinct(a.iter().chain(b).cloned().collect());
    out.truncate(MAX_VALUES);
    out
}

/// `f` written with comma lists (`topic=a,b`) instead of repeated keys.
fn comma_query(f: &Filter) -> String {
    let mut parts = Vec::new();
    let years: Vec<String> = f.years.iter().map(i32::to_string).collect();
    for (key, values) in [
        ("year", &years),
        ("kind", &f.kinds),
        ("topic", &f.topics),
        ("author", &f.authors),
    ] {
        if !values.is_empty() {
            parts.push(format!("{key}={}", values.join(",")));
        }
    }
    let q = Filter {
        q: f.q.clone(),
        ..Filter::default()
    }
    .to_query();
    if !q.is_empty() {
        parts.push(q);
    }
    parts.join("&")
}

/// Strings that look like query strings: keys, separators, escapes (good and broken) and text.
fn query_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        select(
            &[
                "year",
                "topic",
                "kind",
                "author",
                ",",
                "%2C",
                "q",
                "search",
                "=",
                "&",
                "?",
                "+",
                "%",
                "%2",
                "%20",
                "%26",
                "%3D",
                "%C3",
                "%B1",
                "%FF",
                "%00",
                "%0A",
                "%E2%80%8B",
                "2024",
                "0999",
                "year=0224",
                "12345",
                "award",
                "llm-inference",
                "Not-A-Slug",
                "a--b",
                " ",
                "é",
                "\u{0}",
            ][..]
        )
        .prop_map(str::to_string),
        "[a-z0-9%&=+]{1,6}",
        any::<String>(),
    ];
    prop::collection::vec(token, 0..24).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn well_formed_filters_round_trip(f in well_formed_filter(), g in well_formed_filter()) {
        let query = f.to_query();
        prop_assert_eq!(&Filter::parse(&query), &f, "query {:?}", query);
        prop_assert_eq!(&Filter::parse(&format!("?{query}")), &f);
        // The same values as comma lists.
        prop_assert_eq!(&Filter::parse(&comma_query(&f)), &f, "{:?}", comma_query(&f));
        // Unknown keys and malformed values change nothing; the values of each facet add up,
        // each once; the first search text wins.
        let noisy = format!("utm_source=x&{query}&ref&{}&topic=Not+A+Slug&year=0123", g.to_query());
        let both = Filter {
            years: union(&f.years, &g.years),
            kinds: union(&f.kinds, &g.kinds),
            topics: union(&f.topics, &g.topics),
            authors: union(&f.authors, &g.authors),
            q: if f.q.is_empty() { g.q.clone() } else { f.q.clone() },
        };
        prop_assert_eq!(&Filter::parse(&noisy), &both);
        // The written value never carries characters that would end it early.
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let (_, value) = part.split_once('=').unwrap();
            prop_assert!(!value.contains(['&', '#', '?', '=', ' ']), "{:?}", value);
        }
        prop_assert_eq!(query.is_empty(), f.is_empty());
    }

    #[test]
    fn parse_never_panics_and_normalises_in_one_step(s in query_like()) {
        check_parse_is_normalising(&s)?;
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(s in any::<String>()) {
        check_parse_is_normalising(&s)?;
    }
}

fn check_parse_is_normalising(s: &str) -> Result<(), TestCaseError> {
    let once = Filter::parse(s);
    // What parsing keeps is always well formed: valid values, each once, at most MAX_VALUES.
    for y in &once.years {
        prop_assert!((1000..=9999).contains(y));
    }
    prop_assert_eq!(&distinct(once.years.clone()), &once.years);
    for list in [&once.kinds, &once.topics, &once.authors] {
        for slug in list {
            prop_assert!(is_slug(slug), "{:?}", slug);
        }
        prop_assert_eq!(&distinct(list.clone()), list);
        prop_assert!(list.len() <= MAX_VALUES);
    }
    prop_assert!(once.years.len() <= MAX_VALUES);
    prop_assert!(once.q.chars().count() <= MAX_QUERY_CHARS);
    prop_assert!(!once.q.chars().any(char::is_control), "{:?}", once.q);
    // Writing and reading again keeps every field, except blank search text, which is not written.
    let twice = Filter::parse(&once.to_query());
    let expected = Filter {
        q: if once.q.trim().is_empty() {
            String::new()
        } else {
            once.q.clone()
        },
        ..once.clone()
    };
    prop_assert_eq!(&twice, &expected);
    // And from then on it is a fixed point.
    let thrice = Filter::parse(&twice.to_query());
    prop_assert_eq!(&thrice, &twice);
    prop_assert_eq!(twice.to_query(), once.to_query());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The filter and facet engine over generated documents
// ---------------------------------------------------------------------------------------------

const TOPIC_POOL: [&str; 5] = ["paper", "award", "talk", "grant", "ghost-topic"];
const KIND_POOL: [&str; 4] = ["release", "preprint", "people", "ghost-kind"];
const AUTHOR_POOL: [&str; 5] = ["ann", "bob", "cy", "dee", "ghost"];
const WORD_POOL: [&str; 8] = [
    "medha",
    "sarathi",
    "serve",
    "Antoñanzas",
    "ANTONANZAS",
    "δεps",
    "llm",
    "x",
];

#[derive(Debug, Clone)]
struct Labels {
    topics: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    members: Vec<(String, String)>,
}

impl FacetLabels for Labels {
    fn topic_labels(&self) -> Vec<(&str, &str)> {
        self.topics
            .iter()
            .map(|(s, l)| (s.as_str(), l.as_str()))
            .collect()
    }
    fn kind_labels(&self) -> Vec<(&str, &str)> {
        self.kinds
            .iter()
            .map(|(s, l)| (s.as_str(), l.as_str()))
            .collect()
    }
    fn member_label(&self, slug: &str) -> Option<&str> {
        self.members
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, n)| n.as_str())
    }
}

fn pick(pool: &'static [&'static str], max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(select(pool).prop_map(str::to_string), 0..=max)
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        prop::option::weighted(0.9, 2020..2026i32),
        pick(&KIND_POOL, 2),
        pick(&TOPIC_POOL, 3),
        pick(&AUTHOR_POOL, 3),
        pick(&WORD_POOL, 5),
    )
        .prop_map(|(year, kinds, topics, authors, words)| Doc {
            year,
            kinds,
            topics,
            authors,
            text: fold(&words.join(" ")),
        })
}

fn labels() -> impl Strategy<Value = Labels> {
    (
        prop::sample::subsequence(&TOPIC_POOL[..4], 0..=4),
        prop::sample::subsequence(&KIND_POOL[..3], 0..=3),
        prop::sample::subsequence(&AUTHOR_POOL[..4], 0..=4),
    )
        .prop_map(|(topics, kinds, members)| Labels {
            topics: topics
                .into_iter()
                .map(|t| (t.to_string(), t.to_uppercase()))
                .collect(),
            kinds: kinds
                .into_iter()
                .map(|t| (t.to_string(), t.to_uppercase()))
                .collect(),
            members: members
                .into_iter()
                .map(|m| (m.to_string(), format!("Member {m}")))
                .collect(),
        })
}

/// Random selections: up to three values per facet, some unknown, some repeated.
fn engine_filter() -> impl Strategy<Value = Filter> {
    (
        prop::collection::vec(2019..2027i32, 0..3),
        pick(&KIND_POOL, 2),
        pick(&TOPIC_POOL, 3),
        pick(&AUTHOR_POOL, 2),
        prop_oneof![
            2 => Just(String::new()),
            3 => pick(&WORD_POOL, 2).prop_map(|w| w.join(" ")),
            1 => "[a-zñ ]{0,6}",
        ],
    )
        .prop_map(|(years, kinds, topics, authors, q)| Filter {
            years: distinct(years),
            kinds: distinct(kinds),
            topics: distinct(topics),
            authors: distinct(authors),
            q,
        })
}

/// The facets, by the name `check_facets` reports them under.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Which {
    Year,
    Kind,
    Topic,
    Author,
}

const WHICH: [Which; 4] = [Which::Year, Which::Kind, Which::Topic, Which::Author];

/// A document's values of one facet, as the URL writes them.
fn values_of(d: &Doc, which: Which) -> Vec<String> {
    match which {
        Which::Year => d.year.iter().map(i32::to_string).collect(),
        Which::Kind => d.kinds.clone(),
        Which::Topic => d.topics.clone(),
        Which::Author => d.authors.clone(),
    }
}

/// A filter's chosen values of one facet, as the URL writes them.
fn chosen(f: &Filter, which: Which) -> Vec<String> {
    match which {
        Which::Year => f.years.iter().map(i32::to_string).collect(),
        Which::Kind => f.kinds.clone(),
        Which::Topic => f.topics.clone(),
        Which::Author => f.authors.clone(),
    }
}

/// `f` with one facet's choice replaced by `values`.
fn with_chosen(f: &Filter, which: Which, values: &[String]) -> Filter {
    let mut f = f.clone();
    match which {
        Which::Year => f.years = values.iter().map(|v| v.parse().unwrap()).collect(),
        Which::Kind => f.kinds = values.to_vec(),
        Which::Topic => f.topics = values.to_vec(),
        Which::Author => f.authors = values.to_vec(),
    }
    f
}

/// Brute force: whether a document passes one facet of an (applied) filter: nothing chosen, or
/// one of its values chosen.
fn passes(d: &Doc, f: &Filter, which: Which) -> bool {
    let want = chosen(f, which);
    want.is_empty() || values_of(d, which).iter().any(|v| want.contains(v))
}

fn text_matches(d: &Doc, f: &Filter) -> bool {
    fold(&f.q).split_whitespace().all(|w| d.text.contains(w))
}

fn doc_matches(d: &Doc, f: &Filter) -> bool {
    WHICH.iter().all(|&w| passes(d, f, w)) && text_matches(d, f)
}

/// Brute force: the disjunctive count of `value` in facet `which` under `f`: the documents that
/// pass every other facet and the text, and have the value.
fn brute_count(docs: &[Doc], f: &Filter, which: Which, value: &str) -> usize {
    docs.iter()
        .filter(|d| {
            WHICH
                .iter()
                .filter(|&&w| w != which)
                .all(|&w| passes(d, f, w))
                && text_matches(d, f)
                && values_of(d, which).iter().any(|v| v == value)
        })
        .count()
}

/// Every facet value's count is the number of results of the filter with that value as its
/// facet's only choice; the chosen values of each facet are listed and marked; every value with
/// results is listed, once.
fn check_facets(
    r: &Results,
    search: impl Fn(&Filter) -> Results,
    candidates: &[(Which, Vec<String>)],
    labels: &impl FacetLabels,
) -> Result<(), TestCaseError> {
    let f = &r.applied;
    for (which, candidates) in candidates {
        let which = *which;
        let values: &[FacetValue] = match which {
            Which::Year => &r.years,
            Which::Kind => &r.kinds,
            Which::Topic => &r.topics,
            Which::Author => &r.authors,
        };
        let selected = chosen(f, which);
        for v in values {
            let n = search(&with_chosen(f, which, std::slice::from_ref(&v.value)))
                .items
                .len();
            prop_assert_eq!(v.count, n, "{:?} {:?} under {:?}", which, v.value, f);
            prop_assert_eq!(v.selected, selected.contains(&v.value));
        }
        let mut listed: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
        listed.sort();
        let before = listed.len();
        listed.dedup();
        prop_assert_eq!(before, listed.len(), "{:?} lists a value twice", which);
        for s in &selected {
            prop_assert!(
                listed.contains(&s.as_str()),
                "selected {:?} {:?} is not listed under {:?}",
                which,
                s,
                f
            );
        }
        for c in candidates {
            let r = search(&with_chosen(f, which, std::slice::from_ref(c)));
            let n = r.items.len();
            // A value the engine drops (a year no document has) is not a facet value.
            let kept = chosen(&r.applied, which) == [c.clone()];
            if kept && n > 0 {
                prop_assert!(
                    listed.contains(&c.as_str()),
                    "{:?} {:?} ({} results) missing",
                    which,
                    c,
                    n
                );
            }
        }
    }
    for v in &r.topics {
        prop_assert!(labels.topic_labels().iter().any(|(s, _)| *s == v.value));
    }
    for v in &r.kinds {
        prop_assert!(labels.kind_labels().iter().any(|(s, _)| *s == v.value));
    }
    for v in &r.authors {
        prop_assert_eq!(labels.member_label(&v.value), Some(v.label.as_str()));
    }
    Ok(())
}

fn pool(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn engine_results_and_facet_counts_are_consistent(
        docs in prop::collection::vec(doc(), 0..12),
        labels in labels(),
        filter in engine_filter(),
    ) {
        let index = Index::new(docs.clone());
        let r = index.search(&filter, &labels);

        // Values that cannot match anything known are dropped, nothing else is.
        let known_year = |y: &i32| docs.iter().any(|d| d.year == Some(*y));
        let in_vocabulary = |list: &[String], vocabulary: &[(String, String)]| -> Vec<String> {
            list.iter().filter(|v| vocabulary.iter().any(|(s, _)| s == *v)).cloned().collect()
        };
        prop_assert_eq!(&r.applied.years, &filter.years.iter().copied().filter(known_year).collect::<Vec<_>>());
        prop_assert_eq!(&r.applied.topics, &in_vocabulary(&filter.topics, &labels.topics));
        prop_assert_eq!(&r.applied.kinds, &in_vocabulary(&filter.kinds, &labels.kinds));
        prop_assert_eq!(
            &r.applied.authors,
            &filter.authors.iter().filter(|a| labels.member_label(a).is_some()).cloned().collect::<Vec<_>>()
        );
        prop_assert_eq!(&r.applied.q, &filter.q);

        // Results are exactly the matching documents, in index order.
        let expected: Vec<usize> = (0..docs.len()).filter(|&i| doc_matches(&docs[i], &r.applied)).collect();
        prop_assert_eq!(&r.items, &expected);

        // Every count is the brute-force count, and every value with a count above zero is
        // listed (under the labels the vocabulary has).
        for which in WHICH {
            let values: &[FacetValue] = match which {
                Which::Year => &r.years,
                Which::Kind => &r.kinds,
                Which::Topic => &r.topics,
                Which::Author => &r.authors,
            };
            for v in values {
                prop_assert_eq!(v.count, brute_count(&docs, &r.applied, which, &v.value), "{:?} {:?} under {:?}", which, v.value, r.applied);
            }
            let all: Vec<String> = distinct(docs.iter().flat_map(|d| values_of(d, which)).collect());
            for value in all {
                let labelled = match which {
                    Which::Year => true,
                    Which::Kind => labels.kinds.iter().any(|(s, _)| *s == value),
                    Which::Topic => labels.topics.iter().any(|(s, _)| *s == value),
                    Which::Author => labels.member_label(&value).is_some(),
                };
                let n = brute_count(&docs, &r.applied, which, &value);
                prop_assert_eq!(
                    values.iter().any(|v| v.value == value),
                    labelled && (n > 0 || chosen(&r.applied, which).contains(&value)),
                    "{:?} {:?} ({} by brute force) under {:?}", which, value, n, r.applied
                );
            }
        }

        let years: Vec<String> = (2019..2027).map(|y: i32| y.to_string()).collect();
        let candidates = [
            (Which::Year, years),
            (Which::Kind, pool(&KIND_POOL)),
            (Which::Topic, pool(&TOPIC_POOL)),
            (Which::Author, pool(&AUTHOR_POOL)),
        ];
        check_facets(&r, |f| index.search(f, &labels), &candidates, &labels)?;
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// The index remembers the matches of recent queries and narrows from them; whatever came
    /// before (typing a query letter by letter, deleting it again, other filters between), every
    /// answer is the one a fresh index gives.
    #[test]
    fn search_history_never_changes_an_answer(
        docs in prop::collection::vec(doc(), 0..16),
        labels in labels(),
        typed in prop_oneof![pick(&WORD_POOL, 3).prop_map(|w| w.join(" ")), "[a-zñ ]{0,8}"],
        others in prop::collection::vec(engine_filter(), 0..24),
    ) {
        let index = Index::new(docs.clone());
        let chars: Vec<char> = typed.chars().collect();
        let mut filters: Vec<Filter> = (0..=chars.len())
            .chain((0..chars.len()).rev())
            .map(|n| Filter { q: chars[..n].iter().collect(), ..Filter::default() })
            .collect();
        filters.extend(others);
        for filter in &filters {
            let fresh = Index::new(docs.clone()).search(filter, &labels);
            prop_assert_eq!(index.search(filter, &labels), fresh, "after the queries before {:?}", filter);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The same over whole generated sites
// ---------------------------------------------------------------------------------------------

const NAME_POOL: [&str; 6] = [
    "Ann Lee",
    "Bo Chen",
    "Jesús Antoñanzas",
    "J. Antonanzas",
    "Zed",
    "Stranger Danger",
];

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (2021..2025u32, 1..=12u32, 1..=28u32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => select(&["2024-02-30", "soon", "", "2024-1-01"][..]).prop_map(str::to_string),
    ]
}

fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(&WORD_POOL[..]).prop_map(str::to_string),
        select(&["ann-lee", "bo-chen", "jesus", "nobody"][..])
            .prop_map(|s| format!("[{s}](/members/{s})")),
        Just("[x](javascript:alert(1))".to_string()),
        Just("*emphasis*".to_string()),
    ];
    prop::collection::vec(piece, 1..5).prop_map(|p| p.join(" "))
}

fn site_data() -> impl Strategy<Value = SiteData> {
    let topics = prop::sample::subsequence(&TOPIC_POOL[..4], 0..=4);
    let members = prop::collection::vec(
        (
            select(&["ann-lee", "bo-chen", "jesus", "zed"][..]),
            select(&NAME_POOL[..]),
            pick(&NAME_POOL, 2),
            any::<bool>(),
        ),
        0..5,
    );
    let publications = prop::collection::vec(
        (
            pick(&NAME_POOL, 4),
            date(),
            pick(&TOPIC_POOL, 3),
            pick(&WORD_POOL, 4),
            any::<bool>(),
        ),
        0..8,
    );
    let news = prop::collection::vec(
        (
            date(),
            pick(&TOPIC_POOL, 2),
            select(&["ann-lee", "bo-chen", "jesus", "nobody"][..])
                .prop_map(str::to_string)
                .prop_map(|s| vec![s]),
            news_text(),
        ),
        0..8,
    );
    // Some of the pool's slugs are kinds of news (not always ones the vocabulary has).
    let kinds = prop::sample::subsequence(&TOPIC_POOL[..], 0..=3);
    (topics, members, publications, news, kinds).prop_map(
        |(topics, members, publications, news, kinds)| SiteData {
            schema: None,
            version: 1,
            lab: Lab {
                name: "Lab".into(),
                short_name: "L".into(),
                institution: "I".into(),
                description: "d".into(),
                logo: None,
                icon: None,
                header_image: None,
                share_image: None,
                join: None,
                links: Links::default(),
                orcid: Vec::new(),
            },
            topics: topics
                .into_iter()
                .map(|t| Topic {
                    slug: t.to_string(),
                    label: t.to_uppercase(),
                })
                .collect(),
            kinds: kinds.into_iter().map(str::to_string).collect(),
            members: members
                .into_iter()
                .map(|(slug, name, aliases, alumni)| Member {
                    slug: slug.to_string(),
                    name: name.to_string(),
                    role: Role::Phd,
                    alumni,
                    aliases,
                    links: Links::default(),
                    photo: None,
                    bio: None,
                    years: None,
                    now: None,
                    orcid: None,
                })
                .collect(),
            publications: publications
                .into_iter()
                .enumerate()
                .map(
                    |(i, (authors, date, topics, title, featured))| Publication {
                        id: format!("p{i}"),
                        title: title.join(" "),
                        authors,
                        venue: "Venue".into(),
                        date,
                        url: None,
                        doi: None,
                        arxiv: None,
                        pmid: None,
                        image: None,
                        links: Vec::new(),
                        topics,
                        featured,
                    },
                )
                .collect(),
            news: news
                .into_iter()
                .enumerate()
                .map(|(i, (date, topics, members, text))| NewsItem {
                    id: format!("n{i}"),
                    date,
                    topics,
                    members,
                    text,
                })
                .collect(),
            projects: Vec::new(),
        },
    )
}

/// Whether a publication passes the facets of `f` (the search text aside); kinds are not topics.
fn pub_matches(f: &Filter, p: &Publication, authors: &[&str], kinds: &[String]) -> bool {
    (f.years.is_empty() || year_of(&p.date).is_some_and(|y| f.years.contains(&y)))
        && (f.topics.is_empty()
            || p.topics
                .iter()
                .any(|t| f.topics.contains(t) && !kinds.contains(t)))
        && (f.authors.is_empty() || f.authors.iter().any(|a| authors.contains(&a.as_str())))
}

/// `items` appear in `order` in the same relative order.
fn in_order(items: &[usize], order: &[usize]) -> bool {
    let pos: Vec<usize> = items
        .iter()
        .filter_map(|i| order.iter().position(|o| o == i))
        .collect();
    pos.len() == items.len() && pos.windows(2).all(|w| w[0] < w[1])
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn site_search_is_consistent(data in site_data(), filter in engine_filter()) {
        // Through the loader, as the app does.
        let text = serde_json::to_string(&data).unwrap();
        let site = load_site(&text).expect("generated data has the right shape").site;
        let member_slugs: Vec<String> = data.members.iter().map(|m| m.slug.clone()).collect();
        let years: Vec<String> = (2019..2027).map(|y: i32| y.to_string()).collect();
        let kinds: Vec<String> = data.kinds.clone();
        let topics: Vec<String> = TOPIC_POOL.iter().map(|s| s.to_string()).filter(|t| !kinds.contains(t)).collect();

        // Publications.
        let filter = Filter {
            authors: filter.authors.into_iter().map(|a| match a.as_str() {
                "ann" => "ann-lee".to_string(),
                "bob" => "bo-chen".to_string(),
                _ => a,
            }).collect(),
            // Kinds from the topics' pool, which the generated vocabulary may call kinds.
            kinds: filter.topics.iter().rev().cloned().collect(),
            ..filter
        };
        let r = site.search_publications(&filter);
        prop_assert!(in_order(&r.items, site.publications_newest_first()));
        prop_assert!(r.applied.kinds.is_empty() && r.kinds.is_empty(), "publications have no kinds");
        for (k, p) in data.publications.iter().enumerate() {
            let f = &r.applied;
            let authors: Vec<&str> = site.authors(k).iter().filter_map(|a| a.member.map(|m| m.slug.as_str())).collect();
            let fields_match = pub_matches(f, p, &authors, &kinds);
            if !fields_match {
                prop_assert!(!r.items.contains(&k), "publication {} does not match {:?}", k, f);
            }
        }
        if r.applied.q.trim().is_empty() {
            // Authors by the slug of the member their name matched. (With duplicate member slugs,
            // which validation reports as an error, `publications_of` only knows the first.)
            let n = data.publications.iter().enumerate().filter(|(k, p)| {
                let f = &r.applied;
                let authors: Vec<&str> = site.authors(*k).iter().filter_map(|a| a.member.map(|m| m.slug.as_str())).collect();
                pub_matches(f, p, &authors, &kinds)
            }).count();
            prop_assert_eq!(r.items.len(), n);
        }
        let candidates = [
            (Which::Year, years.clone()),
            (Which::Topic, topics.clone()),
            (Which::Author, member_slugs),
        ];
        check_facets(&r, |f| site.search_publications(f), &candidates, &site)?;

        // News: no author facet.
        let r = site.search_news(&filter);
        prop_assert!(in_order(&r.items, site.news_newest_first()));
        prop_assert!(r.authors.is_empty());
        prop_assert!(r.applied.authors.is_empty());
        for (k, n) in data.news.iter().enumerate() {
            let f = &r.applied;
            let year_ok = f.years.is_empty() || year_of(&n.date).is_some_and(|y| f.years.contains(&y));
            let kind_ok = f.kinds.is_empty() || n.topics.iter().any(|t| f.kinds.contains(t) && kinds.contains(t));
            let topic_ok = f.topics.is_empty() || n.topics.iter().any(|t| f.topics.contains(t) && !kinds.contains(t));
            if !(year_ok && kind_ok && topic_ok) {
                prop_assert!(!r.items.contains(&k), "news {} does not match {:?}", k, f);
            }
        }
        let candidates = [
            (Which::Year, years),
            (Which::Kind, kinds.clone()),
            (Which::Topic, topics),
        ];
        check_facets(&r, |f| site.search_news(f), &candidates, &site)?;
    }
}

// ---------------------------------------------------------------------------------------------
// The markdown subset
// ---------------------------------------------------------------------------------------------

/// Text dense in markup, link targets good and bad, and odd characters.
fn markup_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        6 => select(
            &[
                "[", "]", "(", ")", "*", "**", "`", "\\", "](", "a", "é", "📐", " ", "\n", "\t",
                "https://a.org", "http://x", "http://", "https:///x", "/members/ann", "/news",
                "//evil.example", "mailto:a@b.org", "mailto:x", "javascript:alert(1)",
                "JaVaScRiPt:x", "data:text/html,x", "vbscript:x", "java\tscript:x", " javascript:x",
                "\u{0}", "\u{85}", "\u{2028}", "\\[", "\\*", "\\`", "\\\\",
            ][..]
        )
        .prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

/// Well-formed markup nested at random: emphasis, strong, code and links (safe or not) around
/// each other, so that nesting rules are exercised and not only the tokenizer.
fn nested_markup() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-zé ]{1,6}",
        "[a-z]{1,4}".prop_map(|c| format!("`{c}`")),
        Just("\\*".to_string()),
    ];
    leaf.prop_recursive(8, 48, 4, |inner| {
        let target = select(
            &[
                "/members/ann",
                "/news",
                "https://a.org/x_(y)",
                "mailto:a@b.org",
                "javascript:alert(1)",
                "//evil.example",
                "data:x",
            ][..],
        );
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|p| p.concat()),
            inner.clone().prop_map(|s| format!("*{s}*")),
            inner.clone().prop_map(|s| format!("**{s}**")),
            (inner, target).prop_map(|(s, t)| format!("[{s}]({t})")),
        ]
    })
}

/// A safe link target as the rules define it, checked independently of `Href::classify`.
fn target_is_safe(href: &Href) -> Result<(), TestCaseError> {
    let s = match href {
        Href::External(s) | Href::Mail(s) | Href::Internal(s) => s,
    };
    let lower = s.to_ascii_lowercase();
    let classified = Href::classify(s);
    prop_assert_eq!(classified.as_ref(), Some(href), "{:?}", s);
    prop_assert!(!s.is_empty());
    prop_assert!(
        !s.chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\'),
        "{:?}",
        s
    );
    for bad in ["javascript:", "data:", "vbscript:", "//"] {
        prop_assert!(!lower.starts_with(bad), "{:?}", s);
    }
    match href {
        Href::External(_) => prop_assert!(
            lower.starts_with("https://") || lower.starts_with("http://"),
            "{:?}",
            s
        ),
        Href::Mail(_) => prop_assert!(lower.starts_with("mailto:") && s.contains('@'), "{:?}", s),
        Href::Internal(_) => prop_assert!(s.starts_with('/') && !s.starts_with("//"), "{:?}", s),
    }
    Ok(())
}

/// Checks every node: safe link targets, no link inside a link, no empty text or code, bounded
/// depth. Returns the depth of the deepest container.
fn check_nodes(nodes: &[Inline], in_link: bool) -> Result<usize, TestCaseError> {
    let mut depth = 0;
    for n in nodes {
        let d = match n {
            Inline::Text(t) | Inline::Code(t) => {
                prop_assert!(!t.is_empty(), "empty leaf in {:?}", nodes);
                0
            }
            Inline::Emph(c) | Inline::Strong(c) => 1 + check_nodes(c, in_link)?,
            Inline::Link { href, children } => {
                prop_assert!(!in_link, "a link inside a link: {:?}", n);
                target_is_safe(href)?;
                1 + check_nodes(children, true)?
            }
        };
        depth = depth.max(d);
    }
    for pair in nodes.windows(2) {
        prop_assert!(
            !matches!(pair, [Inline::Text(_), Inline::Text(_)]),
            "adjacent text nodes in {:?}",
            nodes
        );
    }
    Ok(depth)
}

/// The markup characters of the subset.
fn is_markup(c: char) -> bool {
    matches!(c, '[' | ']' | '(' | ')' | '*' | '`' | '\\')
}

fn check_markdown(s: &str) -> Result<(), TestCaseError> {
    let nodes = markdown::parse(s);
    let depth = check_nodes(&nodes, false)?;
    prop_assert!(depth <= 6, "depth {} for {:?}", depth, s);
    for href in markdown::hrefs(&nodes) {
        target_is_safe(href)?;
    }
    let plain = markdown::plain_text(&nodes);
    if !s.contains('[') {
        // Without links, only markup characters can go: the rest of the text is kept in order.
        let strip = |t: &str| t.chars().filter(|c| !is_markup(*c)).collect::<String>();
        prop_assert_eq!(strip(&plain), strip(s));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn markdown_emits_only_allowed_nodes(s in markup_like()) {
        check_markdown(&s)?;
    }

    #[test]
    fn markdown_nested_markup_emits_only_allowed_nodes(s in nested_markup()) {
        check_markdown(&s)?;
    }

    #[test]
    fn markdown_handles_arbitrary_text(s in any::<String>()) {
        check_markdown(&s)?;
    }

    #[test]
    fn markdown_keeps_text_without_markup(
        s in prop::collection::vec(
            any::<char>().prop_map(|c| if is_markup(c) { '_' } else { c }),
            0..200,
        )
        .prop_map(|c| c.into_iter().collect::<String>())
    ) {
        let nodes = markdown::parse(&s);
        prop_assert_eq!(markdown::plain_text(&nodes), s.clone());
        if s.is_empty() {
            prop_assert!(nodes.is_empty());
        } else {
            prop_assert_eq!(nodes, vec![Inline::Text(s)]);
        }
    }

    #[test]
    fn links_with_dangerous_targets_are_never_links(
        label in "[a-z ]{1,8}",
        scheme in select(&["javascript:", "JAVASCRIPT:", "data:", "vbscript:", "//", " javascript:", "file:", "ftp://"][..]),
        rest in "[a-z0-9()/:.@]{0,12}",
    ) {
        let s = format!("before [{label}]({scheme}{rest}) after");
        let nodes = markdown::parse(&s);
        prop_assert!(markdown::hrefs(&nodes).is_empty(), "{:?}", nodes);
        prop_assert!(markdown::plain_text(&nodes).contains(&label));
    }
}

// ---------------------------------------------------------------------------------------------
// The loader
// ---------------------------------------------------------------------------------------------

/// Keys of the data file, so that generated objects often have the right field names.
const KEYS: [&str; 24] = [
    "version",
    "lab",
    "topics",
    "members",
    "publications",
    "news",
    "$schema",
    "name",
    "short_name",
    "institution",
    "description",
    "links",
    "slug",
    "label",
    "role",
    "aliases",
    "id",
    "title",
    "authors",
    "venue",
    "date",
    "text",
    "homepage",
    "email",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::from(1)),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(
            &[
                "phd",
                "pi",
                "2024-02-29",
                "2024-02-30",
                "ann-lee",
                "paper",
                "[A](/members/ann-lee)",
                "[x](javascript:1)",
                "https://a.org",
                "a@b.org",
                "DŒµpS",
                "",
                " ",
            ][..]
        )
        .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        4 => select(&KEYS[..]).prop_map(str::to_string),
                        1 => any::<String>(),
                    ],
                    inner,
                ),
                0..8,
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// A data file whose top-level sections are arbitrary values, so that the loader gets past the
/// version check more often.
fn data_file_like() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((select(&KEYS[..6]), json_value()), 0..7),
        prop::option::of(json_value()),
    )
        .prop_map(|(sections, lab)| {
            let mut root = Map::new();
            root.insert("version".into(), Value::from(1));
            root.insert(
                "lab".into(),
                lab.unwrap_or_else(|| {
                    serde_json::json!({"name":"L","short_name":"L","institution":"I","description":"d"})
                }),
            );
            for key in ["topics", "members", "publications", "news"] {
                root.insert(key.into(), Value::Array(Vec::new()));
            }
            for (key, value) in sections {
                root.insert(key.to_string(), value);
            }
            Value::Object(root)
        })
}

/// Loads text and, when it loads, uses every query of the site once.
fn load_and_use(text: &str) {
    let Ok(loaded) = load_site(text) else {
        return;
    };
    let site = loaded.site;
    let _ = site.search_news(&Filter::default());
    let _ = site.search_publications(&Filter {
        q: "a".into(),
        ..Filter::default()
    });
    let _ = site.people();
    let _ = site.selected_publications(4);
    let _ = site.latest_news(3);
    for m in &site.data().members {
        let _ = site.publications_of(&m.slug);
        let _ = site.news_of(&m.slug);
    }
    for i in 0..site.data().publications.len() {
        let _ = site.authors(i);
    }
    for i in 0..site.data().news.len() {
        let _ = site.news_members(i);
        let _ = markdown::parse(&site.news(i).text);
    }
    for p in &loaded.notices {
        let _ = p.to_string();
    }
}

fn bundled_data() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.json")).unwrap()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn loader_never_panics_on_text(s in any::<String>()) {
        load_and_use(&s);
    }

    #[test]
    fn loader_never_panics_on_json_values(v in json_value()) {
        load_and_use(&v.to_string());
    }

    #[test]
    fn loader_never_panics_on_data_file_like_values(v in data_file_like()) {
        load_and_use(&v.to_string());
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// Small edits of the bundled file: a few byte ranges cut out or replaced.
    #[test]
    fn loader_never_panics_on_edited_bundled_data(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..40usize, ".{0,4}"), 1..4)
    ) {
        let mut text = bundled_data();
        for (at, len, with) in edits {
            let mut start = at.index(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(start..end, &with);
        }
        load_and_use(&text);
    }
}
