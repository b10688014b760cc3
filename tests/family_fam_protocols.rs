//! The protocol families (jsonrpc, websocket, http2, quic, dns, dns-ede, smtp) are complete from
//! their source files: every code and name of each source is in its catalog (the sources are
//! read here, apart from the build scripts), every entry has a kind whose retry advice fits it
//! and a summary of its own, and each file loads through the validating loader and answers
//! `show` by code and by name.

#[path = "support/family_sources.rs"]
mod family_sources;

use errdex::catalog::{Catalog, Entry, Text};
use family_sources::{assert_every_entry_has_a_kind, by_code, catalog_path, errdex, load, tsv};
use std::collections::{BTreeSet, HashMap};

/// Whether `name` is the symbol or an alias of `e`.
fn is_named(e: &Entry, name: &str) -> bool {
    e.symbol.as_deref() == Some(name) || e.aliases.iter().any(|a| a == name)
}

/// Every entry has a kind and our own summary.
fn assert_kinds_and_summaries(c: &Catalog) {
    assert_every_entry_has_a_kind(c);
    for e in &c.entries {
        let summary = e.summary_en.as_deref().unwrap_or_default();
        assert!(
            summary.len() > 30,
            "{} {}: summary {summary:?}",
            c.vendor.id,
            e.code
        );
        // Our own words: never the source's text as it stands.
        let texts = e.description.iter().flat_map(|d| d.items());
        for text in e.message.iter().map(String::as_str).chain(texts) {
            assert_ne!(summary, text, "{} {}", c.vendor.id, e.code);
        }
    }
}

/// `errdex show <id> <code> --json` answers every code of `codes` with that code (a code may
/// start with `-`, so it follows `--`).
fn assert_shown(id: &str, codes: &[&str]) {
    let file = catalog_path(id);
    for code in codes {
        let e = errdex(&file, &["show", "--json", id, "--", code]);
        let shown = match &e {
            serde_json::Value::Array(many) => many[0]["code"].clone(),
            one => one["code"].clone(),
        };
        assert_eq!(shown, *code, "{id} {code}");
    }
}

// ---------------------------------------------------------------------------------------------
// jsonrpc

#[test]
fn jsonrpc_has_every_code_and_name_of_the_source() {
    let c = load("jsonrpc");
    let codes = by_code(&c);
    let rows = tsv("jsonrpc-errors.tsv");
    assert_eq!(rows.len(), 23);
    let source: BTreeSet<&str> = rows.iter().map(|r| r["code"].as_str()).collect();
    assert_eq!(codes.keys().copied().collect::<BTreeSet<_>>(), source);
    for r in &rows {
        let e = codes[r["code"].as_str()];
        if r["kind"].starts_with("range:") {
            // A range's "name" is the spec's message ("Server error") or a placeholder.
            assert_eq!(e.symbol, None, "{}", e.code);
            assert!(!r["spec_message"].is_empty() || r["name"] == "(reserved)");
        } else {
            assert!(is_named(e, &r["name"]), "{}: {}", e.code, r["name"]);
        }
        if !r["spec_message"].is_empty() {
            assert_eq!(e.message.as_deref(), Some(r["spec_message"].as_str()));
        }
    }
    // The error name wins the symbol over the range markers that share its value.
    assert_eq!(codes["-32099"].symbol.as_deref(), Some("MessageWriteError"));
    assert_eq!(codes["-32800"].symbol.as_deref(), Some("RequestCancelled"));
    assert_kinds_and_summaries(&c);
}

