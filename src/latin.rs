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
//! the compile cost and smaller lazy DFA states. The forward lazy DFAs get the form as an
//! expression built from placeholders ([`form_hir`]), without writing the classes out as text
//! and parsing them again. Two forms rather than one: most pages are
//! Latin throughout, and a Latin form with the wide classes cost a one-page run 14 % more
//! instructions; a page with CJK, Cyrillic or Arabic lines still stays clear of the whole
//! pattern (10-20 M instructions per pattern, two to ten times a wide form).

use std::sync::{Arc, OnceLock};

use regex::Regex;
use regex_automata::util::{pool::Pool, syntax};
use regex_automata::{Input, hybrid, nfa::thompson};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

use crate::prebuilt;

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
    /// The same per escape of [`LATIN_CLASS_ESCAPES`], as classes for [`form_hir`]: members
    /// and complement, each as written and case-folded.
    sets: Vec<FormSets>,
}

/// One escape's classes in a form (see [`LatinClasses::sets`]).
struct FormSets {
    members: [ClassUnicode; 2],
    complement: [ClassUnicode; 2],
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
        let mut sets = Vec::with_capacity(LATIN_CLASS_ESCAPES.len());
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
                let folded = |c: &ClassUnicode| {
                    let mut c = c.clone();
                    c.case_fold_simple();
                    c
                };
                let texts = (name, members(&class), members(&complement));
                sets.push(FormSets {
                    members: [folded(&class), class],
                    complement: [folded(&complement), complement],
                });
                texts
            })
            .collect();
        LatinClasses { classes, sets }
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

/// The first placeholder of [`form_hir`]: escape `i` of [`LATIN_CLASS_ESCAPES`], negated (`\W`,
/// `\P{L}`) or not, stands for `PLACEHOLDER + 2i (+1)`, an uppercase Deseret letter. Deseret
/// letters have case (each one's lowercase is 0x28 above it), so whether the translator folded
/// a placeholder tells whether the escape stood where the pattern is case-insensitive.
const PLACEHOLDER: u32 = 0x10400;
/// Deseret, upper and lower case: the placeholders and their folds.
const PLACEHOLDER_RANGE: (char, char) = ('\u{10400}', '\u{1044F}');
/// A noncharacter that no pattern names: a class holding it is a negated one (`[^..]`, `.`).
const SENTINEL: char = '\u{10FFFD}';

/// `pattern`'s [`form_pattern`] as a regex-syntax expression, built without writing the
/// classes out as text: the escapes become placeholder characters, the pattern is parsed and
/// translated, and each class or literal holding a placeholder gets the escape's members
/// (folded where the translator folded the placeholder). Parsing and case-folding the
/// written-out classes (hundreds of ranges per escape) was about three quarters of compiling
/// a form; the classes are now built once per process ([`form_classes`]).
///
/// `None` where the substitution would not be exact or the pattern has no form: a pattern
/// with Deseret letters or noncharacters of its own, a bracketed class nested in another
/// (other than a placeholder) or with set operations, an unknown Unicode property. The caller
/// then takes [`form_pattern`].
pub(crate) fn form_hir(pattern: &str, form: Form, case_insensitive: bool) -> Option<Hir> {
    if pattern
        .chars()
        .any(|c| c == SENTINEL || (PLACEHOLDER_RANGE.0..=PLACEHOLDER_RANGE.1).contains(&c))
    {
        return None;
    }
    let text = placeholder_pattern(pattern)?;
    let ast = regex_syntax::ast::parse::Parser::new().parse(&text).ok()?;
    if !plain_brackets(&ast) {
        return None;
    }
    let hir = regex_syntax::hir::translate::TranslatorBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .translate(&text, &ast)
        .ok()?;
    Some(substitute(hir, &form_classes(form).sets))
}

/// `pattern` with each escape [`form_pattern`] writes out replaced by `[P]`, its placeholder
/// (see [`PLACEHOLDER`]); `None` for an unknown Unicode property.
fn placeholder_pattern(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 16);
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
        let index = LATIN_CLASS_ESCAPES.iter().position(|(n, _)| *n == name)?;
        let negated = u32::from(e.is_ascii_uppercase());
        let placeholder = char::from_u32(PLACEHOLDER + 2 * index as u32 + negated)?;
        out.push('[');
        out.push(placeholder);
        out.push(']');
    }
    Some(out)
}

