//! Shape cues: a line's role read from its form alone (figures, separators, brackets, case),
//! with no word of any language in them, so they carry over to outlets and languages the
//! phrase cues have never seen (issue 15). Each shape names the page convention it encodes;
//! `Cues::classify` asks them after its guards (quoted and reported speech) and reports a
//! match under an existing cue name, so `removed`, `explain` and `filter.disable` see them as
//! that cue.
//!
//! Plain functions over `&str`, no regex: a line costs a scan or two and the start-up nothing.

use super::text;

/// Most words of a counter with an invitation ("12 comments so far. Add yours!").
const COUNT_INVITE_MAX_WORDS: usize = 10;
/// Most words, besides the figure, of the counted part ("318 komentarzy", "Vos réactions (14)").
const COUNT_NOUN_MAX_WORDS: usize = 3;
/// Most words of the invitation next to a counter ("Add yours!", "réagissez !").
const INVITE_MAX_WORDS: usize = 5;
/// Most words of the question of a feedback widget ("Was this answer helpful? Yes (4) No (1)").
const VOTE_QUESTION_MAX_WORDS: usize = 8;
/// Words of a teaser label before a dash or an arrow ("À lire aussi — <headline>").
const DASH_LABEL_WORDS: std::ops::RangeInclusive<usize> = 2..=5;
/// Fewest words of the headline after a teaser label: a shorter value is a field.
const DASH_HEADLINE_MIN_WORDS: usize = 4;
/// Most words of a post header or a dated byline ("door X » di 14 apr 2009, 21:40").
const HEADER_MAX_WORDS: usize = 14;
/// Fewest words with letters in a dated header: a date alone is a live blog's time stamp.
const HEADER_MIN_ALPHA_WORDS: usize = 2;
/// Words of the label of a tag list ("Labels:", "Archivado en:").
const TAG_LABEL_WORDS: std::ops::RangeInclusive<usize> = 1..=3;
/// Fewest items of a tag list: two are a pair of values ("Departs from: London, England").
const TAG_MIN_ITEMS: usize = 3;
/// Most words of one item of a tag list.
const TAG_ITEM_MAX_WORDS: usize = 3;
/// Most words of a line held whole in brackets ("(Courier file image)").
const BRACKET_MAX_WORDS: usize = 6;

/// A shape's verdict, mapped to a cue name and a position by `Cues::shape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A count of comments or reactions beside a short invitation to add one.
    CountInvite,
    /// A feedback widget: a short question and two one-word answers, with or without counts.
    Vote,
    /// A label in sentence case, a dash or an arrow, and another story's headline.
    DashTeaser,
    /// A forum post's header: a post number, a role in brackets, a post count.
    PostHeader,
    /// A byline or post header with a date: fields, no sentence.
    DatedHeader,
    /// A label, a colon and a list of short comma-separated items (tags, categories).
    TagList,
    /// A short line held whole in brackets: a credit or an agency code.
    Bracketed,
    /// A price for a product of the outlet ("Name+"), per billing period, or a token price.
    PricedOffer,
    /// A pointer to the site's news feed: "RSS", or a feed in a line that is no sentence.
    FeedLink,
}

/// The shape of a paragraph or caption line, if it has one of the shapes above.
pub(crate) fn shape(t: &str, words: usize) -> Option<Shape> {
    // counts, post headers, dates and prices need a figure: most lines have none
    let figure = t.bytes().any(|b| b.is_ascii_digit());
    if figure && count_invite(t, words) {
        Some(Shape::CountInvite)
    } else if vote(t) {
        Some(Shape::Vote)
    } else if dash_teaser(t) {
        Some(Shape::DashTeaser)
    } else if figure && post_header(t, words) {
        Some(Shape::PostHeader)
    } else if figure && dated_header(t, words) {
        Some(Shape::DatedHeader)
    } else if tag_list(t) {
        Some(Shape::TagList)
    } else if bracketed(t, words) {
        Some(Shape::Bracketed)
    } else if figure && priced_offer(t, words) {
        Some(Shape::PricedOffer)
    } else if feed_link(t, words) {
        Some(Shape::FeedLink)
    } else {
        None
    }
}

