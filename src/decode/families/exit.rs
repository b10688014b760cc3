//! Exit statuses as tools report a command that failed: docker's `Exited (137)`, kubectl's
//! `Exit Code: 137`, Go's and make's `exit status 2`, `make: *** […] Error 2`, Python's
//! `returned non-zero exit status 127`, Rust's `exit status: 101`, the many `exit code N` /
//! `exited with code N`, and a shell's `echo $?` with the status on the next line. Status 0 is
//! a success, and is not reported.

use super::{Family, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bExited \((\d{1,3})\)", code),
        Pattern::new(r"\bexit status:? (\d{1,3})\b", code),
        Pattern::new(r"\b(?i:exit(?:ed with)? code):?[ \t]+(\d{1,3})\b", code),
        Pattern::new(
            r"\bmake(?:\[\d+\])?: \*\*\* [^\n]*?\bError (\d{1,3})\b",
            code,
        ),
        Pattern::new(r"\breturned non-zero exit status (\d{1,3})\b", code),
        Pattern::new(
            r"(?m)\becho \$(?:\?|status)[ \t]*\r?\n[ \t]*(\d{1,3})[ \t]*\r?$",
            code,
        ),
    ],
    triggers: &["exit", "echo $?", "echo $status"],
    ..Family::new("exit")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, nothing};

    #[test]
    fn docker_kubectl_go_make_python_and_ci() {
        check_reads(
            "exit",
            [
                Case {
                    line: "3f4e1a9c2b7d   acme/api:1.8.2   \"node dist/server.js\"   12 minutes ago   Exited (137) 2 minutes ago   api",
                    reads: exactly([c("137")]),
                },
                Case {
                    line: "      Exit Code:    137\n",
                    reads: exactly([c("137")]),
                },
                Case {
                    line: "2024/05/13 build: exit status 139",
                    reads: exactly([c("139")]),
                },
                Case {
                    line: "make: *** [Makefile:23: test] Error 2",
                    reads: exactly([c("2")]),
                },
                Case {
                    line: "subprocess.CalledProcessError: Command 'pg_dump' returned non-zero exit status 127.",
                    reads: exactly([c("127")]),
                },
                Case {
                    line: "worker-1 exited with code 137",
                    reads: exactly([c("137")]),
                },
                Case {
                    line: "Error: Process completed with exit code 137.",
                    reads: exactly([c("137")]),
                },
                Case {
                    line: "error: process didn't exit successfully: `target/debug/app` (exit status: 101)",
                    reads: exactly([c("101")]),
                },
                Case {
                    line: "$ timeout 30 ./integration.sh\n$ echo $?\n124\n",
                    reads: exactly([c("124")]),
                },
                Case {
                    line: "dev@box:~$ echo $status\n64\n",
                    reads: exactly([c("64")]),
                },
                // Durations, ports and Windows exception codes are not exit statuses; nor is a
                // number that is not the only thing on the line after `echo $?`.
                Case {
                    line: "$ echo $?; ls\n3 files\n",
                    reads: nothing(),
                },
                Case {
                    line: "job 4411 finished, took 137ms",
                    reads: nothing(),
                },
                Case {
                    line: "listening on port 1045",
                    reads: nothing(),
                },
                Case {
                    line: "has exited with code -1073741819 (0xc0000005)",
                    reads: nothing(),
                },
                Case {
                    line: "exited with code 3221225477",
                    reads: nothing(),
                },
            ],
        );
    }
}