/// Whether every bracketed class of `ast` is a union of items without set operations, whose
/// only nested classes are placeholders, and whose ranges stay below the placeholders: the
/// classes whose substitution in [`substitute`] is exact.
fn plain_brackets(ast: &regex_syntax::ast::Ast) -> bool {
    use regex_syntax::ast::{Ast, ClassSet, ClassSetItem};
    fn item_ok(item: &ClassSetItem, nested: bool) -> bool {
        match item {
            ClassSetItem::Range(r) => r.end.c < PLACEHOLDER_RANGE.0,
            ClassSetItem::Literal(l) => {
                !nested || (PLACEHOLDER_RANGE.0..=PLACEHOLDER_RANGE.1).contains(&l.c)
            }
            ClassSetItem::Union(u) => u.items.iter().all(|i| item_ok(i, nested)),
            ClassSetItem::Bracketed(b) => {
                !nested && !b.negated && matches!(&b.kind, ClassSet::Item(i) if item_ok(i, true))
            }
            ClassSetItem::Empty(_) => true,
            ClassSetItem::Ascii(_) | ClassSetItem::Unicode(_) | ClassSetItem::Perl(_) => !nested,
        }
    }
    match ast {
        Ast::ClassBracketed(b) => match &b.kind {
            ClassSet::Item(i) => item_ok(i, false),
            ClassSet::BinaryOp(_) => false,
        },
        Ast::Repetition(r) => plain_brackets(&r.ast),
        Ast::Group(g) => plain_brackets(&g.ast),
        Ast::Alternation(a) => a.asts.iter().all(plain_brackets),
        Ast::Concat(c) => c.asts.iter().all(plain_brackets),
        _ => true,
    }
}

/// `hir` with its placeholders replaced by the classes they stand for (see [`form_hir`]).
fn substitute(hir: Hir, sets: &[FormSets]) -> Hir {
    // Subexpressions without a placeholder (most of a pattern's word alternations) are kept
    // as they are, not rebuilt.
    if !has_placeholder(&hir) {
        return hir;
    }
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            Hir::class(Class::Unicode(substitute_class(class, sets)))
        }
        HirKind::Literal(lit) => substitute_literal(&lit.0, sets),
        _ => map_subexpressions(hir, |h| substitute(h, sets)),
    }
}

/// Whether `hir` has a placeholder that [`substitute`] replaces.
fn has_placeholder(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class_has_placeholder(class),
        HirKind::Literal(lit) => std::str::from_utf8(&lit.0).is_ok_and(|t| {
            t.chars()
                .any(|c| (PLACEHOLDER_RANGE.0..=PLACEHOLDER_RANGE.1).contains(&c))
        }),
        HirKind::Repetition(rep) => has_placeholder(&rep.sub),
        HirKind::Capture(cap) => has_placeholder(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_placeholder),
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => false,
    }
}

/// Whether a class holds a placeholder among its items: a negated class (one holding
/// [`SENTINEL`]) then lacks some of the placeholders, a positive one has some.
fn class_has_placeholder(class: &ClassUnicode) -> bool {
    let (low, high) = PLACEHOLDER_RANGE;
    if holds(class, SENTINEL) {
        !class.iter().any(|r| r.start() <= low && high <= r.end())
    } else {
        class.iter().any(|r| r.start() <= high && low <= r.end())
    }
}