/// Whether the line ends on a full stop, an exclamation or a question mark (closing quotes
/// and brackets aside): a sentence does, a field or a button does not.
fn ends_with_stop(t: &str) -> bool {
    t.trim_end()
        .trim_end_matches(['"', '”', '»', '\'', ')', '’'])
        .ends_with(['.', '!', '?', '…'])
}

/// The runs of figures in `t` ("8,311" is one, "1-0" two).
fn figure_runs(t: &str) -> usize {
    let mut runs = 0;
    let mut prev_in_run = false;
    for c in t.chars() {
        let in_run = c.is_ascii_digit() || (prev_in_run && matches!(c, '.' | ','));
        if in_run && !prev_in_run {
            runs += 1;
        }
        prev_in_run = in_run;
    }
    runs
}

/// A token that is only a figure, brackets aside ("12", "(14)", "8,311").
fn is_figure(token: &str) -> bool {
    let bare = token.trim_matches(['(', ')']);
    bare.starts_with(|c: char| c.is_ascii_digit())
        && bare
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// The parts of a short line: split after a stop or a colon, and at a dash, a bar, a middle
/// dot, a guillemet or an arrow set between spaces (the way widgets join their pieces).
fn segments(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_space = chars.peek().is_some_and(|(_, n)| n.is_whitespace());
        let prev_space = t[..i].ends_with(char::is_whitespace);
        let cut = (matches!(c, '.' | '!' | '?' | ':') && next_space)
            || (matches!(c, '–' | '—' | '|' | '·' | '»' | '➜' | '→') && next_space && prev_space);
        if cut {
            let end = if matches!(c, '.' | '!' | '?' | ':') {
                i + c.len_utf8()
            } else {
                i
            };
            out.push(&t[start..end]);
            start = i + c.len_utf8();
        }
    }
    out.push(&t[start..]);
    out.retain(|s| !s.trim().trim_matches(['.', ':']).trim().is_empty());
    out
}

/// A counted part: one figure, first or in closing brackets, and one to three words
/// ("12 comments so far", "Vos réactions (14)", "🗨 (31)").
fn is_count(segment: &str) -> bool {
    let s = segment.trim().trim_end_matches(['.', ':', '!', '?']).trim();
    if figure_runs(s) != 1 {
        return false;
    }
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let led = tokens.first().is_some_and(|w| is_figure(w));
    let closed = tokens
        .last()
        .is_some_and(|w| w.starts_with('(') && w.ends_with(')') && is_figure(w));
    let others = tokens.iter().filter(|w| !is_figure(w)).count();
    (led || closed) && (1..=COUNT_NOUN_MAX_WORDS).contains(&others)
}

/// An invitation: a few words without figures that close on an exclamation mark, or a button
/// closing the line without a stop after a count that is a sentence of its own ("318
/// komentarzy. Dołącz do rozmowy"; after a colon, "1998 Winner: Jane Roe", it is a value).
fn is_invitation(segment: &str, last: bool, after_sentence: bool) -> bool {
    let s = segment.trim();
    let words = text::word_count(s);
    (1..=INVITE_MAX_WORDS).contains(&words)
        && figure_runs(s) == 0
        && (s.ends_with('!') || (last && after_sentence && !ends_with_stop(s)))
}

/// `CountInvite`: comment sections head or close a page with their count and a call to join
/// ("12 comments so far. Add yours!", "0 Kommentare – Diskutieren Sie mit!"); a story's
/// sentence with a figure is longer or holds more figures ("Rovers 2 Town 1. What a finish!"
/// has two).
fn count_invite(t: &str, words: usize) -> bool {
    if !(2..=COUNT_INVITE_MAX_WORDS).contains(&words) {
        return false;
    }
    let parts = segments(t);
    if parts.len() < 2 {
        return false;
    }
    let counts: Vec<bool> = parts.iter().map(|p| is_count(p)).collect();
    let after_sentence =
        |i: usize| i > 0 && counts[i - 1] && parts[i - 1].trim_end().ends_with(['.', '?']);
    counts.iter().any(|&c| c)
        && parts
            .iter()
            .enumerate()
            .any(|(i, p)| !counts[i] && is_invitation(p, i + 1 == parts.len(), after_sentence(i)))
}

