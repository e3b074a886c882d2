//! Built-in line rules as data: each rule has a name (reported on every removal), a group (switched
//! on and off as a whole in `[filter.builtin]`), the zone of the article where it applies, the
//! longest line it may touch, and its patterns in English, German, French and Spanish.
//!
//! Patterns are matched case-insensitively against the trimmed block text. They avoid `\b` on
//! purpose: a Unicode word boundary makes the regex crate leave its lazy DFA for the much slower
//! PikeVM on non-ASCII text (curly quotes, umlauts), and every pattern here is compiled into one
//! `RegexSet`. Start anchors `^\W*` and end guards `(?:\W|$)` do the same job.
//!
//! Where a rule's patterns would also match story sentences, the rule is confined to the head or
//! tail of the article (see [`Position`]) and to short lines (`max_words`). Lines that open with a
//! quotation mark or a dialogue dash are never touched by built-in line rules: quoted speech that
//! says "subscribe now" is content.

use serde::Deserialize;

/// Where in the article a rule applies.
///
/// The *head* is every block before the first body paragraph, the *tail* every block after the
/// last one. A body paragraph (an "anchor") is a paragraph, list item or quote of at least
/// 6 words (`ANCHOR_MIN_WORDS` in `engine.rs`) that ends with sentence punctuation and that no
/// rule matches. Anchors are never removed, which keeps the zones (and so the result) the same
/// when the filter runs twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Any block.
    #[default]
    Anywhere,
    /// Blocks before the first body paragraph.
    Head,
    /// Blocks after the last body paragraph.
    Tail,
    /// Head or tail.
    Edges,
    /// A block whose nearest kept neighbours on both sides are body paragraphs.
    BetweenParagraphs,
}

impl Position {
    /// Name as written in pipeline.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Anywhere => "anywhere",
            Self::Head => "head",
            Self::Tail => "tail",
            Self::Edges => "edges",
            Self::BetweenParagraphs => "between_paragraphs",
        }
    }
}

/// What a rule does to a block it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Drop the matching block.
    #[default]
    DropLine,
    /// Drop the matching block and every block after it (for "Related stories" rails). Only
    /// meaningful in the tail, and `build` rejects it elsewhere.
    DropToEnd,
    /// Drop the matching block and the next one when that is a short line without a sentence
    /// ending (a "Read also" label followed by the linked headline).
    DropWithNext,
}

/// A family of built-in rules, switched on or off as a whole in `[filter.builtin]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Group {
    /// Photo and image credits.
    Credits,
    /// Bylines, timestamps, reading-time badges, "listen to this article".
    Meta,
    /// Subscription and newsletter prompts, "read more", related-article teasers.
    Promotion,
    /// Share buttons, follow prompts, like/share counters.
    Social,
    /// Advertisement labels and "story continues below" markers.
    Ads,
    /// Cookie banners, copyright footers, JavaScript notices, republication notes.
    Legal,
    /// Comment-section chrome.
    Comments,
    /// Breadcrumbs, tag lists, "back to top".
    Navigation,
    /// Context rules: inline related headlines, repeated blocks, symbol-only lines.
    Structure,
}

/// One built-in line rule.
#[derive(Debug)]
pub(crate) struct LineRuleSpec {
    /// Name reported on each removal and used in `filter.disable`.
    pub name: &'static str,
    pub group: Group,
    pub position: Position,
    pub action: Action,
    /// Lines with more whitespace-separated words are never matched by this rule.
    pub max_words: usize,
    /// Regexes, compiled case-insensitively; any match drops the line.
    pub patterns: &'static [&'static str],
}

/// The rules that remove a pitch for the outlet's own products (newsletters, subscriptions,
/// apps, donations): they spare a public body's service relayed to readers (see
/// `text::PUBLIC_SERVICE`).
pub(crate) const PITCH_RULES: &[&str] = &[
    "newsletter",
    "subscribe_prompt",
    "app_prompt",
    "support_prompt",
    "call_to_action",
];

/// Names of the context rules implemented in the engine rather than as patterns.
pub(crate) const INLINE_HEADLINE: &str = "inline_headline";
pub(crate) const DUPLICATE_BLOCK: &str = "duplicate_block";
pub(crate) const SITE_PROFILE: &str = "site_profile";
pub(crate) const EDGE_LABEL: &str = "edge_label";
pub(crate) const TEASER_RAIL: &str = "teaser_rail";
pub(crate) const TITLE_REPEAT: &str = "title_repeat";
/// The date-line rules' name; the engine spares a list of dates (see `DATE_LIST_MIN_RUN`).
pub(crate) const TIMESTAMP: &str = "timestamp";
/// Trims a credit that closes a caption ("… at dawn. Photo: Jane Doe/AFP"), keeping the caption.
pub(crate) const CAPTION_CREDIT: &str = "caption_credit";

/// Longest caption (words) that [`CAPTION_CREDIT`] trims: a caption with its credit.
pub(crate) const CAPTION_CREDIT_MAX_WORDS: usize = 60;
/// Longest paragraph (words) that [`CAPTION_CREDIT`] trims: pages without `<figcaption>` set a
/// caption as a short paragraph; a story paragraph is longer and carries no credit.
pub(crate) const CAPTION_PARAGRAPH_MAX_WORDS: usize = 30;
/// The credit sits in this many bytes at the end of the line (a label, a name, an agency):
/// the patterns run on that tail only.
pub(crate) const CAPTION_CREDIT_TAIL_BYTES: usize = 120;

/// A credit closing a caption, matched up to the end of the line; the match is what
/// [`CAPTION_CREDIT`] cuts. Conventions: a credit label and a name ("Photo: Jane Doe/AFP",
/// "Foto: dpa", "Crédito: …"), a copyright sign and a name ("© Jane Doe / Allsport"), an
/// agency after a slash or in parentheses ("Jane Doe/Getty Images", "(REUTERS/Jane
/// Doe)"), and a stock-site credit ("Photo by Jane Doe on Unsplash"). The credit's own
/// text is short (a name, an agency, a licence), never a sentence.
pub(crate) const CAPTION_CREDIT_PATTERNS: &[&str] = &[
    // a capitalised credit label after a space, or any-case after a separator
    r"(?:\s|[,;|/–—(\[-]\s*)(?:(?-i:Photos?|PHOTOS?|Fotos?|FOTOS?|Bild(?:er)?|BILD|Image|Imagen|Picture|Credits?|Crédits?(?: photo)?|Crédito|Fotografía|Bildquelle|Quelle)|(?:[,;|/–—(\[]\s*)(?:photos?|fotos?|bild|image|credits?|cr[ée]dits?|cr[ée]dito|fot\.))\s*:\s*(?:[^\s:()\[\].!?]+\.?\s*){1,8}[)\]]?\s*$",
    r"(?:\s|[,;|/–—(-]\s*)fot\.\s*[^\s.!?]+(?:\s[^\s.!?]+){0,5}\s*$",
    // a copyright sign and a name, possibly with an agency after a bar or slash
    r"\s*(?:[|/–—-]\s*)?(?:©|\((?-i:c|C)\)\s*(?-i:[\p{Lu}0-9]))[^©.!?]*$",
    // a photographer and an agency after a slash: "Jane Doe/GettyImages", "(jdoe /
    // iStock.com)", "(REUTERS/Jane Doe)"
    r"(?:\s[/|–—-]\s|[,;]\s|\s\(|\()(?:(?-i:\p{Lu})(?:\.|[\p{L}'’-]*)\s?){0,3}(?:/\s?|\s/\s)?(?:getty ?images|getty|afp|ap photo|reuters|dpa|epa(?:-efe)?|efe|shutterstock|alamy|istock(?:photo)?(?:\.com)?|imago(?: images)?|picture[- ]alliance|keystone|anadolu|adobe ?stock|stock\.adobe\.com|unsplash|pixabay|allsport)(?:\s?/\s?[^/()\s.!?][^/().!?]*){0,2}\)?\s*$",
    r"\s(?-i:\p{Lu})(?:\.|[\p{L}'’-]*)(?:\s(?-i:\p{Lu})(?:\.|[\p{L}'’-]*)){0,3}\s?/\s?(?:getty ?images|getty|afp|ap|reuters|dpa|epa(?:-efe)?|efe|shutterstock|alamy|istock(?:photo)?(?:\.com)?|imago(?: images)?|picture[- ]alliance|keystone|anadolu|adobe ?stock|unsplash|pixabay)(?:\s?/\s?[^/()\s.!?][^/().!?]*){0,2}\s*$",
    // a stock library or licence after a slash or bar, "DR" (droits réservés) last
    r"\s[/|]\s*(?:fotolia(?:\.com)?|pixelio(?:\.de)?|depositphotos|123rf(?:\.com)?|dreamstime|colourbox|domena publiczna|public domain|gemeinfrei|dominio p[úu]blico|domaine public)\W*$",
    r"\s(?-i:DR)\s*$",
    // a label with "by" ("Picture by Jane Roe")
    r"(?:\s|[,;|/–—(-]\s*)(?-i:Photos?|Pictures?|Fotos?|Bild|Images?|Imagen|Imagem|Beeld|Foto's)\s(?:by|von|de|par|di|door|van|por)\s[^.!?]+$",
    r"(?:\s|[,;|/–—(-]\s*)(?-i:Beeld|Imagem|Zdjęcie|Immagine)\s*:\s*[^.!?]+$",
    // a stock-site credit: "Photo by Jane Doe on Unsplash", "Foto X via Unsplash"
    r"(?:^|\s|[,;.|/–—-]\s*)(?:photos?|fotos?|bild|image)\s+(?:(?:by|von|de|par)\s+)?[^.!?/]+?\s(?:via|on|auf|from)\s(?:unsplash|pixabay|pexels|flickr|wikimedia(?: commons)?)\W*$",
];

/// Credits that [`CAPTION_CREDIT`] cuts from captions only (`<figcaption>`), not from short
/// paragraphs: after a full stop, a short pair with a slash ("Agency/Jane Roe") or a word in
/// capitals ("EHS"). Under a photo these are a credit; closing a paragraph they are the text's
/// own words: a ratio or a pair ("the L/H transition", "project/website"), a time zone ("at 5
/// p.m. ET"), a signature ("ANDREW").
pub(crate) const CAPTION_ONLY_CREDIT_PATTERNS: &[&str] = &[
    r"[.!?]\s+[\p{L}0-9&'’.-]+(?:\s[\p{L}0-9&'’.-]+){0,3}\s?/\s?[\p{L}'’.-]+(?:\s[\p{L}'’.-]+){0,3}\s*$",
    r"[.!?]\s+(?-i:\p{Lu}{2,6})\s*$",
];

/// A line cut off with an ellipsis, as sites cut the teasers of a list of links ("Minister
/// Says Budget Will…"). A writer also ends a paragraph by trailing off ("More when we have
/// it..."), so in the tail such a line goes only as one of a list of them
/// ([`CUT_TEASER_MIN_LINES`]) or when it has a headline's title case.
pub(crate) const CUT_TEASER: &str = r"[\p{L}\p{N},’']\s?(?:…|\.\.\.)$";
/// Fewest cut lines in the tail that make a list of teasers: one alone is the story's own
/// closing line trailing off.
pub(crate) const CUT_TEASER_MIN_LINES: usize = 2;

