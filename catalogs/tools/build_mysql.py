#!/usr/bin/env python3
"""Build catalogs/mysql.json, the MySQL/MariaDB server and client error numbers (standard family
"mysql").

Reads (see catalogs/tools/sources/README-fam-platform.md):
  sources/mysql-errors.tsv   code, name, kind, header: every #define of MariaDB 10.11's
      mysqld_error.h and errmsg.h, names and numbers only (the message texts are GPL and not used).
  mysql_annotations.json     hand-written: number -> {summary_en, kind, retry}, and `_rules` that
      give the kind of the numbers not judged by hand.
Writes catalogs/mysql.json: one entry per number, in numeric order. Range markers
(ER_ERROR_FIRST, CR_MIN_ERROR...) are aliases of the error with their number, or an entry of
their own where no error has it.

    python3 catalogs/tools/build_mysql.py          # build and write
    python3 catalogs/tools/build_mysql.py --check  # exit 1 if catalogs/mysql.json is stale
"""

import sys
from collections import Counter

import common
from judged import Judge

SOURCE = common.SOURCES / "mysql-errors.tsv"

# The counts sources/README-fam-platform.md states.
COUNTS = {"server-error": 1174, "server-warning": 14, "unused": 29, "client-error": 42,
          "connector-c-error": 26, "marker": 17}
ROWS = 1302
CATEGORY = {
    "server-error": "server error",
    "server-warning": "server warning",
    "unused": "unused number",
    "client-error": "client error",
    "connector-c-error": "Connector/C error",
    "marker": "range marker",
}
SUMMARIES = 150


def read_source():
    """{number: [row, ...]} with the source's rows of each number."""
    rows = common.read_tsv(SOURCE)
    counts = Counter(r["kind"] for r in rows)
    if len(rows) != ROWS or counts != COUNTS:
        common.fail(f"{len(rows)} rows {dict(counts)}: the source changed")
    if len({r["name"] for r in rows}) != ROWS:
        common.fail("a name twice")
    return common.grouped(rows, lambda r: int(r["code"]))


def build():
    by_number = read_source()
    codes = [str(n) for n in sorted(by_number)]
    judge = Judge("mysql", codes)
    entries = []
    for n in sorted(by_number):
        rows, code = by_number[n], str(n)
        named = [r for r in rows if r["kind"] != "marker"]
        if len(named) > 1:
            common.fail(f"{n}: two errors {[r['name'] for r in named]}")
        primary = named[0] if named else rows[0]
        judged = primary["kind"] not in ("unused", "marker")
        if not judged and code in judge.notes:
            common.fail(f"{n}: annotated, but {primary['name']} is {primary['kind']}")
        # An unused number or a lone marker has no summary, kind or retry advice.
        judgement = judge.judgement(code, primary["name"]) if judged else {}
        entries.append(common.entry(
            code,
            symbol=primary["name"],
            aliases=[r["name"] for r in rows if r is not primary],
            category=CATEGORY[primary["kind"]],
            subcategory=primary["header"],
            obsolete=primary["kind"] == "unused",
            **judgement,
        ))
    summarised = sum(1 for e in entries if e["summary_en"])
    if summarised < SUMMARIES:
        common.fail(f"only {summarised} summaries")
    no_kind = [e for e in entries if e["kind"] is None]
    unused = [e["code"] for e in no_kind if e.get("obsolete")]
    markers = [f"{e['code']} {e['symbol']}" for e in no_kind if not e.get("obsolete")]
    as_alias = sum(len(e["aliases"]) for e in entries)
    kinds = Counter(e["kind"] for e in entries if e["kind"])
    return common.catalog("mysql", entries, notes=[
        f"{len(entries)} numbers from {ROWS} #defines of MariaDB 10.11 (Debian 12 libmariadb-dev "
        f"10.11.19): {COUNTS['server-error']} server errors and {COUNTS['server-warning']} "
        f"WARN_ warnings (1000-4192, mysqld_error.h), {COUNTS['unused']} ER_UNUSED_ "
        f"placeholders (marked obsolete), {COUNTS['client-error']} client errors (2000-2061) and "
        f"{COUNTS['connector-c-error']} Connector/C errors (5000-5026, errmsg.h), and "
        f"{COUNTS['marker']} range markers. Names and numbers only: the message texts are GPL, so "
        "message is null and every summary is our own.",
        f"Range markers (ER_ERROR_FIRST, ER_ERROR_LAST_SECTION_n, CR_MIN_ERROR, "
        f"CR_MYSQL_LAST_ERROR...) share their number with an error and are listed among its "
        f"aliases ({as_alias} aliases in all); {', '.join(markers)} have no error of their own "
        "and are entries of their own.",
        f"{len(no_kind)} entries have no kind or retry advice: the {len(unused)} unused numbers "
        f"(never sent) and the {len(markers)} marker-only numbers.",
        "MySQL and MariaDB share the numbers 1000 to about 1800 and the client numbers 2000-2061; "
        "above that they differ: the numbers 1900-1982, 3000-3060 and 4000-4192 here are "
        "MariaDB's, while MySQL 5.7/8 gives 3000+ other meanings and has MY-01xxxx server codes.",
        "No SQLSTATE: the source has none (MariaDB's per-error SQLSTATE table is GPL and no "
        "permissively licensed list was found), so none is given here, neither in subcategory nor "
        "in aliases. No errno either: client error 2002/2003 prints the OS errno in parentheses "
        "(\"Can't connect to MySQL server on 'db' (111)\"), but that number belongs to the "
        "printout, not to the error, so no maps_to link is made.",
        f"summary_en is hand-written for {summarised} numbers developers meet most: the errors "
        "that fill Q&A sites and issue trackers (access denied, duplicate entry, deadlock and "
        "lock waits, unknown table or column, syntax, foreign keys, collations, strict-mode "
        "conversions, gone-away and lost connections, too many connections, TLS and "
        "authentication plugins), chosen from experience of what MySQL/MariaDB clients print. "
        "The rest show only their name.",
        f"kind and retry: {judge.by_hand} by hand; the other {judge.by_rule} by rules on the "
        "name, first match wins (mysql_annotations.json _rules): WARN -> warning; _INFO -> ok; "
        "DEADLOCK -> conflict with backoff; TIMEOUT -> timeout; DENIED -> permission; PASSWORD, "
        "AUTH_PLUGIN -> auth; NO_SUCH, NOT_FOUND, DOES_NOT_EXIST, UNKNOWN_<object> -> not_found; "
        "EXISTS, DUP, ALREADY -> conflict; NET_, CONNECTION, SOCKET, SSL -> network; KILLED, "
        "INTERRUPTED -> cancelled; SHUTDOWN -> unavailable; INVALID_, WRONG_ -> validation; FULL, "
        "TOO_MANY, LIMIT -> quota; NOT_SUPPORTED -> unsupported; CRASHED, CORRUPT, FAIL, FATAL -> "
        "internal; GTID, SLAVE, MASTER, BINLOG, TRANSACTION, LOCKED -> precondition; CANT_ and "
        "other engine words -> internal; anything else -> validation. "
        "Kinds: " + ", ".join(f"{k} {c}" for k, c in kinds.most_common()) + ".",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
