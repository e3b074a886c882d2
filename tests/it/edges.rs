//! Issue 16: nothing lost or silently changed at the edges. Each test runs the `copydesk`
//! binary in a temp dir and fails on the behaviour the issue reported.

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{copydesk, fixture_at, json_lines};

/// Deterministic prose: `words` words drawn from a wide vocabulary by `seed`, in sentences.
fn prose(seed: u64, words: usize) -> String {
    const VOCAB: &[&str] = &[
        "harbour",
        "council",
        "river",
        "market",
        "winter",
        "teacher",
        "railway",
        "garden",
        "village",
        "budget",
        "weather",
        "museum",
        "farmer",
        "bridge",
        "school",
        "doctor",
        "festival",
        "library",
        "factory",
        "island",
        "mountain",
        "election",
        "orchestra",
        "hospital",
        "station",
        "forest",
        "journey",
        "kitchen",
        "painter",
        "harvest",
        "storm",
        "theatre",
        "ferry",
        "quarry",
        "valley",
        "chapel",
        "meadow",
        "lantern",
        "compass",
        "engine",
        "ledger",
        "pastry",
        "tunnel",
        "vineyard",
        "beacon",
        "canal",
        "glacier",
        "workshop",
        "archive",
        "granary",
        "pier",
        "cottage",
        "tavern",
        "observatory",
    ];
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut out = String::new();
    for i in 0..words {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let word = VOCAB[(state >> 33) as usize % VOCAB.len()];
        if i % 12 == 0 {
            if i > 0 {
                out.push_str(". ");
            }
            let mut chars = word.chars();
            let first = chars.next().unwrap().to_ascii_uppercase();
            out.push(first);
            out.push_str(chars.as_str());
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

/// A news page whose story is `seed`'s prose: six paragraphs, a title, a language.
fn page(seed: u64, lang: &str) -> String {
    let paragraphs: String = (0..6)
        .map(|p| format!("<p>{}</p>\n", prose(seed * 100 + p, 40)))
        .collect();
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><title>Story {seed}</title></head>\
         <body><article><h1>Story {seed}</h1>\n{paragraphs}</article></body></html>"
    )
}

fn read_lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path).map_or_else(|_| Vec::new(), |t| json_lines(&t))
}

fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits for `child` at most `limit`; kills it and fails the test when it hangs.
fn wait_or_kill(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("copydesk hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A JSON Lines archive: `copies` rounds of `distinct` stories (A B C ... A B C ...).
fn archive_with_repeats(dir: &Path, distinct: u64, copies: u64) {
    let mut text = String::new();
    for round in 0..copies {
        for story in 0..distinct {
            let line = serde_json::json!({
                "id": format!("r{round}-s{story}"),
                "url": format!("https://news.example/{story}?copy={round}"),
                "html": page(story + 1, "en"),
            });
            text.push_str(&line.to_string());
            text.push('\n');
        }
    }
    fs::write(dir.join("pages.jsonl"), text).unwrap();
}

/// Item 1: a run cut short (the outputs hold a prefix of the input, the last line torn) and
/// resumed writes every distinct article exactly once: dedup state is rebuilt from the output.
#[test]
fn issue_16_resume_rebuilds_dedup_state() {
    let dir = tempfile::tempdir().unwrap();
    archive_with_repeats(dir.path(), 6, 3);
    let args = ["clean", "pages.jsonl", "-o", "out.jsonl", "--threads", "2"];
    let full = copydesk(dir.path(), &args);
    assert_ok(&full);
    let records = read_lines(&dir.path().join("out.jsonl"));
    assert_eq!(records.len(), 6, "6 distinct stories");
    // What a kill after the first 4 inputs leaves: their 4 records, then a torn line.
    let kept: Vec<String> = records[..4].iter().map(Value::to_string).collect();
    let mut partial = kept.join("\n");
    partial.push('\n');
    partial.push_str(&records[4].to_string()[..40]);
    fs::write(dir.path().join("out.jsonl"), partial).unwrap();
    fs::write(dir.path().join("out.rejects.jsonl"), "").unwrap();

    let resumed = copydesk(dir.path(), &args);
    assert_ok(&resumed);
    let records = read_lines(&dir.path().join("out.jsonl"));
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    let ids: HashSet<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), records.len(), "an article written twice");
    assert_eq!(records.len(), 6);
    assert_eq!(records.len() + rejects.len(), 18, "every input once");
    assert!(rejects.iter().all(|r| r["stage"] == "filter"));
}

