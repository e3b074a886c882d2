//! Filter stage: [`Article`] in, the same article with boilerplate blocks removed out, plus a
//! [`FilterReport`] naming the rule behind every removal, or a [`DocumentRejected`] when the whole
//! document should go.
//!
//! # Overview
//! - [`FilterConfig`] is the `[filter]` table of pipeline.toml as written (serde);
//!   [`FilterConfig::build`] compiles it once into a [`Filter`] (a regex per pattern, one
//!   Aho-Corasick automaton, site profiles) or returns every config error at once.
//! - [`Filter::apply`] runs, in order: line rules (built-in groups from `rules.rs` and
//!   `[[filter.rules]]`), site-profile lines, repeated blocks, inline headlines; then language
//!   identification and document quality checks.
//! - [`Filter::audit`] does the same but returns the report even for a rejected document;
//!   [`explain`] and [`explain_audit`] render either for `copydesk explain`.
//! - [`learn`] builds [`SiteProfiles`] from a sample of pages (`copydesk learn`).
//! - [`DedupIndex`] holds cross-document state for exact and near deduplication; the pipeline
//!   owns it.
//!
//! # Invariants
//! `apply` is pure and deterministic (no clock, environment or global state), never adds blocks
//! or reorders them, edits a block only by cutting a trailing credit off it (`caption_credit`,
//! reported like a removal), and is idempotent: applying it to its own output removes nothing
//! more.

mod bios;
mod buttons;
mod cues;
mod dedup;
mod engine;
mod gate_table;
mod gates;
pub mod learned;
mod profile;
mod quality;
mod rules;
mod shapes;
mod text;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use crate::article::two_letter_code;
pub use dedup::{DedupConfig, DedupIndex, DuplicateKind, DuplicateOf};
pub use profile::{HostProfile, PROFILE_FORMAT_VERSION, ProfileError, SiteProfiles, learn};
pub use quality::{GopherConfig, LanguageConfig, QualityConfig, QualityPreset};
pub use rules::{Action, Position};

use crate::article::{Article, Block, BlockKind};
use crate::latin::LatinRegex;
use engine::{CompiledRule, GatedRegex, HostPattern, LineEngine, PassOptions, RuleSource};
use rules::{Group, LINE_RULES};

/// Default `max_words` of a user rule: rules that match phrases should only touch short lines,
/// or they start deleting story sentences that mention the phrase.
pub const DEFAULT_USER_RULE_MAX_WORDS: usize = 25;
/// Default `site_profiles.min_pages`.
pub const DEFAULT_PROFILE_MIN_PAGES: usize = 5;
/// Default `site_profiles.min_share`: half of a host's pages. Template lines (footers, promo
/// boxes) are on nearly every page; a quotation or a stock phrase is on far fewer.
pub const DEFAULT_PROFILE_MIN_SHARE: f64 = 0.5;

/// `[filter]` in pipeline.toml. Every field defaults through its own type's `Default`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilterConfig {
    /// Built-in rule groups to run (all on by default).
    pub builtin: BuiltinConfig,
    /// Names of built-in rules to turn off, e.g. `["byline", "inline_headline"]`.
    pub disable: Vec<String>,
    /// Extra line rules, `[[filter.rules]]`, tried after the built-in ones.
    pub rules: Vec<RuleConfig>,
    /// Site-level repetition: `[filter.site_profiles]`.
    pub site_profiles: SiteProfilesConfig,
    /// Document quality filters: `[filter.quality]`.
    pub quality: QualityConfig,
    /// Language identification and allowlist: `[filter.language]`.
    pub language: LanguageConfig,
    /// Duplicate documents across a run: `[filter.dedup]`.
    pub dedup: DedupConfig,
    /// Records carry the removed lines with their rule names (for audits and `explain`).
    pub keep_removed: bool,
}

/// `[filter.builtin]`: one switch per group of built-in rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BuiltinConfig {
    /// `photo_credit`, `wire_credit`.
    pub credits: bool,
    /// `reading_time`, `rating`, `listen_prompt`, `byline` (head only), `timestamp`.
    pub meta: bool,
    /// `read_more`, `related_teaser`, `newsletter`, `subscribe_prompt` and `tip_prompt` (both
    /// head and tail only).
    pub promotion: bool,
    /// `share_prompt`, `social_counter`.
    pub social: bool,
    /// `advertisement`, `affiliate_disclosure`, `mixed_script`.
    pub ads: bool,
    /// `cookie_notice`, `copyright_footer`, `javascript_notice`, `originally_appeared`,
    /// `press_release`, `disclaimer`.
    pub legal: bool,
    /// `comment_prompt`.
    pub comments: bool,
    /// `navigation` (tag lists, breadcrumbs, "back to top"), `recipe_ui`.
    pub navigation: bool,
    /// `inline_headline`, `duplicate_block`, `edge_label`, `teaser_rail`, `title_repeat`,
    /// `symbol_line`, `server_error`.
    pub structure: bool,
    /// `learned_boilerplate`: the line model trained on the gold datasets (see
    /// `filter::learned`), a second opinion on short paragraphs and list items the rules keep.
    pub learned: bool,
}

impl Default for BuiltinConfig {
    fn default() -> Self {
        Self {
            credits: true,
            meta: true,
            promotion: true,
            social: true,
            ads: true,
            legal: true,
            comments: true,
            navigation: true,
            structure: true,
            learned: true,
        }
    }
}

