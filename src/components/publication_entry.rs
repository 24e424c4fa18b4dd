//! One publication: its thumbnail, title linked to the paper (its URL, else its DOI or arXiv
//! page), authors with lab members marked and linked, venue and year, topics, its buttons (code,
//! slides, video…), and a link to the entry itself (its anchor on Publications). Its `<li>`
//! carries its year, topics and lab authors as data attributes, for the script that filters the
//! pre-rendered list before the app runs.

use lab_model::date::year_of;
use lab_model::markdown::Href;
use lab_model::Site;
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::bibtex::BibtexEntry;
use crate::components::link_buttons::link_buttons;
use crate::components::picture::Picture;
use crate::components::topic_chips::TopicChips;
use crate::paths;

#[component]
pub fn PublicationEntry(index: usize, site: Site) -> impl IntoView {
    let p = site.publication(index).clone();
    let title = match p.link().as_deref().and_then(Href::classify) {
        Some(Href::External(url)) => Either::Left(view! {
            <a href=url rel="noopener noreferrer external">{p.title.clone()}</a>
        }),
        _ => Either::Right(p.title.clone()),
    };
    let count = site.authors(index).len();
    let authors = site
        .authors(index)
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let sep = if i + 1 == count { "" } else { ", " };
            let name = match a.member {
                Some(m) => Either::Left(view! { <a class="author member" href=paths::member(&m.slug)>{a.name.to_string()}</a> }),
                None => Either::Right(view! { <span class="author">{a.name.to_string()}</span> }),
            };
            view! { {name}{sep} }
        })
        .collect_view();
    let year = year_of(&p.date).map(|y| y.to_string()).unwrap_or_default();
    let data_year = year.clone();
    let (_, topics) = site.kinds_and_topics(&p.topics);
    let data_topics = topics.join(" ");
    let data_authors = site.author_slugs(index).join(" ");
    let permalink = paths::href(&site.publication_path(index));
    let buttons = link_buttons(&p.links, "");
    // The thumbnail's box is fixed (3:2) whatever the image's shape, so a list never shifts.
    let thumb = p.image.clone().map(|src| {
        view! {
            <div class="pub-thumb">
                <Picture site=site.clone() src=src width=144 height=96 sizes="(max-width: 35rem) 96px, 144px"/>
            </div>
        }
    });
    let class = if thumb.is_some() {
        "pub-entry has-thumb"
    } else {
        "pub-entry"
    };
    view! {
        <li class=class id=format!("pub-{}", p.id) tabindex="-1"
            data-year=data_year data-topics=data_topics data-authors=data_authors>
            {thumb}
            <h3 class="pub-title">{title}</h3>
            <p class="pub-authors">{authors}</p>
            <p class="pub-venue"><span class="venue">{p.venue.clone()}</span>" · "<span class="year">{year}</span>
                <a class="permalink" href=permalink aria-label="Link to this publication">"Link"</a></p>
            {buttons}
            <TopicChips topics=p.topics.clone() site=site list_path="/publications"/>
            <BibtexEntry publication=p.clone()/>
        </li>
    }
}
