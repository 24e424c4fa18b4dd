//! `/posts`: every post, newest first, under year headings; year and topic facets, search.

use crate::components::title::Title;
use lab_model::date::year_of;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::facets::Facet;
use crate::components::filtered_list::{FilteredList, ListSpec};
use crate::components::post_entry::PostEntry;

const SPEC: ListSpec = ListSpec {
    title: "Posts",
    list_path: "/posts",
    singular: "post",
    plural: "posts",
    search_label: "Search posts",
    facets: &[(Facet::Year, "Year"), (Facet::Topic, "Topic")],
    search: |site, f| site.search_posts(f),
    matches: |site, f| site.post_matches(f),
    total: |site| site.posts().len(),
    year_of: |site, i| year_of(&site.post_at(i).date),
    actions: None,
};

#[component]
pub fn PostsPage() -> impl IntoView {
    let site = use_site();
    let title = Page::Posts.title(&site);
    view! {
        <Title text=title/>
        <FilteredList spec=SPEC site=site entry=|i, site| view! { <PostEntry index=i site=site/> }/>
    }
}
