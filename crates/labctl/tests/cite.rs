//! `labctl cite` against a local server that answers the services' paths with recorded-shape
//! fixtures (`tests/fixtures/cite/`, whose README says where each shape comes from): nothing here
//! touches the network. The server counts requests, so the tests see what the cache saves, and
//! misbehaves on cue: 404, 429 with `Retry-After`, 500 then success, no answer, a body cut short,
//! a web page instead of JSON.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use labctl::cite::{cite_file, Cited, Config, Options, Source};
use serde_json::Value;

const DOI_PROCEEDINGS: &str = "10.1145/3394486.3403212";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cite")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the server answers to one request.
#[derive(Clone)]
enum Reply {
    /// 200 with a body of this content type.
    Ok(&'static str, String),
    /// Any status, with extra headers.
    Status(u16, Vec<(&'static str, String)>, String),
    /// 200 announcing more bytes than it sends, then closing.
    CutShort(String),
    /// Reads the request and says nothing for this long.
    Silent(Duration),
}

/// The local stand-in for every service, under `/crossref`, `/datacite`, `/arxiv`, `/ncbi` and
/// `/orcid`. A route answers its replies in turn, the last one again and again; an unknown route
/// gets a 404 as Crossref words it.
struct Server {
    base: String,
    routes: Arc<Mutex<HashMap<String, Vec<Reply>>>>,
    hits: Arc<Mutex<Vec<(String, String)>>>,
}

/// The route of a request target: its path, and of its query only `id_list` (arXiv) and `id`
/// (NCBI), which say what is asked.
fn route_of(target: &str) -> String {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| p.starts_with("id_list=") || p.starts_with("id="))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

impl Server {
    fn start(routes: &[(&str, Vec<Reply>)]) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: HashMap<String, Vec<Reply>> = routes
            .iter()
            .map(|(r, replies)| (r.to_string(), replies.clone()))
            .collect();
        let server = Server {
            base,
            routes: Arc::new(Mutex::new(routes)),
            hits: Arc::new(Mutex::new(Vec::new())),
        };
        let (routes, hits) = (server.routes.clone(), server.hits.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (routes, hits) = (routes.clone(), hits.clone());
                std::thread::spawn(move || answer(stream, &routes, &hits));
            }
        });
        server
    }

    /// A configuration that points every service here and waits only milliseconds.
    fn config(&self) -> Config {
        let mut c = Config::new("Test Lab", Some("lab@example.org".to_string()));
        c.urls = Source::ALL.map(|s| format!("{}/{}", self.base, prefix(s)));
        c.timeout = Duration::from_millis(400);
        c.retries = 2;
        c.backoff = Duration::from_millis(10);
        c.max_wait = Duration::from_secs(2);
        c.pauses = [Duration::ZERO; 5];
        c
    }

    /// The environment that does what [`Server::config`] does, for the binary.
    fn env(&self) -> Vec<(String, String)> {
        let mut env: Vec<(String, String)> = Source::ALL
            .iter()
            .map(|s| {
                (
                    s.url_variable().to_string(),
                    format!("{}/{}", self.base, prefix(*s)),
                )
            })
            .collect();
        for (k, v) in [
            ("LABCTL_CITE_TIMEOUT_MS", "400"),
            ("LABCTL_CITE_RETRIES", "2"),
            ("LABCTL_CITE_BACKOFF_MS", "10"),
            ("LABCTL_CITE_MAX_WAIT_MS", "2000"),
            ("LABCTL_CITE_PAUSE_MS", "0"),
        ] {
            env.push((k.to_string(), v.to_string()));
        }
        env
    }

    /// The routes asked so far, in order, and forgets them.
    fn take_hits(&self) -> Vec<String> {
        std::mem::take(&mut *self.hits.lock().unwrap())
            .into_iter()
            .map(|(route, _)| route)
            .collect()
    }

    /// The request heads received so far (request line and headers).
    fn heads(&self) -> Vec<String> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .map(|(_, h)| h.clone())
            .collect()
    }

    fn set(&self, route: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .unwrap()
            .insert(route.to_string(), replies);
    }
}

