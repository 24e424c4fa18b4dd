//! URL state of the filterable pages: the query string `year`, `topic`, `author`, `kind`, `q`
//! parsed into a typed [`Filter`] and written back. Parsing never fails: malformed values are
//! ignored.
//!
//! A facet may hold several values. They are read from repeated keys (`topic=paper&topic=talk`)
//! and from comma lists (`topic=paper,talk`), in any mix, and always written back as repeated
//! keys, in the order they were chosen: a list page's address is the same however it was reached
//! from a shared link, and an old single-value link (`topic=award`) is a filter of one value.
//! Values of one facet combine with OR, facets with AND (see [`crate::engine`]).

/// What a visitor filters a list by. Facets combine by AND; the values of one facet by OR.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Years, in the order chosen; empty: any year.
    pub years: Vec<i32>,
    /// Kind slugs (what a news item is: a paper, an award…), News only.
    pub kinds: Vec<String>,
    /// Topic slugs (what an item is about).
    pub topics: Vec<String>,
    /// Member slugs (publications only).
    pub authors: Vec<String>,
    /// Free text; matched case- and diacritic-insensitively, every word must occur.
    pub q: String,
}

/// Longest search text kept from a URL or the search box.
pub const MAX_QUERY_CHARS: usize = 200;

/// Most values kept per facet from a URL: more than any facet lists on a screen, few enough that
/// a hostile address (`topic=a,b,c,…` a megabyte long) costs nothing to read.
pub const MAX_VALUES: usize = 32;

/// Four digits, without a leading zero: years are written back as plain numbers, and a data
/// file's dates start at year 1000.
fn parse_year(v: &str) -> Option<i32> {
    let v = v.trim();
    (v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) && !v.starts_with('0'))
        .then(|| v.parse().ok())
        .flatten()
}

fn parse_slug(v: &str) -> Option<String> {
    let v = v.trim();
    crate::text::is_slug(v).then(|| v.to_string())
}

/// Adds each well-formed value of a comma list to `list`, once, up to [`MAX_VALUES`].
fn add_values<T: PartialEq>(list: &mut Vec<T>, value: &str, parse: impl Fn(&str) -> Option<T>) {
    for v in value.split(',') {
        if list.len() >= MAX_VALUES {
            return;
        }
        if let Some(v) = parse(v) {
            if !list.contains(&v) {
                list.push(v);
            }
        }
    }
}

/// `list` with `value` removed when it holds it, else added at the end.
fn toggled<T: PartialEq + Clone>(list: &[T], value: &T) -> Vec<T> {
    if list.contains(value) {
        list.iter().filter(|v| *v != value).cloned().collect()
    } else {
        let mut out = list.to_vec();
        out.push(value.clone());
        out
    }
}

