//! Where `labctl cite` asks and how politely: the API base URLs, the contact address, timeouts,
//! retries and pauses. [`Config::from_env`] reads them from the environment (so tests point cite
//! at a local server and run without waiting); the defaults are the real services and their
//! etiquette.

use std::time::Duration;

/// The services cite asks, for messages, pauses and URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Crossref,
    DataCite,
    Arxiv,
    PubMed,
    Orcid,
}

impl Source {
    pub const ALL: [Source; 5] = [
        Source::Crossref,
        Source::DataCite,
        Source::Arxiv,
        Source::PubMed,
        Source::Orcid,
    ];

    /// The service's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Source::Crossref => "Crossref",
            Source::DataCite => "DataCite",
            Source::Arxiv => "arXiv",
            Source::PubMed => "PubMed",
            Source::Orcid => "ORCID",
        }
    }

    /// The environment variable that overrides its base URL.
    pub fn url_variable(self) -> &'static str {
        match self {
            Source::Crossref => "LABCTL_CROSSREF_URL",
            Source::DataCite => "LABCTL_DATACITE_URL",
            Source::Arxiv => "LABCTL_ARXIV_URL",
            Source::PubMed => "LABCTL_NCBI_URL",
            Source::Orcid => "LABCTL_ORCID_URL",
        }
    }

    /// The real service's base URL.
    pub fn default_url(self) -> &'static str {
        match self {
            Source::Crossref => "https://api.crossref.org",
            Source::DataCite => "https://api.datacite.org",
            Source::Arxiv => "https://export.arxiv.org/api",
            Source::PubMed => "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
            Source::Orcid => "https://pub.orcid.org/v3.0",
        }
    }

    /// The least time between two requests to the service, from its documented etiquette: arXiv
    /// asks for 3 seconds between calls, NCBI allows 3 requests a second without an API key,
    /// and Crossref's public pool allows a few a second; DataCite and ORCID are paced like it.
    pub fn default_pause(self) -> Duration {
        match self {
            Source::Arxiv => Duration::from_secs(3),
            Source::PubMed => Duration::from_millis(350),
            Source::Crossref | Source::DataCite | Source::Orcid => Duration::from_millis(200),
        }
    }
}

/// Everything about how cite talks to the services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Base URLs, in the order of [`Source::ALL`], without a trailing slash.
    pub urls: [String; 5],
    /// The address the services may write to about the traffic: Crossref's polite pool
    /// (`mailto`), NCBI's `email`, and the User-Agent.
    pub mailto: Option<String>,
    /// Who is asking, for the User-Agent (the lab's name).
    pub on_behalf_of: String,
    /// How long one request may take, answer included.
    pub timeout: Duration,
    /// How many times a request is tried again after a timeout, a broken connection, a 429 or a
    /// 5xx answer.
    pub retries: u32,
    /// The wait before the first retry; it doubles at each further one.
    pub backoff: Duration,
    /// The longest wait cite accepts from a `Retry-After` header; a longer one fails the request.
    pub max_wait: Duration,
    /// The least time between two requests to one service, in the order of [`Source::ALL`].
    pub pauses: [Duration; 5],
}

impl Config {
    /// The real services with their etiquette, on behalf of `lab`, with `mailto` as contact.
    pub fn new(lab: &str, mailto: Option<String>) -> Config {
        Config {
            urls: Source::ALL.map(|s| s.default_url().to_string()),
            mailto,
            on_behalf_of: lab.to_string(),
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_wait: Duration::from_secs(120),
            pauses: Source::ALL.map(Source::default_pause),
        }
    }

