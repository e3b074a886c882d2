//! Archive targets: read every input of one archive file and load it, as a run would.
//! Shared through `#[path]`; not a target itself.
use copydesk::{ArchiveKind, InputFormat, Limits, Source};
use copydesk::input::load;

/// Small cap so the "too large, skipped in the stream" path is reached by short inputs.
const MAX_RECORD_BYTES: u64 = 4096;

pub fn read_archive(path: std::path::PathBuf, kind: ArchiveKind) {
    let source = Source::new(vec![path], InputFormat::Auto, None, &mut Vec::new())
        .expect("scratch file exists")
        .with_archive(kind)
        .with_max_record_bytes(MAX_RECORD_BYTES);
    let limits = Limits {
        max_input_bytes: MAX_RECORD_BYTES,
        ..Limits::default()
    };
    for (expected_seq, item) in source.inputs().enumerate() {
        match item {
            Ok(input) => {
                assert_eq!(input.seq, expected_seq as u64);
                if let Ok(page) = load::load(&input, &limits) {
                    assert!(page.text.len() <= 4 * MAX_RECORD_BYTES as usize + 16);
                }
            }
            Err(reject) => {
                assert_eq!(reject.seq, expected_seq as u64);
                assert!(!reject.reason.is_empty());
            }
        }
    }
}