impl BuiltinConfig {
    fn is_on(&self, group: Group) -> bool {
        match group {
            Group::Credits => self.credits,
            Group::Meta => self.meta,
            Group::Promotion => self.promotion,
            Group::Social => self.social,
            Group::Ads => self.ads,
            Group::Legal => self.legal,
            Group::Comments => self.comments,
            Group::Navigation => self.navigation,
            Group::Structure => self.structure,
        }
    }
}

/// One `[[filter.rules]]` entry: drop blocks that match a regex or contain a phrase.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// Name reported on each removal; must differ from built-in and other rule names.
    pub name: String,
    /// Regex (regex crate syntax), matched case-insensitively against the trimmed block text.
    /// Set exactly one of `pattern` and `phrase`.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Text the block must contain, compared case-insensitively with whitespace collapsed.
    #[serde(default)]
    pub phrase: Option<String>,
    /// Hosts the rule applies to: `"example.com"` (and its subdomains), `"*.example.com"`
    /// (subdomains only) or `"*"`. Empty: every page.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// `anywhere` (default), `head`, `tail`, `edges` (head or tail) or `between_paragraphs`.
    #[serde(default)]
    pub position: Position,
    /// `drop_line` (default) or `drop_to_end` (this block and all after it; needs
    /// `position = "tail"`).
    #[serde(default)]
    pub action: Action,
    /// Blocks with more words are left alone (default 25).
    #[serde(default = "default_user_max_words")]
    pub max_words: usize,
}

fn default_user_max_words() -> usize {
    DEFAULT_USER_RULE_MAX_WORDS
}

/// `[filter.site_profiles]`: drop lines learnt as repeated on a host (`copydesk learn`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteProfilesConfig {
    /// Profiles file written by `copydesk learn`, relative to the config file. Unset: off.
    pub path: Option<PathBuf>,
    /// A line is dropped only if it was seen on at least this many pages of the host.
    pub min_pages: usize,
    /// ... and on at least this share (0.0-1.0) of the host's pages.
    pub min_share: f64,
}

impl Default for SiteProfilesConfig {
    fn default() -> Self {
        Self {
            path: None,
            min_pages: DEFAULT_PROFILE_MIN_PAGES,
            min_share: DEFAULT_PROFILE_MIN_SHARE,
        }
    }
}

/// A semantic error in `[filter]`, naming the key path and the bad value.
#[derive(Debug, Error)]
pub enum FilterConfigError {
    /// A regex does not compile.
    #[error("{path}: invalid regex {pattern:?}")]
    InvalidRegex {
        /// Key path, e.g. `filter.rules[2].pattern`.
        path: String,
        /// The regex as written.
        pattern: String,
        /// The regex crate's explanation.
        #[source]
        source: Box<regex::Error>,
    },
    /// `filter.disable` names no built-in rule.
    #[error("{path}: unknown built-in rule {name:?}")]
    UnknownRule {
        /// Key path.
        path: String,
        /// The name as written.
        name: String,
    },
    /// Two rules share a name, or a user rule takes a built-in name.
    #[error("{path}: rule name {name:?} is already used")]
    DuplicateRuleName {
        /// Key path.
        path: String,
        /// The name as written.
        name: String,
    },
    /// A rule name is empty.
    #[error("{path}: rule name is empty")]
    EmptyRuleName {
        /// Key path.
        path: String,
    },
    /// A user rule sets both or neither of `pattern` and `phrase`, or an empty phrase.
    #[error("{path}: set exactly one of `pattern` or a non-empty `phrase`")]
    Matcher {
        /// Key path of the rule.
        path: String,
    },
    /// A `hosts` entry is not a host name, `*.host` or `*`.
    #[error(
        "{path}: invalid host pattern {pattern:?}, expected \"example.com\", \"*.example.com\" or \"*\""
    )]
    InvalidHost {
        /// Key path.
        path: String,
        /// The pattern as written.
        pattern: String,
    },
    /// `drop_to_end` outside the tail.
    #[error("{path}: action \"drop_to_end\" needs position \"tail\", not {position:?}")]
    DropToEndPosition {
        /// Key path.
        path: String,
        /// The position as written.
        position: &'static str,
    },
    /// A number is outside its range.
    #[error("{path}: {value} is out of range, expected {expected}")]
    OutOfRange {
        /// Key path.
        path: String,
        /// The value as written.
        value: f64,
        /// The allowed range, in words.
        expected: &'static str,
    },
    /// A language code is not known to the language identifier.
    #[error("{path}: unknown language code {code:?}")]
    UnknownLanguage {
        /// Key path.
        path: String,
        /// The code as written.
        code: String,
    },
    /// The site profiles file could not be loaded.
    #[error("filter.site_profiles.path: cannot load {}", path.display())]
    Profiles {
        /// The resolved file path.
        path: PathBuf,
        /// Why.
        #[source]
        source: ProfileError,
    },
    /// The combined regex set is too big to compile.
    #[error("filter.rules: the rule set is too large to compile")]
    RuleSetTooLarge(#[source] Box<regex::Error>),
}

