#!/usr/bin/env python3
"""Build catalogs/websocket.json, the WebSocket close codes (standard family "websocket").

Reads (see catalogs/tools/sources/README-fam-protocols.md):
  sources/websocket-close-codes.tsv   code (number or range), name (websockets' CloseCode),
      explanation (websockets 15), explanation_websockets_10_4, defined_by, sendable, note.
  websocket_annotations.json          hand-written: code -> summary_en, kind, retry.
Writes catalogs/websocket.json: one entry per row in the source's order (1000-1015, then the four
ranges, kept as codes such as "4000-4999"). message is the explanation websockets 15 prints
("received 1006 (abnormal closure [internal])"), category the RFC section or registry that defines
the code, subcategory whether an endpoint may send it in a Close frame.

    python3 catalogs/tools/build_websocket.py          # build and write
    python3 catalogs/tools/build_websocket.py --check  # exit 1 if catalogs/websocket.json is stale
"""

import re
import sys

import common

SOURCE = common.SOURCES / "websocket-close-codes.tsv"

RANGE_RE = re.compile(r"(\d+)-(\d+)")
SENDABLE = {"yes": "may be sent in a Close frame", "no": "never sent in a Close frame"}


def read_rows():
    rows = common.read_tsv(SOURCE)
    codes = [r["code"] for r in rows]
    numbers = [int(c) for c in codes if c.isdigit()]
    ranges = [c for c in codes if RANGE_RE.fullmatch(c)]
    # Counts stated in sources/README-fam-protocols.md.
    if (numbers != list(range(1000, 1016))
            or ranges != ["0-999", "1016-2999", "3000-3999", "4000-4999"]
            or len(rows) != 20):
        common.fail(f"codes {codes}; README says 1000-1015 and 4 ranges, 20 rows")
    unnamed = [r["code"] for r in rows if not r["name"]]
    if unnamed[0] != "1004" or unnamed[1:] != ranges:
        common.fail(f"codes without a name {unnamed}; README says 1004 and the ranges")
    return rows


def build():
    rows = read_rows()
    notes = common.judgements("websocket", [r["code"] for r in rows], kind_required=True)
    entries = [common.entry(r["code"], symbol=r["name"] or None, category=r["defined_by"],
                            subcategory=SENDABLE[r["sendable"]],
                            message=r["explanation"] or None, **notes[r["code"]])
               for r in rows]
    renamed = [f"{r['code']} \"{r['explanation_websockets_10_4']}\""
               for r in rows if r["explanation_websockets_10_4"] != r["explanation"]]
    local = [r["code"] for r in rows if "reported locally" in r["note"]]
    if local != ["1005", "1006", "1015"]:
        common.fail(f"codes reported locally {local}; README says 1005, 1006, 1015")
    return common.catalog("websocket", entries, notes=[
        f"{len(entries)} entries: the close codes 1000-1015 and the four ranges of RFC 6455 "
        "§7.4.2 (0-999, 1016-2999, 3000-3999, 4000-4999), kept as one entry each with the range "
        "as its code. 1012-1014 come from the IANA registry, not RFC 6455.",
        "symbol is the name of Python websockets' CloseCode enum, the registry's meaning written "
        "as a constant (1006 ABNORMAL_CLOSURE, 1010 MANDATORY_EXTENSION, 1015 TLS_HANDSHAKE); "
        "the registry's own wording is not part of the source. 1004 and the ranges have no name.",
        "message is the explanation websockets 15.0.1 prints beside the code. websockets 10.4 "
        f"(Debian 12) printed other texts for {len(renamed)} codes: {', '.join(renamed)}.",
        f"{', '.join(local)} are never sent in a Close frame: an API reports them locally "
        "(\"[internal]\" in websockets' texts); subcategory says which codes may be sent.",
        "Names and texts: Python websockets 15.0.1 and 10.4 (BSD-3-Clause); code numbers, "
        "ranges and sections are facts from RFC 6455 and the IANA registry. summary_en is our "
        "own wording; kind and retry are judged by hand per code.",
        "Every entry has a kind. 1013 (try again later), 1001, 1012 and 1014 advise reconnecting "
        "with growing delays; 1006 too, as it is usually a dropped connection.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
