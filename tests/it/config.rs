//! The repo's pipeline.toml builds; each configs/bad_*.toml gives its expected message.
use std::path::Path;

use copydesk::{Error, PipelineConfig};

use crate::support::repo;

fn load_err(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/configs")
        .join(name);
    match PipelineConfig::load(&path).and_then(|c| c.build(&path, path.parent().unwrap())) {
        Ok(_) => panic!("{name} should not build"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn repo_pipeline_toml_builds() {
    let path = repo().join("pipeline.toml");
    let config = PipelineConfig::load(&path).unwrap();
    config.build(&path, &repo()).unwrap();
    assert!(config.source.is_some());
}

#[test]
fn bad_unknown_key_names_file_line_and_key() {
    let msg = load_err("bad_unknown_key.toml");
    assert!(msg.contains("bad_unknown_key.toml"), "{msg}");
    assert!(msg.contains("line 7"), "{msg}");
    assert!(msg.contains("unknown field `favour`"), "{msg}");
}

#[test]
fn bad_type_names_line_and_key() {
    let msg = load_err("bad_type.toml");
    assert!(msg.contains("line 5"), "{msg}");
    assert!(msg.contains("max_input_bytes"), "{msg}");
}

#[test]
fn bad_site_selector_names_line_and_selector() {
    let msg = load_err("bad_selector.toml");
    assert!(msg.contains("bad_selector.toml"), "{msg}");
    assert!(msg.contains("line 9"), "{msg}");
    assert!(
        msg.contains("invalid CSS selector \"ul > > li\": a combinator with nothing after it"),
        "{msg}"
    );
}

#[test]
fn bad_values_are_all_reported_with_key_paths() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/configs/bad_value.toml");
    let config = PipelineConfig::load(&path).unwrap();
    let Err(Error::ConfigInvalid { problems, .. }) = config.build(&path, &repo()) else {
        panic!("expected ConfigInvalid");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("source.url: invalid URL")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("limits.max_input_bytes")),
        "{problems:?}"
    );
}