fn prefix(s: Source) -> &'static str {
    match s {
        Source::Crossref => "crossref",
        Source::DataCite => "datacite",
        Source::Arxiv => "arxiv",
        Source::PubMed => "ncbi",
        Source::Orcid => "orcid",
    }
}

fn answer(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<String, Vec<Reply>>>,
    hits: &Mutex<Vec<(String, String)>>,
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let target = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let route = route_of(&target);
    let reply = {
        let mut hits = hits.lock().unwrap();
        let n = hits.iter().filter(|(r, _)| *r == route).count();
        hits.push((route.clone(), head.clone()));
        let routes = routes.lock().unwrap();
        routes
            .get(&route)
            .and_then(|replies| replies.get(n).or(replies.last()).cloned())
            .unwrap_or_else(|| {
                Reply::Status(
                    404,
                    vec![("Content-Type", "text/plain".into())],
                    "Resource not found.".into(),
                )
            })
    };
    let write = |stream: &mut TcpStream,
                 status: u16,
                 headers: &[(&str, String)],
                 body: &str,
                 length: usize| {
        let mut text =
            format!("HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {length}\r\n");
        for (k, v) in headers {
            text.push_str(&format!("{k}: {v}\r\n"));
        }
        text.push_str("\r\n");
        text.push_str(body);
        let _ = stream.write_all(text.as_bytes());
    };
    match reply {
        Reply::Ok(content_type, body) => write(
            &mut stream,
            200,
            &[("Content-Type", content_type.to_string())],
            &body,
            body.len(),
        ),
        Reply::Status(status, headers, body) => {
            write(&mut stream, status, &headers, &body, body.len())
        }
        Reply::CutShort(body) => {
            let half = &body[..body.len() / 2];
            write(
                &mut stream,
                200,
                &[("Content-Type", "application/json".into())],
                half,
                body.len(),
            );
        }
        Reply::Silent(d) => std::thread::sleep(d),
    }
    let _ = stream.flush();
}

fn json_reply(name: &str) -> Vec<Reply> {
    vec![Reply::Ok("application/json", fixture(name))]
}

fn atom_reply(name: &str) -> Vec<Reply> {
    vec![Reply::Ok(
        "application/atom+xml; charset=utf-8",
        fixture(name),
    )]
}

/// Every route of the bundled scenario (`fixtures/cite/site.json` and its ORCID record).
fn scenario() -> Server {
    Server::start(&[
        (
            &format!("/crossref/works/{DOI_PROCEEDINGS}"),
            json_reply("crossref-proceedings.json"),
        ),
        (
            "/crossref/works/10.1109/mm.2023.3317243",
            json_reply("crossref-journal.json"),
        ),
        (
            "/crossref/works/10.1007/978-3-031-72920-1_7",
            json_reply("crossref-many-authors.json"),
        ),
        (
            "/crossref/works/10.5555/3691938.3691945",
            json_reply("crossref-osdi.json"),
        ),
        (
            "/arxiv/query?id_list=2403.02310",
            atom_reply("arxiv-with-doi.xml"),
        ),
        (
            "/arxiv/query?id_list=2407.07000",
            atom_reply("arxiv-preprint.xml"),
        ),
        (
            "/ncbi/esummary.fcgi?id=31978945",
            json_reply("pubmed-esummary.json"),
        ),
        (
            "/datacite/dois/10.5281/zenodo.1234567",
            json_reply("datacite-software.json"),
        ),
        (
            "/orcid/0000-0002-1825-0097/works",
            json_reply("orcid-works.json"),
        ),
    ])
}

/// A fresh directory holding `site.json` with `text`.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("labctl-cite-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("site.json"), text).unwrap();
    dir
}

/// The options of the weekly workflow's run.
const REFRESH: Options = Options {
    ids: Vec::new(),
    dry_run: false,
    offline: false,
    refresh: true,
};

