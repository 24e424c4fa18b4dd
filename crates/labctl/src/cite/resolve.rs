//! From an identifier to a record, through the cache or the services: a DOI through Crossref
//! (DataCite for the DOIs Crossref does not hold, and first for the prefixes only DataCite
//! registers), an arXiv id through arXiv, a PubMed id through NCBI; an arXiv or PubMed record
//! that names its published version's DOI is followed to it, and the two become one record
//! ([`combine`]). An ORCID iD gives its list of works.

use std::collections::BTreeSet;

use super::cache::Cache;
use super::config::{Config, Source};
use super::http::{Client, Failure};
use super::ids::Id;
use super::record::{combine, Record, WorkRef};
use super::sources::{arxiv, crossref, datacite, orcid, pubmed};

/// Where records come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The cache, and the services for what it lacks.
    Cached,
    /// The cache only (`--offline`).
    Offline,
    /// The services, once per identifier in a run (`--refresh`).
    Refresh,
}

/// Resolves identifiers, keeping what it fetches in [`Resolver::cache`].
pub struct Resolver {
    client: Client,
    config: Config,
    mode: Mode,
    /// The cache as it was when the run started.
    old: Cache,
    /// The cache with what this run fetched.
    pub cache: Cache,
    fetched: BTreeSet<String>,
    /// Keys looked up this run, found or not.
    used: BTreeSet<String>,
}

impl Resolver {
    pub fn new(config: &Config, mode: Mode, cache: Cache) -> Resolver {
        Resolver {
            client: Client::new(config),
            config: config.clone(),
            mode,
            old: cache.clone(),
            cache,
            fetched: BTreeSet::new(),
            used: BTreeSet::new(),
        }
    }

    /// The cache to write: with `prune`, only what this run looked up (so a publication deleted
    /// from the data file leaves the cache too).
    pub fn finish(mut self, prune: bool) -> Cache {
        if prune {
            let used = &self.used;
            self.cache.works.retain(|k, _| used.contains(k));
            self.cache
                .orcid
                .retain(|k, _| used.contains(&format!("orcid:{k}")));
            self.cache.not_found.retain(|k, _| used.contains(k));
        }
        self.cache
    }

    /// How many HTTP requests the run sent.
    pub fn requests(&self) -> usize {
        self.client.requests()
    }

    /// The record of a DOI, arXiv id or PubMed id, with its published version followed.
    pub fn resolve(&mut self, id: &Id) -> Result<Record, Failure> {
        chain(id, |id, _| self.lookup(id))
    }

    /// What [`Resolver::resolve`] gave for `id` when the run started, from the cache alone;
    /// `None` when the cache did not know it.
    pub fn previous(&self, id: &Id) -> Option<Record> {
        chain(id, |id, follow_up| match self.old.works.get(&id.key()) {
            Some(r) => Ok(r.clone()),
            None => Err(Failure {
                source: Source::Crossref,
                reason: String::new(),
                not_found: follow_up,
            }),
        })
        .ok()
    }

    /// The works of an ORCID record.
    pub fn works(&mut self, orcid: &str) -> Result<Vec<WorkRef>, Failure> {
        let key = format!("orcid:{orcid}");
        self.used.insert(key.clone());
        if let Some(works) = self.cache.orcid.get(orcid) {
            if self.mode != Mode::Refresh || self.fetched.contains(&key) {
                return Ok(works.clone());
            }
        }
        if self.mode == Mode::Offline {
            return Err(offline(Source::Orcid));
        }
        let url = orcid::url(self.config.url(Source::Orcid), orcid);
        let body = self.client.get(Source::Orcid, &url, "application/json")?;
        let works = orcid::parse(&body, orcid)?;
        self.fetched.insert(key);
        self.cache.orcid.insert(orcid.to_string(), works.clone());
        Ok(works)
    }

