//! The decoder over a corpus of realistic pastes (tests/fixtures/pastes/), the README's sample
//! pastes (assets/samples/), hostile input, and mutated pastes (proptest: never a panic).

use errdex::decode::{FoundError, MAX_ERRORS, MAX_PASTE_BYTES, Report, decode};
use errdex::index::Index;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(Index::embedded)
}

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// What one error is expected to be: vendor, code as written, code of the best match
/// (`None`: not in the catalog).
type Expect = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const P: Option<&str> = Some("pixnet");
const M: Option<&str> = Some("mantago");
const T: Option<&str> = Some("tencent-im");
const G: Option<&str> = Some("guo-guo");
const H: Option<&str> = Some("http");
const E: Option<&str> = Some("errno");
const S: Option<&str> = Some("sqlite");
const PG: Option<&str> = Some("postgres");
const GR: Option<&str> = Some("grpc");
const GC: Option<&str> = Some("gcp");

/// Every fixture with the errors it must decode to, in order.
const CASES: &[(&str, &[Expect])] = &[
    // A status line of 400 or more is an HTTP error beside the body's.
    (
        "pixnet-curl-crlf.txt",
        &[
            (P, Some("1302"), Some("1302")),
            (H, Some("403"), Some("403")),
        ],
    ),
    (
        "pixnet-http2-string-code.txt",
        &[
            (P, Some("1000"), Some("1000")),
            (H, Some("401"), Some("401")),
        ],
    ),
    (
        "pixnet-duplicate-4109.txt",
        &[(P, Some("4109"), Some("4109"))],
    ),
    ("pixnet-placeholder.txt", &[(P, Some("4200"), Some("4200"))]),
    ("pixnet-unknown-code.txt", &[(P, Some("9999"), None)]),
    ("mantago-log-line.txt", &[(M, Some("1004"), Some("1004"))]),
    (
        "mantago-python-dict.txt",
        &[(M, Some("1004"), Some("1004"))],
    ),
    ("mantago-docs-sample.txt", &[(M, Some("0000"), None)]),
    (
        "mantago-success-then-error.txt",
        &[(M, Some("60002"), Some("60002"))],
    ),
    ("tencent-response.txt", &[(T, Some("60003"), Some("60003"))]),
    (
        "tencent-lowercase-keys.txt",
        &[(T, Some("60006"), Some("60006"))],
    ),
    (
        "tencent-log-shipper.txt",
        &[(T, Some("60007"), Some("60007"))],
    ),
    (
        "tencent-bot-uppercase.txt",
        &[(T, Some("100003"), Some("100003"))],
    ),
    (
        "guo-guo-validation.txt",
        &[
            (
                G,
                Some("data_validation_failed"),
                Some("data_validation_failed"),
            ),
            (G, Some("field_is_required"), Some("field_is_required")),
            (
                G,
                Some("invalid_email_format"),
                Some("invalid_email_format"),
            ),
            (H, Some("400"), Some("400")),
        ],
    ),
    (
        "guo-guo-token.txt",
        &[
            (
                G,
                Some("token_validation_failed"),
                Some("token_validation_failed"),
            ),
            (H, Some("401"), Some("401")),
        ],
    ),
    (
        "multi-document.txt",
        &[
            (P, Some("2101"), Some("2101")),
            (M, Some("1002"), Some("1002")),
            (T, Some("60002"), Some("60002")),
            (G, Some("credit_not_enough"), Some("credit_not_enough")),
        ],
    ),
    (
        "nested-error-list.txt",
        &[
            (P, Some("2000"), Some("2000")),
            (P, Some("2101"), Some("2101")),
        ],
    ),
    ("trailing-commas.txt", &[(P, Some("4000"), Some("4000"))]),
    ("bare-message.txt", &[(P, None, Some("1302"))]),
    ("bare-message-log.txt", &[(M, None, Some("1004"))]),
    (
        "generic-no-envelope.txt",
        &[(M, Some("1004"), Some("1004"))],
    ),
    ("bom-ansi-jq.txt", &[(P, Some("2202"), Some("2202"))]),
    ("js-console-log.txt", &[(P, Some("1302"), Some("1302"))]),
    ("logfmt-escaped.txt", &[(P, Some("3900"), Some("3900"))]),
    ("truncated.txt", &[(P, Some("2101"), Some("2101"))]),
    ("no-errors.txt", &[]),
    // PIXNET's shape is also other APIs': a message that shares nothing with the code's entry
    // keeps the vendor unnamed; MantaGO's shape is its own, so it is named all the same.
    (
        "other-api-in-pixnet-shape.txt",
        &[(None, Some("4001"), None)],
    ),
    ("other-api-card-expired.txt", &[(None, Some("1001"), None)]),
    (
        "mantago-other-message.txt",
        &[(M, Some("1004"), Some("1004"))],
    ),
    // Node prints libuv's errno beside the name: one error.
    (
        "node-fetch-econnrefused.txt",
        &[(E, Some("111"), Some("111"))],
    ),
    // Cut by a narrow terminal in the middle of a word, or of a key.
    (
        "sqlite-unique-wrapped.txt",
        &[(S, Some("2067"), Some("2067"))],
    ),
    ("go-dial-wrapped.txt", &[(E, Some("111"), Some("111"))]),
    ("pixnet-key-wrapped.txt", &[(P, Some("2101"), Some("2101"))]),
    // A server's short message: the first clause of one catalog message.
    ("tencent-first-clause.txt", &[(T, None, Some("100009"))]),
    // HTTP errors as clients, proxies and platforms print them.
    ("http-axios-403.txt", &[(H, Some("403"), Some("403"))]),
    ("http-requests-500.txt", &[(H, Some("500"), Some("500"))]),
    ("http-dotnet-503.txt", &[(H, Some("503"), Some("503"))]),
    (
        "http-spring-webclient-401.txt",
        &[(H, Some("401"), Some("401"))],
    ),
    (
        "http-envoy-no-healthy-upstream.txt",
        &[(H, Some("503"), Some("503"))],
    ),
    (
        "http-kubectl-forbidden.txt",
        &[(H, Some("403"), Some("403"))],
    ),
    (
        "http-kubernetes-status-409.txt",
        &[(H, Some("409"), Some("409"))],
    ),
    (
        "http-google-not-found.txt",
        &[
            (H, Some("404"), Some("404")),
            (Some("grpc"), Some("5"), Some("5")),
        ],
    ),
    (
        "http-twilio-20404.txt",
        &[(None, Some("20404"), None), (H, Some("404"), Some("404"))],
    ),
    ("http-429-retry-after.txt", &[(H, Some("429"), Some("429"))]),
    ("http-nginx-504-page.txt", &[(H, Some("504"), Some("504"))]),
    ("none-http-success.txt", &[]),
    // PostgreSQL by its words, printed without a SQLSTATE.
    (
        "pg-psql-foreign-key.txt",
        &[(PG, Some("23503"), Some("23503"))],
    ),
    (
        "pg-jdbc-serialization.txt",
        &[(PG, Some("40001"), Some("40001"))],
    ),
    (
        "pg-django-not-null-pg12.txt",
        &[(PG, Some("23502"), Some("23502"))],
    ),
    (
        "pg-node-too-many-clients.txt",
        &[(PG, Some("53300"), Some("53300"))],
    ),
    (
        "pg-sqlalchemy-undefined-column.txt",
        &[(PG, Some("42703"), Some("42703"))],
    ),
    ("pg-prisma-check.txt", &[(PG, Some("23514"), Some("23514"))]),
    ("none-python-division.txt", &[]),
    // Error details: Google's JSON, grpc-gateway's, the grpc-status-details-bin trailer,
    // grpcurl's Details:, Go's %v of status.Details(), Python's printouts.
    (
        "google-quota-details.txt",
        &[
            (H, Some("429"), Some("429")),
            (GR, Some("8"), Some("8")),
            (GC, Some("RATE_LIMIT_EXCEEDED"), Some("RATE_LIMIT_EXCEEDED")),
        ],
    ),
    (
        "gemini-429-retry-info.txt",
        &[(H, Some("429"), Some("429")), (GR, Some("8"), Some("8"))],
    ),
    (
        "grpc-gateway-bad-request.txt",
        &[(GR, Some("3"), Some("3"))],
    ),
    (
        "grpcurl-status-details-bin.txt",
        &[(GR, Some("8"), Some("8"))],
    ),
    // The ErrorInfo of a service of one's own is not Google Cloud's.
    ("grpcurl-details-json.txt", &[(GR, Some("3"), Some("3"))]),
    ("go-status-details.txt", &[(GR, Some("8"), Some("8"))]),
    (
        "python-api-core-details.txt",
        &[
            (H, Some("429"), Some("429")),
            // ResourceExhausted is api_core's class for gRPC's RESOURCE_EXHAUSTED.
            (GR, Some("8"), Some("8")),
            (GC, Some("RATE_LIMIT_EXCEEDED"), Some("RATE_LIMIT_EXCEEDED")),
        ],
    ),
    (
        "python-grpc-status-details.txt",
        &[(GR, Some("3"), Some("3"))],
    ),
];

