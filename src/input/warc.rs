//! WARC archives (`.warc`, `.warc.gz`, `.warc.zst`) -> one input per page record, streamed.
//!
//! Read with fastwarc (compression detected from the name or magic bytes; multi-member gzip as
//! Common Crawl writes it). Only `response` and `resource` records are pages; `warcinfo`,
//! `request`, `metadata`, `revisit` and the rest are skipped silently. For each page record the
//! HTTP headers give the media type and charset: HTML (or an undeclared type) becomes an input;
//! any other type becomes an input that [`crate::input::load`] rejects as `not html`, without its
//! payload being read. Payloads larger than the cap are skipped in the stream (never buffered)
//! and rejected as too large. A corrupt or truncated archive ends with one reject naming the
//! archive; the records before it stand.
//!
//! Memory: one record's payload at a time (at most the cap), plus fastwarc's 1 MiB read buffer.

use std::io::Read;
use std::path::Path;

use fastwarc::warc::iter::{ArchiveIterator, ArchiveIteratorOptions};
use fastwarc::warc::record::{AutoDecode, WarcRecord, WarcRecordType};
use url::Url;

use crate::input::load::is_html_media_type;
use crate::input::source::{Entry, InputFormat, Origin, Payload, WalkItem};

/// Whether `name` looks like a WARC file: `.warc`, optionally with `.gz`, `.zst` or `.lz4`.
pub fn is_warc_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = ["gz", "zst", "lz4"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&name);
    name.ends_with(".warc") || name.ends_with(".arc.warc")
}

/// Streams the page records of the WARC file at `path`; `name` prefixes each record's source.
///
/// Each item is an input (`name#<WARC-Record-ID>`) or a reject for the archive itself (cannot
/// open, corrupt stream). `max_payload_bytes` is the largest payload read into memory.
pub(crate) fn records(
    path: &Path,
    name: String,
    max_payload_bytes: u64,
) -> impl Iterator<Item = WalkItem> + use<> {
    let options = ArchiveIteratorOptions {
        // Transfer- and content-encoded payloads are decoded on the fly; Common Crawl stores
        // them decoded already (and renames the headers), other crawlers may not.
        decode_http_payload: AutoDecode::All,
        ..ArchiveIteratorOptions::default()
    };
    let (iter, opened) = match ArchiveIterator::from_path_with_options(path, options) {
        Ok(iter) => (Some(iter), None),
        Err(e) => (
            None,
            Some(Err((name.clone(), format!("cannot open WARC: {e}")))),
        ),
    };
    opened.into_iter().chain(WarcRecords {
        iter,
        name,
        index: 0,
        max_payload_bytes,
    })
}

struct WarcRecords {
    iter: Option<ArchiveIterator>,
    name: String,
    /// Records seen so far (all types), for error messages and unnamed records.
    index: u64,
    max_payload_bytes: u64,
}

impl Iterator for WarcRecords {
    type Item = WalkItem;

    fn next(&mut self) -> Option<WalkItem> {
        loop {
            let next = self.iter.as_mut()?.next();
            let record = match next {
                None => {
                    self.iter = None;
                    return None;
                }
                Some(Err(e)) => {
                    self.iter = None;
                    return Some(Err((
                        self.name.clone(),
                        format!(
                            "corrupt or truncated WARC after {} records: {e}",
                            self.index
                        ),
                    )));
                }
                Some(Ok(record)) => record,
            };
            let index = self.index;
            self.index += 1;
            let mut record = record.borrow_mut();
            if matches!(
                record.record_type(),
                WarcRecordType::Response | WarcRecordType::Resource
            ) {
                return Some(self.page(&mut record, index));
            }
        }
    }
}

