//! The document title of the page on screen. In the browser it is set when the page mounts; the
//! static pages get theirs from sitegen. (A few lines here instead of a head-management crate.)

use leptos::prelude::*;

#[component]
pub fn Title(#[prop(into)] text: String) -> impl IntoView {
    #[cfg(feature = "csr")]
    Effect::new(move |_| document().set_title(&text));
    #[cfg(not(feature = "csr"))]
    let _ = text;
}
