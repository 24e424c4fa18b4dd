//! BibTeX for publications: each entry's citation, shown and copied on demand, and the current
//! list as one `.bib` download, built in the browser from the loaded data.

use lab_model::bibtex;
use lab_model::Publication;
use leptos::prelude::*;

use crate::paths;

/// Copies text to the clipboard; true when the browser accepted it.
#[cfg(feature = "csr")]
async fn copy_to_clipboard(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[cfg(not(feature = "csr"))]
async fn copy_to_clipboard(_text: String) -> bool {
    false
}

/// A "BibTeX" disclosure under a publication: the entry, and a button that copies it.
#[component]
pub fn BibtexEntry(publication: Publication) -> impl IntoView {
    let entry = bibtex::entry(&publication);
    let status = RwSignal::new("");
    let copy = {
        let entry = entry.clone();
        move |_| {
            let entry = entry.clone();
            leptos::task::spawn_local(async move {
                let copied = copy_to_clipboard(entry).await;
                status.set(if copied {
                    "Copied"
                } else {
                    "Copy failed: select the text instead"
                });
            });
        }
    };
    view! {
        <details class="bibtex">
            <summary>"BibTeX"</summary>
            <pre><code>{entry}</code></pre>
            <button type="button" class="button secondary small" on:click=copy>"Copy BibTeX"</button>
            <span class="copy-status" role="status">{move || status.get()}</span>
        </details>
    }
}

/// Starts a download of `text` as `file_name`.
#[cfg(feature = "csr")]
fn download(file_name: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/x-bibtex;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// A link that downloads the given publications as one `.bib` file. Without JavaScript it leads to
/// the full `publications.bib` written at build time.
#[component]
pub fn BibtexDownload(publications: Signal<Vec<Publication>>, file_name: String) -> impl IntoView {
    let label = move || {
        let n = publications.with(Vec::len);
        format!("Download {n} as BibTeX")
    };
    #[cfg(feature = "csr")]
    let on_click = {
        let file_name = file_name.clone();
        move |ev: leptos::ev::MouseEvent| {
            let text = publications.with(|pubs| bibtex::bibliography(pubs.iter()));
            if download(&file_name, &text).is_ok() {
                ev.prevent_default();
            }
        }
    };
    #[cfg(not(feature = "csr"))]
    let on_click = |_: leptos::ev::MouseEvent| {};
    view! {
        <a class="button secondary bib-download" href=paths::href("/publications.bib") download=file_name on:click=on_click>
            {label}
        </a>
    }
}
