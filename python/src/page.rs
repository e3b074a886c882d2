//! One row (or one `clean_html` call) -> [`Page`] -> [`Record`] or a reject, with the same
//! checks the CLI applies to a file: size cap, empty and binary content, charset decoding.

use std::panic::{self, AssertUnwindSafe};

use copydesk::error::error_chain;
use copydesk::filter::{DedupIndex, DocumentRejected};
use copydesk::input::source::Origin;
use copydesk::{ContentKind, Input, InputFormat, Limits, Page, PageError, Processor, Record};
use url::Url;

/// Page content as given by Python: decoded text or raw bytes.
pub enum Content {
    Text(String),
    Bytes(Vec<u8>),
}

impl Content {
    pub fn as_cell(&self) -> Cell<'_> {
        match self {
            Self::Text(s) => Cell::Str(s),
            Self::Bytes(b) => Cell::Bytes(b),
        }
    }
}

/// A borrowed value of the `html` column.
#[derive(Clone, Copy)]
pub enum Cell<'a> {
    Str(&'a str),
    Bytes(&'a [u8]),
    Null,
}

/// Everything one page needs.
pub struct RowInput<'a> {
    pub seq: u64,
    pub format: InputFormat,
    pub source: String,
    /// The parsed URL, or why it did not parse.
    pub url: Result<Option<Url>, String>,
    pub content: Cell<'a>,
}

/// Why a row gave no record, as in the CLI's rejects file.
pub struct RejectInfo {
    pub stage: String,
    pub kind: &'static str,
    pub reason: String,
}

impl From<PageError> for RejectInfo {
    fn from(error: PageError) -> Self {
        Self {
            stage: error.stage().to_string(),
            kind: error.kind(),
            reason: error_chain(&error),
        }
    }
}

/// Cross-document dedup, as the CLI's writer does it: a record whose text duplicates (exactly
/// or nearly) one kept earlier by the same index becomes a reject; otherwise it is kept and
/// remembered. Rows are checked in the order they are given.
///
/// # Errors
/// The row's own reject, or a duplicate reject naming the earlier copy.
pub fn dedup(
    index: &mut DedupIndex,
    result: Result<Record, RejectInfo>,
) -> Result<Record, RejectInfo> {
    let record = result?;
    let name = if record.source.is_empty() {
        &record.id
    } else {
        &record.source
    };
    match index.check_and_insert(name, &record.text) {
        None => Ok(record),
        Some(duplicate) => Err(PageError::from(DocumentRejected::from(duplicate)).into()),
    }
}

/// Cleans one row.
///
/// # Errors
/// A [`RejectInfo`] when the page gives no record.
pub fn clean_one(
    processor: &Processor,
    limits: &Limits,
    row: RowInput<'_>,
) -> Result<Record, RejectInfo> {
    let url = row.url.map_err(|reason| RejectInfo {
        stage: "source".to_string(),
        kind: "invalid url",
        reason,
    })?;
    let page = to_page(row.seq, row.format, row.source, url, row.content, limits)?;
    // A panic on one page (a bug) becomes that row's reject instead of failing the whole
    // batch, and with it a Ray or Spark task that would be retried on the same page.
    match panic::catch_unwind(AssertUnwindSafe(|| processor.process(&page))) {
        Ok(result) => Ok(result?),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(RejectInfo {
                stage: "extract".to_string(),
                kind: "internal error",
                reason: format!("internal error (panic): {message}"),
            })
        }
    }
}

fn to_page(
    seq: u64,
    format: InputFormat,
    source: String,
    url: Option<Url>,
    content: Cell<'_>,
    limits: &Limits,
) -> Result<Page, PageError> {
    let len = match content {
        Cell::Str(s) => s.len(),
        Cell::Bytes(b) => b.len(),
        Cell::Null => return Err(PageError::Empty),
    };
    if len as u64 > limits.max_input_bytes {
        return Err(PageError::TooLarge {
            limit: limits.max_input_bytes,
        });
    }
    match content {
        Cell::Str(text) => {
            // Already decoded: only the empty and binary checks of `decode_page` apply.
            if text.trim().is_empty() {
                return Err(PageError::Empty);
            }
            if let Some(kind) = copydesk::input::charset::sniff_binary(text.as_bytes()) {
                return Err(PageError::Binary { kind });
            }
            Ok(Page {
                seq,
                source,
                url,
                kind: str_kind(format, text),
                text: text.to_owned(),
            })
        }
        Cell::Bytes(bytes) => {
            let input = Input {
                seq,
                source,
                url,
                format,
                origin: Origin::Stdin,
            };
            copydesk::input::load::decode_page(&input, bytes, None)
        }
        Cell::Null => Err(PageError::Empty),
    }
}

/// The content kind of decoded text, as the CLI decides it for an input without a file name.
fn str_kind(format: InputFormat, text: &str) -> ContentKind {
    match format {
        InputFormat::Html => ContentKind::Html,
        InputFormat::Text => ContentKind::Text,
        InputFormat::Auto => {
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            if body.trim_start().starts_with('<') {
                ContentKind::Html
            } else {
                ContentKind::Text
            }
        }
    }
}

/// Parses a `format` argument: `html`, `text` or `auto` (as the CLI's `--format`).
///
/// # Errors
/// A message listing the accepted values.
pub fn parse_format(format: &str) -> Result<InputFormat, String> {
    match format {
        "html" => Ok(InputFormat::Html),
        "text" => Ok(InputFormat::Text),
        "auto" => Ok(InputFormat::Auto),
        other => Err(format!(
            "invalid format {other:?}: expected \"html\", \"text\" or \"auto\""
        )),
    }
}
