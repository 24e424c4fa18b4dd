//! Search across the whole site, from every page: a button in the header (or `/`, Ctrl-K, ⌘K)
//! opens a dialog whose results (people, projects, posts, publications, news) come grouped by
//! kind with the matched words marked, are navigated with the arrow keys and opened with Enter
//! (or a tap) on the item itself. Before anything is typed it offers featured and latest items;
//! under the results, rows carry the query to a list's own search. The dialog keeps the focus
//! while open (Tab cycles through it), closes with Escape, its ✕ button or a tap outside, and
//! gives the focus back to what had it.

use lab_model::search::{Hit, HitGroup};
use lab_model::text::marks;
use lab_model::Site;
use leptos::either::Either;
use leptos::ev::KeyboardEvent;
use leptos::html::{Div, Input};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app::LoadState;

const PER_KIND: usize = 5;

/// Asks the site search to open (each increment opens it once): for a page's own "Search the
/// site" button. Provided by the app shell, above the header and the page.
#[derive(Clone, Copy)]
pub struct OpenSiteSearch(pub RwSignal<u32>);

/// The groups the dialog shows for `q`: the suggestions for a blank query, else the hits and the
/// rows that search a list.
fn groups(site: &Site, q: &str) -> Vec<HitGroup> {
    if q.trim().is_empty() {
        return site.suggested_hits();
    }
    let mut groups = site.search_hits(q, PER_KIND);
    groups.extend(site.list_searches(q));
    groups
}

/// `label` with the words of `q` in `<mark>`.
fn marked(label: &str, q: &str) -> impl IntoView {
    marks(label, q)
        .into_iter()
        .map(|(run, hit)| {
            if hit {
                Either::Left(view! { <mark>{run}</mark> })
            } else {
                Either::Right(run)
            }
        })
        .collect_view()
}

