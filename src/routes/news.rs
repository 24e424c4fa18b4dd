//! `/news`: every news item, newest first, under year headings; year, kind and topic facets,
//! search.

use crate::components::title::Title;
use lab_model::date::year_of;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::facets::Facet;
use crate::components::filtered_list::{FilteredList, ListSpec};
use crate::components::news_entry::NewsEntry;

const SPEC: ListSpec = ListSpec {
    title: "News",
    list_path: "/news",
    singular: "news item",
    plural: "news items",
    search_label: "Search news",
    facets: &[
        (Facet::Year, "Year"),
        (Facet::Kind, "Kind"),
        (Facet::Topic, "Topic"),
    ],
    search: |site, f| site.search_news(f),
    matches: |site, f| site.news_matches(f),
    total: |site| site.data().news.len(),
    year_of: |site, i| year_of(&site.news(i).date),
    actions: None,
};

#[component]
pub fn NewsPage() -> impl IntoView {
    let site = use_site();
    let title = Page::News.title(&site);
    view! {
        <Title text=title/>
        <FilteredList spec=SPEC site=site entry=|i, site| view! { <NewsEntry index=i site=site/> }/>
    }
}
