//! Fetching the data file, relative to the base path, with errors a visitor can read.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::Response;
use lab_model::images::{ImageManifest, MANIFEST_URL};
use lab_model::posts::{PostsFile, POSTS_URL};
use lab_model::{load_site_bytes_with, Checks, LoadError, Loaded};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use wasm_bindgen::JsCast;
use web_sys::{AbortController, RequestCache};

/// Where the data file lives, relative to the document's base URL.
pub const DATA_URL: &str = "data/site.json";

/// How long the server may take to start answering before the request is given up.
pub const TIMEOUT: Duration = Duration::from_secs(8);

/// How long the body may then take (a large file on a slow phone connection).
pub const BODY_TIMEOUT: Duration = Duration::from_secs(60);

/// Why the data could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The request never got an answer (offline, refused, blocked).
    Network(String),
    /// No answer within [`TIMEOUT`].
    Timeout,
    /// The server answered with an error status.
    Http { status: u16, status_text: String },
    /// The server answered with a web page where the data file should be.
    NotData,
    /// The answer is not a valid data file.
    Data(LoadError),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network(e) => write!(f, "The data file {DATA_URL} could not be fetched: {e}"),
            FetchError::Timeout => write!(f, "The data file {DATA_URL} did not arrive in time (the server has {} seconds to answer)", TIMEOUT.as_secs()),
            FetchError::Http { status, status_text } => {
                write!(f, "The server answered HTTP {status} {status_text} for {DATA_URL}")
            }
            FetchError::NotData => write!(
                f,
                "The server sent a web page instead of the data file {DATA_URL}; the file may be missing from the site"
            ),
            FetchError::Data(e) => write!(f, "{e}"),
        }
    }
}

impl FetchError {
    /// Whether trying again soon may help: network trouble, server errors, a body cut short or a
    /// web page in place of the file. A file that is too large, of another version or of the wrong
    /// shape stays so until a maintainer changes it.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Network(_)
            | FetchError::Timeout
            | FetchError::Http { .. }
            | FetchError::NotData => true,
            FetchError::Data(e) => matches!(e, LoadError::NotJson { .. }),
        }
    }
}

/// Resolves in a new task of the event loop (after a zero-delay timeout), so that the work after
/// it does not lengthen the current task.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        _ = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// True when a body looks like HTML rather than JSON.
fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    body[start..].starts_with(b"<")
}

/// Aborts `controller` after `after` unless cleared; `fired` records that it did.
fn abort_after(
    controller: &AbortController,
    after: Duration,
    fired: &Rc<Cell<bool>>,
) -> Option<TimeoutHandle> {
    let (controller, fired) = (controller.clone(), fired.clone());
    set_timeout_with_handle(
        move || {
            fired.set(true);
            controller.abort();
        },
        after,
    )
    .ok()
}

/// Fetches and loads the data file. Revalidates with the server each time, so a replaced file
/// shows without a rebuild. Gives up when the server has not answered within [`TIMEOUT`], or the
/// body has not arrived within [`BODY_TIMEOUT`] after that.
pub async fn fetch_site() -> Result<Loaded, FetchError> {
    let (body, images, posts) =
        futures::future::join3(fetch_bytes(), fetch_images(), fetch_posts()).await;
    let loaded = load(&body?, Checks::All).await?;
    add_built(&loaded, images, posts);
    Ok(loaded)
}

/// Gives a loaded site what the build made beside the data file.
pub fn add_built(
    loaded: &Loaded,
    images: Option<(ImageManifest, String)>,
    posts: Option<(PostsFile, String)>,
) {
    if let Some((manifest, _)) = images {
        loaded.site.set_images(manifest);
    }
    if let Some((file, _)) = posts {
        loaded.site.set_posts(file.posts);
    }
}

/// The build's image manifest and its fingerprint, or `None` when it cannot be had (a site
/// without a build step, a network error): images then show from their original files.
pub async fn fetch_images() -> Option<(ImageManifest, String)> {
    fetch_built(MANIFEST_URL).await
}

/// The posts the build rendered and their fingerprint, or `None` when they cannot be had (a site
/// without a build step, a network error): the site then has no posts.
pub async fn fetch_posts() -> Option<(PostsFile, String)> {
    fetch_built(POSTS_URL).await
}

/// A JSON file the build wrote beside the data file, with its fingerprint.
async fn fetch_built<T: serde::de::DeserializeOwned>(url: &str) -> Option<(T, String)> {
    let (sent, _) = get(url).ok()?;
    let response = answer(sent).await.ok()?;
    if !response.ok() {
        return None;
    }
    let body = response.text().await.ok()?;
    // `from_str`, as the data file's loader uses: one reader type compiled into the wasm, not two.
    let value = serde_json::from_str(&body).ok()?;
    Some((value, lab_model::fingerprint(body.as_bytes())))
}

