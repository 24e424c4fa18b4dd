//! The bundled `data/site.json`: it loads clean and holds the lab's real facts.

use lab_model::engine::group_by_year;
use lab_model::query::Filter;
use lab_model::validate::Severity;
use lab_model::{load_site, Role, Site};

fn bundled() -> Site {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.json"))
            .unwrap();
    let loaded = load_site(&text).unwrap();
    let problems: Vec<String> = loaded.notices.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "bundled data has problems:\n{}",
        problems.join("\n")
    );
    loaded.site
}

#[test]
fn has_every_member_publication_and_news_item() {
    let site = bundled();
    let d = site.data();
    assert_eq!(
        (d.members.len(), d.publications.len(), d.news.len()),
        (45, 26, 23)
    );
    assert_eq!(d.lab.short_name, "SAIL");
    assert!(d
        .lab
        .description
        .starts_with("The System for AI Lab (SAIL) at Georgia Tech"));
}

#[test]
fn text_is_correctly_decoded() {
    let site = bundled();
    let all = serde_json::to_string(site.data()).unwrap();
    for good in ["DεpS", "📐", "☸️", "👳🏽", "Íñigo Goiri"] {
        assert!(all.contains(good), "missing {good}");
    }
    assert!(lab_model::text::misdecoded_marker(&all).is_none());
}

