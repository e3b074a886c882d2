//! The table of NFAs compiled ahead of time (`src/prebuilt_nfas.bin`, see `src/prebuilt.rs`)
//! holds exactly what the fixtures make a process compile, as the patterns compile now.
//!
//! This file has one test, so the process compiles nothing before it records. After changing a
//! built-in pattern or adding a fixture page or labelled set, rewrite the table with
//! `UPDATE_PREBUILT_NFAS=1 cargo test --release --test prebuilt_nfas` and rebuild.

use std::path::{Path, PathBuf};

use copydesk::filter::FilterConfig;
use copydesk::{ContentKind, ExtractConfig, Extractor, Page, Processor};

/// The fixture pages, and every labelled article of the filter's sets as a simple HTML page
/// (headline, paragraphs, subheadings, list items, quotes, captions).
fn corpus(root: &Path) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n == "pages" || n.starts_with("filter"))
        })
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let name = file.display().to_string();
            match file.extension().and_then(|e| e.to_str()) {
                Some("html") => {
                    let bytes = std::fs::read(&file).unwrap();
                    pages.push((name, String::from_utf8_lossy(&bytes).into_owned()));
                }
                Some("txt") if dir.ends_with("pages") => {}
                Some("txt") => pages.push((name, labelled_as_html(&file))),
                _ => {}
            }
        }
    }
    pages
}

fn labelled_as_html(file: &Path) -> String {
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let text = std::fs::read_to_string(file).unwrap();
    let mut title = String::new();
    let mut body = String::new();
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("# title:") {
            title = esc(t.trim());
            continue;
        }
        let Some(block) = line.strip_prefix("- ").or_else(|| line.strip_prefix("+ ")) else {
            continue;
        };
        let (tag, t) = match block.split_once("] ") {
            Some((kind, t)) if kind.starts_with('[') => (&kind[1..], t),
            _ => ("p", block),
        };
        let t = esc(t);
        body.push_str(&match tag {
            "h2" | "h3" => format!("<{tag}>{t}</{tag}>\n"),
            "li" => format!("<ul><li>{t}</li></ul>\n"),
            "quote" => format!("<blockquote><p>{t}</p></blockquote>\n"),
            "caption" => format!("<figure><figcaption>{t}</figcaption></figure>\n"),
            _ => format!("<p>{t}</p>\n"),
        });
    }
    format!(
        "<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head><body>\
         <article><h1>{title}</h1>\n{body}</article></body></html>"
    )
}

#[test]
fn prebuilt_nfa_table_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copydesk::prebuilt::start_recording();
    let processor = Processor::new(
        Extractor::new(ExtractConfig::default()),
        FilterConfig::default().build(root).unwrap(),
        false,
        true,
    );
    let pages = corpus(root);
    assert!(pages.len() > 400, "{} fixture pages", pages.len());
    for (source, text) in pages {
        let page = Page {
            seq: 0,
            url: Some(url::Url::parse("https://www.example.org/article").unwrap()),
            source,
            kind: ContentKind::Html,
            text,
        };
        // rejects compile patterns too; what the page comes to does not matter here
        let _ = processor.explain_all(&page);
    }
    let (recorded, held) = copydesk::prebuilt::table_of_recorded();
    assert!(
        recorded.len() > 100_000,
        "{} bytes recorded",
        recorded.len()
    );
    if std::env::var_os("UPDATE_PREBUILT_NFAS").is_some() {
        std::fs::write(root.join("src/prebuilt_nfas.bin"), &recorded).unwrap();
        assert!(
            recorded == held,
            "src/prebuilt_nfas.bin rewritten ({} bytes): rebuild and run again",
            recorded.len()
        );
    }
    assert!(
        recorded == held,
        "src/prebuilt_nfas.bin is not what the fixtures make the built-in patterns compile to \
         now ({} bytes recorded, {} held; a pattern or a fixture changed): run \
         UPDATE_PREBUILT_NFAS=1 cargo test --release --test prebuilt_nfas and rebuild",
        recorded.len(),
        held.len()
    );
}
