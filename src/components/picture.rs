//! An image the data file names, as the build made it: a `<picture>` with AVIF and WebP
//! renditions and a fallback, all sized by `srcset`/`sizes`, with explicit `width`/`height` so
//! nothing moves when it arrives. An image the build did not see (an external URL, or a data
//! file replaced since) is shown as it is. Every image has an empty `alt`: each one stands next to
//! the text that names it, and a failed image with an empty `alt` draws nothing, never a
//! broken-image glyph (and `public/theme.js` hides it).

use lab_model::images::{ImageRef, DATA_DIR};
use lab_model::Site;
use leptos::prelude::*;

use crate::paths;

/// What one `<picture>` shows: its `<source>`s (type, srcset) and its `<img>`.
struct Shown {
    sources: Vec<(String, String)>,
    src: String,
    srcset: Option<String>,
    height: u32,
    /// Only for third-party images, which get no referrer.
    external: bool,
}

/// Where and how `value` is shown at `width` CSS pixels; `height` when its own is unknown.
fn shown(site: &Site, value: &str, width: u32, height: u32) -> Option<Shown> {
    let base = format!("{}/", paths::base());
    let as_is = |src: String, external: bool| Shown {
        sources: Vec::new(),
        src,
        srcset: None,
        height,
        external,
    };
    match ImageRef::classify(value)? {
        ImageRef::External(url) => Some(as_is(url.to_string(), true)),
        ImageRef::Local(path) => match site.image(path) {
            // A data file replaced since the build: the original file, as it is.
            None => Some(as_is(format!("{base}{DATA_DIR}{path}"), false)),
            Some(entry) => {
                let fallback = entry.fallback()?;
                let src = format!("{base}{}", fallback.at_least(width)?.file);
                let vector = entry.is_vector();
                Some(Shown {
                    sources: entry
                        .sources()
                        .iter()
                        .map(|s| (s.mime.clone(), s.srcset(&base)))
                        .collect(),
                    src,
                    srcset: (!vector).then(|| fallback.srcset(&base)),
                    height: entry.height_at(width),
                    external: false,
                })
            }
        },
    }
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
    // One shape of view for every case (an empty `<picture>` around a plain image is valid
    // HTML): each extra shape would add its own rendering and hydration code to the wasm.
    shown(&site, &src, width, height).map(|s| {
        let sizes = (!sizes.is_empty()).then_some(sizes);
        let sources = s
            .sources
            .into_iter()
            .map(|(mime, srcset)| view! { <source type=mime srcset=srcset sizes=sizes/> })
            .collect_view();
        view! {
            <picture>
                {sources}
                <img class=class src=s.src srcset=s.srcset sizes=sizes alt="" width=width height=s.height
                    loading=if lazy { "lazy" } else { "eager" } decoding="async"
                    fetchpriority=(!lazy).then_some("high")
                    referrerpolicy=s.external.then_some("no-referrer")/>
            </picture>
        }
    })
}
