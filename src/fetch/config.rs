//! `[fetch]` in pipeline.toml: [`FetchConfig`] (values as written) -> [`FetchSettings`]
//! (checked), and [`FetchPlan`] (the URL lists plus settings). Plain data: this part builds
//! without the network stack, so `copydesk check` and the Python package validate it too.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use crate::error::Error;
use crate::input::url_list::ListSource;

/// Default global limit on requests in flight.
pub const DEFAULT_CONCURRENCY: usize = 32;
/// Default limit on requests in flight to one host (scheme + host + port).
pub const DEFAULT_PER_HOST_CONCURRENCY: usize = 2;
/// Default total time for one request: connect, redirects, headers and body.
pub const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: f64 = 10.0;
/// Default cap on a (decompressed) body: 10 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;
/// Default redirect limit (browsers use about 20; 10 is plenty for articles).
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Default retries after the first attempt.
pub const DEFAULT_RETRIES: u32 = 3;
/// Default first backoff; doubles on each retry.
pub const DEFAULT_RETRY_BASE_DELAY_MS: u64 = 500;
/// Default cap on one backoff and on `Retry-After`.
pub const DEFAULT_MAX_RETRY_DELAY_SECS: f64 = 60.0;
/// Default cap on robots.txt `Crawl-delay` (a site asking for an hour per page gets 30 s).
pub const DEFAULT_MAX_CRAWL_DELAY_SECS: f64 = 30.0;
/// Default number of URLs waiting in host queues (the scheduler's look-ahead in the list).
pub const DEFAULT_MAX_QUEUED_URLS: usize = 10_000;
/// Default seconds between plain progress lines when stderr is not a terminal.
pub const DEFAULT_PROGRESS_INTERVAL_SECS: f64 = 10.0;

/// `[fetch]` in pipeline.toml: how URLs are fetched. Every key is optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchConfig {
    /// Requests in flight, all hosts together.
    pub concurrency: usize,
    /// Requests in flight to one host (scheme + host + port).
    pub per_host_concurrency: usize,
    /// Minimum time between the starts of two requests to one host, in milliseconds.
    /// robots.txt's `Crawl-delay` raises it for that host.
    pub per_host_delay_ms: u64,
    /// Total time for one attempt (connect, redirects, headers, body), in seconds.
    pub timeout_secs: f64,
    /// Time to establish a connection, in seconds.
    pub connect_timeout_secs: f64,
    /// Largest body accepted, after decompression; reading stops there.
    pub max_body_bytes: u64,
    /// Redirects followed per URL; more is a reject.
    pub max_redirects: usize,
    /// Retries after the first attempt, for connect errors, timeouts, 408, 429 and 5xx.
    pub retries: u32,
    /// First retry backoff in milliseconds; doubles each retry, with jitter.
    pub retry_base_delay_ms: u64,
    /// Cap on one backoff and on a server's `Retry-After`, in seconds.
    pub max_retry_delay_secs: f64,
    /// `User-Agent` header; its first word (before `/`) is matched in robots.txt.
    pub user_agent: String,
    /// Fetch and obey robots.txt (disallow rules and `Crawl-delay`).
    pub respect_robots: bool,
    /// Cap on a robots.txt `Crawl-delay`, in seconds.
    pub max_crawl_delay_secs: f64,
    /// URLs read ahead of the fetches into per-host queues; bounds memory.
    pub max_queued_urls: usize,
    /// Seconds between plain progress lines when stderr is not a terminal; 0 turns them off.
    /// Also used by runs over local files (`clean`, `run`).
    pub progress_interval_secs: f64,
    /// Also write every fetched HTML response to this WARC file (`.warc.gz`), relative to
    /// the config file. Default: none.
    pub warc: Option<PathBuf>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            concurrency: DEFAULT_CONCURRENCY,
            per_host_concurrency: DEFAULT_PER_HOST_CONCURRENCY,
            per_host_delay_ms: 0,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            connect_timeout_secs: DEFAULT_CONNECT_TIMEOUT_SECS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            retries: DEFAULT_RETRIES,
            retry_base_delay_ms: DEFAULT_RETRY_BASE_DELAY_MS,
            max_retry_delay_secs: DEFAULT_MAX_RETRY_DELAY_SECS,
            user_agent: default_user_agent(),
            respect_robots: true,
            max_crawl_delay_secs: DEFAULT_MAX_CRAWL_DELAY_SECS,
            max_queued_urls: DEFAULT_MAX_QUEUED_URLS,
            progress_interval_secs: DEFAULT_PROGRESS_INTERVAL_SECS,
            warc: None,
        }
    }
}

/// `copydesk/<version>`.
pub fn default_user_agent() -> String {
    format!("copydesk/{}", env!("CARGO_PKG_VERSION"))
}

