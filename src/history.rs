//! Back and Forward put the visitor back where they were: the page (the router does that from
//! the URL), and also how far down it they had scrolled and which control had the focus. The
//! browser cannot do it by itself here: when it restores the scroll position the app has not yet
//! rendered the page it goes back to (a long list can still be the short filtered one).
//!
//! So the app notes, for every address it shows, the last scroll position and the last focused
//! control (by a selector that finds its counterpart after a re-render: an id, a facet value, a
//! link's target), and once a Back or Forward has been rendered it scrolls and focuses to match.
//! After a step that re-renders the control that had the focus (a facet chosen with Enter), the
//! focus is put back on its counterpart, so a keyboard user stays where they were.

#[cfg(feature = "csr")]
use leptos::prelude::*;
#[cfg(feature = "csr")]
use leptos_router::hooks::use_location;

/// Where the visitor was on one address.
#[cfg(feature = "csr")]
#[derive(Clone, Debug, Default, PartialEq)]
struct Spot {
    scroll_y: f64,
    focus: Option<String>,
}

#[cfg(feature = "csr")]
thread_local! {
    /// Set from a Back or Forward until its page is restored: the anchor of the address it
    /// returns to must not pull the window away from where the visitor was.
    static RESTORING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a Back or Forward is being restored (see [`remember`]).
pub fn restoring() -> bool {
    #[cfg(feature = "csr")]
    return RESTORING.with(|r| r.get());
    #[cfg(not(feature = "csr"))]
    false
}

/// A CSS selector that finds `el`, or its counterpart once the view has rendered it again.
#[cfg(feature = "csr")]
fn selector_of(el: &web_sys::Element) -> Option<String> {
    let quoted = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
    if !el.id().is_empty() {
        return Some(format!("[id={}]", quoted(&el.id())));
    }
    if let (Some(value), Some(facet)) = (
        el.get_attribute("data-value"),
        el.closest("[data-facet]").ok().flatten(),
    ) {
        let name = facet.get_attribute("data-facet").unwrap_or_default();
        return Some(format!(
            "[data-facet={}] [data-value={}]",
            quoted(&name),
            quoted(&value)
        ));
    }
    // A link, by its target, inside the nearest element with an id (an entry: the same profile
    // is linked from many entries).
    let href = el.get_attribute("href")?;
    let link = format!("{}[href={}]", el.tag_name().to_lowercase(), quoted(&href));
    let within = el
        .parent_element()
        .and_then(|p| p.closest("[id]").ok().flatten())
        .map(|p| format!("[id={}] ", quoted(&p.id())))
        .unwrap_or_default();
    Some(format!("{within}{link}"))
}

/// Focuses what `selector` finds, without scrolling to it; false when it finds nothing.
#[cfg(feature = "csr")]
fn focus(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    _ = el.focus_with_options(&options);
    true
}

/// The spot noted for the address `key`, made when new; the most recent addresses are kept
/// (a visit is a few dozen steps, not thousands).
#[cfg(feature = "csr")]
fn spot_of(spots: &mut Vec<(String, Spot)>, key: String) -> &mut Spot {
    const KEPT: usize = 100;
    let at = match spots.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            if spots.len() == KEPT {
                spots.remove(0);
            }
            spots.push((key, Spot::default()));
            spots.len() - 1
        }
    };
    &mut spots[at].1
}

/// Whether nothing in particular has the focus (it was on an element a re-render removed).
#[cfg(feature = "csr")]
fn focus_lost() -> bool {
    document()
        .active_element()
        .is_none_or(|el| el.tag_name() == "BODY")
}

/// Keeps the scroll position and focus of every address shown, and restores them after Back and
/// Forward. Call once, inside the router.
pub fn remember() {
    #[cfg(feature = "csr")]
    {
        use crate::frame::after_paint;

        let location = use_location();
        let spots = StoredValue::new(Vec::<(String, Spot)>::new());
        let here = StoredValue::new(String::new());
        let last_focus = StoredValue::new(None::<String>);
        // Set by a Back or Forward: where the visitor was on the address it returns to, as noted
        // before anything of the return (the focus the app gives the new page) could change it.
        let popped = StoredValue::new(None::<Option<Spot>>);
        let key = move || {
            format!(
                "{}?{}",
                location.pathname.get_untracked().trim_end_matches('/'),
                location.search.get_untracked()
            )
        };

        // Noted under the address the router shows now (it changes before the effects that
        // render it run: the focus a new page takes is not the old page's).
        let scroll = window_event_listener(leptos::ev::scroll, move |_| {
            let y = window().scroll_y().unwrap_or(0.0);
            spots.update_value(|s| spot_of(s, key()).scroll_y = y);
        });
        let focusin = window_event_listener(leptos::ev::focusin, move |ev| {
            let target = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
            // Not the main content, which the app focuses on a page change (not the visitor).
            let target = target.filter(|t| t.id() != "main");
            if let Some(selector) = target.as_ref().and_then(selector_of) {
                spots.update_value(|s| spot_of(s, key()).focus = Some(selector.clone()));
                last_focus.set_value(Some(selector));
            }
        });
        // The router hears of a Back or Forward first and this module's effect runs at once; the
        // effect looks for this listener's note a frame later. Kept for the page's life, as the
        // router it pairs with is.
        {
            use wasm_bindgen::JsCast;
            let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                // The browser's address is already the one returned to.
                let l = window().location();
                let to = format!(
                    "{}?{}",
                    l.pathname().unwrap_or_default().trim_end_matches('/'),
                    l.search().unwrap_or_default().trim_start_matches('?')
                );
                let spot = spots
                    .try_with_value(|s| s.iter().find(|(k, _)| *k == to).map(|(_, s)| s.clone()))
                    .flatten();
                _ = popped.try_set_value(Some(spot));
                // A Back or Forward that changes nothing the router shows leaves nothing to restore.
                after_paint(move || _ = popped.try_set_value(None));
            });
            _ = window()
                .add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            on_pop.forget();
        }
        on_cleanup(move || {
            scroll.remove();
            focusin.remove();
        });

        Effect::new(move |_| {
            location.pathname.track();
            location.search.track();
            let now = key();
            let before = here.get_value();
            here.set_value(now.clone());
            let same_page = before.split('?').next() == now.split('?').next() && !before.is_empty();
            // A frame later, the Back or Forward that caused this (if one did) has been noted.
            after_paint(move || {
                if let Some(spot) = popped.try_get_value().flatten() {
                    _ = popped.try_set_value(None);
                    RESTORING.with(|r| r.set(true));
                    // The list may build its entries over two frames, and an anchor's landing
                    // waits for them: this comes after both.
                    after_paint(move || {
                        after_paint(move || {
                            RESTORING.with(|r| r.set(false));
                            let Some(spot) = spot else { return };
                            window().scroll_to_with_x_and_y(0.0, spot.scroll_y);
                            if let Some(selector) = &spot.focus {
                                focus(selector);
                            }
                        })
                    });
                } else if same_page {
                    // A step on the same page: the control it came from may have been rendered
                    // anew.
                    after_paint(move || {
                        if !focus_lost() {
                            return;
                        }
                        if let Some(selector) = last_focus.try_get_value().flatten() {
                            focus(&selector);
                        }
                    });
                }
            });
        });
    }
}
