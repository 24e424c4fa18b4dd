//! A member's photo, or their initials when there is no photo or it fails to load.

use lab_model::markdown::Href;
use lab_model::text::initials;
use leptos::prelude::*;

#[component]
pub fn Avatar(
    name: String,
    photo: Option<String>,
    #[prop(default = 96)] size: u32,
) -> impl IntoView {
    let failed = RwSignal::new(false);
    // A pre-rendered photo may have failed before the app took the page over and could listen
    // for `error`: a finished load with no pixels is a failure too.
    let img = NodeRef::<leptos::html::Img>::new();
    Effect::new(move |_| {
        if let Some(img) = img.get() {
            if img.complete() && img.natural_width() == 0 {
                failed.set(true);
            }
        }
    });
    let photo = photo.filter(|p| matches!(Href::classify(p), Some(Href::External(_))));
    let letters = initials(&name);
    move || {
        match (&photo, failed.get()) {
        (Some(src), false) => view! {
            <img class="avatar" src=src.clone() alt=format!("Photo of {name}") width=size height=size
                loading="lazy" decoding="async" referrerpolicy="no-referrer" node_ref=img
                on:error=move |_| failed.set(true)/>
        }
        .into_any(),
        _ => view! {
            <span class=format!("avatar initials size-{size}") role="img" aria-label=format!("Initials of {name}")>
                {letters.clone()}
            </span>
        }
        .into_any(),
    }
    }
}
