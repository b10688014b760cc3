#!/usr/bin/env python3
"""Build catalogs/mongodb.json, the MongoDB server error codes (standard family "mongodb").

Reads (see catalogs/tools/sources/README-fam-platform.md):
  sources/mongodb-error-codes.tsv  code, name, categories: mongodb/mongo's error_codes.yml,
      numbers, names and category names only (the repository is SSPL).
  mongodb_annotations.json         hand-written: code -> {summary_en, kind, retry}, and `_rules`
      on "<name> <categories>" that give the kind of the codes not judged by hand.
Writes catalogs/mongodb.json: one entry per code, in the file's order.

    python3 catalogs/tools/build_mongodb.py          # build and write
    python3 catalogs/tools/build_mongodb.py --check  # exit 1 if catalogs/mongodb.json is stale
"""

import sys
from collections import Counter

import common
from judged import Judge

SOURCE = common.SOURCES / "mongodb-error-codes.tsv"

# The counts sources/README-fam-platform.md states.
CODES, SEQUENTIAL, LEGACY, CATEGORIES = 479, 437, 42, 26
TOP_CATEGORIES = [("RetriableError", 25), ("InternalOnly", 23), ("Interruption", 16)]
# Names older servers used for these codes, as the source's notes give them.
OLDER_NAMES = {"64": "WriteConcernFailed", "360": "ShardVersionRefreshCanceled",
               "193": "NoShardingEnabled"}
SUMMARIES = 150


def read_source():
    rows = common.read_tsv(SOURCE)
    numbers = [int(r["code"]) for r in rows]
    sequential = sum(1 for n in numbers if n <= 462)
    categories = Counter(c for r in rows for c in r["categories"].split(",") if c)
    if (len(rows), sequential, len(rows) - sequential, len(categories)) != (
            CODES, SEQUENTIAL, LEGACY, CATEGORIES):
        common.fail(f"{len(rows)} codes, {len(categories)} categories: the source changed")
    if categories.most_common(3) != TOP_CATEGORIES:
        common.fail(f"categories {categories.most_common(3)}: the source changed")
    if len(set(numbers)) != CODES or len({r["name"] for r in rows}) != CODES:
        common.fail("a code or a name twice")
    return rows


def build():
    rows = read_source()
    judge = Judge("mongodb", [r["code"] for r in rows])
    entries = []
    for r in rows:
        categories = r["categories"].replace(",", ", ") or None
        entries.append(common.entry(
            r["code"],
            symbol=r["name"],
            aliases=[OLDER_NAMES[r["code"]]] if r["code"] in OLDER_NAMES else [],
            category=categories,
            **judge.judgement(r["code"], f"{r['name']} {r['categories']}", kind_required=True),
            obsolete=r["name"].startswith("OBSOLETE_"),
        ))
    summarised = sum(1 for e in entries if e["summary_en"])
    if summarised < SUMMARIES:
        common.fail(f"only {summarised} summaries")
    obsolete = sum(1 for e in entries if e.get("obsolete"))
    internal_only = sum(1 for e in entries if "InternalOnly" in (e["category"] or ""))
    kinds = Counter(e["kind"] for e in entries)
    return common.catalog("mongodb", entries, notes=[
        f"{len(entries)} codes of mongodb/mongo's src/mongo/base/error_codes.yml (007ba93): "
        f"{SEQUENTIAL} in 0-462 and {LEGACY} legacy or compatibility codes (9001 to 10171600, "
        "such as 11000 DuplicateKey and 13435), in the file's order. The repository is SSPL-1.0: "
        "only numbers, names and category names are taken; message and description are null "
        "and every summary is our own.",
        "category lists the code's categories from the file (RetriableError, NetworkError, "
        f"NotPrimaryError, Interruption...); {internal_only} codes are InternalOnly and should "
        "never reach a client.",
        f"{obsolete} names start with OBSOLETE_ and are marked obsolete; they are kept for old "
        "servers. Gaps in 0-462 (44, 99, 131, 196, 253-255, 304, 305, 320, 321, 325, 327-329, "
        "335, 353, 364, 368, 394, 397, 399, 437-439, 441) are codes removed from the file.",
        "aliases: older servers named 64 WriteConcernFailed, 360 ShardVersionRefreshCanceled and "
        "193 NoShardingEnabled.",
        f"summary_en is hand-written for {summarised} codes developers meet most: what drivers "
        "raise in everyday work and what fills issue trackers and Q&A sites (duplicate key, "
        "authentication and authorization, not primary and failover, timeouts and maxTimeMS, "
        "network and TLS, cursors, transactions, validation, document and memory limits, change "
        "streams, overload). The rest show only their name and categories.",
        f"kind and retry: {judge.by_hand} by hand; the other {judge.by_rule} by rules on the "
        "name and categories, first match wins (mongodb_annotations.json _rules): "
        "StreamProcessorRetryableError -> unavailable; StreamProcessorUserError -> validation; "
        "timeouts -> timeout; NetworkError, CloseConnectionError -> network; NotPrimaryError, "
        "ShutdownError, StaleShardVersionError, SnapshotError, SystemOverloadedError -> "
        "unavailable; Interruption, CancellationError -> cancelled; NotFound/NoSuch -> not_found; "
        "Duplicate/Exists/Conflict/InProgress -> conflict; Unauthorized -> permission; Auth -> "
        "auth; RateLimit -> rate_limit; TooLarge/TooMany/Exceeded/Limit -> quota; NotSupported -> "
        "unsupported; "
        "Invalid/Bad/Illegal/Parse -> validation; RetriableError -> unavailable; replication, "
        "sharding and transaction state words -> precondition; anything else -> internal. "
        "Kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + ".",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
