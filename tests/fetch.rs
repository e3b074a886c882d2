//! The fetch stage against real HTTP servers on loopback (axum; different 127.0.0.x addresses
//! and ports act as different hosts). Nothing here touches the network.
//!
//! Most tests drive the library (`fetch::run`) and look at the fetch outcomes and decoded
//! pages, so they do not depend on what the extractor makes of the pages. The last test runs
//! the real binary, kills it and resumes.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use copydesk::fetch::{self, FetchOutcome, ListSource};
use copydesk::output::ResumeState;
use copydesk::{FetchConfig, FetchError, FetchInfo, FetchPlan, Page, PageError};
use tokio::runtime::Runtime;

// ---------------------------------------------------------------- servers

/// Requests seen by one server: count per path, start times, in-flight high-water mark.
#[derive(Default)]
struct Seen {
    counts: Mutex<HashMap<String, usize>>,
    starts: Mutex<Vec<(String, Instant)>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Seen {
    fn hit(&self, path: &str) -> usize {
        self.starts
            .lock()
            .unwrap()
            .push((path.to_string(), Instant::now()));
        let mut counts = self.counts.lock().unwrap();
        let n = counts.entry(path.to_string()).or_default();
        *n += 1;
        *n
    }

    fn count(&self, path: &str) -> usize {
        self.counts.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    fn starts(&self, prefix: &str) -> Vec<Instant> {
        let starts = self.starts.lock().unwrap();
        starts
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, t)| *t)
            .collect()
    }
}

type S = State<Arc<Seen>>;

fn article(title: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>The first paragraph of the story says something worth reading about {title}.</p>\
         <p>A second paragraph follows, long enough to be part of the article body.</p>\
         </article></body></html>"
    )
}

fn html(body: impl Into<axum::body::Body>) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(body.into())
        .unwrap()
}

fn redirect(to: &str) -> Response {
    Response::builder()
        .status(StatusCode::FOUND)
        .header(header::LOCATION, to)
        .body(axum::body::Body::empty())
        .unwrap()
}

/// A redirect to another host: `/off/{ip}/{port}/{kind}/{name}` -> `http://ip:port/kind/name`.
async fn offsite(Path((ip, port, kind, name)): Path<(String, u16, String, String)>) -> Response {
    redirect(&format!("http://{ip}:{port}/{kind}/{name}"))
}

async fn page(State(seen): S, Path(name): Path<String>) -> Response {
    seen.hit(&format!("/page/{name}"));
    html(article(&name))
}

async fn status_route(State(seen): S, Path(code): Path<u16>) -> Response {
    seen.hit(&format!("/status/{code}"));
    (StatusCode::from_u16(code).unwrap(), "no").into_response()
}

/// 500 the first time, then the page.
async fn flaky(State(seen): S) -> Response {
    if seen.hit("/flaky") == 1 {
        (StatusCode::INTERNAL_SERVER_ERROR, "oops").into_response()
    } else {
        html(article("flaky"))
    }
}

/// 429 with Retry-After: 1 the first time, then the page.
async fn limited(State(seen): S) -> Response {
    if seen.hit("/limited") == 1 {
        (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "1")],
            "slow down",
        )
            .into_response()
    } else {
        html(article("limited"))
    }
}

async fn hang(State(seen): S) -> Response {
    seen.hit("/hang");
    tokio::time::sleep(Duration::from_secs(30)).await;
    html(article("too late"))
}

async fn slow(State(seen): S, Path(name): Path<String>) -> Response {
    seen.hit(&format!("/slow/{name}"));
    let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    seen.max_in_flight.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(60)).await;
    seen.in_flight.fetch_sub(1, Ordering::SeqCst);
    html(article(&name))
}

async fn chain(Path(n): Path<u32>) -> Response {
    redirect(&format!("/chain/{}", n + 1))
}

fn encoded(encoding: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html")
        .header(header::CONTENT_ENCODING, encoding)
        .body(axum::body::Body::from(body))
        .unwrap()
}

async fn gzip(headers: HeaderMap) -> Response {
    assert!(accepts(&headers, "gzip"));
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(article("gzipped").as_bytes()).unwrap();
    encoded("gzip", enc.finish().unwrap())
}

async fn brotli(headers: HeaderMap) -> Response {
    assert!(accepts(&headers, "br"));
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        enc.write_all(article("brotlied").as_bytes()).unwrap();
    }
    encoded("br", out)
}

fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains(coding))
}

async fn latin1() -> Response {
    let doc = article("café déjà vu");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&doc);
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=ISO-8859-1")
        .body(axum::body::Body::from(bytes.into_owned()))
        .unwrap()
}

const JAPANESE: &str = "日本語の記事です。東京の天気は晴れで、気温は二十度まで上がる見込みです。\
                        週末には各地で祭りが開かれ、多くの人が訪れると予想されています。";

/// Shift_JIS bytes, no charset in the header and no `<meta>`: detection must find it.
async fn sjis() -> Response {
    let doc = format!(
        "<html><head><title>ニュース</title></head><body><article><p>{JAPANESE}</p>\
         <p>{JAPANESE}</p></article></body></html>"
    );
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&doc);
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html")
        .body(axum::body::Body::from(bytes.into_owned()))
        .unwrap()
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

async fn png() -> Response {
    ([(header::CONTENT_TYPE, "image/png")], PNG).into_response()
}

async fn png_as_html() -> Response {
    ([(header::CONTENT_TYPE, "text/html")], PNG).into_response()
}

async fn big() -> Response {
    html(vec![b'a'; 300_000])
}

async fn robots() -> &'static str {
    "User-agent: *\nDisallow: /page/private\nCrawl-delay: 0.3\n"
}

fn router(seen: Arc<Seen>) -> Router {
    Router::new()
        .route("/page/{name}", get(page))
        .route("/status/{code}", get(status_route))
        .route("/flaky", get(flaky))
        .route("/limited", get(limited))
        .route("/hang", get(hang))
        .route("/slow/{name}", get(slow))
        .route("/redirect", get(|| async { redirect("/page/target") }))
        .route("/loop/a", get(|| async { redirect("/loop/b") }))
        .route("/loop/b", get(|| async { redirect("/loop/a") }))
        .route("/chain/{n}", get(chain))
        .route("/off/{ip}/{port}/{kind}/{name}", get(offsite))
        .route("/gzip", get(gzip))
        .route("/brotli", get(brotli))
        .route("/latin1", get(latin1))
        .route("/sjis", get(sjis))
        .route("/png", get(png))
        .route("/png-as-html", get(png_as_html))
        .route("/big", get(big))
        .with_state(seen)
}

/// A host: its own server (address and port) and request log.
struct Host {
    addr: SocketAddr,
    seen: Arc<Seen>,
}

impl Host {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Starts a server on `ip` (any free port), with or without a robots.txt.
fn host(rt: &Runtime, ip: &str, with_robots: bool) -> Host {
    host_on(rt, ip, 0, with_robots)
}

fn host_on(rt: &Runtime, ip: &str, port: u16, with_robots: bool) -> Host {
    let seen = Arc::new(Seen::default());
    let mut app = router(Arc::clone(&seen));
    if with_robots {
        let counter = Arc::clone(&seen);
        app = app.route(
            "/robots.txt",
            get(move || {
                counter.hit("/robots.txt");
                robots()
            }),
        );
    }
    let listener = rt
        .block_on(tokio::net::TcpListener::bind((ip, port)))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    Host { addr, seen }
}

/// A raw server that sends headers and then an endless body (no length): the cap must stop
/// the read while streaming.
fn endless_server(rt: &Runtime) -> SocketAddr {
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", 0)))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let head =
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n";
                if socket.write_all(head).await.is_err() {
                    return;
                }
                let chunk = vec![b'x'; 64 * 1024];
                while socket.write_all(&chunk).await.is_ok() {}
            });
        }
    });
    addr
}

