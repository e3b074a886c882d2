//! Per-site selectors (`[[site]]`, issue 17) through the binary: `body` picks the container,
//! `drop` removes elements, other hosts are untouched, `explain` shows both.
use std::fs;

use crate::support::{copydesk, json_lines};

/// A long story beside a short live ticker: the scorer takes the story; a site that says
/// the ticker is the article gets the ticker.
const PAGE: &str = r#"<html><head><title>Harbor day</title></head><body>
<div id=story>
<p>The harbor office published the new tide tables on Monday, and the fishermen read them closely before they decided when to leave the port in the morning.</p>
<p>This summer the office also added a column for the expected wave height, which the sailing school had asked for since last year, and the pilots welcomed it.</p>
<p>The pilots also asked that the tables list the times of the last ferry, since the evening crossings have changed twice this spring and many visitors missed the boat home.</p>
<p>The office said it would print the tables on paper again for the older members of the rowing club, who had complained that the website was hard to read on a phone.</p>
</div>
<aside class="ticker">
<p>08:10 The first trawler left the port at dawn.</p>
<p class="sponsor">This ticker is sponsored by Dockside Paints.</p>
<p>09:30 The ferry to the island runs on time again.</p>
<p>10:05 The market hall opens an hour early for the festival.</p>
</aside>
</body></html>"#;

const CONFIG: &str = r#"
[[site]]
host = "www.harbor.example"
body = "aside.ticker"
drop = ["p.sponsor", "[data-role=promo]"]
"#;

/// The record text of `clean page.html --url URL` (with the site config when `config`).
fn text(dir: &std::path::Path, url: &str, config: bool) -> String {
    let mut args = vec!["clean", "page.html", "--url", url];
    if config {
        args.extend(["--config", "p.toml"]);
    }
    let out = copydesk(dir, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(records.len(), 1, "{records:?}");
    records[0]["text"].as_str().unwrap().to_owned()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), PAGE).unwrap();
    fs::write(dir.path().join("p.toml"), CONFIG).unwrap();
    dir
}

#[test]
fn site_body_picks_a_container_the_scorer_would_not() {
    let dir = setup();
    // Without the site's selectors the story wins.
    let scored = text(dir.path(), "https://harbor.example/day", false);
    assert!(scored.contains("tide tables"), "{scored}");
    assert!(!scored.contains("first trawler"), "{scored}");
    // With them (the host matches with or without `www.`) the ticker is the article, and
    // the sponsor line inside it is dropped.
    for url in [
        "https://harbor.example/day",
        "https://WWW.harbor.example/day",
    ] {
        let chosen = text(dir.path(), url, true);
        assert!(chosen.contains("first trawler"), "{chosen}");
        assert!(chosen.contains("market hall opens"), "{chosen}");
        assert!(!chosen.contains("tide tables"), "{chosen}");
        assert!(!chosen.contains("Dockside Paints"), "{chosen}");
    }
}

#[test]
fn site_selectors_leave_other_hosts_alone() {
    let dir = setup();
    for url in [
        "https://other.example/day",
        // A subdomain is another site.
        "https://news.harbor.example/day",
    ] {
        assert_eq!(
            text(dir.path(), url, true),
            text(dir.path(), url, false),
            "{url}"
        );
    }
}

#[test]
fn site_drop_removes_an_element_the_scorer_keeps() {
    // Only `drop`: the story stays the article, minus the element the site names, found by
    // an attribute the extractor itself never reads.
    let dir = setup();
    let page = PAGE.replace(
        "<p>The office said",
        "<p data-role=promo>The harbor museum reopens on Saturday with a new exhibition about the lighthouse keepers.</p><p>The office said",
    );
    fs::write(dir.path().join("page.html"), page).unwrap();
    let plain = text(dir.path(), "https://harbor.example/day", false);
    assert!(plain.contains("harbor museum"), "{plain}");
    fs::write(
        dir.path().join("p.toml"),
        "[[site]]\nhost = \"harbor.example\"\ndrop = [\"[data-role=promo]\"]\n",
    )
    .unwrap();
    let dropped = text(dir.path(), "https://harbor.example/day", true);
    assert!(!dropped.contains("harbor museum"), "{dropped}");
    assert!(dropped.contains("tide tables"), "{dropped}");
}

#[test]
fn site_host_comes_from_the_record_url() {
    let dir = setup();
    let line = |url: &str| serde_json::json!({"id": url, "url": url, "html": PAGE}).to_string();
    let jsonl = format!(
        "{}\n{}\n",
        line("https://harbor.example/a"),
        line("https://other.example/b")
    );
    fs::write(dir.path().join("pages.jsonl"), jsonl).unwrap();
    let out = copydesk(dir.path(), &["clean", "pages.jsonl", "-c", "p.toml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut records = json_lines(&String::from_utf8_lossy(&out.stdout));
    records.sort_by_key(|r| r["url"].as_str().unwrap().to_owned());
    let texts: Vec<&str> = records
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(texts[0].contains("first trawler"), "{texts:?}");
    assert!(texts[1].contains("tide tables"), "{texts:?}");
}

#[test]
fn explain_shows_the_site_choice_and_its_drops() {
    let dir = setup();
    let explain = |url: &str| {
        let out = copydesk(
            dir.path(),
            &["explain", "page.html", "-c", "p.toml", "--url", url],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = explain("https://harbor.example/day");
    assert!(
        shown.contains("site harbor.example: body `aside.ticker` chose <aside class=ticker>"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "extract: dropped <p class=sponsor> (site drop: p.sponsor): This ticker is sponsored by Dockside Paints."
        ),
        "{shown}"
    );
    // A body selector that matches nothing says so, and the page is scored as usual.
    fs::write(
        dir.path().join("p.toml"),
        CONFIG.replace("aside.ticker", "main.article"),
    )
    .unwrap();
    let shown = explain("https://harbor.example/day");
    assert!(
        shown.contains("body `main.article` matched nothing; the container was scored as usual"),
        "{shown}"
    );
    assert!(shown.contains("tide tables"), "{shown}");
    // Another host: no site line, no site drops.
    let shown = explain("https://other.example/day");
    assert!(!shown.contains("site harbor.example"), "{shown}");
    assert!(!shown.contains("site drop"), "{shown}");
}

#[test]
fn bad_site_selector_is_a_config_error_with_its_line() {
    let dir = setup();
    fs::write(
        dir.path().join("p.toml"),
        "# sites\n[[site]]\nhost = \"harbor.example\"\nbody = \"section[\"\n",
    )
    .unwrap();
    for args in [
        &["check", "p.toml"][..],
        &["clean", "page.html", "-c", "p.toml"],
    ] {
        let out = copydesk(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("line 4"), "{err}");
        assert!(err.contains("invalid CSS selector \"section[\""), "{err}");
    }
    fs::write(
        dir.path().join("p.toml"),
        "[[site]]\nhost = \"https://harbor.example/\"\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["check", "p.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("site[0].host"), "{err}");
}
