//! The day each line of a file first appeared, from the checkout's git history: `git log -p`
//! of the file, oldest commit first, with the author date of each commit. A line that was
//! edited (a typo fixed) keeps the date of the line it replaced when the two are alike, so a
//! news item is dated by when it was first published, not last corrected. Git runs as a
//! subprocess with external diff and text conversion drivers off; without git, or outside the
//! top folder of a repository, there are no dates (and the caller says so).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// A line reduced for matching across commits: trimmed, list marker removed, single spaces.
pub fn line_key(line: &str) -> String {
    let t = line.trim();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(s: &str) -> BTreeSet<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_string)
        .collect()
}

/// How alike two lines are: the share of words they have in common (Jaccard).
fn likeness(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

fn git(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(root)
        .args(["-c", "core.fsmonitor=false", "-c", "core.quotepath=off"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0");
    c
}

/// The first day each line of `file` (relative to `root`) appeared, by [`line_key`]. `Err` says
/// why there is no history: git missing, not a repository, or `root` inside a larger one.
pub fn first_dates(root: &Path, file: &str) -> Result<BTreeMap<String, String>, String> {
    let top = git(root)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(|e| format!("git could not be run ({e})"))?;
    if !top.status.success() {
        return Err("the folder is not a git repository".to_string());
    }
    let top = String::from_utf8_lossy(&top.stdout).trim().to_string();
    let same = match (Path::new(&top).canonicalize(), root.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same {
        return Err(format!(
            "the folder is inside the git repository {top}, not the top of its own, so its history is not the site's"
        ));
    }
    let log = git(root)
        .args([
            "log",
            "--reverse",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            "--date=short",
            "--format=%x01%ad",
            "-p",
            "-U0",
            "--",
            file,
        ])
        .output()
        .map_err(|e| format!("git could not be run ({e})"))?;
    if !log.status.success() {
        return Err(format!(
            "git log failed: {}",
            String::from_utf8_lossy(&log.stderr).trim()
        ));
    }
    Ok(parse_log(&String::from_utf8_lossy(&log.stdout)))
}

/// Reads the output of `git log --reverse --format=%x01%ad -p -U0`.
fn parse_log(text: &str) -> BTreeMap<String, String> {
    let mut dates: BTreeMap<String, String> = BTreeMap::new();
    let mut date = String::new();
    let mut removed: Vec<String> = Vec::new();
    let mut added: Vec<String> = Vec::new();
    let flush = |removed: &mut Vec<String>,
                 added: &mut Vec<String>,
                 date: &str,
                 dates: &mut BTreeMap<String, String>| {
        for a in added.drain(..) {
            if a.is_empty() || dates.contains_key(&a) {
                continue;
            }
            let inherited = removed
                .iter()
                .filter(|r| likeness(r, &a) >= 0.5)
                .filter_map(|r| dates.get(r))
                .min()
                .cloned();
            dates.insert(a, inherited.unwrap_or_else(|| date.to_string()));
        }
        removed.clear();
    };
    for line in text.lines() {
        if let Some(d) = line.strip_prefix('\u{1}') {
            flush(&mut removed, &mut added, &date, &mut dates);
            date = d.trim().to_string();
        } else if line.starts_with("@@") {
            flush(&mut removed, &mut added, &date, &mut dates);
        } else if line.starts_with("+++") || line.starts_with("---") {
            continue;
        } else if let Some(a) = line.strip_prefix('+') {
            added.push(line_key(a));
        } else if let Some(r) = line.strip_prefix('-') {
            removed.push(line_key(r));
        }
    }
    flush(&mut removed, &mut added, &date, &mut dates);
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_lines_by_first_commit_and_keeps_dates_through_edits() {
        let log = "\u{1}2024-01-02\ndiff --git a/index.md b/index.md\n--- /dev/null\n+++ b/index.md\n@@ -0,0 +1,2 @@\n+# News\n+- Paper accepted at OSDI\n\u{1}2024-03-04\n@@ -2,0 +3 @@\n+- Jane joins the lab\n\u{1}2024-05-06\n@@ -2 +2 @@\n-- Paper accepted at OSDI\n+- Our paper accepted at OSDI'24\n@@ -3,0 +4 @@\n+- Something new\n";
        let d = parse_log(log);
        assert_eq!(
            d.get("Paper accepted at OSDI").map(String::as_str),
            Some("2024-01-02")
        );
        assert_eq!(
            d.get("Jane joins the lab").map(String::as_str),
            Some("2024-03-04")
        );
        assert_eq!(
            d.get("Our paper accepted at OSDI'24").map(String::as_str),
            Some("2024-01-02")
        );
        assert_eq!(
            d.get("Something new").map(String::as_str),
            Some("2024-05-06")
        );
        assert_eq!(line_key("  *  a   b "), "a b");
    }

    #[test]
    fn a_folder_that_is_not_a_repository_has_no_dates() {
        let dir = std::env::temp_dir().join(format!("labctl-git-none-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Under the temporary folder there is no repository (unless git is missing altogether).
        assert!(first_dates(&dir, "index.md").is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
