//! Arrow batches in, Arrow batches out: one output row per input row, in order.
//!
//! Output columns, in order: the record's fields as in the JSONL contract (`id`, `url`,
//! `source`, `title`, `author`, `published`, `modified`, `language`, `language_confidence`,
//! `site_name`, `description`, `image`, `tags`, `text`, [`markdown`], `word_count`,
//! `page_type`, `confidence`,
//! [`removed`], `fetch`, `seq`, `schema_version`), then `reject_stage`, `reject_reason`, then
//! `input_id` when the input has an `id` column. All columns are nullable (Spark's default),
//! and integers are signed (`word_count`, `seq`: int64; `schema_version`: int32) because Spark
//! has no unsigned types. `fetch` is the JSON object as a string, as in the CLI's Parquet
//! output; pages given to `clean_batch` were not fetched by copydesk, so it is null.

use std::sync::Arc;

use arrow_array::builder::{
    Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder, StructBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use copydesk::filter::DedupIndex;
use copydesk::{InputFormat, Limits, Processor, Record, SCHEMA_VERSION};
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

fn string_list() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

fn removed_fields() -> Fields {
    Fields::from(vec![
        Field::new("rule", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, true),
    ])
}

fn removed_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(removed_fields()), true))
}

impl OutputLayout {
    /// The output schema for inputs of `input`.
    pub fn schema(&self, input: &Schema, columns: &InputColumns) -> SchemaRef {
        let text = |name: &str| Field::new(name, DataType::Utf8, true);
        let mut fields = vec![
            text("id"),
            text("url"),
            text("source"),
            text("title"),
            text("author"),
            text("published"),
            text("modified"),
            text("language"),
            Field::new("language_confidence", DataType::Float64, true),
            text("site_name"),
            text("description"),
            text("image"),
            Field::new("tags", string_list(), true),
            text("text"),
        ];
        if self.markdown {
            fields.push(text("markdown"));
        }
        fields.push(Field::new("word_count", DataType::Int64, true));
        fields.push(text("page_type"));
        fields.push(Field::new("confidence", DataType::Float64, true));
        if self.keep_removed {
            fields.push(Field::new("removed", DataType::List(removed_item()), true));
        }
        fields.push(text("fetch"));
        fields.push(Field::new("seq", DataType::Int64, true));
        fields.push(Field::new("schema_version", DataType::Int32, true));
        fields.push(text("reject_stage"));
        fields.push(text("reject_reason"));
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

/// Builders for the output columns.
struct Columns {
    strings: [StringBuilder; 11], // id .. language, then site_name .. image
    language_confidence: Float64Builder,
    tags: ListBuilder<StringBuilder>,
    text: StringBuilder,
    markdown: Option<StringBuilder>,
    word_count: Int64Builder,
    page_type: StringBuilder,
    confidence: Float64Builder,
    removed: Option<ListBuilder<StructBuilder>>,
    fetch: StringBuilder,
    seq: Int64Builder,
    schema_version: Int32Builder,
    reject_stage: StringBuilder,
    reject_reason: StringBuilder,
}

impl Columns {
    fn new(layout: &OutputLayout, rows: usize, html_bytes: usize) -> Self {
        let small = || StringBuilder::with_capacity(rows, rows * 32);
        Self {
            strings: std::array::from_fn(|_| small()),
            language_confidence: Float64Builder::with_capacity(rows),
            tags: ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new(
                "item",
                DataType::Utf8,
                true,
            ))),
            text: StringBuilder::with_capacity(rows, html_bytes / 4),
            markdown: layout
                .markdown
                .then(|| StringBuilder::with_capacity(rows, html_bytes / 4)),
            word_count: Int64Builder::with_capacity(rows),
            page_type: StringBuilder::with_capacity(rows, rows * 8),
            confidence: Float64Builder::with_capacity(rows),
            removed: layout.keep_removed.then(|| {
                ListBuilder::new(StructBuilder::from_fields(removed_fields(), 0))
                    .with_field(removed_item())
            }),
            fetch: StringBuilder::with_capacity(rows, 0),
            seq: Int64Builder::with_capacity(rows),
            schema_version: Int32Builder::with_capacity(rows),
            reject_stage: StringBuilder::with_capacity(rows, 0),
            reject_reason: StringBuilder::with_capacity(rows, 0),
        }
    }

