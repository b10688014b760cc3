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
    use super::super::tests::{c, keys};

    #[test]
    fn the_tool_php_and_python() {
        assert_eq!(
            keys("curl: (28) Operation timed out after 5001 milliseconds"),
            [("curl", c("28"))]
        );
        assert!(keys("cURL error 6: Could not resolve host: x").contains(&("curl", c("6"))));
    }
}
