//! The standard families as their runtimes print them: gRPC status lines (Go, Java, Python,
//! Node, grpcurl), errno (Python's `[Errno 2]`, Node's `ENOENT`, Go's `connect: connection
//! refused`, Rust's `(os error 111)`), PostgreSQL (`SQLSTATE 23505`, JDBC's `SQL state`,
//! psycopg and asyncpg class names), SQLite (`SQLITE_BUSY`, Python's `sqlite3.OperationalError:
//! database is locked`) and curl (`curl: (28) ...`). Each printout names a family and a code,
//! symbol or message, which [`Hit::key`] holds; the decoder looks it up.

use regex::Regex;
use std::sync::LazyLock;

/// One printout found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The family's catalog id (`grpc`, `errno`, `postgres`, `sqlite`, `curl`).
    pub family: &'static str,
    pub key: Key,
    /// The text the runtime printed with it, when there is one.
    pub message: Option<String>,
    /// Where the printout is in the text.
    pub start: usize,
    pub end: usize,
}

/// How the printout names the code.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// The code itself (`111`, `23505`).
    Code(String),
    /// A symbol or a runtime's name for it (`ECONNREFUSED`, `Unavailable`, `UniqueViolation`).
    Name(String),
    /// Only the text printed for it, which the family's messages must name exactly (Go's
    /// `connection refused`).
    Message(String),
}

/// A pattern and what its captures mean.
struct Pattern {
    family: &'static str,
    re: Regex,
    /// The capture holding the code (or name, or message).
    key: fn(&str) -> Key,
    /// The capture holding the printed message, if any (capture 2).
    message: bool,
}

fn code(s: &str) -> Key {
    Key::Code(s.to_string())
}

fn name(s: &str) -> Key {
    Key::Name(s.to_string())
}

/// asyncpg's class names end in `Error` (`UniqueViolationError`).
fn asyncpg_name(s: &str) -> Key {
    Key::Name(s.strip_suffix("Error").unwrap_or(s).to_string())
}

fn message(s: &str) -> Key {
    Key::Message(s.to_string())
}

/// All the patterns at once: one pass over the text says which to run for their captures
/// (most texts hold none).
static SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(PATTERNS.iter().map(|p| p.re.as_str()))
        .expect("family patterns are tested")
});

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let p = |family, re: &str, key: fn(&str) -> Key, message| Pattern {
        family,
        re: Regex::new(re).expect("family patterns are tested"),
        key,
        message,
    };
    vec![
        // gRPC: Go, Java, Python, Node (grpc-js), grpcurl, the trailer headers.
        p(
            "grpc",
            r"rpc error: code = (\w+) desc = ([^\n]*)",
            name,
            true,
        ),
        p(
            "grpc",
            r"\bStatus(?:Runtime)?Exception: ([A-Z][A-Z_]+)(?::[ \t]*([^\n]*))?",
            name,
            true,
        ),
        p("grpc", r"\bStatusCode\.([A-Z][A-Z_]+)", name, false),
        p(
            "grpc",
            r#"\bstatus(?:Code)? ?= ?StatusCode\.([A-Z_]+)\b"#,
            name,
            false,
        ),
        p("grpc", r"\bError: (\d{1,2}) [A-Z_]+: ([^\n]*)", code, true),
        p(
            "grpc",
            r"(?m)^\s*Code: ([A-Z][A-Za-z]+)\s*\n\s*Message: ([^\n]*)",
            name,
            true,
        ),
        p("grpc", r"(?i)\bgrpc-status: (\d{1,2})\b", code, false),
        // errno: Python, Rust, Node, Go and C (`perror`) messages.
        p("errno", r"\[Errno (\d+)\] ([^:'\n\]]+)", code, true),
        p("errno", r"\(os error (\d+)\)", code, false),
        p(
            "errno",
            r#"\bOs \{ code: (\d+), kind: \w+, message: "([^"]*)" \}"#,
            code,
            true,
        ),
        p("errno", r"\b(E[A-Z][A-Z0-9]{1,14})\b", name, false),
        // PostgreSQL: the SQLSTATE as pgx, libpq, JDBC, drivers' attributes print it; class
        // names of psycopg, asyncpg and Ruby's pg.
        p(
            "postgres",
            r"\bSQLSTATE[ \t:=\[(]*([0-9A-Z]{5})\b",
            code,
            false,
        ),
        p(
            "postgres",
            r"\bSQL ?[Ss]tate:? ([0-9A-Z]{5})\b",
            code,
            false,
        ),
        p(
            "postgres",
            r#"\b(?:sqlstate|pgcode|sqlState)['"]?\s*[:=]\s*['"]?([0-9A-Z]{5})\b"#,
            code,
            false,
        ),
        p(
            "postgres",
            r"(?s)severity: '(?:ERROR|FATAL|PANIC)'.{0,400}?\bcode: '([0-9A-Z]{5})'",
            code,
            false,
        ),
        p("postgres", r"\bpsycopg2?\.errors\.([A-Z]\w+)", name, false),
        p(
            "postgres",
            r"\basyncpg\.exceptions\.([A-Z]\w+)",
            asyncpg_name,
            false,
        ),
        p("postgres", r"\bPG::([A-Z]\w+)", name, false),
        p(
            "postgres",
            r"\bERROR (\d[0-9A-Z]{4}) \(([a-z_]+)\)",
            code,
            false,
        ),
        // SQLite: symbols (Node, Go drivers), Python's exceptions with the library's message.
        p("sqlite", r"\b(SQLITE_[A-Z_]+)\b", name, false),
        p("sqlite", r"\bsqlite3\.\w+Error: ([^\n]+)", message, false),
        p("sqlite", r"\bSqliteError: ([^\n]+)", message, false),
        p("sqlite", r"\bextended_code: (\d+)", code, false),
        // curl: the tool, PHP's and Python's bindings.
        p("curl", r"\bcurl: \((\d{1,3})\) ([^\n]*)", code, true),
        p("curl", r"\bcURL error (\d{1,3}): ([^\n(]*)", code, true),
        p(
            "curl",
            r"\bpycurl\.error: \((\d{1,3}), '([^'\n]*)'",
            code,
            true,
        ),
    ]
});

