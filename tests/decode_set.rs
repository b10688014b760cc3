//! Held-out sets of pastes (tests/fixtures/decode-set/ and tests/fixtures/eval/decode/, written
//! the way runtimes and people print them, without reading the decoder) through `errdex decode
//! --json` and `errdex annotate --json`: every expected vendor and code identified, no forbidden
//! claim.

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

/// The held-out set of pastes in `tests/fixtures/<set>/`, and what each must give.
fn expected(
    set: &str,
) -> (
    std::path::PathBuf,
    std::collections::BTreeMap<String, Expected>,
) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(set);
    let expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    (dir, expected)
}

fn errdex(args: &[&str], file: &Path) -> Vec<u8> {
    assert_cmd::Command::cargo_bin("errdex")
        .unwrap()
        .arg("--no-user-catalogs")
        .args(args)
        .arg(file)
        .output()
        .unwrap()
        .stdout
}

/// An identified error (or a vendor's envelope with a code its catalog lacks): its vendor, and
/// the code of its best match.
fn claims(errors: &[Value]) -> Vec<(String, String)> {
    errors
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
        .collect()
}

fn check(file: &str, want: &Expected, claimed: &[(String, String)], failures: &mut Vec<String>) {
    for c in &want.claims {
        if !claimed.contains(&(c.vendor.clone(), c.code.clone())) {
            failures.push(format!(
                "{file}: missing {} {} ({}); got {claimed:?}",
                c.vendor, c.code, want.note
            ));
        }
    }
    for (vendor, code) in claimed {
        if want.forbid.contains(vendor) {
            failures.push(format!(
                "{file}: forbidden claim {vendor} {code} ({})",
                want.note
            ));
        }
    }
}

fn report(failures: Vec<String>, total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {} pastes wrong:\n{}",
        failures.len(),
        total,
        failures.join("\n")
    );
}

/// Each paste of `set` through `decode --json`: what it got wrong.
fn decode_failures(set: &str) -> (Vec<String>, usize) {
    let (dir, expected) = expected(set);
    let mut failures = Vec::new();
    for (file, want) in &expected {
        let out = errdex(&["decode", "--json"], &dir.join(file));
        let v: Value = serde_json::from_slice(&out).unwrap_or(Value::Null);
        let errors = v["errors"].as_array().cloned().unwrap_or_default();
        check(file, want, &claims(&errors), &mut failures);
    }
    (failures, expected.len())
}

/// Each paste of `set` through `annotate --json`, as a log: what it got wrong, and what it
/// claims that `decode` does not.
fn annotate_failures(set: &str) -> (Vec<String>, usize) {
    let (dir, expected) = expected(set);
    let mut failures = Vec::new();
    for (file, want) in &expected {
        let out = errdex(&["annotate", "--json"], &dir.join(file));
        let mut errors = Vec::new();
        for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let v: Value = serde_json::from_slice(line).unwrap();
            errors.extend(v["errors"].as_array().cloned().unwrap_or_default());
        }
        let claimed = claims(&errors);
        check(file, want, &claimed, &mut failures);
        let decoded: Value =
            serde_json::from_slice(&errdex(&["decode", "--json"], &dir.join(file)))
                .unwrap_or(Value::Null);
        let by_decode = claims(decoded["errors"].as_array().map_or(&[][..], Vec::as_slice));
        for c in claimed.iter().filter(|c| !by_decode.contains(c)) {
            failures.push(format!("{file}: annotate claims {c:?}, decode does not"));
        }
    }
    (failures, expected.len())
}

#[test]
fn every_paste_gives_its_claims_and_no_forbidden_one() {
    let (failures, total) = decode_failures("decode-set");
    report(failures, total);
}

/// `annotate` reads the pastes line by line, as a log: it finds the same errors (a printout over
/// several lines with the lines before it) and claims nothing more.
#[test]
fn annotate_finds_every_paste_s_claims_line_by_line() {
    let (failures, total) = annotate_failures("decode-set");
    report(failures, total);
}

/// The blind evaluation set of issue 26 (tests/fixtures/eval/decode/, written by another hand
/// without reading the decoder: PIXNET-shaped bodies of other APIs, HTTP client printouts,
/// PostgreSQL by its words, lines that claim nothing), through `decode` and `annotate`.
#[test]
fn the_blind_evaluation_set_gives_its_claims_and_no_forbidden_one() {
    let (failures, total) = decode_failures("eval/decode");
    report(failures, total);
    let (failures, total) = annotate_failures("eval/decode");
    report(failures, total);
}
