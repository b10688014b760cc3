//! Kubernetes container and event reasons as kubectl shows them: the STATUS column of `kubectl
//! get pods`, the REASON of warning events (`kubectl get events`, `kubectl describe`), and
//! `Reason: OOMKilled` in `kubectl describe pod`. Reasons that mean all is well (`Completed`)
//! are not reported. A warning event's reason the catalog lacks (the scheduler's
//! `FailedScheduling`, the eviction manager's `Evicted`) is reported as not in it.

use super::{Family, Pattern, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"(?m)^\S+[ \t]+\d+/\d+[ \t]+(?:Init:)?([A-Z][A-Za-z]+)[ \t]+\d+",
            name,
        ),
        Pattern::new(
            r"(?m)^[ \t]*(?:\S+[ \t]+)?Warning[ \t]+([A-Z][A-Za-z]+)[ \t]+(?:[a-z]+/\S|\d+[smhd]|<unknown>)",
            name,
        )
        .placed(),
        Pattern::new(r"(?m)^[ \t]*Reason:[ \t]+([A-Z][A-Za-z]+)[ \t]*\r?$", name),
    ],
    triggers: &[
        "backoff",
        "reason:",
        "warning",
        "errimage",
        "oomkilled",
        "evicted",
    ],
    ..Family::new("k8s")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, check_reads, exactly, n, nothing};

    #[test]
    fn pods_events_and_describe() {
        let pods = "NAME                      READY   STATUS             RESTARTS       AGE\napi-7d9c7b6f5d-x2k8p      0/1     CrashLoopBackOff   7 (2m3s ago)   14m\nworker-5f6d8c9b7-q9w2z    1/1     Running            0              14m\n";
        let pull = "web-6b8f9d7c4-l7k4t      0/1     ErrImagePull       0          3m12s\napi-6c9d8f7b5-m4q2v    0/1     CreateContainerConfigError   0   41s\n";
        let events = "LAST SEEN   TYPE      REASON      OBJECT                     MESSAGE\n2m          Warning   BackOff     pod/api-7d9c7b6f5d-x2k8p   Back-off restarting failed container\n";
        check_reads(
            "k8s",
            [
                Case {
                    line: pods,
                    reads: exactly([n("CrashLoopBackOff"), n("Running")]),
                },
                Case {
                    line: pull,
                    reads: exactly([n("ErrImagePull"), n("CreateContainerConfigError")]),
                },
                Case {
                    line: events,
                    reads: exactly([n("BackOff")]),
                },
                Case {
                    line: "  Warning  Failed     12s (x3 over 40s)  kubelet  Error: secret \"db\" not found",
                    reads: exactly([n("Failed")]),
                },
                Case {
                    line: "    Last State:     Terminated\n      Reason:       OOMKilled\n",
                    reads: exactly([n("OOMKilled")]),
                },
                // A log's warning is not an event.
                Case {
                    line: "[x] Warning Failed to load config",
                    reads: nothing(),
                },
            ],
        );
    }
}
