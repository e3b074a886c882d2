//! The parsed page as a compact, index-based tree ([`Doc`]), built by [`super::tree`].
//!
//! Nodes are numbered in document (pre-)order, so a parent's index is always smaller than
//! its descendants' and a descendant range is contiguous: `i..subtree_end[i]`. That makes
//! bottom-up passes a plain reverse loop and top-down passes a forward loop, with no
//! recursion and no per-node allocation beyond the node itself. Side tables (scores,
//! removal marks) are `Vec`s indexed by node number.

use super::selectors as sel;

/// Deepest element nesting passed to the HTML parser. html5ever's tree builder scans the
/// stack of open elements for scope checks on many start tags, so nesting depth `d` costs
/// `O(n * d)`: a 100,000-deep page of `<div>`s takes minutes. Browsers cap the depth too
/// (Blink: 512); deeper start tags are dropped before parsing (their text stays) by
/// [`super::prepass::lighten`].
pub(crate) const MAX_NESTING: usize = 512;

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
    /// The value of attribute `name` (lowercase). Only attributes that
    /// [`super::prepass::keeps_attr`] keeps reach the tree (plus `href` on `<a>` when it is
    /// an in-page `#fragment`, and link and image targets when Markdown asks for them);
    /// asking for another one is a bug.
    pub fn attr(&self, name: &str) -> Option<&str> {
        debug_assert!(
            super::prepass::keeps_attr(self.tag.as_bytes(), name.as_bytes())
                || super::prepass::is_target_attr(self.tag.as_bytes(), name.as_bytes()),
            "attribute `{name}` on <{}> is dropped before parsing: add it to prepass::keeps_attr",
            self.tag
        );
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `class` and `id` joined and lowercased, for keyword matching.
    pub fn class_id(&self) -> String {
        let class = self.attr("class").unwrap_or("");
        let id = self.attr("id").unwrap_or("");
        let mut s = String::with_capacity(class.len() + 1 + id.len());
        s.push_str(class);
        if !id.is_empty() {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(id);
        }
        // Class names are nearly always ASCII: lowercase in place, no second string.
        if s.is_ascii() {
            s.make_ascii_lowercase();
            s
        } else {
            s.to_lowercase()
        }
    }
}

/// The whole page as an index-based tree.
#[derive(Debug)]
pub(crate) struct Doc {
    /// All nodes; index 0 is the document root.
    pub nodes: Vec<Node>,
}

impl Doc {
    /// Parses `html` (after [`super::prepass::lighten`]) into the index-based tree.
    /// Iterative: the depth of the page does not matter.
    #[cfg_attr(not(test), allow(dead_code))] // passes that never need link targets
    pub fn parse(html: &str) -> Self {
        Self::parse_keeping_targets(html, false)
    }

    /// Like [`parse`](Self::parse); with `targets`, link and image targets (`href` on `<a>`,
    /// `src` and `alt` on `<img>`) survive the pre-pass, for Markdown output.
    pub fn parse_keeping_targets(html: &str, targets: bool) -> Self {
        Self::parse_keeping(html, targets, &[])
    }

    /// Like [`parse_keeping_targets`](Self::parse_keeping_targets), also keeping the
    /// attributes named in `attrs` (lower-case) on every element: those a site's selectors
    /// test.
    pub fn parse_keeping(html: &str, targets: bool, attrs: &[String]) -> Self {
        let spliced = super::streamed::splice(html);
        let html = super::prepass::lighten_with(&spliced, MAX_NESTING, targets, attrs);
        let mut doc = super::tree::parse(&html);
        if doc.nodes.is_empty() {
            doc.nodes.push(Node {
                parent: None,
                children: Vec::new(),
                end: 1,
                data: NodeData::Document,
            });
        }
        doc
    }

    /// The element at `i`, if it is one.
    pub fn elem(&self, i: usize) -> Option<&Elem> {
        match &self.nodes[i].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The trimmed, non-empty value of attribute `name` on the element at `i`.
    pub fn attr_value(&self, i: usize, name: &str) -> Option<&str> {
        self.elem(i)
            .and_then(|e| e.attr(name))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The tag of the element at `i`, or `""`.
    pub fn tag(&self, i: usize) -> &str {
        self.elem(i).map_or("", |e| e.tag.as_str())
    }

    /// Whether the node at `i` is a link: an `<a>`, unless it is a named anchor
    /// (`<a name=top>`: a jump target, not a link; older pages often leave it unclosed, so
    /// that the parser wraps all the text after it in it). Link targets are dropped before
    /// parsing, all but in-page ones, but an empty `href` stays as the mark of a link.
    pub fn is_link(&self, i: usize) -> bool {
        self.elem(i)
            .is_some_and(|e| e.tag == "a" && (e.attr("name").is_none() || e.attr("href").is_some()))
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

    /// All text below `i` like [`Self::text_of`], with a line break where a `<br>` or a
    /// block-level element starts or ends: what a browser shows on separate lines stays apart
    /// (a headline set on two lines, the items of a list).
    pub fn text_with_breaks(&self, i: usize, skip: impl Fn(usize) -> bool) -> String {
        let mut out = String::new();
        // Ends of the block-level elements open at `j`: a break where each one closes too.
        let mut open: Vec<usize> = Vec::new();
        let mut j = i;
        while j < self.nodes[i].end {
            while open.last().is_some_and(|&end| end <= j) {
                open.pop();
                out.push('\n');
            }
            if skip(j) {
                j = self.nodes[j].end;
                continue;
            }
            match &self.nodes[j].data {
                NodeData::Element(e) if e.tag == "br" || sel::is_in(sel::BLOCK_TAGS, &e.tag) => {
                    out.push('\n');
                    open.push(self.nodes[j].end);
                }
                NodeData::Text(t) => out.push_str(t),
                _ => {}
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
    for w in crate::article::words(s) {
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
    fn collapse_ws_trims() {
        assert_eq!(collapse_ws("  a \n\t b  "), "a b");
    }
}
