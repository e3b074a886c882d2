//! URL lists -> a stream of entries, each becoming one record or one reject.
//!
//! Formats, chosen per list:
//! - `*.csv`: a header row with a `url` column (case-insensitive); other columns are ignored.
//! - anything else (and `-`, standard input): one URL per line; blank lines and lines starting
//!   with `#` are skipped; a line starting with `{` is a JSON object with a string `url` field
//!   (so `*.jsonl` works as is).
//!
//! Entries are read lazily, one line at a time: memory does not grow with the list.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use url::Url;

use thiserror::Error;

/// Why one list entry gave no URL to fetch. Each variant is one reject reason of the summary
/// table (the fetch stage wraps it as `FetchError::List`).
#[derive(Debug, Error)]
pub enum ListError {
    /// A URL list could not be read (I/O error part-way).
    #[error("cannot read url list")]
    Read(#[source] io::Error),
    /// A CSV URL list row could not be parsed.
    #[error("bad csv row")]
    Csv(#[source] csv::Error),
    /// A line of a URL list is not UTF-8 (the other lines are still read).
    #[error("line is not valid UTF-8")]
    NotUtf8(#[source] std::str::Utf8Error),
    /// A JSON line in a URL list is not an object with a string `url` field.
    #[error("bad json line (expected an object with a string \"url\" field)")]
    Json,
    /// A CSV URL list has no `url` column in its header.
    #[error("csv has no \"url\" column")]
    NoUrlColumn,
    /// The line is not a URL.
    #[error("invalid url")]
    InvalidUrl(#[source] url::ParseError),
    /// The line is a host and path without a scheme (`example.com/a`).
    #[error("invalid url (no scheme): did you mean {suggestion}?")]
    MissingScheme {
        /// The line with `https://` in front.
        suggestion: String,
    },
    /// The URL is not http or https.
    #[error("unsupported url scheme {scheme:?}")]
    UnsupportedScheme {
        /// The scheme found.
        scheme: String,
    },
}

impl ListError {
    /// A short, stable label for the summary's "rejects by reason" table.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Read(_) => "cannot read url list",
            Self::Csv(_) | Self::Json | Self::NoUrlColumn | Self::NotUtf8(_) => {
                "bad url list entry"
            }
            Self::InvalidUrl(_) | Self::MissingScheme { .. } => "invalid url",
            Self::UnsupportedScheme { .. } => "unsupported url scheme",
        }
    }
}

/// Where URLs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    /// A list file (lines, JSON lines or CSV).
    File(PathBuf),
    /// Standard input (lines or JSON lines).
    Stdin,
    /// One URL given directly (command line).
    Url(String),
}

impl ListSource {
    /// Classifies a command-line argument: `-` is stdin, `http://` / `https://` is a URL,
    /// anything else a list file.
    pub fn from_arg(arg: &str) -> Self {
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if arg == "-" {
            Self::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Self::Url(arg.to_string())
        } else {
            Self::File(PathBuf::from(arg))
        }
    }
}

/// One item read from a list.
#[derive(Debug)]
pub enum ListItem {
    /// A URL as written (trimmed); it may still be invalid.
    Entry(String),
    /// A line or row that could not be read; `at` names it (`list.csv:12`).
    Broken {
        /// Where: `path:line`.
        at: String,
        /// What went wrong.
        error: ListError,
    },
}

/// Reads every list in order and calls `each` for every item; stops early when `each`
/// returns `false`.
pub fn read_lists(sources: &[ListSource], each: &mut dyn FnMut(ListItem) -> bool) {
    for source in sources {
        let go_on = match source {
            ListSource::Url(url) => each(ListItem::Entry(url.trim().to_string())),
            ListSource::Stdin => read_lines(io::stdin().lock(), "-", each),
            ListSource::File(path) => {
                let name = path.display().to_string();
                match File::open(path) {
                    Err(e) => each(ListItem::Broken {
                        at: name,
                        error: ListError::Read(e),
                    }),
                    Ok(file) if is_csv(path) => read_csv(file, &name, each),
                    Ok(file) => read_lines(BufReader::new(file), &name, each),
                }
            }
        };
        if !go_on {
            return;
        }
    }
}

/// Counts the entries of list files, broken ones included (each gives one outcome), for the
/// progress bar; `None` when stdin is a source or a file cannot be read.
pub fn count_entries(sources: &[ListSource]) -> Option<u64> {
    if sources.iter().any(|s| matches!(s, ListSource::Stdin)) {
        return None;
    }
    let mut n = 0u64;
    let mut broken = false;
    read_lists(sources, &mut |item| {
        match item {
            ListItem::Entry(_) => n += 1,
            ListItem::Broken {
                error: ListError::Read(_),
                ..
            } => broken = true,
            ListItem::Broken { .. } => n += 1,
        }
        true
    });
    (!broken).then_some(n)
}

fn is_csv(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Line by line, each line on its own: a line that is not UTF-8 (or cannot be read) is one
/// broken entry, and the lines after it are still read.
fn read_lines(
    mut reader: impl BufRead,
    name: &str,
    each: &mut dyn FnMut(ListItem) -> bool,
) -> bool {
    let mut bytes = Vec::new();
    for index in 0.. {
        bytes.clear();
        let at = || format!("{name}:{}", index + 1);
        let item = match reader.read_until(b'\n', &mut bytes) {
            Ok(0) => return true,
            Err(error) => {
                // The stream itself failed: nothing after this point can be read.
                return each(ListItem::Broken {
                    at: at(),
                    error: ListError::Read(error),
                });
            }
            Ok(_) => match std::str::from_utf8(&bytes) {
                Err(error) => ListItem::Broken {
                    at: at(),
                    error: ListError::NotUtf8(error),
                },
                Ok(line) => {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    if line.starts_with('{') {
                        match json_url(line) {
                            Some(url) => ListItem::Entry(url),
                            None => ListItem::Broken {
                                at: at(),
                                error: ListError::Json,
                            },
                        }
                    } else {
                        ListItem::Entry(line.to_string())
                    }
                }
            },
        };
        if !each(item) {
            return false;
        }
    }
    true
}

fn json_url(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Line {
        url: String,
    }
    serde_json::from_str::<Line>(line)
        .ok()
        .map(|l| l.url.trim().to_string())
}

fn read_csv(reader: impl Read, name: &str, each: &mut dyn FnMut(ListItem) -> bool) -> bool {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let column = match csv.headers() {
        Ok(headers) => headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case("url")),
        Err(error) => {
            return each(ListItem::Broken {
                at: format!("{name}:1"),
                error: ListError::Csv(error),
            });
        }
    };
    let Some(column) = column else {
        return each(ListItem::Broken {
            at: format!("{name}:1"),
            error: ListError::NoUrlColumn,
        });
    };
    for row in csv.records() {
        let item = match row {
            Ok(row) => match row.get(column).map(str::trim) {
                Some("") | None => continue,
                Some(url) => ListItem::Entry(url.to_string()),
            },
            Err(error) => ListItem::Broken {
                at: format!("{name}:{}", error.position().map_or(0, |p| p.line())),
                error: ListError::Csv(error),
            },
        };
        if !each(item) {
            return false;
        }
    }
    true
}

/// Parses and normalizes a URL: http/https only, fragment dropped. The url crate already
/// lowercases the host and drops a default port, so equal pages give equal strings (the
/// duplicate key).
///
/// # Errors
/// [`ListError::MissingScheme`] for a host and path without a scheme (`example.com/a`),
/// [`ListError::InvalidUrl`] or [`ListError::UnsupportedScheme`].
pub fn normalize(raw: &str) -> Result<Url, ListError> {
    let mut url = match Url::parse(raw) {
        Ok(url) => url,
        Err(error) => return Err(missing_scheme(raw).unwrap_or(ListError::InvalidUrl(error))),
    };
    if !matches!(url.scheme(), "http" | "https") {
        // `example.com:8080/a` parses with the scheme `example.com`.
        if url.scheme().contains('.')
            && let Some(hint) = missing_scheme(raw)
        {
            return Err(hint);
        }
        return Err(ListError::UnsupportedScheme {
            scheme: url.scheme().to_string(),
        });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(ListError::InvalidUrl(url::ParseError::EmptyHost));
    }
    url.set_fragment(None);
    Ok(url)
}

/// The hint for a URL written without its scheme: a name with a dot before any `/` (a host
/// name or an IPv4 address) that parses once `https://` is put in front.
fn missing_scheme(raw: &str) -> Option<ListError> {
    let host = raw.split(['/', '?', '#']).next().unwrap_or("");
    if !host.contains('.') || host.contains(char::is_whitespace) {
        return None;
    }
    let suggestion = format!("https://{raw}");
    let parsed = Url::parse(&suggestion).ok()?;
    parsed
        .host_str()
        .is_some_and(|h| h.contains('.'))
        .then_some(ListError::MissingScheme { suggestion })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(sources: &[ListSource]) -> Vec<String> {
        let mut out = Vec::new();
        read_lists(sources, &mut |item| {
            out.push(match item {
                ListItem::Entry(u) => u,
                ListItem::Broken { at, error } => format!("! {at} {error}"),
            });
            true
        });
        out
    }

    #[test]
    fn lines_skip_blanks_and_comments_and_read_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("urls.txt");
        std::fs::write(
            &path,
            "# c\n\n  http://a.test/x \n{\"url\": \"http://b.test/\", \"n\": 1}\n{\"u\": 1}\n",
        )
        .unwrap();
        assert_eq!(
            collect(&[ListSource::File(path)]),
            [
                "http://a.test/x",
                "http://b.test/",
                &format!(
                    "! {}:5 bad json line (expected an object with a string \"url\" field)",
                    dir.path().join("urls.txt").display()
                )
            ]
        );
    }

