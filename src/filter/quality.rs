//! Document-level filters: quality heuristics (C4 / Gopher) and language identification. They
//! look at the article *after* line removal and either keep it or reject it whole.

use serde::Deserialize;

use super::{DocumentRejected, Language};
use crate::article::{Article, BlockKind, LANGUAGE_CODES, report_code};
use crate::latin::LatinRegex;

/// Default `min_words`: a page with fewer words left has no content to speak of (an error
/// page, an empty shell, a photo or video page with a caption); a short news item of two or
/// three sentences is longer.
pub const DEFAULT_MIN_WORDS: usize = 25;
/// `min_words` of the `dataset` preset: Gopher's and datatrove's lower bound of 50 words.
pub const DATASET_MIN_WORDS: usize = 50;
/// `max_non_alpha_share` of the `dataset` preset: Gopher keeps documents where at least 80 %
/// of words contain a letter. Off by default: score tables and league tables are content.
pub const DATASET_MAX_NON_ALPHA_SHARE: f64 = 0.2;
/// A page that shows a "please enable JavaScript" notice and has fewer words than this left is
/// a script-only shell, not an article.
pub const JAVASCRIPT_PAGE_MAX_WORDS: usize = 150;
/// Gopher: at most 100 000 words.
pub const DEFAULT_GOPHER_MAX_WORDS: usize = 100_000;
/// Gopher: mean word length between 3 and 10 characters.
pub const DEFAULT_GOPHER_MIN_MEAN_WORD_LENGTH: f64 = 3.0;
/// See [`DEFAULT_GOPHER_MIN_MEAN_WORD_LENGTH`].
pub const DEFAULT_GOPHER_MAX_MEAN_WORD_LENGTH: f64 = 10.0;
/// Gopher: at most 0.1 `#` or `...` per word.
pub const DEFAULT_GOPHER_MAX_SYMBOL_WORD_RATIO: f64 = 0.1;
/// Gopher: at most 90 % of lines start with a bullet.
pub const DEFAULT_GOPHER_MAX_BULLET_LINES_SHARE: f64 = 0.9;
/// Gopher: at most 30 % of lines end with an ellipsis.
pub const DEFAULT_GOPHER_MAX_ELLIPSIS_LINES_SHARE: f64 = 0.3;
/// Gopher: at least 2 stop words (English list `the be to of and that have with`; here one list
/// per supported language, used when the language is detected).
pub const DEFAULT_GOPHER_MIN_STOP_WORDS: usize = 2;
/// Default `language.min_confidence`: whatlang's confidence below which the language counts as
/// unknown. Articles of a few sentences in a well-covered language reach 0.9 and more.
pub const DEFAULT_LANGUAGE_MIN_CONFIDENCE: f64 = 0.5;
/// Bytes of kept text handed to whatlang. Its trigram model settles long before this (a few
/// sentences), and detection is the costliest step of `apply` (about a third of its time at
/// 4096), so the cap keeps it flat for long pages.
pub const LANGUAGE_SAMPLE_CHARS: usize = 2048;

/// `[filter.quality] preset`: the values the other `[filter.quality]` keys (and
/// `[filter.dedup] near`) take when they are not set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityPreset {
    /// Reject a page only when it has no content: under `min_words` (25) words found by the
    /// extractor (a "please enable JavaScript" shell among them), or a language the config
    /// excludes.
    #[default]
    Content,
    /// For dataset building: also the Gopher thresholds (non-alphabetic share, word length,
    /// symbol ratio, bullet and ellipsis lines, stop words, maximum size), lorem-ipsum
    /// placeholders, JavaScript notices with under 150 words of other text, at least 50
    /// words, and near-duplicate removal.
    Dataset,
}

