//! Deterministic sharding for cluster runs: `--shard K/N` keeps one N-th of the inputs.
//!
//! Every shard runs the same command on the same input paths; each keeps the inputs whose
//! stable hash falls in its bucket, so the shards partition the inputs without talking to each
//! other. The hash is XXH3-64 of the key's bytes (seed 0), which never changes between builds,
//! machines or releases: a re-run of shard K sees exactly the inputs it saw before.
//!
//! - Files (and archives, whole) are keyed by their path as walked (`dir/sub/a.warc.gz`), so
//!   give every shard the same paths (same working directory, same relative paths).
//! - With [`ShardBy::Record`], each record of an archive is keyed by its source name
//!   (`archive#record-key`): one large archive is split across shards, at the cost of every
//!   shard reading (not processing) the whole archive.
//! - URL lists are split by host ([`shard_of_host`]), so each host is crawled by exactly one
//!   shard and per-host politeness needs no coordination.
//!
//! A shard writes its outputs under per-shard names ([`Shard::output_path`]) and, once they
//! are complete, a marker file ([`Shard::marker_path`]); a shard whose marker exists is skipped.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use thiserror::Error;
use xxhash_rust::xxh3::xxh3_64;

/// One shard of a partitioned run: `index` in `0..count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u32,
    count: u32,
}

/// What a shard's hash is computed over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShardBy {
    /// Whole files: an archive's records all go to the same shard (each archive is read once).
    #[default]
    File,
    /// Single records: archive records are spread over the shards by their own key.
    Record,
}

/// A `--shard` value that is not `K/N` with `0 <= K < N`.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ShardParseError {
    /// Not two numbers separated by `/`.
    #[error("expected K/N (e.g. 3/16), got {0:?}")]
    Syntax(String),
    /// `N` is zero or `K` is not below `N`.
    #[error("shard index {index} is out of range for {count} shards (expected 0 <= K < N)")]
    OutOfRange {
        /// K.
        index: u32,
        /// N.
        count: u32,
    },
}

/// The shard (in `0..n`) that owns `host`: case-insensitive, ignoring a trailing dot.
///
/// For URL lists: every URL of one host lands in the same shard, so a per-host rate limit
/// inside one process is a global one. `n == 0` is treated as 1.
pub fn shard_of_host(host: &str, n: u32) -> u32 {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    bucket(host.as_bytes(), n)
}

/// The shard (in `0..n`) that owns a file path or record key. `n == 0` is treated as 1.
pub fn shard_of_key(key: &str, n: u32) -> u32 {
    bucket(key.as_bytes(), n)
}

fn bucket(bytes: &[u8], n: u32) -> u32 {
    let n = u64::from(n.max(1));
    u32::try_from(xxh3_64(bytes) % n).expect("remainder of a u32 divisor fits in u32")
}

impl Shard {
    /// Shard `index` of `count`.
    ///
    /// # Errors
    /// [`ShardParseError::OutOfRange`] unless `index < count`.
    pub fn new(index: u32, count: u32) -> Result<Self, ShardParseError> {
        if index >= count {
            return Err(ShardParseError::OutOfRange { index, count });
        }
        Ok(Self { index, count })
    }

    /// K, from 0.
    pub fn index(self) -> u32 {
        self.index
    }

    /// N.
    pub fn count(self) -> u32 {
        self.count
    }

    /// Whether this shard owns the file or record named `key`.
    pub fn owns_key(self, key: &str) -> bool {
        shard_of_key(key, self.count) == self.index
    }

    /// Whether this shard owns URLs of `host`.
    pub fn owns_host(self, host: &str) -> bool {
        shard_of_host(host, self.count) == self.index
    }

    /// `shard-0003-of-0016`: zero-padded so that names sort in shard order.
    pub fn label(self) -> String {
        let width = (self.count - 1).to_string().len().max(4);
        format!(
            "shard-{:0width$}-of-{:0width$}",
            self.index,
            self.count,
            width = width
        )
    }

    /// `out/articles.jsonl.zst` -> `out/articles-shard-0003-of-0016.jsonl.zst`: the label
    /// goes after the file stem (the name up to its first `.`). `-` (stdout) stays `-`.
    pub fn output_path(self, path: &Path) -> PathBuf {
        if path.as_os_str() == "-" {
            return path.to_path_buf();
        }
        insert_after_stem(path, &format!("-{}", self.label()))
    }

