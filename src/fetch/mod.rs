//! The fetch stage: URL lists -> HTTP (politely) -> raw responses -> decoded [`Page`]s.
//!
//! ```text
//! (discover.rs, before the run: sitemaps and feeds -> article URLs, added to the lists)
//! list thread: read lists, normalize, dedupe, skip what a previous run finished (resume)
//!    --(bounded)--> scheduler (tokio, this module's own runtime): per-host queues, robots.txt,
//!       delays, retries; one reqwest Client --> FetchOutcome --> pipeline workers
//! ```
//! Every list entry ends as exactly one [`FetchOutcome`] (a response or a reject), except the
//! entries a previous run already finished, which are counted as skipped. The pipeline's
//! workers turn a response into a [`Page`] with [`FetchedPage::to_page`] (charset decoding is
//! CPU work, kept off the runtime) and then into a record.
//!
//! Only this module imports reqwest and tokio, and only with the `cli` feature: the settings
//! ([`config`]) are plain data and always build. Randomness (retry jitter) lives here only.
//!
//! [`Page`]: crate::input::Page

#[cfg(feature = "cli")]
mod client;
pub mod config;
#[cfg(feature = "cli")]
pub mod discover;
#[cfg(feature = "cli")]
mod error;
#[cfg(feature = "cli")]
pub mod progress;
#[cfg(feature = "cli")]
mod robots;
#[cfg(feature = "cli")]
mod run;
#[cfg(feature = "cli")]
mod schedule;

pub use crate::input::url_list::ListSource;
#[cfg(feature = "cli")]
pub use client::{Fetched, Fetcher, Response, charset_param, is_html_type};
pub use config::*;
#[cfg(feature = "cli")]
pub use discover::{DiscoverError, DiscoverOptions, Discovered, Seed, SeedKind, discover};
#[cfg(feature = "cli")]
pub use error::FetchError;
#[cfg(feature = "cli")]
pub use progress::Progress;
#[cfg(feature = "cli")]
pub use robots::Robots;
#[cfg(feature = "cli")]
pub use run::{FetchOutcome, FetchStats, FetchedPage, run};
