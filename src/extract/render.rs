//! Rendering: chosen subtrees -> [`Block`]s.
//!
//! Block elements start and end blocks; inline elements are joined as written (no added
//! spaces); `<br>` is `\n`; whitespace is collapsed and trimmed except in `<pre>`; data
//! table rows become one block with cells joined by ` | `; `<rt>`/`<rp>` are skipped.
//! Empty blocks are never produced. The walk uses an explicit stack, so page depth does
//! not matter.

use crate::article::{Block, BlockKind};

use super::dom::{Doc, NodeData, collapse_ws};
use super::score::Stats;
use super::selectors::{self as sel, is_in};

/// Options for rendering.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderParams {
    /// Keep data table rows.
    pub include_tables: bool,
    /// Keep figure and table captions.
    pub include_captions: bool,
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
}

impl Builder {
    fn flush(&mut self, kind: BlockKind) {
        if self.buf.is_empty() {
            return;
        }
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
            self.blocks.push(RawBlock {
                block: Block::new(kind, text),
                link_chars,
                chars,
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
    Exit {
        pushed_ctx: bool,
        link: bool,
        pre: bool,
    },
}

/// Renders `roots` (in order) into blocks, skipping removed nodes.
pub(crate) fn render(
    doc: &Doc,
    roots: &[usize],
    removed: &[bool],
    stats: &Stats,
    p: &RenderParams,
) -> Vec<RawBlock> {
    let mut b = Builder {
        blocks: Vec::new(),
        buf: String::new(),
        link_chars: 0,
    };
    let base = Ctx {
        kind: BlockKind::Paragraph,
        row: false,
        cells: 0,
    };
    let mut ctx: Vec<Ctx> = vec![base];
    let mut link_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut steps: Vec<Step> = roots.iter().rev().map(|&r| Step::Enter(r)).collect();
    while let Some(step) = steps.pop() {
        let cur = *ctx.last().unwrap_or(&base);
        match step {
            Step::Exit {
                pushed_ctx,
                link,
                pre,
            } => {
                if link {
                    link_depth -= 1;
                }
                if pre {
                    pre_depth -= 1;
                }
                if pushed_ctx {
                    b.flush(cur.kind);
                    ctx.pop();
                }
            }
            Step::Enter(i) => {
                if removed[i] {
                    continue;
                }
                match &doc.nodes[i].data {
                    NodeData::Text(t) => {
                        let before = b.buf.len();
                        if pre_depth > 0 {
                            b.buf.push_str(t);
                        } else {
                            for c in t.chars() {
                                b.buf.push(if c.is_whitespace() { ' ' } else { c });
                            }
                        }
                        if link_depth > 0 {
                            b.link_chars += b.buf[before..].chars().count();
                        }
                        continue;
                    }
                    NodeData::Element(_) | NodeData::Document => {}
                    NodeData::Other => continue,
                }
                let tag = doc.tag(i);
                if matches!(tag, "rt" | "rp" | "img" | "picture") {
                    continue;
                }
                if tag == "br" {
                    b.buf.push('\n');
                    continue;
                }
                if tag == "hr" {
                    if !cur.row && pre_depth == 0 {
                        b.flush(cur.kind);
                    }
                    continue;
                }
                let is_caption = matches!(tag, "figcaption" | "caption");
                if is_caption && !p.include_captions {
                    continue;
                }
                let data_table = tag == "table" && !stats.has_block[i];
                if data_table && !p.include_tables {
                    continue;
                }
                let mut pushed_ctx = false;
                if cur.row {
                    if matches!(tag, "td" | "th") {
                        if let Some(c) = ctx.last_mut() {
                            if c.cells > 0 {
                                b.buf.push_str(" | ");
                            }
                            c.cells += 1;
                        }
                    } else if is_in(sel::BLOCK_TAGS, tag) && tag != "tr" {
                        b.buf.push(' ');
                    }
                } else if pre_depth == 0 && (is_in(sel::BLOCK_TAGS, tag) || tag == "tr") {
                    b.flush(cur.kind);
                    let in_data_table = tag == "tr" && row_in_data_table(doc, i, stats);
                    let kind = if let Some(l) = heading_level(tag) {
                        BlockKind::Heading(l)
                    } else if tag == "pre" || tag == "listing" || tag == "xmp" {
                        BlockKind::Code
                    } else if in_data_table {
                        BlockKind::TableRow
                    } else if is_caption {
                        BlockKind::Caption
                    } else {
                        match (tag, cur.kind) {
                            ("li" | "dt" | "dd", _) => BlockKind::ListItem,
                            ("blockquote", _) => BlockKind::Quote,
                            (_, BlockKind::Quote | BlockKind::ListItem | BlockKind::Caption) => {
                                cur.kind
                            }
                            _ => BlockKind::Paragraph,
                        }
                    };
                    ctx.push(Ctx {
                        kind,
                        row: in_data_table,
                        cells: 0,
                    });
                    pushed_ctx = true;
                }
                let link = tag == "a";
                let pre = matches!(tag, "pre" | "listing" | "xmp" | "plaintext");
                if link {
                    link_depth += 1;
                }
                if pre {
                    pre_depth += 1;
                }
                steps.push(Step::Exit {
                    pushed_ctx,
                    link,
                    pre,
                });
                for &c in doc.nodes[i].children.iter().rev() {
                    steps.push(Step::Enter(c));
                }
            }
        }
    }
    let last = ctx.last().map_or(BlockKind::Paragraph, |c| c.kind);
    b.flush(last);
    b.blocks
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
            },
        )
        .into_iter()
        .map(|r| r.block)
        .collect()
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
