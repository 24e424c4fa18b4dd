//! `labctl check` as a maintainer runs it: the corpus of broken files in `tests/check-corpus/`,
//! each breaking one rule, with the exact expected report beside it (`NAME.expected`); the
//! bundled data; exit codes.
//!
//! After changing a message on purpose, `LABCTL_BLESS=1 cargo test -p labctl --test
//! check_command` rewrites the `.expected` files; review their diff before committing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CORPUS: &str = "tests/check-corpus";

fn labctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_labctl"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("labctl runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_gets_its_expected_report_and_exit_code() {
    let bless = std::env::var_os("LABCTL_BLESS").is_some();
    let files = corpus();
    let mut broken = 0;
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let rel = format!("{CORPUS}/{name}");
        let before = std::fs::read(path).unwrap();
        let out = labctl(&["check", &rel]);
        assert_eq!(std::fs::read(path).unwrap(), before, "check changed {rel}");
        let report = stdout(&out);
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &report).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
        if report != expected {
            failures.push(format!("{rel}\n--- expected\n{expected}--- got\n{report}"));
            continue;
        }

        let problems: Vec<&str> = report
            .lines()
            .filter(|l| {
                l.strip_prefix(&format!("{rel}:"))
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            })
            .collect();
        let errors = problems.iter().filter(|l| l.contains(": error: ")).count();
        let code = out.status.code();
        if name == "clean.json" {
            assert!(problems.is_empty(), "{report}");
            assert_eq!(code, Some(0));
            continue;
        }
        broken += 1;
        // One rule broken per file, at a real position, with a fix in the message.
        assert_eq!(
            problems.len(),
            1,
            "{rel} breaks more than one rule:\n{report}"
        );
        let fields: Vec<&str> = problems[0].splitn(6, ':').collect();
        assert!(
            fields[1].parse::<usize>().unwrap() > 0 && fields[2].parse::<usize>().unwrap() > 0,
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("; "), "no advice in {}", problems[0]);
        assert_eq!(code, Some(i32::from(errors > 0)), "{rel}");
        // Warnings fail under --strict.
        let strict = labctl(&["check", &rel, "--strict"]);
        assert_eq!(strict.status.code(), Some(1), "{rel} --strict");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(broken >= 25, "only {broken} broken files in the corpus");
}

#[test]
fn the_corpus_breaks_distinct_rules() {
    // The message without its quoted values names the rule.
    let mut rules = std::collections::BTreeSet::new();
    for path in corpus() {
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        let Some(line) = expected
            .lines()
            .next()
            .filter(|_| expected.lines().count() == 2)
        else {
            continue;
        };
        let Some((_, message)) = line
            .split_once(": error: ")
            .or(line.split_once(": warning: "))
        else {
            continue;
        };
        let rule: String = message
            .split('"')
            .step_by(2)
            .collect::<Vec<_>>()
            .join("\"\"");
        let rule = rule
            .split_once(": ")
            .map_or(rule.as_str(), |(_, m)| m)
            .to_string();
        assert!(rules.insert(rule.clone()), "two corpus files break: {rule}");
    }
    assert!(rules.len() >= 25, "{rules:#?}");
}

#[test]
fn the_bundled_data_checks_clean() {
    for args in [
        &["check", "../../data/site.json"][..],
        &["check", "../../data/site.json", "--strict"][..],
    ] {
        let out = labctl(args);
        assert_eq!(stdout(&out), "../../data/site.json: no problems\n");
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn the_default_file_is_data_site_json() {
    let out = Command::new(env!("CARGO_BIN_EXE_labctl"))
        .arg("check")
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "data/site.json: no problems\n");
    assert_eq!(out.status.code(), Some(0));
}

/// The corpus file named `NN-<rule>.json`, relative to the crate.
fn corpus_file(rule: &str) -> String {
    let path = corpus()
        .into_iter()
        .find(|p| p.to_str().unwrap().ends_with(&format!("-{rule}.json")))
        .unwrap();
    format!("{CORPUS}/{}", path.file_name().unwrap().to_str().unwrap())
}

#[test]
fn exit_codes() {
    let code = |args: &[&str]| labctl(args).status.code();
    let misdecoded = corpus_file("misdecoded-text");
    assert_eq!(code(&["check", "tests/check-corpus/clean.json"]), Some(0));
    assert_eq!(code(&["check", &corpus_file("not-json")]), Some(1));
    assert_eq!(code(&["check", &corpus_file("duplicate-topic")]), Some(1));
    assert_eq!(code(&["check", &misdecoded]), Some(0));
    assert_eq!(code(&["check", "--strict", &misdecoded]), Some(1));
    let missing = labctl(&["check", "tests/check-corpus/no-such-file.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    assert_eq!(code(&["check", "--strictly"]), Some(2));
    assert_eq!(code(&["check", "a.json", "b.json"]), Some(2));
    assert_eq!(code(&[]), Some(2));
    assert_eq!(code(&["frobnicate"]), Some(2));
    assert_eq!(code(&["--help"]), Some(0));
}

/// A news text of 200,000 `[` (a valid string) is checked at once: the markdown parser pairs
/// brackets in one pass (scanning from every `[` for its `]` took minutes). Nothing is timed;
/// a quadratic parser makes this test run for minutes. The file is made here, not kept.
#[test]
fn a_text_of_200k_brackets_is_checked_at_once() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let clean = std::fs::read_to_string(corpus.join("clean.json")).unwrap();
    let old = "\"[Ann](/members/ann-lee) wins.\"";
    assert!(clean.contains(old));
    let dir = std::env::temp_dir().join(format!("labctl-brackets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("site.json");
    let text = format!("\"[Ann](/members/ann-lee) wins. {}\"", "[".repeat(200_000));
    std::fs::write(&file, clean.replace(old, &text)).unwrap();
    let out = labctl(&["check", file.to_str().unwrap()]);
    assert_eq!(stdout(&out), format!("{}: no problems\n", file.display()));
    assert_eq!(out.status.code(), Some(0));
    std::fs::remove_dir_all(dir).unwrap();
}
