//! Text folding for search: Traditional Chinese to Simplified and full-width ASCII to ASCII,
//! always one `char` for one `char`, so match positions in folded text are positions in the original.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// Folds `s` for matching. ASCII text is returned as is, without allocating.
pub fn fold(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match simplify(c) {
            Some(c) => out.push(fold_width(c)),
            None => return Cow::Owned(fast2s::convert(s).chars().map(fold_width).collect()),
        }
    }
    Cow::Owned(out)
}

/// The characters fast2s converts depending on their neighbours (its exception lists, e.g.
/// 乾隆 keeps 乾); text with one of them is converted whole by fast2s.
const IN_CONTEXT: &[char] = &[
    '兒', '覆', '夥', '藉', '瞭', '麽', '幺', '於', '乾', '著', '苧', '闔', '鍾', '讎', '畫',
];

/// fast2s's conversion of a character out of context, remembered per character (folding a
/// million rows' text pays an array lookup per character instead of fast2s's hash lookups);
/// `None` for the characters whose conversion depends on their neighbours.
fn simplify(c: char) -> Option<char> {
    // fast2s converts CJK Unified Ideographs only (a test checks every other character).
    const FIRST: u32 = 0x4E00;
    const LAST: u32 = 0x9FFF;
    if !(FIRST..=LAST).contains(&(c as u32)) {
        return Some(c);
    }
    const UNKNOWN: u32 = 0;
    const IN_CONTEXT_MARK: u32 = u32::MAX;
    static MEMO: OnceLock<Box<[AtomicU32]>> = OnceLock::new();
    let memo = MEMO.get_or_init(|| (FIRST..=LAST).map(|_| AtomicU32::new(UNKNOWN)).collect());
    let slot = &memo[(c as u32 - FIRST) as usize];
    match slot.load(Ordering::Relaxed) {
        IN_CONTEXT_MARK => None,
        UNKNOWN => {
            if IN_CONTEXT.contains(&c) {
                slot.store(IN_CONTEXT_MARK, Ordering::Relaxed);
                return None;
            }
            let s = fast2s::convert(c.encode_utf8(&mut [0; 4]))
                .chars()
                .next()
                .unwrap_or(c);
            slot.store(s as u32, Ordering::Relaxed);
            Some(s)
        }
        known => Some(char::from_u32(known).unwrap_or(c)),
    }
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
    fn remembered_conversions_are_fast2s_conversions() {
        let whole = |s: &str| -> String { fast2s::convert(s).chars().map(fold_width).collect() };
        for c in '\u{80}'..='\u{FFFF}' {
            let s = c.to_string();
            assert_eq!(fold(&s), whole(&s), "{c} U+{:04X}", c as u32);
        }
        for s in [
            "乾隆年間的錯誤",
            "請重新申請 Token，謝謝",
            "看著計畫",
            "樊於期",
            "錯誤：Ａ",
        ] {
            assert_eq!(fold(s), whole(s), "{s}");
        }
    }

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(fold("token expired"), Cow::Borrowed(_)));
    }
}
