//! The pure core ([`Processor::process`]: page -> record) and the wiring that runs it over
//! many inputs on all cores ([`Pipeline::run`]).
//!
//! ```text
//! source thread --(bounded)--> N workers: load + process --(bounded)--> writer (this thread)
//! ```
//! Queues are bounded, so memory stays flat however many inputs there are. Output is in
//! completion order; every record and reject carries the input's `seq`.
//!
//! With a fetch plan (URL lists), the source thread runs [`fetch::run`] instead (its own
//! tokio runtime): fetched responses go to the same workers (`Work::Fetched`), fetch
//! rejects straight to the writer, and the outputs are opened by [`resume::open`] so a
//! killed run can be continued.
//!
//! A sharded run ([`Pipeline::set_shard`]) reads only its shard's inputs, writes per-shard
//! outputs, and ends by writing a completion marker; a shard whose marker exists is skipped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;

use crate::article::Article;
use crate::error::{Error, PageError, Stage, error_chain};
use crate::extract::{Dropped, Extractor};
use crate::fetch::{self, FetchOutcome, FetchPlan, FetchedPage, Progress};
use crate::filter::{Audit, DocumentRejected, Filter, SiteProfiles};
use crate::load::{self, ContentKind, Limits, Page};
use crate::normalize::{self, RecordContext};
use crate::record::{Record, Reject, RemovedBlock};
use crate::resume;
use crate::shard::{Shard, ShardBy};
use crate::sink::{Compression, JsonlSink, OutputFormat, RecordSink};
use crate::source::{Input, Source};
use crate::text;

/// Everything `copydesk explain` shows for one page.
#[derive(Debug)]
pub struct Explanation {
    /// The article as kept by the filter stage.
    pub article: Article,
    /// What the extractor left out of the body, by markup, and why.
    pub extract_dropped: Vec<Dropped>,
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
        let (mut article, extract_dropped) = match page.kind {
            ContentKind::Html => self.extractor.explain(&page.text, page.url.as_ref())?,
            ContentKind::Text => (text::parse_text(&page.text), Vec::new()),
        };
        normalize::normalize_blocks(&mut article.blocks);
        let host = page_host(page.url.as_ref(), &article);
        let audit = self.filter.audit(&mut article, host.as_deref());
        Ok(Explanation {
            article,
            extract_dropped,
            audit,
        })
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

/// Where a run writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Records file, `-` for stdout.
    pub records: PathBuf,
    /// Rejects file; `None` writes rejects to stderr.
    pub rejects: Option<PathBuf>,
    /// Skip inputs finished by an earlier run and append, instead of starting afresh.
    pub resume: bool,
    /// Start a new records file every this many records (`None`: one file).
    pub rotate_records: Option<u64>,
}

impl Output {
    /// Resolves the default rejects path from `[output]`.
    pub fn from_config(config: &crate::config::OutputConfig) -> Self {
        let rejects = config.rejects.clone().or_else(|| {
            (config.path.as_os_str() != "-").then(|| default_rejects_path(&config.path))
        });
        Self {
            records: config.path.clone(),
            rejects,
            resume: config.resume,
            rotate_records: config.rotate_records,
        }
    }

    /// The same outputs under shard `shard`'s names.
    fn for_shard(&self, shard: Shard) -> Self {
        Self {
            records: shard.output_path(&self.records),
            rejects: self.rejects.as_deref().map(|p| shard.output_path(p)),
            resume: self.resume,
            rotate_records: self.rotate_records,
        }
    }
}

/// `out/articles.jsonl` -> `out/articles.rejects.jsonl`.
fn default_rejects_path(records: &Path) -> PathBuf {
    let name = records
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or("out");
    records.with_file_name(format!("{stem}.rejects.jsonl"))
}

/// Counts of one run, printed at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written.
    pub records: u64,
    /// Rejects by stage and reason.
    pub rejects: BTreeMap<(Stage, &'static str), u64>,
    /// Inputs a previous fetch run already finished (resume); not in the counts above.
    pub skipped: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Set when the run was a shard that had already completed: its marker file. Nothing was
    /// read or written.
    pub shard_complete: Option<PathBuf>,
}

