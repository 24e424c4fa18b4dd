//! Typed links (code, slides, video…) as a row of buttons, for a publication or a project. Only
//! links to other sites become buttons; a link the site would not follow is left out.

use lab_model::markdown::Href;
use lab_model::PubLink;
use leptos::prelude::*;

/// The buttons, or nothing when there are none to show. `class` is added to the list's own.
pub fn link_buttons(links: &[PubLink], class: &'static str) -> Option<impl IntoView> {
    let buttons = links
        .iter()
        .filter_map(|l| match Href::classify(&l.url) {
            Some(Href::External(url)) => Some(view! {
                <li><a class=format!("pub-link link-{}", l.kind) href=url rel="noopener noreferrer external">{l.text().to_string()}</a></li>
            }),
            _ => None,
        })
        .collect::<Vec<_>>();
    (!buttons.is_empty()).then(|| {
        view! { <ul class=format!("pub-links {class}") aria-label="Links">{buttons}</ul> }
    })
}
