//! The politeness scheduler: URLs in, fetched pages and rejects out.
//!
//! One driver future owns all scheduling state (no locks): a queue per host (origin), a
//! round-robin queue of hosts that may send now, and a timer heap of hosts waiting for their
//! delay. A request starts only when the global limit (`concurrency`), the host's limit
//! (`per_host_concurrency`) and the host's delay (`per_host_delay_ms`, or robots.txt's
//! `Crawl-delay` when larger) all allow it. So one slow or dead host holds at most its own
//! slots; the others keep going.
//!
//! Retries do not sleep inside a task: a retryable failure puts the URL back at the front of
//! its host's queue and pauses the host until the backoff (or `Retry-After`) has passed, so
//! the global slot is free meanwhile and the whole host is slowed, as a 429 asks.
//!
//! A redirect to another origin is not followed inside the request: the URL is queued again
//! under the target's host, so that host's robots.txt, limit and delay apply to it too.
//!
//! Memory: at most `max_queued_urls` URLs wait in host queues; the list reader blocks beyond.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;
use url::Url;

use super::client::{Fetched, Fetcher};
use super::robots::Robots;
use super::{FetchError, FetchOutcome, FetchedPage};

/// One URL to fetch.
#[derive(Debug)]
pub(crate) struct Job {
    pub seq: u64,
    /// As written in the list: the record's and reject's `source`.
    pub requested: String,
    /// Normalized.
    pub url: Url,
    /// Requests already made for it (at its current host).
    pub attempts: u32,
    /// The redirect chain so far when a redirect to another host brought it here.
    pub visited: Vec<String>,
}

/// What the list reader sends to the driver.
#[derive(Debug)]
pub(crate) enum Incoming {
    Fetch(Job),
    Skipped {
        seq: u64,
    },
    Reject {
        seq: u64,
        source: String,
        error: FetchError,
    },
}

enum Done {
    Robots {
        host: usize,
        robots: Robots,
    },
    Page {
        host: usize,
        job: Job,
        result: Result<Box<Fetched>, FetchError>,
    },
}

enum RobotsState {
    NotFetched,
    Fetching,
    Ready(Robots),
}

struct Host {
    origin: Url,
    queue: VecDeque<Job>,
    in_flight: usize,
    next_start: Instant,
    delay: Duration,
    robots: RobotsState,
    /// In `ready` or `timers`.
    scheduled: bool,
}

pub(crate) struct Scheduler<'a> {
    fetcher: Arc<Fetcher>,
    hosts: Vec<Host>,
    ids: HashMap<String, usize>,
    ready: VecDeque<usize>,
    timers: BinaryHeap<Reverse<(Instant, usize)>>,
    tasks: JoinSet<Done>,
    queued: usize,
    emit: &'a mut dyn FnMut(FetchOutcome) -> bool,
    /// The consumer hung up (fatal output error): stop.
    stopped: bool,
}

impl<'a> Scheduler<'a> {
    pub(crate) fn new(
        fetcher: Arc<Fetcher>,
        emit: &'a mut dyn FnMut(FetchOutcome) -> bool,
    ) -> Self {
        Self {
            fetcher,
            hosts: Vec::new(),
            ids: HashMap::new(),
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            tasks: JoinSet::new(),
            queued: 0,
            emit,
            stopped: false,
        }
    }

