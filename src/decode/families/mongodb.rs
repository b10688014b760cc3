//! MongoDB server errors as the drivers print them: `E11000 duplicate key error`, the Node and
//! Python drivers' `code: 13, codeName: 'Unauthorized'` (and `'code': 18, 'codeName': …`), the
//! Java driver's `Command failed with error 13 (Unauthorized)`, the Go driver's
//! `(NamespaceNotFound) ns not found`.

use super::{Family, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bE(1100[01]) duplicate key error", code),
        Pattern::new(
            r#"\bcode['"]?\s*:\s*(\d{1,5}),\s*['"]?codeName['"]?\s*:\s*['"]\w+['"]"#,
            code,
        ),
        Pattern::new(r"\bCommand failed with error (\d{1,5}) \(\w+\)", code),
        // The server's messages begin in lower case; Azure's `(AuthenticationFailed) Server
        // failed to …`, printed the same way, is a sentence.
        Pattern::new(r"(?m)(?:^|: )\(([A-Z][a-z]+[A-Za-z]*)\) [a-z]", name),
    ],
    triggers: &["mongo", "codename", "duplicate key"],
    ..Family::new("mongodb")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, n, nothing};

    #[test]
    fn node_python_and_java_drivers() {
        check_reads(
            "mongodb",
            [
                Case {
                    line: "MongoServerError: E11000 duplicate key error collection: shop.users index: email_1",
                    reads: including([c("11000")]),
                },
                Case {
                    line: "MongoServerError: not authorized\n    at x {\n  ok: 0,\n  code: 13,\n  codeName: 'Unauthorized',\n}",
                    reads: exactly([c("13")]),
                },
                Case {
                    line: "full error: {'ok': 0.0, 'errmsg': 'Authentication failed.', 'code': 18, 'codeName': 'AuthenticationFailed'}",
                    reads: exactly([c("18")]),
                },
                Case {
                    line: "Command failed with error 13 (Unauthorized): 'not authorized on admin'",
                    reads: exactly([c("13")]),
                },
                Case {
                    line: "2024/05/13 10:22:01 drop index: (NamespaceNotFound) ns not found",
                    reads: exactly([n("NamespaceNotFound")]),
                },
                Case {
                    line: "azure.core.exceptions.ClientAuthenticationError: (AuthenticationFailed) Server failed to authenticate the request.",
                    reads: nothing(),
                },
                Case {
                    line: "An error occurred (Unauthorized) when calling the GetItem operation",
                    reads: nothing(),
                },
            ],
        );
    }
}
