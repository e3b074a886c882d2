//! Pure text normalization and the [`Article`] -> [`Record`] step.
//!
//! Invariants of the output: text is NFC; no control characters except `\n` inside a block;
//! no zero-width spaces, BOMs, word joiners or soft hyphens; whitespace runs inside a line are
//! one space; lines are trimmed; blocks are joined by exactly one blank line. Typography
//! (curly quotes, dashes, ellipses, non-breaking punctuation spacing) is kept as written.
//! ZWJ/ZWNJ (U+200D/U+200C) are kept: they change spelling in Persian and Indic scripts and
//! make up emoji sequences.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use xxhash_rust::xxh3::xxh3_128;

use crate::article::{Article, Block, BlockKind, PageType};
use crate::record::{Record, SCHEMA_VERSION};

/// Characters removed outright: invisible format characters that only get in the way.
fn is_dropped_char(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// Decodes HTML character references (`&amp;`, `&#8217;`, `&nbsp;`) in plain text. HTML input
/// needs none: the parser already decoded them.
pub fn decode_entities(text: &str) -> String {
    if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_string()
    }
}

/// Normalizes one block's text: NFC, invisible characters dropped, whitespace collapsed within
/// lines, lines trimmed, empty lines removed (one block never contains a blank line).
pub fn normalize_block_text(text: &str) -> String {
    let cleaned = clean_chars(text);
    let mut out = String::with_capacity(cleaned.len());
    for line in cleaned.split('\n') {
        let mut words = crate::article::words(line).peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// NFC with the dropped characters removed. Most text is already NFC (ASCII always is) and
/// has nothing to drop: then it is borrowed as is instead of going through the recomposing
/// iterator, which is the costliest part of normalization.
fn clean_chars(text: &str) -> Cow<'_, str> {
    let ascii = text.is_ascii();
    if ascii || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        let dirty = if ascii {
            text.bytes()
                .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F)
        } else {
            text.chars().any(is_dropped_char)
        };
        return if dirty {
            Cow::Owned(text.chars().filter(|&c| !is_dropped_char(c)).collect())
        } else {
            Cow::Borrowed(text)
        };
    }
    Cow::Owned(text.nfc().filter(|&c| !is_dropped_char(c)).collect())
}

/// Normalizes preformatted text: like [`normalize_block_text`] but indentation and inner
/// spacing are kept; only trailing spaces and leading/trailing blank lines go.
pub fn normalize_code_text(text: &str) -> String {
    let cleaned: String = text
        .nfc()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|&c| !is_dropped_char(c))
        .collect();
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

/// Normalizes a short metadata value: one line, collapsed whitespace; `None` if empty.
pub fn normalize_field(value: Option<&str>) -> Option<String> {
    let text = normalize_block_text(value?).replace('\n', " ");
    (!text.is_empty()).then_some(text)
}

/// Normalizes every block in place and drops blocks that end up empty.
pub fn normalize_blocks(blocks: &mut Vec<Block>) {
    blocks.iter_mut().for_each(normalize_block);
    blocks.retain(|b| !b.text.is_empty());
}

/// One block of [`normalize_blocks`]; its text may come out empty.
pub fn normalize_block(block: &mut Block) {
    block.text = match block.kind {
        BlockKind::Code => normalize_code_text(&block.text),
        _ => normalize_block_text(&block.text),
    };
    if let Some(md) = &block.markdown {
        block.markdown = Some(normalize_block_text(md)).filter(|m| !m.is_empty());
    }
}

/// The record's `text`: blocks joined by one blank line.
pub fn join_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&block.text);
    }
    out
}

/// Characters Markdown reads as inline markup; escaped with `\` in plain text.
const MD_INLINE_SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!'];

/// Plain text as Markdown text: inline markup characters escaped, and a line that would
/// start a list, heading, quote or rule gets its marker escaped.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if MD_INLINE_SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    escape_line_starts(&out)
}

