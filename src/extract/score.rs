//! Measuring and scoring: per-node text statistics and the choice of the article container.
//!
//! Input: a [`Doc`] and the removal mask from [`super::prune`]. Output: [`Stats`] (side
//! tables of text length, link text, commas, paragraph counts) and a [`Selection`], the
//! container that scored best plus the siblings that belong with it. Nothing here changes
//! the DOM or the mask. All passes are linear loops over the pre-order numbering.
//!
//! The scoring follows Readability.js `_grabArticle`: every paragraph-like node adds
//! `1 + commas + min(len / 100, 3)` to its ancestors (parent in full, grandparent half,
//! further ancestors a third per level, five levels up), containers start from a class
//! weight and a tag bonus, and the final score is scaled by `1 - link density`.

use super::dom::{Doc, NodeData};
use super::selectors::{self as sel, is_in};
use super::text_key::text_key;

/// Per-node text statistics over the nodes that are not removed.
#[derive(Debug, Clone)]
pub(crate) struct Stats {
    /// Characters of text in the subtree (whitespace runs count as one).
    pub text: Vec<u32>,
    /// Characters of text inside `<a>` in the subtree.
    pub link: Vec<u32>,
    /// Commas in the subtree.
    pub commas: Vec<u32>,
    /// `<p>` elements with text in the subtree.
    pub paras: Vec<u32>,
    /// `<li>` elements in the subtree.
    pub items: Vec<u32>,
    /// `<img>` elements in the subtree.
    pub images: Vec<u32>,
    /// Text characters inside headings.
    pub heading_text: Vec<u32>,
    /// Text characters inside `ul`/`ol`.
    pub list_text: Vec<u32>,
    /// Text reached from the node without entering a block element ("inline run").
    pub direct: Vec<u32>,
    /// Commas in the inline run.
    pub direct_commas: Vec<u32>,
    /// Whether the subtree holds a block element that is not table structure.
    pub has_block: Vec<bool>,
    /// Whether the subtree holds an `<article>`, `<main>` or `[itemprop=articleBody]`.
    pub has_marker: Vec<bool>,
}

/// Number of characters of `s` when whitespace runs count as one character.
pub(crate) fn collapsed_len(s: &str) -> u32 {
    if s.is_ascii() {
        // The same count over bytes (ASCII whitespace to `char::is_whitespace`: space and
        // \t \n \x0b \x0c \r), without decoding chars.
        let mut n = 0u32;
        let mut in_ws = false;
        for &b in s.as_bytes() {
            let ws = b == b' ' || (b'\t'..=b'\r').contains(&b);
            n += u32::from(!(ws && in_ws));
            in_ws = ws;
        }
        return n;
    }
    // Over bytes too: a white-space character ends at the length `space_at` gives, any other
    // character counts at its leading (non-continuation) byte.
    let bytes = s.as_bytes();
    let mut n = 0u32;
    let mut in_ws = false;
    let mut i = 0;
    while i < bytes.len() {
        let space = crate::article::space_at(bytes, i);
        if space > 0 {
            n += u32::from(!in_ws);
            in_ws = true;
            i += space;
        } else {
            if !is_continuation(bytes[i]) {
                n += 1;
                in_ws = false;
            }
            i += 1;
        }
    }
    n
}

/// A UTF-8 continuation byte (`10xxxxxx`).
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

fn count_commas(s: &str) -> u32 {
    if s.is_ascii() {
        return s.bytes().filter(|&b| b == b',').count() as u32;
    }
    s.chars()
        .filter(|c| {
            matches!(
                c,
                ',' | '，' | '、' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲'
            )
        })
        .count() as u32
}

/// Is this element an article marker?
pub(crate) fn is_marker(doc: &Doc, i: usize) -> bool {
    doc.elem(i).is_some_and(|e| {
        e.tag == "article"
            || e.tag == "main"
            || e.attr("itemprop")
                .is_some_and(|v| is_in(sel::ARTICLE_ITEMPROPS, &v.to_ascii_lowercase()))
    })
}

impl Stats {
    /// Computes the statistics bottom-up; nodes with `removed[i]` contribute nothing.
    pub fn compute(doc: &Doc, removed: &[bool]) -> Self {
        let n = doc.nodes.len();
        let mut s = Stats {
            text: vec![0; n],
            link: vec![0; n],
            commas: vec![0; n],
            paras: vec![0; n],
            items: vec![0; n],
            images: vec![0; n],
            heading_text: vec![0; n],
            list_text: vec![0; n],
            direct: vec![0; n],
            direct_commas: vec![0; n],
            has_block: vec![false; n],
            has_marker: vec![false; n],
        };
        // flow[i]: inline text of i as seen from its parent (0 for block elements).
        let mut flow = vec![0u32; n];
        let mut flow_commas = vec![0u32; n];
        for i in (0..n).rev() {
            if removed[i] {
                continue;
            }
            match &doc.nodes[i].data {
                NodeData::Text(t) => {
                    let len = collapsed_len(t);
                    let c = count_commas(t);
                    s.text[i] = len;
                    s.commas[i] = c;
                    flow[i] = len;
                    flow_commas[i] = c;
                }
                NodeData::Element(_) | NodeData::Document => {
                    let tag = doc.tag(i);
                    let mut direct = 0;
                    let mut direct_commas = 0;
                    for &c in &doc.nodes[i].children {
                        if removed[c] {
                            continue;
                        }
                        s.text[i] += s.text[c];
                        s.link[i] += s.link[c];
                        s.commas[i] += s.commas[c];
                        s.paras[i] += s.paras[c];
                        s.items[i] += s.items[c];
                        s.images[i] += s.images[c];
                        s.heading_text[i] += s.heading_text[c];
                        s.list_text[i] += s.list_text[c];
                        s.has_block[i] |= s.has_block[c];
                        s.has_marker[i] |= s.has_marker[c];
                        direct += flow[c];
                        direct_commas += flow_commas[c];
                        if let Some(ce) = doc.elem(c)
                            && is_in(sel::BLOCK_TAGS, &ce.tag)
                            && !matches!(
                                ce.tag.as_str(),
                                "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption"
                            )
                        {
                            s.has_block[i] = true;
                        }
                    }
                    s.direct[i] = direct;
                    s.direct_commas[i] = direct_commas;
                    if !is_in(sel::BLOCK_TAGS, tag)
                        && !matches!(&doc.nodes[i].data, NodeData::Document)
                    {
                        flow[i] = direct;
                        flow_commas[i] = direct_commas;
                    }
                    match tag {
                        "a" if doc.is_link(i) => s.link[i] = s.text[i],
                        "p" if s.text[i] > 0 => s.paras[i] += 1,
                        // A div holding only inline content is a paragraph too
                        // (Readability turns such divs into <p> before cleaning).
                        "div" | "section" if s.text[i] > 0 && !s.has_block[i] => s.paras[i] += 1,
                        "li" => s.items[i] += 1,
                        "img" => s.images[i] += 1,
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => s.heading_text[i] = s.text[i],
                        "ul" | "ol" => s.list_text[i] = s.text[i],
                        _ => {}
                    }
                    if is_marker(doc, i) {
                        s.has_marker[i] = true;
                    }
                }
                NodeData::Other => {}
            }
        }
        s
    }

