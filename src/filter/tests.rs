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

/// A filter with the default config but no document-level rejection, so rule tests can use
/// short articles.
fn lines_only() -> Filter {
    let mut c = FilterConfig::default();
    c.quality.min_words = 0;
    c.quality.max_non_alpha_share = 1.0;
    c.quality.javascript_page = false;
    c.build(Path::new(".")).unwrap()
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
    let mut a = Article {
        meta: Metadata::default(),
        blocks,
    };
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
        eprintln!("skipping: seed file {} not found", path.display());
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
