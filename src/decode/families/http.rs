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
    use super::super::tests::{c, keys_in};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["http"], text)
    }

    #[test]
    fn statuses_in_clients_words() {
        assert_eq!(
            read(
                "google.api_core.exceptions.NotFound: 404 Document \"projects/p/databases/(default)/documents/a/b\" not found"
            ),
            [("http", c("404"))]
        );
        assert_eq!(
            read(
                "googleapiclient.errors.HttpError: <HttpError 403 when requesting https://www.googleapis.com/drive/v3/files?alt=json returned \"Insufficient Permission\">"
            ),
            [("http", c("403"))]
        );
        assert_eq!(
            read(
                "googleapi: Error 403: Cloud Resource Manager API has not been used in project 123 before or it is disabled., accessNotConfigured"
            ),
            [("http", c("403"))]
        );
        assert_eq!(
            read("Error: Unexpected server response: 401"),
            [("http", c("401"))]
        );
    }
}