/// Escapes block markers at the start of each line of Markdown text: `-`, `+`, `=` and
/// `1.` / `1)` (list items, setext underlines) would otherwise restructure running text.
pub fn escape_line_starts(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 4);
    for (n, line) in md.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let after_digits = line.as_bytes().get(digits).copied();
        let marker = match line.as_bytes().first() {
            Some(b'-' | b'+' | b'=') => Some(0),
            Some(b'0'..=b'9') if matches!(after_digits, Some(b'.' | b')')) => Some(digits),
            _ => None,
        };
        match marker {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push('\\');
                out.push_str(&line[at..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The Markdown of one block's content: its inline Markdown from extraction, else its text
/// escaped. Code is verbatim.
fn block_markdown(block: &Block) -> String {
    match (&block.markdown, block.kind) {
        (_, BlockKind::Code) => block.text.clone(),
        (Some(md), _) => escape_line_starts(md),
        (None, BlockKind::TableRow) => block
            .text
            .split(" | ")
            .map(escape_markdown)
            .collect::<Vec<_>>()
            .join(" | "),
        (None, _) => escape_markdown(&block.text),
    }
}

/// The body as Markdown. Tables get a header separator after their first row.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<BlockKind> = None;
    for block in blocks {
        let kind = block.kind;
        let tight = matches!(
            (prev, kind),
            (Some(BlockKind::ListItem), BlockKind::ListItem)
                | (Some(BlockKind::TableRow), BlockKind::TableRow)
        );
        if !out.is_empty() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        let content = block_markdown(block);
        match kind {
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(usize::from(level.clamp(1, 6))));
                out.push(' ');
                out.push_str(&content.replace('\n', " "));
            }
            BlockKind::Paragraph => out.push_str(&content.replace('\n', "  \n")),
            BlockKind::ListItem => {
                out.push_str("- ");
                out.push_str(&content.replace('\n', "\n  "));
            }
            BlockKind::Quote => {
                let quoted: Vec<String> = content.lines().map(|l| format!("> {l}")).collect();
                out.push_str(&quoted.join("\n"));
            }
            BlockKind::Code => {
                // A fence longer than any run of backticks inside the code.
                let longest = block
                    .text
                    .split(|c| c != '`')
                    .map(str::len)
                    .max()
                    .unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&fence);
                out.push('\n');
                out.push_str(&block.text);
                out.push('\n');
                out.push_str(&fence);
            }
            BlockKind::TableRow => {
                let cells: Vec<&str> = content.split(" | ").collect();
                out.push_str("| ");
                out.push_str(&cells.join(" | ").replace('\n', " "));
                out.push_str(" |");
                if prev != Some(BlockKind::TableRow) {
                    out.push_str("\n|");
                    out.push_str(&" --- |".repeat(cells.len()));
                }
            }
            BlockKind::Caption => {
                out.push('*');
                out.push_str(&content.replace('\n', " "));
                out.push('*');
            }
        }
        prev = Some(kind);
    }
    out
}

/// Stable content id: 32 hex digits of XXH3-128 over the record text.
pub fn content_id(text: &str) -> String {
    format!("{:032x}", xxh3_128(text.as_bytes()))
}

/// What the record needs beyond the article.
#[derive(Debug, Clone, Copy)]
pub struct RecordContext<'a> {
    /// Input position.
    pub seq: u64,
    /// Input name.
    pub source: &'a str,
    /// URL the page was read from, if any (the page's canonical URL wins).
    pub url: Option<&'a str>,
    /// Also render Markdown.
    pub markdown: bool,
}

