//! PostgreSQL by its words: the server's message templates (`catalogs/postgres-messages.tsv`,
//! built from PostgreSQL's source by `catalogs/tools/build_postgres_messages.py`) name the
//! SQLSTATE of an error printed without one, as psql, JDBC, Rails, Django, SQLAlchemy, node-postgres,
//! lib/pq and Prisma print them (`ERROR:  duplicate key value violates unique constraint
//! "users_email_key"` is 23505).
//!
//! Each template is found from its first literal run of six bytes or more (one pass of
//! Aho-Corasick over the text), then matched from there with its placeholders bounded, at most
//! sixteen anchors a line, so the work is linear in the text. A template of few words (`deadlock detected`, `division by zero`)
//! counts only where the line shows PostgreSQL before it (`ERROR:`, `PG::`, `psycopg`, ...).

use super::super::extract::line_start_within;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

const DATA: &str = include_str!("../../../catalogs/postgres-messages.tsv");

/// The longest text one placeholder stands for (PostgreSQL's names are at most 63 bytes;
/// key values and type lists run longer).
const PLACEHOLDER_BYTES: usize = 128;
/// An anchor is a literal run of at least this many bytes.
const ANCHOR_BYTES: usize = 6;
/// Anchors tried per line at most.
const MAX_TRIED_PER_LINE: usize = 16;
/// How far back a line is searched for a sign of PostgreSQL, and for the start of a message
/// whose template begins with a placeholder.
const LOOK_BACK: usize = 160;

/// One message found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// Every SQLSTATE raised with this text (`role "%s" does not exist` is 28000 at login and
    /// 42704 in SQL), in the data's order.
    pub sqlstates: Vec<&'static str>,
}

struct Template {
    sqlstates: Vec<&'static str>,
    /// From the anchor to the end of the template, anchored at the start: its source, and the
    /// regex compiled when the anchor is first seen (most pastes need none of them).
    source: String,
    rest: std::sync::OnceLock<Option<Regex>>,
    /// Bytes of the template before its anchor (a placeholder, a quote): the message starts
    /// that far back, or at the start of the line's last clause when a placeholder is there.
    before: usize,
    leading_placeholder: bool,
    /// Literal bytes in all: the most specific template wins where several match.
    literal: usize,
    /// Few words: needs a sign of PostgreSQL on its line.
    needs_context: bool,
    /// Ends with `failed: ` (libpq's connection prefix): the server's message after it, when
    /// there is one, is matched instead.
    prefix_only: bool,
}

struct Templates {
    list: Vec<Template>,
    anchors: AhoCorasick,
    /// For each anchor, the templates it starts.
    by_anchor: Vec<Vec<usize>>,
}

/// Placeholders: `%s`, `%m`, `%d`, `%u`, `%zu`, `%ld`, `%lu`, `%c`.
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"%(?:zu|ld|lu|[sdumc])").expect("tested"));

static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| {
    let mut merged: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for line in DATA.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let Some((sqlstate, template)) = line.split_once('\t') else {
            continue;
        };
        match merged.iter_mut().find(|(t, _)| *t == template) {
            Some((_, states)) => states.push(sqlstate),
            None => merged.push((template, vec![sqlstate])),
        }
    }
    let mut list = Vec::new();
    let mut anchor_texts: Vec<String> = Vec::new();
    let mut by_anchor: Vec<Vec<usize>> = Vec::new();
    for (template, sqlstates) in merged {
        let Some((t, anchor)) = compile(template, sqlstates) else {
            continue;
        };
        let a = match anchor_texts.iter().position(|x| *x == anchor) {
            Some(a) => a,
            None => {
                anchor_texts.push(anchor);
                by_anchor.push(Vec::new());
                anchor_texts.len() - 1
            }
        };
        by_anchor[a].push(list.len());
        list.push(t);
    }
    Templates {
        list,
        anchors: AhoCorasick::new(&anchor_texts).expect("anchors are plain text"),
        by_anchor,
    }
});