/// Whether `class` holds `ch`.
fn holds(class: &ClassUnicode, ch: char) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < ch {
                std::cmp::Ordering::Less
            } else if r.start() > ch {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The class placeholder `p` (its escape and negation) stands for, folded or not.
fn placeholder_class(p: u32, folded: bool, sets: &[FormSets]) -> ClassUnicode {
    let (index, negated) = ((p - PLACEHOLDER) / 2, (p - PLACEHOLDER) % 2 == 1);
    let set = &sets[index as usize];
    let fold = usize::from(!folded);
    let perl = matches!(LATIN_CLASS_ESCAPES[index as usize].0, "w" | "d" | "s");
    match (perl, negated) {
        (_, false) => set.members[fold].clone(),
        // `\W`: the complement's members, as `form_pattern` writes them
        (true, true) => set.complement[fold].clone(),
        // `\P{L}`: a negated class of the members
        (false, true) => {
            let mut c = set.members[fold].clone();
            c.negate();
            c
        }
    }
}

/// A class with its placeholders replaced: the members of each placeholder's escape join the
/// class, and a negated class (one holding [`SENTINEL`]) is the complement of its items with
/// theirs.
fn substitute_class(class: &ClassUnicode, sets: &[FormSets]) -> ClassUnicode {
    let negated = holds(class, SENTINEL);
    let mut items = class.clone();
    if negated {
        items.negate();
    }
    let placeholders = ClassUnicode::new([ClassUnicodeRange::new(
        PLACEHOLDER_RANGE.0,
        PLACEHOLDER_RANGE.1,
    )]);
    let mut present = items.clone();
    present.intersect(&placeholders);
    if present.ranges().is_empty() {
        return class.clone();
    }
    items.difference(&placeholders);
    for k in 0..2 * LATIN_CLASS_ESCAPES.len() as u32 {
        let p = PLACEHOLDER + k;
        let (Some(upper), Some(lower)) = (char::from_u32(p), char::from_u32(p + 0x28)) else {
            continue;
        };
        if holds(&present, upper) {
            items.union(&placeholder_class(p, holds(&present, lower), sets));
        }
    }
    if negated {
        items.negate();
    }
    items
}

/// A literal with each placeholder (one outside a case-insensitive part) replaced by its
/// class.
fn substitute_literal(bytes: &[u8], sets: &[FormSets]) -> Hir {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Hir::literal(bytes);
    };
    let is_placeholder = |c: char| (PLACEHOLDER_RANGE.0..=PLACEHOLDER_RANGE.1).contains(&c);
    if !text.chars().any(is_placeholder) {
        return Hir::literal(bytes);
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_placeholder(c) {
            if start < i {
                parts.push(Hir::literal(&text.as_bytes()[start..i]));
            }
            parts.push(Hir::class(Class::Unicode(placeholder_class(
                u32::from(c),
                false,
                sets,
            ))));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        parts.push(Hir::literal(&text.as_bytes()[start..]));
    }
    Hir::concat(parts)
}

/// `hir` with the branches of each alternation that start alike merged into one, as a trie
/// of their first characters (`subscribe|support|sign up` as `s(?:ubscribe|upport|ign up)`):
/// the same language, so the same answer to whether a text matches, which is all a forward
/// DFA is asked (the order of the branches, which decides where a leftmost-first match ends,
/// is not kept). The lazy DFA's states then hold the few branches still alive instead of
/// every branch that starts with the same letter: building a state took about 12,000
/// instructions with the word alternations of the cues and rules written out.
pub(crate) fn factor_alternations(hir: Hir) -> Hir {
    // Only the nodes above an alternation that merges something are rebuilt: building an
    // expression again costs about as much as compiling it.
    if !has_shared_heads(&hir) {
        return hir;
    }
    if matches!(hir.kind(), HirKind::Alternation(_)) {
        let HirKind::Alternation(subs) = hir.into_kind() else {
            unreachable!("matched as an alternation above")
        };
        return factor_branches(subs.into_iter().map(factor_alternations).collect());
    }
    map_subexpressions(hir, factor_alternations)
}

/// `hir` with `f` applied to each of its direct subexpressions (those of a repetition,
/// capture, concatenation or alternation), the node built again around them; any other
/// expression as it is.
fn map_subexpressions(hir: Hir, f: impl Fn(Hir) -> Hir) -> Hir {
    use regex_syntax::hir::{Capture, Repetition};
    if !matches!(
        hir.kind(),
        HirKind::Repetition(_) | HirKind::Capture(_) | HirKind::Concat(_) | HirKind::Alternation(_)
    ) {
        return hir;
    }
    match hir.into_kind() {
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(f(*rep.sub)),
            ..rep
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(f(*cap.sub)),
            ..cap
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(f).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(f).collect()),
        kind => unreachable!("{kind:?} was matched as a leaf above"),
    }
}