/// `Vote`: help pages and Q&A columns close with a feedback widget, a short question and two
/// one-word answers, each with its count or split by a bar ("Was this helpful? Yes (4) No
/// (1)", "Hjälpte informationen dig? Ja / Nej"); an answer in a story has a stop.
fn vote(t: &str) -> bool {
    let Some((question, answers)) = t.split_once('?') else {
        return false;
    };
    if !(1..=VOTE_QUESTION_MAX_WORDS).contains(&text::word_count(question)) {
        return false;
    }
    let mut options = 0;
    for token in answers.split_whitespace() {
        if is_figure(token) && token.starts_with('(') || matches!(token, "/" | "|" | "·") {
            continue;
        }
        if !token.chars().all(char::is_alphabetic) {
            return false;
        }
        options += 1;
    }
    options == 2
}

/// The separator of a teaser label: a dash, an arrow or a guillemet between spaces.
const TEASER_SEPARATORS: &[&str] = &[" — ", " – ", " ➜ ", " → ", " » ", " > "];

/// `DashTeaser`: a pointer phrase in sentence case, a dash or an arrow, and a headline in
/// capitals with no stop ("À lire aussi — Vallonne : le chantier encore retardé", "Otras
/// críticas de la temporada ➜ Cuarteto Lirio"), the way pages link another story between
/// paragraphs. A label in title case is a name ("Jane Roe — ..."), one word a heading, and a
/// figure in the label a score or a date.
fn dash_teaser(t: &str) -> bool {
    if ends_with_stop(t) {
        return false;
    }
    let Some((at, sep)) = TEASER_SEPARATORS
        .iter()
        .filter_map(|s| t.find(s).map(|i| (i, s.len())))
        .min()
    else {
        return false;
    };
    let (label, rest) = (t[..at].trim(), t[at + sep..].trim());
    let label_words: Vec<&str> = label.split_whitespace().collect();
    // the label is words alone: a colon or a figure in it makes a field or a score, and two
    // commas after it a list ("Native apps – Spotify, Facebook, Snapchat")
    if !DASH_LABEL_WORDS.contains(&label_words.len())
        || !label
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '\'' | '’' | '-'))
        || !label.starts_with(char::is_uppercase)
        || rest.matches(',').count() >= 2
        || rest.contains(':') && figure_runs(rest) > 0
    {
        return false;
    }
    let sentence_case = label_words.iter().skip(1).any(|w| {
        w.starts_with(char::is_lowercase)
            && !text::TITLE_SMALL_WORDS.contains(&w.to_lowercase().as_str())
    });
    sentence_case
        && text::word_count(rest) >= DASH_HEADLINE_MIN_WORDS
        && rest.starts_with(char::is_uppercase)
}

/// `PostHeader`: a forum post's header holds two of a post number ("#2"), a role in brackets
/// ("(Moderator)") and a post count closing the line ("Posts: 8,311"), with no sentence.
fn post_header(t: &str, words: usize) -> bool {
    if words > HEADER_MAX_WORDS || ends_with_stop(t) {
        return false;
    }
    let number = t
        .match_indices('#')
        .any(|(i, _)| t[i + 1..].starts_with(|c: char| c.is_ascii_digit()));
    let role = t.split('(').skip(1).any(|r| {
        r.split_once(')').is_some_and(|(inner, _)| {
            inner.starts_with(char::is_uppercase) && inner.chars().all(char::is_alphabetic)
        })
    });
    let count = t.rsplit_once(':').is_some_and(|(label, value)| {
        label.ends_with(char::is_alphabetic) && is_figure(value.trim()) && !value.contains('(')
    });
    usize::from(number) + usize::from(role) + usize::from(count) >= 2
}

/// A token's figure as (value, digits), when the token is a figure with punctuation around it.
fn token_number(token: &str) -> Option<(u32, usize)> {
    let bare = token.trim_matches(|c: char| !c.is_ascii_digit());
    (!bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit()))
        .then(|| (bare.parse().unwrap_or(0), bare.len()))
}

/// Whether a token is a year of the web's time (1900 to 2099).
fn is_year(token: &str) -> bool {
    token_number(token).is_some_and(|(n, d)| d == 4 && (1900..2100).contains(&n))
}

/// A year anywhere in the line.
fn has_year(t: &str) -> bool {
    t.split_whitespace().any(is_year)
}

/// Most tokens between a day and its year in a written date ("19 de febrer del 2024").
const DAY_YEAR_MAX_GAP: usize = 4;

