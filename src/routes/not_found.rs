//! Any unknown path: says so and offers the main pages.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::paths;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found · SAIL"/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved when the site was rebuilt."</p>
            <ul class="onward-links">
                <li><a href=paths::href("/")>"Home"</a></li>
                <li><a href=paths::href("/news")>"News"</a></li>
                <li><a href=paths::href("/people")>"People"</a></li>
                <li><a href=paths::href("/publications")>"Publications"</a></li>
            </ul>
        </section>
    }
}