/// `[filter.quality]`: document-level quality filters. Every key left unset takes its value
/// from `preset` (see [`QualityPreset`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "QualityToml")]
pub struct QualityConfig {
    /// The preset the unset keys came from.
    pub preset: QualityPreset,
    /// Reject articles with fewer words than this (0 turns it off): words found by the
    /// extractor with the `content` preset, words left after line removal with `dataset`.
    pub min_words: usize,
    /// Reject articles where more than this share of words contain no letter (1.0 turns it off).
    /// Headings, paragraphs, list items, quotes and captions count; code and table rows don't.
    pub max_non_alpha_share: f64,
    /// Reject articles containing "lorem ipsum" placeholder text (C4).
    pub lorem_ipsum: bool,
    /// Reject "please enable JavaScript" shells: pages with such a notice and fewer than 150
    /// words of other text (`dataset` preset).
    pub javascript_page: bool,
    /// Further Gopher heuristics (`enabled` by the `dataset` preset).
    pub gopher: GopherConfig,
}

impl QualityConfig {
    /// The values of a preset.
    pub fn preset(preset: QualityPreset) -> Self {
        let dataset = preset == QualityPreset::Dataset;
        Self {
            preset,
            min_words: if dataset {
                DATASET_MIN_WORDS
            } else {
                DEFAULT_MIN_WORDS
            },
            max_non_alpha_share: if dataset {
                DATASET_MAX_NON_ALPHA_SHARE
            } else {
                1.0
            },
            lorem_ipsum: dataset,
            javascript_page: dataset,
            gopher: GopherConfig {
                enabled: dataset,
                ..GopherConfig::default()
            },
        }
    }
}

impl Default for QualityConfig {
    fn default() -> Self {
        Self::preset(QualityPreset::default())
    }
}

/// `[filter.quality]` as written: unset keys are `None` until the preset fills them.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct QualityToml {
    preset: QualityPreset,
    min_words: Option<usize>,
    max_non_alpha_share: Option<f64>,
    lorem_ipsum: Option<bool>,
    javascript_page: Option<bool>,
    gopher: GopherToml,
}

/// `[filter.quality.gopher]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct GopherToml {
    enabled: Option<bool>,
    max_words: Option<usize>,
    min_mean_word_length: Option<f64>,
    max_mean_word_length: Option<f64>,
    max_symbol_word_ratio: Option<f64>,
    max_bullet_lines_share: Option<f64>,
    max_ellipsis_lines_share: Option<f64>,
    min_stop_words: Option<usize>,
}

impl From<QualityToml> for QualityConfig {
    fn from(t: QualityToml) -> Self {
        let p = Self::preset(t.preset);
        let (g, pg) = (t.gopher, p.gopher);
        Self {
            preset: t.preset,
            min_words: t.min_words.unwrap_or(p.min_words),
            max_non_alpha_share: t.max_non_alpha_share.unwrap_or(p.max_non_alpha_share),
            lorem_ipsum: t.lorem_ipsum.unwrap_or(p.lorem_ipsum),
            javascript_page: t.javascript_page.unwrap_or(p.javascript_page),
            gopher: GopherConfig {
                enabled: g.enabled.unwrap_or(pg.enabled),
                max_words: g.max_words.unwrap_or(pg.max_words),
                min_mean_word_length: g.min_mean_word_length.unwrap_or(pg.min_mean_word_length),
                max_mean_word_length: g.max_mean_word_length.unwrap_or(pg.max_mean_word_length),
                max_symbol_word_ratio: g.max_symbol_word_ratio.unwrap_or(pg.max_symbol_word_ratio),
                max_bullet_lines_share: g
                    .max_bullet_lines_share
                    .unwrap_or(pg.max_bullet_lines_share),
                max_ellipsis_lines_share: g
                    .max_ellipsis_lines_share
                    .unwrap_or(pg.max_ellipsis_lines_share),
                min_stop_words: g.min_stop_words.unwrap_or(pg.min_stop_words),
            },
        }
    }
}