/// Builds the record from a filtered article. Blocks must already be normalized.
pub fn to_record(article: &Article, ctx: RecordContext<'_>) -> Record {
    let text = join_text(&article.blocks);
    // The blocks' words: joining them with blank lines splits or merges none.
    let word_count = crate::article::word_count(&text);
    let meta = &article.meta;
    Record {
        id: content_id(&text),
        url: meta
            .canonical_url
            .clone()
            .or_else(|| ctx.url.map(str::to_string)),
        source: ctx.source.to_string(),
        title: normalize_field(meta.title.as_deref()),
        author: normalize_field(meta.author.as_deref()),
        published: normalize_field(meta.published.as_deref()),
        modified: normalize_field(meta.modified.as_deref()),
        language: normalize_field(meta.language.as_deref()),
        language_confidence: None,
        site_name: normalize_field(meta.site_name.as_deref()),
        description: normalize_field(meta.description.as_deref()),
        image: normalize_field(meta.image.as_deref()),
        tags: meta
            .tags
            .iter()
            .filter_map(|t| normalize_field(Some(t)))
            .collect(),
        word_count,
        page_type: meta.signals.page_type,
        confidence: confidence_of(article, word_count),
        markdown: ctx.markdown.then(|| to_markdown(&article.blocks)),
        text,
        removed: None,
        fetch: None,
        seq: ctx.seq,
        schema_version: SCHEMA_VERSION,
    }
}

/// Predicted quality of the extraction, 0-1, from how the kept body sits in its page (see
/// [`PageSignals`](crate::article::PageSignals)) and what its blocks look like. It ranks
/// pages by how likely the text is the page's main content, whole and clean; it is not a
/// probability. Each factor encodes one sign of a good extraction:
/// * length: a body of a few dozen words is often a fragment (a teaser, a caption, a
///   consent notice) rather than the page's text;
/// * links: prose has few links; navigation and teaser lists are mostly links;
/// * share of the page: a body that is a sliver of a text-rich page has likely missed most
///   of it; a body longer than the page's visible text came from markup the reader does not
///   see (scripts, JSON-LD), which is less certain;
/// * link-heavy pages: where most of the page is links (portals, hubs), the main text is
///   harder to tell apart;
/// * description: a page's own summary (meta or JSON-LD description) is usually drawn from
///   its main text;
/// * sentences: main text is written in sentences, furniture in labels, so the share of
///   blocks that end like a sentence and the share of words in blocks of a full sentence's
///   length both count;
/// * page type: articles have a well-defined main text; products (specification tables,
///   buttons, reviews) the least;
/// * repeated blocks: a main text seldom says the same block twice, where a template repeats
///   its labels and buttons ("Reply", "Add to cart", a feed's "Read more"), so a body that
///   repeats blocks holds furniture.
pub fn confidence(article: &Article) -> f64 {
    confidence_of(article, article.word_count())
}

