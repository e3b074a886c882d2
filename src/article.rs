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
}

impl Block {
    /// A block of the given kind.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
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
    text.split_whitespace()
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