/// Built-in rules that also apply to block quotes. Quotes are otherwise left alone (quoted
/// speech is content), but news sites set their "Read also: ..." teasers as block quotes, and
/// a teaser label is never part of a quotation.
pub(crate) const QUOTE_BLOCK_RULES: &[&str] = &["related_teaser"];

/// Every built-in rule name, for validating `filter.disable`.
pub(crate) fn all_rule_names() -> impl Iterator<Item = &'static str> {
    LINE_RULES
        .iter()
        .map(|r| r.name)
        .chain([
            INLINE_HEADLINE,
            DUPLICATE_BLOCK,
            EDGE_LABEL,
            TEASER_RAIL,
            TITLE_REPEAT,
            CAPTION_CREDIT,
            super::learned::LEARNED_BOILERPLATE,
        ])
        .chain(super::cues::CUE_NAMES.iter().copied())
}

// Patterns use `[0-9]` rather than `\d` and unbounded rather than bounded repeats of Unicode
// classes (`\p{L}+`, not `\p{L}{3,10}`): each bounded repeat copies the class's UTF-8 automaton,
// and a few of them made the compiled set too big for the lazy DFA's cache (5x slower).
// `max_words` bounds line length instead.
// Shared fragments, spelled out in each pattern because `concat!` needs literals.
// Agency list used by photo credits: Getty, AFP, AP, Reuters, dpa, EPA, Shutterstock, Alamy,
// iStock, imago, picture alliance, Keystone, Anadolu, Bloomberg, SIPA, EFE, Europa Press.

