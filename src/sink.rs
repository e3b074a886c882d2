//! Writers: JSON Lines to a file or stdout.
//!
//! Contract: each `write` appends exactly one line (a JSON object and `\n`); nothing is written
//! half. `finish` flushes and reports the first I/O error; a sink dropped without `finish` may
//! lose buffered lines.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Error;

/// Writes one JSON object per line.
pub struct JsonlSink {
    out: BufWriter<Box<dyn Write + Send>>,
    path: PathBuf,
    line: Vec<u8>,
}

impl std::fmt::Debug for JsonlSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlSink")
            .field("path", &self.path)
            .finish()
    }
}

impl JsonlSink {
    /// Creates (truncates) `path`, making parent directories; `-` means stdout.
    ///
    /// # Errors
    /// [`Error::Output`] when the file cannot be created.
    pub fn create(path: &Path) -> Result<Self, Error> {
        Self::open(path, false)
    }

    /// Opens `path` for writing, appending to what is there when `append` is set, making
    /// parent directories; `-` means stdout.
    ///
    /// # Errors
    /// [`Error::Output`] when the file cannot be opened.
    pub fn open(path: &Path, append: bool) -> Result<Self, Error> {
        let out: Box<dyn Write + Send> = if path.as_os_str() == "-" {
            Box::new(io::stdout())
        } else {
            let fail = |source| Error::Output {
                path: path.to_path_buf(),
                source,
            };
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(fail)?;
            }
            let file = if append {
                fs::OpenOptions::new().create(true).append(true).open(path)
            } else {
                File::create(path)
            };
            Box::new(file.map_err(fail)?)
        };
        Ok(Self::new(out, path))
    }

    /// Wraps any writer; `path` names it in errors.
    pub fn new(out: Box<dyn Write + Send>, path: &Path) -> Self {
        Self {
            out: BufWriter::with_capacity(1 << 16, out),
            path: path.to_path_buf(),
            line: Vec::with_capacity(4096),
        }
    }

    /// Appends one item as one line.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn write<T: Serialize>(&mut self, item: &T) -> Result<(), Error> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, item).map_err(|e| self.fail(e.into()))?;
        self.line.push(b'\n');
        if let Err(e) = self.out.write_all(&self.line) {
            return Err(self.fail(e));
        }
        Ok(())
    }

    /// Pushes buffered lines to the file (complete lines only), keeping the sink open.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.out.flush().map_err(|e| self.fail(e))
    }

    /// Flushes everything written so far.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn finish(mut self) -> Result<(), Error> {
        self.out.flush().map_err(|e| self.fail(e))
    }

    fn fail(&self, source: io::Error) -> Error {
        Error::Output {
            path: self.path.clone(),
            source,
        }
    }
}