// ---------------------------------------------------------------- running the fetch stage

/// Fast settings for tests: short timeouts and backoffs, no robots unless asked.
fn quick() -> FetchConfig {
    FetchConfig {
        timeout_secs: 2.0,
        connect_timeout_secs: 1.0,
        retries: 2,
        retry_base_delay_ms: 10,
        max_retry_delay_secs: 2.0,
        respect_robots: false,
        progress_interval_secs: 0.0,
        ..FetchConfig::default()
    }
}

type Result1 = Result<(Page, FetchInfo), FetchError>;

/// Fetches `urls` through the library; outcomes in list order, with the time each came out.
fn fetch_timed(config: FetchConfig, urls: &[String]) -> Vec<(Result1, Duration)> {
    let mut problems = Vec::new();
    let settings = config.build(&mut problems).expect("valid test config");
    let lists = urls.iter().map(|u| ListSource::Url(u.clone())).collect();
    let plan = FetchPlan::new(lists, settings).unwrap();
    let started = Instant::now();
    let mut out = Vec::new();
    fetch::run(&plan, &mut ResumeState::default(), &mut |outcome| {
        let (seq, result) = match outcome {
            FetchOutcome::Page(page) => (page.seq, page.to_page().map(|p| (p, page.info()))),
            FetchOutcome::Reject { seq, error, .. } => (seq, Err(error)),
            FetchOutcome::Skipped { .. } => return true,
        };
        out.push((seq, result, started.elapsed()));
        true
    })
    .unwrap();
    out.sort_by_key(|(seq, _, _)| *seq);
    let seqs: Vec<u64> = out.iter().map(|(s, _, _)| *s).collect();
    assert_eq!(
        seqs,
        (0..urls.len() as u64).collect::<Vec<_>>(),
        "one outcome per URL"
    );
    out.into_iter().map(|(_, r, t)| (r, t)).collect()
}

fn fetch_all(config: FetchConfig, urls: &[String]) -> Vec<Result1> {
    fetch_timed(config, urls)
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

fn fetch_one(config: FetchConfig, url: String) -> Result1 {
    fetch_all(config, &[url]).pop().unwrap()
}

fn fetch_error(result: Result1) -> FetchError {
    match result {
        Err(e) => e,
        other => panic!("expected a fetch error, got {other:?}"),
    }
}

// ---------------------------------------------------------------- tests

#[test]
fn success_keeps_status_type_and_urls() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let (page, info) = fetch_one(quick(), a.url("/page/hello")).unwrap();
    assert!(page.text.contains("The first paragraph of the story"));
    assert_eq!(page.source, a.url("/page/hello"));
    assert_eq!(info.status, 200);
    assert_eq!(
        info.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(info.requested_url, a.url("/page/hello"));
    assert_eq!(info.final_url, a.url("/page/hello"));
    assert!(info.fetched_at.ends_with('Z'), "{}", info.fetched_at);
}

#[test]
fn redirect_records_the_final_url() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let (page, info) = fetch_one(quick(), a.url("/redirect")).unwrap();
    assert_eq!(info.requested_url, a.url("/redirect"));
    assert_eq!(info.final_url, a.url("/page/target"));
    assert_eq!(page.url.unwrap().as_str(), a.url("/page/target"));
    assert_eq!(page.source, a.url("/redirect"));
}

#[test]
fn redirect_loop_and_too_many_redirects_are_rejects() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let config = FetchConfig {
        max_redirects: 3,
        ..quick()
    };
    let results = fetch_all(config, &[a.url("/loop/a"), a.url("/chain/0")]);
    let mut results = results.into_iter();
    let e = fetch_error(results.next().unwrap());
    assert!(
        matches!(&e, FetchError::RedirectLoop { url } if url.ends_with("/loop/a")),
        "{e:?}"
    );
    assert!(!e.is_transient());
    let e = fetch_error(results.next().unwrap());
    assert!(
        matches!(e, FetchError::TooManyRedirects { limit: 3 }),
        "{e:?}"
    );
}

#[test]
fn not_found_is_not_retried() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let e = fetch_error(fetch_one(quick(), a.url("/status/404")));
    assert!(matches!(e, FetchError::Status { status: 404, .. }), "{e:?}");
    assert!(!e.is_transient());
    assert_eq!(a.seen.count("/status/404"), 1);
}

#[test]
fn server_error_then_success_is_retried() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let (_, info) = fetch_one(quick(), a.url("/flaky")).unwrap();
    assert_eq!(info.status, 200);
    assert_eq!(a.seen.count("/flaky"), 2);
}

#[test]
fn persistent_server_error_gives_up_after_the_retries() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let e = fetch_error(fetch_one(quick(), a.url("/status/503")));
    assert!(
        matches!(&e, FetchError::GaveUp { attempts: 3, .. }),
        "{e:?}"
    );
    assert!(e.is_transient(), "a resumed run tries again");
    assert_eq!(a.seen.count("/status/503"), 3);
}

#[test]
fn too_many_requests_waits_for_retry_after() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let (_, info) = fetch_one(quick(), a.url("/limited")).unwrap();
    assert_eq!(info.status, 200);
    let starts = a.seen.starts("/limited");
    assert_eq!(starts.len(), 2);
    let gap = starts[1] - starts[0];
    assert!(gap >= Duration::from_millis(950), "retried after {gap:?}");
}

#[test]
fn a_server_that_never_answers_times_out_without_stalling_other_hosts() {
    let rt = runtime();
    let dead = host(&rt, "127.0.0.2", false);
    let alive = host(&rt, "127.0.0.3", false);
    let config = FetchConfig {
        timeout_secs: 0.5,
        retries: 1,
        ..quick()
    };
    let mut urls = vec![dead.url("/hang")];
    urls.extend((0..6).map(|i| alive.url(&format!("/page/p{i}"))));
    let started = Instant::now();
    let results = fetch_timed(config, &urls);
    let (first, dead_at) = &results[0];
    let e = match first {
        Err(e) => e,
        other => panic!("{other:?}"),
    };
    assert!(
        matches!(e, FetchError::GaveUp { attempts: 2, last } if matches!(**last, FetchError::Timeout { .. })),
        "{e:?}"
    );
    assert!(e.is_transient());
    for (result, at) in &results[1..] {
        assert!(result.is_ok(), "{result:?}");
        assert!(at < dead_at, "other host waited for the dead one: {at:?}");
    }
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn bodies_over_the_limit_are_cut_while_streaming() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let endless = endless_server(&rt);
    let config = FetchConfig {
        max_body_bytes: 100_000,
        ..quick()
    };
    let started = Instant::now();
    let results = fetch_all(config, &[a.url("/big"), format!("http://{endless}/")]);
    for result in results {
        let e = fetch_error(result);
        assert!(
            matches!(e, FetchError::TooLarge { limit: 100_000 }),
            "{e:?}"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(2), "no timeout");
}

#[test]
fn gzip_and_brotli_bodies_are_decompressed() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let results = fetch_all(quick(), &[a.url("/gzip"), a.url("/brotli")]);
    let (page, _) = results[0].as_ref().unwrap();
    assert!(page.text.contains("<h1>gzipped</h1>"), "{}", page.text);
    let (page, _) = results[1].as_ref().unwrap();
    assert!(page.text.contains("<h1>brotlied</h1>"), "{}", page.text);
}