/// One removed block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// Name of the rule that removed it (`photo_credit`, `site_profile`, a user rule's name, ...).
    pub rule: Cow<'static, str>,
    /// Index of the block in the article as it came in.
    pub index: usize,
    /// The block's kind.
    pub kind: BlockKind,
    /// The removed text: the whole block, or for a trim the part cut off.
    pub text: String,
    /// True when only `text` was cut from the block and the rest of it kept (a caption's
    /// trailing credit).
    pub trimmed: bool,
}

/// Detected language of the kept text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-1 code where one exists (`"en"`), else ISO 639-3.
    pub code: String,
    /// whatlang's confidence, 0.0-1.0.
    pub confidence: f64,
}

/// What [`Filter::apply`] did to an article it kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FilterReport {
    /// Removed blocks, in article order.
    pub removed: Vec<Removed>,
    /// Detected language, when detection is on and whatlang found one.
    pub language: Option<Language>,
    /// Blocks before filtering.
    pub blocks_in: usize,
    /// Words before filtering.
    pub words_in: usize,
    /// Words after filtering.
    pub words_out: usize,
}

impl FilterReport {
    /// Removal counts per rule, sorted by rule name.
    pub fn counts(&self) -> Vec<(&str, usize)> {
        let mut m: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for r in &self.removed {
            *m.entry(r.rule.as_ref()).or_default() += 1;
        }
        m.into_iter().collect()
    }
}

/// The result of [`Filter::audit`]: what was removed, and whether the document is rejected.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// Removed blocks, language, word counts.
    pub report: FilterReport,
    /// The rejection, if a document-level check failed.
    pub rejected: Option<DocumentRejected>,
}

/// Why a whole document was rejected. `Display` names the config key and the measured value,
/// e.g. `quality.min_words: 12 words < 50`.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DocumentRejected {
    /// Fewer words left than `quality.min_words`.
    #[error("quality.min_words: {words} words < {min}")]
    TooFewWords {
        /// Words left.
        words: usize,
        /// Threshold.
        min: usize,
    },
    /// Too many words without a letter.
    #[error("quality.max_non_alpha_share: {share:.2} of words have no letter > {max:.2}")]
    NonAlphaShare {
        /// Measured share.
        share: f64,
        /// Threshold.
        max: f64,
    },
    /// Placeholder text.
    #[error("quality.lorem_ipsum: placeholder text \"lorem ipsum\" found")]
    LoremIpsum,
    /// A "please enable JavaScript" shell.
    #[error("quality.javascript_page: JavaScript notice with {words} words of text < {max}")]
    JavascriptPage {
        /// Words left.
        words: usize,
        /// Limit under which a notice rejects the page.
        max: usize,
    },
    /// More words than Gopher's maximum.
    #[error("quality.gopher.max_words: {words} words > {max}")]
    TooManyWords {
        /// Words.
        words: usize,
        /// Threshold.
        max: usize,
    },
    /// Mean word length outside Gopher's range.
    #[error("quality.gopher.mean_word_length: {mean:.2} outside {min}..={max}")]
    MeanWordLength {
        /// Measured mean.
        mean: f64,
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Too many `#` / ellipses per word.
    #[error("quality.gopher.max_symbol_word_ratio: {ratio:.3} > {max}")]
    SymbolWordRatio {
        /// Measured ratio.
        ratio: f64,
        /// Threshold.
        max: f64,
    },
    /// Too many bullet lines.
    #[error("quality.gopher.max_bullet_lines_share: {share:.2} > {max}")]
    BulletLines {
        /// Measured share.
        share: f64,
        /// Threshold.
        max: f64,
    },
    /// Too many lines ending in an ellipsis.
    #[error("quality.gopher.max_ellipsis_lines_share: {share:.2} > {max}")]
    EllipsisLines {
        /// Measured share.
        share: f64,
        /// Threshold.
        max: f64,
    },
    /// Too few stop words.
    #[error("quality.gopher.min_stop_words: {found} stop words < {min}")]
    StopWords {
        /// Stop words found (counting stops at `min`).
        found: usize,
        /// Threshold.
        min: usize,
    },
    /// Detected language not in the allowlist.
    #[error("language.allow: detected {language:?} ({confidence:.2}) not in {allowed:?}")]
    LanguageNotAllowed {
        /// Detected code.
        language: String,
        /// whatlang's confidence.
        confidence: f64,
        /// The allowlist, as codes.
        allowed: Vec<String>,
    },
    /// Language unknown while `reject_unknown` is set.
    #[error("language.reject_unknown: confidence {confidence:.2} < {min_confidence}")]
    LanguageUnknown {
        /// Best confidence (0 when nothing was detected).
        confidence: f64,
        /// Threshold.
        min_confidence: f64,
    },
    /// Duplicate of an earlier record (from [`DedupIndex::check_and_insert`]).
    #[error("{}", describe_duplicate(.0))]
    Duplicate(DuplicateOf),
}

fn describe_duplicate(d: &DuplicateOf) -> String {
    match d.kind {
        DuplicateKind::Exact => format!("dedup.exact: same text as record {}", d.id),
        DuplicateKind::Near => format!(
            "dedup.near: similarity {:.2} to record {} >= {}",
            d.similarity, d.id, d.threshold
        ),
    }
}

impl From<DuplicateOf> for DocumentRejected {
    fn from(d: DuplicateOf) -> Self {
        Self::Duplicate(d)
    }
}

