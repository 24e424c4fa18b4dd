//! Fetching the data file, relative to the base path, with errors a visitor can read.

use std::fmt;

use gloo_net::http::Request;
use lab_model::{load_site, LoadError, Loaded};
use web_sys::RequestCache;

/// Where the data file lives, relative to the document's base URL.
pub const DATA_URL: &str = "data/site.json";

/// Why the data could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The request never got an answer (offline, refused, blocked).
    Network(String),
    /// The server answered with an error status.
    Http { status: u16, status_text: String },
    /// The answer is not a valid data file.
    Data(LoadError),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network(e) => {
                write!(f, "The data file {DATA_URL} could not be fetched: {e}")
            }
            FetchError::Http {
                status,
                status_text,
            } => {
                write!(
                    f,
                    "The server answered HTTP {status} {status_text} for {DATA_URL}"
                )
            }
            FetchError::Data(e) => write!(f, "{e}"),
        }
    }
}

/// Fetches and loads the data file. Revalidates with the server each time, so a replaced file
/// shows without a rebuild.
pub async fn fetch_site() -> Result<Loaded, FetchError> {
    let response = Request::get(DATA_URL)
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(FetchError::Http {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let text = response
        .text()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    load_site(&text).map_err(FetchError::Data)
}