impl Summary {
    /// Total rejects.
    pub fn rejected(&self) -> u64 {
        self.rejects.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(marker) = &self.shard_complete {
            return writeln!(
                f,
                "shard already complete ({} exists): skipped",
                marker.display()
            );
        }
        let total = self.records + self.rejected();
        let secs = self.elapsed.as_secs_f64();
        #[allow(clippy::cast_precision_loss)]
        let rate = if secs > 0.0 { total as f64 / secs } else { 0.0 };
        writeln!(
            f,
            "{total} inputs: {} records, {} rejects in {secs:.2}s ({rate:.0} inputs/s)",
            self.records,
            self.rejected()
        )?;
        if self.skipped > 0 {
            writeln!(
                f,
                "  skipped (finished by a previous run): {}",
                self.skipped
            )?;
        }
        for ((stage, reason), count) in &self.rejects {
            writeln!(f, "  rejected at {stage}: {reason}: {count}")?;
        }
        Ok(())
    }
}

/// Counts of a `learn` run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LearnSummary {
    /// Pages extracted.
    pub pages: u64,
    /// Pages whose host was known.
    pub attributed: u64,
}

/// The host a page belongs to: its URL's, else its canonical link's.
fn page_host(url: Option<&url::Url>, article: &Article) -> Option<String> {
    url.and_then(url::Url::host_str)
        .map(str::to_string)
        .or_else(|| {
            let canonical = url::Url::parse(article.meta.canonical_url.as_deref()?).ok()?;
            canonical.host_str().map(str::to_string)
        })
}

/// What the source thread hands to a worker.
enum Work {
    /// A local input: read, decode, process.
    Load(Input),
    /// A fetched response: decode, process.
    Fetched(Box<FetchedPage>),
}

/// What a worker hands to the writer.
enum Outcome {
    Record(Box<Record>),
    Reject(Reject, &'static str),
}

/// A compiled, runnable pipeline.
#[derive(Debug)]
pub struct Pipeline {
    source: Source,
    processor: Processor,
    output: Output,
    limits: Limits,
    threads: usize,
    fetch: Option<FetchPlan>,
    shard: Option<(Shard, ShardBy)>,
}

/// The completion marker's content (JSON): what the shard wrote.
#[derive(serde::Serialize)]
struct Marker<'a> {
    shard: String,
    records: u64,
    rejects: u64,
    elapsed_secs: f64,
    outputs: Vec<&'a Path>,
}

impl Pipeline {
    /// Assembles a pipeline; `threads == 0` means one per available core.
    pub fn new(
        source: Source,
        processor: Processor,
        output: Output,
        limits: Limits,
        threads: usize,
    ) -> Self {
        Self {
            source,
            processor,
            output,
            limits,
            threads,
            fetch: None,
            shard: None,
        }
    }

    /// Fetches URL lists instead of reading the source's files.
    pub fn set_fetch(&mut self, plan: FetchPlan) {
        self.fetch = Some(plan);
    }

    /// Makes this run shard `K/N` of a partitioned job (see [`crate::shard`]): only the
    /// shard's inputs are read, outputs get per-shard names, and a completion marker is
    /// written at the end.
    pub fn set_shard(&mut self, shard: Option<Shard>, by: ShardBy) {
        self.shard = shard.map(|s| (s, by));
        self.source.set_shard(self.shard);
    }

    /// The processor, for callers that process pages themselves.
    pub fn processor(&self) -> &Processor {
        &self.processor
    }

    /// Replaces where the run writes (command-line overrides).
    pub fn set_output(&mut self, output: Output) {
        self.output = output;
    }