/// The built-in line rules, in the order they are tried (the first match names the removal).
pub(crate) const LINE_RULES: &[LineRuleSpec] = &[
    // ---- credits -------------------------------------------------------------------------
    LineRuleSpec {
        name: "photo_credit",
        group: Group::Credits,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 20,
        patterns: &[
            // "Photo: Reuters", "Photo Illustration by X/Getty", "Foto: dpa", "Bild: Keystone",
            // "Crédit photo : AFP", "Fotografía: EFE", "Image by X from Pixabay"
            r"^\W*(?:photo(?:graph)?s?|photo[- ]illustration|illustration|image|picture|credits?|foto(?:s|grafie)?|bild(?:quelle)?|bilder|cr[ée]dits?(?: photo)?|fotograf[íi]a|imagen|ilustraci[óo]n|video|grafik|graphic)\s*(?::|©|/|\|)",
            // the label of a post's lead or stand-in image: "Beitragsbild: …", "Symbolbild /
            // Hersteller", "Image illustrative : …", "(Symbolbild)"
            r"^\W*(?:beitragsbild|titelbild|titelfoto|symbolbild|symbolfoto|aufmacherbild|headerbild|vorschaubild|featured image|header image|cover image|(?:image|photo|foto|imagen) (?:d['’]illustration|illustrative|ilustrativa|de ilustraci[óo]n))(?:\s*(?::|©|/|\|)|\W*$)",
            // "…, Bild via", "Image via Wikimedia Commons": the credit's link text is gone
            r"(?:^\W*|[,;|–]\s*)(?:photos?|images?|pictures?|pics?|bild(?:er)?|fotos?|imagen(?:es)?)\s+via(?:\s[^.!?]*)?$",
            // "Photo by X", "Fotos von X": only without a sentence ending ("Fotos von Innenräumen
            // wirkten zu warm." is a sentence)
            r"^\W*(?:photo(?:graph)?s?|photo[- ]illustration|illustration|image|picture|foto(?:s|grafie)?|bild|fotograf[íi]a|imagen|ilustraci[óo]n)\s+(?:by|von|par|de)\s[^.!?]*[^.!?\s]$",
            r"^\W*quelle\s*:\s*(?:dpa|afp|ap|reuters|imago|getty|picture[- ]alliance|keystone|epa|shutterstock|istock)",
            // trailing agency credit after a slash, pipe or in parentheses: "Jane Doe/AFP/Getty"
            r"[/|]\s*(?:getty(?: images)?|afp|ap|reuters|dpa|epa(?:-efe)?|shutterstock|alamy|istock(?:photo)?|imago(?: images)?|picture[- ]alliance|keystone|anadolu(?: agency)?|bloomberg|sipa|efe|europa press|unsplash|pixabay)\W*$",
            r"\((?:photo|foto|bild|image|cr[ée]dit)s?\s*:[^)]*\)\W*$",
            r"(?:ap photo|afp via getty images|getty images|reuters/)[^()]*\)?\W*$",
            r"^\W*©\s*(?:getty|afp|ap|reuters|dpa|epa|imago|picture[- ]alliance|keystone|shutterstock|istock|efe)",
        ],
    },
    LineRuleSpec {
        name: "photo_credit",
        group: Group::Credits,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 8,
        patterns: &[
            // a credit naming the outlet: "Jane Doe for The Outlet". Head and tail only: in the
            // body the same shape is a title-case subheading ("Tips for Beginners").
            r"^(?-i:\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]+)+)\s(?-i:for)\s(?:the\s)?(?-i:\p{Lu})[\p{L}\s]+$",
        ],
    },
    // ---- meta ----------------------------------------------------------------------------
    LineRuleSpec {
        name: "reading_time",
        group: Group::Meta,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 8,
        patterns: &[
            // "·4 min read", "4 Min Read", "5 minute read", "3 Min. Lesezeit", "4 min de lecture",
            // "3 minutos de lectura"
            // and the same label in the other languages of the web ("Czas lektury: 3 minuty",
            // "Lukuaika 4 min", "5 perc olvasás")
            r"^\W*[0-9]+\s*(?:-\s*)?(?:min(?:ute)?s?|min\.?|minuten|minutos|minuti|minut[aey]?|minuter|minutter|minuuttia|dakika|perc|minutes)\.?\s+(?:read|reading|lesezeit|lesedauer|de lecture|de lectura|di lettura|de leitura|leestijd|leesduur|l[äa]sning|l[äa]stid|l[æe]setid|lesetid|lukuaika|lukemista|czytania|lektury|[čc]ten[íi]|[čc][íi]tania|olvas[áa]s\w*|de citire|de lectur[ăa]|[čc]itanja|branja|okuma\w*)\W*$",
            r"^\W*(?:reading time|read time|lesezeit|lesedauer|temps de lecture|dur[ée]e de lecture|lecture|tiempo de lectura|lectura|tempo di lettura|tempo de leitura|leestijd|leesduur|l[äa]stid|l[æe]setid|lesetid|lukuaika|czas (?:czytania|lektury)|doba [čc]ten[íi]|[čc]as [čc]ten[íi]|[čc]as [čc][íi]tania|olvas[áa]si id[őo]|timp de (?:citire|lectur[ăa])|vrijeme [čc]itanja|[čc]as branja|temps de lectura|okuma s[üu]resi)\s*:?\s*(?:ca\.\s*|~\s*)?[0-9]+\s*(?:min(?:ute)?s?|min\.?|minuten|minutos|minuti|minut[aey]?|minuter|minutter|minuuttia|dakika|perc|minutes)\.?\W*$",
        ],
    },
    LineRuleSpec {
        name: "rating",
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 6,
        patterns: &[
            r"^\W*(?:rating|our rating|score|bewertung|wertung|note|notre note|puntuaci[óo]n|valoraci[óo]n|nota)\s*:?\s*[0-9]+(?:[.,][0-9]+)?\s*(?:/|von|sur|de|out of)\s*[0-9]+\W*$",
        ],
    },
    LineRuleSpec {
        name: "listen_prompt",
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 10,
        patterns: &[
            r"^\W*(?:listen to (?:this|the) (?:article|story)|artikel (?:anh[öo]ren|vorlesen lassen)|h[öo]ren sie (?:diesen|den) artikel|[ée]couter (?:cet|l'|l’)article|escuchar (?:este|el) art[íi]culo|escucha (?:este|la) noticia|ascolta (?:l['’]articolo|questo articolo)|ou[çc]a (?:este artigo|esta not[íi]cia|o artigo)|ouvir (?:o )?artigo|beluister (?:dit|het) artikel|lyssna p[åa] artikeln|lyt til artiklen|lytt til (?:saken|artikkelen)|pos[łl]uchaj artyku[łl]u|poslechn[ěe]te si (?:[čc]l[áa]nek|tento [čc]l[áa]nek)|poslechnout [čc]l[áa]nek|hallgasd meg (?:a cikket|ezt a cikket)|hallgassa meg a cikket|ascult[ăa] articolul|poslu[šs]ajte (?:[čc]lanak|ovaj [čc]lanak)|makaleyi dinle|haberi dinle|kuuntele artikkeli|escolta (?:l['’]article|aquest article))",
        ],
    },
    LineRuleSpec {
        name: "byline",
        group: Group::Meta,
        position: Position::Head,
        action: Action::DropLine,
        max_words: 12,
        patterns: &[
            // "By Jane Doe", "Von Max Muster, Berlin", "Par Jean Dupont", "Por Ana García"
            r"^(?:by|written by|posted by|reported by|(?:medically |fact[- ]checked |clinically )?reviewed by|von|par|por|text:|autor(?:in)?:|auteur\s?:|texto:)\s+(?-i:\p{Lu})[^!?]*[^.!?]$",
            r"^(?:by (?:the )?(?:staff|editors|newsroom)|von der redaktion|par la r[ée]daction|por la redacci[óo]n|(?:by|von|par|por) \p{L}+ (?:staff|redaktion|r[ée]daction|redacci[óo]n))\W*$",
        ],
    },
    LineRuleSpec {
        name: TIMESTAMP,
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 20,
        patterns: &[
            r"^\W*(?:\p{L}+\s*[-–|,·]\s*)?(?:published|updated|last updated|last (?:medically )?reviewed(?: on)?|posted|first published|ver[öo]ffentlicht(?: am)?|aktualisiert(?: am)?|zuletzt aktualisiert|stand:|erstellt(?: am)?|publi[ée](?: le)?|mis à jour(?: le)?|modifi[ée] le|publicado(?: el)?|actualizado(?: el)?|[úu]ltima actualizaci[óo]n)\W.*[0-9]",
        ],
    },
    LineRuleSpec {
        name: TIMESTAMP,
        group: Group::Meta,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 9,
        patterns: &[
            // time first: "9:41 AM PST · February 12, 2025"
            r"^\W*[0-9]{1,2}[:.h][0-9]{2}\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?\s*(?:[a-z]+)?\s*[·|,–-]\s*(?:\p{L}+\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}|[0-9]{1,2}\.?\s+(?:de\s+)?\p{L}+\.?\s+(?:de\s+)?[0-9]{4}|[0-9]{1,2}[./-]\s?[0-9]{1,2}[./-]\s?[0-9]{2,4})\W*$",
            // a line that is only a date, optionally with a time: "June 3, 2024, 4:15 PM EDT",
            // "03.06.2024, 14:30 Uhr", "3 juin 2024 à 14h30", "3 de junio de 2024 - 14:30"
            r"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\w*\.?,?\s+)?(?:[0-9]{1,2}[./-]\s?[0-9]{1,2}[./-]\s?[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|\p{L}+\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}|[0-9]{1,2}\.?\s+(?:de\s+)?\p{L}+\.?\s+(?:de\s+)?[0-9]{4})(?:\s*(?:,|-|–|à|um|a las|at|\|)?\s*[0-9]{1,2}[:.h][0-9]{2}\s*(?:uhr|am|pm|a\.m\.|p\.m\.|h)?\s*(?:[a-z]+)?)?\W*$",
        ],
    },
    // ---- promotion -----------------------------------------------------------------------
    LineRuleSpec {
        name: "read_more",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 14,
        patterns: &[
            r"^\W*(?:read (?:more|the (?:full|original|whole) (?:story|article|report))|continue reading|keep reading|weiterlesen|(?:mehr|weiter) lesen|lesen sie (?:mehr|weiter)|zum (?:vollst[äa]ndigen )?artikel|lire la suite|lire l[’'](?:article|int[ée]gralit[ée])|en savoir plus|leer m[áa]s|seguir leyendo|sigue leyendo|contin[úu]a leyendo)(?:\W|$)",
            r"(?:read more|weiterlesen|mehr lesen|lire la suite|leer m[áa]s)\s*(?:\.\.\.|…|»|>|→|›)?\s*$",
            // a cut teaser with its link: "Der Anfang des Teasers… mehr •••"
            r"(?:…|\.\.\.)\s*(?:mehr|more|plus|m[áa]s)\s*(?:•+|»|>|→|›)?\s*$",
            // a bare link line: "Hier geht es zum Artikel", "Alles zum Thema findest du
            // hier."
            r"^\W*hier geht(?:['’]s| es) (?:direkt )?zu(?:r|m)?\s[^.!?]*$|(?:findest|finden) (?:du|sie) hier[.!]*$",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            // an inline teaser: "Read also: ...", "Mehr zum Thema: ...", "À lire aussi : ..."
            r"^\W*(?:related|read also|also read|see also|read next|recommended|more on (?:this|that)(?: story| topic)?|lesen sie auch|auch interessant|mehr zum thema|das k[öo]nnte sie (?:auch )?interessieren|zum thema|[àa] lire aussi|lire aussi|voir aussi|[àa] voir aussi|sur le m[êe]me sujet|lea tambi[ée]n|lee tambi[ée]n|te puede interesar|le puede interesar|noticia relacionada|tambi[ée]n te puede interesar|watch|video|vid[ée]o|im video|podcast|gallery|galerie|fotostrecke|bildergalerie|galer[íi]a|next (?:article|story|post)|previous (?:article|story|post))\s*(?::|\||–|-|»|>)",
            r"^\W*en \p{L}[\p{L}.]+\s*\|\s",
            r"(?:highlights|alle tore|im video|en vid[ée]o|en v[íi]deo)\W*$",
        ],
    },
    LineRuleSpec {
        name: "read_more",
        group: Group::Promotion,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            // a closing pitch for the rest of a series: "Learn the next step—read the rest
            // of the guide."
            r"(?:^\W*|[—–:]\s*)read the rest (?:of|here|at|on)(?:\W|$)",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropWithNext,
        max_words: 5,
        patterns: &[
            // a bare "Read also" label; the headline it links is the next block
            r"^\W*(?:read also|also read|see also|read more|related|lesen sie auch|lesen sie mehr|mehr zum thema|zum thema|auch interessant|[àa] lire aussi|lire aussi|voir aussi|[àa] voir aussi|lea tambi[ée]n|lee tambi[ée]n|te puede interesar|le puede interesar|noticia relacionada)\W*$",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Tail,
        action: Action::DropToEnd,
        max_words: 10,
        patterns: &[
            // the heading of a rail of teasers; everything after it goes too
            r"^\W*(?:related(?: (?:articles?|stories|posts|coverage|content|reading|topics))?|recommended(?: (?:stories|articles|for you|reading))?|more (?:from|on|in) [\p{L} ]+|more stories|you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed)|trending(?: now)?|top stories|latest (?:news|stories)|what to read next|das k[öo]nnte sie (?:auch )?interessieren|mehr zum thema|weitere artikel|[äa]hnliche (?:artikel|beitr[äa]ge)|meistgelesen(?:e artikel)?|meist gelesen|empfohlene artikel|[àa] lire aussi|sur le m[êe]me sujet|les plus lus|vous aimerez aussi|dans la m[êe]me rubrique|noticias relacionadas|te puede interesar|lo m[áa]s le[íi]do|m[áa]s noticias(?: (?:de|del|sobre) [\p{L} ]+)?|art[íi]culos relacionados|(?:weitere|mehr) artikel(?: aus .+)?|mehr [\p{L}-]*news|articles similaires|(?:ces (?:articles|recettes) )?pourraient (?:aussi|[ée]galement) vous (?:plaire|int[ée]resser)|related|relacionado|relacionados|[äa]hnliche beitr[äa]ge|more (?:stories|articles) (?:like this|you might like)|weitere themen|mehr aus (?:der|dem) [\p{L} ]+|sujets associ[ée]s|temas relacionados)\W*$",
        ],
    },
    LineRuleSpec {
        name: "newsletter",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 35,
        patterns: &[
            // imperative sign-up lines and "delivered to your inbox" promos
            r"^\W*(?:sign up|subscribe|register|get|join|receive)\W(?:[^.!?]*)newsletters?(?:\W|$)",
            r"(?:delivered|sent|straight|direct(?:ly)?|right) (?:right |straight |directly )?to your inbox",
            r"^\W*(?:newsletter(?:-anmeldung)?|jetzt (?:den |unseren )?newsletter abonnieren|(?:den |unseren )?newsletter abonnieren|melden sie sich (?:jetzt )?(?:f[üu]r|zu) unserem? newsletter an|abonnez-vous [àa] (?:notre|la) newsletter|inscrivez-vous [àa] (?:notre|la) newsletter|recevez (?:notre|la) newsletter|suscr[íi]bete (?:a|al) (?:nuestro |nuestra )?(?:newsletter|bolet[íi]n)|rec[íi]be (?:nuestro|nuestra) (?:newsletter|bolet[íi]n))(?:\W|$)",
            r"^\W*(?:get|the) (?:the )?[\p{L}'’ ]*newsletter\W*$",
            r"^\W*(?:unser|our|notre|nuestro|nuestra) (?:\p{L}+ )?(?:newsletter|bolet[íi]n)(?:\W|$)",
            r"newsletters? may contain|(?:contact|email) me with news and offers|i consent to receiving|ich m[öo]chte (?:den newsletter|regelm[äa](?:ß|ss)ig informationen) erhalten",
        ],
    },
    LineRuleSpec {
        name: "subscribe_prompt",
        group: Group::Promotion,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            r"(?:^|\W)(?:subscribe|sign up|join) (?:now|today|here)(?:\W|$)",
            r"(?:unlimited|full|unrestricted|complete) (?:digital )?access to",
            r"already (?:a )?(?:subscriber|member)\W",
            r"become a (?:subscriber|member|supporter)(?:\W|$)",
            r"support (?:our|independent|quality) (?:journalism|reporting|work)",
            r"(?:this|the) (?:article|story|content) is (?:for|reserved for|only (?:available )?(?:to|for)) (?:subscribers|members)",
            r"^\W*(?:subscribe to (?:read|continue)|log ?in to (?:read|continue)|to continue reading,)",
            r"^\W*subscribe to\s",
            r"small favou?r to ask|^\W*support (?:the|us|our)\s",
            r"sie m[öo]chten weiterlesen|weiterlesen mit|jetzt \S+ testen|bereits (?:abonnent|abonniert|registriert)|^\W*(?:abo|abonnement) (?:abschlie(?:ß|ss)en|w[äa]hlen)",
            r"(?:jetzt|hier) (?:abonnieren|abonnent werden|testen|abo abschlie(?:ß|ss)en)(?:\W|$)",
            r"(?:mit|f[üu]r) (?:\w+[+]|\w+plus|abonnenten|abonnentinnen)(?: lesen)?\W*$",
            r"dieser artikel ist (?:nur )?f[üu]r (?:abonnenten|abonnentinnen|abonnierende)",
            r"unterst[üu]tzen sie (?:unsere|unabh[äa]ngigen) (?:arbeit|journalismus)",
            r"(?:abonnez-vous|d[ée]j[àa] abonn[ée]|offre d['’]abonnement|cet article (?:vous )?est r[ée]serv[ée] aux abonn[ée]s|soutenez (?:notre|le) journalisme|je m['’]abonne)",
            r"(?:suscr[íi]bete|hazte (?:socio|suscriptor)|ya eres suscriptor|este (?:contenido|art[íi]culo) es exclusivo para suscriptores|apoya (?:nuestro|el) periodismo)",
        ],
    },
    // ---- social --------------------------------------------------------------------------
    LineRuleSpec {
        name: "share_prompt",
        group: Group::Social,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 15,
        patterns: &[
            // a line made only of share-button labels
            r"^(?:[\W[0-9]]*(?:share|shares|teilen|partager|compartir|facebook|twitter|x|whatsapp|e-?mail|mail|print|drucken|imprimer|imprimir|pdf|linkedin|pinterest|reddit|flipboard|telegram|messenger|threads|bluesky|mastodon|pocket|xing|tweet|copy link|link kopieren|copier le lien|copiar enlace|kommentare|comments|save|speichern|merken)[\W[0-9]]*)+$",
            // a button row cut short: "Drucken etc.", "Share etc."
            r"^\W*(?:drucken|print|teilen|share|e-?mail|pdf|imprimer|partager)\s+(?:etc|usw)\.?\W*$",
            r"^\W*(?:share (?:this|the) (?:article|story|post|page)|share (?:on|via) \p{L}+|(?:diesen )?artikel teilen|diese geschichte teilen|partager (?:cet |l['’])article|partager sur|compartir (?:este art[íi]culo|en)|comparte (?:esta noticia|este art[íi]culo|esto)|send any friend a story|share this:|like this:|teilen mit:|gef[äa]llt mir:|me gusta:|j['’]aime ceci|partager :)",
            r"^\W*(?:follow us on|folgen sie uns (?:auf|bei)|suivez-nous sur|s[íi]guenos en|join (?:us on|our) (?:discord|telegram|whatsapp|facebook|community)|subscribe to (?:our|my) (?:youtube|podcast|channel))(?:\W|$)",
            r"^\W*follow (?:\p{L}+['’]s )?(?:coverage|updates|live coverage)\s.*https?://\S+\W*$",
        ],
    },
    LineRuleSpec {
        name: "share_prompt",
        group: Group::Social,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 60,
        patterns: &[
            // "Follow X on Twitter", also when it goes on with handles and contact details:
            // "Follow The Outlet on Twitter and Instagram @outlet … Send us a message on
            // WhatsApp at …"
            r"^\W*follow (?:[\p{L}'’.@]+ ){0,3}on (?:twitter|x|facebook|instagram|tiktok|youtube|linkedin)(?:\W|$)",
        ],
    },
    LineRuleSpec {
        name: "social_counter",
        group: Group::Social,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 4,
        patterns: &[
            // RefinedWeb's counter regex, plus German, French and Spanish words
            r"^\W*[0-9](?:[,.[0-9]])*\s?(?:k|m|b|tsd\.?|mio\.?)?\s+(?:likes?|shares?|comments?|retweets?|reposts?|views?|followers?|kommentare?|aufrufe|teilungen|commentaires?|partages|vues|comentarios?|visitas|compartidos|me gusta)\W*$",
        ],
    },
    // ---- ads -----------------------------------------------------------------------------
    LineRuleSpec {
        name: "advertisement",
        group: Group::Ads,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 12,
        patterns: &[
            r"^\W*(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| post| by .+)?|paid (?:post|content|partnership)|partner content|promoted(?: content)?|anzeige|werbung|gesponsert|sponsored|publicit[ée]|pub|sponsoris[ée]|contenu sponsoris[ée]|publicidad|anuncio|patrocinado|contenido patrocinado|pubblicit[àa]|publicidade|advertentie|annons|annonce|reklame|reklama|mainos|reklam|publicitate|hirdet[ée]s|publicitat|oglas)\W*$",
            r"^\W*(?:advertisement|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|advertentie|annons)\W+(?:\p{L}+\s){0,3}(?:scroll|continue|weiter|la suite|contin[úu]a|sigue|prosegue|verder|forts[äa]tter)",
            r"(?:story|article|text|content) continues (?:below|after)(?: (?:this|the))? (?:ad(?:vertisement)?|advert)\W*$",
            r"^\W*(?:continue reading below|weiterlesen nach der anzeige|(?:der )?artikel wird nach der anzeige fortgesetzt|la suite apr[èe]s (?:cette )?(?:la )?publicit[ée]|l['’]article continue apr[èe]s la publicit[ée]|(?:la noticia|el art[íi]culo) contin[úu]a (?:tras|despu[ée]s de) la publicidad)\W*$",
        ],
    },
    LineRuleSpec {
        name: "mixed_script",
        group: Group::Ads,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 60,
        patterns: &[
            // A word that mixes Latin and Cyrillic letters ("Аdvеrtіѕе wіth uѕ", Cyrillic а, е,
            // і, ѕ standing in for Latin ones): ad copy disguised from keyword filters. Real
            // text in either script keeps a word in one script.
            r"[a-z][\x{0400}-\x{04FF}]|[\x{0400}-\x{04FF}][a-z]",
        ],
    },
    // ---- legal ---------------------------------------------------------------------------
    LineRuleSpec {
        name: "cookie_notice",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 60,
        patterns: &[
            r"(?:this|our) (?:web)?site uses cookies",
            r"^\W*we use (?:some )?(?:essential )?cookies",
            r"(?:accept|reject|allow|manage) (?:all |analytics |optional )?cookies",
            r"cookie (?:settings|preferences|policy|consent|banner|message)\W*$",
            r"(?:wir verwenden|wir nutzen|diese (?:web)?seite (?:verwendet|nutzt|speichert)) cookies",
            r"^\W*(?:alle (?:cookies )?akzeptieren|cookie-einstellungen|cookies (?:akzeptieren|ablehnen))\W*$",
            r"(?:ce site|notre site) utilise des cookies|nous utilisons des cookies|(?:accepter|refuser) (?:tous )?les cookies|param[èe]tres des cookies",
            r"(?:utilizamos|usamos) cookies|(?:este|nuestro) sitio web (?:utiliza|usa) cookies|(?:aceptar|rechazar) (?:todas )?(?:las )?cookies|configuraci[óo]n de cookies",
            r"^\W*(?:accept all|alle akzeptieren|tout accepter|aceptar todo|manage (?:my )?preferences)\W*$",
        ],
    },
    LineRuleSpec {
        name: "copyright_footer",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            r"^\W*(?:©|\(c\)\s*[0-9]{4}|copyright\s*(?:©|\(c\)|[0-9]{4}))",
            r"(?:all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s|todos los derechos reservados)",
            r"(?:vervielf[äa]ltigung nur mit (?:genehmigung|erlaubnis)|reproduction (?:interdite|totale ou partielle interdite)|prohibida (?:su|la) reproducci[óo]n)",
            r"^\W*(?:proudly )?powered by (?:wordpress|ghost|substack|squarespace)",
        ],
    },
    LineRuleSpec {
        name: "javascript_notice",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            r"(?:enable|activate|turn on|allow) javascript|javascript (?:is )?(?:required|disabled|must be enabled|needs to be enabled|is not enabled)|(?:doesn['’]t|does not) support javascript",
            r"javascript (?:aktivieren|ist deaktiviert)|aktivieren sie (?:bitte )?javascript",
            r"activer (?:le )?javascript|javascript (?:est )?d[ée]sactiv[ée]|activez (?:le )?javascript",
            r"(?:habilitar|habilita|activar|activa) (?:el )?javascript|javascript (?:est[áa] )?(?:deshabilitado|desactivado)",
        ],
    },
    LineRuleSpec {
        name: "originally_appeared",
        group: Group::Legal,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            r"(?:this|the) (?:article|story|piece|post|essay|report) (?:was |is |first |originally )*(?:appeared|published|republished|reprinted|produced)(?: \w+)? (?:in|on|by|from|with|under)",
            r"(?:originally|first) (?:appeared|published) (?:in|on|at|by)",
            r"republished (?:with permission|from|under)|reprinted with permission|a version of this (?:article|story) (?:appeared|was published)",
            r"(?:dieser|der) (?:artikel|beitrag|text) (?:ist|erschien) (?:zuerst|urspr[üu]nglich|erstmals)",
            r"(?:cet|l['’]) ?article a (?:[ée]t[ée] )?(?:initialement|d['’]abord|originellement) (?:publi[ée]|paru)|article initialement publi[ée]",
            r"(?:este|el) (?:art[íi]culo|texto|reportaje) (?:fue publicado|se public[óo]) (?:originalmente|originalmente|por primera vez)|publicado originalmente en",
        ],
    },
    // ---- comments ------------------------------------------------------------------------
    LineRuleSpec {
        name: "comment_prompt",
        group: Group::Comments,
        position: Position::Tail,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            r"^\W*(?:[0-9]+\s+)?(?:comments?|responses?|replies|kommentare?|leserkommentare|commentaires?|r[ée]actions?|comentarios?)\W*(?:\([0-9]+\))?\W*$",
            r"^\W*(?:leave a (?:comment|reply)|write a comment|post a comment|add a comment|join the (?:conversation|discussion)|show comments|view comments|load comments|what do you think\W+(?:let us know|tell us|share)|let us know (?:what you think )?in the comments)",
            r"^\W*(?:kommentar (?:schreiben|verfassen|hinzuf[üu]gen)|schreiben sie einen kommentar|hinterlassen sie einen kommentar|hinterlasse einen kommentar|kommentare (?:anzeigen|laden|lesen)|diskutieren sie mit)",
            r"^\W*(?:laisser un commentaire|laissez un commentaire|r[ée]agir|[ée]crire un commentaire|voir les commentaires|ajouter un commentaire)",
            r"^\W*(?:deja (?:un|tu) comentario|dejar un comentario|escribe un comentario|ver (?:los )?(?:[0-9]+ )?comentarios|comenta)(?:\W|$)",
            r"^\W*(?:voir les (?:[0-9]+ )?commentaires|[0-9]+ (?:r[ée]flexions?|commentaires?|comments?|thoughts?|responses?|kommentare|comentarios?|respuestas) (?:sur|on|zu|a|en|to)\W)",
            r"^\W*(?:was this (?:article|page|information) (?:helpful|useful)|war dieser (?:artikel|beitrag) hilfreich|cet article vous a-t-il (?:[ée]t[ée] )?utile|¿?te (?:ha )?(?:resultado|sido) [úu]til)",
            r"^\W*(?:hast du|haben sie) (?:das|dieses) rezept (?:ausprobiert|nachgekocht|nachgebacken)",
        ],
    },
    LineRuleSpec {
        name: "comment_prompt",
        group: Group::Comments,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            r"your email address will not be published|notify me of (?:new|follow-up) (?:comments|posts)|required fields are marked|uses akismet to reduce spam",
            r"ihre e-mail-adresse wird nicht ver[öo]ffentlicht|erforderliche felder sind (?:mit \* )?markiert|bitte melden sie sich an,? um zu kommentieren",
            r"votre adresse (?:e-mail|de messagerie) ne sera pas publi[ée]e|les champs obligatoires sont indiqu[ée]s",
            r"tu (?:direcci[óo]n de )?correo electr[óo]nico no ser[áa] publicad[ao]|los campos obligatorios est[áa]n marcados",
            // login state above a comment form: "Sie sind aktuell nicht eingeloggt.", "You must
            // be logged in to post a comment."
            r"^\W*(?:sie sind|du bist|you are|you['’]re|vous n['’][êe]tes) (?:(?:derzeit|aktuell|gerade|momentan|noch|currently) )?(?:nicht|not|pas) (?:eingeloggt|angemeldet|logged in|signed in|connect[ée])|^\W*(?:you must|please) (?:be )?(?:log|sign)(?:ged)? in to (?:post|comment|leave|reply)|^\W*um (?:einen kommentar|kommentare) zu (?:hinterlassen|schreiben|verfassen),? (?:loggen|melden) sie sich",
        ],
    },
    // ---- navigation ----------------------------------------------------------------------
    LineRuleSpec {
        name: "navigation",
        group: Group::Navigation,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            r"^\W*(?:tags|tagged(?: with)?|topics|filed under|categories|category|schlagworte|schlagw[öo]rter|themen|stichw[öo]rter|mots-cl[ée]s|[ée]tiquettes|th[èe]mes|etiquetas|temas|categor[íi]as)\s*:",
            r"^\W*(?:back to top|nach oben|zur[üu]ck (?:zur [üu]bersicht|nach oben|zur startseite)|retour en haut(?: de (?:la )?page)?|volver arriba|ir arriba|previous (?:article|post|story)|next (?:article|post|story)|older post|newer post|vorheriger artikel|n[äa]chster artikel|article pr[ée]c[ée]dent|article suivant|art[íi]culo anterior|(?:siguiente|pr[óo]ximo) art[íi]culo)\W*$",
            // breadcrumbs: "Home › News › World"
            r"^\W*(?:home|startseite|accueil|inicio|portada)\s*[›»>/|]\s*\p{L}",
            // footer link rows: "Impressum | Datenschutz | Kontakt"
            r"^(?:\W*(?:impressum|datenschutz(?:erkl[äa]rung)?|kontakt|agb|privacy(?: policy)?|terms(?: of (?:use|service))?|contact(?: us)?|about(?: us)?|mentions l[ée]gales|confidentialit[ée]|cgu|aviso legal|pol[íi]tica de privacidad|contacto|cookies?)\W*){2,}$",
            r"^\W*(?:next|previous|prev|older|newer|vorheriger|n[äa]chster|pr[ée]c[ée]dent|suivant|anterior|siguiente)(?: (?:article|post|story|artikel|beitrag|art[íi]culo))?\s*:",
            r"^\W*(?:permalink|permalien|enlace permanente|kurzlink|short ?link)\s*:?\s*(?:https?://\S+)?\W*$",
            r"^\W*(?:zur startseite|to (?:the )?homepage|retour [àa] l['’]accueil|volver a la portada|aktuelle ausgabe|current issue|latest issue|dernier num[ée]ro|[úu]ltimo n[úu]mero)\W*$",
            // the bare label of a source list: "Quellenangaben:", "Sources:"
            r"^\W*(?:quellenangaben|quellenverzeichnis|quellen|sources|r[ée]f[ée]rences|fuentes)\s*:\s*$",
        ],
    },
    LineRuleSpec {
        name: "navigation",
        group: Group::Navigation,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 20,
        patterns: &[
            // a download link with its file type and size: "Merkblatt PDF | 38 KB",
            // "Hochauflösendes Bild (jpeg, 1MB)"
            r"(?:pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|mp3|mp4|epub)\s*[,|/–-]?\s*[0-9]+(?:[.,][0-9]+)?\s*(?:kb|mb|gb|kib|mib|kbyte|mbyte|bytes?)(?:\W|$)",
            // result counts of a listing: "Showing 1–10 of 19 results", "Es werden die Artikel
            // 1 bis 10 von insgesamt 19 angezeigt"
            r"[0-9]+\s*(?:bis|-|–|to|à|a)\s*[0-9]+\s*(?:von|of|sur|de)\s*(?:insgesamt\s*|total\s*)?[0-9]+\s*(?:\p{L}+\s*)?(?:angezeigt|results|ergebnisse|ergebnissen|treffer|résultats|resultados|entries|einträge|items|produkte|products)",
            r"^\W*(?:showing|displaying|zeige|es werden|affichage|mostrando)\s.*[0-9]+\s*(?:bis|-|–|to|à|a)\s*[0-9]+\s*(?:von|of|sur|de)\s*(?:insgesamt\s*)?[0-9]+",
        ],
    },
    LineRuleSpec {
        name: "recipe_ui",
        group: Group::Navigation,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            r"^\W*(?:jump to (?:the )?recipe|print (?:the )?recipe|pin (?:it|this|recipe)|save (?:this )?recipe|rate this recipe|did you make this(?: recipe)?\W|zum rezept springen|rezept (?:drucken|merken|speichern|bewerten)|imprimer (?:la )?recette|(?:ajouter|enregistrer) (?:[àa]|dans) mes favoris|vous avez test[ée] cette recette|imprimir (?:la )?receta|guardar (?:la )?receta|¿?has (?:hecho|probado) esta receta)",
        ],
    },
    LineRuleSpec {
        name: "affiliate_disclosure",
        group: Group::Ads,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            r"affiliate (?:links?|commission)|we may earn (?:a |an )?(?:small )?commission|(?:may|might) receive (?:a )?commission|paid (?:a )?commission",
            r"affiliate-link|provisions-link|wir erhalten (?:beim kauf )?(?:eine|ggf\. eine) provision|werbelink",
            r"liens? (?:affili[ée]s?|sponsoris[ée]s?)|nous (?:pouvons )?percevo(?:ir|ns) une commission",
            r"enlaces? de afiliad[oa]s?|(?:podemos|puede que) (?:recibir|recibamos|ganar) una comisi[óo]n",
            r"^\W*(?:jetzt )?(?:bei|auf) amazon (?:ansehen|kaufen|bestellen)|^\W*(?:buy|view|check price) (?:it )?(?:now )?(?:on|at) amazon|^\W*(?:voir|acheter) sur amazon|^\W*(?:ver|comprar) en amazon",
        ],
    },
    LineRuleSpec {
        name: "wire_credit",
        group: Group::Credits,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            // "Reporting by X; Editing by Y", "(Additional reporting by X)"
            r"^\W*(?:additional )?(?:reporting|writing|editing|compiled|research) by\s[^.!?]*(?:;|editing by|$)",
            r"^\W*(?:mit material von|mitarbeit:|avec (?:l['’])?(?:afp|ap|reuters)|con informaci[óo]n de)\s",
            // a line that is only an agency tag: "dpa", "Von dpa", "EP", "(AFP)"
            r"^\W*(?:von |mit |avec |con |via |source\s?:\s?|fuente\s?:\s?|quelle\s?:\s?)?(?:dpa|afp|ap|reuters|efe|ep|europa press|kna|epd|apa|sda|ansa|belga|anp|ats|lusa)(?:[/, ]+\p{L}+)?\W*$",
        ],
    },
    LineRuleSpec {
        name: "press_release",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            r"/\s*(?:accesswire|pr ?newswire|business ?wire|globe ?newswire|newsfile|ots|pressetext|news aktuell|eqs)(?:\s|/|$)",
            r"^\W*(?:media|press) contacts?\s*:|^\W*pressekontakt\s*:?|^\W*contacts? (?:presse|m[ée]dias?)\s*:|^\W*contacto (?:de prensa|para medios)\s*:",
            r"^(?-i:SOURCE|QUELLE|FUENTE)\s*:\s",
            r"^\W*view (?:source version|original content)",
        ],
    },
    LineRuleSpec {
        name: "tip_prompt",
        group: Group::Promotion,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            r"^\W*(?:got a (?:news )?tip|have a (?:news )?tip|do you have a (?:story|news tip)|know something we should|send us (?:your )?(?:tips|a tip)|haben sie (?:einen hinweis|informationen) f[üu]r uns|vous avez une info|¿?tienes (?:una )?(?:pista|informaci[óo]n))",
        ],
    },
    LineRuleSpec {
        name: "disclaimer",
        group: Group::Legal,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            r"(?:views|opinions) expressed (?:here |in this (?:article|column|piece) )?are (?:the|those of the) (?:writer|author)['’]?s?(?: own)?|the views expressed here are",
            r"(?:correct|accurate) at (?:the )?time of (?:publication|writing|going to press)",
            r"data is delayed|quotes (?:are )?delayed|(?:is|are) for informational purposes only|does not constitute (?:financial|investment) advice",
            r"die meinung (?:des autors|der autorin)|gibt (?:die meinung|nicht die meinung)|stand der informationen|les opinions exprim[ée]es|las opiniones expresadas|no constituye (?:un )?asesoramiento",
        ],
    },
    // ---- promotion: apps, channels, memberships, letters ---------------------------------
    LineRuleSpec {
        name: "app_prompt",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            // "Download the Daily apps for iOS and Android", "Get the latest news straight to
            // your phone with the X app"
            r"^\W*(?:for the latest [^.!?]*)?download (?:the|our) (?:free )?(?:[\p{L}'’&-]+ )*apps?(?:\W|$)",
            r"apps? (?:for|on) (?:ios|iphone|ipad) (?:and|&|or|y|und|et) android",
            r"^\W*get the latest (?:news|stories|headlines|updates)[^.!?]*(?:with|on|in) (?:the|our) [^.!?]*app\W*$",
            r"straight to your (?:phone|smartphone|device)",
            // "We have a Telegram channel", "Unser WhatsApp-Kanal", "Mira nuestro canal de YouTube"
            r"(?:nuestro|tenemos) canal de (?:telegram|whatsapp|youtube)|(?:unser(?:em|en)?|our) (?:whatsapp|telegram|youtube)[- ]?(?:kanal|channel)|(?:notre|sur) cha[îi]ne (?:whatsapp|telegram|youtube)",
        ],
    },
    LineRuleSpec {
        name: "support_prompt",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            r"^\W*subscribe now to|(?:edition|subscription|abo) for the full story|^\W*never miss (?:the latest|a story|an? (?:update|issue|article))",
            r"^\W*stay up[- ]to[- ]date(?:\W|$)|^\W*immer (?:bestens |gut |aktuell )?informiert(?: bleiben| sein)?(?:\W|$)|jetzt (?:kostenlos )?anmelden\W*$",
            // membership offers: "Become a member and enjoy exclusive benefits. Cancel anytime."
            r"hazte (?:miembro|socio|suscriptor)|beneficios exclusivos|cancela cuando quieras|cancel (?:at )?any ?time|jederzeit k[üu]ndbar|r[ée]siliable [àa] tout moment|first[- ]time subscribers|exklusive angebote",
            r"(?:would you|please) consider (?:supporting|a donation|donating|subscribing)|if you (?:enjoyed|liked|value|appreciate) (?:reading )?(?:this|our) (?:post|article|story|work|journalism|reporting)|help us (?:continue|keep)(?:\W|$)",
            r"(?:keine|ohne) (?:bezahlschranke|paywall)|\(paywall[- ]free\)|vorteile sichern|(?:lesen|abonnieren) oder verschenken",
            r"zapraszamy (?:te[żz] )?do (?:subskrypcji|prenumeraty)|wesprzyj (?:nas|nasz)|zosta[ńn] patronem",
            r"^\W*(?:jetzt neu\W+)?besuchen sie (?:unseren|unsere) [\p{L}-]*(?:shop|store)|^\W*(?:kennt ihr|kennen sie|kennst du) schon (?:unseren|unsere|unser)\s",
            r"(?:jetzt )?auch (?:digital|als e-?paper)\W*!",
            // Japanese and Chinese paywall prompts: "members, log in here", "read the rest"
            r"会員の方はこちら|ログインはこちら|続きを読む|この記事は(?:有料)?会員限定|登录后(?:阅读|查看)|订阅(?:后|以)(?:阅读|查看)",
        ],
    },
    LineRuleSpec {
        name: "letters_prompt",
        group: Group::Comments,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            r"(?:submit|send|write) (?:us )?(?:a |your )?letters? to the editor|read more letters to the editor|we want to hear (?:what you think|from you)",
            r"submit (?:your )?comments? (?:on|about) this (?:post|article|story)",
            r"^\W*(?:puedes? escribirnos|schreiben sie uns|[ée]crivez-nous)(?:\W|$)|si vous souhaitez (?:critiquer|r[ée]agir [àa]|commenter|d[ée]velopper) cet article",
        ],
    },
    // ---- social: blog share widgets -----------------------------------------------------------
    LineRuleSpec {
        name: "share_prompt",
        group: Group::Social,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 8,
        patterns: &[
            r"^\W*(?:teilen sie dies mit|sharen mit|diesen beitrag teilen|compartir esto|partager ceci)\W*$",
            r"^\W*(?:gef[äa]llt mir|like|j['’]aime|me gusta)\s+(?:wird geladen|loading|chargement|cargando)",
            r"^\W*(?:bewerten|rate this|[ée]valuer|valorar)\s*:\s*$",
        ],
    },
    LineRuleSpec {
        name: "post_meta",
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 60,
        patterns: &[
            // the blog engine's whole footer sentence run, with categories, feed and trackback
            // notes: "Der Beitrag wurde am … veröffentlicht und wurde unter … abgelegt. Du
            // kannst die Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen. …"
            r"^\W*(?:der|dieser) (?:beitrag|eintrag|artikel) wurde (?:am|von|unter)\s.*(?:ver[öo]ffentlicht|abgelegt|gepostet)[^.!?]*[.!?]\s.*(?:rss|feed|trackback)",
            r"^\W*this entry was posted (?:in|on|by)\s.*(?:rss|feed|trackback)",
        ],
    },
    // ---- meta: blog post footers and date lines -----------------------------------------------
    LineRuleSpec {
        name: "post_meta",
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            r"this entry was posted (?:in|on|by)|bookmark the permalink|^\W*posted in\s[^.!?]*(?:permalink|comments?)",
            r"^\W*(?:der|dieser) (?:beitrag|eintrag|artikel) wurde (?:am|von|unter)\s.*(?:ver[öo]ffentlicht|abgelegt|gepostet)",
            r"^\W*kommentare insgesamt\s*:|kommentarfeed|trackback(?:-url)?(?:\W|$)",
            r"^\W*(?:aufrufe|zugriffe|views|hits|visitas|vues)\s*:\s*[0-9]",
            r"^\W*(?:opublikowano|data publikacji|aktualizacja|pubblicato(?: il)?|aggiornato(?: il)?|ultima modifica)\s*:?\s*[0-9]",
            r"^\W*(?:news |release |publication |post )?date\s*:\s*(?:[0-9]|$)|^\W*release date\s*:?\W*$",
            r"^\W*(?:verfasst|geschrieben|eingestellt|erstellt) von\s*:?\s[^!?]*[0-9]{4}",
            // the author box's archive link: "Zeige alle Beiträge von Max Muster"
            r"zeige alle beitr[äa]ge von|view all posts by|voir tous les articles (?:de|par)|ver todas las entradas de",
            // a dateline whose last part is the update time: "Le Journal | 04.05.2015 à 13h36 •
            // Mis à jour le 05.05.2015", "Published 3 May 2019 Updated 4 May 2019"
            r"(?:mis [àa] jour|updated|aktualisiert|actualizado|ultima modifica)(?: le| am| el| on| il)?\s*:?\s*[0-9][^!?]*[^.!?]$",
        ],
    },
    LineRuleSpec {
        name: "post_meta",
        group: Group::Meta,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 3,
        patterns: &[
            // a date field's label left without its value: "Release Date:"
            r"^\W*(?:erschienen in|published in|paru dans|publicado en)\s*:?\s*$",
            r"^\W*(?:release|publication|news) date\s*:?\s*$|^\W*(?:ver[öo]ffentlichungsdatum|erscheinungsdatum|date de publication|fecha de publicaci[óo]n)\s*:?\s*$",
        ],
    },
    LineRuleSpec {
        name: "byline",
        group: Group::Meta,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 8,
        patterns: &[
            // Q&A site stamps: "asked Feb 6, 2014 at 20:37"
            r"^\W*(?:asked|answered|edited|modified)\s+\p{L}+\.? [0-9]{1,2},? [0-9]{4}(?: at [0-9]{1,2}:[0-9]{2})?\W*$",
            // "On 6/13/2018 by @jdoe", "Am 13.06.2018 von Max"
            r"^\W*(?:on|am|le|el) [0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4},? (?:by|von|par|por)\s[^.!?]*$",
        ],
    },
    LineRuleSpec {
        name: "affiliate_disclosure",
        group: Group::Ads,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 60,
        patterns: &[
            r"(?:erh[äa]lt|erhalten wir) [^.!?]*provision|provision vom h[äa]ndler|geld erhalten wir,? wenn",
            r"advertisers do not influence|we may receive compensation|independent review process",
        ],
    },
    // ---- legal: licences, embed consent, PHP errors, disclaimers -------------------------------
    LineRuleSpec {
        name: "licence_notice",
        group: Group::Legal,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            r"(?:ver[öo]ffentlicht|lizenziert|steht|stehen) [^.!?]*unter (?:der |einer )?(?:lizenz |licence |license )?cc[- ]by|licensed under (?:a |the )?(?:creative commons|cc[- ]by)|(?:sous|bajo) (?:la |una )?licen[cs]i?a (?:creative commons|cc[- ]by)",
        ],
    },
    LineRuleSpec {
        name: "embed_consent",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 60,
        patterns: &[
            r"ohne (?:dein|ihr|deine|ihre) einverst[äa]ndnis keine verbindung|wir respektieren (?:deine|ihre) privatsph[äa]re|externe(?:r|n)? inhalte? (?:von|aus) (?:twitter|youtube|instagram|facebook|vimeo)",
            r"korzystamy z (?:plik[óo]w )?cookies|u[żz]ywamy (?:plik[óo]w )?cookies|utilizziamo (?:i )?cookie",
        ],
    },
    LineRuleSpec {
        name: "server_error",
        group: Group::Structure,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            // PHP warnings printed into the page: "Warning: Undefined variable in /var/www/x.php on line 4"
            r"^\W*(?:warning|notice|deprecated|fatal error|parse error|strict standards)\s*:\s.*(?:\sin /\S+|on line [0-9]+)",
        ],
    },
    LineRuleSpec {
        name: "disclaimer",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 6,
        patterns: &[r"^\W*(?:alle )?angaben ohne gew[äa]hr\W*$"],
    },
    LineRuleSpec {
        name: "disclaimer",
        group: Group::Legal,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            r"alle angaben ohne gew[äa]hr|(?:wurde|wurden) von (?:medizinern|[äa]rzten|fach[äa]rzten|experten) gepr[üu]ft",
        ],
    },
    // ---- navigation: download links, image widgets, teasers -------------------------------------
    LineRuleSpec {
        name: "navigation",
        group: Group::Navigation,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 8,
        patterns: &[
            // "Originalartikel als PDF", "Dieses Skript als PDF herunterladen", "Download PDF"
            r"^\W*(?:\S+\s+){0,3}als pdf(?:\s+(?:herunterladen|downloaden|speichern|[öo]ffnen))?\W*$|^\W*(?:download|t[ée]l[ée]charger|descargar|herunterladen)\s*(?:\(?pdf\)?|as pdf|en pdf)\W*$",
            r"^\W*bild (?:anzeigen|vergr[öo](?:ß|ss)ern)|^\W*bild schlie(?:ß|ss)en\W*$|zum vergr[öo](?:ß|ss)ern (?:auf das bild )?klicken|^\W*click (?:to|here to) enlarge",
            r"^\W*(?:…|\.\.\.)\s*weiter zu\s",
        ],
    },
    LineRuleSpec {
        name: "image_widget",
        group: Group::Credits,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            // a caption that starts with the zoom button's label: "Vergrößern Die neue Halle"
            r"^\W*vergr[öo](?:ß|ss)ern\s+(?-i:\p{Lu})\p{Ll}",
            r"zum vergr[öo](?:ß|ss)ern (?:auf das bild )?klicken",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            r"^\W*(?:mira|puedes ver|tambi[ée]n lee|te recomendamos|recomendamos|ver m[áa]s|lee m[áa]s|leia tamb[ée]m|czytaj (?:te[żz]|tak[żz]e|r[óo]wnie[żz]|wi[ęe]cej)|zobacz (?:te[żz]|tak[żz]e)|leggi anche)\s*(?::|\||–|-|»|>)",
            r"^\W*(?:vorschau auf (?:den|das) n[äa]chsten? (?:artikel|beitrag)|das (?:thema|k[öo]nnte) (?:k[öo]nnte )?dich (?:auch )?interessieren|entdecke weitere\s)",
            // other rail headings: "Audios and videos on the topic", "Meist diskutiert", "Also on
            // example.com"
            r"^\W*(?:(?:audios? (?:and|et|und|y) )?vid[ée]os? (?:on|sur|zum|sobre) (?:the|le|dem|el) (?:topic|sujet|thema|tema)|meist[- ]?diskutiert(?:e artikel)?|most (?:discussed|commented)|les plus comment[ée]s|m[áa]s comentad[oa]s)\W*$",
            r"^\W*(?:auch auf|also on|aussi sur|tambi[ée]n en)\s+(?:www\.)?[\p{L}0-9-]+\.[a-z]+\W*$",
            // the heading of a picks rail: "Discover our latest editorial picks", "Editor's Picks"
            r"^\W*(?:(?:discover|see|explore|browse) (?:our|the) (?:latest )?)?(?:editor(?:ial|['’]?s['’]?) picks|staff picks|empfehlungen der redaktion|la s[ée]lection de la r[ée]daction)\W*$",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Tail,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            // a teaser cut mid-sentence by the site: "Minister Says Budget Will…" (see
            // `CUT_TEASER`)
            CUT_TEASER,
        ],
    },
    LineRuleSpec {
        name: "advertisement",
        group: Group::Ads,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[r"^\W*(?-i:ANZEIGE|WERBUNG|ADVERTISEMENT|PUBLICIDAD|PUBLICIT[EÉ])\s*[-–|:]\s"],
    },
    LineRuleSpec {
        name: "photo_credit",
        group: Group::Credits,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            // stock and licence credits after a slash or pipe: "… / Fotolia.com", "/domena publiczna"
            r"[/|]\s*(?:fotolia(?:\.com)?|pixelio(?:\.de)?|adobe ?stock|stock\.adobe\.com|depositphotos|123rf(?:\.com)?|dreamstime|colourbox|domena publiczna|public domain|gemeinfrei|dominio p[úu]blico|domaine public|agencia [\p{L}]+)\W*$",
            // an agency and photographer closing a caption: "… am Mahnmal © Agentur |
            // Max Muster"
            r"©\s*[^©.!?]*\s[|/]\s[^.!?|/]+$",
            // a short credit closing a caption: "… ausbilden. © CAE", "… / (C) Jane Doe"
            r"(?:©|\(c\))\s*(?-i:\p{Lu})[\p{L}.&'’-]*(?:\s(?-i:\p{Lu})[\p{L}.&'’-]*){0,3}\W*$",
            // French "droits réservés" closing a caption: "Le port de Brest. DR"
            r"\s(?-i:DR)\s*$",
            r"^\W*quelle\s*:\s*[^.!?]*(?:fotolia|pixelio|istock|adobe ?stock|shutterstock|pixabay|unsplash)",
        ],
    },
    // ---- lines the extractor used to drop by wording (issue 15) ---------------------------
    LineRuleSpec {
        name: "photo_credit",
        group: Group::Credits,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 10,
        patterns: &[
            // a credit line without a caption: "Image copyright Reuters", "GettyImages",
            // "Jane Doe/GettyImages"; no sentence ending, so "… reported by Reuters." stays
            r"^\W*(?:image|photo|picture|foto|bild)\s+(?:copyright|credits?|source|quelle)(?:\s|:|$)[^.!?]*$",
            r"^\W*(?:[\p{L}.'’-]+\s?){0,3}/?\s?(?:getty ?images|istock(?:photo)?(?:\.com)?|shutterstock|imago(?: images)?|picture[- ]alliance|adobe ?stock)\W*$",
            // a source line under a chart or photo: "Quelle: Wikipedia", "Source: CDC", at
            // most with a year; a source with several numbers (volume, issue, pages: "Source:
            // Principal, v74 n3 p6-9 Jan 1995") is a bibliographic reference, which is content
            r"^\W*(?:quelle|source|fuente|bildquelle|bildnachweis)\s*:\s*[^.!?0-9]*(?:[0-9]+[^.!?0-9]*)?$",
        ],
    },
    LineRuleSpec {
        name: TIMESTAMP,
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 10,
        patterns: &[
            // a short date line at the article's edges, with a place, time, author or section
            // ("16. Oktober 2019 | Politik", "Berlin, 28.10.2021", "1. Februar 2022, Max
            // Muster"); story text there ends with punctuation
            r"(?:[0-9]{1,2}\.\s?[0-9]{1,2}\.\s?(?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}\.?\s+(?:de\s+)?\p{L}+\.?,?\s+(?:de\s+)?(?:19|20)[0-9]{2}|\p{L}+\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)[0-9]{2})(?:.*[^.!?。\s])?\s*$",
        ],
    },
    LineRuleSpec {
        name: "post_meta",
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 15,
        patterns: &[
            // the blog engine's "posted by" line: "Eingestellt von Max um 21:11", "Posted in
            // News", "Gespeichert von max am 24. Juli 2017"
            r"^\W*(?:eingestellt|gepostet|gespeichert|ver[öo]ffentlicht|posted|published|filed|publi[ée]|publicado)\s(?:von|by|in|on|am|under|par|le|por|el|en)\s[^.!?]*$",
            r"^\W*(?:kategorie|kategorien|category|categories|cat[ée]gories?|categor[íi]as?|rubrik|rubrique)\s*:",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropWithNext,
        max_words: 6,
        patterns: &[
            // a bare label that introduces a linked headline: "Schon gelesen?", "Passend
            // dazu", "Ähnliche Beiträge", "You might also like"
            r"^\W*(?:schon gelesen|passend dazu|lies auch|mehr dazu|mehr zu(?:m thema)?\s[\p{L} ]+|[äa]hnliche (?:beitr[äa]ge|artikel)|weitere (?:artikel|beitr[äa]ge|themen|nachrichten|informationen|infos)|das k[öo]nnte (?:sie|dich) (?:auch )?interessieren|you (?:might|may) (?:also )?(?:like|be interested in)|more (?:on|about) this(?: topic| story)?|most (?:read|popular)|ver tambi[ée]n|veja tamb[ée]m|dowiedz si[ęe] wi[ęe]cej|czytaj (?:te[żz]|tak[żz]e|wi[ęe]cej)|related (?:recipes|posts|articles|stories)|more about this (?:recipe|story|topic))\W*$",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            // an inline pointer with its delimiter: "Mire: …", "Dowiedz się więcej: …",
            // "Lies auch: …"
            r"^\W*(?:mire|lies auch|schon gelesen|passend dazu|dowiedz si[ęe] wi[ęe]cej|ver tambi[ée]n|veja tamb[ée]m|lea m[áa]s|you (?:might|may) also like)\s*(?::|\||–|»|>)",
        ],
    },
    LineRuleSpec {
        name: "comment_prompt",
        group: Group::Comments,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            // the state of a comment section: "Comments are closed.", "No comments yet"
            r"^\W*(?:comments are (?:closed|disabled)|kommentare sind (?:geschlossen|deaktiviert)|les commentaires sont (?:ferm[ée]s|d[ée]sactiv[ée]s)|los comentarios est[áa]n cerrados|be the first to (?:comment|review)|sei (?:der|die) erste,? (?:der|die) (?:kommentiert|einen kommentar)|no comments yet|noch keine kommentare|keine kommentare|aucun commentaire)",
            r"^\W*(?:du musst|sie m[üu]ssen|you must be) (?:eingeloggt|angemeldet|registriert|logged in|signed in)",
        ],
    },
    LineRuleSpec {
        name: "share_prompt",
        group: Group::Social,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 8,
        patterns: &[
            // the question of a share or rating widget: "Möchten Sie den Artikel teilen?",
            // "Hier können Sie den Artikel bewerten"
            r"^\W*(?:m[öo]chten sie|m[öo]chtest du|hier k[öo]nnen sie|jetzt) (?:den|diesen) (?:artikel|beitrag) (?:teilen|bewerten)\W*$",
            r"^\W*(?:twittern|pinnen|tweet|instagram|google\+?|wechat|weibo|qq|tumblr|whatsapp)\W*$",
            r"^\W*(?:skip to (?:main )?content|zum (?:seitenanfang|inhalt springen)|loading\.*)\W*$",
        ],
    },
    LineRuleSpec {
        name: "copyright_footer",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            r"wszelkie prawa zastrze[żz]one|chroniony prawem autorskim|tutti i diritti riservati",
        ],
    },
    LineRuleSpec {
        name: "cookie_notice",
        group: Group::Legal,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 40,
        patterns: &[
            r"(?:site|page|website|webseite|seite|sitio) (?:uses|verwendet|nutzt|utilise|utiliza|usa) (?:des )?cookies|(?:use|utilisation|uso) (?:of|des|de) cookies",
        ],
    },
    // ---- general cues: a line's role from its shape and place (issue 15) ------------------
    LineRuleSpec {
        name: "call_to_action",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 35,
        patterns: &[
            // an imperative (after a lead-in question or exclamation) aimed at a
            // subscription, newsletter, app, membership, donation or channel: "Never miss a
            // story! Subscribe and get…", "Word abonnee van …", "Scarica l'app di …"; an
            // e-book is a word of its own ("Facebook" is no e-book)
            r"^\W*(?:[^.!?]*[!?]\s+)?(?:subscribe|sign up|join|download|get|install|become|support|donate|register|buy|grab|abonniere|abonnieren sie|melde dich|melden sie sich|trag dich|tragen sie sich|hol dir|holen sie sich|lade|laden sie|werde|werden sie|unterst[üu]tze|unterst[üu]tzen sie|spende|spenden sie|abonnez-vous|abonne-toi|inscrivez-vous|inscris-toi|t[ée]l[ée]chargez|t[ée]l[ée]charge|rejoignez|rejoins|devenez|deviens|soutenez|soutiens|suscr[íi]bete|suscr[íi]base|reg[íi]strate|descarga|descargue|[úu]nete|hazte|apoya|recibe|iscriviti|scarica|abbonati|sostieni|unisciti|assine|inscreva-se|baixe|torne-se|apoie|word|abonneer|meld je aan|steun|doneer|zapisz si[ęe]|pobierz|zosta[ńn]|wesprzyj|wykup|subskrybuj)\s(?:[^.!?]*\s)?[\p{L}-]*(?:newsletter|subscri|abonn|suscri|abbona|assina|abonnee|prenumerat|subskryp|membership|mitglied|membre|miembro|socio|\bapp\b|app-|\bapps?\b|donat|spende|\bdon\b|coffee|kaffee|\be-?book|kanal|channel|canal)",
            // the same imperatives with an offer close to them ("Sign up for free", "Download
            // it free"); further on, "free" belongs to another clause ("Join a walk with the
            // club, who run free sessions")
            r"^\W*(?:[^.!?]*[!?]\s+)?(?:subscribe|sign up|join|download|get|install|become|support|donate|register|buy|grab|abonniere|abonnieren sie|melde dich|melden sie sich|trag dich|tragen sie sich|hol dir|holen sie sich|lade|laden sie|werde|werden sie|unterst[üu]tze|unterst[üu]tzen sie|spende|spenden sie|abonnez-vous|abonne-toi|inscrivez-vous|inscris-toi|t[ée]l[ée]chargez|t[ée]l[ée]charge|rejoignez|rejoins|devenez|deviens|soutenez|soutiens|suscr[íi]bete|suscr[íi]base|reg[íi]strate|descarga|descargue|[úu]nete|hazte|apoya|recibe|iscriviti|scarica|abbonati|sostieni|unisciti|assine|inscreva-se|baixe|torne-se|apoie|word|abonneer|meld je aan|steun|doneer|zapisz si[ęe]|pobierz|zosta[ńn]|wesprzyj|wykup|subskrybuj)(?:\s[^\s.!?,;]+){0,2}\s(?:for\s)?(?:gratis|free|kostenlos|gratuit)",
            r"[\p{L}-]*app\s+(?:herunterladen|laden|installieren)|(?:abo|abonnement)\s+(?:abschlie(?:ß|ss)en|sichern|bestellen)|buy me a coffee",
            // a paywall's meter or lock: "You have read 2 of your 3 free articles", "available
            // to subscribers only"
            r"(?:free|kostenlose?n?|gratuits?|gratuitos?|gratis|gratuiti|gratuitos) (?:articles?|artikel|art[íi]culos|articoli|artigos|artikelen|artyku[łl]y?)\b.*(?:month|monat|mois|mes|mese|m[êe]s|maand|miesi)",
            r"(?:available|verf[üu]gbar|disponible|disponibile|dispon[íi]vel|beschikbaar|dost[ęe]pny|reserved|r[ée]serv[ée]|reservado|riservato) (?:only |nur |uniquement |exclusively |solo |s[óo]lo |solamente |apenas |alleen |tylko )?(?:for|to|f[üu]r|pour|aux|para|per|voor|dla) (?:our )?(?:subscribers|members|abonnenten|abonn[ée]s|suscriptores|abbonati|assinantes|abonnees|subskrybent[óo]w|prenumerator[óo]w)",
            // a reader-funding pitch with a price: "Donate from £3", "ab 3 € im Monat"
            r"(?:donate|spende|faites un don|dona|doneer|wesprzyj|support|unterst[üu]tze)\p{L}*\s(?:[^.!?]*\s)?(?:from|ab|d[èe]s|desde|da|vanaf|od)\s(?:€|£|\$)\s?[0-9]",
        ],
    },
    LineRuleSpec {
        name: "share_prompt",
        group: Group::Social,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 20,
        patterns: &[
            // a follow prompt: an imperative "follow" naming a social network
            r"^\W*(?:follow|folge|folgt|folgen sie|suivez|suis|sigue|siga|s[íi]guenos|seguici|segui|volg|obserwuj)\s(?:[^.!?]*?\s)?(?:on|auf|bei|sur|en|no|na|su|op|in)\s(?:the\s)?(?:twitter|x|facebook|instagram|tiktok|youtube|linkedin|mastodon|bluesky|threads|telegram|whatsapp|pinterest|snapchat)(?:\W|$)",
            // a short button line ending on a social network, without a sentence ending:
            // "Pin this recipe on Pinterest", "Teilen auf Facebook"
            r"^[^.!?]*\s(?:on|auf|sur|en|su|no|op|na|via)\s(?:pinterest|facebook|x|twitter|whatsapp|instagram|linkedin|telegram)\s*$",
        ],
    },
    LineRuleSpec {
        name: "meta_line",
        group: Group::Meta,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            // a line of short fields split by bars or dots (section, byline, date, reading
            // time): "Opinion | Jane Roe | 7 min read", "Von X | 12.03.2024 | Lesezeit: 3 Min."
            r"^[^|·•]+(?:\s[|·•]\s[^|·•]+){2,}$",
            // two fields, one with a date, time or reading time, or a byline: "Umwelt & Klima |
            // 6 Min."
            r"^[^|·•.!?]+\s[|·•]\s(?:[^|·•]*(?:[0-9]+\s*(?:min|minutes?|minuten|minutos|minuti|minuter)|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}|[0-9]{1,2}[:.h][0-9]{2}\b)[^|·•]*|(?:by|von|par|por|di|door|de|da)\s[^|·•]+|(?:tribune|tribuna|opinion|opini[óo]n|meinung|kommentar|commento|opini[ãa]o|column|kolumne|chronique|columna|rubrica)[^|·•]*)$",
            // reading time in more languages: "Tempo di lettura: 3 minuti", "Leestijd 2 minuten"
            r"(?:tempo di lettura|tempo de leitura|leestijd|czas czytania|lesezeit|lesedauer|reading time|temps de lecture|tiempo de lectura)\s*:?\s*[0-9]+",
        ],
    },
    LineRuleSpec {
        name: "author_bio",
        group: Group::Meta,
        position: Position::Tail,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            // "<Name> is a/an <role> … for/at <Outlet>" and its kin: a personal name, then a
            // verb of writing or a journalist's role ("covers", "berichtet für", "analiza …
            // para", "est journaliste")
            r"^(?-i:\p{Lu}\p{Ll}+(?:[- ]\p{Lu}\p{Ll}+){1,2})\s(?:is|was|ist|war|est|es|è|[ée]|jest|has|hat|a|ha)?\s?(?:an?\s|ein\w*\s|une?\s|una?\s|um\s|uma\s|een\s)?(?:[\p{L}-]+\s){0,3}(?:journalist\p{L}*|reporter\p{L}*|correspondent\p{L}*|korrespondent\p{L}*|corresponsal|correspondant\p{L}*|editor\p{L}*|redakteur\p{L}*|r[ée]dact\p{L}*|redactor\p{L}*|redattore|redatora?|writer|columnist|kolumnist\p{L}*|chroniqueu\p{L}*|columnista|autor\p{L}*|author|auteur\p{L}*|giornalista|jornalista|periodista|dziennikar\p{L}*|contributor|freelance\p{L}*|photographer|fotograf\p{L}*|critic|kritiker\p{L}*|critique|cr[íi]tic[oa]|covers|cubre|couvre|writes|schreibt|[ée]crit|escribe|scrive|escreve|schrijft|pisze|reports|reviews|reviewed|berichtet|testet|analiza|analyse|analizza|leitet|dirige|edits|leads)\b",
            r"^(?-i:\p{Lu}\p{Ll}+(?:[- ]\p{Lu}\p{Ll}+){1,2})\s[^.!?;,]*\s(?:for|f[üu]r|pour|para|per|voor|dla)\s(?:the\s|die\s|den\s|das\s|le\s|la\s|el\s|il\s|o\s|de\s)?(?-i:\p{Lu})[\p{L}-]+(?:\s(?-i:\p{Lu})[\p{L}-]+)?(?:\s(?:since|seit|depuis|desde|dal|sinds|od)\s[0-9]{4})?\s*[.!]?$",
            // an "about me" box: "Über mich: …", "About the author: …"
            r"^\W*(?:about (?:me|the author)|[üu]ber mich|[üu]ber (?:den|die) autor(?:in)?|[àa] propos de l['’]auteur|sobre (?:m[íi]|el autor|la autora|o autor)|sull['’]autore|over (?:mij|de auteur)|o (?:mnie|autorze))\s*:",
        ],
    },
    LineRuleSpec {
        name: "originally_appeared",
        group: Group::Legal,
        position: Position::Edges,
        action: Action::DropLine,
        max_words: 45,
        patterns: &[
            // a note that the article first ran in print or elsewhere
            r"(?:article|story|piece|text|artikel|beitrag|art[íi]culo|articolo|artigo|artyku[łl]|reportage)\s(?:[\p{L}'’]+\s){0,4}(?:appeared|published|ran|erschien|erschienen|ver[öo]ffentlicht|paru|publi[ée]|publicado|pubblicato|verschenen|gepubliceerd|ukaza[łl]|opublikowan\p{L}*)\s(?:[^.!?]*\s)?(?:print|edition|issue|magazine|newspaper|ausgabe|heft|zeitung|[ée]dition|num[ée]ro|magazine|papier|journal|edici[óo]n|n[úu]mero|revista|peri[óo]dico|edizione|numero|rivista|giornale|edi[çc][ãa]o|jornal|editie|nummer|krant|tijdschrift|wydani\p{L}*|numer\p{L}*|gazet\p{L}*)",
        ],
    },
    LineRuleSpec {
        name: "comment_prompt",
        group: Group::Comments,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 30,
        patterns: &[
            // an invitation to comment, rate or write in: an imperative with a comment noun
            r"^\W*(?:[^.!?]*[.!?—–-]\s*)?(?:leave|join|write|post|add|share|tell|let us know|have your say|hinterlasse|hinterlassen sie|schreib|schreiben sie|diskutier|teile|teilen sie|laissez|laisse|[ée]crivez|dites-nous|donnez|rejoignez|deja|d[ée]janos|escr[íi]benos|cu[ée]ntanos|comenta|lascia|lasciate|scrivi|scriveteci|dicci|deixe|deixa|escreva|conte|laat|schrijf|zostaw|napisz|skomentuj)\s(?:[^.!?]*\s)?(?:comments?|discussion|conversation|review|rating|kommentar\p{L}*|bewertung|diskussion|commentaires?|avis|note|discussion|comentarios?|valoraci[óo]n|opini[óo]n|commenti|commento|recensione|coment[áa]rios?|avalia[çc][ãa]o|reactie|mening|komentarz\p{L}*|opini\p{L}*|letters?)",
            r"^\W*(?:[^.!?]*\?\s+)?(?:write to us|schreiben sie uns|schreib uns|[ée]crivez-nous|escr[íi]benos|scriveteci|escreva-nos|schrijf ons|napisz do nas)\s(?:at|an|unter|[àa]|a|en|su|para|op|na)\s\S+@\S+",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 25,
        patterns: &[
            // a short label before a colon that points elsewhere, whatever its wording: its last
            // word is a related/read/more/also/topic word ("Related coverage:", "Lesen Sie dazu
            // auch:", "Quizás te interese:", "Nos articles sur le même thème :")
            r"^\W*(?:[\p{L}'’]+\s){0,4}(?:related|relacionad[oa]s?|relacionad|correlat[oi]|verwandt\p{L}*|also|auch|aussi|[ée]galement|tambi[ée]n|anche|tamb[ée]m|ook|te[żz]|tak[żz]e|more|mehr|plus|m[áa]s|pi[ùu]|mais|meer|wi[ęe]cej|read|lesen|lire|lisez|lee|lea|leggi|leia|lees|czytaj|interess\p{L}*|int[ée]ress\p{L}*|interes\p{L}*|th[èe]me|thema|tema|sujet|subject|topic|pictures|bilder|coverage|posts?|stories|articles|news|meldungen|nachrichten|noticias|notizie|not[íi]cias|nieuws|wiadomo[śs]ci|beitr[äa]ge|art[íi]culos|articoli|artigos|artikelen|artyku[łl]y|over|about|sobre|zum|sur)\s*:\s*\S",
            // a live ticker's teaser: "LIVE: Follow all of today's scores"
            r"^\W*(?:live|en direct|en vivo|en directo|in diretta|ao vivo|liveticker|live-ticker)\s*:\s",
        ],
    },
    LineRuleSpec {
        name: "related_teaser",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropWithNext,
        max_words: 8,
        patterns: &[
            // a bare "more from …" or "read more …" label without a sentence ending
            r"^\W*(?:mehr|more|plus|m[áa]s|pi[ùu]|mais|meer|wi[ęe]cej)\s(?:aus|from|de|du|des|da|di|van|z|zu|zum|zur|about|on|sur|sobre|over|noticias|news|nachrichten|notizie|not[íi]cias|nieuws|artikel|articles)\s[^.!?]*$",
            r"^\W*(?:read|lee|lea|lees|lies|lisez|leggi|leia|czytaj)\s(?:more|m[áa]s|meer|mehr|plus|pi[ùu]|mais|wi[ęe]cej)\s[^.!?]*$",
            r"^\W*(?:sur le m[êe]me sujet|sobre el mismo tema|zum selben thema|on the same (?:subject|topic)|sullo stesso tema|sobre o mesmo tema|over hetzelfde onderwerp|na ten sam temat)\W*$",
        ],
    },
    LineRuleSpec {
        name: "read_more",
        group: Group::Promotion,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 15,
        patterns: &[
            // a pointer to the rest elsewhere: "More information on the town's website",
            // "Download the photos in high resolution here"
            r"^\W*(?:more information|further information|weitere informationen|mehr informationen|plus d['’]informations|m[áa]s informaci[óo]n|maggiori informazioni|mais informa[çc][õo]es|meer informatie|wi[ęe]cej informacji)\s(?:on|at|auf|unter|sur|en|in|su|no|na|op|w)\s[^.!?@]*(?:web|site|seite|p[áa]gina|sito|pagina|stronie|portal)[^.!?,]*$",
            r"(?:download|descarga|t[ée]l[ée]charge|herunterlad|scarica|baixe|pobierz)\p{L}*\s(?:[^.!?]*\s)?(?:photos?|fotos?|fotograf\p{L}*|images?|im[áa]genes|bilder|immagini|imagens|zdj[ęe]cia|press kit|pressemappe|dossier de presse)",
        ],
    },
    LineRuleSpec {
        name: "photo_credit",
        group: Group::Credits,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 12,
        patterns: &[
            // credit labels in more languages, and "Fot. …": "(Imagem: …)", "Beeld: …"
            r"^\W*(?:(?:imagem|beeld|foto's|zdj[ęe]cie|immagine)\s*:|fot\.)\s[^.!?]*$",
            // an agency's code alone in parentheses: "(AgFr)"
            r"^\((?-i:\p{Lu})[\p{L}]{1,10}\)$",
        ],
    },
    // ---- structure -----------------------------------------------------------------------
    LineRuleSpec {
        name: "symbol_line",
        group: Group::Structure,
        position: Position::Anywhere,
        action: Action::DropLine,
        max_words: 10,
        patterns: &[
            // separators: "* * *", "___", "•"; but not a line that ends with a mouth: an
            // emoticon on its own line ("=)", ":-(", "^^") is the writer's own remark
            r"^[^\p{L}\p{N}]*[^\p{L}\p{N}()^]$",
            // player times and score tickers: "00:00 / 04:12", "8:09", "1:0 ... 2:1"; other
            // lines of numbers ("4,699,755", "2, 3, 5, 12") are data and stay
            r"^[\s./…-]*[0-9]+:[0-9]+(?:[\s./…-]+[0-9]+:[0-9]+)*[\s./…-]*$",
            // gallery counters: "1 / 5", "3 of 12"
            r"^\W*[0-9]+\s*(?:/|of|von|sur|de)\s*[0-9]+\W*$",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_snake_case() {
        for name in all_rule_names() {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
    }

    #[test]
    fn drop_to_end_only_in_tail() {
        for r in LINE_RULES {
            if r.action == Action::DropToEnd {
                assert_eq!(r.position, Position::Tail, "{}", r.name);
            }
        }
    }
}