#[test]
fn jsonrpc_codes_are_shown_by_number_and_by_name() {
    let codes: Vec<String> = tsv("jsonrpc-errors.tsv")
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    assert_shown(
        "jsonrpc",
        &codes.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let file = catalog_path("jsonrpc");
    let e = errdex(&file, &["show", "jsonrpc", "MethodNotFound", "--json"]);
    assert_eq!(
        (&e["code"], &e["message"], &e["kind"]),
        (
            &"-32601".into(),
            &"Method not found".into(),
            &"unsupported".into()
        )
    );
    let e = errdex(
        &file,
        &["show", "jsonrpc", "ServerNotInitialized", "--json"],
    );
    assert_eq!(
        (&e["code"], &e["retry"]),
        (&"-32002".into(), &"after_fix".into())
    );
    let e = errdex(&file, &["show", "jsonrpc", "serverErrorStart", "--json"]);
    assert_eq!(e["symbol"], "MessageWriteError");
}

// ---------------------------------------------------------------------------------------------
// websocket

#[test]
fn websocket_has_every_close_code_range_and_name_of_the_source_in_its_order() {
    let c = load("websocket");
    let rows = tsv("websocket-close-codes.tsv");
    assert_eq!(rows.len(), 20);
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    let source: Vec<&str> = rows.iter().map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, source);
    for (e, r) in c.entries.iter().zip(&rows) {
        let name = (!r["name"].is_empty()).then(|| r["name"].as_str());
        assert_eq!(e.symbol.as_deref(), name, "{}", e.code);
        let explanation = (!r["explanation"].is_empty()).then(|| r["explanation"].as_str());
        assert_eq!(e.message.as_deref(), explanation, "{}", e.code);
        let never_sent = r["sendable"] == "no";
        assert_eq!(
            e.subcategory.as_deref().unwrap().starts_with("never"),
            never_sent,
            "{}",
            e.code
        );
    }
    assert_kinds_and_summaries(&c);
}

#[test]
fn websocket_close_codes_say_when_to_reconnect() {
    let file = catalog_path("websocket");
    for (code, kind, retry) in [
        ("1000", "ok", None),
        ("1006", "network", Some("backoff")),
        ("1013", "unavailable", Some("backoff")),
        ("1012", "unavailable", Some("backoff")),
        ("1008", "permission", Some("after_fix")),
        ("1009", "validation", Some("after_fix")),
    ] {
        let e = errdex(&file, &["show", "websocket", code, "--json"]);
        assert_eq!(
            (e["kind"].as_str(), e["retry"].as_str()),
            (Some(kind), retry),
            "{code}"
        );
    }
    let e = errdex(&file, &["show", "websocket", "ABNORMAL_CLOSURE", "--json"]);
    assert_eq!(e["code"], "1006");
    let e = errdex(&file, &["show", "websocket", "try_again_later", "--json"]);
    assert_eq!(e["code"], "1013");
    let codes: Vec<String> = tsv("websocket-close-codes.tsv")
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    assert_shown(
        "websocket",
        &codes.iter().map(String::as_str).collect::<Vec<_>>(),
    );
}

// ---------------------------------------------------------------------------------------------
// http2

#[test]
fn http2_has_every_wire_code_and_nghttp2_error_of_the_source() {
    let c = load("http2");
    let rows = tsv("http2-errors.tsv");
    assert_eq!(rows.len(), 56);
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    let source: Vec<&str> = rows.iter().map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, source);
    for (e, r) in c.entries.iter().zip(&rows) {
        assert_eq!(e.symbol.as_deref(), Some(r["name"].as_str()));
        assert!(is_named(e, &r["nghttp2_name"]), "{}", e.code);
        if r["kind"] == "nghttp2-library" && r["nghttp2_strerror"] != "Unknown error code" {
            assert_eq!(e.message.as_deref(), Some(r["nghttp2_strerror"].as_str()));
        } else {
            assert_eq!(e.message, None, "{}", e.code);
        }
    }
    assert_kinds_and_summaries(&c);
}

#[test]
fn http2_codes_are_shown_by_number_and_by_either_name() {
    let file = catalog_path("http2");
    for (name, code, kind, retry) in [
        ("PROTOCOL_ERROR", "1", "validation", Some("after_fix")),
        (
            "NGHTTP2_REFUSED_STREAM",
            "7",
            "unavailable",
            Some("backoff"),
        ),
        ("ENHANCE_YOUR_CALM", "11", "rate_limit", Some("backoff")),
        ("NO_ERROR", "0", "ok", None),
        (
            "NGHTTP2_ERR_REFUSED_STREAM",
            "-533",
            "unavailable",
            Some("backoff"),
        ),
    ] {
        let e = errdex(&file, &["show", "http2", name, "--json"]);
        assert_eq!(
            (e["code"].as_str(), e["kind"].as_str(), e["retry"].as_str()),
            (Some(code), Some(kind), retry),
            "{name}"
        );
    }
    let codes: Vec<String> = tsv("http2-errors.tsv")
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    assert_shown(
        "http2",
        &codes.iter().map(String::as_str).collect::<Vec<_>>(),
    );
}

