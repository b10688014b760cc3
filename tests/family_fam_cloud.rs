//! The oauth, gcp and aws families are complete from their source files: every code and name of
//! each source is in its catalog (the sources are read here, apart from the build scripts), every
//! entry has a kind whose retry advice and HTTP status fit it, and each file loads through the
//! validating loader and answers `show`.

#[path = "support/family_sources.rs"]
mod family_sources;

use errdex::catalog::{Catalog, Entry};
use family_sources::{
    assert_every_entry_has_a_kind, by_code, catalog_path, errdex, load, root, tsv,
};
use std::collections::{BTreeSet, HashMap};

/// Every name an entry answers to: its code, its symbol and its aliases.
fn names(c: &Catalog) -> HashMap<&str, Vec<&str>> {
    let mut names: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &c.entries {
        let own = std::iter::once(&e.code).chain(&e.symbol).chain(&e.aliases);
        for n in own {
            let codes = names.entry(n.as_str()).or_default();
            if !codes.contains(&e.code.as_str()) {
                codes.push(e.code.as_str());
            }
        }
    }
    names
}

/// Every entry has a kind, and our own summary or the source's description.
fn assert_kinds_and_texts(c: &Catalog) {
    assert_every_entry_has_a_kind(c);
    for e in &c.entries {
        assert!(
            e.summary_en.is_some() || e.description.is_some(),
            "{} {}: neither summary nor description",
            c.vendor.id,
            e.code
        );
    }
}

// ---------------------------------------------------------------------------------------------
// oauth

#[test]
fn oauth_has_every_value_and_oauthlib_class_of_the_source_and_nothing_else() {
    let c = load("oauth");
    let codes = by_code(&c);
    let names = names(&c);
    let rows = tsv("oauth-errors.tsv");
    assert_eq!(rows.len(), 40);
    let values: BTreeSet<&str> = rows.iter().map(|r| r["error"].as_str()).collect();
    assert_eq!(values.len(), 33);
    assert_eq!(codes.keys().copied().collect::<BTreeSet<_>>(), values);
    for r in &rows {
        let e = codes[r["error"].as_str()];
        assert_eq!(e.symbol.as_deref(), Some(r["error"].as_str()));
        for class in r["oauthlib_classes"].split_whitespace() {
            let short = class.rsplit('.').next().unwrap();
            assert!(e.aliases.iter().any(|a| a == short), "{}: {short}", e.code);
            assert_eq!(names[short], [e.code.as_str()], "{short}");
        }
    }
}

#[test]
fn oauth_entries_name_their_endpoints_spec_sections_and_statuses() {
    let c = load("oauth");
    let codes = by_code(&c);
    for r in tsv("oauth-errors.tsv") {
        let e = codes[r["error"].as_str()];
        let category = e.category.as_deref().unwrap();
        let subcategory = e.subcategory.as_deref().unwrap();
        assert!(category.contains(&r["usage_location"]), "{}", e.code);
        if r["defining_spec"] != "oauthlib only" {
            let first = r["section"].split(", ").next().unwrap();
            assert!(subcategory.contains(&r["defining_spec"]), "{}", e.code);
            assert!(
                subcategory.contains(&format!("§{first}")),
                "{}: {subcategory}",
                e.code
            );
        }
        // The spec's status is the entry's, or, where endpoints differ, subcategory says it.
        let status = &r["http_status"];
        if !status.is_empty() {
            match e.http_status {
                Some(s) => assert_eq!(s.to_string(), *status, "{}", e.code),
                None => assert!(
                    subcategory.contains(&format!("HTTP {status}")),
                    "{}: {subcategory}",
                    e.code
                ),
            }
        }
    }
    assert_eq!(codes["invalid_grant"].http_status, Some(400));
    assert_eq!(codes["invalid_token"].http_status, Some(401));
    assert_eq!(codes["insufficient_scope"].http_status, Some(403));
    // Authorization-endpoint errors travel in a redirect: no status of their own.
    assert_eq!(codes["login_required"].http_status, None);
    let links = |code: &str| {
        codes[code]
            .maps_to
            .iter()
            .map(|m| format!("{} {}", m.vendor, m.code))
            .collect::<Vec<_>>()
    };
    assert_eq!(links("server_error"), ["http 500"]);
    assert_eq!(links("temporarily_unavailable"), ["http 503"]);
    assert_kinds_and_texts(&c);
    assert!(c.entries.iter().all(|e| e.summary_en.is_some()));
}

