//! The pure core: [`Processor::process`] turns one decoded [`Page`] into one [`Record`]
//! (extract or parse text, normalize, filter, build the record), or a [`PageError`].
//!
//! No I/O, no clock, no globals: the same page and settings always give the same record.

use crate::article::{Article, Block};
use crate::error::{PageError, Stage};
use crate::extract::{Dropped, Extractor, SiteChoice};
use crate::filter::{Audit, Filter};
use crate::input::{ContentKind, Page, text};
use crate::normalize::{self, RecordContext};
use crate::record::{Record, RemovedBlock};

/// Everything `copydesk explain` shows for one page.
#[derive(Debug)]
pub struct Explanation {
    /// The article as kept by the filter stage.
    pub article: Article,
    /// The article's blocks as the filter stage got them, in page order: `audit`'s removals
    /// point into them by index, and `extract_dropped` places itself between them.
    pub blocks_in: Vec<Block>,
    /// What the extractor left out of the page's text, by markup or by a site's `drop`
    /// selectors, and why, in page order.
    pub extract_dropped: Vec<Dropped>,
    /// What the page's `[[site]]` chose as the article container, when its host has one.
    pub site: Option<SiteChoice>,
    /// What the filter stage removed, by rule, and whether it rejects the document.
    pub audit: Audit,
}

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

    /// [`Processor::explain`] plus what the extractor left out of an HTML page's body and
    /// why (markup removals), for `copydesk explain`.
    ///
    /// # Errors
    /// [`PageError::Extract`] when the page holds no article.
    pub fn explain_all(&self, page: &Page) -> Result<Explanation, PageError> {
        let (mut article, mut extract_dropped, site) = match page.kind {
            ContentKind::Html => {
                let t = self.extractor.trace(&page.text, page.url.as_ref())?;
                (t.article, t.dropped, t.site)
            }
            ContentKind::Text => (text::parse_text(&page.text), Vec::new(), None),
            ContentKind::Markdown => (text::parse_markdown(&page.text), Vec::new(), None),
        };
        normalize_in_place(&mut article.blocks, &mut extract_dropped);
        let blocks_in = article.blocks.clone();
        let host = page_host(page.url.as_ref(), &article);
        let audit = self.filter.audit(&mut article, host.as_deref());
        Ok(Explanation {
            article,
            blocks_in,
            extract_dropped,
            site,
            audit,
        })
    }

    /// Turns one page into one record.
    ///
    /// # Errors
    /// A [`PageError`] at the extract or filter stage.
    pub fn process(&self, page: &Page) -> Result<Record, PageError> {
        self.process_staged(page, &mut |_| {})
    }

    /// [`Self::process`], calling `at(stage)` as each stage starts: the runner uses it to
    /// name the stage of a panic it isolates.
    ///
    /// # Errors
    /// A [`PageError`] at the extract or filter stage.
    pub fn process_staged(
        &self,
        page: &Page,
        at: &mut dyn FnMut(Stage),
    ) -> Result<Record, PageError> {
        at(Stage::Extract);
        let mut article = self.article(page)?;
        at(Stage::Filter);
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
        // `site_name` falls back to the page's host (without `www.`) for every kind of input,
        // as the HTML metadata extractor does, so text pages and fetched pages agree.
        if record.site_name.is_none() {
            record.site_name = page
                .url
                .as_ref()
                .and_then(url::Url::host_str)
                .map(|h| h.strip_prefix("www.").unwrap_or(h).to_string());
        }
        // One meaning of `language` everywhere: the language the filter judged the text by
        // (detected, with its confidence) when detection ran; else the page's declared tag,
        // reduced to its primary subtag (BCP 47, lower case: `en-US` -> `en`).
        match report.language {
            Some(detected) => {
                record.language = Some(detected.code);
                record.language_confidence = Some(detected.confidence);
            }
            None => {
                record.language = record.language.as_deref().and_then(primary_language);
                record.language_confidence = None;
            }
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

/// [`normalize::normalize_blocks`], keeping what the extractor dropped in its place between
/// the blocks that are left.
fn normalize_in_place(blocks: &mut Vec<Block>, dropped: &mut [Dropped]) {
    // left[k]: blocks left among the first k.
    let mut left = Vec::with_capacity(blocks.len() + 1);
    left.push(0);
    for block in blocks.iter_mut() {
        normalize::normalize_block(block);
        left.push(left[left.len() - 1] + usize::from(!block.text.is_empty()));
    }
    blocks.retain(|b| !b.text.is_empty());
    for d in dropped {
        d.before = left[d.before.min(left.len() - 1)];
    }
}

/// A declared language tag reduced to its primary language subtag, lower case, with a
/// three-letter ISO 639 code shortened to its two-letter form where one exists (`en-US`,
/// `EN_gb` -> `en`; `lat` -> `la`); `None` for an empty tag or one that is not a language
/// (`x-...`, `*`, digits).
pub fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    Some(crate::filter::two_letter_code(&primary).unwrap_or(primary))
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

#[cfg(test)]
mod tests {
    use super::primary_language;

    #[test]
    fn declared_tags_reduce_to_the_primary_subtag() {
        assert_eq!(primary_language("en-US").as_deref(), Some("en"));
        assert_eq!(primary_language(" pt_BR ").as_deref(), Some("pt"));
        assert_eq!(primary_language("DE").as_deref(), Some("de"));
        assert_eq!(primary_language("lat").as_deref(), Some("la"));
        assert_eq!(primary_language("x-klingon"), None);
        assert_eq!(primary_language(""), None);
    }
}