fn cite(server: &Server, dir: &Path, options: Options) -> Cited {
    cite_file(&dir.join("site.json"), &options, |lab, email| {
        assert_eq!((lab, email), ("Test Lab", Some("lab@example.org")));
        Ok(server.config())
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn publications(dir: &Path) -> Vec<Value> {
    let data: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("site.json")).unwrap()).unwrap();
    data["publications"].as_array().unwrap().clone()
}

fn by_id<'a>(pubs: &'a [Value], id: &str) -> &'a Value {
    pubs.iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no publication {id} in {pubs:#?}"))
}

/// Fails with the whole text unless it contains every one of `needles`.
fn assert_contains_all(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
}

/// The text of each of `keys` in `p`, empty when absent.
fn fields<'a>(p: &'a Value, keys: &[&str]) -> Vec<&'a str> {
    keys.iter().map(|k| p[*k].as_str().unwrap_or("")).collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn fills_in_updates_and_adds_then_a_second_run_fetches_nothing() {
    let server = scenario();
    let dir = scratch("scenario", &fixture("site.json"));
    let cited = cite(&server, &dir, Options::default());
    let report = cited.report.to_string();
    assert!(cited.wrote_data && cited.wrote_cache, "{report}");
    assert!(cited.report.failed.is_empty(), "{report}");
    let mut hits = server.take_hits();
    hits.sort();
    assert_eq!(
        hits,
        [
            "/arxiv/query?id_list=2403.02310",
            "/arxiv/query?id_list=2407.07000",
            "/crossref/works/10.1007/978-3-031-72920-1_7",
            "/crossref/works/10.1109/mm.2023.3317243",
            "/crossref/works/10.1145/3394486.3403212",
            "/crossref/works/10.4242/not-in-crossref",
            "/crossref/works/10.5555/3691938.3691945",
            "/datacite/dois/10.4242/not-in-crossref",
            "/datacite/dois/10.5281/zenodo.1234567",
            "/ncbi/esummary.fcgi?id=31978945",
            "/orcid/0000-0002-1825-0097/works",
        ],
        "each identifier is asked once, the PubMed record's DOI at Crossref then DataCite"
    );
    assert_eq!(cited.report.requests, 11);
    let pubs = publications(&dir);

    // A conference paper: Crossref's venue, with hand edits kept: topics, featured, the code
    // link, and "A. Tumanov" (the same member as "Alexey Tumanov").
    let holmes = by_id(&pubs, "holmes-kdd-2020");
    assert_eq!(
        holmes["venue"],
        "Proceedings of the 26th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining"
    );
    assert_eq!(strings(&holmes["topics"]), ["paper", "serving"]);
    assert_eq!(holmes["featured"], true);
    assert_eq!(
        holmes["links"][0]["url"],
        "https://github.com/example/holmes"
    );
    assert_eq!(strings(&holmes["authors"])[7], "A. Tumanov");
    assert_eq!(holmes["date"], "2020-08-20");

    // A journal article: markup out of the title, an organisation as an author, the DOI as written.
    let micro = by_id(&pubs, "codesign-micro-2023");
    assert_eq!(
        micro["title"],
        "Hardware–Software Co-Design of Deep Learning Accelerators"
    );
    assert_eq!(
        strings(&micro["authors"]),
        ["Ana Klimović", "Alexey Tumanov", "The Systems Consortium"]
    );
    assert_eq!(
        fields(micro, &["date", "doi"]),
        ["2023-11-01", "10.1109/MM.2023.3317243"]
    );

    // Listed by DOI alone: filled in where it stood, 26 authors with their accents, the
    // chapter's own book as venue, its topics kept.
    let many = &pubs[2];
    assert_eq!(many["id"], "many-hands-2024");
    assert_eq!(
        many["title"],
        "Many Hands: A Collaborative Study of Inference Serving Across Twenty-Six Sites: Lessons From the Field"
    );
    let authors = strings(&many["authors"]);
    assert_eq!(authors.len(), 26);
    assert_eq!(
        authors[..4],
        [
            "José Antoñanzas",
            "Zoë Ørsted",
            "Łukasz Dąbrowski",
            "Nguyễn Văn An"
        ]
    );
    assert_eq!(authors[25], "Nakamura");
    assert_eq!(many["venue"], "Computer Vision – ECCV 2024");
    assert_eq!(
        fields(many, &["date", "doi"]),
        ["2024-10-29", "10.1007/978-3-031-72920-1_7"]
    );
    assert_eq!(strings(&many["topics"]), ["paper"]);

    // An arXiv preprint without a published version: the latest version's date; arXiv's own
    // DOI is not taken for one.
    let etalon = by_id(&pubs, "etalon-2024");
    assert_eq!(
        etalon["title"],
        "Etalon: Holistic Performance Evaluation Framework for LLM Inference Systems"
    );
    assert_eq!(fields(etalon, &["venue", "date"]), ["arXiv", "2024-09-02"]);
    assert_eq!(strings(&etalon["authors"]).len(), 8);
    assert!(etalon.get("doi").is_none(), "{etalon}");

    // A preprint whose published version arXiv knows: that version, with the arXiv id kept, its
    // arXiv URL dropped (the title links the DOI), its picture kept. Its ORCID copies (the
    // preprint, the paper, a title-only duplicate) are the same paper and add nothing.
    let sarathi = by_id(&pubs, "sarathi-serve-2024");
    assert_eq!(
        fields(sarathi, &["venue", "doi", "arxiv", "date", "url", "image"]),
        [
            "Proceedings of the 18th USENIX Symposium on Operating Systems Design and Implementation",
            "10.5555/3691938.3691945",
            "2403.02310",
            "2024-07-10",
            "",
            "https://example.org/sarathi.png"
        ]
    );
    assert_eq!(strings(&sarathi["authors"]).len(), 8);

    // Listed by PubMed id alone, with its own id: PubMed's record (its DOI is in neither
    // Crossref nor DataCite), authors as initials first, the collective author left out.
    let pm = &pubs[5];
    assert_eq!(pm["id"], "deterioration-2020");
    assert_eq!(
        pm["title"],
        "Predicting deterioration in intensive care with streaming models"
    );
    assert_eq!(strings(&pm["authors"]), ["B. Müller", "A. Tumanov"]);
    assert_eq!(
        fields(pm, &["venue", "date", "pmid"]),
        ["Nature", "2020-02-01", "31978945"]
    );

    // From ORCID: the software DOI, through DataCite.
    assert_eq!(pubs.len(), 7, "{pubs:#?}");
    let vidur = by_id(&pubs, "vidur-2024");
    assert_eq!(
        strings(&vidur["authors"]),
        ["Amey Agrawal", "Alexey Tumanov", "SAIL Lab"]
    );
    assert_eq!(fields(vidur, &["venue", "date"]), ["Zenodo", "2024-05-22"]);

    assert_contains_all(
        &report,
        &[
            "added      vidur-2024: new (doi:10.5281/zenodo.1234567, ORCID 0000-0002-1825-0097); members: alexey-tumanov",
            "filled in  publications[2]: as many-hands-2024 (doi:10.1007/978-3-031-72920-1_7); members: jose-antonanzas, alexey-tumanov",
            "updated    sarathi-serve-2024: title, authors, venue, date, doi, url",
            "note: ORCID 0000-0002-1825-0097: \"An Invited Talk Without Any Identifier\" has no DOI",
            "1 added, 2 filled in, 4 updated, 0 unchanged, 0 skipped, 0 failed; 11 requests",
        ],
    );
    assert!(
        !report.contains("Taming throughput-latency tradeoff in LLM inference with Sarathi-Serve."),
        "{report}"
    );
    let check = labctl(&["check", dir.join("site.json").to_str().unwrap()], &[]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // The cache: sorted, pretty, with what each service said.
    let cache_text = fs::read_to_string(dir.join("citations.cache.json")).unwrap();
    let cache: Value = serde_json::from_str(&cache_text).unwrap();
    let keys: Vec<&String> = cache["works"].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 8, "{keys:?}");
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    assert!(cache_text.contains("\n  \"version\": 1,\n"), "{cache_text}");
    assert!(
        cache["not_found"]["doi:10.4242/not-in-crossref"].is_string(),
        "{cache_text}"
    );

    // Again: nothing fetched, nothing changed, nothing written.
    let before = fs::read_to_string(dir.join("site.json")).unwrap();
    let again = cite(&server, &dir, Options::default());
    assert_eq!(server.take_hits(), Vec::<String>::new());
    assert!(!again.wrote_data && !again.wrote_cache, "{}", again.report);
    assert!(
        again.report.added.is_empty() && again.report.updated.is_empty(),
        "{}",
        again.report
    );
    assert_eq!(fs::read_to_string(dir.join("site.json")).unwrap(), before);
    assert_eq!(
        fs::read_to_string(dir.join("citations.cache.json")).unwrap(),
        cache_text
    );

    // Offline too, and the binary says so.
    let (code, stdout, _) = cite_cli(&server, &dir, &["--offline"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("0 failed; 0 requests; ") && stdout.contains("site.json is unchanged"),
        "{stdout}"
    );
    assert_eq!(server.take_hits(), Vec::<String>::new());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn hand_edits_survive_the_next_runs_until_the_source_changes() {
    let server = scenario();
    let dir = scratch("hand-edits", &fixture("site.json"));
    cite(&server, &dir, Options::default());
    server.take_hits();

    // The maintainer shortens a venue and fixes a title by hand.
    let path = dir.join("site.json");
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace(
            "\"Proceedings of the 26th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining\"",
            "\"KDD '20\"",
        )
        .replace(
            "\"Etalon: Holistic Performance Evaluation Framework for LLM Inference Systems\"",
            "\"Etalon: Holistic Performance Evaluation for LLM Inference\"",
        );
    fs::write(&path, &edited).unwrap();
    let cited = cite(&server, &dir, REFRESH);
    assert!(!cited.wrote_data, "{}", cited.report);
    assert_eq!(
        cited.report.requests, 11,
        "--refresh asks everything again (the 404s included)"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);

    // arXiv changes the preprint's date and its authors' list: only those are applied.
    server.set(
        "/arxiv/query?id_list=2407.07000",
        vec![Reply::Ok(
            "application/atom+xml",
            fixture("arxiv-preprint.xml")
                .replace("2024-09-02T13:01:21Z", "2025-01-10T09:00:00Z")
                .replace(
                    "<name>Souvik Kundu</name>",
                    "<name>Souvik Kundu</name></author><author><name>José Antoñanzas</name>",
                ),
        )],
    );
    let cited = cite(&server, &dir, REFRESH);
    let report = cited.report.to_string();
    assert!(
        report.contains("updated    etalon-2024: authors, date (arxiv:2407.07000)"),
        "{report}"
    );
    let pubs = publications(&dir);
    let etalon = by_id(&pubs, "etalon-2024");
    assert_eq!(
        etalon["title"],
        "Etalon: Holistic Performance Evaluation for LLM Inference"
    );
    assert_eq!(etalon["date"], "2025-01-10");
    assert_eq!(strings(&etalon["authors"]).len(), 9);
    assert_eq!(by_id(&pubs, "holmes-kdd-2020")["venue"], "KDD '20");

    // Naming an identifier applies its record in full, as import-bibtex would.
    let cited = cite(
        &server,
        &dir,
        Options {
            ids: vec![format!("https://doi.org/{DOI_PROCEEDINGS}")],
            ..Options::default()
        },
    );
    assert!(
        cited
            .report
            .to_string()
            .contains("updated    holmes-kdd-2020: venue (doi:10.1145/3394486.3403212, named)"),
        "{}",
        cited.report
    );
    assert_eq!(
        server.take_hits().len(),
        11 + 11,
        "the named DOI came from the cache"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_deleted_orcid_work_stays_deleted_and_dry_run_writes_nothing() {
    let server = scenario();
    let dir = scratch("deleted", &fixture("site.json"));
    let path = dir.join("site.json");
    let original = fs::read_to_string(&path).unwrap();
    let dry = cite(
        &server,
        &dir,
        Options {
            dry_run: true,
            ..Options::default()
        },
    );
    assert!(dry.report.changes() && !dry.wrote_data && !dry.wrote_cache);
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    assert!(!dir.join("citations.cache.json").exists());

    cite(&server, &dir, Options::default());
    let mut data: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let list = data["publications"].as_array_mut().unwrap();
    list.retain(|p| p["id"] != "vidur-2024");
    fs::write(&path, serde_json::to_string_pretty(&data).unwrap()).unwrap();
    let cited = cite(&server, &dir, Options::default());
    assert!(!cited.wrote_data, "{}", cited.report);
    let report = cited.report.to_string();
    assert!(report.contains("skipped    doi:10.5281/zenodo.1234567: not added (ORCID 0000-0002-1825-0097): an earlier run saw it"), "{report}");
    fs::remove_dir_all(dir).unwrap();
}

fn labctl(args: &[&str], env: &[(String, String)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_labctl"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.env_remove("LABCTL_CITE_MAILTO").output().unwrap()
}

/// `labctl cite --data DIR/site.json ARGS…` against the server: its exit code, standard output
/// and standard error.
fn cite_cli(server: &Server, dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let data = dir.join("site.json");
    let mut all = vec!["cite", "--data", data.to_str().unwrap()];
    all.extend(args);
    let out = labctl(&all, &server.env());
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// A data file with one publication and no ORCID iD, for identifiers named on the command line.
fn small_site() -> String {
    let mut data: Value = serde_json::from_str(&fixture("site.json")).unwrap();
    data["lab"].as_object_mut().unwrap().remove("orcid");
    let first = data["publications"][0].clone();
    data["publications"] = Value::Array(vec![first]);
    serde_json::to_string_pretty(&data).unwrap()
}

/// A Crossref answer for `doi`, titled `title`.
fn crossref_work(doi: &str, title: &str) -> String {
    fixture("crossref-journal.json")
        .replace("10.1109/MM.2023.3317243", doi)
        .replace(
            "Hardware\\u2013Software Co-Design of <i>Deep Learning</i> Accelerators",
            title,
        )
}

#[test]
fn failures_are_reported_by_source_and_reason_and_spare_the_rest() {
    let ok = |doi: &str, title: &str| Reply::Ok("application/json", crossref_work(doi, title));
    let server = Server::start(&[
        (
            "/crossref/works/10.4242/ratelimited",
            vec![
                Reply::Status(429, vec![("Retry-After", "1".into())], "Too many".into()),
                ok("10.4242/ratelimited", "Rate Limited Once"),
            ],
        ),
        (
            "/crossref/works/10.4242/flaky",
            vec![
                Reply::Status(500, vec![], "oops".into()),
                ok("10.4242/flaky", "Flaky Server Paper"),
            ],
        ),
        (
            "/crossref/works/10.4242/slow",
            vec![Reply::Silent(Duration::from_secs(3))],
        ),
        (
            "/crossref/works/10.4242/truncated",
            vec![Reply::CutShort(crossref_work(
                "10.4242/truncated",
                "Never Whole",
            ))],
        ),
        (
            "/crossref/works/10.4242/cut-json",
            vec![Reply::Ok(
                "application/json",
                crossref_work("10.4242/cut-json", "Cut")[..300].to_string(),
            )],
        ),
        (
            "/crossref/works/10.4242/html",
            vec![Reply::Ok(
                "text/html",
                "<!DOCTYPE html><html><body>Down for maintenance</body></html>".into(),
            )],
        ),
        (
            "/crossref/works/10.4242/wait-long",
            vec![Reply::Status(
                429,
                vec![("Retry-After", "3600".into())],
                "".into(),
            )],
        ),
        (
            "/arxiv/query?id_list=2401.99999",
            atom_reply("arxiv-empty.xml"),
        ),
    ]);
    let dir = scratch("failures", &small_site());
    let ids = [
        "10.9999/missing",
        "10.4242/ratelimited",
        "10.4242/flaky",
        "10.4242/slow",
        "10.4242/truncated",
        "10.4242/cut-json",
        "10.4242/html",
        "10.4242/wait-long",
        "arXiv:2401.99999",
        "not-an-id",
    ];
    let started = Instant::now();
    let (code, stdout, stderr) = cite_cli(&server, &dir, &ids);
    let elapsed = started.elapsed();
    assert_eq!(code, Some(3), "{stdout}{stderr}");
    assert_contains_all(
        &stdout,
        &[
            "added      rate-limited-once-2023: new (doi:10.4242/ratelimited, named)",
            "added      flaky-server-paper-2023: new (doi:10.4242/flaky, named)",
            "failed     doi:10.9999/missing: Crossref: neither Crossref nor DataCite knows the DOI 10.9999/missing (from named)",
            "failed     doi:10.4242/slow: Crossref: no answer in time (timed out) (tried 3 times)",
            "failed     doi:10.4242/truncated: Crossref: the answer was cut short",
            "failed     doi:10.4242/cut-json: Crossref: the answer is cut short: its JSON ends early",
            "failed     doi:10.4242/html: Crossref: answered with a web page instead of data",
            "failed     doi:10.4242/wait-long: Crossref: rate-limited (HTTP 429 Too Many Requests), and asked to wait 3600 s",
            "failed     arxiv:2401.99999: arXiv: has no paper 2401.99999",
            "failed     not-an-id: \"not-an-id\" is not an identifier cite knows",
            "2 added, 0 filled in, 0 updated, 0 unchanged, 0 skipped, 8 failed",
            "labctl cite: warning: 8 identifiers could not be resolved",
        ],
    );
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After: 1 was waited for"
    );
    assert!(elapsed < Duration::from_secs(6), "took {elapsed:?}");
    let pubs = publications(&dir);
    assert_eq!(
        pubs.len(),
        3,
        "the failures left the data as it was, the successes are in"
    );
    assert_eq!(by_id(&pubs, "holmes-kdd-2020")["venue"], "KDD '20");

    // Etiquette: a User-Agent that names the tool and the lab, Crossref's mailto (from the
    // lab's e-mail address), and a 429 retried once after its wait, a 500 once.
    let heads = server.heads();
    assert!(
        heads.iter().all(|h| h.contains("labctl-cite/")
            && h.contains("website of Test Lab; mailto:lab@example.org")),
        "{heads:?}"
    );
    assert!(
        heads
            .iter()
            .filter(|h| h.contains("/crossref/"))
            .all(|h| h.contains("?mailto=lab%40example.org")),
        "{heads:?}"
    );
    let count = |route: &str| server.take_hits().iter().filter(|h| *h == route).count();
    assert_eq!(count("/crossref/works/10.4242/ratelimited"), 2);

    // --strict makes the failures errors; nothing is fetched again that is known.
    let strict: Vec<&str> = ids.iter().copied().chain(["--strict"]).collect();
    let (code, stdout, _) = cite_cli(&server, &dir, &strict);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("labctl cite: error: 8 identifiers could not be resolved"),
        "{stdout}"
    );
    assert!(stdout.contains("neither Crossref nor DataCite knows the DOI 10.9999/missing (as an earlier run found; --refresh asks again)"), "{stdout}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_entry_listed_by_identifier_alone_is_a_warning_until_cited() {
    let dir = scratch("stub-check", &fixture("site.json"));
    let out = labctl(&["check", dir.join("site.json").to_str().unwrap()], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(": warning: publications[2]: not yet cited (doi 10.1007/978-3-031-72920-1_7): run labctl cite"), "{stdout}");
    assert!(
        stdout.contains(": warning: publications[5]: not yet cited (pmid 31978945)"),
        "{stdout}"
    );
    // Offline with nothing cached: each is a failure that names the way out, and nothing changes.
    let server = scenario();
    let (code, stdout, _) = cite_cli(&server, &dir, &["--offline"]);
    assert_eq!(code, Some(3), "{stdout}");
    assert!(stdout.contains("failed     publications[2]: DOI 10.1007/978-3-031-72920-1_7: Crossref: not in the cache, and --offline fetches nothing"), "{stdout}");
    assert_eq!(server.take_hits(), Vec::<String>::new());
    assert_eq!(
        fs::read_to_string(dir.join("site.json")).unwrap(),
        fixture("site.json")
    );
    // Bad usage and bad data stop cite before it asks anything.
    let (code, _, stderr) = cite_cli(&server, &dir, &["--offline", "--refresh"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("contradict"), "{stderr}");
    fs::write(
        dir.join("site.json"),
        fixture("site.json").replace("\"role\": \"pi\"", "\"role\": \"wizard\""),
    )
    .unwrap();
    let (code, _, stderr) = cite_cli(&server, &dir, &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("the data file has errors; fix them first"),
        "{stderr}"
    );
    assert_eq!(server.take_hits(), Vec::<String>::new());
    fs::remove_dir_all(dir).unwrap();
}

/// Every reader takes any text without panicking: each fixture cut at every point, and noise.
#[test]
fn the_readers_never_panic() {
    use labctl::cite::sources::{arxiv, crossref, datacite, orcid, pubmed};
    let names = [
        "crossref-proceedings.json",
        "crossref-journal.json",
        "crossref-many-authors.json",
        "datacite-software.json",
        "pubmed-esummary.json",
        "orcid-works.json",
        "arxiv-with-doi.xml",
        "arxiv-empty.xml",
    ];
    let mut texts: Vec<String> = vec![
        String::new(),
        "{}".into(),
        "[]".into(),
        "null".into(),
        "<".into(),
        "\u{0}".into(),
    ];
    for name in names {
        let text = fixture(name);
        texts.extend(
            (0..text.len())
                .step_by(7)
                .filter(|i| text.is_char_boundary(*i))
                .map(|i| text[..i].to_string()),
        );
        texts.push(text.replace('"', "'"));
        texts.push(text.replace("[", "{"));
    }
    for t in &texts {
        let _ = crossref::parse(t, "10.1/x");
        let _ = datacite::parse(t, "10.1/x");
        let _ = pubmed::parse(t, "31978945");
        let _ = orcid::parse(t, "0000-0002-1825-0097");
        let _ = arxiv::parse(t, "2403.02310");
    }
    // Whole answers are read, cut ones are refused.
    assert!(crossref::parse(&fixture("crossref-journal.json"), "10.1109/mm.2023.3317243").is_ok());
    let cut = fixture("orcid-works.json");
    assert!(orcid::parse(&cut[..cut.len() / 2], "0000-0002-1825-0097")
        .unwrap_err()
        .reason
        .contains("cut short"));
    let feed = fixture("arxiv-preprint.xml");
    assert!(arxiv::parse(&feed[..feed.len() / 2], "2407.07000")
        .unwrap_err()
        .reason
        .contains("not a well-formed Atom feed"));
    assert!(arxiv::parse(&feed, "2403.02310")
        .unwrap_err()
        .reason
        .contains("instead of 2403.02310"));
}

/// `import-bibtex` keeps entries listed by identifier alone where they stand (it rewrites the
/// publications through the same code as cite).
#[test]
fn import_bibtex_keeps_entries_listed_by_identifier_alone() {
    let bib = "@article{new2024, title = {A New Paper}, author = {Tumanov, Alexey}, journal = {J}, year = {2024}}";
    let imported = labctl::bibtex_import::import_text(&fixture("site.json"), bib, "x.bib").unwrap();
    let text = imported.text.expect("the import adds a paper");
    let data: Value = serde_json::from_str(&text).unwrap();
    let pubs = data["publications"].as_array().unwrap();
    assert_eq!(pubs.len(), 7);
    assert_eq!(
        pubs[2],
        serde_json::json!({"doi": "10.1007/978-3-031-72920-1_7", "topics": ["paper"]})
    );
    assert_eq!(
        pubs[5],
        serde_json::json!({"pmid": "31978945", "id": "deterioration-2020"})
    );
    assert_eq!(pubs[6]["id"], "new-paper-2024");
    assert!(
        text.contains(
            "{\n      \"pmid\": \"31978945\",\n      \"id\": \"deterioration-2020\"\n    }"
        ),
        "key order kept"
    );
}
