//! The SAIL lab website as a Leptos app.
//!
//! Built with the `csr` feature it is the browser app: [`start`] fetches the data, then mounts
//! [`app::App`] in place of the page's pre-rendered content. Built with `ssr` the same views render
//! to HTML for the static entry pages (see `crates/sitegen`).

pub mod api;
pub mod app;
pub mod components;
pub mod paths;
pub mod routes;

/// Browser entry point: loads the data while the pre-rendered page stays on screen, then replaces
/// it with the live app in one step, so the visitor sees no flash of a loading state.
#[cfg(feature = "csr")]
pub fn start() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::app::App;

    #[cfg(feature = "debug-panics")]
    console_error_panic_hook::set_once();
    // Leptos starts its executor in `mount_to`; the data is fetched before that.
    wasm_bindgen_futures::spawn_local(async {
        let initial = app::LoadState::from(api::fetch_site().await);
        let document = document();
        let root = match document.get_element_by_id("root") {
            Some(root) => root,
            None => {
                let root = document.create_element("div").expect("create #root");
                root.set_id("root");
                document
                    .body()
                    .expect("a body")
                    .append_child(&root)
                    .expect("append #root");
                root
            }
        };
        root.replace_children_with_node_0();
        let root: web_sys::HtmlElement = root.unchecked_into();
        leptos::mount::mount_to(root, move || view! { <App initial=initial/> }).forget();
        if let Some(html) = document.document_element() {
            _ = html.class_list().remove_1("booting");
        }
    });
}
