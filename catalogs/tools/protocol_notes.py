"""The hand-written annotations of the protocol families (jsonrpc, websocket, http2, quic, dns,
dns-ede, smtp): one file per family, code -> {summary_en, kind, retry}, read and checked the same
way by each build script so that a missing, extra or ill-fitting annotation stops the build."""

import common

KEYS = {"summary_en", "kind", "retry"}


def load(script, path, codes, keys=KEYS):
    """The annotations of `path` for exactly `codes` (in any order). Each has `keys`; `kind` and
    `retry` fit catalogs/kinds.json and every summary is a non-empty sentence."""
    notes = common.annotations(path)
    missing = [c for c in codes if c not in notes]
    extra = sorted(set(notes) - set(codes))
    if missing or extra:
        common.fail(script, f"{path.name}: no annotation for {missing}; no code for {extra}")
    for code in codes:
        a = notes[code]
        if set(a) != set(keys):
            common.fail(script, f"{path.name} {code}: keys {sorted(a)}, expected {sorted(keys)}")
        if "kind" in a:
            try:
                common.check_kind(code, a["kind"], a["retry"])
            except ValueError as err:
                common.fail(script, f"{path.name}: {err}")
            if a["kind"] is None:
                common.fail(script, f"{path.name} {code}: every entry needs a kind")
        if "summary_en" in a and not a["summary_en"].strip():
            common.fail(script, f"{path.name} {code}: empty summary_en")
    return notes


def join(values):
    """Distinct non-empty values in first-seen order, joined with "; " (None when there are none)."""
    seen = list(dict.fromkeys(v for v in values if v))
    return "; ".join(seen) or None
