//! The pure core ([`Processor::process`]: page -> record) and the wiring that runs it over
//! many inputs on all cores ([`Pipeline::run`]).
//!
//! ```text
//! source thread --(bounded)--> N workers: load + process --(bounded)--> writer (this thread)
//! ```
//! Queues are bounded, so memory stays flat however many inputs there are. Output is in
//! completion order; every record and reject carries the input's `seq`.
//!
//! A sharded run ([`Pipeline::set_shard`]) reads only its shard's inputs, writes per-shard
//! outputs, and ends by writing a completion marker; a shard whose marker exists is skipped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;

use crate::article::Article;
use crate::error::{Error, PageError, Stage};
use crate::extract::Extractor;
use crate::filter::Filter;
use crate::load::{self, ContentKind, Limits, Page};
use crate::normalize::{self, RecordContext};
use crate::record::{Record, Reject};
use crate::shard::{Shard, ShardBy};
use crate::sink::{JsonlSink, RecordSink};
use crate::source::{Input, Source};
use crate::text;

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

    /// Turns one page into one record.
    ///
    /// # Errors
    /// A [`PageError`] at the extract or filter stage.
    pub fn process(&self, page: &Page) -> Result<Record, PageError> {
        let mut article = self.article(page)?;
        let host = page.url.as_ref().and_then(|u| u.host_str()).or_else(|| {
            article
                .meta
                .canonical_url
                .as_deref()
                .and_then(|u| u.split('/').nth(2))
        });
        let host = host.map(str::to_string);
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
        if self.keep_removed {
            record.removed = Some(report.removed);
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
            rotate_records: config.rotate_records,
        }
    }

    /// The same outputs under shard `shard`'s names.
    fn for_shard(&self, shard: Shard) -> Self {
        Self {
            records: shard.output_path(&self.records),
            rejects: self.rejects.as_deref().map(|p| shard.output_path(p)),
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
    /// Wall time.
    pub elapsed: Duration,
    /// Set when the run was a shard that had already completed: its marker file. Nothing was
    /// read or written.
    pub skipped: Option<PathBuf>,
}

impl Summary {
    /// Total rejects.
    pub fn rejected(&self) -> u64 {
        self.rejects.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(marker) = &self.skipped {
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
        for ((stage, reason), count) in &self.rejects {
            writeln!(f, "  rejected at {stage}: {reason}: {count}")?;
        }
        Ok(())
    }
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
            shard: None,
        }
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
    /// [`Summary::skipped`] set.
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
                skipped: Some(marker.clone()),
                ..Summary::default()
            });
        }
        let mut records = RecordSink::create(&output.records, output.rotate_records)?;
        let mut rejects = match &output.rejects {
            Some(path) => JsonlSink::create(path)?,
            None => JsonlSink::new(Box::new(std::io::stderr()), Path::new("<stderr>")),
        };
        let workers = self.worker_count();
        let (input_tx, input_rx) = bounded::<Input>(workers * 4);
        let (outcome_tx, outcome_rx) = bounded::<Outcome>(workers * 4);
        let mut summary = Summary::default();

        let result = std::thread::scope(|scope| {
            let source_outcomes = outcome_tx.clone();
            scope.spawn(move || {
                for item in self.source.inputs() {
                    let sent = match item {
                        Ok(input) => input_tx.send(input).is_ok(),
                        Err(reject) => source_outcomes
                            .send(Outcome::Reject(reject, "cannot list or parse"))
                            .is_ok(),
                    };
                    if !sent {
                        break; // the writer stopped on a fatal error
                    }
                }
            });
            for _ in 0..workers {
                let inputs = input_rx.clone();
                let outcomes = outcome_tx.clone();
                scope.spawn(move || {
                    for input in inputs {
                        if outcomes.send(self.handle(&input)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(outcome_tx);
            drop(input_rx);
            for outcome in outcome_rx {
                match outcome {
                    Outcome::Record(record) => {
                        records.write(&record)?;
                        summary.records += 1;
                    }
                    Outcome::Reject(reject, kind) => {
                        rejects.write(&reject)?;
                        *summary.rejects.entry((reject.stage, kind)).or_default() += 1;
                    }
                }
            }
            Ok::<(), Error>(())
        });
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

    fn handle(&self, input: &Input) -> Outcome {
        let result = load::load(input, &self.limits).and_then(|page| self.processor.process(&page));
        match result {
            Ok(record) => Outcome::Record(Box::new(record)),
            Err(error) => Outcome::Reject(
                Reject {
                    seq: input.seq,
                    source: input.source.clone(),
                    stage: error.stage(),
                    reason: error_chain(&error),
                },
                error.kind(),
            ),
        }
    }
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

/// "outer: cause: root cause", for reject reasons.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