impl DocumentRejected {
    /// The config key behind the rejection (for per-reason counters).
    pub fn rule(&self) -> &'static str {
        match self {
            Self::TooFewWords { .. } => "quality.min_words",
            Self::NonAlphaShare { .. } => "quality.max_non_alpha_share",
            Self::LoremIpsum => "quality.lorem_ipsum",
            Self::JavascriptPage { .. } => "quality.javascript_page",
            Self::TooManyWords { .. } => "quality.gopher.max_words",
            Self::MeanWordLength { .. } => "quality.gopher.mean_word_length",
            Self::SymbolWordRatio { .. } => "quality.gopher.max_symbol_word_ratio",
            Self::BulletLines { .. } => "quality.gopher.max_bullet_lines_share",
            Self::EllipsisLines { .. } => "quality.gopher.max_ellipsis_lines_share",
            Self::StopWords { .. } => "quality.gopher.min_stop_words",
            Self::LanguageNotAllowed { .. } => "language.allow",
            Self::LanguageUnknown { .. } => "language.reject_unknown",
            Self::Duplicate(d) => match d.kind {
                DuplicateKind::Exact => "dedup.exact",
                DuplicateKind::Near => "dedup.near",
            },
        }
    }
}

/// The compiled filter stage. `Send + Sync`; build it once and share it.
#[derive(Debug)]
pub struct Filter {
    engine: LineEngine,
    inline_headline: bool,
    duplicate_block: bool,
    edge_label: bool,
    teaser_rail: bool,
    title_repeat: bool,
    /// The trailing-credit patterns of `caption_credit`, when it is on: for short paragraphs,
    /// and for captions (those and [`rules::CAPTION_ONLY_CREDIT_PATTERNS`]).
    caption_credit: Option<(GatedRegex, GatedRegex)>,
    profiles: Option<profile::ProfileIndex>,
    quality: quality::QualityRules,
    language: quality::LanguageRules,
    dedup: dedup::DedupSettings,
    keep_removed: bool,
    /// The line model of `learned_boilerplate`, when it is on.
    learned: Option<&'static learned::Model>,
    /// The shape-and-place cues, each switched with its group and by `filter.disable`.
    cues: cues::Cues,
}

fn check_share(path: &str, value: f64, errors: &mut Vec<FilterConfigError>) {
    if !(0.0..=1.0).contains(&value) {
        errors.push(FilterConfigError::OutOfRange {
            path: path.to_owned(),
            value,
            expected: "0.0..=1.0",
        });
    }
}

impl FilterConfig {
    /// Compiles the config into a [`Filter`]. Relative paths (the site profiles file) are
    /// resolved against `base_dir`, the directory of pipeline.toml.
    ///
    /// # Errors
    /// Every semantic error found, each naming its key path: invalid regexes, unknown or
    /// duplicate rule names, bad host patterns, out-of-range numbers, unknown language codes,
    /// an unreadable profiles file.
    pub fn build(&self, base_dir: &Path) -> Result<Filter, Vec<FilterConfigError>> {
        let mut errors = Vec::new();
        let known: Vec<&str> = rules::all_rule_names().collect();
        let disabled = self.disabled_rules(&known, &mut errors);
        let mut sources = self.builtin_sources(&disabled);
        sources.extend(self.user_sources(&known, &mut errors));
        self.check_shares(&mut errors);
        let allow = self.allowed_languages(&mut errors);
        self.check_dedup(&mut errors);
        let profiles = self.load_profiles(base_dir, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let engine = LineEngine::new(sources)
            .map_err(|e| vec![FilterConfigError::RuleSetTooLarge(Box::new(e))])?;
        Ok(self.assemble(engine, &disabled, profiles, allow))
    }

    /// The names in `filter.disable`; an unknown name is an error.
    fn disabled_rules(
        &self,
        known: &[&str],
        errors: &mut Vec<FilterConfigError>,
    ) -> std::collections::HashSet<&str> {
        let mut disabled = std::collections::HashSet::new();
        for (i, name) in self.disable.iter().enumerate() {
            if known.contains(&name.as_str()) {
                disabled.insert(name.as_str());
            } else {
                errors.push(FilterConfigError::UnknownRule {
                    path: format!("filter.disable[{i}]"),
                    name: name.clone(),
                });
            }
        }
        disabled
    }

    /// The built-in line rules of the groups that are on, minus the disabled ones.
    fn builtin_sources(&self, disabled: &std::collections::HashSet<&str>) -> Vec<RuleSource> {
        LINE_RULES
            .iter()
            .filter(|spec| self.builtin.is_on(spec.group) && !disabled.contains(spec.name))
            .map(|spec| RuleSource {
                rule: CompiledRule {
                    name: Cow::Borrowed(spec.name),
                    position: spec.position,
                    action: spec.action,
                    max_words: spec.max_words,
                    hosts: Vec::new(),
                    builtin: true,
                    in_quotes: rules::QUOTE_BLOCK_RULES.contains(&spec.name),
                    cut_teaser: spec.patterns == [rules::CUT_TEASER],
                    pitch: rules::PITCH_RULES.contains(&spec.name),
                },
                patterns: spec.patterns.iter().map(|p| (*p).to_owned()).collect(),
                phrases: Vec::new(),
            })
            .collect()
    }

    /// The user's `[[filter.rules]]`, each checked: a unique name, one matcher (a valid
    /// regex or a phrase), valid host patterns, drop-to-end only at the tail.
    fn user_sources(&self, known: &[&str], errors: &mut Vec<FilterConfigError>) -> Vec<RuleSource> {
        let mut user_names: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut sources = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let path = format!("filter.rules[{i}]");
            let name = rule.name.trim();
            if name.is_empty() {
                errors.push(FilterConfigError::EmptyRuleName {
                    path: format!("{path}.name"),
                });
            } else if known.contains(&name)
                || name == rules::SITE_PROFILE
                || !user_names.insert(name)
            {
                errors.push(FilterConfigError::DuplicateRuleName {
                    path: format!("{path}.name"),
                    name: rule.name.clone(),
                });
            }
            sources.push(user_source(rule, name, &path, errors));
        }
        sources
    }

