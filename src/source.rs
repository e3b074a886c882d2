//! What to read: command-line paths and `[source]` -> a stream of [`Input`]s.
//!
//! Directories are walked recursively in file-name order, so runs are reproducible. Every
//! regular file in a directory is an input, whatever its name (hidden files and folders, whose
//! names start with `.`, are skipped): a stray PDF in a dump folder becomes a reject, never a
//! silent skip. A directory entry that cannot be listed becomes a reject at the `source` stage.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use url::Url;

use crate::error::{Error, Stage};
use crate::record::Reject;

/// How to read an input's content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// By file extension (`.txt`, `.text`, `.md` are text; `.html`, `.htm`, `.xhtml`... are
    /// HTML), else by content: a document starting with `<` is HTML.
    #[default]
    Auto,
    /// Always HTML: extraction runs.
    Html,
    /// Always plain text: extraction is skipped; the first line may become the title.
    Text,
}

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk (possibly gzip'd, by `.gz` extension or gzip magic).
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// One unit of work: becomes exactly one record or one reject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Position in the input stream, from 0; records and rejects carry it.
    pub seq: u64,
    /// Human-readable name (path, `-`, URL): the record's and reject's `source`.
    pub source: String,
    /// The page's URL when known (base for relative links and metadata).
    pub url: Option<Url>,
    /// How to read it.
    pub format: InputFormat,
    /// Where the bytes are.
    pub origin: Origin,
}

/// `[source]` in pipeline.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// Files and directories to read (relative paths are relative to the config file), `-` for
    /// standard input.
    #[serde(default)]
    pub paths: Vec<PathBuf>,
    /// URL lists to fetch instead of `paths` (see [`crate::fetch::list`] for the formats;
    /// relative to the config file, `-` for standard input). Settings are in `[fetch]`.
    #[serde(default)]
    pub urls: Vec<PathBuf>,
    /// How to read them (`auto`, `html`, `text`).
    #[serde(default)]
    pub format: InputFormat,
    /// Base URL for a single input (used for metadata and link resolution).
    #[serde(default)]
    pub url: Option<String>,
}

/// A validated source: the paths exist and the URL parses.
#[derive(Debug, Clone)]
pub struct Source {
    paths: Vec<PathBuf>,
    format: InputFormat,
    url: Option<Url>,
}

impl Source {
    /// Builds a source, checking that every path exists (`-` always does).
    ///
    /// # Errors
    /// [`Error::MissingInput`] for a path that does not exist; `problems` gets a line for a bad
    /// URL.
    pub fn new(
        paths: Vec<PathBuf>,
        format: InputFormat,
        url: Option<&str>,
        problems: &mut Vec<String>,
    ) -> Result<Self, Error> {
        for path in &paths {
            if path.as_os_str() != "-" && !path.exists() {
                return Err(Error::MissingInput { path: path.clone() });
            }
        }
        let url = match url {
            Some(u) => match Url::parse(u) {
                Ok(url) => Some(url),
                Err(e) => {
                    problems.push(format!("source.url: invalid URL {u:?}: {e}"));
                    None
                }
            },
            None => None,
        };
        if url.is_some() && paths.len() != 1 {
            problems.push("source.url: a base URL applies to exactly one input path".into());
        }
        Ok(Self { paths, format, url })
    }

    /// The inputs, in order; walking problems come out as rejects.
    pub fn inputs(&self) -> impl Iterator<Item = Result<Input, Reject>> + Send + '_ {
        let mut seq = 0u64;
        self.paths
            .iter()
            .flat_map(move |path| walk(path))
            .map(move |item| {
                let this = seq;
                seq += 1;
                item.map(|(origin, source)| Input {
                    seq: this,
                    source,
                    url: self.url.clone(),
                    format: self.format,
                    origin,
                })
                .map_err(|(source, reason)| Reject {
                    seq: this,
                    source,
                    stage: Stage::Source,
                    reason,
                    transient: false,
                })
            })
    }
}

type WalkItem = Result<(Origin, String), (String, String)>;

fn walk(path: &Path) -> Box<dyn Iterator<Item = WalkItem> + Send + '_> {
    if path.as_os_str() == "-" {
        return Box::new(std::iter::once(Ok((Origin::Stdin, "-".to_string()))));
    }
    if !path.is_dir() {
        let name = path.display().to_string();
        return Box::new(std::iter::once(Ok((
            Origin::File(path.to_path_buf()),
            name,
        ))));
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    Box::new(walker.filter_map(|entry| match entry {
        Ok(e) if e.file_type().is_dir() => None,
        Ok(e) => {
            let name = e.path().display().to_string();
            Some(Ok((Origin::File(e.into_path()), name)))
        }
        Err(e) => {
            let name = e
                .path()
                .map_or_else(|| "<unknown>".to_string(), |p| p.display().to_string());
            Some(Err((name, format!("cannot list: {e}"))))
        }
    }))
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Self::Auto),
            "html" => Ok(Self::Html),
            "text" => Ok(Self::Text),
            other => Err(format!(
                "unknown format {other:?}, expected auto, html or text"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_in_name_order_skipping_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        for name in ["b.html", "a.txt", "sub/c.htm", ".hidden", ".git/x", "z.png"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let source = Source::new(
            vec![dir.path().to_path_buf()],
            InputFormat::Auto,
            None,
            &mut vec![],
        )
        .unwrap();
        let names: Vec<_> = source
            .inputs()
            .map(|i| {
                let i = i.unwrap();
                Path::new(&i.source)
                    .strip_prefix(dir.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.html", "sub/c.htm", "z.png"]);
    }

    #[test]
    fn missing_path_is_fatal() {
        let err = Source::new(
            vec!["/no/such/dir".into()],
            InputFormat::Auto,
            None,
            &mut vec![],
        );
        assert!(matches!(err, Err(Error::MissingInput { .. })));
    }
}
