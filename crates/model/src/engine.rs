//! The filter and facet engine shared by every filterable list.
//!
//! An [`Index`] is built once per data load: for each document it keeps its year, kinds, topics
//! and authors (as numbers, for counting) and its folded search text. [`Index::search`] then
//! answers a [`Filter`] in one pass over the documents whose text matches.
//!
//! Facets follow the usual rules of faceted search: the values chosen in one facet combine with
//! OR (papers *or* talks), facets combine with AND (2024 *and* papers), and the counts are
//! disjunctive: the count next to a value is the number of results with that value under every
//! *other* facet's choice, so it never drops to zero just because a sibling value is chosen.
//! With nothing chosen in its facet, that is exactly the number of results choosing the value
//! gives; with siblings chosen, it is what the value adds to (or keeps of) the results. This is
//! how Algolia InstantSearch's refinement lists and Elasticsearch's post-filter aggregations
//! count.
//!
//! Typing a search asks for a run of queries that differ by a letter. The index remembers which
//! documents matched the last few queries: a query that only narrows one of them ("federated l"
//! after "federated") looks in that one's matches, and a query seen before (deleting letters
//! again) is answered from memory.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use memchr::memmem::Finder;

use crate::query::Filter;
use crate::text::fold;

/// What the engine knows of one document (a news item, a publication, a post).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub year: Option<i32>,
    /// What the item is (news only): paper, award, talk…
    pub kinds: Vec<String>,
    /// What the item is about.
    pub topics: Vec<String>,
    pub authors: Vec<String>,
    /// Folded text that free-text search looks in.
    pub text: String,
}

/// One value of a facet with the number of results it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// What goes in the URL: a year, a kind or topic slug, or a member slug.
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

/// The answer to a filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Matching documents, as indices into the index, in index order.
    pub items: Vec<usize>,
    pub years: Vec<FacetValue>,
    pub kinds: Vec<FacetValue>,
    pub topics: Vec<FacetValue>,
    pub authors: Vec<FacetValue>,
    /// The filter actually applied: values that match nothing known were dropped.
    pub applied: Filter,
}

/// The facets, in the order of [`Facets`]' arrays.
const YEAR: usize = 0;
const KIND: usize = 1;
const TOPIC: usize = 2;
const AUTHOR: usize = 3;
const FACETS: usize = 4;

/// Each document's distinct values of one facet, as numbers into `names`.
#[derive(Debug, Default)]
struct Facet {
    ids: Vec<Vec<u32>>,
    names: Vec<String>,
}

/// Documents in display order, ready to be filtered.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Year, kind, topic, author.
    facets: [Facet; FACETS],
    /// Recent free-text queries (folded words) and the documents whose text matches them, in
    /// index order; the most recent last.
    recent: Mutex<Vec<RecentQuery>>,
}

/// A query's folded words and the documents whose text contains them all, in index order.
type RecentQuery = (Vec<String>, Arc<Vec<u32>>);

/// How many recent queries the index remembers the text matches of: more than the keystrokes of a
/// long query, so that deleting it back finds each shorter query still there.
const RECENT_QUERIES: usize = 48;

/// How many matches the remembered queries may hold together, per document in the index; beyond
/// that the oldest are forgotten first (the broad ones of one or two letters are the largest).
const RECENT_MATCHES_PER_DOC: usize = 8;

impl Clone for Index {
    fn clone(&self) -> Index {
        Index::new(self.docs.clone())
    }
}

