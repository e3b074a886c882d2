//! copydesk: scraped web pages in, clean article records out.
//!
//! # Overview
//! Data flows through one type per stage boundary, each owned by one module:
//!
//! ```text
//! Source (source) -> Input --load--> Page --extract / text--> Article
//!        --normalize + filter--> Article --normalize::to_record--> Record --sink--> JSONL
//! ```
//!
//! - [`source`]: command-line paths and `[source]` -> [`Input`]s (directories walked in order);
//!   archives are streamed record by record by [`warc`] and [`jsonl_input`]; [`shard`] splits
//!   inputs between the processes of a cluster job.
//! - [`load`] and [`charset`]: bytes -> decoded [`Page`] (size caps, gzip, binary sniffing).
//! - [`fetch`]: URL lists -> HTTP (politeness, robots.txt, retries, limits, resume) -> [`Page`].
//! - [`extract`]: HTML -> [`Article`] (main content + metadata); [`text`] for plain text.
//! - [`filter`]: removes boilerplate blocks, with the rule that removed each.
//! - [`normalize`]: pure text functions and [`Article`] -> [`Record`].
//! - [`sink`]: JSON Lines (plain, gzip, zstd) and Parquet writers, with rotation.
//!   [`pipeline`]: [`Processor`] (the pure core) and [`Pipeline`] (threads and queues).
//!   [`config`]: pipeline.toml.
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
pub mod charset;
pub mod config;
pub mod error;
pub mod eval;
pub mod extract;
pub mod fetch;
pub mod filter;
pub mod jsonl_input;
pub mod load;
pub mod normalize;
pub mod pipeline;
pub mod record;
pub mod resume;
pub mod shard;
pub mod sink;
pub mod source;
pub mod text;
pub mod warc;

pub use article::{Article, Block, BlockKind, Metadata};
pub use config::PipelineConfig;
pub use error::{Error, PageError, Stage};
pub use extract::{ExtractConfig, Extractor, Favor};
pub use fetch::{FetchConfig, FetchError, FetchPlan, Fetcher};
pub use filter::{Filter, FilterConfig};
pub use load::{ContentKind, Limits, Page};
pub use pipeline::{LearnSummary, Output, Pipeline, Processor, Summary};
pub use record::{FetchInfo, Record, Reject, SCHEMA_VERSION};
pub use shard::{Shard, ShardBy, shard_of_host};
pub use sink::{OutputFormat, RecordSink};
pub use source::{ArchiveKind, Input, InputFormat, Source};
