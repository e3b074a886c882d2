//! The line-rule engine: every line rule (built-in and user) compiled into its own regexes plus
//! one Aho-Corasick automaton for phrases, and the pass that decides which blocks go.
//!
//! The pass works in three steps, so that it is idempotent:
//! 1. *Context-free matches.* For each block, the rules whose pattern, length limit, host and
//!    block kind fit, whatever the block's place. Site-profile lines and repeated blocks are
//!    context-free matches too.
//! 2. *Zones.* Anchors are body paragraphs no rule matched (see [`ANCHOR_MIN_WORDS`]); the head
//!    ends at the first anchor and the tail starts after the last. Since anchors are never
//!    removed, a second run finds the same anchors and so the same zones.
//! 3. *Decisions.* Each block goes with the first of its rules whose position fits; then the
//!    `drop_to_end` rules cut the tail, then inline headlines between two anchors go.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::util::syntax;
use regex_automata::{hybrid, nfa::thompson};
use regex_syntax::hir::{Hir, HirKind};

use super::cues::{CueMatch, Cues};
use super::gate_table;
use super::gates::GateLiterals;
use super::rules::{
    Action, CUT_TEASER_MIN_LINES, DUPLICATE_BLOCK, EDGE_LABEL, INLINE_HEADLINE, Position,
    SITE_PROFILE, TEASER_RAIL, TIMESTAMP, TITLE_REPEAT,
};
use super::shapes;
use super::{learned, text};
use crate::article::{Block, BlockKind};
use crate::latin::{
    Form, FormDfa, ForwardDfa, LatinRegex, Words, form_dfa, form_of, form_pattern, has_ascii_words,
};

/// Fewest words of a body paragraph that bounds the head and tail zones. Six words with a
/// sentence ending: long enough that badges, labels and buttons never qualify, short enough
/// that the short closing paragraph of a story ("An investigation is under way.") does, so a
/// story sentence that happens to match an edge rule is not left in the tail.
pub(crate) const ANCHOR_MIN_WORDS: usize = 6;

/// Fewest words of an anchor that ends the body for the cues (see `cues.rs`): a paragraph of
/// a story's body runs to two lines or more (the same on all six blind sets from 15 to 20
/// words, but for one set that gains at 20; chosen leaving each set out in turn, the held-out
/// set's figure is the same), while the page's closing lines (a production
/// note, a disclaimer, a short sign-off) and a story's one-line coda are shorter. A cue that
/// may remove a line in the tail removes it after the last such paragraph.
pub(crate) const SOFT_TAIL_MIN_WORDS: usize = 20;
/// Most words of a line a cue removes in that tail: a note or a button, not a story sentence
/// that a cue's wording happens to fit.
pub(crate) const SOFT_TAIL_LINE_MAX_WORDS: usize = 12;

/// Most words of a short label line ("Opinion", "Share this:", "Rezept drucken") dropped in the
/// head and tail by `edge_label`. Head and tail paragraphs this short without a sentence
/// ending are section kickers, button captions and agency tags; story text there ends with
/// punctuation, and list items and headings are not touched.
pub(crate) const EDGE_LABEL_MAX_WORDS: usize = 4;

/// Fewest words for a block to be dropped as a repeat of an earlier block. Shorter repeats are
/// list entries ("2 eggs"), labels or refrains that legitimately recur (a story's or a poem's
/// refrain comes back again and again). Repeated credits and prompts have their own rules;
/// this one is for whole paragraphs that an extractor picked up twice.
pub(crate) const DUPLICATE_MIN_WORDS: usize = 8;

/// Longest gate literal, in bytes: a longer literal is cut, and the prefix still occurs in
/// every line the whole literal occurs in. Eight bytes tell the rules' phrases apart as well
/// as the whole phrases do, in an automaton of a fraction of the size (4,076 literals of up to
/// 30 bytes extracted from the built-in patterns, about 74 M instructions to build).
pub(super) const GATE_LITERAL_BYTES: usize = 8;

/// Fewest date lines in a row that are a list of dates (a schedule of meetings, a timeline,
/// the dates of a tour) rather than an article's dateline: a page states when it was
/// published or updated in one or two lines, and a third date in a row is content.
pub(crate) const DATE_LIST_MIN_RUN: usize = 3;

/// Fewest words of a paragraph that bounds the head and tail zones without a sentence
/// ending of its own, when it holds [`LONG_PROSE_MIN_SENTENCES`] sentence ends inside: a
/// review signed at its end ("… a riveting tale. -- Jane Doe"), a paragraph closed by an
/// emoji or a link label. Labels, buttons and teasers are never this long.
pub(crate) const LONG_PROSE_MIN_WORDS: usize = 25;
/// Sentence ends inside a paragraph that [`LONG_PROSE_MIN_WORDS`] asks for.
pub(crate) const LONG_PROSE_MIN_SENTENCES: usize = 2;

/// Whether a paragraph without a closing sentence ending is prose all the same: long, with
/// sentence ends inside (a full stop, question or exclamation mark before a space).
fn is_long_prose(t: &str, words: usize) -> bool {
    words >= LONG_PROSE_MIN_WORDS
        && t.as_bytes()
            .windows(2)
            .filter(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ')
            .count()
            >= LONG_PROSE_MIN_SENTENCES
}

/// Most title-case lines between body paragraphs that `inline_headline` drops. A story
/// carries one link to a related story in its middle; two or more such lines are the
/// article's own section headings set as bold paragraphs (numbered tips, one per product in a
/// listicle), and all of them stay.
pub(crate) const INLINE_HEADLINE_MAX: usize = 1;

/// `title_repeat` looks at this many leading blocks: extractors that keep the `<h1>` put it
/// first, after at most a kicker and a breadcrumb or two.
pub(crate) const TITLE_REPEAT_MAX_INDEX: usize = 5;

/// Where a host pattern applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostPattern {
    /// `*`: every page that has a host.
    Any,
    /// `example.com`: that host and its subdomains.
    DomainAndSubdomains(String),
    /// `*.example.com`: subdomains only.
    SubdomainsOnly(String),
}

impl HostPattern {
    /// Parses a `hosts` entry; `None` if it is not a host name or one of the two glob forms.
    pub(crate) fn parse(raw: &str) -> Option<Self> {
        let p = raw.trim().to_ascii_lowercase();
        if p == "*" {
            return Some(Self::Any);
        }
        let (sub_only, domain) = match p.strip_prefix("*.") {
            Some(d) => (true, d.to_owned()),
            None => (false, p.strip_prefix("www.").unwrap_or(&p).to_owned()),
        };
        let valid = !domain.is_empty()
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !valid {
            return None;
        }
        Some(if sub_only {
            Self::SubdomainsOnly(domain)
        } else {
            Self::DomainAndSubdomains(domain)
        })
    }

    fn matches(&self, host: &str) -> bool {
        let is_sub = |d: &str| {
            host.len() > d.len() + 1
                && host.ends_with(d)
                && host.as_bytes()[host.len() - d.len() - 1] == b'.'
        };
        match self {
            Self::Any => true,
            Self::DomainAndSubdomains(d) => host == d || is_sub(d),
            Self::SubdomainsOnly(d) => is_sub(d),
        }
    }
}

/// Lowercases a host and drops a `www.` prefix and a port, the form profiles are keyed by.
pub(crate) fn normalize_host(host: &str) -> String {
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let h = match h.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) && !name.contains(':') => {
            name.to_owned()
        }
        _ => h,
    };
    h.strip_prefix("www.").map(str::to_owned).unwrap_or(h)
}

/// One compiled line rule.
#[derive(Debug)]
pub(crate) struct CompiledRule {
    pub name: Cow<'static, str>,
    pub position: Position,
    pub action: Action,
    pub max_words: usize,
    /// Empty means every page.
    pub hosts: Vec<HostPattern>,
    /// Built-in rules skip quoted speech and quotation blocks; user rules do not.
    pub builtin: bool,
    /// A built-in rule that also looks into block quotes (see `rules::QUOTE_BLOCK_RULES`).
    pub in_quotes: bool,
    /// The rule is [`super::rules::CUT_TEASER`]'s: a matching line goes only when at least
    /// [`CUT_TEASER_MIN_LINES`] lines of the page match it where it applies, or when the line
    /// is a title-case headline.
    pub cut_teaser: bool,
    /// A built-in rule of [`super::rules::PITCH_RULES`].
    pub pitch: bool,
}

impl CompiledRule {
    fn applies_to(&self, block: &Block, words: usize, host: Option<&str>, quoted: bool) -> bool {
        if words > self.max_words || block.kind == BlockKind::Code {
            return false;
        }
        if self.builtin
            && (quoted
                || block.kind == BlockKind::TableRow
                || (block.kind == BlockKind::Quote && !self.in_quotes))
        {
            return false;
        }
        if self.hosts.is_empty() {
            return true;
        }
        host.is_some_and(|h| self.hosts.iter().any(|p| p.matches(h)))
    }
}

/// Every line rule, compiled.
///
/// Each pattern is its own `Regex`, tried only on lines its rule applies to (length, block
/// kind, host). One `RegexSet` over all patterns was measured first: its lazy DFA tracks every
/// unanchored pattern at once, so new lines keep building new states (17.5 M instructions per
/// page, more than extraction), whereas a single pattern's DFA settles after a few lines and
/// most patterns are skipped by `max_words` or fail within a few bytes of their anchor.
///
/// Patterns whose every match starts with one of a few literals (`[/|]\s*(?:getty|...)`,
/// `(?:©|\(c\))...`) are gated: one Aho-Corasick scan over all their literals tells which of
/// them can match the line at all, and the others are not run. This saves the regex call and,
/// for end-anchored patterns that the regex crate searches backwards without a prefilter, a
/// lazy DFA that otherwise builds states for every new line ending.
///
/// Each pattern is compiled the first time a line reaches it ([`LazyRegex`]): compiling all of
/// them took about 790 M instructions (60-600 ms) per process, most of a one-page run, while a
/// page only ever reaches the patterns its lines are short enough for and whose gates open.
#[derive(Debug)]
pub(crate) struct LineEngine {
    pub rules: Vec<CompiledRule>,
    /// For each rule, its patterns, each with its gate (an index into the gate bits) if it has
    /// one.
    patterns: Vec<Vec<(LazyRegex, Option<usize>)>>,
    /// The gated patterns' prefix literals, all in one trie.
    gates: Option<GateLiterals>,
    /// For each literal of `gates`, the gates it opens.
    literal_gates: Vec<Vec<usize>>,
    /// Number of gated patterns.
    gate_count: usize,
    phrases: Option<AhoCorasick>,
    /// For each phrase of `phrases`, the index of its rule.
    phrase_rule: Vec<usize>,
    /// Longest `max_words` of any rule: longer blocks skip matching entirely.
    max_words: usize,
}

