//! A project as a card: its picture, its name linking to its page, and one line about it. The
//! projects grid, the home page and profiles all show projects this way.

use lab_model::{Project, Site};
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::picture::Picture;
use crate::paths;

#[component]
pub fn ProjectCard(
    project: Project,
    site: Site,
    /// The heading level of the name: 2 on the projects page, 3 under a section's heading.
    #[prop(default = 3)]
    level: u8,
    /// Without the picture: a profile lists a member's projects without crowding their papers.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let href = paths::project(&project.slug);
    // The picture's box is fixed (16:10) whatever the image's shape, so the grid never shifts.
    let image = project.image.clone().filter(|_| !compact).map(|src| {
        view! {
            <div class="project-thumb">
                <Picture site=site.clone() src=src width=320 height=200 sizes="(max-width: 40rem) 100vw, 320px"/>
            </div>
        }
    });
    let name = project.name.clone();
    let heading = if level == 2 {
        Either::Left(view! { <h2 class="project-name"><a href=href>{name}</a></h2> })
    } else {
        Either::Right(view! { <h3 class="project-name"><a href=href>{name}</a></h3> })
    };
    let class = if image.is_some() {
        "project-card has-image"
    } else {
        "project-card"
    };
    view! {
        <li class=class id=format!("project-{}", project.slug)>
            {image}
            {heading}
            <p class="project-summary">{project.summary()}</p>
        </li>
    }
}
