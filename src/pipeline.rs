//! The runner: [`Pipeline::run`] wires the pure core ([`Processor::process`]: page -> record)
//! to threads and queues over many inputs, on all cores.
//!
//! ```text
//! source thread --(bounded)--> N workers: load + process --(bounded)--> writer (this thread)
//! ```
//! Queues are bounded, so memory stays flat however many inputs there are. The writer
//! releases outcomes in input order through a bounded reorder window, so dedup keeps the
//! first copy in input order and the output does not depend on the thread count; every
//! record and reject carries the input's `seq`. A panic in a worker becomes a reject; a stop
//! request ([`Pipeline::stop_flag`], Ctrl-C) ends the run after what is in flight.
//!
//! With a fetch plan (URL lists), the source thread runs [`fetch::run`] instead (its own
//! tokio runtime): fetched responses go to the same workers (`Work::Fetched`), fetch
//! rejects straight to the writer, and the outputs are opened by [`resume::open`] so a
//! killed run can be continued.
//!
//! A sharded run ([`Pipeline::set_shard`]) reads only its shard's inputs, writes per-shard
//! outputs, and ends by writing a completion marker; a shard whose marker exists is skipped.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError, bounded};

use crate::error::{Error, PageError, Stage, error_chain};
use crate::fetch::{self, FetchError, FetchOutcome, FetchPlan, FetchedPage, Progress};
use crate::filter::{DedupIndex, DocumentRejected, SiteProfiles};
use crate::input::load::{self, Limits};
use crate::input::source::{Input, Source};
use crate::output::sink::{Compression, JsonlSink, OutputFormat, RecordSink};
use crate::output::{Output, OwnFiles, resume};
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
    /// The run was stopped (Ctrl-C) before every input was taken; a rerun resumes it.
    pub interrupted: bool,
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
        if self.interrupted {
            writeln!(
                f,
                "  interrupted: inputs not taken yet are left for the next run (same command resumes)"
            )?;
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

/// What a worker (or the source) hands to the writer. Every input `seq` gives exactly one.
enum Outcome {
    Record(Box<Record>),
    Reject(Reject, &'static str),
    /// An input a previous run finished (resume): nothing to write, its `seq` is released.
    Skipped(u64),
}

impl Outcome {
    fn seq(&self) -> u64 {
        match self {
            Self::Record(record) => record.seq,
            Self::Reject(reject, _) => reject.seq,
            Self::Skipped(seq) => *seq,
        }
    }
}

/// Inputs in flight between the source and the writer, per worker: the reorder window. The
/// writer holds at most this many finished outcomes while it waits for an earlier, slower one.
const WINDOW_PER_WORKER: usize = 32;

/// Releases outcomes in input order (`seq` 0, 1, 2, ...) whatever order workers finish in,
/// so that cross-document decisions (dedup) and the output order depend on the input only.
#[derive(Default)]
struct Reorder {
    next: u64,
    pending: BTreeMap<u64, Outcome>,
}

impl Reorder {
    fn push(&mut self, outcome: Outcome) {
        self.pending.insert(outcome.seq(), outcome);
    }

    /// The next outcome in input order, when it has arrived.
    fn pop(&mut self) -> Option<Outcome> {
        let outcome = self.pending.remove(&self.next)?;
        self.next += 1;
        Some(outcome)
    }

    /// At the end of the run: whatever is left, in order (a gap only when the run was cut
    /// short by a fatal error).
    fn pop_any(&mut self) -> Option<Outcome> {
        let (_, outcome) = self.pending.pop_first()?;
        self.next = outcome.seq() + 1;
        Some(outcome)
    }
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
    stop: Arc<AtomicBool>,
    fault: Option<String>,
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

/// The opened outputs of a run and the state the writer thread owns.
struct Writer<'p> {
    records: RecordSink,
    rejects: JsonlSink,
    dedup: DedupIndex,
    reorder: Reorder,
    progress: &'p Progress,
    summary: Summary,
}

impl Writer<'_> {
    /// Dedup (in input order) and write one outcome.
    fn write(&mut self, outcome: Outcome) -> Result<(), Error> {
        let outcome = match outcome {
            Outcome::Record(record) => {
                match self.dedup.check_and_insert(&record.source, &record.text) {
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
                self.records.write(&record)?;
                self.summary.records += 1;
                self.progress.record();
            }
            Outcome::Reject(reject, kind) => {
                self.rejects.write(&reject)?;
                *self
                    .summary
                    .rejects
                    .entry((reject.stage, kind))
                    .or_default() += 1;
                self.progress.reject();
            }
            Outcome::Skipped(_) => self.progress.skip(),
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        self.records.flush()?;
        self.rejects.flush()
    }
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
            stop: Arc::new(AtomicBool::new(false)),
            fault: None,
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

    /// The flag that stops the run (set it from a Ctrl-C handler): no new input is taken,
    /// what is in flight is written, and [`Summary::interrupted`] is set.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Fault injection for tests of panic isolation: a worker panics (at the extract stage)
    /// on every input whose `source` contains `pattern`.
    pub fn inject_panic(&mut self, pattern: Option<String>) {
        self.fault = pattern.filter(|p| !p.is_empty());
    }

    fn worker_count(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
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
        output.records_format().map_err(Error::OutputRefused)?;
        let marker = self
            .shard
            .map(|(shard, _)| shard.marker_path(&self.output.records));
        if let Some(marker) = marker.as_ref().filter(|m| m.exists()) {
            return Ok(Summary {
                shard_complete: Some(marker.clone()),
                ..Summary::default()
            });
        }
        let progress = match &self.fetch {
            Some(plan) => Progress::new(
                crate::input::url_list::count_entries(&plan.lists),
                plan.settings.progress_interval,
            ),
            // Local inputs: the same display (`[fetch] progress_interval_secs` applies).
            None => Progress::new(self.source.count_hint(), self.progress_interval),
        };
        let (writer, mut resume) = self.open_outputs(&output, &progress)?;
        let own = output.own_files();
        let result = self.run_threads(writer, &mut resume, &own);
        progress.finish();
        let writer = result?;
        let mut summary = writer.summary;
        let mut written = writer.records.finish()?;
        writer.rejects.finish()?;
        written.extend(output.rejects.clone());
        summary.elapsed = started.elapsed();
        summary.interrupted = self.stopped();
        if let (Some(marker), Some((shard, _))) = (marker, self.shard)
            && !summary.interrupted
        {
            write_marker(&marker, shard, &summary, &written)?;
        }
        Ok(summary)
    }

    /// Opens the outputs: plain, unrotated JSON Lines resume (the files are read back, and
    /// the dedup index is rebuilt from the records already written); compressed, rotated and
    /// Parquet outputs start afresh (sharded jobs retry whole shards instead).
    fn open_outputs<'p>(
        &self,
        output: &Output,
        progress: &'p Progress,
    ) -> Result<(Writer<'p>, resume::ResumeState), Error> {
        let mut dedup = self.processor.filter().dedup_index();
        let format = output.records_format().map_err(Error::OutputRefused)?;
        let plain =
            format == OutputFormat::Jsonl(Compression::None) && output.rotate_records.is_none();
        let (records, rejects, state) = if plain {
            let opened = resume::open(output, output.resume, &mut |source, text| {
                dedup.check_and_insert(source, text);
            })?;
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
        let writer = Writer {
            records,
            rejects,
            dedup,
            reorder: Reorder::default(),
            progress,
            summary: Summary::default(),
        };
        Ok((writer, state))
    }

    /// The source thread, the workers, and the writer loop (on this thread).
    fn run_threads<'p>(
        &self,
        mut writer: Writer<'p>,
        resume: &mut resume::ResumeState,
        own: &OwnFiles,
    ) -> Result<Writer<'p>, Error> {
        let workers = self.worker_count();
        let (input_tx, input_rx) = bounded::<Work>(workers * 4);
        let (outcome_tx, outcome_rx) = bounded::<Outcome>(workers * 4);
        // One credit per input between the source and the writer: bounds the reorder window.
        let (credit_tx, credit_rx) = bounded::<()>(workers * WINDOW_PER_WORKER);
        std::thread::scope(|scope| {
            // Owned by this closure, so that a fatal write error (an early return) drops it:
            // blocked workers then see a closed channel and stop, instead of the scope
            // waiting for them forever.
            let outcome_rx = outcome_rx;
            let credit_rx = credit_rx;
            let source_outcomes = outcome_tx.clone();
            let source = scope
                .spawn(move || self.feed(resume, own, &input_tx, &source_outcomes, &credit_tx));
            for _ in 0..workers {
                let inputs = input_rx.clone();
                let outcomes = outcome_tx.clone();
                scope.spawn(move || {
                    for work in inputs {
                        if outcomes.send(self.work(work)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(outcome_tx);
            drop(input_rx);
            self.write_all(&mut writer, &outcome_rx, &credit_rx)?;
            writer.summary.skipped = source.join().expect("source thread panicked")?;
            Ok::<(), Error>(())
        })?;
        Ok(writer)
    }

    /// The writer loop: outcomes in input order through dedup to the outputs. Cross-document
    /// state lives here, in the one writer thread: no locks, no globals.
    fn write_all(
        &self,
        writer: &mut Writer<'_>,
        outcomes: &Receiver<Outcome>,
        credits: &Receiver<()>,
    ) -> Result<(), Error> {
        loop {
            let outcome = match outcomes.try_recv() {
                Ok(outcome) => outcome,
                Err(TryRecvError::Disconnected) => break,
                Err(TryRecvError::Empty) => {
                    // Idle: push finished lines to disk, so a killed run loses (and redoes)
                    // as little as possible.
                    writer.flush()?;
                    match outcomes.recv() {
                        Ok(outcome) => outcome,
                        Err(_) => break,
                    }
                }
            };
            writer.reorder.push(outcome);
            while let Some(next) = writer.reorder.pop() {
                let _ = credits.try_recv();
                writer.write(next)?;
            }
        }
        while let Some(rest) = writer.reorder.pop_any() {
            writer.write(rest)?;
        }
        Ok(())
    }

    /// The source thread: every input (or list entry) to the workers or, for rejects and
    /// skipped inputs, straight to the writer. Returns how many inputs resume skipped.
    fn feed(
        &self,
        resume: &mut resume::ResumeState,
        own: &OwnFiles,
        work: &Sender<Work>,
        outcomes: &Sender<Outcome>,
        credits: &Sender<()>,
    ) -> Result<u64, Error> {
        if let Some(plan) = &self.fetch {
            // Fetch completes out of order by nature and takes no credits: the window is then
            // what completes while the slowest URL in flight (timeout x retries) is pending.
            let stats = fetch::run(plan, resume, &mut |outcome| {
                if self.stopped() {
                    return false;
                }
                match outcome {
                    FetchOutcome::Page(page) => work.send(Work::Fetched(page)).is_ok(),
                    FetchOutcome::Reject { seq, source, error } => {
                        outcomes.send(fetch_reject(seq, source, &error)).is_ok()
                    }
                    FetchOutcome::Skipped { seq } => outcomes.send(Outcome::Skipped(seq)).is_ok(),
                }
            })?;
            return Ok(stats.skipped.into_inner());
        }
        let mut skipped = 0;
        for item in self.source.inputs_except(&|path| own.contains(path)) {
            if self.stopped() || credits.send(()).is_err() {
                break;
            }
            let sent = match item {
                Ok(input) if resume.take(&input.source) => {
                    skipped += 1;
                    outcomes.send(Outcome::Skipped(input.seq)).is_ok()
                }
                Ok(input) => work.send(Work::Load(input)).is_ok(),
                Err(reject) => outcomes
                    .send(Outcome::Reject(reject, "cannot list or parse"))
                    .is_ok(),
            };
            if !sent {
                break; // the writer stopped on a fatal error
            }
        }
        Ok(skipped)
    }

    /// One worker step, with panic isolation: a panic becomes a reject at the stage it
    /// happened in ("internal error: ..."), and the run goes on.
    fn work(&self, work: Work) -> Outcome {
        let stage = Cell::new(Stage::Read);
        let (seq, source) = match &work {
            Work::Load(input) => (input.seq, input.source.clone()),
            Work::Fetched(page) => (page.seq, page.requested.clone()),
        };
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| match &work {
            Work::Load(input) => self.handle(input, &stage),
            Work::Fetched(page) => self.handle_fetched(page, &stage),
        }));
        result.unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Outcome::Reject(
                Reject {
                    seq,
                    source,
                    stage: stage.get(),
                    reason: format!("internal error: {message}"),
                    transient: false,
                },
                "internal error",
            )
        })
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

    fn handle_fetched(&self, fetched: &FetchedPage, stage: &Cell<Stage>) -> Outcome {
        stage.set(Stage::Decode);
        let page = match fetched.to_page() {
            Ok(page) => page,
            Err(error) => return fetch_reject(fetched.seq, fetched.requested.clone(), &error),
        };
        match self.process(&page, stage) {
            Ok(mut record) => {
                let info = fetched.info();
                record.fetch = Some(info);
                Outcome::Record(Box::new(record))
            }
            Err(error) => reject(fetched.seq, fetched.requested.clone(), &error),
        }
    }

    fn handle(&self, input: &Input, stage: &Cell<Stage>) -> Outcome {
        stage.set(Stage::Read);
        let result = load::load(input, &self.limits).and_then(|page| self.process(&page, stage));
        match result {
            Ok(record) => Outcome::Record(Box::new(record)),
            Err(error) => reject(input.seq, input.source.clone(), &error),
        }
    }

    /// [`Processor::process`], noting each stage as it starts (for panic isolation).
    fn process(&self, page: &crate::input::Page, stage: &Cell<Stage>) -> Result<Record, PageError> {
        self.processor.process_staged(page, &mut |now| {
            stage.set(now);
            if now == Stage::Extract
                && let Some(pattern) = &self.fault
                && page.source.contains(pattern.as_str())
            {
                panic!("injected fault (COPYDESK_INJECT_PANIC) in {}", page.source);
            }
        })
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
