//! The scheduled `labctl cite` workflow (`.github/workflows/cite.yml`) is valid YAML of the
//! right shape: it runs weekly and by hand, every action is pinned to a full commit SHA with its
//! version beside it, and its changes reach `main` only through a pull request.

use serde_norway::Value;

const WORKFLOW: &str = include_str!("../../../.github/workflows/cite.yml");

fn workflow() -> Value {
    serde_norway::from_str(WORKFLOW).expect("cite.yml is valid YAML")
}

fn steps(w: &Value) -> Vec<&Value> {
    w["jobs"]
        .as_mapping()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_sequence().expect("steps").iter())
        .collect()
}

#[test]
fn runs_weekly_and_by_hand_and_never_on_push() {
    let w = workflow();
    let on = &w["on"];
    let crons: Vec<&str> = on["schedule"]
        .as_sequence()
        .expect("a schedule")
        .iter()
        .map(|s| s["cron"].as_str().expect("a cron"))
        .collect();
    assert_eq!(crons.len(), 1);
    let fields: Vec<&str> = crons[0].split_whitespace().collect();
    assert_eq!(fields.len(), 5, "{}", crons[0]);
    assert!(
        fields[0].parse::<u8>().is_ok_and(|m| m < 60)
            && fields[1].parse::<u8>().is_ok_and(|h| h < 24)
    );
    assert_eq!(
        (fields[2], fields[3]),
        ("*", "*"),
        "any day of the month, any month"
    );
    assert!(
        fields[4].parse::<u8>().is_ok_and(|d| d <= 6),
        "one day of the week: {}",
        crons[0]
    );
    assert!(
        on.get("workflow_dispatch").is_some(),
        "it can be run by hand"
    );
    for trigger in ["push", "pull_request", "pull_request_target"] {
        assert!(on.get(trigger).is_none(), "it must not run on {trigger}");
    }
}

#[test]
fn every_action_is_pinned_to_a_commit_with_its_version() {
    let w = workflow();
    let uses: Vec<&str> = steps(&w)
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses.len() >= 3, "{uses:?}");
    for u in &uses {
        let (action, sha) = u
            .split_once('@')
            .unwrap_or_else(|| panic!("{u} names no version"));
        assert!(action.contains('/'), "{u}");
        assert!(
            sha.len() == 40
                && sha
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "{u} is not pinned to a full commit SHA"
        );
        let line = WORKFLOW
            .lines()
            .find(|l| l.contains(u))
            .unwrap_or_else(|| panic!("{u} not found as written"));
        let version = line.split_once(" # ").map(|(_, c)| c.trim()).unwrap_or("");
        let numbers: Vec<&str> = version.strip_prefix('v').unwrap_or("").split('.').collect();
        assert!(
            numbers.len() == 3 && numbers.iter().all(|n| n.parse::<u32>().is_ok()),
            "{line:?} needs a `# vX.Y.Z` comment"
        );
    }
}

#[test]
fn changes_reach_main_only_through_one_pull_request() {
    let w = workflow();
    let all = steps(&w);
    let run_text: String = all
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(run_text.contains("labctl cite --refresh"), "{run_text}");
    assert!(
        run_text.contains("labctl check data/site.json"),
        "the data is checked before a pull request"
    );
    for forbidden in ["git push", "git commit", "gh pr merge"] {
        assert!(!run_text.contains(forbidden), "a step runs {forbidden}");
    }
    let pr: Vec<&&Value> = all
        .iter()
        .filter(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("peter-evans/create-pull-request@"))
        })
        .collect();
    assert_eq!(pr.len(), 1, "one pull request step");
    let with = &pr[0]["with"];
    let branch = with["branch"]
        .as_str()
        .expect("a fixed branch, so the open pull request is updated");
    assert!(!["main", "master"].contains(&branch), "{branch}");
    assert!(with.get("base").is_none_or(|b| b.as_str() == Some("main")));
    assert!(
        with["body-path"]
            .as_str()
            .is_some_and(|b| b.contains("cite-body.md")),
        "the report is the description"
    );
    let paths = with["add-paths"].as_str().unwrap_or("");
    assert!(
        paths.contains("data/site.json") && paths.contains("data/citations.cache.json"),
        "{paths}"
    );
    let permissions = &w["permissions"];
    assert_eq!(permissions["contents"].as_str(), Some("write"));
    assert_eq!(permissions["pull-requests"].as_str(), Some("write"));
}
