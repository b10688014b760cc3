//! QUIC transport and HTTP/3 errors as quic-go and curl print them: `Application error 0x10c
//! (remote)`, a transport error by name (`CONNECTION_REFUSED (remote)`) or, for a TLS alert,
//! with its code (`CRYPTO_ERROR 0x12a (local)`, the alert a tls-alert), and HTTP/3 and QPACK
//! names (`H3_REQUEST_CANCELLED`). Codes are written in lower-case hex.

use super::{Family, Key, Pattern, hex_digits, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bApplication error (0x[0-9a-fA-F]{1,8})\b", hex),
        Pattern::new(r"\b([A-Z][A-Z_]{3,}) \((?:remote|local)\)", name),
        Pattern::new(
            r"\b(CRYPTO_ERROR) 0x1[0-9a-fA-F]{2} \((?:remote|local)\)",
            name,
        ),
        Pattern::new(r"\b((?:H3|QPACK)_[A-Z_]{4,})\b", name),
    ],
    triggers: &[
        "application error",
        "(remote)",
        "(local)",
        "h3_",
        "qpack_",
        "quic",
    ],
    code_form: quic_form,
    ..Family::new("quic")
};

fn hex(s: &str) -> Option<Key> {
    quic_form(s).map(Key::Code)
}

/// `0x10C` or `0x010c`: `0x10c`.
fn quic_form(typed: &str) -> Option<String> {
    let value = u64::from_str_radix(hex_digits(typed)?, 16).ok()?;
    Some(format!("{value:#x}"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, n};

    #[test]
    fn quic_go_and_names() {
        check_reads(
            "quic",
            [
                Case {
                    line: "GET https://edge.example.com/seg-42.m4s: Application error 0x10c (remote)",
                    reads: exactly([c("0x10c")]),
                },
                Case {
                    line: "dial quic edge.example.com:443: CONNECTION_REFUSED (remote)",
                    reads: exactly([n("CONNECTION_REFUSED")]),
                },
                Case {
                    line: "CRYPTO_ERROR 0x12a (local): tls: bad certificate",
                    reads: including([n("CRYPTO_ERROR")]),
                },
                Case {
                    line: "stream 0 reset: H3_REQUEST_CANCELLED",
                    reads: exactly([n("H3_REQUEST_CANCELLED")]),
                },
            ],
        );
    }
}
