//! Fetch benchmark (not a test): N article pages (default 5,000) served by 50 loopback hosts
//! (127.0.1.1 ... 127.0.1.50) that each add 20 ms of latency; `copydesk fetch` runs under
//! `/usr/bin/time -v` with a per-host limit of 2. Reports pages/s, peak RSS, and the ratio to
//! the politeness bound (hosts x per-host limit / latency = 5,000 pages/s) and to a naive
//! baseline (one request at a time, same client library).
//!
//! ```text
//! cargo bench --bench fetch_bench            # 5,000 pages
//! cargo bench --bench fetch_bench -- 20000   # longer list: peak RSS should stay flat
//! ```

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

const HOSTS: usize = 50;
const PER_HOST: usize = 2;
const LATENCY: Duration = Duration::from_millis(20);
const BASELINE_PAGES: usize = 250;

async fn page(Path(n): Path<u32>) -> impl IntoResponse {
    tokio::time::sleep(LATENCY).await;
    let mut body = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>Story {n}</title></head>\
         <body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Story {n}</h1>"
    );
    for p in 0..12 {
        body.push_str(&format!(
            "<p>Paragraph {p} of story {n}: the council met on Tuesday to discuss the budget, \
             and members agreed that the library would stay open on weekends next year.</p>"
        ));
    }
    body.push_str("</article><footer>Copyright</footer></body></html>");
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}

fn main() {
    let pages: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut addrs = Vec::new();
    for i in 1..=HOSTS {
        let listener = rt
            .block_on(tokio::net::TcpListener::bind(format!("127.0.1.{i}:0")))
            .unwrap();
        addrs.push(listener.local_addr().unwrap());
        let app = Router::new().route("/p/{n}", get(page));
        rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    }
    // Round-robin over hosts, as a crawl frontier mixing sites would be.
    let urls: Vec<String> = (0..pages)
        .map(|n| format!("http://{}/p/{n}", addrs[n % HOSTS]))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(&list, urls.join("\n")).unwrap();
    let config = dir.path().join("bench.toml");
    std::fs::write(
        &config,
        format!(
            "[fetch]\nconcurrency = {}\nper_host_concurrency = {PER_HOST}\nprogress_interval_secs = 0\n",
            HOSTS * PER_HOST
        ),
    )
    .unwrap();

    let started = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_copydesk"))
        .args(["fetch", "-c"])
        .arg(&config)
        .arg("-o")
        .arg(dir.path().join("out.jsonl"))
        .arg(&list)
        .output()
        .expect("run /usr/bin/time -v copydesk");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches('%').parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let rss_kb = field("Maximum resident set size (kbytes): ");
    let cpu_secs = field("User time (seconds): ") + field("System time (seconds): ");
    let bound = (HOSTS * PER_HOST) as f64 / LATENCY.as_secs_f64();
    let rate = pages as f64 / wall.as_secs_f64();
    let summary: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.contains(" records, ") || l.contains("rejected at") || l.contains("skipped (")
        })
        .collect();

    // Naive baseline: one request at a time, same HTTP library, no extraction.
    let client = reqwest::Client::new();
    let base_started = Instant::now();
    rt.block_on(async {
        for url in urls.iter().take(BASELINE_PAGES) {
            let body = client.get(url).send().await.unwrap().bytes().await.unwrap();
            assert!(!body.is_empty());
        }
    });
    let base_rate = BASELINE_PAGES.min(pages) as f64 / base_started.elapsed().as_secs_f64();

    // Reference: the best a client can do on this machine under the same politeness, with no
    // pipeline at all: per host, PER_HOST loops each fetching its share back to back.
    let ideal_started = Instant::now();
    rt.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for h in 0..HOSTS {
            for lane in 0..PER_HOST {
                let client = client.clone();
                let mine: Vec<String> = urls
                    .iter()
                    .skip(h)
                    .step_by(HOSTS)
                    .skip(lane)
                    .step_by(PER_HOST)
                    .cloned()
                    .collect();
                tasks.spawn(async move {
                    for url in mine {
                        let body = client
                            .get(&url)
                            .send()
                            .await
                            .unwrap()
                            .bytes()
                            .await
                            .unwrap();
                        assert!(!body.is_empty());
                    }
                });
            }
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
    });
    let ideal_rate = pages as f64 / ideal_started.elapsed().as_secs_f64();

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "fetch_bench: {pages} pages, {HOSTS} hosts, +{LATENCY:?} latency, per-host limit {PER_HOST}"
    )
    .unwrap();
    for line in summary {
        writeln!(out, "  copydesk: {}", line.trim()).unwrap();
    }
    writeln!(
        out,
        "  copydesk fetch: {:.2}s wall, {rate:.0} pages/s, peak RSS {:.1} MiB, CPU {cpu_secs:.2}s user+sys",
        wall.as_secs_f64(),
        rss_kb / 1024.0
    )
    .unwrap();
    writeln!(
        out,
        "  politeness bound: {bound:.0} pages/s -> {:.0}% of it",
        100.0 * rate / bound
    )
    .unwrap();
    writeln!(
        out,
        "  ideal polite client (100 loops, no pipeline, same machine): {ideal_rate:.0} pages/s -> copydesk reaches {:.0}% of it",
        100.0 * rate / ideal_rate
    )
    .unwrap();
    writeln!(
        out,
        "  naive baseline (one request at a time, {BASELINE_PAGES} pages): {base_rate:.0} pages/s -> copydesk is {:.0}x",
        rate / base_rate
    )
    .unwrap();
}
