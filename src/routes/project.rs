//! `/projects/:slug`: a project with its picture, description and links, then its publications,
//! its people and the news about it.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::either::Either;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::link_buttons::link_buttons;
use crate::components::member_card::MemberCard;
use crate::components::news_entry::NewsEntry;
use crate::components::not_found_item::NotFoundItem;
use crate::components::picture::Picture;
use crate::components::publication_entry::PublicationEntry;
use crate::components::rich_text::RichText;
use crate::components::topic_chips::TopicChips;
use crate::paths;

#[component]
pub fn ProjectPage(slug: String) -> impl IntoView {
    let site = use_site();
    move || {
        let slug = slug.clone();
        let title = Page::Project(slug.clone()).title(&site);
        let Some(project) = site.project(&slug).cloned() else {
            return Either::Left(view! {
                <NotFoundItem title=title heading="Project not found" hint="It may have a new one."
                    slug=slug list_path="/projects" list_label="See all projects"/>
            });
        };
        let buttons = link_buttons(&project.links, "project-links");
        let image = project.image.clone().map(|src| {
            view! {
                <div class="project-image">
                    <Picture site=site.clone() src=src width=480 height=300 sizes="(max-width: 35rem) 100vw, 480px" lazy=false/>
                </div>
            }
        });
        let pubs = site.project_publications(&project);
        let pubs_view = if pubs.is_empty() {
            Either::Right(view! { <p class="none">"No publications listed yet."</p> })
        } else {
            let entries = pubs
                .into_iter()
                .map(|i| view! { <PublicationEntry index=i site=site.clone()/> })
                .collect_view();
            Either::Left(view! { <ul class="entries">{entries}</ul> })
        };
        let people = site.project_members(&project);
        let people_view = if people.is_empty() {
            Either::Right(view! { <p class="none">"No people listed yet."</p> })
        } else {
            let cards = people
                .into_iter()
                .map(|m| view! { <MemberCard member=m.clone() site=site.clone()/> })
                .collect_view();
            Either::Left(view! { <ul class="member-grid">{cards}</ul> })
        };
        let news = site.project_news(&project);
        let news_view = if news.is_empty() {
            Either::Right(view! { <p class="none">"No news about it yet."</p> })
        } else {
            let here = format!("/projects/{}", project.slug);
            let entries = news
                .into_iter()
                .map(|i| view! { <NewsEntry index=i site=site.clone() here=here.clone()/> })
                .collect_view();
            Either::Left(view! { <ul class="entries">{entries}</ul> })
        };
        Either::Right(view! {
            <Title text=title/>
            <article class="project">
                <header class="project-head">
                    <div class="project-text">
                        <h1>{project.name.clone()}</h1>
                        <p class="project-description"><RichText text=project.description.clone() site=site.clone()/></p>
                        {buttons}
                        <TopicChips topics=project.topics.clone() site=site.clone() list_path="/publications"/>
                    </div>
                    {image}
                </header>
                <section aria-labelledby="project-pubs">
                    <h2 id="project-pubs">"Publications"</h2>
                    {pubs_view}
                </section>
                <section aria-labelledby="project-people">
                    <h2 id="project-people">"People"</h2>
                    {people_view}
                </section>
                <section aria-labelledby="project-news">
                    <h2 id="project-news">"News"</h2>
                    {news_view}
                </section>
                <p><a href=paths::href("/projects")>"← All projects"</a></p>
            </article>
        })
    }
}
