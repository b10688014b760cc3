//! Error details of `google.rpc.Status` (`ErrorInfo`, `RetryInfo`, `QuotaFailure`,
//! `BadRequest`, `PreconditionFailure`, `Help`, `LocalizedMessage`, `RequestInfo`,
//! `ResourceInfo`, `DebugInfo`), in Google's JSON form: one line each for people, and the wait
//! a `RetryInfo` asks for.

use serde_json::Value;

/// Details shown at most per error, and the longest line one gives.
pub const MAX_DETAILS: usize = 16;
const MAX_LINE: usize = 300;

/// The details of a body's `details` array that are error details (objects with an `@type`),
/// at most [`MAX_DETAILS`].
pub fn of_array(details: &Value) -> Vec<Value> {
    details
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d.get("@type").and_then(Value::as_str).is_some())
        .take(MAX_DETAILS)
        .cloned()
        .collect()
}

/// Whether a body's object is an error detail of its own: an `@type` of Google's type
/// server (`type.googleapis.com/google.rpc.BadRequest`).
pub fn is_detail(obj: &super::lenient::Value) -> bool {
    obj.member("@type")
        .and_then(|(_, v)| v.scalar_text())
        .map(str::trim)
        .is_some_and(|t| t.starts_with("type.googleapis.com/") && !t.ends_with(".rpc.Status"))
}

/// `ErrorInfo: reason RATE_LIMIT_EXCEEDED, domain googleapis.com (service=pubsub.googleapis.com)`.
pub fn describe(detail: &Value) -> String {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let type_url = s(detail, "@type");
    let name = type_url.rsplit('/').next().unwrap_or(&type_url);
    let short = name.strip_prefix("google.rpc.").unwrap_or(name);
    let items = |key: &str, show: &dyn Fn(&Value) -> String| -> String {
        detail
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(show)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let joined = |parts: &[String]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let said = match name {
        "google.rpc.ErrorInfo" => {
            format!(
                "reason {}, domain {}{}",
                s(detail, "reason"),
                s(detail, "domain"),
                pairs_in_parentheses(detail.get("metadata"))
            )
        }
        "google.rpc.RetryInfo" => format!("retry after {}", s(detail, "retryDelay")),
        "google.rpc.QuotaFailure" => items("violations", &|v| quota_violation(v)),
        "google.rpc.BadRequest" => items("fieldViolations", &|v| {
            joined(&[format!("field {}:", s(v, "field")), s(v, "description")])
        }),
        "google.rpc.PreconditionFailure" => items("violations", &|v| {
            joined(&[
                s(v, "type"),
                format!("{}:", s(v, "subject")),
                s(v, "description"),
            ])
        }),
        "google.rpc.Help" => items("links", &|v| joined(&[s(v, "description"), s(v, "url")])),
        "google.rpc.LocalizedMessage" => {
            format!("({}) {}", s(detail, "locale"), s(detail, "message"))
        }
        "google.rpc.RequestInfo" => format!("request {}", s(detail, "requestId")),
        "google.rpc.ResourceInfo" => joined(&[
            s(detail, "resourceType"),
            format!("{}:", s(detail, "resourceName")),
            s(detail, "description"),
        ]),
        "google.rpc.DebugInfo" => s(detail, "detail"),
        _ => {
            let mut rest = detail.clone();
            if let Some(o) = rest.as_object_mut() {
                o.remove("@type");
            }
            rest.to_string()
        }
    };
    let line = format!("{short}: {said}");
    match line.char_indices().nth(MAX_LINE) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// A quota violation: its subject and description (`project:acme: Daily limit reached`), or
/// the quota it names (`generativelanguage.googleapis.com/generate_content_free_tier_requests,
/// limit 15 (model=gemini-2.0-flash)`).
fn quota_violation(v: &Value) -> String {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").trim();
    let mut parts: Vec<String> = Vec::new();
    match (s("subject"), s("description")) {
        ("", "") => {}
        ("", d) => parts.push(d.to_string()),
        (subject, d) => parts.push(format!("{subject}: {d}").trim_end_matches(": ").to_string()),
    }
    let quota = [s("quotaMetric"), s("quotaId")]
        .into_iter()
        .filter(|q| !q.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !quota.is_empty() {
        parts.push(quota);
    }
    if !s("quotaValue").is_empty() {
        parts.push(format!("limit {}", s("quotaValue")));
    }
    parts.join(", ") + &pairs_in_parentheses(v.get("quotaDimensions"))
}

/// A map of strings as ` (key=value, key=value)`, after a space; nothing when there is no
/// map or it is empty (an `ErrorInfo`'s `metadata`, a quota's dimensions).
fn pairs_in_parentheses(map: Option<&Value>) -> String {
    let pairs: Vec<String> = map
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
        .collect();
    if pairs.is_empty() {
        return String::new();
    }
    format!(" ({})", pairs.join(", "))
}

/// A `google.protobuf.Duration` as JSON prints it: `30s`, `1.5s`, `0.000400s` as `0.0004s`.
pub fn duration_text(seconds: i64, nanos: i64) -> String {
    if nanos == 0 {
        return format!("{seconds}s");
    }
    let frac = format!("{:09}", nanos.unsigned_abs());
    let sign = if seconds == 0 && nanos < 0 { "-" } else { "" };
    format!("{sign}{seconds}.{}s", frac.trim_end_matches('0'))
}

/// The wait a `RetryInfo` among `details` asks for, in seconds (`"30s"`, `"1.5s"`), with its
/// value as written.
pub fn retry_delay(details: &[Value]) -> Option<(f64, String)> {
    details.iter().find_map(|d| {
        let name = d.get("@type")?.as_str()?;
        if !name.ends_with("google.rpc.RetryInfo") {
            return None;
        }
        let delay = d.get("retryDelay")?.as_str()?;
        let seconds: f64 = delay.strip_suffix('s')?.parse().ok()?;
        (seconds.is_finite() && seconds >= 0.0).then(|| (seconds, delay.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_detail_in_a_line() {
        let info = json!({"@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
            "metadata": {"service": "sheets.googleapis.com"}});
        assert_eq!(
            describe(&info),
            "ErrorInfo: reason RATE_LIMIT_EXCEEDED, domain googleapis.com (service=sheets.googleapis.com)"
        );
        let bad = json!({"@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{"field": "email", "description": "is not valid"},
                                {"field": "age", "description": "must be positive"}]});
        assert_eq!(
            describe(&bad),
            "BadRequest: field email: is not valid; field age: must be positive"
        );
        let help = json!({"@type": "type.googleapis.com/google.rpc.Help",
            "links": [{"description": "Quotas", "url": "https://cloud.google.com/quotas"}]});
        assert_eq!(
            describe(&help),
            "Help: Quotas https://cloud.google.com/quotas"
        );
        let other = json!({"@type": "type.example.com/acme.Thing", "x": 1});
        assert_eq!(describe(&other), "acme.Thing: {\"x\":1}");
    }

    #[test]
    fn retry_info_gives_the_wait() {
        let d =
            [json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1.5s"})];
        assert_eq!(retry_delay(&d), Some((1.5, "1.5s".into())));
        assert_eq!(
            of_array(&json!([{"@type": "x"}, {"no": "type"}, 3])).len(),
            1
        );
    }
}
