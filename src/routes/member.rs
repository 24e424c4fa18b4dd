//! `/members/:slug`: a member's profile. Photo, role, links and bio first; then, in a side
//! column on a wide screen (before the papers on a phone), the news that mention them (honours
//! among it), their projects and posts; a few selected papers, then all their papers by year.

use crate::components::title::Title;
use lab_model::date::year_of;
use lab_model::engine::group_by_year;
use lab_model::pages::Page;
use leptos::either::Either;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::avatar::Avatar;
use crate::components::news_entry::NewsEntry;
use crate::components::not_found_item::NotFoundItem;
use crate::components::post_entry::PostEntry;
use crate::components::project_card::ProjectCard;
use crate::components::publication_entry::PublicationEntry;
use crate::components::rich_text::RichText;
use crate::paths;

#[component]
pub fn MemberPage(slug: String) -> impl IntoView {
    let site = use_site();
    move || {
        let slug = slug.clone();
        let title = Page::Member(slug.clone()).title(&site);
        let Some(member) = site.member(&slug).cloned() else {
            return Either::Left(view! {
                <NotFoundItem title=title heading="Member not found" hint="They may have a new one."
                    slug=slug list_path="/people" list_label="See everyone in People"/>
            });
        };
        let links = member
            .links
            .followable()
            .into_iter()
            .map(|(key, label, url)| view! {
                <li><a class=format!("link-{key}") href=url rel="noopener noreferrer external">{label}</a></li>
            })
            .collect_view();
        let pubs = site.publications_of(&member.slug);
        let news = site.news_of(&member.slug);
        let selected = site.selected_publications_of(&member.slug, 3);
        let selected_view = (!selected.is_empty()).then(|| {
            let entries = selected
                .into_iter()
                .map(|i| view! { <PublicationEntry index=i site=site.clone()/> })
                .collect_view();
            view! {
                <section aria-labelledby="member-selected">
                    <h2 id="member-selected">"Selected publications"</h2>
                    <ul class="entries">{entries}</ul>
                </section>
            }
        });
        let pubs_view = if pubs.is_empty() {
            Either::Right(view! { <p class="none">"No publications listed yet."</p> })
        } else {
            let groups = group_by_year(&pubs, |i| year_of(&site.publication(i).date))
                .into_iter()
                .map(|(year, list)| {
                    let heading = year.map_or_else(|| "Undated".to_string(), |y| y.to_string());
                    let entries = list
                        .into_iter()
                        .map(|i| view! { <PublicationEntry index=i site=site.clone()/> })
                        .collect_view();
                    view! {
                        <h3 class="year-heading">{heading}</h3>
                        <ul class="entries">{entries}</ul>
                    }
                })
                .collect_view();
            Either::Left(view! { <div class="by-year">{groups}</div> })
        };
        let posts = site.posts_of(&member.slug);
        let posts_view = (!posts.is_empty()).then(|| {
            let entries = posts
                .into_iter()
                .map(|i| view! { <PostEntry index=i site=site.clone()/> })
                .collect_view();
            view! {
                <section aria-labelledby="member-posts">
                    <h2 id="member-posts">"Posts"</h2>
                    <ul class="entries">{entries}</ul>
                </section>
            }
        });
        let news_view = if news.is_empty() {
            Either::Right(view! { <p class="none">"No news mentions them yet."</p> })
        } else {
            // The profile's own name in its news is not a link back to it.
            let here = format!("/members/{}", member.slug);
            let entries = news
                .into_iter()
                .map(|i| view! { <NewsEntry index=i site=site.clone() here=here.clone()/> })
                .collect_view();
            Either::Left(view! { <ul class="entries">{entries}</ul> })
        };
        let projects = site.projects_of(&member.slug);
        let projects_view = (!projects.is_empty()).then(|| {
            let cards = projects
                .into_iter()
                .map(|p| view! { <ProjectCard project=p.clone() site=site.clone() compact=true/> })
                .collect_view();
            view! {
                <section aria-labelledby="member-projects">
                    <h2 id="member-projects">"Projects"</h2>
                    <ul class="project-grid">{cards}</ul>
                </section>
            }
        });
        let role = if member.alumni {
            match member
                .years
                .as_deref()
                .map(str::trim)
                .filter(|y| !y.is_empty())
            {
                Some(years) => format!("{} · Alumni · {years}", member.role.label()),
                None => format!("{} · Alumni", member.role.label()),
            }
        } else {
            member.role.label().to_string()
        };
        let bio = member
            .bio
            .clone()
            .map(|b| view! { <p class="bio"><RichText text=b site=site.clone()/></p> });
        let now =
            member.alumni.then(|| member.now.clone()).flatten().map(
                |now| view! { <p class="member-now"><RichText text=now site=site.clone()/></p> },
            );
        Either::Right(view! {
            <Title text=title/>
            <article class="profile">
                <header class="profile-head">
                    <Avatar site=site.clone() name=member.name.clone() photo=member.photo.clone() size=128/>
                    <div>
                        <h1>{member.name.clone()}</h1>
                        <p class="member-role">{role}</p>
                        {now}
                        <ul class="profile-links">{links}</ul>
                    </div>
                </header>
                <div class="profile-body">
                    <div class="profile-bio">{bio}</div>
                    <div class="profile-side">
                        <section aria-labelledby="member-news">
                            <h2 id="member-news">"News"</h2>
                            {news_view}
                        </section>
                        {projects_view}
                        {posts_view}
                    </div>
                    <div class="profile-papers">
                        {selected_view}
                        <section aria-labelledby="member-pubs">
                            <h2 id="member-pubs">"Publications"</h2>
                            {pubs_view}
                        </section>
                    </div>
                </div>
                <p><a href=paths::href("/people")>"← All people"</a></p>
            </article>
        })
    }
}
