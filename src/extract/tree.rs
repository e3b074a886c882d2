//! html5ever's tree builder writing straight into an arena of [`NodeData`], then renumbered
//! into [`Doc`]'s pre-order.
//!
//! Replaces `scraper::Html` as the parse target: scraper builds a general-purpose tree
//! (interned attribute names, tendrils, an `ego_tree`) that [`Doc`] then copied node by node
//! and dropped; this sink keeps only what extraction reads and lays it out once.
//!
//! The tree is the one scraper built: text runs merge as in `append`, a `<template>` holds
//! its contents in a document-fragment child, comments, doctypes and processing
//! instructions are [`NodeData::Other`].

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};

use super::dom::{Doc, Elem, Node, NodeData};

/// "No node" in the arena's links.
const NONE: u32 = u32::MAX;

/// One arena node: links to its relatives and its payload.
struct Slot {
    parent: u32,
    first_child: u32,
    last_child: u32,
    prev: u32,
    next: u32,
    data: NodeData,
    /// The element's name as the tree builder knows it (namespace included).
    name: Option<QualName>,
}

/// Nodes in creation order; index 0 is the document.
struct Arena {
    slots: Vec<Slot>,
    /// Returned by `elem_name` for a non-element, which the tree builder never asks for.
    no_name: QualName,
}

impl Arena {
    fn push(&mut self, data: NodeData, name: Option<QualName>) -> u32 {
        let id = u32::try_from(self.slots.len()).unwrap_or(NONE - 1);
        self.slots.push(Slot {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
            name,
        });
        id
    }

    fn slot(&mut self, id: u32) -> &mut Slot {
        &mut self.slots[id as usize]
    }

    fn get(&self, id: u32) -> Option<&Slot> {
        self.slots.get(id as usize)
    }

    fn detach(&mut self, id: u32) {
        let (parent, prev, next) = {
            let s = self.slot(id);
            (s.parent, s.prev, s.next)
        };
        if parent == NONE {
            return;
        }
        if prev == NONE {
            self.slot(parent).first_child = next;
        } else {
            self.slot(prev).next = next;
        }
        if next == NONE {
            self.slot(parent).last_child = prev;
        } else {
            self.slot(next).prev = prev;
        }
        let s = self.slot(id);
        s.parent = NONE;
        s.prev = NONE;
        s.next = NONE;
    }