/// The first character of a branch, as written: a class, or the bytes of a literal's first
/// character.
#[derive(PartialEq)]
enum Head<'h> {
    Class(&'h Class),
    Char(&'h [u8]),
}

fn head(branch: &Hir) -> Option<Head<'_>> {
    let first_char = |bytes: &'_ [u8]| -> Option<usize> {
        let n = match *bytes.first()? {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        (bytes.len() >= n && std::str::from_utf8(&bytes[..n]).is_ok()).then_some(n)
    };
    match branch.kind() {
        HirKind::Class(class) => Some(Head::Class(class)),
        HirKind::Literal(lit) => first_char(&lit.0).map(|n| Head::Char(&lit.0[..n])),
        HirKind::Concat(subs) => match subs.first()?.kind() {
            HirKind::Class(class) => Some(Head::Class(class)),
            HirKind::Literal(lit) => first_char(&lit.0).map(|n| Head::Char(&lit.0[..n])),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `hir` has an alternation two of whose branches start with the same character.
fn has_shared_heads(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Alternation(subs) => {
            subs.iter().any(has_shared_heads)
                || subs.iter().enumerate().any(|(i, a)| {
                    head(a)
                        .is_some_and(|ha| subs[..i].iter().any(|b| head(b).as_ref() == Some(&ha)))
                })
        }
        HirKind::Concat(subs) => subs.iter().any(has_shared_heads),
        HirKind::Repetition(rep) => has_shared_heads(&rep.sub),
        HirKind::Capture(cap) => has_shared_heads(&cap.sub),
        _ => false,
    }
}

/// The alternation of `branches` with the branches that share their first character merged
/// (see [`factor_alternations`]).
fn factor_branches(branches: Vec<Hir>) -> Hir {
    trie(branches.into_iter().map(reversed_units).collect())
}

/// A branch as the sequence of what it matches one after the other (each character of a
/// literal on its own), last first.
fn reversed_units(branch: Hir) -> Vec<Hir> {
    let mut units = Vec::new();
    let push = |unit: Hir, units: &mut Vec<Hir>| match unit.kind() {
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(text) => units.extend(
                text.char_indices()
                    .map(|(i, c)| Hir::literal(&lit.0[i..i + c.len_utf8()])),
            ),
            Err(_) => units.push(unit),
        },
        HirKind::Empty => {}
        _ => units.push(unit),
    };
    match branch.kind() {
        HirKind::Concat(_) => {
            let HirKind::Concat(subs) = branch.into_kind() else {
                unreachable!("matched as a concatenation above")
            };
            for sub in subs {
                push(sub, &mut units);
            }
        }
        _ => push(branch, &mut units),
    }
    units.reverse();
    units
}

/// The alternation of the sequences `seqs` (each last first, see [`reversed_units`]) as a
/// trie: the sequences that start with the same unit share it.
fn trie(seqs: Vec<Vec<Hir>>) -> Hir {
    let mut groups: Vec<(Hir, Vec<Vec<Hir>>)> = Vec::new();
    let mut empty = false;
    for mut seq in seqs {
        let Some(first) = seq.pop() else {
            empty = true;
            continue;
        };
        match groups.iter_mut().find(|(unit, _)| *unit == first) {
            Some((_, rests)) => rests.push(seq),
            None => groups.push((first, vec![seq])),
        }
    }
    let mut branches: Vec<Hir> = groups
        .into_iter()
        .map(|(first, mut rests)| {
            if rests.len() == 1 {
                let mut seq = rests.pop().unwrap_or_default();
                seq.push(first);
                seq.reverse();
                Hir::concat(seq)
            } else {
                Hir::concat(vec![first, trie(rests)])
            }
        })
        .collect();
    if empty {
        branches.push(Hir::empty());
    }
    Hir::alternation(branches)
}

/// The texts a [`form_dfa`] is for, as to where their words start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Words {
    /// Any text of the form: a word boundary `\b` is Unicode's.
    Unicode,
    /// Texts of [`has_ascii_words`]: a word boundary is written as ASCII's, the same there,
    /// which a lazy DFA decides without quitting at the first non-ASCII byte.
    Ascii,
}

