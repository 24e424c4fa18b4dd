//! Records applied to the data file, by the merge rule `import-bibtex` uses
//! ([`crate::bibtex_import::merge`]), with three additions for a command that runs every week:
//!
//! - **Entries listed by identifier alone** (`{"doi": "…"}`, which the site leaves out with a
//!   warning) are filled in where they stand; the fields they do have (an `id`, `topics`…) win.
//! - **A record is applied when it is news**: the first time cite sees it, when its source changed
//!   it since the last run (the cache remembers), or when the identifier is named on the command
//!   line. Then only the fields the source changed are applied, so a title corrected by hand stays
//!   corrected until the source itself changes it, and an ORCID work deleted by hand is not added
//!   again while its record stays the same.
//! - **Records of one paper become one**: an ORCID work, a listed publication and an identifier
//!   named on the command line that share a DOI, an arXiv id, a PubMed id or a normalised title are
//!   one paper, and its published version wins, keeping the preprint's arXiv id
//!   ([`super::record::combine`]). A preprint that becomes its published version loses a `url`
//!   that pointed at arXiv, so its title links to the published version.

use std::collections::{BTreeMap, BTreeSet};

use lab_model::load::{citation_stub, parse_data_placed};
use lab_model::validate::{title_key, Severity};
use lab_model::{Publication, SiteData};
use serde_json::{Map, Value};

use super::ids::Id;
use super::record::{combine, Ids, Record, WorkRef};
use super::report::{Line, Report};
use super::resolve::Resolver;
use crate::bibtex_import::{
    arxiv_of_url, merge, with_publications, Identity, ImportError, ParsedEntry,
};
use crate::check::check_text;

/// Why cite produced no new data file: as for an import, the data file's errors, a result that
/// would not pass `check`, or a file that cannot be read or written.
pub type CiteError = ImportError;

/// What a run produced: the report, and the data file's new text when it changes.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    pub data: Option<String>,
}

/// Where a paper's records go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// `data.publications[k]`.
    Listed(usize),
    /// `stubs[s]`, an entry listed by identifier alone.
    Stub(usize),
    /// Not in the data file yet.
    New,
}

/// One paper and the records cite has of it.
#[derive(Debug)]
struct Target {
    slot: Slot,
    /// How the report names it.
    label: String,
    /// The key of its merge entry: the identifier of its first record.
    key: String,
    /// Where its identifiers came from (`ORCID 0000-…`, `named`).
    from: BTreeSet<String>,
    /// Named on the command line: applied in full whatever the cache says.
    named: bool,
    records: Vec<Record>,
    previous: Vec<Option<Record>>,
}

impl Target {
    fn new(slot: Slot, label: String, key: String) -> Target {
        Target {
            slot,
            label,
            key,
            from: BTreeSet::new(),
            named: false,
            records: Vec::new(),
            previous: Vec::new(),
        }
    }

    /// `(doi:…, ORCID …)` for a report line about `what`: the identifier unless it is `what`,
    /// and where it came from.
    fn describe(&self, what: &str) -> String {
        let parts: Vec<&str> = std::iter::once(self.key.as_str())
            .filter(|k| *k != what)
            .chain(self.from.iter().map(String::as_str))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    }
}

/// An entry listed by identifier alone, at `publications[index]`.
#[derive(Debug)]
struct Stub {
    index: usize,
    fields: Map<String, Value>,
    id: Result<Id, String>,
}

/// The identifiers cite resolves a listed publication by, in the order it tries them.
fn publication_ids(p: &Publication) -> Vec<Id> {
    Ids {
        doi: p.doi.clone(),
        arxiv: p.arxiv.clone(),
        pmid: p.pmid.clone(),
    }
    .parsed()
}

/// The entries of `publications` listed by identifier alone: items the loader did not keep
/// (`kept` holds the indices of those it kept) that [`citation_stub`] recognises.
fn stubs_of(body: &str, kept: &[usize]) -> Vec<Stub> {
    let root: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let Some(items) = root.get("publications").and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| kept.binary_search(i).is_err())
        .filter_map(|(index, item)| {
            let raw = serde_json::value::to_raw_value(item).ok()?;
            citation_stub("publications", &raw)?;
            let fields = item.as_object()?.clone();
            let text = ["doi", "arxiv", "pmid"]
                .iter()
                .find_map(|k| fields.get(*k)?.as_str().filter(|v| !v.trim().is_empty()))
                .unwrap_or_default();
            Some(Stub {
                index,
                id: Id::parse(text),
                fields,
            })
        })
        .collect()
}

