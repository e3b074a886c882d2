//! Regexes compiled for the text they search: a narrow form for text of [`LATIN`] characters
//! (nearly all the text this tool sees), a wide form for text of [`WIDE`] characters (Latin
//! plus Greek, Cyrillic, Arabic, CJK, Hangul, symbols and emoji: nearly all the other lines of
//! the sets' pages), and the whole pattern for any other.
//!
//! A pattern's Unicode classes (`\W`, `\w`, `\p{L}`: thousands of code points, whose
//! translation, case folding and UTF-8 automata were most of the start-up's instructions,
//! 2-4 M per pattern) can only match their members among a text's characters, so a form is the
//! pattern with those classes written as their members in its character set
//! ([`form_pattern`]): the same matches, groups and positions in that text, for a fraction of
//! the compile cost and smaller lazy DFA states. Two forms rather than one: most pages are
//! Latin throughout, and a Latin form with the wide classes cost a one-page run 14 % more
//! instructions; a page with CJK, Cyrillic or Arabic lines still stays clear of the whole
//! pattern (10-20 M instructions per pattern, two to ten times a wide form).

use std::sync::{Arc, OnceLock};

use regex::Regex;
use regex_automata::util::{pool::Pool, syntax};
use regex_automata::{Input, hybrid, nfa::thompson};
#[cfg(test)]
use regex_syntax::hir::Hir;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};

/// The characters of the Latin form of a pattern ([`LatinRegex`], the filter's line rules): the Latin letters of
/// Western and Central European languages and Vietnamese (Basic Latin to Latin Extended-B,
/// Latin Extended Additional), and the punctuation, currency signs, letterlike symbols,
/// arrows and shapes set between words in web text (U+2000-U+21FF, box drawing and
/// geometric shapes).
pub(crate) const LATIN: &[(char, char)] = &[
    ('\0', '\u{24F}'),
    ('\u{1E00}', '\u{1EFF}'),
    ('\u{2000}', '\u{21FF}'),
    ('\u{2500}', '\u{25FF}'),
];

/// The characters of the wide form: [`LATIN`], Greek, Cyrillic, Hebrew and Arabic, Devanagari
/// and Thai, the symbol blocks (math, technical, dingbats, arrows), CJK punctuation, kana and
/// ideographs, Hangul, the compatibility and fullwidth forms, and emoji: the scripts of the
/// pages of the datasets, whose classes are a few ranges each (the whole of Unicode is
/// hundreds).
pub(crate) const WIDE: &[(char, char)] = &[
    ('\0', '\u{6FF}'),
    ('\u{900}', '\u{97F}'),
    ('\u{E00}', '\u{E7F}'),
    ('\u{1E00}', '\u{1EFF}'),
    ('\u{2000}', '\u{2BFF}'),
    ('\u{3000}', '\u{9FFF}'),
    ('\u{AC00}', '\u{D7FF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FE00}', '\u{FE6F}'),
    ('\u{FF00}', '\u{FFEF}'),
    ('\u{1F000}', '\u{1FAFF}'),
];

/// The character set a pattern is rewritten for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// [`LATIN`]
    Latin,
    /// [`WIDE`]
    Wide,
}

impl Form {
    pub(crate) fn chars(self) -> &'static [(char, char)] {
        match self {
            Self::Latin => LATIN,
            Self::Wide => WIDE,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Self::Latin => 0,
            Self::Wide => 1,
        }
    }
}