/// The text after each `: ` up to the next quote, bracket, comma or line end: where Go, C's
/// `perror` and command-line tools put a library's message (`dial tcp ...: connect: connection
/// refused`, `open x: permission denied`). A quoted value (`"message": "..."`) is not one.
pub fn after_colons(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices(": ").filter_map(move |(at, _)| {
        let start = at + 2;
        let rest = &text[start..];
        if rest.starts_with(['"', '\'', ' ']) {
            return None;
        }
        let end = rest
            .find(['"', '\'', ')', '(', ']', ',', ';', '\n', '\r'])
            .unwrap_or(rest.len());
        let segment = rest[..end].trim_end();
        (segment.len() >= 4 && segment.len() <= 80).then_some((start, segment))
    })
}

/// Every printout in `text`, in the order they appear (several patterns may find the same
/// code; the decoder keeps one).
pub fn find(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    // The set is one pass for a log line; on a long text each pattern's own literal search
    // is faster than the set's automaton.
    let gated = text.len() <= 4096;
    let matching = if gated {
        SET.matches(text)
    } else {
        SET.matches("")
    };
    for (i, p) in PATTERNS.iter().enumerate() {
        if gated && !matching.matched(i) {
            continue;
        }
        for c in p.re.captures_iter(text) {
            let (Some(all), Some(key)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let message = p
                .message
                .then(|| c.get(2))
                .flatten()
                .map(|m| m.as_str().trim().to_string())
                .filter(|m| !m.is_empty());
            hits.push(Hit {
                family: p.family,
                key: (p.key)(key.as_str()),
                message,
                start: all.start(),
                end: all.end(),
            });
        }
    }
    hits.sort_by_key(|h| (h.start, h.end));
    hits
}

/// The known message of SQLite's constraint and common errors (what `sqlite3_errmsg` prints
/// begins with it) and the code it belongs to: the library's texts beyond `sqlite3_errstr`.
pub const SQLITE_MESSAGES: &[(&str, &str)] = &[
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
    use super::*;

    fn keys(text: &str) -> Vec<(&'static str, Key)> {
        find(text).into_iter().map(|h| (h.family, h.key)).collect()
    }

    #[test]
    fn every_pattern_compiles_and_finds_its_printout() {
        assert_eq!(
            keys("rpc error: code = Unavailable desc = connection error"),
            [("grpc", name("Unavailable"))]
        );
        assert_eq!(
            keys("io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded"),
            [("grpc", name("DEADLINE_EXCEEDED"))]
        );
        assert!(keys("\tstatus = StatusCode.NOT_FOUND\n").contains(&("grpc", name("NOT_FOUND"))));
        assert!(
            keys("ERROR:\n  Code: PermissionDenied\n  Message: no")
                .contains(&("grpc", name("PermissionDenied")))
        );
        assert!(keys("Error: 14 UNAVAILABLE: No connection").contains(&("grpc", code("14"))));
        assert_eq!(
            keys("FileNotFoundError: [Errno 2] No such file or directory: 'x'"),
            [("errno", code("2"))]
        );
        assert!(
            keys("Error: connect ECONNREFUSED 127.0.0.1:5432")
                .contains(&("errno", name("ECONNREFUSED")))
        );
        let segments: Vec<&str> =
            after_colons("dial tcp 1.2.3.4:5432: connect: connection refused)")
                .map(|(_, s)| s)
                .collect();
        assert_eq!(
            segments,
            ["connect: connection refused", "connection refused"]
        );
        assert_eq!(
            after_colons(r#"{"message": "permission denied"}"#).count(),
            0
        );
        assert!(keys("failed (os error 111)").contains(&("errno", code("111"))));
        assert!(
            keys("ERROR: duplicate key (SQLSTATE 23505)").contains(&("postgres", code("23505")))
        );
        assert!(
            keys("psycopg2.errors.UniqueViolation: duplicate")
                .contains(&("postgres", name("UniqueViolation")))
        );
        assert!(
            keys("asyncpg.exceptions.UniqueViolationError: dup")
                .contains(&("postgres", name("UniqueViolation")))
        );
        assert!(keys("SQL state: 42P01").contains(&("postgres", code("42P01"))));
        assert!(keys("code: 'SQLITE_BUSY'").contains(&("sqlite", name("SQLITE_BUSY"))));
        assert!(
            keys("sqlite3.OperationalError: database is locked")
                .contains(&("sqlite", message("database is locked")))
        );
        assert_eq!(
            keys("curl: (28) Operation timed out after 5001 milliseconds"),
            [("curl", code("28"))]
        );
    }
}
