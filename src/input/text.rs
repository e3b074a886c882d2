//! Plain-text article -> [`Article`], for `.txt` inputs that skip extraction; Markdown-ish
//! text -> [`Article`] for `.md` inputs ([`parse_markdown`]).
//!
//! Paragraphs are separated by blank lines. Inside a paragraph, lines are separate blocks
//! (scraped text puts captions, credits and badges on their own lines) unless the paragraph is
//! hard-wrapped prose, whose lines are joined. A short first paragraph of one line without
//! closing sentence punctuation is the headline and becomes the title.

use crate::article::{Article, Block, BlockKind};
use crate::normalize::decode_entities;

/// Longest headline accepted from a text file's first line, in words.
const MAX_TITLE_WORDS: usize = 25;

/// A chunk of lines counts as hard-wrapped prose when it has at least this many lines ...
const WRAPPED_MIN_LINES: usize = 2;
/// ... its longest line is at most this many characters (editors wrap at 72-100) ...
const WRAPPED_MAX_WIDTH: usize = 100;
/// ... and every line but the last fills at least this share of the longest line.
const WRAPPED_MIN_FILL: f64 = 0.6;

/// Parses a plain-text article.
pub fn parse_text(text: &str) -> Article {
    let text = decode_entities(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let mut chunks = text
        .split("\n\n")
        .map(|c| {
            c.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .peekable();

    let mut article = Article::default();
    if let Some(first) = chunks.peek()
        && first.len() == 1
        && is_headline(first[0])
    {
        article.meta.title = Some(first[0].to_string());
        chunks.next();
    }
    for chunk in chunks {
        if is_hard_wrapped(&chunk) {
            article
                .blocks
                .push(Block::new(BlockKind::Paragraph, chunk.join(" ")));
        } else {
            article.blocks.extend(
                chunk
                    .into_iter()
                    .map(|line| Block::new(BlockKind::Paragraph, line)),
            );
        }
    }
    article
}

/// Parses a Markdown article (CommonMark's block structure, leniently): a leading `# Title`
/// (or a `title:` in YAML front matter) is the title; `#` headings, list items (`-`, `*`,
/// `+`, `1.`), `>` quotes, fenced code and `|` tables become blocks of their kind, other
/// lines join into paragraphs. Each block's text is its content without Markdown markup;
/// its Markdown keeps links, emphasis and code spans.
pub fn parse_markdown(text: &str) -> Article {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut article = Article::default();
    let mut lines = text.lines().peekable();
    if lines.peek().is_some_and(|l| l.trim_end() == "---") {
        lines.next();
        for line in lines.by_ref() {
            if matches!(line.trim_end(), "---" | "...") {
                break;
            }
            if let Some(value) = line.strip_prefix("title:") {
                let value = value.trim().trim_matches(['"', '\'']).trim();
                article.meta.title = (!value.is_empty()).then(|| value.to_string());
            }
        }
    }
    let mut md = MdBlocks::default();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(fence) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            md.flush();
            let mut code = Vec::new();
            for inner in lines.by_ref() {
                if inner.trim_start().starts_with(fence) {
                    break;
                }
                code.push(inner);
            }
            let code = code.join("\n");
            if !code.trim().is_empty() {
                md.blocks.push(Block::new(BlockKind::Code, code));
            }
        } else if trimmed.is_empty() {
            md.flush();
        } else if let Some((level, heading)) = atx_heading(trimmed) {
            md.flush();
            if level == 1 && article.meta.title.is_none() && md.blocks.is_empty() {
                article.meta.title = Some(md_to_text(heading));
            } else {
                md.push(BlockKind::Heading(level), heading);
            }
        } else if md.kind == Some(BlockKind::Paragraph)
            && md.lines.len() == 1
            && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'))
        {
            // Setext heading: the paragraph line above, underlined.
            let level = if trimmed.starts_with('=') { 1 } else { 2 };
            let heading = md.lines.pop().unwrap_or_default();
            md.kind = None;
            md.push(BlockKind::Heading(level), &heading);
        } else if trimmed.chars().all(|c| matches!(c, '-' | '*' | '_' | ' ')) && trimmed.len() >= 3
        {
            md.flush(); // thematic break
        } else if let Some(item) = list_item(trimmed) {
            md.flush();
            md.start(BlockKind::ListItem, item);
        } else if let Some(quoted) = trimmed.strip_prefix('>') {
            if md.kind != Some(BlockKind::Quote) {
                md.flush();
                md.kind = Some(BlockKind::Quote);
            }
            md.lines.push(quoted.trim().to_string());
        } else if trimmed.starts_with('|') {
            md.flush();
            let cells: Vec<&str> = trimmed
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let separator = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
            if !separator {
                md.push(BlockKind::TableRow, &cells.join(" | "));
            }
        } else {
            // A paragraph line, or the continuation of a list item or quote.
            if md.kind.is_none() {
                md.kind = Some(BlockKind::Paragraph);
            }
            md.lines.push(trimmed.to_string());
        }
    }
    md.flush();
    article.blocks = md.blocks;
    article
}

/// The block being collected by [`parse_markdown`].
#[derive(Default)]
struct MdBlocks {
    blocks: Vec<Block>,
    kind: Option<BlockKind>,
    lines: Vec<String>,
}

impl MdBlocks {
    fn start(&mut self, kind: BlockKind, first: &str) {
        self.kind = Some(kind);
        self.lines.push(first.to_string());
    }

    fn push(&mut self, kind: BlockKind, markdown: &str) {
        self.start(kind, markdown);
        self.flush();
    }

    fn flush(&mut self) {
        let lines = std::mem::take(&mut self.lines);
        let Some(kind) = self.kind.take() else {
            return;
        };
        let markdown = lines.join(if kind == BlockKind::Quote { "\n" } else { " " });
        let text = md_to_text(&markdown);
        if !text.trim().is_empty() {
            let mut block = Block::new(kind, text);
            block.markdown = Some(markdown);
            self.blocks.push(block);
        }
    }
}

/// `## Heading ##` -> (2, "Heading").
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    u8::try_from(level).ok().map(|l| (l, text))
}

