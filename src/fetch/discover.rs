//! Discovery: sitemaps and feeds -> article URLs for the fetch stage.
//!
//! ```text
//! --sitemap URL: a sitemap (<urlset>), a sitemap index (<sitemapindex>, followed to
//!                MAX_SITEMAP_DEPTH levels), or a site root (path `/`), whose robots.txt
//!                `Sitemap:` lines name the sitemaps (else /sitemap.xml)
//! --feed URL:    an RSS (2.0 or 1.0) or Atom feed
//!    --> documents fetched one at a time (robots.txt, per-host delay, retries)
//!    --> article URLs: same host as the seed (`www.` ignored) unless `any_host`, each once,
//!        at most `max_urls` --> the fetch stage's list, like URLs given on the command line
//! ```
//! Any document may be any kind: search engines accept feeds (and plain-text URL lists) as
//! sitemaps, so the flag only decides what a site root means. gzip is recognised by its magic
//! bytes, not by the name: `.xml.gz` files are often served without `Content-Encoding`.
//!
//! The parsing functions ([`parse_document`], [`robots_sitemaps`], [`host_key`]) are pure;
//! [`discover`] runs them over HTTP on its own small runtime. The documents themselves are
//! never records: only the article URLs they list go on to the fetch stage.
//!
//! Errors: a flag's URL (or a site root's `/sitemap.xml`) that cannot be fetched or parsed
//! stops the run with a [`DiscoverError`] naming the URL and the reason. A sitemap listed in
//! an index or in robots.txt that fails is a warning, and the others are still read; only
//! when nothing at all was discovered does the first such failure become the error.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use thiserror::Error;
use tokio::time::Instant;
use url::Url;

use super::robots::Robots;
use super::{FetchError, FetchSettings, Fetcher};
use crate::input::url_list::{self, ListError};

/// Largest sitemap or feed read, after decompression: the sitemaps.org protocol caps a
/// sitemap file at 50 MB (and 50,000 URLs) uncompressed.
pub const MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// Index levels followed below a seed. sitemaps.org says an index lists sitemaps, not other
/// indexes, but some sites nest one more level; past three levels it is a loop or a trap.
pub const MAX_SITEMAP_DEPTH: usize = 3;

/// Whether a seed URL was given as a sitemap or as a feed: what a site root means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedKind {
    /// `--sitemap`: a site root is read through its robots.txt `Sitemap:` lines.
    Sitemap,
    /// `--feed`: the URL is the feed.
    Feed,
}

impl SeedKind {
    fn name(self) -> &'static str {
        match self {
            Self::Sitemap => "sitemap",
            Self::Feed => "feed",
        }
    }
}

/// One `--sitemap` or `--feed` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    /// How it was given.
    pub kind: SeedKind,
    /// The URL as written.
    pub url: String,
}

/// Limits of a discovery run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// At most this many article URLs, all seeds together; `None`: no cap.
    pub max_urls: Option<usize>,
    /// Keep article URLs on any host, not only the seed's own.
    pub any_host: bool,
}

/// What a discovery run found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Discovered {
    /// Article URLs (normalized), in document order, each once.
    pub urls: Vec<String>,
    /// Sitemaps and feeds read.
    pub documents: usize,
    /// Article URLs left out because their host is not the seed's.
    pub off_host: usize,
    /// Article URLs listed more than once (kept once).
    pub duplicates: usize,
    /// Entries that are not http(s) URLs.
    pub invalid: usize,
    /// Listed sitemaps that could not be read (each logged as a warning).
    pub failed: usize,
    /// Whether `max_urls` stopped the discovery.
    pub capped: bool,
}

impl std::fmt::Display for Discovered {
    /// `discovered 3 article URLs in 2 documents (1 off-host skipped, ...)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, one: &'static str, many: &'static str| {
            format!("{n} {}", if n == 1 { one } else { many })
        };
        write!(
            f,
            "discovered {} in {}",
            plural(self.urls.len(), "article URL", "article URLs"),
            plural(self.documents, "document", "documents")
        )?;
        let mut notes = Vec::new();
        if self.off_host > 0 {
            notes.push(plural(
                self.off_host,
                "off-host URL skipped",
                "off-host URLs skipped",
            ));
        }
        if self.duplicates > 0 {
            notes.push(plural(self.duplicates, "duplicate", "duplicates"));
        }
        if self.invalid > 0 {
            notes.push(plural(self.invalid, "invalid entry", "invalid entries"));
        }
        if self.failed > 0 {
            notes.push(plural(
                self.failed,
                "sitemap unreadable",
                "sitemaps unreadable",
            ));
        }
        if self.capped {
            notes.push("--max-urls reached".into());
        }
        if !notes.is_empty() {
            write!(f, " ({})", notes.join(", "))?;
        }
        if self.off_host > 0 {
            write!(f, "; --any-host keeps off-host URLs")?;
        }
        Ok(())
    }
}