    fn append_child(&mut self, parent: u32, child: u32) {
        self.detach(child);
        let last = self.slot(parent).last_child;
        {
            let c = self.slot(child);
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last == NONE {
            self.slot(parent).first_child = child;
        } else {
            self.slot(last).next = child;
        }
        self.slot(parent).last_child = child;
    }

    fn insert_before(&mut self, sibling: u32, child: u32) {
        self.detach(child);
        let (parent, prev) = {
            let s = self.slot(sibling);
            (s.parent, s.prev)
        };
        {
            let c = self.slot(child);
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        self.slot(sibling).prev = child;
        if prev == NONE {
            self.slot(parent).first_child = child;
        } else {
            self.slot(prev).next = child;
        }
    }

    /// Appends text to the text node `id` when it is one.
    fn merge_text(&mut self, id: u32, text: &str) -> bool {
        match self.slots.get_mut(id as usize).map(|s| &mut s.data) {
            Some(NodeData::Text(t)) => {
                t.push_str(text);
                true
            }
            _ => false,
        }
    }

    /// Renumbers the tree reachable from the document in pre-order. Detached nodes (removed
    /// by the tree builder) are left out.
    fn into_doc(self) -> Doc {
        let mut slots = self.slots;
        let mut nodes: Vec<Node> = Vec::with_capacity(slots.len());
        // Open ancestors: (arena id, doc index).
        let mut open: Vec<(u32, usize)> = Vec::new();
        let mut cur = 0u32;
        loop {
            let idx = nodes.len();
            let parent = open.last().map(|&(_, d)| d);
            if let Some(p) = parent {
                nodes[p].children.push(idx);
            }
            // Sized once: growing child lists one push at a time costs a reallocation per
            // doubling.
            let mut kids = 0usize;
            let mut child = slots[cur as usize].first_child;
            while child != NONE {
                kids += 1;
                child = slots[child as usize].next;
            }
            let slot = &mut slots[cur as usize];
            nodes.push(Node {
                parent,
                children: Vec::with_capacity(kids),
                end: idx + 1,
                data: std::mem::replace(&mut slot.data, NodeData::Other),
            });
            if slot.first_child != NONE {
                open.push((cur, idx));
                cur = slot.first_child;
                continue;
            }
            // Leaf: move to the next sibling, closing finished ancestors on the way up.
            let mut at = cur;
            loop {
                let next = slots[at as usize].next;
                if next != NONE && !open.is_empty() {
                    cur = next;
                    break;
                }
                match open.pop() {
                    Some((a, d)) => {
                        nodes[d].end = nodes.len();
                        at = a;
                    }
                    None => return Doc { nodes },
                }
            }
        }
    }
}

/// The html5ever sink.
struct Builder(RefCell<Arena>);

impl Builder {
    /// A builder for a page of `len` bytes.
    fn new(len: usize) -> Self {
        let mut arena = Arena {
            // Dataset pages (after the prepass) have a node per ~45 bytes, some one per ~20:
            // one allocation instead of a dozen doublings, each copying every slot.
            slots: Vec::with_capacity(len / 16 + 16),
            no_name: QualName::new(None, html5ever::ns!(), html5ever::local_name!("")),
        };
        arena.push(NodeData::Document, None);
        Self(RefCell::new(arena))
    }

    fn text_node(arena: &mut Arena, text: &StrTendril) -> u32 {
        arena.push(NodeData::Text(String::from(&**text)), None)
    }
}

impl TreeSink for Builder {
    type Handle = u32;
    type Output = Doc;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Doc {
        self.0.into_inner().into_doc()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |a| {
            a.get(*target)
                .and_then(|s| s.name.as_ref())
                .unwrap_or(&a.no_name)
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> u32 {
        let is_template = &*name.local == "template" && name.ns == html5ever::ns!(html);
        let elem = Elem {
            tag: (*name.local).to_ascii_lowercase(),
            attrs: attrs
                .iter()
                .map(|a| {
                    (
                        (*a.name.local).to_ascii_lowercase(),
                        String::from(&*a.value),
                    )
                })
                .collect(),
        };
        let mut arena = self.0.borrow_mut();
        let id = arena.push(NodeData::Element(elem), Some(name));
        if is_template {
            let contents = arena.push(NodeData::Document, None);
            arena.append_child(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.0.borrow_mut().push(NodeData::Other, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.0.borrow_mut().push(NodeData::Other, None)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        let mut arena = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => arena.append_child(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = arena.slot(*parent).last_child;
                if !arena.merge_text(last, &text) {
                    let id = Self::text_node(&mut arena, &text);
                    arena.append_child(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &u32, prev: &u32, child: NodeOrText<u32>) {
        let has_parent = self
            .0
            .borrow()
            .get(*element)
            .is_some_and(|s| s.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut arena = self.0.borrow_mut();
        let id = arena.push(NodeData::Other, None);
        arena.append_child(0, id);
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        let arena = self.0.borrow();
        arena.get(*target).map_or(*target, |s| {
            if s.first_child == NONE {
                *target
            } else {
                s.first_child
            }
        })
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let mut arena = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            arena.detach(id);
        }
        if arena.slot(*sibling).parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => arena.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = arena.slot(*sibling).prev;
                if !arena.merge_text(prev, &text) {
                    let id = Self::text_node(&mut arena, &text);
                    arena.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut arena = self.0.borrow_mut();
        if let NodeData::Element(e) = &mut arena.slot(*target).data {
            for a in attrs {
                let name = (*a.name.local).to_ascii_lowercase();
                if e.attr(&name).is_none() {
                    e.attrs.push((name, String::from(&*a.value)));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut arena = self.0.borrow_mut();
        let mut child = arena.slot(*node).first_child;
        while child != NONE {
            let next = arena.slot(child).next;
            arena.append_child(*new_parent, child);
            child = next;
        }
    }
}

/// Parses `html` into a [`Doc`].
pub(crate) fn parse(html: &str) -> Doc {
    html5ever::parse_document(Builder::new(html.len()), Default::default()).one(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree below `i` as `tag(child,child)`, text as `"text"`, fragments as `#frag`.
    fn shape(d: &Doc, i: usize) -> String {
        let kids: Vec<String> = d.nodes[i].children.iter().map(|&c| shape(d, c)).collect();
        let own = match &d.nodes[i].data {
            NodeData::Document => "#doc".to_string(),
            NodeData::Element(e) => e.tag.clone(),
            NodeData::Text(t) => return format!("{t:?}"),
            NodeData::Other => "#other".to_string(),
        };
        if kids.is_empty() {
            own
        } else {
            format!("{own}({})", kids.join(","))
        }
    }

    fn body(html: &str) -> String {
        let d = parse(html);
        let b = d.find_tag("body").expect("body");
        shape(&d, b)
    }

    #[test]
    fn pre_order_with_subtree_ranges() {
        let d = parse("<!doctype html><p>a<b>b</b></p><!-- c --><p>d</p>");
        assert_eq!(
            shape(&d, 0),
            r#"#doc(#other,html(head,body(p("a",b("b")),#other,p("d"))))"#
        );
        for (i, n) in d.nodes.iter().enumerate() {
            assert!(n.end > i && n.end <= d.nodes.len());
            for &c in &n.children {
                assert_eq!(d.nodes[c].parent, Some(i));
                assert!(c > i && c < n.end);
            }
        }
    }

    #[test]
    fn misnested_formatting_is_reparented() {
        // The adoption agency algorithm moves and clones nodes (reparent_children).
        assert_eq!(body("<b>1<p>2</b>3</p>"), r#"body(b("1"),p(b("2"),"3"))"#);
    }

    #[test]
    fn text_in_tables_is_foster_parented_and_merged() {
        assert_eq!(
            body("<table>a<tr><td>x</td></tr>b</table>"),
            r#"body("ab",table(tbody(tr(td("x")))))"#
        );
    }

    #[test]
    fn template_contents_sit_in_a_fragment() {
        assert_eq!(
            body("<p>a</p><template><p>x</p></template>"),
            r#"body(p("a"),template(#doc(p("x"))))"#
        );
    }

    #[test]
    fn attributes_lowercase_and_merged_into_html_and_body() {
        let d = parse("<body CLASS=a><p ID=x>t</p><body role=main class=b>");
        let b = d.find_tag("body").expect("body");
        let e = d.elem(b).expect("element");
        assert_eq!(e.attr("class"), Some("a"));
        assert_eq!(e.attr("role"), Some("main"));
        let p = d.find_tag("p").expect("p");
        assert_eq!(d.elem(p).and_then(|e| e.attr("id")), Some("x"));
    }
}
