//! Writers: JSON Lines (plain, gzip or zstd) and Parquet, to a file or stdout, with optional
//! rotation into files of N records.
//!
//! The output's format is chosen by its extension ([`OutputFormat::from_path`]): `*.jsonl.gz`
//! is gzip'd JSON Lines, `*.jsonl.zst` zstd'd, `*.parquet` Parquet (zstd-compressed columns,
//! same fields as the JSON record), anything else plain JSON Lines; `-` is stdout.
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
}

impl OutputFormat {
    /// By extension: `.gz` and `.zst` compress JSON Lines, `.parquet` is Parquet, anything
    /// else (and `-`) is plain JSON Lines.
    pub fn from_path(path: &Path) -> Self {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".parquet") {
            Self::Parquet
        } else if name.ends_with(".gz") {
            Self::Jsonl(Compression::Gzip)
        } else if name.ends_with(".zst") {
            Self::Jsonl(Compression::Zstd)
        } else {
            Self::Jsonl(Compression::None)
        }
    }

    /// Whether this build can write the format (Parquet needs the `parquet` feature).
    pub fn is_supported(self) -> bool {
        cfg!(feature = "parquet") || self != Self::Parquet
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
        let target = match OutputFormat::from_path(path) {
            OutputFormat::Jsonl(Compression::Gzip) => {
                Target::Gzip(GzEncoder::new(file, flate2::Compression::default()))
            }
            OutputFormat::Jsonl(Compression::Zstd) => {
                Target::Zstd(zstd::Encoder::new(file, ZSTD_LEVEL).map_err(|source| {
                    Error::Output {
                        path: path.to_path_buf(),
                        source,
                    }
                })?)
            }
            OutputFormat::Jsonl(Compression::None) | OutputFormat::Parquet => {
                Target::Plain(Box::new(file))
            }
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
}

impl Part {
    fn create(path: &Path) -> Result<Self, Error> {
        match OutputFormat::from_path(path) {
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
        }
    }

    fn write(&mut self, record: &Record) -> Result<(), Error> {
        match self {
            Self::Jsonl(sink) => sink.write(record),
            #[cfg(feature = "parquet")]
            Self::Parquet(sink) => sink.write(record),
        }
    }

    fn finish(self) -> Result<(), Error> {
        match self {
            Self::Jsonl(sink) => sink.finish(),
            #[cfg(feature = "parquet")]
            Self::Parquet(sink) => sink.finish(),
        }
    }
}

/// The records output: one file, or a numbered series of files of at most N records each.
///
/// With rotation, `out/articles.jsonl.zst` becomes `out/articles-00000.jsonl.zst`,
/// `out/articles-00001.jsonl.zst`, ... (each a complete, independently readable file); a new
/// file is opened only when a record needs it, so no empty trailing file is left.
pub struct RecordSink {
    path: PathBuf,
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
        let rotate_records = rotate_records.filter(|&n| n > 0 && path.as_os_str() != "-");
        let mut sink = Self {
            path: path.to_path_buf(),
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
        self.current = Some(Part::create(&path)?);
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

    use arrow_array::builder::{
        ListBuilder, StringBuilder, StructBuilder, UInt32Builder, UInt64Builder,
    };
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;

    use crate::error::Error;
    use crate::record::Record;

    /// Records buffered before they become one Arrow batch: bounds memory to a few MB.
    const BATCH_ROWS: usize = 1024;
    /// Largest row group, in rows: readers parallelise and skip by row group.
    const ROW_GROUP_ROWS: usize = 16 * 1024;
    /// Largest row group, in encoded bytes: the writer holds one row group in memory.
    const ROW_GROUP_BYTES: usize = 64 << 20;

    fn removed_fields() -> Fields {
        Fields::from(vec![
            Field::new("rule", DataType::Utf8, false),
            Field::new("text", DataType::Utf8, false),
        ])
    }

    /// The Arrow schema of [`Record`]: same field names and order as the JSON record.
    pub(super) static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
        Arc::new(Schema::new(vec![
            text("id", false),
            text("url", true),
            text("source", false),
            text("title", true),
            text("author", true),
            text("published", true),
            text("modified", true),
            text("language", true),
            Field::new("language_confidence", DataType::Float64, true),
            text("site_name", true),
            text("description", true),
            text("image", true),
            Field::new(
                "tags",
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                false,
            ),
            text("text", false),
            text("markdown", true),
            Field::new("word_count", DataType::UInt64, false),
            text("page_type", false),
            Field::new("confidence", DataType::Float64, false),
            Field::new(
                "removed",
                DataType::List(Arc::new(Field::new(
                    "item",
                    DataType::Struct(removed_fields()),
                    true,
                ))),
                true,
            ),
            // How the page was fetched, as the JSON object the JSONL record carries.
            text("fetch", true),
            Field::new("seq", DataType::UInt64, false),
            Field::new("schema_version", DataType::UInt32, false),
        ]))
    });

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

    /// Column builders for one batch.
    pub(super) fn to_batch(records: &[Record]) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let n = records.len();
        let strings = |get: &dyn Fn(&Record) -> Option<&str>| -> ArrayRef {
            let mut b = StringBuilder::with_capacity(n, n * 16);
            for r in records {
                b.append_option(get(r));
            }
            Arc::new(b.finish())
        };
        let mut tags = ListBuilder::new(StringBuilder::new());
        let mut removed = ListBuilder::new(StructBuilder::new(
            removed_fields(),
            vec![
                Box::new(StringBuilder::new()),
                Box::new(StringBuilder::new()),
            ],
        ));
        let mut word_count = UInt64Builder::with_capacity(n);
        let mut seq = UInt64Builder::with_capacity(n);
        let mut schema_version = UInt32Builder::with_capacity(n);
        for r in records {
            for tag in &r.tags {
                tags.values().append_value(tag);
            }
            tags.append(true);
            match &r.removed {
                Some(items) => {
                    let entries = removed.values();
                    for item in items {
                        entries
                            .field_builder::<StringBuilder>(0)
                            .expect("rule column is a string builder")
                            .append_value(&item.rule);
                        entries
                            .field_builder::<StringBuilder>(1)
                            .expect("text column is a string builder")
                            .append_value(&item.text);
                        entries.append(true);
                    }
                    removed.append(true);
                }
                None => removed.append(false),
            }
            word_count.append_value(r.word_count as u64);
            seq.append_value(r.seq);
            schema_version.append_value(r.schema_version);
        }
        let columns: Vec<ArrayRef> = vec![
            strings(&|r| Some(&r.id)),
            strings(&|r| r.url.as_deref()),
            strings(&|r| Some(&r.source)),
            strings(&|r| r.title.as_deref()),
            strings(&|r| r.author.as_deref()),
            strings(&|r| r.published.as_deref()),
            strings(&|r| r.modified.as_deref()),
            strings(&|r| r.language.as_deref()),
            Arc::new(
                records
                    .iter()
                    .map(|r| r.language_confidence)
                    .collect::<arrow_array::Float64Array>(),
            ),
            strings(&|r| r.site_name.as_deref()),
            strings(&|r| r.description.as_deref()),
            strings(&|r| r.image.as_deref()),
            Arc::new(tags.finish()),
            strings(&|r| Some(&r.text)),
            strings(&|r| r.markdown.as_deref()),
            Arc::new(word_count.finish()),
            strings(&|r| Some(r.page_type.as_str())),
            Arc::new(
                records
                    .iter()
                    .map(|r| r.confidence)
                    .collect::<arrow_array::Float64Array>(),
            ),
            Arc::new(removed.finish()),
            {
                let fetch: Vec<Option<String>> = records
                    .iter()
                    .map(|r| r.fetch.as_ref().and_then(|f| serde_json::to_string(f).ok()))
                    .collect();
                Arc::new(arrow_array::StringArray::from(fetch))
            },
            Arc::new(seq.finish()),
            Arc::new(schema_version.finish()),
        ];
        RecordBatch::try_new(SCHEMA.clone(), columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_the_extension() {
        let f = |p: &str| OutputFormat::from_path(Path::new(p));
        assert_eq!(f("a.jsonl"), OutputFormat::Jsonl(Compression::None));
        assert_eq!(f("a.JSONL.GZ"), OutputFormat::Jsonl(Compression::Gzip));
        assert_eq!(f("dir/a.jsonl.zst"), OutputFormat::Jsonl(Compression::Zstd));
        assert_eq!(f("a.parquet"), OutputFormat::Parquet);
        assert_eq!(f("-"), OutputFormat::Jsonl(Compression::None));
    }

    #[test]
    fn part_names_are_numbered_after_the_stem() {
        assert_eq!(
            RecordSink::part_path(Path::new("out/a.jsonl.gz"), 7),
            Path::new("out/a-00007.jsonl.gz")
        );
    }
}
