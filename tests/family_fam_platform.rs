//! The platform families (Redis, LDAP, Kubernetes, Node.js, MySQL, MongoDB): every code and name
//! of each source file is in its catalog (the sources are read here, apart from the build
//! scripts), every entry has a kind with fitting retry advice, and each catalog passes errdex's
//! validating loader and `errdex catalog check`.

#[path = "support/family_sources.rs"]
mod family_sources;

use errdex::catalog::{Catalog, Entry};
use family_sources::{catalog_path, load, root, tsv};
use std::path::PathBuf;

fn by_code<'a>(c: &'a Catalog, code: &str) -> &'a Entry {
    c.entries
        .iter()
        .find(|e| e.code == code)
        .unwrap_or_else(|| panic!("{}: no entry {code}", c.vendor.id))
}

/// The entry that answers to `name`: its symbol or one of its aliases.
fn by_name<'a>(c: &'a Catalog, name: &str) -> &'a Entry {
    c.entries
        .iter()
        .find(|e| e.symbol.as_deref() == Some(name) || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| panic!("{}: no entry named {name}", c.vendor.id))
}

fn texts(e: &Entry) -> Vec<&str> {
    let mut all: Vec<&str> = e.message.as_deref().into_iter().collect();
    all.extend(e.description.iter().flat_map(|d| d.items()));
    all
}

/// Codes are unique, every entry has a kind, and at least `summaries` entries have a summary of
/// their own. (Whether retry advice fits the kind is checked for every catalog in
/// tests/families.rs.)
fn assert_judged(c: &Catalog, summaries: usize) {
    assert_judged_but(c, summaries, &[]);
}

/// [`assert_judged`], where exactly the entries `unjudged` have no kind (numbers the source marks
/// unused, or range markers with no error of their own).
fn assert_judged_but(c: &Catalog, summaries: usize, unjudged: &[&str]) {
    let id = &c.vendor.id;
    family_sources::by_code(c);
    let without: Vec<&str> = (c.entries.iter())
        .filter(|e| e.kind.is_none())
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(without, unjudged, "{id}: entries without a kind");
    let written = c
        .entries
        .iter()
        .filter(|e| e.summary_en.as_deref().is_some_and(|s| s.len() > 20))
        .count();
    assert!(written >= summaries, "{id}: {written} summaries");
}

#[test]
fn redis_has_every_prefix_and_every_reply_literal() {
    let c = load("redis");
    let rows = tsv("redis-errors.tsv");
    assert_eq!(rows.len(), 65);
    for r in &rows {
        let e = by_code(&c, &r["prefix"]);
        assert_eq!(by_name(&c, &r["prefix"]).code, e.code);
        // The redirect rows describe their format in parentheses after the reply.
        let literal = r["message"].split(" (format ").next().unwrap();
        assert!(texts(e).contains(&literal), "{literal:?} not in {e:?}");
    }
    let prefixes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(prefixes.len(), 35);
    assert!(prefixes.windows(2).all(|w| w[0] < w[1]), "{prefixes:?}");
    assert_judged(&c, 35);
    let wrongtype = by_code(&c, "WRONGTYPE");
    assert_eq!(
        wrongtype.message.as_deref(),
        Some("WRONGTYPE Operation against a key holding the wrong kind of value")
    );
    assert_eq!(by_code(&c, "MOVED").kind.map(|k| k.id()), Some("redirect"));
    assert_eq!(by_code(&c, "NOAUTH").kind.map(|k| k.id()), Some("auth"));
}