impl Filter {
    /// Builds a filter from decoded `(key, value)` pairs. Every well-formed value of a facet key
    /// is kept, once (a value may be a comma list); the first search text wins; unknown keys and
    /// malformed values are ignored. `search` (the old site's name for the publication search)
    /// is read as `q`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Filter {
        let mut f = Filter::default();
        for (key, value) in pairs {
            match key {
                "year" => add_values(&mut f.years, value, parse_year),
                "kind" => add_values(&mut f.kinds, value, parse_slug),
                "topic" => add_values(&mut f.topics, value, parse_slug),
                "author" => add_values(&mut f.authors, value, parse_slug),
                "q" | "search" if f.q.is_empty() => f.q = clean_query(value),
                _ => {}
            }
        }
        f
    }

    /// Parses a raw query string (with or without the leading `?`).
    pub fn parse(query: &str) -> Filter {
        let decoded = query_pairs(query);
        Filter::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The query string for this filter, without `?`: keys in a fixed order (`year`, `topic`,
    /// `author`, `kind`, `q`: the order of the old single-value links, then the new key), one
    /// `key=value` pair per value in the order chosen; empty when there is no filter.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        parts.extend(self.years.iter().map(|y| format!("year={y}")));
        for (key, values) in [
            ("topic", &self.topics),
            ("author", &self.authors),
            ("kind", &self.kinds),
        ] {
            parts.extend(
                values
                    .iter()
                    .map(|v| format!("{key}={}", percent_encode(v))),
            );
        }
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", percent_encode(&self.q)));
        }
        parts.join("&")
    }

    /// `path` followed by `?query` when the filter is not empty.
    pub fn href(&self, path: &str) -> String {
        let q = self.to_query();
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }

    pub fn is_empty(&self) -> bool {
        self.facet_values() == 0 && self.q.trim().is_empty()
    }

    /// How many facet values are chosen (the search text aside): the count a list's Filters
    /// button shows.
    pub fn facet_values(&self) -> usize {
        self.years.len() + self.kinds.len() + self.topics.len() + self.authors.len()
    }

    /// This filter with the year added, or removed when it is already chosen.
    pub fn toggle_year(&self, year: i32) -> Filter {
        Filter {
            years: toggled(&self.years, &year),
            ..self.clone()
        }
    }

    /// This filter with the kind added, or removed when it is already chosen.
    pub fn toggle_kind(&self, kind: &str) -> Filter {
        Filter {
            kinds: toggled(&self.kinds, &kind.to_string()),
            ..self.clone()
        }
    }

    /// This filter with the topic added, or removed when it is already chosen.
    pub fn toggle_topic(&self, topic: &str) -> Filter {
        Filter {
            topics: toggled(&self.topics, &topic.to_string()),
            ..self.clone()
        }
    }

    /// This filter with the author added, or removed when it is already chosen.
    pub fn toggle_author(&self, author: &str) -> Filter {
        Filter {
            authors: toggled(&self.authors, &author.to_string()),
            ..self.clone()
        }
    }

    /// This filter with another search text.
    pub fn with_q(&self, q: &str) -> Filter {
        Filter {
            q: clean_query(q),
            ..self.clone()
        }
    }

    /// A filter of one topic, for a topic chip.
    pub fn topic(topic: &str) -> Filter {
        Filter::default().toggle_topic(topic)
    }

    /// A filter of one kind, for a kind chip.
    pub fn kind(kind: &str) -> Filter {
        Filter::default().toggle_kind(kind)
    }
}

/// The decoded `(key, value)` pairs of a query string (with or without the leading `?`), in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Search text as kept in the URL: control characters dropped, length bounded.
pub fn clean_query(q: &str) -> String {
    q.chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect()
}

