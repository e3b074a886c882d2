//! Rendering: chosen subtrees -> [`Block`]s.
//!
//! Block elements start and end blocks; inline elements are joined as written (no added
//! spaces); `<br>` is `\n`; whitespace is collapsed and trimmed except in `<pre>`; data
//! table rows become one block with cells joined by ` | `; `<rt>`/`<rp>` are skipped.
//! Empty blocks are never produced. The walk uses an explicit stack, so page depth does
//! not matter.

use url::Url;

use crate::article::{Block, BlockKind};

use super::dom::{Doc, NodeData, collapse_ws};
use super::score::Stats;
use super::selectors::{self as sel, is_in};

/// Options for rendering.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderParams<'a> {
    /// Keep data table rows.
    pub include_tables: bool,
    /// Keep figure and table captions.
    pub include_captions: bool,
    /// Also render each block as inline Markdown ([`Block::markdown`]).
    pub markdown: bool,
    /// In that Markdown, links (`[text](url)`) ...
    pub links: bool,
    /// ... and images (`![alt](src)`).
    pub images: bool,
    /// The page's URL: relative link and image targets are resolved against it.
    pub base: Option<&'a Url>,
}

/// A rendered block plus what post-filters need to know about it.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    /// The block.
    pub block: Block,
    /// Characters of the block that came from link text.
    pub link_chars: usize,
    /// Characters of the block.
    pub chars: usize,
    /// The last text node of the page that fed the block: its place in document order.
    pub node: usize,
}

#[derive(Debug, Clone, Copy)]
struct Ctx {
    kind: BlockKind,
    row: bool,
    cells: usize,
}

struct Builder {
    blocks: Vec<RawBlock>,
    buf: String,
    link_chars: usize,
    /// The block as Markdown, when asked for.
    md: Option<String>,
    /// Inline elements open in `md`: where their opening marker starts, its length, and the
    /// block it was opened in (`block_no`).
    md_open: Vec<(usize, usize, u64)>,
    /// Blocks flushed so far.
    block_no: u64,
    /// The last text node appended (see [`RawBlock::node`]).
    node: usize,
}

impl Builder {
    fn flush(&mut self, kind: BlockKind) {
        // An inline element that spans blocks (a link around a heading and a paragraph)
        // loses its markers: half a link would be wrong Markdown in both blocks.
        if let Some(md) = &mut self.md {
            for &(start, len, block) in self.md_open.iter().rev() {
                if block == self.block_no && start + len <= md.len() {
                    md.replace_range(start..start + len, "");
                }
            }
        }
        self.block_no += 1;
        if self.buf.is_empty() {
            // No text: nothing to keep but images, which go with the next block (a figure's
            // image with its caption).
            if let Some(md) = &mut self.md {
                if md.contains("![") {
                    md.push('\n');
                } else {
                    md.clear();
                }
            }
            return;
        }
        let markdown = self.md.as_mut().map(std::mem::take).and_then(|md| {
            let lines: Vec<String> = md.split('\n').map(collapse_ws).collect();
            let md = lines.join("\n").trim_matches('\n').to_string();
            (kind != BlockKind::Code && !md.trim().is_empty()).then_some(md)
        });
        let raw = std::mem::take(&mut self.buf);
        let text = if kind == BlockKind::Code {
            let t = raw.trim_end();
            t.trim_start_matches(['\n', '\r']).to_string()
        } else {
            let lines: Vec<String> = raw.split('\n').map(collapse_ws).collect();
            lines.join("\n").trim_matches('\n').to_string()
        };
        let chars = text.chars().count();
        let link_chars = self.link_chars.min(chars);
        self.link_chars = 0;
        if !text.trim().is_empty() {
            let mut block = Block::new(kind, text);
            block.markdown = markdown;
            self.blocks.push(RawBlock {
                block,
                link_chars,
                chars,
                node: self.node,
            });
        }
    }
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

enum Step {
    Enter(usize),
    Exit(Exit),
}

/// What leaving an element undoes.
struct Exit {
    /// It opened a block context.
    pushed_ctx: bool,
    /// It is a link.
    link: bool,
    /// It is preformatted.
    pre: bool,
    /// Markdown to close an inline element with (its opening is on `Builder::md_open`).
    md_close: Option<String>,
}

/// Markdown characters that would change meaning in running text: escaped with `\`.
const MD_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!'];

/// How text goes into Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MdText {
    /// Running text: whitespace collapsed, markup characters escaped.
    Escaped,
    /// Inside a code span, where backslashes are literal: whitespace collapsed only.
    CodeSpan,
    /// Preformatted: as written.
    Verbatim,
}

