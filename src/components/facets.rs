//! A facet: the values a list can be narrowed by, each with its count, as links that change the URL.

use lab_model::engine::FacetValue;
use lab_model::query::Filter;
use leptos::prelude::*;

use crate::paths;

/// Which filter field a facet sets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Year,
    Topic,
    Author,
}

impl Facet {
    fn toggle(self, filter: &Filter, value: &str) -> Filter {
        match self {
            Facet::Year => value
                .parse()
                .map_or_else(|_| filter.clone(), |y| filter.toggle_year(y)),
            Facet::Topic => filter.toggle_topic(value),
            Facet::Author => filter.toggle_author(value),
        }
    }

    fn param(self) -> &'static str {
        match self {
            Facet::Year => "year",
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
) -> impl IntoView {
    let items = values
        .into_iter()
        .map(|v| {
            let href = paths::href(&facet.toggle(&filter, &v.value).href(list_path));
            let label = format!(
                "{}, {} item{}",
                v.label,
                v.count,
                if v.count == 1 { "" } else { "s" }
            );
            view! {
                <li>
                    <a href=href class="facet-value" class:selected=v.selected
                        aria-current=v.selected.then_some("true") aria-label=label
                        data-value=v.value.clone()>
                        <span class="facet-label">{v.label.clone()}</span>" "
                        <span class="count">{v.count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="facet" data-facet=facet.param()>
            <h2>{title}</h2>
            <ul>{items}</ul>
        </section>
    }
}
