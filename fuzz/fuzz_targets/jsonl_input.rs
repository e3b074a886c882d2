//! JSONL archives (`src/jsonl_input.rs`): arbitrary bytes (plain, or gzip/zstd by magic) as a
//! `.jsonl` file; every line ends as an input or a reject, never a panic.
#![no_main]
use copydesk::ArchiveKind;
use libfuzzer_sys::fuzz_target;

#[path = "archive_common.rs"]
mod archive_common;
#[path = "scratch.rs"]
mod scratch;

fuzz_target!(|data: &[u8]| {
    let path = scratch::write("fuzz.jsonl", data);
    archive_common::read_archive(path, ArchiveKind::Jsonl);
});