/// A written date: a day (1 to 31) within a few tokens of a year ("14 apr 2009", "March 14,
/// 2009", "2010. június 28."); a figure further away is a count in a sentence.
fn has_day_and_year(t: &str) -> bool {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let days: Vec<usize> = (0..tokens.len())
        .filter(|&i| token_number(tokens[i]).is_some_and(|(n, d)| d <= 2 && (1..=31).contains(&n)))
        .collect();
    (0..tokens.len())
        .filter(|&i| is_year(tokens[i]))
        .any(|y| days.iter().any(|&d| d.abs_diff(y) <= DAY_YEAR_MAX_GAP))
}

/// A numeric date ("02-11-2008", "12/10/2023", "2024-03-01", "14.03.24").
fn has_numeric_date(t: &str) -> bool {
    t.split_whitespace().any(|token| {
        let token = token.trim_matches(|c: char| !c.is_ascii_digit());
        let parts: Vec<&str> = token.split(['.', '/', '-']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && {
                let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
                matches!(lens[..], [1 | 2, 1 | 2, 2 | 4] | [4, 1 | 2, 1 | 2])
            }
    })
}

/// A clock time ("21:40", "8:14").
fn has_clock_time(t: &str) -> bool {
    t.match_indices(':').any(|(i, _)| {
        let before = t[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let after = t[i + 1..].chars().take_while(char::is_ascii_digit).count();
        (1..=2).contains(&before) && after == 2
    })
}

/// `DatedHeader`: a byline or a post header is a few fields with a date ("door bandenplakker
/// » di 14 apr 2009, 21:40", "Bejegyezte: Peti, 2010. június 28., hétfő"): a numeric date, or
/// a year with a day or a clock time, and no sentence stop. At the edges only: a live blog's
/// entries and a schedule have the same fields between paragraphs.
fn dated_header(t: &str, words: usize) -> bool {
    if words > HEADER_MAX_WORDS || ends_with_stop(t) {
        return false;
    }
    let dated = has_numeric_date(t) || has_day_and_year(t) || (has_year(t) && has_clock_time(t));
    dated
        && t.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= HEADER_MIN_ALPHA_WORDS
}

/// Whether the line has the shape of a dated header (see [`Shape::DatedHeader`]), for the
/// engine's guard on lists of dates.
pub(crate) fn is_dated_header(t: &str) -> bool {
    dated_header(t, text::word_count(t))
}

/// `TagList`: a short label, a colon and two or more short items split by commas, no figure
/// and no stop ("Labels: bread, sourdough, lazy baking", "Archivado en: Mercados, Comercio
/// local"): the tags and categories under a post. In the tail only: a list of ingredients or
/// names in the body has the same form.
fn tag_list(t: &str) -> bool {
    let Some((label, items)) = t.split_once(':') else {
        return false;
    };
    if ends_with_stop(t)
        || !TAG_LABEL_WORDS.contains(&text::word_count(label))
        || t.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    // tags are topics, some in lower case; a list of names ("Cast: Jane Roe, John Doe, ...")
    // has every word capitalised, prose joins its last item with a conjunction, and a label in
    // capitals heads a product's or a schedule's entry
    let items: Vec<&str> = items.split(',').map(str::trim).collect();
    let topic = items.iter().any(|i| {
        i.split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase))
    });
    let joined = items.iter().any(|i| {
        i.split_whitespace()
            .next()
            .is_some_and(|w| text::TITLE_SMALL_WORDS.contains(&w.to_lowercase().as_str()))
    });
    items.len() >= TAG_MIN_ITEMS
        && topic
        && !joined
        && !label
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && items
            .iter()
            .all(|i| (1..=TAG_ITEM_MAX_WORDS).contains(&text::word_count(i)))
}