/// What a pre-rendered page records as the data it was rendered from: the data file's, the
/// image manifest's and the posts' fingerprints (see `crates/sitegen`).
pub fn page_fingerprint(data: &str, images: Option<&str>, posts: Option<&str>) -> String {
    format!(
        "{data}+{}+{}",
        images.unwrap_or("none"),
        posts.unwrap_or("none")
    )
}

/// The data file's part of a fingerprint [`page_fingerprint`] made.
pub fn data_part(page_fingerprint: &str) -> &str {
    page_fingerprint.split('+').next().unwrap_or_default()
}

/// Loads fetched bytes with `checks`, in a task of its own: receiving the body and parsing it
/// are separate tasks, so neither blocks input for long.
pub async fn load(body: &[u8], checks: Checks) -> Result<Loaded, FetchError> {
    next_task().await;
    load_site_bytes_with(body, Some(today()), checks).map_err(FetchError::Data)
}

/// Today (UTC) by the browser's clock, for the rule on dates more than a year ahead.
pub fn today() -> lab_model::date::Date {
    let days = (js_sys::Date::now() / 86_400_000.0).floor();
    lab_model::date::Date::from_unix_days(days as i64)
}

/// The data file's bytes, as [`fetch_site`] fetches them, before they are loaded.
pub async fn fetch_bytes() -> Result<Vec<u8>, FetchError> {
    let (sent, controller) = get(DATA_URL)?;
    let timed_out = Rc::new(Cell::new(false));
    let clear = |timer: Option<TimeoutHandle>| {
        if let Some(timer) = timer {
            timer.clear();
        }
    };
    let timeout_error = |e: String, timed_out: &Rc<Cell<bool>>| {
        if timed_out.get() {
            FetchError::Timeout
        } else {
            FetchError::Network(e)
        }
    };

    let timer = abort_after(&controller, TIMEOUT, &timed_out);
    let response = answer(sent).await;
    clear(timer);
    let response = response.map_err(|e| timeout_error(e, &timed_out))?;
    if !response.ok() {
        return Err(FetchError::Http {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let timer = abort_after(&controller, BODY_TIMEOUT, &timed_out);
    let body = response.binary().await;
    clear(timer);
    let body = body.map_err(|e| timeout_error(e.to_string(), &timed_out))?;
    if looks_like_html(&body) {
        return Err(FetchError::NotData);
    }
    Ok(body)
}

/// A GET for `url` that revalidates with the server, and the controller that aborts it: the one
/// boot.js (crates/sitegen/src/boot.js) sent beside the wasm, so that the data arrives while the
/// wasm is still on its way (each is taken once), or else a new one.
fn get(url: &str) -> Result<(js_sys::Promise, AbortController), FetchError> {
    if let Some(early) = early_request(url) {
        return Ok(early);
    }
    let controller = AbortController::new()
        .map_err(|_| FetchError::Network("this browser cannot make requests".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_cache(RequestCache::NoCache);
    init.set_signal(Some(&controller.signal()));
    let sent = leptos::prelude::window().fetch_with_str_and_init(url, &init);
    Ok((sent, controller))
}

/// The response to a request [`get`] sent, or why there is none, as the browser names it
/// ("TypeError: Failed to fetch", "AbortError: …").
async fn answer(sent: js_sys::Promise) -> Result<Response, String> {
    match wasm_bindgen_futures::JsFuture::from(sent).await {
        Ok(response) => Ok(Response::from(
            response.unchecked_into::<web_sys::Response>(),
        )),
        Err(e) => Err(e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.to_string()))
            .unwrap_or_else(|| "the request failed".into())),
    }
}

/// The request for `url` that boot.js left in [`EARLY_REQUESTS`], with its abort controller;
/// taken once, so later loads send their own.
fn early_request(url: &str) -> Option<(js_sys::Promise, AbortController)> {
    use js_sys::Reflect;
    let requests = Reflect::get(&leptos::prelude::window(), &EARLY_REQUESTS.into()).ok()?;
    let entry = Reflect::get(&requests, &url.into())
        .ok()
        .filter(|entry| entry.is_object())?;
    _ = Reflect::delete_property(requests.unchecked_ref::<js_sys::Object>(), &url.into());
    let sent = Reflect::get(&entry, &"response".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let controller = Reflect::get(&entry, &"controller".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((sent, controller))
}

/// Where boot.js leaves the requests it sent early, keyed by URL as the app names them.
const EARLY_REQUESTS: &str = "__labRequests";
