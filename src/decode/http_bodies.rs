//! Error bodies of platforms that carry the HTTP status in the body: Kubernetes' `Status`
//! (`{"kind": "Status", "reason": "AlreadyExists", "code": 409}`) and Google APIs'
//! `{"error": {"code": 403, "status": "PERMISSION_DENIED", "message": ...}}`, whose `status` is a
//! gRPC code's name.

use super::envelope::message_text;
use super::lenient::Value;

/// What a platform's error body says.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformError {
    pub http_status: u16,
    /// The gRPC code's name (`PERMISSION_DENIED`), for Google's bodies.
    pub grpc: Option<String>,
    /// Kubernetes' `reason` (`AlreadyExists`).
    pub reason: Option<String>,
    pub message: Option<String>,
    /// The keys that decided, for evidence.
    pub evidence: Vec<String>,
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
        http_status,
        grpc: None,
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
        http_status,
        grpc: Some(name.to_string()),
        reason: None,
        message: obj.member("message").and_then(|(_, v)| message_text(v)),
        evidence: vec![format!("code: {http_status}"), format!("status: {name}")],
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
            (409, Some("Conflict"))
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
            (e.http_status, e.grpc.as_deref()),
            (429, Some("RESOURCE_EXHAUSTED"))
        );
        assert!(google(&v(r#"{"code": 429, "status": "error"}"#)).is_none());
        assert!(google(&v(r#"{"code": 20003, "status": "FAILED"}"#)).is_none());
    }
}
