//! Search across the whole site, from every page: a button in the header (or `/`, Ctrl-K, ⌘K)
//! opens a dialog whose results (people, projects, posts, publications, news) are navigated with
//! the arrow keys
//! and opened with Enter.

use lab_model::date::Date;
use lab_model::markdown::{parse, plain_text};
use lab_model::pages::truncate_words;
use lab_model::query::Filter;
use lab_model::Site;
use leptos::ev::KeyboardEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app::LoadState;

const PER_KIND: usize = 5;

/// One result: what it is, its label, where it leads (a site path).
#[derive(Clone, Debug, PartialEq)]
struct Hit {
    kind: &'static str,
    label: String,
    path: String,
}

fn hits(site: &Site, q: &str) -> Vec<Hit> {
    let found = site.search_everything(q, PER_KIND);
    let d = site.data();
    let members = found.members.iter().map(|&i| Hit {
        kind: "Person",
        label: d.members[i].name.clone(),
        path: format!("/members/{}", d.members[i].slug),
    });
    let pubs = found.publications.iter().map(|&i| {
        let p = site.publication(i);
        Hit {
            kind: "Publication",
            label: p.title.clone(),
            path: Filter {
                q: p.title.clone(),
                ..Filter::default()
            }
            .href("/publications"),
        }
    });
    let news = found.news.iter().map(|&i| {
        let n = site.news(i);
        let text = plain_text(&parse(&n.text));
        let date = Date::parse(&n.date)
            .map(|d| d.month_year())
            .unwrap_or_default();
        let words: String = text
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        Hit {
            kind: "News",
            label: format!("{date}: {}", truncate_words(&text, 90)),
            path: Filter {
                q: words,
                ..Filter::default()
            }
            .href("/news"),
        }
    });
    let projects = found.projects.iter().map(|&i| {
        let p = &site.projects()[i];
        Hit {
            kind: "Project",
            label: p.name.clone(),
            path: format!("/projects/{}", p.slug),
        }
    });
    let posts = found.posts.iter().map(|&i| {
        let p = site.post_at(i);
        Hit {
            kind: "Post",
            label: p.title.clone(),
            path: format!("/posts/{}", p.slug),
        }
    });
    members
        .chain(projects)
        .chain(posts)
        .chain(pubs)
        .chain(news)
        .collect()
}

#[component]
pub fn SiteSearch() -> impl IntoView {
    let state = expect_context::<ReadSignal<LoadState>>();
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input = NodeRef::<Input>::new();
    let results = Memo::new(move |_| match state.get() {
        LoadState::Ready { site, .. } => hits(&site, &query.get()),
        _ => Vec::new(),
    });
    let navigate = use_navigate();

    let show = move || {
        query.set(String::new());
        active.set(0);
        open.set(true);
    };
    let close = move || open.set(false);

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

    let go = {
        let navigate = navigate.clone();
        move |path: String| {
            close();
            navigate(&path, Default::default());
        }
    };
    let on_keydown = {
        let go = go.clone();
        move |ev: KeyboardEvent| match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                let n = results.with(Vec::len);
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
                if let Some(hit) = results.with(|r| r.get(active.get_untracked()).cloned()) {
                    go(hit.path);
                }
            }
            "Escape" => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };

    let list = move || {
        let go = go.clone();
        results
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, hit)| {
                let go = go.clone();
                let path = hit.path.clone();
                view! {
                    <li role="option" id=format!("site-search-{i}") aria-selected=move || (active.get() == i).to_string()
                        class:active=move || active.get() == i>
                        <a on:click=move |ev| {
                            ev.prevent_default();
                            go(path.clone());
                        }>
                            <span class="hit-kind">{hit.kind}</span>
                            <span class="hit-label">{hit.label}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let status = move || {
        let q = query.get();
        let n = results.with(Vec::len);
        if q.trim().is_empty() {
            "Type to search people, projects, posts, publications and news.".to_string()
        } else if n == 0 {
            format!("Nothing matches “{}”.", q.trim())
        } else {
            format!(
                "{n} result{}; use the arrow keys and Enter.",
                if n == 1 { "" } else { "s" }
            )
        }
    };

    view! {
        <button type="button" class="search-open" aria-haspopup="dialog" aria-keyshortcuts="/ Control+K"
            on:click=move |_| show()>
            "Search"<kbd aria-hidden="true">"/"</kbd>
        </button>
        <Show when=move || open.get()>
            <div class="site-search-backdrop" on:click=move |_| close()></div>
            <div class="site-search" role="dialog" aria-modal="true" aria-label="Search the site">
                <input node_ref=input type="search" role="combobox" aria-expanded="true" aria-autocomplete="list"
                    aria-controls="site-search-results" aria-label="Search people, projects, posts, publications and news"
                    aria-activedescendant=move || (results.with(Vec::len) > 0).then(|| format!("site-search-{}", active.get()))
                    placeholder="Search the site" autocomplete="off" spellcheck="false"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        active.set(0);
                    }
                    on:keydown=on_keydown.clone()/>
                <p class="site-search-status" role="status">{status}</p>
                <ul id="site-search-results" role="listbox" aria-label="Results">{list.clone()}</ul>
            </div>
        </Show>
    }
}
