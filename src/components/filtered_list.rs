//! A list page whose state is the URL: search box, facets with counts, results grouped by year,
//! a clear-filters control and an empty state; long results are split into pages (`page=N`), so
//! the DOM holds one page however large the data. News, Publications and Posts are this view.
//!
//! On a wide screen the facets stand beside the results; on a phone they wait in a panel that a
//! "Filters" button (with the number of values chosen) opens above the results. An address with
//! an item's anchor (`/news#news-<id>`, from site search, the feed or the item's own link) lands
//! on that item: scrolled to, marked, focused.

use lab_model::engine::{group_by_year, FacetValue, Results};
use lab_model::paging::{
    first_frame, page_href, page_param, screenful, ListGeometry, Paging, PER_PAGE,
};
use lab_model::query::Filter;
use lab_model::Site;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::facets::{Facet, FacetList};
use crate::components::search_box::{typed_over, SearchBox, Typed};
use crate::frame::after_paint;
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
    /// The results with the facets' counts, and the same results without them (for the first
    /// frame after a change).
    pub search: fn(&Site, &Filter) -> Results,
    pub matches: fn(&Site, &Filter) -> Results,
    pub total: fn(&Site) -> usize,
    pub year_of: fn(&Site, usize) -> Option<i32>,
    /// Extra controls over the results (the publications' BibTeX download).
    pub actions: Option<fn(Site, Memo<Results>) -> AnyView>,
}

