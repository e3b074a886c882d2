//! Hostile and broken pages (issue 7): each ends as a record or as a reject with a reason,
//! through the same load + process path a run uses. Big inputs are generated in the test.
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use copydesk::input::load;
use copydesk::input::source::Origin;
use copydesk::{Input, InputFormat, Limits, PipelineConfig, Processor, Record, Stage};

use crate::support::{copydesk, json_lines};

static PROCESSOR: LazyLock<Processor> = LazyLock::new(|| {
    PipelineConfig::default()
        .build_processor("default".as_ref(), ".".as_ref())
        .expect("default config builds")
});

const STORY: &str = "The harbour board met on Monday night and agreed, after a long and \
    sometimes bitter debate, to repair the old sea wall before the winter storms arrive. ";

fn story(paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|i| format!("<p>{}Paragraph {i} ends here.</p>", STORY.repeat(2)))
        .collect()
}

/// Loads and processes the file at `path` with `limits`: the record, or (stage, reason).
fn outcome_with(path: &Path, limits: &Limits) -> Result<Record, (Stage, String)> {
    let input = Input {
        seq: 0,
        source: path.display().to_string(),
        url: None,
        format: InputFormat::Auto,
        origin: Origin::File(path.to_path_buf()),
    };
    load::load(&input, limits)
        .and_then(|page| PROCESSOR.process(&page))
        .map_err(|e| (e.stage(), e.to_string()))
}

fn outcome(name: &str, bytes: &[u8]) -> Result<Record, (Stage, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    outcome_with(&path, &Limits::default())
}

fn record(name: &str, bytes: &[u8]) -> Record {
    outcome(name, bytes).unwrap_or_else(|e| panic!("{name}: expected a record, got {e:?}"))
}

#[test]
fn page_over_100_mb_is_rejected_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.html");
    let paragraph = format!("<p>{STORY}</p>");
    let mut page = String::with_capacity(101 << 20);
    page.push_str("<html><body>");
    while page.len() < 100 << 20 {
        page.push_str(&paragraph);
    }
    page.push_str("</body></html>");
    fs::write(&path, &page).unwrap();
    let err = outcome_with(&path, &Limits::default()).unwrap_err();
    assert_eq!(err.0, Stage::Read);
    assert!(err.1.contains("max_input_bytes"), "{err:?}");
}

#[test]
fn two_million_tiny_elements_are_rejected_by_the_node_budget() {
    let mut page = String::with_capacity(9 << 20);
    page.push_str("<html><body>");
    page.push_str(&story(3));
    page.push_str(&"<br>".repeat(2_000_000));
    page.push_str("</body></html>");
    let err = outcome("tiny.html", page.as_bytes()).unwrap_err();
    assert_eq!(err.0, Stage::Extract);
    assert!(err.1.contains("max_nodes"), "{err:?}");
}

#[test]
fn ten_mb_attribute_does_not_stop_the_story() {
    let huge = "x".repeat(10 << 20);
    let page = format!(
        "<html><body><div class=\"{huge}\" data-blob=\"{huge}\"><article>{}</article></div></body></html>",
        story(4)
    );
    let r = record("attr.html", page.as_bytes());
    assert!(r.text.contains("repair the old sea wall"));
    assert!(!r.text.contains("xxxxxxxx"));
}

#[test]
fn nul_bytes_and_invalid_utf8_mid_text_keep_the_story() {
    // Past the binary sniff window (first 4 KiB), so the page is read as text.
    let mut page = format!("<html><body><article>{}", story(20)).into_bytes();
    assert!(page.len() > 4096);
    page.extend_from_slice(b"<p>Broken \0bytes\0 and \xff\xfe\xc3 invalid UTF-8 \xe2\x82 in the middle of this sentence, which must survive.</p>");
    page.extend_from_slice(story(2).as_bytes());
    page.extend_from_slice(b"</article></body></html>");
    let r = record("nul.html", &page);
    assert!(r.text.contains("repair the old sea wall"));
    assert!(r.text.contains("which must survive"), "{}", r.text);
    assert!(!r.text.contains('\0'));

    // NUL bytes at the start are binary data: a reject that says so.
    let err = outcome("nul-head.html", b"<html>\0\0\0<body>x</body>").unwrap_err();
    assert_eq!(err, (Stage::Decode, "binary content (nul bytes)".into()));
}

