#!/usr/bin/env python3
"""Build catalogs/grpc.json, the gRPC status code catalog (edition "googleapis-f8291d2").

Reads (stdlib only):
  catalogs/tools/sources/grpc-code.proto   google.rpc.Code: each enum value (symbol = number) and the
      "HTTP Mapping: NNN ..." line of its comment (-> maps_to). Entries keep the file's order.
  catalogs/tools/grpc_annotations.json     hand-written: code -> aliases (the name Go's
      codes.Code.String() prints), summary_en, kind, retry.
  catalogs/kinds.json                      to check kind and retry, and that the symbol is in the
      chosen kind's grpc list.
Writes catalogs/grpc.json.

    python3 catalogs/tools/build_grpc.py           # build and write
    python3 catalogs/tools/build_grpc.py --check   # exit 1 if catalogs/grpc.json is not up to date
"""

import re
import sys

import common

PROTO = common.SOURCES / "grpc-code.proto"

EXPECTED_CODES = 17  # sources/README.md: 0 OK ... 16 UNAUTHENTICATED


def read_proto():
    """[(number, symbol, http_code)] in file order."""
    text = PROTO.read_text(encoding="utf-8")
    body = re.search(r"^enum Code \{\n(.*?)^\}", text, re.M | re.S)
    if not body:
        common.fail("no 'enum Code { ... }' in the proto")
    codes, comment = [], []
    for line in body[1].splitlines():
        line = line.strip()
        if line.startswith("//"):
            comment.append(line[2:].strip())
        elif m := re.fullmatch(r"([A-Z_]+) = (\d+);", line):
            http = [h for c in comment for h in re.findall(r"^HTTP Mapping: (\d{3}) \S", c)]
            if len(http) != 1:
                common.fail(f"{m[1]}: expected one 'HTTP Mapping' line, found {http}")
            codes.append((m[2], m[1], http[0]))
            comment = []
        elif line:
            common.fail(f"unexpected line in enum Code: {line!r}")
    numbers = [n for n, _, _ in codes]
    if len(codes) != EXPECTED_CODES or sorted(map(int, numbers)) != list(range(EXPECTED_CODES)):
        common.fail(f"{len(codes)} codes {numbers}, "
                    f"README says {EXPECTED_CODES} (0-{EXPECTED_CODES - 1})")
    return codes


def build():
    codes = read_proto()
    notes = common.judgements("grpc", [n for n, _, _ in codes],
                              keys=("aliases", *common.JUDGEMENT), kind_required=True)
    entries = []
    for number, symbol, http in codes:
        a = notes[number]
        # The kind must be one whose gRPC codes (catalogs/kinds.json) include this code.
        if symbol not in common.KINDS[a["kind"]]["grpc"]:
            common.fail(f"{number} {symbol}: kind {a['kind']!r} does not list {symbol}")
        entries.append(common.entry(number, symbol=symbol,
                                    maps_to=[{"vendor": "http", "code": http}], **a))
    return common.catalog("grpc", entries)


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
