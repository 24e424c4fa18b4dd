//! Problems the loader found in the data file, shown to maintainers without hiding the site.

use lab_model::validate::{Problem, Severity};
use leptos::prelude::*;

#[component]
pub fn Notices(notices: Vec<Problem>) -> impl IntoView {
    if notices.is_empty() {
        return None;
    }
    let errors = notices
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let summary = format!(
        "The data file has {} problem{} ({errors} error{}); some content may be missing.",
        notices.len(),
        if notices.len() == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" },
    );
    Some(view! {
        <details class="data-notices">
            <summary>{summary}</summary>
            <ul>
                {notices.into_iter().map(|p| view! {
                    <li><code>{p.path}</code>": "{p.message}</li>
                }).collect_view()}
            </ul>
        </details>
    })
}
