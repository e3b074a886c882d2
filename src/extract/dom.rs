//! A compact, index-based copy of the parsed page: `scraper::Html` -> [`Doc`].
//!
//! Nodes are numbered in document (pre-)order, so a parent's index is always smaller than
//! its descendants' and a descendant range is contiguous: `i..subtree_end[i]`. That makes
//! bottom-up passes a plain reverse loop and top-down passes a forward loop, with no
//! recursion and no per-node allocation beyond the node itself. Side tables (scores,
//! removal marks) are `Vec`s indexed by node number.

use std::borrow::Cow;
use std::collections::HashMap;

use scraper::{Html, Node as HtmlNode};

/// Deepest element nesting passed to the HTML parser. html5ever's tree builder scans the
/// stack of open elements for scope checks on many start tags, so nesting depth `d` costs
/// `O(n * d)`: a 100,000-deep page of `<div>`s takes minutes. Browsers cap the depth too
/// (Blink: 512); deeper start tags are dropped before parsing (their text stays).
pub(crate) const MAX_NESTING: usize = 512;

/// Elements that never take children.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];

/// Elements whose end tag is optional: they are not counted, so unclosed `<p>`/`<li>` runs
/// do not look deep.
const OPTIONAL_END_TAGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rt",
    "rp", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

struct Tag<'a> {
    name: String,
    end: bool,
    self_closing: bool,
    /// Byte range of the whole tag in the input.
    span: (usize, usize),
    _src: &'a str,
}

/// Scans one tag starting at `<` (byte `i`); `None` if this `<` does not start a tag.
fn scan_tag(s: &str, i: usize) -> Option<Tag<'_>> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let end = b.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = j;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
        j += 1;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    // Attributes: skip quoted values so a `>` inside quotes does not end the tag.
    let mut quote: Option<u8> = None;
    while j < b.len() {
        match (quote, b[j]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if b[j - 1] == b'=' || b[j - 1].is_ascii_whitespace() => {
                quote = Some(b[j])
            }
            (None, b'>') => break,
            _ => {}
        }
        j += 1;
    }
    let close = j.min(b.len());
    let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
    Some(Tag {
        name,
        end,
        self_closing,
        span: (i, (close + 1).min(b.len())),
        _src: s,
    })
}

