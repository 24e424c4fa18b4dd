//! The light/dark switch. The choice is saved and applied before paint by `public/theme.js`;
//! without one the stylesheet follows the system setting. Before the app runs, `theme.js` also
//! sets the pre-rendered switch's `aria-pressed` to the theme shown, and the stylesheet picks its
//! icon.

use leptos::prelude::*;

/// Whether the page shows dark now: the saved choice, else the system setting.
#[cfg(feature = "csr")]
fn showing_dark() -> bool {
    let explicit = document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"));
    match explicit.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

/// Shows `dark` now and remembers it.
#[cfg(feature = "csr")]
fn choose(dark: bool) {
    let theme = if dark { "dark" } else { "light" };
    if let Some(root) = document().document_element() {
        _ = root.set_attribute("data-theme", theme);
    }
    if let Ok(Some(storage)) = window().local_storage() {
        _ = storage.set_item("theme", theme);
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(false);
    #[cfg(feature = "csr")]
    Effect::new(move |_| dark.set(showing_dark()));
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        #[cfg(feature = "csr")]
        choose(next);
    };
    view! {
        <button type="button" class="theme-toggle" aria-pressed=move || dark.get().to_string() on:click=toggle
            title="Dark theme">
            // Both icons, the stylesheet shows the one for the theme on screen: right on the
            // pre-rendered page too, before the app knows which theme that is.
            <span class="theme-icon-moon" aria-hidden="true">"☾"</span>
            <span class="theme-icon-sun" aria-hidden="true">"☀"</span>
            <span class="visually-hidden">"Dark theme"</span>
        </button>
    }
}