fn within(ranges: &[(char, char)], c: char) -> bool {
    ranges.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// The narrowest form whose characters hold all of `text`, `None` when neither does.
pub(crate) fn form_of(text: &str) -> Option<Form> {
    if text.is_ascii() {
        return Some(Form::Latin);
    }
    let mut form = Form::Latin;
    for c in text.chars() {
        if form == Form::Latin && within(LATIN, c) {
            continue;
        }
        if !within(WIDE, c) {
            return None;
        }
        form = Form::Wide;
    }
    Some(form)
}

/// The Unicode classes the Latin form writes out: escape letter (and property name), and for
/// each its members and its complement's members in the case closure of [`LATIN`].
struct LatinClasses {
    classes: Vec<(&'static str, String, String)>,
}

/// The Unicode class escapes [`latin_pattern`] knows: `\w \d \s` and the letter properties.
const LATIN_CLASS_ESCAPES: &[(&str, &str)] = &[
    ("w", r"\w"),
    ("d", r"\d"),
    ("s", r"\s"),
    ("L", r"\p{L}"),
    ("Letter", r"\p{L}"),
    ("Lu", r"\p{Lu}"),
    ("Uppercase_Letter", r"\p{Lu}"),
    ("Ll", r"\p{Ll}"),
    ("Lowercase_Letter", r"\p{Ll}"),
    ("N", r"\p{N}"),
    ("Number", r"\p{N}"),
];

fn form_classes(form: Form) -> &'static LatinClasses {
    static CLASSES: [OnceLock<LatinClasses>; 2] = [OnceLock::new(), OnceLock::new()];
    CLASSES[form.index()].get_or_init(|| {
        // Every character that folds to or from one of the form: a class cut to these keeps
        // what case-insensitive matching needs on a line of the form.
        let mut closure = ClassUnicode::new(
            form.chars()
                .iter()
                .map(|&(a, b)| ClassUnicodeRange::new(a, b)),
        );
        closure.case_fold_simple();
        // Letters and digits as themselves (parsed several times faster than `\x{..}`
        // escapes), everything else escaped.
        let member = |out: &mut String, c: char| {
            if c.is_alphanumeric() {
                out.push(c);
            } else {
                out.push_str(&format!(r"\x{{{:X}}}", u32::from(c)));
            }
        };
        let members = |class: &ClassUnicode| {
            let mut out = String::new();
            for r in class.iter() {
                member(&mut out, r.start());
                if r.end() != r.start() {
                    out.push('-');
                    member(&mut out, r.end());
                }
            }
            out
        };
        let classes = LATIN_CLASS_ESCAPES
            .iter()
            .map(|&(name, escape)| {
                let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(escape) else {
                    unreachable!("{escape} is a Unicode class");
                };
                let HirKind::Class(Class::Unicode(class)) = hir.into_kind() else {
                    unreachable!("{escape} is a Unicode class");
                };
                let mut complement = class.clone();
                complement.negate();
                let mut class = class;
                class.intersect(&closure);
                complement.intersect(&closure);
                (name, members(&class), members(&complement))
            })
            .collect();
        LatinClasses { classes }
    })
}

/// `pattern` with its Unicode class escapes (`\w \W \d \D \s \S`, `\p`/`\P` of `L`, `Lu`,
/// `Ll`, `N`) written as classes of their members among the characters that fold to or from one in
/// [`LATIN`]. On a line of [`LATIN`] characters the result matches where the pattern does: a
/// class can only match a character of the line, and case folding and the set operations of
/// bracketed classes give the same answer for such a character when the classes are cut to
/// that closure (the test `latin_form_is_the_pattern_on_latin_lines` compares the two cut
/// to [`LATIN`], for every built-in pattern). `None` for another Unicode property.
#[cfg(test)]
pub(crate) fn latin_pattern(pattern: &str) -> Option<String> {
    form_pattern(pattern, Form::Latin)
}

/// As [`latin_pattern`], for the characters of `form`.
pub(crate) fn form_pattern(pattern: &str, form: Form) -> Option<String> {
    let classes = form_classes(form);
    let mut out = String::with_capacity(pattern.len() + 256);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push(c);
            break;
        };
        let name = match e {
            'w' | 'W' | 'd' | 'D' | 's' | 'S' => e.to_ascii_lowercase().to_string(),
            'p' | 'P' if chars.peek() == Some(&'{') => {
                chars.next();
                chars.by_ref().take_while(|&n| n != '}').collect()
            }
            'p' | 'P' => chars.next()?.to_string(),
            _ => {
                out.push(c);
                out.push(e);
                continue;
            }
        };
        let (_, members, complement) = classes.classes.iter().find(|(n, ..)| *n == name)?;
        // A negated property is folded before it is negated (case-insensitive `\P{Lu}` is no
        // cased letter at all), so it stays a negated class of the members. The negated Perl
        // classes are not folded, and need not be: `\w`, `\d` and `\s` are closed under case
        // folding, and so is each one's complement, written out here.
        out.push_str(if e == 'P' { "[^" } else { "[" });
        out.push_str(if matches!(e, 'W' | 'D' | 'S') {
            complement
        } else {
            members
        });
        out.push(']');
    }
    Some(out)
}

