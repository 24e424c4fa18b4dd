//! `labctl import-lwt` on the two real lab-website-template sites in `../shared/lwt-examples/`
//! (this lab's Jekyll site and LWT 1.3.7's sample) and on small hand-written repositories
//! (`tests/fixtures/lwt/`): `tidy` (every feature, cleanly) and `messy` (what real repositories
//! get wrong). Byte-level messes (a BOM, CRLF, Latin-1, UTF-16) and git histories are made from
//! them at run time. Every result must pass `labctl check` (called in-process) and every post
//! must be one the site can read.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use lab_model::images::ImageRef;
use lab_model::text::is_slug;
use labctl::check::{check_images, check_posts, check_text};
use labctl::lwt::report::Kind;
use labctl::lwt::{import, ImportError, Imported, Options};
use serde_json::Value;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures/lwt").join(name)
}

/// One of the shared examples: `../shared/lwt-examples/<name>` beside the repository (or under
/// `$LWT_EXAMPLES`). A checkout without them skips the tests that read them, and says so; the
/// hand-written fixtures in `tests/fixtures/lwt/` still run.
fn example(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("LWT_EXAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("../../../shared/lwt-examples"));
    let path = root.join(name);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is missing (the shared LWT examples, ../shared/lwt-examples)",
            path.display()
        );
        None
    }
}

/// A fresh, empty folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("labctl-lwt-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of a folder.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn run(source: &Path, out: &Path, dry_run: bool) -> Result<Imported, ImportError> {
    import(&Options {
        source: source.to_path_buf(),
        out: out.to_path_buf(),
        dry_run,
    })
}

fn data(out: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(out.join("data/site.json")).unwrap()).unwrap()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key].as_array().unwrap()
}

fn find<'a>(v: &'a Value, section: &str, key: &str, value: &str) -> &'a Value {
    list(v, section)
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {section} with {key} {value}"))
}

fn report_has(imported: &Imported, kind: Kind, place: &str, words: &str) -> bool {
    imported
        .report
        .of(kind)
        .any(|l| l.at.to_string() == place && l.text.contains(words))
}

/// The result passes `labctl check` (no errors; warnings allowed), images included, and its
/// posts are ones the site reads.
fn assert_passes_check(out: &Path) {
    let text = fs::read_to_string(out.join("data/site.json")).unwrap();
    let errors: Vec<_> = check_text(&text)
        .into_iter()
        .chain(check_images(&text, &out.join("data")))
        .filter(|f| f.severity == lab_model::validate::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let post_errors: Vec<_> = check_posts(Some(&text), &out.join("data"), "data/")
        .into_iter()
        .filter(|(_, f)| f.severity == lab_model::validate::Severity::Error)
        .collect();
    assert!(post_errors.is_empty(), "{post_errors:#?}");
    assert_posts_are_readable(out, &serde_json::from_str(&text).unwrap());
}

/// Every `data/posts/*.md` has front matter the site reads (a slug file name, a title, a real
/// date, member authors, known topics, an image that exists) and a body with no Liquid and no
/// raw HTML outside code, whose local images exist.
fn assert_posts_are_readable(out: &Path, data: &Value) {
    let dir = out.join("data/posts");
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let members: BTreeSet<&str> = list(data, "members")
        .iter()
        .map(|m| m["slug"].as_str().unwrap())
        .collect();
    let topics: BTreeSet<&str> = list(data, "topics")
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let slug = name.strip_suffix(".md").expect("posts are .md files");
        assert!(is_slug(slug), "{name}");
        let text = fs::read_to_string(&path).unwrap();
        let rest = text.strip_prefix("---\n").expect("front matter first");
        let (front, body) = rest.split_once("\n---\n").expect("front matter closed");
        let front: serde_norway::Value = serde_norway::from_str(front).unwrap();
        let field = |k: &str| front.get(k).and_then(|v| v.as_str()).map(str::to_string);
        assert!(
            !field("title").unwrap_or_default().is_empty(),
            "{name}: title"
        );
        let date = match front.get("date") {
            Some(serde_norway::Value::String(s)) => s.clone(),
            other => panic!("{name}: date {other:?}"),
        };
        assert!(
            lab_model::date::Date::parse(&date).is_some(),
            "{name}: {date}"
        );
        for a in front
            .get("authors")
            .and_then(|v| v.as_sequence())
            .into_iter()
            .flatten()
        {
            assert!(
                members.contains(a.as_str().unwrap()),
                "{name}: author {a:?}"
            );
        }
        for t in front
            .get("topics")
            .and_then(|v| v.as_sequence())
            .into_iter()
            .flatten()
        {
            assert!(topics.contains(t.as_str().unwrap()), "{name}: topic {t:?}");
        }
        if let Some(image) = field("image") {
            match ImageRef::classify(&image) {
                Some(ImageRef::Local(p)) => {
                    assert!(out.join("data").join(p).is_file(), "{name}: {p}")
                }
                Some(ImageRef::External(_)) => {}
                None => panic!("{name}: image {image}"),
            }
        }
        // Paragraphs outside fenced code; inline code spans (which may span lines) may show
        // anything.
        let mut in_code = false;
        let mut paragraphs: Vec<String> = vec![String::new()];
        for line in body.lines() {
            if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
                in_code = !in_code;
                paragraphs.push(String::new());
                continue;
            }
            if in_code {
                continue;
            }
            if line.trim().is_empty() {
                paragraphs.push(String::new());
            } else if let Some(p) = paragraphs.last_mut() {
                p.push_str(line);
                p.push('\n');
            }
        }
        for paragraph in paragraphs {
            let outside: String = paragraph.split('`').step_by(2).collect();
            assert!(
                !outside.contains("{%") && !outside.contains("{{"),
                "{name}: Liquid in {paragraph:?}"
            );
            let html = outside.match_indices('<').any(|(i, _)| {
                let after = &outside[i + 1..];
                let escaped = outside[..i].ends_with('\\');
                after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
                    && !after.starts_with("http")
                    && !after.starts_with("mailto:")
                    && !escaped
            });
            assert!(!html, "{name}: HTML in {paragraph:?}");
            for (i, _) in outside.match_indices("](") {
                let target = outside[i + 2..].split([')', ' ']).next().unwrap_or("");
                let is_image = outside[..i]
                    .rfind("![")
                    .is_some_and(|j| !outside[j..i].contains(']'));
                if is_image {
                    if let Some(ImageRef::Local(p)) = ImageRef::classify(target) {
                        assert!(out.join("data").join(p).is_file(), "{name}: figure {p}");
                    }
                }
            }
        }
    }
}

