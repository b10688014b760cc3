//! Text folding for search: Traditional Chinese to Simplified and full-width ASCII to ASCII,
//! always one `char` for one `char`, so match positions in folded text are positions in the original.

use std::borrow::Cow;

/// Folds `s` for matching. ASCII text is returned as is, without allocating.
pub fn fold(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let simplified = fast2s::convert(s);
    Cow::Owned(simplified.chars().map(fold_width).collect())
}

/// Full-width forms (`，` `：` `Ａ`) become their ASCII twins; the ideographic space a space.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_fold_to_the_same_text() {
        assert_eq!(fold("錯誤"), fold("错误"));
        assert_eq!(fold("認證錯誤"), "认证错误");
    }

    #[test]
    fn folding_keeps_one_char_per_char() {
        let s = "錯誤：此APIkey已被停權，請洽站方";
        assert_eq!(fold(s).chars().count(), s.chars().count());
        assert_eq!(fold(s), "错误:此APIkey已被停权,请洽站方");
    }

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(fold("token expired"), Cow::Borrowed(_)));
    }
}
