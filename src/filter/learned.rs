//! `learned_boilerplate`: a second opinion on lines the named rules keep, from a logistic
//! regression over hashed word and character n-grams and the line's shape.
//!
//! The weights in `model.bin` were trained on the tuning part of the body-gold datasets (a line
//! the extractor keeps that the gold body lacks is boilerplate, a line the gold has is story),
//! reproducibly, with:
//!
//! ```text
//! cargo run --release --example train_filter -- /work/shared/datasets -o src/filter/model.bin
//! ```
//!
//! The model sees one line at a time: its text, its block kind and whether it is one line of a
//! multi-line block, never its neighbours or its place in the article. So its verdict on a line
//! is the same in every pass, and the engine treats it like a site-profile match (a removed
//! line is never an anchor), which keeps the filter idempotent.
//!
//! It only ever removes a paragraph or list item of at most [`MAX_WORDS`] words that is not a
//! quotation (see [`eligible`]), and only when its probability of being boilerplate reaches the
//! threshold stored with the weights, chosen on held-out hosts of the tuning part so that at
//! least 99.5 % of their story lines that the rules keep are kept.

use std::sync::OnceLock;

use thiserror::Error;

use super::text;
use crate::article::BlockKind;

/// Rule name of the model's removals.
pub const LEARNED_BOILERPLATE: &str = "learned_boilerplate";

/// Longest line (words) the model judges. Furniture lines (prompts, bios, teasers, credits) fit
/// well within this; a longer paragraph is story text in all but a negligible share of the
/// gold sets, and a mistake there would cost a whole paragraph.
pub const MAX_WORDS: usize = 60;

/// Lines up to this many words also get character n-gram features: short furniture lines
/// ("Teilen", "Newsletter abonnieren") carry too few words to judge by words alone, and
/// character n-grams generalise across inflections and compounds.
pub const CHAR_NGRAM_MAX_WORDS: usize = 12;

/// Word tokens of a line that get word features; longer lines are judged by their start.
const MAX_TOKENS: usize = 80;

const MAGIC: &[u8; 4] = b"CDLM";
const FORMAT_VERSION: u8 = 1;
/// Header: magic, version, hash bits, two reserved bytes, then threshold, bias and weight
/// scale as little-endian f32.
const HEADER_LEN: usize = 4 + 4 + 12;

/// Quotation marks that open or close quoted speech anywhere in a line (English, German,
/// French, Spanish, Italian, Polish typography). A line that contains one quotes someone, and
/// a quotation is never the model's to remove. Apostrophes (`'`, `’`) are not among them.
const QUOTE_MARKS: &[char] = &['"', '“', '”', '„', '«', '»', '‹', '›', '「', '」', '‚'];

/// Whether the model may judge a line at all: a paragraph or a list item (headings, captions,
/// block quotes, code and table rows are left to the rules: the gold sets disagree on whether
/// headings and captions belong to the body), at most [`MAX_WORDS`] words, with letters, and
/// neither quoted speech nor a line that contains a quotation.
pub fn eligible(kind: BlockKind, line: &str) -> bool {
    if !matches!(kind, BlockKind::Paragraph | BlockKind::ListItem) {
        return false;
    }
    let t = line.trim();
    let words = text::word_count(t);
    words > 0
        && words <= MAX_WORDS
        && t.chars().any(char::is_alphabetic)
        && !(kind == BlockKind::ListItem && is_measured_item(t))
        && !text::is_quoted_speech(t)
        && !t.contains(QUOTE_MARKS)
        && !has_single_quotation(t)
}

/// A list item that opens with a quantity and a lower-case word ("2 oranges, unpeeled", "200 g
/// flour", "½ cup milk"): an ingredient or a parts list, which the gold sets keep and which
/// looks to the model like a counter ("12 comments") only by its figure.
fn is_measured_item(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(amount), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    amount
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ',' | '-' | '½' | '¼' | '¾' | '⅓'))
        && amount
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾' | '⅓'))
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// A quotation in single marks (`‘...’`, or a straight `'` opening a word and another closing
/// one), told apart from apostrophes inside words ("don't", "l'eau").
fn has_single_quotation(t: &str) -> bool {
    if t.contains('‘') {
        return true;
    }
    let chars: Vec<char> = t.chars().collect();
    let opens = (0..chars.len()).any(|i| {
        chars[i] == '\''
            && (i == 0 || chars[i - 1].is_whitespace())
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
    });
    opens && t.matches('\'').count() >= 2
}

