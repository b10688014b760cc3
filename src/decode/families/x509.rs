//! Certificate verification errors (OpenSSL's `X509_V_ERR_*`) as tools print them: `openssl
//! s_client`'s `verify error:num=20:…` and `Verify return code: 21 (…)`, curl's `SSL
//! certificate problem: …` (error 60), Python's `certificate verify failed: …`, Node's
//! `code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'`, and the messages of Go's verifier that say which
//! check failed (an expired certificate, a name it is not valid for) or, for a chain that
//! reaches no trusted root, the codes OpenSSL gives that case.

use super::{Family, Key, Pattern, code, message, name};

/// What OpenSSL reports for a chain that reaches no trusted root, which Go reports as one
/// `certificate signed by unknown authority`: the issuer of the last certificate is not in the
/// trust store (20), nor that of the only one sent (21), the root sent is not trusted (19), the
/// certificate signs itself (18), an intermediate is missing (2).
const NO_TRUSTED_ROOT: &[&str] = &["20", "21", "19", "18", "2"];

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bverify error:num=(\d{1,3}):([^\n]*)", code).with_message(),
        Pattern::new(r"\bVerify return code: (\d{1,3}) \(", code),
        Pattern::new(r"(?m)\bSSL certificate problem: ([^\r\n]+?)\s*$", message),
        Pattern::new(
            r"\bcertificate verify failed: ([^()\r\n]+?)\s*\(_ssl\.c",
            message,
        ),
        Pattern::new(r#"\bcode['"]?\s*[:=]\s*['"]([A-Z][A-Z_]{6,})['"]"#, name),
        Pattern::new(r"\b(X509_V_ERR_[A-Z_]+)\b", name),
        Pattern::new(
            r"\bx509: certificate has expired or is not yet valid: current time \S+ is (after|before) ",
            go_validity,
        ),
        Pattern::new(
            r"\bx509: certificate is (?:valid for [^\n]*?, not|not valid for any names, but wanted to match) ([\w.:-]+)",
            go_name_mismatch,
        ),
        Pattern::new(
            r"\bx509: (?P<message>certificate signed by unknown authority)",
            no_trusted_root,
        )
        .with_message(),
    ],
    triggers: &["certificate", "verify error", "x509"],
    ..Family::new("x509")
};

fn no_trusted_root(_: &str) -> Option<Key> {
    Some(Key::OneOf(NO_TRUSTED_ROOT))
}

/// Go's `current time … is after` the certificate's end (expired) or `before` its start.
fn go_validity(when: &str) -> Option<Key> {
    name(match when {
        "after" => "X509_V_ERR_CERT_HAS_EXPIRED",
        _ => "X509_V_ERR_CERT_NOT_YET_VALID",
    })
}

/// The name Go wanted the certificate to be valid for: an IP address or a host name.
fn go_name_mismatch(wanted: &str) -> Option<Key> {
    name(if wanted.parse::<std::net::IpAddr>().is_ok() {
        "X509_V_ERR_IP_ADDRESS_MISMATCH"
    } else {
        "X509_V_ERR_HOSTNAME_MISMATCH"
    })
}

#[cfg(test)]
mod tests {
    use super::super::Key;
    use super::super::tests::{Case, c, check_reads, exactly, including, m, n};

    #[test]
    fn s_client_curl_python_and_node() {
        check_reads(
            "x509",
            [
                Case {
                    line: "depth=0 CN = a\nverify error:num=20:unable to get local issuer certificate\nverify return:1\nVerify return code: 21 (unable to verify the first certificate)\n",
                    reads: including([c("20"), c("21")]),
                },
                Case {
                    line: "curl: (60) SSL certificate problem: certificate has expired\n",
                    reads: including([m("certificate has expired")]),
                },
                Case {
                    line: "SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)')",
                    reads: including([m("self-signed certificate in certificate chain")]),
                },
                Case {
                    line: "    at TLSSocket._finishInit (node:_tls_wrap:1070:8) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}",
                    reads: including([n("UNABLE_TO_VERIFY_LEAF_SIGNATURE")]),
                },
            ],
        );
    }

    #[test]
    fn go_says_which_check_failed() {
        check_reads(
            "x509",
            [
                Case {
                    line: "Get \"https://api.example.com\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-05-13T10:22:01Z is after 2024-05-01T00:00:00Z",
                    reads: exactly([n("X509_V_ERR_CERT_HAS_EXPIRED")]),
                },
                Case {
                    line: "x509: certificate has expired or is not yet valid: current time 2024-05-13T10:22:01Z is before 2024-06-01T00:00:00Z",
                    reads: exactly([n("X509_V_ERR_CERT_NOT_YET_VALID")]),
                },
                Case {
                    line: "tls: failed to verify certificate: x509: certificate is valid for a.example.com, b.example.com, not api.example.com",
                    reads: exactly([n("X509_V_ERR_HOSTNAME_MISMATCH")]),
                },
                Case {
                    line: "x509: certificate is valid for 10.0.0.1, not 10.0.0.2",
                    reads: exactly([n("X509_V_ERR_IP_ADDRESS_MISMATCH")]),
                },
                Case {
                    line: "x509: certificate is not valid for any names, but wanted to match api.example.com",
                    reads: exactly([n("X509_V_ERR_HOSTNAME_MISMATCH")]),
                },
                // Go does not say which anchor is missing: each of OpenSSL's codes for it is possible.
                Case {
                    line: "x509: certificate signed by unknown authority",
                    reads: exactly([Key::OneOf(super::NO_TRUSTED_ROOT)]),
                },
            ],
        );
    }
}
