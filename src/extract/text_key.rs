//! The comparison key for short texts (titles, headings, leads, descriptions).

/// Letters and digits of `s`, lowercased: two texts that differ only in punctuation,
/// spacing or case have the same key.
pub(crate) fn text_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::text_key;

    #[test]
    fn keeps_letters_and_digits_lowercased() {
        assert_eq!(text_key("Budget: 2026, Approved!"), "budget2026approved");
        assert_eq!(text_key(" -- "), "");
    }
}
