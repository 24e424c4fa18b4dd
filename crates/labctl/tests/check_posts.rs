//! `labctl check` on posts: `tests/posts-corpus/` holds a data file and post files that each get
//! something wrong (bad front matter, an unknown author or topic, a missing figure, hostile links,
//! a file name that cannot be an address) beside one good post; the report must place each
//! problem at its file, line and column, exactly as `expected.txt` says, and exit 1.
//!
//! After changing a message on purpose, `LABCTL_BLESS=1 cargo test -p labctl --test check_posts`
//! rewrites `expected.txt`; review its diff before committing.

use std::process::Command;

#[test]
fn every_bad_post_is_reported_where_it_goes_wrong() {
    let out = Command::new(env!("CARGO_BIN_EXE_labctl"))
        .args(["check", "tests/posts-corpus/site.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("labctl runs");
    let report = String::from_utf8(out.stdout).unwrap();
    let expected_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/posts-corpus/expected.txt"
    );
    if std::env::var_os("LABCTL_BLESS").is_some() {
        std::fs::write(expected_path, &report).unwrap();
    }
    let expected = std::fs::read_to_string(expected_path).unwrap();
    assert_eq!(report, expected);
    assert_eq!(out.status.code(), Some(1));
    // The good post has no line in the report; every other file has at least one.
    assert!(!report.contains("posts/good.md"), "{report}");
    for bad in [
        "Bad_Name",
        "hostile",
        "missing-figure",
        "no-closing",
        "unknown-author",
        "unknown-field",
    ] {
        assert!(
            report.contains(&format!("posts/{bad}.md:")),
            "{bad}: {report}"
        );
    }
}

#[test]
fn the_bundled_posts_have_no_problems() {
    let out = Command::new(env!("CARGO_BIN_EXE_labctl"))
        .args(["check", "../../data/site.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("labctl runs");
    let report = String::from_utf8(out.stdout).unwrap();
    assert_eq!(report, "../../data/site.json: no problems\n");
    assert!(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/posts/compofa.md"
    ))
    .is_file());
}
