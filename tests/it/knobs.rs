//! The command-line knobs of issue 17 (`--favor`, `--include`/`--exclude`, `--lang`,
//! `--no-filter`, `--preset`) on each command that takes them: `clean`, `fetch` (from a
//! loopback server) and `run`, each over a config file whose values the knobs override.
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::{fs, thread};

use crate::support::{copydesk, json_lines};

const PARA: &str = "The council voted on Tuesday, after a long debate, to approve the new budget for the city schools. ";

/// A story whose edges the presets judge differently (a short sibling paragraph outside the
/// story's container, a link-only paragraph inside it), with a table, a link, an image and a
/// line the filter's rules remove.
fn story_page() -> String {
    format!(
        r#"<html lang=en><head><title>Budget</title></head><body><div id=main><div id=story>
<p>{PARA}{PARA}</p><p>{PARA}</p><p>{PARA}{PARA}</p><p>4 min read</p><p>{PARA}{PARA}</p>
<p>Read <a href="/budget.pdf">the budget</a> in full. {PARA}</p>
<p><a href="/more">See the full budget document</a></p>
<table><tr><th>School</th><th>Budget</th></tr><tr><td>North</td><td>1.2 million</td></tr><tr><td>South</td><td>0.9 million</td></tr></table>
<figure><img src="/hall.jpg" alt="The council hall"><figcaption>The council hall on Tuesday night.</figcaption></figure>
</div><p>Officials agreed with the plan that evening.</p></div></body></html>"#
    )
}

/// 30-odd words of prose: enough for the default quality check, too few for `dataset`.
const SHORT_PAGE: &str = "<html lang=en><head><title>Ferry</title></head><body><article>\
<p>The ferry to the island runs on time again after the storm, the harbor office said on Monday.</p>\
<p>The evening crossing leaves at six, and the last boat back is at ten, as it was last summer.</p>\
</article></body></html>";

/// A loopback HTTP server: `/story` and `/short` serve the pages above, anything else is 404.
/// Stops when dropped.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let story = story_page();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let story = story.clone();
                thread::spawn(move || serve(stream, &story));
            }
        });
        Self { port, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(mut stream: TcpStream, story: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = match path {
        "/story" => ("200 OK", story),
        "/short" => ("200 OK", SHORT_PAGE),
        _ => ("404 Not Found", ""),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// The config every command reads: tables off and Markdown on, so that `--include tables`
/// visibly overrides the file and `--include links,images` shows in the Markdown.
const CONFIG: &str = "[extract]\ninclude_tables = false\n[output]\nmarkdown = true\n";

/// Runs `command` on `page` ("story" or "short") with `knobs`; the record, or `None` when
/// the page was rejected. Panics on a failed run.
fn record(command: &str, page: &str, knobs: &[&str]) -> Option<serde_json::Value> {
    let (dir, out) = run(command, page, knobs);
    assert!(
        out.status.success(),
        "{command} {knobs:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = match command {
        "run" => fs::read_to_string(dir.path().join("out.jsonl")).unwrap_or_default(),
        _ => String::from_utf8_lossy(&out.stdout).into_owned(),
    };
    json_lines(&text).into_iter().next()
}

/// Runs `command` in a fresh directory: `clean` and `run` read the page from a file (with a
/// URL), `fetch` from the loopback server.
fn run(command: &str, page: &str, knobs: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let html = if page == "story" {
        story_page()
    } else {
        SHORT_PAGE.to_owned()
    };
    fs::write(dir.path().join("page.html"), html).unwrap();
    let server = Server::start();
    let url = server.url(&format!("/{page}"));
    let page_url = format!("https://example.com/{page}");
    let mut args: Vec<&str> = match command {
        "clean" => vec!["clean", "page.html", "-c", "p.toml", "--url", &page_url],
        "fetch" => vec!["fetch", &url, "-c", "p.toml"],
        _ => vec!["run", "p.toml", "--fresh"],
    };
    let config = match command {
        "run" => format!(
            "{CONFIG}path = \"out.jsonl\"\n[source]\npaths = [\"page.html\"]\nurl = \"{page_url}\"\n"
        ),
        _ => CONFIG.to_owned(),
    };
    fs::write(dir.path().join("p.toml"), config).unwrap();
    args.extend_from_slice(knobs);
    let out = copydesk(dir.path(), &args);
    (dir, out)
}

fn text(r: &serde_json::Value) -> &str {
    r["text"].as_str().unwrap()
}

/// Every knob, on one command.
fn knobs_work_on(command: &str) {
    let default = record(command, "story", &[]).unwrap();
    let t = text(&default);
    assert!(t.contains("Officials agreed"), "{command}: {t}");
    assert!(
        !t.contains("See the full budget document"),
        "{command}: {t}"
    );
    assert!(
        !t.contains("North"),
        "{command}: tables are off in the config: {t}"
    );
    assert!(!t.contains("4 min read"), "{command}: {t}");

    // --favor: precision drops the short sibling, recall keeps the link-only line.
    let precise = record(command, "story", &["--favor", "precision"]).unwrap();
    assert!(!text(&precise).contains("Officials agreed"), "{command}");
    let recall = record(command, "story", &["--favor", "recall"]).unwrap();
    assert!(
        text(&recall).contains("See the full budget document"),
        "{command}"
    );

    // --include overrides the config; links and images show in the Markdown.
    let md = |r: &serde_json::Value| r["markdown"].as_str().unwrap_or_default().to_owned();
    assert!(!md(&default).contains("/budget.pdf"), "{command}");
    let all = record(command, "story", &["--include", "tables,links,images"]).unwrap();
    assert!(text(&all).contains("North"), "{command}: {}", text(&all));
    assert!(md(&all).contains("/budget.pdf)"), "{command}: {}", md(&all));
    assert!(
        md(&all).contains("![The council hall]("),
        "{command}: {}",
        md(&all)
    );
    let none = record(command, "story", &["--exclude", "images"]).unwrap();
    assert!(
        !text(&none).contains("council hall on Tuesday"),
        "{command}"
    );

    // --lang: an allow-list the page's language is not on rejects it.
    assert!(
        record(command, "story", &["--lang", "de,fr"]).is_none(),
        "{command}"
    );
    assert!(
        record(command, "story", &["--lang", "de,en"]).is_some(),
        "{command}"
    );

    // --no-filter keeps what the line rules remove.
    let unfiltered = record(command, "story", &["--no-filter"]).unwrap();
    assert!(text(&unfiltered).contains("4 min read"), "{command}");

    // --preset dataset: the dataset quality preset (at least 50 words) rejects a short page
    // the default keeps.
    assert!(record(command, "short", &[]).is_some(), "{command}");
    assert!(
        record(command, "short", &["--preset", "dataset"]).is_none(),
        "{command}"
    );

    // --include comments is refused with a reason, before any work.
    let (_dir, out) = run(command, "story", &["--include", "comments"]);
    assert_eq!(out.status.code(), Some(2), "{command}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--include comments"), "{command}: {err}");
}

#[test]
fn knobs_work_on_clean() {
    knobs_work_on("clean");
}

#[test]
fn knobs_work_on_fetch() {
    knobs_work_on("fetch");
}

#[test]
fn knobs_work_on_run() {
    knobs_work_on("run");
}

#[test]
fn knobs_are_listed_by_each_command() {
    for command in ["clean", "fetch", "run"] {
        let out = copydesk(Path::new("."), &[command, "--help"]);
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in [
            "--favor",
            "--include",
            "--exclude",
            "--lang",
            "--no-filter",
            "--preset",
        ] {
            assert!(help.contains(flag), "{command} --help lacks {flag}");
        }
    }
}
