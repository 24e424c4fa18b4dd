//! `labctl import-lwt`: a lab website built on greenelab's lab-website-template (LWT 1.x, the
//! Jekyll theme) turned into this site's data file, images and posts, in one command.
//!
//! [`import`] reads the checkout (members, publications, posts, projects, news, the lab),
//! translates it ([`markup`] for LWT's Liquid and HTML, [`clean`] for the values), checks the
//! result with `labctl check`'s rules ([`fix`] leaves out what still breaks one), merges it with
//! the output of an earlier run without losing the edits made since ([`merge`]), and writes
//! `DIR/data/site.json`, `DIR/data/images/…`, `DIR/data/posts/<slug>.md` and the record of the
//! import, `DIR/.lwt-import.json` (nothing with `--dry-run`). Nothing in a repository makes it
//! fail: what cannot be carried over is left out and named in the [`report::Report`], with the
//! source file and line. It fails only when it must not write: the source is not an LWT site,
//! or `DIR/data/site.json` exists and was not written by an earlier import (or has errors).

pub mod clean;
pub mod fix;
pub mod git;
pub mod images;
pub mod markup;
pub mod merge;
pub mod news;
pub mod papers;
pub mod people;
pub mod posts;
pub mod report;
pub mod site;
pub mod source;
pub mod topics;

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use lab_model::date::Date;
use lab_model::validate::Severity;
use lab_model::SiteData;

use crate::check::{check_images, check_posts, check_text};
use crate::datafile::write_atomic;
use crate::jsontext::Json;

use self::fix::{fix_errors, Origins};
use self::images::{copy_image, hash, Copied, Images};
use self::markup::{Context, Markup, Types};
use self::merge::{Record, RECORD};
use self::posts::Post;
use self::report::{Kind, Origin, Report};
use self::source::{load_yaml, Repo};
use self::topics::Vocabulary;

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The LWT checkout.
    pub source: PathBuf,
    /// The folder that gets `data/` (and the record of the import).
    pub out: PathBuf,
    pub dry_run: bool,
}

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The source is not an LWT site.
    NotLwt(String),
    /// The output holds a data file this importer must not replace.
    Refused(String),
    /// The existing data file or record cannot be merged into.
    Data(String),
    /// Reading or writing a file failed.
    Io(String),
    /// A bug: the import itself failed.
    Internal(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotLwt(s)
            | ImportError::Refused(s)
            | ImportError::Data(s)
            | ImportError::Io(s)
            | ImportError::Internal(s) => f.write_str(s),
        }
    }
}

/// The result of an import that had nothing stop it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: Report,
    /// The data file's text (written unless a dry run).
    pub data: String,
    /// The posts' files: slug → text.
    pub posts: BTreeMap<String, String>,
}

/// Imports `options.source` into `options.out`. Never panics: a bug is an
/// [`ImportError::Internal`].
pub fn import(options: &Options) -> Result<Imported, ImportError> {
    catch_unwind(AssertUnwindSafe(|| import_unguarded(options))).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ImportError::Internal(format!(
            "the import stopped on an internal error ({what}); nothing was written. Please report it with the repository that caused it"
        )))
    })
}

/// Whether a folder looks like an LWT (or any Jekyll lab) site.
fn looks_like_lwt(root: &Path) -> bool {
    [
        "_config.yaml",
        "_config.yml",
        "_members",
        "_data/citations.yaml",
        "_data/sources.yaml",
        "_posts",
    ]
    .iter()
    .any(|p| root.join(p).exists())
}

/// What a fresh import of the checkout gives, before any merge.
struct Fresh {
    data: SiteData,
    posts: Vec<Post>,
    images: Images,
    publication_ids: BTreeMap<String, String>,
    news_ids: BTreeMap<String, String>,
}