/// Why discovery stopped. Each names the document's URL and how it was given.
#[derive(Debug, Error)]
pub enum DiscoverError {
    /// The seed is not an http(s) URL.
    #[error("{what} {url}")]
    BadUrl {
        /// `sitemap` or `feed`.
        what: &'static str,
        /// As written.
        url: String,
        /// Why.
        #[source]
        source: ListError,
    },
    /// The document could not be fetched.
    #[error("{what} {url}: cannot fetch")]
    Fetch {
        /// `sitemap` or `feed`.
        what: &'static str,
        /// The document's URL.
        url: String,
        /// Why.
        #[source]
        source: FetchError,
    },
    /// robots.txt disallows the document for our user agent.
    #[error("{what} {url}: disallowed by robots.txt")]
    Disallowed {
        /// `sitemap` or `feed`.
        what: &'static str,
        /// The document's URL.
        url: String,
    },
    /// The document is not a sitemap or a feed.
    #[error("{what} {url}: not a sitemap or feed")]
    Parse {
        /// `sitemap` or `feed`.
        what: &'static str,
        /// The document's URL.
        url: String,
        /// Why.
        #[source]
        source: ParseError,
    },
    /// A site root's robots.txt names no sitemap, and `/sitemap.xml` failed too.
    #[error("sitemap {root}: robots.txt lists no sitemap, and the usual place failed")]
    NoSitemap {
        /// The site root.
        root: String,
        /// How `/sitemap.xml` failed.
        #[source]
        source: Box<DiscoverError>,
    },
    /// The runtime or the HTTP client could not be built.
    #[error("cannot start fetching")]
    Setup(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Why a document is not a sitemap or a feed.
#[derive(Debug, Error)]
pub enum ParseError {
    /// The body is empty.
    #[error("empty document")]
    Empty,
    /// gzip data that does not decompress.
    #[error("corrupt gzip data")]
    Gzip(#[source] std::io::Error),
    /// More than [`MAX_DOCUMENT_BYTES`] after decompression.
    #[error("larger than {limit} bytes after decompression")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// Not UTF-8, and no BOM or XML declaration names an encoding that decodes it.
    #[error("not text in a known encoding")]
    NotText,
    /// An HTML page.
    #[error("an HTML page")]
    Html,
    /// Not well-formed XML.
    #[error("malformed XML at byte {position}")]
    Xml {
        /// Byte offset of the error in the (decoded) text.
        position: u64,
        /// The parser's message.
        #[source]
        source: XmlError,
    },
    /// The document ends inside an element.
    #[error("malformed XML: the document ends inside <{name}>")]
    Unclosed {
        /// The innermost open element.
        name: String,
    },
    /// XML whose root is not a sitemap's or a feed's.
    #[error(
        "unexpected root element <{name}> (expected urlset, sitemapindex, rss, rdf:RDF or feed)"
    )]
    Root {
        /// The root's name as written.
        name: String,
    },
    /// Neither XML nor a text sitemap (one URL per line).
    #[error("neither XML nor a list of URLs (line {line} is not a URL)")]
    NotUrlList {
        /// The first line that is not an http(s) URL (from 1).
        line: usize,
    },
}

/// quick-xml's error, shown once: its message already includes its cause's, so the cause is
/// not chained again.
#[derive(Debug)]
pub struct XmlError(pub quick_xml::Error);

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for XmlError {}

/// The kind of a parsed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// `<urlset>`: article URLs.
    UrlSet,
    /// `<sitemapindex>`: sitemap URLs.
    SitemapIndex,
    /// A text sitemap: one URL per line.
    Text,
    /// RSS 2.0 `<rss>` or RSS 1.0 `<rdf:RDF>`: item links.
    Rss,
    /// Atom `<feed>`: entry links.
    Atom,
}

/// A parsed sitemap or feed: its links as written (trimmed, unescaped), in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// What it is.
    pub kind: DocumentKind,
    /// Sitemap URLs for an index, article URLs otherwise; possibly relative.
    pub links: Vec<String>,
}

/// Decompresses `body` when it starts with the gzip magic bytes (`1f 8b`), reading at most
/// `cap` bytes; other bodies come back as they are.
///
/// # Errors
/// [`ParseError::Gzip`] for corrupt data, [`ParseError::TooLarge`] past `cap`.
pub fn gunzip(body: &[u8], cap: u64) -> Result<Cow<'_, [u8]>, ParseError> {
    if !body.starts_with(&[0x1f, 0x8b]) {
        return Ok(Cow::Borrowed(body));
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(body)
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(ParseError::Gzip)?;
    if out.len() as u64 > cap {
        return Err(ParseError::TooLarge { limit: cap });
    }
    Ok(Cow::Owned(out))
}

