//! What the extractor left out of the body, and why, for `copydesk explain`.
//!
//! The extractor removes by markup only: page furniture tags and roles, hidden elements,
//! forms, boilerplate class/id names, credit-classed elements, link-dense boxes and lines.
//! Every removal of text because of what it says happens in the filter stage. This module
//! names the markup removals so that `explain` can show them next to the filter's; it runs
//! only when asked (never on the processing path).

use std::borrow::Cow;
use std::fmt;

use crate::article::{Block, BlockKind};

use super::dom::{Doc, NodeData, collapse_ws};
use super::prune;
use super::render::{self, RenderParams};
use super::score::Stats;
use super::selectors::{self as sel, is_in};

/// Longest text shown for one dropped element (characters); the rest is elided.
const SHOWN_CHARS: usize = 160;

/// Link density above which a dropped container is called link-dense (Readability's
/// conditional cleaning drops a low-weight container above 0.2).
const LINK_DENSE: f32 = 0.2;

/// One piece of page text the extractor did not put in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The element as a short start tag: `<aside class=related>`, `<p>`.
    pub element: String,
    /// Why, in a few words: `link-dense box`, `hidden element`, `furniture tag`,
    /// `site drop: .related`, ...
    pub reason: Cow<'static, str>,
    /// The element's text, whitespace collapsed, one line (`\n`) per block-level element.
    pub text: String,
    /// Where it sat on the page: the index of the article block it came before (the
    /// article's length when it came after the whole body). Blocks with the same text may
    /// trade places; a body recovered from another source than the page's markup (JSON-LD,
    /// `<noscript>`) has what the markup pass dropped before it.
    pub before: usize,
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text: String = self.text.chars().take(SHOWN_CHARS).collect();
        if self.text.chars().count() > SHOWN_CHARS {
            text.push('…');
        }
        write!(
            f,
            "extract: dropped {} ({}): {}",
            self.element,
            self.reason,
            text.replace('\n', " ⏎ ")
        )
    }
}

/// The start tag that stands for a rendered block of this kind.
pub(crate) fn block_element(kind: BlockKind) -> String {
    match kind {
        BlockKind::Heading(l) => format!("<h{l}>"),
        BlockKind::Paragraph => "<p>".to_owned(),
        BlockKind::ListItem => "<li>".to_owned(),
        BlockKind::Quote => "<blockquote>".to_owned(),
        BlockKind::Code => "<pre>".to_owned(),
        BlockKind::TableRow => "<tr>".to_owned(),
        BlockKind::Caption => "<figcaption>".to_owned(),
    }
}

/// What the page's markup holds outside the body, in page order: the outermost removed
/// elements inside the selected roots that hold text, each with the markup reason that
/// removed it, and the text outside the selected roots (the page around the article).
/// `before` holds the number of rendered blocks that precede each one; [`place`] turns it
/// into a position in the article. Elements a site's `drop` selectors removed
/// (`site_dropped`) are listed apart ([`site_drop`]) and skipped here.
pub(crate) fn dom_drops(
    doc: &Doc,
    roots: &[usize],
    removed: &[bool],
    stats: &Stats,
    render: &RenderParams<'_>,
    site_dropped: Option<&[bool]>,
) -> Vec<Dropped> {
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for &root in roots {
        let end = doc.nodes[root].end;
        let mut i = root + 1;
        while i < end {
            if site_dropped.is_some_and(|d| d[i]) {
                i = doc.nodes[i].end;
                continue;
            }
            if removed[i] {
                if doc.elem(i).is_some() {
                    found.push((i, reason(doc, i, stats)));
                }
                i = doc.nodes[i].end;
            } else {
                i += 1;
            }
        }
    }
    outside_roots(doc, roots, removed, stats, site_dropped, &mut found);
    found.sort_by_key(|&(i, _)| i);
    found
        .into_iter()
        .filter_map(|(i, reason)| {
            let text = match &doc.nodes[i].data {
                NodeData::Text(t) => collapse_ws(t),
                NodeData::Element(e) if !is_in(sel::JUNK_TAGS, &e.tag) => element_text(doc, i),
                _ => String::new(),
            };
            (!text.is_empty()).then(|| Dropped {
                element: start_tag(doc, i),
                reason: Cow::Borrowed(reason),
                text,
                before: rendered_before(doc, roots, removed, stats, render, i),
            })
        })
        .collect()
}