/// The ORCID iDs the data file lists, with where: `lab.orcid[i]` and `members[i].orcid`.
fn orcid_ids(data: &SiteData) -> Vec<(String, String)> {
    let lab = data
        .lab
        .orcid
        .iter()
        .enumerate()
        .map(|(i, o)| (format!("lab.orcid[{i}]"), o.clone()));
    let members = data
        .members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((format!("members[{i}].orcid"), m.orcid.clone()?)));
    lab.chain(members).collect()
}

/// Runs cite over the data file's text with `resolver`: `ids` are the identifiers named on the
/// command line (none: every listed publication, entry listed by identifier alone and ORCID iD
/// of the file).
pub fn cite_text(
    data_text: &str,
    ids: &[String],
    resolver: &mut Resolver,
) -> Result<Outcome, CiteError> {
    let findings = check_text(data_text);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(CiteError::Data(findings));
    }
    let body = data_text.strip_prefix('\u{FEFF}').unwrap_or(data_text);
    let parsed = parse_data_placed(body).map_err(|e| CiteError::Io(e.to_string()))?;
    let (data, kept) = (parsed.data, parsed.positions.publications);
    let stubs = stubs_of(body, &kept);
    let mut report = Report::default();
    let mut run = Run {
        data: &data,
        targets: Vec::new(),
        resolver,
        report: &mut report,
    };

    run.gather(ids, &stubs);
    let (entries, by_key) = run.entries();

    let mut merged = data.clone();
    let outcome = merge(&mut merged, &entries);
    let targets = std::mem::take(&mut run.targets);
    let target_of = |key: &str| by_key.get(key).map(|&i| &targets[i]);
    let mut appended = merged.publications.split_off(kept.len());
    let mut filled: BTreeMap<usize, Publication> = BTreeMap::new();
    for a in &outcome.added {
        let Some(t) = target_of(&a.key) else { continue };
        let members = if a.members.is_empty() {
            "no lab member among the authors".to_string()
        } else {
            format!("members: {}", a.members.join(", "))
        };
        match t.slot {
            Slot::Stub(s) => {
                let Some(at) = appended.iter().position(|p| p.id == a.id) else {
                    continue;
                };
                let p = appended.remove(at);
                match overlay(&p, &stubs[s].fields) {
                    Ok(p) => {
                        report.filled.push(Line {
                            what: t.label.clone(),
                            detail: format!("as {}{}; {members}", p.id, t.describe(&t.label)),
                        });
                        filled.insert(stubs[s].index, p);
                    }
                    Err(e) => report.skip(t.label.clone(), e),
                }
            }
            _ => report.added.push(Line {
                what: a.id.clone(),
                detail: format!("new{}; {members}; give it topics", t.describe(&a.id)),
            }),
        }
    }
    merged.publications.extend(appended);
    for u in &outcome.updated {
        let Some(t) = target_of(&u.key) else { continue };
        let mut fields = u.fields.clone();
        if let Some(p) = merged.publications.iter_mut().find(|p| p.id == u.id) {
            let arxiv_url = p.url.as_deref().and_then(arxiv_of_url).is_some();
            if fields.contains(&"venue") && arxiv_url && !p.venue.eq_ignore_ascii_case("arxiv") {
                p.url = None;
                fields.push("url");
            }
        }
        report.updated.push(Line {
            what: u.id.clone(),
            detail: format!("{}{}", fields.join(", "), t.describe(&u.id)),
        });
    }
    report.unchanged += outcome.unchanged.len();
    for s in &outcome.skipped {
        let what = target_of(&s.key).map_or(s.key.clone(), |t| t.label.clone());
        report.skip(what, s.reason.clone());
    }
    report.notes.extend(outcome.notes.iter().cloned());
    report.requests = resolver.requests();

    let data_text_out = if report.changes() {
        let mut text =
            with_publications(body, &merged.publications, &kept, &filled).map_err(CiteError::Io)?;
        if body.len() != data_text.len() {
            text.insert(0, '\u{FEFF}');
        }
        let after = check_text(&text);
        if after.iter().any(|f| f.severity == Severity::Error) {
            return Err(CiteError::Result(after));
        }
        Some(text)
    } else {
        None
    };
    Ok(Outcome {
        report,
        data: data_text_out,
    })
}

