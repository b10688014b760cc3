//! errno as runtimes print it: Python's `[Errno 2]`, Rust's `(os error 111)` and `Os { code }`,
//! Node's `ECONNREFUSED`, the number the MySQL and MariaDB clients put after a failed connect
//! (`Can't connect to MySQL server on 'db:3306' (111)`), and the strerror text Go and C's
//! `perror` print after a `: ` (`connect: connection refused`).

use super::{Family, Key, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\[Errno (\d+)\] ([^:'\n\]]+)", code).with_message(),
        // On Windows the code is a Win32 error, and its text ends in a full stop (`win32`).
        Pattern::new(r"(\.?\s?\(os error \d+)\)", os_error),
        Pattern::new(
            r#"\bOs \{ code: (\d+), kind: \w+, message: "([^"]*[^".])" \}"#,
            code,
        )
        .with_message(),
        Pattern::new(r"\b(E[A-Z][A-Z0-9]{1,14})\b", name),
        // MySQL's client errors 2002 and 2003 end in the connect's errno (Connector/Python:
        // `(Errno 111: Connection refused)`), 2013 says it after `system error: `, 0 for none.
        // On Windows the number is a Winsock error, five digits (`win32`).
        Pattern::new(
            r"\bCan't connect to (?:local )?(?:MySQL |MariaDB )?server (?:on|through socket) '[^'\n]*' \((?:Errno )?([1-9]\d{0,2})(?:: [^)\n]*)?\)",
            code,
        ),
        Pattern::new(
            r"\bLost connection to (?:MySQL |MariaDB )?server at '[^'\n]*', system error: ([1-9]\d{0,2})\b",
            code,
        ),
    ],
    printed_words: Some(1),
    ..Family::new("errno")
};

/// Rust's `(os error N)`, with the full stop before it when there is one: Windows' text.
fn os_error(printed: &str) -> Option<Key> {
    let (before, number) = printed.split_once("(os error ")?;
    (!before.starts_with('.')).then(|| Key::Code(number.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, alone, c, check_reads, including, keys, n, nothing};

    #[test]
    fn python_node_and_rust() {
        check_reads(
            "errno",
            [
                Case {
                    line: "FileNotFoundError: [Errno 2] No such file or directory: 'x'",
                    reads: alone([c("2")]),
                },
                Case {
                    line: "Error: connect ECONNREFUSED 127.0.0.1:5432",
                    reads: including([n("ECONNREFUSED")]),
                },
                Case {
                    line: "failed (os error 111)",
                    reads: including([c("111")]),
                },
                Case {
                    line: "Error: Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }",
                    reads: including([c("13")]),
                },
                // The MySQL and MariaDB clients, and Connector/Python.
                Case {
                    line: "ERROR 2003 (HY000): Can't connect to MySQL server on 'db.internal:3306' (111)",
                    reads: including([c("111")]),
                },
                Case {
                    line: "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)",
                    reads: including([c("2")]),
                },
                Case {
                    line: "ERROR 2002 (HY000): Can't connect to server on '10.0.3.7' (115)",
                    reads: including([c("115")]),
                },
                Case {
                    line: "mysql.connector.errors.DatabaseError: 2003 (HY000): Can't connect to MySQL server on 'localhost:3306' (Errno 111: Connection refused)",
                    reads: including([c("111")]),
                },
                Case {
                    line: "ERROR 2013 (HY000): Lost connection to MySQL server at 'reading initial communication packet', system error: 104",
                    reads: including([c("104")]),
                },
                // Rust on Windows: the same printouts carry a Win32 error.
                Case {
                    line: "Error: Os { code: 5, kind: PermissionDenied, message: \"Access is denied.\" }",
                    reads: nothing(),
                },
                Case {
                    line: "The system cannot find the file specified. (os error 2)",
                    reads: nothing(),
                },
            ],
        );
        for none in [
            "ERROR 2013 (HY000): Lost connection to MySQL server at 'reading initial communication packet', system error: 0",
            "ERROR 2003 (HY000): Can't connect to MySQL server on 'db:3306' (10061)",
        ] {
            let numbers = keys(none)
                .into_iter()
                .filter(|(f, k)| *f == "errno" && matches!(k, super::super::Key::Code(_)))
                .count();
            assert_eq!(numbers, 0, "{none}");
        }
    }
}
