//! The Jekyll site's URLs, which links in the wild still use: each replaces itself with the
//! matching page (`/team` → People, `/research?search=x` → Publications with `q=x`,
//! `/blog` → Posts, a post's `/YYYY/MM/DD/<slug>.html` → the post), keeping the filters it can
//! read.

use lab_model::query::Filter;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

fn replace_with(path: &'static str) -> impl IntoView {
    let navigate = use_navigate();
    let search = use_location().search.get_untracked();
    let target = Filter::parse(&search).href(path);
    request_animation_frame(move || {
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
}

#[component]
pub fn Team() -> impl IntoView {
    replace_with("/people")
}

#[component]
pub fn Research() -> impl IntoView {
    replace_with("/publications")
}

#[component]
pub fn Blog() -> impl IntoView {
    replace_with("/posts")
}

/// A Jekyll post address: the post with that slug and date, or Not Found.
#[component]
pub fn JekyllPost() -> impl IntoView {
    let site = crate::app::use_site();
    let path = use_location().pathname.get_untracked();
    let below_base = path.strip_prefix(crate::paths::base()).unwrap_or(&path);
    let found = lab_model::posts::parse_jekyll_path(below_base)
        .filter(|(date, slug)| site.post(slug).is_some_and(|p| &p.date == date));
    match found {
        Some((_, slug)) => {
            let navigate = use_navigate();
            let target = format!("/posts/{slug}/");
            request_animation_frame(move || {
                navigate(
                    &target,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            });
            Either::Left(())
        }
        None => Either::Right(view! { <crate::routes::not_found::NotFound/> }),
    }
}
