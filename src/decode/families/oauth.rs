//! OAuth 2.0 and OpenID Connect errors as servers send them: the token endpoint's JSON
//! (`{"error": "invalid_grant", "error_description": …}`), a resource server's
//! `WWW-Authenticate: Bearer error="invalid_token"`, the authorization endpoint's redirect
//! (`?error=access_denied&error_description=…`), oauthlib's `(invalid_client)`, the JSON body as
//! Python prints a dict, and Spring Security's `OAuth2AuthorizationException: [invalid_grant]`.

use super::{Family, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r#""error"\s*:\s*"([a-z_]{4,})"\s*,\s*"error_description"\s*:\s*"((?:[^"\\\n]|\\.)*)""#,
            code,
        )
        .with_message(),
        Pattern::new(r#""error"\s*:\s*"([a-z_]{4,})"\s*,\s*"error_uri""#, code),
        Pattern::new(
            r#""error_description"\s*:\s*"(?P<message>(?:[^"\\\n]|\\.)*)"\s*,\s*"error"\s*:\s*"(?P<key>[a-z_]{4,})""#,
            code,
        )
        .with_message(),
        Pattern::new(
            r#"\b(?i:www-authenticate):[^\n]*?\berror="([a-z_]+)"(?:,\s*error_description="([^"\n]*)")?"#,
            code,
        )
        .with_message(),
        Pattern::new(r"[?&#]error=([a-z_]{4,})\b", name),
        Pattern::new(r"\boauthlib\.[\w.]*Error: \(([a-z_]+)\) ([^\n]*)", code).with_message(),
        // The same body as Python prints a dict (google-auth's `RefreshError`).
        Pattern::new(
            r"'error': '([a-z_]{4,})', 'error_description': '((?:[^'\\\n]|\\.)*)'",
            code,
        )
        .with_message(),
        Pattern::new(r"\bOAuth2\w*Exception: \[([a-z_]+)\]", name),
    ],
    triggers: &["error_description", "www-authenticate", "error=", "oauth"],
    ..Family::new("oauth")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, n, nothing};

    #[test]
    fn bodies_challenges_and_redirects() {
        check_reads(
            "oauth",
            [
                Case {
                    line: "{\n  \"error\": \"invalid_grant\",\n  \"error_description\": \"Token has been expired or revoked.\"\n}",
                    reads: exactly([c("invalid_grant")]),
                },
                Case {
                    line: r#"{"error_description":"x","error":"slow_down"}"#,
                    reads: exactly([c("slow_down")]),
                },
                Case {
                    line: "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"",
                    reads: exactly([c("invalid_token")]),
                },
                Case {
                    line: "https://app.example.com/cb?error=access_denied&error_description=The+user+denied&state=x",
                    reads: exactly([n("access_denied")]),
                },
                Case {
                    line: "oauthlib.oauth2.rfc6749.errors.InvalidClientError: (invalid_client) Client authentication failed.",
                    reads: exactly([c("invalid_client")]),
                },
                Case {
                    line: "google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})",
                    reads: exactly([c("invalid_grant")]),
                },
                Case {
                    line: "org.springframework.security.oauth2.core.OAuth2AuthorizationException: [invalid_grant] Invalid authorization code",
                    reads: exactly([n("invalid_grant")]),
                },
                // Another API's error key without OAuth's companions is not OAuth's.
                Case {
                    line: "{'error': 'not_found'}",
                    reads: nothing(),
                },
                Case {
                    line: r#"{"error": "invalid_request"}"#,
                    reads: nothing(),
                },
            ],
        );
    }
}