#[test]
fn latin1_header_and_undeclared_shift_jis_decode_to_utf8() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let results = fetch_all(quick(), &[a.url("/latin1"), a.url("/sjis")]);
    let (page, _) = results[0].as_ref().unwrap();
    assert!(page.text.contains("<h1>café déjà vu</h1>"), "{}", page.text);
    let (page, _) = results[1].as_ref().unwrap();
    assert!(page.text.contains(JAPANESE), "{}", page.text);
    assert!(page.text.contains("<title>ニュース</title>"));
}

#[test]
fn images_are_rejected() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let results = fetch_all(quick(), &[a.url("/png"), a.url("/png-as-html")]);
    let mut results = results.into_iter();
    let e = fetch_error(results.next().unwrap());
    assert!(
        matches!(&e, FetchError::UnsupportedContentType { content_type } if content_type == "image/png"),
        "{e:?}"
    );
    assert_eq!(e.to_string(), "unsupported content type image/png");
    // Mislabelled: the binary sniffer still catches it before extraction.
    assert!(matches!(
        results.next().unwrap(),
        Err(FetchError::Decode(PageError::Binary { kind: "png" }))
    ));
}

#[test]
fn duplicates_after_normalization_are_fetched_once() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let url = a.url("/page/dup");
    let shouting = url.replace("http://", "HTTP://");
    let results = fetch_all(quick(), &[url.clone(), shouting, format!("{url}#comments")]);
    assert!(results[0].is_ok());
    for dup in &results[1..] {
        let Err(FetchError::Duplicate { of }) = dup else {
            panic!("{dup:?}");
        };
        assert_eq!(of, &url);
    }
    assert_eq!(a.seen.count("/page/dup"), 1);
}

#[test]
fn robots_disallow_and_crawl_delay_are_obeyed() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", true);
    let config = FetchConfig {
        respect_robots: true,
        ..quick()
    };
    let mut urls = vec![a.url("/page/private")];
    urls.extend((0..3).map(|i| a.url(&format!("/page/p{i}"))));
    let results = fetch_all(config.clone(), &urls);
    let e = fetch_error(results.into_iter().next().unwrap());
    assert!(matches!(e, FetchError::RobotsDisallowed), "{e:?}");
    assert_eq!(a.seen.count("/page/private"), 0);
    assert_eq!(a.seen.count("/robots.txt"), 1, "fetched once per host");
    let starts = a.seen.starts("/page/p");
    assert_eq!(starts.len(), 3);
    for pair in starts.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(280),
            "crawl-delay 0.3s, got {gap:?}"
        );
    }
    // Turned off: the disallowed page is fetched and robots.txt is not asked for.
    let b = host(&rt, "127.0.0.2", true);
    let off = FetchConfig {
        respect_robots: false,
        ..config
    };
    assert!(fetch_one(off, b.url("/page/private")).is_ok());
    assert_eq!(b.seen.count("/robots.txt"), 0);
}

/// Issue 16, item 9: a redirect to another host is checked against that host's robots.txt.
#[test]
fn issue_16_cross_host_redirect_obeys_the_target_robots_txt() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let b = host(&rt, "127.0.0.2", true);
    let config = FetchConfig {
        respect_robots: true,
        ..quick()
    };
    let port = b.addr.port();
    let urls = vec![
        a.url(&format!("/off/127.0.0.2/{port}/page/private")),
        a.url(&format!("/off/127.0.0.2/{port}/page/open")),
    ];
    let results = fetch_all(config, &urls);
    let mut results = results.into_iter();
    let e = fetch_error(results.next().unwrap());
    assert!(matches!(e, FetchError::RobotsDisallowed), "{e:?}");
    assert_eq!(b.seen.count("/page/private"), 0, "disallowed page fetched");
    let (page, info) = results.next().unwrap().unwrap();
    assert_eq!(info.final_url, b.url("/page/open"));
    assert_eq!(page.source, urls[1]);
    assert_eq!(b.seen.count("/robots.txt"), 1);
}

/// Issue 16, item 9: redirects into a host count against that host's per-host limit.
#[test]
fn issue_16_cross_host_redirects_respect_the_target_per_host_limit() {
    let rt = runtime();
    let target = host(&rt, "127.0.0.3", false);
    let port = target.addr.port();
    let sources: Vec<Host> = ["127.0.0.4", "127.0.0.5", "127.0.0.6"]
        .iter()
        .map(|ip| host(&rt, ip, false))
        .collect();
    let urls: Vec<String> = sources
        .iter()
        .flat_map(|h| (0..3).map(move |i| h.url(&format!("/off/127.0.0.3/{port}/slow/{i}"))))
        .collect();
    let config = FetchConfig {
        concurrency: 16,
        per_host_concurrency: 1,
        ..quick()
    };
    let results = fetch_all(config, &urls);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(
        target.seen.max_in_flight.load(Ordering::SeqCst),
        1,
        "the target host's limit"
    );
}

#[test]
fn per_host_limit_is_never_exceeded() {
    let rt = runtime();
    let hosts: Vec<Host> = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
        .iter()
        .map(|ip| host(&rt, ip, false))
        .collect();
    // Host-sorted list: the scheduler must still spread work across hosts.
    let urls: Vec<String> = hosts
        .iter()
        .flat_map(|h| (0..10).map(move |i| h.url(&format!("/slow/{i}"))))
        .collect();
    let config = FetchConfig {
        concurrency: 16,
        per_host_concurrency: 2,
        ..quick()
    };
    let started = Instant::now();
    let results = fetch_all(config, &urls);
    let elapsed = started.elapsed();
    assert!(results.iter().all(Result::is_ok));
    for h in &hosts {
        assert_eq!(
            h.seen.max_in_flight.load(Ordering::SeqCst),
            2,
            "per-host limit"
        );
    }
    // 10 pages x 60 ms / 2 per host, hosts in parallel: ~0.3 s; one at a time would be 1.8 s.
    assert!(elapsed < Duration::from_millis(1600), "{elapsed:?}");
}

#[test]
fn per_host_delay_spaces_requests() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let config = FetchConfig {
        per_host_delay_ms: 150,
        ..quick()
    };
    let urls: Vec<String> = (0..3).map(|i| a.url(&format!("/page/d{i}"))).collect();
    fetch_all(config, &urls);
    let starts = a.seen.starts("/page/d");
    for pair in starts.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(140));
    }
}

#[test]
fn connection_refused_is_a_transient_reject() {
    // Bind and drop: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = FetchConfig {
        retries: 1,
        ..quick()
    };
    let e = fetch_error(fetch_one(config, format!("http://127.0.0.1:{port}/")));
    assert!(
        matches!(&e, FetchError::GaveUp { last, .. } if matches!(**last, FetchError::Connect(_))),
        "{e:?}"
    );
    assert!(e.is_transient());
}

// ---------------------------------------------------------------- the binary: kill and resume