/// Drops start tags (and their end tags) nested deeper than `max`, in one linear scan.
/// Returns the input unchanged when it is not that deep.
pub(crate) fn cap_nesting(html: &str, max: usize) -> Cow<'_, str> {
    // (kept_stack, dropped counts per name)
    let mut out: Option<String> = None;
    let mut stack: Vec<String> = Vec::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut copied = 0usize;
    let b = html.as_bytes();
    let mut i = 0usize;
    while let Some(off) = memchr_lt(&b[i..]) {
        i += off;
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        let Some(tag) = scan_tag(html, i) else {
            i += 1;
            continue;
        };
        let (start, stop) = tag.span;
        i = stop;
        let counted = !VOID_TAGS.contains(&tag.name.as_str())
            && !OPTIONAL_END_TAGS.contains(&tag.name.as_str());
        if !tag.end && RAW_TEXT_TAGS.contains(&tag.name.as_str()) && !tag.self_closing {
            let close = format!("</{}", tag.name);
            let lower_rest = &html[i..];
            i = find_ascii_ci(lower_rest, &close).map_or(b.len(), |e| i + e);
            continue;
        }
        if !counted || tag.self_closing {
            continue;
        }
        let mut drop_it = false;
        if tag.end {
            if stack.last() == Some(&tag.name) {
                stack.pop();
            } else if let Some(n) = dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                *n -= 1;
                drop_it = true;
            } else if let Some(pos) = stack.iter().rposition(|x| *x == tag.name) {
                stack.truncate(pos);
            }
        } else if stack.len() >= max {
            *dropped.entry(tag.name.clone()).or_insert(0) += 1;
            drop_it = true;
        } else {
            stack.push(tag.name.clone());
        }
        if drop_it {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = stop;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// One node of the page.
#[derive(Debug)]
pub(crate) struct Node {
    /// Index of the parent, `None` for the document root.
    pub parent: Option<usize>,
    /// Children in document order.
    pub children: Vec<usize>,
    /// One past the last descendant: the subtree of `i` is `i..end`.
    pub end: usize,
    /// What the node is.
    pub data: NodeData,
}

/// Node payload.
#[derive(Debug)]
pub(crate) enum NodeData {
    /// The document root.
    Document,
    /// An element.
    Element(Elem),
    /// A text node.
    Text(String),
    /// Comments, doctypes, processing instructions.
    Other,
}

/// An element: lowercase local name and its attributes as written.
#[derive(Debug)]
pub(crate) struct Elem {
    /// Lowercase local name.
    pub tag: String,
    /// Attributes (lowercase names).
    pub attrs: Vec<(String, String)>,
}

impl Elem {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `class` and `id` joined and lowercased, for keyword matching.
    pub fn class_id(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.attr("class") {
            s.push_str(c);
        }
        if let Some(i) = self.attr("id") {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(i);
        }
        s.to_lowercase()
    }
}

/// The whole page as an index-based tree.
#[derive(Debug)]
pub(crate) struct Doc {
    /// All nodes; index 0 is the document root.
    pub nodes: Vec<Node>,
}

impl Doc {
    /// Parses `html` and copies the tree. Iterative: the depth of the page does not
    /// matter.
    pub fn parse(html: &str) -> Self {
        let html = cap_nesting(html, MAX_NESTING);
        let parsed = Html::parse_document(&html);
        Self::from_html(&parsed)
    }

    fn from_html(html: &Html) -> Self {
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(n) => {
                    let data = match n.value() {
                        HtmlNode::Document | HtmlNode::Fragment => NodeData::Document,
                        HtmlNode::Element(e) => NodeData::Element(Elem {
                            tag: e.name().to_ascii_lowercase(),
                            attrs: e
                                .attrs()
                                .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
                                .collect(),
                        }),
                        HtmlNode::Text(t) => NodeData::Text(t.text.to_string()),
                        _ => NodeData::Other,
                    };
                    let idx = nodes.len();
                    let parent = stack.last().copied();
                    if let Some(p) = parent {
                        nodes[p].children.push(idx);
                    }
                    nodes.push(Node {
                        parent,
                        children: Vec::new(),
                        end: idx + 1,
                        data,
                    });
                    stack.push(idx);
                }
                ego_tree::iter::Edge::Close(_) => {
                    if let Some(idx) = stack.pop() {
                        nodes[idx].end = nodes.len();
                    }
                }
            }
        }
        if nodes.is_empty() {
            nodes.push(Node {
                parent: None,
                children: Vec::new(),
                end: 1,
                data: NodeData::Document,
            });
        }
        Self { nodes }
    }

    /// The element at `i`, if it is one.
    pub fn elem(&self, i: usize) -> Option<&Elem> {
        match &self.nodes[i].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag of the element at `i`, or `""`.
    pub fn tag(&self, i: usize) -> &str {
        self.elem(i).map_or("", |e| e.tag.as_str())
    }

    /// First element with tag `tag`, in document order.
    pub fn find_tag(&self, tag: &str) -> Option<usize> {
        (0..self.nodes.len()).find(|&i| self.tag(i) == tag)
    }

    /// All text below `i` (including `i`), concatenated as written, skipping subtrees for
    /// which `skip` returns true.
    pub fn text_of(&self, i: usize, skip: impl Fn(usize) -> bool) -> String {
        let mut out = String::new();
        let mut j = i;
        let end = self.nodes[i].end;
        while j < end {
            if skip(j) {
                j = self.nodes[j].end;
                continue;
            }
            if let NodeData::Text(t) = &self.nodes[j].data {
                out.push_str(t);
            }
            j += 1;
        }
        out
    }

    /// Is `a` an ancestor of (or equal to) `b`?
    pub fn contains(&self, a: usize, b: usize) -> bool {
        a <= b && b < self.nodes[a].end
    }
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_preorder_ranges() {
        let d = Doc::parse("<html><body><div><p>a</p><p>b</p></div><span>c</span></body></html>");
        let div = d.find_tag("div").unwrap();
        let span = d.find_tag("span").unwrap();
        assert!(!d.contains(div, span));
        assert_eq!(d.text_of(div, |_| false), "ab");
        let body = d.find_tag("body").unwrap();
        assert!(d.contains(body, span));
    }

    #[test]
    fn cap_nesting_drops_only_deep_tags() {
        let shallow = "<div><p>a</div><script>if (a<b) {}</script>";
        assert!(matches!(cap_nesting(shallow, 2), Cow::Borrowed(_)));
        let deep = "<div><div><div><span>x</span></div></div></div><p>y</p>";
        let capped = cap_nesting(deep, 2);
        assert_eq!(capped, "<div><div>x</div></div><p>y</p>");
    }

    #[test]
    fn collapse_ws_trims() {
        assert_eq!(collapse_ws("  a \n\t b  "), "a b");
    }
}
