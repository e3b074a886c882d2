//! Metadata: `<head>` tags, JSON-LD, bylines and URL patterns -> [`Metadata`].
//!
//! Sources are tried in a fixed priority order per field (JSON-LD, then meta tags, then
//! markup, then the URL); every candidate is validated (authors are names, dates are sane
//! calendar dates) and the first valid one wins. Deterministic: no clock; "not in the future"
//! is a fixed upper year from the config plus "not after the page's modification date".

use super::text_key::text_key;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::Value;
use url::Url;

use crate::article::Metadata;

use super::dom::{Doc, collapse_ws};
use super::selectors as sel;

/// Oldest year accepted for a publication date (the web before this is not in scope).
const MIN_YEAR: i32 = 1990;

/// Everything the metadata pass needs from the rest of the extractor.
pub(crate) struct MetaInput<'a> {
    /// The page.
    pub doc: &'a Doc,
    /// Page URL, if known.
    pub url: Option<&'a Url>,
    /// Extracted body text (language detection fallback).
    pub body_text: &'a str,
    /// Latest acceptable year for dates.
    pub max_year: i32,
}

#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
    website: Option<String>,
    language: Option<String>,
    keywords: Vec<String>,
    image: Option<String>,
    description: Option<String>,
    /// A `WebPage` node (or a `...Page` subtype) carries `datePublished`.
    page_dated: bool,
    /// An article node (not a page) is among the top-level objects and their `@graph` and
    /// `mainEntity` nodes.
    article_node: bool,
}

/// Meta tags keyed by lowercased `name` / `property` / `itemprop` / `http-equiv`; values in
/// page order.
struct MetaTags(HashMap<String, Vec<String>>);

impl MetaTags {
    fn collect(doc: &Doc) -> Self {
        let mut m: HashMap<String, Vec<String>> = HashMap::new();
        for i in 0..doc.nodes.len() {
            let Some(e) = doc.elem(i) else { continue };
            if e.tag != "meta" {
                continue;
            }
            let Some(content) = e.attr("content") else {
                continue;
            };
            let content = collapse_ws(&html_unescape(content));
            if content.is_empty() {
                continue;
            }
            for key in ["name", "property", "itemprop", "http-equiv"] {
                if let Some(k) = e.attr(key) {
                    // `property` may hold several space-separated names.
                    for k in k.split_whitespace() {
                        m.entry(k.to_ascii_lowercase())
                            .or_default()
                            .push(content.clone());
                    }
                }
            }
        }
        Self(m)
    }

    fn first(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.first()).map(String::as_str)
    }

    fn all(&self, key: &str) -> &[String] {
        self.0.get(key).map_or(&[], Vec::as_slice)
    }
}

fn html_unescape(s: &str) -> String {
    if s.contains('&') {
        html_escape::decode_html_entities(s).into_owned()
    } else {
        s.to_string()
    }
}

/// Extracts page metadata, and whether its publication date is only the stamp a CMS puts on
/// every page (see `dated_as_page_only`).
pub(crate) fn extract_meta(input: &MetaInput<'_>) -> (Metadata, bool) {
    let doc = input.doc;
    let tags = MetaTags::collect(doc);
    let ld = parse_json_ld(doc);

    let site_name = ld_or_meta_site(&tags, &ld).or_else(|| input.url.and_then(host_name));
    let h1 = headline_h1(doc);
    let title = pick_title(
        doc,
        &tags,
        &ld,
        h1.as_deref(),
        site_name.as_deref(),
        input.url,
    );

    let author = pick_author(doc, &tags, &ld, site_name.as_deref());

    let modified = ld
        .modified
        .iter()
        .map(String::as_str)
        .chain(sel::MODIFIED_META.iter().filter_map(|k| tags.first(k)))
        .find_map(|d| normalize_date(d, input.max_year));
    let bound = modified
        .as_deref()
        .and_then(date_part)
        .and_then(|b| NaiveDate::parse_from_str(b, "%Y-%m-%d").ok());
    let published = pick_published(doc, &tags, &ld, input.url, input.max_year, bound);

    let language = pick_language(doc, &tags, &ld, input.body_text);
    let canonical_url = link_rel(doc, "canonical")
        .or_else(|| tags.first("og:url").map(str::to_string))
        .map(|u| absolutize(&u, input.url));
    let description = tags
        .first("description")
        .or_else(|| tags.first("og:description"))
        .or_else(|| tags.first("twitter:description"))
        .map(str::to_string)
        .or(ld.description.clone());
    let image = tags
        .first("og:image")
        .or_else(|| tags.first("og:image:url"))
        .or_else(|| tags.first("twitter:image"))
        .or_else(|| tags.first("twitter:image:src"))
        .map(str::to_string)
        .or(ld.image.clone())
        .map(|u| absolutize(&u, input.url));
    let mut tag_list: Vec<String> = Vec::new();
    let mut push_tag = |t: &str| {
        let t = collapse_ws(t);
        if !t.is_empty()
            && t.chars().count() <= 80
            && !tag_list.iter().any(|x| x.eq_ignore_ascii_case(&t))
        {
            tag_list.push(t);
        }
    };
    for t in tags.all("article:section") {
        push_tag(t);
    }
    for t in tags.all("article:tag") {
        push_tag(t);
    }
    for t in tags.all("keywords").iter().chain(tags.all("news_keywords")) {
        for k in t.split([',', ';']) {
            push_tag(k);
        }
    }
    for k in &ld.keywords {
        push_tag(k);
    }

    let meta = Metadata {
        title,
        author,
        published,
        modified,
        language,
        site_name,
        canonical_url,
        description,
        image,
        tags: tag_list,
        ..Metadata::default()
    };
    (meta, dated_as_page_only(&tags, &ld))
}

fn absolutize(u: &str, base: Option<&Url>) -> String {
    match base {
        Some(b) => b.join(u).map_or_else(|_| u.to_string(), |x| x.to_string()),
        None => u.to_string(),
    }
}

fn host_name(url: &Url) -> Option<String> {
    let h = url.host_str()?;
    Some(h.strip_prefix("www.").unwrap_or(h).to_string())
}

fn link_rel(doc: &Doc, rel: &str) -> Option<String> {
    (0..doc.nodes.len()).find_map(|i| {
        let e = doc.elem(i)?;
        if e.tag != "link" {
            return None;
        }
        let r = e.attr("rel")?;
        if r.split_whitespace().any(|x| x.eq_ignore_ascii_case(rel)) {
            e.attr("href")
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
        } else {
            None
        }
    })
}

fn first_text(doc: &Doc, tag: &str) -> Option<String> {
    (0..doc.nodes.len()).find_map(|i| {
        if doc.tag(i) != tag {
            return None;
        }
        let t = heading_text(doc, i, |_| false);
        (!t.is_empty()).then_some(t)
    })
}

