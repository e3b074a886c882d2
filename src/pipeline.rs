//! The runner: [`Pipeline::run`] wires the pure core ([`Processor::process`]: page -> record)
//! to threads and queues over many inputs, on all cores.
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

use crate::error::{Error, PageError, Stage, error_chain};
use crate::fetch::{self, FetchError, FetchOutcome, FetchPlan, FetchedPage, Progress};
use crate::filter::{DocumentRejected, SiteProfiles};
use crate::input::load::{self, Limits};
use crate::input::source::{Input, Source};
use crate::output::sink::{Compression, JsonlSink, OutputFormat, RecordSink};
use crate::output::{Output, resume};
use crate::process::{Processor, page_host};
use crate::record::{Record, Reject};
use crate::shard::{Shard, ShardBy};

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
    progress_interval: Option<Duration>,
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
            progress_interval: Some(Duration::from_secs_f64(
                fetch::DEFAULT_PROGRESS_INTERVAL_SECS,
            )),
        }
    }

    /// How often a run over local inputs prints a plain progress line when stderr is not a
    /// terminal (`None`: never); on a terminal a bar is drawn instead.
    pub fn set_progress_interval(&mut self, interval: Option<Duration>) {
        self.progress_interval = interval;
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
        let format = output.records_format().map_err(|message| Error::Output {
            path: output.records.clone(),
            source: std::io::Error::new(std::io::ErrorKind::Unsupported, message),
        })?;
        let plain =
            format == OutputFormat::Jsonl(Compression::None) && output.rotate_records.is_none();
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
                RecordSink::create_as(&output.records, format, output.rotate_records)?,
                rejects,
                resume::ResumeState::default(),
            )
        };
        let progress = match &self.fetch {
            Some(plan) => Progress::new(
                crate::input::url_list::count_entries(&plan.lists),
                plan.settings.progress_interval,
            ),
            // Local inputs: the same display (`[fetch] progress_interval_secs` applies).
            None => Progress::new(self.source.count_hint(), self.progress_interval),
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
                        FetchOutcome::Reject { seq, source, error } => source_outcomes
                            .send(fetch_reject(seq, source, &error))
                            .is_ok(),
                    })?;
                    Ok(stats.skipped.into_inner())
                }
                None => {
                    let mut skipped = 0;
                    for item in self.source.inputs() {
                        let sent = match item {
                            Ok(input) if resume.take(&input.source) => {
                                skipped += 1;
                                progress.skip();
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
        let page = match fetched.to_page() {
            Ok(page) => page,
            Err(error) => return fetch_reject(fetched.seq, fetched.requested.clone(), &error),
        };
        match self.processor.process(&page) {
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

/// A fetch failure as a reject: the stage is the fetch stage's (or decoding's, for a body that
/// is not a page), and only fetch failures can be transient.
fn fetch_reject(seq: u64, source: String, error: &FetchError) -> Outcome {
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

fn reject(seq: u64, source: String, error: &PageError) -> Outcome {
    Outcome::Reject(
        Reject {
            seq,
            source,
            stage: error.stage(),
            reason: error_chain(error),
            transient: false,
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
