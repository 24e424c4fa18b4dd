//! An image the data file names, as the build made it: a `<picture>` with AVIF and WebP
//! renditions and a fallback, all sized by `srcset`/`sizes`, with explicit `width`/`height` so
//! nothing moves when it arrives. An image the build did not see (an external URL, or a data
//! file replaced since) is shown as it is. Every image has an empty `alt`: each one stands next to
//! the text that names it, and a failed image with an empty `alt` draws nothing, never a
//! broken-image glyph (the boot script also hides it, see `crates/sitegen/src/boot.js`).

use lab_model::images::{ImageRef, DATA_DIR};
use lab_model::Site;
use leptos::prelude::*;

use crate::paths;

/// The site's base with its trailing slash, which every rendition's path is relative to.
fn base_dir() -> String {
    format!("{}/", paths::base())
}

#[component]
pub fn Picture(
    site: Site,
    /// The image as the data file gives it: a path relative to the data file, or a URL.
    src: String,
    /// The width it is shown at, in CSS pixels.
    width: u32,
    /// The height to reserve when the image's own size is unknown (an external URL).
    height: u32,
    /// The `sizes` attribute: how wide it is shown at each window width.
    #[prop(optional)]
    sizes: &'static str,
    #[prop(optional)] class: &'static str,
    /// Below the fold (the default): fetched only when it comes near the window.
    #[prop(default = true)]
    lazy: bool,
) -> impl IntoView {
    let loading = if lazy { "lazy" } else { "eager" };
    let fetchpriority = if lazy { "auto" } else { "high" };
    let sizes = (!sizes.is_empty()).then_some(sizes);
    let external = |url: String| {
        view! {
            <img class=class src=url alt="" width=width height=height loading=loading
                decoding="async" referrerpolicy="no-referrer"/>
        }
        .into_any()
    };
    match ImageRef::classify(&src) {
        None => ().into_any(),
        Some(ImageRef::External(url)) => external(url.to_string()),
        Some(ImageRef::Local(path)) => match site.image(path) {
            // A data file replaced since the build: the original file, as it is.
            None => external(format!("{}{DATA_DIR}{path}", base_dir())),
            Some(entry) => {
                let base = base_dir();
                let h = entry.height_at(width);
                let Some(fallback) = entry.fallback() else {
                    return ().into_any();
                };
                let img_src = fallback
                    .at_least(width)
                    .map(|r| format!("{base}{}", r.file))
                    .unwrap_or_default();
                if entry.is_vector() {
                    return view! {
                        <img class=class src=img_src alt="" width=width height=h loading=loading decoding="async"/>
                    }
                    .into_any();
                }
                let sources = entry
                    .sources()
                    .iter()
                    .map(|s| view! { <source type=s.mime.clone() srcset=s.srcset(&base) sizes=sizes/> })
                    .collect_view();
                view! {
                    <picture>
                        {sources}
                        <img class=class src=img_src srcset=fallback.srcset(&base) sizes=sizes alt=""
                            width=width height=h loading=loading decoding="async" fetchpriority=fetchpriority/>
                    </picture>
                }
                .into_any()
            }
        },
    }
}