/// Decodes `%XX` escapes and `+` as space; invalid escapes stay as they are, invalid UTF-8 is replaced.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Encodes everything but unreserved characters (`A-Z a-z 0-9 - . _ ~`); space becomes `+`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_known_keys_and_ignores_the_rest() {
        let f = Filter::parse("?year=2024&topic=award&q=llm+inference&utm_source=x");
        assert_eq!(
            f,
            Filter {
                years: vec![2024],
                topics: topics(&["award"]),
                q: "llm inference".into(),
                ..Filter::default()
            }
        );
        let f = Filter::parse("year=abc&topic=Not%20A%20Slug&author=amey-agrawal&year=2023");
        assert_eq!(
            f.years,
            [2023],
            "a malformed value does not hide a good one"
        );
        assert!(f.topics.is_empty());
        assert_eq!(f.authors, ["amey-agrawal"]);
        assert_eq!(Filter::parse(""), Filter::default());
        assert_eq!(Filter::parse("&&=&year"), Filter::default());
        assert!(Filter::parse("year=20245").years.is_empty());
    }

    #[test]
    fn repeated_keys_and_comma_lists_both_give_several_values() {
        let repeated = Filter::parse("topic=paper&topic=llm-inference&kind=award");
        let commas = Filter::parse("topic=paper,llm-inference&kind=award");
        let mixed = Filter::parse("topic=paper&topic=llm-inference,paper&kind=award,");
        assert_eq!(repeated.topics, ["paper", "llm-inference"]);
        assert_eq!(repeated.kinds, ["award"]);
        assert_eq!(commas, repeated);
        assert_eq!(mixed, repeated, "a value given twice is kept once");
        // An encoded comma is a comma too (URLSearchParams writes one as %2C).
        assert_eq!(Filter::parse("year=2024%2C2023").years, [2024, 2023]);
        // Written back as repeated keys, in the order chosen.
        assert_eq!(
            commas.to_query(),
            "topic=paper&topic=llm-inference&kind=award"
        );
        let f = Filter::parse("year=2023,2024,0224,abc");
        assert_eq!(f.years, [2023, 2024]);
        assert_eq!(f.to_query(), "year=2023&year=2024");
    }

    #[test]
    fn values_per_facet_are_bounded() {
        let many: Vec<String> = (0..100).map(|i| format!("t{i}")).collect();
        let f = Filter::parse(&format!("topic={}", many.join(",")));
        assert_eq!(f.topics.len(), MAX_VALUES);
        assert_eq!(f.topics[0], "t0");
        let f = Filter::parse(&"topic=a&".repeat(1000));
        assert_eq!(f.topics, ["a"]);
    }

    #[test]
    fn years_with_a_leading_zero_are_malformed() {
        // Found by the `query` fuzz target: "0224" was read as 224, which is written back as
        // "year=224", which does not parse, so the filter changed on its way through the URL.
        assert!(Filter::parse("year=0224").years.is_empty());
        assert_eq!(Filter::parse("year=0224&year=2024").years, [2024]);
        let f = Filter::parse("?year=0224&q=l");
        assert_eq!(Filter::parse(&f.to_query()), f);
        assert_eq!(Filter::parse("year=1000").years, [1000]);
    }

    #[test]
    fn legacy_search_parameter_is_q() {
        assert_eq!(Filter::parse("search=sarathi").q, "sarathi");
        assert_eq!(Filter::parse("q=a&search=b").q, "a");
    }

    #[test]
    fn round_trips() {
        let f = Filter {
            years: vec![2025, 2023],
            kinds: topics(&["paper"]),
            topics: topics(&["llm-inference", "serving"]),
            authors: topics(&["amey-agrawal"]),
            q: "DεpS & Co/50% ?=#".into(),
        };
        let q = f.to_query();
        assert!(
            q.starts_with("year=2025&year=2023&topic=llm-inference&topic=serving&author=amey-agrawal&kind=paper&q="),
            "{q}"
        );
        let q_value = q.rsplit_once("q=").unwrap().1;
        assert!(!q_value.contains(['&', '#', '?', '=', ' ']), "{q_value}");
        assert_eq!(Filter::parse(&q), f);
        assert_eq!(Filter::default().to_query(), "");
        assert_eq!(Filter::default().href("/news"), "/news");
        assert_eq!(
            Filter::default().toggle_year(2024).href("/news"),
            "/news?year=2024"
        );
    }

    #[test]
    fn toggles_add_and_remove_one_value() {
        let f = Filter::default().toggle_year(2024).toggle_topic("award");
        assert_eq!(f.to_query(), "year=2024&topic=award");
        assert_eq!(f.toggle_year(2024).to_query(), "topic=award");
        assert_eq!(f.toggle_year(2023).years, [2024, 2023]);
        assert_eq!(f.toggle_topic("paper").topics, ["award", "paper"]);
        assert!(f.toggle_topic("award").topics.is_empty());
        assert!(f.toggle_author("x").toggle_author("x").authors.is_empty());
        assert_eq!(
            f.toggle_kind("talk").toggle_kind("paper").kinds,
            ["talk", "paper"]
        );
        assert_eq!(f.with_q("  ").to_query(), "year=2024&topic=award");
        assert_eq!(f.toggle_kind("talk").facet_values(), 3);
        assert_eq!(Filter::topic("award").to_query(), "topic=award");
        assert_eq!(Filter::kind("award").to_query(), "kind=award");
        assert!(!f.is_empty());
        assert!(Filter::default().with_q(" ").is_empty());
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("a%20b+c%2Bd"), "a b c+d");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%B1"), "ñ");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(percent_encode("ñ a&b"), "%C3%B1+a%26b");
    }

    /// 10^6 bytes of one repeated character (and of a repeated pair) parse in milliseconds.
    /// Nothing is timed; a quadratic step makes this test run for minutes.
    #[test]
    fn hostile_query_strings_parse_in_linear_time() {
        const N: usize = 1_000_000;
        for c in [
            "&", "=", "%", "+", "?", "a", "%00", "q=", "q=%00&", "year=&", "é",
        ] {
            let text = c.repeat(N / c.len());
            let f = Filter::parse(&text);
            assert!(f.q.chars().count() <= MAX_QUERY_CHARS);
            let _ = percent_encode(&percent_decode(&text));
        }
    }

    #[test]
    fn query_text_is_bounded_and_clean() {
        let long = "x".repeat(1000);
        assert_eq!(Filter::parse(&format!("q={long}")).q.len(), MAX_QUERY_CHARS);
        assert_eq!(Filter::parse("q=a%00b%0Ac").q, "abc");
    }
}