#[test]
fn ldap_has_every_result_code_api_error_and_active_directory_sub_code() {
    let c = load("ldap");
    let rows = tsv("ldap-result-codes.tsv");
    assert_eq!(rows.len(), 91);
    for r in &rows {
        let e = by_name(&c, &r["name"]);
        if r["kind"] == "ad-bind-data" {
            // AD prints the Win32 code in hex after "data": `..., data 52e, v4563`.
            let hex = format!("{:x}", r["code"].parse::<u32>().unwrap());
            assert_eq!(e.code, format!("data {hex}"));
            assert!(e.aliases.contains(&hex) && e.aliases.contains(&r["code"]));
            assert_eq!(e.maps_to.len(), 1);
            assert_eq!(
                (e.maps_to[0].vendor.as_str(), e.maps_to[0].code.as_str()),
                ("win32", r["code"].as_str())
            );
            continue;
        }
        assert_eq!(e.code, r["code"], "{}", r["name"]);
        if !r["aliases"].is_empty() {
            assert_eq!(by_name(&c, &r["aliases"]).code, r["code"]);
        }
        let text = r["ldap_err2string"].as_str();
        if text == "Unknown (private extension) error" {
            assert_eq!(e.message, None, "{}", r["name"]);
        } else {
            assert_eq!(e.message.as_deref(), Some(text), "{}", r["name"]);
        }
    }
    assert_eq!(c.entries.len(), 91);
    assert_judged(&c, 91);
    assert_eq!(
        by_code(&c, "data 52e").symbol.as_deref(),
        Some("ERROR_LOGON_FAILURE")
    );
    assert_eq!(by_code(&c, "49").kind.map(|k| k.id()), Some("auth"));
    assert_eq!(by_code(&c, "0").kind.map(|k| k.id()), Some("ok"));
}

#[test]
fn k8s_has_every_reason_and_every_go_constant() {
    let c = load("k8s");
    let rows = tsv("kubernetes-reasons.tsv");
    assert_eq!(rows.len(), 78);
    for r in &rows {
        let e = by_code(&c, &r["reason"]);
        assert_eq!(e.symbol.as_deref(), Some(r["reason"].as_str()));
        let constant = r["go_identifier"].as_str();
        if constant != "k8s.container.status.reason" {
            assert_eq!(by_name(&c, constant).code, r["reason"], "{constant}");
        }
        for text in [&r["source_comment"], &r["otel_brief"]] {
            assert!(
                text.is_empty() || texts(e).contains(&text.as_str()),
                "{text}"
            );
        }
    }
    assert_eq!(c.entries.len(), 73);
    assert_judged(&c, 73);
    assert_eq!(by_name(&c, "FailedToPullImage").code, "Failed");
    assert_eq!(by_code(&c, "OOMKilled").kind.map(|k| k.id()), Some("quota"));
    assert_eq!(by_code(&c, "Pulled").kind.map(|k| k.id()), Some("ok"));
}

#[test]
fn node_has_every_code_of_the_errors_doc_and_every_system_error() {
    let c = load("node");
    let path = root().join("catalogs/tools/sources/node-errors.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let codes = doc["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 362);
    for code in codes {
        let name = code["code"].as_str().unwrap();
        let e = by_code(&c, name);
        assert_eq!(by_name(&c, name).code, name);
        assert_eq!(e.obsolete, code["section"] == "legacy", "{name}");
        assert!(
            texts(e).contains(&code["summary"].as_str().unwrap()),
            "{name}"
        );
    }
    let system = tsv("node-system-errors.tsv");
    assert_eq!(system.len(), 14);
    for r in &system {
        let e = by_name(&c, &r["code"]);
        assert_eq!(e.code, r["code"]);
        let links: Vec<(&str, &str)> = e
            .maps_to
            .iter()
            .map(|m| (m.vendor.as_str(), m.code.as_str()))
            .collect();
        if r["linux_errno"].is_empty() {
            assert!(links.is_empty(), "{links:?}");
        } else {
            assert_eq!(links, [("errno", r["linux_errno"].as_str())]);
        }
        assert!(e.summary_en.is_some(), "{}", r["code"]);
    }
    assert_eq!(c.entries.len(), 362 + 14);
    assert_judged(&c, 150);
    let arg = by_code(&c, "ERR_INVALID_ARG_TYPE");
    assert_eq!(arg.kind.map(|k| k.id()), Some("validation"));
    assert!(arg.summary_en.is_some());
    assert_eq!(
        by_code(&c, "ECONNREFUSED").kind.map(|k| k.id()),
        Some("network")
    );
}