#[test]
fn page_declaring_one_charset_written_in_another_is_read_correctly() {
    // Declares Latin-1, written in UTF-8: the valid UTF-8 wins.
    let utf8 = format!(
        "<html><head><meta charset=\"iso-8859-1\"></head><body><article>{}<p>Grüße aus Köln, \
         señor: the café reopened with crème brûlée on the menu and a queue at the door.</p>\
         </article></body></html>",
        story(3)
    );
    let r = record("utf8.html", utf8.as_bytes());
    assert!(r.text.contains("Grüße aus Köln, señor"), "{}", r.text);

    // Declares UTF-8, written in windows-1252: decoding as UTF-8 would replace every accented
    // letter, so the bytes are detected instead.
    let latin = format!(
        "<html><head><meta charset=\"utf-8\"></head><body><article>{}<p>Le café du coin a \
         rouvert après des mois de travaux, à la grande joie des habitués du quartier qui s'y \
         retrouvent chaque matin pour un crème.</p></article></body></html>",
        story(3)
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let r = record("latin.html", &bytes);
    assert!(
        r.text.contains("Le café du coin a rouvert après"),
        "{}",
        r.text
    );
    assert!(!r.text.contains('\u{fffd}'));
}

#[test]
fn unclosed_script_style_and_comment_end_as_record_or_reject() {
    // The raw-text element or comment swallows the rest of the page: the story before it
    // stands, or nothing is left and the reject says so.
    for opener in [
        "<script>var x = '",
        "<style>p { color: red",
        "<!-- comment that never ends",
    ] {
        let page = format!(
            "<html><body><article>{}</article>{opener}{}",
            story(4),
            story(2)
        );
        let r = record("unclosed.html", page.as_bytes());
        assert!(r.text.contains("repair the old sea wall"), "{opener}");
        assert!(!r.text.contains("color: red") && !r.text.contains("var x"));
        assert!(
            !r.text.contains("Paragraph 4 ends"),
            "{opener}: swallowed text leaked"
        );

        let page = format!("<html><body>{opener}{}", story(4));
        let err = outcome("unclosed-only.html", page.as_bytes()).unwrap_err();
        assert_eq!(err.0, Stage::Extract, "{opener}: {err:?}");
        assert_eq!(err.1, "no article content found");
    }
}

#[test]
fn frameset_page_is_a_reject_with_a_reason() {
    let page = "<html><head><title>Frames</title></head><frameset cols=\"25%,75%\">\
                <frame src=\"menu.html\"><frame src=\"story.html\">\
                <noframes><body><p>Your browser does not support frames.</p></body></noframes>\
                </frameset></html>";
    let err = outcome("frames.html", page.as_bytes()).unwrap_err();
    assert_eq!(err.0, Stage::Extract);
    assert_eq!(err.1, "no article content found");
}

#[test]
fn xhtml_with_namespaces_gives_a_record() {
    let page = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:og=\"http://ogp.me/ns#\" \
         xmlns:svg=\"http://www.w3.org/2000/svg\" xml:lang=\"en\">\
         <head><title>Sea wall repairs</title><meta property=\"og:title\" content=\"Sea wall\"/></head>\
         <body><svg:svg width=\"10\" height=\"10\"><svg:title>icon</svg:title></svg:svg>\
         <div id=\"story\">{}<br/><img src=\"a.png\" alt=\"\"/></div></body></html>",
        story(4)
    );
    let r = record("page.xhtml", page.as_bytes());
    assert!(r.text.contains("repair the old sea wall"));
    assert!(!r.text.contains("icon"));
    assert_eq!(r.language.as_deref(), Some("en"));
}

#[test]
fn empty_body_is_a_reject_with_a_reason() {
    for page in [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><head><title>Nothing here</title></head><body>   \n  </body></html>",
        "<!DOCTYPE html><body/>",
    ] {
        let err = outcome("empty-body.html", page.as_bytes()).unwrap_err();
        assert_eq!(err.0, Stage::Extract, "{page}");
        assert_eq!(err.1, "no article content found");
    }
}

#[test]
fn budgets_reject_by_name_and_defaults_let_the_page_through() {
    // 5,000 paragraphs (2 MB): about 10,000 nodes, well under the default budgets.
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        story(5_000)
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.html"), &page).unwrap();
    let run = |limits: &str| {
        fs::write(
            dir.path().join("pipeline.toml"),
            format!("[limits]\n{limits}\n"),
        )
        .unwrap();
        let out = copydesk(
            dir.path(),
            &[
                "clean",
                "big.html",
                "-c",
                "pipeline.toml",
                "-o",
                "out.jsonl",
                "--fresh",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records = json_lines(&fs::read_to_string(dir.path().join("out.jsonl")).unwrap());
        let rejects =
            json_lines(&fs::read_to_string(dir.path().join("out.rejects.jsonl")).unwrap());
        assert_eq!(records.len() + rejects.len(), 1);
        (
            records,
            rejects,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let (_, rejects, stderr) = run("max_nodes = 1000");
    assert_eq!(rejects[0]["stage"], "extract");
    let reason = rejects[0]["reason"].as_str().unwrap();
    assert!(reason.starts_with("page exceeds max_nodes ("), "{reason}");
    assert!(reason.ends_with("nodes, limit 1000)"), "{reason}");
    assert!(
        stderr.contains("rejected at extract: over max_nodes: 1"),
        "{stderr}"
    );

    // Parsing 2 MB of HTML takes far more than a millisecond on any machine.
    let (_, rejects, stderr) = run("max_extract_ms = 1");
    assert_eq!(rejects[0]["stage"], "extract");
    assert_eq!(
        rejects[0]["reason"],
        "extraction exceeds max_extract_ms (1 ms)"
    );
    assert!(
        stderr.contains("rejected at extract: over max_extract_ms: 1"),
        "{stderr}"
    );

    let (records, _, _) = run("");
    assert!(
        records[0]["text"]
            .as_str()
            .unwrap()
            .contains("Paragraph 4999 ends")
    );
}

#[test]
fn hundred_thousand_deep_nesting_through_the_whole_processor_on_a_small_stack() {
    let depth = 100_000;
    let mut page = String::with_capacity(depth * 24);
    page.push_str("<html><body>");
    for i in 0..depth {
        page.push_str(if i % 2 == 0 { "<div>" } else { "<span><b>" });
    }
    page.push_str(&story(4));
    for i in (0..depth).rev() {
        page.push_str(if i % 2 == 0 { "</div>" } else { "</b></span>" });
    }
    page.push_str("</body></html>");
    LazyLock::force(&PROCESSOR); // build the regexes on the main thread's stack
    // Load, extract, filter and drop everything on a 256 KiB stack: no step may recurse
    // with the page's depth.
    let r = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || record("deep.html", page.as_bytes()))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(r.text.contains("repair the old sea wall"));
}
