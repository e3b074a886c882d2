//! Cleaning: which subtrees are boilerplate. Produces removal masks (`Vec<bool>` by node
//! index); never touches the DOM and never scores.
//!
//! Two stages:
//! 1. [`mark_boilerplate`], before scoring: scripts, styles, hidden elements, forms,
//!    navigation/aside/footer furniture, furniture roles and (optionally) class/id tokens
//!    of ads, share bars, comment sections, related rails and consent banners.
//! 2. [`clean_selection`], after the container is chosen: Readability's
//!    `_cleanConditionally` on the chosen subtrees (link-dense lists and divs, image
//!    galleries, form-heavy blocks, negatively weighted containers).

use super::dom::Doc;
use super::recover::{HiddenPanels, hidden_by_class};
use super::score::{Stats, class_weight};
use super::selectors::{self as sel, is_in};

/// Options for [`mark_boilerplate`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkParams {
    /// Drop subtrees whose class/id looks like boilerplate.
    pub use_class_tokens: bool,
    /// Drop `<header>` elements as well (precision).
    pub drop_headers: bool,
    /// Drop `<form>` elements that do not hold an article marker.
    pub drop_forms: bool,
}

/// Whether an element is hidden by attribute or inline style.
pub(crate) fn is_hidden(doc: &Doc, i: usize) -> bool {
    let Some(e) = doc.elem(i) else { return false };
    if e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        // Readability keeps aria-hidden images wrapped as "fallback-image".
        return !e
            .attr("class")
            .is_some_and(|c| c.contains("fallback-image"));
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Strong boilerplate tokens apply only to subtrees shorter than this (characters): a
/// share bar or author box is short; a wrapper named "post-share-wrapper" around the whole
/// story is not.
const STRONG_TOKEN_MAX_CHARS: u32 = 1000;

/// Whether the element sits in a `<figure>` (a few levels up): there the render filter
/// judges the caption as a whole by its credit, so the credit must stay visible to it.
fn in_figure(doc: &Doc, i: usize) -> bool {
    let mut cur = Some(i);
    for _ in 0..4 {
        let Some(a) = cur else { break };
        if matches!(doc.tag(a), "figure" | "figcaption") {
            return true;
        }
        cur = doc.nodes[a].parent;
    }
    false
}

/// Credit-named elements apply only below this size (characters).
const CREDIT_MAX_CHARS: u32 = 200;
/// A site's legal notice (copyright, trademarks, terms) named as such applies up to this
/// size (characters): trademark lists run to a long paragraph, never to a story.
const LEGAL_NOTICE_MAX_CHARS: u32 = 2000;
/// A block around a credit up to this size (characters) is the credited caption.
const CREDITED_CAPTION_MAX_CHARS: u32 = 300;

/// A picture credit named by its class/id, outside `<figure>` (there the render filter
/// judges the caption as a whole): what to drop. The short block around it is the
/// photo's caption and goes with it; a longer one keeps its text and loses the credit.
fn credit_scope(doc: &Doc, i: usize, text_len: &[u32]) -> Option<usize> {
    let e = doc.elem(i)?;
    let limit = if sel::LEGAL_NOTICE.is_match(&e.class_id()) {
        LEGAL_NOTICE_MAX_CHARS
    } else {
        CREDIT_MAX_CHARS
    };
    if text_len[i] >= limit
        || matches!(e.tag.as_str(), "article" | "main" | "body" | "html")
        || !sel::CREDIT.is_match(&e.class_id())
        || in_figure(doc, i)
    {
        return None;
    }
    let mut cur = i;
    for _ in 0..3 {
        if is_in(sel::BLOCK_TAGS, doc.tag(cur)) {
            break;
        }
        match doc.nodes[cur].parent {
            Some(par) if doc.elem(par).is_some() => cur = par,
            _ => break,
        }
    }
    let block = cur;
    if block != i
        && text_len[block] < CREDITED_CAPTION_MAX_CHARS
        && !matches!(
            doc.tag(block),
            "article" | "main" | "body" | "html" | "td" | "li"
        )
    {
        return Some(block);
    }
    Some(i)
}

/// A form keeps its place when its paragraphs hold at least this much text (characters)...
const FORM_MIN_PROSE_CHARS: u32 = 500;
/// ... one of them at least this long (a story paragraph, not a field hint) ...
const FORM_MIN_LONGEST_PARAGRAPH: u32 = 150;
/// ... and there are at least this many paragraph characters per visible control.
const FORM_PROSE_PER_CONTROL: u32 = 50;

/// Whether a form wraps prose rather than fields: shop pages put the product story inside
/// the order form, ASP.NET pages the whole page. Login, search, comment and newsletter
/// forms hold a few hints between many controls. One walk over the form's subtree.
fn holds_prose(doc: &Doc, form: usize, text_len: &[u32]) -> bool {
    let (mut prose, mut longest, mut controls) = (0u32, 0u32, 0u32);
    let end = doc.nodes[form].end;
    let mut j = form + 1;
    while j < end {
        let Some(e) = doc.elem(j) else {
            j += 1;
            continue;
        };
        match e.tag.as_str() {
            "p" => {
                prose += text_len[j];
                longest = longest.max(text_len[j]);
                j = doc.nodes[j].end;
                continue;
            }
            "input"
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("hidden")) => {}
            "input" | "select" | "textarea" | "button" => controls += 1,
            _ => {}
        }
        j += 1;
    }
    prose >= FORM_MIN_PROSE_CHARS
        && longest >= FORM_MIN_LONGEST_PARAGRAPH
        && prose >= FORM_PROSE_PER_CONTROL * controls
}

/// A form holding more than this share of the page's text wraps the page.
const PAGE_FORM_MIN_SHARE: f32 = 0.5;

/// Whether a form wraps the page rather than a few fields: ASP.NET WebForms and portal
/// CMSs put one `<form>` around the whole page (headline, story, navigation), so the
/// story's text is mostly inside it. An input form (login, search, comments) holds a
/// small part of the page, and a short page is no wrapper. `text_len[0]` is the
/// document's text.
fn is_page_form(form: usize, text_len: &[u32]) -> bool {
    text_len[form] >= FORM_MIN_PROSE_CHARS
        && text_len[form] as f32 > text_len[0] as f32 * PAGE_FORM_MIN_SHARE
}

/// Whether a single element (ignoring its ancestors) is boilerplate.
/// Raw text length per subtree: all of it, and the part inside `<p>`.
struct Texts<'a> {
    all: &'a [u32],
    paras: &'a [u32],
    /// The part inside links.
    links: &'a [u32],
}

/// An element holding at least this share of the page's paragraph text ...
const PARAGRAPH_MAJORITY: f32 = 0.5;
/// ... and at least this much of it (characters: a few paragraphs of prose) ...
const PARAGRAPH_MAJORITY_MIN_CHARS: u32 = 1000;

/// ... and at least this share of all its text (a page whose posts are set with `<br>`
/// has little text in `<p>`, and its sidebar's profile paragraphs must not count as its
/// prose) ...
const PAGE_TEXT_MIN_SHARE: f32 = 0.25;

