//! Unit tests of the filter stage: the seed article, each rule family in each language,
//! config errors, the example config, reports, and the idempotence/never-adds properties.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::article::{Article, Block, BlockKind, Metadata};

/// The lead's plain-text reader, reproduced: title = first line, then one paragraph block per
/// non-empty line.
fn article_from_text(text: &str) -> Article {
    let mut lines = text.lines();
    let title = lines.next().map(|l| l.trim().to_owned());
    Article {
        meta: Metadata {
            title,
            ..Metadata::default()
        },
        blocks: lines
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Block::new(BlockKind::Paragraph, l))
            .collect(),
    }
}

/// An article without metadata, made of `blocks`.
fn article_of(blocks: Vec<Block>) -> Article {
    Article {
        meta: Metadata::default(),
        blocks,
    }
}

/// An article of paragraphs only: the story set-up most rule tests share.
fn story_article(paragraphs: &[&str]) -> Article {
    article_of(
        paragraphs
            .iter()
            .map(|p| Block::new(BlockKind::Paragraph, *p))
            .collect(),
    )
}

fn lines_only_config() -> FilterConfig {
    let mut c = FilterConfig::default();
    c.quality.min_words = 0;
    c.quality.max_non_alpha_share = 1.0;
    c.quality.javascript_page = false;
    c
}

/// A filter with the default rules but no document-level rejection, so rule tests can use
/// short articles. Built once: compiling the rule set is the slow part in debug builds.
fn lines_only() -> &'static Filter {
    static FILTER: std::sync::LazyLock<Filter> =
        std::sync::LazyLock::new(|| lines_only_config().build(Path::new(".")).unwrap());
    &FILTER
}

const BODY_1: &str = "The city council voted on Tuesday to expand the bus network, adding four new routes that will connect the northern suburbs with the central station.";
const BODY_2: &str = "Officials said the first buses would run in the spring, although the budget for drivers has not yet been approved by the regional government.";
const BODY_3: &str = "Residents who attended the meeting welcomed the plan but asked for more frequent service in the evenings and on weekends.";

/// Runs `lines` (as paragraphs between/around body paragraphs at `at`) and returns the texts
/// removed with their rules.
fn removed_at(filter: &Filter, line: &str, at: Place) -> Vec<(String, String)> {
    let mut blocks = vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(BlockKind::Paragraph, BODY_3),
    ];
    let idx = match at {
        Place::Head => 0,
        Place::Middle => 1,
        Place::Tail => 3,
    };
    blocks.insert(idx, Block::new(BlockKind::Paragraph, line));
    let mut a = article_of(blocks);
    let report = filter.apply(&mut a, None).unwrap();
    report
        .removed
        .into_iter()
        .map(|r| (r.rule.into_owned(), r.text))
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Place {
    Head,
    Middle,
    Tail,
}

fn assert_dropped(filter: &Filter, rule: &str, line: &str, at: Place) {
    let removed = removed_at(filter, line, at);
    assert_eq!(
        removed,
        vec![(rule.to_owned(), line.to_owned())],
        "expected {line:?} at {at:?} to be dropped by {rule}"
    );
}

fn assert_kept(filter: &Filter, line: &str, at: Place) {
    let removed = removed_at(filter, line, at);
    assert!(
        removed.is_empty(),
        "expected {line:?} at {at:?} kept, got {removed:?}"
    );
}

// ---- the seed ---------------------------------------------------------------------------

#[test]
fn issue_2_seed_article_keeps_exactly_the_story() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article-with-boilerplate.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        // A missing fixture never passes under CI; locally, say loudly that nothing ran.
        let ci = std::env::var("CI")
            .is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
        assert!(!ci, "seed file {} is missing (CI)", path.display());
        eprintln!(
            "NOT RUN: seed file {} is missing (this fails under CI=true)",
            path.display()
        );
        return;
    };
    let mut article = article_from_text(&text);
    let all: Vec<String> = article.blocks.iter().map(|b| b.text.clone()).collect();
    let report = lines_only()
        .apply(&mut article, Some("www.thedailybeast.com"))
        .unwrap();
    let kept: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();

    // The story: every line from "SEOUL—" to the paragraph before "Read more at", minus the
    // inline related headline.
    let start = all.iter().position(|l| l.starts_with("SEOUL—")).unwrap();
    let end = all
        .iter()
        .position(|l| l.starts_with("Read more at"))
        .unwrap();
    let expected: Vec<&str> = all[start..end]
        .iter()
        .map(String::as_str)
        .filter(|l| *l != "U.S. to Enrage Kim Jong Un With Assassination Dry Run")
        .collect();
    assert_eq!(expected.len(), 19);
    assert_eq!(kept, expected, "{}", explain(&report));

    let removed: Vec<(&str, &str)> = report
        .removed
        .iter()
        .map(|r| (r.rule.as_ref(), r.text.as_str()))
        .collect();
    assert_eq!(
        removed,
        vec![
            ("reading_time", "·4 min read"),
            (
                "photo_credit",
                "Photo Illustration by Elizabeth Brockway/The Daily Beast/Getty"
            ),
            (
                "photo_credit",
                "Photo Illustration by Elizabeth Brockway/The Daily Beast/Getty"
            ),
            (
                "inline_headline",
                "U.S. to Enrage Kim Jong Un With Assassination Dry Run"
            ),
            ("read_more", "Read more at The Daily Beast."),
            (
                "newsletter",
                "Get the Daily Beast's biggest scoops and scandals delivered right to your inbox. Sign up now."
            ),
            (
                "subscribe_prompt",
                "Stay informed and gain unlimited access to the Daily Beast's unmatched reporting. Subscribe now."
            ),
        ]
    );
    assert_eq!(report.language.as_ref().unwrap().code, "en");
}

// ---- config -----------------------------------------------------------------------------

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PipelineWithFilter {
    filter: FilterConfig,
}

fn parse(toml_text: &str) -> FilterConfig {
    toml::from_str::<PipelineWithFilter>(toml_text)
        .unwrap()
        .filter
}

fn build_errors(toml_text: &str) -> Vec<String> {
    match parse(toml_text).build(Path::new(".")) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn example_toml_parses_builds_and_shows_defaults() {
    let text = include_str!("example.toml");
    let mut config = parse(text);
    config.build(Path::new(".")).unwrap();
    assert_eq!(config.rules.len(), 2);
    config.rules.clear();
    assert_eq!(config, FilterConfig::default());
}

#[test]
fn empty_filter_table_is_the_default() {
    assert_eq!(parse("[filter]\n"), FilterConfig::default());
}

#[test]
fn unknown_keys_are_rejected() {
    for bad in [
        "[filter]\nkeep_remove = true\n",
        "[filter.quality]\nmin_word = 3\n",
        "[filter.builtin]\nadverts = false\n",
        "[[filter.rules]]\nname = \"x\"\nphrase = \"y\"\nposition = \"middle\"\n",
        "[[filter.rules]]\nname = \"x\"\nphrase = \"y\"\nactoin = \"drop_line\"\n",
    ] {
        assert!(toml::from_str::<PipelineWithFilter>(bad).is_err(), "{bad}");
    }
}

#[test]
fn build_collects_every_semantic_error_with_its_key_path() {
    let errors = build_errors(
        r#"
[filter]
disable = ["photo_credit", "photo_credt"]
[[filter.rules]]
name = "ok"
phrase = "fine"
[[filter.rules]]
name = "ok"
pattern = "("
hosts = ["exa mple.com"]
[[filter.rules]]
name = "both"
pattern = "a"
phrase = "b"
action = "drop_to_end"
[filter.quality]
max_non_alpha_share = 1.5
[filter.language]
allow = ["en", "klingon"]
[filter.dedup]
threshold = 0.0
num_hashes = 100
"#,
    );
    assert_eq!(
        errors,
        vec![
            "filter.disable[1]: unknown built-in rule \"photo_credt\"",
            "filter.rules[1].name: rule name \"ok\" is already used",
            "filter.rules[1].pattern: invalid regex \"(\"",
            "filter.rules[1].hosts[0]: invalid host pattern \"exa mple.com\", expected \"example.com\", \"*.example.com\" or \"*\"",
            "filter.rules[2]: set exactly one of `pattern` or a non-empty `phrase`",
            "filter.rules[2].action: action \"drop_to_end\" needs position \"tail\", not \"anywhere\"",
            "filter.quality.max_non_alpha_share: 1.5 is out of range, expected 0.0..=1.0",
            "filter.language.allow[1]: unknown language code \"klingon\"",
            "filter.dedup.threshold: 0 is out of range, expected 0.0 < threshold <= 1.0",
            "filter.dedup.num_hashes: 100 is out of range, expected a positive multiple of filter.dedup.bands",
        ]
    );
}

#[test]
fn invalid_regex_keeps_the_cause_as_source() {
    let errs = parse("[[filter.rules]]\nname = \"x\"\npattern = \"(\"\n")
        .build(Path::new("."))
        .unwrap_err();
    let source = std::error::Error::source(&errs[0]).unwrap().to_string();
    assert!(source.contains("unclosed group"), "{source}");
}

#[test]
fn user_rule_cannot_take_a_builtin_name() {
    let errors = build_errors("[[filter.rules]]\nname = \"read_more\"\nphrase = \"x\"\n");
    assert_eq!(
        errors,
        vec!["filter.rules[0].name: rule name \"read_more\" is already used"]
    );
}

#[test]
fn missing_profiles_file_is_an_error_naming_the_key() {
    let errors = build_errors("[filter.site_profiles]\npath = \"does-not-exist.json\"\n");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("filter.site_profiles.path: cannot load"),
        "{}",
        errors[0]
    );
}

