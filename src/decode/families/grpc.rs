//! gRPC status lines as Go, Java, Python, Node (grpc-js) and grpcurl print them, the trailer
//! headers, and the status of Google APIs as google-api-core's exception classes and gcloud
//! name it.

use super::{Family, Key, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"rpc error: code = (\w+) desc = ([^\n]*)", name).with_message(),
        Pattern::new(
            r"\bStatus(?:Runtime)?Exception: ([A-Z][A-Z_]+)(?::[ \t]*([^\n]*))?",
            name,
        )
        .with_message(),
        Pattern::new(r"\bStatusCode\.([A-Z][A-Z_]+)", name),
        Pattern::new(r#"\bstatus(?:Code)? ?= ?StatusCode\.([A-Z_]+)\b"#, name),
        Pattern::new(r"\bError: (\d{1,2}) [A-Z_]+: ([^\n]*)", code).with_message(),
        Pattern::new(
            r"(?m)^\s*Code: ([A-Z][A-Za-z]+)\s*\n\s*Message: ([^\n]*)",
            name,
        )
        .with_message(),
        Pattern::new(r"(?i)\bgrpc-status: (\d{1,2})\b", code),
        Pattern::new(
            r"\bgoogle\.api_core\.exceptions\.([A-Z]\w+): \d{3} ",
            api_core_class,
        ),
        Pattern::new(r"\(gcloud\.[\w.-]+\) ([A-Z][A-Z_]+): ", name),
    ],
    triggers: &["rpc"],
    ..Family::new("grpc")
};

/// The gRPC status of a google-api-core exception class: most are the status's own name
/// (`ResourceExhausted`); the classes of HTTP statuses alone (`TooManyRequests`, `BadGateway`)
/// are no status's.
fn api_core_class(class: &str) -> Option<Key> {
    let status = match class {
        "InternalServerError" => "INTERNAL",
        "MethodNotImplemented" => "UNIMPLEMENTED",
        "ServiceUnavailable" => "UNAVAILABLE",
        _ => class,
    };
    name(status)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys, n};

    #[test]
    fn status_lines_of_each_runtime() {
        assert_eq!(
            keys("rpc error: code = Unavailable desc = connection error"),
            [("grpc", n("Unavailable"))]
        );
        assert_eq!(
            keys("io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded"),
            [("grpc", n("DEADLINE_EXCEEDED"))]
        );
        assert!(keys("\tstatus = StatusCode.NOT_FOUND\n").contains(&("grpc", n("NOT_FOUND"))));
        assert!(
            keys("ERROR:\n  Code: PermissionDenied\n  Message: no")
                .contains(&("grpc", n("PermissionDenied")))
        );
        assert!(keys("Error: 14 UNAVAILABLE: No connection").contains(&("grpc", c("14"))));
    }

    #[test]
    fn google_api_core_and_gcloud() {
        let grpc = |text: &str| -> Vec<_> {
            keys(text)
                .into_iter()
                .filter(|(f, _)| *f == "grpc")
                .collect()
        };
        assert_eq!(
            grpc(
                "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric"
            ),
            [("grpc", n("ResourceExhausted"))]
        );
        assert_eq!(
            grpc(
                "google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all addresses"
            ),
            [("grpc", n("UNAVAILABLE"))]
        );
        assert_eq!(
            grpc(
                "ERROR: (gcloud.run.deploy) PERMISSION_DENIED: Permission 'run.services.get' denied"
            ),
            [("grpc", n("PERMISSION_DENIED"))]
        );
    }
}
