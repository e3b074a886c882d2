//! [`Record`] as Arrow columns: the one schema both the Parquet writer and the Python package
//! use (feature `arrow`; no I/O).
//!
//! Columns have the record's field names, in its serialization order. Integers are signed
//! (`word_count`, `seq`: int64; `schema_version`: int32) because Spark has no unsigned types.
//! `fetch` is the JSON object as a string. `markdown` and `removed` are present only when the
//! table was asked for them.

use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_array::builder::{
    Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder, StructBuilder,
};
use arrow_schema::{DataType, Field, Fields};

use super::{Record, SCHEMA_VERSION};

/// Which columns a table of records has, and whether its rows may lack a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordColumns {
    /// The `markdown` column.
    pub markdown: bool,
    /// The `removed` column.
    pub removed: bool,
    /// Rows may stand for inputs that gave no record (see [`RecordBuilder::append_missing`]):
    /// every column is then nullable.
    pub missing_rows: bool,
}

fn removed_fields() -> Fields {
    Fields::from(vec![
        Field::new("rule", DataType::Utf8, false),
        Field::new("text", DataType::Utf8, false),
    ])
}

fn removed_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(removed_fields()), true))
}

fn tag_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, true))
}

/// Strings before `language_confidence` and between it and `tags`, in record order.
const LEADING_STRINGS: [&str; 8] = [
    "id",
    "url",
    "source",
    "title",
    "author",
    "published",
    "modified",
    "language",
];
const MIDDLE_STRINGS: [&str; 3] = ["site_name", "description", "image"];

/// The Arrow fields of [`Record`], in the record's field order.
pub fn record_fields(columns: RecordColumns) -> Vec<Field> {
    // A field the record always has is non-null unless rows may lack a record.
    let field = |name: &str, data_type: DataType, always: bool| {
        Field::new(name, data_type, columns.missing_rows || !always)
    };
    let text = |name: &str, always: bool| field(name, DataType::Utf8, always);
    let always = |name: &str| matches!(name, "id" | "source");
    let mut fields: Vec<Field> = LEADING_STRINGS
        .iter()
        .map(|name| text(name, always(name)))
        .collect();
    fields.push(field("language_confidence", DataType::Float64, false));
    fields.extend(MIDDLE_STRINGS.iter().map(|name| text(name, false)));
    fields.push(field("tags", DataType::List(tag_item()), true));
    fields.push(text("text", true));
    if columns.markdown {
        fields.push(text("markdown", false));
    }
    fields.push(field("word_count", DataType::Int64, true));
    fields.push(text("page_type", true));
    fields.push(field("confidence", DataType::Float64, true));
    if columns.removed {
        fields.push(field("removed", DataType::List(removed_item()), false));
    }
    fields.push(text("fetch", false));
    fields.push(field("seq", DataType::Int64, true));
    fields.push(field("schema_version", DataType::Int32, true));
    fields
}

/// Builds the columns of [`record_fields`], a row at a time.
pub struct RecordBuilder {
    leading: [StringBuilder; 8],
    language_confidence: Float64Builder,
    middle: [StringBuilder; 3],
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
}

