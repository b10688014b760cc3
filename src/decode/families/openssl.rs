//! OpenSSL's SSL reasons as OpenSSL 1.x and 3.x print them: the packed code (`error:0A00010B:SSL
//! routines::wrong version number`, `error:1408F10B:SSL routines:ssl3_get_record:…`), the
//! reason's text, Python's `[SSL: WRONG_VERSION_NUMBER]` and Node's `ERR_SSL_…` codes. A
//! reason about an alert the peer sent (`sslv3 alert handshake failure`) is that TLS alert too.

use super::{Family, Key, Pattern, message, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\berror:([0-9A-Fa-f]{8}):SSL routines:", packed_reason).linked(),
        Pattern::new(r"\bSSL routines:\w*:([a-z0-9][a-z0-9 ]*[a-z0-9])", message).linked(),
        Pattern::new(r"\[SSL: ([A-Z0-9_]+)\]", name).linked(),
        Pattern::new(
            r"\b((?:sslv3|tlsv1|tlsv13) alert [a-z][a-z ]*[a-z])",
            message,
        )
        .linked(),
        Pattern::new(r"\bERR_SSL_([A-Z0-9_]+)\b", name).linked(),
        Pattern::new(r"\b(SSL_R_[A-Z0-9_]+)\b", name).linked(),
    ],
    triggers: &["ssl"],
    ..Family::new("openssl")
};

/// The reason of a packed error code of the SSL library: OpenSSL 3 packs the library in bits
/// 23 and up and the reason below them, 1.x the library in the top byte, a function and the
/// reason in the low 12 bits. The library is 20 (`ERR_LIB_SSL`) in both.
fn packed_reason(s: &str) -> Option<Key> {
    let v = u32::from_str_radix(s, 16).ok()?;
    let reason = if v >> 24 == 20 {
        v & 0xFFF
    } else if (v >> 23) & 0xFF == 20 && v >> 31 == 0 {
        v & 0x7F_FFFF
    } else {
        return None;
    };
    Some(Key::Code(reason.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, including, m, n, nothing};

    #[test]
    fn packed_codes_of_openssl_1_and_3() {
        check_reads(
            "openssl",
            [
                Case {
                    line: "curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number",
                    reads: including([c("267")]),
                },
                Case {
                    line: "140736283313088:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:331:",
                    reads: including([c("267")]),
                },
                Case {
                    line: "error:0A000410:SSL routines::sslv3 alert handshake failure",
                    reads: including([c("1040")]),
                },
                // Another library's code is not an SSL reason.
                Case {
                    line: "error:0580006C:x509 certificate routines::x",
                    reads: nothing(),
                },
            ],
        );
    }

    #[test]
    fn texts_and_names() {
        check_reads(
            "openssl",
            [
                Case {
                    line: "SSL_connect returned=1 errno=0 state=error: sslv3 alert handshake failure",
                    reads: including([m("sslv3 alert handshake failure")]),
                },
                Case {
                    line: "ssl.SSLEOFError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)",
                    reads: including([n("UNEXPECTED_EOF_WHILE_READING")]),
                },
                Case {
                    line: "  code: 'ERR_SSL_DH_KEY_TOO_SMALL'",
                    reads: including([n("DH_KEY_TOO_SMALL")]),
                },
            ],
        );
    }
}
