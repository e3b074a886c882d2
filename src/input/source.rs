//! What to read: command-line paths and `[source]` -> a stream of [`Input`]s.
//!
//! Directories are walked recursively in file-name order, so runs are reproducible. Every
//! regular file in a directory is an input, whatever its name (hidden files and folders, whose
//! names start with `.`, are skipped): a stray PDF in a dump folder becomes a reject, never a
//! silent skip. A directory entry that cannot be listed becomes a reject at the `source` stage.
//!
//! Archives are expanded into one input per page, streamed (never loaded whole): WARC files
//! ([`crate::input::warc`]) and JSON Lines files ([`crate::input::jsonl`]), recognised by name
//! (`[source] archive = "auto"`) or forced. With a [`Shard`], only the shard's files (or
//! records) are listed.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use url::Url;

use crate::error::{Error, Stage};
use crate::input::jsonl;
use crate::input::load::DEFAULT_MAX_INPUT_BYTES;
use crate::input::warc;
use crate::record::Reject;
use crate::shard::{Shard, ShardBy};

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
    /// One record of an archive (WARC response, JSONL line), already in memory.
    Record(Box<Payload>),
}

/// A page read out of an archive, with what its container declared about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// The page's bytes as stored; empty when `size` exceeds the source's cap (not read).
    pub bytes: Vec<u8>,
    /// The payload's size in bytes (declared, or read when smaller).
    pub size: u64,
    /// Charset declared by the transport (HTTP `Content-Type`), if any.
    pub charset: Option<String>,
    /// Media type declared by the transport, lowercased and without parameters. When it is
    /// not HTML the page is a reject and `bytes` is left empty.
    pub content_type: Option<String>,
}

/// How files are packed: one page per file, or archives of many pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveKind {
    /// By name: `*.warc[.gz|.zst|.lz4]` are WARC, `*.jsonl` / `*.ndjson` (optionally `.gz` or
    /// `.zst`) are JSON Lines; any other file is one page.
    #[default]
    Auto,
    /// Every file is one page, whatever its name.
    None,
    /// Every file is a WARC archive.
    Warc,
    /// Every file is a JSON Lines archive (`html`, optional `url` and `id` per line).
    Jsonl,
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
    /// URL lists to fetch instead of `paths` (see [`crate::input::url_list`] for the formats;
    /// relative to the config file, `-` for standard input). Settings are in `[fetch]`.
    #[serde(default)]
    pub urls: Vec<PathBuf>,
    /// How to read them (`auto`, `html`, `text`).
    #[serde(default)]
    pub format: InputFormat,
    /// Base URL for a single input (used for metadata and link resolution).
    #[serde(default)]
    pub url: Option<String>,
    /// How files are packed (`auto`, `none`, `warc`, `jsonl`).
    #[serde(default)]
    pub archive: ArchiveKind,
}

