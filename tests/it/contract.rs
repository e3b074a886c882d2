//! The JSONL wire format: field order, escaping, one object per line, trailing newline.
use std::path::Path;
use std::sync::{Arc, Mutex};

use copydesk::output::sink::JsonlSink;
use copydesk::{Record, Reject, SCHEMA_VERSION, Stage};

use crate::support::repo;

#[derive(Clone, Default)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn record(seq: u64, text: &str) -> Record {
    Record {
        id: copydesk::normalize::content_id(text),
        url: (seq == 0).then(|| "https://example.com/a?x=1&y=\"2\"".to_string()),
        source: format!("pages/{seq}.html"),
        title: Some("Ünïcode “title”".into()),
        author: None,
        published: Some("2024-03-14".into()),
        modified: None,
        language: Some("en".into()),
        language_confidence: (seq == 1).then_some(0.25),
        site_name: None,
        description: None,
        image: None,
        tags: vec!["a".into(), "b".into()],
        word_count: text.split_whitespace().count(),
        page_type: if seq == 0 {
            copydesk::article::PageType::Article
        } else {
            copydesk::article::PageType::Other
        },
        confidence: if seq == 0 { 0.875 } else { 0.0 },
        text: text.into(),
        markdown: None,
        removed: None,
        fetch: None,
        seq,
        schema_version: SCHEMA_VERSION,
    }
}

#[test]
fn records_and_rejects_match_the_contract_file() {
    let buf = SharedBuf::default();
    let mut sink = JsonlSink::new(Box::new(buf.clone()), Path::new("mem"));
    sink.write(&record(0, "First paragraph.\n\nSecond\nline."))
        .unwrap();
    sink.write(&record(1, "Tab\tand \\ backslash")).unwrap();
    sink.write(&Reject {
        seq: 2,
        source: "pages/2.png".into(),
        stage: Stage::Decode,
        reason: "binary content (png)".into(),
        transient: false,
    })
    .unwrap();
    sink.finish().unwrap();
    let written = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let contract = repo().join("fixtures/contract.jsonl");
    if std::env::var_os("COPYDESK_BLESS").is_some() {
        std::fs::write(&contract, &written).unwrap();
    }
    let expected = std::fs::read_to_string(&contract).unwrap();
    assert_eq!(written, expected);
    assert!(written.ends_with('\n'));
    for line in written.lines() {
        assert!(line.starts_with('{') && line.ends_with('}'));
    }
}

#[test]
fn records_round_trip_and_reject_unknown_fields() {
    let r = record(0, "Body.");
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), r);
    let extra = json.replacen('{', "{\"bogus\":1,", 1);
    assert!(serde_json::from_str::<Record>(&extra).is_err());
}
