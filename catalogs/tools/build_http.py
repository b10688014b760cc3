#!/usr/bin/env python3
"""Build catalogs/http.json, the HTTP status code catalog (edition "rfc9110").

Reads (stdlib only):
  catalogs/tools/sources/http-status.tsv          the 63 codes: code, reason_phrase, defining_spec,
      registry_status, comment.  Gives code, message, subcategory, obsolete and the aliases (the
      earlier reason phrases the comment column quotes).
  catalogs/tools/sources/rfc9110-status-codes.txt only its class headings ("15.2.  Informational
      1xx", used as category) and Table 8 (cross-checked against the TSV's RFC 9110 rows).
  catalogs/tools/http_annotations.json            hand-written: code -> summary_en, kind, retry.
  catalogs/kinds.json                             to check kind, retry and kind/http_status pairs.
Writes catalogs/http.json.

    python3 catalogs/tools/build_http.py           # build and write
    python3 catalogs/tools/build_http.py --check   # exit 1 if catalogs/http.json is not up to date
"""

import re
import sys

import common

TSV = common.SOURCES / "http-status.tsv"
RFC = common.SOURCES / "rfc9110-status-codes.txt"

# Counts stated by sources/README.md.
EXPECTED_TOTAL, EXPECTED_RFC9110, EXPECTED_UNUSED, EXPECTED_RFC9110_TABLE = 63, 46, 2, 46
EXPECTED_OTHER = {"102", "103", "207", "208", "226", "423", "424", "425", "428", "429", "431",
                  "451", "506", "507", "508", "510", "511"}
EXPECTED_OBSOLETED = {"510"}

# An earlier name the comment column quotes: 'name was "X"', 'as "X"', 'phrase: "X"'.
ALIAS_RE = re.compile(r'(?:name was|as|phrase:) "([^"]+)"')


def read_rfc():
    """(class digit -> class title, {code: (phrase, section)} from Table 8)."""
    text = RFC.read_text(encoding="utf-8")
    classes = dict((m[2], m[1]) for m in re.finditer(r"^15\.\d\.  (\w[\w ]* ([1-5])xx)$", text, re.M))
    table = text[text.index("   Value  Description"):]
    rows = {m[1]: (m[2], m[3]) for m in re.finditer(r"^   (\d{3})    (\S.*?) +(15\.[\d.]+)$", table, re.M)}
    if sorted(classes) != list("12345"):
        common.fail(f"class headings found: {classes}")
    if len(rows) != EXPECTED_RFC9110_TABLE:
        common.fail(f"Table 8 has {len(rows)} rows, README says {EXPECTED_RFC9110_TABLE}")
    return classes, rows


def read_tsv():
    rows = common.read_tsv(TSV)
    codes = [r["code"] for r in rows]
    if len(rows) != EXPECTED_TOTAL or len(set(codes)) != EXPECTED_TOTAL:
        common.fail(f"{len(rows)} rows / {len(set(codes))} codes, README says {EXPECTED_TOTAL}")
    for r in rows:
        if not re.fullmatch(r"[1-5]\d\d", r["code"]) or None in r.values():
            common.fail(f"bad row {r}")
    rfc = [r for r in rows if r["defining_spec"].startswith("RFC 9110 §")]
    other = {r["code"] for r in rows} - {r["code"] for r in rfc}
    unused = [r for r in rows if r["registry_status"] == "(Unused)"]
    obsoleted = {r["code"] for r in rows if r["registry_status"] == "obsoleted"}
    if (len(rfc), other, len(unused), obsoleted) != (EXPECTED_RFC9110, EXPECTED_OTHER,
                                                     EXPECTED_UNUSED, EXPECTED_OBSOLETED):
        common.fail(f"counts differ from README: {len(rfc)} RFC 9110, other {sorted(other)}, "
                    f"{len(unused)} unused, obsoleted {sorted(obsoleted)}")
    return rows


def build():
    classes, table = read_rfc()
    rows = read_tsv()
    notes = common.judgements("http", [r["code"] for r in rows])
    entries = []
    for r in rows:
        code, phrase, spec = r["code"], r["reason_phrase"], r["defining_spec"]
        if spec.startswith("RFC 9110 §") and table.get(code) != (phrase, spec[len("RFC 9110 §"):]):
            common.fail(f"{code}: TSV ({phrase!r}, {spec!r}) differs from Table 8 {table.get(code)}")
        a = notes[code]
        common.check_kind(code, a["kind"], a["retry"], int(code))
        entries.append(common.entry(
            code,
            aliases=[x for x in dict.fromkeys(ALIAS_RE.findall(r["comment"])) if x != phrase],
            http_status=int(code),
            category=classes[code[0]],
            subcategory=spec,
            message=phrase,
            obsolete=r["registry_status"] in ("obsoleted", "(Unused)") or phrase == "(Unused)",
            **a,
        ))
    return common.catalog("http", entries)


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
