//! Node.js errors as Node prints them: `TypeError [ERR_INVALID_ARG_TYPE]: …`, the error's
//! `code: 'ERR_…'` (and the CommonJS loader's `MODULE_NOT_FOUND`), and a bare `ERR_…` code
//! (but not Chrome's `net::ERR_…`).

use super::{Family, Key, Pattern, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"\b\w*Error \[((?:ERR_|MODULE_NOT_FOUND)[A-Z0-9_]*)\]",
            name,
        ),
        Pattern::new(
            r#"\bcode['"]?\s*[:=]\s*['"]((?:ERR_[A-Z0-9_]+)|MODULE_NOT_FOUND)['"]"#,
            name,
        ),
        Pattern::new(r"((?:net::)?\bERR_[A-Z][A-Z0-9_]{3,})\b", node_code),
    ],
    triggers: &["err_", "module_not_found"],
    ..Family::new("node")
};

/// `ERR_INVALID_ARG_TYPE`, but not Chrome's `net::ERR_CONNECTION_REFUSED`.
fn node_code(s: &str) -> Option<Key> {
    (!s.starts_with("net::")).then(|| Key::Name(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, check_reads, including, n, nothing};

    #[test]
    fn headings_and_codes() {
        check_reads(
            "node",
            [
                Case {
                    line: "TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string.",
                    reads: including([n("ERR_INVALID_ARG_TYPE")]),
                },
                Case {
                    line: "Error: Cannot find module 'express'\n{\n  code: 'MODULE_NOT_FOUND',\n}",
                    reads: including([n("MODULE_NOT_FOUND")]),
                },
                Case {
                    line: "net::ERR_CONNECTION_REFUSED",
                    reads: nothing(),
                },
            ],
        );
    }
}
