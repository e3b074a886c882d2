//! The pure core: [`Processor::process`] turns one decoded [`Page`] into one [`Record`]
//! (extract or parse text, normalize, filter, build the record), or a [`PageError`].
//!
//! No I/O, no clock, no globals: the same page and settings always give the same record.

use crate::article::Article;
use crate::error::PageError;
use crate::extract::Extractor;
use crate::filter::{Audit, Filter};
use crate::input::{ContentKind, Page, text};
use crate::normalize::{self, RecordContext};
use crate::record::{Record, RemovedBlock};

/// Page -> record: extract (or parse text), normalize, filter, build the record.
///
/// `Send + Sync`; share it across threads by reference. Deterministic: the same page always
/// gives the same record.
#[derive(Debug)]
pub struct Processor {
    extractor: Extractor,
    filter: Filter,
    markdown: bool,
    keep_removed: bool,
}

impl Processor {
    /// Assembles a processor from compiled stages.
    pub fn new(extractor: Extractor, filter: Filter, markdown: bool, keep_removed: bool) -> Self {
        Self {
            extractor,
            filter,
            markdown,
            keep_removed,
        }
    }

    /// The filter stage, for callers that need its cross-document state (dedup index).
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Extracts (or parses) and normalizes the article, before filtering.
    ///
    /// # Errors
    /// [`PageError::Extract`] when the page holds no article.
    pub fn article(&self, page: &Page) -> Result<Article, PageError> {
        let mut article = match page.kind {
            ContentKind::Html => self.extractor.extract(&page.text, page.url.as_ref())?,
            ContentKind::Text => text::parse_text(&page.text),
            ContentKind::Markdown => text::parse_markdown(&page.text),
        };
        // Filters see normalized text (NFC, collapsed whitespace), so their rules stay simple.
        normalize::normalize_blocks(&mut article.blocks);
        Ok(article)
    }

    /// Runs extraction and the filter stage in audit mode, for `copydesk explain`: the
    /// article as kept, and every removal with its rule (also when the document is rejected).
    ///
    /// # Errors
    /// [`PageError::Extract`] when the page holds no article.
    pub fn explain(&self, page: &Page) -> Result<(Article, Audit), PageError> {
        let mut article = self.article(page)?;
        let host = page_host(page.url.as_ref(), &article);
        let audit = self.filter.audit(&mut article, host.as_deref());
        Ok((article, audit))
    }

    /// Turns one page into one record.
    ///
    /// # Errors
    /// A [`PageError`] at the extract or filter stage.
    pub fn process(&self, page: &Page) -> Result<Record, PageError> {
        let mut article = self.article(page)?;
        let host = page_host(page.url.as_ref(), &article);
        let report = self.filter.apply(&mut article, host.as_deref())?;
        if article.blocks.is_empty() {
            return Err(PageError::EmptyAfterFilter);
        }
        let mut record = normalize::to_record(
            &article,
            RecordContext {
                seq: page.seq,
                source: &page.source,
                url: page.url.as_ref().map(url::Url::as_str),
                markdown: self.markdown,
            },
        );
        if record.language.is_none()
            && let Some(detected) = report.language
        {
            record.language = Some(detected.code);
            record.language_confidence = Some(detected.confidence);
        }
        if self.keep_removed {
            record.removed = Some(
                report
                    .removed
                    .into_iter()
                    .map(|r| RemovedBlock {
                        rule: r.rule.into_owned(),
                        text: r.text,
                    })
                    .collect(),
            );
        }
        Ok(record)
    }
}

/// The host a page belongs to: its URL's, else its canonical link's.
pub(crate) fn page_host(url: Option<&url::Url>, article: &Article) -> Option<String> {
    url.and_then(url::Url::host_str)
        .map(str::to_string)
        .or_else(|| {
            let canonical = url::Url::parse(article.meta.canonical_url.as_deref()?).ok()?;
            canonical.host_str().map(str::to_string)
        })
}
