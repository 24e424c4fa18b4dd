//! `labctl cite`: publications filled in and kept up to date from their identifiers.
//!
//! A publication may be listed by identifier alone (`{"doi": "…"}`, `{"arxiv": "…"}`,
//! `{"pmid": "…"}`), and the lab (`lab.orcid`) or a member (`orcid`) may name ORCID iDs whose
//! public works belong on the site. `cite` resolves every identifier ([`resolve`]: Crossref and
//! DataCite for DOIs, arXiv, NCBI's E-utilities for PubMed ids, ORCID's public API for works) and
//! applies the records to the data file ([`apply`]) by the merge rule `import-bibtex` uses.
//!
//! Fetched metadata is kept in `citations.cache.json` beside the data file ([`cache`]): the site
//! build never asks a service, a second run asks nothing it already knows, `--offline` asks
//! nothing at all and `--refresh` asks everything again (what the weekly workflow does). An
//! identifier that fails (not found, no answer in time, still rate-limited or failing after the
//! retries, an answer cut short or not data) is reported with its service and the reason, and
//! leaves its entry as it was; the others go on.
//!
//! Modules: [`ids`] reads identifiers, [`sources`] reads each service's answers, [`http`] asks
//! politely, [`config`] says where and how, [`record`] is the normalised metadata, [`report`]
//! what a run did.

pub mod apply;
pub mod cache;
pub mod config;
pub mod http;
pub mod ids;
pub mod record;
pub mod report;
pub mod resolve;
pub mod sources;
mod text;

use std::path::{Path, PathBuf};

pub use apply::{cite_text, CiteError, Outcome};
pub use config::{Config, Source};
pub use report::Report;
pub use resolve::{Mode, Resolver};

use cache::Cache;
use lab_model::load::parse_data;

use crate::datafile;

/// The options of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Identifiers named on the command line; none means everything the data file lists.
    pub ids: Vec<String>,
    /// Report what would change, write nothing.
    pub dry_run: bool,
    /// Use the cache only.
    pub offline: bool,
    /// Fetch everything again (the cache still tells what changed at the source).
    pub refresh: bool,
}

/// What a run did, and which files it wrote.
#[derive(Debug)]
pub struct Cited {
    pub report: Report,
    /// The data file was rewritten.
    pub wrote_data: bool,
    /// The cache file was written.
    pub wrote_cache: bool,
    pub cache_path: PathBuf,
}

/// The cache file of a data file: `citations.cache.json` beside it.
pub fn cache_path(data_path: &Path) -> PathBuf {
    data_path.with_file_name(cache::FILE_NAME)
}

/// `labctl cite` on the data file at `data_path`; `config` gives the services' settings from the
/// lab's name and e-mail address. Writes the data file and the cache (atomically) unless
/// `dry_run`.
pub fn cite_file(
    data_path: &Path,
    options: &Options,
    config: impl FnOnce(&str, Option<&str>) -> Result<Config, String>,
) -> Result<Cited, CiteError> {
    let read_error =
        |p: &Path, e: std::io::Error| CiteError::Io(format!("cannot read {}: {e}", p.display()));
    let data_text = std::fs::read_to_string(data_path).map_err(|e| read_error(data_path, e))?;
    let cache_path = cache_path(data_path);
    let cache_text = match std::fs::read_to_string(&cache_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(read_error(&cache_path, e)),
    };
    let cache = match &cache_text {
        Some(t) => {
            Cache::parse(t).map_err(|e| CiteError::Io(format!("{}: {e}", cache_path.display())))?
        }
        None => Cache::new(),
    };
    let body = data_text.strip_prefix('\u{FEFF}').unwrap_or(&data_text);
    let lab = parse_data(body).ok().map(|(d, _, _)| d.lab);
    let config = config(
        lab.as_ref().map_or("a lab", |l| l.name.as_str()),
        lab.as_ref().and_then(|l| l.links.email.as_deref()),
    )
    .map_err(CiteError::Io)?;
    let mode = match (options.offline, options.refresh) {
        (true, true) => {
            return Err(CiteError::Io(
                "--offline and --refresh contradict each other; choose one".to_string(),
            ))
        }
        (true, false) => Mode::Offline,
        (false, true) => Mode::Refresh,
        (false, false) => Mode::Cached,
    };
    let mut resolver = Resolver::new(&config, mode, cache);
    let outcome = cite_text(&data_text, &options.ids, &mut resolver)?;
    let prune = options.ids.is_empty() && outcome.report.failed.is_empty();
    let new_cache = resolver.finish(prune).to_text();
    let cache_changes = match &cache_text {
        Some(old) => *old != new_cache,
        None => new_cache != Cache::new().to_text(),
    };
    let mut cited = Cited {
        report: outcome.report,
        wrote_data: false,
        wrote_cache: false,
        cache_path,
    };
    if options.dry_run {
        return Ok(cited);
    }
    let write = |path: &Path, text: &str| {
        datafile::write_atomic(path, text.as_bytes()).map_err(|e| {
            CiteError::Io(format!(
                "cannot write {}: {e}; the file is unchanged",
                path.display()
            ))
        })
    };
    // The data file first: a cache written without it would hide its changes from the next run.
    if let Some(text) = &outcome.data {
        write(data_path, text)?;
        cited.wrote_data = true;
    }
    if cache_changes {
        write(&cited.cache_path, &new_cache)?;
        cited.wrote_cache = true;
    }
    Ok(cited)
}