fn fresh(
    source: &Path,
    out_data: &Path,
    record: &Record,
    report: &mut Report,
) -> Result<Fresh, ImportError> {
    let mut repo = Repo::new(source);
    let config = site::config(&mut repo, report);
    let prefixes = site::site_prefixes(&config);
    // LWT 1.x keeps roles and link types in types.yaml; LWT 0.x in roles.yaml and links.yaml.
    let mut type_files = Vec::new();
    for file in ["_data/links.yaml", "_data/roles.yaml", "_data/types.yaml"] {
        if let Some(v) = repo
            .read(file, report)
            .and_then(|t| load_yaml(&t, file, 1, report))
        {
            type_files.push(v);
        }
    }
    let types = Types::from_yaml_files(&type_files);
    let mut images = Images::new(source, out_data, prefixes.clone(), record.image_hashes());
    let lab = site::lab(&mut repo, &config, &types, &mut images, report)
        .map_err(ImportError::Internal)?;
    let raws = people::read(&mut repo, report);
    let pages = site::pages(&mut repo, report);
    let mut ctx = Context {
        types: types.clone(),
        members: raws
            .iter()
            .map(|r| (r.slug.clone(), r.name.clone()))
            .collect(),
        citations: Vec::new(),
        posts: posts::names(&repo),
        site_prefixes: prefixes,
        pages,
    };
    let members = people::build(&raws, &types, &Markup { ctx: &ctx }, &mut images, report);
    let mut origins = Origins {
        members: members.iter().map(|(_, at)| at.clone()).collect(),
        ..Origins::default()
    };
    let lab_name = lab.name.clone();
    let mut data: SiteData = serde_json::from_value(serde_json::json!({
        "$schema": "./site.schema.json",
        "version": lab_model::DATA_VERSION,
        "lab": lab,
        "topics": [],
        "members": [],
        "publications": [],
        "news": [],
    }))
    .map_err(|e| ImportError::Internal(format!("the data could not be made: {e}")))?;
    data.members = members.into_iter().map(|(m, _)| m).collect();

    let mut vocabulary = Vocabulary::default();
    let (publication_ids, publication_origins) = papers::import(
        &mut repo,
        &mut data,
        &types,
        &mut images,
        &mut vocabulary,
        &record.publication_ids,
        &lab_name,
        report,
    );
    let key_of_id: BTreeMap<&String, &String> =
        publication_ids.iter().map(|(k, v)| (v, k)).collect();
    ctx.citations = data
        .publications
        .iter()
        .map(|p| {
            let key = key_of_id.get(&p.id).map_or(p.id.clone(), |k| k.to_string());
            (key, p.title.clone(), p.link())
        })
        .collect();
    origins.publications = publication_origins;
    let markup = Markup { ctx: &ctx };
    let projects = site::projects(&mut repo, &markup, &mut images, &mut vocabulary, report);
    origins.projects = projects.iter().map(|(_, at)| at.clone()).collect();
    data.projects = projects.into_iter().map(|(p, _)| p).collect();
    let mut posts = posts::import(&mut repo, &markup, &mut images, &mut vocabulary, report);
    let newest = data
        .publications
        .iter()
        .map(|p| p.date.as_str())
        .chain(posts.iter().map(|p| p.date.as_str()))
        .filter_map(Date::parse)
        .max();
    let inputs = news::Inputs {
        markup: &markup,
        newest,
        previous_ids: &record.news_ids,
    };
    let news = news::import(&mut repo, &inputs, &mut images, &mut vocabulary, report);
    let mut news_ids = BTreeMap::new();
    for (item, key, at) in news {
        news_ids.insert(key, item.id.clone());
        origins.news.push(at);
        data.news.push(item);
    }
    data.topics = vocabulary.topics;
    // The topics the import gave news items say what an item is: the data file's kinds.
    let kinds: Vec<&str> = data
        .topics
        .iter()
        .map(|t| t.slug.as_str())
        .filter(|s| {
            news::KINDS.iter().any(|(k, _)| k == s)
                && data.news.iter().any(|n| n.topics.iter().any(|t| t == s))
        })
        .collect();
    if !kinds.is_empty() {
        let mut value =
            serde_json::to_value(&data).map_err(|e| ImportError::Internal(e.to_string()))?;
        value["kinds"] = serde_json::json!(kinds);
        data = serde_json::from_value(value).map_err(|e| ImportError::Internal(e.to_string()))?;
    }
    repo.report_crlf(report);
    if !fix_errors(&mut data, &mut origins, &mut posts, report) {
        return Err(ImportError::Internal(
            "the imported data still had errors after leaving out what broke the rules; nothing was written. Please report it with the repository that caused it".to_string(),
        ));
    }
    Ok(Fresh {
        data,
        posts,
        images,
        publication_ids,
        news_ids,
    })
}

fn errors_of(text: &str) -> Vec<String> {
    check_text(text)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            format!(
                "  {}:{}: {}: {}",
                f.position.line, f.position.column, f.path, f.message
            )
        })
        .collect()
}

