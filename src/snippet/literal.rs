//! String literals for every language, from one function: `"` and `\` escaped, line breaks and
//! tabs by name, and characters that must not appear raw in source (see [`is_invisible`]) as
//! the language writes a Unicode escape. What differs between languages is a [`Style`].

use std::fmt::Write;

/// How a language writes a double-quoted string literal.
pub(super) struct Style {
    /// How to write a character as an escape.
    pub escape: fn(char, &mut String),
    /// Characters with escapes of their own, beyond `"`, `\`, `\n`, `\r`, `\t`.
    pub special: &'static [(char, &'static str)],
}

/// A single-quoted literal for PHP and Ruby, where only `\\` and `\'` are escapes and nothing
/// is interpolated; `None` when `s` holds a character that must be written as an escape
/// (see [`is_invisible`]), which only double quotes can hold.
pub(super) fn single_quoted(s: &str) -> Option<String> {
    if s.chars().any(is_invisible) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if matches!(c, '\\' | '\'') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    Some(out)
}

/// `s` as a double-quoted literal in `style`.
pub(super) fn quoted(s: &str, style: &Style) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    // Most messages: printable ASCII with nothing to escape, as it is.
    let plain = |b: u8| {
        (b' '..=b'~').contains(&b)
            && b != b'"'
            && b != b'\\'
            && !style.special.iter().any(|&(c, _)| c == char::from(b))
    };
    if s.bytes().all(plain) {
        out.push_str(s);
        out.push('"');
        return out;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => match style.special.iter().find(|(s, _)| *s == c) {
                Some((_, escape)) => out.push_str(escape),
                None if is_invisible(c) => (style.escape)(c, &mut out),
                None => out.push(c),
            },
        }
    }
    out.push('"');
    out
}

/// Characters that must not appear raw in generated source: controls (line breaks among them),
/// Unicode line and paragraph separators, bidirectional overrides (rustc denies them in
/// comments and literals), zero-width and other invisible format characters, the BOM (Go
/// rejects it inside a file).
pub(super) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

pub(super) fn braced(c: char, out: &mut String) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

pub(super) fn short_or_long(c: char, out: &mut String) {
    let _ = match c as u32 {
        n if n < 0x1_0000 => write!(out, "\\u{n:04x}"),
        n => write!(out, "\\U{n:08x}"),
    };
}

/// `\uXXXX` escapes, a surrogate pair above the BMP.
pub(super) fn utf16(c: char, out: &mut String) {
    let mut buf = [0u16; 2];
    for unit in c.encode_utf16(&mut buf) {
        let _ = write!(out, "\\u{unit:04X}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_quotes_only_where_nothing_needs_an_escape() {
        assert_eq!(
            single_quoted(r"it's \ $var #{x} 錯").as_deref(),
            Some(r"'it\'s \\ $var #{x} 錯'")
        );
        assert_eq!(single_quoted("\\'"), Some(r"'\\\''".to_string()));
        assert_eq!(single_quoted("a\nb"), None);
        assert_eq!(single_quoted("\u{feff}"), None);
    }
}