fn summary(d: &Report) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    d.errors
        .iter()
        .map(|e| {
            (
                e.vendor.clone(),
                e.code.clone(),
                e.match_rows
                    .first()
                    .map(|&r| index().get(r).entry.code.clone()),
            )
        })
        .collect()
}

#[test]
fn every_fixture_decodes_to_its_vendor_and_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pastes");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every fixture is in the table and vice versa"
    );

    for (file, expected) in CASES {
        let d = decode(&read(&format!("tests/fixtures/pastes/{file}")), index());
        let want: Vec<_> = expected
            .iter()
            .map(|(v, c, m)| {
                (
                    v.map(String::from),
                    c.map(String::from),
                    m.map(String::from),
                )
            })
            .collect();
        assert_eq!(summary(&d), want, "{file}: {:#?}", d.errors);
        assert_eq!(
            d.matched(),
            expected.iter().any(|e| e.2.is_some()),
            "{file}"
        );
    }
}

fn fixture(file: &str) -> Report {
    decode(&read(&format!("tests/fixtures/pastes/{file}")), index())
}

/// The one error of a vendor in a fixture (an HTTP status line adds one of its own).
fn only(file: &str) -> FoundError {
    let d = fixture(file);
    let mut vendor: Vec<FoundError> = d
        .errors
        .into_iter()
        .filter(|e| e.vendor.as_deref() != Some("http"))
        .collect();
    assert_eq!(vendor.len(), 1, "{file}");
    vendor.remove(0)
}