#[test]
fn oauth_values_are_shown_by_value_and_by_oauthlib_class() {
    let file = catalog_path("oauth");
    let e = errdex(&file, &["show", "oauth", "invalid_grant", "--json"]);
    assert_eq!(
        (&e["http_status"], &e["kind"], &e["retry"]),
        (&400.into(), &"auth".into(), &"after_fix".into())
    );
    let e = errdex(&file, &["show", "oauth", "SlowDown", "--json"]);
    assert_eq!(e["code"], "slow_down");
    assert_eq!(e["kind"], "rate_limit");
    let e = errdex(&file, &["show", "oauth", "InvalidClientError", "--json"]);
    assert_eq!(e["code"], "invalid_client");
}

// ---------------------------------------------------------------------------------------------
// gcp

#[test]
fn gcp_has_every_reason_of_the_source_in_its_order_with_its_enum_number() {
    let c = load("gcp");
    let rows = tsv("gcp-error-reasons.tsv");
    assert_eq!(rows.len(), 44);
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    let reasons: Vec<&str> = rows.iter().map(|r| r["reason"].as_str()).collect();
    assert_eq!(codes, reasons);
    for (e, r) in c.entries.iter().zip(&rows) {
        assert_eq!(e.symbol.as_deref(), Some(r["reason"].as_str()));
        let sub = e.subcategory.as_deref().unwrap();
        assert!(
            sub.starts_with(&format!("ErrorReason = {};", r["number"]))
                || sub == format!("ErrorReason = {}", r["number"]),
            "{}: {sub}",
            e.code
        );
        for key in r["example_metadata_keys"].split_whitespace() {
            assert!(sub.contains(key), "{}: {key} not in {sub}", e.code);
        }
        assert_eq!(e.category.as_deref(), Some("googleapis.com"));
        // The proto's sentence is not copied: the summary is our own.
        let summary = e.summary_en.as_deref().unwrap();
        assert!(!summary.contains(&r["first_sentence"]), "{}", e.code);
        assert_eq!(e.message, None);
    }
    assert_kinds_and_texts(&c);
}

#[test]
fn gcp_reasons_are_shown_with_the_advice_their_kind_gives() {
    let file = catalog_path("gcp");
    for (reason, kind, retry) in [
        ("SERVICE_DISABLED", "precondition", "after_fix"),
        ("RATE_LIMIT_EXCEEDED", "rate_limit", "backoff"),
        ("RESOURCE_QUOTA_EXCEEDED", "quota", "later"),
        ("ACCESS_TOKEN_EXPIRED", "auth", "after_fix"),
        ("IAM_PERMISSION_DENIED", "permission", "after_fix"),
        ("BILLING_DISABLED", "payment", "after_fix"),
    ] {
        let e = errdex(&file, &["show", "gcp", reason, "--json"]);
        assert_eq!(
            (e["kind"].as_str(), e["retry"].as_str()),
            (Some(kind), Some(retry)),
            "{reason}"
        );
    }
    // Reasons are looked up without regard to case, as people type them.
    let e = errdex(&file, &["show", "gcp", "service_disabled", "--json"]);
    assert_eq!(e["code"], "SERVICE_DISABLED");
}

// ---------------------------------------------------------------------------------------------
// aws