/// Parses a sitemap, sitemap index or feed (gzip or not; XML, or a text sitemap).
///
/// # Errors
/// A [`ParseError`] saying why the body is none of them.
pub fn parse_document(body: &[u8]) -> Result<Document, ParseError> {
    let body = gunzip(body, MAX_DOCUMENT_BYTES)?;
    let text = decode(&body)?;
    let start = text.trim_start();
    if start.is_empty() {
        return Err(ParseError::Empty);
    }
    if !start.starts_with('<') {
        return parse_text_sitemap(start);
    }
    let head = start.get(..64).unwrap_or(start).to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(ParseError::Html);
    }
    parse_xml(&text)
}

/// The document as text: a BOM's encoding, else UTF-8, else the encoding its XML declaration
/// names. Never a lossy decode: URLs are compared and fetched as written.
fn decode(body: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(body) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&body[bom..])
            .ok_or(ParseError::NotText);
    }
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(Cow::Borrowed(text));
    }
    declared_encoding(body)
        .and_then(|encoding| encoding.decode_without_bom_handling_and_without_replacement(body))
        .ok_or(ParseError::NotText)
}

/// The `encoding="..."` of an XML declaration (`<?xml version="1.0" encoding="..."?>`).
fn declared_encoding(body: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = body.get(..200).unwrap_or(body);
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let rest = decl.strip_prefix("<?xml")?.split("encoding").nth(1)?;
    let value = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = value[1..].split(quote).next()?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// A text sitemap (sitemaps.org): one absolute URL per line, nothing else.
fn parse_text_sitemap(text: &str) -> Result<Document, ParseError> {
    let mut links = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let lower = line.get(..8).unwrap_or(line).to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(ParseError::NotUrlList { line: index + 1 });
        }
        links.push(line.to_string());
    }
    Ok(Document {
        kind: DocumentKind::Text,
        links,
    })
}

