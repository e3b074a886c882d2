//! [`Fetcher`]: one HTTP request chain (redirects included) for one URL, with the limits:
//! total timeout, redirect limit and loop detection, content-type gate, body cap while
//! streaming. Politeness and retries are the scheduler's job.

use std::time::{Duration, Instant};

use reqwest::header::{self, HeaderMap};
use url::Url;

use super::{FetchError, FetchSettings};

/// A successful response: the body, raw (decompressed) and capped.
#[derive(Debug)]
pub struct Response {
    /// Where the redirects ended.
    pub final_url: Url,
    /// The final status (2xx).
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// All response headers (names lowercase), for the WARC archive.
    pub headers: Vec<(String, String)>,
    /// The body, after content-encoding decompression.
    pub body: Vec<u8>,
    /// Time from the first request to the end of the body.
    pub elapsed: Duration,
}

/// The HTTP client with its settings. One per run; cheap to share by `Arc`.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: FetchSettings,
}

/// What one call of [`Fetcher::fetch_page`] ends with.
#[derive(Debug)]
pub enum Fetched {
    /// The page (after redirects within its origin).
    Page(Response),
    /// A redirect to another origin, to be queued under that host.
    Redirect {
        /// Where to.
        to: Url,
        /// Every URL of the chain requested so far.
        visited: Vec<String>,
    },
}

/// Largest robots.txt read (Google's limit is 500 KiB; rules past it are ignored).
const MAX_ROBOTS_BYTES: u64 = 512 * 1024;

impl Fetcher {
    /// Builds the client: connect timeout, user agent, no automatic redirects (followed here,
    /// so that loops are typed errors and the total timeout covers every hop), transparent
    /// gzip/brotli/deflate/zstd.
    ///
    /// # Errors
    /// The client cannot be built (TLS backend setup).
    pub fn new(settings: FetchSettings) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(settings.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(settings.per_host_concurrency)
            .pool_idle_timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self { client, settings })
    }

    /// The settings.
    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// Fetches one page: one attempt, redirects within the URL's origin followed, body read
    /// with the cap. A redirect to another origin (host, scheme or port) is not followed
    /// here: it comes back as [`Fetched::Redirect`], so that the scheduler queues the target
    /// under its own host (its robots.txt, per-host limit and delay). `before` lists the URLs
    /// of the chain requested so far (other origins), for loop detection and the limit.
    ///
    /// # Errors
    /// Every failure is a [`FetchError`]; the caller decides whether to retry.
    pub async fn fetch_page(&self, url: &Url, before: &[String]) -> Result<Fetched, FetchError> {
        let limit = self.settings.timeout;
        let follow = self.follow(url, self.settings.max_body_bytes, true, before);
        match tokio::time::timeout(limit, follow).await {
            Ok(result) => result,
            Err(_) => Err(FetchError::Timeout { after: limit }),
        }
    }

    /// Fetches a discovery document (a sitemap or a feed): one attempt, every redirect
    /// followed (the document is read for its links, wherever it is served from), any
    /// content type, body read with `cap`.
    ///
    /// # Errors
    /// Every failure is a [`FetchError`]; the caller decides whether to retry.
    pub async fn fetch_document(&self, url: &Url, cap: u64) -> Result<Response, FetchError> {
        let limit = self.settings.timeout;
        match tokio::time::timeout(limit, self.follow(url, cap, false, &[])).await {
            Err(_) => Err(FetchError::Timeout { after: limit }),
            Ok(Ok(Fetched::Page(response))) => Ok(response),
            // (every redirect is followed when `html_only` is false, so this is not reached)
            Ok(Ok(Fetched::Redirect { .. })) => Err(FetchError::BadRedirect),
            Ok(Err(e)) => Err(e),
        }
    }

    /// Fetches `/robots.txt` of `origin` (one attempt): `Ok(None)` when there is none (4xx),
    /// `Ok(Some(body))` on success.
    ///
    /// # Errors
    /// [`FetchError::RobotsUnavailable`] on 5xx; network errors as for pages.
    pub async fn fetch_robots(&self, origin: &Url) -> Result<Option<Vec<u8>>, FetchError> {
        let url = origin.join("/robots.txt").expect("an origin joins a path");
        let limit = self.settings.timeout;
        let result =
            tokio::time::timeout(limit, self.follow(&url, MAX_ROBOTS_BYTES, false, &[])).await;
        match result {
            Err(_) => Err(FetchError::Timeout { after: limit }),
            Ok(Ok(Fetched::Page(response))) => Ok(Some(response.body)),
            // (robots.txt follows every redirect, so this is not reached)
            Ok(Ok(Fetched::Redirect { .. })) => Ok(None),
            Ok(Err(FetchError::Status { status, .. })) if status >= 500 => {
                Err(FetchError::RobotsUnavailable { status })
            }
            Ok(Err(FetchError::Status { .. })) => Ok(None),
            Ok(Err(FetchError::TooLarge { .. })) => Ok(None),
            Ok(Err(e)) => Err(e),
        }
    }

    /// Follows redirects from `start`. Pages (`html_only`) stop at a redirect to another
    /// origin; robots.txt follows every redirect (it belongs to `start`'s host whatever
    /// serves it).
    async fn follow(
        &self,
        start: &Url,
        cap: u64,
        html_only: bool,
        before: &[String],
    ) -> Result<Fetched, FetchError> {
        let started = Instant::now();
        let mut url = start.clone();
        let mut visited = before.to_vec();
        visited.push(url.as_str().to_string());
        loop {
            let response = self
                .client
                .get(url.clone())
                .header(header::ACCEPT, ACCEPT)
                .send()
                .await
                .map_err(classify)?;
            let status = response.status();
            if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
                let next = location(response.headers(), &url).ok_or(FetchError::BadRedirect)?;
                if visited.iter().any(|v| v == next.as_str()) {
                    return Err(FetchError::RedirectLoop {
                        url: next.to_string(),
                    });
                }
                if visited.len() > self.settings.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        limit: self.settings.max_redirects,
                    });
                }
                if html_only && next.origin() != start.origin() {
                    return Ok(Fetched::Redirect { to: next, visited });
                }
                visited.push(next.as_str().to_string());
                url = next;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    status: status.as_u16(),
                    retry_after: retry_after(response.headers(), self.settings.max_retry_delay),
                });
            }
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            if html_only && !content_type.as_deref().is_none_or(is_html_type) {
                return Err(FetchError::UnsupportedContentType {
                    content_type: content_type.unwrap_or_default(),
                });
            }
            let headers = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = read_capped(response, cap).await?;
            return Ok(Fetched::Page(Response {
                final_url: url,
                status: status.as_u16(),
                content_type,
                headers,
                body,
                elapsed: started.elapsed(),
            }));
        }
    }
}

