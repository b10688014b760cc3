//! curl: the tool's `curl: (28) …`, PHP's `cURL error 28: …` and pycurl's tuple.

use super::{Family, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bcurl: \((\d{1,3})\) ([^\n]*)", code).with_message(),
        Pattern::new(r"\bcURL error (\d{1,3}): ([^\n(]*)", code).with_message(),
        Pattern::new(r"\bpycurl\.error: \((\d{1,3}), '([^'\n]*)'", code).with_message(),
    ],
    triggers: &["curl"],
    ..Family::new("curl")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, alone, c, check_reads, including};

    #[test]
    fn the_tool_php_and_python() {
        check_reads(
            "curl",
            [
                Case {
                    line: "curl: (28) Operation timed out after 5001 milliseconds",
                    reads: alone([c("28")]),
                },
                Case {
                    line: "cURL error 6: Could not resolve host: x",
                    reads: including([c("6")]),
                },
            ],
        );
    }
}
