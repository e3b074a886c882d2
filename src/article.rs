//! The article model shared by extract, filter and normalize.
//!
//! `extract` produces an [`Article`] from a page's DOM (or `text` from a plain-text input), the
//! filter stage removes blocks from it in place, and `normalize` turns it into a
//! `Record`. Filters see text and block kinds only, never the DOM.
//!
//! Invariant: `blocks` never holds a block whose text is empty or only whitespace.

use serde::{Deserialize, Serialize};

/// What a block of the body is, as far as structure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A section heading inside the body, with its level (1-6).
    Heading(u8),
    /// A paragraph of running text.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// A block quotation.
    Quote,
    /// Preformatted text; its line breaks are kept.
    Code,
    /// One row of a table, cells separated by ` | `.
    TableRow,
    /// An image or figure caption.
    Caption,
}

/// One block of the article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Structural kind.
    pub kind: BlockKind,
    /// The block's text; line breaks inside it are `\n` (from `<br>` or `<pre>`).
    pub text: String,
    /// The block as inline Markdown (links, images, emphasis, inline code; text escaped),
    /// when the extractor was asked for Markdown; `None`: render `text`, escaped.
    pub markdown: Option<String>,
}

impl Block {
    /// A block of the given kind.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            markdown: None,
        }
    }
}

/// Metadata found on the page; every field is optional because pages omit them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline, without a trailing " | Site Name".
    pub title: Option<String>,
    /// Author names, joined with "; " when there are several.
    pub author: Option<String>,
    /// Publication date-time, ISO 8601 (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<String>,
    /// Last modification date-time, ISO 8601.
    pub modified: Option<String>,
    /// Declared language code (BCP 47 as written by the page, lowercased).
    pub language: Option<String>,
    /// Publication or site name.
    pub site_name: Option<String>,
    /// Canonical URL declared by the page.
    pub canonical_url: Option<String>,
    /// Summary from meta description / og:description.
    pub description: Option<String>,
    /// Lead image URL (absolute when a base URL is known).
    pub image: Option<String>,
    /// Tags and categories, in page order, without duplicates.
    pub tags: Vec<String>,
    /// What kind of page it is and how the body sits in it (for `page_type` and
    /// `confidence`).
    pub signals: PageSignals,
}

/// What kind of page the article came from, judged from its structure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// One story, post or essay.
    Article,
    /// Teasers or links to other pages: a home, category, tag, search or archive page.
    Listing,
    /// A discussion thread: posts by several people, one after another.
    Forum,
    /// One product for sale: price, offer, cart.
    Product,
    /// Technical documentation: reference, manual, API pages, with code and section navigation.
    Documentation,
    /// An organisation's page about itself or what it offers: about, contact, pricing,
    /// a service's landing page.
    Service,
    /// None of these, or not enough to tell.
    #[default]
    Other,
}

impl PageType {
    /// The name used in records (`article`, `listing`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Listing => "listing",
            Self::Forum => "forum",
            Self::Product => "product",
            Self::Documentation => "documentation",
            Self::Service => "service",
            Self::Other => "other",
        }
    }
}

/// Counts the extractor takes from the page for [`PageType`] and the confidence of the
/// extraction. Characters are counted after whitespace collapsing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageSignals {
    /// The page type judged from the markup.
    pub page_type: PageType,
    /// Visible text characters on the whole page.
    pub page_chars: usize,
    /// Of which inside links.
    pub page_link_chars: usize,
    /// Characters of the extracted body (before the filter stage).
    pub body_chars: usize,
    /// Of which inside links.
    pub body_link_chars: usize,
    /// Per mille of the page's description words (meta or JSON-LD) found in the body; `None`
    /// when the page gives no description.
    pub description_in_body: Option<u16>,
}

/// An extracted article: its metadata and its body as blocks, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Page metadata.
    pub meta: Metadata,
    /// Body blocks in reading order.
    pub blocks: Vec<Block>,
}

impl Article {
    /// Number of words in the body, as [`word_count`] counts them.
    pub fn word_count(&self) -> usize {
        self.blocks.iter().map(|b| word_count(&b.text)).sum()
    }
}

/// Average characters per word in Chinese and Japanese text (segmenters find words of 1.5 to 2
/// characters on news text).
pub const CJK_CHARS_PER_WORD: usize = 2;

