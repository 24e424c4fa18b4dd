//! The SAIL lab website as a Leptos app.
//!
//! Built with the `csr` feature it is the browser app: [`start`] fetches the data, then hydrates
//! the page's pre-rendered content with [`app::App`] (or renders it afresh when the page was
//! rendered for another address or data file). Built with `ssr` the same views render
//! to HTML for the static entry pages (see `crates/sitegen`).

// Hydrating the whole app's view type takes deeper trait queries than the default allows.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod frame;
pub mod history;
pub mod paths;
pub mod routes;

/// Browser entry point: loads the data while the pre-rendered page stays on screen, then takes
/// the page over. When the page was rendered for this address from the same data file, the app
/// hydrates it: the elements on screen stay and only get their behaviour, so nothing is laid out
/// or painted again. Otherwise (a filtered address, a replaced data file, an error) it renders
/// afresh in place of the pre-rendered content, in one step, with no flash of a loading state.
#[cfg(feature = "csr")]
pub fn start() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::app::App;
    use lab_model::Checks;

    #[cfg(feature = "debug-panics")]
    console_error_panic_hook::set_once();
    // Leptos starts its executor when it mounts; the data is fetched before that.
    wasm_bindgen_futures::spawn_local(async {
        // The fingerprint is only wanted here, to tell whether the build already checked this
        // file and whether the page can be hydrated; the app's later reloads go through
        // `api::fetch_site`, with every check.
        let (body, images, posts) =
            futures::future::join3(api::fetch_bytes(), api::fetch_images(), api::fetch_posts())
                .await;
        let document = document();
        let rendered = document.get_element_by_id("root");
        let (fetched, fingerprint) = match body {
            Ok(body) => {
                let fingerprint = lab_model::fingerprint(&body);
                let checks = match &rendered {
                    Some(root) if checked_by_build(root, &fingerprint) => Checks::AlreadyPassed,
                    _ => Checks::All,
                };
                (api::load(&body, checks).await, Some(fingerprint))
            }
            Err(e) => (Err(e), None),
        };
        let fingerprint = fingerprint.map(|f| {
            api::page_fingerprint(
                &f,
                images.as_ref().map(|(_, f)| f.as_str()),
                posts.as_ref().map(|(_, f)| f.as_str()),
            )
        });
        if let Ok(loaded) = &fetched {
            api::add_built(loaded, images, posts);
        }
        let root = match rendered {
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
        // Reading the file and taking the page over are two tasks, not one long one, so a tap or
        // key in between is answered sooner.
        api::next_task().await;
        let same_page = fetched.is_ok() && fingerprint.is_some_and(|f| rendered_for(&root, &f));
        let initial = app::LoadState::from(fetched);
        let root: web_sys::HtmlElement = root.unchecked_into();
        if same_page {
            leptos::mount::hydrate_from(root, move || view! { <App initial=initial/> }).forget();
        } else {
            root.replace_children_with_node_0();
            leptos::mount::mount_to(root, move || view! { <App initial=initial/> }).forget();
        }
        // The boot script (crates/sitegen/src/boot.js) waits for this class to carry out what
        // the visitor did while the app was loading.
        if let Some(html) = document.document_element() {
            _ = html.class_list().remove_1("booting");
            _ = html.class_list().add_1("app-ready");
        }
    });
}

/// Whether the page in `root` was built from the data file with `fingerprint` and shows no
/// notice: the build then ran every check on these very bytes and found nothing, so the app
/// need not run them again (on a large file they are about half the loading).
#[cfg(feature = "csr")]
fn checked_by_build(root: &web_sys::Element, fingerprint: &str) -> bool {
    let built_from = root.get_attribute("data-fingerprint");
    built_from.as_deref().map(api::data_part) == Some(fingerprint)
        && root
            .query_selector(".data-notices")
            .ok()
            .flatten()
            .is_none()
}

/// Whether `root` holds the static page rendered for the current address (path and query) from
/// the data file and image manifest with `fingerprint` (see `crates/sitegen`).
#[cfg(feature = "csr")]
fn rendered_for(root: &web_sys::Element, fingerprint: &str) -> bool {
    let location = leptos::prelude::window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    root.get_attribute("data-fingerprint").as_deref() == Some(fingerprint)
        && root.get_attribute("data-rendered-at").as_deref() == Some(here.as_str())
}
