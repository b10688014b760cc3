//! A held-out set of pastes (tests/fixtures/decode-set/, written the way runtimes and people
//! print them, without reading the decoder) through `errdex decode --json`: every expected
//! vendor and code identified, no forbidden claim.

use serde_json::Value;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Expected {
    claims: Vec<Claim>,
    forbid: Vec<String>,
    #[serde(default)]
    note: String,
}

#[derive(serde::Deserialize, PartialEq, Debug)]
struct Claim {
    vendor: String,
    code: String,
}

#[test]
fn every_paste_gives_its_claims_and_no_forbidden_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decode-set");
    let expected: std::collections::BTreeMap<String, Expected> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for (file, want) in &expected {
        let out = assert_cmd::Command::cargo_bin("errdex")
            .unwrap()
            .args(["--no-user-catalogs", "decode", "--json"])
            .arg(dir.join(file))
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let errors = v["errors"].as_array().cloned().unwrap_or_default();
        // An identified error: its vendor, and the code of its best match.
        let claimed: Vec<(String, String)> = errors
            .iter()
            .filter(|e| {
                !e["matches"].as_array().is_none_or(Vec::is_empty)
                    || e["confidence"] == "not_in_catalog"
            })
            .filter_map(|e| {
                let vendor = e["vendor"].as_str()?.to_string();
                let code = e["matches"][0]["code"]
                    .as_str()
                    .or(e["code"].as_str())?
                    .to_string();
                Some((vendor, code))
            })
            .collect();
        for c in &want.claims {
            if !claimed.contains(&(c.vendor.clone(), c.code.clone())) {
                failures.push(format!(
                    "{file}: missing {} {} ({}); got {claimed:?}",
                    c.vendor, c.code, want.note
                ));
            }
        }
        for (vendor, code) in &claimed {
            if want.forbid.contains(vendor) {
                failures.push(format!(
                    "{file}: forbidden claim {vendor} {code} ({})",
                    want.note
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pastes wrong:\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n")
    );
}