#[test]
fn filter_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Filter>();
}

// ---- rule families: positive and negative cases per language ---------------------------

/// (rule, line, place) that must be dropped.
const DROPPED: &[(&str, &str, Place)] = &[
    // call_to_action: an e-book offer
    (
        "call_to_action",
        "Download our free e-book on composting",
        Place::Tail,
    ),
    // share_prompt: a named account
    (
        "share_prompt",
        "Follow The Harbor Times on Twitter and Instagram @harbortimes",
        Place::Tail,
    ),
    // byline: Q&A site stamp
    ("byline", "asked Mar 3, 2015 at 14:02", Place::Middle),
    ("disclaimer", "(Alle Angaben ohne Gewähr)", Place::Middle),
    // app_prompt
    (
        "app_prompt",
        "For breaking news alerts download the Harbor Times apps for iOS and Android.",
        Place::Tail,
    ),
    (
        "app_prompt",
        "Get the latest headlines straight to your phone with the Harbor Times app.",
        Place::Middle,
    ),
    (
        "app_prompt",
        "¿Sabías que tenemos canal de Telegram? Únete desde tu móvil.",
        Place::Tail,
    ),
    // support_prompt
    (
        "support_prompt",
        "Subscribe now to our print edition for the full story.",
        Place::Middle,
    ),
    (
        "support_prompt",
        "Hazte miembro y disfruta de beneficios exclusivos.",
        Place::Middle,
    ),
    (
        "support_prompt",
        "If you enjoyed reading this article, would you consider supporting our work?",
        Place::Tail,
    ),
    (
        "support_prompt",
        "Immer informiert bleiben mit unserem Wochenbrief. Jetzt anmelden!",
        Place::Middle,
    ),
    (
        "support_prompt",
        "Zapraszamy do subskrypcji naszego tygodnika.",
        Place::Tail,
    ),
    ("support_prompt", "会員の方はこちら", Place::Tail),
    // letters_prompt
    (
        "letters_prompt",
        "We want to hear what you think about this story. Send us a letter to the editor.",
        Place::Tail,
    ),
    (
        "letters_prompt",
        "Submit comments on this post to the author by email.",
        Place::Tail,
    ),
    // share_prompt (blog widgets)
    ("share_prompt", "Teilen Sie dies mit:", Place::Tail),
    ("share_prompt", "Gefällt mir Wird geladen …", Place::Tail),
    // post_meta
    (
        "post_meta",
        "This entry was posted in General. Bookmark the permalink.",
        Place::Tail,
    ),
    (
        "post_meta",
        "Der Beitrag wurde am Montag, den 4. März 2019 um 10:12 Uhr veröffentlicht und wurde unter Allgemein abgelegt.",
        Place::Tail,
    ),
    ("post_meta", "Kommentare insgesamt: 3", Place::Tail),
    ("post_meta", "opublikowano: 2021-05-02 10:11", Place::Head),
    (
        "post_meta",
        "Ouest Matin | 12.03.2019 à 08h10 • Mis à jour le 12.03.2019 à 19h02",
        Place::Head,
    ),
    // byline with a date, anywhere
    ("byline", "On 4/2/2019 by @janedoe", Place::Middle),
    // affiliate_disclosure
    (
        "affiliate_disclosure",
        "Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler.",
        Place::Middle,
    ),
    // licence_notice
    (
        "licence_notice",
        "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-SA 4.0.",
        Place::Tail,
    ),
    // embed_consent
    (
        "embed_consent",
        "Wir respektieren deine Privatsphäre und laden Inhalte von Twitter erst nach deiner Zustimmung.",
        Place::Middle,
    ),
    (
        "embed_consent",
        "Informujemy, że korzystamy z cookies.",
        Place::Tail,
    ),
    // server_error
    (
        "server_error",
        "Warning: Undefined variable $post in /var/www/html/wp-content/theme.php on line 12",
        Place::Middle,
    ),
    // disclaimer
    ("disclaimer", "(Alle Angaben ohne Gewähr)", Place::Tail),
    // navigation: PDF links, image widgets
    ("navigation", "Originalbeitrag als PDF", Place::Tail),
    ("navigation", "Bild anzeigen Bild schließen", Place::Middle),
    (
        "image_widget",
        "Vergrößern Die neue Halle am Hafen im Abendlicht.",
        Place::Middle,
    ),
    // related_teaser: Spanish and Polish labels, cut-off teasers in the tail
    (
        "related_teaser",
        "MIRA: El alcalde inaugura el nuevo mercado municipal",
        Place::Middle,
    ),
    (
        "related_teaser",
        "Vorschau auf den nächsten Artikel",
        Place::Tail,
    ),
    (
        "related_teaser",
        "Mayor Promises New Bridge Before Winter, Says Work Will…",
        Place::Tail,
    ),
    // advertisement label with its teaser
    (
        "advertisement",
        "ANZEIGE - Heute schon an morgen gedacht? Jetzt vergleichen:",
        Place::Middle,
    ),
    // photo_credit
    ("photo_credit", "Photo: Reuters", Place::Middle),
    (
        "photo_credit",
        "Photo Illustration by Jane Roe/The Ledger/Getty",
        Place::Head,
    ),
    ("photo_credit", "Foto: dpa/Christoph Soeder", Place::Middle),
    ("photo_credit", "Bild: Keystone", Place::Head),
    (
        "photo_credit",
        "Crédit photo : Éditions du Seuil",
        Place::Head,
    ),
    ("photo_credit", "© Thomas Samson / AFP", Place::Head),
    ("photo_credit", "Foto: EFE/Mariscal", Place::Head),
    ("photo_credit", "Imagen | Samsung", Place::Head),
    (
        "photo_credit",
        "Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.",
        Place::Middle,
    ),
    ("photo_credit", "(Symbolbild)", Place::Middle),
    (
        "photo_credit",
        "Image illustrative : Lego Minifigures by Ninja Brick",
        Place::Middle,
    ),
    (
        "photo_credit",
        "Paris Haute Couture SS14, Serkan Cura, Bild via",
        Place::Head,
    ),
    // wire_credit
    (
        "wire_credit",
        "Reporting by Kiyoshi Takenaka; Editing by Sonali Paul",
        Place::Tail,
    ),
    ("wire_credit", "Mit Material von dpa und AFP", Place::Tail),
    ("wire_credit", "Avec AFP", Place::Tail),
    ("wire_credit", "Con información de EFE", Place::Tail),
    // reading_time
    ("reading_time", "·4 min read", Place::Head),
    ("reading_time", "Lesezeit: 3 Min.", Place::Head),
    ("reading_time", "Temps de lecture : 3 min", Place::Head),
    ("reading_time", "3 minutos de lectura", Place::Head),
    // byline (head only)
    ("byline", "By Maria Gonzalez", Place::Head),
    ("byline", "Von Sabine Krause", Place::Head),
    ("byline", "Par Claire Dubois", Place::Head),
    ("byline", "Por Ana García", Place::Head),
    // timestamp
    (
        "timestamp",
        "Published March 4, 2025 at 6:12 p.m. ET",
        Place::Head,
    ),
    ("timestamp", "Aktualisiert am 04.02.2025", Place::Head),
    ("timestamp", "Publié le 15 mars 2025 à 07h45", Place::Head),
    (
        "timestamp",
        "Actualizado el 12 de abril de 2025, 23:41",
        Place::Head,
    ),
    // read_more
    ("read_more", "Read more at The Daily Beast.", Place::Tail),
    ("read_more", "Weiterlesen", Place::Middle),
    ("read_more", "Lire la suite", Place::Middle),
    ("read_more", "Leer más", Place::Middle),
    // related_teaser
    (
        "related_teaser",
        "Related: Voters reject school bond for third time",
        Place::Middle,
    ),
    (
        "related_teaser",
        "Mehr zum Thema: Was Fahrgäste jetzt wissen müssen",
        Place::Middle,
    ),
    (
        "related_teaser",
        "À lire aussi : Grève du 15 mars, les lignes touchées",
        Place::Middle,
    ),
    (
        "related_teaser",
        "Te puede interesar: Quién es quién en el Congreso",
        Place::Middle,
    ),
    // newsletter
    (
        "newsletter",
        "Sign up for our daily newsletter to get the news in your inbox.",
        Place::Middle,
    ),
    (
        "newsletter",
        "Jetzt den Newsletter abonnieren",
        Place::Middle,
    ),
    (
        "newsletter",
        "Abonnez-vous à notre newsletter",
        Place::Middle,
    ),
    ("newsletter", "Suscríbete a nuestro boletín", Place::Middle),
    // subscribe_prompt (edges)
    ("subscribe_prompt", "Subscribe now.", Place::Tail),
    (
        "subscribe_prompt",
        "Jetzt abonnieren und weiterlesen.",
        Place::Tail,
    ),
    (
        "subscribe_prompt",
        "Déjà abonné ? Se connecter",
        Place::Tail,
    ),
    (
        "subscribe_prompt",
        "Suscríbete para seguir leyendo",
        Place::Tail,
    ),
    // share_prompt
    ("share_prompt", "Share this article", Place::Tail),
    ("share_prompt", "Facebook Twitter Email", Place::Middle),
    ("share_prompt", "Diesen Artikel teilen", Place::Tail),
    ("share_prompt", "Partager sur Facebook", Place::Tail),
    ("share_prompt", "Síguenos en Twitter", Place::Tail),
    (
        "share_prompt",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook @GleanerJamaica. Send us a message on WhatsApp at 1-876-499-0169 or email us at onlinefeedback@gleanerjm.com.",
        Place::Middle,
    ),
    ("share_prompt", "Drucken etc.", Place::Tail),
    ("share_prompt", "PDF", Place::Middle),
    (
        "read_more",
        "Learn how to build fast, production-ready Docker images—read the rest of the Docker packaging guide for Python.",
        Place::Tail,
    ),
    (
        "related_teaser",
        "Discover our latest editorial picks",
        Place::Head,
    ),
    // social_counter
    ("social_counter", "1.2K likes", Place::Head),
    ("social_counter", "3.400 Aufrufe", Place::Head),
    // advertisement
    ("advertisement", "Advertisement", Place::Middle),
    ("advertisement", "Anzeige", Place::Middle),
    ("advertisement", "Publicité", Place::Middle),
    ("advertisement", "Publicidad", Place::Middle),
    (
        "advertisement",
        "Story continues below advertisement",
        Place::Middle,
    ),
    // affiliate_disclosure
    (
        "affiliate_disclosure",
        "This post may contain affiliate links.",
        Place::Head,
    ),
    (
        "affiliate_disclosure",
        "*Affiliate-Link: Wir erhalten beim Kauf eine Provision.",
        Place::Tail,
    ),
    // cookie_notice
    (
        "cookie_notice",
        "This site uses cookies to improve your experience.",
        Place::Tail,
    ),
    (
        "cookie_notice",
        "Wir verwenden Cookies, um Ihnen ein optimales Erlebnis zu bieten.",
        Place::Tail,
    ),
    (
        "cookie_notice",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        Place::Middle,
    ),
    (
        "cookie_notice",
        "Utilizamos cookies propias y de terceros.",
        Place::Tail,
    ),
    // copyright_footer
    (
        "copyright_footer",
        "© 2025 Lakeside Courier. All rights reserved.",
        Place::Tail,
    ),
    ("copyright_footer", "Alle Rechte vorbehalten.", Place::Tail),
    (
        "copyright_footer",
        "Tous droits réservés - Lettres et Idées 2025",
        Place::Tail,
    ),
    (
        "copyright_footer",
        "Todos los derechos reservados.",
        Place::Tail,
    ),
    // javascript_notice
    (
        "javascript_notice",
        "Please enable JavaScript to view this content.",
        Place::Middle,
    ),
    (
        "javascript_notice",
        "Bitte aktivieren Sie JavaScript in Ihrem Browser.",
        Place::Middle,
    ),
    // originally_appeared (edges)
    (
        "originally_appeared",
        "This article was originally published on The Conversation.",
        Place::Tail,
    ),
    (
        "originally_appeared",
        "Dieser Artikel erschien zuerst bei Zeit Online.",
        Place::Tail,
    ),
    (
        "originally_appeared",
        "Cet article a été initialement publié dans Le Monde.",
        Place::Tail,
    ),
    (
        "originally_appeared",
        "Este artículo fue publicado originalmente en El País.",
        Place::Tail,
    ),
    // comment_prompt
    ("comment_prompt", "Leave a comment", Place::Tail),
    (
        "comment_prompt",
        "Schreiben Sie einen Kommentar",
        Place::Tail,
    ),
    ("comment_prompt", "Laisser un commentaire", Place::Tail),
    ("comment_prompt", "Deja un comentario", Place::Tail),
    (
        "comment_prompt",
        "Your email address will not be published.",
        Place::Middle,
    ),
    // navigation
    ("navigation", "Tags: ci, rust, performance", Place::Tail),
    ("navigation", "Schlagworte: Bahn, Streik", Place::Tail),
    ("navigation", "Retour en haut de la page", Place::Tail),
    ("navigation", "Etiquetas: cine, estrenos", Place::Tail),
    ("navigation", "Home › News › World", Place::Head),
    // recipe_ui
    ("recipe_ui", "Jump to Recipe", Place::Head),
    ("recipe_ui", "Rezept drucken", Place::Middle),
    ("recipe_ui", "Imprimer la recette", Place::Middle),
    ("recipe_ui", "Imprimir receta", Place::Middle),
    // press_release, tip_prompt, disclaimer
    (
        "press_release",
        "NEW YORK, NY / ACCESSWIRE / May 7, 2025 /",
        Place::Head,
    ),
    ("tip_prompt", "Got a tip? Send it to us here.", Place::Tail),
    (
        "disclaimer",
        "The views expressed here are the writer's own.",
        Place::Tail,
    ),
    // chrome labels in the middle of the text
    (
        "comment_prompt",
        "Sie sind aktuell nicht eingeloggt.",
        Place::Middle,
    ),
    (
        "comment_prompt",
        "You must be logged in to post a comment.",
        Place::Middle,
    ),
    (
        "navigation",
        "Es werden die Weine 1 bis 10 von insgesamt 19 angezeigt!",
        Place::Middle,
    ),
    ("navigation", "Showing 1–10 of 19 results", Place::Middle),
    (
        "navigation",
        "Informationsschreiben vom 14. Oktober 2021 PDF | 38 KB",
        Place::Middle,
    ),
    ("navigation", "Aktuelle Ausgabe", Place::Middle),
    ("navigation", "Quellenangaben:", Place::Middle),
    ("post_meta", "Release Date:", Place::Middle),
    ("post_meta", "ERSCHIENEN IN", Place::Middle),
    (
        "post_meta",
        "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Allgemein, Region Halle - Leipzig, Tastings & Events, Veranstaltungskalender abgelegt. Du kannst die Kommentare zu diesen Eintrag durch den RSS 2.0 Feed verfolgen. Kommentare sind derzeit geschlossen, aber Du kannst dennoch einen Trackback auf deiner Seite einrichten.",
        Place::Tail,
    ),
    (
        "post_meta",
        "Life is not digital. Zeige alle Beiträge von Cem Basman",
        Place::Tail,
    ),
    (
        "navigation",
        "Permalien https://p.dw.com/p/RPYx",
        Place::Middle,
    ),
    (
        "read_more",
        "Auskunft über vergangenes Wetter… mehr •••",
        Place::Middle,
    ),
    (
        "read_more",
        "Hier geht es zur neuen Vorstandsstruktur",
        Place::Middle,
    ),
    (
        "read_more",
        "Alles über nachhaltige Wanderschuhe findest Du hier.",
        Place::Middle,
    ),
    (
        "related_teaser",
        "Audios et vidéos sur le sujet",
        Place::Middle,
    ),
    ("related_teaser", "meist-diskutiert", Place::Middle),
    ("related_teaser", "Auch auf gofeminin.de", Place::Middle),
    // mixed_script
    (
        "mixed_script",
        "Аdvеrtіѕе wіth thе most visited news site ~ Yоur соntеnt іѕ dеlіvеrеd іnѕtаntlу!",
        Place::Middle,
    ),
    // structure
    ("symbol_line", "* * *", Place::Middle),
    ("symbol_line", "***", Place::Middle),
    ("symbol_line", "•", Place::Tail),
    ("edge_label", "Opinion", Place::Head),
    ("edge_label", "Mehr Hamburg", Place::Tail),
];

