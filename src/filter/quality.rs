//! Document-level filters: quality heuristics (C4 / Gopher) and language identification. They
//! look at the article *after* line removal and either keep it or reject it whole.

use serde::Deserialize;

use super::{DocumentRejected, Language};
use crate::article::{Article, BlockKind};

/// Default `min_words`: Gopher's and datatrove's lower bound of 50 words. Shorter "articles" are
/// photo galleries, video pages, paywall stubs or error pages.
pub const DEFAULT_MIN_WORDS: usize = 50;
/// Default `max_non_alpha_share`: Gopher keeps documents where at least 80 % of words contain a
/// letter.
pub const DEFAULT_MAX_NON_ALPHA_SHARE: f64 = 0.2;
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

/// `[filter.quality]`: document-level quality filters. On by default: `min_words`,
/// `max_non_alpha_share`, `lorem_ipsum`, `javascript_page`. Off by default: the other Gopher
/// heuristics (`[filter.quality.gopher]`), made for web-scale LLM corpora rather than news.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QualityConfig {
    /// Reject articles with fewer words left than this (0 turns it off).
    pub min_words: usize,
    /// Reject articles where more than this share of words contain no letter (1.0 turns it off).
    /// Headings, paragraphs, list items, quotes and captions count; code and table rows don't.
    pub max_non_alpha_share: f64,
    /// Reject articles containing "lorem ipsum" placeholder text (C4).
    pub lorem_ipsum: bool,
    /// Reject "please enable JavaScript" shells: pages with such a notice and fewer than 150
    /// words of other text.
    pub javascript_page: bool,
    /// Further Gopher heuristics, off by default.
    pub gopher: GopherConfig,
}

impl Default for QualityConfig {
    fn default() -> Self {
        Self {
            min_words: DEFAULT_MIN_WORDS,
            max_non_alpha_share: DEFAULT_MAX_NON_ALPHA_SHARE,
            lorem_ipsum: true,
            javascript_page: true,
            gopher: GopherConfig::default(),
        }
    }
}

/// `[filter.quality.gopher]`: the rest of Gopher's document heuristics (datatrove
/// `GopherQualityFilter` defaults).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
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

/// whatlang's ISO 639-3 codes with their ISO 639-1 equivalents (where one exists).
const LANGUAGE_CODES: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

/// The code reported for a whatlang language: ISO 639-1 when there is one, else 639-3.
fn report_code(lang: whatlang::Lang) -> &'static str {
    let three = lang.code();
    LANGUAGE_CODES
        .iter()
        .find(|(t, _)| *t == three)
        .map_or(three, |(_, two)| two)
}

/// The ISO 639-1 (two-letter) code of an ISO 639-3 (three-letter) one, when it has one.
pub fn two_letter_code(three: &str) -> Option<String> {
    LANGUAGE_CODES
        .iter()
        .find(|(t, _)| *t == three)
        .map(|(_, two)| (*two).to_string())
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
    pub javascript: regex::Regex,
    pub lorem: regex::Regex,
}

fn counts_for_quality(kind: BlockKind) -> bool {
    !matches!(kind, BlockKind::Code | BlockKind::TableRow)
}

impl QualityRules {
    /// Checks the article after line removal. `had_javascript_notice` tells whether a
    /// `javascript_notice` line was removed from it.
    pub(crate) fn check(
        &self,
        article: &Article,
        had_javascript_notice: bool,
        language: Option<whatlang::Lang>,
    ) -> Result<(), DocumentRejected> {
        let c = &self.config;
        let words = super::article_words(article);
        if c.lorem_ipsum && article.blocks.iter().any(|b| self.lorem.is_match(&b.text)) {
            return Err(DocumentRejected::LoremIpsum);
        }
        if c.javascript_page && words < JAVASCRIPT_PAGE_MAX_WORDS {
            let notice = had_javascript_notice
                || article
                    .blocks
                    .iter()
                    .any(|b| self.javascript.is_match(&b.text));
            if notice {
                return Err(DocumentRejected::JavascriptPage {
                    words,
                    max: JAVASCRIPT_PAGE_MAX_WORDS,
                });
            }
        }
        if words < c.min_words {
            return Err(DocumentRejected::TooFewWords {
                words,
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
    use super::*;

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