    /// The completion marker next to the records output:
    /// `out/articles-shard-0003-of-0016.done.json`.
    pub fn marker_path(self, records: &Path) -> PathBuf {
        let base = if records.as_os_str() == "-" {
            Path::new("copydesk")
        } else {
            records
        };
        let (stem, _) = split_name(base);
        base.with_file_name(format!("{stem}-{}.done.json", self.label()))
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = ShardParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || ShardParseError::Syntax(s.to_string());
        let (k, n) = s.split_once('/').ok_or_else(syntax)?;
        let index = k.trim().parse().map_err(|_| syntax())?;
        let count = n.trim().parse().map_err(|_| syntax())?;
        Self::new(index, count)
    }
}

impl FromStr for ShardBy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "file" => Ok(Self::File),
            "record" => Ok(Self::Record),
            other => Err(format!(
                "unknown shard unit {other:?}, expected file or record"
            )),
        }
    }
}

/// `articles.jsonl.gz` -> (`articles`, `.jsonl.gz`).
pub(crate) fn split_name(path: &Path) -> (String, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.find('.') {
        Some(0) | None => (name, String::new()),
        Some(dot) => (name[..dot].to_string(), name[dot..].to_string()),
    }
}

/// `dir/articles.jsonl.gz` + `-x` -> `dir/articles-x.jsonl.gz`.
pub(crate) fn insert_after_stem(path: &Path, suffix: &str) -> PathBuf {
    let (stem, rest) = split_name(path);
    path.with_file_name(format!("{stem}{suffix}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_k_of_n_and_rejects_the_rest() {
        assert_eq!("3/16".parse::<Shard>().unwrap(), Shard::new(3, 16).unwrap());
        assert_eq!("0/1".parse::<Shard>().unwrap().to_string(), "0/1");
        assert!(matches!(
            "16/16".parse::<Shard>(),
            Err(ShardParseError::OutOfRange { .. })
        ));
        assert!(matches!(
            "0/0".parse::<Shard>(),
            Err(ShardParseError::OutOfRange { .. })
        ));
        assert!(matches!(
            "3".parse::<Shard>(),
            Err(ShardParseError::Syntax(_))
        ));
        assert!(matches!(
            "a/b".parse::<Shard>(),
            Err(ShardParseError::Syntax(_))
        ));
    }

    #[test]
    fn hash_is_stable_across_builds() {
        // Pinned values: changing the hash would silently reshuffle every cluster run.
        assert_eq!(shard_of_key("data/a.warc.gz", 16), 12);
        assert_eq!(shard_of_host("example.com", 16), 3);
    }

    #[test]
    fn host_shard_ignores_case_and_trailing_dot() {
        for n in [2, 7, 64] {
            let k = shard_of_host("example.com", n);
            assert_eq!(shard_of_host("EXAMPLE.com.", n), k);
            assert!(k < n);
        }
    }

    #[test]
    fn shards_partition_the_keys() {
        let keys: Vec<String> = (0..1000).map(|i| format!("dir/page-{i}.html")).collect();
        let shards: Vec<Shard> = (0..4).map(|k| Shard::new(k, 4).unwrap()).collect();
        let mut sizes = [0usize; 4];
        for key in &keys {
            let owners: Vec<_> = shards.iter().filter(|s| s.owns_key(key)).collect();
            assert_eq!(owners.len(), 1, "{key}");
            sizes[owners[0].index() as usize] += 1;
        }
        // Roughly balanced: each shard within 20% of the mean.
        assert!(sizes.iter().all(|&s| (200..=300).contains(&s)), "{sizes:?}");
    }

    #[test]
    fn output_names_carry_the_shard_label() {
        let shard = Shard::new(3, 16).unwrap();
        assert_eq!(
            shard.output_path(Path::new("out/articles.jsonl.zst")),
            Path::new("out/articles-shard-0003-of-0016.jsonl.zst")
        );
        assert_eq!(shard.output_path(Path::new("-")), Path::new("-"));
        assert_eq!(
            shard.marker_path(Path::new("out/articles.parquet")),
            Path::new("out/articles-shard-0003-of-0016.done.json")
        );
        assert_eq!(
            Shard::new(7, 100_000).unwrap().label(),
            "shard-00007-of-100000"
        );
    }
}
