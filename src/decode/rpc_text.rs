//! Error details in protobuf's text format, as programs print them: Go's `%v` of
//! `status.Details()` (`[retry_delay:{seconds:30} violations:{subject:"project:acme" ...}]`,
//! the types not named), Python's `repr` of a detail or of the `Status` (`reason: "X"` /
//! `domain: "googleapis.com"` / `metadata {` on lines of their own; `[type.googleapis.com/
//! google.rpc.BadRequest] {`, or an `Any` left packed as `type_url` and `value` bytes), and
//! grpcurl's `-format text` (`[type.googleapis.com/google.rpc.BadRequest]: <`). Each comes out
//! in the JSON form Google's APIs print, as from [`super::rpc_status`]. A detail whose type is
//! not printed is known by its first field (text format prints fields in their numbers'
//! order) and must hold no field of another type; every read is bounded by the text it has.

use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

/// A detail found in the text: where it is, and the detail.
#[derive(Debug, Clone, PartialEq)]
pub struct TextDetail {
    pub start: usize,
    pub end: usize,
    pub detail: Value,
}

/// A typed detail (`[type.googleapis.com/NAME]`), or the first field of an untyped one,
/// followed by what a field's value starts with.
static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\[type\.googleapis\.com/[A-Za-z0-9_.]+\]|(?-u:\b)(?:reason|retry_delay|field_violations|violations|links|locale|request_id|resource_type|stack_entries|type_url)[ \t]*(?::[ \t]*["{<]|[{<])"#,
    )
    .expect("the anchor pattern is tested")
});

/// Text read for one detail at most, and how deep its messages may nest.
const MAX_DETAIL_BYTES: usize = 64 * 1024;
const MAX_DEPTH: usize = 8;

/// The untyped details: the field each starts with, its type, and the fields it may hold.
const UNTYPED: &[(&str, &str, &[&str])] = &[
    ("reason", "ErrorInfo", &["reason", "domain", "metadata"]),
    ("retry_delay", "RetryInfo", &["retry_delay"]),
    ("field_violations", "BadRequest", &["field_violations"]),
    ("violations", "QuotaFailure", &["violations"]),
    ("links", "Help", &["links"]),
    ("locale", "LocalizedMessage", &["locale", "message"]),
    ("request_id", "RequestInfo", &["request_id", "serving_data"]),
    (
        "resource_type",
        "ResourceInfo",
        &["resource_type", "resource_name", "owner", "description"],
    ),
    ("stack_entries", "DebugInfo", &["stack_entries", "detail"]),
    ("type_url", "", &["type_url", "value"]),
];

/// Fields that are `map<string, string>` (entries of `key` and `value`), and fields that are
/// lists, in JSON.
const MAPS: &[&str] = &["metadata", "quota_dimensions"];
const LISTS: &[&str] = &["violations", "field_violations", "links", "stack_entries"];

/// A value in text format: a string's bytes, a bare word (number, enum), or a message.
#[derive(Debug, Clone, PartialEq)]
enum TextValue {
    Bytes(Vec<u8>),
    Word(String),
    Message(Vec<(String, TextValue)>),
}

