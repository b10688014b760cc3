"""Kind and retry advice for the vendor catalogs: hand-assigned per code in
catalogs/tools/kinds_small.json and pixnet_kinds.json ({vendor: {code: {"kind", "retry"}}}),
checked against the vocabulary of catalogs/kinds.json (a kind's HTTP statuses included)."""

import json
from pathlib import Path

VOCABULARY = json.loads((Path(__file__).resolve().parent.parent / "kinds.json").read_text("utf-8"))
KINDS = {k["id"]: k for k in VOCABULARY["kinds"]}
RETRY = set(VOCABULARY["retry"])


def apply(vendor, rows, table):
    """Sets each row's kind and retry from `table` (code -> {"kind", "retry"}); every code must
    be there and every assignment must fit the vocabulary. Returns the codes without a kind."""
    codes = {r["code"] for r in rows}
    missing, extra = codes - set(table), set(table) - codes
    if missing or extra:
        raise ValueError(f"{vendor}: kinds missing for {sorted(missing)}, unused for {sorted(extra)}")
    unjudged = []
    for r in rows:
        a = table[r["code"]]
        if set(a) - {"kind", "retry"}:
            raise ValueError(f"{vendor} {r['code']}: unexpected keys {sorted(a)}")
        kind, retry = a["kind"], a["retry"]
        if kind is None:
            unjudged.append(r["code"])
            if retry is not None:
                raise ValueError(f"{vendor} {r['code']}: retry without a kind")
        else:
            if kind not in KINDS:
                raise ValueError(f"{vendor} {r['code']}: unknown kind {kind!r}")
            status = r.get("http_status")
            if status is not None and status not in KINDS[kind]["http"]:
                raise ValueError(f"{vendor} {r['code']}: HTTP {status} is not a {kind} status")
            is_error = KINDS[kind]["retry"] is not None
            if (retry is None) == is_error or (retry is not None and retry not in RETRY):
                raise ValueError(f"{vendor} {r['code']}: retry {retry!r} for kind {kind}")
        r["kind"], r["retry"] = kind, retry
    return sorted(set(unjudged))
