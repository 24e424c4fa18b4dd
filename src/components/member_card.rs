//! A member on the People page: avatar, name linking to the profile, role.

use lab_model::{Member, Site};
use leptos::prelude::*;

use crate::components::avatar::Avatar;
use crate::paths;

#[component]
pub fn MemberCard(member: Member, site: Site) -> impl IntoView {
    let href = paths::member(&member.slug);
    view! {
        <li class="member-card">
            <Avatar site=site name=member.name.clone() photo=member.photo.clone() size=72/>
            <div>
                <a class="member-name" href=href>{member.name.clone()}</a>
                <p class="member-role">{member.role.label()}</p>
            </div>
        </li>
    }
}
