//! Progress of a fetch run on stderr: an indicatif bar on a terminal (done / total, rate,
//! rejects, skipped), otherwise a plain line every `progress_interval_secs`.
//!
//! Counted where outcomes are written, so "done" means "in the output".

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shared progress counters and their display. `Sync`: the list reader counts skips, the
/// writer counts outcomes.
#[derive(Debug)]
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: Option<Plain>,
    records: AtomicU64,
    rejects: AtomicU64,
    skipped: AtomicU64,
    total: Option<u64>,
    started: Instant,
}

#[derive(Debug)]
struct Plain {
    every: Duration,
    last: Mutex<Instant>,
}

impl Progress {
    /// A bar when stderr is a terminal, plain lines every `interval` otherwise (`None`: quiet).
    pub fn new(total: Option<u64>, interval: Option<Duration>) -> Self {
        let tty = std::io::stderr().is_terminal();
        let bar = tty.then(|| {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
            let template = if total.is_some() {
                "{elapsed_precise} [{wide_bar}] {pos}/{len} {per_sec} eta {eta} {msg}"
            } else {
                "{elapsed_precise} {pos} done {per_sec} {msg}"
            };
            bar.set_style(
                ProgressStyle::with_template(template)
                    .expect("static template")
                    .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let plain = if tty {
            None
        } else {
            interval.map(|every| Plain {
                every,
                last: Mutex::new(Instant::now()),
            })
        };
        Self {
            bar,
            plain,
            records: AtomicU64::new(0),
            rejects: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
            total,
            started: Instant::now(),
        }
    }

    /// No display at all (tests, library use).
    pub fn hidden() -> Self {
        Self::new(None, None).without_display()
    }

    fn without_display(mut self) -> Self {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        self.plain = None;
        self
    }

    /// One record written.
    pub fn record(&self) {
        self.records.fetch_add(1, Ordering::Relaxed);
        self.tick();
    }

    /// One reject written.
    pub fn reject(&self) {
        self.rejects.fetch_add(1, Ordering::Relaxed);
        self.tick();
    }

    /// One entry skipped because a previous run finished it.
    pub fn skip(&self) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
        self.tick();
    }

    fn tick(&self) {
        let (records, rejects, skipped) = self.counts();
        if let Some(bar) = &self.bar {
            bar.set_position(records + rejects + skipped);
            bar.set_message(format!("{rejects} rejects, {skipped} skipped"));
        }
        if let Some(plain) = &self.plain {
            let mut last = plain.last.lock().expect("progress lock");
            if last.elapsed() >= plain.every {
                *last = Instant::now();
                drop(last);
                eprintln!("{}", self.line());
            }
        }
    }

    fn counts(&self) -> (u64, u64, u64) {
        (
            self.records.load(Ordering::Relaxed),
            self.rejects.load(Ordering::Relaxed),
            self.skipped.load(Ordering::Relaxed),
        )
    }

    /// `progress: 1200/5000 done (1100 records, 80 rejects, 20 skipped), 310.2/s`.
    pub fn line(&self) -> String {
        let (records, rejects, skipped) = self.counts();
        let done = records + rejects + skipped;
        let total = self.total.map_or_else(String::new, |t| format!("/{t}"));
        #[allow(clippy::cast_precision_loss)]
        let rate = (records + rejects) as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        format!(
            "progress: {done}{total} done ({records} records, {rejects} rejects, {skipped} skipped), {rate:.1}/s"
        )
    }

    /// Removes the bar (the summary follows).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
