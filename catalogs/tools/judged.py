"""Hand-written judgement for a family built from a source: per code a summary, a kind and retry
advice (`<id>_annotations.json`), and for families too large to judge code by code, rules on the
symbol that give the kind of the codes nobody wrote by hand.

An annotations file maps a code to {"summary_en"?, "kind"?, "retry"?}; its key "_rules" (if any)
is a list of [regex, kind] or [regex, kind, retry], tried in order on the symbol with re.search,
the first match winning. Retry left out means the kind's own advice in catalogs/kinds.json.
"""

import re

import common


class Judge:
    """The annotations of one family, checked against the codes of its source."""

    def __init__(self, family, codes, summarised=()):
        raw = common.read_json(common.annotations_path(family))
        self.notes = common.annotations(family)
        self.rules = [(re.compile(r[0]), r[1], r[2] if len(r) > 2 else None)
                      for r in raw.get("_rules", [])]
        unknown = sorted(set(self.notes) - set(codes), key=str)
        if unknown:
            common.fail(f"annotations for codes the source does not have: {unknown}")
        for code, note in self.notes.items():
            extra = set(note) - {"summary_en", "kind", "retry"}
            if extra:
                common.fail(f"{code}: unexpected annotation keys {sorted(extra)}")
            summary = note.get("summary_en")
            # The explorer and the embedded-catalog tests expect plain ASCII sentences.
            if summary is not None and (len(summary) < 20 or not summary.isascii()):
                common.fail(f"{code}: summary_en too short or not ASCII: {summary!r}")
        missing = [c for c in summarised if not self.summary(c)]
        if missing:
            common.fail(f"no summary_en for {missing}")
        self.by_rule = 0
        self.by_hand = 0

    def summary(self, code):
        return self.notes.get(code, {}).get("summary_en")

    def kind(self, code, symbol, http_status=None):
        """(kind, retry) for a code: by hand if annotated, else by the first rule that matches
        its symbol, else (None, None). Checked against the vocabulary."""
        note = self.notes.get(code, {})
        if "kind" in note:
            kind, retry = note["kind"], note.get("retry", "default")
            self.by_hand += 1
        else:
            kind, retry = None, None
            for pattern, rule_kind, rule_retry in self.rules:
                if symbol and pattern.search(symbol):
                    kind, retry = rule_kind, rule_retry or "default"
                    self.by_rule += 1
                    break
            if "retry" in note:
                retry = note["retry"]
        if retry == "default":
            retry = common.KINDS[kind]["retry"] if kind else None
        common.check_kind(code, kind, retry, http_status)
        return kind, retry

    def judgement(self, code, symbol, kind_required=False):
        """What an entry takes from the judge: its summary_en, kind and retry."""
        kind, retry = self.kind(code, symbol)
        if kind_required and kind is None:
            common.fail(f"{code}: no hand kind and no rule matches")
        return {"summary_en": self.summary(code), "kind": kind, "retry": retry}