/// A line-rule pattern, compiled on first use and then shared by every worker thread, in
/// three forms, each compiled when the first line that needs it reaches it: one for lines of
/// [`LATIN`](crate::latin::LATIN) characters (nearly all lines of the pages this tool sees),
/// one for lines of [`WIDE`](crate::latin::WIDE) characters (CJK, Cyrillic, emoji ...) and the
/// whole pattern for every other line.
///
/// The pattern's Unicode classes (`\W`, `\w`, `\p{L}`: thousands of code points, whose
/// translation, case folding and UTF-8 automata were most of the compile time, 4 M
/// instructions per pattern) can only match their members among a line's characters, so a
/// form is the pattern with those classes written as their members in its character set
/// ([`form_pattern`]): the same answer on those lines, for a fraction of the compile cost.
#[derive(Debug)]
struct LazyRegex {
    pattern: String,
    /// Per [`Form`]; `None` when the pattern has a Unicode property the rewrite does not know:
    /// then every line goes to `unicode`.
    forms: [OnceLock<Option<FormMatcher>>; 2],
    unicode: OnceLock<LineMatcher>,
}

/// How the lines of one [`Form`] are matched against a line pattern.
#[derive(Debug)]
enum FormMatcher {
    /// The form's forward lazy DFA.
    Dfa(ForwardDfa),
    /// A form with a Unicode word boundary, which a lazy DFA cannot decide at non-ASCII
    /// characters: a line of [`has_ascii_words`] (most English lines, whose only non-ASCII
    /// characters are quotes and dashes) goes to a lazy DFA with ASCII word boundaries, the
    /// same there; any other to the form's `Regex`. Each is compiled for the first line that
    /// needs it.
    WordBoundary {
        ascii: OnceLock<Option<ForwardDfa>>,
        regex: OnceLock<Option<Regex>>,
    },
    /// A form written out ([`form_pattern`]), for a pattern [`form_dfa`] cannot rewrite.
    Written(LineMatcher),
}

impl LazyRegex {
    fn new(pattern: String) -> Self {
        Self {
            pattern,
            forms: [OnceLock::new(), OnceLock::new()],
            unicode: OnceLock::new(),
        }
    }

    /// Whether the pattern matches anywhere in `line`; `form` is [`form_of`] of `line`.
    fn is_match(&self, line: &str, form: Option<Form>) -> bool {
        if let Some(form) = form {
            let matcher = self.forms[form.index()].get_or_init(|| {
                match form_dfa(
                    &self.pattern,
                    form,
                    true,
                    Words::Unicode,
                    line_dfa_config(),
                    line_nfa_config(),
                ) {
                    FormDfa::Built(dfa) => Some(FormMatcher::Dfa(ForwardDfa::new(*dfa))),
                    FormDfa::NotLazy => Some(FormMatcher::WordBoundary {
                        ascii: OnceLock::new(),
                        regex: OnceLock::new(),
                    }),
                    FormDfa::NoForm => form_pattern(&self.pattern, form)
                        .and_then(|p| LineMatcher::try_new(&p))
                        .map(FormMatcher::Written),
                }
            });
            let answer = match matcher {
                Some(FormMatcher::Dfa(dfa)) => Some(dfa.is_match(line, 0)),
                Some(FormMatcher::WordBoundary { ascii, regex }) => {
                    let ascii = has_ascii_words(line)
                        .then(|| ascii.get_or_init(|| self.ascii_dfa(form)).as_ref())
                        .flatten();
                    match ascii {
                        Some(dfa) => Some(dfa.is_match(line, 0)),
                        None => regex
                            .get_or_init(|| {
                                form_pattern(&self.pattern, form)
                                    .and_then(|p| compile_line_pattern(&p).ok())
                            })
                            .as_ref()
                            .map(|re| re.is_match(line)),
                    }
                }
                Some(FormMatcher::Written(m)) => Some(m.is_match(line)),
                None => None,
            };
            if let Some(answer) = answer {
                return answer;
            }
        }
        self.unicode
            .get_or_init(|| LineMatcher::new(&self.pattern))
            .is_match(line)
    }

    /// The lazy DFA of the pattern's `form` with ASCII word boundaries (see
    /// [`FormMatcher::WordBoundary`]).
    fn ascii_dfa(&self, form: Form) -> Option<ForwardDfa> {
        match form_dfa(
            &self.pattern,
            form,
            true,
            Words::Ascii,
            line_dfa_config(),
            line_nfa_config(),
        ) {
            FormDfa::Built(dfa) => Some(ForwardDfa::new(*dfa)),
            FormDfa::NotLazy | FormDfa::NoForm => None,
        }
    }
}

/// How a line pattern is matched. The engine only asks whether a pattern matches, never
/// where, so a forward lazy DFA answers: the `Regex` a pattern would otherwise compile to
/// also builds the reverse automaton (to find where a match starts) and capture states,
/// which took about half of the compile time, the bulk of a short run's start-up.
#[derive(Debug)]
enum LineMatcher {
    /// The forward lazy DFA, with one cache per worker thread.
    Dfa(ForwardDfa),
    /// Patterns a lazy DFA cannot run (a Unicode word boundary `\b`): the full regex engine.
    Regex(Regex),
}

impl LineMatcher {
    fn from_dfa(dfa: hybrid::dfa::DFA) -> Self {
        Self::Dfa(ForwardDfa::new(dfa))
    }

    fn new(pattern: &str) -> Self {
        match line_dfa(pattern) {
            Some(dfa) => Self::from_dfa(dfa),
            None => Self::Regex(compile_line_pattern(pattern).unwrap_or_else(|e| {
                // Built-in patterns are compiled by `builtin_patterns_compile`; user patterns
                // are compiled when the config is checked, under smaller default limits.
                panic!("line-rule pattern {pattern:?} was checked but fails: {e}")
            })),
        }
    }

    /// As [`LineMatcher::new`], `None` when the pattern does not compile.
    fn try_new(pattern: &str) -> Option<Self> {
        match line_dfa(pattern) {
            Some(dfa) => Some(Self::from_dfa(dfa)),
            None => compile_line_pattern(pattern).ok().map(Self::Regex),
        }
    }

    fn is_match(&self, line: &str) -> bool {
        match self {
            Self::Dfa(dfa) => dfa.is_match(line, 0),
            Self::Regex(re) => re.is_match(line),
        }
    }
}

/// The forward lazy DFA of a line pattern, compiled as [`compile_line_pattern`] compiles the
/// regex (case-insensitive, the same size limits), without capture states. `None` for a
/// pattern with a Unicode word boundary (or one the regex engine is to report).
fn line_dfa(pattern: &str) -> Option<hybrid::dfa::DFA> {
    hybrid::dfa::DFA::builder()
        .configure(line_dfa_config())
        .syntax(syntax::Config::new().case_insensitive(true))
        .thompson(line_nfa_config())
        .build(pattern)
        .ok()
}

fn line_dfa_config() -> hybrid::dfa::Config {
    hybrid::dfa::DFA::config().cache_capacity(16 << 20)
}

fn line_nfa_config() -> thompson::Config {
    thompson::Config::new()
        .nfa_size_limit(Some(64 << 20))
        .which_captures(thompson::WhichCaptures::None)
}

/// Compiles one line-rule pattern with the engine's settings.
fn compile_line_pattern(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(64 << 20)
        // Room for the lazy DFA of a pattern with large Unicode classes: when its cache keeps
        // filling up, the regex crate falls back to the PikeVM, a few hundred times slower per
        // line.
        .dfa_size_limit(16 << 20)
        .build()
}

/// Builder input: a rule and its raw patterns and phrases.
pub(crate) struct RuleSource {
    pub rule: CompiledRule,
    pub patterns: Vec<String>,
    pub phrases: Vec<String>,
}

