//! The output contract: one [`Record`] per article, one [`Reject`] per input that gave none.
//!
//! Schema version 1. Field order is the serialization order and is stable. Fields listed in
//! README ("Record schema") are always present (`null` when unknown) except the optional ones
//! marked there, which are omitted when not requested. A new field bumps
//! [`SCHEMA_VERSION`]'s minor meaning only if it is optional; removing or renaming one bumps it.

use serde::{Deserialize, Serialize};

use crate::article::PageType;
use crate::error::Stage;

#[cfg(feature = "arrow")]
pub mod arrow;

/// Version of the record schema written in every record.
pub const SCHEMA_VERSION: u32 = 1;

/// One cleaned article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Stable content hash: 32 hex digits of XXH3-128 over `text`.
    pub id: String,
    /// The page's URL (canonical when declared, else the fetched or given URL), or null.
    pub url: Option<String>,
    /// Where the input came from: file path, `-` for stdin, or the requested URL.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Author(s), several joined with "; ".
    pub author: Option<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Last modification date, ISO 8601.
    pub modified: Option<String>,
    /// Language code: declared by the page (`<html lang>`, meta), else detected from the text
    /// (ISO 639-1 where one exists, e.g. "en").
    pub language: Option<String>,
    /// Confidence (0-1) of the text-based detection when `language` was detected; null when
    /// the page declared its language or detection is off.
    pub language_confidence: Option<f64>,
    /// Publication or site name.
    pub site_name: Option<String>,
    /// Summary given by the page.
    pub description: Option<String>,
    /// Lead image URL.
    pub image: Option<String>,
    /// Tags and categories.
    pub tags: Vec<String>,
    /// The cleaned body: paragraphs separated by one blank line, no leading/trailing space.
    pub text: String,
    /// The body as Markdown (only with `output.markdown = true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// Words in `text` (whitespace-separated).
    pub word_count: usize,
    /// What kind of page the text came from, judged from its markup: `article`, `listing`,
    /// `forum`, `product`, `documentation`, `service` or `other`.
    pub page_type: PageType,
    /// Predicted quality of the extraction, 0-1 (see [`crate::normalize::confidence`]):
    /// higher when the body is prose that fills a good share of the page, agrees with the
    /// page's description and has few links. Ranks pages; it is not a probability.
    pub confidence: f64,
    /// Removed blocks and the rules that removed them (only with `filter.keep_removed = true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<RemovedBlock>>,
    /// How the page was fetched (only for fetched URLs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetch: Option<FetchInfo>,
    /// Position of the input in the run's input stream.
    pub seq: u64,
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
}

/// A block the filter stage removed, and the rule that removed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovedBlock {
    /// Rule name (`photo_credit`, `read_more`, a user rule's name, ...).
    pub rule: String,
    /// The removed text.
    pub text: String,
}

/// An input that produced no record, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reject {
    /// Position of the input in the run's input stream.
    pub seq: u64,
    /// The input's name (path or requested URL).
    pub source: String,
    /// The stage that rejected it.
    pub stage: Stage,
    /// Human-readable reason.
    pub reason: String,
    /// A later run may succeed (network error, timeout, 429/5xx after all retries): a resumed
    /// fetch run tries the URL again. Omitted when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub transient: bool,
}

/// How a fetched page was obtained (the record's `fetch` object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchInfo {
    /// The URL as written in the list.
    pub requested_url: String,
    /// The URL after redirects (also the record's `url`).
    pub final_url: String,
    /// HTTP status of the final response.
    pub status: u16,
    /// `Content-Type` of the final response.
    pub content_type: Option<String>,
    /// When the body was complete, RFC 3339 UTC with milliseconds.
    pub fetched_at: String,
    /// Time from the first request to the end of the body, redirects included.
    pub elapsed_ms: u64,
}
