//! Error bodies of platforms that carry their status in the body: Kubernetes' `Status`
//! (`{"kind": "Status", "reason": "AlreadyExists", "code": 409}`), Google APIs'
//! `{"error": {"code": 403, "status": "PERMISSION_DENIED", "message": ..., "details": [...]}}`,
//! whose `status` is a gRPC code's name, and a bare `google.rpc.Status` as grpc-gateway answers
//! (`{"code": 3, "message": ..., "details": [...]}`, the code a gRPC code).

use super::envelope::message_text;
use super::lenient::Value;

/// What a platform's error body says.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformError {
    pub http_status: Option<u16>,
    /// The gRPC code, by name (`PERMISSION_DENIED`, Google's bodies) or number (`3`, a bare
    /// `google.rpc.Status`).
    pub grpc: Option<Grpc>,
    /// The `details` that are error details (objects with an `@type`), as JSON.
    pub details: Vec<serde_json::Value>,
    /// Kubernetes' `reason` (`AlreadyExists`).
    pub reason: Option<String>,
    pub message: Option<String>,
    /// The keys that decided, for evidence.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Grpc {
    Name(String),
    Number(String),
}

/// A lenient value as JSON (numbers as written when they are JSON numbers, else as text;
/// of a key given twice, the last).
pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Num(n) => serde_json::from_str::<serde_json::Number>(n).map_or_else(
            |_| serde_json::Value::String(n.clone()),
            serde_json::Value::Number,
        ),
        Value::Str(s) => serde_json::Value::String(s.clone()),
        Value::Arr(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Obj(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// The error details of an object's `details` array.
fn details_of(obj: &Value) -> Vec<serde_json::Value> {
    obj.member("details")
        .map(|(_, d)| super::rpc_details::of_array(&to_json(d)))
        .unwrap_or_default()
}

/// A number of 400 to 599 in a body (`409`, `"409"`).
fn status_value(v: &Value) -> Option<u16> {
    let t = v.scalar_text()?.trim();
    let n: u16 = (t.len() == 3).then(|| t.parse().ok()).flatten()?;
    (400..=599).contains(&n).then_some(n)
}

/// Kubernetes' `Status` object of a failed request.
pub fn kubernetes(obj: &Value) -> Option<PlatformError> {
    let (_, kind) = obj.member("kind")?;
    if kind.scalar_text() != Some("Status") {
        return None;
    }
    let http_status = status_value(obj.member("code")?.1)?;
    let reason = obj
        .member("reason")
        .and_then(|(_, v)| message_text(v))
        .filter(|r| !r.is_empty());
    let mut evidence = vec!["kind: Status".to_string(), format!("code: {http_status}")];
    if let Some(r) = &reason {
        evidence.push(format!("reason: {r}"));
    }
    Some(PlatformError {
        http_status: Some(http_status),
        grpc: None,
        details: Vec::new(),
        reason,
        message: obj.member("message").and_then(|(_, v)| message_text(v)),
        evidence,
    })
}

/// A Google API error (`google.rpc.Status` as JSON, inside `{"error": ...}`): a numeric `code`
/// of 400 to 599 and a `status` written as a gRPC code's name.
pub fn google(obj: &Value) -> Option<PlatformError> {
    let http_status = status_value(obj.member("code")?.1)?;
    let (_, status) = obj.member("status")?;
    let name = status.scalar_text()?.trim();
    let upper_snake = name.len() >= 2
        && name.len() <= 32
        && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
    if !upper_snake {
        return None;
    }
    Some(PlatformError {
        http_status: Some(http_status),
        grpc: Some(Grpc::Name(name.to_string())),
        details: details_of(obj),
        reason: None,
        message: obj.member("message").and_then(|(_, v)| message_text(v)),
        evidence: vec![format!("code: {http_status}"), format!("status: {name}")],
    })
}

/// A bare `google.rpc.Status`: a gRPC `code` of 1 to 16 and error details (the details are
/// what tell it from any other `{"code", "message"}`).
pub fn rpc_status(obj: &Value) -> Option<PlatformError> {
    let code = obj.member("code")?.1.scalar_text()?.trim();
    let n: u8 = code.parse().ok()?;
    if !(1..=16).contains(&n) {
        return None;
    }
    let details = details_of(obj);
    if details.is_empty() {
        return None;
    }
    Some(PlatformError {
        http_status: None,
        grpc: Some(Grpc::Number(n.to_string())),
        evidence: vec![format!("code: {n}"), format!("details: {}", details.len())],
        details,
        reason: None,
        message: obj.member("message").and_then(|(_, v)| message_text(v)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::lenient::parse_at;

    fn v(s: &str) -> Value {
        parse_at(s, 0).unwrap().value
    }

    #[test]
    fn kubernetes_status_gives_the_http_status_and_reason() {
        let e = kubernetes(&v(
            r#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"x","reason":"Conflict","code":409}"#,
        ))
        .unwrap();
        assert_eq!(
            (e.http_status, e.reason.as_deref()),
            (Some(409), Some("Conflict"))
        );
        assert!(kubernetes(&v(r#"{"kind":"Pod","code":409}"#)).is_none());
        assert!(kubernetes(&v(r#"{"kind":"Status","status":"Success","code":200}"#)).is_none());
    }

    #[test]
    fn google_errors_name_a_grpc_code() {
        let e = google(&v(
            r#"{"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED"}"#,
        ))
        .unwrap();
        assert_eq!(
            (e.http_status, e.grpc),
            (Some(429), Some(Grpc::Name("RESOURCE_EXHAUSTED".into())))
        );
        assert!(google(&v(r#"{"code": 429, "status": "error"}"#)).is_none());
        assert!(google(&v(r#"{"code": 20003, "status": "FAILED"}"#)).is_none());
    }

    #[test]
    fn a_bare_rpc_status_needs_its_details() {
        let e = rpc_status(&v(
            r#"{"code": 3, "message": "bad name", "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "name"}]}]}"#,
        ))
        .unwrap();
        assert_eq!(e.grpc, Some(Grpc::Number("3".into())));
        assert_eq!(e.details[0]["fieldViolations"][0]["field"], "name");
        assert!(rpc_status(&v(r#"{"code": 3, "message": "x"}"#)).is_none());
        assert!(rpc_status(&v(r#"{"code": 1004, "details": [{"@type": "x"}]}"#)).is_none());
    }
}
