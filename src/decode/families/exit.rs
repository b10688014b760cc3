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
    triggers: &["exit"],
    ..Family::new("exit")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys_in};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["exit"], text)
    }

    fn exit(text: &str) -> Vec<super::super::Key> {
        read(text)
            .into_iter()
            .filter(|(f, _)| *f == "exit")
            .map(|(_, k)| k)
            .collect()
    }

    #[test]
    fn docker_kubectl_go_make_python_and_ci() {
        assert_eq!(
            exit(
                "3f4e1a9c2b7d   acme/api:1.8.2   \"node dist/server.js\"   12 minutes ago   Exited (137) 2 minutes ago   api"
            ),
            [c("137")]
        );
        assert_eq!(exit("      Exit Code:    137\n"), [c("137")]);
        assert_eq!(exit("2024/05/13 build: exit status 139"), [c("139")]);
        assert_eq!(exit("make: *** [Makefile:23: test] Error 2"), [c("2")]);
        assert_eq!(
            exit(
                "subprocess.CalledProcessError: Command 'pg_dump' returned non-zero exit status 127."
            ),
            [c("127")]
        );
        assert_eq!(exit("worker-1 exited with code 137"), [c("137")]);
        assert_eq!(
            exit("Error: Process completed with exit code 137."),
            [c("137")]
        );
        assert_eq!(
            exit("error: process didn't exit successfully: `target/debug/app` (exit status: 101)"),
            [c("101")]
        );
        assert_eq!(
            exit("$ timeout 30 ./integration.sh\n$ echo $?\n124\n"),
            [c("124")]
        );
        assert_eq!(exit("dev@box:~$ echo $status\n64\n"), [c("64")]);
        // Durations, ports and Windows exception codes are not exit statuses; nor is a number
        // that is not the only thing on the line after `echo $?`.
        assert!(exit("$ echo $?; ls\n3 files\n").is_empty());
        assert!(exit("job 4411 finished, took 137ms").is_empty());
        assert!(exit("listening on port 1045").is_empty());
        assert!(exit("has exited with code -1073741819 (0xc0000005)").is_empty());
        assert!(exit("exited with code 3221225477").is_empty());
    }
}
