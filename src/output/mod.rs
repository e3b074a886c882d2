//! Where records and rejects go: [`Output`] (the paths of one run), the record writers
//! ([`sink`]: JSON Lines plain/gzip/zstd, Parquet, rotation), resume state ([`resume`]) and the
//! WARC archive of fetched responses ([`warc`]).
//!
//! Nothing here reads inputs or runs stages; the runner (`pipeline`) drives it.

pub mod resume;
pub mod sink;
pub mod warc;

use std::path::{Path, PathBuf};

use crate::shard::Shard;

pub use resume::ResumeState;
pub use sink::{Compression, JsonlSink, OutputFormat, RecordSink};

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
    /// The records' format when given explicitly (`--format`, `[output] format`); `None`
    /// chooses by the extension of `records`.
    pub format: Option<OutputFormat>,
}

impl Output {
    /// The outputs of a run writing records to `records`: rejects default to
    /// [`default_rejects_path`] (stderr when records go to stdout).
    pub fn new(
        records: PathBuf,
        rejects: Option<PathBuf>,
        resume: bool,
        rotate_records: Option<u64>,
    ) -> Self {
        let rejects = rejects
            .or_else(|| (records.as_os_str() != "-").then(|| default_rejects_path(&records)));
        Self {
            records,
            rejects,
            resume,
            rotate_records,
            format: None,
        }
    }

    /// The same outputs, records written as `format` whatever their name.
    #[must_use]
    pub fn with_format(mut self, format: Option<OutputFormat>) -> Self {
        self.format = format;
        self
    }

    /// The records' format: the explicit one, else by extension.
    ///
    /// # Errors
    /// A message naming the path when it is unknown or cannot be written there.
    pub fn records_format(&self) -> Result<OutputFormat, String> {
        OutputFormat::resolve(&self.records, self.format)
    }

    /// The same outputs under shard `shard`'s names.
    pub(crate) fn for_shard(&self, shard: Shard) -> Self {
        Self {
            records: shard.output_path(&self.records),
            rejects: self.rejects.as_deref().map(|p| shard.output_path(p)),
            resume: self.resume,
            rotate_records: self.rotate_records,
            format: self.format,
        }
    }
}

/// `out/articles.jsonl` -> `out/articles.rejects.jsonl`.
pub fn default_rejects_path(records: &Path) -> PathBuf {
    let name = records
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or("out");
    records.with_file_name(format!("{stem}.rejects.jsonl"))
}
