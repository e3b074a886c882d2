//! The fetch run: list entries -> scheduler -> one [`FetchOutcome`] per entry; and
//! [`FetchedPage::to_page`], which decodes a response into a [`Page`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::schedule::{Incoming, Job, Scheduler};
use super::{FetchError, FetchPlan, Fetcher, Response, charset_param};
use crate::error::{Error, PageError};
use crate::input::charset;
use crate::input::load::{ContentKind, Page};
use crate::input::url_list;
use crate::output::ResumeState;
use crate::output::warc;
use crate::record::FetchInfo;

/// What became of one list entry.
#[derive(Debug)]
pub enum FetchOutcome {
    /// A 2xx HTML response, not yet decoded.
    Page(Box<FetchedPage>),
    /// An entry a previous run finished (resume): nothing to do; its `seq` is accounted for.
    Skipped {
        /// Position in the list stream.
        seq: u64,
    },
    /// No page: why.
    Reject {
        /// Position in the list stream.
        seq: u64,
        /// The entry as written (the requested URL).
        source: String,
        /// Why.
        error: FetchError,
    },
}

/// A successful response for one list entry.
#[derive(Debug)]
pub struct FetchedPage {
    /// Position in the list stream.
    pub seq: u64,
    /// The entry as written (the requested URL).
    pub requested: String,
    /// The response.
    pub response: Response,
    /// When the response was complete.
    pub fetched_at: chrono::DateTime<chrono::Utc>,
}

impl FetchedPage {
    /// The response as the WARC archive stores it.
    pub fn archived(&self) -> warc::ArchivedResponse<'_> {
        warc::ArchivedResponse {
            requested: &self.requested,
            final_url: self.response.final_url.as_str(),
            status: self.response.status,
            headers: &self.response.headers,
            body: &self.response.body,
            fetched_at: self.fetched_at,
        }
    }

    /// The record's `fetch` object.
    pub fn info(&self) -> FetchInfo {
        FetchInfo {
            requested_url: self.requested.clone(),
            final_url: self.response.final_url.to_string(),
            status: self.response.status,
            content_type: self.response.content_type.clone(),
            fetched_at: self
                .fetched_at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            elapsed_ms: u64::try_from(self.response.elapsed.as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// Decodes the body: empty and binary bodies are rejects; a body without a content type
    /// must look like markup; the charset comes from the header, then BOM, `<meta>`, detection
    /// ([`charset::decode`]).
    ///
    /// # Errors
    /// [`FetchError::Decode`] for an empty or binary body, or
    /// [`FetchError::UnsupportedContentType`] for an untyped body that is not markup.
    pub fn to_page(&self) -> Result<Page, FetchError> {
        let body = &self.response.body;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(PageError::Empty.into());
        }
        if let Some(kind) = charset::sniff_binary(body) {
            return Err(PageError::Binary { kind }.into());
        }
        let content_type = self.response.content_type.as_deref();
        if content_type.is_none() {
            let text = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
            if text.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
                return Err(FetchError::UnsupportedContentType {
                    content_type: "none".into(),
                });
            }
        }
        let decoded = charset::decode(body, content_type.and_then(charset_param), true);
        if decoded.text.trim().is_empty() {
            return Err(PageError::Empty.into());
        }
        Ok(Page {
            seq: self.seq,
            source: self.requested.clone(),
            url: Some(self.response.final_url.clone()),
            kind: ContentKind::Html,
            text: decoded.text,
        })
    }
}

/// Counts of a fetch run that are not outcomes.
#[derive(Debug, Default)]
pub struct FetchStats {
    /// Entries a previous run already finished (resume).
    pub skipped: AtomicU64,
}

/// Runs the fetch stage to the end: every list entry not finished by a previous run (see
/// `resume`) gives one call to `emit`. `emit` may block (that is the backpressure); when it
/// returns `false` the run stops early.
///
/// # Errors
/// [`Error::FetchSetup`] when the runtime or the HTTP client cannot be built.
pub fn run(
    plan: &FetchPlan,
    resume: &mut ResumeState,
    emit: &mut dyn FnMut(FetchOutcome) -> bool,
) -> Result<FetchStats, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("copydesk-fetch")
        .build()
        .map_err(|e| Error::FetchSetup(Box::new(e)))?;
    let fetcher = {
        let _guard = runtime.enter();
        Arc::new(Fetcher::new(plan.settings.clone()).map_err(|e| Error::FetchSetup(Box::new(e)))?)
    };
    let mut warc = match &plan.settings.warc {
        Some(path) => Some(warc::WarcWriter::open(path, plan.settings.resume)?),
        None => None,
    };
    let mut warc_error = None;
    let mut emit = |outcome: FetchOutcome| {
        if let (Some(writer), FetchOutcome::Page(page)) = (&mut warc, &outcome)
            && let Err(e) = writer.write(&page.archived())
        {
            warc_error = Some(e);
            return false;
        }
        emit(outcome)
    };
    let stats = FetchStats::default();
    let (tx, rx) = tokio::sync::mpsc::channel::<Incoming>(1024);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut seq = 0u64;
            let mut seen = std::collections::HashSet::<u128>::new();
            url_list::read_lists(&plan.lists, &mut |item| {
                let this = seq;
                seq += 1;
                let incoming = match item {
                    url_list::ListItem::Broken { at, error } => {
                        if resume.take(&at) {
                            stats.skipped.fetch_add(1, Ordering::Relaxed);
                            // Counted by the writer, which sees the skip in order.
                            return tx.blocking_send(Incoming::Skipped { seq: this }).is_ok();
                        }
                        Incoming::Reject {
                            seq: this,
                            source: at,
                            error: error.into(),
                        }
                    }
                    url_list::ListItem::Entry(raw) => {
                        let parsed = url_list::normalize(&raw);
                        // Dedupe on the normalized URL, before resume: a duplicate of a URL
                        // finished earlier is still a duplicate.
                        let fresh = parsed
                            .as_ref()
                            .is_ok_and(|url| seen.insert(key(url.as_str())));
                        if resume.take(&raw) {
                            stats.skipped.fetch_add(1, Ordering::Relaxed);
                            // Counted by the writer, which sees the skip in order.
                            return tx.blocking_send(Incoming::Skipped { seq: this }).is_ok();
                        }
                        match (parsed, fresh) {
                            (Err(error), _) => Incoming::Reject {
                                seq: this,
                                source: raw,
                                error: error.into(),
                            },
                            (Ok(url), false) => Incoming::Reject {
                                seq: this,
                                source: raw,
                                error: FetchError::Duplicate {
                                    of: url.to_string(),
                                },
                            },
                            (Ok(url), true) => Incoming::Fetch(Job {
                                seq: this,
                                requested: raw,
                                url,
                                attempts: 0,
                                visited: Vec::new(),
                            }),
                        }
                    }
                };
                tx.blocking_send(incoming).is_ok()
            });
            drop(tx);
        });
        runtime.block_on(Scheduler::new(fetcher, &mut emit).run(rx));
    });
    if let Some(e) = warc_error {
        return Err(e);
    }
    if let Some(writer) = warc {
        writer.finish()?;
    }
    Ok(stats)
}

/// 128-bit hash of a URL or list entry: sets of these keep dedupe and resume state small
/// (16 bytes per URL) with a negligible collision chance.
pub(crate) fn key(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}
