//! Resume: which inputs a previous, interrupted run already finished, read back from its
//! output files.
//!
//! The output is the state: an input is done when its `source` appears in the records or the
//! rejects file. No side database can disagree with what was actually written. A crash can
//! leave a partial last line; [`repair`] cuts it off before the run appends again, so files
//! always hold whole JSON lines.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::error::Error;

/// Sources already written by earlier runs, kept as 64-bit hashes (8 bytes per input, so a
/// million finished inputs cost 8 MB, not the length of their paths or URLs).
#[derive(Debug, Default, Clone)]
pub struct Finished {
    sources: HashSet<u64>,
}

#[derive(Deserialize)]
struct SourceOnly {
    source: String,
}

impl Finished {
    /// Whether `source` was finished by an earlier run.
    pub fn contains(&self, source: &str) -> bool {
        self.sources.contains(&xxh3_64(source.as_bytes()))
    }

    /// How many inputs were finished.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// True when nothing was finished.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// Records `source` as finished.
    pub fn insert(&mut self, source: &str) {
        self.sources.insert(xxh3_64(source.as_bytes()));
    }

    /// Repairs and reads the given output files (missing ones are skipped).
    ///
    /// # Errors
    /// [`Error::Output`] when an existing file cannot be read or repaired.
    pub fn load(paths: &[&Path]) -> Result<Self, Error> {
        let mut finished = Self::default();
        for path in paths {
            // Only regular files hold earlier output (not stdout, /dev/null, pipes).
            if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                continue;
            }
            let fail = |source| Error::Output {
                path: path.to_path_buf(),
                source,
            };
            repair(path).map_err(fail)?;
            let reader = BufReader::new(File::open(path).map_err(fail)?);
            for line in reader.lines() {
                let line = line.map_err(fail)?;
                // A line that is not ours (hand-edited file) is ignored, not fatal: at worst
                // its input is processed again.
                if let Ok(item) = serde_json::from_str::<SourceOnly>(&line) {
                    finished.insert(&item.source);
                }
            }
        }
        Ok(finished)
    }
}

/// Truncates `path` after its last newline, dropping a partial line left by a crash.
///
/// # Errors
/// The underlying I/O error.
pub fn repair(path: &Path) -> io::Result<()> {
    let mut file = OpenOptions::new().read(true).write(true).open(path)?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    // Scan backwards in blocks for the last '\n'.
    const BLOCK: u64 = 64 * 1024;
    let mut end = len;
    let mut buf = vec![0u8; BLOCK as usize];
    while end > 0 {
        let start = end.saturating_sub(BLOCK);
        let n = usize::try_from(end - start).expect("block fits in usize");
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf[..n])?;
        if let Some(pos) = buf[..n].iter().rposition(|&b| b == b'\n') {
            let keep = start + pos as u64 + 1;
            if keep != len {
                file.set_len(keep)?;
            }
            return Ok(());
        }
        end = start;
    }
    file.set_len(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_last_line_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "{\"source\":\"a\"}\n{\"source\":\"b\"}\n{\"sou").unwrap();
        let finished = Finished::load(&[&path]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"source\":\"a\"}\n{\"source\":\"b\"}\n"
        );
        assert!(finished.contains("a") && finished.contains("b"));
        assert!(!finished.contains("c"));
        assert_eq!(finished.len(), 2);
    }

    #[test]
    fn file_without_any_newline_is_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "{\"source\":").unwrap();
        repair(&path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "");
    }

    #[test]
    fn missing_files_mean_nothing_finished() {
        let finished = Finished::load(&[Path::new("/no/such/file.jsonl")]).unwrap();
        assert!(finished.is_empty());
    }
}
