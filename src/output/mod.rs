//! Where records and rejects go: [`Output`] (the paths of one run), the record writers
//! ([`sink`]: JSON Lines plain/gzip/zstd, Parquet, rotation), resume state ([`resume`]) and the
//! WARC archive of fetched responses ([`warc`]), and the HTML inspection report ([`report`]).
//!
//! Nothing here reads inputs or runs stages; the runner (`pipeline`) drives it.

pub mod report;
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
    /// [`default_rejects_path`]; when records go to stdout or to something that is not a
    /// regular file (`/dev/null`, a FIFO), rejects go to stderr: no file is created next to a
    /// device.
    pub fn new(
        records: PathBuf,
        rejects: Option<PathBuf>,
        resume: bool,
        rotate_records: Option<u64>,
    ) -> Self {
        let rejects =
            rejects.or_else(|| is_file_path(&records).then(|| default_rejects_path(&records)));
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

/// The files a run writes, to keep them out of its own inputs (an output folder inside an
/// input folder is not read back on the next run).
#[derive(Debug, Default)]
pub struct OwnFiles {
    /// Canonical paths of the records and rejects files.
    exact: Vec<PathBuf>,
    /// Rotated records parts: canonical folder, `stem-`, and the rest of the name after the
    /// five-digit part number (`articles-00000.jsonl.zst`).
    rotated: Option<(PathBuf, String, String)>,
}

impl OwnFiles {
    /// Whether `path` is one of the run's outputs.
    pub fn contains(&self, path: &Path) -> bool {
        if self.exact.is_empty() && self.rotated.is_none() {
            return false;
        }
        let Ok(path) = std::fs::canonicalize(path) else {
            return false;
        };
        if self.exact.contains(&path) {
            return true;
        }
        let (Some((dir, stem, rest)), Some(parent), Some(name)) =
            (&self.rotated, path.parent(), path.file_name())
        else {
            return false;
        };
        let name = name.to_string_lossy();
        parent == dir
            && name.strip_prefix(stem.as_str()).is_some_and(|tail| {
                tail.len() == 5 + rest.len()
                    && tail.ends_with(rest.as_str())
                    && tail[..5].bytes().all(|b| b.is_ascii_digit())
            })
    }
}

impl Output {
    /// The files this output writes (call once they exist: paths are compared canonical).
    pub fn own_files(&self) -> OwnFiles {
        let canonical = |p: &Path| std::fs::canonicalize(p).ok();
        let mut exact: Vec<PathBuf> = std::iter::once(self.records.as_path())
            .chain(self.rejects.as_deref())
            .filter(|p| is_file_path(p))
            .filter_map(canonical)
            .collect();
        exact.dedup();
        let rotated = self.rotate_records.filter(|&n| n > 0).and_then(|_| {
            let name = self.records.file_name()?.to_string_lossy().into_owned();
            let (stem, rest) = name.split_at(name.find('.').unwrap_or(name.len()));
            let parent = match self.records.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            Some((canonical(parent)?, format!("{stem}-"), rest.to_string()))
        });
        OwnFiles { exact, rotated }
    }
}

/// Whether `path` is (or will be) a regular file: not `-` (stdout), not an existing device,
/// FIFO or socket such as `/dev/null`.
pub fn is_file_path(path: &Path) -> bool {
    path.as_os_str() != "-" && std::fs::metadata(path).map_or(true, |m| m.is_file())
}

/// The rejects file of a records file, one per output: `out/articles.jsonl` ->
/// `out/articles.rejects.jsonl`; any other name keeps its whole name, so that outputs of
/// different formats never share one (`a.parquet` -> `a.parquet.rejects.jsonl`,
/// `a.jsonl.gz` -> `a.jsonl.gz.rejects.jsonl`) and resume never mixes them.
pub fn default_rejects_path(records: &Path) -> PathBuf {
    let name = records
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
    records.with_file_name(format!("{stem}.rejects.jsonl"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_files_are_per_output() {
        let path = |p: &str| default_rejects_path(Path::new(p));
        assert_eq!(path("out/a.jsonl"), Path::new("out/a.rejects.jsonl"));
        assert_eq!(path("a.parquet"), Path::new("a.parquet.rejects.jsonl"));
        assert_eq!(path("a.jsonl.gz"), Path::new("a.jsonl.gz.rejects.jsonl"));
        assert_ne!(path("a.jsonl.zst"), path("a.jsonl.gz"));
        let devnull = Output::new(PathBuf::from("/dev/null"), None, true, None);
        assert_eq!(devnull.rejects, None);
    }
}
