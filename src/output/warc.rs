//! Optional raw archive (`[fetch] warc = "pages.warc.gz"`): every 2xx HTML response as a
//! WARC/1.1 `response` record, each record its own gzip member (the usual `.warc.gz` layout,
//! readable by warcio, fastwarc, rust_warc + `MultiGzDecoder`), so a run can be re-cleaned
//! later without refetching.
//!
//! Written by hand (about 60 lines): fastwarc, which reads our WARC inputs, has no writer,
//! and writing the format is simple. The payload is the body as decompressed by the client, so
//! the stored HTTP headers drop `Content-Encoding` and `Transfer-Encoding` and carry the
//! decoded `Content-Length`. `WARC-Target-URI` is the final URL; the requested URL is kept in
//! the extension field `WARC-Copydesk-Requested-URI`.
//!
//! With `resume`, the archive is appended to; a page fetched again after a crash may appear
//! twice (an archive is a log, not a set).

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::error::Error;

/// One fetched HTTP response, as the archive stores it.
#[derive(Debug, Clone, Copy)]
pub struct ArchivedResponse<'a> {
    /// The URL as the list gave it.
    pub requested: &'a str,
    /// Where the redirects ended (`WARC-Target-URI`).
    pub final_url: &'a str,
    /// The HTTP status.
    pub status: u16,
    /// Response headers, names lowercase.
    pub headers: &'a [(String, String)],
    /// The body, after content-encoding decompression.
    pub body: &'a [u8],
    /// When the response was complete (`WARC-Date`).
    pub fetched_at: chrono::DateTime<chrono::Utc>,
}

/// Appends WARC records to a `.warc.gz` file.
#[derive(Debug)]
pub struct WarcWriter {
    out: BufWriter<File>,
    path: PathBuf,
    record: Vec<u8>,
}

impl WarcWriter {
    /// Opens the archive: appended to when `append`, else created afresh.
    ///
    /// # Errors
    /// [`Error::Output`] when the file cannot be opened.
    pub fn open(path: &Path, append: bool) -> Result<Self, Error> {
        let fail = |source| Error::Output {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        let file = if append {
            OpenOptions::new().create(true).append(true).open(path)
        } else {
            File::create(path)
        }
        .map_err(fail)?;
        Ok(Self {
            out: BufWriter::with_capacity(1 << 16, file),
            path: path.to_path_buf(),
            record: Vec::new(),
        })
    }

    /// Writes one response record (one gzip member).
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn write(&mut self, response: &ArchivedResponse<'_>) -> Result<(), Error> {
        let mut block = format!("HTTP/1.1 {}\r\n", status_line(response.status)).into_bytes();
        for (name, value) in response.headers {
            if matches!(
                name.as_str(),
                "content-encoding" | "transfer-encoding" | "content-length"
            ) {
                continue;
            }
            block.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        block.extend_from_slice(
            format!("content-length: {}\r\n\r\n", response.body.len()).as_bytes(),
        );
        block.extend_from_slice(response.body);

        let id = fastrand::u128(..);
        let header = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{}>\r\n\
             WARC-Date: {}\r\nWARC-Target-URI: {}\r\nWARC-Copydesk-Requested-URI: {}\r\n\
             Content-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n",
            uuid_v4(id),
            response
                .fetched_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            response.final_url,
            response.requested.replace(['\r', '\n'], ""),
            block.len()
        );
        self.record.clear();
        let mut gz = GzEncoder::new(std::mem::take(&mut self.record), Compression::fast());
        let written = gz
            .write_all(header.as_bytes())
            .and_then(|()| gz.write_all(&block))
            .and_then(|()| gz.write_all(b"\r\n\r\n"))
            .and_then(|()| gz.finish());
        self.record = written.map_err(|e| self.fail(e))?;
        let record = std::mem::take(&mut self.record);
        let result = self.out.write_all(&record);
        self.record = record;
        result.map_err(|e| self.fail(e))
    }

    /// Flushes the archive.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn finish(mut self) -> Result<(), Error> {
        self.out.flush().map_err(|e| self.fail(e))
    }

    fn fail(&self, source: std::io::Error) -> Error {
        Error::Output {
            path: self.path.clone(),
            source,
        }
    }
}

fn status_line(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!("{status} {reason}").trim_end().to_string()
}

/// Formats 128 random bits as a version-4 UUID.
fn uuid_v4(bits: u128) -> String {
    let bits = (bits & !(0xF << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_version_and_variant() {
        let id = uuid_v4(u128::MAX);
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_eq!(&id[19..20], "b");
        assert_eq!(uuid_v4(0), "00000000-0000-4000-8000-000000000000");
    }
}