/// A pull parse that keeps only the link elements of the document's kind. Entities are not
/// expanded beyond XML's five and character references (no DTD is read), so a hostile
/// document costs its size and no more.
fn parse_xml(text: &str) -> Result<Document, ParseError> {
    let mut reader = Reader::from_str(text);
    let mut links = Links::default();
    let mut open: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|error| ParseError::Xml {
            position: reader.error_position(),
            source: XmlError(error),
        })?;
        let ill_formed = |error| ParseError::Xml {
            position: reader.buffer_position(),
            source: XmlError(error),
        };
        match event {
            Event::Start(element) => {
                links.open(&element, &open, false)?;
                open.push(element.name().as_ref().to_string());
            }
            Event::Empty(element) => links.open(&element, &open, true)?,
            Event::End(_) => {
                let name = open.pop().unwrap_or_default();
                links.close(&name, &open);
            }
            Event::Text(text) => links.text(&text.xml10_content()),
            Event::CData(data) => links.text(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                match reference.resolve_char_ref().map_err(ill_formed)? {
                    Some(c) => links.text(c.encode_utf8(&mut [0; 4])),
                    None => match quick_xml::escape::resolve_predefined_entity(&reference) {
                        Some(s) => links.text(s),
                        None => links.text(&format!("&{};", &*reference)),
                    },
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(name) = open.pop() {
        return Err(ParseError::Unclosed { name });
    }
    let kind = links.kind.ok_or(ParseError::Empty)?;
    Ok(Document {
        kind,
        links: links.found,
    })
}

/// The state of [`parse_xml`]: the document's kind (from its root) and the link being read.
#[derive(Default)]
struct Links {
    kind: Option<DocumentKind>,
    found: Vec<String>,
    /// Text of the element being captured (a `<loc>`, an RSS `<link>` or `<guid>`).
    capture: Option<String>,
    /// The current RSS item or Atom entry.
    entry: Entry,
}

/// Links of one RSS item or Atom entry; the best one is kept when it closes.
#[derive(Default)]
struct Entry {
    /// RSS `<link>`, or Atom `<link rel="alternate">`.
    link: Option<String>,
    /// RSS `<guid>` that is a permalink (the default); Atom's first `<link>` of any rel.
    fallback: Option<String>,
    /// Whether the `<guid>` being read is a permalink.
    guid_is_permalink: bool,
}

/// The local part of a qualified name (`sm:loc` -> `loc`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl Links {
    fn open(
        &mut self,
        element: &BytesStart<'_>,
        open: &[String],
        empty: bool,
    ) -> Result<(), ParseError> {
        let name = element.name();
        let name = name.as_ref();
        let parent = open.last().map(String::as_str);
        let Some(kind) = self.kind else {
            self.kind = Some(match local(name) {
                "urlset" => DocumentKind::UrlSet,
                "sitemapindex" => DocumentKind::SitemapIndex,
                "RDF" => DocumentKind::Rss,
                "rss" => DocumentKind::Rss,
                "feed" => DocumentKind::Atom,
                "html" => return Err(ParseError::Html),
                _ => {
                    return Err(ParseError::Root {
                        name: name.to_string(),
                    });
                }
            });
            return Ok(());
        };
        match kind {
            // Sitemap elements are in the sitemaps.org namespace, sometimes with a prefix.
            DocumentKind::UrlSet | DocumentKind::SitemapIndex => {
                let entry = if kind == DocumentKind::UrlSet {
                    "url"
                } else {
                    "sitemap"
                };
                if local(name) == "loc" && parent.map(local) == Some(entry) && !empty {
                    self.capture = Some(String::new());
                }
            }
            // RSS elements have no namespace: a prefixed `<atom:link>` in an item is not the
            // item's link.
            DocumentKind::Rss => match (name, parent) {
                ("item", _) => self.entry = Entry::default(),
                ("link", Some("item")) if !empty => self.capture = Some(String::new()),
                ("guid", Some("item")) if !empty => {
                    self.entry.guid_is_permalink = attribute(element, "isPermaLink")
                        .is_none_or(|v| !v.trim().eq_ignore_ascii_case("false"));
                    self.capture = Some(String::new());
                }
                _ => {}
            },
            // Atom: `<link href rel>`; rel defaults to "alternate" (RFC 4287, 4.2.7.2).
            DocumentKind::Atom => match (local(name), parent.map(local)) {
                ("entry", _) => self.entry = Entry::default(),
                ("link", Some("entry")) => {
                    if let Some(href) = attribute(element, "href").filter(|h| !h.trim().is_empty())
                    {
                        let href = href.trim().to_string();
                        let rel = attribute(element, "rel");
                        if rel.as_deref().is_none_or(|r| r.trim() == "alternate")
                            && self.entry.link.is_none()
                        {
                            self.entry.link = Some(href.clone());
                        }
                        self.entry.fallback.get_or_insert(href);
                    }
                }
                _ => {}
            },
            DocumentKind::Text => {}
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        if let Some(capture) = &mut self.capture {
            capture.push_str(text);
        }
    }

    /// `name` has just closed; `open` are its ancestors.
    fn close(&mut self, name: &str, open: &[String]) {
        let Some(kind) = self.kind else { return };
        let parent = open.last().map(String::as_str);
        match kind {
            DocumentKind::UrlSet | DocumentKind::SitemapIndex => {
                if local(name) == "loc"
                    && let Some(text) = self.capture.take()
                    && !text.trim().is_empty()
                {
                    self.found.push(text.trim().to_string());
                }
            }
            DocumentKind::Rss => match (name, parent) {
                ("link", Some("item")) => {
                    let text = self.capture.take().unwrap_or_default();
                    if self.entry.link.is_none() && !text.trim().is_empty() {
                        self.entry.link = Some(text.trim().to_string());
                    }
                }
                ("guid", Some("item")) => {
                    let text = self.capture.take().unwrap_or_default();
                    let text = text.trim();
                    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
                    let is_url = lower.starts_with("http://") || lower.starts_with("https://");
                    if self.entry.guid_is_permalink && is_url {
                        self.entry.fallback = Some(text.to_string());
                    }
                }
                ("item", _) => self.take_entry(),
                _ => {}
            },
            DocumentKind::Atom => {
                if local(name) == "entry" {
                    self.take_entry();
                }
            }
            DocumentKind::Text => {}
        }
    }

    fn take_entry(&mut self) {
        let entry = std::mem::take(&mut self.entry);
        if let Some(link) = entry.link.or(entry.fallback) {
            self.found.push(link);
        }
    }
}

/// An attribute's unescaped value, by local name.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// The `Sitemap:` lines of a robots.txt, in order (the field name is case-insensitive;
/// `#` starts a comment, as in RFC 9309).
pub fn robots_sitemaps(body: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(body)
        .lines()
        .filter_map(|line| {
            let line = line.split('#').next().unwrap_or("");
            let (key, value) = line.split_once(':')?;
            let value = value.trim();
            (key.trim().eq_ignore_ascii_case("sitemap") && !value.is_empty())
                .then(|| value.to_string())
        })
        .collect()
}

/// The host a URL belongs to for the same-host rule: lower-cased, a leading `www.` removed,
/// the port ignored (`https://WWW.Example.com:8080/a` -> `example.com`).
pub fn host_key(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// Whether a URL is a site root (path `/`, no query): `--sitemap` reads its robots.txt.
fn is_site_root(url: &Url) -> bool {
    url.path() == "/" && url.query().is_none()
}

/// Reads every seed's documents and returns the article URLs they list.
///
/// # Errors
/// A [`DiscoverError`] for a seed that is not a URL or cannot be fetched or parsed, for a
/// runtime that cannot start, or for the first listed sitemap that failed when nothing at all
/// was discovered.
pub fn discover(
    settings: &FetchSettings,
    seeds: &[Seed],
    options: &DiscoverOptions,
) -> Result<Discovered, DiscoverError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| DiscoverError::Setup(Box::new(e)))?;
    let fetcher = {
        let _guard = runtime.enter();
        Fetcher::new(settings.clone()).map_err(|e| DiscoverError::Setup(Box::new(e)))?
    };
    let mut walker = Walker {
        fetcher: Arc::new(fetcher),
        options,
        origins: HashMap::new(),
        documents: HashSet::new(),
        urls: HashSet::new(),
        found: Discovered::default(),
        first_failure: None,
    };
    runtime.block_on(async {
        for seed in seeds {
            if walker.is_full() {
                break;
            }
            walker.seed(seed).await?;
        }
        Ok::<(), DiscoverError>(())
    })?;
    match walker.first_failure {
        Some(error) if walker.found.urls.is_empty() => Err(error),
        _ => Ok(walker.found),
    }
}

/// One document to read.
struct Pending {
    url: Url,
    /// Index levels above it.
    depth: usize,
    /// The seed's host (for the same-host rule).
    host: Option<String>,
    /// Why it is read: what a failure means.
    role: Role,
}

/// Why a document is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The flag's URL: a failure stops the run.
    Seed,
    /// `/sitemap.xml` of a site root whose robots.txt names no sitemap: a failure stops the
    /// run, saying so.
    Fallback,
    /// Named by an index or by robots.txt: a failure is a warning.
    Listed,
}