    /// Shares (0.0..=1.0) and the mean word length range of the quality settings.
    fn check_shares(&self, errors: &mut Vec<FilterConfigError>) {
        let sp = &self.site_profiles;
        check_share("filter.site_profiles.min_share", sp.min_share, errors);
        let q = &self.quality;
        check_share(
            "filter.quality.max_non_alpha_share",
            q.max_non_alpha_share,
            errors,
        );
        let g = &q.gopher;
        for (key, v) in [
            ("max_symbol_word_ratio", g.max_symbol_word_ratio),
            ("max_bullet_lines_share", g.max_bullet_lines_share),
            ("max_ellipsis_lines_share", g.max_ellipsis_lines_share),
        ] {
            check_share(&format!("filter.quality.gopher.{key}"), v, errors);
        }
        if !(g.min_mean_word_length >= 0.0 && g.min_mean_word_length <= g.max_mean_word_length) {
            errors.push(FilterConfigError::OutOfRange {
                path: "filter.quality.gopher.min_mean_word_length".to_owned(),
                value: g.min_mean_word_length,
                expected: "0.0..=max_mean_word_length",
            });
        }
    }

    /// The language confidence share and the allowed languages, parsed.
    fn allowed_languages(&self, errors: &mut Vec<FilterConfigError>) -> Vec<whatlang::Lang> {
        let l = &self.language;
        check_share("filter.language.min_confidence", l.min_confidence, errors);
        let mut allow = Vec::new();
        for (i, code) in l.allow.iter().enumerate() {
            match quality::parse_language_code(code) {
                Some(lang) => allow.push(lang),
                None => errors.push(FilterConfigError::UnknownLanguage {
                    path: format!("filter.language.allow[{i}]"),
                    code: code.clone(),
                }),
            }
        }
        allow
    }

    /// The near-duplicate settings: a threshold in (0, 1], shingles of at least one word,
    /// hashes that split evenly into bands.
    fn check_dedup(&self, errors: &mut Vec<FilterConfigError>) {
        let d = &self.dedup;
        if !(d.threshold > 0.0 && d.threshold <= 1.0) {
            errors.push(FilterConfigError::OutOfRange {
                path: "filter.dedup.threshold".to_owned(),
                value: d.threshold,
                expected: "0.0 < threshold <= 1.0",
            });
        }
        if d.shingle_words == 0 {
            errors.push(FilterConfigError::OutOfRange {
                path: "filter.dedup.shingle_words".to_owned(),
                value: 0.0,
                expected: "at least 1",
            });
        }
        if d.bands == 0 || d.num_hashes == 0 || !d.num_hashes.is_multiple_of(d.bands) {
            errors.push(FilterConfigError::OutOfRange {
                path: "filter.dedup.num_hashes".to_owned(),
                value: d.num_hashes as f64,
                expected: "a positive multiple of filter.dedup.bands",
            });
        }
    }

    /// The site profiles file, read and compiled, when one is configured.
    fn load_profiles(
        &self,
        base_dir: &Path,
        errors: &mut Vec<FilterConfigError>,
    ) -> Option<profile::ProfileIndex> {
        let sp = &self.site_profiles;
        let full = base_dir.join(sp.path.as_ref()?);
        match SiteProfiles::load(&full) {
            Ok(loaded) => Some(loaded.compile(sp.min_pages, sp.min_share)),
            Err(source) => {
                errors.push(FilterConfigError::Profiles { path: full, source });
                None
            }
        }
    }

