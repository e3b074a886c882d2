//! Writers: JSON Lines (plain, gzip or zstd), Parquet and CSV, to a file or stdout, with
//! optional rotation into files of N records; and Markdown or text directories, one file per
//! record.
//!
//! The output's format is `--format` / `[output] format` when given, else chosen by its
//! extension ([`OutputFormat::from_path`]): `*.jsonl` plain JSON Lines, `*.jsonl.gz` gzip'd,
//! `*.jsonl.zst` zstd'd, `*.parquet` Parquet (zstd-compressed columns, same fields as the
//! JSON record), `*.csv` CSV; `-` is stdout (JSON Lines). Any other name is an error, reported
//! when the config is built, before any input is read.
//!
//! Contract: each `write` appends exactly one record; nothing is written half. `finish`
//! flushes, writes the compression trailer or Parquet footer and reports the first I/O error;
//! a sink dropped without `finish` leaves an incomplete file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use serde::Serialize;

use crate::error::Error;
use crate::record::Record;
use crate::shard::insert_after_stem;

/// zstd level for `.zst` outputs: zstd's default, ~3x smaller than JSON at several hundred MB/s
/// per core, far above what extraction produces.
const ZSTD_LEVEL: i32 = 3;

/// Bytes buffered before a write reaches the file or compressor.
const WRITE_BUFFER_BYTES: usize = 1 << 16;

/// How a JSON Lines output is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain text.
    None,
    /// gzip (`.gz`), readable by `zcat` and every JSON Lines loader.
    Gzip,
    /// zstd (`.zst`), level 3.
    Zstd,
}

/// What an output file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per line.
    Jsonl(Compression),
    /// Apache Parquet, one row per record, zstd-compressed column chunks.
    Parquet,
    /// CSV with a header row: one row per record, its scalar fields and `text`.
    Csv,
    /// A directory of Markdown files, one per record (`<id>.md`, YAML front matter).
    Markdown,
    /// A directory of plain-text files, one per record (`<id>.txt`, a short header).
    Text,
}

/// The names `--format` and `[output] format` accept.
pub const FORMAT_NAMES: &str = "jsonl, jsonl.gz, jsonl.zst, parquet, csv, md or txt";

impl OutputFormat {
    /// By extension: `.jsonl`/`.ndjson` (optionally `.gz` or `.zst` after it) are JSON Lines,
    /// `.parquet` Parquet, `.csv` CSV; `-` (stdout) and special files (devices, pipes) JSON
    /// Lines. Directory formats have no
    /// extension and are chosen by name ([`OutputFormat::by_name`]).
    ///
    /// # Errors
    /// A message naming the path and the known extensions when the extension is not one of
    /// them.
    pub fn from_path(path: &Path) -> Result<Self, String> {
        // Stdout, and devices and pipes (`/dev/stdout`, a FIFO): a stream of JSON Lines.
        let stream = path.as_os_str() == "-"
            || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if stream {
            return Ok(Self::Jsonl(Compression::None));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let (inner, compression) = if let Some(inner) = name.strip_suffix(".gz") {
            (inner, Compression::Gzip)
        } else if let Some(inner) = name.strip_suffix(".zst") {
            (inner, Compression::Zstd)
        } else {
            (name.as_str(), Compression::None)
        };
        let jsonl = inner.ends_with(".jsonl") || inner.ends_with(".ndjson");
        match compression {
            _ if jsonl => Ok(Self::Jsonl(compression)),
            Compression::None if name.ends_with(".parquet") => Ok(Self::Parquet),
            Compression::None if name.ends_with(".csv") => Ok(Self::Csv),
            _ => {
                let hint = if path.to_string_lossy().ends_with('/') || path.is_dir() {
                    " (a directory needs --format md or txt)"
                } else {
                    ""
                };
                Err(format!(
                    "{}: unknown output format{hint}; use a .jsonl, .jsonl.gz, .jsonl.zst, \
                     .parquet or .csv file, or a directory with --format md|txt",
                    path.display()
                ))
            }
        }
    }

    /// `jsonl`, `jsonl.gz`, `jsonl.zst`, `parquet`, `csv`, `md` (or `markdown`), `txt`.
    pub fn by_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Self::Jsonl(Compression::None),
            "jsonl.gz" => Self::Jsonl(Compression::Gzip),
            "jsonl.zst" => Self::Jsonl(Compression::Zstd),
            "parquet" => Self::Parquet,
            "csv" => Self::Csv,
            "md" | "markdown" => Self::Markdown,
            "txt" => Self::Text,
            _ => return None,
        })
    }

    /// The format of an output at `path`: `explicit` (from `--format`) when given, else by
    /// extension; a directory format cannot go to stdout.
    ///
    /// # Errors
    /// A message naming the path when the format is unknown or cannot be written there.
    pub fn resolve(path: &Path, explicit: Option<Self>) -> Result<Self, String> {
        let format = match explicit {
            Some(format) => format,
            None => Self::from_path(path)?,
        };
        if format.is_directory() && path.as_os_str() == "-" {
            return Err(
                "md and txt output write one file per record: give a directory \
                 with -o DIR/"
                    .to_string(),
            );
        }
        if !format.is_supported() {
            return Err(format!(
                "{}: Parquet output needs copydesk built with the `parquet` feature",
                path.display()
            ));
        }
        Ok(format)
    }

    /// Whether the output is a directory of files, one per record.
    pub fn is_directory(self) -> bool {
        matches!(self, Self::Markdown | Self::Text)
    }

    /// Whether this build can write the format (Parquet needs the `parquet` feature).
    pub fn is_supported(self) -> bool {
        cfg!(feature = "parquet") || self != Self::Parquet
    }
}

