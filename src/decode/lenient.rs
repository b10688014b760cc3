//! A tolerant JSON-ish parser for pasted text: strict JSON, and what people really paste.
//!
//! Accepted beyond JSON: numbers with leading zeros and other odd tokens (kept as the raw
//! text, never through `f64`), trailing commas, single-quoted strings (`'…'`, `u'…'`), Python
//! and JavaScript literals (`True`, `False`, `None`, `undefined`, `NaN`), unquoted keys,
//! `=`/`=>` between key and value, `\x..`/`\U........` escapes, a BOM or NBSP as space.
//!
//! The parser never recurses: containers live on an explicit stack, and anything nested
//! deeper than [`MAX_DEPTH`] is skipped by counting brackets. It never panics and runs in time
//! linear in what it reads. On a syntax error or at the end of the text it closes what is
//! open and returns the partial document, with `end` at the place it stopped, so the caller
//! can go on scanning from there.

/// Containers nested deeper than this are skipped (their value becomes `null`).
pub const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number token exactly as written (`0000`, `-1`, `1e3`, `0x1F`).
    Num(String),
    Str(String),
    Arr(Vec<Value>),
    /// Members in document order; duplicate keys are kept.
    Obj(Vec<(String, Value)>),
}

impl Value {
    /// The member `key`, matched exactly first, then ASCII-case-insensitively. Gives the key
    /// as written in the document too.
    pub fn member(&self, key: &str) -> Option<(&str, &Value)> {
        let Value::Obj(members) = self else {
            return None;
        };
        members
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| members.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
            .map(|(k, v)| (k.as_str(), v))
    }

    /// Strings as they are, numbers as written, booleans as `true`/`false`.
    pub fn scalar_text(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Num(s) => Some(s),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            _ => None,
        }
    }

    /// Whether an object occurs anywhere in this value (depth is bounded by [`MAX_DEPTH`]).
    pub fn has_object(&self) -> bool {
        match self {
            Value::Obj(_) => true,
            Value::Arr(items) => items.iter().any(Value::has_object),
            _ => false,
        }
    }
}

/// The result of one parse: the (possibly partial) value and where parsing stopped.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    /// Byte offset just past the value, or of the byte where parsing gave up.
    pub end: usize,
    /// False when the text ended early or had a syntax error (the value is partial).
    pub complete: bool,
    /// Some containers were deeper than [`MAX_DEPTH`] and were skipped.
    pub too_deep: bool,
}

/// Parses one value starting at byte `start` (which must be a char boundary). `None` when
/// nothing at `start` begins a value.
pub fn parse_at(text: &str, start: usize) -> Option<Parsed> {
    if start >= text.len() || !text.is_char_boundary(start) {
        return None;
    }
    Parser {
        src: text,
        b: text.as_bytes(),
        pos: start,
        too_deep: false,
    }
    .run(start)
}

enum Frame {
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>, Option<String>),
}

enum State {
    Value,
    KeyOrEnd,
    ValueOrEnd,
    After(Value),
}

/// Why parsing stopped early: the text ended, or a byte that fits nowhere.
struct Stop {
    /// A partial scalar read before stopping (an unterminated string).
    partial: Option<Value>,
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    too_deep: bool,
}

