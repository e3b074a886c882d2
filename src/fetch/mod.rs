//! The fetch stage: URL lists -> HTTP (politely) -> raw responses -> decoded [`Page`]s.
//!
//! ```text
//! list thread: read lists, normalize, dedupe, skip what a previous run finished (resume)
//!    --(bounded)--> scheduler (tokio, this module's own runtime): per-host queues, robots.txt,
//!       delays, retries; one reqwest Client --> FetchOutcome --> pipeline workers
//! ```
//! Every list entry ends as exactly one [`FetchOutcome`] (a response or a reject), except the
//! entries a previous run already finished, which are counted as skipped. The pipeline's
//! workers turn a response into a [`Page`] with [`FetchedPage::to_page`] (charset decoding is
//! CPU work, kept off the runtime) and then into a record.
//!
//! Only this module imports reqwest and tokio. Randomness (retry jitter) lives here only.

mod client;
mod error;
pub mod list;
pub mod progress;
mod robots;
mod schedule;
pub mod warc;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Deserialize;

pub use crate::resume::ResumeState;
pub use client::{Fetcher, Response, charset_param, is_html_type};
pub use error::FetchError;
pub use list::ListSource;
pub use progress::Progress;
pub use robots::Robots;

use crate::charset;
use crate::error::{Error, PageError};
use crate::load::{ContentKind, Page};
use crate::record::FetchInfo;
use schedule::{Incoming, Job, Scheduler};

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
        if self.user_agent.trim().is_empty()
            || reqwest::header::HeaderValue::from_str(&self.user_agent).is_err()
        {
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

/// What became of one list entry.
#[derive(Debug)]
pub enum FetchOutcome {
    /// A 2xx HTML response, not yet decoded.
    Page(Box<FetchedPage>),
    /// No page: why.
    Reject {
        /// Position in the list stream.
        seq: u64,
        /// The entry as written (the requested URL).
        source: String,
        /// Why.
        error: FetchError,
    },
}

/// A successful response for one list entry.
#[derive(Debug)]
pub struct FetchedPage {
    /// Position in the list stream.
    pub seq: u64,
    /// The entry as written (the requested URL).
    pub requested: String,
    /// The response.
    pub response: Response,
    /// When the response was complete.
    pub fetched_at: chrono::DateTime<chrono::Utc>,
}

impl FetchedPage {
    /// The record's `fetch` object.
    pub fn info(&self) -> FetchInfo {
        FetchInfo {
            requested_url: self.requested.clone(),
            final_url: self.response.final_url.to_string(),
            status: self.response.status,
            content_type: self.response.content_type.clone(),
            fetched_at: self
                .fetched_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            elapsed_ms: u64::try_from(self.response.elapsed.as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// Decodes the body: empty and binary bodies are rejects; a body without a content type
    /// must look like markup; the charset comes from the header, then BOM, `<meta>`, detection
    /// ([`charset::decode`]).
    ///
    /// # Errors
    /// [`PageError::Empty`], [`PageError::Binary`], or
    /// [`FetchError::UnsupportedContentType`] for an untyped body that is not markup.
    pub fn to_page(&self) -> Result<Page, PageError> {
        let body = &self.response.body;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(PageError::Empty);
        }
        if let Some(kind) = charset::sniff_binary(body) {
            return Err(PageError::Binary { kind });
        }
        let content_type = self.response.content_type.as_deref();
        if content_type.is_none() {
            let text = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
            if text.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
                return Err(FetchError::UnsupportedContentType {
                    content_type: "none".into(),
                }
                .into());
            }
        }
        let decoded = charset::decode(body, content_type.and_then(charset_param), true);
        if decoded.text.trim().is_empty() {
            return Err(PageError::Empty);
        }
        Ok(Page {
            seq: self.seq,
            source: self.requested.clone(),
            url: Some(self.response.final_url.clone()),
            kind: ContentKind::Html,
            text: decoded.text,
        })
    }
}

/// Counts of a fetch run that are not outcomes.
#[derive(Debug, Default)]
pub struct FetchStats {
    /// Entries a previous run already finished (resume).
    pub skipped: AtomicU64,
}

/// Runs the fetch stage to the end: every list entry not finished by a previous run (see
/// `resume`) gives one call to `emit`. `emit` may block (that is the backpressure); when it
/// returns `false` the run stops early.
///
/// # Errors
/// [`Error::FetchSetup`] when the runtime or the HTTP client cannot be built.
pub fn run(
    plan: &FetchPlan,
    resume: &mut ResumeState,
    progress: &Progress,
    emit: &mut dyn FnMut(FetchOutcome) -> bool,
) -> Result<FetchStats, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("copydesk-fetch")
        .build()
        .map_err(|e| Error::FetchSetup(Box::new(e)))?;
    let fetcher = {
        let _guard = runtime.enter();
        Arc::new(Fetcher::new(plan.settings.clone()).map_err(|e| Error::FetchSetup(Box::new(e)))?)
    };
    let mut warc = match &plan.settings.warc {
        Some(path) => Some(warc::WarcWriter::open(path, plan.settings.resume)?),
        None => None,
    };
    let mut warc_error = None;
    let mut emit = |outcome: FetchOutcome| {
        if let (Some(writer), FetchOutcome::Page(page)) = (&mut warc, &outcome)
            && let Err(e) = writer.write(page)
        {
            warc_error = Some(e);
            return false;
        }
        emit(outcome)
    };
    let stats = FetchStats::default();
    let (tx, rx) = tokio::sync::mpsc::channel::<Incoming>(1024);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut seq = 0u64;
            let mut seen = std::collections::HashSet::<u128>::new();
            list::read_lists(&plan.lists, &mut |item| {
                let this = seq;
                seq += 1;
                let incoming = match item {
                    list::ListItem::Broken { at, error } => {
                        if resume.take(&at) {
                            stats.skipped.fetch_add(1, Ordering::Relaxed);
                            progress.skip();
                            return true;
                        }
                        Incoming::Reject {
                            seq: this,
                            source: at,
                            error,
                        }
                    }
                    list::ListItem::Entry(raw) => {
                        let parsed = list::normalize(&raw);
                        // Dedupe on the normalized URL, before resume: a duplicate of a URL
                        // finished earlier is still a duplicate.
                        let fresh = parsed
                            .as_ref()
                            .is_ok_and(|url| seen.insert(key(url.as_str())));
                        if resume.take(&raw) {
                            stats.skipped.fetch_add(1, Ordering::Relaxed);
                            progress.skip();
                            return true;
                        }
                        match (parsed, fresh) {
                            (Err(error), _) => Incoming::Reject {
                                seq: this,
                                source: raw,
                                error,
                            },
                            (Ok(url), false) => Incoming::Reject {
                                seq: this,
                                source: raw,
                                error: FetchError::Duplicate {
                                    of: url.to_string(),
                                },
                            },
                            (Ok(url), true) => Incoming::Fetch(Job {
                                seq: this,
                                requested: raw,
                                url,
                                attempts: 0,
                            }),
                        }
                    }
                };
                tx.blocking_send(incoming).is_ok()
            });
            drop(tx);
        });
        runtime.block_on(Scheduler::new(fetcher, &mut emit).run(rx));
    });
    if let Some(e) = warc_error {
        return Err(e);
    }
    if let Some(writer) = warc {
        writer.finish()?;
    }
    Ok(stats)
}

/// 128-bit hash of a URL or list entry: sets of these keep dedupe and resume state small
/// (16 bytes per URL) with a negligible collision chance.
pub(crate) fn key(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// The example `[fetch]` table, for pipeline.toml (a test parses it).
pub const EXAMPLE_TOML: &str = include_str!("example.toml");

#[cfg(test)]
mod tests {
    use super::*;

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