/// How `path` is compressed, by its extension (`.gz`, `.zst`); for rejects files and other
/// JSON Lines written whatever their name.
fn compression_of(path: &Path) -> Compression {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".gz") {
        Compression::Gzip
    } else if name.ends_with(".zst") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// The byte stream under a JSON Lines sink; compressed streams need an explicit finish.
enum Target {
    Plain(Box<dyn Write + Send>),
    Gzip(GzEncoder<File>),
    Zstd(zstd::Encoder<'static, File>),
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Self::Plain(w) => w.write(buf),
            Self::Gzip(w) => w.write(buf),
            Self::Zstd(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Self::Plain(w) => w.flush(),
            Self::Gzip(w) => w.flush(),
            Self::Zstd(w) => w.flush(),
        }
    }
}

impl Target {
    fn finish(self) -> io::Result<()> {
        match self {
            Self::Plain(mut w) => w.flush(),
            Self::Gzip(w) => w.finish()?.sync_data(),
            Self::Zstd(w) => w.finish()?.sync_data(),
        }
    }
}

/// Creates (truncates) `path`, making parent directories.
fn create_file(path: &Path) -> Result<File, Error> {
    let fail = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    File::create(path).map_err(fail)
}

/// Writes one JSON object per line.
pub struct JsonlSink {
    out: BufWriter<Target>,
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
    /// Creates (truncates) `path`, making parent directories; `-` means stdout. `.gz` and
    /// `.zst` names are compressed.
    ///
    /// # Errors
    /// [`Error::Output`] when the file cannot be created.
    pub fn create(path: &Path) -> Result<Self, Error> {
        if path.as_os_str() == "-" {
            return Ok(Self::new(Box::new(io::stdout()), path));
        }
        let file = create_file(path)?;
        let target = match compression_of(path) {
            Compression::Gzip => Target::Gzip(GzEncoder::new(file, flate2::Compression::default())),
            Compression::Zstd => {
                Target::Zstd(zstd::Encoder::new(file, ZSTD_LEVEL).map_err(|source| {
                    Error::Output {
                        path: path.to_path_buf(),
                        source,
                    }
                })?)
            }
            Compression::None => Target::Plain(Box::new(file)),
        };
        Ok(Self::with_target(target, path))
    }

    /// Wraps any writer (uncompressed); `path` names it in errors.
    pub fn new(out: Box<dyn Write + Send>, path: &Path) -> Self {
        Self::with_target(Target::Plain(out), path)
    }

    fn with_target(target: Target, path: &Path) -> Self {
        Self {
            out: BufWriter::with_capacity(WRITE_BUFFER_BYTES, target),
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
        if let Err(e) = self.out.flush() {
            return Err(self.fail(e));
        }
        Ok(())
    }

    /// Flushes everything written so far and ends the compressed stream.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn finish(self) -> Result<(), Error> {
        let path = self.path;
        let fail = |source| Error::Output {
            path: path.clone(),
            source,
        };
        let target = self.out.into_inner().map_err(|e| fail(e.into_error()))?;
        target.finish().map_err(fail)
    }

    fn fail(&self, source: io::Error) -> Error {
        Error::Output {
            path: self.path.clone(),
            source,
        }
    }
}