/// A validated source: the paths exist and the URL parses.
#[derive(Debug, Clone)]
pub struct Source {
    paths: Vec<PathBuf>,
    format: InputFormat,
    url: Option<Url>,
    archive: ArchiveKind,
    max_record_bytes: u64,
    shard: Option<(Shard, ShardBy)>,
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
        Ok(Self {
            paths,
            format,
            url,
            archive: ArchiveKind::Auto,
            max_record_bytes: DEFAULT_MAX_INPUT_BYTES,
            shard: None,
        })
    }

    /// Sets how files are packed (default: by name).
    #[must_use]
    pub fn with_archive(mut self, archive: ArchiveKind) -> Self {
        self.archive = archive;
        self
    }

    /// Sets the largest archive record read into memory (`limits.max_input_bytes`); larger
    /// records are skipped in the stream and rejected as too large.
    #[must_use]
    pub fn with_max_record_bytes(mut self, max: u64) -> Self {
        self.max_record_bytes = max;
        self
    }

    /// Keeps only the inputs of `shard`: whole files by path hash, or archive records by
    /// record hash (see [`crate::shard`]).
    pub fn set_shard(&mut self, shard: Option<(Shard, ShardBy)>) {
        self.shard = shard;
    }

    /// The inputs, in order; walking problems come out as rejects.
    ///
    /// Archives are read lazily as the iterator advances, so it is not `Send`: create it on
    /// the thread that consumes it.
    pub fn inputs(&self) -> impl Iterator<Item = Result<Input, Reject>> + '_ {
        self.inputs_except(&|_| false)
    }

    /// [`Self::inputs`] without the files `skip` names (the run's own outputs, found inside
    /// an input folder): they are not inputs at all, so they get no `seq`.
    pub fn inputs_except<'a>(
        &'a self,
        skip: &'a dyn Fn(&Path) -> bool,
    ) -> impl Iterator<Item = Result<Input, Reject>> + 'a {
        let mut seq = 0u64;
        let by_file = self.shard.filter(|(_, by)| *by == ShardBy::File);
        let by_record = self.shard.filter(|(_, by)| *by == ShardBy::Record);
        self.paths
            .iter()
            .flat_map(move |path| walk(path))
            .filter(move |item| match item {
                Ok(Entry {
                    origin: Origin::File(path),
                    ..
                }) => !skip(path),
                _ => true,
            })
            .filter(move |item| match (by_file, item) {
                (Some((shard, _)), Ok(entry)) => shard.owns_key(&entry.source),
                _ => true,
            })
            .flat_map(move |item| self.expand(item))
            .filter(move |item| match (by_record, item) {
                (Some((shard, _)), Ok(entry)) => shard.owns_key(&entry.source),
                _ => true,
            })
            .map(move |item| {
                let this = seq;
                seq += 1;
                item.map(|entry| Input {
                    seq: this,
                    source: entry.source,
                    url: entry.url.or_else(|| self.url.clone()),
                    format: match (self.format, entry.format) {
                        (InputFormat::Auto, Some(hint)) => hint,
                        (format, _) => format,
                    },
                    origin: entry.origin,
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

    /// How many inputs [`inputs`](Self::inputs) will yield, when that is known without
    /// reading them: the files under the paths (walked, names only). `None` when an input is
    /// stdin or an archive (its records are only counted by reading it).
    pub fn count_hint(&self) -> Option<u64> {
        let by_file = self.shard.filter(|(_, by)| *by == ShardBy::File);
        let mut count = 0;
        for path in &self.paths {
            for item in walk(path) {
                let Ok(entry) = item else {
                    count += 1; // a walking problem is one reject
                    continue;
                };
                let Origin::File(file) = &entry.origin else {
                    return None;
                };
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let archive = match self.archive {
                    ArchiveKind::Auto => warc::is_warc_name(&name) || jsonl::is_jsonl_name(&name),
                    ArchiveKind::None => false,
                    ArchiveKind::Warc | ArchiveKind::Jsonl => true,
                };
                if archive {
                    return None;
                }
                if by_file.is_none_or(|(shard, _)| shard.owns_key(&entry.source)) {
                    count += 1;
                }
            }
        }
        Some(count)
    }

    /// One file -> its records when it is an archive, else itself.
    fn expand(&self, item: WalkItem) -> Box<dyn Iterator<Item = WalkItem> + '_> {
        let Ok(Entry {
            origin: Origin::File(path),
            source,
            ..
        }) = &item
        else {
            return Box::new(std::iter::once(item));
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let kind = match self.archive {
            ArchiveKind::Auto if warc::is_warc_name(&name) => ArchiveKind::Warc,
            ArchiveKind::Auto if jsonl::is_jsonl_name(&name) => ArchiveKind::Jsonl,
            ArchiveKind::Auto => ArchiveKind::None,
            kind => kind,
        };
        match kind {
            ArchiveKind::Warc => {
                Box::new(warc::records(path, source.clone(), self.max_record_bytes))
            }
            ArchiveKind::Jsonl => {
                Box::new(jsonl::records(path, source.clone(), self.max_record_bytes))
            }
            ArchiveKind::Auto | ArchiveKind::None => Box::new(std::iter::once(item)),
        }
    }
}

/// One input before it is numbered: where it is, its name, and what its container said.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) origin: Origin,
    pub(crate) source: String,
    /// The page's own URL (an archive record's), overriding `[source] url`.
    pub(crate) url: Option<Url>,
    /// The content kind the container declared; used when the format is `auto`.
    pub(crate) format: Option<InputFormat>,
}

impl Entry {
    fn file(origin: Origin, source: String) -> Self {
        Self {
            origin,
            source,
            url: None,
            format: None,
        }
    }
}

/// An input, or a (name, reason) for a reject at the source stage.
pub(crate) type WalkItem = Result<Entry, (String, String)>;

fn walk(path: &Path) -> Box<dyn Iterator<Item = WalkItem> + Send + '_> {
    if path.as_os_str() == "-" {
        return Box::new(std::iter::once(Ok(Entry::file(
            Origin::Stdin,
            "-".to_string(),
        ))));
    }
    if !path.is_dir() {
        let name = path.display().to_string();
        if let Some(kind) = std::fs::metadata(path)
            .ok()
            .and_then(|m| special(&m.file_type()))
        {
            return Box::new(std::iter::once(Err((name, not_regular(kind)))));
        }
        return Box::new(std::iter::once(Ok(Entry::file(
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
        Ok(e) if special(&e.file_type()).is_some() => {
            let kind = special(&e.file_type()).unwrap_or("special file");
            Some(Err((e.path().display().to_string(), not_regular(kind))))
        }
        Ok(e) => {
            let name = e.path().display().to_string();
            Some(Ok(Entry::file(Origin::File(e.into_path()), name)))
        }
        Err(e) => {
            let name = e
                .path()
                .map_or_else(|| "<unknown>".to_string(), |p| p.display().to_string());
            Some(Err((name, format!("cannot list: {e}"))))
        }
    }))
}

/// What kind of special file this is, or `None` for a regular file or directory. Reading a
/// FIFO, device or socket can block forever or never end, so they are rejected, not read.
fn special(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("device");
        }
    }
    Some("special file")
}

fn not_regular(kind: &str) -> String {
    format!("not a regular file ({kind}): not read")
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
