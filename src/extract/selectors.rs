//! Every tag list, class/id keyword pattern and text pattern the extractor uses, as data in
//! one place, compiled once with [`LazyLock`].
//!
//! The keyword patterns are matched against an element's `class` and `id` attribute values
//! (lowercased). They were assembled from Readability.js `REGEXPS` and trafilatura
//! `xpaths.py` (see `shared/research/ECOSYSTEM.md` §C) and trimmed to the words templates of
//! any site use for furniture.
//! General rules only: nothing here names a site.
//!
//! Markup conventions only: what a block of text *says* is judged in the filter stage
//! (`filter/rules.rs`), where every removal is named and audited. The text patterns left
//! here read metadata (dates, bylines, title separators), they never remove body text.

use std::sync::LazyLock;

use crate::latin::LatinRegex;

use regex::Regex;

/// Elements whose whole subtree never holds article text.
pub const JUNK_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "input", "select", "option", "textarea", "head", "title", "meta", "link",
    "base", "audio", "video", "source", "track", "map", "area", "dialog", "rt", "rp", "frame",
    "frameset", "applet",
];

/// Page furniture by tag: navigation, asides and page footers.
pub const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "menu"];

/// ARIA roles of page furniture.
pub const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "search",
    "toolbar",
    "tablist",
];

/// Block-level elements: they start a new block when rendered and stop inline-text runs.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "body",
    "html",
    "noscript",
    "legend",
    "option",
    "listing",
    "plaintext",
    "xmp",
];

/// Elements scored as paragraphs (Readability's `DEFAULT_TAGS_TO_SCORE`, narrowed).
pub const PARAGRAPH_TAGS: &[&str] = &["p", "pre", "td", "blockquote"];

/// Block containers whose own inline text (outside child blocks) is scored as a paragraph,
/// as Readability turns such divs into `<p>`. Inline tags (`span`, `font`) are not here:
/// their text already counts for the block around them.
pub const CONTAINER_TAGS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "td",
    "body",
    "blockquote",
    "form",
    "center",
    "pre",
];

/// Class/id words of one post of a discussion thread (forum, Q&A and guestbook templates:
/// `message--post`, `postbody`, `reply`, `answer`). Several sibling elements that share such a
/// word and their tag are the thread's posts; on a thread page they are the content together.
pub const THREAD_POST_WORDS: &[&str] = &["post", "postbody", "message", "reply", "answer"];

/// Semantic hints that an element is the article body.
pub const ARTICLE_ITEMPROPS: &[&str] = &["articlebody", "text", "reviewbody"];

/// Class/id tokens of boilerplate that is dropped before scoring (Readability
/// `unlikelyCandidates` + trafilatura `OVERALL_DISCARD_XPATH`). Checked only when
/// [`MAYBE_CONTENT`] does not also match.
pub static UNLIKELY: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"(?x)
        -ad-|\bads?\b|adslot|ad-slot|advert|ai2html|banner|breadcrumb|combx|comment|community
        |cover-wrap|disqus|extra|footer|gdpr|consent|cookie|header|legends|menu|related
        |remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break
        |agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter|subscribe
        |outbrain|taboola|criteo|recommend|most-popular|mostpopular|promo|navbar
        |subnav|masthead|toolbar|login|signup|paywall|widget|trending|read-?next|more-stories
        |tags\b|tag-?list|taglist|byline|author-?(info|bio|box)|rating|modal|overlay
        |nav\b|navigation|jump-?link|skip-?link|topbar|site-?info|dialog|tooltip
        ",
        false,
    )
});

/// Class/id tokens of small widgets (share bars, author boxes, comment links, meta lines,
/// rating, tag lists) that are dropped even when a content word such as "article" also
/// appears in the name, as long as the subtree is short (trafilatura drops these
/// unconditionally).
pub static STRONG_UNLIKELY: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"(?x)
        share|sharing|social|comment|related|newsletter|subscri|author|byline|\bbio\b
        |cookie|consent|gdpr|promo|recommend|sponsor|advert|\bads?\b|banner|rating
        |tag-?list|\btags\b|breadcrumb|pagination|\bpager\b|sidebar|post-?meta|entry-?meta
        |article-?meta|meta-?info|donat|paywall|membership|follow-?us|read-?more
        |more-?(articles|stories|news)|next-?post|prev-?post|post-?nav|navigation
        ",
        false,
    )
});