impl LineEngine {
    /// Compiles the rules. Patterns are assumed valid (checked one by one by the caller, which
    /// can name the bad one, under the regex crate's default size limits, which are smaller
    /// than the engine's); each is compiled when a line first reaches it.
    pub(crate) fn new(sources: Vec<RuleSource>) -> Result<Self, regex::Error> {
        let mut rules = Vec::with_capacity(sources.len());
        let mut patterns = Vec::with_capacity(sources.len());
        let mut phrases = Vec::new();
        let mut phrase_rule = Vec::new();
        // Each gate literal cut to its first GATE_LITERAL_BYTES bytes and ASCII-lowercased,
        // with the gates it opens.
        // (hashed, then sorted once: see `Cues::build_gates`)
        let mut literals: std::collections::HashMap<Vec<u8>, Vec<usize>> = Default::default();
        let mut gate_count = 0;
        for (i, src) in sources.into_iter().enumerate() {
            let mut compiled = Vec::with_capacity(src.patterns.len());
            for p in src.patterns {
                let gate = gate_literals(&p).map(|lits| {
                    for mut lit in lits {
                        lit.make_ascii_lowercase();
                        let gates = literals.entry(lit).or_default();
                        if gates.last() != Some(&gate_count) {
                            gates.push(gate_count);
                        }
                    }
                    gate_count += 1;
                    gate_count - 1
                });
                compiled.push((LazyRegex::new(p), gate));
            }
            patterns.push(compiled);
            for p in src.phrases {
                phrases.push(text::normalize_line(&p));
                phrase_rule.push(i);
            }
            rules.push(src.rule);
        }
        let phrases = if phrases.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(&phrases).expect("phrase automaton within default size limits"))
        };
        let mut literals: Vec<_> = literals.into_iter().collect();
        literals.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (literals, literal_gates): (Vec<_>, Vec<_>) = literals.into_iter().unzip();
        let gates = if literals.is_empty() {
            None
        } else {
            // ASCII letters match in either case; other letters with case are spelled in each
            // case (see `case_variants`).
            Some(GateLiterals::new(&literals))
        };
        let max_words = rules.iter().map(|r| r.max_words).max().unwrap_or(0);
        Ok(Self {
            rules,
            patterns,
            gates,
            literal_gates,
            gate_count,
            phrases,
            phrase_rule,
            max_words,
        })
    }

    /// Indices of the rules that match the block wherever it stands, in rule order.
    /// `open` is scratch space for the gates.
    fn matches(
        &self,
        block: &Block,
        words: usize,
        host: Option<&str>,
        out: &mut Vec<usize>,
        open: &mut Vec<bool>,
        cues: &Cues,
    ) {
        out.clear();
        let trimmed = block.text.trim();
        if words > self.max_words || block.kind == BlockKind::Code {
            return;
        }
        let quoted = text::is_quoted_speech(trimmed);
        let form = form_of(trimmed);
        let mut scanned = false;
        // Whether a rule applies is cheap to tell and rules out most patterns for long lines,
        // so it is checked before any pattern runs.
        for (ri, (rule, patterns)) in self.rules.iter().zip(&self.patterns).enumerate() {
            if !rule.applies_to(block, words, host, quoted) {
                continue;
            }
            let hit = patterns.iter().any(|(re, gate)| {
                if let (Some(gate), Some(ac)) = (*gate, &self.gates) {
                    if !scanned {
                        open.clear();
                        open.resize(self.gate_count, false);
                        if has_ascii_fold_partner(trimmed) {
                            open.fill(true);
                        } else {
                            ac.scan(trimmed, |literal| {
                                for &g in &self.literal_gates[literal] {
                                    open[g] = true;
                                }
                                true
                            });
                        }
                        scanned = true;
                    }
                    if !open[gate] {
                        return false;
                    }
                }
                re.is_match(trimmed, form)
            });
            if hit {
                out.push(ri);
            }
        }
        if let Some(ac) = &self.phrases {
            let mut lowered = String::with_capacity(trimmed.len());
            text::normalize_into(&mut lowered, trimmed);
            for m in ac.find_overlapping_iter(&lowered) {
                let ri = self.phrase_rule[m.pattern().as_usize()];
                if self.rules[ri].applies_to(block, words, host, quoted) {
                    out.push(ri);
                }
            }
            out.sort_unstable();
            out.dedup();
        }
        if out.iter().any(|&ri| self.rules[ri].pitch) && cues.spares_pitch(trimmed) {
            out.retain(|&ri| !self.rules[ri].pitch);
        }
    }
}

/// Whether `line` has one of the two non-ASCII letters that a case-insensitive pattern matches
/// for an ASCII letter (KELVIN SIGN for `k`, LONG S for `s`), which an ASCII case-insensitive
/// literal scan would miss: such a line opens every gate.
pub(super) fn has_ascii_fold_partner(line: &str) -> bool {
    !line.is_ascii() && line.contains(['\u{212A}', '\u{17F}'])
}

/// A case-insensitive built-in regex searched only in text that holds one of the literals every
/// match holds ([`prefix_literals`]): text without them cannot match, and is spared the search
/// (an end-anchored regex builds new lazy-DFA states for nearly every new line ending).
///
/// A pattern whose top-level branches all end at the end of the text (`...$|...$`, as the
/// caption credits do) is searched branch by branch, each gated on its own literals: one weak
/// literal of one branch ("dr", ".") no longer opens the whole alternation, and each branch is
/// a small regex compiled when a line first opens it. The leftmost-first match of such an
/// alternation is the match of the branch that starts leftmost (every match ends at the end of
/// the text), so the answer is the whole regex's.
#[derive(Debug, Clone)]
pub(super) struct GatedRegex {
    pattern: String,
    /// Built on the first search.
    parts: OnceLock<GatedParts>,
}

#[derive(Debug, Clone)]
enum GatedParts {
    /// The pattern as one regex, with its gate.
    Whole {
        re: LatinRegex,
        gate: Option<GateLiterals>,
    },
    /// The end-anchored branches, each with its bit in the gate trie's masks (`None`:
    /// no literal, always searched).
    Branches {
        branches: Vec<(LatinRegex, Option<u32>)>,
        gates: Option<GateLiterals>,
        /// For each literal of `gates`, the branches it opens.
        literal_branches: Vec<u64>,
    },
}

impl GatedRegex {
    pub(super) fn new(pattern: String) -> Self {
        Self {
            pattern,
            parts: OnceLock::new(),
        }
    }

    fn parts(&self) -> &GatedParts {
        self.parts.get_or_init(|| {
            let Some(branches) = end_anchored_branches(&self.pattern) else {
                let gate =
                    gate_literals(&self.pattern).map(|literals| GateLiterals::new(&literals));
                return GatedParts::Whole {
                    re: LatinRegex::new(self.pattern.clone(), true),
                    gate,
                };
            };
            let mut literals: std::collections::BTreeMap<Vec<u8>, u64> = Default::default();
            let branches = (0u32..)
                .zip(branches)
                .map(|(bit, branch)| {
                    let gate = gate_literals(branch).map(|lits| {
                        for mut lit in lits {
                            lit.make_ascii_lowercase();
                            *literals.entry(lit).or_default() |= 1 << bit;
                        }
                        bit
                    });
                    (LatinRegex::new(branch, true), gate)
                })
                .collect();
            let (literals, literal_branches): (Vec<_>, Vec<_>) = literals.into_iter().unzip();
            let gates = Some(GateLiterals::new(&literals));
            GatedParts::Branches {
                branches,
                gates,
                literal_branches,
            }
        })
    }

    /// The leftmost-first match in `text`, as `Regex::find` gives it.
    pub(super) fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        match self.parts() {
            GatedParts::Whole { re, gate } => {
                if let Some(ac) = gate
                    && !has_ascii_fold_partner(text)
                    && !ac.any(text)
                {
                    return None;
                }
                // The forward DFA says whether there is a match at all for a third of the
                // compile instructions of the `Regex` that says where: most texts that pass
                // the gate have none.
                if !re.is_match(text) {
                    return None;
                }
                re.get(text).find(text)
            }
            GatedParts::Branches {
                branches,
                gates,
                literal_branches,
            } => {
                let open = match gates {
                    Some(ac) if !has_ascii_fold_partner(text) => {
                        let mut open = 0;
                        ac.scan(text, |literal| {
                            open |= literal_branches[literal];
                            true
                        });
                        open
                    }
                    _ => u64::MAX,
                };
                let mut leftmost: Option<regex::Match<'t>> = None;
                for (re, gate) in branches {
                    if gate.is_some_and(|bit| open & (1 << bit) == 0) {
                        continue;
                    }
                    if re.is_match(text)
                        && let Some(m) = re.get(text).find(text)
                        && leftmost.is_none_or(|l| m.start() < l.start())
                    {
                        leftmost = Some(m);
                    }
                }
                leftmost
            }
        }
    }
}

/// The top-level branches of `pattern` when there are two to 64 and each ends with `$` (the
/// end of the text: no flag directive sets multi-line mode), as written; `None` otherwise.
pub(super) fn end_anchored_branches(pattern: &str) -> Option<Vec<&str>> {
    use regex_syntax::ast::{AssertionKind, Ast};
    let branches = alternation_branches(pattern)?;
    branches
        .iter()
        .all(|(branch, _)| {
            let last = match branch {
                Ast::Concat(concat) => concat.asts.last(),
                other => Some(other),
            };
            last.is_some_and(|last| {
                matches!(last, Ast::Assertion(a)
                    if matches!(a.kind, AssertionKind::EndLine | AssertionKind::EndText))
            })
        })
        .then(|| branches.into_iter().map(|(_, text)| text).collect())
}