    /// Share of the subtree's text that sits inside links.
    pub fn link_density(&self, i: usize) -> f32 {
        if self.text[i] == 0 {
            0.0
        } else {
            self.link[i] as f32 / self.text[i] as f32
        }
    }
}

/// Class/id weight of an element: +25 for a positive token, -25 for a negative one
/// (Readability `_getClassWeight`), +30 for `itemprop=articleBody`.
pub(crate) fn class_weight(doc: &Doc, i: usize) -> f32 {
    let Some(e) = doc.elem(i) else { return 0.0 };
    let mut w = 0.0;
    for v in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        let v = v.to_lowercase();
        if v.is_empty() {
            continue;
        }
        if sel::NEGATIVE.is_match(&v) {
            w -= 25.0;
        }
        if sel::POSITIVE.is_match(&v) {
            w += 25.0;
        }
    }
    if e.attr("itemprop")
        .is_some_and(|v| is_in(sel::ARTICLE_ITEMPROPS, &v.to_ascii_lowercase()))
    {
        w += ARTICLE_BODY_BONUS;
    }
    w
}

/// Extra weight for `[itemprop=articleBody]`: a publisher's explicit statement; large
/// enough to beat one negative token.
const ARTICLE_BODY_BONUS: f32 = 30.0;

/// Extra weight for `<article>`: semantic but often used for teaser cards too, so modest.
const ARTICLE_TAG_BONUS: f32 = 10.0;

/// A container needs this much text (characters) for its full positive class weight;
/// below it the bonus shrinks in proportion. A teaser box named "textbox" or a lightbox
/// named "...-content" holding one sentence must not beat the story on its name alone,
/// while a short lead box (a paragraph or two) keeps its full weight.
const FULL_CLASS_BONUS_CHARS: u32 = 150;

/// Starting score of a candidate: class weight (positive part scaled by the text it
/// holds, see [`FULL_CLASS_BONUS_CHARS`]) plus the tag bonus.
fn initial_score(doc: &Doc, stats: &Stats, i: usize) -> f32 {
    let weight = class_weight(doc, i);
    let weight = if weight > 0.0 {
        weight * (stats.text[i] as f32 / FULL_CLASS_BONUS_CHARS as f32).min(1.0)
    } else {
        weight
    };
    weight + tag_bonus(doc.tag(i))
}