/// ... is where the page's prose is, whatever its class or id says: page builders and CMSs
/// name layout wrappers after where they sit or what module made them (`widget-wrap`,
/// `header-wrapper`, `rich-text-newsletter`), and a real widget, banner or sign-up box never
/// holds most of a page's paragraphs. The exceptions stay removed by name: comment threads
/// and galleries (a long discussion or fifty captioned slides can outweigh the story they
/// hang from), and wrappers a class hides until a script shows them.
///
/// A page builder also splits one story over a run of sibling blocks of one signature
/// (`elementor-widget`, `wp-block-group`, `ck-widget`: each a row of the story);
/// the run counts as one element (see [`sibling_run`]).
fn holds_page_prose(doc: &Doc, i: usize, class_id: &str, text: &Texts<'_>) -> bool {
    may_hold_prose(doc, i, class_id)
        && (holds_prose_share(text, i, 0) || run_holds_prose(doc, i, text, 0))
}

/// Whether an element's name lets it count as the page's prose however much it holds: not
/// a comment thread or a gallery, and not hidden by a class until a script shows it.
fn may_hold_prose(doc: &Doc, i: usize, class_id: &str) -> bool {
    !["comment", "gallery", "slideshow", "carousel"]
        .iter()
        .any(|t| class_id.contains(t))
        && !super::recover::hidden_by_class(doc, i)
}

/// Whether `i` holds the prose of the subtree `whole` (the document, or the selected
/// container), by the thresholds of [`holds_page_prose`].
fn holds_prose_share(text: &Texts<'_>, i: usize, whole: usize) -> bool {
    holds_share(text, text.paras[i], text.all[i], whole)
}

/// Whether `paras` characters of paragraph text within `all` characters of text are most
/// of the prose of the subtree `whole`.
fn holds_share(text: &Texts<'_>, paras: u32, all: u32, whole: usize) -> bool {
    paras >= PARAGRAPH_MAJORITY_MIN_CHARS
        && paras as f32 >= text.paras[whole] as f32 * PARAGRAPH_MAJORITY
        && all as f32 >= text.all[whole] as f32 * PAGE_TEXT_MIN_SHARE
}

/// Whether `i` is a row of prose in a run of same-signature siblings ([`sibling_run`]) of
/// at least two rows that holds the prose of the subtree `whole`, by the thresholds of
/// [`holds_page_prose`], and carries few links.
fn run_holds_prose(doc: &Doc, i: usize, text: &Texts<'_>, whole: usize) -> bool {
    // Each row of a story is prose itself; a header or footer that shares the class of the
    // page's main column is not. Checked first: it is cheap, and most boxes fail it.
    if text.paras[i] == 0 || (text.paras[i] as f32) < ROW_MIN_PARAGRAPH_SHARE * text.all[i] as f32 {
        return false;
    }
    // A wrapper holding nothing but its one child's content counts as that child's box:
    // the run is looked for at the outermost such level.
    let mut outer = i;
    while let Some(par) = doc.nodes[outer].parent
        && par != 0
        && par != whole
        && text.all[par] == text.all[outer]
        && !matches!(doc.tag(par), "body" | "html")
    {
        outer = par;
    }
    let run = sibling_run(doc, outer);
    let sum = |of: &[u32]| run.iter().map(|&j| of[j]).sum::<u32>();
    let all = sum(text.all);
    run.len() > 1
        && sum(text.links) as f32 <= RUN_MAX_LINK_SHARE * all as f32
        && holds_share(text, sum(text.paras), all, whole)
}

/// Share of a run of story rows that may be link text: rows of a story carry a few links
/// in their sentences, where a run of teaser cards (a linked title over each excerpt) is
/// a feed of other pages (jusText's `max_link_density` for good paragraphs is 0.2).
const RUN_MAX_LINK_SHARE: f32 = 0.2;

/// Most children of one parent among which [`sibling_run`] looks for a run.
const RUN_MAX_SIBLINGS: usize = 500;

/// Share of a story row's text that sits in paragraphs: a row of a page-builder story is
/// prose (a heading and its paragraphs), not a bar of links or labels.
const ROW_MIN_PARAGRAPH_SHARE: f32 = 0.5;

/// The run of element siblings around `i` that share its tag and `class` attribute
/// (whitespace and comments between them do not break the run), `i`
/// included; just `i` when it has no class. Page builders give every row of a story the
/// same wrapper, so the run is the story, where a lone block of that name is a widget.
fn sibling_run(doc: &Doc, i: usize) -> Vec<usize> {
    let (Some(e), Some(par)) = (doc.elem(i), doc.nodes[i].parent) else {
        return vec![i];
    };
    let Some(class) = e.attr("class").filter(|c| !c.trim().is_empty()) else {
        return vec![i];
    };
    let same = |j: usize| {
        doc.elem(j)
            .is_some_and(|d| d.tag == e.tag && d.attr("class") == Some(class))
    };
    if !same(i) {
        return vec![i];
    }
    let siblings = &doc.nodes[par].children;
    // Bounds the work on pathological pages (a box asked about per child of a huge parent);
    // a story is never split over this many rows.
    if siblings.len() > RUN_MAX_SIBLINGS {
        return vec![i];
    }
    let Some(at) = siblings.iter().position(|&c| c == i) else {
        return vec![i];
    };
    // Only elements break a run: text between blocks is layout whitespace.
    let breaks = |j: usize| doc.elem(j).is_some() && !same(j);
    let start = siblings[..at]
        .iter()
        .rposition(|&j| breaks(j))
        .map_or(0, |k| k + 1);
    let end = siblings[at..]
        .iter()
        .position(|&j| breaks(j))
        .map_or(siblings.len(), |k| at + k);
    siblings[start..end]
        .iter()
        .copied()
        .filter(|&j| same(j))
        .collect()
}

