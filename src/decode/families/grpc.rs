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
    use super::super::tests::{Case, alone, c, check_reads, including, keys, n};

    #[test]
    fn status_lines_of_each_runtime() {
        check_reads(
            "grpc",
            [
                Case {
                    line: "rpc error: code = Unavailable desc = connection error",
                    reads: alone([n("Unavailable")]),
                },
                Case {
                    line: "io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded",
                    reads: alone([n("DEADLINE_EXCEEDED")]),
                },
                Case {
                    line: "\tstatus = StatusCode.NOT_FOUND\n",
                    reads: including([n("NOT_FOUND")]),
                },
                Case {
                    line: "ERROR:\n  Code: PermissionDenied\n  Message: no",
                    reads: including([n("PermissionDenied")]),
                },
                Case {
                    line: "Error: 14 UNAVAILABLE: No connection",
                    reads: including([c("14")]),
                },
            ],
        );
    }

    #[test]
    fn google_api_core_and_gcloud() {
        // Every gRPC key of the line, a key found twice twice.
        for (line, name) in [
            (
                "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric",
                "ResourceExhausted",
            ),
            (
                "google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all addresses",
                "UNAVAILABLE",
            ),
            (
                "ERROR: (gcloud.run.deploy) PERMISSION_DENIED: Permission 'run.services.get' denied",
                "PERMISSION_DENIED",
            ),
        ] {
            let grpc: Vec<_> = keys(line)
                .into_iter()
                .filter(|(f, _)| *f == "grpc")
                .collect();
            assert_eq!(grpc, [("grpc", n(name))], "{line}");
        }
    }
}
