//! Small text measures shared by the filter's parts: word counts, line normalisation, the
//! quoted-speech guard, sentence-end and title-case tests. All are pure `&str` functions.

pub(crate) use crate::article::word_count;

/// Lowercased text with runs of whitespace collapsed to one space and no outer whitespace: the
/// key under which two lines count as "the same line" (duplicates, site profiles, exact dedup).
pub(crate) fn normalize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(&mut out, text);
    out
}

/// Writes [`normalize_line`] of `text` into `out` (cleared first), reusing its allocation.
pub(crate) fn normalize_into(out: &mut String, text: &str) {
    out.clear();
    for word in crate::article::words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// 64-bit key of a normalised line (for duplicate and profile look-ups without keeping
/// strings). `scratch` is a reusable buffer.
pub(crate) fn line_key(scratch: &mut String, text: &str) -> u64 {
    normalize_into(scratch, text);
    xxhash_rust::xxh3::xxh3_64(scratch.as_bytes())
}

/// True when most letters of the text are Chinese or Japanese (Han, Hiragana, Katakana), which
/// are written without spaces between words: a whole sentence counts as one "word", so
/// word-count limits say nothing about how long such a line is.
pub(crate) fn is_cjk_text(text: &str) -> bool {
    let mut letters = 0usize;
    let mut cjk = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c as u32,
            0x3040..=0x30FF // Hiragana, Katakana
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xF900..=0xFAFF // CJK compatibility ideographs
            | 0xFF66..=0xFF9F // half-width Katakana
            | 0x20000..=0x2FFFF)
        // CJK extensions B-F
        {
            cjk += 1;
        }
    }
    letters > 0 && cjk * 2 > letters
}

/// Opening quotation marks in English, German, French and Spanish typography.
const OPENING_QUOTES: &[char] = &['"', '“', '”', '„', '«', '»', '‘', '‚', '\'', '‹', '›', '「'];

/// True when the line is quoted speech or dialogue: it opens with a quotation mark, or with a
/// dash directly followed by a letter (Spanish and French dialogue, "—¿Vienes?"). Boilerplate
/// never looks like this, so built-in rules leave such lines alone even when they say
/// "subscribe now". A dash followed by a space ("– Anzeige –") is decoration, not dialogue.
pub(crate) fn is_quoted_speech(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    match chars.next() {
        Some(c) if OPENING_QUOTES.contains(&c) => true,
        Some('—' | '–' | '―') => chars
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '¿' || c == '¡'),
        _ => false,
    }
}

/// True when the trimmed text ends like a sentence: `. ! ? … :` or a closing quote or bracket
/// after one of those (or after any word: a quoted sentence may close with the quote only).
pub(crate) fn ends_like_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let Some(last) = t.chars().next_back() else {
        return false;
    };
    matches!(
        last,
        '.' | '!' | '?' | '…' | ':' | '"' | '”' | '»' | '«' | '’' | '\'' | ')' | '“' | ';'
            // CJK full stop, exclamation and question marks, colon, closing brackets
            | '。' | '！' | '？' | '：' | '」' | '』' | '）' | '】'
    )
}

/// Valedictions that close a blog post or letter on their own, before the writer's name:
/// "x Franzi", "Euer Hans", "LG Anna", "Bisous Léa".
const SIGN_OFF_WORDS: &[&str] = &[
    "x", "xx", "xxx", "xo", "xoxo", "lg", "glg", "vg", "euer", "eure", "bises", "bisous", "besos",
    "abrazos", "kisses", "hugs",
];
/// Valedictions that need a comma before the name, since without one they open ordinary
/// labels ("Love Island", "Best Sellers"): "Love, Anna", "Cheers, Tom", "Saludos, Ana".
const SIGN_OFF_WORDS_WITH_COMMA: &[&str] = &[
    "love", "cheers", "best", "thanks", "regards", "yours", "saludos", "gruß", "grüße", "ciao",
];
/// Two-word valedictions: "Liebe Grüße, Anna", "Bis bald Tom", "Kind regards, Jane".
const SIGN_OFF_PAIRS: &[(&str, &str)] = &[
    ("liebe", "grüße"),
    ("viele", "grüße"),
    ("herzliche", "grüße"),
    ("beste", "grüße"),
    ("bis", "bald"),
    ("best", "wishes"),
    ("kind", "regards"),
    ("best", "regards"),
    ("warm", "regards"),
    ("gros", "bisous"),
    ("à", "bientôt"),
    ("un", "abrazo"),
];

