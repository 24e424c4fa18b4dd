//! URL state of the filterable pages: the query string `year`, `topic`, `author`, `q` parsed into
//! a typed [`Filter`] and written back. Parsing never fails: malformed values are ignored.

/// What a visitor filters a list by. Every field combines with the others by AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub year: Option<i32>,
    /// A topic slug.
    pub topic: Option<String>,
    /// A member slug (publications only).
    pub author: Option<String>,
    /// Free text; matched case- and diacritic-insensitively, every word must occur.
    pub q: String,
}

/// Longest search text kept from a URL or the search box.
pub const MAX_QUERY_CHARS: usize = 200;

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

impl Filter {
    /// Builds a filter from decoded `(key, value)` pairs. The first well-formed value of each key
    /// wins; unknown keys and malformed values are ignored. `search` (the old site's name for the
    /// publication search) is read as `q`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Filter {
        let mut f = Filter::default();
        for (key, value) in pairs {
            match key {
                "year" if f.year.is_none() => f.year = parse_year(value),
                "topic" if f.topic.is_none() => f.topic = parse_slug(value),
                "author" if f.author.is_none() => f.author = parse_slug(value),
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

    /// The query string for this filter, without `?`, keys in a fixed order; empty when no filter.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        if let Some(t) = &self.topic {
            parts.push(format!("topic={}", percent_encode(t)));
        }
        if let Some(a) = &self.author {
            parts.push(format!("author={}", percent_encode(a)));
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
        self.year.is_none()
            && self.topic.is_none()
            && self.author.is_none()
            && self.q.trim().is_empty()
    }

    /// This filter with the year set, or cleared when it is already that year.
    pub fn toggle_year(&self, year: i32) -> Filter {
        Filter {
            year: (self.year != Some(year)).then_some(year),
            ..self.clone()
        }
    }

    /// This filter with the topic set, or cleared when it is already that topic.
    pub fn toggle_topic(&self, topic: &str) -> Filter {
        Filter {
            topic: (self.topic.as_deref() != Some(topic)).then(|| topic.to_string()),
            ..self.clone()
        }
    }

    /// This filter with the author set, or cleared when it is already that author.
    pub fn toggle_author(&self, author: &str) -> Filter {
        Filter {
            author: (self.author.as_deref() != Some(author)).then(|| author.to_string()),
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

    #[test]
    fn parses_known_keys_and_ignores_the_rest() {
        let f = Filter::parse("?year=2024&topic=award&q=llm+inference&utm_source=x");
        assert_eq!(
            f,
            Filter {
                year: Some(2024),
                topic: Some("award".into()),
                author: None,
                q: "llm inference".into()
            }
        );
        let f = Filter::parse("year=abc&topic=Not%20A%20Slug&author=amey-agrawal&year=2023");
        assert_eq!(
            f.year,
            Some(2023),
            "a malformed first value does not hide a later good one"
        );
        assert_eq!(f.topic, None);
        assert_eq!(f.author.as_deref(), Some("amey-agrawal"));
        assert_eq!(Filter::parse(""), Filter::default());
        assert_eq!(Filter::parse("&&=&year"), Filter::default());
        assert_eq!(Filter::parse("year=20245").year, None);
    }

    #[test]
    fn years_with_a_leading_zero_are_malformed() {
        // Found by the `query` fuzz target: "0224" was read as 224, which is written back as
        // "year=224", which does not parse, so the filter changed on its way through the URL.
        assert_eq!(Filter::parse("year=0224").year, None);
        assert_eq!(Filter::parse("year=0224&year=2024").year, Some(2024));
        let f = Filter::parse("?year=0224&q=l");
        assert_eq!(Filter::parse(&f.to_query()), f);
        assert_eq!(Filter::parse("year=1000").year, Some(1000));
    }

    #[test]
    fn legacy_search_parameter_is_q() {
        assert_eq!(Filter::parse("search=sarathi").q, "sarathi");
        assert_eq!(Filter::parse("q=a&search=b").q, "a");
    }

    #[test]
    fn round_trips() {
        let f = Filter {
            year: Some(2025),
            topic: Some("llm-inference".into()),
            author: Some("amey-agrawal".into()),
            q: "DεpS & Co/50% ?=#".into(),
        };
        let q = f.to_query();
        assert!(
            q.starts_with("year=2025&topic=llm-inference&author=amey-agrawal&q="),
            "{q}"
        );
        let q_value = q.rsplit_once("q=").unwrap().1;
        assert!(!q_value.contains(['&', '#', '?', '=', ' ']), "{q_value}");
        assert_eq!(Filter::parse(&q), f);
        assert_eq!(Filter::default().to_query(), "");
        assert_eq!(Filter::default().href("/news"), "/news");
        assert_eq!(
            Filter {
                year: Some(2024),
                ..Default::default()
            }
            .href("/news"),
            "/news?year=2024"
        );
    }

    #[test]
    fn toggles() {
        let f = Filter::default().toggle_year(2024).toggle_topic("award");
        assert_eq!(f.to_query(), "year=2024&topic=award");
        assert_eq!(f.toggle_year(2024).to_query(), "topic=award");
        assert_eq!(f.toggle_year(2023).year, Some(2023));
        assert_eq!(f.toggle_topic("award").topic, None);
        assert_eq!(f.toggle_author("x").toggle_author("x").author, None);
        assert_eq!(f.with_q("  ").to_query(), "year=2024&topic=award");
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