fn is_boilerplate(
    doc: &Doc,
    i: usize,
    stats_marker: &[bool],
    in_marker: &[bool],
    text: &Texts<'_>,
    p: &MarkParams,
    panels: &mut HiddenPanels,
) -> bool {
    let text_len = text.all;
    let Some(e) = doc.elem(i) else { return false };
    let tag = e.tag.as_str();
    if is_in(sel::JUNK_TAGS, tag) {
        return true;
    }
    let hidden = is_hidden(doc, i);
    // Tab panels and gallery pages a script shows one at a time hold story text.
    if (hidden || hidden_by_class(doc, i)) && panels.is_panel(doc, i) {
        return false;
    }
    if hidden {
        return true;
    }
    if matches!(tag, "html" | "body") {
        return false;
    }
    let protected = stats_marker[i];
    // `<aside>` is meant for tangential content, but layouts also use it for a column of
    // the page; a column holding most of the page's paragraphs is where its content is.
    if is_in(sel::FURNITURE_TAGS, tag)
        && !protected
        && !(tag == "aside" && holds_page_prose(doc, i, &e.class_id(), text))
    {
        return true;
    }
    if tag == "header" && p.drop_headers && !protected {
        return true;
    }
    if tag == "form"
        && p.drop_forms
        && !protected
        && !holds_prose(doc, i, text_len)
        && !is_page_form(i, text_len)
    {
        return true;
    }
    // `tablist` set on the box around a tab widget (its panels as well as its tabs) names
    // the widget, not furniture, when the box holds most of the page's paragraphs. Other
    // roles stay furniture however long: a consent dialog can outweigh a short story.
    if let Some(role) = e.attr("role")
        && let role = role.trim().to_ascii_lowercase()
        && is_in(sel::FURNITURE_ROLES, &role)
        && !protected
        && !(role == "tablist" && holds_page_prose(doc, i, &e.class_id(), text))
    {
        return true;
    }
    if p.use_class_tokens
        && !protected
        && !matches!(
            tag,
            "article"
                | "main"
                | "a"
                | "td"
                | "th"
                | "tr"
                | "tbody"
                | "thead"
                | "table"
                | "code"
                | "pre"
                | "p"
        )
    {
        let ci = e.class_id();
        if !ci.is_empty()
            && sel::UNLIKELY.is_match(&ci)
            && !sel::MAYBE_CONTENT.is_match(&ci)
            && !is_article_header(tag, &ci, in_marker[i])
            && !is_part_header(&ci)
            && !holds_page_prose(doc, i, &ci, text)
        {
            return true;
        }
        // Small widgets named for what they are, even inside "article-..." names.
        if !ci.is_empty()
            && text_len[i] < STRONG_TOKEN_MAX_CHARS
            && sel::STRONG_UNLIKELY.is_match(&ci)
        {
            return true;
        }
    }
    // The lenient passes lift the class rules, but a column named a sidebar is the page's
    // side column whatever the story's length (a short post is what sends a page to them).
    if !p.use_class_tokens
        && !protected
        && !matches!(
            tag,
            "article" | "main" | "td" | "th" | "tr" | "tbody" | "table" | "p"
        )
        && is_named_sidebar(doc, i, &e.class_id(), text)
    {
        return true;
    }
    false
}

/// A side column named for what it is (`sidebar`, `right-sidebar`, `l-col__sidebar`): the
/// blog and CMS convention for the rail of widgets beside the story (about, search, archives,
/// follow links). Not when the name only states the page's layout (`has-sidebar`,
/// `sidebar-layout`), names content as well (`article sidebar`), or holds another element
/// named a sidebar (then it is the layout wrapper around the column, and the column goes),
/// nor when it holds the page's prose.
fn is_named_sidebar(doc: &Doc, i: usize, class_id: &str, text: &Texts<'_>) -> bool {
    class_id.contains("sidebar")
        && !sel::SIDEBAR_LAYOUT.is_match(class_id)
        && !sel::MAYBE_CONTENT.is_match(class_id)
        && !(i + 1..doc.nodes[i].end).any(|j| {
            doc.elem(j)
                .is_some_and(|d| d.class_id().contains("sidebar"))
        })
        && !holds_page_prose(doc, i, class_id, text)
}

/// A `<header class="...header...">` inside an article: the class only restates the tag,
/// and the tag alone is kept (the article's own header holds headline and standfirst).
/// Other boilerplate tokens in the name still count.
fn is_article_header(tag: &str, class_id: &str, in_marker: bool) -> bool {
    tag == "header" && in_marker && !sel::UNLIKELY.is_match(&class_id.replace("header", " "))
}

/// A header of one part of the page ([`sel::PART_HEADER`]) whose name holds no other
/// boilerplate token: a section's heading and intro.
fn is_part_header(class_id: &str) -> bool {
    sel::PART_HEADER.is_match(class_id)
        && !sel::UNLIKELY.is_match(&sel::PART_HEADER.replace_all(class_id, " "))
}

/// Marks boilerplate subtrees. `removed[i]` is true for every node of a dropped subtree.
/// Linear: one forward pass, skipping dropped subtrees.
pub(crate) fn mark_boilerplate(doc: &Doc, p: &MarkParams) -> Vec<bool> {
    let n = doc.nodes.len();
    // Bottom-up "contains an article marker" flag; such subtrees are never dropped by
    // tag, role or class token.
    let mut marker = vec![false; n];
    let mut is_marker = vec![false; n];
    for i in (0..n).rev() {
        if super::score::is_marker(doc, i) {
            marker[i] = true;
            is_marker[i] = true;
        }
        if marker[i]
            && let Some(par) = doc.nodes[i].parent
        {
            marker[par] = true;
        }
    }
    // Top-down "inside an article marker" flag.
    let mut in_marker = vec![false; n];
    for (i, node) in doc.nodes.iter().enumerate() {
        if let Some(par) = node.parent {
            in_marker[i] = in_marker[par] || is_marker[par];
        }
    }
    // Raw text length per subtree, for the size limit of strong tokens.
    let mut text_len = vec![0u32; n];
    for i in (0..n).rev() {
        if let super::dom::NodeData::Text(t) = &doc.nodes[i].data {
            text_len[i] = super::score::collapsed_len(t);
        }
        if let Some(par) = doc.nodes[i].parent {
            text_len[par] += text_len[i];
        }
    }
    // Text inside `<p>` per subtree: where the page's paragraphs are.
    let mut para_len = vec![0u32; n];
    for i in (0..n).rev() {
        if doc.tag(i) == "p" {
            para_len[i] = text_len[i];
        }
        if let Some(par) = doc.nodes[i].parent {
            para_len[par] += para_len[i];
        }
    }
    // Text inside `<a>` per subtree.
    let mut link_len = vec![0u32; n];
    for i in (0..n).rev() {
        if doc.is_link(i) {
            link_len[i] = text_len[i];
        }
        if let Some(par) = doc.nodes[i].parent {
            link_len[par] += link_len[i];
        }
    }
    let text = Texts {
        all: &text_len,
        paras: &para_len,
        links: &link_len,
    };
    let mut removed = vec![false; n];
    let mut panels = HiddenPanels::default();
    let mut i = 0;
    while i < n {
        if is_boilerplate(doc, i, &marker, &in_marker, &text, p, &mut panels) {
            let end = doc.nodes[i].end;
            removed[i..end].iter_mut().for_each(|r| *r = true);
            i = end;
        } else if p.use_class_tokens
            && !marker[i]
            && let Some(drop) = credit_scope(doc, i, &text_len)
        {
            // The scope may be an ancestor (a credited caption): its earlier nodes are
            // already visited, so only the flags change.
            let end = doc.nodes[drop].end;
            removed[drop..end].iter_mut().for_each(|r| *r = true);
            i = end;
        } else {
            i += 1;
        }
    }
    removed
}

