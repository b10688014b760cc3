//! MySQL and MariaDB errors as clients print them: the mysql client's `ERROR 1045 (28000): …`,
//! go-sql-driver's `Error 1146 (42S02): …` and Connector/Python's `1146 (42S02): …`, JDBC's
//! `Error Code: 1062` and Connector/J's `VendorError: 1045`, the Python drivers' `(1040, 'Too
//! many connections')`, PHP's PDO (`SQLSTATE[HY000]: General error: 2006 …`), the symbols
//! (`ER_DUP_ENTRY`, as Node's mysql2 prints them) and the server log's `[MY-010045]`.

use super::{Family, Key, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"\b(\d{4} \([0-9A-Z]{5}\))(?: at line \d+)?: (?P<message>[^\r\n]{1,300})",
            with_sqlstate,
        )
        .with_message(),
        // PHP's PDO: the driver's number after the SQLSTATE and its class, or in brackets when
        // connecting. The other drivers print other numbers there (PostgreSQL's is 7, SQLite's
        // one or two digits, Oracle's before an `OCI…` call's name).
        Pattern::new(
            r"\bSQLSTATE\[[0-9A-Z]{5}\]: [A-Za-z][^:\n]*: (\d{4}) [A-Z][a-z]",
            code,
        ),
        Pattern::new(r"\bSQLSTATE\[[0-9A-Z]{5}\] \[(\d{4})\] ", code),
        // The `mysql` crate's error, as Rust's `{:?}` prints it.
        Pattern::new(r"\bServerError \{ code: (\d{4}), message: ", code),
        Pattern::new(r"\bError Code: (\d{4})\b", code),
        Pattern::new(r"\bVendorError: (\d{4})\b", code),
        Pattern::new(
            r#"\b(?:pymysql|MySQLdb|_mysql_exceptions)[\w.]*Error\)?:? \((\d{4}), ['"]"#,
            code,
        ),
        Pattern::new(r"\b((?:ER|CR)_[A-Z][A-Z0-9_]{3,})\b", name),
        Pattern::new(r"\[(MY-\d{6})\]", my_code),
    ],
    triggers: &["mysql", "error code", "vendorerror", "er_", "cr_", "[my-"],
    code_form: mysql_form,
    ..Family::new("mysql")
};

fn my_code(s: &str) -> Option<Key> {
    mysql_form(s).map(Key::Code)
}

/// `MY-1045` and `MY-001045` as MySQL 8 writes codes in its documentation and log, and
/// `001045`: the number.
fn mysql_form(typed: &str) -> Option<String> {
    let digits = typed
        .strip_prefix("MY-")
        .or_else(|| typed.strip_prefix("my-"))
        .unwrap_or(typed);
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let plain = digits.trim_start_matches('0');
    Some(if plain.is_empty() { "0" } else { plain }.to_string())
}

/// `1146 (42S02)`: the code, when the SQLSTATE beside it holds a digit (`42S02`, `HY000`);
/// `8443 (HTTPS)` is a port.
fn with_sqlstate(printed: &str) -> Option<Key> {
    let (number, state) = printed.split_once(" (")?;
    state
        .bytes()
        .any(|b| b.is_ascii_digit())
        .then(|| Key::Code(number.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, n, nothing};

    #[test]
    fn clients_drivers_and_jdbc() {
        check_reads(
            "mysql",
            [
                Case {
                    line: "ERROR 1045 (28000): Access denied for user 'app'@'10.0.3.7' (using password: YES)",
                    reads: exactly([c("1045")]),
                },
                Case {
                    line: "query orders: Error 1146 (42S02): Table 'shop.orders' doesn't exist",
                    reads: exactly([c("1146")]),
                },
                Case {
                    line: "Internal Exception: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry\nError Code: 1062\n",
                    reads: exactly([c("1062")]),
                },
                Case {
                    line: "java.sql.SQLException: Access denied\n\tSQLState: 28000\n\tVendorError: 1045\n",
                    reads: exactly([c("1045")]),
                },
                Case {
                    line: "pymysql.err.OperationalError: (1040, 'Too many connections')",
                    reads: exactly([c("1040")]),
                },
                Case {
                    line: "{ code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' }",
                    reads: exactly([n("ER_DUP_ENTRY")]),
                },
                Case {
                    line: "2024-05-13T10:22:01Z 0 [ERROR] [MY-010123] [Server] Fatal",
                    reads: exactly([c("10123")]),
                },
                Case {
                    line: "ERROR 1146 (42S02) at line 1: Table 'shop.orders' doesn't exist",
                    reads: exactly([c("1146")]),
                },
                Case {
                    line: "mysql.connector.errors.ProgrammingError: 1146 (42S02): Table 'x' doesn't exist",
                    reads: exactly([c("1146")]),
                },
                Case {
                    line: "error returned from database: 1062 (23000): Duplicate entry '1' for key 'PRIMARY'",
                    reads: exactly([c("1062")]),
                },
                Case {
                    line: "PDOException: SQLSTATE[HY000]: General error: 2006 MySQL server has gone away in /var/www/app/src/Db.php:57",
                    reads: exactly([c("2006")]),
                },
                Case {
                    line: "SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry 'a@b.c' for key 'users_email_unique'",
                    reads: exactly([c("1062")]),
                },
                Case {
                    line: "PDOException: SQLSTATE[HY000] [2002] Connection refused",
                    reads: exactly([c("2002")]),
                },
                Case {
                    line: "Error: Server(ServerError { code: 1045, message: \"Access denied for user 'root'@'172.17.0.1'\", state: \"28000\" })",
                    reads: exactly([c("1045")]),
                },
                // PDO's other drivers: PostgreSQL, SQLite, Oracle, SQL Server's DB-Library.
                Case {
                    line: "SQLSTATE[23505]: Unique violation: 7 ERROR:  duplicate key value violates unique constraint \"users_email_key\"",
                    reads: nothing(),
                },
                Case {
                    line: "SQLSTATE[23000]: Integrity constraint violation: 19 UNIQUE constraint failed: users.email",
                    reads: nothing(),
                },
                Case {
                    line: "SQLSTATE[HY000]: General error: 1017 OCISessionBegin: ORA-01017: invalid username/password; logon denied",
                    reads: nothing(),
                },
                Case {
                    line: "SQLSTATE[HY000] [20009] Unable to connect: Adaptive Server is unavailable",
                    reads: nothing(),
                },
                Case {
                    line: "listening on port 1045",
                    reads: nothing(),
                },
                Case {
                    line: "listening on 8443 (HTTPS): ready",
                    reads: nothing(),
                },
                // PostgreSQL's `ERROR 23505 (unique_violation)` is not MySQL's.
                Case {
                    line: "ERROR 23505 (unique_violation)",
                    reads: nothing(),
                },
            ],
        );
    }

    #[test]
    fn the_client_s_message_after_the_code_is_read_to_the_line_end() {
        let text = "ERROR 1045 (28000): Access denied for user 'app'@'10.0.3.7' (using password: YES)\nmysql> ";
        let hits = super::super::find(text);
        let hit = hits
            .iter()
            .find(|h| h.family == "mysql")
            .expect("a mysql hit");
        assert_eq!(
            hit.message.as_deref(),
            Some("Access denied for user 'app'@'10.0.3.7' (using password: YES)")
        );
    }
}
