//! HTTP errors as clients, proxies and servers print them without a status line: axios,
//! ky, got, Python's requests, httpx, urllib, aiohttp, googleapiclient and google-api-core,
//! Go's `resp.Status`, OkHttp and Retrofit, Spring's `WebClientResponseException` and
//! `RestTemplate`, .NET's `HttpRequestException`, Ruby's Faraday and Net::HTTP, PHP's Guzzle,
//! kubectl's `Error from server (NotFound)`, error pages (`<title>502 Bad Gateway</title>`,
//! Cloudflare's `502: Bad gateway`) and Envoy's local replies. Each gives a status of 400 to 599.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Bytes within which the same status printed again is the same error.
const NEAR: usize = 2000;

/// One status found.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusHit {
    pub status: u16,
    /// The reason phrase printed with it, as printed (`Not Found`, `Bad gateway`).
    pub phrase: Option<String>,
    /// The printout, for evidence.
    pub start: usize,
    pub end: usize,
}

/// The reason phrases of each status, lower-case: the catalog's, and the names older RFCs
/// gave (clients still print them), so `413 Payload Too Large` and `422 Unprocessable Entity`
/// are read too.
pub struct Phrases {
    by_status: HashMap<u16, Vec<String>>,
    /// Phrases written without spaces (Net::HTTP's class names: `ServiceUnavailable`).
    by_joined: HashMap<String, u16>,
}

/// Reason phrases of RFC 2616 and RFC 7231 that RFC 9110 renamed, 418's, nginx's spellings
/// (its error pages, and Kubernetes' ingress-nginx's), and the titles of Cloudflare's pages for
/// its own 52x statuses (`example.com | 521: Web server is down`).
const OLDER_PHRASES: &[(u16, &str)] = &[
    (413, "Payload Too Large"),
    (413, "Request Entity Too Large"),
    (414, "Request-URI Too Long"),
    (414, "Request-URI Too Large"),
    (416, "Requested Range Not Satisfiable"),
    (418, "I'm a teapot"),
    (422, "Unprocessable Entity"),
    (503, "Service Temporarily Unavailable"),
    (504, "Gateway Time-out"),
    (520, "Web server is returning an unknown error"),
    (521, "Web server is down"),
    (522, "Connection timed out"),
    (523, "Origin is unreachable"),
    (524, "A timeout occurred"),
    (525, "SSL handshake failed"),
    (526, "Invalid SSL certificate"),
];

impl Phrases {
    /// From the HTTP family's (status, reason phrase) pairs.
    pub fn new<'a>(catalog: impl IntoIterator<Item = (u16, &'a str)>) -> Phrases {
        let mut by_status: HashMap<u16, Vec<String>> = HashMap::new();
        let mut by_joined = HashMap::new();
        let all = catalog.into_iter().chain(OLDER_PHRASES.iter().copied());
        for (status, phrase) in all {
            if !(400..=599).contains(&status) || phrase.starts_with('(') {
                continue;
            }
            let lower = phrase.to_lowercase();
            by_joined.insert(lower.replace([' ', '-', '\''], ""), status);
            by_status.entry(status).or_default().push(lower);
        }
        for list in by_status.values_mut() {
            // Longest first: `Request Entity Too Large` before a shorter phrase it starts with.
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Phrases {
            by_status,
            by_joined,
        }
    }

    /// The reason phrase of `status` that `text` starts with (any case), as written there.
    fn starting<'t>(&self, status: u16, text: &'t str) -> Option<&'t str> {
        self.by_status.get(&status)?.iter().find_map(|p| {
            let head = text.get(..p.len())?;
            let ends = text[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            (ends && head.eq_ignore_ascii_case(p)).then_some(head)
        })
    }
}

/// How a pattern's capture gives the status.
#[derive(Clone, Copy)]
enum Read {
    /// Capture 1 is the status.
    Status,
    /// Capture 1 is a status, which counts only with its reason phrase after it
    /// (`502 Bad Gateway`, `404 (Not Found)`, `` `401 Unauthorized` ``, `503 "Service
    /// Unavailable"`, `502: Bad gateway`).
    WithPhrase,
    /// Capture 1 is a reason phrase without spaces (`Net::HTTPServiceUnavailable`).
    Joined,
    /// Capture 1 is a Kubernetes `reason` (`Error from server (NotFound)`).
    KubernetesReason,
    /// The text is Envoy's local reply for a failed upstream: 503.
    Envoy,
}

