//! The everyday surface (issue 17) through the binary: output formats, command-line knobs,
//! progress lines.
use std::fs;
use std::path::Path;

use crate::support::{copydesk, json_lines, repo};

/// A temp dir with the fixture pages under `pages/`.
fn pages_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir_all(&pages).unwrap();
    for entry in fs::read_dir(repo().join("fixtures/pages")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), pages.join(entry.file_name())).unwrap();
    }
    dir
}

fn page_count() -> usize {
    fs::read_dir(repo().join("fixtures/pages")).unwrap().count()
}

fn ok(out: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// The JSON Lines records of the fixture pages, for comparing other formats with.
fn jsonl_records(dir: &Path) -> Vec<serde_json::Value> {
    ok(&copydesk(dir, &["clean", "pages", "-o", "ref.jsonl"]));
    let mut records = json_lines(&fs::read_to_string(dir.join("ref.jsonl")).unwrap());
    records.sort_by_key(|r| r["id"].as_str().unwrap().to_string());
    records
}

#[test]
fn csv_output_has_a_header_and_one_row_per_record() {
    let dir = pages_dir();
    let expected = jsonl_records(dir.path());
    ok(&copydesk(dir.path(), &["clean", "pages", "-o", "out.csv"]));
    let mut reader = csv::Reader::from_path(dir.path().join("out.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.first().map(String::as_str), Some("id"));
    assert_eq!(header.last().map(String::as_str), Some("text"));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    rows.sort_by_key(|r| r[0].to_string());
    assert_eq!(rows.len(), page_count());
    for (row, record) in rows.iter().zip(&expected) {
        assert_eq!(&row[0], record["id"].as_str().unwrap());
        // Multi-line text survives quoting.
        assert_eq!(&row[column("text")], record["text"].as_str().unwrap());
        assert_eq!(
            &row[column("title")],
            record["title"].as_str().unwrap_or("")
        );
        assert_eq!(
            row[column("word_count")].parse::<u64>().unwrap(),
            record["word_count"].as_u64().unwrap()
        );
    }
}

#[test]
fn markdown_and_text_directories_hold_one_file_per_record() {
    let dir = pages_dir();
    let expected = jsonl_records(dir.path());
    ok(&copydesk(
        dir.path(),
        &["clean", "pages", "-o", "md/", "--format", "md"],
    ));
    ok(&copydesk(
        dir.path(),
        &["clean", "pages", "-o", "txt", "--format", "txt"],
    ));
    for record in &expected {
        let id = record["id"].as_str().unwrap();
        let md = fs::read_to_string(dir.path().join(format!("md/{id}.md"))).unwrap();
        assert!(md.starts_with("---\n"), "{md}");
        let (front, body) = md[4..].split_once("---\n").unwrap();
        if let Some(title) = record["title"].as_str() {
            assert!(
                front.contains(&format!("title: {}", serde_json::json!(title))),
                "{front}"
            );
        }
        if let Some(url) = record["url"].as_str() {
            assert!(front.contains(&format!("url: \"{url}\"")), "{front}");
        }
        let page_type = record["page_type"].as_str().unwrap();
        assert!(
            front.contains(&format!("page_type: \"{page_type}\"\n")),
            "{front}"
        );
        assert!(
            front.contains(&format!("confidence: {}\n", record["confidence"])),
            "{front}"
        );
        assert!(body.trim().len() > 100, "{body}");
        let txt = fs::read_to_string(dir.path().join(format!("txt/{id}.txt"))).unwrap();
        assert!(
            txt.trim_end().ends_with(record["text"].as_str().unwrap()),
            "{txt}"
        );
        if let Some(title) = record["title"].as_str() {
            assert!(txt.starts_with(&format!("Title: {title}\n")), "{txt}");
        }
    }
    assert_eq!(
        fs::read_dir(dir.path().join("md")).unwrap().count(),
        expected.len()
    );
}

#[test]
fn compressed_jsonl_and_parquet_by_extension() {
    let dir = pages_dir();
    let expected = jsonl_records(dir.path());
    ok(&copydesk(
        dir.path(),
        &["clean", "pages", "-o", "a.jsonl.gz"],
    ));
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(fs::File::open(dir.path().join("a.jsonl.gz")).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(json_lines(&text).len(), expected.len());
    ok(&copydesk(
        dir.path(),
        &["clean", "pages", "-o", "a.parquet"],
    ));
    let bytes = fs::read(dir.path().join("a.parquet")).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    // --format wins over the name.
    ok(&copydesk(
        dir.path(),
        &["clean", "pages", "-o", "b.out", "--format", "jsonl"],
    ));
    let b = json_lines(&fs::read_to_string(dir.path().join("b.out")).unwrap());
    assert_eq!(b.len(), expected.len());
}

#[test]
fn unknown_output_extension_fails_before_any_work() {
    let dir = pages_dir();
    fs::write(
        dir.path().join("p.toml"),
        "[source]\npaths = [\"pages\"]\n[output]\npath = \"out/articles.xml\"\n",
    )
    .unwrap();
    let runs: [&[&str]; 5] = [
        &["clean", "pages", "-o", "out/articles.xml"],
        &["clean", "pages", "-o", "out/"],
        &["fetch", "http://127.0.0.1:9/", "-o", "out/articles.xml"],
        &["run", "p.toml"],
        &["check", "p.toml"],
    ];
    for args in runs {
        let out = copydesk(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("unknown output format"),
            "{args:?}: {stderr}"
        );
        assert!(!dir.path().join("out").exists(), "{args:?} wrote output");
    }
    let out = copydesk(dir.path(), &["clean", "pages", "-o", "out/"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format md or txt"));
    let out = copydesk(dir.path(), &["clean", "pages", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("csv, md or txt"));
    let out = copydesk(dir.path(), &["clean", "pages", "--format", "md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR/"));
}

#[test]
fn format_text_still_means_the_input_format() {
    let dir = tempfile::tempdir().unwrap();
    let story = "The harbor committee met on Tuesday evening and agreed to repair the old pier \
         before the summer season, using the funds left over from last year. ";
    fs::write(
        dir.path().join("note.dat"),
        // Starts with `<`: read as HTML unless told otherwise.
        format!("<A plain note>\n\n{}\n", story.repeat(4)),
    )
    .unwrap();
    for args in [["--format", "text"], ["--input-format", "text"]] {
        let out = copydesk(dir.path(), &["clean", "note.dat", args[0], args[1]]);
        ok(&out);
        let records = json_lines(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["title"], "<A plain note>");
        assert!(records[0]["text"].as_str().unwrap().contains("old pier"));
    }
}

/// An English page with a data table, a figure caption and two lines the filter's rules
/// remove (a reading time, a social prompt).
const KNOB_PAGE: &str = r#"<html><head><title>Tide tables</title></head><body><article>
<h1>Tide tables</h1>
<p>The harbor office publishes the tide tables every month, and the fishermen read them closely before they decide when to leave the port in the morning.</p>
<table><tr><th>Day</th><th>High water</th></tr><tr><td>Monday</td><td>06:12</td></tr><tr><td>Tuesday</td><td>06:58</td></tr></table>
<figure><img src="/pier.jpg" alt="The pier"><figcaption>The old pier at low water.</figcaption></figure>
<p>This summer the office also added a column for the expected wave height, which the sailing school had asked for since last year.</p>
<p>4 min read</p>
<p>Follow us on Twitter and Facebook for more harbor news.</p>
<p>The pilots also asked that the tables list the times of the last ferry, since the evening crossings have changed twice this spring and many visitors missed the boat home.</p>
</article></body></html>"#;

#[test]
fn knobs_change_what_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tide.html"), KNOB_PAGE).unwrap();
    let text = |args: &[&str]| {
        let mut all = vec!["clean", "tide.html"];
        all.extend_from_slice(args);
        let out = copydesk(dir.path(), &all);
        ok(&out);
        let records = json_lines(&String::from_utf8_lossy(&out.stdout));
        records
            .first()
            .map(|r| r["text"].as_str().unwrap().to_string())
    };
    let default = text(&[]).unwrap();
    assert!(default.contains("Monday | 06:12"), "{default}");
    assert!(default.contains("old pier at low water"), "{default}");
    let without = text(&["--exclude", "tables,images"]).unwrap();
    assert!(!without.contains("Monday"), "{without}");
    assert!(!without.contains("old pier at low water"), "{without}");
    // Only English is kept: --lang de rejects the page, --lang en keeps it.
    assert!(text(&["--lang", "de"]).is_none());
    assert!(text(&["--lang", "en,de"]).is_some());
    // --favor and --preset parse and run; bad values are usage errors.
    assert!(text(&["--favor", "precision", "--preset", "dataset"]).is_some());
    for bad in [
        &["--favor", "speed"][..],
        &["--include", "videos"],
        &["--preset", "web"],
    ] {
        let mut all = vec!["clean", "tide.html"];
        all.extend_from_slice(bad);
        let out = copydesk(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    let out = copydesk(dir.path(), &["clean", "tide.html", "--include", "comments"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("comment"));
}

#[test]
fn no_filter_keeps_what_the_line_rules_remove() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("tide.html"), KNOB_PAGE).unwrap();
    let config = "[filter]\nkeep_removed = true\n";
    fs::write(dir.path().join("p.toml"), config).unwrap();
    let record = |args: &[&str]| {
        let mut all = vec!["clean", "tide.html", "-c", "p.toml"];
        all.extend_from_slice(args);
        let out = copydesk(dir.path(), &all);
        ok(&out);
        json_lines(&String::from_utf8_lossy(&out.stdout)).remove(0)
    };
    let filtered = record(&[]);
    let removed = filtered["removed"].as_array().unwrap();
    assert!(!removed.is_empty(), "{filtered}");
    let unfiltered = record(&["--no-filter"]);
    assert!(
        unfiltered["removed"].as_array().is_none_or(Vec::is_empty),
        "{unfiltered}"
    );
    for item in removed {
        let line = item["text"].as_str().unwrap();
        assert!(
            unfiltered["text"].as_str().unwrap().contains(line),
            "{line}"
        );
    }
}

#[test]
fn knobs_are_shared_by_clean_fetch_and_run() {
    for command in ["clean", "fetch", "run"] {
        let out = copydesk(Path::new("."), &[command, "--help"]);
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in ["--favor", "--include", "--lang", "--no-filter", "--preset"] {
            assert!(help.contains(flag), "{command} --help lacks {flag}");
        }
    }
}

#[test]
fn clean_prints_plain_progress_lines_off_a_terminal() {
    let dir = pages_dir();
    fs::write(
        dir.path().join("p.toml"),
        "[fetch]\nprogress_interval_secs = 0.000001\n",
    )
    .unwrap();
    let out = copydesk(
        dir.path(),
        &[
            "clean",
            "pages",
            "-c",
            "p.toml",
            "-o",
            "o.jsonl",
            "--threads",
            "1",
        ],
    );
    let stderr = ok(&out);
    let n = page_count();
    let line = stderr
        .lines()
        .find(|l| l.starts_with("progress: ") && l.contains(&format!("/{n} done")))
        .unwrap_or_else(|| panic!("no progress line with the total: {stderr}"));
    assert!(
        line.contains("records") && line.contains("rejects"),
        "{line}"
    );
    // The default interval (10 s) prints nothing on a run this short.
    let out = copydesk(dir.path(), &["clean", "pages", "-o", "o2.jsonl"]);
    assert!(!ok(&out).contains("progress: "));
}

#[test]
fn markdown_keeps_links_images_emphasis_and_structure() {
    let dir = tempfile::tempdir().unwrap();
    let page = KNOB_PAGE.replace(
        "publishes the tide tables",
        "publishes the <a href=\"../tides/\">tide tables</a> <em>every</em>",
    );
    fs::write(dir.path().join("tide.html"), page).unwrap();
    let markdown = |args: &[&str]| {
        let mut all = vec![
            "clean",
            "tide.html",
            "--url",
            "https://port.test/news/tide.html",
        ];
        all.extend_from_slice(args);
        let out = copydesk(dir.path(), &all);
        ok(&out);
        json_lines(&String::from_utf8_lossy(&out.stdout))[0]["markdown"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let md = markdown(&["--markdown", "--include", "links,images"]);
    assert!(
        md.contains("[tide tables](https://port.test/tides/)"),
        "{md}"
    );
    assert!(md.contains("*every*"), "{md}");
    assert!(
        md.contains("![The pier](https://port.test/pier.jpg)"),
        "{md}"
    );
    assert!(
        md.contains("| Day | High water |\n| --- | --- |\n| Monday | 06:12 |"),
        "{md}"
    );
    // Without --include links the text stays, the target goes.
    let plain = markdown(&["--markdown"]);
    assert!(
        plain.contains("tide tables *every*") && !plain.contains("]("),
        "{plain}"
    );

    // A .md input keeps its structure: title without `#`, list items apart.
    fs::write(
        dir.path().join("note.md"),
        "# Pier *repairs*\n\nThe committee agreed to repair the [old pier](https://port.test/pier) \
         before the summer season, using the funds left over from last year, and to ask the \
         sailing school for help with the new railings. The work starts in May and should \
         be finished before the regatta in July, when the pier is busiest.\n\n- new planks\n- new railings\n\
         - a bench\n",
    )
    .unwrap();
    let out = copydesk(dir.path(), &["clean", "note.md", "--markdown"]);
    ok(&out);
    let record = json_lines(&String::from_utf8_lossy(&out.stdout)).remove(0);
    assert_eq!(record["title"], "Pier repairs");
    let text = record["text"].as_str().unwrap();
    assert!(text.contains("repair the old pier before"), "{text}");
    assert!(
        text.ends_with("new planks\n\nnew railings\n\na bench"),
        "{text}"
    );
    let md = record["markdown"].as_str().unwrap();
    assert!(md.contains("[old pier](https://port.test/pier)"), "{md}");
    assert!(
        md.contains("- new planks\n- new railings\n- a bench"),
        "{md}"
    );
}

#[test]
fn fetch_of_a_bare_host_hints_at_the_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let out = copydesk(dir.path(), &["fetch", "example.com"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("https://example.com"), "{stderr}");
    // A missing list file that does not look like a host keeps the plain message.
    let out = copydesk(dir.path(), &["fetch", "urls"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}