/// Appends text to Markdown, escaping what Markdown would read as markup (see also
/// `normalize::escape_line_starts` for list and heading markers at the start of a line).
fn push_md_text(md: &mut String, text: &str, mode: MdText) {
    for c in text.chars() {
        if mode == MdText::Verbatim {
            md.push(c);
        } else if c.is_whitespace() {
            md.push(' ');
        } else {
            if mode == MdText::Escaped && MD_SPECIAL.contains(&c) {
                md.push('\\');
            }
            md.push(c);
        }
    }
}

/// The opening and closing Markdown of an inline element, if it has one.
fn md_inline(
    doc: &Doc,
    i: usize,
    tag: &str,
    p: &RenderParams<'_>,
    in_pre: bool,
) -> Option<(String, String)> {
    if in_pre {
        return None;
    }
    match tag {
        "em" | "i" | "cite" => Some(("*".into(), "*".into())),
        "strong" | "b" => Some(("**".into(), "**".into())),
        "code" | "kbd" | "samp" | "tt" => Some(("`".into(), "`".into())),
        "del" | "s" | "strike" => Some(("~~".into(), "~~".into())),
        "a" if p.links => {
            let target = resolve(doc.elem(i)?.attr("href")?, p.base)?;
            Some(("[".into(), format!("]({target})")))
        }
        _ => None,
    }
}

/// An absolute http(s) URL for a link or image target (in-page `#fragments`, `javascript:`
/// and unresolvable relative targets give `None`). Spaces and parentheses are
/// percent-encoded so the URL cannot end the Markdown link early.
fn resolve(target: &str, base: Option<&Url>) -> Option<String> {
    let target = target.trim();
    if target.is_empty() || target.starts_with('#') {
        return None;
    }
    let url = match base {
        Some(base) => base.join(target).ok()?,
        None => Url::parse(target).ok()?,
    };
    matches!(url.scheme(), "http" | "https" | "mailto")
        .then(|| url.as_str().replace('(', "%28").replace(')', "%29"))
}

/// Renders `roots` (in order) into blocks, skipping removed nodes.
pub(crate) fn render(
    doc: &Doc,
    roots: &[usize],
    removed: &[bool],
    stats: &Stats,
    p: &RenderParams<'_>,
) -> Vec<RawBlock> {
    let mut walk = Walk {
        doc,
        removed,
        stats,
        p,
        b: Builder {
            blocks: Vec::new(),
            buf: String::new(),
            link_chars: 0,
            md: p.markdown.then(String::new),
            md_open: Vec::new(),
            block_no: 0,
            node: 0,
        },
        ctx: vec![BASE_CTX],
        link_depth: 0,
        pre_depth: 0,
        code_depth: 0,
    };
    let mut steps: Vec<Step> = roots.iter().rev().map(|&r| Step::Enter(r)).collect();
    while let Some(step) = steps.pop() {
        match step {
            Step::Exit(exit) => walk.exit(exit),
            Step::Enter(i) => walk.enter(i, &mut steps),
        }
    }
    let last = walk.ctx.last().map_or(BlockKind::Paragraph, |c| c.kind);
    walk.b.flush(last);
    walk.b.blocks
}

/// The block context a walk starts in.
const BASE_CTX: Ctx = Ctx {
    kind: BlockKind::Paragraph,
    row: false,
    cells: 0,
};

/// The state of one rendering walk: the blocks built so far and the elements open around
/// the current node.
struct Walk<'a> {
    doc: &'a Doc,
    removed: &'a [bool],
    stats: &'a Stats,
    p: &'a RenderParams<'a>,
    b: Builder,
    /// Block contexts open around the node; the innermost is last.
    ctx: Vec<Ctx>,
    /// Open links (their text counts as link text).
    link_depth: usize,
    /// Open preformatted elements (their whitespace is kept).
    pre_depth: usize,
    /// Open code spans in the Markdown (their text is not escaped).
    code_depth: usize,
}