/// `Bracketed`: a few words held whole in brackets, without figures, standing as a line of
/// their own and naming a source after a slash: a picture credit or an agency's initials
/// ("(Jane Roe/Courier)", "(dpa/tks)"). Brackets without a slash hold stage directions, notes
/// and asides as often ("(see below)", "(muffled response)").
fn bracketed(t: &str, words: usize) -> bool {
    let t = t.trim();
    (1..=BRACKET_MAX_WORDS).contains(&words)
        && t.starts_with('(')
        && t.ends_with(')')
        && t.matches('(').count() == 1
        && t.contains('/')
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// Most words of a priced offer: a pitch is one or two short sentences; a longer line is a
/// review's sentence about a service's price.
const OFFER_MAX_WORDS: usize = 20;
/// Currency signs and the short currency words written beside a figure.
const CURRENCY_SIGNS: &[char] = &['€', '£', '$', '¥', '₺', '₽'];
const CURRENCY_WORDS: &[&str] = &[
    "eur", "euro", "euros", "kr", "kr.", "kronor", "kroner", "lei", "zł", "zl", "kn", "ft", "kč",
    "chf", "usd", "gbp", "dkk", "sek", "nok", "pln", "ron", "huf",
];
/// The month, a subscription's billing period, in the languages of the cues (singular: "a
/// month", "i månaden", "pe lună"; "three months" is a span in a story).
const MONTH_WORDS: &[&str] = &[
    "month", "monat", "mois", "mes", "mese", "mês", "maand", "månad", "månaden", "måned",
    "måneden", "miesiąc", "lună", "luna", "hónap", "mjesec", "měsíc", "kuukausi",
];
/// Most tokens between a price and its billing period.
const PERIOD_MAX_GAP: usize = 3;

/// The figures that stand beside a currency sign or word: (token index, value). A figure after
/// another is the tail of a grouped number ("215 000 euros").
fn prices(t: &str) -> Vec<(usize, f32)> {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let is_currency = |w: &str| {
        let bare = w.trim_matches(|c: char| c.is_ascii_punctuation() && c != '.');
        let lower = bare.trim_end_matches('.').to_lowercase();
        bare.chars().any(|c| CURRENCY_SIGNS.contains(&c))
            || CURRENCY_WORDS.contains(&lower.as_str())
    };
    let value = |w: &str| -> Option<f32> {
        let digits: String = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .replace(',', ".");
        (!digits.is_empty()).then(|| digits.parse().ok()).flatten()
    };
    let mut out = Vec::new();
    for (i, w) in tokens.iter().enumerate() {
        let Some(v) = value(w) else { continue };
        if i > 0 && value(tokens[i - 1]).is_some() {
            continue;
        }
        let signed = w.chars().any(|c| CURRENCY_SIGNS.contains(&c));
        let beside = (i > 0 && is_currency(tokens[i - 1]))
            || tokens.get(i + 1).is_some_and(|n| is_currency(n));
        if signed || beside {
            out.push((i, v));
        }
    }
    out
}

/// A product of the outlet named with a plus ("Glasnik+", "BotenPlus", "Pitchside+").
fn has_plus_product(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '+');
        (w.len() > 1 && w.ends_with('+') && w.starts_with(char::is_uppercase))
            || w.strip_suffix("Plus")
                .is_some_and(|head| head.len() > 1 && head.starts_with(char::is_uppercase))
    })
}

/// A billing period beside the price at token `at`: "/mo", "/month", or the month's word
/// within a few tokens ("49 kronor i månaden", "15 lei pe lună", "prvi mjesec 1 euro").
fn has_billing_period(t: &str, at: usize) -> bool {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let from = at.saturating_sub(PERIOD_MAX_GAP);
    let to = (at + PERIOD_MAX_GAP + 1).min(tokens.len());
    tokens[from..to].iter().any(|w| {
        let lower = w.to_lowercase();
        lower.contains("/mo")
            || lower
                .split(|c: char| !c.is_alphabetic())
                .any(|part| MONTH_WORDS.contains(&part))
    })
}

/// `PricedOffer`: a short line naming a price for the outlet's own product ("Go Plus for
/// £3.99/mo", "Vier Wochen testen für 0,99 € mit BotenPlus", "Bli medlem för 49 kronor i
/// månaden"): the price is for a product named with a plus, per billing period, or nothing (a
/// trial "for 0 kr"). At the edges only: a story's prices sit between its paragraphs.
fn priced_offer(t: &str, words: usize) -> bool {
    if words > OFFER_MAX_WORDS {
        return false;
    }
    let prices = prices(t);
    !prices.is_empty()
        && (has_plus_product(t)
            || prices
                .iter()
                .any(|&(at, p)| p == 0.0 || has_billing_period(t, at)))
}

/// Most words of a line pointing to the site's feed.
const FEED_MAX_WORDS: usize = 20;

