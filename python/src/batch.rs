//! Arrow batches in, Arrow batches out: one output row per input row, in order.
//!
//! Output columns, in order: the record's columns ([`copydesk::record::arrow`], the schema the
//! CLI's Parquet output has too: the JSONL record's fields in order, `markdown` and `removed`
//! when configured, `fetch` as a JSON string), then `reject_stage`, `reject_reason`, then
//! `input_id` when the input has an `id` column. All columns are nullable (Spark's default;
//! a reject row has no record), and integers are signed (`word_count`, `seq`: int64;
//! `schema_version`: int32) because Spark has no unsigned types. Pages given to `clean_batch`
//! were not fetched by copydesk, so `fetch` is null.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use copydesk::filter::DedupIndex;
use copydesk::record::arrow::{RecordBuilder, RecordColumns, record_fields};
use copydesk::{InputFormat, Limits, Processor, Record};
use url::Url;

use crate::page::{self, Cell, RejectInfo, RowInput, clean_one};

/// Which optional record columns this pipeline writes.
#[derive(Debug, Clone, Copy)]
pub struct OutputLayout {
    pub markdown: bool,
    pub keep_removed: bool,
}

/// Positions of the columns `clean_batch` reads.
#[derive(Debug, Clone, Copy)]
pub struct InputColumns {
    html: usize,
    url: Option<usize>,
    source: Option<usize>,
    id: Option<usize>,
}

const STRING_TYPES: &str = "string, large_string or string_view";

impl InputColumns {
    /// Finds `html` (required), `url`, `source` and `id`, checking their types.
    ///
    /// # Errors
    /// A message naming the missing column or the unsupported type.
    pub fn locate(schema: &Schema) -> Result<Self, String> {
        let find = |name: &str| schema.index_of(name).ok();
        let Some(html) = find("html") else {
            let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            return Err(format!(
                "clean_batch: the input has no `html` column (columns: {})",
                names.join(", ")
            ));
        };
        check_type(schema, html, true)?;
        let url = find("url");
        let source = find("source");
        for i in url.iter().chain(source.iter()) {
            check_type(schema, *i, false)?;
        }
        Ok(Self {
            html,
            url,
            source,
            id: find("id"),
        })
    }
}

fn check_type(schema: &Schema, i: usize, binary_ok: bool) -> Result<(), String> {
    let field = schema.field(i);
    let ok = match field.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => true,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => binary_ok,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        let expected = if binary_ok {
            format!("{STRING_TYPES}, or binary")
        } else {
            STRING_TYPES.to_string()
        };
        Err(format!(
            "clean_batch: column `{}` has type {}, expected {expected}",
            field.name(),
            field.data_type()
        ))
    }
}

impl OutputLayout {
    /// The record columns this layout writes; every row may be a reject.
    fn record_columns(&self) -> RecordColumns {
        RecordColumns {
            markdown: self.markdown,
            removed: self.keep_removed,
            missing_rows: true,
        }
    }

    /// The output schema for inputs of `input`.
    pub fn schema(&self, input: &Schema, columns: &InputColumns) -> SchemaRef {
        let mut fields = record_fields(self.record_columns());
        fields.push(Field::new("reject_stage", DataType::Utf8, true));
        fields.push(Field::new("reject_reason", DataType::Utf8, true));
        if let Some(id) = columns.id {
            let id_field = input.field(id);
            fields.push(Field::new("input_id", id_field.data_type().clone(), true));
        }
        Arc::new(Schema::new(fields))
    }
}

/// Cleans every row of every batch, in order, through `dedup` (a later copy of a kept text is
/// a duplicate reject); `seq` counts rows across the batches from 0.
///
/// # Errors
/// Only when the output cannot be assembled (a bug, or a batch whose schema changed midway).
#[allow(clippy::too_many_arguments)]
pub fn clean_batches(
    processor: &Processor,
    dedup: &mut DedupIndex,
    limits: &Limits,
    layout: &OutputLayout,
    format: InputFormat,
    columns: &InputColumns,
    schema: &SchemaRef,
    batches: &[RecordBatch],
) -> Result<Vec<RecordBatch>, String> {
    let mut seq = 0;
    batches
        .iter()
        .map(|batch| {
            let out = clean_batch(
                processor, dedup, limits, layout, format, columns, schema, batch, seq,
            );
            seq += batch.num_rows() as u64;
            out
        })
        .collect()
}

