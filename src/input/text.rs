//! Plain-text article -> [`Article`], for `.txt` inputs that skip extraction.
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
    fn entities_and_crlf_are_handled() {
        let a = parse_text("Tom &amp; Jerry\r\n\r\nIt&#8217;s here.");
        assert_eq!(a.meta.title.as_deref(), Some("Tom & Jerry"));
        assert_eq!(a.blocks[0].text, "It’s here.");
    }
}
