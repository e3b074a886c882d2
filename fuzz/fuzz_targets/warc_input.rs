//! WARC archives (`src/warc.rs`, via fastwarc): arbitrary bytes (plain, or gzip/zstd/lz4 by
//! magic) as a `.warc` file; every page record ends as an input or a reject, never a panic.
#![no_main]
use copydesk::ArchiveKind;
use libfuzzer_sys::fuzz_target;

#[path = "archive_common.rs"]
mod archive_common;
#[path = "scratch.rs"]
mod scratch;

fuzz_target!(|data: &[u8]| {
    let path = scratch::write("fuzz.warc", data);
    archive_common::read_archive(path, ArchiveKind::Warc);
});