/// Slow pages from every host (`per_host` each, interleaved), then `extra` paths on the first
/// host: the URL list of the kill-and-resume tests.
fn slow_urls(hosts: &[Host], per_host: usize, extra: &[&str]) -> Vec<String> {
    let mut urls: Vec<String> = (0..per_host)
        .flat_map(|i| hosts.iter().map(move |h| h.url(&format!("/slow/{i}"))))
        .collect();
    urls.extend(extra.iter().map(|path| hosts[0].url(path)));
    urls
}

/// Writes `urls.txt` and a `pipeline.toml` (one request per host at a time, no robots.txt, no
/// progress lines, plus `extra_config`) into `dir`, and returns a closure that starts
/// `copydesk fetch` on them there, stdout discarded and stderr piped.
fn fetch_job(
    dir: &std::path::Path,
    urls: &[String],
    extra_config: &str,
) -> impl Fn() -> std::process::Child {
    std::fs::write(dir.join("urls.txt"), urls.join("\n")).unwrap();
    std::fs::write(
        dir.join("pipeline.toml"),
        format!(
            "[fetch]\nper_host_concurrency = 1\nrespect_robots = false\nprogress_interval_secs = 0\n{extra_config}"
        ),
    )
    .unwrap();
    let dir = dir.to_path_buf();
    move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .current_dir(&dir)
            .args([
                "fetch",
                "-c",
                "pipeline.toml",
                "-o",
                "out.jsonl",
                "urls.txt",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

fn read_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn killed_run_resumes_without_refetching_or_duplicates() {
    let rt = runtime();
    let hosts = [host(&rt, "127.0.0.2", false), host(&rt, "127.0.0.3", false)];
    let dir = tempfile::tempdir().unwrap();
    let urls = slow_urls(&hosts, 25, &["/status/404", "/slow/0"]); // the last one is a duplicate
    let run = fetch_job(dir.path(), &urls, "");
    let out = dir.path().join("out.jsonl");
    let rejects = dir.path().join("out.rejects.jsonl");
    // 25 pages per host, one at a time, 60 ms each: about 1.5 s. Kill it part-way.
    let mut child = run();
    let deadline = Instant::now() + Duration::from_secs(10);
    while read_lines(&out).len() + read_lines(&rejects).len() < 12 {
        assert!(Instant::now() < deadline, "first run made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let first: Vec<String> = read_lines(&out)
        .into_iter()
        .chain(read_lines(&rejects))
        .map(|v| v["source"].as_str().unwrap().to_string())
        .collect();
    assert!(first.len() < urls.len(), "killed before the end");

    let output = run().wait_with_output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "skipped (finished by a previous run): {}",
            first.len()
        )),
        "{stderr}"
    );
    let mut all: Vec<String> = read_lines(&out)
        .into_iter()
        .chain(read_lines(&rejects))
        .map(|v| v["source"].as_str().unwrap().to_string())
        .collect();
    all.sort();
    let mut expected = urls.clone();
    expected.sort();
    assert_eq!(all, expected, "every URL exactly once across both runs");
    // What the first run finished was not fetched again.
    for source in first.iter().filter(|s| s.contains("/slow/")) {
        let host = hosts
            .iter()
            .find(|h| source.starts_with(&h.url("")))
            .unwrap();
        let path = source.trim_start_matches(&host.url(""));
        assert_eq!(host.seen.count(path), 1, "{source} refetched");
    }
    // A third run has nothing left to do.
    let output = run().wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "skipped (finished by a previous run): {}",
            urls.len()
        )),
        "{stderr}"
    );
}

#[test]
fn transient_rejects_are_retried_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    // A port where nothing listens yet.
    let port = std::net::TcpListener::bind("127.0.0.5:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = format!("http://127.0.0.5:{port}/page/later");
    std::fs::write(dir.path().join("urls.txt"), format!("{down}\nnot a url\n")).unwrap();
    std::fs::write(
        dir.path().join("pipeline.toml"),
        "[fetch]\nretries = 0\nrespect_robots = false\nprogress_interval_secs = 0\n",
    )
    .unwrap();
    let run = || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .current_dir(dir.path())
            .args([
                "fetch",
                "-c",
                "pipeline.toml",
                "-o",
                "out.jsonl",
                "urls.txt",
            ])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let rejects = dir.path().join("out.rejects.jsonl");
    let stderr = run();
    assert!(
        stderr.contains("rejected at fetch: cannot connect: 1"),
        "{stderr}"
    );
    let lines = read_lines(&rejects);
    assert_eq!(lines.len(), 2);
    let refused = lines.iter().find(|l| l["source"] == down.as_str()).unwrap();
    assert_eq!(refused["transient"], true);
    assert!(
        refused["reason"]
            .as_str()
            .unwrap()
            .starts_with("cannot connect")
    );

    // The host comes up: the next run fetches the transient one only.
    let rt = runtime();
    let up = host_on(&rt, "127.0.0.5", port, false);
    let stderr = run();
    assert!(
        stderr.contains("skipped (finished by a previous run): 1"),
        "{stderr}"
    );
    assert_eq!(up.seen.count("/page/later"), 1);
    let all: Vec<String> = read_lines(&dir.path().join("out.jsonl"))
        .into_iter()
        .chain(read_lines(&rejects))
        .map(|v| v["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        read_lines(&rejects)
            .iter()
            .all(|l| l.get("transient").is_none())
    );
}

#[test]
fn responses_are_archived_to_warc() {
    use std::io::Read;
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.warc.gz");
    let config = FetchConfig {
        warc: Some(path.clone()),
        ..quick()
    };
    let results = fetch_all(
        config,
        &[a.url("/gzip"), a.url("/status/404"), a.url("/redirect")],
    );
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(
        text.matches("WARC/1.1\r\nWARC-Type: response\r\n").count(),
        2,
        "{text}"
    );
    assert!(text.contains(&format!("WARC-Target-URI: {}\r\n", a.url("/gzip"))));
    assert!(text.contains(&format!("WARC-Target-URI: {}\r\n", a.url("/page/target"))));
    assert!(text.contains(&format!(
        "WARC-Copydesk-Requested-URI: {}\r\n",
        a.url("/redirect")
    )));
    assert!(text.contains("HTTP/1.1 200 OK\r\n"));
    assert!(text.contains("<h1>gzipped</h1>"), "payload stored decoded");
    assert!(!text.to_ascii_lowercase().contains("content-encoding"));
}

// ---------------------------------------------------------------- hostile servers (issue 7)

/// How a raw server misbehaves. Raw `TcpListener` servers, because a well-behaved HTTP
/// framework cannot lie about lengths, trickle, or reset mid-body.
#[derive(Clone, Copy)]
enum Hostile {
    /// `Content-Encoding: gzip` whose body inflates to 100 MiB of zeros.
    GzipBomb,
    /// `Content-Encoding: gzip` on bytes that are not gzip.
    CorruptGzip,
    /// Headers at once, then one body byte per second.
    Trickle,
    /// `/hop/N` redirects to `/hop/N+1` on the next of `hops` hosts, forever.
    Hop,
    /// `Content-Length` larger than the body, then the connection closes.
    LengthTooLong,
    /// `Content-Length` smaller than the body sent (keep-alive: the rest lingers).
    LengthTooShort,
    /// Part of the body, then a TCP reset.
    Reset,
    /// 50,000 response headers.
    ManyHeaders,
    /// HTTP 200 whose page is a site error message.
    ErrorPage,
}

fn error_page() -> String {
    let para = "We are sorry, but something went wrong on our side while loading this page. \
                Our engineers have been told about the problem and are working to fix it. ";
    format!(
        "<!doctype html><html><head><title>Something went wrong</title></head><body><main>\
         <h1>Something went wrong</h1><p>{para}{para}</p><p>{para}</p><p>{para}{para}</p>\
         </main></body></html>"
    )
}

/// 100 MiB of zeros, gzip'd (about 100 KB on the wire).
static GZIP_BOMB: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..100 {
        enc.write_all(&zeros).unwrap();
    }
    enc.finish().unwrap()
});