/// The top-level branches of `pattern` (`a|b|c`) found by scanning its text, as
/// [`alternation_branches`] finds them by parsing it: a `|` outside groups and classes and after
/// no escape. The cues split their long alternations at start-up, where a parse of every one
/// cost as much as the split saves. `None` under the same conditions: fewer than two or more than
/// 64 branches, or a bare flag group (`(?i)`) that would reach the branches after it.
pub(super) fn top_level_branches(pattern: &str) -> Option<Vec<&str>> {
    let bytes = pattern.as_bytes();
    let (mut depth, mut class_depth, mut start, mut i) = (0usize, 0usize, 0usize, 0usize);
    let mut branches = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            // an escape takes the next character; a multi-byte one's other bytes are no syntax
            b'\\' => i += 1,
            b'[' => {
                class_depth += 1;
                // a `]` first in a class (after an optional `^`) is a literal
                if bytes.get(i + 1) == Some(&b'^') {
                    i += 1;
                }
                if bytes.get(i + 1) == Some(&b']') {
                    i += 1;
                }
            }
            b']' if class_depth > 0 => class_depth -= 1,
            b'(' if class_depth == 0 => {
                let flags = bytes[i + 1..].strip_prefix(b"?").map(|rest| {
                    rest.iter()
                        .take_while(|b| b.is_ascii_alphabetic() || **b == b'-')
                });
                if depth == 0
                    && let Some(flags) = flags
                {
                    let len = flags.count();
                    if bytes.get(i + 2 + len) == Some(&b')') {
                        return None;
                    }
                }
                depth += 1;
            }
            b')' if class_depth == 0 => depth = depth.saturating_sub(1),
            b'|' if class_depth == 0 && depth == 0 => {
                branches.push(&pattern[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    branches.push(&pattern[start..]);
    (2..=64).contains(&branches.len()).then_some(branches)
}

/// The top-level branches of `pattern` (`a|b|c`), each parsed and as its slice of the pattern;
/// `None` when the pattern is no alternation, has more than 64 branches, or sets flags inside a
/// branch (they would reach the branches after it). A line matches the pattern exactly when it
/// matches one of them.
pub(super) fn alternation_branches(pattern: &str) -> Option<Vec<(regex_syntax::ast::Ast, &str)>> {
    use regex_syntax::ast::Ast;
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .ok()?;
    let Ast::Alternation(alternation) = &ast else {
        return None;
    };
    if alternation.asts.len() > 64 {
        return None;
    }
    alternation
        .asts
        .iter()
        .map(|branch| {
            if let Ast::Concat(concat) = branch
                && concat.asts.iter().any(|a| matches!(a, Ast::Flags(_)))
            {
                return None;
            }
            let span = branch.span();
            Some((branch.clone(), &pattern[span.start.offset..span.end.offset]))
        })
        .collect()
}

/// [`prefix_literals`] of `pattern`, each cut to [`GATE_LITERAL_BYTES`]: what a gate scans for.
///
/// Built-in patterns take theirs from a table generated from them
/// ([`gate_table::GATE_LITERALS`], checked by the test `gate_literal_table_is_current`):
/// extracting them parses every pattern, about 95 M instructions per process, a fifth of a
/// one-page run. Other patterns (user rules) are parsed here.
pub(super) fn gate_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let key = gate_table::pattern_key(pattern);
    if let Ok(i) = gate_table::GATE_LITERALS.binary_search_by_key(&key, |&(k, _)| k) {
        return gate_table::GATE_LITERALS[i]
            .1
            .map(|lits| lits.iter().map(|l| l.to_vec()).collect());
    }
    cut_gate_literals(prefix_literals(pattern))
}

/// [`gate_literals`] without the table: what the table is generated from.
#[cfg(test)]
pub(super) fn computed_gate_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    cut_gate_literals(prefix_literals(pattern))
}

/// Literals cut to [`GATE_LITERAL_BYTES`]: the prefix still occurs in every line the whole
/// literal occurs in.
fn cut_gate_literals(literals: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    literals.map(|lits| {
        lits.into_iter()
            .map(|mut l| {
                l.truncate(GATE_LITERAL_BYTES);
                l
            })
            .collect()
    })
}

/// Literals one of which occurs in every match of `pattern` (compiled case-insensitively, as
/// the rules are; the literals are meant for an ASCII case-insensitive search), or `None` when
/// there is no such short list: a pattern made only of classes and repetitions, or one that
/// can match the empty string.
///
/// The pattern is parsed case-sensitively (case-insensitive parsing spells out every case
/// variant: 2^n literals and 160 M instructions at start-up) and each literal's non-ASCII
/// letters with case, whose other cases an ASCII case-insensitive search would not find, are
/// spelled in each case ([`case_variants`]).
///
/// The literals need not start the match: every match of a sequence holds a match of each of
/// its parts, so the prefixes of any one part will do, and [`required_literals`] takes the
/// part whose shortest literal is longest (`^\W*(?:read more|...)` is gated on its phrases,
/// `\s(?:getty|afp)\W*$` on its agencies). Unicode classes are replaced by a large ASCII
/// class before parsing: either way the extractor stops at them (too many characters to
/// enumerate), and translating the real classes case-insensitively cost about 100 ms at
/// start-up.
pub(super) fn prefix_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&ascii_classes(pattern))
        .ok()?;
    required_literals(&hir)
}

/// Literals one of which occurs in every match of `hir` (see [`prefix_literals`]): its own
/// prefixes, those of one part of a sequence, or one list per branch of an alternation,
/// whichever has the longest shortest literal.
fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    // Gates keep GATE_LITERAL_BYTES of each literal: longer ones select no better.
    let selectivity = |l: &Vec<Vec<u8>>| {
        let shortest = l.iter().map(Vec::len).min().unwrap_or(0);
        (shortest.min(GATE_LITERAL_BYTES), std::cmp::Reverse(l.len()))
    };
    let better = |a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>| match (a, b) {
        (Some(a), Some(b)) => Some(if selectivity(&b) > selectivity(&a) {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    };
    if let HirKind::Capture(c) = hir.kind() {
        return required_literals(&c.sub);
    }
    let own = regex_syntax::hir::literal::Extractor::new()
        .extract(hir)
        .literals()
        .map(|lits| {
            lits.iter()
                .flat_map(|l| case_variants(l.as_bytes()))
                .collect::<Vec<_>>()
        })
        .filter(|lits| !lits.is_empty() && lits.iter().all(|l| !l.is_empty()));
    if own
        .as_ref()
        .is_some_and(|l| selectivity(l).0 == GATE_LITERAL_BYTES)
    {
        return own;
    }
    let inner = match hir.kind() {
        HirKind::Concat(parts) => parts.iter().map(required_literals).fold(None, better),
        HirKind::Repetition(r) if r.min >= 1 => required_literals(&r.sub),
        // each branch's own list, even when the whole alternation has one: the extractor cuts
        // the alternation's literals short (before a non-ASCII letter with case, `u[żz]ywamy`
        // as `u`), where a branch's other part may still give a long one (`cookies`)
        HirKind::Alternation(branches) => branches
            .iter()
            .map(required_literals)
            .collect::<Option<Vec<_>>>()
            .map(|lists| lists.concat()),
        _ => None,
    };
    better(own, inner)
}

/// Most spellings of one literal in [`case_variants`].
const MAX_CASE_VARIANTS: usize = 16;

/// `literal` spelled for an ASCII case-insensitive search (a gate lowercases ASCII letters in
/// the literal and in the line): each non-ASCII letter that has case in each of the cases a
/// case-insensitive pattern matches for it (its simple case folding: `für` as `für` and
/// `fÜr`), so that the line holds one of the spellings wherever it holds a match. The
/// spellings stop before a letter that would make more than [`MAX_CASE_VARIANTS`] of them,
/// and once each is [`GATE_LITERAL_BYTES`] long (the gate cuts them there); a literal cut
/// inside a character by the extractor keeps its whole characters.
fn case_variants(literal: &[u8]) -> Vec<Vec<u8>> {
    let text = match std::str::from_utf8(literal) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&literal[..e.valid_up_to()]).unwrap_or_default(),
    };
    let mut variants = vec![Vec::new()];
    for c in text.chars() {
        if variants.iter().all(|v| v.len() >= GATE_LITERAL_BYTES) {
            break;
        }
        let cases: Vec<char> = if !c.is_ascii() && c.to_lowercase().ne(c.to_uppercase()) {
            let mut class =
                regex_syntax::hir::ClassUnicode::new([regex_syntax::hir::ClassUnicodeRange::new(
                    c, c,
                )]);
            class.case_fold_simple();
            class.iter().flat_map(|r| r.start()..=r.end()).collect()
        } else {
            vec![c]
        };
        if variants.len() * cases.len() > MAX_CASE_VARIANTS {
            break;
        }
        variants = variants
            .iter()
            .flat_map(|v| {
                cases.iter().map(move |&case| {
                    let mut v = v.clone();
                    v.extend_from_slice(case.encode_utf8(&mut [0; 4]).as_bytes());
                    v
                })
            })
            .collect();
    }
    variants
}

