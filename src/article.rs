//! The article model shared by extract, filter and normalize.
//!
//! `extract` produces an [`Article`] from a page's DOM (or `text` from a plain-text input), the
//! filter stage removes blocks from it in place, and `normalize` turns it into a
//! [`crate::Record`]. Filters see text and block kinds only, never the DOM.
//!
//! Invariant: `blocks` never holds a block whose text is empty or only whitespace.

use serde::Serialize;

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
    /// Number of whitespace-separated words in the body.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }
}
