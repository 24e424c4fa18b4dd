//! A list page whose state is the URL: search box, facets with counts, results grouped by year,
//! a clear-filters control and an empty state; long results are split into pages (`page=N`), so
//! the DOM holds one page however large the data. News and Publications are both this view.

use lab_model::engine::{group_by_year, Results};
use lab_model::paging::{page_href, page_param, Paging, PER_PAGE};
use lab_model::query::Filter;
use lab_model::Site;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::facets::{Facet, FacetList};
use crate::components::search_box::SearchBox;
use crate::paths;

/// What distinguishes one filterable list from another.
#[derive(Clone, Copy)]
pub struct ListSpec {
    pub title: &'static str,
    pub list_path: &'static str,
    pub singular: &'static str,
    pub plural: &'static str,
    pub search_label: &'static str,
    pub facets: &'static [(Facet, &'static str)],
    pub search: fn(&Site, &Filter) -> Results,
    pub total: fn(&Site) -> usize,
    pub year_of: fn(&Site, usize) -> Option<i32>,
    pub entry: fn(usize, Site) -> AnyView,
    /// Extra controls over the results (the publications' BibTeX download).
    pub actions: Option<fn(Site, Memo<Results>) -> AnyView>,
}

/// The filter in the current URL.
pub fn use_url_filter() -> Memo<Filter> {
    let location = use_location();
    Memo::new(move |_| Filter::parse(&location.search.get()))
}

#[component]
pub fn FilteredList(spec: ListSpec, site: Site) -> impl IntoView {
    let filter = use_url_filter();
    let location = use_location();
    let page = Memo::new(move |_| page_param(&location.search.get()));
    let results = {
        let site = site.clone();
        Memo::new(move |_| (spec.search)(&site, &filter.get()))
    };
    let total = (spec.total)(&site);
    let site_for_actions = site.clone();
    let clear_href = paths::href(spec.list_path);

    let facets = move || {
        let r = results.get();
        let f = filter.get();
        spec.facets
            .iter()
            .map(|&(facet, title)| {
                let values = match facet {
                    Facet::Year => r.years.clone(),
                    Facet::Topic => r.topics.clone(),
                    Facet::Author => r.authors.clone(),
                };
                view! { <FacetList title=title facet=facet values=values filter=f.clone() list_path=spec.list_path/> }
            })
            .collect_view()
    };

    let clear = {
        let clear_href = clear_href.clone();
        move || {
            (!results.get().applied.is_empty()).then(|| {
                view! { <a class="clear-filters button secondary" href=clear_href.clone()>"Clear filters"</a> }
            })
        }
    };

    let count = move || {
        let n = results.get().items.len();
        let noun = if n == 1 { spec.singular } else { spec.plural };
        if results.get().applied.is_empty() {
            format!("{n} {noun}")
        } else {
            format!("{n} of {total} {}", spec.plural)
        }
    };

    let paging = move || Paging::new(results.with(|r| r.items.len()), page.get(), PER_PAGE);

    // The page's entries grouped by year. Keyed lists keep the DOM of groups and entries that stay
    // on screen, so typing a search or choosing a facet only adds and removes what changed.
    let groups = {
        let site = site.clone();
        Memo::new(move |_| {
            let p = paging();
            results.with(|r| group_by_year(&r.items[p.start..p.end], |i| (spec.year_of)(&site, i)))
        })
    };
    let empty = Memo::new(move |_| results.with(|r| r.items.is_empty()));
    let list = move || {
        if empty.get() {
            return view! {
                <div class="empty-state">
                    <p>{format!("No {} match these filters.", spec.plural)}</p>
                    <a class="button" href=clear_href.clone()>"Clear filters"</a>
                </div>
            }
            .into_any();
        }
        let site = site.clone();
        view! {
            <For each=move || groups.get() key=|(year, _)| *year children=move |(year, _)| {
                let items = Memo::new(move |_| {
                    groups.with(|g| g.iter().find(|(y, _)| *y == year).map(|(_, items)| items.clone()).unwrap_or_default())
                });
                let heading = year.map_or_else(|| "Undated".to_string(), |y| y.to_string());
                let site = site.clone();
                view! {
                    <section class="year-group">
                        <h2 class="year-heading">{heading}</h2>
                        <ul class="entries">
                            <For each=move || items.get() key=|i| *i children=move |i| (spec.entry)(i, site.clone())/>
                        </ul>
                    </section>
                }
            }/>
        }
        .into_any()
    };

    let pager = move || {
        let p = paging();
        (p.pages > 1).then(|| {
            let base = filter.get().href(spec.list_path);
            let link = move |n: usize, label: &'static str, rel: &'static str| {
                view! { <a class="button secondary" href=paths::href(&page_href(&base, n)) rel=rel>{label}</a> }
            };
            view! {
                <nav class="pager" aria-label="Pages">
                    {(p.page > 1).then(|| link.clone()(p.page - 1, "← Newer", "prev"))}
                    <span class="pager-status">{format!("Page {} of {}", p.page, p.pages)}</span>
                    {(p.page < p.pages).then(|| link(p.page + 1, "Older →", "next"))}
                </nav>
            }
        })
    };

    view! {
        <div class="list-page">
            <div class="list-head">
                <h1>{spec.title}</h1>
                <SearchBox filter=filter list_path=spec.list_path label=spec.search_label/>
            </div>
            <div class="with-facets">
                <aside class="facets" aria-label="Filters">
                    {facets}
                    {clear}
                </aside>
                <div class="results">
                    <div class="results-head">
                        <p class="result-count" role="status" aria-live="polite">{count}</p>
                        {spec.actions.map(|actions| actions(site_for_actions, results))}
                    </div>
                    {list}
                    {pager}
                </div>
            </div>
        </div>
    }
}