/// Class/id words that name a page's layout around a side column rather than the column
/// itself: a body or wrapper class saying the page has one (`has-sidebar`, `no-sidebar`,
/// `with-sidebar`) or how it is laid out (`sidebar-layout`).
pub static SIDEBAR_LAYOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:has|with|no|without|show|hide|full|and)[-_]?sidebar|sidebar[-_]?layout")
        .expect("static regex")
});

/// Class/id tokens of picture credits and copyright notes ("Foto: dpa", "© Jane Doe"):
/// furniture next to captions, named for what they are.
pub static CREDIT: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"copyright|(?:^|[^a-z])(?:photo-?|image-?|img-?|video-?)?credits?(?:[^a-z]|$)|(?:caption|image|img|photo|media|bild|foto)[-_]*(?:source|quelle)|bildnachweis|photographer|fotograf",
        false,
    )
});

/// Class/id tokens of a site's legal notice: the copyright and trademark paragraph of a
/// page's frame (`#copyright`, `.footer-copyright`, `.legal-notice`).
pub static LEGAL_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^a-z])(?:copyright|legal-?notice|trademarks?)(?:[^a-z]|$)")
        .expect("static regex")
});

/// Class/id tokens of a standfirst: the lead paragraph or deck that sits in the article's
/// header, apart from the body container.
pub static LEAD: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"(?:^|[^a-z])lead(?:er)?(?:[^a-z]|$)|intro|deck|standfirst|summary|excerpt|bajada|subtitle|subheadline|sub-?head|teaser|abstract|description",
        false,
    )
});

/// One class/id token (whole token, lowercase) naming a comment thread, one of its
/// comments or its reply form: WordPress `#comments`/`.commentlist`/`#respond`, Disqus
/// `#disqus_thread`, and the common `comment-list`/`comments-area` names.
/// Parts of a comment (`comment-body`, `comment-author`) and links to the thread
/// (`comments-link`) are not threads and do not match.
pub static COMMENT_THREAD_TOKEN: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"^(?:comments?|commentlist|respond|disqus_thread|dsq-comments?)(?:[-_](?:list|area|section|wrapper|container|thread|block|box|holder|template))?$",
        false,
    )
});

/// Class/id names of the header of one part of a page (`section-header`, `card__header`,
/// `PageSection_header`): the part's heading and intro, not the page's masthead that the
/// `header` token of [`UNLIKELY`] is for.
pub static PART_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:section|card|panel|block|module|column|accordion|entry|post|article|story|content)[-_]*header")
        .expect("static regex")
});

/// Class/id tokens that veto [`UNLIKELY`] (Readability `okMaybeItsACandidate`).
pub static MAYBE_CONTENT: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"and|article|body|column|content|main|mathjax|shadow|entry|story|post-?text|prose",
        false,
    )
});

/// Class/id tokens that raise a container's score (Readability `positive`).
pub static POSITIVE: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|rich-?text",
        false,
    )
});

/// Class/id tokens that lower a container's score (Readability `negative`).
pub static NEGATIVE: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"-ad-|(^|\s)hidden($|\s)|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|newsletter|subscribe|recommend|nav|menu|breadcrumb|social|cookie|consent",
        false,
    )
});

/// Byline prefixes to strip from author strings.
pub static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(written\s+by|posted\s+by|published\s+by|by|(?:eingestellt|erstellt|geschrieben|verfasst)\s+von|von:?|par|por|di|door|av|af|autor(in)?:?|author:?|text:?)\s+")
        .expect("static regex")
});

