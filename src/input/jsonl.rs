//! JSON Lines archives (`.jsonl`, `.ndjson`, plain or `.gz` / `.zst`) -> one input per line.
//!
//! Each line is an object with an `html` string and optionally `url` (string) and `id`
//! (string or number); other fields are ignored, so dumps from other tools can be read as
//! they are. A line's source is `archive#<id>` or, without an id, `archive#<line number>`.
//! A line that is not such an object becomes a reject at the `source` stage and reading goes
//! on; a line longer than the cap is skipped in the stream (never buffered) and rejected as too
//! large; a corrupt compressed stream ends the archive with one reject.
//!
//! Memory: one line at a time (at most the cap), plus the decompressor's window.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use url::Url;

use crate::input::source::{Entry, InputFormat, Origin, Payload, WalkItem};

/// Read buffer for archives: large enough that decompression runs in big steps.
const READ_BUFFER_BYTES: usize = 1 << 20;

/// Whether `name` looks like a JSON Lines file: `.jsonl` or `.ndjson`, optionally `.gz`/`.zst`.
pub fn is_jsonl_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// One input line. Unknown fields are allowed: this is other tools' output.
#[derive(Deserialize)]
struct Line {
    html: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    id: Option<LineId>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LineId {
    Text(String),
    Number(serde_json::Number),
}

/// Opens `path` and decompresses by extension (`.gz`, `.zst`) or by magic bytes.
fn open(path: &Path) -> io::Result<Box<dyn BufRead>> {
    let mut file = BufReader::with_capacity(READ_BUFFER_BYTES, File::open(path)?);
    let magic = file.fill_buf()?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(if name.ends_with(".gz") || magic.starts_with(b"\x1f\x8b") {
        Box::new(BufReader::with_capacity(
            READ_BUFFER_BYTES,
            MultiGzDecoder::new(file),
        ))
    } else if name.ends_with(".zst") || magic.starts_with(b"\x28\xb5\x2f\xfd") {
        Box::new(BufReader::with_capacity(
            READ_BUFFER_BYTES,
            zstd::Decoder::with_buffer(file)?,
        ))
    } else {
        Box::new(file)
    })
}

/// Streams the lines of the JSONL file at `path`; `name` prefixes each line's source.
pub(crate) fn records(
    path: &Path,
    name: String,
    max_line_bytes: u64,
) -> impl Iterator<Item = WalkItem> + use<> {
    let (reader, opened) = match open(path) {
        Ok(reader) => (Some(reader), None),
        Err(e) => (
            None,
            Some(Err((name.clone(), format!("cannot open JSONL: {e}")))),
        ),
    };
    opened.into_iter().chain(JsonlRecords {
        reader,
        name,
        line_no: 0,
        max_line_bytes,
        line: Vec::new(),
    })
}

struct JsonlRecords {
    reader: Option<Box<dyn BufRead>>,
    name: String,
    line_no: u64,
    max_line_bytes: u64,
    line: Vec<u8>,
}

impl Iterator for JsonlRecords {
    type Item = WalkItem;

    fn next(&mut self) -> Option<WalkItem> {
        loop {
            let reader = self.reader.as_mut()?;
            self.line.clear();
            let read = read_line_capped(reader, &mut self.line, self.max_line_bytes);
            let length = match read {
                Ok(None) => {
                    self.reader = None;
                    return None;
                }
                Ok(Some(length)) => length,
                Err(e) => {
                    self.reader = None;
                    return Some(Err((
                        self.name.clone(),
                        format!(
                            "corrupt or unreadable JSONL after line {}: {e}",
                            self.line_no
                        ),
                    )));
                }
            };
            self.line_no += 1;
            if self.line.iter().all(u8::is_ascii_whitespace) && length <= self.max_line_bytes {
                continue; // blank lines (e.g. a trailing newline) are not records
            }
            return Some(self.entry(length));
        }
    }
}

impl JsonlRecords {
    fn entry(&mut self, length: u64) -> WalkItem {
        let at_line = format!("{}#{}", self.name, self.line_no);
        if length > self.max_line_bytes {
            // Too long to hold: the page is rejected by `load` with the usual "too large".
            return Ok(Entry {
                origin: Origin::Record(Box::new(Payload {
                    bytes: Vec::new(),
                    size: length,
                    charset: None,
                    content_type: None,
                })),
                source: at_line,
                url: None,
                format: Some(InputFormat::Html),
            });
        }
        let line: Line = match serde_json::from_slice(&self.line) {
            Ok(line) => line,
            Err(e) => {
                return Err((
                    at_line,
                    format!("not a JSON object with an \"html\" string: {e}"),
                ));
            }
        };
        let source = match line.id {
            Some(LineId::Text(id)) => format!("{}#{id}", self.name),
            Some(LineId::Number(id)) => format!("{}#{id}", self.name),
            None => at_line,
        };
        let html = line.html.into_bytes();
        Ok(Entry {
            origin: Origin::Record(Box::new(Payload {
                size: html.len() as u64,
                bytes: html,
                // JSON text is UTF-8: whatever the page once declared, these bytes are UTF-8.
                charset: Some("utf-8".to_string()),
                content_type: None,
            })),
            source,
            url: line.url.as_deref().and_then(|u| Url::parse(u).ok()),
            format: Some(InputFormat::Html),
        })
    }
}

/// Reads one line (without its `\n`) into `line`, keeping at most `cap` bytes; returns the
/// line's full length, or `None` at end of input. A longer line is consumed to its end but
/// not stored, so memory stays bounded by `cap`.
fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    cap: u64,
) -> io::Result<Option<u64>> {
    let mut length = 0u64;
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(length));
        }
        any = true;
        let (chunk, done) = match memchr_newline(buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        length += chunk.len() as u64;
        if length <= cap {
            line.extend_from_slice(chunk);
        } else {
            line.clear();
        }
        let consumed = done.unwrap_or(buf.len());
        reader.consume(consumed);
        if done.is_some() {
            return Ok(Some(length));
        }
    }
}

fn memchr_newline(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n')
}

/// A reader that yields `Read` errors after some bytes: used by tests for corrupt streams.
#[cfg(test)]
struct Failing<R>(R);

#[cfg(test)]
impl<R: io::Read> io::Read for Failing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(io::Error::new(io::ErrorKind::UnexpectedEof, "cut short")),
            n => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_names_are_recognised() {
        for name in ["a.jsonl", "b.JSONL.gz", "c.ndjson.zst"] {
            assert!(is_jsonl_name(name), "{name}");
        }
        for name in ["a.json", "a.jsonl.bz2", "a.html"] {
            assert!(!is_jsonl_name(name), "{name}");
        }
    }

    #[test]
    fn long_lines_are_measured_but_not_kept() {
        let data = b"short\nthis line is too long\n\nlast";
        let mut reader = BufReader::with_capacity(4, &data[..]);
        let mut line = Vec::new();
        let mut lines = Vec::new();
        while let Some(len) = read_line_capped(&mut reader, &mut line, 8).unwrap() {
            lines.push((len, String::from_utf8(line.clone()).unwrap()));
            line.clear();
        }
        assert_eq!(
            lines,
            [
                (5, "short".to_string()),
                (21, String::new()),
                (0, String::new()),
                (4, "last".to_string())
            ]
        );
    }

    #[test]
    fn read_errors_surface() {
        let mut reader = BufReader::new(Failing(&b"abc"[..]));
        let mut line = Vec::new();
        assert!(read_line_capped(&mut reader, &mut line, 100).is_err());
    }
}