    /// Runs until the list is exhausted and every URL has an outcome.
    pub(crate) async fn run(mut self, mut incoming: mpsc::Receiver<Incoming>) {
        let window = self.fetcher.settings().max_queued_urls;
        let mut list_open = true;
        while !self.stopped {
            self.dispatch();
            if !list_open && self.queued == 0 && self.tasks.is_empty() {
                break;
            }
            let wake = self.timers.peek().map(|Reverse((at, _))| *at);
            tokio::select! {
                biased;
                Some(done) = self.tasks.join_next(), if !self.tasks.is_empty() => {
                    match done {
                        Ok(done) => self.finish(done),
                        Err(e) => std::panic::resume_unwind(e.into_panic()),
                    }
                }
                item = incoming.recv(), if list_open && self.queued < window => match item {
                    Some(Incoming::Fetch(job)) => self.enqueue(job),
                    Some(Incoming::Reject { seq, source, error }) => {
                        self.emit(FetchOutcome::Reject { seq, source, error });
                    }
                    Some(Incoming::Skipped { seq }) => self.emit(FetchOutcome::Skipped { seq }),
                    None => list_open = false,
                },
                () = sleep_until(wake), if wake.is_some() => {}
            }
        }
        self.tasks.abort_all();
    }

    fn emit(&mut self, outcome: FetchOutcome) {
        if !(self.emit)(outcome) {
            self.stopped = true;
        }
    }

    fn enqueue(&mut self, job: Job) {
        let origin = job.url.origin().ascii_serialization();
        let id = match self.ids.get(&origin) {
            Some(&id) => id,
            None => {
                let id = self.hosts.len();
                let mut base = job.url.clone();
                base.set_path("/");
                base.set_query(None);
                let settings = self.fetcher.settings();
                self.hosts.push(Host {
                    origin: base,
                    queue: VecDeque::new(),
                    in_flight: 0,
                    next_start: Instant::now(),
                    delay: settings.per_host_delay,
                    robots: if settings.respect_robots {
                        RobotsState::NotFetched
                    } else {
                        RobotsState::Ready(Robots::AllowAll)
                    },
                    scheduled: false,
                });
                self.ids.insert(origin, id);
                id
            }
        };
        self.hosts[id].queue.push_back(job);
        self.queued += 1;
        self.consider(id);
    }

    /// Puts a host in the ready queue or on a timer if it has something it may start.
    fn consider(&mut self, id: usize) {
        let limit = self.fetcher.settings().per_host_concurrency;
        let host = &mut self.hosts[id];
        let has_work = match host.robots {
            RobotsState::NotFetched => true,
            RobotsState::Fetching => false,
            RobotsState::Ready(_) => !host.queue.is_empty(),
        };
        if host.scheduled || !has_work || host.in_flight >= limit {
            return;
        }
        host.scheduled = true;
        if host.next_start <= Instant::now() {
            self.ready.push_back(id);
        } else {
            self.timers.push(Reverse((host.next_start, id)));
        }
    }

    /// Starts requests while the global limit allows, round-robin over ready hosts.
    fn dispatch(&mut self) {
        let now = Instant::now();
        while let Some(Reverse((at, id))) = self.timers.peek().copied() {
            if at > now {
                break;
            }
            self.timers.pop();
            self.ready.push_back(id);
        }
        let global = self.fetcher.settings().concurrency;
        while self.tasks.len() < global && !self.stopped {
            let Some(id) = self.ready.pop_front() else {
                break;
            };
            self.hosts[id].scheduled = false;
            let host = &mut self.hosts[id];
            if host.next_start > now {
                self.consider(id);
                continue;
            }
            match &host.robots {
                RobotsState::Fetching => {}
                RobotsState::NotFetched => {
                    host.robots = RobotsState::Fetching;
                    host.in_flight += 1;
                    host.next_start = now + host.delay;
                    let fetcher = Arc::clone(&self.fetcher);
                    let origin = host.origin.clone();
                    self.tasks.spawn(async move {
                        let agent = &fetcher.settings().user_agent;
                        let robots = match fetcher.fetch_robots(&origin).await {
                            Ok(Some(body)) => Robots::parse(agent, &body),
                            Ok(None) => Robots::AllowAll,
                            Err(FetchError::RobotsUnavailable { status }) => {
                                Robots::Unavailable { status }
                            }
                            Err(e) => {
                                tracing::debug!(origin = %origin, error = %e, "robots.txt not fetched; allowing all");
                                Robots::AllowAll
                            }
                        };
                        Done::Robots { host: id, robots }
                    });
                }
                RobotsState::Ready(robots) => {
                    let Some(job) = host.queue.pop_front() else {
                        continue;
                    };
                    self.queued -= 1;
                    if !robots.allows(job.url.as_str()) {
                        let error = match robots {
                            Robots::Unavailable { status } => {
                                FetchError::RobotsUnavailable { status: *status }
                            }
                            _ => FetchError::RobotsDisallowed,
                        };
                        self.emit(FetchOutcome::Reject {
                            seq: job.seq,
                            source: job.requested,
                            error,
                        });
                        self.consider(id);
                        continue;
                    }
                    host.in_flight += 1;
                    host.next_start = now + host.delay;
                    let fetcher = Arc::clone(&self.fetcher);
                    self.tasks.spawn(async move {
                        let result = fetcher
                            .fetch_page(&job.url, &job.visited)
                            .await
                            .map(Box::new);
                        Done::Page {
                            host: id,
                            job,
                            result,
                        }
                    });
                }
            }
            self.consider(id);
        }
    }