/// Strings that disqualify an author candidate.
pub static BAD_AUTHOR: LazyLock<LatinRegex> = LazyLock::new(|| {
    LatinRegex::new(
        r"(?i)(^|\b)(email|e-mail|the author|staff|editor(ial)?s?\b|redaktion|admin|administrator|anonymous|unknown|reporter|correspondent|contributor|published|updated|min(ute)?s? read|read more|share|follow|twitter|facebook|http|www\.|\.com\b|copyright|©|guest|team|news desk|newsroom|^name$|\bsagt\b|\bsays\b|more posts|posts by|\bwrote\b|schrieb)",
        false,
    )
});

/// Separators between a headline and a site name in `<title>`.
pub const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ", " : ", " ~ ",
];

/// A date in a URL path: `/2019/10/16/` or `/2019-10-16`.
pub static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$|\.)")
        .expect("static regex")
});

/// A day-first date as one URL path segment or its start: `/16-10-2019/`, `/16-10-2019-title`.
pub static URL_DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/(0?[1-9]|[12]\d|3[01])-(0?[1-9]|1[0-2])-((?:19|20)\d{2})(?:[/-]|$|\.)")
        .expect("static regex")
});

/// An ISO-like date at the start of a string.
pub static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})").expect("static regex")
});

/// Meta `name`/`property`/`itemprop` keys holding the publication date, in priority order.
pub const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "publish_date",
    "published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "article.published",
    "originalpublicationdate",
    "datecreated",
    "date_published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
];

/// Meta keys holding the modification date.
pub const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "dc.date.modified",
];

/// Meta keys holding author names.
pub const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
];

/// Meta names that hold the author's social-media account: a name only when written as one
/// (with a space), not as a handle; read after the page's own byline markup.
pub const AUTHOR_ACCOUNT_META: &[&str] = &["twitter:creator"];

/// JSON-LD `@type`s (lowercased) of one story or post.
pub const STORY_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "review",
    "recipe",
    "liveblogposting",
    "socialmediaposting",
];

/// Further JSON-LD `@type`s whose object describes the page's own text (a technical or
/// medical article, a report, a generic page or work), though not as a story.
pub const OTHER_ARTICLE_TYPES: &[&str] = &[
    "techarticle",
    "report",
    "medicalwebpage",
    "webpage",
    "itempage",
    "creativework",
    "posting",
];

/// Does a JSON-LD object of `@type` `t` (lowercased) describe the article itself?
pub fn is_article_type(t: &str) -> bool {
    is_in(STORY_TYPES, t) || is_in(OTHER_ARTICLE_TYPES, t)
}

/// Is `tag` in `list`?
pub fn is_in(list: &[&str], tag: &str) -> bool {
    list.contains(&tag)
}

