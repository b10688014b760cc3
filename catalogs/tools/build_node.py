#!/usr/bin/env python3
"""Build catalogs/node.json, the error codes of Node.js (standard family "node").

Reads (see catalogs/tools/sources/README-fam-platform.md):
  sources/node-errors.json       every code of the "Node.js error codes" and "Legacy Node.js error
      codes" sections of Node's errors doc (v18.20.4), with its first paragraph.
  sources/node-system-errors.tsv the doc's "Common system errors" (EACCES ... ETIMEDOUT), with the
      Linux errno each one is.
  node_annotations.json          hand-written: code -> {summary_en, kind, retry}, and `_rules`
      that give the kind of the codes not judged by hand.
Writes catalogs/node.json: the Node.js codes in the doc's order, then the system errors.

    python3 catalogs/tools/build_node.py          # build and write
    python3 catalogs/tools/build_node.py --check  # exit 1 if catalogs/node.json is stale
"""

import sys
from collections import Counter

import common
from judged import Judge

CODES = common.SOURCES / "node-errors.json"
SYSTEM = common.SOURCES / "node-system-errors.tsv"

# The counts sources/README-fam-platform.md states.
COUNT, SECTIONS, NOT_ERR, EXPERIMENTAL = 362, {"current": 328, "legacy": 34}, 5, 7
SYSTEM_COUNT, WITHOUT_ERRNO = 14, ["ENOTFOUND"]
CATEGORY = {"current": "Node.js error", "legacy": "legacy Node.js error"}
SUMMARIES = 150


def read_codes():
    doc = common.read_json(CODES)
    codes = doc["codes"]
    sections = Counter(c["section"] for c in codes)
    not_err = [c["code"] for c in codes if not c["code"].startswith("ERR_")]
    experimental = [c["code"] for c in codes if c["stability"]]
    if (doc["count"], len(codes), dict(sections), len(not_err), len(experimental)) != (
            COUNT, COUNT, SECTIONS, NOT_ERR, EXPERIMENTAL):
        common.fail(f"{len(codes)} codes {dict(sections)}: the source changed")
    # The doc heads each section with the code itself; it gives no runtime message.
    headed_otherwise = [c["code"] for c in codes if c["heading"] != f"`{c['code']}`"]
    if headed_otherwise:
        common.fail(f"headings that are not the code: {headed_otherwise}")
    return codes


def read_system():
    rows = common.read_tsv(SYSTEM)
    without = [r["code"] for r in rows if not r["linux_errno"]]
    if (len(rows), without) != (SYSTEM_COUNT, WITHOUT_ERRNO):
        common.fail(f"{len(rows)} system errors, without errno {without}: the source changed")
    return rows


def subcategory(c):
    parts = [c["stability"]] if c["stability"] else []
    if c["removed"]:
        parts.append("removed in " + ", ".join(c["removed"]))
    return "; ".join(parts) or None


def build():
    codes, system = read_codes(), read_system()
    all_codes = [c["code"] for c in codes] + [r["code"] for r in system]
    if len(set(all_codes)) != len(all_codes):
        common.fail("a code twice")
    judge = Judge("node", all_codes, summarised=[r["code"] for r in system])
    entries = []
    for c in codes:
        entries.append(common.entry(
            c["code"],
            symbol=c["code"],
            category=CATEGORY[c["section"]],
            subcategory=subcategory(c),
            description=c["summary"],
            **judge.judgement(c["code"], c["code"], kind_required=True),
            obsolete=c["section"] == "legacy",
        ))
    for r in system:
        errno = r["linux_errno"]
        entries.append(common.entry(
            r["code"],
            symbol=r["code"],
            maps_to=[{"vendor": "errno", "code": errno}] if errno else [],
            category="system error",
            subcategory=f"errno {errno}" if errno else "getaddrinfo",
            description=[r["title"], r["description"]],
            **judge.judgement(r["code"], r["code"]),
        ))
    summarised = sum(1 for e in entries if e["summary_en"])
    if summarised < SUMMARIES:
        common.fail(f"only {summarised} summaries")
    kinds = Counter(e["kind"] for e in entries)
    return common.catalog("node", entries, notes=[
        f"{len(entries)} entries: the {COUNT} codes of the Node.js v18.20.4 errors doc "
        f"({SECTIONS['current']} current, {SECTIONS['legacy']} legacy, marked obsolete) and its "
        f"{SYSTEM_COUNT} common system errors. Node.js docs: MIT (Expat), Node.js contributors.",
        "message is null: the doc heads each section with the code itself and does not give the "
        "text Node prints (that is built at run time, for example 'The \"path\" argument must be "
        "of type string. Received undefined'). description is the doc's first paragraph (its "
        "own words, Markdown kept); for system errors, the doc's title and paragraph.",
        f"System errors map to the Linux errno they are (errno family); ENOTFOUND is a "
        "getaddrinfo failure (EAI_NODATA or EAI_NONAME), not an errno, and has no link. The doc "
        "titles EMFILE \"Too many open files in system\", which is glibc's text for ENFILE.",
        "subcategory gives the doc's stability note (7 experimental codes) and, for legacy "
        "codes, the versions that removed them. Node 18 is older than current Node, which has "
        "more codes.",
        f"summary_en is hand-written for {summarised} codes: the 14 system errors, then the codes "
        "developers meet most, chosen from what Node prints in everyday work and what fills "
        "issue trackers and Q&A sites: argument checks, module resolution and ESM/CommonJS "
        "mix-ups, HTTP and HTTP/2, sockets, TLS, crypto, streams, fs, child processes and "
        "workers, and legacy codes older versions still print. The rest show the doc's paragraph.",
        f"kind and retry: {judge.by_hand} by hand; the other {judge.by_rule} by rules on the "
        "code's words, first match wins (node_annotations.json _rules): HPE_ -> validation; "
        "ABORT/CANCEL/INTERRUPTED -> cancelled; TIMEOUT -> timeout; NOT_FOUND -> not_found; "
        "out of memory -> internal; NOT_SUPPORTED/UNSUPPORTED/DISABLED/UNAVAILABLE -> "
        "unsupported; ALREADY/CLOSED/DESTROYED/AFTER_/NOT_RUNNING and other state words -> "
        "precondition; INVALID/MISSING/UNKNOWN/BAD/OUT_OF_RANGE and other argument words -> "
        "validation; FAILED/ERROR/ASSERTION -> internal. Kinds: "
        + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + ".",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
