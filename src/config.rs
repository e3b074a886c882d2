//! pipeline.toml -> [`PipelineConfig`] (values as written) -> [`Pipeline`] (compiled, valid).
//!
//! Two layers: serde types mirror the file and reject unknown keys (toml's error names the
//! line, column and key); [`PipelineConfig::build`] is the only validator and reports every
//! semantic problem at once, each naming its key path.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, error_chain};
use crate::extract::{ExtractConfig, Extractor, SiteConfig, Sites};
use crate::fetch::FetchConfig;
#[cfg(feature = "cli")]
use crate::fetch::{FetchPlan, ListSource};
use crate::filter::FilterConfig;
use crate::input::load::Limits;
use crate::input::source::SourceConfig;
#[cfg(feature = "cli")]
use crate::input::source::{InputFormat, Source};
use crate::process::Processor;
#[cfg(feature = "cli")]
use crate::{
    output::{Output, OutputFormat},
    pipeline::Pipeline,
};

/// The whole pipeline.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineConfig {
    /// Worker threads for parse/extract/filter; 0 means one per available core.
    #[serde(default)]
    pub threads: usize,
    /// What to read. Required by `run`; `clean` takes its paths from the command line.
    #[serde(default)]
    pub source: Option<SourceConfig>,
    /// Extraction settings.
    #[serde(default)]
    pub extract: ExtractConfig,
    /// Boilerplate filter settings.
    #[serde(default)]
    pub filter: FilterConfig,
    /// Where records and rejects go.
    #[serde(default)]
    pub output: OutputConfig,
    /// Per-document budgets.
    #[serde(default)]
    pub limits: Limits,
    /// How URLs are fetched (used when `[source]` has `urls`, and by `copydesk fetch`).
    #[serde(default)]
    pub fetch: FetchConfig,
    /// Per-site selectors (`[[site]]` tables): the article container and elements to drop
    /// for the pages of one host.
    #[serde(default)]
    pub site: Vec<SiteConfig>,
}

/// `[output]` in pipeline.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// Records file; `-` is stdout. Relative to the config file. The extension (or `format`)
    /// picks the format: `.jsonl` / `.ndjson`, `.jsonl.gz`, `.jsonl.zst`, `.parquet`, `.csv`,
    /// or a directory with `format = "md"|"txt"`; any other extension is refused before any
    /// work (`OutputConfig::format_problem`, `OutputFormat::resolve`).
    pub path: PathBuf,
    /// Rejects file (JSON Lines). Default: next to `path`, one per output
    /// ([`crate::output::default_rejects_path`]: `a.jsonl` -> `a.rejects.jsonl`, `a.parquet` ->
    /// `a.parquet.rejects.jsonl`); stderr when `path` is stdout or not a regular file.
    pub rejects: Option<PathBuf>,
    /// Add a `markdown` field with the body rendered as Markdown.
    pub markdown: bool,
    /// Continue an interrupted run: inputs whose `source` is already in the records or
    /// rejects file are skipped, a partial last line is repaired, and new lines are appended.
    /// `false` starts the output files afresh.
    pub resume: bool,
    /// Start a new records file every this many records (`articles-00000.jsonl.zst`, ...).
    /// Unset: one file.
    pub rotate_records: Option<u64>,
    /// The records' format whatever `path`'s extension: `jsonl`, `jsonl.gz`, `jsonl.zst`,
    /// `parquet`, `csv`, or `md` / `txt` (then `path` is a directory, one file per record).
    /// Unset: by extension, and an unknown extension is an error.
    pub format: Option<String>,
}

impl Default for OutputConfig {
    fn default() -> Self {
        Self {
            path: PathBuf::from("-"),
            rejects: None,
            markdown: false,
            resume: true,
            rotate_records: None,
            format: None,
        }
    }
}

