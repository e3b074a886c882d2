//! URL lists (`src/fetch/list.rs`): plain lines, JSON lines and CSV, then URL normalization.
//! The first byte picks the format; every item is an entry or a located error, never a panic.
#![no_main]
use copydesk::input::url_list::{ListItem, ListSource, normalize, read_lists};
use libfuzzer_sys::fuzz_target;

#[path = "scratch.rs"]
mod scratch;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let name = if selector & 1 == 0 { "urls.txt" } else { "urls.csv" };
    let path = scratch::write(name, body);
    read_lists(&[ListSource::File(path)], &mut |item| {
        if let ListItem::Entry(url) = item {
            assert_eq!(url.trim(), url, "entries are trimmed");
            if let Ok(normalized) = normalize(&url) {
                assert!(matches!(normalized.scheme(), "http" | "https"));
                assert!(normalized.fragment().is_none());
                // Normalizing is idempotent: the duplicate key is stable.
                assert_eq!(normalize(normalized.as_str()).unwrap(), normalized);
            }
        }
        true
    });
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = ListSource::from_arg(text);
    }
});
