#!/usr/bin/env python3
"""Build catalogs/postgres.json, the PostgreSQL SQLSTATE catalog.

Reads  catalogs/tools/sources/postgresql-errcodes.txt  (PostgreSQL's errcodes.txt: lines
       `sqlstate E/W/S ERRCODE_macro [condition_name]` grouped by `Section:` lines) and
       catalogs/tools/postgres_annotations.json  (hand-written: SQLSTATE -> summary_en, kind, retry).
Writes catalogs/postgres.json: one entry per distinct SQLSTATE, in order of first occurrence.
A SQLSTATE listed twice (a second macro) becomes one entry whose aliases hold both macros.

    python3 catalogs/tools/build_postgres.py           # build and write
    python3 catalogs/tools/build_postgres.py --check   # exit 1 if catalogs/postgres.json is stale
"""

import re
import sys
from collections import Counter

import common

SOURCE = common.SOURCES / "postgresql-errcodes.txt"

# Counts stated in sources/README.md.
EXPECTED = {"lines": 268, "codes": 262, "classes": 43, "S": 1, "W": 10, "E": 257,
            "double_macro": 6, "condition_names": 257, "shared_names": 5}
SUBCATEGORY = {"E": "error", "W": "warning", "S": "success"}


LINE = re.compile(r"^([0-9A-Z]{5})\s+([EWS])\s+(ERRCODE_[A-Z0-9_]+)(?:\s+([a-z0-9_]+))?\s*$")


def parse():
    """Return (code lines, entries by SQLSTATE in first-seen order) from errcodes.txt."""
    lines, entries, section = [], {}, None
    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        if raw.startswith("Section: "):
            section = raw[len("Section: "):].strip()
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        m = LINE.match(raw)
        if not m:
            common.fail(f"unparsed line: {raw!r}")
        code, ews, macro, name = m.groups()
        lines.append((code, ews, macro, name))
        e = entries.get(code)
        if e is None:  # the first line of a code gives its class (section) and E/W/S
            e = entries[code] = {"code": code, "symbol": None, "aliases": [], "section": section,
                                 "ews": ews}
        elif e["ews"] != ews:
            common.fail(f"{code}: E/W/S differs between its lines")
        e["aliases"].append(macro)
        if name:
            if e["symbol"]:
                common.fail(f"{code}: two condition names")
            e["symbol"] = name
    return lines, entries


def check_counts(lines, entries):
    by_ews = Counter(ews for _, ews, _, _ in lines)
    names = Counter(e["symbol"] for e in entries.values() if e["symbol"])
    got = {"lines": len(lines), "codes": len(entries),
           "classes": len({c[:2] for c in entries}), **{k: by_ews[k] for k in "SWE"},
           "double_macro": sum(len(e["aliases"]) == 2 for e in entries.values()),
           "condition_names": len(names), "shared_names": sum(n == 2 for n in names.values())}
    if got != EXPECTED:
        common.fail(f"counts differ from the sources README: expected {EXPECTED}, got {got}")
    return sum(e["symbol"] is None for e in entries.values())


def build():
    lines, entries = parse()
    no_symbol = check_counts(lines, entries)
    ann = common.judgements("postgres", list(entries), kind_required=True)
    out = []
    for code, e in entries.items():
        out.append(common.entry(code, symbol=e["symbol"], aliases=e["aliases"],
                                category=e["section"], subcategory=SUBCATEGORY[e["ews"]],
                                **ann[code]))
    null_kinds = [x["code"] for x in out if x["kind"] is None]
    notes = [
        f"{len(out)} SQLSTATEs from {len(lines)} code lines in {EXPECTED['classes']} classes; "
        "the code set is PostgreSQL 18's (19beta2 has the same), and compared with 17 it adds "
        "10608 and 58P03.",
        "Six SQLSTATEs have a second ERRCODE_ macro without a condition name (2202E, 22008, "
        "26000, 34000, 3D000, 3F000); the two lines are merged and both macros are in aliases.",
        "Five condition names belong to two SQLSTATEs each (string_data_right_truncation, "
        "null_value_not_allowed, modifying_sql_data_not_permitted, "
        "prohibited_sql_statement_attempted, reading_sql_data_not_permitted), so such a "
        "symbol matches two entries.",
        "message is null throughout: PostgreSQL prints no fixed text per SQLSTATE.",
        "category is the class title of the code's Section line; subcategory is the file's "
        "E/W/S column.",
        f"Entries without a condition name (symbol null): {no_symbol}; entries without a kind: "
        f"{len(null_kinds)}.",
        "P0001 raise_exception carries whatever error a PL/pgSQL function raised; its kind "
        "(precondition) is a best guess for an application rule refusing the operation.",
    ]
    return common.catalog("postgres", out, notes)


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