// ---------------------------------------------------------------------------------------------
// quic

#[test]
fn quic_has_every_code_and_name_of_the_source_in_lower_case_hex() {
    let c = load("quic");
    let codes = by_code(&c);
    let rows = tsv("quic-h3-errors.tsv");
    assert_eq!(rows.len(), 41);
    let source: BTreeSet<String> = rows.iter().map(|r| r["code_hex"].to_lowercase()).collect();
    assert_eq!(
        codes.keys().map(|c| c.to_string()).collect::<BTreeSet<_>>(),
        source
    );
    for r in &rows {
        let code = r["code_hex"].to_lowercase();
        // The range row is named "CRYPTO_ERROR (range)".
        let name = r["name"].trim_end_matches(" (range)");
        let named: Vec<&str> = c
            .entries
            .iter()
            .filter(|e| is_named(e, name))
            .map(|e| e.code.as_str())
            .collect();
        match name {
            // QUIC's CRYPTO_ERROR is the range starting at 0x100, whose own entry is HTTP/3's.
            "CRYPTO_ERROR" => assert_eq!(named, ["0x100-0x1ff"]),
            _ => assert_eq!(named, [code.as_str()], "{name}"),
        }
        assert!(code.starts_with("0x") && code.len() <= 11, "{code}");
    }
    assert_eq!(codes["0x100"].symbol.as_deref(), Some("H3_NO_ERROR"));
    assert_eq!(
        codes["0x100"].category.as_deref(),
        Some("HTTP/3; QUIC transport")
    );
    assert_kinds_and_summaries(&c);
}

#[test]
fn quic_codes_are_shown_as_clients_print_them() {
    let file = catalog_path("quic");
    for (code, symbol, kind) in [
        ("0x1", "INTERNAL_ERROR", "internal"),
        ("0x10c", "H3_REQUEST_CANCELLED", "cancelled"),
        ("0x10C", "H3_REQUEST_CANCELLED", "cancelled"),
        ("0x10b", "H3_REQUEST_REJECTED", "unavailable"),
        ("0x100", "H3_NO_ERROR", "ok"),
    ] {
        let e = errdex(&file, &["show", "quic", code, "--json"]);
        assert_eq!(
            (e["symbol"].as_str(), e["kind"].as_str()),
            (Some(symbol), Some(kind)),
            "{code}"
        );
    }
    let e = errdex(&file, &["show", "quic", "crypto_error", "--json"]);
    assert_eq!(e["code"], "0x100-0x1ff");
    let codes: Vec<String> = tsv("quic-h3-errors.tsv")
        .into_iter()
        .map(|r| r["code_hex"].to_lowercase())
        .collect();
    assert_shown(
        "quic",
        &codes.iter().map(String::as_str).collect::<Vec<_>>(),
    );
}

// ---------------------------------------------------------------------------------------------
// dns and dns-ede

#[test]
fn dns_has_every_rcode_and_name_of_the_source() {
    let c = load("dns");
    let codes = by_code(&c);
    let rows: Vec<_> = tsv("dns-rcodes.tsv")
        .into_iter()
        .filter(|r| r["kind"] == "rcode")
        .collect();
    assert_eq!(rows.len(), 21);
    let source: BTreeSet<&str> = rows.iter().map(|r| r["value"].as_str()).collect();
    assert_eq!(codes.keys().copied().collect::<BTreeSet<_>>(), source);
    for r in &rows {
        let e = codes[r["value"].as_str()];
        assert!(is_named(e, &r["name"]), "{}: {}", e.code, r["name"]);
        assert!(e.category.as_deref().unwrap().contains(&r["carried_in"]));
    }
    assert_eq!(codes["16"].symbol.as_deref(), Some("BADVERS"));
    assert_eq!(codes["16"].aliases, ["BADSIG"]);
    assert_kinds_and_summaries(&c);
}

