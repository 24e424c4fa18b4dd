//! One news item: date, text, members it mentions that the text does not link, topics.

use lab_model::date::Date;
use lab_model::markdown::{hrefs, parse};
use lab_model::Site;
use leptos::prelude::*;

use crate::components::rich_text;
use crate::components::topic_chips::TopicChips;
use crate::paths;

#[component]
pub fn NewsEntry(index: usize, site: Site) -> impl IntoView {
    let item = site.news(index).clone();
    let date = Date::parse(&item.date).map_or_else(|| item.date.clone(), |d| d.display());
    let nodes = parse(&item.text);
    let linked: Vec<String> = hrefs(&nodes)
        .iter()
        .filter_map(|h| h.member_slug().map(str::to_string))
        .collect();
    let unlinked: Vec<(String, String)> = site
        .news_members(index)
        .into_iter()
        .filter(|m| !linked.contains(&m.slug))
        .map(|m| (m.slug.clone(), m.name.clone()))
        .collect();
    let mentions = (!unlinked.is_empty()).then(|| {
        view! {
            <p class="mentions">"With "
                {unlinked.into_iter().map(|(slug, name)| view! { <a href=paths::member(&slug)>{name}</a>" " }).collect_view()}
            </p>
        }
    });
    view! {
        <li class="news-entry" id=format!("news-{}", item.id)>
            <time datetime=item.date.clone()>{date}</time>
            <p class="news-text">{rich_text::render(nodes, &site)}</p>
            {mentions}
            <TopicChips topics=item.topics.clone() site=site list_path="/news"/>
        </li>
    }
}
