#!/usr/bin/env python3
"""Build catalogs/jsonrpc.json, the JSON-RPC 2.0 and Language Server Protocol error codes
(standard family "jsonrpc").

Reads (see catalogs/tools/sources/README-fam-protocols.md):
  sources/jsonrpc-errors.tsv   code, name, source, spec_message, kind (code | range marker |
      range: ...): vscode-jsonrpc's ErrorCodes, LSP's LSPErrorCodes and the spec's two ranges.
  jsonrpc_annotations.json     hand-written: code -> summary_en, kind, retry.
Writes catalogs/jsonrpc.json: one entry per distinct code, in the order codes first appear in the
source. A code's symbol is its first error name (kind "code"), else its first range marker; the
other names with that value are aliases.

    python3 catalogs/tools/build_jsonrpc.py          # build and write
    python3 catalogs/tools/build_jsonrpc.py --check  # exit 1 if catalogs/jsonrpc.json is stale
"""

import sys
from collections import Counter

import common

SOURCE = common.SOURCES / "jsonrpc-errors.tsv"

VSCODE = "vscode-jsonrpc ErrorCodes"
LSP = "vscode-languageserver-protocol LSPErrorCodes"
SPEC = "JSON-RPC 2.0"


def read_rows():
    rows = common.read_tsv(SOURCE)
    # Counts stated in sources/README-fam-protocols.md.
    by_group = Counter(
        (r["source"].split(" + ")[-1], r["kind"].split(":")[0]) for r in rows)
    expected = {(VSCODE, "code"): 11, (VSCODE, "range marker"): 4, (LSP, "code"): 4,
                (LSP, "range marker"): 2, (SPEC, "range"): 2}
    if len(rows) != 23 or by_group != expected:
        common.fail(f"{len(rows)} rows {dict(by_group)}; README says 23: {expected}")
    return rows


def build():
    rows = read_rows()
    groups = common.grouped(rows, "code")
    if len(groups) != 19:
        common.fail(f"{len(groups)} distinct codes, expected 19")
    notes = common.judgements("jsonrpc", list(groups), kind_required=True)

    entries = []
    for code, group in groups.items():
        is_range = group[0]["kind"].startswith("range:")
        if is_range:
            symbol, aliases = None, []
        else:
            names = [r["name"] for r in group if r["kind"] == "code"]
            names += [r["name"] for r in group if r["kind"] == "range marker"]
            symbol, aliases = names[0], names[1:]
        entries.append(common.entry(
            code,
            symbol=symbol,
            aliases=aliases,
            category=common.join(r["source"] for r in group),
            subcategory=common.join(r["kind"] for r in group),
            message=common.join(r["spec_message"] for r in group),
            **notes[code],
        ))

    merged = {e["code"]: e["aliases"] for e in entries if e["aliases"]}
    expected_aliases = {"-32099": ["jsonrpcReservedErrorRangeStart", "serverErrorStart"],
                        "-32000": ["serverErrorEnd"], "-32800": ["lspReservedErrorRangeEnd"]}
    if merged != expected_aliases:
        common.fail(f"names sharing a code {merged}, README says {expected_aliases}")
    with_message = sum(1 for e in entries if e["message"])
    return common.catalog("jsonrpc", entries, notes=[
        f"{len(entries)} codes from {len(rows)} source rows: the 5 codes the JSON-RPC 2.0 "
        "specification defines, 6 more of vscode-jsonrpc's ErrorCodes, 4 of LSP's "
        "LSPErrorCodes, 3 values that are only range markers (-32000, -32899, and -32099 which "
        "is also MessageWriteError) and the spec's two ranges, kept as the codes "
        "\"-32000..-32099\" and \"-32768..-32000\".",
        "Names sharing a value are aliases of one entry: -32099 is MessageWriteError with the "
        "markers jsonrpcReservedErrorRangeStart and serverErrorStart (deprecated); -32000 is "
        "jsonrpcReservedErrorRangeEnd and serverErrorEnd (deprecated); -32800 is RequestCancelled "
        "and lspReservedErrorRangeEnd.",
        f"message is the specification's message text, given for {with_message} entries (the 5 "
        "pre-defined codes and the \"Server error\" range); vscode-jsonrpc and LSP define names, "
        "not texts, so the others have none.",
        "ServerNotInitialized (-32002) and UnknownErrorCode (-32001) lie inside the "
        "-32000..-32099 range the specification leaves to servers; other servers may use those "
        "numbers for errors of their own.",
        "Names come from npm vscode-jsonrpc 10.0.0 and vscode-languageserver-protocol 3.18.6 "
        "(MIT); the codes and messages of the specification are facts. summary_en is our own "
        "wording; kind and retry are judged by hand per code.",
        "Every entry has a kind.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