/// Numbers each distinct name in `lists` (in order of first appearance) and returns every list as
/// its distinct numbers, with the names.
fn intern(lists: impl Iterator<Item = Vec<String>>) -> Facet {
    let mut ids: BTreeMap<String, u32> = BTreeMap::new();
    let mut names = Vec::new();
    let lists = lists
        .map(|list| {
            let mut out: Vec<u32> = Vec::with_capacity(list.len());
            for name in list {
                let next = names.len() as u32;
                let id = *ids.entry(name.clone()).or_insert_with(|| {
                    names.push(name);
                    next
                });
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            out
        })
        .collect();
    Facet { ids: lists, names }
}

/// Whether every document matching all of `words` also matches all of `old`: each old word is
/// part of some new word.
fn narrows(words: &[String], old: &[String]) -> bool {
    old.iter()
        .all(|o| words.iter().any(|w| w.contains(o.as_str())))
}

/// Labels for facet values: kind and topic slug → label, member slug → name.
pub trait FacetLabels {
    /// Topics in vocabulary order (kinds left out).
    fn topic_labels(&self) -> Vec<(&str, &str)>;
    /// Kinds in vocabulary order; none by default.
    fn kind_labels(&self) -> Vec<(&str, &str)> {
        Vec::new()
    }
    /// Label of a member slug, `None` when there is no such member.
    fn member_label(&self, slug: &str) -> Option<&str>;
}

/// The chosen values of each facet as numbers into its names: `None` when nothing is chosen (any
/// value matches), an empty list when the values chosen are known but no document has them.
type Wanted = [Option<Vec<u32>>; FACETS];

impl Index {
    pub fn new(docs: Vec<Doc>) -> Index {
        let facets = [
            intern(
                docs.iter()
                    .map(|d| d.year.iter().map(i32::to_string).collect()),
            ),
            intern(docs.iter().map(|d| d.kinds.clone())),
            intern(docs.iter().map(|d| d.topics.clone())),
            intern(docs.iter().map(|d| d.authors.clone())),
        ];
        Index {
            docs,
            facets,
            recent: Mutex::new(Vec::new()),
        }
    }

    /// The documents whose text contains every word, in index order; `None` when there are no
    /// words (every document matches).
    fn text_matches(&self, words: &[String]) -> Option<Arc<Vec<u32>>> {
        if words.is_empty() {
            return None;
        }
        // A poisoned lock only means a panic elsewhere mid-update; the list is still consistent.
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = recent.iter().position(|(w, _)| w == words) {
            let hit = recent.remove(at);
            let matches = hit.1.clone();
            recent.push(hit);
            return Some(matches);
        }
        let finders: Vec<Finder> = words.iter().map(|w| Finder::new(w.as_bytes())).collect();
        let matches = |i: usize| {
            let text = self.docs[i].text.as_bytes();
            finders.iter().all(|f| f.find(text).is_some())
        };
        let base = recent
            .iter()
            .filter(|(old, _)| narrows(words, old))
            .min_by_key(|(_, m)| m.len())
            .map(|(_, m)| m.clone());
        let found: Vec<u32> = match base {
            Some(base) => base
                .iter()
                .copied()
                .filter(|&i| matches(i as usize))
                .collect(),
            None => (0..self.docs.len())
                .filter(|&i| matches(i))
                .map(|i| i as u32)
                .collect(),
        };
        let found = Arc::new(found);
        recent.push((words.to_vec(), found.clone()));
        let cap = RECENT_MATCHES_PER_DOC * self.docs.len().max(1);
        while recent.len() > 1
            && (recent.len() > RECENT_QUERIES
                || recent.iter().map(|(_, m)| m.len()).sum::<usize>() > cap)
        {
            recent.remove(0);
        }
        Some(found)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn doc(&self, i: usize) -> &Doc {
        &self.docs[i]
    }

    /// Drops filter values that cannot match anything known (a year no document has, a kind or
    /// topic not in the vocabulary, an author who is not a member), as unknown URL values are
    /// ignored.
    pub fn applicable(&self, filter: &Filter, labels: &impl FacetLabels) -> Filter {
        let topics = labels.topic_labels();
        let kinds = labels.kind_labels();
        let in_vocabulary = |list: &[String], vocabulary: &[(&str, &str)]| -> Vec<String> {
            list.iter()
                .filter(|v| vocabulary.iter().any(|(s, _)| s == v))
                .cloned()
                .collect()
        };
        Filter {
            years: filter
                .years
                .iter()
                .copied()
                .filter(|y| self.docs.iter().any(|d| d.year == Some(*y)))
                .collect(),
            kinds: in_vocabulary(&filter.kinds, &kinds),
            topics: in_vocabulary(&filter.topics, &topics),
            authors: filter
                .authors
                .iter()
                .filter(|a| labels.member_label(a).is_some())
                .cloned()
                .collect(),
            q: filter.q.clone(),
        }
    }

    /// Filters the documents and counts every facet value.
    pub fn search(&self, filter: &Filter, labels: &impl FacetLabels) -> Results {
        self.run(filter, labels, true)
    }

    /// The documents [`Index::search`] finds and the filter it applies, without counting the facet
    /// values (their lists are left empty): for a view that shows the results first and the counts
    /// a moment later.
    pub fn matches(&self, filter: &Filter, labels: &impl FacetLabels) -> Results {
        self.run(filter, labels, false)
    }

    /// The chosen values of `applied` as numbers into each facet's names.
    fn wanted(&self, applied: &Filter) -> Wanted {
        let years: Vec<String> = applied.years.iter().map(i32::to_string).collect();
        let chosen = [&years, &applied.kinds, &applied.topics, &applied.authors];
        std::array::from_fn(|f| {
            (!chosen[f].is_empty()).then(|| {
                let names = &self.facets[f].names;
                chosen[f]
                    .iter()
                    .filter_map(|v| names.iter().position(|n| n == v).map(|i| i as u32))
                    .collect()
            })
        })
    }

    fn run(&self, filter: &Filter, labels: &impl FacetLabels, count: bool) -> Results {
        let applied = self.applicable(filter, labels);
        let words: Vec<String> = fold(&applied.q)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let wanted = self.wanted(&applied);
        let mut counts: [Vec<usize>; FACETS] =
            std::array::from_fn(|f| vec![0; self.facets[f].names.len()]);
        let mut items = Vec::new();

        // Documents whose text does not match count for nothing, so only the others are visited.
        let text_matches = self.text_matches(&words);
        let visit: Box<dyn Iterator<Item = usize>> = match &text_matches {
            Some(list) => Box::new(list.iter().map(|&i| i as usize)),
            None => Box::new(0..self.docs.len()),
        };
        for i in visit {
            // The facets this document fails; it counts for a facet's values only when it
            // passes every other facet.
            let mut failed = [false; FACETS];
            let mut failures = 0;
            for f in 0..FACETS {
                if let Some(want) = &wanted[f] {
                    if !self.facets[f].ids[i].iter().any(|id| want.contains(id)) {
                        failed[f] = true;
                        failures += 1;
                    }
                }
            }
            if failures == 0 {
                items.push(i);
            }
            if !count || failures > 1 {
                continue;
            }
            for f in 0..FACETS {
                if failures == 0 || failed[f] {
                    for &id in &self.facets[f].ids[i] {
                        counts[f][id as usize] += 1;
                    }
                }
            }
        }
        if !count {
            return Results {
                items,
                years: Vec::new(),
                kinds: Vec::new(),
                topics: Vec::new(),
                authors: Vec::new(),
                applied,
            };
        }
        let [year_counts, kind_counts, topic_counts, author_counts] = counts;
        let count_of = |f: usize, counts: &[usize], name: &str| {
            self.facets[f]
                .names
                .iter()
                .position(|n| n == name)
                .map_or(0, |i| counts[i])
        };

        // Years newest first; a chosen year stays listed even when nothing else matches, so it
        // can be cleared.
        let mut year_list: Vec<i32> = self.facets[YEAR]
            .names
            .iter()
            .zip(&year_counts)
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(y, _)| y.parse().ok())
            .chain(applied.years.iter().copied())
            .collect();
        year_list.sort_unstable_by(|a, b| b.cmp(a));
        year_list.dedup();
        let years = year_list
            .into_iter()
            .map(|y| {
                let value = y.to_string();
                FacetValue {
                    count: count_of(YEAR, &year_counts, &value),
                    label: value.clone(),
                    selected: applied.years.contains(&y),
                    value,
                }
            })
            .collect();
        let vocabulary =
            |f: usize, counts: &[usize], labels: Vec<(&str, &str)>, chosen: &[String]| {
                labels
                    .into_iter()
                    .filter_map(|(slug, label)| {
                        let count = count_of(f, counts, slug);
                        let selected = chosen.iter().any(|c| c == slug);
                        (count > 0 || selected).then(|| FacetValue {
                            value: slug.to_string(),
                            label: label.to_string(),
                            count,
                            selected,
                        })
                    })
                    .collect::<Vec<_>>()
            };
        let kinds = vocabulary(KIND, &kind_counts, labels.kind_labels(), &applied.kinds);
        let topics = vocabulary(TOPIC, &topic_counts, labels.topic_labels(), &applied.topics);
        let mut authors: Vec<FacetValue> = self.facets[AUTHOR]
            .names
            .iter()
            .zip(&author_counts)
            .filter(|&(slug, &count)| count > 0 || applied.authors.contains(slug))
            .filter_map(|(slug, &count)| {
                Some(FacetValue {
                    value: slug.clone(),
                    label: labels.member_label(slug)?.to_string(),
                    count,
                    selected: applied.authors.contains(slug),
                })
            })
            .collect();
        for a in &applied.authors {
            if !authors.iter().any(|f| &f.value == a) {
                authors.push(FacetValue {
                    value: a.clone(),
                    label: labels.member_label(a).unwrap_or(a).to_string(),
                    count: 0,
                    selected: true,
                });
            }
        }
        authors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        Results {
            items,
            years,
            kinds,
            topics,
            authors,
            applied,
        }
    }
}

/// How many values a long facet shows until the visitor asks for all of them.
pub const FACET_SHOWN: usize = 8;

/// Which of a facet's values its collapsed list shows, or `None` when the list is short enough to
/// show whole (at most [`FACET_SHOWN`] values, plus two: hiding one or two behind a button would
/// cost more than it saves). Shown: the [`FACET_SHOWN`] values with the most results (the
/// earlier of equal ones), and every chosen value; they keep their places in the list.
pub fn collapsed(values: &[FacetValue]) -> Option<Vec<bool>> {
    if values.len() <= FACET_SHOWN + 2 {
        return None;
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].count.cmp(&values[a].count).then(a.cmp(&b)));
    let mut shown = vec![false; values.len()];
    for &i in order.iter().take(FACET_SHOWN) {
        shown[i] = true;
    }
    for (i, v) in values.iter().enumerate() {
        shown[i] |= v.selected;
    }
    Some(shown)
}

