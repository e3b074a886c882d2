//! copydesk: scraped web pages in, clean article records out.
//!
//! # Overview
//! Data flows through one type per stage boundary, each owned by one module (see
//! ARCHITECTURE.md for the whole map):
//!
//! ```text
//! input::Source -> Input --input::load--> Page --extract / input::text--> Article
//!        --filter (in place)--> Article --normalize::to_record--> Record --output--> JSONL, ...
//! ```
//!
//! The core, always built, is the path from page bytes to record, without I/O of its own:
//! - [`input`]: paths, folders, archives (WARC, JSON Lines) -> [`Input`]s; bytes -> decoded
//!   [`Page`] (size caps, gzip, binary sniffing, charset); plain-text articles.
//! - [`extract`]: HTML -> [`Article`] (main content + metadata), removing by markup only.
//! - [`filter`]: every text-level removal (named rules, audited), quality, language, dedup.
//! - [`normalize`]: pure text functions and [`Article`] -> [`Record`].
//! - [`process`]: [`Processor`], the four steps above for one page.
//! - [`config`]: pipeline.toml -> compiled settings.
//!
//! The `cli` feature (on by default) adds the parts with threads, network and files:
//! - [`fetch`] (URL lists -> HTTP, politely), [`output`] (writers, resume, WARC archive),
//!   [`pipeline`] ([`Pipeline`]: threads and queues over many inputs), [`eval`] (scoring
//!   against gold datasets), and the `copydesk` binary.
//!
//! # Example
//! ```
//! use copydesk::{Extractor, Processor, Page, ContentKind, FilterConfig};
//! let filter = FilterConfig::default().build(std::path::Path::new(".")).unwrap();
//! let processor = Processor::new(Extractor::new(Default::default()), filter, false, false);
//! let page = Page {
//!     seq: 0,
//!     source: "inline".into(),
//!     url: None,
//!     kind: ContentKind::Text,
//!     text: format!("A Headline\n\n{}", "The first paragraph of the story. ".repeat(10)),
//! };
//! let record = processor.process(&page).unwrap();
//! assert_eq!(record.title.as_deref(), Some("A Headline"));
//! assert!(record.text.starts_with("The first paragraph of the story."));
//! ```
#![deny(missing_docs)]

pub mod article;
pub mod config;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod filter;
pub mod input;
pub(crate) mod latin;
pub mod normalize;
pub mod process;
pub mod record;
pub mod shard;

#[cfg(feature = "cli")]
pub mod eval;
#[cfg(feature = "cli")]
pub mod output;
#[cfg(feature = "cli")]
pub mod pipeline;
#[doc(hidden)]
pub mod prebuilt;

pub use article::{Article, Block, BlockKind, Metadata};
pub use config::PipelineConfig;
pub use error::{Error, PageError, Stage};
pub use extract::{ExtractConfig, Extractor, Favor};
pub use fetch::FetchConfig;
#[cfg(feature = "cli")]
pub use fetch::{FetchError, FetchPlan, Fetcher};
pub use filter::{Filter, FilterConfig};
pub use input::{ArchiveKind, ContentKind, Input, InputFormat, Limits, Page, Source};
#[cfg(feature = "cli")]
pub use output::{Output, OutputFormat, RecordSink};
#[cfg(feature = "cli")]
pub use pipeline::{LearnSummary, Pipeline, Summary};
pub use process::Processor;
pub use record::{FetchInfo, Record, Reject, SCHEMA_VERSION};
pub use shard::{Shard, ShardBy, shard_of_host};