/// ARIA roles that only ever hold site furniture (menus, search, the site's banner and footer
/// regions, modal dialogs: consent, newsletter and cart pop-ups), whatever a page puts in
/// them; the second candidate drops these and keeps the roles that pages also put around
/// content (`tablist` around its panels, `complementary`).
const PAGE_FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// The removal mask of the page-text candidate ([`super::Extractor`]'s second candidate, for
/// pages where the scored container is a fragment): only what never holds a page's content
/// goes: junk elements (scripts, controls), the site's navigation, banner and footer by tag
/// or role (a `<header>` outside `<article>`/`<main>` is the site's banner), and comment
/// threads (`threads`). Hidden elements stay: collapsed panels, tab contents and
/// lazily shown sections are what a reader opens, and the menus hidden with them are link
/// lists that the block filter removes. One forward pass.
pub(crate) fn mark_page_text(doc: &Doc, threads: Option<&[bool]>) -> Vec<bool> {
    let n = doc.nodes.len();
    let mut removed = threads.map_or_else(|| vec![false; n], <[bool]>::to_vec);
    // Inside `<article>` or `<main>` (by node range), where a `<header>` is the story's own.
    let mut content_end = 0usize;
    let mut i = 0;
    while i < n {
        if matches!(doc.tag(i), "article" | "main") {
            content_end = content_end.max(doc.nodes[i].end);
        }
        let drop = !removed[i]
            && doc.elem(i).is_some_and(|e| {
                let tag = e.tag.as_str();
                is_in(sel::JUNK_TAGS, tag)
                    || matches!(tag, "nav" | "footer" | "menu")
                    || (tag == "header" && i >= content_end)
                    || e.attr("role").is_some_and(|r| {
                        is_in(PAGE_FURNITURE_ROLES, &r.trim().to_ascii_lowercase())
                    })
            });
        if drop {
            let end = doc.nodes[i].end;
            removed[i..end].iter_mut().for_each(|r| *r = true);
            i = end;
        } else {
            i += 1;
        }
    }
    removed
}

/// Whether an element names a comment thread or a comment in its markup: a class/id token
/// of [`sel::COMMENT_THREAD_TOKEN`], or schema.org microdata for a `Comment`
/// (`itemprop=comment`, `itemtype=https://schema.org/Comment`).
fn names_comment(e: &super::dom::Elem) -> bool {
    if e.attr("itemprop")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("comment"))
        || e.attr("itemtype").is_some_and(|v| {
            v.trim()
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .is_some_and(|k| k.eq_ignore_ascii_case("comment"))
        })
    {
        return true;
    }
    let ci = e.class_id();
    (ci.contains("comment")
        || ci.contains("respond")
        || ci.contains("dsq")
        || ci.contains("disqus"))
        && ci
            .split_whitespace()
            .any(|t| sel::COMMENT_THREAD_TOKEN.is_match(t))
}

/// Whether a class attribute has the word "review(s)" (split at non-letters and at
/// lowercase-uppercase joins: `customer-review__body`, `reviewText`).
fn class_names_review(class: &str) -> bool {
    const WORD: &[u8] = b"review";
    let b = class.as_bytes();
    (0..b.len().saturating_sub(WORD.len() - 1)).any(|start| {
        let end = start + WORD.len();
        if !b[start..end].eq_ignore_ascii_case(WORD) {
            return false;
        }
        let before_ok = start == 0
            || !b[start - 1].is_ascii_alphanumeric()
            || (b[start - 1].is_ascii_lowercase() && b[start].is_ascii_uppercase());
        let after = if b.get(end) == Some(&b's') {
            end + 1
        } else {
            end
        };
        before_ok
            && (after == b.len()
                || !b[after].is_ascii_alphanumeric()
                || (b[after - 1].is_ascii_lowercase() && b[after].is_ascii_uppercase()))
    })
}

/// Customer reviews: an element whose class names a review, with a sibling of its tag and
/// class (a run of reviews from one template). Shops list them under the product as comment
/// systems list comments under a story: user posts, not the page's copy. A critic's review
/// (a review header, body and verdict, each of its own class) is not a run.
fn is_user_review(doc: &Doc, i: usize) -> bool {
    let Some(class) = doc.attr_value(i, "class") else {
        return false;
    };
    if !class_names_review(class) {
        return false;
    }
    let Some(par) = doc.nodes[i].parent else {
        return false;
    };
    let tag = doc.tag(i);
    doc.nodes[par]
        .children
        .iter()
        .any(|&c| c != i && doc.tag(c) == tag && doc.attr_value(c, "class") == Some(class))
        && !is_editorial_entry(doc, i)
}

/// Paragraphs of at least this many characters are written copy, not a shopper's note.
const EDITORIAL_PARAGRAPH_CHARS: usize = 200;
/// How many such paragraphs make an entry editorial.
const EDITORIAL_MIN_PARAGRAPHS: usize = 2;

/// An entry of an editorial review round-up ("the best speakers of the year": one section per
/// product, from one template, each with several paragraphs of the writer's copy). Customer
/// reviews are a line or one paragraph each; a run entry with two or more long paragraphs
/// is the page's own text.
fn is_editorial_entry(doc: &Doc, i: usize) -> bool {
    (i..doc.nodes[i].end)
        .filter(|&j| doc.tag(j) == "p")
        .filter(|&j| {
            doc.text_of(j, |_| false)
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>()
                > EDITORIAL_PARAGRAPH_CHARS
        })
        .take(EDITORIAL_MIN_PARAGRAPHS)
        .count()
        >= EDITORIAL_MIN_PARAGRAPHS
}

/// The page's user-comment threads, as a removal mask; `None` when there are none.
///
/// A thread is recognised by the markup that comment systems write (see
/// [`names_comment`]). Recognising it by shape alone (repeated siblings with an author
/// and a reply link) also catches forum software, whose posts have the same shape and
/// are the page's content, so it is not done. One forward pass.
pub(crate) fn comment_threads(doc: &Doc) -> Option<Vec<bool>> {
    outermost_mask(doc, |i| {
        doc.elem(i).is_some_and(|e| {
            !matches!(e.tag.as_str(), "body" | "html")
                && (names_comment(e) || is_user_review(doc, i))
        })
    })
}

/// The page's customer reviews (see [`is_user_review`]), as a removal mask; `None` when
/// there are none. One forward pass.
pub(crate) fn user_reviews(doc: &Doc) -> Option<Vec<bool>> {
    outermost_mask(doc, |i| doc.elem(i).is_some() && is_user_review(doc, i))
}

/// A mask of the subtrees of the outermost nodes `hit` accepts (a hit's descendants are not
/// asked); `None` when it accepts none. One forward pass.
fn outermost_mask(doc: &Doc, hit: impl Fn(usize) -> bool) -> Option<Vec<bool>> {
    let n = doc.nodes.len();
    let mut mask: Option<Vec<bool>> = None;
    let mut i = 0;
    while i < n {
        if hit(i) {
            let end = doc.nodes[i].end;
            mask.get_or_insert_with(|| vec![false; n])[i..end]
                .iter_mut()
                .for_each(|m| *m = true);
            i = end;
        } else {
            i += 1;
        }
    }
    mask
}

/// Options for [`clean_selection`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct CleanParams {
    /// Added to the link-density limits (Readability's `linkDensityModifier`); positive
    /// keeps more.
    pub link_density_modifier: f32,
    /// Skip conditional cleaning altogether (recall fallback).
    pub enabled: bool,
}

