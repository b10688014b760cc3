//! PostgreSQL: the SQLSTATE as pgx, libpq, JDBC and drivers' attributes print it; the class
//! names of psycopg, asyncpg and Ruby's pg.

use super::{Family, Key, Pattern, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bSQLSTATE[ \t:=\[(]*([0-9A-Z]{5})\b", sqlstate),
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
    use super::super::tests::{c, keys, n};

    #[test]
    fn sqlstates_and_class_names() {
        assert!(keys("ERROR: duplicate key (SQLSTATE 23505)").contains(&("postgres", c("23505"))));
        assert!(
            keys("psycopg2.errors.UniqueViolation: duplicate")
                .contains(&("postgres", n("UniqueViolation")))
        );
        assert!(
            keys("asyncpg.exceptions.UniqueViolationError: dup")
                .contains(&("postgres", n("UniqueViolation")))
        );
        assert!(keys("SQL state: 42P01").contains(&("postgres", c("42P01"))));
        // MySQL's SQLSTATE is not PostgreSQL's.
        let mysql2 = "{\n  code: 'ER_DUP_ENTRY',\n  errno: 1062,\n  sqlState: '23000',\n}";
        assert!(!keys(mysql2).iter().any(|(f, _)| *f == "postgres"));
        assert!(
            !keys("PDOException: SQLSTATE[HY000]: General error: 2006 MySQL server has gone away")
                .iter()
                .any(|(f, _)| *f == "postgres")
        );
    }
}