/// `entry` renders one entry by index. It is a type parameter rather than a field of `spec`
/// returning an AnyView, which would compile in async hydration this app never runs.
#[component]
pub fn FilteredList<E, V>(spec: ListSpec, site: Site, entry: E) -> impl IntoView
where
    E: Fn(usize, Site) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // The filter in the URL, with the text typed in the search box while it is not there yet;
    // typing starts again at page 1.
    let location = use_location();
    let typed: Typed = RwSignal::new(None);
    let filter = Memo::new(move |_| {
        let search = location.search.get();
        let f = Filter::parse(&search);
        match typed_over(typed, &search) {
            Some(q) => f.with_q(&q),
            None => f,
        }
    });
    let page = Memo::new(move |_| {
        let search = location.search.get();
        match typed_over(typed, &search) {
            Some(_) => 1,
            None => page_param(&search),
        }
    });
    let results = {
        let site = site.clone();
        Memo::new(move |_| (spec.matches)(&site, &filter.get()))
    };
    let total = (spec.total)(&site);
    let site_for_actions = site.clone();
    let clear_href = paths::href(spec.list_path);

    // A change of results while the list is on screen is shown in two steps: the frame that
    // follows it has the count and the entries that can be in the window; once that frame is
    // painted, a task brings the rest of the page and the facets' counts. The first render (a
    // static page, or the one hydration finds) is whole. `settle` counts those tasks.
    let settle = RwSignal::new(0u64);
    let settles_seen = StoredValue::new(0u64);
    let window = track_window();
    let results_el = NodeRef::<leptos::html::Div>::new();
    measure_after_paint(window, results_el, None);
    let split = Memo::new(move |before: Option<&bool>| {
        results.track();
        let settles = settle.get();
        let settling = settles != settles_seen.get_value();
        settles_seen.set_value(settles);
        let split = before.is_some() && !settling;
        if split {
            measure_after_paint(window, results_el, Some(settle));
        }
        split
    });

    // The facets' values for the filter, as of the last settled change: counting them is left to
    // the second step.
    let facet_values = {
        let site = site.clone();
        Memo::new(move |before: Option<&(Filter, Vec<Vec<FacetValue>>)>| {
            results.track();
            let f = filter.get();
            match before {
                Some(before) if split.get() => before.clone(),
                _ => {
                    let mut r = (spec.search)(&site, &f);
                    // The facets' links start from the filter applied: values that match nothing
                    // known are left out of them, and an old `topic=<kind>` is the kind.
                    let f = std::mem::take(&mut r.applied);
                    let values = spec
                        .facets
                        .iter()
                        .map(|&(facet, _)| match facet {
                            Facet::Year => std::mem::take(&mut r.years),
                            Facet::Kind => std::mem::take(&mut r.kinds),
                            Facet::Topic => std::mem::take(&mut r.topics),
                            Facet::Author => std::mem::take(&mut r.authors),
                        })
                        .collect();
                    (f, values)
                }
            }
        })
    };
    // A long facet's "Show all", kept while its values change.
    let expanded: Vec<RwSignal<bool>> = spec.facets.iter().map(|_| RwSignal::new(false)).collect();
    // A facet with no values to choose is left out, heading and all.
    let facets = move || {
        facet_values.with(|(f, values)| {
            spec.facets
                .iter()
                .zip(values)
                .zip(&expanded)
                .filter(|((_, values), _)| !values.is_empty())
                .map(|((&(facet, title), values), &expanded)| {
                    view! { <FacetList title=title facet=facet values=values.clone() filter=f.clone() list_path=spec.list_path expanded=expanded/> }
                })
                .collect_view()
        })
    };

    // The phone's facet panel, and the number of values chosen that its button shows.
    let panel_open = RwSignal::new(false);
    let chosen = Memo::new(move |_| results.with(|r| r.applied.facet_values()));
    let toggle_el = NodeRef::<leptos::html::Button>::new();
    let close_panel = move || {
        panel_open.set(false);
        if let Some(button) = toggle_el.get_untracked() {
            _ = button.focus();
        }
    };
    let shown_count = move || {
        let n = results.with(|r| r.items.len());
        format!(
            "Show {n} {}",
            if n == 1 { spec.singular } else { spec.plural }
        )
    };
    let toggle = view! {
        <button type="button" class="facets-toggle" id="facets-toggle" node_ref=toggle_el aria-controls="facets"
            aria-expanded=move || panel_open.get().to_string()
            on:click=move |_| panel_open.update(|o| *o = !*o)>
            "Filters"
            {move || {
                let n = chosen.get();
                (n > 0).then(|| view! {
                    <span class="facets-chosen">{n}<span class="visually-hidden">" chosen"</span></span>
                })
            }}
        </button>
    };
    let on_panel_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && panel_open.get_untracked() {
            ev.prevent_default();
            close_panel();
        }
    };
    land_on_anchor(location);

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
    // on screen, so typing a search or choosing a facet only adds and removes what changed. In the
    // first step of a change, only the entries that can be in the window are built, and those
    // after them that were already there (`first_frame`).
    let groups = {
        let site = site.clone();
        Memo::new(move |before: Option<&Vec<(Option<i32>, Vec<usize>)>>| {
            let p = paging();
            let split = split.get();
            results.with(|r| {
                let page = &r.items[p.start..p.end];
                let mut n = page.len();
                if let Some(before) = before.filter(|_| split) {
                    let shown: Vec<usize> = before
                        .iter()
                        .flat_map(|(_, items)| items.iter().copied())
                        .collect();
                    let w = window.get_value();
                    let fits = screenful(
                        w.list.unwrap_or(ListGeometry::UNMEASURED),
                        w.scroll_y,
                        w.height,
                    );
                    n = first_frame(page, &shown, fits);
                }
                group_by_year(&page[..n], |i| (spec.year_of)(&site, i))
            })
        })
    };
    let empty = Memo::new(move |_| results.with(|r| r.items.is_empty()));
    let list = move || {
        if empty.get() {
            return Either::Left(view! {
                <div class="empty-state">
                    <p>{format!("No {} match these filters.", spec.plural)}</p>
                    <a class="button" href=clear_href.clone()>"Clear filters"</a>
                </div>
            });
        }
        let site = site.clone();
        Either::Right(view! {
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
                            <For each=move || items.get() key=|i| *i children=move |i| entry(i, site.clone())/>
                        </ul>
                    </section>
                }
            }/>
        })
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
                <SearchBox filter=filter typed=typed list_path=spec.list_path label=spec.search_label/>
            </div>
            <div class="with-facets">
                {toggle}
                <aside class="facets" id="facets" aria-label="Filters" class:open=move || panel_open.get()
                    on:keydown=on_panel_key>
                    {facets}
                    {clear}
                    <button type="button" class="facets-done button" on:click=move |_| close_panel()>{shown_count}</button>
                </aside>
                <div class="results" node_ref=results_el>
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

