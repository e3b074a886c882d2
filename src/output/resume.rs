//! Resume state, derived from the output files themselves (no side database). Used by every
//! run, local files and URL lists alike, unless `[output] resume = false` (or `--fresh`).
//!
//! The records and rejects files are the only truth: a list entry is finished exactly when a
//! complete line with its `source` is in one of them. There is no second store that could
//! disagree with the output after a crash, so "no duplicate records, nothing lost" holds by
//! construction:
//!
//! - A partial last line (the process was killed mid-write) is cut off.
//! - Records: every complete line counts as finished.
//! - Rejects: lines marked `"transient": true` (connect errors, timeouts, 429/5xx after all
//!   retries, robots.txt unavailable) are removed from the file (rewritten through a
//!   temporary file and an atomic rename) and their URLs fetched again; the others count as
//!   finished.
//! - Both files are then opened for appending.
//!
//! Finished entries are counted by their `source` string (the entry as written in the list),
//! so an input listed twice that was finished once is skipped once. Memory: 16 bytes of hash per
//! finished entry. Lines buffered in memory when the process was killed (up to 64 KiB) are
//! not in the files, so those URLs are simply fetched again.
//! Resuming needs both outputs in regular files; with either on stdout (or a device such as
//! `/dev/null`) every run starts afresh.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::output::Output;
use crate::output::sink::JsonlSink;

/// Entries finished by a previous run, by `source`.
#[derive(Debug, Default)]
pub struct ResumeState {
    done: HashMap<u128, u32>,
    /// Lines found in the outputs that count as finished.
    pub finished: u64,
    /// Transient rejects dropped from the rejects file, to be fetched again.
    pub retrying: u64,
}

impl ResumeState {
    /// Whether `source` was finished by a previous run; each finished line is taken once.
    pub fn take(&mut self, source: &str) -> bool {
        if self.done.is_empty() {
            return false;
        }
        match self.done.get_mut(&key(source)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    fn add(&mut self, source: &str) {
        *self.done.entry(key(source)).or_default() += 1;
        self.finished += 1;
    }
}

/// 128-bit hash of a source string: 16 bytes per finished input, negligible collision chance.
fn key(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// The opened outputs of a run, and what they already hold.
#[derive(Debug)]
pub struct Opened {
    /// Records sink.
    pub records: JsonlSink,
    /// Rejects sink.
    pub rejects: JsonlSink,
    /// What the previous run finished.
    pub state: ResumeState,
}

#[derive(Deserialize)]
struct Line {
    source: String,
    #[serde(default)]
    transient: bool,
    /// A record's text (rejects have none): replayed into the dedup index.
    #[serde(default)]
    text: Option<String>,
}

/// Opens the outputs. With `resume` and both outputs being files, existing content is kept
/// (see the module docs) and read into the [`ResumeState`]; otherwise the files are created
/// afresh (truncated). `on_record(source, text)` is called for every record already written,
/// in file order, so that the caller rebuilds its cross-document state (the dedup index) and
/// a resumed run decides duplicates exactly as an uninterrupted one.
///
/// # Errors
/// [`Error::Output`] when a file cannot be read, rewritten or opened.
pub fn open(
    output: &Output,
    resume: bool,
    on_record: &mut dyn FnMut(&str, &str),
) -> Result<Opened, Error> {
    let rejects_path = output.rejects.as_deref();
    let resumable =
        resume && is_plain_file(&output.records) && rejects_path.is_some_and(is_plain_file);
    if !resumable {
        let rejects = match rejects_path {
            Some(path) => JsonlSink::create(path)?,
            None => JsonlSink::new(Box::new(io::stderr()), Path::new("<stderr>")),
        };
        return Ok(Opened {
            records: JsonlSink::create(&output.records)?,
            rejects,
            state: ResumeState::default(),
        });
    }
    let rejects_path = rejects_path.expect("checked above");
    let mut state = ResumeState::default();
    let records = reopen(&output.records, &mut state, false, on_record)?;
    let rejects = reopen(rejects_path, &mut state, true, &mut |_, _| {})?;
    Ok(Opened {
        records: JsonlSink::new(Box::new(records), &output.records),
        rejects: JsonlSink::new(Box::new(rejects), rejects_path),
        state,
    })
}

/// Reads a previous output into `state`, cuts a partial last line, drops transient lines
/// when `drop_transient`, and returns the file opened for appending.
fn reopen(
    path: &Path,
    state: &mut ResumeState,
    drop_transient: bool,
    on_record: &mut dyn FnMut(&str, &str),
) -> Result<File, Error> {
    let fail = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    let existing = match File::open(path) {
        Ok(file) => Some(file),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let Some(existing) = existing else {
        return OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(fail);
    };
    let mut reader = BufReader::new(existing);
    let mut kept: Option<BufWriter<File>> = None;
    let temp = temp_path(path);
    if drop_transient {
        kept = Some(BufWriter::new(File::create(&temp).map_err(fail)?));
    }
    let mut complete_len = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(fail)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break; // end, or a partial last line: dropped
        }
        complete_len += n as u64;
        match serde_json::from_slice::<Line>(&line) {
            Ok(parsed) if drop_transient && parsed.transient => {
                state.retrying += 1;
                continue;
            }
            Ok(parsed) => {
                if let Some(text) = &parsed.text {
                    on_record(&parsed.source, text);
                }
                state.add(&parsed.source);
            }
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "unreadable line in previous output; kept, not counted");
            }
        }
        if let Some(out) = &mut kept {
            out.write_all(&line).map_err(fail)?;
        }
    }
    drop(reader);
    if let Some(out) = kept {
        let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all().map_err(fail)?;
        drop(file);
        fs::rename(&temp, path).map_err(fail)?;
    } else {
        let file = OpenOptions::new().write(true).open(path).map_err(fail)?;
        file.set_len(complete_len).map_err(fail)?;
    }
    let mut file = OpenOptions::new().append(true).open(path).map_err(fail)?;
    file.seek(SeekFrom::End(0)).map_err(fail)?;
    Ok(file)
}