/// The content of a list item line (`- a`, `* a`, `+ a`, `1. a`, `1) a`).
fn list_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if (1..=9).contains(&digits) {
        line[digits..].strip_prefix(['.', ')'])?
    } else {
        line.strip_prefix(['-', '*', '+'])?
    };
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

/// Inline Markdown -> text: links keep their text, images go, emphasis and code markers and
/// backslash escapes are removed, `<url>` autolinks become the URL.
fn md_to_text(md: &str) -> String {
    let chars: Vec<char> = md.chars().collect();
    let mut out = String::with_capacity(md.len());
    let mut i = 0;
    // Emphasis markers count only at a word edge (so `snake_case` and `2*3` stay).
    let edge = |k: usize| k >= chars.len() || !chars[k].is_alphanumeric();
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => match bracketed(&chars, i + 1) {
                Some(end) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match bracketed(&chars, i) {
                Some(end) => {
                    let close = chars[i + 1..]
                        .iter()
                        .position(|&c| c == ']')
                        .map_or(i, |p| i + 1 + p);
                    out.push_str(&md_to_text(&chars[i + 1..close].iter().collect::<String>()));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => i += 1,
            '~' if chars.get(i + 1) == Some(&'~') => i += 2,
            '*' | '_' => {
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let before = i == 0 || edge(i - 1);
                if before || edge(i + run) {
                    i += run;
                } else {
                    out.extend(std::iter::repeat_n(c, run));
                    i += run;
                }
            }
            '<' => {
                let close = chars[i..].iter().position(|&c| c == '>');
                let inner: Option<String> = close.map(|p| chars[i + 1..i + p].iter().collect());
                match inner.filter(|s| s.starts_with("http") && !s.contains(' ')) {
                    Some(url) => {
                        out.push_str(&url);
                        i += url.chars().count() + 2;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    decode_entities(&out)
}

/// A `[text](target)` or `[text][ref]` starting at `open`: the index after it.
fn bracketed(chars: &[char], open: usize) -> Option<usize> {
    let close = open + 1 + chars[open + 1..].iter().position(|&c| c == ']')?;
    let end = match chars.get(close + 1) {
        Some('(') => ')',
        Some('[') => ']',
        _ => return None,
    };
    let stop = close + 2 + chars[close + 2..].iter().position(|&c| c == end)?;
    Some(stop + 1)
}

fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_sentence = line
        .trim_end_matches(['"', '\'', '”', '’', ')', '»'])
        .ends_with(['.', '!', '?', ':', ';', ',']);
    words > 0 && words <= MAX_TITLE_WORDS && !ends_sentence
}

fn is_hard_wrapped(lines: &[&str]) -> bool {
    if lines.len() < WRAPPED_MIN_LINES {
        return false;
    }
    let width = |l: &&str| l.chars().count();
    let longest = lines.iter().map(width).max().unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let min_fill = (longest as f64 * WRAPPED_MIN_FILL) as usize;
    longest <= WRAPPED_MAX_WIDTH
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| width(l) >= min_fill)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_short_line_is_the_title() {
        let a = parse_text("A Headline Here\n\nFirst paragraph.\n\nSecond one.");
        assert_eq!(a.meta.title.as_deref(), Some("A Headline Here"));
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let a = parse_text("This is a sentence.\n\nMore.");
        assert_eq!(a.meta.title, None);
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn lines_of_a_mixed_chunk_are_separate_blocks() {
        let a = parse_text(
            "T\n\n·4 min read\nPhoto by Someone/Agency\nPhoto by Someone/Agency\n\nBody.",
        );
        let texts: Vec<_> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "·4 min read",
                "Photo by Someone/Agency",
                "Photo by Someone/Agency",
                "Body."
            ]
        );
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let a = parse_text(
            "Title\n\nThis paragraph was wrapped by an editor at a fixed\nwidth so that every line is about as long as the\nothers, except the last.",
        );
        assert_eq!(a.blocks.len(), 1);
        assert!(
            a.blocks[0]
                .text
                .starts_with("This paragraph was wrapped by an editor at a fixed width")
        );
    }

    #[test]
    fn markdown_keeps_its_shape() {
        let a = parse_markdown(
            "# The *Harbor* Report\n\nThe [pier](https://x.test/p) is **old**, said\nthe mayor.\n\n\
             ## Repairs\n\n- first \\* item\n- second item\n1. numbered\n\n> a quote\n\n\
             ```\nlet snake_case = 2*3;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(a.meta.title.as_deref(), Some("The Harbor Report"));
        let kinds: Vec<_> = a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Paragraph, "The pier is old, said the mayor."),
                (BlockKind::Heading(2), "Repairs"),
                (BlockKind::ListItem, "first * item"),
                (BlockKind::ListItem, "second item"),
                (BlockKind::ListItem, "numbered"),
                (BlockKind::Quote, "a quote"),
                (BlockKind::Code, "let snake_case = 2*3;"),
                (BlockKind::TableRow, "a | b"),
                (BlockKind::TableRow, "1 | 2"),
            ]
        );
        assert_eq!(
            a.blocks[0].markdown.as_deref(),
            Some("The [pier](https://x.test/p) is **old**, said the mayor.")
        );
        let front = parse_markdown("---\ntitle: \"From front matter\"\n---\n\nText here.");
        assert_eq!(front.meta.title.as_deref(), Some("From front matter"));
        assert_eq!(front.blocks.len(), 1);
    }

    #[test]
    fn entities_and_crlf_are_handled() {
        let a = parse_text("Tom &amp; Jerry\r\n\r\nIt&#8217;s here.");
        assert_eq!(a.meta.title.as_deref(), Some("Tom & Jerry"));
        assert_eq!(a.blocks[0].text, "It’s here.");
    }
}
