//! The filter and facet engine shared by every filterable list.
//!
//! An [`Index`] is built once per data load: for each document it keeps the year, topic slugs,
//! author slugs (also as numbers, for counting) and the folded search text. [`Index::search`] then
//! answers a [`Filter`] in one pass over the documents whose text matches, with disjunctive facet
//! counts: the count next to a facet value is the number of results the visitor would get by
//! choosing that value while keeping every other filter.
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

/// What the engine knows of one document (a news item or a publication).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub year: Option<i32>,
    pub topics: Vec<String>,
    pub authors: Vec<String>,
    /// Folded text that free-text search looks in.
    pub text: String,
}

/// One value of a facet with the number of results it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// What goes in the URL: a year, a topic slug or a member slug.
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
    pub topics: Vec<FacetValue>,
    pub authors: Vec<FacetValue>,
    /// The filter actually applied: values that match nothing known were dropped.
    pub applied: Filter,
}

/// Documents in display order, ready to be filtered.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    /// Each document's distinct topics and authors as numbers into `topic_names`/`author_names`.
    topic_ids: Vec<Vec<u32>>,
    author_ids: Vec<Vec<u32>>,
    topic_names: Vec<String>,
    author_names: Vec<String>,
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
fn intern<'a>(lists: impl Iterator<Item = &'a [String]>) -> (Vec<Vec<u32>>, Vec<String>) {
    let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
    let mut names = Vec::new();
    let lists = lists
        .map(|list| {
            let mut out: Vec<u32> = Vec::with_capacity(list.len());
            for name in list {
                let next = names.len() as u32;
                let id = *ids.entry(name.as_str()).or_insert_with(|| {
                    names.push(name.clone());
                    next
                });
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            out
        })
        .collect();
    (lists, names)
}

/// The names whose count is above zero, with their counts.
fn counted(names: &[String], counts: Vec<usize>) -> BTreeMap<&str, usize> {
    names
        .iter()
        .map(String::as_str)
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// Whether every document matching all of `words` also matches all of `old`: each old word is
/// part of some new word.
fn narrows(words: &[String], old: &[String]) -> bool {
    old.iter()
        .all(|o| words.iter().any(|w| w.contains(o.as_str())))
}

/// Labels for facet values: topic slug → label, member slug → name.
pub trait FacetLabels {
    /// Topics in vocabulary order.
    fn topic_labels(&self) -> Vec<(&str, &str)>;
    /// Label of a member slug, `None` when there is no such member.
    fn member_label(&self, slug: &str) -> Option<&str>;
}

impl Index {
    pub fn new(docs: Vec<Doc>) -> Index {
        let (topic_ids, topic_names) = intern(docs.iter().map(|d| d.topics.as_slice()));
        let (author_ids, author_names) = intern(docs.iter().map(|d| d.authors.as_slice()));
        Index {
            docs,
            topic_ids,
            author_ids,
            topic_names,
            author_names,
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

    /// Drops filter values that cannot match anything known (a year no document has, a topic not
    /// in the vocabulary, an author who is not a member), as unknown URL values are ignored.
    pub fn applicable(&self, filter: &Filter, labels: &impl FacetLabels) -> Filter {
        let topics = labels.topic_labels();
        Filter {
            year: filter
                .year
                .filter(|y| self.docs.iter().any(|d| d.year == Some(*y))),
            topic: filter
                .topic
                .clone()
                .filter(|t| topics.iter().any(|(s, _)| s == t)),
            author: filter
                .author
                .clone()
                .filter(|a| labels.member_label(a).is_some()),
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

    fn run(&self, filter: &Filter, labels: &impl FacetLabels, count: bool) -> Results {
        let applied = self.applicable(filter, labels);
        let words: Vec<String> = fold(&applied.q)
            .split_whitespace()
            .map(str::to_string)
            .collect();

        let mut items = Vec::new();
        let mut year_counts: BTreeMap<i32, usize> = BTreeMap::new();
        let mut topic_counts = vec![0usize; self.topic_names.len()];
        let mut author_counts = vec![0usize; self.author_names.len()];
        let id_of = |names: &[String], wanted: &Option<String>| {
            wanted
                .as_ref()
                .map(|w| names.iter().position(|n| n == w).map(|i| i as u32))
        };
        // None: no such filter; Some(None): a value no document has, so nothing matches it.
        let want_topic = id_of(&self.topic_names, &applied.topic);
        let want_author = id_of(&self.author_names, &applied.author);
        let has = |ids: &[u32], wanted: Option<Option<u32>>| match wanted {
            None => true,
            Some(id) => id.is_some_and(|id| ids.contains(&id)),
        };

        // Documents whose text does not match count for nothing, so only the others are visited.
        let text_matches = self.text_matches(&words);
        let visit: Box<dyn Iterator<Item = usize>> = match &text_matches {
            Some(list) => Box::new(list.iter().map(|&i| i as usize)),
            None => Box::new(0..self.docs.len()),
        };
        for i in visit {
            let doc = &self.docs[i];
            let m_year = applied.year.is_none() || doc.year == applied.year;
            let m_topic = has(&self.topic_ids[i], want_topic);
            let m_author = has(&self.author_ids[i], want_author);
            if m_year && m_topic && m_author {
                items.push(i);
            }
            if !count {
                continue;
            }
            if m_topic && m_author {
                if let Some(y) = doc.year {
                    *year_counts.entry(y).or_default() += 1;
                }
            }
            if m_year && m_author {
                for &t in &self.topic_ids[i] {
                    topic_counts[t as usize] += 1;
                }
            }
            if m_year && m_topic {
                for &a in &self.author_ids[i] {
                    author_counts[a as usize] += 1;
                }
            }
        }
        if !count {
            return Results {
                items,
                years: Vec::new(),
                topics: Vec::new(),
                authors: Vec::new(),
                applied,
            };
        }
        let topic_counts = counted(&self.topic_names, topic_counts);
        let author_counts = counted(&self.author_names, author_counts);

        // The chosen year stays listed even when nothing else matches, so it can be cleared.
        if let Some(y) = applied.year {
            year_counts.entry(y).or_default();
        }
        let years = year_counts
            .into_iter()
            .rev()
            .map(|(y, count)| FacetValue {
                value: y.to_string(),
                label: y.to_string(),
                count,
                selected: applied.year == Some(y),
            })
            .collect();
        let topics = labels
            .topic_labels()
            .into_iter()
            .filter_map(|(slug, label)| {
                let count = topic_counts.get(slug).copied().unwrap_or(0);
                let selected = applied.topic.as_deref() == Some(slug);
                (count > 0 || selected).then(|| FacetValue {
                    value: slug.to_string(),
                    label: label.to_string(),
                    count,
                    selected,
                })
            })
            .collect();
        let mut authors: Vec<FacetValue> = author_counts
            .into_iter()
            .filter_map(|(slug, count)| {
                let label = labels.member_label(slug)?.to_string();
                let selected = applied.author.as_deref() == Some(slug);
                Some(FacetValue {
                    value: slug.to_string(),
                    label,
                    count,
                    selected,
                })
            })
            .collect();
        if let Some(a) = &applied.author {
            if !authors.iter().any(|f| &f.value == a) {
                let label = labels.member_label(a).unwrap_or(a).to_string();
                authors.push(FacetValue {
                    value: a.clone(),
                    label,
                    count: 0,
                    selected: true,
                });
            }
        }
        authors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        Results {
            items,
            years,
            topics,
            authors,
            applied,
        }
    }
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
        let f = Filter {
            year: Some(2024),
            topic: Some("award".into()),
            ..Default::default()
        };
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
        let f = Filter {
            year: Some(1999),
            topic: Some("nope".into()),
            author: Some("nobody".into()),
            q: String::new(),
        };
        let r = index().search(&f, &L);
        assert_eq!(r.items.len(), 5);
        assert_eq!(r.applied, Filter::default());
    }

    #[test]
    fn author_facet() {
        let r = index().search(
            &Filter {
                author: Some("bob".into()),
                ..Default::default()
            },
            &L,
        );
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
        }
    }

    #[test]
    fn facet_counts_equal_result_sizes() {
        let ix = index();
        let base = Filter {
            topic: Some("paper".into()),
            ..Default::default()
        };
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
        let f = Filter {
            year: Some(2023),
            q: "medha".into(),
            ..Default::default()
        };
        let r = index().search(&f, &L);
        assert!(r.items.is_empty());
        assert_eq!(
            counts(&r.years),
            vec![("2025".into(), 1), ("2023".into(), 0)]
        );
        assert!(r.years.iter().find(|v| v.value == "2023").unwrap().selected);
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