/// `FeedLink`: blogs and news sites close with a pointer to their feed, named by the format's
/// acronym in every language ("Neue Beiträge per Feed-Reader abonnieren (RSS 2.0)", "kövess
/// RSS-ben"), or by "feed" in a line closing on an exclamation or a bracket rather than a
/// stop ("Iscriviti ai feed di questo blog!!"; "The cows feed on grass." is a sentence).
fn feed_link(t: &str, words: usize) -> bool {
    if words > FEED_MAX_WORDS {
        return false;
    }
    let mut rss = false;
    let mut feed = false;
    for w in t.split(|c: char| !c.is_alphabetic()) {
        rss |= w.eq_ignore_ascii_case("rss");
        feed |= w.eq_ignore_ascii_case("feed") || w.eq_ignore_ascii_case("feeds");
    }
    let end = t.trim_end();
    rss || (feed && (end.ends_with('!') || end.ends_with(')') || !ends_with_stop(end)))
}

/// Words of the label of a note closing a page ("About Halvard Foods:", "Zur Person:").
const NOTE_LABEL_WORDS: std::ops::RangeInclusive<usize> = 1..=3;
/// Fewest words of the note after its label: a sentence.
const NOTE_MIN_WORDS: usize = 5;

/// The label of a note: a few words without figures, opening in capitals, then a colon and a
/// sentence ("About Halvard Foods: Founded in 1962, ..."). Returns the label and the note.
pub(crate) fn note_label(t: &str) -> Option<(&str, &str)> {
    let (label, rest) = t.split_once(':')?;
    let label = label.trim();
    (NOTE_LABEL_WORDS.contains(&text::word_count(label))
        && label.starts_with(char::is_uppercase)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '\'' | '’'))
        && text::word_count(rest) >= NOTE_MIN_WORDS
        && t.trim_end().ends_with('.'))
    .then_some((label, rest.trim()))
}

/// A company's boilerplate paragraph: the label names the company ("About Halvard Foods:")
/// and the note repeats the name ("... Halvard Foods is a family-controlled producer").
pub(crate) fn is_about_note(t: &str) -> bool {
    note_label(t).is_some_and(|(label, note)| {
        label
            .split_once(' ')
            .is_some_and(|(_, name)| name.starts_with(char::is_uppercase) && note.contains(name))
    })
}

/// Particles inside a person's name ("Roser Vallcorba i Prat", "Ana de la Cruz").
const NAME_PARTICLES: &[&str] = &[
    "i", "de", "da", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "ten", "y", "e",
];
/// Tokens of a full name: a first name, a surname, particles between.
const NAME_TOKENS: std::ops::RangeInclusive<usize> = 2..=5;

