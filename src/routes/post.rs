//! `/posts/:slug`: one post, its byline linking to its authors' profiles, the body the build
//! rendered (figures, math as MathML), then the posts before and after it.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::either::Either;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::not_found_item::NotFoundItem;
use crate::components::post_entry::{byline, shown_date};
use crate::components::topic_chips::TopicChips;
use crate::paths;

#[component]
pub fn PostPage(slug: String) -> impl IntoView {
    let site = use_site();
    move || {
        let slug = slug.clone();
        let title = Page::Post(slug.clone()).title(&site);
        let Some(post) = site.post(&slug).cloned() else {
            return Either::Left(view! {
                <NotFoundItem title=title heading="Post not found" hint="It may have moved."
                    slug=slug list_path="/posts" list_label="See all posts"/>
            });
        };
        let (older, newer) = site.post_neighbours(&slug);
        let link = |p: Option<&lab_model::posts::Post>, rel: &'static str, label: &'static str| {
            p.map(|p| {
                view! {
                    <a class=format!("post-nav-{rel}") rel=rel href=paths::post(&p.slug)>
                        <span class="post-nav-label">{label}</span>
                        <span class="post-nav-title">{p.title.clone()}</span>
                    </a>
                }
            })
        };
        let nav = (older.is_some() || newer.is_some()).then(|| {
            view! {
                <nav class="post-nav" aria-label="More posts">
                    {link(older, "prev", "Older post")}
                    {link(newer, "next", "Newer post")}
                </nav>
            }
        });
        Either::Right(view! {
            <Title text=title/>
            <article class="post">
                <header class="post-head">
                    <p class="post-kicker"><a href=paths::href("/posts")>"Posts"</a></p>
                    <h1>{post.title.clone()}</h1>
                    <p class="post-meta">
                        <time datetime=post.date.clone()>{shown_date(&post)}</time>
                        " · by "{byline(&site, &post)}" · "{post.minutes}" min read"
                    </p>
                    <TopicChips topics=post.topics.clone() site=site.clone() list_path="/posts"/>
                </header>
                // Made at build time from markdown in which raw HTML is text and only safe links
                // are links (crates/posts); the app inserts it as it is.
                <div class="post-body" inner_html=post.html.clone()></div>
                {nav}
                <p><a href=paths::href("/posts")>"← All posts"</a></p>
            </article>
        })
    }
}
