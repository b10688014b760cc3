#!/usr/bin/env python3
"""Build catalogs/k8s.json, the reasons of Kubernetes container states and events (standard
family "k8s").

Reads (see catalogs/tools/sources/README-fam-platform.md):
  sources/kubernetes-reasons.tsv  reason, kind, go_identifier, repo, path, commit, source_comment,
      otel_brief: the reason strings of the kubelet (waiting reasons, sync results, events),
      containerd's terminated reasons and two from OpenTelemetry's registry.
  k8s_annotations.json            hand-written: reason -> {summary_en, kind, retry}.
Writes catalogs/k8s.json: one entry per distinct reason, in the order of its first row. A reason
with several rows ("Failed" for four event constants) is one entry naming every constant.

    python3 catalogs/tools/build_k8s.py          # build and write
    python3 catalogs/tools/build_k8s.py --check  # exit 1 if catalogs/k8s.json is stale
"""

import re
import sys
from collections import Counter

import common
from judged import Judge

SOURCE = common.SOURCES / "kubernetes-reasons.tsv"

# The counts sources/README-fam-platform.md states.
ROWS, REASONS = 78, 73
REPEATED = {"Failed": 4, "BackOff": 2, "ErrImageNeverPull": 2}
KIND_COLUMN = re.compile(r"(.+?) \((.+)\)")
# OpenTelemetry rows name the attribute, not a Go constant.
OTEL_ATTRIBUTE = "k8s.container.status.reason"


def read_source():
    """{reason: [row, ...]} in the order of each reason's first row."""
    rows = common.read_tsv(SOURCE)
    by_reason = common.grouped(rows, "reason")
    repeated = {k: len(v) for k, v in by_reason.items() if len(v) > 1}
    if (len(rows), len(by_reason), repeated) != (ROWS, REASONS, REPEATED):
        common.fail(f"{len(rows)} rows, {len(by_reason)} reasons, repeated {repeated}: "
                    "the source changed")
    return by_reason


def distinct(values):
    return list(dict.fromkeys(v for v in values if v))


def build():
    by_reason = read_source()
    judge = Judge("k8s", by_reason, summarised=by_reason)
    entries = []
    for reason, rows in by_reason.items():
        groups = [KIND_COLUMN.fullmatch(r["kind"]) for r in rows]
        if not all(groups):
            common.fail(f"{reason}: kind column without a parenthesis")
        identifiers = distinct(r["go_identifier"] for r in rows
                               if r["go_identifier"] not in (reason, OTEL_ATTRIBUTE))
        described = distinct(t for r in rows for t in (r["source_comment"], r["otel_brief"]))
        entries.append(common.entry(
            reason,
            symbol=reason,
            aliases=identifiers,
            category="; ".join(distinct(g[1] for g in groups)),
            subcategory="; ".join(distinct(g[2] for g in groups)),
            description=described or None,
            **judge.judgement(reason, reason),
        ))
    categories = Counter(c for e in entries for c in e["category"].split("; "))
    described = sum(1 for e in entries if e["description"])
    return common.catalog("k8s", entries, notes=[
        f"{len(entries)} distinct reasons from {ROWS} source rows: "
        + ", ".join(f"{n} {c}" for c, n in categories.most_common())
        + " (a reason can be in more than one group). Sources, all Apache-2.0: kubernetes/kubernetes "
        "pkg/kubelet/images/types.go (64c0164), pkg/kubelet/events/event.go (819ecd4), "
        "pkg/kubelet/container/sync_result.go (bb81bef), pkg/kubelet/kuberuntime/"
        "kuberuntime_container.go (fbba6b4); containerd/containerd internal/cri/server/helpers.go "
        "(6d0545d); open-telemetry/semantic-conventions model/k8s/registry.yaml (384d661).",
        "code and symbol are the reason as kubectl prints it (STATUS column, Reason: lines, the "
        "REASON of events); aliases are the Go constants that hold it (four event constants are "
        "all \"Failed\", two are \"BackOff\"). category and subcategory are the source's "
        "groups: where the reason appears, and the kind of event or error.",
        f"description is the source's own text where it has one ({described} reasons): the Go "
        "comment, then OpenTelemetry's brief for k8s.container.status.reason. message is null: a "
        "reason is a code, and the text beside it in kubectl output comes from the component "
        "that set it.",
        "Exit codes are not reasons: containerd sets StartError with exit code 128 and Unknown "
        "with 255; OOMKilled usually goes with 137 (128 + SIGKILL). The exit family links 137 to "
        "OOMKilled; no link is made from here, since the exit code of an OOM kill varies.",
        "ContainerCannotRun was the Docker (dockershim) runtime's reason and no current kubelet "
        "or containerd sets it; RegistryUnavailable, listed by older Kubernetes, is gone from "
        "the source and not included.",
        "summary_en, kind and retry are hand-written for every reason (k8s_annotations.json). "
        "Normal events (Created, Started, Pulled, Killing...) are kind ok; NodeNotSchedulable, "
        "Rebooted and similar notices are kind warning.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))
