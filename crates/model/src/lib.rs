//! The lab site's data model, free of any web or UI crate so that it compiles and tests natively.
//!
//! Flow: [`load::load_site`] turns the text of `data/site.json` into a [`site::Site`] (or a
//! [`load::LoadError`] that says what is wrong and where), plus notices about items it had to skip.
//! A [`site::Site`] answers every question the views ask: filtered lists with facet counts
//! ([`engine`]), members grouped by role, a member's publications and news.
//! The URL query string of a filterable page round-trips through [`query::Filter`].

pub mod bibtex;
pub mod date;
pub mod engine;
pub mod images;
pub mod load;
pub mod markdown;
pub mod pages;
pub mod paging;
pub mod posts;
pub mod query;
pub mod routes;
pub mod scan;
pub mod search;
pub mod site;
pub mod text;
pub mod types;
pub mod validate;

pub use load::{
    fingerprint, load_site, load_site_at, load_site_bytes, load_site_bytes_at,
    load_site_bytes_with, Checks, LoadError, Loaded,
};
pub use site::Site;
pub use types::*;