impl OutputConfig {
    /// The outputs of a run, with the default rejects path resolved.
    /// A `format` that is not a known name is left to the extension here; `build` reports it.
    #[cfg(feature = "cli")]
    pub fn to_output(&self) -> Output {
        Output::new(
            self.path.clone(),
            self.rejects.clone(),
            self.resume,
            self.rotate_records,
        )
        .with_format(self.format.as_deref().and_then(OutputFormat::by_name))
    }

    /// Whether records are written as Markdown files (so the processor renders Markdown).
    pub fn wants_markdown(&self) -> bool {
        self.markdown
            || self
                .format
                .as_deref()
                .is_some_and(|f| matches!(f.to_ascii_lowercase().as_str(), "md" | "markdown"))
    }
}

#[cfg(feature = "cli")]
impl OutputConfig {
    /// What is wrong with the records' format (`output.format` or `output.path`'s extension),
    /// checked before any input is read.
    pub fn format_problem(&self) -> Option<String> {
        let explicit = match self.format.as_deref() {
            Some(name) => match OutputFormat::by_name(name) {
                Some(format) => Some(format),
                None => {
                    return Some(format!(
                        "output.format: unknown format {name:?}, expected {}",
                        crate::output::sink::FORMAT_NAMES
                    ));
                }
            },
            None => None,
        };
        OutputFormat::resolve(&self.path, explicit)
            .err()
            .map(|message| format!("output.path: {message}"))
    }
}

