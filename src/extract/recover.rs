//! Recovery of article text that is not in the visible DOM.
//!
//! Some pages ship their story where the DOM pass cannot see it: a Blogger-style
//! `<noscript>` fallback that holds the post as markup (the visible copy is written by a
//! script), or only a JSON-LD `articleBody` / `text` (a JavaScript app renders the story
//! later, or the DOM copy is cut short). When the DOM pass gives a thin body, the
//! extractor asks this module for alternative sources and takes the longest one if it is
//! clearly longer than what the DOM gave.
//!
//! Hidden panels are the other case: tab panels and gallery pages that a script shows one
//! at a time ([`HiddenPanels`]). The prune pass asks whether a hidden element is such a
//! panel before it drops it.
//!
//! Nothing else here runs on the common path: [`should_try`] gates it on a thin body, so the
//! JSON-LD is parsed a second time only then (metadata parses it once for itself).

use super::text_key::text_key;
use std::collections::HashSet;

use serde_json::Value;

use super::dom::{Doc, NodeData, collapse_ws};
use super::render::RawBlock;
use super::selectors as sel;

/// The DOM body must be shorter than this (characters) for recovery to be tried: beyond
/// it the visible text is the story, or at least a fair part of it.
pub(crate) const THIN_BODY_CHARS: usize = 1500;
/// A recovered body must hold at least this many characters.
const MIN_RECOVERED_CHARS: usize = 400;
/// A recovered body must be at least this many times longer than the DOM body, so a
/// teaser-length `description` or a short fallback never replaces a real body.
const MIN_GAIN: usize = 2;
/// A `<noscript>` is a candidate only when its raw markup is at least this long (tracking
/// pixels and "enable JavaScript" notices are shorter).
const MIN_NOSCRIPT_BYTES: usize = 400;
/// JSON-LD nesting followed at most this deep.
const MAX_LD_DEPTH: usize = 10;

/// Whether the DOM body is thin enough to look for its text elsewhere.
pub(crate) fn should_try(dom_chars: usize) -> bool {
    dom_chars < THIN_BODY_CHARS
}

/// Whether a recovered body of `recovered_chars` should replace a DOM body of
/// `dom_chars`.
pub(crate) fn is_better(recovered_chars: usize, dom_chars: usize) -> bool {
    recovered_chars >= MIN_RECOVERED_CHARS && recovered_chars >= dom_chars * MIN_GAIN
}

/// How many siblings are compared when looking for a hidden panel's visible twin.
const MAX_TWIN_SCAN: usize = 64;
/// Class tokens that mark a slide or panel as a decorative copy (carousel clones).
const CLONE_TOKENS: &[&str] = &["clone", "cloned", "slick-cloned", "swiper-slide-duplicate"];
/// Class tokens that only say "not shown now": ignored when comparing panels.
const STATE_TOKENS: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "d-none",
    "active",
    "show",
    "current",
];

/// Decides which hidden elements are content panels shown one at a time by a script, so
/// the prune pass keeps them: a `role=tabpanel`, or an element with a shown sibling of its
/// kind: the same tag and classes (a gallery page), or also the target of an in-page
/// `href="#id"` / `aria-controls` link (a tab group). A lone hidden link target is a
/// modal or a popup and stays hidden. Built once per prune pass; the link targets are
/// collected only when the first hidden element with an id asks.
#[derive(Default)]
pub(crate) struct HiddenPanels {
    targets: Option<Targets>,
}

/// The ids the page's in-page links (`href="#id"`) and controls (`aria-controls`) name.
#[derive(Default)]
struct Targets {
    linked: HashSet<String>,
    controlled: HashSet<String>,
}

