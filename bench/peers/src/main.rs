//! Times copydesk and Rust peer extractors on the same in-memory pages, one thread.
//!
//! Usage:
//! - `copydesk-peers prepare <datasets dir> <corpus.jsonl>`: decompresses every
//!   `<datasets>/*/html/*.html.gz` and decodes it with copydesk's charset rules into one JSONL
//!   corpus (`{"id", "url", "html"}` per line), so every extractor, Rust or Python, sees
//!   identical text.
//! - `copydesk-peers <corpus.jsonl> [name]`: prints one TSV line per extractor (or only
//!   `name`): name, pages, pages with output, total seconds, median ms/page, pages/s, MB/s.
//! Process start-up and corpus loading are outside the timings; each extractor gets one
//! untimed warm-up pass over the first pages.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copydesk::load::decode_page;
use copydesk::source::Origin;
/// The copydesk binary's allocator (src/main.rs), so every extractor here runs on it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use copydesk::{ContentKind, Extractor, FilterConfig, Input, InputFormat, Page, Processor};

#[derive(serde::Deserialize)]
struct Line {
    url: Option<String>,
    html: String,
}

struct Doc {
    url: Option<url::Url>,
    html: String,
}

fn load(path: &str) -> Vec<Doc> {
    let file = std::fs::File::open(path).expect("corpus file opens");
    std::io::BufReader::new(file)
        .lines()
        .map(|line| {
            let line: Line =
                serde_json::from_str(&line.expect("corpus reads")).expect("corpus line is JSON");
            Doc {
                url: line.url.and_then(|u| url::Url::parse(&u).ok()),
                html: line.html,
            }
        })
        .collect()
}

/// Runs `f` on every page; returns (pages with output, total time, per-page times).
fn time_all(docs: &[Doc], mut f: impl FnMut(&Doc) -> bool) -> (usize, Duration, Vec<Duration>) {
    for doc in docs.iter().take(20) {
        f(doc);
    }
    let mut ok = 0;
    let mut times = Vec::with_capacity(docs.len());
    let start = Instant::now();
    for doc in docs {
        let t = Instant::now();
        if f(doc) {
            ok += 1;
        }
        times.push(t.elapsed());
    }
    (ok, start.elapsed(), times)
}

fn report(name: &str, docs: &[Doc], (ok, total, mut times): (usize, Duration, Vec<Duration>)) {
    times.sort();
    let median = times[times.len() / 2].as_secs_f64() * 1e3;
    let secs = total.as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.html.len()).sum();
    println!(
        "{name}\t{}\t{ok}\t{secs:.3}\t{median:.3}\t{:.1}\t{:.2}",
        docs.len(),
        docs.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

/// Writes the corpus: dataset pages decoded to UTF-8 in name order, with ground-truth URLs.
fn prepare(datasets: &Path, out: &Path) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(datasets)
        .expect("datasets directory lists")
        .flatten()
        .filter_map(|set| std::fs::read_dir(set.path().join("html")).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();
    let mut urls = std::collections::HashMap::new();
    for set in std::fs::read_dir(datasets).expect("datasets directory lists").flatten() {
        let Ok(truth) = std::fs::read_to_string(set.path().join("ground-truth.jsonl")) else {
            continue;
        };
        for line in truth.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("ground truth is JSON");
            if let (Some(id), Some(url)) = (v["id"].as_str(), v["url"].as_str()) {
                urls.insert(format!("{}/{id}", set.file_name().to_string_lossy()), url.to_string());
            }
        }
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("corpus file creates"));
    let mut n = 0;
    for path in &files {
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(path).expect("page opens"))
            .read_to_end(&mut bytes)
            .expect("page inflates");
        let set = path.parent().and_then(Path::parent).and_then(Path::file_name);
        let stem = path.file_name().map(|n| n.to_string_lossy().trim_end_matches(".html.gz").to_string());
        let id = format!("{}/{}", set.map(|s| s.to_string_lossy()).unwrap_or_default(), stem.unwrap_or_default());
        let input = Input {
            seq: 0,
            source: id.clone(),
            url: None,
            format: InputFormat::Html,
            origin: Origin::File(path.clone()),
        };
        let Ok(page) = decode_page(&input, &bytes, Some("page.html")) else {
            continue;
        };
        let line = serde_json::json!({"id": id, "url": urls.get(&id), "html": page.text});
        serde_json::to_writer(&mut w, &line).expect("corpus writes");
        w.write_all(b"\n").expect("corpus writes");
        n += 1;
    }
    w.flush().expect("corpus writes");
    eprintln!("{n} pages -> {}", out.display());
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("prepare") {
        let arg = |i| PathBuf::from(std::env::args().nth(i).expect("usage: copydesk-peers prepare <datasets> <corpus.jsonl>"));
        prepare(&arg(2), &arg(3));
        return;
    }
    let path = std::env::args().nth(1).expect("usage: copydesk-peers <corpus.jsonl> [name]");
    let only = std::env::args().nth(2);
    let docs = load(&path);
    let want = |name: &str| only.as_deref().is_none_or(|o| o == name);

    if want("copydesk") {
        let filter = FilterConfig::default()
            .build(std::path::Path::new("."))
            .expect("default filter builds");
        let processor = Processor::new(Extractor::new(Default::default()), filter, false, false);
        let r = time_all(&docs, |d| {
            let page = Page {
                seq: 0,
                source: String::new(),
                url: d.url.clone(),
                kind: ContentKind::Html,
                text: d.html.clone(),
            };
            processor.process(&page).is_ok_and(|r| !r.text.is_empty())
        });
        report("copydesk", &docs, r);
    }
    // Extraction alone (body + metadata), without the filter stage's rules, dedup and
    // language detection: the same work the peers do.
    if want("copydesk_extract") {
        let extractor = Extractor::new(Default::default());
        let r = time_all(&docs, |d| {
            extractor
                .extract(&d.html, d.url.as_ref())
                .is_ok_and(|a| !a.blocks.is_empty())
        });
        report("copydesk_extract", &docs, r);
    }
    if want("dom_smoothie") {
        let r = time_all(&docs, |d| {
            let cfg = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..Default::default()
            };
            dom_smoothie::Readability::new(d.html.as_str(), d.url.as_ref().map(url::Url::as_str), Some(cfg))
                .and_then(|mut r| r.parse())
                .is_ok_and(|a| !a.text_content.is_empty())
        });
        report("dom_smoothie", &docs, r);
    }
    if want("floor_scraper_parse_text") {
        // Floor: a full html5ever parse plus a walk over every text node (no scoring at all).
        let r = time_all(&docs, |d| {
            let html = scraper::Html::parse_document(&d.html);
            html.root_element().text().map(str::len).sum::<usize>() > 0
        });
        report("floor_scraper_parse_text", &docs, r);
    }
    if want("readability") {
        let fallback = url::Url::parse("https://example.com/").expect("static URL");
        let r = time_all(&docs, |d| {
            let url = d.url.as_ref().unwrap_or(&fallback);
            readability::extractor::extract(&mut d.html.as_bytes(), url)
                .is_ok_and(|p| !p.text.is_empty())
        });
        report("readability", &docs, r);
    }
}