impl PipelineConfig {
    /// Reads and parses a config file. Relative paths inside it are resolved against the
    /// file's directory.
    ///
    /// # Errors
    /// [`Error::ConfigRead`] or [`Error::ConfigParse`] (the latter names line, column, key).
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ConfigRead {
            path: path.to_path_buf(),
            source,
        })?;
        let mut config = Self::parse(&text, path)?;
        let base = path.parent().unwrap_or(Path::new(""));
        config.resolve_paths(base);
        Ok(config)
    }

    /// Parses config text; `path` is only used in messages.
    ///
    /// # Errors
    /// [`Error::ConfigParse`] with toml's message.
    pub fn parse(text: &str, path: &Path) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| Error::ConfigParse {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })
    }

    fn resolve_paths(&mut self, base: &Path) {
        let resolve = |p: &mut PathBuf| {
            if p.as_os_str() != "-" && p.is_relative() {
                *p = base.join(&*p);
            }
        };
        if let Some(source) = &mut self.source {
            source.paths.iter_mut().for_each(resolve);
            source.urls.iter_mut().for_each(resolve);
        }
        if let Some(warc) = &mut self.fetch.warc {
            resolve(warc);
        }
        resolve(&mut self.output.path);
        if let Some(rejects) = &mut self.output.rejects {
            resolve(rejects);
        }
    }

    /// Compiles the stage settings (`[extract]`, `[filter]`, `[output]`) into a [`Processor`],
    /// without needing a `[source]`: for library and binding users who bring their own pages.
    ///
    /// # Errors
    /// [`Error::ConfigInvalid`] listing every problem.
    pub fn build_processor(&self, config_path: &Path, base_dir: &Path) -> Result<Processor, Error> {
        let mut problems = Vec::new();
        let processor = self.processor(base_dir, &mut problems);
        match processor {
            Some(p) if problems.is_empty() => Ok(p),
            _ => Err(Error::ConfigInvalid {
                path: config_path.to_path_buf(),
                problems,
            }),
        }
    }

    #[cfg(feature = "cli")]
    /// Compiles the config into a runnable pipeline, checking every value.
    ///
    /// `config_path` names the file in errors; `base_dir` resolves files the stages load.
    ///
    /// # Errors
    /// [`Error::ConfigInvalid`] listing every problem, or [`Error::MissingInput`].
    pub fn build(&self, config_path: &Path, base_dir: &Path) -> Result<Pipeline, Error> {
        self.build_with(config_path, base_dir, None)
    }

    #[cfg(feature = "cli")]
    /// Like [`build`](Self::build), but fetches `lists` (from the command line) and ignores
    /// `[source]`.
    ///
    /// # Errors
    /// As for [`build`](Self::build).
    pub fn build_fetch(
        &self,
        config_path: &Path,
        base_dir: &Path,
        lists: Vec<ListSource>,
    ) -> Result<Pipeline, Error> {
        self.build_with(config_path, base_dir, Some(lists))
    }

    fn processor(&self, base_dir: &Path, problems: &mut Vec<String>) -> Option<Processor> {
        let filter = match self.filter.build(base_dir) {
            Ok(f) => Some(f),
            Err(errors) => {
                problems.extend(errors.iter().map(|e| error_chain(e)));
                None
            }
        };
        if self.output.rotate_records == Some(0) {
            problems.push("output.rotate_records: must be greater than 0".to_string());
        }
        if self.limits.max_input_bytes == 0 {
            problems.push("limits.max_input_bytes: must be greater than 0".to_string());
        }
        if self.limits.max_decompressed_bytes == 0 {
            problems.push("limits.max_decompressed_bytes: must be greater than 0".to_string());
        }
        if self.limits.max_nodes == 0 {
            problems.push("limits.max_nodes: must be greater than 0".to_string());
        }
        if self.limits.max_extract_ms == 0 {
            problems.push("limits.max_extract_ms: must be greater than 0".to_string());
        }
        let sites = Sites::build(&self.site)
            .map_err(|errors| problems.extend(errors))
            .ok()?;
        filter.map(|filter| {
            Processor::new(
                Extractor::new(self.extract.clone())
                    .with_budget(self.limits.extract_budget())
                    .with_markdown(self.output.wants_markdown())
                    .with_sites(sites),
                filter,
                self.output.wants_markdown(),
                self.filter.keep_removed,
            )
        })
    }

    /// URL lists named by `[source] urls`, or `None` when the source is local files.
    #[cfg(feature = "cli")]
    fn url_lists(source: &SourceConfig, problems: &mut Vec<String>) -> Option<Vec<ListSource>> {
        match (source.paths.is_empty(), source.urls.is_empty()) {
            (true, true) => {
                problems.push("source: give paths (local files) or urls (URL lists)".to_string());
                None
            }
            (false, false) => {
                problems.push(
                    "source: give either paths (local files) or urls (URL lists), not both"
                        .to_string(),
                );
                None
            }
            (true, false) => Some(
                source
                    .urls
                    .iter()
                    .map(|p| {
                        if p.as_os_str() == "-" {
                            ListSource::Stdin
                        } else {
                            ListSource::File(p.clone())
                        }
                    })
                    .collect(),
            ),
            (false, true) => None,
        }
    }

    #[cfg(feature = "cli")]
    fn build_with(
        &self,
        config_path: &Path,
        base_dir: &Path,
        cli_lists: Option<Vec<ListSource>>,
    ) -> Result<Pipeline, Error> {
        let mut problems = Vec::new();
        // Local files come from [source] paths; URL lists from the command line or [source] urls.
        let (source, lists) = match (&cli_lists, &self.source) {
            (Some(_), _) => (
                Some(Source::new(
                    Vec::new(),
                    InputFormat::Auto,
                    None,
                    &mut problems,
                )?),
                cli_lists,
            ),
            (None, Some(s)) => {
                let lists = Self::url_lists(s, &mut problems);
                let source =
                    Source::new(s.paths.clone(), s.format, s.url.as_deref(), &mut problems)?
                        .with_archive(s.archive)
                        .with_max_record_bytes(self.limits.max_input_bytes);
                (Some(source), lists)
            }
            (None, None) => {
                problems.push("source: missing [source] table (paths or urls to read)".to_string());
                (None, None)
            }
        };
        let fetch = match lists {
            Some(lists) => match self.fetch.build(&mut problems) {
                Some(mut settings) => {
                    settings.resume = self.output.resume;
                    Some(FetchPlan::new(lists, settings)?)
                }
                None => None,
            },
            None => None,
        };
        let processor = self.processor(base_dir, &mut problems);
        problems.extend(self.output.format_problem());
        match (source, processor) {
            (Some(source), Some(processor)) if problems.is_empty() => {
                let mut pipeline = Pipeline::new(
                    source,
                    processor,
                    self.output.to_output(),
                    self.limits,
                    self.threads,
                );
                if let Some(plan) = fetch {
                    pipeline.set_fetch(plan);
                }
                let interval = self.fetch.progress_interval_secs;
                pipeline.set_progress_interval(
                    (interval.is_finite() && interval > 0.0)
                        .then(|| std::time::Duration::from_secs_f64(interval)),
                );
                Ok(pipeline)
            }
            _ => Err(Error::ConfigInvalid {
                path: config_path.to_path_buf(),
                problems,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_line_and_key() {
        let text = "threads = 1\n[source]\npaths = [\"x\"]\n[extract]\nfavour = \"recall\"\n";
        let err = PipelineConfig::parse(text, Path::new("p.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("p.toml: "), "{msg}");
        assert!(msg.contains("line 5"), "{msg}");
        assert!(msg.contains("favour"), "{msg}");
    }

    #[test]
    fn bad_site_selector_names_its_own_line() {
        let text = "[[site]]\nhost = \"example.com\"\ndrop = [\n  \".ad\",\n  \"p..x\",\n]\n";
        let msg = PipelineConfig::parse(text, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("line 5"), "{msg}");
        assert!(msg.contains("invalid CSS selector \"p..x\""), "{msg}");
        let text = "[[site]]\nhost = \"example.com\"\nbody = \"main\"\nsurprise = 1\n";
        let msg = PipelineConfig::parse(text, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("line 4") && msg.contains("surprise"), "{msg}");
    }

    #[test]
    fn bad_enum_value_is_reported() {
        let text = "[extract]\nfavor = \"speed\"\n";
        let msg = PipelineConfig::parse(text, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("line 2") && msg.contains("speed"), "{msg}");
    }

    #[test]
    fn url_source_builds_a_fetch_pipeline_and_checks_fetch_keys() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("urls.txt"), "http://a.test/\n").unwrap();
        let text = "[source]\nurls = [\"urls.txt\"]\n[fetch]\nper_host_concurrency = 1\n";
        let path = dir.path().join("p.toml");
        std::fs::write(&path, text).unwrap();
        let config = PipelineConfig::load(&path).unwrap();
        assert_eq!(config.fetch.per_host_concurrency, 1);
        config.build(&path, dir.path()).unwrap();

        let text = "[source]\nurls = [\"u\"]\npaths = [\".\"]\n[fetch]\nconcurrency = 0\n";
        let config = PipelineConfig::parse(text, Path::new("p.toml")).unwrap();
        let Err(Error::ConfigInvalid { problems, .. }) =
            config.build(Path::new("p.toml"), Path::new("."))
        else {
            panic!("expected invalid config");
        };
        assert!(
            problems.iter().any(|p| p.contains("not both")),
            "{problems:?}"
        );
        let text = "[source]\nurls = [\"u\"]\n[fetch]\nconcurency = 4\n";
        let msg = PipelineConfig::parse(text, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("concurency"), "{msg}");
    }

    #[test]
    fn semantic_problems_are_collected() {
        let config = PipelineConfig {
            limits: Limits {
                max_input_bytes: 0,
                max_decompressed_bytes: 0,
                max_nodes: 0,
                max_extract_ms: 0,
            },
            ..PipelineConfig::default()
        };
        let Err(Error::ConfigInvalid { problems, .. }) =
            config.build(Path::new("p.toml"), Path::new("."))
        else {
            panic!("expected invalid config");
        };
        assert_eq!(problems.len(), 5, "{problems:?}");
        for key in ["max_input_bytes", "max_nodes", "max_extract_ms"] {
            assert!(
                problems
                    .iter()
                    .any(|p| p.starts_with(&format!("limits.{key}"))),
                "{key}: {problems:?}"
            );
        }
    }
}