/// `[filter.quality.gopher]`: the rest of Gopher's document heuristics (datatrove
/// `GopherQualityFilter` defaults). Not deserialized itself: [`QualityConfig`] reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GopherConfig {
    /// Turn these heuristics on.
    pub enabled: bool,
    /// Reject articles with more words than this.
    pub max_words: usize,
    /// Reject articles whose mean word length (letters and digits) is below this.
    pub min_mean_word_length: f64,
    /// Reject articles whose mean word length is above this.
    pub max_mean_word_length: f64,
    /// Reject articles with more `#` and `...`/`…` per word than this.
    pub max_symbol_word_ratio: f64,
    /// Reject articles where more than this share of blocks start with a bullet (`•`, `-`, `*`).
    pub max_bullet_lines_share: f64,
    /// Reject articles where more than this share of blocks end with `...` or `…`.
    pub max_ellipsis_lines_share: f64,
    /// Reject articles with fewer stop words than this; checked only when the detected language
    /// is English, German, French or Spanish.
    pub min_stop_words: usize,
}

impl Default for GopherConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            max_words: DEFAULT_GOPHER_MAX_WORDS,
            min_mean_word_length: DEFAULT_GOPHER_MIN_MEAN_WORD_LENGTH,
            max_mean_word_length: DEFAULT_GOPHER_MAX_MEAN_WORD_LENGTH,
            max_symbol_word_ratio: DEFAULT_GOPHER_MAX_SYMBOL_WORD_RATIO,
            max_bullet_lines_share: DEFAULT_GOPHER_MAX_BULLET_LINES_SHARE,
            max_ellipsis_lines_share: DEFAULT_GOPHER_MAX_ELLIPSIS_LINES_SHARE,
            min_stop_words: DEFAULT_GOPHER_MIN_STOP_WORDS,
        }
    }
}

/// `[filter.language]`: language identification (whatlang) and an optional allowlist.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LanguageConfig {
    /// Detect the language of the kept text and put it, with whatlang's confidence, in the
    /// report.
    pub detect: bool,
    /// Languages to keep, as ISO 639-1 (`"en"`) or 639-3 (`"eng"`) codes. Empty keeps all.
    pub allow: Vec<String>,
    /// Below this confidence (0.0-1.0) the language counts as unknown: not reported as a
    /// match and not rejected by `allow` unless `reject_unknown` is set.
    pub min_confidence: f64,
    /// With a non-empty `allow`, also reject articles whose language is unknown.
    pub reject_unknown: bool,
}

impl Default for LanguageConfig {
    fn default() -> Self {
        Self {
            detect: true,
            allow: Vec::new(),
            min_confidence: DEFAULT_LANGUAGE_MIN_CONFIDENCE,
            reject_unknown: false,
        }
    }
}

/// Resolves an allowlist entry to a whatlang language.
pub(crate) fn parse_language_code(code: &str) -> Option<whatlang::Lang> {
    let c = code.trim().to_ascii_lowercase();
    let three = LANGUAGE_CODES
        .iter()
        .find(|(_, two)| *two == c)
        .map_or(c.as_str(), |(t, _)| t);
    whatlang::Lang::from_code(three)
}

/// Compiled `[filter.language]`.
#[derive(Debug, Clone)]
pub(crate) struct LanguageRules {
    pub detect: bool,
    pub allow: Vec<whatlang::Lang>,
    pub min_confidence: f64,
    pub reject_unknown: bool,
}

impl LanguageRules {
    /// Detects the language of the article's text (without code blocks).
    pub(crate) fn detect(&self, article: &Article) -> Option<(whatlang::Lang, Language)> {
        if !self.detect && self.allow.is_empty() {
            return None;
        }
        let mut sample = String::new();
        for b in &article.blocks {
            if b.kind == BlockKind::Code {
                continue;
            }
            if !sample.is_empty() {
                sample.push('\n');
            }
            sample.push_str(&b.text);
            if sample.len() >= LANGUAGE_SAMPLE_CHARS {
                break;
            }
        }
        if sample.len() > LANGUAGE_SAMPLE_CHARS {
            let mut end = LANGUAGE_SAMPLE_CHARS;
            while !sample.is_char_boundary(end) {
                end -= 1;
            }
            sample.truncate(end);
        }
        let info = whatlang::detect(&sample)?;
        Some((
            info.lang(),
            Language {
                code: report_code(info.lang()).to_owned(),
                confidence: info.confidence(),
            },
        ))
    }

