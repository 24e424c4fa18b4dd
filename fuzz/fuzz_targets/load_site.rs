//! The data loader and validator: any text either fails with a `LoadError` or loads into a site
//! whose every query works, whose text fields obey the markdown rules, whose facet counts match
//! their results, and whose data survives being written out and loaded again.
#![no_main]

use lab_model::engine::{FacetValue, Results};
use lab_model::query::Filter;
use lab_model::{load_site, Site};
use libfuzzer_sys::{fuzz_target, Corpus};

/// Every facet value's count is the number of results with that value as its facet's only choice
/// (disjunctive counts).
fn check_facets(r: &Results, search: impl Fn(&Filter) -> Results) {
    let f = &r.applied;
    let check = |values: &[FacetValue], set: &dyn Fn(&str) -> Filter| {
        for v in values {
            let n = search(&set(&v.value)).items.len();
            assert_eq!(v.count, n, "{:?} under {f:?}", v.value);
        }
    };
    check(&r.years, &|v| Filter {
        years: v.parse().ok().into_iter().collect(),
        ..f.clone()
    });
    check(&r.kinds, &|v| Filter {
        kinds: vec![v.to_string()],
        ..f.clone()
    });
    check(&r.topics, &|v| Filter {
        topics: vec![v.to_string()],
        ..f.clone()
    });
    check(&r.authors, &|v| Filter {
        authors: vec![v.to_string()],
        ..f.clone()
    });
}

fn use_every_query(site: &Site) {
    let data = site.data();
    sail_fuzz::check_markdown(&data.lab.description);
    for m in &data.members {
        if let Some(bio) = &m.bio {
            sail_fuzz::check_markdown(bio);
        }
        let _ = site.publications_of(&m.slug);
        let _ = site.news_of(&m.slug);
        let _ = site.member_by_name(&m.name);
        let _ = m.links.entries();
    }
    for (i, n) in data.news.iter().enumerate() {
        sail_fuzz::check_markdown(&n.text);
        let _ = site.news_members(i);
    }
    for i in 0..data.publications.len() {
        assert_eq!(site.authors(i).len(), data.publications[i].authors.len());
    }
    let _ = site.people();
    let _ = site.selected_publications(4);
    let _ = site.latest_news(5);

    let all_pubs = site.search_publications(&Filter::default());
    assert_eq!(all_pubs.items.len(), data.publications.len());
    check_facets(&all_pubs, |f| site.search_publications(f));
    let all_news = site.search_news(&Filter::default());
    assert_eq!(all_news.items.len(), data.news.len());
    check_facets(&all_news, |f| site.search_news(f));
    // One narrower filter made of the first two values of every facet and a word of the first
    // title.
    let first_two = |values: &[lab_model::engine::FacetValue]| -> Vec<String> {
        values.iter().take(2).map(|v| v.value.clone()).collect()
    };
    let narrow = Filter {
        years: all_pubs.years.iter().take(2).filter_map(|v| v.value.parse().ok()).collect(),
        kinds: first_two(&all_news.kinds),
        topics: first_two(&all_pubs.topics),
        authors: first_two(&all_pubs.authors),
        q: data
            .publications
            .first()
            .and_then(|p| p.title.split_whitespace().next())
            .unwrap_or("")
            .to_string(),
    };
    check_facets(&site.search_publications(&narrow), |f| {
        site.search_publications(f)
    });
    check_facets(&site.search_news(&narrow), |f| site.search_news(f));
}

fuzz_target!(|bytes: &[u8]| -> Corpus {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Corpus::Reject;
    };
    let loaded = match load_site(text) {
        Ok(loaded) => loaded,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return Corpus::Keep;
        }
    };
    for p in &loaded.notices {
        assert!(!p.path.is_empty(), "{p:?}");
        let _ = p.to_string();
    }
    use_every_query(&loaded.site);

    // What loaded can be written out and loads again to the same data.
    let json = serde_json::to_string(loaded.site.data()).expect("serialises");
    let again = load_site(&json).expect("written data loads");
    assert_eq!(again.site.data(), loaded.site.data());
    Corpus::Keep
});
