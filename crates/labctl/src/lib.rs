//! `labctl`, the maintainer's tool for the lab site, as a library: each command is a module with
//! a pure core that tests and fuzz targets call directly, and [`cli`] parses command lines.
//!
//! - [`check`]: every problem of the data file at its line and column.
//! - [`schema`]: the JSON Schema of the data file, from the model's types.
//! - [`bibtex_import`]: publications merged in from BibTeX ([`bibtex_import::parse`] is the
//!   pure, panic-free parser).
//! - [`cite`]: publications filled in from DOIs, arXiv ids, PubMed ids and ORCID records.
//! - export to BibTeX is [`lab_model::bibtex`], wired up in [`cli`].
//! - [`lwt`]: a lab-website-template (Jekyll) site imported as data, images and posts.
//! - [`jsontext`]: positions of JSON paths, and printing JSON in the data file's style.
//! - [`datafile`]: atomic writes.

pub mod bibtex_import;
pub mod check;
pub mod cite;
pub mod cli;
pub mod datafile;
pub mod jsontext;
pub mod lwt;
pub mod schema;
