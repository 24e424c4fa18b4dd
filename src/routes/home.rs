//! `/`: the lab, its featured projects, latest news and post, selected publications, and how to
//! join or reach it.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::news_entry::NewsEntry;
use crate::components::picture::Picture;
use crate::components::post_entry::PostEntry;
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
    let latest_post = (!site.posts().is_empty()).then(|| {
        view! {
            <section class="home-posts" aria-labelledby="latest-post">
                <h2 id="latest-post">"Latest post"</h2>
                <ul class="entries"><PostEntry index=0 site=site.clone()/></ul>
                <a class="more" href=paths::href("/posts")>"All posts"</a>
            </section>
        }
    });
    let join = join_block(&site);
    let join_link = join
        .is_some()
        .then(|| view! { <a class="button secondary" href="#join">"Join us"</a> });
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
                {join_link}
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
        {latest_post}
        {join}
    }
}

/// "Join us": the lab's own words on joining (`lab.join`), its open calls (the latest news tagged
/// `opportunity`) and its links. `None` when the data has none of these.
fn join_block(site: &lab_model::Site) -> Option<impl IntoView> {
    let lab = &site.data().lab;
    let text = lab.join.clone().filter(|t| !t.trim().is_empty());
    let calls = site.latest_news_about("opportunity", 2);
    let links = lab.links.followable();
    if text.is_none() && calls.is_empty() && links.is_empty() {
        return None;
    }
    let text =
        text.map(|t| view! { <p class="join-text"><RichText text=t site=site.clone()/></p> });
    let calls = (!calls.is_empty()).then(|| {
        let entries = calls
            .into_iter()
            .map(|i| view! { <NewsEntry index=i site=site.clone()/> })
            .collect_view();
        view! { <ul class="entries join-calls" aria-label="Open calls">{entries}</ul> }
    });
    let links = links
        .into_iter()
        .map(|(key, label, url)| view! {
            <li><a class=format!("link-{key}") href=url rel="noopener noreferrer external">{label}</a></li>
        })
        .collect_view();
    Some(view! {
        <section class="join" id="join" aria-labelledby="join-heading">
            <h2 id="join-heading">"Join us"</h2>
            {text}
            {calls}
            <ul class="profile-links join-links" aria-label="Contact">{links}</ul>
        </section>
    })
}