/// (line, place) that must be kept: story sentences that resemble boilerplate.
const KEPT: &[(&str, Place)] = &[
    // reported speech that urges: who said it makes it story, whatever it urges
    (
        "Join the cooperative and support the shop, the chair argued at the members' meeting, and it may yet reopen.",
        Place::Middle,
    ),
    (
        "Subscribe to the shop the way you subscribe to a magazine, the chair argued, and it survives.",
        Place::Middle,
    ),
    // "Facebook" holds no e-book: a dek on the company is story
    (
        "Get ready to analyze everything Facebook executives say about monetization, growth, ad rates, and that pesky mobile strategy.",
        Place::Middle,
    ),
    // story sentences near the new rules' words
    (
        "The app was downloaded two million times in its first week, the company said.",
        Place::Middle,
    ),
    (
        "The mayor said the update to the plan would come on 3 May.",
        Place::Tail,
    ),
    (
        "Residents can download the report from the council's website.",
        Place::Middle,
    ),
    (
        "Bald darauf wurde bekannt, dass der Händler eine Provision von zehn Prozent verlangt hatte, was die Kunden empörte.",
        Place::Head,
    ),
    (
        "The story ended, as all good stories do, with a long silence…",
        Place::Middle,
    ),
    ("Dr. Müller leitet die Klinik seit 2019.", Place::Middle),
    // quoted speech mentioning subscriptions, photos, cookies
    (
        "“Subscribe now,” she said, “before the prices go up again.”",
        Place::Tail,
    ),
    (
        "„Jetzt abonnieren“, rief der Verkäufer den Passanten zu.",
        Place::Tail,
    ),
    (
        "« Abonnez-vous », lance-t-il en souriant aux clients du marché.",
        Place::Tail,
    ),
    (
        "—Suscríbete ya —dijo el vendedor a los turistas.",
        Place::Tail,
    ),
    // an edge-only phrase in the middle of the story
    ("Subscribe now.", Place::Middle),
    ("Jetzt abonnieren.", Place::Middle),
    (
        "Abonnez-vous à l'idée que le recyclage est rentable, ironise un investisseur.",
        Place::Middle,
    ),
    // sentences about photos
    (
        "Photos shared on social media showed flames rising above the roof.",
        Place::Middle,
    ),
    (
        "Fotos von Innenräumen wirkten in unserem Test oft zu warm.",
        Place::Middle,
    ),
    (
        "Les photos prises par les habitants montrent des rues inondées.",
        Place::Middle,
    ),
    (
        "Las fotos que hicimos durante la presentación muestran un acabado mate.",
        Place::Middle,
    ),
    // sentences starting with rule words
    (
        "By the end of the week, the council had approved the plan.",
        Place::Head,
    ),
    (
        "Share prices of the company rose 2% on the news.",
        Place::Middle,
    ),
    (
        "Advertising revenue fell by a fifth last year, the company said.",
        Place::Middle,
    ),
    (
        "Comments from the minister drew criticism from the opposition.",
        Place::Middle,
    ),
    (
        "More than 3,000 police officers were on duty in the city centre.",
        Place::Tail,
    ),
    (
        "Abonnieren können Bürger die Protokolle künftig auch per E-Mail.",
        Place::Middle,
    ),
    (
        "Más información en la web del Ministerio de Sanidad, que actualiza los avisos.",
        Place::Tail,
    ),
    ("Quelle: Science, DOI 10.1126/science.aar4975", Place::Tail),
    // Latin and Cyrillic side by side, each word in one script
    (
        "Der Name der Stadt Kyjiw (Київ) wird seit 1995 so transkribiert.",
        Place::Middle,
    ),
    // near misses of the promo lines
    (
        "Follow the money, investigators told the committee on Tuesday.",
        Place::Middle,
    ),
    (
        "I could not wait to read the rest of the book that night.",
        Place::Tail,
    ),
    (
        "Our editors picked the ten best phones of the year for this test.",
        Place::Head,
    ),
    ("PDF: Ratschläge geben", Place::Middle),
    // a long closing paragraph that mentions the post and its comments
    (
        "Der Beitrag wurde am Montag im Gemeindeblatt veröffentlicht, nachdem der Verein nach langer Debatte zugestimmt hatte. Die Leserbriefe, die seither in der Redaktion eingegangen sind, waren überwiegend freundlich und sachlich, und viele Leser fragten nach weiteren Terminen für die Führungen durch den alten Wasserturm am Stadtrand.",
        Place::Tail,
    ),
    // near misses of the link chrome
    (
        "Erschienen in der Reihe sind bisher drei Bände.",
        Place::Middle,
    ),
    ("Das Konzeptpapier finden Sie hier:", Place::Middle),
    (
        "Hier geht es zur Sache: Der Rat stimmt am Montag ab.",
        Place::Middle,
    ),
    (
        "Die Videos zum Thema Klima laufen ab Montag im Programm.",
        Place::Middle,
    ),
    // near misses of the chrome labels
    (
        "Sie sind aktuell nicht gut auf die Regierung zu sprechen, sagte der Sprecher.",
        Place::Middle,
    ),
    (
        "Von 1 bis 10 von 19 Weinen waren alle aus dem Jahrgang 2020.",
        Place::Middle,
    ),
    (
        "Die Quellen: ein Archiv in Wien und zwei Tagebücher.",
        Place::Middle,
    ),
    (
        "Release date: the studio has not named one yet.",
        Place::Middle,
    ),
    // near misses of the image-label and "via" credits
    (
        "Das Beitragsbild zeigt die Halle kurz nach der Eröffnung im Mai.",
        Place::Middle,
    ),
    (
        "Sie schickte uns die Bilder via WhatsApp, noch bevor die Feuerwehr eintraf.",
        Place::Middle,
    ),
    (
        "Die Marke © Acme ist eingetragen, sagte der Anwalt vor Gericht.",
        Place::Middle,
    ),
    // short dialogue
    ("“No,” he said.", Place::Tail),
    // an emoticon on its own line closes a blog post
    ("=)", Place::Tail),
    (":-(", Place::Middle),
    ("^^", Place::Tail),
    (
        "— Pas vraiment. Mais je n'avais rien à perdre.",
        Place::Middle,
    ),
    // a long story sentence that mentions newsletters
    (
        "Substack newsletters have become a lucrative business for some writers, and readers increasingly pay to subscribe to more than one of them each year.",
        Place::Middle,
    ),
];

