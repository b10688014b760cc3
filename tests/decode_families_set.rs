//! The held-out set of the families of issues 29 and 30 (tests/fixtures/eval/families/, 113
//! pastes written blind, the format of tests/fixtures/decode-set/) through the decoder and
//! through `errdex annotate --json`: every expected (family, code) claimed, no forbidden
//! family ever claimed, and annotate claiming nothing that decode does not: each reads every
//! paste.

use errdex::decode::{Confidence, FoundError, decode};
use errdex::index::Index;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Expected {
    claims: Vec<Claim>,
    forbid: Vec<String>,
    #[serde(default)]
    note: String,
}

#[derive(serde::Deserialize)]
struct Claim {
    vendor: String,
    code: String,
}

fn set() -> (PathBuf, BTreeMap<String, Expected>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/families");
    let text = std::fs::read_to_string(dir.join("expected.json")).unwrap();
    (dir, serde_json::from_str(&text).unwrap())
}

/// An identified error's family and best entry, or a family's code its catalog lacks.
fn claims(index: &Index, errors: &[FoundError]) -> Vec<(String, String)> {
    errors
        .iter()
        .filter_map(|e| {
            let vendor = e.vendor.clone()?;
            match e.match_rows.first() {
                Some(&r) => Some((vendor, index.code(r).to_string())),
                None if e.confidence == Confidence::NotInCatalog => Some((vendor, e.code.clone()?)),
                None => None,
            }
        })
        .collect()
}

/// The same from `annotate --json`'s lines.
fn annotate_claims(file: &Path) -> Vec<(String, String)> {
    let out = assert_cmd::Command::cargo_bin("errdex")
        .unwrap()
        .args(["--no-user-catalogs", "annotate", "--json"])
        .arg(file)
        .output()
        .unwrap()
        .stdout;
    let mut found = Vec::new();
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_slice(line).unwrap();
        for e in v["errors"].as_array().into_iter().flatten() {
            let identified = !e["matches"].as_array().is_none_or(Vec::is_empty);
            if !identified && e["confidence"] != "not_in_catalog" {
                continue;
            }
            let code = e["matches"][0]["code"].as_str().or(e["code"].as_str());
            if let (Some(vendor), Some(code)) = (e["vendor"].as_str(), code) {
                found.push((vendor.to_string(), code.to_string()));
            }
        }
    }
    found
}

/// What is wrong with `claimed` for `want`: (missing claims, forbidden claims).
fn judge(file: &str, want: &Expected, claimed: &[(String, String)]) -> (Vec<String>, Vec<String>) {
    let missing = want
        .claims
        .iter()
        .filter(|c| !claimed.contains(&(c.vendor.clone(), c.code.clone())))
        .map(|c| format!("{file}: missing {} {} ({})", c.vendor, c.code, want.note))
        .collect();
    let forbidden = claimed
        .iter()
        .filter(|(vendor, _)| want.forbid.contains(vendor))
        .map(|(vendor, code)| format!("{file}: forbidden claim {vendor} {code} ({})", want.note))
        .collect();
    (missing, forbidden)
}

#[test]
fn decode_reads_the_families_set() {
    let index = Index::embedded();
    let (dir, expected) = set();
    let (mut wrong, mut missing, mut forbidden) = (0, Vec::new(), Vec::new());
    for (file, want) in &expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let claimed = claims(&index, &decode(&text, &index).errors);
        let (m, f) = judge(file, want, &claimed);
        wrong += usize::from(!m.is_empty());
        missing.extend(m);
        forbidden.extend(f);
    }
    println!(
        "decode: {} of {} pastes right\n{}",
        expected.len() - wrong,
        expected.len(),
        missing.join("\n")
    );
    assert!(forbidden.is_empty(), "{}", forbidden.join("\n"));
    assert!(
        wrong == 0,
        "{wrong} pastes miss a claim:\n{}",
        missing.join("\n")
    );
}

/// `annotate` reads each paste as a log, line by line: it finds what decode finds of the
/// expected claims, never a forbidden one, and nothing decode does not claim.
#[test]
fn annotate_reads_the_families_set_line_by_line() {
    let index = Index::embedded();
    let (dir, expected) = set();
    let (mut wrong, mut failures) = (0, Vec::new());
    for (file, want) in &expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let by_decode = claims(&index, &decode(&text, &index).errors);
        let claimed = annotate_claims(&dir.join(file));
        let (missing, forbidden) = judge(file, want, &claimed);
        wrong += usize::from(!missing.is_empty());
        failures.extend(forbidden);
        for c in claimed.iter().filter(|c| !by_decode.contains(c)) {
            failures.push(format!("{file}: annotate claims {c:?}, decode does not"));
        }
        if !missing.is_empty() {
            println!("annotate: {}", missing.join("\n"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(wrong == 0, "{wrong} pastes miss a claim in annotate");
}