/// An element a site's `drop` selector removed, when it holds text.
pub(crate) fn site_drop(doc: &Doc, i: usize, selector: &str) -> Option<Dropped> {
    let text = element_text(doc, i);
    (!text.is_empty()).then(|| Dropped {
        element: start_tag(doc, i),
        reason: Cow::Owned(format!("site drop: {selector}")),
        text,
        // Listed before the body: the site's drops are made before a container is chosen.
        before: 0,
    })
}

/// What a site's `body` selector chose on a page (`[[site]]`), for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteChoice {
    /// The site's host, as configured (lower-case, no `www.`).
    pub host: String,
    /// The `body` selector, when the site has one.
    pub body: Option<String>,
    /// The elements it chose, as short start tags; empty when it matched nothing (the
    /// container was then scored as usual).
    pub chosen: Vec<String>,
}

impl fmt::Display for SiteChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "site {}: ", self.host)?;
        match &self.body {
            None => write!(f, "no body selector; the container was scored as usual"),
            Some(body) if self.chosen.is_empty() => write!(
                f,
                "body `{body}` matched nothing; the container was scored as usual"
            ),
            Some(body) => write!(f, "body `{body}` chose {}", self.chosen.join(" ")),
        }
    }
}

/// The text of the element at `i`, whitespace collapsed, one line per block-level element
/// (a list's items, a footer's paragraphs), so that they do not run together.
fn element_text(doc: &Doc, i: usize) -> String {
    doc.text_with_breaks(i, |j| is_in(sel::JUNK_TAGS, doc.tag(j)))
        .lines()
        .map(collapse_ws)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why text outside the selected roots is not in the body, when no markup rule removed it.
const OUTSIDE: &str = "outside the article container";

/// The largest subtrees of `<body>` that hold no selected root: the siblings of the roots
/// and of their ancestors, with the reason the markup gives for each.
fn outside_roots(
    doc: &Doc,
    roots: &[usize],
    removed: &[bool],
    stats: &Stats,
    site_dropped: Option<&[bool]>,
    found: &mut Vec<(usize, &'static str)>,
) {
    let Some(body) = doc.find_tag("body") else {
        return;
    };
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        // Inside a root (or a root that holds the whole body): in the body, not around it.
        if roots.iter().any(|&r| doc.contains(r, n)) || site_dropped.is_some_and(|d| d[n]) {
            continue;
        }
        if roots.iter().any(|&r| doc.contains(n, r)) {
            stack.extend(doc.nodes[n].children.iter().rev());
        } else if removed[n] && doc.elem(n).is_some() {
            found.push((n, reason(doc, n, stats)));
        } else {
            found.push((n, OUTSIDE));
        }
    }
}

/// How many blocks the body renders from before node `at`: the render of the roots with
/// everything from `at` on left out.
fn rendered_before(
    doc: &Doc,
    roots: &[usize],
    removed: &[bool],
    stats: &Stats,
    params: &RenderParams<'_>,
    at: usize,
) -> usize {
    let mut cut = removed.to_vec();
    cut[at..].iter_mut().for_each(|r| *r = true);
    render::render(doc, roots, &cut, stats, params).len()
}

/// Gives every dropped piece its place in the article (`Dropped::before`) and puts them in
/// page order: `rendered` is the body as rendered, before the extractor's block-level passes
/// dropped lines from it, and `kept` the article those passes left. `dropped[..from_dom]`
/// come from the markup (their `before` counts rendered blocks); the rest are rendered
/// blocks, found again by their text.
pub(crate) fn place(
    rendered: &[Block],
    kept: &[Block],
    dropped: &mut Vec<Dropped>,
    from_dom: usize,
) {
    // kept_before[k]: the article blocks among the first k rendered blocks.
    let mut kept_before = Vec::with_capacity(rendered.len() + 1);
    kept_before.push(0);
    // Page order: markup drops before rendered block k sort at 2k, rendered block k at 2k+1.
    let mut order: Vec<usize> = dropped
        .iter()
        .enumerate()
        .map(|(k, d)| {
            if k < from_dom {
                2 * d.before
            } else {
                usize::MAX
            }
        })
        .collect();
    let mut next = 0;
    for (r, block) in rendered.iter().enumerate() {
        if kept.get(next) == Some(block) {
            next += 1;
        } else if let Some(k) = (from_dom..dropped.len())
            .find(|&k| order[k] == usize::MAX && dropped[k].text == block.text)
        {
            order[k] = 2 * r + 1;
            dropped[k].before = next;
        }
        kept_before.push(next);
    }
    for (k, d) in dropped.iter_mut().enumerate() {
        if k < from_dom {
            d.before = kept_before[d.before.min(rendered.len())];
        } else if order[k] == usize::MAX {
            d.before = kept.len();
        }
    }
    let mut keyed: Vec<(usize, Dropped)> = order.into_iter().zip(dropped.drain(..)).collect();
    keyed.sort_by_key(|(key, _)| *key);
    dropped.extend(keyed.into_iter().map(|(_, d)| d));
}

/// `<tag class=... id=...>`, attributes shortened; `text` for a text node.
pub(crate) fn start_tag(doc: &Doc, i: usize) -> String {
    if doc.elem(i).is_none() {
        return "text".to_owned();
    }
    let mut s = format!("<{}", doc.tag(i));
    for name in ["class", "id", "role"] {
        if let Some(v) = doc.attr_value(i, name) {
            let v: String = v.chars().take(40).collect();
            if v.contains(char::is_whitespace) {
                s.push_str(&format!(" {name}=\"{v}\""));
            } else {
                s.push_str(&format!(" {name}={v}"));
            }
        }
    }
    s.push('>');
    s
}

/// The markup reason an element was removed, checked in the order the prune pass applies
/// its rules; what none of them explains was dropped by conditional cleaning.
fn reason(doc: &Doc, i: usize, stats: &Stats) -> &'static str {
    let tag = doc.tag(i);
    if prune::is_hidden(doc, i) {
        return "hidden element";
    }
    if is_in(sel::FURNITURE_TAGS, tag) {
        return "furniture tag";
    }
    if doc
        .attr_value(i, "role")
        .is_some_and(|r| is_in(sel::FURNITURE_ROLES, &r.to_ascii_lowercase()))
    {
        return "furniture role";
    }
    if tag == "form" {
        return "form";
    }
    if tag == "header" {
        return "page header";
    }
    let ci = doc.elem(i).map(|e| e.class_id()).unwrap_or_default();
    if sel::LEGAL_NOTICE.is_match(&ci) {
        return "legal notice";
    }
    // A credit takes its short caption with it: the class may sit on a descendant.
    let credit = (i..doc.nodes[i].end).any(|j| {
        doc.elem(j)
            .is_some_and(|e| sel::CREDIT.is_match(&e.class_id()))
    });
    if credit {
        return "credit-classed element";
    }
    if !ci.is_empty() && (sel::UNLIKELY.is_match(&ci) || sel::STRONG_UNLIKELY.is_match(&ci)) {
        return "boilerplate class";
    }
    if stats.link_density(i) > LINK_DENSE {
        "link-dense box"
    } else {
        "widget or gallery"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_take_their_places_in_page_order() {
        let b = |t: &str| Block::new(BlockKind::Paragraph, t);
        let rendered = [b("Title"), b("One"), b("Links"), b("Two")];
        let kept = [b("One"), b("Two")];
        let drop = |text: &str, before| Dropped {
            element: "<p>".into(),
            reason: "r".into(),
            text: text.into(),
            before,
        };
        // Markup drops (before rendered block 0, 3 and 4), then two rendered blocks.
        let mut dropped = vec![
            drop("nav", 0),
            drop("aside", 3),
            drop("footer", 4),
            drop("Links", 0),
            drop("Title", 0),
        ];
        place(&rendered, &kept, &mut dropped, 3);
        let got: Vec<(&str, usize)> = dropped
            .iter()
            .map(|d| (d.text.as_str(), d.before))
            .collect();
        assert_eq!(
            got,
            [
                ("nav", 0),
                ("Title", 0),
                ("Links", 1),
                ("aside", 1),
                ("footer", 2)
            ]
        );
    }
}
