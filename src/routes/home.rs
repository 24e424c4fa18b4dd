//! `/`: the lab, its latest news and selected publications, and the ways onward.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::news_entry::NewsEntry;
use crate::components::publication_entry::PublicationEntry;
use crate::components::rich_text::RichText;
use crate::paths;

#[component]
pub fn Home() -> impl IntoView {
    let site = use_site();
    let lab = site.data().lab.clone();
    let news = site
        .latest_news(5)
        .iter()
        .map(|&i| view! { <NewsEntry index=i site=site.clone()/> })
        .collect_view();
    let pubs = site
        .selected_publications(4)
        .into_iter()
        .map(|i| view! { <PublicationEntry index=i site=site.clone()/> })
        .collect_view();
    let title = Page::Home.title(&site);
    view! {
        <Title text=title/>
        <section class="hero">
            <h1>{lab.name.clone()}" ("{lab.short_name.clone()}")"</h1>
            <p class="institution">{lab.institution.clone()}</p>
            <p class="description"><RichText text=lab.description.clone() site=site.clone()/></p>
            <p class="onward">
                <a class="button" href=paths::href("/publications")>"Our research"</a>
                <a class="button secondary" href=paths::href("/people")>"Meet the team"</a>
            </p>
        </section>
        <section class="home-news" aria-labelledby="latest-news">
            <h2 id="latest-news">"Latest news"</h2>
            <ul class="entries">{news}</ul>
            <a class="more" href=paths::href("/news")>"All news"</a>
        </section>
        <section class="home-pubs" aria-labelledby="selected-pubs">
            <h2 id="selected-pubs">"Selected publications"</h2>
            <ul class="entries">{pubs}</ul>
            <a class="more" href=paths::href("/publications")>"All publications"</a>
        </section>
    }
}
