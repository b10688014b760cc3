//! SQLite: symbols as Node's and Go's drivers print them, Python's exceptions with the
//! library's message (`sqlite3.OperationalError: database is locked`), and the messages
//! `sqlite3_errmsg` prints beyond `sqlite3_errstr`'s.

use super::{Family, Pattern, code, message, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\b(SQLITE_[A-Z_]+)\b", name),
        Pattern::new(r"\bsqlite3\.\w+Error: ([^\n]+)", message),
        Pattern::new(r"\bSqliteError: ([^\n]+)", message),
        Pattern::new(r"\bextended_code: (\d+)", code),
    ],
    triggers: &["sqlite"],
    printed_words: Some(3),
    known_messages: MESSAGES,
    ..Family::new("sqlite")
};

/// The known message of SQLite's constraint and common errors (what `sqlite3_errmsg` prints
/// begins with it) and the code it belongs to: the library's texts beyond `sqlite3_errstr`.
const MESSAGES: &[(&str, &str)] = &[
    ("UNIQUE constraint failed", "2067"),
    ("NOT NULL constraint failed", "1299"),
    ("FOREIGN KEY constraint failed", "787"),
    ("CHECK constraint failed", "275"),
    ("PRIMARY KEY must be unique", "1555"),
    ("no such table", "1"),
    ("no such column", "1"),
    ("database is locked", "5"),
    ("database table is locked", "6"),
    ("attempt to write a readonly database", "8"),
    ("unable to open database file", "14"),
    ("database disk image is malformed", "11"),
    ("disk I/O error", "10"),
    ("file is not a database", "26"),
    ("database or disk is full", "13"),
];

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, check_reads, including, m, n};

    #[test]
    fn symbols_and_python_messages() {
        check_reads(
            "sqlite",
            [
                Case {
                    line: "code: 'SQLITE_BUSY'",
                    reads: including([n("SQLITE_BUSY")]),
                },
                Case {
                    line: "sqlite3.OperationalError: database is locked",
                    reads: including([m("database is locked")]),
                },
            ],
        );
        assert_eq!(
            super::super::known_message("UNIQUE constraint failed: users.email"),
            Some(("sqlite", "2067"))
        );
    }
}
