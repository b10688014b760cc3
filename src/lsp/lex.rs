//! A lexer for one line of any language, good enough to tell numbers, strings, names and
//! operators apart: what the context rules read. Comments end the line's tokens.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// A name (`resp`, `ErrorCode`, `$code`, `@status`).
    Ident,
    /// A decimal integer (`1302`).
    Int,
    /// A hexadecimal integer (`0x80070005`).
    Hex,
    /// Any other number (`1.5`, `1e3`, `1_000`, `0b101`): never a code.
    OtherNumber,
    /// A string literal, quotes included; [`Token::inner`] is its content.
    Str,
    /// An operator or bracket (`==`, `:=`, `(`, `::`).
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub kind: Tok,
    pub span: Range<usize>,
}

impl Token {
    pub fn text<'a>(&self, line: &'a str) -> &'a str {
        &line[self.span.clone()]
    }

    /// A string's content without its quotes (and prefix, `b"…"`, `r'…'`); the text otherwise.
    pub fn inner<'a>(&self, line: &'a str) -> &'a str {
        let text = self.text(line);
        if self.kind != Tok::Str {
            return text;
        }
        let text = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let quote = text.chars().next().unwrap_or('"');
        let body = &text[quote.len_utf8().min(text.len())..];
        body.strip_suffix(quote).unwrap_or(body)
    }

    pub fn is(&self, line: &str, text: &str) -> bool {
        self.text(line) == text
    }
}

/// Operators read as one token, longest first.
const OPERATORS: &[&str] = &[
    "===", "!==", "<=>", "...", "..=", "==", "!=", ":=", "=>", "->", "::", "<=", ">=", "&&", "||",
    "?.", "..", "+=", "-=",
];

/// Whether `#` starts a comment in this language.
pub fn hash_comments(language: &str) -> bool {
    matches!(
        language,
        "python"
            | "ruby"
            | "yaml"
            | "toml"
            | "shellscript"
            | "sh"
            | "bash"
            | "zsh"
            | "perl"
            | "r"
            | "elixir"
            | "make"
            | "makefile"
            | "dockerfile"
            | "conf"
            | "nim"
            | "coffeescript"
            | "crystal"
            | "julia"
            | "powershell"
            | "ps1"
            | "properties"
            | "ini"
    )
}

/// The tokens of `line`, up to a comment.
pub fn tokens(line: &str, hash_comments: bool) -> Vec<Token> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if (b == b'/' && matches!(bytes.get(i + 1), Some(b'/')))
            || (hash_comments && b == b'#')
            || (b == b'-' && bytes.get(i + 1) == Some(&b'-') && bytes.get(i + 2) == Some(&b' '))
        {
            break;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            // A block comment: skipped to its end on this line, or the line ends.
            match memchr::memmem::find(&bytes[i + 2..], b"*/") {
                Some(at) => {
                    i += at + 4;
                    continue;
                }
                None => break,
            }
        }
        let string_prefix = matches!(b, b'b' | b'r' | b'f' | b'u' | b'B' | b'R' | b'F' | b'U')
            && matches!(bytes.get(i + 1), Some(b'"' | b'\''))
            && (i == 0 || !is_ident_byte(bytes[i - 1]));
        if matches!(b, b'"' | b'\'' | b'`') || string_prefix {
            let quote_at = if string_prefix { i + 1 } else { i };
            let quote = bytes[quote_at];
            let mut j = quote_at + 1;
            while j < bytes.len() && bytes[j] != quote {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            // Rust's lifetimes and chars (`'a`) and unclosed quotes end at the line's end.
            i = (j + 1).min(bytes.len());
            out.push(Token {
                kind: Tok::Str,
                span: start..i,
            });
            continue;
        }
        if b.is_ascii_digit() {
            let (kind, end) = number(bytes, i);
            i = end;
            out.push(Token {
                kind,
                span: start..i,
            });
            continue;
        }
        if is_ident_byte(b) || b == b'$' || b == b'@' || b >= 0x80 {
            i += 1;
            while i < bytes.len() && (is_ident_byte(bytes[i]) || bytes[i] >= 0x80) {
                i += 1;
            }
            // `-eq` (shell) and `kebab-case` keys stay one name when letters follow the dash.
            while i + 1 < bytes.len()
                && bytes[i] == b'-'
                && bytes[i + 1].is_ascii_alphabetic()
                && !line[start..i].contains('$')
                && is_ident_byte(bytes[i - 1])
            {
                i += 1;
                while i < bytes.len() && is_ident_byte(bytes[i]) {
                    i += 1;
                }
            }
            out.push(Token {
                kind: Tok::Ident,
                span: start..i,
            });
            continue;
        }
        let op = OPERATORS
            .iter()
            .find(|op| line[i..].starts_with(*op))
            .map_or(1, |op| op.len());
        // Keep to character boundaries for anything outside ASCII.
        let mut end = i + op;
        while !line.is_char_boundary(end) {
            end += 1;
        }
        i = end;
        out.push(Token {
            kind: Tok::Punct,
            span: start..i,
        });
    }
    out
}