impl HiddenPanels {
    /// Whether the hidden element `i` (hidden by `hidden`, inline style, or a "hidden"
    /// class token) is a content panel.
    pub(crate) fn is_panel(&mut self, doc: &Doc, i: usize) -> bool {
        let Some(e) = doc.elem(i) else { return false };
        if !matches!(
            e.tag.as_str(),
            "div" | "section" | "article" | "li" | "figure" | "dd"
        ) {
            return false;
        }
        let class = e.attr("class").unwrap_or("");
        if class
            .split_whitespace()
            .any(|t| CLONE_TOKENS.iter().any(|c| t.eq_ignore_ascii_case(c)))
        {
            return false;
        }
        if e.attr("role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("tabpanel"))
        {
            return true;
        }
        // A collapsed disclosure: the body of a `<details>`, or the panel an accordion's
        // toggle names in `aria-controls`; a click shows it (an FAQ's answers, a product's
        // specifications). Menus a toggle opens are lists of links.
        let disclosure = doc.nodes[i].parent.is_some_and(|p| doc.tag(p) == "details")
            || self.is_controlled(doc, i);
        if disclosure {
            return !link_heavy(doc, i);
        }
        // aria-hidden alone also hides decorative duplicates, and carousels fade their
        // slides with `visibility`; only the tab-panel role above lifts those.
        if e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || e.attr("style").is_some_and(|st| {
                st.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase()
                    .contains("visibility:hidden")
            })
        {
            return false;
        }
        let Some(parent) = doc.nodes[i].parent else {
            return false;
        };
        let kind = panel_kind(doc, i).filter(|(_, classes)| !classes.is_empty());
        let siblings: Vec<usize> = doc.nodes[parent]
            .children
            .iter()
            .copied()
            .filter(|&s| s != i && doc.elem(s).is_some())
            .take(MAX_TWIN_SCAN)
            .collect();
        let shown = |s: usize| !super::prune::is_hidden(doc, s) && !hidden_by_class(doc, s);
        // Cheapest test first: the link targets are collected only when needed.
        let gallery_page = kind.is_some()
            && siblings
                .iter()
                .any(|&s| shown(s) && panel_kind(doc, s) == kind);
        let tab_panel = !gallery_page
            && self.is_target(doc, i)
            && siblings.iter().any(|&s| shown(s) && self.is_target(doc, s));
        (gallery_page || tab_panel) && !link_heavy(doc, i)
    }

    /// Whether an in-page link or `aria-controls` names the element's id.
    fn is_target(&mut self, doc: &Doc, i: usize) -> bool {
        let Some(id) = doc.attr_value(i, "id") else {
            return false;
        };
        let t = self.targets(doc);
        t.linked.contains(id) || t.controlled.contains(id)
    }

    /// Whether a control's `aria-controls` names the element's id.
    fn is_controlled(&mut self, doc: &Doc, i: usize) -> bool {
        let Some(id) = doc.attr_value(i, "id") else {
            return false;
        };
        self.targets(doc).controlled.contains(id)
    }

    fn targets(&mut self, doc: &Doc) -> &Targets {
        self.targets.get_or_insert_with(|| {
            let mut t = Targets::default();
            for j in 0..doc.nodes.len() {
                let Some(e) = doc.elem(j) else { continue };
                if e.tag == "a"
                    && let Some(frag) = e.attr("href").and_then(|h| h.trim().strip_prefix('#'))
                    && !frag.is_empty()
                {
                    t.linked.insert(frag.to_string());
                }
                if let Some(c) = e.attr("aria-controls") {
                    t.controlled
                        .extend(c.split_whitespace().map(str::to_string));
                }
            }
            t
        })
    }
}

/// A panel whose text is mostly link text is a teaser slide or a menu, not story text.
const MAX_PANEL_LINK_SHARE: f32 = 0.5;

/// Whether link text makes up more than [`MAX_PANEL_LINK_SHARE`] of the subtree's text.
fn link_heavy(doc: &Doc, i: usize) -> bool {
    let (mut text, mut link) = (0usize, 0usize);
    let mut link_end = 0usize;
    for j in i..doc.nodes[i].end {
        match &doc.nodes[j].data {
            NodeData::Element(_) if j >= link_end && doc.is_link(j) => link_end = doc.nodes[j].end,
            NodeData::Text(t) => {
                let n = t.split_whitespace().map(str::len).sum::<usize>();
                text += n;
                if j < link_end {
                    link += n;
                }
            }
            _ => {}
        }
    }
    text > 0 && link as f32 > MAX_PANEL_LINK_SHARE * text as f32
}

/// Whether an element is hidden by a class token alone ("hidden", "d-none", ...).
pub(crate) fn hidden_by_class(doc: &Doc, i: usize) -> bool {
    doc.elem(i).and_then(|e| e.attr("class")).is_some_and(|c| {
        c.split_whitespace().any(|t| {
            ["hidden", "hide", "is-hidden", "d-none"]
                .iter()
                .any(|h| t.eq_ignore_ascii_case(h))
        })
    })
}

/// The element's kind for sibling matching: tag plus class tokens other than state tokens.
fn panel_kind(doc: &Doc, i: usize) -> Option<(String, Vec<String>)> {
    let e = doc.elem(i)?;
    let mut tokens: Vec<String> = e
        .attr("class")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .filter(|t| !STATE_TOKENS.contains(&t.as_str()))
        .collect();
    tokens.sort();
    Some((e.tag.clone(), tokens))
}

/// Shortest normalised description that may match a DOM block by prefix (a cut-off
/// description still names its lead).
const MIN_LEAD_PREFIX_CHARS: usize = 60;

/// The page's own summary: `<meta name=description>`, `og:description` or
/// `twitter:description`, the first one present.
pub(crate) fn page_description(doc: &Doc) -> Option<String> {
    for key in ["description", "og:description", "twitter:description"] {
        for i in 0..doc.nodes.len() {
            let Some(e) = doc.elem(i) else { continue };
            if e.tag != "meta" {
                continue;
            }
            let named = ["name", "property"].iter().any(|a| {
                e.attr(a)
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
            });
            if let Some(c) = e.attr("content").filter(|_| named) {
                let c = collapse_ws(&html_escape::decode_html_entities(c));
                if !c.is_empty() {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// The recovered body, preceded by the DOM's lead paragraph when that paragraph is the
/// page description and the recovered text lacks it: a paywalled page shows its
/// standfirst while JSON-LD carries only the body after it.
pub(crate) fn with_lead(
    dom: &[RawBlock],
    mut recovered: Vec<RawBlock>,
    description: Option<&str>,
) -> Vec<RawBlock> {
    let Some(desc) = description.map(text_key).filter(|d| !d.is_empty()) else {
        return recovered;
    };
    let lead = dom.iter().find(|b| {
        let t = text_key(&b.block.text);
        t == desc
            || (desc.len().min(t.len()) >= MIN_LEAD_PREFIX_CHARS
                && (t.starts_with(&desc) || desc.starts_with(&t)))
    });
    let Some(lead) = lead else { return recovered };
    let lead_norm = text_key(&lead.block.text);
    if recovered
        .iter()
        .any(|b| text_key(&b.block.text).contains(&lead_norm))
    {
        return recovered;
    }
    recovered.insert(0, lead.clone());
    recovered
}

/// A DOM body shorter than this (characters) is an app shell: a page rendered by its
/// scripts shows at most a headline and a teaser before they run. A page whose markup
/// already shows more is rendered on the server, and the paragraph markup in its script
/// data is something else: the slides of a gallery, a feed of other stories, a shop's
/// product catalogue.
const SCRIPT_SHELL_MAX_CHARS: usize = 300;

/// Alternative bodies for the page, each as a small HTML document for the normal body
/// pass: the markup of long `<noscript>` fallbacks, the article text declared in
/// JSON-LD, and, for an app shell (`dom_chars`, the DOM body's length, under
/// [`SCRIPT_SHELL_MAX_CHARS`]), markup held in the string literals of inline scripts
/// (`html` is the page source: the parsed tree has script contents emptied).
pub(crate) fn alternative_pages(doc: &Doc, html: &str, dom_chars: usize) -> Vec<String> {
    let mut pages = noscript_pages(doc);
    pages.extend(json_ld_bodies(doc).into_iter().map(|b| wrap_body(&b)));
    if dom_chars < SCRIPT_SHELL_MAX_CHARS {
        pages.extend(script_markup_pages(html, &title_words(doc)));
    }
    pages
}

/// Shortest JSON string literal (bytes, escaped) that is decoded and looked at.
const MIN_SCRIPT_STRING_BYTES: usize = 80;
/// A script's markup strings must hold at least this many paragraphs together.
const MIN_SCRIPT_PARAGRAPHS: usize = 3;

/// Lowercased title words of four or more letters (`<title>`, else `og:title`): script
/// markup must mention the page's subject, or it is a consent text or a template.
fn title_words(doc: &Doc) -> Vec<String> {
    let title = doc
        .find_tag("title")
        .map(|t| doc.text_of(t, |_| false))
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            (0..doc.nodes.len()).find_map(|i| {
                let e = doc.elem(i)?;
                (e.tag == "meta" && e.attr("property") == Some("og:title"))
                    .then(|| e.attr("content").map(str::to_string))
                    .flatten()
            })
        })
        .unwrap_or_default();
    let mut words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// One page per inline script whose JSON/JS string literals carry paragraph markup
/// (raw, `\u003cp\u003e`-escaped or entity-escaped), the strings joined in order.
fn script_markup_pages(html: &str, title_words: &[String]) -> Vec<String> {
    if title_words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(open) = lower[pos..].find("<script").map(|k| pos + k) {
        let Some(tag_end) = lower[open..].find('>').map(|k| open + k + 1) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|k| tag_end + k) else {
            break;
        };
        pos = close + 1;
        if lower[open..tag_end].contains("ld+json") {
            continue;
        }
        let mut markup = String::new();
        for lit in string_literals(&html[tag_end..close]) {
            let Ok(text) = serde_json::from_str::<String>(lit) else {
                continue;
            };
            let text = if text.contains("&lt;p") || text.contains("&lt;/p") {
                html_escape::decode_html_entities(&text).into_owned()
            } else {
                text
            };
            if looks_like_markup(&text) {
                markup.push_str("<div>");
                markup.push_str(&text);
                markup.push_str("</div>");
            }
        }
        let markup_lower = markup.to_lowercase();
        let paragraphs = markup_lower.matches("<p").count();
        let mentioned = title_words
            .iter()
            .filter(|w| markup_lower.contains(w.as_str()))
            .count();
        if paragraphs >= MIN_SCRIPT_PARAGRAPHS && mentioned * 2 >= title_words.len() {
            out.push(format!("<html><body>{markup}</body></html>"));
        }
    }
    out
}

/// The double-quoted string literals (quotes included) of a script at least
/// [`MIN_SCRIPT_STRING_BYTES`] long, in order.
fn string_literals(script: &str) -> Vec<&str> {
    let b = script.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(start) = memchr::memchr(b'"', &b[i..]).map(|k| i + k) {
        let mut j = start + 1;
        while j < b.len() && b[j] != b'"' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        if j >= b.len() {
            break;
        }
        if j + 1 - start >= MIN_SCRIPT_STRING_BYTES {
            out.push(&script[start..=j]);
        }
        i = j + 1;
    }
    out
}

/// The raw markup of `<noscript>` elements that hold paragraphs. The page is parsed with
/// scripting on (as browsers do), so a noscript's content is one text node of markup.
fn noscript_pages(doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..doc.nodes.len() {
        if doc.tag(i) != "noscript" {
            continue;
        }
        let raw: String = doc.nodes[i]
            .children
            .iter()
            .filter_map(|&c| match &doc.nodes[c].data {
                NodeData::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        if raw.len() >= MIN_NOSCRIPT_BYTES && looks_like_markup(&raw) {
            out.push(format!("<html><body>{raw}</body></html>"));
        }
    }
    out
}

/// Whether a string carries block markup (paragraphs or line breaks), not plain text.
fn looks_like_markup(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "<p>", "<p ", "</p>", "<br", "</div>", "</li>", "</h2>", "</h3>",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// Wraps a declared body (markup or plain text) as an HTML page. Plain text keeps its
/// line structure: every non-empty line becomes a paragraph.
fn wrap_body(body: &str) -> String {
    if looks_like_markup(body) {
        return format!("<html><body><div>{body}</div></body></html>");
    }
    let mut html = String::from("<html><body><div>");
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        html.push_str("<p>");
        // Entities in JSON text are decoded by the parser; only markup characters are
        // escaped, so "&amp;" in the JSON still reads "&".
        html.push_str(&line.replace('<', "&lt;").replace('>', "&gt;"));
        html.push_str("</p>");
    }
    html.push_str("</div></body></html>");
    html
}

/// Article text declared in JSON-LD: `articleBody`, the `text` of article-typed objects,
/// and how-to pages (`description` and the steps' texts, in order).
fn json_ld_bodies(doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    for v in super::meta::json_ld_documents(doc) {
        let mut stack: Vec<(&Value, usize)> = vec![(&v, 0)];
        while let Some((val, depth)) = stack.pop() {
            if depth > MAX_LD_DEPTH {
                continue;
            }
            match val {
                Value::Array(a) => stack.extend(a.iter().rev().map(|x| (x, depth + 1))),
                Value::Object(o) => {
                    let types = super::meta::ld_types(val);
                    if let Some(body) = o.get("articleBody").and_then(Value::as_str) {
                        out.push(body.to_string());
                    } else if types.iter().any(|t| sel::is_article_type(t))
                        && let Some(body) = o.get("text").and_then(Value::as_str)
                    {
                        out.push(body.to_string());
                    }
                    if types.iter().any(|t| t == "howto") {
                        out.push(how_to_body(val));
                    }
                    for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                        if let Some(x) = o.get(key) {
                            stack.push((x, depth + 1));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out.retain(|b| !b.trim().is_empty());
    out
}

/// A how-to as markup: its description, then each step's text (steps may nest their
/// directions in `itemListElement`).
fn how_to_body(v: &Value) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = v.get("description").and_then(Value::as_str) {
        parts.push(as_markup(d));
    }
    let mut stack: Vec<(&Value, usize)> = Vec::new();
    if let Some(steps) = v.get("step") {
        stack.push((steps, 0));
    }
    while let Some((s, depth)) = stack.pop() {
        if depth > MAX_LD_DEPTH {
            continue;
        }
        match s {
            Value::Array(a) => stack.extend(a.iter().rev().map(|x| (x, depth + 1))),
            Value::Object(o) => {
                if let Some(t) = o.get("text").and_then(Value::as_str) {
                    parts.push(as_markup(t));
                }
                if let Some(x) = o.get("itemListElement") {
                    stack.push((x, depth + 1));
                }
            }
            Value::String(t) => parts.push(as_markup(t)),
            _ => {}
        }
    }
    parts.concat()
}

/// A JSON text field as markup: kept when it is markup, one paragraph per line otherwise.
fn as_markup(s: &str) -> String {
    if looks_like_markup(s) {
        return format!("<div>{s}</div>");
    }
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{}</p>", l.replace('<', "&lt;").replace('>', "&gt;")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noscript_markup_is_a_candidate_and_tracking_pixels_are_not() {
        let para = "<p>A paragraph of the post, long enough to count as story text here.</p>";
        let html = format!(
            "<body><noscript><img src=pixel.gif></noscript>\
             <div class=post><script type=text/template>x</script>\
             <noscript>{}</noscript></div></body>",
            para.repeat(8)
        );
        let pages = noscript_pages(&Doc::parse(&html));
        assert_eq!(pages.len(), 1);
        assert!(pages[0].contains("<p>A paragraph of the post"));
    }

    #[test]
    fn json_ld_article_body_plain_text_keeps_lines() {
        let html = r#"<head><script type="application/ld+json">
            {"@graph":[{"@type":"WebPage","name":"p"},
             {"@type":"NewsArticle","headline":"H","articleBody":"First line &amp; more.\nSecond <line>."}]}
            </script></head><body></body>"#;
        let bodies = json_ld_bodies(&Doc::parse(html));
        assert_eq!(
            bodies,
            vec!["First line &amp; more.\nSecond <line>.".to_string()]
        );
        let page = wrap_body(&bodies[0]);
        assert_eq!(
            page,
            "<html><body><div><p>First line &amp; more.</p><p>Second &lt;line&gt;.</p></div></body></html>"
        );
    }

    #[test]
    fn json_ld_how_to_gives_description_and_steps_in_order() {
        let html = r#"<script type="application/ld+json">
            {"@type":"HowTo","name":"Sew a cloth","description":"<p>Intro text.</p>",
             "step":[{"@type":"HowToStep","itemListElement":{"@type":"HowToDirection","text":"<p>Measure.</p>"}},
                     {"@type":"HowToStep","text":"Cut.\nSew."}]}
            </script>"#;
        let bodies = json_ld_bodies(&Doc::parse(html));
        assert_eq!(
            bodies,
            vec!["<div><p>Intro text.</p></div><div><p>Measure.</p></div><p>Cut.</p><p>Sew.</p>"]
        );
    }

    #[test]
    fn text_of_non_article_objects_is_ignored() {
        let html = r#"<script type="application/ld+json">
            {"@type":"QAPage","mainEntity":{"@type":"Question","text":"Why?"}}</script>"#;
        assert!(json_ld_bodies(&Doc::parse(html)).is_empty());
    }

    #[test]
    fn description_lead_is_kept_in_front_once() {
        let raw = |t: &str| RawBlock {
            block: crate::article::Block::new(crate::article::BlockKind::Paragraph, t),
            link_chars: 0,
            chars: t.chars().count(),
            node: 0,
        };
        let lead = "Snow on the roof lowers the yield and weighs on the modules, experts warn.";
        let dom = vec![raw("Subscribe now"), raw(lead), raw("99 EUR a year")];
        let body = vec![
            raw("Operators ask whether to clear the panels."),
            raw("More."),
        ];
        let html = format!("<head><meta property=og:description content='{lead}'></head>");
        let desc = page_description(&Doc::parse(&html));
        let out = with_lead(&dom, body.clone(), desc.as_deref());
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].block.text, lead);
        // Not repeated when the recovered body already has it, nor added without a match.
        let again = with_lead(&dom, out.clone(), desc.as_deref());
        assert_eq!(again.len(), 3);
        assert_eq!(
            with_lead(&dom, body.clone(), Some("Other summary")).len(),
            2
        );
        assert_eq!(with_lead(&dom, body, None).len(), 2);
    }

    /// Which `div`s of `html` the panel rule keeps (by id).
    fn panels(html: &str) -> Vec<String> {
        let doc = Doc::parse(html);
        let mut hp = HiddenPanels::default();
        (0..doc.nodes.len())
            .filter(|&i| {
                doc.tag(i) == "div"
                    && (super::super::prune::is_hidden(&doc, i) || hidden_by_class(&doc, i))
                    && hp.is_panel(&doc, i)
            })
            .filter_map(|i| doc.elem(i).and_then(|e| e.attr("id")).map(str::to_string))
            .collect()
    }

    #[test]
    fn hidden_tab_panels_and_gallery_pages_are_panels() {
        let tabs = "<a href=#popup>Log in</a><main><ul><li><a href=#t1>One</a><li><a href=#t2>Two</a></ul>\
                    <div id=t1>a</div><div id=t2 style='display:none'>b</div>\
                    <div id=t3 role=tabpanel aria-hidden=true>c</div></main>\
                    <div id=popup style='display:none'>d</div><div id=plain style='display:none'>e</div>";
        assert_eq!(panels(tabs), ["t2", "t3"]);
        let gallery = "<div id=g><div id=s0 class='page'>a</div>\
                       <div id=s1 class='page hidden' style='display: none'>b</div>\
                       <div id=s2 class='page slick-cloned' hidden>c</div>\
                       <div id=s3 class='page' aria-hidden=true>d</div>\
                       <div id=s4 class='page' style='visibility: hidden'>e</div>\
                       <div id=s5 class='page' hidden><a href=/x>Teaser link</a> f</div></div>";
        assert_eq!(panels(gallery), ["s1"]);
    }

    #[test]
    fn collapsed_disclosures_are_panels() {
        // An FAQ: `<details>` bodies and accordion panels a toggle names; a menu a toggle
        // opens is link text, a lone hidden element nothing names stays hidden.
        let faq = "<details><summary>Q1</summary><div id=a1 aria-hidden=true>Answer one</div></details>\
                   <button aria-controls=a2>Q2</button><div id=a2 hidden>Answer two</div>\
                   <button aria-controls=m>Menu</button><div id=m hidden><a href=/x>Home</a></div>\
                   <div id=lone hidden>Popup</div>";
        assert_eq!(panels(faq), ["a1", "a2"]);
    }

    #[test]
    fn script_string_markup_is_a_candidate_when_it_names_the_subject() {
        let para = "Beggar story paragraph with enough words to pass the literal length bar.";
        let html = format!(
            "<html><head><title>The pregnant beggar story</title></head><body>\
             <script>var cfg = {{\"consent\":\"<p>We use cookies on this site, see our policy for more details now.</p>\",\
             \"slides\":[{{\"top\":\"\\u003cp\\u003e{para}\\u003c/p\\u003e\"}},\
             {{\"top\":\"&lt;p&gt;{para} The pregnant woman.&lt;/p&gt;&lt;p&gt;More.&lt;/p&gt;\"}}]}};</script>\
             <script>var other = \"<p>A template about something unrelated entirely, long enough.</p><p>x</p><p>y</p>\";</script>\
             </body></html>"
        );
        let doc = Doc::parse(&html);
        let words = title_words(&doc);
        assert_eq!(words, ["beggar", "pregnant", "story"]);
        let pages = script_markup_pages(&html, &words);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].contains("<p>Beggar story paragraph"));
        assert!(pages[0].contains("<p>More.</p>"));
        assert!(script_markup_pages(&html, &[]).is_empty());
    }

    #[test]
    fn script_markup_is_asked_for_only_by_an_app_shell() {
        let para = "Beggar story paragraph with enough words to pass the literal length bar.";
        let html = format!(
            "<html><head><title>The pregnant beggar story</title></head><body>\
             <script>var s = [\"<p>{para}</p>\",\"<p>{para} The pregnant woman.</p><p>More.</p>\"];</script>\
             </body></html>"
        );
        let doc = Doc::parse(&html);
        let shell = alternative_pages(&doc, &html, 0);
        assert!(shell.iter().any(|p| p.contains("<p>More.</p>")));
        assert!(alternative_pages(&doc, &html, SCRIPT_SHELL_MAX_CHARS).is_empty());
    }

    #[test]
    fn gain_rule() {
        assert!(!is_better(300, 0));
        assert!(is_better(800, 400));
        assert!(!is_better(800, 500));
        assert!(should_try(THIN_BODY_CHARS - 1));
        assert!(!should_try(THIN_BODY_CHARS));
    }
}
