//! [`Input`] -> [`Page`] for local inputs: read with a size cap, gunzip with a cap, reject
//! binary and empty content, decode the charset. Archive records ([`Origin::Record`]) arrive
//! in memory with their container's declared media type and charset: non-HTML types are
//! rejects, and the declared charset outranks `<meta charset>`.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use url::Url;

use crate::error::PageError;
use crate::extract::{DEFAULT_MAX_EXTRACT_MS, DEFAULT_MAX_NODES, ExtractBudget};
use crate::input::charset;
use crate::input::source::{Input, InputFormat, Origin, Payload};

/// Default cap on an input's size as stored (50 MiB): larger files are rejects, not OOMs.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;
/// Default cap on a compressed input's inflated size (100 MiB): stops decompression bombs.
pub const DEFAULT_MAX_DECOMPRESSED_BYTES: u64 = 100 * 1024 * 1024;

/// `[limits]` in pipeline.toml: per-document budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest input accepted, in bytes as stored on disk.
    pub max_input_bytes: u64,
    /// Largest inflated size of a gzip'd input, in bytes.
    pub max_decompressed_bytes: u64,
    /// Most nodes (elements, text, comments) in one parsed HTML page.
    pub max_nodes: usize,
    /// Longest wall time for one page's extraction, in milliseconds.
    pub max_extract_ms: u64,
}

impl Limits {
    /// The extraction budgets among these limits.
    pub fn extract_budget(&self) -> ExtractBudget {
        ExtractBudget {
            max_nodes: self.max_nodes,
            max_time: std::time::Duration::from_millis(self.max_extract_ms),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_decompressed_bytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
            max_nodes: DEFAULT_MAX_NODES,
            max_extract_ms: DEFAULT_MAX_EXTRACT_MS,
        }
    }
}

/// What a page's content is, once decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// HTML: goes through extraction.
    Html,
    /// Plain text: skips extraction.
    Text,
    /// Markdown (`.md`): skips extraction; headings, lists, quotes, code and tables are read.
    Markdown,
}

/// A decoded page, ready for the processor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Position in the input stream.
    pub seq: u64,
    /// The input's name (path or URL).
    pub source: String,
    /// The page's URL when known.
    pub url: Option<Url>,
    /// HTML or text.
    pub kind: ContentKind,
    /// The content, decoded to UTF-8.
    pub text: String,
}

/// Reads and decodes a local input.
///
/// # Errors
/// A [`PageError`] at the read or decode stage: unreadable, too large, corrupt gzip,
/// decompression bomb, empty, binary.
pub fn load(input: &Input, limits: &Limits) -> Result<Page, PageError> {
    let (bytes, name) = match &input.origin {
        Origin::File(path) => {
            let file = File::open(path).map_err(PageError::Read)?;
            let size = file.metadata().map_or(0, |m| m.len());
            (
                read_capped(file, limits.max_input_bytes, size)?,
                Some(path.as_path()),
            )
        }
        Origin::Stdin => (
            read_capped(io::stdin().lock(), limits.max_input_bytes, 0)?,
            None,
        ),
        Origin::Record(payload) => return load_record(input, payload, limits),
    };
    let gzipped = name.is_some_and(|p| has_extension(p, "gz")) || bytes.starts_with(b"\x1f\x8b");
    let bytes = if gzipped {
        gunzip_capped(&bytes, limits.max_decompressed_bytes)?
    } else {
        bytes
    };
    decode_page(input, &bytes, name.map(strip_gz))
}

/// Media types that are pages: `text/html` and `application/xhtml+xml` (lowercase, no
/// parameters). Anything else from an archive is rejected as `not html`.
pub fn is_html_media_type(media_type: &str) -> bool {
    matches!(media_type, "text/html" | "application/xhtml+xml")
}

/// An archive record: size and media-type checks, then decoding with the declared charset.
fn load_record(input: &Input, payload: &Payload, limits: &Limits) -> Result<Page, PageError> {
    if payload.size > limits.max_input_bytes {
        return Err(PageError::TooLarge {
            limit: limits.max_input_bytes,
        });
    }
    if let Some(content_type) = payload
        .content_type
        .as_deref()
        .filter(|t| !is_html_media_type(t))
    {
        return Err(PageError::NotHtml {
            content_type: content_type.to_string(),
        });
    }
    decode_page_declared(input, &payload.bytes, None, payload.charset.as_deref())
}

/// Turns raw bytes into a [`Page`]: binary/empty checks, content-kind decision, charset.
///
/// # Errors
/// [`PageError::Empty`] or [`PageError::Binary`].
pub fn decode_page(input: &Input, bytes: &[u8], name: Option<&str>) -> Result<Page, PageError> {
    decode_page_declared(input, bytes, name, None)
}

/// [`decode_page`] with the charset the transport declared (HTTP or WARC `Content-Type`),
/// which outranks `<meta charset>` and detection (a byte-order mark still wins).
///
/// # Errors
/// [`PageError::Empty`] or [`PageError::Binary`].
pub fn decode_page_declared(
    input: &Input,
    bytes: &[u8],
    name: Option<&str>,
    declared_charset: Option<&str>,
) -> Result<Page, PageError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PageError::Empty);
    }
    if let Some(kind) = charset::sniff_binary(bytes) {
        return Err(PageError::Binary { kind });
    }
    let kind = content_kind(input.format, name, bytes);
    let decoded = charset::decode(bytes, declared_charset, kind == ContentKind::Html);
    if decoded.text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    Ok(Page {
        seq: input.seq,
        source: input.source.clone(),
        url: input.url.clone(),
        kind,
        text: decoded.text,
    })
}