pub fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A number from `at`: its kind and where it ends. A number glued to letters (`2xx`, `v8`)
/// or with a fraction, exponent or separators is not a code.
fn number(bytes: &[u8], at: usize) -> (Tok, usize) {
    let mut i = at;
    if bytes[i] == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        let digits = i;
        while i < bytes.len() && bytes[i].is_ascii_hexdigit() {
            i += 1;
        }
        let suffix = integer_suffix(bytes, i);
        if i > digits && suffix > 0 {
            return (Tok::Hex, i + suffix);
        }
        let glued = i < bytes.len() && (is_ident_byte(bytes[i]) || bytes[i] == b'.');
        let end = skip_word(bytes, i);
        let kind = if i > digits && !glued {
            Tok::Hex
        } else {
            Tok::OtherNumber
        };
        return (kind, end);
    }
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let fraction = bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
    let suffix = integer_suffix(bytes, i);
    if !fraction && suffix > 0 {
        return (Tok::Int, i + suffix);
    }
    let glued = i < bytes.len() && is_ident_byte(bytes[i]);
    if fraction || glued {
        let mut end = skip_word(bytes, i);
        while end < bytes.len() && (bytes[end] == b'.' || is_ident_byte(bytes[end])) {
            end += 1;
        }
        return (Tok::OtherNumber, end);
    }
    (Tok::Int, i)
}

/// The length of a type suffix on an integer at `i` (`u32`, `i64`, `usize`, `L`, `UL`,
/// `_u32`), 0 for none: `0x80070005u32` is the HRESULT.
fn integer_suffix(bytes: &[u8], i: usize) -> usize {
    const SUFFIXES: &[&str] = &[
        "_usize", "_isize", "_u128", "_i128", "_u64", "_i64", "_u32", "_i32", "_u16", "_i16",
        "usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "ULL", "ull",
        "UL", "ul", "LL", "ll", "U", "u", "L", "l",
    ];
    let rest = &bytes[i.min(bytes.len())..];
    SUFFIXES
        .iter()
        .find(|s| {
            rest.starts_with(s.as_bytes()) && rest.get(s.len()).is_none_or(|&b| !is_ident_byte(b))
        })
        .map_or(0, |s| s.len())
}

fn skip_word(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && is_ident_byte(bytes[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str, hash: bool) -> Vec<(Tok, &str)> {
        tokens(line, hash)
            .iter()
            .map(|t| (t.kind, t.text(line)))
            .collect()
    }

    #[test]
    fn numbers_strings_and_names() {
        use Tok::*;
        assert_eq!(
            kinds(
                r#"if resp.ErrorCode == 60007 && x != "ECONN" { // 1302"#,
                false
            ),
            [
                (Ident, "if"),
                (Ident, "resp"),
                (Punct, "."),
                (Ident, "ErrorCode"),
                (Punct, "=="),
                (Int, "60007"),
                (Punct, "&&"),
                (Ident, "x"),
                (Punct, "!="),
                (Str, "\"ECONN\""),
                (Punct, "{"),
            ]
        );
        assert_eq!(
            kinds("x = 1.5 + 1_000 + 2xx + 0x80070005u32 + 0x12g", true),
            [
                (Ident, "x"),
                (Punct, "="),
                (OtherNumber, "1.5"),
                (Punct, "+"),
                (OtherNumber, "1_000"),
                (Punct, "+"),
                (OtherNumber, "2xx"),
                (Punct, "+"),
                (Hex, "0x80070005u32"),
                (Punct, "+"),
                (OtherNumber, "0x12g"),
            ]
        );
        assert_eq!(kinds("code = 5 # 404", true).len(), 3);
        let t = tokens(r#"b'ECONNREFUSED' "a\"b""#, false);
        assert_eq!(t[0].inner(r#"b'ECONNREFUSED' "a\"b""#), "ECONNREFUSED");
        assert_eq!(t[1].inner(r#"b'ECONNREFUSED' "a\"b""#), r#"a\"b"#);
    }

    #[test]
    fn any_text_lexes_without_panic() {
        for line in [
            "'",
            "\"\\",
            "0x",
            "é=1",
            "/*",
            "a-",
            "$",
            "ü0x9",
            "\u{202e}1302",
        ] {
            let _ = tokens(line, true);
        }
    }
}