/// `pattern` with its Unicode class escapes (`\w \W \d \D \s \S \pL \p{..} \P{..}`) replaced by
/// the class of all ASCII characters. Used only for literal extraction, where a class of more
/// than a few characters ends the literal either way.
fn ascii_classes(pattern: &str) -> String {
    const ANY_ASCII: &str = r"[\x00-\x7F]";
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('w' | 'W' | 'd' | 'D' | 's' | 'S') => out.push_str(ANY_ASCII),
            Some('p' | 'P') => {
                if chars.next() == Some('{') {
                    for n in chars.by_ref() {
                        if n == '}' {
                            break;
                        }
                    }
                }
                out.push_str(ANY_ASCII);
            }
            Some(e) => {
                out.push('\\');
                out.push(e);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Which rule removed a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleRef {
    Line(usize),
    SiteProfile,
    Duplicate,
    InlineHeadline,
    EdgeLabel,
    TeaserRail,
    TitleRepeat,
    Learned,
    /// A shape-and-place cue of `cues.rs`, by name.
    Cue(&'static str),
}

/// Context the pass needs besides the rules.
pub(crate) struct PassOptions<'a> {
    pub inline_headline: bool,
    pub duplicate_block: bool,
    pub edge_label: bool,
    pub teaser_rail: bool,
    /// Per block: true when it is one line of a multi-line block (see `mod.rs`). Such lines
    /// get the line rules but not the shape rules (`edge_label`, `teaser_rail`): a short line
    /// of a poem or an address is not a label. Empty means no fragments.
    pub fragment: &'a [bool],
    /// Key ([`text::line_key`]) of the article's title, when `title_repeat` is on.
    pub title: Option<u64>,
    /// The site profile of this page's host: keys ([`text::line_key`]) of lines to drop.
    pub profile: Option<&'a dyn Fn(u64) -> bool>,
    /// The line model of `learned_boilerplate`, when it is on.
    pub learned: Option<&'a learned::Model>,
    /// The shape-and-place cues (`cues.rs`), each switched on or off; their guards also
    /// spare reported speech from the pitch rules.
    pub cues: &'a Cues,
}

/// Decides, for every block, whether a rule removes it. Returns one entry per block.
pub(crate) fn decide(
    engine: &LineEngine,
    blocks: &[Block],
    host: Option<&str>,
    opts: &PassOptions<'_>,
) -> Vec<Option<RuleRef>> {
    let found = Findings::of(engine, blocks, host, opts);
    let anchors: Vec<bool> = (0..blocks.len())
        .map(|i| found.is_anchor(blocks, i))
        .collect();
    let (mut decision, cut_from) = by_position(engine, blocks, opts, &found, &anchors);
    drop_with_next(engine, blocks, &anchors, &mut decision);
    if let Some((start, ri)) = cut_from {
        for d in decision.iter_mut().skip(start + 1) {
            if d.is_none() {
                *d = Some(RuleRef::Line(ri));
            }
        }
    }
    spare_date_lists(engine, blocks, &mut decision);
    between_paragraphs(engine, opts, &found, &anchors, &mut decision);
    if opts.teaser_rail {
        mark_teaser_rail(blocks, &found.words, opts.fragment, &mut decision);
    }
    decision
}

/// Most words of a byline that names the writer of a bio (see `Findings::context_cues`).
const BYLINE_MAX_WORDS: usize = 20;
/// Fewest words of a line of advice that the learned model leaves to the story.
const ADVICE_MIN_WORDS: usize = 8;
/// Fewest letters of a word that carries a topic; its stem is this many first letters (so
/// "telecamera" and "telecamere" are one topic word).
const TOPIC_STEM_CHARS: usize = 5;
/// Fewest topic stems a line of advice shares with the rest of the article.
const ADVICE_SHARED_STEMS: usize = 2;

/// The article's topic words: for each stem (see [`TOPIC_STEM_CHARS`]), how many blocks hold it.
struct Topic(std::collections::HashMap<String, usize>);

impl Topic {
    fn of(blocks: &[Block]) -> Self {
        let mut counts = std::collections::HashMap::new();
        for b in blocks {
            for stem in topic_stems(&b.text) {
                *counts.entry(stem).or_insert(0) += 1;
            }
        }
        Topic(counts)
    }
}

/// The distinct stems of the line's long words, lowercased.
fn topic_stems(t: &str) -> std::collections::HashSet<String> {
    t.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= TOPIC_STEM_CHARS)
        .map(|w| w.to_lowercase().chars().take(TOPIC_STEM_CHARS).collect())
        .collect()
}

/// Guard on `learned_boilerplate`: a full sentence of advice in the story's own topic is
/// story ("Write your neighbour a registered letter asking them to turn the camera away" in a
/// column on a neighbour's camera). It ends like a sentence, names no reader convention, price
/// or outlet, and shares [`ADVICE_SHARED_STEMS`] topic words with other blocks of the article;
/// a pitch speaks of the site, not of the story's subject.
fn topical_advice(blocks: &[Block], i: usize, words: usize, cues: &Cues, topic: &Topic) -> bool {
    let t = blocks[i].text.trim();
    words >= ADVICE_MIN_WORDS
        && text::ends_like_sentence(t)
        && !cues.names_convention(t)
        && topic_stems(t)
            .iter()
            .filter(|s| topic.0.get(*s).copied().unwrap_or(0) >= 2)
            .count()
            >= ADVICE_SHARED_STEMS
}

/// What the first pass over the blocks finds, per block.
struct Findings {
    /// Line rules whose pattern matches (their position is checked later).
    matched: Vec<Vec<usize>>,
    /// A whole-block rule that removes it: title repeat, site profile or duplicate.
    extra: Vec<Option<RuleRef>>,
    /// The cue (`cues.rs`) that matches the line, with the zone where it may remove it.
    cue: Vec<Option<CueMatch>>,
    /// A paragraph shaped like a headline.
    title_like: Vec<bool>,
    /// A headline-shaped paragraph that opens a turn of an interview ("Q: ...?"): it counts
    /// towards a run of headline-shaped lines, but `inline_headline` never removes it.
    speaker_turn: Vec<bool>,
    /// Words.
    words: Vec<usize>,
}

impl Findings {
    fn of(
        engine: &LineEngine,
        blocks: &[Block],
        host: Option<&str>,
        opts: &PassOptions<'_>,
    ) -> Self {
        let n = blocks.len();
        let mut f = Findings {
            matched: vec![Vec::new(); n],
            extra: vec![None; n],
            cue: vec![None; n],
            title_like: vec![false; n],
            speaker_turn: vec![false; n],
            words: blocks.iter().map(|b| text::word_count(&b.text)).collect(),
        };
        let mut scratch = Vec::new();
        let mut open = Vec::new();
        let mut seen_kept: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let mut key_buf = String::new();
        let mut features = learned::FeatureScratch::default();
        let mut topic: Option<Topic> = None;
        // how many blocks open with each character (a pictograph that opens several lines
        // marks a list; see `Cues::classify`)
        let mut openers: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
        for b in blocks {
            if let Some(c) = b.text.trim_start().chars().next()
                && !c.is_alphanumeric()
            {
                *openers.entry(c).or_default() += 1;
            }
        }
        for (i, block) in blocks.iter().enumerate() {
            engine.matches(block, f.words[i], host, &mut scratch, &mut open, opts.cues);
            f.matched[i].clone_from(&scratch);
            let trimmed = block.text.trim();
            let fragment = opts.fragment.get(i).copied().unwrap_or(false);
            // The model judges the line alone (text, kind, fragment), so its verdict is the same
            // in every pass, like a site-profile line; a title repeat still takes precedence.
            if let Some(model) = opts.learned
                && model.removes(&mut features, block.kind, fragment, trimmed)
                && !topical_advice(
                    blocks,
                    i,
                    f.words[i],
                    opts.cues,
                    topic.get_or_insert_with(|| Topic::of(blocks)),
                )
            {
                f.extra[i] = Some(RuleRef::Learned);
            }
            let lone = trimmed
                .chars()
                .next()
                .is_some_and(|c| openers.get(&c).copied().unwrap_or(0) <= 1);
            f.cue[i] = opts.cues.classify(block.kind, trimmed, f.words[i], lone);
            f.title_like[i] = block.kind == BlockKind::Paragraph
                && !opts.fragment.get(i).copied().unwrap_or(false)
                && (text::looks_like_title_case_headline(trimmed)
                    || text::looks_like_sentence_case_headline(trimmed));
            f.speaker_turn[i] = f.title_like[i] && text::is_speaker_turn(trimmed);
            let wants_key = opts.duplicate_block
                || opts.profile.is_some()
                || (opts.title.is_some() && i < TITLE_REPEAT_MAX_INDEX);
            let key = wants_key.then(|| text::line_key(&mut key_buf, trimmed));
            if let Some(key) = key {
                f.whole_block_rules(opts, block, i, key, &mut seen_kept);
            }
        }
        f.context_cues(blocks, opts.cues);
        f.overrule_learned_when_it_takes_most();
        f
    }

    /// The cues that need the article (see `Cues::in_context`), for paragraphs no cue took.
    /// The writer's full name is in a byline: a short paragraph before the article's first
    /// full sentence that no rule or cue matched; and the surname (or the first name, for a bio that gives it alone) is in
    /// no story sentence of the article.
    fn context_cues(&mut self, blocks: &[Block], cues: &Cues) {
        let sentence: Vec<bool> = (0..blocks.len())
            .map(|j| self.words[j] >= ANCHOR_MIN_WORDS && text::ends_like_sentence(&blocks[j].text))
            .collect();
        // a disclosure or a prompt above the byline is no story sentence
        let first_sentence = (0..blocks.len())
            .position(|j| sentence[j] && self.cue[j].is_none() && self.matched[j].is_empty())
            .unwrap_or(0);
        let words_of = |j: usize| {
            blocks[j]
                .text
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .filter(|w| !w.is_empty())
        };
        let holds = |j: usize, word: &str| words_of(j).any(|w| w == word);
        // how many story sentences hold each word, built on the first bio-shaped line
        let mut in_sentences: Option<std::collections::HashMap<&str, usize>> = None;
        let mut found = Vec::new();
        for i in first_sentence..blocks.len() {
            if self.cue[i].is_some() {
                continue;
            }
            // the byline names the writer in full; a bio may give the first name alone
            let bylined = |first: &str, surname: Option<&str>| {
                (0..first_sentence).any(|j| {
                    blocks[j].kind == BlockKind::Paragraph
                        && self.words[j] <= BYLINE_MAX_WORDS
                        && match surname {
                            Some(surname) => holds(j, first) && holds(j, surname),
                            None => holds_full_name(&blocks[j].text, first),
                        }
                })
            };
            let writer = |first: &str, surname: Option<&str>, bio_verb: bool| {
                let key = surname.unwrap_or(first);
                (surname.is_some() || bio_verb) && bylined(first, surname) && {
                    let counts = in_sentences.get_or_insert_with(|| {
                        let mut counts = std::collections::HashMap::new();
                        for j in (0..blocks.len()).filter(|&j| sentence[j]) {
                            let distinct: std::collections::HashSet<&str> = words_of(j).collect();
                            for w in distinct {
                                *counts.entry(w).or_insert(0) += 1;
                            }
                        }
                        counts
                    });
                    let own = usize::from(sentence[i] && holds(i, key));
                    counts.get(key).copied().unwrap_or(0) <= own
                }
            };
            if let Some(cue) =
                cues.in_context(blocks[i].kind, blocks[i].text.trim(), self.words[i], writer)
            {
                found.push((i, cue));
            }
        }
        for (i, cue) in found {
            self.cue[i] = Some(cue);
        }
    }

    /// The model is a second opinion on single lines: when its verdicts would take more than
    /// half of the article's words, the page is unlike the ones it learned from (the rules and
    /// the extractor call it content), and its verdicts on this page are dropped. The share only
    /// grows as other rules remove lines, so a second pass agrees.
    fn overrule_learned_when_it_takes_most(&mut self) {
        let is_learned = |e: &Option<RuleRef>| matches!(e, Some(RuleRef::Learned));
        let learned: usize = self
            .extra
            .iter()
            .zip(&self.words)
            .filter(|(e, _)| is_learned(e))
            .map(|(_, w)| w)
            .sum();
        let total: usize = self.words.iter().sum();
        if learned > 0 && learned * 2 > total {
            self.extra
                .iter_mut()
                .filter(|e| is_learned(e))
                .for_each(|e| *e = None);
        }
    }

    /// The whole-block rules for block `i` with line key `key`, in order of precedence:
    /// a repeat of the title near the top, a line of the host's site profile, a repeat of an
    /// earlier block that stays (`seen_kept`).
    fn whole_block_rules(
        &mut self,
        opts: &PassOptions<'_>,
        block: &Block,
        i: usize,
        key: u64,
        seen_kept: &mut std::collections::HashSet<u64>,
    ) {
        let trimmed = block.text.trim();
        if opts.title == Some(key) && i < TITLE_REPEAT_MAX_INDEX {
            // overrides a learned_boilerplate verdict: the repeat is the more specific name
            self.extra[i] = Some(RuleRef::TitleRepeat);
        }
        if let Some(profile) = opts.profile
            && !matches!(block.kind, BlockKind::Heading(_) | BlockKind::Code)
            && !text::is_quoted_speech(trimmed)
            && self.extra[i].is_none()
            && profile(key)
        {
            self.extra[i] = Some(RuleRef::SiteProfile);
        }
        if opts.duplicate_block
            && matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::Quote | BlockKind::Caption
            )
            && self.words[i] >= DUPLICATE_MIN_WORDS
            && !text::is_quoted_speech(trimmed)
        {
            // A repeat counts only against earlier blocks that are certain to stay (no rule
            // matched them and they cannot be inline headlines): then a second run, which
            // still has that earlier block, agrees.
            if seen_kept.contains(&key) {
                if self.extra[i].is_none() {
                    self.extra[i] = Some(RuleRef::Duplicate);
                }
            } else if self.matched[i].is_empty()
                && self.extra[i].is_none()
                && self.cue[i].is_none()
                && !self.title_like[i]
            {
                seen_kept.insert(key);
            }
        }
    }

    /// A body paragraph no rule touches: prose of at least [`ANCHOR_MIN_WORDS`] that ends
    /// like a sentence. The article's head and tail are the blocks outside the anchors.
    fn is_anchor(&self, blocks: &[Block], i: usize) -> bool {
        let b = &blocks[i];
        matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote
        ) && self.matched[i].is_empty()
            && self.extra[i].is_none()
            && self.cue[i].is_none()
            && self.words[i] >= ANCHOR_MIN_WORDS
            && (text::ends_like_sentence(&b.text) || is_long_prose(&b.text, self.words[i]))
    }
}

