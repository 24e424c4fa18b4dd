//! The Atom 1.0 feed of the news and posts, with absolute URLs from the configured site URL.
//! A news entry's content is its text as the site renders it (same component, rendered to HTML);
//! a post's is the body the build rendered.

use lab_model::date::Date;
use lab_model::markdown::{parse, plain_text};
use lab_model::pages::truncate_words;
use lab_model::Site;
use leptos::prelude::*;
use sail_site::components::rich_text::RichText;

use crate::{escape, Options};

/// RFC 3339 timestamp of a `YYYY-MM-DD` day, made from the parsed date (never the data's text,
/// which may hold anything), or `None` when it is not a real date.
fn day_timestamp(date: &str) -> Option<String> {
    Date::parse(date).map(|d| format!("{}T00:00:00Z", d.iso()))
}

fn rich_text_html(site: &Site, text: &str) -> String {
    let owner = Owner::new();
    owner.with(|| view! { <RichText text=text.to_string() site=site.clone()/> }.to_html())
}

/// One entry of the feed: a news item or a post, by index.
enum Entry {
    News(usize),
    Post(usize),
}

/// A post's `<entry>`: its page, title, authors, description and body.
fn post_entry(site: &Site, i: usize, stamp: &str, options: &Options) -> String {
    let post = site.post_at(i);
    let url = options.absolute(&post.path());
    let mut out = String::from("  <entry>\n");
    out.push_str(&format!("    <id>{}</id>\n", escape(&url)));
    out.push_str(&format!("    <title>{}</title>\n", escape(&post.title)));
    out.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&url)
    ));
    out.push_str(&format!(
        "    <published>{stamp}</published>\n    <updated>{stamp}</updated>\n"
    ));
    for m in site.post_authors(post) {
        out.push_str(&format!(
            "    <author><name>{}</name><uri>{}</uri></author>\n",
            escape(&m.name),
            escape(&options.absolute(&format!("/members/{}/", m.slug)))
        ));
    }
    for t in &post.topics {
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape(t),
            escape(site.topic_label(t))
        ));
    }
    out.push_str(&format!(
        "    <summary>{}</summary>\n",
        escape(&post.description)
    ));
    out.push_str(&format!(
        "    <content type=\"html\">{}</content>\n",
        escape(&post.html)
    ));
    out.push_str("  </entry>\n");
    out
}

/// The feed document.
pub fn atom_feed(site: &Site, options: &Options) -> String {
    let lab = &site.data().lab;
    let news_url = options.absolute("/news/");
    // Atom requires a timestamp on every entry: an item without a real date (which `labctl
    // check` reports) is left out of the feed. Newest first, so the first is the latest.
    let mut entries: Vec<(Entry, String)> =
        site.news_newest_first()
            .iter()
            .filter_map(|&i| day_timestamp(&site.news(i).date).map(|stamp| (Entry::News(i), stamp)))
            .chain(
                site.posts().iter().enumerate().filter_map(|(i, p)| {
                    day_timestamp(&p.date).map(|stamp| (Entry::Post(i), stamp))
                }),
            )
            .collect();
    // Newest first; on one day, a post before the news (a stable sort keeps each kind's order).
    entries.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| matches!(b.0, Entry::Post(_)).cmp(&matches!(a.0, Entry::Post(_))))
    });
    let updated = entries
        .first()
        .map(|(_, stamp)| stamp.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let origin = options
        .site_url
        .split('/')
        .take(3)
        .collect::<Vec<_>>()
        .join("/");
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"{}/\">\n",
        escape(&origin)
    ));
    out.push_str(&format!("  <id>{}</id>\n", escape(&news_url)));
    out.push_str(&format!(
        "  <title>{}</title>\n",
        escape(&format!("{} news", lab.short_name))
    ));
    out.push_str(&format!(
        "  <subtitle>{}</subtitle>\n",
        escape(&format!(
            "News from the {} at {}",
            lab.name, lab.institution
        ))
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&options.absolute("/feed.xml"))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&news_url)
    ));
    out.push_str(&format!(
        "  <author><name>{}</name><uri>{}</uri></author>\n",
        escape(&lab.name),
        escape(&options.site_url)
    ));
    for (entry, stamp) in entries {
        let i = match entry {
            Entry::News(i) => i,
            Entry::Post(i) => {
                out.push_str(&post_entry(site, i, &stamp, options));
                continue;
            }
        };
        let item = site.news(i);
        // The item's own address, as site search and its link on the page give it: its anchor
        // on the page of News that shows it (the static page's address, with its slash).
        let url = options.absolute(&site.news_path(i).replacen("/news", "/news/", 1));
        let title = truncate_words(&plain_text(&parse(&item.text)), 90);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        out.push_str(&format!("    <title>{}</title>\n", escape(&title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        out.push_str(&format!(
            "    <published>{stamp}</published>\n    <updated>{stamp}</updated>\n"
        ));
        for t in &item.topics {
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                escape(t),
                escape(site.topic_label(t))
            ));
        }
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            escape(&rich_text_html(site, &item.text))
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
