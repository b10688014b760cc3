//! TLS alerts as the peers report them: OpenSSL's `SSL alert number 70`, Go's `remote error:
//! tls: bad certificate`, Java's `Received fatal alert: handshake_failure`, quic-go's QUIC
//! `CRYPTO_ERROR 0x12a (local)` (0x100 + the alert). OpenSSL's reasons for a received alert link
//! here from the openssl family.

use super::{Family, Key, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bSSL alert number (\d{1,3})\b", code),
        Pattern::new(
            r"\b(?:remote|local) error: tls: ([a-z][a-zA-Z ]*[a-zA-Z])",
            go_alert,
        ),
        Pattern::new(r"\bReceived fatal alert: ([a-z_]+)", name),
        Pattern::new(
            r"\bCRYPTO_ERROR 0x1([0-9a-fA-F]{2}) \((?:remote|local)\)",
            alert_in_hex,
        ),
    ],
    triggers: &["alert", "tls: ", "crypto_error"],
    ..Family::new("tls-alert")
};

/// QUIC's CRYPTO_ERROR is 0x100 plus the alert: the low byte, in hex.
fn alert_in_hex(s: &str) -> Option<Key> {
    u8::from_str_radix(s, 16)
        .ok()
        .map(|alert| Key::Code(alert.to_string()))
}

/// Go writes the alert's name with spaces (`bad certificate`).
fn go_alert(s: &str) -> Option<Key> {
    Some(Key::Name(s.replace(' ', "_")))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, n};

    #[test]
    fn openssl_go_and_java() {
        check_reads(
            "tls-alert",
            [
                Case {
                    line: "tlsv1 alert protocol version:../ssl/record/rec_layer_s3.c:1584:SSL alert number 70",
                    reads: including([c("70")]),
                },
                Case {
                    line: "http: TLS handshake error from 10.1.4.22:53184: remote error: tls: bad certificate",
                    reads: exactly([n("bad_certificate")]),
                },
                Case {
                    line: "CRYPTO_ERROR 0x12a (local): tls: bad certificate",
                    reads: including([c("42")]),
                },
                Case {
                    line: "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure",
                    reads: exactly([n("handshake_failure")]),
                },
            ],
        );
    }
}