/// Reads one request head; returns its path, or `None` when the client went away.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = socket.read(&mut buf).await.ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&head);
    Some(line.split_whitespace().nth(1)?.to_string())
}

/// Serves one connection (requests in a loop, keep-alive) the way `kind` misbehaves.
async fn misbehave(mut socket: tokio::net::TcpStream, kind: Hostile, hops: Arc<Vec<SocketAddr>>) {
    use tokio::io::AsyncWriteExt;
    while let Some(path) = read_request(&mut socket).await {
        let head = |extra: &str| {
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}\r\n")
        };
        let page = article("hostile");
        let done = match kind {
            Hostile::GzipBomb => {
                let body = &*GZIP_BOMB;
                let head = head(&format!(
                    "Content-Encoding: gzip\r\nContent-Length: {}\r\n",
                    body.len()
                ));
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body).await;
                false
            }
            Hostile::CorruptGzip => {
                let body = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xffnot a deflate stream at all";
                let head = head(&format!(
                    "Content-Encoding: gzip\r\nContent-Length: {}\r\n",
                    body.len()
                ));
                let _ = socket.write_all(head.as_bytes()).await;
                socket.write_all(body).await.is_err()
            }
            Hostile::Trickle => {
                let _ = socket
                    .write_all(head("Content-Length: 100000\r\n").as_bytes())
                    .await;
                loop {
                    if socket.write_all(b"x").await.is_err() {
                        break true;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
            Hostile::Hop => {
                let n: usize = path.rsplit('/').next().unwrap().parse().unwrap();
                let next = hops[(n + 1) % hops.len()];
                let reply = format!(
                    "HTTP/1.1 302 Found\r\nLocation: http://{next}/hop/{}\r\nContent-Length: 0\r\n\r\n",
                    n + 1
                );
                socket.write_all(reply.as_bytes()).await.is_err()
            }
            Hostile::LengthTooLong => {
                let head = head(&format!("Content-Length: {}\r\n", page.len() + 5000));
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(page.as_bytes()).await;
                true // close: the client must notice the body ended early
            }
            Hostile::LengthTooShort => {
                let head = head(&format!("Content-Length: {}\r\n", page.len() / 2));
                let _ = socket.write_all(head.as_bytes()).await;
                socket.write_all(page.as_bytes()).await.is_err()
            }
            Hostile::Reset => {
                let head = head(&format!("Content-Length: {}\r\n", page.len()));
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&page.as_bytes()[..page.len() / 3]).await;
                let _ = socket.flush().await;
                // SO_LINGER 0: closing sends RST instead of FIN. With a zero timeout the drop
                // does not block, which is what the deprecation warns about.
                #[allow(deprecated)]
                let _ = socket.set_linger(Some(Duration::ZERO));
                true
            }
            Hostile::ManyHeaders => {
                let mut extra = String::with_capacity(50_000 * 24);
                for i in 0..50_000 {
                    extra.push_str(&format!("X-Junk-{i}: {i}\r\n"));
                }
                extra.push_str(&format!("Content-Length: {}\r\n", page.len()));
                let _ = socket.write_all(head(&extra).as_bytes()).await;
                socket.write_all(page.as_bytes()).await.is_err()
            }
            Hostile::ErrorPage => {
                let page = error_page();
                let head = head(&format!("Content-Length: {}\r\n", page.len()));
                let _ = socket.write_all(head.as_bytes()).await;
                socket.write_all(page.as_bytes()).await.is_err()
            }
        };
        if done {
            return;
        }
    }
}

/// Binds raw servers on `ips` (any free port each) that all misbehave as `kind`.
fn hostile_servers(rt: &Runtime, ips: &[&str], kind: Hostile) -> Vec<SocketAddr> {
    if matches!(kind, Hostile::GzipBomb) {
        std::sync::LazyLock::force(&GZIP_BOMB); // built here, not on a server thread
    }
    let listeners: Vec<_> = ips
        .iter()
        .map(|ip| {
            rt.block_on(tokio::net::TcpListener::bind((*ip, 0)))
                .unwrap()
        })
        .collect();
    let addrs: Arc<Vec<SocketAddr>> =
        Arc::new(listeners.iter().map(|l| l.local_addr().unwrap()).collect());
    for listener in listeners {
        let hops = Arc::clone(&addrs);
        rt.spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(misbehave(socket, kind, Arc::clone(&hops)));
            }
        });
    }
    addrs.to_vec()
}

fn hostile_server(rt: &Runtime, ip: &str, kind: Hostile) -> String {
    format!("http://{}", hostile_servers(rt, &[ip], kind)[0])
}

#[test]
fn gzip_bomb_over_http_is_cut_at_the_body_cap_and_corrupt_gzip_is_final() {
    let rt = runtime();
    let bomb = hostile_server(&rt, "127.0.0.1", Hostile::GzipBomb);
    let config = FetchConfig {
        max_body_bytes: 1 << 20,
        ..quick()
    };
    let e = fetch_error(fetch_one(config, format!("{bomb}/bomb")));
    assert!(
        matches!(e, FetchError::TooLarge { limit } if limit == 1 << 20),
        "{e:?}"
    );
    assert!(!e.is_transient());
    // Corrupt compressed content is final too (unlike a transfer that broke off).
    let corrupt = hostile_server(&rt, "127.0.0.2", Hostile::CorruptGzip);
    let e = fetch_error(fetch_one(quick(), format!("{corrupt}/page")));
    assert!(matches!(e, FetchError::Body(_)), "{e:?}");
    assert!(!e.is_transient(), "{e:?}");
}

#[test]
fn trickling_server_hits_the_total_timeout() {
    let rt = runtime();
    let trickle = hostile_server(&rt, "127.0.0.1", Hostile::Trickle);
    let config = FetchConfig {
        timeout_secs: 1.5,
        retries: 0,
        ..quick()
    };
    let results = fetch_timed(config, &[format!("{trickle}/slowly")]);
    let (result, at) = &results[0];
    let Err(e) = result else {
        panic!("{result:?}");
    };
    assert!(matches!(e, FetchError::Timeout { .. }), "{e:?}");
    assert!(*at < Duration::from_secs(5), "timed out only after {at:?}");
}

#[test]
fn endless_redirects_across_hosts_stop_at_the_limit() {
    let rt = runtime();
    let hops = hostile_servers(
        &rt,
        &["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"],
        Hostile::Hop,
    );
    let config = FetchConfig {
        max_redirects: 7,
        ..quick()
    };
    let e = fetch_error(fetch_one(config, format!("http://{}/hop/0", hops[0])));
    assert!(
        matches!(e, FetchError::TooManyRedirects { limit: 7 }),
        "{e:?}"
    );
}