/// Item 1, with a real `kill -9` part-way through a run over many repeated pages.
#[test]
fn issue_16_kill_9_then_resume_writes_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    archive_with_repeats(dir.path(), 40, 5);
    let args = ["clean", "pages.jsonl", "-o", "out.jsonl", "--threads", "2"];
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = dir.path().join("out.jsonl");
    let started = Instant::now();
    while fs::metadata(&out).map_or(0, |m| m.len()) == 0
        && started.elapsed() < Duration::from_secs(60)
        && child.try_wait().unwrap().is_none()
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let resumed = copydesk(dir.path(), &args);
    assert_ok(&resumed);
    let records = read_lines(&out);
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    let ids: HashSet<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), records.len(), "an article written twice");
    assert_eq!(records.len(), 40);
    assert_eq!(records.len() + rejects.len(), 200);
}

/// Item 2: the same input and config give byte-identical outputs whatever the thread count;
/// the copy kept is the first in input order.
#[test]
fn issue_16_same_output_with_1_2_and_8_threads() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    for i in 0..48u64 {
        // every third page repeats an earlier story; page sizes vary so workers finish out
        // of order
        let story = if i % 3 == 2 { i / 2 } else { i };
        let mut html = page(story + 1, "en");
        if i % 5 == 0 {
            html = html.replace(
                "</article>",
                &format!("<aside>{}</aside></article>", prose(i + 999, 4000)),
            );
        }
        fs::write(pages.join(format!("p{i:03}.html")), html).unwrap();
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2", "8"] {
        let name = format!("out{threads}.jsonl");
        let out = copydesk(
            dir.path(),
            &["clean", "pages", "-o", &name, "--threads", threads],
        );
        assert_ok(&out);
        let records = fs::read(dir.path().join(&name)).unwrap();
        let rejects = fs::read(dir.path().join(format!("out{threads}.rejects.jsonl"))).unwrap();
        outputs.push((records, rejects));
    }
    assert!(!outputs[0].1.is_empty(), "the repeats are rejected");
    assert!(
        outputs[1] == outputs[0],
        "--threads 2 differs from --threads 1"
    );
    assert!(
        outputs[2] == outputs[0],
        "--threads 8 differs from --threads 1"
    );
    // the first copy in input order is the one kept
    let records = json_lines(&String::from_utf8(outputs[0].0.clone()).unwrap());
    let seqs: Vec<u64> = records.iter().map(|r| r["seq"].as_u64().unwrap()).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "records in input order"
    );
}

/// Item 3: a bad byte on line 3 of a 51-line URL list rejects that line only.
#[test]
fn issue_16_url_list_bad_line_rejects_only_that_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut list = Vec::new();
    for i in 1..=51 {
        if i == 3 {
            list.extend_from_slice(b"https://caf\xe9.example/\n");
        } else {
            // not URLs: each is rejected without any network access
            list.extend_from_slice(format!("entry-{i}\n").as_bytes());
        }
    }
    fs::write(dir.path().join("urls.txt"), list).unwrap();
    let out = copydesk(dir.path(), &["fetch", "urls.txt", "-o", "out.jsonl"]);
    assert_ok(&out);
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    let records = read_lines(&dir.path().join("out.jsonl"));
    assert_eq!(records.len() + rejects.len(), 51, "one outcome per line");
    let bad: Vec<&Value> = rejects
        .iter()
        .filter(|r| r["source"] == "urls.txt:3")
        .collect();
    assert_eq!(bad.len(), 1, "{rejects:?}");
    assert!(bad[0]["reason"].as_str().unwrap().contains("UTF-8"));
}

/// Item 4: `-o /dev/null` creates no `/dev/null.rejects.jsonl`.
#[test]
fn issue_16_dev_null_output_creates_no_rejects_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), page(1, "en")).unwrap();
    fs::write(dir.path().join("b.bin"), b"\x00\x01\x02binary").unwrap();
    let beside = Path::new("/dev/null.rejects.jsonl");
    let _ = fs::remove_file(beside);
    let out = copydesk(dir.path(), &["clean", "a.html", "b.bin", "-o", "/dev/null"]);
    assert_ok(&out);
    assert!(!beside.exists(), "created {}", beside.display());
    // the reject went to stderr instead
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.bin"));
}