/// A template's matcher and the anchor it is found from.
fn compile(template: &'static str, sqlstates: Vec<&'static str>) -> Option<(Template, String)> {
    // Literal runs and the placeholders between them.
    let mut runs: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for m in PLACEHOLDER.find_iter(template) {
        runs.push((at, &template[at..m.start()]));
        at = m.end();
    }
    runs.push((at, &template[at..]));
    let (anchor_at, anchor) = runs
        .iter()
        .copied()
        .find(|(_, r)| r.replace("\\n", "").replace("\\t", "").trim().len() >= ANCHOR_BYTES)?;
    // From the anchor on, as a regex anchored at its start.
    let tail = &template[anchor_at..];
    let mut re = String::from(r"\A");
    let mut last = 0;
    let text_placeholder = format!("[^\\n]{{1,{PLACEHOLDER_BYTES}}}?");
    for m in PLACEHOLDER.find_iter(tail) {
        re.push_str(&literal(&tail[last..m.start()]));
        re.push_str(match m.as_str() {
            "%s" | "%m" => &text_placeholder,
            "%c" => "[^\\n]",
            _ => "-?[0-9]{1,20}",
        });
        last = m.end();
    }
    re.push_str(&literal(&tail[last..]));
    let literal_text = PLACEHOLDER.replace_all(template, " ");
    let words = literal_text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    let quoted = template.contains("\"%s\"");
    let t = Template {
        sqlstates,
        rest: std::sync::OnceLock::new(),
        source: re,
        before: anchor_at,
        leading_placeholder: anchor_at > 0 && template[..anchor_at].contains('%'),
        literal: literal_text.replace(' ', "").len(),
        needs_context: !(words >= 4 || (words >= 2 && quoted)),
        prefix_only: template.ends_with("failed: "),
    };
    // The anchor as it appears in text: `\n` and `\t` are whitespace of any kind there, so
    // the anchor stops before one.
    let printed = anchor.split("\\n").next().unwrap_or(anchor);
    let printed = printed.split("\\t").next().unwrap_or(printed);
    (printed.trim().len() >= ANCHOR_BYTES).then(|| (t, printed.to_string()))
}

/// A literal run as a regex: `\n` and `\t` (as the source writes them) are any whitespace.
fn literal(run: &str) -> String {
    let mut out = String::new();
    for (i, part) in run.split("\\n").enumerate() {
        if i > 0 {
            out.push_str(r"\s+");
        }
        for (j, piece) in part.split("\\t").enumerate() {
            if j > 0 {
                out.push_str(r"\s*");
            }
            out.push_str(&regex::escape(piece));
        }
    }
    out
}

/// Words before a message on its line that show it is PostgreSQL's.
const CONTEXT: &[&str] = &[
    "ERROR:",
    "FATAL:",
    "PANIC:",
    "DETAIL:",
    "Detail:",
    "HINT:",
    "pq:",
    "PSQLException",
    "PG::",
    "psycopg",
    "postgres",
    "Postgres",
    "PostgreSQL",
    "SQLSTATE",
    "sqlalchemy",
    "django.db",
    "ActiveRecord",
    "asyncpg",
    "Npgsql",
    "prisma",
    "Prisma",
];

/// Every PostgreSQL message in `text`, in order; where several templates match at one place,
/// the most specific.
pub fn find(text: &str) -> Vec<Found> {
    find_with(text, true)
}

/// [`find`]; without `context`, short templates count without a sign of PostgreSQL (for a
/// message already found with one).
fn find_with(text: &str, context: bool) -> Vec<Found> {
    let t = &*TEMPLATES;
    let b = text.as_bytes();
    let mut found: Vec<(Found, usize, bool)> = Vec::new();
    // Anchors tried on the current line: a line holds a message or two, and a line that repeats
    // an anchor a million times must not cost a million matches.
    let (mut scanned, mut tried) = (0, 0);
    for m in t.anchors.find_overlapping_iter(text) {
        let at = m.start();
        if at > scanned {
            if memchr::memrchr(b'\n', &b[scanned..at]).is_some() {
                tried = 0;
            }
            scanned = at;
        }
        if tried >= MAX_TRIED_PER_LINE {
            continue;
        }
        tried += 1;
        let line_start = line_start_within(text, at, LOOK_BACK);
        for &i in &t.by_anchor[m.pattern().as_usize()] {
            let tpl = &t.list[i];
            let Some(start) = message_start(text, line_start, at, tpl) else {
                continue;
            };
            let rest = tpl.rest.get_or_init(|| Regex::new(&tpl.source).ok());
            let Some(end) = window_end(text, at)
                .zip(rest.as_ref())
                .and_then(|(w, re)| re.find(&text[at..w]))
            else {
                continue;
            };
            let before = text.get(line_start..start).unwrap_or("");
            if context && tpl.needs_context && !CONTEXT.iter().any(|c| before.contains(c)) {
                continue;
            }
            let f = Found {
                start,
                end: at + end.end(),
                sqlstates: tpl.sqlstates.clone(),
            };
            found.push((f, tpl.literal, tpl.prefix_only));
        }
    }
    found.sort_by_key(|(f, literal, _)| (f.start, std::cmp::Reverse(*literal)));
    // One message per place: the most specific of those overlapping it. libpq's connection
    // prefix gives way to the server's message after it on its line.
    let mut out: Vec<Found> = Vec::new();
    let mut prefix_open: Option<usize> = None;
    for (f, _, prefix_only) in found {
        if out.last().is_some_and(|o| f.start < o.end) {
            continue;
        }
        if let Some(p) = prefix_open.take() {
            let same_line = !text[out[p].end..f.start].contains('\n');
            if same_line {
                out.remove(p);
            }
        }
        if prefix_only {
            prefix_open = Some(out.len());
        }
        out.push(f);
    }
    out
}