/// Most words of the source named in a [`is_source_attribution`] line: a site, a domain or an
/// outlet ("fubiz.net", "The Verge").
const SOURCE_ATTRIBUTION_MAX_WORDS: usize = 3;

/// True when the line only names where a post's story came from: "via" and a site, a domain
/// or an outlet ("via fubiz.net", "Via: Treehugger", "vía El País"). Blogs close or open a
/// reblogged post this way; the line is the post's attribution, written by its author, not a
/// section label, though it is as short as one.
pub(crate) fn is_source_attribution(text: &str) -> bool {
    let t = text.trim();
    let Some((first, rest)) = t.split_once(char::is_whitespace) else {
        return false;
    };
    let first = first.trim_end_matches(':').to_lowercase();
    let words = word_count(rest);
    (first == "via" || first == "vía")
        && (1..=SOURCE_ATTRIBUTION_MAX_WORDS).contains(&words)
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        && !ends_like_sentence(rest)
}

/// True when the line is a letter-style sign-off: a valediction followed by a name of one or
/// two capitalised words ("x Franzi", "Euer HansEhrlich", "XX, Die Redaktion", "Liebe Grüße,
/// Anna Maier"). Such a line is the close of a post, written by its author; it is short and
/// has no sentence ending, so shape rules would otherwise take it for a label.
pub(crate) fn is_sign_off(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 4 {
        return false;
    }
    let bare = |w: &str| w.trim_end_matches([',', '!']).to_lowercase();
    let comma = |w: &str| w.ends_with(',');
    let first = bare(words[0]);
    let name_from = if words.len() >= 3
        && SIGN_OFF_PAIRS
            .iter()
            .any(|&(a, b)| first == a && bare(words[1]) == b)
    {
        2
    } else if SIGN_OFF_WORDS.contains(&first.as_str())
        || (comma(words[0]) && SIGN_OFF_WORDS_WITH_COMMA.contains(&first.as_str()))
    {
        1
    } else {
        return false;
    };
    let name = &words[name_from..];
    (1..=2).contains(&name.len())
        && name.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '!'))
        })
}

/// Words that stay lowercase in English title case, and their frequent equivalents in the other
/// supported languages (so a French headline in title case is measured the same way).
pub(crate) const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "vs", "vs.", "via", "into", "over", "up", "off", "per", "is", "de", "la", "le",
    "les", "des", "du", "et", "y", "el", "los", "las", "en", "del", "al", "der", "die", "das",
    "und", "von", "mit", "im", "zu", "für", "à", "au", "aux", "un", "une", "una", "ein", "eine",
];

/// True when the line reads like a headline in English title case: at least
/// [`TITLE_MIN_WORDS`]..=[`TITLE_MAX_WORDS`] words, no sentence-ending punctuation, the first
/// word capitalised and at least [`TITLE_CAPITALISED_SHARE`] of the other words that are not
/// small words ("of", "the", ...) capitalised.
pub(crate) fn looks_like_title_case_headline(text: &str) -> bool {
    let t = text.trim();
    // cheap rejections first: this runs on every paragraph. Two commas or a semicolon make a
    // name with its titles and affiliations, an address or a list ("Jane Roe, Ph.D., Harbour
    // University"), not a headline.
    if ends_like_sentence(t)
        || t.ends_with(',')
        || is_quoted_speech(t)
        || t.contains(';')
        || t.matches(',').nth(1).is_some()
    {
        return false;
    }
    let n = t.split_whitespace().take(TITLE_MAX_WORDS + 1).count();
    if !(TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&n) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let starts_upper = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    if !starts_upper(words[0]) {
        return false;
    }
    let mut content = 0usize;
    let mut capitalised = 0usize;
    for w in &words[1..] {
        let lower = w.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || TITLE_SMALL_WORDS.contains(&bare) {
            continue;
        }
        content += 1;
        if starts_upper(w) {
            capitalised += 1;
        }
    }
    content >= 2 && capitalised as f64 >= TITLE_CAPITALISED_SHARE * content as f64
}

