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

/// What an `<entry>` says; a news item has no authors and no summary of its own.
struct EntryText<'a> {
    url: String,
    title: &'a str,
    stamp: &'a str,
    /// Name and profile address of each author.
    authors: Vec<(&'a str, String)>,
    topics: &'a [String],
    summary: Option<&'a str>,
    html: &'a str,
}

/// An `<entry>`, each value escaped.
fn entry(site: &Site, e: &EntryText) -> String {
    let mut out = String::from("  <entry>\n");
    out.push_str(&format!("    <id>{}</id>\n", escape(&e.url)));
    out.push_str(&format!("    <title>{}</title>\n", escape(e.title)));
    out.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&e.url)
    ));
    out.push_str(&format!(
        "    <published>{0}</published>\n    <updated>{0}</updated>\n",
        e.stamp
    ));
    for (name, uri) in &e.authors {
        out.push_str(&format!(
            "    <author><name>{}</name><uri>{}</uri></author>\n",
            escape(name),
            escape(uri)
        ));
    }
    for t in e.topics {
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape(t),
            escape(site.topic_label(t))
        ));
    }
    if let Some(summary) = e.summary {
        out.push_str(&format!("    <summary>{}</summary>\n", escape(summary)));
    }
    out.push_str(&format!(
        "    <content type=\"html\">{}</content>\n",
        escape(e.html)
    ));
    out.push_str("  </entry>\n");
    out
}

/// A post's entry: its page, title, authors, description and the body the build rendered.
fn post_entry(site: &Site, i: usize, stamp: &str, options: &Options) -> String {
    let post = site.post_at(i);
    let authors = site
        .post_authors(post)
        .into_iter()
        .map(|m| {
            (
                m.name.as_str(),
                options.absolute(&format!("/members/{}/", m.slug)),
            )
        })
        .collect();
    entry(
        site,
        &EntryText {
            url: options.absolute(&post.path()),
            title: &post.title,
            stamp,
            authors,
            topics: &post.topics,
            summary: Some(&post.description),
            html: &post.html,
        },
    )
}

/// A news item's entry: its anchor on the page of News that shows it (the static page's
/// address, with its slash, as site search and its link on the page give it), its text cut to
/// a title, and its text as the site renders it.
fn news_entry(site: &Site, i: usize, stamp: &str, options: &Options) -> String {
    let item = site.news(i);
    let title = truncate_words(&plain_text(&parse(&item.text)), 90);
    entry(
        site,
        &EntryText {
            url: options.absolute(&site.news_path(i).replacen("/news", "/news/", 1)),
            title: &title,
            stamp,
            authors: Vec::new(),
            topics: &item.topics,
            summary: None,
            html: &rich_text_html(site, &item.text),
        },
    )
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
    for (item, stamp) in entries {
        out.push_str(&match item {
            Entry::News(i) => news_entry(site, i, &stamp, options),
            Entry::Post(i) => post_entry(site, i, &stamp, options),
        });
    }
    out.push_str("</feed>\n");
    out
}
