//! Dataset-scale inputs and outputs (issue 6): WARC and JSONL archives in; compressed, rotated
//! and Parquet outputs; `--shard K/N` with completion markers.
//!
//! Archive tests go through the library (`Source::inputs` + `load::load`), so they do not
//! depend on the extractor; end-to-end tests run the binary with `--format text`, which turns
//! every page into a record without extraction.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use copydesk::error::PageError;
use copydesk::input::load::{self, ContentKind, Limits};
use copydesk::input::source::Origin;
use copydesk::{ArchiveKind, Input, InputFormat, Record, Reject, Source};
use flate2::write::GzEncoder;

// ---------------------------------------------------------------- helpers

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// One WARC record with the given type, extra headers and block.
fn warc_record(kind: &str, id: u32, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id:08}>\r\n\
         WARC-Date: 2026-11-28T10:00:00Z\r\n"
    )
    .into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A `response` record holding an HTTP message.
fn http_response(id: u32, url: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nServer: test\r\n\r\n")
            .into_bytes();
    http.extend_from_slice(body);
    warc_record(
        "response",
        id,
        &[
            ("WARC-Target-URI", url),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        &http,
    )
}

/// A small archive: warcinfo, request, HTML (windows-1252 declared only in HTTP), a PNG, a
/// large page, an HTML `resource` record.
fn sample_warc_records() -> Vec<Vec<u8>> {
    let big = format!("<html><body>{}</body></html>", "x".repeat(5000));
    vec![
        warc_record(
            "warcinfo",
            1,
            &[("Content-Type", "application/warc-fields")],
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            2,
            &[
                ("WARC-Target-URI", "https://example.com/a"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
        ),
        http_response(
            3,
            "https://example.com/a",
            "text/html; charset=windows-1252",
            b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>",
        ),
        http_response(
            4,
            "https://example.com/logo.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n...",
        ),
        http_response(5, "https://example.com/big", "text/html", big.as_bytes()),
        warc_record(
            "resource",
            6,
            &[
                ("WARC-Target-URI", "https://example.org/r"),
                ("Content-Type", "text/html; charset=utf-8"),
            ],
            "<p>Ressource é</p>".as_bytes(),
        ),
    ]
}

struct Loaded {
    source: String,
    result: Result<(ContentKind, Option<String>, String), String>,
}

/// Lists a source and loads every input, as the pipeline's workers do.
fn load_all(paths: Vec<PathBuf>, archive: ArchiveKind, limits: Limits) -> Vec<Loaded> {
    let source = Source::new(paths, InputFormat::Auto, None, &mut vec![])
        .unwrap()
        .with_archive(archive)
        .with_max_record_bytes(limits.max_input_bytes);
    source
        .inputs()
        .map(|item| match item {
            Ok(input) => Loaded {
                source: input.source.clone(),
                result: load::load(&input, &limits)
                    .map(|p| (p.kind, p.url.map(|u| u.to_string()), p.text))
                    .map_err(|e| format!("{}: {e}", e.kind())),
            },
            Err(reject) => Loaded {
                source: reject.source,
                result: Err(format!("source: {}", reject.reason)),
            },
        })
        .collect()
}

fn small_limits() -> Limits {
    Limits {
        max_input_bytes: 1000,
        ..Limits::default()
    }
}

fn check_sample_warc(loaded: &[Loaded], name: &str) {
    let sources: Vec<_> = loaded.iter().map(|l| l.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            format!("{name}#urn:uuid:00000003"),
            format!("{name}#urn:uuid:00000004"),
            format!("{name}#urn:uuid:00000005"),
            format!("{name}#urn:uuid:00000006"),
        ],
        "warcinfo and request records are not pages"
    );
    let (kind, url, text) = loaded[0].result.as_ref().unwrap();
    assert_eq!(*kind, ContentKind::Html);
    assert_eq!(url.as_deref(), Some("https://example.com/a"));
    assert!(
        text.contains("Café crème"),
        "HTTP charset must be used: {text}"
    );
    assert_eq!(
        loaded[1].result.as_ref().unwrap_err(),
        "not html: not html (content type image/png)"
    );
    assert!(
        loaded[2]
            .result
            .as_ref()
            .unwrap_err()
            .starts_with("too large"),
        "{:?}",
        loaded[2].result
    );
    let (_, url, text) = loaded[3].result.as_ref().unwrap();
    assert_eq!(url.as_deref(), Some("https://example.org/r"));
    assert!(text.contains("Ressource é"));
}

// ---------------------------------------------------------------- WARC

#[test]
fn warc_records_become_pages_and_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, sample_warc_records().concat()).unwrap();
    let loaded = load_all(vec![path.clone()], ArchiveKind::Auto, small_limits());
    check_sample_warc(&loaded, &path.display().to_string());
}

