//! `google.rpc.Status` in the `grpc-status-details-bin` trailer: base64 of the protobuf
//! (`code`, `message`, `details` as `Any`s), read by a small protobuf reader (no schema
//! compiler: these messages are few and fixed). The details come out in the JSON form Google's
//! APIs print (`{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": ..., ...}`), so
//! a detail reads the same whether it came as JSON or as bytes. Every read is bounded by the
//! bytes it has: nothing here loops without consuming input.

use base64::Engine;
use regex::Regex;
use serde_json::{Map, Value, json};
use std::sync::LazyLock;

/// A decoded `google.rpc.Status`.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcStatus {
    pub code: i64,
    pub message: Option<String>,
    pub details: Vec<Value>,
}

/// The trailer as curl, grpcurl, Envoy and clients' metadata printouts show it.
static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)grpc-status-details-bin["']?[ \t]*[:=][ \t]*\[?[ \t]*b?["']?([A-Za-z0-9+/_-]{4,}={0,2})"#)
        .expect("the trailer pattern is tested")
});

/// Trailers longer than this are not decoded (a status with details is a few hundred bytes).
const MAX_TRAILER: usize = 64 * 1024;

/// Every `grpc-status-details-bin` trailer in `text` that decodes: where it is, and the status.
pub fn find(text: &str) -> Vec<(usize, usize, RpcStatus)> {
    TRAILER
        .captures_iter(text)
        .filter_map(|c| {
            let all = c.get(0)?;
            let b64 = c.get(1)?.as_str();
            if b64.len() > MAX_TRAILER {
                return None;
            }
            let bytes = base64_any(b64)?;
            Some((all.start(), all.end(), decode_status(&bytes)?))
        })
        .collect()
}

/// Standard or URL-safe base64, padded or not (gRPC sends it unpadded).
fn base64_any(s: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    let s = s.trim_end_matches('=');
    STANDARD_NO_PAD
        .decode(s)
        .or_else(|_| URL_SAFE_NO_PAD.decode(s))
        .ok()
}

/// A protobuf field: its number and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field<'b> {
    Varint(u32, u64),
    Bytes(u32, &'b [u8]),
    /// A fixed-width value (wire types 1 and 5), kept only to be skipped.
    Fixed(u32),
}

/// Reads the fields of a protobuf message in order; stops (and says so) at anything malformed.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    broken: bool,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8]) -> Reader<'b> {
        Reader {
            bytes,
            at: 0,
            broken: false,
        }
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
}

impl<'b> Iterator for Reader<'b> {
    type Item = Field<'b>;

    fn next(&mut self) -> Option<Field<'b>> {
        if self.broken || self.at >= self.bytes.len() {
            return None;
        }
        let field = (|| {
            let key = self.varint()?;
            let number = u32::try_from(key >> 3).ok().filter(|&n| n > 0)?;
            match key & 7 {
                0 => Some(Field::Varint(number, self.varint()?)),
                1 => self.take(8).map(|_| Field::Fixed(number)),
                2 => {
                    let len = usize::try_from(self.varint()?).ok()?;
                    Some(Field::Bytes(number, self.take(len)?))
                }
                5 => self.take(4).map(|_| Field::Fixed(number)),
                _ => None,
            }
        })();
        if field.is_none() {
            self.broken = true;
        }
        field
    }
}

/// Reads a whole message: `None` when it is malformed.
fn fields(bytes: &[u8]) -> Option<Vec<Field<'_>>> {
    let mut r = Reader::new(bytes);
    let out: Vec<Field> = r.by_ref().collect();
    (!r.broken).then_some(out)
}

fn text(b: &[u8]) -> Option<String> {
    std::str::from_utf8(b).ok().map(str::to_string)
}

/// `google.rpc.Status`: 1 code, 2 message, 3 details (`google.protobuf.Any`: 1 type_url,
/// 2 value).
pub fn decode_status(bytes: &[u8]) -> Option<RpcStatus> {
    let mut status = RpcStatus {
        code: 0,
        message: None,
        details: Vec::new(),
    };
    for f in fields(bytes)? {
        match f {
            // int32 on the wire is a 64-bit varint; a negative code is two's complement.
            Field::Varint(1, v) => status.code = v as i64,
            Field::Bytes(2, b) => status.message = text(b),
            Field::Bytes(3, any) => {
                if let Some(d) = decode_any(any) {
                    status.details.push(d);
                }
            }
            _ => {}
        }
    }
    Some(status)
}

/// One `Any` (1 type_url, 2 value) as Google's JSON prints it (see [`detail`]).
fn decode_any(bytes: &[u8]) -> Option<Value> {
    let mut type_url = None;
    let mut value: &[u8] = &[];
    for f in fields(bytes)? {
        match f {
            Field::Bytes(1, b) => type_url = text(b),
            Field::Bytes(2, b) => value = b,
            _ => {}
        }
    }
    detail(&type_url?, value)
}

