//! A member on the People page: a portrait, the name linking to the profile (the link covers the
//! whole card), the role; for alumni, "Alumni" with their years and where they are now when the
//! data says.

use lab_model::{Member, Site};
use leptos::prelude::*;

use crate::components::avatar::Avatar;
use crate::components::rich_text::RichText;
use crate::paths;

#[component]
pub fn MemberCard(member: Member, site: Site) -> impl IntoView {
    let href = paths::member(&member.slug);
    let role = role_line(&member);
    let now = member
        .alumni
        .then(|| member.now.clone())
        .flatten()
        .map(|now| view! { <p class="member-now"><RichText text=now site=site.clone()/></p> });
    view! {
        <li class="member-card">
            <Avatar site=site.clone() name=member.name.clone() photo=member.photo.clone() size=128/>
            <a class="member-name" href=href>{member.name.clone()}</a>
            <p class="member-role">{role}</p>
            {now}
        </li>
    }
}

/// The role, or for an alumnus "Alumni" and their years when known.
pub fn role_line(member: &Member) -> String {
    if !member.alumni {
        return member.role.label().to_string();
    }
    match member
        .years
        .as_deref()
        .map(str::trim)
        .filter(|y| !y.is_empty())
    {
        Some(years) => format!("Alumni · {years}"),
        None => "Alumni".to_string(),
    }
}