/// Number of words: whitespace-separated tokens, except that scripts written without spaces
/// (Chinese, Japanese) count one word per [`CJK_CHARS_PER_WORD`] characters. Without this a
/// Chinese article is a handful of "words", and every length limit misfires. Korean separates
/// words with spaces, so Hangul counts like Latin script.
pub fn word_count(text: &str) -> usize {
    // Fast paths, same counts: ASCII text has no unspaced script, and neither has a token
    // without a byte >= 0xE3 (every character from U+3000 up starts with such a byte).
    if text.is_ascii() {
        return ascii_token_count(text.as_bytes());
    }
    words(text)
        .map(|token| {
            if token.bytes().all(|b| b < 0xE3) {
                return 1;
            }
            let unspaced = token.chars().filter(|&c| is_unspaced_script(c)).count();
            if unspaced == 0 {
                1
            } else {
                unspaced.div_ceil(CJK_CHARS_PER_WORD).max(1)
            }
        })
        .sum()
}

/// The whitespace-separated words of `text`: what `str::split_whitespace` yields (Unicode
/// `White_Space`, as `char::is_whitespace`), found on the bytes instead of decoded characters.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator of [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        loop {
            if i >= bytes.len() {
                self.at = i;
                return None;
            }
            match space_at(bytes, i) {
                0 => break,
                n => i += n,
            }
        }
        let start = i;
        i += 1;
        while i < bytes.len() && space_at(bytes, i) == 0 {
            i += 1;
        }
        self.at = i;
        Some(&self.text[start..i])
    }
}

/// Byte length of the white-space character at byte `i` of `bytes` (UTF-8), 0 when another
/// character starts there or `i` is inside one. White space (`char::is_whitespace`): U+0009
/// to U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F,
/// U+205F and U+3000; none of their leading bytes is a UTF-8 continuation byte, so a byte
/// inside a character never matches.
#[inline]
pub(crate) fn space_at(bytes: &[u8], i: usize) -> usize {
    let b = bytes[i];
    if b < 0x80 {
        return usize::from(b == b' ' || (b'\t'..=b'\r').contains(&b));
    }
    match (b, bytes.get(i + 1), bytes.get(i + 2)) {
        (0xC2, Some(0x85 | 0xA0), _) => 2,
        (0xE1, Some(0x9A), Some(0x80))
        | (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
        | (0xE2, Some(0x81), Some(0x9F))
        | (0xE3, Some(0x80), Some(0x80)) => 3,
        _ => 0,
    }
}

/// Whitespace-separated tokens of ASCII text; the ASCII characters `char::is_whitespace` accepts
/// are tab, line feed, vertical tab, form feed, carriage return and space.
fn ascii_token_count(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut in_token = false;
    for &b in bytes {
        let space = b == b' ' || (b'\t'..=b'\r').contains(&b);
        count += usize::from(!space && !in_token);
        in_token = !space;
    }
    count
}

/// Han ideographs and kana: scripts written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2FFFF)
}

/// whatlang's ISO 639-3 codes with their ISO 639-1 equivalents (where one exists).
pub(crate) const LANGUAGE_CODES: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

/// The code reported for a whatlang language: ISO 639-1 when there is one, else 639-3 (the
/// extractor's detected language and the filter's alike).
pub(crate) fn report_code(lang: whatlang::Lang) -> &'static str {
    let three = lang.code();
    LANGUAGE_CODES
        .iter()
        .find(|(t, _)| *t == three)
        .map_or(three, |(_, two)| two)
}

/// The ISO 639-1 (two-letter) code of an ISO 639-3 (three-letter) one, when it has one.
pub fn two_letter_code(three: &str) -> Option<String> {
    LANGUAGE_CODES
        .iter()
        .find(|(t, _)| *t == three)
        .map(|(_, two)| (*two).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_split_at_every_kind_of_white_space() {
        let spaces: String = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let text: String = spaces
            .chars()
            .flat_map(|c| [c, 'x', '\u{2009}', 'é', c])
            .collect();
        assert_eq!(
            words(&text).collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        // Characters that share a leading byte with a white-space character are words.
        let near = "\u{80}\u{a1}\u{1681}\u{200b}\u{2027}\u{202a}\u{2060}\u{3001}\u{2f00}";
        assert_eq!(words(near).collect::<Vec<_>>(), vec![near]);
    }

    proptest! {
        #[test]
        fn words_are_split_whitespace(text in "[ a\t\n\u{a0}\u{85}\u{2000}-\u{2030}\u{3000}\u{1680}é日]{0,40}") {
            prop_assert_eq!(
                words(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
        }

        #[test]
        fn words_of_any_text_are_split_whitespace(text in any::<String>()) {
            prop_assert_eq!(
                words(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
        }
    }
}
