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

/// Whether a single element (ignoring its ancestors) is boilerplate.
fn is_boilerplate(
    doc: &Doc,
    i: usize,
    stats_marker: &[bool],
    in_marker: &[bool],
    text_len: &[u32],
    p: &MarkParams,
    panels: &mut HiddenPanels,
) -> bool {
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
    if is_in(sel::FURNITURE_TAGS, tag) && !protected {
        return true;
    }
    if tag == "header" && p.drop_headers && !protected {
        return true;
    }
    if tag == "form" && p.drop_forms && !protected {
        return true;
    }
    if let Some(role) = e.attr("role")
        && is_in(sel::FURNITURE_ROLES, &role.trim().to_ascii_lowercase())
        && !protected
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
    false
}

/// A `<header class="...header...">` inside an article: the class only restates the tag,
/// and the tag alone is kept (the article's own header holds headline and standfirst).
/// Other boilerplate tokens in the name still count.
fn is_article_header(tag: &str, class_id: &str, in_marker: bool) -> bool {
    tag == "header" && in_marker && !sel::UNLIKELY.is_match(&class_id.replace("header", " "))
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
    let mut removed = vec![false; n];
    let mut panels = HiddenPanels::default();
    let mut i = 0;
    while i < n {
        if is_boilerplate(doc, i, &marker, &in_marker, &text_len, p, &mut panels) {
            let end = doc.nodes[i].end;
            removed[i..end].iter_mut().for_each(|r| *r = true);
            i = end;
        } else {
            i += 1;
        }
    }
    removed
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
            if should_drop(doc, i, stats, p, holds_pre[i - root]) && i != root {
                drop.push(i);
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

/// A block with more images than paragraphs is a gallery only while its text is about
/// caption-sized per image; more text than this per image is a story illustrated
/// inline (product pages, forum posts with smileys, illustrated explainers).
const GALLERY_CHARS_PER_IMAGE: f32 = 100.0;

fn should_drop(doc: &Doc, i: usize, s: &Stats, p: &CleanParams, holds_pre: bool) -> bool {
    let tag = doc.tag(i);
    let text = s.text[i] as f32;
    let is_list = matches!(tag, "ul" | "ol") || (text > 0.0 && s.list_text[i] as f32 / text > 0.9);
    let weight = class_weight(doc, i);
    if weight < 0.0 {
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

    fn cleaned_text(html: &str) -> String {
        let d = Doc::parse(html);
        let mut r = mark_boilerplate(&d, &params());
        let s = Stats::compute(&d, &r);
        let c = d.find_tag("article").unwrap();
        clean_selection(
            &d,
            &[c],
            &mut r,
            &s,
            &CleanParams {
                link_density_modifier: 0.0,
                enabled: true,
            },
        );
        d.text_of(c, |j| r[j])
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
        let d = Doc::parse(html);
        let mut r = mark_boilerplate(&d, &params());
        let s = Stats::compute(&d, &r);
        let c = d.find_tag("div").unwrap();
        clean_selection(
            &d,
            &[c],
            &mut r,
            &s,
            &CleanParams {
                link_density_modifier: 0.0,
                enabled: true,
            },
        );
        assert_eq!(
            d.text_of(c, |j| r[j]),
            "Story text, with a comma, long enough to count here."
        );
    }
}
