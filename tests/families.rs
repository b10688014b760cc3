//! The standard families (HTTP, gRPC, errno, SQLSTATE, SQLite, curl) are rebuilt from their
//! sources, and every catalog speaks the one vocabulary of kinds consistently.

use errdex::catalog::{Entry, Kind, Loaded, VendorType};
use errdex::index::embedded::catalogs as embedded;
use std::path::Path;
use std::process::Command;

const FAMILIES: [&str; 6] = ["http", "grpc", "errno", "postgres", "sqlite", "curl"];

fn catalogs() -> Vec<errdex::catalog::Catalog> {
    embedded::<Vec<Entry>>()
        .into_iter()
        .map(Loaded::catalog)
        .collect()
}

/// Every `catalogs/tools/build_*.py`, run with `--check`: each catalog is what its script makes
/// from its sources, so a family is rebuilt and compared without being listed here.
#[test]
fn each_catalog_is_what_its_build_script_makes_from_the_source() {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs/tools");
    let mut scripts: Vec<_> = std::fs::read_dir(&tools)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("build_") && name.ends_with(".py")
        })
        .collect();
    scripts.sort();
    assert!(scripts.len() >= FAMILIES.len(), "{scripts:?}");
    for script in scripts {
        let out = Command::new("python3")
            .arg(&script)
            .arg("--check")
            .output()
            .expect("python3 runs the build scripts");
        assert!(
            out.status.success(),
            "{}: its catalog differs from its sources:\n{}{}",
            script.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_standard_families_are_embedded() {
    let standards: Vec<String> = catalogs()
        .into_iter()
        .filter(|c| c.vendor.vendor_type == VendorType::Standard)
        .map(|c| c.vendor.id)
        .collect();
    for id in FAMILIES {
        assert!(standards.iter().any(|s| s == id), "{id} not embedded");
    }
}

#[test]
fn source_counts_carry_over() {
    let count = |id: &str| {
        catalogs()
            .into_iter()
            .find(|c| c.vendor.id == id)
            .map(|c| c.entries.len())
    };
    // The counts catalogs/tools/sources/README.md states.
    for (id, n) in [
        ("http", 63),
        ("grpc", 17),
        ("errno", 131),
        ("postgres", 262),
        ("sqlite", 113),
        ("curl", 102),
    ] {
        assert_eq!(count(id), Some(n), "{id}");
    }
}

#[test]
fn every_entry_has_a_kind_that_agrees_with_its_http_status() {
    for c in catalogs() {
        let mut unjudged = Vec::new();
        for e in &c.entries {
            let Some(kind) = e.kind else {
                assert!(
                    e.retry.is_none(),
                    "{} {}: retry without a kind",
                    c.vendor.id,
                    e.code
                );
                unjudged.push(e.code.as_str());
                continue;
            };
            if let Some(status) = e.http_status {
                assert!(
                    kind.info().http.contains(&status),
                    "{} {}: HTTP {status} is not among the statuses of {}",
                    c.vendor.id,
                    e.code,
                    kind.id()
                );
            }
            assert_eq!(
                e.retry.is_some(),
                kind.is_error(),
                "{} {}: retry {:?} for {}",
                c.vendor.id,
                e.code,
                e.retry,
                kind.id()
            );
        }
        // Entries without a kind are few, and the edition's notes say how many.
        assert!(
            unjudged.len() * 5 <= c.entries.len(),
            "{}: {unjudged:?}",
            c.vendor.id
        );
        if !unjudged.is_empty() {
            let count = unjudged.len().to_string();
            assert!(
                c.edition
                    .notes
                    .iter()
                    .any(|n| n.contains(&count) && n.contains("kind")),
                "{}: {} entries without a kind, not counted in the notes {:?}",
                c.vendor.id,
                unjudged.len(),
                c.edition.notes
            );
        }
    }
}

#[test]
fn the_kinds_of_the_http_family_follow_its_classes() {
    let http = catalogs()
        .into_iter()
        .find(|c| c.vendor.id == "http")
        .unwrap();
    for e in &http.entries {
        let class = &e.code[..1];
        let expected = match class {
            "1" | "2" => Some(Kind::Ok),
            "3" => Some(Kind::Redirect),
            _ => None,
        };
        if let Some(kind) = expected {
            assert_eq!(e.kind, Some(kind), "{}", e.code);
        } else if e.symbol.is_none() && e.message.as_deref() != Some("(Unused)") {
            assert!(e.kind.is_some_and(Kind::is_error), "{}", e.code);
        }
    }
}

fn errdex(args: &[&str]) -> (i32, String) {
    let out = assert_cmd::Command::cargo_bin("errdex")
        .unwrap()
        .arg("--no-user-catalogs")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, out) = errdex(args);
    assert_eq!(code, 0, "{args:?}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn families_are_looked_up_by_symbol_as_well_as_number() {
    for (vendor, name, code) in [
        ("errno", "ENOENT", "2"),
        ("errno", "EWOULDBLOCK", "11"),
        ("grpc", "UNAVAILABLE", "14"),
        ("grpc", "NotFound", "5"),
        ("postgres", "unique_violation", "23505"),
        ("sqlite", "SQLITE_BUSY", "5"),
        ("curl", "CURLE_OPERATION_TIMEDOUT", "28"),
    ] {
        let e = json(&["show", vendor, name, "--json"]);
        assert_eq!(e["code"], code, "{vendor} {name}");
        let by_number = json(&["show", vendor, code, "--json"]);
        assert_eq!(by_number["symbol"], e["symbol"], "{vendor} {code}");
    }
    assert_eq!(errdex(&["show", "errno", "ENOTHING"]).0, 1);
}

#[test]
fn a_search_finds_families_by_symbol_and_every_family_by_number() {
    // Node's system error named ECONNREFUSED and errno's symbol are both exact.
    let hits = json(&["search", "ECONNREFUSED", "--json"]);
    assert!(
        (0..2).any(|i| (hits[i]["vendor"].as_str(), hits[i]["code"].as_str())
            == (Some("errno"), Some("111"))),
        "{hits}"
    );
    let hits = json(&["search", "5", "--json"]);
    let first: Vec<(String, String)> = hits
        .as_array()
        .unwrap()
        .iter()
        .take_while(|h| h["code"] == "5")
        .map(|h| {
            (
                h["vendor"].as_str().unwrap().into(),
                h["symbol"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    for (family, symbol) in [
        ("grpc", "NOT_FOUND"),
        ("errno", "EIO"),
        ("sqlite", "SQLITE_BUSY"),
        ("curl", "CURLE_COULDNT_RESOLVE_PROXY"),
    ] {
        assert!(
            first.contains(&(family.into(), symbol.into())),
            "{family} 5: {first:?}"
        );
    }
    // The text output names the family on each row.
    let (_, text) = errdex(&["search", "5", "-n", "4"]);
    for family in ["grpc", "errno", "sqlite", "curl"] {
        assert!(text.lines().any(|l| l.starts_with(family)), "{text}");
    }
}