/// Per origin: robots.txt and when the next request may start.
struct Origin {
    robots: Robots,
    sitemaps: Vec<String>,
    delay: Duration,
    next_start: Instant,
}

struct Walker<'a> {
    fetcher: Arc<Fetcher>,
    options: &'a DiscoverOptions,
    origins: HashMap<String, Origin>,
    /// Documents already read (loops in indexes).
    documents: HashSet<String>,
    /// Article URLs already kept.
    urls: HashSet<String>,
    found: Discovered,
    first_failure: Option<DiscoverError>,
}

impl Walker<'_> {
    fn is_full(&self) -> bool {
        self.options
            .max_urls
            .is_some_and(|max| self.found.urls.len() >= max)
    }

    async fn seed(&mut self, seed: &Seed) -> Result<(), DiscoverError> {
        let what = seed.kind.name();
        let url = url_list::normalize(seed.url.trim()).map_err(|source| DiscoverError::BadUrl {
            what,
            url: seed.url.clone(),
            source,
        })?;
        let host = host_key(&url);
        let mut queue = VecDeque::new();
        if seed.kind == SeedKind::Sitemap && is_site_root(&url) {
            // The sitemaps robots.txt names may be on other hosts (sitemaps.org allows that
            // through robots.txt); their articles still answer to the seed's host.
            let listed = self.origin(&url).await.sitemaps.clone();
            let listed: Vec<Url> = listed.iter().filter_map(|s| url.join(s).ok()).collect();
            if listed.is_empty() {
                let fallback = url.join("/sitemap.xml").expect("a root joins a path");
                tracing::info!(url = %url, "robots.txt names no sitemap; trying {fallback}");
                queue.push_back(pending(fallback, &host, Role::Fallback));
            }
            queue.extend(listed.into_iter().map(|u| pending(u, &host, Role::Listed)));
        } else {
            queue.push_back(pending(url.clone(), &host, Role::Seed));
        }
        while let Some(next) = queue.pop_front() {
            if self.is_full() {
                self.found.capped = true;
                break;
            }
            if !self.documents.insert(next.url.as_str().to_string()) {
                continue;
            }
            let document = match self.read(&next.url, what).await {
                Ok(document) => document,
                Err(error) => match next.role {
                    Role::Seed => return Err(error),
                    Role::Fallback => {
                        return Err(DiscoverError::NoSitemap {
                            root: url.to_string(),
                            source: Box::new(error),
                        });
                    }
                    Role::Listed => {
                        tracing::warn!("{}", crate::error::error_chain(&error));
                        self.found.failed += 1;
                        self.first_failure.get_or_insert(error);
                        continue;
                    }
                },
            };
            self.found.documents += 1;
            if document.kind == DocumentKind::SitemapIndex {
                self.follow_index(&next, document.links, &mut queue);
            } else {
                self.keep_articles(&next, &document.links);
            }
        }
        Ok(())
    }

    /// Queues the sitemaps an index lists (same host unless `any_host`, to the depth limit).
    fn follow_index(&mut self, index: &Pending, links: Vec<String>, queue: &mut VecDeque<Pending>) {
        if index.depth >= MAX_SITEMAP_DEPTH {
            let n = links.len();
            tracing::warn!(
                url = %index.url,
                "sitemap index nested over {MAX_SITEMAP_DEPTH} levels; its {n} sitemaps not read"
            );
            return;
        }
        for link in links {
            let Ok(url) = index.url.join(&link) else {
                self.found.invalid += 1;
                continue;
            };
            if !matches!(url.scheme(), "http" | "https") {
                self.found.invalid += 1;
                continue;
            }
            if !self.options.any_host && host_key(&url) != index.host {
                tracing::warn!(
                    index = %index.url,
                    sitemap = %url,
                    "sitemap on another host not read (--any-host reads it)"
                );
                continue;
            }
            queue.push_back(Pending {
                url,
                depth: index.depth + 1,
                host: index.host.clone(),
                role: Role::Listed,
            });
        }
    }

    fn keep_articles(&mut self, document: &Pending, links: &[String]) {
        for link in links {
            if self.is_full() {
                self.found.capped = true;
                return;
            }
            let url = match document.url.join(link) {
                Ok(joined) => url_list::normalize(joined.as_str()),
                Err(error) => Err(ListError::InvalidUrl(error)),
            };
            let Ok(url) = url else {
                self.found.invalid += 1;
                continue;
            };
            if !self.options.any_host && host_key(&url) != document.host {
                self.found.off_host += 1;
                continue;
            }
            if self.urls.insert(url.as_str().to_string()) {
                self.found.urls.push(url.to_string());
            } else {
                self.found.duplicates += 1;
            }
        }
    }

    /// Fetches (politely, with retries) and parses one document.
    async fn read(&mut self, url: &Url, what: &'static str) -> Result<Document, DiscoverError> {
        let settings = self.fetcher.settings();
        let respect_robots = settings.respect_robots;
        let (retries, base, cap) = (
            settings.retries,
            settings.retry_base_delay,
            settings.max_retry_delay,
        );
        if respect_robots {
            let robots = &self.origin(url).await.robots;
            if !robots.allows(url.as_str()) {
                return Err(match robots {
                    Robots::Unavailable { status } => DiscoverError::Fetch {
                        what,
                        url: url.to_string(),
                        source: FetchError::RobotsUnavailable { status: *status },
                    },
                    _ => DiscoverError::Disallowed {
                        what,
                        url: url.to_string(),
                    },
                });
            }
        }
        let mut attempts = 0;
        let response = loop {
            self.wait_turn(url).await;
            attempts += 1;
            match self.fetcher.fetch_document(url, MAX_DOCUMENT_BYTES).await {
                Ok(response) => break response,
                Err(error) if error.is_retryable() && attempts <= retries => {
                    let backoff = base.saturating_mul(1 << (attempts - 1).min(16));
                    let wait = error.retry_after().unwrap_or(backoff).min(cap);
                    tracing::debug!(url = %url, error = %error, "retrying in {wait:?}");
                    tokio::time::sleep(wait).await;
                }
                Err(error) => {
                    let source = if attempts > 1 {
                        FetchError::GaveUp {
                            attempts,
                            last: Box::new(error),
                        }
                    } else {
                        error
                    };
                    return Err(DiscoverError::Fetch {
                        what,
                        url: url.to_string(),
                        source,
                    });
                }
            }
        };
        parse_document(&response.body).map_err(|source| DiscoverError::Parse {
            what,
            url: url.to_string(),
            source,
        })
    }

    /// Sleeps until the origin's delay since its last request has passed, and books the slot.
    async fn wait_turn(&mut self, url: &Url) {
        let origin = self.origin(url).await;
        tokio::time::sleep_until(origin.next_start).await;
        origin.next_start = Instant::now() + origin.delay;
    }

    /// The origin's state, fetching its robots.txt the first time when robots.txt is obeyed
    /// or the URL is a site root (for its `Sitemap:` lines).
    async fn origin(&mut self, url: &Url) -> &mut Origin {
        let key = url.origin().ascii_serialization();
        if !self.origins.contains_key(&key) {
            let settings = self.fetcher.settings();
            let mut origin = Origin {
                robots: Robots::AllowAll,
                sitemaps: Vec::new(),
                delay: settings.per_host_delay,
                next_start: Instant::now(),
            };
            if settings.respect_robots || is_site_root(url) {
                let mut root = url.clone();
                root.set_path("/");
                root.set_query(None);
                origin.next_start = Instant::now() + origin.delay;
                match self.fetcher.fetch_robots(&root).await {
                    Ok(Some(body)) => {
                        origin.sitemaps = robots_sitemaps(&body);
                        origin.robots = Robots::parse(&settings.user_agent, &body);
                    }
                    Ok(None) => {}
                    Err(FetchError::RobotsUnavailable { status }) => {
                        origin.robots = Robots::Unavailable { status };
                    }
                    Err(error) => {
                        tracing::debug!(
                            origin = %root,
                            error = %error,
                            "robots.txt not fetched; allowing all"
                        );
                    }
                }
                if !settings.respect_robots {
                    origin.robots = Robots::AllowAll;
                }
                if let Some(delay) = origin.robots.crawl_delay(settings.max_crawl_delay) {
                    origin.delay = origin.delay.max(delay);
                }
            }
            self.origins.insert(key.clone(), origin);
        }
        self.origins.get_mut(&key).expect("inserted above")
    }
}