#[test]
fn rule_families_drop_their_lines() {
    for &(rule, line, at) in DROPPED {
        assert_dropped(lines_only(), rule, line, at);
    }
}

#[test]
fn rule_families_keep_story_lines() {
    for &(line, at) in KEPT {
        assert_kept(lines_only(), line, at);
    }
}

#[test]
fn inline_headline_only_between_paragraphs_and_never_headings() {
    let f = lines_only();
    let headline = "Senate Hopefuls Scramble to Distance Themselves From Party Leader";
    assert_dropped(f, "inline_headline", headline, Place::Middle);
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Heading(2), headline),
        Block::new(BlockKind::Paragraph, BODY_2),
    ]);
    assert!(f.apply(&mut a, None).unwrap().removed.is_empty());
    // sentence case subheading as a paragraph stays
    assert_kept(f, "The road ahead for the bus network", Place::Middle);
}

#[test]
fn inline_headline_spares_a_run_of_section_headings() {
    let f = lines_only();
    let lone = "Why the Fed Is Holding Rates Steady for Now";
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(
            BlockKind::Paragraph,
            "Living Crafts – Faire Strickmode in Bio-Qualität",
        ),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(
            BlockKind::Paragraph,
            "Jan’n June – Fairer Strick Made in Europe",
        ),
        Block::new(BlockKind::Paragraph, BODY_3),
    ]);
    assert!(f.apply(&mut a, None).unwrap().removed.is_empty());
    assert_eq!(a.blocks.len(), 5);
    // near miss: the same article with one such line loses it
    let mut b = story_article(&[BODY_1, lone, BODY_2, BODY_3]);
    let r = f.apply(&mut b, None).unwrap();
    let rules: Vec<&str> = r.removed.iter().map(|r| r.rule.as_ref()).collect();
    assert_eq!(rules, ["inline_headline"]);
}

#[test]
fn inline_headline_sees_through_removed_neighbours() {
    let f = lines_only();
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, "Photo: Reuters"),
        Block::new(
            BlockKind::Paragraph,
            "Why the Fed Is Holding Rates Steady for Now",
        ),
        Block::new(BlockKind::Paragraph, BODY_2),
    ]);
    let r = f.apply(&mut a, None).unwrap();
    let rules: Vec<&str> = r.removed.iter().map(|r| r.rule.as_ref()).collect();
    assert_eq!(rules, ["photo_credit", "inline_headline"]);
}

#[test]
fn duplicate_block_drops_later_copies_only() {
    let f = lines_only();
    let repeated = "The mayor said the decision was final and would not be revisited.";
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, repeated),
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Quote, repeated),
        Block::new(BlockKind::ListItem, "2 eggs"),
        Block::new(BlockKind::ListItem, "2 eggs"),
    ]);
    let r = f.apply(&mut a, None).unwrap();
    assert_eq!(r.removed.len(), 1);
    assert_eq!(r.removed[0].rule, "duplicate_block");
    assert_eq!(r.removed[0].index, 2);
}

