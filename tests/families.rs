//! The standard families (HTTP, gRPC, errno, SQLSTATE, SQLite, curl) are rebuilt from their
//! sources, and every catalog speaks the one vocabulary of kinds consistently.

use errdex::catalog::{Entry, Kind, Loaded, VendorType, embedded};
use std::path::Path;
use std::process::Command;

const FAMILIES: [&str; 6] = ["http", "grpc", "errno", "postgres", "sqlite", "curl"];

fn catalogs() -> Vec<errdex::catalog::Catalog> {
    embedded::<Vec<Entry>>()
        .into_iter()
        .map(Loaded::catalog)
        .collect()
}

#[test]
fn each_family_is_what_its_build_script_makes_from_the_source() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for id in FAMILIES {
        let script = root.join(format!("catalogs/tools/build_{id}.py"));
        let out = Command::new("python3")
            .arg(&script)
            .arg("--check")
            .output()
            .expect("python3 runs the build scripts");
        assert!(
            out.status.success(),
            "{id}: catalogs/{id}.json differs from its sources:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let standards: Vec<String> = catalogs()
        .into_iter()
        .filter(|c| c.vendor.vendor_type == VendorType::Standard)
        .map(|c| c.vendor.id)
        .collect();
    assert_eq!(standards, FAMILIES);
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