    /// Applies the allowlist to a detection result.
    pub(crate) fn check(
        &self,
        detected: Option<&(whatlang::Lang, Language)>,
    ) -> Result<(), DocumentRejected> {
        if self.allow.is_empty() {
            return Ok(());
        }
        let allowed: Vec<String> = self
            .allow
            .iter()
            .map(|l| report_code(*l).to_owned())
            .collect();
        match detected {
            Some((lang, info)) if info.confidence >= self.min_confidence => {
                if self.allow.contains(lang) {
                    Ok(())
                } else {
                    Err(DocumentRejected::LanguageNotAllowed {
                        language: info.code.clone(),
                        confidence: info.confidence,
                        allowed,
                    })
                }
            }
            other if self.reject_unknown => Err(DocumentRejected::LanguageUnknown {
                confidence: other.map_or(0.0, |(_, i)| i.confidence),
                min_confidence: self.min_confidence,
            }),
            _ => Ok(()),
        }
    }
}

/// Stop words per language for Gopher's stop-word test: English is Gopher's own list, the others
/// are the most frequent function words of each language.
fn stop_words(lang: whatlang::Lang) -> Option<&'static [&'static str]> {
    use whatlang::Lang;
    Some(match lang {
        Lang::Eng => &["the", "be", "to", "of", "and", "that", "have", "with"],
        Lang::Deu => &[
            "der", "die", "das", "und", "zu", "von", "mit", "ist", "nicht", "sich",
        ],
        Lang::Fra => &[
            "le", "la", "les", "de", "et", "que", "des", "est", "pour", "dans",
        ],
        Lang::Spa => &[
            "el", "la", "de", "que", "y", "en", "los", "es", "por", "las",
        ],
        _ => return None,
    })
}

/// Compiled `[filter.quality]`.
#[derive(Debug, Clone)]
pub(crate) struct QualityRules {
    pub config: QualityConfig,
    pub javascript: LatinRegex,
    /// Compiled on first use: only the opt-in dataset preset asks it.
    pub lorem: LatinRegex,
}

fn counts_for_quality(kind: BlockKind) -> bool {
    !matches!(kind, BlockKind::Code | BlockKind::TableRow)
}

impl QualityRules {
    /// Checks the article after line removal. `had_javascript_notice` tells whether a
    /// `javascript_notice` line was removed from it.
    /// `words_in` is the article's word count before line removal: the `content` preset
    /// judges by it whether the page had content (what the line rules took out of a page
    /// with text is listed in the report, and the rest is kept); the `dataset` preset judges
    /// the text that is left, `words` words (`article_words` of `article`).
    pub(crate) fn check(
        &self,
        article: &Article,
        (words_in, words): (usize, usize),
        had_javascript_notice: bool,
        language: Option<whatlang::Lang>,
    ) -> Result<(), DocumentRejected> {
        let c = &self.config;
        let content_words = match c.preset {
            QualityPreset::Content => words_in.max(words),
            QualityPreset::Dataset => words,
        };
        if c.lorem_ipsum && article.blocks.iter().any(|b| self.lorem.is_match(&b.text)) {
            return Err(DocumentRejected::LoremIpsum);
        }
        if c.javascript_page && words < JAVASCRIPT_PAGE_MAX_WORDS {
            let notice = had_javascript_notice
                || article
                    .blocks
                    .iter()
                    .any(|b| self.javascript.get(&b.text).is_match(&b.text));
            if notice {
                return Err(DocumentRejected::JavascriptPage {
                    words,
                    max: JAVASCRIPT_PAGE_MAX_WORDS,
                });
            }
        }
        if content_words < c.min_words {
            return Err(DocumentRejected::TooFewWords {
                words: content_words,
                min: c.min_words,
            });
        }
        let prose_words = || {
            article
                .blocks
                .iter()
                .filter(|b| counts_for_quality(b.kind))
                .flat_map(|b| b.text.split_whitespace())
        };
        if c.max_non_alpha_share < 1.0 {
            let (mut total, mut non_alpha) = (0usize, 0usize);
            for w in prose_words() {
                total += 1;
                non_alpha += usize::from(!w.chars().any(char::is_alphabetic));
            }
            let share = non_alpha as f64 / total.max(1) as f64;
            if share > c.max_non_alpha_share {
                return Err(DocumentRejected::NonAlphaShare {
                    share,
                    max: c.max_non_alpha_share,
                });
            }
        }
        if c.gopher.enabled {
            let words: Vec<&str> = prose_words().collect();
            self.check_gopher(article, &words, language)?;
        }
        Ok(())
    }

