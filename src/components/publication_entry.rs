//! One publication: title linked to the paper, authors with lab members marked and linked,
//! venue and year, topics.

use lab_model::date::year_of;
use lab_model::markdown::Href;
use lab_model::Site;
use leptos::prelude::*;

use crate::components::bibtex::BibtexEntry;
use crate::components::topic_chips::TopicChips;
use crate::paths;

#[component]
pub fn PublicationEntry(index: usize, site: Site) -> impl IntoView {
    let p = site.publication(index).clone();
    let title = match p.url.as_deref().and_then(Href::classify) {
        Some(Href::External(url)) => view! {
            <a href=url rel="noopener noreferrer external">{p.title.clone()}</a>
        }
        .into_any(),
        _ => p.title.clone().into_any(),
    };
    let count = site.authors(index).len();
    let authors = site
        .authors(index)
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let sep = if i + 1 == count { "" } else { ", " };
            let name = match a.member {
                Some(m) => view! { <a class="author member" href=paths::member(&m.slug)>{a.name.to_string()}</a> }.into_any(),
                None => view! { <span class="author">{a.name.to_string()}</span> }.into_any(),
            };
            view! { {name}{sep} }
        })
        .collect_view();
    let year = year_of(&p.date).map(|y| y.to_string()).unwrap_or_default();
    view! {
        <li class="pub-entry" id=format!("pub-{}", p.id)>
            <h3 class="pub-title">{title}</h3>
            <p class="pub-authors">{authors}</p>
            <p class="pub-venue"><span class="venue">{p.venue.clone()}</span>" · "<span class="year">{year}</span></p>
            <TopicChips topics=p.topics.clone() site=site list_path="/publications"/>
            <BibtexEntry publication=p.clone()/>
        </li>
    }
}
