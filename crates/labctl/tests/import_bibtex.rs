//! `labctl import-bibtex` and `export-bibtex` on real-world-shaped BibTeX (`tests/bibtex/`),
//! merged into copies of the bundled data file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use labctl::bibtex_import::{import_file, import_text, parse, BibDate, ImportError, ParsedEntry};
use labctl::check::check_text;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.json");

fn bundled() -> String {
    fs::read_to_string(DATA).unwrap()
}

fn bib_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bibtex")
        .join(name)
}

fn bib(name: &str) -> String {
    fs::read_to_string(bib_path(name)).unwrap()
}

/// A fresh directory holding `site.json` with `text`.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("labctl-import-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("site.json"), text).unwrap();
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn labctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_labctl"))
        .args(args)
        .output()
        .unwrap()
}

/// The merged text of importing `bib` into `data`, which must change.
fn merged(data: &str, bib_text: &str) -> (String, String) {
    let imported = import_text(data, bib_text, "test.bib").unwrap();
    let report = imported.report.to_string();
    (imported.text.expect("the import changes the data"), report)
}

fn publication<'a>(data: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    data["publications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no publication {id}"))
}

fn date(year: i32, month: Option<u8>, day: Option<u8>) -> Option<BibDate> {
    Some(BibDate { year, month, day })
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn parses_real_world_bibtex_into_clean_unicode() {
    let entries = parse(&bib("real-world.bib")).unwrap();
    let keys: Vec<(&str, &str, usize)> = entries
        .iter()
        .map(|e| (e.key.as_str(), e.kind.as_str(), e.line))
        .collect();
    assert_eq!(
        keys,
        [
            ("agrawal2024taming", "inproceedings", 8),
            ("10.1145/3394486.3403212", "inproceedings", 20),
            ("agrawal2024etalon", "article", 37),
            ("behnam2025rocketkv", "misc", 44),
            ("DBLP:journals/corr/abs-2104-12642", "article", 54),
            ("10261971", "article", 71),
            ("agrawal2025medha", "misc", 82),
            ("mueller2025uber", "inproceedings", 91),
        ]
    );
    let by_key = |key: &str| entries.iter().find(|e| e.key == key).unwrap();

    // @string macros joined with #, braces protecting capitals, a month macro, "Last, First".
    let taming = by_key("agrawal2024taming");
    assert_eq!(
        taming.title.as_deref(),
        Some("Taming Throughput-Latency Tradeoff in LLM Inference with Sarathi-Serve")
    );
    assert_eq!(
        taming.venue.as_deref(),
        Some("18th USENIX Symposium on Operating Systems Design and Implementation (OSDI 24)")
    );
    assert_eq!(taming.date, date(2024, Some(7), None));
    assert_eq!(taming.authors[5], "Bhargav S. Gulavani");
    assert_eq!(taming.authors.len(), 8);

    // ACM: an escaped ampersand, the DOI in its own field and in the URL.
    let holmes = by_key("10.1145/3394486.3403212");
    assert_eq!(
        holmes.venue.as_deref(),
        Some("Proceedings of the 26th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining")
    );
    assert_eq!(holmes.doi, s("10.1145/3394486.3403212"));
    assert_eq!(holmes.doi_in_url, s("10.1145/3394486.3403212"));
    assert_eq!(holmes.date, date(2020, None, None));

    // Google Scholar's arXiv journal line, arXiv's own export, DBLP's CoRR volume.
    let etalon = by_key("agrawal2024etalon");
    assert_eq!(
        (etalon.venue.as_deref(), etalon.arxiv.as_deref()),
        (Some("arXiv"), Some("2407.07000"))
    );
    let rocket = by_key("behnam2025rocketkv");
    assert_eq!(
        (rocket.venue.as_deref(), rocket.arxiv.as_deref()),
        (None, Some("2502.14051"))
    );
    assert_eq!(rocket.authors[3], "Po-An Tsai");
    let compofa = by_key("DBLP:journals/corr/abs-2104-12642");
    assert_eq!(
        (compofa.venue.as_deref(), compofa.arxiv.as_deref()),
        (Some("arXiv"), Some("2104.12642"))
    );
    assert_eq!(
        compofa.authors,
        [
            "Manas Sahni",
            "Shreya Varshini",
            "Alind Khare",
            "Alexey Tumanov"
        ]
    );

    // IEEE: uppercase entry type, Unicode dashes kept.
    let micro = by_key("10261971");
    assert_eq!(micro.venue.as_deref(), Some("IEEE Micro"));
    assert!(micro
        .title
        .as_deref()
        .unwrap()
        .starts_with("Hardware–Software Co-Design"));
    assert_eq!(micro.doi, s("10.1109/MM.2023.3317243"));

    // An arXiv DOI is an arXiv id, not a DOI; LaTeX accents become Unicode.
    let medha = by_key("agrawal2025medha");
    assert_eq!(
        (medha.doi.as_deref(), medha.arxiv.as_deref()),
        (None, Some("2409.17264"))
    );
    assert_eq!(medha.venue.as_deref(), Some("arXiv"));
    assert_eq!(medha.authors[3], "Íñigo Goiri");

    // Accents in every spelling, math, \emph, a bare year, month and day, "and others".
    let uber = by_key("mueller2025uber");
    assert_eq!(
        uber.title.as_deref(),
        Some("Über-Fast Serving with Schönberg Caches: A Study of naïve Batching in DεpS")
    );
    assert_eq!(
        uber.authors,
        ["Jörg Müller", "María García", "A. Agrawal", "A. Tumanov"]
    );
    assert!(uber.more_authors);
    assert_eq!(uber.date, date(2025, Some(5), Some(12)));
    assert_eq!(uber.arxiv, s("2505.01234"));
    assert_eq!(
        uber.venue.as_deref(),
        Some("Proceedings of the 9th Conference on Machine Learning and Systems (MLSys '25)")
    );
    assert!(entries.iter().all(|e| e.notes.is_empty()));
}

#[test]
fn imports_real_world_bibtex_and_a_second_import_changes_nothing() {
    let (text, report) = merged(&bundled(), &bib("real-world.bib"));
    assert_eq!(
        report,
        "\
added      uber-fast-serving-schonberg-2025 (from mueller2025uber; members: alexey-tumanov)
updated    sarathi-serve-osdi-2024 (from agrawal2024taming): venue, date, url
updated    holmes-kdd-2020 (from 10.1145/3394486.3403212): url
updated    medha-2025 (from agrawal2025medha): date
unchanged  etalon-2024 (from agrawal2024etalon)
unchanged  rocketkv-2025 (from behnam2025rocketkv)
unchanged  compofa-iclr-2021 (from DBLP:journals/corr/abs-2104-12642)
unchanged  hw-sw-codesign-micro-2023 (from 10261971)
1 added, 3 updated, 4 unchanged, 0 skipped"
    );
    assert_eq!(check_text(&text), vec![]);
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    let added = publication(&data, "uber-fast-serving-schonberg-2025");
    assert_eq!(
        added,
        &serde_json::json!({
            "id": "uber-fast-serving-schonberg-2025",
            "title": "Über-Fast Serving with Schönberg Caches: A Study of naïve Batching in DεpS",
            "authors": ["Jörg Müller", "María García", "A. Agrawal", "A. Tumanov"],
            "venue": "Proceedings of the 9th Conference on Machine Learning and Systems (MLSys '25)",
            "date": "2025-05-12",
            "url": "https://mlsys.org/virtual/2025/poster/1234",
            "arxiv": "2505.01234",
            "topics": []
        })
    );
    // The OSDI paper keeps its id, topics, featured flag and arXiv id; its date becomes the
    // entry's month, which disagrees with the file's.
    let sarathi = publication(&data, "sarathi-serve-osdi-2024");
    assert_eq!(sarathi["date"], "2024-07-01");
    assert_eq!(sarathi["featured"], true);
    assert_eq!(sarathi["arxiv"], "2403.02310");
    assert_eq!(
        sarathi["topics"],
        serde_json::json!(["llm-inference", "serving"])
    );
    // Only the publications section changed, and the rest of the file is byte for byte the same.
    let before = bundled();
    let head = before.find("  \"publications\": [").unwrap();
    assert_eq!(text[..head], before[..head]);
    let news = before.find("  \"news\": [").unwrap();
    assert!(text.ends_with(&before[news..]));

    let again = import_text(&text, &bib("real-world.bib"), "test.bib").unwrap();
    assert_eq!(again.text, None);
    assert_eq!(again.report.unchanged.len(), 8);
}

#[test]
fn duplicates_in_the_file_are_skipped_and_known_papers_updated() {
    let (text, report) = merged(&bundled(), &bib("duplicates.bib"));
    assert_eq!(
        report,
        "\
added      serving-models-edge-reliably-2025 (from edge2025; members: alind-khare, alexey-tumanov)
added      tiny-survey-tiny-things-2023 (from tiny2023; members: dhruv-garg, payman-behnam)
updated    vidur-mlsys-2024 (from agrawal2024vidur): title, venue
skipped    vidur-preprint (line 13): the same paper as entry agrawal2024vidur above (same arXiv id)
skipped    edge2025-again (line 30): the same paper as entry edge2025 above (same DOI)
skipped    tiny2023-again (line 45): the same paper as entry tiny2023 above (same title)
2 added, 1 updated, 0 unchanged, 3 skipped"
    );
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    let edge = publication(&data, "serving-models-edge-reliably-2025");
    assert_eq!(edge["doi"], "10.1145/9999999.0000001");
    assert_eq!(edge["url"], "https://doi.org/10.1145/9999999.0000001");
    assert_eq!(edge["date"], "2025-07-01");
    let vidur = publication(&data, "vidur-mlsys-2024");
    assert_eq!(
        vidur["title"],
        "Vidur: A Large-Scale Simulation Framework for LLM Inference"
    );
    assert_eq!(
        vidur["date"], "2024-05-22",
        "the year confirms the day, which stays"
    );
    assert_eq!(vidur["url"], "https://arxiv.org/abs/2405.05465");
}

#[test]
fn an_arxiv_preprint_does_not_overwrite_a_published_paper() {
    let preprint = "@misc{x, title = {Another Title Entirely}, author = {Doe, Jane},
        year = 2019, eprint = {2104.12642v3}, archivePrefix = {arXiv}}";
    let imported = import_text(&bundled(), preprint, "test.bib").unwrap();
    assert_eq!(imported.text, None, "{}", imported.report);
    assert_eq!(
        imported.report.unchanged,
        [("x".to_string(), "compofa-iclr-2021".to_string())]
    );
}

