#!/usr/bin/env python3
"""Build catalogs/http2.json, the HTTP/2 error codes and nghttp2's library errors (standard family
"http2").

Reads (see catalogs/tools/sources/README-fam-protocols.md):
  sources/http2-errors.tsv   kind (h2-error-code | nghttp2-library), code, code_hex, name,
      description (h2's doc comment, not used), nghttp2_name, nghttp2_strerror.
  http2_annotations.json     hand-written: code -> summary_en, kind, retry.
Writes catalogs/http2.json: the 14 wire codes (decimal, 0-13) then nghttp2's 42 negative library
codes, in the source's order. An HTTP/2 code's nghttp2 enum name is its alias; message is the text
nghttp2_strerror gives a library code (for a wire code nghttp2 only repeats the name).

    python3 catalogs/tools/build_http2.py          # build and write
    python3 catalogs/tools/build_http2.py --check  # exit 1 if catalogs/http2.json is stale
"""

import sys
from collections import Counter

import common

SOURCE = common.SOURCES / "http2-errors.tsv"

WIRE, LIBRARY = "h2-error-code", "nghttp2-library"
CATEGORY = {WIRE: "HTTP/2 error code (RST_STREAM, GOAWAY)", LIBRARY: "nghttp2 library error"}
# nghttp2_strerror's answer for a value it has no text for.
NO_TEXT = "Unknown error code"


def read_rows():
    rows = common.read_tsv(SOURCE)
    kinds = Counter(r["kind"] for r in rows)
    # Counts stated in sources/README-fam-protocols.md.
    if kinds != {WIRE: 14, LIBRARY: 42}:
        common.fail(f"rows per kind {dict(kinds)}; README says 14 and 42")
    wire = [int(r["code"]) for r in rows if r["kind"] == WIRE]
    library = [int(r["code"]) for r in rows if r["kind"] == LIBRARY]
    if wire != list(range(14)) or max(library) != -501 or min(library) != -905:
        common.fail(f"wire codes {wire}, library codes {library[0]}..{library[-1]}")
    for r in rows:
        if r["kind"] == WIRE and (r["code_hex"] != f"0x{int(r['code']):X}"
                                  or r["nghttp2_strerror"] != r["name"]):
            common.fail(f"{r['code']}: hex {r['code_hex']}, text {r['nghttp2_strerror']}")
    return rows


def build():
    rows = read_rows()
    codes = [r["code"] for r in rows]
    notes = common.judgements("http2", codes, kind_required=True)
    entries, without_text = [], []
    for r in rows:
        a = notes[r["code"]]
        aliases = [r["nghttp2_name"]] if r["nghttp2_name"] != r["name"] else []
        message = None
        if r["kind"] == LIBRARY:
            if r["nghttp2_strerror"] == NO_TEXT:
                without_text.append(r["code"])
            else:
                message = r["nghttp2_strerror"]
        entries.append(common.entry(
            r["code"],
            symbol=r["name"],
            aliases=aliases,
            category=CATEGORY[r["kind"]],
            message=message,
            **a,
        ))
    if without_text != ["-900"]:
        common.fail(f"library codes without a text {without_text}, expected -900")
    return common.catalog("http2", entries, notes=[
        f"{len(entries)} codes: the 14 HTTP/2 error codes 0x0-0xd that RST_STREAM and GOAWAY "
        "frames carry, written in decimal (1 = PROTOCOL_ERROR), and nghttp2's 42 library "
        "return codes (-501 ... -905), which are nghttp2's own values, never sent on the wire.",
        "An HTTP/2 code's alias is its nghttp2 enum name (NGHTTP2_PROTOCOL_ERROR); message is "
        "null for them because nghttp2_http2_strerror only returns the name.",
        "message of a library code is the text nghttp2_strerror returns in libnghttp2 1.52.0 "
        "(Debian 12), as curl and nghttp2-based tools print it. NGHTTP2_ERR_FATAL (-900) is only "
        "the threshold of the fatal errors; nghttp2_strerror answers \"Unknown error code\" for "
        "it, so its message is null.",
        "Some library codes mirror wire codes (-533 NGHTTP2_ERR_REFUSED_STREAM, -535 "
        "NGHTTP2_ERR_CANCEL) but the source does not link them, so no maps_to is given.",
        "Names: python-h2 4.1.0 (MIT) and nghttp2.h of libnghttp2-dev 1.52.0 (MIT); texts: "
        "nghttp2_strerror of libnghttp2 1.52.0 (MIT). h2's doc comments are not used. summary_en is our own wording; kind and retry are "
        "judged by hand per code.",
        "Every entry has a kind. REFUSED_STREAM (7) means the request was not processed and is "
        "safe to send again; ENHANCE_YOUR_CALM (11) asks the client to slow down.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