#[test]
fn multi_member_warc_gz_is_read_like_common_crawl() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    // Common Crawl gzips each record separately and concatenates the members.
    let members: Vec<u8> = sample_warc_records().iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(&path, members).unwrap();
    let loaded = load_all(vec![path.clone()], ArchiveKind::Auto, small_limits());
    check_sample_warc(&loaded, &path.display().to_string());
}

#[test]
fn truncated_warc_keeps_earlier_records_and_rejects_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.warc");
    let data = sample_warc_records()[..3].concat();
    let full = http_response(9, "https://example.com/z", "text/html", b"<p>cut here</p>");
    // Cut inside the payload, then inside the WARC header block.
    for cut in [full.len() - 10, 60] {
        let mut data = data.clone();
        data.extend_from_slice(&full[..cut]);
        std::fs::write(&path, data).unwrap();
        let loaded = load_all(vec![path.clone()], ArchiveKind::Auto, small_limits());
        assert!(loaded[0].result.is_ok());
        let last = loaded.last().unwrap();
        assert_eq!(loaded.len(), 2, "cut at {cut}");
        assert!(
            last.result
                .as_ref()
                .is_err_and(|e| e.starts_with("source:")),
            "cut at {cut}: {:?}",
            last.result
        );
    }
}

#[test]
fn forced_warc_kind_reads_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.bin");
    std::fs::write(&path, sample_warc_records().concat()).unwrap();
    let loaded = load_all(vec![path], ArchiveKind::Warc, small_limits());
    assert_eq!(loaded.len(), 4);
}

// ---------------------------------------------------------------- JSONL in

const JSONL_INPUT: &str = concat!(
    r#"{"id": "a1", "url": "https://example.com/x", "html": "<p>First café</p>", "extra": 1}"#,
    "\n",
    r#"{"html": "<p>No id</p>"}"#,
    "\n\n",
    "not json\n",
    r#"{"id": 42, "html": "<p>Numeric id</p>", "url": "not a url"}"#,
    "\n",
    r#"{"id": "big", "html": "<p>"#,
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    r#"</p>"}"#,
    "\n",
    r#"{"url": "https://example.com/no-html"}"#,
);

fn check_jsonl(loaded: &[Loaded], name: &str) {
    let sources: Vec<_> = loaded.iter().map(|l| l.source.clone()).collect();
    assert_eq!(
        sources,
        [
            format!("{name}#a1"),
            format!("{name}#2"),
            format!("{name}#4"),
            format!("{name}#42"),
            format!("{name}#6"),
            format!("{name}#7"),
        ]
    );
    let (kind, url, text) = loaded[0].result.as_ref().unwrap();
    assert_eq!(*kind, ContentKind::Html);
    assert_eq!(url.as_deref(), Some("https://example.com/x"));
    assert_eq!(text, "<p>First café</p>");
    assert!(loaded[1].result.is_ok());
    assert!(
        loaded[2]
            .result
            .as_ref()
            .unwrap_err()
            .starts_with("source:")
    );
    let (_, url, _) = loaded[3].result.as_ref().unwrap();
    assert_eq!(*url, None, "an invalid url is dropped, the page kept");
    assert!(
        loaded[4]
            .result
            .as_ref()
            .unwrap_err()
            .starts_with("too large")
    );
    assert!(
        loaded[5]
            .result
            .as_ref()
            .unwrap_err()
            .starts_with("source:")
    );
}

