//! `/`: the lab, its latest news and selected publications, and the ways onward.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::news_entry::NewsEntry;
use crate::components::picture::Picture;
use crate::components::project_card::ProjectCard;
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
    let featured = site.featured_projects();
    let projects = (!featured.is_empty()).then(|| {
        let cards = featured
            .into_iter()
            .map(|p| view! { <ProjectCard project=p.clone() site=site.clone()/> })
            .collect_view();
        view! {
            <section class="home-projects" aria-labelledby="featured-projects">
                <h2 id="featured-projects">"Projects"</h2>
                <ul class="project-grid">{cards}</ul>
                <a class="more" href=paths::href("/projects")>"All projects"</a>
            </section>
        }
    });
    let title = Page::Home.title(&site);
    let logo = lab.logo.clone().map(|src| {
        view! { <Picture site=site.clone() src=src width=72 height=72 class="hero-logo" lazy=false/> }
    });
    // Beside the text on a wide screen, below it on a phone: never the largest thing painted
    // first, so it may load lazily.
    let photo = lab.header_image.clone().map(|src| {
        view! {
            <div class="hero-photo">
                <Picture site=site.clone() src=src width=480 height=270 sizes="(max-width: 60rem) 100vw, 416px"/>
            </div>
        }
    });
    view! {
        <Title text=title/>
        <section class="hero">
            <div class="hero-text">
            <div class="hero-title">
                {logo}
                <h1>{lab.name.clone()}" ("{lab.short_name.clone()}")"</h1>
            </div>
            <p class="institution">{lab.institution.clone()}</p>
            <p class="description"><RichText text=lab.description.clone() site=site.clone()/></p>
            <p class="onward">
                <a class="button" href=paths::href("/publications")>"Our research"</a>
                <a class="button secondary" href=paths::href("/people")>"Meet the team"</a>
            </p>
            </div>
            {photo}
        </section>
        {projects}
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
