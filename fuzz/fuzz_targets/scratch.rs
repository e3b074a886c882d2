//! A per-process scratch file for targets whose decoders read from paths (archives, lists).
//! Shared by the file-based targets through `#[path]`; not a target itself.
use std::path::PathBuf;

/// Writes `data` to `<tmp>/copydesk-fuzz-<pid>/<name>` and returns the path. `/dev/shm` when
/// present, so the write stays in memory.
pub fn write(name: &str, data: &[u8]) -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("copydesk-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("scratch write");
    path
}
