//! One HTTP client for every service, with the etiquette and the patience cite promises: a
//! User-Agent that names the tool and the lab, a pause between two requests to one service,
//! retries with a doubling back-off after a timeout, a broken connection, a `429` (waiting what
//! its `Retry-After` asks, within [`Config::max_wait`]) or a `5xx`; and a failure that says which
//! service and why, never a panic.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ureq::Agent;

use super::config::{Config, Source};

/// The largest answer cite reads (an ORCID record of a prolific author is a few megabytes).
const MAX_BODY: u64 = 20 * 1024 * 1024;

/// Why a service gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub source: Source,
    pub reason: String,
    /// The service says it has no such record (404 or 410): another service may.
    pub not_found: bool,
}

impl Failure {
    pub fn new(source: Source, reason: impl Into<String>) -> Failure {
        Failure {
            source,
            reason: reason.into(),
            not_found: false,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source.name(), self.reason)
    }
}

/// What one attempt came to.
enum Attempt {
    Done(String),
    /// Worth another try, after at least this long (from `Retry-After`) or the back-off.
    Again(String, Option<Duration>),
    Fail(Failure),
}

/// The HTTP client; it counts the requests it sends.
pub struct Client {
    agent: Agent,
    config: Config,
    last: HashMap<Source, Instant>,
    requests: usize,
}

impl Client {
    pub fn new(config: &Config) -> Client {
        let local = config.urls.iter().all(|u| is_loopback(u));
        let mut builder = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .user_agent(config.user_agent());
        if local {
            // Tests answer on 127.0.0.1: a proxy set in the environment must not come between.
            builder = builder.proxy(None);
        }
        Client {
            agent: builder.build().into(),
            config: config.clone(),
            last: HashMap::new(),
            requests: 0,
        }
    }

    /// How many requests were sent, retries included.
    pub fn requests(&self) -> usize {
        self.requests
    }

    /// The body of a `GET` of `url` from `source` that accepts `accept`, after the retries the
    /// configuration allows.
    pub fn get(&mut self, source: Source, url: &str, accept: &str) -> Result<String, Failure> {
        let tries = self.config.retries + 1;
        let mut backoff = self.config.backoff;
        let mut last_reason = String::new();
        for attempt in 1..=tries {
            self.pace(source);
            match self.attempt(source, url, accept) {
                Attempt::Done(body) => return Ok(body),
                Attempt::Fail(f) => return Err(f),
                Attempt::Again(reason, after) => {
                    if let Some(wait) = after.filter(|w| *w > self.config.max_wait) {
                        return Err(Failure::new(
                            source,
                            format!(
                                "{reason}, and asked to wait {} s before trying again, longer than the {} s cite waits (LABCTL_CITE_MAX_WAIT_MS); try again later",
                                wait.as_secs(),
                                self.config.max_wait.as_secs()
                            ),
                        ));
                    }
                    last_reason = reason;
                    if attempt < tries {
                        std::thread::sleep(after.unwrap_or(backoff));
                        backoff = backoff.saturating_mul(2);
                    }
                }
            }
        }
        let times = if tries == 1 {
            "once".to_string()
        } else {
            format!("{tries} times")
        };
        Err(Failure::new(
            source,
            format!("{last_reason} (tried {times})"),
        ))
    }

    /// Waits until the service's pause since the last request to it has passed.
    fn pace(&mut self, source: Source) {
        let pause = self.config.pause(source);
        if let Some(last) = self.last.get(&source) {
            let since = last.elapsed();
            if since < pause {
                std::thread::sleep(pause - since);
            }
        }
        self.last.insert(source, Instant::now());
    }

    fn attempt(&mut self, source: Source, url: &str, accept: &str) -> Attempt {
        self.requests += 1;
        let mut response = match self.agent.get(url).header("Accept", accept).call() {
            Ok(r) => r,
            Err(e) => return transport(source, &e),
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header("retry-after").and_then(|v| retry_after(&v, SystemTime::now()));
        let content_type = header("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let reason = response.status().canonical_reason().unwrap_or("");
        match status {
            200..=299 => {}
            404 | 410 => {
                return Attempt::Fail(Failure {
                    source,
                    reason: format!("not found (HTTP {status})"),
                    not_found: true,
                })
            }
            429 => return Attempt::Again(format!("rate-limited (HTTP 429 {reason})"), retry_after),
            500..=599 => {
                return Attempt::Again(
                    format!("server error (HTTP {status} {reason})"),
                    retry_after,
                )
            }
            _ => {
                return Attempt::Fail(Failure::new(
                    source,
                    format!("refused the request (HTTP {status} {reason})"),
                ))
            }
        }
        let body = match response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
        {
            Ok(b) => b,
            Err(e) => {
                return match transport(source, &e) {
                    Attempt::Again(r, _) => {
                        Attempt::Again(format!("the answer was cut short ({r})"), None)
                    }
                    other => other,
                }
            }
        };
        let text = String::from_utf8_lossy(&body).into_owned();
        if content_type.starts_with("text/html") || looks_like_html(&text) {
            return Attempt::Fail(Failure::new(
                source,
                "answered with a web page instead of data (a maintenance page or a login wall?)",
            ));
        }
        Attempt::Done(text)
    }
}

/// What a transport error means: a timeout or a broken connection is worth another try.
fn transport(source: Source, e: &ureq::Error) -> Attempt {
    match e {
        ureq::Error::Timeout(_) => {
            Attempt::Again("no answer in time (timed out)".to_string(), None)
        }
        ureq::Error::Io(io) => Attempt::Again(format!("connection failed: {io}"), None),
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound | ureq::Error::Protocol(_) => {
            Attempt::Again(format!("connection failed: {e}"), None)
        }
        ureq::Error::BodyExceedsLimit(_) => Attempt::Fail(Failure::new(
            source,
            format!("the answer is larger than {} MB", MAX_BODY / 1024 / 1024),
        )),
        other => Attempt::Fail(Failure::new(source, format!("request failed: {other}"))),
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn is_loopback(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    rest.starts_with("127.") || rest.starts_with("localhost") || rest.starts_with("[::1]")
}

/// The wait a `Retry-After` value asks for: seconds, or an HTTP date (`Wed, 21 Oct 2015
/// 07:28:00 GMT`) after `now`.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since 1970 of an IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(value: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u64 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let month = MONTHS.iter().position(|m| m == month)? as u64 + 1;
    let year: u64 = year.parse().ok().filter(|y| (1970..=9999).contains(y))?;
    let hms: Vec<u64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    if *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm, for years after 1970).
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_retry_after_in_both_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("Sun, 06 Nov 1994 8:x:07 GMT", now), None);
        assert_eq!(retry_after("Sun, 00 Nov 1994 08:00:00 GMT", now), None);
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 99999999999999999:00:00 GMT", now),
            None
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
    }

    #[test]
    fn knows_a_web_page_and_a_local_address() {
        assert!(looks_like_html("\n <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>"));
        assert!(!looks_like_html("<?xml version=\"1.0\"?><feed>"));
        assert!(!looks_like_html("{\"a\": 1}"));
        assert!(is_loopback("http://127.0.0.1:8080/x"));
        assert!(!is_loopback("https://api.crossref.org"));
    }
}
