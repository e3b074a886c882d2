//! Shared helpers for the integration tests.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the tests run under CI: `CI` set to anything but empty, `0` or `false`.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// `../shared` next to the repository (it is on dev machines and CI). A test that needs it
/// must not pass without testing: under CI a missing `../shared` fails the test; locally the
/// test says why it does not run and returns `None`.
pub fn shared() -> Option<PathBuf> {
    fixture_at(repo().join("../shared"), under_ci())
}

/// `path` when it exists; when it does not: a panic when `ci`, else `None` after a clear
/// message on stderr.
pub fn fixture_at(path: PathBuf, ci: bool) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    assert!(
        !ci,
        "fixture {} is missing: under CI a test never passes without its fixture",
        path.display()
    );
    eprintln!(
        "NOT RUN: fixture {} is missing (this fails under CI=true)",
        path.display()
    );
    None
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