#[test]
fn lying_content_lengths_end_as_rejects_or_records() {
    let rt = runtime();
    let long = hostile_server(&rt, "127.0.0.1", Hostile::LengthTooLong);
    let short = hostile_server(&rt, "127.0.0.2", Hostile::LengthTooShort);
    let config = FetchConfig {
        retries: 1,
        ..quick()
    };
    let urls = [
        format!("{long}/a"),
        format!("{short}/a"),
        format!("{short}/b"),
        format!("{short}/c"),
    ];
    let mut results = fetch_all(config, &urls).into_iter();
    // Longer than the body: the transfer is broken, a (retryable) reject.
    let e = fetch_error(results.next().unwrap());
    assert!(e.is_transient(), "{e:?}");
    // Shorter than the body: the declared length is the page (a truncated one); the bytes
    // past it never leak into the next response on the same connection.
    let full = article("hostile");
    for result in results {
        let (page, _) = result.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(page.text, full[..full.len() / 2]);
    }
}

#[test]
fn connection_reset_mid_body_is_a_transient_reject() {
    let rt = runtime();
    let reset = hostile_server(&rt, "127.0.0.1", Hostile::Reset);
    let e = fetch_error(fetch_one(quick(), format!("{reset}/page")));
    assert!(
        matches!(&e, FetchError::GaveUp { attempts: 3, .. }),
        "retried, then given up: {e:?}"
    );
    assert!(e.is_transient(), "a resumed run tries again");
}

#[test]
fn fifty_thousand_headers_are_a_reject() {
    let rt = runtime();
    let noisy = hostile_server(&rt, "127.0.0.1", Hostile::ManyHeaders);
    let config = FetchConfig {
        retries: 0,
        ..quick()
    };
    let e = fetch_error(fetch_one(config, format!("{noisy}/page")));
    assert!(matches!(e, FetchError::Request(_)), "{e:?}");
}

#[test]
fn http_200_error_page_is_content_and_becomes_a_record() {
    let rt = runtime();
    let server = hostile_server(&rt, "127.0.0.1", Hostile::ErrorPage);
    let (page, info) = fetch_one(quick(), format!("{server}/missing")).unwrap();
    assert_eq!(info.status, 200);
    let processor = copydesk::PipelineConfig::default()
        .build_processor("default".as_ref(), ".".as_ref())
        .unwrap();
    let record = processor.process(&page).unwrap();
    assert!(
        record.text.contains("something went wrong on our side"),
        "{}",
        record.text
    );
}

#[test]
fn hostile_servers_do_not_stall_a_healthy_host() {
    let rt = runtime();
    let healthy = host(&rt, "127.0.0.9", false);
    let hops = hostile_servers(&rt, &["127.0.0.7", "127.0.0.8"], Hostile::Hop);
    let mut urls = vec![
        format!(
            "{}/bomb",
            hostile_server(&rt, "127.0.0.1", Hostile::GzipBomb)
        ),
        format!(
            "{}/slowly",
            hostile_server(&rt, "127.0.0.2", Hostile::Trickle)
        ),
        format!("http://{}/hop/0", hops[0]),
        format!(
            "{}/a",
            hostile_server(&rt, "127.0.0.3", Hostile::LengthTooLong)
        ),
        format!(
            "{}/a",
            hostile_server(&rt, "127.0.0.4", Hostile::LengthTooShort)
        ),
        format!("{}/a", hostile_server(&rt, "127.0.0.5", Hostile::Reset)),
        format!(
            "{}/a",
            hostile_server(&rt, "127.0.0.6", Hostile::ManyHeaders)
        ),
    ];
    let hostile = urls.len();
    urls.extend((0..12).map(|i| healthy.url(&format!("/page/h{i}"))));
    let timeout = Duration::from_secs(3);
    let config = FetchConfig {
        timeout_secs: timeout.as_secs_f64(),
        retries: 1,
        max_body_bytes: 1 << 20,
        ..quick()
    };
    let results = fetch_timed(config, &urls);
    let (_, trickle_at) = &results[1];
    assert!(
        *trickle_at >= timeout,
        "the trickle ended early: {trickle_at:?}"
    );
    for (result, at) in &results[hostile..] {
        assert!(result.is_ok(), "{result:?}");
        assert!(
            *at < timeout / 2,
            "a healthy page waited for the hostile hosts: {at:?}"
        );
    }
}

// ---------------------------------------------------------------- crash safety (issue 7)

/// Sources of the complete lines of a JSONL output (a torn last line is not counted).
fn complete_sources(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let complete = text.rfind('\n').map_or("", |end| &text[..=end]);
    complete
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["source"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn fetch_killed_at_several_points_and_torn_lines_resume_to_every_url_exactly_once() {
    let rt = runtime();
    let hosts = [host(&rt, "127.0.0.2", false), host(&rt, "127.0.0.3", false)];
    let dir = tempfile::tempdir().unwrap();
    let mut urls = slow_urls(&hosts, 40, &["/status/404"]);
    urls.push(hosts[1].url("/status/410"));
    let run = fetch_job(dir.path(), &urls, "[filter.quality]\nmin_words = 5\n");
    let out = dir.path().join("out.jsonl");
    let rejects = dir.path().join("out.rejects.jsonl");
    let finished = || complete_sources(&out).len() + complete_sources(&rejects).len();
    // 40 pages per host, one at a time, 60 ms each: about 2.5 s per uninterrupted run.
    let mut kills = 0;
    for (round, threshold) in [1, 15, 35, 60].into_iter().enumerate() {
        let mut child = run();
        let deadline = Instant::now() + Duration::from_secs(20);
        while finished() < threshold && Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        // A kill in the middle of a write leaves a torn last line; make sure every file gets
        // one at some point, whatever the timing of the kill.
        let torn = if round % 2 == 0 { &out } else { &rejects };
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(torn)
            .unwrap();
        write!(file, "{{\"seq\":9999,\"source\":\"{}\",\"te", urls[round]).unwrap();
    }
    assert!(
        kills >= 2,
        "only {kills} runs were interrupted: the test proves little"
    );
    let status = run().wait().unwrap();
    assert!(status.success());

    let mut all: Vec<String> = Vec::new();
    for path in [&out, &rejects] {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            text.ends_with('\n'),
            "{} ends with a torn line: {:?}",
            path.display(),
            &text[text.len().saturating_sub(300)..]
        );
        all.extend(complete_sources(path));
    }
    all.sort();
    let mut expected = urls.clone();
    expected.sort();
    assert_eq!(all, expected, "every URL exactly once across all runs");
}

/// Issue 16, item 11: the same page fetched and cleaned locally with `--url` gives the same
/// `url` (canonical when declared, else the URL the page was read from: the final URL for
/// fetch) and the same `site_name` (falling back to the host).
#[test]
fn issue_16_url_and_site_name_agree_between_fetch_and_clean() {
    let rt = runtime();
    let a = host(&rt, "127.0.0.1", false);
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let records: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(records.len(), 1, "{text}");
        records.into_iter().next().unwrap()
    };
    // the test page is short: let it through the word-count filter
    std::fs::write(
        dir.path().join("short.toml"),
        "[filter.quality]\nmin_words = 5\n",
    )
    .unwrap();
    // fetched through a redirect: the record's url is where the page was read from
    let fetched = run(&["fetch", &a.url("/redirect"), "-c", "short.toml"]);
    let final_url = a.url("/page/target");
    assert_eq!(fetched["url"], final_url.as_str());
    assert_eq!(fetched["source"], a.url("/redirect").as_str());
    std::fs::write(dir.path().join("target.html"), article("target")).unwrap();
    let cleaned = run(&[
        "clean",
        "target.html",
        "--url",
        &final_url,
        "-c",
        "short.toml",
    ]);
    for field in ["url", "site_name", "title", "text", "language"] {
        assert_eq!(fetched[field], cleaned[field], "{field}");
    }
    assert_eq!(cleaned["site_name"], "127.0.0.1");
}