/// A count as int64 (saturating; no count comes near it).
fn int64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl RecordBuilder {
    /// Builders for about `rows` rows whose texts take about `text_bytes` bytes.
    pub fn new(columns: RecordColumns, rows: usize, text_bytes: usize) -> Self {
        let small = || StringBuilder::with_capacity(rows, rows * 32);
        Self {
            leading: std::array::from_fn(|_| small()),
            language_confidence: Float64Builder::with_capacity(rows),
            middle: std::array::from_fn(|_| small()),
            tags: ListBuilder::new(StringBuilder::new()).with_field(tag_item()),
            text: StringBuilder::with_capacity(rows, text_bytes),
            markdown: columns
                .markdown
                .then(|| StringBuilder::with_capacity(rows, text_bytes)),
            word_count: Int64Builder::with_capacity(rows),
            page_type: StringBuilder::with_capacity(rows, rows * 8),
            confidence: Float64Builder::with_capacity(rows),
            removed: columns.removed.then(|| {
                ListBuilder::new(StructBuilder::from_fields(removed_fields(), 0))
                    .with_field(removed_item())
            }),
            fetch: StringBuilder::with_capacity(rows, 0),
            seq: Int64Builder::with_capacity(rows),
            schema_version: Int32Builder::with_capacity(rows),
        }
    }

    /// Appends a record as one row.
    pub fn append(&mut self, r: &Record) {
        let leading = [
            Some(r.id.as_str()),
            r.url.as_deref(),
            Some(r.source.as_str()),
            r.title.as_deref(),
            r.author.as_deref(),
            r.published.as_deref(),
            r.modified.as_deref(),
            r.language.as_deref(),
        ];
        for (b, v) in self.leading.iter_mut().zip(leading) {
            b.append_option(v);
        }
        self.language_confidence
            .append_option(r.language_confidence);
        let middle = [
            r.site_name.as_deref(),
            r.description.as_deref(),
            r.image.as_deref(),
        ];
        for (b, v) in self.middle.iter_mut().zip(middle) {
            b.append_option(v);
        }
        for tag in &r.tags {
            self.tags.values().append_value(tag);
        }
        self.tags.append(true);
        self.text.append_value(&r.text);
        if let Some(md) = &mut self.markdown {
            md.append_option(r.markdown.as_deref());
        }
        self.word_count.append_value(int64(r.word_count as u64));
        self.page_type.append_value(r.page_type.as_str());
        self.confidence.append_value(r.confidence);
        if let Some(removed) = &mut self.removed {
            match &r.removed {
                Some(items) => {
                    for item in items {
                        let s = removed.values();
                        s.field_builder::<StringBuilder>(0)
                            .expect("rule column is a string builder")
                            .append_value(&item.rule);
                        s.field_builder::<StringBuilder>(1)
                            .expect("text column is a string builder")
                            .append_value(&item.text);
                        s.append(true);
                    }
                    removed.append(true);
                }
                None => removed.append(false),
            }
        }
        self.fetch.append_option(
            r.fetch
                .as_ref()
                .map(|f| serde_json::to_string(f).expect("fetch info always serializes")),
        );
        self.seq.append_value(int64(r.seq));
        self.schema_version
            .append_value(i32::try_from(r.schema_version).unwrap_or(i32::MAX));
    }

    /// Appends a row for an input that gave no record: its `url`, `source`, `seq` and
    /// `schema_version`, every other column null (only for [`RecordColumns::missing_rows`]).
    pub fn append_missing(&mut self, seq: u64, url: Option<&str>, source: &str) {
        for (i, b) in self.leading.iter_mut().enumerate() {
            match i {
                1 => b.append_option(url),
                2 => b.append_value(source),
                _ => b.append_null(),
            }
        }
        self.language_confidence.append_null();
        for b in &mut self.middle {
            b.append_null();
        }
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
        self.seq.append_value(int64(seq));
        self.schema_version
            .append_value(i32::try_from(SCHEMA_VERSION).unwrap_or(i32::MAX));
    }

    /// The columns, in the order of [`record_fields`].
    pub fn finish(mut self) -> Vec<ArrayRef> {
        let mut out: Vec<ArrayRef> = Vec::new();
        for b in &mut self.leading {
            out.push(Arc::new(b.finish()));
        }
        out.push(Arc::new(self.language_confidence.finish()));
        for b in &mut self.middle {
            out.push(Arc::new(b.finish()));
        }
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
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::RecordBatch;
    use arrow_schema::Schema;

    fn record() -> Record {
        serde_json::from_value(serde_json::json!({
            "id": "0123", "url": "https://example.org/a", "source": "a.html",
            "title": "T", "author": null, "published": null, "modified": null,
            "language": "en", "language_confidence": 0.5, "site_name": null,
            "description": null, "image": null, "tags": ["x"], "text": "Body text.",
            "markdown": "Body text.", "word_count": 2, "page_type": "article",
            "confidence": 0.9, "removed": [{"rule": "read_more", "text": "More"}],
            "seq": 3, "schema_version": SCHEMA_VERSION
        }))
        .unwrap()
    }

    #[test]
    fn columns_match_the_fields_and_the_record_order() {
        for missing_rows in [false, true] {
            for (markdown, removed) in [(false, false), (true, true), (true, false)] {
                let columns = RecordColumns {
                    markdown,
                    removed,
                    missing_rows,
                };
                let mut b = RecordBuilder::new(columns, 2, 64);
                b.append(&record());
                if missing_rows {
                    b.append_missing(4, None, "b.html");
                }
                let schema = Arc::new(Schema::new(record_fields(columns)));
                let batch = RecordBatch::try_new(schema, b.finish()).unwrap();
                // The columns the record serializes appear in its serialization order.
                let json = serde_json::to_string(&record()).unwrap();
                let at: Vec<usize> = batch
                    .schema_ref()
                    .fields()
                    .iter()
                    .filter_map(|f| json.find(&format!("\"{}\":", f.name())))
                    .collect();
                assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
                // Every column but `fetch` (omitted when absent) is in the record.
                assert_eq!(at.len(), batch.num_columns() - 1);
            }
        }
    }
}
