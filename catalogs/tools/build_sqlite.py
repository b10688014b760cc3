#!/usr/bin/env python3
"""Build catalogs/sqlite.json, the SQLite result codes (standard family "sqlite").

Reads (see catalogs/tools/sources/README.md):
  sources/sqlite-result-codes.txt  the result-code blocks of sqlite3.h (SQLite 3.53.4): 31 primary
      codes as literals, 82 extended codes as expressions `(SQLITE_X | (n<<8))`, evaluated here.
  sources/sqlite-errstr.tsv        code, name, sqlite3_errstr() text of SQLite 3.40.1.
  sqlite_annotations.json          hand-written: code -> {symbol (checked against the header),
      summary_en, kind, retry}.
Writes catalogs/sqlite.json (entries in header order).

    python3 catalogs/tools/build_sqlite.py          # build and write
    python3 catalogs/tools/build_sqlite.py --check  # exit 1 if catalogs/sqlite.json is stale
"""

import re
import sys

import common

HEADER = common.SOURCES / "sqlite-result-codes.txt"
ERRSTR = common.SOURCES / "sqlite-errstr.tsv"

PRIMARY_RE = re.compile(r"#define (SQLITE_\w+)\s+(\d+)\s*(?:/\*\s*(.*?)\s*\*/)?$")
EXTENDED_RE = re.compile(
    r"#define (SQLITE_\w+)\s+\((SQLITE_\w+)\s*\|\s*\((\d+)<<8\)\)\s*(?:/\*\s*(.*?)\s*\*/)?$")
UNKNOWN = "unknown error"


def parse_header():
    """[(symbol, number, primary number or None, header comment or None)] in header order."""
    codes, values = [], {}
    for line in HEADER.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#define"):
            continue
        if m := PRIMARY_RE.fullmatch(line):
            name, number, primary, comment = m[1], int(m[2]), None, m[3]
        elif m := EXTENDED_RE.fullmatch(line):
            primary = values[m[2]]  # KeyError if the base is not a primary code defined above
            name, number, comment = m[1], primary | (int(m[3]) << 8), m[4]
        else:
            common.fail(f"unparsed #define: {line!r}")
        if name in values or number in values.values():
            common.fail(f"duplicate name or number: {line!r}")
        values[name] = number
        codes.append((name, number, primary, comment))
    return codes


def build():
    codes = parse_header()
    errstr = {int(r["code"]): (r["name"], r["errstr"]) for r in common.read_tsv(ERRSTR)}
    primary = [c for c in codes if c[2] is None]
    # Counts stated in sources/README.md.
    counts = (len(codes), len(primary), len(errstr))
    assert counts == (113, 31, 113), counts
    assert {n for _, n, _, _ in codes} == set(errstr), "header and errstr.tsv differ in numbers"
    for name, number, base, _ in codes:
        assert errstr[number][0] == name, (number, name, errstr[number][0])
    # The README says extended codes share their primary code's text; one does not.
    own_text = [n for _, n, b, _ in codes if b is not None and errstr[n][1] != errstr[b][1]]
    assert own_text == [516], own_text
    assert sorted(n for n, (_, s) in errstr.items() if s == UNKNOWN) == [2, 16, 22, 24]

    symbols = {str(n): name for name, n, _, _ in codes}
    notes = common.judgements("sqlite", list(symbols), symbols=symbols)

    entries = []
    for _, number, base, comment in codes:
        # The header's comments are the library's own sentences: not copied.
        entries.append(common.entry(
            number,
            maps_to=[] if base is None else [{"vendor": "sqlite", "code": str(base)}],
            category="primary result code" if base is None else "extended result code",
            message=errstr[number][1],
            obsolete=bool(comment) and comment.lower() == "not used",
            **notes[str(number)],
        ))

    obsolete = [e["symbol"] for e in entries if e.get("obsolete")]
    assert obsolete == ["SQLITE_FORMAT", "SQLITE_CANTOPEN_DIRTYWAL"], obsolete
    no_kind = [e["symbol"] for e in entries if e["kind"] is None]
    assert no_kind == obsolete, no_kind
    return common.catalog("sqlite", entries, notes=[
        f"{len(entries)} result codes of sqlite3.h (SQLite 3.53.4): {len(primary)} primary and "
        f"{len(entries) - len(primary)} extended; an extended code is its primary code plus a "
        "multiple of 256, and maps_to names that primary code.",
        "message is the text sqlite3_errstr() returns in SQLite 3.40.1 (Debian 12), which is what "
        "drivers print; extended codes get their primary code's text, except "
        "SQLITE_ABORT_ROLLBACK (516, \"abort due to ROLLBACK\" where SQLITE_ABORT has "
        "\"query aborted\").",
        "SQLite 3.40.1 returns \"unknown error\" for 2 (SQLITE_INTERNAL), 16 (SQLITE_EMPTY), "
        "22 (SQLITE_NOLFS) and 24 (SQLITE_FORMAT), codes it does not return as errors; that text "
        "is kept because it is what the library prints.",
        "SQLITE_ERROR_RESERVESIZE, SQLITE_ERROR_KEY, SQLITE_ERROR_UNABLE, SQLITE_IOERR_BADKEY and "
        "SQLITE_IOERR_CODEC (new in 3.51.0) have no comment in sqlite3.h; their summaries and "
        "kinds are judged from their names.",
        f"{len(no_kind)} entries have no kind and no retry advice: {' and '.join(no_kind)}, "
        "which sqlite3.h marks as not used (obsolete).",
        "SQLITE_OK, SQLITE_ROW, SQLITE_DONE, SQLITE_OK_LOAD_PERMANENTLY and SQLITE_OK_SYMLINK are "
        "not errors (kind ok); SQLITE_NOTICE, SQLITE_WARNING and their extended codes are "
        "log notices (kind warning).",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