impl Walk<'_> {
    /// The innermost open block context.
    fn cur(&self) -> Ctx {
        *self.ctx.last().unwrap_or(&BASE_CTX)
    }

    /// Leaves an element: closes its inline Markdown, its link or preformatted span and the
    /// block it opened.
    fn exit(&mut self, exit: Exit) {
        let cur = self.cur();
        if exit.md_close.as_deref() == Some("`") {
            self.code_depth -= 1;
        }
        if let Some(close) = exit.md_close
            && let Some((start, len, block)) = self.b.md_open.pop()
            && block == self.b.block_no
            && let Some(md) = &mut self.b.md
        {
            close_inline(md, &close, start, len);
        }
        if exit.link {
            self.link_depth -= 1;
        }
        if exit.pre {
            self.pre_depth -= 1;
        }
        if exit.pushed_ctx {
            self.b.flush(cur.kind);
            self.ctx.pop();
        }
    }

    /// Enters node `i`: text is appended; an element opens its block and inline markup and
    /// queues its children, then its exit.
    fn enter(&mut self, i: usize, steps: &mut Vec<Step>) {
        if self.removed[i] {
            return;
        }
        let doc = self.doc;
        match &doc.nodes[i].data {
            NodeData::Text(t) => {
                self.b.node = i;
                self.text(t);
                return;
            }
            NodeData::Element(_) | NodeData::Document => {}
            NodeData::Other => return,
        }
        let tag = doc.tag(i);
        if self.leaf(i, tag) {
            return;
        }
        let pushed_ctx = self.open_block(i, tag);
        let link = doc.is_link(i);
        let pre = matches!(tag, "pre" | "listing" | "xmp" | "plaintext");
        if link {
            self.link_depth += 1;
        }
        if pre {
            self.pre_depth += 1;
        }
        let md_close = self.open_inline(i, tag);
        steps.push(Step::Exit(Exit {
            pushed_ctx,
            link,
            pre,
            md_close,
        }));
        for &c in doc.nodes[i].children.iter().rev() {
            steps.push(Step::Enter(c));
        }
    }

    /// Appends a text node: whitespace collapsed outside preformatted text, counted as link
    /// text inside a link.
    fn text(&mut self, t: &str) {
        if let Some(md) = &mut self.b.md {
            let mode = if self.pre_depth > 0 {
                MdText::Verbatim
            } else if self.code_depth > 0 {
                MdText::CodeSpan
            } else {
                MdText::Escaped
            };
            push_md_text(md, t, mode);
        }
        let before = self.b.buf.len();
        if self.pre_depth > 0 {
            self.b.buf.push_str(t);
        } else {
            for c in t.chars() {
                self.b.buf.push(if c.is_whitespace() { ' ' } else { c });
            }
        }
        if self.link_depth > 0 {
            self.b.link_chars += self.b.buf[before..].chars().count();
        }
    }

    /// Elements whose children are not walked: images (Markdown only), ruby annotations,
    /// line breaks, rules, and the captions and data tables the params leave out. True when
    /// `i` is one of them and has been handled.
    fn leaf(&mut self, i: usize, tag: &str) -> bool {
        let (doc, p) = (self.doc, self.p);
        if tag == "img"
            && p.images
            && let Some(md) = &mut self.b.md
            && let Some(e) = doc.elem(i)
            && let Some(src) = e.attr("src").and_then(|s| resolve(s, p.base))
        {
            md.push_str("![");
            push_md_text(md, e.attr("alt").unwrap_or(""), MdText::Escaped);
            md.push_str(&format!("]({src})"));
            return true;
        }
        let picture_with_images = tag == "picture" && p.images && self.b.md.is_some();
        if matches!(tag, "rt" | "rp" | "img") || (tag == "picture" && !picture_with_images) {
            return true;
        }
        if tag == "br" {
            self.b.buf.push('\n');
            if let Some(md) = &mut self.b.md {
                md.push('\n');
            }
            return true;
        }
        if tag == "hr" {
            let cur = self.cur();
            if !cur.row && self.pre_depth == 0 {
                self.b.flush(cur.kind);
            }
            return true;
        }
        let is_caption = matches!(tag, "figcaption" | "caption");
        if is_caption && !p.include_captions {
            return true;
        }
        let data_table = tag == "table" && !self.stats.has_block[i];
        data_table && !p.include_tables
    }

    /// A block element ends the block before it and opens its own context (a data table
    /// row opens a row whose cells are joined); inside a row, cells are separated by ` | `
    /// and other blocks by a space. True when a context was pushed.
    fn open_block(&mut self, i: usize, tag: &str) -> bool {
        let cur = self.cur();
        if cur.row {
            if matches!(tag, "td" | "th") {
                if let Some(c) = self.ctx.last_mut() {
                    if c.cells > 0 {
                        self.b.buf.push_str(" | ");
                        if let Some(md) = &mut self.b.md {
                            md.push_str(" | ");
                        }
                    }
                    c.cells += 1;
                }
            } else if is_in(sel::BLOCK_TAGS, tag) && tag != "tr" {
                self.b.buf.push(' ');
                if let Some(md) = &mut self.b.md {
                    md.push(' ');
                }
            }
            return false;
        }
        if self.pre_depth > 0 || !(is_in(sel::BLOCK_TAGS, tag) || tag == "tr") {
            return false;
        }
        self.b.flush(cur.kind);
        let in_data_table = tag == "tr" && row_in_data_table(self.doc, i, self.stats);
        self.ctx.push(Ctx {
            kind: block_kind(
                tag,
                cur.kind,
                in_data_table,
                !is_list_line_heading(self.doc, i, self.stats),
            ),
            row: in_data_table,
            cells: 0,
        });
        true
    }

    /// Opens an inline element's Markdown (emphasis, code, link); returns what closes it.
    fn open_inline(&mut self, i: usize, tag: &str) -> Option<String> {
        let md = self.b.md.as_mut()?;
        md_inline(self.doc, i, tag, self.p, self.pre_depth > 0).map(|(open, close)| {
            self.b.md_open.push((md.len(), open.len(), self.b.block_no));
            md.push_str(&open);
            self.code_depth += usize::from(close == "`");
            close
        })
    }
}