/// A detail of type `type_url` from its protobuf bytes, as Google's JSON prints it: its
/// `@type` and the message's fields, for the error details of
/// `google/rpc/error_details.proto`; an unknown type keeps only its `@type`.
pub fn detail(type_url: &str, value: &[u8]) -> Option<Value> {
    let name = type_url.rsplit('/').next().unwrap_or(type_url);
    let mut out = Map::new();
    out.insert("@type".into(), Value::String(type_url.to_string()));
    let fields = match name {
        "google.rpc.ErrorInfo" => error_info(value),
        "google.rpc.RetryInfo" => retry_info(value),
        "google.rpc.DebugInfo" => debug_info(value),
        "google.rpc.QuotaFailure" => quota_failure(value),
        "google.rpc.PreconditionFailure" => list(
            value,
            "violations",
            &[(1, "type"), (2, "subject"), (3, "description")],
        ),
        "google.rpc.BadRequest" => list(
            value,
            "fieldViolations",
            &[(1, "field"), (2, "description"), (3, "reason")],
        ),
        "google.rpc.RequestInfo" => strings(value, &[(1, "requestId"), (2, "servingData")]),
        "google.rpc.ResourceInfo" => strings(
            value,
            &[
                (1, "resourceType"),
                (2, "resourceName"),
                (3, "owner"),
                (4, "description"),
            ],
        ),
        "google.rpc.Help" => list(value, "links", &[(1, "description"), (2, "url")]),
        "google.rpc.LocalizedMessage" => strings(value, &[(1, "locale"), (2, "message")]),
        _ => Some(Map::new()),
    };
    out.extend(fields?);
    Some(Value::Object(out))
}

/// The string fields `names` of a message.
fn strings(bytes: &[u8], names: &[(u32, &str)]) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    for f in fields(bytes)? {
        let Field::Bytes(n, b) = f else { continue };
        if let (Some((_, name)), Some(s)) = (names.iter().find(|(k, _)| *k == n), text(b)) {
            out.insert((*name).to_string(), Value::String(s));
        }
    }
    Some(out)
}

/// A message whose field 1 is a list of messages with the string fields `names`.
fn list(bytes: &[u8], key: &str, names: &[(u32, &str)]) -> Option<Map<String, Value>> {
    let mut items = Vec::new();
    for f in fields(bytes)? {
        if let Field::Bytes(1, b) = f {
            items.push(Value::Object(strings(b, names)?));
        }
    }
    let mut out = Map::new();
    out.insert(key.to_string(), Value::Array(items));
    Some(out)
}

/// `ErrorInfo`: 1 reason, 2 domain, 3 metadata.
fn error_info(bytes: &[u8]) -> Option<Map<String, Value>> {
    let mut out = strings(bytes, &[(1, "reason"), (2, "domain")])?;
    let metadata = string_map(bytes, 3)?;
    if !metadata.is_empty() {
        out.insert("metadata".into(), Value::Object(metadata));
    }
    Some(out)
}

/// A `map<string, string>` field: entries of 1 key, 2 value.
fn string_map(bytes: &[u8], number: u32) -> Option<Map<String, Value>> {
    let mut map = Map::new();
    for f in fields(bytes)? {
        if let Field::Bytes(n, entry) = f
            && n == number
        {
            let kv = strings(entry, &[(1, "key"), (2, "value")])?;
            if let Some(Value::String(k)) = kv.get("key") {
                let v = kv.get("value").cloned().unwrap_or_default();
                map.insert(k.clone(), if v.is_null() { Value::from("") } else { v });
            }
        }
    }
    Some(map)
}

/// `QuotaFailure`: 1 violations, each 1 subject, 2 description, 3 api_service,
/// 4 quota_metric, 5 quota_id, 6 quota_dimensions (a map), 7 quota_value,
/// 8 future_quota_value (int64s, strings in JSON).
fn quota_failure(bytes: &[u8]) -> Option<Map<String, Value>> {
    let mut items = Vec::new();
    for f in fields(bytes)? {
        let Field::Bytes(1, v) = f else { continue };
        let mut item = strings(
            v,
            &[
                (1, "subject"),
                (2, "description"),
                (3, "apiService"),
                (4, "quotaMetric"),
                (5, "quotaId"),
            ],
        )?;
        let dimensions = string_map(v, 6)?;
        if !dimensions.is_empty() {
            item.insert("quotaDimensions".into(), Value::Object(dimensions));
        }
        for g in fields(v)? {
            match g {
                Field::Varint(7, n) => {
                    item.insert("quotaValue".into(), Value::String((n as i64).to_string()));
                }
                Field::Varint(8, n) => {
                    item.insert(
                        "futureQuotaValue".into(),
                        Value::String((n as i64).to_string()),
                    );
                }
                _ => {}
            }
        }
        items.push(Value::Object(item));
    }
    let mut out = Map::new();
    out.insert("violations".into(), Value::Array(items));
    Some(out)
}

