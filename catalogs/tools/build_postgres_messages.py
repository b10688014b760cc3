#!/usr/bin/env python3
"""Build catalogs/postgres-messages.tsv, PostgreSQL's message templates by SQLSTATE, which the
decoder embeds to find the code of an error printed without one (psql prints
`ERROR:  duplicate key value violates unique constraint "users_email_key"` and no SQLSTATE).

Reads  catalogs/tools/sources/postgresql-messages.tsv  (see sources/README.md)
       catalogs/postgres.json                           (every SQLSTATE must be one of its codes)
Writes catalogs/postgres-messages.tsv: a comment line, a header, then one row per (sqlstate,
template), sorted by SQLSTATE then template. A template keeps its printf placeholders (`%s`,
`%d`, `%u`, `%zu`, `%c`, `%m`) and `\\n`/`\\t` as two characters each, as the source writes them.

Beside the source's rows come facts its README states: the wordings older servers print
(PostgreSQL 12 and before: `null value in column "%s" violates not-null constraint`), and the
DETAIL and HINT lines that, across the whole source, go with one code only.

    python3 catalogs/tools/build_postgres_messages.py           # build and write
    python3 catalogs/tools/build_postgres_messages.py --check   # exit 1 if the file is stale
"""

import sys

import common

SOURCE = common.SOURCES / "postgresql-messages.tsv"
CODES = common.CATALOGS / "postgres.json"
OUT = common.CATALOGS / "postgres-messages.tsv"

# Counts stated in sources/README.md.
EXPECTED = {"rows": 231, "templates": 227, "sqlstates": 68}
KINDS = {"errmsg", "errmsg_plural", "libpq"}

# The wording of servers before the source's commit, from the source's README ("Wording changes
# noticed between versions"): what older servers still print.
OLDER_WORDINGS = [
    ("23502", 'null value in column "%s" violates not-null constraint'),
    ("53300", "remaining connection slots are reserved for non-replication superuser connections"),
    ("54000", 'database is not accepting commands to avoid wraparound data loss in database "%s"'),
    ("08001", "could not connect to server: %s"),
]

# DETAIL and HINT lines that go with one code only, from the source's README.
DETAILS = [
    ("23505", "Key %s already exists."),
    ("23503", 'Key (%s)=(%s) is not present in table "%s".'),
    ("23503", 'Key (%s)=(%s) is still referenced from table "%s".'),
    ("23P01", "Key %s conflicts with existing key %s."),
    ("53200", 'Failed on request of size %zu in memory context "%s".'),
    ("40001", "The transaction might succeed if retried."),
    ("40P01", "See server log for query details."),
    ("42883", "No function matches the given name and argument types. "
              "You might need to add explicit type casts."),
    ("42809", "To call a procedure, use CALL."),
    ("22008", 'Perhaps you need a different "datestyle" setting.'),
]

HEADER = ("# PostgreSQL error message templates by SQLSTATE. Built by "
          "catalogs/tools/build_postgres_messages.py from "
          "catalogs/tools/sources/postgresql-messages.tsv (PostgreSQL License); do not edit.")


def build():
    rows = common.read_tsv(SOURCE)
    codes = {e["code"] for e in common.read_json(CODES)["entries"]}
    pairs = set()
    for r in rows:
        if r["kind"] not in KINDS:
            common.fail(f"unknown kind {r['kind']!r}")
        if r["sqlstate"] not in codes:
            common.fail(f"{r['sqlstate']} is not in postgres.json")
        template = r["template"]
        if "\t" in template or "\n" in template or not template.strip():
            common.fail(f"{r['sqlstate']}: bad template {template!r}")
        pairs.add((r["sqlstate"], template))
    counts = {"rows": len(rows), "templates": len({t for _, t in pairs}),
              "sqlstates": len({s for s, _ in pairs})}
    if counts != EXPECTED:
        common.fail(f"counts {counts}, README says {EXPECTED}")
    for sqlstate, template in OLDER_WORDINGS + DETAILS:
        if sqlstate not in codes:
            common.fail(f"{sqlstate} is not in postgres.json")
        pairs.add((sqlstate, template))
    lines = [HEADER, "sqlstate\ttemplate"]
    lines += [f"{s}\t{t}" for s, t in sorted(pairs)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(common.run(sys.argv, lambda: {OUT: build()}))
