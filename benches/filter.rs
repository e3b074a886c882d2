//! Filter stage alone, all built-in rules on plus 300 user rules, on a large generated input.
//! Throughput is reported in lines (blocks) per second, once in wall time and once in this
//! thread's CPU time (Linux), which stays meaningful on a shared, loaded machine.
//!
//! Run: `cargo bench --bench filter`

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use copydesk::article::{Article, Block, BlockKind, Metadata};
use copydesk::filter::{FilterConfig, RuleConfig};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// Boilerplate lines of the kinds the rules target, in four languages.
const BOILERPLATE: &[&str] = &[
    "·4 min read",
    "Photo Illustration by Jane Roe/The Ledger/Getty",
    "Foto: dpa/Christoph Soeder",
    "Read more at The Daily Ledger.",
    "Sign up for our daily newsletter to get the news in your inbox.",
    "Subscribe now.",
    "Share this article",
    "Advertisement",
    "Wir verwenden Cookies, um Ihnen ein optimales Erlebnis zu bieten.",
    "© 2025 Lakeside Courier. All rights reserved.",
    "À lire aussi : Grève du 15 mars, les lignes touchées",
    "Suscríbete para seguir leyendo",
    "Leave a comment",
    "Tags: politics, elections",
    "Opinion",
];

const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "on",
    "Tuesday",
    "to",
    "expand",
    "bus",
    "network",
    "adding",
    "routes",
    "that",
    "will",
    "connect",
    "suburbs",
    "with",
    "station",
    "officials",
    "said",
    "budget",
    "drivers",
    "has",
    "not",
    "been",
    "approved",
    "regional",
    "government",
    "residents",
    "welcomed",
    "plan",
    "but",
    "asked",
    "for",
    "more",
    "frequent",
    "service",
    "evenings",
    "and",
];

#[path = "support/xorshift.rs"]
mod xorshift;
use xorshift::Rng;

fn paragraph(rng: &mut Rng) -> String {
    let n = 12 + rng.below(50);
    let mut words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    words[0] = "Officials";
    let mut s = words.join(" ");
    s.push('.');
    s
}

fn article(rng: &mut Rng) -> Article {
    let mut blocks = Vec::new();
    for _ in 0..3 {
        blocks.push(Block::new(
            BlockKind::Paragraph,
            BOILERPLATE[rng.below(BOILERPLATE.len())],
        ));
    }
    for i in 0..24 {
        if i % 6 == 5 {
            blocks.push(Block::new(BlockKind::Heading(2), "What Happens Next"));
        }
        if rng.below(8) == 0 {
            blocks.push(Block::new(
                BlockKind::Paragraph,
                BOILERPLATE[rng.below(BOILERPLATE.len())],
            ));
        }
        blocks.push(Block::new(BlockKind::Paragraph, paragraph(rng)));
    }
    for _ in 0..4 {
        blocks.push(Block::new(
            BlockKind::Paragraph,
            BOILERPLATE[rng.below(BOILERPLATE.len())],
        ));
    }
    Article {
        meta: Metadata::default(),
        blocks,
    }
}

fn config() -> FilterConfig {
    let mut c = FilterConfig::default();
    c.quality.min_words = 0;
    c.quality.gopher.enabled = true;
    // a large user rule set on top of the built-ins: 250 phrases and 50 regexes
    for i in 0..250 {
        c.rules.push(RuleConfig {
            name: format!("phrase_{i}"),
            pattern: None,
            phrase: Some(format!("promo code SAVE{i} today")),
            hosts: vec![],
            position: Default::default(),
            action: Default::default(),
            max_words: 25,
        });
    }
    for i in 0..50 {
        c.rules.push(RuleConfig {
            name: format!("regex_{i}"),
            pattern: Some(format!(r"^\W*sponsor{i}\s+(?:offer|deal)s?\W*$")),
            phrase: None,
            hosts: vec![format!("site{i}.example")],
            position: Default::default(),
            action: Default::default(),
            max_words: 25,
        });
    }
    c
}

/// CPU time this thread has run (Linux `schedstat`); wall time elsewhere.
fn thread_cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(
            || {
                static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
                START.get_or_init(Instant::now).elapsed()
            },
            Duration::from_nanos,
        )
}

fn bench_filter(c: &mut Criterion) {
    let filter = config().build(Path::new(".")).expect("bench config builds");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let articles: Vec<Article> = (0..200).map(|_| article(&mut rng)).collect();
    let lines: usize = articles.iter().map(|a| a.blocks.len()).sum();

    let mut group = c.benchmark_group("filter");
    group.sample_size(10);
    group.throughput(Throughput::Elements(lines as u64));
    group.bench_function(
        format!("apply/all_rules/{}_articles_{lines}_lines", articles.len()),
        |b| {
            b.iter_batched(
                || articles.clone(),
                |mut batch| {
                    for a in &mut batch {
                        let _ = black_box(filter.apply(a, Some("www.courier.example")));
                    }
                    batch
                },
                BatchSize::LargeInput,
            )
        },
    );
    // The same work timed in CPU time of this thread, not wall time: on a loaded, shared machine
    // wall time mostly measures the other tenants. Once more without `learned_boilerplate`, to
    // show what the line model costs.
    let mut without_learned = config();
    without_learned.builtin.learned = false;
    let without_learned = without_learned
        .build(Path::new("."))
        .expect("bench config builds");
    for (name, filter) in [
        ("all_rules", &filter),
        ("all_rules_but_learned", &without_learned),
    ] {
        group.bench_function(
            format!(
                "apply_cpu_time/{name}/{}_articles_{lines}_lines",
                articles.len()
            ),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let mut batch = articles.clone();
                        let start = thread_cpu_time();
                        for a in &mut batch {
                            let _ = black_box(filter.apply(a, Some("www.courier.example")));
                        }
                        total += thread_cpu_time().saturating_sub(start);
                    }
                    total
                })
            },
        );
    }
    let mut filter_dedup = filter.dedup_index();
    let texts: Vec<String> = articles
        .iter()
        .map(|a| {
            a.blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("dedup/check_and_insert_200_docs", |b| {
        b.iter(|| {
            filter_dedup = filter.dedup_index();
            for (i, t) in texts.iter().enumerate() {
                black_box(filter_dedup.check_and_insert(&i.to_string(), t));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_filter);
criterion_main!(benches);