/// Month names (English, German, French, Spanish, abbreviations) -> month number.
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("jan", 1),
    ("jän", 1),
    ("jänner", 1),
    ("february", 2),
    ("februar", 2),
    ("février", 2),
    ("febrero", 2),
    ("feb", 2),
    ("march", 3),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("mar", 3),
    ("mär", 3),
    ("april", 4),
    ("avril", 4),
    ("abril", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("jun", 6),
    ("july", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("jul", 7),
    ("august", 8),
    ("août", 8),
    ("agosto", 8),
    ("aug", 8),
    ("september", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("oct", 10),
    ("okt", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("nov", 11),
    ("december", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("diciembre", 12),
    ("dec", 12),
    ("dez", 12),
    // Italian, Portuguese, Dutch, Polish (genitive, as dates are written), and French
    // abbreviations and unaccented spellings.
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("stycznia", 1),
    ("janv", 1),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("februari", 2),
    ("lutego", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("março", 3),
    ("maart", 3),
    ("marca", 3),
    ("aprile", 4),
    ("kwietnia", 4),
    ("avr", 4),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("maja", 5),
    ("giugno", 6),
    ("junho", 6),
    ("czerwca", 6),
    ("luglio", 7),
    ("julho", 7),
    ("lipca", 7),
    ("juil", 7),
    ("augustus", 8),
    ("sierpnia", 8),
    ("aout", 8),
    ("settembre", 9),
    ("setembro", 9),
    ("września", 9),
    ("ottobre", 10),
    ("outubro", 10),
    ("października", 10),
    ("listopada", 11),
    ("dicembre", 12),
    ("dezembro", 12),
    ("grudnia", 12),
    ("decembre", 12),
    ("déc", 12),
];

/// The pattern of [`TEXT_DATE`].
pub(crate) const TEXT_DATE_PATTERN: &str = r"(?i)\b(?:(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})|((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?((?:19|20)\d{2})|(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2}))\b";

/// Dates written in running text: `19.10.2019`, `2019-10-19`, `19. Oktober 2019`,
/// `October 19, 2019`, `19 de octubre de 2019`. Groups: (d, m, y) | (y, m, d) |
/// (d, month name, y) | (month name, d, y).
pub static TEXT_DATE: LazyLock<LatinRegex> =
    LazyLock::new(|| LatinRegex::new(TEXT_DATE_PATTERN, false));

/// A label that names the date after it as the page's date, at the start of a text run:
/// "Datum:", "Date", "Published on", "Veröffentlicht am", "Publié le", "Mise en ligne",
/// "Publicado el", "Pubblicato il", "Gepubliceerd op", "Opublikowano" (English, German,
/// French, Spanish, Portuguese, Italian, Dutch, Polish).
pub static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:date|datum|data|fecha|published(?: on)?|posted(?: on)?|first published(?: on)?|ver[öo]ffentlicht(?: am)?|erschienen(?: am)?|publiziert(?: am)?|erstellt(?: am)?|publi[ée](?: le)?|mis en ligne(?: le)?|mise en ligne(?: le)?|publicado(?: el| em)?|pubblicato(?: il)?|gepubliceerd(?: op)?|opublikowano)\s*:?(?:\s|$)",
    )
    .expect("static regex")
});

/// Class/id tokens of elements that carry the publication date line.
pub static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"date|time|datum|publish|publication|posted|submitted|authored|meta|byline|info|dateline|zeit")
        .expect("static regex")
});

#[cfg(test)]
mod tests {
    /// On the text of each form, the form of `TEXT_DATE` is the pattern (see `crate::latin`).
    #[test]
    fn text_date_forms_are_the_pattern() {
        crate::latin::assert_forms_are_the_pattern(super::TEXT_DATE_PATTERN, false);
    }

    use super::*;

    /// The class/id and author patterns asked only whether they match, as `LatinRegex`es.
    fn latin_selectors() -> [&'static LatinRegex; 9] {
        [
            &UNLIKELY,
            &STRONG_UNLIKELY,
            &CREDIT,
            &LEAD,
            &COMMENT_THREAD_TOKEN,
            &MAYBE_CONTENT,
            &POSITIVE,
            &NEGATIVE,
            &BAD_AUTHOR,
        ]
    }

    /// Each form of each selector is the pattern on its text, and the forward automaton's
    /// answer (quitting at a non-ASCII byte where the pattern has `\b`) is the regex's.
    #[test]
    fn latin_selectors_answer_as_their_regex() {
        let samples = [
            "ads",
            "top-ads",
            "éads",
            "ads-é",
            "sidebar",
            "article-lead",
            "hidden",
            "post hid",
            "comments",
            "Das sagt",
            "José García",
            "news desk",
            "editors",
            "Editorß",
            "bio",
            "bióg",
            "tags",
            "tagsé",
            "",
            "Фото",
            "\u{E0001}ads",
        ];
        for re in latin_selectors() {
            let (pattern, case) = re.pattern_and_case();
            crate::latin::assert_forms_are_the_pattern(pattern, case);
            let whole = regex::RegexBuilder::new(pattern)
                .case_insensitive(case)
                .build()
                .unwrap_or_else(|e| panic!("{pattern:?}: {e}"));
            for s in samples {
                assert_eq!(re.is_match(s), whole.is_match(s), "{pattern:?} on {s:?}");
            }
        }
    }

    #[test]
    fn lead_tokens() {
        for ci in [
            "article-lead",
            "leader",
            "c-teaser",
            "field-abstract",
            "intro",
        ] {
            assert!(LEAD.is_match(ci), "{ci}");
        }
        for ci in ["leaderboard", "mislead", "pleading"] {
            assert!(!LEAD.is_match(ci), "{ci}");
        }
    }
}