/// The bundled data with Harmonica edited by hand: featured, other topics, a PDF link, and its
/// keys in another order.
fn hand_edited() -> String {
    let text = bundled();
    let start = text.find("      \"id\": \"harmonica-ipdps-2024\"").unwrap();
    let end = start + text[start..].find("\n    }").unwrap();
    let edited = "      \"topics\": [\n        \"hardware\",\n        \"weight-sharing\"\n      ],\n      \"id\": \"harmonica-ipdps-2024\",\n      \"title\": \"Harmonica: Hybrid Accelerator to Overcome Imperfections of Mixed-signal DNN Accelerators\",\n      \"authors\": [\n        \"Payman Behnam\",\n        \"Uday Kamal\",\n        \"A. Shafiee\",\n        \"Alexey Tumanov\",\n        \"Saibal Mukhopadhyay\"\n      ],\n      \"venue\": \"Proc. 38'th IEEE International Parallel and Distributed Processing Symposium (IPDPS'24)\",\n      \"date\": \"2024-05-27\",\n      \"url\": \"https://example.org/harmonica.pdf\",\n      \"featured\": true";
    let text = format!("{}{edited}{}", &text[..start], &text[end..]);
    assert_eq!(check_text(&text), vec![]);
    text
}

#[test]
fn hand_edits_survive_an_import() {
    let before = hand_edited();
    let (text, report) = merged(&before, &bib("hand-edited.bib"));
    assert_eq!(
        report,
        "updated    harmonica-ipdps-2024 (from behnam2024harmonica): authors, venue\n0 added, 1 updated, 0 unchanged, 0 skipped"
    );
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    let h = publication(&data, "harmonica-ipdps-2024");
    // Kept: site fields, a field the entry lacks, a date the entry's month confirms.
    assert_eq!(h["featured"], true);
    assert_eq!(
        h["topics"],
        serde_json::json!(["hardware", "weight-sharing"])
    );
    assert_eq!(h["url"], "https://example.org/harmonica.pdf");
    assert_eq!(h["date"], "2024-05-27");
    // Refreshed: what the entry states.
    assert_eq!(
        h["venue"],
        "2024 IEEE International Parallel and Distributed Processing Symposium (IPDPS)"
    );
    assert_eq!(h["authors"][2], "Ali Shafiee");
    // The hand-made key order stays.
    let start = text
        .find("\"topics\": [\n        \"hardware\",\n        \"weight-sharing\"")
        .unwrap();
    let id = text.find("\"id\": \"harmonica-ipdps-2024\"").unwrap();
    assert!(start < id);
    assert!(text[id..].find("\"featured\": true").unwrap() < text[id..].find("\n    }").unwrap());

    // Importing the same entry again is a no-op, byte for byte, through the command.
    let dir = scratch("hand", &text);
    let site = dir.join("site.json");
    let out = labctl(&[
        "import-bibtex",
        bib_path("hand-edited.bib").to_str().unwrap(),
        "--data",
        site.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(fs::read_to_string(&site).unwrap(), text);
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("is unchanged\n"));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn entries_that_cannot_be_imported_are_skipped_with_the_reason() {
    let (text, report) = merged(&bundled(), &bib("skipped.bib"));
    assert_eq!(
        report,
        "\
added      scheduling-llm-requests-fairly-2024 (from good-2024; members: amey-agrawal, alexey-tumanov)
added      identifiers-gone-wrong-2024 (from bad-ids-2024; members: alexey-tumanov)
skipped    no-title-2024 (line 3): no title; add title = {…}
skipped    no-authors-2024 (line 8): no authors; add author = {Last, First and …}
skipped    no-year (line 13): no year or date; add year = {…}
skipped    gopher-2024 (line 18): it would break the data file: publications[26].url: \"gopher://example.org/serving\" is not a link the site will follow; use an http(s):// or mailto: URL or a path starting with /
note: bad-ids-2024: doi \"not a doi\" is not a DOI; it was ignored
note: bad-ids-2024: eprint \"0000\" is not an arXiv id; it was ignored
2 added, 0 updated, 0 unchanged, 4 skipped"
    );
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    let good = publication(&data, "scheduling-llm-requests-fairly-2024");
    assert_eq!(good["doi"], "10.5555/0000000.0000002");
    assert_eq!(good["date"], "2024-10-01");
    assert_eq!(
        good["authors"],
        serde_json::json!(["Amey Agrawal", "A. Tumanov"])
    );
    let bad = publication(&data, "identifiers-gone-wrong-2024");
    assert_eq!(bad.get("doi"), None);
    assert_eq!(bad.get("arxiv"), None);
}

#[test]
fn a_file_that_is_not_bibtex_changes_nothing() {
    let err = import_text(&bundled(), &bib("not-bibtex.bib"), "not-bibtex.bib").unwrap_err();
    let ImportError::Bib(_, e) = &err else {
        panic!("{err}")
    };
    assert_eq!((e.line, e.column), (9, 1));
    assert!(
        err.to_string()
            .contains("brace or a quote that is never closed"),
        "{err}"
    );

    let dir = scratch("broken", &bundled());
    let site = dir.join("site.json");
    let out = labctl(&[
        "import-bibtex",
        bib_path("not-bibtex.bib").to_str().unwrap(),
        "--data",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not-bibtex.bib:9:1: not valid BibTeX"));
    assert_eq!(fs::read_to_string(&site).unwrap(), bundled());
    assert_eq!(files_in(&dir), ["site.json"]);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_data_file_with_errors_is_not_imported_into() {
    let broken = bundled().replacen("\"date\": \"2025-07-15\"", "\"date\": \"2025-07-32\"", 1);
    let err = import_text(&broken, &bib("hand-edited.bib"), "x.bib").unwrap_err();
    assert!(matches!(err, ImportError::Data(_)), "{err}");
    assert!(err.to_string().contains("publications[0].date"), "{err}");
}

#[test]
fn dry_run_writes_nothing() {
    let dir = scratch("dry", &bundled());
    let site = dir.join("site.json");
    let out = labctl(&[
        "import-bibtex",
        bib_path("duplicates.bib").to_str().unwrap(),
        "--data",
        site.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with("2 added, 1 updated, 0 unchanged, 3 skipped; dry run: nothing written\n"),
        "{stdout}"
    );
    assert_eq!(fs::read_to_string(&site).unwrap(), bundled());
    assert_eq!(files_in(&dir), ["site.json"]);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_failure_just_before_the_rename_leaves_the_original_intact() {
    let dir = scratch("atomic", &bundled());
    let site = dir.join("site.json");
    let mut temp = None;
    let err = import_file(&site, &bib_path("duplicates.bib"), false, |tmp| {
        // The new file is complete and valid beside the original when the crash comes.
        let written = fs::read_to_string(tmp).unwrap();
        assert!(written.contains("serving-models-edge-reliably-2025"));
        assert_eq!(check_text(&written), vec![]);
        temp = Some(tmp.to_path_buf());
        Err(std::io::Error::other("power cut"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("power cut"), "{err}");
    assert!(err.to_string().contains("the file is unchanged"), "{err}");
    assert_eq!(fs::read_to_string(&site).unwrap(), bundled());
    assert!(!temp.unwrap().exists());
    assert_eq!(files_in(&dir), ["site.json"]);

    // Without the failure the same import goes through.
    let report = import_file(&site, &bib_path("duplicates.bib"), false, |_| Ok(())).unwrap();
    assert_eq!(report.added.len(), 2);
    assert_ne!(fs::read_to_string(&site).unwrap(), bundled());
    assert_eq!(files_in(&dir), ["site.json"]);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn exporting_the_bundled_data_and_importing_it_changes_nothing() {
    let dir = scratch("roundtrip", &bundled());
    let site = dir.join("site.json");
    let bib = dir.join("site.bib");
    let out = labctl(&[
        "export-bibtex",
        "--data",
        DATA,
        "--out",
        bib.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = fs::read_to_string(&bib).unwrap();
    assert_eq!(exported.matches("\n@").count() + 1, 26);
    // To standard output, the same text.
    let stdout = labctl(&["export-bibtex", "--data", DATA]).stdout;
    assert_eq!(String::from_utf8(stdout).unwrap(), exported);

    let out = labctl(&[
        "import-bibtex",
        bib.to_str().unwrap(),
        "--data",
        site.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = format!(
        "0 added, 0 updated, 26 unchanged, 0 skipped; {} is unchanged\n",
        site.display()
    );
    assert!(String::from_utf8_lossy(&out.stdout).ends_with(&expected));
    assert_eq!(fs::read_to_string(&site).unwrap(), bundled());

    // Into a file without publications (nor projects' references to them), the export brings
    // every one back with the same facts.
    let mut empty: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    empty["publications"] = serde_json::json!([]);
    for project in empty["projects"].as_array_mut().unwrap() {
        project.as_object_mut().unwrap().remove("publications");
    }
    let (text, _) = merged(
        &(serde_json::to_string_pretty(&empty).unwrap() + "\n"),
        &exported,
    );
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    let original: serde_json::Value = serde_json::from_str(&bundled()).unwrap();
    let facts = |p: &serde_json::Value| {
        ["title", "authors", "venue", "date"]
            .map(|k| p.get(k).cloned())
            .to_vec()
    };
    let pubs = |d: &serde_json::Value| -> Vec<serde_json::Value> {
        d["publications"].as_array().unwrap().clone()
    };
    let (back, original) = (pubs(&back), pubs(&original));
    assert_eq!(back.len(), original.len());
    for (b, o) in back.iter().zip(&original) {
        assert_eq!(facts(b), facts(o));
        // Identifiers come back; new publications also take those their URL holds.
        for key in ["doi", "arxiv"] {
            if o.get(key).is_some() {
                assert_eq!(b.get(key), o.get(key), "{key} of {}", o["id"]);
            }
        }
    }
    let inferred: Vec<(&str, &str)> = back
        .iter()
        .zip(&original)
        .flat_map(|(b, o)| {
            ["doi", "arxiv"]
                .into_iter()
                .filter(|k| o.get(*k).is_none())
                .filter_map(move |k| Some((k, b.get(k)?.as_str()?)))
        })
        .collect();
    assert_eq!(
        inferred,
        [
            ("arxiv", "2211.13838"),
            ("doi", "10.1145/3759441.3759448"),
            ("doi", "10.1145/3759441.3759444"),
            ("doi", "10.1145/3759441.3759447"),
        ]
    );
    fs::remove_dir_all(dir).unwrap();
}

/// Every prefix and many single-byte damages of the samples: the parser answers, never panics.
#[test]
fn the_parser_never_panics() {
    let mut inputs: Vec<String> = Vec::new();
    for name in [
        "real-world.bib",
        "duplicates.bib",
        "skipped.bib",
        "not-bibtex.bib",
    ] {
        let text = bib(name);
        let bytes = text.as_bytes();
        for cut in (0..bytes.len()).step_by(5) {
            inputs.push(String::from_utf8_lossy(&bytes[..cut]).into_owned());
        }
        let mut seed = 0x2545_f491_u64;
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed as usize) % bytes.len();
            let mut damaged = bytes.to_vec();
            let specials = b"{}\\\"@=,#$%~^ \n";
            damaged[at] = specials[(seed >> 32) as usize % specials.len()];
            inputs.push(String::from_utf8_lossy(&damaged).into_owned());
        }
    }
    inputs.extend(
        [
            "",
            "@",
            "@{",
            "@misc{",
            "@misc{k,",
            "@misc{k, title = {\\",
            "@misc{k, title = \\'",
            "@misc{k, author = { and and }, title = {$}}",
            "@string{a = a # a}",
            "@misc{k, author = {, , ,}}",
            "@misc{k, title = {\\emph{}}}",
            "@comment{",
            "@misc{k, month = 99, year = 99999, date = {2024-13-45/}}",
        ]
        .map(String::from),
    );
    for input in &inputs {
        if let Err(e) = parse(input) {
            assert!(!e.message.contains("parser failed"), "panic on {input:?}");
        }
    }
}

#[test]
fn a_file_without_entries_imports_nothing() {
    assert_eq!(
        parse("% only a comment\n").unwrap(),
        Vec::<ParsedEntry>::new()
    );
    let imported = import_text(&bundled(), "% only a comment\n", "empty.bib").unwrap();
    assert_eq!(imported.text, None);
    assert_eq!(
        imported.report.to_string(),
        "0 added, 0 updated, 0 unchanged, 0 skipped"
    );
}