/// Printouts whose capture 1 is the status, each after the clients that print it. Word
/// boundaries are ASCII (`(?-u:\b)`) here and below, so a log in any script is searched by the
/// fast engines.
const STATUS_PRINTOUTS: &[&str] = &[
    // axios, ky ("Request failed with status code 401"), Go's "unexpected status code: 502".
    r"(?i:status code):? ?([0-9]{3})(?-u:\b)",
    // Faraday.
    r"responded with status ([0-9]{3})(?-u:\b)",
    // Retrofit ("HTTP 429 "), and many loggers.
    r"(?-u:\b)HTTP ([0-9]{3})(?-u:\b)",
    // urllib.
    r"(?-u:\b)HTTP Error ([0-9]{3})(?-u:\b)",
    // got.
    r"(?-u:\b)Response code ([0-9]{3})(?-u:\b)",
    // requests.
    r"(?-u:\b)([0-9]{3}) (?:Client|Server) Error(?-u:\b)",
    // httpx.
    r"(?:Client|Server) error '([0-9]{3})(?-u:\b)",
    // aiohttp.
    r"ClientResponseError: ([0-9]{3}),",
    // OkHttp's Response.
    r"(?-u:\b)code=([0-9]{3}), message=",
    // googleapiclient; google-api-core (`exceptions.ResourceExhausted: 429 Quota ...`).
    r"<HttpError ([0-9]{3})(?-u:\b)",
    r"api_core\.exceptions\.[A-Za-z]+: ([0-9]{3}) ",
    // Node's statusCode, logfmt's status=503.
    r"(?-u:\b)status(?:Code|_code|code)?[=:] ?([0-9]{3})(?-u:\b)",
];

/// Every printout of a status: [`STATUS_PRINTOUTS`], then those read another way.
static PATTERNS: LazyLock<Vec<(Regex, Read)>> = LazyLock::new(|| {
    let p = |re: &str, read| (Regex::new(re).expect("printout patterns are tested"), read);
    let others = [
        // A status and its reason phrase: Go's resp.Status, Spring, .NET, Guzzle, Net::HTTP,
        // error pages.
        p(
            r#"(?:^|[^A-Za-z0-9_./-])([45][0-9][0-9])[ \t]*(?::[ \t]*|\([ \t]*|"|[ \t])"#,
            Read::WithPhrase,
        ),
        p(r"(?-u:\b)Net::HTTP([A-Z][A-Za-z]+)(?-u:\b)", Read::Joined),
        p(
            r"(?-u:\b)Error from server \(([A-Za-z]+)\)",
            Read::KubernetesReason,
        ),
        p(
            r"(?-u:\b)upstream connect error or disconnect/reset before headers|(?-u:\b)no healthy upstream(?-u:\b)",
            Read::Envoy,
        ),
    ];
    let statuses = STATUS_PRINTOUTS.iter().map(|re| p(re, Read::Status));
    statuses.chain(others).collect()
});