/// Whether no non-ASCII character of `text` is a word character: its curly quotes, dashes,
/// ellipses, bullets and currency signs (the non-ASCII characters of most English lines) are
/// non-word characters to Unicode's word boundary as to ASCII's, so `\b` and `(?-u:\b)` hold
/// at the same places in it.
pub(crate) fn has_ascii_words(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii() || !regex_syntax::is_word_character(c))
}

/// `hir` with each Unicode word-boundary assertion made the ASCII one (see [`Words::Ascii`]).
fn ascii_boundaries(hir: Hir) -> Hir {
    if !hir.properties().look_set().contains_word_unicode() {
        return hir;
    }
    match hir.kind() {
        HirKind::Look(look) => Hir::look(ascii_look(*look)),
        _ => map_subexpressions(hir, ascii_boundaries),
    }
}

/// The ASCII word assertion for a Unicode one; any other assertion as it is.
fn ascii_look(look: regex_syntax::hir::Look) -> regex_syntax::hir::Look {
    use regex_syntax::hir::Look;
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// What [`form_dfa`] built.
pub(crate) enum FormDfa {
    /// The forward lazy DFA of the form.
    Built(Box<hybrid::dfa::DFA>),
    /// The form's expression, which a lazy DFA cannot run (a Unicode word boundary): the
    /// written-out form cannot be run by one either, so the caller takes a `Regex`.
    NotLazy,
    /// No expression from placeholders ([`form_hir`]): the caller compiles [`form_pattern`].
    NoForm,
}

/// The forward lazy DFA of `pattern`'s `form`, compiled from [`form_hir`] with these settings.
pub(crate) fn form_dfa(
    pattern: &str,
    form: Form,
    case_insensitive: bool,
    words: Words,
    dfa: hybrid::dfa::Config,
    nfa: thompson::Config,
) -> FormDfa {
    // the NFA compiled ahead of time when the pattern is a built-in one (see
    // [`crate::prebuilt`]); compiled here otherwise, and always while a table is recorded
    let key = prebuilt_key(pattern, form, case_insensitive, words, &nfa);
    let recording = prebuilt::recording();
    let compiled = match prebuilt::nfa(&key).filter(|_| !recording) {
        Some(nfa) => Ok(nfa),
        None => form_nfa(pattern, form, case_insensitive, words, &nfa),
    };
    if recording {
        prebuilt::record(&key, compiled.as_ref().ok());
    }
    match compiled {
        Ok(nfa) => hybrid::dfa::Builder::new()
            .configure(dfa)
            .build_from_nfa(nfa)
            .map_or(FormDfa::NotLazy, |dfa| FormDfa::Built(Box::new(dfa))),
        Err(none) => none,
    }
}

/// The key of a compiled form in [`crate::prebuilt`]'s table: everything its NFA depends on.
fn prebuilt_key(
    pattern: &str,
    form: Form,
    case_insensitive: bool,
    words: Words,
    config: &thompson::Config,
) -> String {
    format!(
        "{form:?}|{}|{words:?}|{:?}|{}|{}\n{pattern}",
        u8::from(case_insensitive),
        config.get_which_captures(),
        u8::from(config.get_utf8()),
        u8::from(config.get_reverse()),
    )
}

/// The NFA of `pattern`'s `form` for texts of `words`: [`FormDfa::NoForm`] when the form cannot
/// be written from placeholders, [`FormDfa::NotLazy`] when it does not compile.
fn form_nfa(
    pattern: &str,
    form: Form,
    case_insensitive: bool,
    words: Words,
    nfa: &thompson::Config,
) -> Result<thompson::NFA, FormDfa> {
    let hir = form_hir(pattern, form, case_insensitive).ok_or(FormDfa::NoForm)?;
    let hir = match words {
        Words::Unicode => hir,
        Words::Ascii => ascii_boundaries(hir),
    };
    let hir = factor_alternations(hir);
    compile_nfa(&hir, nfa).ok_or(FormDfa::NotLazy)
}

/// The Thompson NFA of `hir` under `config`, from this thread's compiler.
///
/// A compiler keeps scratch tables between builds (the map of compiled UTF-8 suffixes has
/// 10,000 entries, allocated on the first class and dropped with the compiler): a compiler per
/// pattern allocated, filled and freed them each time, about 140,000 instructions per
/// pattern. The tables are versioned per build, so a reused compiler builds the same NFA.
/// Every option is set on each build, so none carries over from the previous pattern's.
fn compile_nfa(hir: &Hir, config: &thompson::Config) -> Option<thompson::NFA> {
    thread_local! {
        static COMPILER: std::cell::RefCell<thompson::Compiler> =
            std::cell::RefCell::new(thompson::Compiler::new());
    }
    let config = thompson::Config::new()
        .utf8(config.get_utf8())
        .reverse(config.get_reverse())
        .nfa_size_limit(config.get_nfa_size_limit())
        .shrink(config.get_shrink())
        .which_captures(config.get_which_captures())
        .look_matcher(config.get_look_matcher());
    COMPILER.with(|compiler| {
        let mut compiler = compiler.borrow_mut();
        compiler.configure(config).build_from_hir(hir).ok()
    })
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
        self.try_is_match(haystack, from)
            .expect("a lazy DFA without quit bytes or give-up threshold cannot fail")
    }

    /// As [`ForwardDfa::is_match`], `None` when the search quit: a DFA built with
    /// [`WORD_BOUNDARY_DFA`] settings for a pattern with a Unicode word boundary quits at the
    /// first non-ASCII byte it reads (or sees before `from`).
    pub(crate) fn try_is_match(&self, haystack: &str, from: usize) -> Option<bool> {
        let mut cache = self.caches.get();
        // `earliest`: stop at the first match state, as `Regex::is_match` does. The only quit
        // bytes are those of a Unicode word boundary, and no give-up threshold is configured.
        self.dfa
            .try_search_fwd(
                &mut cache,
                &Input::new(haystack).range(from..).earliest(true),
            )
            .ok()
            .map(|m| m.is_some())
    }
}