/// The first matched line rule whose position fits each block (head, tail, anywhere), else
/// its whole-block rule, else an edge label in the head or tail. Also returns where the first
/// drop-to-end rule cuts (block and rule).
fn by_position(
    engine: &LineEngine,
    blocks: &[Block],
    opts: &PassOptions<'_>,
    found: &Findings,
    anchors: &[bool],
) -> (Vec<Option<RuleRef>>, Option<(usize, usize)>) {
    let n = blocks.len();
    let first_anchor = anchors.iter().position(|&a| a).unwrap_or(n);
    let last_anchor = anchors.iter().rposition(|&a| a);
    // the cues' tail starts after the last full paragraph of the body: the short anchors after
    // it are the closing lines of the story or of the page
    let last_body = (0..n).rposition(|i| anchors[i] && found.words[i] >= SOFT_TAIL_MIN_WORDS);
    let mut decision: Vec<Option<RuleRef>> = vec![None; n];
    let mut cut_from: Option<(usize, usize)> = None;
    let fits = |ri: usize, i: usize| {
        let in_head = i < first_anchor;
        let in_tail = last_anchor.is_none_or(|l| i > l);
        match engine.rules[ri].position {
            Position::Anywhere => true,
            Position::Head => in_head,
            Position::Tail => in_tail,
            Position::Edges => in_head || in_tail,
            // decided in `between_paragraphs`, once the other removals are known
            Position::BetweenParagraphs => false,
        }
    };
    // Lines that cut-teaser rules match where they apply: a list of them, or one alone.
    let cut: Vec<usize> = (0..n)
        .filter(|&i| {
            found.matched[i]
                .iter()
                .any(|&ri| engine.rules[ri].cut_teaser && fits(ri, i))
        })
        .collect();
    let cut_lines = cut.len();
    // A list of cut previews that holds most of the page's words is the page itself (search
    // results, classifieds, an archive of post excerpts), not a rail after a story: it stays.
    let cut_words: usize = cut.iter().map(|&i| found.words[i]).sum();
    let previews_are_page = cut_words * 2 > found.words.iter().sum::<usize>();
    for i in 0..n {
        let in_head = i < first_anchor;
        let in_tail = last_anchor.is_none_or(|l| i > l);
        for &ri in &found.matched[i] {
            let rule = &engine.rules[ri];
            let listed = !rule.cut_teaser
                || (cut_lines >= CUT_TEASER_MIN_LINES && !previews_are_page)
                || text::looks_like_title_case_headline(
                    blocks[i].text.trim().trim_end_matches(['…', '.']),
                );
            if fits(ri, i) && listed {
                decision[i] = Some(RuleRef::Line(ri));
                if rule.action == Action::DropToEnd && cut_from.is_none() {
                    cut_from = Some((i, ri));
                }
                break;
            }
        }
        if decision[i].is_none()
            && let Some(cue) = found.cue[i]
        {
            // the notes, prompts and credits that close a page; a bio's shape fits a story's
            // own closing sentence about a person, and fields and widgets a forum's short posts
            // and signatures, so those keep to the strict tail
            let in_tail = in_tail
                || (super::cues::SOFT_TAIL_CUES.contains(&cue.name)
                    && found.words[i] <= SOFT_TAIL_LINE_MAX_WORDS
                    && last_body.is_none_or(|l| i > l));
            let fits = match cue.position {
                Position::Anywhere => true,
                Position::Head => in_head,
                Position::Tail => in_tail,
                Position::Edges | Position::BetweenParagraphs => in_head || in_tail,
            };
            if fits {
                decision[i] = Some(RuleRef::Cue(cue.name));
            }
        }
        if decision[i].is_none() {
            decision[i] = found.extra[i];
        }
        if decision[i].is_none()
            && opts.edge_label
            && !opts.fragment.get(i).copied().unwrap_or(false)
            && (in_head || in_tail)
            && is_edge_label(&blocks[i])
        {
            decision[i] = Some(RuleRef::EdgeLabel);
        }
    }
    (decision, cut_from)
}

/// Undoes `timestamp` on every run of at least [`DATE_LIST_MIN_RUN`] blocks in a row that
/// it matched, all different and not all opening with the same word: a list of dates is the
/// page's content. A dateline split over lines repeats itself ("Posted: 2:51 pm", "March 12,
/// 2009", "Updated: 2:52 pm", "March 12, 2009"), and the signature lines of a comment
/// thread repeat their label ("Posted by: …"); the entries of a schedule do neither.
fn spare_date_lists(engine: &LineEngine, blocks: &[Block], decision: &mut [Option<RuleRef>]) {
    // a dated header (`shapes.rs`) in a list of dates is an entry of a schedule too
    let is_date = |k: usize, d: &Option<RuleRef>| match d {
        Some(RuleRef::Line(ri)) => engine.rules[*ri].name == TIMESTAMP,
        Some(RuleRef::Cue(_)) => shapes::is_dated_header(blocks[k].text.trim()),
        _ => false,
    };
    let mut start = 0;
    while start < decision.len() {
        if !is_date(start, &decision[start]) {
            start += 1;
            continue;
        }
        let end = (start..decision.len())
            .find(|&k| !is_date(k, &decision[k]))
            .unwrap_or(decision.len());
        let distinct = (start..end)
            .all(|a| (a + 1..end).all(|b| blocks[a].text.trim() != blocks[b].text.trim()));
        let first_word = |k: usize| {
            blocks[k]
                .text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase()
        };
        let one_label = (start + 1..end).all(|k| first_word(k) == first_word(start));
        if end - start >= DATE_LIST_MIN_RUN && distinct && !one_label {
            decision[start..end].iter_mut().for_each(|d| *d = None);
        }
        start = end;
    }
}

/// A drop-with-next rule also removes the block after it when that block is short, not a
/// sentence, not a heading or code, and not an anchor.
fn drop_with_next(
    engine: &LineEngine,
    blocks: &[Block],
    anchors: &[bool],
    decision: &mut [Option<RuleRef>],
) {
    for i in 0..blocks.len().saturating_sub(1) {
        if let Some(RuleRef::Line(ri)) = decision[i]
            && engine.rules[ri].action == Action::DropWithNext
            && decision[i + 1].is_none()
            && !anchors[i + 1]
        {
            let next = blocks[i + 1].text.trim();
            if text::word_count(next) <= text::TITLE_MAX_WORDS
                && !text::ends_like_sentence(next)
                && !matches!(blocks[i + 1].kind, BlockKind::Heading(_) | BlockKind::Code)
            {
                decision[i + 1] = Some(RuleRef::Line(ri));
            }
        }
    }
}

/// Blocks between two body paragraphs. Neighbours are the nearest blocks that stay: a credit
/// line removed next to a headline must not hide it, since a second run would see the
/// headline between paragraphs. Only non-anchors go here, so no neighbour changes under us.
/// Inline headlines are decided last: a lone one is a related-story link, several are the
/// article's own section headings (see [`INLINE_HEADLINE_MAX`]). Deciding them after the
/// loop changes no neighbour test, since a headline next to another candidate never has
/// body paragraphs on both sides.
fn between_paragraphs(
    engine: &LineEngine,
    opts: &PassOptions<'_>,
    found: &Findings,
    anchors: &[bool],
    decision: &mut [Option<RuleRef>],
) {
    let n = decision.len();
    let mut headlines = Vec::new();
    for i in 0..n {
        if decision[i].is_some() {
            continue;
        }
        let between_rule = found.matched[i]
            .iter()
            .copied()
            .find(|&ri| engine.rules[ri].position == Position::BetweenParagraphs);
        let headline = opts.inline_headline && found.title_like[i];
        if between_rule.is_none() && !headline {
            continue;
        }
        let prev = (0..i).rev().find(|&j| decision[j].is_none());
        let next = (i + 1..n).find(|&j| decision[j].is_none());
        if let (Some(p), Some(q)) = (prev, next)
            && anchors[p]
            && anchors[q]
        {
            match between_rule {
                Some(ri) => decision[i] = Some(RuleRef::Line(ri)),
                None => headlines.push(i),
            }
        }
    }
    if headlines.len() <= INLINE_HEADLINE_MAX {
        for i in headlines.into_iter().filter(|&i| !found.speaker_turn[i]) {
            decision[i] = Some(RuleRef::InlineHeadline);
        }
    }
}