#[test]
fn http_status_comes_from_the_status_line_before_the_body() {
    assert_eq!(only("pixnet-curl-crlf.txt").http_status, Some(403));
    assert_eq!(only("pixnet-http2-string-code.txt").http_status, Some(401));
    assert_eq!(only("tencent-response.txt").http_status, Some(200));
    assert_eq!(only("mantago-log-line.txt").http_status, None);
}

#[test]
fn paths_say_where_each_error_is() {
    assert_eq!(only("pixnet-curl-crlf.txt").path, "$");
    assert_eq!(only("mantago-log-line.txt").path, "$.errResponse");
    assert_eq!(only("pixnet-placeholder.txt").path, "$.response");
    assert_eq!(only("tencent-log-shipper.txt").path, "$.log");
    assert_eq!(only("bare-message-log.txt").path, "line 3");
    let d = fixture("nested-error-list.txt");
    assert_eq!(d.errors[0].path, "$[0].response");
    assert_eq!(d.errors[1].path, "$[2].response");
    let d = fixture("guo-guo-validation.txt");
    assert_eq!(d.errors[2].path, "$.validation_failed_responses[1]");
    assert_eq!(d.errors[2].field.as_deref(), Some("email"));
}

#[test]
fn duplicate_codes_are_ordered_by_message() {
    let e = only("pixnet-duplicate-4109.txt");
    assert_eq!(e.match_rows.len(), 2);
    assert_eq!(
        index().get(e.match_rows[0]).entry.message.as_deref(),
        Some("Missing cellphone or calling_code")
    );
}