/// Reads at most `limit` bytes (one more to detect excess). `size_hint` pre-sizes the buffer
/// so that large pages are not copied on every doubling.
fn read_capped(reader: impl Read, limit: u64, size_hint: u64) -> Result<Vec<u8>, PageError> {
    let mut bytes = Vec::with_capacity(capacity_for(size_hint, limit));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(PageError::Read)?;
    if bytes.len() as u64 > limit {
        return Err(PageError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Initial capacity for a buffer expected to hold `hint` bytes, never above `limit` + 1.
fn capacity_for(hint: u64, limit: u64) -> usize {
    usize::try_from(hint.min(limit).saturating_add(1)).unwrap_or(0)
}

/// Inflates a (multi-member) gzip stream, refusing to grow past `limit` bytes.
///
/// # Errors
/// [`PageError::BadGzip`] for corrupt data, [`PageError::DecompressionBomb`] past the cap.
pub fn gunzip_capped(bytes: &[u8], limit: u64) -> Result<Vec<u8>, PageError> {
    // A gzip member ends with its inflated size mod 2^32 (ISIZE): right for single-member
    // pages under 4 GiB, and only a capacity hint otherwise.
    let isize_hint = bytes
        .len()
        .checked_sub(4)
        .and_then(|at| bytes.get(at..))
        .and_then(|tail| tail.try_into().ok())
        .map_or(0, |tail: [u8; 4]| u64::from(u32::from_le_bytes(tail)));
    let mut out = Vec::with_capacity(capacity_for(isize_hint, limit));
    MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(PageError::BadGzip)?;
    if out.len() as u64 > limit {
        return Err(PageError::DecompressionBomb { limit });
    }
    Ok(out)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The file name without a trailing `.gz`, for format detection.
fn strip_gz(path: &Path) -> &str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".GZ"))
        .unwrap_or(name)
}

fn content_kind(format: InputFormat, name: Option<&str>, bytes: &[u8]) -> ContentKind {
    match format {
        InputFormat::Html => return ContentKind::Html,
        InputFormat::Text => return ContentKind::Text,
        InputFormat::Auto => {}
    }
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt" | "text") => ContentKind::Text,
        Some("md" | "markdown") => ContentKind::Markdown,
        Some("html" | "htm" | "xhtml" | "xht" | "shtml") => ContentKind::Html,
        _ => {
            // Unknown extension: HTML starts with markup, after an optional BOM and whitespace.
            let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            let first = body.iter().find(|b| !b.is_ascii_whitespace());
            if first == Some(&b'<') {
                ContentKind::Html
            } else {
                ContentKind::Text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;

    use super::*;

    fn input(path: &Path) -> Input {
        Input {
            seq: 0,
            source: path.display().to_string(),
            url: None,
            format: InputFormat::Auto,
            origin: Origin::File(path.to_path_buf()),
        }
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_input_is_inflated_and_kind_comes_from_inner_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        std::fs::write(&path, gzip(b"Hello there.")).unwrap();
        let page = load(&input(&path), &Limits::default()).unwrap();
        assert_eq!(page.text, "Hello there.");
        assert_eq!(page.kind, ContentKind::Text);
    }

    #[test]
    fn truncated_gzip_is_a_reject() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html.gz");
        let data = gzip(&b"<p>hello world</p>".repeat(1000));
        std::fs::write(&path, &data[..data.len() / 2]).unwrap();
        let err = load(&input(&path), &Limits::default()).unwrap_err();
        assert!(matches!(err, PageError::BadGzip(_)), "{err:?}");
    }

    #[test]
    fn decompression_bomb_is_capped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.html.gz");
        std::fs::write(&path, gzip(&vec![b'a'; 1 << 20])).unwrap();
        let limits = Limits {
            max_decompressed_bytes: 1000,
            ..Limits::default()
        };
        let err = load(&input(&path), &limits).unwrap_err();
        assert!(matches!(err, PageError::DecompressionBomb { limit: 1000 }));
    }

    #[test]
    fn oversized_input_is_a_reject() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.html");
        std::fs::write(&path, vec![b'x'; 2000]).unwrap();
        let limits = Limits {
            max_input_bytes: 1000,
            ..Limits::default()
        };
        assert!(matches!(
            load(&input(&path), &limits),
            Err(PageError::TooLarge { limit: 1000 })
        ));
    }

    #[test]
    fn empty_and_binary_are_rejects() {
        let i = input(Path::new("x"));
        assert!(matches!(
            decode_page(&i, b"  \n", None),
            Err(PageError::Empty)
        ));
        assert!(matches!(
            decode_page(&i, b"%PDF-1.4 ...", None),
            Err(PageError::Binary { kind: "pdf" })
        ));
    }

    #[test]
    fn unknown_extension_is_sniffed() {
        let i = input(Path::new("x"));
        let page = decode_page(&i, b"  <!doctype html><p>x</p>", Some("page")).unwrap();
        assert_eq!(page.kind, ContentKind::Html);
        let page = decode_page(&i, b"Just words.", Some("notes")).unwrap();
        assert_eq!(page.kind, ContentKind::Text);
    }
}