    /// The filter from checked settings.
    fn assemble(
        &self,
        engine: LineEngine,
        disabled: &std::collections::HashSet<&str>,
        profiles: Option<profile::ProfileIndex>,
        allow: Vec<whatlang::Lang>,
    ) -> Filter {
        let structure = self.builtin.structure;
        let js_patterns: Vec<&str> = LINE_RULES
            .iter()
            .filter(|r| r.name == "javascript_notice")
            .flat_map(|r| r.patterns.iter().copied())
            .collect();
        let javascript = LatinRegex::new(js_patterns.join("|"), true);
        let (l, d) = (&self.language, &self.dedup);
        Filter {
            engine,
            inline_headline: structure && !disabled.contains(rules::INLINE_HEADLINE),
            duplicate_block: structure && !disabled.contains(rules::DUPLICATE_BLOCK),
            edge_label: structure && !disabled.contains(rules::EDGE_LABEL),
            teaser_rail: structure && !disabled.contains(rules::TEASER_RAIL),
            title_repeat: structure && !disabled.contains(rules::TITLE_REPEAT),
            learned: (self.builtin.learned && !disabled.contains(learned::LEARNED_BOILERPLATE))
                .then(learned::embedded),
            caption_credit: (self.builtin.credits && !disabled.contains(rules::CAPTION_CREDIT))
                .then(|| {
                    let [closing, all] = caption_credit_patterns();
                    (GatedRegex::new(closing), GatedRegex::new(all))
                }),
            cues: cues::Cues::new(|name| {
                let group = match name {
                    cues::READER_PROMPT
                    | cues::TEASER_MARKER
                    | cues::WIDGET_LINE
                    | cues::LABEL_HEADLINE
                    | cues::COUNTER_LINE
                    | cues::RELATED_LINE => self.builtin.promotion,
                    cues::BIO_LINE | cues::MASTHEAD_LINE | cues::FIELD_LINE | cues::TEXT_CREDIT => {
                        self.builtin.meta
                    }
                    cues::PUBLICATION_NOTE | cues::CLOSING_NOTE => self.builtin.legal,
                    _ => self.builtin.credits,
                };
                group && !disabled.contains(name)
            }),
            profiles,
            quality: quality::QualityRules {
                config: self.quality.clone(),
                javascript,
                lorem: LatinRegex::new(r"lorem\s+ipsum", true),
            },
            language: quality::LanguageRules {
                detect: l.detect,
                allow,
                min_confidence: l.min_confidence,
                reject_unknown: l.reject_unknown,
            },
            dedup: dedup::DedupSettings {
                exact: d.exact,
                near: d
                    .near
                    .unwrap_or(self.quality.preset == quality::QualityPreset::Dataset),
                threshold: d.threshold,
                shingle_words: d.shingle_words,
                num_hashes: d.num_hashes,
                bands: d.bands,
            },
            keep_removed: self.keep_removed,
        }
    }
}

/// The caption-credit regexes: the credits that close a caption, and those together with the
/// ones only a caption carries.
/// The words that label a picture's credit ("Photo", "Image", "Szenenfoto", "Bild"): left
/// alone before a credit, they are part of it, not a caption.
const CREDIT_LABEL_WORDS: &[&str] = &[
    "photo", "foto", "image", "imag", "bild", "picture", "pic", "kuva", "credit", "crédit",
];

/// Whether `t` is one word that labels a credit (see [`CREDIT_LABEL_WORDS`]).
fn is_credit_label(t: &str) -> bool {
    let t = t.trim().to_lowercase();
    text::word_count(&t) == 1 && CREDIT_LABEL_WORDS.iter().any(|w| t.contains(w))
}

fn caption_credit_patterns() -> [String; 2] {
    let all: Vec<&str> = rules::CAPTION_CREDIT_PATTERNS
        .iter()
        .chain(rules::CAPTION_ONLY_CREDIT_PATTERNS)
        .copied()
        .collect();
    [rules::CAPTION_CREDIT_PATTERNS.join("|"), all.join("|")]
}

/// One user rule as a rule source: its matcher (a valid case-insensitive regex, or a
/// phrase), its host patterns, and the position its action allows.
fn user_source(
    rule: &RuleConfig,
    name: &str,
    path: &str,
    errors: &mut Vec<FilterConfigError>,
) -> RuleSource {
    let mut patterns = Vec::new();
    let mut phrases = Vec::new();
    match (&rule.pattern, &rule.phrase) {
        (Some(p), None) => match regex::RegexBuilder::new(p).case_insensitive(true).build() {
            Ok(_) => patterns.push(p.clone()),
            Err(e) => errors.push(FilterConfigError::InvalidRegex {
                path: format!("{path}.pattern"),
                pattern: p.clone(),
                source: Box::new(e),
            }),
        },
        (None, Some(ph)) if !ph.trim().is_empty() => phrases.push(ph.clone()),
        _ => errors.push(FilterConfigError::Matcher {
            path: path.to_owned(),
        }),
    }
    let mut hosts = Vec::new();
    for (j, h) in rule.hosts.iter().enumerate() {
        match HostPattern::parse(h) {
            Some(p) => hosts.push(p),
            None => errors.push(FilterConfigError::InvalidHost {
                path: format!("{path}.hosts[{j}]"),
                pattern: h.clone(),
            }),
        }
    }
    if rule.action == Action::DropToEnd && rule.position != Position::Tail {
        errors.push(FilterConfigError::DropToEndPosition {
            path: format!("{path}.action"),
            position: rule.position.as_str(),
        });
    }
    RuleSource {
        rule: CompiledRule {
            name: Cow::Owned(name.to_owned()),
            position: rule.position,
            action: rule.action,
            max_words: rule.max_words,
            hosts,
            builtin: false,
            in_quotes: true,
            cut_teaser: false,
            pitch: false,
        },
        patterns,
        phrases,
    }
}

impl Filter {
    /// Removes boilerplate blocks from `article` in place and checks the document as a whole.
    /// `host` is the page's host (for site profiles and host-scoped rules), if known.
    ///
    /// # Errors
    /// [`DocumentRejected`] when a quality or language check rejects the document. The article
    /// has then already lost its boilerplate blocks.
    pub fn apply(
        &self,
        article: &mut Article,
        host: Option<&str>,
    ) -> Result<FilterReport, DocumentRejected> {
        let audit = self.audit(article, host);
        match audit.rejected {
            Some(rejected) => Err(rejected),
            None => Ok(audit.report),
        }
    }