/// Every detail in `text`, in order, not overlapping.
pub fn find(text: &str) -> Vec<TextDetail> {
    let mut out = Vec::new();
    let mut done = 0;
    for m in ANCHOR.find_iter(text) {
        if m.start() < done {
            continue;
        }
        let limit = floor_boundary(text, m.start().saturating_add(MAX_DETAIL_BYTES));
        let region = &text.as_bytes()[..limit];
        let read = if m.as_str().starts_with('[') {
            typed(region, m.start())
        } else {
            untyped(region, m.start())
        };
        if let Some((detail, end)) = read {
            out.push(TextDetail {
                start: m.start(),
                end,
                detail,
            });
            done = end;
        }
    }
    out
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `[type.googleapis.com/NAME]`, an optional `:`, then the message in `{}` or `<>`.
fn typed(b: &[u8], start: usize) -> Option<(Value, usize)> {
    let mut p = Parser { b, at: start };
    let type_url = p.name()?;
    let type_url = type_url.strip_prefix('[')?.strip_suffix(']')?.to_string();
    p.spaces();
    if p.peek() == Some(b':') {
        p.at += 1;
        p.spaces();
    }
    let close = match p.peek()? {
        b'{' => b'}',
        b'<' => b'>',
        _ => return None,
    };
    p.at += 1;
    let fields = p.fields(Some(close), 1)?;
    let detail = as_detail(&type_url, &fields)?;
    Some((detail, p.at))
}

/// A detail without its type: the fields of the type its first field names, up to the first
/// field it does not have (Go prints a list's items side by side).
fn untyped(b: &[u8], start: usize) -> Option<(Value, usize)> {
    let mut p = Parser { b, at: start };
    let first = p.clone().name()?;
    let &(_, type_name, allowed) = UNTYPED.iter().find(|(f, _, _)| *f == first)?;
    let fields = p.top_fields(allowed)?;
    let has = |name: &str| fields.iter().any(|(n, _)| n == name);
    if type_name.is_empty() {
        // An `Any` left packed: its bytes are the detail.
        let url = fields.iter().find_map(|(n, v)| match (n.as_str(), v) {
            ("type_url", TextValue::Bytes(b)) => std::str::from_utf8(b).ok(),
            _ => None,
        })?;
        let value = fields.iter().find_map(|(n, v)| match (n.as_str(), v) {
            ("value", TextValue::Bytes(b)) => Some(b.as_slice()),
            _ => None,
        })?;
        return Some((super::rpc_status::detail(url, value)?, p.at));
    }
    let enough = match type_name {
        "ErrorInfo" => has("domain"),
        "LocalizedMessage" => has("message"),
        "ResourceInfo" => has("resource_name"),
        _ => true,
    };
    if !enough {
        return None;
    }
    // A violation with a `type` is a precondition's.
    let precondition = type_name == "QuotaFailure"
        && fields.iter().any(|(_, v)| match v {
            TextValue::Message(m) => m.iter().any(|(n, _)| n == "type"),
            _ => false,
        });
    let type_name = if precondition {
        "PreconditionFailure"
    } else {
        type_name
    };
    let detail = as_detail(
        &format!("type.googleapis.com/google.rpc.{type_name}"),
        &fields,
    )?;
    Some((detail, p.at))
}

/// A detail's JSON: `@type`, then its fields by their JSON names.
fn as_detail(type_url: &str, fields: &[(String, TextValue)]) -> Option<Value> {
    let mut out = Map::new();
    out.insert("@type".into(), Value::String(type_url.to_string()));
    out.extend(message_json(fields)?);
    Some(Value::Object(out))
}

/// A message's fields as Google's JSON has them: lowerCamel names, maps as objects, lists as
/// arrays, a `retry_delay` as `"30s"`.
fn message_json(fields: &[(String, TextValue)]) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    for (name, value) in fields {
        if name.starts_with('[') {
            continue;
        }
        let key = lower_camel(name);
        if MAPS.contains(&name.as_str()) {
            let TextValue::Message(entry) = value else {
                continue;
            };
            let get = |k: &str| {
                entry.iter().find_map(|(n, v)| match v {
                    TextValue::Bytes(b) if n == k => Some(String::from_utf8_lossy(b).into_owned()),
                    TextValue::Word(w) if n == k => Some(w.clone()),
                    _ => None,
                })
            };
            let map = out.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if let (Some(map), Some(k)) = (map.as_object_mut(), get("key")) {
                map.insert(k, Value::String(get("value").unwrap_or_default()));
            }
            continue;
        }
        let json = match value {
            TextValue::Bytes(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
            TextValue::Word(w) => Value::String(w.clone()),
            TextValue::Message(m) if name == "retry_delay" => {
                let number = |k: &str| {
                    m.iter().find_map(|(n, v)| match v {
                        TextValue::Word(w) if n == k => w.parse::<i64>().ok(),
                        _ => None,
                    })
                };
                let (seconds, nanos) = (number("seconds"), number("nanos"));
                if seconds.is_none() && nanos.is_none() && !m.is_empty() {
                    return None;
                }
                Value::String(super::rpc_details::duration_text(
                    seconds.unwrap_or(0),
                    nanos.unwrap_or(0),
                ))
            }
            TextValue::Message(m) => Value::Object(message_json(m)?),
        };
        if LISTS.contains(&name.as_str()) {
            let list = out.entry(key).or_insert_with(|| Value::Array(Vec::new()));
            if let Some(list) = list.as_array_mut() {
                list.push(json);
            }
        } else {
            out.insert(key, json);
        }
    }
    Some(out)
}

/// `field_violations` → `fieldViolations`.
fn lower_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads text format from `at`; every step consumes input or fails.
#[derive(Clone)]
struct Parser<'b> {
    b: &'b [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.at += 1;
        }
    }

    /// A field name: an identifier, or an extension or `Any` type in brackets.
    fn name(&mut self) -> Option<String> {
        let start = self.at;
        if self.peek() == Some(b'[') {
            let len = self.b[start..].iter().take(256).position(|&c| c == b']')?;
            let inner = &self.b[start + 1..start + len];
            if inner.is_empty()
                || !inner
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || b"_./".contains(c))
            {
                return None;
            }
            self.at = start + len + 1;
        } else {
            if !self
                .peek()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
            {
                return None;
            }
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
            {
                self.at += 1;
            }
        }
        std::str::from_utf8(&self.b[start..self.at])
            .ok()
            .map(str::to_string)
    }

    /// The fields of an untyped detail at the top: those named in `allowed`, each separated
    /// by spaces; it ends before anything else.
    fn top_fields(&mut self, allowed: &[&str]) -> Option<Vec<(String, TextValue)>> {
        let mut out = Vec::new();
        loop {
            let before = self.at;
            self.spaces();
            let mut ahead = self.clone();
            let Some(name) = ahead.name().filter(|n| allowed.contains(&n.as_str())) else {
                self.at = before;
                break;
            };
            self.at = ahead.at;
            match self.field_value(1) {
                Some(v) => out.push((name, v)),
                None => {
                    self.at = before;
                    break;
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// A message's fields up to its `close`.
    fn fields(&mut self, close: Option<u8>, depth: usize) -> Option<Vec<(String, TextValue)>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut out = Vec::new();
        loop {
            self.spaces();
            while matches!(self.peek(), Some(b',' | b';')) {
                self.at += 1;
                self.spaces();
            }
            if self.peek() == close {
                self.at += 1;
                return Some(out);
            }
            let name = self.name()?;
            let value = self.field_value(depth)?;
            out.push((name, value));
        }
    }

    /// After a field's name: `: value`, or a message without the colon.
    fn field_value(&mut self, depth: usize) -> Option<TextValue> {
        self.spaces();
        let colon = self.peek() == Some(b':');
        if colon {
            self.at += 1;
            self.spaces();
        }
        match self.peek()? {
            b'{' | b'<' => {
                let close = if self.peek() == Some(b'{') {
                    b'}'
                } else {
                    b'>'
                };
                self.at += 1;
                Some(TextValue::Message(self.fields(Some(close), depth + 1)?))
            }
            b'"' | b'\'' if colon => {
                let mut bytes = self.string()?;
                // Adjacent strings are one.
                loop {
                    let mut ahead = self.clone();
                    ahead.spaces();
                    if !matches!(ahead.peek(), Some(b'"' | b'\'')) {
                        break;
                    }
                    *self = ahead;
                    bytes.extend(self.string()?);
                }
                Some(TextValue::Bytes(bytes))
            }
            c if colon && (c.is_ascii_alphanumeric() || b"-+.".contains(&c)) => {
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || b"-+._".contains(&c))
                {
                    self.at += 1;
                }
                std::str::from_utf8(&self.b[start..self.at])
                    .ok()
                    .map(|w| TextValue::Word(w.to_string()))
            }
            _ => None,
        }
    }

    /// A quoted string's bytes, escapes read (`\n`, `\"`, octal `\035`, `\x1d`).
    fn string(&mut self) -> Option<Vec<u8>> {
        let quote = self.peek()?;
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                b'\n' => return None,
                c if c == quote => return Some(out),
                b'\\' => {
                    let e = self.peek()?;
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'a' => out.push(7),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'v' => out.push(11),
                        b'0'..=b'7' => {
                            let mut n = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        n = n * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(u8::try_from(n).ok()?);
                        }
                        b'x' => {
                            let mut n = 0u32;
                            let mut digits = 0;
                            while digits < 2 {
                                let Some(d) = self.peek().and_then(|d| (d as char).to_digit(16))
                                else {
                                    break;
                                };
                                n = n * 16 + d;
                                self.at += 1;
                                digits += 1;
                            }
                            if digits == 0 {
                                return None;
                            }
                            out.push(n as u8);
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn details(text: &str) -> Vec<Value> {
        find(text).into_iter().map(|d| d.detail).collect()
    }

    #[test]
    fn go_prints_details_without_their_types() {
        let text = r#"details: [retry_delay:{seconds:30} violations:{subject:"project:acme-prod"  description:"Daily limit of 1000 charges reached"}]"#;
        assert_eq!(
            details(text),
            [
                json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"}),
                json!({"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                       "violations": [{"subject": "project:acme-prod",
                                       "description": "Daily limit of 1000 charges reached"}]}),
            ]
        );
        let text = r#"[reason:"API_KEY_INVALID" domain:"googleapis.com" metadata:{key:"service" value:"translate.googleapis.com"}]"#;
        assert_eq!(
            details(text),
            [json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "API_KEY_INVALID", "domain": "googleapis.com",
                    "metadata": {"service": "translate.googleapis.com"}})]
        );
    }

    #[test]
    fn python_prints_them_on_lines_of_their_own() {
        let text = "429 Quota exceeded. [reason: \"RATE_LIMIT_EXCEEDED\"\ndomain: \"googleapis.com\"\nmetadata {\n  key: \"service\"\n  value: \"pubsub.googleapis.com\"\n}\n, links {\n  description: \"Request a higher quota limit.\"\n  url: \"https://cloud.google.com/docs/quota\"\n}\n]";
        let d = details(text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0]["metadata"]["service"], "pubsub.googleapis.com");
        assert_eq!(
            d[1],
            json!({"@type": "type.googleapis.com/google.rpc.Help",
                   "links": [{"description": "Request a higher quota limit.",
                              "url": "https://cloud.google.com/docs/quota"}]})
        );
    }

    #[test]
    fn typed_and_packed_details() {
        // Python's Status with the Any expanded, and grpcurl's -format text.
        let python = "details {\n  [type.googleapis.com/google.rpc.BadRequest] {\n    field_violations {\n      field: \"email\"\n      description: \"must be a valid email address\"\n    }\n  }\n}\n";
        let grpcurl = "  1)\t[type.googleapis.com/google.rpc.BadRequest]: <\n    \t  field_violations: <\n    \t    field: \"email\"\n    \t    description: \"must be a valid email address\"\n    \t  >\n    \t>\n";
        // The Any left packed: its value's bytes, escaped as Python prints them.
        let packed = "details {\n  type_url: \"type.googleapis.com/google.rpc.BadRequest\"\n  value: \"\\n&\\n\\005email\\022\\035must be a valid email address\"\n}\n";
        let want = json!({"@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{"field": "email", "description": "must be a valid email address"}]});
        for text in [python, grpcurl, packed] {
            assert_eq!(details(text), std::slice::from_ref(&want), "{text}");
        }
    }

    #[test]
    fn other_text_is_no_detail() {
        // An ErrorInfo needs its domain; YAML's reason is not one.
        assert!(details("reason: \"Forbidden\"\nmessage: \"no\"").is_empty());
        assert!(details(r#"{"reason": "X", "domain": "y"}"#).is_empty());
        assert!(details("links: <a href=x>").is_empty());
        // Unclosed, too deep, or cut: nothing, and no panic.
        assert!(details("[type.googleapis.com/google.rpc.Help]: { links { url: \"x\"").is_empty());
        let deep = format!(
            "[type.googleapis.com/google.rpc.Help]: {}{}",
            "a {".repeat(100),
            "}".repeat(101)
        );
        assert!(details(&deep).is_empty());
        for cut in 0..60 {
            let text = "violations:{subject:\"é\\377\" description:\"x\"}";
            let _ = details(&text[..floor_boundary(text, cut)]);
        }
    }
}
