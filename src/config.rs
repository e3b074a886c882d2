//! pipeline.toml -> [`PipelineConfig`] (values as written) -> [`Pipeline`] (compiled, valid).
//!
//! Two layers: serde types mirror the file and reject unknown keys (toml's error names the
//! line, column and key); [`PipelineConfig::build`] is the only validator and reports every
//! semantic problem at once, each naming its key path.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::extract::{ExtractConfig, Extractor};
use crate::filter::FilterConfig;
use crate::load::Limits;
use crate::pipeline::{Output, Pipeline, Processor};
use crate::sink::OutputFormat;
use crate::source::{Source, SourceConfig};

/// The whole pipeline.toml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
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
}

/// `[output]` in pipeline.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// Records file; `-` is stdout. Relative to the config file. The extension picks the
    /// format: `.jsonl` (or anything else), `.jsonl.gz`, `.jsonl.zst`, `.parquet`.
    pub path: PathBuf,
    /// Rejects file (JSON Lines). Default: next to `path`, named `<stem>.rejects.jsonl`;
    /// stderr when `path` is stdout.
    pub rejects: Option<PathBuf>,
    /// Add a `markdown` field with the body rendered as Markdown.
    pub markdown: bool,
    /// Start a new records file every this many records (`articles-00000.jsonl.zst`, ...).
    /// Unset: one file.
    pub rotate_records: Option<u64>,
}

impl Default for OutputConfig {
    fn default() -> Self {
        Self {
            path: PathBuf::from("-"),
            rejects: None,
            markdown: false,
            rotate_records: None,
        }
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
        }
        resolve(&mut self.output.path);
        if let Some(rejects) = &mut self.output.rejects {
            resolve(rejects);
        }
    }

    /// Compiles the config into a runnable pipeline, checking every value.
    ///
    /// `config_path` names the file in errors; `base_dir` resolves files the stages load.
    ///
    /// # Errors
    /// [`Error::ConfigInvalid`] listing every problem, or [`Error::MissingInput`].
    pub fn build(&self, config_path: &Path, base_dir: &Path) -> Result<Pipeline, Error> {
        let mut problems = Vec::new();
        let source = match &self.source {
            Some(s) => Some(
                Source::new(s.paths.clone(), s.format, s.url.as_deref(), &mut problems)?
                    .with_archive(s.archive)
                    .with_max_record_bytes(self.limits.max_input_bytes),
            ),
            None => {
                problems.push("source: missing [source] table (paths to read)".to_string());
                None
            }
        };
        if let Some(s) = &self.source
            && s.paths.is_empty()
        {
            problems.push("source.paths: no input paths given".to_string());
        }
        let filter = match self.filter.build(base_dir) {
            Ok(f) => Some(f),
            Err(errors) => {
                problems.extend(errors.iter().map(ToString::to_string));
                None
            }
        };
        if self.output.rotate_records == Some(0) {
            problems.push("output.rotate_records: must be greater than 0".to_string());
        }
        if !OutputFormat::from_path(&self.output.path).is_supported() {
            problems.push(format!(
                "output.path: {:?}: Parquet output needs copydesk built with the `parquet` feature",
                self.output.path
            ));
        }
        if self.limits.max_input_bytes == 0 {
            problems.push("limits.max_input_bytes: must be greater than 0".to_string());
        }
        if self.limits.max_decompressed_bytes == 0 {
            problems.push("limits.max_decompressed_bytes: must be greater than 0".to_string());
        }
        match (source, filter) {
            (Some(source), Some(filter)) if problems.is_empty() => {
                let processor = Processor::new(
                    Extractor::new(self.extract.clone()),
                    filter,
                    self.output.markdown,
                    self.filter.keep_removed,
                );
                Ok(Pipeline::new(
                    source,
                    processor,
                    Output::from_config(&self.output),
                    self.limits,
                    self.threads,
                ))
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
    fn bad_enum_value_is_reported() {
        let text = "[extract]\nfavor = \"speed\"\n";
        let msg = PipelineConfig::parse(text, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("line 2") && msg.contains("speed"), "{msg}");
    }

    #[test]
    fn semantic_problems_are_collected() {
        let config = PipelineConfig {
            limits: Limits {
                max_input_bytes: 0,
                max_decompressed_bytes: 0,
            },
            ..PipelineConfig::default()
        };
        let Err(Error::ConfigInvalid { problems, .. }) =
            config.build(Path::new("p.toml"), Path::new("."))
        else {
            panic!("expected invalid config");
        };
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("limits.max_input_bytes"))
        );
    }
}