impl WarcRecords {
    fn page(&self, record: &mut WarcRecord, index: u64) -> WalkItem {
        let key = record
            .record_id()
            .map(|id| id.trim_matches(['<', '>']).to_string())
            .unwrap_or_else(|| index.to_string());
        let source = format!("{}#{key}", self.name);
        if record.headers().get("Content-Length").is_none() {
            // fastwarc yields a record whose header block was cut short by the end of the
            // stream; without a length there is no payload to trust.
            return Err((
                source,
                "WARC record without Content-Length (truncated archive?)".to_string(),
            ));
        }
        // An archived error or redirect response is not the page (a 404 page, a "moved"
        // stub): rejected with its status, as `fetch` rejects the live response.
        if let Some(status) = record
            .http_headers()
            .and_then(|h| h.status_code())
            .filter(|s| !(200..300).contains(s))
        {
            return Err((source, format!("http status {status} (archived response)")));
        }
        let url = record
            .headers()
            .get("WARC-Target-URI")
            .and_then(|u| Url::parse(u.trim_matches(['<', '>'])).ok());
        // `response` records carry an HTTP message; `resource` records carry the payload with
        // its media type in the WARC `Content-Type`.
        let (content_type, charset) = if record.is_http() {
            let declared = record
                .http_headers()
                .and_then(|h| h.get("Content-Type"))
                .map(|c| c.into_owned());
            (
                record.http_content_type(),
                record.http_charset().map(|c| c.into_owned()).or_else(|| {
                    declared
                        .as_deref()
                        .and_then(charset_param)
                        .map(String::from)
                }),
            )
        } else {
            let declared = record.headers().get("Content-Type").map(|c| c.into_owned());
            (
                declared
                    .as_deref()
                    .map(|c| c.split(';').next().unwrap_or("").trim().to_string()),
                declared
                    .as_deref()
                    .and_then(charset_param)
                    .map(String::from),
            )
        };
        let content_type = content_type
            .map(|c| c.to_ascii_lowercase())
            .filter(|c| !c.is_empty());
        let is_html = content_type.as_deref().is_none_or(is_html_media_type);
        let declared_size = record.content_length();
        let mut payload = Payload {
            bytes: Vec::new(),
            size: declared_size,
            charset: charset.map(|c| c.trim_matches(['"', '\'']).to_string()),
            content_type: content_type.clone(),
        };
        // Non-HTML and oversized payloads are not read: fastwarc skips them when it moves on.
        if is_html && declared_size <= self.max_payload_bytes {
            let Some(reader) = record.reader_mut() else {
                return Err((source, "WARC record has no payload reader".to_string()));
            };
            let mut bytes = Vec::with_capacity(usize::try_from(declared_size).unwrap_or(0));
            if let Err(e) = reader
                .take(self.max_payload_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
            {
                return Err((source, format!("cannot read WARC record payload: {e}")));
            }
            // A short read means the archive ends inside this record (fastwarc stops at end of
            // stream without an error). Decoded payloads have their own length, so only plain
            // ones can be checked.
            let encoded = record.http_headers().is_some_and(|h| {
                h.get("Content-Encoding").is_some() || h.get("Transfer-Encoding").is_some()
            });
            if !encoded && (bytes.len() as u64) < declared_size {
                return Err((
                    source,
                    format!(
                        "truncated WARC record: {} of {declared_size} payload bytes",
                        bytes.len()
                    ),
                ));
            }
            payload.size = bytes.len() as u64;
            if payload.size <= self.max_payload_bytes {
                payload.bytes = bytes;
            }
        }
        let format = content_type.as_ref().map(|_| InputFormat::Html);
        Ok(Entry {
            origin: Origin::Record(Box::new(payload)),
            source,
            url,
            format,
        })
    }
}

/// `text/html; charset="utf-8"` -> `utf-8`.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warc_names_are_recognised() {
        for name in ["a.warc", "CC-MAIN-1.warc.gz", "x.WARC.ZST", "y.warc.lz4"] {
            assert!(is_warc_name(name), "{name}");
        }
        for name in ["a.html", "warc.gz", "a.jsonl.gz", "a.warcx"] {
            assert!(!is_warc_name(name), "{name}");
        }
    }

    #[test]
    fn charset_param_handles_quotes_and_case() {
        assert_eq!(
            charset_param("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }
}