/// Lands on the item the address's anchor names (`#news-<id>`, `#pub-<id>`), whenever the anchor
/// changes and once the list shows it: scrolls it into view, marks it (`landed`, as `:target`
/// marks it on a page loaded with the anchor) and puts the focus on it, so a screen reader starts
/// there and Tab goes on from it.
fn land_on_anchor(location: leptos_router::location::Location) {
    Effect::new(move |_| {
        let hash = location.hash.get();
        let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
            return;
        };
        let id = crate::paths::decode_fragment(id);
        // The list may build its entries over two frames: after the second, the item is there.
        after_paint(move || after_paint(move || land(&id)));
    });
}

#[cfg(feature = "csr")]
fn land(id: &str) {
    use wasm_bindgen::JsCast;
    // Back or Forward to an address with an anchor restores where the visitor was instead.
    if crate::history::restoring() {
        return;
    }
    let document = document();
    if let Ok(marked) = document.query_selector_all(".landed") {
        for i in 0..marked.length() {
            if let Some(el) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                _ = el.class_list().remove_1("landed");
            }
        }
    }
    let Some(el) = document
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if el.closest(".results").ok().flatten().is_none() {
        return;
    }
    _ = el.class_list().add_1("landed");
    el.scroll_into_view();
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    _ = el.focus_with_options(&options);
}

#[cfg(not(feature = "csr"))]
fn land(_: &str) {}

/// The window's scroll position and height, and where the list's entries were last measured.
#[derive(Clone, Copy)]
struct Window {
    scroll_y: f64,
    height: f64,
    list: Option<ListGeometry>,
}

/// The window's scroll position and height, kept up to date by listeners while the list is on
/// screen (reading them from the DOM while the list is rebuilt would force a layout). A resize
/// forgets the list's measurements: its entries may now be shorter.
#[cfg(feature = "csr")]
fn track_window() -> StoredValue<Window> {
    let read = |list| {
        let w = window();
        let height = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(f64::MAX);
        Window {
            scroll_y: w.scroll_y().unwrap_or(0.0),
            height,
            list,
        }
    };
    let state = StoredValue::new(read(None));
    let scroll = window_event_listener(leptos::ev::scroll, move |_| {
        state.update_value(|s| *s = read(s.list));
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| state.set_value(read(None)));
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    state
}

#[cfg(not(feature = "csr"))]
fn track_window() -> StoredValue<Window> {
    StoredValue::new(Window {
        scroll_y: 0.0,
        height: f64::MAX,
        list: None,
    })
}

/// In a task after the next frame has been painted (its layout is still clean then, so reading it
/// costs nothing), measures where the list's entries are, and then bumps `settle`.
fn measure_after_paint(
    state: StoredValue<Window>,
    results: NodeRef<leptos::html::Div>,
    settle: Option<RwSignal<u64>>,
) {
    after_paint(move || {
        // The list may be gone by then (another page): nothing to measure or settle.
        if let Some(measured) = results
            .try_get_untracked()
            .flatten()
            .and_then(|el| measure(&el))
        {
            _ = state.try_update_value(|s| s.list = Some(measured.and(s.list)));
        }
        if let Some(settle) = settle {
            _ = settle.try_update(|n| *n += 1);
        }
    });
}

/// The top of the first entry in `results` (from the top of the document) and the height of the
/// shortest; `None` without entries.
#[cfg(feature = "csr")]
fn measure(results: &web_sys::Element) -> Option<ListGeometry> {
    use wasm_bindgen::JsCast;
    let entries = results.query_selector_all(".entries > li").ok()?;
    let scroll_y = window().scroll_y().unwrap_or(0.0);
    let mut top = None;
    let mut shortest = f64::INFINITY;
    for i in 0..entries.length() {
        let Some(el) = entries
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let rect = el.get_bounding_client_rect();
        top.get_or_insert(rect.top() + scroll_y);
        if rect.height() > 0.0 {
            shortest = shortest.min(rect.height());
        }
    }
    Some(ListGeometry {
        top: top?,
        shortest: shortest.is_finite().then_some(shortest)?,
    })
}

#[cfg(not(feature = "csr"))]
fn measure(_: &web_sys::Element) -> Option<ListGeometry> {
    None
}
