//! A member's photo over their initials: the initials show wherever the photo is missing, still
//! loading, failed or expired, with JavaScript or without (a failed photo draws nothing, see
//! `picture.rs`). The name always stands next to it, so the whole is decorative.

use lab_model::text::initials;
use lab_model::Site;
use leptos::prelude::*;

use crate::components::picture::Picture;

#[component]
pub fn Avatar(
    site: Site,
    name: String,
    photo: Option<String>,
    #[prop(default = 96)] size: u32,
) -> impl IntoView {
    let photo = photo.map(|src| {
        view! { <Picture site=site src=src width=size height=size sizes=size_attr(size) class="photo"/> }
    });
    view! {
        <span class=format!("avatar size-{size}") aria-hidden="true">
            <span class="initials">{initials(&name)}</span>
            {photo}
        </span>
    }
}

/// `sizes` for a square photo of `size` CSS pixels.
fn size_attr(size: u32) -> &'static str {
    match size {
        72 => "72px",
        96 => "96px",
        _ => "128px",
    }
}