/// The stub's own fields over the publication made from its record: what a maintainer wrote
/// wins.
fn overlay(p: &Publication, stub: &Map<String, Value>) -> Result<Publication, String> {
    let mut value = serde_json::to_value(p).map_err(|e| e.to_string())?;
    if let Some(obj) = value.as_object_mut() {
        for (k, v) in stub {
            obj.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(value)
        .map_err(|e| format!("its own fields do not fit the publication cite made ({e})"))
}

/// The entry of a record that changed at its source since the last run: the fields the source
/// changed, and the publication's own values for the others (so the merge keeps them).
fn changed_fields(
    new: &Record,
    previous: Option<&Record>,
    p: &Publication,
    key: &str,
) -> ParsedEntry {
    let mut e = new.entry(key);
    let Some(old) = previous else { return e };
    if old.title == new.title {
        e.title = Some(p.title.clone());
    }
    if old.authors == new.authors {
        e.authors.clear();
    }
    if old.venue == new.venue {
        e.venue = Some(p.venue.clone());
    }
    if old.date == new.date {
        e.date = None;
    }
    e
}

/// The state of one run while targets are gathered.
struct Run<'a> {
    data: &'a SiteData,
    targets: Vec<Target>,
    resolver: &'a mut Resolver,
    report: &'a mut Report,
}

impl Target {
    fn records_have(&self, id: &Id) -> bool {
        let key = id.key();
        self.key == key || self.records.iter().any(|r| r.ids.parsed().contains(id))
    }
}

impl Run<'_> {
    /// Gathers the papers to cite: with `ids`, those named; without, every listed publication,
    /// every entry listed by identifier alone and the works of every ORCID iD of the file.
    fn gather(&mut self, ids: &[String], stubs: &[Stub]) {
        // What to resolve, and on whose behalf.
        let mut queue: Vec<(Id, String, bool)> = Vec::new();
        let mut orcids: Vec<String> = Vec::new();
        if ids.is_empty() {
            for (k, p) in self.data.publications.iter().enumerate() {
                let ids = publication_ids(p);
                if !ids.is_empty() {
                    self.own(Slot::Listed(k), p.id.clone(), &ids, false);
                }
            }
            for (s, stub) in stubs.iter().enumerate() {
                let label = format!("publications[{}]", stub.index);
                match &stub.id {
                    Ok(id) => self.own(Slot::Stub(s), label, std::slice::from_ref(id), false),
                    Err(e) => self.report.fail(label, e.clone()),
                }
            }
            for (path, text) in orcid_ids(self.data) {
                match Id::parse(&text) {
                    Ok(Id::Orcid(o)) => orcids.push(o),
                    Ok(other) => self
                        .report
                        .fail(path, format!("{other} is not an ORCID iD")),
                    Err(e) => self.report.fail(path, e),
                }
            }
        } else {
            for text in ids {
                match Id::parse(text) {
                    Ok(Id::Orcid(o)) => orcids.push(o),
                    Ok(id) => {
                        let stub = stubs.iter().position(|s| s.id.as_ref().ok() == Some(&id));
                        match stub {
                            Some(s) => {
                                let label = format!("publications[{}]", stubs[s].index);
                                self.own(Slot::Stub(s), label, std::slice::from_ref(&id), true);
                            }
                            None => queue.push((id, "named".to_string(), true)),
                        }
                    }
                    Err(e) => self.report.fail(text.clone(), e),
                }
            }
        }
        let mut untitled: Vec<(String, WorkRef)> = Vec::new();
        let mut seen_orcid = BTreeSet::new();
        for orcid in orcids.iter().filter(|o| seen_orcid.insert(o.to_string())) {
            match self.resolver.works(orcid) {
                Ok(works) => {
                    for w in works {
                        match w.ids.parsed().into_iter().next() {
                            Some(id) => queue.push((id, format!("ORCID {orcid}"), false)),
                            None => untitled.push((orcid.clone(), w)),
                        }
                    }
                }
                Err(f) => self.report.fail(format!("orcid:{orcid}"), f.to_string()),
            }
        }
        let mut queued = BTreeSet::new();
        for (id, from, named) in queue {
            if queued.insert(id.key()) {
                self.extra(&id, from, named);
            } else if let Some(t) = self.targets.iter_mut().find(|t| t.records_have(&id)) {
                t.from.insert(from);
                t.named |= named;
            }
        }
        self.note_works_without_ids(&untitled);
    }

    /// The merge entries of the papers gathered, by the rule in the module documentation, and
    /// the index of each entry's paper by its key.
    fn entries(&mut self) -> (Vec<ParsedEntry>, BTreeMap<String, usize>) {
        // Entries, by the rule in the module documentation.
        let mut entries = Vec::new();
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        for (i, t) in self.targets.iter().enumerate() {
            let Some(new) = combine(&t.records) else {
                continue;
            };
            let previous: Option<Vec<Record>> = t.previous.iter().cloned().collect();
            let previous = previous.and_then(|p| combine(&p));
            let entry = match t.slot {
                Slot::Stub(_) => new.entry(&t.key),
                Slot::Listed(_) | Slot::New if t.named || previous.is_none() => new.entry(&t.key),
                Slot::Listed(k) => match &previous {
                    Some(p) if *p == new => {
                        self.report.unchanged += 1;
                        continue;
                    }
                    _ => {
                        changed_fields(&new, previous.as_ref(), &self.data.publications[k], &t.key)
                    }
                },
                Slot::New if previous.as_ref() != Some(&new) => new.entry(&t.key),
                Slot::New => {
                    self.report.skip(
                        t.key.clone(),
                        format!(
                            "not added{}: an earlier run saw it and it is not in the data file (deleted by hand, or skipped then); name it to add it: labctl cite {}",
                            t.describe(&t.key),
                            t.key
                        ),
                    );
                    continue;
                }
            };
            by_key.insert(t.key.clone(), i);
            entries.push(entry);
        }
        (entries, by_key)
    }

    /// Resolves a listed publication's or a stub's own identifiers into a new target: the first
    /// that resolves (the next is tried when a service does not know one).
    fn own(&mut self, slot: Slot, label: String, ids: &[Id], named: bool) {
        let mut first_failure = None;
        for id in ids {
            match self.resolver.resolve(id) {
                Ok(record) => {
                    let mut t = Target::new(slot, label, id.key());
                    t.named = named;
                    if named {
                        t.from.insert("named".to_string());
                    }
                    t.previous.push(self.resolver.previous(id));
                    t.records.push(record);
                    self.targets.push(t);
                    return;
                }
                Err(f) => {
                    let retry = f.not_found;
                    first_failure.get_or_insert((id, f));
                    if !retry {
                        break;
                    }
                }
            }
        }
        if let Some((id, f)) = first_failure {
            self.report.fail(
                label,
                format!("{} {}: {f}; left as it was", id.kind(), id_text(id)),
            );
        }
    }

    /// Resolves an identifier from ORCID or the command line, and gives its record to the paper
    /// it is: a listed publication, a paper already gathered, or a new one.
    fn extra(&mut self, id: &Id, from: String, named: bool) {
        let record = match self.resolver.resolve(id) {
            Ok(r) => r,
            Err(f) => {
                self.report.fail(
                    id.key(),
                    format!("{f} (from {from}); nothing was changed for it"),
                );
                return;
            }
        };
        let previous = self.resolver.previous(id);
        let ident = Identity::of_entry(&record.entry(""));
        let listed = ["DOI", "arXiv id", "PubMed id", "title"]
            .iter()
            .find_map(|want| {
                self.data
                    .publications
                    .iter()
                    .position(|p| ident.shared(&Identity::of_publication(p)) == Some(*want))
            });
        let at = match listed {
            Some(k) => self
                .targets
                .iter()
                .position(|t| t.slot == Slot::Listed(k))
                .unwrap_or_else(|| {
                    let p = &self.data.publications[k];
                    self.targets
                        .push(Target::new(Slot::Listed(k), p.id.clone(), id.key()));
                    self.targets.len() - 1
                }),
            None => self
                .targets
                .iter()
                .position(|t| {
                    !matches!(t.slot, Slot::Listed(_))
                        && t.records
                            .iter()
                            .any(|r| ident.shared(&Identity::of_entry(&r.entry(""))).is_some())
                })
                .unwrap_or_else(|| {
                    self.targets
                        .push(Target::new(Slot::New, id.key(), id.key()));
                    self.targets.len() - 1
                }),
        };
        let t = &mut self.targets[at];
        t.from.insert(from);
        t.named |= named;
        t.records.push(record);
        t.previous.push(previous);
    }

    /// Notes the ORCID works cite cannot fetch for want of an identifier, unless they are a paper
    /// it already has (by title).
    fn note_works_without_ids(&mut self, works: &[(String, WorkRef)]) {
        let known: BTreeSet<String> = self
            .data
            .publications
            .iter()
            .map(|p| title_key(&p.title))
            .chain(
                self.targets
                    .iter()
                    .flat_map(|t| t.records.iter().map(|r| title_key(&r.title))),
            )
            .collect();
        for (orcid, w) in works {
            if w.title.is_empty() || known.contains(&title_key(&w.title)) {
                continue;
            }
            self.report.notes.push(format!(
                "ORCID {orcid}: {:?} has no DOI, arXiv id or PubMed id, so cite cannot fetch it; add it by hand (or import-bibtex it)",
                w.title
            ));
        }
    }
}

fn id_text(id: &Id) -> String {
    let key = id.key();
    key.split_once(':')
        .map_or(key.clone(), |(_, v)| v.to_string())
}