/// A string-or-binary column, borrowed.
enum TextColumn<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    Binary(&'a arrow_array::BinaryArray),
    LargeBinary(&'a arrow_array::LargeBinaryArray),
    BinaryView(&'a arrow_array::BinaryViewArray),
    Null,
}

impl<'a> TextColumn<'a> {
    fn new(array: &'a ArrayRef) -> Self {
        match array.data_type() {
            DataType::Utf8 => Self::Utf8(array.as_string()),
            DataType::LargeUtf8 => Self::LargeUtf8(array.as_string()),
            DataType::Utf8View => Self::Utf8View(array.as_string_view()),
            DataType::Binary => Self::Binary(array.as_binary()),
            DataType::LargeBinary => Self::LargeBinary(array.as_binary()),
            DataType::BinaryView => Self::BinaryView(array.as_binary_view()),
            _ => Self::Null,
        }
    }

    fn get(&self, i: usize) -> Cell<'a> {
        fn str_cell<'a>(a: &'a impl Array, i: usize, v: impl FnOnce() -> &'a str) -> Cell<'a> {
            if a.is_null(i) {
                Cell::Null
            } else {
                Cell::Str(v())
            }
        }
        fn bin_cell<'a>(a: &'a impl Array, i: usize, v: impl FnOnce() -> &'a [u8]) -> Cell<'a> {
            if a.is_null(i) {
                Cell::Null
            } else {
                Cell::Bytes(v())
            }
        }
        match self {
            Self::Utf8(a) => str_cell(*a, i, || a.value(i)),
            Self::LargeUtf8(a) => str_cell(*a, i, || a.value(i)),
            Self::Utf8View(a) => str_cell(*a, i, || a.value(i)),
            Self::Binary(a) => bin_cell(*a, i, || a.value(i)),
            Self::LargeBinary(a) => bin_cell(*a, i, || a.value(i)),
            Self::BinaryView(a) => bin_cell(*a, i, || a.value(i)),
            Self::Null => Cell::Null,
        }
    }

    fn get_str(&self, i: usize) -> Option<&'a str> {
        match self.get(i) {
            Cell::Str(s) => Some(s),
            Cell::Bytes(_) | Cell::Null => None,
        }
    }
}

/// Builders for the output columns: the record's, then the reject's.
struct Columns {
    record: RecordBuilder,
    reject_stage: StringBuilder,
    reject_reason: StringBuilder,
}

impl Columns {
    fn new(layout: &OutputLayout, rows: usize, html_bytes: usize) -> Self {
        Self {
            record: RecordBuilder::new(layout.record_columns(), rows, html_bytes / 4),
            reject_stage: StringBuilder::with_capacity(rows, 0),
            reject_reason: StringBuilder::with_capacity(rows, 0),
        }
    }

    fn push_record(&mut self, r: &Record) {
        self.record.append(r);
        self.reject_stage.append_null();
        self.reject_reason.append_null();
    }

    fn push_reject(&mut self, seq: u64, url: Option<&str>, source: &str, reject: &RejectInfo) {
        self.record.append_missing(seq, url, source);
        self.reject_stage.append_value(&reject.stage);
        self.reject_reason.append_value(&reject.reason);
    }

    fn finish(mut self) -> Vec<ArrayRef> {
        let mut out = self.record.finish();
        out.push(Arc::new(self.reject_stage.finish()));
        out.push(Arc::new(self.reject_reason.finish()));
        out
    }
}

#[allow(clippy::too_many_arguments)]
fn clean_batch(
    processor: &Processor,
    dedup: &mut DedupIndex,
    limits: &Limits,
    layout: &OutputLayout,
    format: InputFormat,
    columns: &InputColumns,
    schema: &SchemaRef,
    batch: &RecordBatch,
    first_seq: u64,
) -> Result<RecordBatch, String> {
    let rows = batch.num_rows();
    let html_array = batch.column(columns.html);
    let html = TextColumn::new(html_array);
    let url_col = columns.url.map(|i| batch.column(i));
    let url = url_col.map(TextColumn::new);
    let source_col = columns.source.map(|i| batch.column(i));
    let source = source_col.map(TextColumn::new);
    // Size hint from this batch's own values: a slice of a larger array (Ray and Spark hand
    // out zero-copy slices) still points at the whole buffer.
    let html_bytes: usize = (0..rows)
        .map(|i| match html.get(i) {
            Cell::Str(s) => s.len(),
            Cell::Bytes(b) => b.len(),
            Cell::Null => 0,
        })
        .sum();
    let mut out = Columns::new(layout, rows, html_bytes);
    for i in 0..rows {
        let seq = first_seq + i as u64;
        let url_str = url
            .as_ref()
            .and_then(|c| c.get_str(i))
            .filter(|u| !u.is_empty());
        let source_str = source
            .as_ref()
            .and_then(|c| c.get_str(i))
            .or(url_str)
            .unwrap_or_default();
        let row = RowInput {
            seq,
            format,
            source: source_str.to_string(),
            url: url_str
                .map(|u| Url::parse(u).map_err(|e| format!("invalid url {u:?}: {e}")))
                .transpose(),
            content: html.get(i),
        };
        match page::dedup(dedup, clean_one(processor, limits, row)) {
            Ok(record) => out.push_record(&record),
            Err(reject) => out.push_reject(seq, url_str, source_str, &reject),
        }
    }
    let mut arrays = out.finish();
    if let Some(id) = columns.id {
        arrays.push(batch.column(id).clone());
    }
    RecordBatch::try_new(schema.clone(), arrays)
        .map_err(|e| format!("clean_batch: cannot build the output: {e}"))
}
