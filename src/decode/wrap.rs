//! Text cut by a terminal: a line copied from a terminal breaks where the screen ended, in the
//! middle of a word, a key or a CJK phrase. These tell such a break from a real line end, so the
//! two pieces are read as one. Each looks at a bounded stretch after the break.

use super::extract::line_start_within;
use unicode_width::UnicodeWidthStr;

/// Bytes looked at after a break for the rest of a string.
const LOOKAHEAD: usize = 4096;
/// Lines a string may go on over.
const MAX_LINES: usize = 4;
/// The longest piece of a plain-text message taken from the next line.
const MAX_PIECE: usize = 80;

/// Whether a string that `quote` opened, at the line break at `newline` (a `\n` byte of
/// `text`), goes on after it: its closing quote comes within a few lines, followed by what
/// follows a JSON string (`,` `}` `]` `:` or the end of the line), and every whole line in
/// between is as wide on screen as the line that was cut (a terminal cuts each at its width)
/// and holds no quote. A line that starts with a space, or is empty, is not a continuation.
pub fn string_continues(text: &str, newline: usize, quote: u8) -> bool {
    let b = text.as_bytes();
    // The cut line, or its last LOOKAHEAD bytes (a wider one is no screen's).
    let line_start = line_start_within(text, newline, LOOKAHEAD);
    let width = text[line_start..newline].trim_end_matches('\r').width();
    let mut at = newline + 1;
    let limit = (newline + LOOKAHEAD).min(b.len());
    for _ in 0..MAX_LINES {
        if at >= limit || matches!(b[at], b' ' | b'\t' | b'\n' | b'\r') {
            return false;
        }
        let end = memchr::memchr(b'\n', &b[at..limit]).map_or(limit, |p| at + p);
        let line = &b[at..end];
        if let Some(q) = closing_quote(line, quote) {
            let after = line[q + 1..].iter().find(|c| !matches!(c, b' ' | b'\t'));
            return matches!(after, None | Some(b',' | b'}' | b']' | b':' | b'\r'));
        }
        let Some(whole) = text.get(at..end) else {
            return false;
        };
        if end >= limit || whole.trim_end_matches('\r').width() != width {
            return false;
        }
        at = end + 1;
    }
    false
}

/// The first `quote` of `line` that no backslash escapes.
fn closing_quote(line: &[u8], quote: u8) -> Option<usize> {
    let mut escaped = false;
    for (i, &c) in line.iter().enumerate() {
        match c {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            c if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// A piece of plain text, `text[start..end]`, with the start of the next line joined to it, where
/// a terminal may have cut a library's message (`database is lo` / `cked`): when the piece ends
/// at a line break (spaces aside) and the next line starts with a lower-case letter (as the rest
/// of such a message does; a new log line does not), up to its first quote, bracket, comma or
/// line end. The break goes; spaces before it stay.
pub fn joined(text: &str, start: usize, end: usize) -> Option<String> {
    let piece = text.get(start..end)?;
    let rest = text.get(end..)?;
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let (gap, rest) = rest.split_at(spaces);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    if !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let window = match rest.char_indices().nth(MAX_PIECE) {
        Some((cut, _)) => &rest[..cut],
        None => rest,
    };
    let stop = window
        .find(['"', '\'', ')', '(', ']', ',', ';', '\n', '\r'])
        .unwrap_or(window.len());
    let next = window[..stop].trim_end();
    let gap = if gap.is_empty() { "" } else { " " };
    (!next.is_empty()).then(|| format!("{piece}{gap}{next}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn continues(text: &str, quote: u8) -> bool {
        let newline = text.find('\n').unwrap();
        string_continues(text, newline, quote)
    }

    #[test]
    fn a_string_cut_by_the_screen_goes_on() {
        assert!(continues(
            "2024-05-13T10:22:01Z ERROR {\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Ra\nte Limit\"}",
            b'"'
        ));
        assert!(continues("{\"co\nde\": 1302}", b'"'));
        assert!(continues("{'mess\nage': 'x'}", b'\''));
        // Over three lines, the middle one as wide as the first.
        assert!(continues("{\"m\": \"abcdef\nghijklmnopqrs\ntu\"}", b'"'));
    }

    #[test]
    fn a_string_that_ends_with_its_line_does_not() {
        // Truncated, then other lines: no closing quote followed by JSON.
        assert!(!continues(
            "{\"m\": \"abc\nnext line says \"hi\" there",
            b'"'
        ));
        assert!(!continues("{\"m\": \"abc\n  \"next\": 1}", b'"'));
        assert!(!continues("{\"m\": \"abc\n", b'"'));
        // A middle line of another width is not the screen's.
        assert!(!continues("{\"m\": \"abcdef\nghij\nrs\"}", b'"'));
    }

    #[test]
    fn a_cut_message_joined_with_the_next_line() {
        let at = |t: &str, piece: &str| {
            let start = t.find(piece).unwrap();
            joined(t, start, start + piece.len())
        };
        let t = "sqlite3.OperationalError: database is lo\ncked\n";
        assert_eq!(
            at(t, "database is lo").as_deref(),
            Some("database is locked")
        );
        let t = "connect: connection \r\nrefused (retrying)";
        assert_eq!(at(t, "connection").as_deref(), Some("connection refused"));
        assert_eq!(at("a\n  at x", "a"), None);
        assert_eq!(at("a\n", "a"), None);
        assert_eq!(at("a b", "a"), None);
    }
}
