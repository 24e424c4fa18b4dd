//! `/publications`: every publication, newest first, under year headings; year, topic and
//! author facets, search.

use crate::components::title::Title;
use lab_model::date::year_of;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::bibtex::BibtexDownload;
use crate::components::facets::Facet;
use crate::components::filtered_list::{FilteredList, ListSpec};
use crate::components::publication_entry::PublicationEntry;

const SPEC: ListSpec = ListSpec {
    title: "Publications",
    list_path: "/publications",
    singular: "publication",
    plural: "publications",
    search_label: "Search publications",
    facets: &[
        (Facet::Year, "Year"),
        (Facet::Topic, "Topic"),
        (Facet::Author, "Lab author"),
    ],
    search: |site, f| site.search_publications(f),
    matches: |site, f| site.publication_matches(f),
    total: |site| site.data().publications.len(),
    year_of: |site, i| year_of(&site.publication(i).date),
    actions: Some(|site, results| {
        let file_name = format!(
            "{}-publications.bib",
            site.data().lab.short_name.to_lowercase()
        );
        let publications = Signal::derive(move || {
            results.with(|r| {
                r.items
                    .iter()
                    .map(|&i| site.publication(i).clone())
                    .collect::<Vec<_>>()
            })
        });
        view! { <BibtexDownload publications=publications file_name=file_name/> }.into_any()
    }),
};

#[component]
pub fn Publications() -> impl IntoView {
    let site = use_site();
    let title = Page::Publications.title(&site);
    view! {
        <Title text=title/>
        <FilteredList spec=SPEC site=site entry=|i, site| view! { <PublicationEntry index=i site=site/> }/>
    }
}