/// Reusable buffers for [`FeatureScratch::features`].
#[derive(Debug, Default)]
pub struct FeatureScratch {
    lower: String,
    padded: String,
    tokens: Vec<(usize, usize)>,
    token_hashes: Vec<u64>,
    out: Vec<u32>,
}

// Feature namespaces (seeds of the hash).
const NS_KIND: u64 = 1;
const NS_FRAGMENT: u64 = 2;
const NS_UNIGRAM: u64 = 3;
const NS_BIGRAM: u64 = 4;
const NS_FIRST: u64 = 5;
const NS_FIRST2: u64 = 6;
const NS_LAST: u64 = 7;
const NS_CHAR: u64 = 8;
const NS_SHAPE: u64 = 9;
const NS_KIND_LEN: u64 = 10;
const NS_LEN_END: u64 = 11;
const NS_CASE_END: u64 = 12;
const NS_FIRST_LEN: u64 = 13;

fn mix(a: u64, b: u64) -> u64 {
    let h = (a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 31)
}

impl FeatureScratch {
    /// The hashed feature indices (each below 2^`bits`) of one line of the given kind;
    /// `fragment` is true when the line is one of several of its block.
    pub fn features(&mut self, kind: BlockKind, fragment: bool, line: &str, bits: u32) -> &[u32] {
        self.out.clear();
        let t = line.trim();
        let words = text::word_count(t);
        let len = len_bucket(words);
        let kind_id = match kind {
            BlockKind::Heading(l) => u64::from(l),
            BlockKind::Paragraph => 10,
            BlockKind::ListItem => 11,
            BlockKind::Quote => 12,
            BlockKind::Code => 13,
            BlockKind::TableRow => 14,
            BlockKind::Caption => 15,
        };
        let end = end_class(t);
        let (title_share, digit_share, all_caps) = case_shape(t);
        let push = |out: &mut Vec<u32>, h: u64| {
            out.push((h.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - bits)) as u32);
        };
        push(&mut self.out, mix(NS_KIND, kind_id));
        push(&mut self.out, mix(NS_FRAGMENT, u64::from(fragment)));
        push(&mut self.out, mix(NS_KIND_LEN, kind_id * 64 + len));
        push(&mut self.out, mix(NS_LEN_END, len * 64 + end));
        push(&mut self.out, mix(NS_CASE_END, title_share * 64 + end));
        let shapes = [
            len,
            100 + end,
            200 + start_class(t),
            300 + title_share,
            400 + digit_share,
            500 + u64::from(all_caps),
            600 + u64::from(t.contains("http") || t.contains("www.") || t.contains(".com")),
            700 + u64::from(t.contains('@')),
            800 + u64::from(t.contains('|')),
            900 + u64::from(t.contains('©')),
            1000 + u64::from(t.contains(['•', '·', '›', '»', '>', '→', '▶'])),
            1100 + u64::from(text::ends_like_sentence(t)),
            1200 + u64::from(t.contains('#')),
        ];
        for s in shapes {
            push(&mut self.out, mix(NS_SHAPE, s));
        }

        // words: lowercased, digits folded to 0
        self.lower.clear();
        for c in t.chars() {
            if c.is_ascii_digit() {
                self.lower.push('0');
            } else {
                self.lower.extend(c.to_lowercase());
            }
        }
        self.tokens.clear();
        let mut start = None;
        for (i, c) in self.lower.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                self.tokens.push((s, i));
            }
        }
        if let Some(s) = start {
            self.tokens.push((s, self.lower.len()));
        }
        self.tokens.truncate(MAX_TOKENS);
        self.token_hashes.clear();
        for &(s, e) in &self.tokens {
            self.token_hashes
                .push(xxhash_rust::xxh3::xxh3_64(&self.lower.as_bytes()[s..e]));
        }
        let th = &self.token_hashes;
        for &h in th {
            push(&mut self.out, mix(NS_UNIGRAM, h));
        }
        for w in th.windows(2) {
            push(&mut self.out, mix(NS_BIGRAM, mix(w[0], w[1])));
        }
        if let Some(&first) = th.first() {
            push(&mut self.out, mix(NS_FIRST, first));
            push(&mut self.out, mix(NS_FIRST_LEN, mix(first, len)));
        }
        if th.len() >= 2 {
            push(&mut self.out, mix(NS_FIRST2, mix(th[0], th[1])));
        }
        if let Some(&last) = th.last() {
            push(&mut self.out, mix(NS_LAST, last));
        }

        if words <= CHAR_NGRAM_MAX_WORDS {
            self.padded.clear();
            self.padded.push(' ');
            for w in self.lower.split_whitespace() {
                self.padded.push_str(w);
                self.padded.push(' ');
            }
            let bounds: Vec<usize> = self
                .padded
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(self.padded.len()))
                .collect();
            for n in [3usize, 4] {
                for k in 0..bounds.len().saturating_sub(n) {
                    let gram = &self.padded.as_bytes()[bounds[k]..bounds[k + n]];
                    push(
                        &mut self.out,
                        mix(NS_CHAR, xxhash_rust::xxh3::xxh3_64(gram) ^ n as u64),
                    );
                }
            }
        }
        &self.out
    }
}

