//! Topic labels of an item, each a link to the list filtered by that topic.

use lab_model::query::Filter;
use lab_model::Site;
use leptos::prelude::*;

use crate::paths;

#[component]
pub fn TopicChips(topics: Vec<String>, site: Site, list_path: &'static str) -> impl IntoView {
    let chips = topics
        .into_iter()
        .filter(|t| site.data().topics.iter().any(|k| &k.slug == t))
        .map(|t| {
            let href = paths::href(&Filter::default().toggle_topic(&t).href(list_path));
            let label = site.topic_label(&t).to_string();
            view! { <li><a class="chip" href=href>{label}</a></li> }
        })
        .collect_view();
    view! { <ul class="chips" aria-label="Topics">{chips}</ul> }
}
