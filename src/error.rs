//! Error types: [`Error`](enum@Error) stops a run, [`PageError`] rejects one input and the run goes on.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::extract::ExtractError;
use crate::filter::DocumentRejected;

/// A fatal error: bad config, unusable output, failed setup. The run stops.
#[derive(Debug, Error)]
pub enum Error {
    /// The config file could not be read.
    #[error("cannot read config {path}")]
    ConfigRead {
        /// Config file path.
        path: PathBuf,
        /// Underlying I/O error.
        #[source]
        source: io::Error,
    },
    /// The config file is not valid TOML or does not match the schema. The message is toml's,
    /// with line, column and a caret under the offending key.
    #[error("{path}: {message}")]
    ConfigParse {
        /// Config file path.
        path: PathBuf,
        /// toml's rendered error (names line, column and key).
        message: String,
    },
    /// The config parsed but some values are invalid; all problems are listed.
    #[error("{path}: invalid configuration:\n{}", .problems.join("\n"))]
    ConfigInvalid {
        /// Config file path (or `<flags>` when built from command-line options).
        path: PathBuf,
        /// One line per problem: `key.path: what is wrong`.
        problems: Vec<String>,
    },
    /// An output file could not be created or written.
    #[error("cannot write {path}")]
    Output {
        /// Output path (`-` for stdout).
        path: PathBuf,
        /// Underlying I/O error.
        #[source]
        source: io::Error,
    },
    /// The output path names a format copydesk does not write (checked before any work).
    #[error("output refused: {0}")]
    OutputRefused(String),
    /// The fetch stage could not start (async runtime or HTTP client setup).
    #[error("cannot set up fetching")]
    FetchSetup(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// An input could not be opened at all (not a per-page problem: a missing top-level path).
    #[error("input {path} does not exist")]
    MissingInput {
        /// The path given by the user.
        path: PathBuf,
    },
}

/// "message: cause: root cause": an error and its `source` chain on one line, as reject
/// reasons and config problems are written.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The pipeline stage at which an input was rejected.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Listing inputs (walking directories, reading lists).
    Source,
    /// Fetching a URL (list entry, robots.txt, HTTP, redirects, content type, size).
    Fetch,
    /// Reading bytes from disk or stdin, decompressing.
    Read,
    /// Turning bytes into text (binary detection, charset).
    Decode,
    /// Finding the article in the page.
    Extract,
    /// Boilerplate and quality filters, dedup.
    Filter,
}

/// Why one input became a reject. The input's name is attached by the pipeline.
#[derive(Debug, Error)]
pub enum PageError {
    /// The file could not be read.
    #[error("read failed")]
    Read(#[source] io::Error),
    /// The input is larger than `limits.max_input_bytes`.
    #[error("input exceeds max_input_bytes ({limit} bytes)")]
    TooLarge {
        /// The configured limit.
        limit: u64,
    },
    /// A gzip input is corrupt or truncated.
    #[error("gzip stream is corrupt or truncated")]
    BadGzip(#[source] io::Error),
    /// A compressed input inflates beyond `limits.max_decompressed_bytes`.
    #[error("decompressed size exceeds max_decompressed_bytes ({limit} bytes)")]
    DecompressionBomb {
        /// The configured limit.
        limit: u64,
    },
    /// The input has no content (zero bytes or only whitespace).
    #[error("empty input")]
    Empty,
    /// The input is not text (an image, archive, PDF or other binary data).
    #[error("binary content ({kind})")]
    Binary {
        /// What the bytes look like (`png`, `pdf`, `nul bytes`, ...).
        kind: &'static str,
    },
    /// An archive record whose declared media type is not HTML (an image, PDF, feed...).
    #[error("not html (content type {content_type})")]
    NotHtml {
        /// The declared media type, lowercased, without parameters.
        content_type: String,
    },
    /// The extractor found no article.
    #[error(transparent)]
    Extract(#[from] ExtractError),
    /// After filtering nothing of the body is left.
    #[error("no text left after filtering")]
    EmptyAfterFilter,
    /// A document-level filter (quality, language) rejected the article.
    #[error(transparent)]
    Filtered(#[from] DocumentRejected),
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Source => "source",
            Self::Fetch => "fetch",
            Self::Read => "read",
            Self::Decode => "decode",
            Self::Extract => "extract",
            Self::Filter => "filter",
        })
    }
}

impl PageError {
    /// The stage this error belongs to.
    pub fn stage(&self) -> Stage {
        match self {
            Self::Read(_)
            | Self::TooLarge { .. }
            | Self::BadGzip(_)
            | Self::DecompressionBomb { .. } => Stage::Read,
            Self::Empty | Self::Binary { .. } | Self::NotHtml { .. } => Stage::Decode,
            Self::Extract(_) => Stage::Extract,
            Self::EmptyAfterFilter | Self::Filtered(_) => Stage::Filter,
        }
    }

    /// A short, stable label for the summary's "rejects by reason" table.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Read(_) => "read failed",
            Self::TooLarge { .. } => "too large",
            Self::BadGzip(_) => "corrupt gzip",
            Self::DecompressionBomb { .. } => "decompression bomb",
            Self::Empty => "empty input",
            Self::Binary { .. } => "binary content",
            Self::NotHtml { .. } => "not html",
            Self::Extract(e) => e.kind(),
            Self::EmptyAfterFilter => "empty after filtering",
            Self::Filtered(rejected) => rejected.rule(),
        }
    }
}