/// Longest block (words) that can belong to a rail of teasers at the end of the article: a
/// section label, a headline or a one- or two-sentence dek.
pub(crate) const RAIL_BLOCK_MAX_WORDS: usize = 40;
/// Fewest teaser cards (a title-case headline directly followed by a one- or two-sentence dek)
/// in a rail: one or two are a story's closing subheadings.
pub(crate) const RAIL_MIN_CARDS: usize = 3;

/// `teaser_rail`: the run of short kept blocks at the very end of the article, when it is made
/// of related-article cards: section labels (at most [`EDGE_LABEL_MAX_WORDS`] words), title-case
/// headlines and sentence-ending deks, with at least [`RAIL_MIN_CARDS`] headline-then-dek pairs
/// (and as many labels when the headlines are headings). The rail starts at its first label or
/// headline, so short story paragraphs before it stay.
/// The run stops at the first block, from the end, that is long, spans several lines, is a
/// heading, code or a table row, or fits none of the three shapes; so once the rail is gone the
/// new tail is never a rail (the pass stays idempotent). Lists of titles without deks (reading
/// lists, CV entries, repeated captions) are not rails.
fn mark_teaser_rail(
    blocks: &[Block],
    words: &[usize],
    fragment: &[bool],
    decision: &mut [Option<RuleRef>],
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Shape {
        Label,
        Headline,
        Dek,
    }
    let shape = |i: usize| -> Option<Shape> {
        let b = &blocks[i];
        let t = b.text.trim();
        if !matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Caption | BlockKind::Heading(_)
        ) || words[i] > RAIL_BLOCK_MAX_WORDS
            || t.contains('\n')
            || fragment.get(i).copied().unwrap_or(false)
        {
            return None;
        }
        // a headline may be a question or sit in quotation marks
        let core = t
            .trim_matches(|c: char| "‘’“”\"'«»„".contains(c))
            .trim_end_matches('?');
        if text::looks_like_title_case_headline(core) {
            Some(Shape::Headline)
        } else if matches!(b.kind, BlockKind::Heading(_)) {
            None
        } else if text::ends_like_sentence(t) {
            Some(Shape::Dek)
        } else if words[i] <= EDGE_LABEL_MAX_WORDS {
            Some(Shape::Label)
        } else {
            None
        }
    };
    // (block, shape) from the end backwards
    let mut run: Vec<(usize, Shape)> = Vec::new();
    for i in (0..blocks.len()).rev() {
        if decision[i].is_some() {
            continue;
        }
        match shape(i) {
            Some(sh) => run.push((i, sh)),
            None => break,
        }
    }
    // The rail starts at its first label or headline: sentences before that are the story's
    // own short closing paragraphs.
    while run.last().is_some_and(|&(_, sh)| sh == Shape::Dek) {
        run.pop();
    }
    // run is reversed: a card is a dek at k whose predecessor in document order (k + 1) is a
    // headline
    let cards = (0..run.len().saturating_sub(1))
        .filter(|&k| {
            run[k].1 == Shape::Dek
                && words[run[k].0] >= ANCHOR_MIN_WORDS
                && run[k + 1].1 == Shape::Headline
        })
        .count();
    // Cards whose headline is a real heading need section labels (kickers) as well: headings
    // each followed by one short paragraph are also how listicles and FAQs end.
    let heading_cards = (0..run.len().saturating_sub(1))
        .filter(|&k| {
            run[k].1 == Shape::Dek
                && run[k + 1].1 == Shape::Headline
                && matches!(blocks[run[k + 1].0].kind, BlockKind::Heading(_))
        })
        .count();
    let labels = run.iter().filter(|(_, sh)| *sh == Shape::Label).count();
    let labelled = heading_cards == 0 || labels >= RAIL_MIN_CARDS;
    // The rail must not be the whole article.
    let story_before = run.len() < decision.iter().filter(|d| d.is_none()).count();
    if cards >= RAIL_MIN_CARDS && labelled && story_before {
        for (i, _) in run {
            decision[i] = Some(RuleRef::TeaserRail);
        }
    }
}

/// A short paragraph or caption without a sentence ending (a trailing colon is allowed:
/// "Share this:"), not a salutation or sign-off, not quoted speech, without digits unless it is a single word, and not Chinese or
/// Japanese (written without spaces, so one "word" may be a sentence).
fn is_edge_label(block: &Block) -> bool {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Caption) {
        return false;
    }
    let t = block.text.trim();
    let without_colon = t.strip_suffix(':').unwrap_or(t);
    // In Chinese and Japanese a one-"word" line can be a whole sentence (a story's closing
    // "おしまい", "the end"): the word count cannot tell a label from text there.
    if text::is_cjk_text(t) {
        return false;
    }
    // A line that ends with a comma runs on into the next block (a letter's salutation,
    // "Liebe Leserinnen und Leser,"), and a sign-off closes the author's own post: neither is a
    // label, however short; nor is a post's "via <site>" attribution.
    if t.ends_with(',') || text::is_sign_off(t) || text::is_source_attribution(t) {
        return false;
    }
    // Lines without a letter or digit are separators, left to `symbol_line`, which spares
    // emoticons ("=)", "^^").
    if !t.chars().any(char::is_alphanumeric) {
        return false;
    }
    let words = text::word_count(t);
    // digits mark a citation or a date ("Quelle: Science, DOI 10.1126/…"), except in a
    // one-word counter ("1.2K")
    words <= EDGE_LABEL_MAX_WORDS
        && (words == 1 || !t.chars().any(|c| c.is_ascii_digit()))
        && !text::ends_like_sentence(without_colon)
        && !text::is_quoted_speech(t)
}

/// Name reported for a rule reference.
pub(crate) fn rule_name(engine: &LineEngine, r: RuleRef) -> Cow<'static, str> {
    match r {
        RuleRef::Line(i) => engine.rules[i].name.clone(),
        RuleRef::SiteProfile => Cow::Borrowed(SITE_PROFILE),
        RuleRef::Duplicate => Cow::Borrowed(DUPLICATE_BLOCK),
        RuleRef::InlineHeadline => Cow::Borrowed(INLINE_HEADLINE),
        RuleRef::EdgeLabel => Cow::Borrowed(EDGE_LABEL),
        RuleRef::TeaserRail => Cow::Borrowed(TEASER_RAIL),
        RuleRef::TitleRepeat => Cow::Borrowed(TITLE_REPEAT),
        RuleRef::Learned => Cow::Borrowed(learned::LEARNED_BOILERPLATE),
        RuleRef::Cue(name) => Cow::Borrowed(name),
    }
}