    /// Like [`Filter::apply`], but always returns the report, with the rejection (if any) beside
    /// it: `copydesk explain` shows the removed lines of a rejected document too.
    pub fn audit(&self, article: &mut Article, host: Option<&str>) -> Audit {
        let host_norm = host.map(engine::normalize_host);
        let host_norm = host_norm.as_deref();
        let profile_lines = self
            .profiles
            .as_ref()
            .zip(host_norm)
            .and_then(|(p, h)| p.for_host(h));
        let profile_fn = profile_lines.map(|set| move |key: u64| set.contains(&key));
        let words_in = article_words(article);
        let blocks_in = article.blocks.len();
        let mut lines = split_lines(std::mem::take(&mut article.blocks));
        // Credits are cut before the rules look: they judge the caption as it will stay, so a
        // second run sees the same lines. A line that a rule then drops is reported whole.
        let cuts: Vec<Option<(String, String, &'static str)>> = lines
            .blocks
            .iter_mut()
            .map(|block| self.trim_credit(block))
            .collect();
        let opts = PassOptions {
            fragment: &lines.fragment,
            inline_headline: self.inline_headline,
            duplicate_block: self.duplicate_block,
            edge_label: self.edge_label,
            teaser_rail: self.teaser_rail,
            title: if self.title_repeat {
                let mut scratch = String::new();
                article
                    .meta
                    .title
                    .as_deref()
                    .map(|t| text::line_key(&mut scratch, t))
            } else {
                None
            },
            profile: profile_fn.as_ref().map(|f| f as &dyn Fn(u64) -> bool),
            learned: self.learned,
            cues: &self.cues,
        };
        let decisions = engine::decide(&self.engine, &lines.blocks, host_norm, &opts);
        let mut removed = Vec::new();
        let mut kept: Vec<Block> = Vec::with_capacity(blocks_in);
        // the origin of the last kept line, to join kept lines of one block again
        let mut last_kept_origin: Option<usize> = None;
        for (((block, decision), origin), cut) in lines
            .blocks
            .into_iter()
            .zip(decisions)
            .zip(lines.origin)
            .zip(cuts)
        {
            match decision {
                None => {
                    if let Some((credit, _, rule)) = cut {
                        removed.push(Removed {
                            rule: Cow::Borrowed(rule),
                            index: origin,
                            kind: block.kind,
                            text: credit,
                            trimmed: true,
                        });
                    }
                    match kept.last_mut() {
                        Some(prev) if last_kept_origin == Some(origin) => {
                            prev.text.push('\n');
                            prev.text.push_str(&block.text);
                            prev.markdown = match (prev.markdown.take(), block.markdown) {
                                (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
                                _ => None,
                            };
                        }
                        _ => kept.push(block),
                    }
                    last_kept_origin = Some(origin);
                }
                Some(r) => removed.push(Removed {
                    rule: engine::rule_name(&self.engine, r),
                    index: origin,
                    kind: block.kind,
                    text: cut.map_or(block.text, |(_, original, _)| original),
                    trimmed: false,
                }),
            }
        }
        article.blocks = kept;

        let words_out = article_words(article);
        let detected = self.language.detect(article);
        let had_js = removed.iter().any(|r| r.rule == "javascript_notice");
        let rejected = self
            .quality
            .check(
                article,
                (words_in, words_out),
                had_js,
                detected.as_ref().map(|(l, _)| *l),
            )
            .and_then(|()| self.language.check(detected.as_ref()))
            .err();
        Audit {
            report: FilterReport {
                removed,
                language: detected.map(|(_, l)| l),
                blocks_in,
                words_in,
                words_out,
            },
            rejected,
        }
    }

    /// `caption_credit`, then `credit_tail`: cuts a credit that closes a caption or a short
    /// paragraph and returns it with the line as it was and the name of the rule that cut it.
    /// Quoted speech is left alone, and so is a line that would keep no words of its own (a bare
    /// credit line is for the `photo_credit` line rule to drop whole).
    fn trim_credit(&self, block: &mut Block) -> Option<(String, String, &'static str)> {
        let max_words = match block.kind {
            BlockKind::Caption => rules::CAPTION_CREDIT_MAX_WORDS,
            BlockKind::Paragraph => rules::CAPTION_PARAGRAPH_MAX_WORDS,
            _ => return None,
        };
        if text::word_count(&block.text) > max_words || text::is_quoted_speech(&block.text) {
            return None;
        }
        let (start, rule) = match self.caption_credit_start(block.kind, &block.text) {
            Some(start) => (start, rules::CAPTION_CREDIT),
            None => (
                self.cues.credit_start(block.kind, &block.text)?,
                cues::CREDIT_TAIL,
            ),
        };
        let rest = block.text[..start]
            .trim_end_matches(|c: char| c.is_whitespace() || ",;|/–—-(".contains(c));
        // a lone label left before the credit ("Photo © Jane Roe" -> "Photo") keeps no words
        // of its own either: the credit-line cue drops the line whole
        if rest.chars().filter(|c| c.is_alphabetic()).count() < 2 || is_credit_label(rest) {
            return None;
        }
        let credit = block.text[rest.len()..].trim().to_owned();
        let original = block.text.clone();
        block.text.truncate(rest.len());
        Some((credit, original, rule))
    }

    /// Where `caption_credit`'s patterns find a credit closing the line.
    fn caption_credit_start(&self, kind: BlockKind, line: &str) -> Option<usize> {
        let (paragraph_re, caption_re) = self.caption_credit.as_ref()?;
        let re = if kind == BlockKind::Caption {
            caption_re
        } else {
            paragraph_re
        };
        // Search the line's tail only, from a space, so a pattern that needs a separator
        // before the credit still sees one.
        let mut from = line.len().saturating_sub(rules::CAPTION_CREDIT_TAIL_BYTES);
        while !line.is_char_boundary(from) {
            from -= 1;
        }
        if from > 0 {
            from = line[..from].rfind(' ').unwrap_or(0);
        }
        let tail = &line[from..];
        let m = re.find(tail)?;
        // A credit found after a full stop keeps the stop with the caption.
        Some(
            from + m.start() + m.as_str().len()
                - m.as_str().trim_start_matches(['.', '!', '?']).len(),
        )
    }

    /// A fresh, empty dedup index with this config's `[filter.dedup]` settings. The pipeline owns
    /// it for one run.
    pub fn dedup_index(&self) -> DedupIndex {
        DedupIndex::new(self.dedup.clone())
    }

    /// Whether records should carry the removed lines (`filter.keep_removed`).
    pub fn keep_removed(&self) -> bool {
        self.keep_removed
    }
}

/// [`explain`] followed by the rejection, if any (`rejected: quality.min_words: 12 words < 50`).
pub fn explain_audit(audit: &Audit) -> String {
    let mut out = explain(&audit.report);
    match &audit.rejected {
        Some(r) => {
            let _ = writeln!(out, "rejected: {r}");
        }
        None => out.push_str("kept\n"),
    }
    out
}

/// The article's blocks with every multi-line paragraph, caption or list item split into its
/// lines, so that line rules see a "Follow us on ..." line that a `<br>` joined to the story.
struct Lines {
    blocks: Vec<Block>,
    /// Index of the block each line came from.
    origin: Vec<usize>,
    /// Whether the line is one of several of its block.
    fragment: Vec<bool>,
}

/// The lines of a block that the line rules judge one by one: a paragraph, caption or list
/// item that `<br>` broke into two or more lines, trimmed, empty ones left out. `None` when the
/// block is judged whole. The filter, the report and the line model's training share it.
pub fn rule_lines(block: &Block) -> Option<Vec<&str>> {
    let splittable = matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::Caption | BlockKind::ListItem
    ) && block.text.contains('\n');
    if !splittable {
        return None;
    }
    let parts: Vec<&str> = block
        .text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (parts.len() >= 2).then_some(parts)
}

fn split_lines(blocks: Vec<Block>) -> Lines {
    let mut out = Lines {
        blocks: Vec::with_capacity(blocks.len()),
        origin: Vec::with_capacity(blocks.len()),
        fragment: Vec::with_capacity(blocks.len()),
    };
    for (index, block) in blocks.into_iter().enumerate() {
        let parts = rule_lines(&block).unwrap_or_default();
        if parts.len() < 2 {
            out.blocks.push(block);
            out.origin.push(index);
            out.fragment.push(false);
            continue;
        }
        // The block's Markdown splits the same way when it has the same lines.
        let md_parts: Option<Vec<&str>> = block.markdown.as_deref().map(|md| {
            md.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect()
        });
        let md_parts = md_parts.filter(|m| m.len() == parts.len());
        for (n, part) in parts.into_iter().enumerate() {
            let mut line = Block::new(block.kind, part);
            line.markdown = md_parts.as_ref().map(|m| m[n].to_string());
            out.blocks.push(line);
            out.origin.push(index);
            out.fragment.push(true);
        }
    }
    out
}

/// Words in the article's blocks, counting Chinese and Japanese by characters (see
/// `text::word_count`); [`Article::word_count`] counts whitespace-separated tokens only.
fn article_words(article: &Article) -> usize {
    article
        .blocks
        .iter()
        .map(|b| text::word_count(&b.text))
        .sum()
}

/// Renders a report for `copydesk explain`: one line per removed block with its rule, then the
/// language and a per-rule summary.
pub fn explain(report: &FilterReport) -> String {
    let mut out = String::new();
    for r in &report.removed {
        let text = r.text.replace('\n', " ⏎ ");
        let trimmed = if r.trimmed { "trimmed: " } else { "" };
        let _ = writeln!(out, "- [{}] #{} {trimmed}{}", r.rule, r.index, text);
    }
    if report.removed.is_empty() {
        out.push_str("(nothing removed)\n");
    }
    match &report.language {
        Some(l) => {
            let _ = writeln!(out, "language: {} ({:.2})", l.code, l.confidence);
        }
        None => out.push_str("language: unknown\n"),
    }
    let counts: Vec<String> = report
        .counts()
        .into_iter()
        .map(|(rule, n)| format!("{rule}={n}"))
        .collect();
    let _ = writeln!(
        out,
        "removed {} of {} blocks, {} of {} words kept{}{}",
        report.removed.len(),
        report.blocks_in,
        report.words_out,
        report.words_in,
        if counts.is_empty() { "" } else { ": " },
        counts.join(", ")
    );
    out
}

#[cfg(test)]
mod tests;