/// Per-thread scratch of a lazy DFA, handed out to whichever worker asks.
type CachePool = Pool<hybrid::dfa::Cache, Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync>>;

/// A forward lazy DFA with one cache per worker thread: it tells whether a pattern matches,
/// not where, for about half the compile instructions of a `Regex` (no reverse automaton, no
/// capture states).
pub(crate) struct ForwardDfa {
    dfa: Arc<hybrid::dfa::DFA>,
    caches: CachePool,
}

impl std::fmt::Debug for ForwardDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ForwardDfa")
    }
}

impl ForwardDfa {
    pub(crate) fn new(dfa: hybrid::dfa::DFA) -> Self {
        let dfa = Arc::new(dfa);
        let for_pool = Arc::clone(&dfa);
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Self { dfa, caches }
    }

    /// Whether the pattern matches in `haystack` at or after byte `from` (what comes before
    /// `from` is still seen by anchors and look-behind).
    pub(crate) fn is_match(&self, haystack: &str, from: usize) -> bool {
        let mut cache = self.caches.get();
        // `earliest`: stop at the first match state, as `Regex::is_match` does. With no quit
        // bytes and no give-up threshold configured the search cannot fail.
        self.dfa
            .try_search_fwd(
                &mut cache,
                &Input::new(haystack).range(from..).earliest(true),
            )
            .expect("a lazy DFA without quit bytes or give-up threshold cannot fail")
            .is_some()
    }
}

/// A regex compiled on first use, in the narrowest form that holds the text it searches
/// ([`Form`]) and whole for other text; [`LatinRegex::get`] hands out the one for a haystack.
/// For built-in patterns, which their tests compile: a pattern that does not compile panics on
/// first use.
#[derive(Debug)]
pub(crate) struct LatinRegex {
    pattern: String,
    case_insensitive: bool,
    /// Per [`Form`]; `None` when the pattern has a Unicode property [`form_pattern`] does not
    /// know.
    forms: [OnceLock<Option<Regex>>; 2],
    whole: OnceLock<Regex>,
    /// The forward lazy DFA of each form, for [`LatinRegex::is_match`]; `None` when the form
    /// has none (a Unicode word boundary).
    dfas: [OnceLock<Option<ForwardDfa>>; 2],
}

impl Clone for LatinRegex {
    /// The compiled regexes are shared; the forward DFAs are compiled again on first use.
    fn clone(&self) -> Self {
        Self {
            pattern: self.pattern.clone(),
            case_insensitive: self.case_insensitive,
            forms: self.forms.clone(),
            whole: self.whole.clone(),
            dfas: [OnceLock::new(), OnceLock::new()],
        }
    }
}

impl LatinRegex {
    pub(crate) fn new(pattern: impl Into<String>, case_insensitive: bool) -> Self {
        Self {
            pattern: pattern.into(),
            case_insensitive,
            forms: [OnceLock::new(), OnceLock::new()],
            whole: OnceLock::new(),
            dfas: [OnceLock::new(), OnceLock::new()],
        }
    }

