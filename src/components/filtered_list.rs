//! A list page whose state is the URL: search box, facets with counts, results grouped by year,
//! a clear-filters control and an empty state; long results are split into pages (`page=N`), so
//! the DOM holds one page however large the data. News and Publications are both this view.

use lab_model::engine::{group_by_year, Results};
use lab_model::paging::{first_frame, page_href, page_param, Paging, PER_PAGE, SCREENFUL};
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

    // `with`, not `get`: a Results holds every matching item (100k at the largest size), and only
    // its facet values or counts are wanted here.
    let facets = move || {
        let f = filter.get();
        spec.facets
            .iter()
            .map(|&(facet, title)| {
                let values = results.with(|r| match facet {
                    Facet::Year => r.years.clone(),
                    Facet::Topic => r.topics.clone(),
                    Facet::Author => r.authors.clone(),
                });
                view! { <FacetList title=title facet=facet values=values filter=f.clone() list_path=spec.list_path/> }
            })
            .collect_view()
    };

    let clear = {
        let clear_href = clear_href.clone();
        move || {
            results.with(|r| !r.applied.is_empty()).then(|| {
                view! { <a class="clear-filters button secondary" href=clear_href.clone()>"Clear filters"</a> }
            })
        }
    };

    let count = move || {
        let (n, unfiltered) = results.with(|r| (r.items.len(), r.applied.is_empty()));
        let noun = if n == 1 { spec.singular } else { spec.plural };
        if unfiltered {
            format!("{n} {noun}")
        } else {
            format!("{n} of {total} {}", spec.plural)
        }
    };

    let paging = move || Paging::new(results.with(|r| r.items.len()), page.get(), PER_PAGE);

    // The page's entries grouped by year. Keyed lists keep the DOM of groups and entries that stay
    // on screen, so typing a search or choosing a facet only adds and removes what changed. A
    // change that brings a page of new entries while the top of the list is on screen builds the
    // first screenful in the frame after it, and the rest once that frame is painted
    // (`first_frame`). The first render (a static page, or the one hydration finds) is whole.
    let fill = RwSignal::new(0u64);
    let fills_seen = StoredValue::new(0u64);
    let viewport = track_viewport();
    let groups = {
        let site = site.clone();
        Memo::new(move |before: Option<&Vec<(Option<i32>, Vec<usize>)>>| {
            let p = paging();
            let fills = fill.get();
            let filling = fills != fills_seen.get_value();
            fills_seen.set_value(fills);
            results.with(|r| {
                let page = &r.items[p.start..p.end];
                let mut n = page.len();
                if let Some(before) =
                    before.filter(|_| !filling && screenful_fills_window(viewport.get_value()))
                {
                    let shown: Vec<usize> = before
                        .iter()
                        .flat_map(|(_, items)| items.iter().copied())
                        .collect();
                    n = first_frame(page, &shown, SCREENFUL);
                    if n < page.len() {
                        fill_after_paint(fill);
                    }
                }
                group_by_year(&page[..n], |i| (spec.year_of)(&site, i))
            })
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

/// Whether the first [`SCREENFUL`] entries cover the window, given its scroll position and height
/// in CSS pixels: a news or publication entry is at least about 90 px tall, and the list starts
/// below the page's heading. When they may not (scrolled down into the list, or a very tall
/// window), a change shows the page whole at once.
fn screenful_fills_window((scroll_y, height): (f64, f64)) -> bool {
    scroll_y + height <= SCREENFUL as f64 * 90.0
}

/// The window's scroll position and height, kept up to date by listeners while the list is on
/// screen (reading them from the DOM while the list is rebuilt would force a layout).
#[cfg(feature = "csr")]
fn track_viewport() -> StoredValue<(f64, f64)> {
    let read = || {
        let w = window();
        let height = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(f64::MAX);
        (w.scroll_y().unwrap_or(0.0), height)
    };
    let viewport = StoredValue::new(read());
    let scroll = window_event_listener(leptos::ev::scroll, move |_| viewport.set_value(read()));
    let resize = window_event_listener(leptos::ev::resize, move |_| viewport.set_value(read()));
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    viewport
}

#[cfg(not(feature = "csr"))]
fn track_viewport() -> StoredValue<(f64, f64)> {
    StoredValue::new((0.0, f64::MAX))
}

/// Bumps `fill` in a task after the next frame has been painted.
#[cfg(feature = "csr")]
fn fill_after_paint(fill: RwSignal<u64>) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                // The list may be gone by then (another page); nothing to fill.
                _ = fill.try_update(|n| *n += 1);
            },
            std::time::Duration::ZERO,
        );
    });
}

#[cfg(not(feature = "csr"))]
fn fill_after_paint(_: RwSignal<u64>) {}