#[test]
fn related_label_takes_its_headline_along() {
    let f = lines_only();
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, "Lire aussi"),
        Block::new(
            BlockKind::Paragraph,
            "Encadrement des loyers : ce qui change au 1er juillet",
        ),
        Block::new(BlockKind::Paragraph, BODY_2),
    ]);
    let r = f.apply(&mut a, None).unwrap();
    assert_eq!(r.removed.len(), 2);
    assert!(r.removed.iter().all(|r| r.rule == "related_teaser"));
}

/// The cues' soft tail: after the body's last full paragraph, a short note goes even when a
/// short closing sentence of the story follows it; that sentence stays, and so does a note of
/// the same wording between full paragraphs.
#[test]
fn soft_tail_takes_short_notes_after_the_last_full_paragraph() {
    let note = "Transcript edited for length and clarity.";
    let coda = "The hives go back on the roof in April.";
    let mut a = story_article(&[BODY_1, BODY_2, note, coda]);
    let report = lines_only().apply(&mut a, None).unwrap();
    let removed: Vec<_> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, vec![note]);
    assert!(a.blocks.iter().any(|b| b.text == coda));
    // between two full paragraphs the strict zones apply: a closing note's wording in the
    // body is no closing note
    let mut b = story_article(&[BODY_1, note, BODY_2]);
    let report = lines_only().apply(&mut b, None).unwrap();
    assert!(report.removed.is_empty(), "{:?}", report.removed);
}

#[test]
fn related_rail_in_tail_is_cut_to_the_end() {
    let f = lines_only();
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(BlockKind::Heading(2), "More from Pitchside"),
        Block::new(
            BlockKind::Paragraph,
            "Redmoor boss refuses to blame referee",
        ),
        Block::new(BlockKind::ListItem, "Five things we learned from the final"),
    ]);
    let r = f.apply(&mut a, None).unwrap();
    assert_eq!(r.removed.len(), 3);
    assert_eq!(a.blocks.len(), 2);
}

#[test]
fn title_repeat_drops_the_headline_at_the_top() {
    let f = lines_only();
    let mut a = Article {
        meta: Metadata {
            title: Some("Firefighters Battle Blaze".into()),
            ..Metadata::default()
        },
        blocks: vec![
            Block::new(BlockKind::Heading(1), "Firefighters battle blaze"),
            Block::new(BlockKind::Paragraph, BODY_1),
        ],
    };
    let r = f.apply(&mut a, None).unwrap();
    assert_eq!(r.removed[0].rule, "title_repeat");
}

#[test]
fn code_and_table_rows_are_never_touched_by_builtins() {
    let f = lines_only();
    let mut a = article_of(vec![
        Block::new(BlockKind::Code, "Advertisement"),
        Block::new(BlockKind::TableRow, "1 | 2 | 3"),
        Block::new(BlockKind::Paragraph, BODY_1),
    ]);
    assert!(f.apply(&mut a, None).unwrap().removed.is_empty());
}

#[test]
fn disabled_rules_and_groups_do_not_fire() {
    let mut c = lines_only_config();
    // a short credit between paragraphs is also the `credit_line` cue's
    c.disable = vec![
        "photo_credit".into(),
        "credit_line".into(),
        "inline_headline".into(),
    ];
    c.builtin.ads = false;
    // the line model is a separate opinion with its own switch (it takes "Advertisement")
    c.builtin.learned = false;
    let f = c.build(Path::new(".")).unwrap();
    assert_kept(&f, "Photo: Reuters", Place::Middle);
    assert_kept(&f, "Advertisement", Place::Middle);
    assert_kept(
        &f,
        "Why the Fed Is Holding Rates Steady for Now",
        Place::Middle,
    );
    assert_dropped(
        &f,
        "read_more",
        "Read more at The Daily Beast.",
        Place::Tail,
    );
}

// ---- user rules --------------------------------------------------------------------------

fn with_rules(toml_rules: &str) -> Filter {
    let mut c = parse(&format!("[filter]\n{toml_rules}"));
    c.quality = lines_only_config().quality;
    c.build(Path::new(".")).unwrap()
}

#[test]
fn user_phrase_rule_with_hosts_and_position() {
    // the built-in widget cue would take the line at the edges; this tests the user rule
    let f = with_rules(
        r#"
disable = ["widget_line"]
[[filter.rules]]
name = "courier_app"
phrase = "the   COURIER on your phone"
hosts = ["courier.example"]
position = "tail"
"#,
    );
    let line = "The Courier on your phone for breaking news alerts";
    let run = |host: Option<&str>, at: usize| {
        let mut blocks = vec![
            Block::new(BlockKind::Paragraph, BODY_1),
            Block::new(BlockKind::Paragraph, BODY_2),
        ];
        blocks.insert(at, Block::new(BlockKind::Paragraph, line));
        let mut a = article_of(blocks);
        f.apply(&mut a, host)
            .unwrap()
            .removed
            .iter()
            .map(|r| r.rule.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(Some("www.courier.example"), 2), ["courier_app"]);
    assert_eq!(run(Some("m.courier.example"), 2), ["courier_app"]);
    assert!(run(Some("other.example"), 2).is_empty());
    assert!(run(None, 2).is_empty());
    assert!(
        run(Some("courier.example"), 1).is_empty(),
        "middle is not tail"
    );
}

#[test]
fn user_regex_rule_respects_max_words_and_quotes() {
    let f = with_rules(
        r#"
[[filter.rules]]
name = "filed_by"
pattern = '^\(?filed by'
max_words = 12
"#,
    );
    assert_dropped(
        &f,
        "filed_by",
        "(Filed by Jane Doe in Berlin)",
        Place::Middle,
    );
    let long = "Filed by the local paper in the spring, the complaint said the plant had leaked for years.";
    assert_kept(&f, long, Place::Middle);
}

#[test]
fn user_between_paragraphs_rule() {
    // the built-in widget cue would take the line at the edges; this tests the user rule
    let f = with_rules(
        r#"
disable = ["widget_line"]
[[filter.rules]]
name = "promo_box"
phrase = "special offer"
position = "between_paragraphs"
"#,
    );
    assert_dropped(
        &f,
        "promo_box",
        "Special offer for readers this week",
        Place::Middle,
    );
    assert_kept(&f, "Special offer for readers this week", Place::Head);
}

// ---- site profiles through the filter ---------------------------------------------------

#[test]
fn site_profile_lines_are_dropped_on_their_host_only() {
    let footer = "The Courier is an independent newspaper owned by its readers";
    let quote = "We will not back down, the mayor said on Tuesday evening";
    let mut pages: Vec<(Option<String>, Vec<String>)> = (0..8)
        .map(|i| {
            (
                Some("www.courier.example".to_owned()),
                vec![format!("Story {i} about the budget."), footer.to_owned()],
            )
        })
        .collect();
    // the quote repeats across two articles only
    pages[0].1.push(quote.to_owned());
    pages[1].1.push(quote.to_owned());
    let profiles = learn(pages.into_iter(), 3, 0.5);
    let dir = tempfile::tempdir().unwrap();
    profiles.save(&dir.path().join("profiles.json")).unwrap();

    let mut c = lines_only_config();
    c.site_profiles.path = Some("profiles.json".into());
    c.site_profiles.min_pages = 3;
    let f = c.build(dir.path()).unwrap();
    let article = || {
        article_of(vec![
            Block::new(BlockKind::Paragraph, BODY_1),
            Block::new(BlockKind::Paragraph, quote),
            Block::new(BlockKind::Paragraph, footer),
            Block::new(BlockKind::Heading(2), footer),
        ])
    };
    let mut a = article();
    let r = f.apply(&mut a, Some("courier.example")).unwrap();
    assert_eq!(r.removed.len(), 1);
    assert_eq!(r.removed[0].rule, "site_profile");
    assert_eq!(r.removed[0].text, footer);
    let mut b = article();
    assert!(
        f.apply(&mut b, Some("other.example"))
            .unwrap()
            .removed
            .is_empty()
    );
}

// ---- document level ----------------------------------------------------------------------

fn default_filter() -> &'static Filter {
    static FILTER: std::sync::LazyLock<Filter> =
        std::sync::LazyLock::new(|| FilterConfig::default().build(Path::new(".")).unwrap());
    &FILTER
}

/// The config with `[filter.quality] preset = "dataset"`.
fn dataset_config() -> FilterConfig {
    toml::from_str("[quality]\npreset = \"dataset\"\n").unwrap()
}

