//! Shared helpers for the integration tests.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` next to the repository, when it is there (it is on dev machines and CI).
pub fn shared() -> Option<PathBuf> {
    let path = repo().join("../shared");
    path.is_dir().then_some(path)
}

/// Runs the binary with `args` in `dir`.
pub fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run copydesk")
}

/// Parses JSON Lines.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}
