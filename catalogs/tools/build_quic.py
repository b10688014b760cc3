#!/usr/bin/env python3
"""Build catalogs/quic.json, the QUIC transport, HTTP/3 and QPACK error codes (standard family
"quic").

Reads (see catalogs/tools/sources/README-fam-protocols.md):
  sources/quic-h3-errors.tsv   layer (quic-transport | http3 | qpack), code, code_hex, name,
      aioquic_enum: aioquic's QuicErrorCode and H3 ErrorCode, and the CRYPTO_ERROR range.
  quic_annotations.json        hand-written: code -> summary_en, kind, retry.
Writes catalogs/quic.json: one entry per distinct number in numeric order, the code in lower-case
hex as quic-go and curl print it ("0x10c"). 0x100 is both QUIC's CRYPTO_ERROR (the first value of
its range) and HTTP/3's H3_NO_ERROR: its entry is H3_NO_ERROR, and CRYPTO_ERROR names the range
entry "0x100-0x1ff" that follows it.

    python3 catalogs/tools/build_quic.py          # build and write
    python3 catalogs/tools/build_quic.py --check  # exit 1 if catalogs/quic.json is stale
"""

import re
import sys
from collections import Counter

import common

SOURCE = common.SOURCES / "quic-h3-errors.tsv"

LAYER = {"quic-transport": "QUIC transport", "http3": "HTTP/3", "qpack": "QPACK"}
RANGE_RE = re.compile(r"0x([0-9A-F]+)-0x([0-9A-F]+)")
CRYPTO = "CRYPTO_ERROR"


def hex_code(text):
    """"0x10C" -> "0x10c"; "0x100-0x1FF" -> "0x100-0x1ff"."""
    return text.lower()


def read_rows():
    rows = common.read_tsv(SOURCE)
    layers = Counter(r["layer"] for r in rows)
    ranges = [r for r in rows if RANGE_RE.fullmatch(r["code_hex"])]
    # Counts stated in sources/README-fam-protocols.md: 19 + 1 range, 18 HTTP/3, 3 QPACK.
    if layers != {"quic-transport": 20, "http3": 18, "qpack": 3} or len(ranges) != 1:
        common.fail(f"rows per layer {dict(layers)}, {len(ranges)} ranges; README says "
                    "20 (19 codes + 1 range), 18, 3")
    for r in rows:
        if r in ranges:
            continue
        if r["code_hex"] != f"0x{int(r['code']):X}":
            common.fail(f"{r['name']}: {r['code']} is not {r['code_hex']}")
    shared = [n for n, k in Counter(r["code_hex"] for r in rows).items() if k > 1]
    if shared != ["0x100"]:
        common.fail(f"numbers in two layers {shared}; README says only 0x100")
    return rows, ranges[0]


def sort_key(code):
    """Numeric order; a range right after the number it starts at."""
    first = code.split("-")[0]
    return int(first, 16), "-" in code


def build():
    rows, crypto_range = read_rows()
    low, high = (int(x, 16) for x in RANGE_RE.fullmatch(crypto_range["code_hex"]).groups())
    if (low, high) != (0x100, 0x1FF) or not crypto_range["name"].startswith(CRYPTO):
        common.fail(f"range {crypto_range}")
    groups = common.grouped(rows, lambda r: hex_code(r["code_hex"]))
    codes = sorted(groups, key=sort_key)
    notes = common.judgements("quic", codes, kind_required=True)
    entries = []
    for code in codes:
        group = groups[code]
        if code == hex_code(crypto_range["code_hex"]):
            symbol, layers = CRYPTO, ["QUIC transport"]
        else:
            # At 0x100 CRYPTO_ERROR gives way to H3_NO_ERROR: it names the range entry.
            named = [r for r in group if r["name"] != CRYPTO] or group
            symbol = named[0]["name"]
            layers = [LAYER[r["layer"]] for r in named + group]
        entries.append(common.entry(code, symbol=symbol, category=common.join(layers), **notes[code]))
    return common.catalog("quic", entries, notes=[
        f"{len(entries)} entries from {len(rows)} source rows: 18 QUIC transport codes "
        "(0x0-0x11), the CRYPTO_ERROR range 0x100-0x1ff, HTTP/3's 17 codes 0x100-0x110 and "
        "H3_DATAGRAM_ERROR (0x33, from HTTP Datagrams, not RFC 9114), and QPACK's 3 codes "
        "0x200-0x202. Codes are lower-case hex as quic-go and curl print them.",
        "Transport codes travel in a CONNECTION_CLOSE frame of type 0x1c and HTTP/3 or QPACK "
        "codes in one of type 0x1d (or RESET_STREAM / STOP_SENDING): the same number means "
        "different things in the two spaces. 0x100 is both QUIC's CRYPTO_ERROR with TLS alert 0 "
        "and H3_NO_ERROR; its entry is H3_NO_ERROR and CRYPTO_ERROR is the symbol of the range "
        "entry \"0x100-0x1ff\". Transport codes 0x101-0x110 of that range are TLS alerts 1-16, "
        "while the HTTP/3 codes with those numbers have entries of their own.",
        "CRYPTO_ERROR is 0x100 plus the TLS alert number (0x178 = alert 120 "
        "no_application_protocol); the alerts themselves are in the tls-alert family.",
        "Names: aioquic 1.9.1 (BSD-3-Clause), QuicErrorCode and h3 ErrorCode; the numbers are "
        "facts of RFC 9000, RFC 9114, RFC 9204 and RFC 9297. The source gives no texts, so "
        "message is null. summary_en is our own wording; kind and retry are judged by hand per "
        "code.",
        "Every entry has a kind. H3_REQUEST_REJECTED (0x10b) means the request was not processed "
        "and is safe to send again; H3_EXCESSIVE_LOAD (0x107) asks the peer to slow down.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
