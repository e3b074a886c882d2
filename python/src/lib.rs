//! Python bindings for copydesk: the same [`copydesk::Processor`] the CLI runs, called one page
//! at a time (`Pipeline.clean_html`) or over Arrow batches (`Pipeline.clean_batch`).
//!
//! Only this crate knows about Python and Arrow; the core stays untouched. The GIL is released
//! while Rust cleans pages, and batches cross the boundary as Arrow arrays (C data interface
//! through pyo3-arrow), never as per-row Python objects.

mod batch;
mod page;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use copydesk::filter::DedupIndex;
use copydesk::{Limits, PipelineConfig, Processor};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::{PySchema, PyTable};

use crate::batch::{OutputLayout, clean_batches};
use crate::page::{RowInput, clean_one};

pyo3::create_exception!(
    copydesk,
    ConfigError,
    PyValueError,
    "The pipeline configuration is invalid; the message names the line or key path."
);

/// Name used for inline config text in error messages.
const INLINE_CONFIG: &str = "<config>";

/// A compiled cleaning pipeline (extraction rules, filters, normalization).
///
/// Build it once and reuse it: compiling the rules is the expensive part. It is immutable and
/// safe to share between threads.
#[pyclass(frozen, module = "copydesk")]
struct Pipeline {
    processor: Processor,
    limits: Limits,
    layout: OutputLayout,
    /// Texts kept so far by this object (`[filter.dedup]`): across calls, as in one CLI run.
    dedup: Mutex<DedupIndex>,
}

#[pymethods]
impl Pipeline {
    /// `Pipeline(config_toml=None, *, base_dir=None)`: compile a pipeline from pipeline.toml
    /// text (the `[extract]`, `[filter]`, `[output]` and `[limits]` tables are used;
    /// `[source]` is ignored). `None` uses the defaults. `base_dir` resolves files the config
    /// refers to (default: the current directory).
    #[new]
    #[pyo3(signature = (config_toml=None, *, base_dir=None))]
    fn new(config_toml: Option<&str>, base_dir: Option<PathBuf>) -> PyResult<Self> {
        let config = match config_toml {
            Some(text) => {
                PipelineConfig::parse(text, Path::new(INLINE_CONFIG)).map_err(config_error)?
            }
            None => PipelineConfig::default(),
        };
        let base = base_dir.unwrap_or_else(|| PathBuf::from("."));
        Self::from_config(&config, Path::new(INLINE_CONFIG), &base)
    }

    /// `Pipeline.from_file(path)`: compile the pipeline.toml at `path`; relative paths inside
    /// it are resolved against its directory, as the CLI does.
    #[staticmethod]
    fn from_file(path: PathBuf) -> PyResult<Self> {
        let config = PipelineConfig::load(&path).map_err(config_error)?;
        let base = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self::from_config(&config, &path, &base)
    }

