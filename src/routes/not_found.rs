//! Any unknown path: says so and offers the pages it most likely meant, a search of the site,
//! and the main pages.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::find_instead::FindInstead;

use crate::paths;

#[component]
pub fn NotFound() -> impl IntoView {
    let site = use_site();
    let title = Page::NotFound.title(&site);
    let projects = (!site.projects().is_empty())
        .then(|| view! { <li><a href=paths::href("/projects")>"Projects"</a></li> });
    let posts = (!site.posts().is_empty())
        .then(|| view! { <li><a href=paths::href("/posts")>"Posts"</a></li> });
    view! {
        <Title text=title/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved when the site was rebuilt."</p>
            <FindInstead/>
            <ul class="onward-links">
                <li><a href=paths::href("/")>"Home"</a></li>
                <li><a href=paths::href("/news")>"News"</a></li>
                <li><a href=paths::href("/people")>"People"</a></li>
                <li><a href=paths::href("/publications")>"Publications"</a></li>
                {projects}
                {posts}
            </ul>
        </section>
    }
}
