//! Bytes -> UTF-8 text, the one place that guesses encodings.
//!
//! Order of evidence: byte-order mark; then "valid UTF-8 is UTF-8" (legacy-encoded text almost
//! never forms valid multi-byte UTF-8, while pages that declare ISO-8859-1 in a server default
//! or a stale `<meta>` but are UTF-8 are common); then the transport's declared charset (HTTP
//! `Content-Type`, WARC headers); then an HTML `<meta charset>` / `http-equiv` prescan of the
//! first bytes; then chardetng's statistical guess. Never a silent lossy decode of undeclared
//! bytes: detection picks the encoding the bytes fit best.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

/// How many leading bytes the `<meta charset>` prescan looks at. The HTML standard says 1024;
/// real pages often put the tag after long inline scripts, so we look further.
const META_PRESCAN_BYTES: usize = 16 * 1024;

/// How many leading bytes the binary sniffer inspects for NUL bytes.
const BINARY_SNIFF_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]{1,40})"#)
        .expect("static regex")
});

/// Where the encoding came from; kept for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A byte-order mark.
    Bom,
    /// The charset declared by the transport (HTTP or WARC header).
    Declared,
    /// An HTML `<meta>` declaration.
    Meta,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// chardetng's guess.
    Detected,
}

/// Decoded text and how its encoding was chosen.
#[derive(Debug)]
pub struct Decoded {
    /// The text, in UTF-8.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// How the encoding was chosen.
    pub evidence: Evidence,
}

/// Names the kind of binary data `bytes` holds, or `None` when it may be text.
///
/// Recognises common magic numbers, then treats NUL bytes near the start as binary (text in
/// UTF-16 is recognised by its BOM first, and is not binary).
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"%PDF-", "pdf"),
        (b"PK\x03\x04", "zip"),
        (b"\x1f\x8b", "gzip"),
        (b"\x28\xb5\x2f\xfd", "zstd"),
        (b"BZh", "bzip2"),
        (b"\x7fELF", "elf"),
        (b"RIFF", "riff"),
        (b"OggS", "ogg"),
        (b"wOFF", "woff"),
        (b"wOF2", "woff2"),
        (b"\x00\x00\x01\x00", "ico"),
    ];
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    head.contains(&0).then_some("nul bytes")
}

/// Finds the charset an HTML document declares in its first bytes.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    // The HTML standard: a document that reaches the prescan is not UTF-16, whatever it says,
    // and "x-user-defined" means windows-1252.
    Some(
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            UTF_8
        } else if encoding == encoding_rs::X_USER_DEFINED {
            WINDOWS_1252
        } else {
            encoding
        },
    )
}

/// Decodes `bytes` to UTF-8. `declared` is a charset label from the transport, if any;
/// `is_html` enables the `<meta>` prescan.
pub fn decode(bytes: &[u8], declared: Option<&str>, is_html: bool) -> Decoded {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    // A UTF-8 declaration on bytes that are mostly not UTF-8 (a windows-1252 page under a
    // template that says utf-8) is stale: believing it would replace every accented letter.
    let believable =
        |enc: &&'static Encoding| *enc != UTF_8 || valid_utf8 || !mostly_invalid_utf8(bytes);
    let (encoding, evidence) = if let Some((enc, _)) = Encoding::for_bom(bytes) {
        (enc, Evidence::Bom)
    } else if valid_utf8 && !bytes.is_ascii() {
        (UTF_8, Evidence::ValidUtf8)
    } else if let Some(enc) = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(believable)
    {
        (enc, Evidence::Declared)
    } else if let Some(enc) = is_html
        .then(|| meta_charset(bytes))
        .flatten()
        .filter(believable)
    {
        (enc, Evidence::Meta)
    } else if valid_utf8 {
        (UTF_8, Evidence::ValidUtf8)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
        detector.feed(bytes, true);
        (
            detector.guess(None, chardetng::Utf8Detection::Allow),
            Evidence::Detected,
        )
    };
    // `decode` strips a BOM and replaces malformed sequences with U+FFFD; for declared or
    // detected encodings that is the best reading of the bytes there is.
    let (text, encoding, _had_errors) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        evidence,
    }
}

/// Whether invalid UTF-8 sequences outnumber valid non-ASCII characters: the bytes are in
/// some other encoding, not UTF-8 with a few damaged spots.
fn mostly_invalid_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_wins_over_detection() {
        let page =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>Gr\xfc\xdfe</body></html>";
        let d = decode(page, None, true);
        assert!(d.text.contains("Grüße"), "{}", d.text);
        assert_eq!(d.evidence, Evidence::Meta);
    }

    #[test]
    fn http_equiv_is_recognised() {
        let page = br#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#;
        assert_eq!(meta_charset(page), Some(encoding_rs::SHIFT_JIS));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let page =
            "<p>Le cœur a ses raisons que la raison ne connaît point. Où est la fenêtre?</p>";
        let (bytes, _, _) = WINDOWS_1252.encode(page);
        let d = decode(&bytes, None, true);
        assert_eq!(d.text, page);
        assert_eq!(d.evidence, Evidence::Detected);
    }

    #[test]
    fn stale_utf8_declaration_on_latin1_bytes_is_ignored() {
        let page =
            "<meta charset=utf-8><p>Le cœur a ses raisons que la raison ne connaît point.</p>";
        let (bytes, _, _) = WINDOWS_1252.encode(page);
        let d = decode(&bytes, None, true);
        assert_eq!(d.text, page);
        assert_eq!(d.evidence, Evidence::Detected);
        let d = decode(&bytes, Some("utf-8"), true);
        assert_eq!(d.text, page);
        // UTF-8 with one damaged byte stays UTF-8: only that byte is replaced.
        let mut damaged = "<meta charset=utf-8><p>Grüße aus Köln, señor.</p>"
            .as_bytes()
            .to_vec();
        damaged.insert(30, 0xff);
        let d = decode(&damaged, None, true);
        assert_eq!(d.evidence, Evidence::Meta);
        assert!(d.text.contains("Grüße") && d.text.contains('\u{fffd}'));
    }

    #[test]
    fn declared_charset_beats_meta() {
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        let d = decode(page, Some("windows-1252"), true);
        assert!(d.text.contains("café"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_declaration() {
        let page = "<meta charset=iso-8859-1><p>Grüße aus Köln</p>";
        let d = decode(page.as_bytes(), Some("iso-8859-1"), true);
        assert_eq!(d.text, page);
        assert_eq!(d.evidence, Evidence::ValidUtf8);
    }

    #[test]
    fn bom_beats_everything() {
        let mut page = vec![0xFF, 0xFE];
        for unit in "<p>hi</p>".encode_utf16() {
            page.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(sniff_binary(&page), None);
        assert_eq!(decode(&page, Some("latin1"), true).text, "<p>hi</p>");
    }

    #[test]
    fn binary_is_sniffed() {
        assert_eq!(sniff_binary(b"\x89PNG\r\n\x1a\nxxxx"), Some("png"));
        assert_eq!(sniff_binary(b"abc\0def"), Some("nul bytes"));
        assert_eq!(sniff_binary(b"<html>plain</html>"), None);
    }
}
