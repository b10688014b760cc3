//! gRPC status lines as Go, Java, Python, Node (grpc-js) and grpcurl print them, and the
//! trailer headers.

use super::{Family, Pattern, code, name};

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
    ],
    triggers: &["rpc"],
    ..Family::new("grpc")
};

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
}