fn pending(url: Url, host: &Option<String>, role: Role) -> Pending {
    Pending {
        url,
        depth: 0,
        host: host.clone(),
        role,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn links(body: &str) -> (DocumentKind, Vec<String>) {
        let document = parse_document(body.as_bytes()).unwrap();
        (document.kind, document.links)
    }

    fn error(body: &[u8]) -> String {
        crate::error::error_chain(&parse_document(body).unwrap_err())
    }

    #[test]
    fn urlset_locs_in_order_with_entities_and_cdata() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc> https://a.test/one?x=1&amp;y=2 </loc><lastmod>2024-01-01</lastmod>
    <image:image><image:loc>https://a.test/pic.jpg</image:loc></image:image></url>
  <!-- a comment -->
  <url><loc><![CDATA[https://a.test/two]]></loc></url>
  <url><loc>https://a.test/&#x74;hree</loc></url>
  <url><loc></loc></url>
</urlset>"#;
        assert_eq!(
            links(xml),
            (
                DocumentKind::UrlSet,
                vec![
                    "https://a.test/one?x=1&y=2".to_string(),
                    "https://a.test/two".into(),
                    "https://a.test/three".into(),
                ]
            )
        );
    }

    #[test]
    fn sitemap_index_lists_sitemaps_even_with_a_prefix() {
        let xml = r#"<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
<sm:sitemap><sm:loc>https://a.test/s1.xml</sm:loc></sm:sitemap>
<sm:sitemap><sm:loc>https://a.test/s2.xml.gz</sm:loc><sm:lastmod>x</sm:lastmod></sm:sitemap>
</sm:sitemapindex>"#;
        assert_eq!(
            links(xml),
            (
                DocumentKind::SitemapIndex,
                vec![
                    "https://a.test/s1.xml".to_string(),
                    "https://a.test/s2.xml.gz".into()
                ]
            )
        );
    }

    #[test]
    fn rss_items_link_then_permalink_guid() {
        let xml = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
  <title>News</title><link>https://a.test/</link>
  <atom:link href="https://a.test/feed" rel="self"/>
  <item><title>One</title><link>https://a.test/one</link><guid>tag:1</guid></item>
  <item><atom:link href="https://a.test/not-this"/><link>https://a.test/two</link></item>
  <item><guid isPermaLink="true">https://a.test/three</guid></item>
  <item><guid isPermaLink="false">https://a.test/not-a-permalink</guid></item>
  <item><guid>https://a.test/four</guid></item>
  <item><title>no link at all</title></item>
</channel></rss>"#;
        assert_eq!(
            links(xml),
            (
                DocumentKind::Rss,
                vec![
                    "https://a.test/one".to_string(),
                    "https://a.test/two".into(),
                    "https://a.test/three".into(),
                    "https://a.test/four".into(),
                ]
            )
        );
    }

    #[test]
    fn rss_1_0_items() {
        let xml = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/"><channel><link>https://a.test/</link></channel>
 <item rdf:about="https://a.test/x"><link>https://a.test/x</link></item></rdf:RDF>"#;
        assert_eq!(
            links(xml),
            (DocumentKind::Rss, vec!["https://a.test/x".to_string()])
        );
    }

    #[test]
    fn atom_entries_alternate_link_else_first_link() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
  <link href="https://a.test/" rel="alternate"/>
  <entry><link rel="edit" href="https://a.test/edit/1"/>
         <link rel="alternate" type="text/html" href="https://a.test/one?a=1&amp;b=2"/></entry>
  <entry><link href="/two"/></entry>
  <entry><link rel="enclosure" href="https://a.test/three.mp3"/></entry>
  <entry><id>urn:x</id></entry>
</feed>"#;
        assert_eq!(
            links(xml),
            (
                DocumentKind::Atom,
                vec![
                    "https://a.test/one?a=1&b=2".to_string(),
                    "/two".into(),
                    "https://a.test/three.mp3".into(),
                ]
            )
        );
    }

    #[test]
    fn text_sitemap_is_one_url_per_line() {
        assert_eq!(
            links("https://a.test/1\n\nhttp://a.test/2\r\n"),
            (
                DocumentKind::Text,
                vec!["https://a.test/1".to_string(), "http://a.test/2".into()]
            )
        );
        assert_eq!(
            error(b"https://a.test/1\nnot a url\n"),
            "neither XML nor a list of URLs (line 2 is not a URL)"
        );
    }

    #[test]
    fn malformed_documents_are_clear_errors() {
        let mismatched = error(b"<urlset><url><loc>https://a.test/</url></urlset>");
        assert!(
            mismatched.starts_with("malformed XML at byte "),
            "{mismatched}"
        );
        assert!(
            mismatched
                .ends_with(": ill-formed document: expected `</loc>`, but `</url>` was found"),
            "{mismatched}"
        );
        assert_eq!(
            error(b"<urlset><url><loc>https://a.test/</loc>"),
            "malformed XML: the document ends inside <url>"
        );
        assert_eq!(
            error(b"<?xml version=\"1.0\"?><kml><x/></kml>"),
            "unexpected root element <kml> (expected urlset, sitemapindex, rss, rdf:RDF or feed)"
        );
        assert_eq!(
            error(b"<!DOCTYPE html><html><body>hi</body></html>"),
            "an HTML page"
        );
        assert_eq!(error(b"<html><body>hi</body></html>"), "an HTML page");
        assert_eq!(error(b"  \n"), "empty document");
        assert_eq!(error(b"<?xml version=\"1.0\"?>"), "empty document");
        assert_eq!(error(b"\xff\xfe\xfd<x"), "not text in a known encoding");
    }

    #[test]
    fn gzip_is_detected_by_magic_bytes() {
        let xml = "<urlset><url><loc>https://a.test/gz</loc></url></urlset>";
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(xml.as_bytes()).unwrap();
        let gz = encoder.finish().unwrap();
        let document = parse_document(&gz).unwrap();
        assert_eq!(document.links, ["https://a.test/gz"]);
        // Not gzip: passed through untouched.
        assert!(matches!(gunzip(b"<urlset/>", 10), Ok(Cow::Borrowed(_))));
        // Over the cap, corrupt.
        assert!(matches!(
            gunzip(&gz, 10),
            Err(ParseError::TooLarge { limit: 10 })
        ));
        let mut corrupt = gz.clone();
        corrupt.truncate(gz.len() / 2);
        let corrupt = error(&corrupt);
        assert!(corrupt.starts_with("corrupt gzip data: "), "{corrupt}");
    }

    #[test]
    fn declared_latin1_decodes() {
        let mut body =
            b"<?xml version='1.0' encoding='ISO-8859-1'?><urlset><url><loc>https://a.test/caf"
                .to_vec();
        body.push(0xe9);
        body.extend_from_slice(b"</loc></url></urlset>");
        assert_eq!(
            parse_document(&body).unwrap().links,
            ["https://a.test/caf\u{e9}"]
        );
    }

    #[test]
    fn robots_sitemap_lines() {
        let robots = b"User-agent: *\nDisallow: /x # no\nSitemap: https://a.test/s1.xml\n\
            sitemap:https://cdn.test/s2.xml.gz   \n# Sitemap: https://a.test/commented\n\
            SITEMAP : /relative.xml\nSitemap:\n";
        assert_eq!(
            robots_sitemaps(robots),
            [
                "https://a.test/s1.xml",
                "https://cdn.test/s2.xml.gz",
                "/relative.xml"
            ]
        );
        assert!(robots_sitemaps(b"User-agent: *\nDisallow:\n").is_empty());
    }

    #[test]
    fn hosts_compare_lowercased_without_www_or_port() {
        let key = |u: &str| host_key(&Url::parse(u).unwrap());
        assert_eq!(
            key("https://WWW.Example.com:8080/a"),
            key("http://example.com/")
        );
        assert_ne!(
            key("https://news.example.com/"),
            key("https://example.com/")
        );
        assert_eq!(key("http://127.0.0.2:81/").as_deref(), Some("127.0.0.2"));
    }

    #[test]
    fn summary_line_names_what_was_left_out() {
        let found = Discovered {
            urls: vec!["https://a.test/1".into()],
            documents: 3,
            off_host: 2,
            duplicates: 1,
            capped: true,
            ..Discovered::default()
        };
        assert_eq!(
            found.to_string(),
            "discovered 1 article URL in 3 documents (2 off-host URLs skipped, 1 duplicate, \
             --max-urls reached); --any-host keeps off-host URLs"
        );
    }
}
