//! Placeholder filter stage (replaced by the rule engine).

use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

use crate::article::Article;

/// `[filter]` in pipeline.toml.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilterConfig {
    /// Built-in rules to switch off, by name.
    pub disable: Vec<String>,
    /// Attach removed lines to each record.
    pub keep_removed: bool,
}

/// A problem in `[filter]`.
#[derive(Debug, Error)]
#[error("filter.{key}: {message}")]
pub struct FilterConfigError {
    key: String,
    message: &'static str,
}

impl FilterConfig {
    /// Compiles the filter.
    ///
    /// # Errors
    /// One error per invalid key.
    pub fn build(&self, _base_dir: &Path) -> Result<Filter, Vec<FilterConfigError>> {
        Ok(Filter {})
    }
}

/// One removed block and the rule that removed it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Removed {
    /// Rule name.
    pub rule: String,
    /// The removed text.
    pub text: String,
}

/// What a filter run removed.
#[derive(Debug, Clone, Default)]
pub struct FilterReport {
    /// Removed blocks in article order.
    pub removed: Vec<Removed>,
}

/// A whole document rejected by a document-level rule.
#[derive(Debug, Error)]
#[error("{rule}: {measured}")]
pub struct DocumentRejected {
    /// Rule name.
    pub rule: String,
    /// What was measured.
    pub measured: String,
}

/// The compiled filter stage.
#[derive(Debug)]
pub struct Filter {}

impl Filter {
    /// Removes boilerplate blocks.
    ///
    /// # Errors
    /// When a document-level rule rejects the article.
    pub fn apply(
        &self,
        _article: &mut Article,
        _host: Option<&str>,
    ) -> Result<FilterReport, DocumentRejected> {
        Ok(FilterReport::default())
    }
}
