//! JSON-RPC 2.0 and LSP error codes in error bodies (`"error": {"code": -32601, …}`) and in
//! language clients' logs (`Code: -32800`): the codes of JSON-RPC's reserved range (-32768 to
//! -32000) and LSP's (-32899 to -32800).

use super::{Family, Key, Pattern};

pub const FAMILY: Family = Family {
    patterns: &[Pattern::new(
        r#"\b(?i:code)["']?\s*[:=]\s*(-32[0-8][0-9]{2})\b"#,
        reserved,
    )],
    triggers: &["-32"],
    ..Family::new("jsonrpc")
};

fn reserved(s: &str) -> Option<Key> {
    let n: i32 = s.parse().ok()?;
    ((-32768..=-32000).contains(&n) || (-32899..=-32800).contains(&n))
        .then(|| Key::Code(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, nothing};

    #[test]
    fn bodies_and_lsp_logs() {
        check_reads(
            "jsonrpc",
            [
                Case {
                    line: r#"{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":1}"#,
                    reads: exactly([c("-32601")]),
                },
                Case {
                    line: "[Error - 10:22:01 AM] Request failed.\n  Message: cancelled\n  Code: -32800 \n",
                    reads: exactly([c("-32800")]),
                },
                Case {
                    line: r#"{"code": -1, "temp": -32100}"#,
                    reads: nothing(),
                },
            ],
        );
    }
}