#[test]
fn mysql_has_every_number_and_every_name_of_both_headers() {
    let c = load("mysql");
    let rows = tsv("mysql-errors.tsv");
    assert_eq!(rows.len(), 1302);
    let mut unjudged = Vec::new();
    for r in &rows {
        let e = by_code(&c, &r["code"]);
        assert_eq!(by_name(&c, &r["name"]).code, r["code"], "{}", r["name"]);
        // GPL texts: names and numbers only.
        assert_eq!(
            (e.message.as_deref(), e.description.is_some()),
            (None, false)
        );
        if r["kind"] == "unused" {
            assert!(e.obsolete && e.symbol.as_deref() == Some(r["name"].as_str()));
        }
        if e.kind.is_none() && !unjudged.contains(&e.code.as_str()) {
            unjudged.push(e.code.as_str());
        }
    }
    let mut numbers: Vec<u32> = rows.iter().map(|r| r["code"].parse().unwrap()).collect();
    numbers.sort();
    numbers.dedup();
    let catalog_numbers: Vec<u32> = c.entries.iter().map(|e| e.code.parse().unwrap()).collect();
    assert_eq!(
        catalog_numbers, numbers,
        "one entry per number, in numeric order"
    );
    unjudged.sort_by_key(|code| code.parse::<u32>().unwrap());
    // The 29 unused numbers and the 3 markers with no error of their own.
    assert_eq!(unjudged.len(), 32, "{unjudged:?}");
    for code in ["1880", "2999", "5999"] {
        assert!(unjudged.contains(&code));
    }
    assert_judged_but(&c, 150, &unjudged);
    let denied = by_code(&c, "1045");
    assert_eq!(denied.symbol.as_deref(), Some("ER_ACCESS_DENIED_ERROR"));
    assert_eq!(denied.kind.map(|k| k.id()), Some("auth"));
    assert!(denied.summary_en.is_some());
    assert_eq!(by_code(&c, "1213").kind.map(|k| k.id()), Some("conflict"));
    assert_eq!(by_code(&c, "2003").kind.map(|k| k.id()), Some("network"));
    assert_eq!(by_name(&c, "CR_MIN_ERROR").code, "2000");
}

#[test]
fn mongodb_has_every_code_name_and_category() {
    let c = load("mongodb");
    let rows = tsv("mongodb-error-codes.tsv");
    assert_eq!(rows.len(), 479);
    for r in &rows {
        let e = by_code(&c, &r["code"]);
        assert_eq!(e.symbol.as_deref(), Some(r["name"].as_str()));
        assert_eq!(by_name(&c, &r["name"]).code, r["code"]);
        // SSPL texts: numbers, names and categories only.
        assert_eq!(
            (e.message.as_deref(), e.description.is_some()),
            (None, false)
        );
        for category in r["categories"].split(',').filter(|c| !c.is_empty()) {
            let listed = e.category.as_deref().unwrap_or("");
            assert!(listed.split(", ").any(|l| l == category), "{}", r["code"]);
        }
        assert_eq!(e.obsolete, r["name"].starts_with("OBSOLETE_"));
    }
    let order: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    let source: Vec<&str> = rows.iter().map(|r| r["code"].as_str()).collect();
    assert_eq!(order, source, "the file's order");
    assert_judged(&c, 150);
    let duplicate = by_code(&c, "11000");
    assert_eq!(duplicate.symbol.as_deref(), Some("DuplicateKey"));
    assert_eq!(duplicate.kind.map(|k| k.id()), Some("conflict"));
    assert!(duplicate.summary_en.is_some());
    assert_eq!(by_code(&c, "13").kind.map(|k| k.id()), Some("permission"));
    assert_eq!(by_name(&c, "WriteConcernFailed").code, "64");
}

#[test]
fn each_catalog_passes_catalog_check() {
    let files: Vec<PathBuf> = ["redis", "ldap", "k8s", "node", "mysql", "mongodb"]
        .iter()
        .map(|id| catalog_path(id))
        .collect();
    let out = assert_cmd::Command::cargo_bin("errdex")
        .unwrap()
        .arg("catalog")
        .arg("check")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