    fn check_gopher(
        &self,
        article: &Article,
        words: &[&str],
        language: Option<whatlang::Lang>,
    ) -> Result<(), DocumentRejected> {
        let g = &self.config.gopher;
        let n = words.len();
        if n > g.max_words {
            return Err(DocumentRejected::TooManyWords {
                words: n,
                max: g.max_words,
            });
        }
        if n == 0 {
            return Ok(());
        }
        let letters: usize = words
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        let mean = letters as f64 / n as f64;
        if mean < g.min_mean_word_length || mean > g.max_mean_word_length {
            return Err(DocumentRejected::MeanWordLength {
                mean,
                min: g.min_mean_word_length,
                max: g.max_mean_word_length,
            });
        }
        let symbols: usize = words
            .iter()
            .map(|w| w.matches('#').count() + w.matches("...").count() + w.matches('…').count())
            .sum();
        let ratio = symbols as f64 / n as f64;
        if ratio > g.max_symbol_word_ratio {
            return Err(DocumentRejected::SymbolWordRatio {
                ratio,
                max: g.max_symbol_word_ratio,
            });
        }
        let lines: Vec<&str> = article
            .blocks
            .iter()
            .filter(|b| counts_for_quality(b.kind))
            .map(|b| b.text.trim())
            .collect();
        if !lines.is_empty() {
            let total = lines.len() as f64;
            let bullets = lines
                .iter()
                .filter(|l| l.starts_with(['•', '-', '*', '·', '‣', '▪']))
                .count() as f64;
            if bullets / total > g.max_bullet_lines_share {
                return Err(DocumentRejected::BulletLines {
                    share: bullets / total,
                    max: g.max_bullet_lines_share,
                });
            }
            let ellipsis = lines
                .iter()
                .filter(|l| l.ends_with("...") || l.ends_with('…'))
                .count() as f64;
            if ellipsis / total > g.max_ellipsis_lines_share {
                return Err(DocumentRejected::EllipsisLines {
                    share: ellipsis / total,
                    max: g.max_ellipsis_lines_share,
                });
            }
        }
        if let Some(list) = language.and_then(stop_words) {
            let found = words
                .iter()
                .filter(|w| {
                    let bare = w
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase();
                    list.contains(&bare.as_str())
                })
                .take(g.min_stop_words)
                .count();
            if found < g.min_stop_words {
                return Err(DocumentRejected::StopWords {
                    found,
                    min: g.min_stop_words,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::article::Block;
    use crate::filter::{Filter, FilterConfig};

    fn filter(toml_text: &str) -> Filter {
        toml::from_str::<FilterConfig>(toml_text)
            .unwrap()
            .build(Path::new("."))
            .unwrap()
    }

    fn article(kind: BlockKind, lines: &[String]) -> Article {
        Article {
            blocks: lines.iter().map(|l| Block::new(kind, l.as_str())).collect(),
            ..Article::default()
        }
    }

    /// A local news item of 40 words: two short paragraphs.
    fn short_news() -> Article {
        article(
            BlockKind::Paragraph,
            &[
                "The county library on Main Street will close at noon on Friday so that \
                 workers can repair a leaking roof above the reading room."
                    .to_owned(),
                "Books due that day can be returned on Monday without a fine, \
                 the head librarian said."
                    .to_owned(),
            ],
        )
    }

    /// A high-school sports round-up: a line of prose, then result lines that are mostly
    /// scores.
    fn sports_roundup() -> Article {
        let mut lines = vec![
            "Friday's results from the county league, with the standings after week 6.".to_owned(),
        ];
        for i in 0..12 {
            lines.push(format!(
                "Central {} 7 14 0 3 {}, Northside {} 0 7 6 0 13",
                i + 20,
                24 + i,
                i + 30
            ));
        }
        article(BlockKind::Paragraph, &lines)
    }

    /// An RFC-like document of about 6,000 words: a long table of contents with spaced dot
    /// leaders (the RFC layout), then the sections.
    fn rfc_like() -> Article {
        let leader = ". ".repeat(20);
        let mut lines: Vec<String> = (1..=120)
            .map(|i| format!("{i}. Section {i} {leader}{}", i / 4 + 3))
            .collect();
        for i in 0..100 {
            lines.push(format!(
                "{i}.1 The client MUST send the request header before the body, and the \
                 server SHOULD reject a request whose length field does not match the \
                 number of octets that follow it."
            ));
        }
        article(BlockKind::Paragraph, &lines)
    }

    #[test]
    fn content_preset_keeps_short_news_score_tables_and_long_documents() {
        let content = filter("");
        for (name, mut a) in [
            ("short news", short_news()),
            ("sports round-up", sports_roundup()),
            ("rfc", rfc_like()),
        ] {
            assert!(content.apply(&mut a, None).is_ok(), "{name}");
        }
        // Under 25 words is still no content.
        let mut stub = article(
            BlockKind::Paragraph,
            &["Photo gallery: the flood.".to_owned()],
        );
        let err = content.apply(&mut stub, None).unwrap_err();
        assert_eq!(err.rule(), "quality.min_words");
    }

    #[test]
    fn dataset_preset_rejects_them_by_its_thresholds() {
        let dataset = filter("[quality]\npreset = \"dataset\"\n");
        let rule = |mut a: Article| dataset.apply(&mut a, None).unwrap_err().rule();
        assert_eq!(rule(short_news()), "quality.min_words");
        assert_eq!(rule(sports_roundup()), "quality.max_non_alpha_share");
        assert_eq!(rule(rfc_like()), "quality.max_non_alpha_share");
    }

    #[test]
    fn preset_fills_only_the_keys_left_unset() {
        let c: FilterConfig = toml::from_str(
            "[quality]\npreset = \"dataset\"\nmin_words = 10\n[dedup]\nnear = false\n",
        )
        .unwrap();
        assert_eq!(c.quality.min_words, 10);
        assert_eq!(c.quality.max_non_alpha_share, DATASET_MAX_NON_ALPHA_SHARE);
        assert!(c.quality.lorem_ipsum && c.quality.gopher.enabled);
        assert_eq!(c.dedup.near, Some(false));
        let d = FilterConfig::default();
        assert_eq!(d.quality.preset, QualityPreset::Content);
        assert_eq!(d.quality.min_words, DEFAULT_MIN_WORDS);
        assert!(!d.quality.lorem_ipsum && !d.quality.gopher.enabled);
        assert!(toml::from_str::<FilterConfig>("[quality]\npreset = \"strict\"\n").is_err());
        assert!(toml::from_str::<FilterConfig>("[quality.gopher]\nenable = true\n").is_err());
    }

    #[test]
    fn language_codes_resolve_both_forms() {
        assert_eq!(parse_language_code("en"), Some(whatlang::Lang::Eng));
        assert_eq!(parse_language_code("DEU"), Some(whatlang::Lang::Deu));
        assert_eq!(parse_language_code("xx"), None);
        for l in whatlang::Lang::all() {
            let code = report_code(*l);
            assert_eq!(parse_language_code(code), Some(*l), "{code}");
        }
    }
}
