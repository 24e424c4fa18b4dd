//! A post in a list: its picture, title linking to it, date, authors, reading time, summary and
//! topics. The posts list, the home page and profiles show posts this way.

use lab_model::date::Date;
use lab_model::posts::Post;
use lab_model::Site;
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::picture::Picture;
use crate::components::topic_chips::TopicChips;
use crate::paths;

/// The post's date as shown (`Apr 28, 2021`), or as written when it is not a date.
pub fn shown_date(post: &Post) -> String {
    Date::parse(&post.date).map_or_else(|| post.date.clone(), |d| d.display())
}

/// "Ann Lee and Bo Chen": each author linked to their profile; a slug that names no member is
/// shown as written.
pub fn byline(site: &Site, post: &Post) -> impl IntoView {
    let n = post.authors.len();
    post.authors
        .iter()
        .enumerate()
        .map(|(i, slug)| {
            let sep = match (i + 1, n) {
                (k, n) if k == n => "",
                (k, n) if k + 1 == n && n == 2 => " and ",
                (k, n) if k + 1 == n => ", and ",
                _ => ", ",
            };
            let name = site.member(slug).map(|m| m.name.clone());
            let who = match name {
                Some(name) => Either::Left(view! { <a href=paths::member(slug)>{name}</a> }),
                None => Either::Right(view! { <span>{slug.clone()}</span> }),
            };
            view! { {who}{sep} }
        })
        .collect_view()
}

#[component]
pub fn PostEntry(index: usize, site: Site) -> impl IntoView {
    let post = site.post_at(index).clone();
    let href = paths::post(&post.slug);
    let thumb = post.image.clone().map(|src| {
        view! {
            <div class="post-thumb">
                <Picture site=site.clone() src=src width=160 height=100 sizes="160px"/>
            </div>
        }
    });
    let data_year = lab_model::date::year_of(&post.date).map(|y| y.to_string());
    let data_topics = site.kinds_and_topics(&post.topics).1.join(" ");
    view! {
        <li class="post-entry" id=format!("post-{}", post.slug) tabindex="-1"
            data-year=data_year data-topics=data_topics>
            {thumb}
            <div class="post-entry-text">
                <h3 class="post-entry-title"><a href=href>{post.title.clone()}</a></h3>
                <p class="post-meta">
                    <time datetime=post.date.clone()>{shown_date(&post)}</time>
                    " · "{byline(&site, &post)}" · "{post.minutes}" min read"
                </p>
                <p class="post-description">{post.description.clone()}</p>
                <TopicChips topics=post.topics.clone() site=site list_path="/posts"/>
            </div>
        </li>
    }
}