/// True when a paragraph has the shape of another story's headline without title case: a
/// "Kicker: headline" line that starts with a capital, has
/// [`SENTENCE_HEADLINE_MIN_WORDS`]..=[`TITLE_MAX_WORDS`] words, a kicker of at most three
/// words, no sentence inside and no closing full stop ("Price war: who really wins?",
/// "Bahnstrecke: Neubau verzögert sich erneut"). Teaser headlines are set that way in every
/// language; story sentences end with a full stop.
pub(crate) fn looks_like_sentence_case_headline(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with(',') || t.ends_with(';') || is_quoted_speech(t) {
        return false;
    }
    let n = t.split_whitespace().take(TITLE_MAX_WORDS + 1).count();
    if !(SENTENCE_HEADLINE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&n)
        || !t.chars().next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    // A kicker is what sets such a line apart from a story's own subheading set as a
    // paragraph ("The road ahead for the bus network").
    !t.ends_with(['.', '!'])
        && t.split_once(": ").is_some_and(|(kicker, rest)| {
            kicker.split_whitespace().count() <= 3
                && !rest.trim_end_matches('?').contains(['.', '!', '?'])
        })
}

/// A public body named as the owner of a service ("the council's flood alerts", "les alertes
/// de votre préfecture", "die App der Stadt"): a call to sign up for it is a public-service
/// notice the story relays, not the outlet's own pitch. Where the article is a suffix (ro
/// "primăriei", da "kommunens", hu, hr, tr, fi) the body's inflected name stands alone.
/// No word boundaries (see
/// `cues::tests::cue_patterns_have_no_word_boundary`).
pub(crate) const PUBLIC_SERVICE: &str = r"(?:^|[^\p{L}])(?:the|your|its|their|local|votre|ta|sa|leur|la|le|du|der|die|dem|des|ihrer|ihres|del|de la|della|dello|do|da|het|de|din|sin|twojej|twojego|swojej)\s(?:local\s)?(?:council|county|borough|municipality|government|ministry|police|fire service|nhs|health service|health board|authorit(?:y|ies)|pr[ée]fecture|mairie|commune|municipalit[ée]|gemeinde|stadt|landkreis|kreis(?:es)?|beh[öo]rde|polizei|ayuntamiento|municipio|gobierno|ministerio|polic[íi]a|comune|prefettura|regione|protezione civile|prefeitura|c[âa]mara municipal|gemeente|provincie|kommun(?:en)?|gmin[ay]|urz[ęe]du)(?:['’]s?|[^\p{L}]|$)|(?:^|[^\p{L}])(?:primări(?:a|ei|ile)|consiliului (?:local|jude[țţ]ean)|prefecturii|[öo]nkorm[áa]nyzat\w*|polg[áa]rmesteri hivatal\w*|radnice|magistr[áa]tu|op[ćc]ine|gradske uprave|belediye\w*|valili[ğg]\w*|kommunens?|kunnan|kaupungin|ajuntament|gminy|urz[ęe]du miasta|poli[țţ]iei|rend[őo]rs[ée]g\w*|policie|policije|poliisin|emniyet\w*)(?:[^\p{L}]|$)";

/// Whether a line opens a turn of an interview: a speaker's letter and a colon ("Q: How did
/// you start?", "F: ...", "P: ..."). One capital; two are as often a kicker ("EU", "AI") as
/// initials.
pub(crate) fn is_speaker_turn(t: &str) -> bool {
    t.trim_start().split_once(": ").is_some_and(|(label, _)| {
        let mut chars = label.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    })
}

/// Fewest words of a sentence-case headline: shorter lines are labels, names and kickers.
pub(crate) const SENTENCE_HEADLINE_MIN_WORDS: usize = 5;

