//! pipeline.toml parsing and validation on arbitrary text: errors, never panics.
#![no_main]
use copydesk::PipelineConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(config) = PipelineConfig::parse(text, "fuzz.toml".as_ref()) {
        let _ = config.build_processor("fuzz.toml".as_ref(), "/nonexistent".as_ref());
    }
});