/// Splits items (already newest first) into runs of the same year, for year headings.
pub fn group_by_year(
    items: &[usize],
    year_of: impl Fn(usize) -> Option<i32>,
) -> Vec<(Option<i32>, Vec<usize>)> {
    let mut groups: Vec<(Option<i32>, Vec<usize>)> = Vec::new();
    for &i in items {
        let y = year_of(i);
        match groups.last_mut() {
            Some((gy, list)) if *gy == y => list.push(i),
            _ => groups.push((y, vec![i])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    struct L;
    impl FacetLabels for L {
        fn topic_labels(&self) -> Vec<(&str, &str)> {
            vec![("paper", "Papers"), ("award", "Awards"), ("talk", "Talks")]
        }
        fn member_label(&self, slug: &str) -> Option<&str> {
            match slug {
                "ann" => Some("Ann"),
                "bob" => Some("Bob"),
                _ => None,
            }
        }
    }

    fn doc(year: i32, topics: &[&str], authors: &[&str], text: &str) -> Doc {
        Doc {
            year: Some(year),
            kinds: Vec::new(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            authors: authors.iter().map(|s| s.to_string()).collect(),
            text: fold(text),
        }
    }

    #[test]
    fn a_query_narrows_another_when_each_old_word_is_part_of_a_new_one() {
        let w = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert!(narrows(&w("federated l"), &w("federated")));
        assert!(narrows(&w("learning federated"), &w("fed lea")));
        assert!(narrows(&w("federated"), &w("")));
        assert!(!narrows(&w("federate"), &w("federated")));
        assert!(!narrows(&w("federated"), &w("federated l")));
    }

    #[test]
    fn repeated_and_narrowing_queries_give_fresh_answers() {
        let index = index();
        let fresh = |q: &str| self::index().search(&text_query(q), &L);
        for q in [
            "a", "aw", "awa", "award", "awa", "a", "", "s", "sa", "award t", "a",
        ] {
            let f = text_query(q);
            assert_eq!(index.search(&f, &L), fresh(q), "query {q:?}");
        }
        assert!(index.recent.lock().unwrap().len() <= RECENT_QUERIES);
    }

    #[test]
    fn a_query_typed_and_deleted_finds_its_shorter_forms_remembered() {
        let index = index();
        let query = "award to the team for the kernel work";
        let search = |q: &str| index.search(&text_query(q), &L);
        for n in 1..=query.len() {
            search(&query[..n]);
        }
        let recent = index.recent.lock().unwrap();
        for n in 1..=query.len() {
            let words: Vec<String> = fold(&query[..n])
                .split_whitespace()
                .map(str::to_string)
                .collect();
            assert!(recent.iter().any(|(w, _)| *w == words), "{:?}", &query[..n]);
        }
    }

    #[test]
    fn remembered_matches_stay_within_their_bound() {
        let index = index();
        for q in [
            "a", "e", "i", "o", "n", "r", "t", "s", "aw", "ar", "er", "l",
        ] {
            index.search(&text_query(q), &L);
        }
        let recent = index.recent.lock().unwrap();
        let held: usize = recent.iter().map(|(_, m)| m.len()).sum();
        assert!(recent.len() == 1 || held <= RECENT_MATCHES_PER_DOC * index.len());
        assert!(recent.len() < 12, "broad queries push out older ones");
    }

    /// A filter with only a free-text query, taken as it is.
    fn text_query(q: &str) -> Filter {
        Filter {
            q: q.into(),
            ..Filter::default()
        }
    }

    fn index() -> Index {
        Index::new(vec![
            doc(2025, &["paper"], &["ann"], "Medha serves long contexts"),
            doc(2025, &["award"], &["bob"], "Antoñanzas award"),
            doc(
                2024,
                &["paper", "talk"],
                &["ann", "bob"],
                "Sarathi-Serve at OSDI",
            ),
            doc(2024, &["award"], &[], "Teaching award"),
            doc(2023, &["paper"], &["ann"], "SARATHI preprint"),
        ])
    }

    fn counts(f: &[FacetValue]) -> Vec<(String, usize)> {
        f.iter().map(|v| (v.value.clone(), v.count)).collect()
    }

    #[test]
    fn no_filter_matches_everything_with_counts() {
        let r = index().search(&Filter::default(), &L);
        assert_eq!(r.items, vec![0, 1, 2, 3, 4]);
        assert_eq!(
            counts(&r.years),
            vec![("2025".into(), 2), ("2024".into(), 2), ("2023".into(), 1)]
        );
        assert_eq!(
            counts(&r.topics),
            vec![("paper".into(), 3), ("award".into(), 2), ("talk".into(), 1)]
        );
        assert_eq!(
            counts(&r.authors),
            vec![("ann".into(), 3), ("bob".into(), 2)]
        );
    }

    #[test]
    fn facets_combine_with_and_and_count_disjunctively() {
        let f = Filter::parse("year=2024&topic=award");
        let r = index().search(&f, &L);
        assert_eq!(r.items, vec![3]);
        // Year counts keep the topic filter: awards per year.
        assert_eq!(
            counts(&r.years),
            vec![("2025".into(), 1), ("2024".into(), 1)]
        );
        // Topic counts keep the year filter: topics in 2024.
        assert_eq!(
            counts(&r.topics),
            vec![("paper".into(), 1), ("award".into(), 1), ("talk".into(), 1)]
        );
        assert!(r.years.iter().find(|v| v.value == "2024").unwrap().selected);
    }

    #[test]
    fn text_search_folds_case_and_diacritics_and_needs_every_word() {
        let ix = index();
        let q = |s: &str| {
            ix.search(
                &Filter {
                    q: s.into(),
                    ..Default::default()
                },
                &L,
            )
            .items
        };
        assert_eq!(q("antonanzas"), vec![1]);
        assert_eq!(q("SARATHI"), vec![2, 4]);
        assert_eq!(q("sarathi osdi"), vec![2]);
        assert_eq!(q("sarathi nowhere"), Vec::<usize>::new());
        assert_eq!(q("   "), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn unknown_values_are_ignored() {
        let f = Filter::parse("year=1999&topic=nope&author=nobody&kind=paper");
        let r = index().search(&f, &L);
        assert_eq!(r.items.len(), 5);
        assert_eq!(r.applied, Filter::default());
    }

    #[test]
    fn author_facet() {
        let r = index().search(&Filter::parse("author=bob"), &L);
        assert_eq!(r.items, vec![1, 2]);
        assert!(r.authors.iter().any(|a| a.value == "bob" && a.selected));
    }

    #[test]
    fn matches_are_the_search_without_counts() {
        let idx = index();
        for q in [
            "",
            "q=kernel",
            "year=2024",
            "topic=ml&q=a",
            "year=1999",
            "author=nobody",
        ] {
            let f = Filter::parse(q);
            let full = idx.search(&f, &L);
            let bare = idx.matches(&f, &L);
            assert_eq!(bare.items, full.items, "{q}");
            assert_eq!(bare.applied, full.applied, "{q}");
            assert!(bare.years.is_empty() && bare.topics.is_empty() && bare.authors.is_empty());
            assert!(bare.kinds.is_empty());
        }
    }

    #[test]
    fn facet_counts_equal_result_sizes() {
        let ix = index();
        let base = Filter::topic("paper");
        let r = ix.search(&base, &L);
        for y in &r.years {
            let n = ix
                .search(&base.toggle_year(y.value.parse().unwrap()), &L)
                .items
                .len();
            assert_eq!(n, y.count, "year {}", y.value);
        }
    }

    #[test]
    fn selected_year_stays_listed_without_results() {
        // Found by the property tests: topics and authors kept a chosen value with no results,
        // years did not, so the year filter could not be seen or cleared in its facet.
        let f = Filter::parse("year=2023&q=medha");
        let r = index().search(&f, &L);
        assert!(r.items.is_empty());
        assert_eq!(
            counts(&r.years),
            vec![("2025".into(), 1), ("2023".into(), 0)]
        );
        assert!(r.years.iter().find(|v| v.value == "2023").unwrap().selected);
    }

    #[test]
    fn values_of_one_facet_combine_with_or_and_keep_their_own_counts() {
        let ix = index();
        // Papers or awards: every document but none.
        let r = ix.search(&Filter::parse("topic=paper&topic=award"), &L);
        assert_eq!(r.items, vec![0, 1, 2, 3, 4]);
        // A topic's count ignores the other topics chosen: it is what choosing it alone gives.
        assert_eq!(
            counts(&r.topics),
            vec![("paper".into(), 3), ("award".into(), 2), ("talk".into(), 1)]
        );
        assert!(r.topics.iter().filter(|t| t.selected).count() == 2);
        // Years count under the topic choice (papers or awards per year).
        assert_eq!(
            counts(&r.years),
            vec![("2025".into(), 2), ("2024".into(), 2), ("2023".into(), 1)]
        );
        // With a year too: AND across facets, OR within.
        let r = ix.search(
            &Filter::parse("year=2024&year=2023&topic=talk&topic=award"),
            &L,
        );
        assert_eq!(r.items, vec![2, 3]);
        assert_eq!(
            counts(&r.years),
            vec![("2025".into(), 1), ("2024".into(), 2), ("2023".into(), 0)]
        );
        assert!(r.years.iter().find(|y| y.value == "2023").unwrap().selected);
        assert_eq!(
            counts(&r.topics),
            vec![("paper".into(), 2), ("award".into(), 1), ("talk".into(), 1)]
        );
        // Authors: Ann or Bob, with the counts of each alone.
        let r = ix.search(&Filter::parse("author=ann&author=bob&year=2025"), &L);
        assert_eq!(r.items, vec![0, 1]);
        assert_eq!(
            counts(&r.authors),
            vec![("ann".into(), 1), ("bob".into(), 1)]
        );
    }

    struct WithKinds;
    impl FacetLabels for WithKinds {
        fn topic_labels(&self) -> Vec<(&str, &str)> {
            vec![("llm", "LLM"), ("fl", "Federated")]
        }
        fn kind_labels(&self) -> Vec<(&str, &str)> {
            vec![("paper", "Papers"), ("talk", "Talks"), ("award", "Awards")]
        }
        fn member_label(&self, _: &str) -> Option<&str> {
            None
        }
    }

    #[test]
    fn kinds_are_a_facet_of_their_own() {
        let d = |year: i32, kinds: &[&str], topics: &[&str]| Doc {
            year: Some(year),
            kinds: kinds.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            ..Doc::default()
        };
        let ix = Index::new(vec![
            d(2024, &["paper"], &["llm"]),
            d(2024, &["paper", "talk"], &["fl"]),
            d(2024, &["award"], &[]),
            d(2023, &["paper"], &["llm"]),
        ]);
        // 2024 papers about LLM inference.
        let r = ix.search(&Filter::parse("year=2024&kind=paper&topic=llm"), &WithKinds);
        assert_eq!(r.items, vec![0]);
        assert_eq!(counts(&r.kinds), vec![("paper".into(), 1)]);
        assert_eq!(counts(&r.topics), vec![("llm".into(), 1), ("fl".into(), 1)]);
        assert_eq!(
            counts(&r.years),
            vec![("2024".into(), 1), ("2023".into(), 1)]
        );
        // A kind slug given as a topic is not a topic, and is ignored.
        let r = ix.search(&Filter::parse("topic=paper"), &WithKinds);
        assert!(r.applied.topics.is_empty());
        assert_eq!(r.items.len(), 4);
        // Papers or talks.
        let r = ix.search(&Filter::parse("kind=talk&kind=paper"), &WithKinds);
        assert_eq!(r.items, vec![0, 1, 3]);
        assert_eq!(
            counts(&r.kinds),
            vec![("paper".into(), 3), ("talk".into(), 1), ("award".into(), 1)]
        );
    }

    #[test]
    fn long_facets_collapse_to_their_top_values_and_the_chosen_ones() {
        let v = |count: usize, selected: bool| FacetValue {
            value: count.to_string(),
            label: String::new(),
            count,
            selected,
        };
        // Short lists show whole.
        let short: Vec<FacetValue> = (0..FACET_SHOWN + 2).map(|i| v(i, false)).collect();
        assert_eq!(collapsed(&short), None);
        // Twelve values: the eight with most results, and the chosen one with few.
        let counts = [5, 1, 9, 3, 3, 7, 2, 8, 4, 6, 0, 3];
        let mut long: Vec<FacetValue> = counts.iter().map(|&c| v(c, false)).collect();
        long[1].selected = true;
        let shown = collapsed(&long).unwrap();
        let kept: Vec<usize> = (0..long.len())
            .filter(|&i| shown[i])
            .map(|i| long[i].count)
            .collect();
        // 9 8 7 6 5 4 3 3 (the first two threes), and the chosen 1, in list order.
        assert_eq!(kept, [5, 1, 9, 3, 3, 7, 8, 4, 6]);
    }

    #[test]
    fn groups_runs_of_years() {
        let years = [2025, 2025, 2024, 2023, 2023];
        let g = group_by_year(&[0, 1, 2, 3, 4], |i| Some(years[i]));
        assert_eq!(
            g,
            vec![
                (Some(2025), vec![0, 1]),
                (Some(2024), vec![2]),
                (Some(2023), vec![3, 4])
            ]
        );
    }
}
