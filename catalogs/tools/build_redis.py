#!/usr/bin/env python3
"""Build catalogs/redis.json, the error-reply prefixes of Redis and Valkey (standard family "redis").

Reads (see catalogs/tools/sources/README-fam-platform.md):
  sources/redis-errors.tsv     prefix, message, file, line: every `-PREFIX ...` reply literal of
      the Valkey server sources (BSD-3-Clause), several per prefix.
  redis_annotations.json       hand-written: prefix -> {summary_en, kind, retry}.
Writes catalogs/redis.json: one entry per prefix, in the source's (alphabetical) order.

    python3 catalogs/tools/build_redis.py          # build and write
    python3 catalogs/tools/build_redis.py --check  # exit 1 if catalogs/redis.json is stale
"""

import re
import sys

import common
from judged import Judge

SOURCE = common.SOURCES / "redis-errors.tsv"

# The counts sources/README-fam-platform.md states.
ROWS, PREFIXES, ERR_ROWS = 65, 35, 9
SENTINEL_ONLY = ["INPROG", "NOGOODSLAVE", "NOQUORUM"]
# The redirect rows describe a format instead of quoting a literal: `MOVED <slot> <host>:<port>
# (format "-%s %d %s:%d")`; the catalog keeps the part before the parenthesis.
FORMAT_NOTE = re.compile(r' \(format "[^"]*"\)$')
# Where the server keeps its shared replies; its literal is the one a client meets first.
SHARED_REPLIES = "src/server.c"


def read_source():
    """{prefix: [(message, file, line), ...]} in the file's order."""
    rows = common.read_tsv(SOURCE)
    by_prefix = {}
    for r in rows:
        text = FORMAT_NOTE.sub("", r["message"])
        if not (text == r["prefix"] or text.startswith(r["prefix"] + " ")):
            common.fail(f"line {r['line']}: {r['message']!r} does not start with its prefix")
        by_prefix.setdefault(r["prefix"], []).append((text, r["file"], r["line"]))
    if (len(rows), len(by_prefix), len(by_prefix["ERR"])) != (ROWS, PREFIXES, ERR_ROWS):
        common.fail(f"{len(rows)} rows, {len(by_prefix)} prefixes: the source changed")
    if list(by_prefix) != sorted(by_prefix):
        common.fail("prefixes are not in alphabetical order")
    only_sentinel = [p for p, lits in by_prefix.items() if {f for _, f, _ in lits} == {"src/sentinel.c"}]
    if only_sentinel != SENTINEL_ONLY:
        common.fail(f"Sentinel-only prefixes: {only_sentinel}")
    return by_prefix


def primary(prefix, literals):
    """The literal shown as the message: the server's shared reply if it has words after the
    prefix, else the first literal; none for ERR, whose text depends on the command."""
    if prefix == "ERR":
        return None
    shared = [t for t, f, _ in literals if f == SHARED_REPLIES and t != prefix]
    return shared[0] if shared else literals[0][0]


def build():
    by_prefix = read_source()
    judge = Judge("redis", by_prefix, summarised=by_prefix)
    entries = []
    for prefix, literals in by_prefix.items():
        message = primary(prefix, literals)
        others = [t for t, _, _ in literals if t != message]
        files = list(dict.fromkeys(f for _, f, _ in literals))
        entries.append(common.entry(
            prefix,
            symbol=prefix,
            category=", ".join(files),
            message=message,
            description=others or None,
            **judge.judgement(prefix, prefix),
        ))
    with_others = sum(1 for e in entries if e["description"])
    return common.catalog("redis", entries, notes=[
        f"{len(entries)} error-reply prefixes from {ROWS} reply literals of the Valkey server "
        "sources (valkey-io/valkey src/*.c at 55bbbe0, 2024-10-25), BSD-3-Clause. Valkey is used "
        "because Redis 7.4 and later are not BSD-licensed; Redis 7.2 sends the same prefixes.",
        "code and symbol are the prefix a client prints before the text (WRONGTYPE, MOVED); "
        "message is one literal reply as the server writes it, %s placeholders kept: the "
        "server's shared reply (src/server.c) where it has one, else the first literal in the "
        "source. ERR has no message: any error without a prefix of its own is sent as ERR plus "
        "its text, and there are hundreds of those.",
        f"description lists the other literals the server sends with the same prefix "
        f"({with_others} prefixes have more than one); they are the source's texts.",
        "MOVED and ASK are cluster redirects written with a format (-MOVED slot host:port); "
        "message keeps the source's <slot> <host>:<port> notation.",
        f"{', '.join(SENTINEL_ONLY)} are sent only by Sentinel. category names the source "
        "files the literals come from.",
        "summary_en, kind and retry are hand-written for every prefix (redis_annotations.json).",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