    /// One record from the cache or its service.
    fn lookup(&mut self, id: &Id) -> Result<Record, Failure> {
        let key = id.key();
        self.used.insert(key.clone());
        let fresh = self.mode != Mode::Refresh || self.fetched.contains(&key);
        if let (Some(r), true) = (self.cache.works.get(&key), fresh) {
            return Ok(r.clone());
        }
        if let (Some(reason), true) = (self.cache.not_found.get(&key), fresh) {
            let again = if self.fetched.contains(&key) {
                ""
            } else {
                " (as an earlier run found; --refresh asks again)"
            };
            return Err(Failure {
                source: source_of(id),
                reason: format!("{reason}{again}"),
                not_found: true,
            });
        }
        if self.mode == Mode::Offline {
            return Err(offline(source_of(id)));
        }
        self.fetched.insert(key.clone());
        match self.fetch(id) {
            Ok(record) => {
                self.cache.not_found.remove(&key);
                self.cache.works.insert(key, record.clone());
                Ok(record)
            }
            Err(f) if f.not_found => {
                self.cache.works.remove(&key);
                self.cache.not_found.insert(key, f.reason.clone());
                Err(f)
            }
            // A passing failure: what the cache knew stays for the next run.
            Err(f) => Err(f),
        }
    }

    fn fetch(&mut self, id: &Id) -> Result<Record, Failure> {
        match id {
            Id::Doi(doi) => {
                let datacite_first = datacite::PREFIXES.iter().any(|p| doi.starts_with(p));
                let order = if datacite_first {
                    [Source::DataCite, Source::Crossref]
                } else {
                    [Source::Crossref, Source::DataCite]
                };
                for source in order {
                    match self.fetch_doi(source, doi) {
                        Err(f) if f.not_found => continue,
                        other => return other,
                    }
                }
                Err(Failure {
                    source: order[0],
                    reason: format!("neither Crossref nor DataCite knows the DOI {doi}"),
                    not_found: true,
                })
            }
            Id::Arxiv(a) => {
                let url = arxiv::url(self.config.url(Source::Arxiv), a);
                let body = self
                    .client
                    .get(Source::Arxiv, &url, "application/atom+xml")?;
                arxiv::parse(&body, a)
            }
            Id::Pmid(p) => {
                let url = pubmed::url(
                    self.config.url(Source::PubMed),
                    p,
                    self.config.mailto.as_deref(),
                );
                let body = self.client.get(Source::PubMed, &url, "application/json")?;
                pubmed::parse(&body, p)
            }
            Id::Orcid(o) => Err(Failure::new(
                Source::Orcid,
                format!("{o} is an ORCID iD, which lists works rather than being one"),
            )),
        }
    }

    fn fetch_doi(&mut self, source: Source, doi: &str) -> Result<Record, Failure> {
        let base = self.config.url(source);
        if source == Source::DataCite {
            let body = self.client.get(
                source,
                &datacite::url(base, doi),
                "application/vnd.api+json",
            )?;
            datacite::parse(&body, doi)
        } else {
            let url = crossref::url(base, doi, self.config.mailto.as_deref());
            let body = self.client.get(source, &url, "application/json")?;
            crossref::parse(&body, doi)
        }
    }
}

/// The service that answers for an identifier.
fn source_of(id: &Id) -> Source {
    match id {
        Id::Arxiv(_) => Source::Arxiv,
        Id::Pmid(_) => Source::PubMed,
        Id::Orcid(_) => Source::Orcid,
        Id::Doi(d) if datacite::PREFIXES.iter().any(|p| d.starts_with(p)) => Source::DataCite,
        Id::Doi(_) => Source::Crossref,
    }
}

fn offline(source: Source) -> Failure {
    Failure::new(
        source,
        "not in the cache, and --offline fetches nothing; run without --offline",
    )
}

/// The record of `id` through `lookup` (given each identifier and whether it is a follow-up),
/// with the published version of an arXiv or PubMed record followed through its DOI. A DOI no
/// service knows leaves the first record as it is.
fn chain(
    id: &Id,
    mut lookup: impl FnMut(&Id, bool) -> Result<Record, Failure>,
) -> Result<Record, Failure> {
    let first = lookup(id, false)?;
    let follow = match id {
        Id::Doi(_) => None,
        _ => first.ids.doi.clone(),
    };
    let Some(doi) = follow else {
        return Ok(first);
    };
    match lookup(&Id::Doi(doi.to_ascii_lowercase()), true) {
        Ok(published) => Ok(combine(&[published, first.clone()]).unwrap_or(first)),
        Err(f) if f.not_found => Ok(first),
        Err(f) => Err(f),
    }
}
