//! What the extractor left out of the body, and why, for `copydesk explain`.
//!
//! The extractor removes by markup only: page furniture tags and roles, hidden elements,
//! forms, boilerplate class/id names, credit-classed elements, link-dense boxes and lines.
//! Every removal of text because of what it says happens in the filter stage. This module
//! names the markup removals so that `explain` can show them next to the filter's; it runs
//! only when asked (never on the processing path).

use std::borrow::Cow;
use std::fmt;

use crate::article::BlockKind;

use super::dom::{Doc, collapse_ws};
use super::prune;
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
    /// The element's text, whitespace collapsed.
    pub text: String,
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

/// The outermost removed elements inside the selected roots that hold text, each with the
/// markup reason that removed it. Elements a site's `drop` selectors removed (`site_dropped`)
/// are listed apart ([`site_drop`]) and skipped here.
pub(crate) fn dom_drops(
    doc: &Doc,
    roots: &[usize],
    removed: &[bool],
    stats: &Stats,
    site_dropped: Option<&[bool]>,
) -> Vec<Dropped> {
    let mut out = Vec::new();
    for &root in roots {
        let end = doc.nodes[root].end;
        let mut i = root + 1;
        while i < end {
            if !removed[i] {
                i += 1;
                continue;
            }
            let next = doc.nodes[i].end;
            if site_dropped.is_some_and(|d| d[i]) {
                i = next;
                continue;
            }
            if let Some(e) = doc.elem(i)
                && !is_in(sel::JUNK_TAGS, &e.tag)
            {
                let text = element_text(doc, i);
                if !text.is_empty() {
                    out.push(Dropped {
                        element: start_tag(doc, i),
                        reason: Cow::Borrowed(reason(doc, i, stats)),
                        text,
                    });
                }
            }
            i = next;
        }
    }
    out
}

/// An element a site's `drop` selector removed, when it holds text.
pub(crate) fn site_drop(doc: &Doc, i: usize, selector: &str) -> Option<Dropped> {
    let text = element_text(doc, i);
    (!text.is_empty()).then(|| Dropped {
        element: start_tag(doc, i),
        reason: Cow::Owned(format!("site drop: {selector}")),
        text,
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

/// The text of element `i` (scripts and the like left out), whitespace collapsed.
fn element_text(doc: &Doc, i: usize) -> String {
    collapse_ws(&doc.text_of(i, |j| is_in(sel::JUNK_TAGS, doc.tag(j))))
}

/// `<tag class=... id=...>`, attributes shortened.
pub(crate) fn start_tag(doc: &Doc, i: usize) -> String {
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
