//! The panel shown when the data could not be loaded: what failed, and a retry button.

use leptos::prelude::*;

use crate::api::FetchError;

/// `retrying` is true while an automatic second attempt is scheduled.
#[component]
pub fn ErrorPanel(
    error: FetchError,
    on_retry: impl Fn() + 'static,
    retrying: Signal<bool>,
) -> impl IntoView {
    let (headline, hint) = match &error {
        FetchError::Timeout => (
            "The site's data is taking too long",
            "The network or the server is slow. Try again in a moment.",
        ),
        FetchError::NotData => (
            "The site's data is missing",
            "The server has no data file at this address. A maintainer needs to publish data/site.json.",
        ),
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
            <p class="auto-retry" role="status">
                {move || retrying.get().then_some("Trying again automatically in a few seconds…")}
            </p>
            <button type="button" class="button" on:click=move |_| on_retry()>"Try again"</button>
        </section>
    }
}