fn jsonl_limits() -> Limits {
    Limits {
        max_input_bytes: 100,
        ..Limits::default()
    }
}

#[test]
fn jsonl_plain_gz_and_zst_are_read_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("pages.jsonl");
    let gz = dir.path().join("pages.jsonl.gz");
    let zst = dir.path().join("pages.ndjson.zst");
    std::fs::write(&plain, JSONL_INPUT).unwrap();
    std::fs::write(&gz, gzip(JSONL_INPUT.as_bytes())).unwrap();
    std::fs::write(&zst, zstd::encode_all(JSONL_INPUT.as_bytes(), 3).unwrap()).unwrap();
    for path in [plain, gz, zst] {
        let loaded = load_all(vec![path.clone()], ArchiveKind::Auto, jsonl_limits());
        check_jsonl(&loaded, &path.display().to_string());
    }
}

#[test]
fn archive_none_treats_jsonl_as_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    std::fs::write(&path, JSONL_INPUT).unwrap();
    let loaded = load_all(vec![path], ArchiveKind::None, Limits::default());
    assert_eq!(loaded.len(), 1);
}

#[test]
fn record_origin_carries_the_payload() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jsonl");
    std::fs::write(&path, "{\"html\": \"<p>x</p>\"}\n").unwrap();
    let source = Source::new(vec![path], InputFormat::Auto, None, &mut vec![]).unwrap();
    let inputs: Vec<Input> = source.inputs().map(Result::unwrap).collect();
    let Origin::Record(payload) = &inputs[0].origin else {
        panic!("expected a record origin: {:?}", inputs[0].origin);
    };
    assert_eq!(payload.bytes, b"<p>x</p>");
    assert_eq!(inputs[0].format, InputFormat::Html);
    let err = load::load(
        &inputs[0],
        &Limits {
            max_input_bytes: 3,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, PageError::TooLarge { limit: 3 }));
}

// ---------------------------------------------------------------- outputs (CLI)