#[test]
fn the_sail_site_imports_as_the_bundled_data_has_it() {
    let out = scratch("sail");
    let Some(sail) = example("sail") else { return };
    let imported = run(&sail, &out, false).unwrap();
    let c = &imported.report.counts;
    assert_eq!(
        (c.members, c.publications, c.posts, c.projects, c.news),
        (45, 26, 1, 0, 21),
        "{}",
        imported.report
    );
    assert_passes_check(&out);
    let ours = data(&out);
    let bundled: Value = serde_json::from_str(
        &fs::read_to_string(crate_dir().join("../../data/site.json")).unwrap(),
    )
    .unwrap();

    // Members: the same slugs, names, roles, alumni, photos and links.
    let slugs = |d: &Value| -> BTreeSet<String> {
        list(d, "members")
            .iter()
            .map(|m| m["slug"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(slugs(&ours), slugs(&bundled));
    let trim = |v: &Value| v.as_str().map(|s| s.trim_end_matches('/').to_string());
    for b in list(&bundled, "members") {
        let m = find(&ours, "members", "slug", b["slug"].as_str().unwrap());
        for key in ["name", "role", "alumni", "photo"] {
            assert_eq!(m[key], b[key], "{}: {key}", b["slug"]);
        }
        for (k, v) in b["links"].as_object().unwrap() {
            assert_eq!(trim(&m["links"][k]), trim(v), "{}: links.{k}", b["slug"]);
        }
        for alias in b["aliases"].as_array().into_iter().flatten() {
            if m["aliases"].as_array().is_some_and(|a| !a.contains(alias)) {
                // Aliases the lab added by hand since the LWT site.
                assert!(["Monish Ramadoss", "Venkata Prabhakara Sarath Nookala"]
                    .contains(&alias.as_str().unwrap()));
            }
        }
    }

    // Publications: the same titles (mis-decoded ones repaired), thumbnails and buttons.
    let titles = |d: &Value| -> BTreeSet<String> {
        list(d, "publications")
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&ours), titles(&bundled));
    let file_name = |v: &Value| {
        v.as_str()
            .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
    };
    for b in list(&bundled, "publications") {
        let p = find(&ours, "publications", "title", b["title"].as_str().unwrap());
        match b["image"].as_str() {
            Some(url) if url.starts_with("http") => assert_eq!(p["image"], b["image"]),
            Some(_) => {
                assert_eq!(
                    file_name(&p["image"]),
                    file_name(&b["image"]),
                    "{}",
                    b["title"]
                );
                let local = p["image"].as_str().unwrap();
                assert!(out.join("data").join(local).is_file(), "{local}");
            }
            None => assert!(p["image"].is_null()),
        }
        assert_eq!(
            p["links"].as_array().map(Vec::len),
            b["links"].as_array().map(Vec::len),
            "{}",
            b["title"]
        );
        for l in b["links"].as_array().into_iter().flatten() {
            assert!(
                p["links"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["type"] == l["type"] && x["url"] == l["url"]),
                "{}: {l}",
                b["title"]
            );
        }
        for key in ["authors", "venue", "date"] {
            assert_eq!(p[key], b[key], "{}: {key}", b["title"]);
        }
    }
    let medha = find(&ours, "publications", "title", "Medha: Efficiently Serving Multi-Million Context Length LLM Inference Requests Without Approximations");
    assert_eq!(medha["authors"][3], "Íñigo Goiri");
    assert!(report_has(
        &imported,
        Kind::Changed,
        "_data/citations.yaml:36",
        "mis-decoded"
    ));

    // The lab, the post, the news.
    assert_eq!(ours["lab"]["short_name"], "SAIL");
    assert_eq!(ours["lab"]["description"], bundled["lab"]["description"]);
    for key in ["logo", "icon", "share_image", "header_image"] {
        assert!(
            out.join("data")
                .join(ours["lab"][key].as_str().unwrap())
                .is_file(),
            "{key}"
        );
    }
    let post = fs::read_to_string(out.join("data/posts/compofa.md")).unwrap();
    assert!(post.starts_with("---\ntitle: \"Introducing CompOFA\"\ndate: 2021-04-28\nauthors: [alind-khare, alexey-tumanov]\n"), "{post}");
    for figure in [
        "model-family",
        "naive-training",
        "ofa",
        "dw-grid",
        "table",
        "pareto-results",
    ] {
        assert!(
            post.contains(&format!("](images/posts/compofa/{figure}.png")),
            "{figure}"
        );
    }
    for heading in [
        "# Introduction",
        "# How it’s done today",
        "# CompOFA",
        "# Learn more",
    ] {
        assert!(post.contains(&format!("\n{heading}\n")), "{heading}");
    }
    let news = list(&ours, "news");
    assert!(news
        .iter()
        .all(|n| n["text"].as_str().unwrap().chars().all(|c| c != '<')));
    let crnch = news
        .iter()
        .find(|n| {
            n["text"]
                .as_str()
                .unwrap()
                .contains("CRNCH PhD Fellowship 2025")
        })
        .unwrap();
    assert_eq!(crnch["members"], serde_json::json!(["dhruv-garg"]));
    assert!(crnch["text"]
        .as_str()
        .unwrap()
        .starts_with("[Dhruv Garg](/members/dhruv-garg) secures"));
    // Undated without git: each said so, at its line.
    assert!(report_has(
        &imported,
        Kind::Changed,
        "index.md:8",
        "undated in the old site; dated 2025-07-01"
    ));
    // LWT's sample projects are in the file but on no page.
    assert!(report_has(
        &imported,
        Kind::NotCarried,
        "_data/projects.yaml",
        "no page of the old site lists these 5 projects"
    ));
    let summary = imported.report.summary();
    assert!(
        summary.starts_with(
            "import-lwt: 45 members, 26 publications, 1 post, 0 projects, 21 news items"
        ),
        "{summary}"
    );
}

#[test]
fn the_template_sample_imports_every_item() {
    let out = scratch("template");
    let Some(template) = example("template") else {
        return;
    };
    let imported = run(&template, &out, false).unwrap();
    let c = &imported.report.counts;
    assert_eq!(
        (c.members, c.publications, c.posts, c.projects, c.news),
        (3, 12, 3, 5, 0),
        "{}",
        imported.report
    );
    assert_passes_check(&out);
    let d = data(&out);
    let role = |slug: &str| {
        let m = find(&d, "members", "slug", slug);
        (
            m["role"].as_str().unwrap().to_string(),
            m["alumni"].as_bool().unwrap(),
        )
    };
    assert_eq!(role("jane-smith"), ("pi".to_string(), false));
    assert_eq!(role("john-doe"), ("phd".to_string(), true));
    assert_eq!(role("sarah-johnson"), ("staff".to_string(), false));
    assert_eq!(
        find(&d, "members", "slug", "john-doe")["links"]["github"],
        "https://github.com/john-doe"
    );
    assert_eq!(
        d["lab"]["orcid"],
        serde_json::json!(["0000-0002-4655-3773"])
    );
    // Authors with non-breaking spaces are plain names.
    let monarch = find(&d, "publications", "doi", "10.1093/nar/gkad1082");
    assert!(monarch["authors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| !a.as_str().unwrap().contains('\u{a0}')));
    let featured: Vec<&str> = list(&d, "projects")
        .iter()
        .filter(|p| p["featured"] == true)
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(featured, ["cool-dataset", "cool-package"]);
    let post = fs::read_to_string(out.join("data/posts/example-post-1.md")).unwrap();
    assert!(
        post.contains("authors: [sarah-johnson]\ntopics: [biology, medicine, big-data]\n"),
        "{post}"
    );
    assert!(report_has(
        &imported,
        Kind::NotCarried,
        "contact/index.md:1",
        "/contact has no equivalent"
    ));
    assert!(report_has(
        &imported,
        Kind::NotCarried,
        "testbed.md:1",
        "/testbed has no equivalent"
    ));
    assert!(report_has(
        &imported,
        Kind::Imported,
        "projects/index.md:1",
        "answers on the new site as /projects"
    ));
}

#[test]
fn the_tidy_fixture_carries_every_feature() {
    let out = scratch("tidy");
    let imported = run(&fixture("tidy"), &out, false).unwrap();
    assert_passes_check(&out);
    let d = data(&out);
    assert_eq!(d["lab"]["short_name"], "TSL");
    assert_eq!(
        d["lab"]["links"]["github"],
        "https://github.com/tidepool-lab"
    );
    let mara = find(&d, "members", "slug", "mara-okafor");
    assert_eq!(
        mara["links"]["scholar"],
        "https://scholar.google.com/citations?user=AbC123xyz"
    );
    assert_eq!(mara["photo"], "images/people/mara.svg");
    assert!(mara["bio"]
        .as_str()
        .unwrap()
        .ends_with("with [Teo](/members/teo-lindqvist)."));
    assert_eq!(
        find(&d, "members", "slug", "teo-lindqvist")["photo"],
        "images/people/teo.svg"
    );
    assert_eq!(
        find(&d, "members", "slug", "rolf-the-crab")["role"],
        "staff"
    );
    assert!(report_has(
        &imported,
        Kind::Changed,
        "_members/rolf-the-crab.md:4",
        "the role \"mascot\" (Mascot) has no equivalent"
    ));
    let tides = find(&d, "publications", "doi", "10.5555/tide.2023.1");
    assert_eq!(
        tides["topics"],
        serde_json::json!(["reproducibility", "hpc"])
    );
    assert_eq!(
        tides["links"][0],
        serde_json::json!({"type": "code", "url": "https://github.com/tidepool-lab/tides", "label": "Source"})
    );
    assert_eq!(find(&d, "topics", "slug", "hpc")["label"], "HPC");
    let news = list(&d, "news");
    assert_eq!(news.len(), 3);
    assert_eq!(
        news[2]["text"],
        "We welcome [Kim Park](/members/kim-park) as our lab manager."
    );
    let post = fs::read_to_string(out.join("data/posts/why-tides.md")).unwrap();
    for expected in [
        "authors: [mara-okafor, teo-lindqvist]\n",
        "# The problem\n",
        "![Drift, caught in the act](images/papers/tides.svg \"Drift, caught in the act\")",
        "[Get Tides](https://github.com/tidepool-lab/tides)",
        "Before: hope.\n\nAfter: **evidence**.",
        "> **Tip:** Pin your inputs.",
        "![Teo at work](images/people/teo.svg)",
        "Read the [paper](/publications) or ask [Teo](/members/teo-lindqvist).",
        "Liquid looks like \\{\\{ this }} in a template.",
    ] {
        assert!(post.contains(expected), "{expected:?} in\n{post}");
    }
    assert!(!post.contains("a note to ourselves"));
}

#[test]
fn a_messy_repository_imports_what_it_can_and_says_what_it_changed() {
    let out = scratch("messy");
    let imported = run(&fixture("messy"), &out, false).unwrap();
    assert_passes_check(&out);
    let d = data(&out);
    let r = |kind, place: &str, words: &str| {
        assert!(
            report_has(&imported, kind, place, words),
            "{kind:?} {place} {words:?} in\n{}",
            imported.report
        );
    };
    // YAML with tabs.
    r(Kind::Changed, "_config.yaml:5", "indented with tabs");
    assert_eq!(d["lab"]["links"]["email"], "mudflat@example.org");
    // No description: the first paragraph of index.md.
    assert!(d["lab"]["description"]
        .as_str()
        .unwrap()
        .starts_with("Mudflat builds storage systems"));
    // Dates as numbers, a duplicate id, mojibake, entities, no date, no authors, a broken entry.
    let silt = find(&d, "publications", "doi", "10.5555/mud.2020.7");
    assert_eq!(
        (silt["date"].as_str(), silt["venue"].as_str()),
        (Some("2020-12-04"), Some("Proceedings of Storage & Systems"))
    );
    r(
        Kind::Changed,
        "_data/citations.yaml:2",
        "was a number; read as YYYYMMDD",
    );
    r(
        Kind::NotCarried,
        "_data/citations.yaml:11",
        "the same paper as entry doi:10.5555/mud.2020.7 above",
    );
    let cafe = find(&d, "publications", "arxiv", "2305.04321");
    assert_eq!(cafe["title"], "Café Queues: Waiting in Line for I/O");
    assert_eq!(cafe["date"], "2023-05-01");
    assert_eq!(cafe["links"][0]["url"], "https://slides.example.org/queues");
    r(
        Kind::NotCarried,
        "_data/citations.yaml:16",
        "images/papers/missing.png is not in the repository",
    );
    assert_eq!(
        find(
            &d,
            "publications",
            "title",
            "A Paper With No Authors Listed"
        )["authors"],
        serde_json::json!(["Mudflat Computing Group"])
    );
    r(
        Kind::NotCarried,
        "_data/citations.yaml:29",
        "is not an image",
    );
    assert!(list(&d, "publications")
        .iter()
        .any(|p| p["title"] == "Undated and Unidentified"));
    r(
        Kind::Changed,
        "_data/citations.yaml:33",
        "no date in the old site (LWT lists it last)",
    );
    // Image paths with a leading slash, a mislabelled one, a missing one.
    let ana = find(&d, "members", "slug", "ana-costa");
    assert_eq!(ana["photo"], "images/people/ana.svg");
    assert_eq!(ana["name"], "Ana Costa");
    assert_eq!(ana["links"]["homepage"], "https://ana.example.org");
    assert_eq!(ana["aliases"], serde_json::json!(["A. Costa"]));
    r(
        Kind::Changed,
        "_members/ana-costa.md:2",
        "spaces around it removed",
    );
    r(Kind::Changed, "_members/ana-costa.md:6", "no scheme");
    assert_eq!(
        find(&d, "members", "slug", "ben-ode")["photo"],
        "images/people/ben.svg"
    );
    assert!(find(&d, "members", "slug", "old-student")["photo"].is_null());
    // No role, an unknown role, the same person twice, a file name that is not a slug.
    r(
        Kind::Changed,
        "_members/ben-ode.md:1",
        "no role; imported as staff",
    );
    r(
        Kind::Changed,
        "_members/ben-ode.md:1",
        "the same name as member ben-ode-2",
    );
    assert_eq!(
        find(&d, "members", "slug", "zoe-muller")["name"],
        "Zoë Müller"
    );
    r(Kind::Changed, "_members/Zoe_Muller.md:1", "not a slug");
    assert_eq!(find(&d, "members", "slug", "old-student")["alumni"], true);
    r(
        Kind::NotCarried,
        "_members/broken-yaml.md:3",
        "cannot read this YAML",
    );
    r(Kind::NotCarried, "_members/notes.md:1", "no front matter");
    // Posts: a non-member author, Liquid and HTML that cannot be carried, a draft.
    r(
        Kind::NotCarried,
        "_posts/2022-03-04-Hello_World.md:1",
        "the author \"Somebody Else\" is not a member",
    );
    r(
        Kind::NotCarried,
        "_posts/2022-03-04-Hello_World.md:13",
        "mystery.html",
    );
    r(
        Kind::Changed,
        "_posts/2022-05-06-draft.md:1",
        "imported as a draft",
    );
    let draft = fs::read_to_string(out.join("data/posts/draft.md")).unwrap();
    assert!(draft.contains("\ndraft: true\n"), "{draft}");
    let unfinished = fs::read_to_string(out.join("data/posts/half-a-thought.md")).unwrap();
    assert!(
        unfinished.contains("authors: [ana-costa]\ndraft: true\n"),
        "{unfinished}"
    );
    let post = fs::read_to_string(out.join("data/posts/hello-world.md")).unwrap();
    assert!(
        post.contains("date: 2022-03-05\nauthors: [ana-costa]\ntopics: [storage, slow-things]\n"),
        "{post}"
    );
    assert!(post.contains("[Watch the video](https://www.youtube.com/embed/abc123)"));
    // An image renamed on the way (an SVG named .png) is found by a figure and an <img>.
    assert!(
        post.contains("![Ben's desk](images/people/ben.svg \"Ben's desk\")"),
        "{post}"
    );
    assert!(
        post.contains("![Ben again](images/people/ben.svg)"),
        "{post}"
    );
    assert!(post.contains("A dead end and [about us](/about)"));
    // News: a broken member link becomes text; Liquid goes.
    let news = list(&d, "news");
    assert_eq!(news[1]["text"], "A link to a ghost that never had a page.");
    r(Kind::NotCarried, "index.md:9", "broken on the old site too");
    assert_eq!(
        news[2]["text"],
        "[Zoë](/members/zoe-muller) joined us; see our [research](/publications)."
    );
    // Projects: only because a page lists them; two of one name.
    assert_eq!(
        list(&d, "projects")
            .iter()
            .map(|p| p["slug"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["silt", "silt-2"]
    );
    r(
        Kind::NotCarried,
        "testbed.md:1",
        "/testbed has no equivalent",
    );
}

/// LWT 0.x: `research-output.yml` and `research-input.yml` with `extra-links`, `roles.yaml`
/// and `links.yaml` with `$LINK`, members named by `title` with their links at the top, the
/// logo in the config, `link.html`, `two-col.html` and `gallery.html`.
#[test]
fn an_lwt_0x_site_imports_too() {
    let out = scratch("old");
    let imported = run(&fixture("old"), &out, false).unwrap();
    assert_passes_check(&out);
    let d = data(&out);
    let rua = find(&d, "members", "slug", "rua-tane");
    assert_eq!(rua["name"], "Rua Tane");
    assert_eq!(
        rua["links"],
        serde_json::json!({"homepage": "https://rua.example.org", "email": "rua@kelp.example.org", "github": "https://github.com/ruatane"})
    );
    assert_eq!(find(&d, "members", "slug", "mei-sato")["role"], "staff");
    let paper = find(&d, "publications", "doi", "10.5555/kelp.2019.2");
    assert_eq!(
        paper["links"],
        serde_json::json!([{"type": "code", "url": "https://github.com/kelp-lab/holdfast", "label": "Analysis code"}])
    );
    assert_eq!(d["lab"]["logo"], "images/logo.svg");
    let post = fs::read_to_string(out.join("data/posts/first-dive.md")).unwrap();
    for expected in [
        "[The code](https://github.com/kelp-lab/holdfast)",
        "Before the dive.\n\nAfter the dive.",
        "![](images/rua.svg)\n\n![](images/holdfast.svg)",
    ] {
        assert!(post.contains(expected), "{expected:?} in\n{post}");
    }
    assert_eq!(
        imported.report.count(Kind::NotCarried),
        0,
        "{}",
        imported.report
    );
}

/// A copy of the tidy fixture whose member file starts with a byte order mark and has CRLF
/// line ends, whose bio is in Latin-1, and whose citations are saved as UTF-16.
#[test]
fn byte_order_marks_crlf_latin1_and_utf16_are_read() {
    let src = scratch("bytes-src");
    copy_tree(&fixture("tidy"), &src);
    let mut member = b"\xEF\xBB\xBF---\r\nname: Jos\xE9 Lima\r\nrole: phd\r\n---\r\n\r\nJos\xE9 likes caf\xE9s.\r\n".to_vec();
    member.extend_from_slice(b"\r\n");
    fs::write(src.join("_members/jose-lima.md"), member).unwrap();
    let citations = fs::read_to_string(src.join("_data/citations.yaml")).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in citations.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(src.join("_data/citations.yaml"), utf16).unwrap();
    let out = scratch("bytes-out");
    let imported = run(&src, &out, false).unwrap();
    assert_passes_check(&out);
    let d = data(&out);
    let jose = find(&d, "members", "slug", "jose-lima");
    assert_eq!(
        (jose["name"].as_str(), jose["bio"].as_str()),
        (Some("José Lima"), Some("José likes cafés."))
    );
    assert_eq!(list(&d, "publications").len(), 3);
    assert!(report_has(
        &imported,
        Kind::Changed,
        "_members/jose-lima.md:1",
        "byte order mark"
    ));
    assert!(report_has(
        &imported,
        Kind::Changed,
        "_members/jose-lima.md:2",
        "not UTF-8"
    ));
    assert!(report_has(
        &imported,
        Kind::Changed,
        "_data/citations.yaml:1",
        "UTF-16"
    ));
    assert!(imported
        .report
        .of(Kind::Changed)
        .any(|l| l.text.contains("CRLF") && l.text.contains("_members/jose-lima.md")));
}

#[test]
fn imports_are_deterministic_and_a_dry_run_writes_nothing() {
    for source in [Some(fixture("tidy")), example("sail")]
        .into_iter()
        .flatten()
    {
        let (a, b, dry) = (scratch("det-a"), scratch("det-b"), scratch("det-dry"));
        let first = run(&source, &a, false).unwrap();
        let second = run(&source, &b, false).unwrap();
        assert_eq!(first.data, second.data);
        assert_eq!(first.posts, second.posts);
        assert_eq!(first.report.to_string(), second.report.to_string());
        let dry_run = run(&source, &dry, true).unwrap();
        assert_eq!(dry_run.data, first.data);
        assert_eq!(
            fs::read_dir(&dry).unwrap().count(),
            0,
            "a dry run wrote files"
        );
        // Importing again over the first output changes nothing.
        let again = run(&source, &a, false).unwrap();
        assert!(
            again.report.written.is_empty(),
            "{:?}",
            again.report.written
        );
        assert_eq!(
            fs::read_to_string(a.join("data/site.json")).unwrap(),
            first.data
        );
    }
}

#[test]
fn a_re_run_keeps_edits_takes_updates_and_respects_deletions() {
    let src = scratch("rerun-src");
    copy_tree(&fixture("tidy"), &src);
    let out = scratch("rerun-out");
    run(&src, &out, false).unwrap();
    // Edits since the import: a bio rewritten, a publication deleted, a member added, a post
    // edited, a news item's topics changed.
    let mut d = data(&out);
    let members = d["members"].as_array_mut().unwrap();
    let teo = members
        .iter_mut()
        .find(|m| m["slug"] == "teo-lindqvist")
        .unwrap();
    teo["bio"] = Value::String("Edited by hand.".into());
    members
        .push(serde_json::json!({"slug": "new-person", "name": "New Person", "role": "masters"}));
    d["publications"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["arxiv"] != "2401.01234");
    d["news"][0]["topics"] = serde_json::json!(["paper"]);
    fs::write(
        out.join("data/site.json"),
        serde_json::to_string_pretty(&d).unwrap(),
    )
    .unwrap();
    let post_path = out.join("data/posts/why-tides.md");
    fs::write(
        &post_path,
        fs::read_to_string(&post_path).unwrap() + "\nA hand-written ending.\n",
    )
    .unwrap();
    // Changes in the LWT site: Teo's bio and Mara's name, a new member, a removed member.
    let teo_file = src.join("_members/teo-lindqvist.md");
    fs::write(
        &teo_file,
        fs::read_to_string(&teo_file)
            .unwrap()
            .replace("would rather not", "never want to"),
    )
    .unwrap();
    let mara_file = src.join("_members/mara-okafor.md");
    fs::write(
        &mara_file,
        fs::read_to_string(&mara_file)
            .unwrap()
            .replace("name: Mara Okafor", "name: Mara O. Okafor"),
    )
    .unwrap();
    fs::write(
        src.join("_members/lee-wu.md"),
        "---\nname: Lee Wu\nrole: undergrad\n---\n",
    )
    .unwrap();
    fs::remove_file(src.join("_members/kim-park.md")).unwrap();

    let imported = run(&src, &out, false).unwrap();
    assert_passes_check(&out);
    let d = data(&out);
    assert_eq!(
        find(&d, "members", "slug", "teo-lindqvist")["bio"],
        "Edited by hand."
    );
    assert_eq!(
        find(&d, "members", "slug", "mara-okafor")["name"],
        "Mara O. Okafor"
    );
    find(&d, "members", "slug", "new-person");
    find(&d, "members", "slug", "lee-wu");
    assert!(list(&d, "members").iter().all(|m| m["slug"] != "kim-park"));
    assert!(list(&d, "publications")
        .iter()
        .all(|p| p["arxiv"] != "2401.01234"));
    assert_eq!(list(&d, "news")[0]["topics"], serde_json::json!(["paper"]));
    assert!(fs::read_to_string(&post_path)
        .unwrap()
        .ends_with("A hand-written ending.\n"));
    let text = imported.report.to_string();
    for expected in [
        "member teo-lindqvist: your edit of bio was kept; the LWT site changed it too",
        "member mara-okafor: name updated from the LWT site",
        "member lee-wu: new in the LWT site since the last import; added",
        "publication shoreline-scheduler-noisy-clusters-2024 was deleted from the data file since the last import; not added again",
        "data/posts/why-tides.md was edited since the last import; it was kept",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    // Kim was unedited, so she goes with the LWT site; the news item that linked her keeps its
    // text without the link.
    assert!(
        text.contains("member kim-park is no longer in the LWT site; removed"),
        "{text}"
    );
}

#[test]
fn refuses_a_data_file_it_did_not_write_and_a_folder_that_is_not_lwt() {
    let out = scratch("refuse");
    fs::create_dir_all(out.join("data")).unwrap();
    fs::copy(
        crate_dir().join("../../data/site.json"),
        out.join("data/site.json"),
    )
    .unwrap();
    let before = fs::read_to_string(out.join("data/site.json")).unwrap();
    match run(&fixture("tidy"), &out, false) {
        Err(ImportError::Refused(why)) => {
            assert!(why.contains("was not written by import-lwt"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fs::read_to_string(out.join("data/site.json")).unwrap(),
        before
    );
    let empty = scratch("not-lwt");
    assert!(matches!(
        run(&empty, &scratch("not-lwt-out"), false),
        Err(ImportError::NotLwt(_))
    ));
    assert!(matches!(
        run(&empty.join("nope"), &empty, false),
        Err(ImportError::NotLwt(_))
    ));
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00+00:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00+00:00"))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn news_are_dated_by_the_commit_that_first_added_them() {
    if !git_available() {
        eprintln!("git is not installed: the git dating of news is not tested here");
        return;
    }
    let src = scratch("git-src");
    copy_tree(&fixture("tidy"), &src);
    let index = |items: &[&str]| {
        format!(
            "---\n---\n\nA lab.\n\n## News\n\n{}\n",
            items.iter().map(|i| format!("- {i}\n")).collect::<String>()
        )
    };
    fs::write(
        src.join("index.md"),
        index(&["Shoreline is released as open source."]),
    )
    .unwrap();
    git(&src, &["init", "-q"], "2023-01-01");
    git(&src, &["add", "-A"], "2023-01-01");
    git(&src, &["commit", "-q", "-m", "first"], "2023-04-05");
    fs::write(
        src.join("index.md"),
        index(&[
            "Ines defended her thesis.",
            "Shoreline is released as open source.",
        ]),
    )
    .unwrap();
    git(&src, &["commit", "-q", "-am", "second"], "2024-02-03");
    // A typo fixed later keeps the item's first date.
    fs::write(
        src.join("index.md"),
        index(&[
            "Ines defended her thesis!",
            "Shoreline is released as open source.",
        ]),
    )
    .unwrap();
    git(&src, &["commit", "-q", "-am", "typo"], "2024-06-07");
    let out = scratch("git-out");
    let imported = run(&src, &out, false).unwrap();
    assert_passes_check(&out);
    let news = data(&out)["news"].clone();
    assert_eq!(news[0]["date"], "2024-02-03", "{}", imported.report);
    assert_eq!(news[0]["text"], "Ines defended her thesis!");
    assert_eq!(news[1]["date"], "2023-04-05");
    assert!(
        !imported.report.to_string().contains("undated"),
        "{}",
        imported.report
    );
}

/// A small deterministic generator, for the garbage test.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        const PIECES: [&[u8]; 16] = [
            b"---\n",
            b"{%",
            b"%}",
            b"{{",
            b"- ",
            b"\t",
            b": ",
            b"\n",
            b"<a href=\"",
            b"](/members/",
            b"[",
            b"\xC3",
            b"\xFF",
            b"#",
            b"'",
            b"include figure.html image=",
        ];
        let mut out = Vec::new();
        while out.len() < n {
            if self.next() % 3 == 0 {
                out.extend_from_slice(PIECES[(self.next() % 16) as usize]);
            } else {
                out.push((self.next() % 256) as u8);
            }
        }
        out
    }
}

#[test]
fn garbage_in_any_file_never_stops_the_import_or_breaks_the_result() {
    let files = [
        "_config.yaml",
        "_data/citations.yaml",
        "_data/sources.yaml",
        "_data/types.yaml",
        "_data/projects.yaml",
        "_members/mara-okafor.md",
        "_posts/2024-02-10-why-tides.md",
        "index.md",
    ];
    let mut noise = Noise(0x5eed_1234_abcd_ef01);
    for round in 0..24 {
        let src = scratch(&format!("garbage-src-{round}"));
        copy_tree(&fixture("tidy"), &src);
        for (i, file) in files.iter().enumerate() {
            if (round + i) % 3 != 0 {
                continue;
            }
            let path = src.join(file);
            let mut bytes = fs::read(&path).unwrap();
            let at = (noise.next() as usize) % (bytes.len() + 1);
            let len = 1 + (noise.next() % 200) as usize;
            let junk = noise.bytes(len);
            if noise.next() % 2 == 0 {
                bytes.splice(at..at, junk);
            } else {
                bytes.truncate(at);
                bytes.extend(junk);
            }
            fs::write(&path, bytes).unwrap();
        }
        let out = scratch(&format!("garbage-out-{round}"));
        match run(&src, &out, false) {
            Ok(_) => assert_passes_check(&out),
            Err(e) => panic!("round {round}: {e}"),
        }
        let _ = fs::remove_dir_all(&src);
        let _ = fs::remove_dir_all(&out);
    }
}

#[test]
fn the_command_line_reports_and_exits_as_documented() {
    let labctl = |args: &[&str], dir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_labctl"))
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap()
    };
    let out = scratch("cli");
    let tidy = fixture("tidy");
    let o = labctl(&["import-lwt", tidy.to_str().unwrap(), "--dry-run"], &out);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("Imported ("), "{text}");
    assert!(
        text.trim_end().ends_with("; dry run: nothing written"),
        "{text}"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0);
    let o = labctl(
        &["import-lwt", tidy.to_str().unwrap(), "--out", "site"],
        &out,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.join("site/data/site.json").is_file() && out.join("site/.lwt-import.json").is_file()
    );
    let o = labctl(&["check", "site/data/site.json"], &out);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = labctl(&["import-lwt"], &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("name the lab-website-template checkout"));
    let o = labctl(&["import-lwt", "a", "b"], &out);
    assert_eq!(o.status.code(), Some(2));
    let o = labctl(&["import-lwt", "no-such-folder"], &out);
    assert_eq!(o.status.code(), Some(1));
}
