//! Crash safety: a run killed with SIGKILL at several points and started again ends with every
//! input exactly once (record or reject), no duplicates, no partial lines.
use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::json_lines;

const PAGES: usize = 2000;

fn make_corpus(dir: &Path) {
    make_pages(dir, PAGES);
}

fn make_pages(dir: &Path, count: usize) {
    let pages = dir.join("pages");
    fs::create_dir_all(&pages).unwrap();
    for i in 0..count {
        let body = if i % 97 == 0 {
            String::new() // some empty inputs: rejects must be resumed too
        } else {
            format!(
                "Headline number {i}\n\nParagraph one of article {i} tells the story in plain words, \
                 with enough detail about the town, the river, the market and the people who \
                 live there to make a short article.\n\nParagraph two of article {i} adds what \
                 happened next: the council met, the vote was close, and the bridge will be \
                 repaired before the winter floods arrive.\n"
            )
        };
        fs::write(pages.join(format!("{i:05}.txt")), body).unwrap();
    }
}

fn line_count(path: &Path) -> usize {
    fs::read(path).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

fn start(dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "clean",
            "pages",
            "-o",
            "out.jsonl",
            "--rejects",
            "rejects.jsonl",
            "--threads",
            "2",
        ])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_at_several_points_then_resume_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    make_corpus(dir.path());
    let out = dir.path().join("out.jsonl");
    let mut kills = 0;
    for threshold in [1, 300, 800, 1400] {
        let mut child = start(dir.path());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if line_count(&out) >= threshold || Instant::now() > deadline {
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
    }
    let status = start(dir.path()).wait().unwrap();
    assert!(status.success());
    assert!(
        kills >= 1,
        "no run was interrupted; the test proves nothing"
    );

    let mut seen: HashMap<String, usize> = HashMap::new();
    for file in ["out.jsonl", "rejects.jsonl"] {
        let text = fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(
            text.is_empty() || text.ends_with('\n'),
            "{file} ends mid-line"
        );
        for item in json_lines(&text) {
            *seen
                .entry(item["source"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    let duplicates: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(duplicates.is_empty(), "duplicated: {duplicates:?}");
    assert_eq!(seen.len(), PAGES, "every input exactly once");
}

#[test]
fn unwritable_output_is_a_clear_fatal_error() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Some body text here that is long enough to be kept. ".repeat(10);
    fs::write(dir.path().join("a.txt"), format!("Title\n\n{body}")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "clean",
            "a.txt",
            "-o",
            "/dev/full",
            "--rejects",
            "rejects.jsonl",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write /dev/full"), "{stderr}");
}

/// Runs `copydesk clean pages -o out.jsonl --rejects rejects.jsonl` in `dir`, with the file
/// size limit (`ulimit -f`, KiB) when given: past it a write fails as on a full disk
/// (EFBIG, with SIGXFSZ ignored).
fn clean_limited(dir: &Path, max_file_kib: Option<u64>) -> std::process::Output {
    let limit = max_file_kib.map_or(String::new(), |k| format!("ulimit -f {k}; "));
    Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; {limit}exec \"$0\" clean pages -o out.jsonl --rejects rejects.jsonl --threads 1"
        ))
        .arg(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn full_disk_stops_with_a_clear_error_keeps_earlier_output_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let total = 400;
    make_pages(dir.path(), total);
    let pages = dir.path().join("pages");
    // A first run over part of the corpus completes normally.
    let later = dir.path().join("later");
    fs::create_dir(&later).unwrap();
    for entry in fs::read_dir(&pages).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().as_ref() >= "00100" {
            fs::rename(entry.path(), later.join(entry.file_name())).unwrap();
        }
    }
    let first = clean_limited(dir.path(), None);
    assert!(first.status.success());
    let out = dir.path().join("out.jsonl");
    let before = fs::read(&out).unwrap();
    assert!(!before.is_empty());

    // The rest of the corpus, with the disk "full" 16 KiB past the current output.
    for entry in fs::read_dir(&later).unwrap() {
        let entry = entry.unwrap();
        fs::rename(entry.path(), pages.join(entry.file_name())).unwrap();
    }
    let full = clean_limited(dir.path(), Some(before.len() as u64 / 1024 + 16));
    assert_eq!(full.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(stderr.contains("out.jsonl"), "{stderr}");
    let after = fs::read(&out).unwrap();
    assert!(
        after.len() > before.len(),
        "the failed run wrote something first"
    );
    assert_eq!(&after[..before.len()], &before[..], "earlier output intact");

    // Space again: the same command finishes the job, every input exactly once.
    assert!(clean_limited(dir.path(), None).status.success());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for file in ["out.jsonl", "rejects.jsonl"] {
        let text = fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.ends_with('\n'), "{file} ends mid-line");
        for item in json_lines(&text) {
            *seen
                .entry(item["source"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert!(seen.values().all(|&n| n == 1), "duplicates after resume");
    assert_eq!(seen.len(), total, "every input exactly once");
}
