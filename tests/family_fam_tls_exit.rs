//! The TLS and process families (x509, openssl, tls-alert, signal, exit) hold every code and
//! every name of their source files, read here independently of the build scripts; each entry
//! has a kind with fitting retry advice; the links between the families go both ways where the
//! sources state them; and each catalog passes errdex's validating loader.

#[path = "support/family_sources.rs"]
mod family_sources;

use errdex::catalog::{Catalog, CodeRef, Entry};
use family_sources::{
    assert_every_entry_has_a_kind, by_code, catalog_path, errdex_with, load, root, tsv,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every name an entry answers to.
fn names(e: &Entry) -> BTreeSet<&str> {
    e.symbol
        .iter()
        .chain(&e.aliases)
        .map(String::as_str)
        .collect()
}

fn link(vendor: &str, code: &str) -> CodeRef {
    CodeRef {
        vendor: vendor.into(),
        code: code.into(),
    }
}

/// Each entry has a kind and (where asked) a summary of our own that is not the runtime's
/// message.
fn assert_judged(c: &Catalog, every_summary: bool) {
    assert_every_entry_has_a_kind(c);
    for e in &c.entries {
        if every_summary {
            assert!(
                e.summary_en.is_some(),
                "{} {}: no summary",
                c.vendor.id,
                e.code
            );
        }
        if let (Some(summary), Some(message)) = (&e.summary_en, &e.message) {
            assert_ne!(summary, message, "{} {}", c.vendor.id, e.code);
        }
    }
}

fn errdex_show(catalogs: &[&str], vendor: &str, code: &str) -> serde_json::Value {
    let paths: Vec<PathBuf> = catalogs.iter().map(|id| catalog_path(id)).collect();
    let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    errdex_with(&paths, &["show", vendor, code, "--json"])
}

// ---------------------------------------------------------------------------------------------
// x509

#[test]
fn x509_has_every_verify_code_with_its_name_and_text() {
    let c = load("x509");
    let entries = by_code(&c);
    let rows = tsv("openssl-x509-verify.tsv");
    assert_eq!(c.entries.len(), rows.len());
    for r in &rows {
        let e = entries[r["code"].as_str()];
        assert_eq!(e.symbol.as_deref(), Some(r["name"].as_str()));
        assert_eq!(
            e.message.as_deref(),
            Some(r["verify_error_string"].as_str())
        );
        if let Some(short) = r["name"].strip_prefix("X509_V_ERR_") {
            assert!(e.aliases.iter().any(|a| a == short), "{}", r["code"]);
        }
        assert!(e.maps_to.is_empty(), "{}: x509 links to nothing", r["code"]);
    }
    assert_judged(&c, true);
    assert_eq!(entries["0"].kind.map(|k| k.id()), Some("ok"));
    assert_eq!(entries["20"].kind.map(|k| k.id()), Some("network"));
}

#[test]
fn x509_codes_are_found_by_number_and_by_the_name_node_prints() {
    let e = errdex_show(&["x509"], "x509", "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    assert_eq!(e["code"], "21");
    assert_eq!(e["message"], "unable to verify the first certificate");
    let e = errdex_show(&["x509"], "x509", "20");
    assert_eq!(e["symbol"], "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
}

// ---------------------------------------------------------------------------------------------
// openssl

#[test]
fn openssl_has_every_ssl_reason_with_its_name_and_text() {
    let c = load("openssl");
    let entries = by_code(&c);
    let rows = tsv("openssl-ssl-reasons.tsv");
    assert_eq!(c.entries.len(), rows.len());
    for r in &rows {
        let e = entries[r["reason"].as_str()];
        assert_eq!(e.symbol.as_deref(), Some(r["name"].as_str()));
        assert_eq!(e.message.as_deref(), Some(r["reason_string"].as_str()));
        let mnemonic = r["name"].strip_prefix("SSL_R_").unwrap();
        assert!(names(e).contains(mnemonic), "{}", r["name"]);
        // The packed code OpenSSL 3 prints ends in the reason: the low 12 bits.
        let packed = u32::from_str_radix(&r["packed_hex"], 16).unwrap();
        assert_eq!((packed & 0xFFF).to_string(), e.code);
    }
    // In numeric order.
    let codes: Vec<u32> = c.entries.iter().map(|e| e.code.parse().unwrap()).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
    assert_judged(&c, false);
}

#[test]
fn openssl_summarises_at_least_150_reasons_including_the_common_printouts() {
    let c = load("openssl");
    let entries = by_code(&c);
    let summarised = c.entries.iter().filter(|e| e.summary_en.is_some()).count();
    assert!(summarised >= 150, "{summarised}");
    for text in [
        "wrong version number",
        "certificate verify failed",
        "sslv3 alert handshake failure",
        "unexpected eof while reading",
        "no shared cipher",
        "tlsv1 alert protocol version",
        "unsafe legacy renegotiation disabled",
        "tlsv1 alert unknown ca",
        "http request",
    ] {
        let e = c
            .entries
            .iter()
            .find(|e| e.message.as_deref() == Some(text))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(e.summary_en.is_some(), "{text}");
    }
    // The certificate-verify reason points at no invented x509 code.
    assert!(entries["134"].maps_to.is_empty());
    assert!(
        c.edition
            .notes
            .iter()
            .any(|n| n.contains(&summarised.to_string()) && n.contains("summary_en"))
    );
}

// ---------------------------------------------------------------------------------------------
// tls-alert

#[test]
fn tls_alert_has_every_alert_with_its_names_and_links_to_the_ssl_reasons() {
    let alerts = load("tls-alert");
    let openssl = load("openssl");
    let entries = by_code(&alerts);
    let reasons = by_code(&openssl);
    let rows = tsv("tls-alerts.tsv");
    assert_eq!(alerts.entries.len(), rows.len());
    for r in &rows {
        let e = entries[r["alert"].as_str()];
        let expected_symbol = r["name"]
            .trim_start_matches("SSL3_AD_")
            .trim_start_matches("TLS13_AD_")
            .trim_start_matches("TLS1_AD_")
            .to_lowercase();
        assert_eq!(e.symbol.as_deref(), Some(expected_symbol.as_str()));
        assert!(names(e).contains(r["name"].as_str()), "{}", r["name"]);
        assert!(
            names(e).contains(r["ssl_ad_name"].as_str()),
            "{}",
            r["name"]
        );
        assert_eq!(e.message.as_deref(), Some(r["desc_long"].as_str()));
        if r["ssl_r_reason"].is_empty() {
            assert!(e.maps_to.is_empty());
            continue;
        }
        // Alert N and reason 1000 + N name each other.
        assert_eq!(e.maps_to, vec![link("openssl", &r["ssl_r_reason"])]);
        let reason = reasons[r["ssl_r_reason"].as_str()];
        assert_eq!(reason.symbol.as_deref(), Some(r["ssl_r_name"].as_str()));
        assert_eq!(reason.maps_to, vec![link("tls-alert", &r["alert"])]);
        assert_eq!(reason.category.as_deref(), Some("alert received"));
        assert!(reason.summary_en.is_some(), "{}", r["ssl_r_name"]);
    }
    // Only the alert reasons link to alerts.
    let linked = openssl
        .entries
        .iter()
        .filter(|e| !e.maps_to.is_empty())
        .count();
    assert_eq!(
        linked,
        rows.iter()
            .filter(|r| !r["ssl_r_reason"].is_empty())
            .count()
    );
    assert_judged(&alerts, true);
    assert_eq!(entries["0"].kind.map(|k| k.id()), Some("ok"));
    assert!(names(entries["90"]).contains("user_canceled"));
}

#[test]
fn tls_alerts_are_found_by_their_rfc_name() {
    let e = errdex_show(&["tls-alert", "openssl"], "tls-alert", "handshake_failure");
    assert_eq!(e["code"], "40");
    assert_eq!(e["maps_to"][0]["vendor"], "openssl");
    assert_eq!(e["maps_to"][0]["code"], "1040");
}

// ---------------------------------------------------------------------------------------------
// signal

#[test]
fn signal_has_every_signal_with_its_names_text_and_shell_status() {
    let c = load("signal");
    let entries = by_code(&c);
    let rows = tsv("signals.tsv");
    assert_eq!(c.entries.len(), rows.len());
    for r in &rows {
        let e = entries[r["number"].as_str()];
        let expected_symbol = Some(r["name"].as_str()).filter(|n| !n.is_empty());
        assert_eq!(e.symbol.as_deref(), expected_symbol);
        for alias in r["aliases"].split(',').filter(|a| !a.is_empty()) {
            assert!(e.aliases.iter().any(|a| a == alias), "{alias}");
        }
        assert_eq!(e.message.as_deref(), Some(r["glibc_strsignal"].as_str()));
        assert_eq!(e.category.as_deref(), Some(r["default_action"].as_str()));
        assert_eq!(e.maps_to, vec![link("exit", &r["shell_exit_status"])]);
    }
    assert!(names(entries["31"]).contains("SIGUNUSED"));
    assert_judged(&c, true);
    assert_eq!(entries["9"].message.as_deref(), Some("Killed"));
    assert_eq!(entries["17"].kind.map(|k| k.id()), Some("ok"));
    assert_eq!(entries["11"].kind.map(|k| k.id()), Some("internal"));
}

#[test]
fn signals_are_found_by_their_other_names() {
    let e = errdex_show(&["signal"], "signal", "SIGIOT");
    assert_eq!(e["code"], "6");
    assert_eq!(e["message"], "Aborted");
}

// ---------------------------------------------------------------------------------------------
// exit

/// The `#define EX_NAME value` lines of sysexits.h.
fn sysexits() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("catalogs/tools/sources/sysexits.h")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("#define"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|w| w[0].starts_with("EX_"))
        .map(|w| (w[0].to_string(), w[1].to_string()))
        .collect()
}

#[test]
fn exit_has_every_status_its_sources_name_and_nothing_else() {
    let c = load("exit");
    let entries = by_code(&c);
    let defines = sysexits();
    assert_eq!(defines.len(), 18);
    let shell = tsv("shell-exit-statuses.tsv");
    let signals = tsv("signals.tsv");
    let mut expected = BTreeSet::new();
    for (name, value) in &defines {
        let e = entries[value.as_str()];
        assert!(names(e).contains(name.as_str()), "{name} {value}");
        if !name.starts_with("EX__") {
            assert_eq!(e.symbol.as_deref(), Some(name.as_str()));
            expected.insert(value.parse::<u32>().unwrap());
        }
    }
    for r in &shell {
        let status = &r["status"];
        if let Ok(n) = status.parse::<u32>() {
            let e = entries[status.as_str()];
            let sources = e.subcategory.as_deref().unwrap_or_default();
            assert!(
                sources.split(", ").any(|s| s == r["applies_to"]),
                "{status}: {sources}"
            );
            expected.insert(n);
        } else {
            // Ranges and 128+N are not single statuses.
            assert!(["1-255", "128+N", ">0", "0-255"].contains(&status.as_str()));
        }
    }
    for r in &signals {
        let status = &r["shell_exit_status"];
        let e = entries[status.as_str()];
        assert_eq!(e.maps_to[0], link("signal", &r["number"]), "{status}");
        assert_eq!(e.category.as_deref(), Some("signal"));
        expected.insert(status.parse().unwrap());
    }
    let codes: BTreeSet<u32> = c.entries.iter().map(|e| e.code.parse().unwrap()).collect();
    assert_eq!(codes, expected);
    assert_eq!(
        entries["137"].maps_to,
        vec![link("signal", "9"), link("k8s", "OOMKilled")]
    );
    assert_judged(&c, true);
    assert_eq!(entries["0"].kind.map(|k| k.id()), Some("ok"));
    assert_eq!(entries["127"].kind.map(|k| k.id()), Some("not_found"));
}

#[test]
fn exit_statuses_link_to_the_signal_that_ended_the_process() {
    let e = errdex_show(&["exit", "signal"], "exit", "139");
    assert_eq!(e["maps_to"][0]["vendor"], "signal");
    assert_eq!(e["maps_to"][0]["code"], "11");
    let e = errdex_show(&["exit", "signal"], "exit", "EX_USAGE");
    assert_eq!(e["code"], "64");
    let e = errdex_show(&["exit", "signal"], "signal", "SIGSEGV");
    assert_eq!(e["maps_to"][0]["code"], "139");
}

#[test]
fn curl_links_the_ssl_reasons_it_reports_as_its_own_codes() {
    let e = errdex_show(&["curl", "openssl"], "curl", "60");
    assert_eq!(e["maps_to"][0]["vendor"], "openssl");
    assert_eq!(e["maps_to"][0]["code"], "134");
    assert_eq!(e["maps_to"][1]["code"], "1045");
    let e = errdex_show(&["curl", "openssl"], "curl", "98");
    assert_eq!(e["maps_to"][0]["code"], "1116");
    // The text `show` prints each link with the linked entry's message.
    let out = assert_cmd::Command::cargo_bin("errdex")
        .unwrap()
        .arg("--no-user-catalogs")
        .arg("--catalog")
        .arg(catalog_path("curl"))
        .arg("--catalog")
        .arg(catalog_path("openssl"))
        .args(["show", "curl", "60"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("maps to      openssl 134 certificate verify failed"),
        "{text}"
    );
}