/// The text of a heading as a browser shows it: whitespace collapsed, and a space where a
/// `<br>` or a block-level element breaks the line. Headlines are often set on two lines
/// (`Truckwash A31<br>Das etwas ...`, a kicker `<div>` before the headline `<div>`), whose
/// words would otherwise run together in the title.
fn heading_text(doc: &Doc, i: usize, skip: impl Fn(usize) -> bool) -> String {
    collapse_ws(&doc.text_with_breaks(i, skip))
}

/// The page's headline `<h1>`: the first whose text is not all inside links, else the first.
/// Old and templated layouts set the site's logo or name as an `<h1>` linking home before
/// the story's own `<h1>`; a story's headline on its own page is text (a blog may link it to
/// its permalink, and when every `<h1>` is a link the first is taken as before).
fn headline_h1(doc: &Doc) -> Option<String> {
    let mut first = None;
    for i in 0..doc.nodes.len() {
        if doc.tag(i) != "h1" {
            continue;
        }
        let t = heading_text(doc, i, |_| false);
        if t.is_empty() {
            continue;
        }
        let outside_links = heading_text(doc, i, |j| doc.is_link(j));
        if !outside_links.is_empty() {
            return Some(t);
        }
        first.get_or_insert(t);
    }
    first
}

fn ld_or_meta_site(tags: &MetaTags, ld: &JsonLd) -> Option<String> {
    tags.first("og:site_name")
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| ld.website.clone())
        .or_else(|| tags.first("application-name").map(str::to_string))
        .filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------- JSON-LD

/// Every `<script type="application/ld+json">` on the page that parses as JSON, in order.
pub(super) fn json_ld_documents(doc: &Doc) -> impl Iterator<Item = Value> + '_ {
    (0..doc.nodes.len()).filter_map(|i| {
        let e = doc.elem(i)?;
        let is_ld = e.tag == "script"
            && e.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            return None;
        }
        parse_ld_text(&doc.text_of(i, |_| false))
    })
}

/// Parses the text of a JSON-LD script. Two conventions of real pages are tolerated: the
/// XHTML habit of wrapping script text in a CDATA section or an HTML comment (optionally
/// behind `//`), and raw line breaks or tabs inside strings (invalid JSON that browsers'
/// consumers of JSON-LD accept); the second is retried only when strict parsing fails.
fn parse_ld_text(raw: &str) -> Option<Value> {
    let mut t = raw.trim();
    for (open, close) in [("<![CDATA[", "]]>"), ("<!--", "-->")] {
        let head = t.strip_prefix("//").map_or(t, str::trim_start);
        if let Some(rest) = head.strip_prefix(open) {
            t = rest.trim();
            if let Some(body) = t.strip_suffix(close) {
                t = body.trim_end();
                t = t.strip_suffix("//").unwrap_or(t).trim_end();
            }
        }
    }
    serde_json::from_str::<Value>(t).ok().or_else(|| {
        if !t.bytes().any(|b| b < 0x20) {
            return None;
        }
        let cleaned: String = t
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str::<Value>(&cleaned).ok()
    })
}

/// Whether the page's only declared publication date is the one a CMS stamps on every page
/// of a site: the `datePublished` of a schema.org `WebPage` node (or of a `...Page` subtype),
/// with no article node beside it and no publication meta tag. SEO plugins (Yoast, Rank Math)
/// write that node on service, landing and shop pages as well as on posts, and add an
/// `Article`/`BlogPosting` node and `article:published_time` only for posts; so such a date
/// does not make the page a story.
fn dated_as_page_only(tags: &MetaTags, ld: &JsonLd) -> bool {
    !sel::PUBLISHED_META.iter().any(|k| tags.first(k).is_some())
        && ld.page_dated
        && !ld.article_node
}

fn parse_json_ld(doc: &Doc) -> JsonLd {
    let mut out = JsonLd::default();
    let mut article_seen = false;
    for v in json_ld_documents(doc) {
        // the page stamp (see `dated_as_page_only`) is read on the page's own nodes, not on
        // the items of a list it holds
        visit_ld_objects(
            &v,
            &["@graph", "mainEntity", "mainEntityOfPage"],
            |val, o| {
                let types = ld_types(val);
                out.article_node |= types
                    .iter()
                    .any(|t| sel::is_article_type(t) && !t.ends_with("page"));
                out.page_dated |=
                    types.iter().any(|t| t.ends_with("page")) && o.contains_key("datePublished");
            },
        );
        visit_ld_objects(
            &v,
            &[
                "@graph",
                "mainEntity",
                "mainEntityOfPage",
                "itemListElement",
            ],
            |val, o| {
                let types = ld_types(val);
                let is_article = types
                    .iter()
                    .any(|t| sel::is_article_type(t) && t != "webpage");
                let is_page = types.iter().any(|t| t == "webpage");
                if (is_article && !article_seen)
                    || (is_page && out.headline.is_none() && !article_seen)
                {
                    if is_article {
                        article_seen = true;
                        out.headline = None;
                        out.authors.clear();
                    }
                    fill_from_article(&mut out, val);
                }
                if types.iter().any(|t| t == "website")
                    && out.website.is_none()
                    && let Some(n) = o.get("name").and_then(Value::as_str)
                {
                    out.website = Some(collapse_ws(n));
                }
            },
        );
    }
    out
}

