//! A facet: the values a list can be narrowed by, each with its count, as links that change the
//! URL. Choosing a value adds it to the facet's choice (values of one facet combine with OR,
//! facets with AND); choosing it again takes it out. A long facet shows its top values and a
//! "Show all N" button.

use lab_model::engine::{collapsed, FacetValue};
use lab_model::query::Filter;
use leptos::prelude::*;

use crate::paths;

/// Which filter field a facet sets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Facet {
    Year,
    Kind,
    Topic,
    Author,
}

impl Facet {
    fn toggle(self, filter: &Filter, value: &str) -> Filter {
        match self {
            Facet::Year => value
                .parse()
                .map_or_else(|_| filter.clone(), |y| filter.toggle_year(y)),
            Facet::Kind => filter.toggle_kind(value),
            Facet::Topic => filter.toggle_topic(value),
            Facet::Author => filter.toggle_author(value),
        }
    }

    /// Its key in the URL, and its name in `data-facet`.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Year => "year",
            Facet::Kind => "kind",
            Facet::Topic => "topic",
            Facet::Author => "author",
        }
    }
}

#[component]
pub fn FacetList(
    title: &'static str,
    facet: Facet,
    values: Vec<FacetValue>,
    filter: Filter,
    list_path: &'static str,
    /// Whether the visitor asked for every value of a long facet; kept by the list, so that it
    /// stays so while the facet's values change.
    expanded: RwSignal<bool>,
) -> impl IntoView {
    let shown = collapsed(&values);
    let total = values.len();
    let items = values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let href = paths::href(&facet.toggle(&filter, &v.value).href(list_path));
            let label = format!(
                "{}, {} item{}",
                v.label,
                v.count,
                if v.count == 1 { "" } else { "s" }
            );
            // Beyond the top values: hidden by the stylesheet until the list is expanded.
            let extra = shown.as_ref().is_some_and(|s| !s[i]);
            // `data-noscroll`: the list changes under the facets, the window stays where it is.
            view! {
                <li class:extra=extra>
                    <a href=href class="facet-value" class:selected=v.selected
                        aria-current=v.selected.then_some("true") aria-label=label
                        data-value=v.value.clone() data-noscroll="">
                        <span class="facet-label">{v.label.clone()}</span>" "
                        <span class="count">{v.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let id = format!("facet-{}", facet.param());
    let more = shown.map(|_| {
        let id = id.clone();
        view! {
            <button type="button" class="facet-more" id=format!("{id}-more") aria-controls=id.clone()
                aria-expanded=move || expanded.get().to_string()
                on:click=move |_| expanded.update(|e| *e = !*e)>
                {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {total}") }}
            </button>
        }
    });
    view! {
        <section class="facet" data-facet=facet.param()>
            <h2>{title}</h2>
            <ul id=id class:expanded=move || expanded.get()>{items}</ul>
            {more}
        </section>
    }
}
