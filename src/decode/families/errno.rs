//! errno as runtimes print it: Python's `[Errno 2]`, Rust's `(os error 111)` and `Os { code }`,
//! Node's `ECONNREFUSED`, and the strerror text Go and C's `perror` print after a `: `
//! (`connect: connection refused`).

use super::{Family, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\[Errno (\d+)\] ([^:'\n\]]+)", code).with_message(),
        // On Windows the code is a Win32 error, and its text ends in a full stop (`win32`).
        Pattern::new(r"(?m)(?:^|[^.\s] ?)\(os error (\d+)\)", code),
        Pattern::new(
            r#"\bOs \{ code: (\d+), kind: \w+, message: "([^"]*[^".])" \}"#,
            code,
        )
        .with_message(),
        Pattern::new(r"\b(E[A-Z][A-Z0-9]{1,14})\b", name),
    ],
    printed_words: Some(1),
    ..Family::new("errno")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys, n};

    #[test]
    fn python_node_and_rust() {
        assert_eq!(
            keys("FileNotFoundError: [Errno 2] No such file or directory: 'x'"),
            [("errno", c("2"))]
        );
        assert!(
            keys("Error: connect ECONNREFUSED 127.0.0.1:5432")
                .contains(&("errno", n("ECONNREFUSED")))
        );
        assert!(keys("failed (os error 111)").contains(&("errno", c("111"))));
        assert!(
            keys("Error: Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }")
                .contains(&("errno", c("13")))
        );
        // Rust on Windows: the same printouts carry a Win32 error.
        for windows in [
            "Error: Os { code: 5, kind: PermissionDenied, message: \"Access is denied.\" }",
            "The system cannot find the file specified. (os error 2)",
        ] {
            assert!(
                !keys(windows).iter().any(|(f, _)| *f == "errno"),
                "{windows}"
            );
        }
    }
}
