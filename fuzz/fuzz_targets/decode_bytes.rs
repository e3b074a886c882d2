//! Input decoders: gzip framing, binary sniffing, charset prescan and detection.
#![no_main]
use copydesk::input::source::Origin;
use copydesk::{Input, InputFormat};
use copydesk::input::{charset, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = charset::decode(data, None, true);
    assert!(std::str::from_utf8(decoded.text.as_bytes()).is_ok());
    let _ = charset::meta_charset(data);
    let input = Input {
        seq: 0,
        source: "fuzz".into(),
        url: None,
        format: InputFormat::Auto,
        origin: Origin::Stdin,
    };
    let _ = load::decode_page(&input, data, Some("fuzz"));
    let _ = load::gunzip_capped(data, 1 << 20);
});