#[test]
fn dns_ede_has_every_info_code_name_and_text_of_the_source() {
    let c = load("dns-ede");
    let rows: Vec<_> = tsv("dns-rcodes.tsv")
        .into_iter()
        .filter(|r| r["kind"] == "ede")
        .collect();
    assert_eq!(rows.len(), 33);
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    let source: Vec<&str> = rows.iter().map(|r| r["value"].as_str()).collect();
    assert_eq!(codes, source);
    for (e, r) in c.entries.iter().zip(&rows) {
        assert_eq!(e.symbol.as_deref(), Some(r["name"].as_str()));
        assert_eq!(e.message.as_deref(), Some(r["description"].as_str()));
    }
    assert_kinds_and_summaries(&c);
}

#[test]
fn dns_answers_say_servfail_is_retried_and_nxdomain_is_not() {
    let dns = catalog_path("dns");
    for (name, code, kind, retry) in [
        ("SERVFAIL", "2", "unavailable", Some("backoff")),
        ("NXDOMAIN", "3", "not_found", Some("no")),
        ("REFUSED", "5", "permission", Some("after_fix")),
        ("NOERROR", "0", "ok", None),
        ("BADSIG", "16", "unsupported", Some("after_fix")),
    ] {
        let e = errdex(&dns, &["show", "dns", name, "--json"]);
        assert_eq!(
            (e["code"].as_str(), e["kind"].as_str(), e["retry"].as_str()),
            (Some(code), Some(kind), retry),
            "{name}"
        );
    }
    let ede = catalog_path("dns-ede");
    for (code, name, kind) in [
        ("18", "PROHIBITED", "permission"),
        ("6", "DNSSEC_BOGUS", "internal"),
        ("3", "STALE_ANSWER", "warning"),
        ("31", "RATE_LIMITED", "rate_limit"),
    ] {
        let e = errdex(&ede, &["show", "dns-ede", code, "--json"]);
        assert_eq!(
            (e["symbol"].as_str(), e["kind"].as_str()),
            (Some(name), Some(kind)),
            "{code}"
        );
    }
    let rows = tsv("dns-rcodes.tsv");
    let of_kind = |kind: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| r["value"].as_str())
            .collect()
    };
    assert_shown("dns", &of_kind("rcode"));
    assert_shown("dns-ede", &of_kind("ede"));
}

// ---------------------------------------------------------------------------------------------
// smtp

/// The classes (2, 4, 5) the source gives an enhanced code: the first digit of each associated
/// reply code ("451", "250-253", "4xx") and the classes sisimai maps to a reason. An X.n.0 code
/// ("other or undefined") gets all three; a duplicate takes the classes of the code it repeats.
fn smtp_classes(rows: &[HashMap<String, String>], pattern: &str) -> BTreeSet<char> {
    let row = rows.iter().find(|r| r["code"] == pattern).unwrap();
    if pattern.ends_with(".0") {
        return "245".chars().collect();
    }
    if let Some(original) = row["title"].strip_prefix("This is a duplicate of ") {
        return smtp_classes(rows, original.split(' ').next().unwrap());
    }
    let mut classes: BTreeSet<char> = row["associated_reply_codes"]
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().next().unwrap())
        .collect();
    for (class, column) in [('4', "sisimai_reason_4xx"), ('5', "sisimai_reason_5xx")] {
        if !row[column].is_empty() {
            classes.insert(class);
        }
    }
    classes
}