fn copydesk(args: &[&str], dir: &Path) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "copydesk {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `n` text pages in `dir/pages/`.
fn text_pages(dir: &Path, n: usize) -> PathBuf {
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    for i in 0..n {
        std::fs::write(
            pages.join(format!("page-{i:03}.txt")),
            // 60 words unique to this page: above filter.quality.min_words, and never a
            // near-duplicate of another page.
            format!(
                "Title {i}\n\n{}.",
                (0..60)
                    .map(|j| format!("w{i}x{j}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        )
        .unwrap();
    }
    pages
}

fn parse_records(jsonl: &[u8]) -> Vec<Record> {
    std::str::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn seqs(records: &[Record]) -> BTreeSet<u64> {
    records.iter().map(|r| r.seq).collect()
}

#[test]
fn jsonl_output_is_compressed_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    text_pages(dir.path(), 5);
    copydesk(&["clean", "pages", "-o", "out/a.jsonl.gz"], dir.path());
    copydesk(&["clean", "pages", "-o", "out/b.jsonl.zst"], dir.path());
    copydesk(&["clean", "pages", "-o", "out/c.jsonl"], dir.path());
    let gz = std::fs::read(dir.path().join("out/a.jsonl.gz")).unwrap();
    assert!(gz.starts_with(b"\x1f\x8b"));
    let zst = std::fs::read(dir.path().join("out/b.jsonl.zst")).unwrap();
    assert!(zst.starts_with(b"\x28\xb5\x2f\xfd"));
    let plain = std::fs::read(dir.path().join("out/c.jsonl")).unwrap();
    let mut from_gz = parse_records(&gunzip(&gz));
    let mut from_zst = parse_records(&zstd::decode_all(&zst[..]).unwrap());
    let mut from_plain = parse_records(&plain);
    for records in [&mut from_gz, &mut from_zst, &mut from_plain] {
        records.sort_by_key(|r| r.seq);
    }
    assert_eq!(from_plain.len(), 5);
    assert_eq!(from_gz, from_plain);
    assert_eq!(from_zst, from_plain);
}

#[test]
fn rotation_splits_records_into_numbered_files() {
    let dir = tempfile::tempdir().unwrap();
    text_pages(dir.path(), 7);
    copydesk(
        &[
            "clean",
            "pages",
            "-o",
            "out/a.jsonl.zst",
            "--rotate-records",
            "3",
        ],
        dir.path(),
    );
    let mut all = Vec::new();
    let mut sizes = Vec::new();
    for part in 0..3 {
        let path = dir.path().join(format!("out/a-{part:05}.jsonl.zst"));
        let records = parse_records(&zstd::decode_all(&std::fs::read(path).unwrap()[..]).unwrap());
        sizes.push(records.len());
        all.extend(records);
    }
    assert_eq!(sizes, [3, 3, 1]);
    assert!(!dir.path().join("out/a-00003.jsonl.zst").exists());
    assert!(!dir.path().join("out/a.jsonl.zst").exists());
    assert_eq!(seqs(&all), (0..7).collect());
    // one rejects file per output, named after the whole records name
    assert!(dir.path().join("out/a.jsonl.zst.rejects.jsonl").exists());
}

#[test]
fn rotation_is_configurable_in_pipeline_toml() {
    let dir = tempfile::tempdir().unwrap();
    text_pages(dir.path(), 4);
    std::fs::write(
        dir.path().join("pipeline.toml"),
        "[source]\npaths = [\"pages\"]\nformat = \"text\"\n\
         [output]\npath = \"out/r.jsonl\"\nrotate_records = 2\n",
    )
    .unwrap();
    copydesk(&["run", "pipeline.toml"], dir.path());
    for part in 0..2 {
        let path = dir.path().join(format!("out/r-{part:05}.jsonl"));
        assert_eq!(parse_records(&std::fs::read(path).unwrap()).len(), 2);
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_output_reads_back_with_the_same_fields() {
    use arrow_array::{Array, Int32Array, Int64Array, ListArray, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = tempfile::tempdir().unwrap();
    text_pages(dir.path(), 3);
    copydesk(&["clean", "pages", "-o", "out/a.jsonl"], dir.path());
    copydesk(&["clean", "pages", "-o", "out/a.parquet"], dir.path());
    let mut expected = parse_records(&std::fs::read(dir.path().join("out/a.jsonl")).unwrap());
    expected.sort_by_key(|r| r.seq);

    let file = std::fs::File::open(dir.path().join("out/a.parquet")).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let names: Vec<_> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let json_names: Vec<String> = match serde_json::to_value(&expected[0]).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        _ => unreachable!(),
    };
    // The JSON record omits optional fields that are unset; Parquet has every column.
    let mut expected_names = json_names.clone();
    expected_names.sort();
    let mut optional = vec![
        "markdown".to_string(),
        "removed".to_string(),
        "fetch".to_string(),
    ];
    optional.retain(|n| !json_names.contains(n));
    let mut parquet_names: Vec<_> = names.clone();
    parquet_names.retain(|n| !optional.contains(n));
    parquet_names.sort();
    assert_eq!(parquet_names, expected_names);

    let mut rows = Vec::new();
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        let col = |name: &str| batch.column_by_name(name).unwrap().clone();
        let id = col("id");
        let id = id.as_any().downcast_ref::<StringArray>().unwrap();
        let text = col("text");
        let text = text.as_any().downcast_ref::<StringArray>().unwrap();
        let title = col("title");
        let title = title.as_any().downcast_ref::<StringArray>().unwrap();
        let seq = col("seq");
        let seq = seq.as_any().downcast_ref::<Int64Array>().unwrap();
        let words = col("word_count");
        let words = words.as_any().downcast_ref::<Int64Array>().unwrap();
        let version = col("schema_version");
        let version = version.as_any().downcast_ref::<Int32Array>().unwrap();
        let tags = col("tags");
        let tags = tags.as_any().downcast_ref::<ListArray>().unwrap();
        let url = col("url");
        for i in 0..batch.num_rows() {
            // Counts are signed (Spark has no unsigned types).
            rows.push((
                u64::try_from(seq.value(i)).unwrap(),
                id.value(i).to_string(),
                title.value(i).to_string(),
                text.value(i).to_string(),
                u64::try_from(words.value(i)).unwrap(),
                u32::try_from(version.value(i)).unwrap(),
                tags.value(i).len(),
                url.is_null(i),
            ));
        }
    }
    rows.sort();
    let want: Vec<_> = expected
        .iter()
        .map(|r| {
            (
                r.seq,
                r.id.clone(),
                r.title.clone().unwrap(),
                r.text.clone(),
                r.word_count as u64,
                r.schema_version,
                r.tags.len(),
                r.url.is_none(),
            )
        })
        .collect();
    assert_eq!(rows, want);
}

// ---------------------------------------------------------------- sharding

#[test]
fn shards_partition_files_and_write_markers() {
    let dir = tempfile::tempdir().unwrap();
    text_pages(dir.path(), 30);
    let mut sources = BTreeSet::new();
    let mut total = 0;
    for k in 0..3 {
        let shard = format!("{k}/3");
        copydesk(
            &["clean", "pages", "-o", "out/a.jsonl", "--shard", &shard],
            dir.path(),
        );
        let name = format!("out/a-shard-{k:04}-of-0003.jsonl");
        let records = parse_records(&std::fs::read(dir.path().join(&name)).unwrap());
        assert!(
            !records.is_empty() && records.len() < 30,
            "{k}: {}",
            records.len()
        );
        total += records.len();
        sources.extend(records.into_iter().map(|r| r.source));
        let marker = dir
            .path()
            .join(format!("out/a-shard-{k:04}-of-0003.done.json"));
        let marker: serde_json::Value =
            serde_json::from_slice(&std::fs::read(marker).unwrap()).unwrap();
        assert_eq!(marker["shard"], shard.as_str());
        assert!(
            dir.path()
                .join(format!("out/a-shard-{k:04}-of-0003.rejects.jsonl"))
                .exists()
        );
    }
    assert_eq!(total, 30, "every page in exactly one shard");
    assert_eq!(sources.len(), 30);
    assert!(!dir.path().join("out/a.jsonl").exists());
}

#[test]
fn complete_shard_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    text_pages(dir.path(), 6);
    copydesk(
        &["clean", "pages", "-o", "a.jsonl", "--shard", "1/2"],
        dir.path(),
    );
    let out = dir.path().join("a-shard-0001-of-0002.jsonl");
    std::fs::write(&out, "kept\n").unwrap();
    let run = copydesk(
        &["clean", "pages", "-o", "a.jsonl", "--shard", "1/2"],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("already complete"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept\n");
}

#[test]
fn shard_by_record_splits_one_archive() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..40)
        .map(|i| {
            // 60 words unique to the page: above filter.quality.min_words, never a duplicate.
            let words: Vec<String> = (0..60).map(|j| format!("w{i}x{j}")).collect();
            format!("{{\"id\": \"p{i}\", \"html\": \"{}.\"}}\n", words.join(" "))
        })
        .collect();
    std::fs::write(
        dir.path().join("pages.jsonl.zst"),
        zstd::encode_all(lines.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let mut sources = Vec::new();
    for k in 0..2 {
        let shard = format!("{k}/2");
        copydesk(
            &[
                "clean",
                "pages.jsonl.zst",
                "--format",
                "text",
                "-o",
                "o.jsonl",
                "--shard",
                &shard,
                "--shard-by",
                "record",
            ],
            dir.path(),
        );
        let records = parse_records(
            &std::fs::read(dir.path().join(format!("o-shard-{k:04}-of-0002.jsonl"))).unwrap(),
        );
        assert!(!records.is_empty() && records.len() < 40);
        sources.extend(records.into_iter().map(|r| r.source));
    }
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), 40);
}

#[test]
fn warc_rejects_reach_the_rejects_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.warc"), sample_warc_records().concat()).unwrap();
    copydesk(&["clean", "c.warc", "-o", "o.jsonl"], dir.path());
    let rejects: Vec<Reject> = std::fs::read_to_string(dir.path().join("o.rejects.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let png = rejects
        .iter()
        .find(|r| r.source == "c.warc#urn:uuid:00000004")
        .unwrap();
    assert_eq!(png.reason, "not html (content type image/png)");
}
