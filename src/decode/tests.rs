//! Matching: envelopes decide vendors, messages break ties, unknown codes get suggestions.

use super::stages::{join_key, join_keys, noise_prefix_tokens};
use super::*;
use crate::catalog::Origin;
use crate::index::RowId;
use crate::index::Table;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(Index::embedded)
}

fn one(text: &str) -> FoundError {
    let d = decode(text, index());
    assert_eq!(d.errors.len(), 1, "{text}: {:#?}", d.errors);
    d.errors.into_iter().next().unwrap()
}

fn codes(rows: &[RowId]) -> Vec<(String, String)> {
    rows.iter()
        .map(|&r| {
            let e = index().get(r);
            (e.vendor.id.clone(), e.entry.code.clone())
        })
        .collect()
}

fn first_match(e: &FoundError) -> (String, String) {
    codes(&e.match_rows).into_iter().next().expect("a match")
}

#[test]
fn the_envelope_decides_between_vendors_with_the_same_code() {
    let e = one(r#"{"success":false,"errResponse":{"code":1004,"message":"whatever"}}"#);
    assert_eq!(e.vendor.as_deref(), Some("mantago"));
    assert_eq!(first_match(&e), ("mantago".into(), "1004".into()));
    assert_eq!(e.path, "$.errResponse");

    let e = one(r#"{"error":1,"code":1004}"#);
    assert_eq!(e.vendor.as_deref(), Some("pixnet"));
    assert_eq!(codes(&e.match_rows), vec![("pixnet".into(), "1004".into())]);
    assert_eq!(e.confidence, Confidence::EnvelopeCode);
    assert_eq!(e.path, "$");

    // On a distinctive envelope, even when the message is another vendor's: the answer says
    // that it differs.
    let e = one(
        r#"{"success":false,"errResponse":{"code":5001,"message":"Incorrect Verification Code"}}"#,
    );
    assert_eq!(first_match(&e), ("mantago".into(), "5001".into()));
    assert_eq!(e.confidence, Confidence::EnvelopeCodeMessageDiffers);
    assert!(
        e.note
            .as_deref()
            .is_some_and(|n| n.contains("MantaGO 5001 says")),
        "{e:#?}"
    );

    let e = one(r#"{"ActionStatus":"FAIL","ErrorInfo":"x","ErrorCode":60002}"#);
    assert_eq!(first_match(&e), ("tencent-im".into(), "60002".into()));
}

#[test]
fn a_message_that_contradicts_stops_a_claim_on_a_shape_many_apis_share() {
    // A payment API answering in PIXNET's shape.
    let e = one(r#"{"error":1,"code":4001,"message":"Insufficient funds in wallet"}"#);
    assert_eq!(e.confidence, Confidence::Contradicted);
    assert_eq!((e.vendor.as_deref(), e.match_rows.len()), (None, 0));
    assert_eq!(
        codes(&e.suggestion_rows)[0],
        ("pixnet".into(), "4001".into())
    );
    assert_eq!(
        e.note.as_deref(),
        Some("shaped like PIXNET's errors, but PIXNET 4001 says “URL 中缺少必要參數 %s”")
    );
    assert!(
        !decode(
            r#"{"error":true,"code":1001,"message":"Card expired"}"#,
            index()
        )
        .matched()
    );

    // The message in another of the entry's languages, or sharing its words, does not.
    let e = one(r#"{"error":1,"code":1001,"message":"API key suspended"}"#);
    assert_eq!(e.confidence, Confidence::EnvelopeCodeMessage);
    let e = one(r#"{"error":1,"code":1001,"message":"API key not allowed"}"#);
    assert_eq!(e.confidence, Confidence::EnvelopeCode);
    let e = one(r#"{"error":1,"code":4001,"message":"URL 中缺少必要参数 page"}"#);
    assert_eq!(e.confidence, Confidence::EnvelopeCodeMessage);

    // Another vendor's code and message in PIXNET's shape are that vendor's.
    let e = one(r#"{"error":1,"code":1004,"message":"Token is invalid or expired"}"#);
    assert_eq!(first_match(&e), ("mantago".into(), "1004".into()));
    assert_eq!(e.confidence, Confidence::CodeMessage);
}

#[test]
fn without_an_envelope_only_a_message_naming_one_entry_identifies() {
    let e = one(r#"{"code":1004,"message":"Token is invalid or expired"}"#);
    assert_eq!(e.vendor.as_deref(), Some("mantago"));
    assert_eq!(e.confidence, Confidence::CodeMessage);
    assert_eq!(
        codes(&e.match_rows),
        vec![("mantago".into(), "1004".into())]
    );

    // A code alone is a suggestion, the status ranking the vendors' rows; the status line is
    // the HTTP error beside it.
    let d = decode("HTTP/1.1 401 Unauthorized\n\n{\"code\": 1004}", index());
    assert_eq!(d.errors.len(), 2, "{:#?}", d.errors);
    let (e, http) = (&d.errors[0], &d.errors[1]);
    assert_eq!(e.confidence, Confidence::CodeOnly);
    assert_eq!((e.vendor.as_deref(), e.http_status), (None, Some(401)));
    assert!(e.match_rows.is_empty());
    assert_eq!(
        codes(&e.suggestion_rows)[0],
        ("pixnet".into(), "1004".into())
    );
    assert_eq!(first_match(http), ("http".into(), "401".into()));
    assert_eq!(http.confidence, Confidence::EnvelopeCodeMessage);

    // Tencent answers API errors with 200: its row is suggested first.
    let e = one("HTTP/1.1 200 OK\n\n{\"errcode\": 60002}");
    assert_eq!(e.vendor, None);
    assert_eq!(codes(&e.suggestion_rows)[0].0, "tencent-im");

    // A message naming another entry than the code's contradicts it: nothing identified.
    let e = one(r#"{"code":5001,"message":"Exceed Anonymous Rate Limit"}"#);
    assert_eq!(
        (e.vendor.as_deref(), e.confidence),
        (None, Confidence::CodeOnly)
    );

    // Nothing to tell them apart: no vendor, both offered.
    let e = one(r#"{"code": 60002, "message": "?"}"#);
    assert_eq!(e.vendor, None);
    assert!(e.match_rows.is_empty());
    assert_eq!(e.suggestion_rows.len(), 2);
}

#[test]
fn a_message_naming_several_entries_equally_is_ambiguous() {
    // Tencent lists 60004 and 60005 with one message.
    let text = r#"{"ActionStatus":"FAIL","ErrorInfo":"请求 URL 或 JSON 包体中帐号或签名错误"}"#;
    let m = index()
        .get(index().by_code("60004")[0])
        .entry
        .message
        .unwrap();
    let e = one(&text.replace("请求 URL 或 JSON 包体中帐号或签名错误", &m));
    assert_eq!(e.vendor.as_deref(), Some("tencent-im"));
    assert_eq!(e.confidence, Confidence::Ambiguous);
    let offered: Vec<String> = codes(&e.suggestion_rows)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(offered, ["60004", "60005"]);
}

#[test]
fn message_similarity_orders_duplicate_codes() {
    let e = one(r#"{"error":1,"code":4109,"message":"Missing cellphone or calling_code"}"#);
    let rows = codes(&e.match_rows);
    assert_eq!(rows.len(), 2);
    let first = index().get(e.match_rows[0]);
    assert_eq!(
        first.entry.message.as_deref(),
        Some("Missing cellphone or calling_code")
    );
    let e = one(r#"{"error":1,"code":4109,"message":"請填入訂閱群組名稱"}"#);
    let first = index().get(e.match_rows[0]);
    assert_eq!(first.entry.message.as_deref(), Some("請填入訂閱群組名稱"));
}

#[test]
fn unknown_codes_keep_the_vendor_and_get_suggestions() {
    let e = one(r#"{"error":1,"code":9999,"message":"Album is not found"}"#);
    assert_eq!(e.vendor.as_deref(), Some("pixnet"));
    assert!(e.match_rows.is_empty());
    let s = codes(&e.suggestion_rows);
    assert!(s.contains(&("pixnet".into(), "2202".into())), "{s:?}");
    assert!(s.iter().all(|(v, _)| v == "pixnet"));

    let e = one(
        r#"{"success":false,"errResponse":{"message":"This is sample message","code":0000,"botId":"x"}}"#,
    );
    assert_eq!(e.vendor.as_deref(), Some("mantago"));
    assert_eq!(e.code.as_deref(), Some("0000"));
    assert!(e.match_rows.is_empty());

    // The same code elsewhere is a suggestion, never a match.
    let e = one(r#"{"error":1,"code":60002}"#);
    assert!(e.match_rows.is_empty());
    assert_eq!(codes(&e.suggestion_rows).len(), 2);
}

#[test]
fn success_bodies_are_not_errors() {
    for text in [
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#,
        r#"{"success":true,"message":"done"}"#,
        r#"{"error":0,"code":0}"#,
        r#"{"code":0,"message":"success"}"#,
        r#"{"errcode":0,"errmsg":"ok"}"#,
        r#"{"country":{"code":"TW","name":"Taiwan"}}"#,
    ] {
        let d = decode(text, index());
        assert!(d.errors.is_empty(), "{text}: {:?}", d.errors);
    }
}

#[test]
fn guo_guo_items_are_errors_too() {
    let d = decode(
        r#"{"message":"Validation failed.","result_code":"data_validation_failed","validation_failed_responses":[{"result_code":"field_is_required","message":"product_id is required.","property_name":"product_id"},{"result_code":"no_such_code","message":"x","property_name":"qty"}],"odata":null}"#,
        index(),
    );
    assert_eq!(d.errors.len(), 3);
    assert_eq!(
        first_match(&d.errors[0]),
        ("guo-guo".into(), "data_validation_failed".into())
    );
    assert_eq!(d.errors[1].path, "$.validation_failed_responses[0]");
    assert_eq!(d.errors[1].field.as_deref(), Some("product_id"));
    assert_eq!(
        first_match(&d.errors[1]),
        ("guo-guo".into(), "field_is_required".into())
    );
    assert_eq!(d.errors[2].vendor.as_deref(), Some("guo-guo"));
    assert!(d.errors[2].match_rows.is_empty());
}

#[test]
fn placeholders_and_bare_lines() {
    let e = one(r#"{"error":1,"code":4200,"message":"User alice exists"}"#);
    assert_eq!(first_match(&e), ("pixnet".into(), "4200".into()));

    let e = one("Exceed Anonymous Rate Limit");
    assert_eq!(e.code, None);
    assert_eq!(e.path, "line 1");
    assert_eq!(first_match(&e), ("pixnet".into(), "1302".into()));

    let e = one("some noise\n2024-05-01 12:00:01 ERROR Token is invalid or expired\n");
    assert_eq!(e.path, "line 2");
    assert_eq!(first_match(&e), ("mantago".into(), "1004".into()));

    let e = one("request failed: User bob exists");
    assert_eq!(first_match(&e), ("pixnet".into(), "4200".into()));
    assert_eq!(e.confidence, Confidence::MessageOnly);

    for noise in [
        "Starting server on port 8080",
        "index out of range",
        "Permission denied",
        "User not found in cache, loading",
        "the rate limit was exceeded for anonymous users today",
    ] {
        assert!(decode(noise, index()).errors.is_empty(), "{noise}");
    }
}

#[test]
fn a_message_without_a_code_matches_within_the_vendor() {
    let e = one(r#"{"success":false,"errResponse":{"message":"Token is invalid or expired"}}"#);
    assert_eq!(e.vendor.as_deref(), Some("mantago"));
    assert_eq!(e.code, None);
    assert_eq!(first_match(&e), ("mantago".into(), "1004".into()));
}

#[test]
fn a_user_catalog_envelope_is_decoded() {
    let catalog = crate::catalog::parse_catalog(
        "acme.json",
        r#"{"schema": 1, "vendor": {"id": "acme", "name": "Acme"}, "edition": {"id": "1"},
            "envelope": {"code": "err.no", "message": "err.msg"},
            "entries": [{"code": "1004", "message": "Widget jammed"}]}"#,
    )
    .expect("a valid catalog");
    let acme = Table::from_catalog(catalog, Origin::File("acme.json".into())).unwrap();
    let mut tables: Vec<Table> = crate::index::embedded::tables();
    tables.push(acme);
    let index = Index::from_tables(tables);
    let d = decode(r#"{"err":{"no":1004,"msg":"Widget jammed"}}"#, &index);
    assert_eq!(d.errors.len(), 1);
    let e = &d.errors[0];
    assert_eq!(e.vendor.as_deref(), Some("acme"));
    assert_eq!(e.path, "$.err");
    assert_eq!(index.get(e.match_rows[0]).vendor.id, "acme");
    // And the bare message finds it too.
    let d = decode("Widget jammed again today", &index);
    assert!(d.errors.is_empty());
    let d = decode("ERROR: widget JAMMED", &index);
    assert_eq!(
        d.errors.len(),
        0,
        "two-token messages never match bare lines"
    );
}

#[test]
fn limits_and_notices() {
    let big = "x".repeat(MAX_PASTE_BYTES + 1);
    let d = decode(&big, index());
    assert!(d.errors.is_empty());
    assert!(d.notice.as_deref().unwrap().starts_with("paste refused"));

    let many = r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#.repeat(2000);
    let d = decode(&many, index());
    assert_eq!(d.errors.len(), MAX_ERRORS);
    assert!(d.notice.as_deref().unwrap().contains("first 1000"));

    let deep = format!("{}{}", "[".repeat(1000), r#"{"error":1,"code":1302}"#);
    let d = decode(&deep, index());
    assert!(d.notice.as_deref().unwrap().contains("deeper"));
}

#[test]
fn paths_quote_odd_keys() {
    assert_eq!(join_key("$", "a b"), "$[\"a b\"]");
    assert_eq!(join_key("$", "errResponse"), "$.errResponse");
    assert_eq!(join_key("$", &"é".repeat(1000)).chars().count(), 64 + 5);
    assert_eq!(join_keys("$", &["a".into(), "[2]".into()]), "$.a[2]");
    assert_eq!(noise_prefix_tokens("2024-05-01 ERROR: Token"), 4);
}

#[test]
fn more_shapes_seen_in_the_wild() {
    // Google-style wrapper: the error object is nested under the flag's key.
    let e = one(r#"{"error": {"code": 1302, "message": "Exceed Anonymous Rate Limit"}}"#);
    assert_eq!(e.path, "$.error");
    assert_eq!(first_match(&e), ("pixnet".into(), "1302".into()));

    // OAuth: the code is a word of the oauth family, the description its message.
    let e = one(r#"{"error":"invalid_grant","error_description":"Invalid authorization code"}"#);
    assert_eq!(e.code.as_deref(), Some("invalid_grant"));
    assert_eq!(e.message.as_deref(), Some("Invalid authorization code"));
    assert_eq!(e.vendor.as_deref(), Some("oauth"));
    assert_eq!(first_match(&e), ("oauth".into(), "invalid_grant".into()));

    // A plain-text body after the status line: its error first, the HTTP status beside it.
    let d = decode(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nExceed Anonymous Rate Limit\r\n",
        index(),
    );
    let e = &d.errors[0];
    assert_eq!(e.http_status, Some(403));
    assert_eq!(e.path, "line 4");
    assert_eq!(first_match(e), ("pixnet".into(), "1302".into()));
    assert_eq!(first_match(&d.errors[1]), ("http".into(), "403".into()));
    assert_eq!(d.errors.len(), 2);

    // Capitalised keys, a string flag and code.
    let e = one(r#"{"Error":"1","Code":"2101","Message":"Article is not found"}"#);
    assert_eq!(first_match(&e), ("pixnet".into(), "2101".into()));

    // A negative Tencent code not in the catalog.
    let e = one(r#"{"ActionStatus":"FAIL","ErrorInfo":"Fail to parse","ErrorCode":-1}"#);
    assert_eq!(e.vendor.as_deref(), Some("tencent-im"));
    assert_eq!(e.code.as_deref(), Some("-1"));
    assert!(e.match_rows.is_empty());

    // Tencent's flag wins over a network status, which is reported beside it.
    let d = decode(
        "HTTP/1.1 502 Bad Gateway\n\n{\"ActionStatus\":\"FAIL\",\"ErrorCode\":60002}",
        index(),
    );
    assert_eq!(d.errors[0].vendor.as_deref(), Some("tencent-im"));
    assert_eq!(d.errors[0].confidence, Confidence::EnvelopeCode);
    assert_eq!(first_match(&d.errors[1]), ("http".into(), "502".into()));

    // A JSON string inside a JSON string inside a log line.
    let e =
        one(r#"{"log":"{\"msg\":\"upstream\",\"body\":\"{\\\"error\\\":1,\\\"code\\\":2202}\"}"}"#);
    assert_eq!(e.path, "$.log.body");
    assert_eq!(first_match(&e), ("pixnet".into(), "2202".into()));
}

#[test]
fn entries_without_a_message_are_suggested_by_their_summary() {
    let e = one(r#"{"result_code":"org_gone","message":"organization is disabled"}"#);
    assert_eq!(e.vendor.as_deref(), Some("guo-guo"));
    assert!(e.match_rows.is_empty());
    assert!(
        codes(&e.suggestion_rows).contains(&("guo-guo".into(), "organization_disable".into())),
        "{:?}",
        codes(&e.suggestion_rows)
    );
    // But a bare line is matched against what APIs say, never against our summaries.
    let d = decode(
        "The organization is disabled; contact customer support to check its status.",
        index(),
    );
    assert!(d.errors.is_empty(), "{:?}", d.errors);
}

#[test]
fn error_pages_and_exceptions_give_one_http_error() {
    // Kubernetes' ingress-nginx default page, as curl prints it.
    let page = "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    assert_eq!(first_match(&one(page)), ("http".into(), "503".into()));
    // Cloudflare's page for its own 521: the status, which no RFC names.
    let e = one("<title>api.example.com | 521: Web server is down</title>");
    assert_eq!(
        (e.code.as_deref(), e.confidence),
        (Some("521"), Confidence::NotInCatalog)
    );
    // Cloudflare's 1020 (a firewall rule denied access) is Cloudflare's own code, which no
    // catalog holds: the response is its 403, and the code is nobody's (not MySQL's 1020, not
    // OpenSSL's, not Windows').
    let d = decode(
        "HTTP/2 403 \r\ndate: Mon, 07 Dec 2026 18:02:11 GMT\r\ncontent-type: text/plain; charset=UTF-8\r\ncontent-length: 16\r\nserver: cloudflare\r\ncf-ray: 8ef1c2a3b4d5e6f7-FRA\r\n\r\nerror code: 1020",
        index(),
    );
    assert_eq!(d.errors.len(), 1, "{:#?}", d.errors);
    assert_eq!(first_match(&d.errors[0]), ("http".into(), "403".into()));
    for page in [
        "error code: 1020",
        "<title>Access denied | api.example.com used Cloudflare to restrict access</title>\n<h1><span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">1020</span></h1>\n<h2 class=\"cf-subheadline\">Access denied</h2>",
    ] {
        let d = decode(page, index());
        assert!(d.errors.is_empty(), "{page}: {:#?}", d.errors);
    }
    // A line that is the catalog's phrase after the status: one error, with its code.
    let e = one("Error: 429 Too Many Requests\n    at handler (/app/server.js:41:11)\n");
    assert_eq!(first_match(&e), ("http".into(), "429".into()));
    assert_eq!(e.code.as_deref(), Some("429"));
    // A runtime's own exception is no catalog's message (HRESULT's `Division by zero.`).
    let d = decode(
        "Traceback (most recent call last):\n  File \"stats.py\", line 9, in <module>\n    print(total / count)\nZeroDivisionError: division by zero\n",
        index(),
    );
    assert!(d.errors.is_empty(), "{:#?}", d.errors);
}