/// [`confidence`] of an article of `words` words ([`Article::word_count`]).
fn confidence_of(article: &Article, words: usize) -> f64 {
    let s = &article.meta.signals;
    let words = words as f64;
    let length = ((words + 1.0).ln() / CONFIDENT_WORDS.ln())
        .clamp(0.0, 1.0)
        .powi(2);
    let link_share = (s.body_link_chars as f64 / s.body_chars.max(1) as f64).clamp(0.0, 1.0);
    let links = (1.0 - link_share).powi(4);
    let body_text = s.body_chars.saturating_sub(s.body_link_chars) as f64;
    let page_text = s.page_chars.saturating_sub(s.page_link_chars).max(1) as f64;
    let share = body_text / page_text;
    // Plain-text inputs have no page around the body: nothing to compare with.
    let share = if s.page_chars == 0 {
        1.0
    } else if share > UNSEEN_TEXT_SHARE {
        UNSEEN_TEXT_FACTOR
    } else {
        (share / CONFIDENT_PAGE_SHARE).min(1.0).powf(0.2)
    };
    let page_links = s.page_link_chars as f64 / s.page_chars.max(1) as f64;
    let portal = 1.0 - 0.5 * (page_links - 0.5).max(0.0);
    let description = s
        .description_in_body
        .map_or(0.9, |d| 0.8 + 0.2 * f64::from(d.min(1000)) / 1000.0);
    let sentences = sentence_shape(&article.blocks);
    let prior = match s.page_type {
        PageType::Article => 1.0,
        PageType::Documentation | PageType::Forum | PageType::Listing | PageType::Service => 0.9,
        PageType::Other => 0.8,
        PageType::Product => 0.6,
    };
    let repeats = (1.0 - repeated_share(&article.blocks)).powi(REPEAT_POWER);
    let c = prior
        * repeats
        * length
        * links
        * share
        * portal
        * description
        * (0.2 + 0.8 * sentences.ending_share)
        * (0.6 + 0.4 * sentences.long_word_share);
    (c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Words from which length no longer lowers the confidence (a long news story).
const CONFIDENT_WORDS: f64 = 800.0;
/// Share of the page's non-link text from which the body no longer looks like a fragment.
const CONFIDENT_PAGE_SHARE: f64 = 0.9;
/// A body with more non-link text than the page shows (with some slack for counting
/// differences) came from markup the reader does not see.
const UNSEEN_TEXT_SHARE: f64 = 1.01;
/// The share factor of such a body.
const UNSEEN_TEXT_FACTOR: f64 = 0.3;
/// Words that make a block a full sentence or more rather than a label.
const SENTENCE_BLOCK_WORDS: usize = 20;

/// Power of the share of blocks that are not repeats in the confidence: a tenth of the
/// blocks repeated leaves 0.73 of it. Chosen on the tuning parts of the thirteen eval sets
/// (Spearman with page F1 rises from 0.514 to 0.527 there; powers 2 to 6 give 0.525-0.527).
const REPEAT_POWER: i32 = 3;

/// Share of the blocks whose text (trimmed) is that of an earlier block.
fn repeated_share(blocks: &[Block]) -> f64 {
    let mut seen = std::collections::HashSet::with_capacity(blocks.len());
    let repeats = blocks
        .iter()
        .filter(|b| !seen.insert(b.text.trim()))
        .count();
    repeats as f64 / blocks.len().max(1) as f64
}

/// How much of the body is written in sentences.
struct SentenceShape {
    /// Share of blocks that end with sentence punctuation (or a closing quote or bracket).
    ending_share: f64,
    /// Share of words that sit in blocks of [`SENTENCE_BLOCK_WORDS`] words or more.
    long_word_share: f64,
}

fn sentence_shape(blocks: &[Block]) -> SentenceShape {
    let (mut ending, mut words, mut long_words) = (0usize, 0usize, 0usize);
    for b in blocks {
        let text = b.text.trim_end();
        ending +=
            usize::from(text.ends_with(['.', '!', '?', '。', '！', '？', ':', '"', '”', ')']));
        let n = crate::article::words(text).count();
        words += n;
        if n >= SENTENCE_BLOCK_WORDS {
            long_words += n;
        }
    }
    SentenceShape {
        ending_share: ending as f64 / blocks.len().max(1) as f64,
        long_word_share: long_words as f64 / words.max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::PageSignals;

    fn article_with(signals: PageSignals, blocks: Vec<Block>) -> Article {
        Article {
            meta: crate::article::Metadata {
                signals,
                ..Default::default()
            },
            blocks,
        }
    }

    #[test]
    fn confidence_ranks_a_full_story_above_a_fragment_and_a_link_list() {
        let sentence = "The council voted on Tuesday to extend the bus network to the \
                        northern districts, and the first buses will run in spring.";
        let story = article_with(
            PageSignals {
                page_type: PageType::Article,
                page_chars: 9000,
                page_link_chars: 2000,
                body_chars: 6000,
                body_link_chars: 100,
                description_in_body: Some(900),
            },
            (0..40)
                .map(|i| Block::new(BlockKind::Paragraph, format!("In part {i}: {sentence}")))
                .collect(),
        );
        let fragment = article_with(
            PageSignals {
                page_type: PageType::Article,
                page_chars: 9000,
                page_link_chars: 2000,
                body_chars: 300,
                body_link_chars: 0,
                description_in_body: Some(100),
            },
            vec![Block::new(BlockKind::Paragraph, sentence)],
        );
        let links = article_with(
            PageSignals {
                page_type: PageType::Listing,
                page_chars: 9000,
                page_link_chars: 7000,
                body_chars: 3000,
                body_link_chars: 2500,
                description_in_body: None,
            },
            (0..30)
                .map(|i| Block::new(BlockKind::ListItem, format!("Story headline {i}")))
                .collect(),
        );
        let (s, f, l) = (
            confidence(&story),
            confidence(&fragment),
            confidence(&links),
        );
        assert!(s > 0.8 && s <= 1.0, "{s}");
        assert!(f < s && l < f, "{s} {f} {l}");
        assert!(l >= 0.0);
        assert_eq!(confidence(&Article::default()), 0.0);
        // The same story whose blocks repeat a template's label counts for less.
        let mut templated = story.clone();
        for k in (0..40).step_by(4) {
            templated.blocks[k] = Block::new(BlockKind::Paragraph, "Reply");
        }
        let t = confidence(&templated);
        assert!(t < s, "{t} {s}");
    }

    #[test]
    fn block_text_is_nfc_and_collapsed() {
        let decomposed = "Cafe\u{301}  au\t lait\u{200B} \u{00AD}ok";
        assert_eq!(normalize_block_text(decomposed), "Café au lait ok");
    }

    #[test]
    fn typography_is_kept() {
        let s = "“Quoted” — it’s… fine – really";
        assert_eq!(normalize_block_text(s), s);
    }

    #[test]
    fn control_characters_go_but_newlines_stay() {
        assert_eq!(
            normalize_block_text("a\u{0007}b\r\n\n  c  \u{0000}"),
            "ab\nc"
        );
    }

    #[test]
    fn already_nfc_text_still_loses_dropped_characters() {
        assert_eq!(normalize_block_text("naïve\u{00AD}ly  ok"), "naïvely ok");
        assert_eq!(normalize_block_text("plain\u{0007} ascii"), "plain ascii");
        assert_eq!(normalize_block_text("déjà vu"), "déjà vu");
    }

    #[test]
    fn zero_width_joiners_are_kept() {
        assert_eq!(normalize_block_text("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&nbsp;&#8217;s"),
            "Tom & Jerry\u{a0}’s"
        );
        assert_eq!(
            normalize_block_text(&decode_entities("a&nbsp;&nbsp;b")),
            "a b"
        );
    }

    #[test]
    fn code_keeps_indentation() {
        assert_eq!(
            normalize_code_text("\n  fn x() {\n      y  \n  }\n\n"),
            "  fn x() {\n      y\n  }"
        );
    }

    #[test]
    fn normalize_is_idempotent() {
        for s in ["  a  b \n\n c ", "e\u{301}\u{200B}", "x\r\ny"] {
            let once = normalize_block_text(s);
            assert_eq!(normalize_block_text(&once), once);
        }
    }

    #[test]
    fn markdown_renders_structure() {
        let blocks = vec![
            Block::new(BlockKind::Heading(2), "Intro"),
            Block::new(BlockKind::Paragraph, "Text."),
            Block::new(BlockKind::ListItem, "one"),
            Block::new(BlockKind::ListItem, "two"),
            Block::new(BlockKind::TableRow, "a | b"),
            Block::new(BlockKind::TableRow, "1 | 2"),
        ];
        assert_eq!(
            to_markdown(&blocks),
            "## Intro\n\nText.\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"
        );
    }

    #[test]
    fn id_is_stable() {
        assert_eq!(content_id("hello"), content_id("hello"));
        assert_ne!(content_id("hello"), content_id("hello!"));
        assert_eq!(content_id("").len(), 32);
    }
}
