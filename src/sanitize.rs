//! Text from catalogs and pastes never reaches the terminal raw: control characters become
//! visible symbols (`ESC` → `␛`), so a pasted `ESC ]0;title BEL` cannot retitle the terminal.

use std::borrow::Cow;
use std::io;

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
        // C1 controls (CSI, OSC as single bytes), bidi overrides that reorder text, and the
        // line and paragraph separators some terminals and editors break lines at.
        '\u{80}'..='\u{9f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
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

/// Whether JSON output escapes `c` as `\uXXXX` beyond what JSON requires: DEL, the C1 controls
/// (`U+009B` is CSI to some terminals) and the bidi overrides, which serde_json writes raw.
fn json_escaped(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `--json` output: serde_json's pretty (or, for one object a line, compact) format, with every
/// character a terminal could obey escaped, so the output is valid JSON with the same values and
/// safe to print.
pub struct JsonFormatter(Option<serde_json::ser::PrettyFormatter<'static>>);

/// Writes `value` as pretty JSON through [`JsonFormatter`].
pub fn write_json(out: &mut impl io::Write, value: &impl serde::Serialize) -> io::Result<()> {
    let formatter = JsonFormatter(Some(serde_json::ser::PrettyFormatter::new()));
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, formatter);
    // `From` keeps the kind of an I/O error (a closed pipe stays `BrokenPipe`).
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Writes `value` as JSON on one line through [`JsonFormatter`] (JSON Lines).
pub fn write_json_compact(
    out: &mut impl io::Write,
    value: &impl serde::Serialize,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, JsonFormatter(None));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// The layout calls go to the pretty formatter, or to the compact one.
macro_rules! layout {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(
            fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                match &mut self.0 {
                    Some(pretty) => pretty.$name(w $(, $arg)*),
                    None => serde_json::ser::CompactFormatter.$name(w $(, $arg)*),
                }
            }
        )*
    };
}

impl serde_json::ser::Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices().filter(|&(_, c)| json_escaped(c)) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            write!(w, "\\u{:04x}", c as u32)?;
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    layout!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );
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
        assert_eq!(line("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("Token is invalid 錯誤"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_terminals_obey_and_stays_equal() {
        let value = serde_json::json!({"k\u{9b}": ["\x1b]0;t\x07 \u{9b}2J \u{7f} \u{202e} é 錯"]});
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.chars().any(|c| c != '\n' && c.is_control()),
            "{text:?}"
        );
        assert!(text.contains("\\u009b2J \\u007f \\u202e é 錯"), "{text}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
        let pretty =
            serde_json::to_string_pretty(&serde_json::json!({"a": [1, {"b": null}]})).unwrap();
        let mut ours = Vec::new();
        write_json(&mut ours, &serde_json::json!({"a": [1, {"b": null}]})).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), pretty);
    }

    #[test]
    fn blocks_keep_lines() {
        assert_eq!(block("a\r\nb\x1bc"), "a\nb␛c");
    }
}