/// Word count in buckets: each short length is its own bucket, longer ones are grouped.
fn len_bucket(words: usize) -> u64 {
    match words {
        0..=5 => words as u64,
        6..=7 => 6,
        8..=10 => 7,
        11..=14 => 8,
        15..=20 => 9,
        21..=30 => 10,
        31..=45 => 11,
        _ => 12,
    }
}

/// The line's last character, by class.
fn end_class(t: &str) -> u64 {
    match t.chars().next_back() {
        None => 0,
        Some('.') => 1,
        Some('!') => 2,
        Some('?') => 3,
        Some(':') => 4,
        Some(',' | ';') => 5,
        Some('…') => 6,
        Some(')' | ']') => 7,
        Some(c) if c.is_alphabetic() => 8,
        Some(c) if c.is_numeric() => 9,
        Some(_) => 10,
    }
}

/// The line's first character, by class.
fn start_class(t: &str) -> u64 {
    match t.chars().next() {
        None => 0,
        Some(c) if c.is_uppercase() => 1,
        Some(c) if c.is_lowercase() => 2,
        Some(c) if c.is_alphabetic() => 3,
        Some(c) if c.is_numeric() => 4,
        Some('(' | '[') => 5,
        Some(_) => 6,
    }
}

/// Share of capitalised words (5 buckets), share of digits among non-space characters
/// (4 buckets), and whether all letters are capitals (at least three of them).
fn case_shape(t: &str) -> (u64, u64, bool) {
    let mut words = 0usize;
    let mut capitalised = 0usize;
    for w in t.split_whitespace() {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic()) {
            words += 1;
            if c.is_uppercase() {
                capitalised += 1;
            }
        }
    }
    let title = if words == 0 {
        0
    } else {
        (capitalised * 4).div_ceil(words) as u64
    };
    let mut chars = 0usize;
    let mut digits = 0usize;
    let mut letters = 0usize;
    let mut upper = 0usize;
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        chars += 1;
        if c.is_numeric() {
            digits += 1;
        }
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    let digit = match (digits * 10).checked_div(chars).unwrap_or(0) {
        0 if digits == 0 => 0,
        0 => 1,
        1..=2 => 2,
        _ => 3,
    };
    (title, digit, letters >= 3 && upper == letters)
}

/// A model file that cannot be used.
#[derive(Debug, Error)]
pub enum ModelError {
    /// Wrong magic bytes, version, or length.
    #[error("not a copydesk line model: {0}")]
    Format(&'static str),
}

/// The trained weights: one per hashed feature slot, a bias, and the removal threshold.
#[derive(Debug, Clone)]
pub struct Model {
    bits: u32,
    weights: Vec<i16>,
    scale: f32,
    bias: f32,
    threshold: f32,
}

impl Model {
    /// Parses a model file (see [`Model::encode`]).
    ///
    /// # Errors
    /// [`ModelError`] when the bytes are not a model of this format version.
    pub fn decode(bytes: &[u8]) -> Result<Self, ModelError> {
        if bytes.len() < HEADER_LEN || &bytes[..4] != MAGIC {
            return Err(ModelError::Format("bad magic"));
        }
        if bytes[4] != FORMAT_VERSION {
            return Err(ModelError::Format("unknown version"));
        }
        let bits = u32::from(bytes[5]);
        if !(8..=24).contains(&bits) {
            return Err(ModelError::Format("hash bits out of range"));
        }
        let f = |at: usize| f32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let (threshold, bias, scale) = (f(8), f(12), f(16));
        let body = &bytes[HEADER_LEN..];
        if body.len() != 2 << bits {
            return Err(ModelError::Format("length does not match hash bits"));
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Self {
            bits,
            weights,
            scale,
            bias,
            threshold,
        })
    }