/// One open records file.
enum Part {
    Jsonl(Box<JsonlSink>),
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet_sink::ParquetSink>),
    Csv(Box<CsvSink>),
    Files(FileTreeSink),
}

impl Part {
    fn create(path: &Path, format: OutputFormat) -> Result<Self, Error> {
        match format {
            OutputFormat::Jsonl(_) => Ok(Self::Jsonl(Box::new(JsonlSink::create(path)?))),
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet if path.as_os_str() != "-" => Ok(Self::Parquet(Box::new(
                parquet_sink::ParquetSink::create(path)?,
            ))),
            OutputFormat::Parquet => Err(Error::Output {
                path: path.to_path_buf(),
                source: io::Error::new(
                    io::ErrorKind::Unsupported,
                    "parquet output needs the `parquet` cargo feature and a file path",
                ),
            }),
            OutputFormat::Csv => Ok(Self::Csv(Box::new(CsvSink::create(path)?))),
            OutputFormat::Markdown | OutputFormat::Text => {
                Ok(Self::Files(FileTreeSink::create(path, format)?))
            }
        }
    }

    fn write(&mut self, record: &Record) -> Result<(), Error> {
        match self {
            Self::Jsonl(sink) => sink.write(record),
            #[cfg(feature = "parquet")]
            Self::Parquet(sink) => sink.write(record),
            Self::Csv(sink) => sink.write(record),
            Self::Files(sink) => sink.write(record),
        }
    }

    fn finish(self) -> Result<(), Error> {
        match self {
            Self::Jsonl(sink) => sink.finish(),
            #[cfg(feature = "parquet")]
            Self::Parquet(sink) => sink.finish(),
            Self::Csv(sink) => sink.finish(),
            Self::Files(_) => Ok(()),
        }
    }
}

/// One CSV column: its header and how a record fills it.
type CsvColumn = (&'static str, fn(&Record) -> String);

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The CSV columns, in one list so that the header and the rows cannot drift apart: the
/// record's scalar fields, `tags` joined with "; ", and `text` last (the long one, so a
/// spreadsheet shows the short fields first). `markdown`, `removed` and `fetch` are
/// structured or optional extras that stay in the JSON and Parquet outputs.
const CSV_COLUMNS: [CsvColumn; 18] = [
    ("id", |r| r.id.clone()),
    ("url", |r| opt(&r.url)),
    ("source", |r| r.source.clone()),
    ("title", |r| opt(&r.title)),
    ("author", |r| opt(&r.author)),
    ("published", |r| opt(&r.published)),
    ("modified", |r| opt(&r.modified)),
    ("language", |r| opt(&r.language)),
    ("language_confidence", |r| {
        r.language_confidence
            .map_or_else(String::new, |c| c.to_string())
    }),
    ("site_name", |r| opt(&r.site_name)),
    ("description", |r| opt(&r.description)),
    ("image", |r| opt(&r.image)),
    ("tags", |r| r.tags.join("; ")),
    ("word_count", |r| r.word_count.to_string()),
    ("page_type", |r| r.page_type.as_str().to_owned()),
    ("confidence", |r| r.confidence.to_string()),
    ("seq", |r| r.seq.to_string()),
    ("text", |r| r.text.clone()),
];

/// CSV (RFC 4180 quoting by the `csv` crate) with a header row, one row per record.
pub struct CsvSink {
    out: csv::Writer<Box<dyn Write + Send>>,
    path: PathBuf,
}

impl CsvSink {
    /// Creates (truncates) `path` (`-` is stdout) and writes the header row.
    ///
    /// # Errors
    /// [`Error::Output`] when the file cannot be created or written.
    pub fn create(path: &Path) -> Result<Self, Error> {
        let target: Box<dyn Write + Send> = if path.as_os_str() == "-" {
            Box::new(io::stdout())
        } else {
            Box::new(create_file(path)?)
        };
        let mut sink = Self {
            out: csv::WriterBuilder::new()
                .buffer_capacity(WRITE_BUFFER_BYTES)
                .from_writer(target),
            path: path.to_path_buf(),
        };
        sink.out
            .write_record(CSV_COLUMNS.map(|(name, _)| name))
            .map_err(|e| sink.fail(e))?;
        Ok(sink)
    }

    /// Appends one record as one row.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn write(&mut self, r: &Record) -> Result<(), Error> {
        let row = CSV_COLUMNS.map(|(_, value)| value(r));
        self.out.write_record(&row).map_err(|e| self.fail(e))
    }

    /// Flushes the rows written so far.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn finish(mut self) -> Result<(), Error> {
        self.out.flush().map_err(|source| Error::Output {
            path: self.path.clone(),
            source,
        })
    }

    fn fail(&self, error: csv::Error) -> Error {
        Error::Output {
            path: self.path.clone(),
            source: io::Error::other(error),
        }
    }
}