#[test]
fn unknown_codes_say_not_in_catalog_and_suggest() {
    let e = only("pixnet-unknown-code.txt");
    assert!(e.match_rows.is_empty());
    let suggested: Vec<&str> = e.suggestion_rows.iter().map(|&r| index().code(r)).collect();
    assert!(suggested.contains(&"2202"), "{suggested:?}");
    let e = only("mantago-docs-sample.txt");
    assert_eq!(e.code.as_deref(), Some("0000"));
    assert_eq!(e.message.as_deref(), Some("This is sample message"));
}

#[test]
fn a_message_that_contradicts_weighs_by_how_distinctive_the_shape_is() {
    use errdex::decode::Confidence;
    let e = only("other-api-in-pixnet-shape.txt");
    assert_eq!(e.confidence, Confidence::Contradicted);
    assert_eq!(
        e.note.as_deref(),
        Some("shaped like PIXNET's errors, but PIXNET 4001 says “URL 中缺少必要參數 %s”")
    );
    let suggested: Vec<(&str, &str)> = e
        .suggestion_rows
        .iter()
        .map(|&r| (index().get(r).vendor.id.as_str(), index().code(r)))
        .collect();
    assert_eq!(suggested[0], ("pixnet", "4001"));
    let e = only("other-api-card-expired.txt");
    assert_eq!(e.confidence, Confidence::Contradicted);
    let e = only("mantago-other-message.txt");
    assert_eq!(e.confidence, Confidence::EnvelopeCodeMessageDiffers);
    assert!(e.confidence.identified());
    assert_eq!(
        e.note.as_deref(),
        Some("the message differs: MantaGO 1004 says “Token is invalid or expired”")
    );
}

#[test]
fn a_response_s_retry_header_comes_with_its_errors() {
    let d = fixture("http-429-retry-after.txt");
    let r = d.errors[0].retry_after.as_ref().expect("a retry header");
    assert_eq!((r.header.as_str(), r.seconds), ("Retry-After", Some(60.0)));
    assert_eq!(r.describe(), "retry after 60 s");
    // Without a Retry-After, the reset time.
    let d = decode(
        "HTTP/2 403\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1715595781\n\n{\"message\":\"API rate limit exceeded\"}",
        index(),
    );
    let r = d.errors[0].retry_after.as_ref().expect("a reset header");
    assert_eq!(r.at.as_deref(), Some("2024-05-13T10:23:01Z"));
    // A header of one response is not another's.
    let d = decode(
        "HTTP/1.1 503 Service Unavailable\nRetry-After: 5\n\nHTTP/1.1 404 Not Found\n\n",
        index(),
    );
    assert_eq!(d.errors.len(), 2);
    assert!(d.errors[0].retry_after.is_some() && d.errors[1].retry_after.is_none());
}

#[test]
fn platform_bodies_name_the_http_status_and_what_they_add() {
    use errdex::decode::Confidence;
    let d = fixture("http-google-not-found.txt");
    assert_eq!(d.errors[1].confidence, Confidence::EnvelopeCode);
    assert_eq!(d.errors[1].http_status, Some(404));
    let e = &fixture("http-kubernetes-status-409.txt").errors[0];
    assert!(
        e.evidence.contains(&"reason: AlreadyExists".to_string()),
        "{e:?}"
    );
    assert_eq!(
        e.message.as_deref(),
        Some("configmaps \"app-config\" already exists")
    );
    let d = fixture("http-twilio-20404.txt");
    assert_eq!(d.errors[0].confidence, Confidence::NotInCatalog);
    assert_eq!(d.errors[0].http_status, Some(404));
}

