//! What the page generator writes from a data file that carries markup, script, broken
//! quoting and control characters in every field, dates and ids included: the feed and the
//! sitemap stay well-formed XML, nothing from the data becomes an element, and no output holds
//! a character XML or HTML forbids.

use lab_model::pages::Page;
use lab_model::{load_site, Site};
use sitegen::{atom_feed, sitemap_xml, without_forbidden_chars, Options};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<xmp><img title=\"</xmp><img src=x onerror=alert(1)>\">",
    "]]><injected/><![CDATA[",
    "\"><content type=\"html\">&lt;script&gt;</content>",
    "&amp; &lt; & < > \" '",
    "<!-- comment --><?pi x?>",
    "a\u{000B}b\u{0000}c\u{001F}d\u{007F}e\u{0085}f\u{FFFE}g",
    "javascript:alert(1)",
    "2024-07-18</published><entry><title>forged</title></entry><published>",
];

fn poison(v: &mut serde_json::Value, k: &mut usize, key: &str) {
    match v {
        serde_json::Value::String(s) if !matches!(key, "role" | "$schema") => {
            s.push_str(PAYLOADS[*k % PAYLOADS.len()]);
            *k += 1;
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| poison(i, k, key)),
        serde_json::Value::Object(map) => {
            for (name, value) in map.iter_mut() {
                poison(value, k, name);
            }
        }
        _ => {}
    }
}

/// The bundled data with a payload after every string, dates and ids included.
fn hostile_site() -> Site {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.json"))
            .unwrap();
    let mut data: serde_json::Value = serde_json::from_str(&text).unwrap();
    poison(&mut data, &mut 0, "");
    // Dates made wholly of markup, and the rest kept real so that the feed has entries.
    for (i, item) in data["news"].as_array_mut().unwrap().iter_mut().enumerate() {
        item["date"] = match i {
            0 => PAYLOADS[1].into(),
            1 => PAYLOADS[8].into(),
            _ => "2024-07-18".into(),
        };
    }
    load_site(&data.to_string())
        .expect("a hostile file still loads")
        .site
}

/// Well-formed XML with no element the data could have added.
fn assert_clean(what: &str, text: &str) {
    assert_eq!(
        without_forbidden_chars(text),
        text,
        "{what} holds a forbidden character"
    );
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{what} is not XML: {e}\n{text}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "img", "xmp", "injected"].contains(&name),
            "{what} gained a <{name}> element"
        );
        if name == "content" || name == "title" {
            let parent = node.parent().map(|p| p.tag_name().name());
            assert!(
                matches!(parent, Some("entry" | "feed")),
                "{what}: a <{name}> in {parent:?}"
            );
        }
    }
}

#[test]
fn the_feed_and_sitemap_stay_well_formed_with_payloads_in_every_field() {
    let site = hostile_site();
    let options = Options::new("/tmp".into(), "/sail/", Some("https://example.org/sail/")).unwrap();
    let feed = without_forbidden_chars(&atom_feed(&site, &options)).into_owned();
    assert_clean("feed.xml", &feed);
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    // The two items whose dates are not dates are left out; every other item is there once.
    assert_eq!(entries.len(), site.data().news.len() - 2);
    for entry in &entries {
        for stamp in ["published", "updated"] {
            let text = entry
                .children()
                .find(|n| n.has_tag_name(stamp))
                .and_then(|n| n.text())
                .unwrap();
            assert_eq!(text, "2024-07-18T00:00:00Z");
        }
        let content = entry.children().filter(|n| n.has_tag_name("content"));
        assert_eq!(content.count(), 1);
    }
    let sitemap =
        without_forbidden_chars(&sitemap_xml(&site, &Page::all(&site), &options)).into_owned();
    assert_clean("sitemap.xml", &sitemap);
}

#[test]
fn forbidden_characters_are_removed_and_nothing_else() {
    assert_eq!(
        without_forbidden_chars("a\u{B}b\u{0}c\td\ne\rf\u{FFFF}\u{85}"),
        "abc\td\ne\rf"
    );
    assert_eq!(
        without_forbidden_chars("Íñigo “quoted” 🚀"),
        "Íñigo “quoted” 🚀"
    );
}
