//! MySQL and MariaDB errors as clients print them: the mysql client's `ERROR 1045 (28000): …`,
//! go-sql-driver's `Error 1146 (42S02): …` and Connector/Python's `1146 (42S02): …`, JDBC's
//! `Error Code: 1062` and Connector/J's `VendorError: 1045`, the Python drivers' `(1040, 'Too
//! many connections')`, the symbols (`ER_DUP_ENTRY`, as Node's mysql2 prints them) and the
//! server log's `[MY-010045]`.

use super::{Family, Key, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\b(\d{4}) \([0-9A-Z]{5}\): ", code),
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

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys_in, n};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["mysql"], text)
    }

    fn mysql(text: &str) -> Vec<super::super::Key> {
        read(text)
            .into_iter()
            .filter(|(f, _)| *f == "mysql")
            .map(|(_, k)| k)
            .collect()
    }

    #[test]
    fn clients_drivers_and_jdbc() {
        assert_eq!(
            mysql(
                "ERROR 1045 (28000): Access denied for user 'app'@'10.0.3.7' (using password: YES)"
            ),
            [c("1045")]
        );
        assert_eq!(
            mysql("query orders: Error 1146 (42S02): Table 'shop.orders' doesn't exist"),
            [c("1146")]
        );
        assert_eq!(
            mysql(
                "Internal Exception: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry\nError Code: 1062\n"
            ),
            [c("1062")]
        );
        assert_eq!(
            mysql("java.sql.SQLException: Access denied\n\tSQLState: 28000\n\tVendorError: 1045\n"),
            [c("1045")]
        );
        assert_eq!(
            mysql("pymysql.err.OperationalError: (1040, 'Too many connections')"),
            [c("1040")]
        );
        assert_eq!(
            mysql("{ code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' }"),
            [n("ER_DUP_ENTRY")]
        );
        assert_eq!(
            mysql("2024-05-13T10:22:01Z 0 [ERROR] [MY-010123] [Server] Fatal"),
            [c("10123")]
        );
        assert!(mysql("listening on port 1045").is_empty());
        // PostgreSQL's `ERROR 23505 (unique_violation)` is not MySQL's.
        assert!(mysql("ERROR 23505 (unique_violation)").is_empty());
    }

    #[test]
    fn number_forms() {
        let form = super::FAMILY.code_form;
        assert_eq!(form("MY-1045"), Some("1045".into()));
        assert_eq!(form("MY-001045"), Some("1045".into()));
        assert_eq!(form("001045"), Some("1045".into()));
        assert_eq!(form("ER_DUP_ENTRY"), None);
    }
}