#[component]
pub fn SiteSearch() -> impl IntoView {
    let state = expect_context::<ReadSignal<LoadState>>();
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input = NodeRef::<Input>::new();
    let dialog = NodeRef::<Div>::new();
    let results = Memo::new(move |_| match state.get() {
        LoadState::Ready { site, .. } => groups(&site, &query.get()),
        _ => Vec::new(),
    });
    // Every hit in the order shown, for the arrow keys.
    let flat = Memo::new(move |_| {
        results.with(|g| {
            g.iter()
                .flat_map(|g| g.hits.iter().cloned())
                .collect::<Vec<Hit>>()
        })
    });
    let navigate = use_navigate();
    // What had the focus when the dialog opened, to give it back.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    let show = move || {
        #[cfg(feature = "csr")]
        opener.set_value(
            document()
                .active_element()
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
                .filter(|el| el.tag_name() != "BODY"),
        );
        query.set(String::new());
        active.set(0);
        open.set(true);
    };
    // Closes, and gives the focus back (unless a result is being opened: its page takes it).
    let close = move |give_back: bool| {
        open.set(false);
        if give_back {
            let back = opener.get_value().or_else(|| {
                document()
                    .query_selector(".search-open")
                    .ok()
                    .flatten()
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            });
            if let Some(el) = back {
                _ = el.focus();
            }
        }
    };

    // `/` (outside text fields), Ctrl-K and ⌘K open the search from anywhere.
    #[cfg(feature = "csr")]
    {
        let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
            let typing = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                });
            let shortcut = (ev.key() == "k" && (ev.ctrl_key() || ev.meta_key()))
                || (ev.key() == "/" && !typing);
            if shortcut && !open.get_untracked() {
                ev.prevent_default();
                show();
            }
        });
        on_cleanup(move || handle.remove());
    }
    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = input.get() {
                _ = el.focus();
            }
        }
    });
    if let Some(OpenSiteSearch(requests)) = use_context::<OpenSiteSearch>() {
        Effect::new(move |before: Option<u32>| {
            let n = requests.get();
            if before.is_some_and(|b| b != n) {
                show();
            }
            n
        });
    }

    let go = {
        let navigate = navigate.clone();
        move |path: String| {
            close(false);
            navigate(&path, Default::default());
        }
    };
    let on_keydown = {
        let go = go.clone();
        move |ev: KeyboardEvent| match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                let n = flat.with(Vec::len);
                if n > 0 {
                    let i = active.get_untracked();
                    active.set(if ev.key() == "ArrowDown" {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    });
                }
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(hit) = flat.with(|r| r.get(active.get_untracked()).cloned()) {
                    go(hit.path);
                }
            }
            _ => {}
        }
    };
    // Escape anywhere in the dialog closes it; Tab and Shift-Tab cycle through its controls.
    let on_dialog_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close(true);
        }
        "Tab" => {
            #[cfg(feature = "csr")]
            trap_tab(&ev, dialog);
        }
        _ => {}
    };

    let list = move || {
        let go = go.clone();
        let q = query.get();
        let mut k = 0;
        results
            .get()
            .into_iter()
            .map(|group| {
                let options = group
                    .hits
                    .into_iter()
                    .map(|hit| {
                        let i = k;
                        k += 1;
                        let go = go.clone();
                        let path = hit.path.clone();
                        let detail = (!hit.detail.is_empty()).then(
                            || view! { <span class="hit-detail">{hit.detail.clone()}</span> },
                        );
                        view! {
                            <div role="option" class="hit" id=format!("site-search-{i}")
                                aria-selected=move || (active.get() == i).to_string()
                                class:active=move || active.get() == i
                                on:click=move |_| go(path.clone())>
                                <span class="hit-label">{marked(&hit.label, &q)}</span>
                                {detail}
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <div role="group" class="hit-group" aria-label=group.title>
                        <p class="hit-group-title" aria-hidden="true">{group.title}</p>
                        {options}
                    </div>
                }
            })
            .collect_view()
    };
    let status = move || {
        let q = query.get();
        let n = flat.with(Vec::len);
        let found = results.with(|g| {
            g.iter()
                .filter(|g| {
                    g.hits
                        .iter()
                        .all(|h| h.kind != lab_model::search::HitKind::ListSearch)
                })
                .map(|g| g.hits.len())
                .sum::<usize>()
        });
        if q.trim().is_empty() {
            if n == 0 {
                "Type to search people, projects, posts, publications and news.".to_string()
            } else {
                "Type to search people, projects, posts, publications and news, or pick one of these."
                    .to_string()
            }
        } else if found == 0 {
            format!("Nothing matches “{}”.", q.trim())
        } else {
            format!(
                "{found} result{}; use the arrow keys and Enter.",
                if found == 1 { "" } else { "s" }
            )
        }
    };

    let shown = Memo::new(move |_| open.get());
    view! {
        <button type="button" class="search-open" aria-haspopup="dialog" aria-keyshortcuts="/ Control+K"
            on:click=move |_| show()>
            "Search"<kbd aria-hidden="true">"/"</kbd>
        </button>
        // Not <Show>: its children are an AnyView, which compiles in async hydration this app
        // never runs. The memo renders the dialog only when it opens or closes, as <Show> does.
        {move || shown.get().then(|| view! {
            <div class="site-search-backdrop" on:click=move |_| close(true)></div>
            <div class="site-search" role="dialog" aria-modal="true" aria-label="Search the site" node_ref=dialog
                on:keydown=on_dialog_keydown>
                <div class="site-search-bar">
                    <input node_ref=input type="search" role="combobox" aria-expanded="true" aria-autocomplete="list"
                        aria-controls="site-search-results" aria-label="Search people, projects, posts, publications and news"
                        aria-activedescendant=move || (flat.with(Vec::len) > 0).then(|| format!("site-search-{}", active.get()))
                        placeholder="Search the site" autocomplete="off" spellcheck="false"
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            active.set(0);
                        }
                        on:keydown=on_keydown.clone()/>
                    <button type="button" class="site-search-close" aria-label="Close search" on:click=move |_| close(true)>
                        <span aria-hidden="true">"✕"</span>
                    </button>
                </div>
                <p class="site-search-status" role="status">{status}</p>
                <div id="site-search-results" role="listbox" aria-label="Results">{list.clone()}</div>
            </div>
        })}
    }
}

/// Keeps Tab inside the dialog: from its last control to its first, and Shift-Tab the other way.
#[cfg(feature = "csr")]
fn trap_tab(ev: &KeyboardEvent, dialog: NodeRef<Div>) {
    use wasm_bindgen::JsCast;
    let Some(dialog) = dialog.get_untracked() else {
        return;
    };
    let Ok(controls) = dialog.query_selector_all("input, button, [href]") else {
        return;
    };
    let item = |i: u32| {
        controls
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let n = controls.length();
    let (Some(first), Some(last)) = (item(0), n.checked_sub(1).and_then(item)) else {
        return;
    };
    let focused = document().active_element();
    let is = |el: &web_sys::HtmlElement| {
        focused
            .as_ref()
            .is_some_and(|f| f == el.unchecked_ref::<web_sys::Element>())
    };
    let inside = focused.as_ref().is_some_and(|f| dialog.contains(Some(f)));
    if ev.shift_key() && (is(&first) || !inside) {
        ev.prevent_default();
        _ = last.focus();
    } else if !ev.shift_key() && (is(&last) || !inside) {
        ev.prevent_default();
        _ = first.focus();
    }
}
