//! Signals as shells and runtimes report a process they ended: bash's `Segmentation fault (core
//! dumped)` (which is exit status 128+N too), Go's `signal: killed` and panics' `[signal
//! SIGSEGV: …]`, Python's `<Signals.SIGKILL: 9>`, systemd's `code=killed, status=9/KILL`,
//! Rust's and cargo's `signal: 11 (SIGSEGV)`, and the kernel's OOM killer (which sends SIGKILL).

use super::{Family, Key, Pattern, code, message, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"(?m)^[ \t]*(Segmentation fault|Killed|Aborted|Bus error|Illegal instruction|Floating point exception|Terminated|Hangup|Quit|Trace/breakpoint trap|User defined signal [12]|Alarm clock|CPU time limit exceeded|File size limit exceeded|Bad system call)(?: \(core dumped\))?[ \t]*\r?$",
            message,
        )
        .linked(),
        Pattern::new(
            r"(?m): line \d+: +\d+ (Segmentation fault|Killed|Aborted|Bus error|Illegal instruction|Floating point exception|Terminated|Hangup|Quit|Trace/breakpoint trap|User defined signal [12]|Alarm clock|CPU time limit exceeded|File size limit exceeded|Bad system call)\b",
            message,
        )
        .linked(),
        Pattern::new(r"\bsignal: ([a-z][a-z0-9 /]*[a-z0-9])", message),
        Pattern::new(r"\[signal (SIG[A-Z0-9]+)", name),
        Pattern::new(r"<Signals\.(SIG[A-Z0-9]+): \d+>", name),
        Pattern::new(r"\bcode=(?:killed|dumped), status=(\d{1,2})/", code),
        Pattern::new(r"\b(?i:killed|terminated) by signal:? (\d{1,2})\b", code),
        Pattern::new(r"\bsignal: (\d{1,2})(?:, | \()SIG[A-Z0-9]+\b", code),
        Pattern::new(
            r"\b(?i:out of memory): (Kill)(?:ed)? process \d+",
            |_| Some(Key::Code("9".to_string())),
        ),
    ],
    triggers: &[
        "segmentation fault",
        "killed",
        "aborted",
        "core dumped",
        "signal",
        "terminated",
        "bus error",
        "illegal instruction",
        "floating point exception",
        "hangup",
        "quit",
        "trace/breakpoint",
        "alarm clock",
        "bad system call",
    ],
    ..Family::new("signal")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, m, n, nothing};

    #[test]
    fn shells_go_python_and_systemd() {
        check_reads(
            "signal",
            [
                Case {
                    line: "$ ./bin/indexer\nSegmentation fault (core dumped)\n",
                    reads: exactly([m("Segmentation fault")]),
                },
                Case {
                    line: "./run.sh: line 3: 12345 Killed                  ./bin/indexer\n",
                    reads: exactly([m("Killed")]),
                },
                Case {
                    line: "build step failed: signal: killed",
                    reads: exactly([m("killed")]),
                },
                Case {
                    line: "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]",
                    reads: including([n("SIGSEGV")]),
                },
                Case {
                    line: "Command '['./render.sh']' died with <Signals.SIGKILL: 9>.",
                    reads: exactly([n("SIGKILL")]),
                },
                Case {
                    line: "acme-api.service: Main process exited, code=killed, status=9/KILL",
                    reads: exactly([c("9")]),
                },
                Case {
                    line: "error: process didn't exit successfully: `target/debug/app` (signal: 11, SIGSEGV: invalid memory reference)",
                    reads: exactly([c("11")]),
                },
                Case {
                    line: "Error: command exited with signal: 6 (SIGABRT) (core dumped)",
                    reads: exactly([c("6")]),
                },
                Case {
                    line: "[12345.678901] Out of memory: Killed process 4242 (java) total-vm:8123456kB",
                    reads: exactly([c("9")]),
                },
                Case {
                    line: "[88.1] Memory cgroup out of memory: Killed process 311 (node) total-vm:1kB",
                    reads: exactly([c("9")]),
                },
                // A word in a sentence is not the shell's report.
                Case {
                    line: "The transaction was Aborted by the user",
                    reads: nothing(),
                },
                Case {
                    line: "2 jobs Killed by the scheduler today\n",
                    reads: nothing(),
                },
            ],
        );
    }
}