/// The first name and surname of a full name that opens the line and is followed by a verb in
/// lower case ("Sana Whitlock has been testing ...", "Roser Vallcorba i Prat és mestra ..."):
/// capitalised words and particles, the last capitalised word the surname. An article or
/// another small word first ("Die Ausstellung ist ...") opens a sentence, not a name.
pub(crate) fn opening_name(t: &str) -> Option<(&str, &str)> {
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let capital = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && w.chars().count() >= 2
    };
    if !tokens.first().is_some_and(|w| {
        capital(w) && !text::TITLE_SMALL_WORDS.contains(&w.to_lowercase().as_str())
    }) {
        return None;
    }
    let mut end = 1;
    while end < tokens.len() && (capital(tokens[end]) || NAME_PARTICLES.contains(&tokens[end])) {
        end += 1;
    }
    while end > 1 && NAME_PARTICLES.contains(&tokens[end - 1]) {
        end -= 1;
    }
    let verb = tokens.get(end)?;
    (NAME_TOKENS.contains(&end)
        && verb.starts_with(char::is_lowercase)
        && verb.chars().all(char::is_alphabetic))
    .then(|| (tokens[0], tokens[end - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(t: &str) -> Option<Shape> {
        shape(t, text::word_count(t))
    }

    #[test]
    fn shapes_and_their_look_alikes() {
        let cases: &[(&str, Option<Shape>)] = &[
            ("12 comments so far. Add yours!", Some(Shape::CountInvite)),
            (
                "0 Kommentare – Diskutieren Sie mit!",
                Some(Shape::CountInvite),
            ),
            ("Vos réactions (14) — réagissez !", Some(Shape::CountInvite)),
            (
                "Dyskusja: 318 komentarzy. Dołącz do rozmowy",
                Some(Shape::CountInvite),
            ),
            ("Rovers 2 Town 1. What a finish!", None),
            ("Three goals in ten minutes. What a finish!", None),
            (
                "Questa risposta ti è stata utile? Sì (86) No (4)",
                Some(Shape::Vote),
            ),
            ("Hjälpte informationen dig? Ja / Nej", Some(Shape::Vote)),
            ("Why did they stay? Nobody knows why.", None),
            (
                "À lire aussi — Vallonne : le chantier de la piscine encore retardé",
                Some(Shape::DashTeaser),
            ),
            ("Jane Roe — The Woman Who Mapped the Sea", None),
            ("The result — a draw that suits neither side.", None),
            (
                "Reply #2 — radsandpipes (Moderator) — Posts: 8,311",
                Some(Shape::PostHeader),
            ),
            ("Spectators | 31,000", None),
            (
                "door bandenplakker » di 14 apr 2009, 21:40",
                Some(Shape::DatedHeader),
            ),
            (
                "The council met on 14 April 2009 to vote on the plan.",
                None,
            ),
            ("14:32", None),
            (
                "Labels: bread, sourdough, lazy baking",
                Some(Shape::TagList),
            ),
            ("You will need: 500 g flour, 10 g salt", None),
            ("(Jane Roe/Courier)", Some(Shape::Bracketed)),
            ("(see below)", None),
            ("1998 Winner: Oskar Camenzind", None),
            (
                "Olympia: Die 7 neuen Disziplinen im Programm der Winterspiele 2022",
                None,
            ),
            (
                "Most important — Total businesses created: nearly 1,400",
                None,
            ),
            ("Cast: Queen Latifah, Jimmy Fallon, Jennifer Esposito", None),
            ("#10 Plan vacations (now)", None),
            (
                "Ad-free live blogs are a Pitchside+ perk. Go Plus for £3.99/mo",
                Some(Shape::PricedOffer),
            ),
            (
                "Bli medlem för 49 kronor i månaden.",
                Some(Shape::PricedOffer),
            ),
            ("Tickets cost €12 at the door.", None),
            (
                "Neue Beiträge per Feed-Reader abonnieren (RSS 2.0)",
                Some(Shape::FeedLink),
            ),
            ("The cows feed on the grass of the dyke.", None),
            (
                "Le butin, estimé à 215 000 euros, n'a jamais été retrouvé.",
                None,
            ),
            (
                "Il Comune ha stanziato 120mila euro per la messa in sicurezza.",
                None,
            ),
            (
                "Jailed for three years and nine months for taking £180,000.",
                None,
            ),
            ("(The hearing resumes on 3 May.)", None),
        ];
        for (line, want) in cases {
            assert_eq!(of(line), *want, "{line}");
        }
    }

    #[test]
    fn note_labels_and_opening_names() {
        assert_eq!(
            note_label("Zur Person: Lena Roe ist Redakteurin und lebt in Fulmbach."),
            Some((
                "Zur Person",
                "Lena Roe ist Redakteurin und lebt in Fulmbach."
            ))
        );
        assert_eq!(note_label("Price: 12 euros."), None);
        assert!(is_about_note(
            "About Halvard Foods: Founded in 1962, Halvard Foods is a producer of dairy foods."
        ));
        assert!(!is_about_note(
            "Ida Roe: Die Salzgärten. Verlag Hohenstein, 412 Seiten, 26 Euro."
        ));
        assert_eq!(
            opening_name("Roser Vallcorba i Prat és mestra jubilada."),
            Some(("Roser", "Prat"))
        );
        assert_eq!(opening_name("Die Ausstellung ist bis Mai zu sehen."), None);
        assert_eq!(opening_name("The council met."), None);
        assert_eq!(opening_name("Jane Roe, a neighbour, agreed."), None);
    }

    #[test]
    fn segments_split_at_stops_and_spaced_separators() {
        assert_eq!(
            segments("12 comments so far. Add yours!"),
            ["12 comments so far.", " Add yours!"]
        );
        assert_eq!(segments("a–b — c"), ["a–b ", " c"]);
    }
}