/// Readability's `_cleanConditionally` over the chosen subtrees: drops containers that look
/// like link lists, galleries or widgets. Marks into `removed`.
pub(crate) fn clean_selection(
    doc: &Doc,
    roots: &[usize],
    removed: &mut [bool],
    stats: &Stats,
    p: &CleanParams,
) {
    if !p.enabled {
        return;
    }
    let mut panels = HiddenPanels::default();
    // Text inside `<p>` per subtree, outside what is removed: where the selection's
    // paragraphs are (see `holds_prose_of`).
    let mut para_len = vec![0u32; doc.nodes.len()];
    for i in (0..doc.nodes.len()).rev() {
        if removed[i] {
            continue;
        }
        if doc.tag(i) == "p" {
            para_len[i] = stats.text[i];
        }
        if let Some(par) = doc.nodes[i].parent {
            para_len[par] += para_len[i];
        }
    }
    let text = Texts {
        all: &stats.text,
        paras: &para_len,
        links: &stats.link,
    };
    for &root in roots {
        let end = doc.nodes[root].end;
        // Top-down "inside pre/code" flags, so the check below stays linear.
        let mut in_code = vec![false; end - root];
        for i in root + 1..end {
            if let Some(par) = doc.nodes[i].parent
                && par >= root
            {
                in_code[i - root] = in_code[par - root] || matches!(doc.tag(par), "pre" | "code");
            }
        }
        // Bottom-up, as Readability walks in reverse, so inner widgets go first.
        let mut drop: Vec<usize> = Vec::new();
        // Bottom-up "holds a pre block" flags: a wrapper around a one-line command is
        // short, not a widget.
        let mut holds_pre = vec![false; end - root];
        // Bottom-up text of the data tables inside each node (see `is_data_table`).
        let mut table_text = vec![0u32; end - root];
        for i in (root..end).rev() {
            if let Some(par) = doc.nodes[i].parent
                && par >= root
                && (holds_pre[i - root] || doc.tag(i) == "pre")
            {
                holds_pre[par - root] = true;
            }
            if removed[i] {
                continue;
            }
            if is_data_table(doc, i, stats) {
                table_text[i - root] = stats.text[i];
            }
            if let Some(par) = doc.nodes[i].parent
                && par >= root
            {
                table_text[par - root] += table_text[i - root];
            }
            // A data table, or a box that is mostly one (a scrolling wrapper, a facts box),
            // is the article's own data: Readability keeps any element holding a data table.
            if table_text[i - root] > 0 && 2 * table_text[i - root] >= stats.text[i] {
                continue;
            }
            let Some(e) = doc.elem(i) else { continue };
            if !matches!(
                e.tag.as_str(),
                "div"
                    | "section"
                    | "ul"
                    | "ol"
                    | "table"
                    | "form"
                    | "fieldset"
                    | "aside"
                    | "header"
                    | "dl"
            ) {
                continue;
            }
            if in_code[i - root] {
                continue;
            }
            // A gallery page kept by the prune pass: its "hidden" class is no verdict.
            if hidden_by_class(doc, i) && panels.is_panel(doc, i) {
                continue;
            }
            // A class weight says nothing against a row of the story a page builder named
            // a widget: the run of such rows holds the selection's prose.
            let story_rows = class_weight(doc, i) < 0.0
                && may_hold_prose(doc, i, &e.class_id())
                && run_holds_prose(doc, i, &text, root);
            if should_drop(doc, i, stats, p, holds_pre[i - root], story_rows) && i != root {
                drop.push(i);
                // Its tables go with it and keep no ancestor.
                if let Some(par) = doc.nodes[i].parent {
                    table_text[par - root] -= table_text[i - root];
                }
            }
        }
        for i in drop {
            let end = doc.nodes[i].end;
            removed[i..end].iter_mut().for_each(|r| *r = true);
        }
    }
}

fn has_figure_ancestor(doc: &Doc, i: usize) -> bool {
    let mut cur = doc.nodes[i].parent;
    let mut steps = 0;
    while let Some(a) = cur {
        if doc.tag(a) == "figure" {
            return true;
        }
        steps += 1;
        if steps > 3 {
            break;
        }
        cur = doc.nodes[a].parent;
    }
    false
}

/// Share of a data table's text that may sit in links: a table of figures, facts or a
/// schedule carries few; a table of links is a link box laid out as a grid.
const DATA_TABLE_MAX_LINK_DENSITY: f32 = 0.5;

/// A data table, by the markup Readability's `_isDataTable` takes as its surest signs: a
/// `<table>` with text, no block element in its cells (a layout table holds paragraphs,
/// lists or nested tables), not marked as layout (`role=presentation`, `datatable=0`),
/// mostly text outside links, and declared as data: a `summary`, a `<caption>`, header
/// cells (`<th>`, `<thead>`, `<tfoot>`) or column groups. Readability also takes tables
/// of ten rows or more than ten cells; on 2000s table layouts those are page furniture
/// (footers, track lists, topic boxes: cleaneval and l3s-gn1 lost up to 0.001 with them),
/// so size alone does not count. Its rows are what the story reports (schedules, scores,
/// prices, specifications).
fn is_data_table(doc: &Doc, i: usize, s: &Stats) -> bool {
    if doc.tag(i) != "table"
        || s.text[i] == 0
        || s.has_block[i]
        || s.link_density(i) > DATA_TABLE_MAX_LINK_DENSITY
        || doc
            .attr_value(i, "role")
            .is_some_and(|r| r.eq_ignore_ascii_case("presentation"))
        || doc.attr_value(i, "datatable") == Some("0")
    {
        return false;
    }
    if doc
        .attr_value(i, "summary")
        .is_some_and(|v| !v.trim().is_empty())
    {
        return true;
    }
    (i + 1..doc.nodes[i].end).any(|j| match doc.tag(j) {
        "caption" => s.text[j] > 0,
        "th" | "thead" | "tfoot" | "col" | "colgroup" => true,
        _ => false,
    })
}

/// Fewest items of a teaser link list.
const LINK_LIST_MIN_ITEMS: u32 = 3;
/// Share of a teaser list's text that sits in links.
const LINK_LIST_MIN_LINK_DENSITY: f32 = 0.9;
/// How many wrapper levels above a list are skipped to find its box.
const LINK_LIST_WRAPPER_LEVELS: usize = 3;

/// A teaser list: every item is a link ("most read", "more on this topic") and the list
/// sits in a box of its own, next to nothing but headings, not between story
/// paragraphs (source lists, "read also" lists inside the story are left alone). Tables of
/// contents (in-page `#` links) are kept.
fn is_boxed_link_list(doc: &Doc, i: usize, s: &Stats) -> bool {
    if !matches!(doc.tag(i), "ul" | "ol")
        || s.items[i] < LINK_LIST_MIN_ITEMS
        || s.link_density(i) <= LINK_LIST_MIN_LINK_DENSITY
    {
        return false;
    }
    // The box: the first ancestor that holds more than the list.
    let mut inner = i;
    let mut boxed = None;
    for _ in 0..LINK_LIST_WRAPPER_LEVELS {
        let Some(par) = doc.nodes[inner].parent else {
            break;
        };
        if s.text[par] > s.text[inner] {
            boxed = Some((par, inner));
            break;
        }
        inner = par;
    }
    let Some((boxed, inner)) = boxed else {
        return false;
    };
    // A sublist under an item's label is an outline, not a box.
    if matches!(doc.tag(boxed), "li" | "dd") {
        return false;
    }
    let other =
        s.text[boxed] - s.text[inner] - s.heading_text[boxed].min(s.text[boxed] - s.text[inner]);
    if other as f32 > 0.2 * s.text[i] as f32 {
        return false;
    }
    // Tables of contents link into the page itself.
    let end = doc.nodes[i].end;
    let anchors = (i..end)
        .filter(|&j| doc.tag(j) == "a")
        .filter(|&j| {
            doc.elem(j)
                .and_then(|e| e.attr("href"))
                .is_some_and(|h| h.trim_start().starts_with('#'))
        })
        .count();
    anchors * 2 < s.items[i] as usize
}

