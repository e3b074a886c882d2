//! [`FetchError`]: why one URL gave no page; the runner turns it into a reject.

use std::time::Duration;

use thiserror::Error;

use crate::error::{PageError, Stage};
use crate::input::url_list::ListError;

/// Why fetching one URL failed. Each variant is one reject reason of the summary table.
#[derive(Debug, Error)]
pub enum FetchError {
    /// The list entry gave no URL to fetch (unreadable list, bad row, invalid URL).
    #[error(transparent)]
    List(#[from] ListError),
    /// The fetched body could not be decoded into a page (empty, binary).
    #[error(transparent)]
    Decode(#[from] PageError),
    /// The same URL (after normalization) came earlier in the lists; it is fetched once.
    #[error("duplicate of {of}")]
    Duplicate {
        /// The normalized URL, as fetched for the first occurrence.
        of: String,
    },
    /// robots.txt disallows the URL for our user agent.
    #[error("disallowed by robots.txt")]
    RobotsDisallowed,
    /// robots.txt answered with a server error: RFC 9309 says to assume a full disallow.
    #[error("robots.txt unavailable (http status {status})")]
    RobotsUnavailable {
        /// The status robots.txt answered with.
        status: u16,
    },
    /// The TCP/TLS connection could not be made (refused, unreachable, DNS, connect timeout).
    #[error("cannot connect")]
    Connect(#[source] reqwest::Error),
    /// No complete response within `timeout_secs` (redirects and body included).
    #[error("timed out after {:.1}s", after.as_secs_f64())]
    Timeout {
        /// The configured total timeout.
        after: Duration,
    },
    /// The request failed after connecting (connection reset, malformed response, ...).
    #[error("request failed")]
    Request(#[source] reqwest::Error),
    /// The final response is not a success.
    #[error("http status {status}")]
    Status {
        /// The HTTP status code.
        status: u16,
        /// The server's `Retry-After`, when it sent one (already capped).
        retry_after: Option<Duration>,
    },
    /// More redirects than `max_redirects`.
    #[error("more than {limit} redirects")]
    TooManyRedirects {
        /// The configured limit.
        limit: usize,
    },
    /// A redirect led back to a URL already visited in the same chain.
    #[error("redirect loop at {url}")]
    RedirectLoop {
        /// The URL that was visited twice.
        url: String,
    },
    /// A redirect without a usable `Location` (missing, not a URL, not http/https).
    #[error("redirect with an invalid location")]
    BadRedirect,
    /// The content type is not HTML or XHTML.
    #[error("unsupported content type {content_type}")]
    UnsupportedContentType {
        /// The `Content-Type` header, or `none`.
        content_type: String,
    },
    /// The (decompressed) body is larger than `max_body_bytes`; reading stopped there.
    #[error("body exceeds max_body_bytes ({limit} bytes)")]
    TooLarge {
        /// The configured limit.
        limit: u64,
    },
    /// Reading or decompressing the body failed.
    #[error("body read failed")]
    Body(#[source] reqwest::Error),
    /// The error of the last attempt, after every retry was used.
    #[error("gave up after {attempts} attempts")]
    GaveUp {
        /// Requests made, the first included.
        attempts: u32,
        /// The last attempt's error.
        #[source]
        last: Box<FetchError>,
    },
}

impl FetchError {
    /// Whether another attempt may succeed: connect errors, timeouts, broken transfers, and
    /// statuses 408, 429 and 5xx. Everything else is final.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Connect(_) | Self::Timeout { .. } | Self::Request(_) => true,
            Self::Body(e) => !e.is_decode() || broken_transfer(e),
            Self::Status { status, .. } => matches!(status, 408 | 429 | 500..=599),
            _ => false,
        }
    }

    /// Whether a later run should try this URL again (resume skips the others). True for
    /// retryable failures that used up their retries and for an unavailable robots.txt.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::GaveUp { last, .. } => last.is_transient(),
            Self::RobotsUnavailable { .. } => true,
            other => other.is_retryable(),
        }
    }

    /// A short, stable label for the summary's "rejects by reason" table.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::List(e) => e.kind(),
            Self::Decode(e) => e.kind(),
            Self::Duplicate { .. } => "duplicate url",
            Self::RobotsDisallowed => "disallowed by robots.txt",
            Self::RobotsUnavailable { .. } => "robots.txt unavailable",
            Self::Connect(_) => "cannot connect",
            Self::Timeout { .. } => "timeout",
            Self::Request(_) => "request failed",
            Self::Status { status, .. } => match status {
                404 | 410 => "http not found",
                429 => "http too many requests",
                400..=499 => "http client error",
                500..=599 => "http server error",
                _ => "http unexpected status",
            },
            Self::TooManyRedirects { .. } => "too many redirects",
            Self::RedirectLoop { .. } => "redirect loop",
            Self::BadRedirect => "bad redirect",
            Self::UnsupportedContentType { .. } => "unsupported content type",
            Self::TooLarge { .. } => "body too large",
            Self::Body(_) => "body read failed",
            Self::GaveUp { last, .. } => last.kind(),
        }
    }

    /// The stage a reject for this error belongs to: decoding for a body that is not a page,
    /// fetching for everything else.
    pub fn stage(&self) -> Stage {
        match self {
            Self::Decode(e) => e.stage(),
            _ => Stage::Fetch,
        }
    }

    /// The server's requested wait before retrying, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Whether a body error is the connection breaking (reset, closed before the declared
/// length) rather than content that cannot be decoded. With decompression enabled, reqwest
/// reports every body error as a decode error, so the cause chain is what tells them apart.
fn broken_transfer(error: &reqwest::Error) -> bool {
    use std::error::Error as _;
    let mut cause = error.source();
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::TimedOut
            );
        }
        cause = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_retry_rules() {
        let status = |s| FetchError::Status {
            status: s,
            retry_after: None,
        };
        assert!(status(500).is_retryable());
        assert!(status(503).is_retryable());
        assert!(status(429).is_retryable());
        assert!(status(408).is_retryable());
        assert!(!status(404).is_retryable());
        assert!(!status(403).is_retryable());
        assert!(!FetchError::RobotsDisallowed.is_transient());
        let gave_up = FetchError::GaveUp {
            attempts: 3,
            last: Box::new(status(503)),
        };
        assert!(gave_up.is_transient());
        assert!(!gave_up.is_retryable());
        assert_eq!(gave_up.kind(), "http server error");
    }
}
