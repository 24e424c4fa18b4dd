//! The page for an address under a list that names no item (a member or a project that is not,
//! or no longer, in the data): what was asked for, the way back to the list, the items the
//! address most likely meant, and a search of the site.

use leptos::prelude::*;

use crate::components::find_instead::FindInstead;
use crate::components::title::Title;
use crate::paths;

#[component]
pub fn NotFoundItem(
    /// The document title.
    title: String,
    /// "Member not found", "Project not found".
    heading: &'static str,
    /// The sentence after the address, e.g. "They may have a new one."
    hint: &'static str,
    /// What was asked for.
    slug: String,
    /// The list to go back to (a site path) and its link's text.
    list_path: &'static str,
    list_label: &'static str,
) -> impl IntoView {
    let what = heading.split(' ').next().unwrap_or("item").to_lowercase();
    view! {
        <Title text=title/>
        <section class="not-found">
            <h1>{heading}</h1>
            <p>"No "{what}" of the lab has the address “"{slug}"”. "{hint}</p>
            <p><a class="button" href=paths::href(list_path)>{list_label}</a></p>
            <FindInstead/>
        </section>
    }
}
