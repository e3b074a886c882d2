//! The gate literals of the filter's patterns (see [`super::engine::gate_literals`]) as one
//! trie of ASCII-lowercased bytes, asked which literals a text holds.
//!
//! Gate literals are short (cut to a few bytes) and a gate only asks whether a literal occurs
//! somewhere, not where: walking the trie from each byte of the text finds every occurrence,
//! as an overlapping Aho-Corasick search does, and the trie is built in a fraction of the
//! instructions. The three Aho-Corasick automata it replaces (line rules, cues, caption
//! credits: about 4,000 literals, 35 KB) took 28 M instructions to build, 15 % of a one-page
//! run, for failure transitions, state shuffling and a contiguous copy that a walk of at most
//! a literal's length from each byte does without; the three tries take 7.7 M. Their scan
//! reads a page's lines in about the instructions of the automata's (the first two bytes of a
//! walk are one table lookup), and needs no lowercased copy of the line.

/// No node.
const NONE: u32 = u32::MAX;

/// A node with more children than this gets a row of all byte classes (the first letters of
/// the literals branch widely); the others keep their children as a short list.
const DENSE_MIN_CHILDREN: usize = 6;

/// The literals, each found where its bytes occur in a text, ASCII letters in either case.
///
/// Bytes are read as classes: each byte some literal holds (ASCII letters with their
/// uppercase) has its own, every other byte is class 0 and ends a walk. The first two bytes
/// of a walk are one lookup in a table of class pairs: most walks end there.
#[derive(Debug, Clone)]
pub(super) struct GateLiterals {
    /// The class of each byte, 0 for a byte no literal holds.
    class: Box<[u8; 256]>,
    /// Number of classes, class 0 included: the width of `pairs` and of the dense rows.
    width: usize,
    /// The node each class starts, `NONE` when no literal starts with it.
    root: Vec<u32>,
    /// The node each pair of classes starts (`width * first + second`), `NONE` when none.
    pairs: Vec<u32>,
    nodes: Vec<Node>,
    /// The children of the sparse nodes, by class: `edge_classes[i]` leads to `edge_next[i]`.
    edge_classes: Vec<u8>,
    edge_next: Vec<u32>,
    /// The children of the dense nodes, `width` entries per node.
    dense: Vec<u32>,
    /// The literals that end at each node: `ends[node.ends..node.ends + node.ends_len]`.
    ends: Vec<u32>,
    /// The empty literals, found in every text.
    empty: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The first child in `edge_classes`, or the first entry in `dense` when `is_dense`.
    first: u32,
    children: u32,
    is_dense: bool,
    ends: u32,
    ends_len: u32,
}