/// A directory with one file per record, named by the record's id: `<id>.md` (YAML front
/// matter, then the Markdown body) or `<id>.txt` (a short header, then the text).
struct FileTreeSink {
    dir: PathBuf,
    format: OutputFormat,
}

impl FileTreeSink {
    fn create(dir: &Path, format: OutputFormat) -> Result<Self, Error> {
        fs::create_dir_all(dir).map_err(|source| Error::Output {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Self {
            dir: dir.to_path_buf(),
            format,
        })
    }

    fn write(&mut self, record: &Record) -> Result<(), Error> {
        let (extension, content) = match self.format {
            OutputFormat::Markdown => ("md", markdown_file(record)),
            _ => ("txt", text_file(record)),
        };
        let path = self.dir.join(format!("{}.{extension}", record.id));
        fs::write(&path, content).map_err(|source| Error::Output { path, source })
    }
}

/// `<id>.md`: YAML front matter (title, url, date, author, site and language when known,
/// as double-quoted YAML scalars, whose escapes are JSON's; then the page type and the
/// confidence, so that a folder of files can be selected as the records can), then the body
/// as Markdown (the plain text when the record has no Markdown).
pub fn markdown_file(record: &Record) -> String {
    let mut out = String::from("---\n");
    let fields = [
        ("title", &record.title),
        ("url", &record.url),
        ("date", &record.published),
        ("author", &record.author),
        ("site_name", &record.site_name),
        ("language", &record.language),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            let quoted = serde_json::to_string(value).expect("a string serializes");
            out.push_str(&format!("{key}: {quoted}\n"));
        }
    }
    out.push_str(&format!(
        "page_type: \"{}\"\nconfidence: {}\n",
        record.page_type.as_str(),
        serde_json::Value::from(record.confidence)
    ));
    out.push_str("---\n\n");
    out.push_str(record.markdown.as_deref().unwrap_or(&record.text));
    out.push('\n');
    out
}

/// `<id>.txt`: `Title:`, `URL:`, `Date:`, `Author:` lines for what is known, a blank line,
/// then the text.
pub fn text_file(record: &Record) -> String {
    let mut out = String::new();
    let fields = [
        ("Title", &record.title),
        ("URL", &record.url),
        ("Date", &record.published),
        ("Author", &record.author),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&record.text);
    out.push('\n');
    out
}

/// The records output: one file, or a numbered series of files of at most N records each.
///
/// With rotation, `out/articles.jsonl.zst` becomes `out/articles-00000.jsonl.zst`,
/// `out/articles-00001.jsonl.zst`, ... (each a complete, independently readable file); a new
/// file is opened only when a record needs it, so no empty trailing file is left.
pub struct RecordSink {
    path: PathBuf,
    format: OutputFormat,
    rotate_records: Option<u64>,
    current: Option<Part>,
    in_part: u64,
    written: Vec<PathBuf>,
}

