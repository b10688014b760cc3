//! Certificate verification errors (OpenSSL's `X509_V_ERR_*`) as tools print them: `openssl
//! s_client`'s `verify error:num=20:…` and `Verify return code: 21 (…)`, curl's `SSL
//! certificate problem: …` (error 60), Python's `certificate verify failed: …`, Node's
//! `code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'`.

use super::{Family, Pattern, code, message, name};

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
    ],
    triggers: &["certificate", "verify error", "x509"],
    ..Family::new("x509")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys_in, m, n};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["x509"], text)
    }

    #[test]
    fn s_client_curl_python_and_node() {
        let s_client = "depth=0 CN = a\nverify error:num=20:unable to get local issuer certificate\nverify return:1\nVerify return code: 21 (unable to verify the first certificate)\n";
        let found = read(s_client);
        assert!(found.contains(&("x509", c("20"))), "{found:?}");
        assert!(found.contains(&("x509", c("21"))), "{found:?}");
        assert!(
            read("curl: (60) SSL certificate problem: certificate has expired\n")
                .contains(&("x509", m("certificate has expired")))
        );
        assert!(
            read("SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)')")
                .contains(&("x509", m("self-signed certificate in certificate chain")))
        );
        assert!(
            read("    at TLSSocket._finishInit (node:_tls_wrap:1070:8) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}")
                .contains(&("x509", n("UNABLE_TO_VERIFY_LEAF_SIGNATURE")))
        );
    }
}