/// The kind of the block a block element opens, inside a block of kind `outer`: headings,
/// preformatted code, data table rows, captions, list items and quotes are their own kinds;
/// other blocks inherit a quote's, list item's or caption's kind, else are paragraphs.
/// Whether heading `i` is a list line set in heading type: the direct child of an `<li>`
/// (rich-text editors apply a heading style to list lines), holding no link. Such a heading
/// heads no section; the list goes on after it. A linked title in a list item, or one deeper
/// in a card, is a teaser and stays a heading.
fn is_list_line_heading(doc: &Doc, i: usize, stats: &Stats) -> bool {
    doc.nodes[i].parent.is_some_and(|p| doc.tag(p) == "li") && stats.link[i] == 0
}

/// The kind of block `tag` opens inside a block of kind `outer`; `heading_as_heading` is
/// false for a heading that is a list line ([`is_list_line_heading`]).
fn block_kind(
    tag: &str,
    outer: BlockKind,
    in_data_table: bool,
    heading_as_heading: bool,
) -> BlockKind {
    if let Some(l) = heading_level(tag) {
        if outer == BlockKind::ListItem && !heading_as_heading {
            BlockKind::ListItem
        } else {
            BlockKind::Heading(l)
        }
    } else if tag == "pre" || tag == "listing" || tag == "xmp" {
        BlockKind::Code
    } else if in_data_table {
        BlockKind::TableRow
    } else if matches!(tag, "figcaption" | "caption") {
        BlockKind::Caption
    } else {
        match (tag, outer) {
            ("li" | "dt" | "dd", _) => BlockKind::ListItem,
            ("blockquote", _) => BlockKind::Quote,
            (_, BlockKind::Quote | BlockKind::ListItem | BlockKind::Caption) => outer,
            _ => BlockKind::Paragraph,
        }
    }
}

/// Closes an inline element opened at `start` of `md`: an element with no text is dropped
/// (`[](x)`, `**`), and spaces just inside the markers move outside them (CommonMark does not
/// take `* a *` for emphasis).
fn close_inline(md: &mut String, close: &str, start: usize, open_len: usize) {
    let Some(inner) = md.get(start..) else {
        return;
    };
    if inner
        .get(open_len..)
        .is_none_or(|rest| rest.trim().is_empty())
    {
        md.truncate(start);
        md.push(' ');
        return;
    }
    let content_start = start + open_len;
    let leading = md[content_start..].len() - md[content_start..].trim_start().len();
    if leading > 0 {
        md.replace_range(content_start..content_start + leading, "");
        md.insert(start, ' ');
    }
    let trailing = md.len() - md.trim_end().len();
    md.truncate(md.len() - trailing);
    md.push_str(close);
    if trailing > 0 {
        md.push(' ');
    }
}

