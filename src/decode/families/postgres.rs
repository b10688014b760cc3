//! PostgreSQL: the SQLSTATE as pgx, libpq, JDBC and drivers' attributes print it; the class
//! names of psycopg, asyncpg and Ruby's pg.

use super::{Family, Key, Pattern, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bSQLSTATE[ \t:=(]*([0-9A-Z]{5})\b", sqlstate),
        // PHP's PDO prints the SQLSTATE of every driver: PostgreSQL's puts 7 (libpq's
        // PGRES_FATAL_ERROR) where the others put their own number.
        Pattern::new(
            r"\bSQLSTATE\[([0-9A-Z]{5})\](?:: [A-Za-z][^:\n]*: 7 | \[7\] )",
            sqlstate,
        ),
        Pattern::new(r"\bSQL ?[Ss]tate:? ([0-9A-Z]{5})\b", sqlstate),
        Pattern::new(
            r#"\b(?:sqlstate|pgcode|sqlState)['"]?\s*[:=]\s*['"]?([0-9A-Z]{5})\b"#,
            sqlstate,
        ),
        Pattern::new(
            r"(?s)severity: '(?:ERROR|FATAL|PANIC)'.{0,400}?\bcode: '([0-9A-Z]{5})'",
            sqlstate,
        ),
        Pattern::new(r"\bpsycopg2?\.errors\.([A-Z]\w+)", name),
        Pattern::new(r"\basyncpg\.exceptions\.([A-Z]\w+)", asyncpg_name),
        Pattern::new(r"\bPG::([A-Z]\w+)", name),
        Pattern::new(r"\bERROR (\d[0-9A-Z]{4}) \(([a-z_]+)\)", sqlstate),
    ],
    // With its messages printed without a level (lib/pq, node-postgres).
    triggers: &[
        "sqlstate",
        "sql state",
        "pq: ",
        "violates",
        "deadlock",
        "aborted",
        "already exists",
    ],
    outranked_by: &["mysql"],
    find_messages: |text| {
        super::postgres_words::find(text)
            .into_iter()
            .map(|f| f.start..f.end)
            .collect()
    },
    codes_of_message: super::postgres_words::sqlstates_of,
    ..Family::new("postgres")
};

/// A SQLSTATE of PostgreSQL's classes: ODBC's and the CLI's (`HY000` in PHP's PDO, `IM…`) are
/// another driver layer's, whatever the database.
fn sqlstate(s: &str) -> Option<Key> {
    (!s.starts_with("HY") && !s.starts_with("IM")).then(|| Key::Code(s.to_string()))
}

/// asyncpg's class names end in `Error` (`UniqueViolationError`).
fn asyncpg_name(s: &str) -> Option<Key> {
    name(s.strip_suffix("Error").unwrap_or(s))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, including, n, nothing};

    #[test]
    fn sqlstates_and_class_names() {
        check_reads(
            "postgres",
            [
                Case {
                    line: "ERROR: duplicate key (SQLSTATE 23505)",
                    reads: including([c("23505")]),
                },
                Case {
                    line: "psycopg2.errors.UniqueViolation: duplicate",
                    reads: including([n("UniqueViolation")]),
                },
                Case {
                    line: "asyncpg.exceptions.UniqueViolationError: dup",
                    reads: including([n("UniqueViolation")]),
                },
                Case {
                    line: "SQL state: 42P01",
                    reads: including([c("42P01")]),
                },
                Case {
                    line: "SQLSTATE[23505]: Unique violation: 7 ERROR:  duplicate key value violates unique constraint \"users_email_key\"",
                    reads: including([c("23505")]),
                },
                Case {
                    line: "SQLSTATE[08006] [7] could not connect to server: Connection refused",
                    reads: including([c("08006")]),
                },
                // MySQL's SQLSTATE is not PostgreSQL's.
                Case {
                    line: "{\n  code: 'ER_DUP_ENTRY',\n  errno: 1062,\n  sqlState: '23000',\n}",
                    reads: nothing(),
                },
                // PDO's SQLSTATE of MySQL, SQLite and SQL Server.
                Case {
                    line: "PDOException: SQLSTATE[HY000]: General error: 2006 MySQL server has gone away",
                    reads: nothing(),
                },
                Case {
                    line: "SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry 'a' for key 'email'",
                    reads: nothing(),
                },
                Case {
                    line: "SQLSTATE[23000]: Integrity constraint violation: 19 UNIQUE constraint failed: users.email",
                    reads: nothing(),
                },
                Case {
                    line: "SQLSTATE[23000]: [Microsoft][ODBC Driver 17 for SQL Server][SQL Server]Violation of UNIQUE KEY constraint",
                    reads: nothing(),
                },
            ],
        );
    }
}