fn tag_bonus(tag: &str) -> f32 {
    match tag {
        "div" | "section" => 5.0,
        "article" | "main" => 5.0 + ARTICLE_TAG_BONUS,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Tuning knobs of the selection, set by the [`super::Favor`] preset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SelectParams {
    /// Shortest paragraph (characters) that is scored.
    pub min_paragraph_chars: u32,
    /// A sibling is kept when its score reaches this share of the winner's
    /// (Readability: 0.2).
    pub sibling_share: f32,
    /// A sibling paragraph longer than 80 characters is kept below this link density
    /// (Readability: 0.25).
    pub sibling_max_link_density: f32,
    /// A sibling container with scored paragraphs and at least this much text (characters)
    /// is kept when its link density is low.
    pub sibling_min_block_chars: u32,
    /// Whether short sibling sentences (< 80 chars, no links, ending with a period) are kept.
    pub keep_short_siblings: bool,
}

/// The chosen content: the winning container and the sibling subtrees kept with it, in
/// document order.
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    /// Subtrees to render, in document order.
    pub roots: Vec<usize>,
    /// The winning container.
    #[cfg_attr(not(test), allow(dead_code))]
    pub top: usize,
}

/// How many levels above the winner an enclosing article marker is looked for.
const MARKER_MAX_LEVELS: usize = 5;
/// The marker must score at least this share of the winner's score.
const MARKER_MIN_SCORE_SHARE: f32 = 0.5;
/// The marker must hold at least this many times the winner's text.
const MARKER_MIN_TEXT_RATIO: f32 = 1.5;
/// The marker's link density must stay below this.
const MARKER_MAX_LINK_DENSITY: f32 = 0.3;

/// The winner is one part of a marked article (a comma-heavy table of signatories, a
/// box) that holds much less text than the enclosing `<article>`/`<main>`/articleBody,
/// and that marker scores within reach: the story is the marker. The nearest marker only.
fn widen_to_marker(
    doc: &Doc,
    stats: &Stats,
    score: &[f32],
    has_score: &[bool],
    top: usize,
    body: Option<usize>,
) -> usize {
    let mut anc = doc.nodes[top].parent;
    let mut level = 0;
    while let Some(a) = anc {
        if Some(a) == body || doc.elem(a).is_none() || level >= MARKER_MAX_LEVELS {
            break;
        }
        if is_marker(doc, a) {
            let widen = has_score[a]
                && score[a] >= score[top] * MARKER_MIN_SCORE_SHARE
                && stats.text[a] as f32 >= stats.text[top] as f32 * MARKER_MIN_TEXT_RATIO
                && stats.link_density(a) < MARKER_MAX_LINK_DENSITY;
            return if widen { a } else { top };
        }
        level += 1;
        anc = doc.nodes[a].parent;
    }
    top
}

/// How many levels above the winner the enclosing article marker is looked for when
/// recovering a standfirst.
const LEAD_MARKER_MAX_LEVELS: usize = 6;
/// A standfirst holds at least this much text (characters) ...
const LEAD_MIN_CHARS: u32 = 40;
/// ... and at most this much (a longer block is a section of its own).
const LEAD_MAX_CHARS: u32 = 1500;
/// ... and is mostly free of links.
const LEAD_MAX_LINK_DENSITY: f32 = 0.25;

/// Standfirsts before the body: the deck or lead paragraph that publishers put in the
/// article header, next to the headline, while the body container starts below it. Looked
/// for only inside the nearest `<article>`/`<main>`/articleBody around the winner, before
/// the first selected root, in elements whose class/id names a lead ([`sel::LEAD`]) and
/// nothing negative (a byline, a media box), holding text and no image (a lead image's
/// caption is not a standfirst).
/// One forward pass over that range; figures and headlines are skipped.
fn lead_roots(doc: &Doc, removed: &[bool], stats: &Stats, top: usize, first: usize) -> Vec<usize> {
    let mut marker = None;
    let mut anc = doc.nodes[top].parent;
    for _ in 0..LEAD_MARKER_MAX_LEVELS {
        let Some(a) = anc else { break };
        if doc.elem(a).is_none() || doc.tag(a) == "body" {
            break;
        }
        if is_marker(doc, a) {
            marker = Some(a);
            break;
        }
        anc = doc.nodes[a].parent;
    }
    // Without an article marker, the headline bounds the article: the standfirst sits
    // between the nearest `<h1>` before the body and the body.
    let (marker, start) = match marker {
        Some(m) => (m, m + 1),
        None => match headline_scope(doc, removed, top, first) {
            Some(scope) => scope,
            None => return Vec::new(),
        },
    };
    let mut out = Vec::new();
    let mut i = start;
    while i < first.min(doc.nodes[marker].end) {
        let end = doc.nodes[i].end;
        let Some(e) = doc.elem(i) else {
            i += 1;
            continue;
        };
        if removed[i] || matches!(e.tag.as_str(), "figure" | "figcaption" | "h1" | "a") {
            i = end;
            continue;
        }
        if end > first {
            // An ancestor of the selection: look inside.
            i += 1;
            continue;
        }
        let ci = e.class_id();
        if !ci.is_empty()
            && (is_in(sel::PARAGRAPH_TAGS, &e.tag)
                || is_in(sel::CONTAINER_TAGS, &e.tag)
                || matches!(e.tag.as_str(), "h2" | "h3" | "header"))
            && sel::LEAD.is_match(&ci)
            && !sel::NEGATIVE.is_match(&ci)
            && stats.images[i] == 0
            && (LEAD_MIN_CHARS..=LEAD_MAX_CHARS).contains(&stats.text[i])
            && stats.link_density(i) < LEAD_MAX_LINK_DENSITY
        {
            out.push(i);
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// How many levels above the winner its enclosing `<article>` is looked for.
const FEED_MAX_LEVELS: usize = 8;
/// A story of a feed holds at least this much text (characters); teaser cards hold less.
const FEED_MIN_STORY_CHARS: u32 = 400;

/// Whether the first `h1`/`h2` in `i` repeats the page `<title>` (which may carry a site
/// suffix).
fn heading_is_title(doc: &Doc, removed: &[bool], i: usize, title: &str) -> bool {
    if title.is_empty() {
        return false;
    }
    let end = doc.nodes[i].end;
    let mut j = i;
    while j < end {
        if removed[j] {
            j = doc.nodes[j].end;
            continue;
        }
        if matches!(doc.tag(j), "h1" | "h2") {
            let h = text_key(&doc.text_of(j, |k| removed[k]));
            return h.chars().count() >= 10 && title.contains(&h);
        }
        j += 1;
    }
    false
}

/// A feed of full stories (infinite scroll, preloaded "next" articles): the winner sits
/// in an `<article>` that shares its class with other `<article>`s holding stories. The
/// page is about the one whose heading repeats the page title, else the first; the
/// longest usually is a later one. Returns the best-scored candidate inside that story,
/// or `top` when the winner is not in such a feed.
fn feed_story(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    score: &[f32],
    has_score: &[bool],
    top: usize,
) -> usize {
    let mut cur = Some(top);
    let mut own = None;
    for _ in 0..=FEED_MAX_LEVELS {
        let Some(a) = cur else { break };
        if doc.tag(a) == "article" {
            own = Some(a);
            break;
        }
        cur = doc.nodes[a].parent;
    }
    let Some(own) = own else { return top };
    let Some(class) = doc.attr_value(own, "class") else {
        return top;
    };
    let mut peers = Vec::new();
    let mut i = 0;
    while i < doc.nodes.len() {
        if removed[i] {
            i = doc.nodes[i].end;
            continue;
        }
        if let Some(e) = doc.elem(i)
            && e.tag == "article"
            && e.attr("class").map(str::trim) == Some(class)
            && stats.text[i] >= FEED_MIN_STORY_CHARS
            && stats.paras[i] > 0
        {
            peers.push(i);
            i = doc.nodes[i].end;
            continue;
        }
        i += 1;
    }
    if peers.len() < 2 || !peers.contains(&own) {
        return top;
    }
    let title = doc
        .find_tag("title")
        .map(|t| text_key(&doc.text_of(t, |_| false)))
        .unwrap_or_default();
    if heading_is_title(doc, removed, own, &title) {
        return top;
    }
    let story = peers
        .iter()
        .copied()
        .find(|&p| heading_is_title(doc, removed, p, &title))
        .unwrap_or(peers[0]);
    if story == own {
        return top;
    }
    (story..doc.nodes[story].end)
        .filter(|&c| has_score[c])
        .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
        .unwrap_or(top)
}

/// A live element with text or an image: empty spacers and clearing divs do not count
/// when asking whether a container is an only child.
fn holds_content(doc: &Doc, removed: &[bool], stats: &Stats, c: usize) -> bool {
    !removed[c] && doc.elem(c).is_some() && (stats.text[c] > 0 || stats.images[c] > 0)
}

/// How deep a chain of wrappers is followed down to a scored node.
const WRAPPER_CHAIN_MAX: usize = 8;

/// The node that carries `s`'s score: `s` itself when scored, else the first scored node
/// down its chain of only children. Page builders nest every row in several wrappers, so a
/// story row beside the winner can sit more than five levels above its paragraphs and get
/// no score of its own, while the winner's row inherited its child's score on the way up.
/// The first scored node (not the best one deeper down) keeps the bar high: a row must
/// carry its own mass of paragraphs, as a support box or sign-in prompt does not.
fn scored_within(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    has_score: &[bool],
    s: usize,
) -> Option<usize> {
    let mut cur = s;
    for _ in 0..=WRAPPER_CHAIN_MAX {
        if has_score[cur] {
            return Some(cur);
        }
        let mut live = doc.nodes[cur]
            .children
            .iter()
            .copied()
            .filter(|&c| holds_content(doc, removed, stats, c));
        let (Some(only), None) = (live.next(), live.next()) else {
            return None;
        };
        cur = only;
    }
    None
}

/// How many levels above the winner the headline's scope is looked for.
const LEAD_HEADLINE_MAX_LEVELS: usize = 8;

/// For a page without an article marker: the lowest ancestor of `top` (at most
/// [`LEAD_HEADLINE_MAX_LEVELS`] up) that holds the nearest kept `<h1>` before `first`, and
/// the node after that headline. One backward scan to the headline.
fn headline_scope(doc: &Doc, removed: &[bool], top: usize, first: usize) -> Option<(usize, usize)> {
    let h1 = (0..first.min(top))
        .rev()
        .find(|&j| doc.tag(j) == "h1" && !removed[j])?;
    let mut anc = doc.nodes[top].parent;
    for _ in 0..LEAD_HEADLINE_MAX_LEVELS {
        let a = anc?;
        if doc.elem(a).is_none() || doc.tag(a) == "body" {
            return None;
        }
        if doc.contains(a, h1) {
            return Some((a, doc.nodes[h1].end));
        }
        anc = doc.nodes[a].parent;
    }
    None
}

/// Content scores: a side table over the nodes, filled for the ancestors of scored
/// paragraphs (the candidates) and for nodes the selection climbs to.
struct Scores {
    /// Content score per node (0 for unscored nodes).
    score: Vec<f32>,
    /// Whether the node has a score.
    has_score: Vec<bool>,
    /// The ancestors of scored paragraphs, in the order they were first scored.
    candidates: Vec<usize>,
    /// Characters of scored paragraphs in each node's subtree.
    mass: Vec<u32>,
}

/// How much a paragraph adds to its ancestor `level` steps up: the parent in full, the
/// grandparent half, further ancestors a third per level.
fn level_divisor(level: usize) -> f32 {
    match level {
        0 => 1.0,
        1 => 2.0,
        l => l as f32 * 3.0,
    }
}

impl Scores {
    /// Every paragraph-like node of at least `min_paragraph_chars` adds its content score to
    /// its ancestors, five levels up; each ancestor starts from its initial score.
    fn of_paragraphs(doc: &Doc, removed: &[bool], stats: &Stats, p: &SelectParams) -> Self {
        let n = doc.nodes.len();
        let mut s = Scores {
            score: vec![0f32; n],
            has_score: vec![false; n],
            candidates: Vec::new(),
            mass: vec![0; n],
        };
        let mut i = 0;
        while i < n {
            if removed[i] {
                i = doc.nodes[i].end;
                continue;
            }
            if let Some((len, commas)) = paragraph_len(doc, stats, p, i) {
                s.mass[i] = len;
                s.add_to_ancestors(doc, stats, i, content_score(len, commas));
            }
            i += 1;
        }
        // Pre-order numbering: a child's index is above its parent's, so one backward
        // pass sums every subtree.
        for i in (1..n).rev() {
            if let Some(par) = doc.nodes[i].parent {
                s.mass[par] += s.mass[i];
            }
        }
        s
    }

    fn add_to_ancestors(&mut self, doc: &Doc, stats: &Stats, i: usize, content: f32) {
        let mut level = 0usize;
        let mut anc = doc.nodes[i].parent;
        // A node that is itself a container with inline text (a "div as p") also
        // scores itself, as Readability's div-to-p conversion makes it a paragraph of
        // its own parent.
        while let Some(a) = anc {
            if level >= 5 || doc.elem(a).is_none() {
                break;
            }
            if !self.has_score[a] {
                self.has_score[a] = true;
                self.score[a] = initial_score(doc, stats, a);
                self.candidates.push(a);
            }
            self.score[a] += content / level_divisor(level);
            level += 1;
            anc = doc.nodes[a].parent;
        }
    }

    /// Scales every candidate by `1 - link density` and ranks them, best first.
    fn rank(&mut self, doc: &Doc, stats: &Stats) -> Vec<usize> {
        for &c in &self.candidates {
            self.score[c] *= 1.0 - stats.link_density(c);
        }
        let score = &self.score;
        let mut ranked = self.candidates.clone();
        ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        if tracing::enabled!(tracing::Level::DEBUG) {
            for &c in ranked.iter().take(6) {
                let e = doc.elem(c);
                tracing::debug!(
                    node = c,
                    tag = doc.tag(c),
                    class_id = e.map(|e| e.class_id()).unwrap_or_default(),
                    score = score[c],
                    text = stats.text[c],
                    "extract candidate"
                );
            }
        }
        ranked
    }

    /// Gives `i` its initial score if it has none.
    fn ensure_scored(&mut self, doc: &Doc, stats: &Stats, i: usize) {
        if !self.has_score[i] {
            self.has_score[i] = true;
            self.score[i] = initial_score(doc, stats, i);
        }
    }
}

/// The content score a paragraph adds: `1 + commas + min(len / 100, 3)`.
fn content_score(len: u32, commas: u32) -> f32 {
    1.0 + commas as f32 + (len / 100).min(3) as f32
}

/// The text length and commas of a paragraph-like node: a paragraph tag, or a container
/// whose own inline text is paragraph-long. `None` for other nodes and for paragraphs
/// shorter than `min_paragraph_chars`.
fn paragraph_len(doc: &Doc, stats: &Stats, p: &SelectParams, i: usize) -> Option<(u32, u32)> {
    let tag = doc.elem(i)?.tag.as_str();
    let (len, commas) = if is_in(sel::PARAGRAPH_TAGS, tag) {
        (stats.text[i], stats.commas[i])
    } else if is_in(sel::CONTAINER_TAGS, tag) && stats.direct[i] >= p.min_paragraph_chars {
        (stats.direct[i], stats.direct_commas[i])
    } else {
        return None;
    };
    if len < p.min_paragraph_chars {
        return None;
    }
    Some((len, commas))
}

/// Several near-equal candidates under one ancestor: the article is split; take the
/// ancestor (Readability: at least 3 alternatives at >= 75 % of the top score).
fn split_article(doc: &Doc, score: &[f32], ranked: &[usize], body: Option<usize>) -> usize {
    let top = ranked[0];
    let alternatives: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&c| score[c] / score[top].max(f32::MIN_POSITIVE) >= 0.75)
        .collect();
    if alternatives.len() < 3 {
        return top;
    }
    let mut anc = doc.nodes[top].parent;
    while let Some(a) = anc {
        if Some(a) == body || doc.elem(a).is_none() {
            break;
        }
        let holding = alternatives.iter().filter(|&&c| doc.contains(a, c)).count();
        if holding >= 3 {
            return a;
        }
        anc = doc.nodes[a].parent;
    }
    top
}

/// Climbs while the parent scores better (the content is spread over siblings); an
/// ancestor scoring under a third of the last one stops the climb.
fn climb_to_better_parent(doc: &Doc, s: &Scores, top: usize, body: Option<usize>) -> usize {
    let mut last = s.score[top];
    let mut anc = doc.nodes[top].parent;
    while let Some(a) = anc {
        if Some(a) == body || doc.elem(a).is_none() {
            break;
        }
        if !s.has_score[a] {
            anc = doc.nodes[a].parent;
            continue;
        }
        if s.score[a] < last / 3.0 {
            break;
        }
        if s.score[a] > last {
            return a;
        }
        last = s.score[a];
        anc = doc.nodes[a].parent;
    }
    top
}

/// An only child adds nothing: climbs to the parent while `top` is its parent's only child
/// with content; a parent without a score takes the child's.
fn climb_only_children(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    s: &mut Scores,
    mut top: usize,
    body: Option<usize>,
) -> usize {
    while let Some(a) = doc.nodes[top].parent {
        if Some(a) == body || doc.elem(a).is_none() {
            break;
        }
        let live: Vec<usize> = doc.nodes[a]
            .children
            .iter()
            .copied()
            .filter(|&c| holds_content(doc, removed, stats, c))
            .collect();
        if live.len() != 1 {
            break;
        }
        if !s.has_score[a] {
            s.score[a] = s.score[top];
            s.has_score[a] = true;
        }
        top = a;
    }
    top
}

/// The winner `top` and the siblings that belong with it, in document order (the winner
/// alone when it is the body or has no element parent).
fn sibling_roots(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    p: &SelectParams,
    s: &Scores,
    top: usize,
    body: Option<usize>,
) -> Vec<usize> {
    let par = match doc.nodes[top].parent {
        Some(par) if Some(top) != body && doc.elem(par).is_some() => par,
        _ => return vec![top],
    };
    let sibling = Sibling {
        doc,
        removed,
        stats,
        p,
        s,
        top,
        threshold: (s.score[top] * p.sibling_share).max(10.0),
        top_class: doc.elem(top).and_then(|e| e.attr("class")).unwrap_or(""),
    };
    doc.nodes[par]
        .children
        .iter()
        .copied()
        .filter(|&c| !removed[c] && (c == top || sibling.belongs(c)))
        .collect()
}

/// What decides whether a sibling of the winner belongs with it.
struct Sibling<'a> {
    doc: &'a Doc,
    removed: &'a [bool],
    stats: &'a Stats,
    p: &'a SelectParams,
    s: &'a Scores,
    top: usize,
    /// The score a sibling needs: a share of the winner's.
    threshold: f32,
    /// The winner's class attribute (a sibling sharing it gets a bonus).
    top_class: &'a str,
}

impl Sibling<'_> {
    /// A sibling belongs when it scores near the winner, is a split part of the same
    /// container, or is a story paragraph of its own.
    fn belongs(&self, c: usize) -> bool {
        let (doc, stats, p, s) = (self.doc, self.stats, self.p, self.s);
        let Some(se) = doc.elem(c) else { return false };
        let mut bonus = 0.0;
        if !self.top_class.is_empty() && se.attr("class") == Some(self.top_class) {
            bonus += s.score[self.top] * 0.2;
        }
        if let Some(d) = scored_within(doc, self.removed, stats, &s.has_score, c)
            && s.score[d] + bonus >= self.threshold
            && (d == c || stats.link_density(c) < p.sibling_max_link_density * 0.5)
        {
            return true;
        }
        // A split container: a sibling holding scored paragraphs, mostly free of
        // links (the lead section before the body, the rest after an ad).
        if s.has_score[c]
            && s.score[c] > 0.0
            && stats.paras[c] > 0
            && stats.text[c] >= p.sibling_min_block_chars
            && stats.link_density(c) < p.sibling_max_link_density * 0.5
        {
            return true;
        }
        (se.tag == "p" || (stats.direct[c] == stats.text[c] && is_in(sel::CONTAINER_TAGS, &se.tag)))
            && self.is_story_paragraph(c)
    }

    /// A paragraph of story: long with few links, or (when short siblings are kept) a short
    /// sentence without links.
    fn is_story_paragraph(&self, c: usize) -> bool {
        let (stats, p) = (self.stats, self.p);
        let ld = stats.link_density(c);
        let len = stats.text[c];
        let text = self.doc.text_of(c, |j| self.removed[j]);
        let t = text.trim();
        let long_story = len > 80 && ld < p.sibling_max_link_density;
        let short_sentence = p.keep_short_siblings
            && len > 0
            && len <= 80
            && ld == 0.0
            && (t.ends_with('.') || t.contains(". "));
        long_story || short_sentence
    }
}

/// How many levels above the winner the post of a thread is looked for: forum templates
/// wrap a post's text in four to six layers (cells, bodies, inner wrappers).
const THREAD_MAX_LEVELS: usize = 8;
/// Sibling posts that make a thread (an opening post and two replies; the same count
/// `page_type` asks of a forum).
const THREAD_MIN_POSTS: usize = 3;
/// A thread's container stays below this link density: posts are prose, while a run of
/// teaser cards or a menu that happens to carry a post word is mostly links.
const THREAD_MAX_LINK_DENSITY: f32 = 0.3;

/// The words of a class or id value: split at non-alphanumerics (`message--post`,
/// `post_123`) and where a lowercase letter meets an uppercase one (`cPost`).
fn class_words(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|token| {
            let mut cuts = vec![0];
            let b = token.as_bytes();
            for k in 1..b.len() {
                if b[k - 1].is_ascii_lowercase() && b[k].is_ascii_uppercase() {
                    cuts.push(k);
                }
            }
            cuts.push(b.len());
            cuts.windows(2)
                .map(|w| &token[w[0]..w[1]])
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
}

/// Bit set of the [`sel::THREAD_POST_WORDS`] in an element's class and id.
fn post_words(doc: &Doc, i: usize) -> u32 {
    let Some(e) = doc.elem(i) else { return 0 };
    let mut bits = 0;
    for value in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        for word in class_words(value) {
            if let Some(k) = sel::THREAD_POST_WORDS
                .iter()
                .position(|w| w.eq_ignore_ascii_case(word))
            {
                bits |= 1 << k;
            }
        }
    }
    bits
}

/// Whether a live `h1`/`h2` is in the subtree of `i`.
fn has_headline(doc: &Doc, removed: &[bool], i: usize) -> bool {
    let mut j = i;
    while j < doc.nodes[i].end {
        if removed[j] {
            j = doc.nodes[j].end;
            continue;
        }
        if matches!(doc.tag(j), "h1" | "h2") {
            return true;
        }
        j += 1;
    }
    false
}

/// The winner sits in one post of a discussion thread: the winner or an ancestor carries a
/// post word in its class/id, and at least [`THREAD_MIN_POSTS`] live siblings of its tag
/// share that word. A forum, Q&A or guestbook page is its posts, not its longest post, so
/// the thread's container becomes the winner. Posts carry no headline of their own:
/// siblings that mostly open with an `h1`/`h2` are stories of a feed or teasers of a
/// listing, left to [`feed_story`] and the sibling rules.
fn widen_to_thread(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    top: usize,
    body: Option<usize>,
) -> usize {
    let mut cur = top;
    for _ in 0..=THREAD_MAX_LEVELS {
        let Some(par) = doc.nodes[cur].parent else {
            break;
        };
        if Some(cur) == body || Some(par) == body || doc.elem(par).is_none() {
            break;
        }
        let words = post_words(doc, cur);
        if words != 0 {
            let tag = doc.tag(cur);
            let posts: Vec<usize> = doc.nodes[par]
                .children
                .iter()
                .copied()
                .filter(|&c| {
                    !removed[c]
                        && stats.text[c] > 0
                        && doc.tag(c) == tag
                        && post_words(doc, c) & words != 0
                })
                .collect();
            if posts.len() >= THREAD_MIN_POSTS && stats.link_density(par) < THREAD_MAX_LINK_DENSITY
            {
                let headlined = posts
                    .iter()
                    .filter(|&&c| has_headline(doc, removed, c))
                    .count();
                if headlined * 2 < posts.len() {
                    return par;
                }
            }
        }
        cur = par;
    }
    top
}

/// How many levels above the winner the rest of a split article is looked for: page
/// builders and CMS "paragraph" components nest each text block in several wrappers.
const SPLIT_MAX_LEVELS: usize = 6;
/// The winner is a fragment when an ancestor holds at least this many times its paragraph
/// text: a story cut into blocks (one per builder row, tab or component) where each block
/// scores on its own and the best holds a minority of the story.
const SPLIT_MIN_GAIN: u32 = 2;
/// The widened container stays below this link density: story blocks are prose, while a
/// region that also holds menus, teaser grids or link lists is not one story.
const SPLIT_MAX_LINK_DENSITY: f32 = 0.2;

/// Linked headlines outside the winner that make an ancestor a teaser region rather than
/// one story: teaser cards, "most popular" and "recent posts" lists headline each entry
/// with a link to its own page, while a story's section headings are plain text.
const SPLIT_MAX_LINKED_HEADINGS: usize = 2;

/// Whether `a` holds, outside `top`, at least [`SPLIT_MAX_LINKED_HEADINGS`] headings that
/// are mostly link text (teasers of other pages): then `a` is a listing or the page's frame.
fn holds_teasers(doc: &Doc, removed: &[bool], stats: &Stats, top: usize, a: usize) -> bool {
    let mut linked = 0;
    let mut i = a + 1;
    while i < doc.nodes[a].end {
        if i == top || removed[i] || stats.text[i] == 0 {
            i = doc.nodes[i].end;
            continue;
        }
        if matches!(doc.tag(i), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            if stats.link[i] * 2 >= stats.text[i] {
                linked += 1;
                if linked >= SPLIT_MAX_LINKED_HEADINGS {
                    return true;
                }
            }
            i = doc.nodes[i].end;
            continue;
        }
        i += 1;
    }
    false
}

/// The winner holds under half of the paragraph text of an ancestor a few levels up: the
/// story is split into blocks that scored apart (page-builder rows, CMS components, tabs),
/// so the highest such ancestor is the winner. The climb stops at the first ancestor that
/// is link-dense or holds teasers (a listing or the page's frame).
fn widen_to_split(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    s: &Scores,
    top: usize,
    body: Option<usize>,
) -> usize {
    let own = s.mass[top];
    let mut best = top;
    let mut anc = doc.nodes[top].parent;
    for _ in 0..SPLIT_MAX_LEVELS {
        let Some(a) = anc else { break };
        if Some(a) == body || doc.elem(a).is_none() {
            break;
        }
        // A layout table's cells are the page's frame (2000s templates), not story blocks.
        if stats.link_density(a) >= SPLIT_MAX_LINK_DENSITY
            || matches!(doc.tag(a), "td" | "th" | "tr" | "tbody" | "table")
        {
            break;
        }
        if s.mass[a] >= own.saturating_mul(SPLIT_MIN_GAIN) {
            if holds_teasers(doc, removed, stats, top, a) {
                break;
            }
            best = a;
        }
        anc = doc.nodes[a].parent;
    }
    best
}

/// Scores containers and selects the article. Returns `None` when no paragraph scored.
pub(crate) fn select(
    doc: &Doc,
    removed: &[bool],
    stats: &Stats,
    p: &SelectParams,
) -> Option<Selection> {
    let mut s = Scores::of_paragraphs(doc, removed, stats, p);
    if s.candidates.is_empty() {
        return None;
    }
    let ranked = s.rank(doc, stats);
    let body = doc.find_tag("body");
    let mut top = split_article(doc, &s.score, &ranked, body);
    s.ensure_scored(doc, stats, top);
    let feed = feed_story(doc, removed, stats, &s.score, &s.has_score, top);
    // A story picked out of a feed is one of several: the others are not its parts.
    let in_feed = feed != top;
    top = feed;
    top = widen_to_marker(doc, stats, &s.score, &s.has_score, top, body);
    top = climb_to_better_parent(doc, &s, top, body);
    top = climb_only_children(doc, removed, stats, &mut s, top, body);
    top = widen_to_thread(doc, removed, stats, top, body);
    if !in_feed {
        let split = widen_to_split(doc, removed, stats, &s, top, body);
        if split != top {
            s.ensure_scored(doc, stats, split);
            top = split;
        }
    }
    let mut roots = sibling_roots(doc, removed, stats, p, &s, top, body);
    let leads = lead_roots(
        doc,
        removed,
        stats,
        top,
        roots.first().copied().unwrap_or(top),
    );
    if !leads.is_empty() {
        roots.splice(0..0, leads);
    }
    tracing::debug!(top, ?roots, "extract selection");
    Some(Selection { roots, top })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> SelectParams {
        SelectParams {
            min_paragraph_chars: 25,
            sibling_share: 0.2,
            sibling_max_link_density: 0.25,
            sibling_min_block_chars: 100,
            keep_short_siblings: true,
        }
    }

    #[test]
    fn collapsed_len_counts_runs_once() {
        assert_eq!(collapsed_len("a  b\n\nc"), 5);
    }

    #[test]
    fn collapsed_len_ascii_path_matches_char_path() {
        // Non-whitespace chars plus one per whitespace run, by `char::is_whitespace` (which,
        // unlike `u8::is_ascii_whitespace`, includes \x0b).
        let reference = |t: &str| {
            let runs = t
                .split(|c: char| !c.is_whitespace())
                .filter(|r| !r.is_empty())
                .count();
            (t.chars().filter(|c| !c.is_whitespace()).count() + runs) as u32
        };
        for t in [
            "a\x0b\x0c b",
            " \t\r\n",
            "x",
            "",
            "a \u{a0} b",
            "é  b\n",
            " a  b ",
            "日本\u{3000}\u{3000}語 \u{2028}x\u{85}",
            "\u{2009}é\u{202f}",
        ] {
            assert_eq!(collapsed_len(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn stats_link_density_and_direct_text() {
        let d =
            Doc::parse("<body><div id=x>Hello <a href=#>world</a><p>para text</p></div></body>");
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let div = d.find_tag("div").unwrap();
        assert_eq!(
            s.text[div],
            collapsed_len("Hello world") + collapsed_len("para text")
        );
        assert_eq!(s.direct[div], collapsed_len("Hello world"));
        assert!(s.link_density(div) > 0.2);
        assert_eq!(s.paras[div], 1);
    }

    #[test]
    fn container_chosen_by_score() {
        let para =
            "This is a long sentence, with commas, that reads like the story body of an article. ";
        let html = format!(
            "<body><div id=menu><p><a href=/a>Home link text that is long enough here</a></p></div>\
             <div id=story><p>{para}{para}</p><p>{para}</p><p>{para}{para}</p></div>\
             <div id=side><p>Short promo text with few words here ok.</p></div></body>"
        );
        let d = Doc::parse(&html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        assert_eq!(d.elem(sel.top).unwrap().attr("id"), Some("story"));
    }

    #[test]
    fn short_box_does_not_win_on_its_class_name() {
        // A one-line teaser named "textbox" (positive token) against an unnamed story.
        let para = "The story goes on here, with commas, clauses, and more words to read. ";
        let html = format!(
            "<body><div class=textbox><p>A teaser line, short, with commas, here.</p></div>\
             <div id=x><p>{para}{para}</p><p>{para}{para}</p></div></body>"
        );
        let d = Doc::parse(&html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        assert_eq!(d.elem(sel.top).unwrap().attr("id"), Some("x"));
        let boxed = d.find_tag("div").unwrap();
        assert!(initial_score(&d, &s, boxed) < class_weight(&d, boxed));
    }

    #[test]
    fn comma_heavy_table_widens_to_its_article() {
        // A table of signatories (one comma per cell) outscores the letter's paragraphs;
        // both sit in one <article>, which is the story.
        let para = "We write to say that the exchange of ideas is under threat today. ";
        let mut rows = String::new();
        for k in 0..12 {
            rows.push_str(&format!(
                "<tr><td>Name Number{k}, writer, author, historian</td></tr>"
            ));
        }
        let html = format!(
            "<body><article id=a><div><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div>\
             <table><tbody>{rows}</tbody></table></article><div id=side><p>Other stuff.</p></div></body>"
        );
        let d = Doc::parse(&html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        assert_eq!(d.elem(sel.top).unwrap().attr("id"), Some("a"));
    }

    #[test]
    fn standfirst_in_article_header_recovered() {
        // The deck sits in the article header; the body container wins on its own.
        let para = "The story goes on here, with commas, clauses, and more words to read. ";
        let html = format!(
            "<body><article><header><h1>Headline</h1>\
             <div class=article-intro><p>A deck that sums up the story in one long sentence here.</p></div>\
             <div class=article-summary><p><a href=/x>A linked summary of another story on the site</a></p></div>\
             <div class=lead-asset><img src=x.jpg><p>A caption under the lead picture, long enough to count.</p></div>\
             <p class='lead byline'>By A. Writer, who covers the council for the paper.</p></header>\
             <div id=body><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div></article>\
             <div class=intro><p>A lead-named box outside the article, long enough to count.</p></div></body>"
        );
        let d = Doc::parse(&html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        assert_eq!(d.elem(sel.top).unwrap().attr("id"), Some("body"));
        let texts: Vec<String> = sel.roots.iter().map(|&r| d.text_of(r, |_| false)).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("A deck that sums up"));
        assert!(texts[1].starts_with("The story goes on"));
    }

    fn feed_page(title: &str) -> String {
        let short = "The first story, with commas, is the one the page is about today. ";
        let long = "A later story of the feed, with commas, longer than the first one. ";
        format!(
            "<html><head><title>{title}</title></head><body><main>\
             <div class=scroll><article class=entry><h1>Festival opens on Saturday</h1>\
             <div id=first><p>{short}{short}</p><p>{short}{short}</p><p>{short}{short}</p></div></article></div>\
             <div class=scroll><article class=entry><h1>Council approves the budget</h1>\
             <div id=second><p>{long}{long}</p><p>{long}{long}</p><p>{long}{long}</p>\
             <p>{long}{long}</p><p>{long}{long}</p><p>{long}{long}</p></div></article></div>\
             </main></body></html>"
        )
    }

    fn selected_id(html: &str) -> Option<String> {
        let d = Doc::parse(html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        d.elem(sel.top)
            .and_then(|e| e.attr("id"))
            .map(str::to_string)
    }

    fn selected_text(html: &str) -> String {
        let d = Doc::parse(html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        sel.roots.iter().map(|&r| d.text_of(r, |_| false)).collect()
    }

    fn roots_text(html: &str) -> Vec<String> {
        let d = Doc::parse(html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        sel.roots.iter().map(|&r| d.text_of(r, |_| false)).collect()
    }

    #[test]
    fn feed_of_stories_takes_the_first() {
        // Infinite scroll: the longer second story must not replace the page's own.
        let t = selected_text(&feed_page("News of the day"));
        assert!(t.contains("The first story"), "{t}");
        assert!(!t.contains("A later story"), "{t}");
    }

    #[test]
    fn feed_of_stories_takes_the_one_titled_like_the_page() {
        let t = selected_text(&feed_page("Council approves the budget | Paper"));
        assert!(
            t.contains("A later story") && !t.contains("The first story"),
            "{t}"
        );
        let t = selected_text(&feed_page("Festival opens on Saturday | Paper"));
        assert!(
            t.contains("The first story") && !t.contains("A later story"),
            "{t}"
        );
    }

    #[test]
    fn page_builder_rows_kept_together() {
        // Each row nests its text five wrappers deep: the second row gets no score of its
        // own, yet it is the rest of the story.
        let para = "The interview goes on here, with commas, clauses, asides, lists, names, \
                    places, dates, quotes, and more, as long as the second, or longer, too. ";
        let row = |id: &str, text: &str| {
            format!(
                "<div class=row><div class=col><div class=inner><div class=wrap><div class=box>\
                 <div class=text id={id}><p>{text}{text}</p><p>{text}{text}</p><p>{text}</p></div>\
                 </div></div></div></div></div>"
            )
        };
        let html = format!(
            "<body><div id=page>{}{}</div><div id=side><p>Short promo text, with few words.</p></div></body>",
            row("one", para),
            row(
                "two",
                "Second part of the talk, with commas, clauses, asides, lists, names, places, \
                 dates, quotes, and more, just as long as the first, or longer, really. "
            )
        );
        let d = Doc::parse(&html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let sel = select(&d, &removed, &s, &params()).unwrap();
        let text: String = sel.roots.iter().map(|&r| d.text_of(r, |_| false)).collect();
        assert!(text.contains("The interview goes on"), "{text}");
        assert!(text.contains("Second part of the talk"), "{text}");
        assert!(!text.contains("Short promo"));
    }

    /// A story cut into four component blocks, each in its own section with a heading
    /// between them; the first block is the longest, yet holds under half of the story.
    /// `teaser` puts a linked headline above each later block (a feed of other pages).
    fn split_story(teaser: bool) -> String {
        let text = "Each block of the guide goes on here, with commas, clauses, asides, lists, \
                    names, places, dates, and more, as long as a real paragraph of it. ";
        let block = |n: usize, k: usize| {
            let head = if teaser {
                format!("<h3><a href=/p{n}>Another page number {n}</a></h3>")
            } else {
                format!("<h2>Part {n}</h2>")
            };
            format!(
                "<section class=\"row r{n}\"><div class=col><div class=wrap>{head}\
                 <div class=\"widget text-editor w{n}\">{}</div></div></div></section>",
                format!("<p>Part {n}. {text}{text}</p>").repeat(k)
            )
        };
        format!(
            "<body><div id=content>{}{}{}{}</div></body>",
            block(1, 3),
            block(2, 2),
            block(3, 2),
            block(4, 2)
        )
    }

    /// The node `widen_to_split` makes of the first block of [`split_story`], and that block.
    fn split_widened(teaser: bool) -> (usize, usize) {
        let d = Doc::parse(&split_story(teaser));
        let removed = vec![false; d.nodes.len()];
        let stats = Stats::compute(&d, &removed);
        let s = Scores::of_paragraphs(&d, &removed, &stats, &params());
        let first = (0..d.nodes.len())
            .find(|&i| d.attr_value(i, "class") == Some("widget text-editor w1"))
            .unwrap();
        (
            widen_to_split(&d, &removed, &stats, &s, first, d.find_tag("body")),
            first,
        )
    }

    #[test]
    fn story_split_into_component_blocks_is_read_whole() {
        let (widened, first) = split_widened(false);
        assert_ne!(widened, first);
        let d = Doc::parse(&split_story(false));
        let text = d.text_of(widened, |_| false);
        for n in 1..=4 {
            assert!(text.contains(&format!("Part {n}. Each block")), "{text}");
        }
    }

    #[test]
    fn teasers_with_linked_headlines_are_not_a_split_story() {
        let (widened, first) = split_widened(true);
        assert_eq!(widened, first);
    }

    #[test]
    fn empty_spacer_does_not_stop_the_climb() {
        // The story's wrapper also holds an empty spacer div: it is still an only child
        // as far as content goes, so the selection widens to the wrapper.
        let para = "The story goes on here, with commas, clauses, and more words to read. ";
        let html = format!(
            "<body><div id=page><div id=story><p>{para}{para}</p><p>{para}{para}</p></div>\
             <div class=spacer><span></span></div></div>\
             <div id=side><p>Short promo text, with few words.</p></div></body>"
        );
        assert_eq!(selected_id(&html).as_deref(), Some("page"));
    }

    #[test]
    fn standfirst_after_headline_recovered_without_article_marker() {
        // No <article>/<main>: the headline bounds the article instead.
        let para = "The story goes on here, with commas, clauses, and more words to read. ";
        let html = format!(
            "<body><div class=intro><p>A lead-named box above the headline, long enough to count.</p></div>\
             <div class=page><div class=head><h1>Headline</h1>\
             <div class=intro-box><p>A deck that sums up the story in one long sentence here.</p></div></div>\
             <div id=body><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div></div></body>"
        );
        let texts = roots_text(&html);
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("A deck that sums up"));
        assert!(texts[1].starts_with("The story goes on"));
        // Without a headline there is no scope, and nothing is recovered.
        let texts = roots_text(&html.replace("<h1>Headline</h1>", ""));
        assert_eq!(texts.len(), 1, "{texts:?}");
    }

    #[test]
    fn teaser_and_abstract_name_standfirsts() {
        let para = "The story goes on here, with commas, clauses, and more words to read. ";
        for class in ["article-teaser", "field-abstract", "leader"] {
            let html = format!(
                "<body><article><h1>Headline</h1>\
                 <h2 class={class}>A deck that sums up the story in one long sentence here.</h2>\
                 <div id=body><p>{para}{para}</p><p>{para}{para}</p><p>{para}</p></div></article></body>"
            );
            let texts = roots_text(&html);
            assert_eq!(texts.len(), 2, "{class}: {texts:?}");
            assert!(texts[0].starts_with("A deck that sums up"));
        }
    }

    #[test]
    fn class_weight_signs() {
        let d = Doc::parse("<div class='article-body'></div><div class='sidebar'></div>");
        let a = d.find_tag("div").unwrap();
        let b = a + 1;
        assert!(class_weight(&d, a) > 0.0);
        assert!(class_weight(&d, b) < 0.0);
    }

    fn thread_page(headline: &str) -> String {
        let long = "I have tried this setup for a month, with two cards, and it works well. ";
        let reply = "Thanks, that is useful to know, I will try the same thing this week. ";
        let post = |id: usize, text: &str| {
            format!(
                "<article class='message message--post' id=post-{id}>{headline}\
                 <div class=message-user>user{id}</div>\
                 <div class=message-body><p>{text}{text}</p><p>{text}</p></div></article>"
            )
        };
        format!(
            "<html><body><div class=header>Forums</div><div id=thread>{}{}{}</div>\
             <div class=footer>Terms and rules</div></body></html>",
            post(1, &long.repeat(4)),
            post(2, reply),
            post(3, reply),
        )
    }

    // https://issues/14: a forum page is its thread, not its longest post.
    #[test]
    fn issue_14_thread_posts_are_read_together() {
        let page = thread_page("");
        assert_eq!(selected_id(&page).as_deref(), Some("thread"));
        let t = selected_text(&page);
        assert!(t.contains("I have tried this setup"), "{t}");
        assert_eq!(t.matches("Thanks, that is useful").count(), 6, "{t}");
        assert!(t.contains("user3"), "{t}");
        assert!(!t.contains("Terms and rules"), "{t}");
    }

    #[test]
    fn headlined_siblings_are_no_thread() {
        // Each sibling opens with its own headline: stories of a feed, not posts.
        let widened = |html: &str| {
            let d = Doc::parse(html);
            let removed = vec![false; d.nodes.len()];
            let s = Stats::compute(&d, &removed);
            let first = (0..d.nodes.len())
                .find(|&i| d.elem(i).and_then(|e| e.attr("class")) == Some("message-body"))
                .unwrap();
            let w = widen_to_thread(&d, &removed, &s, first, d.find_tag("body"));
            (w != first).then(|| d.elem(w).and_then(|e| e.attr("id")).map(str::to_string))
        };
        assert_eq!(widened(&thread_page("")), Some(Some("thread".to_string())));
        assert_eq!(widened(&thread_page("<h2>A story of its own</h2>")), None);
    }

    #[test]
    fn class_words_split_at_dashes_and_case() {
        let w: Vec<&str> = class_words("message--post cPost post_12").collect();
        assert_eq!(w, ["message", "post", "c", "Post", "post", "12"]);
    }
}