#[test]
fn min_words_rejects_short_documents_with_a_readable_reason() {
    let mut a = story_article(&["Photo: Reuters", "The council met on Tuesday and agreed."]);
    let err = default_filter().apply(&mut a, None).unwrap_err();
    assert_eq!(err.to_string(), "quality.min_words: 9 words < 25");
    assert_eq!(err.rule(), "quality.min_words");
}

#[test]
fn default_filter_keeps_a_normal_story_and_reports_language() {
    let mut a = story_article(&[BODY_1, BODY_2, BODY_3]);
    let r = default_filter().apply(&mut a, None).unwrap();
    let lang = r.language.unwrap();
    assert_eq!(lang.code, "en");
    assert!(lang.confidence > 0.5);
}

#[test]
fn lorem_ipsum_and_javascript_pages_are_rejected() {
    let mut a = story_article(&[
        BODY_1,
        BODY_2,
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    ]);
    assert!(default_filter().apply(&mut a.clone(), None).is_ok());
    assert_eq!(
        dataset_config()
            .build(Path::new("."))
            .unwrap()
            .apply(&mut a, None)
            .unwrap_err(),
        DocumentRejected::LoremIpsum
    );

    let mut js = story_article(&[
        "Please enable JavaScript to view this page.",
        "This site requires a modern browser with scripts turned on to work correctly.",
    ]);
    assert!(default_filter().apply(&mut js.clone(), None).is_err());
    let mut c = dataset_config();
    c.quality.min_words = 0;
    let f = c.build(Path::new(".")).unwrap();
    let err = f.apply(&mut js, None).unwrap_err();
    assert_eq!(err.rule(), "quality.javascript_page");
    // a long article with a stray notice only loses the notice
    let mut paragraphs: Vec<String> = (0..9)
        .map(|i| {
            format!(
                "In part {i} of the series, {}",
                [BODY_1, BODY_2, BODY_3][i % 3]
            )
        })
        .collect();
    paragraphs.push("Please enable JavaScript to watch the video.".to_owned());
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let mut long = story_article(&refs);
    let r = f.apply(&mut long, None).unwrap();
    assert!(r.removed.iter().any(|r| r.rule == "javascript_notice"));
}

#[test]
fn non_alpha_share_rejects_number_dumps() {
    let mut c = dataset_config();
    c.quality.min_words = 0;
    let f = c.build(Path::new(".")).unwrap();
    let mut a = story_article(&["12 34 56 78 90 11 22 33 44 55 66 77 88 99 prices"]);
    let err = f.apply(&mut a, None).unwrap_err();
    assert_eq!(err.rule(), "quality.max_non_alpha_share");
    assert!(
        err.to_string()
            .starts_with("quality.max_non_alpha_share: 0.93"),
        "{err}"
    );
}

#[test]
fn gopher_heuristics_are_off_by_default_and_work_when_on() {
    let text = "Breaking #news: the #council voted #today on the #budget for #schools and #roads.";
    let mut a = story_article(&[text]);
    let mut c = lines_only_config();
    assert!(
        c.build(Path::new("."))
            .unwrap()
            .apply(&mut a.clone(), None)
            .is_ok()
    );
    c.quality.gopher.enabled = true;
    let err = c
        .build(Path::new("."))
        .unwrap()
        .apply(&mut a, None)
        .unwrap_err();
    assert_eq!(err.rule(), "quality.gopher.max_symbol_word_ratio");
}

#[test]
fn gopher_stop_words_use_the_detected_language() {
    let mut c = lines_only_config();
    c.quality.gopher.enabled = true;
    let f = c.build(Path::new(".")).unwrap();
    let mut de = story_article(&[
        "Die Bahn hat den Streik für Donnerstag angekündigt und rechnet mit Ausfällen im ganzen Land.",
        "Fahrgäste sollen sich vor der Reise über die Verbindungen informieren, teilte das Unternehmen mit.",
    ]);
    assert!(f.apply(&mut de, None).is_ok());
}

#[test]
fn language_allowlist_rejects_other_languages() {
    let mut c = lines_only_config();
    c.language.allow = vec!["de".into(), "fra".into()];
    let f = c.build(Path::new(".")).unwrap();
    let mut en = story_article(&[BODY_1, BODY_2, BODY_3]);
    let err = f.apply(&mut en, None).unwrap_err();
    assert_eq!(err.rule(), "language.allow");
    assert!(
        err.to_string()
            .starts_with("language.allow: detected \"en\""),
        "{err}"
    );
    let mut fr = story_article(&[
        "Le conseil municipal a voté mardi soir l'extension du réseau de bus vers les quartiers nord de la ville.",
        "Les premiers bus circuleront au printemps, selon la mairie, qui doit encore recruter des chauffeurs.",
    ]);
    assert!(f.apply(&mut fr, None).is_ok());
}

#[test]
fn dedup_index_from_the_filter_rejects_later_copies() {
    let mut index = dataset_config()
        .build(Path::new("."))
        .unwrap()
        .dedup_index();
    let text = [BODY_1, BODY_2, BODY_3].join("\n");
    assert!(index.check_and_insert("rec-1", &text).is_none());
    let dup = index
        .check_and_insert("rec-2", &text.to_uppercase())
        .unwrap();
    let rejected = DocumentRejected::from(dup);
    assert_eq!(
        rejected.to_string(),
        "dedup.exact: same text as record rec-1"
    );
    let near = format!("{text}\nReporting by Jane Doe.");
    let dup = index.check_and_insert("rec-3", &near).unwrap();
    assert_eq!(dup.kind, DuplicateKind::Near);
    assert_eq!(DocumentRejected::from(dup).rule(), "dedup.near");
}

// ---- audit trail ------------------------------------------------------------------------

#[test]
fn explain_lists_removals_with_rules() {
    let mut a = story_article(&["·4 min read", BODY_1, BODY_2, "Subscribe now."]);
    let r = lines_only().apply(&mut a, None).unwrap();
    let text = explain(&r);
    assert!(text.contains("- [reading_time] #0 ·4 min read\n"), "{text}");
    assert!(
        text.contains("- [subscribe_prompt] #3 Subscribe now.\n"),
        "{text}"
    );
    assert!(text.contains("language: en"), "{text}");
    assert!(
        text.contains("removed 2 of 4 blocks")
            && text.contains("reading_time=1, subscribe_prompt=1"),
        "{text}"
    );
    assert!(!lines_only().keep_removed());
}

// ---- properties ---------------------------------------------------------------------------

fn arb_block() -> impl Strategy<Value = Block> {
    let texts = prop_oneof![
        Just(BODY_1.to_owned()),
        Just(BODY_2.to_owned()),
        Just(BODY_3.to_owned()),
        Just("Photo: Reuters".to_owned()),
        Just("Subscribe now.".to_owned()),
        Just("Read more at The Daily Beast.".to_owned()),
        Just("U.S. to Enrage Kim Jong Un With Assassination Dry Run".to_owned()),
        Just("More from Pitchside".to_owned()),
        Just("Lire aussi".to_owned()),
        Just("Opinion".to_owned()),
        Just("“Subscribe now,” she said.".to_owned()),
        Just("Why the Fed Is Holding Rates Steady for Now".to_owned()),
        "[A-Za-z ,.]{1,80}",
        "\\PC{1,40}",
    ];
    let kinds = prop_oneof![
        Just(BlockKind::Paragraph),
        Just(BlockKind::Paragraph),
        Just(BlockKind::Heading(2)),
        Just(BlockKind::ListItem),
        Just(BlockKind::Quote),
        Just(BlockKind::Caption),
    ];
    (kinds, texts)
        .prop_filter("blocks are never blank", |(_, t)| !t.trim().is_empty())
        .prop_map(|(k, t)| Block::new(k, t))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn filter_is_idempotent_and_never_adds_blocks(blocks in proptest::collection::vec(arb_block(), 0..14)) {
        let f = lines_only();
        let original = article_of(blocks);
        let mut once = original.clone();
        let r1 = f.apply(&mut once, Some("courier.example")).unwrap();
        // never adds, and edits only by cutting a credit off the end: the kept blocks are a
        // subsequence of the input, each equal to its original or a reported prefix of it
        prop_assert!(once.blocks.len() <= original.blocks.len());
        let dropped = r1.removed.iter().filter(|r| !r.trimmed).count();
        prop_assert_eq!(once.blocks.len() + dropped, original.blocks.len());
        let mut it = original.blocks.iter();
        for kept in &once.blocks {
            prop_assert!(it.any(|b| b.kind == kept.kind && b.text.starts_with(&kept.text)));
        }
        let mut twice = once.clone();
        let r2 = f.apply(&mut twice, Some("courier.example")).unwrap();
        prop_assert_eq!(&twice, &once);
        prop_assert!(r2.removed.is_empty(), "second pass removed {:?}", r2.removed);
    }
}