    fn push_record(&mut self, r: &Record) {
        let values = [
            Some(r.id.as_str()),
            r.url.as_deref(),
            Some(r.source.as_str()),
            r.title.as_deref(),
            r.author.as_deref(),
            r.published.as_deref(),
            r.modified.as_deref(),
            r.language.as_deref(),
            r.site_name.as_deref(),
            r.description.as_deref(),
            r.image.as_deref(),
        ];
        for (b, v) in self.strings.iter_mut().zip(values) {
            b.append_option(v);
        }
        self.language_confidence
            .append_option(r.language_confidence);
        for tag in &r.tags {
            self.tags.values().append_value(tag);
        }
        self.tags.append(true);
        self.text.append_value(&r.text);
        if let Some(md) = &mut self.markdown {
            md.append_option(r.markdown.as_deref());
        }
        self.word_count
            .append_value(i64::try_from(r.word_count).unwrap_or(i64::MAX));
        self.page_type.append_value(r.page_type.as_str());
        self.confidence.append_value(r.confidence);
        if let Some(removed) = &mut self.removed {
            for item in r.removed.iter().flatten() {
                let s = removed.values();
                s.field_builder::<StringBuilder>(0)
                    .expect("rule column")
                    .append_value(&item.rule);
                s.field_builder::<StringBuilder>(1)
                    .expect("text column")
                    .append_value(&item.text);
                s.append(true);
            }
            removed.append(true);
        }
        self.fetch.append_option(
            r.fetch
                .as_ref()
                .map(|f| serde_json::to_string(f).expect("fetch info always serializes")),
        );
        self.seq
            .append_value(i64::try_from(r.seq).unwrap_or(i64::MAX));
        self.schema_version
            .append_value(i32::try_from(r.schema_version).unwrap_or(i32::MAX));
        self.reject_stage.append_null();
        self.reject_reason.append_null();
    }

    fn push_reject(&mut self, seq: u64, url: Option<&str>, source: &str, reject: &RejectInfo) {
        for (i, b) in self.strings.iter_mut().enumerate() {
            match i {
                1 => b.append_option(url),
                2 => b.append_value(source),
                _ => b.append_null(),
            }
        }
        self.language_confidence.append_null();
        self.tags.append_null();
        self.text.append_null();
        if let Some(md) = &mut self.markdown {
            md.append_null();
        }
        self.word_count.append_null();
        self.page_type.append_null();
        self.confidence.append_null();
        if let Some(removed) = &mut self.removed {
            removed.append_null();
        }
        self.fetch.append_null();
        self.seq
            .append_value(i64::try_from(seq).unwrap_or(i64::MAX));
        self.schema_version
            .append_value(i32::try_from(SCHEMA_VERSION).unwrap_or(i32::MAX));
        self.reject_stage.append_value(&reject.stage);
        self.reject_reason.append_value(&reject.reason);
    }

    fn finish(mut self) -> Vec<ArrayRef> {
        let mut out: Vec<ArrayRef> = self
            .strings
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .collect();
        // After `language`, as in the record.
        out.insert(8, Arc::new(self.language_confidence.finish()));
        out.push(Arc::new(self.tags.finish()));
        out.push(Arc::new(self.text.finish()));
        if let Some(mut md) = self.markdown {
            out.push(Arc::new(md.finish()));
        }
        out.push(Arc::new(self.word_count.finish()));
        out.push(Arc::new(self.page_type.finish()));
        out.push(Arc::new(self.confidence.finish()));
        if let Some(mut removed) = self.removed {
            out.push(Arc::new(removed.finish()));
        }
        out.push(Arc::new(self.fetch.finish()));
        out.push(Arc::new(self.seq.finish()));
        out.push(Arc::new(self.schema_version.finish()));
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