impl GateLiterals {
    /// The trie of `literals`; literal `i` is reported as `i`.
    pub(super) fn new<L: AsRef<[u8]>>(literals: &[L]) -> Self {
        let mut class = Box::new([0u8; 256]);
        let mut width = 1usize;
        for literal in literals {
            for &b in literal.as_ref() {
                let b = b.to_ascii_lowercase();
                if class[usize::from(b)] == 0 {
                    // at most 230 classes besides 0 (no ASCII uppercase letter gets its own): a `u8`
                    class[usize::from(b)] = width as u8;
                    width += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            class[usize::from(b)] = class[usize::from(b.to_ascii_lowercase())];
        }
        // the trie as linked lists first, node 0 the root: each node's first child and next
        // sibling, and the literals that end there (flat vectors: a list per node cost two
        // allocations per node, a fifth of the build)
        let mut first_child: Vec<u32> = vec![NONE];
        let mut next_sibling: Vec<u32> = vec![NONE];
        let mut node_class: Vec<u8> = vec![0];
        let mut ending: Vec<(u32, u32)> = Vec::new();
        let mut empty = Vec::new();
        for (i, literal) in (0u32..).zip(literals) {
            let literal = literal.as_ref();
            if literal.is_empty() {
                empty.push(i);
                continue;
            }
            let mut node = 0usize;
            for &b in literal {
                let c = class[usize::from(b)];
                let mut child = first_child[node];
                while child != NONE && node_class[child as usize] != c {
                    child = next_sibling[child as usize];
                }
                if child == NONE {
                    // a new first child (the order of children decides nothing)
                    child = first_child.len() as u32;
                    first_child.push(NONE);
                    next_sibling.push(first_child[node]);
                    node_class.push(c);
                    first_child[node] = child;
                }
                node = child as usize;
            }
            ending.push((node as u32, i));
        }
        ending.sort_by_key(|&(node, _)| node);
        let kids_of = |node: usize| {
            std::iter::successors(Some(first_child[node]).filter(|&c| c != NONE), |&c| {
                Some(next_sibling[c as usize]).filter(|&n| n != NONE)
            })
            .map(|c| (node_class[c as usize], c))
        };
        let mut root = vec![NONE; width];
        let mut pairs = vec![NONE; width * width];
        for (c, next) in kids_of(0) {
            root[usize::from(c)] = next;
            for (c2, next2) in kids_of(next as usize) {
                pairs[width * usize::from(c) + usize::from(c2)] = next2;
            }
        }
        let mut trie = Self {
            class,
            width,
            root,
            pairs,
            nodes: Vec::with_capacity(first_child.len()),
            edge_classes: Vec::new(),
            edge_next: Vec::new(),
            dense: Vec::new(),
            ends: Vec::new(),
            empty,
        };
        let mut kids = Vec::new();
        let mut ends = Vec::new();
        let mut at = 0;
        for node in 0..first_child.len() {
            kids.clear();
            kids.extend(kids_of(node));
            ends.clear();
            while at < ending.len() && ending[at].0 as usize == node {
                ends.push(ending[at].1);
                at += 1;
            }
            trie.push_node(&kids, &ends);
        }
        trie
    }

    /// Adds a node with these children and ending literals.
    fn push_node(&mut self, kids: &[(u8, u32)], ends: &[u32]) {
        let is_dense = kids.len() > DENSE_MIN_CHILDREN;
        let first = if is_dense {
            let first = self.dense.len();
            self.dense.resize(first + self.width, NONE);
            for &(c, next) in kids {
                self.dense[first + usize::from(c)] = next;
            }
            first
        } else {
            let first = self.edge_classes.len();
            self.edge_classes.extend(kids.iter().map(|&(c, _)| c));
            self.edge_next.extend(kids.iter().map(|&(_, next)| next));
            first
        };
        self.nodes.push(Node {
            first: first as u32,
            children: kids.len() as u32,
            is_dense,
            ends: self.ends.len() as u32,
            ends_len: ends.len() as u32,
        });
        self.ends.extend_from_slice(ends);
    }

    /// The child of `node` on class `c`, `NONE` when there is none.
    fn child(&self, node: &Node, c: u8) -> u32 {
        let first = node.first as usize;
        if node.is_dense {
            return self.dense[first + usize::from(c)];
        }
        let classes = &self.edge_classes[first..first + node.children as usize];
        match classes.iter().position(|&k| k == c) {
            Some(k) => self.edge_next[first + k],
            None => NONE,
        }
    }

    /// Calls `found` with the literals that end at `node`; `false` when it asked to stop.
    fn report(&self, node: &Node, found: &mut impl FnMut(usize) -> bool) -> bool {
        if node.ends_len == 0 {
            return true;
        }
        let ends = node.ends as usize;
        self.ends[ends..ends + node.ends_len as usize]
            .iter()
            .all(|&i| found(i as usize))
    }

    /// Calls `found` with each literal that occurs in `text` (ASCII letters in either case),
    /// once per occurrence, until it returns `false`.
    pub(super) fn scan(&self, text: &str, mut found: impl FnMut(usize) -> bool) {
        if !self.empty.iter().all(|&i| found(i as usize)) {
            return;
        }
        let text = text.as_bytes();
        for start in 0..text.len() {
            let first = self.class[usize::from(text[start])];
            let head = self.root[usize::from(first)];
            if head == NONE {
                continue;
            }
            if !self.report(&self.nodes[head as usize], &mut found) {
                return;
            }
            let Some(&second) = text.get(start + 1) else {
                continue;
            };
            let second = self.class[usize::from(second)];
            let mut next = self.pairs[self.width * usize::from(first) + usize::from(second)];
            let mut at = start + 2;
            while next != NONE {
                let node = &self.nodes[next as usize];
                if !self.report(node, &mut found) {
                    return;
                }
                let Some(&b) = text.get(at) else {
                    break;
                };
                next = self.child(node, self.class[usize::from(b)]);
                at += 1;
            }
        }
    }

    /// Whether any literal occurs in `text`.
    pub(super) fn any(&self, text: &str) -> bool {
        let mut hit = false;
        self.scan(text, |_| {
            hit = true;
            false
        });
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    /// The literals found, each once: what the filter's gates read.
    fn found(trie: &GateLiterals, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        trie.scan(text, |i| {
            out.push(i);
            true
        });
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The same from an overlapping, ASCII case-insensitive Aho-Corasick search.
    fn found_by_aho_corasick(literals: &[Vec<u8>], text: &str) -> Vec<usize> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(literals)
            .expect("small automaton");
        let mut out: Vec<usize> = ac
            .find_overlapping_iter(text)
            .map(|m| m.pattern().as_usize())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn finds_what_aho_corasick_finds() {
        let literals: Vec<Vec<u8>> = [
            "photo",
            "ph",
            "foto",
            "©",
            "r\u{e9}dacti",
            "R\u{c9}DACTI",
            "credit",
            "dpa",
            "a",
            "photo",
            "",
            "ab",
            "abc",
            "bcd",
            "x y",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        let trie = GateLiterals::new(&literals);
        for text in [
            "",
            "Photo: DPA",
            "PHOTOGRAPHY by FOTOgraf",
            "\u{a9} Jane Doe, r\u{e9}daction",
            "R\u{c9}DACTION",
            "abcd abc ab a",
            "x y x  y",
            "no gate here",
        ] {
            assert_eq!(
                found(&trie, text),
                found_by_aho_corasick(&literals, text),
                "{text:?}"
            );
        }
        assert!(trie.any("a"));
        assert!(!GateLiterals::new(&[b"zz"]).any("a z z"));
    }

    proptest! {
        #[test]
        fn finds_what_aho_corasick_finds_on_any_text(
            literals in prop::collection::vec("[a-eA-E\u{e9}\u{c9} ]{0,4}", 0..40),
            text in "[a-fA-F\u{e9}\u{c9} .]{0,40}",
        ) {
            let literals: Vec<Vec<u8>> = literals.iter().map(|s| s.as_bytes().to_vec()).collect();
            let trie = GateLiterals::new(&literals);
            prop_assert_eq!(found(&trie, &text), found_by_aho_corasick(&literals, &text));
        }
    }
}
