//! Finding things in pasted text: HTTP status lines, JSON-ish documents (in log lines, after
//! headers, several per paste, escaped inside quotes), and the lines outside them.

use super::lenient::{Parsed, parse_at};
use std::borrow::Cow;

/// Removes what is not text: a leading BOM, and ANSI escape sequences (colourised logs, `jq -C`).
/// Line structure is kept. A paste whose quotes a chat app or word processor made curly (it
/// holds “ ” and no straight `"`) gets straight ones back.
pub fn preprocess(text: &str) -> Cow<'_, str> {
    let text = text.trim_start_matches('\u{feff}');
    if text.contains(['\u{201c}', '\u{201d}']) && !text.contains('"') {
        let straight: String = text
            .chars()
            .map(|c| match c {
                '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
                '\u{2018}' | '\u{2019}' => '\'',
                c => c,
            })
            .collect();
        return Cow::Owned(preprocess(&straight).into_owned());
    }
    if !text.contains('\u{1b}') && !text.contains('\u{9b}') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek().map(|&(_, n)| n) {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']') => {
                    chars.next();
                    // OSC: up to BEL or ESC \ (bounded, so a stray ESC ] eats little).
                    for _ in 0..1024 {
                        match chars.next() {
                            Some((_, '\u{7}')) | None => break,
                            Some((_, '\u{1b}')) => {
                                if chars.peek().map(|&(_, n)| n) == Some('\\') {
                                    chars.next();
                                }
                                break;
                            }
                            Some((_, '\n')) => {
                                out.push('\n');
                                break;
                            }
                            Some(_) => {}
                        }
                    }
                }
                Some(n) if n != '\n' => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Skips the rest of a CSI sequence: parameters, then one final byte (bounded).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    for _ in 0..64 {
        match chars.peek().map(|&(_, n)| n) {
            Some('\u{30}'..='\u{3f}' | '\u{20}'..='\u{2f}') => {
                chars.next();
            }
            Some('\u{40}'..='\u{7e}') => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// HTTP status lines (`HTTP/1.1 403 Forbidden`, `< HTTP/2 401`): byte offset and status.
pub fn status_lines(text: &str) -> Vec<(usize, u16)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (at, _) in text.match_indices("HTTP/") {
        // At a line start or after a space or `<`, so `"GET / HTTP/1.1" 200` is not one.
        if at > 0 && !matches!(b[at - 1], b' ' | b'\t' | b'\n' | b'\r' | b'<' | b'>') {
            continue;
        }
        let mut i = at + 5;
        let digits = |i: &mut usize| {
            let s = *i;
            while *i < b.len() && b[*i].is_ascii_digit() {
                *i += 1;
            }
            *i > s
        };
        if !digits(&mut i) {
            continue;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            if !digits(&mut i) {
                continue;
            }
        }
        let spaces = i;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i == spaces || i + 3 > b.len() {
            continue;
        }
        let code = &b[i..i + 3];
        let after = b.get(i + 3).copied();
        if code.iter().all(u8::is_ascii_digit) && after.is_none_or(|c| c.is_ascii_whitespace()) {
            let n = code.iter().fold(0u16, |n, d| n * 10 + (d - b'0') as u16);
            if (100..=599).contains(&n) {
                out.push((at, n));
            }
        }
    }
    out
}

/// Something found in the text.
pub enum Found {
    /// A document parsed from `start` to `parsed.end`.
    Doc { start: usize, parsed: Parsed },
    /// JSON escaped inside a quoted string of a log line (`msg="{\"error\":1}"`), unescaped.
    Escaped {
        start: usize,
        end: usize,
        text: String,
    },
}

/// The documents in a text, left to right. Every parse attempt that stops moves the scan on
/// past where it stopped, so the whole scan is linear in the text.
pub struct Docs<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Docs<'a> {
    pub fn new(text: &'a str) -> Docs<'a> {
        Docs { text, pos: 0 }
    }
}

impl Iterator for Docs<'_> {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        let b = self.text.as_bytes();
        loop {
            let start = self.pos
                + b.get(self.pos..)?
                    .iter()
                    .position(|&c| c == b'{' || c == b'[')?;
            if b[start] == b'{' {
                let mut j = start + 1;
                while j < b.len() && matches!(b[j], b' ' | b'\t') {
                    j += 1;
                }
                if b.get(j..j + 2) == Some(b"\\\"") {
                    let (text, end) = unescape_run(self.text, start);
                    self.pos = end.max(start + 1);
                    return Some(Found::Escaped { start, end, text });
                }
            }
            match parse_at(self.text, start) {
                Some(parsed) => {
                    self.pos = parsed.end.max(start + 1);
                    let empty = match &parsed.value {
                        super::lenient::Value::Obj(m) => m.is_empty(),
                        super::lenient::Value::Arr(a) => a.is_empty(),
                        _ => true,
                    };
                    if !empty {
                        return Some(Found::Doc { start, parsed });
                    }
                }
                None => self.pos = start + 1,
            }
        }
    }
}