/// A block with more images than paragraphs is a gallery only while its text is about
/// caption-sized per image; more text than this per image is a story illustrated
/// inline (product pages, forum posts with smileys, illustrated explainers).
const GALLERY_CHARS_PER_IMAGE: f32 = 100.0;

fn should_drop(
    doc: &Doc,
    i: usize,
    s: &Stats,
    p: &CleanParams,
    holds_pre: bool,
    story_rows: bool,
) -> bool {
    let tag = doc.tag(i);
    let text = s.text[i] as f32;
    let is_list = matches!(tag, "ul" | "ol") || (text > 0.0 && s.list_text[i] as f32 / text > 0.9);
    let weight = class_weight(doc, i);
    if weight < 0.0 && !story_rows {
        return true;
    }
    let weight = weight.max(0.0);
    if is_boxed_link_list(doc, i, s) {
        return true;
    }
    if s.commas[i] >= 10 {
        return false;
    }
    let paras = s.paras[i] as f32;
    let imgs = s.images[i] as f32;
    let items = s.items[i] as f32 - 100.0;
    let heading_density = if text > 0.0 {
        s.heading_text[i] as f32 / text
    } else {
        0.0
    };
    let ld = s.link_density(i);
    let figure = has_figure_ancestor(doc, i);
    (imgs > 1.0 && paras / imgs < 0.5 && !figure && text < GALLERY_CHARS_PER_IMAGE * imgs)
        || (!is_list && items > paras)
        || (!is_list
            && heading_density < 0.9
            && text < 25.0
            && (imgs == 0.0 || imgs > 2.0)
            && !figure
            && !holds_pre)
        || (!is_list && weight < 25.0 && ld > 0.2 + p.link_density_modifier)
        || (weight >= 25.0 && ld > 0.5 + p.link_density_modifier)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> MarkParams {
        MarkParams {
            use_class_tokens: true,
            drop_headers: false,
            drop_forms: true,
        }
    }

    fn kept_text(html: &str) -> String {
        let d = Doc::parse(html);
        let r = mark_boilerplate(&d, &params());
        let body = d.find_tag("body").unwrap();
        d.text_of(body, |j| r[j])
    }

    #[test]
    fn a_wrapper_holding_the_page_prose_is_kept_whatever_its_name() {
        let para = "<p>A paragraph of the story itself, with a comma, and long enough to count as prose for the page.</p>";
        let story = para.repeat(12);
        let signup = "<div class=newsletter><p>Sign up for our weekly letter.</p></div>";
        // A wrapper named for a newsletter that holds the page's prose stays; the box goes.
        let page = format!(
            "<body><article><div class='rich-text-newsletter'>{story}</div>{signup}</article></body>"
        );
        let text = kept_text(&page);
        assert_eq!(text.matches("story itself").count(), 12);
        assert!(!text.contains("Sign up"));
        // An <aside> used as the page's main column stays; a small one is furniture.
        let column =
            format!("<body><aside class=column>{story}</aside><aside>{signup}</aside></body>");
        let text = kept_text(&column);
        assert_eq!(text.matches("story itself").count(), 12);
        assert!(!text.contains("Sign up"));
        // So does a box whose widget role covers the panels with the tabs; a small one goes.
        let tabs = format!(
            "<body><div role=tablist><a>Transcript</a>{story}</div>\
             <div role=tablist>{signup}</div></body>"
        );
        let text = kept_text(&tabs);
        assert_eq!(text.matches("story itself").count(), 12);
        assert!(!text.contains("Sign up"));
        let dialog = format!("<body><div role=dialog>{story}</div><p>Short story.</p></body>");
        assert_eq!(kept_text(&dialog), "Short story.");
        // A comment thread stays removed by name, however much of the page it holds.
        let thread = format!("<body><div class=comments>{story}</div><div>{para}</div></body>");
        assert_eq!(kept_text(&thread).matches("story itself").count(), 1);
    }

    #[test]
    fn a_story_split_over_rows_of_one_widget_class_is_kept() {
        let para = "<p>A paragraph of the story itself, with a comma, and long enough to count as prose for the page.</p>";
        let row = |n: usize| {
            format!(
                "<div class='ck-widget grid'><h6>Plant {n}</h6>{}</div>",
                para.repeat(4)
            )
        };
        let intro = "<p>Short intro.</p>";
        let menu = "<div class='ck-widget grid'><a href=/a>Home</a> <a href=/b>About</a></div>";
        let rows = format!("{}{}{}", row(1), row(2), row(3));
        // No single row holds most of the page's prose; the run of them does.
        let page = format!("<body><article>{intro}{rows}</article>{menu}</body>");
        let text = kept_text(&page);
        assert_eq!(text.matches("story itself").count(), 12);
        // A bar of links that shares the name is no row of the story.
        assert!(!text.contains("About"));
        // Conditional cleaning keeps the rows too, whatever their class weight says.
        let t = cleaned_text(&page);
        assert_eq!(t.matches("story itself").count(), 12);
        // One block of that name beside the story is a widget.
        let lone = format!(
            "<body><article>{}<div class='ck-widget grid'>{para}</div></article></body>",
            para.repeat(12).replace("story itself", "article")
        );
        assert!(!kept_text(&lone).contains("story itself"));
    }

    #[test]
    fn lenient_passes_still_drop_a_column_named_a_sidebar() {
        let lenient = MarkParams {
            use_class_tokens: false,
            ..params()
        };
        let kept = |html: &str| {
            let d = Doc::parse(html);
            let r = mark_boilerplate(&d, &lenient);
            d.text_of(d.find_tag("body").unwrap(), |j| r[j])
        };
        let post = "<p>A short post of two sentences. It is the whole story of the page.</p>";
        let rail = "<p>Welcome to my blog. Search this site.</p>";
        // The rail goes; its wrapper (which holds the column and names a sidebar too) stays.
        let page = format!(
            "<body><div class=post>{post}</div>\
             <div id=sidebar-wrapper><div class='sidebar section'>{rail}</div></div></body>"
        );
        let text = kept(&page);
        assert!(text.contains("short post") && !text.contains("Welcome"));
        // Layout names, and a sidebar that holds the page's prose, are not the rail.
        for wrapper in ["has-sidebar", "sidebar-layout", "article sidebar"] {
            let page = format!("<body><div class='{wrapper}'>{post}</div></body>");
            assert!(kept(&page).contains("short post"), "{wrapper}");
        }
        let prose = post.repeat(16);
        let page = format!("<body><div class=sidebar>{prose}</div>{rail}</body>");
        assert_eq!(kept(&page).matches("short post").count(), 16);
    }

    #[test]
    fn hidden_gallery_pages_survive_cleaning() {
        let para = "<p>Story text of the gallery page, with a comma, long enough to score.</p>";
        let html = format!(
            "<body><article><div class=page>{para}</div>\
             <div class='page hidden'>{para}<p>Second page.</p></div></article></body>"
        );
        let doc = Doc::parse(&html);
        let mut removed = mark_boilerplate(&doc, &params());
        let hidden_page = (0..doc.nodes.len())
            .find(|&i| doc.elem(i).and_then(|e| e.attr("class")) == Some("page hidden"))
            .unwrap();
        assert!(!removed[hidden_page]);
        let stats = Stats::compute(&doc, &removed);
        let article = doc.find_tag("article").unwrap();
        let clean = CleanParams {
            link_density_modifier: 0.0,
            enabled: true,
        };
        clean_selection(&doc, &[article], &mut removed, &stats, &clean);
        assert!(!removed[hidden_page]);
    }

    #[test]
    fn credits_and_credited_captions_dropped() {
        let long = "A long paragraph of story text, with commas, that goes on and on. ".repeat(5);
        let t = kept_text(&format!(
            "<body><p>keep</p><p class=image-annotation>The mayor at the opening. \
             <em class=copyright>Jane Doe</em></p>\
             <p>{long}<span class=photo-credit>Photo: John Roe</span></p>\
             <figure><figcaption>In a figure. <span class=credit>Ann Poe</span></figcaption></figure>\
             <div class=credits><p>{long}</p></div></body>"
        ));
        assert!(t.starts_with("keep"), "{t}");
        assert!(!t.contains("mayor") && !t.contains("Jane"), "{t}");
        assert!(
            t.contains("goes on and on") && !t.contains("John Roe"),
            "{t}"
        );
        assert!(t.contains("Ann Poe"), "{t}");
        assert_eq!(t.matches("goes on and on").count(), 10, "{t}");
    }

    #[test]
    fn legal_notices_dropped_up_to_a_paragraph() {
        // A site's copyright and trademark notice, named as such, runs past a credit's size.
        let notice = "Example League and the shield logo are registered trademarks. ".repeat(8);
        let t = kept_text(&format!(
            "<body><p>keep</p><div id=c_copyright><div id=copyright>{notice}</div></div></body>"
        ));
        assert_eq!(t, "keep");
        // Longer than any notice: text that carries the name for another reason stays.
        let long = notice.repeat(5);
        let t = kept_text(&format!(
            "<body><p>keep</p><div class=copyright>{long}</div></body>"
        ));
        assert!(t.contains("registered trademarks"), "{t}");
    }

    #[test]
    fn hidden_elements_dropped() {
        let t = kept_text(
            "<body><p>keep</p><p hidden>h1</p><p aria-hidden=true>h2</p><p style='display: none'>h3</p></body>",
        );
        assert_eq!(t, "keep");
    }

    #[test]
    fn nav_footer_aside_dropped() {
        let t = kept_text(
            "<body><nav>menu</nav><p>keep</p><aside>side</aside><footer>foot</footer></body>",
        );
        assert_eq!(t, "keep");
    }

    #[test]
    fn class_tokens_dropped_unless_content() {
        let t = kept_text(
            "<body><div class='share-bar'>share</div><div class='comments'>c</div>\
             <div class='main-content header-offset'>keep</div><div id=cookie-consent>ok</div></body>",
        );
        assert_eq!(t, "keep");
    }

    #[test]
    fn header_of_a_page_part_kept() {
        let html = "<body><div class=masthead-header>Site</div><div class=card__header>\
                    <h2>Plans</h2></div><div class='section-header share'>Share</div></body>";
        let t = kept_text(html);
        assert!(t.contains("Plans"), "{t}");
        assert!(!t.contains("Site"), "{t}");
        assert!(!t.contains("Share"), "{t}");
    }

    #[test]
    fn article_header_named_header_kept() {
        let t = kept_text(
            "<body><header class=site-header>Logo</header><div class=page-header>Menu</div>\
             <article><header class='entry-header'><h1>Title</h1><p class=excerpt>Deck</p></header>\
             <header class='header-share'>Share</header><p>story</p></article></body>",
        );
        assert_eq!(t, "TitleDeckstory");
    }

    #[test]
    fn article_marker_protects() {
        let t = kept_text("<body><div class=sidebar><article><p>story</p></article></div></body>");
        assert_eq!(t, "story");
    }

    #[test]
    fn scripts_and_forms_dropped() {
        let t = kept_text(
            "<body><script>x()</script><style>p{}</style><form>login</form><p>keep</p></body>",
        );
        assert_eq!(t, "keep");
    }

    fn cleaned(html: &str, root: &str) -> String {
        let d = Doc::parse(html);
        let mut r = mark_boilerplate(&d, &params());
        let s = Stats::compute(&d, &r);
        let c = d.find_tag(root).unwrap();
        let clean = CleanParams {
            link_density_modifier: 0.0,
            enabled: true,
        };
        clean_selection(&d, &[c], &mut r, &s, &clean);
        d.text_of(c, |j| r[j])
    }

    fn cleaned_text(html: &str) -> String {
        cleaned(html, "article")
    }

    #[test]
    fn boxed_teaser_link_list_dropped() {
        let p = "<p>Story text, with a comma, long enough to count as a paragraph here.</p>";
        let items = "<li><a href=/a>First other story headline</a></li>\
                     <li><a href=/b>Second other story headline</a></li>\
                     <li><a href=/c>Third other story headline</a></li>";
        // In a box of its own under a heading (a layout-table cell): a teaser list.
        let t = cleaned(
            &format!(
                "<body><table><tr><td>{p}{p}</td>\
                 <td><h3>Most read</h3><ol>{items}</ol></td></tr></table></body>"
            ),
            "tr",
        );
        assert!(
            !t.contains("other story") && t.contains("Story text"),
            "{t}"
        );
        // Between story paragraphs: part of the story.
        let t = cleaned(
            &format!("<body><article>{p}<ul>{items}</ul>{p}</article></body>"),
            "article",
        );
        assert!(t.contains("Third other story"), "{t}");
        // A sublist under an item label: an outline.
        let t = cleaned(
            &format!(
                "<body><article>{p}{p}<ul><li>In progress:<ul>{items}</ul></li></ul></article></body>"
            ),
            "article",
        );
        assert!(t.contains("Third other story"), "{t}");
        // A table of contents links into the page.
        let toc = items.replace("href=/", "href=#");
        let t = cleaned(
            &format!(
                "<body><article><div><h2>Contents</h2><ul>{toc}</ul></div>{p}{p}</article></body>"
            ),
            "article",
        );
        assert!(t.contains("Third other story"), "{t}");
    }

    #[test]
    fn form_wrapping_prose_kept() {
        // A shop's order form around the product story stays; a comment form with its
        // hint and fields goes.
        let story = "A warm blanket of two layers, embroidered with a name, sewn by hand in \
                     a small workshop and washable at forty degrees without losing shape. ";
        let t = kept_text(&format!(
            "<body><form class=order><p>{story}{story}</p><p>{story}{story}</p>\
             <select name=colour><option>red</option></select><input type=hidden name=id>\
             <button>Buy</button></form>\
             <form class=reply><p>Your email address will not be published.</p>\
             <textarea></textarea><input name=a><input name=b><button>Send</button></form></body>"
        ));
        assert!(t.contains("A warm blanket of two layers"));
        assert!(!t.contains("will not be published"));
        let thin = kept_text(&format!(
            "<body><form><p>{story}</p><input name=a><input name=b><input name=c>\
             <input name=d><button>Go</button></form><p>keep</p></body>"
        ));
        assert_eq!(thin, "keep");
    }

    /// The text of the outermost elements a finder marks on a page ("" when it marks none).
    fn marked_text(html: &str, find: fn(&Doc) -> Option<Vec<bool>>) -> String {
        let d = Doc::parse(html);
        let Some(m) = find(&d) else {
            return String::new();
        };
        (0..d.nodes.len())
            .filter(|&i| m[i] && d.nodes[i].parent.is_none_or(|p| !m[p]))
            .map(|i| d.text_of(i, |_| false))
            .collect::<String>()
    }

    #[test]
    fn comment_threads_found_by_markup() {
        let thread_text = |html: &str| marked_text(html, comment_threads);
        // Markup: a WordPress-style container and schema.org microdata.
        let t = thread_text("<body><p>Story</p><div id=comments><p>Nice post!</p></div></body>");
        assert_eq!(t, "Nice post!");
        let t = thread_text(
            "<body><p>Story</p><div itemprop=comment itemtype='https://schema.org/Comment'>Hi</div></body>",
        );
        assert_eq!(t, "Hi");
        let t = thread_text(
            "<body><p>Story</p><div itemscope itemtype=http://schema.org/Comment>Yo</div></body>",
        );
        assert_eq!(t, "Yo");
        // Parts of a comment and links to the thread are not threads.
        let t = thread_text(
            "<body><p class=comment-body>x</p><a class=comments-link href=#c>3 comments</a></body>",
        );
        assert_eq!(t, "");
    }

    #[test]
    fn customer_reviews_are_a_run_of_one_template() {
        let masked = |html: &str| marked_text(html, user_reviews);
        // A shop's reviews under the product copy: each review from one template.
        let t = masked(
            "<body><div class=copy><p>Product</p></div><div class=list>\
             <div class='customer-review item'>Great</div>\
             <div class='customer-review item'>Bad</div></div></body>",
        );
        assert_eq!(t, "GreatBad");
        let t =
            masked("<body><ul><li class=reviewItem>A</li><li class=reviewItem>B</li></ul></body>");
        assert_eq!(t, "AB");
        // A critic's review: header and body of their own classes; a word that only
        // contains "review" (preview) names nothing.
        let t = masked(
            "<body><div class=review-header>H</div><div class=review-body>Story</div>\
             <img class=preview><img class=preview></body>",
        );
        assert_eq!(t, "");
    }

    #[test]
    fn review_roundup_entries_are_not_customer_reviews() {
        let masked = |html: &str| marked_text(html, user_reviews);
        let long = "The writer tested this speaker for a month on trains, in hotel rooms and \
                    on a beach, and found its sound clear and its battery good for two long \
                    days of use, though its size makes it a poor fit for a small bag.";
        let entry = format!("<div class=product-review-item><p>{long}</p><p>{long}</p></div>");
        let t = masked(&format!("<body>{entry}{entry}</body>"));
        assert_eq!(t, "");
        // One long paragraph each is still a run of shoppers' reviews.
        let entry = format!("<div class=product-review-item><p>{long}</p><p>Ok</p></div>");
        let t = masked(&format!("<body>{entry}{entry}</body>"));
        assert!(t.contains("Ok"));
    }

    #[test]
    fn page_wrapping_form_kept() {
        // A WebForms page: one form around everything, the story in divs and <br>s
        // between text-size controls; a search form beside it still goes.
        let story =
            "The council approved the budget on Tuesday after a long debate. <br><br>".repeat(8);
        let t = kept_text(&format!(
            "<body><form id=aspnetForm><input type=image name=small><input type=image name=large>\
             <div class=StoryBody>{story}</div></form>\
             <form class=search><input name=q><button>Search the site</button></form></body>"
        ));
        assert!(t.contains("The council approved"), "{t}");
        assert!(!t.contains("Search the site"), "{t}");
    }

    #[test]
    fn gallery_rule_spares_illustrated_text() {
        let story = "<p>Story text, with a comma, long enough to count as a paragraph here.</p>";
        // Three images, one paragraph, little text: a gallery.
        let gallery = "<div><img src=a><img src=b><img src=c><p>Photos: one, two</p></div>";
        // Three images, one paragraph, but a story's worth of text per image.
        let long = "Tasting notes and origin of the beans, picked by hand and dried in the sun. ";
        let illustrated = format!(
            "<div><img src=a><img src=b><img src=c><p>Handpicked. {}</p></div>",
            long.repeat(5)
        );
        let t = cleaned_text(&format!(
            "<body><article>{story}{gallery}{illustrated}</article></body>"
        ));
        assert!(!t.contains("Photos"));
        assert!(t.contains("Handpicked."));
    }

    #[test]
    fn a_box_holding_a_data_table_is_kept_whatever_its_name() {
        let story = "<p>Story text, with a comma, long enough to count as a paragraph here.</p>";
        let row = "<tr><td>Rest</td><td>Run easy 30 min</td><td>Rest</td></tr>";
        let head = "<thead><tr><td>Mon</td><td>Tue</td><td>Wed</td></tr></thead>";
        // Header cells declare data: the schedule stays, in a wrapper named for scrolling.
        let schedule = format!(
            "<div class=overflow-x-scroll><table>{head}<tbody>{}</tbody></table></div>",
            row.repeat(3)
        );
        // The same cells without header markup are a layout grid, cleaned as any box.
        let grid = format!(
            "<div class=scroll-box><table>{}</table></div>",
            row.replace("Run easy", "Grid cell").repeat(3)
        );
        let t = cleaned_text(&format!(
            "<body><article>{story}{schedule}{grid}{story}</article></body>"
        ));
        assert!(t.contains("Run easy 30 min"));
        assert!(!t.contains("Grid cell"));
    }

    #[test]
    fn short_wrapper_of_a_pre_block_kept() {
        let story = "<p>Story text, with a comma, long enough to count as a paragraph here.</p>";
        let t = cleaned_text(&format!(
            "<body><article>{story}<div class=snippet><pre><code>make install</code></pre></div>\
             <div class=box><span>Tiny widget</span></div></article></body>"
        ));
        assert!(t.contains("make install"));
        assert!(!t.contains("Tiny widget"));
    }

    #[test]
    fn link_dense_rail_dropped_by_cleaning() {
        let html = "<body><div id=c><p>Story text, with a comma, long enough to count here.</p>\
                    <div><a href=/1>Another headline link</a> <a href=/2>Yet another headline</a></div></div></body>";
        assert_eq!(
            cleaned(html, "div"),
            "Story text, with a comma, long enough to count here."
        );
    }
}