#[test]
fn audit_reports_removals_of_rejected_documents() {
    let mut a = story_article(&["Photo: Reuters", "The council met on Tuesday and agreed."]);
    let audit = default_filter().audit(&mut a, None);
    assert_eq!(audit.report.removed.len(), 1);
    assert_eq!(audit.rejected.as_ref().unwrap().rule(), "quality.min_words");
    let text = explain_audit(&audit);
    assert!(
        text.contains("- [photo_credit] #0 Photo: Reuters\n"),
        "{text}"
    );
    assert!(
        text.ends_with("rejected: quality.min_words: 9 words < 25\n"),
        "{text}"
    );
}

#[test]
fn edge_label_spares_short_cjk_closing_lines() {
    let mut a = article_of(vec![
        Block::new(
            BlockKind::Paragraph,
            "むかしむかし、ある村に、とても正直なおじいさんが住んでいました。おじいさんは毎日山へ行きました。",
        ),
        Block::new(BlockKind::Paragraph, "おしまい"),
        Block::new(BlockKind::Paragraph, "Share this:"),
    ]);
    let report = lines_only().apply(&mut a, None).unwrap();
    let removed: Vec<&str> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, vec!["Share this:"]);
    assert!(a.blocks.iter().any(|b| b.text == "おしまい"));
}

#[test]
fn edge_label_spares_sign_offs_and_salutations() {
    let f = lines_only();
    // a post's closing sign-off and a letter's salutation are the author's text
    assert_kept(f, "x Franzi", Place::Tail);
    assert_kept(f, "Euer HansEhrlich", Place::Tail);
    assert_kept(f, "XX, Die Redaktion", Place::Tail);
    assert_kept(f, "Liebe Leserinnen und Leser,", Place::Head);
    // near misses: the same shapes without the valediction or the comma are labels
    assert_dropped(f, "edge_label", "Love Island", Place::Tail);
    assert_dropped(f, "edge_label", "Die Redaktion", Place::Tail);
    assert_dropped(f, "edge_label", "Liebe Leserinnen und Leser", Place::Head);
}

#[test]
fn edge_label_spares_a_posts_source_attribution() {
    let f = lines_only();
    // "via <site>" names where the post's story came from: the author's attribution
    assert_kept(f, "via fubiz.net", Place::Tail);
    assert_kept(f, "Via: Treehugger", Place::Tail);
    assert_kept(f, "vía El País", Place::Head);
    // near misses: a bare label, and "via" with no source or with a sentence after it
    assert_dropped(f, "edge_label", "Related post:", Place::Tail);
    assert_dropped(f, "edge_label", "Via", Place::Tail);
    assert!(!text::is_source_attribution(
        "via the ferry to the island every morning"
    ));
}

#[test]
fn teaser_rail_at_the_end_is_cut_but_reading_lists_stay() {
    let card = |label: &str, head: &str, dek: &str| {
        vec![
            Block::new(BlockKind::ListItem, label),
            Block::new(BlockKind::Heading(3), head),
            Block::new(BlockKind::ListItem, dek),
        ]
    };
    let mut blocks = vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(BlockKind::Paragraph, BODY_3),
    ];
    blocks.extend(card(
        "Transport",
        "A Night Train Returns to the Northern Coast",
        "After twenty years, sleeper cars run again between the two ports.",
    ));
    blocks.extend(card(
        "Housing",
        "Why Rents Are Falling in Small Towns",
        "Landlords are cutting prices as young families move back to the cities.",
    ));
    blocks.extend(card(
        "Climate",
        "The Village That Heats Itself With Sewage",
        "A pilot plant turns waste water into warmth for three hundred homes.",
    ));
    let mut a = article_of(blocks);
    let report = lines_only().apply(&mut a, None).unwrap();
    assert_eq!(a.blocks.len(), 3, "{:?}", a.blocks);
    assert!(report.removed.iter().all(|r| r.rule == "teaser_rail"));

    // a list of recommended titles without deks is content the author chose
    let mut list = vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, BODY_2),
    ];
    for t in [
        "Book: The Long Way Round the Mountains",
        "Film: Night Ferry to the Outer Islands",
        "Series: Harbour Lights (Season Two)",
        "Book: A Short History of Northern Railways",
    ] {
        list.push(Block::new(BlockKind::ListItem, t));
    }
    let mut b = article_of(list.clone());
    lines_only().apply(&mut b, None).unwrap();
    assert_eq!(b.blocks, list);
}

#[test]
fn rules_see_each_line_of_a_multi_line_block() {
    let joined = format!("{BODY_2}\nFolgen Sie uns auf Facebook\n{BODY_3}");
    let mut a = story_article(&[BODY_1, &joined]);
    let report = lines_only().apply(&mut a, None).unwrap();
    assert_eq!(report.removed.len(), 1);
    assert_eq!(report.removed[0].text, "Folgen Sie uns auf Facebook");
    assert_eq!(report.removed[0].index, 1);
    assert_eq!(a.blocks.len(), 2);
    assert_eq!(a.blocks[1].text, format!("{BODY_2}\n{BODY_3}"));
    // a short last line of a poem-like block is not an edge label
    let poem = "The tide comes in\nthe gulls go quiet\nand the harbour lights";
    let mut b = story_article(&[BODY_1, poem]);
    lines_only().apply(&mut b, None).unwrap();
    assert_eq!(b.blocks[1].text, poem);
}

#[test]
fn teaser_labels_in_block_quotes_go_but_quotations_stay() {
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(
            BlockKind::Quote,
            "LEE TAMBIÉN: ¿Cuándo abre el nuevo mercado municipal?",
        ),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(
            BlockKind::Quote,
            "Subscribe now, or you will miss the point.",
        ),
        Block::new(BlockKind::Paragraph, BODY_3),
    ]);
    let report = lines_only().apply(&mut a, None).unwrap();
    let removed: Vec<&str> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        removed,
        vec!["LEE TAMBIÉN: ¿Cuándo abre el nuevo mercado municipal?"]
    );
}

/// Issue 15: a credit closing a caption is cut and reported; the caption stays.
#[test]
fn caption_credit_is_trimmed_not_dropped() {
    let filter = default_filter();
    for (line, caption, credit) in [
        (
            "Die neue Fähre legt zum ersten Mal in Kiel an. © Stadtwerke",
            "Die neue Fähre legt zum ersten Mal in Kiel an.",
            "© Stadtwerke",
        ),
        (
            "Ein Wald im Herbst / Fotolia.com",
            "Ein Wald im Herbst",
            "/ Fotolia.com",
        ),
        (
            "Kranzniederlegung am Holocaust-Mahnmal © Presse- und Informationsamt | Jesco Denzel",
            "Kranzniederlegung am Holocaust-Mahnmal",
            "© Presse- und Informationsamt | Jesco Denzel",
        ),
        (
            "Le port de Brest au lever du jour. DR",
            "Le port de Brest au lever du jour.",
            "DR",
        ),
        (
            "Fishing boats wait for the tide in the harbour. Photo: Jane Roe/AFP",
            "Fishing boats wait for the tide in the harbour.",
            "Photo: Jane Roe/AFP",
        ),
        (
            "Los pescadores reparan las redes en el muelle (crédito: Ana Ruiz/EFE)",
            "Los pescadores reparan las redes en el muelle",
            "(crédito: Ana Ruiz/EFE)",
        ),
        (
            "Ein Kran hebt das Boot aus dem Wasser. Kevin Voigt/Getty Images",
            "Ein Kran hebt das Boot aus dem Wasser.",
            "Kevin Voigt/Getty Images",
        ),
    ] {
        let mut a = article_of(vec![
            Block::new(BlockKind::Paragraph, BODY_1),
            Block::new(BlockKind::Caption, line),
            Block::new(BlockKind::Paragraph, BODY_2),
        ]);
        let report = filter.apply(&mut a, None).unwrap();
        assert_eq!(a.blocks[1].text, caption, "{line}");
        assert_eq!(report.removed.len(), 1, "{line}: {:?}", report.removed);
        let r = &report.removed[0];
        assert!(r.trimmed && r.rule == "caption_credit" && r.index == 1);
        assert_eq!(r.text, credit);
        // idempotent: the trimmed caption has no credit left
        assert!(filter.apply(&mut a, None).unwrap().removed.is_empty());
    }
    // Story sentences that end with an agency or a photographer are not credits.
    for line in [
        "The plan was first reported by Reuters.",
        "'We will not wait another winter,' the mayor told AFP.",
        "The image: a boy on the quay, waving at the ferry.",
        "Photographer Ana Ruiz has shot the harbour for twenty years.",
        // a paragraph's own closing words after a full stop: a pair with a slash, a time
        // zone, a signature (after a full stop these are credits only under a photo)
        "The plasma stayed in the H-mode for two seconds. The L/H ratio was high.",
        "The meeting starts at 9 a.m. ET",
        "See you all at the harbour festival next week. ANDREW",
    ] {
        let mut a = story_article(&[BODY_1, line, BODY_2]);
        let report = filter.apply(&mut a, None).unwrap();
        assert!(report.removed.is_empty(), "{line}: {:?}", report.removed);
    }
}