impl std::fmt::Debug for RecordSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordSink")
            .field("path", &self.path)
            .field("rotate_records", &self.rotate_records)
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl RecordSink {
    /// Opens the output (the first file of a rotation); the format comes from the extension.
    /// `rotate_records` of `None` or `Some(0)` writes a single file. Stdout is never rotated.
    ///
    /// # Errors
    /// [`Error::Output`] when the file cannot be created or the format is not supported.
    pub fn create(path: &Path, rotate_records: Option<u64>) -> Result<Self, Error> {
        let format = OutputFormat::resolve(path, None).map_err(|message| Error::Output {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::Unsupported, message),
        })?;
        Self::create_as(path, format, rotate_records)
    }

    /// Like [`create`](Self::create), in a format given explicitly. Directory formats are not
    /// rotated (each record is its own file).
    ///
    /// # Errors
    /// [`Error::Output`] when the output cannot be created.
    pub fn create_as(
        path: &Path,
        format: OutputFormat,
        rotate_records: Option<u64>,
    ) -> Result<Self, Error> {
        let rotate_records =
            rotate_records.filter(|&n| n > 0 && path.as_os_str() != "-" && !format.is_directory());
        let mut sink = Self {
            path: path.to_path_buf(),
            format,
            rotate_records,
            current: None,
            in_part: 0,
            written: Vec::new(),
        };
        sink.open_next()?;
        Ok(sink)
    }

    /// A single, unrotated JSON Lines output around an already open sink (a resumed file
    /// opened for appending).
    pub fn from_jsonl(sink: JsonlSink) -> Self {
        Self {
            path: sink.path.clone(),
            format: OutputFormat::Jsonl(Compression::None),
            rotate_records: None,
            written: vec![sink.path.clone()],
            current: Some(Part::Jsonl(Box::new(sink))),
            in_part: 0,
        }
    }

    /// Pushes buffered lines of a JSON Lines output to disk; a no-op for Parquet, which
    /// writes whole row groups.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn flush(&mut self) -> Result<(), Error> {
        match &mut self.current {
            Some(Part::Jsonl(sink)) => sink.flush(),
            _ => Ok(()),
        }
    }

    /// The name of rotation file `part`: `articles.jsonl.gz` -> `articles-00007.jsonl.gz`.
    pub fn part_path(path: &Path, part: usize) -> PathBuf {
        insert_after_stem(path, &format!("-{part:05}"))
    }

    fn open_next(&mut self) -> Result<(), Error> {
        if let Some(part) = self.current.take() {
            part.finish()?;
        }
        let path = match self.rotate_records {
            Some(_) => Self::part_path(&self.path, self.written.len()),
            None => self.path.clone(),
        };
        self.current = Some(Part::create(&path, self.format)?);
        self.written.push(path);
        self.in_part = 0;
        Ok(())
    }

    /// Appends one record, starting the next file first when the current one is full.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn write(&mut self, record: &Record) -> Result<(), Error> {
        if self.rotate_records.is_some_and(|n| self.in_part >= n) {
            self.open_next()?;
        }
        self.in_part += 1;
        self.current
            .as_mut()
            .expect("a part is open between create and finish")
            .write(record)
    }

    /// Completes the last file; returns every file written, in order.
    ///
    /// # Errors
    /// [`Error::Output`] on a write failure.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, Error> {
        if let Some(part) = self.current.take() {
            part.finish()?;
        }
        Ok(self.written)
    }
}

#[cfg(feature = "parquet")]
mod parquet_sink {
    //! Records -> Arrow record batches -> Parquet, a batch at a time.