/// Is this `<tr>` part of a data table (one whose cells hold no block elements)?
fn row_in_data_table(doc: &Doc, tr: usize, stats: &Stats) -> bool {
    let mut cur = doc.nodes[tr].parent;
    while let Some(a) = cur {
        if doc.tag(a) == "table" {
            return !stats.has_block[a];
        }
        if !matches!(doc.tag(a), "tbody" | "thead" | "tfoot") {
            return false;
        }
        cur = doc.nodes[a].parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        let d = Doc::parse(html);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let body = d.find_tag("body").unwrap();
        render(
            &d,
            &[body],
            &removed,
            &s,
            &RenderParams {
                include_tables: true,
                include_captions: true,
                markdown: false,
                links: false,
                images: false,
                base: None,
            },
        )
        .into_iter()
        .map(|r| r.block)
        .collect()
    }

    /// The blocks' Markdown, rendered with links and images against a base URL.
    fn markdown(html: &str) -> Vec<Option<String>> {
        let d = Doc::parse_keeping_targets(html, true);
        let removed = vec![false; d.nodes.len()];
        let s = Stats::compute(&d, &removed);
        let body = d.find_tag("body").unwrap();
        let base = Url::parse("https://news.test/a/b.html").unwrap();
        let params = RenderParams {
            include_tables: true,
            include_captions: true,
            markdown: true,
            links: true,
            images: true,
            base: Some(&base),
        };
        render(&d, &[body], &removed, &s, &params)
            .into_iter()
            .map(|r| r.block.markdown)
            .collect()
    }

    #[test]
    fn a_heading_set_as_a_list_line_is_a_list_item() {
        let b = blocks(
            "<body><h2>Brand</h2><ul><li><h3>organic cotton</h3></li><li><h3>hemp</h3></li></ul>\
             <ul><li><h3><a href=/x>Another story</a></h3></li></ul>\
             <ul><li><a href=/y><h3>A card title</h3></a></li></ul></body>",
        );
        let kinds: Vec<_> = b.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading(2), "Brand"),
                (BlockKind::ListItem, "organic cotton"),
                (BlockKind::ListItem, "hemp"),
                // Linked titles in a list are teasers: they stay headings.
                (BlockKind::Heading(3), "Another story"),
                (BlockKind::Heading(3), "A card title"),
            ]
        );
    }

    #[test]
    fn markdown_keeps_links_emphasis_images_and_escapes_text() {
        let md = markdown(
            "<body><p>See <a href=\"../c?d=1\">the <em>report</em></a>, 2*3 [x] <b> bold </b> \
             <code>a_b*</code> <a href=\"#top\">top</a> <a href=\"javascript:f()\">js</a></p>\
             <figure><img src=\"/i.jpg\" alt=\"A [pier]\"><figcaption>Pier</figcaption></figure>\
             <a href=\"/card\"><h3>Card title</h3><p>Card text</p></a><pre>x_1 = *p;</pre></body>",
        );
        assert_eq!(
            md,
            [
                Some(
                    "See [the *report*](https://news.test/c?d=1), 2\\*3 \\[x\\] **bold** \
                     `a_b*` top js"
                        .to_string()
                ),
                Some("![A \\[pier\\]](https://news.test/i.jpg)\nPier".to_string()),
                // A link around blocks loses its markers rather than splitting in half.
                Some("Card title".to_string()),
                Some("Card text".to_string()),
                None,
            ]
        );
    }

    #[test]
    fn br_becomes_newline_and_inline_joined() {
        let b = blocks("<body><p>one <b>t</b>wo<br>three\n  four</p></body>");
        assert_eq!(
            b,
            vec![Block::new(BlockKind::Paragraph, "one two\nthree four")]
        );
    }

    #[test]
    fn pre_keeps_lines() {
        let b = blocks("<body><pre>fn a() {\n    b();\n}</pre></body>");
        assert_eq!(
            b,
            vec![Block::new(BlockKind::Code, "fn a() {\n    b();\n}")]
        );
    }

    #[test]
    fn table_rows_joined() {
        let b = blocks(
            "<body><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table></body>",
        );
        assert_eq!(
            b,
            vec![
                Block::new(BlockKind::TableRow, "a | b"),
                Block::new(BlockKind::TableRow, "1 | 2")
            ]
        );
    }

    #[test]
    fn kinds_and_no_empty_blocks() {
        let b = blocks(
            "<body><h2>Head</h2><p> </p><ul><li>x</li></ul><blockquote><p>q</p></blockquote>\
             <figure><figcaption>cap</figcaption></figure><p>ruby <ruby>漢<rt>kan</rt></ruby></p></body>",
        );
        assert_eq!(
            b,
            vec![
                Block::new(BlockKind::Heading(2), "Head"),
                Block::new(BlockKind::ListItem, "x"),
                Block::new(BlockKind::Quote, "q"),
                Block::new(BlockKind::Caption, "cap"),
                Block::new(BlockKind::Paragraph, "ruby 漢"),
            ]
        );
    }

    #[test]
    fn layout_table_cells_are_paragraphs() {
        let b = blocks("<body><table><tr><td><p>a</p><p>b</p></td></tr></table></body>");
        assert_eq!(
            b,
            vec![
                Block::new(BlockKind::Paragraph, "a"),
                Block::new(BlockKind::Paragraph, "b")
            ]
        );
    }
}