    #[test]
    fn csv_uses_the_url_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("urls.csv");
        std::fs::write(
            &path,
            "id,URL\n1,http://a.test/?q=1,2\n2,\"http://b.test/a,b\"\n",
        )
        .unwrap();
        assert_eq!(
            collect(&[ListSource::File(path)]),
            ["http://a.test/?q=1", "http://b.test/a,b"]
        );
    }

    #[test]
    fn normalize_lowercases_host_drops_default_port_and_fragment() {
        let a = normalize("HTTP://Example.COM:80/a?b=1#frag").unwrap();
        assert_eq!(a.as_str(), "http://example.com/a?b=1");
        assert!(matches!(
            normalize("ftp://x.test/"),
            Err(ListError::UnsupportedScheme { .. })
        ));
        assert!(matches!(
            normalize("not a url"),
            Err(ListError::InvalidUrl(_))
        ));
    }

    #[test]
    fn a_host_without_scheme_gets_a_hint() {
        for (raw, hint) in [
            ("example.com", "https://example.com"),
            ("www.example.com/a?b=1", "https://www.example.com/a?b=1"),
            ("example.com:8080/a", "https://example.com:8080/a"),
        ] {
            let error = normalize(raw).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("invalid url (no scheme): did you mean {hint}?")
            );
            assert_eq!(error.kind(), "invalid url");
        }
        // Not host-like: the plain error.
        for raw in ["not a url", "index.html is here", "/a/b.html"] {
            assert!(
                matches!(normalize(raw), Err(ListError::InvalidUrl(_))),
                "{raw}"
            );
        }
    }

    #[test]
    fn args_are_classified() {
        assert_eq!(ListSource::from_arg("-"), ListSource::Stdin);
        assert_eq!(
            ListSource::from_arg("HTTPS://x.test/"),
            ListSource::Url("HTTPS://x.test/".into())
        );
        assert_eq!(
            ListSource::from_arg("urls.txt"),
            ListSource::File("urls.txt".into())
        );
    }
}
