//! AWS service exceptions as the SDKs and services print them: boto3/botocore's and the AWS
//! CLI's `An error occurred (ThrottlingException) when calling the DescribeTable operation`,
//! S3's XML `<Error><Code>NoSuchKey</Code>`, the JSON protocol's `__type`
//! (`com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException`), the Go SDK's
//! `api error AccessDenied: …` and the Java SDK's `(Service: …; Status Code: 400; Error Code:
//! …)`.

use super::{Family, Kind, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"\bAn error occurred \((\w+)\) when calling the \w+ operation",
            code,
        ),
        Pattern::new(r"<Error>\s*<Code>(\w+)</Code>", name),
        Pattern::new(r#""__type"\s*:\s*"(?:[\w.:-]*#)?(\w+)""#, code),
        Pattern::new(r"\bapi error (\w+): ", code),
        Pattern::new(
            r"\(Service: [^;)\n]+;\s*Status Code: \d{3};\s*Error Code: (\w+)",
            code,
        ),
    ],
    triggers: &["error occurred", "<code>", "__type", "api error"],
    retry_words,
    ..Family::new("aws")
};

/// AWS throttles: its SDKs retry throttling errors themselves.
fn retry_words(_: &str, kind: Option<Kind>) -> Option<&'static str> {
    (kind == Some(Kind::RateLimit)).then_some(
        "Throttled: retry with exponential backoff and jitter. The AWS SDKs do this up to their maximum attempts (raise it, or use the adaptive retry mode); if it keeps happening, lower the request rate or ask for a higher quota.",
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys_in, n};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["aws"], text)
    }

    #[test]
    fn sdks_cli_and_bodies() {
        assert_eq!(
            read(
                "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the DescribeTable operation (reached max retries: 4): Rate exceeded"
            ),
            [("aws", c("ThrottlingException"))]
        );
        assert_eq!(
            read(
                "<?xml version=\"1.0\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
            ),
            [("aws", n("NoSuchKey"))]
        );
        assert_eq!(
            read(
                r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"x"}"#
            ),
            [("aws", c("ProvisionedThroughputExceededException"))]
        );
        assert_eq!(
            read(
                "operation error S3: GetObject, https response error StatusCode: 403, RequestID: X, api error AccessDenied: Access Denied"
            ),
            [("aws", c("AccessDenied"))]
        );
    }
}