/// Item 4: each output has its own rejects file, and resume does not mix them.
#[test]
fn issue_16_rejects_file_per_output_and_resume_does_not_mix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), page(1, "en")).unwrap();
    fs::write(dir.path().join("b.bin"), b"\x00\x01\x02binary").unwrap();
    let run = |output: &str| {
        let out = copydesk(dir.path(), &["clean", "a.html", "b.bin", "-o", output]);
        assert_ok(&out);
    };
    run("a.jsonl");
    run("a.parquet");
    assert_eq!(read_lines(&dir.path().join("a.rejects.jsonl")).len(), 1);
    assert_eq!(
        read_lines(&dir.path().join("a.parquet.rejects.jsonl")).len(),
        1
    );
    run("a.jsonl"); // resumes: nothing redone, nothing duplicated
    assert_eq!(read_lines(&dir.path().join("a.jsonl")).len(), 1);
    assert_eq!(read_lines(&dir.path().join("a.rejects.jsonl")).len(), 1);
}

/// Item 4: `check` refuses an output extension exactly when a run does, before any work.
#[test]
fn issue_16_check_and_run_refuse_the_same_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.html"), page(1, "en")).unwrap();
    fs::write(
        dir.path().join("pipeline.toml"),
        "[source]\npaths = [\"a.html\"]\n[output]\npath = \"out.xyz\"\n",
    )
    .unwrap();
    let check = copydesk(dir.path(), &["check", "pipeline.toml"]);
    assert_eq!(check.status.code(), Some(2), "check accepted out.xyz");
    assert!(String::from_utf8_lossy(&check.stderr).contains("out.xyz"));
    let run = copydesk(dir.path(), &["run", "pipeline.toml"]);
    assert_eq!(run.status.code(), Some(2));
    let clean = copydesk(dir.path(), &["clean", "a.html", "-o", "out.xyz"]);
    assert_eq!(clean.status.code(), Some(2), "clean wrote out.xyz");
    assert!(!dir.path().join("out.xyz").exists());
    assert!(!dir.path().join("out.xyz.rejects.jsonl").exists());
    // the known names still pass check
    fs::write(
        dir.path().join("ok.toml"),
        "[source]\npaths = [\"a.html\"]\n[output]\npath = \"out.jsonl\"\n",
    )
    .unwrap();
    assert_ok(&copydesk(dir.path(), &["check", "ok.toml"]));
}

/// One WARC `response` record with an HTTP status line.
fn warc_response(id: u32, url: &str, status: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 {status}\r\nContent-Type: text/html\r\n\r\n{body}");
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id:08}>\r\n\
         WARC-Date: 2026-11-28T10:00:00Z\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn warc_with_errors(dir: &Path) {
    let not_found = format!(
        "<html><head><title>Page not found</title></head><body><article><h1>Page not found</h1>\
         <p>{}</p></article></body></html>",
        prose(7, 200)
    );
    let moved = "<html><body><p>Moved to <a href=\"/new\">here</a>.</p></body></html>";
    let mut warc = warc_response(1, "https://news.example/ok", "200 OK", &page(1, "en"));
    warc.extend(warc_response(
        2,
        "https://news.example/gone",
        "404 Not Found",
        &not_found,
    ));
    warc.extend(warc_response(
        3,
        "https://news.example/old",
        "301 Moved Permanently",
        moved,
    ));
    fs::write(dir.join("crawl.warc"), warc).unwrap();
}

/// Item 5: WARC 4xx and 3xx responses are rejects with their status, not articles.
#[test]
fn issue_16_warc_error_and_redirect_responses_are_rejects() {
    let dir = tempfile::tempdir().unwrap();
    warc_with_errors(dir.path());
    let out = copydesk(dir.path(), &["clean", "crawl.warc", "-o", "out.jsonl"]);
    assert_ok(&out);
    let records = read_lines(&dir.path().join("out.jsonl"));
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["url"], "https://news.example/ok");
    let reasons: Vec<&str> = rejects
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("404"), "{reasons:?}");
    assert!(reasons[1].contains("301"), "{reasons:?}");
}