    /// Quantises float weights (2^`bits` of them) to 16 bits and writes the model file.
    ///
    /// # Panics
    /// When `weights.len()` is not 2^`bits`.
    pub fn encode(bits: u32, weights: &[f32], bias: f32, threshold: f32) -> Vec<u8> {
        assert_eq!(weights.len(), 1 << bits, "one weight per hash slot");
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut out = Vec::with_capacity(HEADER_LEN + weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.push(bits as u8);
        out.extend_from_slice(&[0, 0]);
        for v in [threshold, bias, scale] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for w in weights {
            out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
        }
        out
    }

    /// Bits of the feature hash: features are indices below 2^bits.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Probability that a line with these features is boilerplate.
    pub fn probability(&self, features: &[u32]) -> f32 {
        let z = self.bias
            + self.scale
                * features
                    .iter()
                    .map(|&i| f32::from(self.weights[i as usize]))
                    .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Probability at or above which a line is removed.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Whether the model removes this line: it is [`eligible`] and its probability reaches
    /// the threshold.
    pub fn removes(
        &self,
        scratch: &mut FeatureScratch,
        kind: BlockKind,
        fragment: bool,
        line: &str,
    ) -> bool {
        eligible(kind, line)
            && self.probability(scratch.features(kind, fragment, line, self.bits)) >= self.threshold
    }
}

/// The model shipped in the crate (`src/filter/model.bin`), parsed on first use.
pub fn embedded() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::decode(include_bytes!("model.bin")).expect("the shipped model.bin is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_round_trips() {
        let bits = 8;
        let mut w = vec![0f32; 1 << bits];
        w[3] = 2.0;
        w[7] = -1.0;
        let m = Model::decode(&Model::encode(bits, &w, 0.5, 0.9)).unwrap();
        assert_eq!(m.bits(), bits);
        assert!((m.threshold() - 0.9).abs() < 1e-6);
        let p = m.probability(&[3, 7]);
        let expected = 1.0 / (1.0 + (-(0.5f32 + 1.0)).exp());
        assert!((p - expected).abs() < 1e-3, "{p} vs {expected}");
        assert!(Model::decode(b"CDLM").is_err());
        assert!(Model::decode(&Model::encode(bits, &w, 0.0, 0.9)[..100]).is_err());
    }

    #[test]
    fn quotations_and_other_kinds_are_not_eligible() {
        let p = BlockKind::Paragraph;
        assert!(eligible(p, "Sign up for our weekly newsletter."));
        assert!(eligible(BlockKind::ListItem, "Share on Facebook"));
        assert!(!eligible(p, "\"Subscribe now,\" she said."));
        assert!(!eligible(p, "She told us to “subscribe now” and left."));
        assert!(!eligible(p, "Il a dit « abonnez-vous » en riant."));
        assert!(!eligible(p, "He said 'sign up today' twice."));
        assert!(eligible(p, "Don't miss our newsletter."));
        assert!(!eligible(BlockKind::Quote, "Sign up for our newsletter."));
        assert!(!eligible(BlockKind::Heading(2), "Newsletter"));
        assert!(!eligible(BlockKind::Caption, "Photo: Jane Doe"));
        assert!(!eligible(p, &"word ".repeat(MAX_WORDS + 1)));
        assert!(!eligible(p, "12:30"));
        // a measured list item (an ingredient), not a counter
        assert!(!eligible(
            BlockKind::ListItem,
            "2 oranges, unpeeled and seeded"
        ));
        assert!(!eligible(BlockKind::ListItem, "½ cup milk"));
        assert!(eligible(BlockKind::ListItem, "12 Comments"));
    }

    #[test]
    fn features_are_deterministic_and_in_range() {
        let mut s = FeatureScratch::default();
        let a = s
            .features(BlockKind::Paragraph, false, "Follow us on Twitter", 16)
            .to_vec();
        let b = s
            .features(BlockKind::Paragraph, false, "Follow us on Twitter", 16)
            .to_vec();
        assert_eq!(a, b);
        assert!(a.iter().all(|&i| i < 1 << 16));
        let long = s
            .features(BlockKind::Paragraph, false, &"story ".repeat(40), 16)
            .len();
        // no character n-grams for long lines, word features capped
        assert!(long < 40 + 2 * MAX_TOKENS);
    }

    #[test]
    fn shipped_model_loads() {
        let m = embedded();
        assert!(m.threshold() > 0.5 && m.threshold() <= 1.0);
    }
}
