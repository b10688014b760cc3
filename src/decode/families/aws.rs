//! AWS service exceptions as the SDKs and services print them: boto3/botocore's and the AWS
//! CLI's `An error occurred (ThrottlingException) when calling the DescribeTable operation`,
//! S3's XML `<Error><Code>NoSuchKey</Code>`, the JSON protocol's `__type`
//! (`com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException`), the Go SDK's
//! `api error AccessDenied: …` (S3's without `api error`), the Go SDK v1's `AccessDenied: …`
//! over `status code: 403, request id: …`, the Java SDK's `(Service: …; Status Code: 400; Error
//! Code: …)` and its v2's `ResourceNotFoundException: … (Service: DynamoDb, Status Code: 400,
//! …)`, and the `__type` of the JavaScript SDK's error object.

use super::{Family, Key, Kind, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"\bAn error occurred \((\w+)\) when calling the \w+ operation",
            code,
        ),
        Pattern::new(r"<Error>\s*<Code>(\w+)</Code>", name),
        Pattern::new(r#""__type"\s*:\s*"(?:[\w.:-]*#)?(\w+)""#, code),
        Pattern::new(r"\b__type: '(?:[\w.:-]*#)?(\w+)'", code),
        Pattern::new(r"\bapi error (\w+): ", code),
        Pattern::new(
            r"\bhttps response error StatusCode: \d{3}, RequestID: [^,\n]*, HostID: [^,\n]*, ([A-Z]\w+): ",
            name,
        ),
        Pattern::new(
            r"\b([A-Z]\w+): [^:\n]*(?::[^ \n][^:\n]*)*\r?\n[ \t]+status code: \d{3}, request id: ",
            name,
        ),
        Pattern::new(
            r"\bawssdk\.services\.(\w+\.model\.[A-Z]\w*Exception): [^\n]*?\(Service: [^,;)\n]+, Status Code: \d{3}, Request ID: ",
            java_v2_class,
        ),
        Pattern::new(
            r"\(Service: [^;)\n]+;\s*Status Code: \d{3};\s*Error Code: (\w+)",
            code,
        ),
    ],
    triggers: &["error occurred", "<code>", "__type", "api error"],
    retry_words,
    near: shape_names,
    ..Family::new("aws")
};

/// The shape names a wire code the models lack may stand for: services send some errors
/// without the `Exception` or `Fault` their model's shape ends in (STS's `ExpiredToken`).
fn shape_names(code: &str) -> Vec<String> {
    if code.ends_with("Exception") || code.ends_with("Fault") {
        return Vec::new();
    }
    vec![format!("{code}Exception"), format!("{code}Fault")]
}

/// AWS throttles: its SDKs retry throttling errors themselves.
fn retry_words(_: &str, kind: Option<Kind>) -> Option<&'static str> {
    (kind == Some(Kind::RateLimit)).then_some(
        "Throttled: retry with exponential backoff and jitter. The AWS SDKs do this up to their maximum attempts (raise it, or use the adaptive retry mode); if it keeps happening, lower the request rate or ask for a higher quota.",
    )
}

/// The Java SDK v2's class of a service's exception (`dynamodb.model.ResourceNotFoundException`):
/// the exception's name, unless it is the service's own class for any error (`s3.model.
/// S3Exception`), which says nothing of which.
fn java_v2_class(path: &str) -> Option<Key> {
    let (service, class) = path.split_once(".model.")?;
    let generic = class
        .strip_suffix("Exception")
        .is_some_and(|s| s.eq_ignore_ascii_case(service));
    (!generic).then(|| Key::Name(class.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, n, nothing};

    #[test]
    fn sdks_cli_and_bodies() {
        check_reads(
            "aws",
            [
                Case {
                    line: "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the DescribeTable operation (reached max retries: 4): Rate exceeded",
                    reads: exactly([c("ThrottlingException")]),
                },
                Case {
                    line: "<?xml version=\"1.0\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>",
                    reads: exactly([n("NoSuchKey")]),
                },
                Case {
                    line: r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"x"}"#,
                    reads: exactly([c("ProvisionedThroughputExceededException")]),
                },
                Case {
                    line: "operation error S3: GetObject, https response error StatusCode: 403, RequestID: X, api error AccessDenied: Access Denied",
                    reads: exactly([c("AccessDenied")]),
                },
                Case {
                    line: "Error: creating S3 Bucket (acme-logs): operation error S3: CreateBucket, https response error StatusCode: 409, RequestID: X, HostID: Y, BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it.",
                    reads: exactly([n("BucketAlreadyOwnedByYou")]),
                },
                Case {
                    line: "AccessDenied: Access Denied\n\tstatus code: 403, request id: 4E5B, host id: abc=",
                    reads: exactly([n("AccessDenied")]),
                },
                Case {
                    line: "Error: error creating S3 bucket: AccessDenied: Access Denied\n\tstatus code: 403, request id: X, host id: Y",
                    reads: exactly([n("AccessDenied")]),
                },
                Case {
                    line: "software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException: Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: ABC)",
                    reads: exactly([n("ResourceNotFoundException")]),
                },
                Case {
                    line: "ResourceNotFoundException: Requested resource not found\n  '$fault': 'client',\n  __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException'",
                    reads: exactly([c("ResourceNotFoundException")]),
                },
                Case {
                    line: "software.amazon.awssdk.services.s3.model.S3Exception: Access Denied (Service: S3, Status Code: 403, Request ID: X, Extended Request ID: Y)",
                    reads: nothing(),
                },
            ],
        );
    }
}