/// Compiled `[fetch]`: durations and checked values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchSettings {
    /// See [`FetchConfig::concurrency`].
    pub concurrency: usize,
    /// See [`FetchConfig::per_host_concurrency`].
    pub per_host_concurrency: usize,
    /// See [`FetchConfig::per_host_delay_ms`].
    pub per_host_delay: Duration,
    /// See [`FetchConfig::timeout_secs`].
    pub timeout: Duration,
    /// See [`FetchConfig::connect_timeout_secs`].
    pub connect_timeout: Duration,
    /// See [`FetchConfig::max_body_bytes`].
    pub max_body_bytes: u64,
    /// See [`FetchConfig::max_redirects`].
    pub max_redirects: usize,
    /// See [`FetchConfig::retries`].
    pub retries: u32,
    /// See [`FetchConfig::retry_base_delay_ms`].
    pub retry_base_delay: Duration,
    /// See [`FetchConfig::max_retry_delay_secs`].
    pub max_retry_delay: Duration,
    /// See [`FetchConfig::user_agent`].
    pub user_agent: String,
    /// See [`FetchConfig::respect_robots`].
    pub respect_robots: bool,
    /// See [`FetchConfig::max_crawl_delay_secs`].
    pub max_crawl_delay: Duration,
    /// See [`FetchConfig::max_queued_urls`].
    pub max_queued_urls: usize,
    /// Continue a previous run (from `[output] resume`): the WARC archive is appended to.
    pub resume: bool,
    /// See [`FetchConfig::progress_interval_secs`]; `None` when off.
    pub progress_interval: Option<Duration>,
    /// See [`FetchConfig::warc`].
    pub warc: Option<PathBuf>,
}

impl FetchConfig {
    /// Checks every value; problems are pushed as `fetch.key: message`.
    pub fn build(&self, problems: &mut Vec<String>) -> Option<FetchSettings> {
        let before = problems.len();
        let mut positive = |key: &str, value: usize| {
            if value == 0 {
                problems.push(format!("fetch.{key}: must be greater than 0"));
            }
        };
        positive("concurrency", self.concurrency);
        positive("per_host_concurrency", self.per_host_concurrency);
        positive("max_queued_urls", self.max_queued_urls);
        if self.max_body_bytes == 0 {
            problems.push("fetch.max_body_bytes: must be greater than 0".into());
        }
        let mut secs = |key: &str, value: f64, allow_zero: bool| {
            if value.is_finite() && (value > 0.0 || (allow_zero && value == 0.0)) && value < 1e9 {
                Some(Duration::from_secs_f64(value))
            } else {
                let want = if allow_zero {
                    "0 or more"
                } else {
                    "more than 0"
                };
                problems.push(format!(
                    "fetch.{key}: {value} is not a number of seconds {want}"
                ));
                None
            }
        };
        let timeout = secs("timeout_secs", self.timeout_secs, false);
        let connect_timeout = secs("connect_timeout_secs", self.connect_timeout_secs, false);
        let max_retry_delay = secs("max_retry_delay_secs", self.max_retry_delay_secs, true);
        let max_crawl_delay = secs("max_crawl_delay_secs", self.max_crawl_delay_secs, true);
        let progress = secs("progress_interval_secs", self.progress_interval_secs, true);
        // An HTTP header value: visible ASCII and tabs (RFC 9110, field-value).
        let header_safe = |b: u8| b == b'\t' || (32..127).contains(&b);
        if self.user_agent.trim().is_empty() || !self.user_agent.bytes().all(header_safe) {
            problems.push(format!(
                "fetch.user_agent: {:?} is not a valid header value",
                self.user_agent
            ));
        }
        if problems.len() > before {
            return None;
        }
        Some(FetchSettings {
            concurrency: self.concurrency,
            per_host_concurrency: self.per_host_concurrency,
            per_host_delay: Duration::from_millis(self.per_host_delay_ms),
            timeout: timeout?,
            connect_timeout: connect_timeout?,
            max_body_bytes: self.max_body_bytes,
            max_redirects: self.max_redirects,
            retries: self.retries,
            retry_base_delay: Duration::from_millis(self.retry_base_delay_ms),
            max_retry_delay: max_retry_delay?,
            user_agent: self.user_agent.clone(),
            respect_robots: self.respect_robots,
            max_crawl_delay: max_crawl_delay?,
            max_queued_urls: self.max_queued_urls,
            resume: true,
            progress_interval: progress.filter(|d| !d.is_zero()),
            warc: self.warc.clone(),
        })
    }
}

/// A fetch run: where the URLs are and how to fetch them.
#[derive(Debug, Clone)]
pub struct FetchPlan {
    /// The URL lists, in order.
    pub lists: Vec<ListSource>,
    /// Compiled `[fetch]`.
    pub settings: FetchSettings,
}

impl FetchPlan {
    /// Checks that every list file exists.
    ///
    /// # Errors
    /// [`Error::MissingInput`] for a list file that does not exist.
    pub fn new(lists: Vec<ListSource>, settings: FetchSettings) -> Result<Self, Error> {
        for list in &lists {
            if let ListSource::File(path) = list
                && !path.exists()
            {
                return Err(Error::MissingInput { path: path.clone() });
            }
        }
        Ok(Self { lists, settings })
    }
}

/// The example `[fetch]` table, for pipeline.toml (a test parses it).
pub const EXAMPLE_TOML: &str = include_str!("example.toml");

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn example_toml_parses_and_builds() {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            fetch: FetchConfig,
        }
        let doc: Doc = toml::from_str(EXAMPLE_TOML).unwrap();
        let mut problems = Vec::new();
        let settings = doc.fetch.build(&mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.per_host_concurrency, 2);
        assert_eq!(settings.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
    }

    #[test]
    fn bad_values_are_all_reported() {
        let config = FetchConfig {
            concurrency: 0,
            timeout_secs: -1.0,
            user_agent: "bad\nagent".into(),
            ..FetchConfig::default()
        };
        let mut problems = Vec::new();
        assert!(config.build(&mut problems).is_none());
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("fetch.concurrency"));
    }
}