/// Item 6: a FIFO, a socket and a device are rejects, in a folder or named directly; the
/// run never hangs.
#[test]
fn issue_16_special_files_are_rejects_never_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    fs::write(pages.join("a.html"), page(1, "en")).unwrap();
    let fifo = pages.join("b.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let _socket = std::os::unix::net::UnixListener::bind(pages.join("c.sock")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "clean",
            "pages",
            "pages/b.fifo",
            "/dev/zero",
            "-o",
            "out.jsonl",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_or_kill(&mut child, Duration::from_secs(60));
    assert!(status.success());
    let records = read_lines(&dir.path().join("out.jsonl"));
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    assert_eq!(records.len(), 1);
    let rejected: Vec<(&str, &str)> = rejects
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(rejected.len(), 4, "{rejected:?}");
    for (source, reason) in &rejected {
        assert!(reason.contains("not a regular file"), "{source}: {reason}");
    }
}

/// Spawns copydesk with stdout piped, reads one line, closes the pipe; returns the exit code
/// and stderr.
fn read_one_line_then_close(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(!line.is_empty());
    drop(stdout); // `| head -1`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = wait_or_kill(&mut child, Duration::from_secs(120));
    (status.code(), stderr)
}

/// Item 7: a closed stdout ends `explain` and `clean` quietly: exit 0, no panic.
#[test]
fn issue_16_closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // far more output than a pipe buffer holds
    let paragraphs: String = (0..3000)
        .map(|i| format!("<p>{}</p>", prose(i, 30)))
        .collect();
    fs::write(
        dir.path().join("big.html"),
        format!("<html><body><article><h1>Long</h1>{paragraphs}</article></body></html>"),
    )
    .unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    for i in 0..300 {
        fs::write(pages.join(format!("p{i:03}.html")), page(i + 1, "en")).unwrap();
    }
    for args in [
        &["explain", "big.html"][..],
        &["clean", "pages", "--threads", "2"][..],
    ] {
        let (code, stderr) = read_one_line_then_close(dir.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Item 7: `explain` on an archive explains record by record.
#[test]
fn issue_16_explain_archive_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    warc_with_errors(dir.path());
    let out = copydesk(dir.path(), &["explain", "crawl.warc"]);
    assert_ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    let headings = text.lines().filter(|l| l.starts_with("== ")).count();
    assert_eq!(headings, 3, "{text}");
    assert_eq!(text.matches("title: Story 1").count(), 1, "{text}");
    assert!(text.contains("http status 404"), "{text}");
}

/// Item 8: outputs written inside the input folder are not read back on the next run.
#[test]
fn issue_16_output_inside_input_folder_is_not_input() {
    let runs: [&[&str]; 2] = [
        &["-o", "pages/out/a.jsonl"],
        &["-o", "pages/b.jsonl.gz", "--rotate-records", "2"],
    ];
    for output in runs {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("pages");
        fs::create_dir(&pages).unwrap();
        for i in 0..5 {
            fs::write(pages.join(format!("p{i}.html")), page(i + 1, "en")).unwrap();
        }
        fs::write(pages.join("broken.bin"), b"\x00\x00binary").unwrap();
        let mut args = vec!["clean", "pages"];
        args.extend_from_slice(output);
        for extra in [None, None, Some("--fresh")] {
            let mut args = args.clone();
            args.extend(extra);
            let out = copydesk(dir.path(), &args);
            assert_ok(&out);
            let summary = String::from_utf8_lossy(&out.stderr);
            let resumed = summary.contains("skipped (finished by a previous run): 6");
            assert!(
                summary.contains("6 inputs: 5 records, 1 rejects")
                    || (resumed && summary.contains("0 inputs")),
                "{args:?}: {summary}"
            );
        }
    }
}

/// Item 10: a panic in a worker becomes a reject (stage, "internal error: ..."); the run goes
/// on and exits 0.
#[test]
fn issue_16_worker_panic_becomes_reject() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    for (i, name) in ["a", "boom", "c"].into_iter().enumerate() {
        fs::write(pages.join(format!("{name}.html")), page(i as u64 + 1, "en")).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["clean", "pages", "-o", "out.jsonl", "--threads", "2"])
        .env("COPYDESK_INJECT_PANIC", "boom")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_ok(&out);
    let records = read_lines(&dir.path().join("out.jsonl"));
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    assert_eq!(records.len(), 2);
    assert_eq!(rejects.len(), 1);
    assert_eq!(rejects[0]["stage"], "extract");
    assert!(
        rejects[0]["source"]
            .as_str()
            .unwrap()
            .ends_with("boom.html")
    );
    assert!(
        rejects[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("internal error: ")
    );
}

/// Item 10: SIGINT stops taking input, flushes, prints the summary and exits 130; the same
/// command then resumes and finishes, every input exactly once.
#[test]
fn issue_16_sigint_flushes_prints_summary_exits_130_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    let total = 1500;
    for i in 0..total {
        fs::write(pages.join(format!("p{i:04}.html")), page(i + 1, "en")).unwrap();
    }
    let args = ["clean", "pages", "-o", "out.jsonl", "--threads", "1"];
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = dir.path().join("out.jsonl");
    let started = Instant::now();
    while fs::metadata(&out).map_or(0, |m| m.len()) == 0 {
        assert!(started.elapsed() < Duration::from_secs(120), "no output");
        assert!(child.try_wait().unwrap().is_none(), "finished too soon");
        std::thread::sleep(Duration::from_millis(5));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = wait_or_kill(&mut child, Duration::from_secs(60));
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("inputs:"), "no summary: {stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let first = read_lines(&out).len();
    assert!(first > 0 && first < total as usize, "{first}");

    let resumed = copydesk(dir.path(), &args);
    assert_ok(&resumed);
    let records = read_lines(&out);
    let rejects = read_lines(&dir.path().join("out.rejects.jsonl"));
    let sources: HashSet<&str> = records
        .iter()
        .chain(&rejects)
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(records.len() + rejects.len(), total as usize);
    assert_eq!(sources.len(), total as usize);
}

/// Item 11: `language` is the primary subtag the language filter uses (detected, with its
/// confidence); a declared region subtag or a wrong declaration does not leak into records.
#[test]
fn issue_16_language_is_the_filters_primary_subtag_with_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let english = "<html lang=\"en-US\"><body><article><h1>Council budget</h1>\
        <p>The town council agreed on Tuesday to spend more on the library and the new \
        bridge over the river, after a long debate that ran late into the evening.</p>\
        <p>Residents who came to the meeting said they were pleased with the decision, \
        although some worried about the cost of repairs to the old school building.</p>\
        <p>The mayor said the work would begin in the spring and should be finished \
        before the end of next year, if the weather allows it.</p></article></body></html>";
    let german = "<html lang=\"en\"><body><article><h1>Haushalt</h1>\
        <p>Der Gemeinderat hat am Dienstag beschlossen, mehr Geld für die Bibliothek und \
        die neue Brücke über den Fluss auszugeben, nach einer langen Debatte am Abend.</p>\
        <p>Die Bürger, die zur Sitzung gekommen waren, zeigten sich zufrieden mit der \
        Entscheidung, obwohl einige die Kosten für die Reparatur der alten Schule fürchten.</p>\
        <p>Der Bürgermeister sagte, die Arbeiten würden im Frühjahr beginnen und sollten vor \
        dem Ende des nächsten Jahres abgeschlossen sein, wenn das Wetter es erlaubt.</p>\
        </article></body></html>";
    fs::write(dir.path().join("en.html"), english).unwrap();
    fs::write(dir.path().join("de.html"), german).unwrap();
    let out = copydesk(dir.path(), &["clean", "en.html", "de.html"]);
    assert_ok(&out);
    let records = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["language"], "en");
    assert_eq!(
        records[1]["language"], "de",
        "declared en, written in German"
    );
    for record in &records {
        let confidence = record["language_confidence"].as_f64().expect("filled");
        assert!((0.0..=1.0).contains(&confidence));
    }
    // and the filter agrees: allow = ["en"] keeps the English page, rejects the German one
    fs::write(
        dir.path().join("en-only.toml"),
        "[filter.language]\nallow = [\"en\"]\n",
    )
    .unwrap();
    let out = copydesk(
        dir.path(),
        &["clean", "en.html", "de.html", "-c", "en-only.toml"],
    );
    assert_ok(&out);
    let records = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["language"], "en");
}

/// Item 13: a missing fixture fails under CI and is reported (not silently passed) locally.
#[test]
fn issue_16_missing_fixture_fails_under_ci() {
    let missing = std::env::temp_dir().join("copydesk-no-such-fixture/seed.txt");
    let under_ci = std::panic::catch_unwind(|| fixture_at(missing.clone(), true));
    assert!(under_ci.is_err(), "a missing fixture passed under CI");
    assert_eq!(fixture_at(missing, false), None);
    let here = fixture_at(crate::support::repo().join("Cargo.toml"), true);
    assert!(here.is_some());
}