/// `learned_boilerplate`: the shipped model removes furniture lines the rules miss, under its
/// own name, leaves the same words alone inside a quotation or a block quote, is switched off
/// by `[filter.builtin] learned = false` and by `disable`, and a second pass removes nothing.
#[test]
fn learned_boilerplate_removes_furniture_but_not_quotations() {
    let furniture = [
        "Click here to subscribe to our free newsletter!",
        "Posted in Uncategorized",
    ];
    let quoted = "“Click here to subscribe to our free newsletter!” read the sign at the door.";
    let blocks = || {
        let mut b = vec![Block::new(BlockKind::Paragraph, BODY_1)];
        for f in furniture {
            b.push(Block::new(BlockKind::Paragraph, f));
            b.push(Block::new(BlockKind::Quote, f));
        }
        b.push(Block::new(BlockKind::Paragraph, quoted));
        b.push(Block::new(BlockKind::Paragraph, BODY_2));
        b
    };
    // the first line is also a reader prompt (`cues.rs`); with that cue off the model's own
    // verdict shows
    let mut config = lines_only_config();
    config.disable = vec![super::cues::READER_PROMPT.to_owned()];
    let filter = config.build(Path::new(".")).unwrap();
    let mut article = article_of(blocks());
    let report = filter.apply(&mut article, None).unwrap();
    let learned: Vec<&str> = report
        .removed
        .iter()
        .filter(|r| r.rule == learned::LEARNED_BOILERPLATE)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(learned, furniture, "{:?}", report.removed);
    assert!(article.blocks.iter().any(|b| b.text == quoted));
    assert_eq!(
        article
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Quote)
            .count(),
        2
    );
    assert!(explain(&report).contains("[learned_boilerplate]"));
    let mut again = article.clone();
    assert!(filter.apply(&mut again, None).unwrap().removed.is_empty());

    let mut off = lines_only_config();
    off.builtin.learned = false;
    let mut disabled = lines_only_config();
    disabled.disable = vec![learned::LEARNED_BOILERPLATE.to_owned()];
    for config in [off, disabled] {
        let mut article = article_of(blocks());
        let report = config
            .build(Path::new("."))
            .unwrap()
            .apply(&mut article, None)
            .unwrap();
        assert!(
            report
                .removed
                .iter()
                .all(|r| r.rule != learned::LEARNED_BOILERPLATE),
            "{:?}",
            report.removed
        );
    }
}

/// The model never takes most of a document: on text unlike anything it learned from (here,
/// made-up tokens it scores as furniture), its verdicts are overruled and the article stays.
#[test]
fn learned_boilerplate_never_takes_most_of_the_article() {
    let line = (0..60)
        .map(|j| format!("w14x{j}"))
        .collect::<Vec<_>>()
        .join(" ")
        + ".";
    let model = learned::embedded();
    let mut scratch = learned::FeatureScratch::default();
    assert!(
        model.removes(&mut scratch, BlockKind::Paragraph, false, &line),
        "the premise: the model alone would remove this line"
    );
    let mut article = article_of(vec![Block::new(BlockKind::Paragraph, &line)]);
    let report = lines_only().apply(&mut article, None).unwrap();
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    assert_eq!(article.blocks.len(), 1);
}

/// A paragraph that trails off with an ellipsis closes the story in the writer's voice; cut
/// teasers go as a list, or alone when they have a headline's title case.
#[test]
fn a_story_may_trail_off_but_cut_teasers_go() {
    let closing = "The council is expected to publish its decision next week...";
    let mut a = story_article(&[BODY_1, BODY_2, closing]);
    let report = default_filter().apply(&mut a, None).unwrap();
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    let teasers = [
        "The council voted to close the old depot, a move that…",
        "Residents of the northern suburbs asked for a night bus and…",
    ];
    let mut a = story_article(&[BODY_1, BODY_2, teasers[0], teasers[1]]);
    let report = default_filter().apply(&mut a, None).unwrap();
    let removed: Vec<&str> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, teasers);
    assert!(
        default_filter()
            .apply(&mut a, None)
            .unwrap()
            .removed
            .is_empty(),
        "idempotent"
    );
}

/// A page of cut previews (search results, classifieds, an archive of excerpts) is the page
/// itself when they hold most of its words: they stay, while the same list after a story goes.
#[test]
fn a_page_of_cut_previews_stays() {
    let previews = [
        "Part-time office support wanted for our small, relaxed office. Some of the duties include...",
        "Grounds keeping: do you have knowledge and interest in lawn, shrub and tree care? Then we...",
        "School crossing guard wanted, apply in person at the borough office on South Broad...",
    ];
    let mut blocks = vec![Block::new(BlockKind::Paragraph, "There are 112 results")];
    blocks.extend(
        previews
            .iter()
            .map(|p| Block::new(BlockKind::Paragraph, *p)),
    );
    let mut a = article_of(blocks);
    let report = default_filter().apply(&mut a, None).unwrap();
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(BlockKind::Paragraph, BODY_3),
        Block::new(BlockKind::Paragraph, previews[0]),
        Block::new(BlockKind::Paragraph, previews[1]),
    ]);
    let report = default_filter().apply(&mut a, None).unwrap();
    let removed: Vec<&str> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, previews[..2]);
}

/// A source line under a chart goes as a credit; bibliographic references, with volume, issue
/// and page numbers, are content.
#[test]
fn source_line_goes_but_references_stay() {
    let mut a = article_of(vec![
        Block::new(BlockKind::Paragraph, BODY_1),
        Block::new(BlockKind::Paragraph, "Source: National Statistics Office"),
        Block::new(BlockKind::Paragraph, BODY_2),
        Block::new(
            BlockKind::Paragraph,
            "Source: School Transport Review, v41 n6 p26-32 Jun 2002",
        ),
        Block::new(
            BlockKind::Paragraph,
            "Source: Journal of Rural Planning, v12 n3 p5-19 Mar 2001",
        ),
        Block::new(BlockKind::Paragraph, BODY_3),
    ]);
    let report = default_filter().apply(&mut a, None).unwrap();
    let removed: Vec<&str> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, vec!["Source: National Statistics Office"]);
}

// issue 14 (`issues show 14`): a schedule of dates is content, a split dateline is not.
#[test]
fn issue_14_timestamp_spares_a_list_of_dates() {
    let story = "The committee meets four times a year to review the audit plan and reports.";
    let para = |t: &str| Block::new(BlockKind::Paragraph, t);
    let mut a = article_of(vec![
        para(story),
        para("Tuesday, September 24, 2013 at 2:30 PM"),
        para("Monday, November 25, 2013 at 3:00 PM"),
        para("Tuesday, April 22, 2014 at 1:00 PM"),
    ]);
    let report = lines_only().apply(&mut a, None).unwrap();
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    assert_eq!(a.blocks.len(), 4);

    // The same run of lines twice over is one dateline split into its parts.
    let mut a = article_of(vec![
        para("Last updated: 2:52 pm"),
        para("March 12, 2009"),
        para("Posted: 2:51 pm"),
        para("March 12, 2009"),
        para(story),
    ]);
    let report = lines_only().apply(&mut a, None).unwrap();
    assert_eq!(report.removed.len(), 4, "{:?}", report.removed);
    assert!(report.removed.iter().all(|r| r.rule == "timestamp"));

    // Signature lines of a comment thread repeat their label.
    let mut a = article_of(vec![
        para(story),
        para("Posted by: Anna | January 14, 2008 06:24 PM"),
        para("Posted by: Ben | January 14, 2008 07:05 PM"),
        para("Posted by: Carla | January 14, 2008 07:12 PM"),
    ]);
    let report = lines_only().apply(&mut a, None).unwrap();
    assert_eq!(report.removed.len(), 3, "{:?}", report.removed);
}

// issue 14: a signed review ends without a full stop but is prose; the short lines between
// two of them (a title, an author) are in the story, not at its edges.
#[test]
fn issue_14_signed_paragraphs_bound_the_edges() {
    let review = |who: &str| {
        format!(
            "This exquisitely illustrated biography recounts the life of a writer and aviator. \
             Lovers of his classic tale will find much to enjoy here. A gift for any reader -- {who}"
        )
    };
    let para = |t: &str| Block::new(BlockKind::Paragraph, t);
    let mut a = article_of(vec![
        para(&review("Jane Doe")),
        para("Brown Girl Dreaming"),
        para("Jacqueline Woodson"),
        para(&review("John Roe")),
        para("Share this:"),
    ]);
    let report = lines_only().apply(&mut a, None).unwrap();
    let removed: Vec<&str> = report.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(removed, vec!["Share this:"]);
}
