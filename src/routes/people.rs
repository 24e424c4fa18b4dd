//! `/people`: current members grouped by role in a fixed order, then alumni.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::member_card::MemberCard;

#[component]
pub fn People() -> impl IntoView {
    let site = use_site();
    let (groups, alumni) = site.people();
    let groups = groups
        .into_iter()
        .map(|g| {
            let id = format!("role-{:?}", g.role).to_lowercase();
            let labelledby = id.clone();
            let cards = g
                .members
                .into_iter()
                .map(|m| view! { <MemberCard member=m.clone() site=site.clone()/> })
                .collect_view();
            view! {
                <section class="role-group" aria-labelledby=labelledby>
                    <h2 id=id>{g.role.group_label()}</h2>
                    <ul class="member-grid">{cards}</ul>
                </section>
            }
        })
        .collect_view();
    let alumni = (!alumni.is_empty()).then(|| {
        let cards = alumni
            .into_iter()
            .map(|m| view! { <MemberCard member=m.clone() site=site.clone()/> })
            .collect_view();
        view! {
            <section class="role-group alumni" aria-labelledby="role-alumni">
                <h2 id="role-alumni">"Alumni"</h2>
                <ul class="member-grid">{cards}</ul>
            </section>
        }
    });
    let title = Page::People.title(&site);
    view! {
        <Title text=title/>
        <h1>"People"</h1>
        {groups}
        {alumni}
    }
}
