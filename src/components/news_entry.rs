//! One news item: date, text, members it mentions that the text does not link, kind and topic
//! chips, and a link to the item itself (its anchor on News). Its `<li>` carries its year, kinds
//! and topics as data attributes, for the script that filters the pre-rendered list before the
//! app runs.

use lab_model::date::{year_of, Date};
use lab_model::markdown::{hrefs, parse};
use lab_model::Site;
use leptos::prelude::*;

use crate::components::rich_text;
use crate::components::topic_chips::TopicChips;
use crate::paths;

#[component]
pub fn NewsEntry(
    index: usize,
    site: Site,
    /// The site path of the page showing the item (`/members/<slug>`): links to it are shown as
    /// plain text, as a page does not link to itself.
    #[prop(optional, into)]
    here: Option<String>,
) -> impl IntoView {
    let item = site.news(index).clone();
    let here = here.unwrap_or_default();
    let date = Date::parse(&item.date).map_or_else(|| item.date.clone(), |d| d.display());
    let nodes = parse(&item.text);
    let linked: Vec<String> = hrefs(&nodes)
        .iter()
        .filter_map(|h| h.member_slug().map(str::to_string))
        .collect();
    let unlinked: Vec<(String, String)> = site
        .news_members(index)
        .into_iter()
        .filter(|m| !linked.contains(&m.slug) && here != format!("/members/{}", m.slug))
        .map(|m| (m.slug.clone(), m.name.clone()))
        .collect();
    let mentions = (!unlinked.is_empty()).then(|| {
        view! {
            <p class="mentions">"With "
                {unlinked.into_iter().map(|(slug, name)| view! { <a href=paths::member(&slug)>{name}</a>" " }).collect_view()}
            </p>
        }
    });
    let (kinds, topics) = site.kinds_and_topics(&item.topics);
    let data_kinds = kinds.join(" ");
    let data_topics = topics.join(" ");
    let permalink = paths::href(&site.news_path(index));
    view! {
        <li class="news-entry" id=format!("news-{}", item.id) tabindex="-1"
            data-year=year_of(&item.date).map(|y| y.to_string()) data-kinds=data_kinds data-topics=data_topics>
            <time datetime=item.date.clone()>{date}</time>
            <p class="news-text">{rich_text::render_on(nodes, &site, &here)}</p>
            {mentions}
            <div class="entry-foot">
                <TopicChips topics=item.topics.clone() site=site list_path="/news"/>
                <a class="permalink" href=permalink aria-label="Link to this news item">"Link"</a>
            </div>
        </li>
    }
}