    /// Clean one page. `html` is `str` (already decoded) or `bytes` (charset detected as the
    /// CLI does: BOM, `<meta charset>`, then detection). Returns the record as a `dict` (the
    /// CLI's JSONL object) or a falsy `Rejected` value saying why no record came out.
    ///
    /// `format` is `"html"` (default), `"text"` (plain text: extraction is skipped, the first
    /// line may become the title) or `"auto"` (HTML when the content starts with `<`), as the
    /// CLI's `--format`.
    #[pyo3(signature = (html, url=None, *, source=None, format="html"))]
    fn clean_html<'py>(
        &self,
        py: Python<'py>,
        html: HtmlArg<'py>,
        url: Option<&str>,
        source: Option<&str>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = page::parse_format(format).map_err(PyValueError::new_err)?;
        let url = url
            .map(|u| {
                url::Url::parse(u)
                    .map_err(|e| PyValueError::new_err(format!("invalid url {u:?}: {e}")))
            })
            .transpose()?;
        let source = source
            .map(str::to_string)
            .or_else(|| url.as_ref().map(ToString::to_string))
            .unwrap_or_default();
        let owned: page::Content = match html {
            HtmlArg::Text(s) => page::Content::Text(s),
            HtmlArg::Bytes(b) => page::Content::Bytes(b.as_bytes().to_vec()),
        };
        let outcome = py.detach(|| {
            let row = RowInput {
                seq: 0,
                format,
                source,
                url: Ok(url),
                content: owned.as_cell(),
            };
            let result = clean_one(&self.processor, &self.limits, row);
            page::dedup(&mut self.dedup_index(), result)
                .map(|record| serde_json::to_string(&record).expect("a record always serializes"))
        });
        match outcome {
            Ok(json) => py.import("json")?.call_method1("loads", (json,)),
            Err(reject) => Ok(Bound::new(
                py,
                Rejected {
                    stage: reject.stage,
                    kind: reject.kind.to_string(),
                    reason: reject.reason,
                },
            )?
            .into_any()),
        }
    }

    /// Clean every row of a `pyarrow.RecordBatch` or `pyarrow.Table` (anything exporting the
    /// Arrow C stream or array interface). Input columns: `html` (string or binary; binary
    /// goes through charset detection), optional `url` (string), `source` (string) and `id`
    /// (any type). Returns a `pyarrow.Table` with exactly one row per input row, in input
    /// order: the record's columns (null where rejected), `reject_stage`, `reject_reason` (null
    /// for records), and `input_id` (a copy of `id`, when given). `format` is as in
    /// `clean_html`, for every row.
    #[pyo3(signature = (batch, *, format="html"))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        batch: AnyRecordBatch,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = page::parse_format(format).map_err(PyValueError::new_err)?;
        let reader = batch.into_reader()?;
        let input_schema = reader.schema();
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PyValueError::new_err(format!("cannot read input batch: {e}")))?;
        let columns = batch::InputColumns::locate(&input_schema).map_err(PyValueError::new_err)?;
        let out_schema = self.layout.schema(&input_schema, &columns);
        let out = py
            .detach(|| {
                clean_batches(
                    &self.processor,
                    &mut self.dedup_index(),
                    &self.limits,
                    &self.layout,
                    format,
                    &columns,
                    &out_schema,
                    &batches,
                )
            })
            .map_err(PyValueError::new_err)?;
        PyTable::try_new(out, out_schema)?.into_pyarrow(py)
    }

    /// The `pyarrow.Schema` that `clean_batch` returns for inputs of `input_schema` (which
    /// decides whether `input_id` is present and its type); for Spark's `mapInArrow`.
    #[pyo3(signature = (input_schema=None))]
    fn output_schema<'py>(
        &self,
        py: Python<'py>,
        input_schema: Option<PySchema>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let input = input_schema.map_or_else(
            || {
                std::sync::Arc::new(arrow_schema::Schema::new(vec![arrow_schema::Field::new(
                    "html",
                    arrow_schema::DataType::Utf8,
                    true,
                )]))
            },
            PySchema::into_inner,
        );
        let columns = batch::InputColumns::locate(&input).map_err(PyValueError::new_err)?;
        PySchema::new(self.layout.schema(&input, &columns)).into_pyarrow(py)
    }

    /// Forget the texts kept so far: the next page starts a new dedup scope (as a new CLI
    /// run does).
    fn reset_dedup(&self) {
        *self.dedup_index() = self.processor.filter().dedup_index();
    }

    fn __repr__(&self) -> String {
        format!(
            "Pipeline(markdown={}, keep_removed={})",
            py_bool(self.layout.markdown),
            py_bool(self.layout.keep_removed)
        )
    }
}

impl Pipeline {
    /// The dedup index; a panic while it was held cannot leave it half-updated (an insert is
    /// the last step of a check), so a poisoned lock is taken as is.
    fn dedup_index(&self) -> std::sync::MutexGuard<'_, DedupIndex> {
        self.dedup
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn from_config(config: &PipelineConfig, path: &Path, base: &Path) -> PyResult<Self> {
        let processor = config.build_processor(path, base).map_err(config_error)?;
        Ok(Self {
            dedup: Mutex::new(processor.filter().dedup_index()),
            processor,
            limits: config.limits,
            layout: OutputLayout {
                markdown: config.output.markdown,
                keep_removed: config.filter.keep_removed,
            },
        })
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// `str` or `bytes`.
#[derive(FromPyObject)]
enum HtmlArg<'py> {
    Text(String),
    Bytes(Bound<'py, PyBytes>),
}

/// Why a page gave no record. Falsy, so `if record:` tells records from rejections.
#[pyclass(frozen, module = "copydesk", get_all)]
struct Rejected {
    /// The stage that rejected the page: `source`, `read`, `decode`, `extract` or `filter`.
    stage: String,
    /// A short stable label (`no article content`, `empty input`, ...).
    kind: String,
    /// The full reason, as in the CLI's rejects file.
    reason: String,
}

#[pymethods]
impl Rejected {
    fn __bool__(&self) -> bool {
        false
    }

    fn __repr__(&self) -> String {
        format!(
            "Rejected(stage={:?}, kind={:?}, reason={:?})",
            self.stage, self.kind, self.reason
        )
    }
}

fn config_error(error: copydesk::Error) -> PyErr {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    ConfigError::new_err(text)
}

/// The native part of the `copydesk` package.
#[pymodule]
fn _copydesk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_class::<Rejected>()?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("SCHEMA_VERSION", copydesk::SCHEMA_VERSION)?;
    Ok(())
}