    fn worker_count(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        }
    }

    /// Runs every input to a record or a reject.
    ///
    /// A sharded run whose completion marker exists returns at once with
    /// [`Summary::shard_complete`] set.
    ///
    /// # Errors
    /// Only fatal errors: an output that cannot be created or written.
    pub fn run(&self) -> Result<Summary, Error> {
        let started = Instant::now();
        let output = match self.shard {
            Some((shard, _)) => self.output.for_shard(shard),
            None => self.output.clone(),
        };
        let marker = self
            .shard
            .map(|(shard, _)| shard.marker_path(&self.output.records));
        if let Some(marker) = marker.as_ref().filter(|m| m.exists()) {
            return Ok(Summary {
                shard_complete: Some(marker.clone()),
                ..Summary::default()
            });
        }
        // Resume works on plain, unrotated JSON Lines (the files are read back); compressed,
        // rotated and Parquet outputs start afresh (sharded jobs retry whole shards instead).
        let plain = OutputFormat::from_path(&output.records)
            == OutputFormat::Jsonl(Compression::None)
            && output.rotate_records.is_none();
        let (mut records, mut rejects, mut resume) = if plain {
            let opened = resume::open(&output, output.resume)?;
            if opened.state.finished > 0 || opened.state.retrying > 0 {
                tracing::info!(
                    finished = opened.state.finished,
                    retrying = opened.state.retrying,
                    "resuming: previous output found"
                );
            }
            (
                RecordSink::from_jsonl(opened.records),
                opened.rejects,
                opened.state,
            )
        } else {
            let rejects = match &output.rejects {
                Some(path) => JsonlSink::create(path)?,
                None => JsonlSink::new(Box::new(std::io::stderr()), Path::new("<stderr>")),
            };
            (
                RecordSink::create(&output.records, output.rotate_records)?,
                rejects,
                resume::ResumeState::default(),
            )
        };
        let progress = match &self.fetch {
            Some(plan) => Progress::new(
                fetch::list::count_entries(&plan.lists),
                plan.settings.progress_interval,
            ),
            None => Progress::hidden(),
        };
        let workers = self.worker_count();
        let (input_tx, input_rx) = bounded::<Work>(workers * 4);
        let (outcome_tx, outcome_rx) = bounded::<Outcome>(workers * 4);
        let mut summary = Summary::default();

        let result = std::thread::scope(|scope| {
            // Owned by this closure, so that a fatal write error (an early return) drops it:
            // blocked workers then see a closed channel and stop, instead of the scope
            // waiting for them forever.
            let outcome_rx = outcome_rx;
            let source_outcomes = outcome_tx.clone();
            let resume = &mut resume;
            let progress = &progress;
            let source = scope.spawn(move || match &self.fetch {
                Some(plan) => {
                    let stats = fetch::run(plan, resume, progress, &mut |outcome| match outcome {
                        FetchOutcome::Page(page) => input_tx.send(Work::Fetched(page)).is_ok(),
                        FetchOutcome::Reject { seq, source, error } => {
                            let error = PageError::from(error);
                            source_outcomes.send(reject(seq, source, &error)).is_ok()
                        }
                    })?;
                    Ok(stats.skipped.into_inner())
                }
                None => {
                    let mut skipped = 0;
                    for item in self.source.inputs() {
                        let sent = match item {
                            Ok(input) if resume.take(&input.source) => {
                                skipped += 1;
                                true
                            }
                            Ok(input) => input_tx.send(Work::Load(input)).is_ok(),
                            Err(reject) => source_outcomes
                                .send(Outcome::Reject(reject, "cannot list or parse"))
                                .is_ok(),
                        };
                        if !sent {
                            break; // the writer stopped on a fatal error
                        }
                    }
                    Ok(skipped)
                }
            });
            for _ in 0..workers {
                let inputs = input_rx.clone();
                let outcomes = outcome_tx.clone();
                scope.spawn(move || {
                    for work in inputs {
                        let outcome = match work {
                            Work::Load(input) => self.handle(&input),
                            Work::Fetched(page) => self.handle_fetched(&page),
                        };
                        if outcomes.send(outcome).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(outcome_tx);
            drop(input_rx);
            // Cross-document state lives here, in the one writer thread: no locks, no globals.
            let mut dedup = self.processor.filter().dedup_index();
            loop {
                let outcome = match outcome_rx.try_recv() {
                    Ok(outcome) => outcome,
                    Err(crossbeam_channel::TryRecvError::Disconnected) => break,
                    Err(crossbeam_channel::TryRecvError::Empty) => {
                        // Idle: push finished lines to disk, so a killed run loses (and
                        // redoes) as little as possible.
                        records.flush()?;
                        rejects.flush()?;
                        match outcome_rx.recv() {
                            Ok(outcome) => outcome,
                            Err(_) => break,
                        }
                    }
                };
                let outcome = match outcome {
                    Outcome::Record(record) => {
                        match dedup.check_and_insert(&record.source, &record.text) {
                            None => Outcome::Record(record),
                            Some(duplicate) => {
                                let error = PageError::from(DocumentRejected::from(duplicate));
                                reject(record.seq, record.source, &error)
                            }
                        }
                    }
                    other => other,
                };
                match outcome {
                    Outcome::Record(record) => {
                        records.write(&record)?;
                        summary.records += 1;
                        progress.record();
                    }
                    Outcome::Reject(reject, kind) => {
                        rejects.write(&reject)?;
                        *summary.rejects.entry((reject.stage, kind)).or_default() += 1;
                        progress.reject();
                    }
                }
            }
            summary.skipped = source.join().expect("source thread panicked")?;
            Ok::<(), Error>(())
        });
        progress.finish();
        result?;
        let mut written = records.finish()?;
        rejects.finish()?;
        written.extend(output.rejects.clone());
        summary.elapsed = started.elapsed();
        if let (Some(marker), Some((shard, _))) = (marker, self.shard) {
            write_marker(&marker, shard, &summary, &written)?;
        }
        Ok(summary)
    }

    /// Learns site profiles (lines that recur across a host's pages) from this pipeline's
    /// inputs: each page is extracted and normalized, not filtered. Pages with no known host
    /// (no URL and no canonical link) cannot be attributed to a site and are skipped.
    ///
    /// Returns the profiles and how many pages were read and attributed to a host.
    pub fn learn(&self, min_pages: usize, min_share: f64) -> (SiteProfiles, LearnSummary) {
        let workers = self.worker_count();
        let (input_tx, input_rx) = bounded::<Input>(workers * 4);
        let (page_tx, page_rx) = bounded::<(Option<String>, Vec<String>)>(workers * 4);
        let mut summary = LearnSummary::default();
        let profiles = std::thread::scope(|scope| {
            scope.spawn(move || {
                for input in self.source.inputs().flatten() {
                    if input_tx.send(input).is_err() {
                        break;
                    }
                }
            });
            for _ in 0..workers {
                let (inputs, pages) = (input_rx.clone(), page_tx.clone());
                scope.spawn(move || {
                    for input in inputs {
                        let article = load::load(&input, &self.limits)
                            .and_then(|page| Ok((self.processor.article(&page)?, page.url)));
                        let Ok((article, url)) = article else {
                            continue;
                        };
                        let host = page_host(url.as_ref(), &article);
                        let lines = article.blocks.into_iter().map(|b| b.text).collect();
                        if pages.send((host, lines)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop((input_rx, page_tx));
            let counted = page_rx.into_iter().inspect(|(host, _)| {
                summary.pages += 1;
                summary.attributed += u64::from(host.is_some());
            });
            crate::filter::learn(counted, min_pages, min_share)
        });
        (profiles, summary)
    }

    fn handle_fetched(&self, fetched: &FetchedPage) -> Outcome {
        let result = fetched
            .to_page()
            .and_then(|page| self.processor.process(&page));
        match result {
            Ok(mut record) => {
                let info = fetched.info();
                // The record's url is where the page was fetched from (after redirects); the
                // requested URL is `source` and `fetch.requested_url`.
                record.url = Some(info.final_url.clone());
                record.fetch = Some(info);
                Outcome::Record(Box::new(record))
            }
            Err(error) => reject(fetched.seq, fetched.requested.clone(), &error),
        }
    }

    fn handle(&self, input: &Input) -> Outcome {
        let result = load::load(input, &self.limits).and_then(|page| self.processor.process(&page));
        match result {
            Ok(record) => Outcome::Record(Box::new(record)),
            Err(error) => reject(input.seq, input.source.clone(), &error),
        }
    }
}

fn reject(seq: u64, source: String, error: &PageError) -> Outcome {
    Outcome::Reject(
        Reject {
            seq,
            source,
            stage: error.stage(),
            reason: error_chain(error),
            transient: error.is_transient(),
        },
        error.kind(),
    )
}

/// Writes the completion marker atomically (temporary file, then rename), after every output
/// is complete: a marker therefore always means a whole shard.
fn write_marker(
    marker: &Path,
    shard: Shard,
    summary: &Summary,
    written: &[PathBuf],
) -> Result<(), Error> {
    let fail = |source| Error::Output {
        path: marker.to_path_buf(),
        source,
    };
    let content = Marker {
        shard: shard.to_string(),
        records: summary.records,
        rejects: summary.rejected(),
        elapsed_secs: summary.elapsed.as_secs_f64(),
        outputs: written.iter().map(PathBuf::as_path).collect(),
    };
    let mut json = serde_json::to_vec_pretty(&content).map_err(|e| fail(e.into()))?;
    json.push(b'\n');
    let tmp = marker.with_extension("tmp");
    std::fs::write(&tmp, json).map_err(fail)?;
    std::fs::rename(&tmp, marker).map_err(fail)
}