/// The first run of exactly three digits in a match (its status).
fn three_digits(m: &str) -> Option<u16> {
    let b = m.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 3 {
                return m[start..i].parse().ok();
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Kubernetes' `StatusReason`s and the HTTP status the API server answers each with.
pub const KUBERNETES_REASONS: &[(&str, u16)] = &[
    ("BadRequest", 400),
    ("Unauthorized", 401),
    ("Forbidden", 403),
    ("NotFound", 404),
    ("MethodNotAllowed", 405),
    ("NotAcceptable", 406),
    ("AlreadyExists", 409),
    ("Conflict", 409),
    ("Gone", 410),
    ("Expired", 410),
    ("RequestEntityTooLarge", 413),
    ("UnsupportedMediaType", 415),
    ("Invalid", 422),
    ("TooManyRequests", 429),
    ("InternalError", 500),
    ("ServiceUnavailable", 503),
    ("Timeout", 504),
];

/// Every status of 400 to 599 a printout in `text` gives, in order of where it is.
pub fn find(text: &str, phrases: &Phrases) -> Vec<StatusHit> {
    let mut hits = Vec::new();
    for (re, read) in PATTERNS.iter() {
        // Where the status is a number, it is the match's three digits: no capture engine
        // for the many matches a long log may hold.
        let numeric = matches!(read, Read::Status | Read::WithPhrase);
        for all in re.find_iter(text) {
            let mut phrase = None;
            let status = match read {
                Read::Status => three_digits(all.as_str()),
                Read::WithPhrase => three_digits(all.as_str()).and_then(|status| {
                    let said = phrases.starting(status, &text[all.end()..])?;
                    phrase = Some(said.to_string());
                    Some(status)
                }),
                _ if numeric => None,
                Read::Joined | Read::KubernetesReason => {
                    let key = re.captures(all.as_str()).and_then(|c| c.get(1));
                    key.and_then(|k| match read {
                        Read::Joined => phrases.by_joined.get(&k.as_str().to_lowercase()).copied(),
                        _ => KUBERNETES_REASONS
                            .iter()
                            .find(|(r, _)| *r == k.as_str())
                            .map(|&(_, s)| s),
                    })
                }
                Read::Envoy => Some(503),
            };
            let Some(status) = status.filter(|s| (400..=599).contains(s)) else {
                continue;
            };
            let end = all.end() + phrase.as_ref().map_or(0, String::len);
            hits.push(StatusHit {
                status,
                phrase,
                start: all.start(),
                end,
            });
        }
    }
    hits.sort_by_key(|h| (h.start, h.end));
    // The same status printed again close by (an error page's title and heading, a stack
    // trace) is one error: the first, with a phrase if any printout of it had one.
    let mut kept: Vec<StatusHit> = Vec::with_capacity(hits.len());
    let mut last: HashMap<u16, usize> = HashMap::new();
    for hit in hits {
        match last.get(&hit.status) {
            Some(&i) if hit.start - kept[i].start <= NEAR => {
                if kept[i].phrase.is_none() {
                    kept[i].phrase = hit.phrase;
                }
            }
            _ => {
                last.insert(hit.status, kept.len());
                kept.push(hit);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases() -> Phrases {
        Phrases::new([
            (401, "Unauthorized"),
            (404, "Not Found"),
            (429, "Too Many Requests"),
            (500, "Internal Server Error"),
            (502, "Bad Gateway"),
            (503, "Service Unavailable"),
            (413, "Content Too Large"),
        ])
    }

    fn statuses(text: &str) -> Vec<(u16, Option<String>)> {
        find(text, &phrases())
            .into_iter()
            .map(|h| (h.status, h.phrase))
            .collect()
    }

    /// Checks that each text gives one status, with the phrase printed beside it if any; a
    /// failure names the text.
    fn check_one_status(cases: &[(&str, u16, Option<&str>)]) {
        for &(text, status, phrase) in cases {
            let want = (status, phrase.map(String::from));
            assert_eq!(statuses(text), [want], "{text}");
        }
    }

    #[test]
    fn clients_printouts_give_their_status() {
        for (printout, status) in [
            ("AxiosError: Request failed with status code 401", 401),
            (
                "google.api_core.exceptions.PermissionDenied: 403 Permission denied on resource project acme.",
                403,
            ),
            (
                "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://x/42",
                404,
            ),
            (
                "httpx.HTTPStatusError: Client error '429 Too Many Requests' for url 'https://x'",
                429,
            ),
            (
                "urllib.error.HTTPError: HTTP Error 503: Service Unavailable",
                503,
            ),
            (
                "aiohttp.client_exceptions.ClientResponseError: 429, message='Too Many Requests'",
                429,
            ),
            ("retrofit2.HttpException: HTTP 500 ", 500),
            (
                "Response{protocol=h2, code=502, message=, url=https://api.example.com/v1}",
                502,
            ),
            (
                "Faraday::ServerError: the server responded with status 500",
                500,
            ),
            ("Net::HTTPServiceUnavailable", 503),
            (
                "Error from server (NotFound): deployments.apps \"web\" not found",
                404,
            ),
            ("HTTPError: Response code 404 (Not Found)", 404),
            ("level=error msg=\"upstream\" status=502 took=3ms", 502),
        ] {
            let found: Vec<u16> = statuses(printout).into_iter().map(|(s, _)| s).collect();
            assert_eq!(found, [status], "{printout}");
        }
    }

    #[test]
    fn a_status_counts_beside_its_reason_phrase() {
        check_one_status(&[
            (
                "Response status code does not indicate success: 404 (Not Found).",
                404,
                Some("Not Found"),
            ),
            ("<title>502 Bad Gateway</title>", 502, Some("Bad Gateway")),
            (
                "<title>api.example.com | 502: Bad gateway</title>",
                502,
                Some("Bad gateway"),
            ),
            (
                "resulted in a `401 Unauthorized` response",
                401,
                Some("Unauthorized"),
            ),
            (
                "Net::HTTPFatalError: 503 \"Service Unavailable\"",
                503,
                Some("Service Unavailable"),
            ),
            (
                "413 Request Entity Too Large",
                413,
                Some("Request Entity Too Large"),
            ),
        ]);
        // Without its phrase, or another status's, a number is only a number.
        for text in [
            "took 404 ms; port 502 open; 500 Not Found",
            "GET /users/404 Not Found-page",
            "HTTP/1.1 200 OK and status code 200",
        ] {
            assert!(statuses(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn nginx_and_cloudflare_pages() {
        check_one_status(&[
            (
                "<head><title>503 Service Temporarily Unavailable</title></head>",
                503,
                Some("Service Temporarily Unavailable"),
            ),
            (
                "<title>api.example.com | 521: Web server is down</title>",
                521,
                Some("Web server is down"),
            ),
        ]);
    }

    #[test]
    fn a_status_printed_again_close_by_is_one_error() {
        check_one_status(&[
            (
                "<head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>",
                502,
                Some("Bad Gateway"),
            ),
            (
                "retrofit2.HttpException: HTTP 429 Too Many Requests",
                429,
                Some("Too Many Requests"),
            ),
            (
                "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
                503,
                None,
            ),
        ]);
    }
}
