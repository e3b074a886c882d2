//! `copydesk report` (issue 17) through the binary, and its output rendered in a real
//! browser: headless Chromium (Debian's `chromium`; `.ci/run` installs it) parses the report,
//! the marked blocks are counted in the DOM as Chromium built it, and a screenshot is taken.
//! Without Chromium these tests fail with a message saying how to install it: they never
//! pass without a browser.
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::copydesk;

/// A news page with furniture around the story (navigation, a sidebar, a footer: the
/// extractor drops them), lines the filter rules remove, and page text that looks like
/// markup (the report must show it as text).
const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tide gauges record a new high | The Bay Courier</title>
<meta property="og:site_name" content="The Bay Courier">
<meta name="author" content="Mara Quint">
<meta property="article:published_time" content="2024-03-11T08:00:00Z"></head>
<body>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>Tide gauges record a new high</h1>
<p>The harbour's tide gauges recorded their highest reading in forty years on Monday morning, when a spring tide met a strong onshore wind and pushed water over the old pier.</p>
<p>Harbour staff closed the pier road before dawn and moved the fishing boats to the inner basin, where the walls are higher and the water stays calm.</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>Engineers said the reading, written in their log as <b>&lt;b&gt;data-fate="kept"&lt;/b&gt;</b> by a prankster, will be checked against the backup gauge this week.</p>
<p>"We expected a high tide, but not this high," said the harbour master, who has worked at the port for twenty-two years and has never seen the pier under water.</p>
<p>Sign up for our newsletter</p>
<p>The council will meet on Thursday to discuss raising the pier wall by half a metre, a plan first proposed after the storms of 2019.</p>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">New bakery opens on the quay</a></li></ul></aside>
<footer><p>© 2024 The Bay Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"##;

/// Chromium, or a failure that says how to get it.
fn chromium() -> PathBuf {
    let found = ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    });
    found.unwrap_or_else(|| {
        panic!(
            "chromium is not installed: the report's browser test needs it \
             (Debian: apt-get install -y chromium; .ci/run installs it when missing)"
        )
    })
}

/// Runs headless Chromium with `args` on `page`; its stdout. Killed after a minute.
fn run_chromium(page: &Path, profile: &Path, args: &[&str]) -> String {
    let mut child = Command::new(chromium())
        .args(["--headless", "--disable-gpu", "--no-sandbox"])
        .arg("--disable-dev-shm-usage")
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    assert!(status.success(), "chromium failed: {status}");
    out
}

/// The start tags of a serialized DOM (`<` in text is `&lt;` there), without their `<`.
fn start_tags(dom: &str) -> impl Iterator<Item = &str> {
    dom.split('<')
        .skip(1)
        .filter(|t| !t.starts_with('/'))
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
}

/// The value of `name="..."` on the first element of the DOM that has `marker` in its
/// start tag.
fn attr_after(dom: &str, marker: &str, name: &str) -> usize {
    let at = dom
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in the DOM"));
    let tag_end = at + dom[at..].find('>').unwrap();
    let tag = &dom[dom[..at].rfind('<').unwrap()..tag_end];
    let key = format!("{name}=\"");
    let from = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    tag[from..from + tag[from..].find('"').unwrap()]
        .parse()
        .unwrap()
}

#[test]
fn report_renders_in_chromium_with_every_block_marked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tide.html"), PAGE).unwrap();
    fs::write(dir.path().join("empty.html"), "<html><body></body></html>").unwrap();
    let out = copydesk(
        dir.path(),
        &["report", "tide.html", "empty.html", "-o", "report.html"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("report.html: 2 pages (1 rejected)"),
        "{stderr}"
    );
    let report = dir.path().join("report.html");
    let html = fs::read_to_string(&report).unwrap();
    for outside in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(outside), "{outside} in the report");
    }

    let profile = dir.path().join("chromium-profile");
    let dom = run_chromium(&report, &profile, &["--dump-dom"]);
    assert!(dom.contains("<section class=\"page\""), "{dom}");
    // Counted in start tags: the serialized DOM leaves quotes in text as they are, so page
    // text that reads `data-fate="kept"` must not count.
    let count = |fate: &str| {
        let mark = format!("data-fate=\"{fate}\"");
        start_tags(&dom).filter(|tag| tag.contains(&mark)).count()
    };
    let (kept, extract, filter) = (count("kept"), count("extract"), count("filter"));
    // What the report claims, read from the same DOM: the summary table's totals.
    assert_eq!(kept, attr_after(&dom, "class=\"summary\"", "data-kept"));
    assert_eq!(
        extract,
        attr_after(&dom, "class=\"summary\"", "data-extract")
    );
    assert_eq!(filter, attr_after(&dom, "class=\"summary\"", "data-filter"));
    // The page with furniture has blocks of every fate; its counts are its own.
    assert_eq!(kept, attr_after(&dom, "id=\"page-0\"", "data-kept"));
    assert!(kept >= 4, "{kept} kept");
    assert!(extract >= 2, "{extract} dropped by the extractor");
    assert!(filter >= 1, "{filter} removed by the filter");
    assert!(dom.contains("data-rule=\"furniture tag\""), "{dom}");
    // The page's own text is text in the DOM, not markup.
    assert!(
        dom.contains("&lt;b&gt;data-fate=\"kept\"&lt;/b&gt;"),
        "{dom}"
    );
    // The empty page is there, with its reason.
    let rejected = &dom[dom.find("id=\"page-1\"").expect("the rejected page")..];
    assert!(rejected.contains("data-rejected=\"true\""));
    assert!(rejected.contains("rejected: "), "{rejected}");
    assert_eq!(attr_after(&dom, "id=\"page-1\"", "data-kept"), 0);

    let shot = dir.path().join("report.png");
    run_chromium(
        &report,
        &profile,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600",
            "--hide-scrollbars",
        ],
    );
    let png = fs::read(&shot).expect("the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 1600));
    // A blank page of this size compresses to about 10 KB; the report's colours and text
    // take several times that.
    assert!(
        png.len() > 30_000,
        "screenshot of {} bytes: blank?",
        png.len()
    );
}

#[test]
fn eval_report_shows_the_worst_pages_beside_their_gold() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("tiny");
    fs::create_dir_all(set.join("html")).unwrap();
    let gz = fs::File::create(set.join("html/tide.html.gz")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(gz, flate2::Compression::default());
    gz.write_all(PAGE.as_bytes()).unwrap();
    gz.finish().unwrap();
    let gold = "The harbour's tide gauges recorded their highest reading in forty years.";
    let record = serde_json::json!({
        "id": "tide",
        "url": "https://example.org/news/tide",
        "body": gold,
    });
    fs::write(set.join("ground-truth.jsonl"), format!("{record}\n")).unwrap();

    let out = copydesk(
        dir.path(),
        &[
            "eval",
            "tiny",
            "--worst",
            "1",
            "--threads",
            "1",
            "--report",
            "worst",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("worst/tiny.html: 1 pages"), "{stderr}");
    let html = fs::read_to_string(dir.path().join("worst/tiny.html")).unwrap();
    assert!(html.contains("worst pages of tiny"));
    assert!(html.contains("<h2>tide</h2>"), "{html}");
    let gold_at = html.find("<div class=\"gold\">").expect("the gold column");
    assert!(html[gold_at..].contains("highest reading in forty years."));
    assert!(html.contains("data-fate=\"kept\""));
    assert!(html.contains("data-fate=\"extract\""));
    // The page's scores and part: example.org is in the tuning part.
    assert!(html.contains("precision"), "{html}");
    assert!(html.contains("tune part"), "{html}");
}