const ACCEPT: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

/// Reads the body chunk by chunk and stops as soon as it passes `cap`: an endless or huge
/// body costs at most `cap` bytes of memory. Declared lengths over the cap fail at once.
async fn read_capped(mut response: reqwest::Response, cap: u64) -> Result<Vec<u8>, FetchError> {
    if response.content_length().is_some_and(|n| n > cap) {
        return Err(FetchError::TooLarge { limit: cap });
    }
    let mut body = Vec::with_capacity(
        usize::try_from(response.content_length().unwrap_or(0).min(cap)).unwrap_or(0),
    );
    while let Some(chunk) = response.chunk().await.map_err(|e| {
        if e.is_timeout() {
            FetchError::Request(e)
        } else {
            FetchError::Body(e)
        }
    })? {
        if (body.len() + chunk.len()) as u64 > cap {
            return Err(FetchError::TooLarge { limit: cap });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn classify(error: reqwest::Error) -> FetchError {
    if error.is_connect() {
        FetchError::Connect(error)
    } else {
        FetchError::Request(error)
    }
}

fn location(headers: &HeaderMap, base: &Url) -> Option<Url> {
    let value = headers.get(header::LOCATION)?.to_str().ok()?;
    let mut next = base.join(value.trim()).ok()?;
    if !matches!(next.scheme(), "http" | "https") {
        return None;
    }
    next.set_fragment(None);
    Some(next)
}

/// HTML and XHTML media types (parameters such as `charset` ignored).
pub fn is_html_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(essence.as_str(), "text/html" | "application/xhtml+xml")
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').trim())
            .filter(|v| !v.is_empty())
    })
}

/// `Retry-After` as delta-seconds or an HTTP date, capped at `cap`.
fn retry_after(headers: &HeaderMap, cap: Duration) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = if let Ok(secs) = value.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
        let delta = date.signed_duration_since(chrono::Utc::now());
        delta.to_std().unwrap_or(Duration::ZERO)
    };
    Some(wait.min(cap))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn content_type_helpers() {
        assert!(is_html_type("text/html; charset=ISO-8859-1"));
        assert!(is_html_type("Application/XHTML+XML"));
        assert!(!is_html_type("image/png"));
        assert!(!is_html_type("text/plain"));
        assert_eq!(
            charset_param("text/html; Charset=\"Shift_JIS\""),
            Some("Shift_JIS")
        );
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn retry_after_seconds_and_dates_are_capped() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(
            retry_after(&headers, Duration::from_secs(60)),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after(&headers, Duration::from_secs(1)),
            Some(Duration::from_secs(1))
        );
        headers.insert(
            header::RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(
            retry_after(&headers, Duration::from_secs(60)),
            Some(Duration::ZERO)
        );
    }
}
