#!/usr/bin/env python3
"""Build catalogs/gcp.json, the Google Cloud ErrorInfo reasons (standard family "gcp").

Reads (see catalogs/tools/sources/README-fam-cloud.md):
  sources/gcp-error-reasons.tsv   google.api.ErrorReason: reason, enum number, the first sentence of
      its comment (not used: our own summaries instead) and the metadata keys of its example.
  gcp_annotations.json            hand-written: reason -> summary_en, kind, retry.
Writes catalogs/gcp.json: one entry per reason in the proto's order. category is the ErrorInfo
domain; subcategory the enum number and the metadata keys the reason comes with.

    python3 catalogs/tools/build_gcp.py          # build and write
    python3 catalogs/tools/build_gcp.py --check  # exit 1 if catalogs/gcp.json is stale
"""

import sys

import common

SOURCE = common.SOURCES / "gcp-error-reasons.tsv"

DOMAIN = "googleapis.com"
UNUSED_NUMBERS = [22, 32, 37, 40]  # sources/README-fam-cloud.md
UNIMPLEMENTED = "Unimplemented."


def build():
    rows = common.read_tsv(SOURCE)
    numbers = [int(r["number"]) for r in rows]
    # Counts stated in sources/README-fam-cloud.md.
    if len(rows) != 44 or len({r["reason"] for r in rows}) != 44:
        common.fail(f"{len(rows)} reasons; README says 44")
    if sorted(set(range(48)) - set(numbers)) != UNUSED_NUMBERS or len(set(numbers)) != 44:
        common.fail(f"enum numbers {sorted(numbers)} are not 0..47 without {UNUSED_NUMBERS}")
    unimplemented = [r["reason"] for r in rows if r["first_sentence"] == UNIMPLEMENTED]
    if unimplemented != ["SYSTEM_PARAMETER_UNSUPPORTED", "SERVICE_NOT_VISIBLE"]:
        common.fail(f"unimplemented reasons {unimplemented}")
    notes = common.judgements("gcp", [r["reason"] for r in rows], kind_required=True)

    entries = []
    for r in rows:
        reason, a = r["reason"], notes[r["reason"]]
        keys = r["example_metadata_keys"].split()
        subcategory = f"ErrorReason = {r['number']}"
        if keys:
            subcategory += f"; metadata: {', '.join(keys)}"
        entries.append(common.entry(
            reason,
            symbol=reason,
            category=DOMAIN,
            subcategory=subcategory,
            **a,
        ))

    out_of_order = [f"{a['reason']} ({a['number']}) comes before {b['reason']} ({b['number']})"
                    for a, b in zip(rows, rows[1:]) if int(b["number"]) < int(a["number"])]
    with_keys = sum(bool(r["example_metadata_keys"]) for r in rows)
    return common.catalog("gcp", entries, notes=[
        f"{len(entries)} reasons of google.api.ErrorReason, the `reason` of a google.rpc.ErrorInfo "
        f"in the {DOMAIN} domain (\"reason\": \"SERVICE_DISABLED\" in an error's details), in the "
        f"proto's order, which is not numeric: {'; '.join(out_of_order)}.",
        "subcategory gives the enum number (only the enum's value: on the wire the reason is a "
        f"string) and, for {with_keys} reasons, the metadata keys of the proto's example ErrorInfo "
        f"(consumer, service, quota_metric ...). Numbers {', '.join(map(str, UNUSED_NUMBERS))} are "
        "not used.",
        "http_status and message are null: the proto gives neither. A reason arrives beside the "
        "HTTP status and the google.rpc.Code of the error (see the grpc catalog).",
        "SYSTEM_PARAMETER_UNSUPPORTED and SERVICE_NOT_VISIBLE are documented only as "
        "\"Unimplemented.\"; their summaries say what their names and metadata keys point to.",
        "description is null and summary_en is our own wording; the proto's comments (Apache-2.0, "
        "googleapis-common-protos 1.76.0) are not copied.",
        "Every entry has a kind and retry advice; ERROR_REASON_UNSPECIFIED, the enum's default that "
        "no service should send, is internal.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