/// Visits the objects of a JSON-LD document in document order: the root, array items, and
/// what the `children` keys hold (`@graph`, `mainEntity`, ...), at most 8 levels deep.
fn visit_ld_objects<'v>(
    root: &'v Value,
    children: &[&str],
    mut visit: impl FnMut(&'v Value, &'v serde_json::Map<String, Value>),
) {
    let mut stack: Vec<(&Value, usize)> = vec![(root, 0)];
    while let Some((val, depth)) = stack.pop() {
        if depth > 8 {
            continue;
        }
        match val {
            Value::Array(a) => stack.extend(a.iter().rev().map(|x| (x, depth + 1))),
            Value::Object(o) => {
                visit(val, o);
                for key in children {
                    if let Some(x) = o.get(*key) {
                        stack.push((x, depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A JSON-LD object's `@type` values, lowercased.
pub(super) fn ld_types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn ld_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse_ws(&html_unescape(s))).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| ld_str(Some(x))),
        Value::Object(o) => ld_str(
            o.get("name")
                .or_else(|| o.get("url"))
                .or_else(|| o.get("@value")),
        ),
        _ => None,
    }
}

fn fill_from_article(out: &mut JsonLd, v: &Value) {
    if out.headline.is_none() {
        out.headline = ld_str(v.get("headline")).or_else(|| ld_str(v.get("name")));
    }
    if out.authors.is_empty() {
        let mut names = Vec::new();
        for key in ["author", "creator"] {
            match v.get(key) {
                Some(Value::Array(a)) => names.extend(a.iter().filter_map(|x| ld_str(Some(x)))),
                Some(x) => names.extend(ld_str(Some(x))),
                None => {}
            }
            if !names.is_empty() {
                break;
            }
        }
        out.authors = names;
    }
    if out.published.is_none() {
        out.published = ld_str(v.get("datePublished")).or_else(|| ld_str(v.get("dateCreated")));
    }
    if out.modified.is_none() {
        out.modified = ld_str(v.get("dateModified"));
    }
    if out.publisher.is_none() {
        out.publisher = v.get("publisher").and_then(|p| match p {
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(collapse_ws),
            Value::Array(a) => a
                .first()
                .and_then(|x| x.get("name"))
                .and_then(Value::as_str)
                .map(collapse_ws),
            Value::String(s) => Some(collapse_ws(s)),
            _ => None,
        });
    }
    if out.language.is_none() {
        out.language = ld_str(v.get("inLanguage"));
    }
    if out.keywords.is_empty() {
        match v.get("keywords") {
            Some(Value::String(s)) => {
                out.keywords = s
                    .split(',')
                    .map(collapse_ws)
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            Some(Value::Array(a)) => {
                out.keywords = a.iter().filter_map(|x| ld_str(Some(x))).collect()
            }
            _ => {}
        }
    }
    if out.image.is_none() {
        out.image = match v.get("image") {
            Some(Value::Object(o)) => o.get("url").and_then(Value::as_str).map(str::to_string),
            Some(x) => ld_str(Some(x)),
            None => None,
        };
    }
    if out.description.is_none() {
        out.description = ld_str(v.get("description"));
    }
}

// ---------------------------------------------------------------- title

fn pick_title(
    doc: &Doc,
    tags: &MetaTags,
    ld: &JsonLd,
    h1: Option<&str>,
    site: Option<&str>,
    url: Option<&Url>,
) -> Option<String> {
    let html_title = first_text(doc, "title");
    let shown: Vec<&str> = [tags.first("og:title"), html_title.as_deref(), h1]
        .into_iter()
        .flatten()
        .collect();
    let raw = ld
        .headline
        .clone()
        .filter(|hl| shown.is_empty() || shown.iter().any(|t| shares_most_words(hl, t)))
        .or_else(|| tags.first("og:title").map(str::to_string))
        .or_else(|| tags.first("twitter:title").map(str::to_string))
        .or(html_title)
        .or_else(|| h1.map(str::to_string))?;
    let raw = collapse_ws(&raw);
    // Only a `<title>` to go by, and it is a name, not a headline: the headline is the `<h1>`.
    if ld.headline.is_none()
        && tags.first("og:title").is_none()
        && tags.first("twitter:title").is_none()
        && let Some(h) = h1
        && is_name_beside_headline(&raw, h)
    {
        return Some(h.to_string());
    }
    if let Some(h) = h1
        && text_key(h) == text_key(&raw)
    {
        return Some(raw);
    }
    Some(strip_site_name(&raw, site, url, h1))
}

/// At most this many words: a `<title>` this short without a separator may be a name (the
/// site's, a section's: "Herald Sun", "Lifestyle & Entertainment") rather than a headline.
const NAME_TITLE_MAX_WORDS: usize = 4;
/// At least this many words: an `<h1>` this long is a headline, not a logo or a label.
const HEADLINE_MIN_WORDS: usize = 4;

/// A `<title>` that only names the site or section, beside the page's headline: older and
/// templated pages put the publication's name alone in `<title>` and the story's headline in
/// `<h1>`. The title is short, has no separator (so no headline is joined to the name), and
/// shares no more than a few words with an `<h1>` long enough to be a headline.
fn is_name_beside_headline(title: &str, h1: &str) -> bool {
    title.split_whitespace().count() <= NAME_TITLE_MAX_WORDS
        && !sel::TITLE_SEPARATORS.iter().any(|s| title.contains(s))
        && h1.split_whitespace().count() >= HEADLINE_MIN_WORDS
        && !shares_most_words(title, h1)
}

/// Whether most words of `a` (at least half) occur in `b`, case-insensitively. A JSON-LD
/// `headline` that the titles the page shows (`og:title`, `<title>`, `<h1>`) do not echo is
/// some other text put there (a description, a tagline), not the page's title.
fn shares_most_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() {
        return false;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    2 * shared >= wa.len()
}

/// Removes a leading or trailing site-name segment (" | Site", " - Site") from a title.
pub(crate) fn strip_site_name(
    raw: &str,
    site: Option<&str>,
    url: Option<&Url>,
    h1: Option<&str>,
) -> String {
    let host = url
        .and_then(|u| u.host_str())
        .map(text_key)
        .unwrap_or_default();
    let site_n = site.map(text_key).unwrap_or_default();
    let looks_like_site = |seg: &str| {
        let n = text_key(seg);
        !n.is_empty()
            && ((!site_n.is_empty() && (n == site_n || site_n.contains(&n) || n.contains(&site_n)))
                || (!host.is_empty() && host.contains(&n) && n.len() >= 3))
    };
    // A heading equal to one segment is the best evidence.
    if let Some(h) = h1 {
        let hn = text_key(h);
        for sep in sel::TITLE_SEPARATORS {
            if raw.contains(sep) {
                for seg in raw.split(sep) {
                    // A heading that is the site's name (a logo in an `<h1>`) is no evidence.
                    if !hn.is_empty() && text_key(seg) == hn && !looks_like_site(seg) {
                        return seg.trim().to_string();
                    }
                }
            }
        }
    }
    let mut t = raw.trim().to_string();
    for _ in 0..3 {
        let mut changed = false;
        for sep in sel::TITLE_SEPARATORS {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                let tail_words = tail.split_whitespace().count();
                let head_words = head.split_whitespace().count();
                if looks_like_site(tail)
                    || (tail_words <= 4 && head_words >= 4 && *sep != " : " && *sep != " / ")
                {
                    t = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(pos) = t.find(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                if looks_like_site(head) && tail.split_whitespace().count() >= 2 {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    t
}

// ---------------------------------------------------------------- author

fn pick_author(doc: &Doc, tags: &MetaTags, ld: &JsonLd, site: Option<&str>) -> Option<String> {
    let join = |names: Vec<String>| -> Option<String> {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            if !out.iter().any(|x| x.eq_ignore_ascii_case(&n)) {
                out.push(n);
            }
        }
        (!out.is_empty()).then(|| out.join("; "))
    };
    let ld_names: Vec<String> = ld
        .authors
        .iter()
        .flat_map(|a| validate_authors(a, site))
        .collect();
    if let Some(a) = join(ld_names) {
        return Some(a);
    }
    for key in sel::AUTHOR_META {
        for v in tags.all(key) {
            if v.starts_with("http") {
                continue;
            }
            if let Some(a) = join(validate_authors(v, site)) {
                return Some(a);
            }
        }
    }
    // Markup: rel=author, itemprop=author, class tokens "author"/"byline".
    for i in 0..doc.nodes.len() {
        let Some(e) = doc.elem(i) else { continue };
        let by_attr = e
            .attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"))
            || e.attr("itemprop")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let by_class = e.class_id().split(|c: char| !c.is_alphanumeric()).any(|t| {
            matches!(
                t,
                "author" | "byline" | "authorname" | "author_name" | "byline_author" | "autor"
            )
        });
        if !(by_attr || by_class)
            || matches!(
                e.tag.as_str(),
                "meta" | "link" | "body" | "html" | "article"
            )
        {
            continue;
        }
        if in_comments(doc, i) {
            continue;
        }
        let name_node = (i..doc.nodes[i].end)
            .find(|&j| {
                doc.elem(j)
                    .and_then(|x| x.attr("itemprop"))
                    .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            })
            .unwrap_or(i);
        // Text nodes read apart: a label and a name in separate elements
        // (`<b>Author</b>Jane Doe`) must not run together.
        let text = spaced_text(doc, name_node, &["script", "style", "time"]);
        if text.is_empty() || text.chars().count() > 120 {
            continue;
        }
        if let Some(a) = join(validate_authors(&text, site)) {
            return Some(a);
        }
    }
    // An account name is a name only when written with a space; a handle is not one.
    for key in sel::AUTHOR_ACCOUNT_META {
        for v in tags.all(key) {
            let v = v.trim().trim_start_matches('@');
            if v.contains(' ')
                && let Some(a) = join(validate_authors(v, site))
            {
                return Some(a);
            }
        }
    }
    None
}

/// Whether an element sits in a comment section (its authors are commenters).
fn in_comments(doc: &Doc, i: usize) -> bool {
    let mut cur = doc.nodes[i].parent;
    while let Some(a) = cur {
        if let Some(e) = doc.elem(a)
            && (e.class_id().contains("comment") || e.tag == "footer")
        {
            return true;
        }
        cur = doc.nodes[a].parent;
    }
    false
}

/// Splits and validates an author string: strips "By ", rejects non-names.
pub(crate) fn validate_authors(raw: &str, site: Option<&str>) -> Vec<String> {
    let raw = collapse_ws(raw);
    let raw = sel::BYLINE_PREFIX.replace(&raw, "").to_string();
    // "A B, C D" is a list of names; "Name, Title" or "City, Country" is not.
    let comma_list = raw.contains(", ")
        && raw.split(", ").all(|p| {
            let w: Vec<&str> = p.split_whitespace().collect();
            (2..=4).contains(&w.len())
                && w.iter()
                    .all(|x| x.chars().next().is_some_and(char::is_uppercase))
        });
    let raw = if comma_list {
        raw.replace(", ", "; ")
    } else {
        raw
    };
    let mut out = Vec::new();
    for part in raw.split(['|', ';', '/', '\n']).flat_map(|p| {
        let mut v = vec![p.to_string()];
        for sep in [" and ", " & ", " und ", " et ", " y ", " e "] {
            v = v
                .iter()
                .flat_map(|x| x.split(sep).map(str::to_string).collect::<Vec<_>>())
                .collect();
        }
        v
    }) {
        let s = sel::BYLINE_PREFIX.replace(part.trim(), "").to_string();
        let s = s
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
            .trim()
            .to_string();
        if is_valid_author(&s, site) {
            out.push(s);
        }
    }
    out
}

fn is_valid_author(s: &str, site: Option<&str>) -> bool {
    let chars = s.chars().count();
    let words = s.split_whitespace().count();
    if !(2..=60).contains(&chars) || words > 6 {
        return false;
    }
    if s.chars().any(|c| c.is_ascii_digit()) || s.contains('@') || s.contains("://") {
        return false;
    }
    if !s.chars().any(char::is_alphabetic) || sel::BAD_AUTHOR.is_match(s) {
        return false;
    }
    if let Some(site) = site
        && text_key(site) == text_key(s)
    {
        return false;
    }
    // A name has at least one capitalised word (scripts without case are accepted).
    s.split_whitespace().any(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
    })
}

// ---------------------------------------------------------------- dates

/// How many days a declared publication date (JSON-LD, meta tags) may lie after the
/// declared modification date: publishers schedule stories, so the last edit can come
/// before the publication time. Inferred dates (markup, URL, text) may not.
const SCHEDULED_SLACK_DAYS: u64 = 31;

/// The publication date: the first declared date (JSON-LD, meta tags, `itemprop`
/// markup) that is sane and not after the modification date plus the scheduling slack;
/// otherwise the first inferred one (markup, URL, date lines), which may not lie after the
/// modification date at all. The page text is only scanned when nothing was declared.
fn pick_published(
    doc: &Doc,
    tags: &MetaTags,
    ld: &JsonLd,
    url: Option<&Url>,
    max_year: i32,
    bound: Option<NaiveDate>,
) -> Option<String> {
    let within = |d: &str, slack: u64| match (
        bound,
        date_part(d).and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
    ) {
        (Some(b), Some(p)) => b
            .checked_add_days(chrono::Days::new(slack))
            .is_none_or(|b| p <= b),
        _ => true,
    };
    let declared = declared_dates(doc, tags, ld);
    let chosen = declared
        .iter()
        .filter_map(|d| normalize_date(d, max_year))
        .find(|d| within(d, SCHEDULED_SLACK_DAYS));
    let Some(chosen) = chosen else {
        // The standalone-date walk over the whole page runs only when the rest gave nothing.
        return inferred_dates(doc, url)
            .into_iter()
            .chain(std::iter::once_with(|| standalone_date(doc)).flatten())
            .filter_map(|d| normalize_date(&d, max_year))
            .find(|d| within(d, 0));
    };
    Some(local_day(chosen, &declared, url, max_year))
}

/// Publication dates the publisher declared, in priority order: JSON-LD
/// `datePublished`/`dateCreated`, the meta names of [`sel::PUBLISHED_META`], then
/// `itemprop="datePublished"` on markup (microdata; its `datetime`/`content`, else its text).
fn declared_dates(doc: &Doc, tags: &MetaTags, ld: &JsonLd) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(ld.published.clone());
    for k in sel::PUBLISHED_META {
        out.extend(tags.all(k).iter().cloned());
    }
    for i in 0..doc.nodes.len() {
        let Some(e) = doc.elem(i) else { continue };
        if e.tag == "meta"
            || !e
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
        {
            continue;
        }
        match e.attr("datetime").or_else(|| e.attr("content")) {
            Some(d) => out.push(d.to_string()),
            None => out.push(collapse_ws(&doc.text_of(i, |_| false))),
        }
    }
    out
}

/// A machine timestamp written in UTC (`Z`, `+00:00`) often sits a day away from the
/// publisher's local day, which is the publication date a reader sees. When the URL's date
/// or another declared timestamp of the same instant with a local offset names the day
/// next to it, that local day wins.
fn local_day(chosen: String, declared: &[String], url: Option<&Url>, max_year: i32) -> String {
    let Some(instant) = parse_instant(&chosen) else {
        return chosen;
    };
    if instant.offset().local_minus_utc() != 0 {
        return chosen;
    }
    if let Some(local) = declared.iter().find_map(|d| {
        let t = parse_instant(d)?;
        (t.offset().local_minus_utc() != 0
            && (t.timestamp() - instant.timestamp()).abs() <= SAME_INSTANT_SECS
            && t.date_naive() != instant.date_naive())
        .then(|| normalize_date(d, max_year))
        .flatten()
    }) {
        return local;
    }
    if let Some(u) = url_date(url) {
        let day = instant.date_naive();
        if day.succ_opt() == Some(u) || day.pred_opt() == Some(u) {
            return u.format("%Y-%m-%d").to_string();
        }
    }
    chosen
}

/// Two declared timestamps this many seconds apart name the same publication instant
/// (publishers round or truncate seconds differently in different tags).
const SAME_INSTANT_SECS: i64 = 120;

/// A date-time with its offset, when `raw` carries one (RFC 3339 and its variants,
/// RFC 2822).
fn parse_instant(raw: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let s = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return Some(dt);
        }
    }
    DateTime::parse_from_rfc2822(s).ok()
}

/// The date in the URL's path: `/2019/10/16/`, `/2019-10-16`, or a `16-10-2019` segment
/// (the day-first order of European CMSs).
fn url_date(url: Option<&Url>) -> Option<NaiveDate> {
    let path = url?.path();
    if let Some(c) = sel::URL_DATE.captures(path) {
        return NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    let c = sel::URL_DATE_DMY.captures(path)?;
    NaiveDate::from_ymd_opt(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
}

/// Publication dates read from markup, the URL and date lines, in priority order.
fn inferred_dates(doc: &Doc, url: Option<&Url>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Markup: <time pubdate>, then the first <time datetime>.
    let mut first_time: Option<String> = None;
    for i in 0..doc.nodes.len() {
        let Some(e) = doc.elem(i) else { continue };
        if e.tag == "time" && e.attr("pubdate").is_some() {
            if let Some(d) = e.attr("datetime").or_else(|| e.attr("content")) {
                out.push(d.to_string());
            } else {
                out.push(collapse_ws(&doc.text_of(i, |_| false)));
            }
        } else if e.tag == "time"
            && first_time.is_none()
            && let Some(d) = e.attr("datetime")
        {
            first_time = Some(d.to_string());
        }
    }
    if let Some(d) = url_date(url) {
        out.push(d.format("%Y-%m-%d").to_string());
    }
    out.extend(first_time);
    out.extend(headline_date(doc));
    // Dates written in short date/meta lines, in document order.
    for i in 0..doc.nodes.len() {
        let Some(e) = doc.elem(i) else { continue };
        if matches!(
            e.tag.as_str(),
            "script" | "style" | "head" | "body" | "html"
        ) {
            continue;
        }
        let ci = e.class_id();
        if ci.is_empty() || !sel::DATE_CLASS.is_match(&ci) {
            continue;
        }
        let text = collapse_ws(&doc.text_of(i, |j| matches!(doc.tag(j), "script" | "style")));
        if text.is_empty() || text.chars().count() > 120 {
            continue;
        }
        // Items of a meta line (`<li>Datum:</li><li>26. Januar 2022</li><li>2022</li>`)
        // run together in the element's text; read them apart when the whole fails.
        if let Some(d) =
            text_date(&text).or_else(|| text_date(&spaced_text(doc, i, &["script", "style"])))
        {
            out.push(d);
            break;
        }
    }
    out.extend(labelled_date(doc));
    out
}

/// A text run at most this long (characters) that holds a date is the date standing alone
/// (`01.02.2022`, `3. Dezember 2020`, `Nov 4, 2016`): pages print their dateline that way,
/// while a date inside a longer run is an event the text talks about.
const STANDALONE_DATE_MAX_CHARS: usize = 24;

/// The first date that stands alone in a text run of the page (see
/// [`STANDALONE_DATE_MAX_CHARS`]): the last resort when nothing declares or labels one.
fn standalone_date(doc: &Doc) -> Option<String> {
    let mut i = 0;
    while i < doc.nodes.len() {
        if matches!(doc.tag(i), "script" | "style" | "head" | "noscript") {
            i = doc.nodes[i].end.max(i + 1);
            continue;
        }
        // `text_date` reads its day and year as ASCII numbers: a run without an ASCII digit
        // (most runs, whitespace between tags among them) holds no date.
        if let super::dom::NodeData::Text(t) = &doc.nodes[i].data
            && t.bytes().any(|b| b.is_ascii_digit())
        {
            let t = collapse_ws(t);
            if t.chars().count() <= STANDALONE_DATE_MAX_CHARS
                && let Some(d) = text_date(&t)
            {
                return Some(d);
            }
        }
        i += 1;
    }
    None
}

/// The text of the element `i` with a space between its text nodes, leaving out the
/// elements named in `skip`.
fn spaced_text(doc: &Doc, i: usize, skip: &[&str]) -> String {
    let mut out = String::new();
    let mut j = i;
    while j < doc.nodes[i].end {
        if skip.contains(&doc.tag(j)) {
            j = doc.nodes[j].end;
            continue;
        }
        if let super::dom::NodeData::Text(t) = &doc.nodes[j].data {
            out.push(' ');
            out.push_str(t);
        }
        j += 1;
    }
    collapse_ws(&out)
}

/// How far (characters) after a date label its date is looked for.
const LABEL_REACH_CHARS: usize = 60;

/// A date written after a label that names it the publication date ("Datum:", "Date",
/// "Published on", "Veröffentlicht am", "Publié le", ...), in the label's own text run
/// or the runs right after it; the first such label of the page counts.
fn labelled_date(doc: &Doc) -> Option<String> {
    let mut i = 0;
    while i < doc.nodes.len() {
        if matches!(doc.tag(i), "script" | "style" | "head") {
            i = doc.nodes[i].end.max(i + 1);
            continue;
        }
        let super::dom::NodeData::Text(t) = &doc.nodes[i].data else {
            i += 1;
            continue;
        };
        i += 1;
        // A label is a word: whitespace between tags is none.
        if t.trim_start().is_empty() {
            continue;
        }
        let t = collapse_ws(t);
        let Some(m) = sel::DATE_LABEL.find(&t) else {
            continue;
        };
        let mut window = t[m.end()..].to_string();
        let mut j = i;
        while window.chars().count() < LABEL_REACH_CHARS && j < doc.nodes.len() {
            if let super::dom::NodeData::Text(n) = &doc.nodes[j].data {
                window.push(' ');
                window.push_str(n);
            }
            j += 1;
        }
        let window: String = collapse_ws(&window)
            .chars()
            .take(LABEL_REACH_CHARS)
            .collect();
        if let Some(d) = text_date(&window) {
            return Some(d);
        }
    }
    None
}

/// How far (characters of text) from the headline a date line is looked for: the
/// dateline convention puts it within a line or two above (kicker, topline) or below
/// (byline, "Published on ...") the `<h1>`.
const DATELINE_WINDOW_CHARS: usize = 200;
/// A text run longer than this (characters) is story text, whose dates are events, not
/// the publication date.
const DATELINE_MAX_RUN_CHARS: usize = 80;

/// A date written in a short line next to the page's first `<h1>`: below it first, then
/// above it.
fn headline_date(doc: &Doc) -> Option<String> {
    let h1 = (0..doc.nodes.len())
        .find(|&i| doc.tag(i) == "h1" && !doc.text_of(i, |_| false).trim().is_empty())?;
    let run_date = |i: usize, seen: &mut usize| -> Option<Option<String>> {
        let super::dom::NodeData::Text(t) = &doc.nodes[i].data else {
            return Some(None);
        };
        let t = collapse_ws(t);
        let len = t.chars().count();
        if len == 0 {
            return Some(None);
        }
        *seen += len;
        if *seen > DATELINE_WINDOW_CHARS {
            return None;
        }
        Some(
            (len <= DATELINE_MAX_RUN_CHARS)
                .then(|| text_date(&t))
                .flatten(),
        )
    };
    let mut seen = 0;
    for i in doc.nodes[h1].end..doc.nodes.len() {
        match run_date(i, &mut seen) {
            None => break,
            Some(Some(d)) => return Some(d),
            Some(None) => {}
        }
    }
    let mut seen = 0;
    for i in (0..h1).rev() {
        match run_date(i, &mut seen) {
            None => break,
            Some(Some(d)) => return Some(d),
            Some(None) => {}
        }
    }
    None
}

/// The first date written in `text`, as `YYYY-MM-DD`.
pub(crate) fn text_date(text: &str) -> Option<String> {
    // Day and year are read as ASCII numbers (below): text without an ASCII digit has no date.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = |name: &str| {
        let n = name.to_lowercase();
        sel::MONTHS.iter().find(|(m, _)| *m == n).map(|(_, v)| *v)
    };
    for c in sel::TEXT_DATE.get(text).captures_iter(text) {
        let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = if let (Some(d), Some(m), Some(y)) = (num(1), num(2), num(3)) {
            (y, m, d)
        } else if let (Some(y), Some(m), Some(d)) = (num(4), num(5), num(6)) {
            (y, m, d)
        } else if let (Some(d), Some(m), Some(y)) =
            (num(7), c.get(8).and_then(|x| month(x.as_str())), num(9))
        {
            (y, m, d)
        } else if let (Some(m), Some(d), Some(y)) =
            (c.get(10).and_then(|x| month(x.as_str())), num(11), num(12))
        {
            (y, m, d)
        } else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            return Some(date.format("%Y-%m-%d").to_string());
        }
    }
    None
}

fn date_part(s: &str) -> Option<&str> {
    s.get(..10)
}

/// Normalises a date string to ISO 8601: RFC 3339 stays as written (seconds precision),
/// other date-times and dates become `YYYY-MM-DD`. `None` when it is not a sane date.
pub(crate) fn normalize_date(raw: &str, max_year: i32) -> Option<String> {
    use chrono::Datelike;
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let ok = |d: NaiveDate| (MIN_YEAR..=max_year).contains(&d.year());
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return ok(dt.date_naive()).then(|| dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return ok(dt.date_naive())
                .then(|| dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return ok(dt.date_naive()).then(|| dt.date_naive().format("%Y-%m-%d").to_string());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return ok(dt.date()).then(|| dt.date().format("%Y-%m-%d").to_string());
        }
    }
    if let Some(c) = sel::ISO_DATE.captures(s)
        && let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse())
        && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return ok(date).then(|| date.format("%Y-%m-%d").to_string());
    }
    let cleaned = s.replace(',', " ");
    let cleaned = collapse_ws(&cleaned);
    for f in [
        "%Y/%m/%d",
        "%Y%m%d",
        "%d.%m.%Y",
        "%d/%m/%Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%a %b %d %Y",
        "%Y.%m.%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, f) {
            return ok(d).then(|| d.format("%Y-%m-%d").to_string());
        }
    }
    // Written dates in a machine field ("28. Dezember 2022", "13 juin 2019").
    text_date(s).filter(|d| {
        d.get(..4)
            .and_then(|y| y.parse().ok())
            .is_some_and(|y: i32| (MIN_YEAR..=max_year).contains(&y))
    })
}

// ---------------------------------------------------------------- language

fn pick_language(doc: &Doc, tags: &MetaTags, ld: &JsonLd, body: &str) -> Option<String> {
    let declared = doc
        .find_tag("html")
        .and_then(|h| doc.elem(h))
        .and_then(|e| e.attr("lang").or_else(|| e.attr("xml:lang")))
        .map(str::to_string)
        .or_else(|| tags.first("content-language").map(str::to_string))
        .or_else(|| tags.first("language").map(str::to_string))
        .or_else(|| tags.first("og:locale").map(str::to_string))
        .or_else(|| tags.first("dc.language").map(str::to_string))
        .or_else(|| ld.language.clone());
    if let Some(l) = declared.and_then(|l| clean_lang(&l)) {
        return Some(l);
    }
    detect_language(body)
}

fn clean_lang(l: &str) -> Option<String> {
    let l = l
        .split(',')
        .next()?
        .trim()
        .replace('_', "-")
        .to_ascii_lowercase();
    let primary = l.split('-').next()?;
    if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        Some(l)
    } else {
        None
    }
}

/// Detects the body language with whatlang; ISO 639-1 when one exists (the filter's table,
/// [`crate::article::report_code`]). Needs some text to be reliable, so short bodies give
/// `None`.
pub(crate) fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 40 {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    Some(crate::article::report_code(info.lang()).to_string())
}

/// Text of `<title>` (exposed for tests).
#[cfg(test)]
fn title_of(html: &str, url: Option<&Url>) -> Option<String> {
    let doc = Doc::parse(html);
    extract_meta(&MetaInput {
        doc: &doc,
        url,
        body_text: "",
        max_year: 2100,
    })
    .0
    .title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str, url: Option<&str>) -> Metadata {
        let doc = Doc::parse(html);
        let u = url.map(|u| Url::parse(u).unwrap());
        extract_meta(&MetaInput {
            doc: &doc,
            url: u.as_ref(),
            body_text: "",
            max_year: 2100,
        })
        .0
    }

    #[test]
    fn title_suffix_stripped() {
        assert_eq!(
            title_of(
                "<title>Sudan sanctions to be lifted | The Daily Planet</title>",
                None
            )
            .as_deref(),
            Some("Sudan sanctions to be lifted")
        );
        let m = meta(
            "<head><meta property=og:site_name content='Example News'><title>Big news - Example News</title></head>",
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Big news"));
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
    }

    #[test]
    fn json_ld_headline_the_page_does_not_show_is_not_the_title() {
        let ld = r#"<script type="application/ld+json">{"@type":"Article","headline":"constitutional monarchy in Oceania"}</script>"#;
        let m = meta(
            &format!(
                "<html><head><title>New Zealand - Wikipedia</title>{ld}</head><body><h1>New Zealand</h1></body></html>"
            ),
            Some("https://en.wikipedia.org/wiki/New_Zealand"),
        );
        assert_eq!(m.title.as_deref(), Some("New Zealand"));
        // A headline the page echoes stays the title.
        let ld = r#"<script type="application/ld+json">{"@type":"Article","headline":"Rates rise again"}</script>"#;
        let m = meta(
            &format!(
                "<html><head><title>Rates rise again, bank says | Daily</title>{ld}</head><body></body></html>"
            ),
            None,
        );
        assert_eq!(m.title.as_deref(), Some("Rates rise again"));
    }

    #[test]
    fn a_heading_that_is_the_site_name_does_not_pick_the_title_segment() {
        let m = meta(
            "<html><head><title>Outside the web: standalone binaries · V8</title></head>\
             <body><h1>V8</h1></body></html>",
            Some("https://v8.dev/blog/emscripten-standalone-wasm"),
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Outside the web: standalone binaries")
        );
    }

    /// Pages and the title each must give.
    fn assert_titles(cases: &[(&str, &str)]) {
        for (html, title) in cases {
            let m = meta(html, Some("https://news.example/story/1"));
            assert_eq!(m.title.as_deref(), Some(*title), "{html}");
        }
    }

    #[test]
    fn a_site_name_title_gives_way_to_the_headline() {
        assert_titles(&[
            // A logo `<h1>` that links home is not the headline; the story's `<h1>` is.
            (
                "<html><head><title>Rates rise again | Herald</title></head><body>\
                 <h1><a href='/'>Herald</a></h1><h1>Rates rise again</h1></body></html>",
                "Rates rise again",
            ),
            // A `<title>` that is only the publication's name: the headline is the `<h1>`.
            (
                "<html><head><title>The Evening Star</title></head><body>\
                 <h1>Council votes to close the old bridge</h1></body></html>",
                "Council votes to close the old bridge",
            ),
            // A short headline title that the `<h1>` echoes stays; so does a linked `<h1>` alone.
            (
                "<html><head><title>Bridge closes</title></head><body>\
                 <h1>Bridge closes after council vote</h1></body></html>",
                "Bridge closes",
            ),
            (
                "<html><head><title>Gazette</title></head><body>\
                 <h1><a href='/p/1'>A blog post title that links</a></h1></body></html>",
                "A blog post title that links",
            ),
        ]);
    }

    #[test]
    fn headline_on_two_lines_keeps_a_space_between_them() {
        assert_titles(&[
            (
                "<html><head><title>Wash</title></head><body>\
                 <h1>Truckwash A31<br>Das etwas andere Waschen</h1></body></html>",
                "Truckwash A31 Das etwas andere Waschen",
            ),
            (
                "<body><h1><div>Kicker</div><div>Headline set in blocks here</div></h1></body>",
                "Kicker Headline set in blocks here",
            ),
            // Inline markup inside a word does not split it.
            (
                "<body><h1>Wo<b>rd</b>s of a headline here</h1></body>",
                "Words of a headline here",
            ),
        ]);
    }

    #[test]
    fn title_prefers_h1_segment() {
        let m = meta(
            "<title>Site | Section | The real headline here</title><body><h1>The real headline here</h1></body>",
            None,
        );
        assert_eq!(m.title.as_deref(), Some("The real headline here"));
    }

    #[test]
    fn author_validation() {
        assert_eq!(validate_authors("By Jane Doe", None), vec!["Jane Doe"]);
        assert!(validate_authors("Email the author", None).is_empty());
        assert!(validate_authors("Staff", None).is_empty());
        assert!(validate_authors("October 12, 2019", None).is_empty());
        assert!(validate_authors("Example News", Some("Example News")).is_empty());
        assert_eq!(
            validate_authors("Jane Doe and John Roe", None),
            vec!["Jane Doe", "John Roe"]
        );
        let m = meta(
            "<head><meta name=author content='By Jane Doe'></head>",
            None,
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        assert_eq!(
            validate_authors("Eingestellt von Max Muster", None),
            vec!["Max Muster"]
        );
    }

    #[test]
    fn byline_label_in_its_own_element_and_handles() {
        // The label and the name are separate text nodes: read apart, the label goes.
        let m = meta(
            "<body><div class=author><b>Author</b>Andreas Kalt</div><p>Text.</p></body>",
            None,
        );
        assert_eq!(m.author.as_deref(), Some("Andreas Kalt"));
        // A handle is an account, not a name; the byline markup wins over it.
        let m = meta(
            "<head><meta name='twitter:creator' content='@JaneDoe'></head>\
             <body><span class=byline>By Jane Doe</span></body>",
            None,
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        let m = meta(
            "<head><meta name='twitter:creator' content='@JaneDoe'></head><body></body>",
            None,
        );
        assert_eq!(m.author, None);
    }

    #[test]
    fn date_from_json_ld() {
        let m = meta(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2019-10-16T08:00:00+02:00","author":[{"@type":"Person","name":"A B"},{"name":"C D"}]}</script>"#,
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2019-10-16T08:00:00+02:00"));
        assert_eq!(m.author.as_deref(), Some("A B; C D"));
        assert_eq!(m.title.as_deref(), Some("H"));
    }

    #[test]
    fn date_from_meta_and_url() {
        let m = meta(
            "<meta property='article:published_time' content='2020-01-02'>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2020-01-02"));
        let m = meta(
            "<p>x</p>",
            Some("https://example.com/2019/10/16/story.html"),
        );
        assert_eq!(m.published.as_deref(), Some("2019-10-16"));
    }

    #[test]
    fn date_from_text_line() {
        assert_eq!(
            text_date("Veröffentlicht am 19.10.2019 um 11:36").as_deref(),
            Some("2019-10-19")
        );
        assert_eq!(text_date("19. Oktober 2019").as_deref(), Some("2019-10-19"));
        assert_eq!(
            text_date("Posted on October 5th, 2014").as_deref(),
            Some("2014-10-05")
        );
        assert_eq!(
            text_date("5 de octubre de 2014").as_deref(),
            Some("2014-10-05")
        );
        let m = meta(
            "<body><span class='post-date'>12.03.2021</span><p>x</p></body>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2021-03-12"));
    }

    #[test]
    fn dates_beyond_bound_rejected() {
        assert_eq!(normalize_date("2999-01-01", 2100), None);
        assert_eq!(
            normalize_date("March 5, 2014", 2100).as_deref(),
            Some("2014-03-05")
        );
        let m = meta(
            "<meta property='article:published_time' content='2030-01-01'><meta property='article:modified_time' content='2020-01-01'>",
            None,
        );
        assert_eq!(m.published, None);
        // A scheduled story: declared published a few days after its last edit.
        let m = meta(
            "<meta property='article:published_time' content='2019-10-19T12:00:00+02:00'>\
             <meta property='article:modified_time' content='2019-10-17T14:59:45+02:00'>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2019-10-19T12:00:00+02:00"));
    }

    #[test]
    fn a_date_standing_alone_is_the_last_resort() {
        let m = meta(
            "<html><body><nav>Menu</nav><p>The fair opens on 3 March 2021 in the old hall.</p>\
             <div><span class='blue'>01.02.2022</span></div><p>Story text.</p></body></html>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2022-02-01"));
        // A date inside a sentence is an event, not the page's date.
        let m = meta(
            "<html><body><p>The fair opens on 3 March 2021 in the old hall.</p></body></html>",
            None,
        );
        assert_eq!(m.published, None);
    }

    #[test]
    fn date_line_next_to_the_headline() {
        // Below the headline, in a line without a date class.
        let m = meta(
            "<body><div class=nav>Archiv 01.01.2020</div><h1>Council approves budget</h1>\
             <p class=sub>Press release of 25. Januar 2022 | Berlin</p>\
             <p>The council met on 3 March 2021 and approved the budget, with commas, at length.</p></body>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2022-01-25"));
        // Above it (a topline), when nothing below is a date line.
        let m = meta(
            "<body><div class=topline><span>06.12.2022</span></div><h1>Windpark</h1>\
             <p>The citizens may invest from 3 March 2023 on, with commas, at length, as a long lead.</p></body>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2022-12-06"));
    }

    #[test]
    fn json_ld_in_cdata_or_with_raw_line_breaks() {
        let m = meta(
            "<script type='application/ld+json'>//<![CDATA[\n{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"datePublished\":\"2015-10-15T02:19:15Z\"}\n//]]></script>\
             <meta property='article:published_time' content='2015-12-11T14:28:34Z'>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2015-10-15T02:19:15+00:00"));
        assert_eq!(m.title.as_deref(), Some("H"));
        let m = meta(
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Two\nlines\",\"datePublished\":\"2024-05-12\"}</script>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2024-05-12"));
        assert_eq!(
            parse_ld_text("<!-- {\"a\": 1} -->"),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(parse_ld_text("not json"), None);
    }

    #[test]
    fn microdata_date_is_declared_and_may_be_written_out() {
        // Declared: may follow the last edit by the scheduling slack.
        let m = meta(
            "<meta itemprop='dateModified' content='2020-02-07 18:13'>\
             <time itemprop='datePublished' datetime='2020-02-08 11:00'>Feb 8, 2020</time>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2020-02-08"));
        let m = meta(
            "<body><span itemprop='datePublished'>28. Dezember 2022</span><p>x</p></body>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2022-12-28"));
    }

    #[test]
    fn utc_timestamp_gives_way_to_the_local_day() {
        // The URL carries the publisher's day; the UTC stamp is already the next one.
        let m = meta(
            "<meta property='article:published_time' content='2020-02-25T02:25:54+00:00'>",
            Some("https://example.com/2020/02/24/story/"),
        );
        assert_eq!(m.published.as_deref(), Some("2020-02-24"));
        // Same instant declared twice, once with the local offset.
        let m = meta(
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-10-18T22:04:00Z\"}</script>\
             <meta name='date' content='Sat, 19 Oct 2019 00:04:00 +0200'>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2019-10-19"));
        // A URL date further away is another story's day: the declaration stands.
        let m = meta(
            "<meta property='article:published_time' content='2020-02-25T02:25:54+00:00'>",
            Some("https://example.com/2020/01/24/story/"),
        );
        assert_eq!(m.published.as_deref(), Some("2020-02-25T02:25:54+00:00"));
        // A local stamp is never moved.
        let m = meta(
            "<meta property='article:published_time' content='2020-02-25T02:25:54+01:00'>",
            Some("https://example.com/2020/02/24/story/"),
        );
        assert_eq!(m.published.as_deref(), Some("2020-02-25T02:25:54+01:00"));
    }

    #[test]
    fn day_first_url_date() {
        let m = meta("<p>x</p>", Some("https://example.org/news/29-10-2021"));
        assert_eq!(m.published.as_deref(), Some("2021-10-29"));
        let m = meta(
            "<p>x</p>",
            Some("https://example.org/news/23-01-2022-title/17.html"),
        );
        assert_eq!(m.published.as_deref(), Some("2022-01-23"));
        let m = meta(
            "<p>x</p>",
            Some("https://example.org/news/40-01-2022-title"),
        );
        assert_eq!(m.published, None);
    }

    #[test]
    fn labelled_and_listed_dates() {
        let m = meta(
            "<body><div><h5>Datum: </h5>03.11.2021</div><p>Long story text follows here, at length.</p></body>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2021-11-03"));
        let m = meta(
            "<body><ul class=info><li>26. Januar 2022</li><li>Berlin</li></ul></body>",
            None,
        );
        assert_eq!(m.published.as_deref(), Some("2022-01-26"));
        // A date without a label, inside a longer run of text, is not the page's date.
        let m = meta(
            "<body><div><h5>Konzert</h5>Einlass am 03.11.2021 ab 19 Uhr im Saal</div></body>",
            None,
        );
        assert_eq!(m.published, None);
        assert_eq!(text_date("13 giugno 2019").as_deref(), Some("2019-06-13"));
        assert_eq!(
            text_date("5 października 2021").as_deref(),
            Some("2021-10-05")
        );
        assert_eq!(
            text_date("jeudi 13 juin 2019").as_deref(),
            Some("2019-06-13")
        );
    }

    #[test]
    fn language_declared_then_detected() {
        let m = meta("<html lang='de-DE'><p>x</p></html>", None);
        assert_eq!(m.language.as_deref(), Some("de-de"));
        assert_eq!(
            detect_language("Das ist ein ziemlich langer deutscher Satz, der eindeutig in deutscher Sprache geschrieben wurde und keine Zweifel lässt.").as_deref(),
            Some("de")
        );
    }

    #[test]
    fn site_name_falls_back_to_host() {
        let m = meta("<p>x</p>", Some("https://www.example.org/a"));
        assert_eq!(m.site_name.as_deref(), Some("example.org"));
    }
}
