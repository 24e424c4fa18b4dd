//! The kinds and topics of an item, each a link to the list filtered by it: on News a kind
//! (paper, award…) leads to `?kind=`, a topic to `?topic=`; on lists without a Kind filter
//! (publications, posts) a kind is not shown, as it would lead nowhere.

use lab_model::query::Filter;
use lab_model::Site;
use leptos::prelude::*;

use crate::paths;

#[component]
pub fn TopicChips(topics: Vec<String>, site: Site, list_path: &'static str) -> impl IntoView {
    let with_kinds = list_path == "/news";
    let (kinds, topics) = site.kinds_and_topics(&topics);
    let kinds = kinds.into_iter().filter(|_| with_kinds).map(|k| {
        let href = paths::href(&Filter::kind(k).href(list_path));
        let label = site.topic_label(k).to_string();
        view! { <li><a class="chip kind" href=href>{label}</a></li> }
    });
    let topics = topics.into_iter().map(|t| {
        let href = paths::href(&Filter::topic(t).href(list_path));
        let label = site.topic_label(t).to_string();
        view! { <li><a class="chip" href=href>{label}</a></li> }
    });
    let chips = kinds.chain(topics).collect_view();
    view! { <ul class="chips" aria-label="Kind and topics">{chips}</ul> }
}
