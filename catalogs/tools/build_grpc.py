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

import json
import pathlib
import re
import sys

TOOLS = pathlib.Path(__file__).resolve().parent
CATALOGS = TOOLS.parent
PROTO = TOOLS / "sources" / "grpc-code.proto"
ANNOTATIONS = TOOLS / "grpc_annotations.json"
KINDS = CATALOGS / "kinds.json"
OUT = CATALOGS / "grpc.json"

EXPECTED_CODES = 17  # sources/README.md: 0 OK ... 16 UNAUTHENTICATED

VENDOR = {"id": "grpc", "name": "gRPC status codes", "type": "standard", "group": "Web and RPC",
          "aliases": ["gRPC", "google.rpc.Code"],
          "homepage": "https://grpc.io/docs/guides/status-codes/", "language": "en"}
EDITION = {
    "id": "googleapis-f8291d2",
    "title": "google.rpc.Code (googleapis google/rpc/code.proto)",
    "date": "2026-08-22",
    "source": "https://github.com/googleapis/googleapis/blob/f8291d2b89f0017ab078a4c7378069bae5686f6f/google/rpc/code.proto",
    "supersedes": None,
    "notes": [
        "17 codes, in the file's order, which is not numeric: UNAUTHENTICATED (16) comes right after "
        "PERMISSION_DENIED (7).",
        "maps_to is each code's HTTP Mapping from the proto; CANCELLED maps to 499 Client Closed "
        "Request, which is not an IANA-registered status and has no entry in the http catalog.",
        "message is null: the proto defines no runtime text.",
        "Aliases are the names Go's grpc codes.Code.String() prints; Go spells CANCELLED \"Canceled\".",
        "Every entry has a kind.",
    ],
}
ENTRY_KEYS = ("code", "symbol", "aliases", "maps_to", "http_status", "category", "subcategory",
              "message", "description", "fix", "summary_en", "kind", "retry")


def fail(msg):
    sys.exit(f"build_grpc: {msg}")


def read_proto():
    """[(number, symbol, http_code)] in file order."""
    text = PROTO.read_text(encoding="utf-8")
    body = re.search(r"^enum Code \{\n(.*?)^\}", text, re.M | re.S)
    if not body:
        fail("no 'enum Code { ... }' in the proto")
    codes, comment = [], []
    for line in body[1].splitlines():
        line = line.strip()
        if line.startswith("//"):
            comment.append(line[2:].strip())
        elif m := re.fullmatch(r"([A-Z_]+) = (\d+);", line):
            http = [h for c in comment for h in re.findall(r"^HTTP Mapping: (\d{3}) \S", c)]
            if len(http) != 1:
                fail(f"{m[1]}: expected one 'HTTP Mapping' line, found {http}")
            codes.append((m[2], m[1], http[0]))
            comment = []
        elif line:
            fail(f"unexpected line in enum Code: {line!r}")
    numbers = [n for n, _, _ in codes]
    if len(codes) != EXPECTED_CODES or sorted(map(int, numbers)) != list(range(EXPECTED_CODES)):
        fail(f"{len(codes)} codes {numbers}, README says {EXPECTED_CODES} (0-{EXPECTED_CODES - 1})")
    return codes


def build():
    codes = read_proto()
    ann = {k: v for k, v in json.loads(ANNOTATIONS.read_text(encoding="utf-8")).items()
           if not k.startswith("_")}
    if {n for n, _, _ in codes} != set(ann):
        fail(f"no annotation for {sorted({n for n, _, _ in codes} - set(ann))}; "
             f"annotation without code {sorted(set(ann) - {n for n, _, _ in codes})}")
    vocabulary = json.loads(KINDS.read_text(encoding="utf-8"))
    kinds = {k["id"]: k for k in vocabulary["kinds"]}
    entries = []
    for number, symbol, http in codes:
        a = ann[number]
        if set(a) != {"aliases", "summary_en", "kind", "retry"}:
            fail(f"{number}: annotation keys {sorted(a)}")
        kind, retry = a["kind"], a["retry"]
        if kind not in kinds or symbol not in kinds[kind]["grpc"]:
            fail(f"{number} {symbol}: kind {kind!r} unknown or does not list {symbol}")
        if (retry is None) != (kind == "ok") or (retry and retry not in vocabulary["retry"]):
            fail(f"{number} {symbol}: retry {retry!r} does not fit kind {kind!r}")
        entries.append(dict(zip(ENTRY_KEYS, (
            number, symbol, a["aliases"], [{"vendor": "http", "code": http}], None, None, None,
            None, None, None, a["summary_en"], kind, retry))))
    catalog = {"$schema": "schema.json", "schema": 1, "vendor": VENDOR, "edition": EDITION,
               "entries": entries}
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"


def main():
    text = build()
    if sys.argv[1:] == ["--check"]:
        old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if old != text:
            old_lines, new_lines = old.splitlines(True) + [""], text.splitlines(True) + [""]
            i = next(i for i, (o, n) in enumerate(zip(old_lines, new_lines)) if o != n)
            print(f"{OUT} is out of date; line {i + 1}:\n  file:  {old_lines[i]!r}\n"
                  f"  build: {new_lines[i]!r}")
            return 1
        return 0
    if sys.argv[1:]:
        sys.exit(__doc__)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(json.loads(text)['entries'])} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