/// Unescapes a JSON string body starting at `start`, up to an unescaped `"` or the end of the
/// line. Returns the text and the offset where it stopped.
fn unescape_run(text: &str, start: usize) -> (String, usize) {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut i = start;
    let mut run = start;
    while i < b.len() {
        match b[i] {
            b'"' | b'\n' => break,
            b'\\' => {
                out.push_str(&text[run..i]);
                match b.get(i + 1) {
                    Some(b'"') => out.push('"'),
                    Some(b'\\') => out.push('\\'),
                    Some(b'/') => out.push('/'),
                    Some(b'n') => out.push('\n'),
                    Some(b't') => out.push('\t'),
                    Some(b'r') => out.push('\r'),
                    Some(&c) if c.is_ascii() => {
                        out.push('\\');
                        out.push(c as char);
                    }
                    _ => {
                        // End of text or a non-ASCII char: keep the backslash, go on.
                        out.push('\\');
                        i += 1;
                        run = i;
                        continue;
                    }
                }
                i += 2;
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[run..i]);
    (out, i)
}

/// Lines of `text` with their 1-based number and byte offset.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = 0;
    text.split('\n').enumerate().map(move |(i, line)| {
        let at = offset;
        offset += line.len() + 1;
        (i + 1, at, line)
    })
}

/// `at`, or the character boundary before it (`text.len()` past the end): where a bounded
/// look into the text may stop.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the line holding `at` starts, looked for at most `look_back` bytes before `at` (the
/// first character boundary there, for a longer line).
pub fn line_start_within(text: &str, at: usize, look_back: usize) -> usize {
    let mut from = at.saturating_sub(look_back);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.as_bytes()[from..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(from, |p| from + p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::lenient::Value;

    #[test]
    fn bom_and_ansi_are_removed() {
        assert_eq!(preprocess("\u{feff}{\"a\":1}"), "{\"a\":1}");
        assert_eq!(
            preprocess("\u{1b}[1;39m{\u{1b}[0m\n\u{1b}[34;1m\"a\"\u{1b}[0m: 1}"),
            "{\n\"a\": 1}"
        );
        assert_eq!(preprocess("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(preprocess("x\u{1b}"), "x");
        assert!(matches!(preprocess("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn status_lines_are_found() {
        let t = "HTTP/1.1 403 Forbidden\r\nA: b\r\n\r\n{}\n< HTTP/2 401 \nHTTP/2 200\n\"GET / HTTP/1.1\" 500 12\nHTTP/1.1 99 x";
        let s: Vec<u16> = status_lines(t).into_iter().map(|(_, s)| s).collect();
        assert_eq!(s, vec![403, 401, 200]);
        assert!(status_lines("HTTP/").is_empty());
        assert!(status_lines("HTTP/1.1 40").is_empty());
    }

    #[test]
    fn documents_in_log_lines_and_several_per_paste() {
        let t = "[INFO] start\n2024-05-01T10:00:00Z ERROR api call failed: {\"error\":1,\"code\":1302} {user} [1, {'a': 2}]\n";
        let docs: Vec<_> = Docs::new(t)
            .filter_map(|f| match f {
                Found::Doc { parsed, .. } => Some(parsed.value),
                _ => None,
            })
            .collect();
        assert!(docs.iter().any(|v| v.member("code").is_some()));
        assert!(
            docs.iter()
                .any(|v| matches!(v, Value::Arr(a) if a.len() == 2))
        );
    }

    #[test]
    fn escaped_json_in_quotes_is_unescaped() {
        let t = r#"level=error msg="{\"error\":1,\"code\":\"1302\"}" ts=1"#;
        let found: Vec<_> = Docs::new(t).collect();
        let escaped = found.iter().find_map(|f| match f {
            Found::Escaped { text, .. } => Some(text.clone()),
            _ => None,
        });
        assert_eq!(escaped.as_deref(), Some(r#"{"error":1,"code":"1302"}"#));
    }

    #[test]
    fn scanning_is_linear_on_hostile_text() {
        let t = "{".repeat(100_000) + &"[\"".repeat(100_000);
        let start = std::time::Instant::now();
        let n = Docs::new(&t).count();
        assert!(n <= 100_001);
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn lines_have_numbers_and_offsets() {
        let l: Vec<_> = lines("a\r\nbc\n").collect();
        assert_eq!(l, vec![(1, 0, "a\r"), (2, 3, "bc"), (3, 6, "")]);
    }
}