/// Where the message of `tpl`, anchored at `at`, starts: the bytes before its anchor, or for a
/// template that begins with a placeholder, the start of the line's last clause before it.
fn message_start(text: &str, line_start: usize, at: usize, tpl: &Template) -> Option<usize> {
    if !tpl.leading_placeholder {
        let start = at.checked_sub(tpl.before)?;
        return (start >= line_start && text.is_char_boundary(start)).then_some(start);
    }
    let head = text.get(line_start..at)?;
    let clause = head.rfind(": ").map_or(0, |p| p + 2);
    let spaces = head[clause..].len() - head[clause..].trim_start().len();
    let start = line_start + clause + spaces;
    (start < at).then_some(start)
}

/// The end of the bytes a match from `at` may take (a char boundary).
fn window_end(text: &str, at: usize) -> Option<usize> {
    let end = super::super::extract::floor_boundary(text, at + 1024);
    (end > at).then_some(end)
}

/// The SQLSTATEs of one message (as [`find`] found it), for looking its rows up.
pub fn sqlstates_of(message: &str) -> Vec<&'static str> {
    find_with(message, false)
        .into_iter()
        .next()
        .map(|f| f.sqlstates)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that each text holds one message of the server, raised with these SQLSTATEs
    /// (none at all for `&[]`); a failure names the text.
    fn check_codes(cases: &[(&str, &[&str])]) {
        for &(text, sqlstates) in cases {
            let found: Vec<Vec<&str>> = find(text).into_iter().map(|f| f.sqlstates).collect();
            let want: Vec<&[&str]> = if sqlstates.is_empty() {
                vec![]
            } else {
                vec![sqlstates]
            };
            assert_eq!(found, want, "{text}");
        }
    }

    #[test]
    fn the_server_s_words_name_their_sqlstate() {
        check_codes(&[
            (
                r#"ERROR:  duplicate key value violates unique constraint "users_email_key""#,
                &["23505"],
            ),
            (r#"pq: relation "orders" does not exist"#, &["42P01"]),
            (
                "could not serialize access due to concurrent update",
                &["40001"],
            ),
            (
                r#"ERROR:  null value in column "email" of relation "users" violates not-null constraint"#,
                &["23502"],
            ),
            // The wording of servers before 13.
            (
                r#"ERROR: null value in column "email" violates not-null constraint"#,
                &["23502"],
            ),
            (
                r#"FATAL:  password authentication failed for user "app""#,
                &["28P01"],
            ),
            ("FATAL:  sorry, too many clients already", &["53300"]),
            (
                "ERROR:  canceling statement due to statement timeout",
                &["57014"],
            ),
            // One text, two codes.
            (r#"FATAL:  role "app" does not exist"#, &["28000", "42704"]),
        ]);
    }

    #[test]
    fn short_templates_need_postgresql_on_their_line() {
        check_codes(&[
            ("ERROR:  deadlock detected", &["40P01"]),
            (
                "PG::TRDeadlockDetected: ERROR:  deadlock detected",
                &["40P01"],
            ),
            ("ZeroDivisionError: division by zero", &[]),
            ("we detected a deadlock detected twice", &[]),
        ]);
    }

    #[test]
    fn the_most_specific_template_and_the_server_s_message_win() {
        check_codes(&[
            (r#"ERROR:  syntax error at or near "FROM""#, &["42601"]),
            (
                r#"psql: error: connection to server at "db" (10.0.0.5), port 5432 failed: FATAL:  database "shop" does not exist"#,
                &["3D000"],
            ),
            (
                r#"connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused"#,
                &["08001"],
            ),
        ]);
    }

    #[test]
    fn every_template_compiles() {
        for t in &TEMPLATES.list {
            assert!(Regex::new(&t.source).is_ok(), "{}", t.source);
        }
        assert!(TEMPLATES.list.len() >= 240, "{}", TEMPLATES.list.len());
    }

    #[test]
    fn a_leading_placeholder_takes_the_line_s_last_clause() {
        let text = "ERROR:  CREATE DATABASE cannot run inside a transaction block";
        let f = &find(text)[0];
        assert_eq!(
            &text[f.start..],
            "CREATE DATABASE cannot run inside a transaction block"
        );
        assert_eq!(f.sqlstates, ["25001"]);
    }
}