/// Every `service_error_code` of botocore's legacy retry configuration.
fn legacy_retry_codes() -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v.as_str()) {
                        ("service_error_code", Some(code)) => {
                            out.insert(code.to_string());
                        }
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let path = root().join("catalogs/tools/sources/aws-retry.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut codes = BTreeSet::new();
    walk(&json, &mut codes);
    codes
}

/// The error codes of one botocore retry class (`throttling` or `transient`).
fn retry_class(class: &str) -> Vec<String> {
    tsv("aws-retry-classes.tsv")
        .into_iter()
        .filter(|r| r["retry_class"] == class && r["match"] == "error_code")
        .map(|r| r["value"].clone())
        .collect()
}

#[test]
fn aws_has_one_entry_per_exception_name_listing_the_services_that_define_it() {
    let c = load("aws");
    let codes = by_code(&c);
    let names = names(&c);
    let rows = tsv("aws-exceptions.tsv");
    assert_eq!(rows.len(), 6042);
    let mut services: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &rows {
        services
            .entry(r["shape"].as_str())
            .or_default()
            .push(r["service"].as_str());
    }
    assert_eq!(services.len(), 2695);
    for (shape, defined_by) in &services {
        let e = codes
            .get(shape)
            .unwrap_or_else(|| panic!("{shape} missing"));
        assert_eq!(e.symbol.as_deref(), Some(*shape));
        let listed: Vec<&str> = e.category.as_deref().unwrap().split(", ").collect();
        assert_eq!(&listed, defined_by, "{shape}");
    }
    // The wire codes are names of the shapes that are sent as them.
    for r in rows.iter().filter(|r| !r["error_code"].is_empty()) {
        let owners = &names[r["error_code"].as_str()];
        assert!(owners.contains(&r["shape"].as_str()), "{}", r["error_code"]);
    }
    // Nothing invented: the codes beyond the shapes are the retry configuration's.
    let retry_names: BTreeSet<String> = retry_class("throttling")
        .into_iter()
        .chain(retry_class("transient"))
        .chain(legacy_retry_codes())
        .collect();
    for code in codes.keys().filter(|c| !services.contains_key(*c)) {
        assert!(retry_names.contains(*code), "{code} is in no source");
    }
    for code in &retry_names {
        assert!(names.contains_key(code.as_str()), "{code} missing");
    }
    assert_eq!(c.entries.len(), 2695 + 4);
}

#[test]
fn aws_entries_give_the_status_each_service_gives_where_they_differ() {
    let c = load("aws");
    let codes = by_code(&c);
    let mut statuses: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for r in tsv("aws-exceptions.tsv") {
        let shape = codes[r["shape"].as_str()].code.as_str();
        statuses.entry(shape).or_default();
        if !r["http_status"].is_empty() {
            let status = codes[shape]
                .subcategory
                .as_deref()
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .find(|s| *s == r["http_status"]);
            assert!(status.is_some(), "{shape}: {}", r["http_status"]);
        }
    }
    let e = codes["ResourceNotFoundException"];
    assert_eq!(e.http_status, Some(404));
    let sub = e.subcategory.as_deref().unwrap();
    assert!(sub.starts_with("HTTP 404 in 228 services"), "{sub}");
    assert!(sub.contains("434 in groundstation"), "{sub}");
    assert!(
        sub.contains("sent as ResourceNotFound by cloudsearch, elbv2, sns"),
        "{sub}"
    );
    // A uniform status is stated once.
    assert_eq!(
        codes["DBInstanceNotFoundFault"].subcategory.as_deref(),
        Some("HTTP 404; sent as DBInstanceNotFound")
    );
}

#[test]
fn aws_retry_advice_follows_botocores_retry_classes() {
    let c = load("aws");
    let names = names(&c);
    let codes = by_code(&c);
    let entries_named = |name: &str| -> Vec<&Entry> {
        names
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .iter()
            .map(|code| codes[code])
            .collect()
    };
    let throttling = retry_class("throttling");
    assert_eq!(throttling.len(), 14);
    for name in &throttling {
        for e in entries_named(name) {
            assert_eq!(
                (e.kind.map(|k| k.id()), e.retry.map(|r| r.id())),
                (Some("rate_limit"), Some("backoff")),
                "{name}: {}",
                e.code
            );
        }
    }
    for name in retry_class("transient")
        .into_iter()
        .chain(legacy_retry_codes())
    {
        for e in entries_named(&name) {
            assert_eq!(
                e.retry.map(|r| r.id()),
                Some("backoff"),
                "{name}: {}",
                e.code
            );
        }
    }
    // A shape every service marks retryable is retried.
    let mut retryable: HashMap<String, bool> = HashMap::new();
    for r in tsv("aws-exceptions.tsv") {
        let all = retryable.entry(r["shape"].clone()).or_insert(true);
        *all &= !r["retryable"].is_empty();
    }
    for (shape, _) in retryable.iter().filter(|(_, all)| **all) {
        assert_eq!(
            codes[shape.as_str()].retry.map(|r| r.id()),
            Some("backoff"),
            "{shape}"
        );
    }
    assert_kinds_and_texts(&c);
}

#[test]
fn aws_names_most_services_define_have_our_summary_and_the_rest_the_sources_sentence() {
    let c = load("aws");
    let codes = by_code(&c);
    let rows = tsv("aws-exceptions.tsv");
    let mut spread: HashMap<&str, usize> = HashMap::new();
    let mut sentences: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &rows {
        *spread.entry(r["shape"].as_str()).or_default() += 1;
        if !r["doc_first_sentence"].is_empty() {
            sentences
                .entry(r["shape"].as_str())
                .or_default()
                .push(r["doc_first_sentence"].as_str());
        }
    }
    let mut counts: Vec<usize> = spread.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let cut = counts[199];
    let widely: Vec<&str> = spread
        .iter()
        .filter(|(_, n)| **n >= cut)
        .map(|(s, _)| *s)
        .collect();
    assert!(widely.len() >= 200);
    for shape in &widely {
        assert!(codes[shape].summary_en.is_some(), "{shape}: no summary");
    }
    let summarized = c.entries.iter().filter(|e| e.summary_en.is_some()).count();
    assert!(summarized >= 200, "{summarized}");
    // The others show the source's first sentence, each service's where they differ.
    for (shape, said) in &sentences {
        let e = codes[shape];
        if e.summary_en.is_some() {
            continue;
        }
        let items = e.description.as_ref().unwrap().items();
        for sentence in said {
            assert!(
                items.iter().any(|i| i.ends_with(sentence)),
                "{shape}: {sentence}"
            );
        }
    }
    // A summary is our own words, not the source's sentence.
    for shape in &widely {
        let summary = codes[shape].summary_en.as_deref().unwrap();
        for sentence in sentences.get(shape).into_iter().flatten() {
            assert!(!summary.contains(sentence), "{shape}");
        }
    }
}

#[test]
fn aws_exceptions_are_shown_by_shape_name_and_by_wire_code() {
    let file = catalog_path("aws");
    let e = errdex(&file, &["show", "aws", "ThrottlingException", "--json"]);
    assert_eq!(
        (e["kind"].as_str(), e["retry"].as_str()),
        (Some("rate_limit"), Some("backoff"))
    );
    assert_eq!(e["http_status"], 429);
    let e = errdex(
        &file,
        &[
            "show",
            "aws",
            "ProvisionedThroughputExceededException",
            "--json",
        ],
    );
    assert!(e["category"].as_str().unwrap().contains("dynamodb"));
    // The code the AWS CLI prints for an RDS instance that is not there.
    let e = errdex(&file, &["show", "aws", "DBInstanceNotFound", "--json"]);
    assert_eq!(e["code"], "DBInstanceNotFoundFault");
    assert_eq!(e["kind"], "not_found");
    let e = errdex(&file, &["show", "aws", "SlowDown", "--json"]);
    assert_eq!(e["kind"], "rate_limit");
}

#[test]
fn s3s_daily_errors_have_our_summary_beside_the_sources_sentence() {
    let file = catalog_path("aws");
    for (code, kind, sentence) in [
        ("AccessDenied", "permission", "Access denied."),
        (
            "NoSuchKey",
            "not_found",
            "The specified key does not exist.",
        ),
        (
            "NoSuchBucket",
            "not_found",
            "The specified bucket does not exist.",
        ),
    ] {
        let e = errdex(&file, &["show", "aws", code, "--json"]);
        assert_eq!(e["kind"], kind, "{code}");
        let summary = e["summary_en"].as_str().unwrap_or_else(|| panic!("{code}"));
        assert!(!summary.contains(sentence), "{code}");
        assert!(e["description"].to_string().contains(sentence), "{code}");
    }
}
