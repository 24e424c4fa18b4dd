//! The panel shown when the data could not be loaded: what failed, and a retry button.

use leptos::prelude::*;

use crate::api::FetchError;

#[component]
pub fn ErrorPanel(error: FetchError, on_retry: impl Fn() + 'static) -> impl IntoView {
    let (headline, hint) = match &error {
        FetchError::Network(_) => (
            "The site could not reach its data",
            "Check your connection, then try again.",
        ),
        FetchError::Http { .. } => (
            "The site's data is unavailable",
            "The server did not return the data file. Try again in a moment.",
        ),
        FetchError::Data(_) => (
            "The site's data file is broken",
            "A maintainer needs to fix data/site.json; the details below say where.",
        ),
    };
    view! {
        <section class="error-panel" role="alert">
            <h1>{headline}</h1>
            <p class="error-detail"><code>{error.to_string()}</code></p>
            <p>{hint}</p>
            <button type="button" class="button" on:click=move |_| on_retry()>"Try again"</button>
        </section>
    }
}
