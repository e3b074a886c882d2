//! `Processor::process` on small, medium and large pages (criterion; `cargo bench`).
//!
//! Pages come from the development datasets (`../shared/datasets/*/html/*.html.gz`, or the
//! directory in `COPYDESK_DATASETS`), decompressed and decoded into memory before timing; when
//! they are absent, generated article-like HTML of the same three sizes is used instead. Each
//! size class is one benchmark group over up to `PAGES_PER_CLASS` pages, with throughput in
//! bytes so criterion prints MB/s next to the time per iteration (one pass over the group).

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};

use copydesk::input::load::decode_page;
use copydesk::input::source::Origin;
use copydesk::{Extractor, FilterConfig, Input, InputFormat, Page, Processor};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Pages timed per size class: enough to average over page shapes, few enough to keep a
/// criterion run under a minute per class.
const PAGES_PER_CLASS: usize = 12;

/// Size classes by decoded HTML size (bytes): small < 30 KB <= medium < 150 KB <= large.
const CLASSES: [(&str, usize, usize); 3] = [
    ("small", 0, 30_000),
    ("medium", 30_000, 150_000),
    ("large", 150_000, usize::MAX),
];

fn datasets_dir() -> PathBuf {
    std::env::var_os("COPYDESK_DATASETS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets"),
        PathBuf::from,
    )
}

fn page(seq: u64, name: &str, bytes: &[u8]) -> Option<Page> {
    let input = Input {
        seq,
        source: name.to_string(),
        url: None,
        format: InputFormat::Html,
        origin: Origin::File(PathBuf::from(name)),
    };
    decode_page(&input, bytes, Some(name)).ok()
}

/// Every dataset page, decoded, sorted by name (so the chosen pages are stable).
fn dataset_pages() -> Vec<Page> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(datasets_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|set| std::fs::read_dir(set.path().join("html")).ok())
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();
    files
        .iter()
        .enumerate()
        .filter_map(|(i, path)| {
            let mut bytes = Vec::new();
            flate2::read::MultiGzDecoder::new(std::fs::File::open(path).ok()?)
                .read_to_end(&mut bytes)
                .ok()?;
            page(i as u64, &path.display().to_string(), &bytes)
        })
        .collect()
}

/// An article-like page of about `bytes` bytes: navigation, paragraphs, a script, a footer.
fn generated_page(seq: u64, bytes: usize) -> Page {
    let mut html = String::from(
        "<!doctype html><html><head><title>Generated story</title>\
         <script>var tracking = {id: 1};</script></head><body>\
         <nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Generated</h1>",
    );
    let mut i = 0;
    while html.len() < bytes {
        html.push_str(&format!(
            "<p>Paragraph {i} of the story tells what happened and why it matters to the \
             readers of this page, in a sentence long enough to look like prose.</p>"
        ));
        i += 1;
    }
    html.push_str("</article><footer>Copyright</footer></body></html>");
    page(seq, "generated.html", html.as_bytes()).expect("generated page decodes")
}

fn pages_by_class() -> Vec<(&'static str, Vec<Page>)> {
    let all = dataset_pages();
    CLASSES
        .iter()
        .enumerate()
        .map(|(c, &(name, lo, hi))| {
            let mut pages: Vec<Page> = all
                .iter()
                .filter(|p| (lo..hi).contains(&p.text.len()))
                .take(PAGES_PER_CLASS)
                .cloned()
                .collect();
            if pages.is_empty() {
                let size = [10_000, 80_000, 250_000][c];
                pages = (0..4).map(|i| generated_page(i, size)).collect();
            }
            (name, pages)
        })
        .collect()
}

fn bench_process(c: &mut Criterion) {
    let filter = FilterConfig::default()
        .build(Path::new("."))
        .expect("default filter builds");
    let processor = Processor::new(Extractor::new(Default::default()), filter, false, false);
    let mut group = c.benchmark_group("process");
    group.sample_size(20);
    for (name, pages) in pages_by_class() {
        let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{name}/{}pages", pages.len()), |b| {
            b.iter(|| {
                for page in &pages {
                    // Rejections (no article) are results too: time them the same way.
                    let _ = black_box(processor.process(black_box(page)));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_process);
criterion_main!(benches);