    /// Whether the pattern matches in `haystack` at or after byte `from`, as
    /// `self.get(haystack).is_match_at(haystack, from)` answers, from the forward lazy DFA
    /// of the haystack's form when there is one (a regex only ever asked whether it matches
    /// then never compiles the rest).
    pub(crate) fn is_match_at(&self, haystack: &str, from: usize) -> bool {
        if let Some(form) = form_of(haystack) {
            let dfa = self.dfas[form.index()].get_or_init(|| {
                let pattern = form_pattern(&self.pattern, form)?;
                hybrid::dfa::DFA::builder()
                    .syntax(syntax::Config::new().case_insensitive(self.case_insensitive))
                    .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
                    .build(&pattern)
                    .ok()
                    .map(ForwardDfa::new)
            });
            if let Some(dfa) = dfa {
                return dfa.is_match(haystack, from);
            }
        }
        self.get(haystack).is_match_at(haystack, from)
    }

    fn build(&self, pattern: &str) -> Result<Regex, regex::Error> {
        regex::RegexBuilder::new(pattern)
            .case_insensitive(self.case_insensitive)
            // Long word alternations in many languages (the filter's cues) need more than the
            // default program size in their whole-Unicode form.
            .size_limit(1 << 24)
            .build()
    }

    #[cfg(test)]
    pub(crate) fn pattern_and_case(&self) -> (&str, bool) {
        (&self.pattern, self.case_insensitive)
    }

    pub(crate) fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The regex to search `haystack` with: it finds what the whole pattern finds there.
    pub(crate) fn get(&self, haystack: &str) -> &Regex {
        if let Some(form) = form_of(haystack) {
            let re = self.forms[form.index()].get_or_init(|| {
                form_pattern(&self.pattern, form).and_then(|p| self.build(&p).ok())
            });
            if let Some(re) = re {
                return re;
            }
        }
        self.whole.get_or_init(|| {
            self.build(&self.pattern)
                .unwrap_or_else(|e| panic!("built-in pattern {:?}: {e}", self.pattern))
        })
    }
}

/// For tests: panics unless each form of `pattern` is the pattern on its characters: the
/// rewritten pattern cut to the form's characters is the same expression as the whole pattern
/// cut to them (and so for ASCII, with ASCII word boundaries).
#[cfg(test)]
pub(crate) fn assert_forms_are_the_pattern(pattern: &str, case_insensitive: bool) {
    let parse = |p: &str| {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(p)
            .unwrap_or_else(|e| panic!("{p:?}: {e}"))
    };
    let whole = parse(pattern);
    let ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
    for form in [Form::Latin, Form::Wide] {
        let rewritten = form_pattern(pattern, form)
            .unwrap_or_else(|| panic!("{pattern:?} has no {form:?} form"));
        let rewritten = parse(&rewritten);
        let chars = ClassUnicode::new(
            form.chars()
                .iter()
                .map(|&(a, b)| ClassUnicodeRange::new(a, b)),
        );
        assert_eq!(
            cut(&rewritten, &chars, false),
            cut(&whole, &chars, false),
            "{form:?} form of {pattern:?}"
        );
        assert_eq!(
            cut(&rewritten, &ascii, true),
            cut(&whole, &ascii, true),
            "{form:?} form of {pattern:?} on ASCII"
        );
    }
}

/// For tests: `hir` with every Unicode class cut to `to` (and byte classes to ASCII), and with ASCII word
/// boundaries for Unicode ones when `ascii_looks` is set (right when `to` is ASCII).
#[cfg(test)]
pub(crate) fn cut(hir: &Hir, to: &ClassUnicode, ascii_looks: bool) -> Hir {
    use regex_syntax::hir::{Capture, ClassBytes, ClassBytesRange, Look, Repetition};
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0.clone()),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(to);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut class = class.clone();
            class.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7F)]));
            Hir::class(Class::Bytes(class))
        }
        HirKind::Look(look) if ascii_looks => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Look(look) => Hir::look(*look),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(cut(&rep.sub, to, ascii_looks)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(cut(&cap.sub, to, ascii_looks)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => {
            Hir::concat(subs.iter().map(|h| cut(h, to, ascii_looks)).collect())
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| cut(h, to, ascii_looks)).collect())
        }
    }
}
