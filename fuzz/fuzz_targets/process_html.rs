//! HTML extraction end to end: arbitrary bytes -> decode -> extract -> filter -> record.
//! Must never panic; any input ends as a record or a typed reject.
#![no_main]
use std::sync::LazyLock;

use copydesk::input::source::Origin;
use copydesk::{Input, InputFormat, PipelineConfig, Processor};
use copydesk::input::load;
use libfuzzer_sys::fuzz_target;

static PROCESSOR: LazyLock<Processor> = LazyLock::new(|| {
    PipelineConfig::default()
        .build_processor("fuzz".as_ref(), ".".as_ref())
        .expect("default config builds")
});

fuzz_target!(|data: &[u8]| {
    let input = Input {
        seq: 0,
        source: "fuzz".into(),
        url: None,
        format: InputFormat::Html,
        origin: Origin::Stdin,
    };
    if let Ok(page) = load::decode_page(&input, data, Some("fuzz.html")) {
        if let Ok(record) = PROCESSOR.process(&page) {
            assert!(!record.text.is_empty());
            assert_eq!(record.text.trim(), record.text);
        }
    }
});