    fn finish(&mut self, done: Done) {
        match done {
            Done::Robots { host: id, robots } => {
                let settings = self.fetcher.settings();
                let host = &mut self.hosts[id];
                host.in_flight -= 1;
                if let Some(delay) = robots.crawl_delay(settings.max_crawl_delay) {
                    host.delay = host.delay.max(delay);
                    host.next_start = host.next_start.max(Instant::now() + host.delay);
                }
                host.robots = RobotsState::Ready(robots);
                self.consider(id);
            }
            Done::Page {
                host: id,
                mut job,
                result,
            } => {
                self.hosts[id].in_flight -= 1;
                job.attempts += 1;
                match result.map(|fetched| *fetched) {
                    Ok(Fetched::Page(response)) => {
                        self.emit(FetchOutcome::Page(Box::new(FetchedPage {
                            seq: job.seq,
                            requested: job.requested,
                            response,
                            fetched_at: chrono::Utc::now(),
                        })));
                    }
                    // A redirect to another host: queued there, so that host's robots.txt,
                    // per-host limit and delay apply to it as to any URL of that host.
                    Ok(Fetched::Redirect { to, visited }) => {
                        job.url = to;
                        job.visited = visited;
                        job.attempts = 0;
                        self.enqueue(job);
                    }
                    Err(error) if error.is_retryable() && job.attempts <= self.retries() => {
                        let wait = self.backoff(job.attempts, error.retry_after());
                        tracing::debug!(url = %job.url, error = %error, wait_ms = wait.as_millis(), "retrying");
                        let host = &mut self.hosts[id];
                        host.next_start = host.next_start.max(Instant::now() + wait);
                        host.queue.push_front(job);
                        self.queued += 1;
                    }
                    Err(error) => {
                        let error = if job.attempts > 1 && error.is_retryable() {
                            FetchError::GaveUp {
                                attempts: job.attempts,
                                last: Box::new(error),
                            }
                        } else {
                            error
                        };
                        self.emit(FetchOutcome::Reject {
                            seq: job.seq,
                            source: job.requested,
                            error,
                        });
                    }
                }
                self.consider(id);
            }
        }
    }

    fn retries(&self) -> u32 {
        self.fetcher.settings().retries
    }

    /// `Retry-After` when given (already capped), else exponential backoff with "equal
    /// jitter": base * 2^(attempt-1), then a random point in its upper half, capped. The
    /// randomness only spreads retries in time; it never changes what a page becomes.
    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let settings = self.fetcher.settings();
        if let Some(wait) = retry_after {
            return wait;
        }
        let exp = settings
            .retry_base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(settings.max_retry_delay);
        exp / 2 + exp.mul_f64(fastrand::f64() / 2.0)
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