// ---------------------------------------------------------------- discovery (issue 17)

/// Fixed documents of a discovery host: path -> (content type, body).
type Docs = HashMap<String, (&'static str, Vec<u8>)>;

/// Serves the fixed documents, articles at `/page/{name}`, and 404 for anything else
/// (robots.txt included, unless it is one of the documents).
async fn serve_doc(
    State((seen, docs)): State<(Arc<Seen>, Arc<Docs>)>,
    uri: axum::http::Uri,
) -> Response {
    let path = uri.path();
    seen.hit(path);
    if let Some(name) = path.strip_prefix("/page/") {
        return html(article(name));
    }
    match docs.get(path) {
        Some((content_type, body)) => {
            ([(header::CONTENT_TYPE, *content_type)], body.clone()).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no").into_response(),
    }
}

/// A host on `ip` serving the documents `docs` makes from its base URL (`http://ip:port`).
fn doc_host(rt: &Runtime, ip: &str, docs: impl FnOnce(&str) -> Docs) -> Host {
    let listener = rt.block_on(tokio::net::TcpListener::bind((ip, 0))).unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Seen::default());
    let docs = Arc::new(docs(&format!("http://{addr}")));
    let app = Router::new()
        .fallback(serve_doc)
        .with_state((Arc::clone(&seen), docs));
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    Host { addr, seen }
}

fn urlset(urls: &[String]) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str(&format!(
            "  <url><loc>{url}</loc><lastmod>2026-12-01</lastmod></url>\n"
        ));
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

fn gzipped(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).unwrap();
    encoder.finish().unwrap()
}

/// What one `copydesk fetch` run left: exit code, records, rejects and stderr.
struct Ran {
    code: Option<i32>,
    records: Vec<serde_json::Value>,
    rejects: Vec<serde_json::Value>,
    stderr: String,
}

impl Ran {
    fn sources(&self) -> Vec<String> {
        let mut sources: Vec<String> = self
            .records
            .iter()
            .map(|r| r["source"].as_str().unwrap().to_string())
            .collect();
        sources.sort();
        sources
    }
}

/// Runs `copydesk fetch ARGS -o out.jsonl` in a fresh directory with a config for the short
/// test articles (robots.txt obeyed, no retries, no progress lines).
fn fetch_cli(args: &[&str]) -> Ran {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("test.toml"),
        "[fetch]\nretries = 0\nprogress_interval_secs = 0\n[filter.quality]\nmin_words = 5\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir.path())
        .args(["fetch", "-c", "test.toml", "-o", "out.jsonl"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Ran {
        code: output.status.code(),
        records: read_lines(&dir.path().join("out.jsonl")),
        rejects: read_lines(&dir.path().join("out.rejects.jsonl")),
        stderr,
    }
}

#[test]
fn issue_17_sitemap_index_with_a_gzip_sitemap_fetches_each_article_once() {
    let rt = runtime();
    let other = doc_host(&rt, "127.0.0.3", |_| Docs::new());
    let off_host = other.url("/page/elsewhere");
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let index = format!(
            "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
             <sitemap><loc>{base}/maps/one.xml</loc></sitemap>\
             <sitemap><loc>{base}/maps/two.xml.gz</loc></sitemap></sitemapindex>"
        );
        let one = urlset(&[
            format!("{base}/page/a"),
            format!("{base}/page/b"),
            off_host.clone(),
            format!("{base}/page/a#comments"), // the same page: fetched once
        ]);
        let two = gzipped(&urlset(&[format!("{base}/page/c")]));
        Docs::from([
            (
                "/sitemap_index.xml".into(),
                ("application/xml", index.into_bytes()),
            ),
            ("/maps/one.xml".into(), ("text/xml", one)),
            // A .xml.gz file as most servers send it: gzip bytes, no Content-Encoding.
            ("/maps/two.xml.gz".into(), ("application/x-gzip", two)),
        ])
    });
    let ran = fetch_cli(&["--sitemap", &site.url("/sitemap_index.xml")]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(
        ran.sources(),
        ["/page/a", "/page/b", "/page/c"].map(|p| site.url(p))
    );
    assert!(ran.rejects.is_empty(), "{:?}", ran.rejects);
    assert!(
        ran.stderr.contains(
            "discovered 3 article URLs in 3 documents (1 off-host URL skipped, 1 duplicate); \
             --any-host keeps off-host URLs"
        ),
        "{}",
        ran.stderr
    );
    for path in ["/page/a", "/page/b", "/page/c", "/maps/one.xml"] {
        assert_eq!(site.seen.count(path), 1, "{path}");
    }
    assert_eq!(
        other.seen.count("/page/elsewhere"),
        0,
        "off-host URL fetched"
    );
}

#[test]
fn issue_17_off_host_urls_are_kept_with_any_host() {
    let rt = runtime();
    let other = doc_host(&rt, "127.0.0.3", |_| Docs::new());
    let off_host = other.url("/page/elsewhere");
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let map = urlset(&[format!("{base}/page/home"), off_host.clone()]);
        Docs::from([("/sitemap.xml".into(), ("application/xml", map))])
    });
    let ran = fetch_cli(&["--sitemap", &site.url("/sitemap.xml"), "--any-host"]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(ran.sources(), [site.url("/page/home"), off_host]);
    assert_eq!(other.seen.count("/page/elsewhere"), 1);
}

#[test]
fn issue_17_site_root_reads_the_sitemaps_robots_txt_names() {
    let rt = runtime();
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let robots = format!(
            "User-agent: *\nDisallow: /page/private\nDisallow: /closed/\n\n\
             Sitemap: {base}/maps/news.xml\n"
        );
        let news = urlset(&[format!("{base}/page/one"), format!("{base}/page/private")]);
        let closed = urlset(&[format!("{base}/page/two")]);
        Docs::from([
            ("/robots.txt".into(), ("text/plain", robots.into_bytes())),
            ("/maps/news.xml".into(), ("application/xml", news)),
            ("/closed/map.xml".into(), ("application/xml", closed)),
        ])
    });
    let ran = fetch_cli(&["--sitemap", &site.url("/")]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(ran.sources(), [site.url("/page/one")]);
    // The discovered URLs go through the usual politeness: robots.txt's Disallow applies.
    assert_eq!(ran.rejects.len(), 1, "{:?}", ran.rejects);
    assert_eq!(ran.rejects[0]["source"], site.url("/page/private").as_str());
    assert_eq!(ran.rejects[0]["reason"], "disallowed by robots.txt");
    assert!(
        ran.stderr
            .contains("discovered 2 article URLs in 1 document"),
        "{}",
        ran.stderr
    );
    assert_eq!(site.seen.count("/page/private"), 0);
    // A sitemap robots.txt disallows is not read either.
    let ran = fetch_cli(&["--sitemap", &site.url("/closed/map.xml")]);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains(&format!(
            "copydesk: error: sitemap {}: disallowed by robots.txt",
            site.url("/closed/map.xml")
        )),
        "{}",
        ran.stderr
    );
    assert_eq!(site.seen.count("/closed/map.xml"), 0);
}

