//! Renders the inline markdown subset of text fields by building DOM nodes; data is never parsed
//! as HTML. Profile links to unknown members render as plain text.

use lab_model::markdown::{parse, Href, Inline};
use lab_model::Site;
use leptos::prelude::*;

use crate::paths;

/// Views of already parsed markdown (for callers that also read the nodes, so the text is parsed
/// once).
pub fn render(nodes: Vec<Inline>, site: &Site) -> Vec<AnyView> {
    render_on(nodes, site, "")
}

/// [`render`] on the page at the site path `here` (`/members/ann`): a link to that page is shown
/// as its text, since a page does not link to itself.
pub fn render_on(nodes: Vec<Inline>, site: &Site, here: &str) -> Vec<AnyView> {
    nodes
        .into_iter()
        .map(|n| render_one(n, site, here))
        .collect()
}

fn render_one(node: Inline, site: &Site, here: &str) -> AnyView {
    match node {
        Inline::Text(t) => t.into_any(),
        Inline::Code(c) => view! { <code>{c}</code> }.into_any(),
        Inline::Emph(c) => view! { <em>{render_on(c, site, here)}</em> }.into_any(),
        Inline::Strong(c) => view! { <strong>{render_on(c, site, here)}</strong> }.into_any(),
        Inline::Link { href, children } => {
            let inner = render_on(children, site, here);
            match href {
                Href::Internal(path) if !here.is_empty() && path.trim_end_matches('/') == here => {
                    view! { <span class="self-link">{inner}</span> }.into_any()
                }
                Href::Internal(path) => {
                    let known = href_member_known(&Href::Internal(path.clone()), site);
                    if known {
                        view! { <a href=paths::href(&path)>{inner}</a> }.into_any()
                    } else {
                        view! { <span>{inner}</span> }.into_any()
                    }
                }
                Href::External(url) | Href::Mail(url) => {
                    view! { <a href=url rel="noopener noreferrer external">{inner}</a> }.into_any()
                }
            }
        }
    }
}

/// False only for a profile link whose member, or a project link whose project, does not exist.
fn href_member_known(href: &Href, site: &Site) -> bool {
    href.member_slug()
        .is_none_or(|slug| site.member(slug).is_some())
        && href
            .project_slug()
            .is_none_or(|slug| site.project(slug).is_some())
}

#[component]
pub fn RichText(#[prop(into)] text: String, site: Site) -> impl IntoView {
    render(parse(&text), &site)
}
