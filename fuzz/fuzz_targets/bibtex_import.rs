//! The BibTeX importer of `labctl`: `parse` never panics and never lets a panic out, what it reads
//! is clean, and merging what it read into the bundled data never adds a rule violation and
//! accounts for every entry exactly once.
//!
//! `parse` guards the `biblatex` crate with `catch_unwind`. libFuzzer's panic hook would abort on
//! any panic, caught or not, so this target installs one that only records it: a panic the guard
//! turns into an error is reported on stderr (with `BIBTEX_STRICT=1` it aborts, to keep and
//! minimise the input); a panic that escapes still aborts, as libfuzzer-sys aborts on any panic
//! that reaches it.
#![no_main]

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use lab_model::load::parse_data;
use lab_model::validate::{validate, Positions, Severity};
use lab_model::SiteData;
use labctl::bibtex_import::{merge, parse};
use libfuzzer_sys::fuzz_target;

static PANICKED: AtomicBool = AtomicBool::new(false);
static PANIC_SITES: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
static BUNDLED: OnceLock<SiteData> = OnceLock::new();

fn errors(d: &SiteData) -> BTreeSet<(String, String)> {
    validate(d, &Positions::identity(d))
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.path, p.message))
        .collect()
}

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|info| {
            PANICKED.store(true, Ordering::SeqCst);
            let site = info
                .location()
                .map_or_else(|| "unknown".to_string(), |l| format!("{}:{}", l.file(), l.line()));
            if PANIC_SITES.lock().unwrap().insert(site.clone()) {
                eprintln!("panic at {site}: {info}");
            }
        }));
        let text = include_str!("../../data/site.json");
        BUNDLED.get_or_init(|| parse_data(text).expect("bundled data loads").0);
    },
    |text: &str| {
        PANICKED.store(false, Ordering::SeqCst);
        let parsed = parse(text);
        if PANICKED.load(Ordering::SeqCst) {
            // The guard caught a panic inside the parser: it must have become an error.
            assert!(parsed.is_err(), "a caught panic must fail the parse");
            if std::env::var_os("BIBTEX_STRICT").is_some() {
                std::process::abort();
            }
            return;
        }
        let entries = match parsed {
            Ok(entries) => entries,
            Err(e) => {
                assert!(e.line >= 1 && e.column >= 1, "{e:?}");
                return;
            }
        };
        for e in &entries {
            assert_eq!(e.kind, e.kind.to_lowercase(), "{e:?}");
            if let Some(d) = e.date {
                assert!(d.month.is_none_or(|m| (1..=12).contains(&m)), "{e:?}");
                assert!(d.day.is_none_or(|day| (1..=31).contains(&day)), "{e:?}");
                assert!(d.day.is_none() || d.month.is_some(), "{e:?}");
            }
        }

        let mut data = BUNDLED.get().expect("initialised").clone();
        let before = errors(&data);
        let pubs_before = data.publications.len();
        let report = merge(&mut data, &entries);
        let accounted =
            report.added.len() + report.updated.len() + report.unchanged.len() + report.skipped.len();
        assert_eq!(accounted, entries.len(), "every entry once: {report:?}");
        assert_eq!(data.publications.len(), pubs_before + report.added.len());
        let after = errors(&data);
        assert!(
            after.is_subset(&before),
            "the import broke a rule: {:?}",
            after.difference(&before).collect::<Vec<_>>()
        );
        let _ = report.to_string();
    }
);