    use std::fs::File;
    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, LazyLock};

    use arrow_array::RecordBatch;
    use arrow_schema::{Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;

    use crate::error::Error;
    use crate::record::Record;
    use crate::record::arrow::{RecordBuilder, RecordColumns, record_fields};

    /// Records buffered before they become one Arrow batch: bounds memory to a few MB.
    const BATCH_ROWS: usize = 1024;
    /// Largest row group, in rows: readers parallelise and skip by row group.
    const ROW_GROUP_ROWS: usize = 16 * 1024;
    /// Largest row group, in encoded bytes: the writer holds one row group in memory.
    const ROW_GROUP_BYTES: usize = 64 << 20;

    /// Every column of [`Record`]; each row is a record.
    const COLUMNS: RecordColumns = RecordColumns {
        markdown: true,
        removed: true,
        missing_rows: false,
    };

    /// The Arrow schema of [`Record`] (see [`crate::record::arrow`]).
    pub(super) static SCHEMA: LazyLock<SchemaRef> =
        LazyLock::new(|| Arc::new(Schema::new(record_fields(COLUMNS))));

    pub(super) struct ParquetSink {
        writer: ArrowWriter<File>,
        path: PathBuf,
        buffer: Vec<Record>,
    }

    impl ParquetSink {
        pub(super) fn create(path: &Path) -> Result<Self, Error> {
            let file = super::create_file(path)?;
            let props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(
                    ZstdLevel::try_new(super::ZSTD_LEVEL).expect("zstd level 3 is valid"),
                ))
                .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
                .build();
            let writer = ArrowWriter::try_new(file, SCHEMA.clone(), Some(props))
                .map_err(|e| fail(path, e))?;
            Ok(Self {
                writer,
                path: path.to_path_buf(),
                buffer: Vec::with_capacity(BATCH_ROWS),
            })
        }

        pub(super) fn write(&mut self, record: &Record) -> Result<(), Error> {
            self.buffer.push(record.clone());
            if self.buffer.len() >= BATCH_ROWS {
                self.flush_batch()?;
            }
            Ok(())
        }

        fn flush_batch(&mut self) -> Result<(), Error> {
            if self.buffer.is_empty() {
                return Ok(());
            }
            let batch = to_batch(&self.buffer).map_err(|e| fail(&self.path, e))?;
            self.buffer.clear();
            self.writer.write(&batch).map_err(|e| fail(&self.path, e))
        }

        pub(super) fn finish(mut self) -> Result<(), Error> {
            self.flush_batch()?;
            let file = self.writer.into_inner().map_err(|e| fail(&self.path, e))?;
            file.sync_data().map_err(|source| Error::Output {
                path: self.path.clone(),
                source,
            })
        }
    }

    fn fail(path: &Path, error: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::Output {
            path: path.to_path_buf(),
            source: io::Error::other(error),
        }
    }

    /// One batch of records.
    pub(super) fn to_batch(records: &[Record]) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let text_bytes = records.iter().map(|r| r.text.len()).sum();
        let mut builder = RecordBuilder::new(COLUMNS, records.len(), text_bytes);
        for r in records {
            builder.append(r);
        }
        RecordBatch::try_new(SCHEMA.clone(), builder.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_column_for_every_scalar_field_of_the_record() {
        let record: Record = serde_json::from_value(serde_json::json!({
            "id": "0123", "url": "https://example.org/a", "source": "a.html",
            "title": "T, quoted \"here\"", "author": null, "published": "2020-01-02",
            "modified": null, "language": "en", "language_confidence": 0.5, "site_name": null,
            "description": null, "image": null, "tags": ["x", "y"], "text": "Body\ntext.",
            "markdown": null, "word_count": 2, "page_type": "listing", "confidence": 0.25,
            "seq": 3, "schema_version": crate::record::SCHEMA_VERSION
        }))
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let mut sink = CsvSink::create(&path).unwrap();
        sink.write(&record).unwrap();
        sink.finish().unwrap();
        let mut rd = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_owned).collect();
        let row = rd.records().next().unwrap().unwrap();
        let cell = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        // Every field of the JSON record that is a string, number or list of strings has a
        // column (the structured extras `removed`, `fetch` and the optional `markdown` do not).
        let json = serde_json::to_value(&record).unwrap();
        for (key, value) in json.as_object().unwrap() {
            if matches!(
                key.as_str(),
                "markdown" | "removed" | "fetch" | "schema_version"
            ) {
                continue;
            }
            assert!(header.contains(key), "no CSV column for {key} ({value})");
        }
        assert_eq!(cell("title"), "T, quoted \"here\"");
        assert_eq!(cell("tags"), "x; y");
        assert_eq!(cell("page_type"), "listing");
        assert_eq!(cell("confidence"), "0.25");
        assert_eq!(cell("text"), "Body\ntext.");
        assert_eq!(header.last().map(String::as_str), Some("text"));
    }

    #[test]
    fn format_follows_the_extension() {
        let f = |p: &str| OutputFormat::from_path(Path::new(p)).unwrap();
        assert_eq!(f("a.jsonl"), OutputFormat::Jsonl(Compression::None));
        assert_eq!(f("a.JSONL.GZ"), OutputFormat::Jsonl(Compression::Gzip));
        assert_eq!(f("dir/a.jsonl.zst"), OutputFormat::Jsonl(Compression::Zstd));
        assert_eq!(f("a.ndjson"), OutputFormat::Jsonl(Compression::None));
        assert_eq!(f("a.parquet"), OutputFormat::Parquet);
        assert_eq!(f("a.csv"), OutputFormat::Csv);
        assert_eq!(f("-"), OutputFormat::Jsonl(Compression::None));
        assert_eq!(f("/dev/null"), OutputFormat::Jsonl(Compression::None));
        for unknown in ["a.json", "a.xml", "a.csv.gz", "a.gz", "out/", "a"] {
            let err = OutputFormat::from_path(Path::new(unknown)).unwrap_err();
            assert!(err.contains("unknown output format"), "{unknown}: {err}");
        }
        assert!(
            OutputFormat::from_path(Path::new("out/"))
                .unwrap_err()
                .contains("--format md")
        );
        assert!(OutputFormat::resolve(Path::new("-"), Some(OutputFormat::Markdown)).is_err());
    }

    #[test]
    fn part_names_are_numbered_after_the_stem() {
        assert_eq!(
            RecordSink::part_path(Path::new("out/a.jsonl.gz"), 7),
            Path::new("out/a-00007.jsonl.gz")
        );
    }
}