/// Whether a byline holds `first` followed by a capitalised word: the writer's full name, of
/// which a bio gave the first name alone ("By Harriet Ossington" for "Harriet covers ...").
fn holds_full_name(byline: &str, first: &str) -> bool {
    let mut ws = byline
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| !w.is_empty())
        .peekable();
    while let Some(w) = ws.next() {
        if w == first && ws.peek().is_some_and(|n| n.starts_with(char::is_uppercase)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latin::{assert_forms_are_the_pattern, latin_pattern};

    #[test]
    fn prefix_literals_of_patterns() {
        // the most selective part of a sequence: the agencies, not the separators
        let agencies = prefix_literals(r"[/|]\s*(?:getty|afp)\W*$").unwrap();
        assert_eq!(agencies, vec![b"getty".to_vec(), b"afp".to_vec()]);
        let copy = prefix_literals(r"\(c\)\s*\p{Lu}").unwrap();
        assert!(copy.contains(&b"(c)".to_vec()));
        // a line pattern: what follows `^\W*` is in every match
        let photo = prefix_literals(r"^\W*photo:").unwrap();
        assert!(photo.contains(&b"photo:".to_vec()));
        // a non-ASCII letter with case in each of its cases, other characters as they are
        let umlaut = prefix_literals(r"n[äa]chste").unwrap();
        for spelling in ["nächste", "nÄchste", "nachste"] {
            assert!(umlaut.contains(&spelling.as_bytes().to_vec()), "{umlaut:?}");
        }
        let similar = prefix_literals(r"^\W*ähnlich").unwrap();
        assert_eq!(
            similar,
            vec!["Ähnlich".as_bytes().to_vec(), "ähnlich".as_bytes().to_vec()]
        );
        let kana = prefix_literals("続きを読む").unwrap();
        // (whole characters up to GATE_LITERAL_BYTES, what the gate keeps)
        assert!(kana.contains(&"続きを".as_bytes().to_vec()), "{kana:?}");
        let either = prefix_literals(r"^\W*buy now|^\W*sold out").unwrap();
        // (the extractor shortens literals to bound their case variants)
        for line in ["buy now", "sold out"] {
            assert!(
                either.iter().any(|l| line.as_bytes().starts_with(l)),
                "{line}: {either:?}"
            );
        }
        // inside the pattern, after classes, repetitions and anchors
        assert_eq!(prefix_literals(r"^[^\p{L}]*x"), Some(vec![b"x".to_vec()]));
        let inner = prefix_literals(r"(?:^\W*|: )more\s+(?:news|stories)").unwrap();
        assert_eq!(inner, vec![b"more".to_vec()]);
        let later = prefix_literals(r"(?:^\W*|: )more\s+(?:headlines|stories)").unwrap();
        assert_eq!(later, vec![b"headline".to_vec(), b"stories".to_vec()]);
        // every branch of an alternation needs its own literal
        assert_eq!(prefix_literals(r"photo:|\p{Lu}+$"), None);
        // Unicode classes end the literal
        let credit = prefix_literals(r"foto:\s*\p{Lu}").unwrap();
        assert!(credit.contains(&b"foto:".to_vec()));
        // matches the empty string: no literal is in every match
        assert_eq!(prefix_literals(r"(?:photo)?x?"), None);
    }

    /// The caption-credit regex behind its gate finds what it finds alone, and skips a line
    /// without any credit literal.
    #[test]
    fn gated_credit_regex_finds_what_the_regex_finds() {
        let pattern = super::super::rules::CAPTION_CREDIT_PATTERNS.join("|");
        let caption = super::super::caption_credit_patterns()[1].clone();
        for pattern in [pattern, caption] {
            let gated = GatedRegex::new(pattern.clone());
            assert!(matches!(gated.parts(), GatedParts::Branches { .. }));
            let re = LatinRegex::new(pattern, true);
            for line in [
                "Boats at dawn. Photo: Jane Roe/Harbour Trust",
                "The quay at low tide (Jane Doe / AFP)",
                "Market day © Max Muster",
                "The council met on Tuesday to discuss the budget",
                "Ärzte im Einsatz. Foto: dpa",
                "Harbour at night. Photo by Jane Roe on Unsplash © Jane Roe / DR",
                "Crowds in the square (c) Max Muster / Reuters / AFP",
                "The old mill. AP/Jane Doe",
                "The old mill. EHS",
                "Foto: Max Muster / fotolia.com",
                "Picture by Jane Roe, Photo: Max Muster / Getty Images DR",
                "Ein Bild von Max Muster. BILD: dpa",
                "A ſtrange Kelvin \u{212A} caption. Photo: Jane Roe",
            ] {
                assert_eq!(
                    gated.find(line).map(|m| m.range()),
                    re.get(line).find(line).map(|m| m.range()),
                    "{line}"
                );
            }
        }
        // a branch that does not end at `$` keeps the pattern whole
        assert_eq!(end_anchored_branches(r"a$|b"), None);
        assert_eq!(end_anchored_branches(r"(?m)a$|b$"), None);
        assert_eq!(
            end_anchored_branches(r"a\s*$|b$"),
            Some(vec![r"a\s*$", "b$"])
        );
    }

    #[test]
    fn gated_regex_without_branches_finds_what_the_regex_finds() {
        let pattern = r"(?:photo|foto):\s*\p{Lu}\S*".to_owned();
        let gated = GatedRegex::new(pattern.clone());
        assert!(matches!(
            gated.parts(),
            GatedParts::Whole { gate: Some(_), .. }
        ));
        let re = LatinRegex::new(pattern, true);
        for line in [
            "Boats at dawn. Photo: Jane Roe/Harbour Trust",
            "The council met on Tuesday to discuss the budget",
            "Ärzte im Einsatz. Foto: Dpa",
        ] {
            assert_eq!(
                gated.find(line).map(|m| m.range()),
                re.get(line).find(line).map(|m| m.range()),
                "{line}"
            );
        }
    }

    /// Gating never hides a match: on boilerplate and story lines, every built-in pattern that
    /// matches has one of its prefix literals in the line.
    #[test]
    fn gates_never_hide_a_match() {
        let lines = [
            "Photo Illustration by Jane Roe/The Ledger/Getty",
            "Jane Doe | AFP",
            "© Reuters",
            "(c) Lakeside Courier 2025",
            "Foto: Max Muster / fotolia.com",
            "Read more at The Daily Ledger.",
            "Story continues below advertisement",
            "We use cookies. Accept all cookies",
            "Wir verwenden Cookies. Alle Rechte vorbehalten.",
            "Updated: 12 March 2025, 10:14",
            "This article originally appeared in The Conversation.",
            "The council voted on Tuesday to expand the bus network.",
            "Zum Vergrößern klicken",
            "Mehr dazu …",
            "ÄHNLICHE BEITRÄGE",
            "Ähnliche Artikel",
            "WEITERLESEN NACH DER ANZEIGE",
            "À LIRE AUSSI",
            "Related Stories",
            "NEWSLETTER",
        ];
        let mut gated = 0;
        for spec in super::super::rules::LINE_RULES {
            for p in spec.patterns {
                let Some(lits) = prefix_literals(p) else {
                    continue;
                };
                gated += 1;
                let re = regex::RegexBuilder::new(p)
                    .case_insensitive(true)
                    .build()
                    .unwrap();
                for line in lines {
                    if re.is_match(line) {
                        assert!(
                            lits.iter().any(|l| line
                                .as_bytes()
                                .windows(l.len())
                                .any(|w| w.eq_ignore_ascii_case(l))),
                            "{p} matches {line:?} without a prefix literal"
                        );
                    }
                }
            }
        }
        assert!(gated > 20, "only {gated} patterns gated");
    }

    /// Patterns are compiled on first use, so a built-in one that fails to compile would only
    /// show on the first page that reaches it: compile them all here.
    #[test]
    fn builtin_patterns_compile() {
        for spec in super::super::rules::LINE_RULES {
            for p in spec.patterns {
                if let Err(e) = compile_line_pattern(p) {
                    panic!("rule {}: pattern {p:?}: {e}", spec.name);
                }
            }
        }
    }

    /// The forward lazy DFA answers `is_match` as the regex does, for every built-in
    /// pattern, on lines that match some of them and lines that match none.
    #[test]
    fn line_dfa_agrees_with_regex() {
        let lines = [
            "Photo: Jane Doe / Reuters",
            "(Foto: dpa)",
            "© 2024 Example Media. All rights reserved.",
            "Read more: The ten best ways to cook rice",
            "Lesen Sie auch: Die Wahl in Hessen",
            "Subscribe now",
            "Sign up for our newsletter",
            "Share this article",
            "Follow us on Twitter",
            "Updated: March 3, 2024 at 10:15 am",
            "12.03.2024, 14:30 Uhr",
            "Mittwoch, 12. März 2024",
            "Advertisement",
            "Anzeige – Weiter nach der Anzeige",
            "Kommentare (12)",
            "Leave a comment",
            "Impressum | Datenschutz | Kontakt",
            "Jane Doe is a reporter for The Daily Planet.",
            "KELVIN \u{212A} and long \u{17F} letters",
            "The council met on Tuesday and voted to extend the library’s hours.",
            "«Ça ne change rien», a-t-il déclaré à l’AFP.",
            "Größere Änderungen am Straßennetz sind geplant.",
            "",
            "—",
            "Getty Images",
            "ISTOCKPHOTO.COM",
            "Als PDF herunterladen",
            "Tags: politics, economy",
            "Weitere Artikel zum Thema",
            "Diese Geschichte erschien zuerst in der Print-Ausgabe.",
            // word boundaries beside non-ASCII non-word characters (quotes, dashes, ellipses)
            // and beside non-ASCII letters
            "“Read more” — it’s free…",
            "Share—Facebook • Twitter",
            "Tags: économie, Straße",
            "Photo: Zoë Roe/Getty Images’",
        ];
        let mut dfas = 0;
        for spec in super::super::rules::LINE_RULES {
            for p in spec.patterns {
                let matcher = LineMatcher::new(p);
                dfas += usize::from(matches!(matcher, LineMatcher::Dfa(_)));
                let lazy = LazyRegex::new(p.to_string());
                let re = compile_line_pattern(p).unwrap();
                for line in lines {
                    assert_eq!(
                        matcher.is_match(line),
                        re.is_match(line),
                        "pattern {p:?} on {line:?}"
                    );
                    assert_eq!(
                        lazy.is_match(line, form_of(line)),
                        re.is_match(line),
                        "pattern {p:?} on {line:?}, by script"
                    );
                }
            }
        }
        assert!(dfas > 100, "only {dfas} patterns run as lazy DFAs");
    }

    /// On Latin lines the Latin form is the pattern: for every built-in pattern and a few
    /// other constructs, the rewritten pattern cut to [`LATIN`](crate::latin::LATIN) is the same expression as the
    /// whole pattern cut to it (and so for ASCII).
    #[test]
    fn forms_are_the_pattern_on_their_lines() {
        let mut lazy = 0;
        for spec in super::super::rules::LINE_RULES {
            for p in spec.patterns {
                assert_forms_are_the_pattern(p, true);
                lazy += usize::from(line_dfa(&latin_pattern(p).unwrap()).is_some());
                for form in [Form::Latin, Form::Wide] {
                    assert!(
                        crate::latin::form_hir(p, form, true).is_some(),
                        "{p:?}: its {form:?} form is written out and parsed"
                    );
                }
            }
        }
        assert!(lazy > 100, "only {lazy} Latin forms");
        // The other regex of the filter compiled in forms: the caption credits.
        assert_forms_are_the_pattern(
            &super::super::rules::CAPTION_CREDIT_PATTERNS.join("|"),
            true,
        );
        for p in [
            r"\\w\d",
            r"[^\W\d]+\S\D",
            r"\PL\pL[\p{Ll}&&\P{Lu}]",
            r"(?-i:\p{Lu})\b\B\p{Lu}",
            r"\s*k\x{212A}ß\x{1E9E}[^ſ]",
            r"(?-i:x\W\p{Lu}y|\Wz)|[^\p{L}0-9]|[\s\W]|[^\P{Ll}]|(?-i:[^\S\p{N}])",
            r"[a[^\w]]|[\w--a]",
        ] {
            assert_forms_are_the_pattern(p, true);
        }
        assert_eq!(latin_pattern(r"\p{Greek}"), None);
        assert_eq!(latin_pattern(r"\p{Sc}"), None);
    }

    #[test]
    fn host_patterns() {
        let p = HostPattern::parse("example.com").unwrap();
        assert!(p.matches("example.com"));
        assert!(p.matches("news.example.com"));
        assert!(!p.matches("badexample.com"));
        let s = HostPattern::parse("*.example.com").unwrap();
        assert!(!s.matches("example.com"));
        assert!(s.matches("a.example.com"));
        assert!(HostPattern::parse("*").unwrap().matches("x.org"));
        assert!(HostPattern::parse("exa mple.com").is_none());
        assert!(HostPattern::parse("*.").is_none());
    }

    #[test]
    fn normalize_host_strips_www_and_port() {
        assert_eq!(normalize_host("WWW.Example.com:8080"), "example.com");
        assert_eq!(normalize_host("news.example.com."), "news.example.com");
    }
}