#[test]
fn issue_17_site_root_without_sitemap_lines_tries_sitemap_xml() {
    let rt = runtime();
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let map = urlset(&[format!("{base}/page/found")]);
        Docs::from([("/sitemap.xml".into(), ("application/xml", map))])
    });
    let ran = fetch_cli(&["--sitemap", &site.url("")]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(ran.sources(), [site.url("/page/found")]);
    // Nothing there either: the error says where it looked.
    let empty = doc_host(&rt, "127.0.0.3", |_| Docs::new());
    let ran = fetch_cli(&["--sitemap", &empty.url("/")]);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains(&format!(
            "copydesk: error: sitemap {}: robots.txt lists no sitemap, and the usual place \
             failed: sitemap {}: cannot fetch: http status 404",
            empty.url("/"),
            empty.url("/sitemap.xml")
        )),
        "{}",
        ran.stderr
    );
}

#[test]
fn issue_17_rss_and_atom_feeds_list_their_articles() {
    let rt = runtime();
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title>\
             <link>{base}/</link>\
             <item><title>One</title><link>{base}/page/rss-one</link></item>\
             <item><title>Two</title><guid>{base}/page/rss-two</guid></item>\
             </channel></rss>"
        );
        let atom = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
             <title>News</title><link rel=\"self\" href=\"{base}/atom.xml\"/>\
             <entry><title>A</title><link rel=\"alternate\" href=\"{base}/page/atom-a\"/></entry>\
             <entry><title>B</title><link href=\"/page/atom-b\"/></entry>\
             <entry><title>Again</title><link href=\"{base}/page/rss-one\"/></entry>\
             </feed>"
        );
        Docs::from([
            (
                "/feed.rss".into(),
                ("application/rss+xml", rss.into_bytes()),
            ),
            (
                "/atom.xml".into(),
                ("application/atom+xml", atom.into_bytes()),
            ),
        ])
    });
    let ran = fetch_cli(&[
        "--feed",
        &site.url("/feed.rss"),
        "--feed",
        &site.url("/atom.xml"),
    ]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(
        ran.sources(),
        [
            "/page/atom-a",
            "/page/atom-b",
            "/page/rss-one",
            "/page/rss-two"
        ]
        .map(|p| site.url(p))
    );
    assert!(ran.rejects.is_empty(), "{:?}", ran.rejects);
    assert!(
        ran.stderr
            .contains("discovered 4 article URLs in 2 documents (1 duplicate)"),
        "{}",
        ran.stderr
    );
    // The feeds themselves are read once each and are not records.
    assert_eq!(site.seen.count("/feed.rss"), 1);
    assert_eq!(site.seen.count("/atom.xml"), 1);
}

#[test]
fn issue_17_max_urls_caps_the_discovered_urls() {
    let rt = runtime();
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let index = format!(
            "<sitemapindex><sitemap><loc>{base}/one.xml</loc></sitemap>\
             <sitemap><loc>{base}/two.xml</loc></sitemap></sitemapindex>"
        );
        let one = urlset(
            &(0..3)
                .map(|i| format!("{base}/page/p{i}"))
                .collect::<Vec<_>>(),
        );
        let two = urlset(&[format!("{base}/page/p9")]);
        Docs::from([
            ("/index.xml".into(), ("application/xml", index.into_bytes())),
            ("/one.xml".into(), ("application/xml", one)),
            ("/two.xml".into(), ("application/xml", two)),
        ])
    });
    let ran = fetch_cli(&["--sitemap", &site.url("/index.xml"), "--max-urls", "2"]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(ran.sources(), [site.url("/page/p0"), site.url("/page/p1")]);
    assert!(
        ran.stderr
            .contains("discovered 2 article URLs in 2 documents (--max-urls reached)"),
        "{}",
        ran.stderr
    );
    assert_eq!(site.seen.count("/page/p2"), 0);
    // The cap was reached in the first sitemap: the second is not even read.
    assert_eq!(site.seen.count("/two.xml"), 0);
    let bad = fetch_cli(&["--sitemap", &site.url("/index.xml"), "--max-urls", "0"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}

#[test]
fn issue_17_unreadable_sitemaps_and_feeds_are_clear_errors() {
    let rt = runtime();
    let site = doc_host(&rt, "127.0.0.2", |base| {
        let index = format!(
            "<sitemapindex><sitemap><loc>{base}/missing.xml</loc></sitemap>\
             <sitemap><loc>{base}/ok.xml</loc></sitemap></sitemapindex>"
        );
        Docs::from([
            (
                "/broken.xml".into(),
                (
                    "application/xml",
                    b"<urlset><url><loc>x</url></urlset>".to_vec(),
                ),
            ),
            (
                "/truncated.xml.gz".into(),
                ("application/gzip", gzipped(b"<urlset><url>")[..12].to_vec()),
            ),
            (
                "/page.html".into(),
                (
                    "text/html",
                    b"<!doctype html><html><body>hi</body></html>".to_vec(),
                ),
            ),
            ("/index.xml".into(), ("application/xml", index.into_bytes())),
            (
                "/ok.xml".into(),
                ("application/xml", urlset(&[format!("{base}/page/ok")])),
            ),
        ])
    });
    let url = |p: &str| site.url(p);
    for (args, message) in [
        (
            ["--sitemap", &url("/broken.xml")],
            format!(
                "copydesk: error: sitemap {}: not a sitemap or feed: malformed XML at byte",
                url("/broken.xml")
            ),
        ),
        (
            ["--sitemap", &url("/truncated.xml.gz")],
            format!(
                "copydesk: error: sitemap {}: not a sitemap or feed: corrupt gzip data",
                url("/truncated.xml.gz")
            ),
        ),
        (
            ["--feed", &url("/page.html")],
            format!(
                "copydesk: error: feed {}: not a sitemap or feed: an HTML page",
                url("/page.html")
            ),
        ),
        (
            ["--feed", &url("/nowhere.rss")],
            format!(
                "copydesk: error: feed {}: cannot fetch: http status 404",
                url("/nowhere.rss")
            ),
        ),
    ] {
        let ran = fetch_cli(&args);
        assert_eq!(ran.code, Some(2), "{args:?}: {}", ran.stderr);
        assert!(ran.stderr.contains(&message), "{args:?}: {}", ran.stderr);
        assert!(ran.records.is_empty() && ran.rejects.is_empty());
    }
    // A sitemap an index lists that fails is a warning; the others are still read.
    let ran = fetch_cli(&["--sitemap", &url("/index.xml")]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(ran.sources(), [url("/page/ok")]);
    assert!(
        ran.stderr.contains(&format!(
            "sitemap {}: cannot fetch: http status 404",
            url("/missing.xml")
        )),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("1 sitemap unreadable"),
        "{}",
        ran.stderr
    );
}

#[test]
fn issue_17_urls_without_a_scheme_get_a_hint() {
    let ran = fetch_cli(&["--sitemap", "example.com"]);
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains(
            "copydesk: error: sitemap example.com: invalid url (no scheme): did you mean \
             https://example.com?"
        ),
        "{}",
        ran.stderr
    );
    // The same hint for such a line of a URL list, in the reject's reason.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("urls.txt"),
        "example.com/news/1\nnot a url\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir.path())
        .args(["fetch", "urls.txt", "-o", "out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    let reasons: Vec<&str> = rejects
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "invalid url (no scheme): did you mean https://example.com/news/1?",
            "invalid url: relative URL without a base"
        ]
    );
}