/// A regular file or a path not created yet: not `-`, `/dev/null`, a FIFO...
fn is_plain_file(path: &Path) -> bool {
    path.as_os_str() != "-" && fs::metadata(path).map_or(true, |m| m.is_file())
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".resume-tmp");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_outputs_are_read_cut_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("out.jsonl");
        let rejects = dir.path().join("out.rejects.jsonl");
        fs::write(
            &records,
            "{\"source\":\"http://a/\",\"text\":\"t\"}\n{\"source\":\"http://a/\"}\n{\"source\":\"http://b/\"",
        )
        .unwrap();
        fs::write(
            &rejects,
            "{\"source\":\"http://c/\",\"transient\":true}\n{\"source\":\"http://d/\"}\n",
        )
        .unwrap();
        let output = Output {
            records: records.clone(),
            rejects: Some(rejects.clone()),
            resume: true,
            rotate_records: None,
            format: None,
        };
        let mut replayed = Vec::new();
        let mut opened = open(&output, true, &mut |source, text| {
            replayed.push((source.to_string(), text.to_string()));
        })
        .unwrap();
        assert_eq!(replayed, [("http://a/".to_string(), "t".to_string())]);
        assert_eq!(opened.state.finished, 3);
        assert_eq!(opened.state.retrying, 1);
        assert!(opened.state.take("http://a/"));
        assert!(opened.state.take("http://a/"));
        assert!(!opened.state.take("http://a/"));
        assert!(!opened.state.take("http://b/"));
        assert!(!opened.state.take("http://c/"));
        assert!(opened.state.take("http://d/"));
        opened
            .records
            .write(&serde_json::json!({"source": "http://b/"}))
            .unwrap();
        opened.records.finish().unwrap();
        opened.rejects.finish().unwrap();
        assert_eq!(
            fs::read_to_string(&records).unwrap(),
            "{\"source\":\"http://a/\",\"text\":\"t\"}\n{\"source\":\"http://a/\"}\n{\"source\":\"http://b/\"}\n"
        );
        assert_eq!(
            fs::read_to_string(&rejects).unwrap(),
            "{\"source\":\"http://d/\"}\n"
        );
    }
}