impl<'a> Parser<'a> {
    fn run(mut self, start: usize) -> Option<Parsed> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut state = State::Value;
        let stop: Stop = loop {
            state = match state {
                State::Value => match self.value(&mut stack) {
                    Ok(Some(next)) => next,
                    Ok(None) if stack.is_empty() => return None,
                    Ok(None) => break Stop { partial: None },
                    Err(stop) => break stop,
                },
                State::KeyOrEnd => {
                    self.ws();
                    match self.peek() {
                        Some(b'}') => {
                            self.pos += 1;
                            match stack.pop() {
                                Some(Frame::Obj(m, _)) => State::After(Value::Obj(m)),
                                _ => break Stop { partial: None },
                            }
                        }
                        Some(_) => match self.key() {
                            Ok(k) => {
                                if let Some(Frame::Obj(_, key)) = stack.last_mut() {
                                    *key = Some(k);
                                }
                                self.ws();
                                match self.peek() {
                                    Some(b':') => self.pos += 1,
                                    Some(b'=') => {
                                        self.pos += 1;
                                        if self.peek() == Some(b'>') {
                                            self.pos += 1;
                                        }
                                    }
                                    _ => break Stop { partial: None },
                                }
                                State::Value
                            }
                            Err(stop) => break stop,
                        },
                        None => break Stop { partial: None },
                    }
                }
                State::ValueOrEnd => {
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        match stack.pop() {
                            Some(Frame::Arr(a)) => State::After(Value::Arr(a)),
                            _ => break Stop { partial: None },
                        }
                    } else {
                        State::Value
                    }
                }
                State::After(v) => {
                    match stack.last_mut() {
                        None => {
                            return Some(Parsed {
                                value: v,
                                end: self.pos,
                                complete: true,
                                too_deep: self.too_deep,
                            });
                        }
                        Some(Frame::Arr(a)) => a.push(v),
                        Some(Frame::Obj(m, key)) => {
                            m.push((key.take().unwrap_or_default(), v));
                        }
                    }
                    self.ws();
                    let in_obj = matches!(stack.last(), Some(Frame::Obj(..)));
                    match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            if in_obj {
                                State::KeyOrEnd
                            } else {
                                State::ValueOrEnd
                            }
                        }
                        Some(b'}') if in_obj => {
                            self.pos += 1;
                            match stack.pop() {
                                Some(Frame::Obj(m, _)) => State::After(Value::Obj(m)),
                                _ => break Stop { partial: None },
                            }
                        }
                        Some(b']') if !in_obj => {
                            self.pos += 1;
                            match stack.pop() {
                                Some(Frame::Arr(a)) => State::After(Value::Arr(a)),
                                _ => break Stop { partial: None },
                            }
                        }
                        _ => break Stop { partial: None },
                    }
                }
            };
        };
        // Close whatever is open, keeping what was read.
        let mut value = stop.partial;
        while let Some(frame) = stack.pop() {
            value = Some(match frame {
                Frame::Arr(mut a) => {
                    a.extend(value.take());
                    Value::Arr(a)
                }
                Frame::Obj(mut m, key) => {
                    if let (Some(k), Some(v)) = (key, value.take()) {
                        m.push((k, v));
                    }
                    Value::Obj(m)
                }
            });
        }
        let value = value?;
        Some(Parsed {
            value,
            end: self.pos.max(start + 1),
            complete: false,
            too_deep: self.too_deep,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Skips whitespace: ASCII space, NUL, NBSP and BOM.
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            match c {
                b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0b' | b'\x0c' => self.pos += 1,
                0xC2 if self.b.get(self.pos + 1) == Some(&0xA0) => self.pos += 2,
                0xEF if self.b.get(self.pos + 1..self.pos + 3) == Some(&[0xBB, 0xBF]) => {
                    self.pos += 3
                }
                _ => break,
            }
        }
    }

    /// Reads a value, or opens a container. `Ok(None)`: nothing here starts a value.
    fn value(&mut self, stack: &mut Vec<Frame>) -> Result<Option<State>, Stop> {
        self.ws();
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        Ok(Some(match c {
            b'{' | b'[' if stack.len() >= MAX_DEPTH => {
                self.too_deep = true;
                if !self.skip_container() {
                    return Err(Stop {
                        partial: Some(Value::Null),
                    });
                }
                State::After(Value::Null)
            }
            b'{' => {
                self.pos += 1;
                stack.push(Frame::Obj(Vec::new(), None));
                State::KeyOrEnd
            }
            b'[' => {
                self.pos += 1;
                stack.push(Frame::Arr(Vec::new()));
                State::ValueOrEnd
            }
            b'"' | b'\'' => {
                let (s, ok) = self.string();
                if !ok {
                    return Err(Stop {
                        partial: Some(Value::Str(s)),
                    });
                }
                State::After(Value::Str(s))
            }
            b'-' | b'+' | b'.' | b'0'..=b'9' => State::After(Value::Num(self.token().to_string())),
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let word = self.word();
                // Python's u'…', b'…', r'…' prefixes.
                if word.len() == 1
                    && matches!(word, "u" | "U" | "b" | "B" | "r" | "R")
                    && matches!(self.peek(), Some(b'"' | b'\''))
                {
                    let (s, ok) = self.string();
                    if !ok {
                        return Err(Stop {
                            partial: Some(Value::Str(s)),
                        });
                    }
                    return Ok(Some(State::After(Value::Str(s))));
                }
                State::After(match word {
                    "true" | "True" | "TRUE" => Value::Bool(true),
                    "false" | "False" | "FALSE" => Value::Bool(false),
                    "null" | "None" | "NULL" | "nil" | "undefined" => Value::Null,
                    "NaN" | "Infinity" => Value::Num(word.to_string()),
                    _ => Value::Str(word.to_string()),
                })
            }
            _ => return Ok(None),
        }))
    }

    /// An object key: a string, a bare word or a number token.
    fn key(&mut self) -> Result<String, Stop> {
        match self.peek() {
            Some(b'"' | b'\'') => {
                let (s, ok) = self.string();
                if ok {
                    Ok(s)
                } else {
                    Err(Stop { partial: None })
                }
            }
            Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'-' => {
                let word = self.word();
                if word.len() == 1 && matches!(self.peek(), Some(b'"' | b'\'')) {
                    let (s, ok) = self.string();
                    return if ok {
                        Ok(s)
                    } else {
                        Err(Stop { partial: None })
                    };
                }
                Ok(word.to_string())
            }
            _ => Err(Stop { partial: None }),
        }
    }

    /// A bare word: ASCII letters, digits, `_`, `$`, `-`.
    fn word(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(&c) = self.b.get(self.pos) {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'-' {
                self.pos += 1;
            } else {
                break;
            }
        }
        &self.src[start..self.pos]
    }

    /// A number-like token, kept as written.
    fn token(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(&c) = self.b.get(self.pos) {
            if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.' | b'_') {
                self.pos += 1;
            } else {
                break;
            }
        }
        &self.src[start..self.pos]
    }

    /// A string in the quote at `pos`. The flag is false when it is unterminated (the text or
    /// the line ended): the string read so far is returned and `pos` is left at the newline.
    fn string(&mut self) -> (String, bool) {
        let quote = self.b[self.pos];
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            let Some(&c) = self.b.get(self.pos) else {
                out.push_str(&self.src[run..self.pos]);
                return (out, false);
            };
            if c == quote {
                out.push_str(&self.src[run..self.pos]);
                self.pos += 1;
                return (out, true);
            }
            match c {
                b'\n' if super::wrap::string_continues(self.src, self.pos, quote) => {
                    // Cut by a terminal: the line break is not part of the string.
                    out.push_str(self.src[run..self.pos].trim_end_matches('\r'));
                    self.pos += 1;
                    run = self.pos;
                }
                b'\n' => {
                    out.push_str(&self.src[run..self.pos]);
                    return (out, false);
                }
                b'\\' => {
                    out.push_str(&self.src[run..self.pos]);
                    self.pos += 1;
                    if !self.escape(&mut out) {
                        return (out, false);
                    }
                    run = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// One escape after a backslash. False at the end of the text.
    fn escape(&mut self, out: &mut String) -> bool {
        let Some(&c) = self.b.get(self.pos) else {
            return false;
        };
        self.pos += 1;
        match c {
            b'n' => out.push('\n'),
            b't' => out.push('\t'),
            b'r' => out.push('\r'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'v' => out.push('\u{b}'),
            b'a' => out.push('\u{7}'),
            b'0' => out.push('\0'),
            b'\n' => {} // a line continuation
            b'u' => {
                let Some(hi) = self.hex(4) else {
                    out.push('\u{FFFD}');
                    return true;
                };
                if (0xD800..0xDC00).contains(&hi) {
                    // A high surrogate: take the low one if it follows.
                    if self.b.get(self.pos..self.pos + 2) == Some(b"\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        match self.hex(4) {
                            Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                                return true;
                            }
                            _ => self.pos = save,
                        }
                    }
                    out.push('\u{FFFD}');
                } else {
                    out.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                }
            }
            b'x' => match self.hex(2) {
                Some(v) => out.push(char::from_u32(v).unwrap_or('\u{FFFD}')),
                None => out.push('\u{FFFD}'),
            },
            b'U' => match self.hex(8) {
                Some(v) => out.push(char::from_u32(v).unwrap_or('\u{FFFD}')),
                None => out.push('\u{FFFD}'),
            },
            c if c.is_ascii() => out.push(c as char),
            _ => {
                // A backslash before a non-ASCII char: keep the char whole.
                let at = self.pos - 1;
                if let Some(ch) = self.src.get(at..).and_then(|s| s.chars().next()) {
                    out.push(ch);
                    self.pos = at + ch.len_utf8();
                }
            }
        }
        true
    }

    /// `n` hex digits, consumed only when all are there.
    fn hex(&mut self, n: usize) -> Option<u32> {
        let digits = self.b.get(self.pos..self.pos + n)?;
        let mut v = 0u32;
        for &d in digits {
            v = v * 16 + (d as char).to_digit(16)?;
        }
        self.pos += n;
        Some(v)
    }

    /// Skips a container too deep to keep, counting brackets (strings respected). False when
    /// the text ends inside it.
    fn skip_container(&mut self) -> bool {
        let mut depth = 0usize;
        while let Some(&c) = self.b.get(self.pos) {
            match c {
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    self.pos += 1;
                    if depth == 0 {
                        return true;
                    }
                }
                b'"' | b'\'' => {
                    let quote = c;
                    self.pos += 1;
                    while let Some(&s) = self.b.get(self.pos) {
                        if s == b'\n' {
                            break;
                        }
                        self.pos += 1;
                        if s == quote {
                            break;
                        }
                        if s == b'\\' {
                            self.pos += 1;
                        }
                    }
                }
                _ => self.pos += 1,
            }
        }
        // An escape may have stepped past the end (or into a char); settle on a boundary.
        self.pos = self.b.len();
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Parsed {
        parse_at(s, 0).expect("a value")
    }

    /// The value of `key` in `v`, which has it.
    fn member<'v>(v: &'v Value, key: &str) -> &'v Value {
        v.member(key).unwrap().1
    }

    fn num(s: &str) -> Value {
        Value::Num(s.into())
    }

    fn string(s: &str) -> Value {
        Value::Str(s.into())
    }

    fn obj(s: &str) -> Vec<(String, Value)> {
        match parse(s).value {
            Value::Obj(m) => m,
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn strict_json_round_trips() {
        let p = parse(r#"{"a": [1, 2.5, -3e2], "b": {"c": null, "d": true}, "e": "x\"y"}"#);
        assert!(p.complete);
        let m = match p.value {
            Value::Obj(m) => m,
            _ => unreachable!(),
        };
        assert_eq!(m[0].0, "a");
        assert_eq!(m[0].1, Value::Arr(vec![num("1"), num("2.5"), num("-3e2")]));
        assert_eq!(m[2].1, string("x\"y"));
    }

    #[test]
    fn leading_zeros_keep_their_digits() {
        let m = obj(r#"{"code": 0000, "n": 007}"#);
        assert_eq!(m[0].1, num("0000"));
        assert_eq!(m[1].1, num("007"));
    }

    #[test]
    fn huge_numbers_are_kept_as_text() {
        let digits = "9".repeat(100_000);
        let m = obj(&format!("{{\"code\": {digits}}}"));
        assert_eq!(m[0].1, Value::Num(digits));
    }

    #[test]
    fn trailing_commas_are_fine() {
        let p = parse(r#"{"a": [1, 2,], "b": 3,}"#);
        assert!(p.complete);
        assert_eq!(
            p.value.member("a").map(|(_, v)| v.clone()),
            Some(Value::Arr(vec![num("1"), num("2")]))
        );
    }

    #[test]
    fn python_dicts_parse() {
        let p = parse(
            r#"{'success': False, 'errResponse': {'code': 1004, 'message': 'It\'s "expired"', 'botId': None}, u'x': True}"#,
        );
        assert!(p.complete);
        assert_eq!(member(&p.value, "success"), &Value::Bool(false));
        let inner = member(&p.value, "errResponse");
        assert_eq!(member(inner, "code"), &num("1004"));
        assert_eq!(member(inner, "message"), &string("It's \"expired\""));
        assert_eq!(member(inner, "botId"), &Value::Null);
        assert_eq!(member(&p.value, "x"), &Value::Bool(true));
    }

    #[test]
    fn javascript_object_literals_parse() {
        let p = parse("{ error: 1, code: 1302, message: 'Exceed', extra: undefined }");
        assert!(p.complete);
        assert_eq!(member(&p.value, "code"), &num("1302"));
        assert_eq!(member(&p.value, "extra"), &Value::Null);
    }

    #[test]
    fn keys_match_case_insensitively_exact_first() {
        let p = parse(r#"{"errorcode": 1, "ErrorCode": 2}"#);
        assert_eq!(member(&p.value, "ErrorCode"), &num("2"));
        assert_eq!(member(&p.value, "ERRORCODE"), &num("1"));
    }

    #[test]
    fn surrogates_pair_up_and_lone_ones_become_replacement() {
        let m = obj(
            r#"{"a": "\ud83d\ude00", "b": "\ud800", "c": "\udc00x", "d": "\ud800\u0041", "e": "\uZZ"}"#,
        );
        assert_eq!(m[0].1, string("😀"));
        assert_eq!(m[1].1, string("\u{FFFD}"));
        assert_eq!(m[2].1, string("\u{FFFD}x"));
        assert_eq!(m[3].1, string("\u{FFFD}A"));
        assert_eq!(m[4].1, string("\u{FFFD}ZZ"));
    }

    #[test]
    fn python_escapes() {
        let m = obj(r#"{'a': '\x41\U0001F600\u00e9'}"#);
        assert_eq!(m[0].1, string("A😀é"));
    }

    #[test]
    fn unterminated_input_gives_the_partial_document() {
        let p = parse(r#"{"error": 1, "code": 1302, "message": "Exceed Anon"#);
        assert!(!p.complete);
        assert_eq!(member(&p.value, "code"), &num("1302"));
        assert_eq!(member(&p.value, "message"), &string("Exceed Anon"));
        // A raw newline ends an unterminated string; parsing stops there.
        let text = "{\"a\": \"abc\n{\"b\": 1}";
        let p = parse(text);
        assert!(!p.complete);
        assert_eq!(&text[p.end..p.end + 1], "\n");
    }

    #[test]
    fn syntax_errors_stop_with_what_was_read() {
        let text = r#"{"code": 1302 "message": "x"}"#;
        let p = parse(text);
        assert!(!p.complete);
        assert_eq!(member(&p.value, "code"), &num("1302"));
        assert!(p.end > 0 && p.end < text.len());
        assert!(parse_at("}", 0).is_none());
        assert!(parse_at("", 0).is_none());
    }

    #[test]
    fn depth_is_limited_without_recursion() {
        let deep = "[".repeat(200_000);
        let p = parse(&deep);
        assert!(p.too_deep);
        assert_eq!(p.end, deep.len());
        let mut nested = String::new();
        for _ in 0..200_000 {
            nested.push_str("{\"a\":");
        }
        nested.push('1');
        nested.push_str(&"}".repeat(200_000));
        let p = parse(&nested);
        assert!(p.too_deep);
        assert!(p.complete);
        assert_eq!(p.end, nested.len());
        // Within the limit, nothing is skipped.
        let ok = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(!parse(&ok).too_deep);
    }

    #[test]
    fn odd_bytes_never_panic() {
        for s in [
            "{\"a\":\"\\",
            "{\"a\":\"\\u12",
            "{\"a\":\"\\é\"}",
            "{'a\u{0}':\u{0}1}",
            "{\"é\": \"ü\\\u{e9}\"",
            "[\u{feff}1,\u{a0}2]",
            "{a=>1, b=2}",
            "[-, +, ., e]",
        ] {
            let _ = parse_at(s, 0);
        }
        assert_eq!(member(&parse("{a=>1, b=2}").value, "b"), &num("2"));
    }
}
