//! `/projects`: every project of the lab as a grid of cards, in the data file's order.

use crate::components::title::Title;
use lab_model::pages::Page;
use leptos::either::Either;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::project_card::ProjectCard;

#[component]
pub fn Projects() -> impl IntoView {
    let site = use_site();
    let title = Page::Projects.title(&site);
    let projects = site.projects().to_vec();
    let grid = if projects.is_empty() {
        Either::Left(view! { <p class="none">"No projects listed yet."</p> })
    } else {
        let cards = projects
            .into_iter()
            .map(|p| view! { <ProjectCard project=p site=site.clone() level=2/> })
            .collect_view();
        Either::Right(view! { <ul class="project-grid">{cards}</ul> })
    };
    view! {
        <Title text=title/>
        <h1>"Projects"</h1>
        <p class="lead">"The systems and tools we build, each with its papers, code and people."</p>
        {grid}
    }
}
