//! HTTP: status lines (`HTTP/1.1 503 Service Unavailable`) and problem bodies, which the
//! decoder's own stages read; the family names them. And the statuses that clients print in
//! their own words: Google's Python and Go clients, Node's `ws` refusing a handshake.

use super::{Family, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bgoogle\.api_core\.exceptions\.[A-Z]\w+: (\d{3}) ", code),
        Pattern::new(r"<HttpError (\d{3}) when requesting ", code),
        Pattern::new(r"\bgoogleapi: Error (\d{3}): ", code),
        Pattern::new(r"\bUnexpected server response: (\d{3})\b", code),
    ],
    triggers: &["http/"],
    ..Family::new("http")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly};

    #[test]
    fn statuses_in_clients_words() {
        check_reads(
            "http",
            [
                Case {
                    line: "google.api_core.exceptions.NotFound: 404 Document \"projects/p/databases/(default)/documents/a/b\" not found",
                    reads: exactly([c("404")]),
                },
                Case {
                    line: "googleapiclient.errors.HttpError: <HttpError 403 when requesting https://www.googleapis.com/drive/v3/files?alt=json returned \"Insufficient Permission\">",
                    reads: exactly([c("403")]),
                },
                Case {
                    line: "googleapi: Error 403: Cloud Resource Manager API has not been used in project 123 before or it is disabled., accessNotConfigured",
                    reads: exactly([c("403")]),
                },
                Case {
                    line: "Error: Unexpected server response: 401",
                    reads: exactly([c("401")]),
                },
            ],
        );
    }
}