fn import_unguarded(options: &Options) -> Result<Imported, ImportError> {
    let source = &options.source;
    if !source.is_dir() {
        return Err(ImportError::NotLwt(format!(
            "{} is not a folder",
            source.display()
        )));
    }
    if !looks_like_lwt(source) {
        return Err(ImportError::NotLwt(format!(
            "{} does not look like a lab-website-template site (no _config.yaml, _members, _data/citations.yaml or _posts)",
            source.display()
        )));
    }
    let out_data = options.out.join("data");
    let data_path = out_data.join("site.json");
    let record_path = options.out.join(RECORD);
    let record: Option<Record> = match std::fs::read_to_string(&record_path) {
        Ok(t) => Some(serde_json::from_str(&t).map_err(|e| {
            ImportError::Data(format!(
                "{} cannot be read ({e}); it is the record of the last import, which a re-run needs: restore it, or delete it together with data/site.json to import afresh",
                record_path.display()
            ))
        })?),
        Err(_) => None,
    };
    let ours = std::fs::read_to_string(&data_path).ok();
    if ours.is_some() && record.is_none() {
        return Err(ImportError::Refused(format!(
            "{} exists and was not written by import-lwt (there is no {RECORD} beside data/), so it is not replaced. To start the site from the LWT site, remove data/site.json (and data/images/ and data/posts/ if they belong to another site), or import into an empty folder with --out",
            data_path.display()
        )));
    }
    if let Some(text) = &ours {
        let errors = errors_of(text);
        if !errors.is_empty() {
            return Err(ImportError::Data(format!(
                "{} has errors; fix them first (labctl check lists them all), then import again:\n{}",
                data_path.display(),
                errors.join("\n")
            )));
        }
    }
    let record = record.unwrap_or_default();
    let mut report = Report::default();
    let mut fresh = fresh(source, &out_data, &record, &mut report)?;
    let theirs_value = serde_json::to_value(&fresh.data)
        .map_err(|e| ImportError::Internal(format!("the data could not be written: {e}")))?;

    // The data file: the fresh import, or its merge with the current file.
    let final_data: SiteData = match &ours {
        Some(text) => {
            let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            let ours_value: serde_json::Value = serde_json::from_str(body).map_err(|e| {
                ImportError::Data(format!("{} is not JSON: {e}", data_path.display()))
            })?;
            let merged = merge::merge(&record.data, &ours_value, &theirs_value, &mut report);
            serde_json::from_value(merged).map_err(|e| {
                ImportError::Data(format!(
                    "the merged data does not fit the data file's shape ({e}); nothing was written"
                ))
            })?
        }
        None => fresh.data.clone(),
    };
    let tree = Json::from_serialize(&final_data).map_err(ImportError::Internal)?;
    let tree = match &ours {
        Some(text) => tree.ordered_like(
            Json::parse(text.strip_prefix('\u{FEFF}').unwrap_or(text))
                .ok()
                .as_ref(),
        ),
        None => tree,
    };
    let text = tree.to_pretty();
    let errors = errors_of(&text);
    if !errors.is_empty() {
        return Err(ImportError::Data(format!(
            "the result would not pass labctl check; nothing was written:\n{}",
            errors.join("\n")
        )));
    }
    for f in check_text(&text) {
        report.push(
            Kind::Warning,
            Origin::default(),
            format!(
                "data/site.json:{}:{}: {}: {}",
                f.position.line, f.position.column, f.path, f.message
            ),
        );
    }

    // Posts: only those whose authors and topics survived; their files.
    let post_texts: BTreeMap<String, String> = fresh
        .posts
        .iter()
        .map(|p| (p.slug.clone(), p.file_text()))
        .collect();
    report.counts = report::Counts {
        members: final_data.members.len(),
        publications: final_data.publications.len(),
        posts: fresh.posts.len(),
        projects: final_data.projects.len(),
        news: final_data.news.len(),
        topics: final_data.topics.len(),
        images: fresh.images.planned.len(),
    };
    for (dest, src) in &fresh.images.planned {
        let rel = src
            .strip_prefix(source)
            .unwrap_or(src)
            .display()
            .to_string();
        report.imported(Origin::new(&rel, 0), format!("image → data/{dest}"));
    }
    let mut new_record = Record {
        // As given on the command line (no absolute path of this machine in a committed file).
        source: source.display().to_string(),
        data: theirs_value,
        posts: post_texts
            .iter()
            .map(|(s, t)| (s.clone(), format!("{:x}", hash(t.as_bytes()))))
            .collect(),
        images: BTreeMap::new(),
        publication_ids: std::mem::take(&mut fresh.publication_ids),
        news_ids: std::mem::take(&mut fresh.news_ids),
    };
    if options.dry_run {
        return Ok(Imported {
            report,
            data: text,
            posts: post_texts,
        });
    }

    // Write: images, posts, the data file, then the record.
    let io = |e: std::io::Error, what: &Path| {
        ImportError::Io(format!("cannot write {}: {e}", what.display()))
    };
    let previous_images = record.image_hashes();
    for (dest, src) in &fresh.images.planned {
        let path = out_data.join(dest);
        let bytes_hash = std::fs::read(src)
            .map(|b| hash(&b))
            .map_err(|e| io(e, src))?;
        match copy_image(src, &path, previous_images.get(dest).copied())
            .map_err(|e| io(e, &path))?
        {
            Copied::Written => report.written.push(format!("data/{dest}")),
            Copied::Unchanged => {}
            Copied::KeptEdited => report.push(
                Kind::Changed,
                Origin::default(),
                format!("data/{dest} was changed since the last import; your version was kept"),
            ),
        }
        new_record
            .images
            .insert(dest.clone(), format!("{bytes_hash:x}"));
    }
    let posts_dir = out_data.join(lab_model::posts::POSTS_DIR);
    for (slug, body) in &post_texts {
        let path = posts_dir.join(format!("{slug}.md"));
        let previous = record.post_hash(slug);
        match std::fs::read(&path) {
            Ok(current) if current == body.as_bytes() => {}
            Ok(current) if previous == Some(hash(&current)) => {
                write_atomic(&path, body.as_bytes()).map_err(|e| io(e, &path))?;
                report.written.push(format!("data/posts/{slug}.md"));
            }
            Ok(_) => report.push(
                Kind::Changed,
                Origin::default(),
                format!(
                    "data/posts/{slug}.md {}; it was kept, and the LWT post not written over it",
                    if previous.is_some() {
                        "was edited since the last import"
                    } else {
                        "exists and was not written by import-lwt"
                    }
                ),
            ),
            Err(_) if previous.is_some() => report.push(
                Kind::Changed,
                Origin::default(),
                format!(
                    "data/posts/{slug}.md was deleted since the last import; not written again"
                ),
            ),
            Err(_) => {
                std::fs::create_dir_all(&posts_dir).map_err(|e| io(e, &posts_dir))?;
                write_atomic(&path, body.as_bytes()).map_err(|e| io(e, &path))?;
                report.written.push(format!("data/posts/{slug}.md"));
            }
        }
    }
    for (slug, old) in &record.posts {
        if post_texts.contains_key(slug) {
            continue;
        }
        let path = posts_dir.join(format!("{slug}.md"));
        if let Ok(current) = std::fs::read(&path) {
            if format!("{:x}", hash(&current)) == *old {
                std::fs::remove_file(&path).map_err(|e| io(e, &path))?;
                report.push(
                    Kind::Changed,
                    Origin::default(),
                    format!("data/posts/{slug}.md is no longer in the LWT site; removed"),
                );
            } else {
                report.push(Kind::Changed, Origin::default(), format!("data/posts/{slug}.md is no longer in the LWT site, but you edited it; kept"));
            }
        }
    }
    std::fs::create_dir_all(&out_data).map_err(|e| io(e, &out_data))?;
    if ours.as_deref() != Some(text.as_str()) {
        write_atomic(&data_path, text.as_bytes()).map_err(|e| io(e, &data_path))?;
        report.written.push("data/site.json".to_string());
    }
    let record_text = serde_json::to_string_pretty(&new_record)
        .map_err(|e| ImportError::Internal(format!("the record could not be written: {e}")))?;
    write_atomic(&record_path, format!("{record_text}\n").as_bytes())
        .map_err(|e| io(e, &record_path))?;
    // The images and posts as the check sees them, now that they are in place: its errors are
    // what was not carried over, its warnings stay warnings.
    let images = check_images(&text, &out_data)
        .into_iter()
        .map(|f| ("data/site.json".to_string(), f));
    for (file, f) in images.chain(check_posts(Some(&text), &out_data, "data/")) {
        let kind = if f.severity == Severity::Error {
            Kind::NotCarried
        } else {
            Kind::Warning
        };
        report.push(
            kind,
            Origin::default(),
            format!(
                "{file}:{}:{}: {}: {}",
                f.position.line, f.position.column, f.path, f.message
            ),
        );
    }
    Ok(Imported {
        report,
        data: text,
        posts: post_texts,
    })
}
