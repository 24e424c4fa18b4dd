//! The text search box of a list. The list answers a keystroke in the frame after it; the URL
//! follows once that frame is painted (writing history costs a millisecond or more per key).
//! History keeps one entry per deliberate step: the first keystroke of a search pushes an entry
//! (so Back returns to the list as it was before the search, facets and all), the keystrokes
//! after it replace that entry instead of pushing one per letter. A search begun again after
//! another step (a facet, Back) pushes again.

use lab_model::query::Filter;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::frame::after_paint;

/// Text typed in a list's search box that is not in the URL yet, with the query string of the
/// URL it was typed over. It counts only while the URL is still that one: any other navigation
/// (a facet, Back, a link) leaves it behind.
pub type Typed = RwSignal<Option<(String, String)>>;

/// The typed text that applies to the URL's query string `search`, if any.
pub fn typed_over(typed: Typed, search: &str) -> Option<String> {
    typed.with(|t| {
        t.as_ref()
            .filter(|(over, _)| over == search)
            .map(|(_, q)| q.clone())
    })
}

#[component]
pub fn SearchBox(
    filter: Memo<Filter>,
    typed: Typed,
    list_path: &'static str,
    label: &'static str,
) -> impl IntoView {
    let navigate = use_navigate();
    let location = use_location();
    // The filter this box last wrote to the URL: while the URL still holds it, typing goes on in
    // the same step.
    let written = StoredValue::new(None::<Filter>);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let over = location.search.get_untracked();
        typed.set(Some((over, value)));
        let navigate = navigate.clone();
        after_paint(move || {
            // Gone with its list, or already written by an earlier keystroke's task.
            let Some(Some((over, q))) = typed.try_get_untracked() else {
                return;
            };
            typed.set(None);
            if over != location.search.get_untracked() {
                return;
            }
            let current = Filter::parse(&over);
            let same_step = written
                .try_get_value()
                .flatten()
                .is_some_and(|w| w == current);
            let next = current.with_q(&q);
            // As the URL will hold it (blank text is not written).
            _ = written.try_set_value(Some(Filter::parse(&next.to_query())));
            navigate(
                &next.href(list_path),
                NavigateOptions {
                    replace: same_step,
                    scroll: false,
                    ..Default::default()
                },
            );
        });
    };
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="search-input">{label}</label>
            <input id="search-input" type="search" autocomplete="off" spellcheck="false"
                prop:value=move || filter.get().q on:input=on_input/>
        </form>
    }
}
