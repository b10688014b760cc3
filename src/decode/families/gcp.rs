//! Google Cloud's `ErrorInfo` reasons as Google APIs send them (a reason is Google's when its
//! `domain` is, `googleapis.com` or a service's): in a JSON error's `details`
//! (`"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED"`), and
//! in the protobuf text form the Python and Go clients print (`reason: "RATE_LIMIT_EXCEEDED"
//! domain: "googleapis.com"`), in the error object Node's google-gax prints (`reason:
//! 'SERVICE_DISABLED', domain: 'googleapis.com'`), in grpcurl's `Details:` (JSON with its keys
//! in order: `domain`, `metadata`, `reason`) and in gcloud's YAML (`- '@type':
//! type.googleapis.com/google.rpc.ErrorInfo`, `domain:`, `metadata:`, `reason:` lines).

use super::{Family, Kind, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r#"google\.rpc\.ErrorInfo"[^{}]*?"reason"\s*:\s*"([A-Z][A-Z0-9_]+)"[^{}]*?"domain"\s*:\s*"[\w.-]*googleapis\.com""#,
            code,
        ),
        Pattern::new(
            r#""reason"\s*:\s*"([A-Z][A-Z0-9_]+)"[^{}]*?"domain"\s*:\s*"[\w.-]*googleapis\.com"[^{}]*?google\.rpc\.ErrorInfo""#,
            code,
        ),
        Pattern::new(
            r#"google\.rpc\.ErrorInfo"\s*,\s*"domain"\s*:\s*"[\w.-]*googleapis\.com"\s*,\s*"metadata"\s*:\s*\{[^{}]*\}\s*,\s*"reason"\s*:\s*"([A-Z][A-Z0-9_]+)""#,
            code,
        ),
        Pattern::new(
            r"'@type': type\.googleapis\.com/google\.rpc\.ErrorInfo[ \t]*\r?\n[ \t]+domain: [\w.-]*googleapis\.com[ \t]*\r?\n(?:[ \t]+[^\n]*\n){0,16}?[ \t]+reason: ([A-Z][A-Z0-9_]+)\b",
            code,
        ),
        Pattern::new(
            r#"\breason: ?"([A-Z][A-Z0-9_]+)"\s*domain: ?"[\w.-]*googleapis\.com""#,
            code,
        ),
        Pattern::new(
            r"\breason: '([A-Z][A-Z0-9_]+)',\s*domain: '[\w.-]*googleapis\.com'",
            code,
        ),
        // google-api-core puts the details after the message: the class says whose they are,
        // on the first line (annotate reads a log line by line).
        Pattern::new(
            r#"\bgoogle\.api_core\.exceptions\.\w+: [^\n]*\[reason: "([A-Z][A-Z0-9_]+)""#,
            code,
        ),
    ],
    triggers: &["errorinfo", "reason"],
    retry_words,
    ..Family::new("gcp")
};

/// Google sends how long to wait in the error's `RetryInfo`.
fn retry_words(_: &str, kind: Option<Kind>) -> Option<&'static str> {
    (kind == Some(Kind::RateLimit)).then_some(
        "Wait the `retryDelay` of the error's RetryInfo detail when it has one, else retry with exponential backoff; if it keeps happening, lower the request rate or raise the quota.",
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, nothing};

    #[test]
    fn json_details_and_protobuf_text() {
        check_reads(
            "gcp",
            [
                Case {
                    line: r#"{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"translate.googleapis.com"}}]}}"#,
                    reads: exactly([c("API_KEY_INVALID")]),
                },
                Case {
                    line: "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded. [reason: \"RATE_LIMIT_EXCEEDED\"\ndomain: \"googleapis.com\"\nmetadata {\n}\n]",
                    reads: exactly([c("RATE_LIMIT_EXCEEDED")]),
                },
                // Go's %v of status.Details(), compact.
                Case {
                    line: r#"details: [reason:"SERVICE_DISABLED"  domain:"googleapis.com" metadata:{key:"service" value:"pubsub.googleapis.com"}]"#,
                    reads: exactly([c("SERVICE_DISABLED")]),
                },
                // google-api-core's first line alone.
                Case {
                    line: "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded. [reason: \"RATE_LIMIT_EXCEEDED\"",
                    reads: exactly([c("RATE_LIMIT_EXCEEDED")]),
                },
                Case {
                    line: "Error: 7 PERMISSION_DENIED: Cloud Firestore API has not been used in project acme before or it is disabled.\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19) {\n  code: 7,\n  reason: 'SERVICE_DISABLED',\n  domain: 'googleapis.com',\n  errorInfoMetadata: { service: 'firestore.googleapis.com' }\n}",
                    reads: exactly([c("SERVICE_DISABLED")]),
                },
                Case {
                    line: "ERROR:\n  Code: PermissionDenied\n  Message: Cloud Firestore API has not been used in project 1234 before or it is disabled.\n  Details:\n  1)\t{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"domain\":\"googleapis.com\",\"metadata\":{\"consumer\":\"projects/1234\",\"service\":\"firestore.googleapis.com\"},\"reason\":\"SERVICE_DISABLED\"}\n",
                    reads: exactly([c("SERVICE_DISABLED")]),
                },
                Case {
                    line: "ERROR: (gcloud.projects.get-iam-policy) [dev@example.com] does not have permission to access projects instance [acme-prod] (or it may not exist): The caller does not have permission. This command is authenticated as dev@example.com which is the active account specified by the [core/account] property.\n- '@type': type.googleapis.com/google.rpc.ErrorInfo\n  domain: cloudresourcemanager.googleapis.com\n  metadata:\n    permission: resourcemanager.projects.getIamPolicy\n  reason: IAM_PERMISSION_DENIED\n",
                    reads: exactly([c("IAM_PERMISSION_DENIED")]),
                },
                // Another service's ErrorInfo (grpcurl's Details: of a service of one's own).
                Case {
                    line: r#"{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "INVALID_EMAIL", "domain": "users.example.com"}"#,
                    reads: nothing(),
                },
                // A reason of another kind of body is not an ErrorInfo's.
                Case {
                    line: r#"{"reason": "NOT_READY", "status": 503}"#,
                    reads: nothing(),
                },
            ],
        );
    }
}