#[test]
fn error_details_come_with_their_error() {
    let types = |e: &FoundError| -> Vec<String> {
        e.details
            .iter()
            .map(|d| d["@type"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let d = fixture("google-quota-details.txt");
    // The body's HTTP and gRPC errors (the gcp family names the ErrorInfo's reason besides).
    for e in &d.errors[..2] {
        assert_eq!(
            types(e),
            [
                "type.googleapis.com/google.rpc.ErrorInfo",
                "type.googleapis.com/google.rpc.Help"
            ]
        );
    }
    assert_eq!(d.errors[1].details[0]["reason"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(
        errdex::decode::describe_detail(&d.errors[1].details[1]),
        "Help: Request a higher quota limit. https://cloud.google.com/docs/quota#requesting_higher_quota"
    );

    let e = only("grpc-gateway-bad-request.txt");
    assert_eq!(
        errdex::decode::describe_detail(&e.details[0]),
        "BadRequest: field email: must be a valid email address"
    );

    // The trailer's bytes: its details go to grpcurl's printout of the same code, and its
    // RetryInfo is the wait.
    let e = only("grpcurl-status-details-bin.txt");
    assert_eq!(e.message.as_deref(), Some("quota exceeded"));
    assert_eq!(
        types(&e),
        [
            "type.googleapis.com/google.rpc.RetryInfo",
            "type.googleapis.com/google.rpc.QuotaFailure"
        ]
    );
    assert_eq!(
        e.details[1]["violations"][0]["subject"],
        "project:acme-prod"
    );
    let r = e.retry_after.as_ref().expect("RetryInfo's wait");
    assert_eq!((r.header.as_str(), r.seconds), ("RetryInfo", Some(30.0)));

    // Gemini's quota body: the quota, and RetryInfo's delay as the wait.
    let d = fixture("gemini-429-retry-info.txt");
    for e in &d.errors {
        let r = e.retry_after.as_ref().expect("RetryInfo's wait");
        assert_eq!((r.value.as_str(), r.seconds), ("43s", Some(43.0)));
        assert_eq!(
            errdex::decode::describe_detail(&e.details[0]),
            "QuotaFailure: generativelanguage.googleapis.com/generate_content_free_tier_requests, \
             GenerateRequestsPerMinutePerProjectPerModel-FreeTier, limit 15 \
             (location=global, model=gemini-2.0-flash)"
        );
    }
}

/// Details printed apart from the error's line: each goes to the error printed beside it.
#[test]
fn details_printed_apart_go_to_their_error() {
    let described = |e: &FoundError| -> Vec<String> {
        e.details
            .iter()
            .map(errdex::decode::describe_detail)
            .collect()
    };
    // grpcurl's Details: (JSON, one object each).
    let e = only("grpcurl-details-json.txt");
    assert_eq!(
        described(&e),
        [
            "BadRequest: field email: must be a valid email address",
            "ErrorInfo: reason INVALID_EMAIL, domain users.example.com"
        ]
    );
    // Go's %v of status.Details(): the types are not printed.
    let e = only("go-status-details.txt");
    assert_eq!(
        described(&e),
        [
            "RetryInfo: retry after 30s",
            "QuotaFailure: project:acme-prod: Daily limit of 1000 charges reached"
        ]
    );
    assert_eq!(e.retry_after.as_ref().and_then(|r| r.seconds), Some(30.0));
    // google-api-core's exception: the details after its message, on lines of their own.
    let d = fixture("python-api-core-details.txt");
    for e in &d.errors {
        assert_eq!(e.details.len(), 2, "{e:?}");
        assert_eq!(
            e.details[0]["metadata"]["quota_metric"],
            "pubsub.googleapis.com/write_requests"
        );
        assert_eq!(
            e.details[1]["links"][0]["url"],
            "https://cloud.google.com/docs/quota#requesting_higher_quota"
        );
    }
    // Python's Status, printed after the RpcError.
    let e = only("python-grpc-status-details.txt");
    assert_eq!(
        described(&e),
        ["BadRequest: field email: must be a valid email address"]
    );
}

#[test]
fn a_cut_off_paste_decodes_what_is_there_and_says_so() {
    let d = fixture("truncated.txt");
    assert_eq!(d.errors[0].message.as_deref(), Some("Article is not fo"));
    assert!(d.notice.unwrap().contains("ends inside a document"));
    assert!(fixture("pixnet-curl-crlf.txt").notice.is_none());
}

#[test]
fn json_output_follows_the_cli_contract() {
    let d = fixture("guo-guo-validation.txt");
    let j = errdex::cli::output::decoded_json(&d, index());
    let e = &j["errors"][1];
    for key in [
        "code",
        "message",
        "http_status",
        "vendor",
        "path",
        "confidence",
        "evidence",
        "matches",
        "suggestions",
    ] {
        assert!(e.get(key).is_some(), "{key}");
    }
    assert_eq!(e["field"], "product_id");
    assert_eq!(e["matches"][0]["vendor"], "guo-guo");
    assert_eq!(e["matches"][0]["code"], "field_is_required");
    assert_eq!(e["http_status"], 400);
}

#[test]
fn readme_samples_decode_to_their_vendor() {
    for (file, vendor, code) in [
        ("pixnet.txt", "pixnet", "1302"),
        ("mantago.txt", "mantago", "1004"),
        ("tencent-im.txt", "tencent-im", "60003"),
        ("guo-guo.txt", "guo-guo", "data_validation_failed"),
    ] {
        let d = decode(&read(&format!("assets/samples/{file}")), index());
        let e = d
            .errors
            .first()
            .unwrap_or_else(|| panic!("{file}: no error"));
        assert_eq!(e.vendor.as_deref(), Some(vendor), "{file}");
        assert_eq!(e.code.as_deref(), Some(code), "{file}");
        assert_eq!(index().get(e.match_rows[0]).entry.code, code, "{file}");
        assert!(
            d.errors
                .iter()
                .all(|e| e.vendor.as_deref() == Some(vendor) || e.vendor.as_deref() == Some("http")),
            "{file}"
        );
    }
    let d = decode(&read("assets/samples/pixnet.txt"), index());
    assert_eq!(d.errors[0].http_status, Some(403));
    assert_eq!(d.errors[1].code.as_deref(), Some("403"));
    let d = decode(&read("assets/samples/guo-guo.txt"), index());
    assert_eq!(d.errors.len(), 4);
    assert_eq!(d.errors[2].code.as_deref(), Some("below_minimum_quantity"));
}

#[test]
fn hostile_input_is_bounded_and_never_panics() {
    let deep_arrays = "[".repeat(200_000);
    let mut deep_objects = "{\"a\":".repeat(200_000);
    deep_objects.push_str("{\"error\":1,\"code\":1302}");
    let huge_number = format!("{{\"error\":1,\"code\":{}}}", "9".repeat(100_000));
    let unterminated = format!(
        "{{\"error\":1,\"code\":1302,\"message\":\"{}",
        "x".repeat(100_000)
    );
    let surrogates = r#"{"error":1,"code":1302,"message":"\ud800 \udc00\ud83d\ude00 Exceed"}"#;
    let nul_ansi = "\u{0}\u{1b}[31m{\"error\":\u{0}1,\"code\":1302}\u{1b}[0m\u{0}";
    let many_docs = "{\"error\":1,\"code\":\"1302\"}\n".repeat(20_000);
    let braces = "{[\"'".repeat(50_000);
    for text in [
        deep_arrays.as_str(),
        deep_objects.as_str(),
        huge_number.as_str(),
        unterminated.as_str(),
        surrogates,
        nul_ansi,
        many_docs.as_str(),
        braces.as_str(),
        "",
        "\u{feff}",
        "HTTP/1.1 ",
    ] {
        let d = decode(text, index());
        assert!(d.errors.len() <= MAX_ERRORS);
        let _ = errdex::cli::output::decoded_json(&d, index());
    }
    let d = decode(&huge_number, index());
    assert_eq!(d.errors.len(), 0, "a 100k-digit code is no code");
    let d = decode(surrogates, index());
    assert_eq!(
        d.errors[0].message.as_deref(),
        Some("\u{fffd} \u{fffd}😀 Exceed")
    );
    let d = decode(nul_ansi, index());
    assert_eq!(d.errors[0].code.as_deref(), Some("1302"));
    let d = decode(&many_docs, index());
    assert_eq!(d.errors.len(), MAX_ERRORS);
    assert!(d.notice.is_some());
    let d = decode(&"x".repeat(MAX_PASTE_BYTES + 1), index());
    assert!(d.notice.unwrap().contains("refused"));
}

/// A 10 MB paste of mixed fixtures: run with
/// `cargo test --release --test decode -- --ignored --nocapture` to see the time.
#[test]
#[ignore]
fn ten_megabyte_paste() {
    let mut text = String::new();
    let files: Vec<String> = CASES
        .iter()
        .map(|(f, _)| read(&format!("tests/fixtures/pastes/{f}")))
        .collect();
    while text.len() < 10 * 1024 * 1024 {
        for f in &files {
            text.push_str(f);
            text.push('\n');
        }
    }
    let start = std::time::Instant::now();
    let d = decode(&text, index());
    let took = start.elapsed();
    println!(
        "decoded {:.1} MB in {took:?}: {} errors, notice {:?}",
        text.len() as f64 / 1048576.0,
        d.errors.len(),
        d.notice
    );
    // Realistic traffic: log lines, success bodies, and an error every 200 lines (< 1000 in all).
    let mut mixed = String::new();
    let mut n = 0u64;
    while mixed.len() < 10 * 1024 * 1024 {
        n += 1;
        match n % 200 {
            0 => mixed.push_str(&format!(
                "{n} ERROR call failed: {{\"error\":1,\"code\":{},\"message\":\"Article is not found\"}}\n",
                2101
            )),
            1 => mixed.push_str("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}\n"),
            2 => mixed.push_str("{'success': True, 'message': 'Bind customer client success'}\n"),
            _ => mixed.push_str(&format!(
                "2024-05-01T10:00:00.{n:06}Z INFO GET /v1/items?page={n} served in 12ms user=42\n"
            )),
        }
    }
    let start = std::time::Instant::now();
    let d = decode(&mixed, index());
    println!(
        "decoded {:.1} MB of mixed traffic in {:?}: {} errors, notice {:?}",
        mixed.len() as f64 / 1048576.0,
        start.elapsed(),
        d.errors.len(),
        d.notice
    );
    let logs = "2024-05-01T10:00:00Z INFO request served in 12ms path=/v1/items user=42\n"
        .repeat(10 * 1024 * 1024 / 70);
    let start = std::time::Instant::now();
    let d = decode(&logs, index());
    println!(
        "decoded {:.1} MB of plain log lines in {:?}: {} errors",
        logs.len() as f64 / 1048576.0,
        start.elapsed(),
        d.errors.len()
    );
    let one = format!(
        "{{\"log\":\"{}\"}}",
        r#"{\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Rate Limit\"} "#
            .repeat(10 * 1024 * 1024 / 80)
    );
    let start = std::time::Instant::now();
    let d = decode(&one, index());
    println!(
        "decoded one {:.1} MB document in {:?}: {} errors",
        one.len() as f64 / 1048576.0,
        start.elapsed(),
        d.errors.len()
    );
}

fn fixtures() -> &'static [Vec<u8>] {
    static ALL: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Vec<u8>> = CASES
            .iter()
            .map(|(f, _)| read(&format!("tests/fixtures/pastes/{f}")).into_bytes())
            .collect();
        for s in ["pixnet", "mantago", "tencent-im", "guo-guo"] {
            all.push(read(&format!("assets/samples/{s}.txt")).into_bytes());
        }
        all
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Insert(usize, u8),
    Replace(usize, u8),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let special =
        prop::sample::select(vec![b'{', b'[', b'"', b'\'', b'\\', b'}', b']', b',', b':']);
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), special.clone()).prop_map(|(p, c)| Edit::Insert(p, c)),
        (any::<usize>(), any::<u8>()).prop_map(|(p, c)| Edit::Replace(p, c)),
        (any::<usize>(), special).prop_map(|(p, c)| Edit::Replace(p, c)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mutated_pastes_never_panic(which in any::<usize>(), edits in prop::collection::vec(edit(), 1..12)) {
        let all = fixtures();
        let mut bytes = all[which % all.len()].clone();
        for e in edits {
            let n = bytes.len().max(1);
            match e {
                Edit::Delete(p) if !bytes.is_empty() => { bytes.remove(p % n); }
                Edit::Insert(p, c) => bytes.insert(p % (bytes.len() + 1), c),
                Edit::Replace(p, c) if !bytes.is_empty() => bytes[p % n] = c,
                Edit::Truncate(p) => bytes.truncate(p % n),
                _ => {}
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        let d = decode(&text, index());
        prop_assert!(d.errors.len() <= MAX_ERRORS);
        let _ = errdex::cli::output::decoded_json(&d, index());
        let _ = serde_json::to_string(&d).unwrap();
    }
}
