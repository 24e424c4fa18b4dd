//! The Jekyll site's URLs, which links in the wild still use: each replaces itself with the
//! matching page (`/team` → People, `/research?search=x` → Publications with `q=x`,
//! `/blog` → News), keeping the filters it can read.

use lab_model::query::Filter;
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
    replace_with("/news")
}