#[test]
fn smtp_has_every_reply_code_and_one_entry_per_class_of_each_enhanced_code() {
    let c = load("smtp");
    let codes = by_code(&c);
    let rows = tsv("smtp-codes.tsv");
    assert_eq!(rows.len(), 127);
    let mut expected: BTreeSet<String> = BTreeSet::new();
    for r in &rows {
        let title = (!r["title"].is_empty()).then(|| r["title"].as_str());
        if r["kind"] == "reply" {
            let e = codes[r["code"].as_str()];
            assert_eq!(
                e.description,
                title.map(|t| Text::One(t.into())),
                "{}",
                e.code
            );
            expected.insert(r["code"].clone());
            continue;
        }
        let pattern = r["code"].as_str();
        let classes = smtp_classes(&rows, pattern);
        assert!(!classes.is_empty(), "{pattern}");
        for class in classes {
            let code = format!("{class}{}", &pattern[1..]);
            let e = codes
                .get(code.as_str())
                .unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(e.aliases, [pattern]);
            assert_eq!(e.description, title.map(|t| Text::One(t.into())), "{code}");
            expected.insert(code);
        }
    }
    // Nothing beyond the reply codes and the classes the source gives.
    assert_eq!(
        codes.keys().map(|c| c.to_string()).collect::<BTreeSet<_>>(),
        expected
    );
    assert_eq!(c.entries.len(), 46 + 130);
    assert!(codes.contains_key("4.1.1") && codes.contains_key("5.1.1"));
    assert!(!codes.contains_key("4.1.5") && !codes.contains_key("2.1.1"));
    assert_kinds_and_summaries(&c);
}

#[test]
fn smtp_retry_advice_follows_the_class_transient_or_permanent() {
    let c = load("smtp");
    for e in &c.entries {
        let class = e.code.chars().next().unwrap();
        let kind = e.kind.unwrap().id();
        let retry = e.retry.map(|r| r.id());
        match class {
            '2' | '3' => assert!(matches!(kind, "ok" | "warning"), "{}", e.code),
            '4' if kind == "warning" => assert_eq!(e.code, "453"),
            '4' => assert!(matches!(retry, Some("backoff" | "later")), "{}", e.code),
            '5' => assert!(matches!(retry, Some("no" | "after_fix")), "{}", e.code),
            _ => panic!("{}", e.code),
        }
    }
    let codes = by_code(&c);
    // The source's X.7.8 repeats X.7.14's title; it stays, the summary follows the registry.
    let x78 = codes["5.7.8"];
    assert_eq!(
        x78.description,
        Some(Text::One("Trust relationship required".into()))
    );
    assert!(x78.summary_en.as_deref().unwrap().contains("credentials"));
    assert!(
        c.edition
            .notes
            .iter()
            .any(|n| n.contains("X.7.8") && n.contains("Authentication credentials invalid"))
    );
    // An enhanced code links the reply codes of its own class the registry pairs it with.
    let links = |code: &str| -> Vec<&str> {
        codes[code]
            .maps_to
            .iter()
            .map(|m| m.code.as_str())
            .collect()
    };
    assert_eq!(links("5.1.1"), ["550"]);
    assert_eq!(links("4.1.1"), ["451"]);
    assert_eq!(links("2.7.0"), ["220", "235"]);
}

#[test]
fn smtp_codes_are_shown_as_bounces_print_them() {
    let file = catalog_path("smtp");
    for (code, kind, retry) in [
        ("550", "not_found", Some("no")),
        ("421", "unavailable", Some("backoff")),
        ("5.1.1", "not_found", Some("no")),
        ("4.2.2", "quota", Some("later")),
        ("5.7.1", "permission", Some("after_fix")),
        ("4.7.1", "permission", Some("backoff")),
        ("2.0.0", "ok", None),
        ("354", "ok", None),
    ] {
        let e = errdex(&file, &["show", "smtp", code, "--json"]);
        assert_eq!(
            (e["code"].as_str(), e["kind"].as_str(), e["retry"].as_str()),
            (Some(code), Some(kind), retry),
            "{code}"
        );
    }
    // The registry's pattern finds every class made from it.
    let both = errdex(&file, &["show", "smtp", "X.1.1", "--json"]);
    let shown: Vec<&str> = both
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(shown, ["4.1.1", "5.1.1"]);
}