    /// [`Config::new`] with what the environment sets: `LABCTL_CROSSREF_URL`,
    /// `LABCTL_DATACITE_URL`, `LABCTL_ARXIV_URL`, `LABCTL_NCBI_URL`, `LABCTL_ORCID_URL`,
    /// `LABCTL_CITE_MAILTO` (else `lab_email`), and in milliseconds `LABCTL_CITE_TIMEOUT_MS`,
    /// `LABCTL_CITE_BACKOFF_MS`, `LABCTL_CITE_MAX_WAIT_MS` and `LABCTL_CITE_PAUSE_MS` (one pause
    /// for every service; `0` in tests), and `LABCTL_CITE_RETRIES`.
    pub fn from_env(
        lab: &str,
        lab_email: Option<&str>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, String> {
        let set = |name: &str| {
            var(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mailto = set("LABCTL_CITE_MAILTO").or_else(|| {
            lab_email
                .map(|e| e.trim().trim_start_matches("mailto:").to_string())
                .filter(|e| e.contains('@'))
        });
        let mut config = Config::new(lab, mailto);
        for (i, source) in Source::ALL.iter().enumerate() {
            if let Some(url) = set(source.url_variable()) {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(format!(
                        "{} must be an http(s):// URL, not {url:?}",
                        source.url_variable()
                    ));
                }
                config.urls[i] = url.trim_end_matches('/').to_string();
            }
        }
        let millis = |name: &str| -> Result<Option<Duration>, String> {
            set(name)
                .map(|v| {
                    v.parse::<u64>().map(Duration::from_millis).map_err(|_| {
                        format!("{name} must be a whole number of milliseconds, not {v:?}")
                    })
                })
                .transpose()
        };
        if let Some(d) = millis("LABCTL_CITE_TIMEOUT_MS")? {
            config.timeout = d.max(Duration::from_millis(1));
        }
        if let Some(d) = millis("LABCTL_CITE_BACKOFF_MS")? {
            config.backoff = d;
        }
        if let Some(d) = millis("LABCTL_CITE_MAX_WAIT_MS")? {
            config.max_wait = d;
        }
        if let Some(d) = millis("LABCTL_CITE_PAUSE_MS")? {
            config.pauses = [d; 5];
        }
        if let Some(v) = set("LABCTL_CITE_RETRIES") {
            config.retries = v
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 10)
                .ok_or_else(|| format!("LABCTL_CITE_RETRIES must be 0 to 10, not {v:?}"))?;
        }
        Ok(config)
    }

    /// The base URL of a service.
    pub fn url(&self, source: Source) -> &str {
        &self.urls[source as usize]
    }

    /// The least time between two requests to a service.
    pub fn pause(&self, source: Source) -> Duration {
        self.pauses[source as usize]
    }

    /// The User-Agent: the tool, its version, whom it works for and how to reach them, as
    /// Crossref's etiquette asks.
    pub fn user_agent(&self) -> String {
        let contact = self
            .mailto
            .as_deref()
            .map(|m| format!("; mailto:{m}"))
            .unwrap_or_default();
        let agent = format!(
            "labctl-cite/{} (citations for the website of {}{contact})",
            env!("CARGO_PKG_VERSION"),
            self.on_behalf_of
        );
        header_safe(&agent)
    }
}

/// `text` as a header value may carry it: printable ASCII, accented letters without their
/// accents, anything else (a control character, a symbol) left out.
fn header_safe(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let plain = if c.is_ascii_graphic() || c == ' ' {
                c.to_string()
            } else {
                lab_model::text::fold(&c.to_string())
            };
            plain
                .chars()
                .filter(|c| c.is_ascii_graphic() || *c == ' ')
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_environment_and_refuses_nonsense() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let c = Config::from_env(
            "SAIL",
            Some("mailto:lab@example.org"),
            env(&[
                ("LABCTL_ARXIV_URL", "http://127.0.0.1:9/arxiv/"),
                ("LABCTL_CITE_PAUSE_MS", "0"),
                ("LABCTL_CITE_RETRIES", "1"),
            ]),
        )
        .unwrap();
        assert_eq!(c.url(Source::Arxiv), "http://127.0.0.1:9/arxiv");
        assert_eq!(c.url(Source::Crossref), "https://api.crossref.org");
        assert_eq!(c.pause(Source::Arxiv), Duration::ZERO);
        assert_eq!(c.retries, 1);
        assert_eq!(c.mailto.as_deref(), Some("lab@example.org"));
        assert!(
            c.user_agent().contains("SAIL; mailto:lab@example.org"),
            "{}",
            c.user_agent()
        );
        assert_eq!(
            Config::from_env("L", None, env(&[]))
                .unwrap()
                .pause(Source::Arxiv),
            Duration::from_secs(3)
        );
        let odd = Config::new("Électronique\nLab ✓", Some("a@b.org\r".into()));
        assert_eq!(
            odd.user_agent(),
            format!(
                "labctl-cite/{} (citations for the website of electroniqueLab ; mailto:a@b.org)",
                env!("CARGO_PKG_VERSION")
            )
        );
        for bad in [
            &[("LABCTL_CITE_TIMEOUT_MS", "soon")][..],
            &[("LABCTL_CITE_RETRIES", "99")],
            &[("LABCTL_ORCID_URL", "ftp://x")],
        ] {
            let pairs: &'static [(&'static str, &'static str)] = bad;
            assert!(Config::from_env("L", None, env(pairs)).is_err());
        }
    }
}