#[test]
fn news_is_newest_first_and_every_item_has_topics() {
    let site = bundled();
    let dates: Vec<&str> = site
        .news_newest_first()
        .iter()
        .map(|&i| site.news(i).date.as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert!(site.data().news.iter().all(|n| !n.topics.is_empty()));
    let groups = group_by_year(site.news_newest_first(), |i| {
        lab_model::date::year_of(&site.news(i).date)
    });
    let years: Vec<_> = groups
        .iter()
        .map(|(y, items)| (y.unwrap(), items.len()))
        .collect();
    assert_eq!(years, vec![(2025, 11), (2024, 12)]);
}

#[test]
fn year_and_topic_facets_on_real_data() {
    let site = bundled();
    let r = site.search_news(&Filter::parse("year=2024&kind=fellowship"));
    assert_eq!(r.items.len(), 3);
    let fellowship_2025 = r.years.iter().find(|v| v.value == "2025").unwrap();
    assert_eq!(fellowship_2025.count, 1);
    // An old link that names a kind as a topic keeps its meaning: the kind.
    let old = site.search_news(&Filter::parse("topic=fellowship&year=2024"));
    assert_eq!(old.applied.kinds, ["fellowship"]);
    assert!(old.applied.topics.is_empty());
    assert_eq!(old.items.len(), 3);
    let r = site.search_news(&Filter::parse("kind=award"));
    assert!(r
        .items
        .iter()
        .all(|&i| site.news(i).topics.contains(&"award".to_string())));
    let total: usize = r.years.iter().map(|v| v.count).sum();
    assert_eq!(total, r.items.len());
}

/// The journey of issue 16: "2024 papers about LLM inference" on News, then "or preprints".
#[test]
fn news_kinds_and_topics_combine() {
    let site = bundled();
    let r = site.search_news(&Filter::parse("year=2024&kind=paper&topic=llm-inference"));
    assert!(!r.items.is_empty());
    for &i in &r.items {
        let n = site.news(i);
        assert!(n.date.starts_with("2024"));
        assert!(n.topics.iter().any(|t| t == "paper"));
        assert!(n.topics.iter().any(|t| t == "llm-inference"));
    }
    let kinds: Vec<&str> = r.kinds.iter().map(|k| k.value.as_str()).collect();
    assert!(kinds.contains(&"paper"));
    assert!(
        r.topics.iter().all(|t| !site.is_kind(&t.value)),
        "kinds are not topics"
    );
    let wider = site.search_news(&Filter::parse(
        "year=2024&kind=paper&kind=preprint&topic=llm-inference",
    ));
    assert!(wider.items.len() > r.items.len());
    let preprints = r.kinds.iter().find(|k| k.value == "preprint").unwrap();
    assert!(wider.items.len() <= r.items.len() + preprints.count);
    // Every news item has a kind.
    for n in &site.data().news {
        assert!(n.topics.iter().any(|t| site.is_kind(t)), "{}", n.id);
    }
}

#[test]
fn members_match_publications_by_name_and_alias() {
    let site = bundled();
    assert_eq!(
        site.member_by_name("A. Tumanov").unwrap().slug,
        "alexey-tumanov"
    );
    assert_eq!(
        site.member_by_name("jesus maria antoñanzas").unwrap().slug,
        "chus-antonanzas"
    );
    assert!(
        site.member_by_name("Sukrit Kalra").is_none(),
        "a different person than Sukrit Kumar"
    );
    let amey = site.publications_of("amey-agrawal");
    assert_eq!(amey.len(), 8);
    assert!(amey
        .iter()
        .any(|&i| site.publication(i).title.starts_with("Vidur")));
    let tumanov = site.publications_of("alexey-tumanov");
    assert_eq!(
        tumanov.len(),
        25,
        "every paper but SARATHI lists Prof. Tumanov"
    );
    assert_eq!(site.publications_of("nobody"), Vec::<usize>::new());
}

#[test]
fn member_news_come_from_structured_mentions() {
    let site = bundled();
    let payman = site.news_of("payman-behnam");
    assert_eq!(payman.len(), 3);
    assert!(payman.iter().all(|&i| site
        .news_members(i)
        .iter()
        .any(|m| m.slug == "payman-behnam")));
    assert!(site.news_of("alexey-tumanov").len() >= 4);
}

#[test]
fn people_are_grouped_in_role_order_with_alumni_apart() {
    let site = bundled();
    let (groups, alumni) = site.people();
    let roles: Vec<Role> = groups.iter().map(|g| g.role).collect();
    assert_eq!(
        roles,
        vec![Role::Pi, Role::Phd, Role::Masters, Role::Undergrad]
    );
    assert_eq!(groups[0].members[0].slug, "alexey-tumanov");
    let current: usize = groups.iter().map(|g| g.members.len()).sum();
    assert_eq!(current + alumni.len(), 45);
    assert!(alumni.iter().all(|m| m.alumni));
    assert!(alumni.iter().any(|m| m.slug == "alind-khare"));
}

#[test]
fn home_page_selections() {
    let site = bundled();
    assert_eq!(site.latest_news(5).len(), 5);
    let selected = site.selected_publications(4);
    assert_eq!(selected.len(), 4);
    assert!(selected.iter().all(|&i| site.publication(i).featured));
}

#[test]
fn publication_search_and_author_facet() {
    let site = bundled();
    let r = site.search_publications(&Filter::parse("q=sarathi"));
    assert_eq!(r.items.len(), 2);
    let r = site.search_publications(&Filter::parse("author=payman-behnam&year=2025"));
    assert!(!r.items.is_empty());
    for &i in &r.items {
        assert!(site.publication(i).date.starts_with("2025"));
        assert!(site
            .authors(i)
            .iter()
            .any(|a| a.member.is_some_and(|m| m.slug == "payman-behnam")));
    }
    let authors_total = site.search_publications(&Filter::default()).authors.len();
    assert!(authors_total >= 10, "{authors_total}");
    let _ = Severity::Error;
}

#[test]
fn page_titles_descriptions_and_paths() {
    use lab_model::pages::Page;
    let site = bundled();
    assert_eq!(Page::Home.title(&site), "SAIL · System for AI Lab");
    assert_eq!(
        Page::Member("amey-agrawal".into()).title(&site),
        "Amey Agrawal · SAIL"
    );
    assert_eq!(
        Page::Member("ghost".into()).title(&site),
        "Member not found · SAIL"
    );
    let d = Page::Member("alind-khare".into()).description(&site);
    assert!(
        d.starts_with("Alind Khare, alumni (PhD student) at the System for AI Lab (SAIL)"),
        "{d}"
    );
    assert!(Page::Home
        .description(&site)
        .starts_with("The System for AI Lab (SAIL) at Georgia Tech"));
    for page in Page::all(&site) {
        assert!(page.description(&site).chars().count() <= 160, "{page:?}");
        assert!(page.path().unwrap().ends_with('/'));
    }
    assert_eq!(Page::all(&site).len(), 5 + 45 + 7);
    assert_eq!(Page::Project("vidur".into()).title(&site), "Vidur · SAIL");
    assert_eq!(Page::People.description(&site), "The 29 current members and 16 alumni of the System for AI Lab (SAIL) at Georgia Institute of Technology.");
}

#[test]
fn site_wide_search_finds_people_papers_and_news() {
    let site = bundled();
    let r = site.search_everything("payman", 5);
    assert_eq!(r.members.len(), 1);
    assert_eq!(site.data().members[r.members[0]].slug, "payman-behnam");
    assert_eq!(r.publications.len(), 5, "bounded by the limit");
    assert!(!r.news.is_empty());
    let r = site.search_everything("antonanzas", 5);
    assert_eq!(site.data().members[r.members[0]].slug, "chus-antonanzas");
    let r = site.search_everything("jesus maria", 5);
    assert_eq!(r.members.len(), 1, "aliases count");
    assert!(site.search_everything("   ", 5).is_empty());
    assert!(site.search_everything("zzzz-nothing", 5).is_empty());
}

#[test]
fn projects_name_the_labs_systems_with_their_papers_people_and_news() {
    let site = bundled();
    let slugs: Vec<&str> = site.projects().iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "sarathi-serve",
            "vidur",
            "vajra",
            "metron",
            "superserve",
            "medha",
            "compofa"
        ]
    );
    let featured = site.featured_projects().len();
    assert!((3..=4).contains(&featured), "{featured}");
    let sarathi = site.project("sarathi-serve").unwrap();
    assert_eq!(site.project_publications(sarathi).len(), 3);
    assert!(site
        .project_members(sarathi)
        .iter()
        .any(|m| m.slug == "amey-agrawal"));
    let news_ids = |slug: &str| -> Vec<String> {
        site.project_news(site.project(slug).unwrap())
            .into_iter()
            .map(|i| site.news(i).id.clone())
            .collect()
    };
    assert_eq!(news_ids("sarathi-serve"), ["sarathi-serve-osdi-2024"]);
    assert_eq!(news_ids("vajra"), ["vajra-contributors-wanted"]);
    assert_eq!(
        news_ids("superserve"),
        ["superserve-at-nsdi-2025", "superserve-accepted-nsdi-2025"]
    );
    assert_eq!(
        news_ids("medha"),
        ["medha-and-maya-preprints", "mnemosyne-preprint"]
    );
    let amey: Vec<&str> = site
        .projects_of("amey-agrawal")
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert_eq!(amey, ["sarathi-serve", "vidur", "metron", "medha"]);
    // Every summary fits one line of a card.
    for p in site.projects() {
        assert!(p.summary().chars().count() <= 110, "{}", p.slug);
    }
}
