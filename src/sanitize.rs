//! Text from catalogs and pastes never reaches the terminal raw: control characters become
//! visible symbols (`ESC` → `␛`), so a pasted `ESC ]0;title BEL` cannot retitle the terminal.

use std::borrow::Cow;

/// Width a tab expands to.
pub const TAB: &str = "    ";

/// How one character is shown: `None` when it is shown as itself.
pub fn replacement(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\t' => Some(Cow::Borrowed(TAB)),
        // C0 controls map onto the Control Pictures block: U+2400 + code.
        '\0'..='\u{1f}' => Some(Cow::Owned(
            char::from_u32(0x2400 + c as u32).unwrap_or('?').to_string(),
        )),
        '\u{7f}' => Some(Cow::Borrowed("␡")),
        // C1 controls (CSI, OSC as single bytes) and bidi overrides that reorder text.
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Cow::Owned(format!("\\u{{{:x}}}", c as u32)))
        }
        _ => None,
    }
}

/// One line of display text: every control character (newlines too) escaped.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| replacement(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match replacement(c) {
            Some(r) => out.push_str(&r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Multi-line display text: newlines kept (CRLF as one), every other control escaped.
pub fn block(s: &str) -> String {
    s.replace("\r\n", "\n")
        .split('\n')
        .map(line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        assert_eq!(line("\x1b]0;pwned\x07"), "␛]0;pwned␇");
        assert_eq!(line("\x1b[2J"), "␛[2J");
        assert_eq!(line("a\tb"), "a    b");
        assert_eq!(line("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("Token is invalid 錯誤"), Cow::Borrowed(_)));
    }

    #[test]
    fn blocks_keep_lines() {
        assert_eq!(block("a\r\nb\x1bc"), "a\nb␛c");
    }
}
