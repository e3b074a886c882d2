//! The filter and normalize stages on arbitrary text (plain-text inputs skip extraction).
#![no_main]
use std::sync::LazyLock;

use copydesk::{ContentKind, Page, PipelineConfig, Processor};
use libfuzzer_sys::fuzz_target;

static PROCESSOR: LazyLock<Processor> = LazyLock::new(|| {
    PipelineConfig::default()
        .build_processor("fuzz".as_ref(), ".".as_ref())
        .expect("default config builds")
});

fuzz_target!(|text: &str| {
    let page = Page {
        seq: 0,
        source: "fuzz".into(),
        url: None,
        kind: ContentKind::Text,
        text: text.to_string(),
    };
    if let Ok(record) = PROCESSOR.process(&page) {
        assert!(!record.text.contains("\n\n\n"));
        assert_eq!(copydesk::normalize::normalize_block_text(&record.text.replace("\n\n", "\n")), record.text.replace("\n\n", "\n"));
    }
});