/// Fewest words of an inline headline. Three-word lines are too often labels or names.
pub(crate) const TITLE_MIN_WORDS: usize = 4;
/// Most words of an inline headline: headlines run to about 15 words; a longer line is prose.
pub(crate) const TITLE_MAX_WORDS: usize = 16;
/// Share of non-small words that must be capitalised. 0.8 keeps German sentence-case lines
/// (capitalised nouns, lowercase verbs and adjectives) out; English title case capitalises
/// every word that is not a small word (a share of 1.0).
pub(crate) const TITLE_CAPITALISED_SHARE: f64 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_turns_and_title_case() {
        assert!(is_speaker_turn("Q: How did you start?"));
        assert!(!is_speaker_turn(
            "EU: Ministers agree on a new fishing quota?"
        ));
        // a name with titles and affiliations is no title-case headline
        assert!(looks_like_title_case_headline(
            "Harbour Board Approves New Quay"
        ));
        assert!(!looks_like_title_case_headline(
            "Jane Roe, Ph.D., Harbour University"
        ));
    }

    #[test]
    fn word_count_handles_unspaced_scripts() {
        assert_eq!(word_count("The council met."), 3);
        // 22 ideographs and a full stop
        assert_eq!(
            word_count("梁振英强调承诺将在两周内解决其住宅的违建问题。"),
            11
        );
        assert_eq!(word_count("Kim 金正恩 said"), 4);
        assert!(ends_like_sentence("问题。"));
    }

    #[test]
    fn word_count_fast_paths_agree_with_the_char_rule() {
        // the rule without fast paths: one word per token, Han and kana tokens by characters
        let reference = |t: &str| -> usize {
            t.split_whitespace()
                .map(|tok| {
                    let unspaced = tok
                        .chars()
                        .filter(|&c| {
                            matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
                                | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
                        })
                        .count();
                    if unspaced == 0 {
                        1
                    } else {
                        unspaced.div_ceil(2).max(1)
                    }
                })
                .sum()
        };
        for t in [
            "plain ascii words",
            "tabs\tand\x0Bvertical\x0Cfeeds\r\nhere",
            "  leading and trailing  ",
            "",
            "café au lait, naïve résumé",
            "no\u{a0}break\u{2003}spaces",
            "日本語の文章です。 and English",
            "「引用」 〜 ｶﾀｶﾅ",
        ] {
            assert_eq!(word_count(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn normalize_line_folds_case_and_space() {
        assert_eq!(
            normalize_line("  Photo:\tREUTERS  now "),
            "photo: reuters now"
        );
        assert_eq!(normalize_line("ÉTÉ À Paris"), "été à paris");
    }

    #[test]
    fn quoted_speech_detects_quotes_and_dialogue() {
        assert!(is_quoted_speech("“Subscribe now,” she said."));
        assert!(is_quoted_speech("„Jetzt abonnieren“, sagte sie."));
        assert!(is_quoted_speech("« Abonnez-vous », lance-t-il."));
        assert!(is_quoted_speech("—¿Te suscribes? —preguntó."));
        assert!(!is_quoted_speech("– Anzeige –"));
        assert!(!is_quoted_speech("Subscribe now."));
    }

    #[test]
    fn title_case_headline_detection() {
        assert!(looks_like_title_case_headline(
            "U.S. to Enrage Kim Jong Un With Assassination Dry Run"
        ));
        assert!(looks_like_title_case_headline(
            "Why the Fed Is Holding Rates Steady for Now"
        ));
        assert!(!looks_like_title_case_headline(
            "The road ahead for the company"
        ));
        assert!(!looks_like_title_case_headline("He Said It Was Over."));
        assert!(!looks_like_title_case_headline(
            "Die Regierung plant neue Steuern für Unternehmen"
        ));
        assert!(!looks_like_title_case_headline("Short Line"));
    }

    #[test]
    fn sign_off_detection() {
        for t in [
            "x Franzi",
            "Euer HansEhrlich",
            "XX, Die Redaktion",
            "Liebe Grüße, Anna Maier",
            "Love, Jane",
            "xoxo Léa!",
        ] {
            assert!(is_sign_off(t), "{t:?}");
        }
        for t in [
            "Love Island",
            "Best Sellers",
            "Deine E-Mail-Adresse",
            "Euer Warenkorb ist leer",
            "x",
            "Liebe Grüße",
            "LG 2024",
        ] {
            assert!(!is_sign_off(t), "{t:?}");
        }
    }
}
