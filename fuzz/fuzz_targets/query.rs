//! URL state: `Filter::parse` never panics, what it keeps is well formed, writing and reading it
//! again is stable, and well-formed filters built from the input round-trip exactly.
#![no_main]

use lab_model::query::{
    clean_query, percent_decode, percent_encode, Filter, MAX_QUERY_CHARS, MAX_VALUES,
};
use lab_model::text::{is_slug, slugify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    // Any text read as a query string.
    let once = Filter::parse(input);
    for y in &once.years {
        assert!((1000..=9999).contains(y));
    }
    for slug in once.kinds.iter().chain(&once.topics).chain(&once.authors) {
        assert!(is_slug(slug), "{slug:?}");
    }
    for list in [&once.kinds, &once.topics, &once.authors] {
        assert!(list.len() <= MAX_VALUES);
    }
    assert!(once.q.chars().count() <= MAX_QUERY_CHARS);
    assert!(!once.q.chars().any(char::is_control));
    let twice = Filter::parse(&once.to_query());
    let blank = once.q.trim().is_empty();
    assert_eq!(
        twice,
        Filter {
            q: if blank { String::new() } else { once.q.clone() },
            ..once.clone()
        }
    );
    assert_eq!(Filter::parse(&twice.to_query()), twice);
    assert_eq!(once.is_empty(), twice.is_empty());

    // Percent coding is lossless for any text.
    assert_eq!(percent_decode(&percent_encode(input)), input);

    // A well-formed filter made from the input's parts.
    let mut parts = input.splitn(4, '|');
    let year = parts
        .next()
        .map(|p| 1000 + (p.bytes().map(u32::from).sum::<u32>() % 9000) as i32);
    let topic = parts.next().map(slugify).filter(|s| is_slug(s));
    let author = parts.next().map(slugify).filter(|s| is_slug(s));
    let q = clean_query(parts.next().unwrap_or(""));
    let f = Filter {
        years: year.filter(|_| input.len().is_multiple_of(2)).into_iter().collect(),
        kinds: Vec::new(),
        topics: topic.into_iter().collect(),
        authors: author.into_iter().collect(),
        q: if q.trim().is_empty() {
            String::new()
        } else {
            q
        },
    };
    let query = f.to_query();
    assert_eq!(Filter::parse(&query), f, "{query:?}");
    // A further year adds to the years (once); the first search text wins.
    let mut years = f.years.clone();
    if !years.contains(&1999) {
        years.push(1999);
    }
    assert_eq!(Filter::parse(&format!("?{query}&year=1999&q=x")).years, years);
    let href = f.href("/publications");
    assert_eq!(
        Filter::parse(href.split_once('?').map_or("", |(_, q)| q)),
        f
    );
    // The search box: whatever is typed is kept as the URL will keep it.
    let typed = f.with_q(input);
    assert_eq!(typed.q, clean_query(input));
});
