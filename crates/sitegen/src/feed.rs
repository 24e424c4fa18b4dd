//! The Atom 1.0 feed of the news, with absolute URLs from the configured site URL. Entry content
//! is the news text as the site renders it (same component, rendered to HTML).

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

/// The feed document.
pub fn atom_feed(site: &Site, options: &Options) -> String {
    let lab = &site.data().lab;
    let news_url = options.absolute("/news/");
    // Atom requires a timestamp on every entry: an item without a real date (which `labctl
    // check` reports) is left out of the feed. Newest first, so the first is the latest.
    let entries: Vec<(usize, String)> = site
        .news_newest_first()
        .iter()
        .filter_map(|&i| day_timestamp(&site.news(i).date).map(|stamp| (i, stamp)))
        .collect();
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
    for (i, stamp) in entries {
        let item = site.news(i);
        let url = format!("{news_url}#news-{}", item.id);
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