/// The lazy DFA settings of [`LatinRegex::is_match_at`]: a Unicode word boundary (`\b`) is
/// decided from ASCII bytes alone, and the search quits at a non-ASCII byte, where the caller
/// asks the regex instead. Class and id names, and most of the short text these patterns
/// read, are ASCII: a pattern with `\b` then needs only its forward automaton, about a third of
/// the instructions of a `Regex` (reverse automaton, literal prefilter, capture states).
/// A pattern without a Unicode word boundary gets no quit bytes from this setting.
const WORD_BOUNDARY_DFA: bool = true;

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
    /// The same for texts of [`has_ascii_words`] ([`Words::Ascii`]), where the DFA of `dfas`
    /// quits: compiled only for a pattern with a word boundary, on the first such text.
    ascii_dfas: [OnceLock<Option<ForwardDfa>>; 2],
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
            ascii_dfas: [OnceLock::new(), OnceLock::new()],
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
            ascii_dfas: [OnceLock::new(), OnceLock::new()],
        }
    }

    /// Whether the pattern matches in `haystack` at or after byte `from`, as
    /// `self.get(haystack).is_match_at(haystack, from)` answers, from the forward lazy DFA
    /// of the haystack's form when there is one (a regex only ever asked whether it matches
    /// then never compiles the rest).
    pub(crate) fn is_match_at(&self, haystack: &str, from: usize) -> bool {
        if let Some(form) = form_of(haystack) {
            let dfa = self.dfas[form.index()].get_or_init(|| self.dfa(form, Words::Unicode));
            if let Some(answer) = dfa
                .as_ref()
                .and_then(|dfa| dfa.try_is_match(haystack, from))
            {
                return answer;
            }
            // The search quit at a non-ASCII byte (a word boundary of the pattern): most such
            // texts have no non-ASCII word character, and their DFA need not quit.
            if has_ascii_words(haystack) {
                let ascii =
                    self.ascii_dfas[form.index()].get_or_init(|| self.dfa(form, Words::Ascii));
                if let Some(answer) = ascii
                    .as_ref()
                    .and_then(|dfa| dfa.try_is_match(haystack, from))
                {
                    return answer;
                }
            }
        }
        self.get(haystack).is_match_at(haystack, from)
    }

    /// The forward lazy DFA of the pattern's `form` for texts of `words`.
    fn dfa(&self, form: Form, words: Words) -> Option<ForwardDfa> {
        let nfa = thompson::Config::new().which_captures(thompson::WhichCaptures::None);
        let config = hybrid::dfa::Config::new().unicode_word_boundary(WORD_BOUNDARY_DFA);
        let dfa = match form_dfa(
            &self.pattern,
            form,
            self.case_insensitive,
            words,
            config.clone(),
            nfa.clone(),
        ) {
            FormDfa::Built(dfa) => Some(*dfa),
            FormDfa::NotLazy => None,
            // No expression from placeholders: the written-out form, whose word boundaries
            // stay Unicode's (a pattern rare enough not to need the ASCII ones).
            FormDfa::NoForm if words == Words::Unicode => {
                let pattern = form_pattern(&self.pattern, form)?;
                hybrid::dfa::DFA::builder()
                    .configure(config)
                    .syntax(syntax::Config::new().case_insensitive(self.case_insensitive))
                    .thompson(nfa)
                    .build(&pattern)
                    .ok()
            }
            FormDfa::NoForm => None,
        };
        dfa.map(ForwardDfa::new)
    }

    /// Whether the pattern matches anywhere in `haystack` (see [`LatinRegex::is_match_at`]).
    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.is_match_at(haystack, 0)
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

    pub(crate) fn is_case_insensitive(&self) -> bool {
        self.case_insensitive
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
        // the form built from placeholders is the written-out form, expression for expression
        // (up to an alternation of single characters written as their class)
        if let Some(built) = form_hir(pattern, form, case_insensitive) {
            assert!(
                one_char_alternations_as_classes(&built)
                    == one_char_alternations_as_classes(&rewritten),
                "{form:?} form of {pattern:?} from placeholders differs from the written-out form"
            );
        }
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
    use regex_syntax::hir::{Capture, ClassBytes, ClassBytesRange, Repetition};
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
        HirKind::Look(look) if ascii_looks => Hir::look(ascii_look(*look)),
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

/// For tests: `hir` with each alternation whose branches all match one character (a class or
/// a one-character literal) written as the union of those characters, which matches the same
/// text at the same places. The placeholders of [`form_hir`] are single characters when
/// translated, so the translator merges some alternations with them that it keeps with the
/// written-out classes.
#[cfg(test)]
fn one_char_alternations_as_classes(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, Repetition};
    let one_char = |h: &Hir| -> Option<ClassUnicode> {
        match h.kind() {
            HirKind::Class(Class::Unicode(c)) => Some(c.clone()),
            HirKind::Literal(lit) => {
                let text = std::str::from_utf8(&lit.0).ok()?;
                let mut chars = text.chars();
                let c = chars.next()?;
                chars
                    .next()
                    .is_none()
                    .then(|| ClassUnicode::new([ClassUnicodeRange::new(c, c)]))
            }
            _ => None,
        }
    };
    match hir.kind() {
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(one_char_alternations_as_classes(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(one_char_alternations_as_classes(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => {
            Hir::concat(subs.iter().map(one_char_alternations_as_classes).collect())
        }
        HirKind::Alternation(subs) => {
            let subs: Vec<Hir> = subs.iter().map(one_char_alternations_as_classes).collect();
            match subs.iter().map(one_char).collect::<Option<Vec<_>>>() {
                Some(classes) => {
                    let mut union = ClassUnicode::empty();
                    for c in &classes {
                        union.union(c);
                    }
                    Hir::class(Class::Unicode(union))
                }
                None => Hir::alternation(subs),
            }
        }
        _ => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dfa_of(hir: &Hir) -> ForwardDfa {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_from_hir(hir)
            .unwrap();
        ForwardDfa::new(hybrid::dfa::Builder::new().build_from_nfa(nfa).unwrap())
    }

    /// On a text whose non-ASCII characters are none of them word characters, the DFA with
    /// ASCII word boundaries answers as the pattern does, without quitting; a text with a
    /// non-ASCII letter is not such a text.
    #[test]
    fn ascii_word_boundaries_are_unicode_ones_on_texts_of_ascii_words() {
        assert!(has_ascii_words("It’s “free” — 10 € … • ©"));
        assert!(!has_ascii_words("café"));
        assert!(!has_ascii_words("naïve ads"));
        assert!(!has_ascii_words("x\u{301}"));
        let patterns = [
            r"\bads?\b",
            r"\bread (?:more|also)\b\W*$",
            r"(?:^|\W)\bfree\b|\Bing\b",
            r"\b(?-i:\p{Lu})\w+\b’s\b",
        ];
        let lines = [
            "ads’ space",
            "“ads” here",
            "Read more —",
            "read more…",
            "café ads",
            "naïveads",
            "adsé",
            "éads",
            "It’s free—really",
            "“Free”",
            "sing—",
            "Jane’s",
            "Zoë’s",
            "x—ads—y",
        ];
        for pattern in patterns {
            for case_insensitive in [true, false] {
                let re = LatinRegex::new(pattern, case_insensitive);
                let whole = regex::RegexBuilder::new(pattern)
                    .case_insensitive(case_insensitive)
                    .build()
                    .unwrap();
                for line in lines {
                    assert_eq!(
                        re.is_match(line),
                        whole.is_match(line),
                        "{pattern:?} ({case_insensitive}) on {line:?}"
                    );
                }
                assert!(
                    re.ascii_dfas[Form::Latin.index()]
                        .get()
                        .is_some_and(Option::is_some),
                    "{pattern:?}: the lines of ASCII words went to the DFA with ASCII boundaries"
                );
            }
        }
    }

    /// Factoring keeps what an expression matches, and merges the branches that start alike.
    #[test]
    fn factored_alternations_match_what_the_branches_match() {
        let patterns = [
            r"(?:^|\W)(?:subscribe|support|sign up|sign in|s|)(?:\W|$)",
            r"ab|ac|a|b(?:cd|ce)|bc|^ab$|^ac",
            r"(?:foo\w*|fob|f(?:x|y)|ſ|ß|straße|strasse)\s(?-i:\p{Lu})",
            r"(?:[0-9]{1,2}\.\s?){2}(?:19|20)[0-9]{2}|[0-9]{4}-[0-9]{2}",
        ];
        let lines = [
            "",
            "s",
            "subscribe",
            "Sign up now",
            "sign-in",
            "a sign",
            "ab",
            "ac",
            "a",
            "bcd",
            "bce",
            "bc",
            "xbcx",
            "foo Bar",
            "fob bar",
            "fx Y",
            "ſ Z",
            "STRASSE Z",
            "straße z",
            "12.3.2024",
            "1. 2. 1999",
            "2024-05",
            "2024-5",
            "ß Ü",
        ];
        for pattern in patterns {
            for form in [Form::Latin, Form::Wide] {
                let plain = form_hir(pattern, form, true).unwrap();
                let factored = factor_alternations(plain.clone());
                let (plain_dfa, factored_dfa) = (dfa_of(&plain), dfa_of(&factored));
                for line in lines {
                    assert_eq!(
                        plain_dfa.is_match(line, 0),
                        factored_dfa.is_match(line, 0),
                        "{pattern:?} on {line:?}"
                    );
                }
            }
        }
        let words = form_hir("subscribe|support|sign up", Form::Latin, false).unwrap();
        let HirKind::Concat(parts) = factor_alternations(words).into_kind() else {
            panic!("the three words share their first letter")
        };
        assert_eq!(parts[0], Hir::literal("s".as_bytes()));
    }
}
