//! What a page that found nothing offers instead: the pages its address most likely meant (a
//! mistyped member slug suggests the member), and the site search (the header's dialog, opened
//! from here).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::app::use_site;
use crate::components::site_search::OpenSiteSearch;
use crate::paths;

#[component]
pub fn FindInstead() -> impl IntoView {
    let site = use_site();
    let location = use_location();
    let open_search = use_context::<OpenSiteSearch>();
    let nearest = move || {
        let path = location.pathname.get();
        let path = path
            .strip_prefix(paths::base())
            .unwrap_or(&path)
            .to_string();
        let hits = site.nearest_pages(&path, 3);
        (!hits.is_empty()).then(|| {
            let links = hits
                .into_iter()
                .map(|hit| {
                    let detail = (!hit.detail.is_empty())
                        .then(|| view! { <span class="hit-detail">{hit.detail}</span> });
                    view! {
                        <li><a href=paths::href(&hit.path)><span class="hit-label">{hit.label}</span>{detail}</a></li>
                    }
                })
                .collect_view();
            view! {
                <section class="did-you-mean" aria-labelledby="did-you-mean">
                    <h2 id="did-you-mean">"Did you mean"</h2>
                    <ul class="hit-links">{links}</ul>
                </section>
            }
        })
    };
    view! {
        {nearest}
        <p class="find-on-site">
            <button type="button" class="button" on:click=move |_| {
                if let Some(open) = open_search {
                    open.0.update(|n| *n += 1);
                }
            }>"Search the site"</button>
        </p>
    }
}
