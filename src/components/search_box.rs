//! The text search box of a list. Typing replaces the current history entry instead of pushing one
//! per key, so Back leaves the list rather than undoing letters.

use lab_model::query::Filter;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn SearchBox(
    filter: Memo<Filter>,
    list_path: &'static str,
    label: &'static str,
) -> impl IntoView {
    let navigate = use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let next = filter.get_untracked().with_q(&value);
        navigate(
            &next.href(list_path),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input">{label}</label>
            <input id="search-input" type="search" autocomplete="off" spellcheck="false"
                prop:value=move || filter.get().q on:input=on_input/>
        </form>
    }
}