/// `RetryInfo`: 1 retry_delay, a `Duration` (1 seconds, 2 nanos), printed as JSON does: `"30s"`.
fn retry_info(bytes: &[u8]) -> Option<Map<String, Value>> {
    let mut out = Map::new();
    for f in fields(bytes)? {
        if let Field::Bytes(1, d) = f {
            let (mut seconds, mut nanos) = (0i64, 0i64);
            for g in fields(d)? {
                match g {
                    Field::Varint(1, v) => seconds = v as i64,
                    Field::Varint(2, v) => nanos = i64::from(v as i32),
                    _ => {}
                }
            }
            let delay = super::rpc_details::duration_text(seconds, nanos);
            out.insert("retryDelay".into(), Value::String(delay));
        }
    }
    Some(out)
}

/// `DebugInfo`: 1 stack_entries (repeated), 2 detail.
fn debug_info(bytes: &[u8]) -> Option<Map<String, Value>> {
    let mut stack = Vec::new();
    let mut out = Map::new();
    for f in fields(bytes)? {
        match f {
            Field::Bytes(1, b) => stack.extend(text(b).map(Value::String)),
            Field::Bytes(2, b) => {
                if let Some(s) = text(b) {
                    out.insert("detail".into(), Value::String(s));
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        out.insert("stackEntries".into(), json!(stack));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Protobuf bytes written by hand, field by field.
    fn bytes_field(n: u32, b: &[u8]) -> Vec<u8> {
        let mut out = vec![((n << 3) | 2) as u8];
        out.push(b.len() as u8);
        out.extend_from_slice(b);
        out
    }

    fn any(type_name: &str, value: &[u8]) -> Vec<u8> {
        let mut a = bytes_field(1, format!("type.googleapis.com/{type_name}").as_bytes());
        a.extend(bytes_field(2, value));
        a
    }

    #[test]
    fn a_status_with_error_info_and_retry_info() {
        let mut info = bytes_field(1, b"RATE_LIMIT_EXCEEDED");
        info.extend(bytes_field(2, b"googleapis.com"));
        let mut entry = bytes_field(1, b"service");
        entry.extend(bytes_field(2, b"pubsub.googleapis.com"));
        info.extend(bytes_field(3, &entry));
        let duration = [0x08, 30, 0x10, 0x80, 0xb5, 0x18]; // 30 s, 400000 ns
        let retry = bytes_field(1, &duration);
        let mut status = vec![0x08, 8]; // code 8
        status.extend(bytes_field(2, b"quota exceeded"));
        status.extend(bytes_field(3, &any("google.rpc.ErrorInfo", &info)));
        status.extend(bytes_field(3, &any("google.rpc.RetryInfo", &retry)));
        let s = decode_status(&status).unwrap();
        assert_eq!((s.code, s.message.as_deref()), (8, Some("quota exceeded")));
        assert_eq!(
            s.details,
            [
                json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                       "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
                       "metadata": {"service": "pubsub.googleapis.com"}}),
                json!({"@type": "type.googleapis.com/google.rpc.RetryInfo",
                       "retryDelay": "30.0004s"}),
            ]
        );
    }

    #[test]
    fn the_trailer_as_printed() {
        let mut v = bytes_field(1, b"name");
        v.extend(bytes_field(2, b"must not be empty"));
        let mut status = vec![0x08, 3];
        status.extend(bytes_field(2, b"invalid name"));
        status.extend(bytes_field(
            3,
            &any("google.rpc.BadRequest", &bytes_field(1, &v)),
        ));
        let b64 = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&status);
        let text = format!("< grpc-status: 3\r\n< grpc-status-details-bin: {b64}\r\n");
        let found = find(&text);
        assert_eq!(found.len(), 1);
        let s = &found[0].2;
        assert_eq!(s.code, 3);
        assert_eq!(
            s.details[0]["fieldViolations"][0],
            json!({"field": "name", "description": "must not be empty"})
        );
    }

    #[test]
    fn malformed_bytes_decode_to_nothing() {
        assert!(decode_status(&[0x08]).is_none());
        assert!(decode_status(&[0x12, 0x7f, b'x']).is_none());
        assert!(decode_status(&[0x0f]).is_none());
        assert!(find("grpc-status-details-bin: !!!!").is_empty());
        // Any bytes: never a panic.
        for n in 0..=255u8 {
            let _ = decode_status(&[n, n, n, 0x80, 0x80]);
        }
    }
}
